//! Evaluation harness: every quality figure the project reports, computed on the data
//! sets in `../shared/data` (or `--data DIR`). Each data set has its own module that
//! returns [`Metric`] rows; `sitrep eval` prints them as one table.
//!
//! The evaluation sets are for measuring only: nothing here feeds back into lexicons.

pub mod report;

pub use report::{Bar, Metric, Report};
