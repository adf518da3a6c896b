"""The cold status-only table of two source trees, on one synthetic corpus, in one run.

Issue 12's limit: the status-only table must not get more than 1.5x slower than
before it (commit ``2dd4eb7``). Each tree runs in its own child process, one after
the other, on the same rule files; each child loads the corpus, then ``--repeat``
times forgets every memo a table builds, collects garbage (untimed) and times
``Corpus.table`` in CPU time (``time.process_time``), then times it again with the
per-stance decisions kept and only the statuses forgotten. Medians are printed,
with the ratio of the cold medians and a check that both trees gave the same
number of cells. The corpus is written by the baseline tree's own
``treatylogic.synth`` (seed 0), which both trees can read.

Usage (the baseline tree checked out beside, e.g. ``git worktree add
/tmp/base-2dd4eb7 2dd4eb7``)::

    python benchmarks/table_vs_base.py --base /tmp/base-2dd4eb7/src --size 20000
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r'''
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
import treatylogic as tl
corpus = tl.load(sys.argv[2])
MEMOS = ("_resolvers", "_compiled_rules", "_rules_by_kind", "_cycles_found", "_verdict_groups",
         "_shared_verdicts", "_shared_plans", "_decisions")
def fresh():
    for memo in MEMOS:
        found = corpus.__dict__.get(memo)
        if found is not None:
            found.clear()  # emptied, not removed: the baseline reads _cycles_found as is
    gc.collect()
cold, kept = [], []
for _ in range(int(sys.argv[3])):
    fresh()
    start = time.process_time()
    table = corpus.table("2000-01-01")
    cold.append(time.process_time() - start)
    for resolver in corpus.__dict__.get("_resolvers", {}).values():
        for name in ("memo", "cyclic", "statuses", "results"):  # statuses only, both trees
            if hasattr(resolver, name):
                getattr(resolver, name).clear()
    gc.collect()
    start = time.process_time()
    corpus.table("2000-01-01")
    kept.append(time.process_time() - start)
print(json.dumps({"cold": cold, "kept": kept, "cells": len(table)}))
'''

WRITE = r'''
import sys
sys.path.insert(0, sys.argv[1])
from treatylogic.synth import write_rules
write_rules(sys.argv[2], int(sys.argv[3]), seed=0)
'''


def run(src: str, folder: str, repeat: int) -> dict[str, object]:
    """One tree's figures, measured in a child process of its own."""
    done = subprocess.run([sys.executable, "-c", CHILD, src, folder, str(repeat)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the baseline tree's src folder")
    parser.add_argument("--current", default=str(Path(__file__).parent.parent / "src"))
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", help="rule files to use instead of a synthetic corpus")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="treatylogic-vs-base-") as scratch:
        folder = args.folder
        if folder is None:  # the baseline's own synthetic corpus: both trees can read it
            subprocess.run([sys.executable, "-c", WRITE, args.base, scratch, str(args.size)],
                           check=True)
            folder = scratch
        rows = {"base": run(args.base, folder, args.repeat),
                "current": run(args.current, folder, args.repeat)}
    for name, row in rows.items():
        cold, kept = row["cold"], row["kept"]
        assert isinstance(cold, list) and isinstance(kept, list)
        print(f"{name:8s} cold median {statistics.median(cold):.3f} s, decisions kept "
              f"{statistics.median(kept):.3f} s, {row['cells']} cells; cold runs "
              + ", ".join(f"{t:.3f}" for t in cold))
    base, current = (statistics.median(r["cold"]) for r in rows.values())  # type: ignore[arg-type]
    print(f"current / base (cold medians): {current / base:.2f}")
    return 0 if rows["base"]["cells"] == rows["current"]["cells"] else 1


if __name__ == "__main__":
    sys.exit(main())
