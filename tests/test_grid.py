"""The grid (sip_excel.grid): walking its rows passes each run of empty rows at once."""
from __future__ import annotations

import pytest

from sip_excel.grid import EMPTY_ROW, ROW_FLOOR, Grid, SparseRows, place_cells

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


def sparse(rows: list, dense: int) -> SparseRows:
    """The same rows as SparseRows: the first ``dense`` as they are, the others that hold something as far rows."""
    return SparseRows(rows[:dense], {r: row for r, row in enumerate(rows) if r >= dense and row}, len(rows))


@pytest.mark.parametrize(("rows", "start", "stop", "walked"), CASES)
@pytest.mark.parametrize("dense", [0, 1, 3])
def test_sparse_rows_walk_and_read_as_the_list_of_them(rows, start, stop, walked, dense):
    held = sparse(rows, dense)
    pairs = list(Grid("Plan", held).walk(start, stop))
    assert [r for r, _ in pairs] == walked
    assert [row for _, row in pairs] == [rows[r] for r in walked]
    assert len(held) == len(rows) and held[-50:] == rows[-50:] and held[:5] == rows[:5]
    with pytest.raises(IndexError):
        held[len(rows)]


def test_cells_far_past_the_rest_of_their_row_are_kept_aside():
    """A row read sparsely ends at its last cell, but not 16,384 slots long for one note at XFD: such a cell is
    kept aside, where Grid.value still finds it; a row full enough to reach it keeps it."""
    full = {c: c for c in range(200)}
    rows = place_cells({0: {0: "Ref", 1: "Action"}, 5: {0: "1.1", 16_383: "note"}, 1_048_575: {16_383: "x"},
                        7: {**full, 1_000: "in reach"}})
    assert isinstance(rows, SparseRows) and len(rows) == 1_048_576
    assert rows[0] == ["Ref", "Action"] and rows[5] == ["1.1"] and rows[6] is EMPTY_ROW
    assert rows[1_048_575] is EMPTY_ROW and len(rows[7]) == 1_001
    grid = Grid("Plan", rows)
    assert (grid.value(5, 16_383), grid.value(1_048_575, 16_383), grid.value(5, 200)) == ("note", "x", None)
    assert max(len(row) for _, row in grid.walk() if row is not rows[7]) <= ROW_FLOOR
    assert len(place_cells({5: {0: "1.1", 16_383: "note"}}, aside=False)[5]) == 16_384  # a sheet read densely


def test_far_cells_are_set_among_the_dense_rows_and_below_them():
    dense = [["Ref", "Action"], ["1.1", "Do it"]]
    rows = place_cells({1: {3: "late"}, 9: {0: "x"}}, dense)
    assert rows[1] is dense[1] and dense[1] == ["1.1", "Do it", "", "late"]
    assert len(rows) == 10 and rows[9] == ["x"] and rows[5] is EMPTY_ROW
    assert place_cells({1: {1: "y"}}, dense) is dense  # nothing below them, nothing aside: the list itself


def test_fill_merged_fills_down_a_whole_column_past_empty_rows():
    rows = [["Aim", "x"], ["", "y"]] + [E] * 1_048_573 + [["", "z"]]
    grid = Grid("Plan", rows, merged=[((0, 0), (1_048_575, 0))])
    grid.fill_merged(vertical_only=True)
    assert rows[1][0] == "Aim" and rows[-1][0] == "Aim" and E == []  # the shared empty row is never written to
