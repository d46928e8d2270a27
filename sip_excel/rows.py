"""What a row of a plan is, judged apart from the walk through the sheet: a banner (a section heading among the
actions), a heading that leads into a header row, or a blank template row.

The reader (:mod:`sip_excel.reader`) walks the rows and keeps the state; these judge one row
from the grid and the table it falls under, and change nothing but a block's memory of the
template rows it has met.
"""
from __future__ import annotations

from collections.abc import Container
from typing import Any

from .blocks import Block, whole_number
from .fields import FIELD_SPECS
from .grid import Grid
from .model import ref_key

# Fields whose cells a long text wraps onto the next row; a lone cell elsewhere is a banner, not wrapped text.
WRAPPING_KINDS = ("text",)


def filled(row: list[Any]) -> list[int]:
    """The columns of a row that hold something other than blanks."""
    return [c for c, v in enumerate(row) if v is not None and (type(v) is not str or (v and not v.isspace()))]


def generated(grid: Grid, block: Block, r: int, row: list[Any]) -> bool:
    """True for a blank template row: one whose only content is formulas (=C5+1), or a ref that carries on the
    numbers of the rows above and nothing else (remembered on the block, for the next row to carry on)."""
    typed = [c for c in filled(row) if (r, c) not in grid.formulas]
    ref = block.header.columns.get("ref")
    if typed and (typed != [ref] or (number := whole_number(row[ref])) is None):
        return False
    if typed:
        if block.generated is not None and block.generated[0] > block.last_row:
            previous = block.generated[1]
        else:
            previous = whole_number(grid.rows[block.rows[-1]][ref]) if block.rows else 0
        if previous is None or number != previous + 1:
            return False
        block.generated = (r, number)
    return True


def merged_across(grid: Grid, r: int, column: int) -> bool:
    """True for a row whose first filled cell is merged across several columns: a banner."""
    return any(top == r and left <= column <= right and right > left for (top, left), (_, right) in grid.merged)


def is_banner(grid: Grid, block: Block, r: int, columns: list[int]) -> bool:
    """A row of text (its ``columns`` filled), without ref, officer or status, that heads the actions below it
    rather than being one: merged across, or only its first cell filled (see :func:`lone_banner`)."""
    if merged_across(grid, r, columns[0]):
        return True
    return len(columns) == 1 and lone_banner(block, r, grid.rows[r][columns[0]], columns[0])


def lone_banner(block: Block, r: int, value: Any, column: int) -> bool:
    """True for a row whose only cell, the table's first, reads as a heading ("Session 2", "1 Preparation
    Phase"), not as a ref with nothing else, nor as a sentence wrapped from the action above (which goes
    on in lower case)."""
    if column > min(block.columns) or type(value) is not str:
        return False
    text = value.strip()
    if not text or ref_key(text) is not None or whole_number(text) is not None:
        return False  # a ref alone: an action with everything else missing, or a numbered template row
    name = block.field_at(column)
    wraps = name is not None and FIELD_SPECS[name].kind in WRAPPING_KINDS
    return not (wraps and block.rows and block.last_row == r - 1 and not text[:1].isupper()
                and not text[:1].isdigit())


def heads_a_table(grid: Grid, header_rows: Container[int], r: int) -> bool:
    """True for a one-cell row that leads straight into a header row: a section heading."""
    rows = grid.rows
    following = r + 1
    while following < len(rows) and following not in header_rows and len(filled(rows[following])) == 1:
        following += 1
    return len(filled(rows[r])) == 1 and following in header_rows
