//! The text layer (cleaning, language identification, sentence splitting): article
//! extraction on `article-extraction-benchmark`, and the repository's own fixtures.
//!
//! **Extraction metric** (re-implemented from the benchmark's description, no code
//! copied): both the ground-truth body and the extracted body are split on Unicode
//! whitespace (Python's `str.split()`); each becomes a multiset of 4-token shingles
//! (a text shorter than four tokens is one shingle). Per page, true positives are the
//! shingles in common (counted with multiplicity), false positives the extra predicted
//! ones, false negatives the missed true ones; the three are divided by their sum so
//! every page weighs the same. Precision, recall and F1 come from the means over the
//! pages present. The extracted body is the cleaned text with the dateline put back in
//! front (the dateline is part of the body in the ground truth; the cleaner moves it
//! into metadata). Only pages whose HTML is in the data folder are scored.
//!
//! **Fixture suite** (`fixtures/text/`, written for this project in the style of real
//! outlets): `crawled/*.txt` are annotated crawled texts, one tag per line — `A ` an
//! article paragraph, `J ` a junk line, `H ` the headline; a blank line is a paragraph
//! break; `# key: value` lines set the URL, title, language and the expected dateline
//! ("PLACE | OUTLET | tampered"). `pages/*.html` are web pages with the same
//! expectations in a `*.expect` file beside them. A junk line survives when its text
//! is still in the cleaned article; an article sentence (split with the segmenter of
//! the fixture's language) is dropped when it is no longer in it.
//!
//! **Language ID**: `fixtures/text/langid.tsv`, one news sentence per line with its
//! language (id, en, ms); accuracy of `sitrep_langid::detect` on each sentence alone.

use std::io::Read;
use std::path::{Path, PathBuf};

use sitrep_clean::{CleanInput, Cleaned, Cleaner};
use sitrep_core::Lang;
use sitrep_segment::Segmenter;

use crate::{Bar, Metric, Report};

const BENCHMARK: &str = "article-extraction-benchmark";
const FIXTURES: &str = "text-fixtures";
const LANGID: &str = "text-langid";

/// Directory of the repository's text fixtures.
pub fn fixtures_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/text")).to_path_buf()
}

/// Appends the text-layer figures to `report`.
pub fn run(data_dir: &Path, report: &mut Report) {
    let cleaner = Cleaner::new();
    for e in cleaner.data_errors() {
        report.skipped.push(("lang data".into(), e.clone()));
    }
    extraction_benchmark(&data_dir.join(BENCHMARK), &cleaner, report);
    match run_fixture_suite(&fixtures_dir(), &cleaner) {
        Ok(s) => {
            let note = format!(
                "{} documents, {} junk lines, {} article sentences",
                s.documents, s.junk_lines, s.article_sentences
            );
            report.metrics.push(
                Metric::new(
                    FIXTURES,
                    "junk lines surviving",
                    s.junk_survived.len() as f64,
                )
                .bar(Bar::AtMost(0.0))
                .note(note.clone()),
            );
            report.metrics.push(
                Metric::new(
                    FIXTURES,
                    "article sentences dropped",
                    s.sentences_dropped.len() as f64,
                )
                .bar(Bar::AtMost(0.0))
                .note(note),
            );
            report.metrics.push(
                Metric::new(FIXTURES, "dateline errors", s.dateline_errors.len() as f64)
                    .bar(Bar::AtMost(0.0))
                    .note(format!(
                        "{} documents with an expected dateline or none",
                        s.documents
                    )),
            );
        }
        Err(e) => report.skipped.push((FIXTURES.into(), e)),
    }
    match langid_accuracy(&fixtures_dir().join("langid.tsv")) {
        Ok(r) => report.metrics.push(
            Metric::new(LANGID, "accuracy", r.accuracy())
                .bar(Bar::AtLeast(0.99))
                .note(format!("{} sentences ({})", r.total, r.per_language_note())),
        ),
        Err(e) => report.skipped.push((LANGID.into(), e)),
    }
}

/// True positives, false positives and false negatives of one page, normalised to sum to 1.
pub fn shingle_scores(truth: &str, predicted: &str, n: usize) -> (f64, f64, f64) {
    let a = shingles(truth, n);
    let b = shingles(predicted, n);
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for (k, &x) in &a {
        let y = b.get(k).copied().unwrap_or(0);
        tp += x.min(y) as f64;
        fn_ += x.saturating_sub(y) as f64;
    }
    for (k, &y) in &b {
        let x = a.get(k).copied().unwrap_or(0);
        fp += y.saturating_sub(x) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn shingles(text: &str, n: usize) -> std::collections::HashMap<Vec<&str>, usize> {
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut m = std::collections::HashMap::new();
    if toks.is_empty() {
        return m;
    }
    let count = toks.len().saturating_sub(n) + 1;
    for i in 0..count.max(1) {
        let end = (i + n).min(toks.len());
        *m.entry(toks[i..end].to_vec()).or_insert(0) += 1;
    }
    m
}

/// Precision, recall, F1 from mean normalised tp/fp/fn.
fn prf(sum: (f64, f64, f64)) -> (f64, f64, f64) {
    let (tp, fp, fn_) = sum;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The article body the cleaner recovered: dateline (moved to metadata) plus text.
pub fn recovered_body(c: &Cleaned) -> String {
    match &c.dateline {
        Some(d) => format!("{} {}", d.text, c.text),
        None => c.text.clone(),
    }
}

fn extraction_benchmark(dir: &Path, cleaner: &Cleaner, report: &mut Report) {
    let truth_path = dir.join("ground-truth.json");
    let Ok(truth_text) = std::fs::read_to_string(&truth_path) else {
        report.skipped.push((
            BENCHMARK.into(),
            format!("{} not found", truth_path.display()),
        ));
        return;
    };
    let truth: serde_json::Value = match serde_json::from_str(&truth_text) {
        Ok(v) => v,
        Err(e) => {
            report
                .skipped
                .push((BENCHMARK.into(), format!("ground-truth.json: {e}")));
            return;
        }
    };
    let Some(items) = truth.as_object() else {
        report.skipped.push((
            BENCHMARK.into(),
            "ground-truth.json is not an object".into(),
        ));
        return;
    };
    let mut ids: Vec<&String> = items.keys().collect();
    ids.sort();
    let (mut with_dl, mut text_only) = ((0f64, 0f64, 0f64), (0f64, 0f64, 0f64));
    let mut pages = 0usize;
    let mut unreadable = 0usize;
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        if !path.exists() {
            continue;
        }
        let Some(html) = read_gz(&path) else {
            unreadable += 1;
            continue;
        };
        let item = &items[id];
        let body = item
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let url = item.get("url").and_then(|v| v.as_str());
        let c = cleaner.clean(&CleanInput {
            html: Some(&html),
            url,
            ..Default::default()
        });
        let s = shingle_scores(body, &recovered_body(&c), 4);
        with_dl = (with_dl.0 + s.0, with_dl.1 + s.1, with_dl.2 + s.2);
        let s = shingle_scores(body, &c.text, 4);
        text_only = (text_only.0 + s.0, text_only.1 + s.1, text_only.2 + s.2);
        pages += 1;
    }
    if pages == 0 {
        report
            .skipped
            .push((BENCHMARK.into(), "no HTML pages present".into()));
        return;
    }
    let (p, r, f) = prf(with_dl);
    let skipped = if unreadable > 0 {
        format!(", {unreadable} unreadable")
    } else {
        String::new()
    };
    report.metrics.push(
        Metric::new(BENCHMARK, "token F1 (4-gram shingles)", f)
            .bar(Bar::AtLeast(0.95))
            .note(format!(
                "{pages} pages{skipped}; P={p:.3} R={r:.3}; body = dateline + cleaned text"
            )),
    );
    let (p, r, f) = prf(text_only);
    report.metrics.push(
        Metric::new(BENCHMARK, "token F1, cleaned text only", f)
            .note(format!("P={p:.3} R={r:.3}; dateline not put back")),
    );
}

fn read_gz(path: &Path) -> Option<String> {
    let f = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(f)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Outcome of the fixture suite, with the failures spelled out for `--details` and tests.
#[derive(Debug, Default)]
pub struct SuiteResult {
    /// Documents read.
    pub documents: usize,
    /// Junk lines annotated.
    pub junk_lines: usize,
    /// Article sentences annotated.
    pub article_sentences: usize,
    /// "file: junk line" still present in the cleaned text.
    pub junk_survived: Vec<String>,
    /// "file: sentence" missing from the cleaned text.
    pub sentences_dropped: Vec<String>,
    /// "file: expected vs found" for datelines.
    pub dateline_errors: Vec<String>,
}

/// Expectations of one fixture document.
#[derive(Debug, Default)]
struct Expect {
    url: Option<String>,
    title: Option<String>,
    lang: Option<Lang>,
    /// (place, outlet, tampered); `Some(None)`-like "none" means no dateline expected.
    dateline: Option<Option<(String, String, bool)>>,
    article: Vec<String>,
    junk: Vec<String>,
}

/// Runs every fixture under `dir` (`crawled/*.txt`, `pages/*.html` + `.expect`).
pub fn run_fixture_suite(dir: &Path, cleaner: &Cleaner) -> Result<SuiteResult, String> {
    let mut result = SuiteResult::default();
    let mut files = Vec::new();
    for sub in ["crawled", "pages"] {
        let d = dir.join(sub);
        let rd = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for e in rd.flatten() {
            let p = e.path();
            if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("txt") | Some("html")
            ) {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("no fixtures in {}", dir.display()));
    }
    let segmenters = [
        (Lang::ID, Segmenter::new(Lang::ID)),
        (Lang::EN, Segmenter::new(Lang::EN)),
    ];
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let content =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (input_text, expect) = if name.ends_with(".txt") {
            parse_annotated(&content)
        } else {
            let exp_path = path.with_extension("expect");
            let exp = std::fs::read_to_string(&exp_path)
                .map_err(|e| format!("{}: {e}", exp_path.display()))?;
            (String::new(), parse_annotated(&exp).1)
        };
        let is_html = name.ends_with(".html");
        let cleaned = cleaner.clean(&CleanInput {
            text: (!is_html).then_some(input_text.as_str()),
            html: is_html.then_some(content.as_str()),
            url: expect.url.as_deref(),
            title: expect.title.as_deref(),
        });
        result.documents += 1;
        let out_norm = squash(&cleaned.text);
        for j in &expect.junk {
            result.junk_lines += 1;
            let jn = squash(j);
            let survived = if jn.split(' ').count() >= 3 {
                out_norm.contains(&jn)
            } else {
                cleaned.text.lines().any(|l| squash(l) == jn)
            };
            if survived {
                result.junk_survived.push(format!("{name}: {j}"));
            }
        }
        let lang = expect.lang.unwrap_or(Lang::ID);
        let seg = &segmenters
            .iter()
            .find(|(l, _)| *l == sitrep_lang::data_language(lang))
            .unwrap_or(&segmenters[0])
            .1;
        let dateline_text = cleaned.dateline.as_ref().map(|d| d.text.clone());
        for para in &expect.article {
            // The dateline moves into metadata: compare the paragraph without it.
            let para = dateline_text
                .as_deref()
                .and_then(|d| para.strip_prefix(d))
                .map_or(para.as_str(), str::trim_start);
            for s in seg.split(para) {
                let st = squash(s.text(para));
                result.article_sentences += 1;
                if !out_norm.contains(&st) {
                    result
                        .sentences_dropped
                        .push(format!("{name}: {}", s.text(para)));
                }
            }
        }
        if let Some(want) = &expect.dateline {
            let got = cleaned.dateline.as_ref().map(|d| {
                (
                    d.place.clone().unwrap_or_default(),
                    d.outlet.clone().unwrap_or_default(),
                    d.tampered,
                )
            });
            if &got != want {
                result
                    .dateline_errors
                    .push(format!("{name}: expected {want:?}, found {got:?}"));
            }
        }
    }
    Ok(result)
}

/// Collapses whitespace so that wrapping and joining do not count as changes.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits an annotated fixture into the input text and the expectations.
fn parse_annotated(content: &str) -> (String, Expect) {
    let mut input = String::new();
    let mut e = Expect::default();
    for line in content.lines() {
        if let Some(kv) = line.strip_prefix("# ") {
            if let Some((k, v)) = kv.split_once(':') {
                let v = v.trim();
                match k.trim() {
                    "url" => e.url = Some(v.to_string()),
                    "title" => e.title = Some(v.to_string()),
                    "lang" => e.lang = Lang::parse(v),
                    "dateline" => {
                        e.dateline = Some(if v == "none" {
                            None
                        } else {
                            let parts: Vec<&str> = v.split('|').map(str::trim).collect();
                            Some((
                                parts.first().copied().unwrap_or("").to_string(),
                                parts.get(1).copied().unwrap_or("").to_string(),
                                parts.get(2).is_some_and(|t| *t == "tampered"),
                            ))
                        })
                    }
                    _ => {}
                }
            }
            continue;
        }
        let (tag, text) = match line.split_once(' ') {
            Some((t, rest)) if t.len() == 1 => (t, rest),
            _ => ("", line),
        };
        match tag {
            "A" => e.article.push(text.to_string()),
            "J" | "H" => e.junk.push(text.to_string()),
            _ => {}
        }
        if !line.is_empty() {
            input.push_str(if tag.is_empty() { line } else { text });
        }
        input.push('\n');
    }
    (input, e)
}

/// Language-ID outcome on the fixture sentences.
#[derive(Debug, Default)]
pub struct LangidResult {
    /// Sentences read.
    pub total: usize,
    /// Correctly identified.
    pub correct: usize,
    /// (expected, found, sentence) for the misses.
    pub misses: Vec<(String, String, String)>,
    /// Per language: (code, total, correct).
    pub per_language: Vec<(String, usize, usize)>,
}

impl LangidResult {
    /// Share of correctly identified sentences.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn per_language_note(&self) -> String {
        self.per_language
            .iter()
            .map(|(l, t, c)| format!("{l} {c}/{t}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Runs language identification on every sentence of `path` (`lang<TAB>sentence`).
pub fn langid_accuracy(path: &Path) -> Result<LangidResult, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut r = LangidResult::default();
    for row in sitrep_lang::tsv_rows(&text) {
        let (code, sentence) = (row.col(0), row.col(1));
        if sentence.is_empty() {
            continue;
        }
        let found = sitrep_langid::detect(sentence)
            .map(|l| l.to_string())
            .unwrap_or_else(|| "none".into());
        r.total += 1;
        let ok = found == code;
        if ok {
            r.correct += 1;
        } else {
            r.misses
                .push((code.to_string(), found, sentence.to_string()));
        }
        match r.per_language.iter_mut().find(|(l, _, _)| l == code) {
            Some(e) => {
                e.1 += 1;
                e.2 += ok as usize;
            }
            None => r.per_language.push((code.to_string(), 1, ok as usize)),
        }
    }
    if r.total == 0 {
        return Err(format!("{}: no sentences", path.display()));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_metric_counts_with_multiplicity() {
        let (tp, fp, fn_) = shingle_scores("a b c d e", "a b c d e", 4);
        assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
        // Truth has 2 shingles, prediction 1 of them plus 1 wrong one.
        let (tp, fp, fn_) = shingle_scores("a b c d e", "a b c d x", 4);
        assert!(
            (tp - 1.0 / 3.0).abs() < 1e-9
                && (fp - 1.0 / 3.0).abs() < 1e-9
                && (fn_ - 1.0 / 3.0).abs() < 1e-9
        );
        // Short texts are one shingle.
        assert_eq!(shingle_scores("a b", "a b", 4), (1.0, 0.0, 0.0));
        assert_eq!(shingle_scores("", "", 4), (0.0, 0.0, 0.0));
        assert_eq!(shingle_scores("a b c d", "", 4), (0.0, 0.0, 1.0));
    }

    #[test]
    fn annotated_fixtures_split_into_input_and_expectations() {
        let (input, e) = parse_annotated(
            "# url: https://x.id/a\n# dateline: JAKARTA | KOMPAS.com\nJ Baca juga: X\n\nA JAKARTA, KOMPAS.com - Satu.\n",
        );
        assert_eq!(input, "Baca juga: X\n\nJAKARTA, KOMPAS.com - Satu.\n");
        assert_eq!(e.junk, vec!["Baca juga: X"]);
        assert_eq!(e.article.len(), 1);
        assert_eq!(
            e.dateline,
            Some(Some(("JAKARTA".into(), "KOMPAS.com".into(), false)))
        );
    }

    /// The fixture suite is the regression test of the cleaner: no junk line may
    /// survive and no article sentence may be dropped.
    #[test]
    fn fixture_suite_has_no_junk_and_no_loss() {
        let s = run_fixture_suite(&fixtures_dir(), &Cleaner::new()).unwrap();
        assert!(s.documents >= 20, "{} documents", s.documents);
        assert!(s.junk_survived.is_empty(), "{:#?}", s.junk_survived);
        assert!(s.sentences_dropped.is_empty(), "{:#?}", s.sentences_dropped);
        assert!(s.dateline_errors.is_empty(), "{:#?}", s.dateline_errors);
    }

    #[test]
    fn langid_fixture_accuracy() {
        let r = langid_accuracy(&fixtures_dir().join("langid.tsv")).unwrap();
        assert!(r.total >= 200, "{} sentences", r.total);
        assert!(r.accuracy() >= 0.99, "{:.3}: {:#?}", r.accuracy(), r.misses);
    }
}
