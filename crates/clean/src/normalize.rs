//! Character-level normalisation: line endings, spaces, invisible and control
//! characters, leaked HTML entities, Unicode composition. Runs before any rule so that
//! markers, datelines and sentence splitting all see one canonical text.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// What normalisation removed or found, for warnings.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct NormalizeReport {
    /// Control characters dropped (other than tab and line breaks).
    pub control: usize,
    /// Zero-width, soft-hyphen and bidirectional formatting characters dropped.
    pub invisible: usize,
    /// Words mixing Latin letters with Cyrillic or Greek ones (homoglyph spoofing).
    pub mixed_script_words: usize,
    /// HTML entities decoded in plain text.
    pub entities: usize,
}

/// Normalises `text`: "\r\n", "\r", U+2028/2029 become "\n"; tabs and exotic spaces
/// become one space; runs of spaces collapse; every line is trimmed; zero-width and
/// control characters go; leaked entities ("&amp;", "&#8220;") are decoded; the text is
/// NFC-composed. Line count and order are kept (blank lines stay blank) so that line
/// numbers in dropped-line reports match the input.
pub(crate) fn normalize(text: &str, report: &mut NormalizeReport) -> String {
    let decoded;
    let text = if text.contains('&') {
        decoded = decode_entities(text, &mut report.entities);
        decoded.as_str()
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut line_start = 0;
    // Script tracking for the current word: bit 0 Latin, bit 1 Cyrillic, bit 2 Greek.
    let mut word_scripts = 0u8;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of printable ASCII other than space is copied as is.
        let run = bytes[i..]
            .iter()
            .position(|&b| !(0x21..0x7F).contains(&b))
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            // Only the words at the ends of an ASCII run can mix scripts.
            let run_bytes = &bytes[i..i + run];
            if run_bytes[0].is_ascii_alphabetic() {
                word_scripts |= 1;
            }
            if let Some(last_break) = run_bytes.iter().rposition(|b| !b.is_ascii_alphabetic()) {
                count_mixed(&mut word_scripts, report);
                if last_break + 1 < run {
                    word_scripts |= 1;
                }
            }
            out.push_str(&text[i..i + run]);
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\r' => {
                if c == '\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.truncate(line_start + out[line_start..].trim_end().len());
                out.push('\n');
                line_start = out.len();
                pending_space = false;
                count_mixed(&mut word_scripts, report);
            }
            c if c.is_whitespace() => {
                pending_space = out.len() > line_start;
                count_mixed(&mut word_scripts, report);
            }
            c if is_invisible(c) => report.invisible += 1,
            c if c.is_control() => report.control += 1,
            c => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                if c.is_alphabetic() {
                    word_scripts |= script_bit(c);
                } else {
                    count_mixed(&mut word_scripts, report);
                }
                out.push(c);
            }
        }
    }
    count_mixed(&mut word_scripts, report);
    out.truncate(line_start + out[line_start..].trim_end().len());
    if is_nfc_quick(out.chars()) != IsNormalized::Yes {
        out = out.nfc().collect();
    }
    out
}

fn count_mixed(scripts: &mut u8, report: &mut NormalizeReport) {
    if *scripts & 1 != 0 && *scripts & 6 != 0 {
        report.mixed_script_words += 1;
    }
    *scripts = 0;
}

fn script_bit(c: char) -> u8 {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => 1,
        '\u{0400}'..='\u{052F}' => 2,
        '\u{0370}'..='\u{03FF}' => 4,
        _ => 0,
    }
}

/// Zero-width characters, soft hyphens, bidi controls and BOMs: invisible, and a known
/// way to hide text from filters or to spoof names.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{180E}'
    )
}

/// Decodes the HTML entities that leak into crawled plain text.
fn decode_entities(text: &str, count: &mut usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|s| decode_entity(&after[..s]).map(|c| (c, s)));
        match decoded {
            Some((c, s)) => {
                out.push(c);
                *count += 1;
                rest = &after[s + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "deg" => '°',
        "eacute" => 'é',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(t: &str) -> (String, NormalizeReport) {
        let mut r = NormalizeReport::default();
        (normalize(t, &mut r), r)
    }

    #[test]
    fn canonical_lines_and_spaces() {
        let (t, r) = norm(
            "  Polisi\u{00A0}\u{00A0}menangkap\tdua  orang. \r\n\r\nKedua\u{200B} pelaku\u{0007}\rditahan.  ",
        );
        assert_eq!(t, "Polisi menangkap dua orang.\n\nKedua pelaku\nditahan.");
        assert_eq!(r.invisible, 1);
        assert_eq!(r.control, 1);
    }

    #[test]
    fn decodes_leaked_entities_only() {
        let (t, r) = norm("AT&amp;T &#8220;kata&#8221; R&D &foo; &#0;");
        assert_eq!(t, "AT&T “kata” R&D &foo; &#0;");
        assert_eq!(r.entities, 3);
    }

    #[test]
    fn flags_homoglyph_words() {
        // Cyrillic 'О' inside a Latin word.
        let (_, r) = norm("JAKARTA, KОMPAS.com - Polisi");
        assert_eq!(r.mixed_script_words, 1);
        let (_, r) = norm("Москва and Jakarta");
        assert_eq!(r.mixed_script_words, 0);
    }

    #[test]
    fn composes_to_nfc() {
        let (t, _) = norm("Kəlbəcər Cafe\u{0301}");
        assert_eq!(t, "Kəlbəcər Café");
    }
}
