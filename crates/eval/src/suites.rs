//! Our own event suites (`fixtures/events/<lang>/`): realistic articles and single
//! sentences with the records a careful human coder expects, plus sentences that must
//! yield nothing (junk lines, background facts).
//!
//! Formats (JSON, one file per article; JSONL for sentences):
//! ```json
//! {"id": "...", "published": "2022-09-13", "language": "id", "url": "...", "text": "...",
//!  "expect": [{"sentence_contains": "...", "event": "ASSAULT", "mode": "heavy-weapons",
//!              "actor": ["AZE"], "recipient": ["ARM"], "reciprocal": false,
//!              "date": "2022-09-12", "date_precision": "day", "dead": {"min": 2, "max": 2},
//!              "injured": {...}, "size": {...}, "status": "disputed", "claimed_by": ["ARM"],
//!              "negated": false, "hypothetical": false, "historical": false, "place": "Goris"}],
//!  "forbid": [{"sentence_contains": "Baca juga", "why": "related-article line"},
//!             {"sentence_contains": "pada 2020", "allow_historical": true, "why": "background"}]}
//! ```
//! Every field of an expectation but `sentence_contains` and `event` is optional and
//! checked only when present. Party lists are "at least these codes".

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sitrep_core::{EventRecord, Magnitude};
use sitrep_ingest::RawDocument;
use sitrep_pipeline::Pipeline;

use crate::{Bar, Metric, Report};

/// An expected record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// A substring of the sentence the record must come from.
    pub sentence_contains: String,
    /// PLOVER category.
    pub event: String,
    /// Mode.
    pub mode: Option<String>,
    /// Actor codes that must all be present.
    pub actor: Option<Vec<String>>,
    /// Recipient codes that must all be present.
    pub recipient: Option<Vec<String>>,
    /// Reciprocal flag.
    pub reciprocal: Option<bool>,
    /// Event date.
    pub date: Option<String>,
    /// Date precision.
    pub date_precision: Option<String>,
    /// Dead.
    pub dead: Option<ExpectCount>,
    /// Injured.
    pub injured: Option<ExpectCount>,
    /// Size.
    pub size: Option<ExpectCount>,
    /// Attribution status.
    pub status: Option<String>,
    /// Claimant codes that must all be present.
    pub claimed_by: Option<Vec<String>>,
    /// Negated flag.
    pub negated: Option<bool>,
    /// Hypothetical flag.
    pub hypothetical: Option<bool>,
    /// Historical flag.
    pub historical: Option<bool>,
    /// Substring of the event location's name or words.
    pub place: Option<String>,
    /// Free comment for humans.
    pub note: Option<String>,
}

/// An expected count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectCount {
    /// Lower bound.
    pub min: u64,
    /// Upper bound (null: open).
    pub max: Option<u64>,
}

/// Sentences that must not produce records.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forbid {
    /// Substring of the offending sentence (or of a dropped line).
    pub sentence_contains: String,
    /// A record there is fine when it says `historical: true`.
    #[serde(default)]
    pub allow_historical: bool,
    /// Only records of this category are forbidden (default: any).
    pub event: Option<String>,
    /// Why.
    pub why: Option<String>,
}

/// One fixture document.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// Id.
    pub id: String,
    /// Publication date.
    pub published: String,
    /// Language code.
    pub language: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Outlet style imitated (for humans).
    pub style: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Raw text (or HTML in `html`).
    pub text: Option<String>,
    /// Raw HTML.
    pub html: Option<String>,
    /// Expected records.
    #[serde(default)]
    pub expect: Vec<Expect>,
    /// Forbidden records.
    #[serde(default)]
    pub forbid: Vec<Forbid>,
}

/// Outcome of one suite.
#[derive(Debug, Clone, Default)]
pub struct SuiteResult {
    /// Suite name ("id-articles").
    pub name: String,
    /// Documents.
    pub docs: usize,
    /// Expected records.
    pub expected: usize,
    /// Expected records found.
    pub found: usize,
    /// Forbidden records produced.
    pub forbidden_hits: usize,
    /// Records produced that no expectation claimed (for information).
    pub extra: usize,
    /// Human-readable failures.
    pub failures: Vec<String>,
}

fn codes(es: &[sitrep_core::Entity]) -> Vec<&str> {
    es.iter().filter_map(|e| e.code.as_deref()).collect()
}

fn count_ok(got: &Option<Magnitude>, want: &Option<ExpectCount>) -> bool {
    match (want, got) {
        (None, _) => true,
        (Some(w), Some(g)) => g.min == w.min && g.max == w.max,
        (Some(_), None) => false,
    }
}

/// Why `r` does not satisfy `e` (None when it does).
pub fn mismatch(r: &EventRecord, e: &Expect) -> Option<String> {
    if r.event.as_str() != e.event {
        return Some(format!("category {}", r.event));
    }
    let parties: Vec<&str> = codes(&r.actor)
        .into_iter()
        .chain(codes(&r.recipient))
        .collect();
    let mut why = Vec::new();
    if let Some(m) = &e.mode
        && r.mode.as_deref() != Some(m.as_str())
    {
        why.push(format!("mode {:?}", r.mode));
    }
    let has_all = |want: &[String], got: &[&str]| want.iter().all(|w| got.contains(&w.as_str()));
    if let Some(a) = &e.actor {
        let ok = if r.reciprocal {
            has_all(a, &parties)
        } else {
            has_all(a, &codes(&r.actor))
        };
        if !ok {
            why.push(format!("actor {:?}", codes(&r.actor)));
        }
    }
    if let Some(b) = &e.recipient {
        let ok = if r.reciprocal {
            has_all(b, &parties)
        } else {
            has_all(b, &codes(&r.recipient))
        };
        if !ok {
            why.push(format!("recipient {:?}", codes(&r.recipient)));
        }
    }
    if e.reciprocal.is_some_and(|x| x != r.reciprocal) {
        why.push(format!("reciprocal {}", r.reciprocal));
    }
    if e.date.as_ref().is_some_and(|d| *d != r.date) {
        why.push(format!("date {}", r.date));
    }
    if let Some(p) = &e.date_precision {
        let got = serde_json::to_value(r.date_precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if *p != got {
            why.push(format!("date_precision {got}"));
        }
    }
    if !count_ok(&r.dead, &e.dead) {
        why.push(format!(
            "dead {:?}",
            r.dead.as_ref().map(|m| (m.min, m.max))
        ));
    }
    if !count_ok(&r.injured, &e.injured) {
        why.push(format!(
            "injured {:?}",
            r.injured.as_ref().map(|m| (m.min, m.max))
        ));
    }
    if !count_ok(&r.size, &e.size) {
        why.push(format!(
            "size {:?}",
            r.size.as_ref().map(|m| (m.min, m.max))
        ));
    }
    if let Some(s) = &e.status {
        let got = serde_json::to_value(r.attribution.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if *s != got {
            why.push(format!("status {got}"));
        }
    }
    if let Some(c) = &e.claimed_by
        && !has_all(c, &codes(&r.attribution.claimed_by))
    {
        why.push(format!("claimed_by {:?}", codes(&r.attribution.claimed_by)));
    }
    for (want, got, name) in [
        (e.negated, r.negated, "negated"),
        (e.hypothetical, r.hypothetical, "hypothetical"),
        (e.historical, r.historical, "historical"),
    ] {
        if want.is_some_and(|w| w != got) {
            why.push(format!("{name} {got}"));
        }
    }
    if let Some(p) = &e.place {
        let p = p.to_lowercase();
        // The expected town or area, or a more specific place inside it (the palace "in
        // Jakarta", a village of the expected regency): not a coarser one.
        let inside = |admin: &Option<String>| admin.as_ref().is_some_and(|a| a.to_lowercase() == p);
        let ok = r.event_loc.as_ref().is_some_and(|l| {
            l.name.to_lowercase().contains(&p)
                || l.entity_text.to_lowercase().contains(&p)
                || inside(&l.admin1)
                || inside(&l.admin2)
        });
        if !ok {
            why.push(format!("place {:?}", r.event_loc.as_ref().map(|l| &l.name)));
        }
    }
    (!why.is_empty()).then(|| why.join(", "))
}

/// Runs one list of cases.
pub fn run_cases(name: &str, cases: &[Case], pipeline: &Pipeline) -> SuiteResult {
    let mut res = SuiteResult {
        name: name.to_string(),
        ..SuiteResult::default()
    };
    for case in cases {
        res.docs += 1;
        let raw = RawDocument {
            id: Some(case.id.clone()),
            text: case.text.clone(),
            html: case.html.clone(),
            published: Some(case.published.clone()),
            url: case.url.clone(),
            title: case.title.clone(),
            language: case.language.clone(),
            origin: format!("{name}:{}", case.id),
            ..RawDocument::default()
        };
        let out = pipeline.process(&raw);
        let mut claimed = vec![false; out.records.len()];
        for e in &case.expect {
            res.expected += 1;
            let candidates: Vec<(usize, &EventRecord)> = out
                .records
                .iter()
                .enumerate()
                .filter(|(_, r)| r.text.contains(&e.sentence_contains))
                .collect();
            let hit = candidates
                .iter()
                .find(|(i, r)| !claimed[*i] && mismatch(r, e).is_none());
            match hit {
                Some((i, _)) => {
                    claimed[*i] = true;
                    res.found += 1;
                }
                None => {
                    let near: Vec<String> = candidates
                        .iter()
                        .map(|(_, r)| {
                            format!("{} [{}]", r.event, mismatch(r, e).unwrap_or_default())
                        })
                        .collect();
                    res.failures.push(format!(
                        "{}: missing {} in {:?}; got {}",
                        case.id,
                        e.event,
                        e.sentence_contains,
                        if near.is_empty() {
                            "no record in that sentence".to_string()
                        } else {
                            near.join("; ")
                        }
                    ));
                }
            }
        }
        for f in &case.forbid {
            for r in out
                .records
                .iter()
                .filter(|r| r.text.contains(&f.sentence_contains))
            {
                if f.event.as_deref().is_some_and(|c| c != r.event.as_str()) {
                    continue;
                }
                if f.allow_historical && r.historical {
                    continue;
                }
                res.forbidden_hits += 1;
                res.failures.push(format!(
                    "{}: forbidden {} from {:?} ({})",
                    case.id,
                    r.event,
                    f.sentence_contains,
                    f.why.as_deref().unwrap_or("")
                ));
            }
        }
        res.extra += claimed.iter().filter(|c| !**c).count();
    }
    res
}

/// Fixture folder of the repository.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/events"
    ))
}

/// Loads every case of a suite: `*.json` files in `dir/articles` and lines of `dir/sentences.jsonl`.
pub fn load(dir: &Path) -> Result<(Vec<Case>, Vec<Case>), String> {
    let mut articles = Vec::new();
    let art_dir = dir.join("articles");
    if let Ok(rd) = std::fs::read_dir(&art_dir) {
        let mut paths: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        for p in paths {
            let s = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            let c: Case = serde_json::from_str(&s).map_err(|e| format!("{}: {e}", p.display()))?;
            articles.push(c);
        }
    }
    let mut sentences = Vec::new();
    let sp = dir.join("sentences.jsonl");
    if let Ok(s) = std::fs::read_to_string(&sp) {
        for (i, line) in s.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let c: Case = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", sp.display(), i + 1))?;
            sentences.push(c);
        }
    }
    Ok((articles, sentences))
}

/// Runs every language's suites and appends rows to the report.
pub fn run(pipeline: &Pipeline, report: &mut Report) -> Vec<SuiteResult> {
    let mut results = Vec::new();
    let root = fixtures_dir();
    for lang in ["id", "en"] {
        let (articles, sentences) = match load(&root.join(lang)) {
            Ok(x) => x,
            Err(e) => {
                report.skipped.push((format!("events-{lang}"), e));
                continue;
            }
        };
        for (kind, cases) in [("articles", articles), ("sentences", sentences)] {
            if cases.is_empty() {
                continue;
            }
            let r = run_cases(&format!("events-{lang}-{kind}"), &cases, pipeline);
            let recall = r.found as f64 / r.expected.max(1) as f64;
            report.metrics.push(
                Metric::new(&r.name, "expected records found", recall)
                    .bar(Bar::AtLeast(1.0))
                    .note(format!(
                        "{} of {} in {} docs; {} other records",
                        r.found, r.expected, r.docs, r.extra
                    )),
            );
            report.metrics.push(
                Metric::new(&r.name, "junk/background records", r.forbidden_hits as f64)
                    .bar(Bar::AtMost(0.0)),
            );
            results.push(r);
        }
    }
    results
}
