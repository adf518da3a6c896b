"""Shared pytest configuration (helpers may add options below)."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--fuzz-examples", type=int, default=None,
                     help="examples for the rule-file fuzz suite (tests/fuzz); "
                          "same as env TREATYLOGIC_FUZZ_EXAMPLES")


def pytest_configure(config: pytest.Config) -> None:
    examples = config.getoption("--fuzz-examples")
    if examples is not None:  # read when tests/fuzz is imported, after this hook
        os.environ["TREATYLOGIC_FUZZ_EXAMPLES"] = str(examples)
