#!/usr/bin/env python3
"""Builds the English lemmatiser data: lang/en/irregular.tsv, lang/en/lemma-exceptions.tsv
and the rule parity list fixtures/morph/en-rule-parity.tsv.

Rerun (from the repository root):
    python3 -m venv /tmp/morphvenv
    /tmp/morphvenv/bin/pip install wordfreq==3.1.1
    /tmp/morphvenv/bin/pip download --no-deps -d /tmp/morphdl spacy-lookups-data==1.0.5
    /tmp/morphvenv/bin/python scripts/morph/build_en_data.py /tmp/morphdl/spacy_lookups_data-1.0.5-py2.py3-none-any.whl

Sources (see docs/data-licenses/morph.md):
- spacy-lookups-data 1.0.5 (MIT): en_lemma_index / en_lemma_exc / en_lemma_rules, which are
  WordNet 3.0 lemma lists and exception lists (WordNet 3.0 licence, Princeton University);
- wordfreq 3.1.1 English frequencies (data CC BY-SA 4.0), to keep the tables to forms that
  occur in real text and to rank competing lemmas.

Method:
- irregular.tsv: WordNet verb and noun exception forms that no regular spelling rule
  produces (fled, struck, children), restricted to frequent forms, plus be/have/do.
- lemma-exceptions.tsv: for every frequent word ending in -s, -ed or -ing, the lemma WordNet
  supports (via its exception lists and index) is compared with the output of the suffix
  rules in crates/morph/src/en.rs (mirrored below as `rule_lemma`); where they differ, the
  row `form<TAB>lemma` is written (e.g. "developed" -> "develop", "news" -> "news").
- en-rule-parity.tsv: forms with the Python rule output, which a Rust unit test compares
  with the Rust rules so the two copies cannot drift apart.
"""

from __future__ import annotations

import gzip
import json
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOP_N = 80000


def _words(text: str) -> list[str]:
    return text.split()


# Closed-class words and invariant forms WordNet does not list; they are their own lemma.
FUNCTION_WORDS = _words("""
during this his its hers ours yours theirs us thus towards afterwards always perhaps
sometimes besides whereas nevertheless unless regardless less across nothing something
anything everything notwithstanding yes as plus minus versus series species news politics
economics physics mathematics ethics nowadays overseas indoors outdoors upstairs downstairs
sideways whereabouts headquarters lens amongst whilst afterwards backwards forwards
upwards downwards onwards outwards inwards
""")

# Nouns that WordNet also lists as verbs; in news the noun is meant.
NOUN_FIRST = _words("evening morning wedding ceiling building meeting")

# Irregular forms that are more often words of their own: their own lemma is listed first.
SELF_FIRST = _words("wound ground bound rose felt media data bit lay lit")

BE_HAVE_DO = [
    ("am", "be", "present"),
    ("is", "be", "present"),
    ("are", "be", "present"),
    ("was", "be", "past"),
    ("were", "be", "past"),
    ("been", "be", "past"),
    ("being", "be", "ing"),
    ("has", "have", "present"),
    ("had", "have", "past"),
    ("having", "have", "ing"),
    ("does", "do", "present"),
    ("did", "do", "past"),
    ("done", "do", "past"),
    ("doing", "do", "ing"),
    ("goes", "go", "present"),
    ("went", "go", "past"),
    ("gone", "go", "past"),
]


def is_vowel(c: str) -> bool:
    return c in "aeiou"


def has_vowel(s: str) -> bool:
    return any(is_vowel(c) or c == "y" for c in s)


def restore_stem(stem: str) -> str:
    """Mirror of restore_stem in crates/morph/src/en.rs."""
    n = len(stem)
    last = stem[-1]
    prev = stem[-2] if n >= 2 else ""
    prev2 = stem[-3] if n >= 3 else ""
    if last == prev and not is_vowel(last) and last not in "lszf":
        return stem[:-1]
    if last in "eywx":
        return stem
    single_vowel = prev != "" and is_vowel(prev) and not (prev2 != "" and is_vowel(prev2))
    if last in "vucz":
        needs_e = True
    elif last == "s":
        needs_e = prev != "s"
    elif last == "g":
        if prev in ("r", "d", "l"):
            needs_e = True
        elif prev == "n":
            needs_e = prev2 in ("a", "e", "i", "u")
        else:
            needs_e = prev != "" and is_vowel(prev)
    elif last == "l":
        if prev != "" and prev in "bptdgkzcf":
            needs_e = True
        elif prev != "" and prev in "iouya":
            needs_e = single_vowel
        else:
            needs_e = False
    elif last == "m":
        needs_e = single_vowel
    elif last == "n":
        needs_e = single_vowel and prev in ("i", "u", "a")
    elif last == "t":
        if prev == "a":
            needs_e = prev2 not in ("e", "o", "a")
        elif prev in ("o", "u"):
            needs_e = single_vowel
        elif prev == "e":
            needs_e = single_vowel and prev2 in ("l", "p")
        else:
            needs_e = False
    elif last == "r":
        needs_e = single_vowel and prev in ("i", "u", "a")
    elif last in "dpkb":
        needs_e = single_vowel
    elif last == "h":
        needs_e = prev == "t" and prev2 != "" and is_vowel(prev2) and n <= 5
    else:
        needs_e = False
    return stem + "e" if needs_e else stem


def rule_lemma(w: str) -> str | None:
    """Mirror of rule_lemma in crates/morph/src/en.rs."""
    n = len(w)
    if n >= 5 and w.endswith("ing"):
        stem = w[:-3]
        if not has_vowel(stem) or len(stem) < 2:
            return None
        if len(stem) == 2 and stem[1] == "y" and not is_vowel(stem[0]):
            return stem[0] + "ie"
        return restore_stem(stem)
    if n >= 4 and w.endswith("ed"):
        if w.endswith("ied"):
            stem = w[:-3]
            return stem + "ie" if len(stem) <= 1 else stem + "y"
        if w.endswith("eed"):
            return w[:-1]
        stem = w[:-2]
        if not has_vowel(stem) or len(stem) < 2:
            return None
        return restore_stem(stem)
    if n >= 4 and w.endswith("s"):
        if w.endswith(("ss", "us", "is", "ous")):
            return None
        if w.endswith("ies"):
            stem = w[:-3]
            return stem + "ie" if len(stem) <= 1 else stem + "y"
        for tail in ("sses", "xes", "ches", "shes", "zzes", "oes"):
            if w.endswith(tail):
                return w[:-2]
        return w[:-1]
    return None


def regular_forms(lemma: str) -> set[str]:
    """Spellings that ordinary -s/-ed/-ing rules can produce from `lemma`."""
    out = {lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("ie"):
        out.add(lemma[:-2] + "ying")
    if lemma:
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing", lemma + lemma[-1] + "es"}
    if lemma.endswith("c"):
        out |= {lemma + "ked", lemma + "king"}
    return out


def load_lookups(wheel: Path):
    with zipfile.ZipFile(wheel) as z:

        def table(name):
            return json.loads(gzip.decompress(z.read(f"spacy_lookups_data/data/{name}.json.gz")))

        index = {pos: set(v) for pos, v in table("en_lemma_index").items()}
        exc = table("en_lemma_exc")
        rules = table("en_lemma_rules")
    return index, exc, rules


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    from wordfreq import top_n_list, word_frequency

    index, exc, rules = load_lookups(Path(sys.argv[1]))
    top = [w for w in top_n_list("en", TOP_N) if w.isascii() and w.isalpha() and w.islower()]
    topset = set(top)
    freq = {w: word_frequency(w, "en") for w in top}

    def f(w: str) -> float:
        return freq.get(w) or word_frequency(w, "en")

    any_index = set().union(*index.values())

    # --- irregular.tsv
    irregular: list[tuple[str, str, str]] = []
    seen = set()
    for form, lemma, tag in BE_HAVE_DO:
        irregular.append((form, lemma, tag))
        seen.add(form)
    for pos, tag_of in (("verb", lambda fm: "ing" if fm.endswith("ing") else "past"), ("noun", lambda fm: "plural")):
        for form in sorted(exc[pos]):
            if form not in topset or form in seen or not form.isalpha():
                continue
            lemmas = [l for l in exc[pos][form] if l.isalpha() and l != form and form not in regular_forms(l)]
            if not lemmas:
                continue
            lemmas.sort(key=lambda l: -f(l))
            rows = []
            if form in SELF_FIRST:
                rows.append((form, form, "base"))
            rows += [(form, l, tag_of(form)) for l in lemmas]
            # A regular reading of another lemma competes: "leaves" is also leave + -s.
            if pos == "noun":
                for old, new in rules["verb"]:
                    if form.endswith(old):
                        cand = form[: len(form) - len(old)] + new
                        if cand in index["verb"] and cand not in lemmas:
                            rows.append((form, cand, "present"))
                            break
                rows = (
                    rows[:1] + sorted(rows[1:], key=lambda r: -f(r[1]))
                    if form in SELF_FIRST
                    else sorted(rows, key=lambda r: -f(r[1]))
                )
            irregular.extend(rows)
            seen.add(form)

    # Compound plurals in -men (women, gunmen, chairmen), a spelling rule WordNet applies.
    for form in sorted(topset):
        lemma = form[:-3] + "man"
        if form.endswith("men") and form not in seen and lemma in index["noun"]:
            irregular.append((form, lemma, "plural"))
            seen.add(form)

    # --- lemma-exceptions.tsv
    irregular_forms = {r[0] for r in irregular}

    def truth(form: str, rule: str | None) -> str | None:
        """The lemma WordNet supports, or None when the rule output is acceptable."""
        if form in FUNCTION_WORDS or form in NOUN_FIRST:
            return form
        if rule is None and form in any_index:
            return None  # the rules leave a listed word alone (discuss, not "discus")
        cands = []
        for pos in ("verb", "noun"):
            for lemma in exc[pos].get(form, []):
                if lemma.isalpha():
                    cands.append(lemma)
            for old, new in rules[pos]:
                if form.endswith(old) and len(form) > len(old):
                    cand = form[: len(form) - len(old)] + new
                    if cand != form and cand in index[pos]:
                        cands.append(cand)
        if rule in cands:
            return None  # ambiguous forms (striped: strip or stripe) keep the rule's reading
        if cands:
            return max(cands, key=lambda c: (f(c), c))
        if form in any_index:
            return form
        guess = rule_lemma(form)
        if guess is not None and f(guess) >= 1e-6:
            return None  # a real word the lexicon lacks (tweets -> tweet): trust the rules
        return form  # names and other unanalysable words stay whole (reuters, texas)

    exceptions = []
    parity = []
    for form in sorted(topset):
        if form in irregular_forms or len(form) < 4 or not form.endswith(("s", "ed", "ing")):
            continue
        rule = rule_lemma(form)
        if len(parity) < 4000 and f(form) > 2e-6:
            parity.append((form, rule if rule is not None else "-"))
        t = truth(form, rule)
        if t is None:
            continue
        if (rule if rule is not None else form) != t:
            exceptions.append((form, t))

    header_common = (
        "# Generated by scripts/morph/build_en_data.py from spacy-lookups-data 1.0.5 (MIT; WordNet 3.0\n"
        "# lemma tables) and wordfreq 3.1.1 (CC BY-SA 4.0); licence CC BY-SA 4.0. Do not edit: rerun the script.\n"
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. (notice: docs/data-licenses/morph.md)\n"
    )
    (REPO / "lang/en/irregular.tsv").write_text(
        "# Irregular English forms: form<TAB>lemma<TAB>past|ing|present|plural|base, best reading first.\n"
        + header_common
        + "".join(f"{a}\t{b}\t{c}\n" for a, b, c in irregular),
        encoding="utf-8",
    )
    (REPO / "lang/en/lemma-exceptions.tsv").write_text(
        "# Regular-looking English forms the suffix rules in crates/morph/src/en.rs get wrong: form<TAB>lemma.\n"
        + header_common
        + "".join(f"{a}\t{b}\n" for a, b in exceptions),
        encoding="utf-8",
    )
    (REPO / "fixtures/morph/en-rule-parity.tsv").write_text(
        "# Suffix-rule output of the Python mirror in scripts/morph/build_en_data.py: form<TAB>lemma ('-' = none).\n"
        "# The Rust unit test rules_match_the_python_mirror checks crates/morph/src/en.rs against it.\n"
        + "".join(f"{a}\t{b}\n" for a, b in parity),
        encoding="utf-8",
    )
    print(f"irregular rows: {len(irregular)}, exceptions: {len(exceptions)}, parity rows: {len(parity)}")


if __name__ == "__main__":
    main()
