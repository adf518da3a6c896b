"""The possible statuses of a target: its events folded over every admissible course.

Stage 5 of docs/semantics.md. The events that reach a target by the query day
(effects, the instrument's own term, parties' withdrawals) are given by the
resolver (:mod:`treatylogic.resolution`) or the status kernel
(:mod:`treatylogic.kernel`); here they are ordered as the record orders them (dates;
where dates leave two unordered, a citation; then lex specialis on one exact day),
and every admissible course, with every event that may or may not act, is folded
through the one transition table (``status.TRANSITIONS``). One result is the
status; several are ``undetermined``.

Only what a fold reads of an event is needed (:class:`Happening`): its dates, what
it does, whether it acts (``options``), whom it withdraws, its level and grounds.

>>> import datetime as dt
>>> from treatylogic.status import EffectKind, Status
>>> class Note:  # an event as the fold reads it
...     def __init__(self, id, kind, day, options=ACTS):
...         self.id, self.kind, self.options = id, kind, options
...         self.earliest = self.latest = day
...         self.party, self.provision_level, self.record = None, False, None
...         self.grounds = frozenset()
>>> suspended = Note("s", EffectKind.SUSPEND, dt.date(1950, 1, 1))
>>> sorted(s.value for s in possible([suspended], frozenset({Status.IN_FORCE}), 2, None))
['suspended']
>>> maybe = Note("s", EffectKind.SUSPEND, dt.date(1950, 1, 1), MAY)
>>> sorted(s.value for s in possible([maybe], frozenset({Status.IN_FORCE}), 2, None))
['in_force', 'suspended']
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from .status import TRANSITIONS, EffectKind, Event, Status

if TYPE_CHECKING:
    from .corpus import EffectRecord

__all__ = ["ACTS", "MAX_STATES", "MAY", "NEVER", "Happening", "apply_event", "before", "citing",
           "closure", "display_key", "ordered_but_leavers", "possible", "record_order",
           "totally_ordered"]

#: Whether an event acts: it does; it does not (or not yet); it may or may not.
ACTS = frozenset({True})
NEVER = frozenset({False})
MAY = frozenset({True, False})
#: Beyond this many states the orders of one target's events are not enumerated.
MAX_STATES = 200_000

_S = Status


class Happening(Protocol):
    """What the fold reads of one event that may change a target."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> Event: ...
    @property
    def earliest(self) -> dt.date: ...  # operative window
    @property
    def latest(self) -> dt.date: ...
    @property
    def options(self) -> frozenset[bool]: ...  # ACTS, NEVER or MAY
    @property
    def party(self) -> str | None: ...  # for a withdrawal: the party that leaves
    @property
    def provision_level(self) -> bool: ...
    @property
    def grounds(self) -> frozenset[str]: ...
    @property
    def record(self) -> EffectRecord | None: ...  # None: the instrument's term, a withdrawal


def display_key(event: Happening) -> tuple[dt.date, dt.date, int, str]:
    return (event.earliest, event.latest, 1 if event.provision_level else 0, event.id)


def apply_event(event: Happening, status: Status, withdrawn: frozenset[str], parties: int,
           own: str | None) -> tuple[Status, frozenset[str]]:
    """The status (and the parties gone) after ``event`` acts."""
    kind = event.kind
    if kind is EffectKind.WITHDRAW and event.party is None:
        return status, withdrawn  # no party of it leaves: nothing to withdraw from
    if kind is EffectKind.WITHDRAW and event.party is not None:
        gone = withdrawn | {event.party}
        if event.party == own:
            return TRANSITIONS.get((status, kind), status), gone
        if parties - len(gone) < 2:  # no two parties remain bound to each other
            return TRANSITIONS.get((status, EffectKind.TERMINATE), status), gone
        return status, gone
    return TRANSITIONS.get((status, kind), status), withdrawn


def before(a: Happening, b: Happening) -> bool:
    """True when the record puts ``a`` before ``b``: dates, grounds, then lex specialis.

    Pair by pair: exact among events none of which cites another (then only dates and
    lex specialis order, and both are transitive); with citations, a circle may run
    through a third event, and :func:`record_order` reads the whole list.
    """
    if a.latest < b.earliest:
        return True
    if b.latest < a.earliest:
        return False
    a_cited = a.record is not None and (a.id in b.grounds or a.record.source_id in b.grounds)
    b_cited = b.record is not None and (b.id in a.grounds or b.record.source_id in a.grounds)
    if a_cited != b_cited:
        return a_cited
    # no citation, or each cites the other (a circle that orders nothing);
    # lex specialis: on the same day, the whole first and the clause after it
    return a.earliest == a.latest == b.earliest == b.latest and \
        not a.provision_level and b.provision_level


def _all_act(events: Sequence[Happening]) -> bool:
    """True when every event certainly acts (a plain loop: this runs once per resolved key)."""
    for event in events:  # noqa: SIM110
        if event.options is not ACTS and event.options != ACTS:
            return False
    return True


def totally_ordered(events: Sequence[Happening]) -> bool:
    if citing(events):  # citations may order through a third event: the whole relation
        after = closure(record_order(events))
        return all(after[x] >> y & 1 or after[y] >> x & 1
                   for x, y in itertools.combinations(range(len(events)), 2))
    if all(before(x, y) for x, y in itertools.pairwise(events)):
        return True  # most often already in operative order
    ordered = sorted(events, key=display_key)
    return all(before(x, y) for x, y in itertools.pairwise(ordered))


def ordered_but_leavers(events: Sequence[Happening], own: str | None) -> bool:
    """True when the record orders every two of ``events`` (none citing another) except pairs
    of other parties' withdrawals (each party's only one). Then every course of events puts
    the same number of leavers before each other event, and a status reads only that
    number (art. 55): one fold in display order gives every course's statuses (a treaty
    its parties leave in overlapping months)."""
    withdrawals = Counter(e.party for e in events if e.kind is EffectKind.WITHDRAW)
    others = [e for e in events if not (e.kind is EffectKind.WITHDRAW and e.party is not None
                                        and e.party != own and withdrawals[e.party] == 1)]
    if len(others) == len(events):
        return False  # no leaver: totally_ordered has said it
    return all(x is y or before(x, y) or before(y, x) for x in others for y in events)


def _cites(later: Happening, earlier: Happening) -> bool:
    """True when ``later`` gives ``earlier`` (an effect) or its source as grounds."""
    return earlier.record is not None and later is not earlier and \
        (earlier.id in later.grounds or earlier.record.source_id in later.grounds)


def citing(events: Sequence[Happening]) -> bool:
    """True when some event cites another of ``events``: only then can a citation order them."""
    cited = {g for e in events for g in e.grounds}
    return bool(cited) and any(e.record is not None and (e.id in cited or
                                                         e.record.source_id in cited)
                               for e in events)


def closure(rows: list[int]) -> list[int]:
    """The transitive closure of a relation given as bitmasks (bit y of rows[x]: x -> y)."""
    rows = list(rows)
    for k in range(len(rows)):
        bit = 1 << k
        for x in range(len(rows)):
            if rows[x] & bit:
                rows[x] |= rows[k]
    return rows


def record_order(events: Sequence[Happening]) -> list[int]:
    """``after[x]``: the events the record puts after ``events[x]`` (bit y), as stage 5 of
    docs/semantics.md says: by dates; where the dates leave two unordered, by a citation
    (the citing one after), unless a chain of dates and citations leads back (a circle of
    citations orders nothing, whatever its length); then lex specialis on one exact day
    (the whole before the clause) unless the orders that count put the clause first.
    """
    n = len(events)
    dates = [sum(1 << y for y in range(n) if events[x].latest < events[y].earliest)
             for x in range(n)]
    grounds = [sum(1 << y for y in range(n)
                   if _cites(events[y], events[x]) and not dates[y] >> x & 1)
               for x in range(n)]
    linked = closure([d | g for d, g in zip(dates, grounds, strict=True)])
    counts = [dates[x] | sum(1 << y for y in range(n)
                             if grounds[x] >> y & 1 and not linked[y] >> x & 1)
              for x in range(n)]
    ordered = closure(counts)
    after = list(counts)
    for x, a in enumerate(events):
        if a.provision_level or a.earliest != a.latest:
            continue
        for y, b in enumerate(events):
            if b.provision_level and b.earliest == b.latest == a.earliest and \
                    not ordered[y] >> x & 1:
                after[x] |= 1 << y
    return after


def _bearing(events: Sequence[Happening], parties: int, own: str | None) -> list[int]:
    """The indices of the events that can change a status: all but inert withdrawals.

    Another party's withdrawal changes nothing unless it can leave fewer than two
    parties bound (VCLT art. 55), and a withdrawal naming no party of the target
    changes nothing at all. When even every withdrawal in ``events`` acting could not
    leave fewer than two, the others' withdrawals only grow a set nothing reads: drop
    them, so that a treaty of many parties does not enumerate the orders of their
    withdrawals (2 ** n states) to find they never mattered.
    """
    if not events:
        return []
    leaving = {e.party for e in events if e.kind is EffectKind.WITHDRAW and e.party is not None}
    others_inert = parties - len(leaving) >= 2
    cited = {g for e in events for g in e.grounds}  # a cited act orders others: keep it
    return [i for i, e in enumerate(events)
            if not (e.kind is EffectKind.WITHDRAW and
                    (e.party is None or (others_inert and e.party != own)) and
                    e.id not in cited and
                    (e.record is None or e.record.source_id not in cited))]


def _interchangeable(events: Sequence[Happening], own: str | None,
                     named: set[int]) -> list[list[int]]:
    """Classes of other parties' withdrawals that may swap places: their leavers are counted.

    Other parties' withdrawals change a status only by how many parties have left (VCLT
    art. 55: fewer than two remain), never by which. Two of them are interchangeable when
    they leave for distinct parties seen nowhere else in ``events``, share window, options
    and level, cite nothing and are cited by nothing (and no question names them:
    ``named``, forced or ordered by the caller): exchanging them in any admissible course
    of events gives an admissible course with the same statuses on the way. So each class
    is folded in one order and its leavers counted, not named (n + 1 states instead of
    2 ** n: a treaty whose parties leave on the same day or in the same month).
    """
    withdrawals = Counter(e.party for e in events if e.kind is EffectKind.WITHDRAW)
    cited = {g for e in events for g in e.grounds}
    classes: dict[tuple[object, ...], list[int]] = {}
    for x, e in enumerate(events):
        if x not in named and e.kind is EffectKind.WITHDRAW and e.party is not None and \
                e.party != own and withdrawals[e.party] == 1 and not e.grounds and \
                e.id not in cited and (e.record is None or e.record.source_id not in cited):
            classes.setdefault((e.earliest, e.latest, e.options, e.provision_level),
                               []).append(x)
    return [members for members in classes.values() if len(members) > 1]


def _alike_chains(acting: Sequence[Happening], options: list[frozenset[bool]],
                  pred: list[int], named: set[int]) -> list[list[int]]:
    """Chains of events that do the same and whose order among themselves need not be tried.

    Two events of one kind (not a withdrawal: ``apply_event`` then reads only the kind) with the
    same options do the same wherever they stand. If ``x`` must follow no more than ``y``
    does and must precede at least what ``y`` precedes (``pred`` read both ways, besides
    the two; and ``y`` need not precede ``x``), then in any admissible course with ``y``
    before ``x`` their names can be exchanged: the course stays admissible and passes
    through the same statuses. So a chain of such events is tried in one order only
    (k + 1 states for k events instead of 2 ** k: many suspensions in one month,
    supersessions on open-ended dates).
    """
    n = len(acting)
    succ = [0] * n
    for x in range(n):
        for y in range(n):
            if pred[x] >> y & 1:
                succ[y] |= 1 << x
    groups: dict[tuple[object, frozenset[bool]], list[int]] = {}
    for x, e in enumerate(acting):
        if x not in named and e.kind is not EffectKind.WITHDRAW:
            groups.setdefault((e.kind, options[x]), []).append(x)
    chains: list[list[int]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda x: (pred[x].bit_count(), -succ[x].bit_count(), x))
        mine: list[list[int]] = []
        for y in members:
            for chain in mine:
                x = chain[-1]
                pair = ~(1 << x | 1 << y)  # what the two must follow or precede besides
                if pred[x] & pair & ~pred[y] == 0 and succ[y] & pair & ~succ[x] == 0 and \
                        not any(pred[z] >> y & 1 for z in chain):
                    chain.append(y)
                    break
            else:
                mine.append([y])
        chains.extend(chain for chain in mine if len(chain) > 1)
    return chains


def _counted(gone: frozenset[str], members: tuple[str, ...]) -> frozenset[str]:
    """``gone`` with interchangeable leavers renamed to the first of their class: how many
    left, not who (see :func:`_interchangeable`)."""
    left = sum(1 for p in members if p in gone)
    return (gone - set(members)) | frozenset(members[:left])


def possible(events: Sequence[Happening], base: frozenset[Status], parties: int,
              own: str | None, forced: dict[int, bool] | None = None,
              extra: tuple[tuple[int, int], ...] = ()) -> frozenset[Status]:
    """Every final status over the admissible orders and instants of ``events``.

    ``forced`` fixes whether an event acts; ``extra`` adds ``(i, j)``: i before j.
    """
    if forced is None and not extra:  # the common cases, without building anything
        if not events:
            return base
        if len(events) == 1 and events[0].options is ACTS and len(base) == 1:
            only = events[0]
            return frozenset({apply_event(only, next(iter(base)), frozenset(), parties, own)[0]})
    acting = [e for e in events if True in e.options]
    results: set[Status] = set()
    if forced is None and not extra and _all_act(acting) and not citing(acting) and \
            (totally_ordered(acting) or ordered_but_leavers(acting, own)):
        for status in base:  # the record orders every event, as display order does: one fold
            withdrawn: frozenset[str] = frozenset()
            for event in sorted(acting, key=display_key):
                status, withdrawn = apply_event(event, status, withdrawn, parties, own)
            results.add(status)
        return frozenset(results)
    # the search, over the events that can change a status
    bearing = _bearing(events, parties, own)
    if len(bearing) < len(events):  # renumber what forced and extra say
        number = {orig: new for new, orig in enumerate(bearing)}
        events = [events[i] for i in bearing]
        if forced is not None:
            forced = {number[i]: v for i, v in forced.items() if i in number}
        extra = tuple((number[i], number[j]) for i, j in extra if i in number and j in number)
        acting = [e for e in events if True in e.options]
    if len(acting) < _REMEMBERED_FROM:
        return _search(events, acting, base, parties, own, forced, extra)
    if not any(e.kind is EffectKind.WITHDRAW for e in events):
        parties, own = 0, None  # only withdrawals read them: one search for every party
    key = (tuple(_signature(e) for e in events), base, parties, own,
           tuple(sorted(forced.items())) if forced else (), extra)
    found = _SEARCHES.get(key)
    if found is None:
        if len(_SEARCHES) >= _SEARCHES_KEPT:
            _SEARCHES.clear()
        found = _SEARCHES[key] = _search(events, acting, base, parties, own, forced, extra)
    return found


#: Searches over this many acting events are remembered by what they read (a report asks
#: the same one on every change day of a target and for every party): ``_SEARCHES``.
_REMEMBERED_FROM = 8
_SEARCHES_KEPT = 4096
_SEARCHES: dict[tuple[object, ...], frozenset[Status]] = {}


def _signature(e: Happening) -> tuple[object, ...]:
    """All of an event that :func:`_search` reads (its order, its options, what it does)."""
    return (e.id, e.record.source_id if e.record is not None else None, e.kind, e.party,
            e.earliest, e.latest, e.options, e.provision_level, e.grounds)


def _search(events: Sequence[Happening], acting: Sequence[Happening], base: frozenset[Status],
            parties: int, own: str | None, forced: dict[int, bool] | None,
            extra: tuple[tuple[int, int], ...]) -> frozenset[Status]:
    """The search of :func:`possible`: every admissible course of ``acting``, folded."""
    results: set[Status] = set()
    index = {id(e): i for i, e in enumerate(events)}
    acting_ix = [index[id(e)] for e in acting]
    n = len(acting_ix)
    pred = [0] * n
    if citing(acting):
        for y, later in enumerate(record_order(acting)):
            for x in range(n):
                if later >> x & 1:
                    pred[x] |= 1 << y
    else:
        for x in range(n):
            for y in range(n):
                if x != y and before(acting[y], acting[x]) and \
                        not before(acting[x], acting[y]):
                    pred[x] |= 1 << y
    for i, j in extra:
        if i in acting_ix and j in acting_ix:
            pred[acting_ix.index(j)] |= 1 << acting_ix.index(i)
    named = set(forced or ()) | {i for pair in extra for i in pair}  # no longer alike
    named_here = {acting_ix.index(i) for i in named if i in acting_ix}
    alike: dict[int, tuple[str, ...]] = {}
    for members in _interchangeable(acting, own, named_here):
        for x, y in itertools.pairwise(members):
            pred[y] |= 1 << x  # one order of the class
        leavers = tuple(str(acting[x].party) for x in members)
        alike.update((x, leavers) for x in members)
    options = []
    for x, event in enumerate(acting):
        chosen = event.options
        if forced and acting_ix[x] in forced:
            chosen = chosen & {forced[acting_ix[x]]}
        options.append(chosen)
    for chain in _alike_chains(acting, options, pred, named_here):
        for x, y in itertools.pairwise(chain):
            pred[y] |= 1 << x  # one order of the chain
    full = (1 << n) - 1
    movers = _movers(acting, options, own) if _acyclic(pred) else None
    seen: set[tuple[int, Status, frozenset[str]]] = set()
    stack: list[tuple[int, Status, frozenset[str]]] = [
        (0, s, frozenset()) for s in base if all(options)]
    while stack:
        state = stack.pop()
        if state in seen:
            continue
        seen.add(state)
        if len(seen) > MAX_STATES:
            return frozenset(Status) - {_S.UNDETERMINED}
        done, status, withdrawn = state
        if done == full or (movers is not None and not movers.get(status, 0) & ~done):
            results.add(status)  # every course from here ends as it stands
            continue
        for x in range(n):
            bit = 1 << x
            if done & bit or pred[x] & ~done:
                continue
            for acts in options[x]:
                if acts:
                    after, gone = apply_event(acting[x], status, withdrawn, parties, own)
                    if x in alike:
                        gone = _counted(gone, alike[x])
                else:
                    after, gone = status, withdrawn
                stack.append((done | bit, after, gone))
    return frozenset(results)


#: For each kind of event, the statuses it changes (``TRANSITIONS`` read by event).
_MOVED_BY: dict[object, tuple[Status, ...]] = {}
for (_from, _by), _to in TRANSITIONS.items():
    if _to is not _from:
        _MOVED_BY[_by] = (*_MOVED_BY.get(_by, ()), _from)


def _movers(acting: Sequence[Happening], options: list[frozenset[bool]],
            own: str | None) -> dict[Status, int]:
    """For each status, the bits of the events that may act and, acting, could change it.

    When none of the events still to come could change the status a course has
    reached, every way of completing it ends in that status: the search stops there
    (a chain of supersessions and annulments on open dates reaches a status nothing
    else moves long before its events run out). Others' withdrawals change a status
    only through ``terminate`` (VCLT art. 55), whatever their count.
    """
    movers: dict[Status, int] = {}
    for x, event in enumerate(acting):
        if True not in options[x]:
            continue
        kind = event.kind
        if kind is EffectKind.WITHDRAW:
            if event.party is None:
                continue
            if event.party != own:
                kind = EffectKind.TERMINATE
        for status in _MOVED_BY.get(kind, ()):
            movers[status] = movers.get(status, 0) | 1 << x
    return movers


def _acyclic(pred: list[int]) -> bool:
    """True when the order ``pred`` (bits of the events each must follow) admits a course."""
    done, n = 0, len(pred)
    while done != (1 << n) - 1:
        ready = [x for x in range(n) if not done >> x & 1 and not pred[x] & ~done]
        if not ready:
            return False
        for x in ready:
            done |= 1 << x
    return True
