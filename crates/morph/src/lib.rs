//! Morphology: maps word forms to the roots and lemmas the lexicons are keyed on.
//!
//! Indonesian: affix analyser (meN-/peN- with nasal assimilation, di-, ter-, ber-,
//! ke-…-an, per-…-an, -kan, -i, -an, clitics, particles, reduplication).
//! English: lemmatiser (inflectional suffixes and irregular forms).
//! All word lists come from `lang/<code>/` data files:
//! - `lang/id/roots.txt`: Indonesian roots with a weight, used to rank the candidate
//!   analyses that the affix rules generate;
//! - `lang/en/irregular.tsv`: irregular English verb forms and plurals;
//! - `lang/en/lemma-exceptions.tsv`: regular-looking English forms the suffix rules get wrong.
//!
//! Analysis is allocation-light (one `String` per analysis) and needs no cache: a few
//! hash look-ups per word. Use [`Analyzer::analyze_into`] in hot loops to reuse the
//! output vector.

mod en;
mod id;

use sitrep_core::Lang;
use sitrep_lang::DataError;

/// Grammatical shape of a form, as far as the rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// The bare root or lemma ("serang", "attack"); also forms whose affixes change
    /// neither voice nor word class (clitics, English plural/3rd-person -s).
    Base,
    /// Active verb (meN-, ber-, -kan/-i on a meN- verb; English finite verb).
    Active,
    /// Passive verb (Indonesian di-; English past participle after a form of "be").
    Passive,
    /// Stative or accidental (Indonesian ter-: "tertembak").
    Stative,
    /// Nominalisation (peN-, -an, peN-…-an, ke-…-an, per-…-an; English plural -ings
    /// nouns such as "killings", whose root is the verb lemma).
    Noun,
    /// Reciprocal reduplication ("tembak-menembak", "pukul-memukul").
    Reciprocal,
    /// English past tense or past participle ("attacked"); with a form of "be" before
    /// it the engine reads it as passive.
    Past,
    /// English -ing form.
    Gerund,
}

/// Affixes an analysis removed, so callers can tell "serangannya" (clitic -nya) from
/// "serangan" or "memberlakukan" (meN+ber … -kan) from "berlaku" without re-parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Affixes {
    /// Prefix as grammars write it: "meN", "di", "ter", "ber", "peN", "per", "ke",
    /// "memper", "diper", stacks such as "meN+ber" or "ke+ter"; "" when none.
    pub prefix: &'static str,
    /// Suffix: Indonesian "kan", "i", "an"; English "s", "ed", "ing", "ings"; "" when none.
    pub suffix: &'static str,
    /// Enclitic pronoun: Indonesian "nya", "ku", "mu"; English possessive "'s".
    pub clitic: &'static str,
    /// Indonesian emphatic particle: "lah", "kah", "pun", "tah".
    pub particle: &'static str,
    /// The word was reduplicated ("serangan-serangan", "tembak-menembak").
    pub reduplicated: bool,
}

/// One analysis of a word form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Root (Indonesian) or lemma (English), lower case.
    pub root: String,
    /// Shape of the form.
    pub form: Form,
    /// What was stripped to reach the root.
    pub affixes: Affixes,
    /// The root was confirmed by a data table (Indonesian root list; English irregular
    /// and exception tables); false for pure rule output (Indonesian guesses on unknown
    /// words such as names and new loans, English regular inflection).
    pub known: bool,
}

impl Analysis {
    /// An analysis with no affixes, for callers building expectations or fallbacks.
    pub fn new(root: impl Into<String>, form: Form) -> Analysis {
        Analysis {
            root: root.into(),
            form,
            affixes: Affixes::default(),
            known: false,
        }
    }
}

enum Engine {
    Indonesian(id::Indonesian),
    English(en::English),
    /// Languages without morphology data: every word is its own root.
    Identity,
}

/// Morphological analyser for one language; build once, share across threads.
pub struct Analyzer {
    lang: Lang,
    engine: Engine,
}

impl Analyzer {
    /// Builds the analyser for `lang` from its data files. Malformed data rows are
    /// skipped (use [`Analyzer::try_new`] to see them); languages with no morphology
    /// data get an analyser that returns each word unchanged.
    pub fn new(lang: Lang) -> Analyzer {
        Self::build(lang, false).unwrap_or_else(|_| Analyzer {
            lang,
            engine: Engine::Identity,
        })
    }

    /// Like [`Analyzer::new`] but fails on the first malformed data row, naming the
    /// file and line, so data authors and CI catch mistakes.
    pub fn try_new(lang: Lang) -> Result<Analyzer, DataError> {
        Self::build(lang, true)
    }

    fn build(lang: Lang, strict: bool) -> Result<Analyzer, DataError> {
        let has_data = sitrep_lang::has_language(lang) || lang == Lang::MS;
        let data_lang = if has_data {
            sitrep_lang::data_language(lang)
        } else {
            lang
        };
        let engine = if data_lang == Lang::ID {
            Engine::Indonesian(id::Indonesian::load(strict)?)
        } else if data_lang == Lang::EN {
            Engine::English(en::English::load(strict)?)
        } else {
            Engine::Identity
        };
        Ok(Analyzer {
            lang: data_lang,
            engine,
        })
    }

    /// Language whose data the analyser uses.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Plausible analyses of `word`, best first. Never empty: the lower-cased form
    /// itself comes last as [`Form::Base`].
    pub fn analyze(&self, word: &str) -> Vec<Analysis> {
        let mut out = Vec::new();
        self.analyze_into(word, &mut out);
        out
    }

    /// [`Analyzer::analyze`] into a caller-owned vector (cleared first), so a loop over
    /// a document's tokens reuses one allocation for the vector.
    pub fn analyze_into(&self, word: &str, out: &mut Vec<Analysis>) {
        out.clear();
        let lower = lowercase(word);
        match &self.engine {
            Engine::Indonesian(a) => a.analyze(&lower, out),
            Engine::English(a) => a.analyze(&lower, out),
            Engine::Identity => {}
        }
        if !out
            .iter()
            .any(|a| a.form == Form::Base && a.root == lower && a.affixes == Affixes::default())
        {
            out.push(Analysis {
                root: lower.into_owned(),
                form: Form::Base,
                affixes: Affixes::default(),
                known: false,
            });
        }
    }

    /// Roots of all analyses of `word`, best first, without duplicates: what a
    /// root-keyed lexicon should try in turn.
    pub fn roots(&self, word: &str) -> impl Iterator<Item = String> {
        let mut roots: Vec<String> = Vec::new();
        for a in self.analyze(word) {
            if !roots.contains(&a.root) {
                roots.push(a.root);
            }
        }
        roots.into_iter()
    }

    /// Root of the best analysis of `word`.
    pub fn root(&self, word: &str) -> String {
        self.analyze(word)
            .into_iter()
            .next()
            .map(|a| a.root)
            .unwrap_or_default()
    }

    /// True when `root` is in the language's root list or lexicon.
    pub fn is_known_root(&self, root: &str) -> bool {
        match &self.engine {
            Engine::Indonesian(a) => a.weight(root).is_some(),
            Engine::English(a) => a.is_known_lemma(root),
            Engine::Identity => false,
        }
    }
}

/// Lower-cases without allocating when the word is already lower-case ASCII.
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    let word = word.trim();
    if word
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
    {
        std::borrow::Cow::Borrowed(word)
    } else if word.is_ascii() {
        std::borrow::Cow::Owned(word.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_parses_strictly() {
        assert!(Analyzer::try_new(Lang::ID).is_ok());
        assert!(Analyzer::try_new(Lang::EN).is_ok());
    }

    #[test]
    fn malay_uses_indonesian_data_and_unknown_languages_are_identity() {
        let ms = Analyzer::new(Lang::MS);
        assert_eq!(ms.lang(), Lang::ID);
        assert_eq!(ms.root("menyerang"), "serang");
        let xx = Analyzer::new(Lang::parse("zz").unwrap());
        assert_eq!(
            xx.analyze("Attacked"),
            vec![Analysis::new("attacked", Form::Base)]
        );
    }

    #[test]
    fn never_empty_and_never_panics_on_odd_input() {
        for lang in [Lang::ID, Lang::EN] {
            let a = Analyzer::new(lang);
            for w in [
                "",
                " ",
                "-",
                "--",
                "'s",
                "x",
                "123",
                "é",
                "ñññ-ñ",
                "a-b-c",
                "ke-",
                "-nya",
                "ber",
            ] {
                let got = a.analyze(w);
                assert!(!got.is_empty(), "{lang} {w:?}");
                assert_eq!(got.last().unwrap().form, Form::Base, "{lang} {w:?}");
            }
            let long = "me".repeat(200);
            assert!(!a.analyze(&long).is_empty());
        }
    }

    #[test]
    fn analyze_into_reuses_and_clears_the_vector() {
        let a = Analyzer::new(Lang::ID);
        let mut out = Vec::new();
        a.analyze_into("ditembak", &mut out);
        assert_eq!(out[0].root, "tembak");
        a.analyze_into("serangan", &mut out);
        assert_eq!(out[0].root, "serang");
        assert!(out.iter().all(|x| x.root != "tembak"));
    }

    #[test]
    fn upper_case_input_is_lowered() {
        let a = Analyzer::new(Lang::ID);
        assert_eq!(a.root("MENYERANG"), "serang");
        let e = Analyzer::new(Lang::EN);
        assert_eq!(e.root("Attacked"), "attack");
    }
}
