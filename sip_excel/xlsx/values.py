"""A sheet's values read from its XML, for the sheets python-calamine cannot read.

python-calamine refuses a whole sheet over one of Excel's newer error values (#SPILL!,
#CALC!, ...), panics on a date cell holding -1e20, and builds a dense range, so one stray
cell at XFD1048576 asks it for seventeen thousand million cells.  This reader gives the
same values as python-calamine (text, floats, booleans, dates and times, '' for an empty
cell or an error) for any sheet, and keeps to the cells that hold something: where
the cells spread far beyond what they hold, rows end at their last cell and empty
rows are one shared empty list.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from .parts import Parts
from .scan import cells_of, events_of, fits_dense

EMPTY_ROW: list[Any] = []  # shared by the empty rows of a sparse sheet; never written to (see Grid)
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_LAST_SERIAL = 2958466  # 31 December 9999, Excel's last day


def shared_strings(pieces: Iterable[bytes]) -> list[str]:
    """The shared-strings table: each item's text, its rich-text runs joined, its phonetic guides left out."""
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


def read_values(pieces: Iterable[bytes], strings: list[str], parts: Parts,
                merged_out: list[tuple[tuple[int, int], tuple[int, int]]] | None = None) -> list[list[Any]]:
    """Rows of values from A1, as python-calamine gives them; sparse rows when the cells lie far apart."""
    placed: dict[int, dict[int, Any]] = {}
    width = count = 0
    for (row, column), cell in cells_of(pieces, merged_out):
        value = _value(cell, strings, parts)
        if value is None:
            continue  # no value at all (a styled empty cell): python-calamine leaves it out too
        placed.setdefault(row, {})[column] = value
        width = max(width, column + 1)
        count += 1
    height = max(placed, default=-1) + 1
    if fits_dense(height, width, count):  # as python-calamine gives them: every row as wide as the widest
        rows = [[""] * width for _ in range(height)]
        for r, cells in placed.items():
            line = rows[r]
            for c, value in cells.items():
                line[c] = value
        return rows
    rows = [EMPTY_ROW] * height  # one pointer per row, made in C: a stray cell at row 1,048,576 costs 8 MB
    for r, cells in placed.items():
        line = rows[r] = [""] * (max(cells) + 1)
        for c, value in cells.items():
            line[c] = value
    return rows


def _value(cell: Any, strings: list[str], parts: Parts) -> Any:
    kind = cell.get("t", "n")
    text = None
    inline: list[str] = []
    for child in cell:
        name = child.tag.rpartition("}")[2]
        if name == "v":
            text = child.text or ""
        elif name == "is":
            inline.extend(t.text or "" for t in child.iter() if t.tag.rpartition("}")[2] == "t"
                          and not _in_phonetic(child, t))
    if kind == "inlineStr":
        return "".join(inline)
    if text is None:
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
    style = int(cell.get("s", "0") or 0) if (cell.get("s") or "0").isdigit() else 0
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
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    if not date1904 and serial < 61:
        serial += 1  # Excel counts a 29 February 1900 that never was
    moment = epoch + dt.timedelta(days=serial)
    return moment.date() if serial == int(serial) else moment


def _time(number: float, number_format: str) -> Any:
    if not math.isfinite(number) or abs(number) > _LAST_SERIAL:
        return number
    if "[" in number_format:  # [h]:mm: a duration, which can pass 24 hours
        return dt.timedelta(days=number)
    if 0 <= number < 1:
        moment = _EPOCH_1900 + dt.timedelta(days=number)
        return moment.time()
    return (_EPOCH_1900 + dt.timedelta(days=number)) if number >= 0 else number
