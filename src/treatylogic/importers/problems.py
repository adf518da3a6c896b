"""What an import found wrong, row by row, and the summary of what it kept.

A :class:`RowProblem` names the file, the row (1 = the first data row), the line
the row starts on, the column and the cell, what is wrong, and what the importer
did about it: ``repaired`` (the row is imported; the message says how) or
``left out`` (the row is not imported). An import never drops a row silently:
every row is counted as kept, repaired or left out.

>>> p = RowProblem("m.csv", 7, 8, "StateEnd", "1850", "end before start", LEFT_OUT,
...                "StateEnd 1850 is before 1900")
>>> str(p)
"m.csv:8 [row 7, StateEnd='1850'] end before start: StateEnd 1850 is before 1900 (left out)"
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TreatyLogicError

__all__ = [
    "LEFT_OUT",
    "REPAIRED",
    "DataImportError",
    "ImportReport",
    "RowProblem",
    "TableSummary",
]

REPAIRED = "repaired"
LEFT_OUT = "left out"


class DataImportError(TreatyLogicError, ValueError):
    """An import that cannot run at all: a missing or unreadable file, a missing column,
    an output folder that would be overwritten without ``force``."""


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row, where it is, and what the importer did."""

    file: str
    row: int
    line: int
    column: str
    value: str
    kind: str
    outcome: str
    message: str

    def __str__(self) -> str:
        return (f"{self.file}:{self.line} [row {self.row}, {self.column}={self.value!r}] "
                f"{self.kind}: {self.message} ({self.outcome})")

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "line": self.line, "column": self.column,
                "value": self.value, "kind": self.kind, "outcome": self.outcome,
                "message": self.message}


@dataclass(frozen=True)
class TableSummary:
    """How many rows of one table were kept as they are, repaired, or left out."""

    file: str
    rows: int
    kept: int
    repaired: int
    left_out: int

    def __str__(self) -> str:
        return (f"{self.file}: {self.rows:,} rows: {self.kept:,} kept, "
                f"{self.repaired:,} repaired, {self.left_out:,} left out")


@dataclass(frozen=True)
class ImportReport:
    """The outcome of one import: what was written, and every problem with its row."""

    out: Path
    tables: tuple[TableSummary, ...]
    problems: tuple[RowProblem, ...]
    #: ``"file column" -> {form: count}`` for every date column (see ``_dates.FORMS``)
    date_forms: dict[str, dict[str, int]]
    instruments: int
    actors: int
    memberships: int
    successions: int
    seconds: float
    files: tuple[str, ...] = field(default=())

    def problem_kinds(self) -> dict[tuple[str, str], int]:
        """``(kind, outcome) -> count``, the most frequent first."""
        return dict(Counter((p.kind, p.outcome) for p in self.problems).most_common())

    def form_totals(self) -> dict[str, int]:
        """How many cells of each date form, over every date column of both tables."""
        total: Counter[str] = Counter()
        for forms in self.date_forms.values():
            total.update(forms)
        return dict(total.most_common())

    def summary(self) -> str:
        """A few lines for people: rows kept, repaired and left out, forms, what was written."""
        lines = [str(t) for t in self.tables]
        lines.append(f"wrote {self.instruments:,} instruments, {self.actors:,} actors, "
                     f"{self.memberships:,} memberships and {self.successions} succession "
                     f"records to {self.out} in {self.seconds:.1f} s")
        forms = ", ".join(f"{form} {n:,}" for form, n in self.form_totals().items())
        lines.append(f"date cells by form: {forms}")
        if self.problems:
            lines.append(f"{len(self.problems):,} row problems (every one in "
                         f"{self.out / 'import-report.txt'}):")
            for (kind, outcome), n in self.problem_kinds().items():
                lines.append(f"  {n:>6,}  {kind} ({outcome})")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        return {
            "out": str(self.out),
            "tables": [t.__dict__ for t in self.tables],
            "instruments": self.instruments,
            "actors": self.actors,
            "memberships": self.memberships,
            "successions": self.successions,
            "seconds": round(self.seconds, 3),
            "date_forms": self.date_forms,
            "problem_kinds": [{"kind": k, "outcome": o, "count": n}
                              for (k, o), n in self.problem_kinds().items()],
            "problems": [p.as_dict() for p in self.problems],
        }
