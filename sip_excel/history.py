"""Comment history: a fingerprint of each action's comment and the date it was first seen.

The Excel button keeps it in the hidden ``_sip_history`` sheet; the command line
reads it from a saved workbook, so SIP602 sees the same dates either way.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .config import HISTORY_SHEET  # noqa: F401 (re-exported: where the history is kept)
from .grid import as_text
from .model import Plan

HISTORY_HEADER = ["Priority", "Action key", "Comment fingerprint", "First seen", "", "Notes added by sip-excel",
                  "Note fingerprint", "", "Marks rules installed", "Status colours on"]
WIDTH = len(HISTORY_HEADER)
CommentKey = tuple[Any, str]


def fingerprint(text: str) -> str:
    """A short, stable digest of a text, blind to spacing changes."""
    import hashlib  # only the Excel path and a workbook with history need it; every CLI run starts afresh

    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


class History:
    """What the tool has done to the workbook, kept in _sip_history: comment fingerprints and first-seen dates,
    the notes it added, and where it has installed its colour rules (so that it never adds them twice)."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.first_seen: dict[tuple[Any, str], tuple[str, dt.date]] = {}
        self.notes: dict[str, str] = {}  # cell -> fingerprint of the note text the tool wrote there
        self.coloured: set[str] = set()  # ranges of the plan sheet given the BRAG status colours
        for row in rows[1:]:
            row = list(row) + [None] * WIDTH
            if row[1] not in (None, "") and row[2]:
                seen = row[3]
                seen = seen.date() if isinstance(seen, dt.datetime) else seen
                if isinstance(seen, dt.date):
                    self.first_seen[(_priority_key(row[0]), str(row[1]))] = (str(row[2]), seen)
            if row[5]:
                self.notes[str(row[5])] = str(row[6] or "")
            if row[9]:
                self.coloured.add(str(row[9]))
        self.marks_installed = len(rows) > 1 and len(rows[1]) > 8 and bool(rows[1][8])

    def rows(self) -> list[list[Any]]:
        history = sorted(self.first_seen.items(), key=lambda item: (str(item[0][0]), item[0][1]))
        notes = sorted(self.notes.items())
        coloured = sorted(self.coloured)
        height = max(len(history), len(notes), len(coloured), 1)
        rows = [list(HISTORY_HEADER)]
        for i in range(height):
            entry = history[i] if i < len(history) else None
            note = notes[i] if i < len(notes) else (None, None)
            rows.append([
                entry[0][0] if entry else None, as_text(entry[0][1]) if entry else None,
                entry[1][0] if entry else None, entry[1][1] if entry else None, None, note[0], note[1], None,
                ("yes" if self.marks_installed else None) if i == 0 else None,
                coloured[i] if i < len(coloured) else None,
            ])
        return rows

    def record(self, plan: Plan, today: dt.date) -> list[tuple[int, int, dt.date]]:
        """Take in the plan's comments as seen ``today``: a comment unchanged keeps the date it was first seen,
        a new or changed one is first seen today. Returns (row, column, date) for the "Comment updated" cells
        that should now say today (a comment that changed and is not empty, where the plan has that column)."""
        stamps = []
        seen: dict[CommentKey, tuple[str, dt.date]] = {}
        table = plan.table
        comments, stamp_cells = table.texts("comments"), table.columns.get("comment_updated")
        for i in range(len(table)):
            key = table.comment_key(i)
            comment = fingerprint(comments[i])
            previous = self.first_seen.get(key)
            first_seen = previous[1] if previous and previous[0] == comment else today
            seen[key] = (comment, first_seen)
            stamp = stamp_cells.entry(i) if stamp_cells is not None else None
            if stamp is not None and (previous is None or previous[0] != comment) and comments[i]:
                current = stamp.value.date() if isinstance(stamp.value, dt.datetime) else stamp.value
                if current != today:
                    stamps.append((stamp.row, stamp.column, today))
        self.first_seen = seen
        return stamps

    def first_seen_for(self, plan: Plan) -> dict[CommentKey, dt.date]:
        """When each action's current comment was first seen; a comment changed since the history was
        written has no date yet."""
        dates = {}
        table = plan.table
        comments = table.texts("comments")
        for i in range(len(table)):
            key = table.comment_key(i)
            recorded = self.first_seen.get(key)
            if recorded and recorded[0] == fingerprint(comments[i]):
                dates[key] = recorded[1]
        return dates


def see_stamps(plan: Plan, stamps: list[tuple[int, int, dt.date]]) -> None:
    """Let the plan in memory see the "Comment updated" dates (History.record's stamps) the sheet is about
    to hold, so that the checks judge the plan as it will be."""
    if not stamps:
        return
    stamped = {row: date for row, _, date in stamps}
    column = plan.table.columns["comment_updated"]
    for i, row in enumerate(column.rows):
        if column.columns[i] >= 0 and row in stamped:
            plan.set_value(i, "comment_updated", stamped[row])


def _priority_key(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
