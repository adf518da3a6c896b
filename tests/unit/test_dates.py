"""EDTF dates: what the parser gives, and what it must not do."""

from __future__ import annotations

import datetime as dt

import pytest

from treatylogic.dates import parse_date
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
