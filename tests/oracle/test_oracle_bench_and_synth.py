"""The benchmark's smoke run, the synthetic corpora, the ASP export and the plain-date fast path."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import edtf

import treatylogic as tl
from treatylogic import dates
from treatylogic.asp import encoding, export_facts, solve
from treatylogic.synth import QUERY_DAY, synthetic_corpus, synthetic_declarations, write_rules

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench.py"
JSON_KEYS = {"size", "stances", "engine_full_s", "clingo_full_s", "floor_s", "agree", "load_s",
             "yaml_parse_s", "query_cold_p99_s", "peak_mib",
             # issue 14: the parse baseline, the first query, clingo's split, several days
             "yaml_events_s", "first_query_s", "clingo_ground_s", "clingo_solve_s",
             "clingo_glue_s", "clingo_peak_mib", "engine_days"}


def test_bench_runs_at_a_small_size_and_writes_its_json(tmp_path: Path) -> None:
    """bench.py at size 200 writes one row with every key the issue names, the tables agreeing."""
    out = tmp_path / "bench.json"
    subprocess.run([sys.executable, str(BENCH), "--sizes", "200", "--stances", "2",
                    "--repeat", "1", "--clingo-repeat", "1", "--queries", "20",
                    "--json", str(out)],
                   check=True, capture_output=True, text=True, timeout=300)
    rows = json.loads(out.read_text())
    assert [200] == [row["size"] for row in rows]
    assert set() == JSON_KEYS - set(rows[0])
    assert True is rows[0]["agree"]
    row = rows[0]
    assert row["cells"] == row["floor_cells"]  # the floor writes every cell the table does
    split = row["clingo_ground_s"] + row["clingo_solve_s"] + row["clingo_glue_s"]
    assert round(row["clingo_full_s"], 6) == round(split, 6)
    days = row["engine_days"]
    assert ["1950-06-30", "1990-06-30"] == list(days)
    # the early day has targets not yet in force: the days are not all alike
    assert True is (days["1950-06-30"]["pending"] > days["1990-06-30"]["pending"] > 0)


def test_synthetic_corpora_are_deterministic_and_seeded() -> None:
    """The same seed gives the same declarations; another seed gives others."""
    assert synthetic_declarations(300, seed=3) == synthetic_declarations(300, seed=3)
    assert synthetic_declarations(300, seed=3) != synthetic_declarations(300, seed=4)


def test_synthetic_rule_files_load_to_the_same_corpus(tmp_path: Path) -> None:
    """Written rule files load to the corpus built in memory: same statuses for every target."""
    write_rules(tmp_path, 150, stances=3, seed=2)
    loaded, built = tl.load(tmp_path), synthetic_corpus(150, stances=3, seed=2)
    expected = {(t, s): built.resolve(t, s, QUERY_DAY).status for t in built.targets()
                for s in built.stances}
    actual = {(t, s): loaded.resolve(t, s, QUERY_DAY).status for t in loaded.targets()
              for s in loaded.stances}
    assert expected == actual


def test_synthetic_corpora_exercise_every_status_but_pending() -> None:
    """At the benchmark's day a synthetic corpus shows the statuses the semantics can give.

    An instrument's own status (among its parties) is never one of a party's alone
    (signed, not a party, withdrawn); asked for its parties, those appear too.
    """
    corpus = synthetic_corpus(1000, stances=5, seed=0)
    seen = {corpus.resolve(t, s, QUERY_DAY).status for t in corpus.targets()
            for s in corpus.stances}
    party_only = {tl.Status.SIGNED, tl.Status.NOT_PARTY, tl.Status.WITHDRAWN}
    assert set(tl.Status) - {tl.Status.PENDING} - party_only == seen
    by_party = {corpus.resolve(t, s, QUERY_DAY, party=p).status
                for t in corpus.targets() if "#" not in t
                for p in corpus.instruments[t].party_ids for s in sorted(corpus.stances)[:1]}
    by_party.add(corpus.resolve(corpus.targets()[0], "stance-0", QUERY_DAY,
                                party=next(a for a in corpus.actors
                                           if a not in corpus.instruments[
                                               corpus.targets()[0].partition("#")[0]].author())
                                ).status)
    assert party_only <= by_party


def test_clingo_agrees_on_a_synthetic_corpus_at_several_days() -> None:
    """On a synthetic corpus of 300 instruments, clingo's possible sets equal the engine's at 4 days."""
    corpus = synthetic_corpus(300, stances=4, seed=5)
    days = [dt.date(1930, 6, 30), dt.date(1960, 1, 1), dt.date(2000, 12, 31), QUERY_DAY]
    queries = [(t, None, s, d) for t in corpus.targets() for s in sorted(corpus.stances)
               for d in days]
    expected = {(t, p, s, d): frozenset(corpus.resolve(t, s, d, party=p).possible)
                for t, p, s, d in queries}
    assert expected == solve(corpus, queries)


def test_export_facts_names_every_instrument_and_effect() -> None:
    """The export holds one instrument/1 fact per instrument and one effect/2 per effect."""
    corpus = synthetic_corpus(100, stances=2, seed=1)
    text = export_facts(corpus)
    assert len(corpus.instruments) == text.count("instrument(\"")
    assert len(corpus.effects) == text.count("effect(\"")


def test_the_encoding_ships_with_the_package() -> None:
    """encoding.lp is read from the installed package and shows result/2 (query, status)."""
    assert "#show result/2." in encoding()


def test_plain_dates_take_the_fast_path_with_the_parser_answer() -> None:
    """YYYY, YYYY-MM and YYYY-MM-DD give the same span with and without the EDTF parser."""
    texts = ["1919", "1900-02", "2000-02", "2024-02-29", "1919-07-25", "1999-12-31", "1000"]
    for text in texts:
        parsed = edtf.parse_edtf(text)
        expected = (dates._bound(parsed, "lower"), dates._bound(parsed, "upper"))
        span = dates._plain_span(text)
        assert expected == (span.earliest, span.latest)
    assert None is dates._plain_span("1919-02-30")  # left to the parser, which explains it
