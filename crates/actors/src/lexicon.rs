//! Token trie over folded words. Dictionary forms are tokenised with the run-time tokeniser and
//! folded like the text, so "Kəlbəcər", "Côte d’Ivoire" and "U.S." match however they are typed;
//! each form keeps a per-word case requirement so "US" is not "us" and "Turkey" is not "turkey".

use rustc_hash::FxHashMap;
use sitrep_core::document::{Token, TokenKind};

/// What the case of a text word must be for a dictionary word to match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Written in lower case in the dictionary: any case matches.
    Any,
    /// Capitalised in the dictionary: the text word must start with a capital.
    Title,
    /// All capitals in the dictionary ("US", "KKB"): the text word must be all capitals.
    Upper,
}

/// Case class of a written word.
pub(crate) fn case_of(word: &str) -> Case {
    let mut letters = 0;
    let mut upper = 0;
    let mut first_upper = None;
    let mut count = |is_upper: bool| {
        letters += 1;
        if is_upper {
            upper += 1;
        }
        if first_upper.is_none() {
            first_upper = Some(is_upper);
        }
    };
    // Every token of every sentence passes here: plain ASCII skips the Unicode tables.
    if word.is_ascii() {
        for b in word.bytes().filter(u8::is_ascii_alphabetic) {
            count(b.is_ascii_uppercase());
        }
    } else {
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            count(c.is_uppercase());
        }
    }
    if letters >= 2 && upper == letters {
        Case::Upper
    } else if first_upper == Some(true) {
        Case::Title
    } else {
        Case::Any
    }
}

/// True when a text word of class `text` satisfies dictionary requirement `want`.
pub(crate) fn case_ok(want: Case, text: Case) -> bool {
    match want {
        Case::Any => true,
        Case::Title => text != Case::Any,
        Case::Upper => text == Case::Upper,
    }
}

/// Folds a word into `out` (cleared first).
pub(crate) fn fold_into(word: &str, out: &mut String) {
    out.clear();
    sitrep_core::text::fold_push(word, out);
}

/// True for an abbreviation dot: a "." glued to the word before it ("U.S.", "Gen.").
pub(crate) fn is_glued_dot(text: &str, tokens: &[Token], i: usize) -> bool {
    i > 0
        && tokens[i].kind == TokenKind::Punct
        && &text[tokens[i].start..tokens[i].end] == "."
        && tokens[i - 1].end == tokens[i].start
        && tokens[i - 1].kind == TokenKind::Word
}

/// A dictionary form ready for the trie.
#[derive(Default)]
pub(crate) struct Pattern {
    /// Folded words, abbreviation dots removed, as ranges into `folded`.
    pub folded: String,
    pub words: Vec<(u32, u32)>,
    /// Case requirement per word.
    pub case: Vec<Case>,
    /// The form ended in an abbreviation dot ("U.S.", "Gen."): a glued dot in the text after the
    /// match belongs to the mention.
    pub trailing_dot: bool,
}

impl Pattern {
    /// The folded words.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words
            .iter()
            .map(|&(s, e)| &self.folded[s as usize..e as usize])
    }
}

/// True when every space-separated piece is letters with inner hyphens, optionally followed by
/// one abbreviation dot ("A.", "Jean-Yves"): the tokeniser would make each piece one word (and a
/// glued dot).
fn plain(form: &str) -> bool {
    form.split(' ').all(|piece| {
        if piece.is_empty() {
            return true;
        }
        let w = piece.strip_suffix('.').unwrap_or(piece);
        let mut prev_letter = false;
        let mut chars = w.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphabetic() {
                prev_letter = true;
            } else if c == '-' && prev_letter && chars.peek().is_some_and(|n| n.is_alphabetic()) {
                prev_letter = false;
            } else {
                return false;
            }
        }
        prev_letter
    })
}

/// Tokenises and folds a dictionary form; `None` when nothing is left.
#[cfg(test)]
pub(crate) fn compile(form: &str) -> Option<Pattern> {
    let mut p = Pattern::default();
    compile_into(form, &mut p).then_some(p)
}

/// Tokenises and folds `form` into `p` (reused between forms to save allocations); false when
/// nothing is left.
pub(crate) fn compile_into(form: &str, p: &mut Pattern) -> bool {
    p.folded.clear();
    p.words.clear();
    p.case.clear();
    p.trailing_dot = false;
    let push = |p: &mut Pattern, w: &str| {
        let s = p.folded.len() as u32;
        sitrep_core::text::fold_push(w, &mut p.folded);
        p.words.push((s, p.folded.len() as u32));
        p.case.push(case_of(w));
    };
    // Plain words (letters, inner hyphens, initials such as "A.") split exactly as the tokeniser
    // would split them; anything else goes through it.
    if plain(form) {
        let mut words = form.split(' ').filter(|w| !w.is_empty()).peekable();
        while let Some(w) = words.next() {
            match w.strip_suffix('.') {
                Some(stem) => {
                    push(p, stem);
                    p.trailing_dot = words.peek().is_none();
                }
                None => push(p, w),
            }
        }
    } else {
        let tokens = sitrep_segment::tokenize(form, 0, form.len());
        for i in 0..tokens.len() {
            if is_glued_dot(form, &tokens, i) {
                p.trailing_dot = i + 1 == tokens.len();
                continue;
            }
            push(p, &form[tokens[i].start..tokens[i].end]);
        }
    }
    !p.words.is_empty()
}

/// The trie: words are interned to ids, edges are one hash map keyed by (node, word).
#[derive(Default)]
pub(crate) struct Lexicon {
    vocab: FxHashMap<Box<str>, u32>,
    edges: FxHashMap<(u32, u32), u32>,
    nodes: u32,
    pending: Vec<(u32, u32)>,
    ends: Vec<(u32, u32)>,
    payload: Vec<u32>,
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut lx = Lexicon {
            nodes: 1,
            ..Lexicon::default()
        };
        lx.vocab.reserve(40_000);
        lx.edges.reserve(60_000);
        lx.pending.reserve(40_000);
        lx
    }

    /// Adds `entry` at the end of `words`.
    pub fn insert<'w>(&mut self, words: impl Iterator<Item = &'w str>, entry: u32) {
        let mut node = 0u32;
        for w in words {
            let id = match self.vocab.get(w) {
                Some(&id) => id,
                None => {
                    let id = self.vocab.len() as u32;
                    self.vocab.insert(w.into(), id);
                    id
                }
            };
            node = match self.edges.get(&(node, id)) {
                Some(&n) => n,
                None => {
                    let n = self.nodes;
                    self.nodes += 1;
                    self.edges.insert((node, id), n);
                    n
                }
            };
        }
        self.pending.push((node, entry));
    }

    /// Freezes the payload table; call once after the last insert.
    pub fn finish(&mut self) {
        self.pending.sort_unstable();
        self.ends = vec![(0, 0); self.nodes as usize];
        self.payload = Vec::with_capacity(self.pending.len());
        let mut i = 0;
        while i < self.pending.len() {
            let node = self.pending[i].0;
            let start = self.payload.len() as u32;
            let mut prev = None;
            while i < self.pending.len() && self.pending[i].0 == node {
                let entry = self.pending[i].1;
                if prev != Some(entry) {
                    self.payload.push(entry);
                    prev = Some(entry);
                }
                i += 1;
            }
            self.ends[node as usize] = (start, self.payload.len() as u32 - start);
        }
        self.pending = Vec::new();
    }

    /// Id of a folded word, if any form contains it.
    pub fn word_id(&self, folded: &str) -> Option<u32> {
        self.vocab.get(folded).copied()
    }

    /// Child of `node` along word `id` (root is node 0).
    pub fn step(&self, node: u32, id: u32) -> Option<u32> {
        self.edges.get(&(node, id)).copied()
    }

    /// Entries of forms ending at `node`.
    pub fn entries(&self, node: u32) -> &[u32] {
        let (s, l) = self.ends[node as usize];
        &self.payload[s as usize..(s + l) as usize]
    }

    /// Number of distinct words, for load statistics.
    pub fn words(&self) -> usize {
        self.vocab.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_classes() {
        assert_eq!(case_of("US"), Case::Upper);
        assert_eq!(case_of("U.S"), Case::Upper);
        assert_eq!(case_of("Turkey"), Case::Title);
        assert_eq!(case_of("Kəlbəcər"), Case::Title);
        assert_eq!(case_of("ÖSTERREICH"), Case::Upper);
        assert_eq!(case_of("élysée"), Case::Any);
        assert_eq!(case_of("12"), Case::Any);
        assert_eq!(case_of("al-Qaeda"), Case::Any);
        assert_eq!(case_of("I"), Case::Title);
        assert!(case_ok(Case::Title, Case::Upper));
        assert!(!case_ok(Case::Upper, Case::Title));
        assert!(!case_ok(Case::Title, Case::Any));
    }

    #[test]
    fn patterns_drop_abbreviation_dots() {
        let p = compile("U.S.").unwrap();
        assert_eq!(p.words().collect::<Vec<_>>(), vec!["u.s"]);
        assert!(p.trailing_dot);
        let p = compile("Lt. Gen.").unwrap();
        assert_eq!(p.words().collect::<Vec<_>>(), vec!["lt", "gen"]);
        let p = compile("Israel's").unwrap();
        assert_eq!(p.words().collect::<Vec<_>>(), vec!["israel", "'s"]);
        assert_eq!(p.case, vec![Case::Title, Case::Any]);
        let p = compile("Kəlbəcər  Rayonu").unwrap();
        assert_eq!(p.words().collect::<Vec<_>>(), vec!["kelbecer", "rayonu"]);
        // The fast path agrees with the tokeniser on initials and inner hyphens.
        for form in [
            "A. F. Hassan Ariff",
            "Jean-Yves Le Drian",
            "Gen.",
            "Kramp-Karrenbauer x",
        ] {
            let fast = compile(form).unwrap();
            let toks = sitrep_segment::tokenize(form, 0, form.len());
            let slow: Vec<String> = (0..toks.len())
                .filter(|&i| !is_glued_dot(form, &toks, i))
                .map(|i| sitrep_core::text::fold(&form[toks[i].start..toks[i].end]))
                .collect();
            assert_eq!(fast.words().collect::<Vec<_>>(), slow, "{form}");
        }
        assert!(compile("  ").is_none());
    }

    #[test]
    fn trie_finds_entries_along_words() {
        let mut lx = Lexicon::new();
        lx.insert(["amerika", "serikat"].into_iter(), 7);
        lx.insert(["amerika"].into_iter(), 3);
        lx.finish();
        let a = lx.word_id("amerika").unwrap();
        let s = lx.word_id("serikat").unwrap();
        let n1 = lx.step(0, a).unwrap();
        assert_eq!(lx.entries(n1), &[3]);
        let n2 = lx.step(n1, s).unwrap();
        assert_eq!(lx.entries(n2), &[7]);
        assert!(lx.word_id("rusia").is_none());
    }
}
