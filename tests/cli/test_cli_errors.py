"""User mistakes exit 2 with a message and no traceback; bugs exit 1; --help everywhere.

The real process is run for each kind of mistake; help texts and the optional
extras' wiring are checked in-process (Typer's CliRunner), which is much faster.
"""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

import treatylogic as tl
from treatylogic import cli as cli_module

COMMANDS = [["status"], ["explain"], ["compare"], ["timeline"], ["diff"], ["validate"],
            ["graph"], ["list"], ["schema"], ["report"], ["export", "asp"]]


def assert_user_error(result, *expected_in_message: str) -> None:
    """Exit 2, nothing on stdout, ``error: ...`` on stderr naming what was expected."""
    assert (2, "") == (result.returncode, result.stdout)
    assert result.stderr.startswith("error: ")
    assert [] == [part for part in expected_in_message if part not in result.stderr]
    assert "Traceback" not in result.stderr


def test_unknown_instrument_suggests_the_closest(cli, rules):
    """An unknown target exits 2 and says 'did you mean decl-1'."""
    result = cli("--rules", rules, "status", "decl-2", "--stance", "alpha", "--at", "2024")
    assert_user_error(result, "unknown instrument 'decl-2'", "did you mean decl-1")


def test_unknown_stance_suggests_the_closest(cli, rules):
    """An unknown stance exits 2 and suggests the known one nearest to it."""
    result = cli("--rules", rules, "diff", "decl-1", "alpha-view", "beta-veiw")
    assert_user_error(result, "unknown stance 'beta-veiw'", "did you mean beta-view")


def test_bad_date_says_what_edtf_looks_like(cli, rules):
    """A date that is not EDTF exits 2 and shows how to write one."""
    result = cli("--rules", rules, "compare", "decl-1", "--at", "25/07/1919")
    assert_user_error(result, "'25/07/1919' is not an EDTF date", "1919-07-25")


def test_invalid_rules_are_listed_by_any_command(cli, bad_rules):
    """A command on invalid rules exits 2 and lists file:line:col [path] for each problem."""
    result = cli("--rules", bad_rules, "status", "x", "--stance", "y")
    assert_user_error(result, "2 problems in the rule files:",
                      "\n  bad/a.yaml:4:5 [actors[0].kind]: ",
                      "\n  bad/a.yaml:11:5 [instruments[0].date]: ")


def test_missing_rules_folder(cli, tmp_path):
    """A --rules folder that does not exist exits 2 and names it."""
    missing = tmp_path / "nowhere"
    assert_user_error(cli("--rules", missing, "list"), f"{missing}: no such rules folder")


def test_unwritable_output_file(cli, rules, tmp_path):
    """--out into a missing folder exits 2 and names the file."""
    out = tmp_path / "no" / "such" / "graph.dot"
    assert_user_error(cli("--rules", rules, "graph", "--out", out), f"cannot write {out}")


def test_usage_errors_exit_2_with_usage(cli, rules):
    """A missing required option is a usage error: exit 2, the usage on stderr."""
    result = cli("--rules", rules, "status", "decl-1")
    assert (2, "") == (result.returncode, result.stdout)
    assert "Usage: treatylogic status" in result.stderr
    assert "Missing option '--stance'" in result.stderr


def test_help_of_report_through_the_real_process(cli):
    """report --help works in the real process and names its extra and an example."""
    result = cli("report", "--help")
    assert 0 == result.returncode
    assert [] == [part for part in ("Usage: treatylogic report", "--out", "--targets",
                                    "treatylogic[report]", "Example: treatylogic report")
                  if part not in result.stdout]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    """Every command's --help exits 0 and shows an example of its use."""
    result = CliRunner().invoke(cli_module.app, [*command, "--help"], env={"COLUMNS": "200"})
    examples = [line.strip() for line in result.stdout.splitlines()
                if line.strip().startswith("Example: treatylogic ")]
    assert (0, 1, True) == (result.exit_code, len(examples), f" {command[-1]} " in examples[0])


@pytest.mark.parametrize(("module", "args"), [
    ("report", ["report", "--out", "r.html"]),
    ("report", ["timeline", "decl-1", "--plot", "t.svg"]),
    ("asp", ["export", "asp"]),
])
def test_a_missing_extra_is_named(module, args, rules, monkeypatch, tmp_path):
    """When an optional module cannot be imported, exit 2 and name the extra to install."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, f"treatylogic.{module}", None)  # makes the import fail
    result = CliRunner().invoke(cli_module.app, ["--rules", str(rules), *args],
                                env={"COLUMNS": "200"})
    assert (2, "") == (result.exit_code, result.stdout)
    assert f"pip install 'treatylogic[{module}]'" in result.stderr


def test_a_bug_exits_1_not_2(rules, monkeypatch):
    """An unexpected exception is a bug: it is not dressed up as a user error."""
    def broken(resolution):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_module.render, "status_line", broken)
    result = CliRunner().invoke(cli_module.app, ["--rules", str(rules), "status", "decl-1",
                                                 "-s", "alpha"])
    assert (1, RuntimeError) == (result.exit_code, type(result.exception))


def test_console_script_is_declared_and_installed(console_script):
    """pyproject declares treatylogic = treatylogic.cli:main, and pip installed that script."""
    import subprocess
    import tomllib
    from importlib.metadata import entry_points
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    scripts = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["scripts"]
    installed = [e.value for e in entry_points(group="console_scripts", name="treatylogic")]
    assert ({"treatylogic": "treatylogic.cli:main"}, ["treatylogic.cli:main"]) == \
        (scripts, installed), "a stale install? run: pip install -e ."
    version = subprocess.run([console_script, "--version"], capture_output=True, text=True)
    assert (0, f"treatylogic {tl.__version__}\n") == (version.returncode, version.stdout)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_reader_that_stops_early_is_not_an_error(tmp_path, fmt):
    """Piping into a reader that stops (``| head -1``) ends quietly with exit 0."""
    import os
    import subprocess

    rows = [f"  - {{id: t{i}, title: Treaty number {i}, kind: treaty, form: bilateral, "
            f"parties: [a, b], date: 1950}}" for i in range(1000)]
    (tmp_path / "many.yaml").write_text(
        "actors:\n  - {id: a, name: A, kind: state}\n  - {id: b, name: B, kind: state}\n"
        "instruments:\n" + "\n".join(rows) + "\n", encoding="utf-8")
    # more than a pipe's 64 KiB, so the writer meets the closed pipe
    process = subprocess.Popen(
        [sys.executable, "-m", "treatylogic", "--rules", str(tmp_path), "list", "instruments",
         "--format", fmt], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if k != "TREATYLOGIC_RULES"})
    process.stdout.readline()
    process.stdout.close()
    assert (0, b"") == (process.wait(timeout=120), process.stderr.read())
