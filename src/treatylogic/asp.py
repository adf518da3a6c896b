"""An independent oracle: the corpus as ASP facts, resolved by the clingo solver.

:func:`export_facts` writes a corpus and its stances as answer set programming
facts (days as ordinals: ``datetime.date.toordinal()``); ``encoding.lp`` in
this package states the resolution semantics as one stratified program, so it
has exactly one answer set. :func:`solve` grounds and solves both with clingo
(the optional extra ``asp``) and answers ``{(target, stance, day): Status}``.
Only plain data is exported; every decision (which rule wins, inert effects,
ex tunc annulment, cycles, the statuses) is the solver's.

>>> import datetime as dt
>>> import treatylogic as tl
>>> from treatylogic.models import Actor, Instrument
>>> corpus = tl.Corpus(
...     [Actor(id="a", name="A", kind="state"), Actor(id="b", name="B", kind="state")],
...     [Instrument(id="t", title="T", kind="treaty", form="bilateral",
...                 parties=["a", "b"], date="1924-05-31")],
...     [], [tl.Stance(id="s", actor="a", name="S")])
>>> solve(corpus, [("t", "s", "1925")])
{('t', 's', datetime.date(1925, 12, 31)): <Status.IN_FORCE: 'in_force'>}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from .dates import DateSpan
from .errors import TreatyLogicError
from .models import Match, split_ref
from .status import Status

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["ENCODING", "encoding", "export_facts", "query_facts", "solve"]

#: The file name of the encoding inside the package.
ENCODING = "encoding.lp"

Query = tuple[str, str, "str | dt.date | DateSpan | None"]


def encoding() -> str:
    """The text of the stratified encoding of the resolution semantics."""
    return (resources.files("treatylogic") / ENCODING).read_text(encoding="utf-8")


def _q(text: str) -> str:
    """An id as an ASP string (ids hold only letters, digits, '.', '_', '-' and '#')."""
    return f'"{text}"'


def _span(span: DateSpan) -> str:
    return f"{span.earliest.toordinal()},{span.latest.toordinal()}"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _match_facts(key: str, when: Match) -> Iterator[str]:
    """``cond(R, field)`` for each condition given, and its values."""
    lists = {
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
            yield f"when_{field}({key},{shown if field in enums else _q(shown)})."
    flags = {"author": when.actor_is_target_author, "unrec": when.actor_unrecognised,
             "same_parties": when.same_parties, "has_grounds": when.has_grounds}
    for field, flag in flags.items():
        if flag is not None:
            yield f"when_{field}({key},{_bool(flag)})."
    if when.level:
        yield f"when_level({key},{when.level})."
    if when.date_before is not None:
        yield f"when_date_before({key},{when.date_before.earliest.toordinal()})."
    if when.date_after is not None:
        yield f"when_date_after({key},{when.date_after.latest.toordinal()})."


_T = TypeVar("_T")


def _by_id(table: Mapping[str, _T]) -> list[_T]:
    """Declarations in the order of their ids, not of the files (the export is byte-stable)."""
    return [table[key] for key in sorted(table)]


def _fact_lines(corpus: Corpus) -> Iterator[str]:
    for actor in _by_id(corpus.actors):
        yield f"actor({_q(actor.id)})."
        for previous in actor.continues:
            yield f"continues({_q(actor.id)},{_q(previous)})."
    for inst in _by_id(corpus.instruments):
        i = _q(inst.id)
        yield (f"instrument({i}). inst_kind({i},{inst.kind.value}). "
               f"inst_form({i},{inst.form.value}).")
        yield f"date({i},{_span(inst.date)})."
        if inst.in_force is not None:
            yield f"in_force({i},{_span(inst.in_force)})."
        if inst.issuer:
            yield f"issuer({i},{_q(inst.issuer)})."
        for party in inst.parties:
            yield f"party({i},{_q(party)})."
        for provision in inst.provisions:
            ref = _q(f"{inst.id}#{provision.id}")
            yield f"provision({ref},{i})."
            for variant in provision.variants:
                yield f"prov_variant({ref},{_q(variant)})."
        for effect in inst.effects:
            e = _q(effect.id)
            target, provision_id = split_ref(effect.target)
            yield (f"effect({e},{i}). eff_kind({e},{effect.kind.value}). "
                   f"eff_target({e},{_q(target)}). eff_target_ref({e},{_q(effect.target)}).")
            if provision_id:
                yield f"eff_target_prov({e},{_q(effect.target)})."
            if effect.date is not None:
                yield f"eff_date({e},{_span(effect.date)})."
            if effect.actor:
                yield f"eff_actor({e},{_q(effect.actor)})."
            for ground in effect.grounds:
                g = _q(ground)
                yield f"ground({e},{g}). ground_inst({e},{g},{_q(split_ref(ground)[0])})."
    for doctrine in _by_id(corpus.doctrines):
        for rule in doctrine.rules:
            key = f"rk(d,{_q(doctrine.id)},{_q(rule.id)})"
            yield f"rule_then({key},{rule.then.value})."
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
        keys = []
        for rule in stance.rules:
            key = f"rk(s,{s},{_q(rule.id)})"
            keys.append(key)
            yield f"rule_then({key},{rule.then.value})."
            yield from _match_facts(key, rule.when)
        for doctrine_id in stance.doctrines:
            keys += [f"rk(d,{_q(doctrine_id)},{_q(r.id)})"
                     for r in corpus.doctrines[doctrine_id].rules]
        for number, key in enumerate(keys):
            yield f"stance_rule({s},{number},{key})."


def export_facts(corpus: Corpus) -> str:
    """The corpus and its stances as ASP facts, one declaration per line.

    Predicates: ``actor/1``, ``continues/2``, ``instrument/1``, ``inst_kind/2``,
    ``inst_form/2``, ``date/3`` and ``in_force/3`` (earliest and latest day as
    ordinals), ``issuer/2``, ``party/2``, ``provision/2``, ``prov_variant/2``,
    ``effect/2`` (effect, source), ``eff_kind/2``, ``eff_target/2``,
    ``eff_target_ref/2``, ``eff_target_prov/2``, ``eff_date/3``, ``eff_actor/2``,
    ``ground/2``, ``ground_inst/3``, ``stance/1``, ``no_position/2``,
    ``not_recognised/2``, ``authoritative/3``, ``stance_rule/3`` (stance, order,
    rule), ``rule_then/2`` and the rule conditions ``cond/2`` and ``when_*/2``.

    >>> import treatylogic as tl
    >>> from treatylogic.models import Actor
    >>> print(export_facts(tl.Corpus([Actor(id="a", name="A", kind="state")])), end="")
    % treatylogic facts: 1 actors, 0 instruments, 0 stances
    actor("a").
    """
    header = (f"% treatylogic facts: {len(corpus.actors)} actors, "
              f"{len(corpus.instruments)} instruments, {len(corpus.stances)} stances")
    return "\n".join([header, *_fact_lines(corpus)]) + "\n"


def query_facts(corpus: Corpus,
                queries: Iterable[Query]) -> tuple[str, list[tuple[str, str, dt.date]]]:
    """``query/3`` facts for (target, stance, at) triples, and the triples with their days."""
    from .resolution import query_day

    asked = []
    lines = []
    for target, stance, at in queries:
        corpus.check_target(target)
        stance_id = corpus.stance(stance).id
        day = query_day(at)[0]
        asked.append((target, stance_id, day))
        lines.append(f"query({_q(target)},{_q(stance_id)},{day.toordinal()}).")
    return "\n".join(lines) + "\n", asked


def solve(corpus: Corpus, queries: Iterable[Query], *,
          facts: str | None = None) -> dict[tuple[str, str, dt.date], Status]:
    """Resolve (target, stance, at) queries with clingo: ``{(target, stance_id, day): Status}``.

    ``at`` is read as :func:`treatylogic.resolve` reads it (a coarse date means
    its last day). ``facts`` may pass a prior :func:`export_facts` of the corpus.

    Raises
    ------
    TreatyLogicError
        If clingo is not installed, or the program does not have exactly one answer set.
    """
    try:
        import clingo
    except ImportError:  # pragma: no cover - depends on the extras installed
        raise TreatyLogicError("the ASP oracle needs clingo: pip install 'treatylogic[asp]'") \
            from None
    query_text, asked = query_facts(corpus, queries)
    control = clingo.Control(["--warn=none", "--models=0"])
    control.add("base", [], encoding())
    control.add("base", [], facts if facts is not None else export_facts(corpus))
    control.add("base", [], query_text)
    control.ground([("base", [])])
    models: list[Sequence[clingo.Symbol]] = []
    control.solve(on_model=lambda m: models.append(m.symbols(shown=True)))
    if len(models) != 1:
        raise TreatyLogicError(f"the encoding gave {len(models)} answer sets, not exactly one")
    answers: dict[tuple[str, str, dt.date], Status] = {}
    for symbol in models[0]:
        ref, stance, day, status = symbol.arguments
        answers[(ref.string, stance.string, dt.date.fromordinal(day.number))] = \
            Status(status.name)
    missing = [q for q in asked if q not in answers]
    if missing:
        raise TreatyLogicError(f"the encoding gave no status for {missing[:3]}")
    return answers
