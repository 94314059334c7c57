//! GeoVirus (dev half): toponym recognition and resolution from raw text.
//!
//! Reads `geovirus-dev/GeoVirus.dev.xml` from the shared data folder (GPL-3.0: read in
//! place, never vendored). Each article's text is segmented and geoparsed as English;
//! a gold toponym is *found* when a predicted mention overlaps its character span.
//! Among found toponyms: accuracy within 161 km (100 miles, the field's standard),
//! median error, and country agreement (the gold point's country is that of the
//! nearest gazetteer town: an approximation, stated in the note). A second run hands
//! the gold spans to the geoparser as hints, measuring resolution alone (the setting
//! of Mordecai3's published 96.6%).
//!
//! With `SITREP_GEOVIRUS_DUMP` set, every found toponym is printed to stderr (error km, gold
//! name, resolved name, feature code, precision, country, gold and resolved points), to see
//! which kinds of place the errors come from.

use std::path::Path;

use sitrep_core::text::CharOffsets;
use sitrep_core::{Document, Lang};
use sitrep_places::geo::haversine_km;
use sitrep_places::{Geoparser, MentionUse, PlaceMention};
use sitrep_segment::Segmenter;

use crate::{Bar, Metric, Report};

const DATASET: &str = "geovirus-dev";

/// One gold toponym.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldToponym {
    /// Name as annotated.
    pub name: String,
    /// Character offsets into the article text.
    pub start: usize,
    /// One past the end.
    pub end: usize,
    /// Gold latitude.
    pub lat: f64,
    /// Gold longitude.
    pub lon: f64,
}

/// One article.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Plain text.
    pub text: String,
    /// Gold toponyms.
    pub toponyms: Vec<GoldToponym>,
}

/// Scores of one run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Gold toponyms.
    pub gold: usize,
    /// Gold toponyms overlapped by a prediction.
    pub found: usize,
    /// Predicted mentions (all usages).
    pub predicted: usize,
    /// Predicted mentions overlapping some gold toponym.
    pub predicted_correct: usize,
    /// Errors (km) of the found toponyms.
    pub errors_km: Vec<f64>,
    /// Per found toponym (parallel to `errors_km`): resolved to a country or continent,
    /// whose single point is a convention (the gold's Wikipedia coordinates versus our
    /// World Factbook points lie hundreds of km apart for large countries).
    pub country_level: Vec<bool>,
    /// Found toponyms whose predicted country equals the gold point's.
    pub country_correct: usize,
    /// Found toponyms whose gold country could be determined.
    pub country_known: usize,
}

impl Scores {
    /// Share of gold toponyms found.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    /// Share of predictions that overlap a gold toponym.
    pub fn precision(&self) -> f64 {
        ratio(self.predicted_correct, self.predicted)
    }

    /// Share of found toponyms resolved within `km`.
    pub fn accuracy_within(&self, km: f64) -> f64 {
        ratio(
            self.errors_km.iter().filter(|&&e| e <= km).count(),
            self.errors_km.len(),
        )
    }

    /// Share of found toponyms resolved below country level that lie within `km`, and
    /// how many there are.
    pub fn accuracy_within_below_country(&self, km: f64) -> (f64, usize, usize) {
        let below: Vec<f64> = self
            .errors_km
            .iter()
            .zip(&self.country_level)
            .filter(|(_, c)| !**c)
            .map(|(e, _)| *e)
            .collect();
        let ok = below.iter().filter(|&&e| e <= km).count();
        (ratio(ok, below.len()), ok, below.len())
    }

    /// Median error of found toponyms, km.
    pub fn median_km(&self) -> f64 {
        let mut v = self.errors_km.clone();
        if v.is_empty() {
            return f64::NAN;
        }
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    }

    /// Share of found toponyms in the right country.
    pub fn country_accuracy(&self) -> f64 {
        ratio(self.country_correct, self.country_known)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(semi) = tail.find(';').filter(|&k| k <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let ent = &tail[1..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn tag<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let a = s.find(&open)? + open.len();
    let b = a + s[a..].find(&close)?;
    Some(&s[a..b])
}

/// Parses the GeoVirus XML; malformed locations are skipped and counted.
pub fn parse_xml(xml: &str) -> (Vec<Article>, usize) {
    let mut articles = Vec::new();
    let mut malformed = 0;
    for chunk in xml.split("<article>").skip(1) {
        let Some(text) = tag(chunk, "text") else {
            malformed += 1;
            continue;
        };
        let mut toponyms = Vec::new();
        for loc in chunk.split("<location>").skip(1) {
            let get = |n: &str| tag(loc, n).map(|v| unescape(v.trim()));
            let parsed = (|| {
                Some(GoldToponym {
                    name: get("name")?,
                    start: get("start")?.parse().ok()?,
                    end: get("end")?.parse().ok()?,
                    lat: get("lat")?.parse().ok()?,
                    lon: get("lon")?.parse().ok()?,
                })
            })();
            match parsed {
                Some(t) if t.start < t.end => toponyms.push(t),
                _ => malformed += 1,
            }
        }
        articles.push(Article {
            text: unescape(text),
            toponyms,
        });
    }
    (articles, malformed)
}

/// Byte offset of a character offset.
fn byte_of_char(text: &str, ci: usize) -> usize {
    text.char_indices()
        .nth(ci)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

/// Scores the geoparser on the articles; `gold_hints` hands it the gold spans.
pub fn score(geoparser: &Geoparser, articles: &[Article], gold_hints: bool) -> Scores {
    let segmenter = Segmenter::new(Lang::EN);
    let grid = geoparser.gazetteer().town_grid();
    let gaz = geoparser.gazetteer();
    let mut s = Scores::default();
    for a in articles {
        let doc = Document {
            id: String::new(),
            sentences: segmenter.split(&a.text),
            text: a.text.clone(),
            language: Some(Lang::EN),
            ..Default::default()
        };
        let mentions: Vec<PlaceMention> = if gold_hints {
            let hints: Vec<(usize, usize)> = a
                .toponyms
                .iter()
                .map(|t| (byte_of_char(&a.text, t.start), byte_of_char(&a.text, t.end)))
                .collect();
            geoparser.parse_with_hints(&doc, &hints)
        } else {
            geoparser.parse(&doc)
        };
        let offsets = CharOffsets::new(&doc.text);
        let spans: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (offsets.char_at(m.start), offsets.char_at(m.end)))
            .collect();
        let overlap = |(a0, a1): (usize, usize), (b0, b1): (usize, usize)| {
            a1.min(b1).saturating_sub(a0.max(b0))
        };
        s.gold += a.toponyms.len();
        s.predicted += mentions
            .iter()
            .filter(|m| m.usage != MentionUse::Nationality)
            .count();
        s.predicted_correct += spans
            .iter()
            .zip(&mentions)
            .filter(|(sp, m)| {
                m.usage != MentionUse::Nationality
                    && a.toponyms
                        .iter()
                        .any(|t| overlap(**sp, (t.start, t.end)) > 0)
            })
            .count();
        for t in &a.toponyms {
            let best = spans
                .iter()
                .enumerate()
                .map(|(i, sp)| (overlap(*sp, (t.start, t.end)), i))
                .filter(|(o, _)| *o > 0)
                .max_by_key(|(o, i)| (*o, std::cmp::Reverse(*i)));
            let Some((_, i)) = best else { continue };
            let m = &mentions[i];
            s.found += 1;
            let km = haversine_km(m.place.lat, m.place.lon, t.lat, t.lon);
            if std::env::var_os("SITREP_GEOVIRUS_DUMP").is_some() {
                eprintln!(
                    "GV\t{:.1}\t{}\t{}\t{}\t{:?}\t{:?}\t{},{}\t{},{}",
                    km,
                    t.name,
                    m.place.name,
                    m.place.feature_code.as_deref().unwrap_or("-"),
                    m.place.precision,
                    m.place.code,
                    t.lat,
                    t.lon,
                    m.place.lat,
                    m.place.lon
                );
            }
            s.errors_km.push(km);
            s.country_level.push(matches!(
                m.place.feature_code.as_deref(),
                Some("PCLI" | "CONT")
            ));
            if let Some(gold_country) = grid
                .nearest(t.lat, t.lon, 3)
                .and_then(|r| r.country)
                .and_then(|c| gaz.country(c))
            {
                s.country_known += 1;
                if m.place.code.as_deref() == Some(gold_country.iso3) {
                    s.country_correct += 1;
                }
            }
        }
    }
    s
}

/// Appends the GeoVirus rows to the report (or a skip reason).
pub fn run(data_dir: &Path, report: &mut Report) {
    let path = data_dir.join("geovirus-dev/GeoVirus.dev.xml");
    let xml = match std::fs::read_to_string(&path) {
        Ok(x) => x,
        Err(e) => {
            report
                .skipped
                .push((DATASET.into(), format!("{}: {e}", path.display())));
            return;
        }
    };
    let geoparser = match Geoparser::load() {
        Ok(g) => g,
        Err(e) => {
            report.skipped.push((DATASET.into(), e.to_string()));
            return;
        }
    };
    let (articles, malformed) = parse_xml(&xml);
    let raw = score(&geoparser, &articles, false);
    let note = format!(
        "{} articles, {} gold toponyms, {} found, {} predicted{}",
        articles.len(),
        raw.gold,
        raw.found,
        raw.predicted,
        if malformed > 0 {
            format!(", {malformed} malformed entries skipped")
        } else {
            String::new()
        }
    );
    report.metrics.push(
        Metric::new(DATASET, "toponym recall", raw.recall())
            .bar(Bar::AtLeast(0.85))
            .note(note),
    );
    report.metrics.push(
        Metric::new(DATASET, "toponym precision", raw.precision())
            .note("predictions overlapping a gold toponym; gold marks only some places"),
    );
    report.metrics.push(
        Metric::new(DATASET, "acc@161km (found)", raw.accuracy_within(161.0))
            .bar(Bar::AtLeast(0.92))
            .note(format!(
                "{} of {} found toponyms",
                raw.errors_km.iter().filter(|&&e| e <= 161.0).count(),
                raw.errors_km.len()
            )),
    );
    let (below, below_ok, below_n) = raw.accuracy_within_below_country(161.0);
    report.metrics.push(
        Metric::new(DATASET, "acc@161km (found, below country)", below).note(format!(
            "{below_ok} of {below_n} found toponyms resolved to a town, division or region; \
             a country's point is a convention (ours: World Factbook)"
        )),
    );
    report.metrics.push(
        Metric::new(DATASET, "median error km (found)", raw.median_km()).bar(Bar::AtMost(10.0)),
    );
    report.metrics.push(
        Metric::new(DATASET, "country accuracy (found)", raw.country_accuracy())
            .note("gold country = country of the nearest gazetteer town to the gold point"),
    );
    let handed = score(&geoparser, &articles, true);
    report.metrics.push(
        Metric::new(
            DATASET,
            "acc@161km (gold spans as hints)",
            handed.accuracy_within(161.0),
        )
        .note(format!(
            "resolution alone; recall with hints {:.3}",
            handed.recall()
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = "<articles><article><source>x</source><text>Floods hit Goris &amp; Sisian in Armenia.</text>\
        <locations><location><name>Goris</name><start>11</start><end>16</end><lat>39.51</lat><lon>46.34</lon><page/></location>\
        <location><name>Armenia</name><start>29</start><end>36</end><lat>40.0</lat><lon>45.0</lon><page/></location>\
        <location><name>broken</name><start>x</start></location></locations></article></articles>";

    #[test]
    fn parses_articles_and_counts_malformed() {
        let (arts, bad) = parse_xml(XML);
        assert_eq!(arts.len(), 1);
        assert_eq!(bad, 1);
        assert_eq!(arts[0].text, "Floods hit Goris & Sisian in Armenia.");
        let t = &arts[0].toponyms[1];
        let chars: String = arts[0]
            .text
            .chars()
            .skip(t.start)
            .take(t.end - t.start)
            .collect();
        assert_eq!(chars, "Armenia");
    }

    #[test]
    fn scores_an_article() {
        let (arts, _) = parse_xml(XML);
        let g = Geoparser::load().unwrap();
        let s = score(&g, &arts, false);
        assert_eq!(s.gold, 2);
        assert_eq!(s.found, 2);
        assert!(s.accuracy_within(161.0) > 0.99);
        assert!(s.median_km() < 200.0);
        // Goris is a town, Armenia a country.
        assert_eq!(s.country_level, vec![false, true]);
        assert_eq!(s.accuracy_within_below_country(161.0), (1.0, 1, 1));
    }

    #[test]
    fn missing_file_is_skipped_not_panicked() {
        let mut r = Report::default();
        run(Path::new("/nonexistent-data-dir"), &mut r);
        assert!(r.metrics.is_empty());
        assert_eq!(r.skipped.len(), 1);
    }
}
