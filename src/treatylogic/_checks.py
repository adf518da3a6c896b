"""Cross-reference checks over a whole corpus (what one model cannot see alone).

Every check is one pass over the declarations with set lookups, and "did you
mean" searches an index (:class:`~treatylogic.errors.NameIndex`) built once per
kind of name, so checking stays near-linear in the size of the corpus and in
the number of problems found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING

import networkx as nx

from ._checks_clauses import check_clauses
from .errors import NameIndex, Problem, closest, echo
from .models import Rule, split_ref

if TYPE_CHECKING:
    from .corpus import RuleBase as Corpus


def _unknown(origin: str, path: str, what: str, name: str,
             known: Iterable[str] | NameIndex) -> Problem:
    message = f"unknown {what} {echo(name)}"
    suggestions = closest(name, known)
    if suggestions:
        message += "; did you mean " + " or ".join(map(repr, suggestions)) + "?"
    return Problem(origin, message, path=path)


class _Known:
    """The names of one corpus, as sets to test and indexes to suggest from (built lazily)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        built = getattr(corpus, "provisions", None)  # RuleBase builds it before its checks
        self.provisions: AbstractSet[str] = (
            built.keys() if built is not None else
            {f"{inst.id}#{p.id}" for inst in corpus.instruments.values()
             for p in inst.provisions})
        #: Every effect id (set by :func:`check_corpus` from its pass over the effects).
        self.effects: AbstractSet[str] = frozenset()
        self._indexes: dict[str, NameIndex] = {}

    def provisions_of(self, instrument: str) -> list[str]:
        """The refs of one instrument's provisions (for "did you mean")."""
        found = self.corpus.instruments.get(instrument)
        return [f"{instrument}#{p.id}" for p in found.provisions] if found is not None else []

    def index(self, kind: str) -> NameIndex:
        """The "did you mean" index of one kind of name (actor, instrument, target, ...)."""
        if kind not in self._indexes:
            corpus = self.corpus
            names: dict[str, Callable[[], Iterable[str]]] = {
                "actor": lambda: corpus.actors,
                "instrument": lambda: corpus.instruments,
                "doctrine": lambda: corpus.doctrines,
                "effect": lambda: self.effects,
                "target": lambda: [*corpus.instruments, *self.provisions],
                "grounds": lambda: [*corpus.instruments, *self.provisions, *self.effects],
            }
            if kind.startswith("provisions:"):
                self._indexes[kind] = NameIndex(self.provisions_of(kind[11:]))
            else:
                self._indexes[kind] = NameIndex(names[kind]())
        return self._indexes[kind]

    def is_target(self, ref: str) -> bool:
        return ref in self.corpus.instruments or ref in self.provisions


def check_corpus(corpus: Corpus, origin: str) -> Iterator[Problem]:
    """Every reference in the corpus that points nowhere, and every succession cycle.

    Paths are relative to the corpus lists (``instruments[3].effects[0].target``);
    the loader maps them back to files and lines.
    """
    actors = corpus.actors
    instruments = corpus.instruments
    known_names = _Known(corpus)
    provisions = known_names.provisions
    effect_ids: dict[str, str] = {}

    def actor_ref(path: str, name: str) -> Iterator[Problem]:
        if name not in actors:
            yield _unknown(origin, path, "actor", name, known_names.index("actor"))

    def target_ref(path: str, ref: str, what: str = "target") -> Iterator[Problem]:
        instrument, provision = split_ref(ref)
        if instrument not in instruments:
            yield _unknown(origin, path, f"{what} instrument", instrument,
                           known_names.index("instrument"))
        elif provision is not None and ref not in provisions:
            known = known_names.index(f"provisions:{instrument}")
            problem = _unknown(origin, path, f"{what} provision", ref, known)
            if not len(known):
                problem = replace(problem, message=f"{problem.message}; {instrument!r} "
                                  "declares no provisions")
            yield problem

    for i, actor in enumerate(actors.values()):
        for j, previous in enumerate(actor.continues):
            yield from actor_ref(f"actors[{i}].continues[{j}]", previous)
    yield from _succession_cycles(corpus, origin)
    yield from check_clauses(corpus, origin)

    grounded: list[tuple[int, int, tuple[str, ...]]] = []  # effects that invoke grounds
    for i, inst in enumerate(instruments.values()):
        # the common case, every name known, is tested inline; a path is written only
        # for a problem (a large corpus has a million instruments, few problems)
        for j, party in enumerate(inst.parties):
            if party.actor not in actors:
                yield from actor_ref(f"instruments[{i}].parties[{j}]", party.actor)
        issuer = inst.issuer
        if issuer and issuer not in actors:
            yield from actor_ref(f"instruments[{i}].issuer", issuer)
        for j, addressee in enumerate(inst.addressees):
            if addressee not in actors:
                yield from actor_ref(f"instruments[{i}].addressees[{j}]", addressee)
        for j, effect in enumerate(inst.effects):
            effect_id = effect.id
            if effect_id in effect_ids:
                yield Problem(origin, f"effect id {echo(effect_id)} is used by "
                              f"{echo(effect_ids[effect_id])} too; effect ids are unique across "
                              "the corpus", path=f"instruments[{i}].effects[{j}].id")
            effect_ids[effect_id] = inst.id
            target = effect.target
            if target not in instruments and target not in provisions:
                yield from target_ref(f"instruments[{i}].effects[{j}].target", target)
            acting = effect.actor
            if acting and acting not in actors:
                yield from actor_ref(f"instruments[{i}].effects[{j}].actor", acting)
            if effect.grounds:
                grounded.append((i, j, effect.grounds))
    all_effects = known_names.effects = effect_ids.keys()  # every effect id, read above
    for i, j, grounds in grounded:
        for k, ground in enumerate(grounds):
            if ground not in all_effects:
                yield from target_ref(f"instruments[{i}].effects[{j}].grounds[{k}]",
                                      ground, "grounds")

    for i, doctrine in enumerate(corpus.doctrines.values()):
        for j, rule in enumerate(doctrine.rules):
            yield from _rule_refs(origin, f"doctrines[{i}].rules[{j}]", rule, known_names)
    for i, stance in enumerate(corpus.stances.values()):
        base = f"stances[{i}]"
        yield from actor_ref(f"{base}.actor", stance.actor)
        for j, doctrine_id in enumerate(stance.doctrines):
            if doctrine_id not in corpus.doctrines:
                yield _unknown(origin, f"{base}.doctrines[{j}]", "doctrine", doctrine_id,
                               known_names.index("doctrine"))
        for j, ref in enumerate(stance.no_position):
            yield from target_ref(f"{base}.no_position[{j}]", ref)
        for j, actor_id in enumerate(stance.does_not_recognise):
            yield from actor_ref(f"{base}.does_not_recognise[{j}]", actor_id)
        for instrument, variant in stance.authoritative.items():
            path = f"{base}.authoritative.{instrument}"
            if instrument not in instruments:
                yield _unknown(origin, path, "instrument", instrument,
                               known_names.index("instrument"))
            elif variant not in {v.id for v in instruments[instrument].variants}:
                known = [v.id for v in instruments[instrument].variants]
                problem = _unknown(origin, path, "variant", variant, known)
                declared = ", ".join(known) if known else "none"
                yield replace(problem, message=f"{problem.message} ({instrument!r} declares "
                              f"the variants: {declared})")
        for j, rule in enumerate(stance.rules):
            yield from _rule_refs(origin, f"{base}.rules[{j}]", rule, known_names)
    names: dict[str, str] = {}
    for i, stance in enumerate(corpus.stances.values()):
        for j, alias in enumerate(stance.aliases):
            if alias in corpus.stances or alias in names:
                other = names.get(alias, alias)
                yield Problem(origin, f"alias {echo(alias)} is already the name of stance "
                              f"{echo(other)}",
                              path=f"stances[{i}].aliases[{j}]")
            names[alias] = stance.id


def _rule_refs(origin: str, path: str, rule: Rule, known: _Known) -> Iterator[Problem]:
    when = rule.when
    corpus = known.corpus
    for field, names, exists, what in (
        ("actor", when.actor, corpus.actors.__contains__, "actor"),
        ("target_issuer", when.target_issuer, corpus.actors.__contains__, "actor"),
        ("source", when.source, corpus.instruments.__contains__, "instrument"),
        ("target", when.target, known.is_target, "target"),
        ("effect", when.effect, known.effects.__contains__, "effect"),
    ):
        for k, name in enumerate(names):
            if not exists(name):
                yield _unknown(origin, f"{path}.when.{field}[{k}]", what, name, known.index(what))
    for k, ground in enumerate(when.grounds):
        if not known.is_target(ground) and ground not in known.effects:
            yield _unknown(origin, f"{path}.when.grounds[{k}]", "grounds", ground,
                           known.index("grounds"))


def _succession_cycles(corpus: Corpus, origin: str) -> Iterator[Problem]:
    graph = nx.DiGraph()
    for actor in corpus.actors.values():
        for previous in actor.continues:
            graph.add_edge(actor.id, previous)
    order = {a: i for i, a in enumerate(corpus.actors)}
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1 or any(graph.has_edge(n, n) for n in component):
            start = min(component, key=lambda n: order.get(n, 0))
            cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component), source=start)]
            shown = " -> ".join([*cycle, cycle[0]])
            yield Problem(origin, f"actor succession goes round in a cycle: {shown}",
                          path=f"actors[{order.get(start, 0)}].continues")
