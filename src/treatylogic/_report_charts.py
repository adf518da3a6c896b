"""The report's charts, drawn with matplotlib: status timelines and the dependency graph.

Only the object-oriented API is used (``Figure``, no ``pyplot``): no global
state, no window, safe in a server or a test. Charts are saved as SVG (text
kept as text, ids salted per chart so several can share one page) or PNG.

>>> import treatylogic as tl
>>> corpus = tl.load()
>>> fig = timeline_figure(corpus, "karakhan-1919", sorted(corpus.stances))
>>> svg_text(fig, salt="doc").startswith("<svg")
True
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ._report_style import LOOKS, STATUS_ORDER, look
from .dates import OPEN_END
from .explanation import StepVerdict
from .status import Status

if TYPE_CHECKING:
    from .corpus import EffectRecord
    from .engine import Corpus

__all__ = ["graph_figure", "save_figure", "svg_text", "timeline_figure"]

_HATCH_INK = "#00000070"
_BASE_FONT = 9
#: How each stance's verdict on an effect is marked on its lane (shape reads in greyscale).
_VERDICT_MARKS = {
    StepVerdict.APPLIED: dict(marker="o", markerfacecolor="#000000", label="applied"),
    StepVerdict.REJECTED: dict(marker="X", markerfacecolor="#ffffff", label="rejected"),
    StepVerdict.INERT: dict(marker="o", markerfacecolor="#ffffff", label="inert (no effect)"),
    StepVerdict.UNDETERMINED: dict(marker="D", markerfacecolor="#ffd400",
                                   label="cannot be told"),
    StepVerdict.INFO: dict(marker="D", markerfacecolor="#ffd400", label="cannot be told"),
}


@dataclass(frozen=True, slots=True)
class _Span:
    """The days a chart shows."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return max((self.last - self.first).days, 1)


def _rc() -> Any:  # matplotlib types rc keys as Literals; this dict is checked at run time
    return {"font.size": _BASE_FONT, "font.family": "sans-serif", "svg.fonttype": "none",
            "hatch.linewidth": 0.8, "hatch.color": _HATCH_INK, "axes.spines.top": False,
            "axes.spines.right": False}


def _chart_span(corpus: Corpus, instrument: str, effects: Sequence[EffectRecord],
                *also: dt.date | None) -> _Span:
    inst = corpus.instruments[instrument]
    days = [inst.date.earliest, inst.start.latest]
    for record in effects:
        days.append(record.date.earliest)
        if record.date.latest != OPEN_END:
            days.append(record.date.latest)
    days += [day for day in also if day is not None]
    first, last = min(days), max(days)
    pad = dt.timedelta(days=max(int((last - first).days * 0.05), 120))
    return _Span(first - pad, last + pad)


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))


def _fits(width_days: float, span: _Span, axes_points: float, word: str) -> bool:
    """Whether ``word`` fits inside a bar ``width_days`` wide."""
    return width_days / span.days * axes_points > len(word) * _BASE_FONT * 0.58 + 6


def _bar(ax, lane: float, start: dt.date, end: dt.date, status: Status, height: float,
         span: _Span, axes_points: float) -> None:
    status_look = look(status)
    left, width = _num(start), _num(end) - _num(start)
    ax.barh(lane, width, left=left, height=height, color=status_look.fill,
            edgecolor="#555555", linewidth=0.5)
    if status_look.hatch:  # a second, unfilled bar: the hatch in a soft ink, no border
        ax.barh(lane, width, left=left, height=height, fill=False, hatch=status_look.hatch,
                edgecolor=_HATCH_INK, linewidth=0)
    if _fits((end - start).days, span, axes_points, status_look.word):
        ax.text(left + width / 2, lane, status_look.word, ha="center", va="center",
                color=status_look.ink, fontsize=_BASE_FONT, fontweight="bold",
                bbox=None if status_look.ink == "#ffffff" else
                dict(boxstyle="round,pad=0.15", facecolor="#ffffffcc", linewidth=0))


def _effects_on(corpus: Corpus, target: str) -> Sequence[EffectRecord]:
    """The effects that reach ``target``, in resolution order."""
    corpus.check_target(target)
    return corpus.target_record(target).effects


def _verdicts(corpus: Corpus, target: str, stance: str, day: dt.date) -> dict[str, StepVerdict]:
    """How ``stance`` decided each effect on ``target`` (as of ``day``)."""
    trace = corpus.resolve(target, stance, day).trace
    return {step.effect: step.verdict for step in trace if step.effect}


def _label_rows(days: list[dt.date], span: _Span, min_gap: float = 0.045) -> list[int]:
    """A row per label so that labels closer than ``min_gap`` of the axis do not overlap."""
    rows: list[int] = []
    last_in_row: dict[int, dt.date] = {}
    for day in days:
        row = 0
        while row in last_in_row and (day - last_in_row[row]).days / span.days < min_gap:
            row += 1
        last_in_row[row] = day
        rows.append(row)
    return rows


def _key_line(number: int, record: EffectRecord) -> tuple[int, str, str]:
    what = f"{record.source.id} {record.kind.verb} {record.effect.target}"
    return number, record.date.text, f"{what}  ({record.source.title})"


def timeline_figure(corpus: Corpus, target: str, stances: list[str],
                    mark_day: dt.date | None = None, until: dt.date | None = None) -> Figure:
    """One lane per stance, coloured by status through time, with the effects as numbered marks.

    Uncertain dates are hatched spans in the effects strip; where an uncertainty
    leaves a status open the lane is ``undetermined`` (hatched) too.
    ``mark_day`` draws a dashed line (the report's date); the time axis runs
    at least until ``until``.
    """
    with mpl.rc_context(_rc()):
        return _timeline_figure(corpus, target, stances, mark_day, until)


def _timeline_figure(corpus: Corpus, target: str, stances: list[str],
                     mark_day: dt.date | None, until: dt.date | None) -> Figure:
    instrument, _ = corpus.check_target(target)
    effects = _effects_on(corpus, target)
    span = _chart_span(corpus, instrument, effects, mark_day, until)
    rows = _label_rows([_mark_day(r, span) for r in effects], span)
    strip_rows = max(rows, default=0) + 1
    timelines = [corpus.timeline(target, s) for s in stances]
    key = [_key_line(n, r) for n, r in enumerate(effects, 1)]
    width_in, lane_in = 11.0, 0.42
    chart_in = 1.0 + lane_in * (len(stances) + 0.5 + 0.7 * strip_rows)
    key_in = 1.3 + 0.16 * (len(key) + 1) if key else 0.95
    fig = Figure(figsize=(width_in, chart_in + key_in), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=[chart_in, key_in])
    ax = fig.add_subplot(grid[0])
    key_ax = fig.add_subplot(grid[1])
    key_ax.axis("off")
    axes_points = width_in * 72 * 0.78  # the lanes' share of the width, after the labels

    for lane, line in enumerate(timelines):
        for interval in line.intervals:
            start = max(interval.start or span.first, span.first)
            end = min(interval.end or span.last, span.last)
            if end > start:
                _bar(ax, lane, start, end, interval.status, 0.72, span, axes_points)
    _draw_verdicts(ax, corpus, target, stances, effects, rows, span)
    strip = len(stances) - 0.1
    _draw_effect_strip(ax, effects, rows, span, strip)
    if mark_day is not None:
        ax.axvline(_num(mark_day), color="#000000", linestyle=(0, (4, 3)), linewidth=1.1)
        ax.text(_num(mark_day), -0.62, f" report date {mark_day.isoformat()}", ha="left", va="top",
                fontsize=_BASE_FONT - 1, color="#000000")

    names = [textwrap.fill(textwrap.shorten(corpus.stances[s].name, 48, placeholder="…"), 26)
             for s in stances]
    ax.set_yticks(range(len(stances)), names)
    ax.set_ylim(-0.55, strip + 0.45 + 0.3 * strip_rows)
    ax.invert_yaxis()
    ax.set_xlim(_num(span.first), _num(span.last))
    locator = mdates.AutoDateLocator(minticks=6, maxticks=14)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    inst = corpus.instruments[instrument]
    dates = f"{inst.date}" + (f", in force {inst.in_force}" if inst.in_force else "")
    ax.set_title(textwrap.fill(f"{target} — {inst.title} ({dates})", 100), loc="left",
                 fontsize=_BASE_FONT + 2, fontweight="bold")
    _draw_key(key_ax, key, timelines, key_in)
    return fig


def _mark_day(record: EffectRecord, span: _Span) -> dt.date:
    """Where an effect is marked: the last day it may have happened (within the chart)."""
    return min(record.date.latest, span.last)


def _offsets(rows: list[int], step: float = 0.22) -> list[float]:
    """Vertical offsets on a lane that spread effects marked on (nearly) the same day."""
    clusters: list[list[int]] = []
    for row in rows:
        if row == 0 or not clusters:
            clusters.append([])
        clusters[-1].append(row)
    return [(row - (len(cluster) - 1) / 2) * step for cluster in clusters for row in cluster]


def _draw_verdicts(ax, corpus: Corpus, target: str, stances: list[str],
                   effects: Sequence[EffectRecord], rows: list[int], span: _Span) -> None:
    offsets = _offsets(rows)
    for lane, stance in enumerate(stances):
        verdicts = _verdicts(corpus, target, stance, span.last)
        for record, offset in zip(effects, offsets, strict=True):
            verdict = verdicts.get(record.id)
            if verdict is None:
                continue
            mark = _VERDICT_MARKS[verdict]
            ax.plot([_num(_mark_day(record, span))], [lane + offset], linestyle="none",
                    marker=mark["marker"], markerfacecolor=mark["markerfacecolor"],
                    markeredgecolor="#000000", markeredgewidth=1.0, markersize=7, zorder=5)


def _draw_effect_strip(ax, effects: Sequence[EffectRecord], rows: list[int], span: _Span,
                       strip: float) -> None:
    ax.text(_num(span.first), strip + 0.45, " effects ", ha="right", va="center",
            fontsize=_BASE_FONT, color="#333333", clip_on=False)
    for number, (record, row) in enumerate(zip(effects, rows, strict=True), 1):
        first, last = record.date.earliest, _mark_day(record, span)
        y = strip + 0.45 + row * 0.3
        if last > first:  # an uncertain date: a hatched span, never a point
            ax.barh(y, _num(last) - _num(first), left=_num(first), height=0.22,
                    color="#ffffff", hatch="////", edgecolor="#000000", linewidth=0.6)
        ax.plot([_num(last)], [y], linestyle="none", marker="v", markersize=6,
                color="#000000")
        ax.annotate(str(number), (_num(last), y), xytext=(5, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=_BASE_FONT - 1, fontweight="bold")
        ax.axvline(_num(last), color="#00000030", linewidth=0.8, zorder=0)


def _draw_key(key_ax, key: list[tuple[int, str, str]], timelines, inches: float) -> None:
    seen = {i.status for line in timelines for i in line.intervals}
    patches = [Patch(facecolor=LOOKS[s].fill, hatch=LOOKS[s].hatch, edgecolor="#555555",
                     label=LOOKS[s].word) for s in STATUS_ORDER if s in seen]
    marks = {mark["label"]: Line2D([], [], linestyle="none", marker=mark["marker"],
                                   markerfacecolor=mark["markerfacecolor"],
                                   markeredgecolor="#000000", markersize=7, label=mark["label"])
             for mark in _VERDICT_MARKS.values()}
    uncertain = Patch(facecolor="#ffffff", hatch="////", edgecolor="#000000",
                      label="uncertain date")
    common = dict(frameon=False, fontsize=_BASE_FONT - 0.5, handlelength=1.6,
                  columnspacing=1.4, alignment="left", title_fontsize=_BASE_FONT - 0.5)
    statuses = key_ax.legend(handles=patches, loc="upper left", ncol=max(len(patches), 1),
                             bbox_to_anchor=(0.0, 1.04), title="status", **common)
    key_ax.add_artist(statuses)
    if not key:
        key_ax.text(0.005, 1.0 - 0.62 / inches, "no effects on this target", ha="left",
                    va="top", fontsize=_BASE_FONT - 1, transform=key_ax.transAxes)
        return
    key_ax.legend(handles=[*marks.values(), uncertain], loc="upper left", ncol=5,
                  bbox_to_anchor=(0.0, 1.04 - 0.5 / inches),
                  title="marks on a lane: how that reading decided the effect", **common)
    width = max((len(date) for _, date, _ in key), default=0)
    lines = [f"{n:>2}  {date:<{width}}  {what}" for n, date, what in key]
    key_ax.text(0.005, 1.0 - 1.05 / inches, "effects:\n" + "\n".join(lines),
                ha="left", va="top", family="monospace", fontsize=_BASE_FONT - 1,
                transform=key_ax.transAxes)


# --------------------------------------------------------------------- the graph
def _graph_edges(corpus: Corpus) -> dict[tuple[str, str], list[str]]:
    """Effects grouped by (source instrument, target instrument), each as a short label."""
    edges: dict[tuple[str, str], list[str]] = {}
    for source, target, data in corpus.graph.edges(data=True):
        if data.get("kind") != "effect":
            continue
        instrument, _, provision = target.partition("#")
        label = data["effect_kind"] + (f" #{provision}" if provision else "")
        edges.setdefault((source, instrument), []).append(label)
    return edges


def graph_figure(corpus: Corpus) -> Figure:
    """Instruments in date order, left to right, with an arrow per effect (source -> target)."""
    with mpl.rc_context(_rc()):
        return _graph_figure(corpus)


def _graph_figure(corpus: Corpus) -> Figure:
    ordered = sorted(corpus.instruments.values(), key=lambda i: (i.start.earliest, i.id))
    lanes = 3
    place = {inst.id: (float(index), float(lanes - 1 - index % lanes))
             for index, inst in enumerate(ordered)}
    width, height = max(8.0, 0.8 * len(ordered) + 1.5), 4.6
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.axis("off")
    x_range, y_range = len(ordered) + 0.6, lanes + 0.2
    ax.set_xlim(-0.8, len(ordered) - 0.2)
    ax.set_ylim(-0.6, lanes - 0.4)
    # inches per data unit, to place labels on the arcs matplotlib bends in display space
    x_scale, y_scale = width * 0.95 / x_range, height * 0.9 / y_range
    boxes = {}
    for inst in ordered:
        boxes[inst.id] = ax.annotate(
            f"{inst.id}\n{inst.date.text}", place[inst.id], ha="center", va="center",
            fontsize=_BASE_FONT - 1, zorder=3,
            bbox=dict(boxstyle="round,pad=0.35", facecolor="#f2f2f2", edgecolor="#444444"))
    bend = 0.3
    for (source, target), labels in _graph_edges(corpus).items():
        (x0, y0), (x1, y1) = place[source], place[target]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=2,
                    arrowprops=dict(arrowstyle="-|>", color="#333333", linewidth=1.0,
                                    shrinkA=2, shrinkB=2, connectionstyle=f"arc3,rad={bend}",
                                    patchA=boxes[source].get_bbox_patch(),
                                    patchB=boxes[target].get_bbox_patch()))
        # the midpoint of matplotlib's arc3 curve: mid + rad/2 * (dy, -dx) in display space
        dx, dy = (x1 - x0) * x_scale, (y1 - y0) * y_scale
        label_x = (x0 + x1) / 2 + bend / 2 * dy / x_scale
        label_y = (y0 + y1) / 2 - bend / 2 * dx / y_scale
        ax.text(label_x, label_y, ", ".join(sorted(set(labels))), ha="center", va="center",
                fontsize=_BASE_FONT - 1.5, color="#222222", zorder=4,
                bbox=dict(boxstyle="round,pad=0.15", facecolor="#ffffffe0", linewidth=0))
    return fig


# ------------------------------------------------------------------ saving
def svg_text(fig: Figure, salt: str) -> str:
    """The figure as an ``<svg>`` element to inline in HTML (ids salted to stay unique)."""
    buffer = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": salt, "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if 0 <= start < end:  # RDF about the file; nothing a reader of the page needs
        text = text[:start] + text[end + len("</metadata>"):]
    return text


def save_figure(fig: Figure, out: Path, fmt: str) -> Path:
    """Write the figure as ``fmt`` (svg or png) to ``out``."""
    metadata = {"Date": None} if fmt == "svg" else None
    with mpl.rc_context({"svg.hashsalt": out.stem, "svg.fonttype": "none"}):
        fig.savefig(out, format=fmt, dpi=150, metadata=metadata)
    return out
