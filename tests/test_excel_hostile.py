"""The hostile cells of issue 10, through the Excel buttons on the remote engine (both routes).

For each case: the Validation sheet is still written with a row per finding, nothing the tool writes is a
formula except its own HYPERLINK links, no text written is longer than Excel's 32,767 characters or holds a
control character Excel refuses, and no click ends in 'Something went wrong'.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from .excel_sim import actions, apply, open_book, sheet_of, workbook_payload  # first: it sets the test licence

from sip_excel import excel  # noqa: E402

from .conftest import SAMPLE  # noqa: E402

PLAN = "SIP 2017-18"
ACTION_ROW = 18  # row 19: action 1.1
COLUMNS = {"ref": 1, "action": 2, "start": 3, "end": 4, "lead": 6, "comments": 8, "rag": 9}
EXCEL_CELL_LIMIT = 32_767
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what Excel cannot hold in a cell (tab, LF, CR can)
FORMULA_STARTS = ("=", "+", "-", "@")

# (case, {column: value written into action 1.1's row}, a finding code the case must produce, or None)
CASES = [
    ("control characters from a Word paste", {"comments": "On track\x0b\x00\x1a see\x07 notes"}, None),
    ("control characters in the initials, which the message quotes", {"lead": "RG\x0b\x00\x1b[2J"}, "SIP502"),
    ("terminal escapes and a bidi override", {"comments": "\x1b[31mDone\x1b[0m \u202egnihton\u202c"}, None),
    ("a comment of 32,767 characters", {"comments": "Update August: " + "x" * (EXCEL_CELL_LIMIT - 15)}, None),
    ("an officer's initials of 32,767 characters", {"lead": "Q" * EXCEL_CELL_LIMIT}, "SIP502"),
    ("formula-like text in every text column", {"ref": "=HYPERLINK(\"http://x\")", "action": "+cmd|' /C calc'!A0",
                                               "lead": "-2+3", "comments": "@SUM(A1:A9)", "rag": "=1+1"}, "SIP402"),
    ("tab, CR and full-width signs first", {"comments": "\t=1+1", "action": "\r=2", "lead": "\uff1dSUM(A1)"}, None),
    ("#SPILL! in a date cell", {"end": "#SPILL!"}, "SIP106"),
    ("#BLOCKED! as the status", {"rag": "#BLOCKED!"}, "SIP106"),
    ("serial numbers where dates should be (Excel hands over a 1904 workbook's dates as dates already)",
     {"start": 41000.0, "end": 1.0}, "SIP302"),
]


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    monkeypatch.setenv("SIP_EXCEL_LOG", str(tmp_path / "sip-excel.log"))
    monkeypatch.setattr(excel, "_now", lambda: dt.datetime(2017, 8, 31, 9, 30))


def written(recorded):
    """Every value the tool writes: cells, notes (their text) and message boxes."""
    values = [v for a in recorded if a["func"] == "setValues" for row in a["values"] for v in row]
    values += [a["args"][1] for a in recorded if a["func"] == "addNote"]
    values += [a["args"][0] for a in recorded if a["func"] == "alert"]
    values += [text for a in recorded if a["func"] == "runMacro" for text in (a["args"][4] or [])]
    return [v for v in values if isinstance(v, str)]


@pytest.mark.parametrize("route", ["desktop", "lite"])
@pytest.mark.parametrize("case,cells,code", CASES, ids=[c[0] for c in CASES])
def test_hostile_cells_are_findings_and_text_never_a_formula(case, cells, code, route):
    payload = workbook_payload(SAMPLE)
    row = sheet_of(payload, PLAN)["values"][ACTION_ROW]
    for column, value in cells.items():
        row[COLUMNS[column]] = value
    book = open_book(payload)
    report = excel.validate(book, route=route)
    recorded = actions(book)
    assert report is not None, [a["args"][0] for a in recorded if a["func"] == "alert"]
    if code:
        assert any(f.code == code and f.row == ACTION_ROW + 1 for f in report.findings), case
    texts = written(recorded)
    assert not [t for t in texts if t.startswith(FORMULA_STARTS) and not t.startswith('=HYPERLINK("#')]
    assert not [t[:40] for t in texts if len(t) > EXCEL_CELL_LIMIT]
    assert not [t[:40] for t in texts if CONTROL.search(t)]
    rows = sheet_of(apply(payload, recorded), "Validation")["values"]
    assert len(rows) == 6 + len(report.findings)


def test_a_failure_inside_a_click_is_a_message_box_naming_its_log_line(tmp_path, monkeypatch):
    from sip_excel.excel import marks

    def refuse(*args):
        raise ValueError("Excel refused the write")

    monkeypatch.setattr(marks, "mark_cells", refuse)
    book = open_book(workbook_payload(SAMPLE))
    assert excel.validate(book, route="lite") is None
    (message,) = [a["args"][0] for a in actions(book) if a["func"] == "alert"]
    log = (tmp_path / "sip-excel.log").read_text(encoding="utf-8")
    assert "Excel refused the write" in message and str(tmp_path / "sip-excel.log") in message
    assert "route lite" in log and "xlwings" in log and "ValueError: Excel refused the write" in log


class _FarUsedRange:
    """A used range as Excel reports it when one cell at XFD1048576 holds something (or only a format)."""
    row, column, shape = 1, 1, (1_048_576, 16_384)

    def options(self, **_):
        raise AssertionError("the bulk read must not be asked for thousands of millions of cells")


class _SheetWithAFarCell:
    name = "SIP 2017-18"
    used_range = _FarUsedRange()


def test_a_stray_cell_far_from_the_plan_in_excel_is_one_message_not_a_bulk_read():
    from sip_excel.errors import WorkbookError
    from sip_excel.excel.live import read_grid

    with pytest.raises(WorkbookError) as caught:
        read_grid(_SheetWithAFarCell())
    message = str(caught.value)
    assert "up to row 1,048,576 and column XFD" in message and "Ctrl+End" in message
