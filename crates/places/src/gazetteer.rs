//! The gazetteer: an `fst` map from folded names to posting lists, over a fixed-width
//! record table. Both live in two byte slices that are used in place (zero-copy), so
//! loading is a header check and a lookup touches a handful of cache lines.
//!
//! `records.bin` layout (all integers little-endian):
//!
//! ```text
//! header   magic "SRGAZ001", then u32 counts/lengths: records, countries, features, langs,
//!          strings_len, postings_len
//! records  records × 32 bytes: geonameid u32, lat i32 (1e-5 deg), lon i32, population u32,
//!          name offset u32 (into strings), admin1 u32, admin2 u32 (record index or
//!          u32::MAX), country u16 (index into countries or u16::MAX), feature u8,
//!          number of names u8 (capped; a prominence signal)
//! countries  countries × 12 bytes: iso2 [2], iso3 [3], pad [3], record u32
//! features   features × u32: offset into strings
//! langs      langs × 2 bytes: ISO 639-1 codes, bit i of a posting's language mask
//! strings    u8 length + UTF-8 bytes, concatenated
//! postings   per key: varint count, then per entry varint record delta and one byte
//!            (name kind in bits 0-1, language mask in bits 2-7)
//! ```

use std::collections::HashMap;

use fst::Map;
use fst::raw::{Fst, Node};

use crate::PlacesError;

/// File magic and format version.
pub const MAGIC: &[u8; 8] = b"SRGAZ001";
/// Bytes per record.
pub const RECORD_SIZE: usize = 32;
/// Bytes per country row.
pub const COUNTRY_SIZE: usize = 12;
/// "No record" / "no country" sentinel.
pub const NONE_U32: u32 = u32::MAX;
const HEADER_SIZE: usize = 8 + 6 * 4;

/// How a name belongs to a record: decides how much a match on it is trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameKind {
    /// The record's own (GeoNames main) name.
    Primary,
    /// A localized name (exonym) in the languages of the posting's mask.
    Localized,
    /// An alternate name from GeoNames or our curated layer, any language.
    Alternate,
    /// An abbreviation ("US", "UK", "AS"): only matched when written in capitals.
    Abbreviation,
}

impl NameKind {
    /// Code used in the build tables (P, L, A, C).
    pub fn from_code(code: &str) -> Option<NameKind> {
        match code {
            "P" => Some(NameKind::Primary),
            "L" => Some(NameKind::Localized),
            "A" => Some(NameKind::Alternate),
            "C" => Some(NameKind::Abbreviation),
            _ => None,
        }
    }

    pub(crate) fn bits(self) -> u8 {
        match self {
            NameKind::Primary => 0,
            NameKind::Localized => 1,
            NameKind::Alternate => 2,
            NameKind::Abbreviation => 3,
        }
    }

    fn from_bits(b: u8) -> NameKind {
        match b & 3 {
            0 => NameKind::Primary,
            1 => NameKind::Localized,
            2 => NameKind::Alternate,
            _ => NameKind::Abbreviation,
        }
    }
}

/// One entry of a posting list: a record that carries the looked-up name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Record index.
    pub record: u32,
    /// How the name belongs to the record.
    pub kind: NameKind,
    /// Languages the name is tagged with (bit i = `Gazetteer::langs()[i]`); 0 = any.
    pub langs: u8,
}

/// A decoded record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record<'a> {
    /// Index in the record table (stable within one gazetteer build).
    pub index: u32,
    /// GeoNames id; `None` for admin divisions and curated features without one.
    pub geonameid: Option<u64>,
    /// Canonical name.
    pub name: &'a str,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population (for admin divisions: sum over member towns; curated: a weight).
    pub population: u32,
    /// First-level division record.
    pub admin1: Option<u32>,
    /// Second-level division record.
    pub admin2: Option<u32>,
    /// Country row.
    pub country: Option<u16>,
    /// GeoNames feature code ("PPL", "PPLC", "ADM1", "PCLI", "RGN", ...).
    pub feature: &'a str,
    /// How many names the record has (capped at 255): famous places have many.
    pub names: u8,
}

/// Feature groups the resolver reasons with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatureClass {
    /// Country (PCLI).
    Country,
    /// Continent or world region, sea, strait: bigger than a country or not in one.
    Region,
    /// First-level division.
    Admin1,
    /// Second-level division or curated district, island, border area.
    Admin2,
    /// Capital city.
    Capital,
    /// Any other populated place.
    Town,
    /// Seat of government (Kremlin, White House).
    Seat,
}

impl Record<'_> {
    /// Coarse class of the feature code.
    pub fn class(&self) -> FeatureClass {
        feature_class(self.feature)
    }
}

/// Coarse class of a GeoNames feature code.
pub fn feature_class(code: &str) -> FeatureClass {
    match code {
        "PCLI" | "PCLD" | "PCLS" | "PCLF" | "PCL" => FeatureClass::Country,
        "CONT" | "RGN" | "SEA" | "GULF" | "STRT" | "OCN" | "PEN" => FeatureClass::Region,
        "ADM1" => FeatureClass::Admin1,
        "ADM2" | "ADMD" | "ISL" | "AREA" => FeatureClass::Admin2,
        "PPLC" => FeatureClass::Capital,
        "ADMF" => FeatureClass::Seat,
        _ => FeatureClass::Town,
    }
}

/// Whether a GeoNames feature code names a building or compound (mosque, temple, camp,
/// base, airport): "the Al-Aqsa compound" is that site, unlike "Jalan Sumatra", a street
/// named after a place.
pub fn is_site_feature(code: &str) -> bool {
    matches!(
        code,
        "MSQE"
            | "TMPL"
            | "CH"
            | "SHRN"
            | "CMPRF"
            | "CMP"
            | "AIRB"
            | "AIRP"
            | "MILB"
            | "PRN"
            | "PAL"
    )
}

/// A country row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country<'a> {
    /// ISO 3166-1 alpha-2.
    pub iso2: &'a str,
    /// ISO 3166-1 alpha-3 (KOS for Kosovo).
    pub iso3: &'a str,
    /// The country's own record.
    pub record: u32,
}

/// The embedded gazetteer. Cheap to open; all lookups borrow from the static bytes.
pub struct Gazetteer {
    names: Map<&'static [u8]>,
    bytes: &'static [u8],
    n_records: usize,
    n_countries: usize,
    n_features: usize,
    n_langs: usize,
    off_records: usize,
    off_countries: usize,
    off_features: usize,
    off_langs: usize,
    off_strings: usize,
    off_postings: usize,
    strings_len: usize,
    postings_len: usize,
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

impl Gazetteer {
    /// Opens a gazetteer over an fst and a record table (both checked for consistency).
    pub fn from_bytes(
        fst_bytes: &'static [u8],
        records: &'static [u8],
    ) -> Result<Gazetteer, PlacesError> {
        let bad = |m: &str| PlacesError::Corrupt(m.to_string());
        if records.len() < HEADER_SIZE || &records[..8] != MAGIC {
            return Err(bad("records.bin: wrong magic or version"));
        }
        let h = |k: usize| u32_at(records, 8 + 4 * k) as usize;
        let (n_records, n_countries, n_features, n_langs, strings_len, postings_len) =
            (h(0), h(1), h(2), h(3), h(4), h(5));
        let off_records = HEADER_SIZE;
        let off_countries = off_records + n_records * RECORD_SIZE;
        let off_features = off_countries + n_countries * COUNTRY_SIZE;
        let off_langs = off_features + n_features * 4;
        let off_strings = off_langs + n_langs * 2;
        let off_postings = off_strings + strings_len;
        if off_postings + postings_len != records.len() {
            return Err(bad("records.bin: section lengths do not add up"));
        }
        let names =
            Map::new(fst_bytes).map_err(|e| PlacesError::Corrupt(format!("names.fst: {e}")))?;
        Ok(Gazetteer {
            names,
            bytes: records,
            n_records,
            n_countries,
            n_features,
            n_langs,
            off_records,
            off_countries,
            off_features,
            off_langs,
            off_strings,
            off_postings,
            strings_len,
            postings_len,
        })
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.n_records
    }

    /// True when the gazetteer has no records.
    pub fn is_empty(&self) -> bool {
        self.n_records == 0
    }

    /// Number of distinct folded names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The raw fst, for incremental (token by token) matching.
    pub fn fst(&self) -> &Fst<&'static [u8]> {
        self.names.as_fst()
    }

    /// Languages of the posting masks, in bit order.
    pub fn langs(&self) -> Vec<&'static str> {
        (0..self.n_langs)
            .map(|i| {
                let o = self.off_langs + 2 * i;
                std::str::from_utf8(&self.bytes[o..o + 2]).unwrap_or("xx")
            })
            .collect()
    }

    /// Bit of a language in posting masks, if the gazetteer has names tagged with it.
    pub fn lang_bit(&self, lang: &str) -> Option<u8> {
        self.langs()
            .iter()
            .position(|l| *l == lang)
            .map(|i| 1u8 << i)
    }

    fn string(&self, off: u32) -> &'static str {
        let o = off as usize;
        if o >= self.strings_len {
            return "";
        }
        let base = self.off_strings + o;
        let len = self.bytes[base] as usize;
        let end = (base + 1 + len).min(self.off_strings + self.strings_len);
        std::str::from_utf8(&self.bytes[base + 1..end]).unwrap_or("")
    }

    /// Record `index` (panics never: out-of-range indexes give `None`).
    pub fn record(&self, index: u32) -> Option<Record<'static>> {
        let i = index as usize;
        if i >= self.n_records {
            return None;
        }
        let b: &'static [u8] = self.bytes;
        let o = self.off_records + i * RECORD_SIZE;
        let gid = u32_at(b, o);
        let opt = |v: u32| (v != NONE_U32).then_some(v);
        let country = u16::from_le_bytes([b[o + 28], b[o + 29]]);
        let feature_idx = b[o + 30] as usize;
        let feature = if feature_idx < self.n_features {
            self.string(u32_at(b, self.off_features + 4 * feature_idx))
        } else {
            ""
        };
        Some(Record {
            index,
            geonameid: (gid != 0).then_some(gid as u64),
            lat: u32_at(b, o + 4) as i32 as f64 / 1e5,
            lon: u32_at(b, o + 8) as i32 as f64 / 1e5,
            population: u32_at(b, o + 12),
            name: self.string(u32_at(b, o + 16)),
            admin1: opt(u32_at(b, o + 20)),
            admin2: opt(u32_at(b, o + 24)),
            country: (country != u16::MAX).then_some(country),
            feature,
            names: b[o + 31],
        })
    }

    /// Country row `index`.
    pub fn country(&self, index: u16) -> Option<Country<'static>> {
        let i = index as usize;
        if i >= self.n_countries {
            return None;
        }
        let b: &'static [u8] = self.bytes;
        let o = self.off_countries + i * COUNTRY_SIZE;
        Some(Country {
            iso2: std::str::from_utf8(&b[o..o + 2]).unwrap_or("??"),
            iso3: std::str::from_utf8(&b[o + 2..o + 5]).unwrap_or("???"),
            record: u32_at(b, o + 8),
        })
    }

    /// Country row of an ISO alpha-2 or alpha-3 code.
    pub fn country_by_code(&self, code: &str) -> Option<u16> {
        (0..self.n_countries as u16).find(|&i| {
            self.country(i).is_some_and(|c| {
                c.iso2.eq_ignore_ascii_case(code) || c.iso3.eq_ignore_ascii_case(code)
            })
        })
    }

    /// Number of country rows.
    pub fn country_count(&self) -> usize {
        self.n_countries
    }

    /// Postings of an already folded key (empty when unknown).
    pub fn lookup_folded(&self, key: &str) -> Vec<Posting> {
        match self.names.get(key) {
            Some(off) => self.postings_at(off),
            None => Vec::new(),
        }
    }

    /// Postings of a name as written: folded with [`sitrep_core::text::fold`] and
    /// whitespace-collapsed, exactly like the builder.
    pub fn lookup(&self, name: &str) -> Vec<Posting> {
        self.lookup_folded(&normalize_key(name))
    }

    /// Decodes the posting list at `off` (an fst output value).
    pub fn postings_at(&self, off: u64) -> Vec<Posting> {
        let mut out = Vec::new();
        let mut p = off as usize;
        if p >= self.postings_len {
            return out;
        }
        let b = &self.bytes[self.off_postings..self.off_postings + self.postings_len];
        let Some(count) = read_varint(b, &mut p) else {
            return out;
        };
        let mut rec = 0u64;
        for _ in 0..count.min(1 << 20) {
            let Some(delta) = read_varint(b, &mut p) else {
                break;
            };
            let Some(&flag) = b.get(p) else {
                break;
            };
            p += 1;
            rec += delta;
            out.push(Posting {
                record: rec as u32,
                kind: NameKind::from_bits(flag),
                langs: flag >> 2,
            });
        }
        out
    }

    /// A one-degree grid of towns for reverse lookups (built in ~50 ms; used by
    /// evaluation to find the country of a coordinate).
    pub fn town_grid(&self) -> TownGrid<'_> {
        let mut cells: HashMap<(i32, i32), Vec<u32>> = HashMap::new();
        for i in 0..self.n_records as u32 {
            let Some(r) = self.record(i) else { continue };
            if matches!(r.class(), FeatureClass::Town | FeatureClass::Capital) {
                cells
                    .entry((r.lat.floor() as i32, r.lon.floor() as i32))
                    .or_default()
                    .push(i);
            }
        }
        TownGrid { gaz: self, cells }
    }
}

/// Towns bucketed by whole degrees.
pub struct TownGrid<'g> {
    gaz: &'g Gazetteer,
    cells: HashMap<(i32, i32), Vec<u32>>,
}

impl TownGrid<'_> {
    /// Nearest town within about `max_deg` degrees of a point.
    pub fn nearest(&self, lat: f64, lon: f64, max_deg: i32) -> Option<Record<'static>> {
        let (la, lo) = (lat.floor() as i32, lon.floor() as i32);
        for ring in 0..=max_deg {
            let mut best: Option<(f64, u32)> = None;
            for dy in -ring..=ring {
                for dx in -ring..=ring {
                    if dy.abs() != ring && dx.abs() != ring {
                        continue;
                    }
                    for &i in self.cells.get(&(la + dy, lo + dx)).into_iter().flatten() {
                        let Some(r) = self.gaz.record(i) else {
                            continue;
                        };
                        let d = crate::geo::haversine_km(lat, lon, r.lat, r.lon);
                        if best.is_none_or(|(bd, _)| d < bd) {
                            best = Some((d, i));
                        }
                    }
                }
            }
            if let Some((_, i)) = best {
                return self.gaz.record(i);
            }
        }
        None
    }
}

/// Key normalization shared by builder and matcher: fold, collapse whitespace.
pub fn normalize_key(name: &str) -> String {
    let folded = sitrep_core::text::fold(name);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Reads one LEB128 varint.
pub(crate) fn read_varint(b: &[u8], p: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = *b.get(*p)?;
        *p += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Appends one LEB128 varint.
pub(crate) fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Walks the fst one piece of key at a time: lets the recognizer extend a candidate
/// token by token and stop as soon as no name continues.
pub struct Cursor<'f> {
    fst: &'f Fst<&'static [u8]>,
    node: Node<'f>,
    output: u64,
}

impl<'f> Cursor<'f> {
    /// A cursor at the root.
    pub fn new(fst: &'f Fst<&'static [u8]>) -> Cursor<'f> {
        Cursor {
            fst,
            node: fst.root(),
            output: 0,
        }
    }

    /// Feeds bytes; false (cursor unchanged) when no key continues with them.
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        let mut node = self.node;
        let mut output = self.output;
        for &b in bytes {
            match node.find_input(b) {
                Some(i) => {
                    let t = node.transition(i);
                    output += t.out.value();
                    node = self.fst.node(t.addr);
                }
                None => return false,
            }
        }
        self.node = node;
        self.output = output;
        true
    }

    /// The value when the bytes fed so far form a complete key.
    pub fn value(&self) -> Option<u64> {
        self.node
            .is_final()
            .then(|| self.output + self.node.final_output().value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for v in [0u64, 1, 127, 128, 300, 1 << 40] {
            write_varint(&mut b, v);
        }
        let mut p = 0;
        for v in [0u64, 1, 127, 128, 300, 1 << 40] {
            assert_eq!(read_varint(&b, &mut p), Some(v));
        }
        assert_eq!(read_varint(&b, &mut p), None);
    }

    #[test]
    fn keys_fold_and_collapse_space() {
        assert_eq!(normalize_key("  Kəlbəcər   District "), "kelbecer district");
        assert_eq!(normalize_key("Côte d’Ivoire"), "cote d'ivoire");
    }
}
