//! Feature extraction shared by training and tagging.
//!
//! One code path computes the features of a sentence for both sides: training wants
//! readable attribute strings ("w-1=presiden") for the CRFsuite model, tagging wants
//! 64-bit keys without building strings. Both are produced from the same per-token
//! analysis through the [`Value`] trait, so the two can never drift apart.
//!
//! A feature is a *template* (its name and which token property it reads at which
//! offset) plus the property value(s). The tagger's key for a feature is
//! `mix(template, hash(value))`, computed from per-token hashes once per token; at load
//! time the same key is computed from the attribute strings stored in the model.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use sitrep_core::Lang;
use sitrep_core::text::fold_char;
use xxhash_rust::xxh3::xxh3_64;

/// Token properties a template can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prop {
    /// Normalised word: folded, digits as 0, trailing dot dropped.
    Lower = 0,
    /// Collapsed character-class shape ("Xx", "X.X", "d,d", "x-Xx").
    Shape = 1,
    /// First 2 / 3 characters of the normalised word.
    Pre2 = 2,
    Pre3 = 3,
    /// Last 2 / 3 / 4 characters of the normalised word.
    Suf2 = 4,
    Suf3 = 5,
    Suf4 = 6,
    /// The word as written (digits as 0, trailing dot dropped): keeps case, which
    /// separates "Bank" from "bank" more sharply than shape plus lowercase.
    Cased = 7,
    /// How common the word is as a word (wordfreq bucket, "-" when rare): a capitalised
    /// sentence-initial word that is rare is probably a name.
    Freq = 8,
}

/// Number of [`Prop`] values.
pub(crate) const NPROP: usize = 9;

/// How a template builds its value.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// Always on: the label prior.
    Bias,
    /// Properties of tokens at offsets, joined with `|` in the attribute name.
    Join(&'static [(i8, Prop)]),
    /// Word-list flags of the token at an offset ("place_b", "role_b_lc").
    Flags(i8),
}

/// A feature template: its attribute-name prefix and how it reads the sentence.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Template {
    /// Attribute name prefix before `=`; never contains `=`.
    pub name: &'static str,
    /// What it reads.
    pub kind: Kind,
}

const fn t(name: &'static str, kind: Kind) -> Template {
    Template { name, kind }
}

use Prop::*;

/// Every template, in emission order. Changing this list changes the model's features:
/// retrain after editing (data/ner/README.md).
pub(crate) static TEMPLATES: &[Template] = &[
    t("bias", Kind::Bias),
    t("w", Kind::Join(&[(0, Lower)])),
    t("W", Kind::Join(&[(0, Cased)])),
    t("w-1", Kind::Join(&[(-1, Lower)])),
    t("w+1", Kind::Join(&[(1, Lower)])),
    t("w-2", Kind::Join(&[(-2, Lower)])),
    t("w+2", Kind::Join(&[(2, Lower)])),
    t("s", Kind::Join(&[(0, Shape)])),
    t("s-1", Kind::Join(&[(-1, Shape)])),
    t("s+1", Kind::Join(&[(1, Shape)])),
    t("p2", Kind::Join(&[(0, Pre2)])),
    t("p3", Kind::Join(&[(0, Pre3)])),
    t("x2", Kind::Join(&[(0, Suf2)])),
    t("x3", Kind::Join(&[(0, Suf3)])),
    t("x4", Kind::Join(&[(0, Suf4)])),
    t("w-1|w", Kind::Join(&[(-1, Lower), (0, Lower)])),
    t("w|w+1", Kind::Join(&[(0, Lower), (1, Lower)])),
    t("s-1|s", Kind::Join(&[(-1, Shape), (0, Shape)])),
    t("s|s+1", Kind::Join(&[(0, Shape), (1, Shape)])),
    t(
        "s-1|s|s+1",
        Kind::Join(&[(-1, Shape), (0, Shape), (1, Shape)]),
    ),
    t("w-1|s", Kind::Join(&[(-1, Lower), (0, Shape)])),
    t("s|w+1", Kind::Join(&[(0, Shape), (1, Lower)])),
    t("f", Kind::Join(&[(0, Freq)])),
    t("f|s", Kind::Join(&[(0, Freq), (0, Shape)])),
    t("s-1|f|s", Kind::Join(&[(-1, Shape), (0, Freq), (0, Shape)])),
    t("w-1|f", Kind::Join(&[(-1, Lower), (0, Freq)])),
    t("f-1", Kind::Join(&[(-1, Freq)])),
    t("f+1", Kind::Join(&[(1, Freq)])),
    t("g-2", Kind::Flags(-2)),
    t("g-1", Kind::Flags(-1)),
    t("g", Kind::Flags(0)),
    t("g+1", Kind::Flags(1)),
    t("g+2", Kind::Flags(2)),
];

/// A feature value as one side needs it: a string for training, a hash for tagging.
pub(crate) trait Value: Clone {
    /// The value of a string.
    fn of(s: &str) -> Self;
    /// The value of the normalised word whose xxh3 hash is already known.
    fn of_hashed(s: &str, _hash: u64) -> Self {
        Self::of(s)
    }
}

impl Value for String {
    fn of(s: &str) -> String {
        s.to_string()
    }
}

impl Value for u64 {
    fn of(s: &str) -> u64 {
        xxh3_64(s.as_bytes())
    }
    fn of_hashed(_s: &str, hash: u64) -> u64 {
        hash
    }
}

/// Per-token analysis of one sentence.
pub(crate) struct Analysed<V> {
    /// Property values per token (`None`: property absent, e.g. no suffix of a short word).
    pub props: Vec<[Option<V>; NPROP]>,
    /// Word-list flag bits per token (see [`Lexicons::flag_names`]).
    pub flags: Vec<u32>,
}

/// Word lists read as features. Phrases are matched on normalised token hashes, so
/// "Menteri Luar Negeri" and "St. Louis" match however the tokeniser splits them.
pub(crate) struct Lexicons {
    /// Phrase hash → bit set: low bits = lists whose entry ends here, [`PREFIX`] = a
    /// longer entry continues.
    phrases: FxHashMap<u64, u32>,
    /// Longest entry in tokens.
    max_len: usize,
    /// Normalised word hash → frequency bucket (floor of 2 × Zipf frequency).
    frequency: FxHashMap<u64, u8>,
}

/// Bit of [`Lexicons::phrases`] values marking a proper prefix of some entry.
const PREFIX: u32 = 1 << 31;

/// A word list: its feature name and whether it only counts on capitalised words.
struct ListSpec {
    name: &'static str,
    needs_capital: bool,
}

/// Number of word lists (flag bits use four per list).
const LIST_COUNT: usize = 7;

/// The lists, in flag-bit order. Name lists only fire on capitalised words; role and
/// head-word lists fire on any case, with a `_lc` flag when the word is lowercase.
static LISTS: [ListSpec; LIST_COUNT] = [
    ListSpec {
        name: "place",
        needs_capital: true,
    },
    ListSpec {
        name: "org",
        needs_capital: true,
    },
    ListSpec {
        name: "given",
        needs_capital: true,
    },
    ListSpec {
        name: "surname",
        needs_capital: true,
    },
    ListSpec {
        name: "role",
        needs_capital: false,
    },
    ListSpec {
        name: "orgword",
        needs_capital: false,
    },
    ListSpec {
        name: "locword",
        needs_capital: false,
    },
];

const GEONAMES_PLACES: &str = include_str!("../../../data/ner/places-geonames.txt");
const CENSUS_GIVEN: &str = include_str!("../../../data/ner/given-names-census.txt");
const CENSUS_SURNAMES: &str = include_str!("../../../data/ner/surnames-census.txt");
/// Word frequency lists per language (`word<TAB>bucket`).
static WORD_FREQUENCIES: &[(&str, &str)] = &[
    ("en", include_str!("../../../data/ner/wordfreq-en.txt")),
    ("id", include_str!("../../../data/ner/wordfreq-id.txt")),
];

/// Bucket names "0".."19" (any larger bucket is clamped), and "-" for unknown words.
static BUCKETS: [&str; 20] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19",
];

impl Lexicons {
    /// Loads the lists of `lang` (its `lang/<code>/ner-*.txt` files plus the shared
    /// generated lists in `data/ner/`).
    pub(crate) fn load(lang: Lang) -> Lexicons {
        let own = |name: &str| sitrep_lang::file(lang, name).unwrap_or("");
        let sources: [&[&str]; LIST_COUNT] = [
            &[GEONAMES_PLACES, own("ner-places.txt")],
            &[own("ner-orgs.txt")],
            &[CENSUS_GIVEN, own("ner-given-names.txt")],
            &[CENSUS_SURNAMES],
            &[own("ner-roles.txt")],
            &[own("ner-org-words.txt")],
            &[own("ner-loc-words.txt")],
        ];
        let mut lex = Lexicons {
            phrases: FxHashMap::default(),
            max_len: 0,
            frequency: FxHashMap::default(),
        };
        let mut buf = String::new();
        let frequencies = WORD_FREQUENCIES
            .iter()
            .find(|(code, _)| *code == lang.as_str());
        for row in frequencies
            .map(|(_, text)| sitrep_lang::tsv_rows(text))
            .into_iter()
            .flatten()
        {
            let Ok(bucket) = row.col(1).parse::<u8>() else {
                continue;
            };
            buf.clear();
            normalise(row.col(0), &mut buf);
            let slot = lex.frequency.entry(xxh3_64(buf.as_bytes())).or_insert(0);
            *slot = (*slot).max(bucket.min(19));
        }
        for (list, texts) in sources.iter().enumerate() {
            for text in texts.iter() {
                for entry in sitrep_lang::list(text) {
                    lex.insert(list, entry, &mut buf);
                }
            }
        }
        lex
    }

    fn insert(&mut self, list: usize, entry: &str, buf: &mut String) {
        let tokens = sitrep_segment::tokenize(entry, 0, entry.len());
        if tokens.is_empty() {
            return;
        }
        let mut h = PHRASE_SEED;
        for (k, tok) in tokens.iter().enumerate() {
            buf.clear();
            normalise(tok.text(entry), buf);
            h = phrase_step(h, xxh3_64(buf.as_bytes()));
            let bits = if k + 1 == tokens.len() {
                1 << list
            } else {
                PREFIX
            };
            *self.phrases.entry(h).or_insert(0) |= bits;
        }
        self.max_len = self.max_len.max(tokens.len());
    }

    /// Attribute values of the flag bits, indexed by bit: `<list>_<b|i>[_lc]`.
    pub(crate) fn flag_names() -> Vec<String> {
        let mut names = Vec::with_capacity(LISTS.len() * 4);
        for list in &LISTS {
            for part in ["b", "i"] {
                names.push(format!("{}_{part}", list.name));
                names.push(format!("{}_{part}_lc", list.name));
            }
        }
        names
    }

    /// Flag bits per token: for every list, the longest entry starting at each token
    /// marks its first token `b` and the rest `i`.
    fn flags(&self, word_hashes: &[u64], capitalised: &[bool], out: &mut Vec<u32>) {
        let n = word_hashes.len();
        out.clear();
        out.resize(n, 0);
        for start in 0..n {
            let mut h = PHRASE_SEED;
            // Longest match length per list (0 = none).
            let mut longest = [0usize; LIST_COUNT];
            let window = &word_hashes[start..n.min(start + self.max_len)];
            for (k, &word) in window.iter().enumerate() {
                h = phrase_step(h, word);
                let Some(&bits) = self.phrases.get(&h) else {
                    break;
                };
                for (l, len) in longest.iter_mut().enumerate() {
                    if bits & (1 << l) != 0 {
                        *len = k + 1;
                    }
                }
                if bits & PREFIX == 0 {
                    break;
                }
            }
            for (l, &len) in longest.iter().enumerate() {
                if len == 0 {
                    continue;
                }
                let lc = !capitalised[start];
                if lc && LISTS[l].needs_capital {
                    continue;
                }
                let lc_bit = usize::from(lc);
                out[start] |= 1 << (l * 4 + lc_bit);
                for flag in out.iter_mut().take(start + len).skip(start + 1) {
                    *flag |= 1 << (l * 4 + 2 + lc_bit);
                }
            }
        }
    }
}

const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

fn phrase_step(h: u64, word: u64) -> u64 {
    mix(h.rotate_left(29) ^ word)
}

/// splitmix64 finaliser: spreads bits so identity-hashed maps stay balanced.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Tagging key of a feature: template index and value hashes.
pub(crate) fn key(template: usize, values: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = (template as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93);
    for v in values {
        h = mix(h.rotate_left(23) ^ v);
    }
    h
}

/// Normalises a word for lookup: accents and case folded, digits as `0`, one trailing
/// dot dropped ("Gen." = "Gen", "U.S." = "U.S", which is how the run-time tokeniser
/// splits them), `|` replaced so pair values can be split unambiguously.
pub(crate) fn normalise(word: &str, out: &mut String) {
    let word = strip_trailing_dot(word);
    for c in word.chars() {
        match c {
            '0'..='9' => out.push('0'),
            '|' => out.push('¦'),
            _ => fold_char(c, out),
        }
    }
}

fn strip_trailing_dot(word: &str) -> &str {
    match word.strip_suffix('.') {
        Some(rest) if rest.chars().any(char::is_alphanumeric) => rest,
        _ => word,
    }
}

/// Collapsed shape: upper `X`, lower `x`, digit `d`, other letters `a`, anything else
/// itself; runs of one class written once; at most 8 characters.
fn shape(word: &str, out: &mut String) {
    let word = strip_trailing_dot(word);
    let mut last = '\0';
    let mut len = 0;
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else if c == '|' {
            '¦'
        } else {
            c
        };
        if class != last {
            out.push(class);
            last = class;
            len += 1;
            if len == 8 {
                break;
            }
        }
    }
}

/// Analyses one sentence's words.
pub(crate) fn analyse<V: Value>(lex: &Lexicons, words: &[&str]) -> Analysed<V> {
    let n = words.len();
    let mut props = Vec::with_capacity(n);
    let mut hashes = Vec::with_capacity(n);
    let mut capitalised = Vec::with_capacity(n);
    let mut lower = String::with_capacity(32);
    let mut shp = String::with_capacity(8);
    let mut cased = String::with_capacity(32);
    for w in words {
        lower.clear();
        normalise(w, &mut lower);
        let h = xxh3_64(lower.as_bytes());
        hashes.push(h);
        capitalised.push(w.chars().next().is_some_and(char::is_uppercase));
        shp.clear();
        shape(w, &mut shp);
        cased.clear();
        cased.extend(strip_trailing_dot(w).chars().map(|c| match c {
            '0'..='9' => '0',
            '|' => '¦',
            c => c,
        }));
        // Byte offset of the k-th character (ASCII words, most of them, need no scan).
        let ascii = lower.is_ascii();
        let chars = if ascii {
            lower.len()
        } else {
            lower.chars().count()
        };
        let offset = |k: usize| {
            if ascii {
                k
            } else {
                lower.char_indices().nth(k).map_or(lower.len(), |(i, _)| i)
            }
        };
        let prefix = |k: usize| (chars > k).then(|| V::of(&lower[..offset(k)]));
        let suffix = |k: usize| (chars > k).then(|| V::of(&lower[offset(chars - k)..]));
        props.push([
            Some(V::of_hashed(&lower, h)),
            Some(V::of(&shp)),
            prefix(2),
            prefix(3),
            suffix(2),
            suffix(3),
            suffix(4),
            Some(V::of(&cased)),
            Some(V::of(
                lex.frequency.get(&h).map_or("-", |&b| BUCKETS[b as usize]),
            )),
        ]);
    }
    let mut flags = Vec::new();
    lex.flags(&hashes, &capitalised, &mut flags);
    Analysed { props, flags }
}

/// Values standing in for tokens beyond the sentence edges, plus the bias value.
pub(crate) struct Edges<V> {
    pub before: V,
    pub after: V,
    pub bias: V,
}

impl<V: Value> Edges<V> {
    pub(crate) fn new() -> Edges<V> {
        Edges {
            before: V::of("<s>"),
            after: V::of("</s>"),
            bias: V::of(""),
        }
    }
}

/// Calls `emit(template, values)` for every feature of token `i`.
pub(crate) fn for_each_feature<V: Value>(
    a: &Analysed<V>,
    i: usize,
    edges: &Edges<V>,
    flag_values: &[V],
    mut emit: impl FnMut(usize, &[&V]),
) {
    let n = a.props.len() as isize;
    let at = |off: i8, prop: Prop| -> Option<&V> {
        let j = i as isize + off as isize;
        if j < 0 {
            Some(&edges.before)
        } else if j >= n {
            Some(&edges.after)
        } else {
            a.props[j as usize][prop as usize].as_ref()
        }
    };
    for (ti, tpl) in TEMPLATES.iter().enumerate() {
        match tpl.kind {
            Kind::Bias => emit(ti, &[&edges.bias]),
            Kind::Join(parts) => {
                let mut values: [&V; 3] = [&edges.bias; 3];
                let mut complete = true;
                for (slot, &(off, prop)) in values.iter_mut().zip(parts) {
                    match at(off, prop) {
                        Some(v) => *slot = v,
                        None => complete = false,
                    }
                }
                if complete {
                    emit(ti, &values[..parts.len()]);
                }
            }
            Kind::Flags(off) => {
                let j = i as isize + off as isize;
                if j >= 0 && j < n {
                    let mut bits = a.flags[j as usize];
                    while bits != 0 {
                        let b = bits.trailing_zeros() as usize;
                        emit(ti, &[&flag_values[b]]);
                        bits &= bits - 1;
                    }
                }
            }
        }
    }
}

/// Attribute strings of every token of a sentence, as stored in the CRFsuite model.
pub(crate) fn attribute_strings(lex: &Lexicons, words: &[&str]) -> Vec<Vec<String>> {
    let a = analyse::<String>(lex, words);
    let edges = Edges::<String>::new();
    let flag_values = Lexicons::flag_names();
    (0..words.len())
        .map(|i| {
            let mut attrs = Vec::with_capacity(48);
            for_each_feature(&a, i, &edges, &flag_values, |t, values| {
                attrs.push(attribute_name(t, values));
            });
            attrs
        })
        .collect()
}

fn attribute_name(template: usize, values: &[&String]) -> String {
    let mut name = String::with_capacity(24);
    name.push_str(TEMPLATES[template].name);
    name.push('=');
    for (k, v) in values.iter().enumerate() {
        if k > 0 {
            name.push('|');
        }
        name.push_str(v);
    }
    name
}

/// Parses an attribute string of the model back into its tagging key; `None` when the
/// template is unknown or the value does not fit it (a model trained with other
/// templates).
pub(crate) fn key_of_attribute(attr: &str, by_name: &HashMap<&str, usize>) -> Option<u64> {
    let (name, value) = attr.split_once('=')?;
    let &ti = by_name.get(name)?;
    match TEMPLATES[ti].kind {
        Kind::Join(parts) if parts.len() > 1 => {
            let values: Vec<u64> = value.split('|').map(u64::of).collect();
            (values.len() == parts.len()).then(|| key(ti, values))
        }
        _ => Some(key(ti, [u64::of(value)])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(w: &str) -> String {
        let mut s = String::new();
        normalise(w, &mut s);
        s
    }

    fn shape_of(w: &str) -> String {
        let mut s = String::new();
        shape(w, &mut s);
        s
    }

    #[test]
    fn normalises_case_digits_dots_and_accents() {
        assert_eq!(norm("Gen."), "gen");
        assert_eq!(norm("U.S."), "u.s");
        assert_eq!(norm("U.S"), "u.s");
        assert_eq!(norm("..."), "...");
        assert_eq!(norm("2019"), "0000");
        assert_eq!(norm("Kəlbəcər"), "kelbecer");
        assert_eq!(norm("a|b"), "a¦b");
    }

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape_of("Jakarta"), "Xx");
        assert_eq!(shape_of("KPK"), "X");
        assert_eq!(shape_of("U.S."), "X.X");
        assert_eq!(shape_of("1,000"), "d,d");
        assert_eq!(shape_of("al-Sudani"), "x-Xx");
        assert_eq!(shape_of("McDonald"), "XxXx");
    }

    #[test]
    fn phrase_lists_mark_begin_and_inside() {
        let lex = Lexicons::load(Lang::ID);
        let words = [
            "Menteri", "Luar", "Negeri", "Retno", "tiba", "di", "Kuala", "Lumpur",
        ];
        let a = analyse::<u64>(&lex, &words);
        let names = Lexicons::flag_names();
        let has = |i: usize, name: &str| {
            let bit = names.iter().position(|n| n == name).unwrap();
            a.flags[i] & (1 << bit) != 0
        };
        assert!(has(0, "role_b"));
        assert!(has(1, "role_i") && has(2, "role_i"));
        assert!(!has(3, "role_i"));
        assert!(has(6, "place_b") && has(7, "place_i"));
        // Name lists ignore lowercase words; role words keep a lowercase flag.
        let a = analyse::<u64>(&lex, &["juru", "bicara", "jakarta"]);
        let bit = |name: &str| 1 << names.iter().position(|n| n == name).unwrap();
        assert_ne!(a.flags[0] & bit("role_b_lc"), 0);
        assert_eq!(a.flags[2] & bit("place_b"), 0);
    }

    #[test]
    fn attribute_strings_parse_back_to_tagging_keys() {
        let lex = Lexicons::load(Lang::EN);
        let words = [
            "Lt.", "Gen.", "Smith", "visited", "the", "U.S", "base", "in", "Erbil", "|", "x",
        ];
        let strings = attribute_strings(&lex, &words);
        let a = analyse::<u64>(&lex, &words);
        let edges = Edges::<u64>::new();
        let flag_values: Vec<u64> = Lexicons::flag_names().iter().map(|s| u64::of(s)).collect();
        let by_name: HashMap<&str, usize> = TEMPLATES
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name, i))
            .collect();
        for (i, attrs) in strings.iter().enumerate() {
            let mut keys = Vec::new();
            for_each_feature(&a, i, &edges, &flag_values, |t, values| {
                keys.push(key(t, values.iter().map(|v| **v)))
            });
            let parsed: Vec<u64> = attrs
                .iter()
                .map(|s| key_of_attribute(s, &by_name).expect("known template"))
                .collect();
            assert_eq!(parsed, keys, "token {i}: {attrs:?}");
        }
        assert!(strings[2].contains(&"w-1=gen".to_string()));
        assert!(strings[2].contains(&"g-1=role_b".to_string()));
    }
}
