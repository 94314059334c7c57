//! End-to-end tests of `sitrep ingest`, `query`, `export`, `deletions` and `demo` with
//! the real binary: clustering of the multi-outlet fixture, idempotence, a kill in the
//! middle of an ingest, feeds over a local HTTP server, WARC files, and every export
//! format read back by an independent reader (Python's csv, json, zipfile; pyarrow or
//! DuckDB; the geojson package).
//!
//! The Python checks need `pip install pyarrow duckdb geojson` (CI installs them); a
//! missing package is reported as SKIPPED on stderr, never as a pass of a check not run.
//! Set SITREP_PYTHON to choose the interpreter (default `python3`).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn db_in(dir: &Path) -> String {
    dir.join("sitrep.db").display().to_string()
}

fn ok(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "sitrep failed ({:?}):\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn fixture() -> String {
    root()
        .join("fixtures/store/incidents.jsonl")
        .display()
        .to_string()
}

/// Every event of a store, as JSON, sorted by id.
fn events(db: &str) -> Vec<Value> {
    let out = sitrep(
        &["query", "--db", db, "--format", "jsonl", "--limit", "0"],
        None,
    );
    ok(&out);
    let mut v = records(&out);
    v.sort_by(|a, b| a["event_id"].as_str().cmp(&b["event_id"].as_str()));
    v
}

fn without_times(mut events: Vec<Value>) -> Vec<Value> {
    for e in &mut events {
        e["last_modified"] = Value::Null;
    }
    events
}

struct Incident {
    id: String,
    category: String,
    date: chrono::NaiveDate,
    docs: Vec<String>,
    independent: usize,
}

fn incidents() -> Vec<Incident> {
    std::fs::read_to_string(root().join("fixtures/store/incidents.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Incident {
                id: f[0].into(),
                category: f[1].into(),
                date: chrono::NaiveDate::parse_from_str(f[2], "%Y-%m-%d").unwrap(),
                docs: f[3].split(',').map(str::to_string).collect(),
                independent: f[4].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn clustering_fixture_gives_one_event_per_incident_with_all_its_sources() {
    let dir = tmpdir("store-cluster");
    let db = db_in(&dir);
    ok(&sitrep(
        &["ingest", &fixture(), "--db", &db, "--quiet"],
        None,
    ));
    let evs = events(&db);
    let near = |d: &str, day: chrono::NaiveDate| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .is_ok_and(|x| (x - day).num_days().abs() <= 1)
    };
    let mut coded_incidents = 0;
    let mut coded_articles = 0;
    let mut report = Vec::new();
    for inc in incidents() {
        // Events of the incident's category that hold a mention, dated at the incident,
        // from one of its articles.
        let hits: Vec<&Value> = evs
            .iter()
            .filter(|e| {
                e["event"] == inc.category.as_str() && !e["hypothetical"].as_bool().unwrap()
            })
            .filter(|e| {
                e["mentions"].as_array().unwrap().iter().any(|m| {
                    inc.docs.iter().any(|d| m["doc_id"] == d.as_str())
                        && near(m["date"].as_str().unwrap(), inc.date)
                })
            })
            .collect();
        if hits.is_empty() {
            report.push(format!("incident {}: not coded by the engine", inc.id));
            continue;
        }
        coded_incidents += 1;
        assert_eq!(
            hits.len(),
            1,
            "incident {} is split over {} events: {:#?}",
            inc.id,
            hits.len(),
            hits.iter()
                .map(|e| (&e["event_id"], &e["text"], &e["sources"]))
                .collect::<Vec<_>>()
        );
        let e = hits[0];
        let sources: BTreeSet<&str> = e["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["doc_id"].as_str().unwrap())
            .collect();
        // Articles the engine coded for this incident (a mention of the category near the date).
        let coded: BTreeSet<&str> = inc
            .docs
            .iter()
            .map(String::as_str)
            .filter(|d| {
                evs.iter().any(|x| {
                    x["event"] == inc.category.as_str()
                        && x["mentions"].as_array().unwrap().iter().any(|m| {
                            m["doc_id"] == *d && near(m["date"].as_str().unwrap(), inc.date)
                        })
                })
            })
            .collect();
        coded_articles += coded.len();
        for d in &coded {
            assert!(
                sources.contains(d),
                "incident {}: article {d} is not among the event's sources {sources:?}",
                inc.id
            );
        }
        for s in &sources {
            assert!(
                inc.docs.iter().any(|d| d == s),
                "incident {}: event also holds {s}, from another incident",
                inc.id
            );
        }
        // Exact copies are listed with their original.
        if coded.len() == inc.docs.len() - 1 || sources.len() == inc.docs.len() {
            assert_eq!(
                sources.len(),
                inc.docs.len(),
                "incident {}: {sources:?}",
                inc.id
            );
        }
        if sources.len() == inc.docs.len() {
            assert_eq!(
                e["source_count"].as_u64().unwrap() as usize,
                inc.independent,
                "incident {}: independent sources",
                inc.id
            );
        }
        report.push(format!(
            "incident {}: 1 event, {} of {} articles coded, {} sources",
            inc.id,
            coded.len(),
            inc.docs.len(),
            sources.len()
        ));
    }
    eprintln!("{}", report.join("\n"));
    // The fixture is written so the engine codes it; a test passing on nothing would prove nothing.
    assert!(
        coded_incidents >= 10,
        "only {coded_incidents} of 12 incidents coded:\n{}",
        report.join("\n")
    );
    assert!(
        coded_articles >= 28,
        "only {coded_articles} articles coded:\n{}",
        report.join("\n")
    );
    // The two sides' accounts of the Jermuk shelling stay on the merged event.
    let jermuk = evs
        .iter()
        .find(|e| {
            e["sources"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["doc_id"] == "store-fx-05b")
                && e["event"] == "ASSAULT"
        })
        .expect("Jermuk event");
    let claimants: Vec<String> = jermuk["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["claimed_by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
        })
        .collect();
    assert!(
        claimants.iter().any(|c| c.contains("ARM")) && claimants.iter().any(|c| c.contains("AZE")),
        "{claimants:?}"
    );
    assert_eq!(jermuk["status"], "disputed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ingesting_again_adds_nothing() {
    let dir = tmpdir("store-twice");
    let db = db_in(&dir);
    let samples = root().join("samples/articles.jsonl").display().to_string();
    let first = ok(&sitrep(
        &["ingest", &fixture(), &samples, "--db", &db],
        None,
    ));
    assert!(first.contains(" new,"), "{first}");
    let before = events(&db);
    assert!(before.len() > 10);
    let second = ok(&sitrep(
        &["ingest", &fixture(), &samples, "--db", &db],
        None,
    ));
    assert!(second.contains(" 0 new, 0 updated, "), "{second}");
    assert!(second.contains("0 mentions, 0 new events"), "{second}");
    // Not even last_modified moves: nothing changed.
    assert_eq!(events(&db), before);
    std::fs::remove_dir_all(&dir).ok();
}

/// Many distinct articles: the fixture's, each rewritten with its own number and day.
fn big_input(path: &Path, copies: usize) -> usize {
    let base: Vec<Value> = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    let mut n = 0;
    for i in 0..copies {
        for a in &base {
            let mut a = a.clone();
            a["id"] = Value::String(format!("{}-{i}", a["id"].as_str().unwrap()));
            a["url"] = Value::String(format!("{}?copy={i}", a["url"].as_str().unwrap()));
            let text = a["text"].as_str().unwrap().to_string();
            a["text"] = Value::String(format!(
                "{text}\nLaporan tambahan nomor {i} dari meja redaksi {n}."
            ));
            out.push_str(&serde_json::to_string(&a).unwrap());
            out.push('\n');
            n += 1;
        }
    }
    std::fs::write(path, out).unwrap();
    n
}

fn documents_in(db: &str) -> u64 {
    match sitrep_store::Store::open_read_only(Path::new(db)) {
        Ok(s) => s.stats().map(|s| s.documents).unwrap_or(0),
        Err(_) => 0,
    }
}

#[test]
fn a_killed_ingest_loses_nothing_committed_and_duplicates_nothing_on_restart() {
    let dir = tmpdir("store-kill");
    let input = dir.join("many.jsonl");
    let total = big_input(&input, 60);
    let input = input.display().to_string();
    // Reference: one uninterrupted run.
    let clean = dir.join("clean.db").display().to_string();
    ok(&sitrep(
        &[
            "ingest",
            &input,
            "--db",
            &clean,
            "--batch",
            "40",
            "--threads",
            "1",
            "--quiet",
        ],
        None,
    ));
    assert_eq!(documents_in(&clean), total as u64);
    // Interrupted run: SIGKILL once some batches are committed.
    let db = dir.join("killed.db").display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "ingest",
            &input,
            "--db",
            &db,
            "--batch",
            "40",
            "--threads",
            "1",
            "--quiet",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut at_kill = 0;
    while started.elapsed() < Duration::from_secs(120) {
        at_kill = documents_in(&db);
        if at_kill >= 120 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    assert!(
        !finished_early,
        "the ingest finished before it could be killed; make the input larger"
    );
    let committed = documents_in(&db);
    assert!(
        committed >= 120 && committed < total as u64,
        "killed with {committed} of {total} articles stored"
    );
    // What was committed is there; the restart adds the rest exactly once.
    let restart = ok(&sitrep(
        &[
            "ingest",
            &input,
            "--db",
            &db,
            "--batch",
            "40",
            "--threads",
            "1",
            "--quiet",
        ],
        None,
    ));
    assert!(
        restart.contains(&format!("{committed} already stored")),
        "{restart}"
    );
    assert_eq!(documents_in(&db), total as u64);
    let (a, b) = (without_times(events(&clean)), without_times(events(&db)));
    assert_eq!(a.len(), b.len());
    assert!(
        a == b,
        "the restarted store differs from the uninterrupted one"
    );
    eprintln!(
        "killed at {at_kill} (committed {committed}) of {total} articles; restart matched the clean run ({} events)",
        a.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn python() -> String {
    std::env::var("SITREP_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs a Python check; `None` (and a SKIPPED line) when a module it needs is missing.
fn py(script: &str, args: &[&str], needs: &[&str]) -> Option<String> {
    for m in needs {
        let probe = Command::new(python())
            .args(["-c", &format!("import {m}")])
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!(
                "SKIPPED: Python module `{m}` is missing (pip install {m}); that check was not run"
            );
            return None;
        }
    }
    let out = Command::new(python())
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "python check failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

#[test]
fn every_export_is_read_by_an_independent_reader() {
    let dir = tmpdir("store-export");
    let db = db_in(&dir);
    ok(&sitrep(
        &["ingest", &fixture(), "--db", &db, "--quiet"],
        None,
    ));
    let all = events(&db);
    let located = all.iter().filter(|e| !e["event_loc"].is_null()).count();
    assert!(
        located >= 5,
        "the fixture's events should carry places ({located} located)"
    );
    let p = |name: &str| dir.join(name).display().to_string();

    // ACLED: Python's csv module, 31 named columns in ACLED's order.
    let acled = p("events.csv");
    let msg = ok(&sitrep(
        &[
            "export",
            "--db",
            &db,
            "--format",
            "acled",
            "-o",
            &acled,
            "--include-unlocated",
        ],
        None,
    ));
    assert!(msg.contains("written to"), "{msg}");
    let rows = py(
        r#"
import csv, sys
cols = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp".split(",")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = list(csv.reader(f))
assert r[0] == cols, r[0]
assert len(cols) == 31
for row in r[1:]:
    assert len(row) == 31, row
    int(row[2]); int(row[28]); int(row[30])
    assert row[3] in ("1", "2", "3"), row[3]
    if row[22]:
        assert -90 <= float(row[22]) <= 90 and -180 <= float(row[23]) <= 180
        assert row[15] == "" or (row[15].isdigit() and row[17]), row
    assert row[4] in ("Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"), row[4]
print(len(r) - 1)
"#,
        &[&acled],
        &[],
    )
    .unwrap();
    let acled_rows: usize = rows.parse().unwrap();
    assert!(acled_rows >= 8, "{acled_rows} ACLED rows");
    let default_acled = p("located.csv");
    let msg = ok(&sitrep(
        &[
            "export",
            "--db",
            &db,
            "--format",
            "acled",
            "-o",
            &default_acled,
        ],
        None,
    ));
    let located_rows = std::fs::read_to_string(&default_acled)
        .unwrap()
        .lines()
        .count()
        - 1;
    assert!(located_rows <= acled_rows);
    if located_rows < acled_rows {
        assert!(msg.contains("without coordinates left out"), "{msg}");
    }

    // GDELT: 61 tab-separated columns, no header; batches zipped with lastupdate.txt.
    let gdelt = p("events.tsv");
    let batches = dir.join("gdelt");
    ok(&sitrep(
        &[
            "export",
            "--db",
            &db,
            "--format",
            "gdelt",
            "-o",
            &gdelt,
            "--gdelt-batches",
            batches.to_str().unwrap(),
            "--base-url",
            "http://localhost/gdeltv2/",
        ],
        None,
    ));
    let checked = py(
        r#"
import csv, sys, zipfile, hashlib, os
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
assert rows, "no rows"
for r in rows:
    assert len(r) == 61, len(r)
    assert len(r[1]) == 8 and r[1].isdigit(), r[1]
    assert r[26][:2] == r[28] and r[26][:3] == r[27], (r[26], r[27], r[28])
    assert r[29] in "1234"
    float(r[30]); int(r[31]); int(r[32]); int(r[33])
    assert len(r[59]) == 14
d = sys.argv[2]
last = open(os.path.join(d, "lastupdate.txt")).read().split()
assert len(last) == 3 and last[2].startswith("http://localhost/gdeltv2/") and last[2].endswith(".export.CSV.zip")
name = last[2].rsplit("/", 1)[1]
data = open(os.path.join(d, name), "rb").read()
assert int(last[0]) == len(data) and last[1] == hashlib.md5(data).hexdigest()
total = 0
for line in open(os.path.join(d, "masterfilelist.txt")):
    size, md5, url = line.split()
    z = zipfile.ZipFile(os.path.join(d, url.rsplit("/", 1)[1]))
    assert z.testzip() is None
    inner = z.read(z.namelist()[0]).decode("utf-8")
    for l in inner.splitlines():
        assert len(l.split("\t")) == 61
        total += 1
assert total == len(rows), (total, len(rows))
print(len(rows))
"#,
        &[&gdelt, batches.to_str().unwrap()],
        &[],
    )
    .unwrap();
    assert!(checked.parse::<usize>().unwrap() >= 15);

    // GeoJSON: RFC 7946 shape, [lon, lat] order, validated by the geojson package when present.
    let geo = p("events.geojson");
    ok(&sitrep(
        &["export", "--db", &db, "--format", "geojson", "-o", &geo],
        None,
    ));
    let features = py(
        r#"
import json, sys
fc = json.load(open(sys.argv[1], encoding="utf-8"))
assert fc["type"] == "FeatureCollection" and "crs" not in fc
for f in fc["features"]:
    assert f["type"] == "Feature"
    lon, lat = f["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    if f["properties"]["place"] == "Sugapa":
        assert lon > 130 and lat < 0, (lon, lat)
print(len(fc["features"]))
"#,
        &[&geo],
        &[],
    )
    .unwrap();
    assert_eq!(features.parse::<usize>().unwrap(), located);
    if let Some(v) = py(
        "import geojson, sys\nobj = geojson.load(open(sys.argv[1]))\nassert obj.is_valid, obj.errors()\nprint('valid')",
        &[&geo],
        &["geojson"],
    ) {
        assert_eq!(v, "valid");
    }

    // Parquet: read back by pyarrow and by DuckDB, partitions included.
    let pq = dir.join("parquet");
    ok(&sitrep(
        &[
            "export",
            "--db",
            &db,
            "--format",
            "parquet",
            "-o",
            pq.to_str().unwrap(),
        ],
        None,
    ));
    if let Some(n) = py(
        r#"
import sys, pyarrow.dataset as ds
t = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
assert {"event_id", "event_date", "category", "latitude", "source_count", "year", "month"} <= set(t.column_names), t.column_names
assert len(set(t.column("event_id").to_pylist())) == t.num_rows
print(t.num_rows)
"#,
        &[pq.to_str().unwrap()],
        &["pyarrow"],
    ) {
        assert_eq!(n.parse::<usize>().unwrap(), all.len());
    }
    if let Some(n) = py(
        r#"
import sys, duckdb
q = "SELECT count(*), count(DISTINCT event_id), min(event_date) FROM read_parquet('" + sys.argv[1] + "/**/*.parquet', hive_partitioning = true)"
n, distinct, first = duckdb.connect().execute(q).fetchall()[0]
assert n == distinct and str(first) >= "2024-01-01", (n, distinct, first)
print(n)
"#,
        &[pq.to_str().unwrap()],
        &["duckdb"],
    ) {
        assert_eq!(n.parse::<usize>().unwrap(), all.len());
    }

    // JSONL: one merged event per line, what `query --format jsonl` prints.
    let jl = p("events.jsonl");
    ok(&sitrep(
        &[
            "export",
            "--db",
            &db,
            "--format",
            "jsonl",
            "-o",
            &jl,
            "--min-sources",
            "2",
        ],
        None,
    ));
    let lines: Vec<Value> = std::fs::read_to_string(&jl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        !lines.is_empty()
            && lines
                .iter()
                .all(|e| e["source_count"].as_u64().unwrap() >= 2
                    && e["schema"] == "sitrep.cluster/1")
    );
    std::fs::remove_dir_all(&dir).ok();
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Berita Papua</title><language>id</language>
<item><title>KKB serang pos TNI di Sugapa</title><link>http://HOST/read/2024/03/05/kkb-serang-pos</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0900</pubDate>
<content:encoded><![CDATA[<p>Jayapura - Kelompok Kriminal Bersenjata (KKB) menyerang pos TNI di Distrik Sugapa, Kabupaten Intan Jaya, pada Senin (4/3/2024) malam.</p><p>Seorang prajurit tewas dalam serangan itu.</p>]]></content:encoded></item>
<item><title>Polisi ditembak di Ilaga</title><link>http://HOST/read/2024/04/03/polisi-ditembak</link>
<pubDate>Wed, 03 Apr 2024 08:00:00 +0900</pubDate>
<description>KKB menembak seorang anggota Polri di Distrik Ilaga, Kabupaten Puncak, pada Selasa (2/4/2024).</description></item>
<item><title>Hanya tautan</title><link>http://HOST/read/2024/04/04/artikel-lengkap</link></item>
<item><title>Rahasia</title><link>http://HOST/private/2024/04/04/tertutup</link></item>
</channel></rss>"#;

/// A tiny HTTP/1.1 server on 127.0.0.1 for a bounded number of requests; records the
/// request lines and the If-None-Match headers it saw.
fn serve(max_requests: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let host = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (log, host2) = (seen.clone(), host.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max_requests) {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut if_none_match = None;
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
                    break;
                }
                if let Some(v) = h.to_ascii_lowercase().strip_prefix("if-none-match:") {
                    if_none_match = Some(v.trim().to_string());
                }
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            log.lock().unwrap().push(format!(
                "{path} inm={}",
                if_none_match.clone().unwrap_or_default()
            ));
            let (status, ctype, body) = match path.as_str() {
                "/feed.xml" if if_none_match.as_deref() == Some("\"feed-v1\"") => {
                    ("304 Not Modified", "application/rss+xml", String::new())
                }
                "/feed.xml" => (
                    "200 OK",
                    "application/rss+xml",
                    FEED.replace("HOST", &host2),
                ),
                "/robots.txt" => (
                    "200 OK",
                    "text/plain",
                    "User-agent: *\nDisallow: /private/\n".to_string(),
                ),
                p if p.starts_with("/read/") => (
                    "200 OK",
                    "text/html; charset=utf-8",
                    format!(
                        "<html><head><title>Artikel</title></head><body><p>Jayapura - Pasukan TNI menyerang markas KKB di Distrik Kenyam, Kabupaten Nduga, pada Kamis (4/4/2024). Halaman {p}.</p></body></html>"
                    ),
                ),
                _ => ("404 Not Found", "text/plain", "no".to_string()),
            };
            let etag = if path == "/feed.xml" {
                "ETag: \"feed-v1\"\r\n"
            } else {
                ""
            };
            let resp = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{etag}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(resp.as_bytes()).ok();
            let mut rest = Vec::new();
            let _ = reader.read_to_end(&mut rest);
        }
    });
    (host, seen)
}

#[test]
fn feed_urls_use_conditional_get_and_pages_respect_robots() {
    let dir = tmpdir("store-feed");
    let db = db_in(&dir);
    let (host, seen) = serve(12);
    let url = format!("http://{host}/feed.xml");
    // Feed text only: two entries with text, two link-only entries reported.
    let first = ok(&sitrep(&["ingest", &url, "--db", &db, "--quiet"], None));
    assert!(
        first.contains("2 articles read") && first.contains("2 new"),
        "{first}"
    );
    assert!(first.contains("pass --fetch-articles"), "{first}");
    // Second run: the server answers 304 to the saved ETag; nothing is read.
    let second = ok(&sitrep(&["ingest", &url, "--db", &db, "--quiet"], None));
    assert!(second.contains("0 articles read"), "{second}");
    let log = seen.lock().unwrap().clone();
    assert_eq!(log[0], "/feed.xml inm=");
    assert_eq!(log[1], "/feed.xml inm=\"feed-v1\"", "{log:?}");
    // A fresh store with page fetching: robots.txt keeps /private/ out.
    let db2 = dir.join("pages.db").display().to_string();
    let pages = ok(&sitrep(
        &["ingest", &url, "--db", &db2, "--fetch-articles", "--quiet"],
        None,
    ));
    assert!(pages.contains("robots.txt"), "{pages}");
    assert!(pages.contains("3 articles read"), "{pages}");
    let log = seen.lock().unwrap().clone();
    assert!(log.iter().any(|l| l.starts_with("/robots.txt")), "{log:?}");
    assert!(
        !log.iter().any(|l| l.starts_with("/private/")),
        "a disallowed page was fetched: {log:?}"
    );
    // Only http(s).
    let bad = sitrep(&["ingest", "ftp://example.com/feed", "--db", &db], None);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("only http:// and https://"));
    std::fs::remove_dir_all(&dir).ok();
}

/// One WARC record, gzipped on its own as Common Crawl writes them.
fn warc_record(kind: &str, url: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-03-06T02:00:00Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        "6a2f1c1e-0000-4000-8000-000000000001",
        payload.len()
    )
    .into_bytes();
    rec.extend_from_slice(payload);
    rec.extend_from_slice(b"\r\n\r\n");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&rec).unwrap();
    enc.finish().unwrap()
}

#[test]
fn warc_files_are_ingested_like_common_crawl_publishes_them() {
    let dir = tmpdir("store-warc");
    let db = db_in(&dir);
    let mut warc = Vec::new();
    warc.extend(warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: sitrep-test\r\n",
    ));
    let fixture_docs: Vec<Value> = std::fs::read_to_string(fixture())
        .unwrap()
        .lines()
        .take(6)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for a in &fixture_docs {
        let url = a["url"].as_str().unwrap();
        warc.extend(warc_record(
            "request",
            url,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        ));
        let html = format!(
            "<html><head><title>{}</title><meta property=\"article:published_time\" content=\"{}\"></head><body>{}</body></html>",
            a["title"].as_str().unwrap(),
            a["published"].as_str().unwrap(),
            a["text"]
                .as_str()
                .unwrap()
                .lines()
                .map(|l| format!("<p>{l}</p>"))
                .collect::<String>()
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n{html}",
            html.len()
        );
        warc.extend(warc_record(
            "response",
            url,
            "application/http; msgtype=response",
            http.as_bytes(),
        ));
    }
    warc.extend(warc_record(
        "response",
        "https://x.example.com/logo.png",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
    ));
    let path = dir.join("CC-MAIN-20240306-00000.warc.gz");
    std::fs::write(&path, &warc).unwrap();
    let p = path.display().to_string();
    let first = ok(&sitrep(&["ingest", &p, "--db", &db, "--quiet"], None));
    assert!(
        first.contains("6 articles read") && first.contains("6 new"),
        "{first}"
    );
    let evs = events(&db);
    assert!(
        evs.iter().any(|e| e["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["url"] == fixture_docs[0]["url"])),
        "no event from the WARC pages"
    );
    let again = ok(&sitrep(&["ingest", &p, "--db", &db, "--quiet"], None));
    assert!(again.contains("6 already stored"), "{again}");
    // A truncated WARC file is an error naming the record, not a crash.
    let cut = dir.join("cut.warc.gz");
    std::fs::write(&cut, &warc[..warc.len() / 2]).unwrap();
    let out = sitrep(
        &["ingest", cut.to_str().unwrap(), "--db", &db, "--quiet"],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cut.warc.gz"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn demo_query_and_deletions_speak_clearly() {
    let dir = tmpdir("store-demo");
    let db = db_in(&dir);
    let out = sitrep(&["demo", "--db", &db], None);
    ok(&out);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("EVENT") && table.contains("WHO → WHOM"),
        "{table}"
    );
    assert!(
        table.contains("reported by two or more independent outlets"),
        "{table}"
    );
    let q = sitrep(
        &[
            "query",
            "--db",
            &db,
            "--min-sources",
            "2",
            "--format",
            "jsonl",
        ],
        None,
    );
    ok(&q);
    assert!(
        records(&q)
            .iter()
            .all(|e| e["source_count"].as_u64().unwrap() >= 2)
    );
    let mut by_cat: BTreeMap<String, usize> = BTreeMap::new();
    for e in records(&q) {
        *by_cat
            .entry(e["event"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert!(
        by_cat.get("ASSAULT").copied().unwrap_or(0) >= 3,
        "{by_cat:?}"
    );
    let text = sitrep(
        &[
            "query", "--db", &db, "--text", "Sugapa", "--format", "jsonl",
        ],
        None,
    );
    ok(&text);
    assert!(!records(&text).is_empty());
    for (args, needle) in [
        (vec!["query", "--db", &db, "--bbox", "1,2,3"], "--bbox"),
        (vec!["query", "--db", &db, "--from", "5 March"], "--from"),
        (
            vec!["query", "--db", &db, "--category", "FIGHTING"],
            "unknown PLOVER category",
        ),
        (
            vec!["deletions", "--db", &db, "--since", "last week"],
            "--since",
        ),
        (
            vec!["export", "--db", &db, "--format", "xlsx"],
            "unknown format",
        ),
        (
            vec!["export", "--db", &db, "--format", "parquet"],
            "--output DIR",
        ),
        (
            vec!["query", "--db", "/nonexistent/dir/x.db"],
            "no store at",
        ),
    ] {
        let out = sitrep(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let d = sitrep(
        &[
            "deletions",
            "--db",
            &db,
            "--since",
            "2000-01-01",
            "--format",
            "jsonl",
        ],
        None,
    );
    ok(&d);
    assert!(
        records(&d).is_empty(),
        "a fresh demo store has no tombstones"
    );
    std::fs::remove_dir_all(&dir).ok();
}
