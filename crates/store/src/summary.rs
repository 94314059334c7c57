//! Builds the merged view of an event from its mentions.
//!
//! Everything here is a pure function of the mentions and their articles, so the
//! event reads the same however the articles were batched or in which run they came.

use std::collections::{BTreeSet, HashMap};

use sitrep_core::{ClaimStatus, DatePrecision, Entity, EventRecord, Magnitude, Place};

use crate::model::{Claim, EVENT_SCHEMA_ID, Mention, Source, StoredEvent};

/// An article as the summary needs it.
#[derive(Debug, Clone)]
pub(crate) struct DocRow {
    pub doc_pk: i64,
    pub doc_id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub duplicate_of: Option<i64>,
    pub duplicate_of_id: Option<String>,
    pub duplicate_kind: Option<String>,
}

/// A mention with its article.
#[derive(Debug, Clone)]
pub(crate) struct MentionRow {
    pub record: EventRecord,
    pub doc: DocRow,
    pub swapped: bool,
}

/// Display name of a party: its canonical name or words, with its code.
pub fn party_name(e: &Entity) -> String {
    let name = e.entity_name.as_deref().unwrap_or(&e.entity_text);
    match (&e.code, &e.sector) {
        (Some(c), Some(s)) => format!("{name} ({c} {s})"),
        (Some(c), None) => format!("{name} ({c})"),
        (None, Some(s)) => format!("{name} ({s})"),
        (None, None) => name.to_string(),
    }
}

/// How much a mention is worth as the event's face: one that names both sides, then
/// an outlet's own statement over a party's claim, the event's orientation, a precise
/// date, then the extractor's confidence.
fn rank(m: &MentionRow) -> (u8, u8, bool, bool, i64) {
    let r = &m.record;
    let coded = |side: &[Entity]| side.iter().any(|e| e.code.is_some());
    let sides = if r.reciprocal {
        u8::from(r.actor.iter().filter(|e| e.code.is_some()).count() >= 2) * 2
    } else {
        u8::from(coded(&r.actor)) + u8::from(coded(&r.recipient))
    };
    let status = match (r.attribution.status, r.negated) {
        (_, true) => 0,
        (ClaimStatus::Asserted, false) => 3,
        (ClaimStatus::Claimed, false) => 2,
        (ClaimStatus::Disputed, false) => 1,
        (ClaimStatus::Denied, false) => 0,
    };
    (
        sides,
        status,
        !m.swapped,
        r.date_precision == DatePrecision::Day,
        (r.confidence * 1000.0) as i64,
    )
}

/// Most common value (first seen wins a tie after `tie_lower` ordering when given).
fn most_common<T: Clone + Eq + std::hash::Hash>(items: &[T]) -> Option<T> {
    let mut counts: HashMap<&T, usize> = HashMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    items.iter().find(|i| counts[i] == best).cloned()
}

/// The figure most reports give; the lower one on a tie (conservative, as ACLED does).
fn consensus_magnitude(values: Vec<&Magnitude>) -> Option<Magnitude> {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for v in &values {
        *counts.entry(v.min).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    let min = counts
        .iter()
        .filter(|(_, c)| **c == best)
        .map(|(m, _)| *m)
        .min()?;
    values.into_iter().find(|v| v.min == min).cloned()
}

fn place_key(p: &Place) -> String {
    match p.geonameid {
        Some(id) => format!("g{id}"),
        None => format!("n{}", p.name.to_lowercase()),
    }
}

/// Merges mentions (ordered by article then sentence) into one event.
/// `copies` are exact duplicates of the mentioning articles (no mentions of their own).
pub(crate) fn build(
    event_id: &str,
    seq: i64,
    mentions: &[MentionRow],
    copies: &[DocRow],
    today: &str,
) -> Option<StoredEvent> {
    let best = mentions
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| rank(a).cmp(&rank(b)).then(ib.cmp(ia)))?
        .1;
    let rep = &best.record;
    let live: Vec<&MentionRow> = mentions.iter().filter(|m| !m.record.negated).collect();

    // Mode and the codes that go with it.
    let modes: Vec<String> = mentions
        .iter()
        .filter_map(|m| m.record.mode.clone())
        .collect();
    let mode = match most_common(&modes) {
        Some(m)
            if rep.mode.as_ref() != Some(&m)
                && modes.iter().filter(|x| **x == m).count()
                    > modes
                        .iter()
                        .filter(|x| Some(*x) == rep.mode.as_ref())
                        .count() =>
        {
            Some(m)
        }
        _ => rep.mode.clone(),
    };
    let coder = mentions
        .iter()
        .filter(|m| m.record.mode == mode)
        .max_by(|a, b| rank(a).cmp(&rank(b)))
        .map_or(rep, |m| &m.record);

    // Dates: the most reported precise date.
    let day_dates: Vec<String> = mentions
        .iter()
        .filter(|m| m.record.date_precision == DatePrecision::Day)
        .map(|m| m.record.date.clone())
        .collect();
    let (date, date_precision, enddate) = if day_dates.is_empty() {
        (rep.date.clone(), rep.date_precision, None)
    } else {
        let mut sorted = day_dates.clone();
        sorted.sort();
        let d = most_common(&sorted).unwrap_or_else(|| rep.date.clone());
        let last = sorted.last().cloned().filter(|l| *l > d);
        (d, DatePrecision::Day, last)
    };

    // Places.
    let locs: Vec<(String, &Place)> = mentions
        .iter()
        .filter_map(|m| m.record.event_loc.as_ref())
        .map(|p| (place_key(p), p))
        .collect();
    let loc_keys: Vec<String> = locs.iter().map(|(k, _)| k.clone()).collect();
    let event_loc = most_common(&loc_keys).and_then(|k| {
        locs.iter()
            .find(|(x, _)| *x == k)
            .map(|(_, p)| (*p).clone())
    });
    let mut seen = BTreeSet::new();
    let mut places = Vec::new();
    for m in mentions {
        for p in m.record.event_loc.iter().chain(&m.record.places) {
            if seen.insert(place_key(p)) {
                places.push(p.clone());
            }
        }
    }

    // Counts, from the mentions that say it happened.
    let dead = consensus_magnitude(live.iter().filter_map(|m| m.record.dead.as_ref()).collect());
    let injured = consensus_magnitude(
        live.iter()
            .filter_map(|m| m.record.injured.as_ref())
            .collect(),
    );
    let size = consensus_magnitude(live.iter().filter_map(|m| m.record.size.as_ref()).collect());

    // Parties: as the best mention tells it; sides it leaves empty are filled from
    // mentions that tell it the same way round.
    let mut actor = rep.actor.clone();
    let mut recipient = rep.recipient.clone();
    for m in mentions.iter().filter(|m| m.swapped == best.swapped) {
        if actor.is_empty() && !m.record.actor.is_empty() {
            actor = m.record.actor.clone();
        }
        if recipient.is_empty() && !m.record.recipient.is_empty() && !m.record.reciprocal {
            recipient = m.record.recipient.clone();
        }
    }

    // Claims.
    let mut claims: Vec<Claim> = Vec::new();
    for m in mentions {
        let r = &m.record;
        let mut claimed_by: Vec<String> = r.attribution.claimed_by.iter().map(party_name).collect();
        claimed_by.sort();
        claimed_by.dedup();
        let (a, b) = (
            r.actor.iter().map(party_name).collect::<Vec<_>>(),
            r.recipient.iter().map(party_name).collect::<Vec<_>>(),
        );
        let outlet = m.doc.outlet.clone().unwrap_or_else(|| m.doc.doc_id.clone());
        match claims.iter_mut().find(|c| {
            c.status == r.attribution.status
                && c.negated == r.negated
                && c.claimed_by == claimed_by
                && c.actor == a
                && c.recipient == b
        }) {
            Some(c) => {
                c.mentions += 1;
                if !c.outlets.contains(&outlet) {
                    c.outlets.push(outlet);
                }
            }
            None => claims.push(Claim {
                status: r.attribution.status,
                negated: r.negated,
                claimed_by,
                actor: a,
                recipient: b,
                mentions: 1,
                outlets: vec![outlet],
            }),
        }
    }
    // A denial is a party's: "X denied", or "did not happen" attributed to someone. An
    // outlet's own negated sentence ("no soldiers were hurt") disputes nothing.
    let says_yes = mentions.iter().any(|m| {
        !m.record.negated
            && matches!(
                m.record.attribution.status,
                ClaimStatus::Asserted | ClaimStatus::Claimed
            )
    });
    let says_no = mentions.iter().any(|m| {
        m.record.attribution.status == ClaimStatus::Denied
            || (m.record.negated && m.record.attribution.status != ClaimStatus::Asserted)
    });
    let disputed = mentions
        .iter()
        .any(|m| m.record.attribution.status == ClaimStatus::Disputed);
    let asserted = mentions
        .iter()
        .any(|m| !m.record.negated && m.record.attribution.status == ClaimStatus::Asserted);
    // Each side blaming the other: claims told both ways round, by claimants of
    // different countries.
    let claimants = |swapped: bool| -> BTreeSet<String> {
        mentions
            .iter()
            .filter(|m| m.swapped == swapped && m.record.attribution.status == ClaimStatus::Claimed)
            .flat_map(|m| {
                m.record
                    .attribution
                    .claimed_by
                    .iter()
                    .filter_map(|c| c.code.clone())
            })
            .collect()
    };
    let (one_way, other_way) = (claimants(false), claimants(true));
    let blame_both_ways =
        !one_way.is_empty() && !other_way.is_empty() && one_way.is_disjoint(&other_way);
    let status = if disputed || blame_both_ways || (says_yes && says_no) {
        ClaimStatus::Disputed
    } else if asserted {
        ClaimStatus::Asserted
    } else if says_yes {
        ClaimStatus::Claimed
    } else {
        ClaimStatus::Denied
    };

    // Sources: mentioning articles, then their exact copies, in ingest order.
    let mut sources: Vec<(i64, Option<i64>, Source)> = Vec::new();
    let mut add_source = |d: &DocRow| {
        if sources.iter().any(|(pk, _, _)| *pk == d.doc_pk) {
            return;
        }
        sources.push((
            d.doc_pk,
            d.duplicate_of,
            Source {
                doc_id: d.doc_id.clone(),
                url: d.url.clone(),
                outlet: d.outlet.clone(),
                title: d.title.clone(),
                published: d.published.clone(),
                duplicate_of: d.duplicate_of_id.clone(),
                duplicate_kind: d.duplicate_kind.clone(),
            },
        ));
    };
    for m in mentions {
        add_source(&m.doc);
    }
    for c in copies {
        add_source(c);
    }
    sources.sort_by_key(|(pk, _, _)| *pk);
    let independent: BTreeSet<i64> = sources
        .iter()
        .map(|(pk, dup, _)| dup.unwrap_or(*pk))
        .collect();
    let dates: Vec<&str> = sources
        .iter()
        .filter_map(|(_, _, s)| s.published.as_deref())
        .collect();
    let first_seen = dates.iter().min().map_or(today, |d| d).to_string();
    let last_seen = dates.iter().max().map_or(today, |d| d).to_string();

    let mut context: Vec<String> = mentions
        .iter()
        .flat_map(|m| m.record.context.iter().cloned())
        .collect();
    context.sort();
    context.dedup();

    Some(StoredEvent {
        schema: EVENT_SCHEMA_ID.to_string(),
        event_id: event_id.to_string(),
        seq,
        event: rep.event,
        mode: mode.clone(),
        context,
        quad_code: rep.event.quad_code(),
        event_scale: coder.event_scale.or(Some(rep.event.scale(mode.as_deref()))),
        cameo: if coder.mode == mode {
            coder.cameo.clone()
        } else {
            rep.event.default_cameo(mode.as_deref()).to_string()
        },
        acled_event_type: coder.acled_event_type.clone(),
        acled_sub_event_type: coder.acled_sub_event_type.clone(),
        actor,
        recipient,
        reciprocal: mentions.iter().any(|m| m.record.reciprocal),
        date,
        enddate,
        date_precision,
        event_loc,
        places,
        dead,
        injured,
        size,
        status,
        hypothetical: mentions.iter().all(|m| m.record.hypothetical),
        claims,
        source_count: independent.len(),
        article_count: sources.len(),
        mention_count: mentions.len(),
        sources: sources.into_iter().map(|(_, _, s)| s).collect(),
        mentions: mentions
            .iter()
            .map(|m| Mention {
                record_id: m.record.id.clone(),
                doc_id: m.doc.doc_id.clone(),
                sentence: m.record.text_info.sequence,
                start: m.record.text_info.start,
                end: m.record.text_info.end,
                outlet: m.doc.outlet.clone(),
                status: m.record.attribution.status,
                negated: m.record.negated,
                date: m.record.date.clone(),
                text: m.record.text.clone(),
                language: m.record.language.clone(),
            })
            .collect(),
        first_seen,
        last_seen,
        last_modified: String::new(),
        text: rep.text.clone(),
        language: rep.language.clone(),
    })
}

/// Words the full-text index holds for a mention: its sentence, the article's
/// headline, and the names and codes of its parties and places.
pub(crate) fn search_text(r: &EventRecord, title: Option<&str>) -> String {
    let mut out = String::with_capacity(r.text.len() + 200);
    out.push_str(&r.text);
    if let Some(t) = title {
        out.push('\n');
        out.push_str(t);
    }
    for p in r
        .actor
        .iter()
        .chain(&r.recipient)
        .chain(&r.attribution.claimed_by)
    {
        out.push('\n');
        out.push_str(&party_name(p));
    }
    for p in r.event_loc.iter().chain(&r.places) {
        out.push('\n');
        out.push_str(&p.name);
        if let Some(a) = &p.admin1 {
            out.push(' ');
            out.push_str(a);
        }
    }
    out
}

/// Lower-cased codes, names and words of every party, for `--actor` filters.
pub(crate) fn parties_text(e: &StoredEvent) -> String {
    let mut out = String::new();
    for m in e.actor.iter().chain(&e.recipient) {
        out.push_str(&party_name(m).to_lowercase());
        out.push('|');
        out.push_str(&m.entity_text.to_lowercase());
        out.push('|');
    }
    for c in &e.claims {
        for p in c.actor.iter().chain(&c.recipient) {
            out.push_str(&p.to_lowercase());
            out.push('|');
        }
    }
    out
}
