//! End-to-end tests on hand-written news sentences (not from any evaluation set).

use sitrep_core::{Dateline, Document, Lang, PlacePrecision};
use sitrep_segment::Segmenter;

use crate::{EventPlaces, Geoparser, MentionUse, Motion, PlaceMention};

fn geoparser() -> &'static Geoparser {
    use std::sync::OnceLock;
    static G: OnceLock<Geoparser> = OnceLock::new();
    G.get_or_init(|| Geoparser::load().expect("embedded gazetteer loads"))
}

pub(crate) fn doc(lang: Lang, text: &str) -> Document {
    Document {
        id: "t".into(),
        text: text.to_string(),
        language: Some(lang),
        sentences: Segmenter::new(lang).split(text),
        ..Default::default()
    }
}

fn find<'a>(ms: &'a [PlaceMention], text: &str) -> &'a PlaceMention {
    ms.iter()
        .find(|m| m.place.entity_text == text)
        .unwrap_or_else(|| {
            panic!(
                "no mention {text:?} in {:?}",
                ms.iter().map(|m| &m.place.entity_text).collect::<Vec<_>>()
            )
        })
}

/// The places of the event whose trigger is the first `trigger` of `d`, in sentence
/// `sentence`.
fn event_places_of(d: &Document, sentence: usize, trigger: &str, motion: Motion) -> EventPlaces {
    let g = geoparser();
    let ms = g.parse(d);
    let t = d.text.find(trigger).unwrap();
    g.event_places(
        d,
        &ms,
        sentence,
        (t, t + trigger.len()),
        &g.article_places(d, &ms),
        motion,
    )
}

#[test]
fn loads_quickly_and_looks_up() {
    let g = geoparser();
    assert!(g.gazetteer().len() > 200_000);
    assert!(!g.gazetteer().lookup("Yerevan").is_empty());
}

#[test]
fn containment_after_in_holds_for_later_mentions_of_the_name() {
    let d = doc(
        Lang::EN,
        "Flooding cut power to thousands of homes on Friday. The worst damage was in \
         Paris, in Lamar County, Texas, where the river rose overnight. Shelters opened \
         across the region. By Sunday residents of Paris were allowed back home, and \
         Lamar County officials said repairs would take weeks.",
    );
    let ms = geoparser().parse(&d);
    let paris: Vec<&PlaceMention> = ms
        .iter()
        .filter(|m| m.place.entity_text == "Paris")
        .collect();
    assert_eq!(paris.len(), 2, "{ms:?}");
    for m in paris {
        assert_eq!(m.place.code.as_deref(), Some("USA"), "{:?}", m.place);
        assert!((m.place.lat - 33.66).abs() < 0.3, "{:?}", m.place);
    }
}

#[test]
fn resolves_town_with_country_container() {
    let d = doc(
        Lang::EN,
        "Shells landed in Goris, Armenia, on Tuesday, local officials said.",
    );
    let ms = geoparser().parse(&d);
    let goris = find(&ms, "Goris");
    assert_eq!(goris.place.code.as_deref(), Some("ARM"));
    assert_eq!(goris.place.precision, PlacePrecision::Point);
    let arm = find(&ms, "Armenia");
    assert!(arm.container);
    assert_eq!(
        goris.within,
        ms.iter().position(|m| m.place.entity_text == "Armenia")
    );
}

#[test]
fn metonym_capital_is_flagged() {
    let d = doc(Lang::EN, "Moscow said the strikes would continue.");
    let ms = geoparser().parse(&d);
    let m = find(&ms, "Moscow");
    assert!(m.metonym);
    assert_eq!(m.usage, MentionUse::Metonym);
}

#[test]
fn event_place_from_cue_and_dateline_fallback() {
    let mut d = doc(
        Lang::ID,
        "Polisi menangkap tiga orang di Desa Sukamaju. Mereka kemudian dibawa ke kantor.",
    );
    d.dateline = Some(Dateline {
        text: "BANDUNG, KOMPAS.com -".into(),
        place: Some("BANDUNG".into()),
        outlet: None,
        tampered: false,
    });
    let found = event_places_of(&d, 0, "menangkap", Motion::Stays);
    assert!(!found.guessed);
    let (loc, places) = (found.main, found.places);
    let loc = loc.expect("a place");
    assert!(loc.entity_text.ends_with("Sukamaju"), "{}", loc.entity_text);
    assert_eq!(places.len(), 1);
    // The second sentence names no place and the first ties none to "dibawa" by a
    // cue of the second: it borrows the paragraph's place.
    let loc2 = event_places_of(&d, 1, "dibawa", Motion::Stays).main;
    assert!(loc2.is_some_and(|l| l.entity_text.ends_with("Sukamaju")));
}

#[test]
fn dateline_is_the_fallback_with_coarse_precision() {
    let mut d = doc(Lang::ID, "Polisi menangkap tiga orang.\nMereka diperiksa.");
    let none = event_places_of(&d, 0, "menangkap", Motion::Stays);
    assert!(none.main.is_none() && none.places.is_empty() && !none.guessed);
    d.dateline = Some(Dateline {
        text: "BANDUNG, KOMPAS.com -".into(),
        place: Some("BANDUNG".into()),
        outlet: None,
        tampered: false,
    });
    let guess = event_places_of(&d, 0, "menangkap", Motion::Stays);
    assert!(guess.guessed);
    let (loc, places) = (guess.main, guess.places);
    let loc = loc.expect("dateline place");
    assert_eq!(loc.name, "Bandung");
    assert_eq!(loc.code.as_deref(), Some("IDN"));
    assert_eq!(loc.precision, PlacePrecision::Region);
    assert_eq!(loc.start, None);
    assert_eq!(places.len(), 1);
}

fn fixture_scores(file: &str, lang: Lang) -> crate::fixtures::FixtureScores {
    let s = crate::fixtures::score(geoparser(), file, lang);
    for f in &s.failures {
        eprintln!("{f}");
    }
    eprintln!("{s:?}");
    s
}

#[test]
fn english_fixtures_meet_their_bars() {
    let s = fixture_scores(include_str!("../../../fixtures/places/en.jsonl"), Lang::EN);
    assert!(s.sentences >= 30);
    assert!(
        s.found as f64 >= 0.9 * s.expected as f64,
        "recall {}/{}",
        s.found,
        s.expected
    );
    assert!(
        s.resolved as f64 >= 0.9 * s.resolvable as f64,
        "resolved {}/{}",
        s.resolved,
        s.resolvable
    );
    assert!(
        s.usage_right as f64 >= 0.9 * s.found as f64,
        "usage {}/{}",
        s.usage_right,
        s.found
    );
    assert_eq!(s.trap_hits, 0);
    assert!(
        s.events_right as f64 >= 0.8 * s.events as f64,
        "events {}/{}",
        s.events_right,
        s.events
    );
}

#[test]
fn indonesian_fixtures_meet_their_bars() {
    let s = fixture_scores(include_str!("../../../fixtures/places/id.jsonl"), Lang::ID);
    assert!(s.sentences >= 30);
    assert!(
        s.found as f64 >= 0.9 * s.expected as f64,
        "recall {}/{}",
        s.found,
        s.expected
    );
    assert!(
        s.resolved as f64 >= 0.9 * s.resolvable as f64,
        "resolved {}/{}",
        s.resolved,
        s.resolvable
    );
    assert!(
        s.usage_right as f64 >= 0.9 * s.found as f64,
        "usage {}/{}",
        s.usage_right,
        s.found
    );
    assert_eq!(s.trap_hits, 0);
    assert!(
        s.events_right as f64 >= 0.8 * s.events as f64,
        "events {}/{}",
        s.events_right,
        s.events
    );
}

fn rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Timing and memory benchmark: `cargo test --release -p sitrep-places -- --ignored --nocapture bench`.
#[test]
#[ignore]
fn bench_gazetteer() {
    use std::time::Instant;
    let rss0 = rss_kb().unwrap_or(0);
    let t = Instant::now();
    let g = Geoparser::load().unwrap();
    let load = t.elapsed();
    let names = [
        "Yerevan",
        "Kalbajar",
        "Jawa Tengah",
        "Springfield",
        "San Jose",
        "Sisaket",
        "Kharkiv",
        "Moskwa",
    ];
    let n = 200_000;
    let t = Instant::now();
    let mut hits = 0usize;
    for i in 0..n {
        hits += g.gazetteer().lookup(names[i % names.len()]).len();
    }
    let lookup = t.elapsed() / n as u32;
    let t = Instant::now();
    let mut decoded = 0.0;
    for i in 0..n {
        for p in g.gazetteer().lookup(names[i % names.len()]).iter().take(5) {
            decoded += g.gazetteer().record(p.record).map(|r| r.lat).unwrap_or(0.0);
        }
    }
    let lookup_decode = t.elapsed() / n as u32;
    let en = doc(
        Lang::EN,
        "Azerbaijani artillery shelled the village of Sotk in Armenia's Gegharkunik province early on Tuesday, \
         the defence ministry in Yerevan said. Moscow urged both sides to respect the ceasefire agreed in Brussels.\n\
         Residents of Goris said drones flew over the town overnight, while officials in Stepanakert reported \
         damage to homes near Kalbajar.",
    );
    let id = doc(
        Lang::ID,
        "Kelompok kriminal bersenjata menembak seorang tukang ojek di Distrik Sugapa, Kabupaten Intan Jaya, \
         Papua Tengah, Senin pagi. Polisi mengejar pelaku ke arah hutan di dekat Kampung Bilogai.\n\
         Banjir bandang melanda Desa Sukamaju, Kecamatan Cibeber, Kabupaten Cianjur, Jawa Barat.",
    );
    let docs = 4000;
    let t = Instant::now();
    let mut mentions = 0;
    for i in 0..docs {
        mentions += g.parse(if i % 2 == 0 { &en } else { &id }).len();
    }
    let per_doc = t.elapsed() / docs as u32;
    let rss1 = rss_kb().unwrap_or(0);
    let data = super::NAMES_FST.len() + super::RECORDS_BIN.len();
    eprintln!(
        "load {load:?}; lookup {lookup:?} ({hits} postings); lookup+decode 5 {lookup_decode:?} ({decoded:.0}); \
         parse {per_doc:?}/doc ({:.0} docs/s, {mentions} mentions); RSS +{} MB after load and {docs} docs; data {:.1} MB",
        1.0 / per_doc.as_secs_f64(),
        (rss1.saturating_sub(rss0)) / 1024,
        data as f64 / 1e6
    );
    assert!(load.as_millis() <= 200);
    assert!(lookup.as_micros() < 100);
}

#[test]
fn a_feature_named_after_a_small_town_is_not_that_town() {
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "Stocks fell on Wall Street after the strikes, and pilgrims gathered in St. Peter's Square.",
    ));
    assert!(
        ms.iter().all(|m| m.place.code.as_deref() != Some("USA")),
        "{ms:?}"
    );
    // A city's airport is at the city.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "A suicide bomber struck near Kabul Airport on Thursday.",
    ));
    assert_eq!(find(&ms, "Kabul").place.code.as_deref(), Some("AFG"));
}

#[test]
fn a_misspelling_must_lie_near_the_places_the_document_names() {
    // "Greenlane" (an Auckland suburb the gazetteer lacks) is one edit from Greenland.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "Two people were hurt in a crash in Greenlane on Monday, Auckland police said.",
    ));
    assert!(ms.iter().all(|m| m.place.name != "Greenland"), "{ms:?}");
    // Next door it is still read: "Libanon" beside northern Israel is Lebanon.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Setidaknya dua roket ditembakkan dari Libanon ke Israel utara pada Senin.",
    ));
    assert_eq!(find(&ms, "Libanon").place.code.as_deref(), Some("LBN"));
}

#[test]
fn misspelt_names_are_matched_only_where_a_place_is_expected() {
    // "Dnipropetrovk" is one edit from "Dnipropetrovsk"; a locative cue or a
    // containing country says a place stands there.
    for text in [
        "Russian drones struck an energy facility in Dnipropetrovk overnight.",
        "Shelling was reported near Dnipropetrovk, Ukraine, on Monday.",
    ] {
        let ms = geoparser().parse(&doc(Lang::EN, text));
        let m = find(&ms, "Dnipropetrovk");
        assert!(m.fuzzy, "{text}");
        assert_eq!(m.place.code.as_deref(), Some("UKR"), "{text}");
    }
    // Without such a cue an unknown capitalised word is not bent into a place name.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "The talks between Dnipropetrovk officials and the ministry ended without a deal.",
    ));
    assert!(
        ms.iter().all(|m| m.place.entity_text != "Dnipropetrovk"),
        "{ms:?}"
    );
}

#[test]
fn unknown_local_name_before_its_container_is_not_a_foreign_town() {
    // No Lido in Somalia: "Lido" here is a beach of Mogadishu, not the Italian town.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "A car bomb exploded at a cafe on Lido beach, Mogadishu, on Friday night.",
    ));
    assert!(
        ms.iter().all(|m| m.place.code.as_deref() != Some("ITA")),
        "{ms:?}"
    );
    assert!(find(&ms, "Mogadishu").after_unknown);
    // A lower-case kind word between the cue and the unknown name ("di pantai Lido").
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Bom meledak di sebuah kafe di pantai Lido, Mogadishu, pada Jumat malam.",
    ));
    assert!(find(&ms, "Mogadishu").after_unknown, "{ms:?}");
    // A list of capitals is no containment.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "Leaders met in Berlin, Paris and Rome this week.",
    ));
    for city in ["Berlin", "Paris", "Rome"] {
        find(&ms, city);
    }
}

#[test]
fn with_a_dateline_the_lede_place_is_the_better_guess() {
    let mut d = doc(
        Lang::ID,
        "Ratusan mahasiswa menggelar aksi di Abepura, Minggu.\nPolisi membubarkan aksi tersebut.",
    );
    // No dateline: no guess.
    assert!(
        event_places_of(&d, 1, "membubarkan", Motion::Stays)
            .main
            .is_none()
    );
    d.dateline = Some(Dateline {
        text: "Jakarta, CNN Indonesia --".into(),
        place: Some("Jakarta".into()),
        outlet: Some("CNN Indonesia".into()),
        tampered: false,
    });
    let guess = event_places_of(&d, 1, "membubarkan", Motion::Stays);
    assert!(guess.guessed);
    let loc = guess.main.expect("the lede's place");
    assert_eq!(loc.name, "Abepura");
    assert_eq!(loc.precision, PlacePrecision::Area);
}

#[test]
fn an_arrival_happens_at_its_destination() {
    let d = doc(
        Lang::EN,
        "Police deployed 400 officers from Makassar to Jayapura on Friday.",
    );
    let at = |motion: Motion| {
        event_places_of(&d, 0, "deployed", motion)
            .main
            .map(|p| p.name)
    };
    // A deployment happens where it arrives; anything else keeps the nearest place
    // (an evacuation "from Khartoum" happened in Khartoum).
    assert_eq!(at(Motion::Arrives).as_deref(), Some("Jayapura"));
    assert_eq!(at(Motion::Stays).as_deref(), Some("Makassar"));
}

#[test]
fn unknown_villages_keep_their_name_at_the_place_that_holds_them() {
    // The holder named right after the village gives its coordinates, at area precision;
    // the holder itself then only locates the village.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Warga Kampung Yogenggen, Distrik Sinak, Kabupaten Puncak, mengungsi ke gereja.",
    ));
    let v = find(&ms, "Yogenggen");
    assert!(v.local);
    assert_eq!(v.place.geonameid, None);
    assert_eq!(v.place.code.as_deref(), Some("IDN"));
    assert_eq!(v.place.precision, PlacePrecision::Area);
    let holder = ms.iter().find(|m| m.start > v.end && !m.local).unwrap();
    assert!(holder.container, "{ms:?}");
    assert_eq!(
        (v.place.lat, v.place.lon),
        (holder.place.lat, holder.place.lon)
    );
    // Else the latest place named before it.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Banjir melanda Kabupaten Garut. Warga Desa Cikarodot mengungsi ke masjid.",
    ));
    let v = find(&ms, "Cikarodot");
    assert_eq!(
        v.place.admin2.as_deref(),
        Some(find(&ms, "Garut").place.name.as_str())
    );
    // Else the language's home country, at country precision.
    let ms = geoparser().parse(&doc(Lang::ID, "Warga Dusun Wonoboyo menolak tambang."));
    let v = find(&ms, "Wonoboyo");
    assert_eq!(
        (v.place.code.as_deref(), v.place.precision),
        (Some("IDN"), PlacePrecision::Country)
    );
    // English has no home country: an unplaceable village is left out, not put anywhere.
    let ms = geoparser().parse(&doc(
        Lang::EN,
        "Gunmen raided the village of Ungwan Zhibbi overnight.",
    ));
    assert!(ms.iter().all(|m| !m.local), "{ms:?}");
}

#[test]
fn a_village_word_before_a_small_foreign_town_is_a_local_village() {
    // "Desa Bora" in a story set in Sulawesi: not Bora in India, which no other place of
    // the story shares a country with.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Gempa mengguncang Kabupaten Sigi. Warga Desa Bora memblokade jalan.",
    ));
    let v = find(&ms, "Bora");
    assert!(v.local, "{ms:?}");
    assert_eq!(v.place.code.as_deref(), Some("IDN"));
    // The same words in a story about that country keep the town.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Banjir melanda Madhya Pradesh, India. Warga Desa Bora mengungsi.",
    ));
    let v = find(&ms, "Bora");
    assert!(!v.local, "{ms:?}");
    assert_eq!(v.place.code.as_deref(), Some("IND"));
}

#[test]
fn the_town_after_a_street_holds_the_event() {
    // "di Jalan Trikora, Wamena": the street is unknown; Wamena is where it happened.
    let ms = geoparser().parse(&doc(
        Lang::ID,
        "Bentrokan terjadi di Jalan Trikora, Wamena, Senin malam.",
    ));
    assert!(find(&ms, "Wamena").after_unknown, "{ms:?}");
    assert!(ms.iter().all(|m| !m.local), "{ms:?}");
}

#[test]
fn places_listed_or_owned_after_an_event_place_share_its_cue() {
    let tied = |text: &str, trigger: &str| {
        event_places_of(&doc(Lang::EN, text), 0, trigger, Motion::Stays)
            .places
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
    };
    // A multi-word list joiner from places.toml, not only "and".
    let listed = tied(
        "Shells landed in Goris as well as Sisian on Monday.",
        "landed",
    );
    assert!(listed.iter().any(|n| n == "Sisian"), "{listed:?}");
    // A plural possessive: the bare apostrophe is a possessive marker too.
    let owned = tied(
        "Gunmen attacked a checkpoint in the Philippines' southern Sulu province on Monday.",
        "attacked",
    );
    assert!(owned.iter().any(|n| n.contains("Sulu")), "{owned:?}");
}

#[test]
fn a_strike_happens_where_it_hits_not_where_it_came_from() {
    let main = |text: &str, trigger: &str, motion: Motion| {
        event_places_of(&doc(Lang::EN, text), 0, trigger, motion)
            .main
            .map(|p| p.entity_text)
    };
    let text = "Rocket fire from Gaza hit the town of Sderot on Sunday.";
    assert_eq!(
        main(text, "Rocket fire", Motion::Strikes).as_deref(),
        Some("Sderot")
    );
    assert_eq!(
        main(text, "Rocket fire", Motion::Stays).as_deref(),
        Some("Gaza")
    );
    // An origin told for another event in the sentence does not move this one.
    let other = "After rocket fire from Gaza, Israel responded with air strikes on Khan Younis.";
    assert_eq!(
        main(other, "air strikes", Motion::Strikes).as_deref(),
        Some("Khan Younis")
    );
}
