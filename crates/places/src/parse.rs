//! Recognition and resolution of place mentions in one document.
//!
//! 1. Candidate spans: capitalised token runs (with connectors such as "of", "dan")
//!    walked through the name fst, longest match first; NER hints add spans.
//! 2. Filters: stop words, organisation and person names around the span.
//! 3. Resolution: every record carrying the name is scored by population, feature
//!    class, how the name belongs to it, cue words ("Kabupaten", "province"),
//!    containment ("Goris, Armenia"), the document's countries and the distance to
//!    the document's other places; three rounds let the places settle each other.
//! 4. A span becomes a mention when the evidence for its best record clears a bar
//!    (higher at a sentence start, where any word is capitalised).
//! 5. Usage: a capital, seat of government, state or country acting as a subject of a
//!    political verb, or owning an actor noun, stands for its government (metonym);
//!    "warga Thailand" names a nationality. Both stay mentions, flagged.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use sitrep_core::document::TokenKind;
use sitrep_core::text::CharOffsets;
use sitrep_core::{Document, Place, PlacePrecision};

use crate::cues::{Cues, Phrases};
use crate::event::coarser;
use crate::gazetteer::{
    Cursor, FeatureClass, Gazetteer, NameKind, Posting, Record, feature_class, normalize_key,
};
use crate::geo::haversine_km;
use crate::{MentionUse, PlaceMention};

/// Population from which a one-edit variant may match a place's alternate names too.
const FUZZY_ALTERNATE_MIN_POPULATION: u32 = 100_000;

/// Most records considered per name ("San Jose" has dozens).
const MAX_CANDIDATES: usize = 40;
/// Longest name, in tokens.
const MAX_SPAN_TOKENS: usize = 8;
/// Evidence a mention needs inside a sentence.
const ACCEPT: f64 = 3.0;
/// Evidence a mention needs as the first word of a sentence.
const ACCEPT_SENTENCE_START: f64 = 6.0;
/// ... when a comma follows it (an apposition or a containing place comes next).
const ACCEPT_SENTENCE_START_APPOSITION: f64 = 4.5;

/// One token with what the recognizer needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub fold: String,
    pub kind: TokenKind,
    pub cap: bool,
    pub all_caps: bool,
    pub sentence: usize,
    /// First word of its sentence (after opening quotes and brackets).
    pub initial: bool,
}

/// Flattens a document's sentences into tokens.
pub(crate) fn tokens(doc: &Document) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut seen_word = false;
        for t in &s.tokens {
            if t.end > doc.text.len()
                || t.start > t.end
                || !doc.text.is_char_boundary(t.start)
                || !doc.text.is_char_boundary(t.end)
            {
                continue;
            }
            let text = &doc.text[t.start..t.end];
            let first = text.chars().next().unwrap_or(' ');
            let letters = text.chars().filter(|c| c.is_alphabetic());
            let all_caps =
                text.chars().any(char::is_alphabetic) && letters.clone().all(char::is_uppercase);
            let is_word = t.kind == TokenKind::Word;
            out.push(Tok {
                start: t.start,
                end: t.end,
                text,
                fold: sitrep_core::text::fold(text),
                kind: t.kind,
                cap: is_word && first.is_uppercase(),
                all_caps: is_word && all_caps,
                sentence: si,
                initial: is_word && !seen_word,
            });
            seen_word |= is_word || t.kind == TokenKind::Number;
        }
    }
    out
}

/// A candidate record for a span, with its context-free score.
#[derive(Debug, Clone)]
struct Cand {
    rec: Record<'static>,
    base: f64,
}

/// Towns below this population are small: they yield to a person's name of the same
/// spelling, to a local name before a container, and to a village cue abroad.
const SMALL_TOWN_POPULATION: u32 = 100_000;

/// Bonus for a candidate of the same kind and country as another item of its list, per
/// such item: two items say little ("New York City and Florida"), four say much.
const LIST_KIND_BONUS: f64 = 1.5;

/// Most list items counted for [`LIST_KIND_BONUS`].
const LIST_KIND_MAX_ITEMS: usize = 3;

/// A span that names something in the gazetteer.
#[derive(Debug, Clone)]
struct Span {
    t0: usize,
    t1: usize,
    cands: Vec<Cand>,
    hinted: bool,
    fuzzy: bool,
    /// Cue bonus for evidence (locative or type cue before/after).
    cue_bonus: f64,
    admin_cue: bool,
    town_cue: bool,
    locative_cue: bool,
    /// Index of the span that contains this one ("Goris, Armenia": Armenia).
    within: Option<usize>,
    /// True when this span only locates the previous one.
    container: bool,
    /// A name before a container that has no candidate there: never accepted.
    orphan: bool,
    /// Follows such a name that had a locative or type cue.
    after_unknown: bool,
    best: usize,
    score: f64,
    accepted: bool,
}

/// Everything the parser needs, borrowed from the geoparser.
pub(crate) struct Parser<'g> {
    pub gaz: &'g Gazetteer,
    pub cues: &'g Cues,
    pub lang_bit: Option<u8>,
    pub home: Vec<u16>,
}

fn class_bonus(class: FeatureClass) -> f64 {
    match class {
        FeatureClass::Country => 4.0,
        FeatureClass::Region => 3.0,
        FeatureClass::Admin1 => 1.5,
        FeatureClass::Capital => 1.0,
        FeatureClass::Admin2 => 0.8,
        FeatureClass::Seat | FeatureClass::Town => 0.0,
    }
}

/// Precision a place has by its kind.
pub(crate) fn precision_of(rec: &Record<'_>) -> PlacePrecision {
    match rec.feature {
        "ADM2" | "ADMD" => PlacePrecision::Area,
        "AREA" | "ISL" | "ADM1" => PlacePrecision::Region,
        _ => match rec.class() {
            FeatureClass::Country => PlacePrecision::Country,
            FeatureClass::Region | FeatureClass::Admin1 => PlacePrecision::Region,
            FeatureClass::Admin2 => PlacePrecision::Area,
            FeatureClass::Capital | FeatureClass::Town | FeatureClass::Seat => {
                PlacePrecision::Point
            }
        },
    }
}

/// Does `outer` contain `inner` (by the gazetteer's hierarchy or, for towns, nearness)?
fn contains(outer: &Record<'_>, inner: &Record<'_>) -> bool {
    if outer.index == inner.index {
        return false;
    }
    match outer.class() {
        FeatureClass::Country => {
            inner.country.is_some()
                && inner.country == outer.country
                && inner.class() != FeatureClass::Country
        }
        FeatureClass::Admin1 => inner.admin1 == Some(outer.index),
        FeatureClass::Admin2 => {
            inner.admin2 == Some(outer.index)
                || (inner.country == outer.country
                    && haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) < 60.0)
        }
        FeatureClass::Town | FeatureClass::Capital => {
            matches!(inner.class(), FeatureClass::Town | FeatureClass::Seat)
                && inner.country == outer.country
                && haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) < 30.0
        }
        FeatureClass::Region | FeatureClass::Seat => false,
    }
}

impl Parser<'_> {
    fn kind_bonus(&self, p: &Posting) -> f64 {
        match p.kind {
            NameKind::Primary | NameKind::Abbreviation => 1.5,
            NameKind::Localized => {
                if self.lang_bit.is_some_and(|b| p.langs & b != 0) {
                    1.5
                } else {
                    0.5
                }
            }
            NameKind::Alternate => 0.0,
        }
    }

    /// Candidates for a span text, filtered by case rules.
    fn candidates(&self, postings: &[Posting], surface: &str, fuzzy: bool) -> Vec<Cand> {
        let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
        let caps = surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let mut out: Vec<Cand> = Vec::new();
        for p in postings {
            let Some(rec) = self.gaz.record(p.record) else {
                continue;
            };
            if p.kind == NameKind::Abbreviation && !caps {
                continue;
            }
            if letters <= 3 && !(caps && p.kind == NameKind::Abbreviation) && rec.name != surface {
                continue;
            }
            let class = rec.class();
            // A spelling variant of a known town or division ("Kelbajar"), or of a
            // big city's other spelling ("Hodeidah" for Hodeida, Al Hudaydah): variants of
            // small places' alternate names were mostly other words.
            let major = matches!(
                class,
                FeatureClass::Country | FeatureClass::Admin1 | FeatureClass::Region
            );
            if fuzzy
                && !(major
                    || rec.population >= FUZZY_ALTERNATE_MIN_POPULATION
                    || (p.kind != NameKind::Alternate && rec.population >= 20_000))
            {
                continue;
            }
            let mut base = (f64::from(rec.population) + 1.0).log10()
                + class_bonus(class)
                + self.kind_bonus(p)
                + 0.5 * (1.0 + f64::from(rec.names)).log2();
            if rec.name == surface {
                base += 0.3;
            }
            if fuzzy {
                base -= 2.5;
            }
            out.push(Cand { rec, base });
        }
        out.sort_by(|a, b| {
            b.base
                .total_cmp(&a.base)
                .then(a.rec.index.cmp(&b.rec.index))
        });
        // One record per index (a record reached through several keys).
        let mut seen = HashSet::default();
        out.retain(|c| seen.insert(c.rec.index));
        out.truncate(MAX_CANDIDATES);
        out
    }

    /// Folded words of the tokens, for phrase matching.
    fn words<'t>(toks: &'t [Tok<'_>]) -> Vec<&'t str> {
        toks.iter().map(|t| t.fold.as_str()).collect()
    }

    /// Finds candidate spans: longest fst match at each capitalised token.
    fn spans(&self, toks: &[Tok<'_>], hints: &[(usize, usize)]) -> Vec<Span> {
        let fst = self.gaz.fst();
        let mut spans = Vec::new();
        let mut i = 0;
        let hinted = |a: usize, b: usize| hints.iter().any(|&(s, e)| s < b && a < e);
        // A span is backed by a hint only when it reaches the hint's end: "Abu" is no
        // hinted place inside the unknown name "Abu Shouk".
        let hint_backs = |a: usize, b: usize| hints.iter().any(|&(s, e)| s < b && a < e && b >= e);
        let words = Self::words(toks);
        // A document repeats its names: each word is looked up fuzzily once.
        let mut fuzzy_memo: HashMap<&str, Vec<(String, u64)>> = HashMap::default();
        while i < toks.len() {
            let t = &toks[i];
            if !self.may_start_name(t, hinted(t.start, t.end)) {
                i += 1;
                continue;
            }
            // A leading type word ("Kota", "Kabupaten", "Desa") is a cue, not part of
            // the name, unless the full name is a town ("Kota Kinabalu").
            let type_word = t.cap
                && (self.cues.town_before.starting_at(&words, i) == Some(1)
                    || self.cues.admin_before.starting_at(&words, i) == Some(1));
            if type_word && i + 1 < toks.len() && toks[i + 1].sentence == t.sentence {
                let full = self.longest(toks, i, hints);
                let full_is_town = full.as_ref().is_some_and(|(_, c)| {
                    c.first().is_some_and(|c| {
                        matches!(c.rec.class(), FeatureClass::Town | FeatureClass::Capital)
                            && c.rec.names > 3
                    })
                });
                if !full_is_town && let Some((t1, cands)) = self.longest(toks, i + 1, hints) {
                    spans.push(self.new_span(
                        i + 1,
                        t1,
                        cands,
                        hint_backs(toks[i + 1].start, toks[t1 - 1].end),
                        false,
                    ));
                    i = t1;
                    continue;
                }
            }
            let found = self.longest(toks, i, hints);
            if found.as_ref().is_none_or(|(t1, _)| *t1 == i + 1)
                && let Some(cands) = self
                    .joined_name(toks, &words, i)
                    .or_else(|| self.directional_name(toks, i))
            {
                spans.push(self.new_span(i, i + 2, cands, hinted(t.start, toks[i + 1].end), false));
                i += 2;
                continue;
            }
            if let Some((t1, cands)) = found {
                spans.push(self.new_span(
                    i,
                    t1,
                    cands,
                    hint_backs(toks[i].start, toks[t1 - 1].end),
                    false,
                ));
                i = t1;
                continue;
            }
            // One-edit fuzzy match for a lone capitalised word that matched nothing, where
            // the text says a place stands there ("in Kalbajar", "Kelbajar district",
            // "Kelbajar, Azerbaijan"); elsewhere misspelt names are rarer than unknown
            // names and demonyms, and fuzzy hits there were mostly wrong.
            if t.cap
                && !t.all_caps
                && !t.initial
                && t.text.chars().count() >= 7
                && !self.cues.stop_words.contains(&t.fold)
                && self.place_expected(toks, &words, i)
            {
                let next_cap = toks
                    .get(i + 1)
                    .is_some_and(|n| n.cap && n.sentence == t.sentence);
                let prev_cap = i > 0 && toks[i - 1].cap && toks[i - 1].sentence == t.sentence;
                if !next_cap && !prev_cap {
                    let near = fuzzy_memo
                        .entry(t.fold.as_str())
                        .or_insert_with(|| crate::fuzzy::one_edit(fst, &t.fold, 8));
                    let mut postings = Vec::new();
                    for (_, off) in near.iter() {
                        postings.extend(self.gaz.postings_at(*off));
                    }
                    let cands = self.candidates(&postings, t.text, true);
                    if !cands.is_empty() {
                        spans.push(self.new_span(i, i + 1, cands, hinted(t.start, t.end), true));
                    }
                }
            }
            i += 1;
        }
        spans
    }

    /// Two capitalised words written apart that the gazetteer knows written as one
    /// ("di Muara Rupit" for Muararupit, "Tanjung Pinang" for Tanjungpinang): compound
    /// names are spelt both ways in the press. Only where a cue says a place stands
    /// there, and only when the words apart name no longer place.
    fn joined_name(&self, toks: &[Tok<'_>], words: &[&str], i: usize) -> Option<Vec<Cand>> {
        let (t, n) = (&toks[i], toks.get(i + 1)?);
        let plain = |t: &Tok<'_>| t.kind == TokenKind::Word && t.cap && !t.all_caps && !t.initial;
        if !plain(t)
            || !plain(n)
            || n.sentence != t.sentence
            || n.start <= t.end
            || self.cues.stop_words.contains(&t.fold)
            || self.cues.stop_words.contains(&n.fold)
        {
            return None;
        }
        let mut key = String::with_capacity(t.fold.len() + n.fold.len());
        key.push_str(&t.fold);
        key.push_str(&n.fold);
        let postings = self.gaz.lookup_folded(&key);
        if postings.is_empty() || !self.place_expected(toks, words, i) {
            return None;
        }
        let cands = self.candidates(&postings, &span_text(toks, i, i + 2), false);
        (!cands.is_empty()).then_some(cands)
    }

    /// A name with a compass word after it that the gazetteer knows with the English
    /// word before it ("Kivu Selatan" for South Kivu, "Darfur Utara" for North Darfur):
    /// the Indonesian press names foreign regions so.
    fn directional_name(&self, toks: &[Tok<'_>], i: usize) -> Option<Vec<Cand>> {
        let (t, n) = (&toks[i], toks.get(i + 1)?);
        if !t.cap
            || !n.cap
            || t.kind != TokenKind::Word
            || n.sentence != t.sentence
            || self.cues.stop_words.contains(&t.fold)
        {
            return None;
        }
        let direction = self.cues.direction_after.get(&n.fold)?;
        let key = format!("{direction} {}", t.fold);
        let postings = self.gaz.lookup_folded(&key);
        let cands = self.candidates(&postings, &span_text(toks, i, i + 2), false);
        (!cands.is_empty()).then_some(cands)
    }

    /// A connector glued by a hyphen to a capitalised word: "el-Balah" in "Deir
    /// el-Balah", "al-Asad" in "Ain al-Asad". Part of a name, though lower-case.
    fn glued_article(&self, t: &Tok<'_>) -> bool {
        t.text.split_once('-').is_some_and(|(article, rest)| {
            rest.chars().next().is_some_and(char::is_uppercase)
                && self
                    .cues
                    .connectors
                    .contains(&sitrep_core::text::fold(article))
        })
    }

    /// A lower-case word that may open a place name ("border" in "Thai-Cambodian border").
    fn edge_start(&self, t: &Tok<'_>) -> bool {
        t.kind == TokenKind::Word && !t.cap && self.cues.lowercase_edges.contains(&t.fold)
    }

    /// Whether a place name may start at token `t`: a capitalised word, a lower-case edge
    /// word, a glued article, or a word inside a hint.
    fn may_start_name(&self, t: &Tok<'_>, hinted: bool) -> bool {
        t.kind == TokenKind::Word
            && (t.cap || self.edge_start(t) || self.glued_article(t) || hinted)
    }

    /// True when a locative or type cue stands before token `i`, or a type word or a
    /// containing name (", Armenia") after it.
    fn place_expected(&self, toks: &[Tok<'_>], words: &[&str], i: usize) -> bool {
        let c = self.cues;
        let sent = toks[i].sentence;
        let same = |k: usize| toks.get(k).is_some_and(|t| t.sentence == sent);
        let before = i > 0
            && same(i - 1)
            && [&c.point, &c.area, &c.admin_before, &c.town_before]
                .iter()
                .any(|p| p.ending_at(words, i).is_some());
        let after = same(i + 1)
            && (c.admin_after.starting_at(words, i + 1).is_some()
                || c.town_after.starting_at(words, i + 1).is_some()
                || (toks[i + 1].text == "," && same(i + 2) && toks[i + 2].cap));
        before || after
    }

    /// Longest name starting at token `i`, with its candidates.
    fn longest(
        &self,
        toks: &[Tok<'_>],
        i: usize,
        hints: &[(usize, usize)],
    ) -> Option<(usize, Vec<Cand>)> {
        let fst = self.gaz.fst();
        let t = &toks[i];
        let hinted = |a: usize, b: usize| hints.iter().any(|&(s, e)| s < b && a < e);
        if !self.may_start_name(t, hinted(t.start, t.end)) {
            return None;
        }
        let edge_start = self.edge_start(t);
        let mut cur = Cursor::new(fst);
        let mut best: Option<(usize, u64)> = None;
        let mut j = i;
        while j < toks.len() && j < i + MAX_SPAN_TOKENS && toks[j].sentence == t.sentence {
            let tj = &toks[j];
            if j > i {
                let ok_inner = match tj.kind {
                    TokenKind::Word => {
                        tj.cap
                            || self.cues.connectors.contains(&tj.fold)
                            || self.cues.lowercase_edges.contains(&tj.fold)
                            || self.glued_article(tj)
                    }
                    TokenKind::Punct => matches!(tj.text, "." | "-" | "'" | "’"),
                    _ => false,
                };
                if !ok_inner {
                    break;
                }
                if tj.start > toks[j - 1].end && !cur.feed(b" ") {
                    break;
                }
            }
            if !cur.feed(tj.fold.as_bytes()) {
                break;
            }
            let end_ok = match tj.kind {
                TokenKind::Word => {
                    tj.cap
                        || self.cues.lowercase_edges.contains(&tj.fold)
                        || self.glued_article(tj)
                        || (j == i && hinted(t.start, t.end))
                }
                TokenKind::Punct => tj.text == ".",
                _ => false,
            };
            if end_ok
                && !(edge_start && j == i)
                && let Some(v) = cur.value()
            {
                best = Some((j + 1, v));
            }
            j += 1;
        }
        let (t1, off) = best?;
        let text = span_text(toks, i, t1);
        let cands = self.candidates(&self.gaz.postings_at(off), &text, false);
        (!cands.is_empty()).then_some((t1, cands))
    }

    fn new_span(&self, t0: usize, t1: usize, cands: Vec<Cand>, hinted: bool, fuzzy: bool) -> Span {
        Span {
            t0,
            t1,
            cands,
            hinted,
            fuzzy,
            cue_bonus: 0.0,
            admin_cue: false,
            town_cue: false,
            locative_cue: false,
            within: None,
            container: false,
            orphan: false,
            after_unknown: false,
            best: 0,
            score: f64::MIN,
            accepted: false,
        }
    }

    /// Drops spans that are parts of organisation or person names, or stop words.
    fn keep_span(&self, toks: &[Tok<'_>], words: &[&str], s: &Span, title_case: bool) -> bool {
        if s.hinted {
            return true;
        }
        let c = self.cues;
        let single = s.t1 - s.t0 == 1;
        if single && c.stop_words.contains(&toks[s.t0].fold) {
            return false;
        }
        let sent = toks[s.t0].sentence;
        let same = |k: usize| toks.get(k).is_some_and(|t| t.sentence == sent);
        // "Jakarta Post", "Manchester United".
        if same(s.t1) && toks[s.t1].cap && c.org_after.starting_at(words, s.t1).is_some() {
            return false;
        }
        // "Wall Street", "St. Peter's Square": the name of another feature (had the
        // gazetteer known it, the longer name would have matched), not a small town of that
        // name; a city's bay or airport is at the city ("San Francisco Bay", "Kabul
        // Airport").
        let owner = usize::from(
            words
                .get(s.t1)
                .is_some_and(|w| c.possessive_markers.contains(*w)),
        );
        if same(s.t1 + owner)
            && toks[s.t1 + owner].cap
            && c.feature_after.starting_at(words, s.t1 + owner).is_some()
            && s.cands.iter().all(|k| {
                matches!(k.rec.class(), FeatureClass::Town | FeatureClass::Seat)
                    && k.rec.population < SMALL_TOWN_POPULATION
            })
        {
            return false;
        }
        // "the La Roca prison in Guayaquil": a name before a facility word that a place
        // named right after holds is the facility's name ("a Gaza hospital" stays Gaza).
        if let Some(n) = c.facility_after.starting_at(words, s.t1)
            && let Some(m) = c.container_before.starting_at(words, s.t1 + n)
            && same(s.t1 + n + m)
            && toks[s.t1 + n + m].cap
        {
            return false;
        }
        // "University of Texas".
        if s.t0 >= 2
            && same(s.t0 - 2)
            && words[s.t0 - 1] == "of"
            && toks[s.t0 - 2].cap
            && c.org_before_of.contains(words[s.t0 - 2])
        {
            return false;
        }
        // "Mr Jordan", "Pak Kalla".
        if s.t0 >= 1 && same(s.t0 - 1) {
            let w = words[s.t0 - 1].trim_end_matches('.');
            if c.person_before.contains(w)
                || (s.t0 >= 2
                    && words[s.t0 - 1] == "."
                    && c.person_before.contains(words[s.t0 - 2]))
            {
                return false;
            }
        }
        if title_case {
            return true;
        }
        // A capitalised word glued after the name that is no type word: the name goes on
        // ("Abu Shouk", "Washington Post").
        let glued_name_after = same(s.t1) && {
            let n = &toks[s.t1];
            n.cap
                && n.kind == TokenKind::Word
                && n.start <= toks[s.t1 - 1].end + 1
                && c.name_ok_after.starting_at(words, s.t1).is_none()
                && c.admin_after.starting_at(words, s.t1).is_none()
                && c.town_after.starting_at(words, s.t1).is_none()
                && !c.stop_words.contains(&n.fold)
        };
        // "Menteri Luar Negeri Jepang", "Presiden Rusia": a title that owns the place (a
        // country may be followed by a person's name; a town inside a longer name, as in
        // "pengungsi Abu Shouk", is not the place).
        if s.t0 >= 1
            && same(s.t0 - 1)
            && (c.actor_before.ending_at(words, s.t0).is_some()
                || c.nationality_before.ending_at(words, s.t0).is_some())
        {
            let country = s
                .cands
                .first()
                .is_some_and(|cand| matches!(cand.rec.class(), FeatureClass::Country));
            return country || !glued_name_after;
        }
        // A capitalised word glued before the name that is neither a title nor a type
        // word: a person's or organisation's name ("George Washington", "Paris Hilton").
        if s.t0 >= 1 && same(s.t0 - 1) {
            let p = &toks[s.t0 - 1];
            if p.cap
                && p.kind == TokenKind::Word
                && !p.initial
                && p.end + 1 >= toks[s.t0].start
                && c.name_ok_before.ending_at(words, s.t0).is_none()
                && c.admin_before.ending_at(words, s.t0).is_none()
                && c.town_before.ending_at(words, s.t0).is_none()
                && !c.stop_words.contains(&p.fold)
            {
                return false;
            }
        }
        !glued_name_after
    }

    /// A name that the document uses for a person named in full elsewhere (`persons`:
    /// byte spans the actor finder read as persons), with no cue saying a place stands
    /// here and only small places to stand for: "rumah dinas Hendra" after "Bupati
    /// Hendra Saputra" is not Hendra, Queensland. A country, capital, province or city
    /// of 100,000 keeps its place reading.
    ///
    /// A name ending a titled person's mention ("Secretary of State Rubio") is the
    /// person's too when only small towns are spelt like it; a jurisdiction there
    /// ("Bupati Puncak") has a division among its candidates and stays.
    fn name_of_a_person(toks: &[Tok<'_>], s: &Span, persons: &[(usize, usize)]) -> bool {
        if s.hinted || s.locative_cue || s.town_cue || s.admin_cue || s.within.is_some() {
            return false;
        }
        let (start, end) = (toks[s.t0].start, toks[s.t1 - 1].end);
        let small_town = |c: &Cand| {
            c.rec.class() == FeatureClass::Town && c.rec.population < SMALL_TOWN_POPULATION
        };
        if persons.contains(&(start, end)) {
            s.cands
                .iter()
                .all(|c| small_town(c) || c.rec.class() == FeatureClass::Admin2)
        } else {
            persons.iter().any(|&(a, b)| a < start && b == end) && s.cands.iter().all(small_town)
        }
    }

    /// Type and locative cues around a span.
    fn read_cues(&self, toks: &[Tok<'_>], words: &[&str], s: &mut Span) {
        let c = self.cues;
        let sent = toks[s.t0].sentence;
        let mut k = s.t0;
        let in_sent = |k: usize| k > 0 && toks[k - 1].sentence == sent;
        if in_sent(k) {
            if let Some(n) = c.admin_before.ending_at(words, k) {
                s.admin_cue = true;
                k -= n;
            } else if let Some(n) = c.town_before.ending_at(words, k) {
                s.town_cue = true;
                k -= n;
            }
        }
        if toks.get(s.t1).is_some_and(|t| t.sentence == sent) {
            if c.admin_after.starting_at(words, s.t1).is_some() {
                s.admin_cue = true;
            } else if c.town_after.starting_at(words, s.t1).is_some() {
                s.town_cue = true;
            }
        }
        // "at the Bogor Palace", "in the disputed Chong Bok area": an article (and a
        // lower-case qualifier) may stand between the cue and the name.
        if in_sent(k)
            && let Some(n) = c.articles.ending_at(words, k)
            && (k - n..k).all(|t| !toks[t].cap)
        {
            k -= n;
        }
        if in_sent(k) && k <= words.len() && c.locative_ending_at(words, k) {
            s.locative_cue = true;
        }
        s.cue_bonus = if s.admin_cue || s.town_cue { 1.5 } else { 0.0 }
            + if s.locative_cue { 1.0 } else { 0.0 };
    }

    /// Links "A, B" pairs where B may contain A.
    fn link_containers(&self, toks: &[Tok<'_>], words: &[&str], spans: &mut [Span]) {
        for i in 0..spans.len().saturating_sub(1) {
            let (a, b) = (&spans[i], &spans[i + 1]);
            if toks[a.t0].sentence != toks[b.t0].sentence || b.t0 <= a.t1 {
                continue;
            }
            // One lower-case feature word may follow A ("Lido beach, Mogadishu").
            let comma = if toks[a.t1].text == "," {
                a.t1
            } else if toks[a.t1].kind == TokenKind::Word
                && !toks[a.t1].cap
                && toks.get(a.t1 + 1).is_some_and(|t| t.text == ",")
            {
                a.t1 + 1
            } else {
                continue;
            };
            // Between the comma and B only a containment word ("in") and type words may
            // stand ("Kabupaten", "province of").
            let mut k = comma + 1;
            let mut container_word = false;
            if k < b.t0
                && let Some(n) = self.cues.container_before.starting_at(words, k)
            {
                k += n;
                container_word = true;
            }
            if k < b.t0 {
                let n = self
                    .cues
                    .admin_before
                    .starting_at(words, k)
                    .or_else(|| self.cues.town_before.starting_at(words, k))
                    .unwrap_or(0);
                k += n;
            }
            if k != b.t0 {
                continue;
            }
            let list_goes_on = !container_word && self.list_goes_on(toks, words, spans, i + 1);
            let linked = a.cands.iter().any(|ca| {
                b.cands.iter().any(|cb| {
                    contains(&cb.rec, &ca.rec)
                        // "Georgia, Oklahoma, Pennsylvania and Wisconsin": when the list
                        // goes on and A can be what B is, A is B's sibling, not in it.
                        && !(list_goes_on
                            && a.cands.iter().any(|o| o.rec.class() == cb.rec.class()))
                })
            });
            if linked {
                spans[i].within = Some(i + 1);
                spans[i + 1].container = true;
                continue;
            }
            // "pantai Lido, Mogadishu": a small place of another country before a
            // container that is not part of a list ("Berlin, Paris and Rome") is a local
            // name the gazetteer lacks, not that foreign town.
            let (a, b) = (&spans[i], &spans[i + 1]);
            let small_foreign = a.cands.iter().all(|ca| {
                matches!(ca.rec.class(), FeatureClass::Town)
                    && ca.rec.population < SMALL_TOWN_POPULATION
                    && b.cands.iter().all(|cb| cb.rec.country != ca.rec.country)
            });
            if !list_goes_on && !a.cands.is_empty() && small_foreign && !a.hinted {
                // "di pantai Lido, Mogadishu": a lower-case word (what kind of place the
                // unknown name is) may stand between the cue and the name.
                let t0 = spans[i].t0;
                let cue_before_kind = t0 >= 2
                    && toks[t0 - 1].sentence == toks[t0].sentence
                    && !toks[t0 - 1].cap
                    && words[t0 - 1].chars().all(char::is_alphabetic)
                    && self.cues.locative_ending_at(words, t0 - 1);
                spans[i].orphan = true;
                spans[i + 1].after_unknown = spans[i].locative_cue
                    || spans[i].town_cue
                    || spans[i].admin_cue
                    || cue_before_kind;
            }
        }
    }

    /// Whether a list of places goes on after span `j` ("Berlin, Paris and Rome").
    fn list_goes_on(&self, toks: &[Tok<'_>], words: &[&str], spans: &[Span], j: usize) -> bool {
        let b = &spans[j];
        toks.get(b.t1).is_some_and(|t| {
            t.sentence == toks[b.t0].sentence
                && (self.cues.connectors.contains(&t.fold) && t.fold != "of"
                    || self.cues.list_joiners.starting_at(words, b.t1).is_some()
                    || t.text == "," && spans.get(j + 1).is_some_and(|c| c.t0 == b.t1 + 1))
        })
    }

    /// Items of the lists of places: for each span, the other spans in its list. Two
    /// names are in one list when only a comma or a joiner ("and", "dan", ", and")
    /// stands between them and the comma is not a containment ("Goris, Armenia"); a
    /// bare comma pair counts only inside a list of three or more.
    fn list_peers(&self, toks: &[Tok<'_>], words: &[&str], spans: &[Span]) -> Vec<Vec<usize>> {
        // link[i]: 1 = joined to i + 1 by a joiner word, 2 = by a bare comma.
        let link: Vec<u8> = (0..spans.len().saturating_sub(1))
            .map(|i| {
                let (a, b) = (&spans[i], &spans[i + 1]);
                if toks[a.t0].sentence != toks[b.t0].sentence
                    || b.t0 <= a.t1
                    || a.within == Some(i + 1)
                {
                    return 0;
                }
                let mut k = a.t1;
                let comma = toks[k].text == ",";
                if comma {
                    k += 1;
                }
                let joiner = self.cues.list_joiners.starting_at(words, k).unwrap_or(0);
                match (k + joiner == b.t0, joiner > 0, comma) {
                    (true, true, _) => 1,
                    (true, false, true) => 2,
                    _ => 0,
                }
            })
            .collect();
        let mut peers = vec![Vec::new(); spans.len()];
        let mut start = 0;
        while start < spans.len() {
            let mut end = start;
            while end < link.len() && link[end] > 0 {
                end += 1;
            }
            // spans start..=end form one chain.
            let items = end - start + 1;
            let has_joiner = link[start..end].contains(&1);
            if items >= 3 || (items == 2 && has_joiner) {
                for (i, p) in peers.iter_mut().enumerate().take(end + 1).skip(start) {
                    *p = (start..=end).filter(|&j| j != i).collect();
                }
            }
            start = end + 1;
        }
        peers
    }

    /// Runs the whole recognition and resolution on one document.
    pub fn parse(
        &self,
        doc: &Document,
        hints: &[(usize, usize)],
        parties: &crate::Parties<'_>,
    ) -> Vec<PlaceMention> {
        let toks = tokens(doc);
        if toks.is_empty() {
            return Vec::new();
        }
        let words = Self::words(&toks);
        // Words the document also writes in lower case are common words, not names,
        // when they open a sentence.
        let lowercase_vocab: HashSet<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.cap)
            .map(|t| t.fold.as_str())
            .collect();
        let title_case_sentences: HashSet<usize> = {
            let mut counts: HashMap<usize, (usize, usize)> = HashMap::default();
            for t in toks
                .iter()
                .filter(|t| t.kind == TokenKind::Word && t.text.chars().count() > 3)
            {
                let e = counts.entry(t.sentence).or_default();
                e.0 += 1;
                e.1 += usize::from(t.cap);
            }
            counts
                .into_iter()
                .filter(|(_, (n, c))| *n >= 4 && *c * 10 >= *n * 7)
                .map(|(s, _)| s)
                .collect()
        };

        let mut spans: Vec<Span> = self
            .spans(&toks, hints)
            .into_iter()
            .filter(|s| {
                self.keep_span(
                    &toks,
                    &words,
                    s,
                    title_case_sentences.contains(&toks[s.t0].sentence),
                )
            })
            .collect();
        for s in &mut spans {
            self.read_cues(&toks, &words, s);
        }
        spans.retain(|s| !Self::name_of_a_person(&toks, s, parties.persons));
        self.link_containers(&toks, &words, &mut spans);

        // Rounds of resolution: each round uses the previous round's accepted places.
        let names = name_groups(&spans);
        let peers = self.list_peers(&toks, &words, &spans);
        let statics: Vec<Vec<f64>> = (0..spans.len())
            .map(|i| self.static_scores(&spans, i, &names))
            .collect();
        for round in 0..3 {
            let ctx = Context::build(&spans, &names, round > 0);
            for i in 0..spans.len() {
                let (best, score) =
                    self.best_candidate(&spans, &statics[i], i, &names, &peers[i], &ctx);
                spans[i].best = best;
                spans[i].score = score;
            }
            for s in &mut spans {
                let t = &toks[s.t0];
                // In a title-case line ("TNI Tembak Mati Dua Anggota KKB") capitals say no
                // more than at a sentence start: every word counts as initial.
                let initial =
                    (t.initial || title_case_sentences.contains(&t.sentence)) && s.t1 - s.t0 == 1;
                let mut evidence = s.score
                    + s.cue_bonus
                    + 0.5 * (s.t1 - s.t0 - 1) as f64
                    + if s.hinted { 3.0 } else { 0.0 };
                if s.within.is_some() || s.container {
                    evidence += 1.0;
                }
                let bar = if initial && !s.hinted {
                    if lowercase_vocab.contains(t.fold.as_str()) {
                        f64::INFINITY
                    } else if toks
                        .get(s.t1)
                        .is_some_and(|n| n.text == "," && n.sentence == t.sentence)
                    {
                        // "Miangas, a tiny island ...": an apposition follows a name.
                        ACCEPT_SENTENCE_START_APPOSITION
                    } else {
                        ACCEPT_SENTENCE_START
                    }
                } else {
                    ACCEPT
                };
                s.accepted = evidence >= bar && !s.orphan;
            }
        }
        self.drop_foreign_villages(&toks, &words, parties.countries, &mut spans);
        drop_stray_misspellings(&mut spans);
        self.drop_uncued_foreign_towns(&mut spans);
        // A container whose contained span was rejected stands alone.
        for i in 0..spans.len() {
            if let Some(w) = spans[i].within
                && (!spans[i].accepted || !spans[w].accepted)
            {
                spans[i].within = None;
                spans[w].container = spans
                    .iter()
                    .enumerate()
                    .any(|(k, s)| k != i && s.within == Some(w) && s.accepted);
            }
        }

        let offsets = CharOffsets::new(&doc.text);
        let accepted: Vec<usize> = (0..spans.len()).filter(|&i| spans[i].accepted).collect();
        let index_of: HashMap<usize, usize> =
            accepted.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let mut mentions: Vec<PlaceMention> = accepted
            .iter()
            .map(|&i| {
                let s = &spans[i];
                let rec = s.cands[s.best].rec;
                let (start, end) = (toks[s.t0].start, toks[s.t1 - 1].end);
                PlaceMention {
                    start,
                    end,
                    sentence: toks[s.t0].sentence,
                    place: self.place(
                        &doc.text[start..end],
                        &rec,
                        Some((offsets.char_at(start), offsets.char_at(end))),
                    ),
                    metonym: false,
                    usage: MentionUse::Place,
                    record: rec.index,
                    score: s.score,
                    fuzzy: s.fuzzy,
                    within: s.within.and_then(|w| index_of.get(&w).copied()),
                    container: s.container,
                    locative_cue: s.locative_cue,
                    after_unknown: s.after_unknown,
                    local: false,
                }
            })
            .collect();
        let acc_spans: Vec<&Span> = accepted.iter().map(|&i| &spans[i]).collect();
        self.classify_usage(&toks, &words, &acc_spans, &mut mentions);
        self.add_local_names(doc, &toks, &words, &offsets, &mut mentions);
        mentions
    }

    /// "polisi memukuli Afif hingga tewas ... di Padang": a small town abroad that no cue,
    /// container or contained place supports, far from every other place the document
    /// names, is a name (here a person's), not that town.
    fn drop_uncued_foreign_towns(&self, spans: &mut [Span]) {
        let drop: Vec<usize> = (0..spans.len())
            .filter(|&i| {
                let s = &spans[i];
                s.accepted
                    && !s.hinted
                    && !s.locative_cue
                    && !s.town_cue
                    && !s.admin_cue
                    && s.within.is_none()
                    && !s.container
                    && chosen(s).is_some_and(|r| {
                        matches!(r.class(), FeatureClass::Town)
                            && r.population < SMALL_TOWN_POPULATION
                            && r.country.is_some_and(|c| !self.home.contains(&c))
                    })
                    && far_from_the_rest(spans, i, |_| true)
            })
            .collect();
        for i in drop {
            spans[i].accepted = false;
        }
    }

    /// "Desa Bora" in a story about Sulawesi is a village the gazetteer lacks, not the
    /// small town of that name in India: a settlement word ("Desa", "the village of")
    /// before a small town of a foreign country that no other place of the document lies
    /// in and no party of the document belongs to. Rejected here, the name is then read
    /// as an unknown village. A name after a street word ("Jalan Trikora") is a street's,
    /// never a place.
    fn drop_foreign_villages(
        &self,
        toks: &[Tok<'_>],
        words: &[&str],
        party_countries: &[&str],
        spans: &mut [Span],
    ) {
        // (Read only for the few villages abroad: a country row decodes its codes.)
        let of_a_party = |c: u16| {
            self.gaz.country(c).is_some_and(|k| {
                party_countries
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(k.iso3) || p.eq_ignore_ascii_case(k.iso2))
            })
        };
        // A cue of `cues` right before token `t0`, in its sentence.
        let cued = |cues: &Phrases, t0: usize| {
            cues.ending_at(words, t0)
                .is_some_and(|n| toks[t0 - n].sentence == toks[t0].sentence)
        };
        let mut drop = Vec::new();
        for (i, s) in spans.iter().enumerate().filter(|(_, s)| s.accepted) {
            let Some(rec) = chosen(s) else { continue };
            let village_cue = cued(&self.cues.local_before, s.t0);
            let small_foreign = matches!(rec.class(), FeatureClass::Town | FeatureClass::Seat)
                && rec.population < SMALL_TOWN_POPULATION
                && rec.country.is_some_and(|c| !self.home.contains(&c));
            // "Jalan Trikora", "Jalan Sumatra": a street named after a place is no place;
            // "kompleks Masjidil Aqsa" is the site itself.
            let street = cued(&self.cues.site_before, s.t0);
            if street && !s.hinted && !crate::gazetteer::is_site_feature(rec.feature) {
                drop.push(i);
                continue;
            }
            if !village_cue || !small_foreign || s.hinted {
                continue;
            }
            let country_shared = rec.country.is_some_and(of_a_party)
                || spans.iter().any(|o| {
                    o.accepted
                        && chosen(o)
                            .is_some_and(|r| r.index != rec.index && r.country == rec.country)
                });
            if !country_shared {
                drop.push(i);
            }
        }
        for i in drop {
            spans[i].accepted = false;
        }
    }

    /// Village names the gazetteer lacks, announced by a settlement word ("Desa Wadas",
    /// "Kampung Wuloni, Distrik Ilaga", "the village of Kok-Tash") or by a locative cue
    /// and the known place right after them ("di Masafer Yatta, Tepi Barat"). As ACLED does, the
    /// record keeps the village's name with the coordinates of the nearest known place
    /// that holds it: the place named right after it, else the latest place named before
    /// it, else the language's home country; never finer than `Area`. Without any of
    /// these the name is left out rather than put nowhere.
    fn add_local_names(
        &self,
        doc: &Document,
        toks: &[Tok<'_>],
        words: &[&str],
        offsets: &CharOffsets,
        mentions: &mut Vec<PlaceMention>,
    ) {
        let covered = |t: &Tok<'_>, ms: &[PlaceMention]| {
            ms.iter().any(|m| m.start < t.end && t.start < m.end)
        };
        let name_word = |t: &Tok<'_>| {
            t.kind == TokenKind::Word
                && t.cap
                && !t.all_caps
                && !self.cues.stop_words.contains(&t.fold)
        };
        let mut found: Vec<(PlaceMention, Option<usize>)> = Vec::new();
        let mut sites: Vec<usize> = Vec::new();
        let mut i = 1;
        while i < toks.len() {
            let sent = toks[i].sentence;
            // "di Mabes TNI, Cilangkap": after a site word an acronym names the site.
            // Length of a street, site or building word right before the name.
            let site_len = self
                .cues
                .site_before
                .ending_at(words, i)
                .or_else(|| self.cues.building_before.ending_at(words, i))
                .filter(|n| toks[i - n].sentence == sent);
            let acronym_site =
                toks[i].kind == TokenKind::Word && toks[i].all_caps && site_len.is_some();
            if !name_word(&toks[i]) && !acronym_site {
                i += 1;
                continue;
            }
            let in_sentence = |n: &usize| toks[i - n].sentence == sent;
            let cue = self
                .cues
                .local_before
                .ending_at(words, i)
                .filter(in_sentence);
            let site = site_len.filter(|_| cue.is_none());
            // "di Masafer Yatta, Tepi Barat": an unknown name right after a locative cue
            // and right before ", <a known place>" is a local name that place holds.
            let locative =
                cue.is_none() && site.is_none() && self.cues.locative_ending_at(words, i);
            if (cue.is_none() && site.is_none() && !locative) || covered(&toks[i], mentions) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len()
                && j - i < 3
                && toks[j].sentence == sent
                // "Tambun Selatan": a compass word may close the name.
                && (name_word(&toks[j])
                    || (toks[j].cap && self.cues.name_ok_after.starting_at(words, j).is_some()))
                && !covered(&toks[j], mentions)
            {
                j += 1;
            }
            // "gedung DPRD Jawa Timur", "kantor Bupati Puncak Jaya": a site named after an
            // office may carry the place it serves; that place holds the event unless
            // another is named right after the site.
            let mut inner = None;
            if site.is_some()
                && let Some(a) = toks.get(j).and_then(|t| {
                    (t.sentence == sent)
                        .then(|| {
                            mentions
                                .iter()
                                .position(|m| m.start == t.start && m.usage == MentionUse::Place)
                        })
                        .flatten()
                })
            {
                inner = Some(a);
                while j < toks.len() && toks[j].end <= mentions[a].end {
                    j += 1;
                }
            }
            // (A type word may open the known place: ", Kabupaten Bekasi".)
            let held_at = j
                + 1
                + self
                    .cues
                    .admin_before
                    .starting_at(words, j + 1)
                    .or_else(|| self.cues.town_before.starting_at(words, j + 1))
                    .unwrap_or(0);
            if locative
                && !(toks
                    .get(j)
                    .is_some_and(|t| t.text == "," && t.sentence == sent)
                    && toks.get(held_at).is_some_and(|t| {
                        mentions
                            .iter()
                            .any(|m| m.start == t.start && m.usage == MentionUse::Place)
                    }))
            {
                i = j;
                continue;
            }
            let (start, end) = (toks[i].start, toks[j - 1].end);
            // The holder named right after: "Wuloni, Distrik Ilaga", "Wadas di Purworejo",
            // past other unknown names ("Yogenggen, Distrik Sinak, Kabupaten Puncak").
            let mut k = j;
            while k < toks.len()
                && k - j < 8
                && toks[k].sentence == sent
                && (toks[k].text == ","
                    || name_word(&toks[k])
                    || self.cues.point.starting_at(words, k).is_some()
                    || self.cues.admin_before.starting_at(words, k).is_some()
                    || self.cues.town_before.starting_at(words, k).is_some())
                && !mentions.iter().any(|m| m.start == toks[k].start)
            {
                k += 1;
            }
            let usable = |m: &&PlaceMention| m.usage == MentionUse::Place;
            let after = (k > j && k < toks.len())
                .then(|| {
                    mentions
                        .iter()
                        .position(|m| usable(&m) && m.start == toks[k].start)
                })
                .flatten();
            // A street or site: no place of its own, but the place named right after it
            // holds the event ("di Jalan Budi Utomo, Timika").
            if site.is_some() {
                if let (Some(_), Some(a)) = (after, inner) {
                    mentions[a].container = true;
                }
                sites.extend(after.or(inner));
                i = j;
                continue;
            }
            let holder = after
                .map(|a| &mentions[a])
                .or_else(|| mentions.iter().filter(usable).rfind(|m| m.end <= start));
            let (place, record) = match holder {
                Some(h) => (h.place.clone(), h.record),
                None => {
                    let Some(rec) = self
                        .home
                        .first()
                        .and_then(|&c| self.gaz.country(c))
                        .and_then(|c| self.gaz.record(c.record))
                    else {
                        i = j;
                        continue;
                    };
                    (place_of(self.gaz, "", &rec, None), rec.index)
                }
            };
            let text = &doc.text[start..end];
            let mut place = Place {
                entity_text: text.to_string(),
                name: text.to_string(),
                geonameid: None,
                feature_code: None,
                start: Some(offsets.char_at(start)),
                end: Some(offsets.char_at(end)),
                precision: coarser(place.precision, PlacePrecision::Area),
                ..place
            };
            // The holder is a division: the village lies in it.
            let holder_name = holder.map(|h| h.place.name.clone());
            match holder.and_then(|h| h.place.feature_code.as_deref()) {
                Some("ADM1") => place.admin1 = holder_name,
                Some("ADM2") => place.admin2 = holder_name,
                _ => {}
            }
            let village = PlaceMention {
                start,
                end,
                sentence: sent,
                place,
                metonym: false,
                usage: MentionUse::Place,
                record,
                score: 0.0,
                fuzzy: false,
                within: None,
                container: false,
                locative_cue: true,
                after_unknown: false,
                local: true,
            };
            found.push((village, after));
            i = j;
        }
        for a in sites {
            mentions[a].after_unknown = true;
        }
        if found.is_empty() {
            return;
        }
        // The holder named right after a village only locates it.
        for (_, after) in &found {
            if let Some(a) = *after {
                mentions[a].container = true;
            }
        }
        // Back into text order, keeping `within` pointing at the same mentions.
        let n_old = mentions.len();
        mentions.extend(found.into_iter().map(|(m, _)| m));
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&k| (mentions[k].start, k));
        let mut new_index = vec![0; mentions.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut sorted: Vec<PlaceMention> = order.iter().map(|&k| mentions[k].clone()).collect();
        for m in sorted.iter_mut().filter(|m| !m.local) {
            m.within = m.within.filter(|&w| w < n_old).map(|w| new_index[w]);
        }
        *mentions = sorted;
    }

    /// Scores that do not change between rounds: base, type cues, town twins and
    /// containment with any candidate of the neighbouring spans. A containment read at
    /// one mention of a name holds for its other mentions in the document ("Austin, in
    /// Scott County, Indiana ... cases in Scott County"): one sense per discourse.
    fn static_scores(&self, spans: &[Span], i: usize, names: &[usize]) -> Vec<f64> {
        let s = &spans[i];
        let withins: Vec<&Span> = (0..spans.len())
            .filter(|&j| names[j] == names[i])
            .filter_map(|j| spans[j].within.map(|w| &spans[w]))
            .collect();
        let contained: Vec<&Span> = spans.iter().filter(|o| o.within == Some(i)).collect();
        s.cands
            .iter()
            .map(|c| {
                let class = c.rec.class();
                let mut score = c.base;
                if let Some(country) = c.rec.country
                    && self.home.contains(&country)
                {
                    score += 1.0;
                }
                if s.admin_cue {
                    score += match class {
                        FeatureClass::Admin1 | FeatureClass::Admin2 => 3.0,
                        FeatureClass::Town | FeatureClass::Capital => -1.0,
                        _ => 0.0,
                    };
                }
                if s.town_cue && matches!(class, FeatureClass::Town | FeatureClass::Capital) {
                    score += 2.0;
                }
                // A bare name shared by a town and the division it heads is the town,
                // unless the text says it is the division (cue or container position).
                if matches!(class, FeatureClass::Admin1 | FeatureClass::Admin2)
                    && !s.admin_cue
                    && !s.container
                {
                    let town_twin = s.cands.iter().any(|o| {
                        matches!(o.rec.class(), FeatureClass::Town | FeatureClass::Capital)
                            && o.rec.country == c.rec.country
                            && (o.rec.admin1 == Some(c.rec.index)
                                || o.rec.admin2 == Some(c.rec.index))
                            && o.rec.population >= 1000
                    });
                    if town_twin {
                        score -= 3.0;
                    }
                }
                if withins
                    .iter()
                    .any(|w| w.cands.iter().any(|cw| contains(&cw.rec, &c.rec)))
                {
                    score += 2.5;
                }
                if contained
                    .iter()
                    .any(|o| o.cands.iter().any(|co| contains(&c.rec, &co.rec)))
                {
                    score += 3.0;
                }
                score
            })
            .collect()
    }

    fn best_candidate(
        &self,
        spans: &[Span],
        statics: &[f64],
        i: usize,
        names: &[usize],
        peers: &[usize],
        ctx: &Context,
    ) -> (usize, f64) {
        let s = &spans[i];
        let mut best = (0usize, f64::MIN);
        let within_best = s
            .within
            .map(|w| &spans[w])
            .filter(|w| w.score > f64::MIN && !w.cands.is_empty())
            .map(|w| &w.cands[w.best.min(w.cands.len() - 1)].rec);
        for (ci, c) in s.cands.iter().enumerate() {
            let class = c.rec.class();
            let mut score = statics[ci];
            if let Some(country) = c.rec.country {
                score += 2.5 * ctx.country_weight(country, i);
            }
            // The items of a list are of one kind: states with states, countries with
            // countries ("Georgia, Oklahoma, Pennsylvania and Wisconsin").
            if ctx.use_accepted && !peers.is_empty() {
                let alike = peers
                    .iter()
                    .filter(|&&j| {
                        let p = &spans[j];
                        p.accepted && !p.cands.is_empty() && {
                            let r = &p.cands[p.best.min(p.cands.len() - 1)].rec;
                            r.class() == class && r.country == c.rec.country
                        }
                    })
                    .count();
                score += LIST_KIND_BONUS * alike.min(LIST_KIND_MAX_ITEMS) as f64;
            }
            // Containment with the neighbouring span's current best ("Pandi, Bulacan").
            if within_best.is_some_and(|w| contains(w, &c.rec)) {
                score += 1.5;
            }
            // Near the document's other places.
            if !matches!(class, FeatureClass::Country | FeatureClass::Region)
                && let Some(d) = ctx.nearest_km(c.rec.lat, c.rec.lon, names[i])
            {
                score += 2.0 * (-d / 250.0).exp();
            }
            if score > best.1 {
                best = (ci, score);
            }
        }
        best
    }

    /// The record as a `Place`.
    pub(crate) fn place(
        &self,
        text: &str,
        rec: &Record<'_>,
        chars: Option<(usize, usize)>,
    ) -> Place {
        place_of(self.gaz, text, rec, chars)
    }

    fn classify_usage(
        &self,
        toks: &[Tok<'_>],
        words: &[&str],
        spans: &[&Span],
        mentions: &mut [PlaceMention],
    ) {
        let c = self.cues;
        for k in (0..mentions.len()).rev() {
            let s = spans[k];
            let rec = match self.gaz.record(mentions[k].record) {
                Some(r) => r,
                None => continue,
            };
            let class = rec.class();
            let sent = toks[s.t0].sentence;
            let in_sent = |i: usize| toks.get(i).is_some_and(|t| t.sentence == sent);
            let actor_class = matches!(
                class,
                FeatureClass::Country
                    | FeatureClass::Capital
                    | FeatureClass::Seat
                    | FeatureClass::Admin1
            );
            let mut usage = MentionUse::Place;
            // "warga Thailand", "citizens of Armenia".
            if class == FeatureClass::Country
                && s.t0 > 0
                && c.nationality_before.ending_at(words, s.t0).is_some()
                && in_sent(s.t0 - 1)
            {
                usage = MentionUse::Nationality;
            } else if actor_class
                && s.t0 > 0
                && in_sent(s.t0 - 1)
                && c.actor_before.ending_at(words, s.t0).is_some()
            {
                usage = MentionUse::Metonym;
            } else if actor_class && !s.locative_cue {
                let mut j = s.t1;
                // "Moscow's decision", "the Jakarta government".
                if in_sent(j) && c.possessive_markers.contains(words[j]) {
                    j += 1;
                }
                if in_sent(j) && c.actor_nouns_after.starting_at(words, j).is_some() {
                    usage = MentionUse::Metonym;
                } else {
                    // Subject of a political verb, past auxiliaries and adverbs.
                    let mut j = s.t1;
                    for _ in 0..3 {
                        if !in_sent(j) {
                            break;
                        }
                        if let Some(n) = c.auxiliaries.starting_at(words, j) {
                            j += n;
                        } else {
                            break;
                        }
                    }
                    // "Kapolda Papua mengatakan": the title is the subject, the place
                    // only names its jurisdiction.
                    let owned_by_title = s.t0 > 0
                        && in_sent(s.t0 - 1)
                        && toks[s.t0 - 1].cap
                        && c.name_ok_before.ending_at(words, s.t0).is_some();
                    if in_sent(j)
                        && c.metonym_verbs.starting_at(words, j).is_some()
                        && !owned_by_title
                    {
                        usage = MentionUse::Metonym;
                    }
                    // "Yerevan dan Baku sepakat": coordinated with a metonym.
                    if usage == MentionUse::Place && k + 1 < mentions.len() {
                        let next = spans[k + 1];
                        let joined = next.t0 == s.t1 + 1
                            && in_sent(s.t1)
                            && matches!(words[s.t1], "and" | "dan" | "," | "serta" | "&");
                        if joined && mentions[k + 1].usage == MentionUse::Metonym {
                            usage = MentionUse::Metonym;
                        }
                    }
                }
                // Seats of government stand for the government unless the text puts
                // something inside them ("in the Kremlin").
                if rec.feature == "ADMF" {
                    usage = MentionUse::Metonym;
                }
            }
            mentions[k].usage = usage;
            mentions[k].metonym = usage != MentionUse::Place;
        }
    }
}

/// Text of tokens `t0..t1`, as written (with the original spacing).
fn span_text(toks: &[Tok<'_>], t0: usize, t1: usize) -> String {
    let mut s = String::new();
    for k in t0..t1 {
        if k > t0 && toks[k].start > toks[k - 1].end {
            s.push(' ');
        }
        s.push_str(toks[k].text);
    }
    s
}

/// Builds a `Place` for a record.
pub(crate) fn place_of(
    gaz: &Gazetteer,
    text: &str,
    rec: &Record<'_>,
    chars: Option<(usize, usize)>,
) -> Place {
    let name_of = |i: Option<u32>| i.and_then(|i| gaz.record(i)).map(|r| r.name.to_string());
    let code = rec
        .country
        .and_then(|c| gaz.country(c))
        .map(|c| c.iso3.to_string());
    Place {
        entity_text: text.to_string(),
        name: rec.name.to_string(),
        geonameid: rec.geonameid,
        lat: rec.lat,
        lon: rec.lon,
        code,
        admin1: name_of(rec.admin1),
        admin2: name_of(rec.admin2),
        feature_code: Some(rec.feature.to_string()),
        precision: precision_of(rec),
        start: chars.map(|c| c.0),
        end: chars.map(|c| c.1),
    }
}

/// What the document's accepted places say about each other.
/// For each span, the index of the first span with the same candidate list (the same
/// name): mentions of one name share containment evidence and never anchor each other.
fn name_groups(spans: &[Span]) -> Vec<usize> {
    let mut first: HashMap<(u32, usize), usize> = HashMap::default();
    spans
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let key = (
                s.cands.first().map_or(u32::MAX, |c| c.rec.index),
                s.cands.len(),
            );
            *first.entry(key).or_insert(i)
        })
        .collect()
}

struct Context {
    /// Whether the previous round's accepted places are known.
    use_accepted: bool,
    /// (span, country, weight).
    countries: Vec<(usize, u16, f64)>,
    /// (name group, lat, lon) of places that can anchor distances.
    anchors: Vec<(usize, f64, f64)>,
}

impl Context {
    fn build(spans: &[Span], names: &[usize], use_accepted: bool) -> Context {
        let mut countries = Vec::new();
        let mut anchors = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            if !use_accepted || !s.accepted || s.cands.is_empty() {
                continue;
            }
            let rec = &s.cands[s.best.min(s.cands.len() - 1)].rec;
            if let Some(c) = rec.country {
                let w = match rec.class() {
                    FeatureClass::Country => 1.0,
                    FeatureClass::Admin1 | FeatureClass::Capital => 0.8,
                    _ => 0.6,
                };
                countries.push((i, c, w));
            }
            if !matches!(rec.class(), FeatureClass::Country | FeatureClass::Region) {
                anchors.push((names[i], rec.lat, rec.lon));
            }
        }
        Context {
            use_accepted,
            countries,
            anchors,
        }
    }

    /// Weight 0..1 of a country among the other spans' places.
    fn country_weight(&self, country: u16, except: usize) -> f64 {
        let w: f64 = self
            .countries
            .iter()
            .filter(|(i, c, _)| *i != except && *c == country)
            .map(|(_, _, w)| *w)
            .sum();
        w.min(1.0)
    }

    /// Distance to the nearest anchor of another name (equirectangular: plenty for a
    /// bonus that decays over hundreds of km, and no trigonometry per pair). Mentions of
    /// the same name would otherwise hold each other where the first guess put them.
    fn nearest_km(&self, lat: f64, lon: f64, except_name: usize) -> Option<f64> {
        let k = lat.to_radians().cos();
        self.anchors
            .iter()
            .filter(|(g, ..)| *g != except_name)
            .map(|(_, a, b)| {
                let dlat = lat - a;
                let mut dlon = (lon - b).abs();
                if dlon > 180.0 {
                    dlon = 360.0 - dlon;
                }
                111.2 * (dlat * dlat + (k * dlon) * (k * dlon)).sqrt()
            })
            .min_by(f64::total_cmp)
    }
}

/// Resolves a bare name (a dateline place) with the document's mentions as context.
pub(crate) fn resolve_name(
    gaz: &Gazetteer,
    name: &str,
    mentions: &[PlaceMention],
    home: &[u16],
) -> Option<Record<'static>> {
    let postings = gaz.lookup_folded(&normalize_key(name));
    let doc_countries: HashSet<u16> = mentions
        .iter()
        .filter_map(|m| gaz.record(m.record).and_then(|r| r.country))
        .collect();
    let mut best: Option<(f64, Record<'static>)> = None;
    for p in postings {
        let Some(rec) = gaz.record(p.record) else {
            continue;
        };
        let class = feature_class(rec.feature);
        if p.kind == NameKind::Abbreviation
            && !name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            continue;
        }
        let mut score = (f64::from(rec.population) + 1.0).log10()
            + match class {
                FeatureClass::Capital => 2.0,
                FeatureClass::Town => 1.0,
                FeatureClass::Admin1 | FeatureClass::Admin2 => 0.5,
                FeatureClass::Country => 1.0,
                _ => 0.0,
            }
            + match p.kind {
                NameKind::Primary | NameKind::Localized | NameKind::Abbreviation => 1.5,
                NameKind::Alternate => 0.0,
            };
        if let Some(c) = rec.country {
            if doc_countries.contains(&c) {
                score += 2.5;
            }
            if home.contains(&c) {
                score += 1.0;
            }
        }
        if best
            .as_ref()
            .is_none_or(|(s, r)| score > *s || (score == *s && rec.index < r.index))
        {
            best = Some((score, rec));
        }
    }
    best.map(|(_, r)| r)
}

/// A one-edit match is read as a misspelt place only near where the document already
/// is: in the country of some place named exactly, or within a neighbourhood of one
/// ("Libanon" next to "Israel utara" stays Lebanon; "Greenlane" in an Auckland story is no
/// Greenland, "Kalam" in the Swat valley no Kallam in India). A document naming no other
/// place keeps it.
fn drop_stray_misspellings(spans: &mut [Span]) {
    let drop: Vec<usize> = (0..spans.len())
        .filter(|&i| {
            let s = &spans[i];
            s.accepted && s.fuzzy && !s.hinted && far_from_the_rest(spans, i, |o| !o.fuzzy)
        })
        .collect();
    for i in drop {
        spans[i].accepted = false;
    }
}

/// The candidate chosen for a span.
fn chosen(s: &Span) -> Option<Record<'_>> {
    s.cands.get(s.best).map(|c| c.rec)
}

/// Whether span `i` lies in none of the countries of the other accepted spans that
/// `counts` keeps and within no neighbourhood of them, when there are any.
fn far_from_the_rest(spans: &[Span], i: usize, counts: impl Fn(&Span) -> bool) -> bool {
    let Some(r) = chosen(&spans[i]) else {
        return false;
    };
    let others: Vec<_> = spans
        .iter()
        .enumerate()
        .filter(|&(k, o)| k != i && o.accepted && counts(o))
        .filter_map(|(_, o)| chosen(o))
        .collect();
    !others.is_empty()
        && !others.iter().any(|e| {
            e.country == r.country || haversine_km(e.lat, e.lon, r.lat, r.lon) <= NEIGHBOURHOOD_KM
        })
}

/// How far from the other places a document names a doubtful one (a misspelling, a small
/// town abroad with no cue) may still lie: the next country over, not another continent.
const NEIGHBOURHOOD_KM: f64 = 1000.0;
