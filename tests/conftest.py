"""Shared pytest configuration (helpers may add options below)."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-examples", type=int, default=None,
                     help="examples for the rule-file fuzz suite (tests/fuzz); "
                          "same as env TREATYLOGIC_FUZZ_EXAMPLES")


def pytest_configure(config: pytest.Config) -> None:
    # the compiled cache of large rules folders goes to a folder of this run, not the
    # user's cache (tests/loading set their own); removed when the run ends
    if "TREATYLOGIC_CACHE_DIR" not in os.environ:
        folder = tempfile.mkdtemp(prefix="treatylogic-test-cache-")
        os.environ["TREATYLOGIC_CACHE_DIR"] = config._treatylogic_cache = folder  # type: ignore[attr-defined]
    examples = config.getoption("--fuzz-examples")
    if examples is not None:  # read when tests/fuzz is imported, after this hook
        os.environ["TREATYLOGIC_FUZZ_EXAMPLES"] = str(examples)


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_treatylogic_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop("TREATYLOGIC_CACHE_DIR", None)
