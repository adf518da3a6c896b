"""The dependency graph: instruments, provisions and effects in one networkx MultiDiGraph.

Nodes are instrument ids and provision refs (``instrument#provision``); an edge
``source -> target`` keyed by the effect id stands for each effect, and an edge
``instrument -> instrument#provision`` (key ``"has"``) ties a provision to its
instrument. Algorithms over it are plain functions.

>>> import treatylogic as tl
>>> g = build_graph(tl.load().instruments.values())
>>> g.nodes["karakhan-1919"]["kind"]
'instrument'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import networkx as nx

from .models import Instrument, split_ref

__all__ = ["build_graph", "cyclic_components", "dependency_graph", "find_cycle"]

HAS = "has"


def build_graph(instruments: Iterable[Instrument]) -> nx.MultiDiGraph:
    """The whole corpus as one graph (see the module docstring for its shape)."""
    graph = nx.MultiDiGraph()
    # by id, not by file order: exports (DOT, Mermaid, GraphML) are the same bytes
    # however the rule files are named or ordered
    instruments = sorted(instruments, key=lambda inst: inst.id)
    for inst in instruments:
        graph.add_node(inst.id, kind="instrument", title=inst.title, date=inst.date.text,
                       form=inst.form.value, instrument_kind=inst.kind.value)
        for provision in inst.provisions:
            ref = f"{inst.id}#{provision.id}"
            graph.add_node(ref, kind="provision", title=provision.summary, instrument=inst.id)
            graph.add_edge(inst.id, ref, key=HAS, kind=HAS)
    for inst in instruments:
        for effect in inst.effects:
            graph.add_edge(inst.id, effect.target, key=effect.id, kind="effect",
                           effect_kind=effect.kind.value, date=inst.effect_date(effect).text)
    return graph


def dependency_graph(instruments: Iterable[Instrument]) -> nx.DiGraph:
    """Instrument-level dependence: ``source -> target`` when source has an effect on target.

    Each edge keeps ``earliest``, the earliest day of its earliest effect, so a
    query at a date can ignore effects that have not happened yet.
    """
    deps = nx.DiGraph()
    for inst in instruments:
        deps.add_node(inst.id)
        for effect in inst.effects:
            target = split_ref(effect.target)[0]
            day = inst.effect_date(effect).earliest
            if deps.has_edge(inst.id, target):
                day = min(day, deps.edges[inst.id, target]["earliest"])
            deps.add_edge(inst.id, target, earliest=day)
    return deps


def cyclic_components(deps: nx.DiGraph) -> dict[str, int]:
    """Node -> index of the strongly connected component (of two or more nodes) it lies in."""
    members: dict[str, int] = {}
    for index, component in enumerate(nx.strongly_connected_components(deps)):
        if len(component) > 1:
            for node in component:
                members[node] = index
    return members


def find_cycle(deps: nx.DiGraph, node: str, day: dt.date) -> list[str] | None:
    """The shortest cycle through ``node`` among the effects dated (at the earliest) by ``day``.

    Returned whole, as ``[node, b, node]``, and the same whatever the declaration
    order (neighbours are visited in sorted order); ``None`` when there is none.
    """
    def live(u: str) -> list[str]:
        return sorted(v for v in deps.successors(u) if deps.edges[u, v]["earliest"] <= day)

    parent: dict[str, str] = {}
    frontier = [node]
    while frontier:
        following: list[str] = []
        for u in frontier:
            for v in live(u):
                if v == node:
                    back = [u]  # walk back from u to node, then read it forwards
                    while back[-1] != node:
                        back.append(parent[back[-1]])
                    return [*reversed(back), node]
                if v not in parent:
                    parent[v] = u
                    following.append(v)
        frontier = following
    return None
