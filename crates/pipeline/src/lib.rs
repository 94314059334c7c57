//! Runs the stages in order on a document and builds event records.
