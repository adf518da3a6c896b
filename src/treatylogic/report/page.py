"""The report page: one self-contained HTML file to explore the readings through time.

The matrix at the report's date is plain HTML (each cell's trace expandable in
place), so with scripts off the page still answers the question it was made
for. An inline script (allowed by a hash in the page's Content-Security-Policy;
nothing else may load) adds the explorer: a date control that moves the whole
matrix through time from the histories :mod:`treatylogic.report.data` embeds,
filters by stance and status, "only where readings differ", and a search over
ids and titles. When the corpus has parties, a choice of party (or the
instrument's own status among its parties) moves the matrix, the date control,
the filters and the traces to that party's statuses (``party=``); their
histories and traces travel gzip-compressed and are unpacked when a party is
first chosen. Timelines are drawn with matplotlib while there are few (for a
party chosen, the page draws each again from that party's statuses, in its
place); beyond :data:`CHART_LIMIT` the page draws the one the reader picks, from
the same embedded data, still offline.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterable
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TreatyLogicError, UnknownIdError
from ..resolution import query_day
from .data import CellHistories, Progress, cell_histories, report_parties, timeline_data
from .fragments import legend_html, trace_html
from .sources import Bibliography
from .styles import LOOKS, PAGE_CSS, STYLESHEET, status_word

if TYPE_CHECKING:
    from ..corpus import EffectRecord
    from ..engine import Corpus
    from ..explanation import Resolution

__all__ = ["CHART_LIMIT", "INLINE_TRACES", "MAX_GRAPH_DRAWING", "PLOT_FORMATS", "ReportError",
           "plot_timeline", "render_report", "write_report"]

#: File suffixes :func:`plot_timeline` can write.
PLOT_FORMATS = (".svg", ".png")
#: Above this many instruments the dependency graph is a table only (a drawing would be a tangle).
MAX_GRAPH_DRAWING = 40
#: Up to this many timelines are drawn in the file; beyond, the reader picks one to draw.
CHART_LIMIT = 24
#: Up to this many cells keep their report-date traces in place (readable with scripts
#: off); beyond, those too travel only in the page's gzip-compressed pack of traces (one
#: per stretch of each cell's history; a 1,000-instrument corpus: 4.6 MB of HTML at one
#: date, 0.12 MB packed), which the page unpacks when a cell is first opened, and a
#: cell is only its status (the page finds its target, stance and traces by position).
INLINE_TRACES = 1500


class ReportError(TreatyLogicError, ValueError):
    """A report or plot that cannot be made as asked (bad file suffix, matplotlib missing)."""


def _charts():  # the charts module, imported when first needed
    try:
        from . import charts
    except ImportError as exc:  # matplotlib is an optional extra
        raise ReportError("charts need matplotlib: pip install 'treatylogic[report]' "
                          f"({exc})") from None
    return charts


# ------------------------------------------------------------------ plot_timeline
def plot_timeline(corpus: Corpus, target: str, stance: str | None, out: Path) -> Path:
    """Draw ``target``'s status through time, one lane per stance (all when ``stance`` is None).

    The format follows the suffix of ``out``: ``.svg`` or ``.png``. The time
    axis gives its width to the periods of change (:class:`~.axis.TimeAxis`).

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
                 targets: list[str] | None = None, *, party: str | None = None,
                 parties: list[str] | None = None,
                 progress: Progress | None = None) -> Path:
    """Write the HTML report of ``targets`` (default: every instrument and provision) at ``at``.

    ``at`` is an EDTF date (a coarse one means its last day); default today.
    ``parties`` are the actors the reader may choose (default: every actor that is
    or continues an author of a reported instrument under some stance; ``[]``:
    none, the instrument's own status only); ``party`` is the one chosen when the
    page opens (its statuses are also what the page shows with scripts off).
    ``progress(done, total)`` is called as the work advances (for a progress bar).

    Raises
    ------
    UnknownIdError
        For an unknown target or party.
    DateError
        For a date that is not EDTF.
    ReportError
        When matplotlib is not installed.
    """
    out = Path(out)
    text = render_report(corpus, at=at, targets=targets, party=party, parties=parties,
                         progress=progress)
    out.write_text(text, encoding="utf-8")
    return out


class _Steps:
    """Counts the report's units of work for a ``progress`` callback."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = max(total, 1), 0, progress

    def advance(self, count: int = 1) -> None:
        self.done = min(self.done + count, self.total)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def reach(self, done: int) -> None:
        self.advance(max(done - self.done, 0))


def render_report(corpus: Corpus, at: str | None = None, targets: list[str] | None = None,
                  *, party: str | None = None, parties: list[str] | None = None,
                  progress: Progress | None = None) -> str:
    """The report as one HTML document (see :func:`write_report`)."""
    day, at_text = query_day(at)
    rows = _rows(corpus, targets)
    chosen = _parties(corpus, rows, party, parties)
    stances = sorted(corpus.stances)
    timeline_targets = [t for t in rows if "#" not in t] if targets is None else rows
    drawn = timeline_targets if len(timeline_targets) <= CHART_LIMIT else []
    steps = _Steps(len(rows) * (4 + 2 * len(chosen)) + len(drawn) + 1, progress)
    histories = cell_histories(corpus, rows, stances, progress=lambda done, _: steps.reach(done),
                               parties=chosen)
    # now the work is known exactly: each party's rows, and the instruments some party is outside
    outside = {target.partition("#")[0] for number, target in enumerate(rows)
               if any(number not in layer.rows for layer in histories.parties)}
    steps.total = len(rows) * (3 + len(chosen)) + sum(
        len(layer.rows) for layer in histories.parties) + len(outside) + len(drawn) + 1
    bibliography = Bibliography.of(corpus)
    pack = _TracePack()
    inline = len(rows) * len(stances) <= INLINE_TRACES
    matrix_html = _matrix_section(corpus, rows, stances, day, bibliography, steps,
                                  inline, party)
    trace_at = _stretch_traces(corpus, histories, day, bibliography, pack, steps)
    layers: dict[str, object] = {}
    if histories.parties:
        layers = {"layers": {layer.party: _party_layer(corpus, histories, layer.party, day,
                                                       bibliography, pack, steps)
                             for layer in histories.parties},
                  "outside": _outside_traces(corpus, histories, day, bibliography, pack, steps)}
    charts = _charts() if drawn or len(corpus.instruments) <= MAX_GRAPH_DRAWING else None
    data = {"at": day.isoformat(), "atText": at_text, "histories": json.loads(
        histories.to_json()), "looks": {s.value: [lk.fill, lk.ink, lk.word, lk.hatch]
                                        for s, lk in LOOKS.items()},
            "stanceNames": {s: corpus.stances[s].name for s in stances},
            "party": party,
            "parties": [[p, corpus.actors[p].name] for p in chosen],
            # the page draws the charts the file has not (or, for a party, all of them)
            "charts": {} if drawn and not histories.parties else
            _chart_data(corpus, timeline_targets, histories, day)}
    sections = [
        _intro(corpus, rows, day, at_text, party, chosen),
        _controls(corpus, stances, day, chosen, party),
        matrix_html,
        _stances_section(corpus),
        _timelines_section(corpus, timeline_targets, drawn, day, charts, steps),
        _graph_section(corpus, charts),
        bibliography.section(),
    ]
    steps.advance()
    title = f"treatylogic report at {at_text}" + (f" for {party}" if party else "")
    return _page(title, "\n".join(sections), data,
                 {"traces": pack.traces, "traceAt": trace_at}, layers)


def _parties(corpus: Corpus, rows: list[str], party: str | None,
             parties: list[str] | None) -> list[str]:
    """The parties the reader may choose (checked), the preselected one among them."""
    for name in [*(parties or ()), *([party] if party is not None else [])]:
        if name not in corpus.actors:
            raise UnknownIdError("party (actor)", name, corpus.actors)
    chosen = report_parties(corpus, rows) if parties is None else list(dict.fromkeys(parties))
    if party is not None and party not in chosen:
        chosen = sorted([*chosen, party])
    return chosen


#: Where an outside trace template (see :func:`_outside_traces`) names the party.
PARTY_SLOT = "\u0000"


def _party_layer(corpus: Corpus, histories: CellHistories, party: str, day: dt.date,
                 bibliography: Bibliography, pack: _TracePack,
                 steps: _Steps) -> dict[str, object]:
    """What the page needs to show ``party``'s statuses on the rows it could be bound by:
    ``rows`` and ``traceAt`` as for the instrument's own, keyed by the target's index
    (every other row is ``not_party``, explained by :func:`_outside_traces`)."""
    layer = next(layer for layer in histories.parties if layer.party == party)
    trace_at = {str(number): _cell_stretches(corpus, histories, target, number, day,
                                             bibliography, pack, party, steps)
                for number, target in enumerate(histories.targets) if number in layer.rows}
    return {"rows": histories.party_rows(layer), "traceAt": trace_at}


def _outside_traces(corpus: Corpus, histories: CellHistories, day: dt.date,
                    bibliography: Bibliography, pack: _TracePack,
                    steps: _Steps) -> dict[str, object]:
    """The trace of a party's cell on an instrument that could not bind it, by instrument.

    That trace is the same on every day, under every stance and for each provision of
    the instrument; across parties only the party's id at the head of its reason
    changes. So each instrument keeps one: the engine's trace for its first outside
    party, with that id replaced by :data:`PARTY_SLOT` for the page to fill in (a
    trace index). Should a trace not begin so, the instrument keeps every outside
    party's own trace instead (``{party: trace index}``). Per instrument, not per
    party and instrument: the size grows with the corpus, not with its square.
    """
    first: dict[str, int] = {}
    for number, target in enumerate(histories.targets):
        first.setdefault(target.partition("#")[0], number)
    out: dict[str, object] = {}
    for instrument, number in first.items():
        outside = [layer.party for layer in histories.parties if number not in layer.rows]
        if not outside:
            continue
        target, stance = histories.targets[number], histories.stances[0]

        def trace(party: str, target: str = target, stance: str = stance) -> str:
            found = corpus.resolve(target, stance, day, party=party).trace
            return trace_html(found, bibliography.cite)

        head = f'<div class="tl-reason">{escape(outside[0])} '
        html = trace(outside[0])
        if html.count(head) == 1 and html.count(escape(outside[0])) == 1:
            out[instrument] = pack.add(html.replace(
                head, f'<div class="tl-reason">{PARTY_SLOT} '))
        else:
            out[instrument] = {party: pack.add(trace(party)) for party in outside}
        steps.advance()
    return out


def _rows(corpus: Corpus, targets: Iterable[str] | None) -> list[str]:
    """The targets to show: as given (checked, without repeats), else every one in date order."""
    if targets is not None:
        for target in targets:
            corpus.check_target(target)
        return list(dict.fromkeys(targets))
    ordered = sorted(corpus.instruments.values(), key=lambda i: (i.start.earliest, i.id))
    return [ref for inst in ordered
            for ref in (inst.id, *(f"{inst.id}#{p.id}" for p in inst.provisions))]


def _script() -> str:
    return resources.files(__package__).joinpath("explorer.js").read_text(encoding="utf-8")


def _json_for_script(data: object) -> str:
    """JSON safe inside a ``<script>`` element: no ``<`` at all, so no tag can end or open one."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")


def _packed(value: object) -> str:
    """``value`` as gzip-compressed JSON, in base64 (the browser inflates it itself)."""
    raw = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def _page(title: str, body: str, data: object, packed: dict[str, object],
          layers: dict[str, object]) -> str:
    script = _script()
    traces = (
        '<script type="application/octet-stream" id="tl-traces" data-encoding="gzip+base64">'
        f"{_packed(packed)}</script>\n")
    if layers:
        traces += ('<script type="application/octet-stream" id="tl-parties" '
                   f'data-encoding="gzip+base64">{_packed(layers)}</script>\n')
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # nothing may load from outside; the one script runs because its hash is listed
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            f"style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'\">\n"
            f"<title>{escape(title)}</title>\n<style>\n{STYLESHEET}\n{PAGE_CSS}\n</style>\n"
            f"</head>\n<body>\n{body}\n"
            f'<script type="application/json" id="tl-data">{_json_for_script(data)}</script>\n'
            f"{traces}"
            f"<script>{script}</script>\n</body>\n</html>\n")


def _party_words(corpus: Corpus, party: str | None, parties: list[str]) -> str:
    """Whose status the matrix shows, as the page's heading ends (the script says it alike)."""
    if party is not None:
        return f", for {escape(corpus.actors[party].name)} ({escape(party)})"
    return ", the instrument's own status among its parties" if parties else ""


def _intro(corpus: Corpus, rows: list[str], day: dt.date, at_text: str,
           party: str | None, parties: list[str]) -> str:
    on = escape(at_text) if at_text == day.isoformat() else \
        f"{escape(at_text)} (that is, on {day.isoformat()})"
    return (
        f'<header><h1>Where each instrument stands, reading by reading, on <span id="tl-on">'
        f'{on}</span><span id="tl-for">{_party_words(corpus, party, parties)}</span></h1>'
        f'<p class="tl-lede">Each row is an instrument (or one of its provisions), each column '
        f"a <i>stance</i>: one actor's way of reading the record. A cell gives the status that "
        f"reading leads to on the date shown; <b>click a cell</b> to see the steps, rules and "
        f"sources behind it. Rows where the readings differ are marked "
        f"<b>differ</b>."
        + (" Choose a <b>party</b> to see each instrument's status for that actor (not a party, "
           "signed, in force, withdrawn...) instead of the instrument's own." if parties else "")
        + "</p>"
        f'<nav class="tl-muted">{len(rows)} rows, {len(corpus.stances)} stances, '
        f"{len(corpus.effects)} effects &middot; jump to "
        '<a href="#matrix">matrix</a> <a href="#stances">stances</a> '
        '<a href="#timelines">timelines</a> <a href="#graph">dependencies</a> '
        '<a href="#sources">sources</a></nav>'
        f"{legend_html()}</header>")


def _controls(corpus: Corpus, stances: list[str], day: dt.date, parties: list[str],
              party: str | None) -> str:
    """The explorer's controls; hidden until the script runs (without it they would do nothing)."""
    choices = "".join(
        f'<option value="{escape(p)}"{" selected" if p == party else ""}>'
        f"{escape(corpus.actors[p].name)} ({escape(p)})</option>" for p in parties)
    whose = (
        '<div class="tl-control"><label for="tl-party">Party</label>'
        '<select id="tl-party"><option value="">none: the instrument\'s own status</option>'
        f"{choices}</select></div>") if parties else ""
    boxes = "".join(
        f'<label class="tl-check"><input type="checkbox" name="stance" value="{escape(s)}" '
        f"checked> {escape(corpus.stances[s].name)}</label>" for s in stances)
    options = "".join(f'<option value="{s.value}">{escape(look.word)}</option>'
                      for s, look in LOOKS.items())
    return (
        '<section id="explore" class="tl-controls" hidden aria-label="explore the matrix">'
        '<div class="tl-control tl-date"><label for="tl-date-text">Date</label>'
        '<input type="range" id="tl-slider" min="0" max="0" value="0" '
        'aria-label="move through the days on which a reading changes">'
        f'<input type="text" id="tl-date-text" value="{day.isoformat()}" size="11" '
        'inputmode="numeric" aria-describedby="tl-date-help" '
        'placeholder="YYYY-MM-DD">'
        '<button type="button" id="tl-prev" title="previous change">&#9664;</button>'
        '<button type="button" id="tl-next" title="next change">&#9654;</button>'
        '<button type="button" id="tl-reset">report date</button>'
        '<span id="tl-date-help" class="tl-muted">a year, month or day; a year means its '
        'last day</span><span id="tl-date-error" class="tl-error" role="alert"></span></div>'
        f"{whose}"
        f'<details class="tl-control tl-stances" id="tl-stances" open><summary>Stances'
        f"</summary>{boxes}</details>"
        '<div class="tl-control"><label for="tl-status">Status</label>'
        f'<select id="tl-status"><option value="">any</option>{options}</select>'
        '<label class="tl-check"><input type="checkbox" id="tl-differ"> only where readings '
        'differ</label></div>'
        '<div class="tl-control"><label for="tl-search">Search</label>'
        '<input type="search" id="tl-search" placeholder="id or title" size="18">'
        '<output id="tl-count" class="tl-muted" aria-live="polite"></output></div>'
        "</section>")


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


class _TracePack:
    """Trace HTML for the page's script, each distinct one once (many cells share a trace)."""

    def __init__(self) -> None:
        self.traces: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, trace: str) -> int:
        if trace not in self._index:
            self._index[trace] = len(self.traces)
            self.traces.append(trace)
        return self._index[trace]


def _cell(resolution: Resolution, bibliography: Bibliography) -> str:
    """One matrix cell with its trace in place."""
    status = resolution.status.value
    trace = trace_html(resolution.trace, bibliography.cite)
    return (f'<td class="tl-cell tl-st-{status}" data-target="{escape(resolution.target)}" '
            f'data-stance="{escape(resolution.stance)}" data-status="{status}">'
            f"<details><summary>{escape(status_word(status))}</summary>"
            f'<div class="tl-trace-box">{trace}</div></details></td>')


def _bare_cell(status: str) -> str:
    """One matrix cell of a large page: its status only (its row gives the target, its
    column the stance; the script writes both on it and unpacks the trace when opened)."""
    return (f'<td class="tl-cell tl-st-{status}"><details><summary>'
            f'{escape(status_word(status))}</summary><div class="tl-trace-box"></div>'
            "</details></td>")


def _stretch_traces(corpus: Corpus, histories: CellHistories, day: dt.date,
                    bibliography: Bibliography, pack: _TracePack,
                    steps: _Steps) -> list[list[list[list[object]]]]:
    """For every cell, one trace per stretch of its history: ``[[day, trace index], ...]``.

    A stretch is explained on the report's date when it holds that date, else on
    its last day (the open last stretch: on its first day), so the trace gives the
    stretch's status and every effect considered up to then.
    """
    return [_cell_stretches(corpus, histories, target, number, day, bibliography, pack, None,
                            steps)
            for number, target in enumerate(histories.targets)]


def _cell_stretches(corpus: Corpus, histories: CellHistories, target: str, number: int,
                    day: dt.date, bibliography: Bibliography, pack: _TracePack,
                    party: str | None, steps: _Steps) -> list[list[list[object]]]:
    """One row's stretches and their traces (see :func:`_stretch_traces`), for ``party``."""
    cells: list[list[list[object]]] = []
    for stance in histories.stances:
        flat = histories.flat(target, stance, party) if party else histories.cells[number][
            histories.stances.index(stance)]
        starts: list[dt.date | None] = [
            None, *(dt.date.fromisoformat(histories.days[i]) for i in flat[1::2])]
        stretches: list[list[object]] = []
        for start, end in zip(starts, [*starts[1:], None], strict=True):
            if (start is None or start <= day) and (end is None or day < end):
                when = day
            elif end is not None:
                when = end - _ONE_DAY if end > dt.date.min else end
            else:
                when = start if start is not None else day
            trace = corpus.resolve(target, stance, when, party=party).trace
            stretches.append([when.isoformat(), pack.add(trace_html(trace, bibliography.cite))])
        cells.append(stretches)
    steps.advance()
    return cells


_ONE_DAY = dt.timedelta(days=1)


def _search_text(corpus: Corpus, target: str) -> str:
    instrument_id, _, provision_id = target.partition("#")
    title = corpus.provisions[target].summary if provision_id else \
        corpus.instruments[instrument_id].title
    return f"{target} {title}".lower()


def _matrix_section(corpus: Corpus, rows: list[str], stances: list[str], day: dt.date,
                    bibliography: Bibliography, steps: _Steps,
                    inline: bool, party: str | None) -> str:
    head = "".join(f'<th scope="col" data-stance="{escape(s)}" '
                   f'title="{escape(corpus.stances[s].summary)}">'
                   f"{escape(corpus.stances[s].name)}<br><code>{escape(s)}</code></th>"
                   for s in stances)
    body = []
    table = {} if inline else corpus.table(day, stances, party=party)
    for target in rows:
        if inline:
            readings = {s: corpus.resolve(target, s, day, party=party) for s in stances}
            statuses = {readings[s].status for s in stances}
            cells = "".join(_cell(readings[s], bibliography) for s in stances)
        else:
            statuses = {table[target, s] for s in stances}
            cells = "".join(_bare_cell(table[target, s].value) for s in stances)
        differ = len(statuses) > 1
        agreement = ('<td class="tl-agreement" title="the stances reach different statuses">'
                     "&ne; differ</td>" if differ else '<td class="tl-agreement">agree</td>')
        body.append(f'<tr class="{"tl-disagree" if differ else "tl-agree"}" '
                    f'data-target="{escape(target)}" '
                    f'data-search="{escape(_search_text(corpus, target))}">'
                    f"{_row_header(corpus, target)}{agreement}{cells}</tr>")
        steps.advance()
    return (f'<section id="matrix"><h2>Comparison</h2>'
            '<p id="tl-trace-note" class="tl-note" hidden></p>'
            f'<div class="tl-matrix-box"><table class="tl-matrix"><thead><tr>'
            f'<th class="tl-corner">instrument</th><th class="tl-agreement">readings</th>'
            f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>")


def _stances_section(corpus: Corpus) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(s.name)}</b><br><code>{escape(s.id)}</code></td>"
        f"<td>{escape(corpus.actors[s.actor].name) if s.actor in corpus.actors else ''}</td>"
        f"<td>{escape(s.summary)}</td>"
        f"<td>{', '.join(f'<code>{escape(d)}</code>' for d in s.doctrines)}</td></tr>"
        for s in sorted(corpus.stances.values(), key=lambda s: s.id))
    return ('<section id="stances"><h2>Stances</h2><div class="tl-scroll"><table '
            'class="tl-list"><tr><th>stance</th>'
            "<th>actor</th><th>reading</th><th>doctrines held</th></tr>"
            f"{rows}</table></div></section>")


_TIMELINE_HELP = ("One lane per stance, coloured by status through time; numbered marks are "
                  "the effects on the instrument, hatched spans uncertain dates, the dashed line "
                  "the report's date. The axis gives its width to the periods of change: quiet "
                  "decades are folded into a break (&#8776;).")


def _timelines_section(corpus: Corpus, targets: list[str], drawn: list[str], day: dt.date,
                       charts, steps: _Steps) -> str:
    if not drawn and targets:
        options = "".join(f'<option value="{escape(t)}">' for t in targets)
        return ('<section id="timelines"><h2>Timelines</h2>'
                f'<p class="tl-muted">{len(targets)} instruments: too many to draw them all in '
                "one file. Pick one to draw it here (drawn by the page itself, offline). "
                f"{_TIMELINE_HELP}</p>"
                '<p class="tl-noscript">Drawing a timeline needs scripts, which are off.</p>'
                '<div class="tl-control" id="tl-pick" hidden><label for="tl-pick-input">'
                'Instrument</label><input list="tl-instruments" id="tl-pick-input" '
                'placeholder="id" size="24"><button type="button" id="tl-draw">draw</button>'
                f'<datalist id="tl-instruments">{options}</datalist></div>'
                '<div id="tl-drawn"></div></section>')
    stances = sorted(corpus.stances)
    figures = []
    for target in drawn:
        figure = charts.timeline_figure(corpus, target, stances, day)
        svg = charts.svg_text(figure, salt=f"tl-{target}")
        figures.append(f'<figure class="tl-chart" id="timeline-{escape(target)}" '
                       f'data-target="{escape(target)}"'
                       f"{_frame_attributes(charts.chart_frame(figure))}>{svg}</figure>"
                       '<div class="tl-party-chart" hidden></div>')  # a party's, page-drawn
        steps.advance()
    return ('<section id="timelines"><h2>Timelines</h2>'
            f'<p class="tl-muted">{_TIMELINE_HELP}</p>'
            f'<div class="tl-charts">{"".join(figures)}</div></section>')


def _frame_attributes(frame) -> str:
    """Where the page's script draws the date shown on a chart: the axis corners and lanes' box."""
    if frame is None:
        return ""
    axis, box = frame
    knots = " ".join(f"{ordinal} {x}" for ordinal, x in axis.knots())
    return (f' data-knots="{knots}" '
            f'data-frame="{" ".join(f"{round(v, 5)}" for v in box)}"')


def _chart_data(corpus: Corpus, targets: list[str], histories: CellHistories,
                day: dt.date) -> dict[str, object]:
    """What the page needs to draw a timeline itself: the axis corners and the effects."""
    return {target: timeline_data(corpus, target, histories, day) for target in targets}


def _dep_search(record: EffectRecord) -> str:
    """What the search matches in a row of the effects table: ids, verb and the source's title."""
    return " ".join((record.id, record.source.id, record.effect.target, record.kind.verb,
                     record.source.title)).lower()


def _graph_section(corpus: Corpus, charts) -> str:
    drawing = ""
    if charts is not None and 0 < len(corpus.instruments) <= MAX_GRAPH_DRAWING:
        svg = charts.svg_text(charts.graph_figure(corpus), salt="graph")
        drawing = f'<figure class="tl-chart tl-graph">{svg}</figure>'
    records = sorted(corpus.effects.values(), key=lambda r: r.order_key)
    rows = "".join(
        f'<tr data-search="{escape(_dep_search(r))}" class="tl-dep">'
        f"<td>{escape(r.date.text)}</td><td><code>{escape(r.source.id)}</code></td>"
        f"<td>{escape(r.kind.verb)}</td><td><code>{escape(r.effect.target)}</code></td>"
        f"<td><code>{escape(r.id)}</code></td><td>{escape(', '.join(r.actors))}</td></tr>"
        for r in records)
    return ('<section id="graph"><h2>Dependencies</h2><p class="tl-muted">Instruments in date '
            "order; an arrow runs from the instrument that acts to the one it acts on. The "
            "search above also narrows the table of effects.</p>"
            f'{drawing}<div class="tl-scroll"><table class="tl-list"><tr><th>date</th>'
            "<th>source</th><th>does</th>"
            f"<th>to</th><th>effect</th><th>acting</th></tr>{rows}</table></div></section>")
