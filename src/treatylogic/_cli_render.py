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

from collections.abc import Iterable, Mapping

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from .engine import Corpus
from .errors import Problem
from .explanation import Divergence, Resolution, Step, StepVerdict, Timeline
from .status import VALID, Status

__all__ = [
    "LISTS",
    "compare_table",
    "divergence_view",
    "explain_tree",
    "list_rows",
    "list_table",
    "problems_view",
    "status_line",
    "status_text",
    "timeline_table",
]

#: Terminal styles by status; valid statuses green-ish, void ones red-ish.
STATUS_STYLES: dict[Status, str] = {
    Status.PENDING: "cyan",
    Status.IN_FORCE: "bold green",
    Status.SUSPENDED: "yellow",
    Status.RENOUNCED: "dark_orange",
    Status.SUPERSEDED: "blue",
    Status.TERMINATED: "bright_black",
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


def status_line(resolution: Resolution) -> Text:
    """``TARGET under STANCE at DATE: STATUS (valid)``."""
    return Text.assemble(
        (resolution.target, "bold"), " under ", (resolution.stance, "bold"),
        f" at {resolution.at}: ", status_text(resolution.status),
        " (", _valid_text(resolution.status), ")",
    )


def _step_head(number: int, step: Step) -> Text:
    what = (Text.assemble((step.effect, "bold"), f" ({step.effect_kind} by {step.source})")
            if step.effect else Text(step.kind.value, style="bold"))
    head = Text.assemble(f"{number}. ", what, ": ",
                         (step.verdict.value, VERDICT_STYLES[step.verdict]))
    if step.rule:
        head.append(f" [rule {step.rule}]", style="cyan")
    head.append(" -> ")
    head.append_text(status_text(step.status))
    return head


def explain_tree(resolution: Resolution) -> Tree:
    """The trace as a tree: the result at the root, one branch per step with reason and sources."""
    tree = Tree(status_line(resolution))
    for number, step in enumerate(resolution.trace, 1):
        branch = tree.add(_step_head(number, step))
        branch.add(Text(step.reason))
        for citation in step.citations:
            branch.add(Text(f"source: {citation}", style="dim"))
    return tree


def _deciding_step(resolution: Resolution) -> Step | None:
    """The step that set the final status (the last one where the status changed)."""
    deciding = resolution.trace[0] if resolution.trace else None
    previous = None
    for step in resolution.trace:
        if step.status != previous:
            deciding, previous = step, step.status
    return deciding


def _step_summary(step: Step | None) -> Text:
    if step is None:
        return Text("")
    what = f"{step.effect} ({step.effect_kind})" if step.effect else step.kind.value
    text = Text.assemble(what, ": ", (step.verdict.value, VERDICT_STYLES[step.verdict]))
    if step.rule:
        text.append(f" [rule {step.rule}]", style="cyan")
    return text


def _table(*columns: str) -> Table:
    # fold, not the default ellipsis: an id cut short is an id lost.
    table = Table()
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def _titled(title: str, table: Table) -> Group:
    # A separate line, not Table(title=...): Rich pads a table title with trailing blanks.
    return Group(Text(title, style="bold"), table)


def compare_table(target: str, at: str, resolutions: Mapping[str, Resolution],
                  corpus: Corpus) -> Group:
    """One row per stance: its status, validity, and the step that decided it."""
    table = _table("stance", "actor", "status", "valid", "decided by")
    for stance_id, resolution in resolutions.items():
        table.add_row(stance_id, corpus.stances[stance_id].actor,
                      status_text(resolution.status), _valid_text(resolution.status),
                      _step_summary(_deciding_step(resolution)))
    return _titled(f"{target} at {at}", table)


def timeline_table(target: str, timelines: Iterable[Timeline]) -> Group:
    """Every stance's intervals, one section per stance."""
    table = _table("stance", "from", "to", "status")
    for timeline in timelines:
        for index, interval in enumerate(timeline.intervals):
            table.add_row(timeline.stance if index == 0 else "",
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
    text.append(f"\n{step.reason}")
    return text


def divergence_view(divergence: Divergence) -> RenderableType:
    """Both statuses, then the first step the two stances decide differently."""
    head = Text.assemble(
        (divergence.target, "bold"), f" at {divergence.at}: ",
        (divergence.stance_a, "bold"), " says ", status_text(divergence.status_a), ", ",
        (divergence.stance_b, "bold"), " says ", status_text(divergence.status_b))
    if divergence.agree:
        return Group(head, Text("They decide every step alike."))
    table = _table("stance", "step")
    table.add_row(divergence.stance_a, _step_detail(divergence.step_a))
    table.add_row(divergence.stance_b, _step_detail(divergence.step_b))
    return Group(head, _titled("They part at:", table))


def problems_view(problems: Iterable[Problem]) -> Text:
    """``file:line:col [path]: message``, one per line."""
    text = Text()
    for problem in problems:
        where, _, message = str(problem).partition(": ")
        text.append("  " + where, style="bold")
        text.append(f": {message}\n")
    text.rstrip()
    return text


#: What ``list`` shows of each kind of declaration: column name -> getter.
LISTS = {
    "instruments": {
        "id": lambda i: i.id, "date": lambda i: i.date.text, "kind": lambda i: i.kind.value,
        "form": lambda i: i.form.value, "by": lambda i: list(i.author()),
        "title": lambda i: i.title,
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
}


def list_rows(corpus: Corpus, kind: str) -> list[dict[str, object]]:
    """One row per declaration of ``kind``, in id order, with the columns of ``LISTS``."""
    table = getattr(corpus, kind)
    return [{name: get(table[key]) for name, get in LISTS[kind].items()} for key in sorted(table)]


def _cell(value: object) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def list_table(kind: str, rows: list[dict[str, object]]) -> Group:
    """A table of ``list_rows``, titled with the kind and the count."""
    table = _table(*LISTS[kind])
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    return _titled(f"{kind} ({len(rows)})", table)
