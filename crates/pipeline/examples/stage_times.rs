//! Times each stage of the pipeline separately on a JSONL corpus (default: the VOA
//! stories), one thread, to show where the per-article budget goes.
//!
//! `cargo run --release -p sitrep-pipeline --example stage_times [-- corpus.jsonl]`

use std::time::{Duration, Instant};

use sitrep_core::Lang;
use sitrep_ingest::{InputSource, ReadOptions, read_path};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/voa-stories/voa_stories.jsonl".into());
    let docs: Vec<_> = read_path(InputSource::Path(path.into()), true, ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let cleaner = sitrep_clean::Cleaner::new();
    let actors = sitrep_actors::ActorIndex::load();
    let places = sitrep_places::Geoparser::load().expect("gazetteer");
    let lang = Lang::EN;
    let seg = sitrep_segment::Segmenter::new(lang);
    let engine = sitrep_events::EventEngine::new(lang).expect("engine");
    let ner = sitrep_ner::Recognizer::load(lang).expect("ner");
    let dates = sitrep_time::DateScanner::new(lang);
    let counts = sitrep_quantity::CountScanner::new(lang);
    let published = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut t = [Duration::ZERO; 10];
    let names = [
        "clean",
        "langid",
        "segment",
        "tokens+morph",
        "actors",
        "extract",
        "ner (all event sentences)",
        "dates",
        "counts",
        "places (whole doc)",
    ];
    let (mut sentences, mut with_events, mut with_candidates) = (0, 0, 0);
    for _pass in 0..3 {
        for d in &docs {
            let s = Instant::now();
            let c = cleaner.clean(&sitrep_clean::CleanInput {
                text: d.text.as_deref(),
                html: None,
                url: d.url.as_deref(),
                title: None,
            });
            t[0] += s.elapsed();
            let s = Instant::now();
            let _ = sitrep_langid::detect(&c.text);
            t[1] += s.elapsed();
            let s = Instant::now();
            let sents = seg.split(&c.text);
            t[2] += s.elapsed();
            let mut memory = sitrep_events::DocMemory::default();
            for (i, sent) in sents.iter().enumerate() {
                sentences += 1;
                let s = Instant::now();
                let toks = engine.tokens(&c.text, sent);
                t[3] += s.elapsed();
                if engine.has_trigger(&toks) {
                    with_candidates += 1;
                }
                let s = Instant::now();
                let mentions = actors.find_on(&c.text, sent, lang, Some(published));
                t[4] += s.elapsed();
                let s = Instant::now();
                let (ev, frames) = engine.extract(&c.text, i, &toks, &mentions, &memory);
                engine.remember(&mut memory, &c.text, i, &mentions, &frames);
                t[5] += s.elapsed();
                if !ev.is_empty() {
                    with_events += 1;
                    let words: Vec<&str> = sent.tokens.iter().map(|k| k.text(&c.text)).collect();
                    let s = Instant::now();
                    let _ = ner.tag(&words);
                    t[6] += s.elapsed();
                }
                let s = Instant::now();
                let _ = dates.scan(&c.text, sent, published);
                t[7] += s.elapsed();
                let s = Instant::now();
                let _ = counts.scan(&c.text, sent);
                t[8] += s.elapsed();
            }
            let doc = sitrep_core::Document {
                id: "x".into(),
                text: c.text.clone(),
                language: Some(lang),
                sentences: sents,
                ..Default::default()
            };
            let s = Instant::now();
            let _ = places.parse(&doc);
            t[9] += s.elapsed();
        }
    }
    let n = (docs.len() * 3) as f64;
    let total: Duration = t.iter().sum();
    println!(
        "{} articles x3, {} sentences, {} with trigger candidates, {} with events",
        docs.len(),
        sentences / 3,
        with_candidates / 3,
        with_events / 3
    );
    for (name, d) in names.iter().zip(t) {
        println!(
            "{:>28}: {:>7.1} µs/article  {:>5.1}%",
            name,
            d.as_secs_f64() * 1e6 / n,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "{:>28}: {:>7.1} µs/article",
        "total",
        total.as_secs_f64() * 1e6 / n
    );
}
