"""Resolution: where a target stands under a stance, for a party, at a date, step by step.

The semantics are written down in ``docs/semantics.md``; the words here are the
same. In short, for ``resolve(target, stance, at, party=..., as_of=...)``:

1. **Start**: before the instrument binds, ``pending``; for a party, its own
   signature, consent and entry into force (``not_party``, ``signed``, ``pending``);
2. a target the stance takes **no position** on: ``undetermined``;
3. a provision absent from the **text variant** the stance holds: ``not_in_text``;
4. the **events** that reach the target by ``at`` (effects, the instrument's own
   term, parties' withdrawals), each **decided** by the stance and **checked**
   (standing, source valid when it acted, clause in force, basis still in force);
5. the **possible statuses**: every order of the events that the dates and
   grounds admit, and every instant an uncertain date allows, is folded through
   ``TRANSITIONS``; one result is the status, several are ``undetermined``;
6. a target whose status depends on itself at the same day is on a **cycle**:
   ``undetermined``, the cycle named.

Evaluation is iterative (an explicit stack), so chains of any length resolve.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> resolve(corpus, "karakhan-1919", "russia", "1921").status
<Status.IN_FORCE: 'in_force'>
>>> resolve(corpus, "karakhan-1919", "russia", "2024").status
<Status.ANNULLED: 'annulled'>
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .corpus import EffectRecord, RuleBase, TargetRecord
from .dates import OPEN_END, DateSpan, parse_date, today
from .doctrine import Decision, decide
from .durations import Duration
from .errors import UnknownIdError
from .explanation import (
    Comparison,
    Divergence,
    Interval,
    Resolution,
    Step,
    StepKind,
    StepVerdict,
    Timeline,
)
from .models import Instrument, Party, Stance
from .status import (
    TRANSITIONS,
    VALID,
    EffectKind,
    Event,
    Lifecycle,
    Status,
    Verdict,
)

__all__ = ["compare", "diff", "query_day", "resolve", "status_table", "timeline"]

DAY = dt.timedelta(days=1)
#: Beyond this many states the orders of one target's events are not enumerated.
MAX_STATES = 200_000

_S = Status
_LIVE = frozenset({_S.IN_FORCE, _S.SUSPENDED, _S.RENOUNCED})
_UNKNOWN: frozenset[Status] = frozenset()  # no position, a cycle: nothing can be told


def query_day(at: str | dt.date | DateSpan | None) -> tuple[dt.date, str]:
    """The day a query date stands for, and its text.

    A date of coarse precision means its last day: ``"1953"`` asks where things
    stood at the end of 1953. ``None`` means today.
    """
    if at is None:
        span = today()
    elif isinstance(at, DateSpan):
        span = at
    elif isinstance(at, dt.date):
        span = DateSpan(at, at, at.isoformat())
    else:
        span = parse_date(str(at))
    if span.latest == OPEN_END:
        return span.earliest, span.text
    return span.latest, span.text


# ---------------------------------------------------------------- one result
@dataclass(frozen=True, slots=True)
class Outcome:
    """A resolved key: its status and the statuses the record allows (empty: unknown)."""

    status: Status
    possible: frozenset[Status]
    steps: tuple[Step, ...] = ()
    cycle: tuple[str, ...] = ()  # the cycle of dependence it is caught in, named whole

    @classmethod
    def of(cls, possible: frozenset[Status], steps: tuple[Step, ...] = ()) -> Outcome:
        if len(possible) == 1:
            return cls(next(iter(possible)), possible, steps)
        return cls(_S.UNDETERMINED, possible, steps)


#: (target ref, day, record as of, party or None)
Key = tuple[str, dt.date, dt.date, str | None]


@dataclass(slots=True)
class _Event:
    """One thing that may change the target by the query day, as this key sees it."""

    id: str
    kind: Event
    earliest: dt.date          # operative window
    latest: dt.date
    options: frozenset[bool]   # True: it acts; False: it does not (or has not yet)
    why: str                   # a code worded by _reason
    record: EffectRecord | None = None
    decision: Decision | None = None
    party: str | None = None   # for a withdrawal: the party that leaves
    provision_level: bool = False
    grounds: frozenset[str] = frozenset()
    detail: dict[str, object] = field(default_factory=dict)


def _party_of(corpus: RuleBase, stance: Stance, inst: Instrument, actor: str) -> str | None:
    """The listed party (or author) of ``inst`` that ``actor`` is or continues."""
    line = corpus.ancestors(actor, stance)
    for name in inst.author():
        if name in line:
            return name
    return None


def _notice_day(inst: Instrument, acted: dt.date, notice: Duration | None) -> dt.date:
    """When a denunciation given on ``acted`` takes effect (VCLT art. 56; tacit renewal)."""
    effective = notice.after(acted) if notice else acted
    if inst.renewal is None:
        return effective
    end = _term_end(inst, inst.start.earliest)
    while end is not None and end < effective:  # the period running when notice expires
        end = inst.renewal.after(end)
        if end == dt.date.max:
            break
    return end or effective


def _term_end(inst: Instrument, start: dt.date) -> dt.date | None:
    if inst.ends is not None:
        return inst.ends.earliest if start == inst.start.earliest else inst.ends.latest
    if inst.term is not None:
        return inst.term.after(start)
    return None


class Resolver:
    """Resolves targets under one stance, memoising each (target, day, as_of, party).

    ``outcome`` gives the status only (what sources, tables and timelines need);
    ``traced`` the same with the trace of the target asked about. Sources of
    effects are resolved status-only: a trace shows their status, not their steps.
    """

    def __init__(self, corpus: RuleBase, stance: Stance) -> None:
        self.corpus = corpus
        self.stance = stance
        self.memo: dict[Key, Outcome] = {}
        self.cyclic: dict[Key, tuple[str, ...]] = {}
        self.no_position = frozenset(stance.no_position)
        self.decisions: dict[str, Decision] = {}

    # ------------------------------------------------------------ evaluation
    def outcome(self, key: Key) -> Outcome:
        """The status-only outcome of ``key``, evaluating what it needs first (no recursion)."""
        memo = self.memo
        found = memo.get(key)
        if found is not None:
            return found
        stack: list[Key] = [key]
        on_stack: dict[Key, int] = {key: 0}
        while stack:
            current = stack[-1]
            result = self._attempt(current, on_stack, stack, None)
            if isinstance(result, Outcome):
                memo[current] = result
                stack.pop()
                del on_stack[current]
            else:  # one source not resolved yet: resolve it first
                on_stack[result] = len(stack)
                stack.append(result)
        return memo[key]

    def traced(self, key: Key) -> Outcome:
        """The outcome of ``key`` with its trace."""
        self.outcome(key)
        steps: list[Step] = []
        result = self._attempt(key, {}, [], steps)
        assert isinstance(result, Outcome)
        return result

    def status_of(self, ref: str, day: dt.date, party: str | None = None,
                  as_of: dt.date | None = None) -> Status:
        """The status only (memoised)."""
        return self.outcome((ref, day, as_of or day, party)).status

    def _dep(self, key: Key, on_stack: dict[Key, int], stack: list[Key],
             asking: Key) -> Outcome | Key:
        """A source's outcome, or the key to resolve first; a key on the stack is a cycle."""
        found = self.memo.get(key)
        if found is not None:
            return found
        if key in on_stack:
            cycle = tuple(k[0].partition("#")[0] for k in stack[on_stack[key]:])
            first = cycle.index(min(cycle))  # named the same whatever the evaluation order
            cycle = cycle[first:] + cycle[:first]
            named = (*cycle, cycle[0])
            for member in stack[on_stack[key]:]:
                self.cyclic.setdefault(member, named)
            self.cyclic.setdefault(asking, named)
            return Outcome(_S.UNDETERMINED, _UNKNOWN, cycle=named)
        return key

    # --------------------------------------------------- the stages of one key
    def _attempt(self, key: Key, on_stack: dict[Key, int], stack: list[Key],
                 steps: list[Step] | None) -> Outcome | Key:
        ref, day, _, party = key
        corpus, stance = self.corpus, self.stance
        target = corpus.target_record(ref)
        inst = target.instrument
        # 1. start: the instrument's, or the party's own
        if party is None:
            base = self._instrument_base(target, day, steps)
        else:
            base = self._party_base(inst, party, day, steps)
        if not base & _LIVE:
            return Outcome.of(base, tuple(steps) if steps is not None else ())
        # 2. no position
        if self.no_position:
            for name in (ref, target.instrument_id) if target.provision_id else (ref,):
                if name in self.no_position:
                    if steps is not None:
                        steps.append(_step(StepKind.NO_POSITION, StepVerdict.UNDETERMINED,
                                           f"stance {stance.id} takes no position on {name}",
                                           _S.UNDETERMINED, citations=stance.sources))
                    return Outcome(_S.UNDETERMINED, _UNKNOWN, _frozen(steps))
        # 3. the authoritative text variant
        if target.variants:
            variant = stance.authoritative.get(target.instrument_id)
            if variant and variant not in target.variants:
                if steps is not None:
                    sources = target.provision.sources if target.provision else ()
                    steps.append(_step(StepKind.VARIANT, StepVerdict.INFO,
                                       f"stance {stance.id} holds the '{variant}' text of "
                                       f"{target.instrument_id} authoritative, and it does not "
                                       f"contain {ref} (found only in: "
                                       f"{', '.join(target.variants)})",
                                       _S.NOT_IN_TEXT, citations=sources))
                return Outcome(_S.NOT_IN_TEXT, frozenset({_S.NOT_IN_TEXT}), _frozen(steps))
        # 4. the events that reach it, each decided and checked
        events = self._events(key, target, on_stack, stack)
        if not isinstance(events, list):
            return events  # a source to resolve first
        if key in self.cyclic:
            cycle = _rotated(self.cyclic[key], target.instrument_id)
            if steps is not None:
                steps.append(_step(StepKind.CYCLE, StepVerdict.UNDETERMINED,
                                   "a cycle of dependence: " + " -> ".join(cycle) +
                                   "; the standing of each depends on the others' on the same "
                                   "day", _S.UNDETERMINED))
            return Outcome(_S.UNDETERMINED, _UNKNOWN, _frozen(steps), self.cyclic[key])
        # 5. the possible statuses
        parties = len(inst.author())
        own = None if party is None else _party_of(corpus, stance, inst, party)
        possible = _possible(events, base, parties, own)
        if steps is not None:
            self._trace_events(steps, events, base, parties, own, day, possible)
        return Outcome.of(possible, _frozen(steps))

    def _instrument_base(self, target: TargetRecord, day: dt.date,
                         steps: list[Step] | None) -> frozenset[Status]:
        inst = target.instrument
        if day < target.earliest:
            if steps is not None:
                steps.append(_step(StepKind.PENDING, StepVerdict.INFO,
                                   f"{inst.id} binds from {inst.start}; {day} is before that",
                                   _S.PENDING, citations=inst.sources))
            return frozenset({_S.PENDING})
        if day < target.latest:
            if steps is not None:
                steps.append(_step(StepKind.DATE, StepVerdict.UNDETERMINED,
                                   f"{inst.id} is dated {inst.start}: on {day} it cannot be told "
                                   "whether it had entered into force yet", _S.UNDETERMINED,
                                   citations=inst.sources))
            return frozenset({_S.PENDING, _S.IN_FORCE})
        if steps is not None:
            entry = f"in force from {inst.in_force}" if inst.in_force else f"made on {inst.date}"
            among = f" among its parties ({', '.join(inst.party_ids)})" if inst.parties else ""
            steps.append(_step(StepKind.START, StepVerdict.INFO,
                               f"{inst.title} ({inst.id}), {entry}: in force{among} until an "
                               "event says otherwise (pacta sunt servanda, VCLT art. 26)",
                               _S.IN_FORCE, citations=inst.sources))
        return frozenset({_S.IN_FORCE})

    def _party_base(self, inst: Instrument, actor: str, day: dt.date,
                    steps: list[Step] | None) -> frozenset[Status]:
        """The party's own status before any event: VCLT arts. 11-25 (consent, entry into force)."""
        listed = _party_of(self.corpus, self.stance, inst, actor)
        record = inst.party(listed) if listed else None
        if listed is None or (record is None and inst.issuer != listed):
            if steps is not None:
                steps.append(_step(StepKind.PARTY, StepVerdict.INFO,
                                   f"{actor} is not a party to {inst.id} "
                                   f"({', '.join(inst.author())}) nor continues one: a treaty "
                                   "neither binds nor benefits a third state without its consent "
                                   "(VCLT art. 34)", _S.NOT_PARTY, citations=inst.sources))
            return frozenset({_S.NOT_PARTY})
        if record is None:  # the author of a unilateral act
            record = Party(actor=listed)
        milestones = _party_milestones(inst, record)
        possible: set[Status] = set()
        open_dates = [(name, span) for name, span, _ in milestones
                      if span.earliest <= day < span.latest]
        for happened in _combinations(len(open_dates)):
            done = {name for (name, _), yes in zip(open_dates, happened, strict=True) if yes}
            status = _S.PENDING if day < inst.date.earliest else _S.NOT_PARTY
            for name, span, reached in milestones:
                if span.latest <= day or name in done:
                    status = reached
            possible.add(status)
        if steps is not None:
            said = "; ".join(f"{name} {span}" for name, span, _ in milestones)
            if len(possible) == 1:
                status = next(iter(possible))
                steps.append(_step(StepKind.PARTY, StepVerdict.INFO,
                                   f"{listed} as a party to {inst.id}: {said}; on {day}: "
                                   f"{status.value}" + (f" ({actor} continues {listed})"
                                                        if actor != listed else ""),
                                   status, citations=record.sources or inst.sources))
            else:
                steps.append(_step(StepKind.PARTY, StepVerdict.UNDETERMINED,
                                   f"{listed} as a party to {inst.id}: {said}; on {day} it cannot "
                                   "be told which of these had happened",
                                   _S.UNDETERMINED, citations=record.sources or inst.sources))
        return frozenset(possible)

    # ------------------------------------------------------------------ events
    def _decision(self, record: EffectRecord) -> Decision:
        found = self.decisions.get(record.id)
        if found is None:
            found = self.decisions[record.id] = decide(self.corpus, self.stance, record)
        return found

    def _events(self, key: Key, target: TargetRecord, on_stack: dict[Key, int],
                stack: list[Key]) -> list[_Event] | Key:
        _, day, as_of, _ = key
        inst = target.instrument
        events = [*_clause_events(inst, day, as_of), *_withdrawal_events(inst, day, as_of)]
        for record in target.effects:
            if record.earliest > day:
                break  # in operative order: the rest act after the query day
            if record.acted.earliest > as_of:
                continue  # not yet made as the record stood on as_of
            event = self._effect_event(key, record, on_stack, stack)
            if not isinstance(event, _Event):
                return event
            events.append(event)
        return events

    def _effect_event(self, key: Key, record: EffectRecord, on_stack: dict[Key, int],
                      stack: list[Key]) -> _Event | Key:
        _, day, as_of, _ = key
        corpus, stance = self.corpus, self.stance
        decision = self._decision(record)
        event = _Event(record.id, record.kind, record.earliest, record.latest, frozenset({True}),
                       "applied", record, decision,
                       provision_level=record.target_provision is not None,
                       grounds=frozenset(record.effect.grounds))
        if record.kind is EffectKind.WITHDRAW:
            target_inst = corpus.instruments[record.target_instrument]
            event.party = next((p for a in record.actors
                                if (p := _party_of(corpus, stance, target_inst, a))), None)
        if decision.verdict is Verdict.REJECT:
            return _no(event, "no-standing" if not decision.standing else "rejected")
        # a denunciation takes effect at the end of its notice period
        target_inst = corpus.instruments[record.target_instrument]
        notice = target_inst.notice or decision.notice
        if _is_denunciation(corpus, stance, record, target_inst) and \
                (notice is not None or target_inst.renewal is not None):
            event.earliest = _notice_day(target_inst, record.acted.earliest, notice)
            event.latest = _notice_day(target_inst, record.acted.latest, notice)
            event.detail["notice"] = notice
            if event.earliest > day:
                return _no(event, "notice")
        # 'by': the clause that declares it must be in the stance's text and stand
        by = record.effect.by
        if by is not None:
            variants = corpus.provisions[f"{record.source_id}#{by}"].variants
            held = stance.authoritative.get(record.source_id)
            if variants and held and held not in variants:
                return _no(event, "clause-not-in-text")
        checks: list[tuple[str, Key, frozenset[Status]]] = [
            ("source-invalid", (record.source_id, min(record.acted.latest, as_of), as_of, None),
             VALID)]
        if by is not None:
            checks.append(("clause-fallen", (f"{record.source_id}#{by}", day, as_of, None),
                           frozenset(Status) - {_S.ANNULLED, _S.NOT_IN_TEXT}))
        if not record.lasting:
            checks.append(("lapsed", (record.source_id, day, as_of, None), VALID))
        options = {True}
        for why, dep_key, good in checks:
            dep = self._dep(dep_key, on_stack, stack, key)
            if not isinstance(dep, Outcome):
                return dep
            event.detail[why] = dep
            if dep.possible and dep.possible <= good:
                continue
            if dep.possible and not dep.possible & good:
                return _no(event, why)
            options.add(False)
            event.why = f"{why}?"
        if decision.verdict is Verdict.UNDETERMINED:
            options.add(False)
            event.why = "rule-undetermined"
        # it may not have happened yet, or not yet be on the record
        if event.latest > day or record.acted.latest > as_of:
            options.add(False)
            event.why = "window"
            event.detail["window"] = (event.earliest, event.latest) if event.latest > day \
                else (record.acted.earliest, record.acted.latest)
        event.options = frozenset(options)
        return event

    # ------------------------------------------------------------------- trace
    def _trace_events(self, steps: list[Step], events: list[_Event], base: frozenset[Status],
                      parties: int, own: str | None, day: dt.date,
                      possible: frozenset[Status]) -> None:
        """One step per event in display order, then the possible statuses if they were needed."""
        running = set(base)
        withdrawn: frozenset[str] = frozenset()
        exact = True
        for event in sorted(events, key=_display_key):
            before = set(running)
            if event.options == {True}:
                running = {_apply(event, s, withdrawn, parties, own)[0] for s in running}
                verdict = StepVerdict.APPLIED
            elif True in event.options:
                running |= {_apply(event, s, withdrawn, parties, own)[0] for s in running}
                verdict = StepVerdict.UNDETERMINED
                exact = False
            else:
                verdict = {"rejected": StepVerdict.REJECTED, "notice": StepVerdict.INFO}.get(
                    event.why, StepVerdict.INERT)
            changed = any(_apply(event, s, withdrawn, parties, own)[0] != s for s in before)
            if True in event.options and event.party:
                withdrawn = withdrawn | {event.party}
            if verdict is StepVerdict.APPLIED and not changed:
                verdict = StepVerdict.INFO
            if verdict is StepVerdict.UNDETERMINED and not changed:
                verdict = StepVerdict.INFO
            shown = next(iter(running)) if len(running) == 1 else _S.UNDETERMINED
            steps.append(self._event_step(event, verdict, shown, before, day))
        ordered = _totally_ordered([e for e in events if True in e.options])
        if not exact or not ordered or len(base) > 1 or possible != set(running):
            steps.append(self._possible_step(events, base, parties, own, possible, day))

    def _event_step(self, event: _Event, verdict: StepVerdict, status: Status,
                    before: set[Status], day: dt.date) -> Step:
        record = event.record
        rule = event.decision.rule if event.decision else None
        citations: tuple[str, ...] = ()
        if record is not None:
            citations = record.effect.sources
            if rule:
                citations = (*((rule.rule.citation,) if rule.rule.citation else ()),
                             *rule.rule.sources, *citations)
        elif event.kind is Lifecycle.EXPIRE:
            citations = tuple(event.detail.get("sources", ()))  # type: ignore[arg-type]
        reason = self._reason(event, verdict, before, day)
        kind = StepKind.EFFECT if record is not None else StepKind.CLAUSE
        return Step.model_construct(
            kind=kind, verdict=verdict, reason=reason, status=status,
            rule=rule.id if rule else None,
            effect=record.id if record else event.id,
            effect_kind=event.kind.value,
            source=record.source_id if record else None,
            citations=tuple(dict.fromkeys(citations)))

    def _reason(self, event: _Event, verdict: StepVerdict, before: set[Status],
                day: dt.date) -> str:
        """The sentence a historian reads for one event's outcome."""
        record = event.record
        if record is None:
            return str(event.detail["said"])
        source = record.source_id
        what = f"{source} {record.kind.verb} {record.effect.target}"
        if record.effect.exceptions:
            what += f" except {', '.join(record.effect.exceptions)}"
        if record.effect.by:
            what += f" (by its clause {record.effect.by})"
        if record.effect.grounds:
            what += f" on the grounds of {', '.join(record.effect.grounds)}"
        rule = event.decision.rule if event.decision else None
        why = event.why.rstrip("?")
        if event.why == "no-standing":
            return (f"{what}, but no actor of it ({', '.join(record.actors)}) is a party to "
                    f"{record.target_instrument} or continues one, and no rule of stance "
                    f"{self.stance.id} accepts a third state's act here: it is inert "
                    "(VCLT art. 34)")
        if event.why == "rejected" or event.why == "rule-undetermined":
            return rule.rule.reason if rule else what
        if why == "notice":
            notice = event.detail.get("notice")
            period = f"{notice} after notice" if notice else "at the end of the current period"
            return (f"{what}: notice given on {record.acted}; it takes effect on "
                    f"{event.earliest} ({period}, VCLT art. 56), after {day}")
        if why == "clause-not-in-text":
            return (f"{what}, but stance {self.stance.id} holds a text of {source} without the "
                    f"clause {record.effect.by}: the effect does not exist for it")
        dep = event.detail.get(why)
        dep_status = dep.status.value if isinstance(dep, Outcome) else "undetermined"
        unsure = event.why.endswith("?")
        if why == "source-invalid":
            if unsure:
                return f"{what}, but the standing of {source} on {record.acted} is undetermined"
            if dep_status == _S.ANNULLED.value:
                return (f"{what}, but {source} is annulled, and an annulment ex tunc voids it "
                        "from its beginning: the effect never happened")
            return f"{what}, but {source} was {dep_status} on {record.acted}: the effect is inert"
        if why == "clause-fallen":
            if unsure:
                return f"{what}, but whether its clause {record.effect.by} stands is undetermined"
            return (f"{what}, but its clause {source}#{record.effect.by} is {dep_status}: the "
                    "effect falls with it")
        if why == "lapsed":
            if unsure:
                return f"{what}, but whether {source}, its only basis, is still in force is " \
                       "undetermined"
            return (f"{what}, but {source}, its only basis, is {dep_status} on {day}: a "
                    "suspension lasts only while its basis does (VCLT arts. 59(2), 72)")
        if why == "window":
            given = record.operative if event.latest > day else record.acted
            return (f"{what} on a date given as {given}; on {day} it cannot be told "
                    "whether it had taken effect yet")
        accepted = rule.rule.reason if rule else \
            f"no rule of stance {self.stance.id} objects to it: accepted"
        if event.detail.get("notice") is not None or record.operative != record.date:
            accepted += f"; it takes effect on {event.earliest}"
        if verdict is StepVerdict.INFO:
            return f"{accepted}; {what}, which leaves it as it was"
        return f"{accepted}; {what}"

    def _possible_step(self, events: list[_Event], base: frozenset[Status], parties: int,
                       own: str | None, possible: frozenset[Status], day: dt.date) -> Step:
        names = ", ".join(sorted(s.value for s in possible))
        if len(possible) == 1:
            return _step(StepKind.POSSIBLE, StepVerdict.INFO,
                         "every order and instant the record admits gives "
                         f"{names}: it is settled", next(iter(possible)))
        fact = _deciding_fact(events, base, parties, own, possible)
        return _step(StepKind.POSSIBLE, StepVerdict.UNDETERMINED,
                     f"on {day} the record allows: {names}" + (f"; {fact}" if fact else ""),
                     _S.UNDETERMINED)


# ----------------------------------------------------------------- helpers
def _rotated(cycle: tuple[str, ...], start: str) -> tuple[str, ...]:
    """The cycle named from ``start`` when it lies on it (``a -> b -> a``)."""
    ring = cycle[:-1]
    if start not in ring:
        return cycle
    at = ring.index(start)
    ring = ring[at:] + ring[:at]
    return (*ring, ring[0])


def _frozen(steps: list[Step] | None) -> tuple[Step, ...]:
    return tuple(steps) if steps is not None else ()


def _no(event: _Event, why: str) -> _Event:
    event.options = frozenset({False})
    event.why = why
    return event


def _step(kind: StepKind, verdict: StepVerdict, reason: str, status: Status,
          citations: tuple[str, ...] = ()) -> Step:
    # model_construct: the engine builds steps from checked data; skip re-validation.
    return Step.model_construct(kind=kind, verdict=verdict, reason=reason, status=status,
                                rule=None, effect=None, effect_kind=None, source=None,
                                citations=tuple(dict.fromkeys(citations)))


def _display_key(event: _Event) -> tuple[dt.date, dt.date, int, str]:
    return (event.earliest, event.latest, 1 if event.provision_level else 0, event.id)


def _combinations(n: int) -> Iterator[tuple[bool, ...]]:
    for mask in range(1 << n):
        yield tuple(bool(mask >> i & 1) for i in range(n))


def _party_milestones(inst: Instrument, party: Party) -> list[tuple[str, DateSpan, Status]]:
    """The party's dated steps towards being bound, in order, with the status each reaches."""
    plain = party.signed is None and party.consent is None and party.in_force is None
    signed = party.signed or (inst.date if plain else None)
    consent = party.consent or (inst.date if plain else None)
    bound = party.in_force
    if bound is None and consent is not None:
        start = inst.start
        bound = start if start.earliest >= consent.earliest else consent
    steps: list[tuple[str, DateSpan, Status]] = []
    if signed is not None and (consent is None or signed.earliest < consent.earliest):
        steps.append(("signed", signed, _S.SIGNED))
    if consent is not None and bound is not None and consent.latest < bound.earliest:
        steps.append(("consented", consent, _S.PENDING))
    if party.provisional is not None:
        steps.append(("applies it provisionally from", party.provisional, _S.IN_FORCE))
    if bound is not None:
        steps.append(("bound from", bound, _S.IN_FORCE))
    steps.sort(key=lambda s: (s[1].earliest, s[1].latest))
    return steps


def _clause_events(inst: Instrument, day: dt.date, as_of: dt.date) -> list[_Event]:
    # as_of: the clause is on the record from the instrument's making, before any day asked
    """The instrument's own term or end date, unless it renews tacitly (it then needs notice)."""
    if inst.renewal is not None or (inst.term is None and inst.ends is None):
        return []
    start = inst.start
    earliest, latest = _term_end(inst, start.earliest), _term_end(inst, start.latest)
    assert earliest is not None and latest is not None
    if earliest > day:
        return []
    clause = f"term of {inst.term}" if inst.term else f"end date {inst.ends}"
    options = frozenset({True}) if latest <= day else frozenset({True, False})
    said = (f"{inst.id} runs for its {clause}: it expires on "
            f"{earliest if earliest == latest else f'{earliest} to {latest}'} (ex nunc)")
    return [_Event(f"{inst.id}:term", Lifecycle.EXPIRE, earliest, latest, options,
                   "applied" if latest <= day else "window",
                   detail={"said": said, "sources": inst.sources})]


def _withdrawal_events(inst: Instrument, day: dt.date, as_of: dt.date) -> list[_Event]:
    """Each party's own recorded withdrawal or denunciation (``withdrawn``)."""
    events = []
    for party in inst.parties:
        span = party.withdrawn
        if span is None or span.earliest > day:
            continue
        options = frozenset({True}) if span.latest <= day else frozenset({True, False})
        events.append(_Event(f"{inst.id}:{party.actor}:withdrawn", EffectKind.WITHDRAW,
                             span.earliest, span.latest, options,
                             "applied" if span.latest <= day else "window", party=party.actor,
                             detail={"said": f"{party.actor}'s withdrawal from {inst.id} takes "
                                             f"effect on {span} (VCLT arts. 54, 70(2))",
                                     "sources": party.sources}))
    return events


def _is_denunciation(corpus: RuleBase, stance: Stance, record: EffectRecord,
                     target: Instrument) -> bool:
    """A termination or withdrawal by some parties only (not all of them: art. 54(b))."""
    if record.kind not in (EffectKind.TERMINATE, EffectKind.WITHDRAW):
        return False
    if record.kind is EffectKind.WITHDRAW:
        return True
    acting = {_party_of(corpus, stance, target, a) for a in record.actors}
    return not set(target.author()) <= acting


def _apply(event: _Event, status: Status, withdrawn: frozenset[str], parties: int,
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


def _before(a: _Event, b: _Event) -> bool:
    """True when the record puts ``a`` before ``b``: dates, grounds, then lex specialis."""
    if a.latest < b.earliest:
        return True
    if b.latest < a.earliest:
        return False
    if a.record is not None and (a.id in b.grounds or a.record.source_id in b.grounds):
        return True
    if b.record is not None and (b.id in a.grounds or b.record.source_id in a.grounds):
        return False
    # lex specialis: on the same day, the whole first and the clause after it
    return a.earliest == a.latest == b.earliest == b.latest and \
        not a.provision_level and b.provision_level


def _totally_ordered(events: list[_Event]) -> bool:
    ordered = sorted(events, key=_display_key)
    return all(_before(x, y) for x, y in itertools.pairwise(ordered))


def _possible(events: list[_Event], base: frozenset[Status], parties: int,
              own: str | None, forced: dict[int, bool] | None = None,
              extra: tuple[tuple[int, int], ...] = ()) -> frozenset[Status]:
    """Every final status over the admissible orders and instants of ``events``.

    ``forced`` fixes whether an event acts; ``extra`` adds ``(i, j)``: i before j.
    """
    acting = [e for e in events if True in e.options]
    results: set[Status] = set()
    if forced is None and not extra and all(e.options == {True} for e in acting) \
            and _totally_ordered(acting):
        for status in base:  # the record orders every event: one fold
            withdrawn: frozenset[str] = frozenset()
            for event in sorted(acting, key=_display_key):
                status, withdrawn = _apply(event, status, withdrawn, parties, own)
            results.add(status)
        return frozenset(results)
    index = {id(e): i for i, e in enumerate(events)}
    acting_ix = [index[id(e)] for e in acting]
    n = len(acting_ix)
    pred = [0] * n
    for x in range(n):
        for y in range(n):
            if x != y and _before(acting[y], acting[x]) and not _before(acting[x], acting[y]):
                pred[x] |= 1 << y
    for i, j in extra:
        if i in acting_ix and j in acting_ix:
            pred[acting_ix.index(j)] |= 1 << acting_ix.index(i)
    options = []
    for x, event in enumerate(acting):
        chosen = event.options
        if forced and acting_ix[x] in forced:
            chosen = chosen & {forced[acting_ix[x]]}
        options.append(chosen)
    full = (1 << n) - 1
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
        if done == full:
            results.add(status)
            continue
        for x in range(n):
            bit = 1 << x
            if done & bit or pred[x] & ~done:
                continue
            for acts in options[x]:
                if acts:
                    after, gone = _apply(acting[x], status, withdrawn, parties, own)
                else:
                    after, gone = status, withdrawn
                stack.append((done | bit, after, gone))
    return frozenset(results)


def _deciding_fact(events: list[_Event], base: frozenset[Status], parties: int,
                   own: str | None, possible: frozenset[Status]) -> str:
    """The first open fact (in date order) on which the possible statuses split, in words."""
    def names(statuses: frozenset[Status]) -> str:
        return ", ".join(sorted(s.value for s in statuses)) or "nothing"

    ordered = sorted(range(len(events)), key=lambda i: _display_key(events[i]))
    for i in ordered:
        event = events[i]
        if event.options == {True, False}:
            yes = _possible(events, base, parties, own, forced={i: True})
            no = _possible(events, base, parties, own, forced={i: False})
            if yes != no:
                return (f"it turns on whether {event.id} took effect by then "
                        f"({_open_reason(event)}): if it did, {names(yes)}; if not, {names(no)}")
    for a in ordered:
        for b in ordered:
            x, y = events[a], events[b]
            if a < b and True in x.options and True in y.options and \
                    not _before(x, y) and not _before(y, x):
                first = _possible(events, base, parties, own, extra=((a, b),))
                second = _possible(events, base, parties, own, extra=((b, a),))
                if first != second:
                    return (f"it turns on the order of {x.id} and {y.id}, which the record "
                            f"does not fix: {x.id} first gives {names(first)}; {y.id} first "
                            f"gives {names(second)}")
    if len(base) > 1:
        return "it turns on whether it had entered into force yet"
    return ""


def _open_reason(event: _Event) -> str:
    why = event.why.rstrip("?")
    for dep in event.detail.values():
        if isinstance(dep, Outcome) and dep.cycle:
            return "its source is caught in a cycle of dependence: " + " -> ".join(dep.cycle)
    window = event.detail.get("window", (event.earliest, event.latest))
    first, last = window if isinstance(window, tuple) else (event.earliest, event.latest)
    return {"window": f"dated {first} to {last}",
            "rule-undetermined": "the stance leaves its effect undetermined",
            "source-invalid": "the standing of its source is undetermined",
            "clause-fallen": "whether its clause stands is undetermined",
            "lapsed": "whether its basis is still in force is undetermined"}.get(why, why)


# ------------------------------------------------------------- public API
def _resolver(corpus: RuleBase, stance: Stance) -> Resolver:
    cache = corpus.__dict__.setdefault("_resolvers", {})
    if stance.id not in cache:
        cache[stance.id] = Resolver(corpus, stance)
    return cache[stance.id]


def _check_party(corpus: RuleBase, party: str | None) -> None:
    if party is not None and party not in corpus.actors:
        raise UnknownIdError("party (actor)", party, corpus.actors)


def _as_of_day(as_of: str | dt.date | DateSpan | None, day: dt.date) -> tuple[dt.date, str | None]:
    if as_of is None:
        return day, None
    when, text = query_day(as_of)
    return when, text


def resolve(corpus: RuleBase, target: str, stance: str,
            at: str | dt.date | DateSpan | None = None, *, party: str | None = None,
            as_of: str | dt.date | DateSpan | None = None) -> Resolution:
    """Where ``target`` stands under ``stance`` at ``at``, with its explanation trace.

    Parameters
    ----------
    target : an instrument id or ``instrument#provision``
    stance : a stance id or alias
    at : an EDTF date (a coarse one means its last day); default today
    party : an actor: the status for that party (``not_party`` if it never
        consented); default: the instrument's own status among its parties
    as_of : the record as it stood on this day (effects made by then); default ``at``

    Raises
    ------
    UnknownIdError
        For an unknown target, stance or party, with the closest known ids.
    DateError
        For a date that is not EDTF.
    """
    corpus.check_target(target)
    _check_party(corpus, party)
    stance_model = corpus.stance(stance)
    day, text = query_day(at)
    record_day, record_text = _as_of_day(as_of, day)
    result = _resolver(corpus, stance_model).traced((target, day, record_day, party))
    return Resolution.model_construct(
        target=target, stance=stance_model.id, at=text, status=result.status,
        trace=result.steps, party=party, as_of=record_text,
        possible=tuple(sorted(result.possible, key=lambda s: s.value)))


def status_table(corpus: RuleBase, at: str | dt.date | DateSpan | None = None,
                 stances: list[str] | None = None, *, party: str | None = None,
                 as_of: str | dt.date | DateSpan | None = None
                 ) -> dict[tuple[str, str], Status]:
    """Every instrument and provision under every stance at one date: statuses, no traces.

    The same answers as :func:`resolve` (the same code path, recording no trace),
    for tables over a whole corpus; ask :func:`resolve` for the why of any cell.

    >>> import treatylogic as tl
    >>> table = tl.load().table("2024-09-02")
    >>> table["karakhan-1919", "prc"]
    <Status.UNDETERMINED: 'undetermined'>
    """
    _check_party(corpus, party)
    day, _ = query_day(at)
    record_day, _ = _as_of_day(as_of, day)
    chosen = [corpus.stance(s) for s in stances] if stances else \
        [corpus.stances[s] for s in sorted(corpus.stances)]
    targets = corpus.targets()
    table: dict[tuple[str, str], Status] = {}
    with _collector_paused():
        for stance in chosen:
            outcome = _resolver(corpus, stance).outcome
            for target in targets:
                table[target, stance.id] = outcome((target, day, record_day, party)).status
    return table


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a table is built.

    A table allocates one key and memo entry per cell and no reference cycles,
    yet each allocation burst sets off full collections that walk every object
    of a large corpus again: on 100,000 instruments that was a third of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compare(corpus: RuleBase, target: str, at: str | dt.date | DateSpan | None = None, *,
            party: str | None = None,
            as_of: str | dt.date | DateSpan | None = None) -> Comparison:
    """``{stance_id: Resolution}`` for every stance of the corpus, in id order (a Comparison)."""
    return Comparison({s: resolve(corpus, target, s, at, party=party, as_of=as_of)
                       for s in sorted(corpus.stances)})


def _breakpoints(corpus: RuleBase, stance: Stance, instrument: str) -> list[dt.date]:
    """Every day on which a status that ``instrument`` depends on may change."""
    import networkx as nx

    resolver = _resolver(corpus, stance)
    upstream = nx.ancestors(corpus.dependencies, instrument) | {instrument}
    days: set[dt.date] = set()
    for name in upstream:
        inst = corpus.instruments[name]
        days.update((inst.start.earliest, inst.start.latest))
        for start in (inst.start.earliest, inst.start.latest):
            end = _term_end(inst, start)
            if end is not None:
                days.add(end)
        for party in inst.parties:
            for span in (party.signed, party.consent, party.in_force, party.provisional,
                         party.withdrawn):
                if span is not None:
                    days.update((span.earliest, span.latest))
        for record in corpus.effects_on(name):
            days.update((record.earliest, record.latest, record.acted.earliest,
                         record.acted.latest))
            target = corpus.instruments[record.target_instrument]
            notice = target.notice or resolver._decision(record).notice
            if notice is not None or target.renewal is not None:
                days.update(_notice_day(target, d, notice)
                            for d in (record.acted.earliest, record.acted.latest))
    days -= {OPEN_END, dt.date.min}
    return sorted(days)


def timeline(corpus: RuleBase, target: str, stance: str, *, party: str | None = None
             ) -> Timeline:
    """Contiguous, ordered intervals of ``target``'s status under ``stance``.

    Statuses change only on the days some date it depends on begins or ends, so
    resolving once per such day gives the whole history.
    """
    instrument, _ = corpus.check_target(target)
    _check_party(corpus, party)
    stance_model = corpus.stance(stance)
    resolver = _resolver(corpus, stance_model)
    days = _breakpoints(corpus, stance_model, instrument)
    intervals: list[Interval] = []
    first = days[0] - DAY if days and days[0] > dt.date.min else dt.date.min
    current = resolver.status_of(target, first, party)
    start: dt.date | None = None
    for day in days:
        status = resolver.status_of(target, day, party)
        if status != current:
            intervals.append(Interval(start=start, end=day, status=current))
            start, current = day, status
    intervals.append(Interval(start=start, end=None, status=current))
    return Timeline(target=target, stance=stance_model.id, party=party,
                    intervals=tuple(intervals))


def diff(corpus: RuleBase, target: str, stance_a: str, stance_b: str,
         at: str | dt.date | DateSpan | None = None, *, party: str | None = None) -> Divergence:
    """Where two readings part: the first step (an effect, or a base step) decided differently."""
    a = resolve(corpus, target, stance_a, at, party=party)
    b = resolve(corpus, target, stance_b, at, party=party)
    step_a = step_b = None
    for one, other in zip(a.trace, b.trace, strict=False):
        if (one.kind, one.effect, one.verdict, one.status) != \
                (other.kind, other.effect, other.verdict, other.status):
            step_a, step_b = one, other
            break
    else:
        if len(a.trace) != len(b.trace):
            shorter = min(len(a.trace), len(b.trace))
            step_a = a.trace[shorter] if len(a.trace) > shorter else None
            step_b = b.trace[shorter] if len(b.trace) > shorter else None
    return Divergence(target=target, at=a.at, stance_a=a.stance, stance_b=b.stance,
                      status_a=a.status, status_b=b.status, step_a=step_a, step_b=step_b)
