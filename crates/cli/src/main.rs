//! `sitrep`: structured, attributed, geolocated event records from news articles.

mod bench;
mod extract;
mod store_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Many small allocations per token: mimalloc is markedly faster than the system
/// allocator for this workload (see `sitrep bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns news articles (Indonesian, English) into PLOVER event records: who did what
/// to whom, where, when, how many dead, and who says so.
#[derive(Parser)]
#[command(name = "sitrep", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print one JSON event record per line (JSONL).
    ///
    /// One article: `sitrep extract article.txt --published 2022-09-13` (or `-` for
    /// stdin). Many: `sitrep extract --input docs.jsonl` where each line is
    /// {"id", "text" or "html", "published", "url"?, "title"?, "language"?};
    /// `--input` also takes a directory or `.gz` files.
    Extract(extract::ExtractArgs),
    /// Print quality figures on every evaluation data set found.
    Eval(EvalArgs),
    /// Measure throughput (articles/s, MB/s) and peak memory on the VOA stories.
    Bench(bench::BenchArgs),
    /// Print the article text sitrep reads (junk lines and dateline removed), or with
    /// `--json` one object per document with the text, metadata and dropped lines.
    Clean(CleanArgs),
    /// Print every place mention, resolved: one JSON object per mention (doc_id,
    /// entity_text, start, end, name, geonameid, lat, lon, code, admin1, feature_code,
    /// precision).
    Places(PlacesArgs),
    /// Show how one article is read, stage by stage: tokens and roots, parties,
    /// reporting frames, dates, counts, and each event with the rule that fired.
    Explain(ExplainArgs),
    /// Store articles in an SQLite database (`--db`, default ./sitrep.db) with their
    /// events: files, directories, JSONL, .gz, RSS/Atom feeds (files or http(s) URLs),
    /// WARC files. Ingesting again adds nothing; duplicates are linked; reports of one
    /// incident become one event with its sources.
    Ingest(store_cmds::IngestArgs),
    /// List stored events: by date, country, admin1, category, actor, bounding box,
    /// full-text search, minimum number of sources.
    Query(store_cmds::QueryArgs),
    /// Write stored events as JSONL, ACLED-shaped CSV, GDELT 2.0 TSV, GeoJSON or Parquet.
    Export(store_cmds::ExportArgs),
    /// List events removed from the store since a time (tombstones), for mirrors.
    Deletions(store_cmds::DeletionsArgs),
    /// Ingest the bundled sample articles into a fresh store and show the events.
    Demo(store_cmds::DemoArgs),
}

/// Arguments of `sitrep clean`.
#[derive(clap::Args)]
struct CleanArgs {
    /// One article (plain text or HTML); `-` reads stdin.
    #[arg(value_name = "FILE", conflicts_with = "input")]
    file: Option<String>,
    /// Many articles: a JSONL file (`-` for stdin), a directory, or `.gz` files.
    #[arg(long, value_name = "PATH")]
    input: Option<String>,
    /// One JSON object per document: id, text, dateline, outlet, title, published,
    /// canonical URL, language hint, dropped lines with reasons, warnings.
    #[arg(long)]
    json: bool,
}

/// Arguments of `sitrep places`.
#[derive(clap::Args)]
struct PlacesArgs {
    /// One article (plain text or HTML); `-` reads stdin.
    #[arg(value_name = "FILE", conflicts_with = "input")]
    file: Option<String>,
    /// Many articles: a JSONL file (`-` for stdin), a directory, or `.gz` files.
    #[arg(long, value_name = "PATH")]
    input: Option<String>,
    /// Article language: auto, id or en.
    #[arg(long, default_value = "auto", value_name = "LANG")]
    lang: String,
}

/// Arguments of `sitrep explain`.
#[derive(clap::Args)]
struct ExplainArgs {
    /// Article file, or `-` for stdin.
    #[arg(value_name = "FILE", default_value = "-")]
    file: String,
    /// Publication date the relative dates are read against.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Article language: auto, id or en.
    #[arg(long, default_value = "auto", value_name = "LANG")]
    lang: String,
}

/// Arguments of `sitrep eval`.
#[derive(clap::Args)]
struct EvalArgs {
    /// Folder holding the data sets (default: ../shared/data when it exists).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Print the figures as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Also list every PLOVER sentence whose category or dyad was missed, and every
    /// failure of the event suites.
    #[arg(long)]
    details: bool,
    /// Exit with status 1 when a figure misses its bar.
    #[arg(long)]
    strict: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Eval(a) => eval(a),
        Command::Bench(a) => bench::run(a),
        Command::Explain(a) => explain(a),
        Command::Ingest(a) => store_cmds::ingest(a),
        Command::Query(a) => store_cmds::query(a),
        Command::Export(a) => store_cmds::export(a),
        Command::Deletions(a) => store_cmds::deletions(a),
        Command::Demo(a) => store_cmds::demo(a),
        Command::Places(a) => places(a),
        Command::Clean(a) => clean(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Resolves the data folder: the flag, else `../shared/data` beside the working
/// directory or the repository.
pub(crate) fn data_dir(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(d) = flag {
        anyhow::ensure!(d.is_dir(), "data folder {} does not exist", d.display());
        return Ok(d);
    }
    let candidates = [
        PathBuf::from("../shared/data"),
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data")),
    ];
    candidates.into_iter().find(|p| p.is_dir()).ok_or_else(|| {
        anyhow::anyhow!("no data folder: pass --data DIR (looked for ../shared/data)")
    })
}

fn parse_lang(code: &str) -> anyhow::Result<Option<sitrep_core::Lang>> {
    use anyhow::Context as _;
    Ok(match code {
        "auto" => None,
        c => Some(
            sitrep_core::Lang::parse(c)
                .with_context(|| format!("--lang {c:?}: expected auto, id or en"))?,
        ),
    })
}

fn clean(a: CleanArgs) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let (source, jsonl) = match (&a.file, &a.input) {
        (Some(f), None) => (sitrep_ingest::InputSource::from_arg(f), false),
        (None, Some(i)) => (sitrep_ingest::InputSource::from_arg(i), i == "-"),
        _ => anyhow::bail!("nothing to read: give a FILE (or `-`) or --input PATH"),
    };
    let pipeline = sitrep_pipeline::Pipeline::new(sitrep_pipeline::PipelineOptions::default())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut docs, mut errors) = (0usize, 0usize);
    for item in sitrep_ingest::read_path(source, jsonl, sitrep_ingest::ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                let cleaned = pipeline.clean(&doc);
                for w in doc.warnings.iter().chain(cleaned.warnings.iter()) {
                    eprintln!("warning: {}: {}", doc.origin, w.message);
                }
                if a.json {
                    let mut v = serde_json::to_value(&cleaned)?;
                    if let Some(o) = v.as_object_mut() {
                        o.insert(
                            "id".into(),
                            serde_json::json!(doc.id.clone().unwrap_or_else(|| doc.origin.clone())),
                        );
                    }
                    serde_json::to_writer(&mut out, &v)?;
                    out.write_all(b"\n")?;
                } else {
                    if docs > 1 {
                        out.write_all(b"\n")?;
                    }
                    writeln!(out, "{}", cleaned.text.trim_end())?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    out.flush()?;
    Ok(if docs == 0 && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn places(a: PlacesArgs) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let lang = parse_lang(&a.lang)?;
    let (source, jsonl) = match (&a.file, &a.input) {
        (Some(f), None) => (sitrep_ingest::InputSource::from_arg(f), false),
        (None, Some(i)) => (sitrep_ingest::InputSource::from_arg(i), i == "-"),
        _ => anyhow::bail!("nothing to read: give a FILE (or `-`) or --input PATH"),
    };
    let pipeline = sitrep_pipeline::Pipeline::new(sitrep_pipeline::PipelineOptions {
        lang,
        default_published: None,
    })?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut docs, mut errors) = (0usize, 0usize);
    for item in sitrep_ingest::read_path(source, jsonl, sitrep_ingest::ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                let (_, rows) = pipeline.places(&doc);
                for r in rows {
                    serde_json::to_writer(&mut out, &r)?;
                    out.write_all(b"\n")?;
                }
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    out.flush()?;
    Ok(if docs == 0 && errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn explain(a: ExplainArgs) -> anyhow::Result<ExitCode> {
    use anyhow::Context as _;
    let lang = match a.lang.as_str() {
        "auto" => None,
        code => Some(
            sitrep_core::Lang::parse(code)
                .with_context(|| format!("--lang {code:?}: expected auto, id or en"))?,
        ),
    };
    let published = match &a.published {
        None => None,
        Some(s) => Some(
            sitrep_ingest::parse_published(s)
                .with_context(|| format!("--published {s:?}: expected YYYY-MM-DD"))?,
        ),
    };
    let pipeline = sitrep_pipeline::Pipeline::new(sitrep_pipeline::PipelineOptions {
        lang,
        default_published: published,
    })?;
    let mut stream = sitrep_ingest::read_path(
        sitrep_ingest::InputSource::from_arg(&a.file),
        false,
        sitrep_ingest::ReadOptions::default(),
    );
    match stream.next() {
        Some(Ok(doc)) => {
            print!("{}", pipeline.explain(&doc));
            Ok(ExitCode::SUCCESS)
        }
        Some(Err(e)) => anyhow::bail!("{e}"),
        None => anyhow::bail!("nothing to read"),
    }
}

fn eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    let dir = data_dir(a.data)?;
    let pipeline = sitrep_pipeline::Pipeline::new(sitrep_pipeline::PipelineOptions::default())?;
    let (report, outcomes, suites) = sitrep_eval::run_all(&dir, &pipeline);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        eprintln!("data: {}", dir.display());
        print!("{}", report.to_table());
    }
    if a.details {
        for o in outcomes.iter().filter(|o| o.dyad != Some(true)) {
            let pred: Vec<&str> = o.predicted.iter().map(|c| c.as_str()).collect();
            println!(
                "{}\tgold {} {:?}\tpredicted {:?} {:?}\t{}",
                o.id, o.gold, o.gold_dyad, pred, o.found_dyad, o.text
            );
        }
        for s in &suites {
            for f in &s.failures {
                println!("{}\t{f}", s.name);
            }
        }
    }
    Ok(if a.strict && !report.all_bars_met() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
