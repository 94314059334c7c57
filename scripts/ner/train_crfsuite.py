#!/usr/bin/env python3
"""Trains a CRFsuite model from the JSON-lines sequences written by `sitrep-ner-train --dump`.

The Rust trainer (`sitrep-ner-train`, using the `crfs` crate) is the reference way to build
data/ner/<lang>.crfsuite. This script runs the same objective through the C implementation of
CRFsuite (python-crfsuite), which is much faster, for sweeping settings on the development set.
Both write the same model format, which `sitrep-ner-train --no-train --out MODEL` scores.

Rerun (from the repository root):
    python3 -m venv /tmp/ner-venv
    /tmp/ner-venv/bin/pip install python-crfsuite==0.9.12
    cargo run --release -p sitrep-ner --bin sitrep-ner-train -- --lang id --dump /tmp/id.jsonl
    /tmp/ner-venv/bin/python scripts/ner/train_crfsuite.py /tmp/id.jsonl /tmp/id.crfsuite --c1 0.1 --c2 0.05
    cargo run --release -p sitrep-ner --bin sitrep-ner-train -- --lang id --no-train --out /tmp/id.crfsuite
"""

import argparse
import json
import sys

import pycrfsuite


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sequences", help="JSON lines from sitrep-ner-train --dump")
    ap.add_argument("model", help="CRFsuite model to write")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--max-iter", type=int, default=300)
    ap.add_argument("--minfreq", type=float, default=0.0)
    args = ap.parse_args()

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    n = 0
    with open(args.sequences, encoding="utf-8") as f:
        for line in f:
            seq = json.loads(line)
            trainer.append(pycrfsuite.ItemSequence(seq["x"]), seq["y"])
            n += 1
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.max_iter,
        "feature.minfreq": args.minfreq,
    })
    trainer.train(args.model)
    last = trainer.logparser.last_iteration or {}
    print(f"{n} sequences; c1 {args.c1} c2 {args.c2}; iterations {last.get('num', '?')}, "
          f"loss {last.get('loss', '?')}", file=sys.stderr)


if __name__ == "__main__":
    main()
