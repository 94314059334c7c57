//! The event engine: reads one sentence at a time and says who did what to whom.
//!
//! Stages inside a sentence, each driven by language data:
//! 1. analyse tokens (lower case, morphology: roots and forms);
//! 2. match trigger patterns (`triggers*.tsv`) and pick non-overlapping ones;
//! 3. assign roles from voice (active, `di-`/"by" passive, nominal), prepositions,
//!    coordination and reciprocity (`grammar.toml`), skipping reporting frames;
//! 4. read modality (`modality.toml`): negated, hypothetical, historical;
//! 5. keep one event per clause: verbal events absorb the events in their complement
//!    ("threatened to attack" is a threat, "urged X to withdraw" a request).
//!
//! Dates, places and counts are attached later by the pipeline, which knows the
//! whole document.

pub mod grammar;
pub mod lexicon;
mod roles;
mod sentence;

use std::ops::Range;

use sitrep_actors::{ActorMention, MentionKind};
use sitrep_attribution::{Frame, FrameKind, Reporting};
use sitrep_core::document::Sentence;
use sitrep_core::{Category, Lang};
use sitrep_lang::DataError;
use sitrep_morph::Analyzer;

pub use grammar::{Grammar, Modality};
pub use lexicon::{Lexicon, Trigger};
pub use sentence::{SentenceTokens, Tok};

/// A party to an event, read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Token range in the sentence.
    pub tokens: Range<usize>,
    /// Byte range in the document text.
    pub span: Range<usize>,
    /// Words in the article.
    pub text: String,
    /// Country or IGO code.
    pub code: Option<String>,
    /// PLOVER sector.
    pub sector: Option<String>,
    /// Canonical English name.
    pub name: Option<String>,
    /// Office held.
    pub office: Option<String>,
    /// What kind of mention it came from.
    pub kind: Option<MentionKind>,
    /// True when the party was found by resolving a pronoun or description.
    pub resolved_from: Option<String>,
}

impl Party {
    /// Builds a party from an actor mention.
    pub fn from_mention(text: &str, m: &ActorMention) -> Party {
        Party {
            tokens: m.first_token..m.end_token,
            span: m.start..m.end,
            text: text[m.start..m.end].to_string(),
            code: m.code.clone(),
            sector: m.sector.clone(),
            name: m.name.clone(),
            office: m.office.clone(),
            kind: Some(m.kind),
            resolved_from: None,
        }
    }
}

/// Who says the event happened, as read from reporting frames.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Claim {
    /// Kind of the governing frame, if any.
    pub kind: Option<FrameKind>,
    /// Speakers of the governing frame.
    pub speakers: Vec<Party>,
    /// Speaker words when no party was recognised ("a senior official").
    pub speaker_text: Option<String>,
    /// Outlets credited in the sentence ("AFP").
    pub outlets: Vec<String>,
    /// The reporting words.
    pub source_text: Option<String>,
}

/// An event read from one sentence, before dates, places and counts are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCandidate {
    /// Sentence index in the document.
    pub sentence: usize,
    /// PLOVER category.
    pub category: Category,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// PLOVER contexts.
    pub contexts: Vec<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Trigger tokens (first to last matched element).
    pub trigger_tokens: Range<usize>,
    /// Tokens of the clause the trigger stands in: dates and counts outside it
    /// belong to other events.
    pub clause: Range<usize>,
    /// Trigger bytes in the document text.
    pub trigger_span: Range<usize>,
    /// The trigger words.
    pub trigger_text: String,
    /// Acting parties (all parties when reciprocal).
    pub actor: Vec<Party>,
    /// Parties acted upon.
    pub recipient: Vec<Party>,
    /// Parties act on each other.
    pub reciprocal: bool,
    /// "did not attack".
    pub negated: bool,
    /// Threatened, possible, conditional, future or asked.
    pub hypothetical: bool,
    /// Background reference.
    pub historical: bool,
    /// Who says so.
    pub claim: Claim,
    /// Confidence 0..1.
    pub confidence: f64,
    /// Lexicon entry and role rule that decided.
    pub rule: String,
}

/// Document-level memory for reference resolution ("they", "the ministry").
#[derive(Debug, Clone, Default)]
pub struct DocMemory {
    /// Parties seen so far, most recent last: (sentence index, party).
    pub parties: Vec<(usize, Party)>,
    /// Speakers of the last reporting frame (for "katanya", "he said").
    pub last_speakers: Vec<Party>,
}

impl DocMemory {
    /// Remembers the mentions of a processed sentence.
    pub fn remember(&mut self, sentence: usize, text: &str, mentions: &[ActorMention]) {
        for m in mentions {
            if m.kind != MentionKind::Agent || m.code.is_some() {
                self.parties.push((sentence, Party::from_mention(text, m)));
            }
        }
        // Keep memory bounded on very long documents.
        if self.parties.len() > 256 {
            self.parties.drain(..128);
        }
    }
}

/// The event engine for one language. Build once; `extract` is `&self` and thread-safe.
pub struct EventEngine {
    lang: Lang,
    lexicon: Lexicon,
    grammar: Grammar,
    modality: Modality,
    analyzer: Analyzer,
    reporting: Reporting,
}

impl EventEngine {
    /// Loads every data file the engine needs for `lang` (Malay uses Indonesian data).
    pub fn new(lang: Lang) -> Result<EventEngine, DataError> {
        let data = sitrep_lang::data_language(lang);
        Ok(EventEngine {
            lang: data,
            lexicon: Lexicon::load(data)?,
            grammar: Grammar::load(data)?,
            modality: Modality::load(data)?,
            analyzer: Analyzer::new(data),
            reporting: Reporting::new(data)?,
        })
    }

    /// Language of the data in use.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The trigger lexicon (for tools and tests).
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Tokens of a sentence with their analyses.
    pub fn tokens(&self, text: &str, sentence: &Sentence) -> SentenceTokens {
        SentenceTokens::new(text, sentence, &self.analyzer)
    }

    /// Cheap test: does the sentence contain any trigger candidate? Lets the pipeline
    /// skip costly stages (entity recognition, places) on sentences with no event.
    pub fn has_trigger(&self, toks: &SentenceTokens) -> bool {
        toks.toks
            .iter()
            .any(|t| t.word && t.keys().any(|k| !self.lexicon.candidates(k).is_empty()))
    }

    /// Reporting frames of a sentence given its party mentions.
    pub fn frames(&self, toks: &SentenceTokens, mentions: &[ActorMention]) -> Vec<Frame> {
        let ranges: Vec<Range<usize>> = mentions
            .iter()
            .map(|m| m.first_token..m.end_token)
            .collect();
        self.reporting.frames(&toks.view(&ranges))
    }

    /// Events of one sentence. `mentions` are the sentence's party mentions in text
    /// order; `memory` carries earlier sentences' parties for reference resolution (call
    /// [`EventEngine::remember`] after each sentence). Also returns the sentence's
    /// reporting frames, so the caller can link denials to claims across sentences.
    pub fn extract(
        &self,
        text: &str,
        sentence_index: usize,
        toks: &SentenceTokens,
        mentions: &[ActorMention],
        memory: &DocMemory,
    ) -> (Vec<EventCandidate>, Vec<Frame>) {
        let mut frames = self.frames(toks, mentions);
        let mut matches = None;
        if !frames.is_empty() {
            let probe = roles::Context {
                text,
                toks,
                mentions,
                frames: &frames,
                grammar: &self.grammar,
                modality: &self.modality,
                lexicon: &self.lexicon,
                lang: self.lang,
                memory,
            };
            let (drop, found) = roles::overridden_frames(&probe);
            if drop.is_empty() {
                // The frames stay as they are, so do the matches.
                matches = Some(found);
            } else {
                let mut k = 0;
                frames.retain(|_| {
                    k += 1;
                    !drop.contains(&(k - 1))
                });
            }
        }
        let ctx = roles::Context {
            text,
            toks,
            mentions,
            frames: &frames,
            grammar: &self.grammar,
            modality: &self.modality,
            lexicon: &self.lexicon,
            lang: self.lang,
            memory,
        };
        let events = roles::extract(&ctx, sentence_index, matches);
        // A standing denial answers no claim either.
        let standing: Vec<bool> = frames
            .iter()
            .map(|f| roles::standing_denial(&ctx, f))
            .collect();
        if standing.contains(&true) {
            let mut k = 0;
            frames.retain(|_| {
                k += 1;
                !standing[k - 1]
            });
        }
        (events, frames)
    }

    /// Remembers a processed sentence's parties and last speakers, for reference
    /// resolution in the sentences that follow.
    pub fn remember(
        &self,
        memory: &mut DocMemory,
        text: &str,
        sentence_index: usize,
        mentions: &[ActorMention],
        frames: &[Frame],
    ) {
        if let Some(f) = frames.iter().rev().find(|f| {
            matches!(
                f.kind,
                FrameKind::Say | FrameKind::According | FrameKind::Claim | FrameKind::Deny
            )
        }) {
            let speakers: Vec<Party> = f
                .speaker_mentions
                .iter()
                .map(|&i| Party::from_mention(text, &mentions[i]))
                .collect();
            if !speakers.is_empty() {
                memory.last_speakers = speakers;
            }
        }
        memory.remember(sentence_index, text, mentions);
    }
}
