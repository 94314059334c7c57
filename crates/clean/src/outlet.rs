//! News outlets: the names datelines use for them and the hosts that publish them
//! (the `[[outlet]]` tables of `lang/<code>/junk.toml`).

use std::collections::HashMap;

use serde::Deserialize;

use crate::junk::fold_line;

/// One `[[outlet]]` entry of a junk data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutletEntry {
    name: String,
    #[serde(default)]
    hosts: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    wire: bool,
}

/// A known outlet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outlet {
    /// Display name ("Kompas.com").
    pub name: String,
    /// Registrable hosts ("kompas.com").
    pub hosts: Vec<String>,
    /// A news agency whose copy other outlets republish.
    pub wire: bool,
}

/// Known outlets by alias and by host.
#[derive(Debug, Default)]
pub(crate) struct Outlets {
    outlets: Vec<Outlet>,
    by_alias: HashMap<String, usize>,
    by_host: HashMap<String, usize>,
}

impl Outlets {
    /// Builds the table; the first entry wins when two files name the same alias.
    pub(crate) fn new(entries: impl IntoIterator<Item = OutletEntry>) -> Outlets {
        let mut t = Outlets::default();
        for e in entries {
            let id = t.outlets.len();
            for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                t.by_alias.entry(fold_line(a)).or_insert(id);
            }
            for h in &e.hosts {
                t.by_host.entry(h.to_ascii_lowercase()).or_insert(id);
            }
            t.outlets.push(Outlet {
                name: e.name,
                hosts: e.hosts.iter().map(|h| h.to_ascii_lowercase()).collect(),
                wire: e.wire,
            });
        }
        t
    }

    /// The outlet a dateline names ("KOMPAS.com", "Reuters"), by folded alias.
    pub(crate) fn by_alias(&self, name: &str) -> Option<&Outlet> {
        self.by_alias
            .get(&fold_line(name))
            .map(|&i| &self.outlets[i])
    }

    /// The outlet that publishes on `host` or one of its parent domains.
    pub(crate) fn by_host(&self, host: &str) -> Option<&Outlet> {
        let mut h = host;
        loop {
            if let Some(&i) = self.by_host.get(h) {
                return Some(&self.outlets[i]);
            }
            match h.find('.') {
                Some(dot) if h[dot + 1..].contains('.') => h = &h[dot + 1..],
                _ => return None,
            }
        }
    }
}

/// Lower-case host of an absolute URL without "www." ("https://WWW.Kompas.com/x" →
/// "kompas.com"); `None` for anything that is not an http(s) URL with a host.
pub(crate) fn url_host(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .or_else(|| u.strip_prefix("//"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host).trim_end_matches('.');
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    if !host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    {
        return None;
    }
    let host = host.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// True when `a` and `b` are the same host or one is a subdomain of the other
/// ("news.detik.com" and "detik.com").
pub(crate) fn same_site(a: &str, b: &str) -> bool {
    a == b || a.ends_with(&format!(".{b}")) || b.ends_with(&format!(".{a}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hosts_of_urls() {
        assert_eq!(
            url_host("https://WWW.Kompas.com/read/2022/09/12/x").as_deref(),
            Some("kompas.com")
        );
        assert_eq!(
            url_host("http://news.detik.com:8080/berita?id=1").as_deref(),
            Some("news.detik.com")
        );
        assert_eq!(url_host("kompas.com/x"), None);
        assert_eq!(url_host("https://localhost/"), None);
        assert_eq!(url_host("https://exa mple.com/"), None);
    }

    #[test]
    fn finds_outlets_by_alias_and_parent_host() {
        let t = Outlets::new(
            crate::load_junk_files()
                .0
                .into_iter()
                .flat_map(|(_, f)| f.outlet),
        );
        assert_eq!(t.by_alias("KOMPAS.com").unwrap().name, "Kompas.com");
        assert_eq!(t.by_alias("Reuters").unwrap().name, "Reuters");
        assert!(t.by_alias("ANTARA").unwrap().wire);
        assert_eq!(t.by_host("news.detik.com").unwrap().name, "detikcom");
        assert!(t.by_host("example.org").is_none());
        assert!(same_site("news.detik.com", "detik.com"));
        assert!(!same_site("notdetik.com", "detik.com"));
    }
}
