"""Real data: the GGO agreements and memberships, asked what a researcher asks.

1. How many agreements bound each state, year by year (the full panel; a plot)?
2. What did German unification (3 October 1990) do to the GDR's treaties, under each
   reading: as coded (`dataset`), continuity (VCSST 1978 arts. 31, 34), or open until
   agreed with the other parties (`by-agreement`, Unification Treaty art. 12)?
3. Where do two readings differ most (the full panel under each, cell for cell)?

Needs the GGO tables in ../shared/data/ggo beside the repository (or
$TREATYLOGIC_GGO_DATA) and the `data` and `report` extras. Run from any folder:

    python examples/real_treaties.py [--out real_treaties.png] [--rules ggo-rules]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import treatylogic as tl
from treatylogic.importers import default_data_folder, import_ggo
from treatylogic.panel import Panel, panel
from treatylogic.status import Status

STATES = ["DEU", "FRA", "GBR", "USA", "POL", "DDR"]
READINGS = ["dataset", "continuity", "by-agreement"]
FIRST, LAST = 1945, 2024


def in_force_counts(rows: Panel, stance: str) -> Counter[tuple[str, int]]:
    """(state, year) -> agreements in force for it on 31 December, read from the runs."""
    years = [d.year for d in rows.dates]
    counts: Counter[tuple[str, int]] = Counter()
    for (party, _instrument, s), runs in rows.series.items():
        if s != stance:
            continue
        for position, (first, status) in enumerate(runs):
            if status is Status.IN_FORCE:
                stop = runs[position + 1][0] if position + 1 < len(runs) else len(years)
                counts.update((party, y) for y in years[first:stop])
    return counts


def differing(rows: Panel, a: str, b: str) -> Counter[tuple[str, str]]:
    """(state, instrument) -> how many dates its status differs between stances a and b."""
    found: Counter[tuple[str, str]] = Counter()
    for (party, instrument, s), runs in rows.series.items():
        if s != a:
            continue
        other = rows.series.get((party, instrument, b), ((0, Status.NOT_PARTY),))
        mine = _expand(runs, len(rows.dates))
        theirs = _expand(other, len(rows.dates))
        n = sum(x != y for x, y in zip(mine, theirs, strict=True))
        if n:
            found[party, instrument] = n
    for (party, instrument, s) in rows.series:  # bound under b only
        if s == b and (party, instrument, a) not in rows.series:
            found[party, instrument] = sum(
                st is not Status.NOT_PARTY
                for st in _expand(rows.series[party, instrument, b], len(rows.dates)))
    return found


def _expand(runs: tuple[tuple[int, Status], ...], width: int) -> list[Status]:
    out: list[Status] = []
    for position, (first, status) in enumerate(runs):
        stop = runs[position + 1][0] if position + 1 < len(runs) else width
        out.extend([status] * (stop - first))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("real_treaties.png"))
    parser.add_argument("--rules", type=Path, help="an imported folder to reuse")
    args = parser.parse_args(argv)
    if args.rules is None:
        if default_data_folder() is None:
            print("The GGO tables are not in ../shared/data/ggo (nor $TREATYLOGIC_GGO_DATA).",
                  file=sys.stderr)
            return 2
        args.rules = Path(tempfile.mkdtemp()) / "ggo-rules"
        started = time.perf_counter()
        report = import_ggo(out=args.rules)
        print(report.summary().splitlines()[2], f"({time.perf_counter() - started:.0f} s)")
    corpus = tl.load(args.rules)

    # the full panel: every state x agreement x year, under the three readings
    started = time.process_time()
    full = panel(corpus, start=FIRST, end=LAST, stances=READINGS)
    print(f"full panel: {len(corpus.actors)} states x {len(corpus.instruments)} agreements x "
          f"{len(full.dates)} years x {len(READINGS)} readings; {len(full.series):,} series "
          f"stored ({time.process_time() - started:.1f} s of CPU)")

    # 1. agreements binding each state, 1945-2024 (31 December), as coded
    bound = in_force_counts(full, "dataset")
    print("\n1. Agreements in force for each state on 31 December (as coded):")
    print("  year " + "".join(f"{s:>6}" for s in STATES) + "  states bound by any  median")
    for year in range(1950, LAST + 1, 10):
        per_state = sorted(n for (s, y), n in bound.items() if y == year)
        median = per_state[len(per_state) // 2] if per_state else 0
        print(f"  {year} " + "".join(f"{bound[(s, year)]:>6}" for s in STATES) +
              f"  {len(per_state):>20}  {median:>6}")
    top = sorted(((n, s) for (s, y), n in bound.items() if y == LAST), reverse=True)[:5]
    print(f"  most in {LAST}: " + ", ".join(f"{s} {n}" for n, s in top))

    # 2. the GDR's treaties after unification, under each reading
    print("\n2. The GDR's agreements on 31 December 1989 and 1991, by reading:")
    for stance in READINGS:
        for year in (1989, 1991):
            day = next(d for d in full.dates if d.year == year)
            counts = Counter(full.status("DDR", i, day, stance).value
                             for (p, i, s) in full.series if p == "DDR" and s == stance)
            print(f"  {stance:<13} {year}: " + ", ".join(f"{n} {s}" for s, n in
                                                        sorted(counts.items())))

    # 3. where two readings differ most, over the whole panel
    for a, b in (("dataset", "continuity"), ("continuity", "by-agreement")):
        differ = differing(full, a, b)
        by_state = Counter()
        for (party, _), n in differ.items():
            by_state[party] += n
        print(f"\n3. `{a}` and `{b}` differ on {sum(differ.values()):,} cells "
              f"({len(differ)} (state, agreement) pairs); by state: " +
              ", ".join(f"{p} {n}" for p, n in by_state.most_common(4)))
        for (party, instrument), years in differ.most_common(3):
            print(f"  {party} in {instrument} "
                  f"({corpus.instruments[instrument].title[:55]}): {years} years")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for state in STATES:
        ax.plot(range(FIRST, LAST + 1), [bound[(state, y)] for y in range(FIRST, LAST + 1)],
                label=state)
    ax.set_xlabel("year (31 December)")
    ax.set_ylabel("agreements in force for the state")
    ax.set_title("GGO agreements in force, as coded (manytreaties 1.0.0, CC BY 4.0)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
