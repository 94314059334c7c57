//! Runs the date fixtures in `fixtures/time/*.toml`: realistic news sentences written
//! for this project, each with a publication date and every date expression the
//! scanner must report.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_core::record::DatePrecision;
use sitrep_segment::Segmenter;
use sitrep_time::{DateMention, DateScanner};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    lang: String,
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    published: String,
    text: String,
    #[serde(default)]
    dates: Vec<Expected>,
}

/// One expected mention. Absent optional fields are expected to be empty or false;
/// `relative` is only checked when given.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    date: String,
    precision: String,
    enddate: Option<String>,
    time: Option<String>,
    part: Option<String>,
    #[serde(default)]
    historical: bool,
    #[serde(default)]
    future: bool,
    #[serde(default)]
    target: bool,
    #[serde(default)]
    recurring: bool,
    #[serde(default)]
    since: bool,
    relative: Option<bool>,
}

fn precision(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
        DatePrecision::Publication => "publication",
    }
}

fn describe(m: &DateMention) -> String {
    let mut s = format!("{:?} {} {}", m.text, m.date, precision(m.precision));
    if let Some(e) = m.enddate {
        let _ = write!(s, " ..{e}");
    }
    if let Some(t) = &m.time {
        let _ = write!(s, " time={t}");
    }
    if let Some(p) = m.part_of_day {
        let _ = write!(s, " part={}", p.as_str());
    }
    for (flag, name) in [
        (m.historical, "historical"),
        (m.future, "future"),
        (m.target, "target"),
        (m.recurring, "recurring"),
        (m.since, "since"),
        (m.relative, "relative"),
    ] {
        if flag {
            let _ = write!(s, " {name}");
        }
    }
    s
}

fn matches(m: &DateMention, e: &Expected) -> bool {
    m.text == e.text
        && m.date.to_string() == e.date
        && precision(m.precision) == e.precision
        && m.enddate.map(|d| d.to_string()) == e.enddate
        && m.time == e.time
        && m.part_of_day.map(|p| p.as_str().to_string()) == e.part
        && m.historical == e.historical
        && m.future == e.future
        && m.target == e.target
        && m.recurring == e.recurring
        && m.since == e.since
        && e.relative.is_none_or(|r| r == m.relative)
}

#[test]
fn date_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/time");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/time exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixture files");
    let mut failures = String::new();
    let mut total = 0;
    let mut per_lang = std::collections::BTreeMap::<String, usize>::new();
    for file in files {
        let suite: Suite = toml::from_str(&std::fs::read_to_string(&file).expect("readable"))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let lang = Lang::parse(&suite.lang).expect("lang code");
        let scanner = DateScanner::new(lang);
        let segmenter = Segmenter::new(lang);
        for case in &suite.case {
            total += 1;
            *per_lang.entry(suite.lang.clone()).or_default() += 1;
            let published = NaiveDate::parse_from_str(&case.published, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("{}: {:?}: {e}", file.display(), case.published));
            let got: Vec<DateMention> = segmenter
                .split(&case.text)
                .iter()
                .flat_map(|s| scanner.scan(&case.text, s, published))
                .collect();
            let ok = got.len() == case.dates.len()
                && got.iter().zip(&case.dates).all(|(m, e)| matches(m, e));
            if !ok {
                let _ = writeln!(
                    failures,
                    "\n[{} {}] {}",
                    suite.lang, case.published, case.text
                );
                for e in &case.dates {
                    let _ = writeln!(failures, "   expected: {e:?}");
                }
                for m in &got {
                    let _ = writeln!(failures, "   got:      {}", describe(m));
                }
            }
        }
    }
    eprintln!("date fixtures: {total} cases {per_lang:?}");
    assert!(failures.is_empty(), "failing date fixtures:{failures}");
    assert!(total >= 60, "at least 60 fixture cases, found {total}");
}
