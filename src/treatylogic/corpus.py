"""A Corpus: the declarations of one rules folder, checked and indexed for resolution.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> corpus.resolve("karakhan-1919", stance="roc", at="2024-09-02").status
<Status.IN_FORCE: 'in_force'>
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

import networkx as nx

from . import graph as _graph
from .dates import DateSpan
from .errors import Problem, RulesError, UnknownIdError
from .models import Actor, Doctrine, Effect, Instrument, Provision, Rule, Stance, split_ref
from .status import EffectKind, Status

if TYPE_CHECKING:
    from .explanation import Divergence, Resolution, Timeline

__all__ = ["Corpus", "EffectRecord", "StanceRule", "TargetRecord"]


@dataclass(frozen=True, slots=True)
class EffectRecord:
    """One effect with what resolution needs of it precomputed."""

    effect: Effect
    source: Instrument
    target_instrument: str
    target_provision: str | None
    date: DateSpan
    actors: tuple[str, ...]
    # copied from effect and source: the hot loop of resolution reads them for
    # every effect, and one object read is cheaper than two on a large corpus
    id: str
    kind: EffectKind
    source_id: str
    earliest: dt.date
    latest: dt.date

    @classmethod
    def of(cls, effect: Effect, source: Instrument) -> EffectRecord:
        """The record of one effect made by ``source``."""
        target, provision = split_ref(effect.target)
        date = source.effect_date(effect)
        return cls(effect, source, target, provision, date, source.effect_actors(effect),
                   effect.id, effect.kind, source.id, date.earliest, date.latest)

    @property
    def order_key(self) -> tuple[dt.date, dt.date, int, str]:
        """Date, then provision-level before instrument-level, then id."""
        return (self.earliest, self.latest, 0 if self.target_provision else 1, self.id)


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """One instrument or provision with what resolution needs of it, precomputed.

    ``effects`` are those that reach the target, in resolution order: for an
    instrument the ones aimed at it, for a provision those aimed at it or at its
    whole instrument. The plain fields repeat what the models hold, so that a
    status-only resolution reads this one object (one memory fetch per target
    counts on a corpus of 100,000 instruments).
    """

    ref: str
    instrument: Instrument
    provision_id: str | None
    provision: Provision | None
    earliest: dt.date
    latest: dt.date
    effects: tuple[EffectRecord, ...]
    instrument_id: str
    variants: tuple[str, ...]  # the text variants the provision appears in; () for all


@dataclass(frozen=True, slots=True)
class StanceRule:
    """A rule as one stance applies it: its public id and where it comes from."""

    id: str
    rule: Rule
    origin: str  # "stance" or "doctrine"


_Declaration = TypeVar("_Declaration", Actor, Instrument, Doctrine, Stance)


def _by_id(items: Iterable[_Declaration], what: str, origin: str,
           problems: list[Problem]) -> dict[str, _Declaration]:
    """Index declarations by id, noting duplicates as problems."""
    table: dict[str, _Declaration] = {}
    for index, item in enumerate(items):
        if item.id in table:
            problems.append(Problem(origin, f"duplicate {what[:-1]} id {item.id!r}",
                                    path=f"{what}[{index}].id"))
        table[item.id] = item
    return table


class Corpus:
    """Actors, instruments, doctrines and stances, checked for consistency.

    Build one with :func:`treatylogic.load` from rule files, or in code from the
    models. Every cross-reference is checked: a corpus that exists is coherent.

    Raises
    ------
    RulesError
        With every problem found (unknown ids, duplicates, succession cycles).
    """

    def __init__(
        self,
        actors: Iterable[Actor] = (),
        instruments: Iterable[Instrument] = (),
        doctrines: Iterable[Doctrine] = (),
        stances: Iterable[Stance] = (),
        *,
        origin: str = "<code>",
    ) -> None:
        from ._checks import check_corpus

        problems: list[Problem] = []
        self.actors: dict[str, Actor] = _by_id(actors, "actors", origin, problems)
        self.instruments: dict[str, Instrument] = _by_id(instruments, "instruments", origin,
                                                         problems)
        self.doctrines: dict[str, Doctrine] = _by_id(doctrines, "doctrines", origin, problems)
        self.stances: dict[str, Stance] = _by_id(stances, "stances", origin, problems)
        problems.extend(check_corpus(self, origin))
        if problems:
            raise RulesError(problems)
        self._index()

    # ------------------------------------------------------------------ index
    def _index(self) -> None:
        self.provisions: dict[str, Provision] = {
            f"{inst.id}#{p.id}": p for inst in self.instruments.values() for p in inst.provisions
        }
        self.effects: dict[str, EffectRecord] = {}
        by_target: dict[str, list[EffectRecord]] = defaultdict(list)
        for inst in self.instruments.values():
            for effect in inst.effects:
                record = EffectRecord.of(effect, inst)
                self.effects[effect.id] = record
                by_target[record.target_instrument].append(record)
        self._effects_on: dict[str, tuple[EffectRecord, ...]] = {
            target: tuple(sorted(records, key=lambda r: r.order_key))
            for target, records in by_target.items()
        }
        self._targets: dict[str, TargetRecord] = self._target_records()
        self._stance_alias: dict[str, str] = {}
        for stance in self.stances.values():
            for name in (stance.id, *stance.aliases):
                self._stance_alias.setdefault(name, stance.id)
        self._lineage = self._lines()
        self._cycles_found: dict[tuple[str, dt.date], list[str] | None] = {}
        self._rules: dict[str, tuple[StanceRule, ...]] = {
            s.id: self._rules_of(s) for s in self.stances.values()
        }

    def _target_records(self) -> dict[str, TargetRecord]:
        records: dict[str, TargetRecord] = {}
        for inst in self.instruments.values():
            start, effects = inst.start, self._effects_on.get(inst.id, ())
            whole = tuple(r for r in effects if r.target_provision is None)
            records[inst.id] = TargetRecord(inst.id, inst, None, None, start.earliest,
                                            start.latest, whole, inst.id, ())
            for provision in inst.provisions:
                ref = f"{inst.id}#{provision.id}"
                reaching = tuple(r for r in effects
                                 if r.target_provision in (None, provision.id))
                records[ref] = TargetRecord(ref, inst, provision.id, provision, start.earliest,
                                            start.latest, reaching, inst.id,
                                            tuple(provision.variants))
        return records

    def _lines(self) -> dict[str, frozenset[str]]:
        """Each actor's continuity line: it, its predecessors and successors, transitively.

        One pass over the succession links; the actors of one line share one set,
        so a chain of N actors costs N, not N squared, in time and memory.
        """
        links: dict[str, list[str]] = defaultdict(list)
        for actor in self.actors.values():
            for previous in actor.continues:
                links[actor.id].append(previous)
                links[previous].append(actor.id)
        lines: dict[str, frozenset[str]] = {}
        for start in self.actors:
            if start in lines:
                continue
            seen = {start}
            frontier = [start]
            while frontier:
                for neighbour in links.get(frontier.pop(), ()):
                    if neighbour not in seen:
                        seen.add(neighbour)
                        frontier.append(neighbour)
            line = frozenset(seen)
            lines.update(dict.fromkeys(line, line))
        return lines

    def _rules_of(self, stance: Stance) -> tuple[StanceRule, ...]:
        rules = [StanceRule(f"{stance.id}/{r.id}", r, "stance") for r in stance.rules]
        for doctrine_id in stance.doctrines:
            doctrine = self.doctrines[doctrine_id]
            rules += [StanceRule(f"{doctrine.id}/{r.id}", r, "doctrine") for r in doctrine.rules]
        return tuple(rules)

    def declarations(self) -> dict[str, list]:
        """The four lists this corpus was built from, in declaration order."""
        return {"actors": list(self.actors.values()),
                "instruments": list(self.instruments.values()),
                "doctrines": list(self.doctrines.values()),
                "stances": list(self.stances.values())}

    def with_declarations(self, *, actors: Iterable[Actor] = (),
                          instruments: Iterable[Instrument] = (),
                          doctrines: Iterable[Doctrine] = (),
                          stances: Iterable[Stance] = ()) -> Corpus:
        """A new corpus with these declarations added, or replacing those with the same id.

        For counterfactuals ("what if the PRC declared ...") and tests; this
        corpus is left as it was.

        >>> import treatylogic as tl
        >>> corpus = tl.load()
        >>> roc = corpus.stance("roc").model_copy(update={"no_position": ("karakhan-1919",)})
        >>> corpus.with_declarations(stances=[roc]).resolve("karakhan-1919", "roc", "2024").status
        <Status.UNDETERMINED: 'undetermined'>
        """
        merged = self.declarations()
        for name, new in (("actors", actors), ("instruments", instruments),
                          ("doctrines", doctrines), ("stances", stances)):
            table = {item.id: item for item in merged[name]}
            table.update({item.id: item for item in new})
            merged[name] = list(table.values())
        return Corpus(**merged, origin="<code>")

    # ---------------------------------------------------------------- lookups
    def lineage(self, actor: str) -> frozenset[str]:
        """``actor`` and every actor it continues or that continues it."""
        return self._lineage.get(actor, frozenset({actor}))

    def stance(self, name: str) -> Stance:
        """The stance with this id or alias."""
        try:
            return self.stances[self._stance_alias[name]]
        except KeyError:
            raise UnknownIdError("stance", name, self._stance_alias) from None

    def stance_rules(self, stance: Stance) -> tuple[StanceRule, ...]:
        """The stance's own rules, then its doctrines' rules, in the order they apply."""
        return self._rules[stance.id]

    def instrument(self, instrument_id: str) -> Instrument:
        try:
            return self.instruments[instrument_id]
        except KeyError:
            raise UnknownIdError("instrument", instrument_id, self.instruments) from None

    def check_target(self, ref: str) -> tuple[str, str | None]:
        """Split and check a target ref; unknown ids raise with suggestions."""
        if not isinstance(ref, str):
            raise UnknownIdError("target", repr(ref), self.instruments)
        instrument, provision = split_ref(ref)
        if instrument not in self.instruments:
            raise UnknownIdError("instrument", instrument, [*self.instruments, *self.provisions])
        if provision is not None and ref not in self.provisions:
            known = [r for r in self.provisions if r.startswith(instrument + "#")]
            raise UnknownIdError("provision", ref, known)
        return instrument, provision

    def target_record(self, ref: str) -> TargetRecord:
        """What resolution needs of one instrument or ``instrument#provision``."""
        return self._targets[ref]

    def effects_on(self, instrument: str) -> Sequence[EffectRecord]:
        """Effects aimed at an instrument or its provisions, in resolution order."""
        return self._effects_on.get(instrument, ())

    def targets(self) -> list[str]:
        """Every instrument id and provision ref, sorted."""
        return sorted([*self.instruments, *self.provisions])

    # ------------------------------------------------------------------ graph
    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """Instruments, provisions and effects as a networkx MultiDiGraph."""
        return _graph.build_graph(self.instruments.values())

    @cached_property
    def dependencies(self) -> nx.DiGraph:
        """Instrument-level dependence (``source -> target``), see :mod:`treatylogic.graph`."""
        return _graph.dependency_graph(self.instruments.values())

    @cached_property
    def _cyclic(self) -> dict[str, int]:
        return _graph.cyclic_components(self.dependencies)

    @cached_property
    def _component_graphs(self) -> dict[int, nx.DiGraph]:
        """Each cyclic component's own subgraph (a cycle never leaves its component)."""
        members: dict[int, list[str]] = defaultdict(list)
        for node, component in self._cyclic.items():
            members[component].append(node)
        return {c: self.dependencies.subgraph(nodes) for c, nodes in members.items()}

    def cycle_through(self, instrument: str, day: dt.date) -> list[str] | None:
        """The dependence cycle through ``instrument`` among effects dated by ``day``."""
        component = self._cyclic.get(instrument)
        if component is None:
            return None
        key = (instrument, day)
        if key not in self._cycles_found:
            self._cycles_found[key] = _graph.find_cycle(self._component_graphs[component],
                                                        instrument, day)
        return self._cycles_found[key]

    # ------------------------------------------------------------- resolution
    def resolve(self, target: str, stance: str, at: str | dt.date | None = None) -> Resolution:
        """Where ``target`` stands under ``stance`` at ``at`` (EDTF; default today)."""
        from .resolution import resolve

        return resolve(self, target, stance, at)

    def table(self, at: str | dt.date | None = None,
              stances: list[str] | None = None) -> dict[tuple[str, str], Status]:
        """``{(target, stance_id): Status}`` for every instrument and provision (no traces)."""
        from .resolution import status_table

        return status_table(self, at, stances)

    def compare(self, target: str, at: str | dt.date | None = None) -> dict[str, Resolution]:
        """``{stance_id: Resolution}`` for every stance, in id order."""
        from .resolution import compare

        return compare(self, target, at)

    def timeline(self, target: str, stance: str) -> Timeline:
        """Contiguous intervals of ``target``'s status under ``stance``."""
        from .resolution import timeline

        return timeline(self, target, stance)

    def diff(self, target: str, stance_a: str, stance_b: str,
             at: str | dt.date | None = None) -> Divergence:
        """Where two readings part: the first effect they decide differently."""
        from .resolution import diff

        return diff(self, target, stance_a, stance_b, at)

    def __repr__(self) -> str:
        return (f"<Corpus: {len(self.instruments)} instruments, {len(self.effects)} effects, "
                f"{len(self.stances)} stances>")
