"""The Excel buttons, on xlwings' own remote engine with a payload built from the sample workbook."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any
from pathlib import Path

import pytest
from docx import Document

from sip_excel import excel
from sip_excel.excel import desktop, live, marks
from sip_excel.grid import Grid
from sip_excel.history import HISTORY_HEADER, HISTORY_SHEET

from .excel_sim import _set_used_range, actions, apply, open_book, sheet_of, sheet_payload, values_at, workbook_payload

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "sip_2017_18.xlsx"
PLAN = "SIP 2017-18"
RUN_AT = dt.datetime(2017, 8, 31, 9, 30)


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    monkeypatch.setenv("SIP_EXCEL_LOG", str(tmp_path / "sip-excel.log"))
    monkeypatch.setenv("SIP_EXCEL_NO_OPEN", "1")
    monkeypatch.setattr(excel, "_now", lambda: RUN_AT)


@pytest.fixture
def payload():
    # J20 (1.2, no RAG status) carries a note of the staff's own.
    return workbook_payload(SAMPLE, notes={PLAN: ["J20"]})


def click(button, payload, **kwargs):
    book = open_book(payload)
    result = button(book, **kwargs)
    return book, result, actions(book)


def plan_actions(recorded, func=None):
    return [a for a in recorded if a["sheet_position"] == 0 and (func is None or a["func"] == func)]


def test_validation_sheet_lists_every_finding_with_a_link(payload):
    book, report, recorded = click(excel.validate, payload)
    after = apply(payload, recorded)
    sheet = sheet_of(after, "Validation")
    rows = sheet["values"]
    assert rows[0][0] == "sip-excel validation"
    assert rows[2][:2] == ["Errors", report.by_severity["error"]]
    assert rows[5] == excel.VALIDATION_HEADER
    body = rows[6:]
    assert len(body) == len(report.findings) == 224
    row = next(r for r in body if r[2] == "SIP204")
    assert row[0] == "=HYPERLINK(\"#'SIP 2017-18'!B83\",\"B83\")"
    assert row[1:3] == ["error", "SIP204"] and row[4] == "4.1" and row[5] == 4
    # one bulk write for the whole sheet
    writes = [a for a in recorded if a["func"] == "setValues" and a["sheet_position"] == 2]
    assert len(writes) == 1 and len(writes[0]["values"]) == 6 + 224


def test_marks_on_the_expected_cells(payload):
    _, report, recorded = click(excel.validate, payload)
    after = apply(payload, recorded)
    marks = sheet_of(after, excel.MARKS_SHEET)
    assert marks["visibility"] == "Hidden"
    assert values_at(marks, "B83") == 3  # SIP202/SIP204: error
    assert values_at(marks, "E40") == 2  # SIP306: warning
    assert values_at(marks, "A1") == ""
    rules = sheet_of(after, PLAN)["addConditionalFormat"]
    assert [r["args"][0]["formula"] for r in rules] == [f"='{excel.MARKS_SHEET}'!A1={n}" for n in (3, 2, 1)]
    notes = {n["address"]: n.get("text", "") for n in sheet_of(after, PLAN)["notes"]}
    assert "SIP204" in notes["B83"] and "SIP202" in notes["B83"]


def test_marks_come_back_when_someone_deleted_the_hidden_marks_sheet(payload):
    _, _, first = click(excel.validate, payload)
    once = apply(payload, first)
    once["sheets"] = [s for s in once["sheets"] if s["name"] != excel.MARKS_SHEET]  # unhidden and deleted
    _, _, second = click(excel.validate, once)
    again = apply(once, second)
    rules = sheet_of(again, PLAN)["addConditionalFormat"]
    assert [r["args"][0]["formula"] for r in rules] == [f"='{excel.MARKS_SHEET}'!A1={n}" for n in (3, 2, 1)] * 2
    assert values_at(sheet_of(again, excel.MARKS_SHEET), "B83") == 3
    _, _, third = click(excel.validate, again)  # and only once
    assert len(sheet_of(apply(again, third), PLAN)["addConditionalFormat"]) == 6


def test_a_second_validate_clears_the_marks_sheet_once(payload):
    """The severity grid is cleared as it is written again, not also beforehand: one call fewer to Excel."""
    _, _, first = click(excel.validate, payload)
    _, _, second = click(excel.validate, apply(payload, first))
    marks_position = [s["name"] for s in apply(payload, first)["sheets"]].index(excel.MARKS_SHEET)
    clears = [a["func"] for a in second if "lear" in a["func"] and a.get("sheet_position") == marks_position]
    assert clears == ["sheetClear"]


def test_staff_fills_and_notes_survive_and_marks_clear_exactly(payload):
    _, _, first = click(excel.validate, payload)
    assert not [a for a in plan_actions(first) if a["func"] in ("setRangeColor", "setRangeColors")]
    assert not [a for a in first if a["func"] == "deleteNote"]
    once = apply(payload, first)
    notes = [n["address"] for n in sheet_of(once, PLAN)["notes"]]
    assert notes.count("J20") == 1  # the staff's note was not overwritten
    assert sheet_of(once, "Validation")["values"][6:] != []
    _, _, cleared = click(excel.clear_marks, once)
    after_clear = apply(once, cleared)
    assert sheet_of(after_clear, PLAN)["notes"] == [{"address": "J20"}]
    assert sheet_of(after_clear, PLAN)["values"] == sheet_of(payload, PLAN)["values"]
    assert all(v == "" for row in sheet_of(after_clear, excel.MARKS_SHEET)["values"] for v in row)


def test_notes_go_in_one_macro_call_however_many_findings(payload):
    _, report, recorded = click(excel.validate, payload)
    calls = [a for a in recorded if a["func"] == "runMacro"]
    assert len(calls) == 1 and calls[0]["args"][0].endswith("!SipExcel.ApplyNotes")
    _, sheet, remove, add, texts = calls[0]["args"]
    noted = {f.cell for f in report.findings}
    assert sheet == PLAN and remove == "" and sorted(add) == sorted(noted) and len(add) == len(texts) == 218
    assert not [a for a in recorded if a["func"] in ("addNote", "deleteNote")]
    # Calls do not grow with findings: a plan with fewer problems makes the same number of calls.
    fewer = sheet_of(payload, PLAN)
    for row in fewer["values"]:
        if len(row) > 7 and row[7] == "СР":
            row[7] = "CP"  # mend every look-alike DLT lead: 111 fewer findings
    _, fewer_report, fewer_recorded = click(excel.validate, payload)
    assert len(fewer_report.findings) < len(report.findings) - 100
    assert len(fewer_recorded) == len(recorded)


def test_without_the_macro_notes_are_written_one_by_one_and_staff_notes_kept(payload, monkeypatch):
    """A script driving a workbook that has no SipExcel module still gets its notes (one call each)."""
    def no_macro(self, name):
        raise RuntimeError(f"Cannot run the macro '{name}'")

    monkeypatch.setattr(type(open_book(payload)), "macro", no_macro)
    _, report, first = click(excel.validate, payload)
    added = [a["args"][0] for a in first if a["func"] == "addNote"]
    assert len(added) == 218 - 1 and "J20" not in added  # J20 has the staff's note
    once = apply(payload, first)
    _, _, cleared = click(excel.clear_marks, once)
    after = apply(once, cleared)
    assert sheet_of(after, PLAN)["notes"] == [{"address": "J20"}]


def test_validating_twice_gives_the_same_workbook_as_once(payload):
    _, _, first = click(excel.validate, payload)
    once = apply(payload, first)
    _, _, second = click(excel.validate, once)
    twice = apply(once, second)
    assert twice == once
    assert not [a for a in second if a["func"] == "addConditionalFormat"]  # installed once only


def test_plan_text_is_always_written_as_text(payload):
    plan = sheet_of(payload, PLAN)
    plan["values"][18][1] = "=1+1"  # B19, a ref typed as a formula-like text
    plan["values"][19][1] = "-1.2"
    plan["values"][20][1] = "@SUM(A1)"
    plan["values"][21][1] = "+44"
    _, _, recorded = click(excel.validate, payload)
    written = [v for a in recorded if a["func"] == "setValues" for row in a["values"] for v in row]
    formula_like = [v for v in written if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]
    assert formula_like and all(v.startswith("=HYPERLINK(\"#'") for v in formula_like)
    assert {"'=1+1", "'-1.2", "'@SUM(A1)", "'+44"} <= set(written)


@pytest.mark.parametrize(("rag", "shown"), [
    # the message quotes the cell: Excel hides a leading apostrophe, so the one written first is doubled
    ("In progress", "'In progress' means on track"),
    ("Done", "'Done' means complete"),
])
def test_a_message_that_starts_by_quoting_the_plan_keeps_its_quote(payload, rag, shown):
    plan = sheet_of(payload, PLAN)
    plan["values"][18][9] = rag  # J19, action 1.1's RAG status
    _, _, recorded = click(excel.validate, payload)
    validation = sheet_of(apply(payload, recorded), "Validation")
    messages = [row[3] for row in validation["values"] if len(row) > 3 and row[2] == "SIP403"]
    assert any(m.startswith(shown) for m in messages), messages


def _with_comment_updated(payload):
    plan = sheet_of(payload, PLAN)
    for r, row in enumerate(plan["values"]):
        if len(row) > 1 and str(row[1]).strip() in ("Ref:", "Ref"):
            row.append("Comment updated")
        else:
            row.append("")
    _set_used_range(plan)
    return payload


def test_comment_history_and_comment_updated_stamps_across_two_runs(payload):
    payload = _with_comment_updated(payload)
    _, _, first = click(excel.validate, payload)
    once = apply(payload, first)
    plan = sheet_of(once, PLAN)
    assert values_at(plan, "K19") == "2017-08-31T00:00:00.000Z"
    history = sheet_of(once, excel.HISTORY_SHEET)
    assert history["visibility"] == "Hidden" and history["values"][0][:4] == HISTORY_HEADER[:4]
    keys = {(row[0], row[1]) for row in history["values"][1:]}
    assert (1, "1.1") in keys and (4, "4.1") in keys
    # a month later, one comment changes
    settings = sheet_of(once, "Settings")
    settings["values"][13][1] = "2017-09-30T00:00:00.000Z"
    plan["values"][18][8] = "Housing now refer every family at risk. Reviewed in September."
    _, report, second = click(excel.validate, once)
    twice = apply(once, second)
    stamped = [a for a in second if a["func"] == "setValues" and a["sheet_position"] == 0]
    # One write per run of stamped rows: the repeated header row's "Comment updated" label between the two
    # stamps (rows 19 and 73) is text a person may have typed, so it is never written back.
    assert [(a["start_row"], a["start_column"], a["row_count"]) for a in stamped] == [(18, 10, 1), (72, 10, 1)]
    history = {(row[0], row[1]): row[3] for row in sheet_of(twice, excel.HISTORY_SHEET)["values"][1:]}
    assert history[(1, "1.1")] == "2017-09-30T00:00:00.000Z"
    assert history[(1, "1.3")] == "2017-08-31T00:00:00.000Z"
    assert values_at(sheet_of(twice, PLAN), "K19") == "2017-09-30T00:00:00.000Z"
    assert values_at(sheet_of(twice, PLAN), "K21") == "2017-08-31T00:00:00.000Z"
    assert not any(f.code == "SIP602" and f.ref == "1.1" for f in report.findings)


def test_stale_comments_come_from_history(payload):
    _, _, first = click(excel.validate, payload)
    once = apply(payload, first)
    sheet_of(once, "Settings")["values"][13][1] = "2018-01-31T00:00:00.000Z"
    _, report, _ = click(excel.validate, once)
    stale = {f.ref for f in report.findings if f.code == "SIP602"}
    assert "2.2" in stale  # Amber, comment unchanged since 31 Aug 2017: five months
    assert "1.3" not in stale  # complete actions need no update


def test_setup_workbook_adds_drop_downs_and_colours(payload):
    _, _, recorded = click(excel.setup_workbook, payload)
    lists = plan_actions(recorded, "setDataValidationList")
    assert len(lists) == 12  # one per header row's RAG column
    first = lists[0]
    assert (first["start_row"], first["start_column"], first["row_count"]) == (18, 9, 19)
    assert first["args"][0] == {"type": "literal", "values": ["Blue", "Red", "Amber", "Green"]}
    formats = [a["args"][0]["formula"] for a in plan_actions(recorded, "addConditionalFormat")]
    assert formats[0] == '=OR(LOWER(TRIM(J19))="blue",LOWER(TRIM(J19))="completed",LOWER(TRIM(J19))="complete")'
    assert not [a for a in plan_actions(recorded, "setValues")]  # existing data untouched


def test_setting_up_twice_adds_the_status_colours_once_and_keeps_the_history(payload):
    _, _, validated = click(excel.validate, payload)
    checked = apply(payload, validated)
    history_before = sheet_of(checked, HISTORY_SHEET)["values"]
    _, _, first = click(excel.setup_workbook, checked)
    once = apply(checked, first)
    _, _, second = click(excel.setup_workbook, once)
    twice = apply(once, second)
    assert len(plan_actions(first, "addConditionalFormat")) == 12 * 4
    assert plan_actions(second, "addConditionalFormat") == []
    assert len(plan_actions(second, "setDataValidationList")) == 12  # a list replaces itself
    history = sheet_of(twice, HISTORY_SHEET)["values"]
    assert [row[:9] for row in history[:len(history_before)]] == [row[:9] for row in history_before]
    assert sorted(row[9] for row in history[1:] if row[9]) == sorted(
        f"J{a['start_row'] + 1}:J{a['start_row'] + a['row_count']}" for a in plan_actions(first, "setDataValidationList"))


def test_setup_workbook_adds_settings_and_the_comment_updated_column(payload):
    payload["sheets"] = [s for s in payload["sheets"] if s["name"] != "Settings"]
    _, _, recorded = click(excel.setup_workbook, payload, comment_updated=True)
    after = apply(payload, recorded)
    settings = sheet_of(after, "Settings")
    assert settings["values"][0][0] == "Report" and ["Spelling", "Status", ""] in settings["values"]
    assert values_at(sheet_of(after, PLAN), "K18") == "Comment updated"
    assert sheet_of(after, PLAN)["values"][18][:10] == sheet_of(payload, PLAN)["values"][18][:10]


def test_a_friendly_message_not_a_traceback_when_there_is_no_plan(tmp_path):
    payload = workbook_payload(SAMPLE)
    payload["sheets"] = [sheet_payload("Budget", [["Line", "Amount"], ["Staff", 100]])]
    book, result, recorded = click(excel.validate, payload)
    assert result is None
    (alert,) = [a for a in recorded if a["func"] == "alert"]
    message, title, _, mode, _ = alert["args"]
    assert title == "sip-excel" and mode == "critical"
    assert message.startswith("SIP101: no plan table found")
    assert "Traceback" not in message and str(tmp_path / "sip-excel.log") in message
    assert "Traceback" in (tmp_path / "sip-excel.log").read_text()
    assert [a["func"] for a in recorded] == ["alert"]  # nothing else was touched


def test_an_excel_error_in_a_cell_is_a_finding_not_a_blank(payload):
    plan = sheet_of(payload, PLAN)
    plan["values"][19][4] = "#REF!"  # E20, 1.2's end date, as Office.js sends an error value
    _, report, _ = click(excel.validate, payload)
    at_e20 = {(f.code, f.value) for f in report.findings if f.cell == "E20"}
    assert ("SIP106", "#REF!") in at_e20 and not any(code == "SIP301" for code, _ in at_e20)


class _UsedRange:
    """What desktop Excel's used range gives for .formula: text per cell, formulas starting '='."""

    def __init__(self, row, column, formula):
        self.row, self.column, self.formula = row, column, formula


@pytest.mark.parametrize(("formula", "rows", "expected"), [
    ((("Ref", "=B1+1"), ("1.1", "=TODAY()")), [["Ref", 2], ["1.1", dt.datetime(2017, 8, 31)]],
     {(0, 1): "B1+1", (1, 1): "TODAY()"}),
    ((("=x typed as text",),), [["=x typed as text"]], {}),  # text that only looks like a formula
    ("=1+1", [[None, None], [None, 2]], {(1, 1): "1+1"}),  # a one-cell used range at B2
])
def test_live_formulas_are_the_cells_whose_formula_is_not_their_value(formula, rows, expected):
    used = _UsedRange(2, 2, formula) if isinstance(formula, str) else _UsedRange(1, 1, formula)
    assert dict(live.LiveFormulas(used, rows)) == expected


def test_a_formula_in_a_live_plan_cell_is_reported_as_on_the_command_line(payload, monkeypatch):
    def read_with_a_formula(sheet, host=None):
        grid = real_read_grid(sheet, host)
        if sheet.name == PLAN:
            grid.formulas = {(18, 4): "EDATE(D19,6)"}  # E19, as desktop Excel would report it
        return grid

    real_read_grid = live.read_grid
    monkeypatch.setattr(live, "read_grid", read_with_a_formula)
    _, report, _ = click(excel.validate, payload)
    (finding,) = [f for f in report.findings if f.code == "SIP105"]
    assert (finding.cell, finding.value) == ("E19", "=EDATE(D19,6)")


def test_the_remote_engine_reads_no_formulas_and_that_is_no_error(payload):
    _, report, recorded = click(excel.validate, payload)
    assert not [f for f in report.findings if f.code == "SIP105"]
    assert not [a for a in recorded if a["func"] == "alert" and "Something went wrong" in a["args"][0]]


def test_an_unexpected_failure_is_a_message_box_and_leaves_the_plans_cells_alone(payload, tmp_path, monkeypatch):
    payload = _with_comment_updated(payload)  # Validate would stamp it (see the comment history test)

    def fail(*args):
        raise RuntimeError("Excel is busy")

    monkeypatch.setattr(marks, "mark_cells", fail)
    _, result, recorded = click(excel.validate, payload)
    assert result is None
    (alert,) = [a for a in recorded if a["func"] == "alert"]
    assert alert["args"][0].startswith("Something went wrong (RuntimeError: Excel is busy). The plan's entries are "
                                       "safe")
    assert str(tmp_path / "sip-excel.log") in alert["args"][0] and "Traceback" not in alert["args"][0]
    assert plan_actions(recorded, "setValues") == []  # no stamp went into the plan


def test_build_report_asks_for_a_workbook_never_saved_to_be_saved_first(payload, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    payload["book"]["name"] = "Book1"  # how Excel names a new workbook until it is saved
    _, written, recorded = click(excel.build_report, payload)
    assert written is None and list(tmp_path.glob("*.docx")) == []
    (alert,) = [a for a in recorded if a["func"] == "alert"]
    assert alert["args"][0].startswith("'Book1' has not been saved yet, so there is no folder to put the report in.")


def test_build_report_from_excel_matches_the_command_line(payload, tmp_path, monkeypatch):
    import subprocess
    import sys

    monkeypatch.chdir(tmp_path)
    _, written, recorded = click(excel.build_report, payload)
    assert written == tmp_path / "Plan - committee report 2017-08-31.docx"
    (alert,) = [a for a in recorded if a["func"] == "alert"]
    assert str(written) in alert["args"][0]
    _, again, _ = click(excel.build_report, payload)
    assert again.name == "Plan - committee report 2017-08-31 (2).docx"  # never overwrites
    cli = tmp_path / "cli.docx"
    subprocess.run([sys.executable, "-m", "sip_excel.cli", "report", str(SAMPLE), "-o", str(cli)], check=True)
    paragraphs = lambda path: [p.text for p in Document(path).paragraphs]  # noqa: E731
    assert paragraphs(written) == paragraphs(cli)


def test_every_runpython_call_in_the_macros_names_a_function_that_exists():
    calls = []
    for path in (ROOT / "macros").glob("*.bas"):
        calls += re.findall(r'RunPython\s*\(?\s*"([^"]+)"', path.read_text(encoding="utf-8"))
    assert len(calls) >= 4
    for call in calls:
        match = re.fullmatch(r"import (sip_excel\.\w+)(?: as (\w+))?; ?(\w+)\.(\w+)\(.*\)", call)
        assert match, call
        module = __import__(match[1], fromlist=["_"])
        assert callable(getattr(module, match[4])), call


def test_button_path_validates_without_pandas_docx_or_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "for name in ('pandas', 'docx', 'docxtpl', 'matplotlib'): sys.modules[name] = None\n"
        "import os; os.environ['XLWINGS_LICENSE_KEY'] = 'noncommercial'\n"
        "sys.path.insert(0, 'tests'); from excel_sim import workbook_payload, open_book\n"
        "from sip_excel import excel\n"
        f"book = open_book(workbook_payload(__import__('pathlib').Path({str(SAMPLE)!r})))\n"
        "report = excel.validate(book)\n"
        "assert report is not None and len(report.findings) == 224, report\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr


class FormatSheet:
    """Just enough of an xlwings Sheet for LiveFormats: each range read is recorded, every cell is dd/mm/yyyy."""

    def __init__(self) -> None:
        self.reads: list[tuple[tuple[int, int], tuple[int, int]]] = []

    def range(self, first, last):
        self.reads.append((first, last))
        return type("Span", (), {"number_format": "dd/mm/yyyy"})()


def test_live_formats_are_read_per_date_column_named_by_the_workbooks_own_aliases():
    from sip_excel.config import DEFAULT_ALIASES
    from sip_excel.reader import read_plan

    from .conftest import HEADER, action_row, make_config

    header = [("Deadline" if label == "End" else label) for label in HEADER]  # an alias only Settings knows
    rows = [["Priority 1: Test"], header, action_row(ref="1.1"), action_row(ref="1.2")]
    sheet = FormatSheet()
    config = make_config(aliases={**DEFAULT_ALIASES, "end": (*DEFAULT_ALIASES["end"], "deadline")})
    plan = read_plan(Grid("Plan", rows, number_formats=live.LiveFormats(sheet, rows)), config)
    # Start (D) and Deadline (E), one read each over their date cells; no other column is asked about.
    assert sorted(sheet.reads) == [((3, 4), (4, 4)), ((3, 5), (4, 5))]
    # Excel says day format, so 1 Oct 2017 is that day, not the whole of October.
    assert plan.actions[0].end.precision == "day" and plan.actions[0].end.last_day == dt.date(2017, 10, 1)


class FakeButtons:
    """Excel's Buttons collection as COM shows it (desktop Excel on Windows): Add, Item, Count."""

    def __init__(self) -> None:
        self.made: list[Any] = []

    @property
    def Count(self) -> int:  # noqa: N802  (Excel's own name)
        return len(self.made)

    def Item(self, index: int) -> Any:  # noqa: N802
        return self.made[index - 1]

    def Add(self, left: float, top: float, width: float, height: float) -> Any:  # noqa: N802
        button = type("Button", (), {})()
        button.at = (left, top, width, height)
        self.made.append(button)
        return button


class FakeComSheet:
    """A sheet whose .api is Excel's object model, recording what is done to it."""

    def __init__(self) -> None:
        buttons = FakeButtons()
        self.buttons = buttons
        self.api = type("Api", (), {"Buttons": lambda _self: buttons})()

    def range(self, cell):
        row, column = cell
        return type("Cell", (), {"api": type("CellApi", (), {"Left": 48.0 * (column - 1), "Top": 15.0 * (row - 1)})})()


def test_set_up_adds_the_four_buttons_through_excels_object_model_once():
    sheet = FakeComSheet()
    assert desktop.add_form_buttons(sheet, 12)
    made = [(b.Caption, b.OnAction) for b in sheet.buttons.made]
    assert made == list(desktop.BUTTONS)
    assert {name for _, name in made} <= {m for m in re.findall(r"^Sub (\w+)\(", (ROOT / "macros" / "SipExcel.bas")
                                                                  .read_text(encoding="utf-8"), flags=re.M)}
    lefts = {b.at[0] for b in sheet.buttons.made}
    tops = [b.at[1] for b in sheet.buttons.made]
    assert lefts == {48.0 * 11} and tops == sorted(tops) and tops[0] == 15.0  # stacked from row 2 of column L
    assert desktop.add_form_buttons(sheet, 12) and len(sheet.buttons.made) == 4  # a second set-up adds none


def test_where_excel_cannot_add_buttons_the_user_is_told_the_manual_step(payload):
    _, _, recorded = click(excel.setup_workbook, payload)
    (alert,) = [a for a in recorded if a["func"] == "alert"]
    assert "cannot add buttons" in alert["args"][0] and "In Excel: the buttons" in alert["args"][0]


def test_rag_input_message_is_set_through_excels_validation_object():
    validation = type("Validation", (), {})()
    cells = type("Cells", (), {"api": type("RangeApi", (), {"Validation": validation})()})()
    desktop.set_input_message(cells, "BRAG status", "Blue: complete.")
    assert (validation.InputTitle, validation.InputMessage, validation.ShowInput) == ("BRAG status", "Blue: complete.",
                                                                                      True)
