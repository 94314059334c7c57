//! Evaluation harness: every quality figure the project reports, computed on the data
//! sets in `../shared/data` (or `--data DIR`). Each data set has its own module that
//! returns [`Metric`] rows; `sitrep eval` prints them as one table.
//!
//! The evaluation sets are for measuring only: nothing here feeds back into lexicons.

pub mod geovirus;
pub mod morph;
pub mod ner;
pub mod places_fixtures;
pub mod plover;
pub mod report;
pub mod suites;
pub mod text;

pub use report::{Bar, Metric, Report};

use std::path::Path;

/// Runs every evaluation whose data is present under `data_dir`.
pub fn run_all(
    data_dir: &Path,
    pipeline: &sitrep_pipeline::Pipeline,
) -> (
    Report,
    Vec<plover::SentenceOutcome>,
    Vec<suites::SuiteResult>,
) {
    let mut report = Report::default();
    let outcomes = plover::run(data_dir, pipeline, &mut report);
    let suites = suites::run(pipeline, &mut report);
    morph::run(&mut report);
    geovirus::run(data_dir, &mut report);
    places_fixtures::run(data_dir, &mut report);
    text::run(data_dir, &mut report);
    ner::run(data_dir, &mut report);
    (report, outcomes, suites)
}
