"""Rendering for people: colour only on a terminal, and the tables' content (in-process)."""

from __future__ import annotations

import pytest
from rich.console import Console
from typer.testing import CliRunner

import treatylogic as tl
from treatylogic.cli import app, render

ANSI_ESCAPE = "\x1b["


@pytest.fixture(scope="module")
def corpus(rules):
    """The small rules folder, loaded."""
    return tl.load(rules)


def plain(renderable) -> list[str]:
    """The lines a 200-column console without colour prints, right blanks stripped."""
    console = Console(no_color=True, width=200, highlight=False)
    with console.capture() as captured:
        console.print(renderable)
    return [line.rstrip() for line in captured.get().splitlines()]


@pytest.mark.parametrize(("env", "coloured"), [({"FORCE_COLOR": "1"}, True), ({}, False)])
def test_colour_only_on_a_terminal(rules, env, coloured):
    """Output is coloured when Rich sees a terminal (forced here), plain when piped."""
    result = CliRunner().invoke(app, ["--rules", str(rules), "status", "decl-1", "-s", "alpha",
                                      "--at", "2024"], env={"NO_COLOR": None, **env})
    assert (0, coloured) == (result.exit_code, ANSI_ESCAPE in result.stdout)


def test_compare_table_says_why_in_words(corpus):
    """The 'why' column gives the deciding effect and its rule's reason, or 'no objection to'."""
    table = render.compare_table("decl-1", "2024", corpus.compare("decl-1", "2024"), corpus)
    rows = [" ".join(line.replace("│", " ").split()) for line in plain(table)
            if line.startswith("│")]
    assert ["alpha-view annulled not valid no objection to the annul by annul-1 (alpha-annuls-decl-1)",
            "beta-view in_force valid rejects the annul by annul-1 (alpha-annuls-decl-1): An issuer "
            "cannot annul a declaration others relied on."] == rows


def test_divergence_of_agreeing_stances(corpus):
    """Two stances that decide every step alike say so in one line."""
    divergence = corpus.diff("decl-1", "alpha", "alpha-view", "2024")
    assert ["decl-1 at 2024: alpha-view says annulled, alpha-view says annulled",
            "They decide every step alike."] == plain(render.divergence_view(divergence))


def test_list_rows_of_instruments(corpus):
    """list rows carry the id, date, kind, form, author and title of each instrument."""
    assert {"id": "annul-1", "date": "1920-05-01", "kind": "note", "form": "unilateral",
            "by": ["alpha"], "title": "Alpha annuls its declaration"} == \
        render.list_rows(corpus, "instruments")[0]
