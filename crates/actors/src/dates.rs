//! Coarse calendar arithmetic for terms of office: curated dates may be a year, a month or a day,
//! and a query may be a year or a day, so everything becomes an inclusive span of day numbers.

use chrono::{Datelike, NaiveDate};

/// A monotonic day number (`year * 372 + (month - 1) * 31 + day - 1`). Not a calendar: only
/// comparisons and rough lengths are needed, and it needs no validation of day-of-month.
pub(crate) type Day = i32;

/// Earliest and latest representable days: open ends of terms.
pub(crate) const MIN_DAY: Day = i32::MIN / 2;
pub(crate) const MAX_DAY: Day = i32::MAX / 2;

pub(crate) fn day(year: i32, month: u32, d: u32) -> Day {
    year * 372 + (month as i32 - 1) * 31 + d as i32 - 1
}

/// Day number of a date.
pub(crate) fn day_of(date: NaiveDate) -> Day {
    day(date.year(), date.month(), date.day())
}

/// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" as the first day it can mean (`start`) or the last
/// (`!start`). `None` for anything else.
pub(crate) fn parse(s: &str, start: bool) -> Option<Day> {
    let mut parts = s.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let m: Option<u32> = match parts.next() {
        Some(p) => Some(p.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let d: Option<u32> = match parts.next() {
        Some(p) => Some(p.parse().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    if parts.next().is_some() || (m.is_none() && d.is_some()) {
        return None;
    }
    Some(match (m, d, start) {
        (None, _, true) => day(y, 1, 1),
        (None, _, false) => day(y, 12, 31),
        (Some(m), None, true) => day(y, m, 1),
        (Some(m), None, false) => day(y, m, 31),
        (Some(m), Some(d), _) => day(y, m, d),
    })
}

/// An inclusive span of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub lo: Day,
    pub hi: Day,
}

impl Span {
    /// Every day: open at both ends.
    pub const ALL: Span = Span {
        lo: MIN_DAY,
        hi: MAX_DAY,
    };

    /// Days both spans share (0 when disjoint). Saturates for open spans.
    pub fn overlap(&self, other: &Span) -> i64 {
        let lo = self.lo.max(other.lo) as i64;
        let hi = self.hi.min(other.hi) as i64;
        (hi - lo + 1).max(0)
    }

    /// The whole of `year`.
    pub fn year(year: i32) -> Span {
        Span {
            lo: day(year, 1, 1),
            hi: day(year, 12, 31),
        }
    }

    /// A single day.
    pub fn on(date: NaiveDate) -> Span {
        let d = day_of(date);
        Span { lo: d, hi: d }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coarse_dates_cover_their_whole_period() {
        assert_eq!(parse("2014", true), Some(day(2014, 1, 1)));
        assert_eq!(parse("2014", false), Some(day(2014, 12, 31)));
        assert_eq!(parse("2014-10", false), Some(day(2014, 10, 31)));
        assert_eq!(parse("2014-10-20", true), Some(day(2014, 10, 20)));
        assert_eq!(parse("2014-13", true), None);
        assert_eq!(parse("20141020", true), None);
        assert_eq!(parse("", true), None);
    }

    #[test]
    fn overlap_counts_shared_days() {
        let term = Span {
            lo: day(2014, 10, 20),
            hi: day(2024, 10, 20),
        };
        assert!(term.overlap(&Span::year(2024)) > 250);
        let late = term.overlap(&Span::year(2014));
        assert!((60..80).contains(&late), "{late}");
        assert_eq!(term.overlap(&Span::year(2025)), 0);
        assert!(Span::ALL.overlap(&Span::year(2000)) > 0);
    }
}
