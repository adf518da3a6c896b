"""Cut the small slice of the GGO tables shipped with the tests (run once; kept to redo it).

    python tests/data/ggo-slice/make_slice.py [../shared/data/ggo]

Rows are copied unchanged (every column, in order) from the full tables; the slice
keeps their order. `rows.txt` maps each slice row to its line in the full file.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

HERE = Path(__file__).parent
#: the agreements: the GDR's, the oldest bilaterals, date forms, a duplicated treatyID,
#: an amendment (A:B), a month-range, a record with an impossible day
TREATIES = {
    "ESP-GBR_1351A", "GBR-PRT_1353A", "FRA-GBR_1403A", "FRA-GBR_1802A", "TR06RB_1961A",
    "AMCAFF_1964R", "INTRPP_1951S", "INPPSO_1954A", "CNTNNS_1958A", "HIGHSS_1958A",
    "DDR-POL_1965A", "TP09CB_1967A", "CNFONA_1967A", "LRTAP_1979A", "DDR-USA_1976A",
    "DDR-SWE_1978A", "DDR-SWE_1978P:DDR-SWE_1978A", "AA07MP_1992N4", "WM04CP_1981R",
    "EEMPPO_1951A", "EEMPPO_1982E:EEMPPO_1951A",
}
STATES = {"DDR", "GDR", "DEU", "ESP", "GBR", "PRT", "FRA", "USA", "CAN", "POL", "SWE",
          "CSK", "CZE", "SVK", "JOR", "AFG", "AGO", "ALB", "Member countries not listed"}


def _read(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows, start = [], reader.line_num + 1
        for values in reader:
            rows.append((start, values))
            start = reader.line_num + 1
    return header, rows


def _write(path: Path, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(values for _, values in rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(source: Path) -> None:
    header, rows = _read(source / "ggo-agreements.csv.gz")
    agreements = [(n, v) for n, v in rows if v[0] in TREATIES]
    _write(HERE / "ggo-agreements.csv", header, agreements)
    header, rows = _read(source / "ggo-memberships.csv.gz")
    memberships = [(n, v) for n, v in rows if v[1] in TREATIES and v[0] in STATES]
    _write(HERE / "ggo-memberships.csv", header, memberships)
    with open(HERE / "rows.txt", "w", encoding="utf-8") as fh:
        fh.write("# slice file, slice row -> line in the full file\n")
        for name, picked in (("ggo-agreements.csv", agreements),
                             ("ggo-memberships.csv", memberships)):
            for k, (line, _values) in enumerate(picked, start=1):
                fh.write(f"{name} {k} {line}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared/data/ggo")
