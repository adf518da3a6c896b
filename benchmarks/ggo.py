"""Benchmark: the GGO data (4,532 agreements, 98,320 memberships) end to end.

Each step runs in a fresh interpreter, so its time and peak memory are its own:

- ``import``: ``treatylogic.importers.import_ggo`` of the full tables into a rules folder
  (target: at most 60 s);
- ``load``: ``treatylogic.load`` of that folder (target: at most 20 s); the loader of
  the per-party format (issue 12) is needed, and until it is there the step reports
  how the load fails instead of a time;
- ``pandas``: the obvious pandas script (``ggo_pandas_baseline.py``): the ``dataset``
  panel, every state x agreement x year 1945-2024 on 31 December;
- ``engine``: ``treatylogic.panel.panel`` on a random sample of ``--sample`` agreements
  (every listed party, 1945-2024, stances ``dataset`` and ``continuity``): its time, the
  time per (party, agreement, stance) timeline, and the full panel's time extrapolated
  from it (the full panel is not run: see benchmarks/README.md).

Peak memory is Linux's ``VmHWM`` of the child (as in ``bench.py``).

    python benchmarks/ggo.py [--data ../shared/data/ggo] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _import(data: str, out: str) -> dict[str, Any]:
    from treatylogic.importers import import_ggo

    start = time.perf_counter()
    report = import_ggo(Path(data) / "ggo-agreements.csv.gz",
                        Path(data) / "ggo-memberships.csv.gz", out)
    took = time.perf_counter() - start
    return {"seconds": round(took, 2), "peak_mib": round(_peak_mib(), 1),
            "instruments": report.instruments, "memberships": report.memberships,
            "tables": [str(t) for t in report.tables]}


def _load(out: str) -> dict[str, Any]:
    import treatylogic as tl

    start = time.perf_counter()
    try:
        corpus = tl.load(out)
    except tl.RulesError as exc:
        return {"seconds": None, "loads": False, "problems": len(exc.problems),
                "first_problem": str(exc.problems[0])}
    took = time.perf_counter() - start
    return {"seconds": round(took, 2), "peak_mib": round(_peak_mib(), 1), "loads": True,
            "instruments": len(corpus.instruments)}


def _pandas(data: str) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from ggo_pandas_baseline import dataset_panel

    start = time.perf_counter()
    panel = dataset_panel(Path(data) / "ggo-memberships.csv.gz")
    took = time.perf_counter() - start
    return {"seconds": round(took, 2), "peak_mib": round(_peak_mib(), 1),
            "bound_cells": len(panel)}


def _engine(out: str, sample: str) -> dict[str, Any]:
    import random

    import treatylogic as tl
    from treatylogic.panel import panel

    corpus = tl.load(out)
    chosen = random.Random(0).sample(sorted(corpus.instruments), int(sample))
    pairs = sum(len(corpus.instruments[i].party_ids) for i in chosen)
    all_pairs = sum(len(i.party_ids) for i in corpus.instruments.values())
    start = time.perf_counter()
    rows = panel(corpus, instruments=chosen, start=1945, end=2024,
                 stances=["dataset", "continuity"])
    took = time.perf_counter() - start
    return {"seconds": round(took, 2), "peak_mib": round(_peak_mib(), 1), "rows": len(rows),
            "pairs": pairs, "ms_per_timeline": round(1000 * took / max(1, 2 * pairs), 2),
            "full_panel_extrapolated_s": round(took / max(1, pairs) * all_pairs, 1)}


def _child(queue: Any, name: str, *args: str) -> None:
    steps = {"import": _import, "load": _load, "pandas": _pandas, "engine": _engine}
    queue.put(steps[name](*args))


def _run(name: str, *args: str) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(queue, name, *args))
    process.start()
    result: dict[str, Any] = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parents[1] / "shared" / "data" / "ggo"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--sample", type=int, default=100,
                        help="agreements in the engine's sampled panel (default 100)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "ggo-rules")
        results = {"import": _run("import", args.data, out), "load": _run("load", out),
                   "pandas": _run("pandas", args.data),
                   "engine": _run("engine", out, str(args.sample))}
    for step, result in results.items():
        print(f"{step:>7}: {json.dumps(result)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
