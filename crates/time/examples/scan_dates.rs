//! Prints the date expressions and counts found in text, for eyeballing and timing.
//!
//! Input on stdin, one article per line: `<lang>\t<published YYYY-MM-DD>\t<text>`.
//! `cargo run --release -p sitrep-time --example scan_dates < articles.tsv`
//! With `--quiet`, prints only the timing summary; `--bench N` scans every sentence N
//! times and reports the fastest pass (steadier on a busy machine).

use std::io::{BufRead, Write};
use std::time::Instant;

use chrono::NaiveDate;
use sitrep_core::Lang;
use sitrep_quantity::CountScanner;
use sitrep_segment::Segmenter;
use sitrep_time::DateScanner;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quiet = args.iter().any(|a| a == "--quiet");
    let bench: usize = args
        .iter()
        .position(|a| a == "--bench")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut corpus: Vec<(
        usize,
        NaiveDate,
        String,
        Vec<sitrep_core::document::Sentence>,
    )> = Vec::new();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut scanners: Vec<(Lang, Segmenter, DateScanner, CountScanner)> = Vec::new();
    let (mut sentences, mut articles, mut mentions, mut counts) = (0usize, 0usize, 0usize, 0usize);
    let (mut date_time, mut count_time) = (0f64, 0f64);
    for (n, line) in stdin.lock().lines().enumerate() {
        let Ok(line) = line else { break };
        let mut cols = line.splitn(3, '\t');
        let (Some(lang), Some(published), Some(text)) = (cols.next(), cols.next(), cols.next())
        else {
            eprintln!("line {}: expected <lang>\\t<published>\\t<text>", n + 1);
            continue;
        };
        let Some(lang) = Lang::parse(lang) else {
            eprintln!("line {}: bad language code {lang:?}", n + 1);
            continue;
        };
        let Ok(published) = NaiveDate::parse_from_str(published, "%Y-%m-%d") else {
            eprintln!("line {}: bad date {published:?}", n + 1);
            continue;
        };
        if !scanners.iter().any(|s| s.0 == lang) {
            scanners.push((
                lang,
                Segmenter::new(lang),
                DateScanner::new(lang),
                CountScanner::new(lang),
            ));
        }
        let Some((_, seg, dates, nums)) = scanners.iter().find(|s| s.0 == lang) else {
            continue;
        };
        articles += 1;
        if bench > 0 {
            let idx = scanners.iter().position(|s| s.0 == lang).unwrap_or(0);
            corpus.push((idx, published, text.to_string(), seg.split(text)));
            continue;
        }
        for s in seg.split(text) {
            sentences += 1;
            let t0 = Instant::now();
            let found = dates.scan(text, &s, published);
            let t1 = Instant::now();
            let cs = nums.scan(text, &s);
            let t2 = Instant::now();
            date_time += (t1 - t0).as_secs_f64();
            count_time += (t2 - t1).as_secs_f64();
            mentions += found.len();
            counts += cs.len();
            if quiet || (found.is_empty() && cs.is_empty()) {
                continue;
            }
            let _ = writeln!(out, "# {}", s.text(text));
            for m in &found {
                let _ = writeln!(
                    out,
                    "  date {:?} -> {} {:?}{}{}{}{}",
                    m.text,
                    m.date,
                    m.precision,
                    m.enddate.map(|e| format!(" ..{e}")).unwrap_or_default(),
                    m.time.as_ref().map(|t| format!(" {t}")).unwrap_or_default(),
                    if m.historical { " historical" } else { "" },
                    if m.future { " future" } else { "" },
                );
            }
            for c in &cs {
                let _ = writeln!(
                    out,
                    "  count {} {}..{} {:?}{}",
                    c.what.as_str(),
                    c.min,
                    c.max
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "open".into()),
                    c.text,
                    if c.implicit { " implicit" } else { "" }
                );
            }
        }
    }
    if bench > 0 {
        let n: usize = corpus.iter().map(|c| c.3.len()).sum();
        let (mut best_dates, mut best_counts) = (f64::MAX, f64::MAX);
        let mut found = 0usize;
        for _ in 0..bench {
            let t0 = Instant::now();
            for (idx, published, text, sents) in &corpus {
                for s in sents {
                    found += scanners[*idx].2.scan(text, s, *published).len();
                }
            }
            let t1 = Instant::now();
            for (idx, _, text, sents) in &corpus {
                for s in sents {
                    found += scanners[*idx].3.scan(text, s).len();
                }
            }
            let t2 = Instant::now();
            best_dates = best_dates.min((t1 - t0).as_secs_f64());
            best_counts = best_counts.min((t2 - t1).as_secs_f64());
        }
        eprintln!(
            "{} sentences x {bench} passes ({found} finds): best pass dates {:.2} µs/sentence, counts {:.2} µs/sentence",
            n,
            best_dates / n as f64 * 1e6,
            best_counts / n as f64 * 1e6
        );
        return;
    }
    let per = |t: f64| {
        if sentences > 0 {
            t / sentences as f64 * 1e6
        } else {
            0.0
        }
    };
    eprintln!(
        "{articles} articles, {sentences} sentences, {mentions} dates, {counts} counts; \
         dates {:.2} µs/sentence, counts {:.2} µs/sentence",
        per(date_time),
        per(count_time)
    );
}
