"""A brute-force statement of the possible statuses of ONE target, from docs/semantics.md.

``possible(corpus, target, stance, day, party)`` reads the target's base status
(its instrument's start, or the party's own milestones), its events (the effects
that reach it, its own term, its parties' recorded withdrawals) and their dates
straight from the declarations, as the document words them, then enumerates
*every permutation* of the events that the record does not order otherwise and
*every subset* of the events that may or may not have acted, folding each through
``TRANSITIONS``. It shares no code with ``treatylogic.resolution`` except the
transition table, which is data.

What it takes from the engine, on purpose, so that it checks one target at a
time: the **statuses of the sources** (``corpus.resolve(source, ...).possible``,
for the checks "source valid when it acted", "clause stands", "basis still in
force") and the **verdict of the stance's rules** (``treatylogic.doctrine.decide``,
rule matching, and its standing test). The test that uses it therefore checks
stages 1 and 4-5 (base, events and their dates, notice, the checks' three-valued
outcome, the orders, the instants, withdrawal counting), not rule matching or
recursion. It answers ``None`` (out of its reach) for a target on a cycle of
dependence and for too many events to enumerate.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import treatylogic as tl
from treatylogic.dates import DateSpan
from treatylogic.doctrine import decide
from treatylogic.explanation import StepKind
from treatylogic.models import Instrument, Party, Stance
from treatylogic.status import TRANSITIONS, EffectKind, Lifecycle, Status, Verdict

__all__ = ["possible"]

S = Status
VALID = frozenset({S.IN_FORCE, S.SUSPENDED})
LIVE = frozenset({S.IN_FORCE, S.SUSPENDED, S.RENOUNCED})
#: beyond this many events that may act, the permutations are not enumerated
MAX_EVENTS = 7


@dataclass(frozen=True)
class Event:
    """One event as the document states it: its operative window and whether it acts."""

    id: str
    kind: EffectKind | Lifecycle
    earliest: dt.date
    latest: dt.date
    acts: frozenset[bool]          # {True}, {False} or both (it may act)
    party: str | None = None       # the party that leaves, for a withdrawal
    source: str | None = None
    grounds: frozenset[str] = frozenset()
    clause: bool = False           # aimed at a provision (lex specialis)


def _ancestors(corpus: tl.Corpus, actor: str, stance: Stance) -> list[str]:
    """``actor`` and those it continues, nearest first (the stance's own view of continuity)."""
    continues = {a.id: tuple(a.continues) for a in corpus.actors.values()}
    continues.update({k: tuple(v) for k, v in stance.continuity.items()})
    seen, queue = [actor], [actor]
    while queue:
        for previous in continues.get(queue.pop(0), ()):
            if previous not in seen:
                seen.append(previous)
                queue.append(previous)
    return seen


def _authors(inst: Instrument) -> list[str]:
    return [inst.issuer] if inst.issuer else [p.actor for p in inst.parties]


def _listed(corpus: tl.Corpus, inst: Instrument, actor: str, stance: Stance) -> str | None:
    """The author of ``inst`` among ``actor``'s ancestors (the nearest, if several)."""
    authors = set(_authors(inst))
    return next((a for a in _ancestors(corpus, actor, stance) if a in authors), None)


def _later(a: DateSpan, b: DateSpan) -> tuple[dt.date, dt.date]:
    return max(a.earliest, b.earliest), max(a.latest, b.latest)


def _term_end(inst: Instrument, start: dt.date, which: str) -> dt.date | None:
    if inst.ends is not None:
        return inst.ends.earliest if which == "earliest" else inst.ends.latest
    if inst.term is not None:
        return inst.term.after(start)
    return None


def _notice_day(inst: Instrument, acted: dt.date, notice) -> dt.date:
    """acted + notice; with tacit renewal, the end of the period running then (art. 56)."""
    effective = notice.after(acted) if notice else acted
    if inst.renewal is None:
        return effective
    end = _term_end(inst, inst.start.earliest, "earliest")
    while end is not None and end < effective:
        end = inst.renewal.after(end)
        if end == dt.date.max:
            break
    return end or effective


def _base(corpus: tl.Corpus, inst: Instrument, day: dt.date, party: str | None,
          stance: Stance) -> set[Status]:
    if party is None:
        start = inst.start
        if day < start.earliest:
            return {S.PENDING}
        return {S.PENDING, S.IN_FORCE} if day < start.latest else {S.IN_FORCE}
    listed = _listed(corpus, inst, party, stance)
    if listed is None:
        return {S.NOT_PARTY}
    record = inst.party(listed) or Party(actor=listed)
    plain = record.signed is None and record.consent is None and record.in_force is None
    signed = record.signed or (inst.date if plain else None)
    consent = record.consent or (inst.date if plain else None)
    bound = record.in_force
    entry: tuple[dt.date, dt.date] | None = (bound.earliest, bound.latest) if bound else None
    if plain:  # a plain party is bound from the instrument's start
        entry = (inst.start.earliest, inst.start.latest)
    elif bound is None and consent is not None:  # the later of start and consent, art. 24(3)
        entry = _later(inst.start, consent)
    milestones: list[tuple[DateSpan, Status]] = []
    if signed is not None and (consent is None or signed.earliest < consent.earliest):
        milestones.append((signed, S.SIGNED))
    if consent is not None and entry is not None and (consent.earliest, consent.latest) != entry:
        milestones.append((consent, S.PENDING))  # entry into force may come later
    if entry is not None:
        bound = DateSpan(entry[0], entry[1], "entry into force")
    if record.provisional is not None:
        milestones.append((record.provisional, S.IN_FORCE))
    if bound is not None:
        milestones.append((bound, S.IN_FORCE))
    milestones.sort(key=lambda m: (m[0].earliest, m[0].latest))
    results = set()
    choices = [[True] if span.latest <= day else [False] if day < span.earliest else
               [True, False] for span, _ in milestones]
    for happened in itertools.product(*choices):
        # the furthest step reached (consent after provisional application leaves it applied)
        rank = {S.SIGNED: 1, S.PENDING: 2, S.IN_FORCE: 3}
        reached_steps = [reached for (_, reached), yes in zip(milestones, happened, strict=True)
                         if yes]
        results.add(max(reached_steps, key=rank.__getitem__) if reached_steps else
                    S.PENDING if day < inst.date.earliest else S.NOT_PARTY)
    return results


def _check(corpus: tl.Corpus, ref: str, stance: str, day: dt.date, as_of: dt.date,
           good: frozenset[Status]) -> frozenset[bool]:
    """Acts ({True}), does not ({False}) or may ({True, False}), from the engine's statuses."""
    found = frozenset(corpus.resolve(ref, stance, day, as_of=as_of).possible)
    if found and found <= good:
        return frozenset({True})
    if found and not found & good:
        return frozenset({False})
    return frozenset({True, False})


def _events(corpus: tl.Corpus, inst: Instrument, provision: str | None, stance: Stance,
            day: dt.date) -> list[Event]:
    as_of = day
    events: list[Event] = []
    # the instrument's own term, unless it renews tacitly
    if inst.renewal is None and (inst.term is not None or inst.ends is not None):
        first = _term_end(inst, inst.start.earliest, "earliest")
        last = _term_end(inst, inst.start.latest, "latest")
        assert first is not None and last is not None
        if first <= day:
            events.append(Event("term", Lifecycle.EXPIRE, first, last,
                                frozenset({True}) if last <= day else frozenset({True, False})))
    # each party's recorded withdrawal
    for p in inst.parties:
        if p.withdrawn is not None and p.withdrawn.earliest <= day:
            events.append(Event(f"withdrawn:{p.actor}", EffectKind.WITHDRAW, p.withdrawn.earliest,
                                p.withdrawn.latest, frozenset({True}) if p.withdrawn.latest <= day
                                else frozenset({True, False}), party=p.actor))
    # the effects that reach the target
    for source in corpus.instruments.values():
        for effect in source.effects:
            target_id, _, clause = effect.target.partition("#")
            if target_id != inst.id:
                continue
            if clause and clause != provision:
                continue
            if not clause and provision in effect.exceptions:
                continue
            event = _effect_event(corpus, source, effect, inst, bool(clause), stance, day, as_of)
            if event is not None:
                events.append(event)
    return events


def _effect_event(corpus: tl.Corpus, source: Instrument, effect, target: Instrument,
                  clause: bool, stance: Stance, day: dt.date, as_of: dt.date) -> Event | None:
    date = effect.date or source.start
    acted = _later(date, source.start)
    if effect.retroactive:
        operative = (date.earliest, date.latest)
    elif effect.kind is EffectKind.ANNUL and effect.mode in (None, tl.InvalidityMode.EX_TUNC):
        operative = (target.start.earliest, target.start.latest)
    else:
        operative = acted
    if operative[0] > day or acted[0] > as_of:
        return None  # it has not happened by the query day, or is not yet on the record
    record = corpus.effects[effect.id]
    decision = decide(corpus, stance, record)
    actors = (effect.actor,) if effect.actor else tuple(_authors(source))
    party = None
    if effect.kind is EffectKind.WITHDRAW:
        party = next((p for a in actors if (p := _listed(corpus, target, a, stance))), None)
    base = dict(id=effect.id, kind=effect.kind, party=party, source=source.id,
                grounds=frozenset(effect.grounds), clause=clause)
    if decision.verdict is Verdict.REJECT:
        return Event(earliest=operative[0], latest=operative[1], acts=frozenset({False}), **base)
    # a denunciation: a withdrawal, or a termination by some of the target's parties only
    acting = {_listed(corpus, target, a, stance) for a in actors}
    denunciation = effect.kind is EffectKind.WITHDRAW or (
        effect.kind is EffectKind.TERMINATE and not set(_authors(target)) <= acting)
    notice = target.notice or decision.notice
    if denunciation and (notice is not None or target.renewal is not None):
        operative = (_notice_day(target, acted[0], notice), _notice_day(target, acted[1], notice))
        if operative[0] > day:
            return Event(earliest=operative[0], latest=operative[1], acts=frozenset({False}),
                         **base)
    acts = {True}
    if effect.by is not None:
        variants = next(p.variants for p in source.provisions if p.id == effect.by)
        held = stance.authoritative.get(source.id)
        if variants and held and held not in variants:
            return Event(earliest=operative[0], latest=operative[1], acts=frozenset({False}),
                         **base)
    checks = [(source.id, min(acted[1], as_of), VALID)]
    if effect.by is not None:
        checks.append((f"{source.id}#{effect.by}", day,
                       frozenset(Status) - {S.ANNULLED, S.NOT_IN_TEXT}))
    if not effect.lasting:
        checks.append((source.id, day, VALID))
    for ref, when, good in checks:
        outcome = _check(corpus, ref, stance.id, when, as_of, good)
        if outcome == {False}:
            return Event(earliest=operative[0], latest=operative[1], acts=frozenset({False}),
                         **base)
        acts |= outcome
    if decision.verdict is Verdict.UNDETERMINED or operative[1] > day or acted[1] > as_of:
        acts.add(False)
    return Event(earliest=operative[0], latest=operative[1], acts=frozenset(acts), **base)


def _ordered(a: Event, b: Event) -> bool:
    """The record puts ``a`` before ``b``: by dates, else grounds, else lex specialis."""
    if a.latest < b.earliest:
        return True
    if b.latest < a.earliest:
        return False
    a_first = a.source is not None and bool({a.id, a.source} & b.grounds)
    b_first = b.source is not None and bool({b.id, b.source} & a.grounds)
    if a_first != b_first:
        return a_first
    if a_first:
        return False  # each cites the other: the record does not order them
    return a.earliest == a.latest == b.earliest == b.latest and not a.clause and b.clause


def _fold(order: tuple[Event, ...], acting: dict[str, bool], status: Status,
          parties: int, own: str | None) -> Status:
    gone: set[str] = set()
    for event in order:
        if not acting[event.id]:
            continue
        if event.kind is EffectKind.WITHDRAW:
            if event.party is None:
                continue  # no party of it leaves
            gone.add(event.party)
            if event.party == own:
                status = TRANSITIONS.get((status, EffectKind.WITHDRAW), status)
            elif parties - len(gone) < 2:
                status = TRANSITIONS.get((status, EffectKind.TERMINATE), status)
            continue
        status = TRANSITIONS.get((status, event.kind), status)
    return status


def possible(corpus: tl.Corpus, target: str, stance: str, day: dt.date,
             party: str | None = None) -> frozenset[Status] | None:
    """The possible statuses of ``target`` (as of ``day``), or None when out of reach."""
    engine = corpus.resolve(target, stance, day, party=party)
    if any(step.kind is StepKind.CYCLE for step in engine.trace):
        return None
    stance_model = corpus.stance(stance)
    inst_id, _, provision = target.partition("#")
    inst = corpus.instruments[inst_id]
    base = _base(corpus, inst, day, party, stance_model)
    if not base & LIVE:
        return frozenset(base)
    if target in stance_model.no_position or inst_id in stance_model.no_position:
        return frozenset()
    if provision:
        variants = next(p.variants for p in inst.provisions if p.id == provision)
        held = stance_model.authoritative.get(inst_id)
        if variants and held and held not in variants:
            return frozenset({S.NOT_IN_TEXT})
    events = [e for e in _events(corpus, inst, provision or None, stance_model, day)
              if True in e.acts]
    if len(events) > MAX_EVENTS:
        return None
    own = None if party is None else _listed(corpus, inst, party, stance_model)
    parties = len(_authors(inst))
    results: set[Status] = set()
    for order in itertools.permutations(events):
        if any(_ordered(b, a) and not _ordered(a, b)
               for i, a in enumerate(order) for b in order[i + 1:]):
            continue  # the record puts a later event first
        for choice in itertools.product(*(sorted(e.acts) for e in order)):
            acting = {e.id: c for e, c in zip(order, choice, strict=True)}
            for status in base:
                results.add(_fold(order, acting, status, parties, own))
    return frozenset(results)
