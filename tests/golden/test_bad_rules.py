"""One small bad rules folder per failure kind, with the exact problem it must give.

Each folder under ``cases/`` is what a historian might first write; the test
pins the file, line, column, path and message the loader reports for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import treatylogic as tl

CASES = Path(__file__).parent / "cases"

#: case folder -> the problems, as (file, line, column, path, message).
EXPECTED: dict[str, list[tuple[str, int | None, int | None, str, str]]] = {
    # the per-party and clause fields (VCLT-shaped): each checked where it is written
    "term-not-a-duration": [
        ("term-not-a-duration/instruments.yaml", 8, 5, "instruments[0].term",
         "'thirty years' is not an ISO 8601 duration; write e.g. 'P30Y', 'P12M', 'P6M' or "
         "'P90D'")],
    "withdrawal-by-non-party": [
        ("withdrawal-by-non-party/instruments.yaml", 18, 9, "instruments[1].effects[0].actor",
         "'north' withdraws from 'alliance', but is not one of its parties (east, west) nor "
         "continues one")],
    "by-unknown-provision": [
        ("by-unknown-provision/instruments.yaml", 21, 9, "instruments[1].effects[0].by",
         "effect 'suspend-alliance' is declared 'by' provision 'art-2', which 'protocol' does "
         "not have (known: ['art-1'])")],
    "except-unknown-provision": [
        ("except-unknown-provision/instruments.yaml", 21, 18,
         "instruments[1].effects[0].except[0]",
         "'except' names provision 'art-l', which 'alliance' does not have (known: art-1); "
         "did you mean 'art-1'?")],
    "consent-before-instrument": [
        ("consent-before-instrument/instruments.yaml", 11, 9,
         "instruments[0].parties[2].consent",
         "party 'north': 'consent' 1949-12-01 is before the instrument's date 1950-02-14")],
    "party-listed-twice": [
        ("party-listed-twice/instruments.yaml", 10, 9, "instruments[0].parties[2]",
         "party 'east' is listed twice")],
    "malformed-yaml": [
        ("malformed-yaml/rules.yaml", 4, 4, "",
         "malformed YAML: a list item that does not line up with the items above it; check its "
         "indentation (the parser says: while parsing a block collection did not find expected "
         "'-' indicator)")],
    "wrong-type": [
        ("wrong-type/instruments.yaml", 17, 5, "instruments[1].effects",
         "'effects' should be a list ('- item' lines or [a, b]), not 'karakhan-renounces'")],
    "missing-field": [
        ("missing-field/actors.yaml", 2, 5, "actors[0].name",
         "missing required field 'name' (each needs: id, name, kind)")],
    "unknown-field": [
        ("unknown-field/actors.yaml", 3, 5, "actors[0].nmae",
         "unknown field 'nmae'; did you mean 'name'?")],
    "unknown-target": [
        ("unknown-target/instruments.yaml", 20, 9, "instruments[1].effects[0].target",
         "unknown target instrument 'tsarist-treatise'; did you mean 'tsarist-treaties'?")],
    "unknown-party": [
        ("unknown-party/instruments.yaml", 6, 15, "instruments[0].parties[0]",
         "unknown actor 'tsarist-rusia'; did you mean 'tsarist-russia'?")],
    "unknown-grounds": [
        ("unknown-grounds/instruments.yaml", 21, 19, "instruments[1].effects[0].grounds[0]",
         "unknown grounds instrument 'tsarist-treaty'; did you mean 'tsarist-treaties'?")],
    "unknown-stance-reference": [
        ("unknown-stance-reference/stances.yaml", 3, 5, "stances[0].actor",
         "unknown actor 'rco'; did you mean 'roc'?"),
        ("unknown-stance-reference/stances.yaml", 5, 17, "stances[0].doctrines[0]",
         "unknown doctrine 'unilateral-declarations'")],
    "unknown-rule-reference": [
        ("unknown-rule-reference/doctrines.yaml", 7, 11, "doctrines[0].rules[0].when.effect[0]",
         "unknown effect 'karakhan-renounce'; did you mean 'karakhan-renounces'?")],
    "duplicate-id": [
        ("duplicate-id/more-actors.yaml", 2, 5, "actors[0].id",
         "duplicate actor id 'rsfsr'; first declared at duplicate-id/actors.yaml:2")],
    "impossible-date": [
        ("impossible-date/instruments.yaml", 16, 5, "instruments[1].date",
         "'1919-02-30' is not a possible day: February 1919 has no day 30")],
    "malformed-date": [
        ("malformed-date/instruments.yaml", 16, 5, "instruments[1].date",
         "'25/07/1919' is not an EDTF date; dates are written year first: "
         "did you mean '1919-07-25'?")],
    "effect-before-instrument": [
        ("effect-before-instrument/instruments.yaml", 21, 9, "instruments[1].effects[0].date",
         "effect 'karakhan-renounces' is dated 1918-07-25, before its instrument (1919-07-25); "
         "say 'retroactive: true' if the instrument records an earlier act")],
    "self-target": [
        ("self-target/instruments.yaml", 20, 9, "instruments[1].effects[0].target",
         "effect 'karakhan-renounces' targets its own instrument 'karakhan-1919'")],
    "missing-provision": [
        ("missing-provision/instruments.yaml", 20, 9, "instruments[1].effects[0].target",
         "unknown target provision 'tsarist-treaties#cer-concesion'; "
         "did you mean 'tsarist-treaties#cer-concession'?")],
    "missing-variant": [
        ("missing-variant/stances.yaml", 6, 7, "stances[0].authoritative.karakhan-1919",
         "unknown variant 'delivered' ('karakhan-1919' declares the variants: published)")],
    "provision-variant": [
        ("provision-variant/instruments.yaml", 23, 20, "instruments[1].provisions[0].variants[0]",
         "provision 'cer-return' names variant 'delivered', which 'karakhan-1919' does not "
         "declare (known: ['published'])")],
    "succession-cycle": [
        ("succession-cycle/actors.yaml", 5, 5, "actors[0].continues",
         "actor succession goes round in a cycle: rsfsr -> russia -> ussr -> rsfsr")],
    "unknown-effect-kind": [
        ("unknown-effect-kind/instruments.yaml", 19, 9, "instruments[1].effects[0].kind",
         "unknown effect kind 'renunciate'; did you mean 'renounce'? (one of: renounce, "
         "reaffirm, annul, supersede, terminate, suspend, resume, deny, withdraw)")],
    "unknown-verdict": [
        ("unknown-verdict/doctrines.yaml", 7, 9, "doctrines[0].rules[0].then",
         "unknown rule verdict 'accepted'; did you mean 'accept'? "
         "(one of: accept, reject, undetermined)")],
    "empty-folder": [
        # a problem with the folder itself names the folder as it was given
        (str(CASES / "empty-folder"), None, None, "",
         "no rule files (*.yaml or *.yml) in this folder")],
    "non-utf8": [
        ("non-utf8/actors.yaml", 3, 12, "", "not UTF-8 text (byte 0xe9); save the file as UTF-8")],
    "year-outside-calendar": [
        ("year-outside-calendar/instruments.yaml", 7, 5, "instruments[0].date",
         "'0000' falls outside the years 0001 to 9999, the calendar treatylogic reckons in; "
         "for an end that is open write '..' (e.g. '../1920')")],
    "tab-indentation": [
        ("tab-indentation/actors.yaml", 3, 1, "",
         "a tab in the indentation; YAML indents with spaces only")],
}


def problems_of(folder: Path) -> list[tuple[str, int | None, int | None, str, str]]:
    """The problems loading ``folder`` reports, as comparable tuples."""
    with pytest.raises(tl.RulesError) as caught:
        tl.load(folder)
    return [(p.file, p.line, p.column, p.path, p.message) for p in caught.value.problems]


def test_every_case_folder_is_checked() -> None:
    """Each folder under cases/ has its expected problems listed here, and no more."""
    expected = sorted(EXPECTED)
    assert expected == sorted(p.name for p in CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_folder_reports_exact_problem(case: str) -> None:
    """The case's folder fails with exactly the expected file, line, column, path and message."""
    assert EXPECTED[case] == problems_of(CASES / case)
