"""Plan dates: parse date cells, Excel serial numbers and typed text, keeping their precision."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

Precision = Literal["day", "month"]
Source = Literal["date", "serial", "text"]

EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
EXCEL_1904_OFFSET = 1462  # days from the 1900 system's day 0 to the 1904 system's
PLAUSIBLE_YEARS = (2000, 2100)
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_name) if name})
MONTHS["sept"] = 9

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?[\s,\-]+(\d{2}|\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-/,]*(\d{2}|\d{4})$")


@dataclass(frozen=True, slots=True)
class PlanDate:
    """A date as the officer meant it.

    ``precision`` is ``"month"`` when the cell names a month (``Jun-17``,
    ``June 2017``); the officer then means the whole month, so :attr:`last_day`
    is when it falls due.  ``source`` says how it was stored: a real date cell,
    a bare Excel serial number, or text that Excel cannot sort or filter.
    """

    value: dt.date
    precision: Precision
    source: Source
    # Worked out once when made (dates are cached, so that is rarely): every rule asks for them.
    last_day: dt.date = field(init=False, compare=False, repr=False)  # when it falls due
    plausible: bool = field(init=False, compare=False, repr=False)  # False for 1900 from a bare 1, say

    def __post_init__(self) -> None:
        object.__setattr__(self, "last_day", _last_day(self.value) if self.precision == "month" else self.value)
        object.__setattr__(self, "plausible", PLAUSIBLE_YEARS[0] <= self.value.year <= PLAUSIBLE_YEARS[1])

    def __str__(self) -> str:
        return _label(self.value, self.precision)


# Plans repeat the same few dozen dates thousands of times; these caches keep big plans fast.
@lru_cache(maxsize=4096)
def _last_day(value: dt.date) -> dt.date:
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


@lru_cache(maxsize=4096)
def _label(value: dt.date, precision: Precision) -> str:
    return value.strftime("%b %Y") if precision == "month" else value.strftime("%d %b %Y").lstrip("0")


def day_label(value: dt.date) -> str:
    """A day as messages show it: '31 May 2017' (cached: plans repeat their dates)."""
    return _label(value, "day")


def format_tokens(number_format: str) -> str:
    """A number format's date/time letters, without quoted text, [colour]/[locale] parts and escapes."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())


def is_date_format(number_format: str) -> bool:
    """True for a number format that shows a date (day, month or year), not a time or a plain number."""
    code = format_tokens(number_format)
    return "d" in code or "y" in code or ("m" in code and "h" not in code and "0" not in code)


@lru_cache(maxsize=256)
def is_month_format(number_format: str | None) -> bool:
    """True for a number format that shows a month and year but no day, such as ``mmm-yy``."""
    if not number_format:
        return False
    code = format_tokens(number_format)
    return "m" in code and "y" in code and "d" not in code and "h" not in code and "s" not in code


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_text_date(text: str) -> PlanDate | None:
    """A date typed as text, in the plan's own forms and the common UK ones, or None."""
    clean = " ".join(text.strip().lower().split())
    if match := _DAY_FIRST.match(clean):
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
        value = _safe_date(year, month, day)
        return PlanDate(value, "day", "text") if value else None
    if match := _ISO.match(clean):
        value = _safe_date(int(match[1]), int(match[2]), int(match[3]))
        return PlanDate(value, "day", "text") if value else None
    if (match := _DAY_MONTH_YEAR.match(clean)) and match[2] in MONTHS:
        value = _safe_date(_year(match[3]), MONTHS[match[2]], int(match[1]))
        return PlanDate(value, "day", "text") if value else None
    if (match := _MONTH_YEAR.match(clean)) and match[1] in MONTHS:
        return PlanDate(dt.date(_year(match[2]), MONTHS[match[1]], 1), "month", "text")
    return None


def from_serial(serial: float, date1904: bool = False) -> dt.date | None:
    """The date Excel shows for a serial number, or None if out of range (-1e20, inf and NaN included).

    ``date1904``: the workbook counts days from 1 January 1904 (old Mac Excel), 1,462 days later.
    """
    if date1904:
        if not 0 <= serial < 2958466 - EXCEL_1904_OFFSET:
            return None
        return EXCEL_EPOCH_1904 + dt.timedelta(days=int(serial))
    if not 1 <= serial < 2958466:
        return None
    # Excel counts a 29 February 1900 that never was, so serials below 61 are a day later.
    return EXCEL_EPOCH + dt.timedelta(days=int(serial) + (1 if serial < 61 else 0))


def parse_date(value: Any, number_format: str | None = None, date1904: bool = False) -> PlanDate | None:
    """Parse a cell value into a :class:`PlanDate`; None when it holds no recognisable date.

    A date cell formatted as a month (``mmm-yy``) means that whole month: staff
    type ``Jun-17`` to mean "by the end of June", not "on 1 June".  ``date1904``
    reads a bare serial number in the 1904 date system (the grid says which).
    """
    try:
        return _parse_cached(value, number_format, date1904)
    except TypeError:  # a value that cannot be a cache key
        return _parse(value, number_format, date1904)


# Plans repeat their dates; typed=True keeps True and 1 (equal, and equally hashed) apart.
@lru_cache(maxsize=8192, typed=True)
def _parse_cached(value: Any, number_format: str | None, date1904: bool = False) -> PlanDate | None:
    return _parse(value, number_format, date1904)


def _parse(value: Any, number_format: str | None, date1904: bool = False) -> PlanDate | None:
    if value is None or value == "":
        return None
    month = is_month_format(number_format)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PlanDate(value, "month" if month else "day", "date")
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        date = from_serial(float(value), date1904)
        return PlanDate(date, "month" if month else "day", "serial") if date else None
    if isinstance(value, str):
        return parse_text_date(value)
    return None
