"""HTML fragments: status badges, explanation traces, and the notebook views.

Plain string building with every piece of rule text escaped; no JavaScript and
no outside resources, so a fragment displays the same in a notebook, in the
report and offline. The report page (:mod:`treatylogic.report`) uses the same
fragments and the same stylesheet.

>>> from treatylogic.status import Status
>>> badge(Status.IN_FORCE)
'<span class="tl-badge tl-st-in_force">in force</span>'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import TYPE_CHECKING

from ._report_style import LOOKS, STATUS_ORDER, Look, look
from .status import Status

if TYPE_CHECKING:
    from .explanation import Resolution, Step, Timeline

__all__ = [
    "STYLESHEET",
    "badge",
    "comparison_html",
    "legend_html",
    "resolution_html",
    "timeline_html",
    "trace_html",
]

_PATTERN_INK = "rgba(0,0,0,.35)"
_PATTERNS = {
    "": "none",
    "..": f"radial-gradient({_PATTERN_INK} 1.2px, transparent 1.6px) 0 0/5px 5px",
    "\\\\": f"repeating-linear-gradient(-45deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 6px)",
    "//": f"repeating-linear-gradient(45deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 6px)",
    "--": f"repeating-linear-gradient(0deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 5px)",
    "xx": (f"repeating-linear-gradient(45deg, {_PATTERN_INK} 0 1px, transparent 1px 6px), "
           f"repeating-linear-gradient(-45deg, {_PATTERN_INK} 0 1px, transparent 1px 6px)"),
}


def _status_css(status: Status, the_look: Look) -> str:
    return (f".tl-st-{status.value} {{ background: {_PATTERNS[the_look.hatch]}, "
            f"{the_look.fill}; color: {the_look.ink}; }}")


#: The stylesheet every fragment relies on (class names all start with ``tl-``).
STYLESHEET = "\n".join([
    *(_status_css(status, the_look) for status, the_look in LOOKS.items()),
    ".tl-badge { display: inline-block; padding: .1em .55em; border-radius: .3em;"
    " border: 1px solid #555; font-weight: 600; white-space: nowrap;"
    " text-shadow: none; line-height: 1.4; }",
    ".tl-st-in_force, .tl-st-terminated, .tl-st-annulled { text-shadow: 0 0 2px #000; }",
    ".tl-st-suspended, .tl-st-renounced, .tl-st-superseded, .tl-st-undetermined,"
    " .tl-st-not_in_text { text-shadow: 0 0 3px #fff, 0 0 3px #fff; }",
    ".tl-trace { margin: .4em 0; padding-left: 1.6em; color: #111; background: #fff;"
    " text-shadow: none; font-weight: normal; text-align: left; }",
    ".tl-trace li { margin: .35em 0; }",
    ".tl-step-head { font-weight: 600; }",
    ".tl-verdict { font-variant: small-caps; letter-spacing: .03em; font-weight: 600; }",
    ".tl-rule { font-family: ui-monospace, monospace; font-size: .9em; }",
    ".tl-cites { margin: .15em 0 0 0; padding-left: 1.2em; color: #444; font-size: .9em;"
    " list-style: square; }",
    ".tl-mini { border-collapse: collapse; margin: .3em 0; }",
    ".tl-mini th, .tl-mini td { border: 1px solid #bbb; padding: .25em .6em;"
    " text-align: left; vertical-align: top; }",
    ".tl-note { color: #444; }",
])


def badge(status: Status | str) -> str:
    """A status as a coloured, patterned word."""
    status = Status(status)
    return f'<span class="tl-badge tl-st-{status.value}">{escape(look(status).word)}</span>'


def _step_head(step: Step) -> str:
    if step.effect:
        return (f"<code>{escape(step.effect)}</code>: {escape(str(step.effect_kind))} "
                f"by <code>{escape(str(step.source))}</code>")
    return escape(step.kind.value.replace("_", " "))


def trace_html(trace: Iterable[Step]) -> str:
    """The trace as a numbered list: each step's verdict, status, rule, reason and citations."""
    items = []
    for step in trace:
        rule = (f' <span class="tl-rule">rule {escape(step.rule)}</span>' if step.rule else "")
        cites = "".join(f"<li>{escape(c)}</li>" for c in step.citations)
        items.append(
            f'<li class="tl-step"><span class="tl-step-head">{_step_head(step)}</span> '
            f'<span class="tl-verdict">{escape(step.verdict.value)}</span> &rarr; '
            f"{badge(step.status)}{rule}"
            f'<div class="tl-reason">{escape(step.reason)}</div>'
            + (f'<ul class="tl-cites">{cites}</ul>' if cites else "")
            + "</li>")
    return f'<ol class="tl-trace">{"".join(items)}</ol>'


def _styled(body: str) -> str:
    return f"<div class=\"tl\"><style>{STYLESHEET}</style>{body}</div>"


def resolution_html(resolution: Resolution) -> str:
    """A Resolution for a notebook: the answer in a badge, then the trace."""
    head = (f"<p><code>{escape(resolution.target)}</code> under <b>{escape(resolution.stance)}"
            f"</b> at {escape(resolution.at)}: {badge(resolution.status)}</p>")
    return _styled(head + trace_html(resolution.trace))


def comparison_html(resolutions: Mapping[str, Resolution]) -> str:
    """``{stance: Resolution}`` as a table, one row per stance, each trace expandable."""
    if not resolutions:
        return _styled('<p class="tl-note">no stances</p>')
    first = next(iter(resolutions.values()))
    statuses = {r.status for r in resolutions.values()}
    verdict = ("all stances agree" if len(statuses) == 1
               else f"the stances disagree ({len(statuses)} different statuses)")
    rows = "".join(
        f"<tr><th>{escape(stance)}</th><td><details><summary>{badge(r.status)}</summary>"
        f"{trace_html(r.trace)}</details></td></tr>"
        for stance, r in resolutions.items())
    head = (f"<p><code>{escape(first.target)}</code> at {escape(first.at)}: "
            f'<span class="tl-note">{verdict}</span></p>')
    return _styled(head + f'<table class="tl-mini"><tr><th>stance</th><th>status (click for '
                          f"the trace)</th></tr>{rows}</table>")


def timeline_html(timeline: Timeline) -> str:
    """A Timeline for a notebook: one row per interval."""
    rows = "".join(
        f"<tr><td>{i.start.isoformat() if i.start else '&hellip;'}</td>"
        f"<td>{i.end.isoformat() if i.end else '&hellip;'}</td><td>{badge(i.status)}</td></tr>"
        for i in timeline.intervals)
    head = (f"<p><code>{escape(timeline.target)}</code> under <b>{escape(timeline.stance)}</b>"
            "</p>")
    return _styled(head + '<table class="tl-mini"><tr><th>from</th><th>until (exclusive)</th>'
                          f"<th>status</th></tr>{rows}</table>")


def legend_html() -> str:
    """Every status: its badge and what it means."""
    items = "".join(f"<li>{badge(s)} {escape(LOOKS[s].meaning)}</li>" for s in STATUS_ORDER)
    return f'<ul class="tl-legend">{items}</ul>'
