//! GeoJSON (RFC 7946): a FeatureCollection of Point features at `[lon, lat]` (WGS84),
//! with flat properties so desktop GIS tools can style and filter on them.

use std::io::{self, Write};

use serde_json::{Map, Value, json};
use sitrep_store::{StoredEvent, party_name};

use crate::{ExportOptions, ExportReport, outlet_list};

/// Writes events as one FeatureCollection; unlocated events are skipped unless
/// `include_unlocated` (then their geometry is `null`, which RFC 7946 allows).
pub fn write_geojson<W: Write>(
    events: &[StoredEvent],
    mut w: W,
    opts: &ExportOptions,
) -> io::Result<ExportReport> {
    let mut report = ExportReport::default();
    w.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for e in events {
        let geometry = match &e.event_loc {
            Some(p) => json!({"type": "Point", "coordinates": [round6(p.lon), round6(p.lat)]}),
            None if opts.include_unlocated => Value::Null,
            None => {
                report.skipped_unlocated += 1;
                continue;
            }
        };
        if report.written > 0 {
            w.write_all(b",\n")?;
        }
        let feature = json!({
            "type": "Feature",
            "id": e.event_id,
            "geometry": geometry,
            "properties": properties(e),
        });
        serde_json::to_writer(&mut w, &feature)?;
        report.written += 1;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()?;
    Ok(report)
}

/// RFC 7946 recommends no more than 6 decimals (about 10 cm).
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn properties(e: &StoredEvent) -> Value {
    let names =
        |side: &[sitrep_core::Entity]| side.iter().map(party_name).collect::<Vec<_>>().join("; ");
    let codes = |side: &[sitrep_core::Entity]| {
        side.iter()
            .filter_map(|p| p.code.clone())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let loc = e.event_loc.as_ref();
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("event_id", json!(e.event_id));
    put("seq", json!(e.seq));
    put("event", json!(e.event.as_str()));
    put("mode", json!(e.mode));
    put("cameo", json!(e.cameo));
    put("quad_code", json!(e.quad_code));
    put("event_scale", json!(e.event_scale));
    put("acled_event_type", json!(e.acled_event_type));
    put("acled_sub_event_type", json!(e.acled_sub_event_type));
    put("date", json!(e.date));
    put("enddate", json!(e.enddate));
    put(
        "date_precision",
        serde_json::to_value(e.date_precision).unwrap_or(Value::Null),
    );
    put("actor", json!(names(&e.actor)));
    put("actor_codes", json!(codes(&e.actor)));
    put("recipient", json!(names(&e.recipient)));
    put("recipient_codes", json!(codes(&e.recipient)));
    put("reciprocal", json!(e.reciprocal));
    put("place", json!(loc.map(|p| p.name.clone())));
    put("admin1", json!(loc.and_then(|p| p.admin1.clone())));
    put("country", json!(loc.and_then(|p| p.code.clone())));
    put(
        "geo_precision",
        loc.map_or(Value::Null, |p| {
            serde_json::to_value(p.precision).unwrap_or(Value::Null)
        }),
    );
    put("dead", json!(e.dead.as_ref().map(|d| d.min)));
    put("injured", json!(e.injured.as_ref().map(|d| d.min)));
    put(
        "status",
        serde_json::to_value(e.status).unwrap_or(Value::Null),
    );
    put("claims", json!(e.claims.len()));
    put("source_count", json!(e.source_count));
    put("article_count", json!(e.article_count));
    put("mention_count", json!(e.mention_count));
    put("outlets", json!(outlet_list(e).join("; ")));
    put("url", json!(e.sources.iter().find_map(|s| s.url.clone())));
    put("first_seen", json!(e.first_seen));
    put("last_seen", json!(e.last_seen));
    put("last_modified", json!(e.last_modified));
    put("text", json!(e.text));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::shelling;

    #[test]
    fn points_are_lon_lat() {
        let mut out = Vec::new();
        let mut unlocated = shelling();
        unlocated.event_loc = None;
        let r = write_geojson(
            &[shelling(), unlocated.clone()],
            &mut out,
            &ExportOptions::default(),
        )
        .unwrap();
        assert_eq!((r.written, r.skipped_unlocated), (1, 1));
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["type"], "FeatureCollection");
        assert_eq!(
            v["features"][0]["geometry"]["coordinates"],
            json!([46.3417, 39.5111])
        );
        assert_eq!(v["features"][0]["properties"]["source_count"], 2);
        let mut out = Vec::new();
        write_geojson(
            &[unlocated],
            &mut out,
            &ExportOptions {
                include_unlocated: true,
            },
        )
        .unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert!(v["features"][0]["geometry"].is_null());
        let mut out = Vec::new();
        write_geojson(&[], &mut out, &ExportOptions::default()).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["features"], json!([]));
    }
}
