//! PLOVER gold sentences (`plover-gsr-dev`): category F1 and dyad accuracy.
//!
//! Method (fixed by the foundation issue so that figures stay comparable): each
//! sentence is one document (published 2000-01-01, language en); gold labels are
//! mapped to PLOVER 2.0 (FIGHT→ASSAULT, DEMAND→REQUEST, DISAPPROVE and
//! INVESTIGATE→ACCUSE); the predicted set of a sentence is the categories of all its
//! non-negated records. Dyad accuracy: among sentences whose gold category was
//! found, the share where one record of that category has every gold source country
//! among its actor codes and every gold target country among its recipient codes
//! (among all parties when the record is reciprocal). Gold codes that are not
//! countries (IGO, NGO, IMG) are not required.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use sitrep_core::{Category, EventRecord};
use sitrep_ingest::RawDocument;
use sitrep_pipeline::Pipeline;

use crate::{Bar, Metric, Report};

const DATASET: &str = "plover-gsr-dev";

#[derive(Deserialize)]
struct GoldRecord {
    id: String,
    event: Option<String>,
    text: Option<String>,
    #[serde(default)]
    source: serde_json::Value,
    #[serde(default)]
    target: serde_json::Value,
}

/// One evaluated sentence, kept for `--details` listings.
#[derive(Debug, Clone)]
pub struct SentenceOutcome {
    /// Gold record id.
    pub id: String,
    /// Sentence text.
    pub text: String,
    /// Gold category.
    pub gold: Category,
    /// Predicted categories.
    pub predicted: BTreeSet<Category>,
    /// Dyad correct (None when the gold category was not found).
    pub dyad: Option<bool>,
    /// Gold source and target countries.
    pub gold_dyad: (Vec<String>, Vec<String>),
    /// Actor and recipient codes of the best record of the gold category.
    pub found_dyad: Option<(Vec<String>, Vec<String>)>,
}

fn countries(v: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(arr) = v.as_array() {
        for e in arr {
            if let Some(c) = e.get("code").and_then(|c| c.as_str()) {
                let c = c.trim();
                let is_country = c.len() == 3
                    && c.bytes().all(|b| b.is_ascii_uppercase())
                    && !matches!(c, "IGO" | "NGO" | "IMG" | "MNC" | "UNO" | "EUR" | "AFR");
                if is_country && !out.iter().any(|x| x == c) {
                    out.push(c.to_string());
                }
            }
        }
    }
    out
}

fn codes(es: &[sitrep_core::Entity]) -> Vec<String> {
    es.iter().filter_map(|e| e.code.clone()).collect()
}

fn dyad_ok(r: &EventRecord, src: &[String], tgt: &[String]) -> bool {
    let a = codes(&r.actor);
    let b = codes(&r.recipient);
    if r.reciprocal {
        let all: Vec<&String> = a.iter().chain(b.iter()).collect();
        src.iter().chain(tgt.iter()).all(|c| all.contains(&c))
    } else {
        src.iter().all(|c| a.contains(c)) && tgt.iter().all(|c| b.contains(c))
    }
}

/// Evaluates the pipeline on the PLOVER gold sentences; returns per-sentence outcomes.
pub fn run(data_dir: &Path, pipeline: &Pipeline, report: &mut Report) -> Vec<SentenceOutcome> {
    let path = data_dir.join("plover-gsr-dev/PLOVER_GSR_CAMEO.dev.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        report
            .skipped
            .push((DATASET.into(), format!("{} not found", path.display())));
        return Vec::new();
    };
    let gold: Vec<GoldRecord> = match serde_json::from_str(&raw) {
        Ok(g) => g,
        Err(e) => {
            report.skipped.push((
                DATASET.into(),
                format!("cannot parse {}: {e}", path.display()),
            ));
            return Vec::new();
        }
    };
    let mut outcomes = Vec::new();
    for g in gold {
        let (Some(label), Some(text)) = (g.event.as_deref(), g.text.as_deref()) else {
            continue;
        };
        let Ok(gold_cat) = label.parse::<Category>() else {
            continue; // DOCUMENT header and labels outside PLOVER 2.0
        };
        let doc = RawDocument {
            id: Some(g.id.clone()),
            text: Some(text.to_string()),
            published: Some("2000-01-01".into()),
            language: Some("en".into()),
            origin: format!("{DATASET}:{}", g.id),
            ..RawDocument::default()
        };
        let out = pipeline.process(&doc);
        let live: Vec<&EventRecord> = out.records.iter().filter(|r| !r.negated).collect();
        let predicted: BTreeSet<Category> = live.iter().map(|r| r.event).collect();
        let src = countries(&g.source);
        let tgt = countries(&g.target);
        let of_cat: Vec<&&EventRecord> = live.iter().filter(|r| r.event == gold_cat).collect();
        let dyad = (!of_cat.is_empty()).then(|| of_cat.iter().any(|r| dyad_ok(r, &src, &tgt)));
        let found_dyad = of_cat
            .iter()
            .find(|r| dyad_ok(r, &src, &tgt))
            .or(of_cat.first())
            .map(|r| (codes(&r.actor), codes(&r.recipient)));
        outcomes.push(SentenceOutcome {
            id: g.id,
            text: text.to_string(),
            gold: gold_cat,
            predicted,
            dyad,
            gold_dyad: (src, tgt),
            found_dyad,
        });
    }
    let n = outcomes.len();
    if n == 0 {
        report
            .skipped
            .push((DATASET.into(), "no gold sentences".into()));
        return outcomes;
    }
    let mut per_cat: BTreeMap<Category, (usize, usize, usize)> = BTreeMap::new();
    for o in &outcomes {
        for c in &o.predicted {
            let e = per_cat.entry(*c).or_default();
            if *c == o.gold {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        if !o.predicted.contains(&o.gold) {
            per_cat.entry(o.gold).or_default().2 += 1;
        }
    }
    let (tp, fp, fnn) = per_cat
        .values()
        .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
    let f1 = |tp: usize, fp: usize, fnn: usize| {
        if tp == 0 {
            0.0
        } else {
            2.0 * tp as f64 / (2 * tp + fp + fnn) as f64
        }
    };
    let micro = f1(tp, fp, fnn);
    let precision = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    let gold_cats: BTreeSet<Category> = outcomes.iter().map(|o| o.gold).collect();
    let macro_f1 = gold_cats
        .iter()
        .map(|c| {
            let v = per_cat.get(c).copied().unwrap_or_default();
            f1(v.0, v.1, v.2)
        })
        .sum::<f64>()
        / gold_cats.len() as f64;
    let found: Vec<bool> = outcomes.iter().filter_map(|o| o.dyad).collect();
    let dyad_acc = if found.is_empty() {
        0.0
    } else {
        found.iter().filter(|&&d| d).count() as f64 / found.len() as f64
    };
    report.metrics.push(
        Metric::new(DATASET, "micro-F1", micro)
            .bar(Bar::AtLeast(0.75))
            .note(format!(
                "P {precision:.3} R {recall:.3}; {n} sentences, tp {tp} fp {fp} fn {fnn}"
            )),
    );
    report.metrics.push(
        Metric::new(DATASET, "macro-F1", macro_f1)
            .bar(Bar::AtLeast(0.65))
            .note(format!("over the {} gold categories", gold_cats.len())),
    );
    report.metrics.push(
        Metric::new(DATASET, "dyad accuracy", dyad_acc)
            .bar(Bar::AtLeast(0.75))
            .note(format!(
                "{} of {} sentences with the gold category found",
                found.iter().filter(|&&d| d).count(),
                found.len()
            )),
    );
    outcomes
}
