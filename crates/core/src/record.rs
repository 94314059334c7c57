//! The event record: the contract in `spec/EVENT-RECORD.md` (schema `sitrep.event/1`).
//!
//! Field names and order follow the contract; renaming anything breaks every reader.

use serde::{Deserialize, Serialize};

use crate::ontology::Category;

/// Value of the `schema` field of every record.
pub const SCHEMA_ID: &str = "sitrep.event/1";

/// One event read from one sentence of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Always [`SCHEMA_ID`].
    pub schema: String,
    /// Stable id: same input, same id.
    pub id: String,
    /// Id of the article.
    pub doc_id: String,
    /// PLOVER 2.0 category.
    pub event: Category,
    /// PLOVER mode of the category, if one applies.
    pub mode: Option<String>,
    /// PLOVER contexts.
    pub context: Vec<String>,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_code: u8,
    /// PLOVER conflict–cooperation score of category and mode.
    pub event_scale: Option<f64>,
    /// Closest CAMEO code, leading zeros kept.
    pub cameo: String,
    /// ACLED event type when ACLED would code the event.
    pub acled_event_type: Option<String>,
    /// ACLED sub-event type when ACLED would code the event.
    pub acled_sub_event_type: Option<String>,
    /// Who acts; every party for reciprocal events.
    pub actor: Vec<Entity>,
    /// Who is acted upon; empty for reciprocal events.
    pub recipient: Vec<Entity>,
    /// True when the parties act on each other.
    pub reciprocal: bool,
    /// Date of the event itself, `YYYY-MM-DD`.
    pub date: String,
    /// Time of day when the text gives one.
    pub time: Option<String>,
    /// End of a span of days.
    pub enddate: Option<String>,
    /// How precisely `date` is known.
    pub date_precision: DatePrecision,
    /// The words the date was read from.
    pub date_text: Option<String>,
    /// Main place where the event happened.
    pub event_loc: Option<Place>,
    /// Every place the event happened at.
    pub places: Vec<Place>,
    /// People killed.
    pub dead: Option<Magnitude>,
    /// People injured.
    pub injured: Option<Magnitude>,
    /// Crowd or force size.
    pub size: Option<Magnitude>,
    /// Who says it happened.
    pub attribution: Attribution,
    /// "did not attack".
    pub negated: bool,
    /// Threatened, possible, conditional or future.
    pub hypothetical: bool,
    /// Background reference to an earlier event.
    pub historical: bool,
    /// The trigger words.
    pub event_text: String,
    /// The sentence the event was read from.
    pub text: String,
    /// Where the sentence sits in the cleaned text.
    pub text_info: TextInfo,
    /// ISO 639-1 code of the article.
    pub language: String,
    /// The extractor's own estimate, 0..1.
    pub confidence: f64,
    /// Which rule or model decided the category.
    pub rule: String,
}

/// A party to an event (actor, recipient or claimant).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Words in the article.
    pub entity_text: String,
    /// Canonical English name.
    pub entity_name: Option<String>,
    /// ISO 3166-1 alpha-3 country or IGO code.
    pub code: Option<String>,
    /// PLOVER sector.
    pub sector: Option<String>,
    /// Official position, when known.
    pub office: Option<String>,
    /// Character offset of `entity_text` in the cleaned text.
    pub start: Option<usize>,
    /// Character offset one past the end.
    pub end: Option<usize>,
}

impl Entity {
    /// The stand-in for a party the text does not name (the schema needs one actor): no
    /// words, sector UNK, at most the country where the event happened.
    pub fn is_unnamed(&self) -> bool {
        self.entity_text.is_empty()
    }
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Words in the article.
    pub entity_text: String,
    /// Canonical name.
    pub name: String,
    /// GeoNames id when resolved to a GeoNames feature.
    pub geonameid: Option<u64>,
    /// Latitude, WGS84.
    pub lat: f64,
    /// Longitude, WGS84.
    pub lon: f64,
    /// ISO 3166-1 alpha-3 country.
    pub code: Option<String>,
    /// First-level division name.
    pub admin1: Option<String>,
    /// Second-level division name.
    pub admin2: Option<String>,
    /// GeoNames feature code.
    pub feature_code: Option<String>,
    /// How precise the point is.
    pub precision: PlacePrecision,
    /// Character offset in the cleaned text (None for places not read from the text).
    pub start: Option<usize>,
    /// Character offset one past the end.
    pub end: Option<usize>,
}

/// Precision of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlacePrecision {
    /// A town or a site.
    Point,
    /// Near a town, a district.
    Area,
    /// A province, a border area.
    Region,
    /// A whole country.
    Country,
}

/// A count read from the text ("at least 12", "puluhan").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Magnitude {
    /// Lower bound.
    pub min: u64,
    /// Upper bound; `None` when open ("at least", "soldiers were killed").
    pub max: Option<u64>,
    /// The words it was read from.
    pub text: Option<String>,
}

/// Who says the event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Claim status.
    pub status: ClaimStatus,
    /// Parties whose statement carries the event.
    pub claimed_by: Vec<Entity>,
    /// Agencies or outlets credited.
    pub reported_by: Vec<String>,
    /// The reporting words.
    pub source_text: Option<String>,
}

impl Default for Attribution {
    fn default() -> Self {
        Attribution {
            status: ClaimStatus::Asserted,
            claimed_by: Vec::new(),
            reported_by: Vec::new(),
            source_text: None,
        }
    }
}

/// Claim status of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// The outlet states it as fact.
    Asserted,
    /// The outlet attributes it to a party.
    Claimed,
    /// A party denies it.
    Denied,
    /// Claimed by one party and denied by another in the same article.
    Disputed,
}

/// How precisely the event date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    /// A day.
    Day,
    /// A week ("last week").
    Week,
    /// A month.
    Month,
    /// A year.
    Year,
    /// Nothing better than the article's date.
    Publication,
}

/// Position of the sentence in the cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextInfo {
    /// Sentence number, from 0.
    pub sequence: usize,
    /// Character offset of the sentence start.
    pub start: usize,
    /// Character offset one past the sentence end.
    pub end: usize,
}

impl EventRecord {
    /// Serialises to one JSON line (no trailing newline).
    pub fn to_json_line(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}
