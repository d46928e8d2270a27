"""The grid: one sheet's cell values, number formats and formulas, wherever they came from.

A file reader and the Excel adapter both produce a :class:`Grid`; the plan reader
never sees openpyxl, calamine or xlwings objects.
"""
from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

Position = tuple[int, int]  # 0-based (row, column)
EMPTY_ROW: list[Any] = []  # shared by the empty rows of a sparse sheet; never written to (see Grid)
ROW_FLOOR = 52  # columns A to AZ: a row read sparsely is always as long as its last cell among them


def display_text(value: Any) -> str:
    """A cell value as the officer reads it: stripped text, whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if type(value) is dt.date:  # the common case in a plan's date columns
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value).strip()


FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(value: Any) -> Any:
    """A value to write into Excel that stays text: a leading apostrophe stops =, +, - and @ making a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@lru_cache(maxsize=1024)
def column_letter(column: int) -> str:
    """Excel's letters for a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """Excel's address for a 0-based (row, column), e.g. (56, 4) -> 'E57'."""
    return f"{column_letter(column)}{row + 1}"


def parse_cell_name(name: str) -> Position:
    """The 0-based (row, column) of an address such as 'E57'."""
    letters = name.rstrip("0123456789")
    column = 0
    for char in letters.upper():
        column = column * 26 + ord(char) - 64
    return int(name[len(letters):]) - 1, column - 1


class SparseRows(Sequence):
    """A sheet's rows where its cells lie far apart: read like a list of rows, but holding only the rows with
    something in them.

    The rows read densely (``dense``, from A1) come first; below them, each row that holds a cell is in
    ``far``, and every other row is :data:`EMPTY_ROW`. ``outlying`` holds the cells kept out of their rows
    (see :func:`place_cells`). A stray cell at XFD1048576 makes a sheet 1,048,576 rows long, and costs one
    entry here, not a slot for each row between.
    """

    __slots__ = ("dense", "far", "outlying", "_length", "_far_rows")

    def __init__(self, dense: list[list[Any]], far: dict[int, list[Any]], length: int,
                 outlying: dict[Position, Any] | None = None) -> None:
        self.dense, self.far, self.outlying = dense, far, outlying or {}
        self._length = max(length, len(dense))
        self._far_rows = sorted(far)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[r] for r in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if 0 <= index < len(self.dense):
            return self.dense[index]
        if not 0 <= index < self._length:
            raise IndexError("row index out of range")
        return self.far.get(index, EMPTY_ROW)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(self) == len(other) and all(map(operator.eq, self, other))

    def run_end(self, start: int, stop: int) -> int:
        """The first row from ``start`` (before ``stop``) that is not empty, or ``stop``: at the dense rows'
        end or a far row, found by bisection."""
        dense = self.dense
        if start < len(dense):
            end = _empty_run_end(dense, start, len(dense)) if not dense[start] else start
            if end < len(dense):
                return min(end, stop)
        found = bisect_left(self._far_rows, max(start, len(dense)))
        return min(self._far_rows[found], stop) if found < len(self._far_rows) else stop


def place_cells(placed: Mapping[int, Mapping[int, Any]], dense: list[list[Any]] | None = None,
                aside: bool = True) -> list[list[Any]] | SparseRows:
    """Rows holding the cells ``placed`` (row -> column -> value), set into ``dense`` (rows read densely from A1,
    left as they are but where a cell is placed) where given.

    A row is as long as its last cell, except that (with ``aside``, for a sheet whose cells lie far apart) a
    cell far past the rest of its row (past column AZ, and past eight columns for each cell the row holds) is
    kept out of it, in the rows' ``outlying`` cells, where :meth:`Grid.value` still finds it: a column of
    notes typed at XFD costs what it holds, not 16,384 slots a row. Such a cell is no plan's: a plan table's
    columns lie together.
    """
    dense = [] if dense is None else dense
    far: dict[int, list[Any]] = {}
    outlying: dict[Position, Any] = {}
    for r, cells in placed.items():
        row = dense[r] if r < len(dense) else far.setdefault(r, [])
        reach = max(ROW_FLOOR, len(row), 8 * (len(cells) + len(row) - row.count(""))) if aside else max(cells) + 1
        for c, value in cells.items():
            if c >= reach:
                outlying[(r, c)] = value
                continue
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            row[c] = value
        if r in far and not far[r]:
            del far[r]  # all its cells outlying
    length = max(placed, default=-1) + 1
    if not far and not outlying and length <= len(dense):
        return dense
    return SparseRows(dense, far, length, outlying)


@dataclass
class Grid:
    """A sheet as plain values.

    ``number_formats`` is sparse: it holds the format of date-like cells only,
    which is all the reader needs (to tell a month from a day).  ``formulas``
    and ``errors`` hold the cells that contain a formula or an Excel error value.
    ``date1904`` is True for a workbook in the 1904 date system (old Mac Excel),
    whose bare serial numbers count days from 1904.  A sheet whose cells lie far
    apart has :class:`SparseRows`, rows that end at their last cell, and its empty
    rows one shared empty list: write into a row only where it already has a cell.
    """

    sheet: str
    rows: list[list[Any]] | SparseRows
    number_formats: Mapping[Position, str] = field(default_factory=dict)  # a dict, or read on demand
    formulas: Mapping[Position, str] = field(default_factory=dict)  # a dict, or read on demand
    errors: dict[Position, str] = field(default_factory=dict)
    merged: list[tuple[Position, Position]] = field(default_factory=list)
    date1904: bool = False
    warnings: list[str] = field(default_factory=list)  # what the person running the tool should be told
    # Where each run of empty rows that walk() has met ends: a sheet is walked several times (header rows, actions,
    # Settings), and a run of a million rows costs milliseconds to measure.
    _run_ends: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def value(self, row: int, column: int) -> Any:
        try:
            return self.rows[row][column]
        except IndexError:
            outlying = getattr(self.rows, "outlying", None)  # a cell kept out of its row (see place_cells)
            return outlying.get((row, column)) if outlying else None

    def walk(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, list[Any]]]:
        """(index, row) of the rows from ``start`` up to ``stop``, each run of empty rows (``[]``) given once, at
        its first row.

        A stray cell at row 1,048,576 leaves a sparse sheet a million empty rows; a reader that treats an empty
        row as "nothing here" learns nothing from the second of them, and walking them one by one would cost
        what the sheet spans rather than what it holds.  The run's end is found in C (see :func:`_empty_run_end`).
        """
        rows = self.rows
        stop = len(rows) if stop is None else min(stop, len(rows))
        r = max(start, 0)
        while r < stop:
            row = rows[r]
            yield r, row
            if not row and r + 1 < stop and not rows[r + 1]:
                end = self._run_ends.get(r + 1)
                if end is None:
                    end = self._run_ends[r + 1] = (rows.run_end(r + 1, len(rows)) if type(rows) is SparseRows
                                                   else _empty_run_end(rows, r + 1, len(rows)))
                r = min(end, stop)
            else:
                r += 1

    def fill_merged(self, vertical_only: bool = False) -> None:
        """Give every cell of a merged range the value of its top-left cell, as a reader sees it.

        ``vertical_only`` keeps to ranges one column wide that span rows (an aim covering its
        sub-actions), leaving heading rows merged across columns with their text in one cell.
        """
        for (top, left), (bottom, right) in self.merged:
            if vertical_only and not (left == right and bottom > top):
                continue
            value = self.value(top, left)
            for _, line in self.walk(top, bottom + 1):  # a range down a whole column passes empty rows at once
                for c in range(left, right + 1):
                    if c < len(line) and line[c] in (None, ""):
                        line[c] = value


def _empty_run_end(rows: list[list[Any]], start: int, stop: int) -> int:
    """The first index from ``start`` (before ``stop``) whose row is not empty, or ``stop``.

    Galloping then halving over slices that ``list.count`` checks in C: a million empty rows cost a few
    milliseconds, where a Python loop over them costs a second.
    """
    empty = rows[start]  # counted by identity, in C, where the rows share one empty list
    low, step = start, 64
    while True:  # gallop: every row before ``low`` is empty
        high = min(stop, low + step)
        if rows[low:high].count(empty) < high - low:
            break
        if high == stop:
            return stop
        low, step = high, step * 2
    while high - low > 1:  # a row in [low, high) holds something; find the first such
        middle = (low + high) // 2
        if rows[low:middle].count(empty) == middle - low:
            low = middle
        else:
            high = middle
    return low
