"""The status-only kernel: every target under every stance at one day, in one pass per target.

The traced resolver (:mod:`treatylogic.resolution`) stays the reference and the only
source of explanations. The kernel computes the same statuses for a whole table
(docs/semantics.md; law 9: ``table`` agrees with ``resolve``) without the resolver's
per-cell machinery: one evaluation of a (target, day) serves every stance at once.

- **Shared by the stances.** A target's start (stage 1) is computed once for all
  stances; its events (the instrument's term, its parties' withdrawals) are built once;
  every stance's verdict on an effect comes from one walk of its kind's decision tree
  (each rule test asked once, and only when a verdict still turns on it: ``_Judge``),
  and where two stances see the very same events the fold is done once for both.
- **Sources first.** A target's effects ask for their sources on the days they acted
  (and, for a clause or a suspension, on the query day); those are evaluated before the
  effects that need them (depth first, memoised per (target, day) for every stance), so
  each source is known when the effect it makes is checked: the dependency order.
- **The same fold.** The possible statuses are the resolver's own
  (:func:`treatylogic.courses.possible`) over the same events: an effect that certainly acts
  is its stance's plan, one that may act an event that may, one that cannot act is left out.

**What it hands to the resolver** (and counts, :attr:`KernelTable.delegated`): a
(target, day) caught on a cycle of dependence, found while evaluating it depth first
(the resolver names and resolves cycles: ``undetermined``), with every key on that
cycle; a chain of sources deeper than ``DEPTH`` (the resolver is iterative); and a
table asked for one ``party`` (its milestones and continuity are per party: the whole
table goes to the resolver). A key handed over is answered by
``Resolver.outcome``: the reference itself.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> kt = table(corpus, "2024-09-02")
>>> kt.status("karakhan-1919", "prc")
<Status.UNDETERMINED: 'undetermined'>
>>> kt.as_dict() == corpus.table("2024-09-02")
True
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, cast

from . import courses
from . import resolution as _r
from .corpus import EffectRecord, RuleBase, TargetRecord
from .courses import ACTS, MAY, apply_event, display_key
from .dates import DateSpan
from .doctrine import Predicate, always, compile_match, standing_required, standing_test
from .durations import Duration
from .models import Instrument, Stance
from .status import TRANSITIONS as _TRANSITIONS
from .status import VALID, EffectKind, Status, Verdict

__all__ = ["DEPTH", "TREE_QUESTIONS", "KernelTable", "table"]

#: A kind judged by more questions than this (its rules' tests and standing under each view
#: of continuity) is judged without a tree: with many stances' own rules the paths
#: through it multiply, each as deep as the questions and each new node reads every
#: stance's steps (200 stances: five times slower). Its tests are then all asked and
#: the verdicts looked up by the answers. Up to here the tree asks fewer.
TREE_QUESTIONS = 16

#: Beyond this depth of sources asked for sources, the kernel hands the key to the
#: (iterative) resolver instead of going deeper (two Python frames a level: well inside
#: the interpreter's recursion limit of 1,000, whoever calls).
DEPTH = 200

_S = Status
_LIVE = frozenset({_S.IN_FORCE, _S.SUSPENDED, _S.RENOUNCED})
_UNKNOWN: frozenset[Status] = frozenset()
_PENDING_ONLY = frozenset({_S.PENDING})
_IN_FORCE_ONLY = frozenset({_S.IN_FORCE})
_PENDING_OR_IN_FORCE = frozenset({_S.PENDING, _S.IN_FORCE})
_NOT_IN_TEXT = frozenset({_S.NOT_IN_TEXT})
_CLAUSE_STANDS = frozenset(Status) - {_S.ANNULLED, _S.NOT_IN_TEXT}

#: (target ref, day): the key of one evaluation, for every stance at once.
_Key = tuple[str, dt.date]

class _StatusOf(dict[frozenset[Status], Status]):
    """The status a set of possible statuses gives: its one member, else ``undetermined``."""

    def __missing__(self, possible: frozenset[Status]) -> Status:
        found = self[possible] = next(iter(possible)) if len(possible) == 1 \
            else _S.UNDETERMINED
        return found


_STATUS_OF = _StatusOf()


@dataclass(frozen=True)
class KernelTable:
    """Statuses of every target under every stance at one day: a stance x target array.

    ``statuses[k][t]`` is the status of ``targets[t]`` under ``stances[k]``;
    ``delegated`` counts the cells the resolver answered (cycles, deep chains, party
    tables) and ``cells`` all of them.
    """

    stances: tuple[str, ...]
    targets: tuple[str, ...]
    statuses: tuple[tuple[Status, ...], ...]
    delegated: int
    delegated_keys: int = 0  # (target, day) evaluations handed over, sources included
    party: str | None = None
    cells: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cells", len(self.stances) * len(self.targets))

    def status(self, target: str, stance: str) -> Status:
        """The status of one cell (a linear search for the target: for tests and examples)."""
        return self.statuses[self.stances.index(stance)][self.targets.index(target)]

    def as_dict(self) -> dict[tuple[str, str], Status]:
        """``{(target, stance_id): Status}``, stance by stance, targets in order."""
        out: dict[tuple[str, str], Status] = {}
        targets = self.targets
        for stance, row in zip(self.stances, self.statuses, strict=True):
            out.update(zip(zip(targets, repeat(stance)), row, strict=True))
        return out


class _Act:
    """An effect that acts, as the fold reads it (:class:`treatylogic.courses.Happening`): one
    object per effect and per way of acting (a withdrawal's party, a notice period), shared by every
    stance that decides it so."""

    __slots__ = ("earliest", "grounds", "id", "kind", "latest", "may", "options", "party",
                 "provision_level", "record", "sure")

    def __init__(self, record: EffectRecord, earliest: dt.date, latest: dt.date,
                 party: str | None, sure: bool, options: frozenset[bool] = ACTS) -> None:
        self.id = record.id
        self.kind = record.kind
        self.record = record
        self.earliest = earliest   # operative window, after any notice period
        self.latest = latest
        self.party = party         # for a withdrawal: the party that leaves
        self.provision_level = record.target_provision is not None
        self.grounds = record.grounds
        self.sure = sure           # the stance's verdict is not `undetermined`
        self.options = options
        self.may: _Act | None = None  # the same effect when it only may act

    def maybe(self) -> _Act:
        """The same effect as one that may act or not (one object, made once)."""
        if self.may is None:
            self.may = _Act(self.record, self.earliest, self.latest, self.party, self.sure,
                            MAY)
        return self.may


#: What stances make of one effect: an _Act, None (it never acts), or one of them per stance.
_Verdicts = _Act | None | tuple[_Act | None, ...]


class _Node:
    """One question of a kind's decision tree: a rule's test, or standing under one view of
    continuity. Its two answers lead to further questions or to every stance's verdict."""

    __slots__ = ("asked", "kids", "test", "var")

    def __init__(self, var: int, test: Predicate, asked: dict[int, bool]) -> None:
        self.var = var          # which test or standing this asks
        self.test = test
        self.asked = asked      # the answers that lead here
        self.kids: list[_Node | _Decided | None] = [None, None]  # by the answer, False, True


class _Judge:
    """Every stance's verdict on each effect, asking each rule's test only when a verdict
    still turns on it, and each at most once per effect.

    A stance decides an effect by the first of its rules for the effect's kind whose
    ``when`` matches (:func:`treatylogic.doctrine.decide`); the effect's standing (an
    actor a party or author of the target, or continuing one) decides which rules are
    read at all and the verdict when none matches. A rule's compiled test reads the
    stance only through its view of continuity and, for ``actor_unrecognised``, the
    actors it does not recognise: stances equal in these share the test, so the rules
    of a doctrine that several stances hold are one question. The questions form a
    decision tree per kind, grown as effects reach new answers: an effect walks it,
    asking what the verdicts so far turn on, to the verdicts of every stance.
    """

    def __init__(self, corpus: RuleBase, stances: tuple[Stance, ...],
                 tree_questions: int = TREE_QUESTIONS) -> None:
        self.corpus = corpus
        self.stances = stances
        self.tree_questions = tree_questions
        self.views = [s.id if s.continuity else "" for s in stances]
        self.view_stance = {v: s for v, s in zip(self.views, stances, strict=True)}
        self.programs: dict[object, _Program] = {}
        self.acts: dict[tuple[object, ...], _Act] = {}
        self.authoritative = [s.authoritative for s in stances]
        # standing is one question per distinct view of continuity
        distinct = tuple(dict.fromkeys(self.views))
        self.standing_tests: list[Predicate] = [
            standing_test(corpus, self.view_stance[v]) for v in distinct]
        self.standing_of = [distinct.index(v) for v in self.views]

    def _program(self, kind: object) -> _Program:
        """The kind's rule tests, each stance's steps over them, and its tree's root."""
        slots: dict[tuple[object, ...], int] = {}
        tests: list[Predicate] = []
        steps: list[list[_Step]] = []
        corpus = self.corpus
        for stance, view in zip(self.stances, self.views, strict=True):
            mine: list[_Step] = []
            for stance_rule in corpus.stance_rules(stance):
                when = stance_rule.rule.when
                if when.kind and kind not in when.kind:
                    continue
                try:
                    required = standing_required(when)
                except ValueError:
                    continue  # asks for standing and for its absence: never matches
                # read with standing only if it asks none or asks standing; without
                # standing only if written for third states (as doctrine.decide reads)
                on_standing, on_third = required is not False, when.actor_is_party is False
                if not on_standing and not on_third:
                    continue
                key = (id(stance_rule.rule), view, frozenset(stance.does_not_recognise)
                       if when.actor_unrecognised is not None else None)
                slot = slots.get(key)
                if slot is None:
                    test = compile_match(corpus, stance, when, kind, standing=False)  # type: ignore[arg-type]
                    slot = slots[key] = -1 if test is always else len(tests)
                    if test is not always:
                        tests.append(test)
                rule = stance_rule.rule
                mine.append((slot, rule.then, rule.notice, on_standing, on_third))
            steps.append(mine)
        program = _Program(tests, steps)
        if len(tests) + len(self.standing_tests) <= self.tree_questions:
            program.root = self._grow(program, {})
        return program

    def _grow(self, program: _Program, asked: dict[int, bool]) -> _Node | _Decided:
        """The next question given the answers ``asked``, or every stance's verdict."""
        decided: list[tuple[Verdict, Duration | None] | None] = []
        n_tests = len(program.tests)
        for k, steps in enumerate(program.steps):
            standing = n_tests + self.standing_of[k]
            has = asked.get(standing)
            if has is None:
                return _Node(standing, self.standing_tests[self.standing_of[k]], asked)
            verdict: tuple[Verdict, Duration | None] | None = None
            for slot, then, notice, on_standing, on_third in steps:
                if not (on_standing if has else on_third):
                    continue
                if slot < 0:
                    verdict = (then, notice)
                    break
                answer = asked.get(slot)
                if answer is None:
                    return _Node(slot, program.tests[slot], asked)
                if answer:
                    verdict = (then, notice)
                    break
            if verdict is None:
                verdict = (Verdict.ACCEPT if has else Verdict.REJECT, None)
            decided.append(None if verdict[0] is Verdict.REJECT else verdict)
        codes = tuple(0 if d is None else 1 if d[0] is not Verdict.UNDETERMINED else 2
                      for d in decided)
        return tuple(decided), codes, codes[0] if len(set(codes)) == 1 else None

    def verdicts(self, record: EffectRecord) -> _Verdicts:
        """What every stance makes of ``record``: one _Act or None if all alike, else a tuple."""
        corpus = self.corpus
        program = self.programs.get(record.kind)
        if program is None:
            program = self.programs[record.kind] = self._program(record.kind)
        node = program.root
        if node is None:  # too many questions for a tree: ask them all, look the answers up
            questions = program.tests + self.standing_tests
            answers = tuple([question(record) for question in questions])
            node = program.answered.get(answers)
            if node is None:  # every question answered: the verdicts, never a question
                node = program.answered[answers] = cast(
                    _Decided, self._grow(program, dict(enumerate(answers))))
        while node.__class__ is _Node:
            answer = node.test(record)
            kids = node.kids
            found = kids[answer]
            if found is None:
                asked = {**node.asked, node.var: answer}
                found = kids[answer] = self._grow(program, asked)
            node = found
        decided, codes, same = node  # type: ignore[misc]
        kind = record.kind
        clause = record.by
        if kind is not EffectKind.WITHDRAW and kind is not EffectKind.TERMINATE and \
                clause is None:  # its act reads neither a view, a notice nor a text
            # (each effect is judged once a table: its acts need no cache)
            if same is not None:
                return None if same == 0 else \
                    _Act(record, record.earliest, record.latest, None, same == 1)
            plain = (None,
                     _Act(record, record.earliest, record.latest, None, True)
                     if 1 in codes else None,
                     _Act(record, record.earliest, record.latest, None, False)
                     if 2 in codes else None)
            return tuple([plain[code] for code in codes])
        target = corpus.instruments[record.target_instrument]
        out: list[_Act | None] = []
        for k, view in enumerate(self.views):
            verdict_notice = decided[k]
            if verdict_notice is None:
                out.append(None)
                continue
            verdict, notice = verdict_notice
            if clause is not None:  # the clause must be in the text the stance holds
                held = self.authoritative[k].get(record.source_id)
                variants = corpus.provisions[f"{record.source_id}#{clause}"].variants
                if variants and held and held not in variants:
                    out.append(None)
                    continue
            out.append(self._act(record, target, view, verdict is not Verdict.UNDETERMINED,
                                 target.notice or notice))
        first = out[0] if out else None
        for other in out:
            if other is not first:
                return tuple(out)
        return first

    def _act(self, record: EffectRecord, target: Instrument, view: str, sure: bool,
             notice: Duration | None) -> _Act:
        """The effect as it acts under a view of continuity and a notice (made once each)."""
        kind = record.kind
        key = (record.id, sure, view, notice)
        found = self.acts.get(key)
        if found is None:
            corpus, stance = self.corpus, self.view_stance[view]
            party = None
            if kind is EffectKind.WITHDRAW:
                party = next((p for a in record.actors
                              if (p := _r.party_of(corpus, stance, target, a))), None)
            earliest, latest = record.earliest, record.latest
            if (notice is not None or target.renewal is not None) and \
                    _r.is_denunciation(corpus, stance, record, target):
                earliest = _r.notice_day(target, record.acted.earliest, notice)
                latest = _r.notice_day(target, record.acted.latest, notice)
            found = self.acts[key] = _Act(record, earliest, latest, party, sure)
        return found


#: (the rule's test, -1 if it has none; its verdict; its notice; read when the effect has
#: standing; read when it has none)
_Step = tuple[int, Verdict, "Duration | None", bool, bool]
#: Per stance (verdict, notice) or None (rejected); per stance 0 rejected, 1 sure, 2
#: undetermined; that code if every stance has it, else None.
_Decided = tuple[tuple["tuple[Verdict, Duration | None] | None", ...], tuple[int, ...],
                 "int | None"]


class _Program:
    """A kind's rule tests, each stance's steps over them, and the root of its tree (None
    past ``TREE_QUESTIONS``: then the verdicts by every answer, ``answered``)."""

    __slots__ = ("answered", "root", "steps", "tests")

    def __init__(self, tests: list[Predicate], steps: list[list[_Step]]) -> None:
        self.tests = tests
        self.steps = steps
        self.root: _Node | _Decided | None = None
        self.answered: dict[tuple[bool, ...], _Decided] = {}

#: A (target, day)'s possible statuses: one set for every stance, or one per stance.
_Row = frozenset[Status] | tuple[frozenset[Status], ...]


class _Kernel:
    """One table's evaluation: every stance at one record day (``as_of``)."""

    def __init__(self, corpus: RuleBase, stances: Sequence[Stance], as_of: dt.date) -> None:
        self.corpus = corpus
        self.stances = tuple(stances)
        self.n = len(self.stances)
        self.as_of = as_of
        self.judge = _Judge(corpus, self.stances)
        # every stance's verdicts on each effect, by its number: an effect reaches its
        # target and the target's clauses, on several days, and is judged once
        self.verdicts: list[_Verdicts | object] = [_ABSENT] * len(corpus.effects)
        self.no_position = [frozenset(s.no_position) for s in self.stances]
        self.any_no_position = frozenset().union(*self.no_position)
        self.authoritative = [s.authoritative for s in self.stances]
        self.any_authoritative = any(self.authoritative)
        self.memo: dict[_Key, _Row] = {}
        self.on_stack: dict[_Key, int] = {}
        self.stack: list[_Key] = []
        self.cyclic: set[_Key] = set()
        self.delegated: set[_Key] = set()
        self.targets = corpus.target_records.__getitem__

    # ----------------------------------------------------------------- driver
    def row(self, ref: str, day: dt.date, target: TargetRecord | None = None) -> _Row:
        """The possible statuses of ``ref`` (whose record is ``target``, if the caller has
        it) on ``day`` under every stance (memoised)."""
        if target is None:
            target = self.targets(ref)
        if not target.effects and not target.expires and not target.withdrawals:
            # nothing acts on it: it asks for no source, so it is on no cycle, and its
            # dates answer sooner than a memo would
            return self._evaluate(ref, day, target)
        key = (ref, day)
        found = self.memo.get(key)
        if found is not None:
            return found
        if key in self.on_stack:  # a cycle: every key from it to the top is on it
            for member in self.stack[self.on_stack[key]:]:
                self.cyclic.add(member)
            return self._handed(key)
        if len(self.stack) >= DEPTH:
            return self._handed(key)
        self.on_stack[key] = len(self.stack)
        self.stack.append(key)
        try:
            result = self._evaluate(ref, day, target)
        finally:
            self.stack.pop()
            del self.on_stack[key]
        if key in self.cyclic:  # on a cycle: the resolver names it and answers
            self.cyclic.discard(key)
            result = self._handed(key)
        self.memo[key] = result
        return result

    def _handed(self, key: _Key) -> _Row:
        """The resolver's answer for ``key`` under every stance: the reference itself."""
        self.delegated.add(key)
        ref, day = key
        as_of = self.as_of
        row = tuple(_r.resolver_of(self.corpus, s).outcome((ref, day, as_of, None)).possible
                    for s in self.stances)
        if key not in self.on_stack:
            self.memo[key] = row
        return row

    # ------------------------------------------------------- one (target, day)
    def _evaluate(self, ref: str, day: dt.date, target: TargetRecord) -> _Row:
        # 1. start: the instrument's own (no party), the same for every stance
        if day >= target.latest:
            base = _IN_FORCE_ONLY
        elif day < target.earliest:
            base = _PENDING_ONLY
        else:
            base = _PENDING_OR_IN_FORCE
        text = target.text
        if text is not None and day < text.latest and base & _LIVE:
            before = frozenset(_S.PENDING if s in _LIVE else s for s in base)
            base = before if day < text.earliest else base | before
        if not base & _LIVE:
            return base
        # 2-3. no position, the authoritative text: per stance
        special: dict[int, frozenset[Status]] | None = None
        if ref in self.any_no_position or target.instrument_id in self.any_no_position:
            special = {}
            names = (ref, target.instrument_id) if target.provision_id else (ref,)
            for k, held in enumerate(self.no_position):
                if any(name in held for name in names):
                    special[k] = _UNKNOWN
        if target.variants and self.any_authoritative:
            for k, chosen in enumerate(self.authoritative):
                variant = chosen.get(target.instrument_id)
                if variant and variant not in target.variants:
                    if special is None:
                        special = {}
                    special.setdefault(k, _NOT_IN_TEXT)
        # 4. the events that reach it
        if target.provision_id is not None and text is None:
            whole = self.targets(target.instrument_id)
            row = self.row(target.instrument_id, day) if _same_records(whole.effects,
                                                                      target.effects) \
                else None  # the very events of its instrument: its very statuses
            if row is not None and (target.instrument_id, day) not in self.delegated:
                if special is None:
                    return row
                if isinstance(row, frozenset):
                    return tuple(special.get(k, row) for k in range(self.n))
                return tuple(special.get(k, row[k]) for k in range(self.n))
        if not target.effects and not target.expires and not target.withdrawals:
            if special is None:
                return base
            return tuple(special.get(k, base) for k in range(self.n))
        common: list[Any] = []
        if target.expires:
            common += _r.clause_events(target.instrument, day)
        if target.withdrawals:
            common += _r.withdrawal_events(target.instrument, day)
        as_of = self.as_of
        # each effect that may act by the day: every stance's verdict and the sources it asks
        reaching: list[tuple[EffectRecord, Any, Any, Any, Any]] = []  # (see _fold)
        uniform = special is None
        verdicts, judge = self.verdicts, self.judge
        for record in target.effects:
            if record.earliest > day:
                break  # in operative order: the rest act after the day
            if record.acted_earliest > as_of:
                continue  # not yet made as the record stood on as_of
            vs = verdicts[record.number]
            if vs is _ABSENT:
                vs = verdicts[record.number] = judge.verdicts(record)
            if vs is None:
                continue  # no stance lets it act
            source = record.source_id
            # the source must have been valid when it acted; its clause stand; a
            # suspension's basis last (asked in that order, each only if needed)
            valid = self.row(source, min(record.acted_latest, as_of))
            clause = None
            if record.by is not None:
                clause = self.row(f"{source}#{record.by}", day)
            basis = None if record.lasting else self.row(source, day)
            if uniform and (vs.__class__ is tuple or valid.__class__ is tuple or
                            clause.__class__ is tuple or basis.__class__ is tuple):
                uniform = False
            reaching.append((record, vs, valid, clause, basis))
        parties = target.parties
        if uniform:  # every stance sees the same: one fold for all
            return self._fold(0, day, base, common, reaching, parties)
        out: list[frozenset[Status]] = []
        if not common and len(reaching) == 1 and reaching[0][3] is None and \
                reaching[0][4] is None:  # one lasting effect, no clause: the usual case
            record, vs, valid, _, _ = reaching[0]
            tupled, tupled_valid = vs.__class__ is tuple, valid.__class__ is tuple
            certain = record.acted_latest <= as_of
            seen: dict[tuple[int, bool | None], frozenset[Status]] = {}
            for k in range(self.n):
                if special is not None and k in special:
                    out.append(special[k])
                    continue
                act = vs[k] if tupled else vs
                if act is None or act.earliest > day:
                    out.append(base)  # it never acts, or its notice has not run yet
                    continue
                passed = _passes(valid[k] if tupled_valid else valid, VALID)
                if passed is False:
                    out.append(base)
                    continue
                shape = (id(act), passed)
                possible = seen.get(shape)
                if possible is None:
                    if passed and act.sure and act.latest <= day and certain:
                        event: Any = act
                    else:
                        event = act.maybe()
                    possible = seen[shape] = courses.possible([event], base, parties, None)
                out.append(possible)
            return tuple(out)
        done: dict[tuple[int, ...], frozenset[Status]] = {}
        for k in range(self.n):
            if special is not None and k in special:
                out.append(special[k])
                continue
            out.append(self._fold(k, day, base, common, reaching, parties, done))
        return tuple(out)

    def _fold(self, k: int, day: dt.date, base: frozenset[Status],
              common: list[Any],
              reaching: list[tuple[EffectRecord, Any, Any, Any, Any]],
              parties: int, done: dict[tuple[int, ...], frozenset[Status]] | None = None
              ) -> frozenset[Status]:
        """Stance ``k``'s possible statuses: its events checked as the resolver checks them,
        folded by the resolver's own fold."""
        events = list(common)
        as_of = self.as_of
        for record, vs, valid, clause, basis in reaching:
            act = vs[k] if vs.__class__ is tuple else vs
            if act is None or act.earliest > day:
                continue  # it never acts, or its notice period has not run yet
            sure = act.sure
            passed = _passes(valid if valid.__class__ is frozenset else valid[k], VALID)
            if passed is False:
                continue
            if clause is not None:
                on = _passes(clause if clause.__class__ is frozenset else clause[k],
                             _CLAUSE_STANDS)
                if on is False:
                    continue
                if on is None:
                    sure = False
            if basis is not None:
                on = _passes(basis if basis.__class__ is frozenset else basis[k], VALID)
                if on is False:
                    continue
                if on is None:
                    sure = False
            if passed is None:
                sure = False
            if sure and act.latest <= day and record.acted_latest <= as_of:
                events.append(act)  # it simply acts
            else:
                events.append(act.maybe())
        if not events:
            return base
        if len(events) == 1:  # the commonest: one effect that certainly acts
            event = events[0]
            if event.options is ACTS and event.kind is not _WITHDRAW:
                once = (base, event.kind)
                found = _ONE_ACT.get(once)
                if found is None:
                    found = _ONE_ACT[once] = frozenset(
                        [_TRANSITIONS.get((status, event.kind), status) for status in base])
                return found
        # the common case: events that certainly act, none citing another, each ending
        # before the next begins: the resolver's one fold in display order
        ordered = sorted(events, key=display_key) if common else events
        # (citations order nothing more there: the dates already order every pair)
        previous = None
        for event in ordered:
            if event.options is not ACTS or \
                    (previous is not None and previous.latest >= event.earliest):
                break
            previous = event
        else:
            results = set()
            for status in base:
                withdrawn: frozenset[str] = frozenset()
                for event in ordered:
                    if event.kind is _WITHDRAW:
                        status, withdrawn = apply_event(event, status, withdrawn, parties, None)
                    else:
                        status = _TRANSITIONS.get((status, event.kind), status)
                results.add(status)
            return frozenset(results)
        if done is None:
            return courses.possible(events, base, parties, None)
        shape = tuple(map(id, events))  # every object here lives as long as the kernel
        possible = done.get(shape)
        if possible is None:
            possible = done[shape] = courses.possible(events, base, parties, None)
        return possible


_ABSENT = object()
_WITHDRAW = EffectKind.WITHDRAW
#: (possible statuses before, the kind of one effect that certainly acts): after it. The
#: transition table is fixed, so this holds for every table (a few dozen entries).
_ONE_ACT: dict[tuple[frozenset[Status], EffectKind], frozenset[Status]] = {}


def _same_records(a: tuple[EffectRecord, ...], b: tuple[EffectRecord, ...]) -> bool:
    """The same effects: records are one per effect, so identity is equality here (and
    comparing them by value would read every field down to the models)."""
    return a is b or (len(a) == len(b) and all(map(operator.is_, a, b)))


def _passes(possible: frozenset[Status], good: frozenset[Status]) -> bool | None:
    """True: every possible status passes; False: none does; None: it cannot be told."""
    if not possible:
        return None
    if possible <= good:
        return True
    return None if possible & good else False


def table(corpus: RuleBase, at: str | dt.date | DateSpan | None = None,
          stances: list[str] | None = None, *, party: str | None = None,
          as_of: str | dt.date | DateSpan | None = None,
          targets: Sequence[str] | None = None) -> KernelTable:
    """Every instrument and provision under every stance at ``at``: statuses, no traces.

    The same answers as :func:`treatylogic.resolution.resolve` for each cell (law 9);
    arguments as :func:`treatylogic.resolution.status_table`; ``targets``, when given,
    restricts the table to those (in that order: a worker's shard). With ``party``, the
    table is the resolver's, cell by cell (every cell counted as delegated).

    Raises
    ------
    UnknownIdError
        For an unknown stance or party.
    """
    _r.check_party(corpus, party)
    day, _ = _r.query_day(at)
    record_day, _ = _r.as_of_day(as_of, day)
    chosen = [corpus.stance(s) for s in stances] if stances else \
        [corpus.stances[s] for s in sorted(corpus.stances)]
    every = targets is None and party is None  # the kernel's table of every target
    if targets is None:
        targets = tuple(corpus.target_records) if every else tuple(corpus.targets())
    else:
        targets = tuple(targets)
    ids = tuple(s.id for s in chosen)
    if party is not None:
        rows = []
        with _r.collector_paused():
            for stance in chosen:
                outcome = _r.resolver_of(corpus, stance).outcome
                rows.append(tuple(outcome((t, day, record_day, party)).status for t in targets))
        return KernelTable(ids, targets, tuple(rows), len(ids) * len(targets), party=party)
    kernel = _Kernel(corpus, chosen, record_day)
    columns = []
    with _r.collector_paused():
        row = kernel.row
        if every:  # the records in the index's order (no look-up per target), then sorted
            for ref, record in corpus.target_records.items():
                columns.append(row(ref, day, record))
            # as corpus.targets() gives them
            order = sorted(range(len(targets)), key=targets.__getitem__)
            targets = tuple([targets[i] for i in order])
            columns = [columns[i] for i in order]
        else:
            for target in targets:
                columns.append(row(target, day))
    of = _STATUS_OF
    # most targets have one row for every stance: their status once, then each stance's
    # copy of that list mended where stances differ
    shared = [of[c] if isinstance(c, frozenset) else _S.UNDETERMINED for c in columns]
    differ = [(i, c) for i, c in enumerate(columns) if not isinstance(c, frozenset)]
    statuses: list[tuple[Status, ...]] = []
    for k in range(len(ids)):
        mine = shared.copy()
        for i, c in differ:
            mine[i] = of[c[k]]
        statuses.append(tuple(mine))
    asked = {key for key in kernel.delegated if key[1] == day}
    return KernelTable(ids, targets, tuple(statuses), len(asked) * len(ids),
                       delegated_keys=len(kernel.delegated))
