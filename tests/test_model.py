"""The plan kept as columns: the bulk shortcuts agree with the plain definitions they stand in for."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sip_excel.findings import SEVERITY_ORDER, Finding
from sip_excel.grid import display_text
from sip_excel.model import Column, ref_key, ref_keys
from sip_excel.validate import _in_order

REFS = ["1.2", "A5.1", "", "x", "1..2", "4.10", "\u0663.1", "12", "B7", "1.", ".1", "A.1", "1.\u00b2", "1.2.3",
        "AB1.2", "a1.2", "1.0x", "Ref: 5.1", "5.1.", "2.01"]


@pytest.mark.parametrize("ref", REFS)
def test_ref_keys_in_bulk_are_each_refs_key(ref):
    assert ref_keys(["1.1", ref, "1.3"]) == [ref_key("1.1"), ref_key(ref), ref_key("1.3")]


VALUES = [None, "", "  ", "\n", "x", " x ", 0, 0.0, 4.1, True, dt.date(2017, 6, 1), dt.datetime(2017, 6, 1)]


@pytest.mark.parametrize("values", [VALUES, ["a", "", " ", "b"], [dt.date(2017, 6, 1), None, ""]])
def test_filled_and_blank_cells_are_those_whose_text_is_or_is_not_empty(values):
    columns = [3 if i % 5 else -1 for i in range(len(values))]  # -1: this action's table lacks the column
    values = [v if c >= 0 else None for v, c in zip(values, columns)]
    column = Column("comments", list(values), list(range(len(values))), columns, ["Comments"] * len(values))
    texts = [display_text(v) for v in values]
    assert column.texts == texts
    assert column.filled == [i for i, t in enumerate(texts) if t]
    assert column.blank == [i for i, t in enumerate(texts) if not t and columns[i] >= 0]
    column.set(0, "changed")
    assert column.texts[0] == "changed" and 0 in column.filled


findings = st.builds(
    lambda code, severity, priority, row, letters: Finding(code, severity, "m", "Plan", f"{letters}{row}", row, "",
                                                           "", priority, None),
    st.sampled_from(["SIP201", "SIP306", "SIP403", "SIP105"]), st.sampled_from(list(SEVERITY_ORDER)),
    st.one_of(st.none(), st.integers(1, 3)), st.integers(1, 12), st.sampled_from(["A", "B", "E", "AA"]))


@given(st.lists(findings, max_size=40))
def test_findings_are_ordered_by_priority_row_cell_severity_and_code(found):
    assert _in_order(found) == sorted(found, key=lambda f: (f.priority is None, f.priority or 0, f.row, f.cell,
                                                            SEVERITY_ORDER[f.severity], f.code))


def test_one_object_per_distinct_value_keeps_true_and_one_apart():
    from sip_excel.blocks import _shared

    values = [1.0, True, 1, "Green", "Green", None, dt.date(2017, 6, 1), dt.datetime(2017, 6, 1)]
    shared = _shared([v for v in values])
    assert shared == values and [type(v) for v in shared] == [type(v) for v in values]
    texts = _shared(["Gr" + "een", "Gre" + "en"])
    assert texts[0] is texts[1]
    dates = _shared([dt.date(2017, 6, 1), dt.date(2017, 6, 1)])
    assert dates[0] is dates[1]
