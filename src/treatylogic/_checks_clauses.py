"""Cross-reference checks for parties, clauses and continuity (VCLT-shaped fields).

What one instrument cannot check alone: an effect's ``except`` naming provisions
of *another* instrument, a withdrawal by an actor that is no party of its target,
an ``amends`` pointing nowhere, and a stance's own view of continuity.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import Problem, closest
from .models import split_ref
from .status import EffectKind

if TYPE_CHECKING:
    from .corpus import RuleBase

__all__ = ["check_clauses"]


def _did_you_mean(message: str, name: str, known: list[str]) -> str:
    suggestions = closest(name, known)
    if suggestions:
        message += "; did you mean " + " or ".join(map(repr, suggestions)) + "?"
    return message


def _ancestors(corpus: RuleBase, actor: str) -> set[str]:
    seen, frontier = {actor}, [actor]
    while frontier:
        current = frontier.pop()
        known = corpus.actors.get(current)
        for previous in known.continues if known else ():
            if previous not in seen:
                seen.add(previous)
                frontier.append(previous)
    return seen


def check_clauses(corpus: RuleBase, origin: str) -> Iterator[Problem]:
    """Problems with ``except``, withdrawals, ``amends`` and stances' ``continuity``."""
    instruments = corpus.instruments
    for i, inst in enumerate(instruments.values()):
        if inst.amends is not None and inst.amends not in instruments:
            yield Problem(origin, _did_you_mean(f"unknown instrument {inst.amends!r}",
                                                inst.amends, list(instruments)),
                          path=f"instruments[{i}].amends")
        for j, effect in enumerate(inst.effects):
            if not effect.exceptions and effect.kind is not EffectKind.WITHDRAW:
                continue  # nothing here to check (most effects)
            target_id, _ = split_ref(effect.target)
            target = instruments.get(target_id)
            if target is None:
                continue  # reported as an unknown target already
            known = [p.id for p in target.provisions]
            for k, name in enumerate(effect.exceptions):
                if name not in known:
                    message = _did_you_mean(
                        f"'except' names provision {name!r}, which {target_id!r} does not "
                        f"have (known: {', '.join(known) or 'none'})", name, known)
                    yield Problem(origin, message,
                                  path=f"instruments[{i}].effects[{j}].except[{k}]")
            if effect.kind is EffectKind.WITHDRAW:
                yield from _withdrawal_by_party(corpus, origin, f"instruments[{i}].effects[{j}]",
                                                inst.effect_actors(effect), target)
    for i, stance in enumerate(corpus.stances.values()):
        for actor, predecessors in stance.continuity.items():
            path = f"stances[{i}].continuity.{actor}"
            for name in (actor, *predecessors):
                if name not in corpus.actors:
                    yield Problem(origin, _did_you_mean(f"unknown actor {name!r}", name,
                                                        list(corpus.actors)), path=path)


def _withdrawal_by_party(corpus: RuleBase, origin: str, path: str, actors: tuple[str, ...],
                         target) -> Iterator[Problem]:
    parties = set(target.author())
    for actor in actors:
        if actor in corpus.actors and not parties & _ancestors(corpus, actor):
            field = "actor" if len(actors) == 1 else "target"
            yield Problem(origin, f"{actor!r} withdraws from {target.id!r}, but is not one of "
                          f"its parties ({', '.join(sorted(parties)) or 'none'}) nor continues "
                          "one", path=f"{path}.{field}")
