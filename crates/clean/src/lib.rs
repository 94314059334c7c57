//! Cleaning: turns a raw page or crawled text into the article text events are read
//! from, and says what it removed.
//!
//! News as it arrives carries navigation, "Baca juga" links, promos, bylines, photo
//! captions, copyright lines and sometimes injected spam. Coding that text produces
//! false events, so the cleaner keeps only article paragraphs:
//!
//! 1. HTML pages go through main-text extraction ([`html`]) and give up their head
//!    metadata (title, publication date, site name, canonical URL, language hint).
//! 2. Text is normalised ([`normalize`]): line endings, spaces, invisible characters.
//! 3. Every line is judged by the junk rules of all embedded languages
//!    (`lang/<code>/junk.toml`); each dropped line is kept with its reason.
//! 4. The dateline ("JAKARTA, KOMPAS.com -") is read off the first paragraph and
//!    removed; an implausible outlet marks the document as possibly tampered.
//! 5. Hard-wrapped lines are joined so the result has one paragraph per line.

mod dateline;
pub mod html;
mod junk;
mod normalize;
mod outlet;

use std::collections::HashSet;

use sitrep_core::{Dateline, DroppedLine, Warning};

use crate::junk::{JunkFile, JunkRules, fold_line};
use crate::normalize::NormalizeReport;
use crate::outlet::{Outlets, same_site, url_host};

/// Largest text read from one document (bytes); longer input is cut at a line break
/// with a warning. No news article comes near it; the cap bounds time and memory on
/// hostile input.
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// Work limits of a [`Cleaner`]: what it reads of one document at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Text bytes read (after HTML extraction); the rest is cut at a line break.
    pub max_text_bytes: usize,
    /// HTML bytes parsed; the rest is cut.
    pub max_html_bytes: usize,
    /// Element nesting given to the DOM extractor; deeper pages use the tag stripper.
    pub max_html_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_text_bytes: MAX_TEXT_BYTES,
            max_html_bytes: html::MAX_HTML_BYTES,
            max_html_depth: html::MAX_HTML_DEPTH,
        }
    }
}

/// Headline-like lines dropped after one header ("Baca Juga:" followed by links).
const MAX_LINES_AFTER_HEADER: usize = 8;

/// One document to clean. Give `html` for web pages and `text` for plain or crawled
/// text; when both are set the HTML wins (it carries structure and metadata).
#[derive(Debug, Clone, Copy, Default)]
pub struct CleanInput<'a> {
    /// Plain or crawled text (a text that starts like an HTML page is read as HTML).
    pub text: Option<&'a str>,
    /// A web page.
    pub html: Option<&'a str>,
    /// Where the document came from: names the outlet and checks the dateline.
    pub url: Option<&'a str>,
    /// Headline supplied by the caller; a copy of it at the top of the body is dropped.
    pub title: Option<&'a str>,
}

/// The cleaned article and everything learnt or removed on the way. Serialises to the
/// JSON that `sitrep clean --json` shows users.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Cleaned {
    /// Article text, one paragraph per line ('\n'), no trailing newline.
    pub text: String,
    /// Every removed line with its reason. `line` is the 1-based line of the input
    /// text (for HTML: of the extracted text); 0 for HTML elements removed before
    /// extraction (figure captions).
    pub dropped: Vec<DroppedLine>,
    /// The dateline read off the first paragraph (removed from `text`).
    pub dateline: Option<Dateline>,
    /// Source of the article: the dateline's outlet when plausible, else the page's
    /// site name, else the outlet known for the URL host, else the host itself.
    pub outlet: Option<String>,
    /// Headline: the caller's, else the page title.
    pub title: Option<String>,
    /// Publication date as found in the page metadata (not parsed).
    pub published: Option<String>,
    /// Canonical URL declared by the page (`<link rel=canonical>` or `og:url`).
    pub canonical_url: Option<String>,
    /// Language declared by the page (`<html lang>`, `content-language`, `og:locale`).
    pub lang_hint: Option<String>,
    /// Problems met while cleaning.
    pub warnings: Vec<Warning>,
}

/// The cleaner: junk rules and outlet table of every embedded language, compiled once.
/// Build one and share it across threads.
pub struct Cleaner {
    limits: Limits,
    rules: JunkRules,
    outlets: Outlets,
    not_places: HashSet<String>,
    data_errors: Vec<String>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new()
    }
}

/// Parses `junk.toml` of every embedded language; errors name the file.
pub(crate) fn load_junk_files() -> (Vec<(String, JunkFile)>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for lang in sitrep_lang::languages() {
        match sitrep_lang::toml_file::<JunkFile>(lang, "junk.toml") {
            Ok(Some(f)) => files.push((format!("lang/{lang}/junk.toml"), f)),
            Ok(None) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
    (files, errors)
}

impl Cleaner {
    /// Loads the junk markers and outlets of all embedded languages. A broken data file
    /// is reported by [`Cleaner::data_errors`] instead of stopping the program.
    pub fn new() -> Cleaner {
        let (mut files, mut data_errors) = load_junk_files();
        let (rules, rule_errors) = JunkRules::build(&files);
        data_errors.extend(rule_errors);
        let outlets = Outlets::new(
            files
                .iter_mut()
                .flat_map(|(_, f)| std::mem::take(&mut f.outlet)),
        );
        let not_places = files
            .iter()
            .flat_map(|(_, f)| f.not_places.iter().map(|w| fold_line(w)))
            .collect();
        Cleaner {
            limits: Limits::default(),
            rules,
            outlets,
            not_places,
            data_errors,
        }
    }

    /// The same cleaner with other work limits (smaller ones for constrained batch jobs,
    /// larger ones to read book-length text).
    pub fn with_limits(mut self, limits: Limits) -> Cleaner {
        self.limits = limits;
        self
    }

    /// Problems found in the language data files (bad TOML, invalid regex).
    pub fn data_errors(&self) -> &[String] {
        &self.data_errors
    }

    /// Cleans one document. Never panics; problems become warnings.
    pub fn clean(&self, input: &CleanInput) -> Cleaned {
        let mut out = Cleaned::default();
        let raw: String;
        let html_source = input
            .html
            .or_else(|| input.text.filter(|t| looks_like_html(t)));
        if let Some(page) = html_source {
            let x = html::extract(
                page,
                input.url,
                self.limits.max_html_bytes,
                self.limits.max_html_depth,
            );
            out.warnings.extend(x.warnings);
            out.title = x.title;
            out.published = x.published;
            out.canonical_url = x.canonical_url;
            out.lang_hint = x.lang_hint;
            out.outlet = x.site_name.map(|s| self.outlet_name(&s));
            for c in x.captions {
                out.dropped.push(DroppedLine {
                    line: 0,
                    text: c,
                    reason: "caption".into(),
                });
            }
            raw = x.text;
        } else if let Some(t) = input.text {
            raw = t.to_string();
        } else {
            out.warnings
                .push(Warning::new("empty", "document has neither text nor html"));
            return out;
        }
        if let Some(t) = input.title.map(str::trim).filter(|t| !t.is_empty()) {
            out.title = Some(t.to_string());
        }
        let raw = cap_text(&raw, self.limits.max_text_bytes, &mut out.warnings);
        let mut report = NormalizeReport::default();
        let text = normalize::normalize(raw, &mut report);
        report_normalization(&report, &mut out.warnings);
        let host = input
            .url
            .and_then(url_host)
            .or_else(|| out.canonical_url.as_deref().and_then(url_host));
        self.clean_lines(&text, host.as_deref(), &mut out);
        if out.outlet.is_none() {
            out.outlet = host.map(|h| {
                self.outlets
                    .by_host(&h)
                    .map_or(h.clone(), |o| o.name.clone())
            });
        }
        if out.text.is_empty() {
            out.warnings
                .push(Warning::new("empty", "no article text left after cleaning"));
        }
        out
    }

    /// Canonical name of an outlet named in a page or dateline ("KOMPAS.com" → "Kompas.com").
    fn outlet_name(&self, name: &str) -> String {
        self.outlets
            .by_alias(name)
            .map_or_else(|| name.trim().to_string(), |o| o.name.clone())
    }

    fn clean_lines(&self, text: &str, host: Option<&str>, out: &mut Cleaned) {
        let title_forms = out.title.as_deref().map(title_variants).unwrap_or_default();
        let mut kept: Vec<KeptLine> = Vec::new();
        let mut block = 0usize;
        let mut header: Option<(usize, usize)> = None; // (reason id, lines dropped since)
        let mut seen: HashSet<String, foldhash::fast::RandomState> = HashSet::default();
        // Whether an article paragraph was kept yet (a headline copy can only precede one).
        let mut prose_seen = false;
        for (i, line) in text.split('\n').enumerate() {
            let number = i + 1;
            if line.is_empty() {
                block += 1;
                continue;
            }
            let folded = fold_line(line);
            let reason: Option<String> = if !line.chars().any(char::is_alphanumeric) {
                Some("decoration".into())
            } else if let Some(v) = self.rules.judge(line, &folded) {
                header = v.header.then_some((v.reason, 0));
                Some(self.rules.reason(v.reason).to_string())
            } else if let Some((id, n)) =
                header.filter(|&(_, n)| n < MAX_LINES_AFTER_HEADER && headline_like(line))
            {
                header = Some((id, n + 1));
                Some(self.rules.reason(id).to_string())
            } else if !prose_seen && title_forms.contains(&folded) {
                Some("headline".into())
            } else if self.is_credit_line(line, &folded) {
                Some("byline".into())
            } else if folded.split(' ').nth(7).is_some() && !seen.insert(folded) {
                Some("duplicate".into())
            } else {
                None
            };
            match reason {
                Some(reason) => {
                    if reason != "decoration" || line.chars().count() > 3 {
                        out.dropped.push(DroppedLine {
                            line: number,
                            text: line.to_string(),
                            reason,
                        });
                    }
                    // A dropped line ends the paragraph block around it.
                    block += 1;
                }
                None => {
                    header = None;
                    prose_seen = prose_seen || !fragment(line);
                    kept.push(KeptLine {
                        text: line.to_string(),
                        block,
                        number,
                    });
                }
            }
        }
        let mut paragraphs = join_paragraphs(kept);
        self.drop_fragments(&mut paragraphs, out);
        self.take_dateline(&mut paragraphs, host, out);
        out.text = paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
    }

    /// A line naming only an outlet, or an outlet with an author or a date:
    /// "CNN Indonesia", "-- BERNAMA", "Mei Amelia R - detikNews", "Kompas.com - 08/02/2024, 09:15 WIB".
    fn is_credit_line(&self, line: &str, folded: &str) -> bool {
        if folded.len() > 160 || folded.split(' ').nth(12).is_some() {
            return false;
        }
        let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
        if self.outlets.by_alias(bare).is_some() {
            return true;
        }
        let is_outlet =
            |s: &str| self.outlets.by_alias(s).is_some() || dateline::looks_like_domain(s);
        for sep in [" - ", " | ", " – ", " — ", " -- "] {
            if let Some((a, b)) = line.split_once(sep) {
                let (a, b) = (a.trim(), b.trim());
                if (is_outlet(a) && (date_like(b) || person_like(b)))
                    || (is_outlet(b) && (date_like(a) || person_like(a)))
                {
                    return true;
                }
            }
        }
        false
    }

    /// Drops page furniture around the article: lines that are not prose (see
    /// [`fragment`]) before the first paragraph (headline, author, section, date rows)
    /// and after the last one (tags, topic lists, other stories' headlines).
    fn drop_fragments(&self, kept: &mut Vec<KeptLine>, out: &mut Cleaned) {
        let Some(first_prose) = kept.iter().position(|l| !fragment(&l.text)) else {
            return;
        };
        let last_prose = kept
            .iter()
            .rposition(|l| !fragment(&l.text))
            .unwrap_or(first_prose);
        let mut removed: Vec<(usize, &'static str)> = Vec::new();
        for (i, l) in kept.iter().enumerate() {
            if i < first_prose
                && dateline::parse(&l.text, &self.outlets, &self.not_places).is_none()
            {
                removed.push((i, "page-header"));
            } else if i > last_prose {
                removed.push((i, "page-footer"));
            }
        }
        for &(i, reason) in removed.iter().rev() {
            let l = kept.remove(i);
            out.dropped.push(DroppedLine {
                line: l.number,
                text: l.text,
                reason: reason.into(),
            });
        }
        out.dropped.sort_by_key(|d| d.line);
    }

    /// Reads the dateline off the first or second kept line and judges its outlet.
    fn take_dateline(&self, kept: &mut Vec<KeptLine>, host: Option<&str>, out: &mut Cleaned) {
        for k in 0..kept.len().min(2) {
            let Some(d) = dateline::parse(&kept[k].text, &self.outlets, &self.not_places) else {
                continue;
            };
            let article_script = main_script(kept.iter().map(|l| l.text.as_str()));
            let problem = d
                .outlet
                .as_deref()
                .and_then(|o| self.outlet_problem(o, host, article_script));
            let tampered = problem.is_some();
            if let Some(why) = problem {
                out.warnings.push(Warning::new(
                    "dateline-outlet-implausible",
                    format!(
                        "dateline \"{}\" names outlet \"{}\", which {why}; document may be tampered, outlet taken from the URL",
                        d.text,
                        d.outlet.as_deref().unwrap_or("")
                    ),
                ));
                out.outlet = host.map(|h| {
                    self.outlets
                        .by_host(h)
                        .map_or(h.to_string(), |o| o.name.clone())
                });
            } else if let Some(o) = &d.outlet {
                out.outlet = Some(self.outlet_name(o));
            }
            out.dateline = Some(Dateline {
                text: d.text,
                place: d.place,
                outlet: d.outlet,
                tampered,
            });
            let rest = kept[k].text[d.end..].to_string();
            if rest.is_empty() {
                kept.remove(k);
            } else {
                kept[k].text = rest;
            }
            return;
        }
    }

    /// Why a dateline outlet is implausible, if it is.
    fn outlet_problem(
        &self,
        outlet: &str,
        host: Option<&str>,
        article_script: Script,
    ) -> Option<String> {
        let scripts: HashSet<Script> = outlet
            .chars()
            .filter(|c| c.is_alphabetic())
            .map(script_of)
            .collect();
        if scripts.len() > 1 {
            return Some("mixes letters of several scripts".into());
        }
        if let Some(s) = scripts.iter().next().filter(|s| **s != article_script) {
            return Some(format!(
                "is written in {s:?} script while the article is {article_script:?}"
            ));
        }
        let host = host?;
        let known = self.outlets.by_alias(outlet);
        if let Some(o) = known {
            if !o.wire && !o.hosts.iter().any(|h| same_site(host, h)) {
                return Some(format!("does not publish on {host}"));
            }
            return None;
        }
        // A web address in the dateline contradicts the host only when it is a known
        // publication's: regional sister sites ("TRIBUNJATENG.COM" on tribunnews.com)
        // are not in the table and cannot be judged.
        if dateline::looks_like_domain(outlet) {
            let named = outlet.to_ascii_lowercase();
            let named = named.strip_prefix("www.").unwrap_or(&named);
            if self.outlets.by_host(named).is_some() && !same_site(host, named) {
                return Some(format!("is a different site than {host}"));
            }
        }
        None
    }
}

/// A line that survived the junk rules, with the paragraph block it belongs to.
struct KeptLine {
    text: String,
    block: usize,
    /// 1-based line number in the normalised input.
    number: usize,
}

/// Joins kept lines into paragraphs: hard-wrapped text (most lines of multi-line blocks
/// 40-100 characters long) becomes one paragraph per block; otherwise a line is joined
/// to the next only when it plainly continues there (no closing mark, next starts lower
/// case). A paragraph keeps the line number of its first line.
fn join_paragraphs(kept: Vec<KeptLine>) -> Vec<KeptLine> {
    let mut in_multi = 0usize;
    let mut wrapped_like = 0usize;
    let mut longest = 0usize;
    for (i, l) in kept.iter().enumerate() {
        let same_prev = i > 0 && kept[i - 1].block == l.block;
        let same_next = kept.get(i + 1).is_some_and(|n| n.block == l.block);
        if same_prev || same_next {
            in_multi += 1;
            let n = l.text.chars().count();
            longest = longest.max(n);
            if (40..=100).contains(&n) || !same_next {
                wrapped_like += 1;
            }
        }
    }
    let wrapped = in_multi >= 4 && longest <= 110 && wrapped_like * 10 >= in_multi * 8;
    let mut out: Vec<KeptLine> = Vec::with_capacity(kept.len());
    for l in kept {
        if let Some(prev) = out
            .last_mut()
            .filter(|p| p.block == l.block && (wrapped || continues(&p.text, &l.text)))
        {
            prev.text.push(' ');
            prev.text.push_str(&l.text);
            continue;
        }
        out.push(l);
    }
    out
}

fn continues(prev: &str, next: &str) -> bool {
    let ends_open = prev
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    ends_open && starts_lower
}

/// A line that is not article prose: at most 20 words and not closed by sentence
/// punctuation (headlines, author rows, section names, tags).
fn fragment(line: &str) -> bool {
    let last = line.chars().next_back().unwrap_or(' ');
    !matches!(
        last,
        '.' | '!' | '?' | '"' | '”' | '’' | ')' | '…' | ':' | ';'
    ) && line.split_whitespace().nth(20).is_none()
}

/// "08/02/2024, 09:15 WIB", "20 Feb 2024": has a digit, few words.
fn date_like(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit()) && s.split_whitespace().count() <= 8
}

/// "Mei Amelia R", "JIM GOMEZ": one to five capitalised words.
fn person_like(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A line that reads like a headline rather than article prose: short and not closed by
/// sentence punctuation.
fn headline_like(line: &str) -> bool {
    let last = line.chars().next_back().unwrap_or(' ');
    !matches!(last, '.' | ';' | ':' | '…') && line.split_whitespace().nth(20).is_none()
}

/// Folded forms of a title and of its parts around " - " / " | " (site suffixes).
fn title_variants(title: &str) -> Vec<String> {
    let mut v = vec![fold_line(title)];
    for sep in [" - ", " | ", " – ", " — ", " :: "] {
        for part in title.split(sep) {
            let f = fold_line(part);
            if f.split(' ').count() >= 3 && !v.contains(&f) {
                v.push(f);
            }
        }
    }
    v
}

/// Writing systems told apart for tamper checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Other,
}

fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' => Script::Greek,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Script::Arabic,
        _ => Script::Other,
    }
}

/// The script most letters of the first lines are written in.
fn main_script<'a>(lines: impl Iterator<Item = &'a str>) -> Script {
    let mut counts = [0usize; 5];
    let mut seen = 0;
    for c in lines.flat_map(str::chars).filter(|c| c.is_alphabetic()) {
        counts[script_of(c) as usize] += 1;
        seen += 1;
        if seen > 4000 {
            break;
        }
    }
    let order = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Other,
    ];
    let best = (0..5).max_by_key(|&i| (counts[i], 5 - i)).unwrap_or(0);
    order[best]
}

fn cap_text<'a>(raw: &'a str, max: usize, warnings: &mut Vec<Warning>) -> &'a str {
    if raw.len() <= max {
        return raw;
    }
    let cut = sitrep_core::text::floor_boundary(raw, max);
    let cut = raw[..cut]
        .rfind('\n')
        .filter(|&k| k > cut / 2)
        .unwrap_or(cut);
    warnings.push(Warning::new(
        "truncated",
        format!("text of {} bytes cut to the first {cut} bytes", raw.len()),
    ));
    &raw[..cut]
}

fn report_normalization(r: &NormalizeReport, warnings: &mut Vec<Warning>) {
    if r.control > 0 {
        warnings.push(Warning::new(
            "control-characters",
            format!("{} control characters removed", r.control),
        ));
    }
    if r.invisible > 0 {
        warnings.push(Warning::new(
            "invisible-characters",
            format!(
                "{} zero-width or bidirectional formatting characters removed",
                r.invisible
            ),
        ));
    }
    if r.mixed_script_words > 0 {
        warnings.push(Warning::new(
            "mixed-script-words",
            format!(
                "{} words mix Latin with Cyrillic or Greek letters (look-alike spoofing?)",
                r.mixed_script_words
            ),
        ));
    }
}

/// True when a "text" is really an HTML page (starts with a doctype or `<html>`).
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head = &t.as_bytes()[..t.len().min(15)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

/// Normalises line endings, spaces and invisible characters without removing any line.
/// Kept for callers that need only character-level cleaning; [`Cleaner::clean`] does more.
pub fn normalize(text: &str) -> String {
    normalize::normalize(text, &mut NormalizeReport::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_text(text: &str, url: Option<&str>) -> Cleaned {
        Cleaner::new().clean(&CleanInput {
            text: Some(text),
            url,
            ..Default::default()
        })
    }

    #[test]
    fn cleaner_is_shareable_and_data_is_valid() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Cleaner>();
        assert!(
            Cleaner::new().data_errors().is_empty(),
            "{:?}",
            Cleaner::new().data_errors()
        );
    }

    const DETIK: &str = "Polisi Tangkap Komplotan Begal di Bekasi

Jakarta - Polisi menangkap empat anggota komplotan begal yang kerap beraksi di wilayah Bekasi Utara, Jawa Barat. Para pelaku ditangkap di sebuah rumah kontrakan pada Selasa (14/3/2023) dini hari.

ADVERTISEMENT

SCROLL TO CONTINUE WITH CONTENT

\"Keempat pelaku kami tangkap tanpa perlawanan,\" kata Kapolres Metro Bekasi Kota Kombes Hengki kepada wartawan, Rabu (15/3/2023).

Baca juga: Begal Motor Beraksi di Cikarang, Korban Luka Bacok

Hengki menyebut para pelaku telah beraksi di 11 lokasi berbeda sejak Januari 2023.

Simak Video \"Detik-detik Penangkapan Begal di Bekasi\"
[Gambas:Video 20detik]

(idh/imk)";

    #[test]
    fn cleans_a_crawled_detik_article() {
        let c = Cleaner::new().clean(&CleanInput {
            text: Some(DETIK),
            url: Some("https://news.detik.com/berita/d-6620000/polisi-tangkap-komplotan-begal"),
            title: Some("Polisi Tangkap Komplotan Begal di Bekasi"),
            html: None,
        });
        let lines: Vec<&str> = c.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", c.text);
        assert!(lines[0].starts_with("Polisi menangkap empat anggota"));
        assert!(lines[1].starts_with("\"Keempat pelaku"));
        assert!(lines[2].starts_with("Hengki menyebut"));
        let reasons: Vec<&str> = c.dropped.iter().map(|d| d.reason.as_str()).collect();
        assert_eq!(
            reasons,
            vec![
                "headline",
                "widget",
                "widget",
                "related-article",
                "related-article",
                "widget",
                "byline"
            ]
        );
        let d = c.dateline.unwrap();
        assert_eq!(d.place.as_deref(), Some("Jakarta"));
        assert!(!d.tampered);
        assert_eq!(c.outlet.as_deref(), Some("detikcom"));
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    }

    #[test]
    fn flags_an_outlet_that_contradicts_the_url() {
        let t = "JAKARTA, KOMPAS.com - Dua orang tewas dalam kecelakaan di Tol Cipularang.";
        let c = clean_text(t, Some("https://www.suara.com/news/2023/05/01/kecelakaan"));
        let d = c.dateline.unwrap();
        assert!(d.tampered);
        assert_eq!(c.outlet.as_deref(), Some("Suara.com"));
        assert_eq!(c.warnings[0].code, "dateline-outlet-implausible");
        assert_eq!(
            c.text,
            "Dua orang tewas dalam kecelakaan di Tol Cipularang."
        );
    }

    #[test]
    fn unknown_sister_sites_and_group_names_are_not_flagged() {
        let t =
            "TRIBUNJATENG.COM, SEMARANG - Hujan deras merendam puluhan rumah di Kecamatan Genuk.";
        let c = clean_text(
            t,
            Some("https://www.tribunnews.com/regional/2024/01/21/banjir"),
        );
        assert!(!c.dateline.unwrap().tampered, "{:?}", c.warnings);
        let t = "JAKARTA, KOMPAS - Harga beras kembali naik di sejumlah pasar.";
        let c = clean_text(
            t,
            Some("https://www.kompas.id/baca/ekonomi/2024/02/27/harga-beras"),
        );
        assert!(!c.dateline.unwrap().tampered, "{:?}", c.warnings);
        let t = "JAKARTA, detikcom - Harga beras kembali naik di sejumlah pasar.";
        let c = clean_text(
            t,
            Some("https://www.kompas.id/baca/ekonomi/2024/02/27/harga-beras"),
        );
        assert!(c.dateline.unwrap().tampered);
    }

    #[test]
    fn wire_datelines_are_plausible_anywhere() {
        let t = "Phnom Penh (ANTARA) - Kamboja menggelar pemilihan umum pada Minggu.";
        let c = clean_text(
            t,
            Some("https://www.kompas.com/global/read/2023/07/23/pemilu"),
        );
        assert!(!c.dateline.unwrap().tampered);
        assert_eq!(c.outlet.as_deref(), Some("ANTARA"));
    }

    #[test]
    fn flags_an_outlet_in_another_script() {
        // "KОMPAS" with a Cyrillic "О".
        let t = "JAKARTA, KОMPAS.com - Harga beras naik di sejumlah pasar tradisional.";
        let c = clean_text(t, None);
        assert!(c.dateline.unwrap().tampered);
        assert!(
            c.warnings
                .iter()
                .any(|w| w.code == "dateline-outlet-implausible")
        );
        assert!(c.warnings.iter().any(|w| w.code == "mixed-script-words"));
    }

    #[test]
    fn joins_hard_wrapped_paragraphs() {
        let t = "WASHINGTON (AP) — The Senate voted on Tuesday to approve a\nsweeping defense bill that includes new sanctions on\nthe government in Myanmar, officials said.\n\nThe measure now goes to the House, where leaders have\nsaid they expect it to pass before the end of the\nmonth without major changes to the text.";
        let c = clean_text(t, None);
        assert_eq!(c.text.lines().count(), 2, "{}", c.text);
        assert!(
            c.text
                .starts_with("The Senate voted on Tuesday to approve a sweeping")
        );
        assert_eq!(c.dateline.unwrap().outlet.as_deref(), Some("AP"));
    }

    #[test]
    fn headlines_after_a_related_header_are_dropped() {
        let t = "Polisi menyita 2 kilogram sabu dari tangan tersangka.\nBACA JUGA\nKurir Sabu Ditangkap di Bandara Kualanamu\nBNN Musnahkan 50 Kg Ganja di Aceh\nTersangka kini ditahan di Polda Sumatera Utara.";
        let c = clean_text(t, None);
        assert_eq!(
            c.text,
            "Polisi menyita 2 kilogram sabu dari tangan tersangka.\nTersangka kini ditahan di Polda Sumatera Utara."
        );
        assert_eq!(c.dropped.len(), 3);
    }

    #[test]
    fn empty_and_hostile_inputs_warn() {
        let c = Cleaner::new().clean(&CleanInput::default());
        assert_eq!(c.warnings[0].code, "empty");
        let c = clean_text("\u{0000}\u{200B}\n\n***\n", None);
        assert!(c.text.is_empty());
        assert!(c.warnings.iter().any(|w| w.code == "empty"));
    }

    #[test]
    fn html_in_the_text_field_is_read_as_html() {
        let page = "<!DOCTYPE html><html><body><article><p>Ratusan warga mengungsi setelah Gunung Semeru kembali erupsi pada Minggu sore dan memuntahkan awan panas guguran sejauh tujuh kilometer.</p><p>Petugas gabungan membuka tiga posko pengungsian di balai desa dan sekolah dasar terdekat untuk menampung warga.</p></article></body></html>";
        let c = clean_text(page, None);
        assert!(c.text.starts_with("Ratusan warga mengungsi"), "{}", c.text);
        assert!(!c.text.contains('<'));
    }
}
