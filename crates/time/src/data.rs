//! `lang/<code>/time.toml`, parsed and compiled into word-id tables.

use std::collections::BTreeMap;

use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_lang::DataError;
use sitrep_quantity::lexicon::{IdMap, Phrases, Vocab, WordSet, fold};
use sitrep_quantity::numbers::NumberReader;

use crate::PartOfDay;

/// The file as written by language authors.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct TimeData {
    numeric_order: Option<String>,
    weekdays: Vec<Vec<String>>,
    weekday_homographs: Vec<String>,
    months: Vec<Vec<String>>,
    month_abbreviations: Vec<Vec<String>>,
    units: BTreeMap<String, String>,
    units_one: BTreeMap<String, String>,
    plural_units: Vec<String>,
    after_unit: BTreeMap<String, i32>,
    before_unit: BTreeMap<String, i32>,
    ago: Vec<String>,
    recent_after: Vec<String>,
    recent_before: Vec<String>,
    period_parts: BTreeMap<String, String>,
    hyphen_prefixes: Vec<String>,
    days: Vec<DayEntry>,
    parts_of_day: Vec<PartEntry>,
    part_hedges: Vec<String>,
    weekday_parts: BTreeMap<String, String>,
    prefixes: BTreeMap<String, String>,
    year_words: Vec<String>,
    month_words: Vec<String>,
    day_words: Vec<String>,
    decade_suffixes: Vec<String>,
    ordinal_suffixes: Vec<String>,
    day_month_links: Vec<String>,
    clock_words: Vec<String>,
    clock_lead_words: Vec<String>,
    am_pm: BTreeMap<String, String>,
    time_zones: BTreeMap<String, String>,
    future_cues: Vec<String>,
    future_blockers: Vec<String>,
    target_cues: Vec<String>,
    #[serde(default)]
    recurring_cues: Vec<String>,
    glue: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayEntry {
    words: String,
    offset: i32,
    part: Option<String>,
    #[serde(default)]
    through_publication: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartEntry {
    words: String,
    part: String,
    #[serde(default)]
    standalone: bool,
}

/// Calendar unit of "pekan lalu", "two days ago".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
}

/// Which part of a period: "awal bulan ini", "late 2019", "earlier this week".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodPart {
    Early,
    Mid,
    Late,
    /// From the start of the period to publication ("earlier this month").
    ToDate,
    /// From publication to the end of the period ("later this month").
    Rest,
}

/// What a word before a date says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    On,
    Since,
    Until,
    In,
    During,
    Article,
    /// An indefinite article that cues a year only: "a 2024 joint statement", not "in a
    /// November report".
    YearArticle,
}

/// A day named relative to publication ("kemarin", "last night").
#[derive(Debug, Clone, Copy)]
pub(crate) struct DayRef {
    /// Days from publication.
    pub offset: i32,
    /// Part of the day the words name ("semalam" = night).
    pub part: Option<PartOfDay>,
    /// The span runs on to publication ("overnight").
    pub through_publication: bool,
}

/// Compiled tables of one language: one field per key of `time.toml` (the file
/// explains each), words turned into ids of `vocab`, plus the ids of the punctuation
/// the matcher tests.
pub(crate) struct Lexicon {
    pub vocab: Vocab,
    pub numbers: NumberReader,
    pub day_first: bool,
    pub weekdays: IdMap<u8>,
    pub homographs: WordSet,
    pub months: IdMap<u8>,
    pub month_abbreviations: IdMap<u8>,
    pub units: Phrases<Unit>,
    pub units_one: Phrases<Unit>,
    pub plural_units: WordSet,
    pub after_unit: Phrases<i32>,
    pub before_unit: Phrases<i32>,
    pub ago: Phrases<()>,
    pub recent_after: Phrases<()>,
    pub recent_before: Phrases<()>,
    pub period_parts: Phrases<PeriodPart>,
    pub hyphen_prefixes: WordSet,
    pub days: Phrases<DayRef>,
    pub parts: Phrases<(PartOfDay, bool)>,
    pub part_hedges: Phrases<()>,
    pub weekday_parts: Phrases<Option<PartOfDay>>,
    pub prefixes: Phrases<Role>,
    pub year_words: WordSet,
    pub month_words: WordSet,
    pub day_words: WordSet,
    pub decade_suffixes: Vec<String>,
    pub ordinal_suffixes: Vec<String>,
    pub day_month_links: Phrases<()>,
    pub clock_words: Phrases<()>,
    pub clock_lead_words: Phrases<()>,
    pub am_pm: Phrases<bool>,
    pub glued_am_pm: Vec<(String, bool)>,
    pub zones: Phrases<String>,
    pub future_cues: Phrases<()>,
    pub future_blockers: WordSet,
    /// Words before the date of what an event leads up to ("ahead of the anniversary
    /// in October", "menjelang pemilu"): that date is not the event's.
    pub target_cues: Phrases<()>,
    /// Words before a date that recurs ("setiap 1 Desember", "every December"): a
    /// calendar habit, not the date of anything told.
    pub recurring_cues: Phrases<()>,
    pub glue: Phrases<()>,
    /// Every word that can start an expression or a prefix.
    pub starters: WordSet,
    pub comma: u32,
    pub open_paren: u32,
    pub close_paren: u32,
    pub dot: u32,
    pub dash: u32,
}

fn parse_part(s: &str) -> Option<PartOfDay> {
    Some(match s {
        "early-morning" => PartOfDay::EarlyMorning,
        "morning" => PartOfDay::Morning,
        "midday" => PartOfDay::Midday,
        "afternoon" => PartOfDay::Afternoon,
        "evening" => PartOfDay::Evening,
        "night" => PartOfDay::Night,
        "midnight" => PartOfDay::Midnight,
        _ => return None,
    })
}

fn parse_unit(s: &str) -> Option<Unit> {
    Some(match s {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

fn parse_period_part(s: &str) -> Option<PeriodPart> {
    Some(match s {
        "early" => PeriodPart::Early,
        "mid" => PeriodPart::Mid,
        "late" => PeriodPart::Late,
        "to-date" => PeriodPart::ToDate,
        "rest" => PeriodPart::Rest,
        _ => return None,
    })
}

fn parse_role(s: &str) -> Option<Role> {
    Some(match s {
        "on" => Role::On,
        "since" => Role::Since,
        "until" => Role::Until,
        "in" => Role::In,
        "during" => Role::During,
        "article" => Role::Article,
        "year-article" => Role::YearArticle,
        _ => return None,
    })
}

/// Checks a time-zone offset is written "+07:00" / "-05:00".
fn valid_offset(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

impl Lexicon {
    /// Loads `lang/<code>/time.toml` and the number words of `numbers.toml`.
    pub fn load(lang: Lang) -> Result<Lexicon, DataError> {
        let data_lang = sitrep_lang::data_language(lang);
        let file = format!("lang/{data_lang}/time.toml");
        let data: TimeData = sitrep_lang::toml_file(data_lang, "time.toml")?.unwrap_or_default();
        let err = |message: String| DataError {
            file: file.clone(),
            message,
        };
        let mut vocab = Vocab::new();
        let numbers = NumberReader::new(lang, &mut vocab)?;

        let day_first = match data.numeric_order.as_deref() {
            None | Some("dmy") => true,
            Some("mdy") => false,
            Some(other) => {
                return Err(err(format!(
                    "numeric_order {other:?}: use \"dmy\" or \"mdy\""
                )));
            }
        };
        if !data.weekdays.is_empty() && data.weekdays.len() != 7 {
            return Err(err(format!(
                "weekdays: 7 lists expected, found {}",
                data.weekdays.len()
            )));
        }
        for (name, list) in [
            ("months", &data.months),
            ("month_abbreviations", &data.month_abbreviations),
        ] {
            if !list.is_empty() && list.len() != 12 {
                return Err(err(format!(
                    "{name}: 12 lists expected, found {}",
                    list.len()
                )));
            }
        }
        let mut weekdays = IdMap::new();
        for (k, names) in data.weekdays.iter().enumerate() {
            for n in names {
                weekdays.insert(vocab.intern(&fold(n.trim())), k as u8 + 1);
            }
        }
        let mut months = IdMap::new();
        for (k, names) in data.months.iter().enumerate() {
            for n in names {
                months.insert(vocab.intern(&fold(n.trim())), k as u8 + 1);
            }
        }
        let mut month_abbreviations = IdMap::new();
        for (k, names) in data.month_abbreviations.iter().enumerate() {
            for n in names {
                month_abbreviations.insert(vocab.intern(&fold(n.trim())), k as u8 + 1);
            }
        }
        let homographs = WordSet::build(&mut vocab, &data.weekday_homographs);

        let mut units = Phrases::new();
        for (w, u) in &data.units {
            let unit =
                parse_unit(u).ok_or_else(|| err(format!("units.{w}: unknown unit {u:?}")))?;
            units.insert(vocab.intern_phrase(w), unit);
        }
        let mut units_one = Phrases::new();
        for (w, u) in &data.units_one {
            let unit =
                parse_unit(u).ok_or_else(|| err(format!("units_one.{w}: unknown unit {u:?}")))?;
            units_one.insert(vocab.intern_phrase(w), unit);
        }
        let signed = |table: &BTreeMap<String, i32>, name: &str, vocab: &mut Vocab| {
            let mut p = Phrases::new();
            for (w, &d) in table {
                if !(-1..=1).contains(&d) {
                    return Err(err(format!("{name}.{w}: use -1, 0 or 1")));
                }
                p.insert(vocab.intern_phrase(w), d);
            }
            Ok(p)
        };
        let after_unit = signed(&data.after_unit, "after_unit", &mut vocab)?;
        let before_unit = signed(&data.before_unit, "before_unit", &mut vocab)?;

        let phrases = |list: &[String], vocab: &mut Vocab| {
            let mut p = Phrases::new();
            for w in list {
                p.insert(vocab.intern_phrase(w), ());
            }
            p
        };
        let ago = phrases(&data.ago, &mut vocab);
        let recent_after = phrases(&data.recent_after, &mut vocab);
        let recent_before = phrases(&data.recent_before, &mut vocab);
        let part_hedges = phrases(&data.part_hedges, &mut vocab);
        let day_month_links = phrases(&data.day_month_links, &mut vocab);
        let clock_words = phrases(&data.clock_words, &mut vocab);
        let clock_lead_words = phrases(&data.clock_lead_words, &mut vocab);
        let future_cues = phrases(&data.future_cues, &mut vocab);
        let target_cues = phrases(&data.target_cues, &mut vocab);
        let recurring_cues = phrases(&data.recurring_cues, &mut vocab);
        let glue = phrases(&data.glue, &mut vocab);

        let mut period_parts = Phrases::new();
        for (w, p) in &data.period_parts {
            let part = parse_period_part(p)
                .ok_or_else(|| err(format!("period_parts.{w}: unknown part {p:?}")))?;
            period_parts.insert(vocab.intern_phrase(w), part);
        }
        let mut days = Phrases::new();
        for d in &data.days {
            let part = match &d.part {
                None => None,
                Some(p) => Some(
                    parse_part(p)
                        .ok_or_else(|| err(format!("days {:?}: unknown part {p:?}", d.words)))?,
                ),
            };
            days.insert(
                vocab.intern_phrase(&d.words),
                DayRef {
                    offset: d.offset,
                    part,
                    through_publication: d.through_publication,
                },
            );
        }
        let mut parts = Phrases::new();
        for p in &data.parts_of_day {
            let part = parse_part(&p.part).ok_or_else(|| {
                err(format!(
                    "parts_of_day {:?}: unknown part {:?}",
                    p.words, p.part
                ))
            })?;
            parts.insert(vocab.intern_phrase(&p.words), (part, p.standalone));
        }
        let mut weekday_parts = Phrases::new();
        for (w, p) in &data.weekday_parts {
            let part = if p.is_empty() {
                None
            } else {
                Some(
                    parse_part(p)
                        .ok_or_else(|| err(format!("weekday_parts.{w}: unknown part {p:?}")))?,
                )
            };
            weekday_parts.insert(vocab.intern_phrase(w), part);
        }
        let mut prefixes = Phrases::new();
        for (w, r) in &data.prefixes {
            let role =
                parse_role(r).ok_or_else(|| err(format!("prefixes.{w}: unknown role {r:?}")))?;
            prefixes.insert(vocab.intern_phrase(w), role);
        }
        let mut am_pm = Phrases::new();
        let mut glued_am_pm = Vec::new();
        for (w, v) in &data.am_pm {
            let pm = match v.as_str() {
                "am" => false,
                "pm" => true,
                other => {
                    return Err(err(format!(
                        "am_pm.{w}: use \"am\" or \"pm\", not {other:?}"
                    )));
                }
            };
            am_pm.insert(vocab.intern_phrase(w), pm);
            glued_am_pm.push((fold(w), pm));
        }
        // Longest suffix first: "p.m" before "m".
        glued_am_pm.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        let mut zones = Phrases::new();
        for (w, offset) in &data.time_zones {
            if !valid_offset(offset) {
                return Err(err(format!(
                    "time_zones.{w}: offset {offset:?} must look like \"+07:00\""
                )));
            }
            zones.insert(vocab.intern_phrase(w), offset.clone());
        }
        let year_words = WordSet::build(&mut vocab, &data.year_words);
        let month_words = WordSet::build(&mut vocab, &data.month_words);
        let plural_units = WordSet::build(&mut vocab, &data.plural_units);
        let day_words = WordSet::build(&mut vocab, &data.day_words);
        let hyphen_prefixes = WordSet::build(&mut vocab, &data.hyphen_prefixes);
        let future_blockers = WordSet::build(&mut vocab, &data.future_blockers);
        let mut starters = WordSet::default();
        starters.extend(numbers.starters());
        for set in [&year_words, &month_words] {
            starters.extend(set);
        }
        for map in [&weekdays, &months, &month_abbreviations] {
            for id in map.ids() {
                starters.insert(id);
            }
        }
        units.add_first_words_to(&mut starters);
        units_one.add_first_words_to(&mut starters);
        before_unit.add_first_words_to(&mut starters);
        recent_before.add_first_words_to(&mut starters);
        period_parts.add_first_words_to(&mut starters);
        days.add_first_words_to(&mut starters);
        parts.add_first_words_to(&mut starters);
        part_hedges.add_first_words_to(&mut starters);
        weekday_parts.add_first_words_to(&mut starters);
        prefixes.add_first_words_to(&mut starters);
        clock_words.add_first_words_to(&mut starters);
        clock_lead_words.add_first_words_to(&mut starters);
        let comma = vocab.intern(",");
        let open_paren = vocab.intern("(");
        let close_paren = vocab.intern(")");
        let dot = vocab.intern(".");
        let dash = vocab.intern("-");
        Ok(Lexicon {
            vocab,
            numbers,
            day_first,
            weekdays,
            homographs,
            months,
            month_abbreviations,
            units,
            units_one,
            plural_units,
            after_unit,
            before_unit,
            ago,
            recent_after,
            recent_before,
            period_parts,
            hyphen_prefixes,
            days,
            parts,
            part_hedges,
            weekday_parts,
            prefixes,
            year_words,
            month_words,
            day_words,
            decade_suffixes: data.decade_suffixes.iter().map(|s| fold(s)).collect(),
            ordinal_suffixes: data.ordinal_suffixes.iter().map(|s| fold(s)).collect(),
            day_month_links,
            clock_words,
            clock_lead_words,
            am_pm,
            glued_am_pm,
            zones,
            future_cues,
            future_blockers,
            target_cues,
            recurring_cues,
            glue,
            starters,
            comma,
            open_paren,
            close_paren,
            dot,
            dash,
        })
    }
}
