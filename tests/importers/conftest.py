"""Fixtures of the importer tests: the GGO slice imported once per session."""

from __future__ import annotations

import pytest
from ggo_helpers import AGREEMENTS, MEMBERSHIPS, read_folder

from treatylogic.importers import import_ggo


@pytest.fixture(scope="session")
def slice_import(tmp_path_factory):
    """(report, folder) of the slice's import."""
    out = tmp_path_factory.mktemp("ggo") / "rules"
    return import_ggo(AGREEMENTS, MEMBERSHIPS, out), out


@pytest.fixture(scope="session")
def written(slice_import):
    """(instruments, actors) the slice's import wrote, each by id."""
    return read_folder(slice_import[1])
