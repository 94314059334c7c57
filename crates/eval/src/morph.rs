//! Morphology figures: root accuracy of the Indonesian analyser and lemma accuracy of the
//! English lemmatiser on the hand-written word lists in `fixtures/morph/` (issue 3 sets
//! the Indonesian bar at 95% of first analyses). The lists are embedded, so these rows
//! need no data directory.

use sitrep_core::Lang;
use sitrep_morph::Analyzer;

use crate::{Bar, Metric, Report};

/// (name, language, list) of every word list measured.
const LISTS: [(&str, Lang, &str); 3] = [
    (
        "morph id-roots",
        Lang::ID,
        include_str!("../../../fixtures/morph/id-roots.tsv"),
    ),
    (
        "morph id-roots-heldout",
        Lang::ID,
        include_str!("../../../fixtures/morph/id-roots-heldout.tsv"),
    ),
    (
        "morph en-lemmas",
        Lang::EN,
        include_str!("../../../fixtures/morph/en-lemmas.tsv"),
    ),
];

/// Appends one accuracy row per word list.
pub fn run(report: &mut Report) {
    for (name, lang, text) in LISTS {
        let analyzer = match Analyzer::try_new(lang) {
            Ok(a) => a,
            Err(e) => {
                report.skipped.push((name.to_string(), e.to_string()));
                continue;
            }
        };
        let (correct, total, misses) = score(&analyzer, text);
        if total == 0 {
            report
                .skipped
                .push((name.to_string(), "empty word list".into()));
            continue;
        }
        let metric = if lang == Lang::ID {
            "root accuracy"
        } else {
            "lemma accuracy"
        };
        let mut note = format!("{correct}/{total} first analyses correct");
        if !misses.is_empty() {
            note.push_str(&format!("; misses: {}", misses.join(", ")));
        }
        let mut row = Metric::new(name, metric, correct as f64 / total as f64).note(note);
        if lang == Lang::ID {
            row = row.bar(Bar::AtLeast(0.95));
        }
        report.metrics.push(row);
    }
}

/// (correct, total, "word->got" misses) of first analyses against `word<TAB>expected` rows.
fn score(analyzer: &Analyzer, text: &str) -> (usize, usize, Vec<String>) {
    let mut correct = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    for row in sitrep_lang::tsv_rows(text) {
        total += 1;
        let got = analyzer.root(row.col(0));
        if got == row.col(1) {
            correct += 1;
        } else {
            misses.push(format!("{}->{got}", row.col(0)));
        }
    }
    (correct, total, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_for_every_list_and_misses_are_counted() {
        let mut report = Report::default();
        run(&mut report);
        assert_eq!(report.metrics.len(), 3, "{:?}", report.skipped);
        let id = &report.metrics[0];
        assert_eq!(id.bar, Some(Bar::AtLeast(0.95)));
        assert!(id.note.contains("first analyses correct"));

        let analyzer = Analyzer::new(Lang::ID);
        let (correct, total, misses) = score(&analyzer, "ditembak\ttembak\nditembak\tserang\n");
        assert_eq!((correct, total), (1, 2));
        assert_eq!(misses, vec!["ditembak->tembak".to_string()]);
    }
}
