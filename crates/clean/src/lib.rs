//! Cleaning: turns raw input text into the article text events are read from.

/// Normalises line endings and strips control characters; placeholder until the
/// junk-line remover lands.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
