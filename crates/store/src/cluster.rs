//! Which stored event a new record is a mention of.
//!
//! Two mentions are one event when the category is the same, the parties agree, the
//! dates fall within a window and the places (when both have coordinates) lie within
//! a distance. Parties agree through their codes (`IDN`/`MIL`), so "TNI" in an
//! Indonesian article and "Indonesian soldiers" in an English one match. A party whose
//! words were not coded ("armed men") is vague: it does not contradict a coded one,
//! but it does not count as agreement either. Accounts with the roles swapped (each
//! side blames the other) join the same event, so opposing claims stay together.

use chrono::NaiveDate;
use sitrep_core::{DatePrecision, Entity, EventRecord, Place, PlacePrecision};

/// Clustering thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterOptions {
    /// Two precise (day) dates further apart than this are different events.
    pub date_window_days: i64,
    /// Longest span of precise dates one event may cover; stops daily clashes from
    /// chaining into one month-long event.
    pub max_span_days: i64,
    /// Two point locations further apart than this are different events.
    pub max_distance_km: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            date_window_days: 1,
            max_span_days: 3,
            max_distance_km: 50.0,
        }
    }
}

/// Party identity used for matching: `c:CODE/SECTOR` for coded parties (`*` for an
/// unknown part), `n:name` for named ones, `t:words` for uncoded words (vague).
pub fn party_key(e: &Entity) -> String {
    // A party the text does not name matches nothing in particular, whatever country
    // it was given.
    if e.is_unnamed() {
        return "t:".to_string();
    }
    // PLOVER's UNK sector says nothing about who it is.
    let sector = e.sector.as_deref().filter(|s| *s != "UNK");
    if e.code.is_some() || sector.is_some() {
        format!(
            "c:{}/{}",
            e.code.as_deref().unwrap_or("*"),
            sector.unwrap_or("*")
        )
    } else if let Some(n) = &e.entity_name {
        format!("n:{}", fold(n))
    } else {
        format!("t:{}", fold(&e.entity_text))
    }
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two party keys name the same party.
fn same_party(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (Some(a), Some(b)) = (a.strip_prefix("c:"), b.strip_prefix("c:")) else {
        return false;
    };
    let (ac, asec) = a.split_once('/').unwrap_or((a, "*"));
    let (bc, bsec) = b.split_once('/').unwrap_or((b, "*"));
    let compatible = |x: &str, y: &str| x == y || x == "*" || y == "*";
    let equal_known = |x: &str, y: &str| x == y && x != "*";
    // One part known and equal, the other not contradicting ("IDN/*" and "IDN/MIL").
    compatible(ac, bc) && compatible(asec, bsec) && (equal_known(ac, bc) || equal_known(asec, bsec))
}

/// A side whose parties are all uncoded words says nothing about identity.
fn vague(side: &[String]) -> bool {
    side.iter().all(|k| k.starts_with("t:"))
}

/// (agree, compatible): how many parties of `a` appear in `b`, and whether the two
/// sides can be the same people at all. Sides contradict only through countries (both
/// name countries, none shared): words and sectors vary too much between reports
/// ("terrorists" and "militants") to rule anything out.
fn compare_sides(a: &[String], b: &[String]) -> (usize, bool) {
    let agree = a
        .iter()
        .filter(|x| b.iter().any(|y| same_party(x, y)))
        .count();
    if agree > 0 || a.is_empty() || b.is_empty() || vague(a) || vague(b) {
        return (agree, true);
    }
    let (ca, cb) = (countries(a.iter()), countries(b.iter()));
    let contradicts = !ca.is_empty() && !cb.is_empty() && !ca.iter().any(|c| cb.contains(c));
    (agree, !contradicts)
}

/// What the store keeps about an event to match new records against it.
#[derive(Debug, Clone, PartialEq)]
pub struct EventKeys {
    /// Row id of the event.
    pub event_pk: i64,
    /// Actor party keys seen in mentions oriented like the event.
    pub actor: Vec<String>,
    /// Recipient party keys.
    pub recipient: Vec<String>,
    /// Some mention calls it reciprocal.
    pub reciprocal: bool,
    /// First and last date of the event.
    pub date_first: NaiveDate,
    /// Last date.
    pub date_last: NaiveDate,
    /// The dates come from day-precise mentions.
    pub precise: bool,
    /// Location, if any mention gave one with coordinates.
    pub point: Option<Point>,
    /// Where the first mention's article placed its other events, when no mention of
    /// this event has a place: used only to keep far-away mentions out.
    pub fallback: Option<Point>,
}

/// A located place reduced to what matching needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// How precise the point is.
    pub precision: PlacePrecision,
}

impl Point {
    /// The record's main place, else its first place.
    pub fn of_record(r: &EventRecord) -> Option<Point> {
        main_place(r).map(Point::of_place)
    }

    /// Reduces a place to a point.
    pub fn of_place(p: &Place) -> Point {
        Point {
            lat: p.lat,
            lon: p.lon,
            country: p.code.clone(),
            precision: p.precision,
        }
    }
}

/// The record's main place, else its first place.
fn main_place(r: &EventRecord) -> Option<&Place> {
    r.event_loc.as_ref().or(r.places.first())
}

/// A record reduced to what matching needs.
#[derive(Debug, Clone)]
pub struct MentionKeys {
    /// Actor party keys.
    pub actor: Vec<String>,
    /// Recipient party keys.
    pub recipient: Vec<String>,
    /// Reciprocal event.
    pub reciprocal: bool,
    /// Event date.
    pub date: NaiveDate,
    /// How precise the date is.
    pub precision: DatePrecision,
    /// Location.
    pub point: Option<Point>,
    /// Where the article's other events happened, for a mention without a place of its
    /// own: it can only keep the mention away from events far from there.
    pub fallback: Option<Point>,
}

impl MentionKeys {
    /// Keys of a record; `None` when its date is not a calendar date.
    pub fn of(r: &EventRecord) -> Option<MentionKeys> {
        let date = parse_ymd(&r.date)?;
        // A place the sentence does not name (no offsets: the dateline's or the lede's,
        // guessed) is where the reporter was, not surely where the event was: like the
        // article's other places it may keep the mention apart, never make it one.
        let (point, fallback) = match main_place(r) {
            Some(p) if p.start.is_none() => (None, Some(Point::of_place(p))),
            Some(p) => (Some(Point::of_place(p)), None),
            None => (None, None),
        };
        Some(MentionKeys {
            actor: r.actor.iter().map(party_key).collect(),
            recipient: r.recipient.iter().map(party_key).collect(),
            reciprocal: r.reciprocal,
            date,
            precision: r.date_precision,
            point,
            fallback,
        })
    }

    /// Days either side of the event's dates within which this mention may fall.
    pub fn window(&self, opts: &ClusterOptions) -> i64 {
        match self.precision {
            DatePrecision::Day => opts.date_window_days,
            // The article's date: the event is usually a day or three before it.
            DatePrecision::Publication => opts.date_window_days + 3,
            DatePrecision::Week => 7,
            DatePrecision::Month => 31,
            DatePrecision::Year => 366,
        }
    }
}

/// How the mention lines up with the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Actor is actor, recipient is recipient.
    Direct,
    /// Roles swapped: the other side's account.
    Swapped,
}

/// How far from a province's centre a place in it may lie (large provinces such as
/// Papua's span several hundred kilometres).
const REGION_RADIUS_KM: f64 = 300.0;

/// Country codes of coded parties ("IDN" of `c:IDN/MIL`).
fn countries<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    keys.filter_map(|k| k.strip_prefix("c:"))
        .filter_map(|k| k.split('/').next())
        .filter(|c| *c != "*")
        .collect()
}

/// Score of `m` as a mention of `e`, or `None` when it cannot be one. Higher is better.
///
/// `same_doc` says the event already holds a mention from the same article: a later
/// sentence of one article that reports the same category on the same days is taken
/// as the same event retold (its parties are often partial, its place often the
/// dateline's or the speaker's), unless it names countries the event does not involve.
pub fn score(
    m: &MentionKeys,
    e: &EventKeys,
    opts: &ClusterOptions,
    same_doc: bool,
) -> Option<(f64, Orientation)> {
    // Dates.
    let win = m.window(opts);
    let lo = e.date_first - chrono::Duration::days(win);
    let hi = e.date_last + chrono::Duration::days(win);
    if m.date < lo || m.date > hi {
        return None;
    }
    if m.precision == DatePrecision::Day && e.precise {
        let first = e.date_first.min(m.date);
        let last = e.date_last.max(m.date);
        if (last - first).num_days() > opts.max_span_days {
            return None;
        }
    }
    let gap = if m.date < e.date_first {
        (e.date_first - m.date).num_days()
    } else if m.date > e.date_last {
        (m.date - e.date_last).num_days()
    } else {
        0
    };
    // Places: two towns or sites must lie within `max_distance_km`; a province (region)
    // within REGION_RADIUS_KM of the other place; a whole country says nothing (and
    // the two sides of a border clash each name their own).
    let mut place_score = 0.0;
    let mut far = false;
    if let (Some(a), Some(b)) = (&m.point, &e.point) {
        let country = |p: &Point| p.precision == PlacePrecision::Country;
        let region = |p: &Point| p.precision == PlacePrecision::Region;
        if country(a) || country(b) {
            place_score = 0.5;
        } else {
            let km = haversine_km(a.lat, a.lon, b.lat, b.lon);
            let limit = if region(a) || region(b) {
                REGION_RADIUS_KM.max(opts.max_distance_km)
            } else {
                opts.max_distance_km
            };
            if km > limit {
                far = true;
            } else {
                place_score = if region(a) || region(b) { 0.5 } else { 2.0 };
            }
        }
    } else {
        // At least one side has no place of its own: the articles' places can still
        // tell two incidents apart, but never make them one.
        let precise =
            |p: &Point| matches!(p.precision, PlacePrecision::Point | PlacePrecision::Area);
        if let (Some(a), Some(b)) = (
            m.point.as_ref().or(m.fallback.as_ref()),
            e.point.as_ref().or(e.fallback.as_ref()),
        ) {
            far = precise(a)
                && precise(b)
                && haversine_km(a.lat, a.lon, b.lat, b.lon) > opts.max_distance_km;
        }
    }
    // Parties.
    let direct = {
        let (aa, ca) = compare_sides(&m.actor, &e.actor);
        let (ar, cr) = compare_sides(&m.recipient, &e.recipient);
        (ca && cr).then_some(aa + ar)
    };
    let swapped = {
        let (aa, ca) = compare_sides(&m.actor, &e.recipient);
        let (ar, cr) = compare_sides(&m.recipient, &e.actor);
        (ca && cr).then_some(aa + ar)
    };
    let union_agree = if m.reciprocal || e.reciprocal {
        let mine: Vec<String> = m.actor.iter().chain(&m.recipient).cloned().collect();
        let theirs: Vec<String> = e.actor.iter().chain(&e.recipient).cloned().collect();
        let (agree, _) = compare_sides(&mine, &theirs);
        Some(agree)
    } else {
        None
    };
    let (agree, orientation) = match (direct, swapped, union_agree) {
        (Some(d), Some(s), _) if s > d => (s, Orientation::Swapped),
        (Some(d), _, _) if d > 0 => (d, Orientation::Direct),
        (_, Some(s), _) if s > 0 => (s, Orientation::Swapped),
        (_, _, Some(u)) if u > 0 => (u, Orientation::Direct),
        _ => (0, Orientation::Direct),
    };
    let mine = countries(m.actor.iter().chain(&m.recipient));
    let theirs = countries(e.actor.iter().chain(&e.recipient));
    let contradicts =
        !mine.is_empty() && !theirs.is_empty() && !mine.iter().any(|c| theirs.contains(c));
    if same_doc && !contradicts {
        return Some((
            1.0 + agree as f64 * 2.0 + place_score - gap as f64 * 0.25,
            orientation,
        ));
    }
    if far {
        return None;
    }
    // Party agreement is required, except for reports naming nobody identifiable at one place.
    let unattributed = m
        .actor
        .iter()
        .chain(&m.recipient)
        .all(|k| k.starts_with("t:"));
    if agree == 0 && !(unattributed && place_score >= 2.0) {
        return None;
    }
    Some((
        agree as f64 * 2.0 + place_score - gap as f64 * 0.25,
        orientation,
    ))
}

/// Reads `YYYY-MM-DD` (what records and the store write) without a format parser:
/// it runs for every candidate event of every record.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Great-circle distance in kilometres (shared with the geoparser).
pub use sitrep_core::geo::haversine_km;

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(text: &str, code: Option<&str>, sector: Option<&str>) -> Entity {
        Entity {
            entity_text: text.into(),
            entity_name: None,
            code: code.map(Into::into),
            sector: sector.map(Into::into),
            office: None,
            start: None,
            end: None,
        }
    }

    fn keys(
        actor: &[Entity],
        recipient: &[Entity],
        date: &str,
        precision: DatePrecision,
    ) -> MentionKeys {
        MentionKeys {
            actor: actor.iter().map(party_key).collect(),
            recipient: recipient.iter().map(party_key).collect(),
            reciprocal: false,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
            precision,
            point: None,
            fallback: None,
        }
    }

    fn event_of(m: &MentionKeys) -> EventKeys {
        EventKeys {
            event_pk: 1,
            actor: m.actor.clone(),
            recipient: m.recipient.clone(),
            reciprocal: m.reciprocal,
            date_first: m.date,
            date_last: m.date,
            precise: m.precision == DatePrecision::Day,
            point: m.point.clone(),
            fallback: None,
        }
    }

    #[test]
    fn coded_parties_match_across_languages_and_vague_ones_do_not_contradict() {
        let opts = ClusterOptions::default();
        let id = keys(
            &[ent("pasukan Azerbaijan", Some("AZE"), Some("MIL"))],
            &[ent("pos militer Armenia", Some("ARM"), Some("MIL"))],
            "2022-09-12",
            DatePrecision::Day,
        );
        let e = event_of(&id);
        let en = keys(
            &[ent("Azerbaijani forces", Some("AZE"), Some("MIL"))],
            &[ent("Armenia", Some("ARM"), None)],
            "2022-09-13",
            DatePrecision::Day,
        );
        assert_eq!(
            score(&en, &e, &opts, false).map(|s| s.1),
            Some(Orientation::Direct)
        );
        let vague_actor = keys(
            &[ent("armed men", None, None)],
            &[ent("Armenian troops", Some("ARM"), Some("MIL"))],
            "2022-09-12",
            DatePrecision::Day,
        );
        assert!(score(&vague_actor, &e, &opts, false).is_some());
        let other = keys(
            &[ent("Turkish army", Some("TUR"), Some("MIL"))],
            &[ent("Armenia", Some("ARM"), None)],
            "2022-09-12",
            DatePrecision::Day,
        );
        assert!(
            score(&other, &e, &opts, false).is_none(),
            "a different actor is a different event"
        );
    }

    #[test]
    fn swapped_accounts_join_and_dates_and_distance_separate() {
        let opts = ClusterOptions::default();
        let aze = ent("Azerbaijan", Some("AZE"), Some("MIL"));
        let arm = ent("Armenia", Some("ARM"), Some("MIL"));
        let a = keys(
            std::slice::from_ref(&aze),
            std::slice::from_ref(&arm),
            "2022-09-12",
            DatePrecision::Day,
        );
        let e = event_of(&a);
        let b = keys(
            std::slice::from_ref(&arm),
            std::slice::from_ref(&aze),
            "2022-09-12",
            DatePrecision::Day,
        );
        assert_eq!(
            score(&b, &e, &opts, false).map(|s| s.1),
            Some(Orientation::Swapped)
        );
        let late = keys(
            std::slice::from_ref(&aze),
            std::slice::from_ref(&arm),
            "2022-09-20",
            DatePrecision::Day,
        );
        assert!(score(&late, &e, &opts, false).is_none());
        // A publication-date mention may trail the event by a few days.
        let pubdate = keys(
            std::slice::from_ref(&aze),
            std::slice::from_ref(&arm),
            "2022-09-14",
            DatePrecision::Publication,
        );
        assert!(score(&pubdate, &e, &opts, false).is_some());
        let mut far = a.clone();
        let mut located = e.clone();
        located.point = Some(Point {
            lat: 39.51,
            lon: 46.34,
            country: Some("ARM".into()),
            precision: PlacePrecision::Point,
        });
        far.point = Some(Point {
            lat: 40.18,
            lon: 44.51,
            country: Some("ARM".into()),
            precision: PlacePrecision::Point,
        });
        assert!(
            score(&far, &located, &opts, false).is_none(),
            "Goris and Yerevan are 170 km apart"
        );
        far.point = Some(Point {
            lat: 39.55,
            lon: 46.30,
            country: Some("ARM".into()),
            precision: PlacePrecision::Point,
        });
        assert!(score(&far, &located, &opts, false).is_some());
    }

    #[test]
    fn unattributed_reports_need_a_shared_place() {
        let opts = ClusterOptions::default();
        let mut a = keys(&[], &[], "2024-03-04", DatePrecision::Day);
        let e = event_of(&a);
        assert!(score(&a, &e, &opts, false).is_none());
        let p = Point {
            lat: -4.0,
            lon: 137.0,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        };
        a.point = Some(p.clone());
        let mut located = e.clone();
        located.point = Some(p);
        assert!(score(&a, &located, &opts, false).is_some());
    }

    #[test]
    fn later_sentences_of_one_article_join_unless_they_name_other_countries() {
        let opts = ClusterOptions::default();
        let core = keys(
            &[ent("KKB", Some("IDN"), Some("REB"))],
            &[ent("TNI", Some("IDN"), Some("MIL"))],
            "2024-03-04",
            DatePrecision::Day,
        );
        let mut e = event_of(&core);
        e.point = Some(Point {
            lat: -3.74,
            lon: 137.0,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        });
        // "the attackers opened fire", located at the spokesman's Jayapura.
        let mut follow = keys(
            &[ent("attackers", None, Some("UAF"))],
            &[],
            "2024-03-04",
            DatePrecision::Day,
        );
        follow.point = Some(Point {
            lat: -2.53,
            lon: 140.7,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        });
        assert!(score(&follow, &e, &opts, false).is_none());
        assert!(score(&follow, &e, &opts, true).is_some());
        let elsewhere = keys(
            &[ent("Baku", Some("AZE"), Some("GOV"))],
            &[],
            "2024-03-04",
            DatePrecision::Day,
        );
        assert!(score(&elsewhere, &e, &opts, true).is_none());
        let later = keys(
            &[ent("attackers", None, Some("UAF"))],
            &[],
            "2024-03-09",
            DatePrecision::Day,
        );
        assert!(score(&later, &e, &opts, true).is_none());
    }

    #[test]
    fn an_unlocated_mention_stays_away_from_events_far_from_its_article() {
        let opts = ClusterOptions::default();
        let solo = Point {
            lat: -7.57,
            lon: 110.82,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        };
        let jakarta = Point {
            lat: -6.21,
            lon: 106.85,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        };
        let mut arrest = keys(
            &[ent("Densus 88", Some("IDN"), Some("COP"))],
            &[],
            "2024-03-07",
            DatePrecision::Day,
        );
        arrest.point = Some(solo);
        let e = event_of(&arrest);
        let mut other = keys(
            &[ent("Polisi", None, Some("COP"))],
            &[],
            "2024-03-06",
            DatePrecision::Day,
        );
        assert!(score(&other, &e, &opts, false).is_some());
        other.fallback = Some(jakarta);
        assert!(score(&other, &e, &opts, false).is_none());
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_ymd("2024-03-04"), NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(parse_ymd("2024-02-30"), None);
        assert_eq!(parse_ymd("2024-3-04"), None);
        assert_eq!(parse_ymd("2024/03/04"), None);
    }

    #[test]
    fn a_province_holds_nearby_towns_only() {
        let opts = ClusterOptions::default();
        let jakarta_region = Point {
            lat: -6.2,
            lon: 106.85,
            country: Some("IDN".into()),
            precision: PlacePrecision::Region,
        };
        let mut arrest = keys(
            &[ent("Polisi", None, Some("COP"))],
            &[],
            "2024-03-06",
            DatePrecision::Day,
        );
        arrest.point = Some(jakarta_region);
        let e = event_of(&arrest);
        let mut solo = keys(
            &[ent("Polri", Some("IDN"), Some("COP"))],
            &[],
            "2024-03-07",
            DatePrecision::Day,
        );
        solo.point = Some(Point {
            lat: -7.57,
            lon: 110.82,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        });
        assert!(
            score(&solo, &e, &opts, false).is_none(),
            "Surakarta is 450 km from Jakarta"
        );
        solo.point = Some(Point {
            lat: -6.59,
            lon: 106.8,
            country: Some("IDN".into()),
            precision: PlacePrecision::Point,
        });
        assert!(
            score(&solo, &e, &opts, false).is_some(),
            "Bogor is near Jakarta"
        );
    }

    #[test]
    fn distance_is_right() {
        let km = haversine_km(-6.2, 106.8, -6.9, 107.6); // Jakarta – Bandung
        assert!((110.0..125.0).contains(&km), "{km}");
    }
}
