"""Dates a person types on the command line: 31/08/2017 (the UK form) or 2017-08-31, with what is wrong named."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .dates import PLAUSIBLE_YEARS

_UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_typed_date(text: str) -> dt.date:
    """The date meant, or ValueError saying in words what is wrong (no 30 February, no month 31, year 9999)."""
    if match := _ISO_DATE.fullmatch(text.strip()):
        year, month, day = map(int, match.groups())
    elif match := _UK_DATE.fullmatch(text.strip()):
        day, month, year = map(int, match.groups())
    else:
        raise ValueError(f"'{text}' is not a date. Type it as 31/08/2017 or 2017-08-31")
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}': there is no month {month}. Type the day first, as in 31/08/2017, or the "
                         "year first, as in 2017-08-31")
    # Plan dates outside these years are implausible (SIP302), and a year either side of the as-of date
    # must still be on the calendar: 9999-12-31 would overflow the first sum.
    first, last = PLAUSIBLE_YEARS
    if not first <= year <= last:
        raise ValueError(f"'{text}' is not in the years {first} to {last} that a plan's dates are read in. "
                         "Check the year")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"'{text}': {calendar.month_name[month]} {year} has no {_ordinal(day)}")
    return dt.date(year, month, day)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
