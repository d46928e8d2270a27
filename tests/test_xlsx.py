"""Reading workbook files: hostile and unusual cells become findings, odd XML reads the same, warnings are said."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sip_excel import xlsx
from sip_excel.errors import WorkbookError
from sip_excel.xlsx import Limits, WorkbookFile
from sip_excel.xlsx.sniff import sniff

from .conftest import SAMPLE
from .xlsx_build import SHEET, add_rows, edit_parts, edit_sheet, plan_file, set_cell

NEWER_ERRORS = ["#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA",
                "#PYTHON!", "#DATA!"]


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sip_excel.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def findings(path: Path, *options: str) -> list[tuple[str, str, object]]:
    result = run("validate", path, "--as-of", "2017-08-31", "--format", "json", *options)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    return [(f["code"], f["cell"], f["value"]) for f in json.loads(result.stdout)["findings"]]


# (id, edit of the plan sheet's XML, the findings of --select SIP1,SIP3 expected)
CELLS = [
    ("date cell -1e20", set_cell("E3", "<v>-1e20</v>"), [("SIP302", "E3", -1e20)]),
    ("date cell -inf", set_cell("E3", "<v>-INF</v>"), [("SIP302", "E3", None)]),  # JSON has no infinity
    ("date cell 1e20", set_cell("E3", "<v>1E+20</v>"), [("SIP302", "E3", 1e20)]),
    ("date cell NaN", set_cell("E3", "<v>NaN</v>"), [("SIP302", "E3", "1899-12-30T00:00:00")]),  # calamine's day 0
    *[(f"error {error}", set_cell("I3", f"<f>X()</f><v>{error}</v>", "e"), [("SIP106", "I3", error)])
      for error in NEWER_ERRORS],
    ("error #REF!", set_cell("I3", "<v>#REF!</v>", "e"), [("SIP106", "I3", "#REF!")]),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CELLS], ids=[c[0] for c in CELLS])
def test_a_hostile_cell_is_a_finding_on_that_cell(tmp_path, edit, expected):
    path = edit_sheet(plan_file(tmp_path / "plan.xlsx"), edit)
    assert findings(path, "--select", "SIP1,SIP3") == expected


@pytest.mark.parametrize("alongside_bytes", [0, 1 << 60], ids=["forked scan", "scan here"])
@pytest.mark.parametrize("value", ["-1e20", "-INF", "1e300"])
def test_an_impossible_date_reads_as_its_number_either_way(tmp_path, monkeypatch, alongside_bytes, value):
    path = edit_sheet(plan_file(tmp_path / "plan.xlsx"), set_cell("E3", f"<v>{value}</v>"))
    monkeypatch.setattr(xlsx, "ALONGSIDE_BYTES", alongside_bytes)
    with WorkbookFile(path) as workbook:
        grid = workbook.grid("Plan")
    assert grid.rows[2][4] == float(value) and grid.number_formats[(2, 4)] == "mmm-yy"
    assert grid.rows[3][4] == dt.date(2017, 10, 1)  # the other cells as calamine reads them


def test_an_impossible_date_in_the_previous_plan_is_no_crash(tmp_path):
    previous = edit_sheet(plan_file(tmp_path / "june.xlsx"), set_cell("E3", "<v>-1e20</v>"))
    current = plan_file(tmp_path / "plan.xlsx")
    result = run("rollup", current, "--previous", previous, "--as-of", "2017-08-31")
    assert result.returncode == 0 and "Traceback" not in result.stderr and "panicked" not in result.stderr


def test_a_sheet_calamine_refuses_reads_the_same_from_its_xml(tmp_path):
    """Shared strings, dates, booleans, merged cells: the own reader gives what calamine gives, and the error."""
    import xlsxwriter

    path = tmp_path / "plan.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Plan")
    month = workbook.add_format({"num_format": "mmm-yy"})
    sheet.write_row(0, 0, ["Priority 1: A"])
    sheet.merge_range(1, 0, 1, 2, "merged")
    sheet.write_row(2, 0, ["Text", 4.1, True, "", 3])
    sheet.write_datetime(3, 3, dt.datetime(2017, 6, 1), month)
    sheet.write_formula(3, 1, "=B3*2", None, 8.2)
    sheet.write_formula(4, 4, "=A1", None, "Priority 1: A")
    workbook.close()
    with WorkbookFile(path) as book:
        by_calamine = book.grid("Plan")
    edit_sheet(path, add_rows('<row r="9"><c r="C9" t="e"><f>_xlfn.SEQUENCE(2)</f><v>#SPILL!</v></c></row>'))
    with WorkbookFile(path) as book:
        by_xml = book.grid("Plan")
    assert by_xml.errors == {(8, 2): "#SPILL!"}
    assert by_xml.rows[:8] == by_calamine.rows + [[""] * 5] * (8 - len(by_calamine.rows))
    assert by_xml.merged == by_calamine.merged == [((1, 0), (1, 2))]
    assert (by_xml.number_formats, by_xml.formulas) == (by_calamine.number_formats, {**by_calamine.formulas,
                                                                                     (8, 2): "_xlfn.SEQUENCE(2)"})


def _same_as_sample(tmp_path: Path, edit) -> None:
    path = edit_sheet(shutil.copy(SAMPLE, tmp_path / "variant.xlsx"), edit)
    assert findings(path) == findings(SAMPLE)


def _prefixed(xml: str) -> str:
    xml = re.sub(r"<(/?)(?!\?)([A-Za-z]\w*)([\s/>])", r"<\1x:\2\3", xml)
    return xml.replace('<x:worksheet xmlns="', '<x:worksheet xmlns:x="', 1)


def _s_before_r(xml: str) -> str:
    return re.sub(r'<c r="([A-Z]+\d+)" s="(\d+)"', r'<c s="\2" r="\1"', xml)


@pytest.mark.parametrize("edit", [_prefixed, _s_before_r], ids=["namespace prefix", "s before r"])
def test_the_sample_written_otherwise_reads_the_same(tmp_path, edit):
    _same_as_sample(tmp_path, edit)


def test_the_sample_in_strict_open_xml_reads_the_same(tmp_path):
    strict = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
                  "http://purl.oclc.org/ooxml/spreadsheetml/main",
              "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
                  "http://purl.oclc.org/ooxml/officeDocument/relationships"}

    def to_strict(parts: dict[str, bytes]) -> None:
        for name in parts:
            if name.startswith("xl/") and name.endswith(".xml") and not name.startswith("xl/theme"):
                text = parts[name].decode()
                for old, new in strict.items():
                    text = text.replace(f'"{old}"', f'"{new}"')
                parts[name] = text.encode()

    path = edit_parts(shutil.copy(SAMPLE, tmp_path / "strict.xlsx"), to_strict)
    assert b"purl.oclc.org" in zipfile.ZipFile(path).read(SHEET)
    assert findings(path) == findings(SAMPLE)


def _epoch_1904(parts: dict[str, bytes]) -> None:
    parts["xl/workbook.xml"] = re.sub(rb"<workbookPr\b", b'<workbookPr date1904="1"', parts["xl/workbook.xml"], 1)


@pytest.mark.parametrize("styled", [False, True], ids=["bare serial", "date cell"])
def test_a_1904_workbook_reads_its_serials_from_1904(tmp_path, styled):
    """The same plan in both date systems, its first End date stored as each system's own serial number."""
    end = dt.date(2017, 6, 30)
    serial_1900 = (end - dt.date(1899, 12, 30)).days
    plain = edit_sheet(plan_file(tmp_path / "plan1900.xlsx"), set_cell("E3", f"<v>{serial_1900}</v>", style=styled))
    mac = edit_sheet(plan_file(tmp_path / "plan1904.xlsx"),
                     set_cell("E3", f"<v>{serial_1900 - 1462}</v>", style=styled))
    edit_parts(mac, _epoch_1904)
    with WorkbookFile(mac) as workbook:
        assert workbook.grid("Plan").date1904
    overdue = findings(plain, "--select", "SIP306")
    shown = "2017-06-30" if styled else serial_1900
    assert ("SIP306", "E3", shown) in overdue
    assert findings(mac, "--select", "SIP306") == [
        (code, cell, serial_1900 - 1462 if (cell, styled) == ("E3", False) else value) for code, cell, value in overdue]


def test_a_1904_settings_as_of_date(tmp_path):
    """The Settings sheet's As of date typed as a bare serial in a 1904 workbook means the 1904 day."""
    from openpyxl import load_workbook

    path = tmp_path / "plan.xlsx"
    shutil.copy(SAMPLE, path)
    workbook = load_workbook(path)
    settings = workbook["Settings"]
    row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value == "As of date")
    settings.cell(row, 2).value = (dt.date(2017, 8, 31) - dt.date(1904, 1, 1)).days
    settings.cell(row, 2).number_format = "General"
    workbook.save(path)
    edit_parts(path, _epoch_1904)
    from sip_excel.api import load

    _, config = load(path)
    assert config.as_of == dt.date(2017, 8, 31)


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZ500000"])
def test_a_stray_far_cell_reads_without_a_dense_range(tmp_path, far):
    path = edit_sheet(plan_file(tmp_path / "plan.xlsx"),
                      add_rows(f'<row r="{far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{far}"><v>1</v></c></row>'))
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with WorkbookFile(path) as workbook:
        grid = workbook.grid("Plan")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    from sip_excel.grid import parse_cell_name

    from sip_excel.grid import ROW_FLOOR

    row, column = parse_cell_name(far)
    assert len(grid.rows) == row + 1 and grid.value(row, column) == 1.0
    # a row of its own, as long as its cell, where that is near; kept aside (no row of 16,384) where it is far
    assert len(grid.rows[row]) == (column + 1 if column < ROW_FLOOR else 0)
    assert len(grid.rows[row - 1]) == 0 and grid.rows[3][4] == dt.date(2017, 10, 1)
    assert grown_mb < 64  # nothing per empty row, and not a slot per cell of the rectangle


def test_a_stray_far_cell_is_no_abort_on_the_command_line(tmp_path):
    plain = plan_file(tmp_path / "plan.xlsx")
    stray = edit_sheet(plan_file(tmp_path / "stray.xlsx"),
                       add_rows('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'))
    assert findings(stray) == findings(plain)


@pytest.mark.parametrize("lock_name", ["~$an.xlsx", "~$plan.xlsx"])
def test_an_open_workbook_is_read_with_a_warning(tmp_path, lock_name):
    path = plan_file(tmp_path / "plan.xlsx")
    (tmp_path / lock_name).write_bytes(b"\x08J Bloggs" + b" " * 157)
    result = run("validate", path, "--as-of", "2017-08-31")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("sip-excel: warning: ")]
    assert len(warnings) == 1 and "is open in Excel" in warnings[0] and "not yet saved" in warnings[0]
    assert result.returncode in (0, 1) and result.stdout


def _sheets(parts: dict[str, bytes], edit) -> None:
    parts["xl/workbook.xml"] = edit(parts["xl/workbook.xml"].decode()).encode()


@pytest.mark.parametrize(("edit", "warning"), [
    (lambda xml: xml.replace('name="Settings"', 'name="SIP 2017-18"'), "two sheets named 'SIP 2017-18'"),
    (lambda xml: re.sub(r'(name="SIP 2017-18" sheetId="1") state="visible"', r'\1 state="veryHidden"', xml),
     "very hidden"),
], ids=["duplicate names", "very hidden plan"])
def test_what_the_workbook_hides_is_said(tmp_path, edit, warning):
    path = edit_parts(shutil.copy(SAMPLE, tmp_path / "plan.xlsx"), lambda parts: _sheets(parts, edit))
    result = run("validate", path, "--as-of", "2017-08-31")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("sip-excel: warning: ")]
    assert len(warnings) == 1 and warning in warnings[0], result.stderr
    assert result.returncode in (0, 1)


def test_permission_denied_is_one_line(tmp_path, monkeypatch):
    path = plan_file(tmp_path / "plan.xlsx")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(WorkbookError, match="cannot be read: permission denied") as raised:
        sniff(path)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(("limits", "part"), [
    (Limits(part_bytes=5000), "xl/theme/theme1.xml"),  # the one part past 5,000 bytes
    (Limits(ratio=2, ratio_floor=100), None),
    (Limits(total_bytes=5000), None),
    (Limits(entries=3), None),
])
def test_limits_refuse_before_anything_inflates(tmp_path, limits, part):
    path = plan_file(tmp_path / "plan.xlsx")
    with pytest.raises(WorkbookError, match="zip bomb") as raised:
        WorkbookFile(path, limits)
    if part:
        assert f"the part '{part}'" in str(raised.value)


def test_what_inflates_is_counted_as_it_comes(tmp_path):
    """A part that inflates past the limit is stopped there, whatever its entry declares."""
    from sip_excel.xlsx.package import Package

    path = plan_file(tmp_path / "plan.xlsx")
    package = Package(path)
    try:
        object.__setattr__(package, "limits", Limits(part_bytes=100, ratio_floor=1 << 40))
        with pytest.raises(WorkbookError, match="would inflate to"):
            package.read(SHEET)
    finally:
        package.close()


def test_a_shared_formula_is_shown_by_its_own_text(tmp_path):
    """Excel writes a formula copied down once, in its first cell; the others are shown as Excel shows them."""
    path = plan_file(tmp_path / "plan.xlsx", {"ref": "1.1"}, {"ref": "1.2"}, {"ref": "1.3"})
    edit_sheet(path, set_cell("I3", '<f t="shared" ref="I3:I5" si="0">H3&amp;" noted"</f><v>CP noted</v>', "str"))
    edit_sheet(path, set_cell("I4", '<f t="shared" si="0"/><v>CP noted</v>', "str"))
    edit_sheet(path, set_cell("I5", '<f t="shared" si="0"/><v>CP noted</v>', "str"))
    result = run("validate", path, "--as-of", "2017-08-31", "--select", "SIP105", "--format", "json")
    messages = {f["cell"]: f["message"] for f in json.loads(result.stdout)["findings"]}
    assert sorted(messages) == ["I3", "I4", "I5"]
    assert '=H3&" noted"' in messages["I3"] and '=H4&" noted"' in messages["I4"] and '=H5&" noted"' in messages["I5"]


def test_calamines_rows_come_as_lists_to_be_written_into():
    from types import SimpleNamespace

    from sip_excel.xlsx.calamine import sheet_values

    for given in ([["Ref", "Action"], ["1.1", "Audit"]], (("Ref", "Action"), ["1.1", "Audit"])):
        sheet = SimpleNamespace(to_python=lambda skip_empty_area: given, merged_cell_ranges=[((0, 0), (0, 1))])
        rows, merged = sheet_values(SimpleNamespace(get_sheet_by_name=lambda name: sheet), "Plan")
        assert type(rows) is list and all(type(row) is list for row in rows)
        assert rows == [["Ref", "Action"], ["1.1", "Audit"]] and merged == [((0, 0), (0, 1))]
