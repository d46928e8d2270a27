"""SIP6xx: progress comments."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from collections.abc import Iterable

from ..dates import day_label, parse_date
from ..findings import WARNING
from ..model import Column, Memo, Table
from .base import BLANK, FILLED, Context, FieldRule

MONTH_NAMES = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTH_NAMES.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTH_NAMES["sept"] = 9
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b"
# Words that put what follows in the future: "will be written by end July", "due in June", "next meeting May".
FUTURE_MONTH = re.compile(
    r"\b(?:will|shall|to be|is due|are due|due|planned|scheduled|expected|next|by(?: the)? end(?: of)?|by)\b"
    r"[^.;]{0,40}?\b(?:\d{1,2}(?:st|nd|rd|th)?\s+)?" + _MONTH + r"(?:\s+(\d{4}))?",
    re.I,
)
# A cheap first look, on the text in lower case: a comment that names no month cannot match FUTURE_MONTH.
MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
SELF_DATED = re.compile(r"^\s*(?:update[sd]?|progress|as at)\s*(?:\(|-|:)?\s*(?:\d{1,2}\s+)?" + _MONTH
                        + r"(?:\s+(\d{4}))?", re.I)
PLACEHOLDERS = re.compile(
    r"^\s*(?:as above|see above|same as above|ditto|to be added|to be confirmed|to follow|update to follow|tbc|tba|"
    r"tbd|n/?a|none|-+|\.+|x|\?+|comment|comments|update)\s*[.!]*\s*$", re.I)


def nearest_month(month: int, year: int | None, today: dt.date) -> dt.date:
    """The month meant by a month name: the given year, or else the occurrence nearest to today."""
    if year:
        return dt.date(year, month, 1)
    candidates = [dt.date(today.year + delta, month, 1) for delta in (-1, 0, 1)]
    return min(candidates, key=lambda d: abs((d - today.replace(day=1)).days))


def _month_end(first: dt.date) -> dt.date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def not_complete(table: Table, shown: list[int]) -> list[int]:
    """The actions among ``shown`` that are not complete (not Blue): those the comment checks and the report
    hold to account."""
    statuses = table.statuses
    return [i for i in shown if statuses[i] != "Blue"]


class MissingComment(FieldRule):
    """SIP601: No progress comment on an action that is not complete."""

    code, severity, fields, cells = "SIP601", WARNING, ("comments",), BLANK

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        return not_complete(table, shown)

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return (f"Action {table.label(i)} is not complete and has no progress comment.",
                "Say what has happened since the last review.")


class StaleComment(FieldRule):
    """SIP602: Stale comment: not changed within the staleness window."""

    code, severity, fields, cells = "SIP602", WARNING, ("comments",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        candidates = not_complete(table, shown)
        if "comment_updated" not in table.columns and not context.comment_first_seen:
            texts = column.texts  # only a comment headed with its date can say when it was written
            dated = Memo(SELF_DATED.match)
            candidates = [i for i in candidates if dated[texts[i]]]
        window = context.config.staleness_days
        return [i for i in candidates if (since := self._last_changed(table, column, i, context)[0]) is not None
                and (context.today - since).days > window]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        since, how = self._last_changed(table, column, i, context)
        return (f"The comment on {table.label(i)} has not changed since {day_label(since)} ({how}), "
                f"{(context.today - since).days} days before {context.as_of}; the window is "
                f"{context.config.staleness_days} days.", "Update the comment with this period's progress.")

    @staticmethod
    def _last_changed(table: Table, column: Column, i: int, context: Context) -> tuple[dt.date | None, str]:
        stamps = table.columns.get("comment_updated")
        stamp = stamps.entry(i) if stamps is not None else None
        if stamp is not None and not stamp.is_blank:
            date = parse_date(stamp.value)
            if date:
                return date.value, f"'{stamp.label}' column"
        if context.comment_first_seen:
            first_seen = context.comment_first_seen.get(table.comment_key(i))
            if first_seen:
                return first_seen, "comment history"
        match = SELF_DATED.match(column.texts[i])
        if match:
            month = nearest_month(MONTH_NAMES[match[1].lower()], int(match[2]) if match[2] else None, context.today)
            return _month_end(month), f"it is headed '{match[0].strip()}'"
        return None, ""


@lru_cache(maxsize=4096)  # asked twice of each comment it flags, and plans repeat short comments
def said_of_past_month(text: str, today: dt.date) -> tuple[str, dt.date] | None:
    """What a comment says of the future, and the month it names, for the first month now past at ``today``
    (what SIP603 reports, and the committee report repeats)."""
    for match in FUTURE_MONTH.finditer(text):
        month = nearest_month(MONTH_NAMES[match[1].lower()], int(match[2]) if match[2] else None, today)
        if _month_end(month) < today:
            return match[0].strip(), month
    return None


class PastFuture(FieldRule):
    """SIP603: The comment speaks of a date now past as if it were still to come."""

    code, severity, fields, cells = "SIP603", WARNING, ("comments",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        texts = column.texts
        passed = Memo(lambda text: MONTH_WORD.search(text.lower()) and said_of_past_month(text, context.today))
        return [i for i in not_complete(table, shown) if passed[texts[i]]]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        said, month = said_of_past_month(column.texts[i], context.today)
        return (f"The comment says \"{said}\", but {month:%B %Y} has passed at {context.as_of}.",
                "Say whether it happened, and if not, when it will.")


class PlaceholderComment(FieldRule):
    """SIP604: Placeholder comment such as 'As above' or 'To be added'."""

    code, severity, fields, cells = "SIP604", WARNING, ("comments",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        texts, placeholder = column.texts, Memo(PLACEHOLDERS.match)
        return [i for i in shown if placeholder[texts[i]]]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return (f"'{column.texts[i]}' is a placeholder, not a progress update; it says nothing when the rows are "
                "sorted, filtered or read in a report.", "Write the update in full.")
