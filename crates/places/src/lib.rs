//! Gazetteer and geoparser: finds place mentions, resolves them to coordinates, and
//! picks the places an event happened at.
//!
//! Everything runs in-process and offline: the gazetteer (GeoNames cities500, admin
//! divisions, countries in every supported language, exonyms, and a curated layer) is
//! embedded in the binary as an `fst` name index over a fixed-width record table (see
//! [`gazetteer`]), built by `scripts/gazetteer/build_gazetteer.py`. Cue words come
//! from `lang/<code>/places.toml`.

pub mod build;
pub mod cues;
mod event;
pub mod fixtures;
pub mod fuzzy;
pub mod gazetteer;
pub mod geo;
mod parse;

use std::collections::HashMap;

use serde_json::{Value, json};
use sitrep_core::{Document, Lang, Place};

use crate::cues::Cues;
pub use crate::gazetteer::Gazetteer;

static NAMES_FST: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/gazetteer/names.fst"
));
static RECORDS_BIN: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/gazetteer/records.bin"
));

/// Why the geoparser could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum PlacesError {
    /// The embedded gazetteer is damaged (wrong version, truncated).
    Corrupt(String),
    /// A language data file (`lang/<code>/places.toml`) is broken.
    Data(String),
}

impl std::fmt::Display for PlacesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlacesError::Corrupt(m) => write!(f, "gazetteer data is damaged: {m}"),
            PlacesError::Data(m) => write!(f, "place cue data: {m}"),
        }
    }
}

impl std::error::Error for PlacesError {}

/// What the actor finder read in a document, as evidence for and against places.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parties<'a> {
    /// Byte spans of person names (short forms included).
    pub persons: &'a [(usize, usize)],
    /// ISO codes of the parties' countries (other codes are ignored).
    pub countries: &'a [&'a str],
}

/// How a place name is used in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionUse {
    /// A location.
    Place,
    /// The place stands for its government ("Moscow said", "the Kremlin", "pemerintah
    /// Rusia"): an actor, coded by the actors stage, never an event location.
    Metonym,
    /// The place names a nationality ("warga Thailand", "citizens of Armenia").
    Nationality,
}

impl MentionUse {
    /// Lower-case name used in JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionUse::Place => "place",
            MentionUse::Metonym => "metonym",
            MentionUse::Nationality => "nationality",
        }
    }
}

/// How an event relates to a place it names as its origin ("from Gaza"), which decides
/// whether that place yields to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// The event happens where it is (an evacuation from a town happens there): an origin
    /// place counts like any other.
    Stays,
    /// The event happens where it arrives (deployments, visits): every origin place yields
    /// ("deployed 400 personnel from Ambon to South Buru").
    Arrives,
    /// The event happens where it strikes (attacks): the origin in the trigger's own phrase
    /// yields ("Rocket fire from Gaza hit the town of Sderot"); an origin told elsewhere in
    /// the sentence belongs to another event.
    Strikes,
}

/// Where an event happened, as the text says or as a guess.
#[derive(Debug, Clone, Default)]
pub struct EventPlaces {
    /// The event's place (`event_loc`).
    pub main: Option<Place>,
    /// Every place tied to the event.
    pub places: Vec<Place>,
    /// True when the place is the article's (lede or dateline), not the sentence's own:
    /// the caller may drop it when the event's parties say it happened elsewhere.
    pub guessed: bool,
}

/// Where an article says its story happened: the guesses for events whose sentences name
/// no place ([`Geoparser::article_places`]).
#[derive(Debug, Clone, Default)]
pub struct ArticlePlaces {
    /// The place each lede sentence ties to its event (`Area` at best), by sentence.
    pub(crate) lede: Vec<Option<Place>>,
    /// The dateline's place (`Region`, no offsets); without one there is no guess.
    pub(crate) dateline: Option<Place>,
}

impl ArticlePlaces {
    /// ISO alpha-3 country of the dateline's place: where the article is written from.
    pub fn dateline_country(&self) -> Option<&str> {
        self.dateline.as_ref().and_then(|p| p.code.as_deref())
    }
}

/// A place mention found in a document, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Byte offset of the mention in `doc.text`.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Sentence index in `doc.sentences`.
    pub sentence: usize,
    /// The resolved place; its `start`/`end` are CHARACTER offsets.
    pub place: Place,
    /// True when the mention names an actor rather than a location (metonym or
    /// nationality): keep it for actor coding, never use it as an event place.
    pub metonym: bool,
    /// Finer reading of `metonym`.
    pub usage: MentionUse,
    /// Gazetteer record the mention resolved to.
    pub record: u32,
    /// Resolver score of the chosen record (log-population scale plus bonuses).
    pub score: f64,
    /// Matched through a one-edit spelling variant.
    pub fuzzy: bool,
    /// Index (in the returned list) of the mention that contains this one
    /// ("Goris, Armenia": Goris is within Armenia).
    pub within: Option<usize>,
    /// True when this mention only locates the previous one (Armenia above).
    pub container: bool,
    /// A locative cue ("in", "di", "near") stands right before the mention.
    pub locative_cue: bool,
    /// The mention follows a cued local name the gazetteer lacks ("di Kampung Mamba,
    /// Intan Jaya"): it stands in for that name, as the area the event happened in.
    pub after_unknown: bool,
    /// A village the gazetteer lacks, named by its settlement word ("Desa Wadas"): its
    /// coordinates and `record` are those of the known place holding it.
    pub local: bool,
}

/// The geoparser: the gazetteer plus every language's cues. Build once; `Send + Sync`.
pub struct Geoparser {
    gazetteer: Gazetteer,
    cues: HashMap<Lang, Cues>,
    fallback: Cues,
}

impl Geoparser {
    /// Opens the embedded gazetteer and loads the cues of every embedded language.
    /// Takes well under a millisecond: the gazetteer is used in place.
    pub fn load() -> Result<Geoparser, PlacesError> {
        let gazetteer = Gazetteer::from_bytes(NAMES_FST, RECORDS_BIN)?;
        let mut cues = HashMap::new();
        for lang in sitrep_lang::languages() {
            cues.insert(lang, Cues::load(lang)?);
        }
        let fallback = cues.get(&Lang::EN).cloned().unwrap_or_default();
        Ok(Geoparser {
            gazetteer,
            cues,
            fallback,
        })
    }

    /// The gazetteer, for direct lookups.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Countries a language's press writes about without naming them (`home_countries` in
    /// `lang/<code>/places.toml`: Indonesian "polisi" are Indonesia's), first = main.
    pub fn home_countries(&self, lang: Lang) -> &[String] {
        &self
            .cues_for(sitrep_lang::data_language(lang))
            .home_countries
    }

    /// Words joining a party to its jurisdiction in `lang` (places.toml `owner_links`).
    pub fn owner_links(&self, lang: Lang) -> &[String] {
        &self.cues_for(sitrep_lang::data_language(lang)).owner_links
    }

    /// The cues of a data language, English when it has none.
    fn cues_for(&self, data: Lang) -> &Cues {
        self.cues.get(&data).unwrap_or(&self.fallback)
    }

    fn parser(&self, lang: Option<Lang>) -> parse::Parser<'_> {
        let lang = lang.unwrap_or(Lang::EN);
        let data = sitrep_lang::data_language(lang);
        let cues = self.cues_for(data);
        let home = cues
            .home_countries
            .iter()
            .filter_map(|c| self.gazetteer.country_by_code(c))
            .collect();
        parse::Parser {
            gaz: &self.gazetteer,
            cues,
            lang_bit: self
                .gazetteer
                .lang_bit(lang.as_str())
                .or_else(|| self.gazetteer.lang_bit(data.as_str())),
            home,
        }
    }

    /// Every place mention in the document, resolved (doc.text, doc.sentences with
    /// tokens, doc.language and doc.dateline are filled when this is called).
    pub fn parse(&self, doc: &Document) -> Vec<PlaceMention> {
        self.parse_with_hints(doc, &[])
    }

    /// Like [`Geoparser::parse`], with byte spans that a named-entity recognizer
    /// tagged as locations: they count as evidence and bypass the capitalisation and
    /// stop-word filters.
    pub fn parse_with_hints(&self, doc: &Document, hints: &[(usize, usize)]) -> Vec<PlaceMention> {
        self.parser(doc.language)
            .parse(doc, hints, &Parties::default())
    }

    /// Like [`Geoparser::parse`], knowing what the actor finder read: persons (a small
    /// town spelt like a person's name, with no cue for a place, is that person: "kata
    /// Alexander" after "Alexander Marwata") and the countries of the parties (a village
    /// abroad in a country the story's parties belong to is that village: "Kyrgyz and
    /// Tajik border guards clashed near the village of Kok-Tash").
    pub fn parse_with_parties(&self, doc: &Document, parties: &Parties<'_>) -> Vec<PlaceMention> {
        self.parser(doc.language).parse(doc, &[], parties)
    }

    /// Places tied to an event whose trigger spans bytes `trigger.0..trigger.1` in
    /// sentence `sentence`. Uses the cue words of `lang/<code>/places.toml`, then the
    /// previous sentence of the paragraph, then `article`'s guess (the lede's place at
    /// `Area` at best, else the dateline's at `Region` without offsets); nothing when
    /// nothing ties a place to the event. `motion` says whether a place named as the
    /// origin ("from Ambon to South Buru") yields to the other places.
    pub fn event_places(
        &self,
        doc: &Document,
        mentions: &[PlaceMention],
        sentence: usize,
        trigger: (usize, usize),
        article: &ArticlePlaces,
        motion: Motion,
    ) -> EventPlaces {
        event::event_places(
            &self.parser(doc.language),
            doc,
            mentions,
            sentence,
            trigger,
            article,
            motion,
        )
    }

    /// The article's own places, for events whose sentences name none: read once per
    /// document, not once per event.
    pub fn article_places(&self, doc: &Document, mentions: &[PlaceMention]) -> ArticlePlaces {
        event::article_places(&self.parser(doc.language), doc, mentions)
    }
}

/// One JSON row of `sitrep places`: the fields of the issue plus the usage flags.
pub fn mention_json(doc_id: &str, m: &PlaceMention) -> Value {
    let p = &m.place;
    json!({
        "doc_id": doc_id,
        "entity_text": p.entity_text,
        "start": p.start,
        "end": p.end,
        "name": p.name,
        "geonameid": p.geonameid,
        "lat": p.lat,
        "lon": p.lon,
        "code": p.code,
        "admin1": p.admin1,
        "feature_code": p.feature_code,
        "precision": p.precision,
        "metonym": m.metonym,
        "usage": m.usage.as_str(),
    })
}

#[cfg(test)]
mod tests;
