"""Property: whatever grid the reader is fed, it returns a plan or raises a clear SipError, never anything else."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sip_excel.errors import SipError
from sip_excel.grid import Grid
from sip_excel.model import Plan
from sip_excel.reader import read_plan
from sip_excel.validate import validate

from .conftest import HEADER, make_config

labels = st.sampled_from([*HEADER, "Ref:", "End date", "RAG", "Priority 1: x", "Priority 99", "", "Status"])
values = st.one_of(
    st.none(), st.text(max_size=20), labels, st.integers(-10**6, 10**7), st.floats(allow_nan=True),
    st.booleans(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1)),
)
rows = st.lists(st.lists(values, max_size=12), max_size=25)
headed_rows = st.tuples(rows, rows).map(lambda pair: [["Priority 1: P"], list(HEADER), *pair[0], *pair[1]])
formats = st.dictionaries(st.tuples(st.integers(0, 30), st.integers(0, 12)),
                          st.sampled_from(["mmm-yy", "dd/mm/yyyy", "General", "@"]), max_size=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(rows, headed_rows), formats,
       st.lists(st.tuples(st.tuples(st.integers(0, 30), st.integers(0, 12)),
                          st.tuples(st.integers(0, 30), st.integers(0, 12))), max_size=3))
def test_reader_returns_a_plan_or_a_clear_error(grid_rows, number_formats, merged):
    merged = [(min(a, b), max(a, b)) for a, b in merged]
    grid = Grid("Plan", [list(row) for row in grid_rows], number_formats=number_formats, merged=merged)
    config = make_config()
    try:
        plan = read_plan(grid, config)
    except SipError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert isinstance(plan, Plan)
    assert [a.row for a in plan.actions] == plan.table.rows  # the actions made from the columns, when asked
    report = validate(plan, config)  # and the rules cope with whatever the reader accepted
    assert all(f.cell and f.code.startswith("SIP") for f in report.findings)


tracker_labels = st.sampled_from(["Task", "Status", "Owner", "#", "ID", "Theme", "Due Date (dd/mm/yy)", "Done",
                                  "\u2705", "Session 1", "1 Preparation Phase", "On hold", "A/G", "R-001", "", "7"])
tracker_values = st.one_of(values, tracker_labels)
tracker_rows = st.lists(st.lists(tracker_values, max_size=8), max_size=20)
tracker_grids = st.tuples(tracker_rows, tracker_rows).map(
    lambda pair: [*pair[0], ["#", "Task", "Owner", "Theme", "Due Date", "Status"], *pair[1]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(tracker_rows, tracker_grids),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=6),
       st.lists(st.tuples(st.tuples(st.integers(0, 30), st.integers(0, 8)),
                          st.tuples(st.integers(0, 30), st.integers(0, 8))), max_size=3))
def test_a_tracker_of_any_shape_reads_as_a_plan_or_a_clear_error(grid_rows, formula_cells, merged):
    merged = [(min(a, b), max(a, b)) for a, b in merged]
    grid = Grid("Plan", [list(row) for row in grid_rows], merged=merged,
                formulas={cell: "A1+1" for cell in formula_cells})
    config = make_config(officers={})
    try:
        plan = read_plan(grid, config)
    except SipError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert [a.row for a in plan.actions] == plan.table.rows
    assert len(plan.table.meanings) == len(plan.table)
    report = validate(plan, config)
    assert all(f.cell and f.code.startswith("SIP") for f in report.findings)
