"""The dependency graph as DOT, Mermaid or GraphML text, optionally coloured by one stance.

DOT and Mermaid are written here as plain text, so no Graphviz binary is
needed; GraphML goes through networkx. With a :class:`Colouring`, each node
takes the colour of its status under the stance, and each effect edge shows
whether the stance applied, rejected or could not decide it.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> to_dot(corpus.graph).splitlines()[0]
'digraph treatylogic {'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from ..engine import Corpus
from ..explanation import StepVerdict
from ..resolution import query_day
from ..status import Status

__all__ = ["FORMATS", "STATUS_COLOURS", "Colouring", "colouring", "render_graph",
           "to_dot", "to_graphml", "to_mermaid"]

#: Fill colours by status; chosen to stay apart in greyscale too (light to dark).
STATUS_COLOURS: dict[Status, str] = {
    Status.PENDING: "#dbe9f6",
    Status.SIGNED: "#c6dbef",
    Status.NOT_PARTY: "#fafafa",
    Status.IN_FORCE: "#9be29b",
    Status.SUSPENDED: "#ffe08a",
    Status.RENOUNCED: "#f5b971",
    Status.SUPERSEDED: "#a9b8d6",
    Status.TERMINATED: "#9e9e9e",
    Status.WITHDRAWN: "#bdbdbd",
    Status.EXPIRED: "#7f7f7f",
    Status.ANNULLED: "#e06666",
    Status.UNDETERMINED: "#c9a7e4",
    Status.NOT_IN_TEXT: "#eeeeee",
}

#: How an effect edge is drawn, by what the stance made of it.
_EDGE_STYLE: dict[str, tuple[str, str]] = {  # verdict -> (colour, DOT style)
    StepVerdict.APPLIED.value: ("#1a7f1a", "solid"),
    StepVerdict.REJECTED.value: ("#c00000", "dashed"),
    StepVerdict.INERT.value: ("#888888", "dashed"),
    StepVerdict.UNDETERMINED.value: ("#7b3fb0", "dashed"),
    StepVerdict.INFO.value: ("#888888", "dotted"),
    "not_reached": ("#bbbbbb", "dotted"),
}


@dataclass(frozen=True)
class Colouring:
    """What one stance makes of every node and effect at one date."""

    stance: str
    at: str
    status: dict[str, Status] = field(default_factory=dict)  # node -> status
    verdict: dict[str, str] = field(default_factory=dict)  # effect id -> verdict


def colouring(corpus: Corpus, stance: str, at: str | None) -> Colouring:
    """Resolve every instrument and provision under ``stance`` at ``at``.

    An effect's verdict is read from the trace of its target; an effect the
    resolution never reached (dated later, or cut short) is ``not_reached``.
    """
    stance_id = corpus.stance(stance).id
    at_text = query_day(at)[1]
    status: dict[str, Status] = {}
    verdict: dict[str, str] = {}
    for target in corpus.targets():
        resolution = corpus.resolve(target, stance_id, at)
        status[target] = resolution.status
        for step in resolution.trace:
            # a party's own withdrawal date is a step with no declared effect (no edge)
            record = corpus.effects.get(step.effect) if step.effect is not None else None
            if record is not None and record.effect.target == target:
                verdict[record.id] = step.verdict.value
    for effect_id in corpus.effects:
        verdict.setdefault(effect_id, "not_reached")
    return Colouring(stance_id, at_text, status, verdict)


def _is_effect(data: dict[str, object]) -> bool:
    return data.get("kind") == "effect"


def _node_lines(graph: nx.MultiDiGraph, node: str, paint: Colouring | None) -> list[str]:
    data = graph.nodes[node]
    lines = [node]
    if data.get("kind") == "instrument":
        lines.append(str(data.get("date", "")))
    if paint is not None and node in paint.status:
        lines.append(paint.status[node].value)
    return lines


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.MultiDiGraph, paint: Colouring | None = None) -> str:
    """Graphviz DOT: instruments as boxes, provisions as notes, effects as labelled edges."""
    out = ["digraph treatylogic {", "  rankdir=LR;",
           '  node [fontname="Helvetica", fontsize=10, style=filled, fillcolor="#ffffff"];',
           '  edge [fontname="Helvetica", fontsize=9];']
    if paint is not None:
        out.append(f"  label={_dot_quote(f'status under {paint.stance} at {paint.at}')};")
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        attrs = {"label": "\n".join(_node_lines(graph, node, paint)),
                 "shape": "box" if data.get("kind") == "instrument" else "note",
                 "tooltip": str(data.get("title", ""))}
        if paint is not None and node in paint.status:
            attrs["fillcolor"] = STATUS_COLOURS[paint.status[node]]
        out.append(f"  {_dot_quote(node)} [{_dot_attrs(attrs)}];")
    for source, target, key, data in sorted(graph.edges(keys=True, data=True)):
        if _is_effect(data):
            attrs = {"label": f"{data['effect_kind']}\n{data.get('date', '')}", "tooltip": key}
            if paint is not None:
                colour, style = _EDGE_STYLE[paint.verdict.get(key, "not_reached")]
                attrs |= {"color": colour, "fontcolor": colour, "style": style}
        else:
            attrs = {"arrowhead": "none", "style": "dotted", "color": "#999999"}
        out.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [{_dot_attrs(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{name}={_dot_quote(value)}" for name, value in attrs.items())


def _mermaid_text(text: str) -> str:
    # Mermaid labels are quoted; entity codes keep quotes and angle brackets literal.
    return (text.replace("#", "#35;").replace('"', "#quot;")
            .replace("<", "#lt;").replace(">", "#gt;"))


def to_mermaid(graph: nx.MultiDiGraph, paint: Colouring | None = None) -> str:
    """A Mermaid ``flowchart``; node ids are ``n0, n1, ...`` since ids may hold ``#``."""
    names = {node: f"n{index}" for index, node in enumerate(sorted(graph.nodes))}
    out = ["flowchart LR"]
    if paint is not None:
        out.insert(0, f"%% status under {paint.stance} at {paint.at}")
    for node, name in names.items():
        label = "<br/>".join(_mermaid_text(line) for line in _node_lines(graph, node, paint))
        open_, close = ("[", "]") if graph.nodes[node].get("kind") == "instrument" else ("([", "])")
        out.append(f'  {name}{open_}"{label}"{close}')
    link_styles = []
    for index, (source, target, key, data) in enumerate(sorted(graph.edges(keys=True, data=True))):
        if not _is_effect(data):
            out.append(f"  {names[source]} -.- {names[target]}")
            continue
        label = _mermaid_text(f"{data['effect_kind']} {data.get('date', '')}".strip())
        verdict = paint.verdict.get(key, "not_reached") if paint else None
        arrow = "-->" if verdict in (None, StepVerdict.APPLIED.value) else "-.->"
        if verdict is not None:
            label += f" ({verdict.replace('_', ' ')})"
            link_styles.append(f"  linkStyle {index} stroke:{_EDGE_STYLE[verdict][0]}")
        out.append(f'  {names[source]} {arrow}|"{label}"| {names[target]}')
    if paint is not None:
        for status, colour in STATUS_COLOURS.items():
            out.append(f"  classDef {status.value} fill:{colour},stroke:#333,color:#000")
        for node, status in sorted(paint.status.items()):
            out.append(f"  class {names[node]} {status.value}")
        out += link_styles
    return "\n".join(out) + "\n"


def to_graphml(graph: nx.MultiDiGraph, paint: Colouring | None = None) -> str:
    """GraphML through networkx, with ``status``/``colour`` and ``verdict`` under a stance."""
    graph = graph.copy()
    if paint is not None:
        graph.graph.update(stance=paint.stance, at=paint.at)
        for node, status in paint.status.items():
            graph.nodes[node].update(status=status.value, colour=STATUS_COLOURS[status])
        for _, _, key, data in graph.edges(keys=True, data=True):
            if _is_effect(data):
                data["verdict"] = paint.verdict.get(key, "not_reached")
    return "\n".join(nx.generate_graphml(graph)) + "\n"


Renderer = Callable[[nx.MultiDiGraph, Colouring | None], str]

#: Format name -> renderer.
FORMATS: dict[str, Renderer] = {"dot": to_dot, "mermaid": to_mermaid, "graphml": to_graphml}


def render_graph(corpus: Corpus, fmt: str, stance: str | None = None,
                 at: str | None = None) -> str:
    """The corpus graph in ``fmt``, coloured by ``stance`` at ``at`` when a stance is given."""
    paint = colouring(corpus, stance, at) if stance is not None else None
    return FORMATS[fmt](corpus.graph, paint)
