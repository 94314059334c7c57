//! Runs the hand-written sentences in `fixtures/actors/{en,id}.txt` through the finder and
//! compares every mention (words, kind, code, sector, name, office) with the expected list.

use std::sync::OnceLock;

use sitrep_actors::{ActorIndex, ActorMention, MentionKind};
use sitrep_core::Lang;
use sitrep_segment::Segmenter;

fn index() -> &'static ActorIndex {
    static INDEX: OnceLock<ActorIndex> = OnceLock::new();
    INDEX.get_or_init(ActorIndex::load)
}

struct Case {
    line: usize,
    year: i32,
    text: String,
    expected: Vec<[String; 6]>,
}

fn parse(file: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, raw) in file.lines().enumerate() {
        let line = raw.trim_end();
        if line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("= ") {
            let (year, text) = rest
                .split_once(" | ")
                .unwrap_or_else(|| panic!("line {}: want '= YEAR | text'", i + 1));
            cases.push(Case {
                line: i + 1,
                year: year
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("line {}: bad year", i + 1)),
                text: text.to_string(),
                expected: Vec::new(),
            });
        } else if !line.trim().is_empty() {
            let cols: Vec<String> = line.split(" | ").map(|c| c.trim().to_string()).collect();
            let cols: [String; 6] = cols.try_into().unwrap_or_else(|c: Vec<String>| {
                panic!("line {}: {} columns, want 6", i + 1, c.len())
            });
            cases
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: mention before any case", i + 1))
                .expected
                .push(cols);
        }
    }
    cases
}

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Country => "Country",
        MentionKind::Demonym => "Demonym",
        MentionKind::Capital => "Capital",
        MentionKind::Institution => "Institution",
        MentionKind::Person => "Person",
        MentionKind::Igo => "Igo",
        MentionKind::Group => "Group",
        MentionKind::Agent => "Agent",
    }
}

fn show(text: &str, m: &ActorMention) -> [String; 6] {
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    [
        text[m.start..m.end].to_string(),
        kind_name(m.kind).to_string(),
        opt(&m.code),
        opt(&m.sector),
        opt(&m.name),
        opt(&m.office),
    ]
}

fn matches(expected: &[String; 6], got: &[String; 6]) -> bool {
    expected.iter().zip(got).all(|(e, g)| e == "*" || e == g)
}

/// Runs one fixture file; returns (cases, mentions checked, failure messages).
fn run(file: &str, lang: Lang) -> (usize, usize, Vec<String>) {
    let seg = Segmenter::new(lang);
    let cases = parse(file);
    let mut failures = Vec::new();
    let mut mentions = 0;
    for case in &cases {
        let mut got = Vec::new();
        for s in seg.split(&case.text) {
            for m in index().find(&case.text, &s, lang, Some(case.year)) {
                assert!(
                    m.start < m.end
                        && case.text.is_char_boundary(m.start)
                        && case.text.is_char_boundary(m.end)
                );
                assert!(m.first_token < m.end_token && m.end_token <= s.tokens.len());
                got.push(show(&case.text, &m));
            }
        }
        mentions += case.expected.len();
        let ok = got.len() == case.expected.len()
            && case.expected.iter().zip(&got).all(|(e, g)| matches(e, g));
        if !ok {
            failures.push(format!(
                "line {} ({}): {}\n  expected:\n{}\n  got:\n{}",
                case.line,
                case.year,
                case.text,
                case.expected
                    .iter()
                    .map(|e| format!("    {}", e.join(" | ")))
                    .collect::<Vec<_>>()
                    .join("\n"),
                got.iter()
                    .map(|g| format!("    {}", g.join(" | ")))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ));
        }
    }
    (cases.len(), mentions, failures)
}

fn check(name: &str, file: &str, lang: Lang) {
    let (cases, mentions, failures) = run(file, lang);
    assert!(cases >= 40, "{name}: only {cases} cases");
    eprintln!(
        "{name}: {cases} sentences, {mentions} expected mentions, {} failing",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{name}: {} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn english_fixtures() {
    check(
        "fixtures/actors/en.txt",
        include_str!("../../../fixtures/actors/en.txt"),
        Lang::EN,
    );
}

#[test]
fn indonesian_fixtures() {
    check(
        "fixtures/actors/id.txt",
        include_str!("../../../fixtures/actors/id.txt"),
        Lang::ID,
    );
}

#[test]
fn malay_text_is_read_with_indonesian_data() {
    let text = "Polis Malaysia menahan dua warga Indonesia di Kuala Lumpur.";
    let s = &Segmenter::new(Lang::MS).split(text)[0];
    let found = index().find(text, s, Lang::MS, Some(2024));
    assert!(
        found
            .iter()
            .any(|m| m.code.as_deref() == Some("IDN") && m.sector.as_deref() == Some("CVL")),
        "{found:?}"
    );
}

#[test]
fn the_article_date_picks_the_office_holder() {
    let text = "Presiden Indonesia berpidato di Sidang Umum PBB.";
    let s = &Segmenter::new(Lang::ID).split(text)[0];
    let name = |d: &str| {
        let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        index().find_on(text, s, Lang::ID, date)[0].name.clone()
    };
    assert_eq!(name("2024-09-25").as_deref(), Some("Joko Widodo"));
    assert_eq!(name("2024-11-10").as_deref(), Some("Prabowo Subianto"));
    // The year alone cannot tell: no holder is named.
    assert_eq!(index().find(text, s, Lang::ID, Some(2024))[0].name, None);
}

#[test]
fn bad_offsets_do_not_panic() {
    let text = "Polisi menangkap pelaku.";
    let mut s = Segmenter::new(Lang::ID).split(text).remove(0);
    s.tokens[0].end = 999; // not a slice of the text: skipped
    let found = index().find(text, &s, Lang::ID, None);
    assert!(found.iter().all(|m| m.end <= text.len()));
    // Token indices still point into the sentence's own token list.
    let polisi = found.iter().find(|m| m.sector.as_deref() == Some("COP"));
    assert!(
        polisi.is_none(),
        "the skipped token cannot be a mention: {found:?}"
    );
    let mut s2 = Segmenter::new(Lang::ID)
        .split("Kemarin polisi menangkap pelaku.")
        .remove(0);
    s2.tokens[0].end = 999;
    let found = index().find("Kemarin polisi menangkap pelaku.", &s2, Lang::ID, None);
    assert_eq!(
        (found[0].first_token, found[0].end_token),
        (1, 2),
        "{found:?}"
    );
    let empty = sitrep_core::document::Sentence {
        start: 0,
        end: 0,
        tokens: Vec::new(),
    };
    assert!(index().find("", &empty, Lang::EN, Some(2020)).is_empty());
}
