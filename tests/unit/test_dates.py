"""EDTF dates: what the parser gives, and what it must not do."""

from __future__ import annotations

import datetime as dt

import pytest

from treatylogic.dates import add_days, day_after, day_before, parse_date
from treatylogic.errors import DateError


@pytest.mark.parametrize("text", ["/..", "../", "25/07/1919", "1919-02-30"])
def test_a_bad_date_is_a_date_error_and_prints_nothing(text, capsys):
    """edtf prints its parse attempts for some bad input; none of it may reach stdout,
    where `treatylogic ... --json` writes its answer."""
    with pytest.raises(DateError):
        parse_date(text)
    assert ("", "") == tuple(capsys.readouterr())


def test_an_open_ended_interval_runs_to_the_end_of_time():
    span = parse_date("1922-10/..")
    assert (dt.date(1922, 10, 1), dt.date(9999, 12, 31)) == (span.earliest, span.latest)


@pytest.mark.parametrize(("text", "earliest", "latest"), [
    ("1922~", "1921-01-01", "1923-12-31"),
    ("1905-11-25~", "1904-10-24", "1906-12-26"),
    ("1905-11-25?", "1904-10-24", "1906-12-26"),
    ("1905-11-25%", "1903-09-23", "1908-01-27"),
    ("1920?-02", "1919-02-01", "1921-02-28"),
    ("1919-07-25/1919-08~", "1919-07-25", "1920-09-30"),
    ("9999-12-31~", "9998-11-29", "9999-12-31"),
    ("0001~", "0001-01-01", "0002-12-31"),
])
def test_a_qualified_date_is_the_window_edtf_allows(text, earliest, latest):
    """~ ? % widen each qualified part by one unit (two for %), inside the calendar."""
    span = parse_date(text)
    expected = (dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest), True)
    assert expected == (span.earliest, span.latest, span.qualified)


@pytest.mark.parametrize(("text", "earliest", "latest", "open_start", "open_end"), [
    ("0001", "0001-01-01", "0001-12-31", False, False),
    ("9999", "9999-01-01", "9999-12-31", False, False),
    ("XXXX", "0001-01-01", "9999-12-31", False, False),
    ("../1920", "0001-01-01", "1920-12-31", True, False),
    ("[..1919]", "0001-01-01", "1919-12-31", True, False),
    ("[1919..]", "1919-01-01", "9999-12-31", False, True),
    ("1922-10/..", "1922-10-01", "9999-12-31", False, True),
    ("[1919,1921..1923]", "1919-01-01", "1923-12-31", False, False),
    ("{1919,1920}", "1919-01-01", "1920-12-31", False, False),
])
def test_extreme_and_open_dates_are_read_faithfully(text, earliest, latest, open_start,
                                                    open_end):
    """Calendar edges, open ends, unspecified years and sets give the span they denote."""
    span = parse_date(text)
    expected = (dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest), open_start,
                open_end)
    assert expected == (span.earliest, span.latest, span.open_start, span.open_end)


@pytest.mark.parametrize("text", ["0000", "-0001", "Y20000"])
def test_a_year_outside_the_calendar_is_refused_by_name(text):
    """Years before 0001 or after 9999 are refused, saying so (not 'unbounded')."""
    with pytest.raises(DateError) as caught:
        parse_date(text)
    expected = f"{text!r} falls outside the years 0001 to 9999"
    assert expected == str(caught.value)[: len(expected)]


def test_a_set_of_a_thousand_members_is_read_member_by_member():
    """A 1,000-member set gives the same span as its first and last member."""
    text = "[" + ",".join(str(1000 + i) for i in range(1000)) + "]"
    span = parse_date(text)
    assert (dt.date(1000, 1, 1), dt.date(1999, 12, 31)) == (span.earliest, span.latest)


def test_day_arithmetic_stays_inside_the_calendar():
    """add_days, day_before and day_after clamp at 0001-01-01 and 9999-12-31."""
    expected = [dt.date.max, dt.date.min, dt.date.min, dt.date.max, dt.date(1920, 1, 2)]
    actual = [day_after(dt.date.max), day_before(dt.date.min), add_days(dt.date(5, 1, 1), -10**6),
              add_days(dt.date(5, 1, 1), 10**7), add_days(dt.date(1920, 1, 1), 1)]
    assert expected == actual


def test_a_long_bad_date_is_cut_short_in_the_message():
    """A date of 100,000 characters is echoed in at most a few dozen."""
    with pytest.raises(DateError) as caught:
        parse_date("1" * 100_000)
    assert len(str(caught.value)) < 200
