"""Set up workbook: BRAG drop-downs and colours on the RAG column, the Settings sheet, and the buttons."""
from __future__ import annotations

from typing import Any

from ..config import Config
from ..grid import column_letter
from ..history import History
from ..model import Plan
from .host import DROP_DOWNS, HIGHLIGHTS, Host
from ..fields import STATUS_COLOURS, STATUSES

BRAG_FILLS = {status: f"#{STATUS_COLOURS[status]}" for status in STATUSES}  # the report's colours too
BRAG_HELP = ("Blue: complete. Red: stuck. Amber: more work needed, or an issue in sight. Green: in progress, "
             "no barriers.")


def add_status_lists(sheet: Any, plan: Plan, config: Config, history: History, host: Host) -> bool:
    """A BRAG drop-down list (with its input message, where the host can) on each table's RAG cells, and the
    BRAG colours, once per range: the history remembers where they went. False where the host can do neither."""
    if DROP_DOWNS not in host.features or HIGHLIGHTS not in host.features:
        return False
    spellings = sorted({*config.brag.values()}, key=["Blue", "Red", "Amber", "Green"].index)
    last_row = max([a.row for a in plan.actions] + [h.row for h in plan.headers]) + 1
    for start, header in enumerate(plan.headers):
        rag = header.columns.get("rag")
        end = plan.headers[start + 1].row if start + 1 < len(plan.headers) else last_row
        if rag is None or end <= header.row + 1:
            continue
        cells = sheet.range((header.row + 2, rag + 1), (end, rag + 1))
        cells.data_validation.set_list(spellings)
        host.input_message(cells, "BRAG status", BRAG_HELP)
        first = f"{column_letter(rag)}{header.row + 2}"
        where = f"{first}:{column_letter(rag)}{end}"
        if where in history.coloured:
            continue  # set up before: the colour rules are there (adding them again would pile up copies)
        history.coloured.add(where)
        for status, colour in BRAG_FILLS.items():
            words = [w for w, s in config.brag.items() if s == status]
            test = ",".join(f'LOWER(TRIM({first}))="{w}"' for w in words)
            cells.conditional_formats.add_custom(f"=OR({test})", fill_color=colour)
    return True


def add_comment_updated_column(sheet: Any, plan: Plan) -> int:
    """A "Comment updated" label right of every header row, unless the plan has that column; returns the
    table's width afterwards."""
    width = max(len(row) for row in plan.grid.rows)  # the live rows, as read from A1
    if not any("comment_updated" in h.columns for h in plan.headers):
        for header in plan.headers:
            sheet.range((header.row + 1, width + 1)).value = "Comment updated"
        width += 1
    return width


def add_settings_sheet(book: Any) -> None:
    """The Settings sheet for a workbook without one: every setting the reader knows, starter values filled
    (settings.LAYOUT is the one place its rows are spelt out)."""
    from ..config import SETTINGS_SHEET
    from ..settings import starter_rows

    sheet = book.sheets.add(SETTINGS_SHEET, after=book.sheets[len(book.sheets) - 1])
    sheet["A1"].value = starter_rows()


def summary(listed: bool, buttons: bool, route: str) -> str:
    """What Set up says it did, and what the user has to do by hand on this route."""
    if listed:
        done = "The plan is set up: RAG drop-down lists and colours are in place."
    else:
        done = ("The plan is set up: the Settings sheet is there. This Excel cannot add RAG drop-down lists from "
                "Python; Data > Data Validation > List does it by hand.")
    if buttons:
        where = "The buttons are at the top of the plan, to the right of the table."
    elif route == "lite":
        where = ("The buttons are the shapes at the top of the Lite workbook's plan; the xlwings Lite task pane "
                 "lists the same scripts.")
    else:
        where = "This Excel cannot add buttons from Python: see 'In Excel: the buttons' in the README."
    return f"{done} {where}"
