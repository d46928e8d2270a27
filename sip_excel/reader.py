"""Find the plan table in a grid and read it into a :class:`~sip_excel.model.Plan`.

The reader works from labels, not positions: header rows are recognised by
their labels (see :mod:`sip_excel.headers`), priorities by their "Priority N"
heading rows or by a Priority/Theme/Workstream column, and sections by the text
above each repeated header row or by banner rows.  Layouts change from year to
year, and other teams keep other trackers, so nothing here assumes a column order.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from .blocks import Block, build_table, group_by_column
from .config import Config
from .dates import parse_date
from .fields import REQUIRED_FIELDS
from .grid import Grid, display_text
from .headers import MAX_LABEL, HeaderMatch, Labels, NoPlanTable, find_header_rows, status_of
from .model import HeaderRow, Plan, Priority
from .rows import filled as filled_columns
from .rows import generated, heads_a_table, is_banner, lone_banner, merged_across

log = logging.getLogger(__name__)

# A priority number of more than nine digits is not a priority: int() of a number thousands of digits long
# would stop the run on Python's limit (issue 10).
PRIORITY_HEADING = re.compile(r"^\s*priority\s*(\d{1,9})(?!\d)\s*[:.\-–]?\s*(.*)$", re.I | re.S)
_HEADING_START = re.compile(r"\s*priority\s*\d", re.I)  # what every PRIORITY_HEADING starts with
_NUMBER_TOO_LONG = re.compile(r"\s*priority\s*\d{10}", re.I)


def alias_lookup(config: Config) -> Labels:
    """Header label (as written in a cell) -> field, from the configured aliases."""
    return config.vocabulary.label_lookup()


def _names_an_action(value: Any) -> bool:
    """True for a marker cell (ref, officer, RAG) that holds a letter or digit: the row is an action."""
    if type(value) is str:
        return _ALNUM.search(value) is not None
    return value is not None and _ALNUM.search(display_text(value)) is not None


class _PlanReader:
    """Walks a sheet's rows once, top to bottom, sorting each into a title line, a priority heading, a header
    row, a banner (a section heading), an action, text wrapped from the action above, or nothing.

    State, fixed before the walk:
      grid, config: the sheet and the settings it is read with
      header_rows: row -> what it names, for the plan's header rows (see :func:`~sip_excel.headers.find_header_rows`)
      formula_rows: the rows that hold a formula (a row of formulas alone is a template row, not an action)
    State, as the walk goes:
      priorities: the "Priority N" headings met so far
      blocks: one per header row met so far; the last one takes the actions
      title: the title block's label -> value, from rows above any priority heading or header row
      pending: text rows since the last action or heading, which may name the next section
      in_heading: True while the rows below a priority heading may still be its title's wrapped lines
      banner: the text of the last banner row, which names the section of the actions below it
      unread_headings: the (row, column) of "Priority N" headings whose number is too long to be a priority
    """

    def __init__(self, grid: Grid, config: Config) -> None:
        self.grid = grid
        self.config = config
        self.header_rows: dict[int, HeaderMatch] = {}
        self.formula_rows: set[int] = set()
        self.priorities: list[Priority] = []
        self.blocks: list[Block] = []
        self.title: dict[str, str] = {}
        self.pending: list[str] = []
        self.in_heading = False
        self.banner: str | None = None
        self.unread_headings: list[tuple[int, int]] = []

    def read(self) -> Plan:
        grid = self.grid
        grid.fill_merged(vertical_only=True)
        for position, error in grid.errors.items():
            row, column = position
            if row < len(grid.rows) and column < len(grid.rows[row]) and grid.rows[row][column] in ("", None):
                grid.rows[row][column] = error
        self.header_rows = find_header_rows(grid, self.config)
        self.formula_rows = {r for r, _ in grid.formulas}
        for r, row in grid.walk():  # a run of empty rows once: the second of them changes nothing
            if not self._plain_action(r, row):
                self._read_row(r, row)
        self._name_sections()
        table = build_table(self.blocks, grid, self.config)
        grouping = "headings" if self.priorities else "none"
        if not self.priorities and "group" in table.columns:
            self.priorities = group_by_column(table)
            grouping = "column"
        return Plan(sheet=grid.sheet, grid=grid, title=self.title, priorities=self.priorities,
                    table=table, headers=[b.header for b in self.blocks], grouping=grouping,
                    unread_headings=self.unread_headings)

    def _plain_action(self, r: int, row: list[Any]) -> bool:
        """Take a row as an action of the current table when that is plain; False leaves it to
        :meth:`_read_row`, which decides every kind of row (a plan is mostly plain actions, so this
        short way keeps big plans fast; it decides nothing :meth:`_read_row` would decide otherwise)."""
        if self.in_heading or not self.blocks or r in self.header_rows:
            return False
        for value in row:  # the first cell that holds something must not read as a priority heading
            if value is None or type(value) is str and (not value or value.isspace()):
                continue
            if type(value) is str and _HEADING_START.match(value):
                return False
            break
        block = self.blocks[-1]
        width = len(row)
        for c in block.marker_columns:  # a ref, officer or status: an action
            if c < width and _names_an_action(row[c]):
                action = block.action_column
                if action < width and (text := row[action]) is not None and text != "" and r not in self.formula_rows:
                    self._add_action(block, r, 2)  # described and typed: neither a banner nor a template row
                    return True
                filled = width - row.count("") - row.count(None)
                if filled == 1:
                    return False  # a lone cell: perhaps a banner ("1 Preparation Phase")
                self._add_action(block, r, filled)
                return True
        return False

    def _read_row(self, r: int, row: list[Any]) -> None:
        filled = filled_columns(row)
        if not filled:
            self.pending, self.in_heading = [], False
            return
        few = len(filled) <= 2  # headings and titles: a cell or two
        first_text = display_text(row[filled[0]]) if few else ""
        heading = PRIORITY_HEADING.match(first_text) if few else None
        if few and not heading and _NUMBER_TOO_LONG.match(first_text):
            self.unread_headings.append((r, filled[0]))  # reported (SIP109), then read as the text it is
        if heading:
            self.priorities.append(Priority(int(heading[1]), " ".join(heading[2].split()), r))
            self.pending, self.in_heading, self.banner = [], True, None
            return
        match = self.header_rows.get(r)
        if match:
            columns = match.columns
            labels = {c: display_text(row[c]) for c in filled}
            named = columns
            if self.blocks:  # a column this row leaves unnamed keeps the first header row's column and label
                first = self.blocks[0].header
                columns = _inherit_columns(columns, first.columns)
                labels.update({c: first.labels[c] for c in columns.values() if c not in labels and c in first.labels})
            header = HeaderRow(r, columns, labels, named)
            self.blocks.append(Block(header, self.priorities[-1] if self.priorities else None, self.pending))
            self.pending, self.in_heading, self.banner = [], False, None
            return
        if self.in_heading and len(filled) == 1 and self.priorities:
            priority = self.priorities[-1]
            priority.title = f"{priority.title} {first_text}".strip()
            return
        self.in_heading = False  # the heading's own lines end at the first row of anything else
        if not self.blocks and not self.priorities:
            self._title_entry(r, row, filled)
        elif not self.blocks:
            self.pending.append(" ".join(display_text(row[c]) for c in filled))
        else:
            self._data_row(r, row, filled)

    def _title_entry(self, r: int, row: list[Any], filled: list[int]) -> None:
        parts = []
        for c in filled[1:]:
            date = parse_date(row[c], self.grid.number_formats.get((r, c))) if hasattr(row[c], "year") else None
            parts.append(str(date) if date else display_text(row[c]))
        self.title[display_text(row[filled[0]]).rstrip(":")] = " ".join(parts)

    def _data_row(self, r: int, row: list[Any], filled: list[int]) -> None:
        block = self.blocks[-1]
        if block.column_set.isdisjoint(filled) and not merged_across(self.grid, r, filled[0]):
            return  # stray characters outside the plan's columns
        width = len(row)
        if len(filled) == 1 and lone_banner(block, r, row[filled[0]], filled[0]) and not heads_a_table(self.grid, self.header_rows, r):
            self._add_banner(display_text(row[filled[0]]))
            return
        for c in block.marker_columns:
            if c < width and _names_an_action(row[c]):
                break
        else:  # no ref, officer or status: a section heading, wrapped text, or an action missing all three
            self._unmarked_row(block, r, row, filled)
            return
        self._add_action(block, r)

    def _add_action(self, block: Block, r: int, filled: int | None = None) -> None:
        """Add row r as an action of the block, unless it is a blank template row (``filled``: how many of its
        cells hold something, when the caller knows)."""
        row = self.grid.rows[r]
        if filled is None:
            filled = len(row) - row.count("") - row.count(None)
        if (filled <= 1 or r in self.formula_rows) and generated(self.grid, block, r, row):
            return
        priority = self.priorities[-1] if self.priorities else None
        self.pending = []
        block.rows.append(r)
        block.priorities.append(priority.number if priority else None)
        block.banners.append(self.banner)
        block.last_row = r

    def _unmarked_row(self, block: Block, r: int, row: list[Any], filled: list[int]) -> None:
        entries = block.entries(row, r)
        text = " ".join(e.text for e in entries.values() if e.text) or display_text(row[filled[0]])
        if heads_a_table(self.grid, self.header_rows, r):
            self.pending.append(text)
        elif is_banner(self.grid, block, r, filled):
            self._add_banner(text)
        elif block.rows and block.last_row == r - 1:  # text wrapped onto the next row: it continues the action
            block.continued.append((len(block.rows) - 1, r, entries))
            block.last_row = r
        elif not any(not entries[n].is_blank for n in ("action", "start", "end") if n in entries):
            self.pending.append(text)
        elif any(not entries[n].is_blank for n in ("start", "end") if n in entries):
            self._add_action(block, r)
        else:  # text but no ref, status, date or lead, under a table: a banner ("1 Preparation Phase")
            self._add_banner(text)

    def _add_banner(self, text: str) -> None:
        self.banner = " ".join(text.split())
        self.pending = [self.banner]
        if self.priorities and self.banner not in self.priorities[-1].sections:
            self.priorities[-1].sections.append(self.banner)

    def _name_sections(self) -> None:
        """A priority with several header rows is divided into sections named by the text above each."""
        for priority in self.priorities:
            blocks = [b for b in self.blocks if b.priority is priority]
            if len(blocks) < 2:
                continue
            priority.sections = []  # the header rows' sections take the place of any banners' (see build_table)
            for number, block in enumerate(blocks, start=1):
                heading = " ".join(block.preamble).strip()
                name = f"Section {number}: {heading}" if heading else f"Section {number}"
                priority.sections.append(name)
                block.section = name

def _inherit_columns(columns: dict[str, int], first: dict[str, int]) -> dict[str, int]:
    """A repeated header row that does not name a column keeps the first header row's column for it."""
    used = set(columns.values())
    merged = dict(columns)
    for name, c in first.items():
        if name not in merged and c not in used:
            merged[name] = c
    return merged


_ALNUM = re.compile(r"[^\W_]")


def read_plan(grid: Grid, config: Config) -> Plan:
    """Read the plan table of one grid."""
    return _PlanReader(grid, config).read()


__all__ = ["read_plan", "status_of", "alias_lookup", "NoPlanTable", "MAX_LABEL", "REQUIRED_FIELDS"]
