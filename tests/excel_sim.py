"""A stand-in for Excel in tests: payloads for xlwings' remote engine, and a replay of its recorded actions.

`xw.Book(json=payload)` runs the real xlwings Book/Sheet/Range API and records
what it would do in Excel as a list of actions.  `apply` plays those actions
back onto the payload, as Excel would, so a second click can be run on the
result: that is how the tests see "run twice" and "clear marks".
"""
from __future__ import annotations

import copy
import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import python_calamine

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # public-sector, non-commercial use; tests only
import xlwings as xw  # noqa: E402

from sip_excel.grid import cell_name, parse_cell_name  # noqa: E402


DATE_WRITTEN = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}:\d{2})?$")


def to_payload_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value


def sheet_payload(name: str, rows: list[list[Any]], notes: list[str] = ()) -> dict[str, Any]:
    width = max((len(r) for r in rows), default=0)
    values = [[to_payload_value(v) for v in row] + [""] * (width - len(row)) for row in rows] or [[]]
    sheet = {"name": name, "visibility": "Visible", "values": values, "pictures": [], "shapes": [], "charts": [],
             "tables": [], "notes": [{"address": a} for a in notes], "print_area": None}
    _set_used_range(sheet)
    return sheet


def _set_used_range(sheet: dict[str, Any]) -> None:
    values = sheet["values"]
    height = max((r + 1 for r, row in enumerate(values) if any(v != "" for v in row)), default=0)
    width = max((c + 1 for row in values for c, v in enumerate(row) if v != ""), default=0)
    sheet["values"] = [row[:width] + [""] * (width - len(row[:width])) for row in values[:height]] or [[]]
    sheet["used_range_address"] = f"$A$1:${cell_name(height - 1, width - 1).rstrip('0123456789')}${height}" \
        if height and width else None


def workbook_payload(path: Path, name: str = "Plan.xlsx", notes: dict[str, list[str]] | None = None) -> dict:
    """A payload holding every sheet of a workbook file, as the Excel client would send it."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    sheets = [sheet_payload(sheet, book.get_sheet_by_name(sheet).to_python(), (notes or {}).get(sheet, []))
              for sheet in book.sheet_names]
    return {"client": "Office.js", "version": xw.__version__, "names": [], "sheets": sheets,
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}}


def open_book(payload: dict) -> Any:
    return xw.Book(json=copy.deepcopy(payload))


def actions(book: Any) -> list[dict[str, Any]]:
    return book.json()["actions"]


def apply(payload: dict, recorded: list[dict[str, Any]]) -> dict:
    """The payload Excel would send next time, after carrying out the recorded actions."""
    result = copy.deepcopy(payload)
    sheets = result["sheets"]
    for action in recorded:
        func, args = action["func"], action["args"]
        sheet = sheets[action["sheet_position"]] if action["sheet_position"] is not None else None
        if func == "addSheet":
            sheets.insert(args[0], sheet_payload(args[1], []))
        elif func == "setValues":
            _write(sheet, action["start_row"], action["start_column"], action["values"])
        elif func in ("sheetClear", "sheetClearContents"):
            sheet["values"] = [[]]
            sheet.pop("formats", None) if func == "sheetClear" else None
            _set_used_range(sheet)
        elif func == "rangeClearContents":
            for r in range(action["row_count"]):
                _write(sheet, action["start_row"] + r, action["start_column"], [[""] * action["column_count"]])
        elif func == "addNote":
            sheet["notes"].append({"address": args[0].replace("$", ""), "text": args[1]})
        elif func == "deleteNote":
            sheet["notes"] = [n for n in sheet["notes"] if n["address"].replace("$", "") != args[0].replace("$", "")]
        elif func == "setSheetVisibility":
            sheet["visibility"] = args[0]
        elif func in ("addConditionalFormat", "setDataValidationList"):
            sheet.setdefault(func, []).append({"at": _where(action), "args": args})
        elif func == "runMacro" and args[0].split("!")[-1] == "SipExcel.ApplyNotes":
            _apply_notes_macro(sheets, *args[1:])
        elif func in ("alert", "activateSheet"):
            continue
        else:
            sheet.setdefault("formats", []).append({"func": func, "at": _where(action), "args": args})
    return result


def _apply_notes_macro(sheets: list[dict[str, Any]], sheet_name: str, remove: Any, add: Any, texts: Any) -> None:
    """What macros/SipExcel.bas's ApplyNotes does in Excel: delete the listed notes that the tool wrote (their
    text starts 'sip-excel:'; a staff note in a payload has no text), then add notes, replacing the tool's own
    and keeping the staff's.
    tests/test_macro_workbook.py runs the real macro in LibreOffice to check it behaves so."""
    sheet = next(s for s in sheets if s["name"] == sheet_name)
    for address in remove or []:
        sheet["notes"] = [n for n in sheet["notes"]
                          if n["address"] != address or not n.get("text", "").startswith("sip-excel:")]
    for address, text in zip(add or [], texts or []):
        sheet["notes"] = [n for n in sheet["notes"]
                          if n["address"] != address or not n.get("text", "").startswith("sip-excel:")]
        if not any(n["address"] == address for n in sheet["notes"]):
            sheet["notes"].append({"address": address, "text": text})


def _where(action: dict[str, Any]) -> tuple:
    return action["start_row"], action["start_column"], action["row_count"], action["column_count"]


def _write(sheet: dict[str, Any], top: int, left: int, values: list[list[Any]]) -> None:
    grid = sheet["values"] if sheet["values"] != [[]] else []
    for r, row in enumerate(values):
        while len(grid) <= top + r:
            grid.append([])
        line = grid[top + r]
        for c, value in enumerate(row):
            while len(line) <= left + c:
                line.append("")
            if isinstance(value, str) and value.startswith("'"):
                value = value[1:]  # Excel keeps the text and drops the apostrophe that marked it as text
            elif isinstance(value, str) and DATE_WRITTEN.match(value):
                # xlwings sends dates as ISO text; Excel stores a date, and the client sends it back like this
                value = dt.datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            line[left + c] = "" if value is None else value
    sheet["values"] = grid
    _set_used_range(sheet)


def values_at(sheet: dict[str, Any], address: str) -> Any:
    row, column = parse_cell_name(address)
    try:
        return sheet["values"][row][column]
    except IndexError:
        return ""


def sheet_of(payload: dict, name: str) -> dict[str, Any]:
    return next(s for s in payload["sheets"] if s["name"] == name)
