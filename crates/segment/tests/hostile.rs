//! Hostile input: the splitter must never panic, and its offsets must always be valid,
//! whatever bytes a crawler hands it.

use proptest::prelude::*;
use sitrep_core::Lang;
use sitrep_segment::{Segmenter, tokenize};

/// Characters that break naive text code: quotes, dots, brackets, line breaks,
/// zero-width and bidi controls, combining marks, other scripts, emoji.
fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        2 => Just(' '),
        1 => proptest::sample::select(vec![
            '.', '!', '?', '…', '"', '“', '”', '\'', '’', '(', ')', '[', ']', '-', '–', '—', ',', ':', '/',
            '\n', '\r', '\t', '\u{0}', '\u{7}', '\u{200B}', '\u{200D}', '\u{202E}', '\u{FEFF}', '\u{00AD}',
            '\u{0301}', 'é', 'ə', 'Ж', 'ж', 'ع', '中', '😀', '0', '1', '9',
        ]),
    ]
}

fn check(text: &str) {
    for lang in [Lang::ID, Lang::EN, Lang::MS] {
        let seg = Segmenter::new(lang);
        let mut last_end = 0;
        for s in seg.split(text) {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(s.start >= last_end, "sentences overlap");
            assert!(
                !text[s.start..s.end].contains('\n'),
                "sentence spans a line"
            );
            assert!(!s.tokens.is_empty());
            for t in &s.tokens {
                assert!(t.start < t.end && t.start >= s.start && t.end <= s.end);
                assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            }
            last_end = s.end;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_string(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn nasty_strings(chars in proptest::collection::vec(nasty_char(), 0..400)) {
        let text: String = chars.into_iter().collect();
        check(&text);
    }

    #[test]
    fn tokenize_any_range(text in "\\PC{0,200}", a in 0usize..200, b in 0usize..200) {
        let (mut from, mut to) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
        while !text.is_char_boundary(from) { from -= 1; }
        while !text.is_char_boundary(to) { to -= 1; }
        for t in tokenize(&text, from, to) {
            prop_assert!(t.start >= from && t.end <= to && t.start < t.end);
        }
    }
}

#[test]
fn long_lines_and_many_dots_stay_fast() {
    let t = "a. ".repeat(200_000) + &"\"".repeat(50_000) + &"x.y.z.".repeat(50_000);
    let start = std::time::Instant::now();
    let n = Segmenter::new(Lang::ID).split(&t).len();
    assert!(n > 0);
    assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
}
