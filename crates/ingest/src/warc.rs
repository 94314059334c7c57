//! WARC files as Common Crawl publishes them: every record gzipped on its own (a
//! multi-member gzip file; plain `.warc` works too), `response` records holding the
//! HTTP answer. HTML pages with status 2xx become articles; requests, metadata,
//! redirects and non-HTML answers are passed over.
//!
//! The HTTP payload is undone as a browser would: chunked transfer coding and gzip or
//! deflate content coding are decoded (Common Crawl usually stores bodies decoded and
//! renames the headers; both forms are read), the charset is taken from the header or
//! a `<meta charset>`, and UTF-8, Latin-1 and Windows-1252 are decoded.
//! The publication date is the page's `article:published_time` or JSON-LD
//! `datePublished`, else the crawl date (`WARC-Date`), which is the latest it can be.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use sitrep_core::Warning;
use warc::{RecordType, WarcHeader, WarcReader};

use crate::{InputError, RawDocument, ReadOptions};

/// Whether a file name looks like a WARC file (`.warc`, `.warc.gz`, `.arc.gz` is not read).
pub fn is_warc_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    l.ends_with(".warc") || l.ends_with(".warc.gz")
}

/// Iterator over the HTML pages of a WARC file.
pub struct WarcStream {
    name: String,
    records: Option<warc::RawRecordIter<Box<dyn BufRead + Send>>>,
    index: usize,
    opts: ReadOptions,
}

/// Opens a WARC file, gzipped (detected by its magic bytes) or not.
pub fn read_warc(path: &Path, opts: &ReadOptions) -> Result<WarcStream, InputError> {
    let name = path.display().to_string();
    let mut file = File::open(path).map_err(|e| InputError {
        origin: name.clone(),
        message: format!("cannot open: {e}"),
    })?;
    let mut magic = [0u8; 2];
    let n = file.read(&mut magic).unwrap_or(0);
    let file = File::open(path).map_err(|e| InputError {
        origin: name.clone(),
        message: format!("cannot open: {e}"),
    })?;
    let reader: Box<dyn Read + Send> = if n == 2 && magic == [0x1f, 0x8b] {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
            1 << 16,
            file,
        )))
    } else {
        Box::new(file)
    };
    Ok(read_warc_from(reader, &name, opts))
}

/// Reads WARC records from any (already decompressed) reader.
pub fn read_warc_from(reader: Box<dyn Read + Send>, name: &str, opts: &ReadOptions) -> WarcStream {
    let buffered: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, reader));
    WarcStream {
        name: name.to_string(),
        records: Some(WarcReader::new(buffered).iter_raw_records()),
        index: 0,
        opts: opts.clone(),
    }
}

impl Iterator for WarcStream {
    type Item = Result<RawDocument, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = self.records.as_mut()?.next()?;
            self.index += 1;
            let origin = format!("{}#{}", self.name, self.index);
            let (header, body) = match item {
                Ok(r) => r,
                Err(e) => {
                    // The format has no resynchronisation point: stop this file.
                    self.records = None;
                    return Some(Err(InputError {
                        origin,
                        message: format!("malformed WARC record ({e}); rest of the file skipped"),
                    }));
                }
            };
            let get = |h: WarcHeader| {
                header
                    .headers
                    .get(&h)
                    .map(|v| String::from_utf8_lossy(v).trim().to_string())
            };
            let is_response = get(WarcHeader::WarcType)
                .is_some_and(|t| RecordType::from(t.as_str()) == RecordType::Response);
            let is_http = get(WarcHeader::ContentType)
                .is_none_or(|t| t.to_ascii_lowercase().contains("application/http"));
            if !is_response || !is_http {
                continue;
            }
            let url = get(WarcHeader::TargetURI).map(|u| u.trim_matches(['<', '>']).to_string());
            match page(&body, &origin, &self.opts) {
                Some(Ok(mut doc)) => {
                    doc.id = url.clone();
                    doc.url = url;
                    if doc.published.is_none() {
                        doc.published = self
                            .opts
                            .published
                            .clone()
                            .or_else(|| get(WarcHeader::Date));
                    }
                    return Some(Ok(doc));
                }
                Some(Err(e)) => return Some(Err(e)),
                None => continue,
            }
        }
    }
}

/// Turns an HTTP response into a page; `None` for answers that are not HTML pages.
fn page(http: &[u8], origin: &str, opts: &ReadOptions) -> Option<Result<RawDocument, InputError>> {
    let split = find(http, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| find(http, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&http[..split.0]);
    let mut body = http[split.0 + split.1..].to_vec();
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let content_type = header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !(content_type.contains("text/html") || content_type.contains("application/xhtml")) {
        return None;
    }
    if header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        match dechunk(&body) {
            Some(b) => body = b,
            None => {
                return Some(Err(InputError {
                    origin: origin.to_string(),
                    message: "HTTP body says chunked but the chunks are broken; skipped".into(),
                }));
            }
        }
    }
    match header("content-encoding")
        .map(|c| c.to_ascii_lowercase())
        .as_deref()
    {
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            if flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .is_err()
            {
                return Some(Err(InputError {
                    origin: origin.to_string(),
                    message: "HTTP body is not valid gzip; skipped".into(),
                }));
            }
            body = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            if flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .is_err()
            {
                out.clear();
                if flate2::read::DeflateDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .is_err()
                {
                    return Some(Err(InputError {
                        origin: origin.to_string(),
                        message: "HTTP body is not valid deflate; skipped".into(),
                    }));
                }
            }
            body = out;
        }
        _ => {}
    }
    let mut warnings = Vec::new();
    if body.len() > opts.max_doc_bytes {
        warnings.push(Warning::new(
            "truncated",
            format!(
                "{origin}: page is {} bytes; only the first {} were read",
                body.len(),
                opts.max_doc_bytes
            ),
        ));
        body.truncate(opts.max_doc_bytes);
    }
    let charset = charset_of(&content_type).or_else(|| meta_charset(&body));
    let html = decode(body, charset.as_deref(), origin, &mut warnings);
    if html.trim().is_empty() {
        return Some(Err(InputError {
            origin: origin.to_string(),
            message: "empty HTML page; skipped".into(),
        }));
    }
    Some(Ok(RawDocument {
        published: published_in(&html),
        title: title_of(&html),
        language: opts.language.clone(),
        html: Some(html),
        origin: origin.to_string(),
        warnings,
        ..RawDocument::default()
    }))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes HTTP/1.1 chunked transfer coding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if data.len() < size {
            return None;
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

fn charset_of(content_type: &str) -> Option<String> {
    let at = content_type.find("charset=")?;
    let v = content_type[at + 8..].split([';', ' ']).next()?;
    Some(v.trim_matches(['"', '\'']).to_ascii_lowercase())
}

fn meta_charset(body: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&body[..body.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let v: String = head[at + 8..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!v.is_empty()).then_some(v)
}

/// Windows-1252 code points for bytes 0x80–0x9F (Latin-1 elsewhere).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode(
    body: Vec<u8>,
    charset: Option<&str>,
    origin: &str,
    warnings: &mut Vec<Warning>,
) -> String {
    match charset {
        Some("iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "us-ascii") => body
            .into_iter()
            .map(|b| match b {
                0x80..=0x9f => CP1252_HIGH[(b - 0x80) as usize],
                _ => b as char,
            })
            .collect(),
        other => match String::from_utf8(body) {
            Ok(s) => s,
            Err(e) => {
                let bytes = e.into_bytes();
                warnings.push(Warning::new(
                    "invalid-utf8",
                    format!(
                        "{origin}: page is not valid UTF-8 (declared charset {}); bad bytes replaced",
                        other.unwrap_or("none")
                    ),
                ));
                String::from_utf8_lossy(&bytes).into_owned()
            }
        },
    }
}

fn title_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<title")?;
    let open_end = lower[start..].find('>')? + start + 1;
    let close = lower[open_end..].find("</title")? + open_end;
    let t = html[open_end..close]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!t.is_empty()).then_some(t)
}

/// The page's own publication date: `<meta property="article:published_time">` or a
/// JSON-LD `"datePublished"`.
fn published_in(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if let Some(at) = lower.find("article:published_time") {
        let tag_end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
        let tag_start = lower[..at].rfind('<').unwrap_or(at);
        let tag = &html[tag_start..tag_end];
        if let Some(c) = tag.to_ascii_lowercase().find("content=") {
            let v = &tag[c + 8..];
            let quote = v.chars().next()?;
            let v = v.trim_start_matches(quote);
            let end = v.find(quote).unwrap_or(v.len());
            return Some(v[..end].to_string());
        }
    }
    let at = lower.find("\"datepublished\"")?;
    let rest = &html[at + 15..];
    let open = rest.find('"')?;
    let v = &rest[open + 1..];
    let end = v.find('"')?;
    Some(v[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// One WARC record, gzipped on its own as Common Crawl writes them.
    pub(crate) fn record(kind: &str, url: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-06T02:00:00Z\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            payload.len() as u32 ^ kind.len() as u32,
            payload.len()
        )
        .into_bytes();
        rec.extend_from_slice(payload);
        rec.extend_from_slice(b"\r\n\r\n");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&rec).unwrap();
        enc.finish().unwrap()
    }

    fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn common_crawl_style_file_gives_html_pages_only() {
        let page = "<html><head><title>Bentrok di perbatasan</title><meta property=\"article:published_time\" content=\"2024-03-05T07:00:00+07:00\"></head><body><p>Pasukan menyerang pos.</p></body></html>";
        let mut gz = Vec::new();
        gz.extend(record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ));
        gz.extend(record(
            "request",
            "https://a.example.id/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ));
        gz.extend(record(
            "response",
            "https://a.example.id/1",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=UTF-8\r\n",
                page.as_bytes(),
            ),
        ));
        gz.extend(record(
            "response",
            "https://a.example.id/r",
            "application/http; msgtype=response",
            &http("301 Moved", "Location: /1\r\n", b""),
        ));
        gz.extend(record(
            "response",
            "https://a.example.id/x.jpg",
            "application/http; msgtype=response",
            &http("200 OK", "Content-Type: image/jpeg\r\n", b"\xff\xd8"),
        ));
        // Chunked and gzip-encoded, Latin-1.
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<html><body><p>Caf\xe9 diserang.</p></body></html>")
            .unwrap();
        let zipped = enc.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", zipped.len()).into_bytes();
        chunked.extend_from_slice(&zipped);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        gz.extend(record(
            "response",
            "https://b.example.com/2",
            "application/http; msgtype=response",
            &http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", &chunked),
        ));
        let dir = std::env::temp_dir().join(format!("sitrep-warc-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("crawl.warc.gz");
        std::fs::write(&path, &gz).unwrap();
        let docs: Vec<_> = read_warc(&path, &ReadOptions::default()).unwrap().collect();
        assert_eq!(docs.len(), 2, "{docs:?}");
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.url.as_deref(), Some("https://a.example.id/1"));
        assert_eq!(a.title.as_deref(), Some("Bentrok di perbatasan"));
        assert_eq!(a.published.as_deref(), Some("2024-03-05T07:00:00+07:00"));
        let b = docs[1].as_ref().unwrap();
        assert!(b.html.as_deref().unwrap().contains("Café diserang"));
        assert_eq!(
            b.published.as_deref(),
            Some("2024-03-06T02:00:00Z"),
            "crawl date as fallback"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn truncated_file_is_an_error_not_a_panic() {
        let rec = record(
            "response",
            "https://a.example.id/1",
            "application/http; msgtype=response",
            &http("200 OK", "Content-Type: text/html\r\n", b"<p>x</p>"),
        );
        let mut plain = Vec::new();
        flate2::read::MultiGzDecoder::new(&rec[..])
            .read_to_end(&mut plain)
            .unwrap();
        plain.truncate(plain.len() - 30);
        let out: Vec<_> = read_warc_from(
            Box::new(std::io::Cursor::new(plain)),
            "cut.warc",
            &ReadOptions::default(),
        )
        .collect();
        assert!(out.iter().all(|r| r.is_err()) && !out.is_empty(), "{out:?}");
        assert!(is_warc_name("CC-MAIN-2024.warc.gz") && !is_warc_name("a.wat.gz"));
    }
}
