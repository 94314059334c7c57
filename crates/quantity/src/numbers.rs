//! Reading one number from a sentence: digits with either separator convention
//! ("1,000" in English, "1.000" and "2,5 juta" in Indonesian), number words ("dua
//! puluh tiga", "twenty-three", "a dozen"), vague quantities ("puluhan", "thousands
//! of") and the words for one and zero that only count next to a cue ("seorang", "no").
//!
//! The date scanner reads "dua hari lalu" with the same reader.

use std::collections::BTreeMap;

use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_core::document::TokenKind;
use sitrep_lang::DataError;

use crate::lexicon::{FxMap, IdMap, Phrases, UNKNOWN, Vocab, WordSet, Words, fold};

/// The number part of `lang/<code>/numbers.toml` (the file also holds the count cues,
/// read by [`crate::CountScanner`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NumberData {
    /// Decimal mark in digits ("," in Indonesian).
    pub decimal_separator: Option<char>,
    /// Thousands separator in digits ("." in Indonesian).
    pub thousands_separator: Option<char>,
    /// Words with a value: "tiga" = 3, "sepuluh" = 10, "twenty" = 20.
    pub values: BTreeMap<String, u64>,
    /// Words multiplying the value just read: "puluh" (dua puluh = 20), "hundred", "dozen".
    pub multipliers: BTreeMap<String, u64>,
    /// Words adding to the unit just read: "belas" (dua belas = 12).
    pub adders: BTreeMap<String, u64>,
    /// Scale words: "ribu", "juta", "thousand", "million".
    pub scales: BTreeMap<String, u64>,
    /// Scale words with an implied one: "seribu", "sejuta".
    pub scales_with_one: BTreeMap<String, u64>,
    /// Words meaning one that count only next to a cue ("seorang", "a", "an").
    pub singles: Vec<String>,
    /// Words meaning none that count only next to a cue ("tidak ada", "no one").
    pub zeros: Vec<String>,
    /// Link words between a vague quantity and a scale or noun ("of" in "tens of thousands").
    pub of_words: Vec<String>,
    /// Vague quantities with the range they stand for.
    pub approximate: Vec<ApproximateEntry>,
}

/// A vague quantity ("puluhan" = 20..=99) from the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApproximateEntry {
    /// The words ("puluhan", "tens", "a few").
    pub words: String,
    /// Smallest number the words allow.
    pub min: u64,
    /// Largest, when the words imply one.
    pub max: Option<u64>,
    /// Too vague to report without a cue ("beberapa", "several", "many").
    #[serde(default)]
    pub needs_cue: bool,
}

/// How a number was written: decides whether it may stand alone as a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberForm {
    /// Digits ("12", "1.000", "2,5 juta").
    Digits,
    /// Number words ("tiga", "twenty-three", "seratus").
    Words,
    /// A vague quantity ("puluhan", "thousands"); `needs_cue` when too vague to stand alone.
    Approximate {
        /// True for "beberapa", "several", "many".
        needs_cue: bool,
    },
    /// A word meaning one ("seorang", "a").
    Single,
    /// A word meaning none ("tidak ada", "no").
    Zero,
}

/// A number read at some item of a [`Words`] view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberRead {
    /// Smallest value the words allow.
    pub min: u64,
    /// Largest; equals `min` for an exact number, None when open.
    pub max: Option<u64>,
    /// Item index one past the number.
    pub end: usize,
    /// How it was written.
    pub form: NumberForm,
}

impl NumberRead {
    /// The exact value, for numbers that are not vague.
    pub fn exact(&self) -> Option<u64> {
        match self.form {
            NumberForm::Digits | NumberForm::Words | NumberForm::Single | NumberForm::Zero => {
                Some(self.min)
            }
            NumberForm::Approximate { .. } => None,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Value(u64),
    Multiply(u64),
    Add(u64),
    Scale(u64),
    ScaleOne(u64),
}

/// Reads numbers for one language; build once with the vocabulary of the scanner using it.
#[derive(Debug, Clone)]
pub struct NumberReader {
    ops: IdMap<Op>,
    ops_by_word: FxMap<Box<str>, Op>,
    scales: IdMap<u64>,
    singles: Phrases<()>,
    zeros: Phrases<()>,
    of_words: Phrases<()>,
    approximate: Phrases<(u64, Option<u64>, bool)>,
    /// Every word that can start a number: most tokens are turned away by one bit test.
    starters: WordSet,
    decimal: char,
    thousands: char,
}

impl NumberReader {
    /// Loads the number words of `lang` (Malay reads Indonesian data) into `vocab`.
    pub fn new(lang: Lang, vocab: &mut Vocab) -> Result<NumberReader, DataError> {
        let data_lang = sitrep_lang::data_language(lang);
        let data: NumberData =
            sitrep_lang::toml_file(data_lang, "numbers.toml")?.unwrap_or_default();
        Ok(NumberReader::from_data(&data, vocab))
    }

    /// Builds the reader from parsed data.
    pub fn from_data(data: &NumberData, vocab: &mut Vocab) -> NumberReader {
        let mut ops = IdMap::new();
        let mut ops_by_word: FxMap<Box<str>, Op> = FxMap::default();
        let mut scales = IdMap::new();
        type MakeOp = fn(u64) -> Op;
        let tables: [(&BTreeMap<String, u64>, MakeOp); 5] = [
            (&data.values, Op::Value),
            (&data.multipliers, Op::Multiply),
            (&data.adders, Op::Add),
            (&data.scales, Op::Scale),
            (&data.scales_with_one, Op::ScaleOne),
        ];
        for (table, make) in tables {
            for (w, &v) in table {
                let f = fold(w.trim());
                ops.insert(vocab.intern(&f), make(v));
                ops_by_word.insert(f.into(), make(v));
            }
        }
        for (w, &v) in &data.scales {
            scales.insert(vocab.intern(&fold(w.trim())), v);
        }
        let phrases = |list: &[String], vocab: &mut Vocab| {
            let mut p = Phrases::new();
            for w in list {
                p.insert(vocab.intern_phrase(w), ());
            }
            p
        };
        let singles = phrases(&data.singles, vocab);
        let zeros = phrases(&data.zeros, vocab);
        let of_words = phrases(&data.of_words, vocab);
        let mut approximate = Phrases::new();
        for a in &data.approximate {
            approximate.insert(vocab.intern_phrase(&a.words), (a.min, a.max, a.needs_cue));
        }
        let mut starters = WordSet::default();
        for id in ops.ids() {
            starters.insert(id);
        }
        singles.add_first_words_to(&mut starters);
        zeros.add_first_words_to(&mut starters);
        approximate.add_first_words_to(&mut starters);
        NumberReader {
            starters,
            ops,
            ops_by_word,
            scales,
            singles,
            zeros,
            of_words,
            approximate,
            decimal: data.decimal_separator.unwrap_or('.'),
            thousands: data.thousands_separator.unwrap_or(','),
        }
    }

    /// The number starting at item `i`, if one does.
    pub fn read(&self, words: &Words<'_>, i: usize) -> Option<NumberRead> {
        if i >= words.len() {
            return None;
        }
        if words.kind(i) == TokenKind::Number {
            return self.read_digits(words, i);
        }
        let id = words.id(i);
        if id == UNKNOWN {
            // Only hyphenated number words ("twenty-three") are outside the vocabulary.
            if !words.item(i).hyphenated {
                return None;
            }
            return self.read_words(words, i);
        }
        if !self.starters.contains(id) {
            return None;
        }
        if let Some((_, n)) = self.zeros.longest(words, i) {
            return Some(NumberRead {
                min: 0,
                max: Some(0),
                end: i + n,
                form: NumberForm::Zero,
            });
        }
        if let Some((&(min, max, needs_cue), n)) = self.approximate.longest(words, i) {
            let mut end = i + n;
            let (mut min, mut max) = (min, max);
            // "puluhan ribu", "tens of thousands": a vague count of a scale.
            let mut j = end;
            if let Some((_, k)) = self.of_words.longest(words, j) {
                j += k;
            }
            if let Some(&scale) = self.scales.get(words.id(j)) {
                min = min.saturating_mul(scale);
                max = max.map(|m| m.saturating_add(1).saturating_mul(scale) - 1);
                end = j + 1;
            }
            return Some(NumberRead {
                min,
                max,
                end,
                form: NumberForm::Approximate { needs_cue },
            });
        }
        if let Some(r) = self.read_words(words, i) {
            return Some(r);
        }
        if let Some((_, n)) = self.singles.longest(words, i) {
            return Some(NumberRead {
                min: 1,
                max: Some(1),
                end: i + n,
                form: NumberForm::Single,
            });
        }
        None
    }

    /// Length of a link word ("of") at item `i`: "thousands of protesters".
    pub fn of_word_len(&self, words: &Words<'_>, i: usize) -> Option<usize> {
        self.of_words.longest(words, i).map(|(_, n)| n)
    }

    /// Words that can start a number (digits aside).
    pub fn starters(&self) -> &WordSet {
        &self.starters
    }

    /// True when `id` is a scale word ("ribu", "million"): a number before it is part
    /// of the same quantity.
    pub fn is_scale(&self, id: u32) -> bool {
        self.scales.contains_key(id)
    }

    fn read_digits(&self, words: &Words<'_>, i: usize) -> Option<NumberRead> {
        let scale = self.scales.get(words.id(i + 1)).copied();
        let d = parse_digits(words.raw(i), self.decimal, self.thousands, scale.is_some())?;
        let (value, end) = match scale {
            Some(scale) => (d.times(scale)?, i + 2),
            None => (d.integer()?, i + 1),
        };
        Some(NumberRead {
            min: value,
            max: Some(value),
            end,
            form: NumberForm::Digits,
        })
    }

    fn read_words(&self, words: &Words<'_>, i: usize) -> Option<NumberRead> {
        let mut acc = Accumulator::default();
        let mut j = i;
        while j < words.len() {
            let id = words.id(j);
            let ok = if let Some(&op) = self.ops.get(id) {
                acc.apply(op)
            } else if id == UNKNOWN && words.item(j).hyphenated {
                // "twenty-three": every part must be a number word, all or nothing.
                let mut trial = acc;
                let all = words
                    .folded(j)
                    .split('-')
                    .all(|p| self.ops_by_word.get(p).is_some_and(|&op| trial.apply(op)));
                if all {
                    acc = trial;
                }
                all
            } else if acc.state == State::Start
                && self.singles.longest(words, j).is_some_and(|(_, n)| n == 1)
                && matches!(
                    self.ops.get(words.id(j + 1)),
                    Some(Op::Multiply(_)) | Some(Op::Scale(_))
                )
            {
                // "a hundred", "a dozen": the article is a one before a multiplier or scale.
                acc.apply(Op::Value(1))
            } else {
                false
            };
            if !ok {
                break;
            }
            j += 1;
        }
        if j == i || !acc.complete() {
            return None;
        }
        let value = acc.value();
        Some(NumberRead {
            min: value,
            max: Some(value),
            end: j,
            form: NumberForm::Words,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Start,
    /// After a plain value ("dua", "twenty").
    Value,
    /// After a multiplier or adder ("puluh", "belas", "hundred").
    Multiplied,
    /// After a scale ("ribu", "thousand").
    Scaled,
}

/// Builds a value from number words: "dua ratus lima puluh ribu" = 250 000.
#[derive(Debug, Clone, Copy, Default)]
struct Accumulator {
    total: u64,
    current: u64,
    last: u64,
    state: State,
}

impl Accumulator {
    fn apply(&mut self, op: Op) -> bool {
        match op {
            Op::Value(v) => {
                let allowed = match self.state {
                    State::Start | State::Multiplied | State::Scaled => true,
                    // "twenty three", "seratus dua": a smaller part after a round number.
                    State::Value => {
                        self.last >= 10 && self.last.is_multiple_of(10) && v < order_of(self.last)
                    }
                };
                if !allowed {
                    return false;
                }
                self.current = self.current.saturating_add(v);
                self.last = v;
                self.state = State::Value;
            }
            Op::Multiply(k) => {
                if self.state != State::Value || self.last == 0 {
                    return false;
                }
                let scaled = self.last.saturating_mul(k);
                self.current = self.current - self.last + scaled;
                self.last = scaled;
                self.state = State::Multiplied;
            }
            Op::Add(k) => {
                if self.state != State::Value || self.last >= 10 {
                    return false;
                }
                self.current += k;
                self.last += k;
                self.state = State::Multiplied;
            }
            Op::Scale(k) => {
                if self.current == 0 || !matches!(self.state, State::Value | State::Multiplied) {
                    return false;
                }
                self.total = self.total.saturating_add(self.current.saturating_mul(k));
                self.current = 0;
                self.last = 0;
                self.state = State::Scaled;
            }
            Op::ScaleOne(k) => {
                if !matches!(self.state, State::Start | State::Scaled) {
                    return false;
                }
                self.total = self.total.saturating_add(k);
                self.state = State::Scaled;
            }
        }
        true
    }

    fn complete(&self) -> bool {
        self.state != State::Start
    }

    fn value(&self) -> u64 {
        self.total.saturating_add(self.current)
    }
}

/// The power of ten of `n` (20 → 10, 100 → 100, 345 → 100).
fn order_of(n: u64) -> u64 {
    let mut p = 1;
    while p <= n / 10 {
        p *= 10;
    }
    p
}

/// A decimal read from digits: `mantissa / 10^decimals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    /// All digits as one integer.
    pub mantissa: u64,
    /// Digits after the decimal mark.
    pub decimals: u32,
}

impl Decimal {
    /// The value when it is a whole number.
    pub fn integer(&self) -> Option<u64> {
        if self.decimals == 0 {
            Some(self.mantissa)
        } else {
            None
        }
    }

    /// `self × scale` when that is a whole number ("2,5 juta" = 2 500 000).
    pub fn times(&self, scale: u64) -> Option<u64> {
        let div = 10u64.checked_pow(self.decimals)?;
        let num = self.mantissa.checked_mul(scale)?;
        (num % div == 0).then_some(num / div)
    }
}

/// Parses a digit token with the language's separators. `before_scale` is true when a
/// scale word follows ("1,5 juta"), which settles "1,500" between decimal and thousands.
/// None for anything that is not a plain number ("12/9", "10:30", "20th", "1.2.3").
pub fn parse_digits(
    raw: &str,
    decimal: char,
    thousands: char,
    before_scale: bool,
) -> Option<Decimal> {
    if raw.is_empty()
        || !raw
            .chars()
            .all(|c| c.is_ascii_digit() || c == decimal || c == thousands)
    {
        return None;
    }
    let groups: Vec<&str> = raw.split([decimal, thousands]).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let seps: Vec<char> = raw
        .chars()
        .filter(|c| *c == decimal || *c == thousands)
        .collect();
    let digits_only = |s: &str| -> Option<u64> {
        if s.len() > 18 {
            return None;
        }
        s.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    let thousands_groups_ok =
        |gs: &[&str]| gs[0].len() <= 3 && gs[1..].iter().all(|g| g.len() == 3);
    match seps.as_slice() {
        [] => Some(Decimal {
            mantissa: digits_only(raw)?,
            decimals: 0,
        }),
        _ if seps.iter().all(|&c| c == thousands) => {
            if thousands_groups_ok(&groups) {
                Some(Decimal {
                    mantissa: digits_only(raw)?,
                    decimals: 0,
                })
            } else if seps.len() == 1 && before_scale {
                // "1.5 million" written with the other convention.
                let frac = groups[1].len() as u32;
                Some(Decimal {
                    mantissa: digits_only(raw)?,
                    decimals: frac,
                })
            } else {
                None
            }
        }
        _ => {
            // Exactly one decimal mark, last, after well-formed thousands groups.
            let n_dec = seps.iter().filter(|&&c| c == decimal).count();
            if n_dec != 1 || *seps.last()? != decimal {
                return None;
            }
            let int_groups = &groups[..groups.len() - 1];
            if int_groups.len() > 1 && !thousands_groups_ok(int_groups) {
                return None;
            }
            let frac = groups[groups.len() - 1];
            if int_groups.len() == 1 && frac.len() == 3 && !before_scale && int_groups[0].len() <= 3
            {
                // "1,000" in an Indonesian text (or "1.000" in English): a fraction of a
                // person makes no sense, so read the mark as a thousands separator.
                return Some(Decimal {
                    mantissa: digits_only(raw)?,
                    decimals: 0,
                });
            }
            Some(Decimal {
                mantissa: digits_only(raw)?,
                decimals: frac.len() as u32,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_in_both_conventions() {
        let id = |s: &str, sc: bool| parse_digits(s, ',', '.', sc);
        let en = |s: &str, sc: bool| parse_digits(s, '.', ',', sc);
        assert_eq!(id("1.000", false).and_then(|d| d.integer()), Some(1000));
        assert_eq!(
            id("1.250.000", false).and_then(|d| d.integer()),
            Some(1_250_000)
        );
        assert_eq!(
            id("2,5", true).and_then(|d| d.times(1_000_000)),
            Some(2_500_000)
        );
        assert_eq!(id("2,5", false).and_then(|d| d.integer()), None);
        assert_eq!(id("1,000", false).and_then(|d| d.integer()), Some(1000));
        assert_eq!(en("1,000", false).and_then(|d| d.integer()), Some(1000));
        assert_eq!(
            en("12,500,000", false).and_then(|d| d.integer()),
            Some(12_500_000)
        );
        assert_eq!(
            en("1.5", true).and_then(|d| d.times(1_000_000)),
            Some(1_500_000)
        );
        assert_eq!(en("1,234.5", false).and_then(|d| d.integer()), None);
        assert_eq!(en("12/9", false), None);
        assert_eq!(en("10:30", false), None);
        assert_eq!(en("1,00", false), None);
        assert_eq!(en("20th", false), None);
        assert_eq!(en("99999999999999999999", false), None);
    }

    #[test]
    fn accumulates_number_words() {
        let run = |ops: &[Op]| {
            let mut a = Accumulator::default();
            for &op in ops {
                if !a.apply(op) {
                    return None;
                }
            }
            Some(a.value())
        };
        use Op::*;
        // dua puluh tiga
        assert_eq!(run(&[Value(2), Multiply(10), Value(3)]), Some(23));
        // dua belas
        assert_eq!(run(&[Value(2), Add(10)]), Some(12));
        // seratus dua puluh
        assert_eq!(run(&[Value(100), Value(2), Multiply(10)]), Some(120));
        // dua ribu lima ratus
        assert_eq!(
            run(&[Value(2), Scale(1000), Value(5), Multiply(100)]),
            Some(2500)
        );
        // seribu lima ratus
        assert_eq!(run(&[ScaleOne(1000), Value(5), Multiply(100)]), Some(1500));
        // tiga ratus ribu
        assert_eq!(run(&[Value(3), Multiply(100), Scale(1000)]), Some(300_000));
        // twenty three
        assert_eq!(run(&[Value(20), Value(3)]), Some(23));
        // "dua tiga" is two numbers, not five
        assert_eq!(run(&[Value(2), Value(3)]), None);
    }
}
