//! Language codes as a small copyable value, so a new language needs no enum change.

use std::fmt;

/// ISO 639-1 language code ("id", "en", "ms").
///
/// A newtype over two ASCII bytes rather than an enum: adding a language is a data
/// change (a `lang/<code>/` folder), not a code change.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang([u8; 2]);

impl Lang {
    /// English.
    pub const EN: Lang = Lang(*b"en");
    /// Indonesian.
    pub const ID: Lang = Lang(*b"id");
    /// Malay: identified so it is not mistaken for Indonesian, processed with Indonesian data.
    pub const MS: Lang = Lang(*b"ms");

    /// Parses a two-letter lowercase code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        let b = code.trim().as_bytes();
        if b.len() == 2 && b.iter().all(|c| c.is_ascii_alphabetic()) {
            Some(Lang([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()]))
        } else {
            None
        }
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // The two bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("xx")
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_case_insensitively() {
        assert_eq!(Lang::parse("ID"), Some(Lang::ID));
        assert_eq!(Lang::parse(" en "), Some(Lang::EN));
        assert_eq!(Lang::parse("eng"), None);
        assert_eq!(Lang::parse("e1"), None);
        assert_eq!(Lang::ID.to_string(), "id");
    }
}
