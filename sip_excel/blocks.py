"""The rows under each header row (a block), and the plan table built from them, column by column."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .dates import parse_date
from .fields import BRAG as BRAG_OF
from .grid import Grid
from .model import Column, Entry, HeaderRow, Memo, Priority, Table

# Fields whose presence makes a row an action rather than the wrapped text of the action above.
ACTION_MARKERS = ("ref", "lead_officer", "dlt_lead", "rag")


@dataclass
class Block:
    """The rows under one header row, and the layout of its columns, worked out once."""

    header: HeaderRow
    priority: Priority | None
    preamble: list[str]
    rows: list[int] = field(default_factory=list)  # the first row of each action
    priorities: list[int | None] = field(default_factory=list)  # ... and the priority it is under
    banners: list[str | None] = field(default_factory=list)  # ... and the banner row above it, if any
    # text wrapped onto following rows: (action's index in this block, row, that row's cells)
    continued: list[tuple[int, int, dict[str, Entry]]] = field(default_factory=list)
    last_row: int = -2  # the last row that belongs to the block's last action
    generated: tuple[int, int] | None = None  # (row, number) of the last pre-numbered blank row passed over
    section: str | None = None
    names: list[str] = field(init=False)  # the fields this table has ...
    columns: list[int] = field(init=False)  # ... their columns ...
    labels: list[str] = field(init=False)  # ... and their header labels
    column_set: frozenset[int] = field(init=False)
    marker_columns: tuple[int, ...] = field(init=False)  # the columns of the ACTION_MARKERS this table has
    action_column: int = field(init=False)  # the Action column

    def __post_init__(self) -> None:
        self.names = list(self.header.columns)
        self.columns = list(self.header.columns.values())
        self.labels = [self.header.labels.get(c, name) for name, c in self.header.columns.items()]
        self.column_set = frozenset(self.columns)
        self.marker_columns = tuple(self.header.columns[name] for name in ACTION_MARKERS
                                    if name in self.header.columns)
        self.action_column = self.header.columns.get("action", 1 << 30)  # a section header may lack it

    def entries(self, row: list[Any], r: int) -> dict[str, Entry]:
        """Field -> Entry for one row of this table."""
        width = max(self.columns) + 1
        if len(row) < width:  # a row read sparsely ends at its last cell; past it, cells are empty, as calamine reads them
            row = row + [""] * (width - len(row))
        return dict(zip(self.names, Entry.in_row([row[c] for c in self.columns], r, self.columns, self.labels)))

    def field_at(self, column: int) -> str | None:
        """The field of a column of this table, if it has one."""
        return next((name for name, c in self.header.columns.items() if c == column), None)


def _shared(values: list[Any]) -> list[Any]:
    """The values with one object for each distinct value: the reader makes a new one for every cell, and
    a plan repeats its statuses, initials and dates thousands of times; rules that pass over a column then
    touch a few objects, not fifty thousand scattered through memory."""
    one: dict[Any, Any] = {}
    if len(set(map(type, values))) == 1:  # a column of one type (text, dates): equal values are one
        return list(map(one.setdefault, values, values))
    return list(map(one.setdefault, zip(map(type, values), values), values))  # True and 1 are equal, not one


def whole_number(value: Any) -> int | None:
    """A cell's value as a whole number (7, 7.0, '7'), or None: how a pre-numbered template row is numbered."""
    if type(value) is int or type(value) is float and value.is_integer() and abs(value) < 1e9:
        return int(value)
    if type(value) is str and value.strip().isdecimal() and len(value.strip()) <= 9:
        return int(value.strip())
    return None


def build_table(blocks: list[Block], grid: Grid, config: Config) -> Table:
    """The actions of every block as columns (see :class:`~sip_excel.model.Column`)."""
    names = list(dict.fromkeys(name for block in blocks for name in block.names))
    rows: list[int] = []
    priorities: list[int | None] = []
    sections: list[str | None] = []
    parts: dict[str, tuple[list[Any], list[int], list[str]]] = {name: ([], [], []) for name in names}
    grid_rows = grid.rows
    for block in blocks:
        lines = [grid_rows[r] for r in block.rows]
        count = len(lines)
        width = max(block.columns) + 1
        if any(len(line) < width for line in lines):
            lines = [line + [""] * (width - len(line)) for line in lines]  # as in entries()
        by_column = dict(zip(range(width), zip(*lines))) if lines else {}
        rows += block.rows
        priorities += block.priorities
        sections += [block.section] * count if block.section or not any(block.banners) else block.banners
        for name in names:
            values, columns, labels = parts[name]
            c = block.header.columns.get(name)
            if c is None:
                values += [None] * count
                columns += [-1] * count
                labels += [""] * count
            else:
                values += by_column.get(c, ())
                columns += [c] * count
                labels += [block.header.labels.get(c, name)] * count
    table = Table(grid.sheet, rows, priorities, sections, {
        name: Column(name, _shared(values), list(rows), columns, labels)
        for name, (values, columns, labels) in parts.items()})
    _continue(table, blocks)
    _interpret(table, grid, config)
    return table


def _continue(table: Table, blocks: list[Block]) -> None:
    """Text wrapped onto the next row belongs to the action above; an empty field takes the row's value."""
    offset = 0
    for block in blocks:
        for index, r, entries in block.continued:
            i = offset + index
            table.extra_rows.setdefault(i, []).append(r)
            for name, entry in entries.items():
                if entry.is_blank:
                    continue
                column = table.columns[name]
                current = column.values[i]
                if not column.text(i):
                    column.set(i, entry.value, entry.row)
                elif isinstance(current, str) and isinstance(entry.value, str):
                    column.set(i, f"{current.rstrip()} {entry.value.strip()}")
        offset += len(block.rows)


def _interpret(table: Table, grid: Grid, config: Config) -> None:
    formats = grid.number_formats
    date1904 = grid.date1904  # a bare serial number counts from 1904 in such a workbook
    meaning = Memo(lambda key: parse_date(key[1], key[2], date1904))  # plans repeat their dates
    for name in ("start", "end"):
        column = table.columns.get(name)
        dates = [None] * len(table) if column is None else list(map(meaning.__getitem__, zip(
            map(type, column.values), column.values, map(formats.get, zip(column.rows, column.columns)))))
        setattr(table, f"{name}s", dates)
    vocabulary = config.vocabulary
    table.meanings = list(map(Memo(vocabulary.meaning_of).__getitem__, table.texts("rag")))
    table.statuses = list(map(BRAG_OF.get, table.meanings))


def group_by_column(table: Table) -> list[Priority]:
    """Priorities from a Priority/Theme/Workstream column: one for each of its values, in order of appearance.

    Each is named by the column's label and its number in that order ("Theme 2"), its value the title;
    a column of priority numbers keeps those numbers."""
    column = table.columns["group"]
    texts = column.texts
    groups: dict[str, Priority] = {}
    for i, text in enumerate(texts):
        if text and text not in groups:
            label = column.labels[i].strip().rstrip(":").strip() or "Priority"
            number = whole_number(column.values[i])
            if number is None or any(p.number == number for p in groups.values()):
                number = len(groups) + 1
                title = text
            else:
                title = ""
            groups[text] = Priority(number, title, column.rows[i], kind=label)
    table.priorities = [groups[text].number if text else None for text in texts]
    return list(groups.values())
