//! Actor dictionary and mention finder: countries and demonyms, institutions
//! ("Kementerian Pertahanan Armenia", "Israel's defence ministry"), office-holders
//! with dated terms, IGOs, armed groups and parties, and role words giving sectors.
//!
//! The dictionary is embedded at build time: generated country tables and Phoenix-derived
//! tables under `data/actors/` (rerun `scripts/actors/generate.py`), curated office-holders in
//! `data/actors/officeholders/*.tsv`, curated organisations in `data/actors/{igos,groups,
//! institutions}.tsv`, and per-language role words and grammar words in
//! `lang/<code>/{agents,actors}.tsv`. How compounds are read is described in
//! `docs/decisions/0007-actor-compounds.md`.
//!
//! ```
//! use sitrep_actors::{ActorIndex, MentionKind};
//! use sitrep_core::Lang;
//!
//! let index = ActorIndex::load();
//! let text = "Presiden Rusia Vladimir Putin bertemu pasukan Azerbaijan.";
//! let sentence = &sitrep_segment::Segmenter::new(Lang::ID).split(text)[0];
//! let found = index.find(text, sentence, Lang::ID, Some(2023));
//! assert_eq!(found[0].kind, MentionKind::Person);
//! assert_eq!(found[0].code.as_deref(), Some("RUS"));
//! assert_eq!(found[1].name.as_deref(), Some("Azerbaijani Armed Forces"));
//! ```

mod data;
mod dates;
mod find;
mod lexicon;

use chrono::NaiveDate;
use sitrep_core::Lang;
use sitrep_core::document::Sentence;

use crate::dates::Span;

/// What kind of words a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A country name ("Armenia", "Indonesia").
    Country,
    /// A demonym or country adjective ("Armenian", "Iraqi"), or the people of a country
    /// ("warga Thailand", "Thai nationals": sector CVL).
    Demonym,
    /// A capital or seat of power that may stand for a government ("Moskwa", "Kremlin").
    Capital,
    /// A state institution or force ("pasukan Azerbaijan", "Israel's defence ministry").
    Institution,
    /// A named person (office-holder or recognised name), or a titled role of a named country
    /// ("Russian President", "a spokesman for the Thai army").
    Person,
    /// An international organisation (UN, NATO, ASEAN) or an international NGO (ICRC, MSF).
    Igo,
    /// A non-state armed group, party or movement (Hamas, TPNPB).
    Group,
    /// A role word without a named country ("polisi", "rebels", "the ministry").
    Agent,
}

/// An actor mention inside one sentence.
///
/// Mentions are non-overlapping and in text order. Countries coordinated under one head
/// ("Armenian and Azerbaijani forces", "pasukan Armenia dan Azerbaijan") give one mention per
/// country: the one next to the head spans the head too, the others span their own words, and
/// all carry the head's sector.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    /// Byte offset of the first character in the document text.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Index of the first token in the sentence's tokens.
    pub first_token: usize,
    /// Index one past the last token.
    pub end_token: usize,
    /// What kind of words these are.
    pub kind: MentionKind,
    /// ISO 3166-1 alpha-3 country or IGO code, when known.
    pub code: Option<String>,
    /// PLOVER sector, when known.
    pub sector: Option<String>,
    /// Canonical English name.
    pub name: Option<String>,
    /// Office, for office-holders and titled persons.
    pub office: Option<String>,
}

/// Whether `code` names an international organisation (UNO, ASEAN, NATO...), not a
/// country or an armed group: a meeting of one is a multilateral consultation.
pub fn is_igo_code(code: &str) -> bool {
    data::igo_codes().contains(code)
}

/// The loaded actor dictionary. Build once (it takes a few tens of milliseconds) and share:
/// it is immutable, `Send` and `Sync`.
pub struct ActorIndex {
    tables: data::Tables,
}

impl ActorIndex {
    /// Loads the embedded dictionary. Malformed rows are skipped and listed by
    /// [`ActorIndex::problems`] rather than failing the load: the data ships with the binary and
    /// a unit test keeps that list empty.
    pub fn load() -> ActorIndex {
        ActorIndex {
            tables: data::load(),
        }
    }

    /// Mentions in `sentence`, longest match first, non-overlapping, in text order.
    /// `year` picks the office-holders in office then (None: any).
    pub fn find(
        &self,
        text: &str,
        sentence: &Sentence,
        lang: Lang,
        year: Option<i32>,
    ) -> Vec<ActorMention> {
        let when = year.map_or(Span::ALL, Span::year);
        self.tables.find_in(text, sentence, lang, when)
    }

    /// Like [`ActorIndex::find`] with the article's exact date: in a year when an office changed
    /// hands ("Presiden" in 2024), a date tells which holder is meant.
    pub fn find_on(
        &self,
        text: &str,
        sentence: &Sentence,
        lang: Lang,
        date: Option<NaiveDate>,
    ) -> Vec<ActorMention> {
        let when = date.map_or(Span::ALL, Span::on);
        self.tables.find_in(text, sentence, lang, when)
    }

    /// Rows of the embedded data that could not be read, as "file:line: reason".
    pub fn problems(&self) -> &[String] {
        &self.tables.problems
    }

    /// Sizes of the loaded dictionary, for logs and benchmarks.
    pub fn stats(&self) -> IndexStats {
        let t = &self.tables;
        IndexStats {
            forms: t.entries.len(),
            words: t.lex.words(),
            countries: t.countries.len(),
            named: t.named.len(),
            persons: t.persons.len(),
            role_words: t.agents.len(),
        }
    }
}

/// Sizes of the loaded dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Dictionary forms (names, aliases, role words) in the trie.
    pub forms: usize,
    /// Distinct folded words.
    pub words: usize,
    /// Countries and territories.
    pub countries: usize,
    /// Organisations, groups, institutions and seats of power.
    pub named: usize,
    /// Persons (curated and Phoenix).
    pub persons: usize,
    /// Role words (all languages).
    pub role_words: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn igo_codes_are_organisations_not_countries() {
        for code in ["UNO", "NATO", "ASEAN", "EUR"] {
            assert!(is_igo_code(code), "{code}");
        }
        for code in ["IDN", "USA", "IMG", ""] {
            assert!(!is_igo_code(code), "{code}");
        }
    }

    #[test]
    fn shipped_data_has_no_problems() {
        let index = ActorIndex::load();
        assert!(
            index.problems().is_empty(),
            "{:#?}",
            &index.problems()[..index.problems().len().min(20)]
        );
        let s = index.stats();
        assert!(
            s.countries >= 249 && s.persons > 17_000 && s.forms > 25_000,
            "{s:?}"
        );
    }

    #[test]
    fn index_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<ActorIndex>();
    }
}
