//! Hostile input: the cleaner must never panic, must bound its work and memory, and
//! must say what it did (warnings) on broken, huge, deep or spoofed input.

use std::sync::OnceLock;
use std::time::Instant;

use proptest::prelude::*;
use sitrep_clean::{CleanInput, Cleaned, Cleaner, Limits};

fn cleaner() -> &'static Cleaner {
    static C: OnceLock<Cleaner> = OnceLock::new();
    C.get_or_init(Cleaner::new)
}

fn clean_text(text: &str) -> Cleaned {
    cleaner().clean(&CleanInput {
        text: Some(text),
        ..Default::default()
    })
}

fn clean_html(html: &str) -> Cleaned {
    cleaner().clean(&CleanInput {
        html: Some(html),
        url: Some("https://news.example.co.id/a/1"),
        ..Default::default()
    })
}

fn codes(c: &Cleaned) -> Vec<&str> {
    c.warnings.iter().map(|w| w.code.as_str()).collect()
}

/// Output invariants: one paragraph per line, no blank or padded lines, no control or
/// zero-width characters left.
fn check_output(c: &Cleaned) {
    for line in c.text.split('\n') {
        assert!(
            !line.is_empty() || c.text.is_empty(),
            "blank line in {:?}",
            c.text
        );
        assert_eq!(line, line.trim(), "untrimmed line");
    }
    assert!(
        !c.text.chars().any(|ch| (ch.is_control() && ch != '\n')
            || matches!(ch, '\u{200B}' | '\u{FEFF}' | '\u{202E}'))
    );
}

fn nasty_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        3 => Just(' '),
        2 => Just('\n'),
        2 => proptest::sample::select(vec![
            '.', ':', '-', '—', '(', ')', '/', '|', '"', '“', '&', ';', '#', '<', '>', '©', '•', '\r', '\t', '\u{0}',
            '\u{1B}', '\u{200B}', '\u{200F}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}', '\u{0301}', 'О', 'о',
            'α', 'ع', '中', '😀', '0', '7',
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in "\\PC{0,400}") {
        check_output(&clean_text(&text));
    }

    #[test]
    fn nasty_text(chars in proptest::collection::vec(nasty_char(), 0..600)) {
        let text: String = chars.into_iter().collect();
        check_output(&clean_text(&text));
    }

    #[test]
    fn junk_and_dateline_shapes(prefix in "(BACA JUGA|Baca juga:|JAKARTA, KOMPAS\\.com -|\\(Reuters\\) -|Foto:|PASIR GUDANG:|\\(idh/imk\\)| - |)", body in "\\PC{0,120}") {
        check_output(&clean_text(&format!("{prefix}{body}\n{body}{prefix}")));
    }

    #[test]
    fn any_html(chars in proptest::collection::vec(prop_oneof![
        Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()), Just("</p>".to_string()),
        Just("<b><i>".to_string()), Just("<table><tr><td>".to_string()), Just("<script>".to_string()),
        Just("</script>".to_string()), Just("<!--".to_string()), Just("-->".to_string()), Just("<br/>".to_string()),
        Just("<a href='x>".to_string()), Just("<figcaption>".to_string()), Just("&amp;".to_string()),
        "[a-zA-Z .,]{1,40}".prop_map(|s| s),
    ], 0..200)) {
        let html: String = chars.concat();
        check_output(&clean_html(&html));
    }
}

#[test]
fn deeply_nested_html_is_read_without_the_dom() {
    let start = Instant::now();
    let html = format!(
        "<html><body>{}<p>Polisi menangkap dua tersangka pencurian kabel di Sleman pada Kamis malam.</p>{}</body></html>",
        "<div><span>".repeat(50_000),
        "</span></div>".repeat(50_000)
    );
    let c = clean_html(&html);
    assert!(codes(&c).contains(&"html-too-deep"), "{:?}", c.warnings);
    assert!(c.text.contains("Polisi menangkap dua tersangka"));
    assert!(start.elapsed().as_secs() < 3, "took {:?}", start.elapsed());
}

#[test]
fn misnested_formatting_tags_do_not_explode() {
    let html = format!(
        "<html><body><article>{}<p>Isi berita yang cukup panjang untuk dibaca sebagai artikel utama halaman ini, dengan beberapa kalimat tambahan.</p></article></body></html>",
        "<b><i><u><font>x".repeat(3000)
    );
    let start = Instant::now();
    let c = clean_html(&html);
    check_output(&c);
    assert!(start.elapsed().as_secs() < 3, "took {:?}", start.elapsed());
}

/// 100 MB inputs with limits small enough for a debug-build test: the cut happens
/// before any per-line or DOM work, so time and memory follow the limit, not the input.
/// (The default limits are exercised at full size by `examples/bench_text.rs`.)
fn small_limits() -> Cleaner {
    Cleaner::new().with_limits(Limits {
        max_text_bytes: 256 << 10,
        max_html_bytes: 512 << 10,
        ..Limits::default()
    })
}

#[test]
fn huge_text_is_cut_with_a_warning() {
    let para = "Banjir merendam ratusan rumah warga di tiga kecamatan setelah hujan deras mengguyur sejak sore hari.\n";
    let text = para.repeat((100 << 20) / para.len());
    let start = Instant::now();
    let c = small_limits().clean(&CleanInput {
        text: Some(&text),
        ..Default::default()
    });
    assert!(codes(&c).contains(&"truncated"), "{:?}", c.warnings);
    assert!(c.text.len() <= 256 << 10);
    assert!(c.text.starts_with("Banjir merendam"));
    assert!(start.elapsed().as_secs() < 3, "took {:?}", start.elapsed());
}

#[test]
fn huge_html_is_cut_with_a_warning() {
    let para = "<p>Harga beras premium di pasar tradisional naik menjadi Rp 18.000 per kilogram pekan ini.</p>\n";
    let html = format!(
        "<html><body><article>{}</article></body></html>",
        para.repeat((100 << 20) / para.len())
    );
    let start = Instant::now();
    let c = small_limits().clean(&CleanInput {
        html: Some(&html),
        ..Default::default()
    });
    assert!(codes(&c).contains(&"truncated"), "{:?}", c.warnings);
    assert!(c.text.contains("Harga beras premium"));
    assert!(start.elapsed().as_secs() < 3, "took {:?}", start.elapsed());
}

#[test]
fn control_invisible_and_spoofed_characters_are_reported() {
    let c = clean_text(
        "JAKARTA, K\u{041E}MPAS.com - Polisi\u{200B} menangkap\u{0007} dua\u{202E} pelaku.",
    );
    let codes = codes(&c);
    assert!(codes.contains(&"control-characters"));
    assert!(codes.contains(&"invisible-characters"));
    assert!(codes.contains(&"mixed-script-words"));
    assert!(codes.contains(&"dateline-outlet-implausible"));
    assert_eq!(c.text, "Polisi menangkap dua pelaku.");
}

#[test]
fn invalid_utf8_read_lossily_is_fine() {
    let bytes = b"Polisi \xff\xfe menangkap dua pelaku.\n\xc3\x28";
    let text = String::from_utf8_lossy(bytes);
    check_output(&clean_text(&text));
}
