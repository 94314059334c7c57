//! ACLED-shaped CSV: ACLED's column names and order, ACLED's vocabularies for the
//! interaction and disorder columns, one row per event ACLED would code.

use std::io::{self, Write};

use sitrep_core::{DatePrecision, Entity, PlacePrecision};
use sitrep_store::StoredEvent;

use crate::{
    ExportOptions, ExportReport, countries, entity_label, is_reported_as_happened, outlet_list,
    outlets, unix_seconds,
};

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Writes the events ACLED would code (an ACLED event type, reported as having
/// happened, located unless `include_unlocated`) as ACLED-shaped CSV with a header.
pub fn write_acled<W: Write>(
    events: &[StoredEvent],
    mut w: W,
    opts: &ExportOptions,
) -> io::Result<ExportReport> {
    let mut report = ExportReport::default();
    writeln!(w, "{}", ACLED_COLUMNS.join(","))?;
    for e in events {
        if e.acled_event_type.is_none() || !is_reported_as_happened(e) {
            report.skipped_not_coded += 1;
            continue;
        }
        if e.event_loc.is_none() && !opts.include_unlocated {
            report.skipped_unlocated += 1;
            continue;
        }
        let row = row(e);
        debug_assert_eq!(row.len(), ACLED_COLUMNS.len());
        writeln!(w, "{}", crate::csv::line(&row, ','))?;
        report.written += 1;
    }
    w.flush()?;
    Ok(report)
}

/// ACLED's actor categories (the `inter` columns).
fn inter(e: &Entity, event_type: &str) -> &'static str {
    let sector = e.sector.as_deref().unwrap_or("");
    let igo = e
        .code
        .as_deref()
        .is_some_and(|c| !countries().contains_key(c));
    match sector {
        _ if event_type == "Protests" && !is_state(sector) => "Protesters",
        _ if event_type == "Riots" && !is_state(sector) => "Rioters",
        "REB" => "Rebel group",
        "UAF" | "PTY" | "OPP" => "Political militia",
        s if is_state(s) => "State forces",
        "" if igo => "External/Other forces",
        "" if e.code.is_some() => "State forces",
        _ => "Civilians",
    }
}

fn is_state(sector: &str) -> bool {
    matches!(sector, "GOV" | "MIL" | "COP" | "SPY" | "JUD" | "LEG")
}

/// ACLED's way of naming generic parties ("Military Forces of Armenia", "Civilians
/// (Indonesia)"); named groups keep their name.
fn actor_name(e: &Entity, event_type: &str) -> String {
    let country = e
        .code
        .as_deref()
        .and_then(|c| countries().get(c))
        .map(|c| c.name.clone());
    let sector = e.sector.as_deref().unwrap_or("");
    match (country, sector) {
        (Some(c), _) if event_type == "Protests" && !is_state(sector) => {
            format!("Protesters ({c})")
        }
        (Some(c), _) if event_type == "Riots" && !is_state(sector) => format!("Rioters ({c})"),
        (Some(c), "MIL") => format!("Military Forces of {c}"),
        (Some(c), "COP") => format!("Police Forces of {c}"),
        (Some(c), "GOV") | (Some(c), "") if e.entity_name.is_none() => format!("Government of {c}"),
        (Some(c), "CVL") => format!("Civilians ({c})"),
        _ => entity_label(e),
    }
}

fn row(e: &StoredEvent) -> Vec<String> {
    let event_type = e.acled_event_type.clone().unwrap_or_default();
    let sub_event_type = e.acled_sub_event_type.clone().unwrap_or_default();
    let loc = e.event_loc.as_ref();
    let iso3 = loc.and_then(|p| p.code.clone());
    let country = iso3.as_deref().and_then(|c| countries().get(c));
    let country_name = country.map(|c| c.name.clone()).unwrap_or_default();

    let names = |side: &[Entity]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // Unnamed stand-ins get ACLED's "Unidentified Armed Group (...)" below.
        for p in side.iter().filter(|p| !p.is_unnamed()) {
            let n = actor_name(p, &event_type);
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    };
    let mut side1 = names(&e.actor);
    let mut side2 = names(&e.recipient);
    let violent = matches!(
        event_type.as_str(),
        "Battles" | "Explosions/Remote violence" | "Violence against civilians"
    );
    let mut inter1 = e
        .actor
        .first()
        .map_or("", |p| inter(p, &event_type))
        .to_string();
    let inter2 = e
        .recipient
        .first()
        .map_or("", |p| inter(p, &event_type))
        .to_string();
    if side1.is_empty() && violent {
        // ACLED's convention for attackers nobody identified.
        side1.push(if country_name.is_empty() {
            "Unidentified Armed Group".to_string()
        } else {
            format!("Unidentified Armed Group ({country_name})")
        });
        inter1 = "Political militia".into();
    }
    if side1.is_empty() && event_type == "Protests" && !country_name.is_empty() {
        side1.push(format!("Protesters ({country_name})"));
        inter1 = "Protesters".into();
    }
    if e.reciprocal && side2.is_empty() && side1.len() > 1 {
        side2.push(side1.remove(1));
    }
    let inter2 = if inter2.is_empty() && !side2.is_empty() {
        e.actor
            .get(1)
            .map_or("", |p| inter(p, &event_type))
            .to_string()
    } else {
        inter2
    };
    let actor1 = side1.first().cloned().unwrap_or_default();
    let assoc1 = side1.iter().skip(1).cloned().collect::<Vec<_>>().join("; ");
    let actor2 = side2.first().cloned().unwrap_or_default();
    let assoc2 = side2.iter().skip(1).cloned().collect::<Vec<_>>().join("; ");
    let interaction = match (inter1.is_empty(), inter2.is_empty()) {
        (false, false) => format!("{inter1}-{inter2}"),
        (false, true) => format!("{inter1} only"),
        _ => String::new(),
    };
    let civilian_targeting = if event_type == "Violence against civilians"
        || e.recipient
            .iter()
            .any(|p| p.sector.as_deref() == Some("CVL"))
    {
        "Civilian targeting"
    } else {
        ""
    };
    let disorder_type = match (event_type.as_str(), sub_event_type.as_str()) {
        ("Protests", "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests", _) | ("Riots", "Violent demonstration") => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        _ => "Political violence",
    };
    let time_precision = match e.date_precision {
        DatePrecision::Day => "1",
        DatePrecision::Week | DatePrecision::Publication => "2",
        DatePrecision::Month | DatePrecision::Year => "3",
    };
    let geo_precision = loc.map_or("", |p| match p.precision {
        PlacePrecision::Point => "1",
        PlacePrecision::Area => "2",
        PlacePrecision::Region | PlacePrecision::Country => "3",
    });
    let outlets_of_event = outlet_list(e);
    let mut tags = Vec::new();
    if matches!(event_type.as_str(), "Protests" | "Riots")
        && let Some(s) = &e.size
    {
        tags.push(format!(
            "crowd size={}",
            s.text.clone().unwrap_or_else(|| s.min.to_string())
        ));
    }
    // ACLED writes its notes in English: an English report's sentence when there is one.
    let sentence = if e.language == "en" {
        e.text.as_str()
    } else {
        e.mentions
            .iter()
            .find(|m| m.language == "en" && !m.negated)
            .map_or(e.text.as_str(), |m| m.text.as_str())
    };
    let mut notes = format!("On {}, {}", e.date, sentence.trim());
    let claimants: Vec<String> = e
        .claims
        .iter()
        .filter(|c| !c.claimed_by.is_empty())
        .map(|c| {
            let verb = if c.negated || c.status == sitrep_core::ClaimStatus::Denied {
                "denied by"
            } else {
                "claimed by"
            };
            format!("{verb} {}", c.claimed_by.join(", "))
        })
        .collect();
    if !claimants.is_empty() {
        notes.push_str(&format!(" [{}]", claimants.join("; ")));
    }
    let year = e.date.get(..4).unwrap_or("").to_string();
    vec![
        format!("{}{}", iso3.as_deref().unwrap_or("XXX"), e.seq),
        e.date.clone(),
        year,
        time_precision.into(),
        disorder_type.into(),
        event_type.clone(),
        sub_event_type,
        actor1,
        assoc1,
        inter1,
        actor2,
        assoc2,
        inter2,
        interaction,
        civilian_targeting.into(),
        country.map_or(String::new(), |c| c.numeric.to_string()),
        country.map_or(String::new(), |c| c.region.clone()),
        country_name,
        loc.and_then(|p| p.admin1.clone()).unwrap_or_default(),
        loc.and_then(|p| p.admin2.clone()).unwrap_or_default(),
        String::new(),
        loc.map_or(String::new(), |p| p.name.clone()),
        loc.map_or(String::new(), |p| format!("{:.4}", p.lat)),
        loc.map_or(String::new(), |p| format!("{:.4}", p.lon)),
        geo_precision.into(),
        outlets_of_event.join("; "),
        source_scale(&outlets_of_event, iso3.as_deref()),
        notes,
        e.dead.as_ref().map_or(0, |d| d.min).to_string(),
        tags.join("; "),
        unix_seconds(&e.last_modified).to_string(),
    ]
}

/// ACLED's source scale from where the outlets are based: National, International,
/// National-International, or Other when no outlet is known.
fn source_scale(outlet_names: &[String], event_country: Option<&str>) -> String {
    let (mut national, mut international) = (false, false);
    for o in outlet_names {
        let home = outlets().get(o).cloned().or_else(|| {
            // Unknown outlet on a country-code domain: that country.
            let tld = o.rsplit('.').next()?;
            let tld = if tld == "uk" { "gb" } else { tld };
            (tld.len() == 2).then_some(())?;
            countries()
                .iter()
                .find(|(_, c)| c.iso2.eq_ignore_ascii_case(tld))
                .map(|(iso3, _)| iso3.clone())
        });
        match home.as_deref() {
            Some("international") => international = true,
            Some(c) if Some(c) == event_country => national = true,
            Some(_) => international = true,
            None => {}
        }
    }
    match (national, international) {
        (true, true) => "National-International",
        (true, false) => "National",
        (false, true) => "International",
        (false, false) => "Other",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::shelling;

    #[test]
    fn row_has_acled_columns_and_vocabulary() {
        let mut out = Vec::new();
        let r = write_acled(&[shelling()], &mut out, &ExportOptions::default()).unwrap();
        assert_eq!(r.written, 1);
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap().split(',').count(), 31);
        let row = super::row(&shelling());
        let get = |c: &str| row[ACLED_COLUMNS.iter().position(|x| *x == c).unwrap()].clone();
        assert_eq!(get("event_id_cnty"), "ARM7");
        assert_eq!(get("actor1"), "Military Forces of Azerbaijan");
        assert_eq!(get("actor2"), "Military Forces of Armenia");
        assert_eq!(get("inter1"), "State forces");
        assert_eq!(get("interaction"), "State forces-State forces");
        assert_eq!(get("iso"), "51");
        assert_eq!(get("region"), "Caucasus and Central Asia");
        assert_eq!(get("latitude"), "39.5111");
        assert_eq!(get("geo_precision"), "1");
        assert_eq!(get("source"), "kompas.com; reuters.com");
        assert_eq!(get("source_scale"), "International");
        assert_eq!(get("fatalities"), "2");
        assert_eq!(get("timestamp"), "1735787045");
        assert!(get("notes").contains("claimed by Ministry of Defence of Armenia"));
    }

    #[test]
    fn unlocated_and_uncoded_events_are_counted_not_written() {
        let mut unlocated = shelling();
        unlocated.event_loc = None;
        let mut talks = shelling();
        talks.acled_event_type = None;
        let mut out = Vec::new();
        let r = write_acled(
            &[unlocated.clone(), talks],
            &mut out,
            &ExportOptions::default(),
        )
        .unwrap();
        assert_eq!(
            (r.written, r.skipped_unlocated, r.skipped_not_coded),
            (0, 1, 1)
        );
        let mut out = Vec::new();
        let r = write_acled(
            &[unlocated],
            &mut out,
            &ExportOptions {
                include_unlocated: true,
            },
        )
        .unwrap();
        assert_eq!(r.written, 1);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with("XXX7,2022-09-12,2022,1,")
        );
    }

    #[test]
    fn protests_name_protesters_by_country() {
        let p = Entity {
            entity_text: "ribuan buruh".into(),
            entity_name: None,
            code: Some("IDN".into()),
            sector: Some("LAB".into()),
            office: None,
            start: None,
            end: None,
        };
        assert_eq!(actor_name(&p, "Protests"), "Protesters (Indonesia)");
        assert_eq!(inter(&p, "Protests"), "Protesters");
    }

    #[test]
    fn an_unnamed_attacker_is_an_unidentified_armed_group() {
        let mut e = shelling();
        e.actor = vec![Entity {
            entity_text: String::new(),
            entity_name: None,
            code: Some("ARM".into()),
            sector: Some("UNK".into()),
            office: None,
            start: None,
            end: None,
        }];
        let row = super::row(&e);
        let get = |c: &str| row[ACLED_COLUMNS.iter().position(|x| *x == c).unwrap()].clone();
        assert_eq!(get("actor1"), "Unidentified Armed Group (Armenia)");
        assert_eq!(get("inter1"), "Political militia");
    }
}
