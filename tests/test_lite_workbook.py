"""The xlwings Lite edition of the sample (workbook/sip_2017_18_lite.xlsx), read back by readers that are not Lite:
its web-extension part, its shapes as LibreOffice sees them, and the plan as sip-excel reads it."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from sip_excel.api import check

ROOT = Path(__file__).resolve().parent.parent
XLSX = ROOT / "workbook" / "sip_2017_18.xlsx"
LITE = ROOT / "workbook" / "sip_2017_18_lite.xlsx"
MAIN = ROOT / "workbook" / "lite" / "main.py"
BUILDER = ROOT / "workbook" / "build_lite_workbook.py"
HELPER = ROOT / "workbook" / "libreoffice_helper.py"
WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
# The parts the builder adds or edits; every other part is the .xlsx's, byte for byte.
CHANGED_PARTS = {"[Content_Types].xml", "_rels/.rels", "xl/worksheets/sheet1.xml"}
ADDED_PARTS = {"xl/worksheets/_rels/sheet1.xml.rels", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels",
               "xl/webextensions/webextension1.xml", "xl/webextensions/taskpanes.xml",
               "xl/webextensions/_rels/taskpanes.xml.rels"}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def lite_properties(package: dict[str, bytes]) -> dict[str, object]:
    """Lite's properties, each stored as a JSON string inside the XML attribute."""
    root = ElementTree.fromstring(package["xl/webextensions/webextension1.xml"])
    return {p.get("name"): json.loads(p.get("value")) for p in root.iter(f"{WE}property")}


def script_buttons() -> dict[str, tuple[str, str]]:
    """main.py's @script(button="[shape]Sheet!Cell") -> {function: (shape, 'Sheet!Cell')}."""
    found = re.findall(r'@script\(button="\[(\w+)\]([^"]+)"\)\s*\ndef (\w+)', MAIN.read_text(encoding="utf-8"))
    return {function: (shape, target) for shape, target, function in found}


def test_main_py_and_requirements_are_in_the_web_extension_part():
    package = parts(LITE)
    properties = lite_properties(package)
    assert properties["main.py"] == MAIN.read_text(encoding="utf-8")
    assert properties["pyodideVersion"] == "0.27.5"  # Python 3.12, which tests/test_pyodide.py runs
    lines = properties["requirements.txt"].splitlines()
    assert lines[0] == "xlwings==0.33.11  # required" and lines[-1].endswith("sip_excel-0.1.0-py3-none-any.whl")
    named = {re.split(r"[<>=]", line)[0] for line in lines}
    assert {"defusedxml", "openpyxl", "docxtpl", "python-docx", "jinja2", "pandas"} <= named  # what Lite fetches
    assert not named & {"python-calamine", "orjson"}  # no WebAssembly wheels: the buttons never need them
    root = ElementTree.fromstring(package["xl/webextensions/webextension1.xml"])
    assert {r.get("id").upper() for r in root.iter(f"{WE}reference")} == {"WA200008175"}  # the Lite add-in
    assert b"webextensiontaskpanes" in package["_rels/.rels"]  # Excel opens Lite's task pane with the workbook


def test_no_macros_and_only_lites_parts_added():
    lite, plain = parts(LITE), parts(XLSX)
    assert not [name for name in lite if "vba" in name.lower()]
    assert b"macroEnabled" not in lite["[Content_Types].xml"]
    assert set(lite) == set(plain) | ADDED_PARTS
    assert {name for name in plain if lite[name] != plain[name]} == CHANGED_PARTS


def test_each_shape_links_to_the_cell_its_script_names():
    package = parts(LITE)
    drawing, links = package["xl/drawings/drawing1.xml"].decode(), package["xl/drawings/_rels/drawing1.xml.rels"]
    targets = {rel.get("Id"): rel.get("Target") for rel in ElementTree.fromstring(links)}
    shapes = dict(re.findall(r'name="(\w+)"><a:hlinkClick [^>]*r:id="(rId\d+)"', drawing))
    buttons = script_buttons()
    assert sorted(buttons) == ["build_report", "clear_marks", "setup_workbook", "validate"]
    for shape, target in buttons.values():
        sheet, cell = target.rsplit("!", 1)
        assert targets[shapes[shape]] == f"#'{sheet}'!{cell}"


def test_libreoffice_opens_it_and_finds_the_four_shapes():
    found = subprocess.run(["/usr/bin/python3", str(HELPER), "shapes", str(LITE)], capture_output=True, text=True,
                           timeout=180)
    assert found.returncode == 0, found.stderr[-2000:]
    shapes = json.loads(found.stdout.splitlines()[-1])
    assert [(s["name"], s["text"]) for s in shapes] == [
        ("sip_validate", "Validate"), ("sip_build_report", "Build report"), ("sip_clear_marks", "Clear marks"),
        ("sip_setup_workbook", "Set up workbook")]
    expected = [f"#'{target.split('!')[0]}'.{target.split('!')[1]}" for _, target in script_buttons().values()]
    assert [s["link"] for s in shapes] == expected  # LibreOffice writes Sheet.Cell for Excel's Sheet!Cell


def test_sip_excel_reads_the_same_plan_from_it():
    _, _, lite = check(LITE)
    _, _, plain = check(XLSX)
    assert [(f.code, f.cell) for f in lite.findings] == [(f.code, f.cell) for f in plain.findings]


def test_the_builder_is_reproducible_and_takes_the_wheels_location(tmp_path):
    again = tmp_path / "again.xlsx"
    subprocess.run([sys.executable, str(BUILDER), "--output", str(again)], check=True, capture_output=True)
    assert again.read_bytes() == LITE.read_bytes()
    hosted = tmp_path / "hosted.xlsx"
    url = "https://intranet.example.gov.uk/wheels/sip_excel-0.1.0-py3-none-any.whl"
    subprocess.run([sys.executable, str(BUILDER), "--wheel", url, "--output", str(hosted)], check=True,
                   capture_output=True)
    assert lite_properties(parts(hosted))["requirements.txt"].splitlines()[-1] == url


def test_the_builder_runs_without_tomllib_as_on_python_3_10(monkeypatch):
    """README promises Python 3.10, which has no tomllib: the dependencies come from the installed metadata."""
    import importlib.util

    monkeypatch.setitem(sys.modules, "tomllib", None)  # 'import tomllib' now fails as on 3.10
    spec = importlib.util.spec_from_file_location("build_lite_workbook_310", BUILDER)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    named = {re.split(r"[<>=;\s]", line)[0].lower() for line in builder.webassembly_dependencies()}
    assert {"defusedxml", "openpyxl", "docxtpl", "python-docx", "jinja2", "pandas"} <= named
    assert not named & {"python-calamine", "orjson", "xlwings", "pytest"}  # not for WebAssembly, or only tests'
