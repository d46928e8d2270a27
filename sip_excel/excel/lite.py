"""The xlwings Lite route: Python in WebAssembly (Pyodide) inside Excel, the code kept in the workbook.

What Lite cannot do, and what the buttons do instead:
- no VBA, so no ApplyNotes macro: notes go one by one;
- no threads, subprocesses or compiled readers: the buttons read only from the workbook;
- no folder of the workbook's: the report goes to /data, Lite's own file area, where the user downloads it
  (xlwings Lite menu > Files > Import/Export);
- no form buttons from Python and no input messages: the Lite workbook carries shapes linked to the scripts.
The Excel API a script gets is that of the xlwings the workbook pins in requirements.txt. xlwings 0.33.11 (what
Lite workbooks of early 2026 pin) records no notes, conditional formats, drop-down lists, sheet visibility,
fonts or column widths, and cannot read a used range; from 0.37 (tested with 0.37.8) it records them all.
With the older one the Validation sheet still carries every message and link.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..history import History
from . import host as features
from .marks import notes_one_by_one

DATA = "/data"  # Lite's file area: files written here appear under Files > Import/Export, for download
MARKING_FROM = (0, 37)  # the first xlwings minor version tested to record the marking actions
MARKING = frozenset({features.NOTES, features.HIGHLIGHTS, features.DROP_DOWNS, features.HIDDEN_SHEETS,
                     features.FORMATTING})


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2] if part.isdigit())


class LiteHost:
    """xlwings Lite: a remote-engine Book whose actions the add-in carries out in Excel when the script ends."""

    route = "lite"

    def __init__(self, book: Any, xlwings_version: str | None = None) -> None:
        if xlwings_version is None:
            import xlwings

            xlwings_version = xlwings.__version__
        self.book = book
        self.features = MARKING if version(xlwings_version) >= MARKING_FROM else frozenset()

    def sheet_block(self, sheet: Any) -> Any | None:
        """The cells from A1 to the last the add-in sent; older xlwings has no used_range on this engine, but
        the sheet's values are in the script's payload (``sheet.api``), so their size is known."""
        values = sheet.api.get("values") or []
        height, width = len(values), max((len(row) for row in values), default=0)
        if not height or not width:
            return None
        return sheet.range((1, 1), (height, width))

    def apply_notes(self, sheet: Any, remove: list[str], add: dict[str, str], history: History) -> None:
        if features.NOTES in self.features and (remove or add):
            notes_one_by_one(sheet, remove, add, history)

    def add_buttons(self, sheet: Any, column: int) -> bool:
        return False  # Office.js cannot link a shape to a script: the Lite workbook ships with its buttons

    def input_message(self, cells: Any, title: str, message: str) -> None:
        return None

    def workbook_path(self) -> Path:
        return Path(os.environ.get("SIP_EXCEL_LITE_DATA", DATA)) / self.book.name

    def report_ready(self, path: Path) -> str:
        return (f"The committee report is ready: {path.name}\n\nTo download it, open the xlwings Lite menu > "
                "Files > Import/Export and click the download button next to it. (Lite keeps it until the "
                "Office cache is cleared.)")
