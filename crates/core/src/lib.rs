//! Shared vocabulary of every sitrep stage: the event record contract, the PLOVER
//! ontology tables, the document model that flows between stages, and stable ids.
//!
//! Nothing here knows any language or reads any file: stages depend on this crate,
//! never the other way round.

pub mod document;
pub mod geo;
pub mod ids;
pub mod lang;
pub mod ontology;
pub mod record;
pub mod text;

pub use document::{Dateline, Document, DroppedLine, Sentence, Warning};
pub use lang::Lang;
pub use ontology::Category;
pub use record::{
    Attribution, ClaimStatus, DatePrecision, Entity, EventRecord, Magnitude, Place, PlacePrecision,
    TextInfo,
};
