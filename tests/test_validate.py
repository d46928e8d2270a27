"""The validation Report (validate.py): its one-line summary agrees with its counts, at 0, 1 and many."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.findings import ERROR, INFO, WARNING, Finding
from sip_excel.grid import Grid
from sip_excel.reader import read_plan
from sip_excel.validate import Report, validate

from .conftest import make_config

AS_OF = dt.date(2017, 8, 31)


def _finding(severity: str) -> Finding:
    return Finding("SIP999", severity, "m", "Plan", "A1", 1, "", "", None, None, "")


@pytest.mark.parametrize(("actions", "severities", "summary"), [
    (1, [], "1 action checked on 'Plan' at 31 Aug 2017: no problems found."),
    (0, [], "0 actions checked on 'Plan' at 31 Aug 2017: no problems found."),
    (113, [ERROR, ERROR, WARNING], "113 actions checked on 'Plan' at 31 Aug 2017: 2 errors, 1 warning."),
    (1, [INFO], "1 action checked on 'Plan' at 31 Aug 2017: 1 info."),
])
def test_summary_line(actions, severities, summary):
    report = Report("Plan", AS_OF, actions, [_finding(s) for s in severities])
    assert str(report) == summary


@pytest.mark.parametrize(("header", "suggestions"), [
    (["Action", "Status", "Ref", "Lead", "Comments"], ["Add an End date column, or name yours under Column aliases in "
                                                       "Settings."]),
    (["Action", "Status", "End", "Lead", "Comments"], ["Add a Ref column, or name yours under Column aliases in "
                                                       "Settings."]),
])
def test_a_skipped_column_is_named_with_its_article(header, suggestions):
    config = make_config(select=("SIP108",))
    plan = read_plan(Grid("Plan", [header, ["Do it", "Green"]]), config)
    assert [f.suggestion for f in validate(plan, config).findings] == suggestions
