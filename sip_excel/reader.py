"""Find the plan table in a grid and read it into a :class:`~sip_excel.model.Plan`.

The reader works from labels, not positions: header rows are recognised by
their labels (aliases configurable in Settings), priorities by their
"Priority N" heading rows, and sections of a priority by the text above each
repeated header row.  Layouts change from year to year, so nothing here
assumes a column order.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from .config import REQUIRED_FIELDS, Config
from .dates import parse_date
from .errors import PlanStructureError
from .grid import Grid, display_text
from .model import Column, Entry, Memo, HeaderRow, Plan, Priority, Table

log = logging.getLogger(__name__)

PRIORITY_HEADING = re.compile(r"^\s*priority\s*(\d+)\s*[:.\-–]?\s*(.*)$", re.I | re.S)
_HEADING_START = re.compile(r"\s*priority\s*\d", re.I)  # what every PRIORITY_HEADING starts with
HEADER_SCAN_ROWS = 200
MAX_LABEL = 40  # longer text is content, not a column label (except the aim column's "Specific aim: ...")
# Fields whose presence makes a row an action rather than the wrapped text of the action above.
ACTION_MARKERS = ("ref", "lead_officer", "dlt_lead", "rag")


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(":").strip()


class _Labels(dict):
    """Cell text -> the field it labels ('' for none), from the configured aliases.

    Every row of a plan is tested as a possible header row, so each text is judged
    once and remembered (a repeat is one dictionary lookup), and a text is normalised
    (case, spacing, a trailing colon) only when lower-casing alone does not settle it.
    """

    def __init__(self, aliases: dict[str, str]) -> None:
        super().__init__()
        self.aliases = aliases

    def __missing__(self, text: Any) -> str:
        if type(text) is not str:
            self[text] = ""  # a number or date labels nothing
            return ""
        if len(text) > MAX_LABEL:
            return ""  # not remembered: long texts are the plan's content, and seldom repeat
        name = self.aliases.get(text.lower())
        if name is None:
            name = ""
            if ":" in text or "  " in text or text[:1] == " " or text[-1:] == " " or not (text.isascii() and
                                                                                     text.isprintable()):
                name = self.aliases.get(_normalise(text), "")
        self[text] = name
        return name


def alias_lookup(config: Config) -> _Labels:
    """Header label (as written in a cell) -> field, from the configured aliases."""
    return _Labels({alias: name for name, aliases in config.aliases.items() for alias in aliases})


def header_columns(row: list[Any], config: Config, lookup: _Labels | None = None) -> dict[str, int]:
    """Field -> column for a row that reads as a header row, else an empty dict."""
    labels = lookup if lookup is not None else alias_lookup(config)
    names = list(map(labels.__getitem__, row))  # in C, but for texts not seen before
    if len(names) - names.count("") < 2:
        return {}  # a data row: a header row names three columns, at most one of them (the aim) in a long text
    named = [(c, name) for c, name in enumerate(names) if name]
    columns: dict[str, int] = {}
    first = row[0]
    if type(first) is str and (len(first) > MAX_LABEL or not labels[first]):
        # The aim column's header often carries the aim itself: "Specific aim: Gain a clear ...".
        if labels[first.split(":", 1)[0]] == "aim":
            columns["aim"] = 0
    for c, name in named:
        if name not in columns:
            columns[name] = c
    if len(columns) >= 3 and ("ref" in columns or "action" in columns):
        return columns
    return {}


@dataclass
class _Block:
    """The rows under one header row, and the layout of its columns, worked out once."""

    header: HeaderRow
    priority: Priority | None
    preamble: list[str]
    rows: list[int] = field(default_factory=list)  # the first row of each action
    priorities: list[int | None] = field(default_factory=list)  # ... and the priority it is under
    # text wrapped onto following rows: (action's index in this block, row, that row's cells)
    continued: list[tuple[int, int, dict[str, Entry]]] = field(default_factory=list)
    last_row: int = -2  # the last row that belongs to the block's last action
    section: str | None = None
    names: list[str] = field(init=False)  # the fields this table has ...
    columns: list[int] = field(init=False)  # ... their columns ...
    labels: list[str] = field(init=False)  # ... and their header labels
    column_set: frozenset[int] = field(init=False)
    marker_columns: tuple[int, ...] = field(init=False)  # the columns of the ACTION_MARKERS this table has

    def __post_init__(self) -> None:
        self.names = list(self.header.columns)
        self.columns = list(self.header.columns.values())
        self.labels = [self.header.labels.get(c, name) for name, c in self.header.columns.items()]
        self.column_set = frozenset(self.columns)
        self.marker_columns = tuple(self.header.columns[name] for name in ACTION_MARKERS
                                    if name in self.header.columns)

    def entries(self, row: list[Any], r: int) -> dict[str, Entry]:
        """Field -> Entry for one row of this table."""
        width = max(self.columns) + 1
        if len(row) < width:
            row = row + [None] * (width - len(row))
        return dict(zip(self.names, Entry.in_row([row[c] for c in self.columns], r, self.columns, self.labels)))


def _shared(values: list[Any]) -> list[Any]:
    """The values with one object for each distinct value: the reader makes a new one for every cell, and
    a plan repeats its statuses, initials and dates thousands of times; rules that pass over a column then
    touch a few objects, not fifty thousand scattered through memory."""
    one: dict[Any, Any] = {}
    if set(map(type, values)) == {str}:
        return list(map(one.setdefault, values, values))
    return list(map(one.setdefault, zip(map(type, values), values), values))  # True and 1 are equal, not one


def _filled(row: list[Any]) -> list[int]:
    """The columns of a row that hold something other than blanks."""
    return [c for c, v in enumerate(row) if v is not None and (type(v) is not str or (v and not v.isspace()))]


def _names_an_action(value: Any) -> bool:
    """True for a marker cell (ref, officer, RAG) that holds a letter or digit: the row is an action."""
    if type(value) is str:
        return _ALNUM.search(value) is not None
    return value is not None and _ALNUM.search(display_text(value)) is not None


class _PlanReader:
    def __init__(self, grid: Grid, config: Config) -> None:
        self.grid = grid
        self.config = config
        self.priorities: list[Priority] = []
        self.blocks: list[_Block] = []
        self.title: dict[str, str] = {}
        self.pending: list[str] = []
        self.in_heading = False

    def read(self) -> Plan:
        grid = self.grid
        grid.fill_merged(vertical_only=True)
        for position, error in grid.errors.items():
            row, column = position
            if row < len(grid.rows) and column < len(grid.rows[row]) and grid.rows[row][column] in ("", None):
                grid.rows[row][column] = error
        lookup = alias_lookup(self.config)
        self.header_rows = {r: columns for r, row in enumerate(grid.rows)
                            if (columns := header_columns(row, self.config, lookup))}
        for r, row in enumerate(grid.rows):
            if not self._plain_action(r, row):
                self._read_row(r, row)
        if not self.blocks:
            raise PlanStructureError(f"no plan table found on sheet '{grid.sheet}': no header row names Ref, Action, "
                                     "End and RAG status. Add your labels under Column aliases in Settings.",
                                     code="SIP101")
        first = self.blocks[0].header
        missing = [name for name in REQUIRED_FIELDS if name not in first.columns]
        if missing:
            raise PlanStructureError(
                f"sheet '{grid.sheet}', header row {first.row + 1}: no {_labels(missing)} column. Add the column, "
                "or add its label under Column aliases in Settings.", code="SIP102")
        self._name_sections()
        return Plan(sheet=grid.sheet, grid=grid, title=self.title, priorities=self.priorities,
                    table=self._table(), headers=[b.header for b in self.blocks])

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
                self._add_action(block, r)
                return True
        return False

    def _read_row(self, r: int, row: list[Any]) -> None:
        filled = _filled(row)
        if not filled:
            self.pending, self.in_heading = [], False
            return
        few = len(filled) <= 2  # headings and titles: a cell or two
        first_text = display_text(row[filled[0]]) if few else ""
        heading = PRIORITY_HEADING.match(first_text) if few else None
        if heading:
            self.priorities.append(Priority(int(heading[1]), " ".join(heading[2].split()), r))
            self.pending, self.in_heading = [], True
            return
        columns = self.header_rows.get(r)
        if columns:
            labels = {c: display_text(row[c]) for c in filled}
            named = columns
            if self.blocks:  # a column this row leaves unnamed keeps the first header row's column and label
                first = self.blocks[0].header
                columns = _inherit_columns(columns, first.columns)
                labels.update({c: first.labels[c] for c in columns.values() if c not in labels and c in first.labels})
            header = HeaderRow(r, columns, labels, named)
            self.blocks.append(_Block(header, self.priorities[-1] if self.priorities else None, self.pending))
            self.pending, self.in_heading = [], False
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

    def _heads_a_table(self, r: int) -> bool:
        """True for a one-cell row that leads straight into a header row: a section heading."""
        rows = self.grid.rows
        following = r + 1
        while following < len(rows) and following not in self.header_rows and len(_filled(rows[following])) == 1:
            following += 1
        return len(_filled(rows[r])) == 1 and following in self.header_rows

    def _title_entry(self, r: int, row: list[Any], filled: list[int]) -> None:
        parts = []
        for c in filled[1:]:
            date = parse_date(row[c], self.grid.number_formats.get((r, c))) if hasattr(row[c], "year") else None
            parts.append(str(date) if date else display_text(row[c]))
        self.title[display_text(row[filled[0]]).rstrip(":")] = " ".join(parts)

    def _data_row(self, r: int, row: list[Any], filled: list[int]) -> None:
        block = self.blocks[-1]
        if block.column_set.isdisjoint(filled):
            return  # stray characters outside the plan's columns
        width = len(row)
        for c in block.marker_columns:
            if c < width and _names_an_action(row[c]):
                break
        else:  # no ref, officer or status: a section heading, wrapped text, or an action missing all three
            self._unmarked_row(block, r, row)
            return
        self._add_action(block, r)

    def _add_action(self, block: _Block, r: int) -> None:
        priority = self.priorities[-1] if self.priorities else None
        self.pending = []
        block.rows.append(r)
        block.priorities.append(priority.number if priority else None)
        block.last_row = r

    def _unmarked_row(self, block: _Block, r: int, row: list[Any]) -> None:
        entries = block.entries(row, r)
        if self._heads_a_table(r):
            self.pending.append(" ".join(e.text for e in entries.values() if e.text))
        elif block.rows and block.last_row == r - 1:  # text wrapped onto the next row: it continues the action
            block.continued.append((len(block.rows) - 1, r, entries))
            block.last_row = r
        elif not any(not entries[n].is_blank for n in ("action", "start", "end") if n in entries):
            self.pending.append(" ".join(e.text for e in entries.values() if e.text))
        else:
            self._add_action(block, r)

    def _name_sections(self) -> None:
        """A priority with several header rows is divided into sections named by the text above each."""
        for priority in self.priorities:
            blocks = [b for b in self.blocks if b.priority is priority]
            if len(blocks) < 2:
                continue
            for number, block in enumerate(blocks, start=1):
                heading = " ".join(block.preamble).strip()
                name = f"Section {number}: {heading}" if heading else f"Section {number}"
                priority.sections.append(name)
                block.section = name

    def _table(self) -> Table:
        """The actions of every block as columns (see :class:`~sip_excel.model.Column`)."""
        names = list(dict.fromkeys(name for block in self.blocks for name in block.names))
        rows: list[int] = []
        priorities: list[int | None] = []
        sections: list[str | None] = []
        parts: dict[str, tuple[list[Any], list[int], list[str]]] = {name: ([], [], []) for name in names}
        grid_rows = self.grid.rows
        for block in self.blocks:
            lines = [grid_rows[r] for r in block.rows]
            count = len(lines)
            width = max(block.columns) + 1
            if any(len(line) < width for line in lines):
                lines = [line + [None] * (width - len(line)) for line in lines]
            by_column = dict(zip(range(width), zip(*lines))) if lines else {}
            rows += block.rows
            priorities += block.priorities
            sections += [block.section] * count
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
        table = Table(self.grid.sheet, rows, priorities, sections, {
            name: Column(name, _shared(values), list(rows), columns, labels)
            for name, (values, columns, labels) in parts.items()})
        self._continue(table)
        self._interpret(table)
        return table

    def _continue(self, table: Table) -> None:
        """Text wrapped onto the next row belongs to the action above; an empty field takes the row's value."""
        offset = 0
        for block in self.blocks:
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

    def _interpret(self, table: Table) -> None:
        formats = self.grid.number_formats
        date1904 = self.grid.date1904  # a bare serial number counts from 1904 in such a workbook
        meaning = Memo(lambda key: parse_date(key[1], key[2], date1904))  # plans repeat their dates
        for name in ("start", "end"):
            column = table.columns.get(name)
            dates = [None] * len(table) if column is None else list(map(meaning.__getitem__, zip(
                map(type, column.values), column.values, map(formats.get, zip(column.rows, column.columns)))))
            setattr(table, f"{name}s", dates)
        config = self.config
        table.statuses = list(map(Memo(lambda rag: status_of(rag, config)).__getitem__, table.texts("rag")))


def status_of(rag: str, config: Config) -> str | None:
    """The BRAG status a RAG cell means, forgiving case, spacing and stray characters; None if none."""
    key = " ".join(rag.lower().split())
    if key in config.brag:
        return config.brag[key]
    words = re.findall(r"[a-z]+", key)
    matches = {config.brag[w] for w in words if w in config.brag}
    return matches.pop() if len(matches) == 1 else None


def _inherit_columns(columns: dict[str, int], first: dict[str, int]) -> dict[str, int]:
    """A repeated header row that does not name a column keeps the first header row's column for it."""
    used = set(columns.values())
    merged = dict(columns)
    for name, c in first.items():
        if name not in merged and c not in used:
            merged[name] = c
    return merged


_ALNUM = re.compile(r"[^\W_]")


def _labels(names: list[str]) -> str:
    words = {"ref": "Ref", "action": "Action", "end": "End date", "rag": "RAG status"}
    return " or ".join(f"'{words.get(n, n)}'" for n in names)


def read_plan(grid: Grid, config: Config) -> Plan:
    """Read the plan table of one grid."""
    return _PlanReader(grid, config).read()


__all__ = ["read_plan", "header_columns", "status_of", "alias_lookup"]
