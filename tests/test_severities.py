"""Severities from the Settings sheet: each rule's severity is a default an officer can change."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from sip_excel.config import Config, config_from_settings
from sip_excel.errors import SettingsError
from sip_excel.grid import Grid
from sip_excel.reader import read_plan
from sip_excel.validate import validate

from .conftest import make_config, plan_grid


def settings(*rows: list[object]) -> Grid:
    return Grid("Settings", [["Severities", None], ["Code", "Severity"], *[list(r) for r in rows]])


@pytest.mark.parametrize(("rows", "expected"), [
    ([["SIP503", "warning"]], {"SIP503": "warning"}),
    ([["sip306", " Info "], ["SIP201", "ERROR"]], {"SIP306": "info", "SIP201": "error"}),
    ([], {}),
])
def test_the_severities_table_is_read(rows, expected):
    assert config_from_settings(settings(*rows), Config()).severities == expected


@pytest.mark.parametrize(("rows", "message"), [
    ([["SIP5O3", "warning"]], "Settings A3: 'SIP5O3' is not a check code"),
    ([["SIP503", "minor"]], "Settings B3: 'minor' is not a severity"),
])
def test_a_bad_severity_row_names_its_cell(rows, message):
    with pytest.raises(SettingsError, match=message):
        config_from_settings(settings(*rows), Config())


def test_a_changed_severity_is_what_the_findings_carry():
    grid = plan_grid({"dlt_lead": "\u0421\u0420"}, {"ref": "1.2", "rag": ""})
    default = validate(read_plan(grid, make_config()), make_config())
    assert {(f.code, f.severity) for f in default.findings} >= {("SIP503", "error"), ("SIP401", "error")}
    config = make_config(severities={"SIP503": "warning"})
    changed = validate(read_plan(grid, config), config)
    assert {(f.code, f.severity) for f in changed.findings} >= {("SIP503", "warning"), ("SIP401", "error")}
    assert ("SIP503", "error") not in {(f.code, f.severity) for f in changed.findings}


@pytest.mark.parametrize(("code", "message"), [
    ("SIP999", "there is no check SIP999"),
    ("SIP101", "SIP101 stops the check altogether"),
])
def test_a_severity_for_no_check_or_a_fatal_one_is_refused(code, message):
    config = make_config(severities={code: "warning"})
    with pytest.raises(SettingsError, match=message):
        validate(read_plan(plan_grid({}), config), config)


def test_in_the_sample_downgrading_look_alikes_leaves_the_other_errors(sample):
    """The seed's DLT leads are all Cyrillic; an officer may treat that as a warning to see the rest."""
    workbook = load_workbook(sample)
    settings_sheet = workbook["Settings"]
    last = settings_sheet.max_row
    settings_sheet.cell(last + 2, 1, "Severities")
    settings_sheet.cell(last + 3, 1, "Code")
    settings_sheet.cell(last + 3, 2, "Severity")
    settings_sheet.cell(last + 4, 1, "SIP503")
    settings_sheet.cell(last + 4, 2, "warning")
    edited = sample.with_name("edited.xlsx")
    workbook.save(edited)
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "validate", str(edited), "--format", "json"],
                            capture_output=True, text=True, timeout=60)
    counts = json.loads(result.stdout)["counts"]
    assert counts["by_code"]["SIP503"] == 111
    assert counts["by_severity"] == {"error": 130 - 111, "warning": 94 + 111}
    assert result.returncode == 1  # other errors remain


def test_the_counts_by_code_show_the_severity_the_findings_carry():
    from sip_excel.formatters import format_text

    config = make_config(severities={"SIP503": "warning"})
    plan = read_plan(plan_grid({"dlt_lead": "\u0421\u0420"}), config)
    counts = format_text(validate(plan, config), plan).split("Counts by code")[1]
    assert "SIP503  warning" in counts and "SIP503  error" not in counts
