//! The merged event: one incident with every report of it (`sitrep.cluster/1`).
//!
//! A [`StoredEvent`] keeps the record contract's field names for what it shares with
//! an `EventRecord` (category, parties, date, place, counts), so readers of records read
//! events too, and adds what only many reports give: sources, mentions, claims,
//! `source_count`, first and last seen.

use serde::{Deserialize, Serialize};
use sitrep_core::{Category, ClaimStatus, DatePrecision, Entity, Magnitude, Place};

/// Value of the `schema` field of every merged event.
pub const EVENT_SCHEMA_ID: &str = "sitrep.cluster/1";

/// One event merged from every mention of it across articles and sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Always [`EVENT_SCHEMA_ID`].
    pub schema: String,
    /// Stable id: derived from the first mention and kept while the event lives.
    pub event_id: String,
    /// Numeric id, unique in the store (GDELT's GLOBALEVENTID, ACLED's number).
    pub seq: i64,
    /// PLOVER 2.0 category.
    pub event: Category,
    /// Most reported PLOVER mode.
    pub mode: Option<String>,
    /// PLOVER contexts of every mention.
    pub context: Vec<String>,
    /// PLOVER quad code of the category.
    pub quad_code: u8,
    /// PLOVER scale of category and mode.
    pub event_scale: Option<f64>,
    /// Closest CAMEO code.
    pub cameo: String,
    /// ACLED event type when ACLED would code the event.
    pub acled_event_type: Option<String>,
    /// ACLED sub-event type.
    pub acled_sub_event_type: Option<String>,
    /// Who acts, as the best mention tells it.
    pub actor: Vec<Entity>,
    /// Who is acted upon.
    pub recipient: Vec<Entity>,
    /// Parties act on each other.
    pub reciprocal: bool,
    /// Most reported precise date, `YYYY-MM-DD`.
    pub date: String,
    /// Last precise date when reports span several days.
    pub enddate: Option<String>,
    /// Best precision among the mentions.
    pub date_precision: DatePrecision,
    /// Most reported place.
    pub event_loc: Option<Place>,
    /// Every distinct place the mentions give.
    pub places: Vec<Place>,
    /// Killed: the figure most reports give (the lower one on a tie).
    pub dead: Option<Magnitude>,
    /// Injured, chosen like `dead`.
    pub injured: Option<Magnitude>,
    /// Crowd or force size, chosen like `dead`.
    pub size: Option<Magnitude>,
    /// Claim status over all mentions: asserted, claimed, denied, or disputed when some
    /// reports say it happened and others deny it.
    pub status: ClaimStatus,
    /// Every mention is a threat, a possibility or a plan.
    pub hypothetical: bool,
    /// Who claims what: one entry per claimant, status and orientation.
    pub claims: Vec<Claim>,
    /// Independent reports: articles, counting syndicated copies of one story once.
    pub source_count: usize,
    /// Articles, syndicated copies and exact duplicates included.
    pub article_count: usize,
    /// Sentences that report the event.
    pub mention_count: usize,
    /// Articles that report it, in the order they were ingested.
    pub sources: Vec<Source>,
    /// Every sentence that reports it.
    pub mentions: Vec<Mention>,
    /// Earliest publication date of a source (ingest date when none has one).
    pub first_seen: String,
    /// Latest publication date of a source.
    pub last_seen: String,
    /// When the store last changed this event (RFC 3339, UTC).
    pub last_modified: String,
    /// The sentence of the best mention.
    pub text: String,
    /// Language of the best mention.
    pub language: String,
}

/// One party's account of the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Claim status of these mentions.
    pub status: ClaimStatus,
    /// The mentions say the event did not happen ("did not attack").
    pub negated: bool,
    /// Who makes the claim (names, with codes); empty when the outlet asserts it.
    pub claimed_by: Vec<String>,
    /// Who acted, according to this claim.
    pub actor: Vec<String>,
    /// Who was acted upon, according to this claim.
    pub recipient: Vec<String>,
    /// Sentences carrying this claim.
    pub mentions: usize,
    /// Outlets carrying it.
    pub outlets: Vec<String>,
}

/// An article that reports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Article id.
    pub doc_id: String,
    /// Article URL.
    pub url: Option<String>,
    /// Outlet (registrable domain of the URL).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Article this one is a copy of, when it is one.
    pub duplicate_of: Option<String>,
    /// `exact` (same words) or `near` (syndicated copy, edited).
    pub duplicate_kind: Option<String>,
}

/// A sentence that reports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Id of the event record read from the sentence.
    pub record_id: String,
    /// Article id.
    pub doc_id: String,
    /// Sentence number in the article.
    pub sentence: usize,
    /// Character offset of the sentence in the cleaned article text.
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// Outlet of the article.
    pub outlet: Option<String>,
    /// Claim status of this mention.
    pub status: ClaimStatus,
    /// The sentence says it did not happen.
    pub negated: bool,
    /// Date this mention gives.
    pub date: String,
    /// The sentence.
    pub text: String,
    /// Language of the article.
    pub language: String,
}

/// A removed event: what `sitrep deletions --since` lists so mirrors can drop it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    /// Id of the removed event.
    pub event_id: String,
    /// When it was removed (RFC 3339, UTC).
    pub deleted_at: String,
    /// Why: `retracted` (its articles were updated or removed and no mention is left).
    pub reason: String,
}
