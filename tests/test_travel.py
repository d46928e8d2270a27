"""Direction of travel (travel.py): how long a slip is, and the groups that never count an action twice."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.reader import read_plan
from sip_excel.travel import Slip, compare

from .conftest import make_config, plan_grid

D = dt.datetime


@pytest.mark.parametrize(("before", "after", "described"), [
    (dt.date(2017, 6, 30), dt.date(2017, 7, 31), "one month"),
    (dt.date(2017, 6, 30), dt.date(2017, 9, 30), "three months"),
    (dt.date(2017, 6, 30), dt.date(2018, 6, 30), "12 months"),
    (dt.date(2017, 6, 1), dt.date(2017, 6, 2), "one day"),
    (dt.date(2017, 6, 1), dt.date(2017, 6, 13), "12 days"),
])
def test_slip_description(before, after, described):
    assert Slip(None, before, after).description == described


def test_moved_leaves_out_completions_and_records_follow_the_report_order():
    config = make_config()
    before = read_plan(plan_grid({"ref": "1.1", "rag": "Green"}, {"ref": "1.2", "rag": "Green"},
                                 {"ref": "1.3", "rag": "Blue"}), config)
    after = read_plan(plan_grid({"ref": "1.1", "rag": "Blue"}, {"ref": "1.2", "rag": "Red", "end": D(2017, 12, 1)},
                                {"ref": "1.3", "rag": "Amber"}), config)
    travel = compare(before, after, dt.date(2017, 6, 30))
    assert [(c.action.ref, c.before, c.after) for c in travel.changes] == [
        ("1.1", "Green", "Blue"), ("1.2", "Green", "Red"), ("1.3", "Blue", "Amber")]
    assert [(c.action.ref, c.after) for c in travel.moved] == [("1.2", "Red"), ("1.3", "Amber")]  # reopened too
    assert [(r["change"], r["ref"], r["from"], r["to"]) for r in travel.records()] == [
        ("completed", "1.1", "", ""), ("status", "1.2", "Green", "Red"), ("status", "1.3", "Blue", "Amber"),
        ("slipped", "1.2", "2017-10-31", "2017-12-31")]
