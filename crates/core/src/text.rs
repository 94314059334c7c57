//! Small text utilities every stage needs: case folding, accent stripping and
//! conversion between byte offsets (used internally) and character offsets (in records).

/// Folds a string for dictionary lookup: lowercase, common accents and typographic
/// variants removed ("Kəlbəcər" → "kelbecer", "Côte d’Ivoire" → "cote d'ivoire").
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_push(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`: [`fold`] without a new allocation. Most
/// words are ASCII, which folds a whole word at a time.
pub fn fold_push(s: &str, out: &mut String) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        for c in s.chars() {
            fold_char(c, out);
        }
    }
}

/// Appends the folded form of one character.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let mapped: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē'
        | 'Ė' | 'Ę' | 'Ě' | 'Ə' => "e",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' | 'Ğ' | 'Ģ' => "g",
        'ĥ' | 'ħ' | 'Ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
            "i"
        }
        'ĵ' => "j",
        'ķ' | 'Ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ŕ' | 'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū'
        | 'Ů' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'þ' | 'Þ' => "th",
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => "-",
        '\u{00A0}' | '\u{2009}' | '\u{202F}' => " ",
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push_str(mapped);
}

/// Maps byte offsets of one string to character offsets, in O(1) per lookup after an
/// O(n) build. Records carry character offsets so Python and JavaScript users can slice.
pub struct CharOffsets {
    /// For each byte index (and the end), the index of the char it belongs to; empty
    /// for ASCII text, where the two offsets are equal.
    byte_to_char: Vec<u32>,
    len: usize,
}

impl CharOffsets {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> CharOffsets {
        let len = text.len();
        if text.is_ascii() {
            return CharOffsets {
                byte_to_char: Vec::new(),
                len,
            };
        }
        let mut byte_to_char = Vec::with_capacity(len + 1);
        let mut ci = 0u32;
        for &b in text.as_bytes() {
            // A byte that is not a UTF-8 continuation byte starts a new char.
            ci += u32::from(b & 0xC0 != 0x80);
            byte_to_char.push(ci - 1);
        }
        byte_to_char.push(ci);
        CharOffsets { byte_to_char, len }
    }

    /// Character offset of a byte offset (clamped to the end).
    pub fn char_at(&self, byte: usize) -> usize {
        let i = byte.min(self.len);
        if self.byte_to_char.is_empty() {
            i
        } else {
            self.byte_to_char[i] as usize
        }
    }
}

/// Largest char boundary ≤ `i`: safe slicing after arithmetic on byte offsets.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_quotes() {
        assert_eq!(fold("Kəlbəcər"), "kelbecer");
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(fold("ŞANLIURFA"), "sanliurfa");
        assert_eq!(fold("Москва"), "москва");
    }

    #[test]
    fn fold_push_appends_and_matches_char_by_char_folding() {
        let mut out = String::from("x ");
        fold_push("Goris", &mut out);
        fold_push(" São-Tomé", &mut out);
        assert_eq!(out, "x goris sao-tome");
        for w in ["ASCII Only 42", "Kəlbəcər", "Ünïcödé ÆØ"] {
            let mut by_char = String::new();
            w.chars().for_each(|c| fold_char(c, &mut by_char));
            assert_eq!(fold(w), by_char);
        }
    }

    #[test]
    fn char_offsets_count_code_points() {
        let t = "aé😀b";
        let m = CharOffsets::new(t);
        assert_eq!(m.char_at(0), 0);
        assert_eq!(m.char_at(1), 1);
        assert_eq!(m.char_at(3), 2);
        assert_eq!(m.char_at(7), 3);
        assert_eq!(m.char_at(t.len()), 4);
        assert_eq!(m.char_at(t.len() + 5), 4);
        let a = CharOffsets::new("plain ascii");
        assert_eq!(a.char_at(6), 6);
        assert_eq!(a.char_at(99), 11);
        assert_eq!(CharOffsets::new("").char_at(3), 0);
        assert_eq!(floor_boundary(t, 2), 1);
    }
}
