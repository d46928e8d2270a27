"""A sheet with a few cells far from the rest: the near cells through python-calamine, the far ones set in after.

python-calamine reads a sheet as one dense rectangle, so a stray cell at XFD1048576 would
make it ask for 17,000 million cells and abort; this package's own value reader reads such a
sheet sparsely but, being Python, at some three times calamine's cost.  Where only a few
references lie past column AZ or row 99,999, :func:`.far.survey` has said where each one
starts; each cell or row it belongs to is cut out at that place, calamine reads the rest
from a copy of the package held in memory, and the own reader reads the cut cells alone.
The rows are those the own reader would give (:func:`..grid.place_cells`: far rows held
apart, a cell far past the rest of its row kept aside), but that the near ones are as wide
as calamine makes them (cells past a row's end are empty).
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from ..grid import SparseRows, place_cells
from .calamine import Merged, sheet_values
from .far import fits_dense

MOST_FAR_CELLS = 1_000  # more than this far off is a sheet laid out far apart, not a slip: the own reader reads it
_NAME = re.compile(rb"<([\w.:-]+)")
_ROW_OF = re.compile(rb"""r=["'][A-Z]*(\d+)""")
Placed = dict[int, dict[int, Any]]


def near_and_far(open_xml: Callable[[], bytes], spots: tuple[int, ...] | None, sheet: str, sheet_path: str,
                 package: Callable[[], dict[str, bytes]],
                 read_far: Callable[[bytes], Placed]) -> tuple[list[list[Any]] | SparseRows, Merged] | None:
    """The rows and merged ranges of the sheet named ``sheet``, or None where this way cannot be taken safely
    (the caller then reads the whole sheet with the own reader).

    ``open_xml()`` gives the sheet's XML, the part ``sheet_path``, and ``spots`` says where each far reference in it
    starts;
    ``package()`` gives the workbook's other parts, name -> bytes; ``read_far(xml)`` reads a sheet's XML with the
    own reader (row -> column -> value). Every far reference is cut out with its cell (or its row, for a row's
    own), or the sheet is not read this way: what calamine reads then lies within column AZ and row 99,999."""
    if spots is None:
        return None
    xml = open_xml()
    cuts = _cuts(xml, spots)
    if cuts is None:
        return None
    near, far, last = [], [], 0
    for start, end, row in cuts:
        near.append(xml[last:start])
        far.append(xml[start:end] if row is None else b'<row r="%s">%s</row>' % (row, xml[start:end]))
        last = end
    near.append(xml[last:])
    parts = package()
    parts[sheet_path] = b"".join(near)
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
    if far:  # set in among the near rows, or below them in rows of their own (see place_cells)
        head = xml[:xml.find(b"<sheetData")]
        placed = read_far(head + b"<sheetData>" + b"".join(far) + b"</sheetData></worksheet>")
        return place_cells(placed, rows, aside=not _fits_dense(rows, placed)), merged
    return rows, merged


def _fits_dense(rows: list[list[Any]], placed: Placed) -> bool:
    """Whether the own reader would read the whole sheet densely (see :func:`.values.read_values`): then no far
    cell is put aside, as there none would be."""
    height = max(len(rows), max(placed, default=-1) + 1)
    width = max(max(map(len, rows), default=0), max((max(cells) + 1 for cells in placed.values()), default=0))
    cells = sum(len(row) - row.count("") for row in rows) + sum(map(len, placed.values()))
    return fits_dense(height, width, cells)


def _cuts(xml: bytes, spots: tuple[int, ...]) -> list[tuple[int, int, bytes | None]] | None:
    """(start, end, row number) of each cell holding a far reference, or (start, end, None) of each row, in the
    order of the XML; None if one is in another element, or cannot be told apart from what follows it."""
    if xml.find(b"<sheetData") < 0:
        return None
    cuts: list[tuple[int, int, bytes | None]] = []
    for spot in spots:
        if cuts and spot < cuts[-1][1]:
            continue  # a cell of a far row already cut whole
        start = xml.rfind(b"<", 0, spot)
        name = _NAME.match(xml, start)
        if name is None or name[1] not in (b"c", b"row") or b">" in xml[start:spot]:
            return None  # a far reference in an element calamine may place otherwise: the own reader reads it
        cell = name[1] == b"c"
        row = _ROW_OF.match(xml, spot)
        end = _element_end(xml, spot, b"</c>" if cell else b"</row>")
        if end < 0 or row is None or (cuts and start < cuts[-1][1]):
            return None
        cuts.append((start, end, row[1] if cell else None))
        if len(cuts) > MOST_FAR_CELLS:
            return None
    return cuts


def _element_end(xml: bytes, inside_tag: int, closing: bytes) -> int:
    """Where the element whose start tag holds ``inside_tag`` ends: after ``/>`` or after its closing tag."""
    tag_end = xml.find(b">", inside_tag)
    if tag_end < 0:
        return -1
    if xml[tag_end - 1:tag_end] == b"/":
        return tag_end + 1
    end = xml.find(closing, tag_end)
    return -1 if end < 0 else end + len(closing)
