//! Document fingerprints: an exact content hash and a MinHash signature over word
//! shingles, so syndicated copies of one wire story are found even when portals add
//! their own headline, byline, "Baca juga" links or promo lines.
//!
//! MinHash (Broder 1997) estimates the Jaccard similarity of two shingle sets as the
//! share of equal signature slots; locality-sensitive banding turns "similar enough"
//! into "shares at least one band hash", which SQLite answers with an index lookup.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed, xxh3_128};

/// Signature slots. 128 slots give a standard error of about 0.04 on the Jaccard estimate.
pub const SIGNATURE_LEN: usize = 128;
/// Rows per band: 32 bands of 4 rows make a pair with Jaccard 0.5 a candidate with
/// probability 0.87, 0.6 with 0.99, and 0.1 with 0.003.
pub const BAND_ROWS: usize = 4;
/// Words per shingle.
const SHINGLE_WORDS: usize = 4;
/// Fewer shingles than this and the estimate is noise: no near-duplicate test.
const MIN_SHINGLES: usize = 12;

/// Everything the store needs to recognise a document it has seen.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// Hash of the document id and its text: the same input ingested twice has the same key.
    pub ingest_key: String,
    /// Hash of the text's words, lower-cased, ignoring spacing and punctuation: the same
    /// article under another id or URL is an exact duplicate.
    pub content_hash: String,
    /// MinHash signature, `None` for texts too short to compare.
    pub minhash: Option<Vec<u32>>,
}

impl Fingerprint {
    /// Fingerprints a document from its id and its visible text (see [`visible_text`]).
    pub fn of(doc_id: &str, text: &str) -> Fingerprint {
        let mut words: Vec<u64> = Vec::with_capacity(text.len() / 6);
        let mut canon = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, canon: &mut String, words: &mut Vec<u64>| {
            if !word.is_empty() {
                words.push(xxh3_64(word.as_bytes()));
                canon.push_str(word);
                canon.push(' ');
                word.clear();
            }
        };
        for c in text.chars() {
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    word.push(c.to_ascii_lowercase());
                } else {
                    flush(&mut word, &mut canon, &mut words);
                }
            } else if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else {
                flush(&mut word, &mut canon, &mut words);
            }
        }
        flush(&mut word, &mut canon, &mut words);
        let mut key_input = Vec::with_capacity(doc_id.len() + text.len() + 1);
        key_input.extend_from_slice(doc_id.as_bytes());
        key_input.push(0x1f);
        key_input.extend_from_slice(text.as_bytes());
        Fingerprint {
            ingest_key: format!("{:032x}", xxh3_128(&key_input)),
            content_hash: format!("{:032x}", xxh3_128(canon.as_bytes())),
            minhash: minhash(&words),
        }
    }

    /// Band hashes of the signature (one per band), for the candidate index.
    pub fn bands(&self) -> Vec<i64> {
        match &self.minhash {
            Some(sig) => bands(sig),
            None => Vec::new(),
        }
    }
}

/// MinHash signature of the word sequence's shingles, by one-permutation hashing
/// (Li, Owen and Zhang 2012): each shingle is hashed once, the top bits choose its slot
/// and the slot keeps the smallest remaining value. Empty slots borrow from the next
/// filled slot to their right, shifted by the distance ("rotation" densification,
/// Shrivastava and Li 2014), so two signatures still agree slot by slot with probability
/// equal to the Jaccard similarity. One hash per shingle instead of one per shingle and
/// slot: the signature costs a hundredth of the classic 128-permutation one.
fn minhash(words: &[u64]) -> Option<Vec<u32>> {
    if words.len() < SHINGLE_WORDS + MIN_SHINGLES - 1 {
        return None;
    }
    const SLOT_BITS: u32 = SIGNATURE_LEN.trailing_zeros();
    let mut sig = vec![u32::MAX; SIGNATURE_LEN];
    let mut filled = [false; SIGNATURE_LEN];
    for w in words.windows(SHINGLE_WORDS) {
        let v = shingle_hash(w);
        let slot = (v >> (64 - SLOT_BITS)) as usize;
        let value = v as u32;
        filled[slot] = true;
        sig[slot] = sig[slot].min(value);
    }
    let first = filled.iter().position(|&f| f)?;
    // Walk right to left from a filled slot so every empty slot sees its right neighbour.
    let mut donor = (sig[first], first);
    for step in 1..=SIGNATURE_LEN {
        let i = (first + SIGNATURE_LEN - step) % SIGNATURE_LEN;
        if filled[i] {
            donor = (sig[i], i);
        } else {
            let distance = (donor.1 + SIGNATURE_LEN - i) % SIGNATURE_LEN;
            sig[i] = donor
                .0
                .wrapping_add((distance as u32).wrapping_mul(0x9e37_79b9));
        }
    }
    Some(sig)
}

/// 64-bit hash of a shingle from its words' hashes (order matters).
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for &w in words {
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(31);
    }
    // splitmix64 finaliser: the slot comes from the top bits, so they must be well mixed.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

fn bands(sig: &[u32]) -> Vec<i64> {
    sig.chunks(BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut buf = Vec::with_capacity(4 + rows.len() * 4);
            buf.extend_from_slice(&(band as u32).to_le_bytes());
            for r in rows {
                buf.extend_from_slice(&r.to_le_bytes());
            }
            xxh3_64_with_seed(&buf, 7) as i64
        })
        .collect()
}

/// Estimated Jaccard similarity of the shingle sets behind two signatures.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// Signature as bytes for a BLOB column.
pub fn signature_to_blob(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Signature from a BLOB column; `None` when the blob is not a signature.
pub fn signature_from_blob(blob: &[u8]) -> Option<Vec<u32>> {
    if blob.len() != SIGNATURE_LEN * 4 {
        return None;
    }
    Some(
        blob.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// The text a reader sees: the plain text as given, or an HTML page with its tags,
/// scripts and styles removed. Used for fingerprints only, not for extraction.
pub fn visible_text(text: Option<&str>, html: Option<&str>) -> String {
    if let Some(t) = text {
        return t.to_string();
    }
    let Some(html) = html else {
        return String::new();
    };
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let rest = &lower[i..];
            let skip_to = if rest.starts_with("<script") {
                rest.find("</script").map(|p| i + p)
            } else if rest.starts_with("<style") {
                rest.find("</style").map(|p| i + p)
            } else {
                None
            };
            let from = skip_to.unwrap_or(i);
            match lower[from..].find('>') {
                Some(p) => i = from + p + 1,
                None => break,
            }
            out.push(' ');
        } else {
            let next = lower[i..].find('<').map_or(bytes.len(), |p| i + p);
            out.push_str(&html[i..next]);
            i = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Kelompok kriminal bersenjata menyerang pos TNI di Distrik Sugapa, \
        Kabupaten Intan Jaya, pada Selasa pagi. Seorang prajurit tewas dan dua lainnya luka-luka \
        dalam serangan yang berlangsung sekitar satu jam itu. Kepala Penerangan Kodam \
        Cenderawasih mengatakan pasukan tambahan telah dikirim ke lokasi untuk mengejar para \
        pelaku yang melarikan diri ke hutan. Warga sekitar diminta tetap tenang dan tidak \
        keluar rumah pada malam hari.";

    #[test]
    fn same_words_same_hash_whatever_the_spacing() {
        let a = Fingerprint::of("a", WIRE);
        let b = Fingerprint::of("b", &WIRE.replace(' ', "  ").to_uppercase());
        assert_eq!(a.content_hash, b.content_hash);
        assert_ne!(a.ingest_key, b.ingest_key);
        assert_eq!(a.minhash, b.minhash);
        let c = Fingerprint::of("a", &WIRE.replace("Selasa", "Rabu"));
        assert_ne!(a.content_hash, c.content_hash);
    }

    #[test]
    fn syndicated_copy_is_similar_and_other_story_is_not() {
        let copy = format!(
            "Jayapura (ANTARA) - {WIRE}\nBaca juga: Harga cabai naik menjelang akhir tahun\n\
             Simak breaking news dan berita pilihan kami langsung di ponselmu."
        );
        let other = "Ribuan buruh menggelar unjuk rasa di depan Gedung DPR, Jakarta, menuntut \
            pemerintah membatalkan kenaikan harga BBM. Polisi mengerahkan sekitar dua ribu \
            personel untuk mengamankan jalannya aksi yang berlangsung hingga sore hari itu. \
            Massa membubarkan diri dengan tertib setelah perwakilan mereka diterima anggota dewan.";
        let a = Fingerprint::of("a", WIRE);
        let b = Fingerprint::of("b", &copy);
        let c = Fingerprint::of("c", other);
        let (sa, sb, sc) = (
            a.minhash.clone().unwrap(),
            b.minhash.clone().unwrap(),
            c.minhash.clone().unwrap(),
        );
        let near = similarity(&sa, &sb);
        let far = similarity(&sa, &sc);
        assert!(near >= 0.6, "syndicated copy similarity {near}");
        assert!(far <= 0.1, "unrelated story similarity {far}");
        let shared = a.bands().iter().filter(|h| b.bands().contains(h)).count();
        assert!(shared > 0, "copies share no band");
        assert_eq!(signature_from_blob(&signature_to_blob(&sa)), Some(sa));
    }

    /// The one-permutation estimate tracks the true Jaccard similarity of the shingle
    /// sets, for long texts and for short ones where most slots are borrowed.
    #[test]
    fn estimate_tracks_true_jaccard() {
        let text = |from: usize, to: usize| {
            (from..to)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (len, shift) in [(400, 100), (400, 200), (60, 20), (20, 5)] {
            let a = Fingerprint::of("a", &text(0, len)).minhash.unwrap();
            let b = Fingerprint::of("b", &text(shift, len + shift))
                .minhash
                .unwrap();
            let shingles = len - SHINGLE_WORDS + 1;
            let common = shingles - shift;
            let truth = common as f64 / (shingles + shift) as f64;
            let est = similarity(&a, &b);
            assert!(
                (est - truth).abs() < 0.15,
                "len {len} shift {shift}: estimate {est:.3}, truth {truth:.3}"
            );
        }
        let same = Fingerprint::of("a", &text(0, 16)).minhash.unwrap();
        assert_eq!(similarity(&same, &same), 1.0);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(Fingerprint::of("x", "Dua tewas.").minhash.is_none());
        assert!(Fingerprint::of("x", "").bands().is_empty());
    }

    #[test]
    fn html_is_reduced_to_visible_text() {
        let t = visible_text(
            None,
            Some(
                "<html><head><style>p{color:red}</style><script>var a='<p>';</script></head><body><p>Pasukan menyerang.</p></body></html>",
            ),
        );
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["Pasukan", "menyerang."]
        );
        assert_eq!(visible_text(Some("plain"), Some("<p>x</p>")), "plain");
    }
}
