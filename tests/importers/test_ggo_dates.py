"""Every date form of the GGO tables converts to EDTF without rounding."""

from __future__ import annotations

import pytest

from treatylogic.dates import parse_date
from treatylogic.importers._dates import BadDateError, GgoDate, convert


@pytest.mark.parametrize(("raw", "expected"), [
    ("1990-10-03", GgoDate("day", "1990-10-03")),
    ("2009-11", GgoDate("month", "2009-11")),
    ("1986", GgoDate("year", "1986")),
    ("1981-09..1981-10", GgoDate("range", "1981-09/1981-10")),
    ("1802-04-18?", GgoDate("uncertain", "1802-04-18?")),
    ("2011-01-01~", GgoDate("approximate", "2011-01-01~")),
    ("1964-XX-16", GgoDate("unspecified", "1964-XX-16")),
    ("9999-12-31", GgoDate("open", None)),
    ("", GgoDate("missing", None)),
    ("  ", GgoDate("missing", None)),
])
def test_each_form_converts(raw, expected):
    """Each form the dataset uses maps to its EDTF text (or to nothing when open or empty)."""
    assert expected == convert(raw)


@pytest.mark.parametrize(("raw", "first", "last"), [
    ("2009-11", "2009-11-01", "2009-11-30"),
    ("1986", "1986-01-01", "1986-12-31"),
    ("1981-09..1981-10", "1981-09-01", "1981-10-31"),
    ("1964-XX-16", "1964-01-16", "1964-12-16"),
])
def test_coarse_dates_keep_their_whole_span(raw, first, last):
    """A month, year, range or unspecified month is not rounded to a day: its span is kept."""
    found = parse_date(convert(raw).edtf)
    assert (first, last) == (found.earliest.isoformat(), found.latest.isoformat())


@pytest.mark.parametrize(("raw", "message"), [
    ("2010-XX-XX-", "'2010-XX-XX-' is not a date in any form the dataset uses"),
    ("0014-022005", "'0014-022005' is not a date in any form the dataset uses"),
    ("1976-06-31", "'1976-06-31' names no possible day, month or year"),
    ("2020-99-99", "'2020-99-99' names no possible day, month or year"),
    ("1981-10..1981-09", "'1981-10..1981-09' is a range that ends before it starts"),
])
def test_bad_cells_say_what_is_wrong(raw, message):
    """The cells of the real data that are no date raise BadDateError with the cell quoted."""
    with pytest.raises(BadDateError) as caught:
        convert(raw)
    assert message == str(caught.value)
