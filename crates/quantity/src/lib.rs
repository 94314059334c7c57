//! Counts in text: digits, number words and hedges ("at least 12", "puluhan").

/// A count read from text: `min`..=`max` (`max` None when open-ended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// Lower bound.
    pub min: u64,
    /// Upper bound, None when open ("at least 12", "dozens").
    pub max: Option<u64>,
    /// Index of the first token of the expression in the sentence.
    pub first_token: usize,
    /// Index one past the last token.
    pub end_token: usize,
}
