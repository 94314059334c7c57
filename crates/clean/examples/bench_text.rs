//! Speed of the whole text layer (clean + language ID + sentence splitting) on one core.
//!
//! ```text
//! cargo run --release -p sitrep-clean --example bench_text [-- SHARED_DATA_DIR]
//! ```
//!
//! Plain text: the crawled fixtures of `fixtures/text/crawled` (annotation tags
//! stripped), cleaned one document at a time, repeated until ~40 MB were processed.
//! HTML: the pages of `article-extraction-benchmark` (default `../shared/data`), each
//! cleaned once per round. Also times one 100 MB document with the default limits.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use sitrep_clean::{CleanInput, Cleaner};
use sitrep_core::Lang;
use sitrep_segment::Segmenter;

/// CPU seconds used by this process so far (Linux `/proc/self/stat`; 0 elsewhere).
/// Throughput is reported per CPU second too: on a shared machine wall time also
/// counts the time other processes held the core.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn repo() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).to_path_buf()
}

fn crawled_texts() -> Vec<String> {
    let dir = repo().join("fixtures/text/crawled");
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    for p in paths {
        let Ok(t) = std::fs::read_to_string(&p) else {
            continue;
        };
        let text: String = t
            .lines()
            .filter(|l| !l.starts_with("# "))
            .map(|l| match l.split_once(' ') {
                Some((tag, rest)) if tag.len() == 1 => rest,
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n");
        out.push(text);
    }
    out
}

/// Article texts of `voa-stories` (real news, ~4 KB each), when present.
fn voa_texts(data: &Path) -> Vec<String> {
    let Ok(t) = std::fs::read_to_string(data.join("voa-stories/voa_stories.jsonl")) else {
        return Vec::new();
    };
    t.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|x| x.as_str()).map(str::to_string))
        .collect()
}

/// Cleans, identifies and splits every text until ~`target` bytes were processed;
/// prints wall and CPU throughput.
fn bench_plain(
    label: &str,
    texts: &[String],
    target: usize,
    cleaner: &Cleaner,
    segmenters: &[(Lang, Segmenter)],
) {
    let per_round: usize = texts.iter().map(String::len).sum();
    let rounds = target / per_round.max(1) + 1;
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let mut sentences = 0;
    for _ in 0..rounds {
        for t in texts {
            sentences += process(
                cleaner,
                segmenters,
                &CleanInput {
                    text: Some(t),
                    ..Default::default()
                },
            );
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let bytes = (per_round * rounds) as f64;
    println!(
        "{label}: {} documents ({:.1} KB avg), {:.1} MB in {:.2} s wall / {:.2} s CPU = {:.1} MB/s wall, {:.1} MB/s per CPU second, {} sentences",
        texts.len() * rounds,
        per_round as f64 / texts.len() as f64 / 1024.0,
        bytes / 1e6,
        secs,
        cpu,
        bytes / 1e6 / secs,
        bytes / 1e6 / cpu.max(1e-9),
        sentences
    );
}

fn html_pages(data: &Path) -> Vec<String> {
    let dir = data.join("article-extraction-benchmark/html");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let Ok(f) = std::fs::File::open(&p) else {
            continue;
        };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .is_ok()
        {
            out.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    out
}

/// Cleans, identifies and splits one document; returns the sentence count.
fn process(cleaner: &Cleaner, segmenters: &[(Lang, Segmenter)], input: &CleanInput) -> usize {
    let c = cleaner.clean(input);
    let lang = sitrep_langid::detect(&c.text).unwrap_or(Lang::EN);
    let lang = sitrep_lang::data_language(lang);
    let seg = &segmenters
        .iter()
        .find(|(l, _)| *l == lang)
        .unwrap_or(&segmenters[0])
        .1;
    seg.split(&c.text).len()
}

fn main() {
    let data = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/data"));
    let cleaner = Cleaner::new();
    let segmenters = [
        (Lang::ID, Segmenter::new(Lang::ID)),
        (Lang::EN, Segmenter::new(Lang::EN)),
    ];
    // Warm up lazily built tables (lingua models, cue lists).
    let _ = sitrep_langid::detect("warm up the detector with a few words");

    // BENCH_ONLY=voa runs just the voa-stories part (for profiling).
    let only_voa = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "voa");
    let texts = if only_voa {
        Vec::new()
    } else {
        crawled_texts()
    };
    if texts.is_empty() && !only_voa {
        eprintln!("no fixtures found under fixtures/text/crawled");
    } else {
        bench_plain(
            "plain text (fixtures)",
            &texts,
            40 << 20,
            &cleaner,
            &segmenters,
        );
        let rounds = 200;
        // Stage split, on the same documents.
        let (mut t_clean, mut t_lang, mut t_seg) = (0f64, 0f64, 0f64);
        for _ in 0..rounds / 4 + 1 {
            for t in &texts {
                let s0 = Instant::now();
                let c = cleaner.clean(&CleanInput {
                    text: Some(t),
                    ..Default::default()
                });
                let s1 = Instant::now();
                let lang =
                    sitrep_lang::data_language(sitrep_langid::detect(&c.text).unwrap_or(Lang::EN));
                let s2 = Instant::now();
                let seg = &segmenters
                    .iter()
                    .find(|(l, _)| *l == lang)
                    .unwrap_or(&segmenters[0])
                    .1;
                std::hint::black_box(seg.split(&c.text));
                let s3 = Instant::now();
                t_clean += (s1 - s0).as_secs_f64();
                t_lang += (s2 - s1).as_secs_f64();
                t_seg += (s3 - s2).as_secs_f64();
            }
        }
        let total = t_clean + t_lang + t_seg;
        let mut methods = std::collections::BTreeMap::new();
        for t in &texts {
            let c = cleaner.clean(&CleanInput {
                text: Some(t),
                ..Default::default()
            });
            let m = sitrep_langid::detect_detailed(&c.text)
                .map(|d| format!("{:?}/{}", d.method, d.lang));
            *methods
                .entry(m.unwrap_or_else(|| "none".into()))
                .or_insert(0) += 1;
        }
        println!("  language decisions on the fixtures: {methods:?}");
        println!(
            "  time share: clean {:.0}%, langid {:.0}%, segment {:.0}%",
            100.0 * t_clean / total,
            100.0 * t_lang / total,
            100.0 * t_seg / total
        );
    }

    let voa = voa_texts(&data);
    if voa.is_empty() {
        eprintln!("no voa-stories under {}", data.display());
    } else {
        bench_plain(
            "plain text (voa-stories)",
            &voa,
            40 << 20,
            &cleaner,
            &segmenters,
        );
    }

    if only_voa {
        return;
    }
    let pages = html_pages(&data);
    if pages.is_empty() {
        eprintln!("no HTML pages under {}", data.display());
    } else {
        let rounds = 3;
        let bytes: usize = pages.iter().map(String::len).sum();
        let start = Instant::now();
        let cpu0 = cpu_seconds();
        for _ in 0..rounds {
            for p in &pages {
                process(
                    &cleaner,
                    &segmenters,
                    &CleanInput {
                        html: Some(p),
                        ..Default::default()
                    },
                );
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu0;
        println!(
            "html: {} pages ({:.0} KB avg) x {rounds} in {:.2} s wall / {:.2} s CPU = {:.0} pages/s wall, {:.0} pages per CPU second",
            pages.len(),
            bytes as f64 / pages.len() as f64 / 1024.0,
            secs,
            cpu,
            (pages.len() * rounds) as f64 / secs,
            (pages.len() * rounds) as f64 / cpu.max(1e-9)
        );
    }

    let mut huge = String::with_capacity(101 << 20);
    let mut k = 0u64;
    while huge.len() < 100 << 20 {
        k += 1;
        huge.push_str(&format!("Banjir ke-{k} merendam ratusan rumah warga di tiga kecamatan setelah hujan deras mengguyur sejak sore hari.\n"));
    }
    let start = Instant::now();
    let c = cleaner.clean(&CleanInput {
        text: Some(&huge),
        ..Default::default()
    });
    println!(
        "100 MB text document: {:.2} s, kept {:.1} MB, warnings {:?}",
        start.elapsed().as_secs_f64(),
        c.text.len() as f64 / 1e6,
        c.warnings
            .iter()
            .map(|w| w.code.as_str())
            .collect::<Vec<_>>()
    );
}
