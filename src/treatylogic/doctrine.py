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

from typing import TYPE_CHECKING

from .models import Match, Stance
from .status import Verdict

if TYPE_CHECKING:
    from .corpus import Corpus, EffectRecord, StanceRule

__all__ = ["decide", "matches"]


def decide(corpus: Corpus, stance: Stance,
           record: EffectRecord) -> tuple[StanceRule | None, Verdict]:
    """The first of the stance's rules (own, then doctrines) that matches, and its verdict.

    No match: ``(None, Verdict.ACCEPT)`` -- an effect stands unless a rule says
    otherwise (pacta sunt servanda, VCLT art. 26).
    """
    for stance_rule in corpus.stance_rules(stance):
        if matches(corpus, stance, stance_rule.rule.when, record):
            return stance_rule, stance_rule.rule.then
    return None, Verdict.ACCEPT


def _any_in_line(corpus: Corpus, actors: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    return any(a in corpus.lineage(w) for w in wanted for a in actors)


def matches(corpus: Corpus, stance: Stance, when: Match, record: EffectRecord) -> bool:
    """True when every condition ``when`` gives holds for the effect."""
    effect = record.effect
    source = record.source
    target = corpus.instruments[record.target_instrument]
    checks = (
        (when.effect, lambda: effect.id in when.effect),
        (when.kind, lambda: effect.kind in when.kind),
        (when.level,
         lambda: when.level == ("provision" if record.target_provision else "instrument")),
        (when.actor, lambda: _any_in_line(corpus, record.actors, when.actor)),
        (when.actor_is_target_author is not None,
         lambda: _any_in_line(corpus, record.actors, target.author())
         == when.actor_is_target_author),
        (when.actor_unrecognised is not None,
         lambda: _any_in_line(corpus, record.actors, stance.does_not_recognise)
         == when.actor_unrecognised),
        (when.source, lambda: source.id in when.source),
        (when.source_kind, lambda: source.kind in when.source_kind),
        (when.source_form, lambda: source.form in when.source_form),
        (when.target, lambda: effect.target in when.target or target.id in when.target),
        (when.target_kind, lambda: target.kind in when.target_kind),
        (when.target_form, lambda: target.form in when.target_form),
        (when.target_issuer, lambda: target.issuer is not None
         and _any_in_line(corpus, (target.issuer,), when.target_issuer)),
        (when.same_parties is not None,
         lambda: _same_parties(corpus, source.author(), target.author()) == when.same_parties),
        (when.grounds, lambda: any(g in when.grounds for g in effect.grounds)),
        (when.grounds_kind, lambda: any(_ground_kind(corpus, g) in when.grounds_kind
                                        for g in effect.grounds)),
        (when.has_grounds is not None, lambda: bool(effect.grounds) == when.has_grounds),
        (when.date_before, lambda: record.date.latest < when.date_before.earliest),  # type: ignore[union-attr]
        (when.date_after, lambda: record.date.earliest > when.date_after.latest),  # type: ignore[union-attr]
    )
    return all(test() for given, test in checks if given)


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
