"""ISO 8601 durations for an instrument's clauses on time: terms, renewals, notice periods.

Only calendar parts are meaningful for treaties (years, months, weeks, days);
adding months keeps the day of the month, or the month's last day when it has
fewer (one month after 31 January is 28 or 29 February).

>>> term = parse_duration("P30Y")
>>> term.after(dt.date(1950, 4, 11))
datetime.date(1980, 4, 11)
>>> parse_duration("P1Y6M").text
'P1Y6M'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

__all__ = ["Duration", "IsoDuration", "parse_duration"]

_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?")


@dataclass(frozen=True, slots=True)
class Duration:
    """A calendar duration: years, months and days (weeks are seven days)."""

    years: int
    months: int
    days: int
    text: str

    def after(self, day: dt.date) -> dt.date:
        """The day this long after ``day``; the largest date if it would pass the calendar."""
        total_months = day.month - 1 + self.months + 12 * self.years
        year, month = day.year + total_months // 12, total_months % 12 + 1
        if year > dt.MAXYEAR:
            return dt.date.max
        last = calendar.monthrange(year, month)[1]
        moved = dt.date(year, month, min(day.day, last))
        try:
            return moved + dt.timedelta(days=self.days)
        except OverflowError:
            return dt.date.max

    def __str__(self) -> str:
        return self.text


def parse_duration(text: str) -> Duration:
    """Parse ``PnYnMnWnD`` (any part may be left out, at least one given).

    Raises
    ------
    ValueError
        If ``text`` is not such a duration (times of day are not accepted).
    """
    match = _DURATION.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None or not any(match.groups()):
        raise ValueError(f"{text!r} is not an ISO 8601 duration; write e.g. 'P30Y', 'P12M', "
                         "'P6M' or 'P90D'")
    years, months, weeks, days = (int(part or 0) for part in match.groups())
    return Duration(years, months, days + 7 * weeks, text.strip())


def _to_duration(value: Any) -> Any:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ValueError("a duration is text such as 'P30Y', 'P12M' or 'P90D'")
    return parse_duration(value)


#: A pydantic field type: an ISO 8601 duration, held as a :class:`Duration`.
IsoDuration = Annotated[
    Duration,
    BeforeValidator(_to_duration),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$",
                    "description": "ISO 8601 duration: P30Y, P12M, P90D"}),
]
