//! Datelines: "JAKARTA, KOMPAS.com -", "YEREVAN (Reuters) -", "Phnom Penh (ANTARA) -",
//! "TEMPO.CO, Jakarta -", "Jakarta -". The place is a location hint for the whole
//! article, the outlet names the source; neither belongs to the first sentence.

use std::collections::HashSet;

use crate::junk::fold_line;
use crate::outlet::Outlets;

/// A dateline found at the start of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DatelineMatch {
    /// The dateline as written, dash included ("JAKARTA, KOMPAS.com -").
    pub text: String,
    /// Place named by the dateline.
    pub place: Option<String>,
    /// Outlet named by the dateline, as written.
    pub outlet: Option<String>,
    /// Byte offset in the line where the article text starts.
    pub end: usize,
}

/// Longest prefix (in bytes) that can be a dateline.
const MAX_PREFIX: usize = 120;

/// Reads a dateline off the start of `line`, if there is one. `not_places` are folded
/// upper-case openers that are no place ("BREAKING:").
pub(crate) fn parse(
    line: &str,
    outlets: &Outlets,
    not_places: &HashSet<String>,
) -> Option<DatelineMatch> {
    if let Some(d) = parse_colon_form(line, not_places) {
        return Some(d);
    }
    let (dash_start, dash_end) = find_dash(line)?;
    let prefix = line[..dash_start].trim();
    if prefix.is_empty() || prefix.chars().count() > 80 || prefix.split_whitespace().count() > 9 {
        return None;
    }
    if prefix.contains(['"', '“', '”', '!', '?', ';']) {
        return None;
    }
    let (place, outlet) = if let Some(open) = prefix.rfind('(').filter(|_| prefix.ends_with(')')) {
        let outlet = prefix[open + 1..prefix.len() - 1].trim();
        if outlet.is_empty()
            || outlet.chars().any(|c| c.is_ascii_digit())
            || outlet.split_whitespace().count() > 4
        {
            return None;
        }
        let place = prefix[..open].trim().trim_end_matches(',').trim();
        let place = strip_date(place);
        if !place.is_empty() && !looks_like_place(place) {
            return None;
        }
        (non_empty(place), Some(outlet.to_string()))
    } else {
        let parts: Vec<&str> = prefix.split(',').map(str::trim).collect();
        match parts.as_slice() {
            [single] => {
                if is_outlet_like(single, outlets) {
                    (None, Some(single.to_string()))
                } else if looks_like_place(single)
                    && single.split_whitespace().count() <= 3
                    && single.chars().count() <= 30
                    && !single.contains('.')
                {
                    (Some(single.to_string()), None)
                } else {
                    return None;
                }
            }
            [a, rest @ ..] if rest.len() <= 2 => {
                let b = rest[0];
                let date_tail = rest
                    .get(1)
                    .is_none_or(|d| d.chars().any(|c| c.is_ascii_digit()));
                if !date_tail {
                    return None;
                }
                if is_outlet_like(b, outlets) && looks_like_place(a) {
                    (Some(a.to_string()), Some(b.to_string()))
                } else if is_outlet_like(a, outlets) && looks_like_place(strip_date(b)) {
                    (non_empty(strip_date(b)), Some(a.to_string()))
                } else if is_upper(a)
                    && looks_like_place(a)
                    && looks_like_name(b)
                    && rest.len() == 1
                {
                    // "MARANCHON, SPAIN —", "KYIV, Ukraine —": a place with its region. An
                    // outlet the table does not know cannot be told from a region here.
                    (Some(format!("{a}, {b}")), None)
                } else if looks_like_place(a)
                    && a.split_whitespace().count() <= 3
                    && regional(b)
                    && rest.len() == 1
                    && line[dash_start..dash_end].contains(['–', '—'])
                {
                    // "Ramallah, occupied West Bank –", "Kyiv, Ukraine –": a title-case place
                    // and its region before a long dash, as Al Jazeera writes them.
                    (Some(format!("{a}, {}", region_name(b))), None)
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    };
    let mut end = dash_end;
    end += line[end..].len() - line[end..].trim_start().len();
    Some(DatelineMatch {
        text: line[..dash_end].trim().to_string(),
        place,
        outlet,
        end,
    })
}

/// Malaysian-style dateline: an upper-case place and a colon ("PASIR GUDANG: Tiga ...").
fn parse_colon_form(line: &str, not_places: &HashSet<String>) -> Option<DatelineMatch> {
    let colon = line.find(':').filter(|&c| c <= 40)?;
    let head = line[..colon].trim();
    let after = line[colon + 1..].chars().next();
    if !after.is_none_or(char::is_whitespace)
        || !is_upper(head)
        || head.split_whitespace().count() > 4
        || !looks_like_place(head)
        || not_places.contains(&fold_line(head))
    {
        return None;
    }
    let rest = &line[colon + 1..];
    let end = colon + 1 + (rest.len() - rest.trim_start().len());
    Some(DatelineMatch {
        text: line[..=colon].to_string(),
        place: Some(head.to_string()),
        outlet: None,
        end,
    })
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Finds the dash that ends a dateline: a run of '-', '–', '—' within the first
/// [`MAX_PREFIX`] bytes, preceded by a space, ')' or a word end and followed by a space
/// or the end of the line (so "serangan-serangan" and "Jakarta-Bandung" never match).
fn find_dash(line: &str) -> Option<(usize, usize)> {
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if i > MAX_PREFIX {
            return None;
        }
        if !matches!(c, '-' | '–' | '—') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if matches!(d, '-' | '–' | '—') {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        if i == 0 {
            return None;
        }
        let before = line[..i].chars().next_back();
        let after = line[end..].chars().next();
        let spaced_after = after.is_none_or(|c| c.is_whitespace());
        let closes_paren = before == Some(')');
        let ok_before = before
            .is_some_and(|c| c.is_whitespace() || c == ')' || c.is_alphanumeric() || c == '.');
        if ok_before && (spaced_after || (closes_paren && after.is_some_and(|c| c.is_uppercase())))
        {
            return Some((i, end));
        }
        // Any other dash means this is not a dateline line.
        return None;
    }
    None
}

/// Removes a trailing date from a place ("LONDON, Nov 5" → "LONDON").
fn strip_date(place: &str) -> &str {
    match place.rfind(',') {
        Some(k) if place[k..].chars().any(|c| c.is_ascii_digit()) => place[..k].trim(),
        _ => place,
    }
}

/// Capitalised words, possibly with a comma-separated region ("GAZA CITY, Gaza Strip").
fn looks_like_place(s: &str) -> bool {
    if s.is_empty() || s.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    s.split(',').all(|part| looks_like_name(part.trim()))
}

/// One to five words, each starting with a capital letter (particles allowed inside).
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    words.iter().enumerate().all(|(k, w)| {
        let first = w.chars().next();
        first.is_some_and(|c| c.is_uppercase())
            || (k > 0
                && matches!(
                    *w,
                    "de" | "del" | "da" | "di" | "al" | "el" | "la" | "upon" | "am" | "an" | "of"
                ))
    })
}

/// Qualifiers a dateline region may carry in lower case ("occupied West Bank").
const REGION_QUALIFIERS: &[&str] = &[
    "occupied", "northern", "southern", "eastern", "western", "central", "north", "south", "east",
    "west",
];

/// A region name, optionally after a lower-case qualifier ("occupied West Bank").
fn regional(s: &str) -> bool {
    // (An empty name has no words, which `looks_like_name` already refuses.)
    looks_like_name(region_name(s))
}

/// The region without its lower-case qualifier.
fn region_name(s: &str) -> &str {
    match s.split_once(' ') {
        Some((q, rest)) if REGION_QUALIFIERS.contains(&q) => rest.trim(),
        _ => s,
    }
}

fn is_upper(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && !s.chars().any(|c| c.is_lowercase())
}

/// A web-domain-like name ("KOMPAS.com", "TEMPO.CO", "Liputan6.com") or a known alias.
fn is_outlet_like(s: &str, outlets: &Outlets) -> bool {
    if s.is_empty() || s.split_whitespace().count() > 4 {
        return false;
    }
    if outlets.by_alias(s).is_some() {
        return true;
    }
    looks_like_domain(s)
}

/// "KOMPAS.com", "REPUBLIKA.CO.ID", "Bisnis.com": letters or digits, a dot, then a
/// 2-6 letter label.
pub(crate) fn looks_like_domain(s: &str) -> bool {
    if s.contains(char::is_whitespace) {
        return false;
    }
    let Some(dot) = s.rfind('.') else {
        return false;
    };
    let tld = &s[dot + 1..];
    let head = &s[..dot];
    (2..=6).contains(&tld.len())
        && tld.chars().all(char::is_alphabetic)
        && head.chars().any(char::is_alphanumeric)
        && head
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlets() -> Outlets {
        Outlets::new(
            crate::load_junk_files()
                .0
                .into_iter()
                .flat_map(|(_, f)| f.outlet),
        )
    }

    fn p(line: &str) -> Option<(Option<String>, Option<String>, String)> {
        let not_places: HashSet<String> = ["breaking".to_string(), "baca juga".to_string()].into();
        parse(line, &outlets(), &not_places).map(|d| (d.place, d.outlet, line[d.end..].to_string()))
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn reads_common_dateline_shapes() {
        assert_eq!(
            p("Ramallah, occupied West Bank – Israeli forces killed four Palestinians."),
            Some((
                s("Ramallah, West Bank"),
                None,
                "Israeli forces killed four Palestinians.".into()
            ))
        );
        assert_eq!(
            p("Kyiv, Ukraine – Russia launched 112 drones overnight."),
            Some((
                s("Kyiv, Ukraine"),
                None,
                "Russia launched 112 drones overnight.".into()
            ))
        );
        // A sentence with an aside is no dateline.
        assert_eq!(p("Smith, the mayor – who resigned – spoke."), None);
        assert_eq!(
            p("JAKARTA, KOMPAS.com - Polisi menangkap dua pelaku."),
            Some((
                s("JAKARTA"),
                s("KOMPAS.com"),
                "Polisi menangkap dua pelaku.".into()
            ))
        );
        assert_eq!(
            p("YEREVAN (Reuters) - Armenia said on Monday ..."),
            Some((
                s("YEREVAN"),
                s("Reuters"),
                "Armenia said on Monday ...".into()
            ))
        );
        assert_eq!(
            p("Phnom Penh (ANTARA) - Kamboja menggelar pemilu."),
            Some((
                s("Phnom Penh"),
                s("ANTARA"),
                "Kamboja menggelar pemilu.".into()
            ))
        );
        assert_eq!(
            p("TEMPO.CO, Jakarta - Komisi Pemberantasan Korupsi menahan"),
            Some((
                s("Jakarta"),
                s("TEMPO.CO"),
                "Komisi Pemberantasan Korupsi menahan".into()
            ))
        );
        assert_eq!(
            p("Jakarta - Banjir merendam ratusan rumah."),
            Some((s("Jakarta"), None, "Banjir merendam ratusan rumah.".into()))
        );
        assert_eq!(
            p("LONDON, Nov 5 (Reuters) - British police arrested"),
            Some((s("LONDON"), s("Reuters"), "British police arrested".into()))
        );
        assert_eq!(
            p("GAZA CITY, Gaza Strip (AP) — Israeli troops"),
            Some((s("GAZA CITY, Gaza Strip"), s("AP"), "Israeli troops".into()))
        );
        assert_eq!(
            p("Jakarta, CNN Indonesia -- Kejaksaan Agung memeriksa"),
            Some((
                s("Jakarta"),
                s("CNN Indonesia"),
                "Kejaksaan Agung memeriksa".into()
            ))
        );
        assert_eq!(
            p("(Reuters) — The New York State Attorney General"),
            Some((
                None,
                s("Reuters"),
                "The New York State Attorney General".into()
            ))
        );
        assert_eq!(
            p("JAKARTA, KOMPAS.com -"),
            Some((s("JAKARTA"), s("KOMPAS.com"), "".into()))
        );
        assert_eq!(
            p("MARANCHON, SPAIN — Firefighters battled"),
            Some((s("MARANCHON, SPAIN"), None, "Firefighters battled".into()))
        );
        assert_eq!(
            p("PASIR GUDANG: Tiga pekerja cedera"),
            Some((s("PASIR GUDANG"), None, "Tiga pekerja cedera".into()))
        );
        assert_eq!(p("BREAKING: Gempa guncang Cianjur"), None);
        assert_eq!(p("Catatan: data sementara"), None);
        assert_eq!(p("Pukul 10:30 WIB polisi tiba"), None);
    }

    #[test]
    fn ignores_sentences_with_dashes() {
        for line in [
            "Serangan-serangan itu menewaskan 12 orang - kata polisi.",
            "Jalur Jakarta-Bandung ditutup sementara.",
            "Presiden Joko Widodo mengatakan - dalam pidatonya - bahwa",
            "The army - which denies the claim - said",
            "Senin (12/9/2022) - Banjir datang lagi.",
            "Dua orang tewas - satu luka berat.",
            "\"Kami siap\" - kata dia.",
        ] {
            assert_eq!(p(line), None, "{line}");
        }
    }

    #[test]
    fn recognises_domains() {
        assert!(looks_like_domain("REPUBLIKA.CO.ID"));
        assert!(looks_like_domain("Liputan6.com"));
        assert!(!looks_like_domain("U.S"));
        assert!(!looks_like_domain("Jakarta"));
    }
}
