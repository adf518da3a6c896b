"""Historical dates as EDTF strings, reduced to the span of days they may mean.

Parsing is the ``edtf`` package's (Library of Congress Extended Date/Time
Format); this module only turns its result into two plain days, and keeps day
arithmetic inside the calendar (``0001-01-01`` to ``9999-12-31``) so that no
date, however extreme, can overflow.

>>> span = parse_date("1922-10")
>>> span.earliest, span.latest
(datetime.date(1922, 10, 1), datetime.date(1922, 10, 31))
>>> span.is_exact
False
>>> parse_date("1905-11-25~").is_exact   # approximate: a window, not that day
False
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

import edtf

from .errors import DateError

__all__ = ["DateSpan", "add_days", "day_after", "day_before", "later_of", "parse_date",
           "shared_span", "today"]

#: The open end of an interval such as ``1922-10/..`` ("after October 1922").
OPEN_END = dt.date.max
OPEN_START = dt.date.min
#: How much of a user's text an error message repeats.
_SHOWN = 60


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held inside the calendar (never an OverflowError).

    >>> add_days(dt.date(9999, 12, 31), 1)
    datetime.date(9999, 12, 31)
    >>> add_days(dt.date(1, 1, 1), -1)
    datetime.date(1, 1, 1)
    """
    ordinal = min(max(day.toordinal() + days, OPEN_START.toordinal()), OPEN_END.toordinal())
    return dt.date.fromordinal(ordinal)


def day_before(day: dt.date) -> dt.date:
    """The day before ``day``; the first day of the calendar for the first day."""
    return add_days(day, -1)


def day_after(day: dt.date) -> dt.date:
    """The day after ``day``; the last day of the calendar for the last day."""
    return add_days(day, 1)


@dataclass(frozen=True, order=True, slots=True)  # slots: millions of them at scale
class DateSpan:
    """The days an EDTF date may denote: from ``earliest`` to ``latest``, both included.

    ``open_start`` / ``open_end`` say that an end is open (``../1920``,
    ``1922-10/..``): ``earliest`` or ``latest`` is then the calendar's first or
    last day. ``qualified`` says that the text carries an EDTF qualifier
    (``~``, ``?``, ``%``) and the span is the window it allows.
    """

    earliest: dt.date
    latest: dt.date
    text: str
    open_start: bool = field(default=False, compare=False)
    open_end: bool = field(default=False, compare=False)
    qualified: bool = field(default=False, compare=False)

    def __reduce__(self) -> tuple[type[DateSpan], tuple[object, ...]]:
        """Pickled as its constructor's arguments: the dataclass's own slot state is
        read and written field by field in Python, the bulk of a compiled cache's time."""
        return (DateSpan, (self.earliest, self.latest, self.text, self.open_start,
                           self.open_end, self.qualified))

    @property
    def is_exact(self) -> bool:
        """True for a single known day."""
        return self.earliest == self.latest

    @property
    def days(self) -> int:
        """How many days the span covers (1 for an exact day)."""
        return self.latest.toordinal() - self.earliest.toordinal() + 1

    def __str__(self) -> str:
        return self.text


def later_of(a: DateSpan, b: DateSpan) -> DateSpan:
    """The later of two dates, bound by bound (when both must have happened).

    One of them when it is later on both bounds, else a span of the later bounds.

    >>> later_of(parse_date("1950-01"), parse_date("1950-01-15")).earliest
    datetime.date(1950, 1, 15)
    """
    if a.earliest >= b.earliest and a.latest >= b.latest:
        return a
    if b.earliest >= a.earliest and b.latest >= a.latest:
        return b
    return DateSpan(max(a.earliest, b.earliest), max(a.latest, b.latest),
                    f"the later of {a} and {b}")


def _shown(text: str) -> str:
    """A user's text quoted for a message, cut short if long."""
    return repr(text) if len(text) <= _SHOWN else repr(text[:_SHOWN - 3] + "...")


class _OutOfRangeError(Exception):
    """A bound edtf computes that Python's calendar cannot hold (year 0, year 20000)."""


def _to_date(struct: object) -> dt.date:
    try:
        return edtf.struct_time_to_date(struct)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as exc:
        raise _OutOfRangeError(str(exc)) from None


def _bound(obj: object, which: str, fuzzy: bool = False,
           unspecified: bool = False) -> dt.date | None:
    """The lower or upper day of one EDTF object, None if unbounded.

    With ``fuzzy``, the window EDTF's qualifiers allow (the ``edtf`` package's
    padding), held inside the calendar. With ``unspecified`` (``X`` digits), a
    bound past the calendar is held at its edge (``XXXX`` is 0001 to 9999).
    """
    try:
        struct = getattr(obj, f"{which}_strict")()
    except (TypeError, AttributeError, ValueError, OverflowError):
        return None
    if not isinstance(struct, tuple) and not hasattr(struct, "tm_year"):
        return None  # edtf answers with +/- infinity for open ends
    try:
        strict = _to_date(struct)
    except _OutOfRangeError:
        if not unspecified:
            raise
        strict = OPEN_START if which == "lower" else OPEN_END
    if not fuzzy:
        return strict
    try:
        return _to_date(getattr(obj, f"{which}_fuzzy")())
    except (_OutOfRangeError, TypeError, AttributeError, ValueError, OverflowError):
        return OPEN_START if which == "lower" else OPEN_END  # the window leaves the calendar


_PLAIN = re.compile(r"([1-9][0-9]{3})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SET = re.compile(r"[\[{]([^\[\]{}]*)[\]}]")


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


def _set_span(text: str) -> DateSpan | None:
    """An EDTF set (``[1919,1920]`` one of, ``{1919,1920}`` all of) member by member.

    The edtf parser takes seconds for a set of a few hundred members; each member
    here is one ``parse_date`` (cached), so a set costs time in proportion to its
    length. The span runs from the earliest member to the latest; ``[..1919]`` is
    open at the start, ``[1919..]`` at the end.
    """
    match = _SET.fullmatch(text)
    if match is None or not match[1].strip():
        return None
    if (text[0], text[-1]) not in {("[", "]"), ("{", "}")}:
        return None
    earliest, latest = OPEN_END, OPEN_START
    open_start = open_end = qualified = False
    members = [m.strip() for m in match[1].split(",")]
    for position, member in enumerate(members):
        if ".." in member:
            first, _, last = member.partition("..")
            if not first and position == 0:
                open_start = True
            if not last and position == len(members) - 1:
                open_end = True
            if (not first and position != 0) or (not last and position != len(members) - 1):
                return None  # an open member in the middle: leave it to the parser's message
            parts = [p for p in (first, last) if p]
        else:
            parts = [member]
        if not parts:
            return None
        for part in parts:
            try:
                span = parse_date(part)
            except DateError:
                return None
            if span.open_start or span.open_end:
                return None
            earliest, latest = min(earliest, span.earliest), max(latest, span.latest)
            qualified = qualified or span.qualified
    return DateSpan(OPEN_START if open_start else earliest, OPEN_END if open_end else latest,
                    text, open_start, open_end, qualified)


def shared_span(earliest: dt.date, latest: dt.date, text: str, open_start: bool = False,
                open_end: bool = False, qualified: bool = False) -> DateSpan:
    """The span with these fields: :func:`parse_date`'s own for ``text`` when it is that one
    (shared, as a parse shares it), else a new one. What the compiled cache rebuilds a
    span with (:mod:`treatylogic.cache`)."""
    try:
        found = parse_date(text)
    except (DateError, ValueError):
        found = None
    if found is not None and (found.earliest, found.latest, found.text, found.open_start,
                              found.open_end, found.qualified) == \
            (earliest, latest, text, open_start, open_end, qualified):
        return found
    return DateSpan(earliest, latest, text, open_start, open_end, qualified)


@lru_cache(maxsize=65536)
def parse_date(text: str) -> DateSpan:
    """Parse an EDTF string into the span of days it may mean.

    Day, month and year precision, uncertain/approximate dates (``1920-02?``,
    ``1922~``: the window EDTF allows, see docs/semantics.md), intervals
    (``1920-02/1920-03``, ``1922-10/..``), unspecified digits (``19XX``) and
    sets (``[1919,1920]``) are accepted, between the years 0001 and 9999.

    Raises
    ------
    DateError
        If ``text`` is not valid EDTF, names an impossible day, or a year
        outside 0001-9999.

    >>> parse_date("1919-07-25").is_exact
    True
    >>> parse_date("1922-10/..").latest
    datetime.date(9999, 12, 31)
    >>> parse_date("1922~").earliest, parse_date("1922~").latest
    (datetime.date(1921, 1, 1), datetime.date(1923, 12, 31))
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be an EDTF string such as '1919-07-25', not {text!r}"[:200])
    stripped = text.strip()
    plain = _plain_span(stripped)
    if plain is not None:
        return plain
    if stripped[:1] in "[{":
        members = _set_span(stripped)
        if members is not None:
            return members
    if "/" in stripped:
        interval = _plain_interval(stripped)
        if interval is not None:
            return interval
    return _edtf_span(text, stripped)


def _plain_interval(text: str) -> DateSpan | None:
    """An interval of two plain dates (``1920-02/1920-03-15``), or of one and an open
    end (``1922-10/..``, ``../1920``), without the EDTF parser.

    The same span as the parser gives (``tests/unit/test_dates.py`` compares them);
    the parser takes milliseconds for each, and a large corpus has thousands. Anything
    else, or an interval that ends before it begins, is left to the parser.
    """
    first, slash, last = text.partition("/")
    if not slash or "/" in last:
        return None
    start = None if first == ".." else _plain_span(first)
    end = None if last == ".." else _plain_span(last)
    if (start is None and first != "..") or (end is None and last != "..") or \
            (start is None and end is None):
        return None
    if start is not None and end is not None and start.earliest > end.latest:
        return None
    return DateSpan(start.earliest if start else OPEN_START, end.latest if end else OPEN_END,
                    text, open_start=start is None, open_end=end is None)


def _edtf_span(text: str, stripped: str) -> DateSpan:
    """``stripped`` through the ``edtf`` parser (``text`` as the user wrote it, for messages)."""
    try:
        # edtf prints its parse attempts for some bad input ('/..'): keep them off
        # stdout, where they would corrupt the command line's JSON
        with contextlib.redirect_stdout(io.StringIO()):
            parsed = edtf.parse_edtf(stripped)
    except Exception as exc:  # edtf raises several types for bad input
        raise DateError(
            f"{_shown(text)} is not an EDTF date; write e.g. '1919-07-25', '1919-07', '1919', "
            f"'1920-02/1920-03' or '1922-10/..'"
        ) from exc
    fuzzy = any(mark in stripped for mark in "~?%")
    lower_obj = getattr(parsed, "lower", parsed)
    upper_obj = getattr(parsed, "upper", parsed)
    try:
        unspecified = "X" in stripped
        earliest = _bound(lower_obj, "lower", fuzzy, unspecified)
        latest = _bound(upper_obj, "upper", fuzzy, unspecified)
    except _OutOfRangeError:
        raise DateError(f"{_shown(text)} falls outside the years 0001 to 9999, the calendar "
                        "treatylogic reckons in; for an end that is open write '..' "
                        "(e.g. '../1920')") from None
    if earliest is None and latest is None:
        raise DateError(f"{_shown(text)} is unbounded at both ends; give at least one end")
    span = DateSpan(earliest or OPEN_START, latest or OPEN_END, stripped,
                    open_start=earliest is None, open_end=latest is None, qualified=fuzzy)
    if span.earliest > span.latest:
        raise DateError(f"{_shown(text)} ends before it begins")
    return span


def today() -> DateSpan:
    """Today as an exact span (the default query date)."""
    day = dt.date.today()
    return DateSpan(day, day, day.isoformat())
