//! Prints the actor mentions of sentences read from stdin, one per line as
//! `lang<TAB>year<TAB>sentence` (year may be empty). For checking data changes by eye:
//!
//!     printf 'id\t2023\tPasukan Israel menyerang Gaza.\n' | cargo run -p sitrep-actors --example probe

use std::io::BufRead;
use std::time::Instant;

use sitrep_actors::ActorIndex;
use sitrep_core::Lang;
use sitrep_segment::Segmenter;

fn main() {
    let t0 = Instant::now();
    let index = ActorIndex::load();
    eprintln!(
        "loaded in {:.1} ms: {:?}",
        t0.elapsed().as_secs_f64() * 1e3,
        index.stats()
    );
    for p in index.problems().iter().take(20) {
        eprintln!("problem: {p}");
    }
    let stdin = std::io::stdin();
    for line in stdin.lock().lines().map_while(Result::ok) {
        let mut cols = line.splitn(3, '\t');
        let (Some(lang), Some(year), Some(text)) = (cols.next(), cols.next(), cols.next()) else {
            eprintln!("skipped (want lang<TAB>year<TAB>sentence): {line}");
            continue;
        };
        let Some(lang) = Lang::parse(lang) else {
            eprintln!("skipped (bad language): {line}");
            continue;
        };
        let year = year.trim().parse().ok();
        println!("{text}");
        for s in Segmenter::new(lang).split(text) {
            for m in index.find(text, &s, lang, year) {
                println!(
                    "  [{}] {:?} code={} sector={} name={} office={}",
                    &text[m.start..m.end],
                    m.kind,
                    m.code.as_deref().unwrap_or("-"),
                    m.sector.as_deref().unwrap_or("-"),
                    m.name.as_deref().unwrap_or("-"),
                    m.office.as_deref().unwrap_or("-"),
                );
            }
        }
    }
}
