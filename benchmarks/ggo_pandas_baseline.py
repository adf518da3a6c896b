"""The obvious pandas script a researcher writes for the GGO panel, the `dataset` reading.

A state is bound by an agreement on 31 December of a year when its entry into force
(``StateForce``) is on or before that day and its membership has not ended
(``StateEnd`` empty, the dataset's ``9999-12-31``, or later).
Dates that pandas cannot read as a day (``1802-04-18?``, ranges) become missing, as in
a first script; a month or a year reads as its first day. Cells not in the result are
"not bound".

    python benchmarks/ggo_pandas_baseline.py [DATA_FOLDER] [--out panel.parquet]

This is the baseline the engine's panel is compared with, cell for cell, in
``benchmarks/ggo.py``; it is not part of the package.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

FIRST_YEAR, LAST_YEAR = 1945, 2024


def dataset_panel(memberships: Path, first: int = FIRST_YEAR, last: int = LAST_YEAR,
                  ) -> pd.DataFrame:
    """Long panel: one row per (stateID, treatyID, year) where the state is bound."""
    m = pd.read_csv(memberships, dtype=str, keep_default_na=False,
                    usecols=["stateID", "treatyID", "StateForce", "StateEnd"])
    m = m.drop_duplicates()
    force = pd.to_datetime(m["StateForce"].replace({"9999-12-31": ""}), errors="coerce",
                           format="mixed")
    end = pd.to_datetime(m["StateEnd"].replace({"9999-12-31": ""}), errors="coerce",
                         format="mixed")
    years = pd.DataFrame({"year": range(first, last + 1)})
    years["day"] = pd.to_datetime(years["year"].astype(str) + "-12-31")
    spans = pd.DataFrame({"stateID": m["stateID"], "treatyID": m["treatyID"],
                          "force": force, "end": end}).dropna(subset=["force"])
    cells = spans.merge(years, how="cross")
    bound = (cells["force"] <= cells["day"]) & (cells["end"].isna() | (cells["end"] > cells["day"]))
    out = cells.loc[bound, ["stateID", "treatyID", "year"]]
    return out.drop_duplicates().sort_values(["stateID", "treatyID", "year"]).reset_index(
        drop=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared/data/ggo")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    panel = dataset_panel(args.data / "ggo-memberships.csv.gz")
    took = time.perf_counter() - start
    print(f"{len(panel):,} bound (state, agreement, year) cells in {took:.2f} s",
          file=sys.stderr)
    if args.out:
        panel.to_parquet(args.out) if args.out.suffix == ".parquet" else panel.to_csv(
            args.out, index=False)


if __name__ == "__main__":
    main()
