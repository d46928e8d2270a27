"""Formatters: text for a terminal, CSV and .xlsx that a spreadsheet never runs, JSON exact."""
from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from sip_excel.formatters import FILE_WRITERS, FORMATTERS, _csv_safe, _xlsx_text, csv_safe_text
from sip_excel.reader import read_plan
from sip_excel.validate import validate

from sip_excel.grid import Grid

from .conftest import HEADER, action_row, make_config, plan_grid

# OWASP's CSV injection starts, and the full-width forms; numbers and plain text untouched.
CSV_CASES = [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1", "'+1"), ("-as above", "'-as above"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("\uff1d1+1", "'\uff1d1+1"), ("\uff0b1", "'\uff0b1"), ("\uff0d1", "'\uff0d1"), ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
    ("Going well", "Going well"), ("a=b", "a=b"), (-3, -3), (4.1, 4.1), ("", ""),
]


@pytest.mark.parametrize(("value", "written"), CSV_CASES, ids=[repr(v) for v, _ in CSV_CASES])
def test_csv_cells_that_could_start_a_formula_are_prefixed(value, written):
    assert _csv_safe(value) == written


def test_csv_made_elsewhere_is_made_safe_but_numbers_stay():
    assert csv_safe_text("label,count\n=cmd(),-3\n\uff1dx,4\n\tx,1.5\n") == \
        "label,count\n'=cmd(),-3\n'\uff1dx,4\n'\tx,1.5\n"
    # float() takes these, a spreadsheet reads them as formulas: not numbers here
    assert csv_safe_text("-inf,+nan,-Infinity\n") == "'-inf,'+nan,'-Infinity\n"


XLSX_CASES = [
    ("Pasted\x0bfrom Word", "Pasted\\x0bfrom Word"),
    ("nul\x00 sub\x1a esc\x1b", "nul\\x00 sub\\x1a esc\\x1b"),
    ("tab\tand\nnewline kept", "tab\tand\nnewline kept"),
    ("x" * 40_000, "x" * 32_766 + "\u2026"),
]


@pytest.mark.parametrize(("value", "written"), XLSX_CASES, ids=["vt", "nul-sub-esc", "tab-newline", "long"])
def test_xlsx_text_holds_what_a_cell_can(value, written):
    assert _xlsx_text(value) == written


def _report(rag: str, comments: str = "Going well: first meeting held.", heading: str = "Priority 1: Test"):
    plan = read_plan(plan_grid({"ref": "1.1", "rag": rag, "comments": comments}, heading=heading), make_config())
    return validate(plan, make_config()), plan


def test_text_output_shows_control_and_bidi_characters():
    report, plan = _report("Gr\x1b[2Jeen\u202e", heading="Priority 1: Title \x1b]0;pwned\x07")
    text = FORMATTERS["text"](report, plan)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "Gr\\x1b[2Jeen<U+202E>" in text and "Title \\x1b]0;pwned\\x07" in text


def test_json_and_csv_keep_the_text_exact():
    report, plan = _report("Gr\x1b[2Jeen\u202e")
    found = json.loads(FORMATTERS["json"](report, plan))["findings"]
    assert "Gr\x1b[2Jeen\u202e" in [f["value"] for f in found]
    assert "Gr\x1b[2Jeen\u202e" in FORMATTERS["csv"](report, plan)


def test_json_gives_every_field_of_every_finding_in_order():
    report, plan = _report("Purple", comments="")
    found = json.loads(FORMATTERS["json"](report, plan))["findings"]
    assert found and [list(record.items()) for record in found] == [
        list(finding.to_dict().items()) for finding in report.findings]


def test_an_xlsx_of_findings_is_written_despite_control_characters(tmp_path):
    report, plan = _report("Gr\x0bee\x00n\x1a")
    target = tmp_path / "findings.xlsx"
    FILE_WRITERS[".xlsx"](report, plan, target)
    values = [cell for row in load_workbook(target).active.iter_rows(values_only=True) for cell in row]
    assert "Gr\\x0bee\\x00n\\x1a" in values


@pytest.mark.parametrize(("rows", "heading"), [
    # no Ref column: the note is about the plan, said at its header row
    ([["Priority 1: One"], ["Action", "Status"], ["Do it", "Green"]], "The plan as a whole"),
    # an action above the first priority heading is outside any priority
    ([HEADER, action_row(ref="0.1", rag="Greem"), ["Priority 1: One"], action_row(ref="1.1")], "Outside any priority"),
    ([["Action", "Status"], ["Do it", "Greem"]], "All actions"),  # a plan of one group
])
def test_text_heads_findings_of_no_priority_by_what_they_are(rows, heading):
    plan = read_plan(Grid("Plan", rows), make_config())
    text = FORMATTERS["text"](validate(plan, make_config()), plan)
    assert f"\n{heading}\n" in text
    assert {"The plan as a whole", "Outside any priority", "All actions"} - {heading} & set(text.splitlines()) == set()
