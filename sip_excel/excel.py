"""The Excel buttons: thin adapters between a live workbook (through xlwings) and the library.

Each entry point takes an optional xlwings ``Book`` (``xw.Book.caller()`` when
RunPython calls it), reads what it needs in a few bulk reads, calls the same
library functions as the command line, and writes back in a few grouped writes.
No rule logic lives here.

What the tool writes, and how it stays out of the staff's way:
- ``Validation``: a sheet the tool owns, rebuilt on every run.
- ``_sip_marks`` (hidden): a grid the size of the plan holding each finding's
  severity. Conditional formatting on the plan sheet, installed once, colours a
  cell from that grid. Staff fills are never changed, so nothing needs restoring,
  and clearing the grid clears every highlight exactly.
- ``_sip_history`` (hidden): comment fingerprints and when each was first seen,
  the cells whose notes the tool added, and where its colour rules are installed
  (so that a second Validate or Set up never adds them again).
- Notes: the messages go into a cell's note only where the cell has no note of its
  own; the tool deletes exactly the notes it added, on the next run or on
  ``clear_marks``. All of a click's notes go in one call to the workbook's
  ``ApplyNotes`` macro, because Excel adds notes one cell at a time.
- The plan sheet's "Comment updated" column, where the plan has one: the date a
  comment was first seen changed.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from .config import SETTINGS_SHEET, Config
from .errors import SipError
from .findings import ERROR, INFO, WARNING
from .grid import Grid, Position, as_text, cell_name, column_letter, parse_cell_name
from .history import HISTORY_SHEET, History, fingerprint
from .model import Plan

log = logging.getLogger(__name__)

VALIDATION_SHEET = "Validation"
MARKS_SHEET = "_sip_marks"
TITLE = "sip-excel"
SEVERITY_LEVEL = {ERROR: 3, WARNING: 2, INFO: 1}
MARK_COLOURS = {3: "#FFC7CE", 2: "#FFEB9C", 1: "#DDEBF7"}  # Excel's own "bad" / "neutral" / light blue fills
MARKED_COLUMNS = "A:AZ"
VALIDATION_HEADER = ["Go to", "Severity", "Code", "Message", "Ref", "Priority", "Column", "Suggestion"]
NOTES_MACRO = "SipExcel.ApplyNotes"
# The buttons Set up workbook adds (caption, macro in macros/SipExcel.bas), and their size in points.
BUTTONS = (("Validate", "ValidatePlan"), ("Build report", "BuildReport"), ("Clear marks", "ClearMarks"),
           ("Set up workbook", "SetUpWorkbook"))
BUTTON_SIZE = (110, 24, 6)  # width, height, gap
NOTE_PREFIX = "sip-excel:"  # every note the tool writes starts with this, and only those are ever deleted
BRAG_FILLS = {"Blue": "#9DC3E6", "Red": "#F4B6B5", "Amber": "#FFD966", "Green": "#C5E0B3"}

F = TypeVar("F", bound=Callable[..., Any])


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# ---------------------------------------------------------------- errors a person can act on

def log_path() -> Path:
    """Where full tracebacks go: %LOCALAPPDATA%\\sip-excel\\sip-excel.log on Windows (SIP_EXCEL_LOG overrides)."""
    if os.environ.get("SIP_EXCEL_LOG"):
        return Path(os.environ["SIP_EXCEL_LOG"])
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or tempfile.gettempdir()
    return Path(base) / "sip-excel" / "sip-excel.log"


def _alert(book: Any, message: str, mode: str = "info") -> None:
    try:
        book.app.alert(message, title=TITLE, buttons="ok", mode=mode)
    except Exception:  # no Excel to show it in: the log has it
        log.warning("%s", message)


def button(function: F) -> F:
    """Wrap an entry point: find the calling book, and turn any failure into a plain-English message box."""

    @functools.wraps(function)
    def wrapper(book: Any = None, *args: Any, **kwargs: Any) -> Any:
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        try:
            return function(book, *args, **kwargs)
        except Exception as error:
            path = log_path()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n{dt.datetime.now():%Y-%m-%d %H:%M:%S} {function.__name__}\n")
                    handle.write(traceback.format_exc())
            except OSError:
                pass
            if isinstance(error, SipError):
                message = f"{error}\n\nNothing in the plan was changed. Details: {path}"
            else:
                message = (f"Something went wrong ({type(error).__name__}: {error}). The plan's entries are "
                           "safe: the tool writes only its own sheets, highlights and notes (Clear marks removes "
                           "them) and, last of all, 'Comment updated' dates. Try again; if it happens again, "
                           f"send the file {path} to whoever supports sip-excel.")
            _alert(book, message, mode="critical")
            return None

    return wrapper  # type: ignore[return-value]


# ---------------------------------------------------------------- reading the live workbook

def _sheet(book: Any, name: str) -> Any | None:
    return next((sheet for sheet in book.sheets if sheet.name == name), None)


# What Excel shows for a cell whose formula failed; xlwings reads them as None unless asked for the text.
ERROR_VALUES = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!",
                          "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA"})


def read_grid(sheet: Any) -> Grid:
    """A sheet's live values in one bulk read, anchored at A1; number formats are read when the reader asks.
    Excel error values are read as their text (#REF!) and listed, so that they are findings, not blanks."""
    used = sheet.used_range
    values = used.options(ndim=2, empty=None, err_to_str=True).value or [[]]
    top, left = used.row - 1, used.column - 1
    rows: list[list[Any]] = [[] for _ in range(top)]
    rows += [[None] * left + list(row) for row in values]
    errors = {(r, c): value for r, row in enumerate(rows) for c, value in enumerate(row)
              if type(value) is str and value in ERROR_VALUES}
    return Grid(sheet=sheet.name, rows=rows, number_formats=LiveFormats(sheet, rows), errors=errors,
                formulas=LiveFormulas(used, rows))


class LiveFormats(Mapping[Position, str]):
    """The number formats of a live sheet's date cells, for telling a month ('Apr-17') from a day.

    Read from Excel one column at a time, the first time the reader asks about a date in that column:
    one call for the column's span of date cells. So only the columns the plan's header rows name as
    dates (with the workbook's own column aliases) cost a call. Where Excel cannot give one format
    (mixed formats in the span, or an engine that cannot read formats), a date on the 1st of a month is
    taken as that month, which is how staff type months.
    """

    def __init__(self, sheet: Any, rows: list[list[Any]]) -> None:
        self.sheet, self.rows = sheet, rows
        self._columns: dict[int, dict[int, str]] = {}  # column -> {row: format} for its date cells

    def __getitem__(self, position: Position) -> str:
        row, column = position
        if column not in self._columns:
            self._columns[column] = self._read_column(column)
        return self._columns[column][row]

    def __iter__(self) -> Iterator[Position]:
        return ((row, column) for column, formats in self._columns.items() for row in formats)

    def __len__(self) -> int:
        return sum(len(formats) for formats in self._columns.values())

    def _read_column(self, column: int) -> dict[int, str]:
        cells = [(r, row[column]) for r, row in enumerate(self.rows)
                 if column < len(row) and isinstance(row[column], dt.date)]
        if not cells:
            return {}
        try:
            span = self.sheet.range((cells[0][0] + 1, column + 1), (cells[-1][0] + 1, column + 1))
            number_format = span.number_format
        except Exception:  # noqa: BLE001  the remote engine reads formats only asynchronously
            number_format = None
        return {r: number_format or ("mmm-yy" if value.day == 1 else "dd/mm/yyyy") for r, value in cells}


class LiveFormulas(Mapping[Position, str]):
    """The cells of a live sheet that hold a formula (formula text without its '='), read in one call the
    first time a rule asks (the plan sheet's SIP105 and SIP106), so other sheets cost nothing.

    A cell whose formula text is its value is text that only looks like a formula ('=x' typed as text).
    Where the engine cannot read formulas (the remote engine reads them only asynchronously), there are none.
    """

    def __init__(self, used: Any, rows: list[list[Any]]) -> None:
        self.used, self.rows = used, rows
        self._formulas: dict[Position, str] | None = None

    def _read(self) -> dict[Position, str]:
        if self._formulas is None:
            try:
                texts = self.used.formula
            except Exception:  # noqa: BLE001
                texts = None
            if texts is not None and not isinstance(texts, (list, tuple)):
                texts = ((texts,),)  # a one-cell sheet
            top, left = self.used.row - 1, self.used.column - 1
            self._formulas = {
                (top + r, left + c): text[1:] for r, line in enumerate(texts or ()) for c, text in enumerate(line)
                if isinstance(text, str) and text.startswith("=") and text != self._value(top + r, left + c)}
        return self._formulas

    def _value(self, row: int, column: int) -> Any:
        line = self.rows[row] if row < len(self.rows) else []
        return line[column] if column < len(line) else None

    def __getitem__(self, position: Position) -> str:
        return self._read()[position]

    def __iter__(self) -> Iterator[Position]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


class LiveSheets(Mapping[str, Grid]):
    """The book's sheets as grids, each read once, on first use."""

    def __init__(self, book: Any, skip: tuple[str, ...] = (VALIDATION_SHEET, MARKS_SHEET, HISTORY_SHEET)) -> None:
        self.book = book
        self.names = [sheet.name for sheet in book.sheets if sheet.name not in skip]
        self._grids: dict[str, Grid] = {}

    def __getitem__(self, name: str) -> Grid:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._grids:
            self._grids[name] = read_grid(self.book.sheets[name])
        return self._grids[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _book_path(book: Any) -> Path:
    """Where the workbook is saved; a workbook never saved has no folder to put a report in."""
    path = Path(book.fullname)
    if not path.suffix:  # Excel calls a new workbook "Book1" until it is saved
        raise SipError(f"'{book.name}' has not been saved yet, so there is no folder to put the report in. "
                       "Save it as a macro-enabled workbook (File > Save As > .xlsm), then click Build report again.")
    return path if path.is_absolute() else Path.cwd() / path


# ---------------------------------------------------------------- tool-owned sheets

def _owned_sheet(book: Any, name: str, hidden: bool = False) -> Any:
    """The tool's own sheet, created at the end of the book if missing, and cleared."""
    sheet = _sheet(book, name)
    if sheet is None:
        sheet = book.sheets.add(name, after=book.sheets[len(book.sheets) - 1])
        if hidden:
            sheet.visible = False
    else:
        sheet.clear()
    return sheet


def _link(sheet: str, cell: str) -> str:
    """A HYPERLINK formula that jumps to a cell of the plan (the one formula the tool writes on purpose)."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return f'=HYPERLINK("{target.replace(chr(34), chr(34) * 2)}","{cell}")'


def read_history(book: Any) -> History:
    """The tool's _sip_history sheet, in one bulk read (empty when the book has none yet)."""
    sheet = _sheet(book, HISTORY_SHEET)
    return History(sheet.used_range.options(ndim=2, empty=None).value or [] if sheet is not None else [])


def _record_comments(plan: Plan, history: History, today: dt.date) -> list[tuple[int, int, dt.date]]:
    """Update the history; return (row, column, date) for "Comment updated" cells that should change."""
    stamps = []
    seen: dict[tuple[Any, str], tuple[str, dt.date]] = {}
    table = plan.table
    comments, stamp_cells = table.texts("comments"), table.columns.get("comment_updated")
    for i in range(len(table)):
        key = table.comment_key(i)
        comment = fingerprint(comments[i])
        previous = history.first_seen.get(key)
        first_seen = previous[1] if previous and previous[0] == comment else today
        seen[key] = (comment, first_seen)
        stamp = stamp_cells.entry(i) if stamp_cells is not None else None
        if stamp is not None and (previous is None or previous[0] != comment) and comments[i]:
            current = stamp.value.date() if isinstance(stamp.value, dt.datetime) else stamp.value
            if current != today:
                stamps.append((stamp.row, stamp.column, today))
    history.first_seen = seen
    return stamps


# ---------------------------------------------------------------- the buttons

def _load_live(book: Any) -> tuple[Plan, Config]:
    from .api import load

    return load(LiveSheets(book))


@button
def validate(book: Any = None) -> Any:
    """The Validate button: check the live plan, list the findings, mark the cells."""
    from .validate import validate as run_rules

    plan, config = _load_live(book)
    history = read_history(book)
    stamps = _record_comments(plan, history, config.today)
    if stamps:
        stamped = {row: date for row, _, date in stamps}
        column = plan.table.columns["comment_updated"]
        for i, row in enumerate(column.rows):  # the plan in memory sees what the sheet now holds
            if column.columns[i] >= 0 and row in stamped:
                plan.set_value(i, "comment_updated", stamped[row])
    plan.comment_first_seen = history.first_seen_for(plan)
    report = run_rules(plan, config)
    plan_sheet = book.sheets[plan.sheet]
    _write_validation_sheet(book, plan, report)
    _mark_cells(book, plan_sheet, plan, report, history)
    if stamps:  # the one write into the plan's own cells, after everything that could fail first
        _write_stamps(plan_sheet, stamps)
    _write_history(book, history)
    book.sheets[VALIDATION_SHEET].activate()
    _alert(book, f"{report}\n\nThe Validation sheet lists each problem with a link to its cell; the cells are "
           "highlighted on the plan. Click Clear marks to remove the highlights.",
           mode="critical" if report.errors else "info")
    return report


@button
def clear_marks(book: Any = None) -> None:
    """The Clear marks button: remove every highlight and note the tool added, and nothing else."""
    plan, _ = _load_live(book)
    history = read_history(book)
    plan_sheet = book.sheets[plan.sheet]
    _apply_notes(book, plan_sheet, _clear_marks(book, history), {}, history)
    _write_history(book, history)


def _clear_marks(book: Any, history: History, keep: dict[str, str] | None = None) -> list[str]:
    """Clear the severity grid and forget the notes the tool added, except those in ``keep`` (cell ->
    fingerprint) that would be written again unchanged. Returns the cells whose notes are to be deleted."""
    marks = _sheet(book, MARKS_SHEET)
    if marks is not None:
        marks.clear_contents()
    keep = keep or {}
    remove = [address for address, written in history.notes.items() if keep.get(address) != written]
    for address in remove:
        del history.notes[address]
    return remove


def _apply_notes(book: Any, sheet: Any, remove: list[str], add: dict[str, str], history: History) -> None:
    """Delete and add the tool's notes in one call to the workbook's ApplyNotes macro (macros/SipExcel.bas),
    which loops inside Excel. A workbook without the macro (a script driving some other workbook) gets one
    call per note instead."""
    if not remove and not add:
        return
    try:
        book.macro(NOTES_MACRO)(sheet.name, remove or "", list(add) or "", list(add.values()) or "")
        return
    except Exception:  # noqa: BLE001  no SipExcel module in this workbook
        log.info("%s not found in the workbook; notes are written one by one", NOTES_MACRO)
    for address in remove:
        note = sheet[address].note
        if note is not None and _written_by_tool(note):
            note.delete()
    for address, text in add.items():
        note = sheet[address].note
        if note is not None and _written_by_tool(note, unreadable=False):
            note.delete()  # the tool's own note, moved here when the rows were sorted: replace it
            note = None
        if note is None:
            sheet[address].add_note(text)
        else:
            del history.notes[address]  # the staff's own note stays, and is not the tool's to delete


def _written_by_tool(note: Any, unreadable: bool = True) -> bool:
    """True for a note the tool wrote. ``unreadable`` is the answer for an engine that cannot read a note's
    text: yes where the history says the tool wrote it, no where the history knows nothing of it."""
    try:
        return note.text.startswith(NOTE_PREFIX)
    except NotImplementedError:
        return unreadable


def _write_stamps(sheet: Any, stamps: list[tuple[int, int, dt.date]]) -> None:
    """One write per "Comment updated" column: the rows between the first and last stamp, others kept."""
    by_column: dict[int, dict[int, dt.date]] = {}
    for row, column, date in stamps:
        by_column.setdefault(column, {})[row] = date
    for column, dates in by_column.items():
        first, last = min(dates), max(dates)
        current = sheet.range((first + 1, column + 1), (last + 1, column + 1)).options(ndim=2).value
        values = [[dates.get(first + i, row[0])] for i, row in enumerate(current)]
        sheet.range((first + 1, column + 1)).value = values


def _write_validation_sheet(book: Any, plan: Plan, report: Any) -> None:
    sheet = _owned_sheet(book, VALIDATION_SHEET)
    counts = report.by_severity
    head = [
        ["sip-excel validation", None, None, None, None, None, None, None],
        ["Run at", _now(), None, "As of", report.as_of, None, None, None],
        ["Errors", counts[ERROR], None, "Warnings", counts[WARNING], None, "Info", counts[INFO]],
        ["By code", ", ".join(f"{code}: {n}" for code, n in sorted(report.by_code.items())) or "none",
         None, None, None, None, None, None],
        [None] * 8,
        list(VALIDATION_HEADER),
    ]
    body = [[_link(plan.sheet, f.cell), f.severity, f.code, as_text(f.message), as_text(f.ref),
             f.priority, as_text(f.column), as_text(f.suggestion)] for f in report.findings]
    sheet["A1"].value = head + body
    sheet["A1"].font.bold = True
    sheet["A6:H6"].font.bold = True
    for column, width in zip("ABCDEFGH", (9, 9, 8, 90, 8, 8, 16, 45)):
        sheet[f"{column}:{column}"].column_width = width


def _mark_cells(book: Any, plan_sheet: Any, plan: Plan, report: Any, history: History) -> None:
    """Severity grid in _sip_marks (one write), conditional formats once, and notes where the cell has none."""
    levels: dict[tuple[int, int], int] = {}
    messages: dict[str, list[str]] = {}
    for finding in report.findings:
        row, column = parse_cell_name(finding.cell)
        levels[(row, column)] = max(levels.get((row, column), 0), SEVERITY_LEVEL[finding.severity])
        messages.setdefault(finding.cell, []).append(f"{finding.code} {finding.message}")
    texts = {cell: NOTE_PREFIX + "\n" + "\n".join(lines) for cell, lines in messages.items()}
    remove = _clear_marks(book, history, keep={cell: fingerprint(text) for cell, text in texts.items()})
    if _sheet(book, MARKS_SHEET) is None:
        history.marks_installed = False  # the colour rules of a deleted marks sheet point nowhere: add them again
    marks = _owned_sheet(book, MARKS_SHEET, hidden=True)
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
    # A cell with a note of the staff's own keeps it (the Validation sheet carries the message); the macro
    # checks that in Excel, and deletes only notes that start with NOTE_PREFIX, so a staff note is never lost.
    add = {cell: text for cell, text in texts.items() if cell not in history.notes}
    for cell, text in add.items():
        history.notes[cell] = fingerprint(text)
    _apply_notes(book, plan_sheet, remove, add, history)


def _write_history(book: Any, history: History) -> None:
    sheet = _owned_sheet(book, HISTORY_SHEET, hidden=True)
    sheet["A1"].value = history.rows()


@button
def build_report(book: Any = None) -> Path:
    """The Build report button: the same document as `sip-excel report`, from the live workbook."""
    from .api import prepare_report
    from .report import default_output, unused_name

    workbook_path = _book_path(book)  # before the work: a workbook never saved has nowhere to put the report
    plan, config = _load_live(book)
    plan.comment_first_seen = read_history(book).first_seen_for(plan)
    prepared = prepare_report(plan, config)
    written = prepared.save(unused_name(default_output(workbook_path, config.today)))
    _alert(book, "\n\n".join([f"The committee report is ready:\n{written}", *prepared.author_notes]))
    _open(written)
    return written


def _open(path: Path) -> None:
    """Open the document where the platform allows (Windows and macOS)."""
    if os.environ.get("SIP_EXCEL_NO_OPEN"):
        return
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
    elif sys.platform == "darwin":
        import subprocess

        subprocess.Popen(["open", str(path)])  # noqa: S603, S607


@button
def setup_workbook(book: Any = None, comment_updated: bool = False) -> None:
    """The Set up workbook button: RAG drop-downs and colours, the Settings sheet, optionally a
    "Comment updated" column. Existing data is left untouched."""
    if _sheet(book, SETTINGS_SHEET) is None:
        _add_settings_sheet(book)
    plan, config = _load_live(book)
    history = read_history(book)
    sheet = book.sheets[plan.sheet]
    spellings = sorted({*config.brag.values()}, key=["Blue", "Red", "Amber", "Green"].index)
    last_row = max([a.row for a in plan.actions] + [h.row for h in plan.headers]) + 1
    for start, header in enumerate(plan.headers):
        rag = header.columns.get("rag")
        end = plan.headers[start + 1].row if start + 1 < len(plan.headers) else last_row
        if rag is None or end <= header.row + 1:
            continue
        cells = sheet.range((header.row + 2, rag + 1), (end, rag + 1))
        cells.data_validation.set_list(spellings)
        _input_message(cells, "BRAG status", "Blue: complete. Red: stuck. Amber: more work needed, or an issue "
                       "in sight. Green: in progress, no barriers.")
        first = f"{column_letter(rag)}{header.row + 2}"
        where = f"{first}:{column_letter(rag)}{end}"
        if where in history.coloured:
            continue  # set up before: the colour rules are there (adding them again would pile up copies)
        history.coloured.add(where)
        for status, colour in BRAG_FILLS.items():
            words = [w for w, s in config.brag.items() if s == status]
            test = ",".join(f'LOWER(TRIM({first}))="{w}"' for w in words)
            cells.conditional_formats.add_custom(f"=OR({test})", fill_color=colour)
    width = max(len(row) for row in plan.grid.rows)  # the live rows, as read from A1
    if comment_updated and not any("comment_updated" in h.columns for h in plan.headers):
        for header in plan.headers:
            sheet.range((header.row + 1, width + 1)).value = "Comment updated"
        width += 1
    _write_history(book, history)
    if _add_buttons(sheet, width + 2):
        buttons = "The buttons are at the top of the plan, to the right of the table."
    else:
        buttons = "This Excel cannot add buttons from Python: see 'In Excel: the buttons' in the README."
    _alert(book, f"The plan is set up: RAG drop-down lists and colours are in place. {buttons}")


def _add_buttons(sheet: Any, column: int) -> bool:
    """Excel form buttons that run the SipExcel macros, at the top of ``column`` (1-based), where the engine
    exposes Excel's own object model (desktop Excel on Windows). Buttons already there are kept. False where
    it cannot (the Mac, the remote engine), so the user is told the manual step."""
    try:
        buttons = sheet.api.Buttons()
        existing = {buttons.Item(index).Caption for index in range(1, buttons.Count + 1)}
        anchor = sheet.range((2, column)).api
        left, top = anchor.Left, anchor.Top
    except Exception:  # noqa: BLE001  no native Excel object model here
        log.debug("form buttons not supported by this engine")
        return False
    width, height, gap = BUTTON_SIZE
    for number, (caption, macro) in enumerate(BUTTONS):
        if caption in existing:
            continue
        button = buttons.Add(left, top + number * (height + gap), width, height)
        button.Caption, button.OnAction = caption, macro
    return True


def _input_message(cells: Any, title: str, message: str) -> None:
    """Excel's input message on the cells, where the engine exposes the native object (desktop Excel)."""
    try:
        validation = cells.api.Validation
        validation.InputTitle, validation.InputMessage, validation.ShowInput = title, message, True
    except Exception:
        log.debug("input message not supported by this engine")


def _add_settings_sheet(book: Any) -> None:
    from .config import DEFAULT_BRAG

    sheet = book.sheets.add(SETTINGS_SHEET, after=book.sheets[len(book.sheets) - 1])
    rows: list[list[Any]] = [
        ["Report", None, None], ["Committee", None, None], ["Meeting date", None, None], ["Subject", None, None],
        ["Public", "Public", None], ["Report of", None, None], ["Report author", None, None],
        ["Author role", None, None], ["Author telephone", None, None], ["Author email", None, None],
        ["Plan name", None, None], [None, None, None], ["Validation", None, None], ["As of date", None, None],
        ["Plan start", None, None], ["Plan end", None, None], ["Reporting period (months)", 3, None],
        ["Staleness window (days)", 92, None], ["Plan sheet", None, None], [None, None, None],
        ["Officers", None, None], ["Initials", "Name", "Role"], [None, None, None],
        ["BRAG spellings", None, None], ["Spelling", "Status", None],
        *[[spelling.capitalize(), status, None] for spelling, status in DEFAULT_BRAG.items()],
        [None, None, None], ["Severities", None, None], ["Code", "Severity", None],
    ]
    sheet["A1"].value = rows


__all__ = ["validate", "build_report", "clear_marks", "setup_workbook", "as_text", "log_path", "cell_name"]
