"""Formatters for validation reports: text for a terminal, JSON, CSV, and a new .xlsx file.

Each is one function behind one signature, chosen by name from ``FORMATTERS``
(or by the output file's extension), so adding a format touches no other code.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from operator import attrgetter
from pathlib import Path

from .findings import Finding, json_safe
from .model import Plan
from .rules import REGISTRY
from .terminal import visible_lines
from .validate import Report

# OWASP's CSV injection list: a spreadsheet runs a cell starting with any of these (TAB and CR included, and
# the full-width forms, which some spreadsheets fold to the ASCII ones) as a formula.
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
EXCEL_CELL_LIMIT = 32_767  # characters; Excel cuts or refuses longer cells
COLUMNS = ("code", "severity", "message", "sheet", "cell", "row", "column", "ref", "priority", "value", "suggestion")


def format_text(report: Report, plan: Plan) -> str:
    """Findings grouped by priority, then the counts by code and the summary line.

    This is for a terminal, so plan text in it has its control and bidi characters shown, not obeyed.
    """
    lines = [f"{plan.sheet}: {report.checked()} at {report.as_of:%d %b %Y}", *other_sheets(plan), ""]
    for priority, findings in groupby(report.findings, key=lambda f: f.priority):
        findings = list(findings)
        heading = plan.priority(priority)
        lines.append(f"{heading.name}: {heading.title}" if heading and heading.title else heading.name if heading else
                     _ungrouped_heading(plan, findings))
        lines += [f"  {f.cell:<6}{f.ref or '-':<7}{f.code} {f.severity:<8}{f.message}"
                  f"{'  -> ' if f.suggestion else ''}{f.suggestion}" for f in findings]
        lines.append("")
    if report.findings:
        lines.append("Counts by code")
        # the severity each code was reported with: Settings may have changed a rule's default
        severities = dict(zip(map(attrgetter("code"), report.findings), map(attrgetter("severity"), report.findings)))
        for code, count in sorted(report.by_code.items()):
            description = REGISTRY[code].description().split(": ", 1)[-1]
            lines.append(f"  {code}  {severities[code]:<8}{count:>5}  {description}")
        lines.append("")
    lines.append(str(report))
    return visible_lines(lines) + "\n"


def other_sheets(plan: Plan) -> list[str]:
    """Lines on the workbook's other sheets: those not read, and those that also hold a plan table."""
    lines = []
    if plan.unread_sheets:
        lines.append(f"Not read (damaged or not a worksheet): {', '.join(repr(n) for n in plan.unread_sheets)}.")
    if plan.other_sheets:
        lines.append(f"Also holding a plan table: {', '.join(repr(name) for name in plan.other_sheets)} "
                     "(choose with --sheet).")
    return lines


def _ungrouped_heading(plan: Plan, findings: list[Finding]) -> str:
    """The heading over findings of no priority: actions outside any priority, else notes about the plan as a
    whole (a missing column, said at the header row), which are not actions outside any priority."""
    if not plan.priorities:
        return "All actions"
    at_actions = any(f.row - 1 in plan.action_of_row for f in findings)
    return "Outside any priority" if at_actions else "The plan as a whole"


def format_json(report: Report, plan: Plan) -> str:
    """The report as JSON, one finding a line: readable, and encoded in one call to orjson.

    Every finding object, and nothing else, starts ``{"code":`` (a quote inside a JSON
    string is always escaped), so the line breaks go in by plain replacement.
    """
    import orjson  # here, not at the top: the text a terminal shows is what most runs ask for

    record = report.summary_record()
    # Each finding as a dict, its keys Finding's fields in order; orjson writes dates as ISO text itself, and asks
    # json_safe only about values it cannot hold.
    record["findings"] = _records(report.findings)
    data = orjson.dumps(record, default=json_safe)
    if report.findings:
        data = data.replace(b'[{"code":', b'[\n  {"code":', 1).replace(b'},{"code":', b'},\n  {"code":')
        data = data[:-2] + b"\n]}"
    return data.decode("utf-8") + "\n"


def _records(findings: list[Finding]) -> list[dict[str, object]]:
    """Each finding as a dict of its fields, built by one dict display apiece (a third faster than
    ``dict(zip(fields, finding))`` over the forty thousand findings of a big plan). The names are
    ``Finding._fields`` in order, written out: a test holds them to it."""
    return [{"code": code, "severity": severity, "message": message, "sheet": sheet, "cell": cell, "row": row,
             "column": column, "ref": ref, "priority": priority, "value": value, "suggestion": suggestion}
            for code, severity, message, sheet, cell, row, column, ref, priority, value, suggestion in findings]


def format_csv(report: Report, plan: Plan) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for finding in report.findings:
        writer.writerow([_csv_safe(value) for value in _row(finding)])
    return buffer.getvalue()


def _row(finding: Finding) -> list[object]:
    record = finding.to_dict()
    return ["" if record[name] is None else record[name] for name in COLUMNS]


def _csv_safe(value: object) -> object:
    """Spreadsheets run a CSV cell starting with one of CSV_FORMULA_STARTS as a formula; an apostrophe stops it."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe_text(text: str) -> str:
    """CSV made elsewhere (the roll-up's table) with every text cell that could start a formula prefixed.

    Numbers stay as they are: a negative count is a number, not a formula.
    """
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in csv.reader(io.StringIO(text)):
        writer.writerow([cell if _is_number(cell) else _csv_safe(cell) for cell in row])
    return buffer.getvalue()


def _is_number(text: str) -> bool:
    """A figure a spreadsheet reads as a number: float() also takes 'inf', '-nan' and a leading TAB or CR,
    which a spreadsheet would read as a formula or text, so those are not numbers here."""
    import math

    try:
        number = float(text)
    except ValueError:
        return False
    return math.isfinite(number) and not text[:1].isspace()


def _xlsx_text(value: str) -> str:
    """Text an .xlsx cell can hold: the control characters XML 1.0 forbids (a vertical tab pasted from Word)
    shown as escapes such as \\x0b, the rest kept, and cut at the 32,767 characters Excel allows a cell."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[:EXCEL_CELL_LIMIT - 1] + "\u2026"
    return value


def write_xlsx(report: Report, plan: Plan, target: Path) -> None:
    """A new workbook listing the findings; every text cell is written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Findings"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r, finding in enumerate(report.findings, start=2):
        for c, value in enumerate(_row(finding), start=1):
            cell = sheet.cell(r, c)
            if isinstance(value, str):
                cell.value = _xlsx_text(value)
                cell.data_type = "s"
            else:
                cell.value = value
    sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJK", (9, 9, 80, 14, 7, 6, 16, 8, 8, 24, 40)):
        sheet.column_dimensions[letter].width = width
    workbook.save(target)


FORMATTERS: dict[str, Callable[[Report, Plan], str]] = {"text": format_text, "json": format_json, "csv": format_csv}
FILE_WRITERS: dict[str, Callable[[Report, Plan, Path], None]] = {
    ".xlsx": write_xlsx,
    ".json": lambda report, plan, target: target.write_text(format_json(report, plan), encoding="utf-8"),
    ".csv": lambda report, plan, target: target.write_text(format_csv(report, plan), encoding="utf-8-sig"),
}
