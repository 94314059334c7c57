//! Trigger lexicons: `lang/<code>/triggers*.tsv`, `classes*.tsv` and `modes.tsv`.
//!
//! A trigger pattern is a sequence of elements matched token by token on lemmas or
//! roots (so one Indonesian root entry finds menyerang, diserang, penyerangan and
//! serangan), with gaps for "held (two days of) talks".

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use sitrep_core::{Category, Lang};
use sitrep_lang::DataError;

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// Matches a token whose lemma/root or lower-cased surface is this word.
    Word(String),
    /// Matches only this lower-cased surface form.
    Exact(String),
    /// Matches any word of a class (`@weapon`).
    Class(String),
    /// Up to [`MAX_GAP`] tokens of anything but a sentence-internal stop.
    Gap,
}

/// Longest gap a `*` element spans.
pub const MAX_GAP: usize = 6;

/// Flags of a trigger entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    /// Parties act on each other (talks, clashes).
    pub reciprocal: bool,
    /// The trigger is a noun ("serangan", "airstrike").
    pub noun: bool,
    /// Ambiguous word: needs an acting party to become an event.
    pub weak: bool,
    /// Participant noun ("protesters"): an event only when nothing else happens in
    /// the sentence ("police dispersed the protesters" is the dispersal).
    pub minor: bool,
    /// The subject suffers the event ("tewas", "died"): it is the recipient.
    pub victim: bool,
    /// The subject hosts a visit ("hosted", "menerima kunjungan"): PLOVER codes the
    /// visitor as the actor and the host as the recipient, so the roles turn around.
    pub host: bool,
    /// The recipient is where the object goes ("extradited a suspect *to* the United
    /// States", "menyerahkan buronan *kepada* Indonesia"), not the object.
    pub destination: bool,
    /// The word is this event only with a party as its direct object: "called Xi
    /// Jinping" is a phone call, "called the sanctions illegal" names something.
    pub object: bool,
    /// The subject brings the parties of its object together ("Anwar mempertemukan Hun
    /// Manet dan Phumtham", "brought the two sides together"): they meet each other and
    /// the broker is none of them.
    pub broker: bool,
    /// A charge of wrongdoing ("melanggar hak", "ignored the evidence"): said by a
    /// speaker it is that speaker's accusation of the clause's subject; told by nobody it
    /// is no event.
    pub charge: bool,
}

/// A lexicon entry.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Pattern elements; the first is never a gap.
    pub elements: Vec<Element>,
    /// PLOVER category.
    pub category: Category,
    /// Mode set by the entry.
    pub mode: Option<String>,
    /// Contexts set by the entry.
    pub contexts: Vec<String>,
    /// Flags.
    pub flags: TriggerFlags,
    /// CAMEO code overriding the category/mode default.
    pub cameo: Option<String>,
    /// "en/triggers.tsv:123": where the entry lives, for the record's `rule`.
    pub source: String,
    /// 0 for curated files, 1 for generated ones: curated entries win ties.
    pub tier: u8,
}

impl Trigger {
    /// Words (not classes, not gaps) after the first element: all must occur in a
    /// sentence for the pattern to match there, a cheap test before matching.
    pub fn later_words(&self) -> impl Iterator<Item = &str> {
        self.elements[1..].iter().filter_map(|e| match e {
            Element::Word(w) | Element::Exact(w) => Some(w.as_str()),
            _ => None,
        })
    }
}

/// A mode cue: a word sequence that sets the mode of an event of a category.
#[derive(Debug, Clone)]
pub struct ModeCue {
    /// Words (lemmas, roots or surface forms).
    pub words: Vec<String>,
    /// Category the cue applies to.
    pub category: Category,
    /// Mode it sets.
    pub mode: String,
}

/// All trigger knowledge of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Entries; indices are stable.
    pub triggers: Vec<Trigger>,
    /// First-element key → entry indices.
    index: HashMap<String, Vec<usize>>,
    /// Class name → words.
    classes: HashMap<String, HashSet<String>>,
    /// Mode cues.
    pub mode_cues: Vec<ModeCue>,
    /// Phrases that are never events ("request for comment", "attack helicopter").
    pub discards: Vec<Vec<String>>,
    /// First word → mode cues starting with it.
    cue_index: HashMap<String, Vec<usize>>,
    /// First word → discard phrases starting with it.
    discard_index: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// Loads the lexicon of `lang` from its data files. Curated `triggers.tsv` is read
    /// first and wins over generated `triggers.*.tsv` files for the same pattern.
    pub fn load(lang: Lang) -> Result<Lexicon, DataError> {
        let mut lex = Lexicon::default();
        let mut names = sitrep_lang::file_names(lang);
        names.sort_by_key(|n| (*n != "triggers.tsv", n.to_string()));
        for name in &names {
            if name.starts_with("classes") && name.ends_with(".tsv") {
                for row in sitrep_lang::rows(lang, name) {
                    lex.classes
                        .entry(row.col(0).to_lowercase())
                        .or_default()
                        .insert(row.col(1).to_lowercase());
                }
            }
        }
        // A pattern keeps its first reading: curated files are read first and win.
        let mut seen: HashSet<String> = HashSet::default();
        for name in &names {
            if !(name.starts_with("triggers") && name.ends_with(".tsv")) {
                continue;
            }
            let tier = u8::from(*name != "triggers.tsv");
            for row in sitrep_lang::rows(lang, name) {
                let file = format!("lang/{lang}/{name}:{}", row.line);
                let trig = parse_trigger(&row, tier, &file)?;
                if !seen.insert(row.col(0).to_lowercase()) {
                    continue;
                }
                lex.triggers.push(trig);
            }
        }
        for row in sitrep_lang::rows(lang, "modes.tsv") {
            let category = row.col(1).parse::<Category>().map_err(|e| DataError {
                file: format!("lang/{lang}/modes.tsv:{}", row.line),
                message: e,
            })?;
            lex.mode_cues.push(ModeCue {
                words: row
                    .col(0)
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect(),
                category,
                mode: row.col(2).to_string(),
            });
        }
        if let Some(text) = sitrep_lang::file(lang, "discards.txt") {
            lex.discards = sitrep_lang::list(text)
                .map(|l| {
                    l.split_whitespace()
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
        }
        lex.build_index();
        Ok(lex)
    }

    fn build_index(&mut self) {
        let mut index: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, t) in self.triggers.iter().enumerate() {
            match &t.elements[0] {
                Element::Word(w) | Element::Exact(w) => index.entry(w.clone()).or_default().push(i),
                Element::Class(c) => {
                    for w in self.classes.get(c).into_iter().flatten() {
                        index.entry(w.clone()).or_default().push(i);
                    }
                }
                Element::Gap => {}
            }
        }
        self.index = index;
        let mut cue_index: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, c) in self.mode_cues.iter().enumerate() {
            cue_index.entry(c.words[0].clone()).or_default().push(i);
        }
        self.cue_index = cue_index;
        let mut discard_index: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, d) in self.discards.iter().enumerate() {
            discard_index.entry(d[0].clone()).or_default().push(i);
        }
        self.discard_index = discard_index;
    }

    /// Mode cues found in `toks[range]`: (position, cue). Cue words match lemmas,
    /// roots or surface forms.
    pub fn cues_in(
        &self,
        toks: &crate::SentenceTokens,
        range: std::ops::Range<usize>,
    ) -> Vec<(usize, &ModeCue)> {
        let t = &toks.toks;
        let hi = range.end.min(t.len());
        let mut out = Vec::new();
        for i in range.start..hi {
            for key in t[i].keys() {
                for &ci in self.cue_index.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                    let c = &self.mode_cues[ci];
                    let fits = i + c.words.len() <= hi
                        && c.words[1..]
                            .iter()
                            .enumerate()
                            .all(|(k, w)| t[i + 1 + k].is(w));
                    if fits
                        && !out
                            .iter()
                            .any(|(p, x): &(usize, &ModeCue)| *p == i && std::ptr::eq(*x, c))
                    {
                        out.push((i, c));
                    }
                }
            }
        }
        // A cue inside a longer one is part of it: "meriam" (a cannon, heavy weapons)
        // in "meriam air" (a water cannon, crowd control).
        let spans: Vec<(usize, usize)> = out.iter().map(|(i, c)| (*i, i + c.words.len())).collect();
        let mut k = 0;
        out.retain(|_| {
            let (a, b) = spans[k];
            k += 1;
            !spans
                .iter()
                .any(|&(x, y)| x <= a && b <= y && (y - x) > (b - a))
        });
        out
    }

    /// Token mask of discard phrases in a sentence of lower-cased words.
    pub fn discarded(&self, words: &[String]) -> Vec<bool> {
        let n = words.len();
        let mut mask = vec![false; n];
        for i in 0..n {
            for &di in self
                .discard_index
                .get(&words[i])
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let p = &self.discards[di];
                if i + p.len() <= n && p.iter().enumerate().all(|(k, w)| words[i + k] == *w) {
                    for m in mask.iter_mut().skip(i).take(p.len()) {
                        *m = true;
                    }
                }
            }
        }
        mask
    }

    /// Entries whose first element may match a token with this key (lemma, root or surface).
    pub fn candidates(&self, key: &str) -> &[usize] {
        self.index.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether `word` belongs to class `class`.
    pub fn in_class(&self, class: &str, word: &str) -> bool {
        self.classes.get(class).is_some_and(|s| s.contains(word))
    }
}

fn parse_trigger(row: &sitrep_lang::Row<'_>, tier: u8, file: &str) -> Result<Trigger, DataError> {
    let bad = |m: String| DataError {
        file: file.to_string(),
        message: m,
    };
    let elements: Vec<Element> = row
        .col(0)
        .split_whitespace()
        .map(|e| {
            let e = e.to_lowercase();
            if e == "*" {
                Element::Gap
            } else if let Some(w) = e.strip_prefix('=') {
                Element::Exact(w.to_string())
            } else if let Some(c) = e.strip_prefix('@') {
                Element::Class(c.to_string())
            } else {
                Element::Word(e)
            }
        })
        .collect();
    if elements.is_empty() || elements[0] == Element::Gap || elements.last() == Some(&Element::Gap)
    {
        return Err(bad(format!(
            "pattern {:?} must start and end with a word",
            row.col(0)
        )));
    }
    let category = row.col(1).parse::<Category>().map_err(bad)?;
    let mode = match row.col(2) {
        "" | "-" => None,
        m => {
            if !category.modes().contains(&m) {
                return Err(bad(format!("{m:?} is not a PLOVER mode of {category}")));
            }
            Some(m.to_string())
        }
    };
    let contexts = match row.col(3) {
        "" | "-" => Vec::new(),
        c => c.split(',').map(|s| s.trim().to_string()).collect(),
    };
    let mut flags = TriggerFlags::default();
    let mut cameo = None;
    for f in row
        .col(4)
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty() && *f != "-")
    {
        match f {
            "recip" => flags.reciprocal = true,
            "noun" => flags.noun = true,
            "weak" => flags.weak = true,
            "minor" => flags.minor = true,
            "victim" => flags.victim = true,
            "host" => flags.host = true,
            "object" => flags.object = true,
            "destination" => flags.destination = true,
            "broker" => flags.broker = true,
            "charge" => flags.charge = true,
            _ => match f.strip_prefix("cameo=") {
                Some(c) if c.len() >= 2 && c.bytes().all(|b| b.is_ascii_digit()) => {
                    cameo = Some(c.to_string())
                }
                _ => return Err(bad(format!("unknown flag {f:?}"))),
            },
        }
    }
    Ok(Trigger {
        elements,
        category,
        mode,
        contexts,
        flags,
        cameo,
        source: file.trim_start_matches("lang/").to_string(),
        tier,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_lexicons_load_and_cover_every_category() {
        for lang in [Lang::EN, Lang::ID] {
            let lex = Lexicon::load(lang).unwrap_or_else(|e| panic!("{e}"));
            for c in sitrep_core::ontology::ALL_CATEGORIES {
                assert!(
                    lex.triggers.iter().any(|t| t.category == c && t.tier == 0),
                    "{lang}: no curated trigger for {c}"
                );
            }
            assert!(!lex.mode_cues.is_empty());
        }
    }

    #[test]
    fn curated_patterns_are_not_duplicated() {
        for lang in [Lang::EN, Lang::ID] {
            let mut seen = HashSet::default();
            for row in sitrep_lang::rows(lang, "triggers.tsv") {
                assert!(
                    seen.insert(row.col(0).to_lowercase()),
                    "lang/{lang}/triggers.tsv:{} repeats pattern {:?}",
                    row.line,
                    row.col(0)
                );
            }
        }
    }
}
