//! Per-language place cues, read from `lang/<code>/places.toml`: the words that tie a
//! place to an event, say what kind of place a name is, make a place stand for its
//! government, or make a capitalised word not a place at all.

use rustc_hash::FxHashSet as HashSet;

use serde::Deserialize;
use sitrep_core::Lang;

use crate::PlacesError;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event_cues: EventCuesFile,
    #[serde(default)]
    type_cues: TypeCuesFile,
    #[serde(default)]
    metonymy: MetonymyFile,
    #[serde(default)]
    recognition: RecognitionFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventCuesFile {
    #[serde(default)]
    point: Vec<String>,
    #[serde(default)]
    area: Vec<String>,
    #[serde(default)]
    origin: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeCuesFile {
    #[serde(default)]
    admin_before: Vec<String>,
    #[serde(default)]
    admin_after: Vec<String>,
    #[serde(default)]
    town_before: Vec<String>,
    #[serde(default)]
    town_after: Vec<String>,
    #[serde(default)]
    local_before: Vec<String>,
    #[serde(default)]
    site_before: Vec<String>,
    #[serde(default)]
    building_before: Vec<String>,
    #[serde(default)]
    container_before: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetonymyFile {
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    auxiliaries: Vec<String>,
    #[serde(default)]
    actor_nouns_after: Vec<String>,
    #[serde(default)]
    actor_before: Vec<String>,
    #[serde(default)]
    nationality_before: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecognitionFile {
    #[serde(default)]
    stop_words: Vec<String>,
    #[serde(default)]
    org_after: Vec<String>,
    #[serde(default)]
    facility_after: Vec<String>,
    #[serde(default)]
    feature_after: Vec<String>,
    #[serde(default)]
    direction_after: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    org_before_of: Vec<String>,
    #[serde(default)]
    person_before: Vec<String>,
    #[serde(default)]
    name_ok_before: Vec<String>,
    #[serde(default)]
    name_ok_after: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    lowercase_edges: Vec<String>,
    #[serde(default)]
    list_joiners: Vec<String>,
    #[serde(default)]
    home_countries: Vec<String>,
    #[serde(default)]
    owner_links: Vec<String>,
    #[serde(default)]
    possessive_markers: Vec<String>,
}

/// A list of phrases (each a sequence of folded words), matched against token words.
/// A `*` in a phrase stands for any one word, so data can say "the * town of" once
/// instead of listing "the eastern town of", "the Kenyan town of" and the rest.
/// Indexed by first and by last word: the parser asks at every token, and most
/// tokens start or end no phrase.
#[derive(Debug, Default, Clone)]
pub struct Phrases {
    /// First word → phrases starting with it, longest first.
    by_first: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    /// Last word → phrases ending with it, longest first.
    by_last: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    /// Phrases starting with `*`, longest first.
    wild_first: Vec<Vec<String>>,
    /// Phrases ending with `*`, longest first.
    wild_last: Vec<Vec<String>>,
}

/// The wildcard word of [`Phrases`].
const ANY_WORD: &str = "*";

/// Whether phrase word `p` matches token word `w`: equal, or `*` against a word (not
/// punctuation, not a number).
fn word_matches(p: &str, w: &str) -> bool {
    p == w || (p == ANY_WORD && w.chars().next().is_some_and(char::is_alphabetic))
}

impl Phrases {
    fn new(list: &[String]) -> Phrases {
        let mut phrases: Vec<Vec<String>> = list
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(sitrep_core::text::fold)
                    .collect::<Vec<_>>()
            })
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        // Longest first, so the first match is the longest.
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let mut out = Phrases::default();
        for p in phrases {
            if p[0] == ANY_WORD {
                out.wild_first.push(p.clone());
            } else {
                out.by_first
                    .entry(p[0].clone())
                    .or_default()
                    .push(p.clone());
            }
            if p[p.len() - 1] == ANY_WORD {
                out.wild_last.push(p);
            } else {
                out.by_last
                    .entry(p[p.len() - 1].clone())
                    .or_default()
                    .push(p);
            }
        }
        out
    }

    /// Length (in words) of the longest phrase ending right before `words[end]`.
    pub fn ending_at(&self, words: &[&str], end: usize) -> Option<usize> {
        let last = words.get(end.checked_sub(1)?)?;
        let fits = |p: &&Vec<String>| {
            p.len() <= end
                && p.iter()
                    .zip(&words[end - p.len()..end])
                    .all(|(a, b)| word_matches(a, b))
        };
        let indexed = self.by_last.get(*last).and_then(|v| v.iter().find(fits));
        let wild = self.wild_last.iter().find(fits);
        indexed.into_iter().chain(wild).map(Vec::len).max()
    }

    /// Length of the longest phrase starting at `words[start]`.
    pub fn starting_at(&self, words: &[&str], start: usize) -> Option<usize> {
        let first = words.get(start)?;
        let fits = |p: &&Vec<String>| {
            start + p.len() <= words.len()
                && p.iter()
                    .zip(&words[start..])
                    .all(|(a, b)| word_matches(a, b))
        };
        let indexed = self.by_first.get(*first).and_then(|v| v.iter().find(fits));
        let wild = self.wild_first.iter().find(fits);
        indexed.into_iter().chain(wild).map(Vec::len).max()
    }
}

/// Cues of one language.
#[derive(Debug, Default, Clone)]
pub struct Cues {
    /// Locative cues giving a point ("in", "di").
    pub point: Phrases,
    /// Locative cues giving an area ("near", "dekat").
    pub area: Phrases,
    /// Point cues that name where a movement started ("from Ambon to South Buru"): such a
    /// place is the event's only when no other cued place is there.
    pub origin: Phrases,
    /// "province of", "Kabupaten".
    pub admin_before: Phrases,
    /// "province", "district".
    pub admin_after: Phrases,
    /// "town of", "Desa".
    pub town_before: Phrases,
    /// "city", "village".
    pub town_after: Phrases,
    /// Settlement words before a village name the gazetteer may lack ("Desa", "Kampung",
    /// "the village of"): the name is then a place even when unknown.
    pub local_before: Phrases,
    /// Words before a street or site name ("Jalan Budi Utomo, Timika"): the known place
    /// named right after it is where the event happened, at area precision.
    pub site_before: Phrases,
    /// Words before the name of a building ("gedung DPRD, Surabaya", "kantor Bupati"):
    /// like site words, the known place named right after holds the event; unlike a
    /// street, a known place right after the word is the building's place ("gedung Gaza
    /// berlantai 13" is in Gaza).
    pub building_before: Phrases,
    /// Words between a comma and the place holding the name before it ("Austin, in Scott
    /// County"): the same containment as a bare comma.
    pub container_before: Phrases,
    /// Articles that may stand between an event cue and a name ("in the Jenin camp").
    pub articles: Phrases,
    /// Verbs that make a capital or country an actor ("said", "mengatakan").
    pub metonym_verbs: Phrases,
    /// Words allowed between the name and the verb ("has", "telah").
    pub auxiliaries: Phrases,
    /// "Moscow's decision", "the Jakarta government".
    pub actor_nouns_after: Phrases,
    /// "government of", "pemerintah".
    pub actor_before: Phrases,
    /// "warga", "citizens of".
    pub nationality_before: Phrases,
    /// Single capitalised words that are never a place alone.
    pub stop_words: HashSet<String>,
    /// "Post", "United" after a place: an organisation's name.
    pub org_after: Phrases,
    /// Facility words after a name that a place then holds ("the La Roca *prison* in
    /// Guayaquil"): the name is the facility's, not a place.
    pub facility_after: Phrases,
    /// Capitalised feature words after a name that make the whole another feature the
    /// gazetteer lacks ("Islington *Bay*", "St. Peter's *Square*"): not the town named.
    pub feature_after: Phrases,
    /// Compass words written after a name, with the English word the gazetteer puts
    /// before it ("Kivu *Selatan*" is South Kivu, "Darfur *Utara*" North Darfur).
    pub direction_after: rustc_hash::FxHashMap<String, String>,
    /// "University" before "of PLACE".
    pub org_before_of: HashSet<String>,
    /// "Mr", "Pak" before a name: a person.
    pub person_before: HashSet<String>,
    /// Capitalised words that may precede a place.
    pub name_ok_before: Phrases,
    /// Capitalised words that may follow a place.
    pub name_ok_after: Phrases,
    /// Lower-case words allowed inside a name.
    pub connectors: HashSet<String>,
    /// Lower-case words allowed at the edges of a name ("perbatasan", "border").
    pub lowercase_edges: HashSet<String>,
    /// Words that join the items of a list of places ("and", "or", "dan"): the items
    /// are siblings of one kind ("Georgia, Oklahoma, Pennsylvania and Wisconsin").
    pub list_joiners: Phrases,
    /// ISO alpha-3 codes of countries the language's press mostly covers.
    pub home_countries: Vec<String>,
    /// Words that may join a party to the jurisdiction it belongs to ("the governor of
    /// Papua", "pengungsi dari Gaza"); nothing at all ("Gubernur Papua") always may.
    pub owner_links: Vec<String>,
    /// Tokens after an owner that make it one ("Thailand's southern Narathiwat province",
    /// "the Philippines' decision", "St. Peter's Square"), folded.
    pub possessive_markers: HashSet<String>,
}

fn set(list: &[String]) -> HashSet<String> {
    list.iter()
        .map(|s| sitrep_core::text::fold(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

impl Cues {
    /// Whether a locative cue ("di", "near", "in the town of") ends right before token
    /// `k`.
    pub fn locative_ending_at(&self, words: &[&str], k: usize) -> bool {
        self.point.ending_at(words, k).is_some() || self.area.ending_at(words, k).is_some()
    }

    /// Parses a `places.toml` text; `source` names the file in errors.
    pub fn parse(text: &str, source: &str) -> Result<Cues, PlacesError> {
        let f: File =
            toml::from_str(text).map_err(|e| PlacesError::Data(format!("{source}: {e}")))?;
        Ok(Cues::from_file(f))
    }

    /// Cues of `lang` (its data language), empty when the language has no places.toml.
    pub fn load(lang: Lang) -> Result<Cues, PlacesError> {
        let data = sitrep_lang::data_language(lang);
        match sitrep_lang::toml_file::<File>(data, "places.toml") {
            Ok(Some(f)) => Ok(Cues::from_file(f)),
            Ok(None) => Ok(Cues::default()),
            Err(e) => Err(PlacesError::Data(e.to_string())),
        }
    }

    fn from_file(f: File) -> Cues {
        Cues {
            point: Phrases::new(&f.event_cues.point),
            area: Phrases::new(&f.event_cues.area),
            origin: Phrases::new(&f.event_cues.origin),
            admin_before: Phrases::new(&f.type_cues.admin_before),
            admin_after: Phrases::new(&f.type_cues.admin_after),
            town_before: Phrases::new(&f.type_cues.town_before),
            town_after: Phrases::new(&f.type_cues.town_after),
            local_before: Phrases::new(&f.type_cues.local_before),
            site_before: Phrases::new(&f.type_cues.site_before),
            building_before: Phrases::new(&f.type_cues.building_before),
            container_before: Phrases::new(&f.type_cues.container_before),
            articles: Phrases::new(&f.type_cues.articles),
            metonym_verbs: Phrases::new(&f.metonymy.verbs),
            auxiliaries: Phrases::new(&f.metonymy.auxiliaries),
            actor_nouns_after: Phrases::new(&f.metonymy.actor_nouns_after),
            actor_before: Phrases::new(&f.metonymy.actor_before),
            nationality_before: Phrases::new(&f.metonymy.nationality_before),
            stop_words: set(&f.recognition.stop_words),
            org_after: Phrases::new(&f.recognition.org_after),
            facility_after: Phrases::new(&f.recognition.facility_after),
            feature_after: Phrases::new(&f.recognition.feature_after),
            direction_after: f
                .recognition
                .direction_after
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            org_before_of: set(&f.recognition.org_before_of),
            person_before: set(&f.recognition.person_before),
            name_ok_before: Phrases::new(&f.recognition.name_ok_before),
            name_ok_after: Phrases::new(&f.recognition.name_ok_after),
            connectors: set(&f.recognition.connectors),
            lowercase_edges: set(&f.recognition.lowercase_edges),
            list_joiners: Phrases::new(&f.recognition.list_joiners),
            home_countries: f
                .recognition
                .home_countries
                .iter()
                .map(|s| s.trim().to_uppercase())
                .collect(),
            owner_links: f
                .recognition
                .owner_links
                .iter()
                .map(|s| s.trim().to_lowercase())
                .collect(),
            possessive_markers: set(&f.recognition.possessive_markers),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_longest_first() {
        let p = Phrases::new(&[
            "of".into(),
            "on the outskirts of".into(),
            "outskirts of".into(),
        ]);
        let words = ["fighting", "on", "the", "outskirts", "of"];
        assert_eq!(p.ending_at(&words, 5), Some(4));
        assert_eq!(p.ending_at(&words, 1), None);
        assert_eq!(p.starting_at(&words, 1), Some(4));
        assert_eq!(p.starting_at(&words, 4), Some(1));
    }

    #[test]
    fn a_star_matches_one_word() {
        let p = Phrases::new(&["the * town of".into(), "* port of".into()]);
        let words = ["in", "the", "kenyan", "town", "of", "kisumu"];
        assert_eq!(p.ending_at(&words, 5), Some(4));
        assert_eq!(p.starting_at(&words, 1), Some(4));
        // Not across punctuation or a number.
        assert_eq!(p.ending_at(&["the", ",", "town", "of"], 4), None);
        assert_eq!(p.ending_at(&["the", "#", "town", "of"], 4), None);
        assert_eq!(p.ending_at(&["busy", "port", "of"], 3), Some(3));
        assert_eq!(p.starting_at(&["busy", "port", "of"], 0), Some(3));
    }

    #[test]
    fn shipped_language_files_parse() {
        for lang in [Lang::EN, Lang::ID] {
            let c = Cues::load(lang).unwrap();
            assert!(
                c.point
                    .ending_at(&["x", if lang == Lang::EN { "in" } else { "di" }], 2)
                    .is_some()
            );
            assert!(!c.stop_words.is_empty());
        }
        assert_eq!(
            Cues::load(Lang::ID).unwrap().home_countries,
            vec!["IDN".to_string()]
        );
    }

    #[test]
    fn broken_file_names_itself() {
        let e = Cues::parse("[event_cues]\npoint = 3\n", "lang/xx/places.toml").unwrap_err();
        assert!(e.to_string().contains("lang/xx/places.toml"));
        let e = Cues::parse("[nope]\n", "lang/xx/places.toml").unwrap_err();
        assert!(e.to_string().contains("nope"));
    }
}
