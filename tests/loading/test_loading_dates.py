"""Plain intervals are read without the EDTF parser, to the same span (issue 14: load)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatylogic.dates import _edtf_span, _plain_interval, parse_date
from treatylogic.errors import DateError

_DAYS = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))


def _written(day: dt.date, precision: int) -> str:
    return day.isoformat()[: (4, 7, 10)[precision]]


@settings(max_examples=150, deadline=None)
@given(_DAYS, _DAYS, st.integers(0, 2), st.integers(0, 2),
       st.sampled_from(["both", "open end", "open start"]))
def test_a_plain_interval_is_the_span_the_edtf_parser_gives(a, b, pa, pb, shape):
    """An interval of plain dates (or one and '..') gives what edtf gives, or its error."""
    first, last = _written(min(a, b), pa), _written(max(a, b), pb)
    text = {"both": f"{first}/{last}", "open end": f"{first}/..",
            "open start": f"../{last}"}[shape]
    try:
        expected = _edtf_span(text, text)
    except DateError as exc:
        expected = str(exc)
    try:
        actual = parse_date.__wrapped__(text)
    except DateError as exc:
        actual = str(exc)
    assert expected == actual
    if not isinstance(expected, str):
        assert (expected.open_start, expected.open_end, expected.qualified) == \
            (actual.open_start, actual.open_end, actual.qualified)


@pytest.mark.parametrize("text", ["1922-10/", "1923/1922", "1922-02-30/1922-03-01",
                                  "1922~/1923", "1922 / 1923", "../..", "1920/1921/1922",
                                  "0999/1000", "1922-10-31/1922-10-01"])
def test_anything_but_a_plain_interval_is_left_to_the_parser(text):
    """Qualified, malformed, reversed or impossible intervals are not read by the fast path."""
    assert None is _plain_interval(text)
