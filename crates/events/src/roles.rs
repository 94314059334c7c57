//! Trigger matching, role assignment, modality and per-clause selection.

use std::ops::Range;

use sitrep_actors::{ActorMention, MentionKind};
use sitrep_attribution::{Frame, FrameKind};
use sitrep_core::{Category, Lang};
use sitrep_morph::Form;

use crate::grammar::{Grammar, Modality};
use crate::lexicon::{Element, Lexicon, MAX_GAP};
use crate::sentence::SentenceTokens;
use crate::{Claim, DocMemory, EventCandidate, Party};

/// Everything the rules read about one sentence.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub toks: &'a SentenceTokens,
    pub mentions: &'a [ActorMention],
    pub frames: &'a [Frame],
    pub grammar: &'a Grammar,
    pub modality: &'a Modality,
    pub lexicon: &'a Lexicon,
    pub lang: Lang,
    pub memory: &'a DocMemory,
}

/// A candidate with what selection needs to know about it.
struct Internal {
    cand: EventCandidate,
    clause: Range<usize>,
    background: bool,
    own_subject: bool,
    minor: bool,
    nominal: bool,
    /// Coordinated with an earlier verb ("condemned the attack and called on ..."):
    /// an event of its own, sharing that verb's subject.
    coordinated: bool,
    /// In a relative clause ("warga yang sempat ditahan"): describes a party.
    relative: bool,
    /// A participle describing the noun before it ("a peace plan agreed with the bloc", "a
    /// school sheltering families"): no event, whatever else the sentence tells.
    reduced: bool,
}

/// A pattern match in the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    trig: usize,
    head: usize,
    end: usize,
    form: Form,
}

/// Parties joined by coordinators ("Armenia and Azerbaijan").
#[derive(Debug, Clone)]
struct Group {
    mentions: Vec<usize>,
    tokens: Range<usize>,
    before: Prep,
}

/// What introduces a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prep {
    None,
    Agent,
    Recipient,
    Partner,
    Locative,
    /// The reach of an office named just before ("the U.S. special envoy *for* Sudan") or
    /// the capacity the party before acts in ("Anwar *selaku* ketua ASEAN"): a description
    /// of that party, no role in the clause.
    Description,
}

/// Frames whose cue word starts a multi-word event pattern: the "reporting verb" is
/// the event's own verb there ("Bolivia declared a state of emergency").
pub(crate) fn overridden_frames(ctx: &Context<'_>) -> (Vec<usize>, Vec<Match>) {
    let matches = find_matches(ctx);
    let dropped = ctx
        .frames
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            matches.iter().any(|m| {
                let trig = &ctx.lexicon.triggers[m.trig];
                // Only curated patterns may turn a reporting verb into an event.
                if trig.tier > 0 {
                    return false;
                }
                let multiword = trig.elements.iter().filter(|e| **e != Element::Gap).count() > 1;
                // "announced a ceasefire", "mengumumkan darurat militer": the cue verb
                // takes the event noun as its object.
                let object_noun = (f.cue.start..f.cue.end).any(|t| {
                    ctx.grammar
                        .event_object_cues
                        .at(&ctx.toks.words, t)
                        .is_some()
                }) && m.head >= f.cue.end
                    && m.head <= f.cue.end + 2
                    && (f.cue.end..m.head)
                        .all(|t| ctx.grammar.determiners.contains_word(&ctx.toks.words[t]))
                    && is_nominal(ctx, m, trig.flags.noun);
                (f.cue.contains(&m.head) && multiword) || object_noun
            })
        })
        .map(|(i, _)| i)
        .collect();
    (dropped, matches)
}

/// "Moscow denies deliberately targeting civilians": a present-tense denial of a gerund
/// with a bare object is a standing position, neither a reply about an event ("denies
/// attacking the hospital" names one) nor an event itself.
pub(crate) fn standing_denial(ctx: &Context<'_>, f: &Frame) -> bool {
    let toks = &ctx.toks.toks;
    let present = toks[f.cue.start]
        .analyses
        .first()
        .is_some_and(|a| a.form == Form::Base);
    // The gerund after the cue, past adverbs ("deliberately").
    let Some(g) = (f.cue.end..toks.len())
        .take_while(|&t| toks[t].word)
        .find(|&t| !ctx.toks.words[t].ends_with("ly"))
    else {
        return false;
    };
    let gerund = toks[g]
        .analyses
        .first()
        .is_some_and(|a| a.form == Form::Gerund);
    let bare_object = toks.get(g + 1).is_some_and(|t| {
        t.word
            && !t.cap
            && !ctx
                .grammar
                .determiners
                .contains_word(&ctx.toks.words[g + 1])
    });
    f.kind == FrameKind::Deny && present && gerund && bare_object
}

/// Events of the sentence. `matches` are the trigger matches when the caller already
/// found them under the same frames (see [`overridden_frames`]).
pub(crate) fn extract(
    ctx: &Context<'_>,
    sentence: usize,
    matches: Option<Vec<Match>>,
) -> Vec<EventCandidate> {
    let matches = matches.unwrap_or_else(|| find_matches(ctx));
    if matches.is_empty() {
        return Vec::new();
    }
    let groups = groups(ctx);
    let mut taken = vec![false; ctx.toks.len()];
    let mut cands: Vec<Internal> = Vec::new();
    for m in &matches {
        if (m.head..m.end).any(|k| taken[k]) {
            continue;
        }
        if let Some(c) = candidate(ctx, sentence, m, &matches, &groups) {
            for t in taken.iter_mut().take(m.end).skip(m.head) {
                *t = true;
            }
            cands.push(c);
        }
    }
    cands.sort_by_key(|c| c.cand.trigger_tokens.start);
    select(ctx, cands)
}

// ---------------------------------------------------------------- matching

fn find_matches(ctx: &Context<'_>) -> Vec<Match> {
    let toks = &ctx.toks.toks;
    let n = toks.len();
    let mut found: Vec<Match> = Vec::new();
    let in_frame = |i: usize| ctx.frames.iter().any(|f| f.cue.contains(&i));
    // A reporting verb can head a longer event pattern ("declared a state of
    // emergency", "announced a ceasefire"): only single words are blocked there.
    let multiword = |ti: usize| {
        ctx.lexicon.triggers[ti]
            .elements
            .iter()
            .filter(|e| **e != Element::Gap)
            .count()
            > 1
    };
    let in_mention = |i: usize| {
        ctx.mentions
            .iter()
            .any(|m| (m.first_token..m.end_token).contains(&i) && m.kind != MentionKind::Agent)
    };
    // Tokens inside a discard phrase never head an event.
    let discarded = ctx.lexicon.discarded(&ctx.toks.words);
    // A capitalised word right after another one, inside an ordinary sentence, is part
    // of a name ("Pusat Latihan Tempur Baturaja", "the Joint Strike Fighter programme"),
    // not an event. Title-case lines (headlines) capitalise every word: not there.
    let words_total = toks.iter().filter(|t| t.word).count();
    let lower = toks.iter().filter(|t| t.word && !t.cap).count();
    let title_case = 5 * lower < words_total;
    let in_name =
        |i: usize| !title_case && i > 0 && toks[i].cap && toks[i - 1].cap && toks[i - 1].word;
    for i in 0..n {
        if !toks[i].word || in_mention(i) || discarded[i] || in_name(i) {
            continue;
        }
        let framed = in_frame(i);
        for (nth, key) in toks[i].keys().enumerate() {
            if toks[i].keys().take(nth).any(|k| k == key) {
                continue;
            }
            for &ti in ctx.lexicon.candidates(key) {
                let trig = &ctx.lexicon.triggers[ti];
                if framed && !multiword(ti) {
                    continue;
                }
                // "penyerang", "penembak": the doer, not the act (listed participant nouns
                // such as "pengunjuk rasa" and longer patterns such as "pengebom bunuh diri"
                // still count).
                if !trig.flags.minor
                    && !multiword(ti)
                    && toks[i].agent_noun(key, &ctx.grammar.agent_noun_prefixes)
                {
                    continue;
                }
                if !trig.later_words().all(|w| ctx.toks.may_have_key(w)) {
                    continue;
                }
                if !first_matches(ctx, &trig.elements[0], i, key) {
                    continue;
                }
                if let Some(end) = match_elems(ctx, &trig.elements[1..], i + 1) {
                    if found.iter().any(|f| f.trig == ti && f.head == i) {
                        continue;
                    }
                    found.push(Match {
                        trig: ti,
                        head: i,
                        end,
                        form: toks[i].form_for(key),
                    });
                }
            }
        }
    }
    // Curated before generated, most elements first, tighter before looser, then
    // text order. Overlaps are resolved by the caller, which can skip a match whose
    // candidate fails (a weak pattern without parties) and let a shorter one win.
    found.sort_by_key(|m| {
        let t = &ctx.lexicon.triggers[m.trig];
        (
            t.tier,
            std::cmp::Reverse(t.elements.iter().filter(|e| **e != Element::Gap).count()),
            m.end - m.head,
            m.head,
        )
    });
    found
}

fn first_matches(ctx: &Context<'_>, el: &Element, i: usize, key: &str) -> bool {
    match el {
        Element::Exact(w) => ctx.toks.toks[i].lower == *w,
        Element::Word(w) => key == w,
        Element::Class(c) => ctx.lexicon.in_class(c, key),
        Element::Gap => false,
    }
}

fn elem_matches(ctx: &Context<'_>, el: &Element, i: usize) -> bool {
    let t = &ctx.toks.toks[i];
    match el {
        Element::Exact(w) => t.lower == *w,
        Element::Word(w) => t.is(w),
        Element::Class(c) => t.keys().any(|k| ctx.lexicon.in_class(c, k)),
        Element::Gap => true,
    }
}

fn match_elems(ctx: &Context<'_>, elems: &[Element], pos: usize) -> Option<usize> {
    let n = ctx.toks.len();
    let Some(first) = elems.first() else {
        return Some(pos);
    };
    if *first == Element::Gap {
        for skip in 0..=MAX_GAP {
            let p = pos + skip;
            if p > n {
                break;
            }
            if skip > 0 && stops_clause(ctx, p - 1) {
                break;
            }
            if let Some(e) = match_elems(ctx, &elems[1..], p) {
                return Some(e);
            }
        }
        return None;
    }
    if pos < n && elem_matches(ctx, first, pos) {
        match_elems(ctx, &elems[1..], pos + 1)
    } else {
        None
    }
}

/// A hard stop inside the sentence at token `i`; the dot of an abbreviation the
/// tokenizer split off ("U.S." -> "u.s" "."), is none.
fn stops_clause(ctx: &Context<'_>, i: usize) -> bool {
    let words = &ctx.toks.words;
    if words[i] == "." && i > 0 && i + 1 < words.len() {
        let prev = &words[i - 1];
        if prev.contains('.') || prev.chars().count() == 1 {
            return false;
        }
        // The period of an abbreviation inside a party's name ("Ferdinand Marcos Jr.
        // urged"): the sentence segmenter did not end the sentence there either.
        if ctx
            .mentions
            .iter()
            .any(|m| m.first_token < i && i < m.end_token)
        {
            return false;
        }
    }
    // A short bracket after a word ("the National Unity Government (NUG)", "Kamis (24/7)")
    // is part of its phrase, not a break.
    let short_bracket = match words[i].as_str() {
        "(" => (i + 1..(i + 5).min(words.len())).any(|j| words[j] == ")"),
        ")" => (i.saturating_sub(4)..i).any(|j| words[j] == "("),
        _ => false,
    };
    (is_hard_stop(&words[i]) && words[i] != "\"" && !short_bracket) || opens_main_clause(ctx, i)
}

fn is_hard_stop(w: &str) -> bool {
    matches!(
        w,
        "." | ";" | "?" | "!" | ":" | "(" | ")" | "\"" | "“" | "”"
    )
}

// ---------------------------------------------------------------- groups

fn groups(ctx: &Context<'_>) -> Vec<Group> {
    let words = &ctx.toks.words;
    let mut out: Vec<Group> = Vec::new();
    for (k, m) in ctx.mentions.iter().enumerate() {
        if ctx
            .frames
            .iter()
            .any(|f| f.speaker_mentions.contains(&k) && !f.subject_shared)
        {
            continue;
        }
        let r = m.first_token..m.end_token;
        if let Some(g) = out.last_mut() {
            let between = g.tokens.end..r.start;
            let joined = r.start >= g.tokens.end
                && !between.is_empty()
                && between.len() <= 3
                && between.clone().all(|t| {
                    ctx.grammar.coordinators.contains_word(&words[t])
                        || ctx.grammar.coordinators.at(words, t).is_some()
                        || words[t] == "the"
                        // "Mirzoyan and *his* Azerbaijani counterpart Bayramov met"
                        // (after a word such as "and", not a comma: ", an Indian navy
                        // contingent" opens a clause)
                        || (t > between.start
                            && words[t - 1] != ","
                            && m.code.is_some()
                            && ctx.grammar.prep_skips.contains_word(&words[t]))
                });
            // "U.S.-British strikes", "Thai-Cambodian talks": countries joined by a hyphen.
            let country_like = |kind: MentionKind| {
                matches!(
                    kind,
                    MentionKind::Country | MentionKind::Demonym | MentionKind::Capital
                )
            };
            let hyphenated = !between.is_empty()
                && between.len() <= 2
                && words[between.end - 1] == "-"
                && between.clone().all(|t| words[t] == "-" || words[t] == ".")
                && country_like(m.kind)
                && g.mentions
                    .last()
                    .is_some_and(|&p| country_like(ctx.mentions[p].kind));
            let joined = joined || hyphenated;
            // "In Kabul, police arrested ...": a comma after a place phrase ends it; only
            // more places continue it.
            let comma_only = between.clone().all(|t| words[t] == ",");
            // "Untuk memukul mundur massa, aparat menyemprotkan ...": after a comma a party
            // right before a verb opens a clause; only a sentence-opening list ("Thailand,
            // Cambodia agree to ceasefire") continues there.
            let opens_clause = comma_only
                && g.tokens.start > 1
                && ctx.toks.toks.get(r.end).is_some_and(|t| {
                    clause_verb_form(t.best_form()) || ctx.grammar.opens_verb_group(&t.lower)
                });
            let joined = joined
                && !opens_clause
                && !(comma_only
                    && g.before == Prep::Locative
                    && !matches!(m.kind, MentionKind::Country | MentionKind::Capital));
            // Overlapping mentions share a head ("Armenian and Azerbaijani forces").
            let overlapping = r.start < g.tokens.end;
            if joined || overlapping {
                g.mentions.push(k);
                g.tokens.end = g.tokens.end.max(r.end);
                continue;
            }
        }
        let office_before = r.start >= 2
            && ctx.grammar.office_preps.contains_word(&words[r.start - 1])
            && ctx.mentions.iter().any(|x| {
                x.end_token == r.start - 1 && (x.office.is_some() || x.kind == MentionKind::Person)
            });
        // "Anwar Ibrahim selaku ketua ASEAN menelepon", "Anwar, as ASEAN chair, phoned":
        // an office after a capacity word is the capacity of the party before it. A
        // capacity phrase opened by a comma (English ", as") must be closed by one: "...
        // officials as President Trump pushes" is a clause.
        let capacity = m.office.is_some()
            && ctx
                .grammar
                .capacity_words
                .ending_at(words, r.start)
                .is_some_and(|l| {
                    let p = r.start - l;
                    (words[p] != "," || words.get(r.end).is_some_and(|w| w == ","))
                        && ctx.mentions.iter().any(|x| x.end_token == p)
                });
        let mut before = if office_before || capacity {
            Prep::Description
        } else {
            prep_before(ctx, r.start)
        };
        // "setelah pasukan pemerintah mundur", "after government troops withdrew": a
        // temporal word opening a clause; the party after it is that clause's subject.
        if before == Prep::Locative
            && ctx
                .grammar
                .background_preps
                .ending_at(words, skip_before_party(ctx, r.start, true))
                .is_some()
            && ctx.toks.toks.get(r.end).is_some_and(|t| {
                clause_verb_form(t.best_form())
                    || ctx.grammar.opens_verb_group(&t.lower)
                    || ctx.grammar.base_verbs.contains_word(&t.lower)
            })
        {
            before = Prep::None;
        }
        out.push(Group {
            mentions: vec![k],
            tokens: r.clone(),
            before,
        });
    }
    out
}

fn prep_before(ctx: &Context<'_>, start: usize) -> Prep {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let end = skip_before_party(ctx, start, false);
    if g.agent_preps.ending_at(words, end).is_some() {
        Prep::Agent
    } else if let Some(l) = g.partner_preps.ending_at(words, end) {
        // "near the border with Turkey", "dekat perbatasan dengan Turki": the country a
        // border is shared with names a place, not a party of the event.
        if g.border_nouns.ending_at(words, end - l).is_some() {
            Prep::Locative
        } else {
            Prep::Partner
        }
    } else if g.recipient_preps.ending_at(words, end).is_some()
        // "kepada sepuluh anggota Parlemen Eropa", "against 12 protesters": a count between
        // a recipient preposition and its party ("About 2,000 Indian troops" keeps its
        // subject: no other preposition is looked for behind a count).
        || count_start(ctx, end).is_some_and(|c| {
            g.recipient_preps
                .ending_at(words, skip_before_party(ctx, c, false))
                .is_some()
        })
    {
        Prep::Recipient
    } else if g.locative_preps.ending_at(words, end).is_some() {
        Prep::Locative
    } else {
        Prep::None
    }
}

// ---------------------------------------------------------------- clauses

/// Start of the noun phrase whose head is token `head`: before the determiners that
/// precede it ("the", "sebuah"), where a governing preposition would end.
fn noun_phrase_start(ctx: &Context<'_>, head: usize) -> usize {
    let words = &ctx.toks.words;
    let mut i = head;
    while i > 0 && ctx.grammar.determiners.contains_word(&words[i - 1]) {
        i -= 1;
    }
    i
}

/// A non-restrictive relative clause opening at `rel` (", which ...", ", yang ...")
/// and closed by a comma before `head`.
fn closed_relative(ctx: &Context<'_>, rel: usize, head: usize) -> bool {
    let words = &ctx.toks.words;
    rel > 0
        && words[rel - 1] == ","
        && ctx.grammar.relativizers.contains_word(&words[rel])
        && (rel + 2..head).any(|c| words[c] == ",")
}

/// A restrictive relative clause closing right before the verb group of the verbal
/// trigger `m` ("fishermen *who were held hostage for five months* were released",
/// "nelayan *yang disandera selama lima bulan* dilepaskan"): its span, from the
/// relativizer to the verb group. The party before the relativizer is the subject, and
/// the clause only describes it.
fn relative_before_verb(ctx: &Context<'_>, m: &Match) -> Option<Range<usize>> {
    if !clause_verb_form(Some(m.form)) {
        return None;
    }
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let verb_start = verb_group_start(ctx, m.head, 0);
    // Coordinated with the relative clause's own verb ("who fled and were captured").
    if verb_start == 0 || g.coordinators.contains_word(&words[verb_start - 1]) {
        return None;
    }
    let lo = verb_start.saturating_sub(14);
    let rel = (lo..verb_start)
        .rev()
        .find(|&r| g.relativizers.contains_word(&words[r]) || ctx.toks.toks[r].punct)?;
    if !g.relativizers.contains_word(&words[rel])
        || !ctx.mentions.iter().any(|x| x.end_token == rel)
    {
        return None;
    }
    let verb = |t: usize| clause_verb_form(ctx.toks.toks[t].best_form());
    // The relative clause's verb, with something after it before the trigger's group: a
    // verb right before it is a chain ("yang diwajibkan menguasai").
    let closed = (rel + 1..verb_start).any(verb) && !verb(verb_start - 1);
    closed.then_some(rel..verb_start)
}

/// Where the verb group ending at `head` starts: back over the auxiliaries and adverbs
/// that open it ("had been", "telah"), not before `floor`.
fn verb_group_start(ctx: &Context<'_>, head: usize, floor: usize) -> usize {
    let words = &ctx.toks.words;
    let mut start = head;
    while start > floor && ctx.grammar.opens_verb_group(&words[start - 1]) {
        start -= 1;
    }
    start
}

/// Whether a complementizer stands at token `i` ("demand *that* Armenia amend",
/// "tuntutan *agar* Israel mundur"): a party after it opens a clause of its own.
fn complementizer_at(ctx: &Context<'_>, i: usize) -> bool {
    ctx.toks
        .words
        .get(i)
        .is_some_and(|w| ctx.grammar.complementizers.contains_word(w))
}

/// A relativizer at `rel` opening only a qualifier before the verb group of `head`
/// ("yang lain", "yang sama": grammar key `relative_qualifiers`), not a clause of its own.
fn adjectival_relative(ctx: &Context<'_>, rel: usize, head: usize) -> bool {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    if !g.relativizers.contains_word(&words[rel]) || rel == 0 {
        return false;
    }
    let verb_start = verb_group_start(ctx, head, rel + 1);
    verb_start > rel + 1 && g.relative_qualifiers.at(words, rel + 1) == Some(verb_start - rel - 1)
}

/// Forms of a verb that can carry a clause: finite, passive, stative or a past participle.
fn clause_verb_form(form: Option<Form>) -> bool {
    matches!(
        form,
        Some(Form::Past | Form::Passive | Form::Active | Form::Stative)
    )
}

/// Forms that are verbs rather than nouns or bare stems: a clause verb or an -ing form.
fn verb_like_form(form: Option<Form>) -> bool {
    clause_verb_form(form) || form == Some(Form::Gerund)
}

/// The clause of the trigger `m`; `relative_before` is its `relative_before_verb`, which
/// the clause reaches over.
fn clause_of(ctx: &Context<'_>, m: &Match, relative_before: Option<&Range<usize>>) -> Range<usize> {
    let (head, end) = (m.head, m.end);
    let words = &ctx.toks.words;
    let n = words.len();
    let mut start = 0;
    let mut i = head;
    while i > 0 {
        i -= 1;
        if stops_clause(ctx, i) {
            start = i + 1;
            break;
        }
        if let Some(l) = ctx.grammar.clause_breaks.at(words, i)
            && i + l <= head
        {
            // "Iran, which backs the Houthis, condemned ...": a relative clause set off
            // by commas and closed before the verb is an insertion in its clause.
            if closed_relative(ctx, i, head) || relative_before.is_some_and(|r| r.start == i) {
                continue;
            }
            // "Kota-kota Israel yang lain akan menjadi sasaran": a relative with no verb of
            // its own only qualifies the subject before it.
            if adjectival_relative(ctx, i, head) {
                continue;
            }
            // "Anwar, as ASEAN chair, phoned ...": a capacity set off by commas.
            if capacity_insertion(ctx, i, head) {
                continue;
            }
            start = i + l;
            break;
        }
    }
    // A frame's cue and speaker bound the clause too ("X said Y attacked Z").
    for f in ctx.frames {
        let fe = f
            .speaker
            .as_ref()
            .map_or(f.cue.end, |s| s.end.max(f.cue.end));
        if fe <= head && fe > start {
            start = fe;
        }
    }
    let mut stop = n;
    let mut j = end;
    while j < n {
        if stops_clause(ctx, j) {
            stop = j;
            break;
        }
        if ctx.grammar.clause_breaks.at(words, j).is_some() && words[j] != "," {
            stop = j;
            break;
        }
        j += 1;
    }
    for f in ctx.frames {
        let fs = match &f.speaker {
            Some(s) if !f.subject_shared => s.start.min(f.cue.start),
            _ => f.cue.start,
        };
        if fs >= end && fs < stop {
            stop = fs;
        }
    }
    start..stop
}

/// A capacity phrase ending with the clause break at `i` and opening an office closed by
/// a comma before `head` ("Anwar*, as* ASEAN chair, phoned"): an insertion describing the
/// subject, no clause of its own.
fn capacity_insertion(ctx: &Context<'_>, i: usize, head: usize) -> bool {
    let words = &ctx.toks.words;
    ctx.grammar.capacity_words.ending_at(words, i + 1).is_some()
        && ctx.mentions.iter().any(|x| {
            x.first_token == i + 1
                && x.office.is_some()
                && x.end_token < head
                && words[x.end_token] == ","
        })
}

// ---------------------------------------------------------------- roles

fn party(ctx: &Context<'_>, k: usize) -> Party {
    let mut p = Party::from_mention(ctx.text, &ctx.mentions[k]);
    resolve_definite(ctx, k, &mut p);
    // A capital or seat of power in a role position stands for its government.
    if p.kind == Some(MentionKind::Capital) && p.sector.is_none() {
        p.sector = Some("GOV".to_string());
    }
    // "Opposition groups in Zimbabwe", "polisi di Thailand": a role word placed in a
    // country belongs to it.
    if p.code.is_none() && p.kind == Some(MentionKind::Agent) {
        let words = &ctx.toks.words;
        let end = ctx.mentions[k].end_token;
        if end < words.len() && matches!(words[end].as_str(), "in" | "di" | "asal") {
            let next = if end + 1 < words.len() && words[end + 1] == "the" {
                end + 2
            } else {
                end + 1
            };
            if let Some(c) = ctx.mentions.iter().find(|x| {
                x.first_token == next
                    && matches!(x.kind, MentionKind::Country | MentionKind::Capital)
            }) {
                p.code = c.code.clone();
            }
        }
    }
    p
}

fn parties(ctx: &Context<'_>, g: &Group) -> Vec<Party> {
    g.mentions.iter().map(|&k| party(ctx, k)).collect()
}

fn is_nominal(ctx: &Context<'_>, m: &Match, noun_flag: bool) -> bool {
    if noun_flag || m.form == Form::Noun {
        return true;
    }
    if m.form == Form::Past || m.form == Form::Passive || m.form == Form::Active {
        return false;
    }
    if ctx.lang == Lang::ID {
        // A bare root is a noun ("aksi tangkap"), except in a headline, which drops the
        // verb prefix: "TNI Tembak Mati Dua Anggota KKB", "Polisi Tangkap 5 Pelaku".
        let headline_verb = ctx
            .mentions
            .iter()
            .any(|x| x.end_token == m.head && x.kind != MentionKind::Demonym)
            && is_headline(ctx);
        // A pattern opened by a modal or adverb is as verbal as the verb in it
        // ("siap mengirim").
        let verb_inside = (m.head + 1..m.end).any(|j| {
            ctx.toks.toks[j]
                .analyses
                .first()
                .is_some_and(|a| matches!(a.form, Form::Active | Form::Passive))
        });
        // "Kami serang pos itu", "Kami minta polisi mengusut": speech drops the prefix
        // after a pronoun subject.
        let pronoun_subject = m.head > 0
            && ctx
                .grammar
                .first_person
                .contains_word(&ctx.toks.words[m.head - 1]);
        // "tiba", "mundur": a bare root that is an intransitive verb is no noun.
        let base_verb = ctx
            .grammar
            .base_verbs
            .contains_word(&ctx.toks.words[m.head]);
        return m.form == Form::Base
            && !headline_verb
            && !verb_inside
            && !pronoun_subject
            && !base_verb;
    }
    // "Riots in Kano killed four", "Clashes erupted": a bare form opening an English
    // sentence is its subject noun (news has no imperatives).
    if m.head == 0 {
        return m.form == Form::Base;
    }
    let prev = &ctx.toks.words[m.head - 1];
    // "in Israel's Ofer jail": a bare form after a capitalised word that names no
    // party ends a name, outside headlines.
    let name_before = m.head >= 2
        && m.form == Form::Base
        && ctx.toks.toks[m.head - 1].cap
        && !ctx.mentions.iter().any(|x| x.end_token == m.head)
        && !is_headline(ctx);
    // "Tuesday's train hijacking by armed militants": a gerund whose agent follows with
    // "by" is a noun, unless an auxiliary makes it a verb ("are attacking by night").
    let gerund_with_agent = m.form == Form::Gerund
        && ctx.grammar.agent_preps.at(&ctx.toks.words, m.end).is_some()
        && !ctx.grammar.opens_verb_group(prev)
        && !ctx.mentions.iter().any(|x| x.end_token == m.head);
    // "Israeli attack" (adjective) but not "Palestinians reject" (plural noun).
    gerund_with_agent
        || ctx.grammar.determiners.contains_word(prev)
        || name_before
        || (m.form == Form::Base && ctx.grammar.noun_preps.contains_word(prev))
        || ctx.mentions.iter().any(|x| {
            x.end_token == m.head
                && x.kind == MentionKind::Demonym
                && !ctx.toks.words[x.end_token - 1].ends_with('s')
        })
}

/// A participle right after a noun describes that noun ("a school sheltering displaced
/// families", "a truck carrying aid", "a family accused of witchcraft"): a reduced
/// relative clause. After a verb, an auxiliary, a preposition, a determiner, an adverb
/// or a party it is no such thing ("began shelling", "was still refusing",
/// "demonstrators protesting", "Hamas accused Israel of").
fn reduced_relative(ctx: &Context<'_>, m: &Match) -> bool {
    if m.head == 0 {
        return false;
    }
    let words = &ctx.toks.words;
    match m.form {
        Form::Gerund => {}
        // A past participle only with its complement right after it ("accused of"):
        // "a convoy attacked by gunmen" tells the attack itself.
        Form::Past
            if m.end == m.head + 1
                && (ctx.grammar.nominal_object_preps.at(words, m.end).is_some()
                    || ctx.grammar.participle_preps.at(words, m.end).is_some()) => {}
        _ => return false,
    }
    let prev = &ctx.toks.toks[m.head - 1];
    // "demonstrators protesting": a party's participle tells what it does. "a man accused
    // of": with its complement right after it, a past participle describes even a
    // role word; a named party stays the subject ("Hamas accused of" is a headline).
    let party_before = ctx
        .mentions
        .iter()
        .any(|x| x.end_token == m.head && (m.form == Form::Gerund || x.kind != MentionKind::Agent));
    if !prev.word || prev.lower.ends_with("ly") || party_before {
        return false;
    }
    let g = ctx.grammar;
    let function_word = [
        &g.passive_aux,
        &g.agent_preps,
        &g.recipient_preps,
        &g.partner_preps,
        &g.locative_preps,
        &g.coordinators,
        &g.complementizers,
        &g.background_preps,
        &g.topic_preps,
        &g.determiners,
        &g.relativizers,
    ]
    .iter()
    .any(|p| p.contains_word(&words[m.head - 1]));
    let verb = verb_like_form(prev.best_form());
    !function_word && !verb
}

/// Whether the sentence is set as a headline: (nearly) every word of three or more
/// letters capitalised.
fn is_headline(ctx: &Context<'_>) -> bool {
    let (long, capitalised) = ctx
        .toks
        .toks
        .iter()
        .filter(|t| t.word && t.lower.chars().count() >= 3)
        .fold((0usize, 0usize), |(n, c), t| {
            (n + 1, c + usize::from(t.cap))
        });
    long >= 3 && capitalised * 10 >= long * 9
}

fn is_passive(ctx: &Context<'_>, m: &Match) -> bool {
    if ctx
        .grammar
        .stative_participles
        .at(&ctx.toks.words, m.head)
        .is_some()
    {
        return false;
    }
    match m.form {
        Form::Passive | Form::Stative => return true,
        Form::Past => {}
        _ => return false,
    }
    let words = &ctx.toks.words;
    let mut i = m.head;
    let mut steps = 0;
    while i > 0 && steps < 3 {
        i -= 1;
        steps += 1;
        if ctx.grammar.passive_aux.contains_word(&words[i]) {
            return true;
        }
        if ctx.toks.toks[i].punct {
            break;
        }
    }
    // "... attacked by X" with no auxiliary (reduced relative): a single past
    // participle directly followed by the agent ("rejected calls by X" is active).
    let single = m.end == m.head + 1 && m.end < words.len();
    if single && ctx.grammar.agent_preps.at(words, m.end).is_some() {
        return true;
    }
    // "A senior commander is dead, killed in an airstrike": a participle opening a
    // clause after a comma, with no object but a place, time or cause, says what
    // befell the subject of the clause before.
    single
        && m.head > 0
        && words[m.head - 1] == ","
        && (ctx.grammar.locative_preps.at(words, m.end).is_some()
            || ctx.grammar.background_preps.at(words, m.end).is_some())
}

struct Roles {
    actor: Vec<Party>,
    recipient: Vec<Party>,
    reciprocal: bool,
    rule: &'static str,
    /// The trigger has its own subject at the start of a clause ("..., and Y attacked").
    own_subject: bool,
    /// End of the subject of a light verb governing a nominal trigger ("the UN will
    /// provide ... aid"): modality is read from there.
    light_verb_from: Option<usize>,
    /// A mutual event whose parties are only the partners: its subject is unnamed ("he
    /// had spoken by phone with his Thai counterpart").
    reciprocal_without_subject: bool,
    /// A nominal trigger after a verb of perception ("they heard a blast"): who perceives
    /// the event is no party to it.
    perceived: bool,
    /// The trigger is a verb in the passive voice.
    passive: bool,
}

fn assign_roles(
    ctx: &Context<'_>,
    m: &Match,
    clause: &Range<usize>,
    relative_before: Option<&Range<usize>>,
    groups: &[Group],
) -> Roles {
    let trig = &ctx.lexicon.triggers[m.trig];
    let nominal = is_nominal(ctx, m, trig.flags.noun);
    let passive = !nominal && is_passive(ctx, m);
    let perceived = nominal && perceived_noun(ctx, m.head);
    // Token `t` is one the pattern spells out (not one its gap took).
    let spelt_out = |t: usize| {
        trig.elements
            .iter()
            .any(|e| *e != Element::Gap && elem_matches(ctx, e, t))
    };
    // A role word inside the trigger phrase is part of the event, not a party:
    // "darurat militer", "latihan angkatan laut gabungan", "military aid"; an agent the
    // pattern names stays one ("blocked by * @security"), and so does the object in a
    // verb pattern's gap ("invited *union leaders* to a meeting").
    let inside_trigger = |g: &&Group| {
        g.before != Prep::Agent
            && g.tokens.start >= m.head
            && g.tokens.end <= m.end
            && g.mentions
                .iter()
                .all(|&k| ctx.mentions[k].kind == MentionKind::Agent)
            && (trig.flags.noun || g.tokens.clone().any(spelt_out))
    };
    // Parties inside a relative clause before the verb describe its subject.
    let left: Vec<&Group> = groups
        .iter()
        .filter(|g| g.tokens.end <= m.head && g.tokens.start >= clause.start)
        .filter(|g| {
            relative_before.is_none_or(|r| g.tokens.end <= r.start || g.tokens.start >= r.end)
        })
        .collect();
    // Parties inside a pattern's gap are objects too: "give Tanzania a grant",
    // "rejected a Senegalese peace plan".
    let right: Vec<&Group> = groups
        .iter()
        .filter(|g| g.tokens.start > m.head && g.tokens.end <= clause.end)
        .filter(|g| !inside_trigger(g))
        .collect();
    let subject = appositive_head(ctx, &left, m, clause)
        .or_else(|| left.iter().rev().find(|g| g.before == Prep::None).copied())
        .and_then(|g| first_verb_subject(ctx, &left, g, m.head, clause.start))
        // "If Hezbollah does not move away, we will push it back", "... his Thai
        // counterpart, and that both sides had agreed": a first-person or plural pronoun
        // right before the verb (auxiliaries between) is its subject, left to the
        // reference rules.
        .filter(|g| {
            let words = &ctx.toks.words;
            let verb_start = verb_group_start(ctx, m.head, g.tokens.end);
            // (A passive's subject suffers the act: "berharap mereka dibebaskan" keeps the
            // party named before as what "mereka" stands for.)
            let plural_before = !passive
                && ctx
                    .grammar
                    .plural_pronouns
                    .ending_at(words, verb_start)
                    .is_some_and(|l| verb_start - l >= g.tokens.end);
            // "told reporters he had spoken with ...": so is a singular one in a report,
            // where it stands for the speaker.
            let singular_before = !passive
                && !nominal
                && verb_start > g.tokens.end
                && ctx
                    .grammar
                    .singular_pronouns
                    .contains_word(&words[verb_start - 1])
                && ctx.frames.iter().any(|f| {
                    f.content.contains(&(verb_start - 1)) && f.content.start > g.tokens.start
                });
            !plural_before
                && !singular_before
                && !(g.tokens.end.max(m.head.saturating_sub(3))..m.head)
                    .any(|t| ctx.grammar.speaker_subjects.contains_word(&words[t]))
        });
    let agent_after = right.iter().find(|g| g.before == Prep::Agent).copied();
    let partner_after: Vec<&Group> = right
        .iter()
        .filter(|g| g.before == Prep::Partner)
        .copied()
        .collect();
    let mut rule = "active";
    let mut light_verb_from: Option<usize> = None;
    let mut actor: Vec<Party> = Vec::new();
    let mut recipient: Vec<Party> = Vec::new();
    // The object: the first party after the verb, preferring one with a country or
    // organisation code over a bare role word ("withdraw its force from Chad").
    // ("the bloc" counts once resolved to the organisation it refers to.)
    let coded = |g: &&Group| {
        has_code(ctx, g)
            || (g.mentions.iter().any(|&k| {
                let t = ctx.mentions[k].first_token;
                ctx.grammar
                    .organisation_heads
                    .at(&ctx.toks.words, t)
                    .is_some()
            }) && parties(ctx, g).iter().any(|p| p.code.is_some()))
    };
    let objects: Vec<&Group> = right
        .iter()
        .filter(|g| matches!(g.before, Prep::None | Prep::Recipient))
        .copied()
        .collect();
    let first_object = objects
        .iter()
        .find(|g| coded(g))
        .or(objects.first())
        .copied();

    if trig.flags.victim {
        // "Tiga tentara tewas", "two soldiers died": the subject is the victim.
        rule = "victim-subject";
        if let Some(g) = subject {
            recipient = parties(ctx, g);
        }
        if let Some(g) = agent_after {
            actor = parties(ctx, g);
        }
    } else if passive && trig.category == Category::Mobilize && agent_after.is_none() {
        // "Joint military and police personnel were deployed to Sugapa": forces moved
        // are their own side's mobilisation, not its target.
        rule = "passive-mobilized";
        if let Some(g) = subject {
            actor = parties(ctx, g);
        }
    } else if passive {
        rule = "passive";
        if let Some(g) = subject {
            recipient = parties(ctx, g);
        }
        // "had been allowed to visit prisoners held by the rebels": the rebels hold the
        // prisoners; whoever allowed the visit is not named.
        if let Some(g) = agent_after.filter(|g| participle_before_agent(ctx, m, g).is_none()) {
            actor = parties(ctx, g);
            rule = "passive-agent";
        } else if agent_after.is_none() && ctx.lang == Lang::ID {
            // "diserang pasukan Azerbaijan": the agent may follow without "oleh".
            if let Some(g) = right
                .iter()
                .find(|g| g.before == Prep::None && g.tokens.start <= m.end + 1)
            {
                actor = parties(ctx, g);
                rule = "passive-bare-agent";
            }
        }
        // "570 roket ditembakkan ke Israel", "rockets were fired at Israel from Gaza": with
        // what was fired as the subject (no party), the party the fire went to is the
        // target and a coded party it came from the attacker.
        if subject.is_none() && trig.category == Category::Assault {
            let words = &ctx.toks.words;
            if recipient.is_empty()
                && let Some(g) = right.iter().find(|g| g.before == Prep::Recipient)
            {
                recipient = parties(ctx, g);
                rule = "passive-target";
            }
            if actor.is_empty()
                && let Some(g) = right.iter().find(|g| {
                    has_code(ctx, g)
                        && ctx
                            .grammar
                            .source_preps
                            .ending_at(words, g.tokens.start)
                            .is_some()
                })
            {
                actor = parties(ctx, g);
            }
        }
    } else if nominal {
        rule = "nominal";
        // "Israeli airstrike", "Russia's attack": a party right before the noun.
        let adjacent = left.iter().rev().find(|g| {
            g.tokens.end == m.head
                || (g.tokens.end + 1 == m.head
                    && matches!(ctx.toks.words[g.tokens.end].as_str(), "'s" | "’s" | "'"))
        });
        if let Some(g) = adjacent {
            actor = parties(ctx, g);
            rule = "nominal-modifier";
        } else if let Some(g) = agent_after.filter(|g| participle_before_agent(ctx, m, g).is_none())
        {
            actor = parties(ctx, g);
            rule = "nominal-by";
        } else if let Some(g) = source_after(ctx, trig.category, m.end, &right) {
            actor = parties(ctx, g);
            rule = "nominal-source";
            // "could eventually tease out more aid from Beijing": the verb governing the
            // noun still gives the event its mood.
            if let Some(sg) = subject
                && word_between(ctx, sg.tokens.end..m.head)
            {
                light_verb_from = Some(sg.tokens.end);
            }
        } else if let Some(g) = right.iter().find(|g| {
            // "penembakan itu dilakukan anggota KKB": a passive verb after the noun
            // (and its determiners) with its agent right after it.
            let at = skip_before_party(ctx, g.tokens.start, false);
            g.before == Prep::None
                && at > m.end
                && ctx.toks.toks[at - 1].best_form() == Some(Form::Passive)
                && (m.end..at - 1).all(|t| {
                    let w = &ctx.toks.words[t];
                    ctx.grammar.determiners.contains_word(w)
                        || ctx.grammar.definite_after.contains_word(w)
                })
        }) {
            actor = parties(ctx, g);
            rule = "nominal-passive-agent";
        } else if ctx.lang == Lang::ID
            // ("tuntutan agar Israel mundur": after a complementizer the party opens a
            // clause of its own.)
            && !complementizer_at(ctx, m.end)
            && let Some(g) = right
                .iter()
                .find(|g| g.before == Prep::None && g.tokens.start <= m.end + 1)
        {
            actor = parties(ctx, g);
            rule = "nominal-genitive";
        }
        // "Indonesia dan Korea Selatan melanjutkan kerja sama produksi jet tempur": an
        // uncoded genitive (the jets produced) yields to a named subject of a light verb.
        let weak_genitive = rule == "nominal-genitive"
            && actor.iter().all(|p| p.code.is_none())
            && subject.is_some_and(|g| has_code(ctx, g));
        if actor.is_empty() || weak_genitive {
            // "Israel launched airstrikes": the subject of a light verb.
            if let Some(g) = subject {
                let verb_between = word_between(ctx, g.tokens.end..m.head);
                // "Three soldiers were killed in the blast": a passive verb's subject
                // suffers the noun's event, it does not do it.
                let passive_between = (g.tokens.end..m.head).any(|t| passive_marker(ctx, t));
                // "Kementerian Kesehatan menyebut serangan itu ...": a reporting verb is no
                // light verb; its subject reports the noun's event.
                let reported = ctx
                    .frames
                    .iter()
                    .any(|f| f.cue.start >= g.tokens.end && f.cue.end <= m.head);
                if verb_between && !passive_between && !reported && !perceived {
                    actor = parties(ctx, g);
                    rule = "nominal-subject";
                    light_verb_from = Some(g.tokens.end);
                }
            }
        }
        let used: Vec<usize> = actor.iter().map(|p| p.tokens.start).collect();
        if let Some(g) = right
            .iter()
            .find(|g| g.before == Prep::Recipient && !used.contains(&g.tokens.start))
        {
            recipient = parties(ctx, g);
        } else {
            // "the invasion of Lebanon", "the expulsion of two Venezuelan diplomats": the
            // complement of the noun (after the pattern or inside it) is what it is done to.
            let words = &ctx.toks.words;
            // "humanitarian aid for Gaza", "bantuan untuk Gaza": whom the noun's event is
            // for, right after it.
            let object = [m.head + 1, m.end]
                .into_iter()
                .find_map(|at| {
                    let from = at + ctx.grammar.nominal_object_preps.at(words, at)?;
                    right.iter().find(|g| {
                        g.before == Prep::None
                            && (from..=from + 1).contains(&g.tokens.start)
                            && !used.contains(&g.tokens.start)
                    })
                })
                .or_else(|| {
                    let from = m.end + ctx.grammar.beneficiary_preps.at(words, m.end)?;
                    right.iter().find(|g| {
                        skip_before_party(ctx, g.tokens.start, false) == from
                            && !used.contains(&g.tokens.start)
                    })
                });
            if let Some(g) = object {
                recipient = parties(ctx, g);
                rule = "nominal-object";
            }
        }
        // "The Israeli embassy was surrounded by thousands of protesters": a crowd agent
        // of a passive verb acts on that verb's subject.
        // "Kantor DPRD dikepung ribuan demonstran": a passive verb right before the crowd.
        if recipient.is_empty()
            && trig.flags.minor
            && let Some(g) = subject
            && let Some(by) = (g.tokens.end.max(m.head.saturating_sub(4))..m.head)
                .rev()
                .find(|&t| {
                    ctx.grammar.agent_preps.at(&ctx.toks.words, t).is_some()
                        || ctx.toks.toks[t].best_form() == Some(Form::Passive)
                })
            && (g.tokens.end..=by).any(|t| passive_marker(ctx, t))
            && !(by..m.head).any(|t| stops_clause(ctx, t))
        {
            recipient = parties(ctx, g);
            rule = "nominal-passive-agent";
        }
    } else {
        if let Some(g) = subject {
            actor = parties(ctx, g);
        } else if let Some(g) = relative_subject(ctx, m, groups) {
            actor = parties(ctx, g);
            rule = "active-relative";
        }
        if let Some(g) = first_object {
            recipient = parties(ctx, g);
        }
        // The first party after the verb, if it is a "by" phrase.
        let by_first = agent_after.filter(|g| {
            right
                .first()
                .is_some_and(|f| f.tokens.start == g.tokens.start)
        });
        let reaction = matches!(
            trig.category,
            Category::Reject
                | Category::Support
                | Category::Accuse
                | Category::Agree
                | Category::Request
        );
        // "Relatives condemned the hijacking of the ship by Somali pirates": with words
        // between, a reaction's "by" belongs to its object even without a subject.
        let object_between = agent_after.is_some_and(|g| g.tokens.start > m.end + 1);
        if let Some(g) = agent_after
            && actor.is_empty()
            && !(reaction && object_between)
        {
            actor = parties(ctx, g);
            rule = "active-by";
        } else if let Some(g) = agent_after
            && (recipient.iter().all(|p| p.code.is_none())
                || by_first.is_some()
                // "deplored the shooting of Indonesian fishermen by Malaysian police": a
                // disapproval targets whoever did the deplored act, not its victims.
                || (trig.category == Category::Accuse
                    && trig.mode.as_deref() == Some("disapprove")))
            && reaction
        {
            // "Berlin rejected calls by Belarus's rulers", "welcomed a proposal by Japan",
            // "demanded an admission by Moscow":
            // an active verb's "by" belongs to its object, whose author the reaction is to.
            recipient = parties(ctx, g);
            rule = "active-object-author";
        }
    }

    // Reciprocal events: every party is an actor. "saling tembak" and "attacked each
    // other" make any event reciprocal.
    let words = &ctx.toks.words;
    let marked = (m.head.saturating_sub(2)..m.head)
        .any(|i| ctx.grammar.reciprocal_markers.at(words, i).is_some())
        || (m.end..(m.end + 3).min(words.len()))
            .any(|i| ctx.grammar.reciprocal_markers.at(words, i).is_some());
    let mut reciprocal = false;
    let subjectless = actor.is_empty() && !passive;
    if trig.flags.reciprocal || marked {
        let broker = trig.flags.broker && recipient.len() >= 2;
        let mut all = if broker { Vec::new() } else { actor.clone() };
        for g in &partner_after {
            all.extend(parties(ctx, g));
        }
        if !nominal || all.len() < 2 {
            all.extend(recipient.iter().cloned());
        }
        dedup_parties(&mut all);
        // A clash or talks are mutual even when the parties are not named ("clashes
        // broke out", "bentrokan antarwarga").
        // "Pasukan kedua negara saling tembak": a reciprocal marker makes the act mutual
        // whoever of the sides is named.
        if all.len() >= 2 || ((trig.flags.reciprocal || marked) && recipient.is_empty()) {
            actor = all;
            recipient.clear();
            reciprocal = true;
            rule = if rule.starts_with("passive") {
                "reciprocal-passive"
            } else {
                "reciprocal"
            };
        }
    } else if let Some(g) = partner_after.first()
        && (recipient.is_empty()
            || (has_code(ctx, g)
                && (recipient.iter().all(|p| p.code.is_none())
                    || recipient
                        .first()
                        .is_some_and(|r| g.tokens.start < r.tokens.start))))
    {
        // "lodged a protest with Albania (over the detention of Serbs)", "boycott official
        // contact with the United States": a named partner is the recipient, before an
        // uncoded object or one further away.
        recipient = parties(ctx, g);
    }

    // "tarif 50 persen terhadap produk dari Uni Eropa", "tariffs on goods from the EU":
    // a party that things aimed at come from is the one acted upon.
    if recipient.iter().all(|p| p.code.is_none())
        && !reciprocal
        && let Some(g) = right.iter().find(|g| {
            let words = &ctx.toks.words;
            let start = g.tokens.start;
            start >= 3
                && has_code(ctx, g)
                && ctx.grammar.source_preps.ending_at(words, start).is_some()
                && (start.saturating_sub(4)..start - 1)
                    .any(|t| ctx.grammar.recipient_preps.at(words, t).is_some())
        })
    {
        recipient = parties(ctx, g);
        rule = "source-recipient";
    }
    // The actor's own group is never also its recipient ("Tembakan roket dari Gaza" comes
    // from Gaza).
    let actor_group = |g: &Group| actor.iter().any(|a| a.tokens.start == g.tokens.start);
    // "airstrikes on areas controlled by the Arakan Army", "mengebom wilayah yang dikuasai
    // Tentara Arakan": who holds the place struck is the target.
    // (A coded holder outranks a bare role word inside the object: "fasilitas industri
    // militer ... yang digunakan untuk kepentingan militer Ukraina".)
    if recipient.iter().all(|p| p.code.is_none())
        && !reciprocal
        && matches!(
            trig.category,
            Category::Assault | Category::Coerce | Category::Threaten
        )
        && let Some(g) = groups.iter().find(|g| {
            holds_the_object(ctx, m, g)
                && !actor_group(g)
                && (recipient.is_empty() || has_code(ctx, g))
        })
    {
        recipient = parties(ctx, g);
        rule = "holder-recipient";
    }
    // A country named after "in"/"di" is acted upon by what happens there (force,
    // curfews, aid, protests); meetings merely take place there. A visit is paid to the
    // country it arrives in ("arrived in Jakarta", "tiba di Tokyo").
    let arrival = trig.category == Category::Consult && trig.mode.as_deref() == Some("visit");
    if recipient.iter().all(|p| p.code.is_none())
        && !reciprocal
        && (trig.category != Category::Consult || arrival)
        && let Some(g) = right.iter().find(|g| {
            // Arriving in one's own country is coming home, no visit to it.
            let home = arrival
                && g.mentions.iter().any(|&k| {
                    ctx.mentions[k].code.is_some()
                        && actor.iter().any(|a| a.code == ctx.mentions[k].code)
                });
            (if arrival {
                g.tokens.start == m.end && !home
            } else {
                g.before == Prep::Locative && !actor_group(g)
            }) && g.mentions.iter().all(|&k| {
                matches!(
                    ctx.mentions[k].kind,
                    MentionKind::Country | MentionKind::Capital
                )
            })
        })
    {
        recipient = parties(ctx, g);
        rule = "locative-recipient";
    }
    // A subject opening its clause (after a break, a comma or "and") makes the trigger
    // a clause of its own rather than part of an earlier verb's complement.
    let own_subject = subject.is_some_and(|g| {
        g.tokens.start == clause.start || g.tokens.start == 0 || {
            let w = &ctx.toks.words[g.tokens.start - 1];
            w == ","
                || ctx.grammar.coordinators.contains_word(w)
                || ctx.grammar.clause_breaks.contains_word(w)
        }
    }) && !passive;
    Roles {
        actor,
        recipient,
        reciprocal,
        rule,
        own_subject,
        light_verb_from,
        reciprocal_without_subject: reciprocal && subjectless,
        perceived,
        passive,
    }
}

/// "Pakistan, a key U.S. ally in the war on terror, has refused": the subject is the
/// party before an appositive that a determiner opens and commas enclose, right before
/// the verb.
fn appositive_head<'g>(
    ctx: &Context<'_>,
    left: &[&'g Group],
    m: &Match,
    clause: &Range<usize>,
) -> Option<&'g Group> {
    let words = &ctx.toks.words;
    let close = (clause.start..m.head).rev().find(|&i| words[i] == ",")?;
    if left.iter().any(|g| g.tokens.start > close) {
        return None;
    }
    let open = (clause.start..close).rev().find(|&i| words[i] == ",")?;
    if open + 1 >= close
        || !(ctx.grammar.determiners.contains_word(&words[open + 1])
            || closed_relative(ctx, open + 1, m.head))
    {
        return None;
    }
    // "The National Unity Government (NUG), a shadow administration ...,": the head may
    // carry its acronym in brackets.
    let mut end = open;
    if end > clause.start
        && words[end - 1] == ")"
        && let Some(bracket) = (clause.start..end - 1).rev().find(|&i| words[i] == "(")
    {
        end = bracket;
    }
    left.iter()
        .rev()
        .find(|g| g.tokens.end == end && g.before == Prep::None)
        .copied()
}

/// "forces who attacked", "pasukan yang menyerang": the subject stands before the
/// relative pronoun.
fn relative_subject<'g>(ctx: &Context<'_>, m: &Match, groups: &'g [Group]) -> Option<&'g Group> {
    let words = &ctx.toks.words;
    let lo = m.head.saturating_sub(4);
    let rel = (lo..m.head)
        .rev()
        .find(|&i| ctx.grammar.relativizers.contains_word(&words[i]))?;
    groups
        .iter()
        .rev()
        .find(|g| g.tokens.end <= rel && rel - g.tokens.end <= 1 && g.before != Prep::Locative)
}

fn dedup_parties(v: &mut Vec<Party>) {
    let mut seen: Vec<Range<usize>> = Vec::new();
    v.retain(|p| {
        // By bytes, not tokens: "Thai-Cambodian" is one token and two parties.
        if seen.contains(&p.span) {
            false
        } else {
            seen.push(p.span.clone());
            true
        }
    });
}

/// Resolves a pronoun or definite description in the subject position.
fn resolve_reference(
    ctx: &Context<'_>,
    clause: &Range<usize>,
    head: usize,
) -> Option<(Vec<Party>, &'static str)> {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let lo = clause.start;
    // "The coast guard said it had spotted ...", "Prabowo said he would ...": a pronoun in
    // what a speaker of this sentence reports (after the cue, not a quotation before it,
    // where "he" is someone else) refers to that speaker.
    let speaker_of = |i: usize, person: bool| -> Option<Vec<Party>> {
        // The innermost report: "X's office said ..., while Hamas said it would not ...".
        let f = ctx
            .frames
            .iter()
            .filter(|f| f.content.contains(&i) && f.content.start >= f.cue.end)
            .max_by_key(|f| f.cue.start)?;
        let ps: Vec<Party> = f
            .speaker_mentions
            .iter()
            .map(|&k| party(ctx, k))
            // "he" refers to a speaker named as a person even when no country is known.
            .filter(|p| {
                let named_person = p.kind == Some(MentionKind::Person);
                (p.code.is_some() || person) && (!person || named_person)
            })
            .collect();
        (!ps.is_empty()).then_some(ps)
    };
    for i in (lo..head).rev() {
        if let Some(l) = g.plural_pronouns.at(words, i)
            && i + l <= head
            && let Some(ps) = speaker_of(i, false).filter(|ps| ps.len() > 1)
        {
            return Some((relocated(&ps, i..i + l), "reference-speaker"));
        }
        if g.singular_pronouns.contains_word(&words[i]) {
            let want_person = g.person_pronouns.contains_word(&words[i]);
            if let Some(ps) = speaker_of(i, want_person).filter(|ps| ps.len() == 1) {
                return Some((relocated(&ps, i..i + 1), "reference-speaker"));
            }
        }
        if let Some(l) = g.plural_pronouns.at(words, i) {
            if i + l > head {
                continue;
            }
            let phrase = words[i..i + l].join(" ");
            let two = g.pair_pronouns.at(words, i) == Some(l);
            // "the two presidents" are people, not the last two countries named.
            let persons = g.person_pronouns.at(words, i) == Some(l);
            // Parties named earlier in this sentence ("Following talks with Prime Minister
            // X, both leaders ..."), then in the sentences before.
            let here: Vec<Party> = (0..ctx.mentions.len())
                .filter(|&k| ctx.mentions[k].end_token <= i)
                .map(|k| party(ctx, k))
                .collect();
            let earlier = here
                .iter()
                .rev()
                .chain(ctx.memory.parties.iter().rev().map(|(_, p)| p));
            let want = if two { 2 } else { 1 };
            let mut out: Vec<Party> = Vec::new();
            // Persons first when the phrase names people; then any party but a capital
            // ("met ... in Kuala Lumpur, and both sides agreed": the city is where, not
            // who; "his Cambodian counterpart" may be named by nationality only); then
            // capitals too.
            for (persons_only, capitals) in [(persons, false), (false, false), (false, true)] {
                for p in earlier.clone() {
                    if out.len() < want
                        && p.code.is_some()
                        && (!persons_only || p.kind == Some(MentionKind::Person))
                        && (capitals || p.kind != Some(MentionKind::Capital))
                        && !out.iter().any(|q| q.code == p.code)
                    {
                        out.push(p.clone());
                    }
                }
            }
            if out.is_empty() {
                return None;
            }
            for p in &mut out {
                p.resolved_from = Some(phrase.clone());
            }
            return Some((relocated(&out, i..i + l), "reference-plural"));
        }
        // "kedua menteri": a role word inside a plural reference is resolved with it.
        let in_plural = in_plural_reference(ctx, i..i + 1, head);
        for (desc, sector) in g.definite.iter().filter(|_| !in_plural) {
            if i + desc.len() <= head && desc.iter().enumerate().all(|(k, w)| words[i + k] == *w) {
                let phrase = desc.join(" ");
                let found = ctx.memory.parties.iter().rev().find(|(_, p)| {
                    p.sector.as_deref() == Some(sector.as_str()) && p.code.is_some()
                })?;
                let mut p = found.1.clone();
                p.resolved_from = Some(phrase);
                return Some((relocated(&[p], i..i + desc.len()), "reference-definite"));
            }
        }
        if g.singular_pronouns.contains_word(&words[i]) {
            let want_person = g.person_pronouns.contains_word(&words[i]);
            let fits = |p: &Party| {
                p.code.is_some() && (!want_person || p.kind == Some(MentionKind::Person))
            };
            // "The Israeli military said its aircraft had struck Hamas ... . It accused
            // the group of ...": a pronoun opening its sentence continues the subject of
            // the sentence before, its first party, rather than the last one named.
            let latest = ctx.memory.parties.iter().rev().find(|(_, p)| fits(p))?;
            let found = if i == 0 {
                ctx.memory
                    .parties
                    .iter()
                    .find(|(s, p)| *s == latest.0 && fits(p))
                    .unwrap_or(latest)
            } else {
                latest
            };
            let mut p = found.1.clone();
            p.resolved_from = Some(words[i].clone());
            return Some((relocated(&[p], i..i + 1), "reference-singular"));
        }
    }
    None
}

/// Parties remembered from earlier sentences, placed at the words that refer to them
/// here: their own token ranges index another sentence.
fn relocated(parties: &[Party], at: Range<usize>) -> Vec<Party> {
    parties
        .iter()
        .map(|p| Party {
            tokens: at.clone(),
            ..p.clone()
        })
        .collect()
}

/// How far after a noun event a verb telling its toll may stand ("a Russian missile strike
/// on Dnipro killed seven").
const TOLL_REACH: usize = 6;

/// A toll verb ("killed", "menewaskan") from token `from` up to (not including) `limit`,
/// before any comma or hard stop.
fn toll_follows(ctx: &Context<'_>, from: usize, limit: usize) -> bool {
    let words = &ctx.toks.words;
    (from..limit.min(words.len()))
        .take_while(|&t| words[t] != "," && !is_hard_stop(&words[t]))
        .any(|t| ctx.grammar.toll_verbs.at(words, t).is_some())
}

// ---------------------------------------------------------------- modality

struct Mood {
    negated: bool,
    hypothetical: bool,
    future: bool,
    intent: bool,
    obligation: bool,
    historical: bool,
    background: bool,
}

fn mood(
    ctx: &Context<'_>,
    m: &Match,
    clause: &Range<usize>,
    nominal: bool,
    from: Option<usize>,
) -> Mood {
    let words = &ctx.toks.words;
    let md = ctx.modality;
    let lo = m.head.saturating_sub(md.window).max(clause.start);
    let lo = from.map_or(lo, |f| f.max(clause.start).min(lo));
    // "The planned march on parliament did not take place": a noun whose event is said,
    // right after it, not to have happened.
    let called_off = (nominal || matches!(m.form, Form::Base | Form::Noun))
        && md
            .called_off
            .find_in(words, m.end, (m.end + 8).min(clause.end))
            .is_some();
    // A negation word inside a party's name negates nothing: "orang tak dikenal
    // menembak" (unidentified people shot).
    let in_party = |i: usize| {
        ctx.mentions
            .iter()
            .any(|x| x.first_token <= i && i < x.end_token)
    };
    let negated = (lo..m.head).any(|i| {
        md.negation
            .at(words, i)
            .is_some_and(|l| i + l <= m.head && !in_party(i))
    }) || called_off;
    let mut hypothetical = md.hypothetical.find_in(words, lo, m.head).is_some();
    let future = md.future.find_in(words, lo, m.head).is_some();
    let intent = md.intent.find_in(words, lo, m.head).is_some();
    let obligation = md.obligation.find_in(words, lo, m.head).is_some();
    // Conditions anywhere earlier in the clause; questions.
    if words.last().is_some_and(|w| w == "?") {
        hypothetical = true;
    }
    if (clause.start..m.head).any(|i| {
        matches!(
            words[i].as_str(),
            "if" | "jika" | "apabila" | "kalau" | "seandainya" | "unless"
        )
    }) {
        hypothetical = true;
    }
    let n = words.len();
    // Background cues in the clause, or a "since ..." right after it ("raids in the
    // West Bank since the start of the war").
    let since_after = md
        .historical
        .find_in(words, clause.end.min(n), (clause.end + 6).min(n))
        .is_some_and(|(i, _)| matches!(words[i].as_str(), "since" | "sejak"));
    // "X is one of the groups that launched an offensive": a relative clause of a
    // copular sentence describes, it does not report.
    let copular_relative = (clause.start.saturating_sub(1)..m.head).any(|r| {
        ctx.grammar.relativizers.contains_word(&words[r])
            && (0..r).any(|c| ctx.grammar.copulas.contains_word(&words[c]))
    });
    // "eight years after it annexed Crimea": a cue ending where the clause starts (its
    // last word is the clause break) dates the clause too.
    let opens_clause = md
        .historical
        .find_in(words, clause.start.saturating_sub(3), clause.start)
        .is_some_and(|(i, l)| i + l == clause.start);
    // "barred from the summits since 2021", "the largest since October 2020": a period
    // reaching back to a year.
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    // ("since" breaks clauses, so the period may open right after this one.)
    // The year may close a longer phrase: "since Russia's full-scale invasion in
    // February 2022".
    let since_year = (clause.start..(clause.end + 1).min(n)).any(|i| {
        md.periods.at(words, i).is_some_and(|l| {
            (i + l..(i + l + 12).min(n))
                .take_while(|&t| !is_hard_stop(&words[t]) && words[t] != ",")
                .any(|t| is_year(&words[t]))
        })
    });
    // "since 2019, when a series of shootings ...", "in 2020, when ...", "after the 2020
    // regional election, when supporters clashed": a clause that opens right after a
    // phrase ending in or naming a year is dated by it.
    // A year inside the speaker of a frame whose content holds the clause dates the
    // speaker ("Myanmar's military, which seized power in 2021, said its jets bombed").
    let speakers_year = |t: usize| {
        ctx.frames.iter().any(|f| {
            f.speaker.as_ref().is_some_and(|sp| sp.contains(&t))
                && f.content.contains(&clause.start)
        })
    };
    let year_phrase_before = |end: usize| {
        (end.saturating_sub(6)..end)
            .rev()
            .take_while(|&t| !is_hard_stop(&words[t]) && words[t] != ",")
            .any(|t| is_year(&words[t]) && !speakers_year(t))
    };
    let opener = |w: &str| {
        ctx.grammar.relativizers.contains_word(w) || ctx.grammar.temporal_openers.contains_word(w)
    };
    let after_year = (clause.start >= 2
        && opener(&words[clause.start - 1])
        && if words[clause.start - 2] == "," {
            year_phrase_before(clause.start - 2)
        } else {
            year_phrase_before(clause.start - 1)
        })
        || (clause.start >= 3
            && words[clause.start - 2] == ","
            && is_year(&words[clause.start - 3])
            && !speakers_year(clause.start - 3));
    let historical = md
        .historical
        .find_in(words, clause.start, clause.end.min(n))
        .is_some()
        || md
            .historical_after
            .find_in(words, clause.start, m.head.min(n))
            .is_some()
        || since_after
        || opens_clause
        || since_year
        || after_year
        || copular_relative;
    let background = copular_relative
        || nominal && {
            let i = noun_phrase_start(ctx, m.head);
            // "after a Russian missile strike on Dnipro killed seven people": the noun is
            // the subject of a verb telling its toll, a clause of its own.
            ctx.grammar.background_preps.ending_at(words, i).is_some()
                && !toll_follows(ctx, m.end, m.end + TOLL_REACH)
            // "With the signing of ..., A and B agreed": a noun inside a sentence-opening
            // prepositional phrase sets the scene for the main clause.
            || (clause.start == 0
                && m.head < 8
                && (ctx.grammar.locative_preps.at(words, 0).is_some()
                    || ctx.grammar.partner_preps.at(words, 0).is_some()
                    || ctx.grammar.background_preps.at(words, 0).is_some())
                // (inside it: the phrase's comma is still to come; "Dalam operasi itu,
                // prajurit TNI terlibat kontak tembak ..., kata X" is the main clause)
                && !(0..m.head).any(|t| words[t] == ",")
                && (m.end..words.len()).any(|t| words[t] == ","))
        };
    Mood {
        negated,
        hypothetical,
        future,
        intent,
        obligation,
        historical,
        background,
    }
}

// ---------------------------------------------------------------- candidates

fn candidate(
    ctx: &Context<'_>,
    sentence: usize,
    m: &Match,
    matches: &[Match],
    groups: &[Group],
) -> Option<Internal> {
    let trig = &ctx.lexicon.triggers[m.trig];
    // "the wounded", "two wounded soldiers", "three surrendering soldiers": a participle
    // after a determiner describes people, it reports no act ("the group that attacked"
    // does; "the fighting", a noun trigger, is an act).
    let participle = m.form == Form::Past || (m.form == Form::Gerund && !trig.flags.noun);
    if participle && m.head > 0 {
        let prev = &ctx.toks.words[m.head - 1];
        // A count, not part of a name ("Densus 88 arrested five").
        let numeral = is_count_word(ctx, prev) && (m.head < 2 || !ctx.toks.toks[m.head - 2].cap);
        // "dozens blocked the main road": a participle with a determined object after it
        // is a verb whose subject the count is.
        let object_follows = ctx
            .toks
            .words
            .get(m.head + 1)
            .is_some_and(|w| ctx.grammar.determiners.contains_word(w));
        if (ctx.grammar.determiners.contains_word(prev) || numeral)
            && !ctx.grammar.relativizers.contains_word(prev)
            && !(numeral && object_follows)
        {
            return None;
        }
    }
    // "bangun pukul 9": a clock word before a number tells the hour.
    if ctx.grammar.clock_words.at(&ctx.toks.words, m.head) == Some(m.end - m.head)
        && ctx
            .toks
            .words
            .get(m.end)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    // "need food, shelter and support": a noun in the object of a verb of need.
    if matches!(m.form, Form::Noun | Form::Base) && needed(ctx, m.head) {
        return None;
    }
    // "the abduction allegations", "murder charges", "pelaku penembakan": an event noun
    // qualifying a topic head names what the allegation, the case or the suspect is about.
    let words = &ctx.toks.words;
    if matches!(m.form, Form::Noun | Form::Base)
        && (words
            .get(m.end)
            .is_some_and(|w| ctx.grammar.topic_heads.contains_word(w))
            || (m.head > 0
                && ctx
                    .grammar
                    .topic_heads_before
                    .contains_word(&words[m.head - 1])))
    {
        return None;
    }
    // "called Xi Jinping" yes, "called the sanctions illegal" no: a party (after any
    // determiners) must follow a trigger flagged `object`, unless it is a passive with
    // what is asked after it (its object is its subject: "were asked to leave"; "is
    // called 'permanent residency'" names).
    let passive_request = || {
        is_passive(ctx, m)
            && ctx
                .toks
                .words
                .get(m.end)
                .is_some_and(|w| ctx.grammar.complementizers.contains_word(w))
    };
    if trig.flags.object && !party_in_object(ctx, m.end) && !passive_request() {
        return None;
    }
    // "impose new sanctions on settlers", "carry out raids": a generic generated verb
    // whose object is a curated event noun is that noun's light verb; the noun tells the
    // event (and takes the verb's subject).
    if trig.tier > 0 && trig.mode.is_none() && light_verb_of_noun(ctx, m, matches) {
        return None;
    }
    // "..., kata Muhammad Nasir kepada Tempo melalui sambungan telepon", "..., two rebel
    // commanders told AFP by phone": after a cue whose report came before it, a call is
    // how the outlet heard it, not a consultation.
    if trig.category == Category::Consult
        && ctx.frames.iter().any(|f| {
            f.content.end <= f.cue.start && m.head >= f.cue.end && !f.content.contains(&m.head)
        })
    {
        return None;
    }
    // "Indonesia ... konsisten mendukung kemerdekaan Palestina": a standing stance.
    if m.head > 0
        && ctx
            .modality
            .standing
            .find_in(&ctx.toks.words, m.head.saturating_sub(2), m.head)
            .is_some()
    {
        return None;
    }
    // "Anyone who attacks a police station will be dealt with firmly", "siapa pun yang
    // menyerang": an act anybody might do, no event (the cue opens the relative clause,
    // so it is read across the clause boundary).
    if ctx
        .modality
        .generic_doers
        .find_in(
            &ctx.toks.words,
            m.head.saturating_sub(ctx.modality.window),
            m.head,
        )
        .is_some()
    {
        return None;
    }
    let relative_before = relative_before_verb(ctx, m);
    let clause = clause_of(ctx, m, relative_before.as_ref());
    let nominal = is_nominal(ctx, m, trig.flags.noun);
    // "Moscow denied the accusation", "membantah tuduhan itu", "..., an accusation Yerevan
    // dismissed": the accusation denied is the other side's claim, told already; denying
    // it accuses no one.
    if nominal && trig.category == Category::Accuse {
        let np = noun_phrase_start(ctx, m.head);
        if ctx.frames.iter().any(|f| {
            f.kind == FrameKind::Deny
                && (f.cue.end == np || f.speaker.as_ref().is_some_and(|s| s.start == m.end))
        }) {
            return None;
        }
    }
    let words = &ctx.toks.words;
    let toks = &ctx.toks.toks;
    // "Manchester United beat Fulham 3-1", "Timnas menyerang habis-habisan ... gagal
    // mencetak gol": a sports result, not an assault.
    if trig.category == Category::Assault
        && toks[m.head]
            .keys()
            .any(|k| ctx.grammar.sports_verbs.contains_word(k))
        && (0..words.len()).any(|i| ctx.grammar.sports_cues.at(words, i).is_some())
    {
        return None;
    }
    // "Tidak ada pembenaran apa pun untuk menyerang", "rencana untuk menyerang": an act
    // tied by a purpose word to a noun is what the noun is about (a justification, a
    // plan), not an event. After a verb or a party it is ("mengirim pasukan untuk
    // menyerang" is a deployment whose purpose follows).
    if m.head >= 2
        && ctx.grammar.noun_purpose.contains_word(&words[m.head - 1])
        && let Some(j) = (m.head.saturating_sub(5)..m.head - 1)
            .rev()
            .find(|&j| !ctx.grammar.noun_purpose_skip.contains_word(&words[j]))
        && toks[j].word
        && toks[j]
            .analyses
            .first()
            .is_none_or(|a| matches!(a.form, Form::Noun | Form::Base))
        && !ctx
            .mentions
            .iter()
            .any(|x| (x.first_token..x.end_token).contains(&j))
    {
        return None;
    }
    // "did not immediately confirm the strikes": an event noun that is the object of a
    // verb of confirming or commenting is that verb's topic, no event of this sentence.
    // Weapon words may stand between ("confirm the air strikes").
    if (m.head.saturating_sub(6)..m.head).any(|i| ctx.grammar.topic_verbs.at(words, i).is_some()) {
        let weapons: Vec<usize> = ctx
            .lexicon
            .cues_in(ctx.toks, m.head.saturating_sub(3)..m.head + 1)
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| i < m.head)
            .collect();
        let mut j = m.head;
        while j > 0 && !nominal && weapons.contains(&(j - 1)) {
            j -= 1;
        }
        let weapon_before = j < m.head;
        while j > 0 && ctx.grammar.determiners.contains_word(&words[j - 1]) {
            j -= 1;
        }
        if (nominal || (weapon_before && j < m.head - 1))
            && ctx.grammar.topic_verbs.ending_at(words, j).is_some()
        {
            return None;
        }
    }
    // "The anime film Attack on Titan": a capitalised trigger inside an ordinary
    // sentence is part of a title or a name. Headlines, all in capitals, do not count.
    let mostly_lower = || {
        let word_count = toks.iter().filter(|t| t.word).count();
        let capitalised = toks.iter().filter(|t| t.word && t.cap).count();
        capitalised * 2 < word_count
    };
    if toks[m.head].cap
        && toks[..m.head].iter().any(|t| t.word)
        && mostly_lower()
        && !ctx.text[toks[m.head].span.clone()]
            .chars()
            .skip(1)
            .any(char::is_uppercase)
        && !matches!(
            words[m.head - 1].as_str(),
            "\"" | "“" | "'" | "‘" | ":" | "("
        )
    {
        return None;
    }
    // "a documentary about the Vietnam war": the war is the film's topic.
    if nominal
        && ctx
            .grammar
            .topic_preps
            .ending_at(words, noun_phrase_start(ctx, m.head))
            .is_some()
    {
        return None;
    }
    let mut roles = assign_roles(ctx, m, &clause, relative_before.as_ref(), groups);
    // "Cambodian soldiers had crossed into Thai territory and fired first": an attack
    // told as the second verb of its subject strikes the other side named by the first.
    if trig.category == Category::Assault
        && roles.rule == "active"
        && roles.recipient.is_empty()
        && !roles.reciprocal
        && is_coordinated(ctx, m.head)
        && let Some(subject_end) = roles.actor.iter().map(|p| p.tokens.end).max()
        && let Some(g) = groups.iter().find(|g| {
            g.tokens.start >= subject_end
                && g.tokens.end <= m.head
                && g.before != Prep::Agent
                && g.mentions.iter().any(|&k| {
                    ctx.mentions[k]
                        .code
                        .as_ref()
                        .is_some_and(|c| roles.actor.iter().all(|a| a.code.as_ref() != Some(c)))
                })
        })
    {
        roles.recipient = parties(ctx, g);
        roles.rule = "active-first-verb-object";
    }
    // "Sanctions will not change our position", "Sanksi tidak akan mengubah posisi kami":
    // a bare noun opening its sentence, with no party, as the subject of a negated or
    // future verb is a topic, not an event.
    let words = &ctx.toks.words;
    let opens_sentence = (0..m.head).all(|i| is_hard_stop(&words[i]) || words[i] == ",");
    if opens_sentence
        && m.end == m.head + 1
        && roles.actor.is_empty()
        && roles.recipient.is_empty()
        && m.end < words.len()
        && (ctx.modality.negation.at(words, m.end).is_some()
            || ctx.modality.future.at(words, m.end).is_some())
    {
        return None;
    }
    // "The two ministers signed ...": a role word inside a plural reference is that
    // reference, to be resolved like "both sides".
    if let [only] = roles.actor.as_slice()
        && only.code.is_none()
        && in_plural_reference(ctx, only.tokens.clone(), words.len())
    {
        roles.actor.clear();
    }
    // "they heard a blast", "we can still hear gunfire": who perceives the event is no
    // party to it.
    let perceived = roles.perceived;
    // "they came under attack": the referred party suffers a victim trigger, and a
    // passive one, whether its doer is named or not ("it had been allowed to visit", "it
    // had been attacked by unidentified gunmen").
    let suffers = trig.flags.victim || roles.rule.starts_with("passive");
    let open_role = if suffers {
        roles.recipient.is_empty()
    } else {
        roles.actor.is_empty()
    };
    if open_role
        && !perceived
        && let Some((ps, rule)) = resolve_reference(ctx, &clause, m.head)
    {
        if suffers {
            roles.recipient = ps;
            // (A named doer keeps the rule that found it.)
            if roles.actor.is_empty() {
                roles.rule = rule;
            }
        } else {
            roles.actor = ps;
            roles.rule = rule;
        }
    }
    // "repeated Baku's demand that Armenia amend its constitution", "tuntutan agar Israel
    // mundur": whom a demand noun asks is the subject of the clause it opens.
    if nominal
        && trig.category == Category::Request
        && (roles.recipient.is_empty() || roles.rule == "locative-recipient")
        && complementizer_at(ctx, m.end)
        && let Some(g) = groups.iter().find(|g| {
            (m.end + 1..=m.end + 2).contains(&g.tokens.start)
                && has_code(ctx, g)
                && !roles.actor.iter().any(|a| a.tokens.start == g.tokens.start)
        })
    {
        roles.recipient = parties(ctx, g);
        roles.rule = "demand-clause";
    }
    // "Thailand extradited a Russian suspect to the United States": the party the handed
    // over goes to is the recipient, not the one handed over.
    if trig.flags.destination
        && let Some(g) = groups.iter().find(|g| {
            g.tokens.start > m.head
                && g.tokens.end <= clause.end
                && destination_before(ctx, g.tokens.start)
        })
    {
        roles.recipient = parties(ctx, g);
    }
    // "Prabowo received a visit from Anwar": the visitor acts, the host receives.
    let hosted = trig.flags.host && !trig.flags.reciprocal;
    if hosted {
        std::mem::swap(&mut roles.actor, &mut roles.recipient);
    }
    let md = mood(ctx, m, &clause, nominal, roles.light_verb_from);
    let frame = ctx
        .frames
        .iter()
        .find(|f| f.content.contains(&m.head) && f.kind != FrameKind::Via);
    // "membiarkan krisis ini menyandera ASEAN", "held the region hostage": only people
    // are taken hostage; a country or an organisation held so is a figure of speech.
    if trig.category == Category::Assault
        && trig.mode.as_deref() == Some("abduct")
        && ctx
            .mentions
            .iter()
            .find(|x| x.first_token > m.head)
            .is_some_and(|x| {
                x.first_token <= m.end + 1
                    && matches!(
                        x.kind,
                        MentionKind::Igo | MentionKind::Country | MentionKind::Capital
                    )
            })
    {
        return None;
    }
    // "the Global Terrorism Index released last week", "In a video message released
    // Sunday", "China released an AI development program": a publication released is
    // no one set free. Its noun stands right after the verb, or before it with no party
    // released after it ("released dozens of women" frees people).
    if trig.category == Category::Retreat
        && trig.mode.as_deref() == Some("release")
        && released_publication(ctx, m)
    {
        return None;
    }
    if frame.is_some_and(|f| standing_denial(ctx, f)) {
        return None;
    }
    let mut claim = claim_for(ctx, frame);
    let mut category = trig.category;
    let mut mode = trig.mode.clone();
    let mut hypothetical = md.hypothetical;
    let mut negated = md.negated;
    let mut rule_extra = "";
    // PLOVER codes a stated intention as its own category (manual, "Auxiliary modes"):
    // "will attack" said by a party is a threat, "will provide aid" a promise, and
    // "X said Y must withdraw" a demand.
    let reported = frame.is_some_and(|f| {
        matches!(
            f.kind,
            FrameKind::Say | FrameKind::Claim | FrameKind::According
        )
    });
    // "Kuasa hukum Bambang menilai majelis hakim mengabaikan fakta persidangan": a charge
    // said by a speaker is the speaker's accusation of whom it is said of; a charge told
    // by no one is no event.
    if trig.flags.charge {
        if !reported || claim.speakers.is_empty() {
            return None;
        }
        roles.recipient = std::mem::take(&mut roles.actor);
        roles.actor = claim.speakers.clone();
        roles.reciprocal = false;
        rule_extra = " charge->speaker";
    }
    if !md.negated {
        let cooperative = matches!(
            category,
            Category::Aid | Category::Cooperate | Category::Support
        );
        let conflictual = matches!(
            category,
            Category::Assault
                | Category::Coerce
                | Category::Sanction
                | Category::Mobilize
                | Category::Protest
        );
        // "will withdraw its force unless ...": a condition makes any stated act a threat.
        let conditional = {
            let words = &ctx.toks.words;
            ctx.modality
                .conditions
                .find_in(words, m.end.min(words.len()), words.len())
                .is_some()
        };
        if md.obligation && reported && category != Category::Request {
            mode = match category {
                Category::Retreat | Category::Concede => Some("yield".to_string()),
                Category::Aid | Category::Cooperate => Some("assist".to_string()),
                Category::Consult | Category::Agree => Some("meet".to_string()),
                _ => None,
            };
            category = Category::Request;
            hypothetical = false;
            rule_extra = " obligation->REQUEST";
            // "Russia said Sudan must return the helicopter": Russia demands of Sudan. The
            // one who must act is asked even when the speaker is unnamed or unread
            // ("Josephine Odumakin said authorities should declare ...").
            roles.recipient = std::mem::take(&mut roles.actor);
            roles.actor = claim.speakers.clone();
            roles.reciprocal = false;
        } else if md.future
            && reported
            && (conflictual || conditional)
            // "Hamas fighters could launch new attacks, an Israeli official warned": a
            // warning of what the other side may do is no threat of the speaker's (unless
            // that side vowed it: "Ethnic Albanians have sworn to fight, officials said").
            && !(roles.actor.iter().any(|a| a.code.is_some())
                && ctx
                    .grammar
                    .vows
                    .find_in(&ctx.toks.words, clause.start, m.head)
                    .is_none()
                && claim.speakers.iter().any(|s| s.code.is_some())
                && !claim
                    .speakers
                    .iter()
                    .any(|s| s.code.is_some() && roles.actor.iter().any(|a| a.code == s.code)))
        {
            mode = Some(
                match category {
                    Category::Coerce if mode.as_deref() == Some("arrest") => "arrest",
                    Category::Coerce | Category::Protest => "restrict",
                    Category::Sanction | Category::Retreat => "relations",
                    Category::Assault | Category::Mobilize => "violence",
                    _ => "relations",
                }
                .to_string(),
            );
            category = Category::Threaten;
            hypothetical = false;
            rule_extra = " intent->THREATEN";
            // "'Kota-kota Israel akan menjadi sasaran berikutnya,' kata Qassem": with no
            // doer named, who says it will happen threatens it.
            if roles.actor.is_empty() && !claim.speakers.is_empty() {
                roles.actor = claim.speakers.clone();
            }
        } else if md.future && !md.intent && category == Category::Retreat {
            // Manual, RETREAT: "announced ... would withdraw troops" is a CONCEDE.
            category = Category::Concede;
            mode = None;
            hypothetical = false;
            rule_extra = " intent->CONCEDE";
        } else if (md.future || md.intent)
            && (cooperative
                || (md.intent && category == Category::Retreat)
                || (reported && category == Category::Consult))
        {
            mode = None;
            category = Category::Agree;
            hypothetical = false;
            rule_extra = " intent->AGREE";
        }
    } else if (md.future || md.intent) && category == Category::Consult {
        // "tidak akan berunding", "would not attend new rounds of talks": a stated
        // refusal to meet is PLOVER REJECT, not a negated meeting.
        category = Category::Reject;
        mode = Some("meet".to_string());
        hypothetical = false;
        negated = false;
        rule_extra = " refusal->REJECT";
        // A refusal is one-sided: the subject refuses the partners.
        if roles.reciprocal {
            let (before, after): (Vec<Party>, Vec<Party>) = std::mem::take(&mut roles.actor)
                .into_iter()
                .partition(|p| p.tokens.start < m.head);
            roles.actor = before;
            roles.recipient = after;
            roles.reciprocal = false;
        }
    }
    // "Tawaran dialog dari Seoul ditolak oleh Pyongyang": in a passive refusal the party
    // the refused offer came from is refused; so it is in the active ("TPNPB menolak
    // tawaran dialog dari pemerintah").
    let passive = roles.rule.starts_with("passive");
    if category == Category::Reject
        && roles.recipient.is_empty()
        && let Some(x) = ctx.mentions.iter().find(|x| {
            let (lo, hi) = if passive {
                (clause.start + 1, m.head)
            } else {
                (m.end, clause.end)
            };
            x.first_token >= lo
                && x.end_token <= hi
                && ctx
                    .grammar
                    .source_preps
                    .ending_at(&ctx.toks.words, x.first_token)
                    .is_some()
        })
    {
        roles.recipient = vec![Party::from_mention(ctx.text, x)];
    }
    if mode.is_none() && category == trig.category {
        mode = mode_from_cues(ctx, category, m.head..m.end, passive);
    } else if category == Category::Reject
        && mode.as_deref() == Some("meet")
        && let Some(cued) = refused_object_mode(ctx, m.head, &clause)
    {
        mode = Some(cued);
    }
    // A weapon named in the clause is more specific than the verb: "menembaki ...
    // dengan mortir" is shelling, "menembakkan gas air mata" crowd control; bombs and
    // bombardment from jets or drones ("military jets bombed a village", "pesawat tempur
    // membombardir") are an air strike.
    if category == Category::Assault
        && let Some(best) = cue_modes(ctx, category, &clause)
            .filter(|m| weapon_mode(m))
            .max_by_key(|m| assault_mode_rank(m))
        && (matches!(mode.as_deref(), None | Some("firearms"))
            || (matches!(mode.as_deref(), Some("explosives" | "heavy-weapons"))
                && matches!(best, "aerial" | "drone")))
        && assault_mode_rank(best) > assault_mode_rank(mode.as_deref().unwrap_or(""))
    {
        mode = Some(best.to_string());
    }
    // The speaker is the implicit subject of what it says about itself: "X denied
    // attacking Y", "Israel mengumumkan akan menarik pasukannya", "X said it would
    // retaliate" (no subject of its own between the frame and the trigger).
    // Only frames whose content follows the cue directly ("X said it would", "X
    // mengumumkan akan menarik") lend their speaker; "menurut X, ..." does not.
    let lends_subject = |f: &&Frame| {
        matches!(f.kind, FrameKind::Say | FrameKind::Claim | FrameKind::Deny)
            && f.speaker.as_ref().is_some_and(|sp| sp.end <= f.cue.start)
            && (f.content.start == f.cue.end
                // "told reporters he ...": only the hearer between.
                || ctx.mentions.iter().any(|x| {
                    x.end_token == f.content.start && x.first_token <= f.cue.end + 1
                }))
    };
    if let Some(f) = frame.filter(lends_subject) {
        let own_subject_between = groups.iter().any(|g| {
            g.tokens.start >= f.content.start && g.tokens.end <= m.head && g.before == Prep::None
        });
        // "said the attack killed 12": an event noun opening the content is its subject,
        // not something the speaker did (nor is it the subject of a verb after it).
        // "said its strike killed 12" is the speaker's own act.
        let words = &ctx.toks.words;
        let possessed = |head: usize| {
            (head > 0
                && ctx
                    .grammar
                    .possessive_pronouns
                    .ending_at(words, head)
                    .is_some())
                || ctx
                    .grammar
                    .possessive_suffixes
                    .iter()
                    .any(|x| words[head].ends_with(x.as_str()))
        };
        // "The RSF denied shelling the camp": a gerund right after the cue is the speaker's
        // own act, not a noun subject.
        let gerund_after_cue = m.head == f.content.start && m.form == Form::Gerund;
        let noun_opens = (nominal
            && !gerund_after_cue
            && !possessed(m.head)
            && (f.content.start..m.head).all(|t| ctx.grammar.determiners.contains_word(&words[t])))
            || matches.iter().any(|o| {
                o.head >= f.content.start
                    && o.head < m.head
                    && !possessed(o.head)
                    && is_nominal(ctx, o, ctx.lexicon.triggers[o.trig].flags.noun)
            });
        let from_pronoun = roles.actor.iter().all(|p| p.resolved_from.is_some());
        // "mengatakan korban ditembak dua kali": a passive without its agent hides the
        // doer; the speaker reports it, the speaker did not do it.
        let agentless_passive = !nominal && roles.actor.is_empty() && is_passive(ctx, m);
        let implicit = !noun_opens
            && !agentless_passive
            && !perceived
            && (roles.actor.is_empty() || (from_pronoun && !own_subject_between));
        if implicit
            && !claim.speakers.is_empty()
            && f.content.start >= f.cue.end
            && !own_subject_between
        {
            roles.actor = claim.speakers.clone();
            roles.rule = "frame-speaker";
        } else if roles.reciprocal_without_subject
            && !noun_opens
            && !claim.speakers.is_empty()
            && f.content.start >= f.cue.end
        {
            // "Hun Manet said he had spoken by phone with his Thai counterpart": the
            // speaker is the unnamed subject, the partners the other side.
            let mut all = claim.speakers.clone();
            all.append(&mut roles.actor);
            dedup_parties(&mut all);
            roles.actor = all;
            roles.rule = "reciprocal-frame-speaker";
        }
    }
    // "Kami serang pos itu," kata X: "we" in a quote is the speaker.
    if roles.actor.is_empty() && !roles.reciprocal && !perceived {
        let words = &ctx.toks.words;
        let we =
            (clause.start..m.head).find(|&i| ctx.grammar.first_person.contains_word(&words[i]));
        if let Some(we) = we {
            let speakers = if claim.speakers.is_empty() {
                relocated(&ctx.memory.last_speakers, we..we + 1)
            } else {
                claim.speakers.clone()
            };
            if !speakers.is_empty() {
                roles.actor = speakers;
                roles.rule = "first-person-speaker";
            }
        }
    }
    // "The spokesman said the withdrawal was a gesture, and warned that ...": a verbal act
    // coordinated after a report, with no subject of its own, is the speaker's own.
    if roles.actor.is_empty()
        && !roles.reciprocal
        && matches!(category.quad_code(), 1 | 3)
        && is_coordinated(ctx, m.head)
        && !claim.speakers.is_empty()
        && ctx.frames.iter().any(|f| {
            matches!(f.kind, FrameKind::Say | FrameKind::Claim)
                && f.cue.end <= m.head
                && f.speaker.as_ref().is_some_and(|sp| sp.end <= f.cue.start)
        })
    {
        roles.actor = claim.speakers.clone();
        roles.rule = "coordinated-speaker";
    }
    // "pasukannya", "its troops": a possessed force belongs to the speaker, also as the
    // subject that suffers ("saying its soldiers had come under attack").
    if let Some(sp) = claim.speakers.first() {
        let subject_recipients = roles
            .recipient
            .iter_mut()
            .filter(|p| p.tokens.end <= m.head);
        for p in roles
            .actor
            .iter_mut()
            .chain(subject_recipients)
            .filter(|p| p.code.is_none())
        {
            let text = p.text.to_lowercase();
            let possessive = ctx
                .grammar
                .possessive_suffixes
                .iter()
                .any(|x| text.ends_with(x.as_str()))
                || (p.tokens.start > 0
                    && ctx
                        .grammar
                        .possessive_pronouns
                        .ending_at(&ctx.toks.words, p.tokens.start)
                        .is_some());
            if possessive {
                p.code = sp.code.clone();
                // "Juru bicara TPNPB ... pasukannya": a rebel's troops are rebels.
                if sp.sector.as_deref().is_some_and(non_state_armed) {
                    p.sector = sp.sector.clone();
                }
            }
        }
    }
    // "A BRN representative told AFP the group was not behind the bombing": a party saying
    // it was not responsible for an act denies who did it (as "denied carrying out"); the
    // act itself is not negated. ("Kami tidak pernah menembak" stays a negated act the
    // speaker claims.)
    if negated && reported && !md.future && !hypothetical && !claim.speakers.is_empty() {
        let words = &ctx.toks.words;
        let from = clause
            .start
            .max(roles.light_verb_from.unwrap_or(clause.start));
        let disowned = (from..m.head).any(|i| {
            ctx.modality.negation.at(words, i).is_some_and(|l| {
                (i + l..m.head).any(|j| ctx.grammar.responsibility.at(words, j).is_some())
            })
        });
        if disowned {
            negated = false;
            claim.kind = Some(FrameKind::Deny);
            rule_extra = " disowned";
        }
    }
    // "Azerbaijan said Armenian forces had fired on its positions": a possessive right
    // after the verb (and a preposition) that no nearer party explains is the speaker's,
    // who is then what the act was aimed at.
    if !roles.reciprocal
        && !trig.flags.victim
        && !nominal
        && let Some((at, first_person)) = possessive_object(ctx, m.end)
        // (A third-person possessive may be anyone's: only a speaker of known country.)
        && claim
            .speakers
            .first()
            .is_some_and(|s| s.code.is_some() || first_person)
        && roles.recipient.iter().all(|r| r.tokens.start > at)
        && !roles
            .actor
            .iter()
            .any(|a| a.code.is_none() || claim.speakers.iter().any(|s| s.code == a.code))
    {
        // "opened fire on its soldiers": the soldiers are the speaker's.
        if let [own] = roles.recipient.as_mut_slice()
            && own.tokens.start == at + 1
            && own.code.is_none()
        {
            own.code = claim.speakers[0].code.clone();
        } else {
            roles.recipient = relocated(&claim.speakers, at..at + 1);
        }
        roles.rule = "possessive-object";
    }
    // Earthquakes, floods and accidents kill without assaulting anyone. The hazard may
    // stand in an earlier clause of the sentence: "Gempa ... mengguncang Sigi, ...,
    // menewaskan 14 orang".
    if category == Category::Assault && roles.actor.is_empty() {
        let hi = (m.end + 4).min(words.len());
        let hazard = (0..hi)
            .filter(|i| *i < m.head || *i >= m.end)
            .any(|i| ctx.grammar.hazards.at(words, i).is_some());
        if hazard {
            return None;
        }
    }
    // "Indonesia is frequently hit by earthquakes": a hazard as the agent.
    let by_hazard = (m.end..(m.end + 3).min(words.len())).any(|i| {
        ctx.grammar
            .agent_preps
            .at(words, i)
            .is_some_and(|l| ctx.grammar.hazards.at(words, i + l).is_some())
    });
    if category == Category::Assault && by_hazard {
        return None;
    }
    // "Protesters threw rocks at police and set fire to a post", "youths threw stones
    // during demonstrations": violence by a crowd, or stones and fire from civilians at a
    // protest, is a riot (PLOVER PROTEST riot), not an armed assault.
    let crowd = |p: &Party| {
        ctx.grammar.crowds.ending_at(words, p.tokens.end).is_some()
            || ctx
                .grammar
                .crowd_sizes
                .ending_at(words, p.tokens.start)
                .is_some()
    };
    let civilian = |p: &Party| {
        !matches!(
            p.sector.as_deref(),
            Some("MIL" | "COP" | "GOV" | "REB" | "UAF" | "SPY" | "JUD" | "LEG")
        )
    };
    let at_protest = || {
        matches!(mode.as_deref(), Some("primitive" | "destroy"))
            && matches
                .iter()
                .any(|x| ctx.lexicon.triggers[x.trig].category == Category::Protest)
    };
    // Only the crowd's own acts: not "police opened fire to disperse demonstrators, killing
    // one", where a participle after the clause borrows the nearest noun.
    let own_act = matches!(
        roles.rule,
        "active"
            | "active-first-verb-object"
            | "active-relative"
            | "active-by"
            | "passive-agent"
            | "nominal-by"
    );
    // Stones and fire: bombs and guns are an armed group's, whoever holds them, and a
    // beating singles out a victim (ASSAULT beat).
    let crowd_means = matches!(mode.as_deref(), None | Some("primitive" | "destroy"));
    if category == Category::Assault
        && own_act
        && crowd_means
        && !roles.actor.is_empty()
        && roles.actor.iter().all(civilian)
        && (roles.actor.iter().all(crowd) || at_protest())
    {
        category = Category::Protest;
        mode = Some("riot".to_string());
    }
    // "Police blocked the road to the palace": security forces closing a way restrict
    // movement (PLOVER COERCE restrict); they do not protest.
    let state_force = |p: &Party| matches!(p.sector.as_deref(), Some("MIL" | "COP"));
    if category == Category::Protest
        && mode.as_deref() == Some("obstruct")
        && !roles.actor.is_empty()
        && roles.actor.iter().all(state_force)
    {
        category = Category::Coerce;
        mode = Some("restrict".to_string());
    }
    // "TNI mengerahkan 1.200 prajurit ... untuk membantu evakuasi": forces sent for
    // disaster relief are aid (PLOVER AID); "prajurit TNI membebaskan tiga sandera": a
    // hostage rescue by a state force is aid too, not the captors' release.
    let later_in_clause = |phrases: &crate::grammar::Phrases| {
        (m.end..clause.end.min(words.len())).any(|i| phrases.at(words, i).is_some())
    };
    let any_state_force = roles.actor.iter().any(state_force);
    if (category == Category::Mobilize && later_in_clause(&ctx.grammar.relief_purposes))
        || (category == Category::Retreat
            && mode.as_deref() == Some("release")
            && any_state_force
            // The freed may be described in a relative clause ("nelayan yang disandera").
            && (m.end..(m.end + 8).min(words.len()))
                .any(|i| ctx.grammar.hostages.at(words, i).is_some()))
    {
        category = Category::Aid;
        mode = None;
    }
    // "300 personel Brimob tiba di Sugapa", "Kenyan police officers arrived in
    // Port-au-Prince": forces arriving are deployed, they pay no visit.
    if category == Category::Consult
        && mode.as_deref() == Some("visit")
        && !roles.actor.is_empty()
        && roles.actor.iter().all(|p| {
            p.kind != Some(MentionKind::Person)
                && matches!(p.sector.as_deref(), Some("MIL" | "COP"))
        })
    {
        category = Category::Mobilize;
        mode = None;
    }
    // "Militer Venezuela menyiagakan 5.600 personel": who mobilises says which force.
    if category == Category::Mobilize
        && matches!(
            mode.as_deref(),
            None | Some("troops" | "police" | "militia")
        )
        && let Some(force) = roles.actor.iter().find_map(|p| match p.sector.as_deref() {
            Some("MIL") => Some("troops"),
            Some("COP") => Some("police"),
            Some("REB" | "UAF") => Some("militia"),
            _ => None,
        })
    {
        mode = Some(force.to_string());
    }
    // "ASEAN foreign ministers held a meeting", "leaders of Indonesia, Malaysia and
    // Singapore met": an organisation meeting as itself, or three countries or more.
    if category == Category::Consult && mode.is_none() {
        let mut codes: Vec<&str> = roles
            .actor
            .iter()
            .chain(&roles.recipient)
            .filter_map(|p| p.code.as_deref())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // "ASEAN leaders met ... under the chairmanship of Malaysia's prime minister": a
        // bloc's members meeting among themselves (no one met from outside).
        let igo_meets = roles.recipient.is_empty()
            && roles
                .actor
                .iter()
                .any(|p| p.code.as_deref().is_some_and(sitrep_actors::is_igo_code));
        if igo_meets || codes.len() >= 3 {
            mode = Some("multilateral".to_string());
        }
    }
    // "Beijing protested against the patrol": when a state protests, it is a diplomatic
    // protest (PLOVER ACCUSE disapprove), not a demonstration.
    if category == Category::Protest
        && !nominal
        && !roles.actor.is_empty()
        && roles.actor.iter().all(|p| {
            matches!(p.kind, Some(MentionKind::Country | MentionKind::Capital))
                && p.sector.as_deref().is_none_or(|s| s == "GOV")
        })
    {
        category = Category::Accuse;
        mode = Some("disapprove".to_string());
    }
    // A participant noun is its own actor: "thousands of protesters".
    if trig.flags.minor
        && roles.actor.is_empty()
        && let Some(k) = ctx
            .mentions
            .iter()
            .position(|x| (x.first_token..x.end_token).contains(&m.head))
    {
        roles.actor = vec![party(ctx, k)];
    }
    // "Thousands of people marched": a crowd named by its size is the protest's actor.
    if category == Category::Protest
        && roles.actor.is_empty()
        && let Some(p) = crowd_subject(ctx, &clause, m.head)
    {
        roles.actor = vec![p];
        roles.rule = "crowd-subject";
    }
    // An ambiguous word ("strike", "hit", "explosion") is an event only when someone
    // does it: "rioters torched shops" yes, "an explosion at the smelter" no.
    // Generated (CAMEO dictionary) entries are broad: a single verb codes an event
    // only between two named parties, a longer pattern needs one.
    if trig.tier > 0 {
        let coded = |ps: &[Party]| ps.iter().filter(|p| p.code.is_some()).count();
        let single = trig.elements.len() == 1;
        let ok = if single {
            (coded(&roles.actor) > 0 && coded(&roles.recipient) > 0)
                || (roles.reciprocal && coded(&roles.actor) > 1)
        } else {
            coded(&roles.actor) + coded(&roles.recipient) > 0
        };
        if !ok {
            return None;
        }
    }
    let weak = trig.flags.weak;
    // ... or when a weapon says what happened: "a missile hit the building".
    let weapon = || cue_modes(ctx, category, &clause).next().is_some();
    // A passive whose subject refers back to a known party is its verb, whoever did it:
    // "Joseph ... He was sentenced", "they are being targeted".
    let referred_sufferer =
        roles.rule.starts_with("reference") && !roles.recipient.is_empty() && roles.passive;
    if weak && roles.actor.is_empty() && !roles.reciprocal && !weapon() && !referred_sufferer {
        return None;
    }
    // "Bantuan kemanusiaan Indonesia untuk Palestina tiba di El Arish", "Turkish aid
    // arrived in Damascus": an ambiguous verb whose subject is an event noun tells what
    // became of that event, not an act of the parties named inside it.
    if weak
        && !nominal
        && matches.iter().any(|o| {
            curated_noun(ctx, o)
                && o.end <= m.head
                && o.head >= clause.start
                && m.head - o.end <= 5
                && (o.end..m.head).all(|j| {
                    !verb_like_form(ctx.toks.toks[j].best_form())
                        && !stops_clause(ctx, j)
                        && ctx.grammar.verb_joiners.at(&ctx.toks.words, j).is_none()
                        && !ctx.grammar.coordinators.contains_word(&ctx.toks.words[j])
                })
        })
    {
        return None;
    }
    // Expelling envoys is a diplomatic sanction, expelling anyone else a deportation:
    // "three Russian diplomats were expelled by Moldova".
    let envoy = |p: &Party| {
        p.tokens.clone().any(|t| {
            ctx.toks
                .toks
                .get(t)
                .is_some_and(|tok| tok.keys().any(|k| ctx.lexicon.in_class("envoy", k)))
        })
    };
    // Combatants captured by combatants are taken in war, not arrested (PLOVER: ASSAULT
    // abduct, not COERCE arrest): "Militer Filipina menangkap dua anggota Abu Sayyaf".
    // Police arresting militants stays an arrest.
    let combatant = |p: &Party| {
        p.sector
            .as_deref()
            .is_some_and(|s| COMBATANT_SECTORS.contains(&s))
    };
    let (category, mode) = if category == Category::Coerce
        && mode.as_deref() == Some("deport")
        && roles.recipient.iter().any(envoy)
    {
        (Category::Sanction, Some("expel".to_string()))
    } else if category == Category::Coerce
        && mode.as_deref() == Some("arrest")
        && !roles.actor.is_empty()
        && roles.actor.iter().all(combatant)
        && roles.recipient.iter().any(combatant)
    {
        (Category::Assault, Some("abduct".to_string()))
    } else {
        (category, mode)
    };
    // The pattern's CAMEO code fits its own category and mode, not one a cue replaced.
    let mode_replaced = trig.mode.is_some() && trig.mode != mode;
    let cameo = trig
        .cameo
        .clone()
        .filter(|_| category == trig.category && !mode_replaced)
        .unwrap_or_else(|| category.default_cameo(mode.as_deref()).to_string());
    // "mengancam akan memperluas serangan roket ... jika Israel terus membombardir
    // Lebanon", "threatened to retaliate if Kyiv strikes again": who must stop is the one
    // threatened.
    let mut recipient_rule = "";
    if category == Category::Threaten
        && !roles.reciprocal
        && roles.recipient.iter().all(|p| p.code.is_none())
        && let Some(g) = condition_subject(ctx, m, groups)
        // (Not the threatener itself: "If we are attacked, we will respond".)
        && !g.mentions.iter().any(|&k| {
            let x = &ctx.mentions[k];
            roles.actor.iter().any(|a| {
                a.tokens.start == x.first_token
                    || (a.code == x.code && a.sector.is_some() && a.sector == x.sector)
            })
        })
    {
        roles.recipient = parties(ctx, g);
        recipient_rule = " condition-recipient";
    }
    let coordinated = is_coordinated(ctx, m.head);
    if roles.recipient.iter().all(|p| p.tokens.start > m.end)
        && !roles.reciprocal
        && let Some(k) = object_pronoun_party(ctx, m, groups, &roles.actor, coordinated)
    {
        let mut p = party(ctx, k);
        p.resolved_from = Some(ctx.toks.words[m.end].clone());
        roles.recipient = relocated(&[p], m.end..m.end + 1);
        recipient_rule = " object-pronoun";
    }
    let span = ctx.toks.span(&(m.head..m.end));
    let mut confidence: f64 = 0.5;
    if roles.actor.iter().any(|p| p.code.is_some()) {
        confidence += 0.15;
    }
    if !roles.recipient.is_empty() || roles.reciprocal {
        confidence += 0.1;
    }
    if trig.elements.len() > 1 {
        confidence += 0.1;
    }
    if weak {
        confidence -= 0.15;
    }
    if trig.tier > 0 {
        confidence -= 0.1;
    }
    if md.background {
        confidence -= 0.15;
    }
    let cand = EventCandidate {
        sentence,
        category,
        mode,
        contexts: trig.contexts.clone(),
        cameo,
        trigger_tokens: m.head..m.end,
        clause: clause.clone(),
        trigger_text: ctx.text[span.clone()].to_string(),
        trigger_span: span,
        actor: roles.actor,
        recipient: roles.recipient,
        reciprocal: roles.reciprocal,
        negated,
        hypothetical,
        historical: md.historical,
        claim,
        confidence: confidence.clamp(0.05, 0.95),
        rule: format!(
            "{} {}{}{}{}",
            trig.source,
            roles.rule,
            if hosted { " host->recipient" } else { "" },
            rule_extra,
            recipient_rule
        ),
    };
    // ("a stern warning to ...": a noun pattern is no participle.)
    let reduced =
        !trig.flags.noun && (trig.flags.weak || m.form == Form::Past) && reduced_relative(ctx, m);
    let relative_at = (clause.start.saturating_sub(1)..m.head).find(|&r| {
        let words = &ctx.toks.words;
        // "said he had spoken ..., and that both sides had agreed": after a coordinator a
        // word that may open either clause ("that") opens a reported one.
        let complement = ctx.grammar.complementizers.contains_word(&words[r])
            && r > 0
            && ctx.grammar.coordinators.contains_word(&words[r - 1]);
        ctx.grammar.relativizers.contains_word(&words[r])
            && !complement
            && !closed_relative(ctx, r, m.head)
            && !(r..m.head).any(|t| opens_main_clause(ctx, t))
            && relative_before.as_ref().is_none_or(|rel| rel.start != r)
    });
    let relative = relative_at.is_some();
    // "to disperse students who had blocked a main road": an active relative verb in the
    // perfect tells an earlier deed of its own, not what the party is. (Only after a
    // relative pronoun: "that" may open a reported clause.)
    let deed = relative_at.is_some_and(|r| {
        !ctx.grammar
            .complementizers
            .contains_word(&ctx.toks.words[r])
    }) && !passive
        && !nominal
        && (clause.start.saturating_sub(1)..m.head).any(|t| {
            ctx.grammar
                .perfect_auxiliaries
                .contains_word(&ctx.toks.words[t])
        });
    let relative = relative && !deed;
    Some(Internal {
        cand,
        clause,
        background: md.background,
        own_subject: roles.own_subject,
        minor: trig.flags.minor,
        nominal,
        coordinated,
        relative,
        reduced,
    })
}

fn mode_from_cues(
    ctx: &Context<'_>,
    category: Category,
    trigger: Range<usize>,
    passive: bool,
) -> Option<String> {
    ctx.lexicon
        .cues_in(ctx.toks, 0..ctx.toks.len())
        .into_iter()
        // A borrowed cue names the refused thing right after the trigger, never the
        // trigger itself ("dismissed the claims") or another clause ("who resigned ...,
        // rejected the allegations"); in the passive the refused thing is the subject
        // before it ("Tawaran dialog dari Seoul ditolak oleh Pyongyang").
        .filter(|(i, c)| {
            let object = if passive {
                *i < trigger.start && trigger.start - *i <= BORROWED_CUE_WINDOW
            } else {
                *i >= trigger.end && *i < trigger.end + BORROWED_CUE_WINDOW
            };
            c.category == category || (cue_fits(c.category, category) && object)
        })
        .min_by_key(|(i, _)| i.abs_diff(trigger.start))
        .map(|(_, c)| c.mode.clone())
}

/// Tokens after a REJECT trigger in which a REQUEST cue names what is refused.
const BORROWED_CUE_WINDOW: usize = 6;

/// PLOVER's REJECT modes are REQUEST's (assist, change, yield, meet): what is refused is
/// what was asked, so the same cue words say which.
fn cue_fits(cue: Category, event: Category) -> bool {
    cue == event || (event == Category::Reject && cue == Category::Request)
}

/// "rejected a ceasefire proposal", "menolak usulan gencatan senjata": a proposal, offer or
/// plan is refused by what it proposes; a cue in the object says it better than the
/// pattern's default (meet).
fn refused_object_mode(ctx: &Context<'_>, head: usize, clause: &Range<usize>) -> Option<String> {
    ctx.lexicon
        .cues_in(
            ctx.toks,
            head + 1..clause.end.min(head + 1 + BORROWED_CUE_WINDOW),
        )
        .into_iter()
        .filter(|(_, c)| cue_fits(c.category, Category::Reject))
        .min_by_key(|(i, _)| i.abs_diff(head))
        .map(|(_, c)| c.mode.clone())
}

fn claim_for(ctx: &Context<'_>, frame: Option<&Frame>) -> Claim {
    let mut claim = Claim::default();
    for f in ctx.frames.iter().filter(|f| f.kind == FrameKind::Via) {
        if let Some(sp) = &f.speaker {
            let t = ctx.text[ctx.toks.span(sp)]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            if !t.is_empty() {
                claim.outlets.push(t);
            }
        }
    }
    let Some(f) = frame else {
        return claim;
    };
    claim.kind = Some(f.kind);
    claim.speakers = f.speaker_mentions.iter().map(|&k| party(ctx, k)).collect();
    // "Ia mengatakan", "He said": a pronoun speaker is the one who spoke last.
    // Lengths of the pronouns the speaker starts with (one per pronoun list).
    let words = &ctx.toks.words;
    let lead_pronouns: Vec<usize> = f
        .speaker
        .as_ref()
        .filter(|sp| !sp.is_empty() && sp.end <= words.len())
        .map(|sp| {
            [&ctx.grammar.singular_pronouns, &ctx.grammar.plural_pronouns]
                .iter()
                .filter_map(|p| p.at(words, sp.start))
                .collect()
        })
        .unwrap_or_default();
    let pronoun_speaker = f
        .speaker
        .as_ref()
        .is_some_and(|sp| lead_pronouns.contains(&sp.len()));
    if claim.speakers.is_empty()
        && pronoun_speaker
        && let Some(sp) = &f.speaker
        && !ctx.memory.last_speakers.is_empty()
    {
        claim.speakers = relocated(&ctx.memory.last_speakers, sp.clone());
    }
    // "..., his office said", "..., their families said": a possessive pronoun opening the
    // speaker points to the sentence's first named party (its subject), whose country
    // the office or family speaks for.
    let possessive_speaker = f
        .speaker
        .as_ref()
        .filter(|sp| sp.len() >= 2 && lead_pronouns.contains(&1));
    if let Some(sp) = possessive_speaker
        && claim.speakers.iter().all(|p| p.code.is_none())
        && let Some(k) = ctx
            .mentions
            .iter()
            .position(|x| x.end_token <= sp.start && x.code.is_some())
    {
        claim.speakers = relocated(&[party(ctx, k)], sp.clone());
    }
    if claim.speakers.is_empty() {
        match &f.speaker {
            Some(sp) if !sp.is_empty() => {
                claim.speaker_text = Some(ctx.text[ctx.toks.span(sp)].to_string());
            }
            _ => claim.speakers = relocated(&ctx.memory.last_speakers, f.cue.start..f.cue.start),
        }
    }
    let lo = f
        .speaker
        .as_ref()
        .map_or(f.cue.start, |s| s.start.min(f.cue.start));
    let hi = f
        .speaker
        .as_ref()
        .map_or(f.cue.end, |s| s.end.max(f.cue.end));
    claim.source_text = Some(ctx.text[ctx.toks.span(&(lo..hi))].to_string());
    claim
}

/// Sectors of parties that fight wars: armed forces, rebels, unidentified armed groups.
const COMBATANT_SECTORS: [&str; 3] = ["MIL", "REB", "UAF"];

// ---------------------------------------------------------------- selection

/// One event per clause: verbal events absorb the events of their complement (and of
/// later clauses without their own subject, such as relative clauses), same category
/// events merge, background nouns and protest topics give way.
fn select(ctx: &Context<'_>, cands: Vec<Internal>) -> Vec<EventCandidate> {
    let has_foreground = cands.iter().any(|c| !c.background);
    let has_major = cands.iter().any(|c| !c.minor);
    let has_protest = cands
        .iter()
        .any(|c| c.cand.category == Category::Protest && !c.cand.negated);
    // Triggers inside a relative clause that a later main-clause event spans over
    // ("Iran, which backs the Houthis, condemned ...") or inside a speaker ("Myanmar's
    // military, which seized power in a 2021 coup, said ..."): they describe a party. So
    // do those of an appositive set off inside a speaker ("The officials, speaking on
    // condition of anonymity to discuss the operation, said ...").
    // The speakers of the sentence's frames that hold token `t`.
    let speakers_at = |t: usize| {
        ctx.frames
            .iter()
            .filter_map(|f| f.speaker.as_ref())
            .filter(move |sp| sp.contains(&t))
    };
    let inserted: Vec<usize> = cands
        .iter()
        .filter(|c| {
            let t = c.cand.trigger_tokens.start;
            speakers_at(t).any(|sp| (sp.start..t).any(|i| ctx.toks.words[i] == ","))
                || c.relative
                    && (cands.iter().any(|d| {
                        !d.relative && d.clause.start < t && d.cand.trigger_tokens.start > t
                    }) || speakers_at(t).next().is_some())
        })
        .map(|c| c.cand.trigger_tokens.start)
        .collect();
    // (event, its clause, nominal, coordinated with an earlier verb)
    let mut kept: Vec<(EventCandidate, Range<usize>, bool, bool)> = Vec::new();
    for Internal {
        cand: mut c,
        clause,
        background,
        own_subject,
        minor,
        nominal,
        coordinated,
        relative,
        reduced,
    } in cands
    {
        if reduced {
            continue;
        }
        if (background && has_foreground) || (minor && has_major) {
            continue;
        }
        // A relative clause describes a party of an earlier event ("freed 12 residents
        // who had been detained"): not an event of this report.
        if relative && !kept.is_empty() && !kept.iter().any(|(k, ..)| k.category == c.category) {
            continue;
        }
        if inserted.contains(&c.trigger_tokens.start) {
            continue;
        }
        if has_protest && c.category == Category::Request {
            continue;
        }
        let mut absorbed = false;
        for (k, kclause, knominal, _) in kept.iter_mut().rev() {
            let same_clause =
                kclause.start == clause.start || kclause.contains(&c.trigger_tokens.start);
            // A noun does not govern the verb that follows it: in "the proposal was
            // rejected by X" the proposal is the subject, not a frame.
            let verbal = (matches!(k.category.quad_code(), 1 | 3)
                || k.category == Category::Consult)
                && (!*knominal || nominal);
            let after = c.trigger_tokens.start >= k.trigger_tokens.end;
            // "menembaki pos ... dan menewaskan dua tentara": one assault, told twice (its
            // weapons may be named twice). Two acts of different kinds stay two ("fired tear
            // gas to disperse the crowd and arrested 19 people").
            let same_kind = k.category == Category::Assault
                || k.mode.is_none()
                || c.mode.is_none()
                || k.mode == c.mode;
            // "called on Israel to lift ... and urged the UN Security Council to act": the
            // same act towards another named party is another event.
            let codes = |ps: &[Party]| -> Vec<String> {
                ps.iter().filter_map(|p| p.code.clone()).collect()
            };
            let (kc, cc) = (codes(&k.recipient), codes(&c.recipient));
            let other_target =
                !kc.is_empty() && !cc.is_empty() && cc.iter().all(|x| !kc.contains(x));
            if k.category == c.category && coordinated && after && same_kind && !other_target {
                if k.mode.is_none() {
                    k.mode = c.mode.clone();
                    k.cameo = c.cameo.clone();
                }
                // "hear sporadic gunfire ... as militants are still fighting with the
                // security forces": a reciprocal telling names the event's sides.
                if k.actor.is_empty() && c.reciprocal && !c.actor.is_empty() {
                    k.actor = c.actor.clone();
                    k.reciprocal |= c.reciprocal;
                    k.rule = c.rule.clone();
                }
                if k.recipient.is_empty() && !k.reciprocal {
                    k.recipient = c.recipient.clone();
                }
                absorbed = true;
                break;
            }
            // "Kerusuhan Poso ... menewaskan lebih dari seribu orang", "the riots killed
            // dozens": a verb telling the toll of the noun event before it, its subject, is
            // that event's outcome, not another event.
            // (A party in a relative clause on the noun's object is no subject of the
            // toll verb: "Serangan udara Israel ke sebuah sekolah yang menampung
            // pengungsi ... menewaskan 16 orang".)
            let actor_in_relative = !c.actor.is_empty()
                && c.actor.iter().all(|p| {
                    p.tokens.start >= k.trigger_tokens.end
                        && p.tokens.end <= c.trigger_tokens.start
                        && (k.trigger_tokens.end..p.tokens.start)
                            .any(|t| ctx.grammar.relativizers.contains_word(&ctx.toks.words[t]))
                });
            if *knominal
                && !nominal
                && after
                && (c.actor.is_empty() || actor_in_relative)
                && ctx
                    .grammar
                    .toll_verbs
                    .at(&ctx.toks.words, c.trigger_tokens.start)
                    .is_some()
                && !(k.trigger_tokens.end..c.trigger_tokens.start).any(|t| {
                    // A bracketed date may stand between: "Kerusuhan di Wamena pada Senin
                    // (3/2/2025) menewaskan".
                    let w = &ctx.toks.words[t];
                    w == "," || (is_hard_stop(w) && !matches!(w.as_str(), "(" | ")"))
                })
            {
                if k.recipient.is_empty() && !k.reciprocal {
                    k.recipient = c.recipient.clone();
                }
                absorbed = true;
                break;
            }
            if coordinated && after && !nominal {
                // A second verb of the same subject: its own event, that subject's.
                if !own_subject && !k.actor.is_empty() {
                    c.actor = k.actor.clone();
                    c.rule = format!("{} coordinated", c.rule);
                }
                continue;
            }
            // "condemned the sanctions and said it would retaliate": a reporting verb
            // between the two starts a new report, not the first verb's complement.
            let reported_anew = ctx.frames.iter().any(|f| {
                matches!(f.kind, FrameKind::Say | FrameKind::Deny)
                    && (f.subject_shared || !f.speaker_mentions.is_empty())
                    && f.cue.start >= k.trigger_tokens.end
                    && f.cue.end <= c.trigger_tokens.start
            });
            // "appealed for air defences after a missile strike killed seven": a clause
            // opened by "after" that tells a toll is the verb's occasion, a deed of its
            // own, not the verb's complement.
            let words = &ctx.toks.words;
            let between = k.trigger_tokens.end..c.trigger_tokens.start;
            let occasion = || {
                between
                    .clone()
                    .any(|t| ctx.grammar.background_preps.at(words, t).is_some())
                    && toll_follows(
                        ctx,
                        c.trigger_tokens.start,
                        c.trigger_tokens.end + TOLL_REACH,
                    )
            };
            let continued = || {
                between
                    .clone()
                    .any(|t| ctx.grammar.report_continuers.at(words, t).is_some())
            };
            // "tuntutan agar Israel menghentikan serangan": a noun of demand or threat
            // takes the clause its complementizer opens as its complement too.
            let noun_with_clause = !verbal && demand_clause(ctx, k);
            if (verbal || noun_with_clause)
                && after
                && !reported_anew
                && (same_clause || !own_subject)
                && !occasion()
                && !continued()
                && !between.clone().any(|t| opens_main_clause(ctx, t))
            {
                // "threatened to withdraw from Chad": the verbal event is about the
                // inner one's target.
                if k.recipient.iter().all(|p| p.code.is_none()) && !k.reciprocal {
                    let inner: Vec<Party> = c
                        .recipient
                        .iter()
                        .filter(|p| p.code.is_some() && !k.actor.iter().any(|a| a.code == p.code))
                        .cloned()
                        .collect();
                    if !inner.is_empty() {
                        k.recipient = inner;
                    }
                }
                // "vowed to continue attacks", "berjanji akan menyerang": a vow of force
                // is a threat (PLOVER THREATEN), not an agreement.
                // (The attack may already read as a threat: said, and still to come.)
                if k.category == Category::Agree
                    && matches!(c.category, Category::Assault | Category::Threaten)
                    && ctx
                        .grammar
                        .vows
                        .at(&ctx.toks.words, k.trigger_tokens.start)
                        .is_some()
                {
                    k.category = Category::Threaten;
                    k.mode = (c.category == Category::Threaten)
                        .then(|| c.mode.clone())
                        .flatten();
                }
                let permission = c.trigger_tokens.len() == 1
                    && ctx.toks.toks[c.trigger_tokens.start]
                        .keys()
                        .any(|w| ctx.grammar.permission_verbs.contains_word(w));
                if k.mode.is_none() && !permission {
                    k.mode = complement_mode(k.category, &c);
                    if k.mode.is_some() || k.category == Category::Threaten {
                        k.cameo = k.category.default_cameo(k.mode.as_deref()).to_string();
                    }
                }
                absorbed = true;
                break;
            }
            // (A second report is its own act: "allowed to visit detainees, and that 57
            // prisoners had been released".)
            if k.category == c.category && !continued() && (same_clause || c.actor.is_empty()) {
                if k.mode.is_none() {
                    k.mode = c.mode.clone();
                    k.cameo = c.cameo.clone();
                }
                if k.recipient.is_empty() && !k.reciprocal {
                    k.recipient = c.recipient.clone();
                }
                if k.actor.is_empty() {
                    k.actor = c.actor.clone();
                }
                absorbed = true;
                break;
            }
        }
        if !absorbed {
            kept.push((c, clause, nominal, coordinated));
        }
    }
    let _ = ctx;
    // A noun event followed in its clause by a verb of another category is that
    // verb's subject or topic ("the proposal was rejected by X"): the verb decides. A
    // verb coordinated with an earlier one ("membantah pasukannya memulai baku tembak dan
    // menuding ...") has the sentence's subject, not the noun.
    let topics: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, (k, kclause, knominal, _))| {
            *knominal
                && kept.iter().any(|(c, cclause, cnominal, ccoordinated)| {
                    !cnominal
                        && !ccoordinated
                        && cclause.start == kclause.start
                        && c.trigger_tokens.start >= k.trigger_tokens.end
                        && c.category != k.category
                        // "tuntutan agar Israel menghentikan serangan": a verb in the
                        // clause a demand or threat opens is what it asks for, not its verb.
                        && !demand_clause(ctx, k)
                })
        })
        .map(|(i, _)| i)
        .collect();
    kept.into_iter()
        .enumerate()
        .filter(|(i, _)| !topics.contains(i))
        .map(|(_, (c, ..))| c)
        .collect()
}

/// Whether what a release trigger releases is a publication (`publications`): its noun
/// within five words after the trigger (up to a punctuation mark), or within ten before
/// it when no party follows within four and no one who could be freed stands between.
fn released_publication(ctx: &Context<'_>, m: &Match) -> bool {
    let words = &ctx.toks.words;
    let publications = &ctx.grammar.publications;
    // ("..., telah dibebaskan, demikian laporan surat kabar": a comma ends the object.)
    let after = (m.end..(m.end + 5).min(words.len()))
        .take_while(|&i| !ctx.toks.toks[i].punct)
        .any(|i| publications.at(words, i).is_some());
    let party_after = ctx.mentions.iter().any(|x| {
        x.first_token >= m.end
            && x.first_token < m.end + 4
            && (m.end..x.first_token).all(|t| !ctx.toks.toks[t].punct)
    });
    // Nobody who could be freed between the noun and the verb ("According to the report,
    // 20 prisoners were released", "..., he was released"); an issuing body may stand
    // there ("an assessment from the Department of Disaster Management released").
    let someone_between = |from: usize| {
        ctx.mentions.iter().any(|x| {
            x.first_token >= from
                && x.first_token < m.head
                && !matches!(x.kind, MentionKind::Institution | MentionKind::Igo)
        }) || (from..m.head).any(|t| {
            let g = ctx.grammar;
            g.singular_pronouns.at(words, t).is_some() || g.plural_pronouns.at(words, t).is_some()
        })
    };
    let before = !party_after
        && (m.head.saturating_sub(10)..m.head).any(|i| {
            publications
                .at(words, i)
                .is_some_and(|l| i + l <= m.head && !someone_between(i + l))
        });
    after || before
}

/// A demand or threat noun with a complementizer right after it ("tuntutan *agar*
/// Israel ...", "demand *that* Israel ..."): the clause it opens is its content.
fn demand_clause(ctx: &Context<'_>, k: &EventCandidate) -> bool {
    matches!(k.category, Category::Request | Category::Threaten)
        && ctx
            .grammar
            .clause_complementizers
            .at(&ctx.toks.words, k.trigger_tokens.end)
            .is_some()
}

/// The mode a verbal event takes from the event it is about: "threatened to expel"
/// is THREATEN expel, "demanded the release" REQUEST yield.
fn complement_mode(verbal: Category, inner: &EventCandidate) -> Option<String> {
    use Category::*;
    let m = inner.mode.as_deref();
    let mode = match (verbal, inner.category) {
        (Threaten, Assault) => "violence",
        (Threaten, Coerce) if m == Some("arrest") => "arrest",
        (Threaten, Coerce) if m == Some("seize") => "territory",
        (Threaten, Coerce | Protest) => "restrict",
        (Threaten, Sanction) if m == Some("expel") => "expel",
        (Threaten, Sanction) => "relations",
        (Request | Reject, Retreat | Concede) => "yield",
        (Request | Reject, Aid | Cooperate) => "assist",
        (Request | Reject, Consult | Agree) => "meet",
        _ => return None,
    };
    Some(mode.to_string())
}

/// "Thailand menerbangkan jet tempur dan menyerang ...", "Israel killed three militants and
/// wounded five": in a coordinated verb phrase the party right after the first verb is
/// that verb's object; the second verb shares the first verb's subject.
fn first_verb_subject<'g>(
    ctx: &Context<'_>,
    left: &[&'g Group],
    candidate: &'g Group,
    head: usize,
    clause_start: usize,
) -> Option<&'g Group> {
    if !is_coordinated(ctx, head) {
        return Some(candidate);
    }
    let t = noun_phrase_start(ctx, candidate.tokens.start);
    // A verb form outside the parties ("United" in "United States" is none).
    let verb = |i: usize| {
        matches!(
            ctx.toks.toks[i].best_form(),
            Some(Form::Active | Form::Past)
        ) && !left.iter().any(|g| g.tokens.contains(&i))
    };
    // The candidate stands after an earlier verb: it is that verb's object ("it had
    // detected 45 aircraft and 17 navy ships ... and had dispatched its forces").
    let Some(v) = (clause_start..t).rev().find(|&i| verb(i)) else {
        return Some(candidate);
    };
    // That verb's subject stands right before it (an adverb may sit between: "Thailand
    // kemudian menerbangkan") ...
    if let Some(g) = left
        .iter()
        .rev()
        .find(|g| g.tokens.end <= v && g.before == Prep::None)
        .filter(|g| v - g.tokens.end <= 1)
    {
        return Some(g);
    }
    // ... or is a pronoun ("it had detected"), resolved later.
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let p = verb_group_start(ctx, v, clause_start);
    let pronoun = [&g.singular_pronouns, &g.plural_pronouns]
        .iter()
        .any(|ps| ps.ending_at(words, p).is_some());
    (!pronoun).then_some(candidate)
}

/// Whether the trigger opens a coordinated verb phrase: "and called on", ", accusing",
/// "dan menuntut" (auxiliaries and adverbs may stand between).
fn is_coordinated(ctx: &Context<'_>, head: usize) -> bool {
    let words = &ctx.toks.words;
    let form = ctx.toks.toks[head].best_form();
    let mut i = head;
    let mut skipped = 0;
    while i > 0 && skipped < 3 {
        let w = words[i - 1].as_str();
        if ctx.grammar.opens_verb_group(w) {
            i -= 1;
            skipped += 1;
            continue;
        }
        break;
    }
    if i == 0 {
        return false;
    }
    let w = words[i - 1].as_str();
    // "accused the group of killing, maiming, raping and looting": a gerund in a list
    // that a preposition opens is one more complement, not a new verb phrase.
    if form == Some(Form::Gerund) && gerund_list_after_preposition(ctx, i - 1) {
        return false;
    }
    if w == "," {
        // ", accusing ...", ", menuntut ...": a participle or verb after a comma.
        matches!(form, Some(Form::Gerund | Form::Active | Form::Past))
    } else if ctx.grammar.verb_joiners.contains_word(w) {
        !matches!(form, Some(Form::Noun | Form::Base)) || ctx.lang == Lang::ID
    } else {
        false
    }
}

/// Whether a comma at token `t` and a joiner after it open a main clause with a subject
/// of its own ("complained that aid was slow, *and dozens* blocked the road"), rather
/// than a second verb of the same subject (", and urged ...") or a subordinate clause
/// (", but if convicted").
fn opens_main_clause(ctx: &Context<'_>, t: usize) -> bool {
    let words = &ctx.toks.words;
    // A verb before the comma, since the last comma: "A, B, and C attacked" is a list.
    let verb_before = || {
        (0..t).rev().take_while(|&j| words[j] != ",").any(|j| {
            clause_verb_form(ctx.toks.toks[j].best_form())
                && !ctx
                    .mentions
                    .iter()
                    .any(|x| (x.first_token..x.end_token).contains(&j))
        })
    };
    // The cheap tests first: this runs inside `stops_clause`, for every comma.
    words[t] == ","
        && ctx.grammar.verb_joiners.at(words, t + 1).is_some_and(|l| {
            let s = t + 1 + l;
            // A subject: a party, a count ("dozens") or a determiner ("the prime ministers").
            s < words.len()
                && (ctx.mentions.iter().any(|x| x.first_token == s)
                    || ctx.grammar.numerals.contains_word(&words[s])
                    || ctx.grammar.determiners.contains_word(&words[s]))
        })
        && verb_before()
}

/// Whether token `t` makes its clause passive: an auxiliary ("was surrounded") or a
/// passive verb form ("dikepung").
fn passive_marker(ctx: &Context<'_>, t: usize) -> bool {
    ctx.grammar.passive_aux.at(&ctx.toks.words, t).is_some()
        || ctx.toks.toks[t].best_form() == Some(Form::Passive)
}

/// Whether the match `o` is an event noun of a curated lexicon (not the generated one).
fn curated_noun(ctx: &Context<'_>, o: &Match) -> bool {
    let t = &ctx.lexicon.triggers[o.trig];
    t.tier == 0 && (t.flags.noun || o.form == Form::Noun)
}

/// Whether a plural reference ("both sides", "the two ministers", "kedua menteri") covers
/// the tokens `covered`, opening at most three tokens before them and ending by `limit`.
fn in_plural_reference(ctx: &Context<'_>, covered: Range<usize>, limit: usize) -> bool {
    let words = &ctx.toks.words;
    (covered.start.saturating_sub(3)..=covered.start).any(|j| {
        ctx.grammar
            .plural_pronouns
            .at(words, j)
            .is_some_and(|l| j + l >= covered.end && j + l <= limit)
    })
}

/// Whether a curated event noun heads the object of the verb match `m`, after at most
/// two determiners or modifiers ("impose *new sanctions*", "carried out *airstrikes*").
fn light_verb_of_noun(ctx: &Context<'_>, m: &Match, matches: &[Match]) -> bool {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let noun_at = |t: usize| matches.iter().any(|o| o.head == t && curated_noun(ctx, o));
    let mut t = m.end;
    while t < words.len() && !noun_at(t) {
        if t >= m.end + 2
            || !(g.determiners.contains_word(&words[t])
                || g.prep_modifiers.contains_word(&words[t]))
        {
            return false;
        }
        t += 1;
    }
    t < words.len()
}

/// Whether the noun phrase opening at token `start` holds a party: one starts within
/// its first few words, before any punctuation, preposition or coordinator ("called Xi Jinping",
/// "menargetkan seluruh infrastruktur energi Israel"; not "called the sanctions illegal").
fn party_in_object(ctx: &Context<'_>, start: usize) -> bool {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    for (t, word) in words.iter().enumerate().skip(start).take(5) {
        if ctx.mentions.iter().any(|x| x.first_token == t) {
            return true;
        }
        if g.determiners.contains_word(word) {
            continue;
        }
        let stop = [
            &g.agent_preps,
            &g.recipient_preps,
            &g.partner_preps,
            &g.locative_preps,
            &g.complementizers,
            &g.coordinators,
        ]
        .iter()
        .any(|p| p.contains_word(word));
        if ctx.toks.toks[t].punct || stop {
            return false;
        }
    }
    false
}

/// A crowd named by its size opening the clause before the verb ("Thousands of people
/// marched", "Ribuan buruh berunjuk rasa"): an unnamed civilian party.
fn crowd_subject(ctx: &Context<'_>, clause: &Range<usize>, head: usize) -> Option<Party> {
    let words = &ctx.toks.words;
    let start = clause.start;
    let len = ctx.grammar.crowd_sizes.at(words, start)?;
    // The counted noun, then the verb (an auxiliary may stand between).
    let end = (start + len + 1..=head.min(start + len + 2))
        .find(|&e| (e..head).all(|t| ctx.grammar.opens_verb_group(&words[t])))?;
    if (start..end).any(|t| ctx.toks.toks[t].punct) {
        return None;
    }
    let span = ctx.toks.span(&(start..end));
    Some(Party {
        tokens: start..end,
        span: span.clone(),
        text: ctx.text[span].to_string(),
        code: None,
        sector: Some("CVL".to_string()),
        name: None,
        office: None,
        kind: Some(MentionKind::Agent),
        resolved_from: None,
    })
}

/// Whether a destination preposition ("to", "kepada") stands right before token `start`,
/// or before the one article or group noun there ("to the United States").
fn destination_before(ctx: &Context<'_>, start: usize) -> bool {
    let end = skip_before_party(ctx, start, true);
    ctx.grammar
        .destination_preps
        .ending_at(&ctx.toks.words, end)
        .is_some()
}

/// Whether a mention of group `g` names a country or an organisation by its code.
fn has_code(ctx: &Context<'_>, g: &Group) -> bool {
    g.mentions.iter().any(|&k| ctx.mentions[k].code.is_some())
}

/// A number word of the language ("ten", "sepuluh", "dozens") or a written number ("12",
/// "1,500").
fn is_count_word(ctx: &Context<'_>, w: &str) -> bool {
    ctx.grammar.numerals.contains_word(w)
        || w.starts_with(|c: char| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// The participle after the trigger's object whose agent group `g` is ("a strike on a
/// hospital *run* by the health ministry", "an operation *conducted* by Somalia's
/// intelligence agency"): the party runs or did something else, not the trigger's act.
fn participle_before_agent(ctx: &Context<'_>, m: &Match, g: &Group) -> Option<usize> {
    let words = &ctx.toks.words;
    let end = skip_before_party(ctx, g.tokens.start, false);
    let prep = ctx.grammar.agent_preps.ending_at(words, end)?;
    let p = (end - prep).checked_sub(1)?;
    // ("held": any reading as a participle will do; "run" has none, but holds.)
    let participle = |t: usize| {
        ctx.toks.toks[t]
            .analyses
            .iter()
            .any(|a| matches!(a.form, Form::Past | Form::Passive))
            || ctx.grammar.holder_verbs.contains_word(&words[t])
    };
    if !participle(p) {
        return None;
    }
    // "orchestrated and directed by": the first of coordinated participles.
    let mut first = p;
    while first >= m.end + 2
        && ctx.grammar.coordinators.contains_word(&words[first - 1])
        && participle(first - 2)
    {
        first -= 2;
    }
    // Right after the trigger the participle describes the event itself ("a fight joined
    // by Brunei"), and after an auxiliary it is the event's own passive ("the attack was
    // orchestrated by ..."): either way its agent is the event's.
    let predicate = first > 0 && ctx.grammar.passive_aux.ending_at(words, first).is_some();
    // A pattern may end on its object ("allowed to visit prisoners"): a participle right
    // after it describes that object.
    let ends_on_object = m.end > m.head + 1
        && ctx.toks.toks[m.end - 1]
            .analyses
            .first()
            .is_some_and(|a| matches!(a.form, Form::Noun | Form::Base));
    let after_object = first > m.end || (first == m.end && ends_on_object);
    (after_object && !predicate).then_some(p)
}

/// Whether group `g` is the agent of a holding participle after the trigger ("areas
/// *controlled by* the Arakan Army", "wilayah yang *dikuasai* Tentara Arakan").
fn holds_the_object(ctx: &Context<'_>, m: &Match, g: &Group) -> bool {
    // (A coordinated object may stand between: "fasilitas industri militer dan
    // infrastruktur energi yang digunakan untuk kepentingan militer Ukraina".)
    const HOLDER_REACH: usize = 8;
    let words = &ctx.toks.words;
    let end = skip_before_party(ctx, g.tokens.start, false);
    let end = end - ctx.grammar.agent_preps.ending_at(words, end).unwrap_or(0);
    // (The held place is the trigger's object, a few words on: "on areas", "ke wilayah
    // yang"; the relative clause it opens may lie past the trigger's clause.)
    ctx.grammar
        .holder_verbs
        .ending_at(words, end)
        .is_some_and(|l| end - l >= m.end && end - l <= m.end + HOLDER_REACH)
}

/// Start of the count ("sepuluh", "dua puluh", "1,500") ending right before token `end`.
fn count_start(ctx: &Context<'_>, end: usize) -> Option<usize> {
    let words = &ctx.toks.words;
    let mut start = end;
    while start > 0 && end - start < 3 && is_count_word(ctx, &words[start - 1]) {
        start -= 1;
    }
    (start < end).then_some(start)
}

/// Where the preposition governing a party that starts at token `start` must end: before
/// one modifier ("violent") and then one determiner, quantifier or group noun ("against
/// the", "terhadap para", "oleh kelompok Abu Sayyaf"); with `determiners`, any determiner
/// of the grammar counts as the latter.
fn skip_before_party(ctx: &Context<'_>, start: usize, determiners: bool) -> usize {
    let words = &ctx.toks.words;
    let g = ctx.grammar;
    let mut end = start;
    if end > 0 && g.prep_modifiers.contains_word(&words[end - 1]) {
        end -= 1;
    }
    if end > 0
        && (g.prep_skips.contains_word(&words[end - 1])
            || (determiners && g.determiners.contains_word(&words[end - 1])))
    {
        end -= 1;
    }
    end
}

/// "tembakan dari pihak Kamboja", "rocket fire from Lebanon", "aid from Japan": a
/// named party right after a noun of force or aid, behind a source preposition, is who
/// fired or gave. Not for other nouns: in "withdrawal from Kabul" the party is left.
fn source_after<'g>(
    ctx: &Context<'_>,
    category: Category,
    noun_end: usize,
    right: &[&'g Group],
) -> Option<&'g Group> {
    if !matches!(category, Category::Assault | Category::Aid) {
        return None;
    }
    let words = &ctx.toks.words;
    right.iter().copied().find(|g| {
        let at = skip_before_party(ctx, g.tokens.start, true);
        has_code(ctx, g)
            && at > noun_end
            && ctx
                .grammar
                .source_preps
                .ending_at(words, at)
                .is_some_and(|n| at - n == noun_end)
    })
}

/// The token of a possessive pronoun opening the object after a verb ending at `end`,
/// after a preposition if one stands there ("fired on *its* positions", "attacked *our*
/// convoy"): whose things were hit, when nothing nearer names it.
/// With whether the possessive is the first person's ("kami": surely the speaker's).
fn possessive_object(ctx: &Context<'_>, end: usize) -> Option<(usize, bool)> {
    let words = &ctx.toks.words;
    let at = end + ctx.grammar.recipient_preps.at(words, end).unwrap_or(0);
    if at < words.len() && ctx.grammar.possessive_pronouns.at(words, at).is_some() {
        return Some((at, false));
    }
    // "menyasar sistem energi *kami*": where the possessive follows its noun, up to two
    // lower-case words of that noun stand before it.
    (at + 1..(at + 3).min(words.len()))
        .find(|&t| {
            ctx.grammar.possessives_after.contains_word(&words[t])
                && (at..t).all(|k| ctx.toks.toks[k].word && !ctx.toks.toks[k].cap)
                && !ctx
                    .mentions
                    .iter()
                    .any(|x| x.first_token < t && x.end_token > at)
        })
        .map(|t| (t, true))
}

/// Whether a word other than a determiner stands in `range`: between a subject and an
/// event noun, a light verb ("Israel *launched* airstrikes").
fn word_between(ctx: &Context<'_>, range: Range<usize>) -> bool {
    range.into_iter().any(|t| {
        let tok = &ctx.toks.toks[t];
        tok.word && !ctx.grammar.determiners.contains_word(&tok.lower)
    })
}

/// Whether a verb of perception stands before the event noun at `head`, at most two
/// words (a determiner, an adjective) between ("heard a blast", "hear sporadic
/// gunfire", "mendengar suara tembakan").
fn perceived_noun(ctx: &Context<'_>, head: usize) -> bool {
    let words = &ctx.toks.words;
    (head.saturating_sub(2)..=head).rev().any(|k| {
        (k..head).all(|t| ctx.toks.toks[t].word)
            && ctx.grammar.perception_verbs.ending_at(words, k).is_some()
    })
}

/// Whether a verb of need governs the noun at `head`: one stands before it with only
/// nouns, determiners and list joiners between ("need food, shelter and support").
fn needed(ctx: &Context<'_>, head: usize) -> bool {
    let words = &ctx.toks.words;
    let mut t = head;
    for _ in 0..6 {
        if t == 0 {
            return false;
        }
        t -= 1;
        if ctx.grammar.need_verbs.ending_at(words, t + 1).is_some() {
            return true;
        }
        let tok = &ctx.toks.toks[t];
        let verb = verb_like_form(tok.best_form());
        let joiner = words[t] == "," || ctx.grammar.coordinators.contains_word(&words[t]);
        if verb || (tok.punct && !joiner) {
            return false;
        }
    }
    false
}

/// Whether the list joiner at `sep` (a comma or "and"/"or") closes a list of gerunds that
/// a preposition opens ("of killing, maiming, raping").
fn gerund_list_after_preposition(ctx: &Context<'_>, sep: usize) -> bool {
    let words = &ctx.toks.words;
    let gerund = |t: usize| {
        ctx.toks.toks[t]
            .analyses
            .first()
            .is_some_and(|a| a.form == Form::Gerund)
    };
    let mut t = sep;
    let mut seen_gerund = false;
    for _ in 0..12 {
        if t == 0 {
            return false;
        }
        t -= 1;
        match words[t].as_str() {
            "," | "and" | "or" => continue,
            w if ctx.grammar.gerund_list_preps.contains_word(w) => return seen_gerund,
            _ if gerund(t) => seen_gerund = true,
            _ => return false,
        }
    }
    false
}

/// "kementerian itu", "the ministry", "pasukan tersebut": a role word made definite
/// refers to the latest earlier party whose words contain it.
fn resolve_definite(ctx: &Context<'_>, k: usize, p: &mut Party) {
    let m = &ctx.mentions[k];
    if p.code.is_some() || m.kind != MentionKind::Agent {
        return;
    }
    let words = &ctx.toks.words;
    let after = words.get(m.end_token).map(String::as_str);
    let before = m.first_token.checked_sub(1).map(|i| words[i].as_str());
    // Indonesian has no article: a role word opening the sentence ("Junta sengaja
    // menyasar ...") is as definite as "the junta".
    let opens_sentence = ctx.lang == Lang::ID && (0..m.first_token).all(|i| !ctx.toks.toks[i].word);
    // ... and so is one opening a reported clause ("membantah militer menyerang warga
    // sipil": the military, not some military).
    // (An article may come first: "Netanyahu's office said a negotiating team would
    // travel to Cairo".)
    let report = ctx.frames.iter().find(|f| {
        f.content.start >= f.cue.end
            && (f.content.start == m.first_token
                || (f.content.start + 1 == m.first_token
                    && ctx
                        .grammar
                        .determiners
                        .contains_word(&words[f.content.start])))
    });
    let opens_report = report.is_some();
    let g = ctx.grammar;
    // Where the language marks definiteness, only a definite role word refers back to a
    // party named before; an indefinite one opening a report ("said a negotiating team")
    // can only be the speaker's own.
    let anaphoric = after.is_some_and(|w| g.definite_after.contains_word(w))
        || before.is_some_and(|w| g.definite_before.contains_word(w))
        || opens_sentence
        || (opens_report && ctx.lang == Lang::ID);
    if !anaphoric && !opens_report {
        return;
    }
    let head = p.text.to_lowercase();
    let head = head.split_whitespace().next().unwrap_or("");
    let earlier = |q: &Party| q.code.is_some() && q.tokens != p.tokens;
    // The latest earlier party, named before in the document, that `fits`.
    let latest = |fits: &dyn Fn(&Party) -> bool| {
        ctx.memory
            .parties
            .iter()
            .rev()
            .filter(|_| anaphoric)
            .find(|(_, q)| earlier(q) && fits(q))
    };
    // The latest party named with the same word ("the ministry" after "Israel's defence
    // ministry"), else the latest state or rebel party of the same sector ("the military"
    // after "Myanmar military jets", "the rebels" after "the Houthis"), else for "the bloc"
    // the latest organisation of states ("urged the bloc" after "ASEAN leaders met").
    let found = latest(&|q| head.len() >= 4 && q.text.to_lowercase().contains(head))
        .or_else(|| {
            let sector = p.sector.as_deref()?;
            if !matches!(sector, "GOV" | "MIL" | "COP" | "REB") {
                return None;
            }
            latest(&|q| q.sector.as_deref() == Some(sector))
        })
        .or_else(|| {
            if !g.organisation_heads.contains_word(head) {
                return None;
            }
            latest(&|q| q.code.as_deref().is_some_and(sitrep_actors::is_igo_code))
        });
    // "Juru bicara militer Sudan membantah tentara menembaki pasar": a force opening
    // the report of a speaker of the same sector is the speaker's own.
    // "Armenia membantah pasukannya menembaki ...": a possessed force opening the report
    // is the speaker's, of whatever sector, whatever else was named before.
    let possessed = g
        .possessive_suffixes
        .iter()
        .any(|x| head.len() > x.len() + 3 && head.ends_with(x.as_str()));
    let speaker_own = || {
        let f = report.filter(|_| opens_report)?;
        let sector = p.sector.as_deref()?;
        f.speaker_mentions
            .iter()
            .map(|&i| &ctx.mentions[i])
            .find(|q| q.code.is_some() && (possessed || q.sector.as_deref() == Some(sector)))
            .map(|q| {
                let sector = q.sector.clone();
                let keep = !possessed || sector.as_deref().is_some_and(non_state_armed);
                (q.code.clone(), sector.filter(|_| keep))
            })
    };
    if (found.is_none() || possessed)
        && let Some((code, sector)) = speaker_own()
    {
        p.code = code;
        p.sector = sector.or(p.sector.take());
        p.resolved_from = Some(p.text.clone());
        return;
    }
    if let Some((_, q)) = found {
        p.code = q.code.clone();
        p.name = q.name.clone().or(p.name.take());
        if q.sector.is_some() {
            p.sector = q.sector.clone();
        }
        p.resolved_from = Some(p.text.clone());
    }
}

/// Sectors of armed parties outside the state: their own forces share the sector, where a
/// state's forces are its military whoever speaks for it.
fn non_state_armed(sector: &str) -> bool {
    matches!(sector, "REB" | "UAF" | "PRM" | "CRM")
}

/// Modes named by cue words inside a clause, for one category.
fn cue_modes<'a>(
    ctx: &'a Context<'_>,
    category: Category,
    clause: &Range<usize>,
) -> impl Iterator<Item = &'a str> + 'a {
    ctx.lexicon
        .cues_in(ctx.toks, clause.clone())
        .into_iter()
        .filter(move |(_, c)| c.category == category)
        .map(|(_, c)| c.mode.as_str())
}

/// The mention an object pronoun right after the trigger `m` stands for ("ordered two
/// U.S. diplomats to leave ..., accusing *them* of ...", "removed Bashir and jailed
/// *him*"): the latest party named before it in the sentence, when that party has a code
/// ("him", "her": a person), is no place and is not the subject (of the first verb, for a
/// trigger coordinated with one). The pronoun is the object: a party named after it
/// belongs to a clause of its own ("menuduh *mereka* memasuki wilayah Malaysia").
fn object_pronoun_party(
    ctx: &Context<'_>,
    m: &Match,
    groups: &[Group],
    actor: &[Party],
    coordinated: bool,
) -> Option<usize> {
    let words = &ctx.toks.words;
    let pronoun = words.get(m.end)?;
    if !ctx.grammar.object_pronouns.contains_word(pronoun) {
        return None;
    }
    let first_subject = groups.iter().find(|g| g.before == Prep::None);
    let subject = |g: &Group| {
        if coordinated {
            first_subject.is_some_and(|f| f.tokens == g.tokens)
        } else {
            actor.iter().any(|a| g.tokens.contains(&a.tokens.start))
        }
    };
    let g = groups
        .iter()
        .rev()
        .find(|g| g.tokens.end <= m.head && g.before != Prep::Locative && !subject(g))?;
    let person = ctx.grammar.person_pronouns.contains_word(pronoun);
    g.mentions.iter().copied().find(|&k| {
        let x = &ctx.mentions[k];
        x.code.is_some() && (!person || x.kind == MentionKind::Person)
    })
}

/// The coded party opening a condition in the sentence of the trigger `m`, after it ("...
/// *jika Israel* terus membombardir", "... *if Kyiv* strikes again") or before it ("*If
/// Hezbollah* does not move away, we will push it back"), one word such as an article
/// allowed between.
fn condition_subject<'g>(ctx: &Context<'_>, m: &Match, groups: &'g [Group]) -> Option<&'g Group> {
    let words = &ctx.toks.words;
    let opener = |t: usize| ctx.grammar.condition_openers.at(words, t).map(|l| (t, l));
    let (t, l) = (m.end..words.len())
        .find_map(opener)
        .or_else(|| (0..m.head).find_map(opener))?;
    // The condition belongs to this report: no other one starts between.
    let between = t.min(m.head)..t.max(m.end);
    if ctx.frames.iter().any(|f| between.contains(&f.cue.start)) {
        return None;
    }
    // "... at risk if Turkey is sanctioned": a passive condition's subject suffers it.
    let passive_after = |e: usize| {
        let toks = &ctx.toks.toks;
        (e..(e + 3).min(toks.len())).any(|k| {
            toks[k].best_form() == Some(Form::Passive)
                || (ctx.grammar.passive_aux.at(words, k).is_some()
                    && toks.get(k + 1).and_then(|x| x.best_form()) == Some(Form::Past))
        })
    };
    groups.iter().find(|g| {
        (t + l..=t + l + 1).contains(&g.tokens.start)
            && g.before == Prep::None
            && has_code(ctx, g)
            && !passive_after(g.tokens.end)
    })
}

/// ASSAULT modes that name a weapon. Abduction, torture or a targeted killing named in the
/// clause tell another act ("kontak tembak dengan kelompok penyandera" is a firefight with
/// hostage-takers), not the weapon of this one.
fn weapon_mode(mode: &str) -> bool {
    matches!(
        mode,
        "unconventional"
            | "suicide-attack"
            | "aerial"
            | "drone"
            | "heavy-weapons"
            | "explosives"
            | "crowd-control"
            | "primitive"
            | "beat"
    )
}

/// How specific an ASSAULT mode is, for choosing between the verb's and a weapon's.
fn assault_mode_rank(mode: &str) -> u8 {
    match mode {
        "unconventional" => 9,
        "suicide-attack" => 8,
        "aerial" | "drone" => 7,
        "heavy-weapons" => 6,
        "explosives" => 5,
        "crowd-control" => 4,
        "targeted" | "abduct" | "torture" | "sexual" => 3,
        "primitive" | "beat" | "destroy" => 2,
        "firearms" => 1,
        _ => 0,
    }
}
