#!/usr/bin/env python3
"""Builds lang/id/roots.txt: the Indonesian root list the morphological analyser ranks with.

Rerun (from the repository root):
    python3 -m venv /tmp/morphvenv && /tmp/morphvenv/bin/pip install wordfreq==3.1.1
    /tmp/morphvenv/bin/python scripts/morph/build_id_roots.py

Sources (see docs/data-licenses/morph.md):
- wordfreq 3.1.1 Indonesian word frequencies (data CC BY-SA 4.0), the open word list;
- ../shared/data/idner-news-2k/train.txt (MIT), Indonesian news sentences, training split only;
- scripts/morph/id-roots-manual.txt, roots written by hand for the news domain;
- scripts/morph/id-not-roots.txt, candidates rejected by hand (fragments, foreign words);
- scripts/morph/id-whole-words.txt, frequent words kept whole by hand (persen, penting).

Method: every word of the vocabulary is taken apart with Indonesian affix rules in all
possible ways (meN-/peN- with nasal assimilation, di-, ter-, ber-, per-, ke-...-an and
their stacks, suffixes -kan/-i/-an, clitics and particles). Each candidate root collects the
affix patterns it is attested with. A candidate becomes a root when its paradigm is rich
enough (several distinct patterns, or the bare word plus one pattern), unless every one of
its derived forms shares a suffix (then the suffix belongs to the root: "mak" in "makan")
or it is itself an affixed form of another accepted root ("berlaku" = ber- + "laku").
Frequent words that cannot be taken apart into an accepted root are kept whole (function
words, loans, names of institutions). Output: `root<TAB>weight`, weight 1..9 from the
summed frequency of the root's paradigm, used only to break ties between analyses.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
OUT = REPO / "lang" / "id" / "roots.txt"
MANUAL = Path(__file__).with_name("id-roots-manual.txt")
REJECTED = Path(__file__).with_name("id-not-roots.txt")
WHOLE = Path(__file__).with_name("id-whole-words.txt")

VOWELS = set("aeiou")
WORD_RE = re.compile(r"^[a-z]+$")
CLITICS = ("nya", "ku", "mu")
PARTICLES = ("lah", "kah", "pun", "tah")
SUFFIXES = ("kan", "i", "an")


NGE = -1  # menge-/penge-: regular only before one-syllable roots


def syllables(s: str) -> int:
    return len(re.findall(r"[aeiou]+", s))


def nasal_roots(rest: str, pe: bool) -> list[tuple[str, int]]:
    """Roots behind meN-/peN- once "me"/"pe" is removed: (root, penalty); mirrors
    nasal_readings in crates/morph/src/id.rs (penalty 0 = regular allomorph)."""
    out = []
    if rest.startswith("nge") and len(rest) > 4:
        out.append((rest[3:], NGE))  # mengebom; penalty set once the suffix is known
    c0 = rest[:1]
    if rest.startswith("ng"):
        c = rest[2:3]
        if c and c in VOWELS:
            out += [(rest[2:], 0), ("k" + rest[2:], 0), (rest, 2)]  # mengancam, mengecam, menganga
        elif c and c in "ghk":
            out.append((rest[2:], 0))
    elif rest.startswith("ny"):
        if rest[2:3] and rest[2] in VOWELS:
            out += [("s" + rest[2:], 0), (rest, 1)]  # menyerang, menyatakan
    elif c0 == "m":
        c = rest[1:2]
        if c and c in "bfv":
            out.append((rest[1:], 0))
        elif c == "p":
            out.append((rest[1:], 1))  # mempunyai
        elif c and c in VOWELS:
            out += [("p" + rest[1:], 0), (rest, 1)]  # memukul, memakan
    elif c0 == "n":
        c = rest[1:2]
        if c and c in "dcjz":
            out.append((rest[1:], 0))
        elif c and c in "ts":
            out.append((rest[1:], 2))  # mentransfer
        elif c and c in VOWELS:
            out += [("t" + rest[1:], 0), (rest, 1)]  # menembak, menanti
    elif c0 and c0 in "lrwy":
        out.append((rest, 0))
    elif pe and c0 and c0 not in VOWELS:
        out.append((rest, 2))  # pejabat, petugas, peperangan
    return out


def prefix_splits(word: str) -> list[tuple[str, str, int]]:
    """(prefix label, rest, penalty) for every prefix reading of `word`, the empty prefix
    included; mirrors prefix_readings in crates/morph/src/id.rs."""
    n = len(word)
    out = [("", word, 0)]
    for pre, label, minlen in (
        ("memper", "memper", 9),
        ("diper", "diper", 8),
        ("member", "meN+ber", 9),
        ("diber", "di+ber", 8),
        ("pember", "peN+ber", 9),
        ("keber", "ke+ber", 8),
        ("keter", "ke+ter", 8),
    ):
        if n >= minlen and word.startswith(pre):
            out.append((label, word[len(pre) :], 0))
    if word.startswith("me"):
        out += [("meN", r, p) for r, p in nasal_roots(word[2:], False)]
    elif word.startswith("pe"):
        out += [("peN", r, p) for r, p in nasal_roots(word[2:], True)]
    if word.startswith(("kepe", "keme")):
        out += [("ke+peN", r, p) for r, p in nasal_roots(word[4:], True)]
    if n > 4 and word.startswith("di"):
        out.append(("di", word[2:], 0))
    r_then_vowel = n > 3 and word[2] == "r" and word[3] in VOWELS
    if n > 4 and word.startswith("te"):
        if n > 5 and word.startswith("ter"):
            out.append(("ter", word[3:], 0))
        if r_then_vowel:
            out.append(("ter", word[2:], 0))  # terekam
        elif n > 5 and word[3:5] == "er":
            out.append(("ter", word[2:], 1))  # tepercaya
    if n > 4 and word.startswith("be"):
        if n > 5 and word.startswith("ber"):
            out.append(("ber", word[3:], 0))
        if r_then_vowel:
            out.append(("ber", word[2:], 0))  # berencana
        elif n > 5 and word[3:5] == "er":
            out.append(("ber", word[2:], 1))  # bekerja
        elif word.startswith("belajar"):
            out.append(("ber", word[3:], 1))
    if n > 4 and word.startswith("pe"):
        if n > 5 and word.startswith("per"):
            out.append(("per", word[3:], 0))
        if r_then_vowel:
            out.append(("per", word[2:], 0))  # perundingan
        elif word.startswith("pelajar"):
            out.append(("per", word[3:], 1))
    if n > 4 and word.startswith("ke"):
        out.append(("ke", word[2:], 0))
    return out


# Which suffixes each prefix combines with ("" = none).
ALLOWED = {
    "": ("", "kan", "i", "an"),
    "meN": ("", "kan", "i"),
    "memper": ("", "kan", "i"),
    "meN+ber": ("kan",),
    "di": ("", "kan", "i"),
    "diper": ("", "kan", "i"),
    "di+ber": ("kan",),
    "ter": ("", "kan", "i"),
    "ber": ("", "an", "kan"),
    "peN": ("", "an"),
    "peN+ber": ("an",),
    "per": ("", "an", "kan", "i"),
    "ke": ("an",),
    "ke+ber": ("an",),
    "ke+ter": ("an",),
    "ke+peN": ("an",),
}


def strip_clitics(word: str) -> list[str]:
    out = [word]
    for p in PARTICLES:
        if word.endswith(p) and len(word) - len(p) >= 3:
            out.append(word[: -len(p)])
    for w in list(out):
        for c in CLITICS:
            if w.endswith(c) and len(w) - len(c) >= 3:
                out.append(w[: -len(c)])
    return out


def decompose(word: str) -> set[tuple[str, str, str]]:
    """All (root, prefix, suffix) readings of `word` (clitics and particles dropped)."""
    return {(r, p, s) for r, p, s, _ in decompose_ranked(word)}


def decompose_ranked(word: str) -> set[tuple[str, str, str, int]]:
    """Like `decompose`, with the allomorph penalty of each reading."""
    out = set()
    for w in strip_clitics(word):
        for prefix, rest, penalty in prefix_splits(w):
            for suffix in ALLOWED[prefix]:
                if suffix and not rest.endswith(suffix):
                    continue
                root = rest[: -len(suffix)] if suffix else rest
                if len(root) < 2 or not (set(root) & VOWELS):
                    continue
                if prefix == "" and suffix == "" and w != word:
                    continue  # bare word plus clitic: not a pattern of its own
                if penalty == NGE:
                    penalty = 1 if syllables(root) == 1 else 6
                if prefix == "per":
                    penalty += {"": 2, "an": 0}.get(suffix, 1)
                out.add((root, prefix, suffix, penalty))
    return out


def plausible_shape(root: str) -> bool:
    """Indonesian roots have at least three letters, a vowel, and no run of four consonants."""
    return len(root) >= 3 and bool(set(root) & VOWELS) and not re.search(r"[^aeiou]{4}", root)


def load_vocab() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    vocab = {w: f for w, f in get_frequency_dict("id").items() if WORD_RE.match(w)}
    train = SHARED / "data" / "idner-news-2k" / "train.txt"
    if train.exists():
        for line in train.read_text(encoding="utf-8").splitlines():
            tok = line.split(" ")[0].lower()
            if WORD_RE.match(tok):
                vocab[tok] = vocab.get(tok, 0.0) + 1e-6
    else:
        print(f"note: {train} not found, using wordfreq only", file=sys.stderr)
    return vocab


def read_words(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.extend(line.split())
    return words


def main() -> None:
    vocab = load_vocab()
    manual = read_words(MANUAL)
    rejected = set(read_words(REJECTED)) if REJECTED.exists() else set()
    whole = set(read_words(WHOLE)) if WHOLE.exists() else set()
    rejected |= whole  # kept whole below, never a paradigm root

    manual_set = set(manual)
    # Hand-listed roots explain themselves ("merah" is not me- + "rah").
    readings = {w: decompose_ranked(w) for w in vocab if w not in manual_set and w not in whole}
    readings = {w: r for w, r in readings.items() if r}

    def collect(best_only: dict[str, float] | None):
        """Patterns per root; with scores, each word credits only its best-scoring root."""
        patterns: dict[str, set[tuple[str, str]]] = defaultdict(set)
        mass: dict[str, float] = defaultdict(float)
        for word, rs in readings.items():
            cands = [r for r in rs if (r[1] or r[2]) and plausible_shape(r[0])]
            if best_only is not None and cands:

                def rank(r):
                    return best_only.get(r[0], 0.0) - 1.0 * r[3]

                top = max(rank(r) for r in cands)
                if best_only.get(word, 0.0) > top:
                    continue  # the word is a better root itself ("berontak", not ber- + "ontak")
                cands = [r for r in cands if rank(r) == top]
            for root, prefix, suffix, _ in cands:
                if prefix == "" and suffix in ("i", "kan"):
                    continue  # bare imperatives are too rare to tell roots apart
                patterns[root].add((prefix, suffix))
                mass[root] += vocab[word]
        return patterns, mass

    def score(patterns, mass):
        # Distinct affix patterns first; the bare word's own frequency breaks ties
        # ("ditenggelamkan": tenggelam, not tenggelamkan).
        return {
            r: len(p)
            + (1.0 if r in vocab else 0.0)
            + 0.01 * math.log10(mass[r] * 1e9 + 1)
            + 0.05 * math.log10(vocab.get(r, 0.0) * 1e9 + 1)
            for r, p in patterns.items()
        }

    patterns, mass = collect(None)
    for _ in range(3):
        patterns, mass = collect(score(patterns, mass))

    accepted: dict[str, float] = {}
    for root, pats in patterns.items():
        if root in rejected:
            continue
        suffixes = {s for _, s in pats}
        if len(suffixes) == 1 and "" not in suffixes:
            # Every derived form shares the suffix: it belongs to the root ("mak" + -an is
            # "makan"), unless the bare word is the commoner one ("tenggelam").
            (only,) = suffixes
            if vocab.get(root, 0.0) <= vocab.get(root + only, 0.0):
                continue
        prefixes = {p for p, _ in pats if p}
        if not prefixes:
            continue
        if (root in vocab and len(pats) >= 2) or len(pats) >= 3 or len(prefixes) >= 2:
            accepted[root] = mass[root] + vocab.get(root, 0.0)

    def derived_from_accepted(word: str) -> bool:
        for root, prefix, suffix in decompose(word):
            if root != word and root in accepted and (prefix or suffix):
                return True
        # A listed root plus clitic or particle only: "jadinya", "nilainya".
        return any(w != word and w in accepted for w in strip_clitics(word))

    manual_set = set(manual)
    # An accepted root that is itself an affixed form of another accepted root is not a root.
    for root in sorted(accepted):
        if root in manual_set:
            continue
        for r2, prefix, suffix in decompose(root):
            if r2 != root and r2 in accepted and prefix and (prefix, suffix) != ("", ""):
                del accepted[root]
                break

    for word in manual:
        accepted[word] = max(accepted.get(word, 0.0), mass.get(word, 0.0) + vocab.get(word, 0.0), 1e-6)
    paradigm = set(accepted)
    for word in whole:
        accepted[word] = max(vocab.get(word, 0.0), 1e-5)
    # Frequent words that are not affixed forms of an accepted root are kept whole.
    ranked = sorted(vocab.items(), key=lambda kv: -kv[1])[:20000]
    for word, freq in ranked:
        if word in accepted or word in rejected or len(word) < 2:
            continue
        if not derived_from_accepted(word):
            accepted[word] = freq

    lines = [
        "# Indonesian roots for sitrep's morphological analyser: root<TAB>weight:",
        "# 4..9 roots attested with affixes (by paradigm frequency), 1..3 frequent words kept whole,",
        "# 7 words kept whole by hand (scripts/morph/id-whole-words.txt).",
        "# Generated by scripts/morph/build_id_roots.py from wordfreq 3.1.1 (CC BY-SA 4.0), idner-news-2k",
        "# train (MIT) and hand-written roots; licence CC BY-SA 4.0. Do not edit: edit the sources and rerun.",
    ]
    for root in sorted(accepted):
        f = accepted[root]
        # Roots with a paradigm outrank words kept whole (mengecam: kecam before cam).
        if root in whole:
            weight = 7  # decided by hand: must outrank any split of the word
        elif root in paradigm:
            weight = min(9, max(4, round(math.log10(f) + 9)))
        else:
            weight = min(3, max(1, round(math.log10(f) + 8)))
        lines.append(f"{root}\t{weight}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(accepted)} roots to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
