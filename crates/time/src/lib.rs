//! Date expressions: finds them in a sentence and normalises them against the
//! publication date, with a bias to the past (news reports what happened).
//!
//! "Senin (12/9/2022) malam", "pada Selasa", "kemarin", "dua hari lalu", "pekan lalu",
//! "tak lama setelah tengah malam", "pukul 22.00 WIB", "on Monday", "last week",
//! "earlier this month", "September 12, 2022", "in 2014", "during the 1990s".
//! All words come from `lang/<code>/time.toml`; the scanner is built once and shared
//! across threads.
//!
//! Reading rules (see docs/decisions/0008-time-and-count-reading.md):
//! - a bare weekday is the most recent such day on or before publication;
//! - a day and month without a year take the year that puts them on or before
//!   publication, unless that is more than a year back while the date is at most
//!   [`FUTURE_TOLERANCE_DAYS`] ahead (a scheduled event);
//! - a future reading is kept only when the text marks it ("Senin depan", "next
//!   Monday", "besok", or "akan"/"will" shortly before the date);
//! - `date..=enddate` is always the interval the event lies in: weeks, months and
//!   years carry their last day in `enddate`.

mod calendar;
mod data;

use chrono::{Datelike, Duration, NaiveDate};
use sitrep_core::Lang;
use sitrep_core::document::{Sentence, TokenKind};
use sitrep_core::record::DatePrecision;
use sitrep_lang::DataError;
use sitrep_quantity::lexicon::{Phrases, Words};
use sitrep_quantity::numbers::NumberForm;

use crate::calendar::{
    add_months, month_bounds, portion, shift_days, week_start, weekday, weekday_after,
    weekday_before, weekday_on_or_after, weekday_on_or_before, year_bounds,
};
use crate::data::{DayRef, Lexicon, PeriodPart, Role, Unit};

/// How far ahead of publication a day and month without a year may be read as this
/// year's (a scheduled event) rather than last year's.
pub const FUTURE_TOLERANCE_DAYS: i64 = 31;

/// Part of the day named by the text ("malam", "dini hari", "Monday night").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfDay {
    /// Before dawn ("dini hari", "subuh", "early Monday").
    EarlyMorning,
    /// Morning ("pagi").
    Morning,
    /// Around noon ("siang", "noon").
    Midday,
    /// Afternoon ("sore").
    Afternoon,
    /// Evening ("petang").
    Evening,
    /// Night ("malam", "late Monday").
    Night,
    /// Midnight ("tengah malam").
    Midnight,
}

impl PartOfDay {
    /// Name used in data files ("early-morning", "night", ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            PartOfDay::EarlyMorning => "early-morning",
            PartOfDay::Morning => "morning",
            PartOfDay::Midday => "midday",
            PartOfDay::Afternoon => "afternoon",
            PartOfDay::Evening => "evening",
            PartOfDay::Night => "night",
            PartOfDay::Midnight => "midnight",
        }
    }
}

/// A normalised date expression.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Byte offset of the expression in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The date (first day of a span).
    pub date: NaiveDate,
    /// Last day of a span, when it is one (weeks, months, years, "overnight").
    pub enddate: Option<NaiveDate>,
    /// Time of day ("22:00", "22:00+07:00" with a zone), only from clock digits.
    pub time: Option<String>,
    /// How precisely the date is known; `Publication` when only a time or a part of
    /// the day was read ("pukul 22.00 WIB", "tak lama setelah tengah malam").
    pub precision: DatePrecision,
    /// The words read.
    pub text: String,
    /// Index of the first sentence token of the expression.
    pub first_token: usize,
    /// Index one past its last token.
    pub end_token: usize,
    /// The date depends on the publication date ("kemarin", "on Monday", "12 September"
    /// without a year): wrong if the publication date is.
    pub relative: bool,
    /// The date lies after publication ("Senin depan", "will meet on Monday").
    pub future: bool,
    /// The date of what the event leads up to ("ahead of the anniversary in October",
    /// "menjelang pemilu 14 Februari"), not of the event itself.
    pub target: bool,
    /// A date that recurs ("setiap 1 Desember", "every year on March 8"): it dates no
    /// event and no background.
    pub recurring: bool,
    /// Clearly before publication: the interval ends more than a year before it, or a
    /// year-precise date lies in an earlier year ("pada 2014", "tahun lalu", "the 1990s").
    /// The events engine marks an event read with such a date `historical`.
    pub historical: bool,
    /// The event runs from this date on ("sejak 2019", "since the 2020 war").
    pub since: bool,
    /// Part of the day, when given.
    pub part_of_day: Option<PartOfDay>,
}

/// Date scanner for one language.
pub struct DateScanner {
    lex: Lexicon,
}

/// Which week a weekday is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WeekdayShift {
    /// Bare weekday: most recent (or next, in a future context).
    Nearest,
    /// "Senin lalu", "last Monday": strictly before publication.
    Last,
    /// "Senin depan", "next Monday": strictly after publication.
    Next,
    /// "Senin ini", "this Monday": in the week of publication.
    ThisWeek,
    /// "Senin pekan lalu", "Monday last week": in the week `k` weeks away.
    Week(i32),
}

/// Year of a month or day-month expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    Given(i32),
    /// "Maret tahun lalu", "March last year".
    Offset(i32),
    Infer,
}

/// What the words say, before it is placed on the calendar.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Spec {
    Offset {
        days: i32,
        through_publication: bool,
    },
    Weekday {
        weekday: u8,
        shift: WeekdayShift,
    },
    DayMonth {
        day: u32,
        month: u32,
        year: YearRef,
        weekday: Option<u8>,
    },
    DayOfMonth {
        day: u32,
    },
    Month {
        month: u32,
        year: YearRef,
        shift: i32,
        part: Option<PeriodPart>,
    },
    Year {
        year: i32,
        decade: bool,
        part: Option<PeriodPart>,
    },
    Period {
        unit: Unit,
        offset: i32,
        part: Option<PeriodPart>,
    },
    /// "dua hari lalu", "a few weeks ago": `min..=max` units back.
    Ago {
        unit: Unit,
        min: u64,
        max: u64,
    },
    /// "tiga hari terakhir", "the past week": from `n` units back to publication.
    Recent {
        unit: Unit,
        n: u64,
    },
}

/// A clock time read from digits.
#[derive(Debug, Clone, PartialEq)]
struct Clock {
    hour: u32,
    minute: u32,
    zone: Option<String>,
}

/// One matched expression, or part of one, in item positions.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    first: usize,
    end: usize,
    spec: Option<Spec>,
    clock: Option<Clock>,
    part: Option<PartOfDay>,
    since: bool,
    /// The words themselves point forward ("depan", "next", "besok").
    marked_future: bool,
}

impl Piece {
    fn new(first: usize, end: usize) -> Piece {
        Piece {
            first,
            end,
            spec: None,
            clock: None,
            part: None,
            since: false,
            marked_future: false,
        }
    }
}

/// A date placed on the calendar.
struct Placed {
    date: NaiveDate,
    enddate: Option<NaiveDate>,
    precision: DatePrecision,
    relative: bool,
}

impl DateScanner {
    /// Loads `lang/<code>/time.toml` (Malay reads the Indonesian file).
    ///
    /// The data is compiled into the binary and checked by this crate's tests, so a
    /// broken file cannot reach a user; use [`DateScanner::try_new`] to see the error.
    pub fn new(lang: Lang) -> DateScanner {
        match DateScanner::try_new(lang) {
            Ok(s) => s,
            Err(e) => panic!("embedded language data is broken: {e}"),
        }
    }

    /// Loads `lang/<code>/time.toml`, reporting a malformed file.
    pub fn try_new(lang: Lang) -> Result<DateScanner, DataError> {
        Ok(DateScanner {
            lex: Lexicon::load(lang)?,
        })
    }

    /// Date expressions in `sentence`, in text order, resolved against `published`.
    pub fn scan(&self, text: &str, sentence: &Sentence, published: NaiveDate) -> Vec<DateMention> {
        let lex = &self.lex;
        let w = Words::with_hyphen_split(text, sentence, &lex.vocab, &lex.hyphen_prefixes);
        let n = w.len();
        let first_word = (0..n).find(|&k| w.kind(k) != TokenKind::Punct).unwrap_or(n);
        let m = Matcher {
            lex,
            w: &w,
            published,
            first_word,
        };
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < n {
            let it = w.item(i);
            // Only known words and numbers start an expression.
            if it.kind != TokenKind::Number && !lex.starters.contains(it.id) {
                i += 1;
                continue;
            }
            match m.piece_at(i) {
                Some(p) => {
                    i = p.end.max(i + 1);
                    pieces.push(p);
                }
                None => i += 1,
            }
        }
        let pieces = m.merge(pieces);
        pieces.into_iter().filter_map(|p| m.mention(p)).collect()
    }
}

/// Matching state for one sentence.
struct Matcher<'a> {
    lex: &'a Lexicon,
    w: &'a Words<'a>,
    published: NaiveDate,
    first_word: usize,
}

impl Matcher<'_> {
    fn raw(&self, i: usize) -> &str {
        self.w.raw(i)
    }

    fn is(&self, i: usize, id: u32) -> bool {
        self.w.id(i) == id
    }

    fn capitalised(&self, i: usize) -> bool {
        i < self.w.len() && self.w.item(i).capitalised
    }

    /// A full expression starting at item `i`, with the words before it that belong to
    /// it ("pada", "since the", "late on").
    fn piece_at(&self, i: usize) -> Option<Piece> {
        let lex = self.lex;
        // "late Monday", "early on Tuesday": a part of the day before a weekday.
        let mut k = i;
        let mut weekday_part = None;
        if let Some((&part, len)) = lex.weekday_parts.longest(self.w, k) {
            let (_, probe) = self.prefixes(k + len);
            if self.weekday_start(probe).is_some() {
                weekday_part = part;
                k += len;
            }
        }
        let (roles, j) = self.prefixes(k);
        let cue = j > k;
        let year_only = roles.last() == Some(&Role::YearArticle);
        let mut piece = if year_only {
            self.year_expr(j, true)
        } else {
            self.core_at(j, cue || self.is(i.wrapping_sub(1), lex.open_paren))
        };
        if piece.is_none() && j > i {
            // The prefix may be the start of the expression itself ("hari ini").
            piece = self.core_at(i, false);
            if let Some(p) = &mut piece {
                p.first = i;
                return Some(self.finish(p.clone(), &[]));
            }
        }
        let mut p = piece?;
        p.first = i;
        if p.part.is_none() {
            p.part = weekday_part;
        }
        Some(self.finish(p, &roles))
    }

    fn finish(&self, mut p: Piece, roles: &[Role]) -> Piece {
        let lex = self.lex;
        // "sejak perang tahun 2020": a since-word shortly before counts too.
        let since_before = (p.first.saturating_sub(3)..p.first).any(|k| {
            lex.prefixes
                .longest(self.w, k)
                .is_some_and(|(r, len)| *r == Role::Since && k + len <= p.first)
        });
        // ... unless the piece is itself the end of the period ("dari 1942 hingga 1945").
        p.since = roles.contains(&Role::Since) || (since_before && !roles.contains(&Role::Until));
        p
    }

    /// Prefix words at `k` ("pada", "since the"): their roles and the item after them.
    fn prefixes(&self, k: usize) -> (Vec<Role>, usize) {
        let mut roles = Vec::new();
        let mut j = k;
        for _ in 0..3 {
            match self.lex.prefixes.longest(self.w, j) {
                Some((&r, len)) => {
                    roles.push(r);
                    j += len;
                }
                None => break,
            }
        }
        (roles, j)
    }

    /// The expression proper at `j`; `cue` is true when a prefix or a bracket before it
    /// says a date follows (needed for bare months, years and short numeric dates).
    fn core_at(&self, j: usize, cue: bool) -> Option<Piece> {
        if j >= self.w.len()
            || (self.w.kind(j) != TokenKind::Number && !self.lex.starters.contains(self.w.id(j)))
        {
            return None;
        }
        self.day_ref(j)
            .or_else(|| self.weekday_expr(j))
            .or_else(|| {
                self.explicit(j, cue)
                    .map(|(spec, end)| self.date_piece(j, end, spec))
            })
            .or_else(|| self.period(j))
            .or_else(|| self.month_expr(j, cue))
            .or_else(|| self.year_expr(j, cue))
            .or_else(|| self.clock(j))
            .or_else(|| self.standalone_part(j))
    }

    fn date_piece(&self, first: usize, end: usize, spec: Spec) -> Piece {
        let mut p = Piece::new(first, end);
        p.spec = Some(spec);
        // A part of the day after an explicit date: "12 September malam".
        if let Some((&(part, _), len)) = self.lex.parts.longest(self.w, end) {
            p.part = Some(part);
            p.end = end + len;
        }
        p
    }

    /// "kemarin", "semalam", "yesterday afternoon".
    fn day_ref(&self, j: usize) -> Option<Piece> {
        let (
            &DayRef {
                offset,
                part,
                through_publication,
            },
            len,
        ) = self.lex.days.longest(self.w, j)?;
        let mut p = Piece::new(j, j + len);
        p.spec = Some(Spec::Offset {
            days: offset,
            through_publication,
        });
        p.part = part;
        p.marked_future = offset > 0;
        if part.is_none()
            && let Some((&(pt, _), l)) = self.lex.parts.longest(self.w, p.end)
        {
            p.part = Some(pt);
            p.end += l;
        }
        Some(p)
    }

    /// Weekday at `k` (with a "last"/"next" before it): (weekday, shift, item after).
    fn weekday_start(&self, k: usize) -> Option<(u8, Option<WeekdayShift>, usize)> {
        let lex = self.lex;
        let mut k = k;
        let mut shift = None;
        if let Some((&d, len)) = lex.before_unit.longest(self.w, k)
            && self.weekday_at(k + len).is_some()
        {
            shift = Some(match d {
                -1 => WeekdayShift::Last,
                1 => WeekdayShift::Next,
                _ => WeekdayShift::ThisWeek,
            });
            k += len;
        }
        let wd = self.weekday_at(k)?;
        Some((wd, shift, k + 1))
    }

    fn weekday_at(&self, k: usize) -> Option<u8> {
        let lex = self.lex;
        let id = self.w.id(k);
        let &wd = lex.weekdays.get(id)?;
        if !self.capitalised(k) {
            return None;
        }
        // "Minggu lalu, ..." opening a sentence is "last week", not "last Sunday".
        if lex.homographs.contains(id)
            && k == self.first_word
            && lex.after_unit.longest(self.w, k + 1).is_some()
        {
            return None;
        }
        Some(wd)
    }

    /// "Senin (12/9/2022) malam", "pada Selasa lalu", "Monday, Sept. 12", "last Friday",
    /// "Senin pekan lalu", "Monday night".
    fn weekday_expr(&self, j: usize) -> Option<Piece> {
        let lex = self.lex;
        let (wd, pre_shift, mut k) = self.weekday_start(j)?;
        let mut p = Piece::new(j, k);
        // An explicit date after it: ", 12 September 2022" or "(12/9)".
        let mut explicit = None;
        {
            let mut m = k;
            let paren = self.is(m, lex.open_paren);
            if paren || self.is(m, lex.comma) {
                m += 1;
            }
            if let Some((spec, mut e)) = self.explicit(m, true) {
                if paren && self.is(e, lex.close_paren) {
                    e += 1;
                }
                if !paren || self.is(e - 1, lex.close_paren) {
                    explicit = Some(spec);
                    k = e;
                }
            }
        }
        if let Some((&(part, _), len)) = lex.parts.longest(self.w, k) {
            p.part = Some(part);
            k += len;
        }
        let mut shift = pre_shift.unwrap_or(WeekdayShift::Nearest);
        if explicit.is_none() && pre_shift.is_none() {
            // "Senin pekan lalu", "Monday last week", "Senin lalu", "Senin depan".
            if let Some((&unit, ul)) = lex.units.longest(self.w, k)
                && unit == Unit::Week
                && let Some((&d, dl)) = lex.after_unit.longest(self.w, k + ul)
            {
                shift = WeekdayShift::Week(d);
                k += ul + dl;
            } else if let Some((&d, bl)) = lex.before_unit.longest(self.w, k)
                && let Some((&unit, ul)) = lex.units.longest(self.w, k + bl)
                && unit == Unit::Week
            {
                shift = WeekdayShift::Week(d);
                k += bl + ul;
            } else if let Some((&d, len)) = lex.after_unit.longest(self.w, k) {
                shift = match d {
                    -1 => WeekdayShift::Last,
                    1 => WeekdayShift::Next,
                    _ => WeekdayShift::ThisWeek,
                };
                k += len;
            }
            // "Senin lalu malam" is rare, but "Monday night last week" is not.
            if p.part.is_none()
                && let Some((&(part, _), len)) = lex.parts.longest(self.w, k)
            {
                p.part = Some(part);
                k += len;
            }
        }
        p.end = k;
        p.marked_future = matches!(shift, WeekdayShift::Next | WeekdayShift::Week(1));
        p.spec = Some(match explicit {
            Some(Spec::DayMonth {
                day, month, year, ..
            }) => Spec::DayMonth {
                day,
                month,
                year,
                weekday: Some(wd),
            },
            Some(other) => other,
            None => Spec::Weekday { weekday: wd, shift },
        });
        Some(p)
    }

    /// A day number ("12", "12th") at `k`.
    fn day_number(&self, k: usize) -> Option<u32> {
        if self.w.kind(k) != TokenKind::Number {
            return None;
        }
        let raw = self.raw(k);
        let digits = self
            .lex
            .ordinal_suffixes
            .iter()
            .find_map(|s| raw.strip_suffix(s.as_str()))
            .unwrap_or(raw);
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u32 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A four-digit year at `k`, not far in the future.
    fn year_at(&self, k: usize) -> Option<i32> {
        if self.w.kind(k) != TokenKind::Number {
            return None;
        }
        let raw = self.raw(k);
        if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let y: i32 = raw.parse().ok()?;
        (1900..=self.published.year() + 10)
            .contains(&y)
            .then_some(y)
    }

    /// Month name at `k` (abbreviations only when `abbreviated` is allowed; a "."
    /// glued to an abbreviation belongs to it): (month, items).
    fn month_at(&self, k: usize, abbreviated: bool) -> Option<(u32, usize)> {
        let lex = self.lex;
        let id = self.w.id(k);
        if !self.capitalised(k) {
            // "meledak februari 2003", "pada 12 februari": a month name written in lower
            // case counts only right before a year or after a day number ("may" is a
            // verb, "mei" a word).
            let dated =
                self.year_at(k + 1).is_some() || (k > 0 && self.day_number(k - 1).is_some());
            return match lex.months.get(id) {
                Some(&m) if dated => Some((u32::from(m), 1)),
                _ => None,
            };
        }
        if let Some(&m) = lex.months.get(id) {
            return Some((u32::from(m), 1));
        }
        if abbreviated && let Some(&m) = lex.month_abbreviations.get(id) {
            let dot = usize::from(self.is(k + 1, lex.dot) && self.w.item(k + 1).glued);
            return Some((u32::from(m), 1 + dot));
        }
        None
    }

    /// Explicit calendar dates: "12/9/2022", "12/9" (`short_ok`), "2022-09-12",
    /// "12 September 2022", "September 12, 2022", "Sept. 12", "September 2022".
    fn explicit(&self, k: usize, short_ok: bool) -> Option<(Spec, usize)> {
        let lex = self.lex;
        if self.w.kind(k) == TokenKind::Number {
            if let Some((day, month, year)) =
                parse_numeric_date(self.raw(k), lex.day_first, self.published)
                && (year.is_some() || short_ok)
            {
                let year = year.map_or(YearRef::Infer, YearRef::Given);
                return Some((
                    Spec::DayMonth {
                        day,
                        month,
                        year,
                        weekday: None,
                    },
                    k + 1,
                ));
            }
            // ISO "2022-09-12" comes as five glued items.
            if let Some(y) = self.year_at(k)
                && self.is(k + 1, lex.dash)
                && self.w.kind(k + 2) == TokenKind::Number
                && self.is(k + 3, lex.dash)
                && self.w.kind(k + 4) == TokenKind::Number
                && (k + 1..k + 5).all(|x| self.w.item(x).glued)
                && let (Ok(m), Ok(d)) = (
                    self.raw(k + 2).parse::<u32>(),
                    self.raw(k + 4).parse::<u32>(),
                )
                && NaiveDate::from_ymd_opt(y, m, d).is_some()
            {
                return Some((
                    Spec::DayMonth {
                        day: d,
                        month: m,
                        year: YearRef::Given(y),
                        weekday: None,
                    },
                    k + 5,
                ));
            }
            // "tanggal 12": a day of the current (or last) month.
            if k > 0
                && lex.day_words.contains(self.w.id(k - 1))
                && let Some(day) = self.day_number(k)
                && self.month_at(k + 1, true).is_none()
            {
                return Some((Spec::DayOfMonth { day }, k + 1));
            }
            // "12 September 2022", "12th of September".
            if let Some(day) = self.day_number(k) {
                let mut m = k + 1;
                if let Some((_, len)) = lex.day_month_links.longest(self.w, m) {
                    m += len;
                }
                if let Some((month, len)) = self.month_at(m, true) {
                    m += len;
                    let (year, end) = self.year_after(m);
                    return Some((
                        Spec::DayMonth {
                            day,
                            month,
                            year,
                            weekday: None,
                        },
                        end,
                    ));
                }
            }
            return None;
        }
        // "September 12, 2022", "Sept. 12", "September 2022".
        let (month, len) = self.month_at(k, true)?;
        let m = k + len;
        if let Some(day) = self.day_number(m) {
            let (year, end) = self.year_after(m + 1);
            return Some((
                Spec::DayMonth {
                    day,
                    month,
                    year,
                    weekday: None,
                },
                end,
            ));
        }
        if let Some(y) = self.year_at(m) {
            return Some((
                Spec::Month {
                    month,
                    year: YearRef::Given(y),
                    shift: 0,
                    part: None,
                },
                m + 1,
            ));
        }
        None
    }

    /// An optional year after a day and month: "2022" or ", 2022".
    fn year_after(&self, m: usize) -> (YearRef, usize) {
        if let Some(y) = self.year_at(m) {
            return (YearRef::Given(y), m + 1);
        }
        if self.is(m, self.lex.comma)
            && let Some(y) = self.year_at(m + 1)
        {
            return (YearRef::Given(y), m + 2);
        }
        (YearRef::Infer, m)
    }

    /// Periods: "pekan lalu", "awal bulan ini", "last week", "earlier this month",
    /// "dua hari lalu", "two weeks ago", "tiga hari terakhir", "the past week",
    /// "akhir pekan lalu", "over the weekend".
    fn period(&self, j: usize) -> Option<Piece> {
        let lex = self.lex;
        let w = self.w;
        // "the past three days", "over the last week".
        if let Some((_, len)) = lex.recent_before.longest(w, j) {
            let mut m = j + len;
            let mut n = 1;
            if let Some(r) = lex.numbers.read(w, m)
                && let Some(v) = r.exact()
                && r.form != NumberForm::Zero
            {
                n = v;
                m = r.end;
            }
            if let Some((&unit, ul)) = lex.units.longest(w, m) {
                let mut p = Piece::new(j, m + ul);
                p.spec = Some(Spec::Recent { unit, n });
                return Some(p);
            }
        }
        // "dua hari lalu", "a few days ago", "sepekan terakhir", "tiga hari terakhir".
        let counted = if let Some((&unit, len)) = lex.units_one.longest(w, j) {
            Some((1, 1, unit, j + len))
        } else if let Some(r) = lex.numbers.read(w, j)
            && r.form != NumberForm::Zero
            && let Some((&unit, ul)) = lex.units.longest(w, r.end)
        {
            Some((r.min, r.max.unwrap_or(r.min), unit, r.end + ul))
        } else {
            None
        };
        if let Some((min, max, unit, m)) = counted {
            if let Some((_, len)) = lex.ago.longest(w, m) {
                let mut p = Piece::new(j, m + len);
                p.spec = Some(Spec::Ago { unit, min, max });
                return Some(p);
            }
            if let Some((_, len)) = lex.recent_after.longest(w, m) {
                let mut p = Piece::new(j, m + len);
                p.spec = Some(Spec::Recent { unit, n: max });
                return Some(p);
            }
            // "sepekan lalu" reads like "pekan lalu" below only with a count of one.
        }
        // "[awal] [last] pekan [lalu]".
        let mut m = j;
        let mut part = None;
        let unit_first = lex.units.longest(w, m);
        if unit_first.is_none_or(|(&u, _)| u != Unit::Weekend)
            && let Some((&pp, len)) = lex.period_parts.longest(w, m)
        {
            part = Some(pp);
            m += len;
        }
        let mut offset = None;
        if let Some((&d, len)) = lex.before_unit.longest(w, m) {
            offset = Some(d);
            m += len;
        }
        let (&unit, ul) = lex.units.longest(w, m)?;
        // "the coming days", "in recent years": a plural without a number is no period.
        if ul == 1 && lex.plural_units.contains(w.id(m)) {
            return None;
        }
        // "Minggu lalu" mid-sentence is last Sunday: left to the weekday reading.
        if offset.is_none() && lex.weekdays.contains_key(w.id(m)) && self.weekday_at(m).is_some() {
            return None;
        }
        m += ul;
        if offset.is_none()
            && let Some((&d, len)) = lex.after_unit.longest(w, m)
        {
            offset = Some(d);
            m += len;
        }
        let offset = match (offset, unit) {
            (Some(d), _) => d,
            // "akhir pekan", "over the weekend": the most recent weekend (a bare
            // "weekend" needs a prefix: "weekend sporting activities" is no date).
            (None, Unit::Weekend)
                if ul > 1 || j > 0 && self.lex.prefixes.longest_ending_at(w, j).is_some() =>
            {
                if weekday(self.published) >= 6 {
                    0
                } else {
                    -1
                }
            }
            (None, _) => return None,
        };
        if unit == Unit::Day && part.is_some() {
            return None;
        }
        let mut p = Piece::new(j, m);
        p.spec = Some(Spec::Period { unit, offset, part });
        p.marked_future = offset > 0 || part == Some(PeriodPart::Rest);
        Some(p)
    }

    /// Months: "pada Maret", "bulan Maret lalu", "in March", "early March", "mid-March",
    /// "last March", "Maret tahun lalu", "akhir Maret 2021".
    fn month_expr(&self, j: usize, cue: bool) -> Option<Piece> {
        let lex = self.lex;
        let w = self.w;
        let mut cue = cue;
        let mut m = j;
        let mut part = None;
        if let Some((&pp, len)) = lex.period_parts.longest(w, m) {
            part = Some(pp);
            m += len;
            cue = true;
        }
        let mut shift = 0;
        if let Some((&d, len)) = lex.before_unit.longest(w, m)
            && self.month_at(m + len, false).is_some()
        {
            shift = if d == 0 { 0 } else { d };
            m += len;
            cue = true;
        }
        if lex.month_words.contains(w.id(m)) && self.month_at(m + 1, false).is_some() {
            m += 1;
            cue = true;
        }
        let (month, len) = self.month_at(m, false)?;
        m += len;
        let mut year = YearRef::Infer;
        if let Some(y) = self.year_at(m) {
            year = YearRef::Given(y);
            m += 1;
            cue = true;
        } else if let Some((&unit, ul)) = lex.units.longest(w, m)
            && unit == Unit::Year
            && let Some((&d, dl)) = lex.after_unit.longest(w, m + ul)
        {
            year = YearRef::Offset(d);
            m += ul + dl;
            cue = true;
        } else if let Some((&d, bl)) = lex.before_unit.longest(w, m)
            && let Some((&unit, ul)) = lex.units.longest(w, m + bl)
            && unit == Unit::Year
        {
            year = YearRef::Offset(d);
            m += bl + ul;
            cue = true;
        } else if shift == 0
            && let Some((&d, len)) = lex.after_unit.longest(w, m)
        {
            shift = d;
            m += len;
            cue = true;
        }
        if !cue {
            return None;
        }
        let mut p = Piece::new(j, m);
        p.spec = Some(Spec::Month {
            month,
            year,
            shift,
            part,
        });
        p.marked_future = shift > 0 || year == YearRef::Offset(1);
        Some(p)
    }

    /// Years: "pada 2014", "tahun 2020", "in 2014", "akhir 2019", "mid-2020",
    /// "1990-an", "the 1990s", "tahun 90-an".
    fn year_expr(&self, j: usize, cue: bool) -> Option<Piece> {
        let lex = self.lex;
        let w = self.w;
        let mut cue = cue;
        let mut m = j;
        let mut part = None;
        if let Some((&pp, len)) = lex.period_parts.longest(w, m) {
            part = Some(pp);
            m += len;
            cue = true;
        }
        let mut year_word = false;
        if lex.year_words.contains(w.id(m)) {
            m += 1;
            cue = true;
            year_word = true;
        }
        if w.kind(m) != TokenKind::Number {
            return None;
        }
        let (digits, decade_end) = self.decade(m);
        let (year, end, decade) = match decade_end {
            Some(end) => {
                let mut y: i32 = digits.parse().ok()?;
                if digits.len() == 2 && year_word {
                    // "tahun 90-an": the decade of the last century unless it is this one's.
                    y += if y <= self.published.year() % 100 {
                        2000
                    } else {
                        1900
                    };
                } else if digits.len() != 4 || y % 10 != 0 {
                    return None;
                }
                (y, end, true)
            }
            None => (self.year_at(m)?, m + 1, false),
        };
        if !(1900..=self.published.year() + 10).contains(&year) || !(cue || decade) {
            return None;
        }
        let mut p = Piece::new(j, end);
        p.spec = Some(Spec::Year { year, decade, part });
        Some(p)
    }

    /// Digits of a decade ("1990s", "1990-an") at `m` and the item after it.
    fn decade(&self, m: usize) -> (&str, Option<usize>) {
        let raw = self.raw(m);
        for s in &self.lex.decade_suffixes {
            if let Some(d) = raw.strip_suffix(s.as_str())
                && !d.is_empty()
                && d.bytes().all(|b| b.is_ascii_digit())
            {
                return (d, Some(m + 1));
            }
        }
        if !raw.bytes().all(|b| b.is_ascii_digit()) {
            return (raw, None);
        }
        // "1990-an": the suffix comes as glued items after the number.
        let item_end = self.w.item(m).end;
        let after = &self.w.text[item_end..];
        for s in &self.lex.decade_suffixes {
            if after.len() >= s.len()
                && after.is_char_boundary(s.len())
                && after[..s.len()].eq_ignore_ascii_case(s)
                && !after[s.len()..].starts_with(|c: char| c.is_alphanumeric())
            {
                let stop = item_end + s.len();
                let mut e = m + 1;
                while e < self.w.len() && self.w.item(e).end <= stop && self.w.item(e).glued {
                    e += 1;
                }
                if e > m + 1 && self.w.item(e - 1).end == stop {
                    return (raw, Some(e));
                }
            }
        }
        (raw, None)
    }

    /// Clock times: "pukul 22.00 WIB", "pukul 9 malam", "at 10 p.m.", "10:30 a.m.",
    /// "0300 GMT".
    fn clock(&self, j: usize) -> Option<Piece> {
        let lex = self.lex;
        let w = self.w;
        let mut m = j;
        for _ in 0..2 {
            match lex.clock_lead_words.longest(w, m) {
                Some((_, len)) => m += len,
                None => break,
            }
        }
        let strong = match lex.clock_words.longest(w, m) {
            Some((_, len)) => {
                m += len;
                true
            }
            None => false,
        };
        if w.kind(m) != TokenKind::Number {
            return None;
        }
        let number = m;
        let (mut hour, minute, sep, glued_pm) = parse_clock(self.raw(m), &lex.glued_am_pm)?;
        m += 1;
        let mut pm = glued_pm;
        if pm.is_none()
            && let Some((&is_pm, len)) = lex.am_pm.longest(w, m)
        {
            pm = Some(is_pm);
            m += len;
            // The dot of "p.m." belongs to it.
            if self.is(m, lex.dot) && w.item(m).glued {
                m += 1;
            }
        }
        let mut part = None;
        if let Some((&(pt, _), len)) = lex.parts.longest(w, m) {
            part = Some(pt);
            m += len;
        }
        let zone = lex.zones.longest(w, m).map(|(z, len)| {
            m += len;
            z.clone()
        });
        let accepted = match sep {
            // "10:30" is a time wherever it stands.
            Some(':') => true,
            // "22.00" needs "pukul" or a zone: "22.00" alone may be a count.
            Some(_) => strong || zone.is_some() || pm.is_some(),
            // "0300 GMT"; "10" needs "pukul" or "p.m.".
            None => strong || pm.is_some() || (zone.is_some() && self.raw(number).len() == 4),
        };
        if !accepted {
            return None;
        }
        if let Some(is_pm) = pm {
            if hour > 12 {
                return None;
            }
            hour = match (is_pm, hour) {
                (true, h) if h < 12 => h + 12,
                (false, 12) => 0,
                (_, h) => h,
            };
        } else if let Some(pt) = part {
            hour = hour_in_part(hour, pt);
        }
        if hour == 24 && minute == 0 {
            hour = 0;
        }
        if hour > 23 || minute > 59 {
            return None;
        }
        let mut p = Piece::new(j, m);
        p.clock = Some(Clock { hour, minute, zone });
        p.part = part;
        Some(p)
    }

    /// A part of the day that stands alone: "tak lama setelah tengah malam", "dini hari".
    fn standalone_part(&self, j: usize) -> Option<Piece> {
        let lex = self.lex;
        let mut m = j;
        if let Some((_, len)) = lex.part_hedges.longest(self.w, m) {
            m += len;
        }
        let (&(part, standalone), len) = lex.parts.longest(self.w, m)?;
        if !standalone {
            return None;
        }
        let mut p = Piece::new(j, m + len);
        p.part = Some(part);
        Some(p)
    }

    /// Joins neighbouring pieces of one expression: a date and its clock time
    /// ("Senin (12/9) sekitar pukul 22.00 WIB", "pukul 22.00 WIB, Senin"), a part of the
    /// day and its date ("tak lama setelah tengah malam pada Minggu").
    fn merge(&self, pieces: Vec<Piece>) -> Vec<Piece> {
        let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
        for p in pieces {
            if let Some(prev) = out.last_mut()
                && self.only_glue(prev.end, p.first)
                && let Some(joined) = join(prev, &p)
            {
                *prev = joined;
                continue;
            }
            out.push(p);
        }
        out
    }

    fn only_glue(&self, from: usize, to: usize) -> bool {
        if to < from || to - from > 3 {
            return false;
        }
        let mut k = from;
        while k < to {
            match self.lex.glue.longest(self.w, k) {
                Some((_, len)) if k + len <= to => k += len,
                _ => return false,
            }
        }
        true
    }

    /// A future word ("akan", "will") shortly before item `first`, with nothing between
    /// that ties the date to something else ("yang terjadi", "after").
    fn future_context(&self, first: usize) -> bool {
        self.cued_before(first, &self.lex.future_cues, 7)
    }

    /// A cue of `cues` at most `reach` items before item `first`, with nothing between
    /// that ties the date to something else.
    fn cued_before(&self, first: usize, cues: &Phrases<()>, reach: usize) -> bool {
        let lex = self.lex;
        let mut k = first;
        while k > 0 && first - k < reach {
            if cues.longest_ending_at(self.w, k).is_some() {
                return true;
            }
            let prev = self.w.item(k - 1);
            if lex.future_blockers.contains(prev.id)
                || (prev.kind == TokenKind::Punct
                    && matches!(self.raw(k - 1), "." | ";" | ":" | "\""))
            {
                return false;
            }
            k -= 1;
        }
        false
    }

    fn mention(&self, p: Piece) -> Option<DateMention> {
        let published = self.published;
        // "ahead of the anniversary of the Tak Bai incident in October": the target's
        // name may be long.
        let target = self.cued_before(p.first, &self.lex.target_cues, 10);
        // Right before the date: "75 prisoners each on Friday" is no habit.
        let recurring = self.cued_before(p.first, &self.lex.recurring_cues, 1);
        let future_ctx = p.marked_future || target || self.future_context(p.first);
        let placed = match p.spec {
            Some(spec) => self.place(spec, future_ctx)?,
            None => Placed {
                date: published,
                enddate: None,
                precision: DatePrecision::Publication,
                relative: true,
            },
        };
        let end = placed.enddate.unwrap_or(placed.date);
        let year_back = shift_days(published, -365)?;
        let historical = end < year_back
            || (placed.precision == DatePrecision::Year
                && placed.date.year() < published.year()
                && end < published);
        let time = p.clock.as_ref().map(|c| {
            let mut s = format!("{:02}:{:02}", c.hour, c.minute);
            if let Some(z) = &c.zone {
                s.push_str(z);
            }
            s
        });
        let (first_token, end_token) = self.w.token_range(p.first, p.end);
        let start = self.w.item(p.first).start;
        let end_byte = self.w.item(p.end - 1).end;
        Some(DateMention {
            start,
            end: end_byte,
            date: placed.date,
            enddate: placed.enddate.filter(|e| *e != placed.date),
            time,
            precision: placed.precision,
            text: self.w.text[start..end_byte].to_string(),
            first_token,
            end_token,
            relative: placed.relative,
            future: placed.date > published,
            target,
            recurring,
            historical,
            since: p.since,
            part_of_day: p.part,
        })
    }

    /// Places what the words say on the calendar, biased to the past.
    fn place(&self, spec: Spec, future: bool) -> Option<Placed> {
        let published = self.published;
        let day = |date: NaiveDate, relative: bool| Placed {
            date,
            enddate: None,
            precision: DatePrecision::Day,
            relative,
        };
        let span =
            |(s, e): (NaiveDate, NaiveDate), precision: DatePrecision, relative: bool| Placed {
                date: s,
                enddate: Some(e),
                precision,
                relative,
            };
        Some(match spec {
            Spec::Offset {
                days,
                through_publication,
            } => {
                let d = shift_days(published, i64::from(days))?;
                let mut placed = day(d, true);
                if through_publication && d < published {
                    placed.enddate = Some(published);
                }
                placed
            }
            Spec::Weekday { weekday: wd, shift } => {
                let d = match shift {
                    WeekdayShift::Nearest if future => weekday_on_or_after(published, wd)?,
                    WeekdayShift::Nearest => weekday_on_or_before(published, wd)?,
                    WeekdayShift::Last => weekday_before(published, wd)?,
                    WeekdayShift::Next => weekday_after(published, wd)?,
                    WeekdayShift::ThisWeek => {
                        shift_days(week_start(published)?, i64::from(wd) - 1)?
                    }
                    WeekdayShift::Week(k) => {
                        shift_days(week_start(published)?, i64::from(k) * 7 + i64::from(wd) - 1)?
                    }
                };
                day(d, true)
            }
            Spec::DayMonth {
                day: dd,
                month,
                year,
                weekday: wd,
            } => match year {
                YearRef::Given(y) => day(NaiveDate::from_ymd_opt(y, month, dd)?, false),
                YearRef::Offset(k) => day(
                    NaiveDate::from_ymd_opt(published.year() + k, month, dd)?,
                    true,
                ),
                YearRef::Infer => day(self.infer_year(dd, month, wd, future)?, true),
            },
            Spec::DayOfMonth { day: dd } => {
                let this = NaiveDate::from_ymd_opt(published.year(), published.month(), dd);
                let d = match this {
                    Some(d) if d <= published || future => d,
                    _ => {
                        let (y, m) = add_months(published.year(), published.month(), -1);
                        NaiveDate::from_ymd_opt(y, m, dd)?
                    }
                };
                day(d, true)
            }
            Spec::Month {
                month,
                year,
                shift,
                part,
            } => {
                let (pm, py) = (published.month(), published.year());
                let (y, relative) = match year {
                    YearRef::Given(y) => (y, false),
                    YearRef::Offset(k) => (py + k, true),
                    YearRef::Infer => {
                        let y = match shift {
                            -1 if month >= pm => py - 1,
                            1 if month <= pm => py + 1,
                            0 if future && month < pm => py + 1,
                            0 if !future && month > pm => py - 1,
                            _ => py,
                        };
                        (y, true)
                    }
                };
                let (s, e) = month_bounds(y, month)?;
                span(
                    portion(s, e, part, published)?,
                    DatePrecision::Month,
                    relative,
                )
            }
            Spec::Year { year, decade, part } => {
                let (s, _) = year_bounds(year)?;
                let (_, e) = year_bounds(if decade { year + 9 } else { year })?;
                span(portion(s, e, part, published)?, DatePrecision::Year, false)
            }
            Spec::Period { unit, offset, part } => {
                let (bounds, precision) = self.period_bounds(unit, offset)?;
                let (s, e) = portion(bounds.0, bounds.1, part, published)?;
                if unit == Unit::Day {
                    day(s, true)
                } else {
                    span((s, e), precision, true)
                }
            }
            Spec::Ago { unit, min, max } => {
                let back = |n: u64| i32::try_from(n).ok().map(|n| -n);
                let (far, _) = self.period_bounds(unit, back(max)?)?;
                let (near, precision) = self.period_bounds(unit, back(min)?)?;
                if unit == Unit::Day && min == max {
                    day(far.0, true)
                } else {
                    let precision = if unit == Unit::Day {
                        DatePrecision::Week
                    } else {
                        precision
                    };
                    span((far.0, near.1), precision, true)
                }
            }
            Spec::Recent { unit, n } => {
                let days = match unit {
                    Unit::Day => n,
                    Unit::Week | Unit::Weekend => n.checked_mul(7)?,
                    Unit::Month => n.checked_mul(30)?,
                    Unit::Year => n.checked_mul(365)?,
                };
                let start = shift_days(published, -i64::try_from(days).ok()?)?;
                let precision = match days {
                    0..=1 => DatePrecision::Day,
                    2..=14 => DatePrecision::Week,
                    15..=62 => DatePrecision::Month,
                    _ => DatePrecision::Year,
                };
                span((start, published), precision, true)
            }
        })
    }

    /// First and last day of the `unit` that is `offset` units from publication.
    fn period_bounds(
        &self,
        unit: Unit,
        offset: i32,
    ) -> Option<((NaiveDate, NaiveDate), DatePrecision)> {
        let published = self.published;
        Some(match unit {
            Unit::Day => {
                let d = shift_days(published, i64::from(offset))?;
                ((d, d), DatePrecision::Day)
            }
            Unit::Week => {
                let s = shift_days(week_start(published)?, i64::from(offset) * 7)?;
                ((s, shift_days(s, 6)?), DatePrecision::Week)
            }
            Unit::Weekend => {
                let s = shift_days(week_start(published)?, i64::from(offset) * 7 + 5)?;
                ((s, shift_days(s, 1)?), DatePrecision::Day)
            }
            Unit::Month => {
                let (y, m) = add_months(published.year(), published.month(), offset);
                (month_bounds(y, m)?, DatePrecision::Month)
            }
            Unit::Year => (
                year_bounds(published.year().checked_add(offset)?)?,
                DatePrecision::Year,
            ),
        })
    }

    /// Year of a day and month written without one: this year's when on or before
    /// publication; this year's too when a few weeks ahead (a scheduled event) or the
    /// text marks the future; else last year's. A weekday written beside the date
    /// settles it when it fits a neighbouring year instead.
    fn infer_year(&self, dd: u32, month: u32, wd: Option<u8>, future: bool) -> Option<NaiveDate> {
        let published = self.published;
        let py = published.year();
        let this = NaiveDate::from_ymd_opt(py, month, dd);
        let last = NaiveDate::from_ymd_opt(py - 1, month, dd);
        let next = NaiveDate::from_ymd_opt(py + 1, month, dd);
        let ahead = |d: NaiveDate| (d - published).num_days();
        let primary = match this {
            Some(d) if d <= published => Some(d),
            Some(d) if future || ahead(d) <= FUTURE_TOLERANCE_DAYS => Some(d),
            Some(_) => last,
            None => last.or(next),
        };
        let primary = if future && primary.is_some_and(|d| d < published - Duration::days(1)) {
            next.or(primary)
        } else {
            primary
        };
        if let Some(wd) = wd
            && primary.is_none_or(|d| weekday(d) != wd)
            && let Some(fit) = [this, last, next]
                .into_iter()
                .flatten()
                .filter(|d| weekday(*d) == wd)
                .filter(|d| ahead(*d) <= FUTURE_TOLERANCE_DAYS || future)
                .min_by_key(|d| (*d - published).num_days().abs())
        {
            return Some(fit);
        }
        primary
    }
}

/// Joins two neighbouring pieces when they describe one moment.
fn join(a: &Piece, b: &Piece) -> Option<Piece> {
    let mut out = a.clone();
    out.end = b.end;
    out.since = a.since || b.since;
    out.marked_future = a.marked_future || b.marked_future;
    match (&a.spec, &b.spec) {
        (Some(_), None) | (None, Some(_)) | (None, None) => {
            if a.clock.is_some() && b.clock.is_some() {
                return None;
            }
            if a.spec.is_none() && b.spec.is_none() && (a.clock.is_none() && b.clock.is_none()) {
                return None;
            }
            out.spec = a.spec.or(b.spec);
            out.clock = a.clock.clone().or_else(|| b.clock.clone());
            out.part = a.part.or(b.part);
            Some(out)
        }
        (Some(sa), Some(sb)) => {
            // "kemarin (12/9)": a relative day and the explicit date in brackets.
            let explicit = |s: &Spec| matches!(s, Spec::DayMonth { .. });
            let relative_day = |s: &Spec| matches!(s, Spec::Offset { .. } | Spec::Weekday { .. });
            if a.clock.is_some() && b.clock.is_some() {
                return None;
            }
            if relative_day(sa) && explicit(sb) {
                out.spec = Some(*sb);
            } else if explicit(sa) && relative_day(sb) {
                out.spec = Some(*sa);
            } else {
                return None;
            }
            out.clock = a.clock.clone().or_else(|| b.clock.clone());
            out.part = a.part.or(b.part);
            Some(out)
        }
    }
}

/// Hour of a clock time said with a part of the day: "pukul 9 malam" = 21:00,
/// "pukul 1 siang" = 13:00, "pukul 12 malam" = 00:00.
fn hour_in_part(hour: u32, part: PartOfDay) -> u32 {
    match part {
        PartOfDay::EarlyMorning | PartOfDay::Morning => {
            if hour == 12 {
                0
            } else {
                hour
            }
        }
        PartOfDay::Midday => {
            if (1..=5).contains(&hour) {
                hour + 12
            } else {
                hour
            }
        }
        PartOfDay::Afternoon | PartOfDay::Evening => {
            if hour < 12 {
                hour + 12
            } else {
                hour
            }
        }
        PartOfDay::Night => match hour {
            12 => 0,
            6..=11 => hour + 12,
            _ => hour,
        },
        PartOfDay::Midnight => hour,
    }
}

/// Parses "22.00", "22:00", "9", "10pm", "10.30pm", "0300": (hour, minute, separator,
/// glued am/pm).
fn parse_clock(
    raw: &str,
    glued_am_pm: &[(String, bool)],
) -> Option<(u32, u32, Option<char>, Option<bool>)> {
    let lower = raw.to_ascii_lowercase();
    let mut body = lower.as_str();
    let mut pm = None;
    for (suffix, is_pm) in glued_am_pm {
        if let Some(b) = body.strip_suffix(suffix.as_str())
            && b.ends_with(|c: char| c.is_ascii_digit())
        {
            body = b;
            pm = Some(*is_pm);
            break;
        }
    }
    if !body
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b':')
    {
        return None;
    }
    if let Some(pos) = body.find(['.', ':']) {
        let sep = body[pos..].chars().next()?;
        let (h, m) = (&body[..pos], &body[pos + 1..]);
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        return Some((h.parse().ok()?, m.parse().ok()?, Some(sep), pm));
    }
    match body.len() {
        1 | 2 => Some((body.parse().ok()?, 0, None, pm)),
        // Military style "0300", "2130" (only accepted before a time zone).
        4 if pm.is_none() => Some((body[..2].parse().ok()?, body[2..].parse().ok()?, None, None)),
        _ => None,
    }
}

/// Parses an all-digit date: "12/9/2022", "12/9/22", "12/9", "12.09.2022",
/// "2022/09/12". `day_first` gives the order of day and month; a part above 12 settles
/// it. Two-part forms must not end in a four-digit number ("No 12/2011" is a label).
fn parse_numeric_date(
    raw: &str,
    day_first: bool,
    published: NaiveDate,
) -> Option<(u32, u32, Option<i32>)> {
    let sep = if raw.contains('/') {
        '/'
    } else if raw.contains('.') {
        '.'
    } else {
        return None;
    };
    let parts: Vec<&str> = raw.split(sep).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let order = |a: u32, b: u32| -> Option<(u32, u32)> {
        let (d, m) = if day_first { (a, b) } else { (b, a) };
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            Some((d, m))
        } else if (1..=12).contains(&d) && (1..=31).contains(&m) {
            Some((m, d))
        } else {
            None
        }
    };
    match parts.as_slice() {
        [a, b] if sep == '/' && a.len() <= 2 && b.len() <= 2 => {
            let (d, m) = order(num(a)?, num(b)?)?;
            Some((d, m, None))
        }
        [y, m, d] if y.len() == 4 => {
            let (y, m, d) = (y.parse::<i32>().ok()?, num(m)?, num(d)?);
            NaiveDate::from_ymd_opt(y, m, d)?;
            Some((d, m, Some(y)))
        }
        [a, b, y] if a.len() <= 2 && b.len() <= 2 && (y.len() == 4 || y.len() == 2) => {
            let (d, m) = order(num(a)?, num(b)?)?;
            let mut year: i32 = y.parse().ok()?;
            if y.len() == 2 {
                let century = published.year() / 100 * 100;
                year += if year <= published.year() % 100 + 1 {
                    century
                } else {
                    century - 100
                };
            }
            NaiveDate::from_ymd_opt(year, m, d)?;
            Some((d, m, Some(year)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numeric_dates_in_both_orders() {
        let p = d(2022, 9, 14);
        assert_eq!(
            parse_numeric_date("12/9/2022", true, p),
            Some((12, 9, Some(2022)))
        );
        assert_eq!(
            parse_numeric_date("9/12/2022", false, p),
            Some((12, 9, Some(2022)))
        );
        assert_eq!(
            parse_numeric_date("25/12/2021", false, p),
            Some((25, 12, Some(2021)))
        );
        assert_eq!(parse_numeric_date("12/9", true, p), Some((12, 9, None)));
        assert_eq!(
            parse_numeric_date("12/9/22", true, p),
            Some((12, 9, Some(2022)))
        );
        assert_eq!(
            parse_numeric_date("12/9/98", true, p),
            Some((12, 9, Some(1998)))
        );
        assert_eq!(parse_numeric_date("12/2011", true, p), None);
        assert_eq!(parse_numeric_date("31/2/2022", true, p), None);
        assert_eq!(parse_numeric_date("22.00", true, p), None);
        assert_eq!(
            parse_numeric_date("2022/09/12", true, p),
            Some((12, 9, Some(2022)))
        );
    }

    #[test]
    fn clock_forms() {
        let ampm = vec![
            ("p.m".to_string(), true),
            ("pm".to_string(), true),
            ("am".to_string(), false),
        ];
        assert_eq!(parse_clock("22.00", &ampm), Some((22, 0, Some('.'), None)));
        assert_eq!(parse_clock("10:30", &ampm), Some((10, 30, Some(':'), None)));
        assert_eq!(parse_clock("10pm", &ampm), Some((10, 0, None, Some(true))));
        assert_eq!(parse_clock("0300", &ampm), Some((3, 0, None, None)));
        assert_eq!(parse_clock("12/9", &ampm), None);
        assert_eq!(parse_clock("1.000", &ampm), None);
        assert_eq!(hour_in_part(9, PartOfDay::Night), 21);
        assert_eq!(hour_in_part(1, PartOfDay::Midday), 13);
        assert_eq!(hour_in_part(12, PartOfDay::Night), 0);
        assert_eq!(hour_in_part(3, PartOfDay::Afternoon), 15);
    }

    #[test]
    fn both_languages_load() {
        for lang in [Lang::ID, Lang::EN, Lang::MS] {
            assert!(DateScanner::try_new(lang).is_ok(), "{lang}");
        }
    }

    #[test]
    fn scanner_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<DateScanner>();
    }
}
