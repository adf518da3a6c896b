"""The panel's pass against the resolver, cell for cell, on an imported GGO rules folder.

``panel(..., fast=True)`` computes each instrument no effect targets in one pass over its
parties (``treatylogic._panel_pass``) and asks the resolver only for the cells the record
leaves open; ``fast=False`` asks the resolver for every series. This script runs both on
the full panel (every actor each instrument can bind, 1945-2024 on 31 December) under the
given stances and counts the cells that differ (expected: 0), with how many series the
pass gave and how many cells it asked of the resolver.

    python benchmarks/ggo_pass_check.py RULES_FOLDER [--stances dataset,continuity]
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

FIRST_YEAR, LAST_YEAR = 1945, 2024


def _cells(runs: tuple[tuple[int, Any], ...], width: int) -> list[Any]:
    """The statuses of a series on each date."""
    out: list[Any] = []
    for position, (first, status) in enumerate(runs):
        last = runs[position + 1][0] if position + 1 < len(runs) else width
        out.extend([status] * (last - first))
    assert len(out) == width and runs[0][0] == 0
    return out


def check(corpus: Any, stances: list[str]) -> dict[str, Any]:
    """Both panels, their CPU times and the cells on which they differ (by count)."""
    from treatylogic import _panel_pass
    from treatylogic.panel import panel, panel_dates
    from treatylogic.resolution import Resolver

    cpu = time.process_time()
    fast = panel(corpus, start=FIRST_YEAR, end=LAST_YEAR, stances=stances, fast=True)
    fast_cpu = time.process_time() - cpu
    cpu = time.process_time()
    slow = panel(corpus, start=FIRST_YEAR, end=LAST_YEAR, stances=stances, fast=False)
    slow_cpu = time.process_time() - cpu
    width = len(fast.dates)
    differ = 0
    for key, runs in slow.series.items():
        mine = fast.series.get(key)
        if mine != runs:
            differ += width if mine is None else sum(
                a != b for a, b in zip(_cells(mine, width), _cells(runs, width), strict=True))
    differ += width * len(set(fast.series) - set(slow.series))
    # what the pass decided itself: its series, and the cells it asked of the resolver
    dates = panel_dates(start=FIRST_YEAR, end=LAST_YEAR)
    by_pass = asked = 0
    for name in stances:
        stance = corpus.stance(name)
        resolver = Resolver(corpus, stance)
        for instrument in corpus.instruments:
            if _panel_pass.applies(corpus, stance, instrument):
                one = _panel_pass.InstrumentPass(
                    corpus, stance, instrument, dates,
                    lambda party, k, i=instrument, r=resolver: r.status_of(i, dates[k], party))
                for party in corpus.possible_parties(instrument, stance):
                    one.runs(party)
                    by_pass += 1
                asked += one.asked
    return {"stances": ",".join(stances), "series": len(slow.series),
            "cells_compared": len(slow.series) * width, "cells_differing": differ,
            "series_by_the_pass": by_pass, "cells_asked_of_the_resolver": asked,
            "cpu_seconds_pass": round(fast_cpu, 2), "cpu_seconds_resolver": round(slow_cpu, 2)}


def main(argv: list[str] | None = None) -> None:
    import treatylogic as tl

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules")
    parser.add_argument("--stances", default="dataset,continuity")
    args = parser.parse_args(argv)
    result = check(tl.load(args.rules), args.stances.split(","))
    print(json.dumps(result))
    if result["cells_differing"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
