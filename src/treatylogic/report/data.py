"""What the report embeds for its script: every cell's status on every day it changes.

A cell's history is its timeline (:meth:`Corpus.timeline`) written as a flat
list of integers: the status before the first change, then ``day, status``
pairs, where ``day`` indexes one sorted list of ISO days shared by the whole
report and ``status`` indexes the status vocabulary. With that the page can
show the matrix on any day without the engine, and it stays small: the 1,191
targets x 5 stances of a 1,000-instrument corpus take about 150 kB.

When the corpus has parties, each party the reader may choose has a layer of
its own (:class:`PartyLayer`): the histories of the cells ``party=`` gives
(:meth:`Corpus.timeline` with ``party``), kept only for the targets whose
instrument the party could be bound by, that is, where one of the
instrument's authors is among the party's ancestors under some stance
(``docs/semantics.md``, "The party asked about": continuity makes a successor a
party). Every other target is ``not_party`` on every day under every stance:
the party's base is ``not_party`` and no event can make it live.

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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..status import Status
from .axis import TimeAxis
from .styles import STATUS_ORDER

if TYPE_CHECKING:
    from ..engine import Corpus

__all__ = ["CellHistories", "PartyLayer", "Progress", "bound_instruments", "cell_histories",
           "could_be_bound", "report_parties", "timeline_data", "timeline_days"]

#: Called as ``progress(done, total)`` while the report is built.
Progress = Callable[[int, int], None]
#: Every status the page may show, in legend order (the index is what the page stores).
VOCABULARY: tuple[str, ...] = tuple(s.value for s in STATUS_ORDER) + tuple(
    s.value for s in Status if s not in STATUS_ORDER)


#: A cell's history as the page stores it: ``s0, d1, s1, ...`` (see the module docstring).
Flat = tuple[int, ...]
#: One change in a timeline: the day it starts (None: open to the past) and the status.
Change = tuple[dt.date | None, str]
#: The history of a cell that is ``not_party`` on every day.
NOT_PARTY_FLAT: Flat = (VOCABULARY.index(Status.NOT_PARTY.value),)


@dataclass(frozen=True, slots=True)
class PartyLayer:
    """One party's cells: ``rows[target index][stance index]`` for the targets it could be
    bound by; every other target is :data:`NOT_PARTY_FLAT` under every stance."""

    party: str
    rows: dict[int, tuple[Flat, ...]]

    def flats(self, target_index: int, stances: int) -> tuple[Flat, ...]:
        """The row of one target (``stances`` long)."""
        return self.rows.get(target_index, (NOT_PARTY_FLAT,) * stances)


@dataclass(frozen=True, slots=True)
class CellHistories:
    """Every (target, stance) cell's status through time, in the page's compact form."""

    days: tuple[str, ...]                       # ISO days on which some cell changes
    stances: tuple[str, ...]
    targets: tuple[str, ...]
    cells: tuple[tuple[Flat, ...], ...]         # [target][stance] -> s0, d1, s1, ...
    parties: tuple[PartyLayer, ...] = ()        # one layer per party the reader may choose

    def flat(self, target: str, stance: str, party: str | None = None) -> Flat:
        """One cell's history: the instrument's own status, or ``party``'s."""
        row = self.targets.index(target)
        if party is None:
            return self.cells[row][self.stances.index(stance)]
        layer = next(layer for layer in self.parties if layer.party == party)
        return layer.flats(row, len(self.stances))[self.stances.index(stance)]

    def status_on(self, target: str, stance: str, day: str | dt.date,
                  party: str | None = None) -> str:
        """The status value the page shows for one cell on ``day`` (an ISO day)."""
        iso = day.isoformat() if isinstance(day, dt.date) else day
        flat = self.flat(target, stance, party)
        status = flat[0]
        for position in range(1, len(flat), 2):
            if self.days[flat[position]] <= iso:
                status = flat[position + 1]
            else:
                break
        return VOCABULARY[status]

    def change_days(self, target: str) -> list[str]:
        """The ISO days on which any stance's reading of ``target`` changes, for any party."""
        index = self.targets.index(target)
        rows = [self.cells[index], *(layer.rows[index] for layer in self.parties
                                     if index in layer.rows)]
        return sorted({self.days[flat[i]] for row in rows for flat in row
                       for i in range(1, len(flat), 2)})

    def to_json(self) -> str:
        """The instrument-level histories as compact JSON: ``{days, statuses, stances, targets,
        cells}`` (the party layers travel apart: :meth:`parties_json`)."""
        return json.dumps({"days": self.days, "statuses": VOCABULARY, "stances": self.stances,
                           "targets": self.targets, "cells": self.cells},
                          separators=(",", ":"), ensure_ascii=False)

    def party_rows(self, layer: PartyLayer) -> dict[str, tuple[Flat, ...]]:
        """A layer's rows keyed by the target's index as a string (JSON's object keys)."""
        return {str(index): row for index, row in sorted(layer.rows.items())}


def _lines(corpus: Corpus, party: str) -> set[str]:
    """``party`` and every actor it continues, under the common view or any stance's."""
    return set().union(*(corpus.ancestors(party, stance)
                         for stance in [None, *corpus.stances.values()]))


def could_be_bound(corpus: Corpus, party: str, instrument: str) -> bool:
    """Whether ``party`` is or continues an author of ``instrument`` under some stance.

    When it is not, ``party`` is ``not_party`` to every target of ``instrument`` on
    every day under every stance (``docs/semantics.md``, "The party asked about").
    """
    return bool(set(corpus.instruments[instrument].author()) & _lines(corpus, party))


def bound_instruments(corpus: Corpus, party: str, instruments: Iterable[str]) -> set[str]:
    """Those of ``instruments`` that could bind ``party`` (see :func:`could_be_bound`)."""
    line = _lines(corpus, party)
    return {inst for inst in instruments if not line.isdisjoint(corpus.instruments[inst].author())}


def report_parties(corpus: Corpus, targets: Sequence[str]) -> list[str]:
    """The actors a report on ``targets`` lets the reader choose: those that could be bound
    by at least one of their instruments, in id order."""
    authors = {a for target in dict.fromkeys(t.partition("#")[0] for t in targets)
               for a in corpus.instruments[target].author()}
    return [actor for actor in sorted(corpus.actors)
            if not _lines(corpus, actor).isdisjoint(authors)]


def cell_histories(corpus: Corpus, targets: Sequence[str], stances: Sequence[str],
                   progress: Progress | None = None, *,
                   parties: Sequence[str] = ()) -> CellHistories:
    """The history of every ``targets`` x ``stances`` cell (see the module docstring).

    With ``parties``, also each party's layer (for the targets it could be bound by).
    The last day, 9999-12-31, is the open end of every uncertain date: a
    status it settles (an effect dated ``1922-10/..`` has certainly happened by
    then) is recorded on that day, so the page agrees with :meth:`Corpus.table`
    on every day, the last one too.
    """
    index = {status: number for number, status in enumerate(VOCABULARY)}
    all_days: set[dt.date] = set()
    total = len(targets) * (1 + len(parties))
    done = 0

    def histories(rows: Sequence[str], party: str | None) -> list[list[list[Change]]]:
        nonlocal done
        # the status on the last day: for every cell at once, or (a party's few rows) one by one
        last_day = corpus.table(dt.date.max, list(stances)) if party is None and rows else {
            (t, s): corpus.resolve(t, s, dt.date.max, party=party).status
            for t in rows for s in stances}
        raw = []
        for target in rows:
            row = []
            for stance in stances:
                changes: list[Change] = [
                    (interval.start, interval.status.value)
                    for interval in corpus.timeline(target, stance, party=party).intervals]
                final = last_day[target, stance].value
                if changes[-1][1] != final:
                    changes.append((dt.date.max, final))
                all_days.update(day for day, _ in changes[1:] if day is not None)
                row.append(changes)
            raw.append(row)
            done += 1
            if progress is not None:
                progress(done, total)
        return raw

    own = histories(targets, None)
    layers_raw = []
    instruments = set(dict.fromkeys(t.partition("#")[0] for t in targets))
    for party in parties:
        bound = bound_instruments(corpus, party, instruments)
        chosen = [n for n, target in enumerate(targets) if target.partition("#")[0] in bound]
        layers_raw.append((party, chosen, histories([targets[n] for n in chosen], party)))
        done += len(targets) - len(chosen)
        if progress is not None:
            progress(done, total)
    days = sorted(all_days)
    position = {day: number for number, day in enumerate(days)}

    def flats(row: list[list[Change]]) -> tuple[Flat, ...]:
        return tuple(_flat(changes, position, index) for changes in row)

    return CellHistories(
        tuple(day.isoformat() for day in days), tuple(stances), tuple(targets),
        tuple(flats(row) for row in own),
        tuple(PartyLayer(party, {n: flats(row) for n, row in zip(chosen, raw, strict=True)})
              for party, chosen, raw in layers_raw))


def _flat(changes: list[Change], position: dict[dt.date, int],
          index: dict[str, int]) -> Flat:
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
