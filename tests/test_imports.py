"""The validate path stays lean: every Excel click and every CLI run starts Python afresh."""
from __future__ import annotations

import subprocess
import sys

from .conftest import SAMPLE

HEAVY = ("pandas", "docx", "docxtpl", "matplotlib", "openpyxl")


def imported_modules(code: str) -> set[str]:
    """Top-level modules imported by running `code`, as `python -X importtime` reports them."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                            timeout=120)
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def test_validate_command_imports_no_heavy_library():
    code = f"from sip_excel.cli import main; main(['validate', {str(SAMPLE)!r}, '--format', 'json'])"
    modules = imported_modules(code)
    assert "python_calamine" in modules  # the measurement sees real imports
    assert not modules & set(HEAVY), modules & set(HEAVY)


def test_validate_button_imports_no_report_library_beyond_what_runpython_loads():
    """A click runs `import xlwings.utils` (RunPython's own first line) and then sip-excel. Measured with
    -X importtime from that point on, sip-excel's Validate imports none of the report's Word libraries.

    (xlwings itself imports numpy, pandas and matplotlib when they are installed, before any of our code
    runs; tests/test_excel.py shows the button path also works with those blocked.)"""
    code = (
        "import sys, os\n"
        "os.environ['XLWINGS_LICENSE_KEY'] = 'noncommercial'  # for the remote engine standing in for Excel\n"
        "import xlwings.utils\n"
        "sys.path.insert(0, 'tests')\n"
        "from excel_sim import workbook_payload, open_book\n"
        "book = open_book(workbook_payload(__import__('pathlib').Path(" + repr(str(SAMPLE)) + ")))\n"
        "print('--- button starts ---', file=sys.stderr, flush=True)\n"
        "from sip_excel import excel\n"
        "assert len(excel.validate(book).findings) == 224\n"
    )
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                            timeout=120, cwd=SAMPLE.parent.parent)
    assert result.returncode == 0, result.stderr[-2000:]
    after_click = result.stderr.split("--- button starts ---", 1)[1]
    names = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in after_click.splitlines()
             if line.startswith("import time:") and "|" in line}
    assert "sip_excel" in names  # the measurement sees the button's own imports
    # pandas, numpy and matplotlib are already loaded by xlwings at this point, so only the rest is measurable.
    assert not names & {"docx", "docxtpl", "openpyxl", "lxml"}, names
