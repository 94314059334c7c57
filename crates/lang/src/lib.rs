//! Language packs: all language knowledge of sitrep lives in data files under
//! `lang/<code>/` (triggers, reporting verbs, negation cues, month names, junk-line
//! markers, number words, role words). They are embedded at build time; each stage
//! parses the files it owns through the helpers here.
//!
//! File conventions:
//! - `*.tsv`: one entry per line, tab-separated columns, `#` starts a comment line.
//! - `*.txt`: one entry per line, `#` comments.
//! - `*.toml`: structured settings.

use sitrep_core::Lang;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Languages whose data is embedded (folders under `lang/`).
pub fn languages() -> Vec<Lang> {
    EMBEDDED
        .iter()
        .filter_map(|(c, _)| Lang::parse(c))
        .collect()
}

/// The language whose data files serve `lang`: Malay is read with Indonesian data.
pub fn data_language(lang: Lang) -> Lang {
    if has_language(lang) {
        lang
    } else if lang == Lang::MS {
        Lang::ID
    } else {
        Lang::EN
    }
}

/// True when `lang/<code>/` exists.
pub fn has_language(lang: Lang) -> bool {
    EMBEDDED.iter().any(|(c, _)| *c == lang.as_str())
}

/// Contents of `lang/<code>/<name>`, if that file exists.
pub fn file(lang: Lang, name: &str) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(c, _)| *c == lang.as_str())
        .and_then(|(_, files)| files.iter().find(|(n, _)| *n == name))
        .map(|(_, text)| *text)
}

/// Names of the data files of a language.
pub fn file_names(lang: Lang) -> Vec<&'static str> {
    EMBEDDED
        .iter()
        .find(|(c, _)| *c == lang.as_str())
        .map(|(_, files)| files.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default()
}

/// A data row with its 1-based line number, for error messages that point at the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    /// Tab-separated columns, trimmed.
    pub cols: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// Column `i`, or "" when the row is shorter.
    pub fn col(&self, i: usize) -> &'a str {
        self.cols.get(i).copied().unwrap_or("")
    }
}

/// Rows of a TSV file: blank lines and `#` comment lines skipped.
pub fn tsv_rows(text: &str) -> impl Iterator<Item = Row<'_>> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_end_matches(['\r', '\n']);
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            None
        } else {
            Some(Row {
                line: i + 1,
                cols: t.split('\t').map(str::trim).collect(),
            })
        }
    })
}

/// Entries of a one-per-line list: trimmed, blank lines and `#` comments skipped.
pub fn list(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Rows of `lang/<code>/<name>` (empty when the file is absent).
pub fn rows(lang: Lang, name: &str) -> Vec<Row<'static>> {
    file(lang, name)
        .map(|t| tsv_rows(t).collect())
        .unwrap_or_default()
}

/// Error in a language data file: names the file so data authors can fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    /// "lang/id/time.toml".
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for DataError {}

/// Parses `lang/<code>/<name>` as TOML into `T`; `Ok(None)` when the file is absent.
pub fn toml_file<T: serde::de::DeserializeOwned>(
    lang: Lang,
    name: &str,
) -> Result<Option<T>, DataError> {
    match file(lang, name) {
        None => Ok(None),
        Some(text) => toml::from_str(text).map(Some).map_err(|e| DataError {
            file: format!("lang/{lang}/{name}"),
            message: e.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tsv_rows_with_line_numbers() {
        let rows: Vec<_> = tsv_rows("# c\n\na\tb \n c\n").collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 3);
        assert_eq!(rows[0].cols, vec!["a", "b"]);
        assert_eq!(rows[1].col(1), "");
    }

    #[test]
    fn english_and_indonesian_are_embedded() {
        let langs = languages();
        assert!(langs.contains(&Lang::EN));
        assert!(langs.contains(&Lang::ID));
        assert_eq!(data_language(Lang::MS), Lang::ID);
    }
}
