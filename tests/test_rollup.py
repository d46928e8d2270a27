"""The roll-up's counts per priority and section, and the direction of travel between two copies."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.api import load
from sip_excel.grid import Grid
from sip_excel.reader import read_plan
from sip_excel.rollup import format_rollup, rollup
from sip_excel.travel import compare
from sip_excel.validate import validate

from .conftest import HEADER, SAMPLE, action_row, make_config, plan_grid

D = dt.datetime


def rolled(grid: Grid):
    config = make_config()
    plan = read_plan(grid, config)
    return rollup(plan, validate(plan, config))


CASES = [
    # statuses, end dates (month), expected totals (Blue, Red, Amber, Green, Unrated, Total, % complete, Overdue)
    (["Green"], [D(2017, 12, 1)], (0, 0, 0, 1, 0, 1, 0, 0)),
    (["Completed", "Complete", "Blue"], [D(2017, 6, 1)] * 3, (3, 0, 0, 0, 0, 3, 100, 0)),
    (["Red", "Amber", "", "dieen"], [D(2017, 6, 1)] * 4, (0, 1, 1, 0, 2, 4, 0, 4)),
    (["c Completed", " green", "Amber"], [D(2017, 6, 1), D(2017, 8, 1), D(2017, 7, 1)], (1, 0, 1, 1, 0, 3, 33, 1)),
]


@pytest.mark.parametrize(("statuses", "ends", "expected"), CASES)
def test_counts_per_status(statuses, ends, expected):
    grid = plan_grid(*[{"ref": f"1.{i + 1}", "rag": s, "end": e} for i, (s, e) in enumerate(zip(statuses, ends))])
    totals = rolled(grid).totals
    names = ["Blue", "Red", "Amber", "Green", "Unrated", "Total", "% complete", "Overdue"]
    assert tuple(int(totals[n]) for n in names) == expected


def test_rows_per_priority_and_section_with_a_totals_row():
    rows = [["Priority 1: One"], HEADER, action_row(ref="1.1", rag="Red"), ["Priority 2: Two"], [], ["Part A"], HEADER,
            action_row(ref="2.1", rag="Blue"), [], ["Part B"], HEADER, action_row(ref="2.1", rag="Amber"),
            action_row(ref="2.2", rag="Amber", comments="As above", end=D(2017, 5, 1))]
    table = rolled(Grid("Plan", rows)).table
    flat = [(r["label"], r["Blue"], r["Red"], r["Amber"], r["Total"], r["Overdue"], r["Stale comments"])
            for r in table.to_dict(orient="records")]
    assert flat == [
        ("Priority 1", 0, 1, 0, 1, 0, 0),
        ("Priority 2", 1, 0, 2, 3, 1, 0),
        ("Priority 2 - Section 1: Part A", 1, 0, 0, 1, 0, 0),
        ("Priority 2 - Section 2: Part B", 0, 0, 2, 2, 1, 0),
        ("Total", 1, 1, 2, 4, 1, 0),
    ]


def test_stale_comments_and_open_errors_are_counted_per_action():
    grid = plan_grid({"ref": "1.1", "comments": "Will report by end June."}, {"ref": "1.2", "rag": ""},
                     {"ref": "1.2", "lead_officer": "\u0421\u0420"})
    totals = rolled(grid).totals
    assert (totals["Stale comments"], totals["Open errors"]) == (1, 3)  # SIP401, SIP202, SIP503


def test_sample_rollup_matches_the_plan():
    plan, config = load(SAMPLE)
    result = rollup(plan, validate(plan, config))
    assert [int(result.totals[n]) for n in ("Blue", "Red", "Amber", "Green", "Unrated", "Total", "Overdue")] == \
        [54, 0, 5, 49, 5, 113, 15]
    priorities = result.priorities
    assert list(priorities["Total"]) == [16, 13, 13, 17, 54]
    assert priorities["Total"].sum() == result.count("Total")


@pytest.mark.parametrize("name", ["text", "json", "csv"])
def test_rollup_formats(name):
    plan, config = load(SAMPLE)
    text = format_rollup(rollup(plan, validate(plan, config)), name)
    assert "Priority 5" in text and "113" in text


def test_direction_of_travel():
    before = plan_grid({"ref": "1.1", "rag": "Green"}, {"ref": "1.2", "rag": "Amber", "end": D(2017, 6, 1)},
                       {"ref": "1.3", "action": "Write the neglect strategy", "rag": "Green"},
                       {"ref": "1.4", "action": "Dropped action"})
    after = plan_grid({"ref": "1.1", "rag": "Completed"}, {"ref": "1.2", "rag": "Red", "end": D(2017, 9, 1)},
                      {"ref": "1.3.1", "action": "Write the Neglect Strategy.", "rag": "Green"},
                      {"ref": "1.5", "action": "New action"})
    config = make_config()
    travel = compare(read_plan(before, config), read_plan(after, config), dt.date(2017, 6, 30))
    assert [a.ref for a in travel.completed] == ["1.1"]
    assert [(c.action.ref, c.before, c.after) for c in travel.changes] == [("1.1", "Green", "Blue"),
                                                                            ("1.2", "Amber", "Red")]
    assert [(s.action.ref, s.description) for s in travel.slipped] == [("1.2", "three months")]
    assert [a.ref for a in travel.added] == ["1.5"]
    assert [a.ref for a in travel.removed] == ["1.4"]
    assert travel.matched == 3  # 1.3 matched to 1.3.1 by its action text


@pytest.mark.parametrize(("header", "groups", "labels"), [
    ("Theme", ["Workforce", "Systems", "Workforce"], ["Theme 1: Workforce", "Theme 2: Systems", "Total"]),
    ("Workstream", ["Data", "Data"], ["Workstream 1: Data", "Total"]),
    ("Priority", [2, 1, 2], ["Priority 2", "Priority 1", "Total"]),  # numbers name themselves
])
def test_groups_from_a_column_are_labelled_with_their_value(header, groups, labels):
    rows = [[header, "Action", "Status"], *([group, f"Action {i}", "Green"] for i, group in enumerate(groups))]
    assert list(rolled(Grid("Plan", rows)).table["label"]) == labels


@pytest.mark.parametrize("name", ["json", "csv"])
def test_priorities_are_whole_numbers_in_json_and_csv(name):
    plan, config = load(SAMPLE)
    text = format_rollup(rollup(plan, validate(plan, config)), name)
    if name == "json":
        import json

        assert [r["priority"] for r in json.loads(text)["rows"] if r["level"] == "priority"] == [1, 2, 3, 4, 5]
    else:
        assert [line.split(",")[0] for line in text.splitlines()[1:3]] == ["1", "2"]
    assert "1.0" not in text and "5.0" not in text
