//! sitrep's embedded store: one SQLite file (WAL mode) holding articles, the event
//! records read from them, and the events those records are mentions of.
//!
//! - **Idempotent, crash-safe ingest.** An article is known by a hash of its id and text:
//!   ingesting it again adds nothing. Articles are written in batches, one transaction
//!   each; a crash loses at most the open batch, and a restart redoes exactly that batch.
//! - **Document deduplication.** The same words under another id are an exact duplicate
//!   (stored, linked, not read again); a syndicated copy with its own headline, byline
//!   or junk lines is a near duplicate (MinHash over word shingles), read and linked so
//!   `source_count` counts the story once.
//! - **Event clustering.** Each record joins the best matching event (same category,
//!   agreeing parties, dates within a window, places within a distance) or starts one
//!   (see [`cluster`]). Events keep every mention and every party's claim.
//! - **Stable ids and tombstones.** An event's id comes from its first mention and stays;
//!   a change updates `last_modified`; an event left without mentions (its article was
//!   updated) is removed and leaves a tombstone.

pub mod cluster;
pub mod fingerprint;
pub mod model;
mod schema;
mod summary;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sitrep_core::{Category, EventRecord, PlacePrecision, ids};

pub use cluster::ClusterOptions;
pub use fingerprint::{Fingerprint, visible_text};
pub use model::{Claim, EVENT_SCHEMA_ID, Mention, Source, StoredEvent, Tombstone};
pub use summary::party_name;

use cluster::{EventKeys, MentionKeys, Orientation, Point};
use summary::{DocRow, MentionRow};

/// Longest span of dates one event covers (vague dates included); bounds the
/// candidate search.
const MAX_EVENT_SPAN_DAYS: i64 = 31;

/// Everything that can go wrong with a store, with what was being done.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{context}: {source}")]
    Sqlite {
        /// What the store was doing.
        context: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a sitrep store, or one of another version.
    #[error("{0}")]
    Incompatible(String),
    /// A caller's value is unusable (bad date, bad filter).
    #[error("{0}")]
    Invalid(String),
}

/// Result type of the store.
pub type Result<T> = std::result::Result<T, StoreError>;

trait Context<T> {
    fn ctx(self, what: &str) -> Result<T>;
}

impl<T> Context<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, what: &str) -> Result<T> {
        self.map_err(|source| StoreError::Sqlite {
            context: what.to_string(),
            source,
        })
    }
}

/// Store settings.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Event clustering thresholds.
    pub cluster: ClusterOptions,
    /// Estimated Jaccard similarity (of 4-word shingles) from which an article is a
    /// near duplicate of an earlier one.
    pub near_duplicate_threshold: f64,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            cluster: ClusterOptions::default(),
            near_duplicate_threshold: 0.5,
        }
    }
}

/// An article to store, described by its reader; its records come separately.
#[derive(Debug, Clone)]
pub struct DocumentInput {
    /// Article id (the input's, else a content hash).
    pub doc_id: String,
    /// Source URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// Where it was read ("feed.xml:3").
    pub origin: String,
    /// Hashes that recognise it.
    pub fingerprint: Fingerprint,
}

/// What the store would do with an article, asked before spending time extracting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precheck {
    /// Same id, same text: nothing to do.
    AlreadyIngested,
    /// Same words as a stored article under another id: linked, not read.
    ExactDuplicate,
    /// Not seen: read it.
    New,
    /// Same id, new text (the article was updated): read it; its old mentions go.
    Update,
}

/// What happened to one article.
#[derive(Debug, Clone, PartialEq)]
pub enum AddOutcome {
    /// It was already stored.
    AlreadyIngested,
    /// Same words as the stored article `of`; linked to it.
    ExactDuplicate {
        /// Id of the stored article.
        of: String,
    },
    /// Stored with its mentions.
    Added {
        /// Earlier article it is a syndicated copy of, and the similarity.
        near_duplicate_of: Option<(String, f64)>,
        /// Mentions stored.
        mentions: usize,
        /// Events it started.
        new_events: usize,
        /// It replaced an earlier version with the same id.
        updated: bool,
    },
}

/// Counts of one committed batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommitSummary {
    /// Events whose merged view changed.
    pub events_changed: usize,
    /// Events removed (tombstoned).
    pub events_removed: usize,
}

/// What a store holds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Articles, duplicates included.
    pub documents: u64,
    /// Articles with the same words as an earlier one.
    pub exact_duplicates: u64,
    /// Syndicated copies of an earlier article.
    pub near_duplicates: u64,
    /// Mentions (records).
    pub mentions: u64,
    /// Events.
    pub events: u64,
    /// Events with two or more independent sources.
    pub multi_source_events: u64,
    /// Removed events.
    pub tombstones: u64,
}

/// Conditional-GET state of a feed URL.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedState {
    /// `ETag` of the last response.
    pub etag: Option<String>,
    /// `Last-Modified` of the last response.
    pub last_modified: Option<String>,
}

/// Filters of `sitrep query` and `sitrep export`; every set field must hold.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Event date on or after (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Event date on or before.
    pub to: Option<String>,
    /// ISO 3166-1 alpha-3 country of the event's place.
    pub country: Option<String>,
    /// First-level division of the event's place (case-insensitive).
    pub admin1: Option<String>,
    /// Any of these categories.
    pub categories: Vec<Category>,
    /// A party's code, name or words contain this (case-insensitive).
    pub actor: Option<String>,
    /// `[min_lon, min_lat, max_lon, max_lat]`; `min_lon > max_lon` crosses the antimeridian.
    pub bbox: Option<[f64; 4]>,
    /// FTS5 query matched against each mention (its sentence, the article's headline,
    /// its parties and places); an event matches when one of its mentions does.
    pub text: Option<String>,
    /// At least this many independent sources.
    pub min_sources: Option<usize>,
    /// Changed at or after this time (RFC 3339 or `YYYY-MM-DD`).
    pub modified_since: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
}

/// An open store.
pub struct Store {
    conn: Connection,
    opts: StoreOptions,
}

impl Store {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: &Path, opts: StoreOptions) -> Result<Store> {
        let conn = Connection::open(path).ctx(&format!("cannot open {}", path.display()))?;
        Store::init(conn, opts, &path.display().to_string())
    }

    /// Opens an existing store for reading only (queries, exports) without taking the
    /// write lock, so it works while an ingest is running.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .ctx(&format!("cannot open {}", path.display()))?;
        conn.busy_timeout(Duration::from_secs(30))
            .ctx("busy timeout")?;
        check_schema(&conn, &path.display().to_string())?;
        Ok(Store {
            conn,
            opts: StoreOptions::default(),
        })
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory(opts: StoreOptions) -> Result<Store> {
        let conn = Connection::open_in_memory().ctx("cannot open an in-memory database")?;
        Store::init(conn, opts, ":memory:")
    }

    fn init(conn: Connection, opts: StoreOptions, name: &str) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(30))
            .ctx("busy timeout")?;
        // Checked before anything is written, so a foreign file is left as it was.
        check_schema(&conn, name)?;
        // 16 KiB pages: a quarter of the write and read calls of the 4 KiB default
        // (an 89-article ingest: 640 page writes instead of 2,293). Only takes effect
        // on a new file; older stores keep their page size.
        conn.pragma_update(None, "page_size", 16384).ctx("pragma")?;
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| not_sqlite(e, name))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .ctx("pragma")?;
        // 64 MB of page cache: merging re-reads the pages of events it just wrote.
        conn.pragma_update(None, "cache_size", -65536)
            .ctx("pragma")?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .ctx("pragma")?;
        conn.execute_batch(schema::SCHEMA).ctx("creating tables")?;
        conn.execute(
            "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?1)",
            [schema::SCHEMA_VERSION],
        )
        .ctx("writing schema version")?;
        Ok(Store { conn, opts })
    }

    /// The underlying connection, for read-only use by tools (exports, tests).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// What [`Writer::add`] would do with the article, without writing.
    pub fn precheck(&self, doc: &DocumentInput) -> Result<Precheck> {
        let existing: Option<String> = self
            .conn
            .query_row(
                "SELECT ingest_key FROM documents WHERE doc_id=?1",
                [&doc.doc_id],
                |r| r.get(0),
            )
            .optional()
            .ctx("looking up a document")?;
        match existing {
            Some(k) if k == doc.fingerprint.ingest_key => return Ok(Precheck::AlreadyIngested),
            Some(_) => return Ok(Precheck::Update),
            None => {}
        }
        let dup: Option<i64> = self
            .conn
            .query_row(
                "SELECT doc_pk FROM documents WHERE content_hash=?1 LIMIT 1",
                [&doc.fingerprint.content_hash],
                |r| r.get(0),
            )
            .optional()
            .ctx("looking up content")?;
        Ok(if dup.is_some() {
            Precheck::ExactDuplicate
        } else {
            Precheck::New
        })
    }

    /// Starts a batch: everything added is committed together or not at all.
    pub fn writer(&mut self) -> Result<Writer<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("cannot start a write transaction (is another ingest running on this store?)")?;
        Ok(Writer {
            tx,
            opts: &self.opts,
            now: now_rfc3339(),
            touched: BTreeSet::new(),
            batch_records: HashMap::new(),
            keys_cache: HashMap::new(),
        })
    }

    /// Counts of what the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let one = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|v| v as u64)
                .ctx("counting")
        };
        Ok(Stats {
            documents: one("SELECT count(*) FROM documents")?,
            exact_duplicates: one("SELECT count(*) FROM documents WHERE duplicate_kind='exact'")?,
            near_duplicates: one("SELECT count(*) FROM documents WHERE duplicate_kind='near'")?,
            mentions: one("SELECT count(*) FROM mentions")?,
            events: one("SELECT count(*) FROM events")?,
            multi_source_events: one("SELECT count(*) FROM events WHERE source_count >= 2")?,
            tombstones: one("SELECT count(*) FROM tombstones")?,
        })
    }

    /// One event by id.
    pub fn event(&self, event_id: &str) -> Result<Option<StoredEvent>> {
        let head: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT event_pk, last_modified FROM events WHERE event_id=?1",
                [event_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx("reading an event")?;
        match head {
            None => Ok(None),
            Some((pk, modified)) => load_event(
                &self.conn,
                pk,
                event_id,
                &modified,
                None,
                &modified[..10.min(modified.len())],
            ),
        }
    }

    /// Events matching the filter, by date then id.
    pub fn query(&self, f: &EventFilter) -> Result<Vec<StoredEvent>> {
        let mut sql =
            String::from("SELECT event_pk, event_id, last_modified FROM events WHERE 1=1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut push = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        use rusqlite::types::Value as V;
        if let Some(d) = &f.from {
            check_date(d, "--from")?;
            push(&mut sql, " AND date >= ?", V::Text(d.clone()));
        }
        if let Some(d) = &f.to {
            check_date(d, "--to")?;
            push(&mut sql, " AND date <= ?", V::Text(d.clone()));
        }
        if let Some(c) = &f.country {
            push(
                &mut sql,
                " AND country = ?",
                V::Text(c.to_ascii_uppercase()),
            );
        }
        if let Some(a) = &f.admin1 {
            push(
                &mut sql,
                " AND lower(admin1) = ?",
                V::Text(a.to_lowercase()),
            );
        }
        if !f.categories.is_empty() {
            sql.push_str(" AND category IN (");
            for (i, c) in f.categories.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                push(&mut sql, "?", V::Text(c.as_str().to_string()));
            }
            sql.push(')');
        }
        if let Some(a) = &f.actor {
            push(
                &mut sql,
                " AND instr(parties, ?) > 0",
                V::Text(a.to_lowercase()),
            );
        }
        if let Some([min_lon, min_lat, max_lon, max_lat]) = f.bbox {
            if !(-90.0..=90.0).contains(&min_lat)
                || !(-90.0..=90.0).contains(&max_lat)
                || min_lat > max_lat
            {
                return Err(StoreError::Invalid(format!(
                    "--bbox latitudes {min_lat},{max_lat}: expected -90..90 with min <= max"
                )));
            }
            push(&mut sql, " AND lat >= ?", V::Real(min_lat));
            push(&mut sql, " AND lat <= ?", V::Real(max_lat));
            if min_lon <= max_lon {
                push(&mut sql, " AND lon >= ?", V::Real(min_lon));
                push(&mut sql, " AND lon <= ?", V::Real(max_lon));
            } else {
                push(&mut sql, " AND (lon >= ?", V::Real(min_lon));
                push(&mut sql, " OR lon <= ?)", V::Real(max_lon));
            }
        }
        if let Some(t) = &f.text {
            push(
                &mut sql,
                " AND event_pk IN (SELECT event_pk FROM mentions WHERE mention_pk IN
                  (SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ?))",
                V::Text(fts_query(t)),
            );
        }
        if let Some(n) = f.min_sources {
            push(&mut sql, " AND source_count >= ?", V::Integer(n as i64));
        }
        if let Some(s) = &f.modified_since {
            push(
                &mut sql,
                " AND last_modified >= ?",
                V::Text(normalize_since(s)?),
            );
        }
        sql.push_str(" ORDER BY date, event_pk");
        if let Some(n) = f.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self.conn.prepare(&sql).ctx("preparing the query")?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .ctx("running the query")?;
        let heads = rows
            .collect::<std::result::Result<Vec<_>, _>>()
            .ctx("reading the query")?;
        let mut out = Vec::with_capacity(heads.len());
        for (pk, id, modified) in heads {
            let today = modified.get(..10).unwrap_or_default().to_string();
            if let Some(e) = load_event(&self.conn, pk, &id, &modified, None, &today)? {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Events removed at or after `since` (RFC 3339 time or `YYYY-MM-DD`).
    pub fn deletions(&self, since: &str) -> Result<Vec<Tombstone>> {
        let since = normalize_since(since)?;
        let mut stmt = self
            .conn
            .prepare("SELECT event_id, deleted_at, reason FROM tombstones WHERE deleted_at >= ?1 ORDER BY deleted_at, event_id")
            .ctx("preparing deletions")?;
        let rows = stmt
            .query_map([since], |r| {
                Ok(Tombstone {
                    event_id: r.get(0)?,
                    deleted_at: r.get(1)?,
                    reason: r.get(2)?,
                })
            })
            .ctx("reading deletions")?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .ctx("reading deletions")
    }

    /// Every record (mention) stored, in article then sentence order, as given by the
    /// pipeline: for re-exporting the raw records.
    pub fn records(&self) -> Result<Vec<EventRecord>> {
        let mut stmt = self
            .conn
            .prepare("SELECT record FROM mentions ORDER BY doc_pk, sentence, mention_pk")
            .ctx("preparing records")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .ctx("reading records")?;
        let mut out = Vec::new();
        for r in rows {
            let s = r.ctx("reading records")?;
            out.push(serde_json::from_str(&s).map_err(|e| {
                StoreError::Incompatible(format!("stored record is unreadable: {e}"))
            })?);
        }
        Ok(out)
    }

    /// Conditional-GET state saved for a feed URL.
    pub fn feed_state(&self, url: &str) -> Result<Option<FeedState>> {
        self.conn
            .query_row(
                "SELECT etag, last_modified FROM feeds WHERE url=?1",
                [url],
                |r| {
                    Ok(FeedState {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .ctx("reading feed state")
    }

    /// Saves a feed URL's conditional-GET state (after its articles were committed).
    pub fn set_feed_state(&self, url: &str, state: &FeedState) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO feeds(url, etag, last_modified, fetched_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(url) DO UPDATE SET etag=?2, last_modified=?3, fetched_at=?4",
                params![url, state.etag, state.last_modified, now_rfc3339()],
            )
            .ctx("saving feed state")?;
        Ok(())
    }
}

/// A batch of writes; dropped without [`Writer::commit`], it leaves the store unchanged.
pub struct Writer<'s> {
    tx: rusqlite::Transaction<'s>,
    opts: &'s StoreOptions,
    now: String,
    touched: BTreeSet<i64>,
    /// Records filed in this batch by mention key, so merging does not parse them back.
    batch_records: HashMap<i64, EventRecord>,
    /// Matching keys of the events this batch looked at.
    keys_cache: HashMap<i64, EventKeys>,
}

impl Writer<'_> {
    /// Stores an article and its records: skips it if already stored, links it if it is
    /// a duplicate, and files each record under its event.
    pub fn add(&mut self, doc: &DocumentInput, records: &[EventRecord]) -> Result<AddOutcome> {
        let fp = &doc.fingerprint;
        let existing: Option<(i64, String)> = self
            .tx
            .prepare_cached("SELECT doc_pk, ingest_key FROM documents WHERE doc_id=?1")
            .ctx("prepare")?
            .query_row([&doc.doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .ctx("looking up a document")?;
        let mut updated = false;
        let mut replace_pk = None;
        if let Some((pk, key)) = existing {
            if key == fp.ingest_key {
                return Ok(AddOutcome::AlreadyIngested);
            }
            self.forget_mentions(pk)?;
            updated = true;
            replace_pk = Some(pk);
        }
        // Exact duplicate of another article.
        let same: Option<(i64, Option<i64>)> = self
            .tx
            .prepare_cached("SELECT doc_pk, duplicate_of FROM documents WHERE content_hash=?1 AND doc_pk IS NOT ?2 ORDER BY doc_pk LIMIT 1")
            .ctx("prepare")?
            .query_row(params![fp.content_hash, replace_pk], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .ctx("looking up content")?;
        if let Some((pk, dup)) = same {
            let canonical = dup.unwrap_or(pk);
            self.write_document(doc, replace_pk, Some((canonical, "exact", 1.0)), 0)?;
            let events: Vec<i64> = self.events_of_document(canonical)?;
            self.touched.extend(events);
            return Ok(AddOutcome::ExactDuplicate {
                of: self.doc_id_of(canonical)?,
            });
        }
        // Near duplicate: candidates sharing a band, best estimated similarity.
        let mut near: Option<(i64, f64)> = None;
        if let Some(sig) = &fp.minhash {
            let mut candidates = BTreeSet::new();
            {
                let mut stmt = self
                    .tx
                    .prepare_cached("SELECT doc_pk FROM doc_bands WHERE band_hash=?1")
                    .ctx("prepare")?;
                for b in fp.bands() {
                    let rows = stmt
                        .query_map([b], |r| r.get::<_, i64>(0))
                        .ctx("band lookup")?;
                    for r in rows {
                        candidates.insert(r.ctx("band lookup")?);
                    }
                }
            }
            candidates.remove(&replace_pk.unwrap_or(-1));
            let mut stmt = self
                .tx
                .prepare_cached("SELECT minhash, duplicate_of FROM documents WHERE doc_pk=?1")
                .ctx("prepare")?;
            for c in candidates {
                let (blob, dup): (Option<Vec<u8>>, Option<i64>) = stmt
                    .query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))
                    .ctx("reading a signature")?;
                let Some(other) = blob.as_deref().and_then(fingerprint::signature_from_blob) else {
                    continue;
                };
                let s = fingerprint::similarity(sig, &other);
                if s >= self.opts.near_duplicate_threshold && near.is_none_or(|(_, best)| s > best)
                {
                    near = Some((dup.unwrap_or(c), s));
                }
            }
        }
        let doc_pk = self.write_document(
            doc,
            replace_pk,
            near.map(|(pk, s)| (pk, "near", s)),
            records.len(),
        )?;
        {
            let mut stmt = self
                .tx
                .prepare_cached("INSERT INTO doc_bands(band_hash, doc_pk) VALUES (?1, ?2)")
                .ctx("prepare")?;
            for b in fp.bands() {
                stmt.execute(params![b, doc_pk]).ctx("writing band index")?;
            }
        }
        let mut mentions = 0;
        let mut new_events = 0;
        let mut doc_events: Vec<i64> = Vec::new();
        let doc_point = records
            .iter()
            .filter_map(Point::of_record)
            .find(|p| matches!(p.precision, PlacePrecision::Point | PlacePrecision::Area));
        for r in records {
            let Some(mut keys) = MentionKeys::of(r) else {
                continue;
            };
            if doc_point.is_some() {
                keys.fallback = doc_point.clone();
            }
            let (event_pk, created) = self.file_record(r, &keys, &doc_events)?;
            if !doc_events.contains(&event_pk) {
                doc_events.push(event_pk);
            }
            self.tx
                .prepare_cached("INSERT INTO mentions(record_id, event_pk, doc_pk, sentence, swapped, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .ctx("prepare")?
                .execute(params![
                    r.id,
                    event_pk,
                    doc_pk,
                    r.text_info.sequence as i64,
                    created.1 == Orientation::Swapped,
                    serde_json::to_string(r).unwrap_or_default()
                ])
                .ctx("writing a mention")?;
            let mention_pk = self.tx.last_insert_rowid();
            self.tx
                .prepare_cached("INSERT INTO mentions_fts(rowid, body) VALUES (?1, ?2)")
                .ctx("prepare")?
                .execute(params![
                    mention_pk,
                    summary::search_text(r, doc.title.as_deref())
                ])
                .ctx("indexing a mention")?;
            self.batch_records.insert(mention_pk, r.clone());
            self.touched.insert(event_pk);
            mentions += 1;
            new_events += usize::from(created.0);
        }
        let near_duplicate_of = match near {
            Some((pk, s)) => Some((self.doc_id_of(pk)?, s)),
            None => None,
        };
        Ok(AddOutcome::Added {
            near_duplicate_of,
            mentions,
            new_events,
            updated,
        })
    }

    /// Writes or rewrites the document row; returns its key.
    fn write_document(
        &mut self,
        doc: &DocumentInput,
        replace_pk: Option<i64>,
        duplicate: Option<(i64, &str, f64)>,
        records: usize,
    ) -> Result<i64> {
        let blob = doc
            .fingerprint
            .minhash
            .as_deref()
            .map(fingerprint::signature_to_blob);
        let outlet = doc.url.as_deref().and_then(outlet_of);
        let (dup_pk, dup_kind, sim) = match duplicate {
            Some((pk, kind, s)) => (Some(pk), Some(kind), Some(s)),
            None => (None, None, None),
        };
        let values = params![
            doc.doc_id,
            doc.fingerprint.ingest_key,
            doc.fingerprint.content_hash,
            doc.url,
            outlet,
            doc.title,
            doc.published,
            doc.language,
            doc.origin,
            dup_pk,
            dup_kind,
            sim,
            blob,
            records as i64,
            self.now,
        ];
        match replace_pk {
            Some(pk) => {
                self.tx
                    .prepare_cached(
                        "UPDATE documents SET doc_id=?1, ingest_key=?2, content_hash=?3, url=?4, outlet=?5, title=?6,
                         published=?7, language=?8, origin=?9, duplicate_of=?10, duplicate_kind=?11, similarity=?12,
                         minhash=?13, record_count=?14, ingested_at=?15 WHERE doc_pk=?16",
                    )
                    .ctx("prepare")?
                    .execute(rusqlite::params_from_iter(values.iter().copied().chain([&pk as &dyn rusqlite::ToSql])))
                    .ctx("updating a document")?;
                Ok(pk)
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO documents(doc_id, ingest_key, content_hash, url, outlet, title, published, language,
                         origin, duplicate_of, duplicate_kind, similarity, minhash, record_count, ingested_at)
                         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
                    )
                    .ctx("prepare")?
                    .execute(values)
                    .ctx("writing a document")?;
                Ok(self.tx.last_insert_rowid())
            }
        }
    }

    /// Removes an article's mentions and index entries before it is re-read.
    fn forget_mentions(&mut self, doc_pk: i64) -> Result<()> {
        let events = self.events_of_document(doc_pk)?;
        self.touched.extend(events);
        self.tx
            .prepare_cached("DELETE FROM mentions_fts WHERE rowid IN (SELECT mention_pk FROM mentions WHERE doc_pk=?1)")
            .ctx("prepare")?
            .execute([doc_pk])
            .ctx("removing mentions from the index")?;
        self.tx
            .prepare_cached("DELETE FROM mentions WHERE doc_pk=?1")
            .ctx("prepare")?
            .execute([doc_pk])
            .ctx("removing mentions")?;
        self.tx
            .prepare_cached("DELETE FROM doc_bands WHERE doc_pk=?1")
            .ctx("prepare")?
            .execute([doc_pk])
            .ctx("removing band index")?;
        Ok(())
    }

    fn events_of_document(&self, doc_pk: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT DISTINCT event_pk FROM mentions WHERE doc_pk=?1")
            .ctx("prepare")?;
        let rows = stmt
            .query_map([doc_pk], |r| r.get(0))
            .ctx("reading mentions")?;
        rows.collect::<std::result::Result<Vec<i64>, _>>()
            .ctx("reading mentions")
    }

    fn doc_id_of(&self, doc_pk: i64) -> Result<String> {
        self.tx
            .prepare_cached("SELECT doc_id FROM documents WHERE doc_pk=?1")
            .ctx("prepare")?
            .query_row([doc_pk], |r| r.get(0))
            .ctx("reading a document id")
    }

    /// Finds the event a record is a mention of, or starts one. `doc_events` are the
    /// events the article's earlier sentences went to. Returns the event and (whether it
    /// was created, orientation).
    fn file_record(
        &mut self,
        r: &EventRecord,
        keys: &MentionKeys,
        doc_events: &[i64],
    ) -> Result<(i64, (bool, Orientation))> {
        let all: &StoreOptions = self.opts;
        let opts = &all.cluster;
        let win = keys.window(opts);
        let lo = (keys.date - chrono::Duration::days(win)).to_string();
        let hi = (keys.date + chrono::Duration::days(win)).to_string();
        // No event spans more than MAX_EVENT_SPAN_DAYS, so the index range stays short.
        let earliest = (keys.date - chrono::Duration::days(win + MAX_EVENT_SPAN_DAYS)).to_string();
        let mut best: Option<(f64, i64, Orientation)> = None;
        let candidates: Vec<i64> = {
            let mut stmt = self
                .tx
                .prepare_cached(
                    "SELECT event_pk FROM events WHERE category=?1 AND hypothetical=?2 AND date_first <= ?3
                     AND date_first >= ?5 AND date_last >= ?4 ORDER BY event_pk",
                )
                .ctx("prepare")?;
            let rows = stmt
                .query_map(
                    params![r.event.as_str(), r.hypothetical, hi, lo, earliest],
                    |row| row.get(0),
                )
                .ctx("finding candidate events")?;
            rows.collect::<std::result::Result<_, _>>()
                .ctx("finding candidate events")?
        };
        for pk in candidates {
            let e = self.event_keys(pk)?;
            let scored = cluster::score(keys, e, opts, doc_events.contains(&pk));
            if let Some((s, o)) = scored
                && best.as_ref().is_none_or(|(bs, _, _)| s > *bs)
            {
                best = Some((s, pk, o));
            }
        }
        let best = match best {
            Some((s, pk, o)) => Some((s, pk, o, self.event_keys(pk)?.clone())),
            None => None,
        };
        if let Some((_, pk, orientation, mut e)) = best {
            // Grow the event's keys with what this mention adds.
            if orientation == Orientation::Direct {
                for k in &keys.actor {
                    if !e.actor.contains(k) {
                        e.actor.push(k.clone());
                    }
                }
                for k in &keys.recipient {
                    if !e.recipient.contains(k) {
                        e.recipient.push(k.clone());
                    }
                }
            }
            e.reciprocal |= keys.reciprocal;
            let precise = keys.precision == sitrep_core::DatePrecision::Day;
            if precise && !e.precise {
                e.date_first = keys.date;
                e.date_last = keys.date;
                e.precise = true;
            } else if precise == e.precise {
                let first = e.date_first.min(keys.date);
                let last = e.date_last.max(keys.date);
                if (last - first).num_days() <= MAX_EVENT_SPAN_DAYS {
                    e.date_first = first;
                    e.date_last = last;
                }
            }
            if e.point.is_none() {
                e.point = keys.point.clone();
            }
            if self.keys_cache.get(&pk) != Some(&e) {
                self.write_keys(&e, None, r)?;
                self.keys_cache.insert(pk, e);
            }
            return Ok((pk, (false, orientation)));
        }
        let mut event_id = ids::stable_id("ev-", &[&r.id]);
        let taken: bool = self
            .tx
            .prepare_cached("SELECT count(*) FROM events WHERE event_id=?1")
            .ctx("prepare")?
            .query_row([&event_id], |row| row.get::<_, i64>(0))
            .ctx("checking an event id")?
            > 0;
        if taken {
            event_id = ids::stable_id("ev-", &[&r.id, &r.doc_id]);
        }
        let e = EventKeys {
            event_pk: 0,
            actor: keys.actor.clone(),
            recipient: keys.recipient.clone(),
            reciprocal: keys.reciprocal,
            date_first: keys.date,
            date_last: keys.date,
            precise: keys.precision == sitrep_core::DatePrecision::Day,
            point: keys.point.clone(),
            fallback: keys.fallback.clone(),
        };
        let pk = self.write_keys(&e, Some(&event_id), r)?;
        self.keys_cache.insert(pk, EventKeys { event_pk: pk, ..e });
        self.tx
            .prepare_cached("DELETE FROM tombstones WHERE event_id=?1")
            .ctx("prepare")?
            .execute([&event_id])
            .ctx("reviving an event id")?;
        Ok((pk, (true, Orientation::Direct)))
    }

    /// Matching keys of an event, read once per batch.
    fn event_keys(&mut self, event_pk: i64) -> Result<&EventKeys> {
        if !self.keys_cache.contains_key(&event_pk) {
            let e = self
                .tx
                .prepare_cached(
                    "SELECT event_pk, actor_keys, recipient_keys, reciprocal, date_first, date_last, precise,
                            lat, lon, place_country, place_precision, fallback_lat, fallback_lon
                     FROM events WHERE event_pk=?1",
                )
                .ctx("prepare")?
                .query_row([event_pk], event_keys_from_row)
                .ctx("reading a candidate event")?;
            self.keys_cache.insert(event_pk, e);
        }
        Ok(&self.keys_cache[&event_pk])
    }

    /// Inserts (with `new_id`) or updates the matching keys of an event.
    fn write_keys(&mut self, e: &EventKeys, new_id: Option<&str>, r: &EventRecord) -> Result<i64> {
        let (lat, lon, country, precision) = match &e.point {
            Some(p) => (
                Some(p.lat),
                Some(p.lon),
                p.country.clone(),
                Some(precision_str(p.precision)),
            ),
            None => (None, None, None, None),
        };
        let actor = e.actor.join("\n");
        let recipient = e.recipient.join("\n");
        let (fb_lat, fb_lon) = match &e.fallback {
            Some(p) => (Some(p.lat), Some(p.lon)),
            None => (None, None),
        };
        match new_id {
            Some(id) => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO events(event_id, category, hypothetical, date_first, date_last, precise, actor_keys,
                         recipient_keys, reciprocal, lat, lon, place_country, place_precision, date, last_modified,
                         fallback_lat, fallback_lon)
                         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?4,?14,?15,?16)",
                    )
                    .ctx("prepare")?
                    .execute(params![
                        id,
                        r.event.as_str(),
                        r.hypothetical,
                        e.date_first.to_string(),
                        e.date_last.to_string(),
                        e.precise,
                        actor,
                        recipient,
                        e.reciprocal,
                        lat,
                        lon,
                        country,
                        precision,
                        self.now,
                        fb_lat,
                        fb_lon,
                    ])
                    .ctx("starting an event")?;
                Ok(self.tx.last_insert_rowid())
            }
            None => {
                self.tx
                    .prepare_cached(
                        "UPDATE events SET date_first=?2, date_last=?3, precise=?4, actor_keys=?5, recipient_keys=?6,
                         reciprocal=?7, lat=?8, lon=?9, place_country=?10, place_precision=?11 WHERE event_pk=?1",
                    )
                    .ctx("prepare")?
                    .execute(params![
                        e.event_pk,
                        e.date_first.to_string(),
                        e.date_last.to_string(),
                        e.precise,
                        actor,
                        recipient,
                        e.reciprocal,
                        lat,
                        lon,
                        country,
                        precision,
                    ])
                    .ctx("updating an event")?;
                Ok(e.event_pk)
            }
        }
    }

    /// Rebuilds the merged view of every event this batch touched, tombstones the empty
    /// ones, and commits.
    pub fn commit(mut self) -> Result<CommitSummary> {
        let mut summary = CommitSummary::default();
        let touched = std::mem::take(&mut self.touched);
        for pk in touched {
            match self.resummarize(pk)? {
                Resummary::Changed => summary.events_changed += 1,
                Resummary::Removed => summary.events_removed += 1,
                Resummary::Unchanged => {}
            }
        }
        self.tx.commit().ctx("committing the batch")?;
        Ok(summary)
    }

    fn resummarize(&mut self, event_pk: i64) -> Result<Resummary> {
        let head: Option<(String, String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT event_id, last_modified, digest FROM events WHERE event_pk=?1")
            .ctx("prepare")?
            .query_row([event_pk], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
            .ctx("reading an event")?;
        let Some((event_id, _, old_digest)) = head else {
            return Ok(Resummary::Unchanged);
        };
        let today = self.now[..10].to_string();
        let ev = load_event(
            &self.tx,
            event_pk,
            &event_id,
            "",
            Some(&self.batch_records),
            &today,
        )?;
        let Some(mut ev) = ev else {
            self.tx
                .prepare_cached("DELETE FROM events WHERE event_pk=?1")
                .ctx("prepare")?
                .execute([event_pk])
                .ctx("removing an event")?;
            self.tx
                .prepare_cached(
                    "INSERT INTO tombstones(event_id, deleted_at, reason) VALUES (?1, ?2, 'retracted')
                     ON CONFLICT(event_id) DO UPDATE SET deleted_at=?2, reason='retracted'",
                )
                .ctx("prepare")?
                .execute(params![event_id, self.now])
                .ctx("writing a tombstone")?;
            return Ok(Resummary::Removed);
        };
        // Changed when its merged view (all but the time) hashes differently.
        let digest = format!(
            "{:032x}",
            xxhash_rust::xxh3::xxh3_128(&serde_json::to_vec(&ev).unwrap_or_default())
        );
        if old_digest.as_deref() == Some(digest.as_str()) {
            return Ok(Resummary::Unchanged);
        }
        ev.last_modified = self.now.clone();
        let loc = ev.event_loc.as_ref();
        self.tx
            .prepare_cached(
                "UPDATE events SET date=?2, country=?3, admin1=?4, parties=?5, status=?6, source_count=?7,
                 last_modified=?8, digest=?9, lat=coalesce(?10, lat), lon=coalesce(?11, lon) WHERE event_pk=?1",
            )
            .ctx("prepare")?
            .execute(params![
                event_pk,
                ev.date,
                loc.and_then(|p| p.code.clone()),
                loc.and_then(|p| p.admin1.clone()),
                summary::parties_text(&ev),
                serde_json::to_value(ev.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string)),
                ev.source_count as i64,
                ev.last_modified,
                digest,
                loc.map(|p| p.lat),
                loc.map(|p| p.lon),
            ])
            .ctx("saving an event")?;
        Ok(Resummary::Changed)
    }
}

/// Builds an event's merged view from its mentions (`None` when it has none left).
/// `batch` holds records filed in the open batch, which need no parsing.
fn load_event(
    conn: &Connection,
    event_pk: i64,
    event_id: &str,
    last_modified: &str,
    batch: Option<&HashMap<i64, EventRecord>>,
    today: &str,
) -> Result<Option<StoredEvent>> {
    let mentions = mention_rows(conn, event_pk, batch)?;
    if mentions.is_empty() {
        return Ok(None);
    }
    let mut doc_pks: Vec<i64> = mentions.iter().map(|m| m.doc.doc_pk).collect();
    doc_pks.dedup();
    let copies = exact_copies(conn, &doc_pks)?;
    let mut ev = summary::build(event_id, event_pk, &mentions, &copies, today);
    if let Some(e) = &mut ev {
        e.last_modified = last_modified.to_string();
    }
    Ok(ev)
}

fn mention_rows(
    conn: &Connection,
    event_pk: i64,
    batch: Option<&HashMap<i64, EventRecord>>,
) -> Result<Vec<MentionRow>> {
    let mut stmt = conn
            .prepare_cached(
                "SELECT m.mention_pk, m.swapped, d.doc_pk, d.doc_id, d.url, d.outlet, d.title, d.published,
                        d.duplicate_of, o.doc_id, d.duplicate_kind
                 FROM mentions m JOIN documents d ON d.doc_pk = m.doc_pk
                 LEFT JOIN documents o ON o.doc_pk = d.duplicate_of
                 WHERE m.event_pk=?1 ORDER BY m.doc_pk, m.sentence, m.mention_pk",
            )
            .ctx("prepare")?;
    let rows = stmt
        .query_map([event_pk], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, bool>(1)?,
                DocRow {
                    doc_pk: r.get(2)?,
                    doc_id: r.get(3)?,
                    url: r.get(4)?,
                    outlet: r.get(5)?,
                    title: r.get(6)?,
                    published: r.get(7)?,
                    duplicate_of: r.get(8)?,
                    duplicate_of_id: r.get(9)?,
                    duplicate_kind: r.get(10)?,
                },
            ))
        })
        .ctx("reading mentions")?;
    let mut out = Vec::new();
    let mut record_stmt = conn
        .prepare_cached("SELECT record FROM mentions WHERE mention_pk=?1")
        .ctx("prepare")?;
    for row in rows {
        let (mention_pk, swapped, doc) = row.ctx("reading mentions")?;
        let record = match batch.and_then(|b| b.get(&mention_pk)) {
            Some(r) => r.clone(),
            None => {
                let json: String = record_stmt
                    .query_row([mention_pk], |r| r.get(0))
                    .ctx("reading a mention")?;
                serde_json::from_str(&json).map_err(|e| {
                    StoreError::Incompatible(format!("stored record is unreadable: {e}"))
                })?
            }
        };
        out.push(MentionRow {
            record,
            doc,
            swapped,
        });
    }
    Ok(out)
}

fn exact_copies(conn: &Connection, doc_pks: &[i64]) -> Result<Vec<DocRow>> {
    let mut out = Vec::new();
    let mut stmt = conn
            .prepare_cached(
                "SELECT d.doc_pk, d.doc_id, d.url, d.outlet, d.title, d.published, d.duplicate_of, o.doc_id, d.duplicate_kind
                 FROM documents d JOIN documents o ON o.doc_pk = d.duplicate_of
                 WHERE d.duplicate_of=?1 AND d.duplicate_kind='exact' ORDER BY d.doc_pk",
            )
            .ctx("prepare")?;
    for pk in doc_pks {
        let rows = stmt
            .query_map([pk], |r| {
                Ok(DocRow {
                    doc_pk: r.get(0)?,
                    doc_id: r.get(1)?,
                    url: r.get(2)?,
                    outlet: r.get(3)?,
                    title: r.get(4)?,
                    published: r.get(5)?,
                    duplicate_of: r.get(6)?,
                    duplicate_of_id: r.get(7)?,
                    duplicate_kind: r.get(8)?,
                })
            })
            .ctx("reading copies")?;
        for r in rows {
            out.push(r.ctx("reading copies")?);
        }
    }
    Ok(out)
}

/// Maps SQLite's "not a database" to a message a user understands.
fn not_sqlite(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::Incompatible(format!(
                "{name} is not an SQLite database (not a sitrep store)"
            ))
        }
        _ => StoreError::Sqlite {
            context: format!("cannot read {name}"),
            source: e,
        },
    }
}

/// Refuses databases that are not sitrep stores, or stores of another schema version.
/// An empty database passes (it becomes a store).
fn check_schema(conn: &Connection, name: &str) -> Result<()> {
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type='table'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| not_sqlite(e, name))?;
    let has_meta = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .ctx("reading schema")?
        > 0;
    if tables > 0 && !has_meta {
        return Err(StoreError::Incompatible(format!(
            "{name} is an SQLite database but not a sitrep store (no `meta` table); give another --db"
        )));
    }
    if has_meta {
        let v: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key='schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .ctx("reading schema version")?;
        if v.as_deref() != Some(schema::SCHEMA_VERSION) {
            return Err(StoreError::Incompatible(format!(
                "{name} has store schema version {}, this sitrep reads version {}; ingest the articles again into a new --db",
                v.as_deref().unwrap_or("(none)"),
                schema::SCHEMA_VERSION
            )));
        }
    } else if tables == 0 && conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(StoreError::Incompatible(format!(
            "{name} is empty: not a sitrep store yet"
        )));
    }
    Ok(())
}

enum Resummary {
    Changed,
    Removed,
    Unchanged,
}

fn event_keys_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventKeys> {
    let split = |s: String| -> Vec<String> {
        s.split('\n')
            .filter(|k| !k.is_empty())
            .map(str::to_string)
            .collect()
    };
    let date = |s: String| cluster::parse_ymd(&s).unwrap_or_default();
    let lat: Option<f64> = r.get(7)?;
    let lon: Option<f64> = r.get(8)?;
    let precision: Option<String> = r.get(10)?;
    let fb_lat: Option<f64> = r.get(11)?;
    let fb_lon: Option<f64> = r.get(12)?;
    Ok(EventKeys {
        event_pk: r.get(0)?,
        actor: split(r.get(1)?),
        recipient: split(r.get(2)?),
        reciprocal: r.get(3)?,
        date_first: date(r.get(4)?),
        date_last: date(r.get(5)?),
        precise: r.get(6)?,
        point: match (lat, lon) {
            (Some(lat), Some(lon)) => Some(Point {
                lat,
                lon,
                country: r.get(9)?,
                precision: parse_precision(precision.as_deref()),
            }),
            _ => None,
        },
        fallback: match (fb_lat, fb_lon) {
            (Some(lat), Some(lon)) => Some(Point {
                lat,
                lon,
                country: None,
                precision: PlacePrecision::Point,
            }),
            _ => None,
        },
    })
}

fn precision_str(p: PlacePrecision) -> &'static str {
    match p {
        PlacePrecision::Point => "point",
        PlacePrecision::Area => "area",
        PlacePrecision::Region => "region",
        PlacePrecision::Country => "country",
    }
}

fn parse_precision(s: Option<&str>) -> PlacePrecision {
    match s {
        Some("area") => PlacePrecision::Area,
        Some("region") => PlacePrecision::Region,
        Some("country") => PlacePrecision::Country,
        _ => PlacePrecision::Point,
    }
}

fn check_date(d: &str, flag: &str) -> Result<()> {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .map(|_| ())
        .map_err(|_| StoreError::Invalid(format!("{flag} {d:?}: expected YYYY-MM-DD")))
}

/// `YYYY-MM-DD` or RFC 3339 → the store's UTC time format, for comparisons.
fn normalize_since(s: &str) -> Result<String> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(format!("{d}T00:00:00.000Z"));
    }
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                .to_string()
        })
        .map_err(|_| {
            StoreError::Invalid(format!(
                "--since {s:?}: expected YYYY-MM-DD or an RFC 3339 time"
            ))
        })
}

/// Deletes a store file and its SQLite companions (`-wal`, `-shm`), so a new store can be
/// made at the same path; files that do not exist are no error.
pub fn remove_files(path: &Path) -> std::io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(PathBuf::from(p)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Current time in the store's format (RFC 3339, UTC, milliseconds).
pub fn now_rfc3339() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A user's search words as an FTS5 query: FTS5 syntax when it parses as such
/// (`"exact phrase"`, `a OR b`, `serang*`), otherwise every word quoted and required.
fn fts_query(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '*');
    let has_syntax = text.contains('"')
        || text
            .split_whitespace()
            .any(|w| matches!(w, "OR" | "AND" | "NOT" | "NEAR"));
    let balanced_quotes = text.matches('"').count() & 1 == 0;
    if plain || (has_syntax && balanced_quotes) {
        return text.to_string();
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Outlet of a URL: its registrable domain ("internasional.kompas.com" → "kompas.com",
/// "www.bbc.co.uk" → "bbc.co.uk"); `None` for anything that is not an http(s) URL.
pub fn outlet_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    if host.is_empty() || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return (!host.is_empty()).then_some(host);
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() <= 2 {
        return Some(host);
    }
    let n = labels.len();
    // Country domains with a second level ("co.id", "com.au", "go.id", "ac.uk").
    let second_level = labels[n - 1].len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com"
                | "go"
                | "or"
                | "ac"
                | "net"
                | "org"
                | "gov"
                | "edu"
                | "web"
                | "sch"
                | "mil"
                | "ne"
                | "gob"
        );
    let keep = if second_level { 3 } else { 2 };
    Some(labels[n - keep..].join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_registrable_domains() {
        assert_eq!(
            outlet_of("https://internasional.kompas.com/read/2022/09/13/x").as_deref(),
            Some("kompas.com")
        );
        assert_eq!(
            outlet_of("https://www.bbc.co.uk/news/world").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            outlet_of("http://jakarta.go.id").as_deref(),
            Some("jakarta.go.id")
        );
        assert_eq!(
            outlet_of("https://www.thejakartapost.com:443/a?b").as_deref(),
            Some("thejakartapost.com")
        );
        assert_eq!(outlet_of("ftp://example.org/x"), None);
        assert_eq!(outlet_of("not a url"), None);
    }

    #[test]
    fn since_accepts_dates_and_times() {
        assert_eq!(
            normalize_since("2025-03-01").unwrap(),
            "2025-03-01T00:00:00.000Z"
        );
        assert_eq!(
            normalize_since("2025-03-01T08:00:00+07:00").unwrap(),
            "2025-03-01T01:00:00.000Z"
        );
        assert!(normalize_since("yesterday").is_err());
    }

    #[test]
    fn search_words_become_a_safe_fts_query() {
        assert_eq!(fts_query("serangan Goris"), "serangan Goris");
        assert_eq!(
            fts_query("\"pos militer\" OR perbatasan"),
            "\"pos militer\" OR perbatasan"
        );
        assert_eq!(
            fts_query("Thai-Cambodian (border)"),
            "\"Thai\" \"Cambodian\" \"border\""
        );
    }
}
