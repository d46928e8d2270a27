"""Synthetic plans of any size, shaped like the real one (five priorities, month dates, some defects)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADER = ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead",
          "Comments", "RAG status"]
STATUSES = ["Green", "Amber", "Completed", "Red", "Green", "Blue", "c Completed", ""]
OFFICERS = ["RG", "JF/RG", "IA", "PD", "MP", "IA TOTAL"]


def build_plan(actions: int, target: Path) -> Path:
    """Write a plan of ``actions`` actions as Excel would: text in the shared-strings table, dates as
    numbers styled ``mmm-yy``. XlsxWriter writes that layout (``pip install -e ".[build]"``); openpyxl writes
    every text inline in the sheet, several times bigger than Excel's, which is not a fair test of reading."""
    try:
        import xlsxwriter
    except ImportError:
        raise SystemExit('The benchmarks build their plans with XlsxWriter: pip install -e ".[build]"') from None

    workbook = xlsxwriter.Workbook(str(target))
    sheet = workbook.add_worksheet("Plan")
    month = workbook.add_format({"num_format": "mmm-yy"})
    per_priority = max(1, actions // 5)
    written = row = 0
    for priority in range(1, 6):
        sheet.write_row(row, 0, [f"Priority {priority}: Synthetic priority {priority}"])
        sheet.write_row(row + 1, 0, HEADER)
        row += 2
        count = per_priority if priority < 5 else actions - written
        for n in range(1, count + 1):
            start = dt.datetime(2017, 1 + n % 12, 1)
            end = dt.datetime(2017 + (n % 3 == 0), 1 + (n * 7) % 12, 1)
            sheet.write_row(row, 0, [f"Aim {n}", f"{priority}.{n}", f"Action {n} of priority {priority}"])
            sheet.write_datetime(row, 3, start, month)
            sheet.write_datetime(row, 4, end, month)
            sheet.write_row(row, 5, ["Measured by audit", OFFICERS[n % len(OFFICERS)], "CP",
                                     "Progress made; a new policy will be written by end July." if n % 9 == 0
                                     else "On track.", STATUSES[n % len(STATUSES)]])
            row += 1
        written += count
    workbook.close()
    return target


def add_stray_cells(path: Path, cells: tuple[str, ...] = ("XFD1048576",)) -> Path:
    """Add cells far from the plan, as a slip of the keyboard leaves them (one at XFD1048576, say): the plan
    is the same, and reading it should cost the same."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    rows = "".join(f'<row r="{re.sub("[A-Z]", "", cell)}"><c r="{cell}"><v>1</v></c></row>'
                   for cell in sorted(cells, key=lambda cell: int(re.sub("[A-Z]", "", cell))))
    parts[sheet] = parts[sheet].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item, data in parts.items():
            target.writestr(item, data)
    return path
