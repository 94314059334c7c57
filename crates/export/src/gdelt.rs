//! GDELT 2.0 Events shaped TSV: 61 tab-separated columns, no header, CAMEO codes;
//! optionally written as GDELT's 15-minute `YYYYMMDDHHMMSS.export.CSV.zip` batches with
//! `lastupdate.txt` and `masterfilelist.txt` (`<bytes> <md5> <url>` lines).
//!
//! Mapping notes: GoldsteinScale carries the PLOVER conflict–cooperation score of the
//! category and mode (same −10..+10 range and direction); AvgTone is 0 (sitrep does not
//! score tone); geography codes are FIPS 10-4 as GDELT's are; Actor1Geo/Actor2Geo are
//! left empty (type 0), ActionGeo holds the event's place.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use chrono::{DateTime, Datelike, Timelike, Utc};
use sitrep_core::{Entity, PlacePrecision};
use sitrep_store::StoredEvent;

use crate::{ExportError, ExportReport, countries, is_reported_as_happened};

/// GDELT 2.0 Events columns, in order (the files carry no header).
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Writes GDELT 2.0 Events rows (no header) for events reported as having happened.
pub fn write_gdelt<W: Write>(events: &[StoredEvent], mut w: W) -> io::Result<ExportReport> {
    let mut report = ExportReport::default();
    for e in events {
        if !is_reported_as_happened(e) {
            report.skipped_not_coded += 1;
            continue;
        }
        w.write_all(line(e).as_bytes())?;
        report.written += 1;
    }
    w.flush()?;
    Ok(report)
}

/// Writes 15-minute batches into `dir` as GDELT publishes them: events grouped by the
/// quarter hour of their `last_modified` (the file is stamped with the quarter's end),
/// each batch a ZIP holding `<stamp>.export.CSV`; then `masterfilelist.txt` (every batch)
/// and `lastupdate.txt` (the newest), with URLs `base_url` + file name.
pub fn write_gdelt_batches(
    events: &[StoredEvent],
    dir: &Path,
    base_url: &str,
) -> Result<ExportReport, ExportError> {
    let io_err = |what: String| {
        move |source: io::Error| ExportError::Io {
            context: what,
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io_err(format!("cannot create {}", dir.display())))?;
    let mut report = ExportReport::default();
    let mut batches: BTreeMap<DateTime<Utc>, String> = BTreeMap::new();
    for e in events {
        if !is_reported_as_happened(e) {
            report.skipped_not_coded += 1;
            continue;
        }
        let added = DateTime::parse_from_rfc3339(&e.last_modified)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let quarter = added.minute() / 15 * 15;
        let start = added
            .with_minute(quarter)
            .and_then(|t| t.with_second(0))
            .and_then(|t| t.with_nanosecond(0))
            .unwrap_or(added);
        let stamp = start + chrono::Duration::minutes(15);
        batches.entry(stamp).or_default().push_str(&line(e));
        report.written += 1;
    }
    let mut master = String::new();
    let mut last = String::new();
    for (stamp, body) in &batches {
        let name = stamp.format("%Y%m%d%H%M%S").to_string();
        let inner = format!("{name}.export.CSV");
        let zipped = crate::zip::single_entry(
            &inner,
            body.as_bytes(),
            (
                stamp.year() as u16,
                stamp.month() as u16,
                stamp.day() as u16,
                stamp.hour() as u16,
                stamp.minute() as u16,
                stamp.second() as u16,
            ),
        )?;
        let file = format!("{inner}.zip");
        let path = dir.join(&file);
        std::fs::write(&path, &zipped)
            .map_err(io_err(format!("cannot write {}", path.display())))?;
        last = format!(
            "{} {:x} {base_url}{file}\n",
            zipped.len(),
            md5::compute(&zipped)
        );
        master.push_str(&last);
        report.files.push(path);
    }
    for (name, body) in [("masterfilelist.txt", &master), ("lastupdate.txt", &last)] {
        let path = dir.join(name);
        std::fs::write(&path, body).map_err(io_err(format!("cannot write {}", path.display())))?;
    }
    Ok(report)
}

/// CAMEO actor code: country (or IGO) code followed by the role ("IDNMIL", "IGOUNO").
fn actor_fields(e: Option<&Entity>) -> [String; 10] {
    let Some(e) = e else {
        return Default::default();
    };
    let code = e.code.clone().unwrap_or_default();
    let is_country = countries().contains_key(&code);
    let sector = e.sector.clone().unwrap_or_default();
    let (country, known_group, prefix) = if is_country {
        (code.clone(), String::new(), code.clone())
    } else if !code.is_empty() {
        (String::new(), code.clone(), format!("IGO{code}"))
    } else {
        (String::new(), String::new(), String::new())
    };
    let name = e
        .entity_name
        .clone()
        .unwrap_or_else(|| e.entity_text.clone())
        .to_uppercase();
    [
        format!("{prefix}{sector}"),
        clean(&name),
        country,
        known_group,
        String::new(),
        String::new(),
        String::new(),
        sector,
        String::new(),
        String::new(),
    ]
}

/// Tabs and line breaks would break the row.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn line(e: &StoredEvent) -> String {
    let date = chrono::NaiveDate::parse_from_str(&e.date, "%Y-%m-%d").unwrap_or_default();
    let days_in_year = if chrono::NaiveDate::from_ymd_opt(date.year(), 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    let fraction = date.year() as f64 + (date.ordinal() as f64 - 1.0) / days_in_year;
    let (a1, a2) = if e.reciprocal && e.recipient.is_empty() {
        (e.actor.first(), e.actor.get(1))
    } else {
        (e.actor.first(), e.recipient.first())
    };
    let root = e.mentions.iter().map(|m| m.sentence).min().unwrap_or(0) <= 2;
    let cameo = e.cameo.clone();
    let base = cameo.get(..3).unwrap_or(&cameo).to_string();
    let root_code = cameo.get(..2).unwrap_or(&cameo).to_string();
    let empty_geo = || {
        vec![
            "0".to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    let action_geo = match &e.event_loc {
        None => empty_geo(),
        Some(p) => {
            let country = p.code.as_deref().and_then(|c| countries().get(c));
            let fips = country.map(|c| c.fips.clone()).unwrap_or_default();
            let geo_type = match p.precision {
                PlacePrecision::Country => "1",
                PlacePrecision::Region => "5",
                PlacePrecision::Point | PlacePrecision::Area => "4",
            };
            let mut full = vec![p.name.clone()];
            if let Some(a) = &p.admin1
                && *a != p.name
            {
                full.push(a.clone());
            }
            if let Some(c) = country
                && c.name != p.name
            {
                full.push(c.name.clone());
            }
            vec![
                geo_type.to_string(),
                clean(&full.join(", ")),
                fips.clone(),
                fips,
                String::new(),
                format!("{:.4}", p.lat),
                format!("{:.4}", p.lon),
                p.geonameid.map(|g| g.to_string()).unwrap_or_default(),
            ]
        }
    };
    let added = DateTime::parse_from_rfc3339(&e.last_modified)
        .map(|t| t.with_timezone(&Utc).format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_default();
    let url = e
        .sources
        .iter()
        .find_map(|s| s.url.clone())
        .or_else(|| e.sources.first().map(|s| s.doc_id.clone()))
        .unwrap_or_default();
    let mut f: Vec<String> = vec![
        e.seq.to_string(),
        date.format("%Y%m%d").to_string(),
        date.format("%Y%m").to_string(),
        date.year().to_string(),
        format!("{fraction:.4}"),
    ];
    f.extend(actor_fields(a1));
    f.extend(actor_fields(a2));
    f.extend([
        u8::from(root).to_string(),
        cameo,
        base,
        root_code,
        e.quad_code.to_string(),
        format!("{:.1}", e.event_scale.unwrap_or(0.0)),
        e.mention_count.to_string(),
        e.source_count.to_string(),
        e.article_count.to_string(),
        "0".to_string(),
    ]);
    f.extend(empty_geo());
    f.extend(empty_geo());
    f.extend(action_geo);
    f.push(added);
    f.push(clean(&url));
    debug_assert_eq!(f.len(), GDELT_COLUMNS.len());
    let mut out = f.join("\t");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::shelling;

    #[test]
    fn row_has_61_columns_with_cameo_and_fips() {
        let l = line(&shelling());
        let f: Vec<&str> = l.trim_end_matches('\n').split('\t').collect();
        assert_eq!(f.len(), 61);
        let get = |c: &str| f[GDELT_COLUMNS.iter().position(|x| *x == c).unwrap()];
        assert_eq!(get("GLOBALEVENTID"), "7");
        assert_eq!(get("SQLDATE"), "20220912");
        assert_eq!(get("Actor1Code"), "AZEMIL");
        assert_eq!(get("Actor2CountryCode"), "ARM");
        assert_eq!(get("EventCode"), "194");
        assert_eq!(get("EventRootCode"), "19");
        assert_eq!(get("QuadClass"), "4");
        assert_eq!(get("GoldsteinScale"), "-9.5");
        assert_eq!(get("NumSources"), "2");
        assert_eq!(get("ActionGeo_CountryCode"), "AM");
        assert_eq!(get("ActionGeo_FullName"), "Goris, Syunik, Armenia");
        assert_eq!(get("ActionGeo_FeatureID"), "616629");
        assert_eq!(get("DATEADDED"), "20250102030405");
        assert_eq!(
            get("SOURCEURL"),
            "https://internasional.kompas.com/read/2022/09/13/goris"
        );
    }

    #[test]
    fn batches_follow_the_quarter_hour() {
        let dir = std::env::temp_dir().join(format!("sitrep-gdelt-unit-{}", std::process::id()));
        let mut a = shelling();
        a.last_modified = "2025-01-02T03:04:05.678Z".into();
        let mut b = shelling();
        b.seq = 8;
        b.last_modified = "2025-01-02T03:16:00.000Z".into();
        let r = write_gdelt_batches(&[a, b], &dir, "http://localhost/gdelt/").unwrap();
        assert_eq!(r.files.len(), 2);
        assert!(r.files[0].ends_with("20250102031500.export.CSV.zip"));
        let last = std::fs::read_to_string(dir.join("lastupdate.txt")).unwrap();
        let parts: Vec<&str> = last.split_whitespace().collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(
            parts[2],
            "http://localhost/gdelt/20250102033000.export.CSV.zip"
        );
        let bytes = std::fs::read(dir.join("20250102033000.export.CSV.zip")).unwrap();
        assert_eq!(parts[0], bytes.len().to_string());
        assert_eq!(parts[1], format!("{:x}", md5::compute(&bytes)));
        std::fs::remove_dir_all(&dir).ok();
    }
}
