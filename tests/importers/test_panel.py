"""The panel (party x instrument x date x stance) on the imported GGO slice."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

import treatylogic as tl
from treatylogic.errors import UnknownIdError
from treatylogic.panel import PanelError, panel, panel_dates

READINGS = ["dataset", "continuity", "by-agreement"]


@pytest.fixture(scope="module")
def corpus(slice_import):
    """The imported slice, loaded."""
    return tl.load(slice_import[1])


def test_reunification_under_each_reading(corpus):
    """memberships row 25: DDR bound by INTRPP_1951S from 1974-12-04, coded end 1990-10-03:
    as coded withdrawn by 1990; continuity keeps it in force; by agreement leaves it open."""
    rows = panel(corpus, parties=["DDR"], instruments=["INTRPP_1951S"], at=["1989", "1991"],
                 stances=READINGS)
    got = {(r.stance, r.date.year): r.status.value for r in rows.rows}
    assert {("dataset", 1989): "in_force", ("dataset", 1991): "withdrawn",
            ("continuity", 1989): "in_force", ("continuity", 1991): "in_force",
            ("by-agreement", 1989): "in_force", ("by-agreement", 1991): "undetermined"} == got


def test_rows_cover_every_listed_party_date_and_stance(corpus):
    """One row per (listed party, instrument, date, stance): 14 parties of INTRPP_1951S in the
    slice x 3 years x 2 stances."""
    rows = panel(corpus, instruments=["INTRPP_1951S"], start=1990, end=1992,
                 stances=["dataset", "continuity"])
    parties = corpus.instruments["INTRPP_1951S"].party_ids
    assert len(parties) * 3 * 2 == len(rows)


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"start": 1990, "end": 1991}, ["1990-12-31", "1991-12-31"]),
    ({"start": 1990, "end": 1990, "every": "month"}, [f"1990-{m:02d}-{d}" for m, d in zip(
        range(1, 13), [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], strict=True)]),
    ({"at": ["1990-10", "1953"]}, ["1953-12-31", "1990-10-31"]),
])
def test_panel_dates(kwargs, expected):
    """Years end on 31 December, months on their last day, an EDTF date on its last day."""
    assert expected == [d.isoformat() for d in panel_dates(**kwargs)]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"start": 1990}, "give dates (at) or both ends of a range (start and end years)"),
    ({"start": 1995, "end": 1990}, "the range ends (1990) before it starts (1995)"),
    ({"start": 1990, "end": 1991, "every": "week"}, "every='week': give one of year, month"),
    ({"at": ["1990"], "start": 1990, "end": 1991},
     "give either dates (at) or a range (start, end), not both"),
])
def test_bad_dates_are_refused_with_the_value(kwargs, message):
    """A panel that cannot be made says which argument is wrong."""
    with pytest.raises(PanelError) as caught:
        panel_dates(**kwargs)
    assert message == str(caught.value)


def test_unknown_party_names_the_closest(corpus):
    """An unknown party raises UnknownIdError (a KeyError) with suggestions."""
    with pytest.raises(UnknownIdError) as caught:
        panel(corpus, parties=["DDX"], start=1990, end=1990)
    assert "DDR" in str(caught.value)


def test_to_pandas_and_files_agree(corpus, tmp_path):
    """to_pandas has the five columns (the text ones categorical, a byte per cell, since the
    full panel has millions of cells); csv, json and parquet files hold the same rows (a CSV
    has no categories: its text columns are compared as text)."""
    rows = panel(corpus, parties=["DDR"], start=1989, end=1991, stances=["dataset"])
    frame = rows.to_pandas()
    assert ["party", "instrument", "date", "stance", "status"] == list(frame.columns)
    assert ["category"] * 4 == [str(frame[c].dtype) for c in
                                ("party", "instrument", "stance", "status")]
    assert dt.date(1989, 12, 31) == frame["date"].min().date()
    as_text = frame.astype({c: str for c in ("party", "instrument", "stance", "status")})
    from_csv = pd.read_csv(rows.write(tmp_path / "p.csv"), parse_dates=["date"])
    from_parquet = pd.read_parquet(rows.write(tmp_path / "p.parquet"))
    from_json = json.loads(rows.write(tmp_path / "p.json").read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(as_text, from_csv, check_dtype=False)
    pd.testing.assert_frame_equal(frame, from_parquet, check_dtype=False,
                                  check_categorical=False)
    assert rows.records() == from_json


def test_cli_panel_writes_csv_to_stdout(slice_import):
    """`treatylogic --rules DIR panel --party DDR ...`: a CSV with a header, exit 0."""
    done = subprocess.run(
        [sys.executable, "-m", "treatylogic", "--rules", str(slice_import[1]), "panel",
         "--party", "DDR", "--instrument", "INTRPP_1951S", "--at", "1991", "-s", "continuity"],
        capture_output=True, text=True, check=False)
    assert (0, "party,instrument,date,stance,status\n"
               "DDR,INTRPP_1951S,1991-12-31,continuity,in_force\n") == \
        (done.returncode, done.stdout)


def test_cli_panel_parquet_needs_a_file(slice_import):
    """--format parquet without --out: exit 2 with a message, not a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "treatylogic", "--rules", str(slice_import[1]), "panel",
         "--at", "1991", "--format", "parquet"], capture_output=True, text=True, check=False)
    assert (2, "error: --format parquet writes a file: give --out FILE") == \
        (done.returncode, done.stderr.strip())


def test_corpus_panel_is_the_panel_function(corpus):
    """corpus.panel(...) gives the rows panel(corpus, ...) gives."""
    kwargs = {"parties": ["DDR"], "at": ["1991"], "stances": ["continuity"]}
    assert panel(corpus, **kwargs) == corpus.panel(**kwargs)


def test_dataset_panel_agrees_with_the_pandas_baseline_up_to_named_causes(corpus, slice_import):
    """Every (state, agreement, year) cell where the engine's `dataset` panel and the pandas
    baseline disagree has a named cause (an import repair, no day in StateForce, the
    agreement not in force); none is unexplained, and most bound cells agree."""
    import importlib.util
    from pathlib import Path

    from ggo_helpers import MEMBERSHIPS

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "ggo_compare.py"
    spec = importlib.util.spec_from_file_location("ggo_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.compare(corpus, MEMBERSHIPS, list(slice_import[0].problems))
    assert 0 == result["differ_by_cause"].get("unexplained", 0)
    assert result["agree_bound"] > 0.9 * result["cells_bound_baseline"]


def test_panel_is_the_resolver_on_every_date(corpus):
    """Each stored cell (every actor each instrument can bind, 1945-2024, three readings) is
    the status the resolver gives on that day: resolving only after change days loses none."""
    from treatylogic.resolution import Resolver

    rows = panel(corpus, start=1945, end=2024, stances=READINGS)
    resolvers = {s: Resolver(corpus, corpus.stance(s)) for s in READINGS}
    expected = [resolvers[r.stance].status_of(r.instrument, r.date, r.party) for r in rows]
    assert expected == [r.status for r in rows]


def test_cells_of_actors_an_instrument_cannot_bind_are_not_party(corpus):
    """An actor that is no party and continues none is not_party on any day, by the
    resolver as by the panel (which stores no series for it)."""
    rows = panel(corpus, start=1950, end=2020, stances=READINGS)
    outside = [(a, i) for i in sorted(corpus.instruments) for a in sorted(corpus.actors)
               if a not in corpus.possible_parties(i, corpus.stance("dataset"))]
    days = [dt.date(1950, 12, 31), dt.date(1990, 12, 31), dt.date(2020, 12, 31)]
    expected = {("not_party", "not_party")}
    got = {(corpus.resolve(i, s, day, party=a).status.value, rows.status(a, i, day, s).value)
           for a, i in outside[::7] for s in READINGS for day in days}
    assert outside and expected == got


@pytest.mark.parametrize("rules", ["bundled", "slice"])
def test_possible_parties_are_the_actors_resolution_binds(rules, corpus):
    """possible_parties(i, s) holds exactly the actors resolution finds a listed party for
    (the party itself or one it continues, in the stance's view), on the bundled rules (with
    successions) and on the GGO slice."""
    from treatylogic.resolution import party_of

    rulebase = tl.load() if rules == "bundled" else corpus
    cases = [(a, i, s) for s in rulebase.stances.values() for i in sorted(rulebase.instruments)
             for a in sorted(rulebase.actors)]
    expected = [party_of(rulebase, s, rulebase.instruments[i], a) is not None
                for a, i, s in cases]
    assert expected == [a in rulebase.possible_parties(i, s) for a, i, s in cases]
    assert any(a not in rulebase.instruments[i].author() and a in
               rulebase.possible_parties(i, s) for a, i, s in cases) == (rules == "bundled")


def test_status_of_a_party_not_asked_for_is_refused(corpus):
    """A panel asked for DDR does not answer for another state (its cells were not made)."""
    rows = panel(corpus, parties=["DDR"], at=["1991"], stances=["dataset"])
    with pytest.raises(KeyError) as caught:
        rows.status("DEU", "INTRPP_1951S", dt.date(1991, 12, 31), "dataset")
    assert "'DEU is not one of the parties this panel was asked for'" == str(caught.value)
