//! Indonesian affix analyser.
//!
//! Rules generate every way a word can be taken apart (prefix readings with nasal
//! assimilation undone, suffixes, clitics, particles); the root list then ranks them.
//! Only analyses whose root is listed are kept, ordered by root weight minus the number
//! of morphemes split off minus the allomorph penalty: "makan" stays whole instead of
//! "mak" + -an, "memakan" is "makan" rather than the rarer "pakan", "mengecam" is
//! "kecam" rather than menge- + "cam". Words whose candidate roots are all unlisted get
//! one rule-based guess, marked `known: false`.

use rustc_hash::FxHashMap;
use sitrep_core::Lang;
use sitrep_lang::DataError;

use crate::{Affixes, Analysis, Form};

/// Longest word (bytes) the affix rules look at; longer tokens are returned whole.
const MAX_WORD: usize = 48;
/// Marks the menge-/penge- reading, regular only before one-syllable roots.
const NGE: u8 = u8::MAX;
/// Shortest root the rules accept ("bom", "tes", "cek").
const MIN_ROOT: usize = 3;

const PARTICLES: [&str; 4] = ["lah", "kah", "pun", "tah"];
const CLITICS: [&str; 3] = ["nya", "ku", "mu"];

/// `lang/id/morph.toml`: word lists the affix rules consult.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Settings {
    /// Words that look like di- + root but are prepositions written as one word.
    #[serde(default)]
    not_passive: Vec<String>,
    /// Hyphenated prefixes whose right part carries the root ("pasca-gempa").
    #[serde(default)]
    hyphen_prefixes: Vec<String>,
}

pub(crate) struct Indonesian {
    roots: FxHashMap<&'static str, u8>,
    settings: Settings,
}

/// One prefix reading: the prefix, where the root starts, and the letter the prefix
/// swallowed (nasal assimilation: meny-erang -> s-erang).
#[derive(Clone, Copy)]
struct PrefixReading {
    prefix: &'static str,
    restore: &'static str,
    start: usize,
    /// 0 for the regular allomorph, higher for rarer readings.
    penalty: u8,
    morphemes: u8,
}

#[derive(Clone, Copy)]
struct Candidate {
    restore: &'static str,
    start: usize,
    end: usize,
    prefix: &'static str,
    suffix: &'static str,
    clitic: &'static str,
    particle: &'static str,
    morphemes: u8,
    penalty: u8,
    /// Root weight from the root list; 0 when the root is not listed.
    weight: u8,
}

impl Indonesian {
    pub(crate) fn load(strict: bool) -> Result<Indonesian, DataError> {
        let mut roots = FxHashMap::default();
        let text = sitrep_lang::file(Lang::ID, "roots.txt").unwrap_or("");
        roots.reserve(text.len() / 8);
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let root = cols.next().unwrap_or("").trim();
            let weight = cols.next().map(str::trim);
            let parsed = weight.map_or(Some(1), |w| {
                w.parse::<u8>().ok().filter(|w| (1..=9).contains(w))
            });
            match parsed {
                Some(w) if !root.is_empty() && root.bytes().all(|b| b.is_ascii_lowercase()) => {
                    roots.insert(root, w);
                }
                _ if strict => {
                    return Err(DataError {
                        file: "lang/id/roots.txt".into(),
                        message: format!(
                            "line {}: expected `root<TAB>weight` with a lower-case ASCII root and weight 1..9, got {line:?}",
                            i + 1
                        ),
                    });
                }
                _ => {}
            }
        }
        let settings = match sitrep_lang::toml_file::<Settings>(Lang::ID, "morph.toml") {
            Ok(s) => s.unwrap_or_default(),
            Err(e) if strict => return Err(e),
            Err(_) => Settings::default(),
        };
        Ok(Indonesian { roots, settings })
    }

    /// Weight of a listed root.
    pub(crate) fn weight(&self, root: &str) -> Option<u8> {
        self.roots.get(root).copied()
    }

    pub(crate) fn analyze(&self, word: &str, out: &mut Vec<Analysis>) {
        if word.contains('-') {
            self.analyze_hyphenated(word, out);
            return;
        }
        self.analyze_simple(word, out);
    }

    /// A word without hyphens.
    fn analyze_simple(&self, word: &str, out: &mut Vec<Analysis>) {
        let bytes = word.as_bytes();
        if bytes.len() < 2 || bytes.len() > MAX_WORD || !bytes.iter().all(u8::is_ascii_lowercase) {
            return;
        }
        let mut cands: Vec<Candidate> = Vec::with_capacity(24);
        self.candidates(word, &mut cands);
        let mut buf = [0u8; MAX_WORD + 2];
        let any_known = cands.iter().any(|c| c.weight > 0);
        if any_known {
            cands.retain(|c| c.weight > 0);
            // Weight is about log10 of paradigm frequency; each penalty point marks an
            // allomorph, and each extra morpheme a split, about ten times less likely.
            cands.sort_by_key(|c| {
                let likelihood =
                    i16::from(c.weight) - i16::from(c.penalty) - i16::from(c.morphemes);
                (std::cmp::Reverse(likelihood), c.morphemes, c.penalty)
            });
            for c in &cands {
                let root = root_of(word, c, &mut buf);
                if out.iter().any(|a| {
                    a.root == root && a.affixes.prefix == c.prefix && a.affixes.suffix == c.suffix
                }) {
                    continue;
                }
                out.push(to_analysis(root, c, true));
            }
        } else if let Some(c) = best_guess(&cands) {
            let root = root_of(word, c, &mut buf);
            out.push(to_analysis(root, c, false));
        }
    }

    /// Reduplication: "serangan-serangan" (full), "tembak-menembak" (reciprocal), and
    /// hyphenated prefixes ("pasca-gempa", "anti-korupsi") whose right part carries the root.
    fn analyze_hyphenated(&self, word: &str, out: &mut Vec<Analysis>) {
        let Some((left, right)) = word.split_once('-') else {
            return;
        };
        if left.is_empty() || right.is_empty() || right.contains('-') {
            return;
        }
        let mut left_an = Vec::new();
        let mut right_an = Vec::new();
        self.analyze_simple(left, &mut left_an);
        self.analyze_simple(right, &mut right_an);
        if left == right {
            for mut a in left_an {
                a.affixes.reduplicated = true;
                out.push(a);
            }
            return;
        }
        let left_is_root = |root: &str| left == root || left_an.iter().any(|a| a.root == root);
        // Right part shares a root with the left part: tembak-menembak, kejar-kejaran.
        for a in &right_an {
            if left_is_root(&a.root) {
                let mut a = a.clone();
                if a.affixes.prefix == "meN" && left == a.root {
                    a.form = Form::Reciprocal;
                }
                a.affixes.reduplicated = true;
                out.push(a);
                return;
            }
        }
        // Left part carries the affixes, right part is the bare root: berhari-hari.
        for a in &left_an {
            if a.root == right {
                let mut a = a.clone();
                a.affixes.reduplicated = true;
                out.push(a);
                return;
            }
        }
        if self.settings.hyphen_prefixes.iter().any(|p| p == left) {
            out.extend(right_an);
        }
    }

    /// Every reading of `word` into clitics, particle, prefix, root and suffix.
    fn candidates(&self, word: &str, cands: &mut Vec<Candidate>) {
        let mut buf = [0u8; MAX_WORD + 2];
        let bytes = word.as_bytes();
        // (end of the stem before clitic/particle, clitic, particle)
        let mut stems: [(usize, &'static str, &'static str); 4] = [(bytes.len(), "", ""); 4];
        let mut n_stems = 1;
        for p in PARTICLES {
            if word.ends_with(p) && word.len() - p.len() >= MIN_ROOT {
                stems[n_stems] = (word.len() - p.len(), "", p);
                n_stems += 1;
                break;
            }
        }
        for i in 0..n_stems {
            let (end, _, particle) = stems[i];
            let stem = &word[..end];
            for c in CLITICS {
                if stem.ends_with(c) && stem.len() - c.len() >= MIN_ROOT && n_stems < stems.len() {
                    stems[n_stems] = (end - c.len(), c, particle);
                    n_stems += 1;
                    break;
                }
            }
        }
        let not_passive = self.settings.not_passive.iter().any(|w| w == word);
        let mut readings = [PrefixReading {
            prefix: "",
            restore: "",
            start: 0,
            penalty: 0,
            morphemes: 0,
        }; 40];
        for &(end, clitic, particle) in &stems[..n_stems] {
            let stem = &word[..end];
            let n = prefix_readings(stem, &mut readings);
            for r in &readings[..n] {
                if not_passive && r.prefix == "di" {
                    continue;
                }
                for &suffix in allowed_suffixes(r.prefix) {
                    if !stem.ends_with(suffix) || end < r.start + suffix.len() {
                        continue;
                    }
                    let root_end = end - suffix.len();
                    if root_end <= r.start {
                        continue;
                    }
                    let root_len = r.restore.len() + root_end - r.start;
                    if root_len < MIN_ROOT.min(word.len()) {
                        continue;
                    }
                    let mut c = Candidate {
                        restore: r.restore,
                        start: r.start,
                        end: root_end,
                        prefix: r.prefix,
                        suffix,
                        clitic,
                        particle,
                        morphemes: r.morphemes
                            + u8::from(!suffix.is_empty())
                            + u8::from(!clitic.is_empty())
                            + u8::from(!particle.is_empty()),
                        penalty: r.penalty + per_penalty(r.prefix, suffix),
                        weight: 0,
                    };
                    let root = root_of(word, &c, &mut buf);
                    if !has_vowel(root) {
                        continue;
                    }
                    if c.penalty == NGE {
                        c.penalty = if syllables(root.as_bytes()) == 1 {
                            1
                        } else {
                            6
                        };
                    }
                    c.weight = self.weight(root).unwrap_or(0);
                    cands.push(c);
                }
            }
        }
    }
}

/// per- is mostly half of per-...-an; alone (perkuat) or with -kan/-i (perbaiki) it is
/// rarer than the words that merely start with "per" (persen, pernah).
fn per_penalty(prefix: &str, suffix: &str) -> u8 {
    match (prefix, suffix) {
        ("per", "") => 2,
        ("per", "kan" | "i") => 1,
        _ => 0,
    }
}

/// Suffixes each prefix combines with ("" = none).
fn allowed_suffixes(prefix: &str) -> &'static [&'static str] {
    match prefix {
        "" => &["", "kan", "i", "an"],
        "meN" | "memper" | "di" | "diper" | "ter" => &["", "kan", "i"],
        "meN+ber" | "di+ber" => &["kan"],
        "ber" => &["", "an", "kan"],
        "peN" => &["", "an"],
        "per" => &["", "an", "kan", "i"],
        "peN+ber" | "ke" | "ke+ber" | "ke+ter" | "ke+peN" => &["an"],
        _ => &[],
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(is_vowel)
}

/// Number of vowel groups: a rough syllable count, for the menge-/penge- allomorph that
/// only one-syllable roots take (mengebom, pengeboman).
fn syllables(s: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &b in s {
        let v = is_vowel(b);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Fills `out` with the prefix readings of `w`; returns how many.
fn prefix_readings(w: &str, out: &mut [PrefixReading; 40]) -> usize {
    let b = w.as_bytes();
    let len = b.len();
    let mut n = 0;
    let mut push =
        |prefix: &'static str, restore: &'static str, start: usize, penalty: u8, morphemes: u8| {
            if n < out.len() && start < len {
                out[n] = PrefixReading {
                    prefix,
                    restore,
                    start,
                    penalty,
                    morphemes,
                };
                n += 1;
            }
        };
    push("", "", 0, 0, 0);
    if len > 8 && w.starts_with("memper") {
        push("memper", "", 6, 0, 1);
    }
    if len > 7 && w.starts_with("diper") {
        push("diper", "", 5, 0, 1);
    }
    if len > 8 && w.starts_with("member") {
        push("meN+ber", "", 6, 0, 2);
    }
    if len > 7 && w.starts_with("diber") {
        push("di+ber", "", 5, 0, 2);
    }
    if len > 8 && w.starts_with("pember") {
        push("peN+ber", "", 6, 0, 2);
    }
    if len > 7 && w.starts_with("keber") {
        push("ke+ber", "", 5, 0, 2);
    }
    if len > 7 && w.starts_with("keter") {
        push("ke+ter", "", 5, 0, 2);
    }
    if w.starts_with("me") {
        nasal_readings(b, 2, "meN", 1, &mut push);
    } else if w.starts_with("pe") {
        nasal_readings(b, 2, "peN", 1, &mut push);
    }
    if w.starts_with("kepe") || w.starts_with("keme") {
        nasal_readings(b, 4, "ke+peN", 2, &mut push);
    }
    if len > 4 && w.starts_with("di") {
        push("di", "", 2, 0, 1);
    }
    let r_then_vowel = len > 3 && b[2] == b'r' && is_vowel(b[3]);
    if w.starts_with("te") && len > 4 {
        if w.starts_with("ter") && len > 5 {
            push("ter", "", 3, 0, 1);
        }
        if r_then_vowel {
            push("ter", "", 2, 0, 1); // terekam <- rekam
        } else if len > 5 && &b[3..5] == b"er" {
            push("ter", "", 2, 1, 1); // tepercaya <- percaya
        }
    }
    if w.starts_with("be") && len > 4 {
        if w.starts_with("ber") && len > 5 {
            push("ber", "", 3, 0, 1);
        }
        if r_then_vowel {
            push("ber", "", 2, 0, 1); // berencana <- rencana
        } else if len > 5 && &b[3..5] == b"er" {
            push("ber", "", 2, 1, 1); // bekerja <- kerja
        } else if w.starts_with("belajar") {
            push("ber", "", 3, 1, 1);
        }
    }
    if w.starts_with("pe") && len > 4 {
        if w.starts_with("per") && len > 5 {
            push("per", "", 3, 0, 1);
        }
        if r_then_vowel {
            push("per", "", 2, 0, 1); // perundingan <- runding
        } else if w.starts_with("pelajar") {
            push("per", "", 3, 1, 1);
        }
    }
    if len > 4 && w.starts_with("ke") {
        push("ke", "", 2, 0, 1);
    }
    n
}

/// Readings of meN-/peN- (starting at `at`, just after "me"/"pe"), undoing nasal
/// assimilation: meng-/peng- before vowels and g, h, k (k dropped before vowels),
/// mem-/pem- before b, f, v, p (p dropped), men-/pen- before d, c, j, z, t (t dropped),
/// meny-/peny- for s (dropped), me-/pe- before l, m, n, r, w, y, ng, ny, and
/// menge-/penge- before one-syllable roots.
fn nasal_readings(
    b: &[u8],
    at: usize,
    prefix: &'static str,
    morphemes: u8,
    push: &mut impl FnMut(&'static str, &'static str, usize, u8, u8),
) {
    let rest = &b[at.min(b.len())..];
    let r = |i: usize| rest.get(i).copied().unwrap_or(0);
    if rest.starts_with(b"nge") && rest.len() > 4 {
        // Penalty settled once the suffix is known (see Candidate construction).
        push(prefix, "", at + 3, NGE, morphemes); // mengebom <- bom
    }
    if rest.starts_with(b"ng") {
        let c = r(2);
        if is_vowel(c) {
            push(prefix, "", at + 2, 0, morphemes); // mengancam <- ancam
            push(prefix, "k", at + 2, 0, morphemes); // mengecam <- kecam
            push(prefix, "", at, 2, morphemes); // menganga <- nganga
        } else if matches!(c, b'g' | b'h' | b'k') {
            push(prefix, "", at + 2, 0, morphemes); // menggeledah, menghadang, mengkritik
        }
    } else if rest.starts_with(b"ny") {
        if is_vowel(r(2)) {
            push(prefix, "s", at + 2, 0, morphemes); // menyerang <- serang
            push(prefix, "", at, 1, morphemes); // menyatakan <- nyata
        }
    } else if r(0) == b'm' {
        let c = r(1);
        if matches!(c, b'b' | b'f' | b'v') {
            push(prefix, "", at + 1, 0, morphemes); // membakar, memvonis
        } else if c == b'p' {
            push(prefix, "", at + 1, 1, morphemes); // mempunyai, memprotes
        } else if is_vowel(c) {
            push(prefix, "p", at + 1, 0, morphemes); // memukul <- pukul
            push(prefix, "", at, 1, morphemes); // memakan <- makan
        }
    } else if r(0) == b'n' {
        let c = r(1);
        if matches!(c, b'd' | b'c' | b'j' | b'z') {
            push(prefix, "", at + 1, 0, morphemes); // mendesak, menculik
        } else if matches!(c, b't' | b's') {
            push(prefix, "", at + 1, 2, morphemes); // mentransfer, mensponsori
        } else if is_vowel(c) {
            push(prefix, "t", at + 1, 0, morphemes); // menembak <- tembak
            push(prefix, "", at, 1, morphemes); // menanti <- nanti
        }
    } else if matches!(r(0), b'l' | b'r' | b'w' | b'y') {
        push(prefix, "", at, 0, morphemes); // melantik, merusak
    } else if prefix.ends_with("peN") && r(0) != 0 && !is_vowel(r(0)) {
        push(prefix, "", at, 2, morphemes); // pejabat, petugas, peperangan
    }
}

fn root_of<'a>(word: &'a str, c: &Candidate, buf: &'a mut [u8; MAX_WORD + 2]) -> &'a str {
    if c.restore.is_empty() {
        return &word[c.start..c.end];
    }
    let r = c.restore.as_bytes();
    let tail = &word.as_bytes()[c.start..c.end];
    let n = r.len() + tail.len();
    buf[..r.len()].copy_from_slice(r);
    buf[r.len()..n].copy_from_slice(tail);
    // Both parts are ASCII lower-case letters.
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

fn form_of(prefix: &str, suffix: &str) -> Form {
    match prefix {
        "meN" | "memper" | "meN+ber" | "ber" => Form::Active,
        "di" | "diper" | "di+ber" => Form::Passive,
        "ter" => Form::Stative,
        "peN" | "peN+ber" | "ke" | "ke+ber" | "ke+ter" | "ke+peN" => Form::Noun,
        "per" if suffix == "an" => Form::Noun,
        "per" => Form::Active,
        _ => match suffix {
            "an" => Form::Noun,
            "kan" | "i" => Form::Active,
            _ => Form::Base,
        },
    }
}

fn to_analysis(root: &str, c: &Candidate, known: bool) -> Analysis {
    Analysis {
        root: root.to_string(),
        form: form_of(c.prefix, c.suffix),
        affixes: Affixes {
            prefix: c.prefix,
            suffix: c.suffix,
            clitic: c.clitic,
            particle: c.particle,
            reduplicated: false,
        },
        known,
    }
}

/// The rule-based guess for a word none of whose candidate roots is listed: take the
/// regular allomorph of a clear prefix, strip -kan, clitics and particles, and leave
/// -an/-i on words without a prefix (they are more often part of an unknown root).
fn best_guess(cands: &[Candidate]) -> Option<&Candidate> {
    cands
        .iter()
        .filter(|c| c.end - c.start + c.restore.len() >= 4 || !c.prefix.is_empty())
        .min_by_key(|c| {
            let suffix_cost: u8 = match (c.prefix, c.suffix) {
                (_, "kan") => 0,
                ("", "an" | "i") => 6,
                (_, "an") => 0,
                (_, "i") => 2,
                _ => 1,
            };
            let prefix_cost: u8 = if c.prefix.is_empty() { 3 } else { 0 };
            let clitic_cost: u8 = if c.clitic.is_empty() && c.particle.is_empty() {
                1
            } else {
                0
            };
            (
                c.penalty * 4 + suffix_cost + prefix_cost + clitic_cost,
                c.morphemes,
            )
        })
}

#[cfg(test)]
mod tests {
    use crate::{Analyzer, Form};
    use sitrep_core::Lang;

    fn first(a: &Analyzer, w: &str) -> (String, Form) {
        let x = a.analyze(w).into_iter().next().unwrap();
        (x.root, x.form)
    }

    #[test]
    fn nasal_assimilation_is_undone() {
        let a = Analyzer::new(Lang::ID);
        for (w, root) in [
            ("menembak", "tembak"),
            ("menyerang", "serang"),
            ("mengecam", "kecam"),
            ("memukul", "pukul"),
            ("memerangi", "perang"),
            ("mengebom", "bom"),
            ("menganiaya", "aniaya"),
            ("pengeboman", "bom"),
            ("penembakan", "tembak"),
            ("memakan", "makan"),
        ] {
            assert_eq!(first(&a, w).0, root, "{w}");
        }
    }

    #[test]
    fn forms_follow_the_affixes() {
        let a = Analyzer::new(Lang::ID);
        assert_eq!(first(&a, "menyerang"), ("serang".into(), Form::Active));
        assert_eq!(first(&a, "diserang"), ("serang".into(), Form::Passive));
        assert_eq!(first(&a, "tertembak"), ("tembak".into(), Form::Stative));
        assert_eq!(first(&a, "penyerangan"), ("serang".into(), Form::Noun));
        assert_eq!(first(&a, "serangan"), ("serang".into(), Form::Noun));
        assert_eq!(first(&a, "kesepakatan"), ("sepakat".into(), Form::Noun));
        assert_eq!(first(&a, "menewaskan"), ("tewas".into(), Form::Active));
        assert_eq!(first(&a, "tembak"), ("tembak".into(), Form::Base));
    }

    #[test]
    fn listed_words_stay_whole() {
        let a = Analyzer::new(Lang::ID);
        for w in [
            "makan", "berita", "perang", "tanya", "mereka", "menteri", "dimana",
        ] {
            assert_eq!(first(&a, w), (w.to_string(), Form::Base), "{w}");
        }
    }

    #[test]
    fn clitics_particles_and_stacked_prefixes() {
        let a = Analyzer::new(Lang::ID);
        let x = &a.analyze("serangannya")[0];
        assert_eq!(
            (x.root.as_str(), x.affixes.suffix, x.affixes.clitic),
            ("serang", "an", "nya")
        );
        let x = &a.analyze("tangkaplah")[0];
        assert_eq!((x.root.as_str(), x.affixes.particle), ("tangkap", "lah"));
        let x = &a.analyze("diberlakukan")[0];
        assert_eq!(
            (x.root.as_str(), x.form, x.affixes.prefix),
            ("laku", Form::Passive, "di+ber")
        );
        assert_eq!(first(&a, "bertanya").0, "tanya");
    }

    #[test]
    fn reduplication() {
        let a = Analyzer::new(Lang::ID);
        let x = &a.analyze("tembak-menembak")[0];
        assert_eq!(
            (x.root.as_str(), x.form, x.affixes.reduplicated),
            ("tembak", Form::Reciprocal, true)
        );
        let x = &a.analyze("serangan-serangan")[0];
        assert_eq!(
            (x.root.as_str(), x.form, x.affixes.reduplicated),
            ("serang", Form::Noun, true)
        );
        assert_eq!(first(&a, "pasca-gempa").0, "gempa");
    }

    #[test]
    fn unknown_roots_get_a_rule_based_guess() {
        let a = Analyzer::new(Lang::ID);
        // Invented roots: the rules alone must find them.
        let x = &a.analyze("menyabrotukan")[0];
        assert_eq!(
            (x.root.as_str(), x.form, x.known),
            ("sabrotu", Form::Active, false)
        );
        let x = &a.analyze("dikrimpelkan")[0];
        assert_eq!((x.root.as_str(), x.form), ("krimpel", Form::Passive));
        let x = &a.analyze("pemblorekan")[0];
        assert_eq!((x.root.as_str(), x.form), ("blorek", Form::Noun));
    }

    #[test]
    fn issue_2_trigger_forms_share_one_root() {
        // A root-keyed trigger lexicon must find all of these with one entry per root.
        let a = Analyzer::new(Lang::ID);
        let expect = [
            ("menyerang", "serang", Form::Active),
            ("diserang", "serang", Form::Passive),
            ("penyerangan", "serang", Form::Noun),
            ("serangan", "serang", Form::Noun),
            ("menewaskan", "tewas", Form::Active),
            ("ditembak", "tembak", Form::Passive),
            ("baku", "baku", Form::Base),
            ("tembak", "tembak", Form::Base),
        ];
        for (w, root, form) in expect {
            assert_eq!(first(&a, w), (root.to_string(), form), "{w}");
        }
    }

    #[test]
    fn prepositions_written_together_are_not_passives() {
        let a = Analyzer::new(Lang::ID);
        assert!(a.analyze("dimana").iter().all(|x| x.form != Form::Passive));
    }
}
