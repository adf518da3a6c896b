"""The engine against clingo: every (target, stance, day) status must be the same.

A disagreement fails with the smallest corpus hypothesis can shrink it to,
printed readably (see ``Drawn.__repr__`` in tests/strategies.py), and the
queries on which the two answers differ.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import treatylogic as tl
from strategies import Drawn, corpora, query_days
from treatylogic.asp import solve
from treatylogic.models import Match, Rule, Stance
from treatylogic.resolution import query_day

DAY = dt.timedelta(days=1)
#: examples per test; raise for a longer run: TREATYLOGIC_ORACLE_EXAMPLES=3000 pytest tests/oracle
EXAMPLES = int(os.environ.get("TREATYLOGIC_ORACLE_EXAMPLES", "150"))
DRAWN = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def critical_days(corpus: tl.Corpus) -> set[dt.date]:
    """Every day on which some date of the corpus begins or ends, and the day before."""
    days: set[dt.date] = set()
    for inst in corpus.instruments.values():
        days.update((inst.start.earliest, inst.start.latest))
    for record in corpus.effects.values():
        days.update((record.date.earliest, record.date.latest))
    days = {d for d in days if d not in (dt.date.min, dt.date.max)}
    return days | {d - DAY for d in days if d > dt.date.min}


def disagreements(corpus: tl.Corpus, days: set[dt.date]) -> list[tuple]:
    """(target, stance, day, engine, clingo) for every query where the two differ."""
    queries = [(t, s, d) for t in corpus.targets() for s in sorted(corpus.stances)
               for d in sorted(days)]
    oracle = solve(corpus, queries)
    found = []
    for target, stance, day in queries:
        engine = corpus.resolve(target, stance, day).status
        if engine != oracle[(target, stance, day)]:
            found.append((target, stance, day.isoformat(), engine.value,
                          oracle[(target, stance, day)].value))
    return found


@st.composite
def richer_corpora(draw: st.DrawFn) -> Drawn:
    """A drawn corpus plus one stance whose rules use the Match fields the shared strategy skips."""
    drawn = draw(corpora())
    corpus = drawn.corpus
    effects = sorted(corpus.effects)
    instruments = sorted(corpus.instruments)
    kinds = ["treaty", "declaration", "statement"]
    options = [st.builds(Match, target_kind=st.lists(st.sampled_from(kinds), min_size=1)),
               st.builds(Match, grounds=st.lists(st.sampled_from(instruments), min_size=1)),
               st.builds(Match, grounds_kind=st.lists(st.sampled_from(kinds), min_size=1))]
    if effects:
        options.append(st.builds(Match, effect=st.lists(st.sampled_from(effects), min_size=1)))
    whens = draw(st.lists(st.one_of(options), max_size=3))
    verdicts = draw(st.lists(st.sampled_from(["accept", "reject", "undetermined"]),
                             min_size=len(whens), max_size=len(whens)))
    rules = tuple(Rule(id=f"x{n}", when=w, then=v, reason="extra")
                  for n, (w, v) in enumerate(zip(whens, verdicts, strict=True)))
    extra = Stance(id="sx", actor=drawn.actors[0].id, name="extra", rules=rules,
                   doctrines=tuple(d.id for d in drawn.doctrines))
    stances = (*drawn.stances, extra)
    return Drawn(drawn.rebuild(stances=stances), drawn.actors, drawn.instruments,
                 drawn.doctrines, stances)


@DRAWN
@given(drawn=corpora(), days=st.lists(query_days(), min_size=1, max_size=3))
def test_engine_equals_clingo_on_drawn_corpora(drawn: Drawn, days: list[dt.date]) -> None:
    """On drawn corpora, at their critical days and a few others, engine and clingo agree."""
    corpus = drawn.corpus
    assert disagreements(corpus, critical_days(corpus) | set(days)) == []


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(drawn=richer_corpora())
def test_engine_equals_clingo_on_every_match_field(drawn: Drawn) -> None:
    """Rules on effect ids, grounds, grounds' and targets' kinds decide the same in both."""
    assert disagreements(drawn.corpus, critical_days(drawn.corpus)) == []


def _bundled() -> tl.Corpus | None:
    try:
        return tl.load()
    except tl.RulesError:
        return None


@pytest.mark.skipif(_bundled() is None, reason="the bundled rule base is not written yet")
def test_engine_equals_clingo_on_the_bundled_rule_base() -> None:
    """On the bundled rule base, at every critical day and today, engine and clingo agree."""
    corpus = _bundled()
    assert corpus is not None
    assert disagreements(corpus, critical_days(corpus) | {query_day(None)[0]}) == []
