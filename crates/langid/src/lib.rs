//! Language identification restricted to the languages sitrep supports.

use sitrep_core::Lang;

/// Identifies the language of `text`; `None` when it cannot tell.
pub fn detect(text: &str) -> Option<Lang> {
    // Placeholder: function-word vote until the lingua-based detector lands.
    let lower = text.to_lowercase();
    let id = [" yang ", " dan ", " di ", " dengan ", " ini ", " itu ", " untuk ", " dari "];
    let en = [" the ", " and ", " of ", " to ", " in ", " that ", " with ", " for "];
    let count = |ws: &[&str]| ws.iter().map(|w| lower.matches(w).count()).sum::<usize>();
    let (a, b) = (count(&id), count(&en));
    if a == 0 && b == 0 {
        None
    } else if a >= b {
        Some(Lang::ID)
    } else {
        Some(Lang::EN)
    }
}
