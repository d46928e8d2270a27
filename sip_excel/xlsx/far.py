"""Where a sheet's cells lie: whether python-calamine may read it as one dense rectangle, and which cells lie far.

python-calamine reads a sheet as the rectangle its cells span, one slot per cell, so a
single stray cell at XFD1048576 asks it for seventeen thousand million slots and the
process aborts.  :func:`survey` looks at the XML before calamine does, in a few searches
that each run in C to the next cell or row not of the usual near form: it finds each
reference past column AZ or row 99,999 (and refuses one past Excel's last cell), and it
says whether any cell or row does not begin with its reference (calamine places one without
by counting, which no look at references can bound; such a sheet is read sparsely by the
own reader).  :mod:`.trim` cuts the far cells out at the places the survey found them.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..grid import parse_cell_name
from .scan import EXCEL_COLUMNS, EXCEL_ROWS, whole_cells

DENSE_CELLS = 100_000  # a sheet is read densely (python-calamine) up to this many slots beyond 8 per cell held
MOST_SPOTS = 2_000  # far references remembered; past this, a sheet is laid out far apart and read by the own reader

# Cells and rows whose start tag is not the usual near one (r first, within column AZ and row 99,999): a far
# reference, a reference of another form, or none. Each pattern begins with a literal, which the search runs to in C.
_UNUSUAL_CELL = re.compile(rb"""<c(?=[\s/>])(?! r=["'](?:[A-Z]|A[A-Z])\d{1,5}["'])""")
_UNUSUAL_ROW = re.compile(rb"""<row(?=[\s/>])(?! r=["']\d{1,5}["'])""")
_PREFIXED = re.compile(rb""":(?:c|row)(?=[\s/>])""")  # python-calamine reads such a cell by its local name
_CELL_REFERENCE = re.compile(rb"""<c r=["']([A-Z]+)(\d+)["']""")
_ROW_REFERENCE = re.compile(rb"""<row r=["'](\d+)["']""")
_MOST_LOOKS = 64  # unusual tags in a piece looked at one by one; more (references in single quotes), and it is searched
# What a piece of many unusual tags is searched for: a reference past Excel's last cell (four or more letters, or
# seven or more digits: the limits are then checked), a tag placed by counting, and the far references.
_LONG = re.compile(rb"""r=["']([A-Z]{3,}\d*|[A-Z]*\d{7,})""")
_COUNTED = (re.compile(rb"""<c(?=[\s/>])(?! r=["'][A-Z]{1,3}\d{1,7}["'])"""),
            re.compile(rb"""<row(?=[\s/>])(?! r=["']\d{1,7}["'])"""), _PREFIXED)
_FAR = re.compile(rb"""r=["'](?:([A-Z]{3}|[B-Z][A-Z])|[A-Z]{0,2}(\d{6,}))""")
_REFERENCES = re.compile(rb"""r=["']([A-Z]{0,3})(\d+)""")


class _PlacedByCounting(Exception):
    """A cell or row whose tag does not begin with its reference: python-calamine counts the place of one without,
    which no look at the references can bound. (Every writer writes the reference first; looking further into
    each tag would cost four times as much.) Such a sheet is read sparsely, by the own reader."""


class BeyondExcel(ValueError):
    """A cell reference past XFD1048576: no spreadsheet program writes one, and reading it would cost without end
    (a row number of thousands of digits, or a row a thousand times past the last)."""


class Survey(NamedTuple):
    """What :func:`survey` found: whether the sheet must not be read densely, and where its far references start
    in the XML (None when there are too many to cut out, or a cell is placed by counting)."""

    far: bool
    spots: tuple[int, ...] | None = ()


def survey(open_pieces: Callable[[], Iterable[bytes]]) -> Survey:
    """Whether the sheet's cells lie so far apart that a dense read of the rectangle they span would cost far more
    than what they hold, and where each far reference starts. The rectangle is taken at its largest (rows up to
    99,999 where none is further), so a doubtful sheet is read sparsely, never densely.

    Raises :class:`BeyondExcel` for a reference past XFD1048576."""
    rows = columns = size = 0
    spots: list[int] | None = []
    try:
        for piece in whole_cells(open_pieces()):
            for start, letters, digits in _far_references(piece):
                rows = max(rows, int(digits or 0))
                if letters:
                    columns = max(columns, parse_cell_name(letters.decode() + "1")[1] + 1)
                if spots is not None:
                    spots.append(size + start)
                    if len(spots) > MOST_SPOTS:
                        spots = None
            size += len(piece)
    except _PlacedByCounting:
        return Survey(True, None)
    if not rows and not columns:
        return Survey(False)
    spots = None if spots is None else tuple(spots)
    height, width = rows or 99_999, columns or 52
    # Each cell takes at least three bytes ("<c "), so 8 per cell held is at most 3 per byte: past that, no count.
    if height * width <= 3 * size + DENSE_CELLS:
        cells = sum(piece.count(b"<c ") + piece.count(b":c ") for piece in open_pieces())
        if fits_dense(height, width, cells):
            return Survey(False)
    # Only rows past 99,999 in columns up to AZ: a long plan, perhaps; measure before reading it the slow way.
    return Survey(bool(columns) or not fits_dense(*extent(open_pieces())), spots)


def _far_references(piece: bytes) -> list[tuple[int, bytes, bytes]]:
    """(where its r= starts, letters, digits) of each reference past column AZ or row 99,999 in a piece of whole
    cells; raises :class:`_PlacedByCounting` as soon as a tag is seen not to begin with its reference."""
    if _PREFIXED.search(piece):
        raise _PlacedByCounting
    tags = []
    for unusual in (_UNUSUAL_CELL, _UNUSUAL_ROW):
        for tag in unusual.finditer(piece):
            tags.append(tag.start())
            if len(tags) > _MOST_LOOKS:
                return _searched(piece)
    found = []
    for start in sorted(tags):  # in the order of the XML, so that the first reference past Excel is the one named
        cell = piece.startswith(b"<c", start)
        named = (_CELL_REFERENCE if cell else _ROW_REFERENCE).match(piece, start)
        if named is None:
            raise _PlacedByCounting
        letters, digits = (named[1], named[2]) if cell else (b"", named[1])
        _within_excel(letters + digits)
        if len(digits) > 5 or len(letters) > 2 or (len(letters) == 2 and letters[:1] > b"A"):
            found.append((start + (3 if cell else 5), letters, digits if len(digits) > 5 else b""))
    return found


def _searched(piece: bytes) -> list[tuple[int, bytes, bytes]]:
    for reference in _LONG.findall(piece):
        _within_excel(reference)
    if any(pattern.search(piece) for pattern in _COUNTED):
        raise _PlacedByCounting
    return [(found.start(), found[1], found[2]) for found in _FAR.finditer(piece)]


def _within_excel(reference: bytes) -> None:
    letters = reference.rstrip(b"0123456789")
    digits = reference[len(letters):]
    if len(letters) > 3 or (letters and parse_cell_name(letters.decode() + "1")[1] >= EXCEL_COLUMNS) \
            or len(digits) > 7 or (digits and int(digits) > EXCEL_ROWS):
        shown = reference[:16].decode() + ("..." if len(reference) > 16 else "")
        raise BeyondExcel(f"the cell {shown}" if letters else f"row {shown}")  # <row r="..."> too


def extent(pieces: Iterable[bytes]) -> tuple[int, int, int]:
    """(rows, columns, cells) that a sheet's references span, and how many cells they name: one pass over them."""
    rows = columns = cells = 0
    letters_seen: set[bytes] = set()
    for piece in whole_cells(pieces):
        found = _REFERENCES.findall(piece)
        if found:
            rows = max(rows, max(int(row) for _, row in found))
            letters_seen.update(letters for letters, _ in found)
            cells += sum(1 for letters, _ in found if letters)
    letters_seen.discard(b"")
    if letters_seen:
        columns = max(parse_cell_name(letters.decode() + "1")[1] for letters in letters_seen) + 1
    return rows, columns, cells


def fits_dense(rows: int, columns: int, cells: int) -> bool:
    """True when a dense read of the rectangle the cells span costs about what they hold."""
    return rows * columns <= 8 * cells + DENSE_CELLS
