//! RSS and Atom feeds (files or URLs) as articles.
//!
//! A feed entry becomes a [`RawDocument`]: its link is its id and URL, its full content
//! (`content:encoded`, Atom `content`) or else its summary is the text (HTML when the
//! feed says so). Feeds that carry only teasers can have each linked page fetched
//! instead ([`Fetcher`], feature `fetch`).
//!
//! Fetching is polite: http(s) only, a clear User-Agent, one request per host at a
//! time with a pause between requests to the same host, conditional GET
//! (`If-None-Match`/`If-Modified-Since`) so an unchanged feed costs one short answer,
//! robots.txt honoured for article pages, bounded body sizes and timeouts.

use sitrep_core::Warning;

use crate::{InputError, RawDocument, ReadOptions};

/// Whether the bytes look like an RSS, RSS 1.0 (RDF) or Atom document.
pub fn looks_like_feed(head: &[u8]) -> bool {
    let n = head.len().min(2048);
    let s = String::from_utf8_lossy(&head[..n]).to_ascii_lowercase();
    let s = s.trim_start_matches('\u{feff}').trim_start();
    (s.starts_with("<?xml") || s.starts_with('<'))
        && (s.contains("<rss") || s.contains("<feed") || s.contains("<rdf:rdf"))
}

/// Parses a feed document into one article per entry. `origin` names the feed (file
/// or URL) in messages; entries are `origin#N` (N from 1). An entry with a link but no
/// text comes back without `text` and `html`, for the caller to fetch the page or
/// report; one with neither is an error in the list, not a failure of the feed.
pub fn parse_feed(
    bytes: &[u8],
    origin: &str,
    opts: &ReadOptions,
) -> Result<Vec<Result<RawDocument, InputError>>, InputError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| InputError {
        origin: origin.to_string(),
        message: format!("not a readable RSS/Atom feed: {e}"),
    })?;
    let feed_lang = feed.language.as_deref().map(short_language);
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let entry_origin = format!("{origin}#{}", i + 1);
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let (body, is_html) = match (&entry.content, &entry.summary) {
            (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                let html = c.content_type.to_string().contains("html");
                (c.body.clone().unwrap_or_default(), html)
            }
            (_, Some(s)) if !s.content.trim().is_empty() => {
                let html = s.content_type.to_string().contains("html") || s.content.contains("</");
                (s.content.clone(), html)
            }
            _ => (String::new(), false),
        };
        let mut warnings = Vec::new();
        if body.len() > opts.max_doc_bytes {
            warnings.push(Warning::new(
                "truncated",
                format!(
                    "{entry_origin}: entry is {} bytes; only the first {} were read",
                    body.len(),
                    opts.max_doc_bytes
                ),
            ));
        }
        let body = truncate_at_char(body, opts.max_doc_bytes);
        let doc = RawDocument {
            id: url
                .clone()
                .or_else(|| (!entry.id.is_empty()).then(|| entry.id.clone())),
            text: (!is_html && !body.trim().is_empty()).then(|| body.clone()),
            html: (is_html && !body.trim().is_empty()).then_some(body),
            published: entry
                .published
                .or(entry.updated)
                .map(|d| d.to_rfc3339())
                .or_else(|| opts.published.clone()),
            url,
            title: entry
                .title
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            language: entry
                .language
                .as_deref()
                .map(short_language)
                .or_else(|| feed_lang.clone())
                .or_else(|| opts.language.clone()),
            origin: entry_origin.clone(),
            warnings,
        };
        if doc.text.is_none() && doc.html.is_none() && doc.url.is_none() {
            out.push(Err(InputError {
                origin: entry_origin,
                message: "feed entry has neither text nor a link; skipped".to_string(),
            }));
            continue;
        }
        out.push(Ok(doc));
    }
    Ok(out)
}

/// "en-US" → "en".
fn short_language(l: &str) -> String {
    l.split(['-', '_'])
        .next()
        .unwrap_or(l)
        .trim()
        .to_ascii_lowercase()
}

fn truncate_at_char(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// Checks that a URL is one sitrep may fetch: `http://` or `https://` with a host.
pub fn check_url(url: &str) -> Result<(), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("{url}: only http:// and https:// URLs are fetched"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("{url}: URL has no host"));
    }
    Ok(())
}

/// Host (with port) of an http(s) URL, for per-host pacing and robots.txt.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// A robots.txt group: its user agents and its (allow, path pattern) rules.
type RobotsGroup = (Vec<String>, Vec<(bool, String)>);

/// Whether robots.txt (`body`) lets agent `agent` fetch `path`: the group naming the
/// agent, else `*`; the longest matching `Allow`/`Disallow` prefix wins (RFC 9309),
/// with `*` and `$` patterns.
pub fn robots_allows(body: &str, agent: &str, path: &str) -> bool {
    let agent = agent.to_ascii_lowercase();
    // Parse groups: (agents, rules).
    let mut groups: Vec<RobotsGroup> = Vec::new();
    let mut in_agents = false;
    for raw in body.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim().to_string());
        match key.as_str() {
            "user-agent" => {
                if !in_agents {
                    groups.push((Vec::new(), Vec::new()));
                    in_agents = true;
                }
                if let Some(g) = groups.last_mut() {
                    g.0.push(value.to_ascii_lowercase());
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                if let Some(g) = groups.last_mut()
                    && !value.is_empty()
                {
                    g.1.push((key == "allow", value));
                }
            }
            _ => {}
        }
    }
    let mine = groups
        .iter()
        .find(|(agents, _)| {
            agents
                .iter()
                .any(|a| a != "*" && agent.contains(a.as_str()))
        })
        .or_else(|| {
            groups
                .iter()
                .find(|(agents, _)| agents.iter().any(|a| a == "*"))
        });
    let Some((_, rules)) = mine else {
        return true;
    };
    let mut best: Option<(usize, bool)> = None;
    for (allow, pattern) in rules {
        if robots_match(pattern, path) {
            let len = pattern.len();
            if best.is_none_or(|(l, a)| len > l || (len == l && *allow && !a)) {
                best = Some((len, *allow));
            }
        }
    }
    best.is_none_or(|(_, allow)| allow)
}

fn robots_match(pattern: &str, path: &str) -> bool {
    let anchored = pattern.ends_with('$');
    let pattern = pattern.trim_end_matches('$');
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(part) {
                return false;
            }
            pos = part.len();
        } else if let Some(found) = path[pos..].find(part) {
            pos += found + part.len();
        } else {
            return false;
        }
    }
    !anchored || pos == path.len() || parts.last().is_some_and(|p| p.is_empty())
}

#[cfg(feature = "fetch")]
pub use fetch::{FetchOptions, Fetched, Fetcher};

#[cfg(feature = "fetch")]
mod fetch {
    use std::collections::HashMap;
    use std::time::{Duration, Instant};

    use super::{check_url, host_of, robots_allows};

    /// Fetcher settings.
    #[derive(Debug, Clone)]
    pub struct FetchOptions {
        /// Sent as `User-Agent`.
        pub user_agent: String,
        /// Pause between two requests to the same host.
        pub min_delay: Duration,
        /// Whole-request timeout.
        pub timeout: Duration,
        /// Largest body read.
        pub max_bytes: u64,
    }

    impl Default for FetchOptions {
        fn default() -> Self {
            FetchOptions {
                user_agent: format!(
                    "sitrep/{} (+https://github.com/sitrep-events/sitrep; news event extraction)",
                    env!("CARGO_PKG_VERSION")
                ),
                min_delay: Duration::from_secs(1),
                timeout: Duration::from_secs(30),
                max_bytes: 16 * 1024 * 1024,
            }
        }
    }

    /// A successful answer.
    #[derive(Debug, Clone, PartialEq)]
    pub enum Fetched {
        /// 304: unchanged since the validators given.
        NotModified,
        /// 200 with the body and the validators for next time.
        Body {
            /// Response body.
            bytes: Vec<u8>,
            /// `ETag` header.
            etag: Option<String>,
            /// `Last-Modified` header.
            last_modified: Option<String>,
            /// `Content-Type` header.
            content_type: Option<String>,
        },
    }

    /// A polite HTTP(S) client: paces requests per host and remembers robots.txt.
    pub struct Fetcher {
        agent: ureq::Agent,
        opts: FetchOptions,
        last_request: HashMap<String, Instant>,
        robots: HashMap<String, Option<String>>,
    }

    impl Fetcher {
        /// A fetcher with the given settings.
        pub fn new(opts: FetchOptions) -> Fetcher {
            let config = ureq::Agent::config_builder()
                .timeout_global(Some(opts.timeout))
                .user_agent(opts.user_agent.as_str())
                .http_status_as_error(false)
                .max_redirects(5)
                .build();
            Fetcher {
                agent: config.into(),
                opts,
                last_request: HashMap::new(),
                robots: HashMap::new(),
            }
        }

        fn pace(&mut self, host: &str) {
            if let Some(t) = self.last_request.get(host) {
                let since = t.elapsed();
                if since < self.opts.min_delay {
                    std::thread::sleep(self.opts.min_delay - since);
                }
            }
            self.last_request.insert(host.to_string(), Instant::now());
        }

        /// GETs `url`, sending the validators of the previous fetch when given.
        pub fn get(
            &mut self,
            url: &str,
            etag: Option<&str>,
            last_modified: Option<&str>,
        ) -> Result<Fetched, String> {
            check_url(url)?;
            let host = host_of(url).ok_or_else(|| format!("{url}: URL has no host"))?;
            self.pace(&host);
            let mut req = self.agent.get(url);
            if let Some(e) = etag {
                req = req.header("If-None-Match", e);
            }
            if let Some(m) = last_modified {
                req = req.header("If-Modified-Since", m);
            }
            let mut resp = req.call().map_err(|e| format!("{url}: {e}"))?;
            let status = resp.status().as_u16();
            let header = |name: &str| {
                resp.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            match status {
                304 => Ok(Fetched::NotModified),
                200..=299 => {
                    let etag = header("etag");
                    let last_modified = header("last-modified");
                    let content_type = header("content-type");
                    let bytes = resp
                        .body_mut()
                        .with_config()
                        .limit(self.opts.max_bytes)
                        .read_to_vec()
                        .map_err(|e| format!("{url}: reading the body failed: {e}"))?;
                    Ok(Fetched::Body {
                        bytes,
                        etag,
                        last_modified,
                        content_type,
                    })
                }
                429 | 503 => Err(format!(
                    "{url}: server asks to slow down (HTTP {status}{}); try again later",
                    header("retry-after")
                        .map(|r| format!(", Retry-After {r}"))
                        .unwrap_or_default()
                )),
                _ => Err(format!("{url}: HTTP {status}")),
            }
        }

        /// Whether the site's robots.txt lets sitrep fetch this page (fetched once per host;
        /// a missing or unreadable robots.txt allows everything).
        pub fn allowed(&mut self, url: &str) -> bool {
            let Some(host) = host_of(url) else {
                return false;
            };
            if !self.robots.contains_key(&host) {
                let scheme = if url.starts_with("https://") {
                    "https"
                } else {
                    "http"
                };
                let robots_url = format!("{scheme}://{host}/robots.txt");
                let body = match self.get(&robots_url, None, None) {
                    Ok(Fetched::Body { bytes, .. }) => {
                        Some(String::from_utf8_lossy(&bytes).into_owned())
                    }
                    _ => None,
                };
                self.robots.insert(host.clone(), body);
            }
            let path = url
                .split_once("://")
                .map(|(_, r)| r)
                .and_then(|r| r.find('/').map(|i| &r[i..]))
                .unwrap_or("/");
            match self.robots.get(&host) {
                Some(Some(body)) => robots_allows(body, "sitrep", path),
                _ => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Berita Nasional</title><language>id-ID</language>
  <item>
    <title>KKB serang pos TNI di Intan Jaya</title>
    <link>https://regional.example.co.id/read/2024/03/05/kkb-serang-pos</link>
    <guid>https://regional.example.co.id/read/2024/03/05/kkb-serang-pos</guid>
    <pubDate>Tue, 05 Mar 2024 08:00:00 +0700</pubDate>
    <content:encoded><![CDATA[<p>Kelompok kriminal bersenjata menyerang pos TNI di Sugapa pada Senin malam.</p>]]></content:encoded>
  </item>
  <item>
    <title>Hanya tautan</title>
    <link>https://regional.example.co.id/read/2024/03/05/tautan</link>
  </item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>World desk</title><id>urn:x</id><updated>2024-03-05T10:00:00Z</updated>
  <entry>
    <title>Troops clash on the border</title>
    <id>urn:uuid:1</id>
    <link href="https://news.example.com/world/clash"/>
    <updated>2024-03-05T09:00:00Z</updated>
    <summary>Thai and Cambodian troops clashed near the border on Monday, officials said.</summary>
  </entry>
</feed>"#;

    #[test]
    fn rss_entries_become_articles() {
        assert!(looks_like_feed(RSS.as_bytes()));
        assert!(!looks_like_feed(b"<html><body>x</body></html>"));
        let docs = parse_feed(RSS.as_bytes(), "nasional.xml", &ReadOptions::default()).unwrap();
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(
            d.url.as_deref(),
            Some("https://regional.example.co.id/read/2024/03/05/kkb-serang-pos")
        );
        assert_eq!(d.id, d.url);
        assert!(d.html.as_deref().unwrap().contains("menyerang pos TNI"));
        assert_eq!(d.language.as_deref(), Some("id"));
        assert!(
            d.published
                .as_deref()
                .unwrap()
                .starts_with("2024-03-05T01:00:00")
        );
        assert_eq!(d.origin, "nasional.xml#1");
        // A link-only entry is kept (with its link) for page fetching, without text.
        let link_only = docs[1].as_ref().unwrap();
        assert!(link_only.text.is_none() && link_only.html.is_none());
    }

    #[test]
    fn atom_summary_is_text() {
        let docs = parse_feed(ATOM.as_bytes(), "world.atom", &ReadOptions::default()).unwrap();
        let d = docs[0].as_ref().unwrap();
        assert!(
            d.text
                .as_deref()
                .unwrap()
                .starts_with("Thai and Cambodian troops")
        );
        assert_eq!(d.language.as_deref(), Some("en"));
        assert_eq!(d.title.as_deref(), Some("Troops clash on the border"));
    }

    #[test]
    fn broken_feed_is_a_clear_error() {
        let e =
            parse_feed(b"<rss><channel><item>", "bad.xml", &ReadOptions::default()).unwrap_err();
        assert_eq!(e.origin, "bad.xml");
        assert!(
            e.message.contains("not a readable RSS/Atom feed"),
            "{}",
            e.message
        );
    }

    #[test]
    fn only_http_urls_are_fetched() {
        assert!(check_url("https://example.com/feed").is_ok());
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("http://").is_err());
        assert_eq!(
            host_of("https://user@Example.com:8080/x").as_deref(),
            Some("example.com:8080")
        );
    }

    #[test]
    fn robots_rules_longest_match_wins() {
        let robots = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n\nUser-agent: BadBot\nDisallow: /\n";
        assert!(robots_allows(robots, "sitrep", "/news/1"));
        assert!(!robots_allows(robots, "sitrep", "/private/x"));
        assert!(robots_allows(robots, "sitrep", "/private/open/1"));
        assert!(!robots_allows(robots, "badbot/2", "/news"));
        assert!(!robots_allows(
            "User-agent: *\nDisallow: /*.pdf$\n",
            "sitrep",
            "/a/b.pdf"
        ));
        assert!(robots_allows(
            "User-agent: *\nDisallow: /*.pdf$\n",
            "sitrep",
            "/a/b.pdf?x"
        ));
        assert!(robots_allows("", "sitrep", "/"));
    }
}
