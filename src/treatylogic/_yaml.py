"""Safe YAML reading that remembers where every value came from.

The composer (libyaml's when present) gives nodes with marks; we build plain
data from them ourselves, so nothing is ever constructed from a tag, dates stay
strings for EDTF, and alias expansion ("billion laughs") is bounded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # the C loader is several times faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]

#: Bounds that keep a hostile file harmless.
MAX_BYTES = 8 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64


class YamlProblem(Exception):
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


def _scalar(node: yaml.ScalarNode) -> object:
    tag = node.tag
    value = node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return _BOOL.get(value.lower(), value)
    if tag.endswith(":int"):
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


def _check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem("a tab in the indentation; YAML indents with spaces only",
                              number, indent.index("\t") + 1)


def read_yaml(raw: bytes) -> tuple[object, Positions]:
    """Parse one file's bytes into plain data and the positions of its values."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"the file is {len(raw):,} bytes; rule files are limited to {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                          line, column) from None
    text = text.removeprefix("\ufeff")
    _check_tabs(text)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "malformed YAML"
        raise YamlProblem(f"malformed YAML: {message}",
                          mark.line + 1 if mark else None, mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"malformed YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting too deep (more than {MAX_DEPTH} levels)") from None
    positions = Positions()
    if root is None:
        return None, positions
    budget = [MAX_NODES]
    data = _build(root, (), positions, budget, 0)
    return data, positions


def _build(node: yaml.Node, path: Path, positions: Positions, budget: list[int], depth: int) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlProblem(f"the document expands to more than {MAX_NODES:,} values "
                          "(too many aliases?); rule files must stay small")
    if depth > MAX_DEPTH:
        raise YamlProblem(f"nesting too deep (more than {MAX_DEPTH} levels)",
                          node.start_mark.line + 1, node.start_mark.column + 1)
    positions.at.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), positions, budget, depth + 1)
                for i, item in enumerate(node.value)]
    mapping: dict[object, object] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlProblem("a key must be a plain name, not a list or mapping",
                              key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        key = _scalar(key_node)
        key = key if isinstance(key, str) else str(key)
        if key in mapping:
            raise YamlProblem(f"the key {key!r} appears twice in one mapping",
                              key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        positions.at[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        mapping[key] = _build(value_node, (*path, key), positions, budget, depth + 1)
    return mapping
