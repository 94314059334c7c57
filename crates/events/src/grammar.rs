//! Function words the role and modality rules read: `lang/<code>/grammar.toml` and
//! `lang/<code>/modality.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;
use sitrep_core::Lang;
use sitrep_lang::DataError;

/// A set of one- or multi-word phrases, matched on lower-cased tokens. Indexed by
/// first word: these lookups run at every token of every sentence.
#[derive(Debug, Clone, Default)]
pub struct Phrases {
    /// First word → phrases starting with it, longest first.
    by_first: rustc_hash::FxHashMap<String, Vec<Vec<String>>>,
    /// Which first-word lengths and first bytes occur: most words are rejected by
    /// these two bit tests without hashing them.
    first_filter: FirstWordFilter,
    /// Longer phrases whose words never count ("lebih dulu", first, is no "dulu", once).
    except: Option<Box<Phrases>>,
}

impl Phrases {
    fn new(list: &[String]) -> Phrases {
        let mut by_first: rustc_hash::FxHashMap<String, Vec<Vec<String>>> = Default::default();
        for p in list {
            let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        }
        let mut first_filter = FirstWordFilter::default();
        for w in by_first.keys() {
            first_filter.add(w);
        }
        Phrases {
            by_first,
            first_filter,
            except: None,
        }
    }

    /// Phrases that match nowhere inside one of `except`.
    fn new_except(list: &[String], except: &[String]) -> Phrases {
        let mut p = Phrases::new(list);
        if !except.is_empty() {
            p.except = Some(Box::new(Phrases::new(except)));
        }
        p
    }

    /// Phrases starting with word `w`.
    fn first(&self, w: &str) -> Option<&Vec<Vec<String>>> {
        if !self.first_filter.may_contain(w) {
            return None;
        }
        self.by_first.get(w)
    }

    /// Whether an exception phrase covers word `i`.
    fn excepted(&self, words: &[String], i: usize) -> bool {
        self.except.as_ref().is_some_and(|x| {
            (i.saturating_sub(5)..=i).any(|s| x.at(words, s).is_some_and(|l| s + l > i))
        })
    }

    /// Length of the longest phrase starting at `i`, if any.
    pub fn at(&self, words: &[String], i: usize) -> Option<usize> {
        let cands = self.first(words.get(i)?)?;
        if self.excepted(words, i) {
            return None;
        }
        cands
            .iter()
            .find(|p| {
                i + p.len() <= words.len()
                    && p[1..]
                        .iter()
                        .enumerate()
                        .all(|(k, w)| words[i + 1 + k] == *w)
            })
            .map(Vec::len)
    }

    /// Length of the longest phrase ending just before `end`, if any.
    pub fn ending_at(&self, words: &[String], end: usize) -> Option<usize> {
        // Phrases are short: try each possible start.
        (1..=end.min(6)).rev().find(|&len| {
            self.at(words, end - len) == Some(len) || self.matches_exactly(words, end - len, len)
        })
    }

    fn matches_exactly(&self, words: &[String], i: usize, len: usize) -> bool {
        i < words.len()
            && !self.excepted(words, i)
            && self.first(&words[i]).is_some_and(|cands| {
                cands.iter().any(|p| {
                    p.len() == len
                        && p[1..]
                            .iter()
                            .enumerate()
                            .all(|(k, w)| words[i + 1 + k] == *w)
                })
            })
    }

    /// Whether a single word is one of the phrases.
    pub fn contains_word(&self, w: &str) -> bool {
        self.first(w)
            .is_some_and(|c| c.iter().any(|p| p.len() == 1))
    }

    /// First phrase occurring anywhere in `words[from..to]`: (position, length).
    pub fn find_in(&self, words: &[String], from: usize, to: usize) -> Option<(usize, usize)> {
        (from..to).find_map(|i| self.at(words, i).filter(|&l| i + l <= to).map(|l| (i, l)))
    }
}

/// Lengths (capped at 63 bytes) and first bytes of a set of words. A word whose length
/// or first byte is absent is certainly not in the set; a present one may be.
#[derive(Debug, Clone, Default)]
struct FirstWordFilter {
    lengths: u64,
    first_bytes: [u64; 4],
}

impl FirstWordFilter {
    fn add(&mut self, w: &str) {
        self.lengths |= 1 << w.len().min(63);
        if let Some(&b) = w.as_bytes().first() {
            self.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    fn may_contain(&self, w: &str) -> bool {
        self.lengths & (1 << w.len().min(63)) != 0
            && w.as_bytes()
                .first()
                .is_none_or(|&b| self.first_bytes[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

#[derive(Deserialize)]
struct GrammarFile {
    #[serde(default)]
    passive_aux: Vec<String>,
    #[serde(default)]
    agent_preps: Vec<String>,
    #[serde(default)]
    recipient_preps: Vec<String>,
    #[serde(default)]
    partner_preps: Vec<String>,
    #[serde(default)]
    nominal_object_preps: Vec<String>,
    #[serde(default)]
    event_object_cues: Vec<String>,
    #[serde(default)]
    possessive_pronouns: Vec<String>,
    #[serde(default)]
    possessives_after: Vec<String>,
    #[serde(default)]
    stative_participles: Vec<String>,
    #[serde(default)]
    agent_noun_prefixes: Vec<String>,
    #[serde(default)]
    possessive_suffixes: Vec<String>,
    #[serde(default)]
    locative_preps: Vec<String>,
    #[serde(default)]
    coordinators: Vec<String>,
    #[serde(default)]
    clause_breaks: Vec<String>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    noun_purpose: Vec<String>,
    #[serde(default)]
    topic_verbs: Vec<String>,
    #[serde(default)]
    participle_preps: Vec<String>,
    #[serde(default)]
    noun_purpose_skip: Vec<String>,
    #[serde(default)]
    background_preps: Vec<String>,
    #[serde(default)]
    toll_verbs: Vec<String>,
    #[serde(default)]
    numerals: Vec<String>,
    #[serde(default)]
    noun_preps: Vec<String>,
    #[serde(default)]
    report_continuers: Vec<String>,
    #[serde(default)]
    source_preps: Vec<String>,
    #[serde(default)]
    topic_preps: Vec<String>,
    #[serde(default)]
    sports_verbs: Vec<String>,
    #[serde(default)]
    permission_verbs: Vec<String>,
    #[serde(default)]
    sports_cues: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    relativizers: Vec<String>,
    #[serde(default)]
    reciprocal_markers: Vec<String>,
    #[serde(default)]
    copulas: Vec<String>,
    #[serde(default)]
    first_person: Vec<String>,
    #[serde(default)]
    hazards: Vec<String>,
    #[serde(default)]
    crowds: Vec<String>,
    #[serde(default)]
    crowd_sizes: Vec<String>,
    #[serde(default)]
    temporal_openers: Vec<String>,
    #[serde(default)]
    relief_purposes: Vec<String>,
    #[serde(default)]
    hostages: Vec<String>,
    #[serde(default)]
    vows: Vec<String>,
    #[serde(default)]
    responsibility: Vec<String>,
    #[serde(default)]
    publications: Vec<String>,
    #[serde(default)]
    border_nouns: Vec<String>,
    #[serde(default)]
    clause_complementizers: Vec<String>,
    #[serde(default)]
    gerund_list_preps: Vec<String>,
    #[serde(default)]
    topic_heads: Vec<String>,
    #[serde(default)]
    topic_heads_before: Vec<String>,
    #[serde(default)]
    perception_verbs: Vec<String>,
    #[serde(default)]
    speaker_subjects: Vec<String>,
    #[serde(default)]
    clock_words: Vec<String>,
    #[serde(default)]
    relative_qualifiers: Vec<String>,
    #[serde(default)]
    prep_skips: Vec<String>,
    #[serde(default)]
    prep_modifiers: Vec<String>,
    #[serde(default)]
    office_preps: Vec<String>,
    #[serde(default)]
    capacity_words: Vec<String>,
    #[serde(default)]
    condition_openers: Vec<String>,
    #[serde(default)]
    object_pronouns: Vec<String>,
    #[serde(default)]
    perfect_auxiliaries: Vec<String>,
    #[serde(default)]
    beneficiary_preps: Vec<String>,
    #[serde(default)]
    base_verbs: Vec<String>,
    #[serde(default)]
    need_verbs: Vec<String>,
    #[serde(default)]
    auxiliaries: Vec<String>,
    #[serde(default)]
    verb_joiners: Vec<String>,
    #[serde(default)]
    destination_preps: Vec<String>,
    #[serde(default)]
    holder_verbs: Vec<String>,
    #[serde(default)]
    definite_before: Vec<String>,
    #[serde(default)]
    definite_after: Vec<String>,
    #[serde(default)]
    organisation_heads: Vec<String>,
    #[serde(default)]
    anaphora: AnaphoraFile,
}

#[derive(Deserialize, Default)]
struct AnaphoraFile {
    #[serde(default)]
    plural: Vec<String>,
    #[serde(default)]
    singular: Vec<String>,
    #[serde(default)]
    person: Vec<String>,
    #[serde(default)]
    pair: Vec<String>,
    #[serde(default)]
    definite: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct ModalityFile {
    #[serde(default = "default_window")]
    window: usize,
    #[serde(default)]
    negation: Vec<String>,
    #[serde(default)]
    hypothetical: Vec<String>,
    #[serde(default)]
    historical: Vec<String>,
    #[serde(default)]
    not_historical: Vec<String>,
    #[serde(default)]
    historical_after: Vec<String>,
    #[serde(default)]
    future: Vec<String>,
    #[serde(default)]
    intent: Vec<String>,
    #[serde(default)]
    obligation: Vec<String>,
    #[serde(default)]
    conditions: Vec<String>,
    #[serde(default)]
    periods: Vec<String>,
    #[serde(default)]
    standing: Vec<String>,
    #[serde(default)]
    called_off: Vec<String>,
    #[serde(default)]
    generic_doers: Vec<String>,
}

fn default_window() -> usize {
    4
}

/// Role-relevant function words of one language.
#[derive(Debug, Clone, Default)]
pub struct Grammar {
    /// Auxiliaries making a past participle passive.
    pub passive_aux: Phrases,
    /// Agent prepositions ("by", "oleh").
    pub agent_preps: Phrases,
    /// Recipient prepositions.
    pub recipient_preps: Phrases,
    /// Co-party prepositions of reciprocal events.
    pub partner_preps: Phrases,
    /// Prepositions whose complement is the object of a nominal trigger ("the invasion
    /// of Lebanon", "the arrest of two activists").
    pub nominal_object_preps: Phrases,
    /// Reporting verbs that may take an event noun as their object, the act itself
    /// ("announced a ceasefire", "mengumumkan darurat militer"), unlike "said the attack
    /// killed 12", where the noun starts the reported clause.
    pub event_object_cues: Phrases,
    /// Third-person possessives before an event noun ("its strike"): in a reported clause
    /// they make the speaker the noun's actor.
    pub possessive_pronouns: Phrases,
    /// Possessive pronouns written after their noun ("sistem energi *kami*").
    pub possessives_after: Phrases,
    /// Participles that describe the subject's own stance after a copula ("is committed
    /// to", "was determined to"): not passive.
    pub stative_participles: Phrases,
    /// Prefixes (as the analyser names them) that, with no suffix, make a noun naming the
    /// doer rather than the act ("penyerang" attacker, "penembak" shooter).
    pub agent_noun_prefixes: Vec<String>,
    /// Possessive suffixes doing the same ("serangannya").
    pub possessive_suffixes: Vec<String>,
    /// Place/time prepositions: parties never follow them.
    pub locative_preps: Phrases,
    /// Words joining parties.
    pub coordinators: Phrases,
    /// Clause boundaries.
    pub clause_breaks: Phrases,
    /// Complement introducers.
    pub complementizers: Phrases,
    /// Words that tie a purpose to a noun ("pembenaran untuk menyerang", "rencana untuk
    /// menyerang"): the act after them is what the noun is about, not an event.
    pub noun_purpose: Phrases,
    /// Verbs whose object names an event only as a topic ("did not confirm the strikes",
    /// "belum mengonfirmasi serangan itu"): the noun is no event of this sentence.
    pub topic_verbs: Phrases,
    /// Prepositions that, right after a past participle following a noun, show a reduced
    /// relative clause besides the nominal object ones ("a peace plan agreed with the
    /// bloc").
    pub participle_preps: Phrases,
    /// Words between such a noun and the purpose word ("pembenaran apa pun untuk").
    pub noun_purpose_skip: Phrases,
    /// Prepositions making a nominal trigger a background reference.
    pub background_preps: Phrases,
    /// Verbs telling what an event did ("killed", "menewaskan"): a nominal trigger they
    /// follow is the subject of a clause reporting it, not a background reference, even
    /// after a background preposition ("after a missile strike on Dnipro killed seven").
    pub toll_verbs: Phrases,
    /// Number words: a participle after one describes the people counted ("four
    /// surrendering soldiers"), like a participle after a determiner.
    pub numerals: Phrases,
    /// Prepositions after which a bare form is a noun, English verbs after a preposition
    /// taking -ing ("detention without charge", "held in jail", "placed under arrest").
    pub noun_preps: Phrases,
    /// Words opening a second reported clause ("said he had spoken by phone ... and that
    /// both sides had agreed"): what follows is reported beside the first event, not its
    /// complement.
    pub report_continuers: Phrases,
    /// Prepositions naming who a proposal or offer came from ("an offer of talks from
    /// Seoul was rejected by Pyongyang"): in a passive refusal that party is refused.
    pub source_preps: Phrases,
    /// Prepositions making a nominal trigger the topic of something ("a film about
    /// the war", "film dokumenter tentang perang"): never an event.
    pub topic_preps: Phrases,
    /// Verbs that also report a sports result ("beat", "menyerang") ...
    pub sports_verbs: Phrases,
    /// Verbs of letting ("allow", "mengizinkan"): refused or demanded, what they let
    /// happen says the mode ("refused to allow the envoy to meet Suu Kyi": meet).
    pub permission_verbs: Phrases,
    /// ... and words that say the sentence is about sport ("scored", "gol"): together
    /// they are no assault.
    pub sports_cues: Phrases,
    /// Determiners marking a following trigger word as a noun.
    pub determiners: Phrases,
    /// Relative pronouns ("who", "yang").
    pub relativizers: Phrases,
    /// Words making any event reciprocal ("saling", "each other").
    pub reciprocal_markers: Phrases,
    /// Copulas: a relative clause of a copular sentence is background.
    pub copulas: Phrases,
    /// First-person pronouns: in a quote they are the speaker.
    pub first_person: Phrases,
    /// Natural hazards and accidents, which kill without assaulting.
    pub hazards: Phrases,
    /// Crowds ("protesters", "massa"): their violence is a riot (PLOVER PROTEST riot),
    /// not an armed assault.
    pub crowds: Phrases,
    /// Sizes that make any civilians a crowd ("hundreds of students", "ratusan warga").
    pub crowd_sizes: Phrases,
    /// Words opening a clause dated by the phrase before it ("in 2020, when ...").
    pub temporal_openers: Phrases,
    /// Purposes that make a deployment disaster relief ("to help rescue efforts",
    /// "untuk membantu evakuasi"): PLOVER AID, not MOBILIZE.
    pub relief_purposes: Phrases,
    /// Hostages: freeing them by force is a rescue (PLOVER AID), not a release.
    pub hostages: Phrases,
    /// Promise verbs ("vowed", "bersumpah"): a vow of violence is a threat, not an
    /// agreement ("agreed to stop attacks" stays AGREE).
    pub vows: Phrases,
    /// Words of responsibility for an act ("behind", "responsible for", "terlibat"):
    /// "was not behind the bombing" denies who did it, not that it happened.
    pub responsibility: Phrases,
    /// Things published ("report", "statement", "video"): released, they free no one.
    pub publications: Phrases,
    /// Border nouns ("border", "perbatasan"): the party after "with" following one names
    /// a place ("near the border with Turkey"), not a partner.
    pub border_nouns: Phrases,
    /// Words that open a clause after a noun of demand or threat ("demand *that*",
    /// "tuntutan *agar*"): the clause is what is demanded.
    pub clause_complementizers: Phrases,
    /// Prepositions that open a list of gerunds ("accused of killing, maiming and
    /// raping"): the list's joiners coordinate no new events.
    pub gerund_list_preps: Phrases,
    /// Nouns that an event noun before them only qualifies ("the abduction allegations",
    /// "murder charges", "the bombing suspect"): the event is their topic, not reported.
    pub topic_heads: Phrases,
    /// The same heads where they stand before the event noun they take ("*pelaku*
    /// penembakan", "*kasus* pembunuhan"): languages whose modifiers follow the noun.
    pub topic_heads_before: Phrases,
    /// Verbs of perception before an event noun ("heard gunfire", "mendengar suara
    /// tembakan"): whoever perceives the event did not do it.
    pub perception_verbs: Phrases,
    /// First- and second-person subject pronouns ("we", "I", "kami"): one right before
    /// the verb is its subject, never a third party named further back ("If Hezbollah
    /// does not withdraw, *we* will push it back").
    pub speaker_subjects: Phrases,
    /// Words that tell the hour before a number ("*pukul* 9", "*jam* 10.00"): a trigger
    /// spelt the same there is a time, no event.
    pub clock_words: Phrases,
    /// Qualifiers a relativizer may open without making a clause ("kota-kota Israel *yang
    /// lain* akan menjadi sasaran"): the clause goes on to the subject before them.
    pub relative_qualifiers: Phrases,
    /// A word that may stand between a preposition and the party it governs ("against
    /// *the* rebels", "terhadap *para* demonstran", "oleh *kelompok* Abu Sayyaf").
    pub prep_skips: Phrases,
    /// A modifier that may stand right before the party a preposition governs, after any
    /// skip word ("on *violent* Israeli settlers", "against the *unarmed* protesters").
    pub prep_modifiers: Phrases,
    /// Prepositions naming the reach of an office right before them ("special envoy *for*
    /// Sudan", "Utusan Khusus PBB *untuk* Myanmar"): the place or country after them is
    /// part of the title, not a party of the clause.
    pub office_preps: Phrases,
    /// Words naming the capacity a party acts in ("Anwar *selaku* ketua ASEAN menelepon",
    /// "Anwar, *as* ASEAN chair, phoned"): the office after them describes that party.
    pub capacity_words: Phrases,
    /// Words opening a condition ("if", "jika"): the party after them in a threat's
    /// sentence is the one threatened ("... jika Israel terus membombardir Lebanon").
    pub condition_openers: Phrases,
    /// Object pronouns ("them", "mereka"): right after a trigger, the latest party of
    /// another side named before it in the sentence ("accusing *them* of spying").
    pub object_pronouns: Phrases,
    /// Perfect auxiliaries ("had"): an active relative verb after one tells an earlier
    /// deed of its own ("students who *had* blocked a road"), not what the party is.
    pub perfect_auxiliaries: Phrases,
    /// Prepositions right after an event noun naming whom it is for ("aid *for* Gaza",
    /// "bantuan *untuk* Gaza"): that party is the noun's recipient.
    pub beneficiary_preps: Phrases,
    /// Bare roots that are verbs, not nouns ("tiba", "mundur"), in a language where a bare
    /// root trigger is otherwise read as a noun ("aksi tangkap").
    pub base_verbs: Phrases,
    /// Verbs of need or lack: an event noun in their object is wanted, not done
    /// ("victims need food, shelter and support", "warga membutuhkan bantuan").
    pub need_verbs: Phrases,
    /// Auxiliaries and adverbs that open a verb group ("had", "later", "telah", "akhirnya"):
    /// where a relative clause before the verb ends.
    pub auxiliaries: Phrases,
    /// Words joining two verb phrases of one subject ("condemned ... *and* urged", "*tetapi*
    /// menolak"): the second verb shares the first one's subject.
    pub verb_joiners: Phrases,
    /// Prepositions naming where something handed over goes ("to", "kepada"), for
    /// triggers flagged `destination`.
    pub destination_preps: Phrases,
    /// Participles of holding a place ("controlled", "dikuasai"): their agent after an
    /// attack's object is the attack's target ("airstrikes on areas controlled by the
    /// Arakan Army").
    pub holder_verbs: Phrases,
    /// Words making a role word before or after them definite ("*the* ministry",
    /// "kementerian *itu*"): it refers back to a party named earlier.
    pub definite_before: Phrases,
    /// See `definite_before`.
    pub definite_after: Phrases,
    /// Words that, made definite, name an organisation of states ("the bloc", "aliansi
    /// itu"): they refer back to the latest one named.
    pub organisation_heads: Phrases,
    /// Plural pronouns and "both sides".
    pub plural_pronouns: Phrases,
    /// Singular pronouns.
    pub singular_pronouns: Phrases,
    /// Pronouns that refer to a person only ("he", "ia", "the two ministers"), not to a
    /// body ("it", "both countries").
    pub person_pronouns: Phrases,
    /// Plural references to exactly two parties ("both sides", "kedua negara"): they take
    /// the latest two, other plurals the latest one.
    pub pair_pronouns: Phrases,
    /// Definite descriptions with the sector they refer to.
    pub definite: Vec<(Vec<String>, String)>,
}

/// Modality cues of one language.
#[derive(Debug, Clone, Default)]
pub struct Modality {
    /// How many tokens before the trigger a cue may stand.
    pub window: usize,
    /// Negation cues.
    pub negation: Phrases,
    /// Future, possibility and condition cues.
    pub hypothetical: Phrases,
    /// Cues that mark a statement of future intent ("will", "akan"): with a reporting
    /// frame they turn a material event into a threat or promise.
    pub future: Phrases,
    /// Background/historical cues.
    pub historical: Phrases,
    /// Cues that make only the events after them historical ("protesters marched on the
    /// anniversary of *the coup*": the march is news, the coup is not).
    pub historical_after: Phrases,
    /// Readiness cues ("willing to"): cooperative material events become AGREE.
    pub intent: Phrases,
    /// Obligation cues ("must"): in a reported statement, a demand (REQUEST).
    pub obligation: Phrases,
    /// Conditions ("unless"): a stated future act with one is a threat.
    pub conditions: Phrases,
    /// Words opening a period that reaches back to a year ("since 2019", "sejak 2021"):
    /// the clause is a cumulative or background statement.
    pub periods: Phrases,
    /// Adverbs of a standing stance ("konsisten mendukung", "has always supported"): a
    /// state of affairs, no event.
    pub standing: Phrases,
    /// Phrases after an event noun that say it did not happen ("The planned march on
    /// parliament *did not take place*", "aksi itu *batal* digelar").
    pub called_off: Phrases,
    /// Indefinite doers ("anyone who", "siapa pun yang") right before a trigger: an act
    /// anybody might do is no event.
    pub generic_doers: Phrases,
}

impl Grammar {
    /// Whether `w` may open a verb group before its verb: an auxiliary or adverb
    /// (`auxiliaries`: "had", "telah") or a passive auxiliary ("were").
    pub fn opens_verb_group(&self, w: &str) -> bool {
        self.auxiliaries.contains_word(w) || self.passive_aux.contains_word(w)
    }

    /// Loads `lang/<code>/grammar.toml`.
    pub fn load(lang: Lang) -> Result<Grammar, DataError> {
        let Some(g) = sitrep_lang::toml_file::<GrammarFile>(lang, "grammar.toml")? else {
            return Ok(Grammar::default());
        };
        Ok(Grammar {
            passive_aux: Phrases::new(&g.passive_aux),
            agent_preps: Phrases::new(&g.agent_preps),
            recipient_preps: Phrases::new(&g.recipient_preps),
            partner_preps: Phrases::new(&g.partner_preps),
            nominal_object_preps: Phrases::new(&g.nominal_object_preps),
            event_object_cues: Phrases::new(&g.event_object_cues),
            possessive_pronouns: Phrases::new(&g.possessive_pronouns),
            possessives_after: Phrases::new(&g.possessives_after),
            stative_participles: Phrases::new(&g.stative_participles),
            agent_noun_prefixes: g.agent_noun_prefixes.clone(),
            possessive_suffixes: g.possessive_suffixes.clone(),
            locative_preps: Phrases::new(&g.locative_preps),
            coordinators: Phrases::new(&g.coordinators),
            clause_breaks: Phrases::new(&g.clause_breaks),
            complementizers: Phrases::new(&g.complementizers),
            noun_purpose: Phrases::new(&g.noun_purpose),
            topic_verbs: Phrases::new(&g.topic_verbs),
            participle_preps: Phrases::new(&g.participle_preps),
            noun_purpose_skip: Phrases::new(&g.noun_purpose_skip),
            background_preps: Phrases::new(&g.background_preps),
            toll_verbs: Phrases::new(&g.toll_verbs),
            numerals: Phrases::new(&g.numerals),
            noun_preps: Phrases::new(&g.noun_preps),
            report_continuers: Phrases::new(&g.report_continuers),
            source_preps: Phrases::new(&g.source_preps),
            topic_preps: Phrases::new(&g.topic_preps),
            sports_verbs: Phrases::new(&g.sports_verbs),
            permission_verbs: Phrases::new(&g.permission_verbs),
            sports_cues: Phrases::new(&g.sports_cues),
            determiners: Phrases::new(&g.determiners),
            relativizers: Phrases::new(&g.relativizers),
            reciprocal_markers: Phrases::new(&g.reciprocal_markers),
            copulas: Phrases::new(&g.copulas),
            first_person: Phrases::new(&g.first_person),
            hazards: Phrases::new(&g.hazards),
            crowds: Phrases::new(&g.crowds),
            crowd_sizes: Phrases::new(&g.crowd_sizes),
            temporal_openers: Phrases::new(&g.temporal_openers),
            relief_purposes: Phrases::new(&g.relief_purposes),
            hostages: Phrases::new(&g.hostages),
            vows: Phrases::new(&g.vows),
            responsibility: Phrases::new(&g.responsibility),
            publications: Phrases::new(&g.publications),
            border_nouns: Phrases::new(&g.border_nouns),
            clause_complementizers: Phrases::new(&g.clause_complementizers),
            gerund_list_preps: Phrases::new(&g.gerund_list_preps),
            topic_heads: Phrases::new(&g.topic_heads),
            topic_heads_before: Phrases::new(&g.topic_heads_before),
            perception_verbs: Phrases::new(&g.perception_verbs),
            speaker_subjects: Phrases::new(&g.speaker_subjects),
            clock_words: Phrases::new(&g.clock_words),
            relative_qualifiers: Phrases::new(&g.relative_qualifiers),
            prep_skips: Phrases::new(&g.prep_skips),
            prep_modifiers: Phrases::new(&g.prep_modifiers),
            office_preps: Phrases::new(&g.office_preps),
            capacity_words: Phrases::new(&g.capacity_words),
            condition_openers: Phrases::new(&g.condition_openers),
            object_pronouns: Phrases::new(&g.object_pronouns),
            perfect_auxiliaries: Phrases::new(&g.perfect_auxiliaries),
            beneficiary_preps: Phrases::new(&g.beneficiary_preps),
            base_verbs: Phrases::new(&g.base_verbs),
            need_verbs: Phrases::new(&g.need_verbs),
            auxiliaries: Phrases::new(&g.auxiliaries),
            verb_joiners: Phrases::new(&g.verb_joiners),
            destination_preps: Phrases::new(&g.destination_preps),
            holder_verbs: Phrases::new(&g.holder_verbs),
            definite_before: Phrases::new(&g.definite_before),
            definite_after: Phrases::new(&g.definite_after),
            organisation_heads: Phrases::new(&g.organisation_heads),
            plural_pronouns: Phrases::new(&g.anaphora.plural),
            singular_pronouns: Phrases::new(&g.anaphora.singular),
            person_pronouns: Phrases::new(&g.anaphora.person),
            pair_pronouns: Phrases::new(&g.anaphora.pair),
            definite: g
                .anaphora
                .definite
                .into_iter()
                .map(|(k, v)| (k.split_whitespace().map(str::to_lowercase).collect(), v))
                .collect(),
        })
    }
}

impl Modality {
    /// Loads `lang/<code>/modality.toml`.
    pub fn load(lang: Lang) -> Result<Modality, DataError> {
        let Some(m) = sitrep_lang::toml_file::<ModalityFile>(lang, "modality.toml")? else {
            return Ok(Modality {
                window: 4,
                ..Modality::default()
            });
        };
        Ok(Modality {
            window: m.window,
            negation: Phrases::new(&m.negation),
            hypothetical: Phrases::new(&m.hypothetical),
            future: Phrases::new(&m.future),
            historical: Phrases::new_except(&m.historical, &m.not_historical),
            historical_after: Phrases::new_except(&m.historical_after, &m.not_historical),
            intent: Phrases::new(&m.intent),
            obligation: Phrases::new(&m.obligation),
            conditions: Phrases::new(&m.conditions),
            periods: Phrases::new(&m.periods),
            standing: Phrases::new(&m.standing),
            called_off: Phrases::new(&m.called_off),
            generic_doers: Phrases::new(&m.generic_doers),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn first_word_filter_never_rejects_a_member() {
        let phrases = Phrases::new(&strings(&["di", "ke arah", "tidak", "über alles", "x"]));
        for w in ["di", "ke", "tidak", "über", "x"] {
            assert!(phrases.first_filter.may_contain(w), "{w}");
        }
        // Different length or first byte: rejected before hashing.
        assert!(!phrases.first_filter.may_contain("dari"));
        assert!(!phrases.first_filter.may_contain("ya"));
        let words = strings(&["pasukan", "bergerak", "ke", "arah", "kota"]);
        assert_eq!(phrases.at(&words, 2), Some(2));
        assert_eq!(phrases.at(&words, 0), None);
        assert_eq!(phrases.find_in(&words, 0, 5), Some((2, 2)));
        assert!(phrases.contains_word("di"));
        assert!(!phrases.contains_word("ke"));
    }
}
