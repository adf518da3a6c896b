"""The command on the bundled rule base: no --rules, run from an unrelated directory.

The command must say what the Python API says; the one fixed fact checked here
is the Republic of China's reading of the 1919 Karakhan Manifesto (in force on
2024-09-02), the headline case of the rule base.
"""

from __future__ import annotations

import json

import pytest

import treatylogic as tl


@pytest.fixture(scope="module")
def bundled():
    """The bundled rule base, loaded through the API."""
    return tl.load(tl.bundled_rules())


def run_json(cli, tmp_path, *args):
    """Run with the bundled rules from ``tmp_path``; the parsed JSON of a clean success."""
    result = cli(*args, "--format", "json", cwd=tmp_path)
    assert (0, "") == (result.returncode, result.stderr)
    return json.loads(result.stdout)


def test_status_of_the_karakhan_manifesto_under_roc(cli, tmp_path):
    """status karakhan-1919 --stance roc --at 2024-09-02 gives in_force, valid."""
    data = run_json(cli, tmp_path, "status", "karakhan-1919", "--stance", "roc",
                    "--at", "2024-09-02")
    assert ("karakhan-1919", "roc", "2024-09-02", "in_force", True) == \
        (data["target"], data["stance"], data["at"], data["status"], data["valid"])


def test_compare_says_what_the_api_says(cli, tmp_path, bundled):
    """compare --format json equals the API's comparison, stance by stance."""
    data = run_json(cli, tmp_path, "compare", "karakhan-1919", "--at", "1960")
    expected = {name: {k: r.to_dict()[k] for k in ("status", "valid", "possible", "trace")}
                for name, r in bundled.compare("karakhan-1919", "1960").items()}
    assert {"target": "karakhan-1919", "party": None, "at": "1960", "stances": expected} == data


def test_timeline_says_what_the_api_says(cli, tmp_path, bundled):
    """timeline --format json equals the API's timelines for every stance."""
    data = run_json(cli, tmp_path, "timeline", "karakhan-1919")
    expected = {name: bundled.timeline("karakhan-1919", name).to_dict()
                for name in sorted(bundled.stances)}
    assert {"target": "karakhan-1919", "party": None, "stances": expected} == data


def test_the_bundled_rules_validate(cli, tmp_path):
    """validate on the bundled rule base: ok, no problems."""
    assert {"ok": True, "problems": []} == run_json(cli, tmp_path, "validate")


def test_list_names_every_instrument(cli, tmp_path, bundled):
    """list instruments --format json lists every instrument id of the rule base, sorted."""
    data = run_json(cli, tmp_path, "list", "instruments")
    assert sorted(bundled.instruments) == [row["id"] for row in data["instruments"]]
