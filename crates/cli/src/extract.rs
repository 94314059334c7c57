//! `sitrep extract`: articles in, JSONL event records out.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::Lang;
use sitrep_ingest::{InputSource, ReadOptions, read_path};
use sitrep_pipeline::{Pipeline, PipelineOptions};

/// Arguments of `sitrep extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// One article (plain text, or HTML by extension); `-` reads stdin.
    #[arg(value_name = "FILE", conflicts_with = "input")]
    file: Option<String>,
    /// Many articles: a JSONL file (`-` for stdin), a directory, or `.gz` files.
    #[arg(long, value_name = "PATH")]
    input: Option<String>,
    /// Publication date (YYYY-MM-DD or RFC 3339) for articles that carry none;
    /// relative dates ("kemarin", "last week") are read against it.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Article language: auto (identify), id or en.
    #[arg(long, default_value = "auto", value_name = "LANG")]
    lang: String,
    /// Write records here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Indented JSON, one record after another, for reading by humans.
    #[arg(long)]
    pretty: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Longest document read; longer ones are truncated with a warning.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// Documents processed per parallel batch: large enough to keep cores busy, small
/// enough to bound memory and keep output flowing.
const BATCH: usize = 256;

pub fn run(a: ExtractArgs) -> anyhow::Result<ExitCode> {
    let lang = match a.lang.as_str() {
        "auto" => None,
        code => Some(
            Lang::parse(code)
                .filter(|l| {
                    sitrep_lang::has_language(sitrep_lang::data_language(*l))
                        && (*l == Lang::ID || *l == Lang::EN || *l == Lang::MS)
                })
                .with_context(|| format!("--lang {code:?}: expected auto, id or en"))?,
        ),
    };
    let default_published = match &a.published {
        None => None,
        Some(s) => Some(
            sitrep_ingest::parse_published(s)
                .with_context(|| format!("--published {s:?}: expected YYYY-MM-DD or RFC 3339"))?,
        ),
    };
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let (source, jsonl) = match (&a.file, &a.input) {
        (Some(f), None) => (InputSource::from_arg(f), false),
        (None, Some(i)) => (InputSource::from_arg(i), i == "-"),
        (None, None) => anyhow::bail!(
            "nothing to read: give a FILE (or `-`) or --input PATH; see `sitrep extract --help`"
        ),
        (Some(_), Some(_)) => unreachable!("clap rejects FILE with --input"),
    };
    let opts = ReadOptions {
        max_doc_bytes: a.max_doc_bytes,
        published: a.published.clone(),
        language: None,
    };
    let today = chrono::Local::now().date_naive();
    let pipeline = Pipeline::new(PipelineOptions {
        lang,
        default_published: Some(default_published.unwrap_or(today)),
    })?;
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let show_progress = !a.quiet && a.input.is_some() && io::stderr().is_terminal();
    let bar = if show_progress {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents {msg} [{elapsed}] {per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let mut stream = read_path(source, jsonl, opts);
    let (mut docs, mut events, mut errors, mut warnings, mut assumed) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        for item in stream.by_ref().take(BATCH) {
            match item {
                Ok(d) => batch.push(d),
                Err(e) => {
                    errors += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
        }
        if batch.is_empty() {
            // Either the input is exhausted or the whole batch was errors.
            if stream_exhausted(&mut stream, &mut errors, &bar, &mut batch) {
                break;
            }
        }
        let outputs: Vec<_> = batch.par_iter().map(|d| pipeline.process(d)).collect();
        for o in outputs {
            docs += 1;
            assumed += usize::from(o.assumed_published && default_published.is_none());
            for w in &o.warnings {
                warnings += 1;
                bar.suspend(|| eprintln!("warning: {}", w.message));
            }
            for r in &o.records {
                events += 1;
                if a.pretty {
                    serde_json::to_writer_pretty(&mut out, r)?;
                } else {
                    serde_json::to_writer(&mut out, r)?;
                }
                out.write_all(b"\n")?;
            }
        }
        bar.set_position(docs as u64);
        bar.set_message(format!("{events} events"));
    }
    out.flush()?;
    bar.finish_and_clear();
    if assumed > 0 {
        eprintln!(
            "note: {assumed} document(s) had no publication date; assumed {today}. Pass --published or a `published` field for reproducible dates."
        );
    }
    if !a.quiet && (a.input.is_some() || errors + warnings > 0) {
        eprintln!(
            "{docs} documents, {events} events, {errors} errors, {warnings} warnings in {:.2} s",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if docs == 0 && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// After an empty batch, pulls items until a document appears (pushed into `batch`)
/// or the stream ends (returns true).
fn stream_exhausted(
    stream: &mut sitrep_ingest::DocumentStream,
    errors: &mut usize,
    bar: &ProgressBar,
    batch: &mut Vec<sitrep_ingest::RawDocument>,
) -> bool {
    for item in stream.by_ref() {
        match item {
            Ok(d) => {
                batch.push(d);
                return false;
            }
            Err(e) => {
                *errors += 1;
                bar.suspend(|| eprintln!("error: {e}"));
            }
        }
    }
    true
}
