"""The plans people actually keep (issue 13): action logs, implementation plans, RAID logs and status reports
read without set-up, each shape a row of one table, built here as plain grids.

Each case gives the sheets of a workbook and what must be read from it: the plan sheet, each action's label
(its ref, or its row), its group (priority, or a column's value), its section, the meaning of its status, and
the codes the checks report (which must not be noise: no SIP101/102/103, no SIP402 for known status words).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sip_excel.api import load
from sip_excel.config import Config
from sip_excel.errors import PlanStructureError
from sip_excel.grid import Grid
from sip_excel.headers import HOW_HEADED
from sip_excel.validate import validate

AS_OF = dt.date(2017, 8, 31)
D = dt.datetime


def _sheets(*grids: Grid) -> dict[str, Grid]:
    return {grid.sheet: grid for grid in grids}


def _read(sheets: dict[str, Grid], **options: Any) -> dict[str, Any]:
    plan, config = load(sheets, as_of=AS_OF, **options)
    report = validate(plan, config)
    table = plan.table
    return {
        "sheet": plan.sheet,
        "other sheets": plan.other_sheets,
        "labels": [table.label(i) for i in range(len(table))],
        "groups": [(plan.priority(p).name if plan.priority(p) else None) for p in table.priorities],
        "sections": table.sections,
        "meanings": table.meanings,
        "codes": sorted({f.code for f in report.findings}),
    }


# A UK university team's action log: its own labels, refs, full names, and statuses of its own.
ACTION_LOG = Grid("Action log", [
    ["School of Health: action log"],
    [],
    ["Action Ref", "Date raised", "Action / Decision", "Owner", "Deadline(s)", "Update", "Status"],
    ["A-001", D(2017, 5, 2), "Circulate the minutes", "Jo Bloggs", D(2017, 6, 1), "Sent.", "Done"],
    ["A-002", D(2017, 5, 2), "Book the room for the away day", "Head of School", D(2017, 9, 30), "Asked.",
     "In progress"],
    ["A-003", D(2017, 6, 6), "Review the risk register", "Sam O'Neill", D(2017, 10, 31), "Waiting for IT",
     "Escalated"],
    ["A-004", D(2017, 6, 6), "Agree next year's budget", "Jo Bloggs", D(2017, 12, 1), "", "Not started"],
])

# An IT implementation plan: numbered refs, banner rows for its phases (one merged across), emoji statuses.
IMPLEMENTATION = Grid("Plan", [
    ["ID", "Task Description", "Responsible", "Start Date", "Due Date (dd/mm/yy)", "Progress", "RAG Status"],
    ["1 Preparation Phase", "", "", "", "", "", ""],
    ["1.1", "Order the servers", "IT", D(2017, 4, 1), D(2017, 5, 1), "Delivered", "\u2705"],
    ["1.2", "Install the servers", "IT", D(2017, 5, 1), D(2017, 9, 1), "Racked", "\U0001f7e2"],
    ["", "2 Delivery Phase \U0001f680", "", "", "", "", ""],
    ["2.1", "Migrate the data", "Data team", D(2017, 6, 1), D(2017, 7, 1), "Late", "\U0001f534 blocked"],
    ["2.2", "Train the staff", "Trainers", D(2017, 9, 1), D(2017, 10, 1), "", "\u23f8 On hold"],
], merged=[((4, 1), (4, 6))])

# A start-up's action plan: no ref, no due date, sessions as banner rows, the confidence scale.
SESSIONS = Grid("Actions", [
    ["Task", "Assigned to", "Status", "Notes"],
    ["Session 1", "", "", ""],
    ["Write the pitch", "Founder", "A/G", "Draft one done"],
    ["Find a mentor", "Founder", "Amber/Red", ""],
    ["Session 2", "", "", ""],
    ["Register the company", "CFO", "Complete", ""],
    [],
    ["Wrap-up", "", "", "Agreed at the last session"],  # text, but no status, date or lead: a banner
    ["Send thanks", "CEO", "To do", "Cards bought"],
])

# A RAID log grouped by a Category column, with template rows numbered ahead by formulas and by hand.
RAID = Grid("RAID", [
    ["#", "Category", "Description", "Owner", "Target Date", "RAG", "Remarks"],
    [1, "Risk", "Supplier fails", "PMO", D(2017, 12, 1), "A", "Second supplier found"],
    [2, "Issue", "Budget cut", "Finance", D(2017, 7, 1), "R", "With the board"],
    [3, "Risk", "Key staff leave", "HR", D(2017, 12, 1), "G", "Retention plan"],
    [4, "", "", "", "", "", ""],
    [5, "", "", "", "", "", ""],
    [6, "", "", "", "", "Open", ""],
], formulas={(4, 0): "A4+1", (5, 0): "A5+1", (6, 0): "A6+1", (6, 5): 'IF(C7="","Open","")'})

# A dashboard first, the plan second: the plan is the sheet with the most actions.
DASHBOARD = Grid("Dashboard", [
    ["Project dashboard"],
    ["Action", "Status", "Count"],
    ["All actions", "Open", 4],
])
STATUS_REPORT = Grid("Status report", [
    ["S.No", "Deliverable", "PIC", "Target Date", "Status", "Remarks"],
    ["1", "Kick-off", "PM", D(2017, 4, 1), "Closed", "Held"],
    ["2", "Design", "Architect", D(2017, 6, 30), "At risk", "Two weeks late"],
    ["3", "Build", "Developers", D(2017, 12, 1), "On track", "Sprint 4"],
])

# A summary table above the plan on the same sheet: a near miss (no status) and a poorer complete row.
SUMMARY_ABOVE = Grid("Tracker", [
    ["Ref", "Action", "Owner"],  # names three fields but no status: not the plan
    ["Action", "Status"],  # names both, but fewer than the real header row below
    ["Open actions", "3"],
    [],
    ["Ref", "Action", "Owner", "Start", "Due", "Status", "Notes"],
    ["1", "Write the plan", "RG", D(2017, 4, 1), D(2017, 12, 1), "Green", "Drafted"],
])

# The council's own layout, with "Priority N" headings, as today.
COUNCIL = Grid("SIP", [
    ["Priority 1: Early help"],
    ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead", "Comments",
     "RAG status"],
    ["An aim", "1.1", "Do it", D(2017, 4, 1), D(2017, 10, 1), "Done", "RG", "CP", "Going well.", "Green"],
    ["Priority 2: Later"],
    ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead", "Comments",
     "RAG status"],
    ["An aim", "2.1", "Do more", D(2017, 4, 1), D(2017, 10, 1), "Done", "RG", "CP", "Going well.", "Completed"],
])

CASES = [
    ("university action log", _sheets(ACTION_LOG), {}, {
        "sheet": "Action log", "labels": ["A-001", "A-002", "A-003", "A-004"], "groups": [None] * 4,
        "meanings": ["complete", "on track", "at risk", "not started"],
        "codes": ["SIP403", "SIP601"],  # four other-scale words; one comment missing
    }),
    ("IT implementation plan with banner rows and emoji", _sheets(IMPLEMENTATION), {}, {
        "labels": ["1.1", "1.2", "2.1", "2.2"],
        "sections": ["1 Preparation Phase"] * 2 + ["2 Delivery Phase \U0001f680"] * 2,
        "meanings": ["complete", "on track", "stuck", "on hold"],
        "codes": ["SIP306", "SIP403", "SIP601"],  # 2.1 overdue; emoji are not BRAG words; 2.2 has no comment
    }),
    ("start-up action plan without refs or dates", _sheets(SESSIONS), {}, {
        "labels": ["row 3", "row 4", "row 6", "row 9"],
        "sections": ["Session 1", "Session 1", "Session 2", "Wrap-up Agreed at the last session"],
        "meanings": ["on track", "at risk", "complete", "not started"],
        "codes": ["SIP108", "SIP403", "SIP601"],  # no Ref and no End date column: once each
    }),
    ("RAID log grouped by a column, with numbered template rows", _sheets(RAID), {}, {
        "labels": ["1", "2", "3"], "groups": ["Category 1", "Category 2", "Category 1"],
        "meanings": ["at risk", "stuck", "on track"],
        "codes": ["SIP306", "SIP403"],  # the budget cut is overdue; R/A/G letters; not the template rows' formulas
    }),
    ("dashboard first, status report second", _sheets(DASHBOARD, STATUS_REPORT), {}, {
        "sheet": "Status report", "other sheets": ["Dashboard"], "labels": ["1", "2", "3"],
        "meanings": ["complete", "at risk", "on track"],
    }),
    ("--sheet chooses, in any case", _sheets(DASHBOARD, STATUS_REPORT), {"sheet": "dashboard"}, {
        "sheet": "Dashboard", "labels": ["row 3"],
    }),
    ("the best header row on the sheet, not the first near miss", _sheets(SUMMARY_ABOVE), {}, {
        "labels": ["1"], "meanings": ["on track"], "codes": [],
    }),
    ("the council's plan, as before", _sheets(COUNCIL), {}, {
        "labels": ["1.1", "2.1"], "groups": ["Priority 1", "Priority 2"], "meanings": ["on track", "complete"],
        "codes": [],
    }),
]


@pytest.mark.parametrize(("sheets", "options", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_tracker_is_read_without_set_up(sheets, options, expected):
    read = _read({name: Grid(grid.sheet, [list(row) for row in grid.rows], dict(grid.number_formats),
                             dict(grid.formulas), dict(grid.errors), list(grid.merged))
                  for name, grid in sheets.items()}, **options)
    assert {key: read[key] for key in expected} == expected


def test_the_text_output_names_the_other_sheets_with_a_table():
    """Validate's text, and the roll-up's, name the sheet read and the others that also hold a table."""
    from sip_excel.formatters import format_text
    from sip_excel.rollup import format_rollup, rollup

    plan, config = load(_sheets(Grid(DASHBOARD.sheet, [list(r) for r in DASHBOARD.rows]),
                                Grid(STATUS_REPORT.sheet, [list(r) for r in STATUS_REPORT.rows])), as_of=AS_OF)
    text = format_text(validate(plan, config), plan)
    assert text.splitlines()[:2] == ["Status report: 3 actions checked at 31 Aug 2017",
                                     "Also holding a plan table: 'Dashboard' (choose with --sheet)."]
    rolled = format_rollup(rollup(plan, validate(plan, config)), "text", plan=plan)
    assert rolled.splitlines()[:2] == ["Roll-up of 'Status report' at 31 Aug 2017",
                                       "Also holding a plan table: 'Dashboard' (choose with --sheet)."]


@pytest.mark.parametrize(("rows", "message"), [
    # the nearest header row lacks a status: the message names it and the alias that would fix it
    ([["Ref", "Task", "Owner", "Colour"], ["1", "Do", "RG", "Green"], ["2", "Do", "RG", "Amber"]],
     "SIP102: sheet 'Plan', header row 1: no 'RAG status' column. If that column is there under another label, "
     "add a row 'RAG status | Colour' under Column aliases in Settings."),
    ([["Item", "Owner", "Status"], ["Buy the thing", "RG", "Green"]],
     "SIP101: no plan table found on sheet 'Plan': the nearest is row 1 (Owner, Status), with no 'Action' "
     "column. If that column is there under another label, add a row 'Action | Item' under Column aliases in "
     "Settings."),
    ([["Budget"], ["Line", "Amount"], ["Staff", 100]], "SIP101: no plan table found"),
    # no column looks like the missing one: the labels read without set-up, what it holds, the Settings row
    ([["Task", "Owner", "Deadline"], ["Buy the thing", "RG", "2017-05-01"], ["Sell it", "RG", "2017-06-01"]],
     "SIP102: sheet 'Plan', header row 1: no 'RAG status' column. Add a column headed 'RAG status', 'Status' or "
     "'RAG' (values such as Green, Amber, Red, Blue, Done or In progress); or, if the plan has it under a label of "
     "its own, add a row 'RAG status | <its label>' under Column aliases in Settings."),
    ([["Owner", "Deadline", "Notes"], ["RG", "2017-05-01", "Soon"]],
     "SIP102: sheet 'Plan', header row 1: no 'Action' or 'RAG status' column. Add columns headed 'Action', 'Task' "
     "or 'Description' (what is to be done) and 'RAG status', 'Status' or 'RAG' (values such as Green, Amber, Red, "
     "Blue, Done or In progress); or, if the plan has them under labels of its own, add rows 'Action | <its "
     "label>' and 'RAG status | <its label>' under Column aliases in Settings."),
])
def test_no_plan_table_names_the_nearest_row_and_the_alias_that_fixes_it(rows, message):
    with pytest.raises(PlanStructureError) as caught:
        load({"Plan": Grid("Plan", rows)}, as_of=AS_OF)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(("name", "label"), [(name, label) for name, (labels, _) in HOW_HEADED.items()
                                             for label in labels])
def test_the_labels_a_message_offers_are_read_without_set_up(name, label):
    assert Config().vocabulary.label_lookup()[label] == name


@pytest.mark.parametrize("headings", [[["Field", "Labels"]], []], ids=["under the table's headings", "as the message says"])
def test_the_alias_the_message_names_fixes_it(headings):
    """The row the message names works typed straight under 'Column aliases', as the message words it, or under
    the table's own headings (Field | Labels)."""
    rows = [["Column aliases"], *headings, ["RAG status", "Colour"]]
    plan, _ = load({"Plan": Grid("Plan", [["Ref", "Task", "Owner", "Colour"], ["1", "Do", "RG", "Green"]]),
                    "Settings": Grid("Settings", rows)}, as_of=AS_OF)
    assert plan.table.statuses == ["Green"]


@pytest.mark.parametrize("digits", [20, 5000])
def test_a_huge_ref_or_priority_number_is_a_finding_not_a_crash(digits):
    number = "9" * digits
    rows = [[f"Priority {number}: Too long"],
            ["Ref", "Action", "End", "RAG status"],
            [f"1.{number}", "Do", "Jun-17", "Green"],
            [number, "Do", "Jun-17", "Green"]]
    plan, config = load({"Plan": Grid("Plan", rows)}, as_of=AS_OF)
    found = {(f.code, f.row) for f in validate(plan, config).findings}
    assert {("SIP203", 3), ("SIP203", 4)} <= found
    assert plan.priorities == []  # not a priority heading, but the plan's title


def test_a_priority_heading_with_a_huge_number_is_a_finding():
    rows = [["Priority 1: A"], ["Ref", "Action", "End", "RAG status"], ["1.1", "Do", "Jun-17", "Green"],
            [f"Priority {'9' * 5000}: B"], ["1.2", "Do", "Jun-17", "Green"]]
    plan, config = load({"Plan": Grid("Plan", rows)}, as_of=AS_OF)
    (finding,) = [f for f in validate(plan, config).findings if f.code == "SIP109"]
    assert (finding.cell, finding.severity) == ("A4", "error")
    assert "5000 digits" in finding.message
    assert plan.table.priorities == [1, 1]  # its action stays with the priority above


def test_the_roll_up_counts_not_started_and_on_hold_as_such():
    from sip_excel.rollup import rollup

    rows = [["Task", "Status"], ["a", "Done"], ["b", "In progress"], ["c", "On hold"], ["d", "Not started"],
            ["e", "Paused"], ["f", "Purple"]]
    plan, config = load({"Plan": Grid("Plan", rows)}, as_of=AS_OF)
    totals = rollup(plan, validate(plan, config)).totals
    assert [totals[name] for name in ("Blue", "Green", "Amber", "Red", "Not started", "On hold", "Unrated",
                                      "Total")] == [1, 1, 0, 0, 1, 2, 1, 6]


def test_the_command_reads_a_tracker_workbook_end_to_end(tmp_path):
    """The real command on a real file: a dashboard first, then an action log with a merged banner row and
    template rows numbered ahead by formulas; validate names the plan sheet and the other, rollup counts."""
    import os
    import subprocess
    import sys

    from openpyxl import Workbook

    from .conftest import ROOT

    book = Workbook()
    book.active.title = "Dashboard"
    for row in DASHBOARD.rows:
        book.active.append(row)
    log = book.create_sheet("Action log")
    for row in [["#", "Task", "Owner", "Due Date", "Status", "Notes"],
                ["Phase 1: set up"],
                [1, "Order the servers", "IT", D(2017, 5, 1), "Done", "Delivered"],
                [2, "Install the servers", "IT", D(2017, 9, 30), "On track", "Racked"],
                ["=A4+1"], ["=A5+1"]]:
        log.append(row)
    log.merge_cells("A2:F2")
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    run = lambda *arguments: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "sip_excel.cli", *arguments, str(path), "--as-of", "2017-08-31"], capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    validated = run("validate")
    assert validated.returncode == 0, validated.stderr
    assert validated.stdout.splitlines()[:2] == ["Action log: 2 actions checked at 31 Aug 2017",
                                                 "Also holding a plan table: 'Dashboard' (choose with --sheet)."]
    rolled = run("rollup", "--format", "csv")
    assert rolled.returncode == 0, rolled.stderr
    assert rolled.stdout.splitlines()[-1].startswith(",,Total,1,0,0,1,0,2,50,")


@pytest.mark.parametrize(("sheets", "ends"), [
    ({"Dashboard": [["Summary"], ["Status", "Count"], ["Green", 4]],
      "Actions": [["Task", "Owner", "Status"], ["Do it", "JS", "Green"], ["Then this", "JS", "Amber"]]},
     "A plan table is on 'Actions' (2 actions): choose that sheet instead (with --sheet, or Plan sheet in "
     "Settings)."),
    ({"Dashboard": [["Summary"], ["Status", "Count"], ["Green", 4]], "Notes": [["Nothing here"]]},
     "add them under Column aliases in Settings."),  # no other sheet has one: the error as it was
])
def test_a_chosen_sheet_without_a_table_names_the_sheets_that_have_one(sheets, ends):
    with pytest.raises(PlanStructureError) as caught:
        load({name: Grid(name, rows) for name, rows in sheets.items()}, sheet="dashboard", as_of=AS_OF)
    assert str(caught.value).startswith("SIP101: no plan table found on sheet 'Dashboard'")
    assert str(caught.value).endswith(ends)


def test_a_sheet_that_cannot_be_read_beside_the_plan_does_not_stop_the_run():
    from sip_excel.errors import WorkbookError

    def grid_of(name: str) -> Grid:
        if name == "Chart":
            raise WorkbookError("Sheet 'Chart' could not be read.")
        return Grid(STATUS_REPORT.sheet, [list(r) for r in STATUS_REPORT.rows])

    class Sheets(dict):
        def __getitem__(self, name: str) -> Grid:
            return grid_of(name)

    plan, _ = load(Sheets.fromkeys(["Chart", "Status report"]), as_of=AS_OF)
    assert (plan.sheet, len(plan.table), plan.unread_sheets) == ("Status report", 3, ["Chart"])
    with pytest.raises(WorkbookError, match="'Chart' could not be read"):
        load(Sheets.fromkeys(["Chart"]), as_of=AS_OF)
