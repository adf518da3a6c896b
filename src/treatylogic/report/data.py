"""What the report embeds for its script: every cell's status on every day it changes.

A cell's history is its timeline (:meth:`Corpus.timeline`) written as a flat
list of integers: the status before the first change, then ``day, status``
pairs, where ``day`` indexes one sorted list of ISO days shared by the whole
report and ``status`` indexes the status vocabulary. With that the page can
show the matrix on any day without the engine, and it stays small: the 1,191
targets x 5 stances of a 1,000-instrument corpus take about 150 kB.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> histories = cell_histories(corpus, ["karakhan-1919"], ["russia"])
>>> histories.status_on("karakhan-1919", "russia", "1921-06-01")
'in_force'
>>> histories.status_on("karakhan-1919", "russia", "2024-09-02")
'annulled'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..status import Status
from .axis import TimeAxis
from .styles import STATUS_ORDER

if TYPE_CHECKING:
    from ..engine import Corpus

__all__ = ["CellHistories", "Progress", "cell_histories", "timeline_data", "timeline_days"]

#: Called as ``progress(done, total)`` while the report is built.
Progress = Callable[[int, int], None]
#: Every status the page may show, in legend order (the index is what the page stores).
VOCABULARY: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER) + tuple(
    s.value for s in Status if s not in STATUS_ORDER)


@dataclass(frozen=True, slots=True)
class CellHistories:
    """Every (target, stance) cell's status through time, in the page's compact form."""

    days: tuple[str, ...]                       # ISO days on which some cell changes
    stances: tuple[str, ...]
    targets: tuple[str, ...]
    cells: tuple[tuple[tuple[int, ...], ...], ...]  # [target][stance] -> s0, d1, s1, ...

    def status_on(self, target: str, stance: str, day: str | dt.date) -> str:
        """The status value the page shows for one cell on ``day`` (an ISO day)."""
        iso = day.isoformat() if isinstance(day, dt.date) else day
        flat = self.cells[self.targets.index(target)][self.stances.index(stance)]
        status = flat[0]
        for position in range(1, len(flat), 2):
            if self.days[flat[position]] <= iso:
                status = flat[position + 1]
            else:
                break
        return VOCABULARY[status]

    def change_days(self, target: str) -> list[str]:
        """The ISO days on which any stance's reading of ``target`` changes."""
        row = self.cells[self.targets.index(target)]
        return sorted({self.days[flat[i]] for flat in row for i in range(1, len(flat), 2)})

    def to_json(self) -> str:
        """The histories as compact JSON: ``{days, statuses, stances, targets, cells}``."""
        return json.dumps({"days": self.days, "statuses": VOCABULARY, "stances": self.stances,
                           "targets": self.targets, "cells": self.cells},
                          separators=(",", ":"), ensure_ascii=False)


def cell_histories(corpus: Corpus, targets: Sequence[str], stances: Sequence[str],
                   progress: Progress | None = None) -> CellHistories:
    """The history of every ``targets`` x ``stances`` cell (see the module docstring).

    The last day, 9999-12-31, is the open end of every uncertain date: a
    status it settles (an effect dated ``1922-10/..`` has certainly happened by
    then) is recorded on that day, so the page agrees with :meth:`Corpus.table`
    on every day, the last one too.
    """
    index = {status: number for number, status in enumerate(VOCABULARY)}
    last_day = corpus.table(dt.date.max, list(stances)) if targets else {}
    raw: list[list[list[tuple[dt.date | None, str]]]] = []
    all_days: set[dt.date] = set()
    for done, target in enumerate(targets, 1):
        row = []
        for stance in stances:
            changes: list[tuple[dt.date | None, str]] = [
                (interval.start, interval.status.value)
                for interval in corpus.timeline(target, stance).intervals]
            final = last_day[target, stance].value
            if changes[-1][1] != final:
                changes.append((dt.date.max, final))
            all_days.update(day for day, _ in changes[1:] if day is not None)
            row.append(changes)
        raw.append(row)
        if progress is not None:
            progress(done, len(targets))
    days = sorted(all_days)
    position = {day: number for number, day in enumerate(days)}
    cells = tuple(
        tuple(_flat(changes, position, index) for changes in row) for row in raw)
    return CellHistories(tuple(day.isoformat() for day in days), tuple(stances),
                         tuple(targets), cells)


def _flat(changes: list[tuple[dt.date | None, str]], position: dict[dt.date, int],
          index: dict[str, int]) -> tuple[int, ...]:
    """``s0, d1, s1, ...``: a timeline's first interval is open to the past (its start None)."""
    flat = [index[changes[0][1]]]
    for day, status in changes[1:]:
        assert day is not None  # only the first interval of a timeline has no start
        flat += [position[day], index[status]]
    return tuple(flat)


def timeline_days(corpus: Corpus, target: str) -> list[dt.date]:
    """The days a timeline of ``target`` must show: its instrument's dates and its effects'.

    Open ends (``1922-10/..``, ``../1920``) are left out: they are no day of change.
    """
    instrument, _ = corpus.check_target(target)
    inst = corpus.instruments[instrument]
    days = [inst.date.earliest, inst.date.latest, inst.start.earliest, inst.start.latest]
    for record in corpus.target_record(target).effects:
        days += [record.date.earliest, record.date.latest]
    return [day for day in days if day not in (dt.date.min, dt.date.max)] or [inst.start.latest]


def timeline_data(corpus: Corpus, target: str, histories: CellHistories,
                  *also: dt.date) -> dict[str, object]:
    """What the page needs to draw ``target``'s timeline itself.

    ``knots``: the time axis as ``[ordinal, x, ...]`` corners (see
    :meth:`TimeAxis.knots`); ``effects``: ``[first ISO day, last ISO day, label]``
    per effect, numbered in this order. The lanes come from ``histories``.
    """
    axis = TimeAxis.around([*timeline_days(corpus, target), *also,
                            *(dt.date.fromisoformat(d) for d in histories.change_days(target)
                              if d != dt.date.max.isoformat())])
    effects = [[record.date.earliest.isoformat(), record.date.latest.isoformat(),
                f"{record.source.id} {record.kind.verb} {record.effect.target} "
                f"({record.date.text})"]
               for record in corpus.target_record(target).effects]
    instrument, _, provision = target.partition("#")
    title = corpus.provisions[target].summary if provision else \
        corpus.instruments[instrument].title
    return {"knots": [n for knot in axis.knots() for n in knot], "effects": effects,
            "title": title}
