//! Input readers: turn files, directories, gzip files, JSONL streams and stdin into
//! [`RawDocument`]s, with errors and warnings that name the input and line.
//!
//! Readers never stop a batch for one bad document: a malformed JSONL line becomes an
//! [`InputError`] in the stream and the next line is read.

mod date;
mod read;

#[cfg(feature = "feeds")]
pub mod feeds;
#[cfg(feature = "warc")]
pub mod warc;

pub use date::parse_published;
pub use read::{DocumentStream, InputError, InputSource, ReadOptions, read_path};

use sitrep_core::Warning;

/// An article as given by the user, before cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDocument {
    /// Caller's id (JSONL `id`), if any.
    pub id: Option<String>,
    /// Plain text body.
    pub text: Option<String>,
    /// HTML page (JSONL `html`, or a `.html` file).
    pub html: Option<String>,
    /// Publication date or timestamp as given.
    pub published: Option<String>,
    /// Source URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Language code given by the caller (wins over identification).
    pub language: Option<String>,
    /// Where it came from: "path/to/file.jsonl:12" — used in every message about it.
    pub origin: String,
    /// Problems found while reading (invalid UTF-8 replaced, truncated, ...).
    pub warnings: Vec<Warning>,
}
