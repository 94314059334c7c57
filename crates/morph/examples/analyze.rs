//! Prints the analyses of each word read from stdin (one word or more per line), or
//! with `--bench`, the time per word over the whole input.
//!
//! `cargo run --release -p sitrep-morph --example analyze -- id < words.txt`
//! `cargo run --release -p sitrep-morph --example analyze -- en --bench < words.txt`

use std::io::Read;
use std::time::Instant;

use sitrep_core::Lang;
use sitrep_morph::Analyzer;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(lang) = args.first().and_then(|c| Lang::parse(c)) else {
        eprintln!("usage: analyze <lang> [--bench] < words");
        std::process::exit(2);
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("cannot read stdin: {e}");
        std::process::exit(1);
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let built = Instant::now();
    let analyzer = Analyzer::new(lang);
    let load = built.elapsed();
    if args.iter().any(|a| a == "--bench") {
        let mut out = Vec::new();
        let mut roots = 0usize;
        let rounds = (2_000_000 / words.len().max(1)).max(1);
        let start = Instant::now();
        for _ in 0..rounds {
            for w in &words {
                analyzer.analyze_into(w, &mut out);
                roots += out.len();
            }
        }
        let n = rounds * words.len();
        let per = start.elapsed().as_secs_f64() / n as f64;
        println!(
            "{lang}: load {:.1} ms, {n} analyses, {:.0} ns/word ({:.2} M words/s), {:.2} analyses/word",
            load.as_secs_f64() * 1e3,
            per * 1e9,
            1e-6 / per,
            roots as f64 / n as f64
        );
        return;
    }
    for w in words {
        let shown: Vec<String> = analyzer
            .analyze(w)
            .iter()
            .map(|a| {
                let mark = if a.known { "" } else { "?" };
                format!(
                    "{}{mark}/{:?}[{}|{}|{}{}]",
                    a.root,
                    a.form,
                    a.affixes.prefix,
                    a.affixes.suffix,
                    a.affixes.clitic,
                    a.affixes.particle
                )
            })
            .collect();
        println!("{w}\t{}", shown.join("  "));
    }
}
