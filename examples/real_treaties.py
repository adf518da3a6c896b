"""Real data: the GGO agreements and memberships, asked what a researcher asks.

1. How many agreements bound each of a few states, year by year (a plot)?
2. What did German unification (3 October 1990) do to the GDR's treaties, under each
   reading: as coded (`dataset`), continuity (VCSST 1978 arts. 31, 34), or open until
   agreed with the other parties (`by-agreement`, Unification Treaty art. 12)?
3. Where do two readings differ most?

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
from treatylogic.panel import panel

STATES = ["DEU", "FRA", "GBR", "USA", "POL", "DDR"]
READINGS = ["dataset", "continuity", "by-agreement"]


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

    # 1. agreements binding each state, 1945-2024 (31 December), as coded
    rows = panel(corpus, parties=STATES, start=1945, end=2024, stances=["dataset"])
    bound = Counter((r.party, r.date.year) for r in rows.rows if r.status.value == "in_force")
    print("\n1. Agreements in force for each state on 31 December (as coded):")
    print("  year " + "".join(f"{s:>6}" for s in STATES))
    for year in range(1950, 2025, 10):
        print(f"  {year} " + "".join(f"{bound[(s, year)]:>6}" for s in STATES))

    # 2. the GDR's treaties after unification, under each reading
    gdr = panel(corpus, parties=["DDR"], at=["1989", "1991"], stances=READINGS)
    print("\n2. The GDR's agreements on 31 December 1989 and 1991, by reading:")
    for stance in READINGS:
        for year in (1989, 1991):
            counts = Counter(r.status.value for r in gdr.rows
                             if r.stance == stance and r.date.year == year)
            print(f"  {stance:<13} {year}: " + ", ".join(f"{n} {s}" for s, n in
                                                        sorted(counts.items())))

    # 3. where `dataset` and `continuity` differ most (only successions make them differ)
    pred = panel(corpus, parties=["DDR", "CSK"], start=1985, end=2024,
                 stances=["dataset", "continuity"])
    by_cell = {(r.party, r.instrument, r.date, r.stance): r.status for r in pred.rows}
    differ = Counter((p, i) for (p, i, d, s), status in by_cell.items()
                     if s == "dataset" and by_cell[(p, i, d, "continuity")] != status)
    print("\n3. Where `dataset` and `continuity` differ most (years, 1985-2024):")
    for (party, instrument), years in differ.most_common(5):
        print(f"  {party} in {instrument} ({corpus.instruments[instrument].title[:60]}): "
              f"{years} years")

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for state in STATES:
        ax.plot(range(1945, 2025), [bound[(state, y)] for y in range(1945, 2025)],
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
