"""A time axis that gives its width to the periods of change and folds the quiet decades.

A linear axis from 1915 to 2030 leaves 1919-1924 about 40 pixels wide at 1400 px;
this axis instead opens a *window* around every day something happens, merges
the windows that touch into *periods*, and draws each period linearly while the
quiet *gaps* between periods get a small fixed share of the width, drawn as a
break. Days are handled as ordinals, so any date from 0001-01-01 to 9999-12-31
(the open ends of ``1922-10/..`` and ``../1920``) maps without overflow.

>>> import datetime as dt
>>> axis = TimeAxis.around([dt.date(1919, 7, 25), dt.date(1924, 5, 31), dt.date(2024, 9, 2)])
>>> [(p.first.year, p.last.year) for p in axis.periods]
[(1918, 1925), (2023, 2025)]
>>> 0.0 == axis.x(axis.first) and 1.0 == axis.x(axis.last)
True
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GAP_SHARE", "Period", "TimeAxis", "clamp_day"]

#: The share of the axis one folded gap takes (all gaps together take at most a third).
GAP_SHARE = 0.045
#: Days of context drawn on each side of a day something happens.
WINDOW_DAYS = 300
#: Quiet stretches shorter than this stay on the axis, drawn linearly (about four years).
MERGE_DAYS = 1461
_MIN_ORD = dt.date.min.toordinal()
_MAX_ORD = dt.date.max.toordinal()


def clamp_day(ordinal: int) -> dt.date:
    """The day of ``ordinal``, held to the days Python can represent (0001-01-01 .. 9999-12-31)."""
    return dt.date.fromordinal(min(max(ordinal, _MIN_ORD), _MAX_ORD))


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``first`` to ``last`` (both included), drawn linearly from ``x0`` to ``x1``."""

    first: dt.date
    last: dt.date
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """Periods of change laid side by side on [0, 1], each gap between two folded to a break."""

    periods: tuple[Period, ...]

    @classmethod
    def around(cls, days: Iterable[dt.date], window: int = WINDOW_DAYS,
               merge: int = MERGE_DAYS) -> TimeAxis:
        """The axis for ``days`` (at least one): a window of ``window`` days around each.

        Windows less than ``merge`` days apart join into one period.

        Raises
        ------
        ValueError
            When ``days`` is empty.
        """
        ordinals = sorted({day.toordinal() for day in days})
        if not ordinals:
            raise ValueError("a time axis needs at least one day")
        spans: list[list[int]] = []
        for ordinal in ordinals:
            first = max(ordinal - window, _MIN_ORD)
            last = min(ordinal + window, _MAX_ORD)
            if spans and first <= spans[-1][1] + merge:  # close enough: one period
                spans[-1][1] = max(spans[-1][1], last)
            else:
                spans.append([first, last])
        gaps = len(spans) - 1
        gap_share = min(GAP_SHARE, 1 / 3 / gaps) if gaps else 0.0
        # each period's share grows with its length, but sublinearly: a long period
        # of change does not starve a short one, and a single day stays readable
        weights = [(last - first + 1) ** 0.5 for first, last in spans]
        free = 1.0 - gap_share * gaps
        periods: list[Period] = []
        x = 0.0
        for (first, last), weight in zip(spans, weights, strict=True):
            width = free * weight / sum(weights)
            periods.append(Period(clamp_day(first), clamp_day(last), x, x + width))
            x += width + gap_share
        last_period = periods[-1]
        periods[-1] = Period(last_period.first, last_period.last, last_period.x0, 1.0)
        return cls(tuple(periods))

    @property
    def first(self) -> dt.date:
        """The first day drawn."""
        return self.periods[0].first

    @property
    def last(self) -> dt.date:
        """The last day drawn."""
        return self.periods[-1].last

    @property
    def gaps(self) -> list[tuple[float, float]]:
        """The folded stretches, as ``(x0, x1)`` on the axis."""
        return [(a.x1, b.x0) for a, b in zip(self.periods, self.periods[1:], strict=False)]

    def x(self, day: dt.date) -> float:
        """Where ``day`` is drawn on [0, 1] (days before or after the axis sit at its ends)."""
        ordinal = day.toordinal()
        starts = [p.first.toordinal() for p in self.periods]
        index = bisect_right(starts, ordinal) - 1
        if index < 0:
            return 0.0
        period = self.periods[index]
        first, last = period.first.toordinal(), period.last.toordinal()
        if ordinal <= last:
            share = (ordinal - first) / max(last - first, 1)
            return period.x0 + share * (period.x1 - period.x0)
        if index + 1 < len(self.periods):  # inside a gap: spread across the break
            following = self.periods[index + 1]
            share = (ordinal - last) / max(following.first.toordinal() - last, 1)
            return period.x1 + share * (following.x0 - period.x1)
        return 1.0

    def ticks(self, per_unit: float = 9.0) -> list[tuple[float, str]]:
        """Labelled ticks: years (or months in a short period), about ``per_unit`` per axis."""
        ticks: list[tuple[float, str]] = []
        for period in self.periods:
            room = max(int((period.x1 - period.x0) * per_unit), 1)
            years = period.last.year - period.first.year
            if years == 0 or (years <= 2 and room >= 4):
                days = _months(period.first, period.last)
                step = max(len(days) // room + (len(days) % room > 0), 1)
                labels = [(d, f"{d.year:04d}" if d.month == 1 else
                           d.strftime("%b") if n else f"{d.strftime('%b')} {d.year:04d}")
                          for n, d in enumerate(days[::step])]
            else:
                step = max(_nice(years / room), 1)
                start = period.first.year + (-period.first.year) % step
                labels = [(dt.date(year, 1, 1), f"{year:04d}".lstrip("0") or "0")
                          for year in range(max(start, 1), period.last.year + 1, step)
                          if dt.date(year, 1, 1) >= period.first]
            ticks.extend((self.x(day), label) for day, label in labels)
        return ticks

    def knots(self) -> list[tuple[int, float]]:
        """The axis as ``(ordinal, x)`` corners, for a browser script to draw the same axis."""
        corners: list[tuple[int, float]] = []
        for period in self.periods:
            corners += [(period.first.toordinal(), round(period.x0, 5)),
                        (period.last.toordinal(), round(period.x1, 5))]
        return corners


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    day = dt.date(first.year, first.month, 1)
    if day < first:
        day = _next_month(day)
    months = []
    while day <= last:
        months.append(day)
        if day.year == 9999 and day.month == 12:
            break
        day = _next_month(day)
    return months


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _nice(step: float) -> int:
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000):
        if step <= nice:
            return nice
    return 10000
