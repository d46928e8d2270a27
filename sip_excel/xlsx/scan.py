"""A sheet's XML, scanned for what python-calamine cannot see: date formats, formulas and error values.

Two scanners give the same answer.  The fast one is a few regular-expression passes
over the XML as Excel, openpyxl, XlsxWriter and LibreOffice write it (every cell
``<c r="..."`` with double-quoted attributes, no namespace prefixes); a cell that is
not a date gives up at once, so a big plan scans in a fraction of its read.  The
parsed one walks the XML with defusedxml's iterparse and reads any well-formed sheet.
:class:`PlainCheck` says, as the fast one goes, whether it is exact for the sheet; :func:`scan`
uses it while it is, or the parsed one.  (Whether a sheet's cells lie too far apart for a dense
read is :mod:`.far`'s question.)
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from defusedxml import ElementTree

from ..grid import Position, cell_name, parse_cell_name

Found = dict[Position, str]

# The namespaces a sheet's main elements may be in: Transitional and Strict Open XML.
MAIN_NAMESPACES = (b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                   b"http://purl.oclc.org/ooxml/spreadsheetml/main")
_ROOT = re.compile(rb"<([\w.-]+:)?worksheet\b[^>]*?\sxmlns\s*=\s*[\"']([^\"']*)[\"']")
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)')
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*?\st="e"[^>/]*>\s*(?:<f\b[^>]*/>\s*|<f\b[^>]*>[^<]*</f>\s*)?'
                         rb'<v>([^<]*)</v>')
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_REFERENCE = re.compile(r"&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# A cell's start tag as the fast scan reads it: r first, then attributes each after one space, double-quoted,
# holding no reference or markup. Any other (s before r, no r, single quotes, line breaks, a prefix) is found by
# this, and sends the sheet to the parser.
_ODD_CELL = re.compile(rb'<c(?![a-zA-Z])(?! r="[A-Z]{1,3}\d{1,7}"(?: [a-zA-Z][\w:]*="[^"<>&]*")*/?>)')
ODD_CELL_BYTES = 1 << 18  # how much of a sheet's start is looked at tag by tag


EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_CELL_NAME = re.compile(r"[A-Za-z]{1,3}[1-9]\d{0,6}")  # python-calamine reads the letters in either case
_ROW_NUMBER = re.compile(r"[1-9]\d{0,6}")


class BadReference(ValueError):
    """A cell or row reference that names no place on a sheet ('$XFD$3', 'A0', ' B2'): no writer writes one."""


def position_of(reference: str) -> Position:
    """The 0-based (row, column) a cell's r attribute names; :class:`BadReference` if it names none."""
    if _CELL_NAME.fullmatch(reference) is None:
        raise BadReference(f"the cell reference '{reference[:16]}' names no cell on a sheet")
    row, column = parse_cell_name(reference)
    if row >= EXCEL_ROWS or column >= EXCEL_COLUMNS:
        raise BadReference(f"the cell reference '{reference[:16]}' names no cell on a sheet")
    return row, column


def row_index(number: str) -> int:
    """The 0-based row a row's r attribute names; :class:`BadReference` if it names none."""
    if _ROW_NUMBER.fullmatch(number) is None or int(number) > EXCEL_ROWS:
        raise BadReference(f"the row number '{number[:16]}' names no row on a sheet")
    return int(number) - 1


class SheetScan(NamedTuple):
    """What a sheet's XML says beyond its values (plain values, so it can travel between processes)."""

    number_formats: Found  # date-formatted cells -> their number format
    formulas: Found  # cells with a formula -> its text (without '='); a shared one's own text, worked out
    errors: Found  # cells holding an Excel error value -> the value ('#REF!')


class PlainCheck:
    """Says, a piece of whole cells at a time, whether the fast scan reads a sheet's XML exactly: the main namespace
    the default one and bound to no prefix, no comments or processing instructions, and every cell's start tag in
    the form :data:`_ODD_CELL` describes, in the first piece; in every piece, each cell's tag begins ``<c r="``.
    (XML that changes its form after its first 4 MB is a forgery, not a writer's; it may be misread, not crash.)"""

    def __init__(self) -> None:
        self.pieces = 0

    def __call__(self, piece: bytes) -> bool:
        first = self.pieces == 0
        self.pieces += 1
        if first:
            # A writer writes every cell alike: the start of the sheet (some thousand actions) is looked at in full,
            # tag by tag; after it, counting (r first and double-quoted in every cell) is enough.
            root = _ROOT.search(piece)
            if (root is None or root[1] or root[2] not in MAIN_NAMESPACES
                    or sum(piece.count(uri) for uri in MAIN_NAMESPACES) != 1
                    or b"<!" in piece or piece.count(b"<?") > 1):
                return False
            end = len(piece) if len(piece) <= ODD_CELL_BYTES else max(piece.rfind(b"<c ", 0, ODD_CELL_BYTES), 0)
            if _ODD_CELL.search(piece, 0, end) is not None:  # (a tag cut at the end would look odd)
                return False
        return piece.count(b'<c r="') == piece.count(b"<c ")


def is_plain(pieces: Iterable[bytes]) -> bool:
    """Whether the fast scan reads this sheet exactly."""
    check = PlainCheck()
    return all(check(piece) for piece in whole_cells(pieces))


def scan(open_pieces: Callable[[], Iterable[bytes]], date_styles: dict[int, str]) -> SheetScan:
    """The sheet's date formats, formulas and error values: the fast scan while the XML is plain (checked as it
    goes), else the parser from the start. ``open_pieces`` gives the XML afresh each time it is called."""
    found = SheetScan({}, {}, {})
    shared: list[tuple[Position, dict[str, str]]] = []
    check = PlainCheck()
    for xml in whole_cells(open_pieces()):
        if not check(xml):
            return parsed_scan(open_pieces(), date_styles)
        try:
            _fast_piece(xml, date_styles, found, shared)
        except ValueError:  # such as a character reference no character has (&#1114112;): not well-formed XML,
            return parsed_scan(open_pieces(), date_styles)  # which the parser refuses in its own words
    _resolve_shared(found.formulas, shared)
    return found


def fast_scan(pieces: Iterable[bytes], date_styles: dict[int, str]) -> SheetScan:
    """Regular-expression passes over XML as workbook writers write it, a piece of whole cells at a time."""
    found = SheetScan({}, {}, {})
    shared: list[tuple[Position, dict[str, str]]] = []
    for xml in whole_cells(pieces):
        _fast_piece(xml, date_styles, found, shared)
    _resolve_shared(found.formulas, shared)
    return found


@lru_cache(maxsize=16)
def _date_pattern(codes: tuple[bytes, ...]) -> re.Pattern[bytes]:
    # <c r="D3" s="12" t="n">: the attributes before s, if any, are matched one by one, possessively
    # (++, *+: a cell that is not a date gives up at once instead of backtracking), and findall
    # keeps the loop over cells in C.
    return re.compile(rb'<c r="([A-Z]++)(\d++)"(?: (?!s=)[\w:]++="[^"]*+")*+ s="(' + b"|".join(codes) + rb')"[\s/>]')


def _fast_piece(xml: bytes, date_styles: dict[int, str], found: SheetScan,
                shared: list[tuple[Position, dict[str, str]]]) -> None:
    if date_styles:
        styles = {str(index).encode(): code for index, code in date_styles.items()}
        cells = _date_pattern(tuple(styles)).findall(xml)
        if cells:  # (row, column) -> format, put together in C: a big plan has a hundred thousand dates
            letters, rows, codes = zip(*cells)
            positions = zip(map((-1).__add__, map(int, rows)), map(COLUMNS.__getitem__, letters))
            found.number_formats.update(zip(positions, map(styles.__getitem__, codes)))
    if b"<f" in xml:
        for match in _FORMULA_CELL.finditer(xml):
            position = parse_cell_name(match[1].decode())
            attributes = {key.decode(): unescape(value.decode("utf-8", "replace"))
                          for key, value in _ATTRIBUTE.findall(match[2])} if match[2].strip() else {}
            found.formulas[position] = unescape((match[3] or b"").decode("utf-8", "replace"))
            if attributes.get("t") == "shared":
                shared.append((position, attributes))
    if b't="e"' in xml:
        for match in _ERROR_CELL.finditer(xml):
            found.errors[parse_cell_name(match[1].decode())] = unescape(match[2].decode("utf-8", "replace"))


def parsed_scan(pieces: Iterable[bytes], date_styles: dict[int, str]) -> SheetScan:
    """The same, by parsing the XML (defusedxml): any well-formed sheet, in any namespace, prefix or order."""
    found = SheetScan({}, {}, {})
    shared: list[tuple[Position, dict[str, str]]] = []
    for position, cell in cells_of(pieces):
        style = _int(cell.get("s"))
        if style in date_styles:
            found.number_formats[position] = date_styles[style]
        formula = value = None
        for child in cell:
            name = _local(child.tag)
            if name == "f" and formula is None:
                formula = child
            elif name == "v" and value is None:
                value = child
        if formula is not None:
            found.formulas[position] = formula.text or ""
            if formula.get("t") == "shared":
                shared.append((position, {_local(key): text for key, text in formula.attrib.items()}))
        if cell.get("t") == "e" and value is not None:
            found.errors[position] = value.text or ""
    _resolve_shared(found.formulas, shared)
    return found


def cells_of(pieces: Iterable[bytes], merged: list[tuple[Position, Position]] | None = None
             ) -> Iterator[tuple[Position, object]]:
    """Each cell element of a sheet with its 0-based position, whatever the XML's form: a cell without ``r``
    follows the one before it, a row without ``r`` the row before it. Each row is let go once read. The merged
    ranges the sheet lists are added to ``merged`` if given."""
    row = -1
    column = -1
    depth_row = sheet_data = None
    for event, element in events_of(pieces):
        name = _local(element.tag)
        if event == "start":
            if name == "sheetData":
                sheet_data = element
            elif name == "row":
                row = row_index(element.get("r")) if element.get("r") is not None else row + 1
                column = -1
                depth_row = element
            continue
        if name == "c":
            reference = element.get("r")
            if reference is not None:
                position = position_of(reference)
                column = position[1]
            else:
                column += 1
                position = (max(row, 0), column)
            yield position, element
        elif name == "row" and element is depth_row:
            element.clear()  # the row's cells are done with: keep memory to one row
            if sheet_data is not None and len(sheet_data):
                del sheet_data[:]
        elif name == "mergeCell" and merged is not None and ":" in element.get("ref", ""):
            first, last = element.get("ref").split(":", 1)
            merged.append((parse_cell_name(first), parse_cell_name(last)))


def events_of(pieces: Iterable[bytes]) -> Iterator[tuple[str, Any]]:
    """defusedxml's iterparse (no DTD, no entities) over XML that arrives in pieces: start and end events."""
    return ElementTree.iterparse(PiecesReader(pieces), events=("start", "end"), forbid_dtd=True)


class PiecesReader:
    """A file-like view of pieces of bytes, for a parser that reads from a file."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self._pieces = iter(pieces)
        self._left = b""

    def read(self, size: int = -1) -> bytes:
        while not self._left:
            self._left = next(self._pieces, None)
            if self._left is None:
                self._left = b""
                return b""
        if size < 0 or size >= len(self._left):
            piece, self._left = self._left, b""
            return piece
        piece, self._left = self._left[:size], self._left[size:]
        return piece


def whole_cells(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The XML again in pieces that never cut a cell in two: each ends before the last cell or row begun in it.

    What is carried over is kept as a list and joined once a cut is found, so a sheet of millions of
    tiny elements (or one huge cell) costs its length, never its length squared."""
    pending: list[bytes] = []
    for block in pieces:
        cut = max(block.rfind(b"<c "), block.rfind(b"<row"), block.rfind(b"</sheetData"))
        if cut <= 0:
            pending.append(block)
            continue
        pending.append(block[:cut])
        yield b"".join(pending)
        pending = [block[cut:]]
    if pending:
        yield b"".join(pending)


def _resolve_shared(formulas: Found, shared: list[tuple[Position, dict[str, str]]]) -> None:
    """Give each cell of a shared formula its own text: Excel writes the formula once, in the first cell of the
    range it was copied to, and the others name only its group (si). Their text is the first cell's, with its
    relative references moved as Excel moves them; if that cannot be worked out, it is said where it comes from."""
    masters = {}
    for position, attributes in shared:
        if attributes.get("ref") and formulas.get(position):
            masters[attributes.get("si")] = (position, formulas[position])
    for position, attributes in shared:
        master = masters.get(attributes.get("si"))
        if master is None or formulas.get(position) or master[0] == position:
            continue
        formulas[position] = _moved(master[1], master[0], position)


def _moved(formula: str, origin: Position, target: Position) -> str:
    try:
        from openpyxl.formula.translate import Translator  # only for shared formulas, which plans rarely hold

        text = Translator("=" + formula, origin=cell_name(*origin)).translate_formula(cell_name(*target))
        return text[1:] if text.startswith("=") else text
    except Exception:  # a formula the translator cannot follow: say where it comes from instead
        return f"{formula} (copied from {cell_name(*origin)})"


def unescape(text: str) -> str:
    """XML's five named references and character references, as a parser resolves them."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(lambda m: chr(int(m[1], 16)) if m[1] else chr(int(m[2])) if m[2] else _NAMED[m[3]], text)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _int(text: str | None) -> int:
    try:
        return int(text) if text is not None else -1
    except ValueError:
        return -1


class _ColumnNumbers(dict):
    """Column letters (bytes) -> 0-based column number, worked out once per letters."""

    def __missing__(self, letters: bytes) -> int:
        number = parse_cell_name(letters.decode() + "1")[1]
        self[letters] = number
        return number


COLUMNS = _ColumnNumbers()  # shared by the readers of cell references
