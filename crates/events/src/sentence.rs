//! A sentence's tokens as the rules read them: lower-cased words, capitalisation,
//! punctuation, and morphological analyses.

use std::ops::Range;

use sitrep_attribution::SentenceView;
use sitrep_core::document::{Sentence, TokenKind};
use sitrep_morph::{Analysis, Analyzer, Form};

/// One analysed token.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Lower-cased surface form.
    pub lower: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Is punctuation.
    pub punct: bool,
    /// Is a word (letters).
    pub word: bool,
    /// Morphological analyses, best first (empty for non-words).
    pub analyses: std::sync::Arc<[Analysis]>,
    /// Byte range in the document text.
    pub span: Range<usize>,
}

impl Tok {
    /// Lookup keys: the surface form and every root.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.lower.as_str()).chain(self.analyses.iter().map(|a| a.root.as_str()))
    }

    /// Form of the analysis whose root is `key`, or of the best analysis.
    pub fn form_for(&self, key: &str) -> Form {
        self.analyses
            .iter()
            .find(|a| a.root == key && a.root != self.lower)
            .or_else(|| self.analyses.first())
            .map_or(Form::Base, |a| a.form)
    }

    /// Whether the analysis reaching root `key` has one of `prefixes` and no suffix: a
    /// noun naming the doer ("penyerang" from "serang").
    pub fn agent_noun(&self, key: &str, prefixes: &[String]) -> bool {
        !prefixes.is_empty()
            && self.analyses.iter().any(|a| {
                a.root == key
                    && a.root != self.lower
                    && a.affixes.suffix.is_empty()
                    && prefixes.iter().any(|p| p == a.affixes.prefix)
            })
    }

    /// Form of the best analysis; none for a token the analyser left alone.
    pub fn best_form(&self) -> Option<Form> {
        self.analyses.first().map(|a| a.form)
    }

    /// Whether `word` is this token's surface form or one of its roots.
    pub fn is(&self, word: &str) -> bool {
        self.keys().any(|k| k == word)
    }
}

/// All tokens of one sentence, plus parallel arrays for the frame finder.
#[derive(Debug, Clone)]
pub struct SentenceTokens {
    /// The tokens.
    pub toks: Vec<Tok>,
    /// Lower-cased words (parallel to `toks`).
    pub words: Vec<String>,
    caps: Vec<bool>,
    puncts: Vec<bool>,
    /// Hashes of every lookup key (surface forms and roots), sorted: lets a pattern
    /// whose other words are absent be skipped without matching it.
    key_hashes: Vec<u64>,
}

impl SentenceTokens {
    /// Analyses the tokens of `sentence`.
    pub fn new(text: &str, sentence: &Sentence, analyzer: &Analyzer) -> SentenceTokens {
        let mut toks = Vec::with_capacity(sentence.tokens.len());
        // Punctuation and numbers share one empty analysis list.
        let none: std::sync::Arc<[Analysis]> = std::sync::Arc::from(Vec::new());
        for t in &sentence.tokens {
            let s = t.text(text);
            let word = t.kind == TokenKind::Word;
            let lower = if s.is_ascii() {
                s.to_ascii_lowercase()
            } else {
                s.to_lowercase()
            };
            let analyses = if word {
                cached_analyses(analyzer, s)
            } else {
                std::sync::Arc::clone(&none)
            };
            toks.push(Tok {
                cap: s.chars().next().is_some_and(char::is_uppercase),
                punct: t.kind == TokenKind::Punct,
                word,
                lower,
                analyses,
                span: t.start..t.end,
            });
        }
        let words = toks.iter().map(|t| t.lower.clone()).collect();
        let caps = toks.iter().map(|t| t.cap).collect();
        let puncts = toks.iter().map(|t| t.punct).collect();
        let mut key_hashes: Vec<u64> = toks.iter().flat_map(Tok::keys).map(key_hash).collect();
        key_hashes.sort_unstable();
        key_hashes.dedup();
        SentenceTokens {
            toks,
            words,
            caps,
            puncts,
            key_hashes,
        }
    }

    /// Whether some token has `key` as surface form or root. A hash collision can
    /// answer yes wrongly, never no: callers use it only to skip work.
    pub fn may_have_key(&self, key: &str) -> bool {
        self.key_hashes.binary_search(&key_hash(key)).is_ok()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// True for an empty sentence.
    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The view the frame finder reads.
    pub fn view<'a>(&'a self, mentions: &'a [Range<usize>]) -> SentenceView<'a> {
        SentenceView {
            words: &self.words,
            capitalized: &self.caps,
            punct: &self.puncts,
            mentions,
        }
    }

    /// Byte range covered by tokens `r`.
    pub fn span(&self, r: &Range<usize>) -> Range<usize> {
        if r.is_empty() || r.end > self.toks.len() {
            return 0..0;
        }
        self.toks[r.start].span.start..self.toks[r.end - 1].span.end
    }
}

fn key_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Most words recur (Zipf): analyses are cached per thread and language, shared by
/// reference, and the cache is dropped when it grows past a bound.
fn cached_analyses(analyzer: &Analyzer, word: &str) -> std::sync::Arc<[Analysis]> {
    use std::cell::RefCell;
    use std::sync::Arc;
    const MAX_ENTRIES: usize = 100_000;
    type Cache =
        rustc_hash::FxHashMap<sitrep_core::Lang, rustc_hash::FxHashMap<String, Arc<[Analysis]>>>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let per_lang = c.entry(analyzer.lang()).or_default();
        if let Some(v) = per_lang.get(word) {
            return Arc::clone(v);
        }
        let v: Arc<[Analysis]> = Arc::from(analyzer.analyze(word));
        if per_lang.len() >= MAX_ENTRIES {
            per_lang.clear();
        }
        per_lang.insert(word.to_string(), Arc::clone(&v));
        v
    })
}
