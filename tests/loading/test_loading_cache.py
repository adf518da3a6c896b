"""The compiled cache of a rules folder: equal corpora, and stale or corrupt entries rebuilt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import treatylogic as tl
from treatylogic import cache as cache_module
from treatylogic import loading
from treatylogic.errors import RulesError
from treatylogic.synth import write_rules

DAYS = ["1900-01-01", "1919-07-25", "1950-06-30", "1990-06-30", "2024-09-02", "2030-12-31"]


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A private cache folder, and a count of the loads that parsed their files."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("TREATYLOGIC_CACHE_DIR", str(folder))
    monkeypatch.delenv("TREATYLOGIC_CACHE", raising=False)
    parsed: list[int] = []
    original = loading._load_files

    def counting(*args, **kwargs):
        parsed.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(loading, "_load_files", counting)
    return folder, parsed


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.corpus")) if folder.is_dir() else []


def _statuses(corpus, parties=()) -> dict:
    found = {("", day): corpus.table(day) for day in DAYS}
    for party in parties:
        found.update({(party, day): corpus.table(day, party=party) for day in DAYS[3:]})
    return found


def test_the_bundled_rules_from_the_cache_give_every_status_as_parsed(store):
    """Bundled rules (includes too): the cached corpus has the same declarations and statuses."""
    folder, parsed = store
    fresh = tl.load(cache=True)
    cached = tl.load(cache=True)
    assert [1] == parsed  # the second load read the cache
    assert 1 == len(_entries(folder))
    parties = sorted(fresh.actors)[:4]
    assert fresh.declarations() == cached.declarations()
    assert fresh.sources == cached.sources
    assert _statuses(fresh, parties) == _statuses(cached, parties)
    one = fresh.resolve("karakhan-1919", "roc", "2024-09-02")
    assert one.explain() == cached.resolve("karakhan-1919", "roc", "2024-09-02").explain()


def test_a_synthetic_corpus_from_the_cache_gives_every_status_as_parsed(store, tmp_path):
    """A synthetic folder of 400 instruments: every status on six days equal from the cache."""
    _, parsed = store
    rules = tmp_path / "rules"
    write_rules(rules, 400, stances=4, seed=3)
    fresh = tl.load(rules, cache=True)
    cached = tl.load(rules, cache=True)
    assert [1] == parsed
    assert fresh.declarations() == cached.declarations()
    assert _statuses(fresh) == _statuses(cached)
    assert fresh.targets() == cached.targets()
    assert [] == [p for p in rules.rglob("*") if not p.name.endswith(".yaml")]  # nothing written there


def test_a_changed_file_makes_the_entry_stale(store, tmp_path):
    """Changing one byte of one rule file: the folder is parsed again and the change is seen."""
    folder, parsed = store
    rules = tmp_path / "rules"
    shutil.copytree(tl.bundled_rules(), rules)
    tl.load(rules, cache=True)
    actors = rules / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text + "\n  - id: zz-new-actor\n    name: A new actor\n    kind: state\n",
                      encoding="utf-8")
    changed = tl.load(rules, cache=True)
    assert [1, 1] == parsed
    assert "zz-new-actor" in changed.actors
    again = tl.load(rules, cache=True)
    assert [1, 1] == parsed  # the rebuilt entry serves the next load
    assert "zz-new-actor" in again.actors
    assert 1 == len(_entries(folder))  # one entry per folder: the stale one was replaced


def test_a_changed_included_file_makes_the_entry_stale(store, tmp_path):
    """A file reached by include: from outside the folder is part of the key."""
    _, parsed = store
    shared, rules = tmp_path / "shared", tmp_path / "rules"
    shared.mkdir()
    rules.mkdir()
    (shared / "actors.yaml").write_text("actors:\n  - id: a\n    name: A\n    kind: state\n",
                                        encoding="utf-8")
    (rules / "main.yaml").write_text("include: [../shared]\n", encoding="utf-8")
    assert ["a"] == sorted(tl.load(rules, cache=True).actors)
    (shared / "actors.yaml").write_text("actors:\n  - id: b\n    name: B\n    kind: state\n",
                                        encoding="utf-8")
    assert ["b"] == sorted(tl.load(rules, cache=True).actors)
    assert [1, 1] == parsed


@pytest.mark.parametrize("damage", ["truncated", "flipped byte", "empty", "not a cache"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(store, tmp_path, damage):
    """A truncated, altered, empty or foreign entry: parsed again, same corpus, entry rewritten."""
    folder, parsed = store
    rules = tmp_path / "rules"
    write_rules(rules, 200, stances=3, seed=5)
    fresh = tl.load(rules, cache=True)
    [entry] = _entries(folder)
    data = entry.read_bytes()
    broken = {"truncated": data[: len(data) // 2],
              "flipped byte": data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF])
              + data[len(data) // 2 + 1:],
              "empty": b"",
              "not a cache": b"actors: []\n"}[damage]
    entry.write_bytes(broken)
    again = tl.load(rules, cache=True)
    assert [1, 1] == parsed
    assert _statuses(fresh) == _statuses(again)
    assert data == entry.read_bytes()  # rewritten whole
    tl.load(rules, cache=True)
    assert [1, 1] == parsed


def test_an_entry_from_another_version_of_treatylogic_is_not_used(store, tmp_path, monkeypatch):
    """An entry another engine wrote, found where this one looks: ignored and replaced."""
    folder, parsed = store
    rules = tmp_path / "rules"
    write_rules(rules, 100, stances=2, seed=7)
    monkeypatch.setattr(cache_module, "_ENGINE", ["another treatylogic"])
    tl.load(rules, cache=True)
    [old] = _entries(folder)
    monkeypatch.setattr(cache_module, "_ENGINE", [])
    here = loading._cache_entry(loading.rule_files(rules), rules, tl.Corpus, True)
    assert here is not None
    old.rename(here.path)
    assert None is here.get()
    tl.load(rules, cache=True)
    assert [1, 1] == parsed
    assert here.get() is not None


def test_the_cache_can_be_turned_off(store, tmp_path, monkeypatch):
    """TREATYLOGIC_CACHE=off and cache=False write and read nothing."""
    folder, parsed = store
    rules = tmp_path / "rules"
    write_rules(rules, 100, stances=2, seed=1)
    tl.load(rules, cache=False)
    tl.load(rules, cache=False)
    monkeypatch.setenv("TREATYLOGIC_CACHE", "off")
    tl.load(rules, cache=True)
    tl.load(rules)
    assert ([1, 1, 1, 1], []) == (parsed, _entries(folder))


def test_a_small_folder_is_cached_only_when_asked(store, tmp_path, monkeypatch):
    """By default only folders of CACHE_MIN_BYTES of rule files or more are kept."""
    folder, _ = store
    rules = tmp_path / "rules"
    write_rules(rules, 100, stances=2, seed=1)
    tl.load(rules)
    assert [] == _entries(folder)
    monkeypatch.setattr(loading, "CACHE_MIN_BYTES", 1)
    tl.load(rules)
    assert 1 == len(_entries(folder))


def test_a_folder_with_problems_is_never_cached(store, tmp_path):
    """Rules with a problem are reported, file and line, on every load; nothing is kept."""
    folder, parsed = store
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("actors:\n  - id: a\n    name: A\n    kind: planet\n",
                                    encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulesError) as caught:
            tl.load(rules, cache=True)
        assert ("bad.yaml", 4, "actors[0].kind") == (
            Path(caught.value.problems[0].file).name, caught.value.problems[0].line,
            caught.value.problems[0].path)
    assert ([1, 1], []) == (parsed, _entries(folder))


def test_an_unwritable_cache_folder_only_costs_the_parse(store, tmp_path, monkeypatch):
    """A cache folder that cannot be made: the load succeeds, nothing is kept."""
    _, parsed = store
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TREATYLOGIC_CACHE_DIR", str(blocker / "cache"))
    rules = tmp_path / "rules"
    write_rules(rules, 50, stances=2, seed=1)
    assert 50 == len(tl.load(rules, cache=True).instruments)
    assert 50 == len(tl.load(rules, cache=True).instruments)
    assert [1, 1] == parsed


def test_the_cache_keeps_the_most_recently_used_entries(store, tmp_path, monkeypatch):
    """Past MAX_ENTRIES, the least recently used entry goes; one just read stays."""
    folder, parsed = store
    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 2)
    folders = []
    for number in range(3):
        rules = tmp_path / f"rules-{number}"
        write_rules(rules, 20, stances=1, seed=number)
        folders.append(rules)
    tl.load(folders[0], cache=True)
    tl.load(folders[1], cache=True)
    for entry in _entries(folder):  # mtimes a second apart whatever the file system's grain
        os.utime(entry, (1_000_000, 1_000_000))
    tl.load(folders[0], cache=True)  # read from the cache: now the most recent
    tl.load(folders[2], cache=True)  # written: the third entry, so folders[1]'s goes
    assert [1, 1, 1] == parsed
    assert 2 == len(_entries(folder))
    tl.load(folders[0], cache=True)
    tl.load(folders[1], cache=True)
    assert [1, 1, 1, 1] == parsed


def test_the_command_line_reads_and_writes_no_cache_with_no_cache(store, tmp_path, monkeypatch):
    """``treatylogic --no-cache`` parses every time and keeps nothing; without it the entry is used."""
    from typer.testing import CliRunner

    from treatylogic.cli import app

    folder, parsed = store
    rules = tmp_path / "rules"
    write_rules(rules, 100, stances=2, seed=1)
    monkeypatch.setattr(loading, "CACHE_MIN_BYTES", 1)
    runner = CliRunner()
    args = ["--rules", str(rules), "table", "--at", "1990-06-30", "--format", "json"]
    without = [runner.invoke(app, ["--no-cache", *args]) for _ in range(2)]
    assert ([0, 0], [1, 1], []) == ([r.exit_code for r in without], parsed, _entries(folder))
    cached = [runner.invoke(app, args) for _ in range(2)]
    assert [0, 0] == [r.exit_code for r in cached]
    assert ([1, 1, 1], 1) == (parsed, len(_entries(folder)))  # written once, then read
    assert {r.stdout for r in without} == {r.stdout for r in cached}
