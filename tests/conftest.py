"""Shared fixtures: the sample workbook, and small plans built from rows for rule tests."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from sip_excel.config import Config, Officer
from sip_excel.grid import Grid

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "workbook" / "sip_2017_18.xlsx"
AS_OF = dt.date(2017, 8, 31)

HEADER = ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead",
          "Comments", "RAG status"]
FIELDS = ["aim", "ref", "action", "start", "end", "measure", "lead_officer", "dlt_lead", "comments", "rag"]
DEFAULTS: dict[str, Any] = {
    "aim": "An aim", "ref": "1.1", "action": "Do the thing", "start": dt.datetime(2017, 4, 1),
    "end": dt.datetime(2017, 10, 1), "measure": "It is done", "lead_officer": "RG", "dlt_lead": "CP",
    "comments": "Going well: first meeting held.", "rag": "Green",
}
# Row 1 is the priority heading, row 2 the header, actions from row 3 (Excel numbering).
FIRST_ACTION_ROW = 3


def action_row(**values: Any) -> list[Any]:
    merged = {**DEFAULTS, **values}
    return [merged[name] for name in FIELDS]


def plan_grid(*actions: dict[str, Any], month_dates: bool = True, heading: str = "Priority 1: Test priority") -> Grid:
    """A one-priority plan; dates are formatted as months (mmm-yy) unless month_dates is False."""
    rows: list[list[Any]] = [[heading], list(HEADER)]
    formats = {}
    for offset, values in enumerate(actions):
        row = action_row(**values)
        rows.append(row)
        for column in (3, 4):
            if isinstance(row[column], dt.date) and month_dates:
                formats[(len(rows) - 1, column)] = "mmm-yy"
    return Grid(sheet="Plan", rows=rows, number_formats=formats)


def make_config(**overrides: Any) -> Config:
    officers = {i: Officer(i) for i in ("RG", "CP", "JF", "IA", "PD")}
    base = Config(as_of=AS_OF, plan_start=dt.date(2017, 4, 1), plan_end=dt.date(2018, 3, 31), officers=officers)
    return base.with_overrides(**overrides)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the sample workbook, so no test can touch the original."""
    target = tmp_path / "plan.xlsx"
    shutil.copy(SAMPLE, target)
    return target
