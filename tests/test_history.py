"""History.record: the comment history the Excel buttons keep, as a pure function of the plan and the day."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.grid import Grid
from sip_excel.history import History, fingerprint, see_stamps
from sip_excel.reader import read_plan

from .conftest import HEADER, action_row, make_config

MAY, AUGUST = dt.date(2017, 5, 2), dt.date(2017, 8, 31)


def plan_of(comment: str, stamped: dt.date | None = None, with_column: bool = False):
    header = HEADER + (["Comment updated"] if with_column else [])
    row = action_row(ref="1.1", comments=comment) + ([stamped] if with_column else [])
    return read_plan(Grid("Plan", [["Priority 1: Test"], header, row]), make_config())


# (case, comment recorded in May (None: never seen), comment now, first seen afterwards, stamped today?)
CASES = [
    ("a comment never seen is first seen today", None, "Met the school.", AUGUST, True),
    ("an unchanged comment keeps the day it was first seen", "Met the school.", "Met the school.", MAY, False),
    ("spacing alone is no change", "Met the  school.", "Met the school.\n", MAY, False),
    ("a changed comment is first seen today", "Met the school.", "Report written.", AUGUST, True),
    ("an emptied comment is recorded but not stamped", "Met the school.", "", AUGUST, False),
]


@pytest.mark.parametrize("case,before,now,first_seen,stamped", CASES, ids=[c[0] for c in CASES])
def test_record_keeps_first_seen_dates_and_says_which_cells_to_stamp(case, before, now, first_seen, stamped):
    history = History([])
    if before is not None:
        history.record(plan_of(before, with_column=True), MAY)
    plan = plan_of(now, with_column=True)
    stamps = history.record(plan, AUGUST)
    key = plan.table.comment_key(0)
    assert history.first_seen[key] == (fingerprint(now), first_seen)
    assert stamps == ([(2, 10, AUGUST)] if stamped else [])  # K3: the Comment updated cell of action 1.1
    see_stamps(plan, stamps)
    assert (plan.table.columns["comment_updated"].entry(0).value == AUGUST) is stamped  # the plan sees it


def test_record_stamps_nothing_without_a_comment_updated_column_and_survives_the_sheet():
    history = History([])
    assert history.record(plan_of("Met the school."), AUGUST) == []
    again = History(history.rows())  # written to _sip_history and read back
    assert again.first_seen == history.first_seen
