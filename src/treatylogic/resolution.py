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
   ``TRANSITIONS`` (:mod:`treatylogic.courses`); one result is the status, several
   are ``undetermined``;
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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from . import courses
from .corpus import EffectRecord, RuleBase, TargetRecord
from .courses import ACTS, MAY, apply_event
from .dates import OPEN_END, DateSpan, later_of, parse_date, today
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
    VALID,
    EffectKind,
    Event,
    Lifecycle,
    Status,
    Verdict,
)

__all__ = ["change_days", "compare", "decision", "diff", "notice_day", "query_day", "resolve",
           "status_table", "term_end", "timeline"]

DAY = dt.timedelta(days=1)
#: Beyond this many open events (that may act, or are unordered), the trace names them
#: instead of probing each (2 searches per event and per pair) for the one that decides.
PROBED_MAX = 12

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
class Outcome:
    """A resolved key: its status and the statuses the record allows (empty: unknown).

    Never changed once made (a plain slotted class: one is made per resolved key,
    and a frozen dataclass costs several times more to build).
    """

    __slots__ = ("always_valid", "cycle", "possible", "status", "steps")

    def __init__(self, status: Status, possible: frozenset[Status],
                 steps: tuple[Step, ...] = (), cycle: tuple[str, ...] = ()) -> None:
        self.status = status
        self.possible = possible
        self.always_valid = bool(possible) and possible <= VALID
        self.steps = steps
        self.cycle = cycle  # the cycle of dependence it is caught in, named whole

    @classmethod
    def of(cls, possible: frozenset[Status], steps: tuple[Step, ...] = ()) -> Outcome:
        if not steps:  # outcomes without a trace are shared: one per set of statuses
            found = _SHARED.get(possible)
            if found is None:
                found = _SHARED[possible] = cls.of(possible, (_NO_STEP,))
                found.steps = ()
            return found
        if len(possible) == 1:
            for status in possible:
                return cls(status, possible, steps)
        return cls(_S.UNDETERMINED, possible, steps)


_SHARED: dict[frozenset[Status], Outcome] = {}
_NO_STEP: Step = None  # type: ignore[assignment]  # a placeholder, never kept


#: (target ref, day, record as of, party or None)
Key = tuple[str, dt.date, dt.date, str | None]

_PENDING_ONLY = frozenset({_S.PENDING})
_IN_FORCE_ONLY = frozenset({_S.IN_FORCE})
_PENDING_OR_IN_FORCE = frozenset({_S.PENDING, _S.IN_FORCE})
_CLAUSE_STANDS = frozenset(Status) - {_S.ANNULLED, _S.NOT_IN_TEXT}


class _Plan:
    """What one stance makes of one effect whatever the day asked (computed once per stance).

    It reads like an :class:`_Event` that acts (``options``, ``why``, ``detail``...), so
    that an effect that simply acts on a day needs no event of its own.
    """

    __slots__ = ("clause", "decision", "detail", "earliest", "grounds", "id", "kind", "latest",
                 "never", "notice", "noticed", "options", "party", "provision_level", "record",
                 "simple", "why")

    def __init__(self, record: EffectRecord, decision: Decision, never: str | None,
                 earliest: dt.date, latest: dt.date, notice: Duration | None, noticed: bool,
                 party: str | None, clause: str | None) -> None:
        self.id = record.id
        self.kind: Event = record.kind
        self.options = ACTS
        self.why = "applied"
        self.detail: dict[str, object] | None = {"notice": notice} if noticed else None
        self.provision_level = record.target_provision is not None
        self.grounds = record.grounds
        self.record = record
        self.decision = decision
        self.never = never          # why it never acts under this stance, or None
        self.earliest = earliest    # operative window, after any notice period
        self.latest = latest
        self.notice = notice
        self.noticed = noticed      # a denunciation that waits for its notice or period to run
        self.party = party          # for a withdrawal: the party that leaves
        self.clause = clause        # 'by': the source's clause that declares it
        # accepted, lasting, no clause: on a day it has certainly happened, it acts
        # exactly when its source was valid when it acted
        self.simple = never is None and clause is None and record.lasting and \
            decision.verdict is Verdict.ACCEPT


class _Event:
    """One thing that may change the target by the query day, as this key sees it."""

    __slots__ = ("decision", "detail", "earliest", "grounds", "id", "kind", "latest", "options",
                 "party", "provision_level", "record", "why")

    def __init__(self, id: str, kind: Event, earliest: dt.date, latest: dt.date,
                 options: frozenset[bool], why: str, record: EffectRecord | None = None,
                 decision: Decision | None = None, party: str | None = None,
                 provision_level: bool = False, grounds: frozenset[str] = frozenset(),
                 detail: dict[str, object] | None = None) -> None:
        self.id = id
        self.kind = kind
        self.earliest = earliest          # operative window
        self.latest = latest
        self.options = options            # True: it acts; False: it does not (or not yet)
        self.why = why                    # a code worded by _reason
        self.record = record
        self.decision = decision
        self.party = party                # for a withdrawal: the party that leaves
        self.provision_level = provision_level
        self.grounds = grounds
        self.detail = detail


#: What the fold reads: an event, or a plan that simply acts.
_Happening = _Event | _Plan


def _passes(dep: Outcome, good: frozenset[Status]) -> bool | None:
    """True: every status the source may have passes; False: none does; None: it cannot be told."""
    possible = dep.possible
    if not possible:
        return None
    if possible <= good:
        return True
    return None if possible & good else False


def _event_of(plan: _Plan) -> _Event:
    """A fresh event for what this key makes of ``plan`` (when it is not simply acting)."""
    return _Event(plan.id, plan.kind, plan.earliest, plan.latest, ACTS, "applied", plan.record,
                  plan.decision, plan.party, plan.provision_level, plan.grounds,
                  dict(plan.detail) if plan.detail else None)


def party_of(corpus: RuleBase, stance: Stance, inst: Instrument, actor: str) -> str | None:
    """The listed party (or author) of ``inst`` that ``actor`` is or continues: the nearest."""
    return corpus.nearest(actor, corpus.authors(inst.id), stance)


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


def notice_day(inst: Instrument, acted: dt.date, notice: Duration | None) -> dt.date:
    """The day a denunciation or withdrawal of ``inst`` given on ``acted`` takes effect.

    After ``notice`` (VCLT art. 56(2); None: at once); for a treaty renewed tacitly
    (``renewal``), at the end of the period running when the notice expires.
    """
    return _notice_day(inst, acted, notice)


def term_end(inst: Instrument, start: dt.date) -> dt.date | None:
    """The day ``inst`` ends by its own terms had it entered into force on ``start``.

    Its ``ends`` (the span's earliest day for the earliest possible start, its latest
    otherwise), else ``start`` plus its ``term``; None when it states neither.
    """
    return _term_end(inst, start)


def decision(corpus: RuleBase, stance: Stance, record: EffectRecord) -> Decision:
    """The verdict the doctrines of ``stance`` give the effect ``record`` (memoised per
    corpus and stance): whether it acts, and with what notice."""
    return resolver_of(corpus, stance)._decision(record)


def change_days(corpus: RuleBase, stance: Stance, instrument: str) -> tuple[dt.date, ...]:
    """Every day, sorted, on which a status ``instrument`` depends on may change under
    ``stance`` (its own dates and its parties', those of the instruments it depends on, the
    effects on them with notice): between two of them no resolution of it changes.
    Memoised per corpus and stance."""
    return _breakpoints(corpus, stance, instrument)


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
        self.plans: dict[str, _Plan] = {}
        self.targets: Mapping[str, TargetRecord] = corpus.target_records
        self.continuity = stance.id if stance.continuity else ""
        self.shared_plans: dict[tuple[str, str, Decision], _Plan] = \
            corpus.__dict__.setdefault("_shared_plans", {})
        self._missing: list[Key] = []  # sources the current attempt found unresolved
        self.breakpoints: dict[str, tuple[dt.date, ...]] = {}  # instrument -> its change days
        # (instrument, listed party) -> its record and dated steps; (instrument, day) -> the
        # parties' withdrawals: asked once per party and day by panels and reports
        self.milestones: dict[tuple[str, str], tuple[Party | None, list[_Milestone] | None]] = {}
        self.withdrawals: dict[tuple[str, dt.date], list[_Happening]] = {}

    # ------------------------------------------------------------ evaluation
    def outcome(self, key: Key) -> Outcome:
        """The status-only outcome of ``key``, evaluating what it needs first (no recursion).

        An attempt that finds sources not yet resolved names them all; they are
        resolved one at a time (so the stack is always one path of dependence, and
        a key met again on it is a true cycle), then the key is attempted again.
        """
        memo = self.memo
        found = memo.get(key)
        if found is not None:
            return found
        stack: list[Key] = [key]
        on_stack: dict[Key, int] = {key: 0}
        first = self._attempt(key, on_stack, stack, None)
        if isinstance(first, Outcome):  # most keys need nothing unresolved
            memo[key] = first
            return first
        waiting: dict[Key, list[Key]] = {key: first}
        while stack:
            current = stack[-1]
            todo = waiting.get(current)
            if todo:
                dep = todo.pop()
                if dep not in memo and dep not in on_stack:
                    on_stack[dep] = len(stack)
                    stack.append(dep)
                continue
            result = self._attempt(current, on_stack, stack, None)
            if isinstance(result, Outcome):
                memo[current] = result
                stack.pop()
                del on_stack[current]
                waiting.pop(current, None)
            else:  # sources not resolved yet: resolve them first
                waiting[current] = result
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
             asking: Key) -> Outcome | None:
        """A source's outcome; None when it is not resolved yet (noted in ``_missing``).

        A key already on the stack is a cycle: every key from it to the top is on it.
        """
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
        self._missing.append(key)
        return None

    # --------------------------------------------------- the stages of one key
    def _attempt(self, key: Key, on_stack: dict[Key, int], stack: list[Key],
                 steps: list[Step] | None) -> Outcome | list[Key]:
        ref, day, _, party = key
        corpus, stance = self.corpus, self.stance
        target = self.targets[ref]
        inst = target.instrument
        # 1. start: the instrument's, or the party's own
        if party is None:
            base = _IN_FORCE_ONLY if steps is None and day >= target.latest else \
                self._instrument_base(target, day, steps)
        else:
            base = self._party_base(inst, party, day, steps)
        if target.text is not None and day < target.text.latest and base & _LIVE:
            base = self._text_base(target, day, base, steps)
        if base is not _IN_FORCE_ONLY and not base & _LIVE:
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
        if steps is None and not target.effects and not target.expires \
                and not target.withdrawals:
            return Outcome.of(base)  # nothing can act on it
        self._missing = []
        events = self._events(key, target, on_stack, stack, steps is not None)
        if self._missing:
            return self._missing  # sources to resolve first
        if key in self.cyclic:
            cycle = _rotated(self.cyclic[key], target.instrument_id)
            if steps is not None:
                steps.append(_step(StepKind.CYCLE, StepVerdict.UNDETERMINED,
                                   "a cycle of dependence: " + " -> ".join(cycle) +
                                   "; the standing of each depends on the others' on the same "
                                   "day", _S.UNDETERMINED))
            return Outcome(_S.UNDETERMINED, _UNKNOWN, _frozen(steps), self.cyclic[key])
        # 5. the possible statuses
        parties = target.parties
        own = None if party is None else party_of(corpus, stance, inst, party)
        possible = courses.possible(events, base, parties, own)
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
            return _PENDING_ONLY
        if day < target.latest:
            if steps is not None:
                steps.append(_step(StepKind.DATE, StepVerdict.UNDETERMINED,
                                   f"{inst.id} is dated {inst.start}: on {day} it cannot be told "
                                   "whether it had entered into force yet", _S.UNDETERMINED,
                                   citations=inst.sources))
            return _PENDING_OR_IN_FORCE
        if steps is not None:
            entry = f"in force from {inst.in_force}" if inst.in_force else f"made on {inst.date}"
            among = f" among its parties ({', '.join(inst.party_ids)})" if inst.parties else ""
            steps.append(_step(StepKind.START, StepVerdict.INFO,
                               f"{inst.title} ({inst.id}), {entry}: in force{among} until an "
                               "event says otherwise (pacta sunt servanda, VCLT art. 26)"
                               + _judged(inst.judgement),
                               _S.IN_FORCE, citations=inst.sources))
        return _IN_FORCE_ONLY

    def _text_base(self, target: TargetRecord, day: dt.date, base: frozenset[Status],
                   steps: list[Step] | None) -> frozenset[Status]:
        """A clause found only in dated texts: before its text was given, a live base is pending."""
        text = target.text
        assert text is not None
        before = frozenset(_S.PENDING if status in _LIVE else status for status in base)
        possible = before if day < text.earliest else base | before
        if steps is not None:
            given = (f"{target.ref} is found only in the {', '.join(target.variants)} text of "
                     f"{target.instrument_id}, given on {text}")
            if day < text.earliest:
                status = next(iter(possible)) if len(possible) == 1 else _S.UNDETERMINED
                steps.append(_step(StepKind.VARIANT, StepVerdict.INFO,
                                   f"{given}: on {day} it was not given yet", status,
                                   citations=target.provision.sources if target.provision
                                   else ()))
            else:
                steps.append(_step(StepKind.VARIANT, StepVerdict.UNDETERMINED,
                                   f"{given}: on {day} it cannot be told whether it had been "
                                   "given yet", _S.UNDETERMINED,
                                   citations=target.provision.sources if target.provision
                                   else ()))
        return possible

    def _party_base(self, inst: Instrument, actor: str, day: dt.date,
                    steps: list[Step] | None) -> frozenset[Status]:
        """The party's own status before any event: VCLT arts. 11-25 (consent, entry into force)."""
        listed = party_of(self.corpus, self.stance, inst, actor)
        known = self.milestones.get((inst.id, listed)) if listed else None
        if known is None and listed:
            record = inst.party(listed)
            if record is None and inst.issuer == listed:  # the author of a unilateral act
                record = Party(actor=listed)
            known = self.milestones[inst.id, listed] = (
                record, None if record is None else party_milestones(inst, record))
        record, milestones = known if known is not None else (None, None)
        if listed is None or record is None or milestones is None:
            if steps is not None:
                steps.append(_step(StepKind.PARTY, StepVerdict.INFO,
                                   f"{actor} is not a party to {inst.id} "
                                   f"({', '.join(inst.author())}) nor continues one: a treaty "
                                   "neither binds nor benefits a third state without its consent "
                                   "(VCLT art. 34)", _S.NOT_PARTY, citations=inst.sources))
            return frozenset({_S.NOT_PARTY})
        possible: set[Status] = set()
        open_dates = [(name, span) for name, span, _ in milestones
                      if span.earliest <= day < span.latest]
        for happened in _combinations(len(open_dates)):
            done = {name for (name, _), yes in zip(open_dates, happened, strict=True) if yes}
            # the furthest step reached: consent given after provisional application
            # leaves the treaty applied until it enters into force (VCLT art. 25)
            reached_steps = [reached for name, span, reached in milestones
                             if span.latest <= day or name in done]
            possible.add(max(reached_steps, key=STEP_RANK.__getitem__) if reached_steps
                         else _S.PENDING if day < inst.date.earliest else _S.NOT_PARTY)
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
        return self._plan(record).decision

    def _plan(self, record: EffectRecord) -> _Plan:
        """The stance-static facts of one effect: verdict, standing, notice, clause (memoised)."""
        found = self.plans.get(record.id)
        if found is not None:
            return found
        corpus, stance = self.corpus, self.stance
        decision = decide(corpus, stance, record)
        # besides its decision (shared, see doctrine.decide), a plan reads the stance's
        # view of continuity and, for a clause-bound effect, the text it holds: plans
        # equal in these are one object, whichever stances they serve
        shared: dict[tuple[str, str, Decision], _Plan] | None = None
        if record.by is None:
            shared = self.shared_plans
            share_key = (record.id, self.continuity, decision)
            found = shared.get(share_key)
            if found is not None:
                self.plans[record.id] = found
                return found
        target = corpus.instruments[record.target_instrument]
        never = None
        if decision.verdict is Verdict.REJECT:
            never = "no-standing" if not decision.standing else "rejected"
        party = None
        if record.kind is EffectKind.WITHDRAW:
            party = next((p for a in record.actors
                          if (p := party_of(corpus, stance, target, a))), None)
        notice = target.notice or decision.notice
        noticed = (notice is not None or target.renewal is not None) and \
            is_denunciation(corpus, stance, record, target)
        earliest, latest = record.earliest, record.latest
        if noticed:
            earliest = _notice_day(target, record.acted.earliest, notice)
            latest = _notice_day(target, record.acted.latest, notice)
        clause = record.by
        if clause is not None and never is None:
            variants = corpus.provisions[f"{record.source_id}#{clause}"].variants
            held = stance.authoritative.get(record.source_id)
            if variants and held and held not in variants:
                never = "clause-not-in-text"
        plan = self.plans[record.id] = _Plan(record, decision, never, earliest, latest, notice,
                                             noticed, party, clause)
        if shared is not None:
            shared[share_key] = plan
        return plan

    def _events(self, key: Key, target: TargetRecord, on_stack: dict[Key, int],
                stack: list[Key], traced: bool) -> list[_Happening]:
        _, day, as_of, _ = key
        inst = target.instrument
        events: list[_Happening] = []
        if target.expires:
            events += clause_events(inst, day)
        if target.withdrawals:
            leaving = self.withdrawals.get((inst.id, day))
            if leaving is None:  # read only, never changed once made: shared by the parties
                leaving = self.withdrawals[inst.id, day] = withdrawal_events(inst, day)
            events += leaving
        plans, memo = self.plans, self.memo
        for record in target.effects:
            if record.earliest > day:
                break  # in operative order: the rest act after the query day
            if record.acted_earliest > as_of:
                continue  # not yet made as the record stood on as_of
            plan = plans.get(record.id) or self._plan(record)
            if not traced:
                if plan.never is not None or plan.earliest > day:
                    continue  # it cannot act by this day: only a trace shows it
                if plan.simple and plan.latest <= day and record.acted_latest <= as_of:
                    # a certain, accepted, lasting effect: only its source's standing to check
                    # (acted_latest <= as_of: it is the day the source's standing is asked on)
                    dep = memo.get((record.source_id, record.acted_latest, as_of, None))
                    if dep is not None and dep.always_valid:
                        events.append(plan)
                        continue
            event = self._effect_event(key, plan, on_stack, stack)
            if event is not None:  # None: a source is not resolved yet
                events.append(event)
        return events

    def _effect_event(self, key: Key, plan: _Plan, on_stack: dict[Key, int],
                      stack: list[Key]) -> _Happening | None:
        """The effect as this key sees it: it acts, it does not, or it may (an event says why).

        None when a source it needs is not resolved yet (named in ``_missing``).
        """
        _, day, as_of, _ = key
        if plan.never is not None:
            return _no(_event_of(plan), plan.never)
        if plan.earliest > day:  # its notice period has not run yet
            return _no(_event_of(plan), "notice")
        record = plan.record
        source = record.source_id
        needed: list[tuple[str, Key, frozenset[Status]]] = [
            # the source must have been valid when it acted
            ("source-invalid", (source, min(record.acted_latest, as_of), as_of, None), VALID)]
        if plan.clause is not None:  # its clause must stand
            needed.append(("clause-fallen", (f"{source}#{plan.clause}", day, as_of, None),
                           _CLAUSE_STANDS))
        if not record.lasting:  # a suspension lasts while its basis does
            needed.append(("lapsed", (source, day, as_of, None), VALID))
        # the checks in order: one that fails ends them, and what a later one would ask is
        # not asked (an act of a source annulled ex tunc is on no cycle through its clause)
        found: list[tuple[str, Outcome, bool | None]] = []
        for why, dep_key, good in needed:
            dep = self._dep(dep_key, on_stack, stack, key)
            if dep is None:
                return None
            passed = _passes(dep, good)
            found.append((why, dep, passed))
            if passed is False:
                break
        certain = plan.latest <= day and record.acted.latest <= as_of
        sure = plan.decision.verdict is not Verdict.UNDETERMINED
        if certain and sure and all(passed for _, _, passed in found):
            return plan  # it simply acts: the plan reads as the event
        event = _event_of(plan)
        for why, outcome, passed in found:
            if passed is not True:
                event.detail = {**(event.detail or {}), why: outcome}
            if passed is False:
                return _no(event, why)
            if passed is None:
                event.why = f"{why}?"
        if not sure:
            event.why = "rule-undetermined"
        if not certain:  # it may not have happened yet, or not yet be on the record
            event.why = "window"
            event.detail = {**(event.detail or {}), "window": (
                (event.earliest, event.latest) if event.latest > day
                else (record.acted.earliest, record.acted.latest))}
        event.options = MAY
        return event

    # ------------------------------------------------------------------- trace
    def _trace_events(self, steps: list[Step], events: list[_Happening], base: frozenset[Status],
                      parties: int, own: str | None, day: dt.date,
                      possible: frozenset[Status]) -> None:
        """One step per event in display order, then the possible statuses if they were needed."""
        running = set(base)
        withdrawn: frozenset[str] = frozenset()
        exact = True
        for event in sorted(events, key=courses.display_key):
            before = set(running)
            if event.options == {True}:
                running = {apply_event(event, s, withdrawn, parties, own)[0] for s in running}
                verdict = StepVerdict.APPLIED
            elif True in event.options:
                running |= {apply_event(event, s, withdrawn, parties, own)[0] for s in running}
                verdict = StepVerdict.UNDETERMINED
                exact = False
            else:
                verdict = {"rejected": StepVerdict.REJECTED, "notice": StepVerdict.INFO}.get(
                    event.why, StepVerdict.INERT)
            changed = any(apply_event(event, s, withdrawn, parties, own)[0] != s for s in before)
            if True in event.options and event.party:
                withdrawn = withdrawn | {event.party}
            if verdict is StepVerdict.APPLIED and not changed:
                verdict = StepVerdict.INFO
            if verdict is StepVerdict.UNDETERMINED and not changed:
                verdict = StepVerdict.INFO
            shown = next(iter(running)) if len(running) == 1 else _S.UNDETERMINED
            steps.append(self._event_step(event, verdict, shown, before, day))
        ordered = courses.totally_ordered([e for e in events if True in e.options])
        if not exact or not ordered or len(base) > 1 or possible != set(running):
            steps.append(self._possible_step(events, base, parties, own, possible, day))

    def _event_step(self, event: _Happening, verdict: StepVerdict, status: Status,
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
            citations = tuple((event.detail or {}).get("sources", ()))  # type: ignore[arg-type]
        reason = self._reason(event, verdict, before, day)
        kind = StepKind.EFFECT if record is not None else StepKind.CLAUSE
        return Step.model_construct(
            kind=kind, verdict=verdict, reason=reason, status=status,
            rule=rule.id if rule else None,
            effect=record.id if record else event.id,
            effect_kind=event.kind.value,
            source=record.source_id if record else None,
            citations=tuple(dict.fromkeys(citations)))

    def _reason(self, event: _Happening, verdict: StepVerdict, before: set[Status],
                day: dt.date) -> str:
        """The sentence a historian reads for one event's outcome."""
        record = event.record
        if record is None:
            return str((event.detail or {})["said"])
        source = record.source_id
        what = f"{source} {record.kind.verb} {record.effect.target}"
        if record.effect.exceptions:
            what += f" except {', '.join(record.effect.exceptions)}"
        if record.effect.by:
            what += f" (by its clause {record.effect.by})"
        if record.effect.grounds:
            what += f" on the grounds of {', '.join(record.effect.grounds)}"
        what += _judged(record.effect.judgement)
        rule = event.decision.rule if event.decision else None
        why = event.why.rstrip("?")
        if event.why == "no-standing":
            return (f"{what}, but no actor of it ({', '.join(record.actors)}) is a party to "
                    f"{record.target_instrument} or continues one, and no rule of stance "
                    f"{self.stance.id} accepts a third state's act here: it is inert "
                    "(VCLT art. 34)")
        if event.why == "rejected" or event.why == "rule-undetermined":
            return rule.rule.reason + _judged(rule.rule.judgement) if rule else what
        if why == "notice":
            notice = (event.detail or {}).get("notice")
            period = f"{notice} after notice" if notice else "at the end of the current period"
            return (f"{what}: notice given on {record.acted}; it takes effect on "
                    f"{event.earliest} ({period}, VCLT art. 56), after {day}")
        if why == "clause-not-in-text":
            return (f"{what}, but stance {self.stance.id} holds a text of {source} without the "
                    f"clause {record.effect.by}: the effect does not exist for it")
        dep = (event.detail or {}).get(why)
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
        accepted = rule.rule.reason + _judged(rule.rule.judgement) if rule else \
            f"no rule of stance {self.stance.id} objects to it: accepted"
        if (event.detail or {}).get("notice") is not None or record.operative != record.date:
            accepted += f"; it takes effect on {event.earliest}"
        if verdict is StepVerdict.INFO:
            return f"{accepted}; {what}, which leaves it as it was"
        return f"{accepted}; {what}"

    def _possible_step(self, events: list[_Happening], base: frozenset[Status], parties: int,
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
def _judged(judgement: str) -> str:
    """A rule's, effect's or instrument's modelling judgement, as the trace states it."""
    return f" [modelling judgement: {judgement}]" if judgement else ""


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


def _combinations(n: int) -> Iterator[tuple[bool, ...]]:
    for mask in range(1 << n):
        yield tuple(bool(mask >> i & 1) for i in range(n))


STEP_RANK = {_S.SIGNED: 1, _S.PENDING: 2, _S.IN_FORCE: 3}  # how far a party's steps have gone


#: A party's dated step towards being bound: its name, its date, the status it reaches.
_Milestone = tuple[str, DateSpan, Status]


def party_milestones(inst: Instrument, party: Party) -> list[_Milestone]:
    """The party's dated steps towards being bound, in order, with the status each reaches."""
    plain = party.signed is None and party.consent is None and party.in_force is None
    signed = party.signed or (inst.date if plain else None)
    consent = party.consent or (inst.date if plain else None)
    bound = party.in_force
    if bound is None and plain:
        bound = inst.start  # a plain party is bound from the instrument's start
    elif bound is None and consent is not None:  # art. 24(3): the later, bound by bound
        bound = later_of(inst.start, consent)
    steps: list[_Milestone] = []
    if signed is not None and (consent is None or signed.earliest < consent.earliest):
        steps.append(("signed", signed, _S.SIGNED))
    if consent is not None and bound is not None and \
            (consent.earliest, consent.latest) != (bound.earliest, bound.latest):
        steps.append(("consented", consent, _S.PENDING))  # entry into force may come later
    if party.provisional is not None:
        steps.append(("applies it provisionally from", party.provisional, _S.IN_FORCE))
    if bound is not None:
        steps.append(("bound from", bound, _S.IN_FORCE))
    steps.sort(key=lambda s: (s[1].earliest, s[1].latest))
    return steps


def clause_events(inst: Instrument, day: dt.date) -> list[_Happening]:
    """The instrument's own term or end date, unless it renews tacitly (it then needs notice)."""
    if inst.renewal is not None or (inst.term is None and inst.ends is None):
        return []
    start = inst.start
    earliest, latest = _term_end(inst, start.earliest), _term_end(inst, start.latest)
    assert earliest is not None and latest is not None
    if earliest > day:
        return []
    clause = f"term of {inst.term}" if inst.term else f"end date {inst.ends}"
    options = ACTS if latest <= day else MAY
    said = (f"{inst.id} runs for its {clause}: it expires on "
            f"{earliest if earliest == latest else f'{earliest} to {latest}'} (ex nunc)")
    return [_Event(f"{inst.id}:term", Lifecycle.EXPIRE, earliest, latest, options,
                   "applied" if latest <= day else "window",
                   detail={"said": said, "sources": inst.sources})]


def withdrawal_events(inst: Instrument, day: dt.date) -> list[_Happening]:
    """Each party's own recorded withdrawal or denunciation (``withdrawn``)."""
    events: list[_Happening] = []
    for party in inst.parties:
        span = party.withdrawn
        if span is None or span.earliest > day:
            continue
        options = ACTS if span.latest <= day else MAY
        events.append(_Event(f"{inst.id}:{party.actor}:withdrawn", EffectKind.WITHDRAW,
                             span.earliest, span.latest, options,
                             "applied" if span.latest <= day else "window", party=party.actor,
                             detail={"said": f"{party.actor}'s withdrawal from {inst.id} takes "
                                             f"effect on {span} (VCLT arts. 54, 70(2))",
                                     "sources": party.sources}))
    return events


def is_denunciation(corpus: RuleBase, stance: Stance, record: EffectRecord,
                     target: Instrument) -> bool:
    """A termination or withdrawal by some parties only (not all of them: art. 54(b))."""
    if record.kind not in (EffectKind.TERMINATE, EffectKind.WITHDRAW):
        return False
    if record.kind is EffectKind.WITHDRAW:
        return True
    acting = {party_of(corpus, stance, target, a) for a in record.actors}
    return not set(target.author()) <= acting


def _deciding_fact(events: list[_Happening], base: frozenset[Status], parties: int,
                   own: str | None, possible: frozenset[Status]) -> str:
    """The first open fact (in date order) on which the possible statuses split, in words."""
    def names(statuses: frozenset[Status]) -> str:
        return ", ".join(sorted(s.value for s in statuses)) or "nothing"

    ordered = sorted(range(len(events)), key=lambda i: courses.display_key(events[i]))
    candidates = [i for i, e in enumerate(events) if True in e.options]
    place = {i: n for n, i in enumerate(candidates)}
    chosen = [events[i] for i in candidates]
    after = courses.closure(courses.record_order(chosen)) if courses.citing(chosen) else None

    def unordered(a: int, b: int) -> bool:
        if after is not None:  # a circle through a third event orders nothing either
            x, y = place[a], place[b]
            return not after[x] >> y & 1 and not after[y] >> x & 1
        return not courses.before(events[a], events[b]) and not courses.before(events[b], events[a])

    open_facts = {i for i in candidates if events[i].options == {True, False}} | {
        i for a in candidates for b in candidates if a < b and unordered(a, b) for i in (a, b)}
    if len(open_facts) > PROBED_MAX:  # each probe is a search of up to 2 ** n courses
        named = sorted(events[i].id for i in open_facts)
        return (f"it turns on the occurrence and order of {len(named)} events the record "
                f"leaves open ({', '.join(named[:5])}{', ...' if len(named) > 5 else ''}); "
                "too many to probe one by one for the one that decides")
    for i in ordered:
        event = events[i]
        if event.options == {True, False}:
            yes = courses.possible(events, base, parties, own, forced={i: True})
            no = courses.possible(events, base, parties, own, forced={i: False})
            if yes != no:
                return (f"it turns on whether {event.id} took effect by then "
                        f"({_open_reason(event)}): if it did, {names(yes)}; if not, {names(no)}")
    for a in ordered:
        for b in ordered:
            x, y = events[a], events[b]
            if a < b and True in x.options and True in y.options and \
                    unordered(a, b):
                first = courses.possible(events, base, parties, own, extra=((a, b),))
                second = courses.possible(events, base, parties, own, extra=((b, a),))
                if first != second:
                    return (f"it turns on the order of {x.id} and {y.id}, which the record "
                            f"does not fix: {x.id} first gives {names(first)}; {y.id} first "
                            f"gives {names(second)}")
    if len(base) > 1:
        return "it turns on whether it had entered into force (or its text been given) yet"
    return ""


def _open_reason(event: _Happening) -> str:
    why = event.why.rstrip("?")
    for dep in (event.detail or {}).values():
        if isinstance(dep, Outcome) and dep.cycle:
            return "its source is caught in a cycle of dependence: " + " -> ".join(dep.cycle)
    window = (event.detail or {}).get("window", (event.earliest, event.latest))
    first, last = window if isinstance(window, tuple) else (event.earliest, event.latest)
    return {"window": f"dated {first} to {last}",
            "rule-undetermined": "the stance leaves its effect undetermined",
            "source-invalid": "the standing of its source is undetermined",
            "clause-fallen": "whether its clause stands is undetermined",
            "lapsed": "whether its basis is still in force is undetermined"}.get(why, why)


# ------------------------------------------------------------- public API
def resolver_of(corpus: RuleBase, stance: Stance) -> Resolver:
    cache = corpus.__dict__.setdefault("_resolvers", {})
    if stance.id not in cache:
        cache[stance.id] = Resolver(corpus, stance)
    return cache[stance.id]


def check_party(corpus: RuleBase, party: str | None) -> None:
    if party is not None and party not in corpus.actors:
        raise UnknownIdError("party (actor)", party, corpus.actors)


def as_of_day(as_of: str | dt.date | DateSpan | None, day: dt.date) -> tuple[dt.date, str | None]:
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
    check_party(corpus, party)
    stance_model = corpus.stance(stance)
    day, text = query_day(at)
    record_day, record_text = as_of_day(as_of, day)
    result = resolver_of(corpus, stance_model).traced((target, day, record_day, party))
    return Resolution.model_construct(
        target=target, stance=stance_model.id, at=text, status=result.status,
        trace=result.steps, party=party, as_of=record_text,
        possible=tuple(sorted(result.possible, key=lambda s: s.value)))


def status_table(corpus: RuleBase, at: str | dt.date | DateSpan | None = None,
                 stances: list[str] | None = None, *, party: str | None = None,
                 as_of: str | dt.date | DateSpan | None = None
                 ) -> dict[tuple[str, str], Status]:
    """Every instrument and provision under every stance at one date: statuses, no traces.

    The same answers as :func:`resolve`, for tables over a whole corpus: computed by the
    status-only kernel (:mod:`treatylogic.kernel`: every stance of a target in one pass,
    the resolver for what it hands over); ask :func:`resolve` for the why of any cell.

    >>> import treatylogic as tl
    >>> table = tl.load().table("2024-09-02")
    >>> table["karakhan-1919", "prc"]
    <Status.UNDETERMINED: 'undetermined'>
    """
    from . import kernel

    return kernel.table(corpus, at, stances, party=party, as_of=as_of).as_dict()


def resolver_table(corpus: RuleBase, at: str | dt.date | DateSpan | None = None,
                   stances: list[str] | None = None, *, party: str | None = None,
                   as_of: str | dt.date | DateSpan | None = None
                   ) -> dict[tuple[str, str], Status]:
    """:func:`status_table` cell by cell through the resolver: the reference the kernel is
    tested against (the same code path as :func:`resolve`, recording no trace)."""
    check_party(corpus, party)
    day, _ = query_day(at)
    record_day, _ = as_of_day(as_of, day)
    chosen = [corpus.stance(s) for s in stances] if stances else \
        [corpus.stances[s] for s in sorted(corpus.stances)]
    targets = corpus.targets()
    table: dict[tuple[str, str], Status] = {}
    with collector_paused():
        for stance in chosen:
            outcome = resolver_of(corpus, stance).outcome
            for target in targets:
                table[target, stance.id] = outcome((target, day, record_day, party)).status
    return table


@contextmanager
def collector_paused() -> Iterator[None]:
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
            # What the table made is mostly kept (memo entries, plans). Re-enabled as
            # is, the next allocation would walk all of it as young objects, then
            # again as middle-aged ones; freeze + unfreeze hands it to the oldest
            # generation directly (two list splices), where the next full
            # collection sees it, as it would have anyway.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def compare(corpus: RuleBase, target: str, at: str | dt.date | DateSpan | None = None, *,
            party: str | None = None,
            as_of: str | dt.date | DateSpan | None = None) -> Comparison:
    """``{stance_id: Resolution}`` for every stance of the corpus, in id order (a Comparison)."""
    return Comparison({s: resolve(corpus, target, s, at, party=party, as_of=as_of)
                       for s in sorted(corpus.stances)})


def _breakpoints(corpus: RuleBase, stance: Stance, instrument: str) -> tuple[dt.date, ...]:
    """Every day on which a status that ``instrument`` depends on may change."""
    resolver = resolver_of(corpus, stance)
    known = resolver.breakpoints.get(instrument)
    if known is not None:  # a report asks once per target, stance and party
        return known
    upstream = corpus.upstream(instrument)
    days: set[dt.date] = set()
    for name in upstream:
        inst = corpus.instruments[name]
        days.update((inst.start.earliest, inst.start.latest, inst.date.earliest,
                     inst.date.latest))
        for variant in inst.variants:  # a clause found only in dated texts starts with them
            if variant.date is not None:
                days.update((variant.date.earliest, variant.date.latest))
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
            if record.acted.latest < dt.date.max:  # a cycle on the day it acted holds then only
                days.add(record.acted.latest + DAY)
            target = corpus.instruments[record.target_instrument]
            notice = target.notice or resolver._decision(record).notice
            if notice is not None or target.renewal is not None:
                days.update(_notice_day(target, d, notice)
                            for d in (record.acted.earliest, record.acted.latest))
    days -= {OPEN_END, dt.date.min}
    found = resolver.breakpoints[instrument] = tuple(sorted(days))
    return found


def timeline(corpus: RuleBase, target: str, stance: str, *, party: str | None = None
             ) -> Timeline:
    """Contiguous, ordered intervals of ``target``'s status under ``stance``.

    Statuses change only on the days some date it depends on begins or ends, so
    resolving once per such day gives the whole history.
    """
    instrument, _ = corpus.check_target(target)
    check_party(corpus, party)
    stance_model = corpus.stance(stance)
    resolver = resolver_of(corpus, stance_model)
    days = _breakpoints(corpus, stance_model, instrument)
    # the day before the first change; none before 0001-01-01, and a history whose only
    # day is 9999-12-31 (dropped as an open end) is one interval
    before = days[0] - DAY if days and days[0] > dt.date.min else dt.date.min
    intervals: list[Interval] = []
    current = resolver.status_of(target, before, party)
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
