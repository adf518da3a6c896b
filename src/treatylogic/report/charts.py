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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..explanation import StepVerdict
from ..status import Status
from .axis import TimeAxis
from .data import timeline_days
from .styles import LOOKS, STATUS_ORDER, look

if TYPE_CHECKING:
    from ..corpus import EffectRecord
    from ..engine import Corpus

__all__ = ["chart_frame", "graph_figure", "save_figure", "svg_text", "timeline_figure"]

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


def _rc() -> Any:  # matplotlib types rc keys as Literals; this dict is checked at run time
    return {"font.size": _BASE_FONT, "font.family": "sans-serif", "svg.fonttype": "none",
            "hatch.linewidth": 0.8, "hatch.color": _HATCH_INK, "axes.spines.top": False,
            "axes.spines.right": False}


def _chart_axis(corpus: Corpus, target: str, *also: dt.date | None) -> TimeAxis:
    """The time axis of ``target``'s chart: its dates, its effects' and ``also`` (report date)."""
    return TimeAxis.around([*timeline_days(corpus, target), *(d for d in also if d is not None)])


def _fits(width: float, axes_points: float, word: str) -> bool:
    """Whether ``word`` fits inside a bar ``width`` (a share of the axis) wide."""
    return width * axes_points > len(word) * _BASE_FONT * 0.58 + 6


def _bar(ax, lane: float, left: float, right: float, status: Status, height: float,
         axes_points: float) -> None:
    status_look = look(status)
    width = right - left
    ax.barh(lane, width, left=left, height=height, color=status_look.fill,
            edgecolor="#555555", linewidth=0.5)
    if status_look.hatch:  # a second, unfilled bar: the hatch in a soft ink, no border
        ax.barh(lane, width, left=left, height=height, fill=False, hatch=status_look.hatch,
                edgecolor=_HATCH_INK, linewidth=0)
    if _fits(width, axes_points, status_look.word):
        ax.text(left + width / 2, lane, status_look.word, ha="center", va="center",
                color=status_look.ink, fontsize=_BASE_FONT, fontweight="bold",
                bbox=None if status_look.ink == "#ffffff" else
                dict(boxstyle="round,pad=0.15", facecolor="#ffffffcc", linewidth=0))


def _verdicts(corpus: Corpus, target: str, stance: str, day: dt.date) -> dict[str, StepVerdict]:
    """How ``stance`` decided each effect on ``target`` (as of ``day``)."""
    trace = corpus.resolve(target, stance, day).trace
    return {step.effect: step.verdict for step in trace if step.effect}


def _label_rows(xs: list[float], min_gap: float = 0.03) -> list[int]:
    """A row per label so that labels closer than ``min_gap`` of the axis do not overlap."""
    rows: list[int] = []
    last_in_row: dict[int, float] = {}
    for x in xs:
        row = 0
        while row in last_in_row and x - last_in_row[row] < min_gap:
            row += 1
        last_in_row[row] = x
        rows.append(row)
    return rows


def _key_line(number: int, record: EffectRecord) -> tuple[int, str, str]:
    what = f"{record.source.id} {record.kind.verb} {record.effect.target}"
    return number, record.date.text, f"{what}  ({record.source.title})"


def timeline_figure(corpus: Corpus, target: str, stances: list[str],
                    mark_day: dt.date | None = None, until: dt.date | None = None) -> Figure:
    """One lane per stance, coloured by status through time, with the effects as numbered marks.

    The time axis (:class:`~.axis.TimeAxis`) gives its width to the periods of
    change and folds the quiet decades between them into breaks. Uncertain dates
    are hatched spans in the effects strip; where an uncertainty leaves a status
    open the lane is ``undetermined`` (hatched) too. ``mark_day`` draws a dashed
    line (the report's date); the axis shows ``until`` too. Dates from
    0001-01-01 to 9999-12-31 and open ends are drawn without overflow.
    """
    with mpl.rc_context(_rc()):
        return _timeline_figure(corpus, target, stances, mark_day, until)


def _timeline_figure(corpus: Corpus, target: str, stances: list[str],
                     mark_day: dt.date | None, until: dt.date | None) -> Figure:
    instrument, _ = corpus.check_target(target)
    effects = corpus.target_record(target).effects
    axis = _chart_axis(corpus, target, mark_day, until)
    marks = [axis.x(_mark_day(r, axis)) for r in effects]
    rows = _label_rows(marks)
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
            left = axis.x(interval.start) if interval.start is not None else 0.0
            right = axis.x(interval.end) if interval.end is not None else 1.0
            if right > left:
                _bar(ax, lane, left, right, interval.status, 0.72, axes_points)
    _draw_breaks(ax, axis)
    _draw_verdicts(ax, corpus, target, stances, effects, marks, rows, axis)
    strip = len(stances) - 0.1
    _draw_effect_strip(ax, effects, marks, rows, axis, strip)
    if mark_day is not None:
        x = axis.x(mark_day)
        ax.axvline(x, color="#000000", linestyle=(0, (4, 3)), linewidth=1.1)
        ax.text(x, -0.62, f" report date {mark_day.isoformat()}",
                ha="left" if x < 0.8 else "right", va="top", fontsize=_BASE_FONT - 1,
                color="#000000")

    names = [textwrap.fill(textwrap.shorten(corpus.stances[s].name, 48, placeholder="…"), 26)
             for s in stances]
    ax.set_yticks(range(len(stances)), names)
    ax.set_ylim(-0.55, strip + 0.45 + 0.3 * strip_rows)
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ticks = axis.ticks(per_unit=11.0)
    ax.set_xticks([x for x, _ in ticks], [label for _, label in ticks])
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", labelsize=_BASE_FONT - 0.5)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    inst = corpus.instruments[instrument]
    dates = f"{inst.date}" + (f", in force {inst.in_force}" if inst.in_force else "")
    ax.set_title(textwrap.fill(f"{target} — {inst.title} ({dates})", 100), loc="left",
                 fontsize=_BASE_FONT + 2, fontweight="bold")
    _draw_key(key_ax, key, timelines, key_in)
    fig.treatylogic_axis = axis  # type: ignore[attr-defined]  # read by chart_frame
    return fig


def chart_frame(fig: Figure) -> tuple[TimeAxis, tuple[float, float, float, float]] | None:
    """A drawn timeline's time axis and its lanes' box as figure fractions (x0, x1, top, bottom
    from the top edge), for a page script to draw a date line on the SVG; None for other figures.

    Call it after the figure is saved (the layout is final then).
    """
    axis = getattr(fig, "treatylogic_axis", None)
    if axis is None:
        return None
    box = fig.axes[0].get_position()
    return axis, (box.x0, box.x1, 1 - box.y1, 1 - box.y0)


def _draw_breaks(ax, axis: TimeAxis) -> None:
    """A pale band with a ≈ for each folded quiet stretch."""
    for x0, x1 in axis.gaps:
        ax.axvspan(x0, x1, color="#f1f1f1", zorder=0.5, linewidth=0)
        ax.text((x0 + x1) / 2, -0.62, "≈", ha="center", va="top", fontsize=_BASE_FONT + 2,
                color="#555555")


def _mark_day(record: EffectRecord, axis: TimeAxis) -> dt.date:
    """Where an effect is marked: the last day it may have happened (within the chart)."""
    return min(record.date.latest, axis.last)


def _offsets(rows: list[int], step: float = 0.22) -> list[float]:
    """Vertical offsets on a lane that spread effects marked on (nearly) the same day."""
    clusters: list[list[int]] = []
    for row in rows:
        if row == 0 or not clusters:
            clusters.append([])
        clusters[-1].append(row)
    return [(row - (len(cluster) - 1) / 2) * step for cluster in clusters for row in cluster]


def _draw_verdicts(ax, corpus: Corpus, target: str, stances: list[str],
                   effects: Sequence[EffectRecord], marks: list[float], rows: list[int],
                   axis: TimeAxis) -> None:
    offsets = _offsets(rows)
    for lane, stance in enumerate(stances):
        verdicts = _verdicts(corpus, target, stance, axis.last)
        for record, x, offset in zip(effects, marks, offsets, strict=True):
            verdict = verdicts.get(record.id)
            if verdict is None:
                continue
            mark = _VERDICT_MARKS[verdict]
            ax.plot([x], [lane + offset], linestyle="none",
                    marker=mark["marker"], markerfacecolor=mark["markerfacecolor"],
                    markeredgecolor="#000000", markeredgewidth=1.0, markersize=7, zorder=5)


def _draw_effect_strip(ax, effects: Sequence[EffectRecord], marks: list[float], rows: list[int],
                       axis: TimeAxis, strip: float) -> None:
    ax.text(0.0, strip + 0.45, " effects ", ha="right", va="center",
            fontsize=_BASE_FONT, color="#333333", clip_on=False)
    for number, (record, last, row) in enumerate(zip(effects, marks, rows, strict=True), 1):
        first = axis.x(max(record.date.earliest, axis.first))
        y = strip + 0.45 + row * 0.3
        if last > first:  # an uncertain date: a hatched span, never a point
            ax.barh(y, last - first, left=first, height=0.22,
                    color="#ffffff", hatch="////", edgecolor="#000000", linewidth=0.6)
        ax.plot([last], [y], linestyle="none", marker="v", markersize=6, color="#000000")
        ax.annotate(str(number), (last, y), xytext=(5, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=_BASE_FONT - 1, fontweight="bold")
        ax.axvline(last, color="#00000030", linewidth=0.8, zorder=0)


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
    # a fixed salt: the file's own name may be a temporary one (the command line writes
    # beside ``out`` and renames), and the same plot must be the same bytes (issue 17)
    with mpl.rc_context({"svg.hashsalt": "treatylogic-plot", "svg.fonttype": "none"}):
        fig.savefig(out, format=fmt, dpi=150, metadata=metadata)
    return out
