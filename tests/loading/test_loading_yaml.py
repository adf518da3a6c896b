"""The one-loop reader of plain YAML gives the event builder's data, and leaves it the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from treatylogic import _yaml
from treatylogic.loading import bundled_rules, rule_files
from treatylogic.synth import write_rules

SNIPPETS = [
    "", "---\n", "a: 1\n", "a: [1, 2.5, -3, 0x1f, 1_000, .inf, ~, null, true, yes, No, off]\n",
    "a: '1'\nb: \"true\"\nc: ! 12\nd: 2024-09-02\ne: '2024-09-02'\n",
    "- a\n- - b\n  - {c: d, e: [f, g]}\n- ''\n- \n", "x:\n  y:\n    z: |\n      text\n      more\n",
    "k: >\n  folded\n  text\n", "k: v # comment\n", "1: one\ntrue: yes\nnull: x\n",
    "? complex\n: value\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !custom 1\n",
    "a: 1\na: 2\n", "<<: {a: 1}\n", "'<<': 1\n", "[a, b]: c\n", "--- 1\n--- 2\n",
    "a: [1, 2\n", "a:\n\t- b\n", "a: b: c\n", "a: 1\n" + "[" * 70 + "]" * 70 + "\n",
    "x: " + "9" * 80 + "\n", "a: \"\\u00e9t\\u00e9\"\nb: caf\u00e9\n",
    # a plain scalar's value is remembered by its text: the same text quoted stays text
    "a: [1, '1', 1, yes, 'yes', yes, ~, '~', null, 2.5, '2.5', 2.5]\nb: {1: 1, yes: '1'}\n",
    "- {a: b}\n- {a: b, b: a}\n- [a, b, a]\n",
    # first characters that start an implicit type, and some that start none (text at once)
    "a: [Instrument x, state-1, f0-t0, true, false, ~, 12, .5, -3, +4, =, Yes, off, ok, Null,"
    " 0o7, 0b1, 1e3, '', ' ', Zulu, _x, \u00e9t\u00e9, 1:30, 2024-09-02T10:00:00Z]\n",
]


def _builder(text: str) -> object:
    loader = _yaml._Loader(text)
    try:
        return _yaml._Builder(loader, False).document()[0]
    except yaml.YAMLError as exc:
        return ("error", _yaml._parser_problem(exc).message)
    except _yaml.YamlError as exc:
        return ("error", exc.message, exc.line, exc.column)
    finally:
        loader.dispose()


def _read(text: str) -> object:
    try:
        return _yaml.read_yaml(text.encode(), positions=False)[0]
    except _yaml.YamlError as exc:
        return ("error", exc.message) if exc.message.startswith("malformed") else \
            ("error", exc.message, exc.line, exc.column)


@pytest.mark.parametrize("text", SNIPPETS)
def test_a_snippet_reads_as_the_builder_reads_it(text):
    """Plain or not, valid or not: the same data, or the same message at the same place."""
    if "\t" in text:  # refused before either reader runs
        assert ("error",) == _read(text)[:1]
        return
    assert repr(_builder(text)) == repr(_read(text))


def test_every_bundled_and_synthetic_file_reads_as_the_builder_reads_it(tmp_path: Path):
    """The bundled rules (one uses an alias: the builder reads it) and a synthetic folder
    (plain: the one-loop reader reads every file) give the builder's data."""
    synthetic = write_rules(tmp_path, 300, stances=3, seed=1)
    plain = []
    for file in rule_files(bundled_rules()) + synthetic:
        text = file.read_text(encoding="utf-8")
        assert repr(_builder(text)) == repr(_read(text)), file
        loader = _yaml._Loader(text)
        try:
            _yaml._plain_document(loader)
            plain.append(file)
        except _yaml._NotPlainError:
            pass
        finally:
            loader.dispose()
    assert set(synthetic) <= set(plain)


def test_a_tab_in_indentation_is_found_on_any_line_ending():
    """The one-search tab check names the same line and column as the line-by-line one."""
    for text, where in [("a:\n\t- b\n", (2, 1)), ("a:\n  \tb: 1\n", (2, 3)),
                        ("a: 1\r  \tb: 2\n", (2, 3)), ("a: 'x\ty'\n", None)]:
        try:
            _yaml._check_text(text)
            found = None
        except _yaml.YamlError as exc:
            found = (exc.line, exc.column)
        assert where == found


class _ShallowScanner(yaml.SafeLoader):
    """A parser with libyaml 0.2.6's habit: it refuses deep flow nesting while reading ahead,
    before it hands over the events of the levels that lead there."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refuses = "[" * 100 in text

    def get_event(self):  # type: ignore[no-untyped-def]
        if self.refuses:
            raise yaml.scanner.ScannerError("while increasing flow level", None,
                                            "exceeded maximum nesting depth", None)
        return super().get_event()


@pytest.mark.parametrize("positions", [True, False])
def test_a_parser_that_refuses_depth_itself_still_gets_the_loaders_message(monkeypatch, positions):
    """Whichever parser is installed, too deep a flow is refused at the level that passes the
    bound, in the loader's words (PyYAML 6.0.4's libyaml stops at level 1,000 in its scanner)."""
    monkeypatch.setattr(_yaml, "_Loader", _ShallowScanner)
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.read_yaml(b"key: " + b"[" * 2000, positions=positions)
    assert (caught.value.message, caught.value.line, caught.value.column) == (
        f"nesting too deep (more than {_yaml.MAX_DEPTH} levels)", 1, 6 + _yaml.MAX_DEPTH - 1)


def test_a_parser_error_that_is_not_depth_is_not_read_twice(monkeypatch):
    """Only the depth refusal sends the text to the second parser; other errors keep theirs."""
    monkeypatch.setattr(_yaml, "_Loader", _ShallowScanner)
    monkeypatch.setattr(_yaml, "_PyLoader", None)  # reading again would fail loudly
    with pytest.raises(_yaml.YamlError) as caught:
        _yaml.read_yaml(b"a: [1, 2\n")
    assert (caught.value.message, caught.value.line) == (
        "malformed YAML: a '[' list that is not closed with ']' (the parser says: while "
        "parsing a flow sequence expected ',' or ']', but got '<stream end>')", 2)


MALFORMED = ["a: [1, 2\n", "a: {b: 1\n", "a: 1\n b: 2\nc\n", "a: \"x\n", "a: @x\n",
             "a: \"\\q\"\n", "a:\n  - b\n c: d\n", "a: b: c\n"]


def _hint(loader_class: type, text: str) -> tuple[str, bool]:
    """The plain words of the message, and whether they are a hint (the parser's own words
    then follow in brackets)."""
    loader = loader_class(text)
    try:
        _yaml._Builder(loader, False).document()
    except yaml.YAMLError as exc:
        message = _yaml._parser_problem(exc).message
        return message.split(" (the parser says")[0], " (the parser says: " in message
    finally:
        loader.dispose()
    return "read", False


@pytest.mark.parametrize("text", MALFORMED)
def test_both_parsers_malformed_yaml_gets_the_same_plain_words(text):
    """libyaml and PyYAML's Python parser word their complaints differently; the user reads
    the same plain hint from either (the Python one reads deep files, and PyYAML may be
    built without libyaml)."""
    hinted = _hint(_yaml._Loader, text)
    assert (hinted, True) == (_hint(yaml.SafeLoader, text), hinted[1])
