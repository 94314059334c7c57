//! Tokeniser: words, numbers, punctuation, with byte offsets.

use sitrep_core::document::{Token, TokenKind};

/// Tokenises `text[from..to]`; offsets in the tokens are into `text`.
///
/// Words keep inner hyphens and apostrophes ("serangan-serangan", "al-Sudani",
/// "Israel's" is split as "Israel" + "'s"), dotted acronyms ("U.S") stay one word,
/// numbers keep inner separators ("1,000", "10.30", "12/9/2022").
pub fn tokenize(text: &str, from: usize, to: usize) -> Vec<Token> {
    let s = &text[from..to];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::with_capacity(chars.len() / 5 + 1);
    let n = chars.len();
    let mut i = 0;
    let at = |k: usize| if k < n { Some(chars[k].1) } else { None };
    let off = |k: usize| if k < n { chars[k].0 } else { s.len() };
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() || is_invisible(c) {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphabetic() {
            kind = TokenKind::Word;
            i += 1;
            loop {
                match at(i) {
                    Some(c) if c.is_alphanumeric() || is_mark(c) => i += 1,
                    Some('-') | Some('\u{2011}')
                        if at(i + 1).is_some_and(|c| c.is_alphanumeric()) =>
                    {
                        i += 2
                    }
                    // Inner apostrophe of a name ("O'Brien", "Rufay'i"), but not a
                    // possessive 's / s' which is split off below.
                    Some('\'') | Some('’')
                        if at(i + 1).is_some_and(|c| c.is_alphabetic())
                            && (!matches!(at(i + 1), Some('s') | Some('S'))
                                || at(i + 2).is_some_and(|c| c.is_alphanumeric())) =>
                    {
                        i += 2
                    }
                    // Dotted acronym: "U.S", "U.N" (single letters separated by dots).
                    Some('.')
                        if at(i + 1).is_some_and(|c| c.is_alphabetic())
                            && at(i + 2) == Some('.')
                            && i - start == 1 =>
                    {
                        i += 2;
                        while at(i) == Some('.')
                            && at(i + 1).is_some_and(|c| c.is_alphabetic())
                            && at(i + 2) == Some('.')
                        {
                            i += 2;
                        }
                    }
                    _ => break,
                }
            }
        } else if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            kind = TokenKind::Number;
            i += 1;
            loop {
                match at(i) {
                    Some(c) if c.is_ascii_digit() || c.is_numeric() => i += 1,
                    Some('.') | Some(',') | Some(':') | Some('/')
                        if at(i + 1).is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        i += 2
                    }
                    // "20th", "3rd", "2km": letters glued to a number stay with it.
                    Some(c) if c.is_alphabetic() => {
                        while at(i).is_some_and(|c| c.is_alphabetic()) {
                            i += 1;
                        }
                        break;
                    }
                    _ => break,
                }
            }
        } else if c == '\'' || c == '’' {
            // Possessive "'s" is its own word token.
            if matches!(at(i + 1), Some('s') | Some('S'))
                && !at(i + 2).is_some_and(|c| c.is_alphanumeric())
                && i > 0
                && chars[i - 1].1.is_alphanumeric()
            {
                kind = TokenKind::Word;
                i += 2;
            } else {
                kind = TokenKind::Punct;
                i += 1;
            }
        } else if is_punct(c) {
            kind = TokenKind::Punct;
            i += 1;
            // "..." is one token.
            if c == '.' {
                while at(i) == Some('.') {
                    i += 1;
                }
            }
        } else {
            kind = TokenKind::Symbol;
            i += 1;
        }
        out.push(Token {
            start: from + off(start),
            end: from + off(i),
            kind,
        });
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0591}'..='\u{05C7}' | '\u{064B}'..='\u{065F}')
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || c.is_control()
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '“' | '”' | '‘' | '«' | '»' | '–' | '—' | '…' | '·' | '•' | '‹' | '›' | '„'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t, 0, t.len())
            .iter()
            .map(|k| &t[k.start..k.end])
            .collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(
            toks("Israel's U.S. forces killed 1,000 at 10.30."),
            vec![
                "Israel", "'s", "U.S", ".", "forces", "killed", "1,000", "at", "10.30", "."
            ]
        );
        assert_eq!(
            toks("serangan-serangan (12/9/2022) al-Rufay'i"),
            vec!["serangan-serangan", "(", "12/9/2022", ")", "al-Rufay'i"]
        );
        assert_eq!(toks("tembak-menembak…"), vec!["tembak-menembak", "…"]);
    }

    #[test]
    fn skips_invisible_and_control_characters() {
        assert_eq!(toks("a\u{200B}b\u{0007} c"), vec!["a", "b", "c"]);
    }
}
