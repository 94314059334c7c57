//! `sitrep ingest`, `query`, `export`, `deletions` and `demo`: the store side of sitrep.
//! Articles go into an SQLite store where reports of one incident become one event
//! with its sources; queries and exports read the events.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::{Category, Lang};
use sitrep_export::{ExportOptions, Format, Partition};
use sitrep_ingest::{InputError, InputSource, RawDocument, ReadOptions, read_path};
use sitrep_pipeline::{Pipeline, PipelineOptions};
use sitrep_store::{
    AddOutcome, ClusterOptions, DocumentInput, EventFilter, FeedState, Fingerprint, Precheck,
    Store, StoreOptions, StoredEvent, visible_text,
};

/// Where the store lives unless `--db` says otherwise.
const DEFAULT_DB: &str = "sitrep.db";

/// Arguments shared by every store command.
#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// The store: an SQLite file, created on first ingest.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    db: PathBuf,
}

/// Arguments of `sitrep ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// What to read: files, directories, JSONL (`.jsonl`, `.ndjson`), `.gz`, RSS/Atom
    /// feed files, WARC files (`.warc`, `.warc.gz`, Common Crawl style), http(s) feed
    /// URLs, or `-` for JSONL on stdin.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Publication date (YYYY-MM-DD or RFC 3339) for articles that carry none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Article language: auto (identify), id or en.
    #[arg(long, default_value = "auto", value_name = "LANG")]
    lang: String,
    /// For feeds: fetch each entry's page instead of using the feed's text (needed for
    /// feeds that carry only teasers). Pages are fetched politely: robots.txt, one
    /// request per host per second.
    #[arg(long)]
    fetch_articles: bool,
    /// Articles per transaction: a crash loses at most this many, which the next run redoes.
    #[arg(long, default_value_t = 256, value_name = "N")]
    batch: usize,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Two precise event dates further apart than this are different events.
    #[arg(long, default_value_t = 1, value_name = "DAYS")]
    date_window: i64,
    /// Two located events further apart than this are different events.
    #[arg(long, default_value_t = 50.0, value_name = "KM")]
    max_km: f64,
    /// Similarity (0..1, Jaccard of 4-word shingles) from which an article is a
    /// syndicated copy of an earlier one.
    #[arg(long, default_value_t = 0.5, value_name = "X")]
    near_duplicate: f64,
    /// Longest document read; longer ones are truncated with a warning.
    #[arg(long, default_value_t = 16 * 1024 * 1024, value_name = "BYTES")]
    max_doc_bytes: usize,
    /// No progress bar, no per-document messages; only the summary line and errors.
    #[arg(long, short)]
    quiet: bool,
    /// Also print where the time went (reading, extraction, filing, merging).
    #[arg(long)]
    timings: bool,
}

/// Filters shared by `query` and `export`.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Events on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Country of the event's place (ISO 3166-1 alpha-3, e.g. IDN).
    #[arg(long, value_name = "ISO3")]
    country: Option<String>,
    /// First-level division of the event's place (e.g. "Papua").
    #[arg(long, value_name = "NAME")]
    admin1: Option<String>,
    /// PLOVER category (repeatable or comma-separated: ASSAULT,PROTEST).
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    category: Vec<String>,
    /// A party whose code, name or words contain this (e.g. IDN, "TNI", KKB).
    #[arg(long, value_name = "TEXT")]
    actor: Option<String>,
    /// Bounding box: min_lon,min_lat,max_lon,max_lat (WGS84 degrees).
    #[arg(long, value_name = "BOX", allow_hyphen_values = true)]
    bbox: Option<String>,
    /// Full-text search: events with a report whose sentence, headline, parties or
    /// places match (SQLite FTS5 syntax: words, "a phrase", a OR b, prefix*).
    #[arg(long, value_name = "QUERY")]
    text: Option<String>,
    /// At least this many independent sources (syndicated copies count once).
    #[arg(long, value_name = "N")]
    min_sources: Option<usize>,
    /// Only events changed at or after this time (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "TIME")]
    modified_since: Option<String>,
}

/// Arguments of `sitrep query`.
#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    filter: FilterArgs,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
    /// `table` for people, `jsonl` for programs (one merged event per line).
    #[arg(long, default_value = "table", value_name = "FORMAT")]
    format: String,
}

/// Arguments of `sitrep export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,
    /// jsonl (merged events), acled (ACLED-shaped CSV), gdelt (GDELT 2.0 events TSV),
    /// geojson (FeatureCollection), parquet (Hive-partitioned folder).
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// Output file (folder for parquet); stdout when omitted (not for parquet).
    #[arg(long, short, value_name = "PATH")]
    output: Option<PathBuf>,
    #[command(flatten)]
    filter: FilterArgs,
    /// Keep events without coordinates in ACLED (empty latitude/longitude) and GeoJSON
    /// (null geometry); by default they are left out, as ACLED leaves them out.
    #[arg(long)]
    include_unlocated: bool,
    /// Parquet partitioning by event date: year, month or day.
    #[arg(long, default_value = "month", value_name = "BY")]
    partition: String,
    /// GDELT: write 15-minute `.export.CSV.zip` batches with lastupdate.txt and
    /// masterfilelist.txt into this folder, as GDELT publishes them.
    #[arg(long, value_name = "DIR")]
    gdelt_batches: Option<PathBuf>,
    /// URL prefix of the batch files in lastupdate.txt (e.g. https://host/gdelt/).
    #[arg(long, default_value = "", value_name = "URL")]
    base_url: String,
}

/// Arguments of `sitrep deletions`.
#[derive(clap::Args)]
pub struct DeletionsArgs {
    #[command(flatten)]
    db: DbArg,
    /// Events removed at or after this time (YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "TIME")]
    since: String,
    /// `table` or `jsonl`.
    #[arg(long, default_value = "table", value_name = "FORMAT")]
    format: String,
}

/// Arguments of `sitrep demo`.
#[derive(clap::Args)]
pub struct DemoArgs {
    /// Where to build the demo store (replaced if it exists; default: a file in the
    /// system's temporary folder).
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

// ---------------------------------------------------------------------------------
// Inputs

/// One thing read from the inputs.
enum Item {
    Doc(Box<RawDocument>),
    Error(InputError),
    /// A feed URL's articles have all been yielded; save its validators once committed.
    FeedDone(String, FeedState),
}

/// How one input is read.
enum Source {
    /// Text, HTML, JSONL, gzip or stdin: the ingest crate's readers.
    Plain(InputSource, bool),
    /// An RSS/Atom file.
    FeedFile(PathBuf),
    /// An RSS/Atom URL.
    FeedUrl(String),
    /// A WARC file.
    Warc(PathBuf),
}

/// Every input, expanded and read lazily in order.
struct Inputs {
    pending: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Item>>>,
    opts: ReadOptions,
    fetcher: Option<sitrep_ingest::feeds::Fetcher>,
    fetch_articles: bool,
    feed_states: Vec<(String, Option<FeedState>)>,
}

/// Decides how to read a path: by name, else by its first bytes.
fn classify(path: &Path) -> Source {
    let name = path.display().to_string();
    if sitrep_ingest::warc::is_warc_name(&name) {
        return Source::Warc(path.to_path_buf());
    }
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".rss") || lower.ends_with(".atom") {
        return Source::FeedFile(path.to_path_buf());
    }
    if lower.ends_with(".xml") {
        let mut head = [0u8; 2048];
        let n = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        if sitrep_ingest::feeds::looks_like_feed(&head[..n]) {
            return Source::FeedFile(path.to_path_buf());
        }
    }
    Source::Plain(InputSource::Path(path.to_path_buf()), false)
}

/// Files under a directory, recursively, in name order, hidden ones skipped.
fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

impl Inputs {
    fn new(
        args: &[String],
        opts: ReadOptions,
        fetch_articles: bool,
        store: &Store,
    ) -> anyhow::Result<Inputs> {
        let mut pending = VecDeque::new();
        let mut feed_states = Vec::new();
        let mut needs_fetcher = fetch_articles;
        for a in args {
            if a == "-" {
                pending.push_back(Source::Plain(InputSource::Stdin, true));
            } else if a.starts_with("http://") || a.starts_with("https://") {
                sitrep_ingest::feeds::check_url(a).map_err(anyhow::Error::msg)?;
                feed_states.push((a.clone(), store.feed_state(a)?));
                pending.push_back(Source::FeedUrl(a.clone()));
                needs_fetcher = true;
            } else if a.contains("://") {
                bail!("{a}: only http:// and https:// URLs are fetched");
            } else {
                let p = PathBuf::from(a);
                if p.is_dir() {
                    let files = walk(&p).with_context(|| format!("cannot list directory {a}"))?;
                    if files.is_empty() {
                        bail!("{a}: directory holds no files");
                    }
                    pending.extend(files.iter().map(|f| classify(f)));
                } else if p.exists() {
                    pending.push_back(classify(&p));
                } else {
                    bail!("{a}: no such file or directory");
                }
            }
        }
        Ok(Inputs {
            pending,
            current: None,
            opts,
            fetcher: needs_fetcher.then(|| sitrep_ingest::feeds::Fetcher::new(Default::default())),
            fetch_articles,
            feed_states,
        })
    }

    /// Entries of a parsed feed, with pages fetched where needed.
    fn feed_items(&mut self, docs: Vec<Result<RawDocument, InputError>>) -> Vec<Item> {
        let mut out = Vec::with_capacity(docs.len());
        for d in docs {
            match d {
                Err(e) => out.push(Item::Error(e)),
                Ok(mut doc) => {
                    let has_text = doc.text.is_some() || doc.html.is_some();
                    let url = doc.url.clone();
                    if let (true, Some(url), Some(f)) =
                        (self.fetch_articles, url.as_deref(), self.fetcher.as_mut())
                    {
                        if !f.allowed(url) {
                            out.push(Item::Error(InputError {
                                origin: doc.origin.clone(),
                                message: format!(
                                    "{url}: robots.txt asks robots not to fetch this page; skipped"
                                ),
                            }));
                            continue;
                        }
                        match f.get(url, None, None) {
                            Ok(sitrep_ingest::feeds::Fetched::Body { bytes, .. }) => {
                                doc.html = Some(String::from_utf8_lossy(&bytes).into_owned());
                                doc.text = None;
                            }
                            Ok(_) => {}
                            Err(e) if has_text => out.push(Item::Error(InputError {
                                origin: doc.origin.clone(),
                                message: format!("{e}; using the feed's text"),
                            })),
                            Err(e) => {
                                out.push(Item::Error(InputError {
                                    origin: doc.origin.clone(),
                                    message: e,
                                }));
                                continue;
                            }
                        }
                    } else if !has_text {
                        out.push(Item::Error(InputError {
                            origin: doc.origin.clone(),
                            message: format!(
                                "feed entry has no text, only a link to {}; pass --fetch-articles to read the page",
                                url.as_deref().unwrap_or("?")
                            ),
                        }));
                        continue;
                    }
                    out.push(Item::Doc(Box::new(doc)));
                }
            }
        }
        out
    }

    fn open(&mut self, source: Source) -> Box<dyn Iterator<Item = Item>> {
        let one =
            |item: Item| -> Box<dyn Iterator<Item = Item>> { Box::new(std::iter::once(item)) };
        match source {
            Source::Plain(src, jsonl) => {
                Box::new(read_path(src, jsonl, self.opts.clone()).map(|r| match r {
                    Ok(d) => Item::Doc(Box::new(d)),
                    Err(e) => Item::Error(e),
                }))
            }
            Source::Warc(path) => match sitrep_ingest::warc::read_warc(&path, &self.opts) {
                Ok(stream) => Box::new(stream.map(|r| match r {
                    Ok(d) => Item::Doc(Box::new(d)),
                    Err(e) => Item::Error(e),
                })),
                Err(e) => one(Item::Error(e)),
            },
            Source::FeedFile(path) => {
                let name = path.display().to_string();
                match std::fs::read(&path) {
                    Err(e) => one(Item::Error(InputError {
                        origin: name,
                        message: format!("cannot read: {e}"),
                    })),
                    Ok(bytes) => {
                        match sitrep_ingest::feeds::parse_feed(&bytes, &name, &self.opts) {
                            Ok(docs) => Box::new(self.feed_items(docs).into_iter()),
                            Err(e) => one(Item::Error(e)),
                        }
                    }
                }
            }
            Source::FeedUrl(url) => {
                let previous = self
                    .feed_states
                    .iter()
                    .find(|(u, _)| *u == url)
                    .and_then(|(_, s)| s.clone())
                    .unwrap_or_default();
                let Some(fetcher) = self.fetcher.as_mut() else {
                    return one(Item::Error(InputError {
                        origin: url,
                        message: "no HTTP client".into(),
                    }));
                };
                match fetcher.get(
                    &url,
                    previous.etag.as_deref(),
                    previous.last_modified.as_deref(),
                ) {
                    Err(e) => one(Item::Error(InputError {
                        origin: url,
                        message: e,
                    })),
                    Ok(sitrep_ingest::feeds::Fetched::NotModified) => Box::new(std::iter::empty()),
                    Ok(sitrep_ingest::feeds::Fetched::Body {
                        bytes,
                        etag,
                        last_modified,
                        ..
                    }) => match sitrep_ingest::feeds::parse_feed(&bytes, &url, &self.opts) {
                        Err(e) => one(Item::Error(e)),
                        Ok(docs) => {
                            let mut items = self.feed_items(docs);
                            items.push(Item::FeedDone(
                                url,
                                FeedState {
                                    etag,
                                    last_modified,
                                },
                            ));
                            Box::new(items.into_iter())
                        }
                    },
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let source = self.pending.pop_front()?;
            self.current = Some(self.open(source));
        }
    }
}

// ---------------------------------------------------------------------------------
// ingest

/// Counts printed at the end of an ingest.
#[derive(Default)]
struct Tally {
    read: usize,
    new: usize,
    updated: usize,
    already: usize,
    exact: usize,
    near: usize,
    mentions: usize,
    new_events: usize,
    removed_events: usize,
    errors: usize,
    warnings: usize,
    /// Seconds spent extracting events (wall time of the parallel step).
    extract_secs: f64,
    /// Seconds spent filing articles and mentions.
    file_secs: f64,
    /// Seconds spent merging events and committing.
    commit_secs: f64,
}

/// The store's view of a raw document: its id (input id, else URL, else a content
/// hash, so records and store agree) and fingerprint.
fn document_input(raw: &mut RawDocument) -> DocumentInput {
    let text = visible_text(raw.text.as_deref(), raw.html.as_deref());
    let doc_id = raw
        .id
        .clone()
        .or_else(|| raw.url.clone())
        .unwrap_or_else(|| sitrep_core::ids::content_doc_id(&text));
    raw.id = Some(doc_id.clone());
    let fingerprint = Fingerprint::of(&doc_id, &text);
    DocumentInput {
        doc_id,
        url: raw.url.clone(),
        title: raw.title.clone(),
        published: raw
            .published
            .as_deref()
            .and_then(sitrep_ingest::parse_published)
            .map(|d| d.to_string()),
        language: raw.language.clone(),
        origin: raw.origin.clone(),
        fingerprint,
    }
}

fn parse_lang(lang: &str) -> anyhow::Result<Option<Lang>> {
    Ok(match lang {
        "auto" => None,
        code => Some(
            Lang::parse(code)
                .filter(|l| matches!(*l, Lang::ID | Lang::EN | Lang::MS))
                .with_context(|| format!("--lang {code:?}: expected auto, id or en"))?,
        ),
    })
}

fn progress(quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new_spinner();
    b.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles read, {msg} [{elapsed}] {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    b
}

/// Runs `sitrep ingest`.
pub fn ingest(a: IngestArgs) -> anyhow::Result<ExitCode> {
    let lang = parse_lang(&a.lang)?;
    let default_published = match &a.published {
        None => None,
        Some(s) => Some(
            sitrep_ingest::parse_published(s)
                .with_context(|| format!("--published {s:?}: expected YYYY-MM-DD or RFC 3339"))?,
        ),
    };
    anyhow::ensure!(a.batch >= 1, "--batch must be at least 1");
    anyhow::ensure!(
        (0.0..=1.0).contains(&a.near_duplicate),
        "--near-duplicate must be between 0 and 1"
    );
    anyhow::ensure!(
        a.date_window >= 0 && a.max_km > 0.0,
        "--date-window must be >= 0 and --max-km > 0"
    );
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let opts = StoreOptions {
        cluster: ClusterOptions {
            date_window_days: a.date_window,
            max_distance_km: a.max_km,
            ..ClusterOptions::default()
        },
        near_duplicate_threshold: a.near_duplicate,
    };
    let mut store = Store::open(&a.db.db, opts)?;
    let today = chrono::Local::now().date_naive();
    let pipeline = Pipeline::new(PipelineOptions {
        lang,
        default_published: Some(default_published.unwrap_or(today)),
    })?;
    let read_opts = ReadOptions {
        max_doc_bytes: a.max_doc_bytes,
        published: a.published.clone(),
        language: None,
    };
    let inputs = Inputs::new(&a.inputs, read_opts, a.fetch_articles, &store)?;
    let bar = progress(a.quiet);
    let started = Instant::now();
    let tally = run_ingest(inputs, &mut store, &pipeline, a.batch, a.quiet, &bar)?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let stats = store.stats()?;
    eprintln!(
        "{} articles read in {secs:.2} s ({:.0}/s): {} new, {} updated, {} already stored, {} exact and {} near duplicates; \
         {} mentions, {} new events, {} removed; {} errors, {} warnings",
        tally.read,
        tally.read as f64 / secs.max(1e-9),
        tally.new,
        tally.updated,
        tally.already,
        tally.exact,
        tally.near,
        tally.mentions,
        tally.new_events,
        tally.removed_events,
        tally.errors,
        tally.warnings
    );
    if a.timings {
        eprintln!(
            "time: reading and fingerprints {:.3} s, extraction {:.3} s, filing {:.3} s, merging and commit {:.3} s",
            secs - tally.extract_secs - tally.file_secs - tally.commit_secs,
            tally.extract_secs,
            tally.file_secs,
            tally.commit_secs
        );
    }
    eprintln!(
        "store {}: {} articles, {} events ({} with 2+ sources), {} mentions, {} tombstones",
        a.db.db.display(),
        stats.documents,
        stats.events,
        stats.multi_source_events,
        stats.mentions,
        stats.tombstones
    );
    Ok(if tally.read == 0 && tally.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One `sitrep ingest` pass over `input` into a new store at `db` (replaced if it
/// exists), on the current rayon pool, for `sitrep bench`; returns the articles read
/// and events stored, so the benchmark measures exactly the code users run.
pub fn ingest_pass(input: &Path, db: &Path, pipeline: &Pipeline) -> anyhow::Result<(usize, usize)> {
    sitrep_store::remove_files(db).with_context(|| format!("cannot replace {}", db.display()))?;
    let mut store = Store::open(db, StoreOptions::default())?;
    let inputs = Inputs::new(
        &[input.display().to_string()],
        ReadOptions::default(),
        false,
        &store,
    )?;
    let tally = run_ingest(
        inputs,
        &mut store,
        pipeline,
        256,
        true,
        &ProgressBar::hidden(),
    )?;
    Ok((tally.read, store.stats()?.events as usize))
}

/// Reads, extracts and stores in batches of `batch` articles, one transaction each.
fn run_ingest(
    mut inputs: Inputs,
    store: &mut Store,
    pipeline: &Pipeline,
    batch: usize,
    quiet: bool,
    bar: &ProgressBar,
) -> anyhow::Result<Tally> {
    let mut t = Tally::default();
    loop {
        let mut docs: Vec<RawDocument> = Vec::with_capacity(batch);
        let mut feeds_done = Vec::new();
        let mut exhausted = true;
        for item in inputs.by_ref() {
            match item {
                Item::Doc(d) => docs.push(*d),
                Item::Error(e) => {
                    t.errors += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
                Item::FeedDone(url, state) => feeds_done.push((url, state)),
            }
            if docs.len() >= batch {
                exhausted = false;
                break;
            }
        }
        if !docs.is_empty() {
            let inputs_meta: Vec<DocumentInput> = docs.par_iter_mut().map(document_input).collect();
            let checks: Vec<Precheck> = inputs_meta
                .iter()
                .map(|d| store.precheck(d))
                .collect::<Result<_, _>>()?;
            let t0 = Instant::now();
            let outputs: Vec<Option<sitrep_pipeline::DocOutput>> = docs
                .par_iter()
                .zip(checks.par_iter())
                .map(|(d, c)| {
                    matches!(c, Precheck::New | Precheck::Update).then(|| pipeline.process(d))
                })
                .collect();
            t.extract_secs += t0.elapsed().as_secs_f64();
            let t1 = Instant::now();
            let mut w = store.writer()?;
            for (meta, out) in inputs_meta.iter().zip(&outputs) {
                t.read += 1;
                let records = out.as_ref().map_or(&[][..], |o| &o.records[..]);
                if let Some(o) = out {
                    t.warnings += o.warnings.len();
                    if !quiet {
                        for w in &o.warnings {
                            bar.suspend(|| eprintln!("warning: {}", w.message));
                        }
                    }
                }
                match w.add(meta, records)? {
                    AddOutcome::AlreadyIngested => t.already += 1,
                    AddOutcome::ExactDuplicate { .. } => t.exact += 1,
                    AddOutcome::Added {
                        near_duplicate_of,
                        mentions,
                        new_events,
                        updated,
                    } => {
                        if updated {
                            t.updated += 1;
                        } else {
                            t.new += 1;
                        }
                        t.near += usize::from(near_duplicate_of.is_some());
                        t.mentions += mentions;
                        t.new_events += new_events;
                    }
                }
            }
            t.file_secs += t1.elapsed().as_secs_f64();
            let t2 = Instant::now();
            let summary = w.commit()?;
            t.commit_secs += t2.elapsed().as_secs_f64();
            t.removed_events += summary.events_removed;
        }
        // Validators are saved only once the feed's articles are committed, so a crash
        // never makes the next run skip articles it did not store.
        for (url, state) in feeds_done {
            store.set_feed_state(&url, &state)?;
        }
        bar.set_position(t.read as u64);
        bar.set_message(format!(
            "{} new, {} duplicates, {} already stored, {} events",
            t.new + t.updated,
            t.exact + t.near,
            t.already,
            t.new_events
        ));
        if exhausted {
            return Ok(t);
        }
    }
}

// ---------------------------------------------------------------------------------
// query / export / deletions

fn open_existing(db: &Path) -> anyhow::Result<Store> {
    anyhow::ensure!(
        db.is_file(),
        "no store at {}: run `sitrep ingest ... --db {}` first (or `sitrep demo`)",
        db.display(),
        db.display()
    );
    Ok(Store::open_read_only(db)?)
}

fn to_filter(f: &FilterArgs, limit: Option<usize>) -> anyhow::Result<EventFilter> {
    let categories = f
        .category
        .iter()
        .map(|c| c.parse::<Category>().map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let bbox = match &f.bbox {
        None => None,
        Some(s) => {
            let v: Vec<f64> = s
                .split(',')
                .map(|x| x.trim().parse::<f64>())
                .collect::<Result<_, _>>()
                .with_context(|| {
                    format!("--bbox {s:?}: expected four numbers min_lon,min_lat,max_lon,max_lat")
                })?;
            anyhow::ensure!(
                v.len() == 4,
                "--bbox {s:?}: expected four numbers min_lon,min_lat,max_lon,max_lat"
            );
            Some([v[0], v[1], v[2], v[3]])
        }
    };
    Ok(EventFilter {
        from: f.from.clone(),
        to: f.to.clone(),
        country: f.country.clone(),
        admin1: f.admin1.clone(),
        categories,
        actor: f.actor.clone(),
        bbox,
        text: f.text.clone(),
        min_sources: f.min_sources,
        modified_since: f.modified_since.clone(),
        limit,
    })
}

/// Cuts a string to `n` characters with an ellipsis.
fn cut(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn pad(s: &str, n: usize) -> String {
    let s = cut(s, n);
    let w = s.chars().count();
    format!("{s}{}", " ".repeat(n.saturating_sub(w)))
}

fn side(es: &[sitrep_core::Entity]) -> String {
    es.iter()
        .map(|e| match &e.code {
            Some(c) => format!(
                "{} [{c}]",
                e.entity_name.as_deref().unwrap_or(&e.entity_text)
            ),
            None => e
                .entity_name
                .clone()
                .unwrap_or_else(|| e.entity_text.clone()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table of events for people: one line each, the parties, place, sources, claims.
fn print_table(events: &[StoredEvent], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} {} {} {} {} {} {} OUTLETS",
        pad("EVENT", 14),
        pad("DATE", 10),
        pad("CATEGORY", 9),
        pad("WHO → WHOM", 44),
        pad("WHERE", 16),
        pad("SRC", 3),
        pad("STATUS", 9)
    )?;
    for e in events {
        let who = match (e.actor.is_empty(), e.recipient.is_empty()) {
            (_, true) if e.reciprocal => side(&e.actor).replace(", ", " ↔ "),
            (true, true) => "-".to_string(),
            _ => format!(
                "{} → {}",
                or_dash(&side(&e.actor)),
                or_dash(&side(&e.recipient))
            ),
        };
        let place = e
            .event_loc
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "-".into());
        let mut outlets: Vec<String> = Vec::new();
        for s in &e.sources {
            let o = s.outlet.clone().unwrap_or_else(|| s.doc_id.clone());
            if !outlets.contains(&o) {
                outlets.push(o);
            }
        }
        writeln!(
            out,
            "{} {} {} {} {} {} {} {}",
            pad(&e.event_id[..e.event_id.len().min(14)], 14),
            pad(&e.date, 10),
            pad(e.event.as_str(), 9),
            pad(&who, 44),
            pad(&place, 16),
            pad(&e.source_count.to_string(), 3),
            pad(&format!("{:?}", e.status).to_lowercase(), 9),
            cut(&outlets.join(", "), 40)
        )?;
    }
    Ok(())
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "?" } else { s }
}

/// Runs `sitrep query`.
pub fn query(a: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&a.db.db)?;
    let filter = to_filter(&a.filter, (a.limit > 0).then_some(a.limit))?;
    let events = store.query(&filter)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match a.format.as_str() {
        "table" => {
            print_table(&events, &mut out)?;
            out.flush()?;
            eprintln!("{} events", events.len());
        }
        "jsonl" => {
            sitrep_export::write_jsonl(&events, &mut out)?;
        }
        f => bail!("--format {f:?}: expected table or jsonl"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `sitrep export`.
pub fn export(a: ExportArgs) -> anyhow::Result<ExitCode> {
    let format: Format = a.format.parse().map_err(anyhow::Error::msg)?;
    let partition: Partition = a.partition.parse().map_err(anyhow::Error::msg)?;
    let store = open_existing(&a.db.db)?;
    let events = store.query(&to_filter(&a.filter, None)?)?;
    let opts = ExportOptions {
        include_unlocated: a.include_unlocated,
    };
    let open_output = |p: &Option<PathBuf>| -> anyhow::Result<Box<dyn Write>> {
        Ok(match p {
            Some(p) => Box::new(BufWriter::new(
                File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
            )),
            None => Box::new(BufWriter::new(io::stdout().lock())),
        })
    };
    let target = a
        .output
        .as_ref()
        .map_or("stdout".to_string(), |p| p.display().to_string());
    let report = match format {
        Format::Jsonl => sitrep_export::write_jsonl(&events, open_output(&a.output)?)?,
        Format::Acled => sitrep_export::write_acled(&events, open_output(&a.output)?, &opts)?,
        Format::Geojson => sitrep_export::write_geojson(&events, open_output(&a.output)?, &opts)?,
        Format::Gdelt => match &a.gdelt_batches {
            Some(dir) => {
                let r = sitrep_export::write_gdelt_batches(&events, dir, &a.base_url)?;
                if a.output.is_some() {
                    sitrep_export::write_gdelt(&events, open_output(&a.output)?)?;
                }
                r
            }
            None => sitrep_export::write_gdelt(&events, open_output(&a.output)?)?,
        },
        Format::Parquet => {
            let Some(dir) = &a.output else {
                bail!("--format parquet writes a folder: give --output DIR");
            };
            sitrep_export::write_parquet(&events, dir, partition)?
        }
    };
    let mut msg = format!(
        "{} of {} events written to {target}",
        report.written,
        events.len()
    );
    if !report.files.is_empty() {
        msg.push_str(&format!(" ({} files)", report.files.len()));
    }
    if report.skipped_unlocated > 0 {
        msg.push_str(&format!(
            "; {} without coordinates left out (--include-unlocated keeps them)",
            report.skipped_unlocated
        ));
    }
    if report.skipped_not_coded > 0 {
        msg.push_str(&format!(
            "; {} not coded by this format (threats, denied-only, or not an ACLED type)",
            report.skipped_not_coded
        ));
    }
    eprintln!("{msg}");
    Ok(ExitCode::SUCCESS)
}

/// Runs `sitrep deletions`.
pub fn deletions(a: DeletionsArgs) -> anyhow::Result<ExitCode> {
    let store = open_existing(&a.db.db)?;
    let gone = store.deletions(&a.since)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match a.format.as_str() {
        "table" => {
            writeln!(out, "{} {} REASON", pad("EVENT", 35), pad("DELETED AT", 24))?;
            for t in &gone {
                writeln!(
                    out,
                    "{} {} {}",
                    pad(&t.event_id, 35),
                    pad(&t.deleted_at, 24),
                    t.reason
                )?;
            }
        }
        "jsonl" => {
            for t in &gone {
                serde_json::to_writer(&mut out, t)?;
                writeln!(out)?;
            }
        }
        f => bail!("--format {f:?}: expected table or jsonl"),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------
// demo

/// The bundled sample articles (`samples/articles.jsonl`) and the multi-outlet
/// clustering fixture (`fixtures/store/incidents.jsonl`): invented and public-domain
/// stories, embedded so the demo runs anywhere.
const DEMO_INPUTS: [(&str, &str); 2] = [
    (
        "samples/articles.jsonl",
        include_str!("../../../samples/articles.jsonl"),
    ),
    (
        "fixtures/store/incidents.jsonl",
        include_str!("../../../fixtures/store/incidents.jsonl"),
    ),
];

/// Runs `sitrep demo`: a fresh store from the bundled articles and a table of its events.
pub fn demo(a: DemoArgs) -> anyhow::Result<ExitCode> {
    let db =
        a.db.unwrap_or_else(|| std::env::temp_dir().join("sitrep-demo.db"));
    sitrep_store::remove_files(&db).with_context(|| format!("cannot replace {}", db.display()))?;
    let dir = std::env::temp_dir().join(format!("sitrep-demo-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut inputs = Vec::new();
    for (name, body) in DEMO_INPUTS {
        let p = dir.join(name.replace('/', "_"));
        std::fs::write(&p, body)?;
        inputs.push(p.display().to_string());
    }
    eprintln!(
        "sitrep demo: reading {} bundled articles into {}",
        DEMO_INPUTS
            .iter()
            .map(|(_, b)| b.lines().filter(|l| !l.trim().is_empty()).count())
            .sum::<usize>(),
        db.display()
    );
    let args = IngestArgs {
        inputs,
        db: DbArg { db: db.clone() },
        published: None,
        lang: "auto".into(),
        fetch_articles: false,
        batch: 256,
        threads: None,
        date_window: 1,
        max_km: 50.0,
        near_duplicate: 0.5,
        max_doc_bytes: 16 * 1024 * 1024,
        quiet: true,
        timings: false,
    };
    let code = ingest(args)?;
    std::fs::remove_dir_all(&dir).ok();
    let store = open_existing(&db)?;
    let mut events = store.query(&EventFilter::default())?;
    events.sort_by(|x, y| {
        y.source_count
            .cmp(&x.source_count)
            .then(x.date.cmp(&y.date))
            .then(x.seq.cmp(&y.seq))
    });
    println!();
    let mut out = io::stdout().lock();
    print_table(&events, &mut out)?;
    let multi = events.iter().filter(|e| e.source_count >= 2).count();
    println!(
        "\n{} events from {} articles; {} reported by two or more independent outlets.",
        events.len(),
        store.stats()?.documents,
        multi
    );
    let db_arg = db.display();
    println!("Next:");
    println!("  sitrep query --db {db_arg} --min-sources 2");
    println!("  sitrep query --db {db_arg} --text serangan --format jsonl");
    println!("  sitrep export --db {db_arg} --format acled -o events.csv --include-unlocated");
    println!("  sitrep export --db {db_arg} --format parquet -o events-parquet/");
    Ok(code)
}
