"""Every command on drawn valid corpora exits 0 or 2, never with a traceback (issue 17).

The corpora (``fuzz.valid_corpora``) hold extreme and open dates, uncertain
windows, long supersession chains, many parties, and parties with their own dates,
withdrawals, terms, renewal and notice; the per-party commands (``--party`` on
status, explain, compare, timeline, diff and table) run on each. Examples per class:
``TREATYLOGIC_COMMAND_EXAMPLES`` (default 6); ``python tests/fuzz/long_run_commands.py``
runs many more and counts failures instead of stopping at the first.
"""

from __future__ import annotations

import functools
import os
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.testing
from hypothesis import HealthCheck, given, note, settings
from typer.testing import CliRunner

import treatylogic as tl
from fuzz.valid_corpora import CORPUS_CLASSES, Drawn, corpora, query_dates
from treatylogic.cli import app

# typer's runner rebuilds the click command on every invoke, evaluating each command's
# annotations (about 70 ms, a third of a small corpus's commands); the installed
# `treatylogic` builds it once per process, and so does this module.
typer.testing._get_command = functools.cache(typer.testing._get_command)  # type: ignore[attr-defined]

EXAMPLES = int(os.environ.get("TREATYLOGIC_COMMAND_EXAMPLES", "6"))
#: Exit codes a command may end with: success, or the user's input refused.
ALLOWED = {0, 2}
#: Commands left out where they still crash, in code other issues own; each with how it
#: fails. They run on ordinary dates and queries. Remove an entry when its fix lands.
LEFT_OUT: dict[str, str] = {
    # e.g. "report": "issue 16: OverflowError in ..." -- empty since issue 16 landed its
    # report package (report and timeline, with and without --plot, were left out before)
}
#: The classes and query dates that reach the calendar's edges (where LEFT_OUT applies).
EDGE_CLASSES = {"extreme", "open", "uncertain"}
EDGE_QUERIES = {"0001-01-01", "9999-12-31", "../1920", "1950-02-14/..", "1922~"}


def left_out(drawn: Drawn, at: str) -> set[str]:
    """The commands of LEFT_OUT skipped for this folder and query date."""
    edge = bool(EDGE_CLASSES & set(drawn.classes)) or at in EDGE_QUERIES
    return set(LEFT_OUT) if edge else set()


def command_lines(drawn: Drawn, at: str, out: Path) -> Iterator[list[str]]:
    """The argument lists of every command, for one target and query date."""
    target = drawn.instruments[-1]
    first, last = drawn.stances[0], drawn.stances[-1]
    yield ["validate"]
    yield ["status", target, "--stance", first, "--at", at, "--format", "json"]
    yield ["explain", target, "--stance", last, "--at", at]
    yield ["compare", target, "--at", at]
    yield ["timeline", target]
    yield ["timeline", target, "--stance", first, "--plot", str(out / "timeline.svg")]
    yield ["diff", target, first, last, "--at", at]
    for fmt in ("dot", "mermaid", "graphml"):
        yield ["graph", "--format", fmt, "--stance", first, "--at", at]
    yield ["report", "--at", at, "--out", str(out / "report.html")]
    yield ["export", "asp"]
    yield ["list", "--format", "json"]
    yield ["table", "--at", at]
    # per party: a party of the target, or an actor that is none (not_party)
    party = ["--party", drawn.party]
    yield ["status", target, "--stance", last, "--at", at, *party]
    yield ["explain", target, "--stance", first, "--at", at, "--format", "json", *party]
    yield ["compare", target, "--at", at, *party]
    yield ["timeline", target, "--format", "json", *party]
    yield ["diff", target, first, last, "--at", at, "--format", "json", *party]
    yield ["table", "--at", at, "--format", "json", *party]


def run_all(drawn: Drawn, at: str, *, every: bool = False,
            counted: list[int] | None = None) -> list[str]:
    """What went wrong running every command on one folder (empty when nothing did).

    The commands of ``LEFT_OUT`` are skipped where they apply, unless ``every``;
    ``counted[0]`` is increased by the number of commands run.
    """
    runner = CliRunner()
    failures = []
    skipped = set() if every else left_out(drawn, at)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "rules"
        folder.mkdir()
        for name, text in drawn.files.items():
            (folder / name).write_text(text, encoding="utf-8")
        try:
            tl.load(folder)
        except tl.RulesError as exc:
            return [f"the drawn folder does not validate: {exc}"]
        for args in command_lines(drawn, at, Path(tmp)):
            name = " ".join([args[0], *(["--plot"] if "--plot" in args else [])])
            if name in skipped:
                continue
            result = runner.invoke(app, ["--rules", str(folder), *args])
            if counted is not None:
                counted[0] += 1
            crashed = result.exception is not None and not isinstance(result.exception,
                                                                       SystemExit)
            if crashed or result.exit_code not in ALLOWED or "Traceback" in result.output:
                where = "".join(traceback.format_exception(result.exception)[-3:]) \
                    if crashed and result.exception else result.output[-300:]
                failures.append(f"{' '.join(args)} -> exit {result.exit_code}: {where}")
    return failures


@pytest.mark.parametrize("kind", CORPUS_CLASSES)
def test_every_command_exits_0_or_2(kind: str) -> None:
    """On drawn valid corpora of one class, every command exits 0 or 2 without a traceback."""

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(drawn=corpora((kind,)), at=query_dates())
    def check(drawn: Drawn, at: str) -> None:
        note(repr(drawn))
        expected: list[str] = []
        assert expected == run_all(drawn, at)

    check()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(drawn=corpora(), at=query_dates())
def test_mixed_classes(drawn: Drawn, at: str) -> None:
    """On corpora mixing several classes, every command exits 0 or 2 without a traceback."""
    note(repr(drawn))
    expected: list[str] = []
    assert expected == run_all(drawn, at)
