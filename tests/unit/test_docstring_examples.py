"""Every example in the package's docstrings runs and shows what it says (they are documentation)."""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import treatylogic

MODULES = sorted(m.name for m in pkgutil.walk_packages(treatylogic.__path__, "treatylogic."))


@pytest.mark.parametrize("name", ["treatylogic", *MODULES])
def test_the_docstring_examples_of_a_module_hold(name: str) -> None:
    """Each ``>>>`` example of the module gives the output written under it."""
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out = io.StringIO()
    for test in finder.find(module, name):
        runner.run(test, out=out.write)
    assert (0, "") == (runner.failures, out.getvalue())
