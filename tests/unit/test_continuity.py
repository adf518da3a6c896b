"""Continuity lines: ``RuleBase.ancestors`` and ``nearest`` (issue 12), on any view, in near-linear memory."""

from __future__ import annotations

import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

import treatylogic as tl
from treatylogic.models import Actor, Stance


def _walk(continues: dict[str, tuple[str, ...]], actor: str) -> frozenset[str]:
    """``actor`` and those it continues: a plain walk, not the rule base's numbering."""
    seen, frontier = {actor}, [actor]
    while frontier:
        for previous in continues.get(frontier.pop(), ()):
            if previous not in seen:
                seen.add(previous)
                frontier.append(previous)
    return frozenset(seen)


@st.composite
def views(draw: st.DrawFn) -> tuple[list[Actor], Stance, dict[str, tuple[str, ...]]]:
    """Actors continuing none, one or several earlier ones, and a stance's view (cycles too)."""
    ids = [f"a{i}" for i in range(draw(st.integers(1, 7)))]
    continues = {a: tuple(draw(st.lists(st.sampled_from(ids[:i]), max_size=2, unique=True)))
                 if i else () for i, a in enumerate(ids)}
    actors = [Actor(id=a, name=a, kind="state", continues=continues[a]) for a in ids]
    view = draw(st.dictionaries(st.sampled_from(ids),
                                st.lists(st.sampled_from(ids), max_size=2, unique=True)
                                .map(tuple), max_size=2))
    view = {k: tuple(x for x in v if x != k) for k, v in view.items()}
    return actors, Stance(id="s", name="S", actor=ids[0], continuity=view), {**continues, **view}


@settings(max_examples=80, deadline=None)
@given(views())
def test_ancestors_are_those_a_plain_walk_finds(drawn: tuple) -> None:
    """Under no stance and under a stance's view, every actor's ancestors are its walk's."""
    actors, stance, viewed = drawn
    own = {a.id: tuple(a.continues) for a in actors}
    corpus = tl.Corpus(actors, [], [], [stance])
    expected = {(a.id, b.id): (b.id in _walk(own, a.id), b.id in _walk(viewed, a.id))
                for a in actors for b in actors}
    actual = {(a.id, b.id): (b.id in corpus.ancestors(a.id), b.id in corpus.ancestors(a.id, stance))
              for a in actors for b in actors}
    assert expected == actual
    assert {a.id: _walk(viewed, a.id) for a in actors} == \
        {a.id: frozenset(corpus.ancestors(a.id, stance)) for a in actors}


def test_the_nearest_listed_party_is_the_actor_itself_then_its_predecessor() -> None:
    """c continues b continues a: among {a, b} c's nearest is b; among {a, c}, c itself."""
    actors = [Actor(id="a", name="A", kind="state"),
              Actor(id="b", name="B", kind="state", continues=("a",)),
              Actor(id="c", name="C", kind="state", continues=("b",))]
    corpus = tl.Corpus(actors)
    expected = ("b", "c", "a", None)
    assert expected == (corpus.nearest("c", ("a", "b")), corpus.nearest("c", ("a", "c")),
                        corpus.nearest("b", ("a", "c")), corpus.nearest("a", ("b", "c")))


def test_every_ancestry_of_a_5000_actor_chain_fits_in_a_few_megabytes() -> None:
    """All 5,000 ancestries of a chain held at once: near-linear memory (a set each was 600 MB)."""
    actors = [Actor(id=f"a{i}", name=f"A{i}", kind="state",
                    continues=(f"a{i - 1}",) if i else ()) for i in range(5000)]
    corpus = tl.Corpus(actors)
    tracemalloc.start()
    try:
        held = [corpus.ancestors(f"a{i}") for i in range(5000)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (True, 5000, True) == (peak < 20_000_000, len(held[-1]), "a0" in held[2500])
