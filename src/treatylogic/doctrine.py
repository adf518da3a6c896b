"""Doctrine matching: who may act on an instrument, and which rule of a stance decides an effect.

A rule's ``when`` is data (:class:`treatylogic.models.Match`); this module reads
it against one effect. Nothing read from a rule file is ever evaluated as code.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> roc = corpus.stance("roc")
>>> decide(corpus, roc, corpus.effects["ussr-annuls-karakhan-1919"]).verdict
<Verdict.REJECT: 'reject'>
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from functools import partial
from typing import TYPE_CHECKING

from .durations import Duration
from .models import Match, Stance
from .status import EffectKind, Verdict

if TYPE_CHECKING:
    from .corpus import EffectRecord, RuleBase, StanceRule



__all__ = ["Decision", "always", "compile_match", "compiled_rules", "decide", "has_standing",
           "matches", "rules_for_kind", "standing_required", "standing_test", "verdict_group"]


class Decision:
    """How a stance decides one effect (made once per stance and effect; never changed).

    ``standing`` is False when no actor of the effect is a party (or author) of
    its target nor continues one: such an act is inert unless a rule written for
    non-parties (``actor_is_party: false``) accepts it.
    """

    __slots__ = ("notice", "rule", "standing", "verdict")

    def __init__(self, rule: StanceRule | None, verdict: Verdict, standing: bool,
                 notice: Duration | None = None) -> None:
        self.rule = rule
        self.verdict = verdict
        self.standing = standing
        self.notice = notice

    def __repr__(self) -> str:
        return (f"Decision(rule={self.rule.id if self.rule else None!r}, "
                f"verdict={self.verdict.value!r}, standing={self.standing})")


_ACCEPTED = Decision(None, Verdict.ACCEPT, True)   # no rule objects: it stands (art. 26)
_INERT = Decision(None, Verdict.REJECT, False)     # a third state's act no rule accepts


def verdict_group(corpus: RuleBase, stance: Stance, kind: EffectKind) -> tuple[object, ...]:
    """What decides an effect of ``kind`` under ``stance``, as a key stances can share.

    A decision reads only the stance's rules for the kind (in order), its view of
    continuity (who has standing, whose line an actor is) and, when a rule asks,
    the actors it does not recognise. Stances equal in these decide every effect
    of the kind alike, so each effect is decided once per group (cached on the
    corpus), not once per stance.
    """
    return _group(corpus, stance, kind)[0]


def _group(corpus: RuleBase, stance: Stance, kind: EffectKind
           ) -> tuple[tuple[object, ...], dict[str, Decision],
                      list[tuple[StanceRule, Predicate]]]:
    """The verdict group of (stance, kind), its shared decisions, and the rules it tries."""
    cache: dict[tuple[str, EffectKind], tuple[tuple[object, ...], dict[str, Decision],
                                              list[tuple[StanceRule, Predicate]]]] = \
        corpus.__dict__.setdefault("_verdict_groups", {})
    key = (stance.id, kind)
    found = cache.get(key)
    if found is None:
        rules = rules_for_kind(corpus, stance, kind)
        continuity = stance.id if stance.continuity else ""
        unrecognised = frozenset(stance.does_not_recognise) if any(
            r.rule.when.actor_unrecognised is not None for r, _ in rules) else None
        group = (continuity, unrecognised, tuple((r.id, id(r.rule)) for r, _ in rules))
        decisions: dict[str, Decision] = \
            corpus.__dict__.setdefault("_shared_verdicts", {}).setdefault(group, {})
        found = cache[key] = (group, decisions, rules)
    return found


def decide(corpus: RuleBase, stance: Stance, record: EffectRecord) -> Decision:
    """The first of the stance's rules (own, then doctrines) that matches, and its verdict.

    An actor with standing: no match means accept -- an effect stands unless a
    rule says otherwise (pacta sunt servanda, VCLT art. 26). An actor without
    standing (a third state, VCLT art. 34): only rules that say
    ``actor_is_party: false`` are tried, and no match means the act is inert.
    Decided once per :func:`verdict_group`: a decision is never changed, so the
    stances of one group share it.
    """
    _, shared, rules = _group(corpus, stance, record.kind)
    found = shared.get(record.id)
    if found is None:
        found = shared[record.id] = _decide(corpus, stance, record, rules)
    return found


def _decide(corpus: RuleBase, stance: Stance, record: EffectRecord,
            rules: list[tuple[StanceRule, Predicate]]) -> Decision:
    standing = has_standing(corpus, stance, record)
    for stance_rule, test in rules:
        if not standing and stance_rule.rule.when.actor_is_party is not False:
            continue
        if test(record):
            # one object per rule and standing, whichever stance holds it
            interned: dict[tuple[str, int, bool], Decision] = \
                corpus.__dict__.setdefault("_decisions", {})
            key = (stance_rule.id, id(stance_rule.rule), standing)
            found = interned.get(key)
            if found is None:
                rule = stance_rule.rule
                found = interned[key] = Decision(stance_rule, rule.then, standing, rule.notice)
            return found
    return _ACCEPTED if standing else _INERT


def has_standing(corpus: RuleBase, stance: Stance, record: EffectRecord) -> bool:
    """True when an actor of the effect is a party or author of its target, or continues one."""
    return _standing(record, lambda actor: corpus.ancestors(actor, stance))


def standing_test(corpus: RuleBase, stance: Stance) -> Predicate:
    """:func:`has_standing` under one stance as a test over effects, each actor's line
    read once (a table asks it of every effect).

    >>> import treatylogic as tl
    >>> corpus = tl.load()
    >>> test = standing_test(corpus, corpus.stances["prc"])
    >>> all(test(r) == has_standing(corpus, corpus.stances["prc"], r)
    ...     for r in corpus.effects.values())
    True
    """
    lines: dict[str, AbstractSet[str]] = {}

    def line_of(actor: str) -> AbstractSet[str]:
        found = lines.get(actor)
        if found is None:
            found = lines[actor] = corpus.ancestors(actor, stance)
        return found

    return partial(_standing, line_of=line_of)


def _standing(record: EffectRecord, line_of: Callable[[str], AbstractSet[str]]) -> bool:
    authors = record.target_authors  # a short tuple, or a set
    actors = record.actors
    if len(actors) == 1 and actors[0] in authors:  # the common case: one actor, a party
        return True
    for actor in actors:
        # an actor's line is short (iterating it walks up the chain): each through the authors
        if actor in authors or any(map(authors.__contains__, line_of(actor))):
            return True
    return False


Predicate = Callable[["EffectRecord"], bool]


def compiled_rules(corpus: RuleBase, stance: Stance) -> list[tuple[StanceRule, Predicate]]:
    """The stance's rules in order, each with its ``when`` compiled once (cached on the corpus)."""
    cache: dict[str, list[tuple[StanceRule, Predicate]]] = \
        corpus.__dict__.setdefault("_compiled_rules", {})
    if stance.id not in cache:
        cache[stance.id] = [(r, compile_match(corpus, stance, r.rule.when))
                            for r in corpus.stance_rules(stance)]
    return cache[stance.id]


def rules_for_kind(corpus: RuleBase, stance: Stance,
                   kind: EffectKind) -> list[tuple[StanceRule, Predicate]]:
    """The compiled rules that can match an effect of ``kind``, still in order.

    Most rules name the kinds they judge; leaving the others out before testing
    keeps deciding cheap on a corpus of many effects, and each kept rule is compiled
    for ``kind`` (its kind condition then holds for every effect it is asked about, so
    it is not tested again). Cached on the corpus; only effects of ``kind`` may be
    given to these tests.
    """
    cache: dict[tuple[str, EffectKind], list[tuple[StanceRule, Predicate]]] = \
        corpus.__dict__.setdefault("_rules_by_kind", {})
    key = (stance.id, kind)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [(r, compile_match(corpus, stance, r.rule.when, kind))
                              for r in corpus.stance_rules(stance)
                              if not r.rule.when.kind or kind in r.rule.when.kind]
    return found


def _line(corpus: RuleBase, actors: tuple[str, ...], stance: Stance) -> frozenset[str]:
    """Every actor in the continuity lines of ``actors`` (never their siblings)."""
    return frozenset().union(*(corpus.lineage(a, stance) for a in actors))


def standing_required(when: Match) -> bool | None:
    """The standing ``when`` asks of an effect's actors (``actor_is_party`` and
    ``actor_is_target_author`` are that one relation: :func:`has_standing`): True or False,
    None when it asks none. Raises ValueError when it asks both (it never matches)."""
    asked = {when.actor_is_party, when.actor_is_target_author} - {None}
    if len(asked) > 1:
        raise ValueError("asks for standing and for its absence")
    return asked.pop() if asked else None


def always(record: EffectRecord) -> bool:
    """The test of a ``when`` that gives no condition (callers may skip calling it)."""
    return True


def compile_match(corpus: RuleBase, stance: Stance, when: Match,
                  kind: EffectKind | None = None, *, standing: bool = True) -> Predicate:
    """``when`` as one predicate over effects, testing only the conditions it gives.

    The sets each condition needs are built once, here. ``kind``: the predicate
    will only be asked about effects of this kind, so a ``kind`` condition that
    admits it is left out (it would hold every time). ``standing=False``: the
    conditions on standing are left to the caller (:func:`standing_required`), who
    knows it already; with no other condition the test is :func:`always`.
    """
    tests: list[Predicate] = []
    add = tests.append
    target_of = corpus.instruments.__getitem__
    if when.effect:
        effects = frozenset(when.effect)
        add(lambda r: r.id in effects)
    if when.kind and (kind is None or kind not in when.kind):
        kinds = frozenset(when.kind)
        add(lambda r: r.kind in kinds)
    if when.level:
        want_provision = when.level == "provision"
        add(lambda r: (r.target_provision is not None) == want_provision)
    if when.actor:
        actor_line = _line(corpus, when.actor, stance)
        add(lambda r: not actor_line.isdisjoint(r.actors))
    stands = standing_test(corpus, stance) if standing and (
        when.actor_is_target_author is not None or when.actor_is_party is not None) else None
    if stands is not None and when.actor_is_target_author is not None:
        # an actor made the target (its issuer, or a party) or continues one who did:
        # the relation of standing itself (an author's line read from the actor's side)
        author = when.actor_is_target_author
        add(lambda r: stands(r) == author)
    if stands is not None and when.actor_is_party is not None:
        party = when.actor_is_party
        add(lambda r: stands(r) == party)
    if when.actor_unrecognised is not None:
        # the actor itself: its predecessors and successors are not thereby unrecognised
        unrecognised = frozenset(stance.does_not_recognise)
        flag = when.actor_unrecognised
        add(lambda r: (not unrecognised.isdisjoint(r.actors)) == flag)
    if when.source:
        sources = frozenset(when.source)
        add(lambda r: r.source_id in sources)
    if when.source_kind:
        source_kinds = frozenset(when.source_kind)
        add(lambda r: r.source.kind in source_kinds)
    if when.source_form:
        source_forms = frozenset(when.source_form)
        add(lambda r: r.source.form in source_forms)
    if when.target:
        targets = frozenset(when.target)
        add(lambda r: r.effect.target in targets or r.target_instrument in targets)
    if when.target_kind:
        target_kinds = frozenset(when.target_kind)
        add(lambda r: target_of(r.target_instrument).kind in target_kinds)
    if when.target_form:
        target_forms = frozenset(when.target_form)
        add(lambda r: target_of(r.target_instrument).form in target_forms)
    if when.target_issuer:
        issuer_line = _line(corpus, when.target_issuer, stance)
        add(lambda r: target_of(r.target_instrument).issuer in issuer_line)
    if when.same_parties is not None:
        same = when.same_parties
        # by the pair of authors: the records share one tuple (or set) for equal ones
        alike: dict[tuple[object, object], bool] = {}
        related = _relation(corpus, stance)

        def same_parties(r: EffectRecord) -> bool:
            pair = (r.source_authors, r.target_authors)
            found = alike.get(pair)
            if found is None:
                a, b = frozenset(r.source_authors), frozenset(r.target_authors)
                found = alike[pair] = a == b or _same_parties(related, a, b)
            return found

        add(lambda r: same_parties(r) == same)
    if when.grounds:
        grounds = frozenset(when.grounds)
        add(lambda r: not grounds.isdisjoint(r.grounds))
    if when.grounds_kind:
        ground_kinds = frozenset(when.grounds_kind)
        add(lambda r: any(_ground_kind(corpus, g) in ground_kinds for g in r.grounds))
    if when.has_grounds is not None:
        has = when.has_grounds
        add(lambda r: bool(r.grounds) == has)
    if when.target_has_notice is not None:
        has_notice = when.target_has_notice
        add(lambda r: (target_of(r.target_instrument).notice is not None) == has_notice)
    if when.date_before is not None:
        before = when.date_before.earliest
        add(lambda r: r.date.latest < before)
    if when.date_after is not None:
        after = when.date_after.latest
        add(lambda r: r.date.earliest > after)
    if not tests:
        return always
    if len(tests) == 1:
        return tests[0]

    def every(record: EffectRecord) -> bool:
        # a plain loop: all(<generator>) costs a frame per call, and this runs
        # once per effect and stance
        for test in tests:  # noqa: SIM110
            if not test(record):
                return False
        return True

    return every


def matches(corpus: RuleBase, stance: Stance, when: Match, record: EffectRecord) -> bool:
    """True when every condition ``when`` gives holds for the effect."""
    return compile_match(corpus, stance, when)(record)


def _relation(corpus: RuleBase, stance: Stance) -> Callable[[str, str], bool]:
    """Whether two actors are one line (one is, or continues, the other), memoised per pair:
    the parties of sources and targets are drawn from few actors, so pairs recur."""
    memo: dict[tuple[str, str], bool] = {}

    def related(x: str, y: str) -> bool:
        found = memo.get((x, y))
        if found is None:
            found = memo[(x, y)] = x == y or x in corpus.ancestors(y, stance) or \
                y in corpus.ancestors(x, stance)
        return found

    return related


def _same_parties(related: Callable[[str, str], bool], a: AbstractSet[str],
                  b: AbstractSet[str]) -> bool:
    """Same parties, counting an actor and those that continue it as one (not siblings)."""
    def covered(xs: AbstractSet[str], ys: AbstractSet[str]) -> bool:
        return all(any(related(x, y) for y in ys) for x in xs)

    return covered(a, b) and covered(b, a)


def _ground_kind(corpus: RuleBase, ground: str):
    """The kind of the instrument a ground names (an effect ground: its source's kind)."""
    if ground in corpus.effects:
        return corpus.effects[ground].source.kind
    instrument = ground.partition("#")[0]
    return corpus.instruments[instrument].kind if instrument in corpus.instruments else None
