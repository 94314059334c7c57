//! Scoring of the hand-written place fixtures (`fixtures/places/*.jsonl`): shared by
//! this crate's tests and the `sitrep eval` table, so both report the same figures.
//!
//! One JSON object per line:
//! `{"id", "text", "lang"?, "dateline"?, "expect": [{"text", "code"?, "near"?: [lat, lon],
//! "km"?, "use"?}], "not_places"?: [..], "event"?: {"trigger", "loc", "precision"}}`.
//! The language defaults to the file's (`en.jsonl`, `id.jsonl`).

use serde::Deserialize;
use sitrep_core::{Dateline, Document, Lang, PlacePrecision};

use crate::geo::haversine_km;
use crate::{Geoparser, MentionUse, PlaceMention};

#[derive(Debug, Deserialize)]
struct Fixture {
    id: String,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    dateline: Option<String>,
    #[serde(default)]
    expect: Vec<Expected>,
    #[serde(default)]
    not_places: Vec<String>,
    #[serde(default)]
    event: Option<ExpectedEvent>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    text: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    near: Option<[f64; 2]>,
    #[serde(default)]
    km: Option<f64>,
    #[serde(default, rename = "use")]
    usage: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedEvent {
    trigger: String,
    loc: Option<String>,
    #[serde(default)]
    precision: Option<PlacePrecision>,
}

/// Counts over a set of fixtures, with one line per failure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixtureScores {
    /// Sentences read.
    pub sentences: usize,
    /// Expected mentions.
    pub expected: usize,
    /// Expected mentions found (span covers the expected words).
    pub found: usize,
    /// Found mentions with a location expectation (code or point).
    pub resolvable: usize,
    /// ... resolved to the right country and within the tolerance.
    pub resolved: usize,
    /// Found mentions whose usage (place, metonym, nationality) is right.
    pub usage_right: usize,
    /// Words that must not be places.
    pub traps: usize,
    /// ... wrongly taken as places.
    pub trap_hits: usize,
    /// Events with an expected location.
    pub events: usize,
    /// ... whose event_loc matched (and precision, when given).
    pub events_right: usize,
    /// Human-readable failures ("id: what").
    pub failures: Vec<String>,
}

impl FixtureScores {
    fn add(&mut self, o: FixtureScores) {
        self.sentences += o.sentences;
        self.expected += o.expected;
        self.found += o.found;
        self.resolvable += o.resolvable;
        self.resolved += o.resolved;
        self.usage_right += o.usage_right;
        self.traps += o.traps;
        self.trap_hits += o.trap_hits;
        self.events += o.events;
        self.events_right += o.events_right;
        self.failures.extend(o.failures);
    }
}

fn parse_usage(s: &str) -> MentionUse {
    match s {
        "metonym" => MentionUse::Metonym,
        "nationality" => MentionUse::Nationality,
        _ => MentionUse::Place,
    }
}

/// Scores one JSONL fixture file; `default_lang` applies to lines without "lang".
/// Malformed lines count as failures, never panics.
pub fn score(geoparser: &Geoparser, jsonl: &str, default_lang: Lang) -> FixtureScores {
    let mut total = FixtureScores::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        match serde_json::from_str::<Fixture>(line) {
            Ok(f) => total.add(score_one(geoparser, &f, default_lang)),
            Err(e) => total
                .failures
                .push(format!("line {}: malformed fixture: {e}", n + 1)),
        }
    }
    total
}

fn score_one(g: &Geoparser, f: &Fixture, default_lang: Lang) -> FixtureScores {
    let lang = f
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or(default_lang);
    let doc = Document {
        id: f.id.clone(),
        text: f.text.clone(),
        language: Some(lang),
        sentences: segment(lang, &f.text),
        dateline: f.dateline.as_ref().map(|p| Dateline {
            text: p.clone(),
            place: Some(p.clone()),
            outlet: None,
            tampered: false,
        }),
        ..Default::default()
    };
    let ms = g.parse(&doc);
    let mut s = FixtureScores {
        sentences: 1,
        ..Default::default()
    };
    let find = |text: &str| -> Option<&PlaceMention> {
        ms.iter()
            .find(|m| m.place.entity_text == text)
            .or_else(|| ms.iter().find(|m| m.place.entity_text.contains(text)))
    };
    for e in &f.expect {
        s.expected += 1;
        let Some(m) = find(&e.text) else {
            s.failures.push(format!("{}: {:?} not found", f.id, e.text));
            continue;
        };
        s.found += 1;
        let want_use = e
            .usage
            .as_deref()
            .map(parse_usage)
            .unwrap_or(MentionUse::Place);
        if m.usage == want_use {
            s.usage_right += 1;
        } else {
            s.failures.push(format!(
                "{}: {:?} usage {:?}, expected {:?}",
                f.id, e.text, m.usage, want_use
            ));
        }
        if e.code.is_some() || e.near.is_some() {
            s.resolvable += 1;
            let code_ok = e
                .code
                .as_deref()
                .is_none_or(|c| m.place.code.as_deref() == Some(c));
            let near_ok = e.near.is_none_or(|[lat, lon]| {
                haversine_km(lat, lon, m.place.lat, m.place.lon) <= e.km.unwrap_or(150.0)
            });
            if code_ok && near_ok {
                s.resolved += 1;
            } else {
                s.failures.push(format!(
                    "{}: {:?} resolved to {} ({:?}, {:.2},{:.2})",
                    f.id, e.text, m.place.name, m.place.code, m.place.lat, m.place.lon
                ));
            }
        }
    }
    for t in &f.not_places {
        s.traps += 1;
        if ms
            .iter()
            .any(|m| m.place.entity_text.contains(t.as_str()) && m.usage == MentionUse::Place)
        {
            s.trap_hits += 1;
            s.failures.push(format!("{}: {t:?} taken as a place", f.id));
        }
    }
    if let Some(ev) = &f.event {
        s.events += 1;
        let at = f.text.find(&ev.trigger);
        let sentence = at.and_then(|b| {
            doc.sentences
                .iter()
                .position(|st| st.start <= b && b < st.end)
        });
        match (at, sentence) {
            (Some(b), Some(si)) => {
                let article = g.article_places(&doc, &ms);
                let loc = g
                    .event_places(
                        &doc,
                        &ms,
                        si,
                        (b, b + ev.trigger.len()),
                        &article,
                        crate::Motion::Stays,
                    )
                    .main;
                let ok = match (&ev.loc, &loc) {
                    (None, None) => true,
                    (Some(want), Some(got)) => {
                        got.entity_text.contains(want.as_str())
                            && ev.precision.is_none_or(|p| p == got.precision)
                    }
                    _ => false,
                };
                if ok {
                    s.events_right += 1;
                } else {
                    s.failures.push(format!(
                        "{}: event_loc {:?}, expected {:?} {:?}",
                        f.id,
                        loc.map(|l| (l.entity_text, l.precision)),
                        ev.loc,
                        ev.precision
                    ));
                }
            }
            _ => s
                .failures
                .push(format!("{}: trigger {:?} not in text", f.id, ev.trigger)),
        }
    }
    s
}

fn segment(lang: Lang, text: &str) -> Vec<sitrep_core::Sentence> {
    sitrep_segment::Segmenter::new(lang).split(text)
}
