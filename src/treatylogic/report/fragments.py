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

from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import TYPE_CHECKING

from ..status import Status
from .styles import LOOKS, STATUS_ORDER, STYLESHEET, look

if TYPE_CHECKING:
    from ..engine import Corpus
    from ..explanation import Divergence, Resolution, Step, Timeline

__all__ = [
    "STYLESHEET",
    "badge",
    "comparison_html",
    "corpus_html",
    "divergence_html",
    "legend_html",
    "resolution_html",
    "timeline_html",
    "trace_html",
]

def badge(status: Status | str) -> str:
    """A status as a coloured, patterned word."""
    status = Status(status)
    return f'<span class="tl-badge tl-st-{status.value}">{escape(look(status).word)}</span>'


def _step_head(step: Step) -> str:
    if step.effect:
        return (f"<code>{escape(step.effect)}</code>: {escape(str(step.effect_kind))} "
                f"by <code>{escape(str(step.source))}</code>")
    return escape(step.kind.value.replace("_", " "))


def _citation(text: str, cite: Callable[[str], tuple[str | None, str]] | None) -> str:
    href, words = cite(text) if cite is not None else (None, text)
    return f'<a href="{escape(href)}">{escape(words)}</a>' if href else escape(words)


def trace_html(trace: Iterable[Step],
               cite: Callable[[str], tuple[str | None, str]] | None = None) -> str:
    """The trace as a numbered list: each step's verdict, status, rule, reason and citations.

    ``cite(citation)`` gives ``(the address of its bibliography entry or None, the words to
    show)``; without it a citation shows as written.
    """
    items = []
    for step in trace:
        rule = (f' <span class="tl-rule">rule {escape(step.rule)}</span>' if step.rule else "")
        cites = "".join(f"<li>{_citation(c, cite)}</li>" for c in step.citations)
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


def divergence_html(divergence: Divergence) -> str:
    """A Divergence for a notebook: both answers, then the first step each decides otherwise."""
    head = (f"<p><code>{escape(divergence.target)}</code> at {escape(divergence.at)}: "
            f"<b>{escape(divergence.stance_a)}</b> {badge(divergence.status_a)}, "
            f"<b>{escape(divergence.stance_b)}</b> {badge(divergence.status_b)}</p>")
    if divergence.agree:
        return _styled(head + '<p class="tl-note">they decide every step alike</p>')
    rows = "".join(
        f"<tr><th>{escape(name)}</th><td>"
        + (trace_html([step]) if step is not None else '<span class="tl-note">no such step</span>')
        + "</td></tr>"
        for name, step in ((divergence.stance_a, divergence.step_a),
                           (divergence.stance_b, divergence.step_b)))
    return _styled(head + '<table class="tl-mini"><tr><th>stance</th><th>where they part'
                          f"</th></tr>{rows}</table>")


def corpus_html(corpus: Corpus) -> str:
    """A Corpus for a notebook: its size, then its instruments and its stances."""
    instruments = "".join(
        f"<tr><td><code>{escape(i.id)}</code></td><td>{escape(i.date.text)}</td>"
        f"<td>{escape(i.kind.value)}</td><td>{escape(i.title)}</td></tr>"
        for i in sorted(corpus.instruments.values(), key=lambda i: (i.date.earliest, i.id)))
    stances = "".join(
        f"<tr><td><code>{escape(s.id)}</code></td><td>{escape(s.name)}</td>"
        f"<td>{escape(', '.join(s.doctrines))}</td></tr>"
        for s in sorted(corpus.stances.values(), key=lambda s: s.id))
    head = (f"<p>Corpus: {len(corpus.instruments)} instruments, {len(corpus.effects)} effects, "
            f"{len(corpus.stances)} stances, {len(corpus.doctrines)} doctrines</p>")
    return _styled(
        head + '<table class="tl-mini"><tr><th>instrument</th><th>date</th><th>kind</th>'
        f"<th>title</th></tr>{instruments}</table>"
        '<table class="tl-mini"><tr><th>stance</th><th>name</th><th>doctrines</th></tr>'
        f"{stances}</table>")
