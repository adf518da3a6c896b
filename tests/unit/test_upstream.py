"""What a target depends on, read from the effects index: the dependency graph's ancestors."""

from __future__ import annotations

import networkx as nx
import pytest

import treatylogic as tl
from treatylogic.synth import synthetic_corpus


@pytest.mark.parametrize("make", [lambda: tl.load(), lambda: synthetic_corpus(400, seed=3)],
                         ids=["bundled", "synthetic"])
def test_upstream_is_the_dependency_graphs_ancestors(make) -> None:  # type: ignore[no-untyped-def]
    """For every instrument, upstream() is itself and its ancestors in the dependency graph."""
    corpus = make()
    expected = {name: nx.ancestors(corpus.dependencies, name) | {name}
                for name in corpus.instruments}
    actual = {name: corpus.upstream(name) for name in corpus.instruments}
    assert expected == actual


def test_upstream_holds_both_ends_of_a_mutual_annulment() -> None:
    """Two declarations that annul each other are each in the other's upstream."""
    corpus = synthetic_corpus(400, seed=3)
    aimed = {(r.source_id, r.target_instrument) for r in corpus.effects.values()}
    mutual = sorted((a, b) for a, b in aimed if (b, a) in aimed)
    assert mutual, "the synthetic corpus draws a few cycles of mutual annulment"
    expected = [True] * len(mutual)
    actual = [a in corpus.upstream(b) and b in corpus.upstream(a) for a, b in mutual]
    assert expected == actual
