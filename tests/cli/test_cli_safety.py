"""The command line never loses a file, never prints a traceback, and fits a terminal.

Each case runs the real process: output files in missing folders, on folders,
with unknown extensions, over existing files and inside the rules folder;
hostile titles (Rich markup, escape sequences); a full disk, a closed stdout, an
ASCII-only output encoding; tables at 80 columns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

#: The installed console script, else the same main through -m (as tests/cli/conftest.py).
_SCRIPT = shutil.which("treatylogic", path=sysconfig.get_path("scripts"))
COMMAND = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "treatylogic"]


def write_rules(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def assert_user_error(result, *expected_in_message: str) -> None:
    """Exit 2, nothing on stdout, ``error: ...`` on stderr naming what was expected."""
    assert (2, "") == (result.returncode, result.stdout)
    assert result.stderr.startswith("error: ")
    assert [] == [part for part in expected_in_message if part not in result.stderr]
    assert "Traceback" not in result.stderr

HOSTILE_YAML = """\
actors:
  - id: alpha
    name: "Republic of \\e[31mAlpha\\e[0m"
    kind: state
instruments:
  - id: decl-1
    title: "[draft] Alpha's [/bold] declaration \\e]0;owned\\a"
    kind: declaration
    form: unilateral
    issuer: alpha
    date: 1919-07-25
stances:
  - id: alpha-view
    actor: alpha
    name: "A [bold]reading[/bold]"
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A rules folder whose names hold Rich markup and terminal escape sequences."""
    return write_rules(tmp_path_factory.mktemp("hostile") / "rules", {"a.yaml": HOSTILE_YAML})


def test_report_into_a_missing_folder_says_to_create_it(cli, rules, tmp_path):
    """report --out into a folder that does not exist: exit 2, says mkdir -p, writes nothing."""
    out = tmp_path / "missing" / "r.html"
    assert_user_error(cli("--rules", rules, "report", "--out", out),
                      "the folder", "does not exist; create it first (mkdir -p")
    assert False is out.parent.exists()


def test_report_onto_a_folder_asks_for_a_file_name(cli, rules, tmp_path):
    """report --out onto a folder: exit 2 and a file name to use instead."""
    assert_user_error(cli("--rules", rules, "report", "--out", tmp_path),
                      f"cannot write {tmp_path}: it is a folder; give a file name such as "
                      f"{tmp_path / 'out.html'}")


@pytest.mark.parametrize(("command", "name", "known"), [
    (["graph"], "g.png", "(known: .dot, .gv, .mmd, .mermaid, .graphml)"),
    (["report"], "r.pdf", "(known: .html, .htm)"),
    (["timeline", "decl-1", "--plot"], "t.pdf", "(known: .svg, .png)"),
    (["schema"], "s.yaml", "(known: .json)"),
    (["table", "--format", "csv"], "t.txt", "(known: .csv)"),
])
def test_unknown_extension_is_refused_with_the_known_ones(cli, rules, tmp_path, command, name,
                                                          known):
    """An --out/--plot file whose extension names no format this command writes: exit 2."""
    out = tmp_path / name
    flag = [] if command[-1] == "--plot" else ["--out"]
    result = cli("--rules", rules, *command, *flag, out)
    assert_user_error(result, f"unknown extension '{out.suffix}'", known)
    assert False is out.exists()


def test_existing_file_is_kept_unless_force(cli, rules, tmp_path):
    """--out onto an existing file is refused and the file kept; --force replaces it."""
    out = tmp_path / "g.dot"
    out.write_text("keep me", encoding="utf-8")
    assert_user_error(cli("--rules", rules, "graph", "--out", out),
                      f"{out} already exists; add --force to overwrite it")
    assert "keep me" == out.read_text(encoding="utf-8")
    forced = cli("--rules", rules, "graph", "--out", out, "--force")
    assert (0, "digraph treatylogic {") == \
        (forced.returncode, out.read_text(encoding="utf-8").splitlines()[0])


def test_never_writes_into_the_rules_folder_even_with_force(cli, rules):
    """--out inside a rules folder being read is refused even with --force; the files survive."""
    before = {p.name: p.read_text(encoding="utf-8") for p in rules.iterdir()}
    for name in ("world.json", "world.yaml"):
        result = cli("--rules", rules, "schema", "--out", rules / name, "--force")
        assert_user_error(result, "inside the rules folder")
    assert before == {p.name: p.read_text(encoding="utf-8") for p in rules.iterdir()}


def test_format_that_contradicts_the_extension_is_refused(cli, rules, tmp_path):
    """graph --format dot --out g.mmd: exit 2, nothing written."""
    out = tmp_path / "g.mmd"
    assert_user_error(cli("--rules", rules, "graph", "--format", "dot", "--out", out),
                      "--format dot contradicts the extension")
    assert False is out.exists()


def test_trailing_hash_is_an_unknown_target_not_a_traceback(cli, rules):
    """'decl-1#' (a provision with no name) exits 2 with suggestions."""
    assert_user_error(cli("--rules", rules, "status", "decl-1#", "-s", "alpha"),
                      "unknown target 'decl-1#'", "did you mean decl-1")


def test_markup_and_escapes_in_names_are_shown_as_written(cli, hostile):
    """Titles with [/bold] or [draft] print literally; escape sequences never reach the terminal."""
    result = cli("--rules", hostile, "list", "--format", "text", env={"COLUMNS": "300"})
    assert (0, "") == (result.returncode, result.stderr)
    assert "[draft] Alpha's [/bold] declaration \\x1b]0;owned\\x07" in result.stdout
    assert "Republic of \\x1b[31mAlpha\\x1b[0m" in result.stdout
    assert "A [bold]reading[/bold]" in result.stdout
    assert "\x1b" not in result.stdout


def test_full_disk_is_exit_2_with_what_to_do(cli, rules):
    """Output to a full device (/dev/full): exit 2, one line saying to free space."""
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, "--rules", str(rules), "list"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert (2, "error: no space left on the device while writing the output; free some space "
               "and run the command again\n") == (result.returncode, result.stderr)


def test_closed_stdout_is_exit_2_with_what_to_do(rules):
    """With stdout closed: exit 2 and one line, not a traceback."""
    result = subprocess.run([*COMMAND, "--rules", str(rules), "list"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, timeout=120,
                            preexec_fn=lambda: os.close(1))
    assert (2, "error: standard output is closed; run the command with its output going to a "
               "terminal, a file or a pipe\n") == (result.returncode, result.stderr)


def test_ascii_only_output_is_exit_2_with_what_to_do(cli):
    """An ASCII-only output encoding that cannot show a title: exit 2 and how to fix it."""
    result = cli("timeline", "karakhan-1919", env={"PYTHONIOENCODING": "ascii"})  # open ends: …
    assert 2 == result.returncode
    assert "set PYTHONIOENCODING=utf-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_ids_never_break_at_80_columns(cli):
    """compare on the bundled rules at 80 columns keeps every stance and effect id whole."""
    result = cli("compare", "karakhan-1919", "--at", "2024-09-02", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert 0 == result.returncode
    assert [] == [line for line in lines if len(line) > 80]
    assert {"elleman", "prc", "radchenko", "roc", "russia"} == \
        {line.split("│")[1].strip() for line in lines if line.startswith("│ ")} - {""}
    assert 3 == sum("(ussr-annuls-karakhan-1919)" in line for line in lines
                    if line.startswith("│ "))  # radchenko, roc, russia
