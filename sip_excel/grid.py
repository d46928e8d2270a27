"""The grid: one sheet's cell values, number formats and formulas, wherever they came from.

A file reader and the Excel adapter both produce a :class:`Grid`; the plan reader
never sees openpyxl, calamine or xlwings objects.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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

    def value(self, row: int, column: int) -> Any:
        try:
            return self.rows[row][column]
        except IndexError:
            return None

    def fill_merged(self, vertical_only: bool = False) -> None:
        """Give every cell of a merged range the value of its top-left cell, as a reader sees it.

        ``vertical_only`` keeps to ranges one column wide that span rows (an aim covering its
        sub-actions), leaving heading rows merged across columns with their text in one cell.
        """
        for (top, left), (bottom, right) in self.merged:
            if vertical_only and not (left == right and bottom > top):
                continue
            value = self.value(top, left)
            for r in range(top, min(bottom, len(self.rows) - 1) + 1):
                line = self.rows[r]
                for c in range(left, right + 1):
                    if c < len(line) and line[c] in (None, ""):
                        line[c] = value
