"""Importers: real datasets into ordinary rules folders.

>>> from treatylogic.importers import import_ggo, DataImportError
"""

from __future__ import annotations

from .ggo import CITATION, default_data_folder, import_ggo
from .problems import DataImportError, ImportReport, RowProblem, TableSummary

__all__ = [
    "CITATION",
    "DataImportError",
    "ImportReport",
    "RowProblem",
    "TableSummary",
    "default_data_folder",
    "import_ggo",
]
