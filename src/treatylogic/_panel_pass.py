"""The panel's pass over one instrument: every party's runs of statuses at once.

Where it applies (:func:`applies`): an instrument that no effect targets and on which the
stance takes a position. Then nothing a stance decides reaches it, and the only events
that can change a party's status are the instrument's own expiry (its ``term`` or
``ends``, unless it renews tacitly) and the parties' recorded withdrawals
(docs/semantics.md, stage 4): none cites another, none has a source to check. A party's
status on a day then follows from the instrument's dates, its own steps (signature,
consent, entry into force, provisional application) and how many other parties have left
(VCLT arts. 54, 55: fewer than two remaining ends it).

One cell (party, date) is computed here when, on that date,

- no step of the party's is open (each has happened or not begun), so its base status
  before any event is one status;
- no event is open (each has taken effect or not begun), so every event that has begun
  acts;
- the party's own withdrawal and the expiry are each ordered by their dates against every
  other event that acts. Other parties' withdrawals may overlap one another: only their
  number counts. This is exactly where the resolver folds the events once, in date order
  (:func:`treatylogic.courses.possible`: ``totally_ordered`` or ``ordered_but_leavers``), and the
  first of the party's withdrawal, the expiry and the withdrawal that leaves fewer than
  two parties decides (each ends what it reaches: ``withdrawn``, ``expired`` and
  ``terminated`` change under no later one of them).

Every other cell (an open date, an order the record leaves open) is asked of the resolver
(:meth:`treatylogic.resolution.Resolver.status_of`), as is every instrument the pass does
not apply to. The statuses change only on the first date on or after a day on which a
step or an event begins or ends, so a party's series is computed on those dates only.

``benchmarks/ggo_pass_check.py`` compares this with the resolver cell for cell on the full
GGO data, and ``tests/property/test_panel_pass.py`` on generated corpora.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence

from .corpus import RuleBase, TargetRecord
from .models import Party, Stance
from .resolution import STEP_RANK, party_milestones, party_of, term_end
from .status import Status

__all__ = ["InstrumentPass", "applies"]

_S = Status
#: A series: (index of the first date of a run, its status), the runs in date order.
Runs = tuple[tuple[int, Status], ...]


def applies(corpus: RuleBase, stance: Stance, instrument: str) -> bool:
    """True when the pass gives ``instrument``'s cells under ``stance`` (the rest: the
    resolver): no effect targets it, the stance takes a position on it."""
    target = corpus.target_record(instrument)
    return not target.effects and not target.variants and target.text is None and \
        instrument not in stance.no_position


class _Event:
    """The expiry (``party`` None) or one party's withdrawal, with where it falls among
    the panel's dates: it has begun from index ``begun``, taken effect from ``acts``."""

    __slots__ = ("acts", "begun", "earliest", "latest", "party")

    def __init__(self, earliest: dt.date, latest: dt.date, party: str | None,
                 index: Callable[[dt.date], int]) -> None:
        self.earliest, self.latest, self.party = earliest, latest, party
        self.begun, self.acts = index(earliest), index(latest)


class _Shared:
    """What the events are on one date, the same for every party: the withdrawals that act,
    by their latest and earliest days (sorted), and whether the expiry acts; ``open`` when
    some event has begun and not certainly taken effect."""

    __slots__ = ("earliest", "expired", "latest", "open")

    def __init__(self, events: Sequence[_Event], k: int) -> None:
        self.open = any(e.begun <= k < e.acts for e in events)
        leaving = [e for e in events if e.party is not None and e.acts <= k]
        self.latest = sorted(e.latest for e in leaving)
        self.earliest = sorted(e.earliest for e in leaving)
        self.expired = any(e.party is None and e.acts <= k for e in events)


class InstrumentPass:
    """Every party's series of one instrument under one stance, on the panel's ``dates``.

    ``resolve(party, k)`` is the resolver's status on ``dates[k]``, asked for the cells
    the pass does not decide; :attr:`asked` counts them.
    """

    def __init__(self, corpus: RuleBase, stance: Stance, instrument: str,
                 dates: Sequence[dt.date], resolve: Callable[[str, int], Status]) -> None:
        self.corpus, self.stance, self.dates, self.resolve = corpus, stance, dates, resolve
        self.target: TargetRecord = corpus.target_record(instrument)
        inst = self.inst = self.target.instrument
        self.width = len(dates)
        self._index_memo: dict[dt.date, int] = {}
        self.records: dict[str, Party] = {p.actor: p for p in inst.parties}
        if inst.issuer is not None:
            self.records.setdefault(inst.issuer, Party(actor=inst.issuer))
        events: list[_Event] = []
        if self.target.expires:
            first, last = term_end(inst, inst.start.earliest), term_end(inst, inst.start.latest)
            assert first is not None and last is not None
            events.append(_Event(first, last, None, self._index))
        self.own: dict[str, _Event] = {}
        for party in inst.parties:
            if party.withdrawn is not None:
                event = self.own[party.actor] = _Event(
                    party.withdrawn.earliest, party.withdrawn.latest, party.actor, self._index)
                events.append(event)
        self.events = events
        self.expiry = events[0] if self.target.expires else None
        self.event_days = {k for e in events for k in (e.begun, e.acts)}
        self.before_date = self._index(inst.date.earliest)  # pending before, not_party after
        self.leaving_ends = max(self.target.parties - 1, 1)  # leavers that leave fewer than two
        self._shared: dict[int, _Shared] = {}
        self._after: dict[tuple[int, str | None], Status | None] = {}
        self._renamed: dict[tuple[int, tuple[dt.date, dt.date] | None], Status] = {}
        self.asked = 0

    def _index(self, day: dt.date) -> int:
        """The index of the first panel date on or after ``day``."""
        found = self._index_memo.get(day)
        if found is None:
            found = self._index_memo[day] = bisect.bisect_left(self.dates, day)
        return found

    def runs(self, party: str) -> Runs:
        """``party``'s runs of statuses on the panel's dates."""
        listed = party_of(self.corpus, self.stance, self.inst, party)
        record = None if listed is None else self.records.get(listed)
        if listed is None or record is None:  # a third state (VCLT art. 34)
            return ((0, _S.NOT_PARTY),)
        steps = [(self._index(span.earliest), self._index(span.latest), reached)
                 for _, span, reached in party_milestones(self.inst, record)]
        days = {0, self.before_date, *self.event_days}
        for begun, done, _ in steps:
            days.add(begun)
            days.add(done)
        days.discard(self.width)
        own = self.own.get(listed)
        runs: list[tuple[int, Status]] = []
        for k in sorted(days):
            status = self._cell(k, steps, own)
            if status is None:
                status = self._resolved(party, k, steps, own)
            if not runs or runs[-1][1] != status:
                runs.append((k, status))
        return tuple(runs)

    def _resolved(self, party: str, k: int, steps: list[tuple[int, int, Status]],
                  own: _Event | None) -> Status:
        """The resolver's status on ``dates[k]``, shared by parties that differ only in name.

        Two parties bound on that date (their steps all certain) whose own withdrawals have
        the same dates (or neither has begun one) are one party renamed, as far as this
        instrument's events go: the resolver gives them the same status (docs/semantics.md,
        laws 1 and 2: renaming and declaration order change no answer). So it is asked once
        for them.
        """
        bound = all(done <= k or k < begun for begun, done, _ in steps) and \
            self._cell_base(k, steps) is _S.IN_FORCE
        key = None
        if bound:
            window = (own.earliest, own.latest) if own is not None and own.begun <= k else None
            key = (k, window)
            found = self._renamed.get(key)
            if found is not None:
                return found
        self.asked += 1
        status = self.resolve(party, k)
        if key is not None:
            self._renamed[key] = status
        return status

    def _cell(self, k: int, steps: list[tuple[int, int, Status]],
              own: _Event | None) -> Status | None:
        """The status on ``dates[k]``; None where the resolver must say."""
        for begun, done, _ in steps:
            if begun <= k < done:
                return None  # a step of the party's may or may not have happened
        base = self._cell_base(k, steps)
        if base is not _S.IN_FORCE or not self.events:
            return base
        key = (k, own.party if own is not None and own.begun <= k else None)
        if key in self._after:
            return self._after[key]
        found = self._after[key] = self._after_events(k, own)
        return found

    def _cell_base(self, k: int, steps: list[tuple[int, int, Status]]) -> Status:
        """The party's status before any event on ``dates[k]``, its steps all certain then:
        the furthest it has reached (VCLT art. 25), else pending before the instrument's
        date and not_party after it."""
        base: Status | None = None
        for _, done, reached in steps:
            if done <= k and (base is None or STEP_RANK[reached] > STEP_RANK[base]):
                base = reached
        if base is None:
            return _S.PENDING if k < self.before_date else _S.NOT_PARTY
        return base

    def _after_events(self, k: int, own: _Event | None) -> Status | None:
        """The status of a party bound on ``dates[k]`` after the events that act by then,
        where one fold decides; None where the resolver must say."""
        shared = self._shared.get(k)
        if shared is None:
            shared = self._shared[k] = _Shared(self.events, k)
        if shared.open:
            return None
        latest, earliest = shared.latest, shared.earliest
        leaving = len(latest)
        mine = own if own is not None and own.acts <= k else None
        expiry = self.expiry if shared.expired else None
        before: dict[str, int] = {}  # how many withdrawals act before it, by dates
        for name, event in (("own", mine), ("expiry", expiry)):
            if event is None:
                continue
            first = bisect.bisect_left(latest, event.earliest)
            after = leaving - bisect.bisect_right(earliest, event.latest)
            if first + after != leaving - (event is mine):
                return None  # a withdrawal that may come before or after it: an order search
            before[name] = first
        if mine is not None and expiry is not None and \
                not (mine.latest < expiry.earliest or expiry.latest < mine.earliest):
            return None  # the party's withdrawal and the expiry: unordered
        # the first of: the party's withdrawal, the expiry, the withdrawal that leaves
        # fewer than two parties (each ends what it reaches). before["expiry"] is read
        # only where the expiry comes before the party's own withdrawal (or there is none),
        # so it never counts the party's own among the others who left.
        others = leaving - (mine is not None)
        ends = self.leaving_ends
        terminates = others >= ends
        if mine is not None and (expiry is None or mine.latest < expiry.earliest) and \
                not (terminates and before["own"] >= ends):
            return _S.WITHDRAWN
        if expiry is not None and (mine is None or expiry.latest < mine.earliest) and \
                not (terminates and before["expiry"] >= ends):
            return _S.EXPIRED
        if terminates:
            return _S.TERMINATED
        return _S.IN_FORCE
