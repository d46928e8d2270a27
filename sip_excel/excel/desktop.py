"""The desktop route: VBA's RunPython starts Python on the PC, which drives Excel through its object model."""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import SipError
from ..history import History
from . import host as features
from .marks import NOTES_MACRO, notes_one_by_one

log = logging.getLogger(__name__)

# The buttons Set up workbook adds (caption, macro in macros/SipExcel.bas), and their size in points.
BUTTONS = (("Validate", "ValidatePlan"), ("Build report", "BuildReport"), ("Clear marks", "ClearMarks"),
           ("Set up workbook", "SetUpWorkbook"))
BUTTON_SIZE = (110, 24, 6)  # width, height, gap


class DesktopHost:
    """Desktop Excel through RunPython (or any xlwings engine given a Book, such as a script's)."""

    route = "desktop"
    features = frozenset({features.NOTES, features.HIGHLIGHTS, features.DROP_DOWNS, features.HIDDEN_SHEETS,
                          features.FORMATTING, features.FORM_BUTTONS, features.INPUT_MESSAGE,
                          features.OPEN_DOCUMENT})

    def __init__(self, book: Any) -> None:
        self.book = book

    def sheet_block(self, sheet: Any) -> Any | None:
        return sheet.used_range

    def apply_notes(self, sheet: Any, remove: list[str], add: dict[str, str], history: History) -> None:
        """All of a click's notes in one call to the workbook's ApplyNotes macro (macros/SipExcel.bas), which
        loops inside Excel. A workbook without the macro (a script driving some other workbook) gets one call
        per note instead. (On the remote engine a macro call never fails: it is only recorded.)"""
        if not remove and not add:
            return
        try:
            self.book.macro(NOTES_MACRO)(sheet.name, remove or "", list(add) or "", list(add.values()) or "")
            return
        except Exception:  # noqa: BLE001  no SipExcel module in this workbook
            log.info("%s not found in the workbook; notes are written one by one", NOTES_MACRO)
        notes_one_by_one(sheet, remove, add, history)

    def add_buttons(self, sheet: Any, column: int) -> bool:
        return add_form_buttons(sheet, column)

    def input_message(self, cells: Any, title: str, message: str) -> None:
        set_input_message(cells, title, message)

    def workbook_path(self) -> Path:
        """Where the workbook is saved; a workbook never saved has no folder to put a report in."""
        path = Path(self.book.fullname)
        if not path.suffix:  # Excel calls a new workbook "Book1" until it is saved
            raise SipError(f"'{self.book.name}' has not been saved yet, so there is no folder to put the report "
                           "in. Save it as a macro-enabled workbook (File > Save As > .xlsm), then click Build "
                           "report again.")
        return path if path.is_absolute() else Path.cwd() / path

    def report_ready(self, path: Path) -> str:
        """Open the document where the platform allows (Windows and macOS)."""
        if not os.environ.get("SIP_EXCEL_NO_OPEN"):
            if sys.platform == "win32":
                os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
            elif sys.platform == "darwin":
                import subprocess

                subprocess.Popen(["open", str(path)])  # noqa: S603, S607
        return f"The committee report is ready:\n{path}"


def add_form_buttons(sheet: Any, column: int) -> bool:
    """Excel form buttons that run the SipExcel macros, at the top of ``column`` (1-based), where the engine
    exposes Excel's own object model (desktop Excel on Windows). Buttons already there are kept. False where
    it cannot (the Mac, the remote engine), so the user is told the manual step."""
    try:
        buttons = sheet.api.Buttons()
        existing = {buttons.Item(index).Caption for index in range(1, buttons.Count + 1)}
        anchor = sheet.range((2, column)).api
        left, top = anchor.Left, anchor.Top
    except Exception:  # noqa: BLE001  no native Excel object model here
        log.debug("form buttons not supported by this engine")
        return False
    width, height, gap = BUTTON_SIZE
    for number, (caption, macro) in enumerate(BUTTONS):
        if caption in existing:
            continue
        button = buttons.Add(left, top + number * (height + gap), width, height)
        button.Caption, button.OnAction = caption, macro
    return True


def set_input_message(cells: Any, title: str, message: str) -> None:
    """Excel's input message on the cells, where the engine exposes the native object (desktop Excel)."""
    try:
        validation = cells.api.Validation
        validation.InputTitle, validation.InputMessage, validation.ShowInput = title, message, True
    except Exception:
        log.debug("input message not supported by this engine")
