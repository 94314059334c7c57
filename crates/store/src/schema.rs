//! The database layout, created or checked when a store is opened.

/// Version written to `meta.schema_version`; a store with another version is refused
/// rather than misread.
///
/// History: 2 replaced the 128-permutation MinHash signatures with one-permutation
/// hashing; signatures of the two schemes cannot be compared.
pub const SCHEMA_VERSION: &str = "2";

/// Tables and indexes. Dates are `YYYY-MM-DD` and times RFC 3339 UTC strings, so they
/// sort as text.
pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_pk         INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL UNIQUE,
    ingest_key     TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    url            TEXT,
    outlet         TEXT,
    title          TEXT,
    published      TEXT,
    language       TEXT,
    origin         TEXT NOT NULL,
    duplicate_of   INTEGER REFERENCES documents(doc_pk),
    duplicate_kind TEXT,
    similarity     REAL,
    minhash        BLOB,
    record_count   INTEGER NOT NULL DEFAULT 0,
    ingested_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_content ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_duplicate ON documents(duplicate_of);
CREATE TABLE IF NOT EXISTS doc_bands (
    band_hash INTEGER NOT NULL,
    doc_pk    INTEGER NOT NULL REFERENCES documents(doc_pk)
);
CREATE INDEX IF NOT EXISTS doc_bands_hash ON doc_bands(band_hash);
CREATE INDEX IF NOT EXISTS doc_bands_doc ON doc_bands(doc_pk);
CREATE TABLE IF NOT EXISTS events (
    event_pk        INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    category        TEXT NOT NULL,
    hypothetical    INTEGER NOT NULL,
    date_first      TEXT NOT NULL,
    date_last       TEXT NOT NULL,
    precise         INTEGER NOT NULL,
    actor_keys      TEXT NOT NULL,
    recipient_keys  TEXT NOT NULL,
    reciprocal      INTEGER NOT NULL,
    lat             REAL,
    lon             REAL,
    place_country   TEXT,
    place_precision TEXT,
    fallback_lat    REAL,
    fallback_lon    REAL,
    date            TEXT,
    country         TEXT,
    admin1          TEXT,
    parties         TEXT,
    status          TEXT,
    source_count    INTEGER NOT NULL DEFAULT 0,
    last_modified   TEXT NOT NULL,
    digest          TEXT
);
CREATE INDEX IF NOT EXISTS events_match ON events(category, hypothetical, date_first, date_last);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_modified ON events(last_modified);
CREATE TABLE IF NOT EXISTS mentions (
    mention_pk INTEGER PRIMARY KEY,
    record_id  TEXT NOT NULL,
    event_pk   INTEGER NOT NULL REFERENCES events(event_pk),
    doc_pk     INTEGER NOT NULL REFERENCES documents(doc_pk),
    sentence   INTEGER NOT NULL,
    swapped    INTEGER NOT NULL,
    record     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_event ON mentions(event_pk);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_pk);
CREATE VIRTUAL TABLE IF NOT EXISTS mentions_fts USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS tombstones (
    event_id   TEXT PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    reason     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tombstones_time ON tombstones(deleted_at);
CREATE TABLE IF NOT EXISTS feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    fetched_at    TEXT NOT NULL
);
"#;
