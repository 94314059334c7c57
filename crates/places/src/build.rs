//! Compiles the gazetteer tables written by `scripts/gazetteer/build_gazetteer.py` into
//! the embedded binary form (see [`crate::gazetteer`] for the layout). Lives in the
//! library so the exact folding used at run time is the one used to build the keys.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use fst::MapBuilder;

use crate::gazetteer::{
    COUNTRY_SIZE, MAGIC, NONE_U32, NameKind, RECORD_SIZE, normalize_key, write_varint,
};

/// Rows of the build tables, already split into columns.
#[derive(Debug, Default, Clone)]
pub struct Tables {
    /// geonameid, name, lat, lon, iso2, admin1, admin2, feature, population.
    pub records: Vec<Vec<String>>,
    /// record, name, kind (P/L/A/C), langs (comma-separated).
    pub names: Vec<Vec<String>>,
    /// iso2, iso3, record.
    pub countries: Vec<Vec<String>>,
    /// Language codes in bit order.
    pub langs: Vec<String>,
}

impl Tables {
    /// Parses the four TSV files' contents (`#` lines are comments).
    pub fn parse(records: &str, names: &str, countries: &str, langs: &str) -> Tables {
        let rows = |t: &str| -> Vec<Vec<String>> {
            t.lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect()
        };
        Tables {
            records: rows(records),
            names: rows(names),
            countries: rows(countries),
            langs: langs
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

/// The two embedded files.
#[derive(Debug)]
pub struct Built {
    /// `names.fst`.
    pub fst: Vec<u8>,
    /// `records.bin`.
    pub records: Vec<u8>,
    /// Human-readable summary.
    pub summary: String,
}

/// Extra keys for a folded name: without apostrophes, with hyphens as spaces.
fn key_variants(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    if key.contains('\'') {
        out.push(key.replace('\'', ""));
    }
    if key.contains('-') {
        out.push(normalize_key(&key.replace('-', " ")));
    }
    if key.contains('.') {
        out.push(normalize_key(&key.replace('.', "")));
    }
    out.retain(|k| !k.is_empty());
    out.dedup();
    out
}

fn col(row: &[String], i: usize) -> &str {
    row.get(i).map(String::as_str).unwrap_or("")
}

/// Builds the binary gazetteer. Errors name the table and line.
pub fn build(t: &Tables) -> Result<Built, String> {
    let mut strings: Vec<u8> = Vec::new();
    let mut string_at: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, strings: &mut Vec<u8>| -> u32 {
        if let Some(&o) = string_at.get(s) {
            return o;
        }
        let mut end = s.len().min(255);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        let o = strings.len() as u32;
        strings.push(end as u8);
        strings.extend_from_slice(&s.as_bytes()[..end]);
        string_at.insert(s.to_string(), o);
        o
    };

    // Countries: iso2 -> row index.
    let mut country_rows: Vec<([u8; 2], [u8; 3], u32)> = Vec::new();
    let mut country_idx: HashMap<String, u16> = HashMap::new();
    for (i, r) in t.countries.iter().enumerate() {
        let (iso2, iso3) = (col(r, 0), col(r, 1));
        if iso2.len() != 2 || iso3.len() != 3 {
            return Err(format!(
                "countries.tsv row {}: bad codes {iso2:?} {iso3:?}",
                i + 1
            ));
        }
        let rec: u32 = col(r, 2)
            .parse()
            .map_err(|_| format!("countries.tsv row {}: bad record", i + 1))?;
        country_idx.insert(iso2.to_string(), country_rows.len() as u16);
        let b2 = iso2.as_bytes();
        let b3 = iso3.as_bytes();
        country_rows.push(([b2[0], b2[1]], [b3[0], b3[1], b3[2]], rec));
    }

    // Number of distinct names per record: a prominence signal (famous places have
    // names in many languages).
    let mut name_counts: Vec<u16> = vec![0; t.records.len()];
    for r in &t.names {
        if let Ok(i) = col(r, 0).parse::<usize>()
            && let Some(c) = name_counts.get_mut(i)
        {
            *c = c.saturating_add(1);
        }
    }
    let mut features: Vec<String> = Vec::new();
    let mut records = Vec::with_capacity(t.records.len() * RECORD_SIZE);
    for (i, r) in t.records.iter().enumerate() {
        let err = |what: &str| format!("records.tsv row {}: bad {what}", i + 1);
        let gid: u32 = col(r, 0).parse().map_err(|_| err("geonameid"))?;
        let lat: f64 = col(r, 2).parse().map_err(|_| err("lat"))?;
        let lon: f64 = col(r, 3).parse().map_err(|_| err("lon"))?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err("coordinates"));
        }
        let idx_or_none = |s: &str| -> Result<u32, String> {
            if s.is_empty() {
                Ok(NONE_U32)
            } else {
                s.parse().map_err(|_| err("admin index"))
            }
        };
        let admin1 = idx_or_none(col(r, 5))?;
        let admin2 = idx_or_none(col(r, 6))?;
        let feature = col(r, 7);
        let fidx = match features.iter().position(|f| f == feature) {
            Some(p) => p,
            None => {
                features.push(feature.to_string());
                features.len() - 1
            }
        };
        if fidx > 255 {
            return Err("more than 256 feature codes".into());
        }
        let pop: u64 = col(r, 8).parse().map_err(|_| err("population"))?;
        let country = country_idx.get(col(r, 4)).copied().unwrap_or(u16::MAX);
        let name_off = intern(col(r, 1), &mut strings);
        records.extend_from_slice(&gid.to_le_bytes());
        records.extend_from_slice(&((lat * 1e5).round() as i32).to_le_bytes());
        records.extend_from_slice(&((lon * 1e5).round() as i32).to_le_bytes());
        records.extend_from_slice(&(pop.min(u32::MAX as u64) as u32).to_le_bytes());
        records.extend_from_slice(&name_off.to_le_bytes());
        records.extend_from_slice(&admin1.to_le_bytes());
        records.extend_from_slice(&admin2.to_le_bytes());
        records.extend_from_slice(&country.to_le_bytes());
        records.push(fidx as u8);
        records.push(name_counts[i].min(255) as u8);
    }
    let n_records = t.records.len();
    let feature_offs: Vec<u32> = features.iter().map(|f| intern(f, &mut strings)).collect();

    if t.langs.len() > 6 {
        return Err("at most 6 name languages fit the posting mask".into());
    }
    let lang_bit = |code: &str| t.langs.iter().position(|l| l == code).map(|i| 1u8 << i);

    // key -> record -> (kind, langs); the strongest kind wins, language masks unite.
    let mut keys: BTreeMap<String, BTreeMap<u32, (NameKind, u8)>> = BTreeMap::new();
    for (i, r) in t.names.iter().enumerate() {
        let rec: u32 = col(r, 0)
            .parse()
            .map_err(|_| format!("names.tsv row {}: bad record", i + 1))?;
        if rec as usize >= n_records {
            return Err(format!(
                "names.tsv row {}: record {rec} out of range",
                i + 1
            ));
        }
        let kind = NameKind::from_code(col(r, 2))
            .ok_or_else(|| format!("names.tsv row {}: bad kind", i + 1))?;
        let mut mask = 0u8;
        for l in col(r, 3).split(',').filter(|l| !l.is_empty()) {
            mask |= lang_bit(l)
                .ok_or_else(|| format!("names.tsv row {}: unknown language {l}", i + 1))?;
        }
        let key = normalize_key(col(r, 1));
        if key.chars().count() < 2 {
            continue;
        }
        for k in key_variants(&key) {
            let e = keys
                .entry(k)
                .or_default()
                .entry(rec)
                .or_insert((kind, mask));
            if kind < e.0 {
                *e = (kind, mask);
            } else if kind == e.0 {
                e.1 |= mask;
            }
        }
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut builder = MapBuilder::memory();
    for (key, recs) in &keys {
        let off = postings.len() as u64;
        write_varint(&mut postings, recs.len() as u64);
        let mut prev = 0u32;
        for (&rec, &(kind, mask)) in recs {
            write_varint(&mut postings, u64::from(rec - prev));
            postings.push(kind.bits() | (mask << 2));
            prev = rec;
        }
        builder.insert(key, off).map_err(|e| format!("fst: {e}"))?;
    }
    let fst = builder.into_inner().map_err(|e| format!("fst: {e}"))?;

    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for v in [
        n_records,
        country_rows.len(),
        features.len(),
        t.langs.len(),
        strings.len(),
        postings.len(),
    ] {
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
    out.extend_from_slice(&records);
    for (iso2, iso3, rec) in &country_rows {
        let mut row = [0u8; COUNTRY_SIZE];
        row[..2].copy_from_slice(iso2);
        row[2..5].copy_from_slice(iso3);
        row[8..12].copy_from_slice(&rec.to_le_bytes());
        out.extend_from_slice(&row);
    }
    for o in &feature_offs {
        out.extend_from_slice(&o.to_le_bytes());
    }
    for l in &t.langs {
        let b = l.as_bytes();
        out.extend_from_slice(&[
            b.first().copied().unwrap_or(b'x'),
            b.get(1).copied().unwrap_or(b'x'),
        ]);
    }
    out.extend_from_slice(&strings);
    out.extend_from_slice(&postings);

    let mut summary = String::new();
    let _ = write!(
        summary,
        "{n_records} records, {} countries, {} feature codes, {} keys; names.fst {} bytes, records.bin {} bytes",
        country_rows.len(),
        features.len(),
        keys.len(),
        fst.len(),
        out.len()
    );
    Ok(Built {
        fst,
        records: out,
        summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn leak(v: Vec<u8>) -> &'static [u8] {
        Box::leak(v.into_boxed_slice())
    }

    #[test]
    fn built_tables_read_back() {
        let t = Tables::parse(
            "1\tArmenia\t40.07\t45.04\tAM\t\t\tPCLI\t2900000\n\
             616052\tYerevan\t40.18\t44.51\tAM\t\t\tPPLC\t1093485\n\
             0\tSyunik\t39.5\t46.1\tAM\t\t\tADM1\t140000\n\
             174875\tGoris\t39.51\t46.34\tAM\t2\t\tPPL\t20000\n",
            "0\tArmenia\tP\t\n0\tArmenia\tL\ten\n1\tYerevan\tP\t\n1\tErevan\tA\t\n\
             2\tSyunik Province\tA\t\n3\tGoris\tP\t\n0\tArmenia\tA\tid\n",
            "AM\tARM\t0\n",
            "en\nid\n",
        );
        let b = build(&t).unwrap();
        let g = Gazetteer::from_bytes(leak(b.fst), leak(b.records)).unwrap();
        assert_eq!(g.len(), 4);
        let p = g.lookup("ARMENIA");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, NameKind::Primary);
        let goris = g.record(g.lookup("Goris")[0].record).unwrap();
        assert_eq!(goris.geonameid, Some(174875));
        assert!((goris.lat - 39.51).abs() < 1e-9);
        assert_eq!(goris.admin1, Some(2));
        assert_eq!(g.record(2).unwrap().name, "Syunik");
        assert_eq!(g.record(2).unwrap().geonameid, None);
        assert_eq!(g.lookup("syunik province")[0].kind, NameKind::Alternate);
        assert_eq!(g.country(goris.country.unwrap()).unwrap().iso3, "ARM");
        assert_eq!(g.record(1).unwrap().feature, "PPLC");
        assert!(g.lookup("Erevan ").len() == 1);
        assert!(g.lookup("Gori").is_empty());
        assert_eq!(g.langs(), vec!["en", "id"]);
    }

    #[test]
    fn bad_rows_are_reported_not_panicked() {
        let t = Tables::parse("x\tA\t1\t2\tAM\t\t\tPPL\t1\n", "", "", "en\n");
        assert!(build(&t).unwrap_err().contains("row 1"));
        let t = Tables::parse("1\tA\t91\t2\t\t\t\tPPL\t1\n", "", "", "");
        assert!(build(&t).unwrap_err().contains("coordinates"));
        let t = Tables::parse("1\tA\t1\t2\t\t\t\tPPL\t1\n", "5\tB\tP\t\n", "", "");
        assert!(build(&t).unwrap_err().contains("out of range"));
    }
}
