"""The Validation sheet: its rows, built from a Report as a formatter would, and the one bulk write of them."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..findings import ERROR, INFO, WARNING
from ..model import Plan
from .host import FORMATTING, Host
from .live import VALIDATION_SHEET
from .marks import owned_sheet
from .text import cell_text

VALIDATION_HEADER = ["Go to", "Severity", "Code", "Message", "Ref", "Priority", "Column", "Suggestion"]
COLUMN_WIDTHS = (9, 9, 8, 90, 8, 8, 16, 45)


def link(sheet: str, cell: str) -> str:
    """A HYPERLINK formula that jumps to a cell of the plan (the one formula the tool writes on purpose)."""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return f'=HYPERLINK("{target.replace(chr(34), chr(34) * 2)}","{cell}")'


def validation_rows(plan: Plan, report: Any, run_at: dt.datetime) -> list[list[Any]]:
    """The sheet's cells: a head (run time, as-of date, counts) and one row per finding. Plan text is made
    safe (cell_text), so that a comment starting '=' never becomes a formula."""
    counts = report.by_severity
    head = [
        ["sip-excel validation", None, None, None, None, None, None, None],
        ["Run at", run_at, None, "As of", report.as_of, None, None, None],
        ["Errors", counts[ERROR], None, "Warnings", counts[WARNING], None, "Info", counts[INFO]],
        ["By code", ", ".join(f"{code}: {n}" for code, n in sorted(report.by_code.items())) or "none",
         None, None, None, None, None, None],
        [None] * 8,
        list(VALIDATION_HEADER),
    ]
    body = [[link(plan.sheet, f.cell), f.severity, f.code, cell_text(f.message), cell_text(f.ref),
             f.priority, cell_text(f.column), cell_text(f.suggestion)] for f in report.findings]
    return head + body


def write_validation_sheet(book: Any, plan: Plan, report: Any, run_at: dt.datetime, host: Host) -> None:
    sheet = owned_sheet(book, VALIDATION_SHEET, host)
    sheet["A1"].value = validation_rows(plan, report, run_at)
    if FORMATTING not in host.features:
        return
    sheet["A1"].font.bold = True
    sheet["A6:H6"].font.bold = True
    for column, width in zip("ABCDEFGH", COLUMN_WIDTHS):
        sheet[f"{column}:{column}"].column_width = width
