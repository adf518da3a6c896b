"""The engine's `dataset` panel against the pandas baseline, cell for cell, with causes.

A cell is (state, agreement, year) on 31 December; each side says "bound" or not (the
engine: ``in_force`` under the stance ``dataset``). Where they differ, the cause is
looked up in the rows of that state and agreement, first match wins:

- ``import repair (KIND)``: the importer reported one of its rows (repaired or left out;
  KIND is the first problem reported, e.g. a duplicate row), so the rule files state it
  otherwise than the raw row the baseline reads;
- ``no day in StateForce``: the row gives no entry into force that pandas reads as a
  day (missing, uncertain, a range): the baseline never binds it, while the engine
  applies the per-party rules (bound from consent and the agreement's entry into force,
  VCLT art. 24) or the date's span;
- ``party read from the treatyID``: the agreement had fewer than two membership rows and
  the importer read its two parties from a bilateral treatyID (``KIR-RUS_1985A``), bound
  as the agreement is (reported on the agreements table as "missing membership rows"):
  the baseline, reading memberships only, never binds them;
- ``no day in StateEnd``: the row's end is not a day pandas reads (``2005-07-15?``):
  the baseline reads no end and binds the state ever after, while the engine reads the
  date's span (undetermined inside it, withdrawn after);
- ``agreement not in force (STATUS)``: the engine holds the agreement itself not in force that day
  (e.g. terminated once too few parties remain, or ended by its End) while the row
  still binds the state;
- ``unexplained``: none of these. The slice test holds this at zero.

    python benchmarks/ggo_compare.py RULES_FOLDER MEMBERSHIPS_CSV
"""

from __future__ import annotations

import csv
import gzip
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _rows(path: Path) -> list[dict[str, str]]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _treaty_of(corpus: Any) -> dict[str, str]:
    """instrument id -> the treatyID its first source cites."""
    found = {}
    for inst in corpus.instruments.values():
        cited = [s.split(": ", 1)[1] for s in inst.sources if s.startswith("GGO ")]
        if cited:
            found[inst.id] = cited[0]
    return found


def bound_cells(rows: Any, treaty: dict[str, str]) -> set[tuple[str, str, int]]:
    """(state, treatyID, year) of every cell the panel says ``in_force`` (from its runs)."""
    from treatylogic.status import Status

    years = [d.year for d in rows.dates]
    found = set()
    for (party, instrument, _), runs in rows.series.items():
        tid = treaty.get(instrument)
        if tid is None:
            continue
        for position, (first, status) in enumerate(runs):
            if status is Status.IN_FORCE:
                stop = runs[position + 1][0] if position + 1 < len(runs) else len(years)
                found.update((party, tid, y) for y in years[first:stop])
    return found


def compare(corpus: Any, memberships: Path, problems: list[Any], first: int = 1945,
            last: int = 2024) -> dict[str, Any]:
    """Counts of agreeing and differing cells, and the differing cells by cause."""
    sys.path.insert(0, str(HERE))
    from ggo_pandas_baseline import dataset_panel

    from treatylogic.importers.ggo import _codes
    from treatylogic.panel import panel

    aliases = _codes().aliases
    base = dataset_panel(memberships, first, last)
    bound_base = {(aliases.get(s, s), t, y) for s, t, y in
                  zip(base["stateID"], base["treatyID"], base["year"], strict=True)}
    treaty = _treaty_of(corpus)
    rows = panel(corpus, start=first, end=last, stances=["dataset"])
    bound_engine = bound_cells(rows, treaty)
    raw = _rows(memberships)
    reported: dict[tuple[str, str], str] = {}  # (state, treatyID) -> its first problem
    for p in problems:
        if p.file == memberships.name and p.column != "*":
            row = raw[p.row - 1]
            reported.setdefault((aliases.get(row["stateID"], row["stateID"]),
                                 row["treatyID"]), p.kind)
    from_id = {(code, p.value) for p in problems
               if p.file != memberships.name and p.kind == "missing membership rows"
               for code in p.message.partition(" read from the treatyID")[0].split(", ")}
    no_day = {(aliases.get(r["stateID"], r["stateID"]), r["treatyID"]) for r in raw
              if not _DAY.fullmatch(r["StateForce"].strip())}
    no_end = {(aliases.get(r["stateID"], r["stateID"]), r["treatyID"]) for r in raw
              if r["StateEnd"].strip() not in ("", "9999-12-31")
              and not _DAY.fullmatch(r["StateEnd"].strip())}
    instrument_of = {t: i for i, t in treaty.items()}

    def agreement_down(tid: str, year: int) -> str | None:
        """The agreement's own status that year when it is not in force, else None."""
        inst = instrument_of.get(tid)
        if inst is None:
            return None
        status = corpus.resolve(inst, "dataset", str(year)).status.value
        return None if status == "in_force" else status

    causes: Counter[str] = Counter()
    sides: Counter[str] = Counter()
    examples: dict[str, list[tuple[str, str, int, str]]] = {}
    for side, cells in (("baseline only", bound_base - bound_engine),
                        ("engine only", bound_engine - bound_base)):
        for state, tid, year in sorted(cells):
            down = None
            if (state, tid) not in reported and (state, tid) not in from_id \
                    and (state, tid) not in no_day and (state, tid) not in no_end:
                down = agreement_down(tid, year)
            cause = (f"import repair ({reported[state, tid]})" if (state, tid) in reported
                     else "party read from the treatyID" if (state, tid) in from_id
                     else "no day in StateForce" if (state, tid) in no_day
                     else "no day in StateEnd" if (state, tid) in no_end
                     else f"agreement not in force ({down})" if down
                     else "unexplained")
            causes[cause] += 1
            sides[f"{cause}, {side}"] += 1
            examples.setdefault(cause, [])
            if len(examples[cause]) < 5:
                examples[cause].append((state, tid, year, side))
    return {"cells_bound_baseline": len(bound_base), "cells_bound_engine": len(bound_engine),
            "agree_bound": len(bound_base & bound_engine),
            "differ": sum(causes.values()), "differ_by_cause": dict(causes),
            "differ_by_cause_and_side": dict(sorted(sides.items())),
            "examples": examples}


def main(argv: list[str] | None = None) -> None:
    import json

    import treatylogic as tl
    from treatylogic.importers import import_ggo

    args = argv if argv is not None else sys.argv[1:]
    out, memberships = Path(args[0]), Path(args[1])
    report = import_ggo(memberships.parent / memberships.name.replace("memberships",
                                                                        "agreements"),
                        memberships, out, force=True)
    print(json.dumps(compare(tl.load(out), memberships, list(report.problems)), indent=1))


if __name__ == "__main__":
    main()
