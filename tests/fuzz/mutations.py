"""Mutations of valid rule folders, for the fuzz suite and the long run.

Every mutation takes a :class:`Chooser` so the same code runs under hypothesis
(which shrinks a failure to a small example) and under plain ``random`` (the
long run, which counts crashes instead of stopping at the first).
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml

import treatylogic as tl
from treatylogic.loading import INTERNAL, rule_files

T = TypeVar("T")
SEED_RULES = Path(__file__).parent / "seed_rules"

#: Odd values a person or a hostile file may put anywhere.
ODD_VALUES: tuple[Any, ...] = (
    None, 0, -1, 2**70, 1.5, float("inf"), True, "", " ", [], {}, [[]], {"x": 1}, [None],
    "text", "a" * 300, "ü", "\u202e", "1919", 1919, "1919-07-25", ["a", "b"], {"id": "x"},
)
BAD_DATES = (
    "1919-02-30", "25/07/1919", "1919-13-01", "0000-00-00", "1919-07-25/1918", "..", "",
    "19190725", "1919-7-5", "July 1919", "1919?-07", "-1919", "9999999", "1919-07-25T10:00",
    "/..", "../..", "1919-07-25/1919-07-24", "2000-02-29", "1900-02-29", "1919~", "1919-21",
)
INJECTIONS = (
    "\x00", "\t", "\x1b[31m", "\ufeff", "\u2028", "\r", "\r\n", "\x85", "\udcff", "&a", "*a",
    "!!python/object/apply:os.system ['true']", "{", "[", "'", '"', ": ", "- ", "#", "%YAML 1.1",
    "---", "...", "? ", "|", ">", "@", "`", "\\", "ü", "\U0001f4dc", "\u0301",
)


class Chooser(Protocol):
    """Where a mutation's choices come from."""

    def integer(self, low: int, high: int) -> int: ...
    def text(self) -> str: ...


def pick(chooser: Chooser, items: Sequence[T]) -> T:
    """One of ``items`` (which must not be empty)."""
    return items[chooser.integer(0, len(items) - 1)]


@dataclass
class RandomChooser:
    """Choices from :mod:`random` (the long run)."""

    rng: random.Random

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def text(self) -> str:
        alphabet = [chr(self.rng.randint(0, 0x2FF)) for _ in range(8)] + ["\x00", "\ud800", "é"]
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, 12)))


def seed_folders() -> list[Path]:
    """The folders to mutate: the fallback seed, and the bundled rules once they load."""
    folders = [SEED_RULES]
    try:
        tl.load(tl.bundled_rules())
    except tl.RulesError:
        return folders  # being written: only a valid folder is a meaningful seed
    return [*folders, tl.bundled_rules()]


def read_folder(folder: Path) -> dict[str, bytes]:
    """The rule files of ``folder`` by relative name."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in rule_files(folder)}


# ----------------------------------------------------------------- structure
def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(data, path[:-1])[path[-1]] = value
    return data


def delete_key(data: Any, chooser: Chooser) -> Any:
    """Remove one key of one mapping."""
    maps = [p for p in _paths(data) if isinstance(_get(data, p), dict) and _get(data, p)]
    if maps:
        where = _get(data, pick(chooser, maps))
        del where[pick(chooser, list(where))]
    return data


def change_type(data: Any, chooser: Chooser) -> Any:
    """Put an odd value (a number, a list, nothing, ...) in place of any value."""
    path = pick(chooser, _paths(data))
    odd = pick(chooser, (*ODD_VALUES, "wrap-list", "wrap-map"))
    value = _get(data, path)
    new = [value] if odd == "wrap-list" else {"id": value} if odd == "wrap-map" else odd
    return _set(data, path, copy.deepcopy(new))


def corrupt_date(data: Any, chooser: Chooser) -> Any:
    """Replace a date with an impossible or malformed one."""
    dates = [p for p in _paths(data) if p and p[-1] in {"date", "in_force", "date_before",
                                                        "date_after"}]
    if dates:
        data = _set(data, pick(chooser, dates), pick(chooser, BAD_DATES))
    return data


def rename_id(data: Any, chooser: Chooser) -> Any:
    """Change one id or reference: a typo, another id, or one that breaks the pattern."""
    texts = [p for p in _paths(data) if isinstance(_get(data, p), str)
             and re.fullmatch(r"[A-Za-z0-9][\w.#-]*", _get(data, p))]
    if not texts:
        return data
    path = pick(chooser, texts)
    old = _get(data, path)
    others = [_get(data, p) for p in texts]
    how = chooser.integer(0, 5)
    new = (old[:-1] if how == 0 else old + "x" if how == 1 else pick(chooser, others)
           if how == 2 else old.replace("-", " ") + " ?" if how == 3
           else old + "#nowhere" if how == 4 else chooser.text())
    return _set(data, path, new)


def duplicate_block(data: Any, chooser: Chooser) -> Any:
    """Copy one item of a list next to itself (duplicate ids, repeated effects)."""
    lists = [p for p in _paths(data) if isinstance(_get(data, p), list) and _get(data, p)]
    if lists:
        items = _get(data, pick(chooser, lists))
        index = chooser.integer(0, len(items) - 1)
        items.insert(index, copy.deepcopy(items[index]))
    return data


STRUCTURAL: tuple[Callable[[Any, Chooser], Any], ...] = (
    delete_key, change_type, corrupt_date, rename_id, duplicate_block,
)


# ---------------------------------------------------------------------- text
def cut_bytes(raw: bytes, chooser: Chooser) -> bytes:
    """End the file at any byte (possibly inside a UTF-8 sequence)."""
    return raw[: chooser.integer(0, len(raw))]


def inject(raw: bytes, chooser: Chooser) -> bytes:
    """Insert odd characters or YAML syntax anywhere."""
    at = chooser.integer(0, len(raw))
    piece = pick(chooser, (*INJECTIONS, chooser.text()))
    encoded = piece.encode("utf-8", "surrogatepass")
    if chooser.integer(0, 9) == 0:
        encoded = bytes([chooser.integer(0x80, 0xFF)])  # not UTF-8
    return raw[:at] + encoded + raw[at:]


def duplicate_lines(raw: bytes, chooser: Chooser) -> bytes:
    """Repeat a run of lines (a pasted block, perhaps at the wrong indentation)."""
    lines = raw.splitlines(keepends=True)
    if not lines:
        return raw
    start = chooser.integer(0, len(lines) - 1)
    end = chooser.integer(start, min(len(lines), start + 20))
    block = lines[start:end]
    shift = pick(chooser, (b"", b"  ", b" "))
    return b"".join([*lines[:end], *(shift + line for line in block), *lines[end:]])


def tab_indent(raw: bytes, chooser: Chooser) -> bytes:
    """Indent one line with a tab."""
    lines = raw.splitlines(keepends=True)
    if not lines:
        return raw
    index = chooser.integer(0, len(lines) - 1)
    lines[index] = b"\t" + lines[index].lstrip(b" ")
    return b"".join(lines)


TEXTUAL: tuple[Callable[[bytes, Chooser], bytes], ...] = (
    cut_bytes, inject, duplicate_lines, tab_indent,
)


def mutate_file(raw: bytes, chooser: Chooser) -> tuple[bytes, list[str]]:
    """One to three mutations of one file's bytes, and their names."""
    names = []
    for _ in range(chooser.integer(1, 3)):
        if chooser.integer(0, 1):
            mutation = pick(chooser, STRUCTURAL)
            data = _parsed(raw)
            if data is None:
                continue  # an earlier mutation broke the YAML: nothing to restructure
            data = mutation(data, chooser)
            try:
                raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(
                    "utf-8", "surrogatepass")
            except yaml.YAMLError:
                continue
        else:
            mutation = pick(chooser, TEXTUAL)
            raw = mutation(raw, chooser)
        names.append(mutation.__name__)
    return raw, names


def _parsed(raw: bytes) -> Any:
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return None


def mutate_folder(files: dict[str, bytes], chooser: Chooser) -> tuple[dict[str, bytes], list[str]]:
    """The folder with one file mutated (sometimes also a second one, or a file copied)."""
    files = dict(files)
    names = []
    for _ in range(chooser.integer(1, 2)):
        name = pick(chooser, sorted(files))
        files[name], done = mutate_file(files[name], chooser)
        names += [f"{name}:{d}" for d in done]
    if chooser.integer(0, 9) == 0:  # the same declarations in two files
        name = pick(chooser, sorted(files))
        files["copy-of-" + name.replace("/", "-")] = files[name]
        names.append(f"copied {name}")
    return files, names


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    for name, raw in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)


def check_load(folder: Path) -> str:
    """Load ``folder``; return 'ok' or 'rules-error', or raise AssertionError for a crash."""
    try:
        tl.load(folder)
    except tl.RulesError as exc:
        assert exc.problems, "a RulesError with no problem"
        for problem in exc.problems:
            assert isinstance(problem.file, str) and problem.file, problem
            assert isinstance(problem.message, str) and problem.message, problem
            assert not problem.message.startswith(INTERNAL), problem
            assert problem.line is None or problem.line >= 1, problem
            assert isinstance(problem.path, str), problem
        return "rules-error"
    return "ok"
