//! English lemmatiser: irregular forms from `lang/en/irregular.tsv`, regular-looking
//! forms the rules get wrong from `lang/en/lemma-exceptions.tsv`, and suffix rules for
//! everything else (-s/-es/-ies, -ed/-ied, -ing, doubled consonants, silent -e).
//!
//! Lemmas stay faithful to inflection only: "attacks" -> "attack", "attacked" ->
//! "attack" ([`Form::Past`]), "attacking" -> "attack" ([`Form::Gerund`]). Plural -ings
//! nouns ("killings", "bombings") get the verb lemma with [`Form::Noun`] first and the
//! -ing noun second, so verb-keyed trigger lexicons find them. Derivation (-ion, -er,
//! comparatives) is left alone.
//!
//! The rules are mirrored in `scripts/morph/build_en_data.py`, which lists in the
//! exceptions file every frequent form on which they disagree with WordNet;
//! `fixtures/morph/en-rule-parity.tsv` checks that both implementations agree.

use rustc_hash::FxHashMap;
use sitrep_core::Lang;
use sitrep_lang::DataError;

use crate::{Affixes, Analysis, Form};

pub(crate) struct English {
    /// Irregular form -> (lemma, form), several rows per form allowed, best first.
    irregular: FxHashMap<&'static str, Vec<(&'static str, Form)>>,
    /// Regular-looking form -> lemma, where the rules would be wrong.
    exceptions: FxHashMap<&'static str, &'static str>,
    /// Every lemma named in the data files.
    lemmas: rustc_hash::FxHashSet<&'static str>,
}

impl English {
    pub(crate) fn load(strict: bool) -> Result<English, DataError> {
        let mut irregular: FxHashMap<&'static str, Vec<(&'static str, Form)>> =
            FxHashMap::default();
        let mut exceptions = FxHashMap::default();
        let mut lemmas = rustc_hash::FxHashSet::default();
        let bad = |file: &str, line: usize, msg: String| DataError {
            file: format!("lang/en/{file}"),
            message: format!("line {line}: {msg}"),
        };
        for row in sitrep_lang::rows(Lang::EN, "irregular.tsv") {
            let (form, lemma, tag) = (row.col(0), row.col(1), row.col(2));
            let parsed = match tag {
                "past" => Some(Form::Past),
                "ing" => Some(Form::Gerund),
                "base" | "plural" | "present" | "" => Some(Form::Base),
                _ => None,
            };
            match parsed {
                Some(f) if !form.is_empty() && !lemma.is_empty() => {
                    irregular.entry(form).or_default().push((lemma, f));
                    lemmas.insert(lemma);
                }
                _ if strict => {
                    return Err(bad(
                        "irregular.tsv",
                        row.line,
                        "expected `form<TAB>lemma<TAB>past|ing|present|plural|base`".into(),
                    ));
                }
                _ => {}
            }
        }
        for row in sitrep_lang::rows(Lang::EN, "lemma-exceptions.tsv") {
            let (form, lemma) = (row.col(0), row.col(1));
            if form.is_empty() || lemma.is_empty() || row.cols.len() > 2 {
                if strict {
                    return Err(bad(
                        "lemma-exceptions.tsv",
                        row.line,
                        "expected `form<TAB>lemma`".into(),
                    ));
                }
                continue;
            }
            exceptions.insert(form, lemma);
            lemmas.insert(lemma);
        }
        Ok(English {
            irregular,
            exceptions,
            lemmas,
        })
    }

    pub(crate) fn is_known_lemma(&self, lemma: &str) -> bool {
        self.lemmas.contains(lemma)
    }

    pub(crate) fn analyze(&self, word: &str, out: &mut Vec<Analysis>) {
        if word.is_empty() || word.len() > 64 {
            return;
        }
        // Possessive clitic: "israel's", "soldiers'".
        for clitic in ["'s", "\u{2019}s"] {
            if let Some(stem) = word.strip_suffix(clitic) {
                if !stem.is_empty() {
                    let before = out.len();
                    self.analyze(stem, out);
                    for a in &mut out[before..] {
                        a.affixes.clitic = "'s";
                    }
                    let stem_base = Analysis {
                        root: stem.to_string(),
                        form: Form::Base,
                        affixes: Affixes {
                            clitic: "'s",
                            ..Affixes::default()
                        },
                        known: false,
                    };
                    if !out[before..].iter().any(|a| a.root == stem) {
                        out.push(stem_base);
                    }
                }
                return;
            }
        }
        // Hyphenated compounds inflect on the last part: "self-declared".
        if let Some((head, last)) = word.rsplit_once('-') {
            if !head.is_empty() && !last.is_empty() {
                let before = out.len();
                self.analyze(last, out);
                for a in &mut out[before..] {
                    a.root = format!("{head}-{}", a.root);
                }
            }
            return;
        }
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return;
        }
        if let Some(rows) = self.irregular.get(word) {
            for &(lemma, form) in rows {
                out.push(Analysis {
                    root: lemma.to_string(),
                    form,
                    affixes: Affixes {
                        suffix: suffix_of(word, form),
                        ..Affixes::default()
                    },
                    known: true,
                });
            }
            return;
        }
        if let Some(lemma) = self.exceptions.get(word) {
            self.push_regular(word, lemma, true, out);
            return;
        }
        if let Some(lemma) = rule_lemma(word) {
            let known = self.lemmas.contains(lemma.as_str());
            self.push_regular(word, &lemma, known, out);
        }
    }

    /// Pushes the analysis of a regular form whose lemma is known.
    fn push_regular(&self, word: &str, lemma: &str, known: bool, out: &mut Vec<Analysis>) {
        if lemma == word {
            out.push(Analysis {
                root: word.to_string(),
                form: Form::Base,
                affixes: Affixes::default(),
                known: true,
            });
            return;
        }
        // "killings": verb lemma as a nominalisation, then the -ing noun.
        if lemma.ends_with("ing") && word.strip_suffix('s') == Some(lemma) {
            let mut verb = Vec::new();
            self.analyze(lemma, &mut verb);
            if let Some(v) = verb.into_iter().find(|a| a.form == Form::Gerund) {
                out.push(Analysis {
                    root: v.root,
                    form: Form::Noun,
                    affixes: Affixes {
                        suffix: "ings",
                        ..Affixes::default()
                    },
                    known: v.known,
                });
            }
        }
        let form = if word.ends_with("ing") {
            Form::Gerund
        } else if word.ends_with("ed") {
            Form::Past
        } else {
            Form::Base
        };
        out.push(Analysis {
            root: lemma.to_string(),
            form,
            affixes: Affixes {
                suffix: suffix_of(word, form),
                ..Affixes::default()
            },
            known,
        });
    }
}

fn suffix_of(word: &str, form: Form) -> &'static str {
    match form {
        Form::Gerund if word.ends_with("ing") => "ing",
        Form::Past if word.ends_with("ed") => "ed",
        Form::Base if word.ends_with('s') => "s",
        _ => "",
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(|b| is_vowel(b) || b == b'y')
}

/// Lemma of a regular form by suffix rules alone; `None` when the word does not look
/// inflected. Mirrored by `rule_lemma` in scripts/morph/build_en_data.py.
pub(crate) fn rule_lemma(w: &str) -> Option<String> {
    let n = w.len();
    if n >= 5 && w.ends_with("ing") {
        let stem = &w[..n - 3];
        if !has_vowel(stem) || stem.len() < 2 {
            return None;
        }
        let s = stem.as_bytes();
        if stem.len() == 2 && s[1] == b'y' && !is_vowel(s[0]) {
            return Some(format!("{}ie", &stem[..1])); // dying, lying, tying
        }
        return Some(restore_stem(stem));
    }
    if n >= 4 && w.ends_with("ed") {
        if w.ends_with("ied") {
            let stem = &w[..n - 3];
            return Some(if stem.len() <= 1 {
                format!("{stem}ie") // died, lied, tied
            } else {
                format!("{stem}y") // carried, denied
            });
        }
        if w.ends_with("eed") {
            return Some(w[..n - 1].to_string()); // agreed, freed
        }
        let stem = &w[..n - 2];
        if !has_vowel(stem) || stem.len() < 2 {
            return None;
        }
        return Some(restore_stem(stem));
    }
    if n >= 4 && w.ends_with('s') {
        if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.ends_with("ous") {
            return None;
        }
        if w.ends_with("ies") {
            let stem = &w[..n - 3];
            return Some(if stem.len() <= 1 {
                format!("{stem}ie")
            } else {
                format!("{stem}y")
            });
        }
        for tail in ["sses", "xes", "ches", "shes", "zzes", "oes"] {
            if w.ends_with(tail) {
                return Some(w[..n - 2].to_string());
            }
        }
        return Some(w[..n - 1].to_string());
    }
    None
}

/// Undoes consonant doubling and restores a silent -e on an -ed/-ing stem.
fn restore_stem(stem: &str) -> String {
    let s = stem.as_bytes();
    let n = s.len();
    let last = s[n - 1];
    let prev = if n >= 2 { s[n - 2] } else { 0 };
    let prev2 = if n >= 3 { s[n - 3] } else { 0 };
    if last == prev && !is_vowel(last) && !matches!(last, b'l' | b's' | b'z' | b'f') {
        return stem[..n - 1].to_string(); // banned, shipped, stopped
    }
    if last == b'e' || last == b'y' || last == b'w' || last == b'x' {
        return stem.to_string();
    }
    // A single vowel between consonants before the last letter.
    let single_vowel = is_vowel(prev) && !is_vowel(prev2);
    let needs_e = match last {
        b'v' | b'u' | b'c' | b'z' => true,
        b's' => prev != b's',
        b'g' => match prev {
            b'r' | b'd' | b'l' => true,
            b'n' => matches!(prev2, b'a' | b'e' | b'i' | b'u'),
            p => is_vowel(p),
        },
        b'l' => match prev {
            b'b' | b'p' | b't' | b'd' | b'g' | b'k' | b'z' | b'c' | b'f' => true,
            b'i' | b'o' | b'u' | b'y' | b'a' => single_vowel,
            _ => false,
        },
        b'm' => single_vowel,
        b'n' => single_vowel && matches!(prev, b'i' | b'u' | b'a'),
        b't' => match prev {
            b'a' => !matches!(prev2, b'e' | b'o' | b'a'), // evacuate, state; defeat, float
            b'o' | b'u' => single_vowel,                  // vote, execute; riot, shout
            b'e' => single_vowel && matches!(prev2, b'l' | b'p'), // delete, compete
            _ => false,                                   // visit, target
        },
        b'r' => single_vowel && matches!(prev, b'i' | b'u' | b'a'),
        b'd' | b'p' | b'k' | b'b' => single_vowel,
        b'h' => prev == b't' && is_vowel(prev2) && n <= 5,
        _ => false,
    };
    if needs_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::rule_lemma;
    use crate::{Analyzer, Form};
    use sitrep_core::Lang;

    fn first(a: &Analyzer, w: &str) -> (String, Form) {
        let x = a.analyze(w).into_iter().next().unwrap();
        (x.root, x.form)
    }

    #[test]
    fn regular_inflection() {
        let a = Analyzer::new(Lang::EN);
        assert_eq!(first(&a, "attacked"), ("attack".into(), Form::Past));
        assert_eq!(first(&a, "attacking"), ("attack".into(), Form::Gerund));
        assert_eq!(first(&a, "attacks"), ("attack".into(), Form::Base));
        assert_eq!(first(&a, "banned"), ("ban".into(), Form::Past));
        assert_eq!(first(&a, "shelled"), ("shell".into(), Form::Past));
        assert_eq!(first(&a, "agreed"), ("agree".into(), Form::Past));
        assert_eq!(first(&a, "died"), ("die".into(), Form::Past));
        assert_eq!(first(&a, "evacuated"), ("evacuate".into(), Form::Past));
        assert_eq!(first(&a, "countries"), ("country".into(), Form::Base));
    }

    #[test]
    fn irregular_forms_come_from_data() {
        let a = Analyzer::new(Lang::EN);
        assert_eq!(first(&a, "fled"), ("flee".into(), Form::Past));
        assert_eq!(first(&a, "was"), ("be".into(), Form::Past));
        assert_eq!(first(&a, "struck"), ("strike".into(), Form::Past));
        assert_eq!(first(&a, "children"), ("child".into(), Form::Base));
    }

    #[test]
    fn words_that_only_look_inflected_stay_whole() {
        let a = Analyzer::new(Lang::EN);
        for w in [
            "news", "during", "thing", "red", "crisis", "status", "hundred", "need",
        ] {
            assert_eq!(first(&a, w).0, w, "{w}");
        }
    }

    #[test]
    fn ings_nouns_point_at_the_verb() {
        let a = Analyzer::new(Lang::EN);
        let got = a.analyze("killings");
        assert_eq!((got[0].root.as_str(), got[0].form), ("kill", Form::Noun));
        assert!(got.iter().any(|x| x.root == "killing"));
    }

    #[test]
    fn possessives_and_compounds() {
        let a = Analyzer::new(Lang::EN);
        let x = &a.analyze("Israel's")[0];
        assert_eq!((x.root.as_str(), x.affixes.clitic), ("israel", "'s"));
        assert_eq!(
            first(&a, "self-declared"),
            ("self-declare".into(), Form::Past)
        );
    }

    #[test]
    fn rules_match_the_python_mirror() {
        // Pairs written by scripts/morph/build_en_data.py with its copy of the rules.
        let text = include_str!("../../../fixtures/morph/en-rule-parity.tsv");
        let mut n = 0;
        for row in sitrep_lang::tsv_rows(text) {
            let expected = if row.col(1) == "-" {
                None
            } else {
                Some(row.col(1).to_string())
            };
            assert_eq!(
                rule_lemma(row.col(0)),
                expected,
                "line {}: {}",
                row.line,
                row.col(0)
            );
            n += 1;
        }
        assert!(n >= 1000, "parity list too short: {n}");
    }
}
