"""Rebuild the sample plan workbook from the text of the 2017-18 plan (seed 004).

Run ``python workbook/build_sample.py`` to regenerate ``workbook/sip_2017_18.xlsx``.

The source text was taken cell by cell from the council's spreadsheet, one
line a row and tabs between cells.  This script types each cell the way Excel
held it and deliberately keeps the plan's real defects (missing values, odd RAG
spellings, stray characters, look-alike letters, end dates before start dates,
a ref that Excel turned into a number): they are what the validator is for.

A few things are not defects of the plan but of the text extraction, and are
mended here (see ``repair_extraction``):
- Priority 4's rows carry an empty extra column between Start and End; it is
  dropped so every table has ten columns.
- In two Priority 5 sections the extraction read the header row twice (once
  as garbled "ghost" lines) and fused the real header with the first action's
  first line ("Ref: 5.1", "Action: Commissioning ..."); the ghosts are dropped
  and the fused line is split back into the header row and the action.
- Trailing empty cells are dropped.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source" / "sip_2017_18.tsv"
TARGET = HERE / "sip_2017_18.xlsx"

PLAN_SHEET = "SIP 2017-18"
WIDTHS = [38, 8, 45, 11, 11, 38, 12, 10, 55, 13]
MONTH = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d\d)$")
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
GREY_FILL = PatternFill("solid", fgColor="D9D9D9")  # actions not submitted to Ofsted
TITLE_ROWS = 10
START_COL, END_COL, REF_COL, LEAD_COL = 3, 4, 1, 6

SETTINGS: list[tuple[str, object]] = [
    ("Report", None),
    ("Committee", "Safeguarding Sub Committee"),
    ("Meeting date", dt.date(2017, 9, 12)),
    ("Subject", "Children & Families Service Improvement Plan - progress update"),
    ("Public", "Public"),
    ("Report of", "Director of Community and Children's Services"),
    ("Report author", "Rachel Green"),
    ("Author role", "Service Manager, Children's Social Care and Early Help"),
    ("Author telephone", "020 7332 3501"),
    ("Author email", "rachel.green@cityoflondon.gov.uk"),
    ("Plan name", "Children & Families Service Improvement Plan"),
    ("", None),
    ("Validation", None),
    ("As of date", dt.date(2017, 8, 31)),
    ("Plan start", dt.date(2017, 4, 1)),
    ("Plan end", dt.date(2018, 3, 31)),
    ("Reporting period (months)", 3),
    ("Staleness window (days)", 92),
    ("Plan sheet", None),
]
OFFICERS = [
    ("RG", "Rachel Green", "Service Manager, Children's Social Care and Early Help"),
    ("CP", "", "DLT lead"),
    ("JF", "", "Early Help Co-ordinator"),
    ("IA", "", "Team Manager, Children and Families Team"),
    ("PD", "", "Head of Safeguarding and Quality Assurance"),
    ("JH", "", "Virtual School Head"),
    ("MP", "", "Commissioning Manager"),
    ("NH", "", "DLT lead"),
    ("RL", "", "Independent Reviewing Officer"),
    ("RdP", "", "Participation Officer"),
]
BRAG_SPELLINGS = [
    ("Blue", "Blue"), ("Completed", "Blue"), ("Complete", "Blue"),
    ("Red", "Red"), ("Amber", "Amber"), ("Green", "Green"),
]


def read_rows(path: Path) -> list[list[str]]:
    """The seed's rows, with the extraction's extra Priority 4 column removed."""
    rows = []
    in_priority_4 = False
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0].startswith("Priority "):
            in_priority_4 = cells[0].startswith("Priority 4")
        if in_priority_4 and len(cells) == 11:
            gap = 5 if cells[4].strip().lower() == "end:" else 4
            if not cells[gap].strip():
                del cells[gap]
        while cells and not cells[-1].strip():
            cells.pop()
        rows.append(cells)
    return rows


GHOST_LINES = {"Landaudia Managarahand Caramana", "The association and associated Court I associated"}
GHOST_HEADER_REFS = {"Pof:", "D. f."}
TEXT_COLUMNS = {0, 2, 5, 8}  # aim, action, measure, comments: wrapped text is joined


def repair_extraction(rows: list[list[str]]) -> list[list[str]]:
    """Undo the text extraction's ghost header lines and header rows fused with an action's first line."""
    repaired: list[list[str]] = []
    last_header: list[str] = []
    fused: list[str] | None = None
    for cells in rows:
        if cells and cells[0].strip() in GHOST_LINES:
            continue
        if len(cells) > 1 and cells[1].strip() in GHOST_HEADER_REFS:
            repaired.append(cells[:1])  # the section heading survives; the garbled labels do not
            continue
        if len(cells) > 1 and cells[1].startswith("Ref: "):
            repaired.append(list(last_header))
            fused = [cell.split(":", 1)[1].strip() if ":" in cell else cell for cell in cells]
            fused[0] = ""  # the "Recommendations:" label belongs to the header
            continue
        if fused is not None:
            width = max(len(fused), len(cells))
            fused += [""] * (width - len(fused))
            cells = cells + [""] * (width - len(cells))
            cells = [
                " ".join(part for part in (fused[c], cells[c]) if part) if c in TEXT_COLUMNS else (fused[c] or cells[c])
                for c in range(width)
            ]
            fused = None
        if is_header(cells):
            last_header = cells
        repaired.append(cells)
    return repaired


def is_header(cells: list[str]) -> bool:
    return len(cells) > 2 and cells[1].strip().lower().startswith("ref")


def typed(value: str, column: int, in_table: bool, ref_is_number: bool) -> tuple[object, str | None]:
    """The value Excel would have held for this text, and its number format."""
    text = value.strip()
    if not in_table or not text:
        return (value if text else None), None
    if column in (START_COL, END_COL):
        month = MONTH.match(text)
        if month:
            return dt.datetime(2000 + int(month[2]), MONTHS.index(month[1]) + 1, 1), "mmm-yy"
        if text.isdigit():
            return int(text), "General"
    if column == REF_COL and ref_is_number:
        return float(text), "General"
    if column == LEAD_COL and text.isdigit():
        return int(text), "General"
    return value, None


def build(target: Path = TARGET) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = PLAN_SHEET
    rows = repair_extraction(read_rows(SOURCE))
    in_table = False
    previous_ref = ""
    for r, cells in enumerate(rows, start=1):
        if r <= TITLE_ROWS:
            ws.cell(r, 1, cells[0]).font = Font(bold=True)
            if len(cells) > 1:
                month = MONTH.match(cells[1].strip())
                cell = ws.cell(r, 2, dt.datetime(2000 + int(month[2]), MONTHS.index(month[1]) + 1, 1) if month else cells[1])
                if month:
                    cell.number_format = "mmm-yy"
            continue
        if cells and cells[0].startswith("Priority "):
            in_table = False
            ws.cell(r, 1, cells[0].strip()).font = Font(bold=True, size=12)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
            continue
        if is_header(cells):
            in_table = True
            for c, label in enumerate(cells, start=1):
                cell = ws.cell(r, c, label)
                cell.font, cell.fill = Font(bold=True), HEADER_FILL
            continue
        ref = cells[REF_COL].strip() if len(cells) > REF_COL else ""
        # Excel turned the ref 4.10 into the number 4.1 in the real plan.
        ref_is_number = ref == "4.1" and previous_ref == "4.9"
        previous_ref = ref or previous_ref
        grey = bool(re.match(r"A\d", ref))
        for c, text in enumerate(cells):
            value, number_format = typed(text, c, in_table, ref_is_number)
            if value is None:
                continue
            cell = ws.cell(r, c + 1, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if number_format:
                cell.number_format = number_format
        if grey:
            for c in range(1, 11):
                ws.cell(r, c).fill = GREY_FILL
    # The aim of 1.5 also covers its sub-action 1.5.1, as a merged cell.
    for r, cells in enumerate(rows, start=1):
        if len(cells) > 1 and cells[1].strip() == "1.5":
            ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A12"
    add_settings(wb)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
    return target


def add_settings(wb: Workbook) -> None:
    ws = wb.create_sheet("Settings")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 45
    ws.column_dimensions["C"].width = 50
    row = 1
    for key, value in SETTINGS:
        ws.cell(row, 1, key or None)
        if value is None and key:
            ws.cell(row, 1).font = Font(bold=True, size=12)
        elif value is not None:
            cell = ws.cell(row, 2, value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
        row += 1
    for title, header, table in (
        ("Officers", ("Initials", "Name", "Role"), OFFICERS),
        ("BRAG spellings", ("Spelling", "Status"), BRAG_SPELLINGS),
        ("Severities", ("Code", "Severity"), []),  # empty: every check keeps its default severity
    ):
        row += 1
        ws.cell(row, 1, title).font = Font(bold=True, size=12)
        row += 1
        for c, label in enumerate(header, start=1):
            ws.cell(row, c, label).font = Font(bold=True)
        for entry in table:
            row += 1
            for c, value in enumerate(entry, start=1):
                ws.cell(row, c, value or None)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
