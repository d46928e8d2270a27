"""What Validate leaves on the plan: the severity grid behind the highlights, the tool's notes, and its own sheets.

- ``_sip_marks`` (hidden): a grid the size of the plan holding each finding's
  severity. Conditional formatting on the plan sheet, installed once, colours a
  cell from that grid. Staff fills are never changed, so nothing needs restoring,
  and clearing the grid clears every highlight exactly.
- Notes: the messages go into a cell's note only where the cell has no note of its
  own; the tool deletes exactly the notes it added, on the next run or on Clear marks.
- ``_sip_history`` (hidden): see :class:`sip_excel.history.History`.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from ..findings import ERROR, INFO, WARNING
from ..grid import parse_cell_name
from ..history import HISTORY_SHEET, History, fingerprint
from ..model import Plan
from .host import HIDDEN_SHEETS, HIGHLIGHTS, NOTES, Host
from .live import MARKS_SHEET, find_sheet
from .text import cell_text

log = logging.getLogger(__name__)

SEVERITY_LEVEL = {ERROR: 3, WARNING: 2, INFO: 1}
MARK_COLOURS = {3: "#FFC7CE", 2: "#FFEB9C", 1: "#DDEBF7"}  # Excel's own "bad" / "neutral" / light blue fills
MARKED_COLUMNS = "A:AZ"
NOTES_MACRO = "SipExcel.ApplyNotes"  # the desktop route's one call for all of a click's notes
NOTE_PREFIX = "sip-excel:"  # every note the tool writes starts with this, and only those are ever deleted


def owned_sheet(book: Any, name: str, host: Host, hidden: bool = False) -> Any:
    """The tool's own sheet, created at the end of the book if missing, and cleared. ``hidden`` where the host
    can hide sheets; elsewhere the sheet stays in sight, and its name says it is the tool's."""
    sheet = find_sheet(book, name)
    if sheet is None:
        sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
        if hidden and HIDDEN_SHEETS in host.features:
            sheet.visible = False
    else:
        sheet.clear()
    return sheet


def clear_marks(book: Any, history: History, host: Host, keep: dict[str, str] | None = None) -> list[str]:
    """Clear the severity grid and forget the notes the tool added, except those in ``keep`` (cell ->
    fingerprint) that would be written again unchanged. Returns the cells whose notes are to be deleted.
    A host that cannot delete notes forgets none: a later click on a route that can still finds them."""
    marks = find_sheet(book, MARKS_SHEET)
    if marks is not None:
        marks.clear_contents()
    return forget_notes(history, host, keep)


def forget_notes(history: History, host: Host, keep: dict[str, str] | None = None) -> list[str]:
    """Forget the notes the tool added, except those in ``keep``; the cells whose notes are to be deleted."""
    if NOTES not in host.features:
        return []
    keep = keep or {}
    remove = [address for address, written in history.notes.items() if keep.get(address) != written]
    for address in remove:
        del history.notes[address]
    return remove


def notes_one_by_one(sheet: Any, remove: list[str], add: dict[str, str], history: History) -> None:
    """What ApplyNotes does, from Python: one call per note."""
    for address in remove:
        note = sheet[address].note
        if note is not None and written_by_tool(note):
            note.delete()
    for address, text in add.items():
        note = sheet[address].note
        if note is not None and written_by_tool(note, unreadable=False):
            note.delete()  # the tool's own note, moved here when the rows were sorted: replace it
            note = None
        if note is None:
            sheet[address].add_note(text)
        else:
            del history.notes[address]  # the staff's own note stays, and is not the tool's to delete


def written_by_tool(note: Any, unreadable: bool = True) -> bool:
    """True for a note the tool wrote. ``unreadable`` is the answer for an engine that cannot read a note's
    text: yes where the history says the tool wrote it, no where the history knows nothing of it."""
    try:
        return note.text.startswith(NOTE_PREFIX)
    except NotImplementedError:
        return unreadable


def mark_cells(book: Any, plan_sheet: Any, plan: Plan, report: Any, history: History, host: Host) -> None:
    """Severity grid in _sip_marks (one write), conditional formats once, and notes where the cell has none,
    each where the host can: the Validation sheet carries every message either way."""
    levels: dict[tuple[int, int], int] = {}
    messages: dict[str, list[str]] = {}
    for finding in report.findings:
        row, column = parse_cell_name(finding.cell)
        levels[(row, column)] = max(levels.get((row, column), 0), SEVERITY_LEVEL[finding.severity])
        messages.setdefault(finding.cell, []).append(f"{finding.code} {finding.message}")
    texts = {cell: cell_text(NOTE_PREFIX + "\n" + "\n".join(lines)) for cell, lines in messages.items()}
    if NOTES not in host.features:
        texts = {}
    keep = {cell: fingerprint(text) for cell, text in texts.items()}
    if HIGHLIGHTS in host.features:  # the severity grid is cleared as it is written again
        remove = forget_notes(history, host, keep)
        _highlight(book, plan_sheet, levels, history, host)
    else:
        remove = clear_marks(book, history, host, keep)
    # A cell with a note of the staff's own keeps it (the Validation sheet carries the message); the macro
    # checks that in Excel, and deletes only notes that start with NOTE_PREFIX, so a staff note is never lost.
    add = {cell: text for cell, text in texts.items() if cell not in history.notes}
    for cell, text in add.items():
        history.notes[cell] = fingerprint(text)
    host.apply_notes(plan_sheet, remove, add, history)


def _highlight(book: Any, plan_sheet: Any, levels: dict[tuple[int, int], int], history: History,
               host: Host) -> None:
    if find_sheet(book, MARKS_SHEET) is None:
        history.marks_installed = False  # the colour rules of a deleted marks sheet point nowhere: add them again
    marks = owned_sheet(book, MARKS_SHEET, host, hidden=True)
    if levels:
        height = max(r for r, _ in levels) + 1
        width = max(c for _, c in levels) + 1
        grid = [[levels.get((r, c)) for c in range(width)] for r in range(height)]
        marks["A1"].value = grid
    if not history.marks_installed:
        target = plan_sheet[MARKED_COLUMNS]
        for level, colour in MARK_COLOURS.items():
            target.conditional_formats.add_custom(f"='{MARKS_SHEET}'!A1={level}", fill_color=colour)
        history.marks_installed = True


def write_history(book: Any, history: History, host: Host) -> None:
    sheet = owned_sheet(book, HISTORY_SHEET, host, hidden=True)
    sheet["A1"].value = history.rows()


def write_stamps(sheet: Any, stamps: list[tuple[int, int, dt.date]]) -> None:
    """The "Comment updated" stamps, one write per run of rows in a column: a run goes over blank cells and
    earlier stamps (dates), and stops at anything else a person put there (text, a number, what a formula
    shows), which is never written back, so it can neither lose a formula nor turn text like '=x' into one."""
    by_column: dict[int, dict[int, dt.date]] = {}
    for row, column, date in stamps:
        by_column.setdefault(column, {})[row] = date
    for column, dates in by_column.items():
        first, last = min(dates), max(dates)
        current = [row[0] for row in sheet.range((first + 1, column + 1), (last + 1, column + 1))
                   .options(ndim=2).value]
        start = None
        for i in range(len(current) + 1):
            if i < len(current) and (first + i in dates or current[i] is None or isinstance(current[i], dt.date)):
                start = i if start is None else start
                continue
            stamped = [k for k in range(start, i) if first + k in dates] if start is not None else []
            if stamped:  # the run start..i, written from its first stamp to its last
                sheet.range((first + stamped[0] + 1, column + 1)).value = [
                    [dates.get(first + k, current[k])] for k in range(stamped[0], stamped[-1] + 1)]
            start = None