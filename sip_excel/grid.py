"""The grid: one sheet's cell values, number formats and formulas, wherever they came from.

A file reader and the Excel adapter both produce a :class:`Grid`; the plan reader
never sees openpyxl, calamine or xlwings objects.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

Position = tuple[int, int]  # 0-based (row, column)


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


@dataclass
class Grid:
    """A sheet as plain values.

    ``number_formats`` is sparse: it holds the format of date-like cells only,
    which is all the reader needs (to tell a month from a day).  ``formulas``
    and ``errors`` hold the cells that contain a formula or an Excel error value.
    ``date1904`` is True for a workbook in the 1904 date system (old Mac Excel),
    whose bare serial numbers count days from 1904.  A sheet whose cells lie far
    apart has rows that end at their last cell, and its empty rows may be one
    shared empty list: write into a row only where it already has a cell.
    """

    sheet: str
    rows: list[list[Any]]
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
            return None

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
                    end = self._run_ends[r + 1] = _empty_run_end(rows, r + 1, len(rows))
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
