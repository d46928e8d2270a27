"""The grid (sip_excel.grid): walking its rows passes each run of empty rows at once."""
from __future__ import annotations

import pytest

from sip_excel.grid import Grid

E: list = []  # the empty row a sparse read shares between its empty rows
A, B = ["a"], ["b", "c"]

# (rows, start, stop, the indices walked): a run of empty rows is given once, at its first row; rows that
# hold something, a lone empty row and a row of blanks are each given.
CASES = [
    ([], 0, None, []),
    ([A, B], 0, None, [0, 1]),
    ([A, E, B], 0, None, [0, 1, 2]),
    ([A, E, E, E, B], 0, None, [0, 1, 4]),
    ([A, E, [], E, B], 0, None, [0, 1, 4]),  # empty rows that are distinct lists are a run too
    ([A, E, [""], E, B], 0, None, [0, 1, 2, 3, 4]),  # a row of blanks is not an empty row
    ([E, E, E], 0, None, [0]),
    ([A] + [E] * 1_048_574 + [B], 0, None, [0, 1, 1_048_575]),  # a stray cell at the sheet's last row
    ([A] + [E] * 200 + [B] + [E] * 300 + [A], 0, None, [0, 1, 201, 202, 502]),
    ([A, E, E, E, B], 2, None, [2, 4]),
    ([A, E, E, E, B], 0, 3, [0, 1]),
    ([A, E, E, E, B], 3, 99, [3, 4]),
]


@pytest.mark.parametrize(("rows", "start", "stop", "walked"), CASES)
def test_walk_gives_a_run_of_empty_rows_once(rows, start, stop, walked):
    pairs = list(Grid("Plan", rows).walk(start, stop))
    assert [r for r, _ in pairs] == walked
    assert all(row is rows[r] for r, row in pairs)


def test_fill_merged_fills_down_a_whole_column_past_empty_rows():
    rows = [["Aim", "x"], ["", "y"]] + [E] * 1_048_573 + [["", "z"]]
    grid = Grid("Plan", rows, merged=[((0, 0), (1_048_575, 0))])
    grid.fill_merged(vertical_only=True)
    assert rows[1][0] == "Aim" and rows[-1][0] == "Aim" and E == []  # the shared empty row is never written to
