//! Calendar arithmetic with a bias to the past: every function returns None instead of
//! panicking when a date falls outside chrono's range.

use chrono::{Datelike, Duration, NaiveDate};

use crate::data::PeriodPart;

/// `d` moved by `days`.
pub(crate) fn shift_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// Weekday of `d`, Monday = 1 … Sunday = 7.
pub(crate) fn weekday(d: NaiveDate) -> u8 {
    d.weekday().number_from_monday() as u8
}

/// Monday of the week holding `d`.
pub(crate) fn week_start(d: NaiveDate) -> Option<NaiveDate> {
    shift_days(d, -(i64::from(weekday(d)) - 1))
}

/// Most recent `wd` on or before `d` (same day allowed).
pub(crate) fn weekday_on_or_before(d: NaiveDate, wd: u8) -> Option<NaiveDate> {
    let back = (i64::from(weekday(d)) - i64::from(wd)).rem_euclid(7);
    shift_days(d, -back)
}

/// Most recent `wd` strictly before `d`.
pub(crate) fn weekday_before(d: NaiveDate, wd: u8) -> Option<NaiveDate> {
    weekday_on_or_before(shift_days(d, -1)?, wd)
}

/// Next `wd` on or after `d`.
pub(crate) fn weekday_on_or_after(d: NaiveDate, wd: u8) -> Option<NaiveDate> {
    let ahead = (i64::from(wd) - i64::from(weekday(d))).rem_euclid(7);
    shift_days(d, ahead)
}

/// Next `wd` strictly after `d`.
pub(crate) fn weekday_after(d: NaiveDate, wd: u8) -> Option<NaiveDate> {
    weekday_on_or_after(shift_days(d, 1)?, wd)
}

/// (year, month) moved by `k` months.
pub(crate) fn add_months(year: i32, month: u32, k: i32) -> (i32, u32) {
    let idx = year * 12 + month as i32 - 1 + k;
    (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
}

/// First and last day of a month.
pub(crate) fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let (ny, nm) = add_months(year, month, 1);
    let last = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
    Some((first, last))
}

/// First and last day of a year.
pub(crate) fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// Which span of a period a part names. Months split at the 10th and 20th, years into
/// thirds (Jan–Apr, May–Aug, Sep–Dec), weeks into Mon–Tue, Wed–Thu, Fri–Sun.
pub(crate) fn portion(
    start: NaiveDate,
    end: NaiveDate,
    part: Option<PeriodPart>,
    published: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let Some(part) = part else {
        return Some((start, end));
    };
    let len = (end - start).num_days() + 1;
    let (a, b): (i64, i64) = if len >= 365 {
        // A year: by months.
        let y = start.year();
        return match part {
            PeriodPart::Early => Some((start, NaiveDate::from_ymd_opt(y, 4, 30)?)),
            PeriodPart::Mid => Some((
                NaiveDate::from_ymd_opt(y, 5, 1)?,
                NaiveDate::from_ymd_opt(y, 8, 31)?,
            )),
            PeriodPart::Late => Some((NaiveDate::from_ymd_opt(y, 9, 1)?, end)),
            PeriodPart::ToDate => Some((start, end.min(published).max(start))),
            PeriodPart::Rest => Some((published.max(start).min(end), end)),
        };
    } else if len >= 28 {
        match part {
            PeriodPart::Early => (0, 9),
            PeriodPart::Mid => (10, 19),
            PeriodPart::Late => (20, len - 1),
            PeriodPart::ToDate => return Some((start, end.min(published).max(start))),
            PeriodPart::Rest => return Some((published.max(start).min(end), end)),
        }
    } else {
        match part {
            PeriodPart::Early => (0, 1),
            PeriodPart::Mid => (2, 3),
            PeriodPart::Late => (4, len - 1),
            PeriodPart::ToDate => return Some((start, end.min(published).max(start))),
            PeriodPart::Rest => return Some((published.max(start).min(end), end)),
        }
    };
    Some((shift_days(start, a)?, shift_days(start, b.min(len - 1))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_relative_to_a_wednesday() {
        let wed = d(2022, 9, 14);
        assert_eq!(weekday(wed), 3);
        assert_eq!(weekday_on_or_before(wed, 1), Some(d(2022, 9, 12)));
        assert_eq!(weekday_on_or_before(wed, 3), Some(wed));
        assert_eq!(weekday_before(wed, 3), Some(d(2022, 9, 7)));
        assert_eq!(weekday_on_or_after(wed, 5), Some(d(2022, 9, 16)));
        assert_eq!(weekday_after(wed, 3), Some(d(2022, 9, 21)));
        assert_eq!(week_start(wed), Some(d(2022, 9, 12)));
    }

    #[test]
    fn months_wrap_years() {
        assert_eq!(add_months(2022, 1, -1), (2021, 12));
        assert_eq!(add_months(2022, 12, 1), (2023, 1));
        assert_eq!(month_bounds(2024, 2), Some((d(2024, 2, 1), d(2024, 2, 29))));
    }

    #[test]
    fn portions_of_periods() {
        let pubd = d(2022, 9, 14);
        let (s, e) = month_bounds(2022, 9).unwrap();
        assert_eq!(
            portion(s, e, Some(PeriodPart::Early), pubd),
            Some((d(2022, 9, 1), d(2022, 9, 10)))
        );
        assert_eq!(
            portion(s, e, Some(PeriodPart::Late), pubd),
            Some((d(2022, 9, 21), d(2022, 9, 30)))
        );
        assert_eq!(
            portion(s, e, Some(PeriodPart::ToDate), pubd),
            Some((d(2022, 9, 1), pubd))
        );
        let (s, e) = year_bounds(2019).unwrap();
        assert_eq!(
            portion(s, e, Some(PeriodPart::Late), pubd),
            Some((d(2019, 9, 1), d(2019, 12, 31)))
        );
    }

    #[test]
    fn out_of_range_is_none_not_a_panic() {
        assert_eq!(shift_days(NaiveDate::MAX, 1), None);
        assert_eq!(month_bounds(300_000, 1), None);
    }
}
