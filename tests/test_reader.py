"""The reader: header rows by label, priorities, sections, continuation rows, merged cells, month precision."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.api import load
from sip_excel.errors import PlanStructureError
from sip_excel.grid import Grid
from sip_excel.reader import alias_lookup, read_plan
from sip_excel.validate import validate

from .conftest import AS_OF, HEADER, SAMPLE, action_row, make_config, plan_grid


def test_header_labels_any_case_colons_spacing_and_aliases_in_any_order():
    header = ["  REF NO ", "Owner", "Status:", "Due", "Update", "Action:", "Hidden evidence", "Start date"]
    grid = Grid("Plan", [["Priority 2: Aliases"], header,
                         ["2.1", "RG", "Amber", "30/09/2017", "Chased.", "Write it", "http://x", "01/04/2017"]])
    plan = read_plan(grid, make_config())
    action = plan.actions[0]
    assert (action.ref, action.text("lead_officer"), action.status, action.text("comments")) == \
        ("2.1", "RG", "Amber", "Chased.")
    assert action.end.value == dt.date(2017, 9, 30)
    assert action.fields["rag"].cell == "C3"
    assert action.fields["rag"].label == "Status:"


@pytest.mark.parametrize(("text", "field"), [
    ("Ref", "ref"), ("REF NO ", "ref"), ("Ref\u00a0No", "ref"), ("Lead officer:", "lead_officer"),
    ("End\tdate", "end"), ("  RAG  status", "rag"), ("Owner", "lead_officer"), ("Update", "comments"),
    ("Hello", ""), ("1.2", ""), ("x" * 41, ""),
])
def test_a_header_label_is_recognised_whatever_its_case_spacing_or_colon(text, field):
    assert alias_lookup(make_config())[text] == field


def test_aliases_come_from_settings():
    grid = Grid("Plan", [["Priority 1: A"], ["Ref", "Task", "Finish", "Colour"], ["1.1", "Do", "Jun-17", "Red"]])
    with pytest.raises(PlanStructureError, match="SIP101"):
        read_plan(grid, make_config())
    config = make_config(aliases={**make_config().aliases, "action": ("task",), "end": ("finish",),
                                  "rag": ("colour",)})
    assert read_plan(grid, config).actions[0].status == "Red"


def test_missing_required_column_names_it():
    grid = Grid("Plan", [["Priority 1: A"], ["Ref", "Action", "Start", "End"], ["1.1", "Do", "Apr-17", "Jun-17"]])
    with pytest.raises(PlanStructureError, match="SIP102.*'RAG status'"):
        read_plan(grid, make_config())


def test_a_month_formatted_end_date_means_the_whole_month():
    plan = read_plan(plan_grid({"end": dt.datetime(2017, 6, 1)}), make_config())
    assert plan.actions[0].end.last_day == dt.date(2017, 6, 30)
    plan = read_plan(plan_grid({"end": dt.datetime(2017, 6, 1)}, month_dates=False), make_config())
    assert plan.actions[0].end.last_day == dt.date(2017, 6, 1)


def test_wrapped_rows_continue_the_action_above_and_blank_rows_are_skipped():
    grid = plan_grid({"ref": "1.1", "action": "Brief the", "comments": "Half"}, {"ref": "1.2"})
    grid.rows.insert(3, ["", "", "team on passports", "", "", "", "", "", "of it", ""])
    grid.rows.insert(4, [])
    plan = read_plan(grid, make_config())
    assert [a.ref for a in plan.actions] == ["1.1", "1.2"]
    assert plan.actions[0].text("action") == "Brief the team on passports"
    assert plan.actions[0].text("comments") == "Half of it"
    assert plan.actions[0].fields["action"].cell == "C3"


def test_text_wrapped_under_the_first_action_after_a_priority_heading_continues_that_action():
    grid = plan_grid({"ref": "1.1"})
    grid.rows += [["Priority 2: Second"], action_row(ref="2.1", action="Brief the"),
                  ["", "", "team on passports", "", "", "", "", "", "", ""]]
    plan = read_plan(grid, make_config())
    assert [(p.number, p.title) for p in plan.priorities] == [(1, "Test priority"), (2, "Second")]
    assert plan.actions[1].text("action") == "Brief the team on passports"
    assert plan.actions[1].extra_rows == [5]


def test_a_merged_aim_covers_the_rows_below():
    grid = plan_grid({"ref": "1.5", "aim": "Families find help"}, {"ref": "1.5.1", "aim": ""})
    grid.merged.append(((2, 0), (3, 0)))
    plan = read_plan(grid, make_config())
    assert [a.text("aim") for a in plan.actions] == ["Families find help"] * 2


def test_priority_heading_sections_and_repeated_headers():
    rows = [["Plan title"], [], ["Priority 5: Ofsted", "", ""], ["actions from July 2016"], [],
            ["Help and protection"], ["Recommendations:", *HEADER[1:]], action_row(ref="1.1"),
            [], ["Leadership"], ["Recommendations:", *HEADER[1:]], action_row(ref="1.1")]
    plan = read_plan(Grid("Plan", rows), make_config())
    (priority,) = plan.priorities
    assert priority.title == "Ofsted actions from July 2016"
    assert priority.sections == ["Section 1: Help and protection", "Section 2: Leadership"]
    assert [a.section for a in plan.actions] == priority.sections
    assert plan.title == {"Plan title": ""}


def test_a_repeated_header_row_without_a_label_keeps_the_first_rows_column_and_label():
    second_header = [*HEADER[:6], "", *HEADER[7:]]  # no "Lead officer" over column G
    rows = [["Priority 1: A"], list(HEADER), action_row(ref="1.1"), [], second_header,
            action_row(ref="1.2", lead_officer="")]
    plan = read_plan(Grid("Plan", rows), make_config())
    entry = plan.actions[1].fields["lead_officer"]
    assert (entry.cell, entry.label, plan.label_of(entry.row, entry.column)) == ("G6", "Lead officer", "Lead officer")
    (finding,) = [f for f in validate(plan, make_config()).findings if f.code == "SIP501"]
    assert (finding.cell, finding.column) == ("G6", "Lead officer")


def test_sample_plan_structure():
    plan, config = load(SAMPLE)
    assert config.as_of == AS_OF
    assert [p.number for p in plan.priorities] == [1, 2, 3, 4, 5]
    assert plan.title["Frequency of monitoring/reporting"] == "Quarterly"
    assert len(plan.priorities[4].sections) == 8
    counts = {p.number: sum(a.priority == p.number for a in plan.actions) for p in plan.priorities}
    assert counts == {1: 16, 2: 13, 3: 13, 4: 17, 5: 54}
    assert plan.actions[0].fields["ref"].cell == "B19"


def test_file_and_grid_give_the_same_plan():
    from sip_excel.xlsx import WorkbookFile

    with WorkbookFile(SAMPLE) as workbook:
        grids = {name: workbook.grid(name) for name in workbook.sheet_names}
    from_grids, _ = load(grids)
    from_file, _ = load(SAMPLE)
    flat = lambda plan: [(a.ref, a.priority, a.section, a.start, a.end, a.status) for a in plan.actions]  # noqa: E731
    assert flat(from_grids) == flat(from_file)


@pytest.mark.parametrize("cell_xml", [
    '<c r="E3" s="{s}" t="n">',  # Excel, openpyxl and LibreOffice: r, s, t
    '<c r="E3" t="n" s="{s}">',  # another writer's order
    '<c r="E3" cm="1" s="{s}">',  # Excel's cell-metadata attribute in between
])
def test_month_formats_are_found_whatever_the_order_of_a_cells_attributes(tmp_path, cell_xml):
    import re
    import zipfile

    from openpyxl import Workbook

    from sip_excel.api import load_plan

    from .conftest import HEADER, action_row

    book = Workbook()
    sheet = book.active
    for row in ([["Priority 1: A"], HEADER, action_row(ref="1.1", end=dt.datetime(2017, 6, 1))]):
        sheet.append(row)
    sheet["D3"].number_format = sheet["E3"].number_format = "mmm-yy"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    style = re.search(r'<c r="E3" s="(\d+)"', xml)[1]
    xml = re.sub(r'<c r="E3" s="\d+" t="n">', cell_xml.format(s=style), xml)
    assert cell_xml.format(s=style) in xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    end = load_plan(path).actions[0].end
    assert end.precision == "month" and end.last_day == dt.date(2017, 6, 30)
