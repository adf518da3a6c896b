"""The graph writers (DOT, Mermaid, GraphML) and the stance colouring, in-process."""

from __future__ import annotations

import networkx as nx
import pytest

import treatylogic as tl
from treatylogic.cli.commands import _graph_format
from treatylogic.cli.graph import STATUS_COLOURS, colouring, render_graph, to_dot, to_mermaid


@pytest.fixture(scope="module")
def corpus(rules):
    """The small rules folder, loaded."""
    return tl.load(rules)


def quirky_graph() -> nx.MultiDiGraph:
    """A graph whose titles and ids hold the characters DOT and Mermaid treat specially."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="instrument", title='The "quoted" \\ title', date="1919")
    graph.add_node("a#p<1>", kind="provision", title="x", instrument="a")
    graph.add_edge("a", "a#p<1>", key="has", kind="has")
    return graph


def test_colouring_reads_each_effect_verdict_from_its_target_trace(corpus):
    """Under beta-view the annulment is rejected; before its date it is not reached."""
    later = colouring(corpus, "beta", "2024")
    earlier = colouring(corpus, "alpha-view", "1919-12-31")
    assert ("beta-view", "2024", "rejected", tl.Status.IN_FORCE) == \
        (later.stance, later.at, later.verdict["alpha-annuls-decl-1"], later.status["decl-1"])
    assert ("not_reached", tl.Status.PENDING) == \
        (earlier.verdict["alpha-annuls-decl-1"], earlier.status["annul-1"])


def test_colouring_checks_the_stance(corpus):
    """An unknown stance raises UnknownIdError (the command turns it into exit 2)."""
    with pytest.raises(tl.UnknownIdError):
        colouring(corpus, "gamma", "2024")


def test_dot_escapes_quotes_and_backslashes():
    """DOT strings keep quotes and backslashes from titles literal."""
    lines = to_dot(quirky_graph()).splitlines()
    assert '  "a" [label="a\\n1919", shape="box", tooltip="The \\"quoted\\" \\\\ title"];' in lines
    assert '  "a" -> "a#p<1>" [arrowhead="none", style="dotted", color="#999999"];' in lines


def test_mermaid_escapes_hash_quotes_and_angle_brackets():
    """Mermaid labels spell #, quotes and angle brackets as entity codes."""
    lines = to_mermaid(quirky_graph()).splitlines()
    assert ["flowchart LR", '  n0["a<br/>1919"]', '  n1(["a#35;p#lt;1#gt;"])', "  n0 -.- n1"] \
        == lines


def test_every_status_has_a_distinct_colour():
    """The palette gives every status its own colour."""
    assert (set(tl.Status), len(tl.Status)) == \
        (set(STATUS_COLOURS), len(set(STATUS_COLOURS.values())))


def test_graphml_without_a_stance_has_no_status(corpus):
    """Without --stance the GraphML carries the graph only, no status attributes."""
    graph = nx.parse_graphml(render_graph(corpus, "graphml"))
    assert ({"decl-1", "annul-1", "decl-1#railway"}, False) == \
        (set(graph.nodes), any("status" in data for _, data in graph.nodes(data=True)))


@pytest.mark.parametrize(("fmt", "out", "expected"), [
    (None, None, "dot"),
    (None, "g.mmd", "mermaid"),
    (None, "g.GraphML", "graphml"),
    (None, "g.txt", "dot"),
    ("mermaid", "g.mmd", "mermaid"),
])
def test_graph_format_from_option_then_suffix(fmt, out, expected):
    """--format wins; else the --out suffix names the format; else DOT."""
    from pathlib import Path

    assert expected == _graph_format(fmt, Path(out) if out else None)


def test_every_step_verdict_has_an_edge_style():
    """Each verdict a trace can give an effect (and not_reached) has its colour and line style."""
    from treatylogic.cli.graph import _EDGE_STYLE
    expected = {v.value for v in tl.StepVerdict} | {"not_reached"}
    assert expected == set(_EDGE_STYLE)


REAFFIRMED = """\
actors:
  - {id: a0, name: A, kind: state}
  - {id: a1, name: B, kind: state}
instruments:
  - {id: t1, title: T1, kind: treaty, form: bilateral, parties: [a0, a1], date: '1950'}
  - {id: t2, title: T2, kind: treaty, form: bilateral, parties: [a0, a1], date: '1960',
     effects: [{id: e-reaffirm, kind: reaffirm, target: t1}]}
stances:
  - {id: s0, actor: a0, name: S}
"""


@pytest.mark.parametrize(("fmt", "line"), [
    ("dot", '  "t2" -> "t1" [label="reaffirm\\n1960", tooltip="e-reaffirm", color="#888888", '
            'fontcolor="#888888", style="dotted"];'),
    ("mermaid", "  linkStyle 0 stroke:#888888"),
])
def test_graph_with_a_stance_draws_an_info_verdict(tmp_path, fmt, line):
    """A reaffirmation that changes nothing is an 'info' step: drawn grey and dotted, no KeyError."""
    from typer.testing import CliRunner

    from treatylogic.cli import app
    (tmp_path / "rules.yaml").write_text(REAFFIRMED, encoding="utf-8")
    result = CliRunner().invoke(app, ["--rules", str(tmp_path), "graph", "--stance", "s0",
                                      "--at", "2000", "--format", fmt])
    assert (0, True) == (result.exit_code, line in result.output.splitlines())


def test_graph_with_a_stance_passes_over_a_partys_own_withdrawal(tmp_path):
    """A party's 'withdrawn' date is a trace step with no declared effect: no edge, no KeyError."""
    from typer.testing import CliRunner

    from treatylogic.cli import app
    text = REAFFIRMED.replace("parties: [a0, a1], date: '1950'}",
                              "parties: [{actor: a0, withdrawn: '1955'}, a1], date: '1950'}")
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["--rules", str(tmp_path), "graph", "--stance", "s0",
                                      "--at", "2000", "--format", "dot"])
    colouring_of = colouring(tl.load(tmp_path), "s0", "2000")
    assert (0, {"e-reaffirm"}) == (result.exit_code, set(colouring_of.verdict))
