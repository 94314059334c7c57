//! Junk-line rules: the markers of `lang/<code>/junk.toml`, compiled once and matched
//! against every line of a document.
//!
//! A line is judged on its own (plus, for headline lists, the line before it), so the
//! rules stay explainable: every dropped line carries the reason of the rule that hit.

use std::collections::HashMap;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use regex::Regex;
use serde::Deserialize;
use sitrep_core::text::fold_char;

/// The parsed `junk.toml` of one language (outlets are read by [`crate::outlet`]).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct JunkFile {
    #[serde(default)]
    prefix: Vec<MarkerRule>,
    #[serde(default)]
    exact: Vec<MarkerRule>,
    #[serde(default)]
    contains: Vec<ContainsRule>,
    #[serde(default)]
    pattern: Vec<PatternRule>,
    #[serde(default)]
    pub(crate) outlet: Vec<crate::outlet::OutletEntry>,
    /// Upper-case words that open a line with a colon without being a dateline place.
    #[serde(default)]
    pub(crate) not_places: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarkerRule {
    reason: String,
    #[serde(default)]
    header: bool,
    markers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContainsRule {
    reason: String,
    max_words: usize,
    #[serde(default = "one")]
    min_hits: usize,
    markers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternRule {
    reason: String,
    regex: String,
    #[serde(default)]
    requires: Vec<String>,
    #[serde(default)]
    max_len: Option<usize>,
}

fn one() -> usize {
    1
}

/// What a rule says about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    /// Index into [`JunkRules::reasons`].
    pub reason: usize,
    /// The line announces a list of other stories ("Baca Juga", "Related Topics").
    pub header: bool,
}

/// Marker info shared by prefix and exact rules.
#[derive(Debug, Clone, Copy)]
struct Marker {
    reason: usize,
    header: bool,
}

struct Contains {
    reason: usize,
    max_words: usize,
    min_hits: usize,
}

struct Pattern {
    reason: usize,
    regex: Regex,
    /// The regex runs only when one of its required literals is in the folded line.
    gated: bool,
    max_len: usize,
}

/// All junk rules of all embedded languages, compiled. Built once per [`crate::Cleaner`].
pub(crate) struct JunkRules {
    reasons: Vec<String>,
    prefix_matcher: Option<AhoCorasick>,
    prefix_markers: Vec<Marker>,
    exact: HashMap<String, Marker, foldhash::fast::RandomState>,
    /// One automaton for the markers of contains rules and the required literals of
    /// gated patterns, so a line is scanned once.
    scan_matcher: Option<AhoCorasick>,
    scan_owner: Vec<ScanOwner>,
    contains_rules: Vec<Contains>,
    patterns: Vec<Pattern>,
}

/// What a literal of the scan automaton belongs to.
#[derive(Debug, Clone, Copy)]
enum ScanOwner {
    /// Marker number `bit` of contains rule `rule`.
    Contains { rule: usize, bit: u32 },
    /// A required literal of pattern `pattern`.
    Requires { pattern: usize },
}

/// A problem in a junk data file, reported by [`JunkRules::build`].
pub(crate) type RuleError = String;

impl JunkRules {
    /// Compiles the rules of several languages' files. Bad entries (an invalid regex)
    /// are skipped and reported, so one typo in a data file cannot stop cleaning.
    pub(crate) fn build(files: &[(String, JunkFile)]) -> (JunkRules, Vec<RuleError>) {
        let mut errors = Vec::new();
        let mut reasons: Vec<String> = Vec::new();
        let mut reason_id = |r: &str| -> usize {
            if let Some(i) = reasons.iter().position(|x| x == r) {
                i
            } else {
                reasons.push(r.to_string());
                reasons.len() - 1
            }
        };
        let mut prefix_pats = Vec::new();
        let mut prefix_markers = Vec::new();
        let mut exact = HashMap::default();
        let mut scan_pats = Vec::new();
        let mut scan_owner = Vec::new();
        let mut contains_rules = Vec::new();
        let mut patterns = Vec::new();
        for (name, file) in files {
            for rule in &file.prefix {
                let m = Marker {
                    reason: reason_id(&rule.reason),
                    header: rule.header,
                };
                for marker in &rule.markers {
                    let f = fold_line(marker);
                    if !f.is_empty() {
                        prefix_pats.push(f);
                        prefix_markers.push(m);
                    }
                }
            }
            for rule in &file.exact {
                let m = Marker {
                    reason: reason_id(&rule.reason),
                    header: rule.header,
                };
                for marker in &rule.markers {
                    exact
                        .entry(strip_trailing_punct(&fold_line(marker)).to_string())
                        .or_insert(m);
                }
            }
            for rule in &file.contains {
                for (bit, marker) in rule.markers.iter().enumerate() {
                    scan_pats.push(fold_line(marker));
                    scan_owner.push(ScanOwner::Contains {
                        rule: contains_rules.len(),
                        bit: bit.min(63) as u32,
                    });
                }
                contains_rules.push(Contains {
                    reason: reason_id(&rule.reason),
                    max_words: rule.max_words,
                    min_hits: rule.min_hits.max(1),
                });
            }
            for rule in &file.pattern {
                match Regex::new(&rule.regex) {
                    Ok(regex) => {
                        for r in &rule.requires {
                            scan_pats.push(fold_line(r));
                            scan_owner.push(ScanOwner::Requires {
                                pattern: patterns.len(),
                            });
                        }
                        patterns.push(Pattern {
                            reason: reason_id(&rule.reason),
                            regex,
                            gated: !rule.requires.is_empty(),
                            max_len: rule.max_len.unwrap_or(usize::MAX),
                        });
                    }
                    Err(e) => errors.push(format!("{name}: bad regex {:?}: {e}", rule.regex)),
                }
            }
        }
        let prefix_matcher = build_matcher(&prefix_pats, true, &mut errors);
        let scan_matcher = build_matcher(&scan_pats, false, &mut errors);
        (
            JunkRules {
                reasons,
                prefix_matcher,
                prefix_markers,
                exact,
                scan_matcher,
                scan_owner,
                contains_rules,
                patterns,
            },
            errors,
        )
    }

    /// The reason names, indexed by [`Verdict::reason`].
    pub(crate) fn reason(&self, id: usize) -> &str {
        &self.reasons[id]
    }

    /// Judges one line. `folded` is [`fold_line`] of `line`; `line` is trimmed.
    pub(crate) fn judge(&self, line: &str, folded: &str) -> Option<Verdict> {
        if folded.is_empty() {
            return None;
        }
        if let Some(m) = self.exact.get(strip_trailing_punct(folded)) {
            return Some(Verdict {
                reason: m.reason,
                header: m.header,
            });
        }
        if let Some(ac) = &self.prefix_matcher {
            let input = Input::new(folded).anchored(Anchored::Yes);
            if let Some(m) = ac
                .find(input)
                .filter(|m| ends_at_word_boundary(folded, m.end()))
            {
                let marker = self.prefix_markers[m.pattern().as_usize()];
                // "Baca juga: Polisi tangkap ..." is one inline link; "Baca Juga" alone
                // or "Lewati Podcast dan lanjutkan membaca" heads a list of lines.
                let after = &folded[m.end()..];
                let inline =
                    folded[..m.end()].ends_with(':') || after.trim_start().starts_with(':');
                let rest = after.trim_matches(|c: char| !c.is_alphanumeric());
                return Some(Verdict {
                    reason: marker.reason,
                    header: marker.header && (rest.is_empty() || !inline),
                });
            }
        }
        // One scan: markers of contains rules (whole words only) and the literals that
        // enable gated patterns.
        let mut hits: Vec<u64> = Vec::new();
        let mut enabled = 0u128;
        if let Some(ac) = &self.scan_matcher {
            let mut words = None;
            for m in ac.find_overlapping_iter(folded) {
                match self.scan_owner[m.pattern().as_usize()] {
                    ScanOwner::Requires { pattern } => enabled |= 1 << pattern.min(127),
                    ScanOwner::Contains { rule, bit } => {
                        if !is_word_start(folded, m.start())
                            || !ends_at_word_boundary(folded, m.end())
                        {
                            continue;
                        }
                        if *words.get_or_insert_with(|| folded.split(' ').count())
                            > self.contains_rules[rule].max_words
                        {
                            continue;
                        }
                        if hits.is_empty() {
                            hits = vec![0; self.contains_rules.len()];
                        }
                        hits[rule] |= 1 << bit;
                    }
                }
            }
        }
        for (rule, bits) in self.contains_rules.iter().zip(hits) {
            if bits.count_ones() as usize >= rule.min_hits {
                return Some(Verdict {
                    reason: rule.reason,
                    header: false,
                });
            }
        }
        for (i, p) in self.patterns.iter().enumerate() {
            if line.len() > p.max_len || (p.gated && enabled & (1 << i.min(127)) == 0) {
                continue;
            }
            if p.regex.is_match(line) {
                return Some(Verdict {
                    reason: p.reason,
                    header: false,
                });
            }
        }
        None
    }
}

fn build_matcher(
    pats: &[String],
    anchored: bool,
    errors: &mut Vec<RuleError>,
) -> Option<AhoCorasick> {
    if pats.is_empty() {
        return None;
    }
    let mut b = AhoCorasickBuilder::new();
    // A full DFA: a few hundred markers make a small table and the fastest scan.
    b.kind(Some(AhoCorasickKind::DFA));
    if anchored {
        b.match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored);
    } else {
        b.match_kind(MatchKind::Standard);
    }
    match b.build(pats) {
        Ok(ac) => Some(ac),
        Err(e) => {
            errors.push(format!("junk markers: {e}"));
            None
        }
    }
}

/// Folds a line for marker matching: lower case, typographic variants folded, leading
/// bullets/arrows stripped, inner whitespace collapsed to one space.
pub(crate) fn fold_line(line: &str) -> String {
    let start = line
        .find(|c: char| !is_bullet(c) && !c.is_whitespace())
        .unwrap_or(line.len());
    let mut out = String::with_capacity(line.len() - start);
    let mut space = false;
    for c in line[start..].chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        // "Lihat Juga :" and "Lihat Juga:" fold alike.
        if space && !out.is_empty() && c != ':' {
            out.push(' ');
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '*'
            | '-'
            | '–'
            | '—'
            | '>'
            | '»'
            | '›'
            | '▶'
            | '►'
            | '■'
            | '□'
            | '▪'
            | '◆'
            | '●'
            | '→'
            | '|'
            | '+'
            | '#'
    )
}

fn strip_trailing_punct(s: &str) -> &str {
    s.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != ']')
}

fn ends_at_word_boundary(s: &str, end: usize) -> bool {
    let last = s[..end].chars().next_back();
    // Markers that end in punctuation ("foto:", "©") need no boundary after them.
    if last.is_some_and(|c| !c.is_alphanumeric()) {
        return true;
    }
    !s[end..].chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn is_word_start(s: &str, start: usize) -> bool {
    let first = s[start..].chars().next();
    if first.is_some_and(|c| !c.is_alphanumeric()) {
        return true;
    }
    !s[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> JunkRules {
        let files = crate::load_junk_files().0;
        let (rules, errors) = JunkRules::build(&files);
        assert!(errors.is_empty(), "{errors:?}");
        rules
    }

    fn reason(rules: &JunkRules, line: &str) -> Option<String> {
        let line = line.trim();
        rules
            .judge(line, &fold_line(line))
            .map(|v| rules.reason(v.reason).to_string())
    }

    #[test]
    fn folds_bullets_case_and_spaces() {
        assert_eq!(fold_line("  •  BACA   JUGA: Polisi"), "baca juga: polisi");
        assert_eq!(fold_line("» Lihat “Juga”"), "lihat \"juga\"");
        assert_eq!(fold_line("Topics :"), "topics:");
    }

    #[test]
    fn drops_related_promo_byline_caption_lines() {
        let r = rules();
        let cases = [
            (
                "Baca juga: Polisi Tangkap Dua Pelaku Begal di Bekasi",
                "related-article",
            ),
            ("BACA JUGA: Banjir Rendam 3 Kecamatan", "related-article"),
            (
                "Lihat juga: Video Detik-detik Penangkapan",
                "related-article",
            ),
            (
                "Read also: Floods displace thousands in Java",
                "related-article",
            ),
            ("RELATED: Ceasefire talks stall again", "related-article"),
            (
                "Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu akses berita Kompas.com WhatsApp Channel : https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D",
                "promo",
            ),
            (
                "Follow us on Twitter and Facebook for the latest updates",
                "promo",
            ),
            (
                "Artikel ini telah tayang di Kompas.com dengan judul \"Banjir Bandang Terjang Garut\"",
                "syndication-note",
            ),
            ("Penulis: Rina Ayu | Editor: Fadli Rahman", "byline"),
            ("Pewarta: Muhammad Zulfikar", "byline"),
            ("(idh/imk)", "byline"),
            (
                "(Reporting by Tom Balmforth; Editing by Alex Richardson)",
                "byline",
            ),
            ("By JIM GOMEZ and AARON FAVILA", "byline"),
            (
                "Foto: Polisi berjaga di lokasi ledakan (Rifkianto/detikcom)",
                "caption",
            ),
            (
                "Petugas memeriksa puing rumah yang tertimbun longsor di Desa Cibadak, Sukabumi, Senin (12/9/2022). ANTARA FOTO/Raisan Al Farisi/wsj.",
                "caption",
            ),
            (
                "Smoke rises after an Israeli strike in Khan Younis, in the southern Gaza Strip, November 5, 2023. REUTERS/Ibraheem Abu Mustafa",
                "caption",
            ),
            ("Copyright © ANTARA 2022", "copyright"),
            ("ADVERTISEMENT", "widget"),
            ("SCROLL TO CONTINUE WITH CONTENT", "widget"),
            ("[Gambas:Video 20detik]", "widget"),
            (
                "Slot gacor hari ini, daftar situs slot maxwin terpercaya",
                "spam",
            ),
        ];
        for (line, want) in cases {
            assert_eq!(reason(&r, line).as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn keeps_article_sentences_that_share_words_with_markers() {
        let r = rules();
        let keep = [
            "Polisi menggerebek tempat judi online di Medan dan menangkap 12 orang.",
            "Presiden mengatakan pemerintah akan membaca juga laporan intelijen itu.",
            "Followers of the cleric gathered outside the court on Monday.",
            "By Monday evening, rescuers had pulled 14 survivors from the rubble.",
            "The photo shows soldiers near the border, the ministry said.",
            "Warga menyebut foto itu diambil di Kecamatan Cibinong.",
            "Copyright lawyers said the ruling would be appealed.",
            "Relatedly, the army said two soldiers were wounded.",
            "Share prices fell 3% after the attack on the refinery.",
            "Reuters could not independently verify the footage.",
            "Kantor berita ANTARA melaporkan dua orang tewas dalam kecelakaan itu.",
        ];
        for line in keep {
            assert_eq!(reason(&r, line), None, "{line}");
        }
    }

    #[test]
    fn header_lines_are_marked() {
        let r = rules();
        let line = "Baca Juga:";
        let v = r.judge(line, &fold_line(line)).unwrap();
        assert!(v.header);
        let line = "Baca juga: Harga cabai naik";
        let v = r.judge(line, &fold_line(line)).unwrap();
        assert!(!v.header);
    }
}
