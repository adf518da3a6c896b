"""Valid but unusual corpora and hostile folders (issue 17): one golden case per class.

- extreme, open and qualified dates resolve to pinned statuses (``cases_valid/``);
- the command line caps a long list of problems too (the library's cap, thousands of
  typos, a 5,000-actor line and a 3 MB id are in ``test_scale_checks.py``);
- folders: what cannot be read is named with the reason, never skipped in silence;
- exports are the same bytes under any naming and order of the rule files.

Timings are measured in benchmarks/ (``python benchmarks/scale.py``), not asserted here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

import treatylogic as tl
from treatylogic import loading
from treatylogic.cli import app
from treatylogic.errors import MAX_SHOWN

VALID = Path(__file__).parent / "cases_valid"
SEED = Path(__file__).parents[1] / "fuzz" / "seed_rules"

# ---------------------------------------------------------------- dates
#: (target, query day) -> status under alpha-view, in cases_valid/extreme-dates.
EXTREME = {
    ("ancient", "0001-01-01"): "undetermined",  # '0001': some day of year 1
    ("ancient", "0001-12-31"): "in_force",
    ("ancient", "1949-01-01"): "undetermined",  # terminated '1950~': 1949-01-01 to 1951-12-31
    ("ancient", "1952"): "terminated",
    ("last", "2000"): "pending",
    ("last", "9999-12-31"): "in_force",
    ("unknown-year", "2000"): "undetermined",  # XXXX: any year 0001-9999
    ("unknown-year", "9999-12-31"): "in_force",
    ("before-1920", "1900"): "undetermined",  # ../1920: open start
    ("before-1920", "1921"): "in_force",
    ("by-1919", "1921"): "in_force",
    ("after-oct-1922", "1921"): "pending",  # 1922-10/..: open end
    ("after-oct-1922", "2000"): "undetermined",
    ("about-1905", "1904-01-01"): "pending",  # 1905-11-25~: 1904-10-24 to 1906-12-26
    ("about-1905", "1905-06-01"): "undetermined",
    ("about-1905", "1907"): "in_force",
}


def test_extreme_open_and_qualified_dates_resolve_as_pinned() -> None:
    """Dates at the calendar's edges, open ends and ~ windows give the pinned statuses."""
    corpus = tl.load(VALID / "extreme-dates")
    actual = {(t, at): corpus.resolve(t, "alpha-view", at).status.value for t, at in EXTREME}
    assert EXTREME == actual


@pytest.mark.parametrize("args", [
    ["status", "ancient", "--stance", "alpha-view", "--at", "9999-12-31", "--format", "json"],
    ["explain", "after-oct-1922", "--stance", "beta-view", "--at", "0001-01-01"],
    ["compare", "about-1905", "--at", "1922~"],
    ["diff", "before-1920", "alpha-view", "beta-view", "--at", "../1920"],
    ["graph", "--format", "graphml", "--stance", "alpha-view", "--at", "9999-12-31"],
    ["export", "asp"],
])
def test_commands_run_on_extreme_dates(args: list[str]) -> None:
    """Commands at the calendar's edges exit 0 (timeline and report: see tests/fuzz)."""
    result = CliRunner().invoke(app, ["--rules", str(VALID / "extreme-dates"), *args])
    assert (0, None) == (result.exit_code, result.exception)


# ---------------------------------------------------------------- scale
def _write(folder: Path, text: str, name: str = "rules.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _typos(count: int) -> str:
    lines = ["actors:", "  - {id: a0, name: A, kind: state}", "  - {id: a1, name: B, kind: state}",
             "instruments:"]
    for i in range(count):
        lines += [f"  - id: inst-{i:05d}", "    title: T", "    kind: treaty",
                  "    form: bilateral", "    parties: [a0, a1]", "    date: 1950",
                  "    effects:", f"      - {{id: e{i}, kind: terminate, target: inst-{(i + 1) % count:05d}x}}"]
    return "\n".join(lines) + "\n"


def test_the_command_line_caps_problems_too(tmp_path: Path) -> None:
    """`validate` prints the first problems and a count; --format json lists every one."""
    folder = _write(tmp_path / "typos", _typos(500))
    text = CliRunner().invoke(app, ["--rules", str(folder), "validate"])
    json_out = CliRunner().invoke(app, ["--rules", str(folder), "validate", "--format", "json"])
    expected = (2, MAX_SHOWN + 2, 2, 500)
    assert expected == (text.exit_code, len(text.output.strip().splitlines()),
                        json_out.exit_code, json_out.output.count('"message"'))


# ---------------------------------------------------------------- folders
def _seeded(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in SEED.glob("*.yaml"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _problems(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(tl.RulesError) as caught:
        tl.load(folder)
    return [(p.file, p.message) for p in caught.value.problems]


def test_a_link_to_a_folder_is_named_not_skipped(tmp_path: Path) -> None:
    """A symbolic link to a folder is refused with the reason, not skipped in silence."""
    folder = _seeded(tmp_path / "rules")
    (tmp_path / "elsewhere").mkdir()
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    expected = [("rules/linked", "a link to a folder, which is not followed (links can loop); "
                 "give that folder with --rules, or copy it here")]
    assert expected == _problems(folder)


def test_folders_nested_too_deep_are_refused_without_an_internal_error() -> None:
    """A folder nested 1,100 deep: one problem at the 33rd level, not a RecursionError."""
    # not under pytest's tmp_path: its clean-up of old runs recurses and would fail on
    # this tree if an interrupted run left it behind
    top = Path(tempfile.mkdtemp(prefix="treatylogic-deep-"))
    folder = _seeded(top / "rules")
    made = [folder]
    for _ in range(1100):
        try:
            (made[-1] / "d").mkdir()
        except OSError:  # the file system's own limit on path length
            break
        made.append(made[-1] / "d")
    try:
        found = _problems(folder)
    finally:  # pytest's own clean-up recurses and would fail on this tree
        for level in reversed(made[1:]):
            level.rmdir()
        shutil.rmtree(top)
    shown = "rules/" + "/".join(["d"] * (loading.MAX_FOLDER_DEPTH + 1))
    expected = [(shown, f"folders nested more than {loading.MAX_FOLDER_DEPTH} deep; its rule "
                 "files were not loaded")]
    assert expected == found


def test_an_unreadable_subfolder_is_named_with_the_reason(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A subfolder that cannot be listed is a problem naming it, not '0 instruments'."""
    folder = _seeded(tmp_path / "rules")
    (folder / "private").mkdir()
    real_scandir = os.scandir

    def scandir(path: os.PathLike[str] | str) -> object:
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(loading.os, "scandir", scandir)
    expected = [("rules/private", "cannot read this folder: Permission denied; its rule files "
                 "were not loaded")]
    assert expected == _problems(folder)


def test_upper_case_suffixes_are_rule_files(tmp_path: Path) -> None:
    """ACTORS.YAML and x.Yml are read like actors.yaml, not ignored."""
    folder = _seeded(tmp_path / "rules")
    (folder / "actors.yaml").rename(folder / "ACTORS.YAML")
    (folder / "stances.yaml").rename(folder / "stances.Yml")
    seed, corpus = tl.load(SEED), tl.load(folder)
    expected = (len(seed.actors), len(seed.stances), len(seed.instruments))
    assert expected == (len(corpus.actors), len(corpus.stances), len(corpus.instruments))


def test_an_empty_rules_path_is_refused(tmp_path: Path) -> None:
    """--rules "" and load("") refuse, instead of reading the current folder."""
    result = CliRunner().invoke(app, ["--rules", "", "validate"], catch_exceptions=False)
    expected = (2, "error: --rules is empty; give a rules folder (use '.' for the current one)",
                [("''", "an empty path is not a rules folder; give a folder (use '.' for the "
                  "current one)")])
    with pytest.raises(tl.RulesError) as caught:
        tl.load("")
    assert expected == (result.exit_code, result.output.strip(),
                        [(p.file, p.message) for p in caught.value.problems])


# ---------------------------------------------------------------- determinism
COMMANDS = [
    ["graph", "--format", "dot"],
    ["graph", "--format", "mermaid", "--stance", "roc", "--at", "1950"],
    ["graph", "--format", "graphml", "--stance", "prc", "--at", "1960"],
    ["export", "asp"],
    ["status", "karakhan-1919", "--stance", "roc", "--at", "1950", "--format", "json"],
    ["explain", "karakhan-1919", "--stance", "prc", "--at", "1960", "--format", "json"],
    ["compare", "karakhan-1919", "--at", "1950", "--format", "json"],
    ["timeline", "karakhan-1919", "--format", "json"],
    ["diff", "karakhan-1919", "roc", "russia", "--at", "2024", "--format", "json"],
    ["list", "--format", "json"],
]


def _layouts(tmp_path: Path) -> tuple[Path, Path]:
    """The bundled rules as shipped, and flattened with renamed files in reverse order."""
    files = sorted(loading.bundled_rules().rglob("*.yaml"))
    first, second = tmp_path / "as-shipped", tmp_path / "renamed"
    for index, path in enumerate(files):
        shipped = first / path.relative_to(loading.bundled_rules())
        shipped.parent.mkdir(parents=True, exist_ok=True)
        shipped.write_bytes(path.read_bytes())
        second.mkdir(exist_ok=True)
        (second / f"{len(files) - index:03d}-{index}.yaml").write_bytes(path.read_bytes())
    return first, second


def test_outputs_are_the_same_bytes_for_the_bundled_rules_flattened_and_renamed(tmp_path: Path) -> None:
    """GraphML, DOT, Mermaid, ASP and JSON: identical when files are renamed and reordered."""
    first, second = _layouts(tmp_path)
    runner = CliRunner()
    outputs = [[runner.invoke(app, ["--rules", str(folder), *args]).output for args in COMMANDS]
               for folder in (first, second)]
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(("text", "message"), [
    ("actors:\n  - id: a0\n    name: A\n    kind: state\n    ? " + "k" * 1_000_000
     + "\n    : 1\n",
     "unknown field '" + "k" * 75 + "...' (1,000,000 characters); allowed here: id, name, "
     "kind, continues, aliases, note, "
     "sources"),
    ("actors:\n  - {id: 'a b" + "c" * 1_000_000 + "', name: A, kind: state}\n",
     "'a bccccccccccccccccccccccccccccccccccccccccccccccccccccc...' is not a valid id: an id "
     "uses letters, digits, '.', '_' and '-', and starts with a letter or digit; did you mean "
     "'a-b" + "c" * 72 + "...' (1,000,003 characters)?"),
])
def test_a_huge_field_name_or_bad_id_is_echoed_short(tmp_path: Path, text: str,
                                                     message: str) -> None:
    """A 1 MB unknown field or bad id is cut in the message, with its length."""
    with pytest.raises(tl.RulesError) as caught:
        tl.load(_write(tmp_path / "huge", text))
    assert [message] == [p.message for p in caught.value.problems]
