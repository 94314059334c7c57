//! The document as it flows between pipeline stages.
//!
//! Offsets inside the pipeline are byte offsets into [`Document::text`]; records
//! convert them to character offsets at the very end (see [`crate::text::CharOffsets`]).

use chrono::NaiveDate;
use serde::Serialize;

use crate::lang::Lang;

/// An article after cleaning: the only text events are read from, plus everything
/// the cleaner learnt or removed on the way.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Caller's id, or a content hash when none was given.
    pub id: String,
    /// Cleaned article text (junk lines and the dateline removed).
    pub text: String,
    /// Publication date: the anchor for relative dates ("kemarin", "last week").
    pub published: Option<NaiveDate>,
    /// Language of the article; `None` until identified.
    pub language: Option<Lang>,
    /// Where the article came from, when known.
    pub url: Option<String>,
    /// Headline, when known (kept apart from the body: headlines are not coded).
    pub title: Option<String>,
    /// Outlet that published the article ("Kompas", "Reuters"), from metadata or dateline.
    pub outlet: Option<String>,
    /// Parsed dateline ("JAKARTA, KOMPAS.com -").
    pub dateline: Option<Dateline>,
    /// Lines removed by the cleaner, each with its reason: nothing is lost silently.
    pub dropped: Vec<DroppedLine>,
    /// Problems met while reading this document.
    pub warnings: Vec<Warning>,
    /// Sentences of `text`, in order, with their tokens.
    pub sentences: Vec<Sentence>,
}

/// A dateline read off the start of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dateline {
    /// The words as written ("JAKARTA, KOMPAS.com -").
    pub text: String,
    /// Place named by the dateline ("JAKARTA"): a location hint for the article.
    pub place: Option<String>,
    /// Outlet or agency named by the dateline ("KOMPAS.com", "Reuters").
    pub outlet: Option<String>,
    /// True when the outlet looks forged (other script, contradicts the URL host).
    pub tampered: bool,
}

/// A line the cleaner removed from the article, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DroppedLine {
    /// 1-based line number in the input text.
    pub line: usize,
    /// The removed text.
    pub text: String,
    /// Why it was removed ("related-article", "promo", "byline", "caption", ...).
    pub reason: String,
}

/// A non-fatal problem with one input document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Machine-readable kind ("invalid-utf8", "truncated", "empty").
    pub code: String,
    /// Human explanation naming the input.
    pub message: String,
}

impl Warning {
    /// Builds a warning from a kind and a message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Warning {
        Warning {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// One sentence: its byte span in the document text and its tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Tokens in order; offsets are into the document text.
    pub tokens: Vec<Token>,
}

/// Coarse token class: enough for rules to skip punctuation and read numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with inner hyphens or apostrophes).
    Word,
    /// Digits, possibly with separators ("1,000", "10.30", "12/9/2022").
    Number,
    /// Punctuation.
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// A token: byte span into the document text and its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Class of the token.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text within `doc_text`.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}

impl Sentence {
    /// The sentence's text within `doc_text`.
    pub fn text<'a>(&self, doc_text: &'a str) -> &'a str {
        &doc_text[self.start..self.end]
    }
}
