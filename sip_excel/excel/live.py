"""Reading from a live workbook: each sheet as a Grid in one bulk read, formats and formulas when asked."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping
from typing import Any

from ..config import MARKS_SHEET, VALIDATION_SHEET, Config  # noqa: F401 (re-exported)
from ..errors import WorkbookError
from ..grid import Grid, Position, column_letter
from ..history import HISTORY_SHEET, History
from ..model import Plan
from .host import Host

log = logging.getLogger(__name__)



def find_sheet(book: Any, name: str) -> Any | None:
    return next((sheet for sheet in book.sheets if sheet.name == name), None)


# What Excel shows for a cell whose formula failed; xlwings reads them as None unless asked for the text.
ERROR_VALUES = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!", "#SPILL!",
                          "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA"})


# More cells than any plan holds (50,000 actions of 12 columns are 600,000): a used range past this is a stray
# entry far from the plan, not the plan.
MOST_LIVE_CELLS = 20_000_000


def read_grid(sheet: Any, host: Host | None = None) -> Grid:
    """A sheet's live values in one bulk read, anchored at A1; number formats are read when the reader asks.
    Excel error values are read as their text (#REF!) and listed, so that they are findings, not blanks."""
    used = host.sheet_block(sheet) if host is not None else sheet.used_range
    if used is None:  # an empty sheet
        return Grid(sheet=sheet.name, rows=[])
    rows_used, columns_used = used.shape
    if rows_used * columns_used > MOST_LIVE_CELLS:
        # A stray entry or format far below or right of the plan (XFD1048576, say): Excel would hand over
        # thousands of millions of empty cells in the one bulk read, and Excel or Python would run out of memory.
        raise WorkbookError(
            f"the sheet '{sheet.name}' has cells in use up to row {used.row + rows_used - 1:,} and column "
            f"{column_letter(used.column + columns_used - 2)}, far beyond any plan, so it was not read. Press "
            "Ctrl+End on that sheet to find the stray entry, delete the empty rows and columns up to it, save, "
            "and click again.")
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

    def __init__(self, book: Any, host: Host | None = None,
                 skip: tuple[str, ...] = (VALIDATION_SHEET, MARKS_SHEET, HISTORY_SHEET)) -> None:
        self.book, self.host = book, host
        self.names = [sheet.name for sheet in book.sheets if sheet.name not in skip]
        self._grids: dict[str, Grid] = {}

    def __getitem__(self, name: str) -> Grid:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._grids:
            self._grids[name] = read_grid(self.book.sheets[name], self.host)
        return self._grids[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def load_live(book: Any, host: Host | None = None) -> tuple[Plan, Config]:
    from ..api import load

    return load(LiveSheets(book, host))


def read_history(book: Any, host: Host | None = None) -> History:
    """The tool's _sip_history sheet, in one bulk read (empty when the book has none yet)."""
    sheet = find_sheet(book, HISTORY_SHEET)
    block = None if sheet is None else host.sheet_block(sheet) if host is not None else sheet.used_range
    return History(block.options(ndim=2, empty=None).value or [] if block is not None else [])
