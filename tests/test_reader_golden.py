"""The sample plan reads as it always has: its findings and roll-up, byte for byte, against golden files.

The golden files were written by the command line before the layouts work (issue 13) began;
a change to them must be one the issue asks for, made on purpose.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize(("arguments", "golden"), [
    (["validate", "--format", "text"], "sample_validate.txt"),
    (["validate", "--format", "json"], "sample_validate.json"),
    (["rollup", "--format", "text"], "sample_rollup.txt"),
    (["rollup", "--format", "json"], "sample_rollup.json"),
    (["rollup", "--format", "csv"], "sample_rollup.csv"),
])
def test_the_sample_plan_gives_the_same_output_byte_for_byte(arguments, golden):
    command = [sys.executable, "-m", "sip_excel.cli", arguments[0], str(SAMPLE), *arguments[1:], "--as-of",
               "2017-08-31"]
    result = subprocess.run(command, capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout == (GOLDEN / golden).read_bytes()
