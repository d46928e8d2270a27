"""The one sentence builder: counts, verbs, lists and dates in the plain English committee papers use."""
from __future__ import annotations

import datetime as dt
import re

from ..dates import PlanDate

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Characters Word cannot hold (XML 1.0 forbids them); a pasted plan can carry them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACE_BEFORE = re.compile(r" ([,;:.])(?=\s|$)")  # "Leadership , Management" as typed


def number(n: int, zero: str = "no") -> str:
    """Numbers under ten in words, as the seeds write them ("two points at amber"); 10 and up in figures."""
    if n == 0:
        return zero
    return WORDS[n] if 0 < n < len(WORDS) else f"{n:,}"


def plural(n: int, noun: str, many: str | None = None) -> str:
    """The noun for n of them: 'action' for one, 'actions' otherwise (or the plural given)."""
    return noun if n == 1 else (many or noun + "s")


def count(n: int, noun: str, many: str | None = None, zero: str = "no") -> str:
    """'no actions', 'one action', 'two actions', '12 actions'."""
    return f"{number(n, zero)} {plural(n, noun, many)}"


def verb(n: int, one: str, many: str) -> str:
    """The verb that agrees with n: verb(1, 'is', 'are') -> 'is'."""
    return one if n == 1 else many


def join(parts: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (empty parts left out)."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def capital(text: str) -> str:
    """The text with its first letter in capitals ('no actions' -> 'No actions')."""
    return text[:1].upper() + text[1:]


def long_date(day: dt.date | None) -> str:
    """'1 September 2017': the day without a leading zero, as the seeds write it."""
    return f"{day.day} {day:%B %Y}" if day else ""


def month_year(day: dt.date | None) -> str:
    """'June 2017': the one style plan dates take in the report's sentences."""
    return f"{day:%B %Y}" if day else ""


def plan_date(date: PlanDate | None, shown: str) -> str:
    """A plan date as the report prints it: 'June 2017' for a month, '7 September 2017' for a day, and the
    cell as the plan shows it when the date is not a real one (a bare 1 is not 1 January 1900)."""
    if date is None or not date.plausible:
        return clean(shown)
    return month_year(date.value) if date.precision == "month" else long_date(date.value)


def clean(text: str) -> str:
    """Plan text made safe to print: one line, single spaces, no control characters."""
    return _SPACE_BEFORE.sub(r"\1", " ".join(_CONTROL.sub(" ", text).split()))


def as_sentence(text: str) -> str:
    """Plan text as one sentence: a capital first letter and one full stop (or its own ? or !) at the end."""
    text = clean(text).rstrip(" ,;:-–")
    if not text:
        return ""
    text = capital(text)
    return text if text.endswith((".", "?", "!")) else text + "."


def without_stop(text: str) -> str:
    """A sentence without its final full stop, so that a bracket or clause can follow it."""
    text = as_sentence(text)
    return text[:-1] if text.endswith(".") else text
