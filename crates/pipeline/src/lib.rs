//! Runs the stages in order on one document and builds event records:
//! ingest → clean → language → segment → entities → events → time → places →
//! counts → attribution → records.
//!
//! A [`Pipeline`] holds every loaded resource (lexicons, gazetteer, models) and is
//! shared by reference across threads; [`Pipeline::process`] is pure with respect to
//! its input, so output is deterministic and batch order does not matter.

mod assemble;

use std::collections::HashMap;

use chrono::NaiveDate;
use sitrep_actors::ActorIndex;
use sitrep_core::{Document, EventRecord, Lang, Warning, ids};
use sitrep_events::{DocMemory, EventEngine};
use sitrep_ingest::RawDocument;
use sitrep_segment::Segmenter;

/// Settings shared by every document of a run.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Language forced for every document (`--lang id`); `None` = identify.
    pub lang: Option<Lang>,
    /// Publication date for documents that give none.
    pub default_published: Option<NaiveDate>,
}

/// Error building the pipeline: a data file is broken.
#[derive(Debug)]
pub struct PipelineError(pub String);

impl std::fmt::Display for PipelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PipelineError {}

/// Result of processing one document.
#[derive(Debug, Clone)]
pub struct DocOutput {
    /// Id of the document.
    pub doc_id: String,
    /// Where it came from ("file.jsonl:12").
    pub origin: String,
    /// Event records in text order.
    pub records: Vec<EventRecord>,
    /// Problems met (each names the document).
    pub warnings: Vec<Warning>,
    /// True when the publication date was missing and a default was assumed.
    pub assumed_published: bool,
}

/// Language resources for one language.
struct LangStack {
    segmenter: Segmenter,
    engine: EventEngine,
    dates: sitrep_time::DateScanner,
    counts: sitrep_quantity::CountScanner,
    ner: Option<sitrep_ner::Recognizer>,
}

/// Every resource the stages need, loaded once.
pub struct Pipeline {
    opts: PipelineOptions,
    cleaner: sitrep_clean::Cleaner,
    stacks: HashMap<Lang, LangStack>,
    actors: ActorIndex,
    places: sitrep_places::Geoparser,
}

impl Pipeline {
    /// Loads the embedded data of every supported language.
    pub fn new(opts: PipelineOptions) -> Result<Pipeline, PipelineError> {
        let mut stacks = HashMap::new();
        for lang in sitrep_lang::languages() {
            let engine = EventEngine::new(lang).map_err(|e| PipelineError(e.to_string()))?;
            stacks.insert(
                lang,
                LangStack {
                    segmenter: Segmenter::new(lang),
                    engine,
                    dates: sitrep_time::DateScanner::try_new(lang)
                        .map_err(|e| PipelineError(e.to_string()))?,
                    counts: sitrep_quantity::CountScanner::try_new(lang)
                        .map_err(|e| PipelineError(e.to_string()))?,
                    ner: if ner_is_reliable(lang) {
                        sitrep_ner::Recognizer::try_load(lang)
                            .map_err(|e| PipelineError(format!("NER model: {}", e.0)))?
                    } else {
                        None
                    },
                },
            );
        }
        let cleaner = sitrep_clean::Cleaner::new();
        if let Some(e) = cleaner.data_errors().first() {
            return Err(PipelineError(format!("cleaner data: {e}")));
        }
        Ok(Pipeline {
            opts,
            cleaner,
            stacks,
            actors: ActorIndex::load(),
            places: sitrep_places::Geoparser::load()
                .map_err(|e| PipelineError(format!("gazetteer: {e}")))?,
        })
    }

    /// Cleans, identifies and segments a raw document (the text layer alone).
    pub fn prepare(&self, raw: &RawDocument) -> Document {
        let cleaned = self.cleaner.clean(&sitrep_clean::CleanInput {
            text: raw.text.as_deref(),
            html: raw.html.as_deref(),
            url: raw.url.as_deref(),
            title: raw.title.as_deref(),
        });
        let mut doc = Document {
            text: cleaned.text,
            dropped: cleaned.dropped,
            dateline: cleaned.dateline,
            outlet: cleaned.outlet,
            url: raw.url.clone().or(cleaned.canonical_url),
            title: raw.title.clone().or(cleaned.title),
            ..Document::default()
        };
        doc.warnings.extend(raw.warnings.iter().cloned());
        // The cleaner's warnings name no input: prefix them with where it came from.
        for mut w in cleaned.warnings {
            if !w.message.starts_with(&raw.origin) {
                w.message = format!("{}: {}", raw.origin, w.message);
            }
            doc.warnings.push(w);
        }
        doc.id = raw.id.clone().unwrap_or_else(|| {
            ids::content_doc_id(raw.text.as_deref().or(raw.html.as_deref()).unwrap_or(""))
        });
        let published_text = raw.published.as_deref().or(cleaned.published.as_deref());
        doc.published = published_text.and_then(sitrep_ingest::parse_published);
        if raw.published.is_some() && doc.published.is_none() {
            doc.warnings.push(Warning::new(
                "bad-date",
                format!(
                    "{}: cannot read publication date {:?}; expected YYYY-MM-DD or RFC 3339",
                    raw.origin,
                    raw.published.as_deref().unwrap_or("")
                ),
            ));
        }
        let given = raw.language.as_deref().and_then(Lang::parse);
        if raw.language.is_some() && given.is_none() {
            doc.warnings.push(Warning::new(
                "bad-language",
                format!(
                    "{}: unknown language code {:?}; identifying instead",
                    raw.origin,
                    raw.language.as_deref().unwrap_or("")
                ),
            ));
        }
        let lang = self
            .opts
            .lang
            .or(given)
            .or_else(|| sitrep_langid::detect(&doc.text))
            .or_else(|| cleaned.lang_hint.as_deref().and_then(Lang::parse))
            .unwrap_or(Lang::EN);
        doc.language = Some(lang);
        if let Some(stack) = self.stacks.get(&sitrep_lang::data_language(lang)) {
            doc.sentences = stack.segmenter.split(&doc.text);
        }
        doc
    }

    /// The cleaner's view of a raw document (behind `sitrep clean`).
    pub fn clean(&self, raw: &RawDocument) -> sitrep_clean::Cleaned {
        self.cleaner.clean(&sitrep_clean::CleanInput {
            text: raw.text.as_deref(),
            html: raw.html.as_deref(),
            url: raw.url.as_deref(),
            title: raw.title.as_deref(),
        })
    }

    /// Runs every stage on one document.
    pub fn process(&self, raw: &RawDocument) -> DocOutput {
        let mut doc = self.prepare(raw);
        let mut assumed_published = false;
        let published = match doc.published {
            Some(d) => d,
            None => {
                assumed_published = true;
                self.opts
                    .default_published
                    .unwrap_or_else(|| chrono::Local::now().date_naive())
            }
        };
        if doc.text.trim().is_empty() {
            doc.warnings.push(Warning::new(
                "empty",
                format!("{}: no article text left after cleaning", raw.origin),
            ));
        }
        let lang = doc.language.unwrap_or(Lang::EN);
        let data_lang = sitrep_lang::data_language(lang);
        let records = match self.stacks.get(&data_lang) {
            Some(stack) => self.events(&doc, lang, stack, published),
            None => Vec::new(),
        };
        DocOutput {
            doc_id: doc.id.clone(),
            origin: raw.origin.clone(),
            records,
            warnings: doc.warnings,
            assumed_published,
        }
    }

    fn events(
        &self,
        doc: &Document,
        lang: Lang,
        stack: &LangStack,
        published: NaiveDate,
    ) -> Vec<EventRecord> {
        let mut memory = DocMemory::default();
        let mut persons = PersonMemory::default();
        let mut sentence_events = Vec::new();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let SentenceReading {
                mentions,
                events,
                frames,
                ..
            } = self.read_sentence(stack, doc, si, lang, published, &mut memory, &mut persons);
            // Dates are read where an event is or may inherit from (the few sentences
            // before an event); counts only where there is an event to attach them to,
            // in the sentence or, for a toll told after it, an assault in the one before.
            let dates = Vec::new();
            let after_assault =
                sentence_events
                    .last()
                    .is_some_and(|s: &assemble::SentenceResult| {
                        s.events
                            .iter()
                            .any(|e| e.category == sitrep_core::Category::Assault)
                    });
            let counts = if events.is_empty() && !after_assault {
                Vec::new()
            } else {
                stack.counts.scan(&doc.text, sentence)
            };
            sentence_events.push(assemble::SentenceResult {
                index: si,
                events,
                frames,
                mentions,
                dates,
                counts,
            });
        }
        // Dates of event sentences and of the sentences they may inherit a date from.
        let wanted = date_sentences(&sentence_events);
        for s in sentence_events.iter_mut() {
            if wanted[s.index] {
                s.dates = stack
                    .dates
                    .scan(&doc.text, &doc.sentences[s.index], published);
            }
        }
        // Places are resolved once per document (names help each other), only when
        // there is an event to place.
        let any_event = sentence_events.iter().any(|s| !s.events.is_empty());
        let place_mentions = if any_event {
            let mentions = || sentence_events.iter().map(|s| s.mentions.as_slice());
            let (persons, countries) = (person_spans(mentions()), party_countries(mentions()));
            let parties = sitrep_places::Parties {
                persons: &persons,
                countries: &countries,
            };
            self.places
                .parse_with_parties(&place_context(doc, &sentence_events), &parties)
        } else {
            Vec::new()
        };
        let article = self.places.article_places(doc, &place_mentions);
        let locate = |sentence: usize, trigger: (usize, usize), motion: sitrep_places::Motion| {
            self.places
                .event_places(doc, &place_mentions, sentence, trigger, &article, motion)
        };
        let owner_links = self.places.owner_links(lang);
        let country_of = |char_start: usize, char_end: usize| {
            place_country_after(doc, &place_mentions, owner_links, char_end)
                .or_else(|| place_country_before(&place_mentions, char_start))
        };
        let home = assemble::Home {
            language: self.places.home_countries(lang).first().map(String::as_str),
            dateline: article.dateline_country(),
        };
        assemble::records(
            doc,
            lang,
            published,
            &sentence_events,
            &locate,
            &country_of,
            home,
        )
    }

    /// The parties the dictionary finds in a sentence, persons completed from those named
    /// before and their short forms added ("Gusti" after "Kolonel Gusti Ketut Suardana").
    fn dictionary_parties(
        &self,
        doc: &Document,
        sentence: &sitrep_core::Sentence,
        lang: Lang,
        published: NaiveDate,
        persons: &PersonMemory,
    ) -> Vec<sitrep_actors::ActorMention> {
        let mut mentions = self
            .actors
            .find_on(&doc.text, sentence, lang, Some(published));
        persons.complete(&doc.text, &mut mentions);
        persons.add_short_forms(&doc.text, sentence, &mut mentions);
        mentions
    }

    /// Reads one sentence as extraction does: dictionary parties, short forms of
    /// persons named before, events; the recogniser runs only where an event lacks
    /// an actor behind an unknown capitalised word, or a claim's speaker is an
    /// unknown name. `explain` calls this too, so what it shows is what `extract` finds.
    #[allow(clippy::too_many_arguments)]
    fn read_sentence(
        &self,
        stack: &LangStack,
        doc: &Document,
        si: usize,
        lang: Lang,
        published: NaiveDate,
        memory: &mut DocMemory,
        persons: &mut PersonMemory,
    ) -> SentenceReading {
        let sentence = &doc.sentences[si];
        let toks = stack.engine.tokens(&doc.text, sentence);
        let mut mentions = self.dictionary_parties(doc, sentence, lang, published, persons);
        // The recogniser costs more than the dictionary: run it only where an
        // event was found without an actor, then read the sentence again.
        let (mut events, mut frames) = stack
            .engine
            .extract(&doc.text, si, &toks, &mentions, memory);
        // ... and only when a capitalised word no party covers stands before the
        // trigger: a name the dictionary missed.
        let unknown_name_before = |e: &sitrep_events::EventCandidate| {
            (1..e.trigger_tokens.start).any(|i| {
                toks.toks[i].cap
                    && toks.toks[i].word
                    && !mentions
                        .iter()
                        .any(|m| (m.first_token..m.end_token).contains(&i))
            })
        };
        let missing_actor = events
            .iter()
            .any(|e| e.actor.is_empty() && unknown_name_before(e));
        // ... or when a claim's speaker is a capitalised phrase no party covers
        // ("kata Gusti"): a name, whose country an earlier full mention may give.
        let unknown_speaker = !events.is_empty()
            && frames.iter().any(|f| {
                f.speaker_mentions.is_empty()
                    && f.speaker.as_ref().is_some_and(|sp| {
                        sp.clone()
                            .any(|i| toks.toks.get(i).is_some_and(|t| t.cap && t.word))
                    })
            });
        if (missing_actor || unknown_speaker)
            && add_ner_parties(stack.ner.as_ref(), &doc.text, sentence, &mut mentions)
        {
            persons.complete(&doc.text, &mut mentions);
            (events, frames) = stack
                .engine
                .extract(&doc.text, si, &toks, &mentions, memory);
        }
        stack
            .engine
            .remember(memory, &doc.text, si, &mentions, &frames);
        persons.remember(&doc.text, &mentions);
        SentenceReading {
            toks,
            mentions,
            events,
            frames,
        }
    }

    /// Every place mention of a document, resolved (behind `sitrep places`).
    pub fn places(&self, raw: &RawDocument) -> (String, Vec<serde_json::Value>) {
        let doc = self.prepare(raw);
        // The persons the article names, as extraction reads them (dictionary and short
        // forms; no events): a place spelt like one of them is that person.
        let lang = doc.language.unwrap_or(Lang::EN);
        let published = doc
            .published
            .or(self.opts.default_published)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut persons = PersonMemory::default();
        let mut mentions = Vec::with_capacity(doc.sentences.len());
        for sentence in &doc.sentences {
            let found = self.dictionary_parties(&doc, sentence, lang, published, &persons);
            persons.remember(&doc.text, &found);
            mentions.push(found);
        }
        let persons = person_spans(mentions.iter().map(Vec::as_slice));
        let countries = party_countries(mentions.iter().map(Vec::as_slice));
        let parties = sitrep_places::Parties {
            persons: &persons,
            countries: &countries,
        };
        let rows = self
            .places
            .parse_with_parties(&doc, &parties)
            .iter()
            .map(|m| sitrep_places::mention_json(&doc.id, m))
            .collect();
        (doc.id, rows)
    }
}

impl Pipeline {
    /// A human-readable trace of every stage on one document: sentences, tokens with
    /// their roots, party mentions, reporting frames, dates, counts and events with the
    /// rule that fired. Behind `sitrep explain`.
    pub fn explain(&self, raw: &RawDocument) -> String {
        use std::fmt::Write as _;
        let doc = self.prepare(raw);
        let published = doc
            .published
            .or(self.opts.default_published)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let lang = doc.language.unwrap_or(Lang::EN);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "document {} language {lang} published {published}",
            doc.id
        );
        for w in &doc.warnings {
            let _ = writeln!(out, "warning: {}", w.message);
        }
        let Some(stack) = self.stacks.get(&sitrep_lang::data_language(lang)) else {
            return out;
        };
        let mut memory = DocMemory::default();
        let mut persons = PersonMemory::default();
        for (si, sentence) in doc.sentences.iter().enumerate() {
            let SentenceReading {
                toks,
                mentions,
                events,
                frames,
            } = self.read_sentence(stack, &doc, si, lang, published, &mut memory, &mut persons);
            let _ = writeln!(out, "\n[{si}] {}", sentence.text(&doc.text));
            let analysed: Vec<String> = toks
                .toks
                .iter()
                .map(|t| match t.analyses.first() {
                    Some(a) if a.root != t.lower => format!("{}/{}:{:?}", t.lower, a.root, a.form),
                    _ => t.lower.clone(),
                })
                .collect();
            let _ = writeln!(out, "  tokens: {}", analysed.join(" "));
            for m in &mentions {
                let _ = writeln!(
                    out,
                    "  party: {:?} {:?} code={} sector={} office={}",
                    &doc.text[m.start..m.end],
                    m.kind,
                    m.code.as_deref().unwrap_or("-"),
                    m.sector.as_deref().unwrap_or("-"),
                    m.office.as_deref().unwrap_or("-")
                );
            }
            for f in &frames {
                let _ = writeln!(
                    out,
                    "  frame: {:?} cue={:?} speaker={:?} content={:?}",
                    f.kind, f.cue, f.speaker, f.content
                );
            }
            for d in stack.dates.scan(&doc.text, sentence, published) {
                let _ = writeln!(
                    out,
                    "  date: {:?} -> {} {:?}{}",
                    d.text,
                    d.date,
                    d.precision,
                    if d.historical { " historical" } else { "" }
                );
            }
            for c in stack.counts.scan(&doc.text, sentence) {
                let _ = writeln!(
                    out,
                    "  count: {:?} -> {:?} {}..{:?}",
                    c.text, c.what, c.min, c.max
                );
            }
            for e in events {
                let names = |ps: &[sitrep_events::Party]| {
                    ps.iter()
                        .map(|p| format!("{}({})", p.text, p.code.as_deref().unwrap_or("-")))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = writeln!(
                    out,
                    "  EVENT {} {} {:?} actor=[{}] recipient=[{}]{}{}{}{} conf={:.2} rule={}",
                    e.category,
                    e.mode.as_deref().unwrap_or("-"),
                    e.trigger_text,
                    names(&e.actor),
                    names(&e.recipient),
                    if e.reciprocal { " reciprocal" } else { "" },
                    if e.negated { " negated" } else { "" },
                    if e.hypothetical { " hypothetical" } else { "" },
                    if e.historical { " historical" } else { "" },
                    e.confidence,
                    e.rule
                );
            }
        }
        out
    }
}

/// What one sentence yields: its tokens, parties, events and reporting frames.
struct SentenceReading {
    toks: sitrep_events::SentenceTokens,
    mentions: Vec<sitrep_actors::ActorMention>,
    events: Vec<sitrep_events::EventCandidate>,
    frames: Vec<sitrep_attribution::Frame>,
}

/// Persons named in full earlier in a document, so that a later short form ("Gusti"
/// after "Kepala Penerangan Kogabwilhan III Kolonel Inf Gusti Ketut Suardana") is known
/// to be the same person, with that person's country, sector and office.
#[derive(Default)]
struct PersonMemory {
    /// Each coded or titled person mention, latest last.
    known: Vec<KnownPerson>,
}

struct KnownPerson {
    /// Lower-cased words of the mention as written (titles included).
    text_words: Vec<String>,
    /// Lower-cased words of the canonical name.
    name_words: Vec<String>,
    mention: sitrep_actors::ActorMention,
}

impl PersonMemory {
    fn words(text: &str, m: &sitrep_actors::ActorMention) -> Vec<String> {
        text.get(m.start..m.end)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// Gives an uncoded, untitled person mention what the latest earlier mention whose
    /// words contain it knows.
    fn complete(&self, text: &str, mentions: &mut [sitrep_actors::ActorMention]) {
        for m in mentions.iter_mut().filter(|m| {
            m.kind == sitrep_actors::MentionKind::Person && m.code.is_none() && m.sector.is_none()
        }) {
            let w = Self::words(text, m);
            if w.is_empty() {
                continue;
            }
            let earlier = self.known.iter().rev().find(|k| {
                k.text_words.len() > w.len()
                    && k.text_words.windows(w.len()).any(|win| win == w.as_slice())
            });
            if let Some(KnownPerson { mention: e, .. }) = earlier {
                m.code = e.code.clone();
                m.sector = e.sector.clone();
                m.office = e.office.clone();
                m.name = e.name.clone().or(m.name.take());
            }
        }
    }

    /// Adds a person mention for capitalised words no mention covers that are part of
    /// the name of a person named earlier ("Gusti membantah ...").
    fn add_short_forms(
        &self,
        text: &str,
        sentence: &sitrep_core::Sentence,
        mentions: &mut Vec<sitrep_actors::ActorMention>,
    ) {
        if self.known.is_empty() {
            return;
        }
        let toks = &sentence.tokens;
        let covered = |i: usize, ms: &[sitrep_actors::ActorMention]| {
            ms.iter().any(|m| (m.first_token..m.end_token).contains(&i))
        };
        // Capitalised words of two letters or more ("Li", "Xi").
        let name_word = |i: usize| -> Option<String> {
            let t = toks.get(i)?;
            let w = t.text(text);
            let capitalised = w.chars().next().is_some_and(char::is_uppercase);
            let len = w.chars().count();
            (t.kind == sitrep_core::document::TokenKind::Word && capitalised && len >= 2)
                .then(|| w.to_lowercase())
        };
        let mut added = false;
        let mut i = 0;
        while i < toks.len() {
            let Some(w) = name_word(i).filter(|_| !covered(i, mentions)) else {
                i += 1;
                continue;
            };
            // A two-letter word stands for a person only as the family name that opens
            // or closes the name ("Li" of Li Qiang), never as a particle inside it ("Al").
            let in_name = |k: &KnownPerson, w: &str| {
                if w.chars().count() >= 3 {
                    k.name_words.iter().any(|x| x == w)
                } else {
                    k.name_words.len() > 1
                        && (k.name_words.first().is_some_and(|x| x == w)
                            || k.name_words.last().is_some_and(|x| x == w))
                }
            };
            let Some(k) = self.known.iter().rev().find(|k| in_name(k, &w)) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while let Some(w2) = name_word(j).filter(|_| !covered(j, mentions)) {
                if !in_name(k, &w2) {
                    break;
                }
                j += 1;
            }
            let mut m = k.mention.clone();
            m.start = toks[i].start;
            m.end = toks[j - 1].end;
            m.first_token = i;
            m.end_token = j;
            mentions.push(m);
            added = true;
            i = j;
        }
        if added {
            mentions.sort_by_key(|m| (m.first_token, m.end_token));
        }
    }

    fn remember(&mut self, text: &str, mentions: &[sitrep_actors::ActorMention]) {
        for m in mentions.iter().filter(|m| {
            m.kind == sitrep_actors::MentionKind::Person && (m.code.is_some() || m.sector.is_some())
        }) {
            self.known.push(KnownPerson {
                text_words: Self::words(text, m),
                name_words: m
                    .name
                    .as_deref()
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .collect(),
                mention: m.clone(),
            });
        }
    }
}

/// The country of a jurisdiction's mention (whatever its use: "governor of Papua" reads
/// Papua as a metonym) that follows a party ending at char offset `char_end`, joined by
/// nothing or by one of the language's `owner_links` ("of", "dari").
fn place_country_after(
    doc: &Document,
    mentions: &[sitrep_places::PlaceMention],
    owner_links: &[String],
    char_end: usize,
) -> Option<String> {
    // The mention starting a few characters after the party; its byte offset gives the
    // party's end by walking back those characters (no scan from the text's start).
    let (m, back) = mentions.iter().find_map(|m| {
        let s = m.place.start?;
        (s >= char_end && s - char_end <= 8).then(|| (m, s - char_end))
    })?;
    let byte_end = if back == 0 {
        m.start
    } else {
        doc.text
            .get(..m.start)?
            .char_indices()
            .rev()
            .nth(back - 1)?
            .0
    };
    let between = doc.text.get(byte_end..m.start)?.trim().to_lowercase();
    if between.is_empty() || owner_links.contains(&between) {
        jurisdiction_country(m)
    } else {
        None
    }
}

/// The country of a mention that names a jurisdiction: a country, a division, a region or
/// a capital; not any town ("an advocate of Schengen" is no Luxembourger).
fn jurisdiction_country(m: &sitrep_places::PlaceMention) -> Option<String> {
    let jurisdiction = m.place.precision != sitrep_core::PlacePrecision::Point
        || m.place.feature_code.as_deref() == Some("PPLC");
    jurisdiction.then(|| m.place.code.clone()).flatten()
}

/// The country of a jurisdiction named right before a party starting at char offset
/// `char_start` ("Maluku Police spokesman", "Papua Police"): a division, region, country or
/// capital, not any town.
fn place_country_before(
    mentions: &[sitrep_places::PlaceMention],
    char_start: usize,
) -> Option<String> {
    let m = mentions.iter().find(|m| {
        m.place
            .end
            .is_some_and(|e| e <= char_start && char_start - e <= 1)
    })?;
    jurisdiction_country(m)
}

/// Adds the persons and organisations the recogniser finds and the dictionary does
/// not, as parties without a code, keeping text order.
fn add_ner_parties(
    ner: Option<&sitrep_ner::Recognizer>,
    text: &str,
    sentence: &sitrep_core::Sentence,
    mentions: &mut Vec<sitrep_actors::ActorMention>,
) -> bool {
    let Some(ner) = ner else {
        return false;
    };
    let words: Vec<&str> = sentence.tokens.iter().map(|t| t.text(text)).collect();
    let mut added = false;
    for span in ner.tag(&words) {
        let kind = match span.label {
            sitrep_ner::NerLabel::Per => sitrep_actors::MentionKind::Person,
            sitrep_ner::NerLabel::Org => sitrep_actors::MentionKind::Group,
            _ => continue,
        };
        let overlaps = mentions
            .iter()
            .any(|m| m.first_token < span.end && span.first < m.end_token);
        // Names start with a capital: a lower-case span ("they") is a tagging error.
        let capitalised = words
            .get(span.first)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase);
        if !capitalised {
            continue;
        }
        if overlaps || span.first >= span.end || span.end > sentence.tokens.len() {
            continue;
        }
        mentions.push(sitrep_actors::ActorMention {
            start: sentence.tokens[span.first].start,
            end: sentence.tokens[span.end - 1].end,
            first_token: span.first,
            end_token: span.end,
            kind,
            code: None,
            sector: None,
            name: None,
            office: None,
        });
        added = true;
    }
    if added {
        mentions.sort_by_key(|m| (m.first_token, m.end_token));
    }
    added
}

/// Byte spans of the person mentions of a document's sentences.
fn person_spans<'a>(
    sentences: impl Iterator<Item = &'a [sitrep_actors::ActorMention]>,
) -> Vec<(usize, usize)> {
    sentences
        .flatten()
        .filter(|m| m.kind == sitrep_actors::MentionKind::Person)
        .map(|m| (m.start, m.end))
        .collect()
}

/// The codes of the parties' countries ("Kyrgyz border guards": KGZ), once each.
fn party_countries<'a>(
    sentences: impl Iterator<Item = &'a [sitrep_actors::ActorMention]>,
) -> Vec<&'a str> {
    let mut codes: Vec<&str> = sentences
        .flatten()
        .filter_map(|m| m.code.as_deref())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The part of a document the geoparser needs for events: sentences with events, the
/// sentence before each (event places fall back to it), and the lead (context for
/// telling places apart). Other sentences keep their position but no tokens.
fn place_context(doc: &Document, sentences: &[assemble::SentenceResult]) -> Document {
    let mut wanted = vec![false; doc.sentences.len()];
    for w in wanted.iter_mut().take(2) {
        *w = true;
    }
    for s in sentences.iter().filter(|s| !s.events.is_empty()) {
        wanted[s.index] = true;
        if s.index > 0 {
            wanted[s.index - 1] = true;
        }
    }
    Document {
        id: doc.id.clone(),
        text: doc.text.clone(),
        published: doc.published,
        language: doc.language,
        url: doc.url.clone(),
        title: doc.title.clone(),
        outlet: doc.outlet.clone(),
        dateline: doc.dateline.clone(),
        dropped: Vec::new(),
        warnings: Vec::new(),
        sentences: doc
            .sentences
            .iter()
            .zip(&wanted)
            .map(|(s, &w)| sitrep_core::Sentence {
                start: s.start,
                end: s.end,
                tokens: if w { s.tokens.clone() } else { Vec::new() },
            })
            .collect(),
    }
}

/// Whether the entity recogniser of a language is good enough to name parties: the
/// Indonesian model scores entity F1 0.89 on idner-news-2k test, the English one 0.53
/// on its held-out data (too little open training data), so English parties come
/// from the dictionary alone.
fn ner_is_reliable(lang: Lang) -> bool {
    sitrep_lang::data_language(lang) == Lang::ID
}

/// Sentences whose dates matter: those with events and the few before each, from
/// which an event without its own date inherits one.
fn date_sentences(sentences: &[assemble::SentenceResult]) -> Vec<bool> {
    let mut wanted = vec![false; sentences.len()];
    for s in sentences.iter().filter(|s| !s.events.is_empty()) {
        let from = s.index.saturating_sub(assemble::DATE_INHERIT_SENTENCES);
        for w in wanted.iter_mut().take(s.index + 1).skip(from) {
            *w = true;
        }
    }
    wanted
}
