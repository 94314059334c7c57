//! Language identification restricted to the languages sitrep supports (English,
//! Indonesian, Malay).
//!
//! Three layers, cheapest first, so a document costs microseconds in the common case.
//! All words come from the language packs (`lang/<code>/langid.tsv`), none from code:
//! 1. Function words of each pack ("the", "of" against "yang", "dan") find the language
//!    family when a text has enough of them.
//! 2. Lexical cues inside a pack ("kerana", "polis", "bahawa" against "karena",
//!    "polisi", "bahwa" in `lang/id/langid.tsv`) separate Malay from Indonesian, which
//!    share most function words and confuse character models on short texts.
//! 3. Lingua's n-gram models (compiled in for these three languages only) decide
//!    whatever the first two layers leave open: short or unusual texts, ties.
//!
//! Only a bounded prefix of each document is read (~2 KB): news states its language
//! in the first paragraphs, and the cost stays flat for long inputs.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use sitrep_core::Lang;

/// Bytes of a document read for identification.
pub const PREFIX_BYTES: usize = 2048;

/// Function words needed before layer 1 decides alone.
const MIN_FUNCTION_WORDS: usize = 6;

/// A language decision with the layer that made it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The language.
    pub lang: Lang,
    /// Which evidence decided: function words, lexical cues or the n-gram model.
    pub method: Method,
    /// Rough confidence in [0, 1].
    pub confidence: f64,
}

/// The evidence that decided a [`Detection`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// English vs Malay/Indonesian function words.
    FunctionWords,
    /// Malay vs Indonesian vocabulary cues.
    LexicalCues,
    /// Lingua's character n-gram models.
    Model,
}

/// Identifies the language of `text`; `None` when it has no letters or no supported
/// language fits.
pub fn detect(text: &str) -> Option<Lang> {
    detect_detailed(text).map(|d| d.lang)
}

/// Identifies the language of `text`, saying how sure and why.
pub fn detect_detailed(text: &str) -> Option<Detection> {
    let prefix = bounded_prefix(text, PREFIX_BYTES);
    if !prefix.chars().any(char::is_alphabetic) {
        return None;
    }
    let lower = if prefix.is_ascii() {
        prefix.to_ascii_lowercase()
    } else {
        prefix.to_lowercase()
    };
    let vocab = vocabulary();
    let counts = vocab.count(&lower);
    // 1. Which language pack's function words dominate?
    let (family, method, confidence) = match dominant(&counts.function) {
        Some((pack, share)) => (vocab.packs[pack].lang, Method::FunctionWords, share),
        None => (
            sitrep_lang::data_language(model_detect(prefix)?),
            Method::Model,
            0.6,
        ),
    };
    let Some(pack) = vocab.packs.iter().position(|p| p.lang == family) else {
        return Some(Detection {
            lang: family,
            method,
            confidence,
        });
    };
    // 2. Within the pack, lexical cues separate close languages (Indonesian, Malay).
    let candidates = &vocab.packs[pack].cue_langs;
    if candidates.len() < 2 {
        return Some(Detection {
            lang: family,
            method,
            confidence,
        });
    }
    let score = |l: Lang| {
        counts
            .cues
            .iter()
            .filter(|(c, _)| *c == l)
            .map(|(_, w)| *w)
            .sum::<usize>()
    };
    let mut ranked: Vec<(usize, Lang)> = candidates.iter().map(|&l| (score(l), l)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, runner_up) = (ranked[0], ranked[1]);
    if best.0 >= runner_up.0 + 2 {
        return Some(Detection {
            lang: best.1,
            method: Method::LexicalCues,
            confidence: share(best.0, runner_up.0),
        });
    }
    // 3. A tie: the character model decides among the pack's languages.
    let lang = model_among(prefix, candidates).unwrap_or(best.1);
    Some(Detection {
        lang,
        method: Method::Model,
        confidence: 0.55,
    })
}

/// The pack whose function words clearly dominate, with its share of all of them.
fn dominant(function: &[usize]) -> Option<(usize, f64)> {
    let total: usize = function.iter().sum();
    let (best, &top) = function
        .iter()
        .enumerate()
        .max_by_key(|&(i, c)| (*c, usize::MAX - i))?;
    let second = function
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != best)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(0);
    (total >= MIN_FUNCTION_WORDS && top >= 4 * second.max(1) && second * 10 <= top)
        .then(|| (best, share(top, total - top)))
}

fn share(a: usize, b: usize) -> f64 {
    a as f64 / (a + b).max(1) as f64
}

/// Longest prefix of `text` within `max` bytes, cut at a char boundary (and at a space
/// when one is near, so no word is cut).
fn bounded_prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match text[..cut].rfind(char::is_whitespace) {
        Some(k) if k > cut / 2 => &text[..k],
        _ => &text[..cut],
    }
}

/// What one vocabulary entry votes for.
#[derive(Debug, Clone, Copy)]
enum Vote {
    /// A function word of pack `usize`.
    Function(usize),
    /// A cue for a language, with its weight.
    Cue(Lang, usize),
}

/// Vote totals over one text.
#[derive(Debug, Default, Clone)]
struct Counts {
    /// Function words per pack.
    function: Vec<usize>,
    /// (language, weight) of every cue found.
    cues: Vec<(Lang, usize)>,
}

/// A language pack with language-ID data (`lang/<code>/langid.tsv`).
struct Pack {
    lang: Lang,
    /// Languages its cue rows tell apart (Indonesian and Malay for `id`).
    cue_langs: Vec<Lang>,
}

/// Function words and cues of every pack in one automaton: a text is read in one pass.
struct Vocabulary {
    packs: Vec<Pack>,
    matcher: AhoCorasick,
    votes: Vec<Vec<Vote>>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let mut packs = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut votes: Vec<Vec<Vote>> = Vec::new();
        for lang in sitrep_lang::languages() {
            let rows = sitrep_lang::rows(lang, "langid.tsv");
            if rows.is_empty() {
                continue;
            }
            let pack = packs.len();
            // The pack's own language first: it wins ties.
            let mut cue_langs: Vec<Lang> = vec![lang];
            for row in rows {
                let word = row.col(0).to_lowercase();
                let weight: usize = row.col(2).parse().unwrap_or(1);
                if word.is_empty() || weight == 0 {
                    continue;
                }
                let vote = if row.col(1) == "function" {
                    Vote::Function(pack)
                } else if let Some(l) = Lang::parse(row.col(1)) {
                    if !cue_langs.contains(&l) {
                        cue_langs.push(l);
                    }
                    Vote::Cue(l, weight)
                } else {
                    continue;
                };
                match patterns.iter().position(|p| *p == word) {
                    Some(i) => votes[i].push(vote),
                    None => {
                        patterns.push(word);
                        votes.push(vec![vote]);
                    }
                }
            }
            packs.push(Pack { lang, cue_langs });
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
            .expect("an empty automaton always builds");
        Vocabulary {
            packs,
            matcher,
            votes,
        }
    }

    /// Counts whole-word occurrences of every entry in lower-cased `text`.
    fn count(&self, text: &str) -> Counts {
        let mut c = Counts {
            function: vec![0; self.packs.len()],
            cues: Vec::new(),
        };
        for m in self.matcher.find_overlapping_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                continue;
            }
            for v in &self.votes[m.pattern().as_usize()] {
                match *v {
                    Vote::Function(p) => c.function[p] += 1,
                    Vote::Cue(l, w) => c.cues.push((l, w)),
                }
            }
        }
        c
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-'
}

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(Vocabulary::load)
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        LanguageDetectorBuilder::from_languages(&MODEL_LANGUAGES.map(|(l, _)| l)).build()
    })
}

/// The languages whose lingua models are compiled in (workspace `lingua` features).
const MODEL_LANGUAGES: [(Language, Lang); 3] = [
    (Language::English, Lang::EN),
    (Language::Indonesian, Lang::ID),
    (Language::Malay, Lang::MS),
];

fn to_lang(l: Language) -> Option<Lang> {
    MODEL_LANGUAGES
        .iter()
        .find(|(x, _)| *x == l)
        .map(|(_, c)| *c)
}

fn model_detect(text: &str) -> Option<Lang> {
    detector().detect_language_of(text).and_then(to_lang)
}

/// The model's choice among `candidates` only; the earlier candidate wins a tie.
fn model_among(text: &str, candidates: &[Lang]) -> Option<Lang> {
    let values = detector().compute_language_confidence_values(text);
    let value = |c: Lang| {
        values
            .iter()
            .find(|(l, _)| to_lang(*l) == Some(c))
            .map_or(0.0, |(_, v)| *v)
    };
    let mut best: Option<(Lang, f64)> = None;
    for &c in candidates {
        let v = value(c);
        if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
            best = Some((c, v));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_indonesian_and_malay_apart() {
        let en =
            "Police arrested two men on Monday after a shooting in the capital, officials said.";
        let id = "Polisi menangkap dua pria pada Senin setelah penembakan di ibu kota, kata pejabat kepolisian.";
        let ms = "Polis menahan dua lelaki pada Isnin selepas kejadian tembakan di ibu negara, kata pegawai polis.";
        assert_eq!(detect(en), Some(Lang::EN));
        assert_eq!(detect(id), Some(Lang::ID));
        assert_eq!(detect(ms), Some(Lang::MS));
    }

    #[test]
    fn short_and_empty_texts() {
        assert_eq!(detect(""), None);
        assert_eq!(detect("12/9/2022 10.30 --"), None);
        // Every word exists in both languages: the model may say either, never English.
        assert!(matches!(
            detect("Banjir bandang melanda Garut"),
            Some(Lang::ID) | Some(Lang::MS)
        ));
        // One clear cue decides a short headline.
        assert_eq!(detect("Polisi tangkap begal di Bekasi"), Some(Lang::ID));
        assert_eq!(detect("Polis tahan lelaki di Johor"), Some(Lang::MS));
    }

    #[test]
    fn reads_only_a_bounded_prefix() {
        let long = "Polisi menangkap dua tersangka di Bekasi. ".repeat(10_000);
        let p = bounded_prefix(&long, PREFIX_BYTES);
        assert!(p.len() <= PREFIX_BYTES && p.len() > PREFIX_BYTES / 2);
        assert_eq!(detect(&long), Some(Lang::ID));
        assert_eq!(bounded_prefix("é".repeat(2000).as_str(), 3).len(), 2);
    }

    #[test]
    fn vocabulary_counts_whole_words_and_pairs() {
        let v = vocabulary();
        let c = v.count("pasien dibawa ke rumah sakit kerana polisi-polisi tiba; the theory");
        // "rumah sakit" (id 2), "kerana" (ms 2); "polisi-polisi" is not "polisi"; "theory" is not "the".
        let sum = |l: Lang| {
            c.cues
                .iter()
                .filter(|(x, _)| *x == l)
                .map(|(_, w)| *w)
                .sum::<usize>()
        };
        assert_eq!((sum(Lang::ID), sum(Lang::MS)), (2, 2));
        let pack = |l: Lang| v.packs.iter().position(|p| p.lang == l).unwrap();
        assert_eq!(c.function[pack(Lang::EN)], 1); // "the"
        assert_eq!(c.function[pack(Lang::ID)], 2); // "ke", "kerana"
        assert!(v.packs[pack(Lang::ID)].cue_langs.contains(&Lang::MS));
    }
}
