//! Sentence splitting and tokenisation.
//!
//! Works on the cleaned document text and keeps byte offsets into it, so every later
//! stage (and every record) can point back at the exact words. Language knowledge
//! (abbreviations, titles) comes from `lang/<code>/abbreviations.txt`.

mod tokenize;

use std::collections::HashSet;

use sitrep_core::Lang;
use sitrep_core::document::{Sentence, Token, TokenKind};

pub use tokenize::tokenize;

/// Sentence splitter for one language; build once, use for many documents.
pub struct Segmenter {
    abbreviations: HashSet<String>,
}

impl Segmenter {
    /// Loads the abbreviation list of `lang` (and English, which news in every
    /// language borrows: "U.S.", "Lt. Gen.").
    pub fn new(lang: Lang) -> Segmenter {
        let mut abbreviations = HashSet::new();
        for l in [sitrep_lang::data_language(lang), Lang::EN] {
            if let Some(text) = sitrep_lang::file(l, "abbreviations.txt") {
                abbreviations.extend(sitrep_lang::list(text).map(|s| s.to_lowercase()));
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
        let mut i = 0;
        while i < n {
            let t = tokens[i];
            let s = t.text(text);
            match s {
                "(" | "[" => depth_paren += 1,
                ")" | "]" => depth_paren = (depth_paren - 1).max(0),
                _ => {}
            }
            let terminal = t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "…");
            if !terminal
                || depth_paren > 0
                || (s == "." && i > 0 && self.is_abbreviation(text, &tokens, i))
            {
                i += 1;
                continue;
            }
            // Absorb closing quotes and brackets glued to the mark.
            let mut j = i + 1;
            while j < n && is_closer(tokens[j].text(text)) && tokens[j].start == tokens[j - 1].end {
                j += 1;
            }
            // A boundary needs a plausible sentence start after it.
            if j < n && !starts_sentence(tokens[j].text(text)) {
                i += 1;
                continue;
            }
            out.push(make_sentence(tokens[sent_start..j].to_vec()));
            sent_start = j;
            depth_paren = 0;
            i = j;
        }
        if sent_start < n {
            out.push(make_sentence(tokens[sent_start..].to_vec()));
        }
    }

    fn is_abbreviation(&self, text: &str, tokens: &[Token], dot: usize) -> bool {
        let prev = tokens[dot - 1];
        if prev.end != tokens[dot].start || prev.kind != TokenKind::Word {
            return false;
        }
        let w = prev.text(text);
        let lower = w.to_lowercase();
        if self.abbreviations.contains(lower.trim_end_matches('.')) {
            return true;
        }
        // Single capital initial ("H. Ahmad", "J. Smith").
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return c.is_uppercase();
        }
        // Dotted acronyms tokenised as one word ("U.S" + ".").
        w.contains('.')
    }
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
    fn keeps_numbers_and_dates_in_parentheses() {
        let t = "Serangan terjadi Senin (12/9/2022) pukul 10.30 WIB. Harga Rp 14.900.";
        assert_eq!(texts(Lang::ID, t).len(), 2);
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
