"""Date parsing: every form the plans use, with its precision and where it came from."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.dates import is_month_format, parse_date

D = dt.date
CASES = [
    # value, number format, expected (date, precision, source) or None
    (dt.datetime(2017, 6, 1), "mmm-yy", (D(2017, 6, 1), "month", "date")),
    (dt.datetime(2017, 6, 1), "dd/mm/yyyy", (D(2017, 6, 1), "day", "date")),
    (D(2017, 6, 15), None, (D(2017, 6, 15), "day", "date")),
    (42887, "mmm-yy", (D(2017, 6, 1), "month", "serial")),
    (42887.0, None, (D(2017, 6, 1), "day", "serial")),
    (1, None, (D(1900, 1, 1), "day", "serial")),
    ("April 2017", None, (D(2017, 4, 1), "month", "text")),
    ("April. 2017", None, (D(2017, 4, 1), "month", "text")),
    ("Jun-2017", None, (D(2017, 6, 1), "month", "text")),
    ("Dec 17", None, (D(2017, 12, 1), "month", "text")),
    ("Dec-17", None, (D(2017, 12, 1), "month", "text")),
    ("December 2017", None, (D(2017, 12, 1), "month", "text")),
    ("Sept 2017", None, (D(2017, 9, 1), "month", "text")),
    ("31/12/2017", None, (D(2017, 12, 31), "day", "text")),
    ("31.12.17", None, (D(2017, 12, 31), "day", "text")),
    ("31 Dec 2017", None, (D(2017, 12, 31), "day", "text")),
    ("1st December 2017", None, (D(2017, 12, 1), "day", "text")),
    ("2017-12-31", None, (D(2017, 12, 31), "day", "text")),
    ("31/02/2017", None, None),
    ("ongoing", None, None),
    ("e Sep-16", None, None),
    ("", None, None),
    (None, None, None),
    (True, None, None),
]


@pytest.mark.parametrize(("value", "number_format", "expected"), CASES, ids=[repr(c[0]) for c in CASES])
def test_parse_date(value, number_format, expected):
    parsed = parse_date(value, number_format)
    assert (None if parsed is None else (parsed.value, parsed.precision, parsed.source)) == expected


@pytest.mark.parametrize(("value", "due"), [("Jun-17", D(2017, 6, 30)), ("Feb 2016", D(2016, 2, 29)),
                                            ("15/06/2017", D(2017, 6, 15))])
def test_a_month_falls_due_on_its_last_day(value, due):
    assert parse_date(value).last_day == due


@pytest.mark.parametrize(("code", "month"), [("mmm-yy", True), ("mmmm yyyy", True), ('[$-809]mmm\\-yy;@', True),
                                             ("dd/mm/yyyy", False), ("d-mmm-yy", False), ("General", False),
                                             ("h:mm", False), ("0.00", False)])
def test_month_formats(code, month):
    assert is_month_format(code) is month
