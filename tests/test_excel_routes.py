"""Every button on every route, on xlwings' remote engine (the engine xlwings Lite runs its scripts on).

Each route may emit only the Excel actions listed for it in sip_excel/excel/host.py (ROUTE_ACTIONS): the Lite
scripts in workbook/lite/main.py never ask for a VBA macro, and with the xlwings that Lite workbooks pin (0.33.11,
which records none of the marking actions) they keep to the core, with every message and link still on the
Validation sheet.
"""
from __future__ import annotations

import datetime as dt
import runpy
from pathlib import Path

import pytest

from .excel_sim import actions, apply, open_book, sheet_of, workbook_payload  # first: it sets the test licence

import xlwings  # noqa: E402

from sip_excel import excel  # noqa: E402
from sip_excel.excel.host import CORE_ACTIONS, ROUTE_ACTIONS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "sip_2017_18.xlsx"
MAIN = ROOT / "workbook" / "lite" / "main.py"
PLAN = "SIP 2017-18"
SCRIPTS = ("validate", "build_report", "clear_marks", "setup_workbook")


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    monkeypatch.setenv("SIP_EXCEL_LOG", str(tmp_path / "sip-excel.log"))
    monkeypatch.setenv("SIP_EXCEL_LITE_DATA", str(tmp_path))
    monkeypatch.setenv("SIP_EXCEL_NO_OPEN", "1")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(excel, "_now", lambda: dt.datetime(2017, 8, 31, 9, 30))


@pytest.fixture(scope="module")
def lite_scripts():
    """workbook/lite/main.py's scripts, as Lite runs them (Lite supplies xlwings.script, as 0.37 does)."""
    names = runpy.run_path(str(MAIN))
    return {name: names[name] for name in SCRIPTS}


@pytest.fixture
def payload():
    return workbook_payload(SAMPLE, notes={PLAN: ["J20"]})


def run(script, payload):
    book = open_book(payload)
    script(book)
    return actions(book)


def failures(recorded):
    """Message boxes that report a failed click (a plan with errors is also a 'critical' box, but not these)."""
    return [a["args"][0] for a in recorded if a["func"] == "alert"
            and ("Something went wrong" in a["args"][0] or "Nothing in the plan was changed" in a["args"][0])]


# (route, how a click calls the button): every script of each route, run on a sample once validated
ROUTES = [
    ("lite", lambda scripts, name: scripts[name]),
    ("desktop", lambda scripts, name: getattr(excel, name)),  # what macros/SipExcel.bas's RunPython calls
]


@pytest.mark.parametrize("route,entry", ROUTES, ids=[r for r, _ in ROUTES])
@pytest.mark.parametrize("name", SCRIPTS)
def test_each_script_emits_only_its_routes_actions(lite_scripts, payload, route, entry, name):
    validated = apply(payload, run(entry(lite_scripts, "validate"), payload))
    recorded = run(entry(lite_scripts, name), validated)
    emitted = {a["func"] for a in recorded}
    assert emitted <= ROUTE_ACTIONS[route], emitted - ROUTE_ACTIONS[route]
    assert not failures(recorded), failures(recorded)
    if route == "lite":
        assert "runMacro" not in emitted  # no VBA in Lite


def test_lite_notes_go_one_by_one_and_keep_the_staffs_own(lite_scripts, payload):
    recorded = run(lite_scripts["validate"], payload)
    added = [a["args"][0] for a in recorded if a["func"] == "addNote"]
    assert len(added) > 100 and "J20" not in {cell.replace("$", "") for cell in added}
    after = apply(payload, recorded)
    cleared = apply(after, run(lite_scripts["clear_marks"], after))
    assert [n["address"] for n in sheet_of(cleared, PLAN)["notes"]] == ["J20"]  # only the staff's note is left


def test_lite_validate_twice_gives_the_same_workbook(lite_scripts, payload):
    once = apply(payload, run(lite_scripts["validate"], payload))
    twice = apply(once, run(lite_scripts["validate"], once))
    assert twice == once


@pytest.mark.parametrize("text", ["=1+1", "-1.2", "@SUM(A1)", "+44", "=cmd|' /C calc'!A0"])
def test_lite_never_writes_plan_text_as_a_formula(lite_scripts, payload, text):
    sheet_of(payload, PLAN)["values"][18][1] = text  # B19, the ref of action 1.1
    recorded = run(lite_scripts["validate"], payload)
    written = [v for a in recorded if a["func"] == "setValues" for row in a["values"] for v in row]
    formula_like = [v for v in written if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]
    assert formula_like and all(v.startswith("=HYPERLINK(\"#'") for v in formula_like)
    assert "'" + text in written


def test_lite_build_report_goes_to_the_file_area_never_overwriting(lite_scripts, payload, tmp_path):
    first = run(lite_scripts["build_report"], payload)
    second = run(lite_scripts["build_report"], payload)
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "Plan - committee report 2017-08-31 (2).docx", "Plan - committee report 2017-08-31.docx"]
    (message,) = [a["args"][0] for a in second if a["func"] == "alert"]
    assert "committee report 2017-08-31 (2).docx" in message and "Files > Import/Export" in message
    assert {a["func"] for a in first} == {"alert"}  # the workbook itself is not touched


def test_with_the_xlwings_lite_pins_validate_keeps_to_the_core(lite_scripts, payload, monkeypatch):
    """xlwings 0.33.11 records no notes, highlights, hidden sheets or formatting: the Validation sheet still
    carries every finding with its link (tests/test_pyodide.py runs that xlwings itself, in WebAssembly)."""
    monkeypatch.setattr(xlwings, "__version__", "0.33.11")
    book = open_book(payload)
    lite_scripts["validate"](book)
    recorded = actions(book)
    report = excel.validate(open_book(payload), route="lite")
    assert {a["func"] for a in recorded} <= CORE_ACTIONS
    rows = sheet_of(apply(payload, recorded), "Validation")["values"]
    assert len(rows) == 6 + len(report.findings) and all(r[0].startswith("=HYPERLINK(") for r in rows[6:])
    assert not failures(recorded)


def test_notes_the_desktop_route_added_are_not_forgotten_by_a_lite_that_cannot_delete_them(payload, monkeypatch):
    validated = apply(payload, run(excel.validate, payload))  # desktop: notes through ApplyNotes
    noted = {n["address"] for n in sheet_of(validated, PLAN)["notes"]} - {"J20"}
    monkeypatch.setattr(xlwings, "__version__", "0.33.11")  # a Lite whose xlwings has no notes
    after_lite = apply(validated, run(lambda book: excel.clear_marks(book, route="lite"), validated))
    monkeypatch.undo()
    cleared = apply(after_lite, run(excel.clear_marks, after_lite))  # back on the desktop route
    assert noted and {n["address"] for n in sheet_of(cleared, PLAN)["notes"]} == {"J20"}
