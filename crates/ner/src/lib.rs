//! Named-entity recogniser for persons, organisations and locations.

/// Placeholder until the recogniser lands.
pub struct Recognizer;
