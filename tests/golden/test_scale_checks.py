"""Issue 17, checks at scale: indexed "did you mean", capped messages, shared continuity
lines, capped echo, exports by id. Timings are measured in benchmarks/, not here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import treatylogic as tl
from treatylogic.cli import app
from treatylogic.errors import MAX_SHOWN, NameIndex


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.yaml").write_text(text, encoding="utf-8")
    return folder


def _typos(count: int) -> str:
    lines = ["actors:", "  - {id: a0, name: A, kind: state}", "  - {id: a1, name: B, kind: state}",
             "instruments:"]
    for i in range(count):
        lines.append(f"  - {{id: inst-{i:05d}, title: T, kind: treaty, form: bilateral, "
                     f"parties: [a0, a1], date: '1950', effects: [{{id: e{i}, kind: terminate, "
                     f"target: inst-{(i + 1) % count:05d}x}}]}}")
    return "\n".join(lines) + "\n"


def test_thousands_of_misspelt_targets_each_get_their_suggestion(tmp_path: Path) -> None:
    """3,000 misspelt targets: 3,000 problems, each suggesting the id one letter away."""
    with pytest.raises(tl.RulesError) as caught:
        tl.load(_write(tmp_path / "typos", _typos(3000)))
    expected = [f"unknown target instrument 'inst-{(i + 1) % 3000:05d}x'; "
                f"did you mean 'inst-{(i + 1) % 3000:05d}'?" for i in range(3000)]
    assert expected == [p.message for p in caught.value.problems]


def test_a_long_list_of_problems_is_cut_with_a_count(tmp_path: Path) -> None:
    """The error's text lists the first problems and counts the rest."""
    with pytest.raises(tl.RulesError) as caught:
        tl.load(_write(tmp_path / "typos", _typos(500)))
    lines = str(caught.value).splitlines()
    expected = ("500 problems in the rule files:", MAX_SHOWN + 2,
                f"  ... and {500 - MAX_SHOWN:,} more (`validate --format json` lists them all)")
    assert expected == (lines[0], len(lines), lines[-1])


def test_the_name_index_finds_one_edit_away_among_many() -> None:
    """Above 64 names the index answers from names one edit away, best first."""
    index = NameIndex(f"treaty-{i}" for i in range(5000))
    expected = (["treaty-17"], ["treaty-4999"], [])
    assert expected == (index.closest("traety-17"), index.closest("treaty-4999x", n=1),
                        index.closest("x" * 1000))


def test_a_5000_actor_continuity_chain_shares_one_line(tmp_path: Path) -> None:
    """5,000 actors each continuing the one before: every actor's line is the whole chain (loaded near-linearly)."""
    lines = ["actors:"]
    for i in range(5000):
        follows = f", continues: [a{i - 1}]" if i else ""
        lines.append(f"  - {{id: a{i}, name: A{i}, kind: state{follows}}}")
    corpus = tl.load(_write(tmp_path / "chain", "\n".join(lines) + "\n"))
    expected = (5000, 5000, 5000)
    assert expected == (len(corpus.lineage("a2500")), len(corpus.lineage("a0")),
                        len(corpus.lineage("a4999")))


def test_a_3_mb_unknown_id_is_echoed_in_a_few_dozen_characters(tmp_path: Path) -> None:
    """An unknown id of 3,000,000 characters is cut in the message, with its length."""
    huge = "x" * 3_000_000
    text = ("actors:\n  - {id: a0, name: A, kind: state}\n  - {id: a1, name: B, kind: state}\n"
            f"instruments:\n  - {{id: t, title: T, kind: treaty, form: bilateral, "
            f"parties: [a0, {huge}], date: '1950'}}\n")
    with pytest.raises(tl.RulesError) as caught:
        tl.load(_write(tmp_path / "huge", text))
    expected = ["unknown actor '" + "x" * 75 + "...' (3,000,000 characters)"]
    assert expected == [p.message for p in caught.value.problems]


COMMANDS = [["graph", "--format", "dot"], ["graph", "--format", "mermaid"],
            ["graph", "--format", "graphml"], ["export", "asp"]]


def test_exports_are_the_same_bytes_under_any_file_layout(tmp_path: Path) -> None:
    """DOT, Mermaid, GraphML and ASP: identical when the rule files are renamed and reordered."""
    seed = Path(__file__).parents[1] / "fuzz" / "seed_rules"
    corpus = tl.load(seed)
    items = [yaml.safe_dump({"instruments": [inst.model_dump(mode="json", exclude_defaults=True)]})
             for inst in corpus.instruments.values()]
    first, second = tmp_path / "in-order", tmp_path / "reversed"
    for folder, names in ((first, range(len(items))), (second, reversed(range(len(items))))):
        folder.mkdir()
        for path in seed.glob("*.yaml"):
            if path.name != "instruments.yaml":
                (folder / path.name).write_bytes(path.read_bytes())
        for number, text in zip(names, items, strict=True):
            (folder / f"i{number:03d}.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner()
    outputs = [[runner.invoke(app, ["--rules", str(folder), *args]).output for args in COMMANDS]
               for folder in (first, second)]
    assert outputs[0] == outputs[1]
