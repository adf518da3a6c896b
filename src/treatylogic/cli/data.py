"""Commands for real data: ``treatylogic import ggo`` and ``treatylogic panel``.

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

__all__ = ["import_app", "panel_command", "register"]

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


class _PanelFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


class _Every(StrEnum):
    YEAR = "year"
    MONTH = "month"


def panel_command(
    ctx: typer.Context,
    party: Annotated[list[str] | None, typer.Option(
        "--party", "-p", metavar="ACTOR", show_default=False,
        help="Only this party (repeat for more). Default: every listed party.")] = None,
    instrument: Annotated[list[str] | None, typer.Option(
        "--instrument", "-i", metavar="ID", show_default=False,
        help="Only this instrument (repeat for more). Default: all.")] = None,
    start: Annotated[int | None, typer.Option(
        "--from", metavar="YEAR", show_default=False, help="First year of the range.")] = None,
    end: Annotated[int | None, typer.Option(
        "--to", metavar="YEAR", show_default=False, help="Last year of the range.")] = None,
    at: Annotated[list[str] | None, typer.Option(
        "--at", metavar="DATE", show_default=False,
        help="An EDTF date (its last day); repeat for more. Instead of --from/--to.")] = None,
    every: Annotated[_Every, typer.Option(
        "--every", help="With --from/--to: 31 December of each year, or each month's end."
    )] = _Every.YEAR,
    stance: Annotated[list[str] | None, typer.Option(
        "--stance", "-s", metavar="STANCE", show_default=False,
        help="A stance (repeat for more). Default: every stance.")] = None,
    fmt: Annotated[_PanelFormat, typer.Option(
        "--format", "-f", help="csv, json or parquet (parquet needs --out).")] = _PanelFormat.CSV,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", show_default=False,
        help="Write here (default: stdout, for csv and json).")] = None,
) -> None:
    """The panel: party x instrument x date x stance -> status, one row each.

    Example: treatylogic --rules ggo-rules panel --party DDR --from 1985 --to 1995
    --stance dataset --stance continuity --out ddr.csv
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from ..panel import PanelError, panel

    if fmt is _PanelFormat.PARQUET and out is None:
        raise PanelError("--format parquet writes a file: give --out FILE")
    corpus = ctx.obj.corpus()
    err = Console(stderr=True)
    with Progress("panel", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("panel", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        rows = panel(corpus, parties=party, instruments=instrument, at=at, start=start,
                     end=end, every=every.value, stances=stance, progress=advance)
    if out is None:
        sys.stdout.write(rows.to_csv() if fmt is _PanelFormat.CSV else rows.to_json())
        return
    try:
        rows.write(out, fmt.value)
    except OSError as exc:
        raise PanelError(f"cannot write {out}: {exc.strerror or exc}") from None
    err.print(f"wrote {out} ({len(rows):,} rows)", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the data commands to the ``treatylogic`` app."""
    app.add_typer(import_app, name="import")
    app.command("panel")(panel_command)
