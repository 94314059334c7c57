//! From event candidates to records: ids, offsets, dates, attribution status,
//! ACLED types, and the document-level "disputed" link between claims and denials.

use chrono::NaiveDate;
use sitrep_actors::ActorMention;
use sitrep_attribution::{Frame, FrameKind};
use sitrep_core::ontology::{AcledParties, acled_types};
use sitrep_core::record::SCHEMA_ID;
use sitrep_core::text::CharOffsets;
use sitrep_core::{
    Attribution, ClaimStatus, DatePrecision, Document, Entity, EventRecord, Lang, TextInfo, ids,
};
use sitrep_core::{Category, Magnitude, Place};
use sitrep_events::{EventCandidate, Party};
use sitrep_places::{EventPlaces, Motion};
use sitrep_quantity::{Count, CountKind};
use sitrep_time::DateMention;

/// What the engine found in one sentence.
pub(crate) struct SentenceResult {
    pub index: usize,
    pub events: Vec<EventCandidate>,
    pub frames: Vec<Frame>,
    pub mentions: Vec<ActorMention>,
    pub dates: Vec<DateMention>,
    pub counts: Vec<Count>,
}

/// How far back (in sentences) an event without its own date may inherit one: the
/// lead's "Senin (12/9) malam" covers the details told in the next sentences.
pub(crate) const DATE_INHERIT_SENTENCES: usize = 3;

/// Events dated this many days or more before publication are background references.
const HISTORICAL_AFTER_DAYS: i64 = 30;

/// The date an event gets: the dated expression nearest its trigger in the sentence
/// (its clause's, one opening the sentence, a past one of the clause before it, any
/// other that is not historical), else the latest non-historical one of the previous
/// few sentences, else none (the publication date with precision `publication`).
fn event_date<'a>(
    sentences: &'a [SentenceResult],
    pos: usize,
    c: &EventCandidate,
) -> Option<&'a DateMention> {
    let own = &sentences[pos].dates;
    let dated = |d: &&DateMention| dates_event(d);
    let in_clause =
        |d: &&DateMention| d.first_token >= c.clause.start && d.end_token <= c.clause.end;
    // The clause's own date; else a non-historical date elsewhere in the sentence (a
    // historical one there dates something else: "offered ... the 1988 bombing").
    let nearest = |f: &dyn Fn(&&DateMention) -> bool| {
        own.iter()
            .filter(dated)
            .filter(|d| f(d))
            .min_by_key(|d| token_distance(d.first_token, d.end_token, &c.trigger_tokens))
    };
    // A date opening the sentence ("In 2019, the government cut internet access ... after
    // protests turned into riots") sets the time of every clause after it.
    let opening = |d: &&DateMention| d.first_token <= 1 && d.end_token <= c.trigger_tokens.start;
    // "M23 ... sempat menduduki Goma pada 2012 sebelum dipukul mundur": a clause without a
    // date of its own that follows a clause dated in the past tells the same past.
    let previous_clause = sentences[pos]
        .events
        .iter()
        .filter(|e| e.clause.end <= c.clause.start)
        .max_by_key(|e| e.clause.end);
    let past_of_previous = |d: &&DateMention| {
        d.historical
            && previous_clause
                .is_some_and(|e| d.first_token >= e.clause.start && d.end_token <= e.clause.end)
    };
    if let Some(d) = nearest(&in_clause)
        .or_else(|| nearest(&opening))
        .or_else(|| nearest(&past_of_previous))
        .or_else(|| nearest(&|d: &&DateMention| !d.historical))
    {
        return Some(d);
    }
    sentences[pos.saturating_sub(DATE_INHERIT_SENTENCES)..pos]
        .iter()
        .rev()
        .find_map(|s| {
            s.dates
                .iter()
                .rev()
                .find(|d| dated(d) && !d.historical && !d.future)
        })
}

/// A date that can be an event's: read from the words, not the date of what the
/// event leads up to, not a recurring one.
fn dates_event(d: &DateMention) -> bool {
    d.precision != DatePrecision::Publication && !d.target && !d.recurring
}

fn token_distance(a: usize, b: usize, r: &std::ops::Range<usize>) -> usize {
    if b <= r.start {
        r.start - b
    } else {
        a.saturating_sub(r.end)
    }
}

/// Which event of the sentence each count belongs to: casualties to violent events,
/// sizes to protests and deployments, the nearest such event winning.
type Magnitudes = (Option<Magnitude>, Option<Magnitude>, Option<Magnitude>);

fn attach_counts(events: &[EventCandidate], counts: &[Count]) -> Vec<Magnitudes> {
    let mut out: Vec<Magnitudes> = vec![(None, None, None); events.len()];
    for c in counts {
        let fits = |e: &EventCandidate| match c.what {
            CountKind::Dead | CountKind::Injured => matches!(
                e.category,
                Category::Assault | Category::Protest | Category::Coerce
            ),
            // (AID: troops or rescuers sent to a disaster.)
            CountKind::Size => matches!(
                e.category,
                Category::Protest
                    | Category::Mobilize
                    | Category::Assault
                    | Category::Coerce
                    | Category::Aid
            ),
            // "Twelve Palestinian prisoners began a hunger strike": the people counted
            // are the protest's own party, its size.
            // "300 personel Brimob tiba di Sugapa": so are the forces a deployment moves,
            // and those that withdraw or lay down their arms ("Sebanyak 200 anggota milisi
            // menyerahkan senjata").
            CountKind::Other => {
                let counts_actor = e
                    .actor
                    .iter()
                    .any(|p| c.first_token < p.tokens.end && p.tokens.start < c.end_token);
                (matches!(e.category, Category::Mobilize | Category::Retreat) && counts_actor)
                    || (e.category == Category::Protest
                        && (counts_actor
                        // "At least 5,000 people joined the rally": the subject right
                        // before the verb that takes the protest noun.
                        || (c.end_token <= e.trigger_tokens.start
                            && e.trigger_tokens.start - c.end_token <= 3)))
            }
            _ => false,
        };
        let anchor = c.cue_token.unwrap_or(c.head_token);
        let Some((k, _)) = events
            .iter()
            .enumerate()
            .filter(|(_, e)| fits(e) && !e.negated)
            .min_by_key(|(_, e)| token_distance(anchor, anchor + 1, &e.trigger_tokens))
        else {
            continue;
        };
        let slot: &mut Option<Magnitude> = match c.what {
            CountKind::Dead => &mut out[k].0,
            CountKind::Injured => &mut out[k].1,
            // A size read from the party's own count only when no cue gave one.
            CountKind::Other if out[k].2.is_some() => continue,
            _ => &mut out[k].2,
        };
        add_count(slot, c.magnitude());
    }
    out
}

/// Several counts of the same kind add up ("two soldiers and a civilian").
fn add_count(slot: &mut Option<Magnitude>, m: Magnitude) {
    *slot = Some(match slot.take() {
        None => m,
        Some(prev) => Magnitude {
            min: prev.min + m.min,
            max: match (prev.max, m.max) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            },
            text: Some(format!(
                "{}; {}",
                prev.text.unwrap_or_default(),
                m.text.unwrap_or_default()
            )),
        },
    });
}

/// Casualties counted in a sentence with no event of its own ("Among the dead were two
/// children, officials said."): the toll of the event told just before. Only written
/// numbers count ("injured civilians" may be anyone's).
fn orphan_casualties(s: &SentenceResult) -> (Option<Magnitude>, Option<Magnitude>) {
    let (mut dead, mut injured) = (None, None);
    if s.events.is_empty() {
        for c in s.counts.iter().filter(|c| !c.implicit) {
            match c.what {
                CountKind::Dead => add_count(&mut dead, c.magnitude()),
                CountKind::Injured => add_count(&mut injured, c.magnitude()),
                _ => {}
            }
        }
    }
    (dead, injured)
}

/// Resolves the places of an event: (sentence, trigger byte span, how an origin place it
/// names counts) → (event_loc, places).
pub(crate) type Locate<'a> = dyn Fn(usize, (usize, usize), Motion) -> EventPlaces + 'a;

/// The country of a jurisdiction named right after a party ("the governor *of Papua*",
/// "refugees from Sudan", "Gubernur Papua") or right before it ("*Maluku* Police"), given
/// the party's start and end (char offsets).
pub(crate) type CountryOf<'a> = dyn Fn(usize, usize) -> Option<String> + 'a;

/// The countries an article is written from: its language's home country
/// (`home_countries`, Indonesian: IDN) and its dateline's.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Home<'a> {
    pub language: Option<&'a str>,
    pub dateline: Option<&'a str>,
}

pub(crate) fn records(
    doc: &Document,
    lang: Lang,
    published: NaiveDate,
    sentences: &[SentenceResult],
    locate: &Locate<'_>,
    country_of: &CountryOf<'_>,
    home: Home<'_>,
) -> Vec<EventRecord> {
    let offsets = CharOffsets::new(&doc.text);
    let mut out: Vec<EventRecord> = Vec::new();
    // Codes of parties that denied something, per sentence (for frames with no event:
    // "Azerbaijan denied the claim.").
    let mut denials: Vec<(usize, Vec<Option<String>>)> = Vec::new();
    // Claims the other side denies later in their own sentence.
    let mut rebutted: Vec<usize> = Vec::new();
    // The sentence and record of the latest assault, for a toll told after it.
    let mut last_violent: Option<(usize, usize)> = None;
    for (pos, s) in sentences.iter().enumerate() {
        for f in s.frames.iter().filter(|f| f.kind == FrameKind::Deny) {
            let codes = f
                .speaker_mentions
                .iter()
                .map(|&k| s.mentions[k].code.clone())
                .collect();
            denials.push((s.index, codes));
        }
        let counts = attach_counts(&s.events, &s.counts);
        // A toll in the sentence right after a violent event belongs to that event.
        let (dead, injured) = orphan_casualties(s);
        if let Some((at, k)) = last_violent
            && at + 1 == pos
            && (dead.is_some() || injured.is_some())
        {
            // Only an event told without a toll: one that has its own may be another
            // incident than the one counted next.
            let r: &mut EventRecord = &mut out[k];
            if r.dead.is_none() && r.injured.is_none() {
                r.dead = dead;
                r.injured = injured;
            }
        }
        for (k, c) in s.events.iter().enumerate() {
            if rebutted_in_sentence(s, c) {
                rebutted.push(out.len());
            }
            let mut r = record(doc, lang, published, &offsets, s.index, k, c);
            if let Some(d) = event_date(sentences, pos, c) {
                r.date = d.date.format("%Y-%m-%d").to_string();
                r.enddate = d.enddate.map(|e| e.format("%Y-%m-%d").to_string());
                r.time = d.time.clone();
                r.date_precision = d.precision;
                r.date_text = Some(d.text.clone());
                r.historical |= d.historical;
                r.hypothetical |= d.future;
                // News reports what just happened: an event dated more than a month
                // before publication is a background reference.
                let last = d.enddate.unwrap_or(d.date);
                if (published - last).num_days() > HISTORICAL_AFTER_DAYS {
                    r.historical = true;
                }
            }
            let EventPlaces {
                main: loc,
                places,
                guessed,
            } = locate(
                s.index,
                (c.trigger_span.start, c.trigger_span.end),
                // Deployments and visits happen where they arrive, attacks where they
                // strike ("Rocket fire from Gaza hit the town of Sderot": Sderot).
                match c.category {
                    Category::Mobilize | Category::Consult => Motion::Arrives,
                    Category::Assault => Motion::Strikes,
                    _ => Motion::Stays,
                },
            );
            // A capitalised word inside a party's name is not a place ("Menteri Luar
            // Negeri", "Balai Kota"): drop places overlapping non-country parties.
            let inside_party = |p: &Place| {
                let (Some(ps), Some(pe)) = (p.start, p.end) else {
                    return false;
                };
                s.mentions.iter().any(|m| {
                    !matches!(
                        m.kind,
                        sitrep_actors::MentionKind::Country | sitrep_actors::MentionKind::Capital
                    ) && offsets.char_at(m.start) < pe
                        && ps < offsets.char_at(m.end)
                })
            };
            let places: Vec<Place> = places.into_iter().filter(|p| !inside_party(p)).collect();
            r.event_loc = loc
                .filter(|l| !inside_party(l))
                .or_else(|| places.first().cloned());
            r.places = places;
            if guessed {
                drop_foreign_guess(&mut r);
            }
            owned_by_place(&mut r, country_of);
            speaker_own_force(&mut r);
            infer_local_countries(&mut r, home);
            own_army_speaks(&mut r);
            let (dead, injured, size) = counts[k].clone();
            r.dead = dead;
            r.injured = injured;
            r.size = size;
            if r.event == Category::Assault && !r.negated && !r.historical {
                last_violent = Some((pos, out.len()));
            }
            out.push(r);
        }
    }
    attribute_quotes(doc, &offsets, sentences, &mut out);
    mark_disputed(&mut out, &denials);
    for i in rebutted {
        out[i].attribution.status = ClaimStatus::Disputed;
    }
    out
}

/// "Ukraine said Russian troops executed three soldiers, but Moscow denied the
/// accusation": a claim that another party denies after it, in the same sentence.
fn rebutted_in_sentence(s: &SentenceResult, c: &EventCandidate) -> bool {
    let claimed = matches!(
        c.claim.kind,
        Some(FrameKind::Say | FrameKind::According | FrameKind::Claim)
    );
    // A party is its code and its name: the Sudanese army and the RSF share a country
    // and still tell opposite stories.
    let claimants: Vec<(&String, Option<&String>)> = c
        .claim
        .speakers
        .iter()
        .filter_map(|p| p.code.as_ref().map(|cc| (cc, p.name.as_ref())))
        .collect();
    claimed
        && !claimants.is_empty()
        && s.frames.iter().any(|f| {
            let deniers: Vec<(&String, Option<&String>)> = f
                .speaker_mentions
                .iter()
                .filter_map(|&k| {
                    let m = &s.mentions[k];
                    m.code.as_ref().map(|cc| (cc, m.name.as_ref()))
                })
                .collect();
            let other = |(dc, dn): &(&String, Option<&String>)| {
                claimants
                    .iter()
                    .all(|(cc, cn)| cc != dc || (dn.is_some() && cn.is_some() && cn != dn))
            };
            f.kind == FrameKind::Deny
                && f.content.end <= f.cue.start
                && f.content.contains(&c.trigger_tokens.start)
                && !deniers.is_empty()
                && deniers.iter().all(other)
        })
}

/// The article's place (the lede's, or the dateline's, which says where the story was
/// filed) is a guess for an event whose sentence names none. When every party of the
/// event belongs to another country ("Jakarta, CNN Indonesia -- Pasukan Thailand dan
/// Kamboja terlibat baku tembak"), the guess is wrong: no place is better.
fn drop_foreign_guess(r: &mut EventRecord) {
    let Some(cc) = r.event_loc.as_ref().and_then(|l| l.code.clone()) else {
        return;
    };
    // Every party named with a country, none the dateline's: an unnamed party ("four
    // civilians") may well be local, and "Russian forces killed four civilians" under a
    // Kyiv dateline happened in Ukraine.
    let codes: Vec<Option<&str>> = parties(r).map(|e| e.code.as_deref()).collect();
    if !codes.is_empty() && codes.iter().all(|c| c.is_some_and(|c| c != cc)) {
        r.event_loc = None;
        r.places.clear();
    }
}

/// A party the text names but gives no country: what the inference rules may complete.
fn named_uncoded(e: &Entity) -> bool {
    !e.is_unnamed() && e.code.is_none()
}

/// A party that speaks for a state, or a bare country or place ("Ukrainian positions").
fn state_or_bare(e: &Entity) -> bool {
    e.sector
        .as_deref()
        .is_none_or(|s| STATE_SECTORS.contains(&s))
}

/// Actors and recipients of a record.
fn parties(r: &EventRecord) -> impl Iterator<Item = &Entity> {
    r.actor.iter().chain(&r.recipient)
}

/// Actors, recipients and claimants of a record, to complete in place.
fn parties_and_claimants_mut(r: &mut EventRecord) -> impl Iterator<Item = &mut Entity> {
    r.actor
        .iter_mut()
        .chain(r.recipient.iter_mut())
        .chain(r.attribution.claimed_by.iter_mut())
}

/// A named party with no country, next to the place it belongs to ("the governor of
/// Papua", "citizens of Texas", "Maluku Police spokesman"), is of that place's country. The
/// rule says so with "+place-country".
fn owned_by_place(r: &mut EventRecord, country_of: &CountryOf<'_>) {
    let mut owned = false;
    for e in parties_and_claimants_mut(r).filter(|e| named_uncoded(e)) {
        if let (Some(start), Some(end)) = (e.start, e.end)
            && let Some(cc) = country_of(start, end)
        {
            e.code = Some(cc);
            owned = true;
        }
    }
    if owned {
        r.rule.push_str(" +place-country");
    }
}

/// "Police fired tear gas ..., Maluku Police spokesman said": unnamed police acting, with
/// a police claimant of known country, are that claimant's own (police act at home). An
/// army speaking may be a third party's, so its claim lends its country to unnamed troops
/// only when no party of the record has a country ("Thai army chief Gen. Pana said troops
/// along the frontier had been placed on high alert"); `own_army_speaks` and the place
/// rules weigh the rest. The rule says so with "+speaker-force".
fn speaker_own_force(r: &mut EventRecord) {
    let uncoded_record = parties(r).all(|e| e.code.is_none());
    let mut done = false;
    for sector in ["COP", "MIL"] {
        if sector == "MIL" && !uncoded_record {
            continue;
        }
        let of_sector = |e: &Entity| e.sector.as_deref() == Some(sector);
        let Some(cc) = r
            .attribution
            .claimed_by
            .iter()
            .find(|c| of_sector(c))
            .and_then(|c| c.code.clone())
        else {
            continue;
        };
        for e in r
            .actor
            .iter_mut()
            .filter(|e| named_uncoded(e) && of_sector(e))
        {
            e.code = Some(cc.clone());
            done = true;
        }
    }
    if done {
        r.rule.push_str(" +speaker-force");
    }
}

/// "Israeli troops killed three gunmen in Jenin, the army said": an army with no country
/// that speaks of an event whose armed parties all belong to one country is that
/// country's; with no armed party of known country, one whose parties all belong to one
/// country ("Armed men attacked a military post in northern Burkina Faso, ..., the army
/// said") is. With two countries ("Russian drones hit Ukrainian positions, the army
/// said") nothing is inferred. The rule says so with "+own-army".
fn own_army_speaks(r: &mut EventRecord) {
    let one_country = |armed_only: bool| -> Option<String> {
        let mut codes = parties(r)
            .filter(|e| !armed_only || e.sector.as_deref() == Some("MIL"))
            .filter_map(|e| e.code.as_deref());
        let first = codes.next()?;
        codes.all(|c| c == first).then(|| first.to_string())
    };
    let armed_code = parties(r).any(|e| e.sector.as_deref() == Some("MIL") && e.code.is_some());
    let Some(first) = (if armed_code {
        one_country(true)
    } else {
        // Without an armed party: only when the event happened in that country and it
        // is among the parties as a state ("a military post in northern Burkina Faso").
        one_country(false).filter(|c| {
            r.event_loc.as_ref().and_then(|l| l.code.as_deref()) == Some(c.as_str())
                && parties(r).any(|e| e.code.as_deref() == Some(c.as_str()) && state_or_bare(e))
        })
    }) else {
        return;
    };
    // Parties of another country may only be non-state ones (gunmen, civilians): a state
    // or a bare country there ("Ukrainian positions") may have its own army speaking.
    let other_state =
        parties(r).any(|e| e.code.as_deref().is_some_and(|c| c != first) && state_or_bare(e));
    if other_state {
        return;
    }
    let mut inferred = false;
    for e in r
        .attribution
        .claimed_by
        .iter_mut()
        .filter(|e| named_uncoded(e) && e.sector.as_deref() == Some("MIL"))
    {
        e.code = Some(first.clone());
        inferred = true;
    }
    if inferred {
        r.rule.push_str(" +own-army");
    }
}

/// Sectors that speak for a state (or say nothing about it).
const STATE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "ELI", "SPY"];

/// Sectors of unnamed parties that are, by default, people of the country where they act
/// or are acted upon ("police", "demonstrators", "gunmen"); soldiers are not: armies fight
/// abroad (unless the article is written from that country: `infer_local_countries`).
const LOCAL_SECTORS: &[&str] = &[
    "GOV", "COP", "JUD", "LEG", "PTY", "REB", "UAF", "AGR", "BUS", "CRM", "CVL", "EDU", "JRN",
    "LAB", "MED", "REF", "OPP", "REL", "SOC",
];

/// Unnamed parties take a country where the text implies one, as ACLED codes "Police
/// Forces of Egypt" or "Protesters (Egypt)": a party with no country takes that of the
/// place in the sentence where the event happened (actors only when local by sector,
/// recipients always), and the recipients of the police and the courts are their own
/// country's people; an attack by nobody named is by an unidentified party of the country
/// where it happened, and one on nobody named hits that place; a claimant of a local
/// sector ("a police spokesman") speaks for that country. The rule says so with
/// "+local-country".
fn infer_local_countries(r: &mut EventRecord, homes: Home<'_>) {
    let home = homes.language;
    let place_code = r
        .event_loc
        .as_ref()
        .filter(|l| l.start.is_some())
        .and_then(|l| l.code.clone());
    let local = |e: &Entity| {
        e.sector
            .as_deref()
            .is_some_and(|s| LOCAL_SECTORS.contains(&s))
    };
    let mut inferred = false;
    if let Some(cc) = &place_code {
        for e in r.actor.iter_mut().filter(|e| named_uncoded(e) && local(e)) {
            e.code = Some(cc.clone());
            inferred = true;
        }
        // "a police spokesman said": who speaks for the local authorities is of that country.
        for e in r
            .attribution
            .claimed_by
            .iter_mut()
            .filter(|e| named_uncoded(e) && local(e))
        {
            e.code = Some(cc.clone());
            inferred = true;
        }
        // "PATTANI, Thailand - ... The army has deployed 1,000 troops to the southern
        // provinces": soldiers acting in the country the article is written from (its
        // language's home, or its dateline's), where the sentence itself places the
        // event, are that country's. Elsewhere armies fight abroad and stay unnamed.
        if homes.language == Some(cc.as_str()) || homes.dateline == Some(cc.as_str()) {
            for e in r
                .actor
                .iter_mut()
                .filter(|e| named_uncoded(e) && e.sector.as_deref() == Some("MIL"))
            {
                e.code = Some(cc.clone());
                inferred = true;
            }
        }
        // An attack on nobody named ("tanks fired at targets in Jericho"): it hits the
        // place, and so the country, where it happened.
        if r.event == Category::Assault
            && r.recipient.is_empty()
            && !r.reciprocal
            && let Some(l) = &r.event_loc
        {
            r.recipient.push(Entity {
                entity_text: l.entity_text.clone(),
                entity_name: Some(l.name.clone()),
                code: Some(cc.clone()),
                sector: None,
                office: None,
                start: l.start,
                end: l.end,
            });
            inferred = true;
        }
        // An attack by nobody named ("a roadside bomb near Samarra killed ..."): an
        // unidentified armed party of the country where it happened, as ACLED codes it.
        if r.event == Category::Assault
            && let [only] = r.actor.as_mut_slice()
            && only.is_unnamed()
            && only.code.is_none()
        {
            only.code = Some(cc.clone());
            inferred = true;
        }
    }
    let authority = r
        .actor
        .iter()
        .find(|e| matches!(e.sector.as_deref(), Some("COP" | "JUD")) && e.code.is_some())
        .and_then(|e| e.code.clone());
    for e in r.recipient.iter_mut().filter(|e| named_uncoded(e)) {
        if let Some(cc) = authority.as_ref().or(place_code.as_ref()) {
            e.code = Some(cc.clone());
            inferred = true;
        }
    }
    if inferred {
        r.rule.push_str(" +local-country");
    }
    // No place in the sentence: in a language whose press leaves its own country unnamed
    // ("Menteri Sosial", "Imigrasi Bali", "polisi" in Indonesian news), a role word of the
    // state is that country's, unless the event is placed abroad.
    if place_code.is_none()
        && let Some(home) = home
        && r.event_loc
            .as_ref()
            .is_none_or(|l| l.code.as_deref() == Some(home))
    {
        // A local sector that speaks for the state: government, police, courts, legislature.
        let state_role = |e: &Entity| {
            named_uncoded(e)
                && e.sector
                    .as_deref()
                    .is_some_and(|s| STATE_SECTORS.contains(&s) && LOCAL_SECTORS.contains(&s))
        };
        let mut homed = false;
        for e in parties_and_claimants_mut(r).filter(|e| state_role(e)) {
            e.code = Some(home.to_string());
            homed = true;
        }
        if homed {
            r.rule.push_str(" +home-country");
        }
    }
}

/// A quotation running over several sentences is attributed by the frame after it
/// closes ("... Kami serang pos itu. ... ," kata X.): its earlier sentences' events
/// are claimed by the same speaker.
fn attribute_quotes(
    doc: &Document,
    offsets: &CharOffsets,
    sentences: &[SentenceResult],
    out: &mut [EventRecord],
) {
    let mut open_from: Option<usize> = None;
    for s in sentences {
        let text = doc.sentences[s.index].text(&doc.text);
        let straight = text.matches('"').count();
        let opens = text.matches('\u{201c}').count();
        let closes = text.matches('\u{201d}').count();
        let toggles = straight % 2 == 1 || opens != closes;
        let Some(from) = open_from else {
            if toggles {
                open_from = Some(s.index);
            }
            continue;
        };
        if !toggles {
            continue;
        }
        open_from = None;
        let Some(f) = s.frames.iter().find(|f| {
            matches!(f.kind, FrameKind::Say | FrameKind::Claim) && !f.speaker_mentions.is_empty()
        }) else {
            continue;
        };
        let speakers: Vec<Entity> = f
            .speaker_mentions
            .iter()
            .map(|&k| {
                let m = &s.mentions[k];
                Entity {
                    entity_text: doc.text[m.start..m.end].to_string(),
                    entity_name: m.name.clone(),
                    code: m.code.clone(),
                    sector: m.sector.clone(),
                    office: m.office.clone(),
                    start: Some(offsets.char_at(m.start)),
                    end: Some(offsets.char_at(m.end)),
                }
            })
            .collect();
        for r in out
            .iter_mut()
            .filter(|r| (from..s.index).contains(&r.text_info.sequence))
        {
            if r.attribution.status == ClaimStatus::Asserted {
                r.attribution.status = ClaimStatus::Claimed;
                r.attribution.claimed_by = speakers.clone();
            }
        }
    }
}

fn entity(p: &Party, offsets: &CharOffsets) -> Entity {
    Entity {
        entity_text: p.text.clone(),
        entity_name: p.name.clone(),
        code: p.code.clone(),
        sector: p.sector.clone(),
        office: p.office.clone(),
        start: Some(offsets.char_at(p.span.start)),
        end: Some(offsets.char_at(p.span.end)),
    }
}

fn record(
    doc: &Document,
    lang: Lang,
    published: NaiveDate,
    offsets: &CharOffsets,
    sentence: usize,
    k: usize,
    c: &EventCandidate,
) -> EventRecord {
    let s = &doc.sentences[sentence];
    let mode = c.mode.as_deref();
    let id = ids::stable_id(
        "ev-",
        &[
            &doc.id,
            &sentence.to_string(),
            &c.trigger_span.start.to_string(),
            c.category.as_str(),
            &k.to_string(),
        ],
    );
    let mut actor: Vec<Entity> = c.actor.iter().map(|p| entity(p, offsets)).collect();
    if actor.is_empty() {
        // The schema needs one actor: an unnamed one, said so by the UNK sector.
        actor.push(Entity {
            entity_text: String::new(),
            entity_name: None,
            code: None,
            sector: Some("UNK".to_string()),
            office: None,
            start: None,
            end: None,
        });
    }
    let recipient: Vec<Entity> = c.recipient.iter().map(|p| entity(p, offsets)).collect();
    let parties = AcledParties {
        reciprocal: c.reciprocal,
        civilian_target: c
            .recipient
            .iter()
            .any(|p| p.sector.as_deref() == Some("CVL")),
        armed_on_both_sides: is_armed(&c.actor) && is_armed(&c.recipient),
        against_protesters: false,
    };
    let acled = acled_types(c.category, mode, parties);
    let mut claimed_by: Vec<Entity> = c
        .claim
        .speakers
        .iter()
        .map(|p| entity(p, offsets))
        .collect();
    if claimed_by.is_empty()
        && let Some(t) = &c.claim.speaker_text
    {
        claimed_by.push(Entity {
            entity_text: t.clone(),
            entity_name: None,
            code: None,
            sector: None,
            office: None,
            start: None,
            end: None,
        });
    }
    let status = match c.claim.kind {
        Some(FrameKind::Deny) => ClaimStatus::Denied,
        Some(FrameKind::Say | FrameKind::According | FrameKind::Claim)
            if !claimed_by.is_empty() =>
        {
            ClaimStatus::Claimed
        }
        _ => ClaimStatus::Asserted,
    };
    let mut reported_by = c.claim.outlets.clone();
    if let Some(o) = doc.dateline.as_ref().and_then(|d| d.outlet.clone())
        && !reported_by.contains(&o)
    {
        reported_by.push(o);
    }
    EventRecord {
        schema: SCHEMA_ID.to_string(),
        id,
        doc_id: doc.id.clone(),
        event: c.category,
        mode: c.mode.clone(),
        context: c.contexts.clone(),
        quad_code: c.category.quad_code(),
        event_scale: Some(c.category.scale(mode)),
        cameo: c.cameo.clone(),
        acled_event_type: acled.map(|a| a.0.to_string()),
        acled_sub_event_type: acled.map(|a| a.1.to_string()),
        actor,
        recipient,
        reciprocal: c.reciprocal,
        date: published.format("%Y-%m-%d").to_string(),
        time: None,
        enddate: None,
        date_precision: DatePrecision::Publication,
        date_text: None,
        event_loc: None,
        places: Vec::new(),
        dead: None,
        injured: None,
        size: None,
        attribution: Attribution {
            status,
            claimed_by,
            reported_by,
            source_text: c.claim.source_text.clone(),
        },
        negated: c.negated,
        hypothetical: c.hypothetical,
        historical: c.historical,
        event_text: c.trigger_text.clone(),
        text: doc.text[s.start..s.end].to_string(),
        text_info: TextInfo {
            sequence: sentence,
            start: offsets.char_at(s.start),
            end: offsets.char_at(s.end),
        },
        language: lang.as_str().to_string(),
        confidence: c.confidence,
        rule: c.rule.clone(),
    }
}

fn is_armed(ps: &[Party]) -> bool {
    ps.iter().any(|p| {
        matches!(
            p.sector.as_deref(),
            Some("MIL" | "COP" | "REB" | "UAF" | "SPY")
        )
    })
}

/// When one side's claim is denied by the other side in the same article, both
/// records say `disputed`.
fn mark_disputed(records: &mut [EventRecord], denials: &[(usize, Vec<Option<String>>)]) {
    // A side is a country and who speaks for it: the state, an armed group, or civilians.
    // The TNI denying what the TPNPB claims are two Indonesian sides, and so are the RSF
    // and the volunteers whose count it denies; a ministry and an army are one.
    #[derive(PartialEq)]
    enum Speaks {
        ForTheState,
        ForAnArmedGroup,
        AsCivilians,
    }
    type Side = (Option<String>, Speaks);
    let side = |e: &Entity| -> Side {
        let class = match e.sector.as_deref() {
            None => Speaks::ForTheState,
            Some(s) if STATE_SECTORS.contains(&s) => Speaks::ForTheState,
            Some("REB" | "UAF" | "CRM") => Speaks::ForAnArmedGroup,
            Some(_) => Speaks::AsCivilians,
        };
        (e.code.clone(), class)
    };
    // Two records whose own sentences name different places tell different events: the
    // army denying it burnt houses in Bilogai does not answer the rebels' claim to have
    // attacked a post in Sugapa. (Modes of fighting say little: one side's mortar fire is
    // the other's shooting.)
    fn own_place(r: &EventRecord) -> Option<&Place> {
        r.event_loc.as_ref().filter(|p| {
            p.start
                .is_some_and(|st| (r.text_info.start..r.text_info.end).contains(&st))
        })
    }
    // Nor do records whose actors are of different countries, or of one country's
    // different sides: Hamas denying that it fired rockets does not answer the claim that
    // Israeli aircraft struck a school; the army denying it burnt houses does not answer
    // the rebels' claim to have attacked a post.
    let actor_sides = |r: &EventRecord| -> Vec<Side> {
        r.actor
            .iter()
            .filter(|e| e.code.is_some() || e.sector.as_deref().is_some_and(|s| s != "UNK"))
            .map(side)
            .collect()
    };
    // One side when the countries agree (or one is unknown) and so does the kind of party.
    // A passive or victim clause ("no soldier was shot") names its doer loosely: there only
    // the countries count.
    let loose = |r: &EventRecord| r.rule.contains("passive") || r.rule.contains("victim");
    let same_side = |x: &Side, y: &Side, loose: bool| {
        (x.0.is_none() || y.0.is_none() || x.0 == y.0) && (loose || x.1 == y.1)
    };
    let other_event = |a: &EventRecord, b: &EventRecord| {
        let (aa, ba) = (actor_sides(a), actor_sides(b));
        let loose = loose(a) || loose(b);
        let other_actors = !a.reciprocal
            && !b.reciprocal
            && !aa.is_empty()
            && !ba.is_empty()
            && aa
                .iter()
                .all(|x| !ba.iter().any(|y| same_side(x, y, loose)));
        let other_places = match (own_place(a), own_place(b)) {
            (Some(x), Some(y)) => {
                let inside = |p: &Place, q: &Place| {
                    [&p.admin1, &p.admin2]
                        .iter()
                        .any(|adm| adm.as_deref() == Some(q.name.as_str()))
                };
                x.name != y.name && !inside(x, y) && !inside(y, x)
            }
            _ => false,
        };
        // Outside fighting, modes tell acts apart: denying that anyone was detained
        // does not answer the claim that police blocked a march.
        let other_acts = a.event != sitrep_core::Category::Assault
            && matches!((&a.mode, &b.mode), (Some(x), Some(y)) if x != y);
        other_actors || other_places || other_acts
    };
    let denied: Vec<(usize, sitrep_core::Category, Vec<Side>)> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.attribution.status == ClaimStatus::Denied)
        .map(|(i, r)| {
            (
                i,
                r.event,
                r.attribution.claimed_by.iter().map(side).collect(),
            )
        })
        .collect();
    let mut disputed = vec![false; records.len()];
    // "Congo's army ... accused the rebels of leaving landmines. Kanyuka denied that the
    // group had planted any mines": an act its alleged doer denies after another side
    // accused it, within the next four sentences, is disputed.
    for (di, _, deniers) in &denied {
        let d = &records[*di];
        let accused_before = records[..*di].iter().any(|a| {
            a.event == sitrep_core::Category::Accuse
                && d.text_info
                    .sequence
                    .checked_sub(a.text_info.sequence)
                    .is_some_and(|gap| (1..=4).contains(&gap))
                && a.recipient.iter().map(side).any(|r| deniers.contains(&r))
                && a.actor
                    .iter()
                    .map(side)
                    .any(|x| x.0.is_some() && !deniers.contains(&x))
        });
        if accused_before {
            disputed[*di] = true;
        }
    }
    for (di, cat, deniers) in &denied {
        for (i, r) in records.iter().enumerate() {
            // "korban ditembak dua kali" (by no one named), "penembakan itu dilakukan
            // anggota KKB", then "TPNPB membantah pasukannya menembak": when the claimant
            // names the doer in a record of its own, the denial answers that record; the
            // one told without a doer only says what befell the victim.
            // (An unknown doer placed in the country has no text.)
            let named = |r: &EventRecord| r.actor.iter().any(|e| !e.entity_text.is_empty());
            let claimants = |r: &EventRecord| -> Vec<Option<String>> {
                r.attribution
                    .claimed_by
                    .iter()
                    .map(|e| e.code.clone())
                    .collect()
            };
            let doer_denied_only = || {
                !named(r)
                    && named(&records[*di])
                    && records.iter().any(|q| {
                        q.event == r.event
                            && named(q)
                            && q.attribution.status == ClaimStatus::Claimed
                            && !claimants(q).is_empty()
                            && claimants(q) == claimants(r)
                            && q.actor.iter().map(side).any(|x| deniers.contains(&x))
                    })
            };
            if i == *di
                || r.event != *cat
                || r.attribution.status != ClaimStatus::Claimed
                || doer_denied_only()
                || other_event(r, &records[*di])
            {
                continue;
            }
            // Another country disputes wherever it speaks; the other side of the same
            // country answers a claim within the next four sentences (a rebuttal follows
            // what it rebuts).
            let answers = records[*di]
                .text_info
                .sequence
                .checked_sub(r.text_info.sequence)
                .is_some_and(|gap| gap <= 4);
            // A witness, lawyer or student leader of no known country or state office,
            // answered by the authorities ("Menurut koordinator BEM, polisi memukuli ...";
            // "Adrianus membantah ...") is the other side too.
            let state_deniers = !deniers.is_empty()
                && deniers
                    .iter()
                    .all(|d| d.0.is_some() && d.1 == Speaks::ForTheState);
            let claimant_differs = r.attribution.claimed_by.iter().any(|e| match &e.code {
                Some(_) if deniers.iter().any(|d| d.0 == e.code) => {
                    answers && !deniers.contains(&side(e))
                }
                Some(_) => true,
                None => {
                    answers
                        && state_deniers
                        && e.sector
                            .as_deref()
                            .is_none_or(|s| !STATE_SECTORS.contains(&s))
                }
            });
            if claimant_differs {
                disputed[i] = true;
                disputed[*di] = true;
            }
        }
    }
    // A denial with no event of its own ("X denied the claim") disputes the latest
    // earlier claim by another party.
    // An accusation against the denier met first is what it denies ("India menuding
    // Pakistan mendukung kelompok militan. Islamabad membantah tuduhan itu."): the search
    // stops there, the accusation itself is no disputed event.
    let accuses_denier = |r: &EventRecord, deniers: &[Option<String>]| {
        r.event == sitrep_core::Category::Accuse
            && r.recipient
                .iter()
                .any(|e| e.code.is_some() && deniers.contains(&e.code))
    };
    for (sentence, deniers) in denials {
        if let Some(i) = records.iter().rposition(|r| {
            r.text_info.sequence < *sentence
                && (accuses_denier(r, deniers)
                    || r.attribution.status == ClaimStatus::Claimed
                        && r.attribution
                            .claimed_by
                            .iter()
                            .any(|e| e.code.is_some() && !deniers.contains(&e.code)))
        }) {
            // "Cambodia rejected the Thai account, saying its troops came under attack":
            // the denier's own version of the same kind of event is disputed with it.
            let own: Vec<usize> = (0..records.len())
                .filter(|&k| records[k].text_info.sequence == *sentence)
                .collect();
            let counter: Vec<usize> = own
                .iter()
                .copied()
                .filter(|&k| {
                    let r = &records[k];
                    r.event == records[i].event
                        && r.attribution.status == ClaimStatus::Claimed
                        && r.attribution
                            .claimed_by
                            .iter()
                            .all(|e| e.code.is_some() && deniers.contains(&e.code))
                })
                .collect();
            if (own.is_empty() || !counter.is_empty())
                && deniers.iter().any(Option::is_some)
                && !accuses_denier(&records[i], deniers)
            {
                disputed[i] = true;
                for k in counter {
                    disputed[k] = true;
                }
            }
        }
    }
    for (r, d) in records.iter_mut().zip(disputed) {
        if d {
            r.attribution.status = ClaimStatus::Disputed;
        }
    }
}
