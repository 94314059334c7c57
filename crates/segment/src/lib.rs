//! Sentence splitting and tokenisation.
//!
//! Works on the cleaned document text and keeps byte offsets into it, so every later
//! stage (and every record) can point back at the exact words. Language knowledge
//! (abbreviations, titles) comes from `lang/<code>/abbreviations.txt`.

mod tokenize;

use rustc_hash::FxHashMap as HashMap;

use sitrep_core::Lang;
use sitrep_core::document::{Sentence, Token, TokenKind};

pub use tokenize::tokenize;

/// Longest quotation (bytes) kept in one sentence with its attribution
/// ("\"... . ...,\" kata dia."); longer quotes are split like any text.
const MAX_QUOTE_SPAN: usize = 600;
/// Longest bracketed aside, in bytes, that keeps a sentence open across its periods.
const MAX_PAREN_SPAN: usize = 400;

/// How an abbreviation behaves before a period (second column of `abbreviations.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbrKind {
    /// Never ends a sentence ("dr.", "Brigjen.", "Lt.").
    Plain,
    /// An abbreviation only before a number ("No. 5").
    BeforeNumber,
    /// Often ends a sentence too ("dll.", "Inc."): split when a sentence can start next.
    MayEnd,
}

/// Sentence splitter for one language; build once, use for many documents.
pub struct Segmenter {
    abbreviations: HashMap<String, AbbrKind>,
}

impl Segmenter {
    /// Loads the abbreviation list of `lang` (and English, which news in every
    /// language borrows: "U.S.", "Lt. Gen."); the language's own entries win.
    pub fn new(lang: Lang) -> Segmenter {
        let mut abbreviations = HashMap::default();
        for l in [sitrep_lang::data_language(lang), Lang::EN] {
            if let Some(text) = sitrep_lang::file(l, "abbreviations.txt") {
                for row in sitrep_lang::tsv_rows(text) {
                    let kind = match row.col(1) {
                        "number" => AbbrKind::BeforeNumber,
                        "may-end" => AbbrKind::MayEnd,
                        _ => AbbrKind::Plain,
                    };
                    let word = row.col(0).to_lowercase();
                    let word = word.trim_end_matches('.');
                    if !word.is_empty() {
                        abbreviations.entry(word.to_string()).or_insert(kind);
                    }
                }
            }
        }
        Segmenter { abbreviations }
    }

    /// Splits `text` into sentences with tokens. Line breaks always end a sentence
    /// (cleaned text keeps one paragraph per line).
    pub fn split(&self, text: &str) -> Vec<Sentence> {
        let mut sentences = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let line_end = line_start + line.len();
            let tokens = tokenize(text, line_start, line_end);
            self.split_line(text, tokens, &mut sentences);
            line_start = line_end;
        }
        sentences
    }

    fn split_line(&self, text: &str, tokens: Vec<Token>, out: &mut Vec<Sentence>) {
        let n = tokens.len();
        let mut sent_start = 0;
        let mut depth_paren = 0i32;
        // Token index of the double quote that opened the quotation we are in.
        let mut open_quote: Option<usize> = None;
        let mut i = 0;
        while i < n {
            let t = tokens[i];
            let s = t.text(text);
            match s {
                // A bracket that never closes nearby ("[of the dispute with the [U.S.].")
                // is a typo; it must not hold a whole article in one sentence.
                "(" | "[" if closes_nearby(text, &tokens, i) => depth_paren += 1,
                ")" | "]" => depth_paren = (depth_paren - 1).max(0),
                _ => {}
            }
            if let Some(q) = quote_role(text, &tokens, i) {
                open_quote = match q {
                    Quote::Open => Some(i),
                    Quote::Close => None,
                };
            }
            let terminal = t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "…" | "...");
            if !terminal
                || depth_paren > 0
                || (s == "." && i > 0 && self.is_abbreviation(text, &tokens, i))
                || (s == "." && i == sent_start + 1 && tokens[sent_start].kind == TokenKind::Number)
            {
                i += 1;
                continue;
            }
            // Absorb closing quotes and brackets glued to the mark.
            let mut j = i + 1;
            while j < n && is_closer(tokens[j].text(text)) && tokens[j].start == tokens[j - 1].end {
                if quote_role(text, &tokens, j) == Some(Quote::Close) {
                    open_quote = None;
                }
                j += 1;
            }
            // A boundary needs a plausible sentence start after it.
            if j < n && !starts_sentence(tokens[j].text(text)) {
                i += 1;
                continue;
            }
            // Inside a quotation that ends with its attribution ("...," kata dia), the
            // quoted sentences stay with the attribution.
            if open_quote
                .is_some_and(|q| quote_ends_with_attribution(text, &tokens, j, tokens[q].start))
            {
                i += 1;
                continue;
            }
            out.push(make_sentence(tokens[sent_start..j].to_vec()));
            sent_start = j;
            depth_paren = 0;
            open_quote = None;
            i = j;
        }
        if sent_start < n {
            out.push(make_sentence(tokens[sent_start..].to_vec()));
        }
    }

    /// True when the word after `dot` is itself a plain abbreviation with its period,
    /// the next link of a chain of titles ("Sr. Comr.", "Adj. Sr. Comr.").
    fn title_follows(&self, text: &str, tokens: &[Token], dot: usize) -> bool {
        let (Some(word), Some(period)) = (tokens.get(dot + 1), tokens.get(dot + 2)) else {
            return false;
        };
        word.kind == TokenKind::Word
            && word.end == period.start
            && period.text(text) == "."
            && self
                .abbreviations
                .get(word.text(text).to_lowercase().as_str())
                == Some(&AbbrKind::Plain)
    }

    fn is_abbreviation(&self, text: &str, tokens: &[Token], dot: usize) -> bool {
        let prev = tokens[dot - 1];
        if prev.end != tokens[dot].start || prev.kind != TokenKind::Word {
            return false;
        }
        let next_is_number = tokens
            .get(dot + 1)
            .is_some_and(|t| t.kind == TokenKind::Number);
        // Longest glued run of words and periods before the dot: "S.H", "M.Si", "S.Pd".
        let mut first = dot - 1;
        while first >= 2
            && dot - first < 8
            && tokens[first - 1].end == tokens[first].start
            && tokens[first - 1].text(text) == "."
            && tokens[first - 2].end == tokens[first - 1].start
            && tokens[first - 2].kind == TokenKind::Word
        {
            first -= 2;
        }
        let mut candidates = vec![text[tokens[first].start..prev.end].to_lowercase()];
        if first != dot - 1 {
            candidates.push(prev.text(text).to_lowercase());
        }
        for c in &candidates {
            match self.abbreviations.get(c.trim_end_matches('.')) {
                Some(AbbrKind::Plain) => return true,
                Some(AbbrKind::BeforeNumber) => return next_is_number,
                // "Sr. Comr. Ade said": a title chain goes on; "John Smith Sr. He said" ends.
                Some(AbbrKind::MayEnd) => return self.title_follows(text, tokens, dot),
                None => {}
            }
        }
        let w = prev.text(text);
        // Single capital initial ("H. Ahmad", "J. Smith").
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
        // Dotted acronyms tokenised as one word ("U.S" + ".") or glued runs ("M.Si").
        w.contains('.') || first != dot - 1
    }
}

/// Whether the bracket at token `open` is closed within `MAX_PAREN_SPAN` bytes.
fn closes_nearby(text: &str, tokens: &[Token], open: usize) -> bool {
    let mut depth = 0i32;
    for t in &tokens[open..] {
        if t.end - tokens[open].start > MAX_PAREN_SPAN {
            return false;
        }
        match t.text(text) {
            "(" | "[" => depth += 1,
            ")" | "]" => {
                depth -= 1;
                if depth == 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Open,
    Close,
}

/// Whether token `i` opens or closes a double-quoted passage. Curly quotes say so
/// themselves; a straight quote opens when a space (or the line start) precedes it.
fn quote_role(text: &str, tokens: &[Token], i: usize) -> Option<Quote> {
    match tokens[i].text(text) {
        "“" | "„" | "«" => Some(Quote::Open),
        "”" | "»" => Some(Quote::Close),
        "\"" => {
            let spaced_before = i == 0 || tokens[i - 1].end < tokens[i].start;
            let spaced_after = tokens.get(i + 1).is_none_or(|n| n.start > tokens[i].end);
            if spaced_before && !spaced_after {
                Some(Quote::Open)
            } else {
                Some(Quote::Close)
            }
        }
        _ => None,
    }
}

/// True when the quotation open since byte `quote_start` closes later on the line with
/// an attribution: `...,"` or a closing quote followed by a lower-case word (`" kata dia`).
fn quote_ends_with_attribution(
    text: &str,
    tokens: &[Token],
    from: usize,
    quote_start: usize,
) -> bool {
    for k in from..tokens.len() {
        if tokens[k].end - quote_start > MAX_QUOTE_SPAN {
            return false;
        }
        if quote_role(text, tokens, k) != Some(Quote::Close) {
            continue;
        }
        let before_comma = k > 0 && matches!(tokens[k - 1].text(text), "," | "—" | "–");
        let after_lower = tokens
            .get(k + 1)
            .and_then(|t| t.text(text).chars().next())
            .is_some_and(|c| c.is_lowercase());
        return before_comma || after_lower;
    }
    false
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

fn starts_sentence(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“'‘([«-—".contains(c))
}

fn make_sentence(tokens: Vec<Token>) -> Sentence {
    let start = tokens.first().map(|t| t.start).unwrap_or(0);
    let end = tokens.last().map(|t| t.end).unwrap_or(start);
    Sentence { start, end, tokens }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lang: Lang, t: &str) -> Vec<String> {
        Segmenter::new(lang)
            .split(t)
            .iter()
            .map(|s| s.text(t).to_string())
            .collect()
    }

    #[test]
    fn splits_on_terminal_marks_and_lines() {
        let t = "Pasukan menyerang pos itu. Dua tentara tewas!\nPolisi datang.";
        assert_eq!(
            texts(Lang::ID, t),
            vec![
                "Pasukan menyerang pos itu.",
                "Dua tentara tewas!",
                "Polisi datang."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_titles_and_initials() {
        let t = "Lt. Gen. Smith met U.S. officials on Monday. They agreed.";
        assert_eq!(
            texts(Lang::EN, t),
            vec![
                "Lt. Gen. Smith met U.S. officials on Monday.",
                "They agreed."
            ]
        );
        let t = "Kata dr. Budi dan H. Ahmad di Jl. Sudirman. Mereka pergi.";
        assert_eq!(texts(Lang::ID, t).len(), 2);
    }

    #[test]
    fn an_unclosed_bracket_does_not_swallow_the_article() {
        let t = "We said so since the beginning [of the dispute with the [U.S.]. It will be a stand-alone system. We will not integrate it. Talks resume today.";
        assert_eq!(
            texts(Lang::EN, t),
            vec![
                "We said so since the beginning [of the dispute with the [U.S.].",
                "It will be a stand-alone system.",
                "We will not integrate it.",
                "Talks resume today."
            ]
        );
    }

    #[test]
    fn keeps_numbers_and_dates_in_parentheses() {
        let t = "Serangan terjadi Senin (12/9/2022) pukul 10.30 WIB. Harga Rp 14.900.";
        assert_eq!(texts(Lang::ID, t).len(), 2);
    }

    #[test]
    fn indonesian_titles_ranks_and_degrees() {
        let t = "Kapolda Metro Jaya Irjen Pol. Karyoto dan Brigjen TNI Hendra hadir. Acara dipimpin Prof. Dr. Ir. H. Ahmad, M.Si. bersama Drs. Budi, S.H. di Jl. Merdeka No. 5 Kec. Gambir.";
        assert_eq!(
            texts(Lang::ID, t),
            vec![
                "Kapolda Metro Jaya Irjen Pol. Karyoto dan Brigjen TNI Hendra hadir.",
                "Acara dipimpin Prof. Dr. Ir. H. Ahmad, M.Si. bersama Drs. Budi, S.H. di Jl. Merdeka No. 5 Kec. Gambir."
            ]
        );
    }

    #[test]
    fn abbreviations_that_may_end_a_sentence() {
        let t = "Polisi menyita senjata, amunisi, dll. Tersangka ditahan.";
        assert_eq!(texts(Lang::ID, t).len(), 2);
        let t = "Shares of Apple Inc. rose 2%. The company said no. It declined.";
        assert_eq!(
            texts(Lang::EN, t),
            vec![
                "Shares of Apple Inc. rose 2%.",
                "The company said no.",
                "It declined."
            ]
        );
        let t = "The bill passed as No. 12 on the list.";
        assert_eq!(texts(Lang::EN, t).len(), 1);
        // A rank chain stays whole; the same word at the end of a name still ends.
        let t = "Police spokesman Sr. Comr. Ade Ary said on Wednesday. Adj. Sr. Comr. Budi agreed.";
        assert_eq!(texts(Lang::EN, t).len(), 2);
        let t = "The award went to Martin Luther King Sr. He was absent.";
        assert_eq!(texts(Lang::EN, t).len(), 2);
    }

    #[test]
    fn times_money_and_dates_stay_inside() {
        let t = "Ledakan terjadi Senin (12/9/2022) pukul 10.30 WIB di Jalan Sudirman. Kerugian ditaksir Rp 14.900.000. Polisi berjaga.";
        assert_eq!(
            texts(Lang::ID, t),
            vec![
                "Ledakan terjadi Senin (12/9/2022) pukul 10.30 WIB di Jalan Sudirman.",
                "Kerugian ditaksir Rp 14.900.000.",
                "Polisi berjaga."
            ]
        );
    }

    #[test]
    fn quotes_keep_their_attribution() {
        let t = "\"Serangan itu menewaskan dua warga. Kami mengutuknya,\" kata Kapolres. Polisi masih berjaga.";
        assert_eq!(
            texts(Lang::ID, t),
            vec![
                "\"Serangan itu menewaskan dua warga. Kami mengutuknya,\" kata Kapolres.",
                "Polisi masih berjaga."
            ]
        );
        let t = "“We will respond. We are ready,” he said. Troops moved in.";
        assert_eq!(texts(Lang::EN, t).len(), 2);
        // A quotation closed by its own period, then a new sentence: split.
        let t = "\"Kami siap.\" Kata itu diucapkan komandan. \"Tidak ada yang mundur.\"";
        assert_eq!(texts(Lang::ID, t).len(), 3);
        // A quotation that never closes on the line is split normally.
        let t = "\"Kami sudah menunggu sejak pagi. Bantuan belum datang. Anak-anak mulai sakit.";
        assert_eq!(texts(Lang::ID, t).len(), 3);
    }

    #[test]
    fn credits_lists_and_sentences_never_span_lines() {
        let t = "Petugas memadamkan api (ANTARA/Foto) di Jakarta. Api padam.\n1. Warga diminta waspada.\n2. Posko dibuka";
        let got = texts(Lang::ID, t);
        assert_eq!(
            got,
            vec![
                "Petugas memadamkan api (ANTARA/Foto) di Jakarta.",
                "Api padam.",
                "1. Warga diminta waspada.",
                "2. Posko dibuka"
            ]
        );
        for s in Segmenter::new(Lang::ID).split(t) {
            assert!(!t[s.start..s.end].contains('\n'));
        }
    }

    #[test]
    fn offsets_point_into_the_text() {
        let t = "Gempa M 5,2 mengguncang Cianjur. Warga panik.\nTidak ada korban.";
        for s in Segmenter::new(Lang::ID).split(t) {
            assert_eq!(s.start, s.tokens[0].start);
            assert_eq!(s.end, s.tokens.last().unwrap().end);
            for tok in &s.tokens {
                assert!(tok.start >= s.start && tok.end <= s.end && t.is_char_boundary(tok.start));
            }
        }
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let t = "\"We will respond.\" The minister left.";
        assert_eq!(
            texts(Lang::EN, t),
            vec!["\"We will respond.\"", "The minister left."]
        );
    }
}
