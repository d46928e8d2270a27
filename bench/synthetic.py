"""Synthetic plans of any size, shaped like the real one (five priorities, month dates, some defects)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead",
          "Comments", "RAG status"]
STATUSES = ["Green", "Amber", "Completed", "Red", "Green", "Blue", "c Completed", ""]
OFFICERS = ["RG", "JF/RG", "IA", "PD", "MP", "IA TOTAL"]


def build_plan(actions: int, target: Path) -> Path:
    """Write a plan of ``actions`` actions with openpyxl's streaming writer."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    per_priority = max(1, actions // 5)
    written = 0
    for priority in range(1, 6):
        sheet.append([f"Priority {priority}: Synthetic priority {priority}"])
        sheet.append(HEADER)
        count = per_priority if priority < 5 else actions - written
        for n in range(1, count + 1):
            start = dt.datetime(2017, 1 + n % 12, 1)
            end = dt.datetime(2017 + (n % 3 == 0), 1 + (n * 7) % 12, 1)
            cells = [f"Aim {n}", f"{priority}.{n}", f"Action {n} of priority {priority}", start, end,
                     "Measured by audit", OFFICERS[n % len(OFFICERS)], "CP",
                     "Progress made; a new policy will be written by end July." if n % 9 == 0 else "On track.",
                     STATUSES[n % len(STATUSES)]]
            row = []
            for value in cells:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "mmm-yy"
                row.append(cell)
            sheet.append(row)
        written += count
    workbook.save(target)
    return target
