"""The package's static promises: it ships ``py.typed``, so its types must check;
its lint configuration is in ``pyproject.toml``, so the tree must pass it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_the_package_type_checks():
    """mypy finds no error in src/ (the configuration is [tool.mypy] in pyproject.toml)."""
    done = _run("mypy", "--no-incremental", "src")
    assert 0 == done.returncode, done.stdout + done.stderr


def test_the_tree_passes_the_linter():
    """ruff finds nothing in the package, its tests, benchmarks and examples."""
    done = _run("ruff", "check", "src", "tests", "benchmarks", "examples")
    assert 0 == done.returncode, done.stdout + done.stderr
