"""The bundled corpus, loaded once for the scenario tests."""

import pytest

import treatylogic as tl


@pytest.fixture(scope="session")
def corpus() -> tl.Corpus:
    """The bundled rule base (rules/ at the repo root)."""
    return tl.load()
