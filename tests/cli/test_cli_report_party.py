"""report --party and --no-parties, in the real process, on the bundled rules."""

from __future__ import annotations

import re


def test_report_party_preselects_it(cli, tmp_path):
    """report --party ussr writes a page that opens on the USSR (its option selected)."""
    out = tmp_path / "r.html"
    result = cli("report", "--at", "1950", "--party", "ussr", "--out", out)
    html = out.read_text(encoding="utf-8")
    assert (0, ["ussr"]) == (result.returncode,
                             re.findall(r'<option value="([^"]*)" selected>', html))


def test_report_no_parties_has_no_party_choice(cli, tmp_path):
    """report --no-parties writes a page without the party control."""
    out = tmp_path / "r.html"
    result = cli("report", "--at", "1950", "--no-parties", "--out", out)
    assert (0, False) == (result.returncode, 'id="tl-party"' in out.read_text(encoding="utf-8"))


def test_report_unknown_party_is_a_clear_error(cli, tmp_path):
    """A misspelt --party: exit 2 with the closest actor ids, no traceback, no file."""
    out = tmp_path / "r.html"
    result = cli("report", "--party", "usr", "--out", out)
    assert (2, True, False, False) == (result.returncode, "did you mean ussr" in result.stderr,
                                       "Traceback" in result.stderr, out.exists())
