"""Cross-reference checks over a whole corpus (what one model cannot see alone)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

import networkx as nx

from ._checks_clauses import check_clauses
from .errors import Problem, closest
from .models import Rule, split_ref

if TYPE_CHECKING:
    from .corpus import RuleBase as Corpus


def _unknown(origin: str, path: str, what: str, name: str, known: Iterable[str]) -> Problem:
    message = f"unknown {what} {name!r}"
    suggestions = closest(name, known)
    if suggestions:
        message += "; did you mean " + " or ".join(map(repr, suggestions)) + "?"
    return Problem(origin, message, path=path)


def check_corpus(corpus: Corpus, origin: str) -> Iterator[Problem]:
    """Every reference in the corpus that points nowhere, and every succession cycle.

    Paths are relative to the corpus lists (``instruments[3].effects[0].target``);
    the loader maps them back to files and lines.
    """
    actors = corpus.actors
    instruments = corpus.instruments
    provisions = {f"{i.id}#{p.id}" for i in instruments.values() for p in i.provisions}
    effect_ids: dict[str, str] = {}
    targets = [*instruments, *provisions]

    def actor_ref(path: str, name: str) -> Iterator[Problem]:
        if name not in actors:
            yield _unknown(origin, path, "actor", name, actors)

    def target_ref(path: str, ref: str, what: str = "target") -> Iterator[Problem]:
        instrument, provision = split_ref(ref)
        if instrument not in instruments:
            yield _unknown(origin, path, f"{what} instrument", instrument, instruments)
        elif provision is not None and ref not in provisions:
            known = [p for p in provisions if p.startswith(instrument + "#")]
            problem = _unknown(origin, path, f"{what} provision", ref, known)
            if not known:
                problem = replace(problem, message=f"{problem.message}; {instrument!r} "
                                  "declares no provisions")
            yield problem

    for i, actor in enumerate(actors.values()):
        for j, previous in enumerate(actor.continues):
            yield from actor_ref(f"actors[{i}].continues[{j}]", previous)
    yield from _succession_cycles(corpus, origin)
    yield from check_clauses(corpus, origin)

    for i, inst in enumerate(instruments.values()):
        base = f"instruments[{i}]"
        for j, party in enumerate(inst.parties):
            yield from actor_ref(f"{base}.parties[{j}]", party.actor)
        if inst.issuer:
            yield from actor_ref(f"{base}.issuer", inst.issuer)
        for j, addressee in enumerate(inst.addressees):
            yield from actor_ref(f"{base}.addressees[{j}]", addressee)
        for j, effect in enumerate(inst.effects):
            path = f"{base}.effects[{j}]"
            if effect.id in effect_ids:
                yield Problem(origin, f"effect id {effect.id!r} is used by "
                              f"{effect_ids[effect.id]!r} too; effect ids are unique across "
                              "the corpus", path=f"{path}.id")
            effect_ids[effect.id] = inst.id
            yield from target_ref(f"{path}.target", effect.target)
            if effect.actor:
                yield from actor_ref(f"{path}.actor", effect.actor)
    all_effects = {e.id for i in instruments.values() for e in i.effects}
    for i, inst in enumerate(instruments.values()):
        for j, effect in enumerate(inst.effects):
            for k, ground in enumerate(effect.grounds):
                if ground not in all_effects:
                    yield from target_ref(f"instruments[{i}].effects[{j}].grounds[{k}]",
                                          ground, "grounds")

    for i, doctrine in enumerate(corpus.doctrines.values()):
        for j, rule in enumerate(doctrine.rules):
            yield from _rule_refs(corpus, origin, f"doctrines[{i}].rules[{j}]", rule, targets,
                                  all_effects)
    for i, stance in enumerate(corpus.stances.values()):
        base = f"stances[{i}]"
        yield from actor_ref(f"{base}.actor", stance.actor)
        for j, doctrine_id in enumerate(stance.doctrines):
            if doctrine_id not in corpus.doctrines:
                yield _unknown(origin, f"{base}.doctrines[{j}]", "doctrine", doctrine_id,
                               corpus.doctrines)
        for j, ref in enumerate(stance.no_position):
            yield from target_ref(f"{base}.no_position[{j}]", ref)
        for j, actor_id in enumerate(stance.does_not_recognise):
            yield from actor_ref(f"{base}.does_not_recognise[{j}]", actor_id)
        for instrument, variant in stance.authoritative.items():
            path = f"{base}.authoritative.{instrument}"
            if instrument not in instruments:
                yield _unknown(origin, path, "instrument", instrument, instruments)
            elif variant not in {v.id for v in instruments[instrument].variants}:
                known = [v.id for v in instruments[instrument].variants]
                problem = _unknown(origin, path, "variant", variant, known)
                declared = ", ".join(known) if known else "none"
                yield replace(problem, message=f"{problem.message} ({instrument!r} declares "
                              f"the variants: {declared})")
        for j, rule in enumerate(stance.rules):
            yield from _rule_refs(corpus, origin, f"{base}.rules[{j}]", rule, targets, all_effects)
    names: dict[str, str] = {}
    for i, stance in enumerate(corpus.stances.values()):
        for j, alias in enumerate(stance.aliases):
            if alias in corpus.stances or alias in names:
                other = names.get(alias, alias)
                yield Problem(origin, f"alias {alias!r} is already the name of stance {other!r}",
                              path=f"stances[{i}].aliases[{j}]")
            names[alias] = stance.id


def _rule_refs(corpus: Corpus, origin: str, path: str, rule: Rule, targets: list[str],
               effects: set[str]) -> Iterator[Problem]:
    when = rule.when
    for field, names, known, what in (
        ("actor", when.actor, corpus.actors, "actor"),
        ("target_issuer", when.target_issuer, corpus.actors, "actor"),
        ("source", when.source, corpus.instruments, "instrument"),
        ("target", when.target, targets, "target"),
        ("effect", when.effect, effects, "effect"),
    ):
        for k, name in enumerate(names):
            if name not in known:
                yield _unknown(origin, f"{path}.when.{field}[{k}]", what, name, known)
    for k, ground in enumerate(when.grounds):
        if ground not in targets and ground not in effects:
            yield _unknown(origin, f"{path}.when.grounds[{k}]", "grounds", ground,
                           [*targets, *effects])


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
