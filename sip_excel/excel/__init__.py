"""The Excel buttons: Validate, Clear marks, Build report and Set up workbook, each a thin adapter.

Each button takes an optional xlwings ``Book`` (``xw.Book.caller()`` when RunPython
calls it) and the route that called it (``desktop``: the VBA macros in
macros/SipExcel.bas; ``lite``: the scripts in an xlwings Lite workbook; by default
Lite inside WebAssembly, desktop elsewhere). It reads what it needs in a few bulk
reads (``live``), calls the same library functions as the command line, and writes
back in a few grouped writes (``marks``, ``validation_sheet``, ``setup``), as far as
the route's host can (``host``). No rule logic lives here.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..config import SETTINGS_SHEET
from ..history import HISTORY_SHEET, see_stamps
from . import marks, setup
from .failures import alert, button, log_path
from .host import HIGHLIGHTS, host_for
from .live import MARKS_SHEET, VALIDATION_SHEET, find_sheet, load_live, read_history
from .validation_sheet import VALIDATION_HEADER, write_validation_sheet


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@button
def validate(book: Any = None, route: str | None = None) -> Any:
    """The Validate button: check the live plan, list the findings, mark the cells."""
    from ..validate import validate as run_rules

    host = host_for(book, route)
    plan, config = load_live(book, host)
    history = read_history(book, host)
    stamps = history.record(plan, config.today)
    see_stamps(plan, stamps)
    plan.comment_first_seen = history.first_seen_for(plan)
    report = run_rules(plan, config)
    plan_sheet = book.sheets[plan.sheet]
    write_validation_sheet(book, plan, report, _now(), host)
    marks.mark_cells(book, plan_sheet, plan, report, history, host)
    if stamps:  # the one write into the plan's own cells, after everything that could fail first
        marks.write_stamps(plan_sheet, stamps)
    marks.write_history(book, history, host)
    book.sheets[VALIDATION_SHEET].activate()
    shown = ("; the cells are highlighted on the plan. Click Clear marks to remove the highlights."
             if HIGHLIGHTS in host.features else " (this Excel cannot highlight cells from Python).")
    alert(book, f"{report}\n\nThe Validation sheet lists each problem with a link to its cell{shown}",
          mode="critical" if report.errors else "info")
    return report


@button
def clear_marks(book: Any = None, route: str | None = None) -> None:
    """The Clear marks button: remove every highlight and note the tool added, and nothing else."""
    host = host_for(book, route)
    plan, _ = load_live(book, host)
    history = read_history(book, host)
    host.apply_notes(book.sheets[plan.sheet], marks.clear_marks(book, history, host), {}, history)
    marks.write_history(book, history, host)


@button
def build_report(book: Any = None, route: str | None = None) -> Path:
    """The Build report button: the same document as `sip-excel report`, from the live workbook."""
    from ..api import prepare_report
    from ..report import default_output, unused_name

    host = host_for(book, route)
    workbook_path = host.workbook_path()  # before the work: a workbook never saved has nowhere to put a report
    plan, config = load_live(book, host)
    plan.comment_first_seen = read_history(book, host).first_seen_for(plan)
    prepared = prepare_report(plan, config)
    written = prepared.save(unused_name(default_output(workbook_path, config.today)))
    # One alert: where the report is, then what the author should know that the report leaves out.
    alert(book, "\n\n".join([host.report_ready(written), *prepared.author_notes]))
    return written


@button
def setup_workbook(book: Any = None, comment_updated: bool = False, route: str | None = None) -> None:
    """The Set up workbook button: RAG drop-downs and colours, the Settings sheet, optionally a
    "Comment updated" column. Existing data is left untouched."""
    host = host_for(book, route)
    if find_sheet(book, SETTINGS_SHEET) is None:
        setup.add_settings_sheet(book)
    plan, config = load_live(book, host)
    history = read_history(book, host)
    sheet = book.sheets[plan.sheet]
    listed = setup.add_status_lists(sheet, plan, config, history, host)
    width = (setup.add_comment_updated_column(sheet, plan) if comment_updated
             else max(len(row) for row in plan.grid.rows))
    marks.write_history(book, history, host)
    alert(book, setup.summary(listed, host.add_buttons(sheet, width + 2), host.route))


__all__ = ["validate", "build_report", "clear_marks", "setup_workbook", "log_path", "HISTORY_SHEET",
           "MARKS_SHEET", "VALIDATION_HEADER"]
