"""Doctrine matching: which rule of a stance decides an effect, and how.

A rule's ``when`` is data (:class:`treatylogic.models.Match`); this module reads
it against one effect. Nothing read from a rule file is ever evaluated as code.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> roc = corpus.stance("roc")
>>> rule, verdict = decide(corpus, roc, corpus.effects["ussr-annuls-karakhan-1919"])
>>> verdict
<Verdict.REJECT: 'reject'>
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .models import Match, Stance
from .status import EffectKind, Verdict

if TYPE_CHECKING:
    from .corpus import Corpus, EffectRecord, StanceRule

__all__ = ["compile_match", "compiled_rules", "decide", "matches", "rules_for_kind"]


def decide(corpus: Corpus, stance: Stance,
           record: EffectRecord) -> tuple[StanceRule | None, Verdict]:
    """The first of the stance's rules (own, then doctrines) that matches, and its verdict.

    No match: ``(None, Verdict.ACCEPT)`` -- an effect stands unless a rule says
    otherwise (pacta sunt servanda, VCLT art. 26).
    """
    for stance_rule, test in rules_for_kind(corpus, stance, record.kind):
        if test(record):
            return stance_rule, stance_rule.rule.then
    return None, Verdict.ACCEPT


Predicate = Callable[["EffectRecord"], bool]


def compiled_rules(corpus: Corpus, stance: Stance) -> list[tuple[StanceRule, Predicate]]:
    """The stance's rules in order, each with its ``when`` compiled once (cached on the corpus)."""
    cache: dict[str, list[tuple[StanceRule, Predicate]]] = \
        corpus.__dict__.setdefault("_compiled_rules", {})
    if stance.id not in cache:
        cache[stance.id] = [(r, compile_match(corpus, stance, r.rule.when))
                            for r in corpus.stance_rules(stance)]
    return cache[stance.id]


def rules_for_kind(corpus: Corpus, stance: Stance,
                   kind: EffectKind) -> list[tuple[StanceRule, Predicate]]:
    """The compiled rules that can match an effect of ``kind``, still in order.

    Most rules name the kinds they judge; leaving the others out before testing
    keeps deciding cheap on a corpus of many effects (cached on the corpus).
    """
    cache: dict[tuple[str, EffectKind], list[tuple[StanceRule, Predicate]]] = \
        corpus.__dict__.setdefault("_rules_by_kind", {})
    key = (stance.id, kind)
    found = cache.get(key)
    if found is None:
        found = cache[key] = [(r, test) for r, test in compiled_rules(corpus, stance)
                              if not r.rule.when.kind or kind in r.rule.when.kind]
    return found


def _line(corpus: Corpus, actors: tuple[str, ...]) -> frozenset[str]:
    """Every actor in the continuity lines of ``actors``."""
    return frozenset().union(*(corpus.lineage(a) for a in actors))


def _lines(corpus: Corpus) -> Callable[[tuple[str, ...]], frozenset[str]]:
    """``_line`` memoised per tuple of actors (many instruments share their authors)."""
    memo: dict[tuple[str, ...], frozenset[str]] = {}

    def line(actors: tuple[str, ...]) -> frozenset[str]:
        found = memo.get(actors)
        if found is None:
            found = memo[actors] = _line(corpus, actors)
        return found

    return line


def compile_match(corpus: Corpus, stance: Stance, when: Match) -> Predicate:
    """``when`` as one predicate over effects, testing only the conditions it gives.

    The sets each condition needs are built once, here.
    """
    tests: list[Predicate] = []
    add = tests.append
    target_of = corpus.instruments.__getitem__
    if when.effect:
        effects = frozenset(when.effect)
        add(lambda r: r.id in effects)
    if when.kind:
        kinds = frozenset(when.kind)
        add(lambda r: r.kind in kinds)
    if when.level:
        want_provision = when.level == "provision"
        add(lambda r: (r.target_provision is not None) == want_provision)
    if when.actor:
        actor_line = _line(corpus, when.actor)
        add(lambda r: not actor_line.isdisjoint(r.actors))
    if when.actor_is_target_author is not None:
        author = when.actor_is_target_author
        authors_line = _lines(corpus)
        add(lambda r: (not authors_line(target_of(r.target_instrument).author())
                       .isdisjoint(r.actors)) == author)
    if when.actor_unrecognised is not None:
        unrecognised, flag = _line(corpus, stance.does_not_recognise), when.actor_unrecognised
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
        issuer_line = _line(corpus, when.target_issuer)
        add(lambda r: target_of(r.target_instrument).issuer in issuer_line)
    if when.same_parties is not None:
        same = when.same_parties
        add(lambda r: _same_parties(corpus, r.source.author(),
                                    target_of(r.target_instrument).author()) == same)
    if when.grounds:
        grounds = frozenset(when.grounds)
        add(lambda r: not grounds.isdisjoint(r.effect.grounds))
    if when.grounds_kind:
        ground_kinds = frozenset(when.grounds_kind)
        add(lambda r: any(_ground_kind(corpus, g) in ground_kinds for g in r.effect.grounds))
    if when.has_grounds is not None:
        has = when.has_grounds
        add(lambda r: bool(r.effect.grounds) == has)
    if when.date_before is not None:
        before = when.date_before.earliest
        add(lambda r: r.date.latest < before)
    if when.date_after is not None:
        after = when.date_after.latest
        add(lambda r: r.date.earliest > after)
    if not tests:
        return lambda r: True
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


def matches(corpus: Corpus, stance: Stance, when: Match, record: EffectRecord) -> bool:
    """True when every condition ``when`` gives holds for the effect."""
    return compile_match(corpus, stance, when)(record)


def _same_parties(corpus: Corpus, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same parties, counting an actor and its continuators as one."""
    lines_a = {min(corpus.lineage(x)) for x in a}
    lines_b = {min(corpus.lineage(x)) for x in b}
    return lines_a == lines_b


def _ground_kind(corpus: Corpus, ground: str):
    """The kind of the instrument a ground names (an effect ground: its source's kind)."""
    if ground in corpus.effects:
        return corpus.effects[ground].source.kind
    instrument = ground.partition("#")[0]
    return corpus.instruments[instrument].kind if instrument in corpus.instruments else None
