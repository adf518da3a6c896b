"""The GGO import on the slice in tests/data/ggo-slice (real rows; CC BY 4.0, see its README).

Each fact is checked by hand against the slice row it cites: the row numbers
below are the slice's (row 1 = the first data row; rows.txt maps them to the
full tables).
"""

from __future__ import annotations

import gzip
import shutil

import pytest
from ggo_helpers import AGREEMENTS, MEMBERSHIPS, party

from treatylogic.importers import DataImportError, import_ggo


def test_oldest_agreement_is_imported_as_coded(written):
    """agreements row 1: ESP-GBR_1351A, 'Treaty Between England And Castile', signed and in
    force 1351-08-01, End (and Term) 1371-07-31, Agreement, Bilateral."""
    inst = written[0]["ESP-GBR_1351A"]
    assert ("Treaty Between England And Castile", "agreement", "bilateral", "1351-08-01",
            "1351-08-01", "1371-07-31") == (inst["title"], inst["kind"], inst["form"],
                                            inst["date"], inst["in_force"], inst["ends"])
    assert ["GGO 1.0.0 agreements row 1: ESP-GBR_1351A"] == inst["sources"]


def test_a_state_end_equal_to_the_agreements_end_is_not_a_withdrawal(written):
    """memberships row 1: ESP in ESP-GBR_1351A, StateEnd 1371-07-31 = the agreement's End."""
    entry = party(written[0]["ESP-GBR_1351A"], "ESP")
    assert {"actor": "ESP", "signed": "1351-08-01", "in_force": "1351-08-01",
            "sources": ["GGO 1.0.0 memberships row 1: ESP in ESP-GBR_1351A"]} == entry


def test_gdr_membership_ended_by_unification_becomes_a_succession_effect(written):
    """memberships row 25: DDR in INTRPP_1951S, ratified and in force 1974-12-04, StateEnd
    1990-10-03 (the day the GDR acceded to the FRG): no withdrawal, a withdraw effect of the
    Unification Treaty record instead, citing the row."""
    instruments = written[0]
    assert {"actor": "DDR", "consent": "1974-12-04", "consent_by": "ratification",
            "in_force": "1974-12-04",
            "sources": ["GGO 1.0.0 memberships row 25: DDR in INTRPP_1951S"]} == \
        party(instruments["INTRPP_1951S"], "DDR")
    effects = [e for e in instruments["succession-ddr-1990"]["effects"]
               if e["target"] == "INTRPP_1951S"]
    assert [("withdraw", "DDR", "1990-10-03",
             ["GGO 1.0.0 memberships row 25: DDR in INTRPP_1951S"])] == \
        [(e["kind"], e["actor"], e["date"], e["sources"]) for e in effects]


def test_gdr_end_the_day_before_unification_is_also_the_succession(written):
    """memberships row 107: DDR in CNFONA_1967A, StateEnd 1990-10-02, inside the window
    1990-10-02/1990-10-03 of the succession record."""
    effects = [(e["target"], e["date"]) for e in written[0]["succession-ddr-1990"]["effects"]]
    assert ("CNFONA_1967A", "1990-10-02") in effects
    assert "withdrawn" not in party(written[0]["CNFONA_1967A"], "DDR")


def test_gdr_code_is_read_as_ddr_and_its_own_end_stays_a_withdrawal(written):
    """memberships row 42: GDR in INPPSO_1954A (DDR on every other row): signed 1954-05-12,
    ratified 1979-01-29, in force 1979-04-29, StateEnd 1989-03-30 (before unification)."""
    entry = party(written[0]["INPPSO_1954A"], "DDR")
    assert ("1954-05-12", "1979-01-29", "1979-04-29", "1989-03-30") == \
        (entry["signed"], entry["consent"], entry["in_force"], entry["withdrawn"])


def test_successors_do_not_inherit_the_predecessors_coded_ends(written):
    """DEU is written without `continues: [DDR]`: the GDR's coded end (a withdraw by DDR) must
    not end Germany's own memberships (memberships row 26: DEU in INTRPP_1951S since 1957)."""
    assert "continues" not in written[1]["DEU"]


def test_consecutive_rows_merge_into_one_membership(written, slice_import):
    """memberships rows 26 and 200: DEU in INTRPP_1951S, in force 1957-05-03 to 1990-10-03,
    then from 1990-10-03 with no end: one membership from 1957-05-03, both rows cited."""
    entry = party(written[0]["INTRPP_1951S"], "DEU")
    assert ("1957-05-03", None, ["GGO 1.0.0 memberships row 26: DEU in INTRPP_1951S",
                                 "GGO 1.0.0 memberships row 200: DEU in INTRPP_1951S"]) == \
        (entry["in_force"], entry.get("withdrawn"), entry["sources"])
    problems = [(p.row, p.kind, p.outcome) for p in slice_import[0].problems if p.row == 200]
    assert [(200, "consecutive memberships", "repaired")] == problems


def test_conflicting_duplicate_keeps_the_first_row_and_reports_the_second(written, slice_import):
    """memberships rows 127 and 128: DDR in LRTAP_1979A ratified 1982-06-07, and again
    1982-07-15: the first is imported, the second left out with its row and column."""
    assert "1982-06-07" == party(written[0]["LRTAP_1979A"], "DDR")["consent"]
    found = [str(p) for p in slice_import[0].problems if p.row == 128]
    assert ["ggo-memberships.csv:129 [row 128, StateRatification='1982-07-15'] conflicting "
            "duplicate: row 127 has the same state and agreement with other values "
            "(StateRatification); the first row is kept (left out)"] == found


@pytest.mark.parametrize(("treaty", "field", "expected"), [
    ("FRA-GBR_1802A", "in_force", "1802-04-18?"),       # agreements row 4: Force 1802-04-18?
    ("TR06RB_1961A", "in_force", "1964-XX-16"),         # agreements row 10: Force 1964-XX-16
    ("AMCAFF_1964R", "ends", "2011-01-01~"),            # agreements row 11: End 2011-01-01~
    ("WM04CP_1981R", "date", "1981-09/1981-10"),        # agreements row 18: 1981-09..1981-10
    ("WM04CP_1981R", "ends", "2018-10"),                # agreements row 18: End 2018-10
])
def test_dates_keep_their_form(written, treaty, field, expected):
    """Uncertain, unspecified, approximate, range and month dates are written as such."""
    assert expected == written[0][treaty][field]


def test_duplicate_treaty_id_with_another_title_gets_its_own_instrument(written):
    """agreements rows 20 and 21: AA07MP_1992N4 is Annex A and Annex B of the Montreal
    Protocol adjustments; the second is imported as AA07MP_1992N4.2."""
    titles = [written[0][i]["title"][:27] for i in ("AA07MP_1992N4", "AA07MP_1992N4.2")]
    assert ["Adjustments To Annex A Of T", "Adjustments To Annex B Of T"] == titles


def test_amendment_missing_from_agreements_is_made_from_its_membership_row(written):
    """memberships row 118: DDR-SWE_1978P:DDR-SWE_1978A is in no agreements row: made from
    the row's own columns, a protocol amending DDR-SWE_1978A."""
    inst = written[0]["DDR-SWE_1978P.DDR-SWE_1978A"]
    assert ("protocol", "DDR-SWE_1978A", "1978-06-22", ["DDR", "SWE"]) == \
        (inst["kind"], inst["amends"], inst["date"], [p["actor"] for p in inst["parties"]])


def test_every_row_is_counted_once(slice_import):
    """kept + repaired + left out = rows read, for both tables; nothing dropped silently."""
    report = slice_import[0]
    assert [(21, 21), (210, 210)] == \
        [(t.rows, t.kept + t.repaired + t.left_out) for t in report.tables]


def test_every_left_out_row_has_a_problem_naming_it(slice_import):
    """The number of left-out rows equals the number of distinct rows reported left out."""
    report = slice_import[0]
    for table in report.tables:
        rows = {p.row for p in report.problems if p.file == table.file and p.outcome == "left out"}
        assert table.left_out == len(rows)


def test_summary_and_problem_file_are_written(slice_import):
    """import-report.txt lists every problem; README.md carries the CC BY attribution."""
    report, out = slice_import
    listed = (out / "import-report.txt").read_text(encoding="utf-8")
    assert all(str(p) in listed for p in report.problems)
    assert "CC BY 4.0" in (out / "README.md").read_text(encoding="utf-8")


def test_readings_name_the_succession_records(written, slice_import):
    """The continuity doctrine rejects exactly the withdraw effects of the succession records."""
    import yaml

    readings = yaml.safe_load((slice_import[1] / "readings.yaml").read_text(encoding="utf-8"))
    rule = readings["doctrines"][0]["rules"][0]
    assert ({"kind": "withdraw", "source": ["succession-ddr-1990", "succession-csk-1993"]},
            "reject") == (rule["when"], rule["then"])
    assert ["dataset", "continuity", "by-agreement"] == [s["id"] for s in readings["stances"]]


def test_existing_output_is_not_overwritten_without_force(slice_import):
    """A second import into the same folder is refused; with force it replaces it."""
    out = slice_import[1]
    with pytest.raises(DataImportError) as caught:
        import_ggo(AGREEMENTS, MEMBERSHIPS, out)
    assert f"{out}: the folder exists and is not empty; use --force (force=True) to " \
        "replace an earlier import" == str(caught.value)


def test_force_replaces_an_earlier_import_but_not_a_foreign_folder(tmp_path):
    """--force replaces a folder this importer wrote, never another folder."""
    out = tmp_path / "rules"
    import_ggo(AGREEMENTS, MEMBERSHIPS, out)
    (out / "stale.yaml").write_text("actors: []\n")
    import_ggo(AGREEMENTS, MEMBERSHIPS, out, force=True)
    assert not (out / "stale.yaml").exists()
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    with pytest.raises(DataImportError):
        import_ggo(AGREEMENTS, MEMBERSHIPS, foreign, force=True)
    assert "keep me" == (foreign / "notes.txt").read_text()


def test_missing_column_is_named_with_file_and_line(tmp_path):
    """A table without StateEnd is refused, naming the file, line 1 and the column."""
    text = MEMBERSHIPS.read_text(encoding="utf-8").replace(",StateEnd,", ",StateFin,", 1)
    bad = tmp_path / "ggo-memberships.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataImportError) as caught:
        import_ggo(AGREEMENTS, bad, tmp_path / "out")
    assert str(caught.value).startswith("ggo-memberships.csv:1: the header lacks the column(s) "
                                        "StateEnd")
    assert not (tmp_path / "out").exists()


def test_a_row_with_missing_fields_is_left_out_and_the_rest_imported(tmp_path, slice_import):
    """A membership row cut short is reported left out; the other rows are imported."""
    lines = MEMBERSHIPS.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = "ESP,ESP-GBR_1351A\n"
    bad = tmp_path / "ggo-memberships.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    report = import_ggo(AGREEMENTS, bad, tmp_path / "out")
    assert [(3, 4, "malformed row", "left out")] == \
        [(p.row, p.line, p.kind, p.outcome) for p in report.problems if p.row == 3
         and p.file == "ggo-memberships.csv"]
    assert slice_import[0].tables[1].left_out + 1 == report.tables[1].left_out


def test_truncated_gzip_is_an_error_not_a_traceback(tmp_path):
    """A .csv.gz cut in the middle raises DataImportError naming the file."""
    packed = tmp_path / "ggo-memberships.csv.gz"
    with gzip.open(packed, "wb") as fh:
        fh.write(MEMBERSHIPS.read_bytes())
    data = packed.read_bytes()
    packed.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataImportError) as caught:
        import_ggo(AGREEMENTS, packed, tmp_path / "out")
    assert str(caught.value).startswith("ggo-memberships.csv.gz:")
    shutil.rmtree(tmp_path / "out", ignore_errors=True)


def test_signature_after_consent_is_left_out_and_the_consent_kept(written):
    """memberships row 10: CSK in EEMPPO_1951A, StateSignature 1960-04-29 after
    StateRatification 1960-03-30 (and StateForce 1960-04-29): signature left out."""
    entry = party(written[0]["EEMPPO_1951A"], "CSK")
    assert (None, "1960-03-30", "1960-04-29") == \
        (entry.get("signed"), entry["consent"], entry["in_force"])


def test_consent_after_entry_into_force_is_left_out_and_the_entry_kept(written, slice_import):
    """memberships row 94: CZE in TP09CB_1967A, StateForce 1993-01-01 (the Czech Republic's
    first day) before StateRatification 1993-09-29: the consent is left out, the entry kept."""
    found = [(p.column, p.value, p.outcome) for p in slice_import[0].problems if p.row == 94
             and p.file == "ggo-memberships.csv"]
    assert [("StateRatification", "1993-09-29", "repaired")] == found
    entry = party(written[0]["TP09CB_1967A"], "CZE")
    assert ("1993-01-01", None) == (entry["in_force"], entry.get("consent"))


def test_term_is_noted_not_written_as_the_end(written):
    """agreements row 9: HIGHSS_1958A (Convention on the High Seas), End empty, Term
    1994-11-16, while its memberships' StateEnd is 9999-12-31 (not ended): no 'ends'."""
    inst = written[0]["HIGHSS_1958A"]
    assert (None, True) == (inst.get("ends"), "Term 1994-11-16" in inst["note"])


def test_never_in_force_for_the_state_keeps_only_its_signature(written, slice_import):
    """memberships row 48: AFG in CNTNNS_1958A, signed 1958-10-30, ratified 1965-01-18,
    StateForce 9999-12-31 (not in force for it): the consent is left out too, since it
    would bind AFG from the convention's entry into force (1964-06-10)."""
    entry = party(written[0]["CNTNNS_1958A"], "AFG")
    assert ("1958-10-30", None, None) == \
        (entry["signed"], entry.get("consent"), entry.get("in_force"))
    found = [p.message for p in slice_import[0].problems if p.row == 48
             and p.file == "ggo-memberships.csv"]
    assert ["9999-12-31 as an entry into force is read as 'not in force for this state'; "
            "StateForce is left out; its consent (1965-01-18) is left out too, since a "
            "consent would bind it from the agreement's entry into force"] == found
