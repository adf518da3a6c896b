"""The ``treatylogic`` command: status, explanations, comparisons and exports from a shell.

Every command renders for people with Rich (colour only on a terminal) and
speaks JSON for scripts with ``--format json``. Exit codes: 0 on success, 2 on
bad input (an unknown id, a date that is not EDTF, invalid rule files, a file
that cannot be written), 1 only for a bug.

>>> from typer.testing import CliRunner
>>> result = CliRunner().invoke(app, ["status", "karakhan-1919", "--stance", "roc",
...                                   "--at", "2024-09-02", "--format", "json"])
>>> result.exit_code, json.loads(result.stdout)["status"]
(0, 'in_force')
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, NoReturn

import typer
import typer.core
from rich.console import Console
from rich.text import Text

from . import __version__
from . import _cli_render as render
from ._cli_data import register as register_data_commands
from ._cli_graph import render_graph
from ._cli_schema import rule_file_schema
from .corpus import Corpus
from .errors import RulesError, TreatyLogicError
from .loading import bundled_rules, load
from .resolution import query_day

__all__ = ["app", "main"]

EXIT_BAD_INPUT = 2

#: Optional extras: the packages each brings, to tell a missing extra from a bug.
EXTRAS = {"report": ("matplotlib",), "asp": ("clingo",)}


# ------------------------------------------------------------------ plumbing
class _Group(typer.core.TyperGroup):
    """Turns treatylogic's own errors into a message on stderr and exit 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # a typer Context (typer vendors its own click)
        try:
            return super().invoke(ctx)
        except TreatyLogicError as exc:
            _fail(_error_text(exc))


def _error_text(exc: TreatyLogicError) -> Text:
    if isinstance(exc, RulesError):
        count = len(exc.problems)
        head = f"{count:,} problem{'s' if count != 1 else ''} in the rule files:\n"
        shown, rest = exc.shown()
        more = f"\n  ... and {rest:,} more (`validate --format json` lists them all)" \
            if rest else ""
        return Text.assemble(head, render.problems_view(shown), more)
    return Text(str(exc))


def _fail(message: str | Text) -> NoReturn:
    """Print ``error: message`` on stderr and exit 2."""
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(Text.assemble(("error: ", "bold red"), message))
    raise typer.Exit(EXIT_BAD_INPUT)


@dataclass
class _State:
    """What the global options chose; the corpus is loaded once, on first use."""

    rules: Path | None = None
    _corpus: Corpus | None = field(default=None, repr=False)

    def corpus(self) -> Corpus:
        if self._corpus is None:
            self._corpus = load(self.rules)
        return self._corpus

    def folder(self) -> Path:
        return self.rules if self.rules is not None else bundled_rules()


def _corpus(ctx: typer.Context) -> Corpus:
    return ctx.ensure_object(_State).corpus()


def _reader_went_away() -> NoReturn:
    """Stop quietly when the reader closes the pipe (``| head``), as other Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # nothing more to flush at exit
    sys.exit(0)


class _Console(Console):
    """Rich's console; a closed pipe is not an error (Rich would exit 1, our code for a bug)."""

    def on_broken_pipe(self) -> None:
        _reader_went_away()


def _print(renderable: Any) -> None:
    # Rich drops colour and styles by itself when stdout is not a terminal.
    _Console(highlight=False).print(renderable)


def _print_line(text: Text) -> None:
    """One line of result: never broken at the terminal's width."""
    _Console(highlight=False, soft_wrap=True).print(text)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _write(out: Path, text: str) -> None:
    """Write an output file; a folder that is missing or read-only is the user's to fix."""
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    _wrote(out)


def _wrote(out: Path) -> None:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"wrote {out}")


def _optional(module: str, extra: str, call: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``treatylogic.<module>.<call>(*args)``; a missing extra exits 2 and names it."""
    try:
        found: ModuleType = importlib.import_module(f"treatylogic.{module}")
        return getattr(found, call)(*args, **kwargs)
    except ImportError as exc:
        missing = (exc.name or "").split(".")[0]
        if exc.name == f"treatylogic.{module}" or missing in EXTRAS[extra]:
            _fail(f"this command needs the optional extra 'treatylogic[{extra}]': "
                  f"pip install 'treatylogic[{extra}]' ({exc})")
        raise


# ------------------------------------------------------------------- options
class TextOrJson(StrEnum):
    TEXT = "text"
    JSON = "json"


class ExplainFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class GraphFormat(StrEnum):
    DOT = "dot"
    MERMAID = "mermaid"
    GRAPHML = "graphml"


class ListKind(StrEnum):
    INSTRUMENTS = "instruments"
    ACTORS = "actors"
    STANCES = "stances"
    DOCTRINES = "doctrines"


Target = Annotated[str, typer.Argument(
    metavar="TARGET", help="An instrument id, or instrument#provision.", show_default=False)]
StanceOption = Annotated[str, typer.Option(
    "--stance", "-s", help="A stance id or alias (see: treatylogic list stances).",
    show_default=False)]
AtOption = Annotated[str | None, typer.Option(
    "--at", metavar="DATE", help="An EDTF date: 2024-09-02, 1953, 1922-10. Default: today.",
    show_default=False)]
FormatOption = Annotated[TextOrJson, typer.Option(
    "--format", "-f", help="text for people, json for scripts.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"treatylogic {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="treatylogic",
    cls=_Group,
    help="The legal status of international instruments, stance by stance, with the reasons.",
    epilog="Example: treatylogic status karakhan-1919 --stance roc --at 2024-09-02",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    rules: Annotated[str | None, typer.Option(
        "--rules", "-r", envvar="TREATYLOGIC_RULES", metavar="DIR", show_default=False,
        help="A rules folder (or one YAML file). Default: $TREATYLOGIC_RULES, "
             "else the bundled rule base.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """The legal status of international instruments, stance by stance, with the reasons."""
    if rules is not None and not rules.strip():  # Path("") would be the current folder
        _fail("--rules is empty; give a rules folder (use '.' for the current one)")
    ctx.obj = _State(Path(rules) if rules is not None else None)


# ------------------------------------------------------------------ commands
@app.command()
def status(ctx: typer.Context, target: Target, stance: StanceOption, at: AtOption = None,
           fmt: FormatOption = TextOrJson.TEXT) -> None:
    """Where TARGET stands under one stance at a date.

    Example: treatylogic status karakhan-1919 --stance roc --at 2024-09-02 --format json
    """
    resolution = _corpus(ctx).resolve(target, stance, at)
    if fmt is TextOrJson.JSON:
        _print_json(resolution.to_dict())
    else:
        _print_line(render.status_line(resolution))


@app.command()
def explain(ctx: typer.Context, target: Target, stance: StanceOption, at: AtOption = None,
            fmt: Annotated[ExplainFormat, typer.Option(
                "--format", "-f", help="text (a tree), json, or markdown.")] = ExplainFormat.TEXT,
            ) -> None:
    """Why TARGET stands where it does: every step, the rule that decided it, the sources.

    Example: treatylogic explain karakhan-1919 --stance prc --at 1960 --format markdown
    """
    resolution = _corpus(ctx).resolve(target, stance, at)
    if fmt is ExplainFormat.JSON:
        _print_json(resolution.to_dict())
    elif fmt is ExplainFormat.MARKDOWN:
        sys.stdout.write(resolution.explain("markdown") + "\n")
    else:
        _print(render.explain_tree(resolution))


@app.command()
def compare(ctx: typer.Context, target: Target, at: AtOption = None,
            fmt: FormatOption = TextOrJson.TEXT) -> None:
    """TARGET under every stance at one date, side by side.

    Example: treatylogic compare karakhan-1919 --at 1950
    """
    corpus = _corpus(ctx)
    at_text = query_day(at)[1]
    resolutions = corpus.compare(target, at)
    if fmt is TextOrJson.JSON:
        stances = {name: {k: r.to_dict()[k] for k in ("status", "valid", "trace")}
                   for name, r in resolutions.items()}
        _print_json({"target": target, "at": at_text, "stances": stances})
    else:
        _print(render.compare_table(target, at_text, resolutions, corpus))


@app.command()
def timeline(
    ctx: typer.Context, target: Target,
    stance: Annotated[str | None, typer.Option(
        "--stance", "-s", help="One stance id or alias. Default: every stance.",
        show_default=False)] = None,
    fmt: FormatOption = TextOrJson.TEXT,
    plot: Annotated[Path | None, typer.Option(
        "--plot", metavar="FILE", show_default=False,
        help="Draw the timeline to an .svg or .png file instead (needs treatylogic\\[report]).",
    )] = None,
) -> None:
    """How TARGET's status changed through time, under one stance or every one.

    Example: treatylogic timeline karakhan-1919 --stance russia --format json
    """
    corpus = _corpus(ctx)
    corpus.check_target(target)
    names = [corpus.stance(stance).id] if stance is not None else sorted(corpus.stances)
    if plot is not None:
        written = _optional("report", "report", "plot_timeline", corpus, target, stance, plot)
        _wrote(Path(written))
        return
    timelines = [corpus.timeline(target, name) for name in names]
    if fmt is TextOrJson.JSON:
        _print_json({"target": target, "stances": {t.stance: t.to_dict() for t in timelines}})
    else:
        _print(render.timeline_table(target, timelines))


@app.command()
def diff(ctx: typer.Context, target: Target,
         stance_a: Annotated[str, typer.Argument(help="A stance id or alias.",
                                                 show_default=False)],
         stance_b: Annotated[str, typer.Argument(help="Another stance id or alias.",
                                                 show_default=False)],
         at: AtOption = None, fmt: FormatOption = TextOrJson.TEXT) -> None:
    """Where two stances part on TARGET: the first step they decide differently.

    Example: treatylogic diff karakhan-1919 roc russia --at 2024
    """
    divergence = _corpus(ctx).diff(target, stance_a, stance_b, at)
    if fmt is TextOrJson.JSON:
        _print_json({**divergence.model_dump(mode="json"), "agree": divergence.agree})
    else:
        _print(render.divergence_view(divergence))


@app.command()
def validate(ctx: typer.Context, fmt: FormatOption = TextOrJson.TEXT) -> None:
    """Check the rule files: every problem with its file, line, column and field; exit 2 if any.

    Example: treatylogic --rules my-rules/ validate --format json
    """
    state = ctx.ensure_object(_State)
    try:
        corpus = state.corpus()
    except RulesError as exc:
        if fmt is TextOrJson.JSON:
            _print_json({"ok": False, "problems": [p.as_dict() for p in exc.problems]})
            raise typer.Exit(EXIT_BAD_INPUT) from None
        raise
    if fmt is TextOrJson.JSON:
        _print_json({"ok": True, "problems": []})
        return
    _print_line(Text.assemble(("ok", "bold green"), f": {state.folder()}: "
                         f"{len(corpus.actors)} actors, {len(corpus.instruments)} instruments, "
                         f"{len(corpus.effects)} effects, {len(corpus.doctrines)} doctrines, "
                         f"{len(corpus.stances)} stances"))


def _graph_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else DOT."""
    if fmt is not None:
        return str(fmt)
    by_suffix = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
                 ".graphml": "graphml"}
    return by_suffix.get(out.suffix.lower(), "dot") if out is not None else "dot"


@app.command()
def graph(
    ctx: typer.Context,
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="dot, mermaid or graphml. Default: from the --out suffix, else dot.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", show_default=False,
        help="Write here instead of to stdout.")] = None,
    stance: Annotated[str | None, typer.Option(
        "--stance", "-s", show_default=False,
        help="Colour nodes by their status, and effects by the verdict, under this stance.",
    )] = None,
    at: AtOption = None,
) -> None:
    """The dependency graph: instruments, provisions and the effects between them.

    DOT and Mermaid need no Graphviz installed; GraphML opens in Gephi, yEd, Cytoscape.

    Example: treatylogic graph --stance roc --at 1950 --out karakhan.dot
    """
    text = render_graph(_corpus(ctx), _graph_format(fmt, out), stance, at)
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[ListKind | None, typer.Argument(
        help="What to list. Default: all four.", show_default=False)] = None,
    fmt: FormatOption = TextOrJson.TEXT,
) -> None:
    """The declarations of the rule base: instruments, actors, stances, doctrines.

    Example: treatylogic list stances
    """
    corpus = _corpus(ctx)
    kinds = [kind.value] if kind is not None else [k.value for k in ListKind]
    rows = {name: render.list_rows(corpus, name) for name in kinds}
    if fmt is TextOrJson.JSON:
        _print_json(rows)
        return
    for name in kinds:
        _print(render.list_table(name, rows[name]))


@app.command()
def schema(out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", show_default=False,
        help="Write here instead of to stdout.")] = None) -> None:
    """The JSON Schema of a rule file, for editors that check YAML as you type.

    Example: treatylogic schema --out rules.schema.json
    """
    text = json.dumps(rule_file_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)


@app.command()
def report(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(
        "--out", "-o", metavar="FILE", help="The HTML file to write.", show_default=False)],
    at: AtOption = None,
    targets: Annotated[list[str] | None, typer.Option(
        "--targets", "-t", metavar="ID", show_default=False,
        help="Instruments to include (repeat, or separate with commas). Default: all.")] = None,
    more_targets: Annotated[list[str] | None, typer.Argument(
        metavar="ID", show_default=False, help="More instruments to include.")] = None,
) -> None:
    """One self-contained HTML page: the comparison matrix, timelines and traces.

    Needs the optional extra treatylogic\\[report].

    Example: treatylogic report --at 1950 --targets karakhan-1919 karakhan-1920 --out report.html
    """
    corpus = _corpus(ctx)
    chosen = [t for item in [*(targets or ()), *(more_targets or ())]
              for t in item.split(",") if t] or None
    for target in chosen or ():
        corpus.check_target(target)
    query_day(at)  # a bad date fails here, with our message
    from rich.progress import Progress

    console = Console(stderr=True, highlight=False)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("building the report", total=None)
        written = _optional("report", "report", "write_report", corpus, out, at, chosen,
                            progress=lambda done, total: bar.update(task, completed=done,
                                                                    total=total))
    _wrote(Path(written))


export_app = typer.Typer(
    help="Export the corpus for other tools.", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app, name="export")


@export_app.command("asp")
def export_asp(ctx: typer.Context, out: Annotated[Path | None, typer.Option(
        "--out", "-o", metavar="FILE", show_default=False,
        help="Write here instead of to stdout.")] = None) -> None:
    """The corpus and its stances as answer set programming facts, for clingo.

    Needs the optional extra treatylogic\\[asp].

    Example: treatylogic export asp --out karakhan.lp
    """
    text = _optional("asp", "asp", "export_facts", _corpus(ctx))
    text = text if text.endswith("\n") else text + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        _write(out, text)


register_data_commands(app)  # import ggo (issue 13): its own module, one line here


# ---------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``treatylogic`` console script)."""
    command = typer.main.get_command(app)
    try:
        command.main(args=argv, prog_name="treatylogic")
    except BrokenPipeError:
        _reader_went_away()
