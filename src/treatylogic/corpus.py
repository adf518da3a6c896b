"""The rule base: the declarations of one rules folder, checked and indexed. Data only.

A :class:`RuleBase` holds actors, instruments, doctrines and stances with the
indexes resolution reads (records of every effect and target, continuity lines).
It imports no resolver: :class:`treatylogic.engine.Corpus` puts the questions
(resolve, table, timeline...) on top of it.

>>> from treatylogic.loading import load
>>> rules = load()
>>> rules.effects["ussr-annuls-karakhan-1919"].kind
<EffectKind.ANNUL: 'annul'>
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields
from functools import cached_property
from operator import attrgetter
from typing import Any, TypeVar

import networkx as nx

from . import graph as _graph
from .dates import DateSpan, later_of
from .errors import Problem, RulesError, UnknownIdError
from .models import Actor, Doctrine, Effect, Instrument, Provision, Rule, Stance, split_ref
from .sources import Source
from .status import EffectKind, InvalidityMode

__all__ = ["Ancestry", "EffectRecord", "RuleBase", "StanceRule", "TargetRecord"]


class _Forest:
    """The actors of one view of continuity whose every ancestor continues at most one actor.

    Their ancestries are paths to a root: one walk numbers them (``enter``/``leave``),
    and ``b`` is an ancestor of ``a`` exactly when ``a``'s numbers lie within ``b``'s.
    Memory is linear in the actors, however long the chains.
    """

    __slots__ = ("enter", "leave", "parent")

    def __init__(self, continues: dict[str, tuple[str, ...]], actors: Iterable[str]) -> None:
        names = set(actors) | set(continues)
        for previous in continues.values():
            names.update(previous)
        parent: dict[str, str | None] = {}
        many: set[str] = set()  # those that continue several actors
        for name in names:
            previous = continues.get(name, ())
            if len(previous) > 1:
                many.add(name)
            else:
                parent[name] = previous[0] if previous else None
        # in the forest: the actors whose whole line has one predecessor each, with no cycle
        inside: dict[str, bool] = {}
        for actor in parent:
            path: list[str] = []
            at: str | None = actor
            verdict = True
            while at is not None and at not in inside:
                if at in many or at in path:
                    verdict = False
                    break
                path.append(at)
                at = parent[at]
            if at is not None and at in inside:
                verdict = inside[at]
            for name in path:
                inside[name] = verdict
        children: dict[str, list[str]] = defaultdict(list)
        roots = []
        for actor, ok in inside.items():
            if ok:
                up = parent[actor]
                if up is None:
                    roots.append(actor)
                else:
                    children[up].append(actor)
        self.parent = {a: parent[a] for a, ok in inside.items() if ok}
        self.enter: dict[str, int] = {}
        self.leave: dict[str, int] = {}
        clock = 0
        for root in roots:
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                name, done = stack.pop()
                if done:
                    self.leave[name] = clock
                    continue
                self.enter[name] = clock
                clock += 1
                stack.append((name, True))
                stack.extend((child, False) for child in children.get(name, ()))


class Ancestry(AbstractSet[str]):
    """An actor and every actor it continues: a set that shares its view's one numbering.

    ``x in ancestry`` is two look-ups; iterating walks the chain up.
    """

    __slots__ = ("actor", "forest")

    def __init__(self, forest: _Forest, actor: str) -> None:
        self.forest = forest
        self.actor = actor

    def __contains__(self, name: object) -> bool:
        forest = self.forest
        start = forest.enter.get(name)  # type: ignore[call-overload]
        if start is None:
            return False
        at = forest.enter[self.actor]
        return start <= at and forest.leave[self.actor] <= forest.leave[name]  # type: ignore[index]

    def __iter__(self) -> Iterator[str]:
        at: str | None = self.actor
        while at is not None:
            yield at
            at = self.forest.parent[at]

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        return frozenset(it)


@dataclass(frozen=True, slots=True)
class EffectRecord:
    """One effect with the dates resolution needs, precomputed.

    ``date`` is the date it is given (its own, else its source's start);
    ``acted`` is when the act takes legal effect: that date, or the day its
    source binds if that is later (VCLT arts. 24, 28), unless it is
    retroactive; ``operative`` is from when it changes its target's status:
    ``acted``, or the date it reaches back to (a retroactive effect), or the
    target's own start (an annulment ex tunc). A notice period moves it further,
    per stance (see :mod:`treatylogic.resolution`).
    """

    effect: Effect
    source: Instrument
    target_instrument: str
    target_provision: str | None
    date: DateSpan
    acted: DateSpan
    operative: DateSpan
    actors: tuple[str, ...]
    # copied from effect and source: the hot loop of resolution reads them for
    # every effect, and one object read is cheaper than two on a large corpus
    id: str
    kind: EffectKind
    source_id: str
    earliest: dt.date   # of operative
    latest: dt.date     # of operative
    lasting: bool
    exceptions: frozenset[str]
    grounds: frozenset[str]
    acted_earliest: dt.date
    acted_latest: dt.date
    by: str | None      # the clause of its source that makes it (``effect.by``)
    # the authors (issuer, or parties) of its source, ``source.author()``, and of its target
    # instrument (:func:`_membership`), read at load while both are at hand: standing and
    # ``same_parties`` ask them of every effect, and cold models are slow to read
    source_authors: tuple[str, ...]
    target_authors: AbstractSet[str] | tuple[str, ...]
    number: int         # its place in the rule base's effects (-1: in none): a table's index

    @classmethod
    def of(cls, effect: Effect, source: Instrument, target: Instrument,
           authors: tuple[str, ...] | None = None) -> EffectRecord:
        """The record of one effect made by ``source`` on ``target`` (or one of its clauses).

        ``authors``: ``source.author()``, given to share one tuple between its effects.
        A record made here is in no rule base (``number`` -1).
        """
        return _effect_record(effect, source, target, split_ref(effect.target)[1],
                              source.in_force or source.date,
                              authors if authors is not None else source.author(),
                              _membership(target.author()), -1)

    def __reduce__(self) -> tuple[type[EffectRecord], tuple[object, ...]]:
        """Pickled as its constructor's arguments (see :func:`_fields_of`)."""
        return (EffectRecord, _EFFECT_FIELDS(self))

    @property
    def order_key(self) -> tuple[dt.date, dt.date, int, str]:
        """Display order: operative date, then whole before clause (lex specialis), then id.

        Only the trace's order of lines: where dates do not order two effects the
        resolver considers every order, so the id never decides an answer.
        """
        return (self.earliest, self.latest, 1 if self.target_provision else 0, self.id)


def _record_maker(cls: type) -> Callable[..., Any]:
    """A function that builds a record of ``cls`` from every field's value, in field order.

    The same record as ``cls(...)``, built through the slots' own descriptors: a frozen
    dataclass's ``__init__`` looks ``object.__setattr__`` up and calls it per field, twice
    the time, and a large corpus builds a record per effect and per target.
    """
    names = [f.name for f in fields(cls)]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    record = new(cls)"]
    for k, name in enumerate(names):
        scope[f"set{k}"] = cls.__dict__[name].__set__  # the slot's member descriptor
        lines.append(f"    set{k}(record, {name})")
    lines.append("    return record")
    exec("\n".join(lines), scope)  # the field names of a record class only
    made: Callable[..., Any] = scope["make"]
    return made


_NONE: frozenset[str] = frozenset()


def _frozen(items: Iterable[str]) -> frozenset[str]:
    """``frozenset(items)``, the one empty set shared (most effects have no exceptions
    or grounds, and each empty frozenset costs 216 bytes: 400 MiB at a million)."""
    return frozenset(items) or _NONE


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """One instrument or provision with what resolution needs of it, precomputed.

    ``effects`` are those that reach the target, in display order: for an
    instrument the ones aimed at the whole; for a provision those aimed at it,
    and those aimed at its whole instrument that do not carve it out (``except``).
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
    expires: bool      # its instrument's own term or end date ends it (no tacit renewal)
    withdrawals: bool  # a party of its instrument has a recorded withdrawal date
    parties: int       # how many authors (parties, or the issuer) its instrument has
    text: DateSpan | None = None  # a clause found only in dated texts: when its text came to be

    def __reduce__(self) -> tuple[type[TargetRecord], tuple[object, ...]]:
        """Pickled as its constructor's arguments (see :func:`_fields_of`)."""
        return (TargetRecord, _TARGET_FIELDS(self))


def _fields_of(cls: type) -> Callable[[object], tuple[object, ...]]:
    """Every field's value of a record, in order, read in C.

    A slotted dataclass pickles its state field by field in Python (``fields()``
    each time, both ways): for the compiled cache of a large corpus, seconds. Its
    constructor's arguments, read at once, pickle and unpickle several times faster.
    """
    return attrgetter(*(f.name for f in fields(cls)))


_ACTOR_OF = attrgetter("actor")
_EFFECT_FIELDS = _fields_of(EffectRecord)
_TARGET_FIELDS = _fields_of(TargetRecord)
_make_effect_record = _record_maker(EffectRecord)
_make_target_record = _record_maker(TargetRecord)


def _effect_record(effect: Effect, source: Instrument, target: Instrument,
                   provision: str | None, source_start: DateSpan,
                   authors: tuple[str, ...], target_authors: AbstractSet[str] | tuple[str, ...],
                   number: int) -> EffectRecord:
    """:meth:`EffectRecord.of`, given what the index already holds: the provision its
    target names, its source's start, its source's authors (one tuple for them all), its
    target's (:func:`_membership`) and its place among the rule base's effects."""
    date = effect.date or source_start
    acted = later_of(date, source_start)
    by = effect.by
    if by:
        text = source.text_date(by)
        if text is not None:  # a clause acts no earlier than the text that contains it
            acted = later_of(acted, text)
    kind = effect.kind
    if effect.retroactive:
        operative = date
    elif kind is EffectKind.ANNUL and (effect.mode or InvalidityMode.EX_TUNC) \
            is InvalidityMode.EX_TUNC:  # effect.invalidity, read once
        operative = target.in_force or target.date  # ex tunc: from the target's start
    else:
        operative = acted
    permanent = effect.permanent
    record: EffectRecord = _make_effect_record(
        effect, source, target.id, provision, date, acted, operative,
        (effect.actor,) if effect.actor else authors,
        effect.id, kind, source.id, operative.earliest, operative.latest,
        permanent if permanent is not None else kind is not EffectKind.SUSPEND,
        _frozen(effect.exceptions), _frozen(effect.grounds), acted.earliest, acted.latest,
        by, authors, target_authors, number)
    return record


#: Up to this many authors, a tuple answers ``in`` about as fast as a set, in a quarter of
#: the memory.
_FEW_AUTHORS = 8


def _membership(authors: tuple[str, ...]) -> AbstractSet[str] | tuple[str, ...]:
    """An instrument's authors as its effects' records keep them: the tuple itself if
    short, else a set (a multilateral treaty's parties: many effects ask of each)."""
    return authors if len(authors) <= _FEW_AUTHORS else frozenset(authors)


def _order_key(record: EffectRecord) -> tuple[dt.date, dt.date, int, str]:
    """:attr:`EffectRecord.order_key`, as a function for ``sorted``."""
    return (record.earliest, record.latest, 1 if record.target_provision else 0, record.id)


@dataclass(frozen=True, slots=True)
class StanceRule:
    """A rule as one stance applies it: its public id and where it comes from."""

    id: str
    rule: Rule
    origin: str  # "stance" or "doctrine"


_Declaration = TypeVar("_Declaration", Actor, Instrument, Doctrine, Stance)
_R = TypeVar("_R", bound="RuleBase")


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


def _provisions(instruments: dict[str, Instrument]) -> dict[str, Provision]:
    """Every provision of ``instruments`` by its ref (``instrument#provision``), in order."""
    return {f"{inst.id}#{p.id}": p for inst in instruments.values() for p in inst.provisions}


class RuleBase:
    """Actors, instruments, doctrines and stances, checked for consistency.

    Build one with :func:`treatylogic.load` from rule files, or in code from the
    models. Every cross-reference is checked: a rule base that exists is coherent.

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
        sources: Iterable[Source] = (),
    ) -> None:
        from ._checks import check_corpus

        problems: list[Problem] = []
        self.actors: dict[str, Actor] = _by_id(actors, "actors", origin, problems)
        self.instruments: dict[str, Instrument] = _by_id(instruments, "instruments", origin,
                                                         problems)
        self.doctrines: dict[str, Doctrine] = _by_id(doctrines, "doctrines", origin, problems)
        self.stances: dict[str, Stance] = _by_id(stances, "stances", origin, problems)
        #: Every provision by its ref (``instrument#provision``).
        self.provisions: dict[str, Provision]
        provisions: dict[str, Provision] = _provisions(self.instruments)
        self.provisions = provisions  # the checks read it
        problems.extend(check_corpus(self, origin))
        #: The sources registry: the works the rules cite, by id (see treatylogic.sources).
        self.sources: dict[str, Source] = {source.id: source for source in sources}
        if problems:
            raise RulesError(problems)
        self._index(provisions)

    @classmethod
    def from_checked(cls: type[_R], actors: Iterable[Actor], instruments: Iterable[Instrument],
                     doctrines: Iterable[Doctrine], stances: Iterable[Stance], *,
                     sources: Iterable[Source] = ()) -> _R:
        """The rule base of declarations already checked together, indexed without checking
        them again: for the compiled cache (:mod:`treatylogic.cache`), which keeps only
        declarations that built a rule base, keyed by the files and the engine they came from.
        """
        corpus = cls.__new__(cls)
        corpus.actors = {item.id: item for item in actors}
        corpus.instruments = {item.id: item for item in instruments}
        corpus.doctrines = {item.id: item for item in doctrines}
        corpus.stances = {item.id: item for item in stances}
        corpus.sources = {source.id: source for source in sources}
        corpus._index()
        return corpus

    # ------------------------------------------------------------------ index
    def _index(self, provisions: dict[str, Provision] | None = None) -> None:
        """The indexes resolution reads; ``provisions``: this corpus's, if already built."""
        self.provisions = provisions if provisions is not None else \
            _provisions(self.instruments)
        self.effects: dict[str, EffectRecord] = {}
        effects = self.effects
        instruments = self.instruments
        by_target: dict[str, list[EffectRecord]] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # equal author tuples: one
        shared_targets: dict[tuple[str, ...], AbstractSet[str] | tuple[str, ...]] = {}
        for inst in instruments.values():
            if not inst.effects:
                continue
            authors = inst.author()
            authors = shared.setdefault(authors, authors)
            start = inst.in_force or inst.date
            for effect in inst.effects:
                target_id, _, provision = effect.target.partition("#")  # split_ref
                target = instruments[target_id]
                found = by_target.get(target_id)
                if found is None:  # its target's authors: read once per target
                    made = target.author()
                    target_authors = shared_targets.get(made)
                    if target_authors is None:
                        target_authors = shared_targets[made] = _membership(made)
                else:
                    target_authors = found[0].target_authors
                record = _effect_record(effect, inst, target, provision or None, start,
                                        authors, target_authors, len(effects))
                effects[effect.id] = record
                if found is None:
                    by_target[target_id] = [record]
                else:
                    found.append(record)
        self._effects_on: dict[str, tuple[EffectRecord, ...]] = {
            target: (tuple(records) if len(records) == 1
                     else tuple(sorted(records, key=_order_key)))
            for target, records in by_target.items()
        }
        self._targets: dict[str, TargetRecord] = self._target_records()
        self._stance_alias: dict[str, str] = {}
        for stance in self.stances.values():
            for name in (stance.id, *stance.aliases):
                self._stance_alias.setdefault(name, stance.id)
        self._ancestors: dict[str, dict[str, frozenset[str]]] = {}
        self._forests: dict[str, _Forest] = {}
        self._authors: dict[str, frozenset[str]] = {}
        self._continuity: dict[str, dict[str, tuple[str, ...]]] = {}
        self._rules: dict[str, tuple[StanceRule, ...]] = {
            s.id: self._rules_of(s) for s in self.stances.values()
        }
        self._successor_index(None)  # who continues whom, inverted: linear in the actors

    def _target_records(self) -> dict[str, TargetRecord]:
        records: dict[str, TargetRecord] = {}
        refs = iter(self.provisions)  # built in this very order: one string per ref, not two
        effects_on = self._effects_on
        make = _make_target_record
        for inst in self.instruments.values():
            inst_id = inst.id
            start = inst.in_force or inst.date  # inst.start
            earliest, latest = start.earliest, start.latest
            effects = effects_on.get(inst_id, ())
            whole = tuple(r for r in effects if r.target_provision is None) if effects else ()
            expires = inst.renewal is None and (inst.term is not None or inst.ends is not None)
            parties = inst.parties
            withdrawals = any(p.withdrawn is not None for p in parties) if parties else False
            authors = 1 if inst.issuer else len(parties)  # len(inst.author())
            records[inst_id] = make(inst_id, inst, None, None, earliest, latest, whole,
                                    inst_id, (), expires, withdrawals, authors, None)
            for provision in inst.provisions:
                ref = next(refs)
                provision_id = provision.id
                if effects:
                    reaching = tuple(r for r in effects
                                     if r.target_provision == provision_id or
                                     (r.target_provision is None and
                                      provision_id not in r.exceptions))
                    if len(reaching) == len(whole) and all(
                            a is b for a, b in zip(reaching, whole, strict=True)):
                        reaching = whole  # its instrument's very events: one tuple for both
                else:
                    reaching = whole
                variants = provision.variants
                records[ref] = make(ref, inst, provision_id, provision, earliest, latest,
                                    reaching, inst_id, tuple(variants), expires, withdrawals,
                                    authors, inst.text_date(provision_id) if variants else None)
        return records

    def _continues(self, stance: Stance | None) -> dict[str, tuple[str, ...]]:
        """Who continues whom: the actors' own ``continues``, or a stance's view of it."""
        table = {a.id: tuple(a.continues) for a in self.actors.values()}
        if stance is not None:
            table.update({k: tuple(v) for k, v in stance.continuity.items()})
        return table

    def authors(self, instrument: str) -> frozenset[str]:
        """The authors of an instrument: its issuer, or its parties (memoised)."""
        found = self._authors.get(instrument)
        if found is None:
            made = self.instruments[instrument]
            # as Instrument.author() reads it, without its tuple: a table asks for the
            # authors of every instrument an effect reaches
            found = self._authors[instrument] = frozenset((made.issuer,)) if made.issuer \
                else frozenset(map(_ACTOR_OF, made.parties))
        return found

    def ancestors(self, actor: str, stance: Stance | None = None) -> AbstractSet[str]:
        """``actor`` and every actor it continues, directly or through others.

        Under ``stance``, its own view of continuity (``Stance.continuity``) decides.
        Successors of one predecessor are *not* in each other's ancestry: they are
        third states to one another. An actor whose line continues one actor at each
        step gets an :class:`Ancestry` sharing its view's numbering (near-linear
        memory on long chains); only the others get a set of their own.
        """
        key = stance.id if stance is not None and stance.continuity else ""
        continues = self._continuity.get(key)
        if continues is None:  # built once per view: rebuilt per actor it was quadratic
            continues = self._continuity[key] = self._continues(stance if key else None)
        forest = self._forests.get(key)
        if forest is None:
            forest = self._forests[key] = _Forest(continues, self.actors)
        if actor in forest.enter:
            return Ancestry(forest, actor)
        table = self._ancestors.get(key)
        if table is None:
            table = self._ancestors[key] = {}
        found = table.get(actor)
        if found is None:
            seen, frontier = {actor}, [actor]
            while frontier:
                for previous in continues.get(frontier.pop(), ()):
                    if previous not in seen:
                        seen.add(previous)
                        frontier.append(previous)
            found = table[actor] = frozenset(seen)
        return found

    def nearest(self, actor: str, among: Collection[str],
                stance: Stance | None = None) -> str | None:
        """The nearest of ``actor``'s ancestors in ``among``: itself, else breadth first
        through those it continues (in the order each lists them); None if none is.

        An instrument listing both a successor and its predecessor answers the
        successor as itself, never as the one listed first.
        """
        if actor in among:
            return actor
        line = self.ancestors(actor, stance)
        found = [name for name in among if name in line]
        if len(found) < 2:
            return found[0] if found else None
        key = stance.id if stance is not None and stance.continuity else ""
        continues = self._continuity[key]  # built by ancestors() above
        seen, queue = {actor}, deque([actor])
        while queue:
            for previous in continues.get(queue.popleft(), ()):
                if previous in among:
                    return previous
                if previous not in seen:
                    seen.add(previous)
                    queue.append(previous)
        return None  # unreachable: found is not empty

    def lineage(self, actor: str, stance: Stance | None = None) -> frozenset[str]:
        """``actor``, those it continues and those that continue it (never its siblings)."""
        return frozenset(self.ancestors(actor, stance)) | self.descendants((actor,), stance)

    def _successor_index(self, stance: Stance | None) -> dict[str, list[str]]:
        """Who continues whom, inverted (predecessor -> its direct successors): built once
        per view of continuity, a structural index like the succession forest."""
        key = stance.id if stance is not None and stance.continuity else ""
        views: dict[str, dict[str, list[str]]] = self.__dict__.setdefault("_successors", {})
        successors = views.get(key)
        if successors is None:
            successors = views[key] = {}
            for actor, previous in self._continues(stance if key else None).items():
                for name in previous:
                    successors.setdefault(name, []).append(actor)
        return successors

    def descendants(self, actors: Iterable[str], stance: Stance | None = None) -> frozenset[str]:
        """``actors`` and every actor that continues one of them, directly or through others.

        Read from the inverted continuity index: proportional to what it finds, not
        to the number of actors.
        """
        successors = self._successor_index(stance)
        seen = set(actors)
        frontier = list(seen)
        while frontier:
            for later in successors.get(frontier.pop(), ()):
                if later not in seen:
                    seen.add(later)
                    frontier.append(later)
        return frozenset(seen)

    def possible_parties(self, instrument: str, stance: Stance | None = None) -> frozenset[str]:
        """The actors ``instrument`` can bind under ``stance``: its authors and those who
        continue one of them (directly or through others), in the stance's view of continuity.

        Every other actor is a third state to it: ``not_party`` on every day (VCLT art. 34),
        which resolution gives for an actor none of whose ancestors is an author.

        >>> from treatylogic.loading import load
        >>> sorted(load().possible_parties("karakhan-1919"))  # the RSFSR and who continues it
        ['rsfsr', 'russia', 'ussr']
        """
        key = (instrument, stance.id if stance is not None and stance.continuity else "")
        cache = self.__dict__.setdefault("_possible_parties", {})
        found = cache.get(key)
        if found is None:
            found = cache[key] = self.descendants(self.authors(instrument), stance)
        return found

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
                          stances: Iterable[Stance] = ()) -> RuleBase:
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
        return type(self)(**merged, origin="<code>", sources=self.sources.values())

    # ---------------------------------------------------------------- lookups
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

    @property
    def target_records(self) -> Mapping[str, TargetRecord]:
        """Every target's record by its ref (read-only: the loop of a table reads it
        without a method call per target)."""
        return self._targets

    def effects_on(self, instrument: str) -> Sequence[EffectRecord]:
        """Effects aimed at an instrument or its provisions, in resolution order."""
        return self._effects_on.get(instrument, ())

    def upstream(self, instrument: str) -> set[str]:
        """``instrument`` and every instrument whose effects reach it, directly or through others.

        The ancestors of ``instrument`` in :attr:`dependencies` (and itself), read from
        the effects index: proportional to what it finds, where building the graph
        walks the whole corpus (on 100,000 instruments, seconds on first use).
        """
        found = {instrument}
        todo = [instrument]
        effects_on = self._effects_on
        while todo:
            for record in effects_on.get(todo.pop(), ()):
                if record.source_id not in found:
                    found.add(record.source_id)
                    todo.append(record.source_id)
        return found

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

    def __repr__(self) -> str:
        return (f"<{type(self).__name__}: {len(self.instruments)} instruments, "
                f"{len(self.effects)} effects, {len(self.stances)} stances>")
