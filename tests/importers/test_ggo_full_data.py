"""The import of the full GGO tables (../shared/data/ggo); skipped when they are absent."""

from __future__ import annotations

import pytest
from ggo_helpers import party, read_folder

from treatylogic.importers import default_data_folder, import_ggo

FOLDER = default_data_folder()
pytestmark = pytest.mark.skipif(
    FOLDER is None, reason="the full GGO tables are not in ../shared/data/ggo beside the "
    "repository (nor in $TREATYLOGIC_GGO_DATA); the slice tests still run")


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """(report, instruments, actors) of the full import."""
    out = tmp_path_factory.mktemp("ggo-full") / "rules"
    report = import_ggo(out=out)
    return (report, *read_folder(out))


def test_every_row_of_both_tables_is_counted_once(full):
    """4,532 agreement rows and 98,320 membership rows (the README's counts), each kept,
    repaired or left out."""
    assert [("ggo-agreements.csv.gz", 4532, 4532), ("ggo-memberships.csv.gz", 98320, 98320)] \
        == [(t.file, t.rows, t.kept + t.repaired + t.left_out) for t in full[0].tables]


def test_every_repaired_or_left_out_row_is_reported(full):
    """Each table's repaired and left-out counts equal the distinct rows reported so."""
    report = full[0]
    for table in report.tables:
        reported: dict[int, str] = {}
        for p in report.problems:
            if p.file == table.file and reported.get(p.row) != "left out":
                reported[p.row] = p.outcome
        outcomes = list(reported.values())
        assert (table.repaired, table.left_out) == \
            (outcomes.count("repaired"), outcomes.count("left out"))


def test_the_gdr_in_the_full_data(full):
    """memberships row 4910 (line 4911) of the full table: DDR in INTRPP_1951S, ratified and in force
    1974-12-04, ended 1990-10-03 (the succession record holds the end)."""
    entry = party(full[1]["INTRPP_1951S"], "DDR")
    assert ("1974-12-04", ["GGO 1.0.0 memberships row 4910: DDR in INTRPP_1951S"]) == \
        (entry["in_force"], entry["sources"])


def test_every_state_code_is_an_actor(full):
    """Every party named in an instrument is one of the written actors."""
    _report, instruments, actors = full
    named = {p["actor"] if isinstance(p, dict) else p
             for inst in instruments.values() for p in inst.get("parties", [])}
    assert set() == named - set(actors)


@pytest.fixture(scope="module")
def loaded(full):
    """The full import, loaded."""
    import treatylogic as tl

    return tl.load(full[0].out)


def test_the_gdr_panel_on_the_full_data(loaded):
    """The full import, loaded, answers the panel: DDR in INTRPP_1951S (memberships row 4910)
    is in force on 31 December 1989 under every reading; on 31 December 1991 withdrawn as
    coded, in force by continuity, undetermined until agreed; and the GDR's series are its
    instruments, every other state's cells in them not_party."""
    import datetime as dt

    corpus = loaded
    readings = ["dataset", "continuity", "by-agreement"]
    rows = corpus.panel(parties=["DDR"], at=["1989", "1991"], stances=readings)
    got = {(s, d.year): rows.status("DDR", "INTRPP_1951S", d, s).value
           for s in readings for d in rows.dates}
    assert {("dataset", 1989): "in_force", ("dataset", 1991): "withdrawn",
            ("continuity", 1989): "in_force", ("continuity", 1991): "in_force",
            ("by-agreement", 1989): "in_force", ("by-agreement", 1991): "undetermined"} == got
    mine = {i for i, inst in corpus.instruments.items() if "DDR" in inst.party_ids}
    assert {(i, s) for i in mine for s in readings} == {(i, s) for _, i, s in rows.series}
    everyone = corpus.panel(instruments=["INTRPP_1951S"], at=["1991"], stances=["dataset"])
    third = sorted(set(corpus.actors) - set(corpus.instruments["INTRPP_1951S"].party_ids))
    assert {"not_party"} == {everyone.status(a, "INTRPP_1951S", dt.date(1991, 12, 31),
                                             "dataset").value for a in third}


def test_the_full_dataset_panel_agrees_with_pandas_up_to_named_causes(full, loaded):
    """The full `dataset` panel (every state x agreement x year 1945-2024) beside the pandas
    baseline (benchmarks/ggo_pandas_baseline.py), cell for cell: every differing cell has a
    named cause (benchmarks/ggo_compare.py; the run is in benchmarks/README.md), none is
    unexplained, and over 95% of the baseline's bound cells agree."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "ggo_compare.py"
    spec = importlib.util.spec_from_file_location("ggo_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.compare(loaded, FOLDER / "ggo-memberships.csv.gz", list(full[0].problems))
    assert 0 == result["differ_by_cause"].get("unexplained", 0)
    assert result["agree_bound"] > 0.95 * result["cells_bound_baseline"]
