//! Reading the gold entity data (CoNLL-style files in `../shared/data`) for training
//! and evaluation, and the exact-match entity scores (conlleval rules).
//!
//! Gold files are tokenised differently from sitrep's run-time tokeniser ("U.S." vs
//! "U.S" + "."). Training and evaluation therefore re-tokenise every gold token with
//! [`sitrep_segment::tokenize`], so the model sees what it will see at run time, and
//! predicted spans are mapped back to the gold tokens for scoring.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::{NerLabel, NerSpan};

/// One gold sentence: tokens as in the file and their IOB2 tags ("B-PER", "I-ORG", "O").
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// Tokens as written in the data file.
    pub words: Vec<String>,
    /// IOB2 tag per token, entity types limited to PER, ORG, LOC, MISC.
    pub tags: Vec<String>,
}

impl GoldSentence {
    /// Gold entity spans (token indices into [`GoldSentence::words`]).
    pub fn spans(&self) -> Vec<NerSpan> {
        spans_from_tags(&self.tags)
    }
}

/// A gold sentence re-tokenised the way sitrep tokenises text at run time.
#[derive(Debug, Clone, PartialEq)]
pub struct Retokenised {
    /// Run-time tokens.
    pub words: Vec<String>,
    /// IOB2 tag per run-time token (pieces of one gold token continue its entity).
    pub tags: Vec<String>,
    /// Index of the gold token each run-time token came from.
    pub source: Vec<usize>,
}

impl Retokenised {
    /// Maps spans over run-time tokens back to gold-token spans.
    pub fn to_gold_spans(&self, spans: &[NerSpan]) -> Vec<NerSpan> {
        spans
            .iter()
            .map(|s| NerSpan {
                first: self.source[s.first],
                end: self.source[s.end - 1] + 1,
                label: s.label,
            })
            .collect()
    }
}

/// Splits every gold token with the run-time tokeniser. A token the tokeniser drops
/// entirely (only invisible characters) is kept as-is so no gold token disappears.
pub fn retokenise(sentence: &GoldSentence) -> Retokenised {
    let mut out = Retokenised {
        words: Vec::with_capacity(sentence.words.len() + 4),
        tags: Vec::with_capacity(sentence.words.len() + 4),
        source: Vec::with_capacity(sentence.words.len() + 4),
    };
    for (k, (word, tag)) in sentence.words.iter().zip(&sentence.tags).enumerate() {
        let pieces = sitrep_segment::tokenize(word, 0, word.len());
        if pieces.is_empty() {
            out.words.push(word.clone());
            out.tags.push(tag.clone());
            out.source.push(k);
            continue;
        }
        for (p, piece) in pieces.iter().enumerate() {
            out.words.push(piece.text(word).to_string());
            let piece_tag = match tag.strip_prefix("B-") {
                Some(ty) if p > 0 => format!("I-{ty}"),
                _ => tag.clone(),
            };
            out.tags.push(piece_tag);
            out.source.push(k);
        }
    }
    out
}

/// Entity spans of an IOB2 (or IOB1) tag sequence, conlleval style: an entity starts at
/// `B-X`, or at `I-X` that does not continue an `X` entity.
pub fn spans_from_tags<S: AsRef<str>>(tags: &[S]) -> Vec<NerSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let tag = tag.as_ref();
        let (begin, label) = match tag.split_once('-') {
            Some(("B", ty)) => (true, NerLabel::parse(ty)),
            Some(("I", ty)) => (false, NerLabel::parse(ty)),
            _ => (false, None),
        };
        let continues = matches!((open, label), (Some((_, o)), Some(l)) if o == l && !begin);
        if continues {
            continue;
        }
        if let Some((first, l)) = open.take() {
            spans.push(NerSpan {
                first,
                end: i,
                label: l,
            });
        }
        if let Some(l) = label {
            open = Some((i, l));
        }
    }
    if let Some((first, l)) = open {
        spans.push(NerSpan {
            first,
            end: tags.len(),
            label: l,
        });
    }
    spans
}

/// Error reading a gold data file: names the file and line.
#[derive(Debug)]
pub struct CorpusError {
    /// File that failed.
    pub path: PathBuf,
    /// 1-based line, 0 when the whole file failed.
    pub line: usize,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path.display(), self.message)
        }
    }
}

impl std::error::Error for CorpusError {}

fn read(path: &Path) -> Result<String, CorpusError> {
    fs::read_to_string(path).map_err(|e| CorpusError {
        path: path.to_path_buf(),
        line: 0,
        message: e.to_string(),
    })
}

/// Tag column format of a CoNLL file.
#[derive(Clone, Copy, PartialEq)]
enum Scheme {
    /// IOB2 with PER/ORG/LOC/MISC.
    Iob2,
    /// IOB1 (`I-` everywhere, `B-` only between adjacent entities), PER/ORG/LOC/MISC.
    Iob1,
    /// re3d: IOB2 with Person/Organisation/Location/Nationality and other types.
    Re3d,
}

/// Parses CoNLL text into documents of sentences. `-DOCSTART-` lines start a new
/// document; the token is the first column, the tag the last.
fn parse_conll(
    text: &str,
    path: &Path,
    scheme: Scheme,
) -> Result<Vec<Vec<GoldSentence>>, CorpusError> {
    let mut docs: Vec<Vec<GoldSentence>> = vec![Vec::new()];
    let mut cur = GoldSentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |cur: &mut GoldSentence, docs: &mut Vec<Vec<GoldSentence>>| {
        if !cur.words.is_empty() {
            let mut s = std::mem::replace(
                cur,
                GoldSentence {
                    words: Vec::new(),
                    tags: Vec::new(),
                },
            );
            if scheme == Scheme::Iob1 {
                s.tags = iob1_to_iob2(&s.tags);
            }
            docs.last_mut().expect("never empty").push(s);
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let cols: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        if cols.is_empty() {
            flush(&mut cur, &mut docs);
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            flush(&mut cur, &mut docs);
            if !docs.last().expect("never empty").is_empty() {
                docs.push(Vec::new());
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(CorpusError {
                path: path.to_path_buf(),
                line: ln + 1,
                message: format!("expected `TOKEN ... TAG`, found {line:?}"),
            });
        }
        let tag = cols[cols.len() - 1];
        let tag = match scheme {
            Scheme::Re3d => map_re3d(tag),
            _ => tag.to_string(),
        };
        if tag != "O" && !(tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err(CorpusError {
                path: path.to_path_buf(),
                line: ln + 1,
                message: format!("unknown tag {tag:?}"),
            });
        }
        cur.words.push(cols[0].to_string());
        cur.tags.push(tag);
    }
    flush(&mut cur, &mut docs);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

fn iob1_to_iob2(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for (i, tag) in tags.iter().enumerate() {
        match tag.strip_prefix("I-") {
            Some(ty) => {
                let prev_same = i > 0 && tags[i - 1].get(2..) == Some(ty);
                out.push(if prev_same {
                    tag.clone()
                } else {
                    format!("B-{ty}")
                });
            }
            None => out.push(tag.clone()),
        }
    }
    out
}

/// re3d types onto ours: people, organisations and locations kept, nationalities as
/// MISC (as in wikigold), everything else (weapons, dates, money...) outside.
fn map_re3d(tag: &str) -> String {
    let Some((bio, ty)) = tag.split_once('-') else {
        return "O".to_string();
    };
    let ours = match ty {
        "Person" => "PER",
        "Organisation" => "ORG",
        "Location" => "LOC",
        "Nationality" => "MISC",
        _ => return "O".to_string(),
    };
    format!("{bio}-{ours}")
}

/// Reads an idner-news-2k split (`TOKEN UPOS TAG`; the automatic UPOS column is ignored).
pub fn read_idner(path: &Path) -> Result<Vec<GoldSentence>, CorpusError> {
    let text = read(path)?;
    Ok(parse_conll(&text, path, Scheme::Iob2)?
        .into_iter()
        .flatten()
        .collect())
}

/// Which part of the English documents a split holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnglishSplit {
    /// Documents for fitting the model (also what development scores are measured on
    /// when they are not in `Dev`).
    Train,
    /// Development documents: every fifth document, offset 3 (for choosing settings).
    Dev,
    /// Held-out test documents: every fifth document, offset 4. Never trained on.
    Test,
    /// Everything but `Test`: what the committed English model is trained on.
    TrainAndDev,
}

/// Reads the English entity documents (wikigold in file order, then the re3d sources
/// in sorted path order) and returns the sentences of `split`. Documents are assigned
/// by position: index % 5 == 4 is test, == 3 is dev, the rest train.
pub fn read_english(
    english_dir: &Path,
    split: EnglishSplit,
) -> Result<Vec<GoldSentence>, CorpusError> {
    let wikigold = english_dir.join("wikigold/wikigold.conll.txt");
    let mut docs = parse_conll(&read(&wikigold)?, &wikigold, Scheme::Iob1)?;
    let re3d = english_dir.join("re3d");
    let mut files = Vec::new();
    let sources = fs::read_dir(&re3d).map_err(|e| CorpusError {
        path: re3d.clone(),
        line: 0,
        message: e.to_string(),
    })?;
    for source in sources.filter_map(Result::ok) {
        if let Ok(rd) = fs::read_dir(source.path()) {
            files.extend(
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "conll")),
            );
        }
    }
    files.sort();
    for f in files {
        let sentences: Vec<GoldSentence> = parse_conll(&read(&f)?, &f, Scheme::Re3d)?
            .into_iter()
            .flatten()
            .collect();
        if !sentences.is_empty() {
            docs.push(sentences);
        }
    }
    let keep = |k: usize| match split {
        EnglishSplit::Train => k % 5 < 3,
        EnglishSplit::Dev => k % 5 == 3,
        EnglishSplit::Test => k % 5 == 4,
        EnglishSplit::TrainAndDev => k % 5 != 4,
    };
    Ok(docs
        .into_iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .flat_map(|(_, d)| d)
        .collect())
}

/// Exact-match entity counts, overall and per label.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// (gold, predicted, correct) per label, indexed by [`NerLabel::index`].
    pub per_label: [(usize, usize, usize); 4],
}

impl Scores {
    /// Adds one sentence: gold and predicted spans over the same tokens.
    pub fn add(&mut self, gold: &[NerSpan], predicted: &[NerSpan]) {
        for g in gold {
            self.per_label[g.label.index()].0 += 1;
        }
        for p in predicted {
            self.per_label[p.label.index()].1 += 1;
            if gold.contains(p) {
                self.per_label[p.label.index()].2 += 1;
            }
        }
    }

    /// (gold, predicted, correct) summed over labels.
    pub fn totals(&self) -> (usize, usize, usize) {
        self.per_label
            .iter()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
    }

    /// Micro-averaged (precision, recall, F1) over all labels.
    pub fn micro(&self) -> (f64, f64, f64) {
        prf(self.totals())
    }

    /// (precision, recall, F1) of one label.
    pub fn label(&self, label: NerLabel) -> (f64, f64, f64) {
        prf(self.per_label[label.index()])
    }
}

fn prf((gold, predicted, correct): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        0.0
    } else {
        correct as f64 / predicted as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Runs `recognizer` on gold sentences (re-tokenised as at run time) and scores it.
pub fn evaluate(recognizer: &crate::Recognizer, sentences: &[GoldSentence]) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        let rt = retokenise(s);
        let words: Vec<&str> = rt.words.iter().map(String::as_str).collect();
        let predicted = rt.to_gold_spans(&recognizer.tag(&words));
        scores.add(&s.spans(), &predicted);
    }
    scores
}

impl From<CorpusError> for io::Error {
    fn from(e: CorpusError) -> io::Error {
        io::Error::other(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(pairs: &[(&str, &str)]) -> GoldSentence {
        GoldSentence {
            words: pairs.iter().map(|p| p.0.to_string()).collect(),
            tags: pairs.iter().map(|p| p.1.to_string()).collect(),
        }
    }

    #[test]
    fn spans_follow_conlleval_rules() {
        let spans = spans_from_tags(&["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "O"]);
        let got: Vec<_> = spans.iter().map(|s| (s.first, s.end, s.label)).collect();
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
    fn iob1_becomes_iob2() {
        let tags: Vec<String> = ["I-ORG", "I-ORG", "B-ORG", "O", "I-MISC"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            iob1_to_iob2(&tags),
            ["B-ORG", "I-ORG", "B-ORG", "O", "B-MISC"]
        );
    }

    #[test]
    fn re3d_types_are_mapped() {
        assert_eq!(map_re3d("B-Organisation"), "B-ORG");
        assert_eq!(map_re3d("I-Nationality"), "I-MISC");
        assert_eq!(map_re3d("B-Weapon"), "O");
        assert_eq!(map_re3d("O"), "O");
    }

    #[test]
    fn retokenising_splits_dots_and_maps_spans_back() {
        let s = sentence(&[
            ("Lt.", "O"),
            ("Gen.", "O"),
            ("Smith", "B-PER"),
            ("left", "O"),
            ("U.S.", "B-LOC"),
            (".", "O"),
        ]);
        let rt = retokenise(&s);
        assert_eq!(
            rt.words,
            ["Lt", ".", "Gen", ".", "Smith", "left", "U.S", ".", "."]
        );
        assert_eq!(rt.tags[6..8], ["B-LOC".to_string(), "I-LOC".to_string()]);
        let spans = spans_from_tags(&rt.tags);
        assert_eq!(rt.to_gold_spans(&spans), s.spans());
    }

    #[test]
    fn parses_documents_and_reports_bad_lines() {
        let text = "-DOCSTART- O\n\nA I-ORG\nB I-ORG\n\nc O\n-DOCSTART- O\n\nD I-PER\n";
        let docs = parse_conll(text, Path::new("x"), Scheme::Iob1).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][0].tags, ["B-ORG", "I-ORG"]);
        let err = parse_conll("Word\n", Path::new("f.txt"), Scheme::Iob2).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.txt:1: expected `TOKEN ... TAG`, found \"Word\""
        );
        let err = parse_conll("Word X-Y\n", Path::new("f.txt"), Scheme::Iob2).unwrap_err();
        assert!(err.to_string().contains("unknown tag"));
    }

    #[test]
    fn scores_are_exact_match() {
        let gold = spans_from_tags(&["B-PER", "I-PER", "O", "B-LOC"]);
        let pred = spans_from_tags(&["B-PER", "O", "O", "B-LOC"]);
        let mut s = Scores::default();
        s.add(&gold, &pred);
        assert_eq!(s.totals(), (2, 2, 1));
        assert_eq!(s.label(NerLabel::Loc), (1.0, 1.0, 1.0));
        assert_eq!(s.micro().2, 0.5);
    }
}
