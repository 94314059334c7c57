//! Actor dictionary and mention finder: countries and demonyms, institutions
//! ("Kementerian Pertahanan Armenia", "Israel's defence ministry"), office-holders
//! with dated terms, IGOs, armed groups and parties, and role words giving sectors.

use sitrep_core::document::Sentence;
use sitrep_core::Lang;

/// What kind of words a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A country name ("Armenia", "Indonesia").
    Country,
    /// A demonym or country adjective ("Armenian", "Iraqi").
    Demonym,
    /// A capital or seat of power that may stand for a government ("Moskwa", "Kremlin").
    Capital,
    /// A state institution or force ("pasukan Azerbaijan", "Israel's defence ministry").
    Institution,
    /// A named person (office-holder or recognised name).
    Person,
    /// An international organisation (UN, NATO, ASEAN).
    Igo,
    /// A non-state armed group, party or movement (Hamas, TPNPB).
    Group,
    /// A role word without a named country ("polisi", "rebels", "the ministry").
    Agent,
}

/// An actor mention inside one sentence.
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

/// The loaded actor dictionary.
pub struct ActorIndex {
    _private: (),
}

impl ActorIndex {
    /// Loads the embedded dictionary.
    pub fn load() -> ActorIndex {
        ActorIndex { _private: () }
    }

    /// Mentions in `sentence`, longest match first, non-overlapping, in text order.
    /// `year` picks the office-holders in office then (None: any).
    pub fn find(
        &self,
        _text: &str,
        _sentence: &Sentence,
        _lang: Lang,
        _year: Option<i32>,
    ) -> Vec<ActorMention> {
        Vec::new()
    }
}
