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
