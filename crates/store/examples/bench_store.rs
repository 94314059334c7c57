//! Store-only throughput: files pre-extracted records into a fresh store, without the
//! extraction pipeline, to see what the store adds to an ingest.
//!
//! ```text
//! sitrep extract --input ../shared/data/voa-stories/voa_stories.jsonl --quiet > /tmp/voa-records.jsonl
//! cargo run --release -p sitrep-store --example bench_store -- \
//!     ../shared/data/voa-stories/voa_stories.jsonl /tmp/voa-records.jsonl
//! ```

use std::collections::HashMap;
use std::time::Instant;

use sitrep_core::EventRecord;
use sitrep_store::{DocumentInput, Fingerprint, Store, StoreOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(docs_path), Some(records_path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench_store ARTICLES.jsonl RECORDS.jsonl [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut by_doc: HashMap<String, Vec<EventRecord>> = HashMap::new();
    for line in std::fs::read_to_string(records_path)?.lines() {
        let r: EventRecord = serde_json::from_str(line)?;
        by_doc.entry(r.doc_id.clone()).or_default().push(r);
    }
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(docs_path)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let id = v["id"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v["id"].to_string());
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let input = DocumentInput {
            doc_id: id.clone(),
            url: v["url"].as_str().map(str::to_string),
            title: v["title"].as_str().map(str::to_string),
            published: v["published"]
                .as_str()
                .map(|p| p.chars().take(10).collect()),
            language: None,
            origin: docs_path.clone(),
            fingerprint: Fingerprint::of(&id, &text),
        };
        docs.push((input, by_doc.remove(&id).unwrap_or_default()));
    }
    let records: usize = docs.iter().map(|(_, r)| r.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let path =
            std::env::temp_dir().join(format!("sitrep-bench-store-{}.db", std::process::id()));
        sitrep_store::remove_files(&path)?;
        let mut store = Store::open(&path, StoreOptions::default())?;
        let t = Instant::now();
        for chunk in docs.chunks(256) {
            let mut w = store.writer()?;
            for (d, r) in chunk {
                w.add(d, r)?;
            }
            w.commit()?;
        }
        best = best.min(t.elapsed().as_secs_f64());
        let stats = store.stats()?;
        drop(store);
        sitrep_store::remove_files(&path)?;
        if best.is_finite() && repeat == 1 {
            eprintln!("{stats:?}");
        }
    }
    println!(
        "store only: {} articles, {} records in {:.3} s (best of {repeat}): {:.0} articles/s, {:.0} records/s",
        docs.len(),
        records,
        best,
        docs.len() as f64 / best,
        records as f64 / best
    );
    Ok(())
}
