"""Commands for real data: ``treatylogic import ggo`` (and, with per-party resolution, ``panel``).

They live apart from the other commands and are registered on the main app by
:func:`register`, one call, so they move as one piece.

>>> from typer.testing import CliRunner
>>> from treatylogic.cli import app
>>> CliRunner().invoke(app, ["import", "ggo", "--help"]).exit_code
0
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

__all__ = ["import_app", "register"]

import_app = typer.Typer(help="Import a real dataset into a rules folder.", no_args_is_help=True,
                         context_settings={"help_option_names": ["-h", "--help"]})


class _Format(StrEnum):
    TEXT = "text"
    JSON = "json"


@import_app.command("ggo")
def import_ggo_command(
    agreements: Annotated[Path | None, typer.Argument(
        metavar="[AGREEMENTS]", show_default=False,
        help="ggo-agreements.csv.gz. Default: ../shared/data/ggo beside the repository, "
             "or $TREATYLOGIC_GGO_DATA.")] = None,
    memberships: Annotated[Path | None, typer.Argument(
        metavar="[MEMBERSHIPS]", show_default=False,
        help="ggo-memberships.csv.gz (default: beside AGREEMENTS).")] = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="DIR", help="The rules folder to write.")] = Path("ggo-rules"),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace an earlier import in DIR.")] = False,
    fmt: Annotated[_Format, typer.Option(
        "--format", "-f",
        help="text: the summary; json: the summary and every row problem.")] = _Format.TEXT,
) -> None:
    """Import the GGO agreements and memberships (manytreaties, CC BY 4.0) as rule files.

    Bad rows are reported with file, line, row and column; the rest is imported.
    Every problem is also written to DIR/import-report.txt.
    """
    from ..importers import import_ggo

    if agreements is not None and memberships is None:
        memberships = agreements.parent / "ggo-memberships.csv.gz"
    report = import_ggo(agreements, memberships, out, force=force)
    if fmt is _Format.JSON:
        sys.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(report.summary() + "\n")


def register(app: typer.Typer) -> None:
    """Add the data commands to the ``treatylogic`` app."""
    app.add_typer(import_app, name="import")
