"""Continuity lines read from the inverted index equal a walk over every actor (issue 14: cold queries)."""

from __future__ import annotations

import pytest

import treatylogic as tl
from treatylogic.synth import synthetic_corpus


def _walk_descendants(corpus, actors, stance):
    """The reference: every declared actor one of whose ancestors is in ``actors``."""
    return frozenset(actors) | frozenset(
        other for other in corpus.actors
        if not frozenset(actors).isdisjoint(corpus.ancestors(other, stance)))


def _walk_lineage(corpus, actor, stance):
    return frozenset(corpus.ancestors(actor, stance)) | _walk_descendants(corpus, (actor,), stance)


@pytest.mark.parametrize("corpus", [tl.load(cache=False), synthetic_corpus(300, stances=4, seed=2)],
                         ids=["bundled", "synthetic"])
def test_descendants_and_lineage_equal_the_walk_over_every_actor(corpus):
    """Under every stance's view (and none): every author set's line and every actor's lineage."""
    for stance in [None, *corpus.stances.values()]:
        expected = {i: _walk_descendants(corpus, corpus.authors(i), stance)
                    for i in corpus.instruments}
        actual = {i: corpus.descendants(corpus.authors(i), stance) for i in corpus.instruments}
        assert expected == actual
        expected_lines = {a: _walk_lineage(corpus, a, stance) for a in corpus.actors}
        actual_lines = {a: corpus.lineage(a, stance) for a in corpus.actors}
        assert expected_lines == actual_lines
