//! Gazetteer and geoparser: finds place mentions, resolves them to coordinates, and
//! picks the places an event happened at.

/// Placeholder until the gazetteer lands.
pub struct Geoparser;
