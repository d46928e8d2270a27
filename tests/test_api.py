"""The library's front door (sip_excel.api): a plan read from a file validates the same, whatever stray cell lies far off."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.api import load
from sip_excel.history import HISTORY_SHEET
from sip_excel.validate import validate

from .conftest import AS_OF
from .xlsx_build import add_rows, edit_sheet

PLAN_SHEET, SETTINGS_SHEET = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"


def _findings(path, stray_row: int | None = None) -> list[tuple]:
    """Every finding, in order, as a plain tuple; those about the stray cell's own row left out."""
    plan, config = load(path, as_of=AS_OF)
    return [tuple(f) for f in validate(plan, config).findings if f.row != stray_row]


def _cell(ref: str, content: str) -> str:
    row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    inner = "<v>1</v>" if content == "number" else '<is><t>x</t></is>'
    kind = "" if content == "number" else ' t="inlineStr"'
    return f'<row r="{row}"><c r="{ref}"{kind}>{inner}</c></row>'


# (sheet part, stray cell, what it holds): a slip of the keyboard at the sheet's far corner or its last row,
# on the plan or on the Settings sheet, must change no finding, and reading must still cost what the plan holds.
CASES = [
    (PLAN_SHEET, "XFD1048576", "number"),
    (PLAN_SHEET, "XFD1048576", "text"),
    (PLAN_SHEET, "A1048576", "number"),
    (PLAN_SHEET, "A1048576", "text"),
    (PLAN_SHEET, "J1048576", "text"),  # in the status column: a row of its own, far below the plan
    (SETTINGS_SHEET, "XFD1048576", "text"),
    (SETTINGS_SHEET, "E1048576", "number"),  # past the four columns Settings are read from
]


@pytest.mark.parametrize(("part", "ref", "content"), CASES)
def test_a_stray_far_cell_changes_no_finding(sample, tmp_path, part, ref, content):
    expected = _findings(sample)
    stray = tmp_path / "stray.xlsx"
    stray.write_bytes(sample.read_bytes())
    edit_sheet(stray, add_rows(_cell(ref, content)), part=part)
    plan, _ = load(stray, as_of=AS_OF)
    assert len(plan.grid.rows) == 175 or part == PLAN_SHEET and len(plan.grid.rows) == 1_048_576
    assert _findings(stray, stray_row=1_048_576) == expected


@pytest.mark.parametrize("ref", ["XFD1048576", "A1048576"])
def test_a_stray_far_cell_on_other_sheets_leaves_the_plan_and_its_history_as_they_are(sample, tmp_path, ref):
    """The plan sheet is chosen by reading every sheet, and the history sheet is read on every run: a stray cell
    far off on them reads as cheaply, and changes nothing, as one near the top."""
    from openpyxl import load_workbook

    def with_notes(cell: str, name: str):
        workbook = load_workbook(sample)
        workbook.create_sheet("Notes", 0)[cell] = "x"  # first, as a dashboard often is
        history = workbook.create_sheet(HISTORY_SHEET)  # the tool's own sheet, read on every run
        history.append(["Priority", "Ref", "Fingerprint", "First seen"])
        history.append([1, "1.1", "0123456789ab", dt.date(2017, 4, 1)])
        history["J9" if cell == "A1" else cell] = "x"
        workbook.save(tmp_path / name)
        return tmp_path / name

    near, far = with_notes("A1", "near.xlsx"), with_notes(ref, "far.xlsx")
    plan, _ = load(far, as_of=AS_OF)
    assert plan.sheet == "SIP 2017-18"
    assert plan.comment_first_seen == load(near, as_of=AS_OF)[0].comment_first_seen
    assert _findings(far) == _findings(near)


@pytest.mark.parametrize("count", [900, 2_000], ids=["cut out for the own reader", "whole sheet by the own reader"])
def test_a_column_of_notes_at_xfd_changes_no_finding_and_costs_what_it_holds(sample, tmp_path, count):
    """Notes typed down column XFD beside the plan (the last a thousand or two rows below it): no row of the
    plan grows 16,384 cells long for them (it made 2,000 of them take 6 s and 280 MB), and nothing changes."""
    from sip_excel.grid import ROW_FLOOR

    expected = _findings(sample)
    notes = tmp_path / "notes.xlsx"
    notes.write_bytes(sample.read_bytes())
    edit_sheet(notes, add_rows("".join(_cell(f"XFD{300 + i}", "text") for i in range(count))), part=PLAN_SHEET)
    plan, _ = load(notes, as_of=AS_OF)
    assert len(plan.grid.rows) == 300 + count - 1 and plan.grid.value(298 + count, 16_383) == "x"
    assert max(len(row) for _, row in plan.grid.walk()) <= ROW_FLOOR
    assert _findings(notes) == expected
