"""The panel: party x instrument x date x stance -> status, the long view researchers use.

``panel(corpus, ...)`` resolves, for every party listed on an instrument (or only the
``parties`` asked for), its status on each date under each stance, through
``Corpus.timeline(target, stance, party=...)``: one timeline per (instrument, party,
stance) answers every date. A party not listed on an instrument is ``not_party`` on
every date; those cells are not listed (the panel would be mostly them).

Dates: ``at`` (EDTF, each read as its last day, as everywhere in treatylogic) or
``start``/``end`` years with ``every`` year (31 December) or month (its last day).

>>> import treatylogic as tl                                          # doctest: +SKIP
>>> rows = tl.load("ggo-rules").panel(parties=["DDR"], start=1985, end=1995,
...                                   stances=["dataset", "continuity"])  # doctest: +SKIP
>>> rows.to_pandas()                                                  # doctest: +SKIP
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import DateSpan, parse_date
from .errors import TreatyLogicError, UnknownIdError
from .status import Status

if TYPE_CHECKING:
    import pandas as pd

    from .engine import Corpus

__all__ = ["COLUMNS", "Panel", "PanelError", "PanelRow", "panel", "panel_dates"]

COLUMNS = ("party", "instrument", "date", "stance", "status")
EVERY = ("year", "month")
FORMATS = ("csv", "json", "parquet")


class PanelError(TreatyLogicError, ValueError):
    """A panel asked for with arguments that cannot make one (named with the bad value)."""


@dataclass(frozen=True, slots=True)
class PanelRow:
    """One cell: the status of ``instrument`` for ``party`` on ``date`` under ``stance``."""

    party: str
    instrument: str
    date: dt.date
    stance: str
    status: Status


@dataclass(frozen=True)
class Panel:
    """The rows of a panel, in (party, instrument, stance, date) order."""

    rows: tuple[PanelRow, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, str]]:
        """Plain rows: the date as ISO text, the status as its word."""
        return [{"party": r.party, "instrument": r.instrument, "date": r.date.isoformat(),
                 "stance": r.stance, "status": r.status.value} for r in self.rows]

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with the columns party, instrument, date, stance, status.

        Raises
        ------
        ImportError
            pandas is not installed (``pip install 'treatylogic[data]'``).
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("Panel.to_pandas needs pandas: pip install 'treatylogic[data]'"
                              ) from exc
        frame = pd.DataFrame(self.records(), columns=list(COLUMNS))
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.records())
        return buffer.getvalue()

    def to_json(self) -> str:
        return json.dumps(self.records(), indent=1, ensure_ascii=False) + "\n"

    def write(self, out: str | Path, fmt: str | None = None) -> Path:
        """Write as csv, json or parquet (default: from the file's suffix)."""
        out = Path(out)
        fmt = fmt or out.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            raise PanelError(f"format {fmt!r}: give one of {', '.join(FORMATS)}")
        if fmt == "parquet":
            self.to_pandas().to_parquet(out, index=False)
        else:
            out.write_text(self.to_csv() if fmt == "csv" else self.to_json(), encoding="utf-8")
        return out


def _last_day(span: DateSpan) -> dt.date:
    return span.latest


def panel_dates(at: Sequence[str] | None = None, start: int | None = None,
                end: int | None = None, every: str = "year") -> list[dt.date]:
    """The days of a panel: each ``at`` (its last day), or every year or month-end
    from ``start`` to ``end`` (years, both included).

    >>> [d.isoformat() for d in panel_dates(start=1990, end=1991)]
    ['1990-12-31', '1991-12-31']
    >>> [d.isoformat() for d in panel_dates(at=["1990-10", "1953"])]
    ['1953-12-31', '1990-10-31']
    """
    if at:
        if start is not None or end is not None:
            raise PanelError("give either dates (at) or a range (start, end), not both")
        return sorted({_last_day(parse_date(str(a))) for a in at})
    if start is None or end is None:
        raise PanelError("give dates (at) or both ends of a range (start and end years)")
    if every not in EVERY:
        raise PanelError(f"every={every!r}: give one of {', '.join(EVERY)}")
    if end < start:
        raise PanelError(f"the range ends ({end}) before it starts ({start})")
    if every == "year":
        return [dt.date(y, 12, 31) for y in range(start, end + 1)]
    return [dt.date(y, m, calendar.monthrange(y, m)[1])
            for y in range(start, end + 1) for m in range(1, 13)]


def panel(corpus: Corpus, *, parties: Iterable[str] | None = None,
          instruments: Iterable[str] | None = None, at: Sequence[str] | None = None,
          start: int | None = None, end: int | None = None, every: str = "year",
          stances: Iterable[str] | None = None,
          progress: Callable[[int, int], None] | None = None) -> Panel:
    """Rows (party, instrument, date, stance, status) for every listed party of each
    instrument, on each date, under each stance.

    Parameters
    ----------
    parties, instruments
        Only these (default: all). Unknown ids raise ``UnknownIdError``.
    at, start, end, every
        The dates: see :func:`panel_dates`.
    stances
        Stance ids or aliases (default: every stance).
    progress
        Called with (done, total) (instrument, party, stance) timelines.
    """
    days = panel_dates(at, start, end, every)
    stance_ids = [corpus.stance(s).id for s in stances] if stances is not None else \
        sorted(corpus.stances)
    wanted = None
    if parties is not None:
        wanted = set(parties)
        for p in wanted:
            if p not in corpus.actors:
                raise UnknownIdError("actor", p, corpus.actors)
    chosen = list(instruments) if instruments is not None else sorted(corpus.instruments)
    for i in chosen:
        if i not in corpus.instruments:
            raise UnknownIdError("instrument", i, corpus.instruments)
    pairs = sorted((p, i) for i in chosen for p in corpus.instruments[i].party_ids
                   if wanted is None or p in wanted)
    total, done = len(pairs) * len(stance_ids), 0
    rows: list[PanelRow] = []
    for party, instrument in pairs:
        for stance in stance_ids:
            timeline = corpus.timeline(instrument, stance, party=party)
            rows.extend(PanelRow(party, instrument, day, stance, timeline.status_on(day))
                        for day in days)
            done += 1
            if progress is not None:
                progress(done, total)
    return Panel(tuple(rows))
