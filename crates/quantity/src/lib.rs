//! Counts in text: digits, number words and hedges ("at least 12", "puluhan"), and
//! what they count (dead, injured, crowd size, arrested, displaced), decided by cue
//! words around them: "menewaskan tiga tentara", "three soldiers were killed",
//! "korban tewas bertambah menjadi 12", "ribuan pengunjuk rasa".
//!
//! All language knowledge is in `lang/<code>/numbers.toml`; the scanner is built once
//! and shared across threads.

/// Word ids, phrase tables and the folded token view (shared with `sitrep-time`).
pub mod lexicon;
/// Reading one number: digits, number words, vague quantities.
pub mod numbers;

use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_core::document::{Sentence, TokenKind};
use sitrep_core::record::Magnitude;
use sitrep_lang::DataError;

use crate::lexicon::{Phrases, UNKNOWN, Vocab, WordSet, Words};
use crate::numbers::{NumberData, NumberForm, NumberRead, NumberReader};

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountKind {
    /// People killed (`dead`).
    Dead,
    /// People injured (`injured`).
    Injured,
    /// Crowd or force size (`size`).
    Size,
    /// People arrested or detained.
    Arrested,
    /// People displaced or evacuated.
    Displaced,
    /// A number with no cue saying what it counts.
    Other,
}

impl CountKind {
    /// Name used in data files and debugging output ("dead", "injured", ...).
    pub fn as_str(&self) -> &'static str {
        match self {
            CountKind::Dead => "dead",
            CountKind::Injured => "injured",
            CountKind::Size => "size",
            CountKind::Arrested => "arrested",
            CountKind::Displaced => "displaced",
            CountKind::Other => "other",
        }
    }

    /// Parses a data-file name.
    pub fn parse(s: &str) -> Option<CountKind> {
        Some(match s {
            "dead" => CountKind::Dead,
            "injured" => CountKind::Injured,
            "size" => CountKind::Size,
            "arrested" => CountKind::Arrested,
            "displaced" => CountKind::Displaced,
            "other" => CountKind::Other,
            _ => return None,
        })
    }
}

/// A count read from text: `min`..=`max` (`max` None when open-ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// Lower bound.
    pub min: u64,
    /// Upper bound, None when open ("at least 12", "soldiers were killed").
    pub max: Option<u64>,
    /// Index of the first token of the expression in the sentence.
    pub first_token: usize,
    /// Index one past the last token.
    pub end_token: usize,
    /// What is counted.
    pub what: CountKind,
    /// Token of the counted noun ("tentara" in "tiga tentara"), else the cue, else the
    /// number: where the events engine anchors the count to a trigger.
    pub head_token: usize,
    /// Token of the cue that decided `what` ("menewaskan", "killed"), when there is one.
    pub cue_token: Option<usize>,
    /// The words of the count and the counted noun ("sedikitnya tiga tentara").
    pub text: String,
    /// Byte offset of `text` in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// No number was written: "soldiers were killed" (min 1, max None) or
    /// "the soldier was killed" (exactly 1).
    pub implicit: bool,
    /// The text does not give one exact number: hedged ("sekitar", "at least") or vague
    /// ("puluhan", "dozens").
    pub approximate: bool,
}

impl Count {
    /// The count as a record magnitude.
    pub fn magnitude(&self) -> Magnitude {
        Magnitude {
            min: self.min,
            max: self.max,
            text: Some(self.text.clone()),
        }
    }
}

/// How a hedge bends the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    AtLeast,
    MoreThan,
    Nearly,
    About,
    UpTo,
    LessThan,
    Between,
}

impl Hedge {
    fn parse(s: &str) -> Option<Hedge> {
        Some(match s {
            "at-least" => Hedge::AtLeast,
            "more-than" => Hedge::MoreThan,
            "nearly" => Hedge::Nearly,
            "about" => Hedge::About,
            "up-to" => Hedge::UpTo,
            "less-than" => Hedge::LessThan,
            "between" => Hedge::Between,
            _ => return None,
        })
    }
}

/// Where a cue sits relative to the count it decides.
#[derive(Debug, Clone, Copy)]
struct Cue {
    kind: CountKind,
    before: bool,
    after: bool,
    noun: bool,
    toll: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CountData {
    hedges: Vec<HedgeEntry>,
    range_words: Vec<String>,
    between_and: Vec<String>,
    not_before: Vec<String>,
    not_after: Vec<String>,
    cues: Vec<CueEntry>,
    auxiliaries: Vec<String>,
    left_gap: Vec<String>,
    #[serde(default)]
    inverted_copulas: Vec<String>,
    noun_stops: Vec<String>,
    conjunctions: Vec<String>,
    determiners: Vec<String>,
    person_nouns: Vec<String>,
    plural_nouns: Vec<String>,
    size_nouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgeEntry {
    words: String,
    kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueEntry {
    words: String,
    kind: String,
    at: Vec<String>,
}

/// Month and weekday names, read from `time.toml`: "12 September" is a date, not a
/// count, and "500 finished Thursday" ends its noun phrase before "Thursday".
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MonthNames {
    months: Vec<Vec<String>>,
    month_abbreviations: Vec<Vec<String>>,
    weekdays: Vec<Vec<String>>,
}

/// Keys `numbers.toml` may contain: a misspelt key is an error, not silently ignored.
const KNOWN_KEYS: &[&str] = &[
    "decimal_separator",
    "thousands_separator",
    "values",
    "multipliers",
    "adders",
    "scales",
    "scales_with_one",
    "singles",
    "zeros",
    "of_words",
    "approximate",
    "hedges",
    "range_words",
    "between_and",
    "not_before",
    "not_after",
    "cues",
    "auxiliaries",
    "left_gap",
    "inverted_copulas",
    "noun_stops",
    "conjunctions",
    "determiners",
    "person_nouns",
    "plural_nouns",
    "size_nouns",
];

/// Words of a counted noun phrase ("tiga *anggota TNI AD*"); one more when its cue
/// follows right after ("seorang *terduga pencuri kotak amal* hingga tewas").
const NOUN_WORDS: usize = 3;

/// Count scanner for one language.
pub struct CountScanner {
    vocab: Vocab,
    numbers: NumberReader,
    hedges: Phrases<Hedge>,
    range_words: Phrases<()>,
    between_and: Phrases<()>,
    not_before: Phrases<()>,
    not_after: Phrases<()>,
    months: Phrases<()>,
    /// Month and weekday names: never part of a counted noun phrase.
    calendar_words: Phrases<()>,
    cues: Phrases<Cue>,
    auxiliaries: Phrases<()>,
    left_gap: Phrases<()>,
    /// Copulas after which a count ends an inverted clause ("Killed in the blast *were*
    /// four officers"): a cue before the copula counts what follows it.
    inverted_copulas: Phrases<()>,
    noun_stops: WordSet,
    conjunctions: WordSet,
    determiners: WordSet,
    person_nouns: Phrases<()>,
    plural_nouns: WordSet,
    size_nouns: Phrases<()>,
    /// The language marks plurals with -s (English), so "the soldier" counts one.
    marks_plural: bool,
}

/// A number phrase with its hedge, before deciding what it counts.
#[derive(Debug, Clone)]
struct Phrase {
    start: usize,
    end: usize,
    min: u64,
    max: Option<u64>,
    /// Counts only with a cue ("seorang", "beberapa", "no").
    weak: bool,
    approximate: bool,
}

/// What the words around a phrase say it counts.
#[derive(Debug, Clone, Copy)]
struct Reading {
    kind: CountKind,
    cue: Option<usize>,
    /// Decided by a cue before the count (distributes over "A and B").
    from_left: bool,
    /// Decided by a cue after the counted noun (distributes backwards).
    from_right: bool,
    /// Item one past the counted noun phrase.
    noun_end: usize,
    /// Item one past the words reported as the count's text, when a cue after the
    /// noun phrase fixed it.
    text_end: usize,
    /// End of the noun phrase cut after its last person or proper noun.
    trimmed_end: Option<usize>,
    /// End of the first word of the noun phrase ("42 rumah").
    first_noun_end: usize,
    head: Option<usize>,
    /// The counted noun is a person or crowd (or there is none): cues may spread to it.
    person: bool,
    /// The counted noun is a crowd or force.
    crowd: bool,
}

impl CountScanner {
    /// Loads `lang/<code>/numbers.toml` (Malay reads the Indonesian file).
    ///
    /// The data is compiled into the binary and checked by this crate's tests, so a
    /// broken file cannot reach a user; use [`CountScanner::try_new`] to see the error.
    pub fn new(lang: Lang) -> CountScanner {
        match CountScanner::try_new(lang) {
            Ok(s) => s,
            Err(e) => panic!("embedded language data is broken: {e}"),
        }
    }

    /// Loads `lang/<code>/numbers.toml`, reporting a malformed file.
    pub fn try_new(lang: Lang) -> Result<CountScanner, DataError> {
        let data_lang = sitrep_lang::data_language(lang);
        let file = format!("lang/{data_lang}/numbers.toml");
        if let Some(text) = sitrep_lang::file(data_lang, "numbers.toml") {
            check_keys(text, &file)?;
        }
        let numbers_data: NumberData =
            sitrep_lang::toml_file(data_lang, "numbers.toml")?.unwrap_or_default();
        let data: CountData =
            sitrep_lang::toml_file(data_lang, "numbers.toml")?.unwrap_or_default();
        let month_data: MonthNames =
            sitrep_lang::toml_file(data_lang, "time.toml")?.unwrap_or_default();
        let err = |message: String| DataError {
            file: file.clone(),
            message,
        };

        let mut vocab = Vocab::new();
        let numbers = NumberReader::from_data(&numbers_data, &mut vocab);
        let mut hedges = Phrases::new();
        for h in &data.hedges {
            let kind = Hedge::parse(&h.kind)
                .ok_or_else(|| err(format!("hedge {:?}: unknown kind {:?}", h.words, h.kind)))?;
            hedges.insert(vocab.intern_phrase(&h.words), kind);
        }
        let mut cues = Phrases::new();
        for c in &data.cues {
            let kind = CountKind::parse(&c.kind)
                .ok_or_else(|| err(format!("cue {:?}: unknown kind {:?}", c.words, c.kind)))?;
            let mut cue = Cue {
                kind,
                before: false,
                after: false,
                noun: false,
                toll: false,
            };
            for a in &c.at {
                match a.as_str() {
                    "before" => cue.before = true,
                    "after" => cue.after = true,
                    "noun" => cue.noun = true,
                    "toll" => cue.toll = true,
                    other => {
                        return Err(err(format!("cue {:?}: unknown place {other:?}", c.words)));
                    }
                }
            }
            cues.insert(vocab.intern_phrase(&c.words), cue);
        }
        let mut phrases = |list: &[String]| {
            let mut p = Phrases::new();
            for w in list {
                p.insert(vocab.intern_phrase(w), ());
            }
            p
        };
        let range_words = phrases(&data.range_words);
        let between_and = phrases(&data.between_and);
        let not_before = phrases(&data.not_before);
        let not_after = phrases(&data.not_after);
        let auxiliaries = phrases(&data.auxiliaries);
        let left_gap = phrases(&data.left_gap);
        let inverted_copulas = phrases(&data.inverted_copulas);
        let person_nouns = phrases(&data.person_nouns);
        let size_nouns = phrases(&data.size_nouns);
        let month_words: Vec<String> = month_data
            .months
            .iter()
            .chain(&month_data.month_abbreviations)
            .flatten()
            .cloned()
            .collect();
        let months = phrases(&month_words);
        let day_words: Vec<String> = month_data.weekdays.iter().flatten().cloned().collect();
        let calendar_words = phrases(&[month_words, day_words].concat());
        let noun_stops = WordSet::build(&mut vocab, &data.noun_stops);
        let conjunctions = WordSet::build(&mut vocab, &data.conjunctions);
        let determiners = WordSet::build(&mut vocab, &data.determiners);
        let plural_nouns = WordSet::build(&mut vocab, &data.plural_nouns);
        Ok(CountScanner {
            vocab,
            numbers,
            hedges,
            range_words,
            between_and,
            not_before,
            not_after,
            months,
            calendar_words,
            cues,
            auxiliaries,
            left_gap,
            inverted_copulas,
            noun_stops,
            conjunctions,
            determiners,
            person_nouns,
            marks_plural: !data.plural_nouns.is_empty(),
            plural_nouns,
            size_nouns,
        })
    }

    /// Counts in `sentence`, in text order. Numbers that are not counts of people or
    /// things (times, dates, money, measures, ages, labels) are left out.
    pub fn scan(&self, text: &str, sentence: &Sentence) -> Vec<Count> {
        let w = Words::new(text, sentence, &self.vocab);
        let n = w.len();
        let mut phrases = Vec::new();
        let mut i = 0;
        while i < n {
            match self.phrase_at(&w, i) {
                Some((phrase, next)) => {
                    if let Some(p) = phrase {
                        phrases.push(p);
                    }
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }

        let mut readings: Vec<Reading> = phrases.iter().map(|p| self.read_context(&w, p)).collect();
        self.distribute(&w, &phrases, &mut readings);
        for r in &mut readings {
            if r.kind == CountKind::Other && r.crowd {
                r.kind = CountKind::Size;
            }
        }

        let mut out = Vec::new();
        for (p, r) in phrases.iter().zip(&readings) {
            let cue_decided = r.cue.is_some();
            if p.weak && !cue_decided {
                continue;
            }
            // The words reported: the whole noun phrase when a cue follows it; else the
            // phrase up to its last person or proper noun; else, for an unexplained
            // number, its first noun ("42 rumah"), and for a cued one the number alone.
            let end_item = if r.text_end > 0 {
                r.text_end
            } else if let Some(t) = r.trimmed_end {
                t
            } else if r.kind == CountKind::Other {
                r.first_noun_end
            } else {
                p.end
            };
            let head = r.head.or(r.cue).unwrap_or(p.end - 1);
            out.push(self.make_count(
                &w,
                p.start,
                end_item,
                p.min,
                p.max,
                r.kind,
                head,
                r.cue,
                false,
                p.approximate,
            ));
        }
        self.implicit_counts(&w, &mut out);
        out.sort_by_key(|c| (c.first_token, c.end_token));
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn make_count(
        &self,
        w: &Words<'_>,
        first: usize,
        end: usize,
        min: u64,
        max: Option<u64>,
        what: CountKind,
        head: usize,
        cue: Option<usize>,
        implicit: bool,
        approximate: bool,
    ) -> Count {
        let (first_token, end_token) = w.token_range(first, end);
        Count {
            min,
            max,
            first_token,
            end_token,
            what,
            head_token: w.item(head).token,
            cue_token: cue.map(|c| w.item(c).token),
            text: w.span_text(first, end).to_string(),
            start: w.item(first).start,
            end: w.item(end - 1).end,
            implicit,
            approximate,
        }
    }

    /// Reads a hedged number or range at item `i`. Returns the phrase (None when the
    /// number is not a count: a time, a date, money, a measure) and the item to go on from.
    fn phrase_at(&self, w: &Words<'_>, i: usize) -> Option<(Option<Phrase>, usize)> {
        if w.id(i) == UNKNOWN && w.kind(i) != TokenKind::Number && !w.item(i).hyphenated {
            return None;
        }
        let (hedge, j) = match self.hedges.longest(w, i) {
            Some((&h, len)) => (Some(h), i + len),
            None => (None, i),
        };
        // "an additional 1,000", "a total of 12": the article opens a gap before the
        // number, it is not a count of one.
        if hedge.is_none() && self.left_gap.longest(w, i).is_some() {
            return None;
        }
        let first = self.numbers.read(w, j)?;
        let mut min = first.min;
        let mut max = first.max;
        let mut end = first.end;
        let exact = first.exact().is_some();
        let mut ranged = false;
        // "antara 10 dan 12", "10 hingga 12", "10-12", "two or three".
        let joiner = if hedge == Some(Hedge::Between) {
            self.between_and.longest(w, end)
        } else {
            self.range_words.longest(w, end)
        };
        if exact
            && let Some((_, len)) = joiner
            && let Some(second) = self.numbers.read(w, end + len)
            && let Some(b) = second.exact()
            && b > first.min
            && second.form != NumberForm::Single
        {
            max = Some(b);
            end = second.end;
            ranged = true;
        }
        let (min2, max2) = if ranged {
            (min, max)
        } else {
            apply_hedge(hedge, &first)
        };
        min = min2;
        max = max2;

        if self.is_not_a_count(w, i, &first, end) {
            return Some((None, end));
        }
        let weak = match first.form {
            NumberForm::Single | NumberForm::Zero => true,
            NumberForm::Approximate { needs_cue } => needs_cue,
            NumberForm::Words => first.min < 2 && hedge.is_none(),
            NumberForm::Digits => false,
        };
        let approximate =
            ranged || hedge.is_some() || matches!(first.form, NumberForm::Approximate { .. });
        Some((
            Some(Phrase {
                start: i,
                end,
                min,
                max,
                weak,
                approximate,
            }),
            end,
        ))
    }

    /// Times, dates, labels, money, measures and years are numbers but not counts.
    fn is_not_a_count(&self, w: &Words<'_>, start: usize, first: &NumberRead, end: usize) -> bool {
        // "Sept. 12": a month abbreviation and its dot before the number.
        let before_dot = if start > 0 && w.raw(start - 1) == "." {
            start - 1
        } else {
            start
        };
        if self.not_before.longest_ending_at(w, start).is_some()
            || self.not_after.longest(w, end).is_some()
            || self.months.longest_ending_at(w, start).is_some()
            || self.months.longest_ending_at(w, before_dot).is_some()
            || self.months.longest(w, end).is_some()
        {
            return true;
        }
        if is_hyphen_compound(w, end) {
            return true;
        }
        // A bare year ("2019") is only a count before a counted noun or a cue.
        if first.form == NumberForm::Digits && end == first.end {
            let raw = w.raw(end - 1);
            let is_year_like = raw.len() == 4
                && raw.bytes().all(|b| b.is_ascii_digit())
                && (1900..=2100).contains(&first.min);
            if is_year_like
                && self.person_nouns.longest(w, end).is_none()
                && self.size_nouns.longest(w, end).is_none()
                && self.cues.longest(w, end).is_none()
            {
                return true;
            }
        }
        false
    }

    /// Decides what a phrase counts from the words around it.
    fn read_context(&self, w: &Words<'_>, p: &Phrase) -> Reading {
        let mut reading = Reading {
            kind: CountKind::Other,
            cue: None,
            from_left: false,
            from_right: false,
            noun_end: p.end,
            text_end: 0,
            trimmed_end: None,
            first_noun_end: p.end,
            head: None,
            person: false,
            crowd: false,
        };

        // The counted noun phrase after the number: "tiga anggota TNI", "three Palestinian
        // civilians", "thousands of protesters", "12 of the soldiers", "seorang pria
        // berusia 45 tahun".
        let mut r = p.end;
        if let Some(len) = self.numbers.of_word_len(w, r) {
            r += len;
            while self.determiners.contains(w.id(r)) {
                r += 1;
            }
        }
        let noun_start = r;
        let mut noun_cue: Option<(Cue, usize)> = None;
        let mut words = 0;
        while r < w.len() && words < NOUN_WORDS {
            if let Some((&cue, len)) = self.cues.longest(w, r) {
                if cue.noun && (r == noun_start || !cue.after) {
                    noun_cue = Some((cue, r));
                    r += len;
                }
                break;
            }
            if let Some(m) = self.measure_at(w, r) {
                // An age or a distance inside the phrase ("berusia 45 tahun").
                r = m;
                continue;
            }
            // "personel TNI dan Polri": a conjunction between two proper nouns.
            if r > noun_start
                && self.conjunctions.contains(w.id(r))
                && w.kind(r) == TokenKind::Word
                && w.item(r - 1).capitalised
                && r + 1 < w.len()
                && w.item(r + 1).capitalised
                && self.is_noun_word(w, r + 1)
            {
                r += 2;
                words += 1;
                continue;
            }
            if !self.is_noun_word(w, r) {
                break;
            }
            r += 1;
            words += 1;
        }
        // One word more when the cue comes right after it ("seorang terduga pencuri kotak
        // *amal* hingga tewas"): the phrase reaches its predicate.
        if words == NOUN_WORDS
            && noun_cue.is_none()
            && r + 1 < w.len()
            && self.is_noun_word(w, r)
            && self.cues.longest(w, r).is_none()
        {
            let (a, _) = self.after_auxiliaries(w, r + 1, usize::MAX);
            if self.cues.longest(w, a).is_some_and(|(c, _)| c.after) {
                r += 1;
            }
        }
        let noun_end = r;
        if noun_end > noun_start {
            reading.noun_end = noun_end;
            let head = self.head_of(w, noun_start, noun_end);
            reading.head = Some(head.unwrap_or(noun_start));
            reading.person = head.is_some();
            // Without a cue after it, the phrase may have run into the predicate
            // ("12 saksi terkait kasus"): keep it up to its last person or proper noun.
            reading.trimmed_end = self.trimmed_end(w, noun_start, noun_end);
            reading.first_noun_end = noun_start + 1;
        } else {
            reading.person = true;
        }

        // 1. A cue verb right before the count: "menewaskan sedikitnya tiga", "killing 12".
        let mut k = p.start;
        for _ in 0..2 {
            match self.left_gap.longest_ending_at(w, k) {
                Some((_, len)) => k -= len,
                None => break,
            }
        }
        // A size counts people: "sent 200 troops", not "sent 50 tons of rice" or "a letter";
        // a cue ending in "of" names them itself ("a crowd of 10,000").
        let people_after =
            reading.person || (p.end..reading.noun_end.max(p.end)).any(|x| w.item(x).capitalised);
        if let Some((&cue, len)) = self.cues.longest_ending_at(w, k)
            && cue.before
            && (people_after
                || cue.kind != CountKind::Size
                || (k > 0 && self.numbers.of_word_len(w, k - 1) == Some(1)))
        {
            reading.kind = cue.kind;
            reading.cue = Some(k - len);
            reading.from_left = true;
            return reading;
        }

        // 2. The counted noun is itself a cue: "12 korban jiwa", "40 deaths".
        if let Some((cue, at)) = noun_cue {
            reading.kind = cue.kind;
            reading.cue = Some(at);
            reading.head = Some(at);
            reading.person = true;
            reading.text_end = noun_end;
            return reading;
        }

        // 3. A cue after the counted noun: "tiga orang tewas", "12 people were killed".
        let (a, aux) = self.after_auxiliaries(w, noun_end, 3);
        // A crowd must be people or a name: "Seven leading industrial nations gathered"
        // is not a crowd of seven.
        let people = noun_end == noun_start
            || reading.head.is_some_and(|_| reading.person)
            || (noun_start..noun_end).any(|x| w.item(x).capitalised);
        if let Some((&cue, len)) = self.cues.longest(w, a)
            && cue.after
            && (people || cue.kind != CountKind::Size)
            && (aux > 0 || !cue.before || !self.starts_object(w, a + len))
        {
            reading.kind = cue.kind;
            reading.cue = Some(a);
            reading.from_right = true;
            reading.text_end = noun_end;
            return reading;
        }

        // 4. A toll earlier in the clause: "korban tewas akibat gempa bertambah menjadi 268".
        // Words and numbers may sit between ("akibat gempa bermagnitudo 5,6 di Cianjur
        // bertambah menjadi"); punctuation but a colon, and "dan", end the clause.
        // 4b. An inverted clause: "Killed in the blast were four police officers", "Among
        // the wounded was a child". The cue opens the clause, the count follows a copula.
        let earlier = self
            .cue_earlier_in_clause(w, p.start, p.start, true, |c| c.toll)
            .or_else(|| {
                let (_, len) = self.inverted_copulas.longest_ending_at(w, p.start)?;
                self.cue_earlier_in_clause(w, p.start - len, p.start, false, |c| {
                    c.after && c.kind != CountKind::Size
                })
            });
        if let Some((cue, at)) = earlier {
            reading.kind = cue.kind;
            reading.cue = Some(at);
            reading.from_left = true;
            return reading;
        }

        // 5. A crowd or force noun ("ribuan pengunjuk rasa", "500 troops") makes it a
        // size, unless a cue spreads to it from a coordinated count (see `distribute`).
        reading.crowd = (noun_start..noun_end).any(|x| self.size_nouns.longest(w, x).is_some());
        reading
    }

    /// Where the words allowed between a counted noun and its cue end, from item `a`, at
    /// most `max` of them ("three soldiers *were reportedly* killed"), and how many.
    fn after_auxiliaries(&self, w: &Words<'_>, mut a: usize, max: usize) -> (usize, usize) {
        let mut aux = 0;
        while aux < max {
            match self.auxiliaries.longest(w, a) {
                Some((_, len)) => {
                    a += len;
                    aux += 1;
                }
                None => break,
            }
        }
        (a, aux)
    }

    /// The nearest cue that `fits`, ending at or before item `from` within the ten items
    /// before `start`, in the same clause: punctuation (a colon too unless `colon_ok`) and
    /// conjunctions end it. Returns the cue and its first item.
    fn cue_earlier_in_clause(
        &self,
        w: &Words<'_>,
        from: usize,
        start: usize,
        colon_ok: bool,
        fits: impl Fn(&Cue) -> bool,
    ) -> Option<(Cue, usize)> {
        let mut k = from;
        while k > 0 && start - k < 10 {
            if let Some((&cue, len)) = self.cues.longest_ending_at(w, k)
                && fits(&cue)
            {
                return Some((cue, k - len));
            }
            let prev = w.item(k - 1);
            if (prev.kind == TokenKind::Punct && !(colon_ok && w.raw(k - 1) == ":"))
                || self.conjunctions.contains(prev.id)
            {
                break;
            }
            k -= 1;
        }
        None
    }

    /// Item after a measure ("45 tahun", "2 km", "34-year-old") starting at `i`, if one does.
    fn measure_at(&self, w: &Words<'_>, i: usize) -> Option<usize> {
        if w.kind(i) != TokenKind::Number {
            return None;
        }
        if is_hyphen_compound(w, i + 1) {
            return Some(i + 3);
        }
        let n = self.numbers.read(w, i)?;
        self.not_after.longest(w, n.end).map(|(_, len)| n.end + len)
    }

    /// End of a noun phrase cut after its last person, crowd or proper noun; None when
    /// it has none.
    fn trimmed_end(&self, w: &Words<'_>, start: usize, end: usize) -> Option<usize> {
        let mut keep = None;
        let mut x = start;
        while x < end {
            let person = self.person_nouns.longest(w, x).map_or(0, |(_, l)| l);
            let crowd = self.size_nouns.longest(w, x).map_or(0, |(_, l)| l);
            let len = person.max(crowd);
            if len > 0 {
                keep = Some((x + len).min(end));
                x += len;
                continue;
            }
            if w.item(x).capitalised {
                keep = Some(x + 1);
            }
            x += 1;
        }
        keep
    }

    fn is_noun_word(&self, w: &Words<'_>, i: usize) -> bool {
        let it = w.item(i);
        if it.kind != TokenKind::Word {
            return false;
        }
        let id = it.id;
        !(self.noun_stops.contains(id)
            || self.conjunctions.contains(id)
            || self.calendar_words.longest(w, i).is_some()
            || self.auxiliaries.longest(w, i).is_some()
            || self.hedges.longest(w, i).is_some()
            || self
                .numbers
                .read(w, i)
                .is_some_and(|n| n.form != NumberForm::Single))
    }

    /// The counted noun: the first person or crowd noun of the phrase.
    fn head_of(&self, w: &Words<'_>, start: usize, end: usize) -> Option<usize> {
        (start..end).find(|&x| {
            self.person_nouns.longest(w, x).is_some() || self.size_nouns.longest(w, x).is_some()
        })
    }

    /// True when item `i` starts an object, so a cue before it is an active verb
    /// ("killed 12 people", "killed the soldiers").
    fn starts_object(&self, w: &Words<'_>, i: usize) -> bool {
        i < w.len()
            && (self.numbers.read(w, i).is_some()
                || self.hedges.longest(w, i).is_some()
                || self.determiners.contains(w.id(i))
                || self.person_nouns.longest(w, i).is_some())
    }

    /// Spreads a cue over coordinated counts: "menewaskan tiga tentara dan dua warga",
    /// "three soldiers and two civilians were killed".
    fn distribute(&self, w: &Words<'_>, phrases: &[Phrase], readings: &mut [Reading]) {
        let linked = |a: usize, b: usize, readings: &[Reading]| {
            let gap_start = readings[a].noun_end.max(phrases[a].end);
            let gap_end = phrases[b].start;
            gap_end > gap_start
                && gap_end - gap_start <= 2
                && (gap_start..gap_end).all(|x| self.conjunctions.contains(w.id(x)))
        };
        for b in 1..readings.len() {
            let a = b - 1;
            if readings[a].from_left
                && readings[b].kind == CountKind::Other
                && readings[b].person
                && linked(a, b, readings)
            {
                readings[b].kind = readings[a].kind;
                readings[b].cue = readings[a].cue;
                readings[b].from_left = true;
            }
        }
        for a in (0..readings.len().saturating_sub(1)).rev() {
            let b = a + 1;
            if readings[b].from_right
                && readings[a].kind == CountKind::Other
                && readings[a].person
                && linked(a, b, readings)
            {
                readings[a].kind = readings[b].kind;
                readings[a].cue = readings[b].cue;
                readings[a].from_right = true;
            }
        }
    }

    /// Counts without a number: "soldiers were killed" (min 1), "menewaskan warga sipil",
    /// "the gunman was arrested" (exactly 1).
    fn implicit_counts(&self, w: &Words<'_>, out: &mut Vec<Count>) {
        let used: Vec<usize> = out.iter().filter_map(|c| c.cue_token).collect();
        let covered = |tok: usize, out: &[Count]| {
            out.iter()
                .any(|c| c.first_token <= tok && tok < c.end_token)
        };
        let mut i = 0;
        let mut found = Vec::new();
        while i < w.len() {
            let Some((&cue, len)) = self.cues.longest(w, i) else {
                i += 1;
                continue;
            };
            let tok = w.item(i).token;
            if used.contains(&tok) {
                i += len;
                continue;
            }
            let kind = cue.kind;
            // Noun phrase before the cue: "[para] tentara [yang] tewas", "soldiers were killed".
            if cue.after {
                let mut k = i;
                let mut aux = 0;
                while aux < 3 {
                    match self.auxiliaries.longest_ending_at(w, k) {
                        Some((_, l)) => {
                            k -= l;
                            aux += 1;
                        }
                        None => break,
                    }
                }
                let active = cue.before && aux == 0 && self.starts_object(w, i + len);
                if !active && let Some((s, e, head)) = self.person_phrase_before(w, k) {
                    if !covered(w.item(s).token, out) {
                        found.push((s, e, head, i, kind));
                    }
                    i += len;
                    continue;
                }
            }
            // Noun phrase after the cue: "menewaskan warga sipil", "killing civilians".
            if cue.before
                && let Some((s, e, head)) = self.person_phrase_after(w, i + len)
            {
                if !covered(w.item(s).token, out) {
                    found.push((s, e, head, i, kind));
                }
                i = e.max(i + len);
                continue;
            }
            i += len;
        }
        for (s, e, head, cue_at, kind) in found {
            let singular = self.marks_plural && !self.is_plural(w, head);
            let max = if singular { Some(1) } else { None };
            out.push(self.make_count(w, s, e, 1, max, kind, head, Some(cue_at), true, false));
        }
    }

    fn is_plural(&self, w: &Words<'_>, head: usize) -> bool {
        let f = w.folded(head);
        self.plural_nouns.contains(w.id(head)) || (f.ends_with('s') && !f.ends_with("ss"))
    }

    /// A person noun phrase ending just before item `end`: from its first person noun
    /// (with capitalised words and a determiner before it: "the Palestinian civilians").
    fn person_phrase_before(&self, w: &Words<'_>, end: usize) -> Option<(usize, usize, usize)> {
        let mut s = end;
        while s > 0 && end - s < 3 && self.is_noun_word(w, s - 1) {
            s -= 1;
        }
        if s == end {
            return None;
        }
        // The phrase must not be the tail of a count ("tiga orang"): that count owns the cue.
        if s > 0 && self.numbers.read(w, s - 1).is_some_and(|n| n.end == s) {
            return None;
        }
        let head = (s..end).find(|&x| {
            self.person_nouns
                .longest(w, x)
                .is_some_and(|(_, l)| x + l <= end)
        })?;
        let mut first = head;
        while first > s && w.item(first - 1).capitalised {
            first -= 1;
        }
        if first > 0 && self.determiners.contains(w.id(first - 1)) {
            first -= 1;
        }
        Some((first, end, head))
    }

    /// A person noun phrase starting at item `start` (after an optional determiner).
    fn person_phrase_after(&self, w: &Words<'_>, start: usize) -> Option<(usize, usize, usize)> {
        let mut s = start;
        if self.determiners.contains(w.id(s)) {
            s += 1;
        }
        let mut e = s;
        while e < w.len() && e - s < 3 && self.is_noun_word(w, e) {
            e += 1;
        }
        let head = (s..e).find(|&x| self.person_nouns.longest(w, x).is_some())?;
        let (_, l) = self.person_nouns.longest(w, head)?;
        Some((start, head + l, head))
    }
}

/// True when items `i`, `i + 1` are a hyphen and a word glued to the number before
/// them: "25-year-old", "12-day" are adjectives, not counts.
fn is_hyphen_compound(w: &Words<'_>, i: usize) -> bool {
    i + 1 < w.len()
        && w.item(i).glued
        && matches!(w.raw(i), "-" | "–")
        && w.item(i + 1).kind == TokenKind::Word
        && w.item(i + 1).glued
}

/// Applies a hedge to a number: "sedikitnya 12" = 12.., "lebih dari 1.000" = 1001..,
/// "hampir 100" = 90..=99, "sekitar 20" = 18..=22, "hingga 50" = 1..=50.
fn apply_hedge(hedge: Option<Hedge>, n: &NumberRead) -> (u64, Option<u64>) {
    let Some(h) = hedge else {
        return (n.min, n.max);
    };
    let exact = n.exact();
    match (h, exact) {
        (Hedge::AtLeast, _) => (n.min, None),
        (Hedge::MoreThan, Some(v)) => (v.saturating_add(1), None),
        (Hedge::MoreThan, None) => (n.min, None),
        (Hedge::Nearly, Some(v)) if v >= 2 => (v - (v / 10).max(1), Some(v - 1)),
        (Hedge::About, Some(v)) => (v - v / 10, Some(v + v / 10)),
        (Hedge::UpTo, _) => (n.min.min(1), Some(n.max.unwrap_or(n.min))),
        (Hedge::LessThan, Some(v)) if v >= 2 => (1, Some(v - 1)),
        (Hedge::LessThan, Some(_)) => (0, Some(0)),
        _ => (n.min, n.max),
    }
}

fn check_keys(text: &str, file: &str) -> Result<(), DataError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| DataError {
        file: file.to_string(),
        message: e.to_string(),
    })?;
    for key in table.keys() {
        if !KNOWN_KEYS.contains(&key.as_str()) {
            return Err(DataError {
                file: file.to_string(),
                message: format!("unknown key {key:?} (known: {})", KNOWN_KEYS.join(", ")),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::document::Token;

    /// A sentence split on spaces, with digits as numbers and lone marks as punctuation:
    /// enough to test the scanner without depending on the segmenter.
    fn sentence(text: &str) -> Sentence {
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in text.split(' ') {
            let kind = if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else if w.chars().all(|c| c.is_ascii_punctuation()) {
                TokenKind::Punct
            } else {
                TokenKind::Word
            };
            tokens.push(Token {
                start: pos,
                end: pos + w.len(),
                kind,
            });
            pos += w.len() + 1;
        }
        Sentence {
            start: 0,
            end: text.len(),
            tokens,
        }
    }

    fn scan(lang: Lang, text: &str) -> Vec<Count> {
        CountScanner::new(lang).scan(text, &sentence(text))
    }

    #[test]
    fn every_language_file_loads() {
        for lang in [Lang::ID, Lang::EN, Lang::MS] {
            assert!(CountScanner::try_new(lang).is_ok(), "{lang}");
        }
    }

    #[test]
    fn misspelt_keys_are_reported() {
        let err = check_keys("hegdes = []", "lang/xx/numbers.toml").unwrap_err();
        assert!(err.to_string().contains("hegdes"), "{err}");
        assert!(check_keys("hedges = []", "lang/xx/numbers.toml").is_ok());
    }

    #[test]
    fn hedges_bend_the_bounds() {
        let n = |v: u64| NumberRead {
            min: v,
            max: Some(v),
            end: 1,
            form: NumberForm::Digits,
        };
        assert_eq!(apply_hedge(None, &n(12)), (12, Some(12)));
        assert_eq!(apply_hedge(Some(Hedge::AtLeast), &n(12)), (12, None));
        assert_eq!(apply_hedge(Some(Hedge::MoreThan), &n(1000)), (1001, None));
        assert_eq!(apply_hedge(Some(Hedge::Nearly), &n(100)), (90, Some(99)));
        assert_eq!(apply_hedge(Some(Hedge::About), &n(20)), (18, Some(22)));
        assert_eq!(apply_hedge(Some(Hedge::UpTo), &n(50)), (1, Some(50)));
        assert_eq!(apply_hedge(Some(Hedge::LessThan), &n(10)), (1, Some(9)));
    }

    #[test]
    fn reads_counts_with_their_cue() {
        let c = scan(Lang::ID, "Serangan itu menewaskan tiga orang");
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].what, c[0].min, c[0].max),
            (CountKind::Dead, 3, Some(3))
        );
        assert_eq!(c[0].cue_token, Some(2));
        assert_eq!(c[0].head_token, 4);
        assert_eq!(c[0].magnitude().text.as_deref(), Some("tiga orang"));
        let c = scan(Lang::EN, "dozens of protesters marched");
        assert_eq!(
            (c[0].what, c[0].min, c[0].max),
            (CountKind::Size, 24, Some(99))
        );
        assert!(c[0].approximate);
    }

    #[test]
    fn a_four_word_noun_phrase_reaches_its_cue() {
        let c = scan(
            Lang::ID,
            "warga memukuli seorang terduga pencuri kotak amal hingga tewas",
        );
        assert_eq!(
            (c[0].what, c[0].min, c[0].max),
            (CountKind::Dead, 1, Some(1))
        );
    }

    #[test]
    fn an_inverted_clause_counts_after_its_copula() {
        let c = scan(Lang::EN, "Killed in the blast were four police officers");
        assert_eq!((c[0].what, c[0].min), (CountKind::Dead, 4));
        assert_eq!(c[0].cue_token, Some(0));
        // A copula alone, with no cue before it, counts nothing.
        let c = scan(Lang::EN, "Among the guests were four ministers");
        assert!(c.iter().all(|c| c.what == CountKind::Other));
    }

    #[test]
    fn malformed_input_does_not_panic() {
        let s = CountScanner::new(Lang::EN);
        // Offsets past the text, inside a multi-byte character, and an empty sentence.
        let text = "é 12 killed";
        let bad = Sentence {
            start: 0,
            end: 40,
            tokens: vec![
                Token {
                    start: 1,
                    end: 2,
                    kind: TokenKind::Word,
                },
                Token {
                    start: 30,
                    end: 40,
                    kind: TokenKind::Number,
                },
            ],
        };
        assert!(s.scan(text, &bad).is_empty());
        let empty = Sentence {
            start: 0,
            end: 0,
            tokens: Vec::new(),
        };
        assert!(s.scan("", &empty).is_empty());
        // Absurd numbers saturate instead of overflowing.
        let c = scan(Lang::EN, "999999999999999999 million people died");
        assert!(c.iter().all(|c| c.what != CountKind::Dead || c.min > 0));
    }

    #[test]
    fn scanner_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CountScanner>();
    }
}
