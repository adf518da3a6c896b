"""The date forms of the GGO tables, turned into EDTF faithfully (never rounded).

Each cell is classified by its *form* (the importer counts them) and converted:

====================  ======================  =====================================
form                  GGO cell                EDTF written
====================  ======================  =====================================
``day``               ``1990-10-03``          ``1990-10-03``
``month``             ``2009-11``             ``2009-11``
``year``              ``1986``                ``1986``
``range``             ``1981-09..1981-10``    ``1981-09/1981-10`` (one day in the window)
``uncertain``         ``1802-04-18?``         ``1802-04-18?``
``approximate``       ``2011-01-01~``         ``2011-01-01~``
``unspecified``       ``1964-XX-16``          ``1964-XX-16``
``open``              ``9999-12-31``          nothing: the dataset's "has not ended"
``missing``           empty                   nothing
====================  ======================  =====================================

Anything else is a :class:`BadDateError` carrying what is wrong; the importer reports
it with its file, row and column. Every EDTF text written is checked by the
engine's own parser (:func:`treatylogic.dates.parse_date`), so a written rules
folder never holds a date the loader would refuse.

>>> convert("1981-09..1981-10")
GgoDate(form='range', edtf='1981-09/1981-10')
>>> convert("9999-12-31")
GgoDate(form='open', edtf=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..dates import DateSpan, parse_date
from ..errors import DateError

__all__ = ["FORMS", "BadDateError", "GgoDate", "convert", "span"]

#: Every form a cell can take, in the order the summary lists them.
FORMS = ("day", "month", "year", "range", "uncertain", "approximate", "unspecified",
         "open", "missing")

#: The dataset's code for "not ended" (its README: 9999-12-31 means it has not).
OPEN_CODE = "9999-12-31"

_DAY = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_PART = r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
_FORMS = (
    ("day", re.compile(_DAY)),
    ("month", re.compile(r"[0-9]{4}-[0-9]{2}")),
    ("year", re.compile(r"[0-9]{4}")),
    ("range", re.compile(rf"({_PART})\.\.({_PART})")),
    ("uncertain", re.compile(rf"{_PART}\?")),
    ("approximate", re.compile(rf"{_PART}~")),
    ("unspecified", re.compile(r"[0-9]{4}-(?:[0-9]{2}|XX)-(?:[0-9]{2}|XX)")),
)


class BadDateError(ValueError):
    """A cell that is no date the importer can state faithfully; ``str()`` says why."""


@dataclass(frozen=True)
class GgoDate:
    """One converted cell: its form and its EDTF text (None for missing or open)."""

    form: str
    edtf: str | None


@cache
def convert(raw: str) -> GgoDate:
    """Classify one GGO date cell and convert it to EDTF.

    Raises
    ------
    BadDateError
        The cell matches no form, or names a day that does not exist.

    >>> convert("1802-04-18?")
    GgoDate(form='uncertain', edtf='1802-04-18?')
    >>> convert("0014-022005")
    Traceback (most recent call last):
    ...
    treatylogic.importers._dates.BadDateError: '0014-022005' is not a date in any form ...
    """
    text = raw.strip()
    if not text:
        return GgoDate("missing", None)
    if text == OPEN_CODE:
        return GgoDate("open", None)
    for form, pattern in _FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        edtf = f"{match[1]}/{match[2]}" if form == "range" else text
        if form == "unspecified" and "X" not in text:
            continue
        parts = (match[1], match[2]) if form == "range" else (edtf,)
        try:
            found = [parse_date(part) for part in parts]
        except DateError:
            raise BadDateError(f"{raw!r} names no possible day, month or year") from None
        if form == "range" and found[0].earliest > found[1].latest:
            raise BadDateError(f"{raw!r} is a range that ends before it starts")
        return GgoDate(form, edtf)
    raise BadDateError(f"{raw!r} is not a date in any form the dataset uses")


def span(edtf: str) -> DateSpan:
    """The days an EDTF text written by :func:`convert` may mean (the engine's reading)."""
    return parse_date(edtf)
