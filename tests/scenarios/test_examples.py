"""The scenario scripts in examples/ run from any folder and print the answers the sources give."""

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(name: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, str(EXAMPLES / name)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)
    assert (0, "") == (done.returncode, done.stderr)
    return done.stdout


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    cwd = tmp_path_factory.mktemp("elsewhere")
    return {name: run(name, cwd) for name in
            ("karakhan_validity.py", "treaty_1945_fate.py", "what_if.py")}


def _row(text: str, after: str, stance: str) -> list[str]:
    block = text[text.index(after):]
    line = next(x for x in block.splitlines() if x.strip().startswith(stance + " "))
    return line.split()[1:]


def test_validity_table_roc_row(outputs):
    """000: Taiwan sees the manifestos as valid: in force at every key date."""
    assert ["in_force"] * 6 == _row(outputs["karakhan_validity.py"], "karakhan-1919:", "roc")


def test_validity_table_russia_row(outputs):
    """000: the USSR annulled the manifestos "After October 1922"."""
    expected = ["in_force", "in_force", "annulled", "annulled", "annulled", "annulled"]
    assert expected == _row(outputs["karakhan_validity.py"], "karakhan-1919:", "russia")


def test_validity_names_most_disputed_case(outputs):
    """000: four readings differ on the first manifesto today."""
    assert "Most disputed: karakhan-1919 at 2024, 4 distinct statuses" in outputs["karakhan_validity.py"]


def test_validity_prints_the_rejecting_rule(outputs):
    """000: Taiwan holds them valid: the printed trace shows the ROC rule rejecting the annulment."""
    assert "rejected [rule roc/manifestos-valid]" in outputs["karakhan_validity.py"]


def test_fate_of_1945_treaty_under_roc(outputs):
    """002: terminated by the Legislative Yuan on 24 February 1953."""
    assert "1945-08-14 – 1953-02-24  in_force" in outputs["treaty_1945_fate.py"]


def test_fate_of_1945_treaty_under_russia(outputs):
    """002: replaced by the 1950 treaty."""
    text = outputs["treaty_1945_fate.py"]
    block = text[text.index("under russia:"):]
    assert "1950-02-14 – today       superseded" in block.splitlines()[3]


def test_fate_marks_the_resolution_505_link_as_a_judgement(outputs):
    """002 gives Resolution 505 and the 1953 vote without linking them: the example says the link is a judgement."""
    text = outputs["treaty_1945_fate.py"]
    block = text[text.index("under roc:"):]
    why = next(line for line in block.splitlines() if line.strip().startswith("why:"))
    assert "(a modelling judgement: see the trace)" in why


def test_fate_shows_the_1924_railway_clause_superseded(outputs):
    """002: "Both nations also agreed upon joint control of the Chinese Eastern Railway" in 1945."""
    text = outputs["treaty_1945_fate.py"]
    block = text[text.index("sino-soviet-1924#cer-soviet-control in 1960"):]
    assert ["superseded"] == _row(block, "in 1960", "roc")


def test_what_if_is_labelled_hypothetical(outputs):
    """000: the PRC "has yet to state an official position"; the counterfactual must say it is invented."""
    assert outputs["what_if.py"].startswith("*** HYPOTHETICAL COUNTERFACTUAL")


def test_what_if_changes_prc_only(outputs):
    """A PRC declaration moves only the PRC's own answer: for every other reading the PRC is not the manifestos' author, and a third state's reaffirmation is inert (VCLT art. 34)."""
    changed = [line.split()[:2] for line in outputs["what_if.py"].splitlines()
               if line.endswith("<- changes")]
    expected = [["karakhan-1919", "prc"], ["karakhan-1920", "prc"]]
    assert expected == changed
    assert "is not a party to karakhan-1919" not in outputs["what_if.py"]
    assert "no actor of it (prc) is a party to karakhan-1919" in outputs["what_if.py"]
