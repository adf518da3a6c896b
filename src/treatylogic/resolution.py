"""Resolution: where a target stands under a stance at a date, step by step.

The semantics are written down in ``docs/semantics.md``; the words here are the
same. In short, for ``resolve(target, stance, at)``:

1. before the instrument's start (entry into force, else its date): ``pending``;
   inside an uncertain start: ``undetermined``;
2. a target the stance takes no position on: ``undetermined``;
3. a provision absent from the variant the stance holds authoritative: ``not_in_text``;
4. an instrument in a cycle of dependence: ``undetermined``, the cycle named;
5. otherwise ``in_force``, then each effect on the target (for a provision, on
   it and on its instrument) dated on or before ``at``, in order (date, then
   provision-level before instrument-level, then id), is decided by the stance
   and, if accepted and effective, moves the status through ``TRANSITIONS``.

An accepted effect is *inert* when its source instrument is not valid at the
effect's date, or has since been annulled (annulment is ex tunc). It is
*undetermined* when ``at`` falls inside the uncertainty of its date, or the
source's standing cannot be told, and it would change the status.

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .corpus import Corpus, EffectRecord, StanceRule
from .dates import OPEN_END, DateSpan, parse_date, today
from .doctrine import decide
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
from .models import Stance
from .status import TRANSITIONS, VALID, Status, Verdict, transition

__all__ = ["compare", "diff", "query_day", "resolve", "status_table", "timeline"]

DAY = dt.timedelta(days=1)


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


@dataclass(frozen=True, slots=True)
class _Result:
    status: Status
    steps: tuple[Step, ...]

    @property
    def valid(self) -> bool:
        return self.status in VALID


def _step(kind: StepKind, verdict: StepVerdict, reason: str, status: Status,
          record: EffectRecord | None = None, rule: str | None = None,
          citations: tuple[str, ...] = ()) -> Step:
    # model_construct: the engine builds steps from checked data; skip re-validation.
    return Step.model_construct(
        kind=kind, verdict=verdict, reason=reason, status=status, rule=rule,
        effect=record.id if record else None,
        effect_kind=record.kind.value if record else None,
        source=record.source.id if record else None,
        citations=citations)


class Resolver:
    """Resolves targets under one stance, memoising each (target, day).

    One code path serves two uses: ``status_of`` records no trace (what a
    source's standing, the full table and timelines need), ``result`` records
    the trace of the target asked about. Either way the sources of effects are
    resolved status-only: a trace shows their status, not their own steps.
    """

    def __init__(self, corpus: Corpus, stance: Stance) -> None:
        self.corpus = corpus
        self.stance = stance
        # by day, then target: most lookups share the query day, and a string key
        # hashes once for good where a (target, day) key is built anew each time
        self.statuses: dict[dt.date, dict[str, Status]] = {}
        self.results: dict[tuple[str, dt.date], _Result] = {}
        self.no_position = frozenset(stance.no_position)
        # which rule decides an effect depends on the stance and the effect only
        self.decisions: dict[str, tuple[StanceRule | None, Verdict]] = {}

    def status_of(self, ref: str, day: dt.date) -> Status:
        """The status only (memoised), as resolution needs it of sources."""
        memo = self.statuses.get(day)
        if memo is None:
            memo = self.statuses[day] = {}
        found = memo.get(ref)
        if found is None:
            found = memo[ref] = self._resolve(ref, day, None)
        return found

    def result(self, ref: str, day: dt.date) -> _Result:
        """The status with its trace (memoised)."""
        key = (ref, day)
        found = self.results.get(key)
        if found is None:
            steps: list[Step] = []
            status = self._resolve(ref, day, steps)
            found = self.results[key] = _Result(status, tuple(steps))
            self.statuses.setdefault(day, {}).setdefault(ref, status)
        return found

    # Why the recursion ends: resolving (T, d) asks only for sources of effects on T
    # dated by d, at days no later than d. A loop back to (T, d) would be a cycle of
    # effects all dated by d, which stage 4 answers `undetermined` before recursing.
    # -- the five stages of docs/semantics.md --------------------------------------
    def _resolve(self, ref: str, day: dt.date, steps: list[Step] | None) -> Status:
        corpus, stance = self.corpus, self.stance
        target = corpus.target_record(ref)
        inst, provision_id, instrument_id = target.instrument, target.provision_id, \
            target.instrument_id
        # 1. pending, or an uncertain start
        if day < target.earliest:
            if steps is not None:
                steps.append(_step(StepKind.PENDING, StepVerdict.INFO,
                                   f"{inst.id} binds from {inst.start}; {day} is before that",
                                   Status.PENDING, citations=inst.sources))
            return Status.PENDING
        if day < target.latest:
            if steps is not None:
                steps.append(_step(StepKind.DATE, StepVerdict.UNDETERMINED,
                                   f"{inst.id} is dated {inst.start}: on {day} it cannot be "
                                   "told whether it had been made yet", Status.UNDETERMINED,
                                   citations=inst.sources))
            return Status.UNDETERMINED
        if steps is not None:
            entry = f"in force from {inst.in_force}" if inst.in_force else f"made on {inst.date}"
            steps.append(_step(StepKind.START, StepVerdict.INFO,
                               f"{inst.title} ({inst.id}), {entry}: in force until an accepted "
                               "effect says otherwise (pacta sunt servanda)",
                               Status.IN_FORCE, citations=inst.sources))
        # 2. no position
        if self.no_position:
            for name in (ref, instrument_id) if provision_id else (ref,):
                if name in self.no_position:
                    if steps is not None:
                        steps.append(_step(StepKind.NO_POSITION, StepVerdict.UNDETERMINED,
                                           f"stance {stance.id} takes no position on {name}",
                                           Status.UNDETERMINED, citations=stance.sources))
                    return Status.UNDETERMINED
        # 3. the authoritative text variant
        if target.variants:
            variant = stance.authoritative.get(instrument_id)
            if variant and variant not in target.variants:
                if steps is not None:
                    sources = target.provision.sources if target.provision else ()
                    steps.append(_step(StepKind.VARIANT, StepVerdict.INFO,
                                       f"stance {stance.id} holds the '{variant}' text of "
                                       f"{instrument_id} authoritative, and it does not contain "
                                       f"{ref} (found only in: "
                                       f"{', '.join(target.variants)})",
                                       Status.NOT_IN_TEXT, citations=sources))
                return Status.NOT_IN_TEXT
        # 4. cycles of dependence
        cycle = corpus.cycle_through(instrument_id, day)
        if cycle:
            if steps is not None:
                steps.append(_step(StepKind.CYCLE, StepVerdict.UNDETERMINED,
                                   "a cycle of dependence: " + " -> ".join(cycle) +
                                   "; the standing of each depends on the others'",
                                   Status.UNDETERMINED))
            return Status.UNDETERMINED
        # 5. the effects that reach the target, in order
        status = Status.IN_FORCE
        decisions = self.decisions
        for record in target.effects:
            if record.earliest > day:
                break  # ordered by date: the rest lie in the future of the query
            decision = decisions.get(record.id) or self._decide(record)
            outcome = self._outcome(record, decision[1], status, day)
            if steps is not None:
                self._effect_step(steps, record, decision[0], status, day, outcome)
            status = outcome[0]
        return status

    def _decide(self, record: EffectRecord) -> tuple[StanceRule | None, Verdict]:
        """Which rule decides an effect: the stance's and the effect's business only (memoised)."""
        decision = self.decisions[record.id] = decide(self.corpus, self.stance, record)
        return decision

    def _effect_step(self, steps: list[Step], record: EffectRecord,
                     stance_rule: StanceRule | None, status: Status, day: dt.date,
                     outcome: tuple[Status, StepVerdict, str, Status | None]) -> None:
        """The step that says how one effect was decided and applied, and why."""
        after, step_verdict, why, source_status = outcome
        citations: tuple[str, ...] = record.effect.sources
        if stance_rule:
            rule = stance_rule.rule
            citations = (*((rule.citation,) if rule.citation else ()), *rule.sources,
                         *citations)
        citations = tuple(dict.fromkeys(citations))  # a rule and its effect may cite alike
        reason = self._reason(why, record, stance_rule, status, day, source_status)
        if step_verdict is StepVerdict.INFO:
            reason += "; either way the status is unchanged"
        steps.append(_step(StepKind.EFFECT, step_verdict, reason, after, record,
                           stance_rule.id if stance_rule else None, citations))

    def _outcome(self, record: EffectRecord, verdict: Verdict, status: Status,
                 day: dt.date) -> tuple[Status, StepVerdict, str, Status | None]:
        """The status after one effect, its step verdict, why (a code), and the source's status.

        The codes are worded by ``_reason``; this is the whole decision, kept lean
        because it runs for every effect of every table.
        """
        after = TRANSITIONS.get((status, record.kind), status)  # transition(), inlined
        # what "cannot be told" does: nothing if the effect would change nothing
        unsure = (status, StepVerdict.INFO) if after == status else \
            (Status.UNDETERMINED, StepVerdict.UNDETERMINED)
        if verdict is Verdict.REJECT:
            return status, StepVerdict.REJECTED, "rule", None
        if verdict is Verdict.UNDETERMINED:
            return (*unsure, "rule", None)
        latest = record.latest
        if day < latest:
            return (*unsure, "window", None)
        source = record.source_id
        then = self.status_of(source, latest)
        if then is Status.UNDETERMINED:
            return (*unsure, "source-undetermined", then)
        if then not in VALID:
            return status, StepVerdict.INERT, "source-invalid", then
        now = then if latest == day else self.status_of(source, day)
        if now is Status.ANNULLED:
            return status, StepVerdict.INERT, "ex-tunc", now
        if now is Status.UNDETERMINED:
            return (*unsure, "annulment-undetermined", now)
        return after, StepVerdict.APPLIED, "applied", now

    def _reason(self, why: str, record: EffectRecord, stance_rule: StanceRule | None,
                status: Status, day: dt.date, source_status: Status | None) -> str:
        """The sentence a historian reads for one effect's outcome."""
        source = record.source.id
        what = f"{source} {record.kind.verb} {record.effect.target}"
        if record.effect.grounds:
            what += f" on the grounds of {', '.join(record.effect.grounds)}"
        if why == "rule":
            return stance_rule.rule.reason  # type: ignore[union-attr]
        if why == "window":
            return (f"{what} on a date given as {record.date}; on {day} it cannot be told "
                    "whether it had happened yet")
        if why == "source-undetermined":
            return f"{what}, but the standing of {source} on {record.date} is undetermined"
        if why == "source-invalid":
            return (f"{what}, but {source} was {source_status.value} on {record.date}: "  # type: ignore[union-attr]
                    "the effect is inert")
        if why == "ex-tunc":
            return (f"{what}, but {source} has since been annulled; annulment is ex tunc, so "
                    "the effect never happened")
        if why == "annulment-undetermined":
            return f"{what}, but whether {source} has since been annulled is undetermined"
        accepted = stance_rule.rule.reason if stance_rule else \
            f"no rule of stance {self.stance.id} objects to it: accepted"
        if transition(status, record.kind) == status:
            return f"{accepted}; {what}, which leaves it {status.value}"
        return f"{accepted}; {what}"


def _resolver(corpus: Corpus, stance: Stance) -> Resolver:
    cache = corpus.__dict__.setdefault("_resolvers", {})
    if stance.id not in cache:
        cache[stance.id] = Resolver(corpus, stance)
    return cache[stance.id]


def resolve(corpus: Corpus, target: str, stance: str,
            at: str | dt.date | DateSpan | None = None) -> Resolution:
    """Where ``target`` stands under ``stance`` at ``at``, with its explanation trace.

    Parameters
    ----------
    target : an instrument id or ``instrument#provision``
    stance : a stance id or alias
    at : an EDTF date (a coarse one means its last day); default today

    Raises
    ------
    UnknownIdError
        For an unknown target or stance, with the closest known ids.
    DateError
        For a date that is not EDTF.
    """
    corpus.check_target(target)
    stance_model = corpus.stance(stance)
    day, text = query_day(at)
    result = _resolver(corpus, stance_model).result(target, day)
    return Resolution.model_construct(target=target, stance=stance_model.id, at=text,
                                      status=result.status, trace=result.steps)


def status_table(corpus: Corpus, at: str | dt.date | DateSpan | None = None,
                 stances: list[str] | None = None) -> dict[tuple[str, str], Status]:
    """Every instrument and provision under every stance at one date: statuses, no traces.

    The same answers as :func:`resolve` (the same code path, recording no trace),
    for tables over a whole corpus; ask :func:`resolve` for the why of any cell.

    >>> import treatylogic as tl
    >>> table = tl.load().table("2024-09-02")
    >>> table["karakhan-1919", "prc"]
    <Status.UNDETERMINED: 'undetermined'>
    """
    day, _ = query_day(at)
    chosen = [corpus.stance(s) for s in stances] if stances else \
        [corpus.stances[s] for s in sorted(corpus.stances)]
    targets = corpus.targets()
    table: dict[tuple[str, str], Status] = {}
    with _collector_paused():
        for stance in chosen:
            status_of = _resolver(corpus, stance).status_of
            for target in targets:
                table[target, stance.id] = status_of(target, day)
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


def compare(corpus: Corpus, target: str,
            at: str | dt.date | DateSpan | None = None) -> Comparison:
    """``{stance_id: Resolution}`` for every stance of the corpus, in id order (a Comparison)."""
    return Comparison({s: resolve(corpus, target, s, at) for s in sorted(corpus.stances)})


def _breakpoints(corpus: Corpus, instrument: str) -> list[dt.date]:
    """Every day on which a status that ``instrument`` depends on may change."""
    import networkx as nx

    upstream = nx.ancestors(corpus.dependencies, instrument) | {instrument}
    days: set[dt.date] = set()
    for name in upstream:
        inst = corpus.instruments[name]
        days.update((inst.start.earliest, inst.start.latest))
        for record in corpus.effects_on(name):
            days.update((record.date.earliest, record.date.latest))
    days.discard(OPEN_END)
    return sorted(days)


def timeline(corpus: Corpus, target: str, stance: str) -> Timeline:
    """Contiguous, ordered intervals of ``target``'s status under ``stance``.

    Statuses change only on the days some date it depends on begins or ends, so
    resolving once per such day gives the whole history.
    """
    instrument, _ = corpus.check_target(target)
    stance_model = corpus.stance(stance)
    resolver = _resolver(corpus, stance_model)
    days = _breakpoints(corpus, instrument)
    # the day before the first change; none before 0001-01-01, and a history whose only
    # day is 9999-12-31 (dropped as an open end) is one interval
    before = days[0] - DAY if days and days[0] > dt.date.min else dt.date.min
    intervals: list[Interval] = []
    current = resolver.status_of(target, before)
    start: dt.date | None = None
    for day in days:
        status = resolver.status_of(target, day)
        if status != current:
            intervals.append(Interval(start=start, end=day, status=current))
            start, current = day, status
    intervals.append(Interval(start=start, end=None, status=current))
    return Timeline(target=target, stance=stance_model.id, intervals=tuple(intervals))


def diff(corpus: Corpus, target: str, stance_a: str, stance_b: str,
         at: str | dt.date | DateSpan | None = None) -> Divergence:
    """Where two readings part: the first step (an effect, or a base step) decided differently."""
    a = resolve(corpus, target, stance_a, at)
    b = resolve(corpus, target, stance_b, at)
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
