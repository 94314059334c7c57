//! Word ids, phrase tables and a folded view of a sentence: the shared machinery of the
//! count scanner here and the date scanner in `sitrep-time`.
//!
//! Every word a language file mentions gets a small integer id once, at load time. A
//! sentence is then folded and looked up once per token, and every later test
//! ("is this a cue?", "does a hedge start here?") compares integers. That keeps a scan
//! to a few microseconds per sentence.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use sitrep_core::document::{Sentence, TokenKind};

/// Id of a token whose folded form no language file mentions.
pub const UNKNOWN: u32 = u32::MAX;

/// Multiply-rotate hasher for short keys: std's SipHash costs more than the rest of a
/// lookup for words of a few bytes, and the keys here come from our own data files.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Folds a word or phrase the way sentence tokens are folded (lowercase, accents and
/// typographic quotes removed), so data files may be written naturally.
pub fn fold(s: &str) -> String {
    sitrep_core::text::fold(s)
}

/// Interned folded words: each word any data file mentions maps to a dense id.
///
/// Words of up to eight bytes (nearly all of them) are keyed by their bytes packed in
/// an integer, so a lookup hashes one number and compares integers; longer words go
/// through a string map.
#[derive(Debug, Clone)]
pub struct Vocab {
    short: FxMap<(u64, u8), u32>,
    long: FxMap<Box<str>, u32>,
    /// Ids of one-byte ASCII words (punctuation, letters): no hashing.
    single: [u32; 128],
    /// Bit per (length < 16, first byte) of the words present: most tokens of a sentence
    /// are rejected here without hashing.
    shapes: [u64; 64],
    count: usize,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab {
            short: FxMap::default(),
            long: FxMap::default(),
            single: [UNKNOWN; 128],
            shapes: [0; 64],
            count: 0,
        }
    }
}

/// Position of a word's (length, first byte) in [`Vocab::shapes`], for lengths below 16.
fn shape(b: &[u8]) -> Option<usize> {
    (b.len() < 16 && !b.is_empty()).then(|| b.len() * 256 + usize::from(b[0]))
}

/// The bytes of a word of at most eight bytes as one integer.
fn pack(word: &str) -> Option<(u64, u8)> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    Some((u64::from_le_bytes(buf), b.len() as u8))
}

impl Vocab {
    /// Empty vocabulary.
    pub fn new() -> Vocab {
        Vocab::default()
    }

    /// Id of a folded word, adding it when new.
    pub fn intern(&mut self, folded_word: &str) -> u32 {
        let id = self.id(folded_word);
        if id != UNKNOWN {
            return id;
        }
        let id = self.count as u32;
        self.count += 1;
        let b = folded_word.as_bytes();
        if b.len() == 1 && b[0] < 128 {
            self.single[usize::from(b[0])] = id;
        }
        if let Some(k) = shape(b) {
            self.shapes[k / 64] |= 1 << (k % 64);
        }
        match pack(folded_word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(folded_word.into(), id),
        };
        id
    }

    /// Ids of the words of a phrase as written in a data file ("lebih dari" → two ids).
    /// Punctuation glued to a word is kept apart, as the tokenizer does ("Sept." → "sept", ".").
    pub fn intern_phrase(&mut self, phrase: &str) -> Vec<u32> {
        split_phrase(&fold(phrase))
            .iter()
            .map(|w| self.intern(w))
            .collect()
    }

    /// Id of a folded word, or [`UNKNOWN`].
    pub fn id(&self, folded_word: &str) -> u32 {
        let b = folded_word.as_bytes();
        if b.len() == 1 && b[0] < 128 {
            return self.single[usize::from(b[0])];
        }
        if let Some(k) = shape(b)
            && self.shapes[k / 64] & (1 << (k % 64)) == 0
        {
            return UNKNOWN;
        }
        match pack(folded_word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(folded_word).copied(),
        }
        .unwrap_or(UNKNOWN)
    }

    /// Number of interned words.
    pub fn len(&self) -> usize {
        self.count
    }

    /// True when nothing is interned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Splits a folded phrase into the words the tokenizer would produce: whitespace
/// separates words, and a leading or trailing punctuation mark is its own word.
fn split_phrase(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in folded.split_whitespace() {
        let only_punct = w.chars().all(|c| c.is_ascii_punctuation());
        if only_punct {
            out.push(w.to_string());
            continue;
        }
        let trimmed_end = w.trim_end_matches(['.', ',', ':', ';']);
        out.push(trimmed_end.to_string());
        for c in w[trimmed_end.len()..].chars() {
            out.push(c.to_string());
        }
    }
    out
}

/// A set of word ids as a bit set: ids are dense, and most tokens of a sentence are in
/// no table, so the common answer "no" costs one load and one mask.
#[derive(Debug, Clone, Default)]
struct IdBits {
    words: Vec<u64>,
}

impl IdBits {
    fn insert(&mut self, id: u32) {
        let (w, b) = (id as usize / 64, id % 64);
        if self.words.len() <= w {
            self.words.resize(w + 1, 0);
        }
        self.words[w] |= 1 << b;
    }

    fn contains(&self, id: u32) -> bool {
        self.words
            .get(id as usize / 64)
            .is_some_and(|w| w & (1 << (id % 64)) != 0)
    }
}

/// Values for single words, indexed by word id: ids are dense and small, so a lookup
/// is an array access.
#[derive(Debug, Clone)]
pub struct IdMap<T> {
    values: Vec<Option<T>>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap { values: Vec::new() }
    }
}

impl<T> IdMap<T> {
    /// Empty map.
    pub fn new() -> IdMap<T> {
        IdMap::default()
    }

    /// Sets the value of `id` (replacing an earlier one).
    pub fn insert(&mut self, id: u32, value: T) {
        let i = id as usize;
        if self.values.len() <= i {
            self.values.resize_with(i + 1, || None);
        }
        self.values[i] = Some(value);
    }

    /// Value of `id`.
    pub fn get(&self, id: u32) -> Option<&T> {
        self.values.get(id as usize).and_then(Option::as_ref)
    }

    /// True when `id` has a value.
    pub fn contains_key(&self, id: u32) -> bool {
        self.get(id).is_some()
    }

    /// Mutable value of `id`.
    pub fn get_mut(&mut self, id: u32) -> Option<&mut T> {
        self.values.get_mut(id as usize).and_then(Option::as_mut)
    }

    /// Ids that have a value.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_some())
            .map(|(i, _)| i as u32)
    }
}

/// Phrases (sequences of word ids) mapped to values, matched longest first.
#[derive(Debug, Clone)]
pub struct Phrases<V> {
    firsts: IdBits,
    by_first: IdMap<Vec<(Box<[u32]>, V)>>,
}

impl<V> Default for Phrases<V> {
    fn default() -> Self {
        Phrases {
            firsts: IdBits::default(),
            by_first: IdMap::default(),
        }
    }
}

impl<V> Phrases<V> {
    /// Empty table.
    pub fn new() -> Phrases<V> {
        Phrases::default()
    }

    /// Adds a phrase; a phrase added twice keeps its first value (data files list
    /// the preferred reading first).
    pub fn insert(&mut self, words: Vec<u32>, value: V) {
        let Some((&first, rest)) = words.split_first() else {
            return;
        };
        self.firsts.insert(first);
        if !self.by_first.contains_key(first) {
            self.by_first.insert(first, Vec::new());
        }
        let Some(list) = self.by_first.get_mut(first) else {
            return;
        };
        if list.iter().any(|(r, _)| **r == *rest) {
            return;
        }
        list.push((rest.into(), value));
        list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
    }

    /// Longest phrase starting at item `i`: its value and the number of items it covers.
    pub fn longest(&self, words: &Words<'_>, i: usize) -> Option<(&V, usize)> {
        let first = words.id(i);
        if !self.firsts.contains(first) {
            return None;
        }
        let list = self.by_first.get(first)?;
        list.iter().find_map(|(rest, v)| {
            let fits = rest
                .iter()
                .enumerate()
                .all(|(k, &id)| words.id(i + 1 + k) == id);
            fits.then_some((v, 1 + rest.len()))
        })
    }

    /// Longest phrase ending just before item `end` (looking leftwards): its value and
    /// the number of items it covers.
    pub fn longest_ending_at(&self, words: &Words<'_>, end: usize) -> Option<(&V, usize)> {
        let mut best: Option<(&V, usize)> = None;
        // Phrases are short; try every start a few items back.
        for len in 1..=end.min(6) {
            if let Some((v, n)) = self.longest(words, end - len)
                && n == len
                && best.is_none_or(|(_, b)| n > b)
            {
                best = Some((v, n));
            }
        }
        best
    }

    /// True when no phrase is stored.
    pub fn is_empty(&self) -> bool {
        self.firsts.words.iter().all(|w| *w == 0)
    }

    /// Adds the first word of every phrase to `set`: scanners build the set of words
    /// that can start anything they look for.
    pub fn add_first_words_to(&self, set: &mut WordSet) {
        for (k, w) in self.firsts.words.iter().enumerate() {
            for b in 0..64 {
                if w & (1 << b) != 0 {
                    set.insert((k * 64 + b) as u32);
                }
            }
        }
    }
}

/// A set of single words (by id).
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    ids: IdBits,
}

impl WordSet {
    /// Builds the set from words as written in a data file.
    pub fn build<'a>(vocab: &mut Vocab, words: impl IntoIterator<Item = &'a String>) -> WordSet {
        let mut ids = IdBits::default();
        for w in words {
            ids.insert(vocab.intern(&fold(w.trim())));
        }
        WordSet { ids }
    }

    /// True when `id` is in the set.
    pub fn contains(&self, id: u32) -> bool {
        self.ids.contains(id)
    }

    /// Adds a word id.
    pub fn insert(&mut self, id: u32) {
        if id != UNKNOWN {
            self.ids.insert(id);
        }
    }

    /// Adds every word of `other`.
    pub fn extend(&mut self, other: &WordSet) {
        if self.ids.words.len() < other.ids.words.len() {
            self.ids.words.resize(other.ids.words.len(), 0);
        }
        for (a, b) in self.ids.words.iter_mut().zip(&other.ids.words) {
            *a |= b;
        }
    }
}

/// One token of a [`Words`] view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Byte offset in the document text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Token class.
    pub kind: TokenKind,
    /// Index of the sentence token this item comes from (several items share one token
    /// when a hyphenated word was split: "mid-March").
    pub token: usize,
    /// Vocabulary id of the folded form, or [`UNKNOWN`].
    pub id: u32,
    /// First character is an uppercase letter.
    pub capitalised: bool,
    /// No whitespace between this item and the previous one ("1990" "-" "an").
    pub glued: bool,
    /// A word with an inner hyphen ("twenty-three", "mid-March", "luka-luka").
    pub hyphenated: bool,
    fold_start: u32,
    fold_end: u32,
}

/// A sentence's tokens, folded once and looked up once in a vocabulary.
pub struct Words<'t> {
    /// The document text the tokens point into.
    pub text: &'t str,
    items: Vec<Item>,
    folded: String,
}

impl<'t> Words<'t> {
    /// Folds and looks up every token of `sentence`.
    pub fn new(text: &'t str, sentence: &Sentence, vocab: &Vocab) -> Words<'t> {
        Words::with_hyphen_split(text, sentence, vocab, &WordSet::default())
    }

    /// Like [`Words::new`], but a hyphenated word whose first part is in `prefixes`
    /// becomes two items ("mid-March" → "mid", "march"), so data need not list every
    /// combination.
    pub fn with_hyphen_split(
        text: &'t str,
        sentence: &Sentence,
        vocab: &Vocab,
        prefixes: &WordSet,
    ) -> Words<'t> {
        let mut items = Vec::with_capacity(sentence.tokens.len());
        let mut folded = String::with_capacity(sentence.end.saturating_sub(sentence.start) + 8);
        let mut prev_end = usize::MAX;
        for (ti, tok) in sentence.tokens.iter().enumerate() {
            // Offsets come from the segmenter; a token that does not fit the text is skipped
            // rather than trusted.
            let Some(raw) = text.get(tok.start..tok.end) else {
                continue;
            };
            let glued = prev_end == tok.start;
            prev_end = tok.end;
            let fs = folded.len();
            sitrep_core::text::fold_push(raw, &mut folded);
            let fe = folded.len();
            let capitalised = match raw.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => raw.chars().next().is_some_and(char::is_uppercase),
            };
            let word = &folded[fs..fe];
            let id = vocab.id(word);
            let hyphenated =
                tok.kind == TokenKind::Word && word.len() > 2 && word.bytes().any(|b| b == b'-');
            if id == UNKNOWN
                && hyphenated
                && let Some(dash) = word.find('-')
                && prefixes.contains(vocab.id(&word[..dash]))
                && raw.get(..dash).is_some_and(|p| p.is_ascii())
                && raw.as_bytes().get(dash) == Some(&b'-')
            {
                // Split "mid-march" into "mid" and "march" (byte positions match because
                // the prefix is ASCII in both forms).
                let left_id = vocab.id(&word[..dash]);
                let right = &word[dash + 1..];
                let right_kind = if right.bytes().all(|b| b.is_ascii_digit()) {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                items.push(Item {
                    start: tok.start,
                    end: tok.start + dash,
                    kind: TokenKind::Word,
                    token: ti,
                    id: left_id,
                    capitalised,
                    glued,
                    hyphenated: false,
                    fold_start: fs as u32,
                    fold_end: (fs + dash) as u32,
                });
                items.push(Item {
                    start: tok.start + dash + 1,
                    end: tok.end,
                    kind: right_kind,
                    token: ti,
                    id: vocab.id(right),
                    capitalised: raw[dash + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase),
                    glued: true,
                    hyphenated: false,
                    fold_start: (fs + dash + 1) as u32,
                    fold_end: fe as u32,
                });
                continue;
            }
            items.push(Item {
                start: tok.start,
                end: tok.end,
                kind: tok.kind,
                token: ti,
                id,
                capitalised,
                glued,
                hyphenated,
                fold_start: fs as u32,
                fold_end: fe as u32,
            });
        }
        Words {
            text,
            items,
            folded,
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True for a sentence without tokens.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Item `i`.
    pub fn item(&self, i: usize) -> &Item {
        &self.items[i]
    }

    /// Vocabulary id of item `i`, [`UNKNOWN`] past the end.
    pub fn id(&self, i: usize) -> u32 {
        self.items.get(i).map_or(UNKNOWN, |it| it.id)
    }

    /// Folded form of item `i` ("" past the end).
    pub fn folded(&self, i: usize) -> &str {
        self.items.get(i).map_or("", |it| {
            &self.folded[it.fold_start as usize..it.fold_end as usize]
        })
    }

    /// Item `i` as written ("" past the end).
    pub fn raw(&self, i: usize) -> &'t str {
        self.items
            .get(i)
            .map_or("", |it| &self.text[it.start..it.end])
    }

    /// Kind of item `i` (`Punct` past the end, so scans stop there).
    pub fn kind(&self, i: usize) -> TokenKind {
        self.items.get(i).map_or(TokenKind::Punct, |it| it.kind)
    }

    /// Text from the start of item `first` to the end of item `last_exclusive - 1`.
    pub fn span_text(&self, first: usize, last_exclusive: usize) -> &'t str {
        if first >= last_exclusive || last_exclusive > self.items.len() {
            return "";
        }
        &self.text[self.items[first].start..self.items[last_exclusive - 1].end]
    }

    /// Sentence token index range covered by items `first..last_exclusive`.
    pub fn token_range(&self, first: usize, last_exclusive: usize) -> (usize, usize) {
        let a = self.items[first].token;
        let b = self.items[last_exclusive - 1].token + 1;
        (a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::document::Token;

    fn sentence(text: &str) -> Sentence {
        // A tiny whitespace tokenizer is enough to test the view itself.
        let mut tokens = Vec::new();
        let mut pos = 0;
        for w in text.split(' ') {
            let kind = if w.chars().all(|c| c.is_ascii_digit()) {
                TokenKind::Number
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

    #[test]
    fn phrases_match_longest_first() {
        let mut v = Vocab::new();
        let mut p = Phrases::new();
        p.insert(v.intern_phrase("lebih"), 1);
        p.insert(v.intern_phrase("lebih dari"), 2);
        let t = "Lebih dari 300 orang";
        let s = sentence(t);
        let w = Words::new(t, &s, &v);
        assert_eq!(p.longest(&w, 0), Some((&2, 2)));
        assert_eq!(p.longest(&w, 1), None);
        assert_eq!(p.longest_ending_at(&w, 2), Some((&2, 2)));
    }

    #[test]
    fn folds_and_splits_hyphen_prefixes() {
        let mut v = Vocab::new();
        v.intern("march");
        let prefixes = WordSet::build(&mut v, &["mid".to_string()]);
        let t = "in mid-March Émile";
        let s = sentence(t);
        let w = Words::with_hyphen_split(t, &s, &v, &prefixes);
        assert_eq!(w.len(), 4);
        assert_eq!(w.folded(1), "mid");
        assert_eq!(w.raw(2), "March");
        assert_eq!(w.item(2).token, 1);
        assert!(w.item(2).capitalised);
        assert_eq!(w.folded(3), "emile");
        assert_eq!(w.id(3), UNKNOWN);
        assert_eq!(w.token_range(1, 3), (1, 2));
    }

    #[test]
    fn phrase_split_keeps_trailing_dot_apart() {
        assert_eq!(split_phrase("sept. 12"), vec!["sept", ".", "12"]);
        assert_eq!(split_phrase("a.m."), vec!["a.m", "."]);
    }
}
