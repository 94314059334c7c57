//! Entity recogniser figures: exact-match entity F1 (conlleval rules: type and both
//! boundaries must match) on the idner-news-2k test split and on the held-out fifth of
//! the English entity documents (`sitrep_ner::corpus::EnglishSplit::Test`).
//!
//! Sentences are re-tokenised with the run-time tokeniser before tagging and the
//! predicted spans mapped back to the gold tokens, so the figures measure the
//! recogniser as the pipeline uses it.

use std::path::Path;
use std::time::Instant;

use sitrep_core::Lang;
use sitrep_ner::corpus::{self, EnglishSplit, GoldSentence, Scores};
use sitrep_ner::{NerLabel, Recognizer};

use crate::report::{Bar, Metric, Report};

/// Issue 5: "NER on idner-news-2k test: entity F1 ≥ 0.83".
const IDNER_BAR: f64 = 0.83;

/// Appends the recogniser rows for the data sets found under `data_dir`; missing data
/// sets or models are recorded as skipped.
pub fn run(data_dir: &Path, report: &mut Report) {
    let idner = data_dir.join("idner-news-2k/test.txt");
    match (Recognizer::try_load(Lang::ID), corpus::read_idner(&idner)) {
        (Ok(Some(r)), Ok(sentences)) => {
            let (scores, note) = score(&r, &sentences);
            report.metrics.push(
                Metric::new("idner-news-2k test", "NER entity F1", scores.micro().2)
                    .bar(Bar::AtLeast(IDNER_BAR))
                    .note(note),
            );
        }
        (Ok(None), _) => skip(
            report,
            "idner-news-2k test",
            "no Indonesian entity model embedded",
        ),
        (Err(e), _) => skip(report, "idner-news-2k test", &e.to_string()),
        (_, Err(e)) => skip(report, "idner-news-2k test", &e.to_string()),
    }
    let english = data_dir.join("english-ner");
    match (
        Recognizer::try_load(Lang::EN),
        corpus::read_english(&english, EnglishSplit::Test),
    ) {
        (Ok(Some(r)), Ok(sentences)) => {
            let (scores, note) = score(&r, &sentences);
            report.metrics.push(
                Metric::new("english-ner held-out", "NER entity F1", scores.micro().2).note(
                    format!("wikigold + re3d, every 5th document (index % 5 == 4); {note}"),
                ),
            );
        }
        (Ok(None), _) => skip(
            report,
            "english-ner held-out",
            "no English entity model embedded",
        ),
        (Err(e), _) => skip(report, "english-ner held-out", &e.to_string()),
        (_, Err(e)) => skip(report, "english-ner held-out", &e.to_string()),
    }
}

fn skip(report: &mut Report, dataset: &str, why: &str) {
    report.skipped.push((dataset.to_string(), why.to_string()));
}

/// Scores `sentences` and describes them: P/R, per-label F1, counts and speed.
fn score(recognizer: &Recognizer, sentences: &[GoldSentence]) -> (Scores, String) {
    let started = Instant::now();
    let scores = corpus::evaluate(recognizer, sentences);
    let seconds = started.elapsed().as_secs_f64();
    let (p, r, _) = scores.micro();
    let (gold, predicted, correct) = scores.totals();
    let mut note = format!("P {p:.3} R {r:.3}");
    for label in NerLabel::ALL {
        if scores.per_label[label.index()].0 > 0 {
            note.push_str(&format!(" {label} {:.3}", scores.label(label).2));
        }
    }
    note.push_str(&format!(
        "; {} sentences, {gold} gold / {predicted} predicted / {correct} correct; {:.0} ms",
        sentences.len(),
        seconds * 1000.0
    ));
    (scores, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_data_is_skipped_not_fatal() {
        let mut report = Report::default();
        run(Path::new("/nonexistent/sitrep-data"), &mut report);
        assert!(report.metrics.is_empty());
        assert_eq!(report.skipped.len(), 2);
        assert!(
            report.skipped[0].1.contains("test.txt"),
            "{:?}",
            report.skipped
        );
    }

    #[test]
    fn scores_a_small_gold_file() {
        let dir = std::env::temp_dir().join(format!("sitrep-eval-ner-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("idner-news-2k")).unwrap();
        // A sentence written for this test (not from any evaluation set).
        std::fs::write(
            dir.join("idner-news-2k/test.txt"),
            "Gubernur X O\nJawa X B-LOC\nTengah X I-LOC\nSuryo X B-PER\nPranoto X I-PER\n\
             meninjau X O\nlokasi X O\nbanjir X O\ndi X O\nKabupaten X O\nDemak X B-LOC\n. X O\n",
        )
        .unwrap();
        let mut report = Report::default();
        run(&dir, &mut report);
        std::fs::remove_dir_all(&dir).ok();
        let row = report
            .metrics
            .iter()
            .find(|m| m.dataset == "idner-news-2k test")
            .unwrap();
        assert!((0.0..=1.0).contains(&row.value));
        assert_eq!(row.bar, Some(Bar::AtLeast(IDNER_BAR)));
        assert!(row.note.contains("1 sentences, 3 gold"), "{}", row.note);
    }
}
