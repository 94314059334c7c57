//! Reads the embedded tables into the dictionary: countries, named actors, office-holders and
//! role words. Bad rows are skipped and reported (never a panic): `ActorIndex::problems` lists
//! them and a unit test keeps the shipped data free of them.

use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_core::Lang;
use sitrep_lang::tsv_rows;

use crate::dates::{self, Span};
use crate::lexicon::{Case, Lexicon, Pattern, compile_into};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/actor_data.rs"));
}

/// PLOVER sector codes (record contract).
pub(crate) const SECTORS: [&str; 25] = [
    "GOV", "MIL", "COP", "JUD", "LEG", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
];

/// Sectors of state office: a holder who left one is ELI ("former government officials").
pub(crate) fn is_state_sector(s: &str) -> bool {
    matches!(s, "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY" | "PRE")
}

/// Phoenix terms left open are only known to run until the dictionaries were built.
const PHOENIX_KNOWN_UNTIL: (i32, u32, u32) = (2014, 1, 30);

pub(crate) struct Country {
    pub code: &'static str,
    pub name: &'static str,
    pub adjective: Option<&'static str>,
    pub capital: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountryForm {
    Name,
    Demonym,
    Capital,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NamedKind {
    Igo,
    Ngo,
    Group,
    Party,
    Institution,
    Seat,
}

pub(crate) struct NamedVariant {
    pub code: Option<&'static str>,
    pub sector: Option<&'static str>,
    pub span: Span,
}

pub(crate) struct Named {
    pub kind: NamedKind,
    pub name: &'static str,
    pub variants: Vec<NamedVariant>,
}

pub(crate) struct Term {
    pub code: &'static str,
    pub sector: Option<&'static str>,
    pub office: Option<&'static str>,
    pub span: Span,
    /// From the curated lists (preferred over Phoenix terms).
    pub curated: bool,
    /// No dates at all: Phoenix's default code for the person.
    pub undated: bool,
}

pub(crate) struct Person {
    pub name: &'static str,
    pub terms: Vec<Term>,
}

pub(crate) struct Agent {
    pub sector: Option<&'static str>,
    pub title: bool,
    pub rank: bool,
    pub transparent: bool,
    pub bound: bool,
    pub people: bool,
    pub place: bool,
    /// "for/of X" after it names a subject, not an employer ("special envoy for North Korea").
    pub topic: bool,
    pub code: Option<&'static str>,
    pub offices: Vec<&'static str>,
    pub name: String,
}

/// Grammar words of one language (lang/<code>/actors.tsv), folded.
#[derive(Default)]
pub(crate) struct Grammar {
    pub of: FxHashSet<String>,
    pub poss: FxHashSet<String>,
    pub and: FxHashSet<String>,
    pub det: FxHashSet<String>,
    pub former: FxHashSet<String>,
    /// Words between a country and a title that leave the office as it is ("Nigerian junior
    /// foreign minister", "Kenya's top diplomat").
    pub title_modifier: FxHashSet<String>,
    /// Words before a title saying the office is held for the time being ("Penjabat
    /// Gubernur", "acting foreign minister"): part of the mention, the office unchanged.
    pub acting: FxHashSet<String>,
    /// Last words of organisation names that start with a country ("Kenya Anti-Corruption
    /// Commission", "Nigerian Union of Teachers").
    /// With the sector such a body has when no role word says otherwise.
    pub org_head: FxHashMap<String, Option<&'static str>>,
    pub particle: FxHashSet<String>,
    pub honorific: FxHashSet<String>,
    pub not_name: FxHashSet<String>,
    /// Weekdays and months: never a name, never part of a longer proper name.
    pub time: FxHashSet<String>,
    /// Currency words: a country right next to one names money, not a party ("2,5 miliar
    /// dolar AS", "50 million US dollars").
    pub currency: FxHashSet<String>,
    /// Words after which capitals are a person's initials ("korban berinisial AS", "a
    /// suspect with the initials RI"): not a country, not a party of their own.
    pub initials: FxHashSet<String>,
    /// Possessive clitics glued to a word ("pasukan*nya*", "prajurit*nya*"): a role word
    /// carrying one is still that role word, owned by someone named elsewhere.
    pub suffix: FxHashSet<String>,
    /// Roles come before the country they belong to ("pasukan Israel"), not after ("Israeli forces").
    pub head_first: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    Country {
        country: u32,
        form: CountryForm,
    },
    Named(u32),
    Person(u32),
    /// A surname or nickname shared by the listed persons (index into `shorts`).
    Short(u32),
    Agent(u32),
}

pub(crate) struct Entry {
    pub what: What,
    /// Language of the form; `None` for every language.
    pub lang: Option<Lang>,
    /// Case requirement per word: `Tables::cases[case_at..case_at + words]`.
    pub case_at: u32,
    pub words: u8,
    pub noninitial: bool,
    pub ambiguous: bool,
    pub trailing_dot: bool,
    /// Precedence among entries with the same words (lower wins).
    pub rank: u8,
    /// Canonical name of a capital form.
    pub capital: Option<&'static str>,
}

/// Everything loaded, before the public wrapper.
pub(crate) struct Tables {
    pub lex: Lexicon,
    pub entries: Vec<Entry>,
    pub cases: Vec<Case>,
    pub countries: Vec<Country>,
    pub named: Vec<Named>,
    pub persons: Vec<Person>,
    pub shorts: Vec<Vec<u32>>,
    pub agents: Vec<Agent>,
    pub grammars: Vec<(Lang, Grammar)>,
    /// (code, office) -> persons with a curated term in that office.
    pub holders: FxHashMap<(&'static str, &'static str), Vec<u32>>,
    /// Folded surname -> Phoenix persons with that last name. Read only after a title
    /// ("President Chirac"): alone, surnames are too often ordinary words or other people.
    pub titled_surnames: FxHashMap<String, Vec<u32>>,
    pub problems: Vec<String>,
}

// Precedence ranks (lower wins among forms with the same words).
const R_PERSON: u8 = 0;
const R_NAMED: u8 = 10;
const R_COUNTRY: u8 = 20;
const R_CAPITAL: u8 = 21;
const R_DEMONYM: u8 = 22;
const R_AGENT: u8 = 30;
const R_PHOENIX_GROUP: u8 = 40;
const R_PHOENIX_PERSON: u8 = 50;
const R_PHOENIX_AGENT: u8 = 60;
const R_SHORT: u8 = 70;

struct Builder {
    t: Tables,
    /// Folded full names already seen (persons are merged by name).
    person_ids: FxHashMap<String, u32>,
    short_ids: FxHashMap<String, u32>,
    named_ids: FxHashMap<(NamedKind, &'static str), u32>,
    /// Phrases defined by curated agent files, per language: Phoenix rows with them are skipped.
    curated_agents: FxHashSet<(Lang, String)>,
    country_ids: FxHashMap<&'static str, u32>,
    pattern: Pattern,
    key: String,
    /// Language of each agent (parallel to `Tables::agents`).
    agent_langs: Vec<Lang>,
    /// The Phoenix agent being read is a title (see `agents`).
    phoenix_title: bool,
}

fn sector(s: &'static str) -> Result<Option<&'static str>, String> {
    if s.is_empty() {
        Ok(None)
    } else if SECTORS.contains(&s) {
        Ok(Some(s))
    } else {
        Err(format!("unknown sector {s:?}"))
    }
}

fn code(s: &'static str) -> Result<&'static str, String> {
    if (3..=6).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(format!("bad code {s:?} (want 3-6 capital letters)"))
    }
}

fn span(start: &str, end: &str) -> Result<Span, String> {
    let lo = if start.is_empty() || start == "-" {
        dates::MIN_DAY
    } else {
        dates::parse(start, true).ok_or_else(|| format!("bad date {start:?}"))?
    };
    let hi = if end.is_empty() || end == "-" {
        dates::MAX_DAY
    } else {
        dates::parse(end, false).ok_or_else(|| format!("bad date {end:?}"))?
    };
    if hi < lo {
        return Err(format!("end {end:?} before start {start:?}"));
    }
    Ok(Span { lo, hi })
}

fn lang_of(s: &str) -> Result<Option<Lang>, String> {
    match s {
        "" | "*" => Ok(None),
        l => Lang::parse(l)
            .map(Some)
            .ok_or_else(|| format!("bad language {l:?}")),
    }
}

pub(crate) fn fold(s: &str) -> String {
    sitrep_core::text::fold(s)
}

impl Builder {
    fn problem(&mut self, file: &str, line: usize, msg: impl std::fmt::Display) {
        self.t.problems.push(format!("{file}:{line}: {msg}"));
    }

    fn add_form(&mut self, form: &str, entry: Entry) -> bool {
        if !compile_into(form, &mut self.pattern) || self.pattern.words.len() > u8::MAX as usize {
            return false;
        }
        let p = &self.pattern;
        let id = self.t.entries.len() as u32;
        self.t.lex.insert(p.words(), id);
        let case_at = self.t.cases.len() as u32;
        self.t.cases.extend_from_slice(&p.case);
        self.t.entries.push(Entry {
            case_at,
            words: p.case.len() as u8,
            trailing_dot: p.trailing_dot,
            ..entry
        });
        true
    }

    fn countries(&mut self) {
        const FILE: &str = "data/actors/countries.tsv";
        for row in tsv_rows(embedded::COUNTRIES) {
            let (iso3, rec, name, adj, capital) =
                (row.col(1), row.col(2), row.col(4), row.col(5), row.col(7));
            if code(iso3).is_err() || code(rec).is_err() || name.is_empty() {
                self.problem(FILE, row.line, "needs iso3, code and name_en");
                continue;
            }
            let id = self.t.countries.len() as u32;
            self.country_ids.insert(iso3, id);
            self.t.countries.push(Country {
                code: rec,
                name,
                adjective: Some(adj).filter(|a| !a.is_empty()),
                capital: Some(capital).filter(|c| !c.is_empty()),
            });
        }
        const NAMES: &str = "data/actors/country-names.tsv";
        for row in tsv_rows(embedded::COUNTRY_NAMES) {
            let (iso3, lang, kind, text, flags) =
                (row.col(0), row.col(2), row.col(3), row.col(4), row.col(5));
            let Some(&country) = self.country_ids.get(iso3) else {
                self.problem(NAMES, row.line, format!("unknown country {iso3:?}"));
                continue;
            };
            let lang = match lang_of(lang) {
                Ok(l) => l,
                Err(e) => {
                    self.problem(NAMES, row.line, e);
                    continue;
                }
            };
            let form = match kind {
                "name" => CountryForm::Name,
                "demonym" => CountryForm::Demonym,
                "capital" => CountryForm::Capital,
                k => {
                    self.problem(NAMES, row.line, format!("unknown kind {k:?}"));
                    continue;
                }
            };
            // A capital's canonical name: English forms are themselves; other forms are exonyms
            // of the country's capital ("Moskwa" -> "Moscow").
            let capital = (form == CountryForm::Capital).then(|| {
                if lang.is_none() || lang == Some(Lang::EN) {
                    text
                } else {
                    self.t.countries[country as usize].capital.unwrap_or(text)
                }
            });
            let entry = Entry {
                what: What::Country { country, form },
                lang,
                case_at: 0,
                words: 0,
                noninitial: flags.contains("noninitial"),
                ambiguous: flags.contains("ambiguous"),
                trailing_dot: false,
                rank: match form {
                    CountryForm::Name => R_COUNTRY,
                    CountryForm::Capital => R_CAPITAL,
                    CountryForm::Demonym => R_DEMONYM,
                },
                capital,
            };
            if !self.add_form(text, entry) {
                self.problem(NAMES, row.line, "empty form");
            }
        }
    }

    fn named(&mut self, file: &'static str, text: &'static str, phoenix: bool) {
        for row in tsv_rows(text) {
            let parsed = if phoenix {
                self.phoenix_group_row(&row)
            } else {
                self.named_row(&row)
            };
            if let Err(e) = parsed {
                self.problem(file, row.line, e);
            }
        }
    }

    fn named_row(&mut self, row: &sitrep_lang::Row<'static>) -> Result<(), String> {
        let kind = match row.col(0) {
            "igo" => NamedKind::Igo,
            "ngo" => NamedKind::Ngo,
            "group" => NamedKind::Group,
            "party" => NamedKind::Party,
            "institution" => NamedKind::Institution,
            "seat" => NamedKind::Seat,
            k => return Err(format!("unknown kind {k:?}")),
        };
        let code = Some(code(row.col(1))?);
        let sector = sector(row.col(2))?;
        let name = row.col(3);
        if name.is_empty() {
            return Err("empty name".into());
        }
        let lang = lang_of(row.col(5))?;
        let flags = row.col(6);
        for f in flags.split(',').filter(|f| !f.is_empty()) {
            if f != "noninitial" && f != "ambiguous" {
                return Err(format!("unknown flag {f:?}"));
            }
        }
        let span = span(row.col(7), row.col(8))?;
        let forms = std::iter::once(name).chain(
            row.col(4)
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty()),
        );
        self.add_named(
            kind,
            name,
            NamedVariant { code, sector, span },
            forms,
            lang,
            flags,
            R_NAMED,
        );
        Ok(())
    }

    fn phoenix_group_row(&mut self, row: &sitrep_lang::Row<'static>) -> Result<(), String> {
        let code = match row.col(0) {
            "" => None,
            c => Some(code(c)?),
        };
        let sector = sector(row.col(1))?;
        let name = row.col(2);
        if name.is_empty() {
            return Err("empty name".into());
        }
        let forms = std::iter::once(name).chain(
            row.col(3)
                .split('|')
                .map(str::trim)
                .filter(|f| !f.is_empty()),
        );
        let variant = NamedVariant {
            code,
            sector,
            span: Span::ALL,
        };
        self.add_named(
            NamedKind::Group,
            name,
            variant,
            forms,
            Some(Lang::EN),
            "",
            R_PHOENIX_GROUP,
        );
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn add_named(
        &mut self,
        kind: NamedKind,
        name: &'static str,
        variant: NamedVariant,
        forms: impl Iterator<Item = &'static str>,
        lang: Option<Lang>,
        flags: &str,
        rank: u8,
    ) {
        let next = self.t.named.len() as u32;
        let id = *self.named_ids.entry((kind, name)).or_insert(next);
        if id == next {
            self.t.named.push(Named {
                kind,
                name,
                variants: Vec::new(),
            });
        }
        let n = &mut self.t.named[id as usize];
        if !n
            .variants
            .iter()
            .any(|v| v.code == variant.code && v.sector == variant.sector && v.span == variant.span)
        {
            n.variants.push(variant);
        }
        for form in forms {
            let entry = Entry {
                what: What::Named(id),
                lang,
                case_at: 0,
                words: 0,
                noninitial: flags.contains("noninitial"),
                ambiguous: flags.contains("ambiguous"),
                trailing_dot: false,
                rank,
                capital: None,
            };
            self.add_form(form, entry);
        }
    }

    fn person_id(&mut self, name: &'static str) -> u32 {
        crate::lexicon::fold_into(name, &mut self.key);
        if let Some(&id) = self.person_ids.get(self.key.as_str()) {
            return id;
        }
        let id = self.t.persons.len() as u32;
        self.t.persons.push(Person {
            name,
            terms: Vec::new(),
        });
        self.person_ids.insert(self.key.clone(), id);
        id
    }

    fn add_person_form(&mut self, person: u32, form: &str, rank: u8) {
        // A one-word "full name" ("Jokowi", "Wiranto") is as ambiguous as a surname.
        if form.split_whitespace().count() < 2 {
            self.add_short(person, form);
            return;
        }
        let entry = Entry {
            what: What::Person(person),
            lang: None,
            case_at: 0,
            words: 0,
            noninitial: false,
            ambiguous: false,
            trailing_dot: false,
            rank,
            capital: None,
        };
        self.add_form(form, entry);
    }

    fn add_short(&mut self, person: u32, form: &str) {
        let key = fold(form);
        let id = match self.short_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.t.shorts.len() as u32;
                self.t.shorts.push(Vec::new());
                self.short_ids.insert(key, id);
                let entry = Entry {
                    what: What::Short(id),
                    lang: None,
                    case_at: 0,
                    words: 0,
                    noninitial: false,
                    ambiguous: true,
                    trailing_dot: false,
                    rank: R_SHORT,
                    capital: None,
                };
                self.add_form(form, entry);
                id
            }
        };
        let list = &mut self.t.shorts[id as usize];
        if !list.contains(&person) {
            list.push(person);
        }
    }

    fn officeholders(&mut self) {
        for (file, text) in embedded::OFFICEHOLDERS {
            for row in tsv_rows(text) {
                if let Err(e) = self.officeholder_row(&row) {
                    self.problem(&format!("data/actors/officeholders/{file}"), row.line, e);
                }
            }
        }
    }

    fn officeholder_row(&mut self, row: &sitrep_lang::Row<'static>) -> Result<(), String> {
        let name = row.col(0);
        if name.is_empty() {
            return Err("empty name".into());
        }
        let code = code(row.col(3))?;
        let office = Some(row.col(4)).filter(|o| !o.is_empty());
        let sector = sector(row.col(5))?;
        let span = span(row.col(6), row.col(7))?;
        if row.col(6).is_empty() {
            return Err("a term needs a start date (a year is enough)".into());
        }
        let p = self.person_id(name);
        if self.t.persons[p as usize].terms.is_empty() {
            self.add_person_form(p, name, R_PERSON);
        }
        for f in row
            .col(1)
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            self.add_person_form(p, f, R_PERSON);
        }
        for s in row
            .col(2)
            .split('|')
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            self.add_short(p, s);
        }
        self.t.persons[p as usize].terms.push(Term {
            code,
            sector,
            office,
            span,
            curated: true,
            undated: false,
        });
        if let Some(o) = office {
            let list = self.t.holders.entry((code, o)).or_default();
            if !list.contains(&p) {
                list.push(p);
            }
        }
        Ok(())
    }

    fn phoenix_persons(&mut self) {
        const FILE: &str = "data/actors/phoenix-persons.tsv";
        let known_until = dates::day(
            PHOENIX_KNOWN_UNTIL.0,
            PHOENIX_KNOWN_UNTIL.1,
            PHOENIX_KNOWN_UNTIL.2,
        );
        for row in tsv_rows(embedded::PHOENIX_PERSONS) {
            let name = row.col(0);
            let mut terms = Vec::new();
            let mut bad = None;
            for t in row.col(2).split(';').filter(|t| !t.is_empty()) {
                let mut it = t.split(' ');
                let f = [
                    it.next().unwrap_or(""),
                    it.next().unwrap_or(""),
                    it.next().unwrap_or(""),
                    it.next().unwrap_or(""),
                ];
                if f.iter().any(|x| x.is_empty()) || it.next().is_some() {
                    bad = Some(format!("bad term {t:?}"));
                    break;
                }
                let parsed = code(f[0]).and_then(|c| {
                    let s = if f[1] == "-" { None } else { sector(f[1])? };
                    let mut sp = span(f[2], f[3])?;
                    let undated = f[2] == "-" && f[3] == "-";
                    if sp.hi > known_until && !undated {
                        sp.hi = known_until.max(sp.lo);
                    }
                    Ok(Term {
                        code: c,
                        sector: s,
                        office: None,
                        span: sp,
                        curated: false,
                        undated,
                    })
                });
                match parsed {
                    Ok(t) => terms.push(t),
                    Err(e) => {
                        bad = Some(e);
                        break;
                    }
                }
            }
            if let Some(e) = bad {
                self.problem(FILE, row.line, e);
                continue;
            }
            if name.split_whitespace().count() < 2 || terms.is_empty() {
                self.problem(FILE, row.line, "needs a two-word name and a term");
                continue;
            }
            let before = self.t.persons.len();
            let p = self.person_id(name);
            let known = (p as usize) < before;
            if !known {
                self.add_person_form(p, name, R_PHOENIX_PERSON);
                if let Some(last) = name.split_whitespace().last()
                    && last.chars().count() >= 3
                    && last.chars().next().is_some_and(char::is_uppercase)
                {
                    let list = self.t.titled_surnames.entry(fold(last)).or_default();
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
                for f in row
                    .col(1)
                    .split('|')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                {
                    if f.split_whitespace().count() >= 2 {
                        self.add_person_form(p, f, R_PHOENIX_PERSON);
                    }
                }
            }
            self.t.persons[p as usize].terms.extend(terms);
        }
    }

    fn agents(&mut self) {
        for lang in sitrep_lang::languages() {
            let Some(text) = sitrep_lang::file(lang, "agents.tsv") else {
                continue;
            };
            let file = format!("lang/{lang}/agents.tsv");
            for row in tsv_rows(text) {
                if let Err(e) = self.agent_row(&row, lang, R_AGENT) {
                    self.problem(&file, row.line, e);
                }
            }
        }
        // A Phoenix phrase ending in a one-word English title ("deputy foreign minister",
        // "army commander") is a title too.
        let titles: FxHashSet<String> = self
            .t
            .agents
            .iter()
            .zip(self.agent_langs.iter())
            .filter(|(a, l)| a.title && **l == Lang::EN && !a.name.contains(' '))
            .map(|(a, _)| a.name.to_lowercase())
            .collect();
        for row in tsv_rows(embedded::PHOENIX_AGENTS_EN) {
            if self.curated_agents.contains(&(Lang::EN, fold(row.col(0)))) {
                continue;
            }
            let last = row.col(0).rsplit(' ').next().unwrap_or("");
            self.phoenix_title = titles.contains(last);
            if let Err(e) = self.agent_row(&row, Lang::EN, R_PHOENIX_AGENT) {
                self.problem("data/actors/phoenix-agents-en.tsv", row.line, e);
            }
        }
    }

    fn agent_row(
        &mut self,
        row: &sitrep_lang::Row<'static>,
        lang: Lang,
        rank: u8,
    ) -> Result<(), String> {
        let phrase = row.col(0);
        if phrase.is_empty() {
            return Err("empty phrase".into());
        }
        if rank == R_AGENT {
            self.curated_agents.insert((lang, fold(phrase)));
        }
        if row.col(1) == "-" {
            return Ok(());
        }
        let sector = sector(row.col(1))?;
        let flags = row.col(2);
        for f in flags.split(',').filter(|f| !f.is_empty()) {
            if !matches!(
                f,
                "title" | "rank" | "transparent" | "bound" | "people" | "place" | "topic"
            ) {
                return Err(format!("unknown flag {f:?}"));
            }
        }
        let has = |f: &str| flags.split(',').any(|x| x == f);
        let code = match row.col(3) {
            "" => None,
            c => Some(code(c)?),
        };
        let offices: Vec<&'static str> = row
            .col(4)
            .split('|')
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .collect();
        let name = match row.col(5) {
            "" => title_case(phrase),
            n => n.to_string(),
        };
        let id = self.t.agents.len() as u32;
        let title = has("title") || (rank == R_PHOENIX_AGENT && self.phoenix_title);
        self.agent_langs.push(lang);
        self.t.agents.push(Agent {
            sector,
            title,
            rank: has("rank"),
            transparent: has("transparent"),
            bound: has("bound") || has("rank"),
            people: has("people"),
            place: has("place"),
            topic: has("topic"),
            code,
            offices: if offices.is_empty() && title && rank == R_PHOENIX_AGENT {
                vec![title_static(phrase)]
            } else {
                offices
            },
            name,
        });
        let entry = Entry {
            what: What::Agent(id),
            lang: Some(lang),
            case_at: 0,
            words: 0,
            noninitial: false,
            ambiguous: false,
            trailing_dot: false,
            rank,
            capital: None,
        };
        if !self.add_form(phrase, entry) {
            return Err("empty phrase".into());
        }
        Ok(())
    }

    fn grammars(&mut self) {
        for lang in sitrep_lang::languages() {
            let Some(text) = sitrep_lang::file(lang, "actors.tsv") else {
                continue;
            };
            let mut g = Grammar::default();
            for row in tsv_rows(text) {
                let word = fold(row.col(1).trim_end_matches('.'));
                let set = match row.col(0) {
                    "of" => &mut g.of,
                    "poss" => &mut g.poss,
                    "and" => &mut g.and,
                    "det" => &mut g.det,
                    "former" => &mut g.former,
                    "title-modifier" => &mut g.title_modifier,
                    "acting" => &mut g.acting,
                    "org-head" => {
                        match sector(row.col(2)) {
                            Ok(sec) => {
                                g.org_head.insert(word, sec);
                            }
                            Err(e) => self.problem(&format!("lang/{lang}/actors.tsv"), row.line, e),
                        }
                        continue;
                    }
                    "particle" => &mut g.particle,
                    "honorific" => &mut g.honorific,
                    "not-name" => &mut g.not_name,
                    "time" => &mut g.time,
                    "currency" => &mut g.currency,
                    "initials" => &mut g.initials,
                    "suffix" => &mut g.suffix,
                    "order" => {
                        g.head_first = row.col(1) == "head-first";
                        continue;
                    }
                    k => {
                        self.problem(
                            &format!("lang/{lang}/actors.tsv"),
                            row.line,
                            format!("unknown kind {k:?}"),
                        );
                        continue;
                    }
                };
                set.insert(word);
            }
            self.t.grammars.push((lang, g));
        }
    }
}

/// Title-cased office for a Phoenix title, kept for the life of the program (the index is built
/// once; a few hundred short strings).
fn title_static(phrase: &str) -> &'static str {
    Box::leak(title_case(phrase).into_boxed_str())
}

/// "defence ministry" -> "Defence Ministry".
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Loads every table. Order matters only for precedence ranks and person merging.
pub(crate) fn load() -> Tables {
    let mut b = Builder {
        t: Tables {
            lex: Lexicon::new(),
            entries: Vec::with_capacity(40_000),
            cases: Vec::with_capacity(100_000),
            countries: Vec::new(),
            named: Vec::new(),
            persons: Vec::new(),
            shorts: Vec::new(),
            agents: Vec::new(),
            grammars: Vec::new(),
            holders: FxHashMap::default(),
            titled_surnames: FxHashMap::default(),
            problems: Vec::new(),
        },
        person_ids: FxHashMap::with_capacity_and_hasher(20_000, Default::default()),
        short_ids: FxHashMap::default(),
        named_ids: FxHashMap::default(),
        curated_agents: FxHashSet::default(),
        country_ids: FxHashMap::default(),
        pattern: Pattern::default(),
        key: String::new(),
        agent_langs: Vec::new(),
        phoenix_title: false,
    };
    b.countries();
    b.named("data/actors/igos.tsv", embedded::IGOS, false);
    b.named("data/actors/groups.tsv", embedded::GROUPS, false);
    b.named(
        "data/actors/institutions.tsv",
        embedded::INSTITUTIONS,
        false,
    );
    b.named(
        "data/actors/phoenix-groups.tsv",
        embedded::PHOENIX_GROUPS,
        true,
    );
    b.officeholders();
    b.phoenix_persons();
    b.agents();
    b.grammars();
    b.t.lex.finish();
    b.t
}

/// Codes of the international organisations (rows of kind `igo` in `data/actors/igos.tsv`).
pub(crate) fn igo_codes() -> &'static FxHashSet<&'static str> {
    static CODES: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        embedded::IGOS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                (cols.next() == Some("igo")).then(|| cols.next()).flatten()
            })
            .filter(|c| !c.is_empty())
            .collect()
    })
}
