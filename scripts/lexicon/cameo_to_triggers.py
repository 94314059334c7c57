#!/usr/bin/env python3
"""Convert the PETRARCH2/Phoenix CAMEO verb dictionary (MIT, Open Event Data Alliance)
into sitrep's English trigger format, mapping CAMEO codes to PLOVER 2.0 with the
CAMEO2PLOVER-2021 table (CC BY-SA 4.0, Open Event Data Alliance).

Rerun from the repository root (needs only Python 3 and ../shared):
    python3 scripts/lexicon/cameo_to_triggers.py ../shared

Writes lang/en/triggers.cameo.tsv and lang/en/classes.cameo.tsv (generated: do not
edit by hand; curated entries go in lang/en/triggers.tsv, which wins on conflicts).

What is kept, and why (the full dictionary over-codes: a DESTROY block makes "beat"
and "master" violent, the classic GDELT sports false positive):
  - verbs that carry their own code on their line ("ASSASSINATE", "DEFY ... [120]");
  - the verb named in a block header, with the header's code;
  - object patterns "- * WORDS [code]  # VERB", attached to the verb(s) named in the
    comment, with at most three content words;
  - synonym sets (&WEAPON ...) become word classes referenced as @weapon;
  - patterns listed in scripts/lexicon/cameo_stop_patterns.txt (routine procedures);
  - single verbs listed in scripts/lexicon/cameo_stop_verbs.txt (mental states,
    perception, generic verbs) are dropped.
Codes 01x (public statements) and those without a PLOVER category are dropped;
02x (appeals) map to REQUEST like 10x.
"""
import re
import sys
from pathlib import Path

shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
root = Path(__file__).resolve().parents[2]
verbs_path = shared / "data/phoenix-dictionaries/CAMEO.2.0.txt"
table_path = shared / "ontology/CAMEO2PLOVER-2021.txt"

# ---- CAMEO -> PLOVER table
plover = {}
for line in table_path.read_text(encoding="utf-8").splitlines():
    m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*),\s*([^#]*)", line)
    if not m:
        continue
    code, cat, mode, ctx = m.group(1), m.group(2), m.group(3).strip(), m.group(4).strip()
    modes_ok = {
        "CONSULT": {"visit", "third-party", "multilateral", "phone"},
        "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
        "REQUEST": {"assist", "change", "yield", "meet"},
        "REJECT": {"assist", "change", "yield", "meet"},
        "ACCUSE": {"disapprove", "investigate", "allege"},
        "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
        "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
        "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
        "MOBILIZE": {"troops", "weapons", "police", "militia"},
        "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
                   "withhold", "misinformation", "cyber"},
        "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                    "firearms", "explosives", "suicide-attack", "aerial", "drone",
                    "heavy-weapons", "crowd-control", "unconventional"},
    }
    mode = mode.replace(" ", "")
    if mode == "assassinate":
        mode = "targeted"
    if mode not in modes_ok.get(cat, set()):
        mode = ""
    contexts = [c.strip().replace(" ", "_") for c in ctx.split(";") if c.strip()]
    contexts = [c for c in contexts if re.fullmatch(r"[a-z_]+", c)]
    plover[code] = (cat, mode, ",".join(contexts))


def to_plover(code):
    code = code.strip()
    if not code or code.startswith("-"):
        return None
    if code.startswith("02"):  # appeals: CAMEO 02x mirrors 10x demands
        code = "10" + code[2:]
    for c in (code, code[:3]):
        if c in plover:
            return plover[c]
    return None


def parse_code(s):
    m = re.search(r"\[([^\]]*)\]", s)
    if not m:
        return None
    c = m.group(1).strip()
    c = c.split(":")[0] if not c.startswith(":") else ""
    return c if re.fullmatch(r"\d{3,4}", c) else None


def norm_word(w):
    w = w.strip().strip("_").lower().replace("_", " ")
    return w


stop = set(
    w.strip() for w in (root / "scripts/lexicon/cameo_stop_verbs.txt").read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)
stop_patterns = set(
    w.strip()
    for w in (root / "scripts/lexicon/cameo_stop_patterns.txt").read_text(encoding="utf-8").splitlines()
    if w.strip() and not w.startswith("#")
)
rows = {}
classes = {}
lines = verbs_path.read_text(encoding="latin-1").splitlines()
in_synsets = False
cur_class = None
block_code = None
block_head = None
block_verbs = []
for raw in lines:
    line = raw.split("#", 1)[0].rstrip() if not raw.startswith("- ") else raw.rstrip()
    if raw.startswith("####### SYNONYM SETS"):
        in_synsets = True
        continue
    if raw.startswith("####### VERB PATTERNS"):
        in_synsets = False
        continue
    if in_synsets:
        if raw.startswith("&"):
            cur_class = raw[1:].strip().rstrip("_").lower()
            classes.setdefault(cur_class, set())
        elif raw.startswith("+") and cur_class:
            w = norm_word(raw[1:].split("#")[0])
            if w and re.fullmatch(r"[a-z][a-z' -]*", w):
                classes[cur_class].add(w)
        continue
    m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", raw)
    if m:
        block_head = norm_word(m.group(1))
        c = m.group(2).strip()
        block_code = c if re.fullmatch(r"\d{3,4}", c) else None
        block_verbs = []
        if block_code and re.fullmatch(r"[a-z]+", block_head) and block_head not in stop:
            p = to_plover(block_code)
            if p:
                rows.setdefault(block_head, (p, block_code, "header"))
        continue
    if not raw.strip() or raw.startswith("#"):
        continue
    if raw.startswith("- "):
        code = parse_code(raw)
        if not code:
            continue
        p = to_plover(code)
        if not p:
            continue
        body = raw[2:].split("[", 1)[0]
        comment = raw.split("#", 1)[1] if "#" in raw else ""
        if not body.strip().startswith("*"):
            continue  # subject-constrained patterns need a parser; skipped
        words = []
        ok = True
        for tok in re.findall(r"[&]?[A-Za-z][A-Za-z_'\-]*|\$|\^|%", body.split("*", 1)[1]):
            if tok in ("$", "^", "%"):
                continue
            if tok.startswith("&"):
                words.append("@" + tok[1:].rstrip("_").lower())
            else:
                words.append(norm_word(tok))
        content = [w for w in words if w]
        if not content or len(content) > 3:
            continue
        verbs = [norm_word(v) for v in re.split(r"[ ,]+", comment) if re.fullmatch(r"[A-Z_]+", v.strip())]
        verbs = [v for v in verbs if v and re.fullmatch(r"[a-z][a-z ]*", v)] or [block_head]
        for v in verbs:
            if not v:
                continue
            pattern = " ".join([v, "*"] + content)
            rows.setdefault(pattern, (p, code, "pattern"))
        continue
    # verb line: BASE {FORMS} [code]
    code = parse_code(line)
    m = re.match(r"^\+?([A-Z_\-]+)", line.strip())
    if not m:
        continue
    base = norm_word(m.group(1))
    if not base or not re.fullmatch(r"[a-z][a-z \-]*", base):
        continue
    block_verbs.append(base)
    if code and base not in stop:
        p = to_plover(code)
        if p:
            rows[base] = (p, code, "verb")

# CAMEO 043 patterns whose subject is the visitor, not the host.
GUEST_SUBJECT = {"receive * welcome"}

out = root / "lang/en/triggers.cameo.tsv"
with out.open("w", encoding="utf-8") as f:
    f.write("# GENERATED by scripts/lexicon/cameo_to_triggers.py from the PETRARCH2/Phoenix CAMEO verb\n")
    f.write("# dictionary (MIT, Open Event Data Alliance) and CAMEO2PLOVER-2021 (CC BY-SA 4.0). Do not edit:\n")
    f.write("# curated entries in lang/en/triggers.tsv override these.\n")
    f.write("# pattern\tcategory\tmode\tcontext\tflags\n")
    for pattern in sorted(rows):
        if pattern in stop_patterns:
            continue
        (cat, mode, ctx), code, src = rows[pattern]
        flags = [f"cameo={code}", "weak"]
        # CAMEO 043 "host a visit": the subject hosts, PLOVER codes the visitor as actor
        # (but in "received a warm welcome" the subject is the guest).
        if code == "043" and cat == "CONSULT" and pattern not in GUEST_SUBJECT:
            flags.append("host")
        f.write(f"{pattern}\t{cat}\t{mode or '-'}\t{ctx or '-'}\t{','.join(flags)}\n")
outc = root / "lang/en/classes.cameo.tsv"
with outc.open("w", encoding="utf-8") as f:
    f.write("# GENERATED by scripts/lexicon/cameo_to_triggers.py from CAMEO.2.0.txt synonym sets (MIT).\n")
    f.write("# class\tword\n")
    for c in sorted(classes):
        for w in sorted(classes[c]):
            f.write(f"{c}\t{w}\n")
print(f"wrote {len(set(rows) - stop_patterns)} trigger rows to {out.relative_to(root)}, "
      f"{sum(len(v) for v in classes.values())} class words to {outc.relative_to(root)}")
