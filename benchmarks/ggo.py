"""Benchmark: the GGO data (4,532 agreements, 98,320 memberships) end to end.

Each step runs in a fresh interpreter, so its time and peak memory are its own:

- ``import``: ``treatylogic.importers.import_ggo`` of the full tables into a rules folder
  (target: at most 60 s);
- ``load``: ``treatylogic.load`` of that folder (target: at most 20 s); the loader of
  the per-party format (issue 12) is needed, and until it is there the step reports
  how the load fails instead of a time;
- ``pandas``: the obvious pandas script (``ggo_pandas_baseline.py``): the ``dataset``
  panel, every state x agreement x year 1945-2024 on 31 December;
- ``engine``: ``treatylogic.panel.panel``, the full panel (every state x agreement x year
  1945-2024) under the stance ``dataset`` (with ``--both``, also ``dataset`` and
  ``continuity``): CPU and wall time, peak memory; ``ratio_cpu`` is its CPU time over the
  pandas script's;
- ``agreement``: ``ggo_compare.compare``, the engine's ``dataset`` panel against the pandas
  panel cell for cell, differing cells counted by cause;
- ``pass_check``: ``ggo_pass_check.check``, the panel's per-instrument pass against the
  resolver on every cell of the full panel under the three stances (differing cells: 0
  expected), with the series the pass gave and the cells it asked of the resolver.

Peak memory is Linux's ``VmHWM`` of the child (as in ``bench.py``). The pandas script
and each panel run ``--repeat`` times in their child (default 3): medians of CPU and
wall time, each run's CPU time listed.

    python benchmarks/ggo.py [--data ../shared/data/ggo] [--both] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
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
        corpus = tl.load(out, cache=False)  # the parse, not the compiled cache
    except tl.RulesError as exc:
        return {"seconds": None, "loads": False, "problems": len(exc.problems),
                "first_problem": str(exc.problems[0])}
    took = time.perf_counter() - start
    return {"seconds": round(took, 2), "peak_mib": round(_peak_mib(), 1), "loads": True,
            "instruments": len(corpus.instruments)}


def _timed(work: Any, repeat: int) -> tuple[Any, dict[str, Any]]:
    """``work()`` run ``repeat`` times: its last result, and the median CPU and wall time
    (each run's CPU seconds listed too)."""
    cpus, walls, result = [], [], None
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        result = work()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return result, {"cpu_seconds": round(statistics.median(cpus), 2),
                    "seconds": round(statistics.median(walls), 2),
                    "cpu_runs": [round(c, 2) for c in cpus]}


def _pandas(data: str, repeat: str = "1") -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from ggo_pandas_baseline import dataset_panel

    panel, times = _timed(lambda: dataset_panel(Path(data) / "ggo-memberships.csv.gz"),
                          int(repeat))
    return {**times, "peak_mib": round(_peak_mib(), 1), "bound_cells": len(panel)}


def _engine(out: str, stances: str, repeat: str = "1") -> dict[str, Any]:
    import treatylogic as tl
    from treatylogic.panel import panel

    corpus = tl.load(out)
    rows, times = _timed(lambda: panel(corpus, start=1945, end=2024,
                                       stances=stances.split(",")), int(repeat))
    return {"stances": stances, **times,
            "peak_mib": round(_peak_mib(), 1), "series": len(rows.series),
            "cells_stored": len(rows),
            "cells_in_panel": len(corpus.actors) * len(corpus.instruments) * len(rows.dates)
            * len(rows.stances)}


def _agreement(out: str, data: str) -> dict[str, Any]:
    import treatylogic as tl
    from treatylogic.importers import import_ggo

    sys.path.insert(0, str(HERE))
    from ggo_compare import compare

    memberships = Path(data) / "ggo-memberships.csv.gz"
    report = import_ggo(Path(data) / "ggo-agreements.csv.gz", memberships, out, force=True)
    result = compare(tl.load(out), memberships, list(report.problems))
    result.pop("examples")
    return result


def _pass_check(out: str) -> dict[str, Any]:
    import treatylogic as tl

    sys.path.insert(0, str(HERE))
    from ggo_pass_check import check

    return check(tl.load(out), ["dataset", "continuity", "by-agreement"])


def _child(queue: Any, name: str, *args: str) -> None:
    steps = {"import": _import, "load": _load, "pandas": _pandas, "engine": _engine,
             "agreement": _agreement, "pass_check": _pass_check}
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
    parser.add_argument("--both", action="store_true",
                        help="also the full panel under two stances (dataset, continuity)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of the pandas script and of each panel (medians reported)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "ggo-rules")
        results = {"import": _run("import", args.data, out), "load": _run("load", out),
                   "pandas": _run("pandas", args.data, str(args.repeat)),
                   "engine": _run("engine", out, "dataset", str(args.repeat))}
        results["ratio_cpu"] = {"engine/pandas": round(
            results["engine"]["cpu_seconds"] / results["pandas"]["cpu_seconds"], 2)}
        if args.both:
            results["engine-two-stances"] = _run("engine", out, "dataset,continuity",
                                                 str(args.repeat))
        results["pass_check"] = _run("pass_check", out)
        results["agreement"] = _run("agreement", out, args.data)
    for step, result in results.items():
        print(f"{step:>7}: {json.dumps(result)}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
