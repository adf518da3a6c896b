"""Hostile and odd rule files: refused with a clear message, in bounded time and memory.

Also: nothing read is evaluated, the loader never writes to the rules folder, and
no exception but RulesError escapes ``tl.load``.
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

import treatylogic as tl
from treatylogic._yaml import MAX_BYTES

SEED = Path(__file__).parents[1] / "fuzz" / "seed_rules"
#: Generous: these take well under a second here, but CI machines are noisy.
TIME_BOUND_S = 15.0
MEMORY_BOUND_B = 400 * 1024 * 1024


def billion_laughs() -> bytes:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


HOSTILE = {
    "billion-laughs": (billion_laughs(), 6, 56,
                       "the file holds, or its aliases expand to, more than 500,000 values; "
                       "rule files must stay small (split it into several files)"),
    "deep-flow-nesting": (b"[" * 200_000, 1, 65, "nesting too deep (more than 64 levels)"),
    "deep-block-nesting": (b"- " * 100_000 + b"x\n", 1, 129,
                           "nesting too deep (more than 64 levels)"),
    "recursive-alias": (b"actors: &a [*a]\n", 1, 13,
                        "the alias *a refers to the block that contains it"),
    "oversized": (b"# padding\n" * (MAX_BYTES // 10 + 1), None, None,
                  f"the file is {MAX_BYTES + 1:,} bytes; rule files are limited to "
                  f"{MAX_BYTES:,} (split it into several files)"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly_and_cheaply(case: str, tmp_path: Path) -> None:
    """A hostile file gives one clear problem, within a time and memory bound."""
    raw, line, column, message = HOSTILE[case]
    (tmp_path / "rules.yaml").write_bytes(raw)
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(tl.RulesError) as caught:
            tl.load(tmp_path)
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    found = [(p.file, p.line, p.column, p.message) for p in caught.value.problems]
    assert [(f"{tmp_path.name}/rules.yaml", line, column, message)] == found
    assert elapsed < TIME_BOUND_S, f"took {elapsed:.1f}s"
    assert peak < MEMORY_BOUND_B, f"peak {peak:,} bytes"


def test_python_tag_is_never_evaluated(tmp_path: Path) -> None:
    """A '!!python/object/apply' tag is refused, and the command in it never runs."""
    marker = tmp_path / "HACKED"
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rules.yaml").write_text(
        f"actors: !!python/object/apply:pathlib.Path.touch [{str(marker)!r}]\n", encoding="utf-8")
    with pytest.raises(tl.RulesError) as caught:
        tl.load(rules)
    expected = ["the YAML tag 'tag:yaml.org,2002:python/object/apply:pathlib.Path.touch' "
                "is not allowed in rule files; write plain values"]
    assert expected == [p.message for p in caught.value.problems]
    assert not marker.exists()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder`` with its bytes and modification time."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("broken", [False, True])
def test_loader_never_writes_to_the_rules_folder(tmp_path: Path, broken: bool) -> None:
    """Loading a folder, valid or not, leaves its files, bytes and mtimes as they were."""
    for path in SEED.glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    if broken:
        (tmp_path / "broken.yaml").write_bytes(b"actors:\n  - id: [x\n")
    before = snapshot(tmp_path)
    try:
        tl.load(tmp_path)
    except tl.RulesError:
        assert broken
    assert before == snapshot(tmp_path)


#: Odd files a person (or a fuzzer) may write: (bytes, [(line, column, path, message)]).
ODD: dict[str, tuple[bytes, list[tuple[int | None, int | None, str, str]]]] = {
    "top-level-list": (b"- actors\n- instruments\n", [
        (1, 1, "", "a rule file is a mapping with any of the keys actors, instruments, "
                   "doctrines, stances, not a list")]),
    "key-is-a-number": (b"actors:\n  - 1: rsfsr\n    name: Soviet Russia\n    kind: state\n", [
        (2, 5, "actors[0].id", "missing required field 'id' (each needs: id, name, kind)"),
        (2, 5, "actors[0].1",
         "unknown field '1'; allowed here: id, name, kind, continues, aliases, note, sources")]),
    "id-is-a-list": (b"actors:\n  - id: [rsfsr, ussr]\n    name: Soviet Russia\n    kind: state\n",
                     [(2, 5, "actors[0].id", "'id' should be text, not a list")]),
    "name-is-a-number": (b"actors:\n  - id: rsfsr\n    name: 1919\n    kind: state\n", [
        (3, 5, "actors[0].name",
         "'name' should be text, not the number 1919; put it in quotes if it is meant as text")]),
    "huge-hex-number": (b"actors:\n  - id: x\n    name: 0x" + b"f" * 100_000 + b"\n    kind: 0\n", [
        (4, 5, "actors[0].kind", "unknown actor kind 0 (one of: state, government, "
                                 "organisation, scholar, person)")]),
    "nul-byte": (b"actors:\n  - id: rsfsr\x00\n", [
        (2, 14, "", "a control character (U+0000) in the text; remove it "
                    "(YAML allows tabs and newlines only)")]),
    "escaped-nul-in-id": (b'actors:\n  - id: "rsfsr\\0"\n    name: Soviet Russia\n    kind: state\n', [
        (2, 5, "actors[0].id", "'rsfsr\\x00' is not a valid id: an id uses letters, digits, '.', "
                               "'_' and '-', and starts with a letter or digit; "
                               "did you mean 'rsfsr'?")]),
    "lone-surrogate-escape": (b'actors:\n  - id: rsfsr\n    name: "\\ud800"\n', [
        (3, 14, "", "malformed YAML: while parsing a quoted scalar found invalid Unicode "
                    "character escape code")]),
    "alias-as-key": (b"x: &k id\nactors:\n  - *k : rsfsr\n", [
        (3, 5, "", "a key must be a plain name, not a list, a mapping or an alias")]),
    "merge-key": (b"base: &b {kind: state}\nactors:\n  - <<: *b\n    id: rsfsr\n", [
        (3, 5, "", "YAML merge keys ('<<') are not supported in rule files; "
                   "write the fields out")]),
    "two-documents": (b"actors: []\n---\nactors: []\n", [
        (2, 1, "", "more than one YAML document ('---') in one file; keep one per file")]),
    "duplicate-key": (b"actors: []\nactors: []\n", [
        (2, 1, "", "the key 'actors' appears twice in one mapping; keep one")]),
    "date-is-a-list": (b"actors:\n- {id: a, name: A, kind: state}\n- {id: b, name: B, kind: state}\n"
                       b"instruments:\n- {id: t, title: T, kind: treaty, form: bilateral, "
                       b"parties: [a, b], date: [1919]}\n", [
        (5, 69, "instruments[0].date",
         "a date is text such as '1919-07-25', '1919-07' or '1919', not a list")]),
    "empty-id": (b"actors:\n  - id:\n    name: Soviet Russia\n    kind: state\n", [
        (2, 5, "actors[0].id", "'id' is empty; write its text")]),
}


@pytest.mark.parametrize("case", sorted(ODD))
def test_odd_file_gives_plain_problems(case: str, tmp_path: Path) -> None:
    """An odd file raises RulesError (nothing else) with plain, located problems."""
    raw, expected = ODD[case]
    (tmp_path / "rules.yaml").write_bytes(raw)
    with pytest.raises(tl.RulesError) as caught:
        tl.load(tmp_path)
    assert expected == [(p.line, p.column, p.path, p.message) for p in caught.value.problems]


def test_path_with_nul_byte_is_a_rules_error() -> None:
    """A path the operating system refuses is reported, not raised as ValueError."""
    with pytest.raises(tl.RulesError) as caught:
        tl.load("rules\0folder")
    assert ["a path cannot contain a NUL character"] == [p.message for p in caught.value.problems]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Problems in several files come together, in file order."""
    (tmp_path / "a.yaml").write_bytes(b"actors:\n  - id: rsfsr\n    nmae: Soviet Russia\n"
                                      b"    kind: state\n")
    (tmp_path / "b.yaml").write_bytes(b"actors:\n\t- id: roc\n")
    with pytest.raises(tl.RulesError) as caught:
        tl.load(tmp_path)
    expected = [(f"{tmp_path.name}/a.yaml", 3, "actors[0].nmae"), (f"{tmp_path.name}/b.yaml", 2, "")]
    assert expected == [(p.file, p.line, p.path) for p in caught.value.problems]
