//! Publication dates as callers write them.

use chrono::NaiveDate;

/// Parses a publication date: `YYYY-MM-DD`, RFC 3339, `YYYY-MM-DD HH:MM:SSZ`,
/// `YYYY/MM/DD`, or `DD/MM/YYYY`. Only the calendar date is kept: it anchors
/// relative expressions ("yesterday") in the article.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() >= 10 {
        let head = &s[..10];
        for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d-%m-%Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, fmt) {
                return Some(d);
            }
        }
    }
    // RFC 2822 as used by RSS feeds: "Tue, 13 Sep 2022 08:00:00 +0700".
    chrono::DateTime::parse_from_rfc2822(s)
        .ok()
        .map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        let d = NaiveDate::from_ymd_opt(2022, 9, 13).unwrap();
        assert_eq!(parse_published("2022-09-13"), Some(d));
        assert_eq!(parse_published("2022-09-13T08:00:00+07:00"), Some(d));
        assert_eq!(parse_published("2022-09-13 20:30:26Z"), Some(d));
        assert_eq!(parse_published("13/09/2022"), Some(d));
        assert_eq!(parse_published("Tue, 13 Sep 2022 08:00:00 +0700"), Some(d));
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("2022-13-45"), None);
    }
}
