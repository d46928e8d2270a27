"""The seam between the buttons and the Excel that runs them: one Host protocol, one module per route.

A route is how a click reaches Python: ``desktop`` (VBA's RunPython, with Python installed on the PC; see
desktop.py) or ``lite`` (the xlwings Lite add-in, Python in WebAssembly inside Excel; see lite.py). The
buttons ask the host what it can do (``features``) instead of trying and catching.

``ROUTE_ACTIONS`` is the one list of the Excel actions each route may emit, as xlwings' remote engine records
them; tests/test_excel_routes.py runs every button on each route and checks nothing else is emitted.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Protocol

# Features a host may have. The Validation sheet, the one thing every route writes, needs none of them.
NOTES = "notes"  # cell notes (Excel's comments)
HIGHLIGHTS = "highlights"  # conditional formats, which colour the cells with findings
DROP_DOWNS = "drop-downs"  # data validation lists on the RAG column
HIDDEN_SHEETS = "hidden sheets"  # the tool's _sip_marks and _sip_history sheets kept out of sight
FORMATTING = "formatting"  # bold headings and column widths on the Validation sheet
FORM_BUTTONS = "form buttons"  # Excel form buttons added by Set up (desktop Excel on Windows only)
INPUT_MESSAGE = "input message"  # the help text shown when a RAG cell is selected (desktop Excel only)
OPEN_DOCUMENT = "open document"  # the report is opened in Word after it is written

# What every route emits: values, the tool's own sheets, and a message box.
CORE_ACTIONS = frozenset({"setValues", "addSheet", "sheetClear", "sheetClearContents", "activateSheet", "alert"})
# Marking the plan: notes, highlights, drop-down lists, hidden sheets, formatting.
MARKING_ACTIONS = frozenset({"addNote", "deleteNote", "addConditionalFormat", "setDataValidationList",
                             "setSheetVisibility", "setFontProperty", "setColumnWidth"})
ROUTE_ACTIONS: dict[str, frozenset[str]] = {
    # runMacro: the workbook's ApplyNotes VBA macro adds a click's notes in one call.
    "desktop": CORE_ACTIONS | MARKING_ACTIONS | {"runMacro"},
    # No VBA in Lite, so never runMacro: notes go one by one, where the xlwings Lite pins can write them.
    "lite": CORE_ACTIONS | MARKING_ACTIONS,
}


class Host(Protocol):
    """What a button needs from the Excel it runs in."""

    route: str
    features: frozenset[str]

    def sheet_block(self, sheet: Any) -> Any | None:
        """The range holding a sheet's cells (None for an empty sheet): read in one bulk read."""

    def apply_notes(self, sheet: Any, remove: list[str], add: dict[str, str], history: Any) -> None:
        """Delete the tool's notes at ``remove`` and add ``add`` (cell -> text), keeping staff notes."""

    def add_buttons(self, sheet: Any, column: int) -> bool:
        """Add the four buttons at the top of ``column`` (1-based); False where this host cannot."""

    def input_message(self, cells: Any, title: str, message: str) -> None:
        """Show ``message`` when one of ``cells`` is selected, where the host can."""

    def workbook_path(self) -> Path:
        """The path the report is named after and written beside; raises SipError where there is none."""

    def report_ready(self, path: Path) -> str:
        """Show the written report where the host can, and say where it is, in a sentence for the user."""


def host_for(book: Any, route: str | None = None) -> Host:
    """The host for a route; without one, Lite where Python runs in WebAssembly, desktop elsewhere."""
    from .desktop import DesktopHost
    from .lite import LiteHost

    route = route or ("lite" if sys.platform == "emscripten" else "desktop")
    if route not in ROUTE_ACTIONS:
        raise ValueError(f"unknown route {route!r}: the routes are {', '.join(ROUTE_ACTIONS)}")
    return LiteHost(book) if route == "lite" else DesktopHost(book)
