"""Dates typed on the command line: both forms read, and each mistake named in words."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.typed_dates import parse_typed_date

READ = [
    ("31/08/2017", dt.date(2017, 8, 31)), ("2017-08-31", dt.date(2017, 8, 31)), ("1/9/2017", dt.date(2017, 9, 1)),
    ("31.08.2017", dt.date(2017, 8, 31)), (" 2017-8-1 ", dt.date(2017, 8, 1)), ("29/02/2016", dt.date(2016, 2, 29)),
    ("2000-01-01", dt.date(2000, 1, 1)), ("31/12/2100", dt.date(2100, 12, 31)),
]


@pytest.mark.parametrize(("text", "date"), READ, ids=[t for t, _ in READ])
def test_both_forms_are_read(text, date):
    assert parse_typed_date(text) == date


REFUSED = [
    ("2017-02-30", "February 2017 has no 30th"),
    ("29/02/2017", "February 2017 has no 29th"),
    ("31/04/2018", "April 2018 has no 31st"),
    ("2017-06-00", "June 2017 has no 0th"),
    ("32/06/2017", "June 2017 has no 32nd"),
    ("08/31/2017", "there is no month 31"),
    ("9999-12-31", "not in the years 2000 to 2100"),
    ("0001-01-01", "not in the years 2000 to 2100"),
    ("31/12/1999", "not in the years 2000 to 2100"),
    ("31/08/17", "is not a date"),
    ("tomorrow", "is not a date"),
    ("", "is not a date"),
]


@pytest.mark.parametrize(("text", "says"), REFUSED, ids=[t or "empty" for t, _ in REFUSED])
def test_mistakes_are_named(text, says):
    with pytest.raises(ValueError, match=says):
        parse_typed_date(text)
