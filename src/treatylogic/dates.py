"""Historical dates as EDTF strings, reduced to the span of days they may mean.

Parsing is the ``edtf`` package's (Library of Congress Extended Date/Time
Format); this module only turns its result into two plain days.

>>> span = parse_date("1922-10")
>>> span.earliest, span.latest
(datetime.date(1922, 10, 1), datetime.date(1922, 10, 31))
>>> span.is_exact
False
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import lru_cache

import edtf

from .errors import DateError

__all__ = ["DateSpan", "parse_date", "today"]

#: The open end of an interval such as ``1922-10/..`` ("after October 1922").
OPEN_END = dt.date.max
OPEN_START = dt.date.min


@dataclass(frozen=True, order=True)
class DateSpan:
    """The days an EDTF date may denote: from ``earliest`` to ``latest``, both included."""

    earliest: dt.date
    latest: dt.date
    text: str

    @property
    def is_exact(self) -> bool:
        """True for a single known day."""
        return self.earliest == self.latest

    def __str__(self) -> str:
        return self.text


def _bound(obj: object, which: str) -> dt.date | None:
    """The strict lower or upper day of one EDTF object, None if unbounded."""
    try:
        struct = getattr(obj, f"{which}_strict")()
    except (TypeError, AttributeError, ValueError, OverflowError):
        return None
    if not isinstance(struct, tuple) and not hasattr(struct, "tm_year"):
        return None  # edtf answers with +/- infinity for open ends
    try:
        return edtf.struct_time_to_date(struct)
    except (TypeError, ValueError, OverflowError):
        return None


_PLAIN = re.compile(r"([1-9][0-9]{3})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _plain_span(text: str) -> DateSpan | None:
    """A plain ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` without the EDTF parser (far faster).

    The same span as the parser gives; anything else, or an impossible day, is
    left to the parser (and its error messages).
    """
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    year = int(match[1])
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        if month is None:
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return DateSpan(dt.date(year, month, 1), dt.date(year, month, last), text)
        return DateSpan(dt.date(year, month, day), dt.date(year, month, day), text)
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan:
    """Parse an EDTF string into the span of days it may mean.

    Day, month and year precision, uncertain/approximate dates (``1920-02?``,
    ``1922~``) and intervals (``1920-02/1920-03``, ``1922-10/..``) are accepted.

    Raises
    ------
    DateError
        If ``text`` is not valid EDTF or names an impossible day.

    >>> parse_date("1919-07-25").is_exact
    True
    >>> parse_date("1922-10/..").latest
    datetime.date(9999, 12, 31)
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be an EDTF string such as '1919-07-25', not {text!r}")
    stripped = text.strip()
    plain = _plain_span(stripped)
    if plain is not None:
        return plain
    try:
        # edtf prints its parse attempts for some bad input ('/..'): keep them off
        # stdout, where they would corrupt the command line's JSON
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = edtf.parse_edtf(stripped)
    except Exception as exc:  # edtf raises several types for bad input
        raise DateError(
            f"{text!r} is not an EDTF date; write e.g. '1919-07-25', '1919-07', '1919', "
            f"'1920-02/1920-03' or '1922-10/..'"
        ) from exc
    lower_obj = getattr(parsed, "lower", parsed)
    upper_obj = getattr(parsed, "upper", parsed)
    earliest = _bound(lower_obj, "lower")
    latest = _bound(upper_obj, "upper")
    if earliest is None and latest is None:
        raise DateError(f"{text!r} is unbounded at both ends; give at least one end")
    span = DateSpan(earliest or OPEN_START, latest or OPEN_END, stripped)
    if span.earliest > span.latest:
        raise DateError(f"{text!r} ends before it begins")
    return span


def today() -> DateSpan:
    """Today as an exact span (the default query date)."""
    day = dt.date.today()
    return DateSpan(day, day, day.isoformat())
