//! The geoparser's own Indonesian and English fixtures (`fixtures/places/*.jsonl`):
//! hand-written news sentences with small towns, border and disputed areas, exonyms
//! and metonyms. Scored by `sitrep_places::fixtures`, the same code the places
//! crate's tests use, so the table and the tests cannot disagree.

use std::path::Path;

use sitrep_core::Lang;
use sitrep_places::Geoparser;
use sitrep_places::fixtures::{FixtureScores, score};

use crate::{Bar, Metric, Report};

const DATASET: &str = "places-fixtures";
const FILES: [(&str, &str, Lang); 2] = [
    (
        "en",
        include_str!("../../../fixtures/places/en.jsonl"),
        Lang::EN,
    ),
    (
        "id",
        include_str!("../../../fixtures/places/id.jsonl"),
        Lang::ID,
    ),
];

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Appends one row per language and figure. `_data_dir` is unused: the fixtures
/// live in the repository and are embedded.
pub fn run(_data_dir: &Path, report: &mut Report) {
    let geoparser = match Geoparser::load() {
        Ok(g) => g,
        Err(e) => {
            report.skipped.push((DATASET.into(), e.to_string()));
            return;
        }
    };
    for (code, text, lang) in FILES {
        let s: FixtureScores = score(&geoparser, text, lang);
        let dataset = format!("{DATASET}-{code}");
        let failures = if s.failures.is_empty() {
            String::new()
        } else {
            format!("; first miss: {}", s.failures[0])
        };
        report.metrics.push(
            Metric::new(&dataset, "mention recall", ratio(s.found, s.expected))
                .bar(Bar::AtLeast(0.9))
                .note(format!(
                    "{} sentences, {}/{} mentions{failures}",
                    s.sentences, s.found, s.expected
                )),
        );
        report.metrics.push(
            Metric::new(
                &dataset,
                "resolution accuracy",
                ratio(s.resolved, s.resolvable),
            )
            .bar(Bar::AtLeast(0.9))
            .note(format!(
                "{}/{} right country and within tolerance",
                s.resolved, s.resolvable
            )),
        );
        report.metrics.push(
            Metric::new(&dataset, "usage accuracy", ratio(s.usage_right, s.found))
                .bar(Bar::AtLeast(0.9))
                .note("place / metonym / nationality"),
        );
        report.metrics.push(
            Metric::new(&dataset, "false places", s.trap_hits as f64)
                .bar(Bar::AtMost(0.0))
                .note(format!("{} capitalised non-place words checked", s.traps)),
        );
        report.metrics.push(
            Metric::new(
                &dataset,
                "event_loc accuracy",
                ratio(s.events_right, s.events),
            )
            .bar(Bar::AtLeast(0.8))
            .note(format!("{}/{} events", s.events_right, s.events)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_for_both_languages() {
        let mut r = Report::default();
        run(Path::new("/nonexistent"), &mut r);
        assert_eq!(r.metrics.len(), 10);
        assert!(r.metrics.iter().any(|m| m.dataset == "places-fixtures-id"));
    }
}
