"""--party on every command that resolves: the status for one party (VCLT art. 34), on the bundled rules."""

from __future__ import annotations

import csv
import io
import json


def _json(result):
    assert (0, "") == (result.returncode, result.stderr)
    return json.loads(result.stdout)


def test_status_for_a_third_state_is_not_party(cli):
    """002: Yalta was agreed by the USA, the UK and the USSR; China was no party: for the ROC, not_party."""
    data = _json(cli("status", "yalta-1945", "-s", "russia", "--at", "1950", "--party", "roc",
                     "--format", "json"))
    assert ("roc", "not_party", False) == (data["party"], data["status"], data["valid"])
    text = cli("status", "yalta-1945", "-s", "russia", "--at", "1950", "--party", "roc").stdout
    assert "yalta-1945 for party roc under russia at 1950: not_party" in text


def test_every_resolving_command_takes_party(cli):
    """explain, compare, timeline, diff and table answer for the party given."""
    explain = _json(cli("explain", "yalta-1945", "-s", "roc", "--at", "1950", "--party", "ussr",
                        "--format", "json"))
    assert ("ussr", "in_force") == (explain["party"], explain["status"])
    compare = _json(cli("compare", "yalta-1945", "--at", "1950", "--party", "prc",
                        "--format", "json"))
    assert {"not_party"} == {s["status"] for s in compare["stances"].values()}
    timeline = _json(cli("timeline", "yalta-1945", "-s", "russia", "--party", "roc",
                         "--format", "json"))
    assert [{"from": None, "to": None, "status": "not_party"}] == \
        timeline["stances"]["russia"]
    diff = _json(cli("diff", "yalta-1945", "roc", "russia", "--at", "1950", "--party", "uk",
                     "--format", "json"))
    assert ("in_force", "in_force") == (diff["status_a"], diff["status_b"])
    rows = list(csv.DictReader(io.StringIO(cli("table", "--at", "1950", "--party",
                                               "roc").stdout)))
    assert {"not_party"} == {r["status"] for r in rows if r["target"] == "yalta-1945"}


def test_an_unknown_party_is_a_clear_error(cli):
    """A misspelt party id is exit 2 with the closest actor ids, never a traceback."""
    result = cli("status", "yalta-1945", "-s", "russia", "--party", "rocc")
    assert (2, True, False) == (result.returncode, "did you mean roc" in result.stderr,
                                "Traceback" in result.stderr)
