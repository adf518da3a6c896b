"""`treatylogic import ggo` through the real console script."""

from __future__ import annotations

import json
import subprocess
import sys

from ggo_helpers import AGREEMENTS, MEMBERSHIPS


def _run(*args):
    return subprocess.run([sys.executable, "-m", "treatylogic", *map(str, args)],
                          capture_output=True, text=True, check=False)


def test_import_prints_the_summary(tmp_path):
    """The text summary counts rows per table; exit 0."""
    done = _run("import", "ggo", AGREEMENTS, MEMBERSHIPS, "--out", tmp_path / "r")
    assert (0, "ggo-agreements.csv: 21 rows: 20 kept, 1 repaired, 0 left out") == \
        (done.returncode, done.stdout.splitlines()[0])


def test_import_json_has_every_problem(tmp_path):
    """--format json: the tables, the date forms and every row problem with its row."""
    done = _run("import", "ggo", AGREEMENTS, MEMBERSHIPS, "--out", tmp_path / "r", "-f", "json")
    data = json.loads(done.stdout)
    assert ["file", "row", "line", "column", "value", "kind", "outcome", "message"] == \
        list(data["problems"][0])
    assert 2 == data["date_forms"]["ggo-agreements.csv Begin"]["range"] + \
        data["date_forms"]["ggo-agreements.csv Signature"]["range"]


def test_rerun_without_force_exits_2_with_a_message(tmp_path):
    """A second import into the same folder: exit 2, one 'error:' line, no traceback."""
    _run("import", "ggo", AGREEMENTS, MEMBERSHIPS, "--out", tmp_path / "r")
    done = _run("import", "ggo", AGREEMENTS, MEMBERSHIPS, "--out", tmp_path / "r")
    assert (2, "") == (done.returncode, done.stdout)
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr


def test_missing_file_exits_2(tmp_path):
    """A file that does not exist: exit 2 naming it."""
    done = _run("import", "ggo", tmp_path / "nope.csv", MEMBERSHIPS, "--out", tmp_path / "r")
    assert (2, f"error: {tmp_path / 'nope.csv'}: no such file") == \
        (done.returncode, " ".join(done.stderr.split()))
