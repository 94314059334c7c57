//! Named-entity recogniser: finds persons, organisations and locations (and, in
//! English, other names as MISC) in a sentence's tokens, so later stages can code
//! actors nobody put in a dictionary.
//!
//! A linear-chain CRF per language, trained in this repository (`sitrep-ner-train`,
//! see `data/ner/README.md`) and stored as a CRFsuite model in `data/ner/<lang>.crfsuite`,
//! embedded at build time. Features are word forms, shapes, affixes, word frequency
//! and word-list flags (`lang/<code>/ner-*.txt`, `data/ner/*.txt`); training and
//! tagging share one extraction path (`features.rs`) so they cannot drift apart.
//!
//! Tagging does not go through `crfs`'s own tagger: that one needs a `String` per
//! feature. The model is read once into a hash table keyed by 64-bit feature keys and
//! decoded with a small Viterbi: about a microsecond a token or less, no allocation
//! per feature.

pub mod corpus;
mod features;
mod table;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use sitrep_core::Lang;

use features::{Analysed, Edges, Lexicons, TEMPLATES, Value};
use table::{FeatureTable, LabelWeight};

include!(concat!(env!("OUT_DIR"), "/models.rs"));

/// Entity types the recogniser finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerLabel {
    /// A person ("Retno Marsudi", "Lt. Gen. Smith" without the rank).
    Per,
    /// An organisation ("Polda Metro Jaya", "Syrian Democratic Forces").
    Org,
    /// A location ("Kabupaten Nduga", "Gaza Strip").
    Loc,
    /// Another name: nationality, event, work (English model only).
    Misc,
}

impl NerLabel {
    /// Every label, in [`NerLabel::index`] order.
    pub const ALL: [NerLabel; 4] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc];

    /// Reads the type part of a tag ("PER", "ORG", "LOC", "MISC").
    pub fn parse(code: &str) -> Option<NerLabel> {
        match code {
            "PER" => Some(NerLabel::Per),
            "ORG" => Some(NerLabel::Org),
            "LOC" => Some(NerLabel::Loc),
            "MISC" => Some(NerLabel::Misc),
            _ => None,
        }
    }

    /// The tag type code ("PER").
    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }

    /// Position in [`NerLabel::ALL`], for per-label tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for NerLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity found in a sentence: token indices `first..end` (end exclusive) into the
/// words given to [`Recognizer::tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NerSpan {
    /// First token of the entity.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Entity type.
    pub label: NerLabel,
}

/// Why a model could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NerError(pub String);

impl fmt::Display for NerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entity model: {}", self.0)
    }
}

impl std::error::Error for NerError {}

/// The recogniser of one language. Loading reads the model and word lists (a few tens
/// of milliseconds); tagging is read-only, so one instance is shared by all threads:
/// it is `Send + Sync`, and `clone` is a cheap reference-count increment.
#[derive(Clone)]
pub struct Recognizer {
    inner: Arc<Inner>,
}

struct Inner {
    lang: Lang,
    lexicons: Lexicons,
    /// Hash of each flag name, indexed by flag bit.
    flag_values: Vec<u64>,
    edges: Edges<u64>,
    /// Feature key → label weights.
    state: FeatureTable,
    /// `trans[prev * n + cur]`, with impossible IOB2 moves (O → I-X) forbidden.
    trans: Vec<f32>,
    /// Added to the first token's scores: forbids starting inside an entity.
    start: Vec<f32>,
    /// What each model label means.
    labels: Vec<Tag>,
}

/// A model label decoded: outside, or beginning/inside of an entity type.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tag {
    Outside,
    Begin(NerLabel),
    Inside(NerLabel),
}

impl Recognizer {
    /// The embedded recogniser for `lang` (Malay uses the Indonesian one); `None` when
    /// no model exists for that language or the embedded model is unreadable (see
    /// [`Recognizer::try_load`] for the reason). Languages without a model do not fall
    /// back to English: names in another language's text would be guessed, not found.
    pub fn load(lang: Lang) -> Option<Recognizer> {
        Recognizer::try_load(lang).ok().flatten()
    }

    /// Like [`Recognizer::load`], but tells a broken model apart from a missing one.
    pub fn try_load(lang: Lang) -> Result<Option<Recognizer>, NerError> {
        let model_lang = if model_bytes(lang).is_some() {
            lang
        } else {
            // A related language served by another's data (Malay → Indonesian), but not
            // the generic English fallback of `data_language`.
            match sitrep_lang::data_language(lang) {
                l if l != Lang::EN || lang == Lang::EN => l,
                _ => return Ok(None),
            }
        };
        match model_bytes(model_lang) {
            None => Ok(None),
            Some(bytes) => Recognizer::from_model(model_lang, bytes).map(Some),
        }
    }

    /// Builds a recogniser from CRFsuite model bytes trained with this crate's features
    /// and `lang`'s word lists (used by the trainer to score a fresh model).
    pub fn from_model(lang: Lang, bytes: &[u8]) -> Result<Recognizer, NerError> {
        let model = crfs::Model::new(bytes).map_err(|e| NerError(e.to_string()))?;
        let n_labels = model.num_labels() as usize;
        if n_labels == 0 || n_labels > u8::MAX as usize {
            return Err(NerError(format!("{n_labels} labels")));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for l in 0..n_labels as u32 {
            let name = model
                .to_label(l)
                .ok_or_else(|| NerError(format!("label {l} missing")))?;
            labels
                .push(parse_tag(name).ok_or_else(|| NerError(format!("unknown label {name:?}")))?);
        }
        let by_name: HashMap<&str, usize> = TEMPLATES
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name, i))
            .collect();
        let mut attr_keys = Vec::with_capacity(model.num_attrs() as usize);
        for a in 0..model.num_attrs() {
            let name = model
                .to_attr(a)
                .ok_or_else(|| NerError(format!("attribute {a} missing")))?;
            let key = features::key_of_attribute(name, &by_name).ok_or_else(|| {
                NerError(format!(
                    "attribute {name:?} has an unknown template: retrain the model"
                ))
            })?;
            attr_keys.push(key);
        }
        let raw = read_features(bytes)?;
        // Group state features by attribute, in attribute order (deterministic).
        let mut per_attr: Vec<Vec<LabelWeight>> = vec![Vec::new(); attr_keys.len()];
        let mut trans = vec![0f32; n_labels * n_labels];
        for f in raw {
            let (src, dst) = (f.source as usize, f.target as usize);
            if dst >= n_labels {
                return Err(NerError(format!("feature target {dst} out of range")));
            }
            match f.kind {
                0 if src < attr_keys.len() => per_attr[src].push(LabelWeight {
                    label: dst as u32,
                    weight: f.weight as f32,
                }),
                1 if src < n_labels => trans[src * n_labels + dst] = f.weight as f32,
                _ => return Err(NerError(format!("malformed feature {f:?}"))),
            }
        }
        // IOB2 constraints: I-X only after B-X or I-X. The model nearly learns this; making
        // it hard keeps every decoded span well-formed.
        let mut start = vec![0f32; n_labels];
        for (c, tag) in labels.iter().enumerate() {
            if let Tag::Inside(x) = *tag {
                start[c] = FORBIDDEN;
                for (p, prev) in labels.iter().enumerate() {
                    if !matches!(*prev, Tag::Begin(y) | Tag::Inside(y) if y == x) {
                        trans[p * n_labels + c] = FORBIDDEN;
                    }
                }
            }
        }
        let state = FeatureTable::new(
            attr_keys
                .into_iter()
                .zip(per_attr)
                .filter(|(_, f)| !f.is_empty()),
        );
        Ok(Recognizer {
            inner: Arc::new(Inner {
                lang,
                lexicons: Lexicons::load(sitrep_lang::data_language(lang)),
                flag_values: Lexicons::flag_names().iter().map(|s| u64::of(s)).collect(),
                edges: Edges::new(),
                state,
                trans,
                start,
                labels,
            }),
        })
    }

    /// Language whose model this is.
    pub fn lang(&self) -> Lang {
        self.inner.lang
    }

    /// Entities in one sentence's tokens (as produced by `sitrep_segment::tokenize`,
    /// punctuation included), in order, never overlapping.
    pub fn tag(&self, words: &[&str]) -> Vec<NerSpan> {
        if words.is_empty() {
            return Vec::new();
        }
        let best = self.viterbi(words);
        let tags: Vec<Tag> = best
            .iter()
            .map(|&l| self.inner.labels[l as usize])
            .collect();
        spans_from_decoded(&tags)
    }

    /// Best label index per token.
    fn viterbi(&self, words: &[&str]) -> Vec<u8> {
        let m = &*self.inner;
        let n = words.len();
        let l = m.labels.len();
        let analysed: Analysed<u64> = features::analyse(&m.lexicons, words);
        let mut score = vec![0f32; n * l];
        for (i, row) in score.chunks_exact_mut(l).enumerate() {
            features::for_each_feature(&analysed, i, &m.edges, &m.flag_values, |t, values| {
                let k = features::key(t, values.iter().map(|v| **v));
                for lw in m.state.get(k) {
                    row[lw.label as usize] += lw.weight;
                }
            });
        }
        for (s, p) in score[..l].iter_mut().zip(&m.start) {
            *s += p;
        }
        // Viterbi over `score` in place: row i becomes the best path score ending there.
        let mut back = vec![0u8; n * l];
        for i in 1..n {
            let (prev_rows, cur_rows) = score.split_at_mut(i * l);
            let prev = &prev_rows[(i - 1) * l..];
            let cur = &mut cur_rows[..l];
            for (c, cur_score) in cur.iter_mut().enumerate() {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0u8;
                for (p, &ps) in prev.iter().enumerate() {
                    let s = ps + m.trans[p * l + c];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
                *cur_score += best;
                back[i * l + c] = arg;
            }
        }
        let last = &score[(n - 1) * l..];
        let mut cur = 0usize;
        for (c, &s) in last.iter().enumerate() {
            if s > last[cur] {
                cur = c;
            }
        }
        let mut path = vec![0u8; n];
        for i in (0..n).rev() {
            path[i] = cur as u8;
            if i > 0 {
                cur = back[i * l + cur] as usize;
            }
        }
        path
    }
}

/// Score of a forbidden move: far below any real path, yet finite so sums stay ordered.
const FORBIDDEN: f32 = -1.0e6;

fn model_bytes(lang: Lang) -> Option<&'static [u8]> {
    MODELS
        .iter()
        .find(|(code, _)| *code == lang.as_str())
        .map(|(_, bytes)| *bytes)
}

/// Languages with an embedded model.
pub fn languages() -> Vec<Lang> {
    MODELS
        .iter()
        .filter_map(|(code, _)| Lang::parse(code))
        .collect()
}

fn parse_tag(name: &str) -> Option<Tag> {
    if name == "O" {
        return Some(Tag::Outside);
    }
    match name.split_once('-')? {
        ("B", ty) => NerLabel::parse(ty).map(Tag::Begin),
        ("I", ty) => NerLabel::parse(ty).map(Tag::Inside),
        _ => None,
    }
}

/// Spans of a decoded tag sequence; an `I-X` that does not continue an `X` starts one.
fn spans_from_decoded(tags: &[Tag]) -> Vec<NerSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let (begin, label) = match tag {
            Tag::Outside => (false, None),
            Tag::Begin(x) => (true, Some(x)),
            Tag::Inside(x) => (false, Some(x)),
        };
        if !begin && label.is_some() && open.map(|o| o.1) == label {
            continue;
        }
        if let Some((first, lab)) = open.take() {
            spans.push(NerSpan {
                first,
                end: i,
                label: lab,
            });
        }
        open = label.map(|x| (i, x));
    }
    if let Some((first, label)) = open {
        spans.push(NerSpan {
            first,
            end: tags.len(),
            label,
        });
    }
    spans
}

/// One feature record of a CRFsuite model.
#[derive(Debug)]
struct RawFeature {
    /// 0 = state (attribute → label), 1 = transition (label → label).
    kind: u32,
    source: u32,
    target: u32,
    weight: f64,
}

/// Reads the FEAT chunk of a CRFsuite model: `crfs` exposes labels and attributes but
/// keeps feature access private. Layout (CRFsuite `crf1dm.c`): header field
/// `off_features` at byte 28; the chunk starts `"FEAT", size u32, count u32` (the
/// header's own feature count is 0 in models written by C CRFsuite), then 20-byte
/// records `type u32, src u32, dst u32, weight f64` (little endian).
fn read_features(bytes: &[u8]) -> Result<Vec<RawFeature>, NerError> {
    let u32_at = |at: usize| -> Result<u32, NerError> {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| NerError("truncated model".to_string()))
    };
    let off = u32_at(28)? as usize;
    if bytes.get(off..off + 4) != Some(b"FEAT".as_slice()) {
        return Err(NerError("feature chunk not found".to_string()));
    }
    let num_features = u32_at(off + 8)? as usize;
    let body = off + 12;
    let needed = num_features
        .checked_mul(20)
        .and_then(|n| n.checked_add(body))
        .ok_or_else(|| NerError("feature count overflows".to_string()))?;
    if needed > bytes.len() {
        return Err(NerError("truncated feature chunk".to_string()));
    }
    let mut out = Vec::with_capacity(num_features);
    for k in 0..num_features {
        let at = body + 20 * k;
        let w = &bytes[at + 12..at + 20];
        out.push(RawFeature {
            kind: u32_at(at)?,
            source: u32_at(at + 4)?,
            target: u32_at(at + 8)?,
            weight: f64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]),
        });
    }
    Ok(out)
}

/// Training support: the attribute strings of a sentence exactly as the tagger will
/// compute them, for `crfs::Trainer` (used by `sitrep-ner-train`).
pub struct FeatureExtractor {
    lexicons: Lexicons,
}

impl FeatureExtractor {
    /// Extractor with `lang`'s word lists (the lists the tagger of `lang` will use).
    pub fn new(lang: Lang) -> FeatureExtractor {
        FeatureExtractor {
            lexicons: Lexicons::load(sitrep_lang::data_language(lang)),
        }
    }

    /// One attribute list per word.
    pub fn attributes(&self, words: &[&str]) -> Vec<Vec<String>> {
        features::attribute_strings(&self.lexicons, words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        sitrep_segment::tokenize(s, 0, s.len())
            .iter()
            .map(|t| t.text(s).to_string())
            .collect()
    }

    fn entities(r: &Recognizer, text: &str) -> Vec<(String, NerLabel)> {
        let w = words(text);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        r.tag(&refs)
            .iter()
            .map(|s| (refs[s.first..s.end].join(" "), s.label))
            .collect()
    }

    #[test]
    fn both_models_are_embedded_and_load() {
        let langs = languages();
        assert!(
            langs.contains(&Lang::ID) && langs.contains(&Lang::EN),
            "{langs:?}"
        );
        for lang in [Lang::ID, Lang::EN] {
            let r = Recognizer::try_load(lang)
                .expect("model reads")
                .expect("model exists");
            assert_eq!(r.lang(), lang);
        }
        assert_eq!(Recognizer::load(Lang::MS).map(|r| r.lang()), Some(Lang::ID));
        assert!(Recognizer::load(Lang::parse("fr").unwrap()).is_none());
    }

    #[test]
    fn tags_an_indonesian_news_sentence() {
        let r = Recognizer::load(Lang::ID).unwrap();
        let found = entities(
            &r,
            "Kapolda Jawa Barat Irjen Pol Suryanto Wibowo mengatakan bentrokan di Kabupaten \
             Garut melibatkan anggota Partai Persatuan Rakyat.",
        );
        assert!(
            found.contains(&("Suryanto Wibowo".into(), NerLabel::Per)),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, l)| t.contains("Garut") && *l == NerLabel::Loc),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, l)| t.contains("Partai Persatuan Rakyat") && *l == NerLabel::Org),
            "{found:?}"
        );
    }

    #[test]
    fn tags_an_english_news_sentence() {
        let r = Recognizer::load(Lang::EN).unwrap();
        let found = entities(
            &r,
            "Militia commander Abu Karim al-Tamimi told reporters in Mosul that the Iraqi \
             Ministry of Defence had not contacted his fighters.",
        );
        assert!(
            found
                .iter()
                .any(|(t, l)| t.contains("Karim al-Tamimi") && *l == NerLabel::Per),
            "{found:?}"
        );
        assert!(
            found.contains(&("Mosul".into(), NerLabel::Loc)),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, l)| t.contains("Ministry of Defence") && *l == NerLabel::Org),
            "{found:?}"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let r = Recognizer::load(Lang::EN).unwrap();
        assert!(r.tag(&[]).is_empty());
        let odd = [
            "",
            "|",
            "=",
            "…",
            "\u{200B}",
            "ÅÅÅ",
            "12/9/2022",
            "a|b=c",
            "😀",
            "x",
        ];
        for s in r.tag(&odd) {
            assert!(s.first < s.end && s.end <= odd.len());
        }
        let long: Vec<&str> = std::iter::repeat_n("Jakarta", 2000).collect();
        let spans = r.tag(&long);
        assert!(spans.iter().all(|s| s.end <= long.len()));
    }

    #[test]
    fn rejects_garbage_models() {
        assert!(
            Recognizer::from_model(Lang::EN, b"not a model at all, not a model at all, ..")
                .is_err()
        );
        assert!(Recognizer::from_model(Lang::EN, &[]).is_err());
    }

    #[test]
    fn decoded_tags_become_spans() {
        use Tag::*;
        let tags = [
            Begin(NerLabel::Per),
            Inside(NerLabel::Per),
            Outside,
            Inside(NerLabel::Loc),
            Begin(NerLabel::Loc),
            Inside(NerLabel::Org),
        ];
        let got: Vec<_> = spans_from_decoded(&tags)
            .iter()
            .map(|s| (s.first, s.end, s.label))
            .collect();
        assert_eq!(
            got,
            vec![
                (0, 2, NerLabel::Per),
                (3, 4, NerLabel::Loc),
                (4, 5, NerLabel::Loc),
                (5, 6, NerLabel::Org)
            ]
        );
    }

    #[test]
    fn recognizer_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Recognizer>();
    }
}
