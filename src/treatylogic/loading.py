"""Loading a rules folder: YAML files to a checked :class:`RuleBase`.

Every file is read safely, validated against the models, and cross-checked as a
whole; every problem found is reported at once, with file, line, column and the
path of the field (``instruments[3].effects[0].target``). The loader only reads.

>>> import treatylogic as tl
>>> corpus = tl.load()            # the bundled rule base
>>> "karakhan-1919" in corpus.instruments
True
"""

from __future__ import annotations

import datetime as dt
import gc
import operator
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path as FsPath
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from ._yaml import MAX_BYTES, Path, Positions, YamlError, read_yaml
from .cache import CACHE_MIN_BYTES, CompiledCache, cache_enabled
from .corpus import RuleBase
from .errors import FieldError, Problem, RulesError, TreatyLogicError, closest, echo
from .models import (
    ID_PATTERN,
    REF_PATTERN,
    Actor,
    Doctrine,
    Instrument,
    RuleFile,
    Stance,
    _assignable,
    _assigning_restorer,
    _declaration_classes,
    _restorer,
    shared_fields_set,
)
from .sources import Source, citations, cited_id

R = TypeVar("R", bound=RuleBase)

__all__ = ["LIBRARY_PREFIX", "bundled_rules", "library", "load", "load_files", "rule_files"]

SECTIONS = ("actors", "instruments", "doctrines", "stances")
MAX_FILES = 10_000
#: How deep rule folders may nest below the folder given.
MAX_FOLDER_DEPTH = 32
#: How much of a path a message repeats.
_SHOWN_PATH = 300
#: The start of the message for a failure that is a bug in treatylogic, not in the rules.
INTERNAL = "treatylogic failed on this input; this is a bug in treatylogic, not in your rules"


def bundled_rules() -> FsPath:
    """The rules folder that ships with the package (or, in a checkout, the repo's)."""
    packaged = FsPath(str(resources.files("treatylogic") / "rules"))
    if packaged.is_dir():
        return packaged
    checkout = FsPath(__file__).resolve().parents[2] / "rules"
    return checkout


def _short(path: str) -> str:
    """A path for a message: its start and its end when it is very long."""
    if len(path) <= _SHOWN_PATH:
        return path
    return f"{path[:80]}...{path[-(_SHOWN_PATH - 83):]} ({len(path):,} characters)"


def scan_folder(folder: FsPath) -> tuple[list[FsPath], list[Problem]]:
    """The rule files below ``folder`` in a stable order, and what could not be scanned.

    Rule files end in ``.yaml`` or ``.yml``, in any case (``RULES.YAML`` too);
    hidden files and folders (``.git``) are skipped, other files are not rules.
    Nothing else is skipped in silence: a subfolder that cannot be read (no
    permission, a path too long), a link to a folder (not followed: a loop would
    never end) and a folder nested more than ``MAX_FOLDER_DEPTH`` deep are each
    a problem naming the folder and the reason. The walk keeps its own stack, so
    no nesting can exhaust Python's.
    """
    found: list[FsPath] = []
    problems: list[Problem] = []
    stack: list[tuple[FsPath, int]] = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        shown = _display(current, folder) if current != folder else str(folder)
        try:
            with os.scandir(current) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(_short(shown), "cannot read this folder: "
                                    f"{exc.strerror or exc}; its rule files were not loaded"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            path = FsPath(entry.path)
            try:
                is_link = entry.is_symlink()
                is_dir = entry.is_dir()
            except OSError as exc:
                problems.append(Problem(_short(_display(path, folder)),
                                        f"cannot read this entry: {exc.strerror or exc}"))
                continue
            if is_dir and is_link:
                problems.append(Problem(_short(_display(path, folder)),
                                        "a link to a folder, which is not followed (links can "
                                        "loop); give that folder with --rules, or copy it here"))
            elif is_dir and depth + 1 > MAX_FOLDER_DEPTH:
                problems.append(Problem(_short(_display(path, folder)),
                                        f"folders nested more than {MAX_FOLDER_DEPTH} deep; "
                                        "its rule files were not loaded"))
            elif is_dir:
                stack.append((path, depth + 1))
            elif entry.name.lower().endswith((".yaml", ".yml")):
                found.append(path)
    return sorted(found), problems


def rule_files(folder: FsPath) -> list[FsPath]:
    """The ``*.yaml``/``*.yml`` files below ``folder``, in a stable order, hidden ones skipped.

    Raises
    ------
    RulesError
        If part of the folder cannot be scanned (see :func:`scan_folder`).
    """
    found, problems = scan_folder(folder)
    if problems:
        raise RulesError(problems)
    return found


# One per declaration: a million at scale. A named tuple is made in half the time of a
# frozen dataclass (whose __init__ calls object.__setattr__ per field), in as little memory.
class _Origin(NamedTuple):
    """Where one declaration came from: its file (as shown and on disk), its section and its
    index there (``at``: a tuple's ``index`` is its method)."""

    file: str
    path: FsPath
    section: str
    at: int


class _Lines:
    """The positions of values in files already read, found again only when a problem needs them.

    A valid folder's positions are never kept (they cost several times the files'
    size); a problem found after a file was read re-reads that one file.
    """

    def __init__(self) -> None:
        self._read: dict[FsPath, Positions] = {}

    def find(self, path: FsPath, at: Path) -> tuple[int | None, int | None]:
        if path not in self._read:
            try:
                self._read[path] = read_yaml(_read_bytes(path))[1]
            except (YamlError, OSError):  # changed since: the problem stays, without a line
                self._read[path] = Positions()
        return self._read[path].find(at)


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


def _model_at(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` of a rule file, if any."""
    return _model_at_names(tuple(str(p) for p in path if not isinstance(p, int)))


@lru_cache(maxsize=4096)
def _model_at_names(names: tuple[str, ...]) -> type[BaseModel] | None:
    """The model at a path given by its field names only (list indexes change nothing)."""
    model: type[BaseModel] | None = RuleFile
    for part in names:
        if model is None:
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return None
        model = _inner_model(info.annotation)
    return model


def _model_fields(path: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``path`` of a rule file (for 'did you mean')."""
    model = _model_at(path)
    return list(model.model_fields) if model else []


def _field_set(path: tuple[Any, ...]) -> frozenset[str]:
    model = _model_at(path)
    return frozenset(model.model_fields) if model else frozenset()


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def _data_path(loc: tuple[Any, ...], data: object) -> Path:
    """Pydantic's ``loc`` without its union branches and validator names.

    Walks the data the user wrote: a part is kept when it is a key or index there,
    or a field the model allows (a missing one); anything else is pydantic's own.
    """
    kept: list[str | int] = []
    node: object = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and (
                part in node or part in _field_set(tuple(kept))):
            kept.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
    return tuple(kept)


def _describe(value: object) -> str:
    """A user's value in words, short enough for one line."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}" if abs(value) < 10**18 else "a very large number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _quoting_hint(value: object) -> str:
    if isinstance(value, bool | int | float):
        return "; put it in quotes if it is meant as text"
    return ""


#: What the value of a choice field is called, by field name (and its list's name).
_CHOICES = {
    ("effects", "kind"): "effect kind", ("when", "kind"): "effect kind",
    ("rules", "then"): "rule verdict", ("instruments", "kind"): "instrument kind",
    ("actors", "kind"): "actor kind", ("instruments", "form"): "instrument form",
    ("when", "source_kind"): "instrument kind", ("when", "target_kind"): "instrument kind",
    ("when", "grounds_kind"): "instrument kind", ("when", "source_form"): "instrument form",
    ("when", "target_form"): "instrument form",
}
_ID_RULE = "an id uses letters, digits, '.', '_' and '-', and starts with a letter or digit"


def _choice(path: Path, value: object, expected: str) -> str:
    names = [p for p in path if isinstance(p, str)]
    field = names[-1] if names else ""
    owner = names[-2] if len(names) > 1 else ""
    what = _CHOICES.get((owner, field), f"value for {field!r}")
    allowed = re.findall(r"'([^']*)'", expected)
    shown = repr(value) if isinstance(value, str | int | float) and len(repr(value)) < 60 \
        else _describe(value)
    message = f"unknown {what} {shown}"
    hint = closest(str(value).lower(), allowed, n=1) if isinstance(value, str) else []
    if hint:
        message += f"; did you mean {hint[0]!r}?"
    return message + f" (one of: {', '.join(allowed)})"


def _pattern(path: Path, value: object, pattern: str) -> str:
    if pattern in (ID_PATTERN, REF_PATTERN):
        message = f"{_describe(value)} is not a valid id: {_ID_RULE}"
        if pattern == REF_PATTERN:
            message += " (a provision is named 'instrument#provision')"
        fixed = re.sub(r"[^A-Za-z0-9._#-]+", "-", str(value)).strip("-._#")
        if fixed and re.match(pattern, fixed):
            message += f"; did you mean {echo(fixed)}?"
        return message
    allowed = re.findall(r"\w+", pattern.strip("^$()"))
    return f"{_describe(value)} is not allowed here; write one of: {', '.join(allowed)}"


_DATE_FIELDS = {"date", "in_force", "date_before", "date_after"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def _date_hint(text: str) -> str | None:
    """What is wrong with a date a person wrote, where a common slip explains it.

    >>> _date_hint("1919-02-30")
    "'1919-02-30' is not a possible day: February 1919 has no day 30"
    >>> _date_hint("25/07/1919")
    "'25/07/1919' is not an EDTF date; dates are written year first: did you mean '1919-07-25'?"
    """
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if iso:
        year, month, day = map(int, iso.groups())
        if not 1 <= month <= 12:
            return f"{text!r} is not a possible day: there is no month {month}"
        try:
            dt.date(year, month, day)
        except ValueError:
            return (f"{text!r} is not a possible day: {_MONTHS[month - 1]} {year} "
                    f"has no day {day}")
        return None
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text.strip())
    if not numeric:
        return None
    first, second, year = map(int, numeric.groups())
    readings = [f"{year:04d}-{m:02d}-{d:02d}" for d, m in ((first, second), (second, first))
                if 1 <= m <= 12 and 1 <= d <= 31]
    readings = list(dict.fromkeys(readings))
    head = f"{text!r} is not an EDTF date; dates are written year first"
    if not readings:
        return head + " (YYYY-MM-DD)"
    return head + ": did you mean " + " or ".join(map(repr, readings)) + "?"


def _plain_message(kind: str, path: Path, item: dict[str, Any]) -> str:
    """Pydantic's error in a sentence for the person who wrote the file."""
    value = item.get("input")
    ctx = item.get("ctx") or {}
    field = next((p for p in reversed(path) if isinstance(p, str)), "value")
    if kind == "enum":
        return _choice(path, value, str(ctx.get("expected", "")))
    if kind == "string_pattern_mismatch":
        return _pattern(path, value, str(ctx.get("pattern", "")))
    if kind in {"string_type", "str_type"}:
        if value is None:
            return f"{field!r} is empty; write its text"
        return f"{field!r} should be text, not {_describe(value)}{_quoting_hint(value)}"
    if kind in {"tuple_type", "list_type"}:
        return f"{field!r} should be a list ('- item' lines or [a, b]), not {_describe(value)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        fields = _model_fields(path)
        shape = f" with fields such as {', '.join(fields[:4])}" if fields else ""
        return f"this should be a mapping (key: value lines){shape}, not {_describe(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"{field!r} should be true or false, not {_describe(value)}"
    if kind == "value_error":
        error = ctx.get("error")
        text = str(error) if error is not None else str(item.get("msg", ""))
        if isinstance(error, FieldError):
            return text
        if field in _DATE_FIELDS and isinstance(value, str):
            return _date_hint(value) or text
        if field in _DATE_FIELDS:
            return f"{text}, not {_describe(value)}"
        return text.removeprefix("Value error, ")
    message = str(item.get("msg", "invalid value"))
    return f"{message} (got {_describe(value)})" if not isinstance(value, dict | list) else message


def _validation_problems(error: ValidationError, file: str, positions: Positions,
                         data: object) -> list[Problem]:
    found: dict[tuple[Path, str], tuple[str, str]] = {}
    for item in error.errors(include_url=False):
        path = _data_path(tuple(item["loc"]), data)
        error_obj = (item.get("ctx") or {}).get("error")
        if isinstance(error_obj, FieldError):
            path = (*path, *error_obj.at)
        kind = item["type"]
        if kind == "none_required":
            continue  # the other branch of 'X | None' says what is wrong
        if kind == "extra_forbidden":
            message = _unknown_field(path)
        elif kind == "missing":
            message = _missing(path)
        else:
            message = _plain_message(kind, path, dict(item))
        found.setdefault((path, message), (kind, message))
    return _merge_typos(found, file, positions)


def _missing(path: Path) -> str:
    message = f"missing required field {str(path[-1])!r}" if path else "missing field"
    model = _model_at(path[:-1])
    required = [n for n, info in model.model_fields.items() if info.is_required()] if model else []
    return message + (f" (each needs: {', '.join(required)})" if len(required) > 1 else "")


def _unknown_field(path: Path) -> str:
    name = str(path[-1]) if path else "?"
    allowed = _model_fields(path[:-1])
    message = f"unknown field {echo(name)}"
    hint = closest(name, allowed, n=1)
    if hint:
        return message + f"; did you mean {hint[0]!r}?"
    return message + (f"; allowed here: {', '.join(allowed)}" if allowed else "")


def _merge_typos(found: dict[tuple[Path, str], tuple[str, str]], file: str,
                 positions: Positions) -> list[Problem]:
    """Report a misspelt field once: 'unknown field nmae; did you mean name?' covers the
    'missing required field name' that the same typo causes."""
    explained = set()
    for (path, message), (kind, _) in found.items():
        hint = re.search(r"did you mean '([^']+)'\?$", message)
        if kind == "extra_forbidden" and hint:
            explained.add((*path[:-1], hint.group(1)))
    problems = []
    for (path, message), (kind, _) in found.items():
        if kind == "missing" and path in explained:
            continue
        line, column = positions.find(path)
        problems.append(Problem(file, message, line, column, _dotted(path)))
    return problems


def _read_bytes(path: FsPath) -> bytes:
    """At most one byte more than a rule file may hold (a device or FIFO is refused)."""
    if not path.is_file():
        raise YamlError("not a regular file (a device, pipe or broken link?); "
                        "rule files are plain text files")
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def _read_file(path: FsPath, shown: str, failed: set[str] | None = None
               ) -> tuple[RuleFile | None, list[Problem]]:
    """One file's rules, and its problems (each at its line: the file is read again for them).

    A valid file is read once, without positions (they cost several times its
    size); an invalid one is read again with them, for its problems' lines. Of an
    invalid file, the declarations valid one by one are kept (see :func:`_salvage`).
    """
    try:
        data, _ = read_yaml(_read_bytes(path), positions=False)
    except YamlError as exc:
        return None, [Problem(shown, exc.message, exc.line, exc.column)]
    except OSError as exc:
        return None, [Problem(shown, f"cannot read the file: {exc.strerror or exc}")]
    if data is None:
        return RuleFile(), []  # an empty file declares nothing
    error: ValidationError | None = None
    salvaged: RuleFile | None = None
    if isinstance(data, dict):
        try:
            return _compact_rules(RuleFile.model_validate(data)), []
        except ValidationError as exc:
            error = exc
            salvaged = _salvage(data, failed if failed is not None else set())
        except (RecursionError, TreatyLogicError, ValueError, TypeError) as exc:
            return None, [Problem(shown, f"cannot read this file as rules: {str(exc)[:300]}")]
    try:
        data, positions = read_yaml(_read_bytes(path))
    except (YamlError, OSError):  # changed since the first read
        positions = Positions()
    if not isinstance(data, dict) or error is None:
        return None, [Problem(shown, "a rule file is a mapping with any of the keys "
                              + ", ".join(SECTIONS) + f", not {_describe(data)}",
                              *positions.find(()))]
    return salvaged, _validation_problems(error, shown, positions, data)


def _compact_rules(rules: RuleFile) -> RuleFile:
    """The same rules, every declaration in the compact layout (:func:`compact_model`).

    A validated model keeps its fields in a dict of its own (464 bytes for an
    instrument or an effect); a compacted one keeps them in an array whose names
    its class shares, and shares its set of given fields with its equals
    (a set of seven names costs 728 bytes). At 1,000,000 instruments, well over a
    GiB between them. The rule file itself is this load's own and short-lived: its
    lists are replaced by the compacted declarations.
    """
    with _assignable(_declaration_classes()):  # the restorers assign (see _compact)
        for section in (*SECTIONS, "sources"):
            items = getattr(rules, section)
            if items:
                object.__setattr__(rules, section, tuple(_compact(item) for item in items))
    return rules


def _compact(model: Any) -> Any:
    """``model`` and the models it holds (first), compacted (our models have no extra
    fields or private attributes; one that had would be left as it is)."""
    cls = type(model)
    if model.__pydantic_extra__ or model.__pydantic_private__:
        return model
    plan = _PLANS.get(cls)
    if plan is None:
        fast = _assigning_restorer(cls) if cls in _declaration_classes() else None
        plan = _PLANS[cls] = (_dict_getter(cls), fast or _restorer(cls), _nested_fields(cls))
    getter, restore, nested = plan
    values = getter(model.__dict__)  # a validated model's own dict: read once, by name
    if nested:
        changed = list(values)
        for index in nested:
            value = changed[index]
            if isinstance(value, BaseModel):
                changed[index] = _compact(value)
            elif isinstance(value, tuple) and value:  # tuple[Model, ...]
                changed[index] = tuple(map(_compact, value))
        values = tuple(changed)
    return restore(values, shared_fields_set(model.__pydantic_fields_set__))


def _dict_getter(cls: type[BaseModel]) -> Any:
    """Every field's value from a model's ``__dict__``, as a tuple in field order (read in
    C: a quarter cheaper than reading the attributes, each looked up on the class first)."""
    names = tuple(cls.model_fields)
    if len(names) == 1:
        one = operator.itemgetter(names[0])
        return lambda fields: (one(fields),)
    return operator.itemgetter(*names)


#: Per model class: its values getter, its restorer, its fields that hold models.
_PLANS: dict[type[BaseModel], tuple[Any, Any, tuple[int, ...]]] = {}
_NESTED: dict[type[BaseModel], tuple[int, ...]] = {}


def _nested_fields(model: type[BaseModel]) -> tuple[int, ...]:
    """The positions of the fields of ``model`` whose type can hold a model (alone, in a
    tuple, optional), in field order."""
    found = _NESTED.get(model)
    if found is None:
        found = _NESTED[model] = tuple(
            k for k, info in enumerate(model.model_fields.values())
            if _inner_model(info.annotation) is not None)
    return found


def _unexpected(where: str, exc: BaseException) -> RulesError:
    """A last resort, so that a bug of ours still reaches the user as a message."""
    return RulesError([Problem(where, f"{INTERNAL} ({type(exc).__name__}: {str(exc)[:200]}); "
                               "please report it with the file")])


_PATH_HEAD = re.compile(r"^(actors|instruments|doctrines|stances)\[(\d+)\](.*)$")


def _parse_tail(tail: str) -> Path:
    parts: list[str | int] = []
    for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", tail):
        parts.append(int(index) if index else name)
    return tuple(parts)


def load_files(files: list[FsPath], folder: FsPath, into: type[R] = RuleBase,  # type: ignore[assignment]
               *, cache: bool | None = False) -> R:
    """Load and check the given rule files as one corpus.

    With ``cache`` (see :func:`load`), a valid corpus comes from the compiled
    cache (:mod:`treatylogic.cache`) when it holds one for exactly these files,
    and a corpus parsed here is kept there.
    """
    store = _cache_entry(files, folder, into, cache)
    if store is not None:
        cached = store.get()
        if isinstance(cached, into):
            return cached
    corpus, read = _load_files(files, folder, into)
    if store is not None:
        store.put(corpus, read)
    return corpus


def _cache_entry(files: list[FsPath], folder: FsPath, into: type[R],
                 cache: bool | None) -> CompiledCache | None:
    """The cache entry for this load, or None (off, or too small a folder to pay)."""
    if cache is False or not files or not cache_enabled():
        return None
    if into.__init__ is not RuleBase.__init__:
        return None  # a class with its own construction: the cache rebuilds only a rule base
    try:
        if cache is None and sum(f.stat().st_size for f in files) < CACHE_MIN_BYTES:
            return None
        return CompiledCache(files, [_display(f, folder) for f in files], str(folder), into)
    except OSError:  # a file gone or unreadable: the parse reports it
        return None


def _load_files(files: list[FsPath], folder: FsPath, into: type[R]) -> tuple[R, list[FsPath]]:
    """The corpus of the given rule files, and every file read (those included too)."""
    problems: list[Problem] = []
    sections: dict[str, list[Any]] = {s: [] for s in SECTIONS}
    origins: dict[str, list[_Origin]] = {s: [] for s in SECTIONS}
    # section -> id -> where first declared (per section: no key tuple per declaration)
    first_seen: dict[str, dict[str, _Origin]] = {s: {} for s in (*SECTIONS, "sources")}
    queue, seen = list(files), {p.resolve() for p in files}
    registry: dict[str, Source] = {}
    failed: set[str] = set()  # ids of declarations that are invalid (already reported)
    lines = _Lines()  # positions, read again only for the files a problem points into
    for path in queue:  # included files join the queue as it is read
        shown = _display(path, folder)
        rule_file, found = _read_file(path, shown, failed)
        # the collector is paused (see load): free this file's reference cycles now, by
        # scanning only what was made since the last file, so the heap is scanned once
        gc.collect(0)
        problems += found
        if rule_file is None:
            continue
        problems += _include(rule_file, path, shown, lines, queue, seen)
        problems += _register_sources(rule_file, path, shown, lines, registry, first_seen)
        for section in SECTIONS:
            seen_here = first_seen[section]
            for index, item in enumerate(getattr(rule_file, section)):
                key = item.id
                origin = _Origin(shown, path, section, index)
                if key in seen_here:
                    first = seen_here[key]
                    first_line = lines.find(first.path, (section, first.at, "id"))[0]
                    line, column = lines.find(path, (section, index, "id"))
                    problems.append(Problem(shown, f"duplicate {section[:-1]} id "
                                            f"{echo(item.id)}; first declared at "
                                            f"{first.file}:{first_line}",
                                            line, column, f"{section}[{index}].id"))
                    continue
                seen_here[key] = origin
                sections[section].append(item)
                origins[section].append(origin)
    if not files:
        problems.append(Problem(str(folder), "no rule files (*.yaml or *.yml) in this folder"))
    problems += _check_citations(sections, origins, registry, lines)
    try:
        corpus = into(sections["actors"], sections["instruments"], sections["doctrines"],
                        sections["stances"], origin=str(folder), sources=registry.values())
    except RulesError as exc:  # cross-references, reported with the schema problems at once
        problems += _not_explained(failed, [_relocate(p, origins, lines) for p in exc.problems])
    if problems:
        raise RulesError(problems)
    return corpus, queue


def _relocate(problem: Problem, origins: dict[str, list[_Origin]], lines: _Lines) -> Problem:
    """Map a corpus-wide path (``instruments[12]...``) back to its file and line."""
    match = _PATH_HEAD.match(problem.path)
    if not match:
        return problem
    section, index, tail = match.group(1), int(match.group(2)), match.group(3)
    origin = origins[section][index]
    local: Path = (section, origin.at, *_parse_tail(tail))
    line, column = lines.find(origin.path, local)
    return Problem(origin.file, problem.message, line, column, _dotted(local))


def load(path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None, *,
         into: type[R] = RuleBase, cache: bool | None = None) -> R:  # type: ignore[assignment]
    """Load a rules folder (default: ``$TREATYLOGIC_RULES``, else the bundled rule base).

    A single ``.yaml`` file may be given instead of a folder, or a list of
    folders and files, merged into one corpus (a dispute and a shared library).

    ``cache``: None (the default) reads and keeps large folders (``CACHE_MIN_BYTES``
    of rule files or more) in the compiled cache, :mod:`treatylogic.cache`, unless
    ``$TREATYLOGIC_CACHE=off``; True does so for any folder, False never.

    Raises
    ------
    RulesError
        With every problem found, each naming its file, line and field.

    >>> import treatylogic as tl
    >>> len(tl.load().stances) >= 5
    True
    """
    if path is None:
        path = os.environ.get("TREATYLOGIC_RULES") or bundled_rules()
    several = not isinstance(path, str | os.PathLike)
    chosen: list[str | os.PathLike[str]] = [path] if isinstance(path, str | os.PathLike) \
        else list(path)
    shown = ", ".join(str(p) for p in chosen)[:200]
    for one in chosen:
        if isinstance(one, str) and not one.strip():  # Path("") would be the current folder
            raise RulesError([Problem(repr(one), "an empty path is not a rules folder; give a "
                                      "folder (use '.' for the current one)")])
        if "\0" in str(one):
            raise RulesError([Problem(repr(str(one)[:200]),
                                      "a path cannot contain a NUL character")])
    paused = gc.isenabled()
    gc.disable()  # loading makes millions of objects and frees few: the collector would
    try:          # scan them again and again (a third of the time at 30,000 problems)
        if several:
            return _load_several([FsPath(p) for p in chosen], into, cache)
        return _load(FsPath(chosen[0]), into, cache)
    except RulesError:
        raise
    except OSError as exc:  # e.g. a folder we may not list
        message = f"cannot open this path: {exc.strerror or exc}"
        raise RulesError([Problem(shown, message)]) from None
    except Exception as exc:  # the promise: nothing but RulesError escapes, even a bug of ours
        raise _unexpected(shown, exc) from exc
    finally:
        _into_oldest_generation()
        if paused:
            gc.enable()


def _into_oldest_generation() -> None:
    """Hand what the load made to the collector's oldest generation without scanning it.

    The load runs with the collector paused, collecting each file's young objects as it
    goes (so their survivors wait in the middle generation): the first collection after
    it would scan all of them at once, a whole corpus (a quarter of a second at 100,000
    instruments), only to move them to the oldest generation, where a full collection
    scans them again later. ``gc.freeze()`` then ``gc.unfreeze()`` moves every tracked
    object there directly, scanning nothing; the full collections to come scan them as
    before (garbage among them is found there, nothing is kept alive). Not done when the
    program has frozen objects of its own (unfreezing would release them too).
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _load(folder: FsPath, into: type[R], cache: bool | None = None) -> R:
    if folder.is_file():
        return load_files([folder], folder.parent, into, cache=cache)
    if not folder.is_dir():
        raise RulesError([Problem(str(folder), "no such rules folder")])
    files, problems = scan_folder(folder)
    if problems:
        raise RulesError(problems)
    if len(files) > MAX_FILES:
        raise RulesError([Problem(str(folder), f"more than {MAX_FILES:,} rule files; "
                                  "is this the right folder?")])
    return load_files(files, folder, into, cache=cache)


# ------------------------------------------------- several folders, include, sources
#: ``include: [treatylogic:NAME]`` names a folder of the library shipped with treatylogic.
LIBRARY_PREFIX = "treatylogic:"


def library(name: str = "") -> FsPath:
    """The folder of rule files shipped with treatylogic (``treatylogic:NAME`` in ``include``)."""
    root = FsPath(str(resources.files("treatylogic") / "library"))
    return root / name if name else root


def _load_several(paths: list[FsPath], into: type[R], cache: bool | None = None) -> R:
    """Several rules folders (or files) as one corpus; a file reached twice is read once."""
    if not paths:
        raise RulesError([Problem("<no rules>", "no rules folder given")])
    files: list[FsPath] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += rule_files(path)
        else:
            raise RulesError([Problem(str(path), "no such rules folder")])
    unique = list({f.resolve(): f for f in files}.values())
    common = FsPath(os.path.commonpath([str(p.resolve()) for p in paths]))
    return load_files(unique, common if common.is_dir() else common.parent, into,
                      cache=cache)


def _include(rule_file: RuleFile, path: FsPath, shown: str, lines: _Lines,
             queue: list[FsPath], seen: set[FsPath]) -> list[Problem]:
    """Queue the files a rule file includes (each once); a missing one is a located problem."""
    problems = []
    for index, entry in enumerate(rule_file.include):
        if entry.startswith(LIBRARY_PREFIX):
            target = library(entry.removeprefix(LIBRARY_PREFIX))
        else:
            target = (path.parent / entry)
        if target.is_dir():
            found = rule_files(target)
        elif target.is_file():
            found = [target]
        else:
            known = sorted(p.name for p in library().iterdir()) if library().is_dir() else []
            hint = (f" (the library holds: {', '.join(known)})"
                    if entry.startswith(LIBRARY_PREFIX) else "")
            problems.append(Problem(shown, f"included {entry!r} is not a rules file or folder"
                                    + hint, *lines.find(path, ("include", index)),
                                    f"include[{index}]"))
            continue
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                queue.append(file)
    return problems


def _register_sources(rule_file: RuleFile, path: FsPath, shown: str, lines: _Lines,
                      registry: dict[str, Source], first_seen: dict[str, dict[str, _Origin]]
                      ) -> list[Problem]:
    """Add a file's ``sources:`` entries to the registry; an id declared twice is a problem."""
    problems = []
    for index, source in enumerate(rule_file.sources):
        key = source.id
        if key in first_seen["sources"]:
            first = first_seen["sources"][key]
            first_line = lines.find(first.path, ("sources", first.at, "id"))[0]
            line, column = lines.find(path, ("sources", index, "id"))
            problems.append(Problem(shown, f"duplicate source id {echo(source.id)}; first "
                                    f"declared at {first.file}:{first_line}", line, column,
                                    f"sources[{index}].id"))
            continue
        first_seen["sources"][key] = _Origin(shown, path, "sources", index)
        registry[source.id] = source
    return problems


def _check_citations(sections: dict[str, list[Any]], origins: dict[str, list[_Origin]],
                     registry: dict[str, Source], lines: _Lines) -> list[Problem]:
    """Once a registry exists, every citation must begin with one of its ids."""
    if not registry:
        return []
    problems = []
    for section in SECTIONS:
        for item, origin in zip(sections[section], origins[section], strict=True):
            for tail, text in citations(item):
                name = cited_id(text)
                if name in registry:
                    continue
                local: Path = (section, origin.at, *tail)
                shown = repr(text) if len(text) <= 60 else repr(text[:57] + "...")
                message = (f"unknown source {name!r} in {shown}" if name
                           else f"citation {shown} does not start with a source id")
                hint = closest(name or text, registry, n=1)
                message += (f"; did you mean {hint[0]!r}?" if hint else "") + \
                    " (a citation is 'SOURCE-ID' or 'SOURCE-ID, locator'; see the sources: list)"
                problems.append(Problem(origin.file, message, *lines.find(origin.path, local),
                                        _dotted(local)))
    return problems


_MODELS: dict[str, type[BaseModel]] = {"actors": Actor, "instruments": Instrument,
                                       "doctrines": Doctrine, "stances": Stance,
                                       "sources": Source}
_UNKNOWN = re.compile(r"^unknown [a-z ]+ '([^']+)'")


def _salvage(data: dict[str, Any], failed: set[str]) -> RuleFile:
    """The declarations of an invalid file that are valid one by one (for cross-checks).

    Their problems are already reported; what survives lets the cross-reference
    checks run in the same pass. Ids written in the declarations that failed go
    to ``failed``, so that references to them are not reported as unknown too.
    """
    kept: dict[str, list[Any]] = {}
    for section, model in _MODELS.items():
        items = data.get(section)
        if not isinstance(items, list):
            continue
        kept[section] = []
        for item in items:
            try:
                kept[section].append(model.model_validate(item))
            except (ValidationError, TreatyLogicError, ValueError, TypeError, RecursionError):
                failed.update(_raw_ids(item))
    try:
        return RuleFile(**kept)
    except (ValidationError, ValueError, TypeError):
        return RuleFile()


def _raw_ids(item: object) -> set[str]:
    """Every ``id`` written in a declaration that failed (its own, its effects', ...)."""
    found: set[str] = set()
    if isinstance(item, dict):
        if isinstance(item.get("id"), str | int):
            found.add(str(item["id"]))
        for value in item.values():
            found |= _raw_ids(value)
    elif isinstance(item, list):
        for value in item:
            found |= _raw_ids(value)
    return found


def _not_explained(failed: set[str], cross: list[Problem]) -> list[Problem]:
    """Cross-reference problems not caused by a declaration already reported as invalid."""
    kept = []
    for problem in cross:
        match = _UNKNOWN.match(problem.message)
        name = match.group(1) if match else None
        if name is not None and (name in failed or name.split("#")[0] in failed):
            continue
        kept.append(problem)
    return kept
