"""The macro-enabled sample (workbook/sip_2017_18.xlsm), checked by readers that are not ours:
oletools' olevba for the VBA, LibreOffice for the buttons, and sip-excel's own reader for the plan."""
from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import xlwings
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser

from sip_excel.api import check

ROOT = Path(__file__).resolve().parent.parent
XLSX = ROOT / "workbook" / "sip_2017_18.xlsx"
XLSM = ROOT / "workbook" / "sip_2017_18.xlsm"
HELPER = ROOT / "workbook" / "libreoffice_helper.py"
BUTTON_MACROS = ["ValidatePlan", "BuildReport", "ClearMarks", "SetUpWorkbook"]
# The parts build_macro_workbook.py adds or edits; every other part is the .xlsx's, byte for byte.
CHANGED_PARTS = {"[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
                 "xl/worksheets/_rels/sheet1.xml.rels", "xl/vbaProject.bin", "xl/drawings/vmlDrawing1.vml",
                 "xl/workbook.xml", "xl/worksheets/sheet3.xml"}


def code_lines(text: str) -> list[str]:
    """VBA source as compared: no editor attributes, no trailing blanks, LF line ends."""
    lines = text.replace("\r\n", "\n").split("\n")
    return [line.rstrip() for line in lines if not line.startswith("Attribute VB_")
            and line.strip() != "Option VBASupport 1"]


def subs(text: str) -> set[str]:
    return set(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(", text, flags=re.M | re.I))


@pytest.fixture(scope="module")
def modules() -> dict[str, str]:
    parser = VBA_Parser(str(XLSM))
    try:
        return {stream.split("/")[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


def test_olevba_finds_the_button_macros_exactly_as_in_macros_folder(modules):
    assert sorted(modules) == ["SipExcel", "xlwings"]
    shipped = (ROOT / "macros" / "SipExcel.bas").read_text(encoding="utf-8")
    assert code_lines(modules["SipExcel"]) == code_lines(shipped)
    assert set(BUTTON_MACROS) <= subs(modules["SipExcel"])


def test_embedded_xlwings_module_matches_the_installed_xlwings(modules):
    """RunPython's VBA half must be the same xlwings version as the Python half (pinned in pyproject.toml)."""
    embedded = re.search(r"^'Version: (\S+)", modules["xlwings"], flags=re.M)[1]
    assert embedded == xlwings.__version__
    bundled = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="utf-8")
    assert code_lines(modules["xlwings"]) == code_lines(bundled)


def test_the_vba_project_declares_the_western_european_code_page():
    """Excel reads the modules' source in the project's code page: 1252, which LibreOffice leaves at 0
    (workbook/vba_codepage.py). oletools reads the dir stream back."""
    import io

    import olefile
    from oletools.olevba import VBA_Project

    with zipfile.ZipFile(XLSM) as package:
        ole = olefile.OleFileIO(io.BytesIO(package.read("xl/vbaProject.bin")))
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=True)
    assert (project.codepage, project.codec, project.lcid) == (1252, "cp1252", 1033)
    # ... and the modules, decoded in that code page, are those of macros/ (test_olevba_finds_... above)


def test_xlwings_conf_keeps_python_running_between_clicks():
    """The hidden xlwings.conf sheet sets USE UDF SERVER, which xlwings' VBA module reads (Windows only)."""
    from openpyxl import load_workbook

    book = load_workbook(XLSM, read_only=True, keep_vba=False)
    conf = book["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    assert [tuple(row) for row in conf.iter_rows(values_only=True)] == [("USE UDF SERVER", True)]
    bundled = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="utf-8")
    assert 'GetConfig("USE UDF SERVER"' in bundled and 'PROJECT_NAME & ".conf"' in bundled
    book.close()


def test_each_form_button_runs_a_macro_that_exists(modules):
    with zipfile.ZipFile(XLSM) as package:
        vml = ElementTree.fromstring(package.read("xl/drawings/vmlDrawing1.vml"))
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    excel = "{urn:schemas-microsoft-com:office:excel}"
    buttons = [data for data in vml.iter(f"{excel}ClientData") if data.get("ObjectType") == "Button"]
    macros = [data.findtext(f"{excel}FmlaMacro").split("!")[-1] for data in buttons]
    assert macros == BUTTON_MACROS
    assert set(macros) <= subs(modules["SipExcel"])
    assert '<legacyDrawing r:id="rId1"/>' in sheet


def test_the_plan_is_the_sample_unchanged():
    with zipfile.ZipFile(XLSX) as plain, zipfile.ZipFile(XLSM) as macro:
        plain_parts = {name: plain.read(name) for name in plain.namelist()}
        macro_parts = {name: macro.read(name) for name in macro.namelist()}
    assert set(macro_parts) - set(plain_parts) <= CHANGED_PARTS
    for name, data in plain_parts.items():
        if name not in CHANGED_PARTS:
            assert macro_parts[name] == data, name
    # The sheet's XML gains only the link to the buttons' drawing (and the namespace that link needs).
    sheet = macro_parts["xl/worksheets/sheet1.xml"].decode()
    original = plain_parts["xl/worksheets/sheet1.xml"].decode()
    assert sheet.replace('<legacyDrawing r:id="rId1"/>', "").replace(
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "") == original.replace(
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"', "")
    _, _, macro_report = check(XLSM)
    _, _, plain_report = check(XLSX)
    assert macro_report.findings == plain_report.findings
    assert len(plain_report.findings) == 224


def test_libreoffice_opens_it_and_finds_the_buttons_bound_to_the_macros(tmp_path):
    """LibreOffice (python3-uno, installed by .ci/run) reads the VBA project and the four buttons."""
    found = subprocess.run(["/usr/bin/python3", str(HELPER), "controls", str(XLSM)], capture_output=True,
                           text=True, timeout=240, check=True)
    modules, *buttons = json.loads(found.stdout.strip().splitlines()[-1])
    assert modules == {"modules": ["SipExcel", "xlwings"]}
    assert [b["label"] for b in buttons] == ["Validate", "Build report", "Clear marks", "Set up workbook"]
    for button, macro in zip(buttons, BUTTON_MACROS):
        assert button["kind"].endswith("CommandButton")
        assert button["scripts"] == [f"vnd.sun.star.script:VBAProject.SipExcel.{macro}?language=Basic&location=document"]


def test_apply_notes_macro_does_in_libreoffice_what_the_remote_engine_replay_assumes(tmp_path):
    """The real VBA of SipExcel.ApplyNotes, run by LibreOffice's VBA support: adds notes, replacing a note the
    tool wrote but never the staff's, and deletes only notes the tool wrote. tests/excel_sim.py replays it."""
    from . import excel_sim  # noqa: PLC0415

    staff = {"J20": "Staff: waiting for the audit"}
    steps = [[[], ["B83", "J20", "D19"], ["sip-excel:\nSIP204 ref", "sip-excel:\nSIP401 no RAG", "sip-excel:\nSIP301"]],
             [["B83", "J20"], [], []],
             [[], ["D19", "J20"], ["sip-excel:\nSIP303 text date", "sip-excel:\nSIP401 again"]]]  # rows were sorted
    plan = tmp_path / "steps.json"
    plan.write_text(json.dumps({"staff": staff, "steps": steps}), encoding="utf-8")
    ran = subprocess.run(["/usr/bin/python3", str(HELPER), "notes", str(XLSM), str(plan)], capture_output=True,
                         text=True, timeout=240, check=True)
    in_libreoffice = json.loads(ran.stdout.strip().splitlines()[-1])
    assert in_libreoffice == [
        {"B83": "sip-excel:\nSIP204 ref", "D19": "sip-excel:\nSIP301", "J20": "Staff: waiting for the audit"},
        {"D19": "sip-excel:\nSIP301", "J20": "Staff: waiting for the audit"},
        {"D19": "sip-excel:\nSIP303 text date", "J20": "Staff: waiting for the audit"},
    ]
    # The replay used by the Excel tests, from a payload whose staff note (like Excel's) carries no text.
    sheets = [{"name": "Plan", "notes": [{"address": "J20"}]}]
    replayed = []
    for remove, add, texts in steps:
        excel_sim._apply_notes_macro(sheets, "Plan", remove, add, texts)
        replayed.append({n["address"]: n.get("text", staff.get(n["address"])) for n in sheets[0]["notes"]})
    assert replayed == in_libreoffice
