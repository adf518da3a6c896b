"""Benchmark: the HTML report on synthetic corpora of N instruments x 5 stances.

For each size (default 300 / 1,000 / 3,000; ``--sizes``) a synthetic corpus
(:mod:`treatylogic.synth`, seeded) is drawn, then ``write_report`` is timed in
CPU seconds (``time.process_time``: other work on the machine does not count) as
the median of ``--repeat`` runs, each on a corpus freshly drawn (so no memo of
an earlier run helps), twice: with the choice of party (every actor that could
be bound; a synthetic corpus has one actor per 40 instruments) and without it
(``parties=[]``). Reported per size and mode: targets, cells, parties, seconds,
the file's size in MB (10^6 bytes), how many timelines are drawn in the file
(0: drawn on demand by the page), whether traces are packed, and the child
process's peak memory. The issue's target: 1,000 instruments x 5 stances in at
most 10 s and 5 MB.

Usage::

    python benchmarks/report_bench.py
    python benchmarks/report_bench.py --sizes 1000 --repeat 5 --json out.json
    python benchmarks/report_bench.py --parties without   # only the instrument's own status
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_SECONDS, TARGET_MB = 10.0, 5.0


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _measure(size: int, stances: int, repeat: int, with_parties: bool, queue: Any) -> None:
    from treatylogic.report import CHART_LIMIT, write_report
    from treatylogic.report.data import report_parties
    from treatylogic.report.page import INLINE_TRACES
    from treatylogic.synth import QUERY_DAY, synthetic_corpus

    times, out, corpus = [], Path(tempfile.mkdtemp()) / "report.html", None
    for _ in range(repeat):
        corpus = synthetic_corpus(size, stances=stances, seed=0)
        start = time.process_time()
        write_report(corpus, out, at=QUERY_DAY.isoformat(),
                     parties=None if with_parties else [])
        times.append(time.process_time() - start)
    assert corpus is not None
    targets = len(corpus.targets())
    timelines = len(corpus.instruments)
    parties = len(report_parties(corpus, corpus.targets())) if with_parties else 0
    queue.put({
        "size": size, "stances": stances, "targets": targets, "cells": targets * stances,
        "parties": parties,
        "report_s": round(statistics.median(times), 3),
        "report_mb": round(out.stat().st_size / 1e6, 2),
        "timelines_in_file": timelines if timelines <= CHART_LIMIT else 0,
        "traces_packed": targets * stances > INLINE_TRACES,
        "peak_mib": round(_peak_mib(), 1),
    })


def run(size: int, stances: int, repeat: int, with_parties: bool = True) -> dict[str, Any]:
    """Measure one size in a child process (peak memory is that size's)."""
    queue: Any = multiprocessing.get_context("spawn").Queue()
    child = multiprocessing.get_context("spawn").Process(
        target=_measure, args=(size, stances, repeat, with_parties, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000")
    parser.add_argument("--stances", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--parties", choices=["both", "with", "without"], default="both",
                        help="measure with the choice of party, without it, or both")
    args = parser.parse_args(argv)
    modes = {"both": [True, False], "with": [True], "without": [False]}[args.parties]
    rows = [run(int(size), args.stances, args.repeat, mode)
            for size in args.sizes.split(",") for mode in modes]
    print("| N | targets | cells | parties | report s | MB | timelines in file | traces packed | "
          "peak MiB | target met |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|")
    for row in rows:
        met = row["report_s"] <= TARGET_SECONDS and row["report_mb"] <= TARGET_MB
        print(f"| {row['size']:,} | {row['targets']:,} | {row['cells']:,} | {row['parties']} | "
              f"{row['report_s']} | "
              f"{row['report_mb']} | {row['timelines_in_file']} | "
              f"{'yes' if row['traces_packed'] else 'no'} | {row['peak_mib']} | "
              f"{'yes' if met else 'no'} |")
    if args.json is not None:
        args.json.write_text(json.dumps({"machine": platform.platform(),
                                         "python": sys.version.split()[0], "rows": rows},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
