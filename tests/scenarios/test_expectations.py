"""The bundled corpus's own expectations file (expectations/karakhan.yaml) passes in CI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import treatylogic as tl
from treatylogic.cli.expectations import check, read_expectations

FILE = Path(__file__).resolve().parents[2] / "expectations" / "karakhan.yaml"


def test_every_bundled_expectation_passes():
    """Each case of expectations/karakhan.yaml: the status (and deciding rule) it expects."""
    corpus = tl.load()
    cases = read_expectations(FILE)
    failed = [(line, case.name) for case, line in cases if not check(corpus, case).passed]
    assert ([], True) == (failed, len(cases) >= 10)


def test_treatylogic_test_runs_the_file():
    """The real command on the file: every case passes, exit 0."""
    result = subprocess.run([sys.executable, "-m", "treatylogic", "test", str(FILE), "-f", "json"],
                            capture_output=True, text=True, timeout=120)
    data = json.loads(result.stdout)
    assert (0, 0, data["passed"]) == (result.returncode, data["failed"], len(data["cases"]))
