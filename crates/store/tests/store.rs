//! The store's contract, on hand-built records (no extraction): idempotence, crash
//! safety of a batch, duplicate linking, clustering across articles and languages,
//! opposing claims, stable ids, tombstones and the query filters.

use sitrep_core::{
    Attribution, Category, ClaimStatus, DatePrecision, Entity, EventRecord, Place, PlacePrecision,
    TextInfo,
};
use sitrep_store::{
    AddOutcome, DocumentInput, EventFilter, Fingerprint, Store, StoreError, StoreOptions,
};

fn party(text: &str, code: Option<&str>, sector: Option<&str>) -> Entity {
    Entity {
        entity_text: text.into(),
        entity_name: None,
        code: code.map(Into::into),
        sector: sector.map(Into::into),
        office: None,
        start: None,
        end: None,
    }
}

fn place(name: &str, lat: f64, lon: f64, code: &str, admin1: &str) -> Place {
    Place {
        entity_text: name.into(),
        name: name.into(),
        geonameid: None,
        lat,
        lon,
        code: Some(code.into()),
        admin1: Some(admin1.into()),
        admin2: None,
        feature_code: Some("PPL".into()),
        precision: PlacePrecision::Point,
        // Named in the sentence (a guessed place has no offsets).
        start: Some(0),
        end: Some(name.chars().count()),
    }
}

/// The dateline's city standing in for an event place the sentence does not name.
fn dateline_guess(name: &str, lat: f64, lon: f64, code: &str) -> Place {
    Place {
        precision: PlacePrecision::Region,
        start: None,
        end: None,
        ..place(name, lat, lon, code, name)
    }
}

struct Rec {
    category: Category,
    actor: Vec<Entity>,
    recipient: Vec<Entity>,
    date: &'static str,
    loc: Option<Place>,
    status: ClaimStatus,
    claimed_by: Vec<Entity>,
    text: &'static str,
}

impl Rec {
    fn assault(actor: Entity, recipient: Entity, date: &'static str, text: &'static str) -> Rec {
        Rec {
            category: Category::Assault,
            actor: vec![actor],
            recipient: vec![recipient],
            date,
            loc: None,
            status: ClaimStatus::Asserted,
            claimed_by: vec![],
            text,
        }
    }

    fn at(mut self, p: Place) -> Rec {
        self.loc = Some(p);
        self
    }

    fn claimed_by(mut self, who: Entity) -> Rec {
        self.status = ClaimStatus::Claimed;
        self.claimed_by = vec![who];
        self
    }

    fn record(&self, doc_id: &str, seq: usize, lang: &str) -> EventRecord {
        EventRecord {
            schema: sitrep_core::record::SCHEMA_ID.into(),
            id: sitrep_core::ids::stable_id("evr-", &[doc_id, &seq.to_string()]),
            doc_id: doc_id.into(),
            event: self.category,
            mode: None,
            context: vec![],
            quad_code: self.category.quad_code(),
            event_scale: Some(self.category.scale(None)),
            cameo: self.category.default_cameo(None).into(),
            acled_event_type: None,
            acled_sub_event_type: None,
            actor: self.actor.clone(),
            recipient: self.recipient.clone(),
            reciprocal: false,
            date: self.date.into(),
            time: None,
            enddate: None,
            date_precision: DatePrecision::Day,
            date_text: None,
            event_loc: self.loc.clone(),
            places: self.loc.iter().cloned().collect(),
            dead: None,
            injured: None,
            size: None,
            attribution: Attribution {
                status: self.status,
                claimed_by: self.claimed_by.clone(),
                ..Attribution::default()
            },
            negated: false,
            hypothetical: false,
            historical: false,
            event_text: "attacked".into(),
            text: self.text.into(),
            text_info: TextInfo {
                sequence: seq,
                start: 0,
                end: self.text.chars().count(),
            },
            language: lang.into(),
            confidence: 0.8,
            rule: "test".into(),
        }
    }
}

fn doc(id: &str, url: &str, published: &str, text: &str) -> DocumentInput {
    DocumentInput {
        doc_id: id.into(),
        url: Some(url.into()),
        title: None,
        published: Some(published.into()),
        language: None,
        origin: format!("test:{id}"),
        fingerprint: Fingerprint::of(id, text),
    }
}

const WIRE: &str = "Pasukan Azerbaijan menembaki pos militer Armenia di dekat kota Goris pada Senin malam \
    dan menewaskan dua tentara, kata Kementerian Pertahanan Armenia dalam sebuah pernyataan. Serangan itu \
    berlangsung sekitar dua jam dan merusak sejumlah rumah warga di desa terdekat. Azerbaijan belum \
    memberikan tanggapan atas tuduhan tersebut hingga Selasa pagi waktu setempat.";

fn aze() -> Entity {
    party("pasukan Azerbaijan", Some("AZE"), Some("MIL"))
}
fn arm() -> Entity {
    party("pos militer Armenia", Some("ARM"), Some("MIL"))
}
fn goris() -> Place {
    place("Goris", 39.5111, 46.3417, "ARM", "Syunik")
}

fn add(store: &mut Store, d: &DocumentInput, recs: &[EventRecord]) -> AddOutcome {
    let mut w = store.writer().unwrap();
    let out = w.add(d, recs).unwrap();
    w.commit().unwrap();
    out
}

fn all(store: &Store) -> Vec<sitrep_store::StoredEvent> {
    store.query(&EventFilter::default()).unwrap()
}

#[test]
fn ingesting_twice_adds_nothing_and_an_open_batch_leaves_no_trace() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let d = doc(
        "k1",
        "https://internasional.kompas.com/read/1",
        "2022-09-13",
        WIRE,
    );
    let r = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia.",
    )
    .at(goris());
    let recs = [r.record("k1", 0, "id")];
    // A batch dropped without commit (a crash) writes nothing.
    {
        let mut w = store.writer().unwrap();
        w.add(&d, &recs).unwrap();
    }
    assert_eq!(store.stats().unwrap().documents, 0);
    assert!(matches!(
        add(&mut store, &d, &recs),
        AddOutcome::Added {
            mentions: 1,
            new_events: 1,
            ..
        }
    ));
    let before = (store.stats().unwrap(), all(&store));
    assert_eq!(add(&mut store, &d, &recs), AddOutcome::AlreadyIngested);
    assert_eq!(
        store.precheck(&d).unwrap(),
        sitrep_store::Precheck::AlreadyIngested
    );
    assert_eq!((store.stats().unwrap(), all(&store)), before);
}

#[test]
fn syndicated_copies_are_linked_and_counted_once() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let r = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia.",
    )
    .at(goris());
    let a = doc(
        "a",
        "https://www.antaranews.com/berita/1",
        "2022-09-13",
        WIRE,
    );
    add(&mut store, &a, &[r.record("a", 0, "id")]);
    // Same words, another portal: exact duplicate, not read again.
    let b = doc(
        "b",
        "https://aggregator.example.id/antara/1",
        "2022-09-13",
        &WIRE.replace(". ", ".\n"),
    );
    assert_eq!(
        store.precheck(&b).unwrap(),
        sitrep_store::Precheck::ExactDuplicate
    );
    assert_eq!(
        add(&mut store, &b, &[]),
        AddOutcome::ExactDuplicate { of: "a".into() }
    );
    // The wire copy with a byline, a "Baca juga" line and a promo: near duplicate.
    let copy = format!(
        "YEREVAN (ANTARA) - {WIRE}\nBaca juga: Harga emas hari ini turun tipis\nSimak berita pilihan lainnya di kanal WhatsApp kami."
    );
    let c = doc(
        "c",
        "https://regional.example.co.id/read/1",
        "2022-09-13",
        &copy,
    );
    match add(&mut store, &c, &[r.record("c", 0, "id")]) {
        AddOutcome::Added {
            near_duplicate_of: Some((of, sim)),
            ..
        } => {
            assert_eq!(of, "a");
            assert!(sim >= 0.5, "similarity {sim}");
        }
        other => panic!("expected a near duplicate, got {other:?}"),
    }
    let events = all(&store);
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.source_count, e.article_count, e.mention_count),
        (1, 3, 2)
    );
    let kinds: Vec<Option<&str>> = e
        .sources
        .iter()
        .map(|s| s.duplicate_kind.as_deref())
        .collect();
    assert_eq!(kinds, [None, Some("exact"), Some("near")]);
    let stats = store.stats().unwrap();
    assert_eq!((stats.exact_duplicates, stats.near_duplicates), (1, 1));
}

#[test]
fn reports_in_two_languages_merge_and_opposing_claims_stay_visible() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let arm_mod = party("Kementerian Pertahanan Armenia", Some("ARM"), Some("MIL"));
    let aze_mod = party("Azerbaijan's defence ministry", Some("AZE"), Some("MIL"));
    let id_rec = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia, kata Kemhan Armenia.",
    )
    .at(goris())
    .claimed_by(arm_mod);
    add(
        &mut store,
        &doc("k", "https://www.kompas.id/baca/1", "2022-09-13", WIRE),
        &[id_rec.record("k", 0, "id")],
    );
    // The other side's account: roles swapped, a town 20 km away, English.
    let en_rec = Rec::assault(
        party("Armenian forces", Some("ARM"), Some("MIL")),
        party("Azerbaijani army positions", Some("AZE"), Some("MIL")),
        "2022-09-12",
        "Armenian forces fired on Azerbaijani army positions, the Azerbaijani defence ministry said.",
    )
    .at(place("Kornidzor", 39.46, 46.32, "ARM", "Syunik"))
    .claimed_by(aze_mod);
    add(
        &mut store,
        &doc(
            "a",
            "https://apa.az/en/1",
            "2022-09-12",
            "Armenian forces fired on Azerbaijani army positions, the ministry said.",
        ),
        &[en_rec.record("a", 0, "en")],
    );
    // A plain report in English, asserted by the outlet.
    let plain = Rec::assault(
        party("Azerbaijani troops", Some("AZE"), Some("MIL")),
        party("Armenia", Some("ARM"), None),
        "2022-09-12",
        "Azerbaijani troops shelled Armenia near Goris on Monday.",
    )
    .at(goris());
    add(
        &mut store,
        &doc(
            "r",
            "https://www.reuters.com/world/1",
            "2022-09-13",
            "Azerbaijani troops shelled Armenia near Goris on Monday.",
        ),
        &[plain.record("r", 0, "en")],
    );
    let events = all(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    let e = &events[0];
    assert_eq!(e.source_count, 3);
    assert_eq!(e.status, ClaimStatus::Disputed);
    assert_eq!(
        e.actor[0].code.as_deref(),
        Some("AZE"),
        "the outlet's own account leads"
    );
    let claimants: Vec<&str> = e
        .claims
        .iter()
        .flat_map(|c| c.claimed_by.iter().map(String::as_str))
        .collect();
    assert!(
        claimants.iter().any(|c| c.contains("Armenia"))
            && claimants.iter().any(|c| c.contains("Azerbaijan")),
        "{claimants:?}"
    );
    assert_eq!(e.first_seen, "2022-09-12");
    assert_eq!(e.last_seen, "2022-09-13");
}

#[test]
fn other_days_other_places_and_other_parties_are_other_events() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let base = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia.",
    )
    .at(goris());
    add(
        &mut store,
        &doc("1", "https://x.example.com/1", "2022-09-13", "one"),
        &[base.record("1", 0, "id")],
    );
    let later = Rec::assault(
        aze(),
        arm(),
        "2022-09-20",
        "Pasukan Azerbaijan kembali menembaki pos militer Armenia.",
    )
    .at(goris());
    add(
        &mut store,
        &doc("2", "https://x.example.com/2", "2022-09-21", "two"),
        &[later.record("2", 0, "id")],
    );
    let far = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Azerbaijani forces shelled Jermuk.",
    )
    .at(place("Jermuk", 39.84, 45.67, "ARM", "Vayots Dzor"));
    add(
        &mut store,
        &doc("3", "https://x.example.com/3", "2022-09-13", "three"),
        &[far.record("3", 0, "en")],
    );
    let other = Rec::assault(
        party("Turkish army", Some("TUR"), Some("MIL")),
        party("PKK", Some("TUR"), Some("REB")),
        "2022-09-12",
        "The Turkish army attacked PKK positions.",
    );
    add(
        &mut store,
        &doc("4", "https://x.example.com/4", "2022-09-13", "four"),
        &[other.record("4", 0, "en")],
    );
    let events = all(&store);
    assert_eq!(
        events.len(),
        4,
        "{:#?}",
        events
            .iter()
            .map(|e| (&e.date, &e.text))
            .collect::<Vec<_>>()
    );
    assert!(events.iter().all(|e| e.source_count == 1));
}

#[test]
fn a_dateline_guess_does_not_split_an_event_named_elsewhere() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let tha = || party("Thai troops", Some("THA"), Some("MIL"));
    let khm = || party("Cambodian troops", Some("KHM"), Some("MIL"));
    let at_temple = Rec::assault(
        tha(),
        khm(),
        "2024-03-14",
        "Thai and Cambodian troops clashed near the Ta Muen Thom temple.",
    )
    .at(place("Prasat Ta Muen Thom", 14.35, 103.27, "THA", "Surin"));
    add(
        &mut store,
        &doc("1", "https://x.example.com/1", "2024-03-14", "one"),
        &[at_temple.record("1", 0, "en")],
    );
    // Filed from Bangkok, about 300 km away; the sentence names no place.
    let from_bangkok = Rec::assault(
        tha(),
        khm(),
        "2024-03-14",
        "Thai and Cambodian soldiers clashed near an ancient temple on the border.",
    )
    .at(dateline_guess("Bangkok", 13.75, 100.50, "THA"));
    add(
        &mut store,
        &doc("2", "https://x.example.com/2", "2024-03-14", "two"),
        &[from_bangkok.record("2", 0, "en")],
    );
    let events = all(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert_eq!(events[0].source_count, 2);
}

#[test]
fn ids_are_stable_changes_touch_last_modified_and_removals_leave_tombstones() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let r = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia.",
    )
    .at(goris());
    add(
        &mut store,
        &doc("k1", "https://kompas.com/1", "2022-09-13", WIRE),
        &[r.record("k1", 0, "id")],
    );
    let first = all(&store).remove(0);
    std::thread::sleep(std::time::Duration::from_millis(5));
    let before_second = sitrep_store::now_rfc3339();
    // A second report: same event id, new last_modified.
    add(
        &mut store,
        &doc(
            "r1",
            "https://reuters.com/1",
            "2022-09-12",
            "Azerbaijani forces shelled Armenian posts near Goris.",
        ),
        &[r.record("r1", 0, "en")],
    );
    let second = all(&store).remove(0);
    assert_eq!(second.event_id, first.event_id);
    assert!(second.last_modified > first.last_modified);
    assert_eq!(second.source_count, 2);
    // A report of something else, then its article is updated to a different story.
    let protest = Rec {
        category: Category::Protest,
        actor: vec![party("ribuan buruh", Some("IDN"), Some("LAB"))],
        recipient: vec![],
        date: "2022-09-06",
        loc: None,
        status: ClaimStatus::Asserted,
        claimed_by: vec![],
        text: "Ribuan buruh berunjuk rasa di depan Gedung DPR.",
    };
    add(
        &mut store,
        &doc(
            "d1",
            "https://detik.com/1",
            "2022-09-06",
            "Ribuan buruh berunjuk rasa di depan Gedung DPR.",
        ),
        &[protest.record("d1", 0, "id")],
    );
    let protest_id = store
        .query(&EventFilter {
            categories: vec![Category::Protest],
            ..Default::default()
        })
        .unwrap()[0]
        .event_id
        .clone();
    std::thread::sleep(std::time::Duration::from_millis(5));
    let cutoff = sitrep_store::now_rfc3339();
    let updated = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Koreksi: pasukan Azerbaijan menembaki pos Armenia.",
    )
    .at(goris());
    let d1v2 = doc(
        "d1",
        "https://detik.com/1",
        "2022-09-13",
        "Koreksi: pasukan Azerbaijan menembaki pos Armenia.",
    );
    assert_eq!(
        store.precheck(&d1v2).unwrap(),
        sitrep_store::Precheck::Update
    );
    assert!(matches!(
        add(&mut store, &d1v2, &[updated.record("d1", 0, "id")]),
        AddOutcome::Added { updated: true, .. }
    ));
    let gone = store.deletions(&cutoff).unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].event_id, protest_id);
    assert_eq!(gone[0].reason, "retracted");
    assert!(store.event(&protest_id).unwrap().is_none());
    assert!(store.deletions(&before_second[..10]).unwrap().len() == 1);
    let assault = store.event(&first.event_id).unwrap().unwrap();
    assert_eq!(assault.source_count, 3);
    assert!(store.deletions("yesterday").is_err());
}

#[test]
fn batching_does_not_change_the_result() {
    let recs: Vec<(DocumentInput, EventRecord)> = (0..6)
        .map(|i| {
            let id = format!("d{i}");
            let date = [
                "2022-09-12",
                "2022-09-12",
                "2022-09-13",
                "2022-10-01",
                "2022-10-01",
                "2022-09-12",
            ][i];
            let r = Rec::assault(
                aze(),
                arm(),
                date,
                "Pasukan Azerbaijan menembaki pos militer Armenia.",
            )
            .at(goris());
            (
                doc(
                    &id,
                    &format!("https://x.example.com/{i}"),
                    date,
                    &format!("article {i} {WIRE}"),
                ),
                r.record(&id, 0, "id"),
            )
        })
        .collect();
    let mut one = Store::open_in_memory(StoreOptions::default()).unwrap();
    {
        let mut w = one.writer().unwrap();
        for (d, r) in &recs {
            w.add(d, std::slice::from_ref(r)).unwrap();
        }
        w.commit().unwrap();
    }
    let mut many = Store::open_in_memory(StoreOptions::default()).unwrap();
    for (d, r) in &recs {
        add(&mut many, d, std::slice::from_ref(r));
    }
    let strip = |s: &Store| {
        all(s)
            .into_iter()
            .map(|mut e| {
                e.last_modified.clear();
                e
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (strip(&one), strip(&many));
    assert_eq!(a.len(), 2);
    assert_eq!(a, b);
}

#[test]
fn filters_select_events() {
    let mut store = Store::open_in_memory(StoreOptions::default()).unwrap();
    let r = Rec::assault(
        aze(),
        arm(),
        "2022-09-12",
        "Pasukan Azerbaijan menembaki pos militer Armenia di dekat Goris.",
    )
    .at(goris());
    add(
        &mut store,
        &doc("k", "https://kompas.com/1", "2022-09-13", "k"),
        &[r.record("k", 0, "id")],
    );
    add(
        &mut store,
        &doc("r", "https://reuters.com/1", "2022-09-13", "r"),
        &[r.record("r", 0, "en")],
    );
    let papua = Rec::assault(
        party("KKB", Some("IDN"), Some("REB")),
        party("TNI", Some("IDN"), Some("MIL")),
        "2024-03-04",
        "KKB menyerang pos TNI di Distrik Sugapa, Intan Jaya.",
    )
    .at(place("Sugapa", -3.74, 137.03, "IDN", "Central Papua"));
    add(
        &mut store,
        &doc("a", "https://antaranews.com/1", "2024-03-05", "a"),
        &[papua.record("a", 0, "id")],
    );
    let count = |f: EventFilter| store.query(&f).unwrap().len();
    assert_eq!(count(EventFilter::default()), 2);
    assert_eq!(
        count(EventFilter {
            country: Some("idn".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            admin1: Some("syunik".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            from: Some("2023-01-01".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            to: Some("2022-09-12".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            min_sources: Some(2),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("kkb".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("AZE".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            categories: vec![Category::Protest],
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            bbox: Some([95.0, -11.0, 141.0, 6.0]),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            bbox: Some([170.0, -11.0, 50.0, 45.0]),
            ..Default::default()
        }),
        1,
        "antimeridian box holds Goris"
    );
    assert_eq!(
        count(EventFilter {
            text: Some("Sugapa".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            text: Some("menembaki OR menyerang".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            text: Some("pos (TNI)".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            limit: Some(1),
            ..Default::default()
        }),
        1
    );
    assert!(matches!(
        store.query(&EventFilter {
            from: Some("13/09/2022".into()),
            ..Default::default()
        }),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.query(&EventFilter {
            bbox: Some([0.0, 50.0, 1.0, 10.0]),
            ..Default::default()
        }),
        Err(StoreError::Invalid(_))
    ));
}

#[test]
fn files_that_are_not_stores_are_refused_and_stores_reopen() {
    let dir = std::env::temp_dir().join(format!("sitrep-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("notes.db");
    let notes = "these are my notes, not a database, and long enough to have a header page";
    std::fs::write(&text, notes).unwrap();
    let e = Store::open(&text, StoreOptions::default())
        .err()
        .expect("a text file is refused");
    assert!(e.to_string().contains("not an SQLite database"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        notes,
        "the file is left alone"
    );
    let other = dir.join("other.db");
    {
        let c = rusqlite_free_create(&other);
        assert!(c);
    }
    let e = Store::open(&other, StoreOptions::default())
        .err()
        .expect("a foreign database is refused");
    assert!(e.to_string().contains("not a sitrep store"), "{e}");
    let path = dir.join("sitrep.db");
    {
        let mut s = Store::open(&path, StoreOptions::default()).unwrap();
        let r = Rec::assault(aze(), arm(), "2022-09-12", "x").at(goris());
        add(
            &mut s,
            &doc("k", "https://kompas.com/1", "2022-09-13", "k"),
            &[r.record("k", 0, "id")],
        );
        s.set_feed_state(
            "https://kompas.com/rss",
            &sitrep_store::FeedState {
                etag: Some("\"v1\"".into()),
                last_modified: None,
            },
        )
        .unwrap();
    }
    let s = Store::open(&path, StoreOptions::default()).unwrap();
    assert_eq!(s.stats().unwrap().events, 1);
    assert_eq!(
        s.feed_state("https://kompas.com/rss")
            .unwrap()
            .unwrap()
            .etag
            .as_deref(),
        Some("\"v1\"")
    );
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // New stores write 16 KiB pages: a quarter of the write calls of SQLite's default.
    let page_size: i64 = s
        .connection()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page_size, 16384);
    std::fs::remove_dir_all(&dir).ok();
}

/// An SQLite database that is not a store, made through the store's own connection type.
fn rusqlite_free_create(path: &std::path::Path) -> bool {
    let s = Store::open(path, StoreOptions::default()).unwrap();
    s.connection()
        .execute_batch("DROP TABLE meta; CREATE TABLE IF NOT EXISTS photos(id INTEGER);")
        .is_ok()
}
