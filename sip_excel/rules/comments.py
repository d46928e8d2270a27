"""SIP6xx: progress comments."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ..dates import day_label, parse_date
from ..findings import WARNING, Finding
from ..history import comment_key
from ..model import Action, Entry, Plan
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


class MissingComment(FieldRule):
    """SIP601: No progress comment on an action that is not complete."""

    code, severity, fields, cells = "SIP601", WARNING, ("comments",), BLANK

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if action.is_complete:
            return None
        return self.at(plan, entry, f"Action {action.label} is not complete and has no progress comment.",
                       action=action, suggestion="Say what has happened since the last review.")


class StaleComment(FieldRule):
    """SIP602: Stale comment: not changed within the staleness window."""

    code, severity, fields, cells = "SIP602", WARNING, ("comments",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if action.is_complete:
            return None
        since, how = self._last_changed(action, entry, context)
        if since is None:
            return None
        age = (context.today - since).days
        if age <= context.config.staleness_days:
            return None
        return self.at(plan, entry, f"The comment on {action.label} has not changed since {day_label(since)} "
                       f"({how}), {age} days before {context.as_of}; the window is "
                       f"{context.config.staleness_days} days.", action=action,
                       suggestion="Update the comment with this period's progress.")

    @staticmethod
    def _last_changed(action: Action, entry: Entry, context: Context) -> tuple[dt.date | None, str]:
        stamp = action.entry("comment_updated")
        if stamp is not None and not stamp.is_blank:
            date = parse_date(stamp.value)
            if date:
                return date.value, f"'{stamp.label}' column"
        first_seen = context.comment_first_seen.get(comment_key(action)) if context.comment_first_seen else None
        if first_seen:
            return first_seen, "comment history"
        match = SELF_DATED.match(entry.text)
        if match:
            month = nearest_month(MONTH_NAMES[match[1].lower()], int(match[2]) if match[2] else None, context.today)
            return _month_end(month), f"it is headed '{match[0].strip()}'"
        return None, ""


class PastFuture(FieldRule):
    """SIP603: The comment speaks of a date now past as if it were still to come."""

    code, severity, fields, cells = "SIP603", WARNING, ("comments",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if action.is_complete:
            return None
        for match in FUTURE_MONTH.finditer(entry.text):
            month = nearest_month(MONTH_NAMES[match[1].lower()], int(match[2]) if match[2] else None, context.today)
            if _month_end(month) < context.today:
                return self.at(plan, entry, f"The comment says \"{match[0].strip()}\", but {month:%B %Y} has "
                               f"passed at {context.as_of}.", action=action,
                               suggestion="Say whether it happened, and if not, when it will.")
        return None


class PlaceholderComment(FieldRule):
    """SIP604: Placeholder comment such as 'As above' or 'To be added'."""

    code, severity, fields, cells = "SIP604", WARNING, ("comments",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if not PLACEHOLDERS.match(entry.text):
            return None
        return self.at(plan, entry, f"'{entry.text}' is a placeholder, not a progress update; it says nothing "
                       "when the rows are sorted, filtered or read in a report.", action=action,
                       suggestion="Write the update in full.")
