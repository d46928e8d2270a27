"""The Excel buttons: Validate, Clear marks, Build report and Set up workbook, each a thin adapter.

Each button takes an optional xlwings ``Book`` (``xw.Book.caller()`` when RunPython
calls it), reads what it needs in a few bulk reads (``live``), calls the same library
functions as the command line, and writes back in a few grouped writes (``marks``,
``validation_sheet``, ``setup``). No rule logic lives here. The VBA macros
(macros/SipExcel.bas) call these names.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from ..config import SETTINGS_SHEET
from ..history import HISTORY_SHEET
from . import marks, setup
from .failures import alert, button, log_path
from .live import MARKS_SHEET, VALIDATION_SHEET, book_path, find_sheet, load_live, read_history
from .validation_sheet import VALIDATION_HEADER, write_validation_sheet


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@button
def validate(book: Any = None) -> Any:
    """The Validate button: check the live plan, list the findings, mark the cells."""
    from ..validate import validate as run_rules

    plan, config = load_live(book)
    history = read_history(book)
    stamps = history.record(plan, config.today)
    if stamps:
        stamped = {row: date for row, _, date in stamps}
        column = plan.table.columns["comment_updated"]
        for i, row in enumerate(column.rows):  # the plan in memory sees what the sheet now holds
            if column.columns[i] >= 0 and row in stamped:
                plan.set_value(i, "comment_updated", stamped[row])
    plan.comment_first_seen = history.first_seen_for(plan)
    report = run_rules(plan, config)
    plan_sheet = book.sheets[plan.sheet]
    write_validation_sheet(book, plan, report, _now())
    marks.mark_cells(book, plan_sheet, plan, report, history)
    if stamps:  # the one write into the plan's own cells, after everything that could fail first
        marks.write_stamps(plan_sheet, stamps)
    marks.write_history(book, history)
    book.sheets[VALIDATION_SHEET].activate()
    alert(book, f"{report}\n\nThe Validation sheet lists each problem with a link to its cell; the cells are "
          "highlighted on the plan. Click Clear marks to remove the highlights.",
          mode="critical" if report.errors else "info")
    return report


@button
def clear_marks(book: Any = None) -> None:
    """The Clear marks button: remove every highlight and note the tool added, and nothing else."""
    plan, _ = load_live(book)
    history = read_history(book)
    plan_sheet = book.sheets[plan.sheet]
    marks.apply_notes(book, plan_sheet, marks.clear_marks(book, history), {}, history)
    marks.write_history(book, history)


@button
def build_report(book: Any = None) -> Path:
    """The Build report button: the same document as `sip-excel report`, from the live workbook."""
    from ..report import ReportInputs, build_report as write_report, default_output, unused_name
    from ..rollup import rollup
    from ..validate import validate as run_rules

    workbook_path = book_path(book)  # before the work: a workbook never saved has nowhere to put the report
    plan, config = load_live(book)
    plan.comment_first_seen = read_history(book).first_seen_for(plan)
    report = run_rules(plan, config)
    inputs = ReportInputs(plan, config, report, rollup(plan, report))
    output = unused_name(default_output(workbook_path, config.today))
    written = write_report(inputs, output)
    alert(book, f"The committee report is ready:\n{written}")
    _open(written)
    return written


def _open(path: Path) -> None:
    """Open the document where the platform allows (Windows and macOS)."""
    if os.environ.get("SIP_EXCEL_NO_OPEN"):
        return
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
    elif sys.platform == "darwin":
        import subprocess

        subprocess.Popen(["open", str(path)])  # noqa: S603, S607


@button
def setup_workbook(book: Any = None, comment_updated: bool = False) -> None:
    """The Set up workbook button: RAG drop-downs and colours, the Settings sheet, optionally a
    "Comment updated" column. Existing data is left untouched."""
    if find_sheet(book, SETTINGS_SHEET) is None:
        setup.add_settings_sheet(book)
    plan, config = load_live(book)
    history = read_history(book)
    sheet = book.sheets[plan.sheet]
    setup.add_status_lists(sheet, plan, config, history)
    width = (setup.add_comment_updated_column(sheet, plan) if comment_updated
             else max(len(row) for row in plan.grid.rows))
    marks.write_history(book, history)
    if setup.add_buttons(sheet, width + 2):
        buttons = "The buttons are at the top of the plan, to the right of the table."
    else:
        buttons = "This Excel cannot add buttons from Python: see 'In Excel: the buttons' in the README."
    alert(book, f"The plan is set up: RAG drop-down lists and colours are in place. {buttons}")


__all__ = ["validate", "build_report", "clear_marks", "setup_workbook", "log_path", "HISTORY_SHEET",
           "MARKS_SHEET", "VALIDATION_HEADER"]
