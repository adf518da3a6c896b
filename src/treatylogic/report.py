"""The HTML report and timeline plots: the comparison, the timelines and the traces at a glance.

:func:`write_report` writes one self-contained HTML file (inline CSS and SVG,
no script, no outside resource) that opens offline in any browser: the
comparison matrix at a date with every cell's trace expandable in place, a
timeline per instrument, the dependency graph and the sources.
:func:`plot_timeline` draws one target's timeline to an SVG or PNG file.
Charts need matplotlib (``pip install 'treatylogic[report]'``).

>>> import tempfile, pathlib
>>> import treatylogic as tl
>>> from treatylogic.report import write_report
>>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
>>> write_report(tl.load(), out, at="1930", targets=["karakhan-1919"]).name
'report.html'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ._report_html import STYLESHEET, legend_html, trace_html
from ._report_style import status_word
from .errors import TreatyLogicError
from .resolution import query_day

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .engine import Corpus
    from .explanation import Resolution
    from .models import Doctrine, Stance

__all__ = ["PLOT_FORMATS", "ReportError", "plot_timeline", "render_report", "write_report"]

#: File suffixes :func:`plot_timeline` can write.
PLOT_FORMATS = (".svg", ".png")
#: Above this many instruments the dependency graph is a table only (a drawing would be a tangle).
MAX_GRAPH_DRAWING = 40


class ReportError(TreatyLogicError, ValueError):
    """A report or plot that cannot be made as asked (bad file suffix, matplotlib missing)."""


def _charts():  # the private charts module, imported when first needed
    try:
        from . import _report_charts
    except ImportError as exc:  # matplotlib is an optional extra
        raise ReportError("charts need matplotlib: pip install 'treatylogic[report]' "
                          f"({exc})") from None
    return _report_charts


# ------------------------------------------------------------------ plot_timeline
def plot_timeline(corpus: Corpus, target: str, stance: str | None, out: Path) -> Path:
    """Draw ``target``'s status through time, one lane per stance (all when ``stance`` is None).

    The format follows the suffix of ``out``: ``.svg`` or ``.png``.

    Raises
    ------
    ReportError
        For another suffix, or when matplotlib is not installed.
    UnknownIdError
        For an unknown target or stance.

    >>> import tempfile, pathlib
    >>> import treatylogic as tl
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "karakhan.svg"
    >>> plot_timeline(tl.load(), "karakhan-1919", None, out).suffix
    '.svg'
    """
    out = Path(out)
    fmt = out.suffix.lower()
    if fmt not in PLOT_FORMATS:
        raise ReportError(f"cannot plot to {str(out)!r}: the file name must end in "
                          f"{' or '.join(PLOT_FORMATS)}, not {out.suffix or 'nothing'!r}")
    corpus.check_target(target)
    stances = [corpus.stance(stance).id] if stance is not None else sorted(corpus.stances)
    charts = _charts()
    figure = charts.timeline_figure(corpus, target, stances, until=dt.date.today())
    return charts.save_figure(figure, out, fmt[1:])


# ------------------------------------------------------------------- the report
def write_report(corpus: Corpus, out: Path, at: str | None = None,
                 targets: list[str] | None = None) -> Path:
    """Write the HTML report of ``targets`` (default: every instrument and provision) at ``at``.

    ``at`` is an EDTF date (a coarse one means its last day); default today.

    Raises
    ------
    UnknownIdError
        For an unknown target.
    DateError
        For a date that is not EDTF.
    ReportError
        When matplotlib is not installed.
    """
    out = Path(out)
    out.write_text(render_report(corpus, at=at, targets=targets), encoding="utf-8")
    return out


def render_report(corpus: Corpus, at: str | None = None,
                  targets: list[str] | None = None) -> str:
    """The report as one HTML document (see :func:`write_report`)."""
    day, at_text = query_day(at)
    rows = _rows(corpus, targets)
    matrix = {target: corpus.compare(target, at if at is not None else day) for target in rows}
    charts = _charts()
    timeline_targets = [t for t in rows if "#" not in t] if targets is None else rows
    sections = [
        _intro(corpus, rows, day, at_text),
        _matrix_section(corpus, rows, matrix),
        _stances_section(corpus),
        _timelines_section(corpus, timeline_targets, day, charts),
        _graph_section(corpus, charts),
        _sources_section(corpus),
    ]
    return _page(f"treatylogic report at {at_text}", "\n".join(sections))


def _rows(corpus: Corpus, targets: Iterable[str] | None) -> list[str]:
    """The targets to show: as given (checked, without repeats), else every one in date order."""
    if targets is not None:
        for target in targets:
            corpus.check_target(target)
        return list(dict.fromkeys(targets))
    ordered = sorted(corpus.instruments.values(), key=lambda i: (i.start.earliest, i.id))
    return [ref for inst in ordered
            for ref in (inst.id, *(f"{inst.id}#{p.id}" for p in inst.provisions))]


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # no outside resource may load, even by accident
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            f"style-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{escape(title)}</title>\n<style>\n{STYLESHEET}\n{_PAGE_CSS}\n</style>\n"
            f"</head>\n<body>\n{body}\n</body>\n</html>\n")


_PAGE_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       margin: 0 auto; padding: 1.2em 2em 3em; max-width: 1500px; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #222; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em; }
nav a { margin-right: 1em; }
.tl-lede { font-size: 1.05em; max-width: 60em; margin: .2em 0 .6em; }
.tl-legend { display: flex; flex-wrap: wrap; gap: .35em 1.3em; list-style: none; padding: 0;
             margin: .4em 0 1em; font-size: .92em; }
table.tl-matrix { border-collapse: separate; border-spacing: 3px; }
.tl-matrix thead th { text-align: center; vertical-align: bottom; padding: .2em .5em;
                      font-weight: 600; }
.tl-matrix thead th code, .tl-matrix th.tl-row code { color: #555; font-weight: normal; }
.tl-matrix th.tl-row { text-align: left; font-weight: normal; padding: .25em .6em .25em .3em;
                       max-width: 24em; vertical-align: top; }
.tl-row .tl-title { font-weight: 600; }
.tl-row.tl-prov { padding-left: 1.6em; font-size: .93em; }
.tl-agreement { text-align: center; font-size: .85em; color: #555; padding: .55em .4em 0;
                vertical-align: top; }
tr.tl-disagree .tl-agreement { color: #000; font-weight: 700; background: #ffe9a8;
                               border: 2px solid #000; border-radius: .3em; }
td.tl-cell { min-width: 8.5em; width: 10em; padding: 0; border: 1px solid #555;
             border-radius: .3em; vertical-align: top; }
td.tl-cell summary { cursor: pointer; padding: .45em .6em; font-weight: 700;
                     text-align: center; list-style: none; }
td.tl-cell summary::-webkit-details-marker { display: none; }
td.tl-cell summary::after { content: " \\25B8"; font-weight: normal; }
td.tl-cell details[open] summary::after { content: " \\25BE"; }
.tl-trace-box { background: #fff; color: #111; text-shadow: none; padding: .4em .7em .6em;
                width: 30em; border-top: 1px solid #555; font-size: .9em; }
figure.tl-chart { margin: 1em 0 2em; }
figure.tl-chart svg { width: 100%; max-width: 1350px; height: auto; }
figure.tl-chart svg text { white-space: pre; }
table.tl-list { border-collapse: collapse; font-size: .93em; }
.tl-list th, .tl-list td { border-bottom: 1px solid #ccc; padding: .3em .7em; text-align: left;
                           vertical-align: top; }
.tl-sources li { margin: .2em 0; }
.tl-muted { color: #555; }
"""


def _intro(corpus: Corpus, rows: list[str], day: dt.date, at_text: str) -> str:
    on = escape(at_text) if at_text == day.isoformat() else \
        f"{escape(at_text)} (that is, on {day.isoformat()})"
    return (
        f"<header><h1>Where each instrument stands, reading by reading, on {on}</h1>"
        f'<p class="tl-lede">Each row is an instrument (or one of its provisions), each column '
        f"a <i>stance</i>: one actor's way of reading the record. A cell gives the status that "
        f"reading leads to on {escape(at_text)}; <b>click a cell</b> to see the steps, rules and "
        f"sources behind it. Rows where the readings differ are marked "
        f"<b>differ</b>.</p>"
        f'<nav class="tl-muted">{len(rows)} rows, {len(corpus.stances)} stances, '
        f"{len(corpus.effects)} effects &middot; jump to "
        '<a href="#matrix">matrix</a><a href="#stances">stances</a>'
        '<a href="#timelines">timelines</a><a href="#graph">dependencies</a>'
        '<a href="#sources">sources</a></nav>'
        f"{legend_html()}</header>")


def _row_header(corpus: Corpus, target: str) -> str:
    instrument_id, _, provision_id = target.partition("#")
    inst = corpus.instruments[instrument_id]
    if provision_id:
        summary = corpus.provisions[target].summary
        return (f'<th scope="row" class="tl-row tl-prov">&#8627; {escape(summary)}<br>'
                f"<code>{escape(target)}</code></th>")
    dates = escape(str(inst.date)) + (f", in force {escape(str(inst.in_force))}"
                                      if inst.in_force else "")
    return (f'<th scope="row" class="tl-row"><span class="tl-title">{escape(inst.title)}</span>'
            f"<br><code>{escape(target)}</code> &middot; {dates}</th>")


def _cell(resolution: Resolution) -> str:
    status = resolution.status.value
    return (f'<td class="tl-cell tl-st-{status}" data-target="{escape(resolution.target)}" '
            f'data-stance="{escape(resolution.stance)}" data-status="{status}">'
            f"<details><summary>{escape(status_word(status))}</summary>"
            f'<div class="tl-trace-box">{trace_html(resolution.trace)}</div></details></td>')


def _matrix_section(corpus: Corpus, rows: list[str],
                    matrix: dict[str, dict[str, Resolution]]) -> str:
    stances = sorted(corpus.stances)
    head = "".join(f'<th scope="col" title="{escape(corpus.stances[s].summary)}">'
                   f"{escape(corpus.stances[s].name)}<br><code>{escape(s)}</code></th>"
                   for s in stances)
    body = []
    for target in rows:
        readings = matrix[target]
        differ = len({r.status for r in readings.values()}) > 1
        agreement = ('<td class="tl-agreement" title="the stances reach different statuses">'
                     "&ne; differ</td>" if differ else '<td class="tl-agreement">agree</td>')
        cells = "".join(_cell(readings[s]) for s in stances)
        body.append(f'<tr class="{"tl-disagree" if differ else "tl-agree"}" '
                    f'data-target="{escape(target)}">{_row_header(corpus, target)}{agreement}'
                    f"{cells}</tr>")
    return (f'<section id="matrix"><h2>Comparison</h2><table class="tl-matrix"><thead><tr>'
            f'<th></th><th class="tl-agreement">readings</th>{head}</tr></thead><tbody>'
            f"{''.join(body)}</tbody></table></section>")


def _stances_section(corpus: Corpus) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(s.name)}</b><br><code>{escape(s.id)}</code></td>"
        f"<td>{escape(corpus.actors[s.actor].name) if s.actor in corpus.actors else ''}</td>"
        f"<td>{escape(s.summary)}</td>"
        f"<td>{', '.join(f'<code>{escape(d)}</code>' for d in s.doctrines)}</td></tr>"
        for s in sorted(corpus.stances.values(), key=lambda s: s.id))
    return ('<section id="stances"><h2>Stances</h2><table class="tl-list"><tr><th>stance</th>'
            "<th>actor</th><th>reading</th><th>doctrines held</th></tr>"
            f"{rows}</table></section>")


def _timelines_section(corpus: Corpus, targets: list[str], day: dt.date, charts) -> str:
    stances = sorted(corpus.stances)
    figures = []
    for target in targets:
        svg = _svg(charts, charts.timeline_figure(corpus, target, stances, day), f"tl-{target}")
        figures.append(f'<figure class="tl-chart" id="timeline-{escape(target)}">{svg}</figure>')
    return ('<section id="timelines"><h2>Timelines</h2><p class="tl-muted">One lane per '
            "stance, coloured by status through time; numbered marks are the effects on the "
            "instrument, hatched spans uncertain dates, the dashed line the report's date.</p>"
            f"{''.join(figures)}</section>")


def _svg(charts, figure: Figure, salt: str) -> str:
    return charts.svg_text(figure, salt=salt)


def _graph_section(corpus: Corpus, charts) -> str:
    drawing = ""
    if 0 < len(corpus.instruments) <= MAX_GRAPH_DRAWING:
        drawing = (f'<figure class="tl-chart">{_svg(charts, charts.graph_figure(corpus), "graph")}'
                   "</figure>")
    records = sorted(corpus.effects.values(), key=lambda r: r.order_key)
    rows = "".join(
        f"<tr><td>{escape(r.date.text)}</td><td><code>{escape(r.source.id)}</code></td>"
        f"<td>{escape(r.kind.verb)}</td><td><code>{escape(r.effect.target)}</code></td>"
        f"<td><code>{escape(r.id)}</code></td><td>{escape(', '.join(r.actors))}</td></tr>"
        for r in records)
    return ('<section id="graph"><h2>Dependencies</h2><p class="tl-muted">Instruments in date '
            "order; an arrow runs from the instrument that acts to the one it acts on.</p>"
            f'{drawing}<table class="tl-list"><tr><th>date</th><th>source</th><th>does</th>'
            f"<th>to</th><th>effect</th><th>acting</th></tr>{rows}</table></section>")


def _citations(corpus: Corpus) -> dict[str, list[str]]:
    """Every source text cited in the corpus, with the ids of what cites it."""
    cited: dict[str, list[str]] = {}

    def add(sources: Iterable[str], where: str) -> None:
        for source in sources:
            cited.setdefault(source, [])
            if where not in cited[source]:
                cited[source].append(where)

    for actor in corpus.actors.values():
        add(actor.sources, actor.id)
    for inst in corpus.instruments.values():
        add(inst.sources, inst.id)
        for provision in inst.provisions:
            add(provision.sources, f"{inst.id}#{provision.id}")
        for effect in inst.effects:
            add(effect.sources, effect.id)
    owners: list[Doctrine | Stance] = [*corpus.doctrines.values(), *corpus.stances.values()]
    for owner in owners:
        add(owner.sources, owner.id)
        for rule in owner.rules:
            add((*((rule.citation,) if rule.citation else ()), *rule.sources),
                f"{owner.id}/{rule.id}")
    return cited


def _sources_section(corpus: Corpus) -> str:
    items = "".join(
        f"<li>{escape(source)} <span class=\"tl-muted\">&mdash; cited by "
        f"{', '.join(f'<code>{escape(w)}</code>' for w in where)}</span></li>"
        for source, where in sorted(_citations(corpus).items()))
    return (f'<section id="sources"><h2>Sources</h2><ul class="tl-sources">{items}</ul>'
            '<p class="tl-muted">Generated by treatylogic. This file loads nothing from the '
            "network.</p></section>")
