//! The event suites (fixtures/events) must not fall below the floors recorded in
//! fixtures/events/floors.tsv: a change that loses expected records, or lets more junk or
//! background through, fails here with the cases it broke.

use sitrep_eval::suites;
use sitrep_pipeline::{Pipeline, PipelineOptions};

#[test]
fn event_suites_hold_their_floors() {
    let root = suites::fixtures_dir();
    let floors = std::fs::read_to_string(root.join("floors.tsv")).expect("floors.tsv");
    let pipeline = Pipeline::new(PipelineOptions::default()).expect("pipeline loads");
    let mut problems = Vec::new();
    let mut checked = 0;
    for line in floors
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "floors.tsv: bad line {line:?}");
        let (name, min_found, max_forbidden) = (
            cols[0],
            cols[1].parse::<usize>().expect("min_found"),
            cols[2].parse::<usize>().expect("max_forbidden"),
        );
        let rest = name
            .strip_prefix("events-")
            .expect("suite name events-<lang>-<kind>");
        let (lang, kind) = rest
            .split_once('-')
            .expect("suite name events-<lang>-<kind>");
        let (articles, sentences) = suites::load(&root.join(lang)).expect("suite loads");
        let cases = if kind == "articles" {
            articles
        } else {
            sentences
        };
        let r = suites::run_cases(name, &cases, &pipeline);
        checked += 1;
        if r.found < min_found || r.forbidden_hits > max_forbidden {
            problems.push(format!(
                "{name}: {} found (floor {min_found}), {} junk/background (ceiling {max_forbidden})\n  {}",
                r.found,
                r.forbidden_hits,
                r.failures.join("\n  ")
            ));
        }
    }
    assert_eq!(checked, 4, "floors.tsv should list the four suites");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
