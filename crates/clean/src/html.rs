//! HTML pages: main-text extraction (Mozilla Readability's algorithm, via the
//! `dom_smoothie` crate) plus the metadata a news page carries in its head.
//!
//! Hostile pages are handled before the DOM is built: oversized input is cut, and
//! pages nested deeper than any real layout (which make tree building and scoring
//! quadratic) are read by a streaming tag stripper instead.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use sitrep_core::Warning;

/// Largest HTML page read (bytes); the rest is cut with a warning. Real article pages
/// are under 2 MB; the cap bounds memory (the DOM is about ten times the source).
pub const MAX_HTML_BYTES: usize = 8 << 20;

/// Deepest element nesting given to the DOM extractor; deeper pages use the stripper.
pub const MAX_HTML_DEPTH: usize = 256;

/// What an HTML page yielded.
#[derive(Debug, Default)]
pub(crate) struct HtmlExtract {
    /// Main text, paragraphs separated by line breaks.
    pub text: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    pub lang_hint: Option<String>,
    /// Text of `<figcaption>` elements removed before extraction.
    pub captions: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Extracts the article of an HTML page; pages over `max_bytes` are cut, pages nested
/// deeper than `max_depth` are read by the stripper.
pub(crate) fn extract(
    html: &str,
    url: Option<&str>,
    max_bytes: usize,
    max_depth: usize,
) -> HtmlExtract {
    let mut out = HtmlExtract::default();
    let html = if html.len() > max_bytes {
        let cut = sitrep_core::text::floor_boundary(html, max_bytes);
        out.warnings.push(Warning::new(
            "truncated",
            format!(
                "HTML page of {} bytes cut to the first {cut} bytes",
                html.len()
            ),
        ));
        &html[..cut]
    } else {
        html
    };
    let depth = estimate_depth(html);
    if depth > max_depth {
        out.warnings.push(Warning::new(
            "html-too-deep",
            format!("HTML nests elements about {depth} deep (limit {max_depth}); read with the plain tag stripper"),
        ));
        out.text = strip_tags(html);
        return out;
    }
    let doc = Document::from(html);
    read_head(&doc, &mut out);
    for node in doc.select("figcaption").nodes() {
        let t = node.text();
        let t = t.trim();
        if !t.is_empty() {
            out.captions
                .push(t.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    doc.select("figcaption").remove();
    let abs_url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let abs_url = abs_url.filter(|u| crate::outlet::url_host(u).is_some());
    let parsed = Readability::with_document(doc, abs_url, Some(cfg)).and_then(|mut r| r.parse());
    match parsed {
        Ok(article) => {
            let title = article.title.trim();
            if !title.is_empty() {
                out.title = Some(title.to_string());
            }
            if let Some(p) = article.published_time.filter(|s| !s.trim().is_empty()) {
                out.published = Some(p);
            }
            if out.site_name.is_none() {
                out.site_name = article.site_name.filter(|s| !s.trim().is_empty());
            }
            if out.lang_hint.is_none() {
                out.lang_hint = article.lang.filter(|s| !s.trim().is_empty());
            }
            out.text = article.text_content.to_string();
        }
        Err(e) => {
            out.warnings.push(Warning::new(
                "html-extraction-failed",
                format!("no main text found by the article extractor ({e}); read with the plain tag stripper"),
            ));
            out.text = strip_tags(html);
        }
    }
    out
}

/// Reads canonical URL, site name, language and title hints from the page head.
fn read_head(doc: &Document, out: &mut HtmlExtract) {
    if let Some(href) = doc.select("link[rel=canonical]").attr("href") {
        let href = href.trim();
        if !href.is_empty() {
            out.canonical_url = Some(href.to_string());
        }
    }
    let mut og_url = None;
    let mut locale = None;
    let mut published = None;
    for node in doc.select("meta").nodes() {
        let key = node
            .attr("property")
            .or_else(|| node.attr("name"))
            .or_else(|| node.attr("http-equiv"))
            .map(|k| k.trim().to_ascii_lowercase());
        let Some(key) = key else { continue };
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        match key.as_str() {
            "og:site_name" | "application-name" if out.site_name.is_none() => {
                out.site_name = Some(content.to_string())
            }
            "og:url" => og_url = Some(content.to_string()),
            "og:locale" => locale = Some(content.to_string()),
            "article:published_time"
            | "datepublished"
            | "publishdate"
            | "pubdate"
            | "dc.date.issued"
            | "date"
            | "content_publisheddate"
                if published.is_none() =>
            {
                published = Some(content.to_string())
            }
            "content-language" | "language" | "dc.language" => {
                out.lang_hint = Some(content.to_string())
            }
            _ => {}
        }
    }
    if out.canonical_url.is_none() {
        out.canonical_url = og_url;
    }
    out.published = published;
    if out.lang_hint.is_none() {
        out.lang_hint = doc
            .select("html")
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .or(locale);
    }
}

/// Elements whose end tag may be left out: they never deepen the tree for long.
fn optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"colgroup"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"html"
            | b"head"
            | b"body"
    )
}

fn void_element(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"frame"
            | b"keygen"
    )
}

fn raw_text_element(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noscript" | b"template"
    )
}

/// Reads one tag starting at `html[i] == '<'`: (is_end, lower-case name, index after '>').
fn read_tag(b: &[u8], i: usize) -> Option<(bool, Vec<u8>, usize, bool)> {
    let mut j = i + 1;
    let end_tag = b.get(j) == Some(&b'/');
    if end_tag {
        j += 1;
    }
    let name_start = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
        j += 1;
    }
    if j == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = b[name_start..j].to_ascii_lowercase();
    // Skip attributes, honouring quotes.
    let mut quote = 0u8;
    while j < b.len() {
        let c = b[j];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            let self_closing = j > 0 && b[j - 1] == b'/';
            return Some((end_tag, name, j + 1, self_closing));
        }
        j += 1;
    }
    Some((end_tag, name, b.len(), false))
}

/// Estimates the element nesting depth from the tag stream alone, in one linear pass.
pub(crate) fn estimate_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        i += k;
        if b[i..].starts_with(b"<!--") {
            i = find_from(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        match read_tag(b, i) {
            None => i += 1,
            Some((end_tag, name, next, self_closing)) => {
                i = next;
                if optional_end(&name) || void_element(&name) || self_closing {
                    continue;
                }
                if end_tag {
                    depth = depth.saturating_sub(1);
                } else if raw_text_element(&name) {
                    i = skip_raw_text(b, i, &name);
                } else {
                    depth += 1;
                    max = max.max(depth);
                }
            }
        }
    }
    max
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Index after the end tag closing a raw-text element (or the end of input).
fn skip_raw_text(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = b.get(i..).and_then(|s| s.iter().position(|&c| c == b'<')) {
        i += k;
        if b.get(i + 1) == Some(&b'/')
            && b.len() >= i + 2 + name.len()
            && b[i + 2..i + 2 + name.len()].eq_ignore_ascii_case(name)
        {
            return b[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(b.len(), |e| i + e + 1);
        }
        i += 1;
    }
    b.len()
}

fn block_element(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"div"
            | b"br"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"table"
            | b"article"
            | b"section"
            | b"header"
            | b"footer"
            | b"aside"
            | b"nav"
            | b"blockquote"
            | b"figure"
            | b"figcaption"
            | b"pre"
            | b"hr"
            | b"dd"
            | b"dt"
            | b"main"
            | b"form"
            | b"body"
    )
}

/// Streaming fallback: the text of the page body, one block element per line. Used for
/// pages the DOM extractor cannot or should not read; junk-line rules still apply.
pub(crate) fn strip_tags(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 4);
    let mut i = 0;
    let mut text_start = 0;
    let mut in_head = false;
    let push_text = |out: &mut String, from: usize, to: usize, in_head: bool| {
        if !in_head && from < to {
            out.push_str(&html[from..to]);
        }
    };
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + k;
        if b[lt..].starts_with(b"<!--") {
            push_text(&mut out, text_start, lt, in_head);
            i = find_from(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            text_start = i;
            continue;
        }
        match read_tag(b, lt) {
            None => i = lt + 1,
            Some((end_tag, name, next, _)) => {
                push_text(&mut out, text_start, lt, in_head);
                i = next;
                if name == b"head" {
                    in_head = !end_tag;
                } else if name == b"body" {
                    in_head = false;
                }
                if !end_tag && raw_text_element(&name) {
                    i = skip_raw_text(b, i, &name);
                } else if block_element(&name) {
                    out.push('\n');
                } else {
                    out.push(' ');
                }
                text_start = i;
            }
        }
    }
    push_text(&mut out, text_start, b.len(), in_head);
    // Tag boundaries never split a UTF-8 sequence ('<' and '>' are ASCII), so every
    // slice above is valid.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="id"><head>
<title>Banjir Rendam Tiga Kecamatan di Bekasi - Kompas.com</title>
<meta property="og:site_name" content="KOMPAS.com">
<meta property="article:published_time" content="2023-01-05T09:15:00+07:00">
<link rel="canonical" href="https://megapolitan.kompas.com/read/2023/01/05/banjir">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Banjir Rendam Tiga Kecamatan di Bekasi</h1>
<figure><img src="a.jpg"><figcaption>Warga melintasi banjir di Bekasi. (KOMPAS.com/Firman)</figcaption></figure>
<p>BEKASI, KOMPAS.com - Banjir merendam ratusan rumah di tiga kecamatan di Kota Bekasi, Jawa Barat, pada Kamis (5/1/2023) pagi setelah hujan deras mengguyur sejak Rabu malam.</p>
<p>Kepala Badan Penanggulangan Bencana Daerah (BPBD) Kota Bekasi mengatakan ketinggian air mencapai 80 sentimeter di beberapa titik permukiman warga.</p>
<p>"Kami sudah mengevakuasi sekitar 300 warga ke posko pengungsian di masjid dan sekolah terdekat," kata dia saat dihubungi.</p>
<p>Baca juga: Jakarta Siaga Banjir, 20 Pompa Disiagakan</p>
<p>Menurut dia, tidak ada korban jiwa dalam peristiwa tersebut, tetapi sejumlah warga mengalami luka ringan saat mengungsi.</p>
</article>
<footer>Copyright 2023 Kompas.com</footer>
</body></html>"#;

    #[test]
    fn extracts_article_and_head_metadata() {
        let x = extract(
            PAGE,
            Some("https://megapolitan.kompas.com/read/2023/01/05/banjir"),
            MAX_HTML_BYTES,
            MAX_HTML_DEPTH,
        );
        assert!(x.warnings.is_empty(), "{:?}", x.warnings);
        assert!(
            x.text.contains("Banjir merendam ratusan rumah"),
            "{}",
            x.text
        );
        assert!(x.text.contains("sejumlah warga mengalami luka ringan"));
        assert!(!x.text.contains("Home"), "{}", x.text);
        assert!(!x.text.contains("Warga melintasi banjir"));
        assert_eq!(
            x.captions,
            vec!["Warga melintasi banjir di Bekasi. (KOMPAS.com/Firman)"]
        );
        assert_eq!(x.site_name.as_deref(), Some("KOMPAS.com"));
        assert_eq!(x.lang_hint.as_deref(), Some("id"));
        assert_eq!(
            x.canonical_url.as_deref(),
            Some("https://megapolitan.kompas.com/read/2023/01/05/banjir")
        );
        assert_eq!(x.published.as_deref(), Some("2023-01-05T09:15:00+07:00"));
        assert!(x.title.unwrap().starts_with("Banjir Rendam Tiga Kecamatan"));
    }

    #[test]
    fn deep_pages_use_the_stripper() {
        let html = format!(
            "<html><body>{}<p>Isi berita tetap terbaca.</p>{}</body></html>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        assert!(estimate_depth(&html) > MAX_HTML_DEPTH);
        let x = extract(&html, None, MAX_HTML_BYTES, MAX_HTML_DEPTH);
        assert_eq!(x.warnings[0].code, "html-too-deep");
        assert!(x.text.contains("Isi berita tetap terbaca."));
    }

    #[test]
    fn depth_ignores_unclosed_paragraphs_and_scripts() {
        let html = format!(
            "<html><body>{}<script>{}</script></body></html>",
            "<p>satu".repeat(1000),
            "<div>".repeat(1000)
        );
        assert!(estimate_depth(&html) < 5);
    }

    #[test]
    fn stripper_keeps_blocks_and_skips_scripts() {
        let t = strip_tags(
            "<head><title>T</title></head><body><p>Satu <b>dua</b></p><script>var x='<p>';</script><!-- c --><p>Tiga</p></body>",
        );
        let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, vec!["Satu  dua", "Tiga"]);
    }
}
