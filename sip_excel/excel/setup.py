"""Set up workbook: BRAG drop-downs and colours on the RAG column, the Settings sheet, and the buttons."""
from __future__ import annotations

import logging
from typing import Any

from ..config import Config
from ..grid import column_letter
from ..history import History
from ..model import Plan

log = logging.getLogger(__name__)

# The buttons Set up workbook adds (caption, macro in macros/SipExcel.bas), and their size in points.
BUTTONS = (("Validate", "ValidatePlan"), ("Build report", "BuildReport"), ("Clear marks", "ClearMarks"),
           ("Set up workbook", "SetUpWorkbook"))
BUTTON_SIZE = (110, 24, 6)  # width, height, gap
BRAG_FILLS = {"Blue": "#9DC3E6", "Red": "#F4B6B5", "Amber": "#FFD966", "Green": "#C5E0B3"}
BRAG_HELP = ("Blue: complete. Red: stuck. Amber: more work needed, or an issue in sight. Green: in progress, "
             "no barriers.")


def add_status_lists(sheet: Any, plan: Plan, config: Config, history: History) -> None:
    """A BRAG drop-down list (with its input message, where the engine can) on each table's RAG cells, and the
    BRAG colours, once per range: the history remembers where they went."""
    spellings = sorted({*config.brag.values()}, key=["Blue", "Red", "Amber", "Green"].index)
    last_row = max([a.row for a in plan.actions] + [h.row for h in plan.headers]) + 1
    for start, header in enumerate(plan.headers):
        rag = header.columns.get("rag")
        end = plan.headers[start + 1].row if start + 1 < len(plan.headers) else last_row
        if rag is None or end <= header.row + 1:
            continue
        cells = sheet.range((header.row + 2, rag + 1), (end, rag + 1))
        cells.data_validation.set_list(spellings)
        input_message(cells, "BRAG status", BRAG_HELP)
        first = f"{column_letter(rag)}{header.row + 2}"
        where = f"{first}:{column_letter(rag)}{end}"
        if where in history.coloured:
            continue  # set up before: the colour rules are there (adding them again would pile up copies)
        history.coloured.add(where)
        for status, colour in BRAG_FILLS.items():
            words = [w for w, s in config.brag.items() if s == status]
            test = ",".join(f'LOWER(TRIM({first}))="{w}"' for w in words)
            cells.conditional_formats.add_custom(f"=OR({test})", fill_color=colour)


def add_comment_updated_column(sheet: Any, plan: Plan) -> int:
    """A "Comment updated" label right of every header row, unless the plan has that column; returns the
    table's width afterwards."""
    width = max(len(row) for row in plan.grid.rows)  # the live rows, as read from A1
    if not any("comment_updated" in h.columns for h in plan.headers):
        for header in plan.headers:
            sheet.range((header.row + 1, width + 1)).value = "Comment updated"
        width += 1
    return width


def add_buttons(sheet: Any, column: int) -> bool:
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


def input_message(cells: Any, title: str, message: str) -> None:
    """Excel's input message on the cells, where the engine exposes the native object (desktop Excel)."""
    try:
        validation = cells.api.Validation
        validation.InputTitle, validation.InputMessage, validation.ShowInput = title, message, True
    except Exception:
        log.debug("input message not supported by this engine")


def settings_rows() -> list[list[Any]]:
    """The Settings sheet Set up adds to a workbook without one: every label the reader knows, defaults filled."""
    from ..config import DEFAULT_BRAG

    return [
        ["Report", None, None], ["Committee", None, None], ["Meeting date", None, None], ["Subject", None, None],
        ["Public", "Public", None], ["Report of", None, None], ["Report author", None, None],
        ["Author role", None, None], ["Author telephone", None, None], ["Author email", None, None],
        ["Plan name", None, None], [None, None, None], ["Validation", None, None], ["As of date", None, None],
        ["Plan start", None, None], ["Plan end", None, None], ["Reporting period (months)", 3, None],
        ["Staleness window (days)", 92, None], ["Plan sheet", None, None], [None, None, None],
        ["Officers", None, None], ["Initials", "Name", "Role"], [None, None, None],
        ["BRAG spellings", None, None], ["Spelling", "Status", None],
        *[[spelling.capitalize(), status, None] for spelling, status in DEFAULT_BRAG.items()],
        [None, None, None], ["Severities", None, None], ["Code", "Severity", None],
    ]


def add_settings_sheet(book: Any) -> None:
    from ..config import SETTINGS_SHEET

    sheet = book.sheets.add(SETTINGS_SHEET, after=book.sheets[len(book.sheets) - 1])
    sheet["A1"].value = settings_rows()
