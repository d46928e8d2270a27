"""A sheet's values read from its XML, for the sheets python-calamine cannot read.

python-calamine refuses a whole sheet over one of Excel's newer error values (#SPILL!,
#CALC!, ...), panics on a date cell holding -1e20, and builds a dense range, so one stray
cell at XFD1048576 asks it for seventeen thousand million cells.  This reader gives the
same values as python-calamine (text, floats, booleans, dates and times, '' for an empty
cell or an error) for any sheet, and keeps to the cells that hold something: where
the cells spread far beyond what they hold, the rows are :class:`..grid.SparseRows`,
which hold only the rows with something in them, each ending at its last cell.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from .parts import Parts
from ..grid import SparseRows, parse_cell_name, place_cells
from .far import fits_dense
from .scan import COLUMNS, PlainCheck, cells_of, events_of, unescape, whole_cells

_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LAST_SERIAL = 2958466  # 31 December 9999, Excel's last day


_ITEM = re.compile(rb"<si>(.*?)</si>", re.S)


def shared_strings(open_pieces: Callable[[], Iterable[bytes]]) -> list[str]:
    """The shared-strings table: each item's text, its rich-text runs joined, its phonetic guides left out.

    Read with regular expressions where the part is as workbook writers write it, else with the parser."""
    xml = b"".join(open_pieces())
    if (b"<!" not in xml and b":si" not in xml and b":t" not in xml and xml.count(b"<si>") == xml.count(b"<si")
            and xml.count(b"<t>") + xml.count(b"<t ") == xml.count(b"<t")):
        strings = []
        for item in _ITEM.findall(xml):
            if item.startswith(b"<t>") and item.endswith(b"</t>") and item.count(b"<") == 2:
                strings.append(_text(item[3:-4]))
            else:
                strings.append("".join(_text(t) for t in _INLINE_T.findall(_PHONETIC.sub(b"", item))))
        return strings
    return _parsed_strings(open_pieces())


def _parsed_strings(pieces: Iterable[bytes]) -> list[str]:
    strings: list[str] = []
    texts: list[str] = []
    phonetic = 0
    for event, element in events_of(pieces):
        name = element.tag.rpartition("}")[2]
        if event == "start":
            if name == "rPh":
                phonetic += 1
            elif name == "si":
                texts = []
            continue
        if name == "t" and not phonetic:
            texts.append(element.text or "")
        elif name == "rPh":
            phonetic -= 1
        elif name == "si":
            strings.append("".join(texts))
            element.clear()
    return strings


def read_values(open_pieces: Callable[[], Iterable[bytes]], strings: list[str], parts: Parts,
                merged_out: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
                ) -> list[list[Any]] | SparseRows:
    """Rows of values from A1, as python-calamine gives them; sparse rows when the cells lie far apart.

    XML as workbook writers write it is read with regular expressions (a cell in a microsecond or so); any
    other well-formed sheet with the parser. ``open_pieces`` gives the XML afresh each time it is called.
    """
    return _rows(read_cells(open_pieces, strings, parts, merged_out))


def read_cells(open_pieces: Callable[[], Iterable[bytes]], strings: list[str], parts: Parts,
               merged_out: list[tuple[tuple[int, int], tuple[int, int]]] | None = None) -> dict[int, dict[int, Any]]:
    """Row -> column -> value of each cell that holds one (0-based), as :func:`read_values` reads them."""
    placed: dict[int, dict[int, Any]] = {}
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
    try:
        placed = _plain_cells(open_pieces(), strings, parts, merged)
    except _NotPlain:
        placed, merged = {}, []
        for (row, column), cell in cells_of(open_pieces(), merged):
            value = _value(cell, strings, parts)
            if value is not None:  # None: no value at all (a styled empty cell), which python-calamine leaves out
                placed.setdefault(row, {})[column] = value
    if merged_out is not None:
        merged_out.extend(merged)
    return placed


def _rows(placed: dict[int, dict[int, Any]]) -> list[list[Any]] | SparseRows:
    height = max(placed, default=-1) + 1
    width = max((max(cells) + 1 for cells in placed.values()), default=0)
    count = sum(map(len, placed.values()))
    if fits_dense(height, width, count):  # as python-calamine gives them: every row as wide as the widest
        rows = [[""] * width for _ in range(height)]
        for r, cells in placed.items():
            line = rows[r]
            for c, value in cells.items():
                line[c] = value
        return rows
    return place_cells(placed)  # only the rows that hold something, each as long as its last cell


class _NotPlain(Exception):
    """The XML is not in the form the regular expressions read exactly."""


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_KIND = re.compile(rb' t="([^"]*)"')
_STYLE = re.compile(rb' s="(\d+)"')
_V = re.compile(rb"<v>([^<]*)</v>")
_INLINE_T = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.S)
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+\d+):([A-Z]+\d+)"')


def _plain_cells(pieces: Iterable[bytes], strings: list[str], parts: Parts,
                 merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> dict[int, dict[int, Any]]:
    """Row -> column -> value, read with regular expressions; :class:`_NotPlain` if the XML is not as writers
    write it. The loop is the cost of a sheet read this way, so it does little: plans repeat their cells, and
    each form (attributes and content) is worked out once."""
    check = PlainCheck()
    columns = COLUMNS
    known: dict[Any, Any] = {}
    placed: dict[int, dict[int, Any]] = {}
    row_number = None
    row: dict[int, Any] = {}
    for xml in whole_cells(pieces):
        if not check(xml) or b"<v " in xml:  # a value element with attributes: the parser reads it
            raise _NotPlain
        for letters, digits, attributes, inner in _CELL.findall(xml):
            if not inner:
                continue  # no value at all: python-calamine leaves the cell out
            key = (attributes, inner)
            typed = known.get(key, known)
            if typed is known:
                typed = known[key] = _cell_value(attributes, inner, strings, parts)
            if typed is None:
                continue
            if digits != row_number:
                if digits[:1] == b"0":  # row 0, or a number as no writer writes it: the parser refuses or reads it
                    raise _NotPlain
                row_number = digits
                row = placed.setdefault(int(digits) - 1, {})
            row[columns[letters]] = typed
        if b"<mergeCell" in xml:
            merged.extend((parse_cell_name(first.decode()), parse_cell_name(last.decode()))
                          for first, last in _MERGE.findall(xml))
    return placed


def _cell_value(attributes: bytes, inner: bytes, strings: list[str], parts: Parts) -> Any:
    kind = _KIND.search(attributes)
    style = _STYLE.search(attributes)
    if kind is not None and kind[1] == b"inlineStr":
        text = None
        inline = [_text(t) for t in _INLINE_T.findall(_PHONETIC.sub(b"", inner))]
    else:
        value = _V.search(inner)
        if value is None:
            return None
        text, inline = _text(value[1]), None
    return _typed(kind[1].decode() if kind else "n", text, inline, int(style[1]) if style else 0, strings, parts)




def _text(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    return unescape(text) if "&" in text else text


def _value(cell: Any, strings: list[str], parts: Parts) -> Any:
    kind = cell.get("t", "n")
    text = None
    inline: list[str] | None = None
    for child in cell:
        name = child.tag.rpartition("}")[2]
        if name == "v":
            text = child.text or ""
        elif name == "is":
            inline = inline or []
            inline.extend(t.text or "" for t in child.iter() if t.tag.rpartition("}")[2] == "t"
                          and not _in_phonetic(child, t))
    style = cell.get("s") or "0"
    return _typed(kind, text, inline, int(style) if style.isdigit() else 0, strings, parts)


def _typed(kind: str, text: str | None, inline: list[str] | None, style: int, strings: list[str],
           parts: Parts) -> Any:
    """A cell's value as python-calamine gives it; None for a cell with no value at all."""
    if kind == "inlineStr":
        return None if inline is None else "".join(inline)
    if text is None or (kind == "n" and not text.strip()):
        return None
    if kind == "e":
        return ""  # python-calamine reads an error value as empty; the scan reports the error itself
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return ""
    if kind == "str":
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        try:
            return dt.datetime.fromisoformat(text.strip())
        except ValueError:
            return text
    try:
        number = float(text)
    except ValueError:
        return text
    if style in parts.date_styles:
        return _date(number, parts.date1904)
    if style in parts.time_styles:
        return _time(number, parts.time_styles[style])
    return number


def _in_phonetic(inline: Any, target: Any) -> bool:
    return any(element.tag.rpartition("}")[2] == "rPh" and any(t is target for t in element.iter())
               for element in inline)


def _date(serial: float, date1904: bool) -> Any:
    """A date cell's value: a date, or a date and time; a number no calendar holds stays the number it is."""
    if not math.isfinite(serial) or not 0 <= serial < _LAST_SERIAL:
        return serial  # -1e20, inf: no date at all, and the plan reader says so
    if serial < 1:
        return (_EPOCH_1900 + _days(serial)).time()  # a time of day, as python-calamine reads it
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if not date1904 and serial < 60:
        serial += 1  # Excel counts a 29 February 1900 that never was: its 60 reads as 28 February, as in calamine
    moment = epoch + _days(serial)
    return moment.date() if serial == int(serial) else moment


def _days(serial: float) -> dt.timedelta:
    """A serial number's days and time, to the millisecond as python-calamine rounds them."""
    return dt.timedelta(milliseconds=round(serial * 86_400_000))


def _time(number: float, number_format: str) -> Any:
    if not math.isfinite(number) or abs(number) > _LAST_SERIAL:
        return number
    if "[" in number_format:  # [h]:mm: a duration, which can pass 24 hours
        return _days(number)
    if 0 <= number < 1:
        return (_EPOCH_1900 + _days(number)).time()
    return (_EPOCH_1900 + _days(number)) if number >= 0 else number
