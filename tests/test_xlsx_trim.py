"""A sheet with a few far cells (sip_excel.xlsx.trim): near cells through calamine, far ones set in after, the
values the same as the own reader gives for the whole sheet."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from sip_excel import xlsx
from sip_excel.grid import parse_cell_name
from sip_excel.xlsx import WorkbookFile

from .xlsx_build import add_rows, edit_sheet, plan_file

NUMBER, TEXT, STYLED_EMPTY = "<v>7</v>", '<is><t>stray</t></is>', ""


def _cell(ref: str, inner: str) -> str:
    if inner == STYLED_EMPTY:
        return f'<c r="{ref}" s="1"/>'
    kind = ' t="inlineStr"' if inner.startswith("<is>") else ""
    return f'<c r="{ref}"{kind}>{inner}</c>'


def _rows(*cells: tuple[str, str]) -> str:
    """Rows of their own for the cells, in row order (the plan's own rows end at row 4)."""
    by_row: dict[int, list[str]] = {}
    for ref, inner in cells:
        by_row.setdefault(parse_cell_name(ref)[0] + 1, []).append(_cell(ref, inner))
    return "".join(f'<row r="{r}">{"".join(found)}</row>' for r, found in sorted(by_row.items()))


def _cells(rows: list[list]) -> dict[tuple[int, int], object]:
    """Every cell that holds something, by position: rows read densely and sparsely compare alike."""
    return {(r, c): value for r, row in enumerate(rows) if row for c, value in enumerate(row)
            if value not in ("", None)}


# (the far cells, whether calamine reads the near ones): slips of the keyboard far off, alone or a few, with a
# number, text or nothing but a style; and sheets this way must not be taken for.
CASES = [
    ([("XFD1048576", NUMBER)], True),
    ([("A1048576", TEXT)], True),
    ([("XFD1048576", STYLED_EMPTY)], True),
    ([("ZZ500000", NUMBER), ("B700000", TEXT), ("XFD1048576", NUMBER)], True),
    ([("BA10", NUMBER)], True),  # past column AZ, in a row near the plan
    ([(f"XFD{r}", NUMBER) for r in range(200_000, 201_500)], False),  # 1,500 far cells: laid out far apart
]


@pytest.mark.parametrize(("cells", "near_by_calamine"), CASES)
def test_far_cells_read_as_the_own_reader_reads_them(tmp_path, monkeypatch, cells, near_by_calamine):
    path = edit_sheet(plan_file(tmp_path / "plan.xlsx"), add_rows(_rows(*cells)))
    taken = []
    real = xlsx.near_and_far
    monkeypatch.setattr(xlsx, "near_and_far", lambda *args: taken.append(found := real(*args)) or found)
    with WorkbookFile(path) as workbook:
        grid = workbook.grid("Plan")
    monkeypatch.setattr(xlsx, "near_and_far", lambda *args: None)  # the own reader, for the whole sheet
    with WorkbookFile(path) as workbook:
        whole = workbook.grid("Plan")
    assert (taken[0] is not None) == near_by_calamine
    assert _cells(grid.rows) == _cells(whole.rows) and len(grid.rows) == len(whole.rows)
    assert grid.merged == whole.merged and grid.rows[3][4] == dt.date(2017, 10, 1)
    for ref, inner in cells:
        r, c = parse_cell_name(ref)
        assert grid.value(r, c) == {NUMBER: 7.0, TEXT: "stray", STYLED_EMPTY: None}.get(inner, "") or inner == STYLED_EMPTY


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@pytest.mark.parametrize(("form", "near_by_calamine"), [
    # Single-quoted references: found where they are as well as double-quoted ones, and cut there.
    (lambda xml: re.sub(r' r="([^"]*)"', r" r='\1'", xml), True),
    # A far cell under a namespace prefix, which python-calamine reads by its local name (this one made it abort
    # the process): not cut, the whole sheet read by the own reader.
    (lambda xml: xml.replace('<c r="XFD1048576"', f'<x:c xmlns:x="{MAIN}" r="XFD1048576"')
     .replace("<v>7</v></c></row>", "<x:v>7</x:v></x:c></row>"), False),
])
def test_far_cells_in_xml_of_another_form(tmp_path, monkeypatch, form, near_by_calamine):
    path = edit_sheet(plan_file(tmp_path / "plan.xlsx"), lambda xml: form(add_rows(_rows(("XFD1048576", NUMBER)))(xml)))
    taken = []
    real = xlsx.near_and_far
    monkeypatch.setattr(xlsx, "near_and_far", lambda *args: taken.append(found := real(*args)) or found)
    with WorkbookFile(path) as workbook:
        grid = workbook.grid("Plan")
    assert (taken[0] is not None) == near_by_calamine
    assert grid.value(1_048_575, 16_383) == 7.0 and grid.rows[3][4] == dt.date(2017, 10, 1)


def test_far_cells_on_two_sheets_of_a_workbook_with_relationships(tmp_path, monkeypatch):
    """Each sheet with far cells is read this way from its own copy of the package, the other sheets emptied in
    it and the sheet's relationships (a hyperlink here) kept."""
    from openpyxl import load_workbook

    path = plan_file(tmp_path / "plan.xlsx")
    workbook = load_workbook(path)
    workbook["Plan"]["K3"].hyperlink = "https://example.org/evidence"
    workbook["Plan"]["XFD1048576"] = "stray"
    workbook.create_sheet("Notes")["XFD1048576"] = "far"
    workbook.save(path)
    taken = []
    real = xlsx.near_and_far
    monkeypatch.setattr(xlsx, "near_and_far", lambda *args: taken.append(found := real(*args)) or found)
    with WorkbookFile(path) as workbook:
        plan, notes = workbook.grid("Plan"), workbook.grid("Notes")
    assert None not in taken and len(taken) == 2
    assert plan.value(1_048_575, 16_383) == "stray" and notes.value(1_048_575, 16_383) == "far"
    assert plan.rows[3][4] == dt.date(2017, 10, 1) and notes.value(0, 0) is None
