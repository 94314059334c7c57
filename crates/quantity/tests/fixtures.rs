//! Runs the count fixtures in `fixtures/quantity/*.toml`: realistic news sentences
//! written for this project, each with every count the scanner must report.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_quantity::{Count, CountScanner};
use sitrep_segment::Segmenter;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Suite {
    lang: String,
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    #[serde(default)]
    counts: Vec<Expected>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    what: String,
    min: u64,
    /// Upper bound; leave out and set `open = true` for an open count.
    max: Option<u64>,
    #[serde(default)]
    open: bool,
    text: String,
    #[serde(default)]
    implicit: bool,
    /// Word of the counted noun or cue, when the case checks the anchor.
    head: Option<String>,
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/quantity")
}

fn describe(c: &Count, text: &str, tokens: &[sitrep_core::document::Token]) -> String {
    let head = tokens.get(c.head_token).map_or("?", |t| t.text(text));
    format!(
        "{} {}..{} {:?} head={:?} implicit={}",
        c.what.as_str(),
        c.min,
        c.max.map_or("open".to_string(), |m| m.to_string()),
        c.text,
        head,
        c.implicit
    )
}

#[test]
fn count_fixtures() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/quantity exists")
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
        let scanner = CountScanner::new(lang);
        let segmenter = Segmenter::new(lang);
        for case in &suite.case {
            total += 1;
            *per_lang.entry(suite.lang.clone()).or_default() += 1;
            let mut got = Vec::new();
            for s in segmenter.split(&case.text) {
                for c in scanner.scan(&case.text, &s) {
                    got.push((describe(&c, &case.text, &s.tokens), c, s.tokens.clone()));
                }
            }
            let mut problems = Vec::new();
            if got.len() != case.counts.len() {
                problems.push(format!(
                    "expected {} counts, got {}",
                    case.counts.len(),
                    got.len()
                ));
            }
            for (k, exp) in case.counts.iter().enumerate() {
                assert!(
                    exp.max.is_some() != exp.open,
                    "{}: case {:?}: give exactly one of max and open",
                    file.display(),
                    case.text
                );
                let Some((_, c, tokens)) = got.get(k) else {
                    continue;
                };
                let head = tokens.get(c.head_token).map_or("", |t| t.text(&case.text));
                let ok = c.what.as_str() == exp.what
                    && c.min == exp.min
                    && c.max == exp.max
                    && c.text == exp.text
                    && c.implicit == exp.implicit
                    && exp.head.as_ref().is_none_or(|h| h == head);
                if !ok {
                    problems.push(format!(
                        "count {k}: expected {} {}..{} {:?}{}",
                        exp.what,
                        exp.min,
                        exp.max.map_or("open".to_string(), |m| m.to_string()),
                        exp.text,
                        exp.head
                            .as_ref()
                            .map_or(String::new(), |h| format!(" head={h:?}"))
                    ));
                }
            }
            if !problems.is_empty() {
                let _ = writeln!(failures, "\n[{}] {}", suite.lang, case.text);
                for p in problems {
                    let _ = writeln!(failures, "   {p}");
                }
                for (d, _, _) in &got {
                    let _ = writeln!(failures, "   got: {d}");
                }
            }
        }
    }
    eprintln!("count fixtures: {total} cases {per_lang:?}");
    assert!(failures.is_empty(), "failing count fixtures:{failures}");
    assert!(total >= 60, "at least 60 fixture cases, found {total}");
}
