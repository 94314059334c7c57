//! Bad input gets no panic: word salad built from the scanners' own vocabulary (the
//! words most likely to reach odd code paths), extreme publication dates, and the
//! checks that every reported span points at the text it claims.

use chrono::NaiveDate;
use sitrep_core::Lang;
use sitrep_quantity::CountScanner;
use sitrep_segment::Segmenter;
use sitrep_time::DateScanner;

const PIECES: &[&str] = &[
    "Senin",
    "Minggu",
    "minggu",
    "lalu",
    "depan",
    "pada",
    "sejak",
    "tahun",
    "bulan",
    "pekan",
    "akhir",
    "awal",
    "hari",
    "ini",
    "kemarin",
    "semalam",
    "pukul",
    "22.00",
    "WIB",
    "(",
    ")",
    ",",
    ".",
    "-",
    "12/9",
    "12/9/2022",
    "31/2/2022",
    "2014",
    "1990",
    "an",
    "tiga",
    "puluh",
    "belas",
    "ratus",
    "ribu",
    "juta",
    "2,5",
    "1.000",
    "sedikitnya",
    "lebih",
    "dari",
    "tewas",
    "menewaskan",
    "orang",
    "warga",
    "Monday",
    "last",
    "next",
    "week",
    "weekend",
    "the",
    "in",
    "on",
    "at",
    "10",
    "p.m",
    "a.m",
    "Sept",
    "September",
    "May",
    "mid-March",
    "1990s",
    "ago",
    "two",
    "days",
    "twenty-three",
    "dozens",
    "of",
    "killed",
    "were",
    "soldiers",
    "no",
    "one",
    "hundred",
    "thousand",
    "0300",
    "GMT",
    "99999999999999999999",
    "9/12/2022",
    "tengah",
    "malam",
    "tak",
    "lama",
    "setelah",
    "between",
    "and",
    "up",
    "to",
    "akan",
    "will",
    "since",
];

/// Deterministic pseudo-random numbers (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 33) as usize
    }
}

#[test]
fn word_salad_and_extreme_dates_do_not_panic() {
    let dates = [
        NaiveDate::MIN,
        NaiveDate::MAX,
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        NaiveDate::from_ymd_opt(2022, 12, 31).unwrap(),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for lang in [Lang::ID, Lang::EN] {
        let segmenter = Segmenter::new(lang);
        let dates_scanner = DateScanner::new(lang);
        let counts = CountScanner::new(lang);
        for _ in 0..1500 {
            let n = 1 + rng.next() % 14;
            let text: Vec<&str> = (0..n).map(|_| PIECES[rng.next() % PIECES.len()]).collect();
            let text = text.join(if rng.next().is_multiple_of(4) {
                ""
            } else {
                " "
            });
            for s in segmenter.split(&text) {
                for &published in &dates {
                    for m in dates_scanner.scan(&text, &s, published) {
                        assert!(m.start < m.end && m.end <= text.len(), "{text:?}: {m:?}");
                        assert_eq!(&text[m.start..m.end], m.text);
                        assert!(m.first_token < m.end_token && m.end_token <= s.tokens.len());
                        assert!(m.enddate.is_none_or(|e| e > m.date), "{text:?}: {m:?}");
                    }
                }
                for c in counts.scan(&text, &s) {
                    assert_eq!(&text[c.start..c.end], c.text);
                    assert!(c.max.is_none_or(|m| m >= c.min), "{text:?}: {c:?}");
                    assert!(c.first_token < c.end_token && c.end_token <= s.tokens.len());
                    assert!(c.head_token < s.tokens.len());
                }
            }
        }
    }
}
