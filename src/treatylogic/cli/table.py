"""The status table export: every target under every stance at one date, one row each.

Rows are ``{target, stance, at, status, valid}``, sorted by target then stance;
CSV and JSON are written here, Parquet through pyarrow (the ``parquet`` extra).

>>> import treatylogic as tl
>>> rows = table_rows(tl.load(), "2024-09-02")
>>> [r["status"] for r in rows if r["target"] == "karakhan-1919" and r["stance"] == "roc"]
['in_force']
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..engine import Corpus
from ..resolution import query_day
from ..status import VALID

__all__ = ["COLUMNS", "PARQUET_EXTRA", "table_rows", "to_csv", "to_json", "write_parquet"]

COLUMNS = ("target", "stance", "at", "status", "valid")
#: The optional extra that brings pyarrow.
PARQUET_EXTRA = "parquet"


def table_rows(corpus: Corpus, at: str | None, party: str | None = None, *,
               workers: int | None = None, address: str | None = None
               ) -> list[dict[str, Any]]:
    """One row per (target, stance) at ``at`` (EDTF; default today), from ``Corpus.table``.

    With ``party``, each status is that party's; ``workers`` and ``address`` go to
    ``Corpus.table`` (Dask workers, :mod:`treatylogic.workers`).
    """
    at_text = query_day(at)[1]
    statuses = corpus.table(at, party=party, workers=workers, address=address)
    return [{"target": target, "stance": stance, "at": at_text, "status": status.value,
             "valid": status in VALID}
            for (target, stance), status in sorted(statuses.items())]


def to_csv(rows: list[dict[str, Any]]) -> str:
    """CSV with a header line; ``valid`` as ``true``/``false``."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "valid": "true" if row["valid"] else "false"})
    return buffer.getvalue()


def to_json(rows: list[dict[str, Any]]) -> str:
    """A JSON list of row objects."""
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def write_parquet(rows: list[dict[str, Any]], out: Path) -> Path:
    """A Parquet file with the five columns (needs pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = {name: [row[name] for row in rows] for name in COLUMNS}
    pq.write_table(pa.table(columns), str(out))
    return out
