//! Parquet, Hive-partitioned by the event's date (`year=2022/month=09/part-00000.parquet`),
//! so DuckDB (`read_parquet('dir/**/*.parquet', hive_partitioning=true)`), polars,
//! pandas and pyarrow read one month or all of them.
//!
//! Written with the `parquet` crate's column writer and a fixed schema: no Arrow
//! arrays are built, which keeps the build small. Lists (parties, outlets) are
//! `; `-joined strings, and the whole event is kept as JSON in `event_json`.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use sitrep_store::{StoredEvent, party_name};

use crate::{ExportError, ExportReport, outlet_list, unix_seconds};

/// The Parquet schema of an event row.
pub const PARQUET_SCHEMA: &str = "
message sitrep_event {
    REQUIRED BYTE_ARRAY event_id (STRING);
    REQUIRED INT64 seq;
    REQUIRED INT32 event_date (DATE);
    OPTIONAL INT32 end_date (DATE);
    REQUIRED BYTE_ARRAY date_precision (STRING);
    REQUIRED BYTE_ARRAY category (STRING);
    OPTIONAL BYTE_ARRAY mode (STRING);
    REQUIRED BYTE_ARRAY cameo (STRING);
    REQUIRED INT32 quad_code;
    OPTIONAL DOUBLE event_scale;
    OPTIONAL BYTE_ARRAY acled_event_type (STRING);
    OPTIONAL BYTE_ARRAY acled_sub_event_type (STRING);
    OPTIONAL BYTE_ARRAY actor (STRING);
    OPTIONAL BYTE_ARRAY actor_codes (STRING);
    OPTIONAL BYTE_ARRAY recipient (STRING);
    OPTIONAL BYTE_ARRAY recipient_codes (STRING);
    REQUIRED BOOLEAN reciprocal;
    OPTIONAL BYTE_ARRAY place (STRING);
    OPTIONAL BYTE_ARRAY country (STRING);
    OPTIONAL BYTE_ARRAY admin1 (STRING);
    OPTIONAL DOUBLE latitude;
    OPTIONAL DOUBLE longitude;
    OPTIONAL INT64 geonameid;
    OPTIONAL INT64 dead;
    OPTIONAL INT64 injured;
    OPTIONAL INT64 size;
    REQUIRED BYTE_ARRAY status (STRING);
    REQUIRED BOOLEAN hypothetical;
    REQUIRED INT32 source_count;
    REQUIRED INT32 article_count;
    REQUIRED INT32 mention_count;
    OPTIONAL BYTE_ARRAY outlets (STRING);
    OPTIONAL BYTE_ARRAY url (STRING);
    REQUIRED INT32 first_seen (DATE);
    REQUIRED INT32 last_seen (DATE);
    REQUIRED INT64 last_modified (TIMESTAMP(MILLIS,true));
    REQUIRED BYTE_ARRAY text (STRING);
    REQUIRED BYTE_ARRAY language (STRING);
    REQUIRED BYTE_ARRAY event_json (STRING);
}
";

/// How finely files are split by date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    /// `year=YYYY/`
    Year,
    /// `year=YYYY/month=MM/`
    Month,
    /// `year=YYYY/month=MM/day=DD/`
    Day,
}

impl std::str::FromStr for Partition {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "year" => Ok(Partition::Year),
            "month" => Ok(Partition::Month),
            "day" => Ok(Partition::Day),
            _ => Err(format!(
                "unknown partition {s:?}: expected year, month or day"
            )),
        }
    }
}

/// One column's values for a partition.
enum Column {
    Str(Vec<Option<String>>),
    I32(Vec<Option<i32>>),
    I64(Vec<Option<i64>>),
    F64(Vec<Option<f64>>),
    Bool(Vec<Option<bool>>),
}

/// Days since 1970-01-01 (Parquet DATE).
fn epoch_days(date: &str) -> Option<i32> {
    let d = chrono::NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    Some((d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days() as i32)
}

fn columns(events: &[&StoredEvent]) -> Vec<Column> {
    let s = |f: &dyn Fn(&StoredEvent) -> Option<String>| {
        Column::Str(events.iter().map(|e| f(e)).collect())
    };
    let i32c = |f: &dyn Fn(&StoredEvent) -> Option<i32>| {
        Column::I32(events.iter().map(|e| f(e)).collect())
    };
    let i64c = |f: &dyn Fn(&StoredEvent) -> Option<i64>| {
        Column::I64(events.iter().map(|e| f(e)).collect())
    };
    let f64c = |f: &dyn Fn(&StoredEvent) -> Option<f64>| {
        Column::F64(events.iter().map(|e| f(e)).collect())
    };
    let boolc = |f: &dyn Fn(&StoredEvent) -> Option<bool>| {
        Column::Bool(events.iter().map(|e| f(e)).collect())
    };
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join("; "));
    let text_of = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    vec![
        s(&|e| Some(e.event_id.clone())),
        i64c(&|e| Some(e.seq)),
        i32c(&|e| epoch_days(&e.date)),
        i32c(&|e| e.enddate.as_deref().and_then(epoch_days)),
        s(&|e| {
            Some(text_of(
                serde_json::to_value(e.date_precision).unwrap_or_default(),
            ))
        }),
        s(&|e| Some(e.event.as_str().to_string())),
        s(&|e| e.mode.clone()),
        s(&|e| Some(e.cameo.clone())),
        i32c(&|e| Some(i32::from(e.quad_code))),
        f64c(&|e| e.event_scale),
        s(&|e| e.acled_event_type.clone()),
        s(&|e| e.acled_sub_event_type.clone()),
        s(&|e| join(e.actor.iter().map(party_name).collect())),
        s(&|e| join(e.actor.iter().filter_map(|p| p.code.clone()).collect())),
        s(&|e| join(e.recipient.iter().map(party_name).collect())),
        s(&|e| join(e.recipient.iter().filter_map(|p| p.code.clone()).collect())),
        boolc(&|e| Some(e.reciprocal)),
        s(&|e| e.event_loc.as_ref().map(|p| p.name.clone())),
        s(&|e| e.event_loc.as_ref().and_then(|p| p.code.clone())),
        s(&|e| e.event_loc.as_ref().and_then(|p| p.admin1.clone())),
        f64c(&|e| e.event_loc.as_ref().map(|p| p.lat)),
        f64c(&|e| e.event_loc.as_ref().map(|p| p.lon)),
        i64c(&|e| {
            e.event_loc
                .as_ref()
                .and_then(|p| p.geonameid)
                .map(|g| g as i64)
        }),
        i64c(&|e| e.dead.as_ref().map(|m| m.min as i64)),
        i64c(&|e| e.injured.as_ref().map(|m| m.min as i64)),
        i64c(&|e| e.size.as_ref().map(|m| m.min as i64)),
        s(&|e| Some(text_of(serde_json::to_value(e.status).unwrap_or_default()))),
        boolc(&|e| Some(e.hypothetical)),
        i32c(&|e| Some(e.source_count as i32)),
        i32c(&|e| Some(e.article_count as i32)),
        i32c(&|e| Some(e.mention_count as i32)),
        s(&|e| join(outlet_list(e))),
        s(&|e| e.sources.iter().find_map(|x| x.url.clone())),
        i32c(&|e| epoch_days(&e.first_seen).or(Some(0))),
        i32c(&|e| epoch_days(&e.last_seen).or(Some(0))),
        i64c(&|e| {
            let t = chrono::DateTime::parse_from_rfc3339(&e.last_modified).ok();
            Some(t.map_or(unix_seconds(&e.last_modified) * 1000, |t| {
                t.timestamp_millis()
            }))
        }),
        s(&|e| Some(e.text.clone())),
        s(&|e| Some(e.language.clone())),
        s(&|e| Some(serde_json::to_string(e).unwrap_or_default())),
    ]
}

/// Splits a column into (present values, definition levels).
fn levels<T: Clone>(v: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let values = v.iter().flatten().cloned().collect();
    let defs = v.iter().map(|x| i16::from(x.is_some())).collect();
    (values, defs)
}

/// Writes events under `dir`, one file per partition, replacing earlier files of the
/// same partitions. Events are grouped by their date.
pub fn write_parquet(
    events: &[StoredEvent],
    dir: &Path,
    partition: Partition,
) -> Result<ExportReport, ExportError> {
    let perr = |e: parquet::errors::ParquetError| ExportError::Parquet(e.to_string());
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(perr)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("sitrep {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut groups: BTreeMap<String, Vec<&StoredEvent>> = BTreeMap::new();
    for e in events {
        let (y, m, d) = (
            e.date.get(..4).unwrap_or("0000"),
            e.date.get(5..7).unwrap_or("00"),
            e.date.get(8..10).unwrap_or("00"),
        );
        let key = match partition {
            Partition::Year => format!("year={y}"),
            Partition::Month => format!("year={y}/month={m}"),
            Partition::Day => format!("year={y}/month={m}/day={d}"),
        };
        groups.entry(key).or_default().push(e);
    }
    let mut report = ExportReport::default();
    for (key, evs) in groups {
        let part_dir = dir.join(&key);
        std::fs::create_dir_all(&part_dir).map_err(|source| ExportError::Io {
            context: format!("cannot create {}", part_dir.display()),
            source,
        })?;
        let path = part_dir.join("part-00000.parquet");
        let file = File::create(&path).map_err(|source| ExportError::Io {
            context: format!("cannot create {}", path.display()),
            source,
        })?;
        let mut writer =
            SerializedFileWriter::new(file, schema.clone(), props.clone()).map_err(perr)?;
        let mut rg = writer.next_row_group().map_err(perr)?;
        let mut cols = columns(&evs).into_iter();
        while let Some(mut col) = rg.next_column().map_err(perr)? {
            let Some(data) = cols.next() else {
                return Err(ExportError::Parquet(
                    "schema has more columns than the writer fills".into(),
                ));
            };
            match data {
                Column::Str(v) => {
                    let (vals, defs) = levels(&v);
                    let vals: Vec<ByteArray> = vals
                        .into_iter()
                        .map(|s| ByteArray::from(s.into_bytes()))
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
                Column::I32(v) => {
                    let (vals, defs) = levels(&v);
                    col.typed::<Int32Type>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
                Column::I64(v) => {
                    let (vals, defs) = levels(&v);
                    col.typed::<Int64Type>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
                Column::F64(v) => {
                    let (vals, defs) = levels(&v);
                    col.typed::<DoubleType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
                Column::Bool(v) => {
                    let (vals, defs) = levels(&v);
                    col.typed::<BoolType>()
                        .write_batch(&vals, Some(&defs), None)
                        .map_err(perr)?;
                }
            }
            col.close().map_err(perr)?;
        }
        rg.close().map_err(perr)?;
        writer.close().map_err(perr)?;
        report.written += evs.len();
        report.files.push(path);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::shelling;

    #[test]
    fn writes_one_file_per_month_with_every_row() {
        let dir = std::env::temp_dir().join(format!("sitrep-parquet-unit-{}", std::process::id()));
        let mut other = shelling();
        other.date = "2022-10-01".into();
        other.event_loc = None;
        other.dead = None;
        let r = write_parquet(&[shelling(), other], &dir, Partition::Month).unwrap();
        assert_eq!(r.written, 2);
        assert_eq!(r.files.len(), 2);
        assert!(r.files[0].ends_with("year=2022/month=09/part-00000.parquet"));
        let meta =
            parquet::file::reader::SerializedFileReader::new(File::open(&r.files[1]).unwrap())
                .unwrap();
        use parquet::file::reader::FileReader;
        assert_eq!(meta.metadata().file_metadata().num_rows(), 1);
        assert_eq!(
            meta.metadata().file_metadata().schema_descr().num_columns(),
            columns(&[&shelling()]).len()
        );
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(epoch_days("1970-01-02"), Some(1));
    }
}
