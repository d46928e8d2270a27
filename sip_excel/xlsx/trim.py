"""A sheet with a few cells far from the rest: the near cells through python-calamine, the far ones set in after.

python-calamine reads a sheet as one dense rectangle, so a stray cell at XFD1048576 would
make it ask for 17,000 million cells and abort; this package's own value reader reads such a
sheet sparsely but, being Python, at some three times calamine's cost.  Where the sheet's
XML is as writers write it and only a few cells lie past column AZ or row 99,999, those
cells are cut out, calamine reads the rest from a copy of the package held in memory, and
the own reader reads the cut cells alone.  The rows are those the own reader would give,
but that the near ones are as wide as calamine makes them (cells past a row's end are empty).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from ..grid import parse_cell_name
from .calamine import Merged, sheet_values
from .scan import PlainCheck, whole_cells
from .values import EMPTY_ROW

# A cell past column AZ (three letters, or two from BA) or past row 99,999 (six digits), in the form PlainCheck
# vouches every cell of a plain sheet is in: the same bounds as scan.far_apart's.
_FAR_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[B-Z][A-Z])\d+"|<c r="[A-Z]{1,2}\d{6,}"')
_FAR_EMPTY_ROW = re.compile(rb'<row r="\d{6,}"[^>]*?(?:/>|>\s*</row>)')  # a far row, its cells cut out
MOST_FAR_CELLS = 1_000  # more than this far off is a sheet laid out far apart, not a slip: the own reader reads it


def near_and_far(xml: bytes, sheet: str, sheet_path: str, package: Callable[[], dict[str, bytes]],
                 read_far: Callable[[bytes], list[list[Any]]]) -> tuple[list[list[Any]], Merged] | None:
    """The rows and merged ranges of the sheet named ``sheet``, or None where this way cannot be taken safely
    (the caller then reads the whole sheet with the own reader).

    ``xml`` is the sheet's XML, the part ``sheet_path``; ``package()`` the workbook's parts, name -> bytes;
    ``read_far(xml)`` reads a sheet's XML with the own reader (rows, sparse). What is left once the far cells are
    cut lies within column AZ and row 99,999, which :func:`.scan.far_apart` lets calamine read densely anyway."""
    if not all(map(PlainCheck(), whole_cells([xml]))):
        return None  # cells in another form than <c r="...": the cut could miss one
    spans = []
    for found in _FAR_CELL.finditer(xml):
        start = found.start()
        close = xml.find(b">", found.end())
        if close < 0:
            return None
        end = close + 1 if xml[close - 1:close] == b"/" else xml.find(b"</c>", close) + 4
        if end < 4:
            return None
        spans.append((start, end))
        if len(spans) > MOST_FAR_CELLS:
            return None
    near, far, last = [], [], 0
    for start, end in spans:
        near.append(xml[last:start])
        far.append(xml[start:end])
        last = end
    near.append(xml[last:])
    trimmed = _FAR_EMPTY_ROW.sub(b"", b"".join(near))
    parts = package()
    parts[sheet_path] = trimmed
    memory = io.BytesIO()
    with zipfile.ZipFile(memory, "w", zipfile.ZIP_STORED) as copy:  # stored: nothing to compress or inflate
        for name, data in parts.items():
            copy.writestr(name, data)
    memory.seek(0)
    import python_calamine  # as in .calamine: imported only when a sheet is read

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(memory)
    except Exception:  # calamine's own error types; the file itself opened, so the own reader will do
        return None
    try:
        rows, merged = sheet_values(book, sheet)
    finally:
        book.close()
    if far:
        _set_in(rows, read_far(_far_sheet(xml, far)), [_position(cell) for cell in far])
    return rows, merged


def _position(cell: bytes) -> tuple[int, int]:
    return parse_cell_name(cell[6:cell.index(b'"', 6)].decode())


def _far_sheet(xml: bytes, cells: list[bytes]) -> bytes:
    """A sheet's XML holding only the far cells, each in a row of its own, under the original's start."""
    head = xml[:xml.find(b"<sheetData")]
    rows = b"".join(b'<row r="%s">%s</row>' % (re.match(rb'<c r="[A-Z]+(\d+)"', cell)[1], cell) for cell in cells)
    return head + b"<sheetData>" + rows + b"</sheetData></worksheet>"


def _set_in(rows: list[list[Any]], far_rows: list[list[Any]], positions: list[tuple[int, int]]) -> None:
    """Put the far cells' values into the near rows, the sheet growing with shared empty rows to reach them.
    A cell the own reader gave no value (a styled empty cell) is left out, as it leaves it out."""
    for r, c in positions:
        if r >= len(far_rows) or c >= len(far_rows[r]):
            continue
        if r >= len(rows):
            rows.extend([EMPTY_ROW] * (r + 1 - len(rows)))
        target = rows[r]
        if target is EMPTY_ROW:
            target = rows[r] = []
        if len(target) <= c:
            target.extend([""] * (c + 1 - len(target)))
        target[c] = far_rows[r][c]
