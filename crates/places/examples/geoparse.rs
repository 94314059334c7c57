//! Prints one JSON object per place mention of a plain-text file (or stdin):
//! `cargo run -p sitrep-places --example geoparse -- [--lang id] [FILE]`.
//! The same rows `sitrep places` prints, without the rest of the pipeline.

use std::io::Read;
use std::process::ExitCode;

use sitrep_core::{Document, Lang};

fn main() -> ExitCode {
    let mut lang = Lang::EN;
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--lang" {
            match args.next().as_deref().and_then(Lang::parse) {
                Some(l) => lang = l,
                None => {
                    eprintln!("error: --lang needs a two-letter code");
                    return ExitCode::from(2);
                }
            }
        } else {
            path = Some(a);
        }
    }
    let mut text = String::new();
    let read = match &path {
        Some(p) => std::fs::read_to_string(p).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("error: {}: {e}", path.as_deref().unwrap_or("stdin"));
        return ExitCode::FAILURE;
    }
    let geoparser = match sitrep_places::Geoparser::load() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let doc = Document {
        id: path.clone().unwrap_or_else(|| "stdin".into()),
        sentences: sitrep_segment::Segmenter::new(lang).split(&text),
        text,
        language: Some(lang),
        ..Default::default()
    };
    for m in geoparser.parse(&doc) {
        println!("{}", sitrep_places::mention_json(&doc.id, &m));
    }
    ExitCode::SUCCESS
}
