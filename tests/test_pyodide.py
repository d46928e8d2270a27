"""The library in a real WebAssembly Python: Pyodide 0.27.5 (Python 3.12, as xlwings Lite records it) under Node.js.

The sample plan's grids are read here, in CPython, handed to Pyodide as JSON, and loaded and validated there by
the same sip_excel source; the findings must be exactly CPython's. Pyodide comes from npm (tests/pyodide, which
.ci/run installs); nothing is downloaded while the tests run.

Not tested inside Pyodide, because their compiled dependencies come only from Pyodide's package CDN, which is
not reachable here: the roll-up (pandas) and the Word report (python-docx needs lxml).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sip_excel.api import load
from sip_excel.grid import Grid
from sip_excel.validate import validate

from .conftest import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run.mjs"
PYODIDE = ROOT / "tests" / "pyodide" / "node_modules" / "pyodide"

# Skipped only on a developer's machine without Pyodide; under CI (.ci/run installs it) a missing Pyodide fails.
pytestmark = pytest.mark.skipif((shutil.which("node") is None or not PYODIDE.is_dir()) and not os.environ.get("CI"),
                                reason="Pyodide is not installed: run `npm ci --prefix tests/pyodide` (.ci/run does)")

# Python run inside Pyodide: rebuild the grids, load and validate, print the findings as JSON.
IN_PYODIDE = r'''
import datetime as dt, json, sys
from sip_excel.api import load
from sip_excel.grid import Grid
from sip_excel.validate import validate

def value(v):
    if isinstance(v, dict):
        return (dt.datetime if "T" in v["date"] else dt.date).fromisoformat(v["date"])
    return v

def positions(items):
    return {(r, c): text for r, c, text in items}

sheets = json.loads(SHEETS)
grids = {s["sheet"]: Grid(s["sheet"], [[value(v) for v in row] for row in s["rows"]],
                          number_formats=positions(s["number_formats"]), formulas=positions(s["formulas"]),
                          errors=positions(s["errors"]),
                          merged=[(tuple(a), tuple(b)) for a, b in s["merged"]]) for s in sheets}
plan, config = load(grids, as_of=dt.date.fromisoformat(AS_OF))
report = validate(plan, config)
print("FINDINGS " + json.dumps([[f.code, f.severity, f.cell, f.ref, f.message, f.suggestion]
                                for f in report.findings]))
print("PLATFORM " + json.dumps([sys.platform, sys.version_info[:2], sorted(
    m for m in sys.modules if m.split(".")[0] in ("python_calamine", "orjson", "pandas", "docx", "multiprocessing")
    or m.startswith(("sip_excel.xlsx", "sip_excel.alongside")))]))
'''


def to_json(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return {"date": value.isoformat()}
    return value


def sample_grids() -> dict[str, Grid]:
    from sip_excel.xlsx import WorkbookFile  # the command line's file reader: the Lite route has none

    with WorkbookFile(SAMPLE) as workbook:
        return {name: workbook.grid(name) for name in workbook.sheet_names}


def grids_json(grids: dict[str, Grid]) -> str:
    return json.dumps([{
        "sheet": grid.sheet, "rows": [[to_json(v) for v in row] for row in grid.rows],
        "number_formats": [[r, c, text] for (r, c), text in dict(grid.number_formats).items()],
        "formulas": [[r, c, text] for (r, c), text in dict(grid.formulas).items()],
        "errors": [[r, c, text] for (r, c), text in grid.errors.items()],
        "merged": [list(pair) for pair in grid.merged]} for grid in grids.values()])


def run_in_pyodide(tmp_path: Path, code: str, **constants: str) -> dict[str, Any]:
    script = tmp_path / "script.py"
    script.write_text("".join(f"{name} = {value!r}\n" for name, value in constants.items()) + code,
                      encoding="utf-8")
    result = subprocess.run(["node", str(RUNNER), str(ROOT), str(script)], capture_output=True, text=True,
                            timeout=300, cwd=RUNNER.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in result.stdout.splitlines()
            if line.split(" ", 1)[0].isupper() and " " in line}


def test_reader_and_rules_in_pyodide_find_exactly_what_cpython_finds(tmp_path):
    as_of = dt.date(2017, 8, 31)
    grids = sample_grids()
    plan, config = load(grids, as_of=as_of)
    expected = [[f.code, f.severity, f.cell, f.ref, f.message, f.suggestion] for f in validate(plan, config).findings]
    assert len(expected) > 200  # the sample's defects, so the comparison means something

    seen = run_in_pyodide(tmp_path, IN_PYODIDE, SHEETS=grids_json(grids), AS_OF=as_of.isoformat())

    platform, version, heavy = seen["PLATFORM"]
    assert platform == "emscripten" and version == [3, 12]  # really WebAssembly, the Python Lite records
    assert heavy == []  # no file reader (it needs python-calamine), no orjson, pandas or Word libraries
    assert seen["FINDINGS"] == expected


# The Lite workbook's own scripts (workbook/lite/main.py), run in Pyodide on the xlwings the Lite workbook pins.
LITE_SCRIPTS = r'''
import datetime as dt, json, os, sys
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # the remote engine Lite runs scripts on; tests only
os.environ["SIP_EXCEL_LITE_DATA"] = "/tmp/data"
os.makedirs("/tmp/data", exist_ok=True)
import xlwings as xw
def script(function=None, **config):  # xlwings Lite supplies its own (button=...), not PyPI's xlwings Server one
    return function if function is not None else (lambda inner: inner)
xw.script = script
from sip_excel import excel
excel._now = lambda: dt.datetime(2017, 8, 31, 9, 30)
scripts = {}
exec(compile(MAIN, "main.py", "exec"), scripts)
for name in ("validate", "clear_marks", "setup_workbook", "build_report"):
    payload = json.loads(PAYLOAD)
    payload["version"] = xw.__version__
    book = xw.Book(json=payload)
    try:
        scripts[name](book)
        recorded = book.json()["actions"]
    except Exception as error:  # the report's libraries are not here: say so, and which
        recorded = [{"func": "raised", "args": [f"{type(error).__name__}: {error}"]}]
    print("ACTIONS_" + name.upper() + " " + json.dumps(recorded, default=str))
print("XLWINGS " + json.dumps(xw.__version__))
'''


def test_lite_scripts_run_in_pyodide_on_the_xlwings_lite_pins(tmp_path):
    """Validate, Clear marks and Set up, from workbook/lite/main.py, in WebAssembly with xlwings 0.33.11: each
    keeps to its route's actions, and the Validation sheet carries every finding CPython finds, each with its
    link. Build report needs pandas (the roll-up), python-docx and lxml, which Pyodide gets only from its CDN:
    here it says in a message box which package is missing, and writes nothing."""
    from sip_excel.excel.host import CORE_ACTIONS, ROUTE_ACTIONS

    from .excel_sim import apply, sheet_of, workbook_payload

    wheel = next((ROOT / "tests" / "pyodide" / "wheels").glob("xlwings-0.33.11-py3-none-any.whl"), None)
    assert wheel is not None, "run .ci/run, which downloads the xlwings wheel Lite pins into tests/pyodide/wheels"
    payload = workbook_payload(SAMPLE)
    script = tmp_path / "script.py"
    script.write_text(f"MAIN = {(ROOT / 'workbook' / 'lite' / 'main.py').read_text(encoding='utf-8')!r}\n"
                      f"PAYLOAD = {json.dumps(payload)!r}\n" + LITE_SCRIPTS, encoding="utf-8")
    result = subprocess.run(["node", str(RUNNER), str(ROOT), str(script), str(wheel)], capture_output=True,
                            text=True, timeout=300, cwd=RUNNER.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in result.stdout.splitlines()
            if line.startswith(("ACTIONS_", "XLWINGS "))}
    assert seen["XLWINGS"] == "0.33.11"

    for name in ("VALIDATE", "CLEAR_MARKS", "SETUP_WORKBOOK"):
        emitted = {a["func"] for a in seen[f"ACTIONS_{name}"]}
        assert emitted <= CORE_ACTIONS <= ROUTE_ACTIONS["lite"], (name, emitted - CORE_ACTIONS)
        messages = [a["args"][0] for a in seen[f"ACTIONS_{name}"] if a["func"] == "alert"]
        assert not [m for m in messages if "Something went wrong" in m], messages

    expected = excel_findings(payload)
    rows = sheet_of(apply(payload, seen["ACTIONS_VALIDATE"]), "Validation")["values"]
    assert [(row[2], row[0]) for row in rows[6:]] == expected  # every finding, with its link, in order

    report = seen["ACTIONS_BUILD_REPORT"]  # nothing written, and the message names what is missing
    assert [a["func"] for a in report] == ["alert"]
    assert report[0]["args"][0].startswith("This Python has no 'pandas' package, which build report needs.")


def excel_findings(payload: dict) -> list[tuple[str, str]]:
    """(code, link) of each finding Validate lists for the same payload in CPython."""
    from sip_excel import excel
    from sip_excel.excel.validation_sheet import link

    from .excel_sim import open_book

    report = excel.validate(open_book(payload), route="lite")
    return [(f.code, link("SIP 2017-18", f.cell)) for f in report.findings]
