"""The panel: party x instrument x date x stance -> status, the long view researchers use.

``panel(corpus, ...)`` gives, for every actor an instrument can bind under a stance (its
authors and those who continue one: :meth:`RuleBase.possible_parties`), its status on
each date. Every other actor is a third state to the instrument, ``not_party`` on every
date (VCLT art. 34): the rule base says so, so those cells are neither resolved nor
stored (the full GGO panel would be 99% of them); :meth:`Panel.status` answers them.

Each (instrument, party, stance) is one timeline: its status can change only on the
days :func:`change_days` lists (the instrument's dates, the party's own, the effects on
it and what they depend on, and other parties' withdrawals where they can end it), so it
is resolved on the first date and then only on a date after which such a day fell, and
stored as runs. The statuses are the resolver's (:mod:`treatylogic.resolution`), the
same code path as ``Corpus.resolve``; an instrument no effect targets is computed in one
pass over its parties (:mod:`treatylogic._panel_pass`: its expiry, each party's steps and
withdrawal, the count of leavers), the resolver asked only for the cells whose order of
events the record leaves open, with the same statuses (``fast=False`` asks the resolver
for every series, to check it).

Dates: ``at`` (EDTF, each read as its last day, as everywhere in treatylogic) or
``start``/``end`` years with ``every`` year (31 December) or month (its last day).

>>> import treatylogic as tl                                          # doctest: +SKIP
>>> rows = tl.load("ggo-rules").panel(parties=["DDR"], start=1985, end=1995,
...                                   stances=["dataset", "continuity"])  # doctest: +SKIP
>>> rows.to_pandas()                                                  # doctest: +SKIP
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import OPEN_END, DateSpan, parse_date
from .errors import TreatyLogicError, UnknownIdError
from .models import Party, Stance
from .status import Status

if TYPE_CHECKING:
    import pandas as pd

    from .engine import Corpus

__all__ = ["COLUMNS", "Panel", "PanelError", "PanelRow", "change_days", "panel", "panel_dates"]

COLUMNS = ("party", "instrument", "date", "stance", "status")
EVERY = ("year", "month")
FORMATS = ("csv", "json", "parquet")

#: A series: (index of the first date of a run, its status), the runs in date order.
Runs = tuple[tuple[int, Status], ...]


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
    """A panel, stored as one series of runs per (party, instrument, stance).

    ``series`` holds every actor the instrument can bind under the stance; any other
    (actor, instrument) is ``not_party`` on every date (:meth:`status` says so). Rows
    (:attr:`rows`, iteration, the files) list the series' cells, in (party, instrument,
    stance, date) order.
    """

    dates: tuple[dt.date, ...]
    stances: tuple[str, ...]
    series: Mapping[tuple[str, str, str], Runs]
    #: The actors asked for (None: every actor).
    parties: frozenset[str] | None = None

    def __len__(self) -> int:
        return len(self.series) * len(self.dates)

    def __iter__(self) -> Iterator[PanelRow]:
        dates = self.dates
        for (party, instrument, stance), runs in sorted(self.series.items()):
            for status, first, last in _spans(runs, len(dates)):
                for day in dates[first:last]:
                    yield PanelRow(party, instrument, day, stance, status)

    @property
    def rows(self) -> tuple[PanelRow, ...]:
        """Every cell of the series as a row (for small panels: see :meth:`to_pandas`)."""
        return tuple(self)

    def status(self, party: str, instrument: str, day: dt.date, stance: str) -> Status:
        """The status of one cell; ``not_party`` for an actor the instrument cannot bind.

        Raises
        ------
        KeyError
            ``day``, ``stance`` or ``party`` is not one of the panel's.
        """
        index = self.dates.index(day) if day in self.dates else None
        if index is None or stance not in self.stances:
            raise KeyError(f"({day}, {stance}) is not a date and stance of this panel")
        if self.parties is not None and party not in self.parties:
            raise KeyError(f"{party} is not one of the parties this panel was asked for")
        runs = self.series.get((party, instrument, stance))
        if runs is None:
            return Status.NOT_PARTY
        return runs[bisect.bisect_right([first for first, _ in runs], index) - 1][1]

    def records(self) -> list[dict[str, str]]:
        """Plain rows: the date as ISO text, the status as its word."""
        return [{"party": r.party, "instrument": r.instrument, "date": r.date.isoformat(),
                 "stance": r.stance, "status": r.status.value} for r in self]

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with the columns party, instrument, date, stance, status.

        Built column by column (party, instrument, stance and status as categoricals), so a
        panel of millions of cells costs bytes per cell, not a Python object per cell.

        Raises
        ------
        ImportError
            pandas is not installed (``pip install 'treatylogic[data]'``).
        """
        try:
            import numpy as np
            import pandas as pd
        except ImportError as exc:
            raise ImportError("Panel.to_pandas needs pandas: pip install 'treatylogic[data]'"
                              ) from exc
        keys = sorted(self.series)
        width = len(self.dates)
        words = sorted(s.value for s in Status)
        code = {Status(w): i for i, w in enumerate(words)}
        status = np.empty(len(keys) * width, dtype=np.int8)
        for row, key in enumerate(keys):
            base = row * width
            for value, first, last in _spans(self.series[key], width):
                status[base + first:base + last] = code[value]

        def column(position: int) -> pd.Categorical:
            names = sorted({k[position] for k in keys})
            index = {n: i for i, n in enumerate(names)}
            codes = np.repeat(np.array([index[k[position]] for k in keys], dtype=np.int32),
                              width)
            return pd.Categorical.from_codes(codes, categories=names)

        return pd.DataFrame({
            "party": column(0), "instrument": column(1),
            "date": np.tile(np.array(self.dates, dtype="datetime64[ns]"), len(keys)),
            "stance": column(2),
            "status": pd.Categorical.from_codes(status, categories=words)})

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


def _spans(runs: Runs, width: int) -> Iterator[tuple[Status, int, int]]:
    """Each run as (status, first index, index after its last)."""
    for position, (first, status) in enumerate(runs):
        last = runs[position + 1][0] if position + 1 < len(runs) else width
        yield status, first, last


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


def _spans_days(spans: Iterable[DateSpan | None]) -> set[dt.date]:
    return {d for span in spans if span is not None for d in (span.earliest, span.latest)}


class _Days:
    """The change days of one stance, the parts shared by an instrument's parties memoised."""

    def __init__(self, corpus: Corpus, stance: Stance) -> None:
        self.corpus, self.stance = corpus, stance
        self.shared: dict[str, tuple[set[dt.date], dt.date | None]] = {}
        self.upstream: dict[str, set[dt.date]] = {}
        #: instrument -> (its shared days with every party's withdrawal day from the first
        #: on which others' withdrawals can count, its party records by actor)
        self.common: dict[str, tuple[frozenset[dt.date], dict[str, Party]]] = {}

    def of_instrument(self, instrument: str) -> tuple[set[dt.date], dt.date | None]:
        """Days every party of ``instrument`` shares, and the first day other parties'
        withdrawals can change a party's status (when they can leave fewer than two parties)."""
        found = self.shared.get(instrument)
        if found is not None:
            return found
        import networkx as nx

        from .resolution import change_days as instrument_days
        from .resolution import decision, notice_day, term_end

        corpus, stance = self.corpus, self.stance
        inst = corpus.instruments[instrument]
        days = _spans_days((inst.date, inst.start))
        days |= _spans_days(v.date for v in inst.variants)  # a clause found only in dated texts
        for begin in (inst.start.earliest, inst.start.latest):
            end = term_end(inst, begin)
            if end is not None:
                days.add(end)
        records = corpus.effects_on(instrument)
        for record in records:
            days.update((record.earliest, record.latest, record.acted.earliest,
                         record.acted.latest))
            if record.acted.latest < dt.date.max:  # a cycle on the day it acted holds then only
                days.add(record.acted.latest + dt.timedelta(days=1))
            notice = inst.notice or decision(corpus, stance, record).notice
            if notice is not None or inst.renewal is not None:
                days.update(notice_day(inst, d, notice)
                            for d in (record.acted.earliest, record.acted.latest))
        if records and instrument in corpus.dependencies:
            for name in nx.ancestors(corpus.dependencies, instrument):
                more = self.upstream.get(name)
                if more is None:
                    more = self.upstream[name] = set(instrument_days(corpus, stance, name))
                days |= more
        # other parties' withdrawals change a party's status only once they can leave fewer
        # than two parties: from the day the (n-1)th of them may have happened
        leaving = sorted([p.withdrawn.earliest for p in inst.parties if p.withdrawn] +
                         [r.earliest for r in records if r.kind.value == "withdraw"])
        parties = len(inst.author())
        ending = leaving[parties - 2] if 2 <= parties <= len(leaving) + 1 else None
        found = self.shared[instrument] = (days, ending)
        return found

    def of(self, instrument: str, party: str) -> list[dt.date]:
        """Every day on which ``party``'s status under the stance may change, sorted."""
        common = self.common.get(instrument)
        if common is None:
            inst = self.corpus.instruments[instrument]
            shared, ending = self.of_instrument(instrument)
            every = set(shared)
            if ending is not None:  # a party's own withdrawal days are its own days anyway
                every.update(d for d in _spans_days(p.withdrawn for p in inst.parties)
                             if d >= ending)
            common = self.common[instrument] = (frozenset(every - {OPEN_END, dt.date.min}),
                                                {p.actor: p for p in inst.parties})
        days, records = common
        own: set[dt.date] = set()
        for actor in self.corpus.ancestors(party, self.stance):  # the party and its line
            record = records.get(actor)
            if record is not None:
                own |= _spans_days((record.signed, record.consent, record.in_force,
                                    record.provisional, record.withdrawn))
        own -= {OPEN_END, dt.date.min}
        return sorted(days | own)


def change_days(corpus: Corpus, instrument: str, stance: str, party: str) -> list[dt.date]:
    """The days on which ``party``'s status in ``instrument`` under ``stance`` may change.

    The instrument's date, entry into force and end; the party's own (or, for a successor,
    its predecessor's) signature, consent, entry into force and withdrawal; the effects on
    the instrument, with notice, and every day the status of their sources may change;
    other parties' withdrawals from the first day they can leave fewer than two parties (the
    treaty then ends, VCLT art. 55 read with art. 54): before the (n-1)th of n parties may
    have left, no count of the others' withdrawals changes anyone's status. Between two of
    these days nothing the resolver reads changes, so neither does the status.
    """
    return _Days(corpus, corpus.stance(stance)).of(instrument, party)


def _series(status_of: Callable[[dt.date], Status], changes: list[dt.date],
            dates: Sequence[dt.date]) -> Runs:
    """Runs of statuses on ``dates``: resolved on the first, then only after a change day."""
    runs = [(0, status_of(dates[0]))]
    last = len(dates)
    # the first date on or after each change day past the first date (a change day
    # between two dates shows on the later one)
    for index in sorted({bisect.bisect_left(dates, day, lo=1) for day in changes
                         if day > dates[0]} - {last}):
        status = status_of(dates[index])
        if status != runs[-1][1]:
            runs.append((index, status))
    return tuple(runs)


def _resolved(status_of: Callable[..., Status], instrument: str, dates: Sequence[dt.date],
              party: str, k: int) -> Status:
    return status_of(instrument, dates[k], party=party)


def panel(corpus: Corpus, *, parties: Iterable[str] | None = None,
          instruments: Iterable[str] | None = None, at: Sequence[str] | None = None,
          start: int | None = None, end: int | None = None, every: str = "year",
          stances: Iterable[str] | None = None,
          progress: Callable[[int, int], None] | None = None, fast: bool = True) -> Panel:
    """The status of each instrument for each actor it can bind, on each date, under each
    stance; every other actor is ``not_party`` (see :class:`Panel`).

    Parameters
    ----------
    parties, instruments
        Only these (default: all). Unknown ids raise ``UnknownIdError``.
    at, start, end, every
        The dates: see :func:`panel_dates`.
    stances
        Stance ids or aliases (default: every stance).
    progress
        Called with (done, total) (instrument, stance) pairs.
    fast
        True: an instrument no effect targets is computed in one pass over its parties
        (:mod:`treatylogic._panel_pass`, the resolver asked only for the cells it leaves
        open); False: every series through the resolver (the same statuses, slower: for
        checking the pass).
    """
    from ._panel_pass import InstrumentPass, applies
    from .resolution import Resolver, collector_paused

    dates = panel_dates(at, start, end, every)
    chosen_stances = [corpus.stance(s) for s in stances] if stances is not None else \
        [corpus.stances[s] for s in sorted(corpus.stances)]
    wanted = None
    if parties is not None:
        wanted = set(parties)
        for p in sorted(wanted):
            if p not in corpus.actors:
                raise UnknownIdError("actor", p, corpus.actors)
    chosen = list(instruments) if instruments is not None else sorted(corpus.instruments)
    for i in chosen:
        if i not in corpus.instruments:
            raise UnknownIdError("instrument", i, corpus.instruments)
    total, done = len(chosen) * len(chosen_stances), 0
    series: dict[tuple[str, str, str], Runs] = {}
    with collector_paused():
        for stance in chosen_stances:
            resolver, days = Resolver(corpus, stance), _Days(corpus, stance)
            for instrument in chosen:
                able = corpus.possible_parties(instrument, stance)
                asked = sorted(able if wanted is None else able & wanted)
                if fast and applies(corpus, stance, instrument):
                    one = InstrumentPass(corpus, stance, instrument, dates, functools.partial(
                        _resolved, resolver.status_of, instrument, dates))
                    for party in asked:
                        series[party, instrument, stance.id] = one.runs(party)
                else:
                    for party in asked:
                        status_of = functools.partial(resolver.status_of, instrument,
                                                      party=party)
                        series[party, instrument, stance.id] = _series(
                            status_of, days.of(instrument, party), dates)
                resolver.memo.clear()  # each instrument's answers are needed once
                resolver.cyclic.clear()
                resolver.withdrawals.clear()
                resolver.milestones.clear()
                done += 1
                if progress is not None:
                    progress(done, total)
    return Panel(tuple(dates), tuple(s.id for s in chosen_stances), series,
                 None if wanted is None else frozenset(wanted))
