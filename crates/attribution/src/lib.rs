//! Attribution: finds reporting frames ("the ministry said", "kata Kemhan", "according
//! to", "dikutip dari AFP", "denied") in a sentence, so that the event engine can
//! (1) keep the speaker out of the event's roles and (2) record who claims, denies or
//! reports the event. Cue words come from `lang/<code>/reporting.tsv`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;

use sitrep_core::Lang;
use sitrep_lang::DataError;

/// What a reporting frame does to the events it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// A party's statement carries the event ("said", "kata").
    Say,
    /// "according to X", "menurut X".
    According,
    /// A party denies the event ("denied", "membantah").
    Deny,
    /// An outlet or agency is credited ("dikutip dari AFP", "told Reuters").
    Via,
    /// A party claims (responsibility, contested facts).
    Claim,
}

/// Where the speaker stands relative to the cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
    Either,
    None,
    /// The subject of the clause the cue hangs on ("the ministry rejected the account,
    /// saying ...").
    Shared,
    /// Either side, but only closing the sentence after what it reports ("..., an Israeli
    /// official warned."): elsewhere the verb is an event of its own ("warned that its
    /// forces would respond").
    Closing,
}

#[derive(Debug, Clone)]
struct Cue {
    words: Vec<String>,
    kind: FrameKind,
    side: Side,
}

/// A reporting frame in one sentence (token indices into the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// What the frame does.
    pub kind: FrameKind,
    /// Tokens of the cue words.
    pub cue: Range<usize>,
    /// Tokens of the speaker (or credited outlet), when found.
    pub speaker: Option<Range<usize>>,
    /// Indices into the caller's mention list that make up the speaker.
    pub speaker_mentions: Vec<usize>,
    /// Tokens whose events the frame governs.
    pub content: Range<usize>,
    /// The speaker is the subject of an earlier verb of the sentence ("X condemned ...
    /// and said ..."): it stays a party of that verb's event.
    pub subject_shared: bool,
}

impl Frame {
    /// Tokens that belong to the frame itself (cue and speaker): never event parties.
    pub fn covers(&self, token: usize) -> bool {
        self.cue.contains(&token) || self.speaker.as_ref().is_some_and(|s| s.contains(&token))
    }
}

/// Reporting cues of one language.
pub struct Reporting {
    cues: Vec<Cue>,
    by_first: HashMap<String, Vec<usize>>,
    /// Words that cannot stand between a speaker and its cue ("Croatia is investigating
    /// alleged crimes": "is" shows "alleged" is no cue of Croatia's).
    gap_breakers: HashSet<String>,
    /// Words that open an appositive after a speaker ("Hamas, the group that runs Gaza,
    /// said"): the speaker is the party before it.
    appositive_openers: HashSet<String>,
    /// Words that open a phrase modifying the noun before them ("the family *of* the
    /// man"): a speaker's head may stand before one.
    postmodifier_openers: HashSet<String>,
    /// Words that open a reported clause, never a speaker after the cue ("said it
    /// would ...", "mengatakan bahwa ...").
    clause_openers: HashSet<String>,
    /// Words that introduce who was told ("kata Gusti kepada wartawan", "said X to
    /// reporters"): the party after them is the audience, not the speaker.
    addressee_markers: HashSet<String>,
    /// Time words that may sit between a speaker and the cue, set off by commas
    /// ("Kapolres Puncak ..., Jumat, mengatakan").
    adjuncts: HashSet<String>,
    /// Prepositions of a place phrase between a speaker and the cue ("Kapolres Puncak
    /// ... di Ilaga mengatakan").
    locatives: HashSet<String>,
    /// Nouns that sum up what was just said (", a claim the RSF rejected").
    claim_nouns: HashSet<String>,
    /// Verbs that rebut such a claim ("rejected", "denied", "dibantah").
    rebuttal_verbs: HashSet<String>,
    /// Words joining speakers ("the US and Britain said"); commas are left out because a
    /// comma usually ends the frame ("according to Kyiv, Russian troops ...").
    coordinators: HashSet<String>,
    /// Articles a speaker may start with ("the ministry said", "pihak Polri").
    determiners: HashSet<String>,
    /// Possessive markers ("'s", "'"): "the rebels' news channel reported" is the rebels'.
    possessives: HashSet<String>,
    /// Saying verbs whose first object is who was told ("told reporters he had ..."): that
    /// party is the audience, not part of what was said.
    hearer_verbs: HashSet<String>,
}

/// A sentence as the frame finder sees it.
pub struct SentenceView<'a> {
    /// Lower-cased tokens.
    pub words: &'a [String],
    /// Whether each token starts with an upper-case letter.
    pub capitalized: &'a [bool],
    /// Whether each token is punctuation.
    pub punct: &'a [bool],
    /// Party mentions as token ranges, in text order.
    pub mentions: &'a [Range<usize>],
}

impl Reporting {
    /// Loads `lang/<code>/reporting.tsv`.
    pub fn new(lang: Lang) -> Result<Reporting, DataError> {
        let lang = sitrep_lang::data_language(lang);
        let mut cues = Vec::new();
        let mut gap_breakers = HashSet::default();
        let mut appositive_openers = HashSet::default();
        let mut postmodifier_openers = HashSet::default();
        let mut clause_openers = HashSet::default();
        let mut addressee_markers = HashSet::default();
        let mut adjuncts = HashSet::default();
        let mut locatives = HashSet::default();
        let mut claim_nouns = HashSet::default();
        let mut rebuttal_verbs = HashSet::default();
        let mut coordinators = HashSet::default();
        let mut determiners = HashSet::default();
        let mut possessives = HashSet::default();
        let mut hearer_verbs = HashSet::default();
        for row in sitrep_lang::rows(lang, "reporting.tsv") {
            let bad = |m: &str| DataError {
                file: format!("lang/{lang}/reporting.tsv:{}", row.line),
                message: m.to_string(),
            };
            let set = match row.col(1) {
                "gap-breaker" => Some(&mut gap_breakers),
                "appositive-opener" => Some(&mut appositive_openers),
                "postmodifier-opener" => Some(&mut postmodifier_openers),
                "clause-opener" => Some(&mut clause_openers),
                "addressee" => Some(&mut addressee_markers),
                "adjunct" => Some(&mut adjuncts),
                "locative" => Some(&mut locatives),
                "claim-noun" => Some(&mut claim_nouns),
                "rebuttal-verb" => Some(&mut rebuttal_verbs),
                "coordinator" => Some(&mut coordinators),
                "determiner" => Some(&mut determiners),
                "possessive" => Some(&mut possessives),
                "hearer-verb" => Some(&mut hearer_verbs),
                _ => None,
            };
            if let Some(set) = set {
                set.insert(row.col(0).to_lowercase());
                continue;
            }
            let kind = match row.col(1) {
                "say" => FrameKind::Say,
                "according" => FrameKind::According,
                "deny" => FrameKind::Deny,
                "via" => FrameKind::Via,
                "claim" => FrameKind::Claim,
                k => return Err(bad(&format!("unknown frame kind {k:?}"))),
            };
            let side = match row.col(2) {
                "before" => Side::Before,
                "after" => Side::After,
                "either" | "" => Side::Either,
                "none" => Side::None,
                "shared" => Side::Shared,
                "closing" => Side::Closing,
                s => return Err(bad(&format!("unknown speaker side {s:?}"))),
            };
            let words: Vec<String> = row
                .col(0)
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            if words.is_empty() {
                return Err(bad("empty pattern"));
            }
            cues.push(Cue { words, kind, side });
        }
        // Longest cues first so "said in a statement" beats "said".
        cues.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, c) in cues.iter().enumerate() {
            by_first.entry(c.words[0].clone()).or_default().push(i);
        }
        Ok(Reporting {
            cues,
            by_first,
            gap_breakers,
            appositive_openers,
            postmodifier_openers,
            clause_openers,
            addressee_markers,
            adjuncts,
            locatives,
            claim_nouns,
            rebuttal_verbs,
            coordinators,
            determiners,
            possessives,
            hearer_verbs,
        })
    }

    /// Whether a lower-cased word can start a reporting cue (cheap pre-check).
    pub fn may_start_cue(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// Reporting frames of a sentence, in text order, non-overlapping.
    pub fn frames(&self, s: &SentenceView<'_>) -> Vec<Frame> {
        let n = s.words.len();
        let mut frames: Vec<Frame> = Vec::new();
        let mut i = 0;
        while i < n {
            // A cue word inside a party's name is not a cue ("the United States").
            if s.mentions.iter().any(|m| m.contains(&i)) {
                i += 1;
                continue;
            }
            let rebuttal = self.rebutted_account(s, i);
            let hit = self.by_first.get(&s.words[i]).and_then(|cands| {
                cands.iter().map(|&c| &self.cues[c]).find(|c| {
                    i + c.words.len() <= n
                        && c.words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| s.words[i + k] == *w)
                })
            });
            let Some(cue) = hit.or(rebuttal.as_ref()) else {
                i += 1;
                continue;
            };
            let cue_range = i..i + cue.words.len();
            if let Some(mut f) = build_frame(s, cue, cue_range.clone(), self) {
                // A rebutted account was told before: what follows ("..., saying its
                // troops came under attack") is the denier's own version, not denied.
                if hit.is_none() {
                    f.content = f.cue.end..f.cue.end;
                }
                i = f
                    .speaker
                    .as_ref()
                    .map_or(cue_range.end, |sp| sp.end.max(cue_range.end));
                frames.push(f);
            } else {
                i = cue_range.end;
            }
        }
        if let Some(f) = self.rebutted_summary(s)
            && !frames
                .iter()
                .any(|g| g.cue.start < f.cue.end && f.cue.start < g.cue.end)
        {
            frames.push(f);
            frames.sort_by_key(|f| f.cue.start);
        }
        frames
    }

    /// "Cambodia's defence ministry rejected the Thai account": a rebuttal verb whose
    /// object is another party's claim (a determiner, the party's name, a claim noun)
    /// denies what that party told before, like "denied". Without a name ("rejected the
    /// allegations") the verb stays a rejection of its own.
    fn rebutted_account(&self, s: &SentenceView<'_>, i: usize) -> Option<Cue> {
        let n = s.words.len();
        let rebuts = self.rebuttal_verbs.contains(&s.words[i]);
        if !(rebuts && i + 1 < n && self.determiners.contains(&s.words[i + 1])) {
            return None;
        }
        let party = s.mentions.iter().find(|m| m.start == i + 2)?;
        let mut noun = party.end;
        if noun < n && self.possessives.contains(&s.words[noun]) {
            noun += 1;
        }
        if !(noun < n && self.claim_nouns.contains(&s.words[noun])) {
            return None;
        }
        Some(Cue {
            words: s.words[i..=noun].to_vec(),
            kind: FrameKind::Deny,
            side: Side::Before,
        })
    }

    /// "..., a claim the RSF rejected" / "..., klaim yang dibantah RSF": a claim noun
    /// summing up the clause before the comma, then its rebuttal by a party. A denial
    /// frame whose content is everything before the comma.
    fn rebutted_summary(&self, s: &SentenceView<'_>) -> Option<Frame> {
        if self.claim_nouns.is_empty() || self.rebuttal_verbs.is_empty() {
            return None;
        }
        let n = s.words.len();
        // The first comma followed by a claim noun, right after it or after one word (an
        // article: ", a claim").
        let (comma, noun) = (1..n).filter(|&j| s.words[j] == ",").find_map(|j| {
            (j + 1..(j + 3).min(n))
                .find(|&k| self.claim_nouns.contains(&s.words[k]))
                .map(|k| (j, k))
        })?;
        let mention_at = |t: usize| s.mentions.iter().position(|m| m.start == t);
        // "a claim [the] RSF rejected": speaker, then the verb.
        let after = noun + 1;
        for start in [after, after + 1] {
            let Some(k) = mention_at(start) else {
                continue;
            };
            let v = s.mentions[k].end;
            if self.extend_left_determiner(s, start) <= after
                && v < n
                && self.rebuttal_verbs.contains(&s.words[v])
            {
                return Some(Frame {
                    kind: FrameKind::Deny,
                    cue: v..v + 1,
                    speaker: Some(after..v),
                    speaker_mentions: vec![k],
                    content: 0..comma,
                    subject_shared: false,
                });
            }
        }
        // "klaim yang dibantah RSF": a relative passive, the speaker after the verb.
        let mut v = after;
        if v < n && self.appositive_openers.contains(&s.words[v]) {
            v += 1;
        }
        if v + 1 < n
            && self.rebuttal_verbs.contains(&s.words[v])
            && let Some(k) = mention_at(v + 1).or_else(|| {
                (v + 2 < n && s.words[v + 1] == "oleh")
                    .then(|| mention_at(v + 2))
                    .flatten()
            })
        {
            return Some(Frame {
                kind: FrameKind::Deny,
                cue: v..v + 1,
                speaker: Some(s.mentions[k].clone()),
                speaker_mentions: vec![k],
                content: 0..comma,
                subject_shared: false,
            });
        }
        None
    }
}

/// Most words a closing cue may leave after it ("..., the minister warned in a televised
/// address.").
const CLOSING_TAIL: usize = 5;

/// Longest speaker phrase read without a mention ("a senior official").
const MAX_BARE_SPEAKER: usize = 5;

fn build_frame(
    s: &SentenceView<'_>,
    cue: &Cue,
    cue_range: Range<usize>,
    r: &Reporting,
) -> Option<Frame> {
    let n = s.words.len();
    // A saying verb with its speaker after it closes a quote or a clause: "...," kata
    // Kapolda / "...", tegas Yusran. Mid-clause the same word is an ordinary one:
    // "menindak tegas siapa pun" (firmly), "sudah jelas" (clear), "tambah parah" (more).
    if matches!(cue.kind, FrameKind::Say | FrameKind::Claim)
        && cue.side == Side::After
        && cue_range.start > 0
        && !s.punct[cue_range.start - 1]
    {
        return None;
    }
    let before = || speaker_before(s, cue_range.start, r);
    let after = || speaker_after(s, cue_range.end, r);
    let (speaker, mentions) = match cue.side {
        Side::Before => before()?,
        Side::After => after()?,
        Side::Either => before().or_else(after)?,
        Side::None => (cue_range.clone(), Vec::new()),
        Side::Shared => clause_subject(s, cue_range.start, &r.gap_breakers)?,
        Side::Closing => {
            let (sp, ms) = before().or_else(after)?;
            let opens = sp.start.min(cue_range.start);
            let closes = sp.end.max(cue_range.end);
            // After a comma or quote, with at most a date, a place or a channel after it;
            // not a second verb ("..., arguing integration fails and warned ...").
            // The speaker's article and adjectives may stand before its mention ("..., a
            // senior police officer warned").
            let tail = (closes..n).filter(|&t| !s.punct[t]).count();
            let lead = (0..opens).rev().take_while(|&t| !s.punct[t]).count();
            if lead == opens
                || lead > 3
                || tail > CLOSING_TAIL
                || (opens - lead..cue_range.start).any(|t| r.is_coordinator(&s.words[t]))
            {
                return None;
            }
            (sp, ms)
        }
    };
    let subject_shared = cue.side == Side::Shared
        || (cue.side != Side::None
            && speaker.end < cue_range.start
            && r.is_coordinator(&s.words[cue_range.start - 1]));
    let (speaker, speaker_mentions) = if cue.side == Side::None {
        (None, Vec::new())
    } else {
        (Some(speaker), mentions)
    };
    let lo = speaker
        .as_ref()
        .map_or(cue_range.start, |sp| sp.start.min(cue_range.start));
    let hi = speaker
        .as_ref()
        .map_or(cue_range.end, |sp| sp.end.max(cue_range.end));
    // The frame governs the larger side of the sentence: "X said (that) CONTENT" or
    // "CONTENT, kata X".
    // "\"...,\" kata Kapolres X kepada Kompas.com melalui sambungan telepon": a saying cue
    // right after a quote or comma, its speaker after it, reports what came before, however
    // long the tail.
    let reports_before = matches!(cue.kind, FrameKind::Say | FrameKind::Claim)
        && cue_range.start > 0
        && s.punct[cue_range.start - 1]
        && speaker.as_ref().is_some_and(|sp| sp.start >= cue_range.end);
    // "Ketua tim pemenangan ..., Ridwan Umasugi, membantah pihaknya menggerakkan massa":
    // a denial whose speaker opens the sentence or follows a comma denies what follows,
    // however long the speaker ("..., but Moscow denied the accusation" answers the
    // clause before).
    let denies_after = cue.kind == FrameKind::Deny
        && speaker.as_ref().is_some_and(|sp| {
            sp.end <= cue_range.start && (sp.start == 0 || s.punct[sp.start - 1])
        })
        && (hi..n).any(|t| !s.punct[t]);
    let content = if cue.side == Side::Closing {
        0..lo
    } else if subject_shared || denies_after {
        hi.max(cue_range.end)..n
    } else if reports_before || lo >= n - hi {
        0..lo
    } else {
        hi..n
    };
    // "told reporters (that) he had spoken with ...": the party right after a telling verb
    // heard it; what was said starts after it.
    let told =
        content.start == cue_range.end && r.hearer_verbs.contains(&s.words[cue_range.end - 1]);
    let content = match s
        .mentions
        .iter()
        .find(|m| told && r.extend_left_determiner(s, m.start) == content.start)
    {
        Some(m) => m.end.min(content.end)..content.end,
        None => content,
    };
    if content.is_empty() && cue.kind != FrameKind::Via {
        return None;
    }
    Some(Frame {
        kind: cue.kind,
        cue: cue_range,
        speaker,
        speaker_mentions,
        content,
        subject_shared,
    })
}

type Speaker = (Range<usize>, Vec<usize>);

/// Speaker ending just before the cue: a mention group ending within two tokens of
/// the cue, or a short phrase back to punctuation.
fn speaker_before(s: &SentenceView<'_>, cue_start: usize, r: &Reporting) -> Option<Speaker> {
    if cue_start == 0 {
        return None;
    }
    let gap_breakers = &r.gap_breakers;
    if let Some(sp) =
        appositive_speaker(s, cue_start, r).or_else(|| titled_name_speaker(s, cue_start))
    {
        return Some(sp);
    }
    // "Russia's Foreign Ministry condemned the sanctions and said ...": a second verb of
    // the sentence's subject.
    if r.is_coordinator(&s.words[cue_start - 1])
        && let Some(sp) = clause_subject(s, cue_start, gap_breakers)
    {
        return Some(sp);
    }
    // "Kapolres Puncak AKBP Kuswara di Ilaga, Jumat, mengatakan": a party right before
    // a place phrase and a time set off by commas speaks.
    let past_adjuncts = skip_adjuncts(s, cue_start, r);
    if past_adjuncts < cue_start
        && let Some(k) = s.mentions.iter().position(|m| m.end == past_adjuncts)
    {
        let start = r.extend_left_determiner(s, s.mentions[k].start);
        return Some((start..past_adjuncts, vec![k]));
    }
    // Mentions ending close to the cue, grouped over coordinators.
    let mut idx: Vec<usize> = Vec::new();
    for (k, m) in s.mentions.iter().enumerate().rev() {
        let gap_ok = if let Some(&last) = idx.last() {
            let prev: &Range<usize> = &s.mentions[last];
            // "juru bicara TPNPB (TPNPB) Sebby Sambom": a bracketed acronym links too.
            // "Britain and the European Union announced": an article after the coordinator.
            m.end <= prev.start
                && (m.end..prev.start).all(|t| {
                    r.is_coordinator(&s.words[t])
                        || matches!(s.words[t].as_str(), "(" | ")")
                        || (t > m.end
                            && r.is_coordinator(&s.words[t - 1])
                            && r.determiners.contains(&s.words[t]))
                })
        } else {
            m.end <= cue_start
                && cue_start - m.end <= 3
                && (m.end..cue_start).all(|t| {
                    (!s.punct[t] || matches!(s.words[t].as_str(), "," | ")" | "]"))
                        && !gap_breakers.contains(&s.words[t])
                })
        };
        if gap_ok {
            idx.push(k);
        } else if !idx.is_empty() || m.end <= cue_start {
            if idx.is_empty() && m.end <= cue_start {
                break;
            }
            if !idx.is_empty() {
                break;
            }
        }
    }
    if !idx.is_empty() {
        idx.reverse();
        let start = s.mentions[idx[0]].start;
        let mut start = r.extend_left_determiner(s, start);
        if let Some((owner, k)) = r.owner_before(s, start) {
            idx.insert(0, k);
            start = owner;
        }
        return Some((start..cue_start, idx));
    }
    // No mention: a short phrase back to the previous punctuation ("the ministry",
    // "officials"), or a name set off by commas ("..., Nelius Wenda, membantah"), which
    // the name recogniser may then read.
    let end = if s.words[cue_start - 1] == "," {
        cue_start - 1
    } else {
        cue_start
    };
    // Up to MAX_BARE_SPEAKER words, or two such phrases joined by a coordinator ("a
    // Lebanese security source and the group said").
    let mut start = end;
    let mut words_in_part = 0;
    let mut joined = false;
    while start > 0 && !s.punct[start - 1] {
        let w = &s.words[start - 1];
        if !joined && words_in_part > 0 && r.is_coordinator(w) {
            joined = true;
            words_in_part = 0;
        } else if words_in_part == MAX_BARE_SPEAKER {
            break;
        } else {
            words_in_part += 1;
        }
        start -= 1;
    }
    if start == end || (end < cue_start && !(start..end).all(|t| s.capitalized[t])) {
        return None;
    }
    // "the rebels' Al-Masirah satellite news channel reported": a party owning the phrase
    // speaks through it.
    if let Some((owner, k)) = r.owner_before(s, start) {
        return Some((owner..end, vec![k]));
    }
    // Only a phrase right at a clause start is a speaker; otherwise the cue likely
    // reports something else ("it was reported").
    if start > 0 && !s.punct[start - 1] {
        return None;
    }
    if (start..end).any(|t| gap_breakers.contains(&s.words[t])) {
        return None;
    }
    Some((start..end, Vec::new()))
}

/// The party opening the sentence, when nothing but its own clause stands between it and
/// the cue ("Russia's Foreign Ministry condemned the sanctions and said", "the ministry
/// rejected the account, saying").
fn clause_subject(
    s: &SentenceView<'_>,
    cue_start: usize,
    gap_breakers: &HashSet<String>,
) -> Option<Speaker> {
    let first = s.mentions.first()?;
    // The subject opens the sentence, after an article or capitalised words of its name
    // the recogniser left out ("The Royal Thai Army").
    let opens =
        first.start <= 1 || (first.start <= 3 && (1..first.start).all(|t| s.capitalized[t]));
    let clean = opens
        && first.end + 1 < cue_start
        && !(first.end..cue_start)
            .any(|t| (s.punct[t] && s.words[t] != ",") || gap_breakers.contains(&s.words[t]));
    clean.then(|| (first.clone(), vec![0]))
}

/// "The Nigerian Union of Teachers (NUT), the umbrella union for teachers, announced":
/// the party before an appositive that ends right before the cue.
fn appositive_speaker(s: &SentenceView<'_>, cue_start: usize, r: &Reporting) -> Option<Speaker> {
    let openers = &r.appositive_openers;
    let close = cue_start.checked_sub(1)?;
    if s.words[close] != "," {
        return None;
    }
    let open = (close.saturating_sub(MAX_APPOSITIVE)..close)
        .rev()
        .find(|&t| s.words[t] == ",")?;
    if open + 1 >= close || !openers.contains(&s.words[open + 1]) {
        return None;
    }
    // A parenthesised acronym may stand between the name and the comma: "(NUT)".
    let mut end = open;
    if end > 0 && s.words[end - 1] == ")" {
        end = (end.saturating_sub(6)..end - 1)
            .rev()
            .find(|&t| s.words[t] == "(")?;
    }
    let k = s
        .mentions
        .iter()
        .position(|m| m.end == end)
        .or_else(|| postmodified_opening_mention(s, end, r));
    let Some(k) = k else {
        // "Goldfein, speaking at an event in Washington, said": a short name opening the
        // sentence that the recogniser did not read.
        let bare = end > 0
            && end <= MAX_BARE_SPEAKER
            && s.capitalized[0]
            && (0..end).all(|t| !s.punct[t] && !r.gap_breakers.contains(&s.words[t]));
        return bare.then(|| (0..cue_start, Vec::new()));
    };
    let start = r.extend_left_determiner(s, s.mentions[k].start);
    Some((start..cue_start, vec![k]))
}

/// "The family of the man who was killed, identified only by his initials, said": the
/// mention opening the sentence, when what follows it up to `end` only modifies it (a
/// phrase with "of" or a relative clause, no punctuation).
fn postmodified_opening_mention(s: &SentenceView<'_>, end: usize, r: &Reporting) -> Option<usize> {
    let first = s.mentions.first()?;
    let opens = first.start <= 1 && (first.start == 0 || r.determiners.contains(&s.words[0]));
    let modifier = first.end < end
        && (r.postmodifier_openers.contains(&s.words[first.end])
            || r.appositive_openers.contains(&s.words[first.end]))
        && (first.end..end).all(|t| !s.punct[t]);
    (opens && modifier).then_some(0)
}

/// "Juru bicara Front Mahasiswa Papua, Nelius Wenda, membantah ...", "The army's spokesman,
/// Colonel Ahmed, said ...": a title phrase opening the sentence, then the name between
/// commas right before the cue. The whole is the speaker (and the content follows).
fn titled_name_speaker(s: &SentenceView<'_>, cue_start: usize) -> Option<Speaker> {
    let close = cue_start.checked_sub(1)?;
    if s.words[close] != "," {
        return None;
    }
    let name = s
        .mentions
        .iter()
        .position(|m| m.end == close && m.start >= 2 && s.words[m.start - 1] == ",")?;
    let open = s.mentions[name].start - 1;
    // The title phrase: mentions chained from the sentence start to the opening comma,
    // with at most two plain words between links ("'s", "of", "the").
    let chain: Vec<usize> = (0..name).filter(|&k| s.mentions[k].end <= open).collect();
    let first = *chain.first()?;
    if s.mentions[first].start > 1 || s.mentions[*chain.last()?].end != open {
        return None;
    }
    let linked = chain.windows(2).all(|w| {
        let (a, b) = (&s.mentions[w[0]], &s.mentions[w[1]]);
        b.start >= a.end && b.start - a.end <= 2 && (a.end..b.start).all(|t| !s.punct[t])
    });
    if !linked {
        return None;
    }
    let mut idx = chain;
    idx.push(name);
    Some((s.mentions[first].start..cue_start, idx))
}

/// Where a speaker would end if the time words (", Jumat,") and the place phrase ("di
/// Ilaga") before the cue were left out; `cue_start` when there are none.
fn skip_adjuncts(s: &SentenceView<'_>, cue_start: usize, r: &Reporting) -> usize {
    let mut e = cue_start;
    // ", Jumat," or ", kemarin,": time words between commas.
    if e >= 3 && s.words[e - 1] == "," {
        let mut j = e - 1;
        while j > 0 && r.adjuncts.contains(&s.words[j - 1]) {
            j -= 1;
        }
        if j < e - 1 && j > 0 && s.words[j - 1] == "," {
            e = j - 1;
        }
    }
    // "di Ilaga": a locative with up to three capitalised words.
    let mut j = e;
    while j > 0 && e - j < 3 && s.capitalized[j - 1] && !s.punct[j - 1] {
        j -= 1;
    }
    if j < e && j > 0 && r.locatives.contains(&s.words[j - 1]) {
        e = j - 1;
    }
    e
}

/// Longest appositive skipped between a speaker and its cue.
const MAX_APPOSITIVE: usize = 15;

/// Speaker right after the cue: "kata Kemhan", "according to the ministry",
/// "said Ahmed, a spokesman".
fn speaker_after(s: &SentenceView<'_>, cue_end: usize, r: &Reporting) -> Option<Speaker> {
    let n = s.words.len();
    if cue_end >= n {
        return None;
    }
    let addressee = |t: usize| r.addressee_markers.contains(&s.words[t]);
    let first = s.mentions.iter().position(|m| {
        m.start >= cue_end
            && m.start - cue_end <= 3
            && (cue_end..m.start).all(|t| !s.punct[t] && !addressee(t))
    });
    if let Some(k) = first {
        let mut idx = vec![k];
        while let Some(next) = s.mentions.get(idx.last().unwrap() + 1) {
            let prev = &s.mentions[*idx.last().unwrap()];
            if next.start >= prev.end
                && (prev.end..next.start).all(|t| r.is_coordinator(&s.words[t]))
                && next.start > prev.end
            {
                idx.push(idx.last().unwrap() + 1);
            } else {
                break;
            }
        }
        let end = s.mentions[*idx.last().unwrap()].end;
        return Some((cue_end..end, idx));
    }
    // A bare phrase up to punctuation, at most a few tokens; not a reported clause
    // ("said it would retaliate").
    if r.clause_openers.contains(&s.words[cue_end]) || addressee(cue_end) {
        return None;
    }
    let mut end = cue_end;
    while end < n && end - cue_end < MAX_BARE_SPEAKER && !s.punct[end] && !addressee(end) {
        end += 1;
    }
    if end == cue_end {
        return None;
    }
    Some((cue_end..end, Vec::new()))
}

impl Reporting {
    /// Start of a speaker with its article ("*the* ministry"), if one stands before it.
    fn extend_left_determiner(&self, s: &SentenceView<'_>, start: usize) -> usize {
        if start > 0 && self.determiners.contains(&s.words[start - 1]) {
            start - 1
        } else {
            start
        }
    }

    /// The party owning a speaker that starts at `start` ("*the rebels'* Al-Masirah TV",
    /// "*Hamas's* armed wing"): its start (with article) and mention index. A few words
    /// may stand between the possessive marker and `start`.
    fn owner_before(&self, s: &SentenceView<'_>, start: usize) -> Option<(usize, usize)> {
        let lo = start.saturating_sub(4);
        let marker = (lo..start)
            .rev()
            .find(|&t| s.punct[t] || self.possessives.contains(&s.words[t]))?;
        if !self.possessives.contains(&s.words[marker]) {
            return None;
        }
        let k = s.mentions.iter().position(|m| m.end == marker)?;
        Some((self.extend_left_determiner(s, s.mentions[k].start), k))
    }

    fn is_coordinator(&self, w: &str) -> bool {
        self.coordinators.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(text: &str, mentions: &[Range<usize>], lang: Lang) -> Vec<Frame> {
        let toks: Vec<&str> = text.split_whitespace().collect();
        let words: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
        let cap: Vec<bool> = toks
            .iter()
            .map(|t| t.chars().next().unwrap().is_uppercase())
            .collect();
        let punct: Vec<bool> = toks
            .iter()
            .map(|t| t.chars().all(|c| c.is_ascii_punctuation()))
            .collect();
        let r = Reporting::new(lang).unwrap();
        r.frames(&SentenceView {
            words: &words,
            capitalized: &cap,
            punct: &punct,
            mentions,
        })
    }

    #[test]
    fn a_bracketed_acronym_links_a_title_to_its_name() {
        // "juru bicara Gerakan Aceh Merdeka (GAM) Sofyan Dawood dalam keterangan
        // tertulisnya mengklaim ...": the whole chain speaks and the claim follows the cue.
        let t = "Sementara itu , juru bicara Gerakan Aceh Merdeka ( GAM ) Sofyan Dawood dalam keterangan tertulisnya mengklaim pasukannya menyerang pos itu .";
        let f = view(t, &[3..8, 9..10, 11..13, 17..18], Lang::ID);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FrameKind::Claim);
        assert_eq!(f[0].speaker, Some(3..16));
        assert_eq!(f[0].speaker_mentions, vec![0, 1, 2]);
        assert_eq!(f[0].content, 17..22);
    }

    #[test]
    fn a_title_then_a_name_between_commas_is_one_speaker_and_the_content_follows() {
        let t = "Juru bicara Front Mahasiswa Papua , Nelius Wenda , membantah mahasiswa melempari polisi .";
        // With the name recognised: title, group and name speak; the denial follows.
        let f = view(t, &[0..2, 2..5, 6..8, 10..11, 12..13], Lang::ID);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FrameKind::Deny);
        assert_eq!(f[0].speaker, Some(0..9));
        assert_eq!(f[0].speaker_mentions, vec![0, 1, 2]);
        assert_eq!(f[0].content, 10..14);
        // Without it, the capitalised name between commas is still a (bare) speaker, so
        // the caller knows to run the name recogniser.
        let f = view(t, &[0..2, 10..11, 12..13], Lang::ID);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker, Some(6..8));
        assert!(f[0].speaker_mentions.is_empty());
    }

    #[test]
    fn the_party_told_is_no_part_of_what_was_said() {
        // Tokens: Phumtham(0) told(1) reporters(2) he(3) had(4) spoken(5) with(6) Anwar(7) .(8)
        let t = "Phumtham told reporters he had spoken with Anwar .";
        let f = view(t, &[0..1, 2..3, 7..8], Lang::EN);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker_mentions, vec![0]);
        assert_eq!(f[0].content, 3..9);
        // "said" has no hearer after it: the content starts right after the cue.
        let f = view(
            "Phumtham said reporters were wrong .",
            &[0..1, 2..3],
            Lang::EN,
        );
        assert_eq!(f[0].content, 2..6);
    }

    #[test]
    fn an_article_after_and_still_joins_two_speakers() {
        // Britain(0) and(1) the(2) European(3) Union(4) announced(5) sanctions(6) .(7)
        let f = view(
            "Britain and the European Union announced sanctions .",
            &[0..1, 3..5],
            Lang::EN,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker_mentions, vec![0, 1]);
    }

    #[test]
    fn english_speaker_before_and_after() {
        // "Azerbaijani forces shelled Goris , the Armenian defence ministry said ."
        let f = view(
            "Azerbaijani forces shelled Goris , the Armenian defence ministry said .",
            &[0..2, 6..9],
            Lang::EN,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FrameKind::Say);
        assert_eq!(f[0].speaker_mentions, vec![1]);
        assert_eq!(f[0].content, 0..5);
        let f = view(
            "According to Kyiv , Russian troops withdrew .",
            &[2..3, 4..6],
            Lang::EN,
        );
        assert_eq!(f[0].kind, FrameKind::According);
        assert_eq!(f[0].speaker, Some(2..3));
        assert_eq!(f[0].content, 3..8);
    }

    #[test]
    fn a_second_verb_reports_for_the_subject() {
        let f = view(
            "Russia condemned the sanctions and said it would retaliate .",
            &[std::ops::Range { start: 0, end: 1 }],
            Lang::EN,
        );
        assert_eq!(f[0].kind, FrameKind::Say);
        assert_eq!(f[0].speaker_mentions, vec![0]);
        assert_eq!(f[0].content, 6..10);
    }

    #[test]
    fn rejecting_another_partys_account_denies_what_was_told_before() {
        // 0 The 1 Royal 2 Thai 3 Army 4 rejected 5 the 6 Cambodian 7 account 8 , 9 saying ...
        let f = view(
            "The Royal Thai Army rejected the Cambodian account , saying its soldiers came under attack .",
            &[2..4, 6..7],
            Lang::EN,
        );
        assert_eq!(f[0].kind, FrameKind::Deny);
        assert_eq!(f[0].cue, 4..8);
        assert_eq!(f[0].speaker_mentions, vec![0]);
        // What follows is the Army's own version, not denied by it.
        assert!(f[0].content.is_empty());
        assert_eq!(f[1].kind, FrameKind::Say);
        assert_eq!(f[1].speaker, Some(2..4));
        assert_eq!(f[1].content, 10..16);
        // Without the other side's name the verb is no denial frame.
        let f = view(
            "Moscow rejected the allegations .",
            &[std::ops::Range { start: 0, end: 1 }],
            Lang::EN,
        );
        assert!(f.is_empty());
    }

    #[test]
    fn a_denial_opening_its_sentence_denies_what_follows() {
        // A long appositive speaker before the cue, a short denied clause after it.
        let f = view(
            "Koordinator lapangan aliansi mahasiswa dan buruh Halmahera Selatan , Rahmat Hidayat , membantah massa membakar pos .",
            &[std::ops::Range { start: 9, end: 11 }],
            Lang::ID,
        );
        assert_eq!(f[0].kind, FrameKind::Deny);
        assert_eq!(f[0].content, 13..17);
        // After "tetapi" the denial answers the clause before it.
        let f = view(
            "Rusia mengatakan pasukannya merebut Krynky , tetapi Ukraina membantah klaim tersebut .",
            &[
                std::ops::Range { start: 0, end: 1 },
                std::ops::Range { start: 7, end: 8 },
            ],
            Lang::ID,
        );
        let deny = f.iter().find(|f| f.kind == FrameKind::Deny).unwrap();
        assert_eq!(deny.content.start, 0);
    }

    #[test]
    fn the_audience_is_not_the_speaker() {
        // "Prajurit kami membalas tembakan , kata Gusti kepada wartawan ." with only
        // "wartawan" (journalists) known as a party: the speaker is the bare "Gusti".
        let f = view(
            "Prajurit kami membalas tembakan , kata Gusti kepada wartawan .",
            &[0..1, 8..9],
            Lang::ID,
        );
        assert_eq!(f[0].speaker, Some(6..7));
        assert!(f[0].speaker_mentions.is_empty());
    }

    #[test]
    fn a_bare_saying_word_mid_clause_is_an_ordinary_word() {
        // "tegas" closing a quote reports ("..., tegas Yusran"); after a verb it means
        // "firmly" and has no speaker.
        let f = view(
            "Kami akan menindak tegas siapa pun yang terlibat , tegas Yusran .",
            &[std::ops::Range { start: 10, end: 11 }],
            Lang::ID,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].cue, 9..10);
        assert_eq!(f[0].speaker_mentions, vec![0]);
    }

    #[test]
    fn a_speaker_before_a_place_and_a_time_speaks() {
        // "Kapolres Puncak AKBP Kuswara di Ilaga , Jumat , mengatakan korban ditembak ."
        let f = view(
            "Kapolres Puncak AKBP Kuswara di Ilaga , Jumat , mengatakan korban ditembak .",
            &[std::ops::Range { start: 0, end: 4 }],
            Lang::ID,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].speaker, Some(0..4));
        assert_eq!(f[0].speaker_mentions, vec![0]);
    }

    #[test]
    fn indonesian_kata_and_denial() {
        let f = view(
            "Pasukan Azerbaijan menembaki pos itu , kata Kementerian Pertahanan Armenia .",
            &[0..2, 7..10],
            Lang::ID,
        );
        assert_eq!(f[0].speaker_mentions, vec![1]);
        assert_eq!(f[0].content, 0..6);
        let f = view(
            "Azerbaijan membantah menyerang desa itu .",
            &[std::ops::Range { start: 0, end: 1 }],
            Lang::ID,
        );
        assert_eq!(f[0].kind, FrameKind::Deny);
        assert_eq!(f[0].content, 2..6);
    }

    #[test]
    fn a_closing_cue_reports_only_what_came_before_it() {
        // Hamas(0) could(1) attack(2) ,(3) an(4) Israeli(5) official(6) warned(7) .(8)
        let f = view(
            "Hamas could attack , an Israeli official warned .",
            &[0..1, 5..7],
            Lang::EN,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].speaker_mentions, vec![1]);
        assert_eq!(f[0].content, 0..4);
        // Mid-sentence the verb is no cue: "warned that it would respond" is a threat.
        let f = view(
            "The army warned that it would respond .",
            std::slice::from_ref(&(1..2)),
            Lang::EN,
        );
        assert!(f.is_empty());
        // Nor is a second verb after a coordinator.
        let f = view(
            "He rejected the idea , arguing it fails and warned migration brings problems .",
            std::slice::from_ref(&(0..1)),
            Lang::EN,
        );
        assert!(f.is_empty());
    }
}
