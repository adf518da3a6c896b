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
    """to_pandas has the five columns; csv, json and parquet files hold the same rows."""
    rows = panel(corpus, parties=["DDR"], start=1989, end=1991, stances=["dataset"])
    frame = rows.to_pandas()
    assert ["party", "instrument", "date", "stance", "status"] == list(frame.columns)
    assert dt.date(1989, 12, 31) == frame["date"].min().date()
    from_csv = pd.read_csv(rows.write(tmp_path / "p.csv"), parse_dates=["date"])
    from_parquet = pd.read_parquet(rows.write(tmp_path / "p.parquet"))
    from_json = json.loads(rows.write(tmp_path / "p.json").read_text(encoding="utf-8"))
    pd.testing.assert_frame_equal(frame, from_csv, check_dtype=False)
    pd.testing.assert_frame_equal(frame, from_parquet, check_dtype=False)
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
