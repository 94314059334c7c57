//! Streaming readers over files, directories, gzip and stdin.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use sitrep_core::Warning;

use crate::RawDocument;

/// Where documents come from.
#[derive(Debug, Clone, PartialEq)]
pub enum InputSource {
    /// A file or a directory.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl InputSource {
    /// `-` means stdin, anything else a path.
    pub fn from_arg(arg: &str) -> InputSource {
        if arg == "-" {
            InputSource::Stdin
        } else {
            InputSource::Path(PathBuf::from(arg))
        }
    }

    fn name(&self) -> String {
        match self {
            InputSource::Path(p) => p.display().to_string(),
            InputSource::Stdin => "<stdin>".to_string(),
        }
    }
}

/// Reader settings.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Longest document (or JSONL line) read; longer ones are truncated with a warning
    /// (documents) or rejected (JSONL lines), so one huge input cannot exhaust memory.
    pub max_doc_bytes: usize,
    /// Publication date for documents that carry none.
    pub published: Option<String>,
    /// Language for documents that carry none.
    pub language: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_doc_bytes: 16 * 1024 * 1024,
            published: None,
            language: None,
        }
    }
}

/// A document that could not be read: names the input (and line) and says why.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// "docs.jsonl:12", "article.txt", "<stdin>".
    pub origin: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for InputError {}

/// How one input file is interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// One article of plain text.
    Text,
    /// One HTML page.
    Html,
    /// One JSON document per line.
    Jsonl,
}

/// Iterator over the documents of one or more inputs, in order.
pub struct DocumentStream {
    opts: ReadOptions,
    /// Files still to open, with their format (None: by extension).
    pending: VecDeque<(InputSource, Option<Format>)>,
    /// JSONL file being read.
    current: Option<JsonlReader>,
}

struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// Reads `source` as documents: `jsonl` forces JSONL; otherwise the format follows
/// the extension (`.jsonl`/`.ndjson` JSONL, `.html`/`.htm` HTML, else text; `.gz` is
/// decompressed first) and directories are walked in name order.
pub fn read_path(source: InputSource, jsonl: bool, opts: ReadOptions) -> DocumentStream {
    let mut pending = VecDeque::new();
    pending.push_back((source, jsonl.then_some(Format::Jsonl)));
    DocumentStream {
        opts,
        pending,
        current: None,
    }
}

impl DocumentStream {
    /// Reads one document from an in-memory text (for tests and library users).
    pub fn next_from_jsonl_line(
        &self,
        origin: &str,
        line: &[u8],
    ) -> Option<Result<RawDocument, InputError>> {
        parse_jsonl_line(origin, line, &self.opts)
    }

    fn open(
        &mut self,
        source: InputSource,
        forced: Option<Format>,
    ) -> Option<Result<RawDocument, InputError>> {
        let name = source.name();
        if let InputSource::Path(p) = &source
            && p.is_dir()
        {
            match list_dir(p) {
                Ok(files) => {
                    for f in files.into_iter().rev() {
                        self.pending.push_front((InputSource::Path(f), forced));
                    }
                    if self.pending.is_empty() {
                        return Some(Err(err(&name, "directory holds no readable files")));
                    }
                    return None;
                }
                Err(e) => return Some(Err(err(&name, &format!("cannot list directory: {e}")))),
            }
        }
        let (reader, inner_name) = match open_reader(&source) {
            Ok(r) => r,
            Err(e) => return Some(Err(err(&name, &e))),
        };
        let format = forced.unwrap_or_else(|| format_of(&inner_name));
        match format {
            Format::Jsonl => {
                self.current = Some(JsonlReader {
                    name,
                    reader,
                    line: 0,
                });
                None
            }
            Format::Text | Format::Html => Some(read_single(&name, reader, format, &self.opts)),
        }
    }
}

impl Iterator for DocumentStream {
    type Item = Result<RawDocument, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = &mut self.current {
                match read_line_limited(&mut cur.reader, self.opts.max_doc_bytes.saturating_mul(2))
                {
                    Ok(None) => self.current = None,
                    Ok(Some(LineRead::TooLong(n))) => {
                        cur.line += 1;
                        return Some(Err(err(
                            &format!("{}:{}", cur.name, cur.line),
                            &format!(
                                "line is {} MB, over the limit; skipped (raise --max-doc-bytes)",
                                n / (1024 * 1024)
                            ),
                        )));
                    }
                    Ok(Some(LineRead::Line(bytes))) => {
                        cur.line += 1;
                        let origin = format!("{}:{}", cur.name, cur.line);
                        if let Some(doc) = parse_jsonl_line(&origin, &bytes, &self.opts) {
                            return Some(doc);
                        }
                    }
                    Err(e) => {
                        let origin = format!("{}:{}", cur.name, cur.line + 1);
                        self.current = None;
                        return Some(Err(err(
                            &origin,
                            &format!("read error: {e}; rest of the file skipped"),
                        )));
                    }
                }
                continue;
            }
            let (source, forced) = self.pending.pop_front()?;
            if let Some(item) = self.open(source, forced) {
                return Some(item);
            }
        }
    }
}

fn err(origin: &str, message: &str) -> InputError {
    InputError {
        origin: origin.to_string(),
        message: message.to_string(),
    }
}

fn list_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let p = entry?.path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn format_of(name: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        Format::Jsonl
    } else if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Opens the source, transparently decompressing `.gz`; returns the reader and the
/// name without `.gz` (to pick the format).
fn open_reader(source: &InputSource) -> Result<(Box<dyn BufRead + Send>, String), String> {
    match source {
        InputSource::Stdin => Ok((Box::new(BufReader::new(io::stdin())), "<stdin>".into())),
        InputSource::Path(p) => {
            let f = File::open(p).map_err(|e| format!("cannot open: {e}"))?;
            let name = p.display().to_string();
            if name.to_ascii_lowercase().ends_with(".gz") {
                let inner = name[..name.len() - 3].to_string();
                let dec = flate2::read::MultiGzDecoder::new(f);
                Ok((Box::new(BufReader::with_capacity(1 << 16, dec)), inner))
            } else {
                Ok((Box::new(BufReader::with_capacity(1 << 16, f)), name))
            }
        }
    }
}

fn read_single(
    name: &str,
    reader: Box<dyn BufRead + Send>,
    format: Format,
    opts: &ReadOptions,
) -> Result<RawDocument, InputError> {
    let mut buf = Vec::new();
    let limit = opts.max_doc_bytes as u64;
    let mut limited = reader.take(limit + 1);
    limited
        .read_to_end(&mut buf)
        .map_err(|e| err(name, &format!("read error: {e}")))?;
    let mut warnings = Vec::new();
    if buf.len() as u64 > limit {
        // Drain the rest to report the true size, without keeping it.
        let mut rest = limited.into_inner();
        let extra = io::copy(&mut rest, &mut io::sink()).unwrap_or(0);
        let total = buf.len() as u64 + extra - 1;
        buf.truncate(opts.max_doc_bytes);
        // Cut at the last line break so no sentence is split.
        if let Some(nl) = buf.iter().rposition(|&b| b == b'\n') {
            buf.truncate(nl + 1);
        }
        warnings.push(Warning::new(
            "truncated",
            format!(
                "{name}: document is {:.1} MB; only the first {:.1} MB were read (raise --max-doc-bytes)",
                total as f64 / 1_048_576.0,
                buf.len() as f64 / 1_048_576.0
            ),
        ));
    }
    if buf.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(err(name, "empty document (no text)"));
    }
    if looks_binary(&buf) {
        return Err(err(
            name,
            "looks like binary data, not text (NUL or control bytes); skipped",
        ));
    }
    let text = decode_utf8(name, buf, &mut warnings);
    let mut doc = RawDocument {
        origin: name.to_string(),
        published: opts.published.clone(),
        language: opts.language.clone(),
        warnings,
        ..RawDocument::default()
    };
    match format {
        Format::Html => doc.html = Some(text),
        _ => doc.text = Some(text),
    }
    Ok(doc)
}

/// Binary sniffing on the first 8 KB: NUL bytes, or more than 10% control bytes.
fn looks_binary(buf: &[u8]) -> bool {
    let head = &buf[..buf.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 10 > head.len()
}

fn decode_utf8(origin: &str, buf: Vec<u8>, warnings: &mut Vec<Warning>) -> String {
    match String::from_utf8(buf) {
        Ok(s) => s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad = String::from_utf8_lossy(&bytes).matches('\u{fffd}').count();
            warnings.push(Warning::new(
                "invalid-utf8",
                format!(
                    "{origin}: invalid UTF-8 (first at byte {at}); {bad} sequence(s) replaced with U+FFFD"
                ),
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

enum LineRead {
    Line(Vec<u8>),
    /// The line exceeded the limit; it was consumed but not kept. Holds its length.
    TooLong(usize),
}

fn read_line_limited(
    r: &mut Box<dyn BufRead + Send>,
    limit: usize,
) -> io::Result<Option<LineRead>> {
    let mut line = Vec::new();
    let mut total = 0usize;
    let mut too_long = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        total += chunk.len();
        if !too_long {
            if total > limit {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let n = chunk.len();
        r.consume(n);
        if done {
            break;
        }
    }
    Ok(Some(if too_long {
        LineRead::TooLong(total)
    } else {
        LineRead::Line(line)
    }))
}

/// The fields sitrep reads from a JSONL document; others are ignored.
#[derive(Deserialize)]
struct JsonDoc {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

/// Parses one JSONL line; `None` for a blank line.
fn parse_jsonl_line(
    origin: &str,
    line: &[u8],
    opts: &ReadOptions,
) -> Option<Result<RawDocument, InputError>> {
    let trimmed = line.trim_ascii();
    if trimmed.is_empty() {
        return None;
    }
    let mut warnings = Vec::new();
    let parsed: Result<JsonDoc, _> = match std::str::from_utf8(trimmed) {
        Ok(s) => serde_json::from_str(s),
        Err(_) => {
            let s = decode_utf8(origin, trimmed.to_vec(), &mut warnings);
            serde_json::from_str(&s)
        }
    };
    let doc = match parsed {
        Ok(d) => d,
        Err(e) => {
            let what = if e.is_syntax() || e.is_eof() {
                "malformed JSON"
            } else {
                "unexpected JSON shape"
            };
            return Some(Err(err(origin, &format!("{what}: {e}; line skipped"))));
        }
    };
    let has_text = doc.text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let has_html = doc.html.as_deref().is_some_and(|t| !t.trim().is_empty());
    if !has_text && !has_html {
        return Some(Err(err(
            origin,
            "document has neither a non-empty `text` nor `html` field; skipped",
        )));
    }
    let id = match doc.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    };
    Some(Ok(RawDocument {
        id,
        text: doc.text.filter(|_| has_text),
        html: doc.html.filter(|_| has_html),
        published: doc.published.or_else(|| opts.published.clone()),
        url: doc.url,
        title: doc.title,
        language: doc.language.or_else(|| opts.language.clone()),
        origin: origin.to_string(),
        warnings,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sitrep-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn collect(p: PathBuf, jsonl: bool, opts: ReadOptions) -> Vec<Result<RawDocument, InputError>> {
        read_path(InputSource::Path(p), jsonl, opts).collect()
    }

    #[test]
    fn jsonl_keeps_going_after_a_bad_line() {
        let p = tmp(
            "mixed.jsonl",
            b"{\"id\":\"a\",\"text\":\"Satu.\",\"published\":\"2022-09-13\"}\n{not json\n\n{\"id\":7,\"html\":\"<p>x</p>\"}\n{\"id\":\"c\"}\n",
        );
        let out = collect(p, false, ReadOptions::default());
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].as_ref().unwrap().id.as_deref(), Some("a"));
        let e = out[1].as_ref().unwrap_err();
        assert!(e.origin.ends_with("mixed.jsonl:2"), "{}", e.origin);
        assert!(e.message.contains("malformed JSON"));
        assert_eq!(out[2].as_ref().unwrap().id.as_deref(), Some("7"));
        assert!(out[2].as_ref().unwrap().html.is_some());
        assert!(out[3].as_ref().unwrap_err().message.contains("neither"));
        assert!(out[3].as_ref().unwrap_err().origin.ends_with(":5"));
    }

    #[test]
    fn binary_empty_and_invalid_utf8_files() {
        let bin = collect(
            tmp("x.bin", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2]),
            false,
            ReadOptions::default(),
        );
        assert!(bin[0].as_ref().unwrap_err().message.contains("binary"));
        let empty = collect(tmp("e.txt", b"  \n"), false, ReadOptions::default());
        assert!(empty[0].as_ref().unwrap_err().message.contains("empty"));
        let bad = collect(
            tmp("u.txt", b"Caf\xe9 Jakarta diserang."),
            false,
            ReadOptions::default(),
        );
        let doc = bad[0].as_ref().unwrap();
        assert!(doc.text.as_ref().unwrap().contains('\u{fffd}'));
        assert_eq!(doc.warnings[0].code, "invalid-utf8");
    }

    #[test]
    fn huge_documents_are_truncated_with_a_warning() {
        let mut big = Vec::new();
        for _ in 0..3000 {
            big.extend_from_slice(b"Pasukan menyerang pos militer di perbatasan.\n");
        }
        let opts = ReadOptions {
            max_doc_bytes: 10_000,
            ..ReadOptions::default()
        };
        let out = collect(tmp("big.txt", &big), false, opts.clone());
        let doc = out[0].as_ref().unwrap();
        assert!(doc.text.as_ref().unwrap().len() <= 10_000);
        assert!(doc.text.as_ref().unwrap().ends_with('\n'));
        assert_eq!(doc.warnings[0].code, "truncated");
        // A JSONL line over twice the limit is skipped, the next one read.
        let mut jl = b"{\"id\":\"huge\",\"text\":\"".to_vec();
        jl.extend(std::iter::repeat_n(b'a', 30_000));
        jl.extend_from_slice(b"\"}\n{\"id\":\"ok\",\"text\":\"Fine.\"}\n");
        let out = collect(tmp("big.jsonl", &jl), false, opts);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("over the limit")
        );
        assert_eq!(out[1].as_ref().unwrap().id.as_deref(), Some("ok"));
    }

    #[test]
    fn gzip_and_directories() {
        let dir = std::env::temp_dir().join(format!("sitrep-ingest-dir-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "Artikel satu.").unwrap();
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"{\"id\":\"z\",\"text\":\"Dua.\"}\n")
            .unwrap();
        std::fs::write(dir.join("b.jsonl.gz"), enc.finish().unwrap()).unwrap();
        std::fs::write(dir.join("c.html"), "<html><body><p>Tiga.</p></body></html>").unwrap();
        let out = collect(dir.clone(), false, ReadOptions::default());
        let docs: Vec<_> = out.into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].text.as_deref(), Some("Artikel satu."));
        assert_eq!(docs[1].id.as_deref(), Some("z"));
        assert!(docs[2].html.is_some());
    }
}
