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


SERIALS = [  # (serial, 1904 date system, the date Excel shows, or None)
    (42916, False, dt.date(2017, 6, 30)),
    (42916 - 1462, True, dt.date(2017, 6, 30)),
    (59, False, dt.date(1900, 2, 28)),  # before the 29 February 1900 that Excel counts but never was
    (1, False, dt.date(1900, 1, 1)),
    (0, True, dt.date(1904, 1, 1)),
    (0, False, None),
    (-1e20, False, None), (-1e20, True, None), (float("-inf"), False, None), (float("inf"), True, None),
    (float("nan"), False, None), (float("nan"), True, None), (1e20, False, None), (2958466, False, None),
    (2958465, False, dt.date(9999, 12, 31)), (2958465 - 1462, True, dt.date(9999, 12, 31)),
]


@pytest.mark.parametrize(("serial", "date1904", "expected"), SERIALS)
def test_serial_numbers_in_either_date_system(serial, date1904, expected):
    from sip_excel.dates import from_serial

    assert from_serial(serial, date1904) == expected
    parsed = parse_date(serial, None, date1904)
    assert (parsed.value if parsed else None) == expected
