//! Trains a recogniser model (`data/ner/<lang>.crfsuite`) and prints its development
//! scores. The exact commands that produced the committed models are in
//! `data/ner/README.md`.
//!
//! ```text
//! cargo run --release -p sitrep-ner --bin sitrep-ner-train -- --lang id
//! cargo run --release -p sitrep-ner --bin sitrep-ner-train -- --lang en --final
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crfs::Attribute;
use crfs::train::Trainer;
use sitrep_core::Lang;
use sitrep_ner::corpus::{self, EnglishSplit, GoldSentence, Scores};
use sitrep_ner::{FeatureExtractor, NerLabel, Recognizer};

const USAGE: &str = "\
usage: sitrep-ner-train --lang id|en [options]

Trains the CRF entity model of a language and prints development scores.
  --data DIR      shared data folder (default ../shared/data)
  --out FILE      model to write (default data/ner/<lang>.crfsuite)
  --c1 X          L1 regularisation (default 0.05)
  --c2 X          L2 regularisation (default 0.01)
  --max-iter N    L-BFGS iterations (default 300)
  --final         English: train on train+dev documents (the committed model);
                  without it, train on train documents only and score dev
  --test          also print the held-out test score (report once, never tune on it)
  --errors        print every development sentence the model gets wrong
  --no-train      only score the existing --out model
  --dump FILE     write the training sequences as JSON lines (x: attributes per
                  token, y: labels) instead of training, for scripts/ner/train_crfsuite.py
  --bench         also time tagging of the development sentences (tokens/s)
  --with-english  Indonesian: also train on the English training documents (MISC as O)

Indonesian always trains on idner-news-2k train.txt and scores dev.txt.";

struct Options {
    lang: Lang,
    data: PathBuf,
    out: PathBuf,
    c1: f64,
    c2: f64,
    max_iter: usize,
    is_final: bool,
    test: bool,
    errors: bool,
    no_train: bool,
    with_english: bool,
    bench: bool,
    dump: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut lang = None;
    let mut data = PathBuf::from("../shared/data");
    let mut out = None;
    let (mut c1, mut c2, mut max_iter) = (0.05, 0.01, 300);
    let (mut is_final, mut test, mut errors, mut no_train) = (false, false, false, false);
    let (mut with_english, mut bench) = (false, false);
    let mut dump = None;
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--lang" => {
                let v = value("--lang")?;
                lang = Some(Lang::parse(&v).ok_or_else(|| format!("bad language {v:?}"))?);
            }
            "--data" => data = PathBuf::from(value("--data")?),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--c1" => c1 = value("--c1")?.parse().map_err(|e| format!("--c1: {e}"))?,
            "--c2" => c2 = value("--c2")?.parse().map_err(|e| format!("--c2: {e}"))?,
            "--max-iter" => {
                max_iter = value("--max-iter")?
                    .parse()
                    .map_err(|e| format!("--max-iter: {e}"))?
            }
            "--final" => is_final = true,
            "--test" => test = true,
            "--errors" => errors = true,
            "--no-train" => no_train = true,
            "--with-english" => with_english = true,
            "--bench" => bench = true,
            "--dump" => dump = Some(PathBuf::from(value("--dump")?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let lang = lang.ok_or("--lang is required")?;
    if lang != Lang::ID && lang != Lang::EN {
        return Err(format!("no training data for language {lang}"));
    }
    let out = out.unwrap_or_else(|| PathBuf::from(format!("data/ner/{lang}.crfsuite")));
    Ok(Options {
        lang,
        data,
        out,
        c1,
        c2,
        max_iter,
        is_final,
        test,
        errors,
        no_train,
        with_english,
        bench,
        dump,
    })
}

/// (training sentences, development sentences, test sentences) of a language.
type Splits = (Vec<GoldSentence>, Vec<GoldSentence>, Vec<GoldSentence>);

fn load_splits(o: &Options) -> Result<Splits, corpus::CorpusError> {
    if o.lang == Lang::ID {
        let dir = o.data.join("idner-news-2k");
        let mut train = corpus::read_idner(&dir.join("train.txt"))?;
        if o.with_english {
            let english =
                corpus::read_english(&o.data.join("english-ner"), EnglishSplit::TrainAndDev)?;
            train.extend(english.into_iter().map(|mut s| {
                for tag in &mut s.tags {
                    if tag.ends_with("-MISC") {
                        *tag = "O".to_string();
                    }
                }
                s
            }));
        }
        Ok((
            train,
            corpus::read_idner(&dir.join("dev.txt"))?,
            corpus::read_idner(&dir.join("test.txt"))?,
        ))
    } else {
        let dir = o.data.join("english-ner");
        let train_split = if o.is_final {
            EnglishSplit::TrainAndDev
        } else {
            EnglishSplit::Train
        };
        Ok((
            corpus::read_english(&dir, train_split)?,
            corpus::read_english(&dir, EnglishSplit::Dev)?,
            corpus::read_english(&dir, EnglishSplit::Test)?,
        ))
    }
}

fn print_scores(name: &str, s: &Scores) {
    let (p, r, f) = s.micro();
    let (gold, _, _) = s.totals();
    print!("{name}: P {p:.4} R {r:.4} F1 {f:.4} ({gold} entities)");
    for label in NerLabel::ALL {
        if s.per_label[label.index()].0 > 0 {
            print!("  {label} {:.4}", s.label(label).2);
        }
    }
    println!();
}

/// Prints gold and predicted entities of every sentence with a mistake.
fn print_errors(recognizer: &Recognizer, sentences: &[GoldSentence]) {
    let show = |s: &GoldSentence, spans: &[sitrep_ner::NerSpan]| -> String {
        spans
            .iter()
            .map(|x| format!("[{} {}]", x.label, s.words[x.first..x.end].join(" ")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for s in sentences {
        let rt = corpus::retokenise(s);
        let words: Vec<&str> = rt.words.iter().map(String::as_str).collect();
        let predicted = rt.to_gold_spans(&recognizer.tag(&words));
        let gold = s.spans();
        if predicted != gold {
            println!("S {}", s.words.join(" "));
            println!("  gold {}", show(s, &gold));
            println!("  pred {}", show(s, &predicted));
        }
    }
}

fn run(o: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let (train, dev, test) = load_splits(o)?;
    if let Some(path) = &o.dump {
        return dump(o, &train, path);
    }
    if !o.no_train {
        train_model(o, &train)?;
    }
    let bytes = std::fs::read(&o.out)?;
    let recognizer = Recognizer::from_model(o.lang, &bytes)?;
    score(o, &recognizer, &dev, &test);
    Ok(())
}

/// Writes the training sequences as JSON lines for an external CRFsuite trainer.
fn dump(
    o: &Options,
    train: &[GoldSentence],
    path: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let extractor = FeatureExtractor::new(o.lang);
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for s in train {
        let rt = corpus::retokenise(s);
        let words: Vec<&str> = rt.words.iter().map(String::as_str).collect();
        let x: Vec<String> = extractor
            .attributes(&words)
            .iter()
            .map(|attrs| {
                format!(
                    "[{}]",
                    attrs
                        .iter()
                        .map(|a| json_string(a))
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .collect();
        let y: Vec<String> = rt.tags.iter().map(|t| json_string(t)).collect();
        writeln!(out, "{{\"x\":[{}],\"y\":[{}]}}", x.join(","), y.join(","))?;
    }
    out.flush()?;
    println!(
        "{}: wrote {} sequences to {}",
        o.lang,
        train.len(),
        path.display()
    );
    Ok(())
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn train_model(o: &Options, train: &[GoldSentence]) -> Result<(), Box<dyn std::error::Error>> {
    let extractor = FeatureExtractor::new(o.lang);
    let mut trainer = Trainer::lbfgs();
    trainer.params_mut().set_c1(o.c1)?;
    trainer.params_mut().set_c2(o.c2)?;
    trainer.params_mut().set_max_iterations(o.max_iter)?;
    let started = Instant::now();
    let mut tokens = 0;
    for s in train {
        let rt = corpus::retokenise(s);
        let words: Vec<&str> = rt.words.iter().map(String::as_str).collect();
        let xseq: Vec<Vec<Attribute>> = extractor
            .attributes(&words)
            .into_iter()
            .map(|attrs| attrs.into_iter().map(|a| Attribute::new(a, 1.0)).collect())
            .collect();
        tokens += words.len();
        trainer.append(&xseq, &rt.tags)?;
    }
    println!(
        "{}: {} training sentences, {tokens} tokens; c1 {} c2 {} max-iter {}",
        o.lang,
        train.len(),
        o.c1,
        o.c2,
        o.max_iter
    );
    if let Some(dir) = o.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    trainer.train(&o.out)?;
    println!(
        "trained in {:.1}s: {} ({} bytes)",
        started.elapsed().as_secs_f64(),
        o.out.display(),
        std::fs::metadata(&o.out)?.len()
    );
    Ok(())
}

fn score(o: &Options, recognizer: &Recognizer, dev: &[GoldSentence], test: &[GoldSentence]) {
    if o.errors {
        print_errors(recognizer, dev);
    }
    let note = if o.lang == Lang::EN && o.is_final {
        " (trained on)"
    } else {
        ""
    };
    print_scores(&format!("dev{note}"), &corpus::evaluate(recognizer, dev));
    if o.test {
        print_scores("test", &corpus::evaluate(recognizer, test));
    }
    if o.bench {
        bench(recognizer, dev);
    }
}

/// Times `Recognizer::tag` alone (tokens already split) over 30 passes. Reports CPU
/// time when the OS tells it (Linux), since wall time on a shared machine mostly
/// measures the neighbours.
fn bench(recognizer: &Recognizer, sentences: &[GoldSentence]) {
    const PASSES: usize = 30;
    let tokenised: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| corpus::retokenise(s).words)
        .collect();
    let refs: Vec<Vec<&str>> = tokenised
        .iter()
        .map(|w| w.iter().map(String::as_str).collect())
        .collect();
    let tokens = refs.iter().map(Vec::len).sum::<usize>() * PASSES;
    let cpu_before = thread_cpu_seconds();
    let started = Instant::now();
    let mut spans = 0;
    for _ in 0..PASSES {
        spans += refs.iter().map(|w| recognizer.tag(w).len()).sum::<usize>();
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = thread_cpu_seconds().zip(cpu_before).map(|(a, b)| a - b);
    print!(
        "bench: {tokens} tokens, {spans} spans; wall {:.0} tokens/s",
        tokens as f64 / wall
    );
    match cpu {
        Some(c) if c > 0.0 => println!(", CPU {:.0} tokens/s ({c:.2} s CPU)", tokens as f64 / c),
        _ => println!(),
    }
}

/// User + system CPU seconds of this thread, from /proc (Linux); `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
