"""Safe YAML reading that remembers where every value came from.

We read the parser's event stream (libyaml's when present) and build plain
data from it ourselves, without recursion: nothing is ever constructed from a
tag, dates stay strings for EDTF, and nesting depth, alias expansion ("billion
laughs") and size are bounded before they can cost time or memory. (libyaml's
own composer recurses in C and crashes the interpreter on deep nesting, so it
is never used.)

>>> data, positions = read_yaml(b"actors:\\n  - id: a\\n")
>>> data, positions.find(("actors", 0, "id"))
({'actors': [{'id': 'a'}]}, (2, 5))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

from .errors import echo

try:  # the C parser is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
#: The pure-Python parser hands over events one by one, however deep the file nests.
_PyLoader = yaml.SafeLoader

Path = tuple[str | int, ...]

#: Bounds that keep a hostile file harmless.
MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64
#: Longer integers stay text: converting them costs quadratic time, and no rule needs them.
MAX_INT_DIGITS = 64

_CORE = "tag:yaml.org,2002:"
_STR = f"{_CORE}str"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in
                 ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")} | {"!"}
#: Characters YAML forbids in a document (the C0/C1 controls except tab and newlines).
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: Plain words for the parser's most common complaints (libyaml's words, and where the
#: Python parser words it otherwise, its own: a parser without libyaml, or a deep file).
_HINTS = (
    ("mapping values are not allowed", "a ':' where none can stand; put text that contains "
     "': ' in quotes, or check the indentation of this line"),
    ("did not find expected key", "this line does not line up with the keys above it; "
     "check its indentation"),
    ("block mapping expected <block end>", "this line does not line up with the keys above "
     "it; check its indentation"),
    ("expected <block end>", "this line does not line up with the lines above it; "
     "check its indentation"),
    ("did not find expected '-' indicator", "a list item that does not line up with the "
     "items above it; check its indentation"),
    ("expected ',' or ']'", "a '[' list that is not closed with ']'"),
    ("expected ',' or '}'", "a '{' mapping that is not closed with '}'"),
    ("found unexpected end of stream", "the file ends inside a quoted text; close the quote"),
    ("that cannot start any token", "a character that cannot begin a value "
     "here (such as '@', '`' or '%'); put the value in quotes"),
    ("found undefined alias", "an alias (*name) with no anchor (&name) before it"),
    ("found unknown escape character", "an unknown backslash escape in double quotes; "
     "use single quotes or write '\\\\'"),
    ("expected a single document", "more than one YAML document ('---') in one file; "
     "keep one per file"),
)


class YamlError(Exception):
    """A file that cannot be read as data; line and column are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Positions:
    """Where each path of a document stands: (line, column), 1-based."""

    at: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def find(self, path: Path) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        while True:
            if path in self.at:
                return self.at[path]
            if not path:
                return None, None
            path = path[:-1]


_BOOL = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}


def _scalar(tag: str, value: str) -> object:
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _BOOL.get(value.lower(), value)
    if tag.endswith(":int") and len(value) <= MAX_INT_DIGITS:
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag.endswith(":float"):
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value  # str, and timestamps kept as text (dates are EDTF strings)


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _check_text(text: str) -> None:
    """Refuse control characters and tabs in indentation, naming the line."""
    bad = _FORBIDDEN.search(text)
    if bad:
        char = bad.group()
        raise YamlError(f"a control character (U+{ord(char):04X}) in the text; remove it "
                          "(YAML allows tabs and newlines only)", *_where(text, bad.start()))
    if "\t" not in text or (not _OTHER_BREAKS.search(text)
                            and not _TAB_INDENT.search(text)):
        return  # no tab in any indentation (lines broken by '\n' only: one search says so)
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlError("a tab in the indentation; YAML indents with spaces only",
                              number, indent.index("\t") + 1)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlError(f"the file is {len(raw):,} bytes; rule files are limited to "
                          f"{MAX_BYTES:,} (split it into several files)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as "
                          "UTF-8", line, column) from None
    return text.removeprefix("\ufeff")


def _parser_problem(exc: yaml.YAMLError) -> YamlError:
    """A parser error in plain words, at its line and column."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        said = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "malformed YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    else:
        said, line, column = str(exc).splitlines()[0] if str(exc) else "malformed YAML", None, None
    plain = next((hint for key, hint in _HINTS if key in said), None)
    message = f"malformed YAML: {plain} (the parser says: {said})" if plain else \
        f"malformed YAML: {said}"
    return YamlError(message, line, column)


def read_yaml(raw: bytes, *, positions: bool = True) -> tuple[object, Positions]:
    """Parse one file's bytes into plain data and the positions of its values.

    With ``positions=False`` no position is kept (the Positions is empty): a
    file that turns out valid needs none, and they cost several times its size.

    Raises
    ------
    YamlError
        For anything that is not one small, plain YAML document.
    """
    text = _decode(raw)
    _check_text(text)
    if not positions:
        loader = _Loader(text)
        try:
            return _plain_document(loader), Positions()
        except (_NotPlainError, yaml.YAMLError):
            pass  # read again below, for the exact message and its position
        finally:
            loader.dispose()
    try:
        return _build(_Loader, text, positions)
    except yaml.YAMLError as exc:
        if _Loader is _PyLoader or not _refuses_depth(exc):
            raise _parser_problem(exc) from None
    # libyaml (0.2.6, in PyYAML 6.0.4's wheels) refuses a deep flow in its scanner, reading
    # ahead of the events: the Python parser delivers them, so the depth bound names the
    # level where the nesting passes it, as it does for block nesting.
    try:
        return _build(_PyLoader, text, positions)
    except yaml.YAMLError as exc:
        raise _parser_problem(exc) from None


def _build(loader_class: Any, text: str, positions: bool) -> tuple[object, Positions]:
    loader = loader_class(text)
    try:
        return _Builder(loader, positions).document()
    finally:
        loader.dispose()


def _refuses_depth(exc: yaml.YAMLError) -> bool:
    """Whether the parser stopped at its own nesting bound (a bound beyond the loader's)."""
    return "maximum nesting depth" in str(exc)


class _NotPlainError(Exception):
    """Something :func:`_plain_document` leaves to :class:`_Builder` (and its messages)."""


_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, \
    yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_STREAM_END, _DOCUMENT_START, _DOCUMENT_END = yaml.StreamEndEvent, yaml.DocumentStartEvent, \
    yaml.DocumentEndEvent
_STREAM_START = yaml.StreamStartEvent


def _plain_document(loader: Any) -> object:
    """The data of a plain document, in one loop: no anchor, alias, tag, duplicate key,
    merge key, second document, nesting or size past the bounds (:class:`_Builder` reads
    those, with its messages). The same data as :class:`_Builder` gives
    (``tests/loading/test_loading_yaml.py``), several times faster: a large corpus
    is millions of events.

    Raises
    ------
    _NotPlainError
        For anything else.
    """
    get = loader.get_event
    resolve = loader.resolve
    scalar_node = yaml.ScalarNode
    plain: dict[str, object] = {}  # plain scalars repeat (kinds, forms, actor ids): their values
    # a plain scalar whose first character starts none of the parser's implicit types is
    # text: what resolve() answers for it (ids and titles, mostly), without calling it
    types = loader.yaml_implicit_resolvers
    starts: Any = types if None not in types and not loader.yaml_path_resolvers else None
    missing = _MISSING
    # the container being read (None: the document's top), whether it is a mapping, the key
    # whose value comes next there (None: a key comes next), and those of its parents
    container: Any = None
    is_map = False
    key: str | None = None
    stack: list[tuple[Any, bool, str | None]] = []
    result: object = None
    budget = MAX_NODES
    documents = 0
    while True:
        event = get()
        kind = type(event)
        if kind is _SCALAR:
            budget -= 1
            tag = event.tag
            if event.anchor is not None or (tag is not None and tag != "!"):
                raise _NotPlainError
            text = event.value
            if is_map and key is None:  # a key
                if text in container or (text == "<<" and event.implicit[0]):
                    raise _NotPlainError
                key = text
                continue
            if tag is None and event.implicit[0]:  # plain: its type depends on its text only
                if starts is not None and text and text[0] not in starts:
                    value: object = text
                else:
                    value = plain.get(text, missing)
                    if value is missing:
                        found = resolve(scalar_node, text, event.implicit)
                        value = plain[text] = text if found == _STR else _scalar(found, text)
            else:  # quoted, or tagged '!': always text
                value = text
        elif kind is _MAPPING_START or kind is _SEQUENCE_START:
            budget -= 1
            tag = event.tag
            if event.anchor is not None or (tag is not None and tag != "!") or \
                    len(stack) >= MAX_DEPTH:
                raise _NotPlainError
            if is_map and key is None:
                raise _NotPlainError  # a collection as a key
            stack.append((container, is_map, key))
            is_map = kind is _MAPPING_START
            container = {} if is_map else []
            key = None
            continue
        elif kind is _MAPPING_END or kind is _SEQUENCE_END:
            value = container
            container, is_map, key = stack.pop()
        elif kind is _DOCUMENT_START:
            documents += 1
            if documents > 1:
                raise _NotPlainError
            continue
        elif kind is _STREAM_END:
            if budget < 0:
                raise _NotPlainError
            return result
        elif kind is _DOCUMENT_END or kind is _STREAM_START:
            continue
        else:  # an alias, or an event this loop does not know
            raise _NotPlainError
        if container is None:
            result = value
        elif is_map:
            container[key] = value
            key = None
        else:
            container.append(value)


#: No value yet (None is a value: YAML's null).
_MISSING = object()


@dataclass
class _Open:
    """A sequence or mapping still being read."""

    value: list[object] | dict[str, object]
    path: Path
    anchor: str | None
    nodes: int = 1
    key: str | None = None  # in a mapping: the key whose value comes next


@dataclass
class _Anchored:
    value: object
    nodes: int


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


class _Builder:
    """Plain data from parser events, one event at a time (no recursion)."""

    def __init__(self, loader: Any, track: bool = True) -> None:  # CSafeLoader or SafeLoader
        self.loader = loader
        self.track = track
        self.positions = Positions()
        self.budget = MAX_NODES
        self.anchors: dict[str, _Anchored] = {}
        self.stack: list[_Open] = []
        self.result: object = None
        self.done = False

    def document(self) -> tuple[object, Positions]:
        loader = self.loader
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError("more than one YAML document ('---') in one file; "
                                      "keep one per file", *_mark(event))
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent | yaml.CollectionStartEvent
                            | yaml.CollectionEndEvent):
                self._on(event)
        return self.result, self.positions

    def _spend(self, nodes: int, event: yaml.Event) -> None:
        self.budget -= nodes
        if self.budget < 0:
            raise YamlError(f"the file holds, or its aliases expand to, more than {MAX_NODES:,} "
                              "values; rule files must stay small (split it into several files)",
                              *_mark(event))

    def _tag(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise YamlError(f"the YAML tag {echo(tag)} is not allowed in rule files; "
                              "write plain values", *_mark(event))

    def _on(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.CollectionEndEvent):
            self._close()
            return
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            self._key(top, event)
            return
        path = self._next_path(top)
        if self.track:
            self.positions.at.setdefault(path, _mark(event))
        if isinstance(event, yaml.AliasEvent):
            self._attach(*self._alias(event))
        elif isinstance(event, yaml.ScalarEvent):
            self._tag(event)
            self._spend(1, event)
            value = _scalar(self._resolve(event), event.value)
            if event.anchor:
                self.anchors[event.anchor] = _Anchored(value, 1)
            self._attach(value)
        else:  # what is left is the start of a mapping or a sequence
            self._open(cast(yaml.CollectionStartEvent, event), path)

    def _resolve(self, event: yaml.ScalarEvent) -> str:
        if event.tag not in (None, "!"):
            return event.tag
        if event.tag == "!" or not event.implicit[0]:
            return f"{_CORE}str"  # quoted: always text
        return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)

    def _next_path(self, top: _Open | None) -> Path:
        if top is None:
            return ()
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        return (*top.path, top.key)  # type: ignore[arg-type]

    def _key(self, top: _Open, event: yaml.Event) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            raise YamlError("a key must be a plain name, not a list, a mapping or an alias",
                              *_mark(event))
        self._tag(event)
        self._spend(1, event)
        key = event.value  # as written: 'yes' and '1' stay names, not true and 1
        if key == "<<" and event.implicit[0]:
            raise YamlError("YAML merge keys ('<<') are not supported in rule files; "
                            "write the fields out", *_mark(event))
        if key in top.value:
            raise YamlError(f"the key {echo(key)} appears twice in one mapping; keep one",
                              *_mark(event))
        top.key = key
        top.nodes += 1
        if self.track:
            self.positions.at[(*top.path, key)] = _mark(event)

    def _open(self, event: yaml.CollectionStartEvent, path: Path) -> None:
        self._tag(event)
        self._spend(1, event)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(f"nesting too deep (more than {MAX_DEPTH} levels)", *_mark(event))
        container: list[object] | dict[str, object] = (
            [] if isinstance(event, yaml.SequenceStartEvent) else {})
        self.stack.append(_Open(container, path, event.anchor))

    def _close(self) -> None:
        done = self.stack.pop()
        if done.anchor:
            self.anchors[done.anchor] = _Anchored(done.value, done.nodes)
        self._attach(done.value, done.nodes)

    def _alias(self, event: yaml.AliasEvent) -> tuple[object, int]:
        anchored = self.anchors.get(event.anchor or "")  # an alias always names its anchor
        if anchored is None:
            if any(o.anchor == event.anchor for o in self.stack):
                raise YamlError(f"the alias *{event.anchor} refers to the block that "
                                  "contains it", *_mark(event))
            raise YamlError(f"the alias *{event.anchor} has no anchor &{event.anchor} "
                              "before it", *_mark(event))
        self._spend(anchored.nodes, event)
        return anchored.value, anchored.nodes

    def _attach(self, value: object, nodes: int = 1) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        top.nodes += nodes
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[top.key] = value  # type: ignore[index]
            top.key = None
