"""Loading a rules folder: YAML files to a checked :class:`Corpus`.

Every file is read safely, validated against the models, and cross-checked as a
whole; every problem found is reported at once, with file, line, column and the
path of the field (``instruments[3].effects[0].target``). The loader only reads.

>>> import treatylogic as tl
>>> corpus = tl.load()            # the bundled rule base
>>> "karakhan-1919" in corpus.instruments
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from ._yaml import Path, Positions, YamlProblem, read_yaml
from .corpus import Corpus
from .errors import Problem, RulesError, TreatyLogicError, closest
from .models import RuleFile

__all__ = ["bundled_rules", "load", "load_files", "rule_files"]

SECTIONS = ("actors", "instruments", "doctrines", "stances")
MAX_FILES = 10_000


def bundled_rules() -> FsPath:
    """The rules folder that ships with the package (or, in a checkout, the repo's)."""
    packaged = FsPath(str(resources.files("treatylogic") / "rules"))
    if packaged.is_dir():
        return packaged
    checkout = FsPath(__file__).resolve().parents[2] / "rules"
    return checkout


def rule_files(folder: FsPath) -> list[FsPath]:
    """The ``*.yaml``/``*.yml`` files below ``folder``, in a stable order, hidden ones skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [FsPath(root) / f for f in sorted(files)
                  if f.endswith((".yaml", ".yml")) and not f.startswith(".")]
    return sorted(found)


@dataclass
class _Origin:
    """Where one declaration came from: its file, its index there, and the file's positions."""

    file: str
    section: str
    index: int
    positions: Positions


def _display(path: FsPath, folder: FsPath) -> str:
    try:
        return str(path.relative_to(folder.parent)) if folder.parent != path else str(path)
    except ValueError:
        return str(path)


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_fields(path: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``path`` of a rule file (for 'did you mean')."""
    model: type[BaseModel] | None = RuleFile
    for part in path:
        if model is None or isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        model = _inner_model(info.annotation)
    return list(model.model_fields) if model else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def _validation_problems(error: ValidationError, file: str, positions: Positions) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic adds the union branch or the validator name to loc; keep the data path
        loc = tuple(p for p in loc if p not in {"tuple[str, ...]", "str", "DateSpan"})
        kind = item["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            allowed = _model_fields(loc[:-1])
            message = f"unknown field {name!r}"
            hint = closest(name, allowed, n=1)
            if hint:
                message += f"; did you mean {hint[0]!r}?"
            elif allowed:
                message += f"; allowed here: {', '.join(allowed)}"
        elif kind == "missing":
            message = f"missing required field {str(loc[-1])!r}"
        else:
            message = item["msg"].removeprefix("Value error, ")
            if "input" in item and kind not in {"value_error"} and not isinstance(item["input"], dict | list):
                message += f" (got {item['input']!r})"
        line, column = positions.find(loc)
        yield Problem(file, message, line, column, _dotted(loc))


def _read_file(path: FsPath, shown: str) -> tuple[RuleFile | None, Positions, list[Problem]]:
    try:
        raw = path.read_bytes()
        data, positions = read_yaml(raw)
    except YamlProblem as exc:
        return None, Positions(), [Problem(shown, exc.message, exc.line, exc.column)]
    except OSError as exc:
        return None, Positions(), [Problem(shown, f"cannot read the file: {exc.strerror or exc}")]
    if data is None:
        return RuleFile(), positions, []  # an empty file declares nothing
    if not isinstance(data, dict):
        return None, positions, [Problem(shown, "a rule file is a mapping with any of the keys "
                                         + ", ".join(SECTIONS) + f", not a {type(data).__name__}",
                                         *positions.find(()))]
    try:
        return RuleFile.model_validate(data), positions, []
    except ValidationError as exc:
        return None, positions, list(_validation_problems(exc, shown, positions))
    except (RecursionError, TreatyLogicError, ValueError, TypeError) as exc:
        return None, positions, [Problem(shown, f"cannot read this file as rules: {exc}")]


_PATH_HEAD = re.compile(r"^(actors|instruments|doctrines|stances)\[(\d+)\](.*)$")


def _parse_tail(tail: str) -> Path:
    parts: list[str | int] = []
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", tail):
        parts.append(int(index) if index else name)
    return tuple(parts)


def load_files(files: list[FsPath], folder: FsPath) -> Corpus:
    """Load and check the given rule files as one corpus."""
    problems: list[Problem] = []
    sections: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    origins: dict[str, list[_Origin]] = {s: [] for s in SECTIONS}
    first_seen: dict[tuple[str, str], str] = {}
    for path in files:
        shown = _display(path, folder)
        rule_file, positions, found = _read_file(path, shown)
        problems += found
        if rule_file is None:
            continue
        for section in SECTIONS:
            for index, item in enumerate(getattr(rule_file, section)):
                line, column = positions.find((section, index, "id"))
                here = f"{shown}:{line}"
                key = (section, item.id)
                if key in first_seen:
                    problems.append(Problem(shown, f"duplicate {section[:-1]} id {item.id!r}; "
                                            f"first declared at {first_seen[key]}",
                                            line, column, f"{section}[{index}].id"))
                    continue
                first_seen[key] = here
                sections[section].append(item)
                origins[section].append(_Origin(shown, section, index, positions))
    if not files:
        problems.append(Problem(str(folder), "no rule files (*.yaml or *.yml) in this folder"))
    if problems:
        raise RulesError(problems)
    try:
        return Corpus(sections["actors"], sections["instruments"], sections["doctrines"],
                      sections["stances"], origin=str(folder))
    except RulesError as exc:
        raise RulesError(_relocate(p, origins) for p in exc.problems) from None


def _relocate(problem: Problem, origins: dict[str, list[_Origin]]) -> Problem:
    """Map a corpus-wide path (``instruments[12]...``) back to its file and line."""
    match = _PATH_HEAD.match(problem.path)
    if not match:
        return problem
    section, index, tail = match.group(1), int(match.group(2)), match.group(3)
    origin = origins[section][index]
    local: Path = (section, origin.index, *_parse_tail(tail))
    line, column = origin.positions.find(local)
    return Problem(origin.file, problem.message, line, column, _dotted(local))


def load(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load a rules folder (default: ``$TREATYLOGIC_RULES``, else the bundled rule base).

    A single ``.yaml`` file may be given instead of a folder.

    Raises
    ------
    RulesError
        With every problem found, each naming its file, line and field.

    >>> import treatylogic as tl
    >>> len(tl.load().stances) >= 5
    True
    """
    chosen = path if path is not None else os.environ.get("TREATYLOGIC_RULES") or bundled_rules()
    folder = FsPath(chosen)
    if folder.is_file():
        return load_files([folder], folder.parent)
    if not folder.is_dir():
        raise RulesError([Problem(str(folder), "no such rules folder")])
    files = rule_files(folder)
    if len(files) > MAX_FILES:
        raise RulesError([Problem(str(folder), f"more than {MAX_FILES:,} rule files; "
                                  "is this the right folder?")])
    return load_files(files, folder)
