"""An independent oracle: the corpus as ASP facts, resolved by the clingo solver.

:func:`export_facts` writes a corpus and its stances as answer set programming
facts: days are ordinals (``datetime.date.toordinal()``), an uncertain date is
its earliest and latest day. The dates of an effect (``date``, ``acted``,
``operative``; the operative day a notice period or a tacit renewal gives, per
period that may apply) and an instrument's expiry are date arithmetic and are
exported as data. ``encoding.lp`` in this package states the resolution
semantics of ``docs/semantics.md`` a second time: who has standing, which rule
decides an effect, the checks, the base, the admissible orders of unordered
events and the open instants are the solver's, the orders and instants as
choice rules. Each answer set is one admissible world; the possible statuses
of a query are clingo's *brave* consequences, the settled ones its *cautious*
consequences.

A query asks for the statuses of its sources (a source valid on the day it
acted, a suspension's basis, the clause that declares an effect). :func:`solve`
asks the solver which sources each query needs (``ask/2``), the solver finds
the queries on a cycle of such questions (``on_cycle/1``), and the questions
are then answered bottom-up, each round's possible statuses given to the next
as facts (``known/1``, ``sub/2``).

>>> import datetime as dt
>>> import treatylogic as tl
>>> from treatylogic.models import Actor, Instrument
>>> corpus = tl.Corpus(
...     [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")],
...     [Instrument(id="t", title="T", kind="treaty", form="bilateral",
...                 parties=["a", "b"], date="1924-05-31")],
...     [], [tl.Stance(id="s", actor="a", name="S")])
>>> solve(corpus, [("t", None, "s", "1925")])
{('t', None, 's', datetime.date(1925, 12, 31)): frozenset({<Status.IN_FORCE: 'in_force'>})}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from .dates import DateSpan, parse_date, today
from .durations import Duration
from .errors import TreatyLogicError
from .models import Instrument, Match, Rule, split_ref
from .status import EffectKind, Status

if TYPE_CHECKING:
    from .corpus import RuleBase

_T = TypeVar("_T")

__all__ = ["ENCODING", "Answers", "Query", "encoding", "export_facts", "query_day",
           "settled", "solve"]

#: The file name of the encoding inside the package.
ENCODING = "encoding.lp"

#: (target, party or None, stance, day): ``as_of`` is the day itself.
Query = tuple[str, "str | None", str, "str | dt.date | DateSpan | None"]
#: ``{(target, party, stance_id, day): possible statuses}``.
Answers = dict[tuple[str, "str | None", str, dt.date], frozenset[Status]]
_Node = tuple[str, str, str, int, int]  # target, party or "none", stance, day, as_of

_NO_POSITION = "no_position"  # a marker status: the stance takes no position


def encoding() -> str:
    """The text of the encoding of the resolution semantics."""
    return (resources.files("treatylogic") / ENCODING).read_text(encoding="utf-8")


def query_day(at: str | dt.date | DateSpan | None) -> dt.date:
    """The day a query date means: a coarse date means its last day; None means today."""
    if at is None:
        return today().latest
    if isinstance(at, DateSpan):
        return at.latest
    if isinstance(at, dt.date):
        return at
    return parse_date(at).latest


def _q(text: str) -> str:
    """An id as an ASP string (ids hold only letters, digits, '.', '_', '-' and '#')."""
    return f'"{text}"'


def _span(span: DateSpan) -> str:
    return f"{span.earliest.toordinal()},{span.latest.toordinal()}"


def _days(lo: dt.date, hi: dt.date) -> str:
    return f"{lo.toordinal()},{hi.toordinal()}"


def _later(a: DateSpan, b: DateSpan) -> tuple[dt.date, dt.date]:
    """The later of two dates, bound by bound."""
    return max(a.earliest, b.earliest), max(a.latest, b.latest)


def _rule_key(origin: str, rule: Rule) -> str:
    return f"r({_q(origin)},{_q(rule.id)})"


def _match_facts(key: str, when: Match) -> Iterator[str]:
    """``cond(R, field)`` for each list condition given, and ``w_<field>(R, value)``."""
    lists: dict[str, tuple[Any, ...]] = {
        "effect": when.effect, "kind": when.kind, "actor": when.actor,
        "source": when.source, "source_kind": when.source_kind,
        "source_form": when.source_form, "target": when.target,
        "target_kind": when.target_kind, "target_form": when.target_form,
        "target_issuer": when.target_issuer, "grounds": when.grounds,
        "grounds_kind": when.grounds_kind,
    }
    enums = {"kind", "source_kind", "source_form", "target_kind", "target_form", "grounds_kind"}
    for field, values in lists.items():
        if not values:
            continue
        yield f"cond({key},{field})."
        for value in values:
            shown = str(getattr(value, "value", value))
            yield f"w_{field}({key},{shown if field in enums else _q(shown)})."
    flags = {"target_author": when.actor_is_target_author,
             "unrecognised": when.actor_unrecognised, "is_party": when.actor_is_party,
             "same_parties": when.same_parties, "has_grounds": when.has_grounds,
             "has_notice": when.target_has_notice}
    for field, flag in flags.items():
        if flag is not None:
            yield f"w_{field}({key},{'true' if flag else 'false'})."
    if when.level:
        yield f"w_level({key},{when.level})."
    if when.date_before is not None:
        yield f"w_date_before({key},{when.date_before.earliest.toordinal()})."
    if when.date_after is not None:
        yield f"w_date_after({key},{when.date_after.latest.toordinal()})."


def _term_end(inst: Instrument) -> tuple[dt.date, dt.date] | None:
    """The end of the instrument's first term (start + term, bound by bound), or ``ends``."""
    if inst.ends is not None:
        return inst.ends.earliest, inst.ends.latest
    if inst.term is not None:
        return inst.term.after(inst.start.earliest), inst.term.after(inst.start.latest)
    return None


def _period_end(day: dt.date, first: dt.date, renewal: Duration) -> dt.date:
    """The end of the renewal period running on ``day``: the first period end on or after it."""
    end = first
    while end < day and end != dt.date.max:
        end = renewal.after(end)
    return end


def _notice_days(inst: Instrument, acted: DateSpan, period: Duration) -> tuple[dt.date, dt.date]:
    """When a denunciation acted on ``acted`` operates under a notice ``period``."""
    lo, hi = period.after(acted.earliest), period.after(acted.latest)
    ends = _term_end(inst)
    if inst.renewal is not None and ends is not None:
        lo, hi = _period_end(lo, ends[0], inst.renewal), _period_end(hi, ends[1], inst.renewal)
    return lo, hi


def _instrument_lines(inst: Instrument) -> Iterator[str]:
    i = _q(inst.id)
    yield f"instrument({i}). ikind({i},{inst.kind.value}). iform({i},{inst.form.value})."
    yield f"idate({i},{_span(inst.date)}). istart({i},{_span(inst.start)})."
    if inst.issuer:
        yield f"issuer({i},{_q(inst.issuer)})."
    if inst.notice is not None:
        yield f"inotice({i})."
    if inst.renewal is not None and (inst.term is not None or inst.ends is not None):
        yield f"irenews({i})."
    ends = _term_end(inst)
    if ends is not None and inst.renewal is None:
        yield f"expiry({i},{_days(*ends)})."
    for party in inst.parties:
        a = _q(party.actor)
        yield f"party({i},{a})."
        # no signature, consent or entry into force of its own: it consents on the
        # instrument's date and is bound from its start, as a plain id
        plain = party.signed is None and party.consent is None and party.in_force is None
        consent = inst.date if plain else party.consent
        if party.signed is not None:
            yield f"milestone({i},{a},signed,{_span(party.signed)})."
        entry = (party.in_force.earliest, party.in_force.latest) if party.in_force \
            else (inst.start.earliest, inst.start.latest) if plain \
            else _later(inst.start, consent) if consent is not None else None
        if consent is not None and entry != (consent.earliest, consent.latest):
            yield f"milestone({i},{a},consent,{_span(consent)})."
        if entry is not None:
            yield f"milestone({i},{a},entry,{_days(*entry)})."
        if party.provisional is not None:
            yield f"milestone({i},{a},provisional,{_span(party.provisional)})."
        if party.withdrawn is not None:
            yield f"pwithdrawn({i},{a},{_span(party.withdrawn)})."
    for provision in inst.provisions:
        ref = _q(f"{inst.id}#{provision.id}")
        yield f"provision({ref},{i})."
        for variant in provision.variants:
            yield f"pvariant({ref},{_q(variant)})."
        text = inst.text_date(provision.id)
        if text is not None:
            yield f"ptext({ref},{_span(text)})."


def _by_id(table: dict[str, _T]) -> list[_T]:
    """A corpus table in id order: the export is the same whatever the file layout."""
    return [table[key] for key in sorted(table)]


def _fact_lines(corpus: RuleBase) -> Iterator[str]:
    actors = set(corpus.actors)
    for actor in _by_id(corpus.actors):
        yield f"actor({_q(actor.id)})."
        for previous in actor.continues:
            yield f"continues({_q(actor.id)},{_q(previous)})."
    for inst in _by_id(corpus.instruments):
        yield from _instrument_lines(inst)
        for party in inst.parties:
            actors.add(party.actor)
        if inst.issuer:
            actors.add(inst.issuer)
    notice_rules = [(_rule_key(f"stance:{s.id}", r), r) for s in _by_id(corpus.stances)
                    for r in s.rules if r.notice is not None]
    notice_rules += [(_rule_key(f"doctrine:{d.id}", r), r) for d in _by_id(corpus.doctrines)
                     for r in d.rules if r.notice is not None]
    for record in _by_id(corpus.effects):
        effect, e = record.effect, _q(record.id)
        target = corpus.instruments[record.target_instrument]
        yield (f"effect({e},{_q(record.source_id)}). ekind({e},{effect.kind.value}). "
               f"etarget({e},{_q(record.target_instrument)}). eref({e},{_q(effect.target)}).")
        if record.target_provision is not None:
            yield f"eprov({e},{_q(effect.target)})."
        for carved in effect.exceptions:
            yield f"eexcept({e},{_q(f'{record.target_instrument}#{carved}')})."
        if effect.by is not None:
            yield f"eby({e},{_q(f'{record.source_id}#{effect.by}')})."
        if effect.actor:
            yield f"eactor_given({e},{_q(effect.actor)})."
            actors.add(effect.actor)
        if record.lasting:
            yield f"elasting({e})."
        yield f"edate({e},{_span(record.date)}). eacted({e},{_span(record.acted)})."
        yield f"eop({e},{_span(record.operative)})."
        for ground in effect.grounds:
            yield f"ground({e},{_q(ground)})."
            inst_id = split_ref(ground)[0]
            if inst_id in corpus.instruments:
                yield f"ground_kind({e},{corpus.instruments[inst_id].kind.value})."
            elif ground in corpus.effects:
                source = corpus.effects[ground].source
                yield f"ground_kind({e},{source.kind.value})."
        if effect.kind in (EffectKind.WITHDRAW, EffectKind.TERMINATE):
            periods = [(key, rule.notice) for key, rule in notice_rules]
            if target.notice is not None:
                periods.append(("own", target.notice))
            for key, period in periods:
                if period is not None:
                    days = _notice_days(target, record.acted, period)
                    yield f"enotice({e},{key},{_days(*days)})."
            ends = _term_end(target)
            if target.renewal is not None and ends is not None:  # no period: at the end of
                lo = _period_end(record.acted.earliest, ends[0], target.renewal)  # the running one
                hi = _period_end(record.acted.latest, ends[1], target.renewal)
                yield f"enotice({e},none,{_days(lo, hi)})."
    for actor_id in sorted(actors - set(corpus.actors)):
        yield f"actor({_q(actor_id)})."
    yield from _stance_lines(corpus)


def _stance_lines(corpus: RuleBase) -> Iterator[str]:
    for doctrine in _by_id(corpus.doctrines):
        for rule in doctrine.rules:
            key = _rule_key(f"doctrine:{doctrine.id}", rule)
            yield f"rthen({key},{rule.then.value})."
            if rule.notice is not None:
                yield f"rnotice({key})."
            yield from _match_facts(key, rule.when)
    for stance in _by_id(corpus.stances):
        s = _q(stance.id)
        yield f"stance({s})."
        for ref in stance.no_position:
            yield f"no_position({s},{_q(ref)})."
        for actor_id in stance.does_not_recognise:
            yield f"not_recognised({s},{_q(actor_id)})."
        for inst_id, variant in stance.authoritative.items():
            yield f"authoritative({s},{_q(inst_id)},{_q(variant)})."
        for actor_id, previous in stance.continuity.items():
            yield f"scont_given({s},{_q(actor_id)})."
            for name in previous:
                yield f"scont({s},{_q(actor_id)},{_q(name)})."
        keys = []
        for rule in stance.rules:
            key = _rule_key(f"stance:{stance.id}", rule)
            keys.append(key)
            yield f"rthen({key},{rule.then.value})."
            if rule.notice is not None:
                yield f"rnotice({key})."
            yield from _match_facts(key, rule.when)
        for doctrine_id in stance.doctrines:
            keys += [_rule_key(f"doctrine:{doctrine_id}", r)
                     for r in corpus.doctrines[doctrine_id].rules]
        for number, key in enumerate(keys):
            yield f"srule({s},{number},{key})."


def export_facts(corpus: RuleBase) -> str:
    """The corpus and its stances as ASP facts, one declaration per line.

    Instruments: ``instrument/1``, ``ikind/2``, ``iform/2``, ``idate/3`` and
    ``istart/3`` (earliest and latest day as ordinals), ``issuer/2``,
    ``inotice/1``, ``expiry/3``, ``party/2``, ``milestone/5`` (instrument,
    actor, signed | consent | entry | provisional, days), ``pwithdrawn/4``,
    ``provision/2``, ``pvariant/2``. Effects: ``effect/2`` (effect, source),
    ``ekind/2``, ``etarget/2``, ``eref/2``, ``eprov/2``, ``eexcept/2``,
    ``eby/2``, ``eactor_given/2``, ``elasting/1``, ``edate/3``, ``eacted/3``,
    ``eop/3``, ``ground/2``, ``ground_kind/2``, ``enotice/4`` (the operative
    days under the target's own notice, ``own``, or a rule's). Stances:
    ``stance/1``, ``no_position/2``, ``not_recognised/2``, ``authoritative/3``,
    ``scont_given/2``, ``scont/3``, ``srule/3`` (stance, order, rule),
    ``rthen/2``, ``rnotice/1``, and the rule conditions ``cond/2``, ``w_*/2``.

    >>> import treatylogic as tl
    >>> from treatylogic.models import Actor
    >>> print(export_facts(tl.Corpus([Actor(id="a", name="A", kind="state")])), end="")
    % treatylogic facts: 1 actors, 0 instruments, 0 stances
    actor("a").
    """
    header = (f"% treatylogic facts: {len(corpus.actors)} actors, "
              f"{len(corpus.instruments)} instruments, {len(corpus.stances)} stances")
    return "\n".join([header, *_fact_lines(corpus)]) + "\n"


def _node_term(node: _Node) -> str:
    target, party, stance, day, as_of = node
    shown = "none" if party == "none" else _q(party)
    return f"({_q(target)},{shown},{_q(stance)},{day},{as_of})"


def _node_of(symbol: Any) -> _Node:
    target, party, stance, day, as_of = symbol.arguments
    shown = "none" if party.type.name == "Function" else party.string
    return (target.string, shown, stance.string, day.number, as_of.number)


class _Solver:
    """One corpus's facts and the encoding, asked in rounds."""

    def __init__(self, corpus: RuleBase, facts: str | None) -> None:
        try:
            import clingo
        except ImportError:  # pragma: no cover - depends on the extras installed
            raise TreatyLogicError("the ASP oracle needs clingo: pip install 'treatylogic[asp]'") \
                from None
        self.clingo = clingo
        self.program = encoding() + "\n" + (facts if facts is not None else export_facts(corpus))

    def _control(self, mode: str | None, text: str) -> Any:
        args = ["--warn=none"]
        if mode is not None:
            args.append(f"--enum-mode={mode}")
            args.append("--models=0")
        control = self.clingo.Control(args)
        control.add("base", [], self.program)
        control.add("base", [], text)
        control.ground([("base", [])])
        return control

    def _last_model(self, mode: str | None, text: str) -> list[Any]:
        control = self._control(mode, text)
        shown: list[Any] = []

        def keep(model: Any) -> None:
            shown[:] = model.symbols(shown=True)

        result = control.solve(on_model=keep)
        if not result.satisfiable:
            raise TreatyLogicError("the encoding has no answer set for these queries")
        return shown

    @staticmethod
    def _known_lines(known: dict[_Node, frozenset[str] | None]) -> list[str]:
        """``told/1`` for every answered source, ``known/1`` and ``sub/2`` for those told."""
        lines = []
        for node, found in known.items():
            term = _node_term(node)
            lines.append(f"told({term}).")
            if found is not None:
                lines.append(f"known({term}).")
                lines += [f"sub({term},{status})." for status in found]
        return lines

    def asks(self, nodes: Iterable[_Node],
             known: dict[_Node, frozenset[str] | None]) -> dict[_Node, set[_Node]]:
        """The sources each query asks for now, given the sources already answered."""
        nodes = list(nodes)
        lines = [f"q({_node_term(n)})." for n in nodes] + self._known_lines(known)
        edges: dict[_Node, set[_Node]] = {n: set() for n in nodes}
        for symbol in self._last_model(None, "\n".join(lines) + "\nask_mode.\n"):
            if symbol.name == "ask":
                edges[_node_of(symbol.arguments[0])].add(_node_of(symbol.arguments[1]))
        return edges

    def cycles(self, edges: dict[_Node, set[_Node]]) -> set[_Node]:
        """The queries that ask, through some chain, for themselves."""
        text = "".join(f"edge({_node_term(a)},{_node_term(b)}).\n"
                       for a, targets in edges.items() for b in targets) + "cycle_mode.\n"
        return {_node_of(s.arguments[0]) for s in self._last_model(None, text)
                if s.name == "on_cycle"}

    def statuses(self, nodes: list[_Node], known: dict[_Node, frozenset[str] | None],
                 mode: str) -> dict[_Node, set[str]]:
        """Brave or cautious consequences ``result/2`` for ``nodes``, given their sources."""
        lines = [f"q({_node_term(n)})." for n in nodes] + self._known_lines(known)
        out: dict[_Node, set[str]] = {n: set() for n in nodes}
        for symbol in self._last_model(mode, "\n".join(lines) + "\neval_mode.\n"):
            if symbol.name == "result":
                out[_node_of(symbol.arguments[0])].add(symbol.arguments[1].name)
        return out


def _read(found: set[str]) -> frozenset[str]:
    """A query's statuses from its consequences (no position: nothing can be told)."""
    if _NO_POSITION in found:
        return frozenset()
    return frozenset(found)


def _answer(corpus: RuleBase, queries: Iterable[Query], facts: str | None,
            mode: str) -> Answers:
    asked: dict[tuple[str, str | None, str, dt.date], _Node] = {}
    for target, party, stance, at in queries:
        corpus.check_target(target)
        stance_id = corpus.stance(stance).id
        day = query_day(at)
        asked[(target, party, stance_id, day)] = (
            target, party or "none", stance_id, day.toordinal(), day.toordinal())
    solver = _Solver(corpus, facts)
    top = set(asked.values())
    # answered: possible statuses, or None for a query on a cycle (it cannot be told)
    answered: dict[_Node, frozenset[str] | None] = {}
    final: dict[_Node, frozenset[str]] = {}
    edges: dict[_Node, set[_Node]] = {}
    open_nodes = set(top)  # not answered, or on a cycle with questions still to put
    while open_nodes:
        edges.update(solver.asks(sorted(open_nodes), answered))
        fresh = {b for n in open_nodes for b in edges[n]} - set(edges)
        if fresh:  # put every question first: a cycle is found on the whole graph
            open_nodes |= fresh
            continue
        cycle = solver.cycles(edges) - set(answered)
        if cycle:
            answered.update(dict.fromkeys(cycle))
            continue
        settled = {n for n in open_nodes if edges[n] <= set(answered)}
        waiting = open_nodes - settled | {n for n in settled if n not in answered}
        ready = sorted(n for n in settled - set(answered)
                       if not _reaches(n, edges, waiting - {n}))
        done_cycles = {n for n in settled if n in answered}
        if not ready and not done_cycles:
            raise TreatyLogicError("the questions between sources did not come to an end")
        open_nodes -= done_cycles
        if ready:
            known = {b: answered[b] for n in ready for b in edges[n]}
            brave = solver.statuses(ready, known, "brave")
            cautious = solver.statuses([n for n in ready if n in top], known, "cautious") \
                if mode == "cautious" else {}
            for node in ready:
                answered[node] = _read(brave[node])
                if node in cautious:
                    final[node] = _read(cautious[node]) if brave[node] else frozenset()
            open_nodes -= set(ready)
    if mode == "brave":
        final = {n: found or frozenset() for n, found in answered.items()}
    return {key: frozenset(Status(s) for s in final.get(node, frozenset()))
            for key, node in asked.items()}


def _reaches(node: _Node, edges: dict[_Node, set[_Node]], targets: set[_Node]) -> bool:
    """Whether a chain of questions from ``node`` reaches one of ``targets`` (scheduling only)."""
    seen, frontier = {node}, [node]
    while frontier:
        for later in edges.get(frontier.pop(), ()):
            if later in targets:
                return True
            if later not in seen:
                seen.add(later)
                frontier.append(later)
    return False


def solve(corpus: RuleBase, queries: Iterable[Query], *, facts: str | None = None) -> Answers:
    """The possible statuses (brave consequences) of (target, party, stance, day) queries.

    ``day`` is read as :func:`query_day` reads it and is also the record day
    (``as_of``). The empty set: the stance takes no position, or the query is
    on a cycle. ``facts`` may pass a prior :func:`export_facts` of the corpus.

    Raises
    ------
    TreatyLogicError
        If clingo is not installed, or the program has no answer set.
    """
    return _answer(corpus, queries, facts, "brave")


def settled(corpus: RuleBase, queries: Iterable[Query], *,
            facts: str | None = None) -> Answers:
    """The statuses every admissible world agrees on (cautious consequences), per query."""
    return _answer(corpus, queries, facts, "cautious")
