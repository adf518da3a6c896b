"""Rich renderings of the engine's results for people (the JSON views are the core's own).

Each function takes a result and returns a Rich renderable; the command line
prints it. Rich drops the colour by itself when the output is not a terminal.

>>> import treatylogic as tl
>>> from rich.console import Console
>>> r = tl.load().resolve("karakhan-1919", "roc", "2024-09-02")
>>> console = Console(no_color=True, width=100)
>>> with console.capture() as captured:
...     console.print(status_line(r))
>>> captured.get().startswith("karakhan-1919 under roc at 2024-09-02: in_force")
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..engine import Corpus
from ..errors import Problem
from ..explanation import Divergence, Resolution, Step, StepVerdict, Timeline
from ..status import VALID, Status
from .output import clean

__all__ = [
    "LISTS",
    "compare_table",
    "deciding_step",
    "divergence_view",
    "explain_tree",
    "list_rows",
    "list_table",
    "outcomes_view",
    "problems_view",
    "reason_step",
    "status_line",
    "status_text",
    "timeline_table",
    "why",
]

#: Terminal styles by status; valid statuses green-ish, void ones red-ish.
STATUS_STYLES: dict[Status, str] = {
    Status.PENDING: "cyan",
    Status.SIGNED: "bright_cyan",
    Status.NOT_PARTY: "dim italic",
    Status.IN_FORCE: "bold green",
    Status.SUSPENDED: "yellow",
    Status.RENOUNCED: "dark_orange",
    Status.SUPERSEDED: "blue",
    Status.TERMINATED: "bright_black",
    Status.WITHDRAWN: "bright_black italic",
    Status.EXPIRED: "grey50",
    Status.ANNULLED: "bold red",
    Status.UNDETERMINED: "magenta",
    Status.NOT_IN_TEXT: "dim",
}

VERDICT_STYLES: dict[StepVerdict, str] = {
    StepVerdict.APPLIED: "green",
    StepVerdict.REJECTED: "red",
    StepVerdict.INERT: "bright_black",
    StepVerdict.UNDETERMINED: "magenta",
    StepVerdict.INFO: "",
}


def status_text(status: Status) -> Text:
    """The status word in its colour."""
    return Text(status.value, style=STATUS_STYLES[status])


def _valid_text(status: Status) -> Text:
    return Text("valid", style="green") if status in VALID else Text("not valid", style="red")


def _t(text: str | None, style: str = "") -> Text:
    """Text from a rule file or the user, safe for a terminal (no markup, no escapes)."""
    return Text(clean(text or ""), style=style)


def status_line(resolution: Resolution) -> Text:
    """``TARGET under STANCE at DATE: STATUS (valid)``."""
    return Text.assemble(
        _t(resolution.target, "bold"),
        *((" for party ", _t(resolution.party, "bold")) if resolution.party else ()),
        " under ", _t(resolution.stance, "bold"),
        f" at {resolution.at}: ", status_text(resolution.status),
        " (", _valid_text(resolution.status), ")",
        *((" possible: " + ", ".join(s.value for s in resolution.possible),)
          if len(resolution.possible) > 1 else ()),
    )


def status_with_why(resolution: Resolution, *, ids: bool = False) -> Text:
    """The status line, then ``why: ...`` in words on the next line."""
    return Text.assemble(status_line(resolution), "\n  why: ", why(resolution, ids=ids))


def _step_head(number: int, step: Step) -> Text:
    what = (Text.assemble(_t(step.effect, "bold"), _t(f" ({step.effect_kind} by {step.source})"))
            if step.effect else Text(step.kind.value, style="bold"))
    head = Text.assemble(f"{number}. ", what, ": ",
                         (step.verdict.value, VERDICT_STYLES[step.verdict]))
    if step.rule:
        head.append(clean(f" [rule {step.rule}]"), style="cyan")
    head.append(" -> ")
    head.append_text(status_text(step.status))
    return head


def explain_tree(resolution: Resolution) -> Tree:
    """The trace as a tree: the result at the root, one branch per step with reason and sources."""
    tree = Tree(status_line(resolution))
    for number, step in enumerate(resolution.trace, 1):
        branch = tree.add(_step_head(number, step))
        branch.add(_t(step.reason))
        for citation in step.citations:
            branch.add(_t(f"source: {citation}", "dim"))
    return tree


def deciding_step(resolution: Resolution) -> Step | None:
    """The step that set the final status (the last one where the status changed)."""
    deciding = resolution.trace[0] if resolution.trace else None
    previous = None
    for step in resolution.trace:
        if step.status != previous:
            deciding, previous = step, step.status
    return deciding


_VERBS = {StepVerdict.APPLIED: "accepts", StepVerdict.REJECTED: "rejects",
          StepVerdict.UNDETERMINED: "cannot decide", StepVerdict.INERT: "sets aside"}


def _no_objection(step: Step) -> bool:
    return step.verdict is StepVerdict.APPLIED and step.rule is None


def _effect_words(step: Step) -> str:
    return f"the {step.effect_kind} by {step.source} ({step.effect})"


def _why_step(step: Step, *, ids: bool) -> Text:
    if step.effect is None:
        text = _t(step.reason)
    elif _no_objection(step):
        text = _t(f"no objection to {_effect_words(step)}")
    else:
        reason = step.reason.split("; ")[0] if step.rule else step.reason
        text = _t(f"{_VERBS.get(step.verdict, step.verdict.value)} {_effect_words(step)}: "
                  f"{reason}")
    if ids and step.rule:
        text.append(clean(f" [rule\u00a0{step.rule}]"), style="cyan")
    return text


def _held_off(resolution: Resolution) -> list[Step]:
    """The effects the stance rejected or could not decide (what would have changed it)."""
    return [s for s in resolution.trace
            if s.effect is not None and s.verdict in (StepVerdict.REJECTED,
                                                     StepVerdict.UNDETERMINED)]


def reason_step(resolution: Resolution) -> Step | None:
    """The step that explains the status: the one that set it, or, when no effect changed
    it since the start, the first effect the stance rejected or could not decide."""
    step = deciding_step(resolution)
    if step is None or step.kind.value != "start":
        return step
    held = _held_off(resolution)
    return held[0] if held else step


def why(resolution: Resolution, *, ids: bool = False) -> Text:
    """Why the status is what it is, in words: the deciding effect and its rule's reason."""
    step = reason_step(resolution)
    if step is None:
        return Text("")
    if step.kind.value == "start":
        return _t("no effect changes it: " + step.reason.split(": ")[-1])
    text = _why_step(step, ids=ids)
    if deciding_step(resolution) is not step:
        more = len(_held_off(resolution)) - 1
        if more:
            text.append(f" (and {more} more effect{'s' if more > 1 else ''} set aside)",
                        style="dim")
    return text


def _step_summary(step: Step | None) -> Text:
    if step is None:
        return Text("")
    what = f"{step.effect} ({step.effect_kind})" if step.effect else step.kind.value
    text = Text.assemble(_t(what), ": ", (step.verdict.value, VERDICT_STYLES[step.verdict]))
    if step.rule:
        text.append(clean(f" [rule\u00a0{step.rule}]"), style="cyan")
    return text


def _table(*columns: str, prose: tuple[str, ...] = ()) -> Table:
    """A table whose ``prose`` columns take the spare width; see :func:`_fit` for ids."""
    table = Table()
    for name in columns:
        if name in prose:
            table.add_column(name, overflow="fold", ratio=1, min_width=12)
        else:
            table.add_column(name, overflow="fold")
    return table


def _fit(table: Table) -> Table:
    """Ids never break (people copy them): each id column is at least as wide as its longest
    word, and wraps only between words (a list of ids, one per line if need be)."""
    for column in table.columns:
        if column.ratio:
            continue
        words = [len(word) for cell in column.cells
                 for word in (cell.plain if isinstance(cell, Text) else str(cell)).split()]
        column.min_width = max([len(str(column.header)), *words])
    return table


def _titled(title: str, table: Table) -> Group:
    # A separate line, not Table(title=...): Rich pads a table title with trailing blanks.
    return Group(_t(title, "bold"), _fit(table))


def compare_table(target: str, at: str, resolutions: Mapping[str, Resolution],
                  corpus: Corpus, *, ids: bool = False) -> Group:
    """One row per stance: its status, validity and why, in words; a legend of the stances."""
    table = _table("stance", "status", "valid", "why", prose=("why",))
    for stance_id, resolution in resolutions.items():
        table.add_row(_t(stance_id), status_text(resolution.status),
                      _valid_text(resolution.status), why(resolution, ids=ids))
    legend = Text()
    for stance_id in resolutions:
        stance = corpus.stances[stance_id]
        legend.append_text(Text.assemble(_t(stance_id, "bold"), ": ", _t(stance.name),
                                         _t(f" (actor {stance.actor})", "dim"), "\n"))
    legend.rstrip()
    return Group(_t(f"{target} at {at}", "bold"), _fit(table), legend)


def timeline_table(target: str, timelines: Iterable[Timeline]) -> Group:
    """Every stance's intervals, one section per stance."""
    table = _table("stance", "from", "to", "status")
    for timeline in timelines:
        for index, interval in enumerate(timeline.intervals):
            table.add_row(_t(timeline.stance) if index == 0 else "",
                          interval.start.isoformat() if interval.start else "…",
                          interval.end.isoformat() if interval.end else "…",
                          status_text(interval.status))
        table.add_section()
    return _titled(f"timeline of {target}", table)


def _step_detail(step: Step | None) -> Text:
    if step is None:
        return Text("(no such step)", style="dim")
    text = _step_summary(step)
    text.append(" -> ")
    text.append_text(status_text(step.status))
    text.append(clean(f"\n{step.reason}"))
    return text


def divergence_view(divergence: Divergence) -> RenderableType:
    """Both statuses, then the first step the two stances decide differently."""
    head = Text.assemble(
        _t(divergence.target, "bold"), f" at {divergence.at}: ",
        _t(divergence.stance_a, "bold"), " says ", status_text(divergence.status_a), ", ",
        _t(divergence.stance_b, "bold"), " says ", status_text(divergence.status_b))
    if divergence.agree:
        return Group(head, Text("They decide every step alike."))
    table = _table("stance", "step", prose=("step",))
    table.add_row(_t(divergence.stance_a), _step_detail(divergence.step_a))
    table.add_row(_t(divergence.stance_b), _step_detail(divergence.step_b))
    return Group(head, _titled("They part at:", table))


def problems_view(problems: Iterable[Problem]) -> Text:
    """``file:line:col [path]: message``, one per line."""
    text = Text()
    for problem in problems:
        where, _, message = clean(str(problem)).partition(": ")
        text.append("  " + where, style="bold")
        text.append(f": {message}\n")
    text.rstrip()
    return text


#: What ``list`` shows of each kind of declaration: column name -> getter.
LISTS: dict[str, dict[str, Callable[[Any], object]]] = {
    "instruments": {
        "id": lambda i: i.id, "date": lambda i: i.date.text, "kind": lambda i: i.kind.value,
        "form": lambda i: i.form.value, "by": lambda i: list(i.author()),
        "title": lambda i: i.title,
    },
    "provisions": {
        "id": lambda p: p[0], "variants": lambda p: list(p[1].variants),
        "summary": lambda p: p[1].summary,
    },
    "effects": {
        "id": lambda e: e[1].id, "kind": lambda e: e[1].kind.value, "source": lambda e: e[0].id,
        "target": lambda e: e[1].target, "date": lambda e: e[0].effect_date(e[1]).text,
    },
    "actors": {
        "id": lambda a: a.id, "kind": lambda a: a.kind.value, "name": lambda a: a.name,
        "continues": lambda a: list(a.continues),
    },
    "stances": {
        "id": lambda s: s.id, "actor": lambda s: s.actor, "name": lambda s: s.name,
        "aliases": lambda s: list(s.aliases), "doctrines": lambda s: list(s.doctrines),
    },
    "doctrines": {
        "id": lambda d: d.id, "name": lambda d: d.name, "rules": lambda d: len(d.rules),
    },
    "sources": {
        "id": lambda s: s.id, "author": lambda s: list(s.author), "title": lambda s: s.title,
        "date": lambda s: s.date.text if s.date else "", "url": lambda s: s.url,
    },
}

#: The columns of ``LISTS`` that hold prose (they wrap; the others never break).
_PROSE = ("title", "summary", "name")


def _declarations(corpus: Corpus, kind: str) -> dict[str, Any]:
    """The declarations of one kind, by id (provisions by ``instrument#provision``)."""
    if kind == "provisions":
        return {f"{i.id}#{p.id}": (f"{i.id}#{p.id}", p)
                for i in corpus.instruments.values() for p in i.provisions}
    if kind == "effects":
        return {e.id: (i, e) for i in corpus.instruments.values() for e in i.effects}
    if kind == "sources":
        return dict(getattr(corpus, "sources", {}))
    return dict(getattr(corpus, kind))


def list_rows(corpus: Corpus, kind: str) -> list[dict[str, object]]:
    """One row per declaration of ``kind``, in id order, with the columns of ``LISTS``."""
    table = _declarations(corpus, kind)
    return [{name: get(table[key]) for name, get in LISTS[kind].items()} for key in sorted(table)]


def _cell(value: object) -> Text:
    return _t(", ".join(map(str, value)) if isinstance(value, list) else str(value))


def _needed_width(columns: list[str], rows: list[dict[str, object]]) -> int:
    """The narrowest width at which every id column fits whole and each prose column has 12."""
    widths = [12 if name in _PROSE else
              max([len(name), *(len(_cell(row[name]).plain) for row in rows)])
              for name in columns]
    return sum(widths) + 3 * len(widths) + 1


def list_table(kind: str, rows: list[dict[str, object]], width: int | None = None) -> Group:
    """A table of ``list_rows``, titled with the kind and the count.

    When the columns do not fit in ``width`` (a terminal of 80 columns), each row
    becomes its id and one wrapped line of details, so that no id is ever cut.
    """
    columns = list(LISTS[kind])
    title = f"{kind} ({len(rows)})"
    if width is None or _needed_width(columns, rows) <= width:
        table = _table(*columns, prose=_PROSE)
        for row in rows:
            table.add_row(*(_cell(v) for v in row.values()))
        return _titled(title, table)
    table = _table("id", "details", prose=("details",))
    for row in rows:
        details = "; ".join(f"{name}: {_cell(value).plain}" for name, value in row.items()
                            if name != "id" and value not in ("", [], None))
        table.add_row(_cell(row["id"]), _t(details))
    return _titled(title, table)


def outcomes_view(outcomes: Iterable[Any]) -> Text:
    """``PASS``/``FAIL`` per expectation with its file and line, then the counts."""
    text = Text()
    passed = failed = 0
    for outcome in outcomes:
        where = f"{outcome.file}:{outcome.line}" if outcome.line else outcome.file
        if outcome.passed:
            passed += 1
            text.append("PASS ", style="bold green")
            text.append_text(_t(f"{outcome.label}  ({where})\n"))
            continue
        failed += 1
        text.append("FAIL ", style="bold red")
        text.append_text(_t(f"{outcome.label}  ({where})\n"))
        if outcome.error:
            text.append_text(_t(f"     error: {outcome.error}\n"))
            continue
        case = outcome.case
        expected = case.status.value + (f", decided by {case.rule}" if case.rule else "")
        got = outcome.status.value + (f", decided by {outcome.rule or 'no rule'}"
                                      if case.rule else "")
        text.append_text(_t(f"     expected {expected}; got {got}\n"))
    text.append(f"{passed} passed, {failed} failed", style="bold red" if failed else "bold green")
    return text
