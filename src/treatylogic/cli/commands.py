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

import contextlib
import errno
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

from .. import __version__
from ..engine import Corpus, load
from ..errors import Problem, RulesError, TreatyLogicError, UnknownIdError
from ..loading import bundled_rules
from ..models import REF_PATTERN
from ..resolution import query_day
from . import render
from .data import register as register_data_commands
from .graph import render_graph
from .output import OutputError, check_out, clean, write_atomic
from .schema import rule_file_schema

__all__ = ["app", "main"]

EXIT_BAD_INPUT = 2

#: Optional extras: the packages each brings, to tell a missing extra from a bug.
EXTRAS = {"report": ("matplotlib",), "asp": ("clingo",), "parquet": ("pyarrow",)}


# ------------------------------------------------------------------ plumbing
class _Group(typer.core.TyperGroup):
    """Turns treatylogic's own errors into a message on stderr and exit 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:  # a typer Context (typer vendors its own click)
        try:
            return super().invoke(ctx)
        except TreatyLogicError as exc:
            _fail(_error_text(exc))
        except UnicodeEncodeError as exc:
            _fail_encoding(exc)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _reader_went_away()
            _fail_output(exc)


def _error_text(exc: TreatyLogicError) -> Text:
    if isinstance(exc, RulesError):
        count = len(exc.problems)
        what = "expectation" if type(exc).__name__ == "ExpectationsError" else "rule"
        head = f"{count:,} problem{'s' if count != 1 else ''} in the {what} files:\n"
        shown, rest = exc.shown()
        more = (f"\n  ... and {rest:,} more (`validate --format json` lists them all)"
                if rest else "")
        return Text.assemble(head, render.problems_view(shown), more)
    return Text(clean(str(exc)))


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str | Text) -> NoReturn:
    """Print ``error: message`` on stderr and exit 2."""
    # if stderr is gone or cannot show the message, the exit code still says it
    with contextlib.suppress(OSError, UnicodeEncodeError, AttributeError):
        _stderr().print(Text.assemble(("error: ", "bold red"), message))
    raise typer.Exit(EXIT_BAD_INPUT)


def _fail_encoding(exc: UnicodeEncodeError) -> NoReturn:
    encoding = getattr(sys.stdout, "encoding", None) or exc.encoding
    message = (f"the output encoding ({encoding}) cannot show the text to print; "
               "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale such as LANG=C.UTF-8), "
               "or use --format json")
    with contextlib.suppress(OSError, UnicodeEncodeError, AttributeError):
        sys.stderr.write(f"error: {message}\n")
    raise typer.Exit(EXIT_BAD_INPUT)


def _fail_output(exc: OSError) -> NoReturn:
    if exc.errno == errno.ENOSPC:
        _fail("no space left on the device while writing the output; free some space "
              "and run the command again")
    where = f" {clean(str(exc.filename))}" if exc.filename else " the output"
    _fail(f"cannot write{where}: {exc.strerror or exc}; check that it can be written "
          "(is standard output closed?)")


def _folders_from_env() -> list[Path]:
    value = os.environ.get("TREATYLOGIC_RULES", "")
    return [Path(part) for part in value.split(os.pathsep) if part]


@dataclass
class _State:
    """What the global options chose; the corpus is loaded once, on first use."""

    rules: list[Path] = field(default_factory=list)
    cache: bool | None = None  # False: --no-cache; None: the loader's default
    _corpus: Corpus | None = field(default=None, repr=False)

    def add(self, rules: list[Path] | None) -> None:
        """Rules folders given after the subcommand join those given before it."""
        if rules:
            self.rules = [*self.rules, *rules]
            self._corpus = None

    def folders(self) -> list[Path]:
        """The rules folders read: --rules (in order), else $TREATYLOGIC_RULES, else bundled."""
        return self.rules or _folders_from_env() or [bundled_rules()]

    def corpus(self) -> Corpus:
        if self._corpus is None:
            folders = self.folders()
            self._corpus = load(folders[0] if len(folders) == 1 else folders, cache=self.cache)
        return self._corpus

    def header(self) -> Text:
        """``rules: FOLDER`` (and ``(bundled)`` for the rule base that ships with treatylogic)."""
        bundled = bundled_rules().resolve()
        shown = [clean(str(f)) + (" (bundled)" if f.resolve() == bundled else "")
                 for f in self.folders()]
        return Text("rules: " + " + ".join(shown), style="dim")


def _rule_paths(values: list[str] | None) -> list[Path]:
    """The ``--rules`` values as paths; an empty one is refused (``Path("")`` is ``.``)."""
    for value in values or ():
        if not value.strip():
            _fail("--rules is empty; give a rules folder (use '.' for the current one)")
    return [Path(value) for value in values or ()]


def _state(ctx: typer.Context, rules: list[str] | None = None) -> _State:
    state = ctx.ensure_object(_State)
    state.add(_rule_paths(rules))
    return state


def _corpus(ctx: typer.Context, rules: list[str] | None = None) -> Corpus:
    return _state(ctx, rules).corpus()


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


def _print_header(ctx: typer.Context) -> None:
    """The first line of every text output: which rules folder(s) the answer comes from."""
    _print_line(ctx.ensure_object(_State).header())


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _protected(ctx: typer.Context) -> list[Path]:
    return ctx.ensure_object(_State).folders()


def _write_text(ctx: typer.Context, out: Path, text: str, formats: dict[str, str],
                force: bool) -> None:
    """Check ``out`` (see :func:`check_out`), then write ``text`` there atomically."""
    check_out(out, formats, force=force, protected=_protected(ctx))
    write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    _wrote(ctx, out)


def _wrote(ctx: typer.Context, out: Path) -> None:
    _stderr().print(Text.assemble(f"wrote {clean(str(out))} from ",
                                  ctx.ensure_object(_State).header().plain))


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


def _check_ref(corpus: Corpus, target: str) -> str:
    """A target as the user typed it: the shape first, then that it exists."""
    import re

    if not re.match(REF_PATTERN, target):
        raise UnknownIdError("target", target, corpus.targets())
    corpus.check_target(target)
    return target


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
    PROVISIONS = "provisions"
    EFFECTS = "effects"
    ACTORS = "actors"
    STANCES = "stances"
    DOCTRINES = "doctrines"
    SOURCES = "sources"


class SourcesFormat(StrEnum):
    TEXT = "text"
    CSL_JSON = "csl-json"
    BIBTEX = "bibtex"


class TableFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    PARQUET = "parquet"


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
RulesOption = Annotated[list[str] | None, typer.Option(
    "--rules", "-r", metavar="DIR", show_default=False,
    help="A rules folder (or YAML file); repeat to merge several. Also before the command.")]
OutOption = Annotated[Path | None, typer.Option(
    "--out", "-o", metavar="FILE", show_default=False,
    help="Write here instead of to stdout (refused if it exists, unless --force).")]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Overwrite an existing --out file (never one in a rules folder read).")]
PartyOption = Annotated[str | None, typer.Option(
    "--party", "-p", show_default=False,
    help="An actor id: the status for that party (not_party if it never consented). "
         "Default: the instrument's own status, among its parties.")]
IdsOption = Annotated[bool, typer.Option(
    "--ids", help="Also show the id of the rule that decided each step.")]


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
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(
    ctx: typer.Context,
    rules: Annotated[list[str] | None, typer.Option(
        "--rules", "-r", metavar="DIR", show_default=False,
        help="A rules folder (or one YAML file); repeat to merge several. Default: "
             "$TREATYLOGIC_RULES (folders separated by ':'), else the bundled rule base.")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse the rules folder, neither reading nor writing the compiled "
                           "cache (as $TREATYLOGIC_CACHE=off).")] = False,
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True,
        help="Print the version and exit.")] = False,
) -> None:
    """The legal status of international instruments, stance by stance, with the reasons."""
    ctx.obj = _State(_rule_paths(rules), cache=False if no_cache else None)


# ------------------------------------------------------------------ commands
@app.command()
def status(ctx: typer.Context, target: Target, stance: StanceOption, at: AtOption = None,
           fmt: FormatOption = TextOrJson.TEXT, ids: IdsOption = False,
           party: PartyOption = None, rules: RulesOption = None) -> None:
    """Where TARGET stands under one stance at a date, and why in one line.

    Example: treatylogic status karakhan-1919 --stance roc --at 2024-09-02 --format json
    """
    corpus = _corpus(ctx, rules)
    resolution = corpus.resolve(_check_ref(corpus, target), stance, at, party=party)
    if fmt is TextOrJson.JSON:
        _print_json(resolution.to_dict())
    else:
        _print_header(ctx)
        _print_line(render.status_with_why(resolution, ids=ids))


@app.command()
def explain(ctx: typer.Context, target: Target, stance: StanceOption, at: AtOption = None,
            fmt: Annotated[ExplainFormat, typer.Option(
                "--format", "-f", help="text (a tree), json, or markdown.")] = ExplainFormat.TEXT,
            party: PartyOption = None, rules: RulesOption = None) -> None:
    """Why TARGET stands where it does: every step, the rule that decided it, the sources.

    Example: treatylogic explain karakhan-1919 --stance prc --at 1960 --format markdown
    """
    corpus = _corpus(ctx, rules)
    resolution = corpus.resolve(_check_ref(corpus, target), stance, at, party=party)
    if fmt is ExplainFormat.JSON:
        _print_json(resolution.to_dict())
    elif fmt is ExplainFormat.MARKDOWN:
        sys.stdout.write(clean(resolution.explain("markdown")) + "\n")
    else:
        _print_header(ctx)
        _print(render.explain_tree(resolution))


@app.command()
def compare(ctx: typer.Context, target: Target, at: AtOption = None,
            fmt: FormatOption = TextOrJson.TEXT, ids: IdsOption = False,
            party: PartyOption = None, rules: RulesOption = None) -> None:
    """TARGET under every stance at one date, side by side, each with why in words.

    Example: treatylogic compare karakhan-1919 --at 1950
    """
    corpus = _corpus(ctx, rules)
    at_text = query_day(at)[1]
    resolutions = corpus.compare(_check_ref(corpus, target), at, party=party)
    if fmt is TextOrJson.JSON:
        stances = {name: {k: r.to_dict()[k] for k in ("status", "valid", "possible", "trace")}
                   for name, r in resolutions.items()}
        _print_json({"target": target, "party": party, "at": at_text, "stances": stances})
    else:
        _print_header(ctx)
        _print(render.compare_table(target, at_text, resolutions, corpus, ids=ids))


PLOT_FORMATS = {".svg": "svg", ".png": "png"}


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
    force: ForceOption = False,
    party: PartyOption = None,
    rules: RulesOption = None,
) -> None:
    """How TARGET's status changed through time, under one stance or every one.

    Example: treatylogic timeline karakhan-1919 --stance russia --format json
    """
    corpus = _corpus(ctx, rules)
    _check_ref(corpus, target)
    names = [corpus.stance(stance).id] if stance is not None else sorted(corpus.stances)
    if plot is not None:
        check_out(plot, PLOT_FORMATS, force=force, protected=_protected(ctx))
        write_atomic(plot, lambda tmp: _optional("report", "report", "plot_timeline",
                                                 corpus, target, stance, tmp))
        _wrote(ctx, plot)
        return
    timelines = [corpus.timeline(target, name, party=party) for name in names]
    if fmt is TextOrJson.JSON:
        _print_json({"target": target, "party": party,
                     "stances": {t.stance: t.to_dict() for t in timelines}})
    else:
        _print_header(ctx)
        _print(render.timeline_table(target, timelines))


@app.command()
def diff(ctx: typer.Context, target: Target,
         stance_a: Annotated[str, typer.Argument(help="A stance id or alias.",
                                                 show_default=False)],
         stance_b: Annotated[str, typer.Argument(help="Another stance id or alias.",
                                                 show_default=False)],
         at: AtOption = None, fmt: FormatOption = TextOrJson.TEXT,
         party: PartyOption = None, rules: RulesOption = None) -> None:
    """Where two stances part on TARGET: the first step they decide differently.

    Example: treatylogic diff karakhan-1919 roc russia --at 2024
    """
    corpus = _corpus(ctx, rules)
    divergence = corpus.diff(_check_ref(corpus, target), stance_a, stance_b, at, party=party)
    if fmt is TextOrJson.JSON:
        _print_json({**divergence.model_dump(mode="json"), "agree": divergence.agree})
    else:
        _print_header(ctx)
        _print(render.divergence_view(divergence))


@app.command()
def validate(ctx: typer.Context, fmt: FormatOption = TextOrJson.TEXT,
             rules: RulesOption = None) -> None:
    """Check the rule files: every problem with its file, line, column and field; exit 2 if any.

    Example: treatylogic --rules my-rules/ validate --format json
    """
    state = _state(ctx, rules)
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
    _print_header(ctx)
    _print_line(Text.assemble(("ok", "bold green"), f": "
                         f"{len(corpus.actors)} actors, {len(corpus.instruments)} instruments, "
                         f"{len(corpus.effects)} effects, {len(corpus.doctrines)} doctrines, "
                         f"{len(corpus.stances)} stances"))


#: Output file extensions of ``graph`` and the format each names.
GRAPH_SUFFIXES = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid",
                  ".graphml": "graphml"}


def _graph_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else DOT.

    A format that contradicts the file's extension is refused.
    """
    named = GRAPH_SUFFIXES.get(out.suffix.lower()) if out is not None else None
    if fmt is not None and named is not None and str(fmt) != named:
        raise OutputError(f"--format {fmt} contradicts the extension of {clean(str(out))} "
                          f"({named}); change one of them")
    if fmt is not None:
        return str(fmt)
    return named or "dot"


@app.command()
def graph(
    ctx: typer.Context,
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", "-f", show_default=False,
        help="dot, mermaid or graphml. Default: from the --out suffix, else dot.")] = None,
    out: OutOption = None,
    stance: Annotated[str | None, typer.Option(
        "--stance", "-s", show_default=False,
        help="Colour nodes by their status, and effects by the verdict, under this stance.",
    )] = None,
    at: AtOption = None,
    force: ForceOption = False,
    rules: RulesOption = None,
) -> None:
    """The dependency graph: instruments, provisions and the effects between them.

    DOT and Mermaid need no Graphviz installed; GraphML opens in Gephi, yEd, Cytoscape.
    To draw a picture: treatylogic graph | dot -Tpng > graph.png (Graphviz).

    Example: treatylogic graph --stance roc --at 1950 --out karakhan.dot
    """
    corpus = _corpus(ctx, rules)
    chosen = _graph_format(fmt, out)
    if out is not None:
        check_out(out, GRAPH_SUFFIXES, force=force, protected=_protected(ctx))
    text = render_graph(corpus, chosen, stance, at)
    if out is None:
        sys.stdout.write(text)
    else:
        _write_text(ctx, out, text, GRAPH_SUFFIXES, force)


@app.command("list")
def list_(
    ctx: typer.Context,
    kind: Annotated[ListKind | None, typer.Argument(
        help="What to list. Default: all of them.", show_default=False)] = None,
    fmt: FormatOption = TextOrJson.TEXT,
    rules: RulesOption = None,
) -> None:
    """The declarations of the rule base: instruments, provisions, effects, actors, stances...

    Example: treatylogic list effects
    """
    corpus = _corpus(ctx, rules)
    kinds = [kind.value] if kind is not None else [k.value for k in ListKind]
    rows = {name: render.list_rows(corpus, name) for name in kinds}
    if fmt is TextOrJson.JSON:
        _print_json(rows)
        return
    _print_header(ctx)
    width = _Console().width
    for name in kinds:
        _print(render.list_table(name, rows[name], width))


@app.command()
def schema(ctx: typer.Context, out: OutOption = None, force: ForceOption = False) -> None:
    """The JSON Schema (draft 7) of a rule file, for editors that check YAML as you type.

    Put "# yaml-language-server: $schema=rules.schema.json" on the first line of a rule file.

    Example: treatylogic schema --out rules.schema.json
    """
    text = json.dumps(rule_file_schema(), indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        _write_text(ctx, out, text, {".json": "json"}, force)


REPORT_FORMATS = {".html": "html", ".htm": "html"}


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
    party: Annotated[str | None, typer.Option(
        "--party", "-p", show_default=False,
        help="An actor id: the page opens on that party's statuses (the reader can choose "
             "another party, or the instrument's own status). Default: the instrument's own.")
    ] = None,
    no_parties: Annotated[bool, typer.Option(
        "--no-parties", help="Leave out the choice of party: the instrument's own status only "
                             "(a smaller, faster page).")] = False,
    force: ForceOption = False,
    rules: RulesOption = None,
) -> None:
    """One self-contained HTML page: the comparison matrix, timelines and traces.

    When the corpus has parties, the reader can choose one and see its statuses.
    Needs the optional extra treatylogic\\[report].

    Example: treatylogic report --at 1950 --targets karakhan-1919 karakhan-1920 --out report.html
    """
    corpus = _corpus(ctx, rules)
    if party is not None and party not in corpus.actors:
        raise UnknownIdError("party (actor)", party, corpus.actors)
    chosen = [t for item in [*(targets or ()), *(more_targets or ())]
              for t in item.split(",") if t] or None
    for target in chosen or ():
        _check_ref(corpus, target)
    query_day(at)  # a bad date fails here, with our message
    check_out(out, REPORT_FORMATS, force=force, protected=_protected(ctx))
    from rich.progress import Progress

    console = Console(stderr=True, highlight=False)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("building the report", total=None)
        write_atomic(out, lambda tmp: _optional(
            "report", "report", "write_report", corpus, tmp, at, chosen, party=party,
            parties=[] if no_parties else None,
            progress=lambda done, total: bar.update(task, completed=done, total=total)))
    _wrote(ctx, out)


TABLE_SUFFIXES = {".csv": "csv", ".json": "json", ".parquet": "parquet"}


@app.command()
def table(
    ctx: typer.Context,
    at: AtOption = None,
    fmt: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="csv, json, or parquet (parquet needs --out and "
                               "treatylogic\\[parquet]).")] = TableFormat.CSV,
    out: OutOption = None,
    force: ForceOption = False,
    party: PartyOption = None,
    rules: RulesOption = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, metavar="N", show_default=False,
        help="Compute the table in shards on N Dask worker processes (needs "
             "treatylogic\\[distributed]); 1 or absent: in this process.")] = None,
    address: Annotated[str | None, typer.Option(
        "--address", metavar="ADDR", show_default=False,
        help="Use the running Dask scheduler at ADDR (tcp://host:8786) instead of local "
             "processes; its workers must see the same rules folder.")] = None,
) -> None:
    """Every instrument and provision under every stance at one date: one row each.

    Columns: target, stance, at, status, valid. For spreadsheets, pandas, R.

    Example: treatylogic table --at 2024-09-02 --format csv --out status.csv
    (add --workers 4 to spread a large corpus over four processes; see docs/scale.md)
    """
    from .table import PARQUET_EXTRA, table_rows, to_csv, to_json

    corpus = _corpus(ctx, rules)
    if out is not None:
        named = TABLE_SUFFIXES.get(out.suffix.lower())
        if named is not None and named != fmt.value:
            raise OutputError(f"--format {fmt.value} contradicts the extension of "
                              f"{clean(str(out))} ({named}); change one of them")
        check_out(out, {k: v for k, v in TABLE_SUFFIXES.items() if v == fmt.value},
                  force=force, protected=_protected(ctx))
    rows = table_rows(corpus, at, party, workers=workers, address=address)
    if fmt is TableFormat.PARQUET:
        if out is None:
            raise OutputError("parquet is a binary format: give a file with --out FILE.parquet")
        write_atomic(out, lambda tmp: _optional("cli.table", PARQUET_EXTRA, "write_parquet",
                                                rows, tmp))
        _wrote(ctx, out)
        return
    text = to_csv(rows) if fmt is TableFormat.CSV else to_json(rows)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        _wrote(ctx, out)


EXIT_EXPECTATIONS_FAILED = 3
SOURCES_SUFFIXES = {SourcesFormat.CSL_JSON: {".json": "csl-json"},
                    SourcesFormat.BIBTEX: {".bib": "bibtex"}}


@app.command()
def sources(
    ctx: typer.Context,
    fmt: Annotated[SourcesFormat, typer.Option(
        "--format", "-f", help="text for people; csl-json (Zotero, pandoc) or bibtex.")
    ] = SourcesFormat.TEXT,
    out: OutOption = None,
    force: ForceOption = False,
    rules: RulesOption = None,
) -> None:
    """The sources registry: every work the rules cite, with author, date, publisher, URL.

    Example: treatylogic sources --format bibtex --out karakhan.bib
    """
    from ..sources import dumps_csl_json, to_bibtex

    corpus = _corpus(ctx, rules)
    registry = [corpus.sources[key] for key in sorted(corpus.sources)]
    if fmt is SourcesFormat.TEXT:
        if out is not None:
            raise OutputError("--out needs --format csl-json or bibtex")
        _print_header(ctx)
        _print(render.list_table("sources", render.list_rows(corpus, "sources"),
                                 _Console().width))
        return
    text = dumps_csl_json(registry) if fmt is SourcesFormat.CSL_JSON else to_bibtex(registry)
    if out is None:
        sys.stdout.write(text)
    else:
        _write_text(ctx, out, text, SOURCES_SUFFIXES[fmt], force)


@app.command("test")
def test_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE...", show_default=False,
        help="YAML files of expectations (target, stance, at, status, optional rule).")],
    fmt: FormatOption = TextOrJson.TEXT,
    rules: RulesOption = None,
) -> None:
    """Check expected answers, written in YAML, against the rules: PASS/FAIL for each.

    Exit 0 when all pass, 3 when some fail, 2 when a file cannot be read.

    Example: treatylogic test expectations/karakhan.yaml
    """
    from .expectations import ExpectationsError, check, read_expectations

    corpus = _corpus(ctx, rules)
    cases: list[tuple[Any, str, int | None]] = []
    problems: list[Problem] = []
    for path in files:
        try:
            cases += [(case, str(path), line) for case, line in read_expectations(path)]
        except ExpectationsError as exc:
            problems += exc.problems
    if problems:
        raise ExpectationsError(problems)
    outcomes = [check(corpus, case, file, line) for case, file, line in cases]
    if fmt is TextOrJson.JSON:
        _print_json({"passed": sum(o.passed for o in outcomes),
                     "failed": sum(not o.passed for o in outcomes),
                     "cases": [{"file": o.file, "line": o.line, "name": o.label,
                                "passed": o.passed,
                                "expected": {"status": o.case.status.value, "rule": o.case.rule},
                                "actual": {"status": o.status.value if o.status else None,
                                           "rule": o.rule},
                                "error": o.error or None} for o in outcomes]})
    else:
        _print_header(ctx)
        _print_line(render.outcomes_view(outcomes))
    if not all(o.passed for o in outcomes):
        raise typer.Exit(EXIT_EXPECTATIONS_FAILED)


export_app = typer.Typer(
    help="Export the corpus for other tools.", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app, name="export")


@export_app.command("asp")
def export_asp(ctx: typer.Context, out: OutOption = None, force: ForceOption = False,
               rules: RulesOption = None) -> None:
    """The corpus and its stances as answer set programming facts, for clingo.

    Needs the optional extra treatylogic\\[asp].

    Example: treatylogic export asp --out karakhan.lp
    """
    text = _optional("asp", "asp", "export_facts", _corpus(ctx, rules))
    text = text if text.endswith("\n") else text + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        _write_text(ctx, out, text, {".lp": "asp"}, force)


register_data_commands(app)  # import ggo (issue 13): its own module, one line here


# ---------------------------------------------------------------------- main
def _stdout_usable() -> bool:
    try:
        return sys.stdout is not None and not sys.stdout.closed and sys.stdout.fileno() >= 0 \
            and os.fstat(sys.stdout.fileno()) is not None
    except (OSError, ValueError, AttributeError):
        return False


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``treatylogic`` console script)."""
    if not _stdout_usable():
        if sys.stderr is not None:
            sys.stderr.write("error: standard output is closed; run the command with its "
                             "output going to a terminal, a file or a pipe\n")
        sys.exit(EXIT_BAD_INPUT)
    command = typer.main.get_command(app)
    code: Any = 0
    try:
        command.main(args=argv, prog_name="treatylogic")
    except SystemExit as exc:
        code = exc.code
    except BrokenPipeError:
        _reader_went_away()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_went_away()
    except OSError as exc:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more may reach the bad one
            _fail_output(exc)
        except typer.Exit as exit_:
            code = exit_.exit_code
    sys.exit(code)
