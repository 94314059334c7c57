//! Mention finding in two passes over one sentence:
//!
//! 1. **Atoms**: the longest dictionary form at each position (trie walk over folded words, case
//!    and language checked), left to right. Ambiguous forms ("Jordan", surnames) are dropped when a
//!    capitalised word that is not an actor word touches them ("Michael Jordan", "Hunter Biden");
//!    surnames and nicknames become a person only when one listed person with that short form is
//!    in office at the article's date.
//! 2. **Chains**: atoms joined by the language's word order into one mention: country + roles +
//!    name in English ("Russian President Vladimir Putin", "Israel's defence ministry"), roles +
//!    country + name in Indonesian ("Presiden Rusia Vladimir Putin", "Kementerian Pertahanan
//!    Armenia"), role + "of/for" + body ("a spokesman for the Thai army"), title + rank + name
//!    ("Kapolri Jenderal Listyo Sigit Prabowo"), coordinated countries sharing one head ("Armenian
//!    and Azerbaijani forces", "pasukan Armenia dan Azerbaijan").

use sitrep_core::Lang;
use sitrep_core::document::{Sentence, TokenKind};

use crate::data::{Agent, CountryForm, Grammar, NamedKind, Tables, What, fold, is_state_sector};
use crate::dates::Span;
use crate::lexicon::{Case, case_of, case_ok, fold_into, is_glued_dot};
use crate::{ActorMention, MentionKind};

/// Most words an unknown name after a title may have.
const MAX_NAME_WORDS: usize = 4;
/// Most words a place after "Polda", "Gubernur" may have.
const MAX_PLACE_WORDS: usize = 3;

struct Tok {
    /// Index in `Sentence::tokens` (tokens whose offsets do not slice the text are skipped).
    idx: usize,
    start: usize,
    end: usize,
    /// Folded text lives in `Ctx::folded[fold_start..fold_end]`.
    fold_start: usize,
    fold_end: usize,
    id: Option<u32>,
    case: Case,
    word: bool,
    dot: bool,
}

struct Ctx<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    folded: String,
    lang: Lang,
    g: &'a Grammar,
    when: Span,
    first_word: usize,
}

impl Ctx<'_> {
    fn f(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.folded[t.fold_start..t.fold_end]
    }

    fn is(&self, i: usize, set: &rustc_hash::FxHashSet<String>) -> bool {
        i < self.toks.len() && set.contains(self.f(i))
    }

    /// A capitalised word (sentence-initial capitals count).
    fn cap(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].word && self.toks[i].case != Case::Any
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AtomWhat {
    Country {
        country: u32,
        form: CountryForm,
        capital: Option<&'static str>,
    },
    Named(u32),
    /// `short`: found by surname or nickname, not by full name.
    Person {
        person: u32,
        short: bool,
    },
    Agent(u32),
}

#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    what: AtomWhat,
}

impl Atom {
    fn agent(&self) -> Option<u32> {
        match self.what {
            AtomWhat::Agent(a) => Some(a),
            _ => None,
        }
    }

    fn is_qualifier(&self) -> bool {
        matches!(self.what, AtomWhat::Country { .. } | AtomWhat::Named(_))
    }

    fn is_country(&self) -> bool {
        matches!(self.what, AtomWhat::Country { .. })
    }
}

/// A name after a title: a listed person or words taken as a name.
#[derive(Debug, Clone, Copy)]
enum NameHit {
    Person(u32),
    Unknown(usize, usize),
}

/// Facts about a person at the query date.
struct PersonFacts {
    code: Option<&'static str>,
    sector: Option<&'static str>,
    office: Option<&'static str>,
    /// Holds a listed office at the date.
    current: bool,
    /// Has only terms after the date (sector unknown then).
    before_any: bool,
}

#[derive(Default)]
struct Chain {
    start: usize,
    end: usize,
    roles: Vec<u32>,
    qual: Option<Atom>,
    name: Option<NameHit>,
    place: Option<(usize, usize)>,
    former: bool,
}

impl Tables {
    pub(crate) fn find_in(
        &self,
        text: &str,
        sentence: &Sentence,
        lang: Lang,
        when: Span,
    ) -> Vec<ActorMention> {
        let data_lang = sitrep_lang::data_language(lang);
        let Some(g) = self
            .grammars
            .iter()
            .find(|(l, _)| *l == data_lang)
            .or_else(|| self.grammars.iter().find(|(l, _)| *l == Lang::EN))
            .map(|(_, g)| g)
        else {
            return Vec::new();
        };
        let ctx = self.tokens(text, sentence, data_lang, g, when);
        if ctx.toks.is_empty() {
            return Vec::new();
        }
        let mut atoms = self.atoms(&ctx);
        // "dolar AS", "US dollars": the country names a currency. "berinisial AS": the
        // capitals are somebody's initials.
        atoms.retain(|a| {
            let after = |set| a.start > 0 && ctx.is(a.start - 1, set);
            !(after(&ctx.g.initials)
                || a.is_country() && (after(&ctx.g.currency) || ctx.is(a.end, &ctx.g.currency)))
        });
        let mut out = self.chains(&ctx, &atoms);
        share_country_over_heads(&ctx, &mut out);
        out
    }

    fn tokens<'a>(
        &self,
        text: &'a str,
        sentence: &Sentence,
        lang: Lang,
        g: &'a Grammar,
        when: Span,
    ) -> Ctx<'a> {
        let mut folded = String::with_capacity(sentence.end.saturating_sub(sentence.start) + 16);
        let mut buf = String::new();
        let mut toks = Vec::with_capacity(sentence.tokens.len());
        for (i, t) in sentence.tokens.iter().enumerate() {
            // Offsets come from the segmenter; refuse anything that does not slice the text.
            let Some(w) = text.get(t.start..t.end) else {
                continue;
            };
            fold_into(w, &mut buf);
            // "Thai-Cambodian", "Russia-Ukraine", "Japanese-Philippine": a compound of
            // country names or adjectives names each country.
            if t.kind == TokenKind::Word
                && let Some(parts) = self.country_compound(w, &buf, lang)
            {
                for (a, b) in parts {
                    fold_into(&w[a..b], &mut buf);
                    let fold_start = folded.len();
                    folded.push_str(&buf);
                    toks.push(Tok {
                        idx: i,
                        start: t.start + a,
                        end: t.start + b,
                        fold_start,
                        fold_end: folded.len(),
                        id: self.lex.word_id(&buf),
                        case: case_of(&w[a..b]),
                        word: true,
                        dot: false,
                    });
                }
                continue;
            }
            let fold_start = folded.len();
            folded.push_str(&buf);
            // "pasukannya": an unknown word that is a known one with a possessive clitic.
            let id = self.lex.word_id(&buf).or_else(|| {
                g.suffix.iter().find_map(|x| {
                    let stem = buf.strip_suffix(x.as_str())?;
                    (stem.chars().count() >= 4)
                        .then(|| self.lex.word_id(stem))
                        .flatten()
                })
            });
            toks.push(Tok {
                idx: i,
                start: t.start,
                end: t.end,
                fold_start,
                fold_end: folded.len(),
                id,
                case: case_of(w),
                word: t.kind == TokenKind::Word,
                dot: is_glued_dot(text, &sentence.tokens, i),
            });
        }
        let first_word = toks.iter().position(|t| t.word).unwrap_or(0);
        Ctx {
            text,
            toks,
            folded,
            lang,
            g,
            when,
            first_word,
        }
    }

    /// Byte ranges of the parts of a hyphenated word when the word itself is unknown
    /// and every part is, alone, a country's name or adjective.
    fn country_compound(
        &self,
        word: &str,
        folded: &str,
        lang: Lang,
    ) -> Option<Vec<(usize, usize)>> {
        if !word.contains('-')
            || self
                .lex
                .word_id(folded)
                .is_some_and(|id| self.lex.step(0, id).is_some())
        {
            return None;
        }
        let mut parts = Vec::new();
        let mut from = 0;
        let mut buf = String::new();
        for piece in word.split('-') {
            let to = from + piece.len();
            fold_into(piece, &mut buf);
            let country = self
                .lex
                .word_id(&buf)
                .and_then(|id| self.lex.step(0, id))
                .is_some_and(|node| {
                    self.lex.entries(node).iter().any(|&e| {
                        let entry = &self.entries[e as usize];
                        entry.words == 1
                            && entry.lang.is_none_or(|l| l == lang)
                            && matches!(entry.what, What::Country { .. })
                    })
                });
            if !country || piece.is_empty() {
                return None;
            }
            parts.push((from, to));
            from = to + 1;
        }
        (parts.len() > 1).then_some(parts)
    }

    // ------------------------------------------------------------------ atoms

    fn atoms(&self, ctx: &Ctx<'_>) -> Vec<Atom> {
        let n = ctx.toks.len();
        // Candidates (start, end, entry), grouped by start in ascending order.
        let mut cands: Vec<(usize, usize, u32)> = Vec::new();
        let mut group_at = vec![(0u32, 0u32); n];
        let mut pos: Vec<usize> = Vec::with_capacity(8);
        #[allow(clippy::needless_range_loop)] // `i` indexes tokens and candidate groups alike
        for i in 0..n {
            let begin = cands.len();
            if ctx.toks[i].dot || ctx.toks[i].id.is_none() {
                group_at[i] = (begin as u32, 0);
                continue;
            }
            pos.clear();
            let mut node = 0u32;
            let mut j = i;
            while j < n {
                if ctx.toks[j].dot && j > i {
                    j += 1;
                    continue;
                }
                let Some(id) = ctx.toks[j].id else { break };
                let Some(next) = self.lex.step(node, id) else {
                    break;
                };
                node = next;
                pos.push(j);
                j += 1;
                for &e in self.lex.entries(node) {
                    let entry = &self.entries[e as usize];
                    let case = &self.cases
                        [entry.case_at as usize..entry.case_at as usize + entry.words as usize];
                    if entry.lang.is_some_and(|l| l != ctx.lang)
                        || case.len() != pos.len()
                        || (entry.noninitial && i == ctx.first_word)
                        || !pos
                            .iter()
                            .zip(case.iter())
                            .all(|(&k, &c)| case_ok(c, ctx.toks[k].case))
                    {
                        continue;
                    }
                    let last = *pos.last().unwrap_or(&i);
                    let mut end = last + 1;
                    let dotted = ctx.f(last).contains('.');
                    if (entry.trailing_dot || dotted) && end < n && ctx.toks[end].dot {
                        end += 1;
                    }
                    cands.push((i, end, e));
                }
            }
            let group = &mut cands[begin..];
            group.sort_by_key(|&(_, end, e)| {
                (std::cmp::Reverse(end), self.entries[e as usize].rank)
            });
            group_at[i] = (begin as u32, (cands.len() - begin) as u32);
        }

        let mut atoms: Vec<Atom> = Vec::new();
        let mut i = 0;
        while i < n {
            let (b, l) = group_at[i];
            let mut chosen = None;
            for &(start, end, e) in &cands[b as usize..(b + l) as usize] {
                if let Some(a) = self.accept(ctx, start, end, e, &atoms, &group_at) {
                    chosen = Some(a);
                    break;
                }
            }
            match chosen {
                Some(a) => {
                    i = a.end;
                    atoms.push(a);
                }
                None => i += 1,
            }
        }
        // "Penjabat Gubernur Papua", "acting foreign minister": the word belongs to the title.
        for k in 0..atoms.len() {
            let a = atoms[k];
            if a.start > 0
                && a.agent().is_some_and(|r| self.agents[r as usize].title)
                && ctx.is(a.start - 1, &ctx.g.acting)
                && (k == 0 || atoms[k - 1].end < a.start)
            {
                atoms[k].start -= 1;
            }
        }
        atoms
    }

    fn accept(
        &self,
        ctx: &Ctx<'_>,
        start: usize,
        end: usize,
        e: u32,
        atoms: &[Atom],
        group_at: &[(u32, u32)],
    ) -> Option<Atom> {
        let entry = &self.entries[e as usize];
        if entry.ambiguous {
            // A capitalised word that is no actor word right before or after: part of another name.
            // A sentence-initial capital before a surname is usually an ordinary word ("Later Trump
            // said"); before a country name that doubles as a given name it is not ("Michael Jordan").
            let prev_taken = atoms.last().is_some_and(|a| a.end == start);
            let initial_ok =
                matches!(entry.what, What::Short(_)) && start > 0 && start - 1 == ctx.first_word;
            if start > 0
                && !prev_taken
                && !initial_ok
                && ctx.cap(start - 1)
                && !ctx.toks[start - 1].dot
            {
                return None;
            }
            if end < ctx.toks.len() && ctx.cap(end) && group_at[end].1 == 0 {
                return None;
            }
        }
        let what = match entry.what {
            What::Country { country, form } => AtomWhat::Country {
                country,
                form,
                capital: entry.capital,
            },
            What::Named(n) => AtomWhat::Named(n),
            What::Person(p) => AtomWhat::Person {
                person: p,
                short: false,
            },
            What::Agent(a) => AtomWhat::Agent(a),
            What::Short(s) => {
                let person = self.resolve_short(s, ctx.when)?;
                AtomWhat::Person {
                    person,
                    short: true,
                }
            }
        };
        Some(Atom { start, end, what })
    }

    // ------------------------------------------------------------------ persons

    /// The person meant by a surname or nickname at `when`, if only one fits.
    fn resolve_short(&self, short: u32, when: Span) -> Option<u32> {
        let cands = &self.shorts[short as usize];
        let mut active = cands
            .iter()
            .filter(|&&p| self.current_term(p, when).is_some());
        match (active.next(), active.next()) {
            (Some(&p), None) => Some(p),
            (None, _) if cands.len() == 1 => Some(cands[0]),
            // Nobody of that name in office then ("President Bush" in 2000): the one
            // whose terms lie nearest in time, if all candidates share a country, so
            // the mention keeps its country even when the office is unknown.
            (None, _) => self.nearest_of_one_country(cands, when),
            _ => None,
        }
    }

    /// Among persons who all share one country, the one whose terms lie nearest to `when`;
    /// `None` when they belong to different countries.
    fn nearest_of_one_country(&self, cands: &[u32], when: Span) -> Option<u32> {
        let code_of = |p: u32| self.persons[p as usize].terms.first().map(|t| t.code);
        let first = code_of(*cands.first()?)?;
        if !cands.iter().all(|&p| code_of(p) == Some(first)) {
            return None;
        }
        let gap = |p: u32| {
            self.persons[p as usize]
                .terms
                .iter()
                .filter(|t| !t.undated)
                .map(|t| {
                    if t.span.hi < when.lo {
                        i64::from(when.lo) - i64::from(t.span.hi)
                    } else if t.span.lo > when.hi {
                        i64::from(t.span.lo) - i64::from(when.hi)
                    } else {
                        0
                    }
                })
                .min()
                .unwrap_or(i64::MAX)
        };
        cands.iter().copied().min_by_key(|&p| (gap(p), p))
    }

    /// Index of the term that best describes person `p` at `when`: curated before Phoenix, state
    /// offices before armed-group roles before party posts, then the larger share of the span,
    /// then the later start.
    fn current_term(&self, p: u32, when: Span) -> Option<usize> {
        self.current_term_as(p, when, &[])
    }

    /// Like `current_term`, preferring a term in one of `offices` (the title written before the
    /// name: "Presiden Prabowo" in 2024 is the president, not the defence minister).
    fn current_term_as(&self, p: u32, when: Span, offices: &[&'static str]) -> Option<usize> {
        let open = when.lo == Span::ALL.lo;
        let terms = &self.persons[p as usize].terms;
        let class = |s: Option<&str>| match s {
            Some("PTY") => 2u8,
            Some(s) if !is_state_sector(s) => 1,
            _ => 0,
        };
        (0..terms.len())
            .filter(|&k| !terms[k].undated && terms[k].span.overlap(&when) > 0)
            .max_by_key(|&k| {
                let t = &terms[k];
                let share = if open { 0 } else { t.span.overlap(&when) };
                let titled = t.office.is_some_and(|o| offices.contains(&o));
                (
                    titled,
                    t.curated,
                    std::cmp::Reverse(class(t.sector)),
                    share,
                    t.span.lo,
                    std::cmp::Reverse(k),
                )
            })
    }

    fn person_facts(&self, p: u32, when: Span) -> PersonFacts {
        self.person_facts_as(p, when, &[])
    }

    fn person_facts_as(&self, p: u32, when: Span, offices: &[&'static str]) -> PersonFacts {
        let terms = &self.persons[p as usize].terms;
        if let Some(k) = self.current_term_as(p, when, offices) {
            let t = &terms[k];
            return PersonFacts {
                code: Some(t.code),
                sector: t.sector,
                office: t.office,
                current: true,
                before_any: false,
            };
        }
        // Out of office: the latest term that ended before the date tells who they were.
        if let Some(t) = terms
            .iter()
            .filter(|t| !t.undated && t.span.hi < when.lo)
            .max_by_key(|t| (t.span.hi, t.curated))
        {
            let sector = match t.sector {
                Some(s) if is_state_sector(s) => Some("ELI"),
                s => s,
            };
            return PersonFacts {
                code: Some(t.code),
                sector,
                office: None,
                current: false,
                before_any: false,
            };
        }
        if let Some(t) = terms.iter().find(|t| t.undated) {
            return PersonFacts {
                code: Some(t.code),
                sector: t.sector,
                office: None,
                current: false,
                before_any: false,
            };
        }
        let code = terms.iter().min_by_key(|t| t.span.lo).map(|t| t.code);
        PersonFacts {
            code,
            sector: None,
            office: None,
            current: false,
            before_any: true,
        }
    }

    /// The single listed holder of one of `offices` for `code` at `when`.
    fn holder(
        &self,
        code: &str,
        offices: &[&'static str],
        when: Span,
    ) -> Option<(u32, &'static str)> {
        if when.lo == Span::ALL.lo {
            return None;
        }
        let mut found: Option<(u32, &'static str)> = None;
        for &o in offices {
            let Some(list) = self.holders.get(&(code, o)) else {
                continue;
            };
            for &p in list {
                let holds = self.persons[p as usize].terms.iter().any(|t| {
                    t.curated && t.code == code && t.office == Some(o) && t.span.overlap(&when) > 0
                });
                if holds {
                    match found {
                        Some((q, _)) if q != p => return None,
                        Some(_) => {}
                        None => found = Some((p, o)),
                    }
                }
            }
        }
        found
    }

    /// A role that may precede a person's name (title or rank).
    fn personal(&self, r: u32) -> bool {
        let ag = &self.agents[r as usize];
        ag.title || ag.rank
    }

    /// True when person `p` holds, at `when`, an office the title `roles` names (not merely
    /// held one once).
    fn holds_title(&self, roles: &[u32], p: u32, when: Span) -> bool {
        let facts = self.person_facts(p, when);
        facts.current && facts.sector != Some("ELI") && self.fits_facts(roles, &facts)
    }

    /// True when a surname found after `roles` may be that person: the title agrees with the
    /// office held ("Presiden Jokowi"), or says nothing about it ("Pak", "spokesman").
    fn title_fits(&self, roles: &[u32], p: u32, when: Span) -> bool {
        self.fits_facts(roles, &self.person_facts(p, when))
    }

    /// `title_fits` on facts already looked up.
    fn fits_facts(&self, roles: &[u32], facts: &PersonFacts) -> bool {
        // Former office-holders keep their title in the press ("President Reagan" in 2000);
        // the lists mark their years out of office as elite (ELI).
        let out_of_office = !facts.current || facts.sector == Some("ELI");
        roles.iter().all(|&r| {
            let a = &self.agents[r as usize];
            if a.sector.is_none() || out_of_office {
                return true;
            }
            a.sector == facts.sector || facts.office.is_some_and(|o| a.offices.contains(&o))
        })
    }

    // ------------------------------------------------------------------ chains

    fn chains(&self, ctx: &Ctx<'_>, atoms: &[Atom]) -> Vec<ActorMention> {
        let n = ctx.toks.len();
        let mut at = vec![usize::MAX; n + 1];
        for (k, a) in atoms.iter().enumerate() {
            at[a.start] = k;
        }
        let mut out = Vec::new();
        let mut k = 0;
        while k < atoms.len() {
            k = if ctx.g.head_first {
                self.head_first(ctx, atoms, &at, k, &mut out)
            } else {
                self.modifier_first(ctx, atoms, &at, k, &mut out)
            };
        }
        out
    }

    /// Consecutive role atoms from token `p`: (roles, end token).
    fn take_roles(&self, atoms: &[Atom], at: &[usize], mut p: usize) -> (Vec<u32>, usize) {
        let mut roles = Vec::new();
        while p < at.len() && at[p] != usize::MAX {
            let Some(r) = atoms[at[p]].agent() else { break };
            if self.agents[r as usize].rank && !roles.is_empty() {
                break; // a rank after a title starts the name part
            }
            roles.push(r);
            p = atoms[at[p]].end;
        }
        (roles, p)
    }

    /// Countries coordinated after `first`: ", X", "and X", "dan X".
    fn coordinated(&self, ctx: &Ctx<'_>, atoms: &[Atom], at: &[usize], first: usize) -> Vec<usize> {
        let mut qs = vec![first];
        loop {
            let mut p = atoms[*qs.last().unwrap_or(&first)].end;
            let mut saw = false;
            while p < ctx.toks.len() && ctx.is(p, &ctx.g.and) {
                p += 1;
                saw = true;
            }
            if !saw || p >= ctx.toks.len() || at[p] == usize::MAX || !atoms[at[p]].is_country() {
                break;
            }
            qs.push(at[p]);
        }
        qs
    }

    /// Some role names its country ("Kapolri", "Polda").
    fn has_code(&self, roles: &[u32]) -> bool {
        roles
            .iter()
            .any(|&r| self.agents[r as usize].code.is_some())
    }

    /// A capitalised word that is no actor word at token `p`: the phrase before it is part of a
    /// longer proper name.
    fn continues_name(&self, ctx: &Ctx<'_>, at: &[usize], p: usize) -> bool {
        p < ctx.toks.len() && at[p] == usize::MAX && ctx.cap(p) && !ctx.is(p, &ctx.g.time)
    }

    /// "former"/"mantan" right before token `start` (an article may sit in between).
    fn former_before(&self, ctx: &Ctx<'_>, start: usize) -> bool {
        let mut p = start;
        while p > 0 {
            p -= 1;
            if ctx.is(p, &ctx.g.former) {
                return true;
            }
            if !ctx.is(p, &ctx.g.det) {
                return false;
            }
        }
        false
    }

    /// A name after a title: honorifics and ranks skipped, then a listed person or capitalised
    /// words. Returns the ranks met, the name and the end token.
    /// `strict`: the title has no country; then a one-word unknown name is not taken ("Raja
    /// Ampat" is a place, "Menteri Kelautan" a portfolio) unless a rank stands before it.
    fn take_name(
        &self,
        ctx: &Ctx<'_>,
        atoms: &[Atom],
        at: &[usize],
        mut p: usize,
        titles: &[u32],
        strict: bool,
    ) -> (Vec<u32>, Option<NameHit>, usize) {
        let n = ctx.toks.len();
        let start = p;
        while p < n && (ctx.is(p, &ctx.g.honorific) || ctx.toks[p].dot) && at[p] == usize::MAX {
            p += 1;
        }
        let mut ranks = Vec::new();
        while p < n && at[p] != usize::MAX {
            match atoms[at[p]].agent() {
                Some(r) if self.agents[r as usize].rank => {
                    ranks.push(r);
                    p = atoms[at[p]].end;
                }
                _ => break,
            }
        }
        // Every role word before the name: what a listed person must fit.
        let all: Vec<u32> = titles.iter().chain(&ranks).copied().collect();
        if p < n
            && at[p] != usize::MAX
            && let AtomWhat::Person { person, short } = atoms[at[p]].what
        {
            let (s, e) = (atoms[at[p]].start, atoms[at[p]].end);
            if !short || self.holds_title(&all, person, ctx.when) {
                return (ranks, Some(NameHit::Person(person)), e);
            }
            // A surname whose listed holder is out of office or in another one: somebody of
            // that name who holds the title then ("President Bush" in 1990 is the father),
            // else the listed one if the title fits a former holder, else somebody unknown.
            let other = (e == s + 1)
                .then(|| self.titled_surname(ctx.f(s), &all, ctx.when))
                .flatten();
            if let Some(o) = other.filter(|&o| self.holds_title(&all, o, ctx.when)) {
                return (ranks, Some(NameHit::Person(o)), e);
            }
            if self.title_fits(&all, person, ctx.when) {
                return (ranks, Some(NameHit::Person(person)), e);
            }
            if let Some(o) = other {
                return (ranks, Some(NameHit::Person(o)), e);
            }
            return (ranks, Some(NameHit::Unknown(s, e)), e);
        }
        // Unknown name: capitalised words that are no actor words and no grammar words.
        let name_start = p;
        let mut words = 0;
        let mut end = p;
        let mut q = p;
        while q < n && words < MAX_NAME_WORDS {
            let t = &ctx.toks[q];
            // A dot after an initial ("George W. Bush") when the name goes on.
            if t.dot && q > name_start {
                let initial = ctx.f(q - 1).chars().count() == 1;
                if initial && ctx.cap(q + 1) && at.get(q + 1) == Some(&usize::MAX) {
                    q += 1;
                    continue;
                }
                break;
            }
            if !t.word {
                break;
            }
            if at[q] != usize::MAX {
                // A title word ending a name is a surname ("Defence Secretary Tom King said").
                let a = atoms[at[q]];
                let surname = words > 0
                    && a.end == q + 1
                    && t.case == Case::Title
                    && a.agent().is_some_and(|r| self.agents[r as usize].title)
                    && !ctx.cap(q + 1)
                    && !ctx.is(q + 1, &ctx.g.of);
                if !surname {
                    break;
                }
            }
            if ctx.is(q, &ctx.g.particle) && t.case == Case::Any {
                if q + 1 < n && ctx.cap(q + 1) && at[q + 1] == usize::MAX && words > 0 {
                    q += 1;
                    continue;
                }
                break;
            }
            if t.case != Case::Title || ctx.is(q, &ctx.g.not_name) || ctx.is(q, &ctx.g.time) {
                break;
            }
            words += 1;
            q += 1;
            end = q;
        }
        if words >= 1 {
            // "President Chirac", or "President Carlos Menem" for the listed "Carlos Saul
            // Menem": the surname after a title, with any given names agreeing.
            let surname = ctx.f(end - 1);
            if let Some(person) = self.titled_surname(surname, &all, ctx.when) {
                let listed = fold(self.persons[person as usize].name);
                let given_agree = (name_start..end - 1)
                    .filter(|&t| ctx.toks[t].word)
                    .all(|t| listed.split_whitespace().any(|w| w == ctx.f(t)));
                if given_agree {
                    return (ranks, Some(NameHit::Person(person)), end);
                }
            }
        }
        if words == 0 || (words == 1 && strict && ranks.is_empty()) {
            let end = if ranks.is_empty() { start } else { p };
            return (ranks, None, end);
        }
        (ranks, Some(NameHit::Unknown(name_start, end)), end)
    }

    /// A surname after a title ("President Chirac", "Prime Minister Koizumi") naming a
    /// Phoenix-listed person whom the title fits: the only one, or the one nearest in time
    /// when all candidates share a country.
    fn titled_surname(&self, folded: &str, titles: &[u32], when: Span) -> Option<u32> {
        let all = self.titled_surnames.get(folded)?;
        // Somebody holding the title then wins over former holders.
        for holding in [true, false] {
            let cands: Vec<u32> = all
                .iter()
                .copied()
                .filter(|&p| {
                    if holding {
                        self.holds_title(titles, p, when)
                    } else {
                        self.title_fits(titles, p, when)
                    }
                })
                .collect();
            match cands.as_slice() {
                [] => continue,
                [p] => return Some(*p),
                _ => return self.nearest_of_one_country(&cands, when),
            }
        }
        None
    }

    /// Place words after "Polda", "Gubernur": a capital, or capitalised words.
    fn take_place(
        &self,
        ctx: &Ctx<'_>,
        atoms: &[Atom],
        at: &[usize],
        p: usize,
    ) -> Option<(usize, usize)> {
        let n = ctx.toks.len();
        if p < n && at[p] != usize::MAX {
            let a = &atoms[at[p]];
            return matches!(
                a.what,
                AtomWhat::Country {
                    form: CountryForm::Capital,
                    ..
                }
            )
            .then_some((a.start, a.end));
        }
        let mut q = p;
        while q < n
            && q - p < MAX_PLACE_WORDS
            && at[q] == usize::MAX
            && ctx.toks[q].word
            && ctx.cap(q)
            && !ctx.is(q, &ctx.g.time)
        {
            q += 1;
        }
        (q > p).then_some((p, q))
    }

    fn modifier_first(
        &self,
        ctx: &Ctx<'_>,
        atoms: &[Atom],
        at: &[usize],
        k: usize,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let a = atoms[k];
        let n = ctx.toks.len();
        match a.what {
            AtomWhat::Country { .. } | AtomWhat::Named(_) => {
                let qs = if a.is_country() {
                    self.coordinated(ctx, atoms, at, k)
                } else {
                    vec![k]
                };
                let last = atoms[*qs.last().unwrap_or(&k)];
                let mut p = last.end;
                if ctx.is(p, &ctx.g.poss) {
                    p += 1;
                }
                let mut q = p;
                while ctx.is(q, &ctx.g.title_modifier) {
                    q += 1;
                }
                if q > p
                    && q < n
                    && at[q] != usize::MAX
                    && atoms[at[q]]
                        .agent()
                        .is_some_and(|r| self.agents[r as usize].title)
                {
                    p = q;
                }
                let (roles, p2) = self.take_roles(atoms, at, p);
                // "Israel's Benjamin Netanyahu", "Saudi King Salman": a person after the country.
                if roles.is_empty()
                    && qs.len() == 1
                    && p < n
                    && at[p] != usize::MAX
                    && let AtomWhat::Person {
                        person,
                        short: false,
                    } = atoms[at[p]].what
                {
                    let end = atoms[at[p]].end;
                    let former = self.former_before(ctx, a.start);
                    let name = Some(NameHit::Person(person));
                    self.emit(
                        ctx,
                        Chain {
                            start: a.start,
                            end,
                            qual: Some(a),
                            name,
                            former,
                            ..Chain::default()
                        },
                        out,
                    );
                    return next_atom(atoms, k, end);
                }
                // "Thailand's People Party", "Spanish National Police": capitalised role words that
                // run on into a longer name are part of that name.
                // After a possessive any capitalised word continues the name ("People's Party").
                let runs_on = if ctx.is(p2, &ctx.g.poss) {
                    ctx.cap(p2 + 1) && !ctx.is(p2 + 1, &ctx.g.time)
                } else {
                    self.continues_name(ctx, at, p2)
                };
                // A title runs on into a person's name, not a longer body name: "Kenyan President
                // Joseph Mwangi" is a Kenyan president.
                let titled = roles.iter().any(|&r| self.personal(r));
                let in_name =
                    !roles.is_empty() && !titled && ctx.toks[p2 - 1].case != Case::Any && runs_on;
                let composes = !roles.is_empty()
                    && !in_name
                    && (last.is_country()
                        || !roles.iter().any(|&r| self.agents[r as usize].people));
                if !composes {
                    // "Kenya Anti-Corruption Commission", "Ghana Police Service": a proper
                    // name after the country that ends in an organisation word.
                    if qs.len() == 1
                        && a.is_country()
                        && let Some((end, sector)) = self.org_name(ctx, atoms, at, p)
                    {
                        let mut m = self.mention(ctx, a.start, end, MentionKind::Institution);
                        m.code = self.qual_facts(&a, ctx.when).0.map(String::from);
                        m.sector = sector.map(String::from);
                        m.name = Some(
                            ctx.text[ctx.toks[a.start].start..ctx.toks[end - 1].end].to_string(),
                        );
                        out.push(m);
                        return next_atom(atoms, k, end);
                    }
                    self.emit(
                        ctx,
                        Chain {
                            start: a.start,
                            end: a.end,
                            qual: Some(a),
                            ..Chain::default()
                        },
                        out,
                    );
                    return k + 1;
                }
                let person_role = roles.iter().any(|&r| self.agents[r as usize].title);
                let (ranks, name, end) = if person_role {
                    self.take_name(ctx, atoms, at, p2, &roles, false)
                } else {
                    (Vec::new(), None, p2)
                };
                let mut all = roles;
                all.extend(ranks);
                let former = self.former_before(ctx, a.start);
                let chain = Chain {
                    start: last.start,
                    end,
                    roles: all,
                    qual: Some(last),
                    name,
                    place: None,
                    former,
                };
                for &q in &qs[..qs.len() - 1] {
                    self.emit_coordinated(ctx, atoms[q], &chain, out);
                }
                self.emit(ctx, chain, out);
                next_atom(atoms, k, end)
            }
            AtomWhat::Agent(_) => {
                let (roles, p) = self.take_roles(atoms, at, a.start);
                let former = self.former_before(ctx, a.start);
                let mut chain = Chain {
                    start: a.start,
                    end: p,
                    roles,
                    former,
                    ..Chain::default()
                };
                // Complement: "spokesman for the Thai army", "President of Russia". Not for people
                // ("victims of the Kabul attack") nor subjects ("special envoy for North Korea").
                let last_role = chain.roles.last().map(|&r| &self.agents[r as usize]);
                let employer_role = last_role.is_some_and(|r| !r.topic && !people_like(r));
                if employer_role && ctx.is(p, &ctx.g.of) {
                    let mut q = p + 1;
                    while q < n && ctx.is(q, &ctx.g.det) {
                        q += 1;
                    }
                    if q < n && at[q] != usize::MAX && atoms[at[q]].is_qualifier() {
                        let c = atoms[at[q]];
                        let mut e = c.end;
                        if ctx.is(e, &ctx.g.poss) {
                            e += 1;
                        }
                        let (more, e2) = self.take_roles(atoms, at, e);
                        let more: Vec<u32> = more
                            .into_iter()
                            .filter(|&r| !self.agents[r as usize].rank)
                            .collect();
                        let e2 = if more.is_empty() { c.end } else { e2 };
                        // The body must end the name ("director of the U.S. Geological Survey" is
                        // about the survey), and a bare capital or adjective needs a role after it
                        // ("of the Thai army", not "of the Kabul attack").
                        let bare_ok = !more.is_empty()
                            || matches!(
                                c.what,
                                AtomWhat::Country {
                                    form: CountryForm::Name,
                                    ..
                                } | AtomWhat::Named(_)
                            );
                        if !bare_ok || self.continues_name(ctx, at, e2) {
                            self.emit(ctx, chain, out);
                            return next_atom(atoms, k, p);
                        }
                        // The complement's roles modify it ("the Thai army"); the head stays last.
                        chain.qual = Some(c);
                        let head_roles = std::mem::replace(&mut chain.roles, more);
                        chain.roles.extend(head_roles);
                        chain.end = e2;
                        self.emit(ctx, chain, out);
                        return next_atom(atoms, k, e2);
                    }
                }
                let person_role = chain.roles.iter().any(|&r| self.personal(r));
                if person_role {
                    let strict = !self.has_code(&chain.roles);
                    let (ranks, name, end) =
                        self.take_name(ctx, atoms, at, p, &chain.roles, strict);
                    chain.roles.extend(ranks);
                    chain.name = name;
                    chain.end = end.max(chain.end);
                }
                let end = chain.end;
                if !self.part_of_name(ctx, at, &chain) {
                    self.emit(ctx, chain, out);
                }
                next_atom(atoms, k, end)
            }
            AtomWhat::Person { person, .. } => {
                self.emit_person(ctx, a, person, out);
                k + 1
            }
        }
    }

    /// A listed person named alone ("Netanyahu said"), in either word order.
    fn emit_person(&self, ctx: &Ctx<'_>, a: Atom, person: u32, out: &mut Vec<ActorMention>) {
        let former = self.former_before(ctx, a.start);
        self.emit(
            ctx,
            Chain {
                start: a.start,
                end: a.end,
                name: Some(NameHit::Person(person)),
                former,
                ..Chain::default()
            },
            out,
        );
    }

    /// A proper name from token `p` (capitalised words, role words among them, joined by
    /// "of", "and" or hyphens) whose last word is an organisation word (`org-head` in
    /// actors.tsv) or a role word of a body: its end and the sector of its last role word. A
    /// title inside makes it a person's name, another country or person a different mention.
    fn org_name(
        &self,
        ctx: &Ctx<'_>,
        atoms: &[Atom],
        at: &[usize],
        p: usize,
    ) -> Option<(usize, Option<&'static str>)> {
        let n = ctx.toks.len();
        let (mut q, mut end, mut words) = (p, p, 0);
        let mut sector = None;
        // The head is the last word before "of" ("Union of Teachers"), else the last word;
        // with its sector when it is a role word of a body ("Police").
        let mut head: Option<(usize, Option<&'static str>)> = None;
        let mut head_frozen = false;
        while q < n && words < MAX_NAME_WORDS + 2 {
            if ctx.cap(q) && !ctx.is(q, &ctx.g.time) {
                let mut body = None;
                if at[q] != usize::MAX {
                    let r = atoms[at[q]].agent()?;
                    if self.personal(r) {
                        return None;
                    }
                    let ag = &self.agents[r as usize];
                    sector = ag.sector.or(sector);
                    body = ag.sector.filter(|_| !ag.people);
                    q = atoms[at[q]].end;
                } else {
                    q += 1;
                }
                if !head_frozen {
                    head = Some((q - 1, body));
                }
                words += 1;
                end = q;
                continue;
            }
            let of = ctx.is(q, &ctx.g.of);
            let joiner = of || (ctx.is(q, &ctx.g.and) && ctx.f(q) != ",") || ctx.f(q) == "-";
            if words > 0 && joiner && ctx.cap(q + 1) {
                head_frozen |= of;
                q += 1;
                continue;
            }
            break;
        }
        let (h, body) = head?;
        if body.is_some() {
            return Some((end, body));
        }
        let head_sector = ctx.g.org_head.get(ctx.f(h))?;
        Some((end, head_sector.or(sector)))
    }

    /// Capitalised role words alone, followed by a capitalised word that is no actor word and no
    /// office word: a proper name that starts with a role word ("Raja Ampat", "Sultan Hasanuddin
    /// Airport"), unlike a portfolio ("Menteri Pekerjaan Umum").
    fn part_of_name(&self, ctx: &Ctx<'_>, at: &[usize], chain: &Chain) -> bool {
        chain.qual.is_none()
            && chain.name.is_none()
            && chain.place.is_none()
            && ctx.toks[chain.end - 1].case != Case::Any
            && self.continues_name(ctx, at, chain.end)
            && !ctx.is(chain.end, &ctx.g.not_name)
    }

    fn head_first(
        &self,
        ctx: &Ctx<'_>,
        atoms: &[Atom],
        at: &[usize],
        k: usize,
        out: &mut Vec<ActorMention>,
    ) -> usize {
        let a = atoms[k];
        match a.what {
            AtomWhat::Agent(_) => {
                let (roles, mut p) = self.take_roles(atoms, at, a.start);
                let former = self.former_before(ctx, a.start);
                let mut chain = Chain {
                    start: a.start,
                    end: p,
                    roles,
                    former,
                    ..Chain::default()
                };
                if chain.roles.iter().any(|&r| self.agents[r as usize].place)
                    && let Some((s, e)) = self.take_place(ctx, atoms, at, p)
                {
                    chain.place = Some((s, e));
                    p = e;
                    chain.end = e;
                }
                let mut qs = Vec::new();
                if chain.place.is_none()
                    && p < ctx.toks.len()
                    && at[p] != usize::MAX
                    && atoms[at[p]].is_qualifier()
                {
                    let q = at[p];
                    qs = if atoms[q].is_country() {
                        self.coordinated(ctx, atoms, at, q)
                    } else {
                        vec![q]
                    };
                    chain.qual = Some(atoms[q]);
                    p = atoms[q].end;
                    chain.end = p;
                }
                let person_role = chain.roles.iter().any(|&r| self.personal(r));
                let mut last_end = chain.end;
                if person_role && qs.len() <= 1 {
                    let strict = chain.qual.is_none()
                        && chain.place.is_none()
                        && !self.has_code(&chain.roles);
                    let (ranks, name, end) =
                        self.take_name(ctx, atoms, at, p, &chain.roles, strict);
                    chain.roles.extend(ranks);
                    chain.name = name;
                    chain.end = end.max(chain.end);
                    last_end = chain.end;
                }
                let extra: Vec<Atom> = qs.iter().skip(1).map(|&q| atoms[q]).collect();
                if let Some(x) = extra.last() {
                    last_end = x.end;
                }
                let shared = Chain {
                    roles: chain.roles.clone(),
                    ..Chain::default()
                };
                if self.part_of_name(ctx, at, &chain) {
                    return next_atom(atoms, k, last_end);
                }
                self.emit(ctx, chain, out);
                for x in extra {
                    self.emit_coordinated(ctx, x, &shared, out);
                }
                next_atom(atoms, k, last_end)
            }
            AtomWhat::Country { .. } | AtomWhat::Named(_) => {
                self.emit(
                    ctx,
                    Chain {
                        start: a.start,
                        end: a.end,
                        qual: Some(a),
                        ..Chain::default()
                    },
                    out,
                );
                k + 1
            }
            AtomWhat::Person { person, .. } => {
                self.emit_person(ctx, a, person, out);
                k + 1
            }
        }
    }

    // ------------------------------------------------------------------ output

    /// The role whose sector and office the mention takes: the last one in English ("army
    /// spokesman"), the first in Indonesian ("juru bicara militer"). Ranks only when alone.
    fn head<'a>(&'a self, roles: &[u32], head_first: bool) -> Option<&'a Agent> {
        let mut it = roles
            .iter()
            .map(|&r| &self.agents[r as usize])
            .filter(|a| !a.rank);
        let h = if head_first {
            it.next()
        } else {
            it.next_back()
        };
        h.or_else(|| roles.first().map(|&r| &self.agents[r as usize]))
    }

    /// Sector from the roles alone: the head's, or for a transparent head ("spokesman") the nearest
    /// other role's ("army").
    fn role_sector(&self, roles: &[u32], head: &Agent) -> (Option<&'static str>, bool) {
        if !head.transparent {
            // A crowd of workers is workers ("massa buruh"): a generic civilian head yields to a
            // more specific group of people next to it.
            if head.sector == Some("CVL") && people_like(head) {
                let specific = roles.iter().map(|&r| &self.agents[r as usize]).find(|a| {
                    !std::ptr::eq(*a, head)
                        && people_like(a)
                        && a.sector.is_some_and(|s| s != "CVL")
                });
                if let Some(a) = specific {
                    return (a.sector, true);
                }
            }
            return (head.sector, true);
        }
        let other = roles
            .iter()
            .map(|&r| &self.agents[r as usize])
            .filter(|a| !std::ptr::eq(*a, head) && !a.rank && !a.transparent && a.sector.is_some())
            .map(|a| a.sector)
            .next();
        match other {
            Some(s) => (s, true),
            None => (head.sector, false),
        }
    }

    fn named_variant(&self, id: u32, when: Span) -> (Option<&'static str>, Option<&'static str>) {
        let n = &self.named[id as usize];
        let open = when.lo == Span::ALL.lo;
        let best = n
            .variants
            .iter()
            .enumerate()
            .max_by_key(|(k, v)| {
                let share = if open { 0 } else { v.span.overlap(&when) };
                (
                    share > 0 || open,
                    share,
                    v.span.lo.min(when.hi),
                    std::cmp::Reverse(*k),
                )
            })
            .map(|(_, v)| v);
        best.map_or((None, None), |v| (v.code, v.sector))
    }

    /// (code, sector, adjective-or-name) of a qualifier atom at `when`.
    fn qual_facts(
        &self,
        q: &Atom,
        when: Span,
    ) -> (Option<&'static str>, Option<&'static str>, &'static str) {
        match q.what {
            AtomWhat::Country { country, .. } => {
                let c = &self.countries[country as usize];
                (Some(c.code), None, c.adjective.unwrap_or(c.name))
            }
            AtomWhat::Named(id) => {
                let (code, sector) = self.named_variant(id, when);
                let n = &self.named[id as usize];
                let sector = if n.kind == NamedKind::Seat {
                    sector.or(Some("GOV"))
                } else {
                    sector
                };
                (code, sector, n.name)
            }
            _ => (None, None, ""),
        }
    }

    fn mention(&self, ctx: &Ctx<'_>, start: usize, end: usize, kind: MentionKind) -> ActorMention {
        ActorMention {
            start: ctx.toks[start].start,
            end: ctx.toks[end - 1].end,
            first_token: ctx.toks[start].idx,
            end_token: ctx.toks[end - 1].idx + 1,
            kind,
            code: None,
            sector: None,
            name: None,
            office: None,
        }
    }

    fn emit(&self, ctx: &Ctx<'_>, chain: Chain, out: &mut Vec<ActorMention>) {
        let when = ctx.when;
        let head_first = ctx.g.head_first;
        let head = self.head(&chain.roles, head_first);
        let fixed_code = chain
            .roles
            .iter()
            .rev()
            .find_map(|&r| self.agents[r as usize].code);
        let qual = chain.qual.map(|q| self.qual_facts(&q, when));
        let qual_code = qual.and_then(|q| q.0);
        let mut m = self.mention(ctx, chain.start, chain.end, MentionKind::Agent);

        // A bare country, capital, organisation or group.
        let Some(head) = head else {
            if let (Some(q), None) = (chain.qual, chain.name) {
                self.emit_bare(&mut m, &q, when);
                out.push(m);
            } else if let Some(NameHit::Person(p)) = chain.name {
                let f = self.person_facts(p, when);
                m.kind = MentionKind::Person;
                m.code = f.code.map(String::from);
                m.sector = if chain.former && f.sector.is_some_and(is_state_sector) {
                    Some("ELI".into())
                } else {
                    f.sector.map(String::from)
                };
                m.office = if chain.former {
                    None
                } else {
                    f.office.map(String::from)
                };
                m.name = Some(self.persons[p as usize].name.to_string());
                out.push(m);
            }
            return;
        };

        let (mut sector, from_roles) = self.role_sector(&chain.roles, head);
        if !from_roles || head.transparent {
            // "Hamas spokesman", "Kremlin spokesman": the body gives the sector.
            if let Some(s) = qual.and_then(|q| q.1) {
                sector = Some(s);
            }
        }
        let qual_named = chain.qual.and_then(|q| match q.what {
            AtomWhat::Named(id) => Some(self.named[id as usize].kind),
            _ => None,
        });
        // The armed wing of a non-state group is the group ("Hamas fighters", "Houthi forces").
        if matches!(
            qual_named,
            Some(NamedKind::Group | NamedKind::Party | NamedKind::Ngo)
        ) && matches!(sector, Some("MIL" | "COP" | "PRM" | "UAF"))
        {
            sector = qual.and_then(|q| q.1).or(sector);
        }
        let code = qual_code.or(fixed_code);
        let is_person = head.title || head.rank || chain.name.is_some();

        if is_person {
            m.kind = MentionKind::Person;
            let title_office = head.offices.first().copied().filter(|_| head.title);
            match chain.name {
                Some(NameHit::Person(p)) => {
                    let f = self.person_facts_as(p, when, &head.offices);
                    m.name = Some(self.persons[p as usize].name.to_string());
                    m.code = f.code.or(code).map(String::from);
                    let (s, o) = if chain.former {
                        (
                            f.sector.filter(|s| !is_state_sector(s)).or(Some("ELI")),
                            None,
                        )
                    } else if f.current {
                        (f.sector, f.office)
                    } else if f.before_any {
                        (sector, title_office)
                    } else {
                        (f.sector, None)
                    };
                    m.sector = s.map(String::from);
                    m.office = o.map(String::from);
                }
                Some(NameHit::Unknown(s, e)) => {
                    m.name = Some(ctx.text[ctx.toks[s].start..ctx.toks[e - 1].end].to_string());
                    m.code = code.map(String::from);
                    m.sector = if chain.former {
                        Some("ELI".into())
                    } else {
                        sector.map(String::from)
                    };
                    m.office = if chain.former {
                        None
                    } else {
                        title_office.map(String::from)
                    };
                }
                None => {
                    m.code = code.map(String::from);
                    m.sector = if chain.former {
                        Some("ELI".into())
                    } else {
                        sector.map(String::from)
                    };
                    m.office = if chain.former {
                        None
                    } else {
                        title_office.map(String::from)
                    };
                    if !chain.former
                        && head.title
                        && let Some((p, o)) = code.and_then(|c| self.holder(c, &head.offices, when))
                    {
                        m.name = Some(self.persons[p as usize].name.to_string());
                        m.office = Some(o.to_string());
                    }
                    if code.is_none() && chain.place.is_none() {
                        // A bare title ("the president", "juru bicara"): a role word.
                        if head.bound {
                            return;
                        }
                        m.kind = MentionKind::Agent;
                        m.name = Some(head.name.clone());
                    }
                }
            }
            out.push(m);
            return;
        }

        // A body or a group of people.
        m.code = code.map(String::from);
        m.sector = sector.map(String::from);
        let head_name = &head.name;
        m.name = Some(match (&chain.qual, chain.place) {
            (_, Some((s, e))) => format!(
                "{} {head_name}",
                &ctx.text[ctx.toks[s].start..ctx.toks[e - 1].end]
            ),
            (Some(q), _) => match q.what {
                AtomWhat::Country { .. } => format!("{} {head_name}", qual.map_or("", |x| x.2)),
                _ => qual.map_or(head_name.clone(), |x| x.2.to_string()),
            },
            (None, None) => head_name.clone(),
        });
        m.kind = match (qual_named, chain.qual) {
            (Some(NamedKind::Group | NamedKind::Party), _) => MentionKind::Group,
            (Some(NamedKind::Igo | NamedKind::Ngo), _) => MentionKind::Igo,
            (Some(_), _) => MentionKind::Institution,
            (None, Some(_)) if people_like(head) => MentionKind::Demonym,
            (None, Some(_)) => MentionKind::Institution,
            (None, None) if code.is_some() && people_like(head) => MentionKind::Demonym,
            (None, None) if code.is_some() => MentionKind::Institution,
            (None, None) => {
                if head.bound {
                    return;
                }
                MentionKind::Agent
            }
        };
        out.push(m);
    }

    /// A country coordinated with the one that carries the shared head: its own words, the shared
    /// head's sector ("Armenian" in "Armenian and Azerbaijani forces").
    fn emit_coordinated(
        &self,
        ctx: &Ctx<'_>,
        q: Atom,
        shared: &Chain,
        out: &mut Vec<ActorMention>,
    ) {
        let when = ctx.when;
        let Some(head) = self.head(&shared.roles, ctx.g.head_first) else {
            return;
        };
        let (code, _, adj) = self.qual_facts(&q, when);
        let (sector, _) = self.role_sector(&shared.roles, head);
        let mut m = self.mention(ctx, q.start, q.end, MentionKind::Institution);
        m.code = code.map(String::from);
        m.sector = sector.map(String::from);
        if head.title {
            m.kind = MentionKind::Person;
            m.office = head.offices.first().map(|o| o.to_string());
            if let Some((p, o)) = code.and_then(|c| self.holder(c, &head.offices, when)) {
                m.name = Some(self.persons[p as usize].name.to_string());
                m.office = Some(o.to_string());
            }
        } else {
            if people_like(head) {
                m.kind = MentionKind::Demonym;
            }
            m.name = Some(format!("{adj} {}", head.name));
        }
        out.push(m);
    }

    fn emit_bare(&self, m: &mut ActorMention, q: &Atom, when: Span) {
        match q.what {
            AtomWhat::Country {
                country,
                form,
                capital,
            } => {
                let c = &self.countries[country as usize];
                m.code = Some(c.code.to_string());
                m.kind = match form {
                    CountryForm::Name => MentionKind::Country,
                    CountryForm::Demonym => MentionKind::Demonym,
                    CountryForm::Capital => MentionKind::Capital,
                };
                m.name = Some(match form {
                    CountryForm::Capital => capital.or(c.capital).unwrap_or(c.name).to_string(),
                    _ => c.name.to_string(),
                });
            }
            AtomWhat::Named(id) => {
                let n = &self.named[id as usize];
                let (code, sector) = self.named_variant(id, when);
                m.code = code.map(String::from);
                m.sector = sector.map(String::from);
                m.name = Some(n.name.to_string());
                m.kind = match n.kind {
                    NamedKind::Igo | NamedKind::Ngo => MentionKind::Igo,
                    NamedKind::Group | NamedKind::Party => MentionKind::Group,
                    NamedKind::Institution => MentionKind::Institution,
                    NamedKind::Seat => MentionKind::Capital,
                };
            }
            _ => {}
        }
    }
}

/// "Israeli warplanes and tanks", "tank dan kapal perang Rusia" is one force named twice:
/// an uncoded role word joined by "and" (or a comma) to a mention of the same sector
/// with a country, before or after it, takes that country. A role word of another
/// sector ("Israeli police and protesters") is another party.
fn share_country_over_heads(ctx: &Ctx<'_>, out: &mut [ActorMention]) {
    let joined = |a: &ActorMention, b: &ActorMention| {
        b.first_token > a.end_token
            && (a.end_token..b.first_token).all(|idx| {
                ctx.toks
                    .iter()
                    .position(|t| t.idx == idx)
                    .is_some_and(|k| ctx.is(k, &ctx.g.and))
            })
    };
    let lends = |from: &ActorMention, to: &ActorMention| {
        to.code.is_none()
            && to.kind == MentionKind::Agent
            && from.code.is_some()
            && from.kind == MentionKind::Institution
            && to.sector.is_some()
            && from.sector == to.sector
    };
    for i in 1..out.len() {
        let (before, after) = out.split_at_mut(i);
        let (p, m) = (&mut before[i - 1], &mut after[0]);
        if !joined(p, m) {
            continue;
        }
        if lends(p, m) {
            m.code = p.code.clone();
        } else if lends(m, p) {
            p.code = m.code.clone();
        }
    }
}

/// Civilians, refugees and the like: with a country they are its people ("warga Thailand",
/// "Israeli communities"), a demonym mention.
fn people_like(a: &Agent) -> bool {
    a.people || matches!(a.sector, Some("CVL" | "REF"))
}

/// Index of the first atom starting at or after token `end`.
fn next_atom(atoms: &[Atom], k: usize, end: usize) -> usize {
    let mut j = k + 1;
    while j < atoms.len() && atoms[j].start < end {
        j += 1;
    }
    j
}
