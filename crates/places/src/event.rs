//! Event location: the places a sentence ties to its event through cue words ("di",
//! "near", "in the town of"), not the most mentioned place; the previous sentence of
//! the same paragraph when this one names no place at all; when the article has a
//! dateline, a guess flagged as such: the lede's place (`Area`) or the dateline city
//! (`Region`, no offsets); nothing when unknown (docs/decisions/0012).

use sitrep_core::document::TokenKind;
use sitrep_core::{Document, Place, PlacePrecision};

use crate::parse::{Parser, place_of, resolve_name};
use crate::{ArticlePlaces, EventPlaces, MentionUse, Motion, PlaceMention};

/// Precision a cue gives to the place after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Point,
    Area,
}

struct SentenceWords {
    starts: Vec<usize>,
    ends: Vec<usize>,
    words: Vec<String>,
    /// Whether the word starts with a capital letter.
    capital: Vec<bool>,
}

fn sentence_words(doc: &Document, sentence: usize) -> Option<SentenceWords> {
    let s = doc.sentences.get(sentence)?;
    let mut w = SentenceWords {
        starts: Vec::new(),
        ends: Vec::new(),
        words: Vec::new(),
        capital: Vec::new(),
    };
    for t in &s.tokens {
        if t.end > doc.text.len()
            || !doc.text.is_char_boundary(t.start)
            || !doc.text.is_char_boundary(t.end)
        {
            continue;
        }
        w.starts.push(t.start);
        w.ends.push(t.end);
        let text = &doc.text[t.start..t.end];
        w.capital
            .push(text.chars().next().is_some_and(char::is_uppercase));
        w.words
            .push(if t.kind == TokenKind::Word || t.kind == TokenKind::Punct {
                sitrep_core::text::fold(text)
            } else {
                "#".to_string()
            });
    }
    Some(w)
}

/// Length of the type words ("the town of", "Kabupaten") right before token `k`.
fn type_words_before(p: &Parser<'_>, words: &[&str], k: usize) -> Option<usize> {
    p.cues
        .town_before
        .ending_at(words, k)
        .or_else(|| p.cues.admin_before.ending_at(words, k))
}

/// The locative cue right before token `k` (type words such as "the town of" or
/// "Desa" may stand between the cue and the name, then a site word such as "kompleks",
/// and an article with a lower-case
/// qualifier: "in the disputed Chong Bok area", not "to the Western Indian Ocean").
fn cue_before(p: &Parser<'_>, words: &[&str], capital: &[bool], k: usize) -> Option<Cue> {
    let c = p.cues;
    let mut ks = vec![k];
    if let Some(n) = type_words_before(p, words, k) {
        ks.push(k - n);
    }
    // "di sekitar kompleks Candi Ta Muen Thom": a site word between the cue and the name.
    if let Some(&last) = ks.last()
        && let Some(n) = c.site_before.ending_at(words, last)
    {
        ks.push(last - n);
    }
    // "in the Jenin refugee camp", "at the Zaporizhzhia plant".
    if let Some(n) = c.articles.ending_at(words, k)
        && (k - n + 1..k).all(|t| !capital.get(t).copied().unwrap_or(false))
    {
        ks.push(k - n);
    }
    for k in ks {
        let point = c.point.ending_at(words, k);
        let area = c.area.ending_at(words, k);
        match (point, area) {
            (Some(a), Some(b)) if b >= a => return Some(Cue::Area),
            (Some(_), _) => return Some(Cue::Point),
            (None, Some(_)) => return Some(Cue::Area),
            (None, None) => {}
        }
    }
    None
}

pub(crate) fn coarser(a: PlacePrecision, b: PlacePrecision) -> PlacePrecision {
    if precision_rank(a) >= precision_rank(b) {
        a
    } else {
        b
    }
}

/// Mentions of `sentence` tied to the event, with the cue precision, in text order.
fn tied(
    p: &Parser<'_>,
    doc: &Document,
    mentions: &[PlaceMention],
    sentence: usize,
    trigger: Option<(usize, usize)>,
) -> Vec<(usize, Option<Cue>)> {
    // Most event sentences name no place: do not fold their words for nothing.
    if !mentions.iter().any(|m| m.sentence == sentence) {
        return Vec::new();
    }
    let Some(sw) = sentence_words(doc, sentence) else {
        return Vec::new();
    };
    let words: Vec<&str> = sw.words.iter().map(String::as_str).collect();
    let mut out: Vec<(usize, Option<Cue>)> = Vec::new();
    let mut prev: Option<(usize, Option<Cue>)> = None;
    for (mi, m) in mentions.iter().enumerate() {
        if m.sentence != sentence {
            continue;
        }
        let Some(k) = sw.starts.iter().position(|&s| s == m.start) else {
            continue;
        };
        let usable = m.usage == MentionUse::Place && !m.container;
        let mut cue = cue_before(p, &words, &sw.capital, k);
        // "di Kampung Mamba, Intan Jaya" with Mamba unknown: the event is in Intan Jaya.
        if cue.is_none() && m.after_unknown {
            cue = Some(Cue::Area);
        }
        // "in Goris and Sisian": the second place shares the first one's cue; so does
        // a place owned by the first ("in Nigeria's Katsina state").
        if cue.is_none()
            && let Some((pi, Some(pc))) = prev
        {
            let pk_end = sw.ends.iter().position(|&e| e == mentions[pi].end);
            if let Some(pe) = pk_end {
                let between = &words[pe + 1..k];
                let listed = only_list_joiners(p, between);
                // "in Thailand's southern Narathiwat province": lower-case words may
                // stand between the owner and the owned place.
                let owned = between
                    .first()
                    .is_some_and(|w| p.cues.possessive_markers.contains(*w))
                    && between.len() <= 3
                    && (pe + 2..k).all(|t| {
                        !sw.capital.get(t).copied().unwrap_or(true)
                            && words[t].chars().all(char::is_alphabetic)
                    });
                if listed || owned {
                    cue = Some(pc);
                }
            }
        }
        // A town right after the trigger is where the event struck ("shelled Goris",
        // "recaptured the town of Wad Madani": type words do not count).
        let type_words = || type_words_before(p, &words, k).unwrap_or(0);
        let after_trigger = trigger.is_some_and(|(_, te)| {
            m.start >= te
                && sw.ends.iter().position(|&e| e == te).is_some_and(|tk| {
                    (k > tk && k - tk <= 3) || {
                        let kt = k - type_words();
                        kt > tk && kt - tk <= 3
                    }
                })
                && matches!(
                    m.place.precision,
                    PlacePrecision::Point | PlacePrecision::Area
                )
        });
        // A village named by its settlement word ("Warga Desa Wadas memblokade") is
        // where its people act: tied without a locative cue.
        if cue.is_none() && m.local {
            cue = Some(Cue::Area);
        }
        if usable && (cue.is_some() || after_trigger) {
            out.push((mi, cue.or(Some(Cue::Point))));
        }
        if m.usage == MentionUse::Place && !m.container {
            prev = Some((mi, cue));
        }
    }
    out
}

/// Whether the words between two places only make them items of one list: commas and
/// the language's list joiners ("Goris and Sisian", "Goris, Sisian, or Kapan").
fn only_list_joiners(p: &Parser<'_>, between: &[&str]) -> bool {
    let mut k = 0;
    while k < between.len() {
        if between[k] == "," {
            k += 1;
            continue;
        }
        match p.cues.list_joiners.starting_at(between, k) {
            Some(len) if len > 0 => k += len,
            _ => return false,
        }
    }
    !between.is_empty()
}

fn with_cue(mut place: Place, cue: Option<Cue>) -> Place {
    if cue == Some(Cue::Area) {
        place.precision = coarser(place.precision, PlacePrecision::Area);
    }
    place
}

/// How many tokens after a strike's trigger its own origin may stand ("Rocket fire from
/// Gaza": 2).
const STRIKE_ORIGIN_REACH: usize = 4;

pub(crate) fn event_places(
    p: &Parser<'_>,
    doc: &Document,
    mentions: &[PlaceMention],
    sentence: usize,
    trigger: (usize, usize),
    article: &ArticlePlaces,
    motion: Motion,
) -> EventPlaces {
    if sentence >= doc.sentences.len() {
        return EventPlaces::default();
    }
    let mut chosen = tied(p, doc, mentions, sentence, Some(trigger));
    if chosen.is_empty() {
        // No place in this sentence at all: the previous sentence of the same paragraph.
        let any_place = mentions
            .iter()
            .any(|m| m.sentence == sentence && m.usage == MentionUse::Place);
        if !any_place && sentence > 0 {
            let (a, b) = (
                doc.sentences[sentence - 1].end,
                doc.sentences[sentence].start,
            );
            let same_paragraph = a <= b
                && b <= doc.text.len()
                && doc.text.is_char_boundary(a)
                && doc.text.is_char_boundary(b)
                && !doc.text[a..b].contains('\n');
            if same_paragraph {
                chosen = tied(p, doc, mentions, sentence - 1, None);
                chosen.retain(|(_, c)| c.is_some());
            }
        }
    }
    if chosen.is_empty() {
        // Still none: the dateline's city, a guess. A better guess is where the lede put
        // the story ("Jakarta, CNN Indonesia -- Ratusan mahasiswa ... menggelar aksi di
        // Abepura": later sentences name no place), at area precision. Without a dateline
        // (features, columns) there is no guess.
        let Some(dateline) = &article.dateline else {
            return EventPlaces::default();
        };
        let place = article
            .lede
            .iter()
            .take(sentence)
            .find_map(Option::as_ref)
            .unwrap_or(dateline)
            .clone();
        return EventPlaces {
            main: Some(place.clone()),
            places: vec![place],
            guessed: true,
        };
    }
    let centre = (trigger.0 + trigger.1) / 2;
    let distance = |m: &PlaceMention| {
        if m.start >= trigger.1 {
            m.start - trigger.1
        } else if m.end <= trigger.0 {
            trigger.0 - m.end + 1
        } else {
            centre.abs_diff(m.start)
        }
    };
    let mut places: Vec<Place> = Vec::new();
    let mut records = Vec::new();
    for &(mi, cue) in &chosen {
        if !records.contains(&mentions[mi].record) {
            records.push(mentions[mi].record);
            places.push(with_cue(mentions[mi].place.clone(), cue));
        }
    }
    // The main place of an arrival is not where it came from ("deployed 400 personnel
    // from Ambon to South Buru"), then the most specific kind of place ("Khan Younis" before
    // "the Gaza Strip"), then the nearest to the trigger.
    let origin: Vec<usize> = if motion != Motion::Stays {
        // Words of each sentence a chosen place sits in, read once.
        let mut cache: Vec<(usize, Option<SentenceWords>)> = Vec::new();
        chosen
            .iter()
            .filter(|(mi, _)| {
                let m = &mentions[*mi];
                if !cache.iter().any(|(s, _)| *s == m.sentence) {
                    cache.push((m.sentence, sentence_words(doc, m.sentence)));
                }
                let Some((_, Some(sw))) = cache.iter().find(|(s, _)| *s == m.sentence) else {
                    return false;
                };
                let words: Vec<&str> = sw.words.iter().map(String::as_str).collect();
                // A strike's own origin follows its trigger closely ("Rocket fire *from
                // Gaza*", "roket ditembakkan *dari Libanon*").
                let own_phrase = |k: usize| {
                    motion == Motion::Arrives
                        || m.sentence == sentence
                            && sw
                                .ends
                                .iter()
                                .position(|&e| e == trigger.1)
                                .is_some_and(|tk| k > tk && k - tk <= STRIKE_ORIGIN_REACH)
                };
                sw.starts
                    .iter()
                    .position(|&s| s == m.start)
                    .is_some_and(|k| own_phrase(k) && p.cues.origin.ending_at(&words, k).is_some())
            })
            .map(|(mi, _)| *mi)
            .collect()
    } else {
        Vec::new()
    };
    let &(best, cue) = chosen
        .iter()
        .min_by_key(|(mi, _)| {
            (
                origin.contains(mi),
                precision_rank(mentions[*mi].place.precision),
                distance(&mentions[*mi]),
                *mi,
            )
        })
        .unwrap_or(&chosen[0]);
    EventPlaces {
        main: Some(with_cue(mentions[best].place.clone(), cue)),
        places,
        guessed: false,
    }
}

/// Sentences at the start of an article that may set the story's place: the lede (the
/// second already tells background, "soldiers who had defended Mariupol in 2022").
const LEDE_SENTENCES: usize = 1;

/// The article's guesses: the dateline's place and, when there is one, the most
/// specific place each lede sentence ties to its event by a cue (`Area` at best).
pub(crate) fn article_places(
    p: &Parser<'_>,
    doc: &Document,
    mentions: &[PlaceMention],
) -> ArticlePlaces {
    let Some(dateline) = dateline_place(p, doc, mentions) else {
        return ArticlePlaces::default();
    };
    let lede = (0..LEDE_SENTENCES.min(doc.sentences.len()))
        .map(|s| {
            let tied = tied(p, doc, mentions, s, None);
            let (mi, cue) = tied
                .iter()
                .filter(|(_, c)| c.is_some())
                .min_by_key(|(mi, _)| (precision_rank(mentions[*mi].place.precision), *mi))?;
            let mut place = with_cue(mentions[*mi].place.clone(), *cue);
            place.precision = coarser(place.precision, PlacePrecision::Area);
            Some(place)
        })
        .collect();
    ArticlePlaces {
        lede,
        dateline: Some(dateline),
    }
}

fn precision_rank(p: PlacePrecision) -> u8 {
    match p {
        PlacePrecision::Point => 0,
        PlacePrecision::Area => 1,
        PlacePrecision::Region => 2,
        PlacePrecision::Country => 3,
    }
}

/// The dateline's place, resolved with the document's places as context. Its
/// precision is at least `Region`: a dateline says where the story was filed, so
/// the event happened somewhere that desk covers, not at the city's point.
fn dateline_place(p: &Parser<'_>, doc: &Document, mentions: &[PlaceMention]) -> Option<Place> {
    let name = doc.dateline.as_ref()?.place.as_deref()?.trim();
    if name.is_empty() {
        return None;
    }
    // "KYIV, Ukraine", "Ramallah, West Bank": the place, in its region's country.
    let (name, rec) = match name.split_once(',') {
        Some((head, region)) => {
            let head = head.trim();
            let mut home = p.home.clone();
            if let Some(c) =
                resolve_name(p.gaz, region.trim(), mentions, &p.home).and_then(|r| r.country)
            {
                home.push(c);
            }
            (head, resolve_name(p.gaz, head, mentions, &home)?)
        }
        None => (name, resolve_name(p.gaz, name, mentions, &p.home)?),
    };
    let mut place = place_of(p.gaz, name, &rec, None);
    place.precision = coarser(place.precision, PlacePrecision::Region);
    Some(place)
}
