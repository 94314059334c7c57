//! Times `ActorIndex::load` and `ActorIndex::find` on real text, for the speed numbers in the
//! report (no accuracy is measured here):
//!
//!     cargo run --release -p sitrep-actors --example bench -- \
//!         ../shared/data/voa-stories/voa_stories.jsonl ../shared/data/idner-news-2k/train.txt
//!
//! English text comes from the VOA JSONL ("text" field, dated by "published"); Indonesian text is
//! rebuilt from the CoNLL-style token lines of idner-news-2k (one sentence per blank-line block).

use std::time::Instant;

use sitrep_actors::ActorIndex;
use sitrep_core::Lang;
use sitrep_segment::Segmenter;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let index = ActorIndex::load();
    let cpu = c0.and_then(|a| cpu_seconds().map(|b| format!("{:.1} ms CPU", (b - a) * 1e3)));
    println!(
        "load: {:.1} ms wall, {}, {:?}",
        t0.elapsed().as_secs_f64() * 1e3,
        cpu.unwrap_or_else(|| "CPU n/a".to_string()),
        index.stats()
    );
    for path in &args {
        let Ok(raw) = std::fs::read_to_string(path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let (lang, docs) = if path.ends_with(".jsonl") {
            (Lang::EN, voa(&raw))
        } else {
            (Lang::ID, conll(&raw))
        };
        let seg = Segmenter::new(lang);
        let prepared: Vec<(String, Vec<_>, Option<i32>)> = docs
            .into_iter()
            .map(|(text, year)| {
                let s = seg.split(&text);
                (text, s, year)
            })
            .collect();
        let sentences: usize = prepared.iter().map(|d| d.1.len()).sum();
        let mut mentions = 0usize;
        let mut best = f64::MAX;
        let mut best_cpu = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let c = cpu_seconds();
            mentions = 0;
            for (text, sents, year) in &prepared {
                for s in sents {
                    mentions += index.find(text, s, lang, *year).len();
                }
            }
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (c, cpu_seconds()) {
                best_cpu = best_cpu.min(b - a);
            }
        }
        let per = |secs: f64| secs * 1e6 / sentences.max(1) as f64;
        println!(
            "{path}: {} docs, {sentences} sentences, {mentions} mentions, {:.2} µs/sentence wall, {} CPU (best of 5)",
            prepared.len(),
            per(best),
            if best_cpu < f64::MAX {
                format!("{:.2} µs/sentence", per(best_cpu))
            } else {
                "n/a".to_string()
            },
        );
    }
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), so a busy machine does not
/// inflate the numbers; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn voa(raw: &str) -> Vec<(String, Option<i32>)> {
    raw.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let year = v
                .get("published")
                .and_then(|p| p.as_str())
                .and_then(|p| p.get(..4))
                .and_then(|y| y.parse().ok());
            Some((text, year))
        })
        .collect()
}

fn conll(raw: &str) -> Vec<(String, Option<i32>)> {
    let mut docs = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in raw.lines() {
        match line.split_whitespace().next() {
            Some(tok) => cur.push(tok),
            None if !cur.is_empty() => {
                docs.push((cur.join(" "), None));
                cur.clear();
            }
            None => {}
        }
    }
    if !cur.is_empty() {
        docs.push((cur.join(" "), None));
    }
    docs
}
