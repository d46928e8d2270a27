"""The plan model: priorities, sections and actions, every value with its cell."""
from __future__ import annotations

import bisect
import operator
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress, filterfalse, repeat
from collections.abc import Callable
from typing import Any, NamedTuple

from .dates import PlanDate
from .fields import UNKNOWN
from .grid import Grid, cell_name, display_text


# A ref: up to four letters, then numbers joined by dots, dashes or underscores (1.2, 1.2.3, A5.1, R-001,
# I_003). A number of more than nine digits is no ref: int() of thousands of digits would stop the run.
REF_SHAPE = re.compile(r"^([^\W\d_]{0,4})[-_. ]?(\d{1,9}(?:[-_.]\d{1,9})*)$")
_REF_PARTS = re.compile(r"[-_.]")
_REF_MARKS = re.compile(r"[^-_. ]")


def ref_key(ref: str) -> tuple[str, tuple[int, ...]] | None:
    """'A5.2' -> ('A', (5, 2)), 'R-001' -> ('R', (1,)), for ordering refs; None for a ref of no known shape."""
    match = REF_SHAPE.match(ref)
    if match is None:
        return None
    return match[1], tuple(map(int, _REF_PARTS.split(match[2])))


def ref_scheme(ref: str) -> str:
    """The marks a ref's parts are joined by ('.' for 4.12, '-' for R-001, '' for 7): the plan's own scheme."""
    return "".join(dict.fromkeys(_REF_MARKS.sub("", ref)))


def ref_keys(refs: list[str]) -> list[tuple[str, tuple[int, ...]] | None]:
    """:func:`ref_key` of each ref, in bulk: '4.12' is the key of '4' (worked out once, as refs share
    their parents) with 12 added, which spares a regular expression per ref."""
    parents = Memo(ref_key)
    keys: list[tuple[str, tuple[int, ...]] | None] = []
    add = keys.append
    for ref in refs:
        head, dot, tail = ref.rpartition(".")
        if dot and tail.isdecimal() and len(tail) <= 9 and (parent := parents[head]) is not None:
            add((parent[0], (*parent[1], int(tail))))
        else:
            add(ref_key(ref))
    return keys


def overdue(end: PlanDate | None, status: str | None, today: dt.date) -> bool:
    """The end date has passed and the action is not complete (a month end date means its last day).

    An implausible end date (a bare 1 reads as 1900) is a data error, not a deadline.
    """
    return end is not None and end.last_day < today and status != "Blue" and end.plausible


class Memo(dict):
    """A one-argument function's results by argument, for the values a plan repeats (statuses, initials,
    comments such as 'On track'): a repeat costs one dictionary lookup."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: Any) -> Any:
        result = self[key] = self.function(key)
        return result


_new_tuple = tuple.__new__
_NONE_OR_TEXT = frozenset({type(None), str})


class Entry(NamedTuple):
    """One cell's value in the plan, with where it is and the header label of its column.

    A NamedTuple rather than a dataclass: the cheapest immutable record to build, and
    an :class:`Action` holds one for each of its cells.
    """

    value: Any
    row: int  # 0-based
    column: int  # 0-based
    label: str
    text: str = ""  # the value as read (see display_text)

    @classmethod
    def in_row(cls, values: list[Any], row: int, columns: list[int], labels: list[str]) -> list[Entry]:
        """The entries of one row's cells, built in bulk."""
        # display_text, with its two commonest cases inlined
        texts = [v.strip() if type(v) is str else "" if v is None else display_text(v) for v in values]
        return list(map(_new_tuple, repeat(cls), zip(values, repeat(row), columns, labels, texts)))

    @property
    def cell(self) -> str:
        return cell_name(self.row, self.column)

    @property
    def is_blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class HeaderRow:
    """A header row: the canonical field of each column it names."""

    row: int
    columns: dict[str, int]  # field -> 0-based column, including those kept from the first header row
    labels: dict[int, str]  # 0-based column -> label as written
    named: dict[str, int]  # field -> 0-based column, as this row itself names them


@dataclass
class Action:
    """One action of the plan, possibly written over several rows."""

    priority: int | None
    section: str | None
    row: int  # 0-based row of its first line
    sheet: str
    fields: dict[str, Entry]
    start: PlanDate | None = None
    end: PlanDate | None = None
    status: str | None = None  # Blue, Red, Amber, Green, or None when unrated, unrecognised or without a colour
    extra_rows: list[int] = field(default_factory=list)
    meaning: str = UNKNOWN  # what the status says (see fields.MEANINGS): complete, on track, ..., not started

    def date(self, name: str) -> PlanDate | None:
        """The start or end date, by field name."""
        return self.start if name == "start" else self.end if name == "end" else None

    def entry(self, name: str) -> Entry | None:
        return self.fields.get(name)

    def text(self, name: str) -> str:
        entry = self.fields.get(name)
        return entry.text if entry else ""

    @property
    def ref(self) -> str:
        entry = self.fields.get("ref")
        return entry.text if entry else ""

    @cached_property
    def ref_key(self) -> tuple[str, tuple[int, ...]] | None:
        """The ref as a sortable key (see :func:`ref_key`), worked out once: several rules ask for it."""
        return ref_key(self.ref)

    @property
    def label(self) -> str:
        """How a person names this action: its ref, or its row when it has none."""
        return self.ref or f"row {self.row + 1}"

    @property
    def is_complete(self) -> bool:
        return self.status == "Blue"

    def is_overdue(self, today: dt.date) -> bool:
        return overdue(self.end, self.status, today)


@dataclass
class Priority:
    """A group of actions: a "Priority N: ..." heading row, or one value of a Theme/Workstream column."""

    number: int
    title: str
    row: int
    sections: list[str] = field(default_factory=list)
    kind: str = "Priority"  # what the plan calls its groups: Priority, or the grouping column's label

    @property
    def name(self) -> str:
        return f"{self.kind} {self.number}"


class Column:
    """One field of the plan table, action by action: item ``i`` of each list belongs to the plan's i-th action.

    The plan is kept as columns because a plan of 50,000 actions has half a million
    cells, and the rules judge a whole column in one comprehension far faster than
    they could ask each action in turn.  ``columns[i]`` is -1 where the i-th action's
    table has no such column; its value is then None and its text empty.
    """

    __slots__ = ("name", "values", "rows", "columns", "labels", "__dict__")

    def __init__(self, name: str, values: list[Any], rows: list[int], columns: list[int], labels: list[str]) -> None:
        self.name, self.values, self.rows, self.columns, self.labels = name, values, rows, columns, labels

    @cached_property
    def texts(self) -> list[str]:
        """Each value as the officer reads it (see :func:`~sip_excel.grid.display_text`), worked out when a
        rule first asks: the date columns and the long texts seldom need it."""
        values = self.values
        if self._text_only:
            return list(map(str.strip, values))
        return [v.strip() if type(v) is str else "" if v is None else display_text(v) for v in values]

    @cached_property
    def _text_only(self) -> bool:
        """True for a column that holds only text (calamine reads an empty cell as ''): it is read in C."""
        return set(map(type, self.values)) == {str}

    def text(self, i: int) -> str:
        """The i-th action's value as the officer reads it."""
        return display_text(self.values[i])

    def entry(self, i: int) -> Entry | None:
        """The i-th action's cell of this field, or None where its table has no such column."""
        column = self.columns[i]
        if column < 0:
            return None
        return _new_tuple(Entry, (self.values[i], self.rows[i], column, self.labels[i], self.text(i)))

    @cached_property
    def _empty(self) -> set[int]:
        """The actions whose cell holds nothing, or only spaces, or whose table lacks the column."""
        values = self.values
        if "texts" in self.__dict__ or self._text_only:  # the empty texts, found in C
            return set(compress(range(len(values)), map(operator.not_, self.texts)))
        # only None and text can be empty: the dates and numbers are passed over in C
        maybe = compress(range(len(values)), map(_NONE_OR_TEXT.__contains__, map(type, values)))
        return {i for i in maybe if (value := values[i]) is None or not value.strip()}

    @cached_property
    def filled(self) -> list[int]:
        """The actions whose cell of this field holds something (text that is not only spaces, or any value)."""
        return list(filterfalse(self._empty.__contains__, range(len(self.values))))

    @cached_property
    def blank(self) -> list[int]:
        """The actions whose cell of this field is empty (not those whose table lacks the column)."""
        columns = self.columns
        return sorted(i for i in self._empty if columns[i] >= 0)

    def set(self, i: int, value: Any, row: int | None = None) -> None:
        """Change the i-th action's value (and the row it comes from, for text wrapped onto the next row)."""
        self.values[i] = value
        if row is not None:
            self.rows[i] = row
        self.__dict__.clear()  # texts, filled and blank are worked out again when next asked


@dataclass
class Table:
    """The plan's actions as columns (see :class:`Column`): where each starts, its priority and section,
    its cells field by field, and what its dates and RAG status mean."""

    sheet: str
    rows: list[int]  # 0-based row of each action's first line
    priorities: list[int | None]
    sections: list[str | None]
    columns: dict[str, Column]  # only the fields some table of the plan has
    extra_rows: dict[int, list[int]] = field(default_factory=dict)  # action -> rows its text wraps onto
    starts: list[PlanDate | None] = field(default_factory=list)
    ends: list[PlanDate | None] = field(default_factory=list)
    statuses: list[str | None] = field(default_factory=list)  # Blue, Red, Amber, Green or None
    meanings: list[str] = field(default_factory=list)  # what each status says (see fields.MEANINGS)
    _overdue: dict[dt.date, list[int]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.rows)

    def texts(self, name: str) -> list[str]:
        """Each action's text in a field ('' throughout when the plan has no such column)."""
        column = self.columns.get(name)
        return column.texts if column is not None else [""] * len(self.rows)

    @cached_property
    def refs(self) -> list[str]:
        return self.texts("ref")

    @cached_property
    def ref_keys(self) -> list[tuple[str, tuple[int, ...]] | None]:
        """Each ref as a sortable key (see :func:`ref_key`), worked out once: several rules ask for it."""
        return ref_keys(self.refs)

    def overdue(self, today: dt.date) -> list[int]:
        """The actions overdue at ``today`` (see :func:`overdue`), worked out once: two rules ask."""
        found = self._overdue.get(today)
        if found is None:
            found = self._overdue[today] = list(compress(range(len(self.rows)),
                                                         map(overdue, self.ends, self.statuses, repeat(today))))
        return found

    def label(self, i: int) -> str:
        """How a person names the i-th action: its ref, or its row when it has none."""
        return self.refs[i] or f"row {self.rows[i] + 1}"

    def comment_key(self, i: int) -> tuple[int | None, str]:
        """How the i-th action is known from one run to the next, in the comment history: its priority and ref,
        or its action text if it has no ref."""
        return self.priorities[i], self.refs[i] or self.texts("action")[i]

    def action(self, i: int) -> Action:
        """The i-th action as one object, for code that reads a plan action by action (roll-up, report)."""
        fields = {name: entry for name, column in self.columns.items() if (entry := column.entry(i)) is not None}
        return Action(self.priorities[i], self.sections[i], self.rows[i], self.sheet, fields, self.starts[i],
                      self.ends[i], self.statuses[i], list(self.extra_rows.get(i, ())),
                      self.meanings[i] if self.meanings else UNKNOWN)


@dataclass
class Plan:
    """A plan as read from one sheet: its title block, priorities, actions and header rows."""

    sheet: str
    grid: Grid
    title: dict[str, str]
    priorities: list[Priority]
    table: Table
    headers: list[HeaderRow]
    # How the actions are grouped: "headings" (Priority N rows), "column" (a Theme/Workstream column), "none"
    grouping: str = "headings"
    other_sheets: list[str] = field(default_factory=list)  # other sheets of the workbook that hold a plan table
    unread_sheets: list[str] = field(default_factory=list)  # sheets that could not be read (damaged, say)
    unread_headings: list[tuple[int, int]] = field(default_factory=list)  # "Priority N" rows whose N is no number
    # (priority, ref or action text) -> date its current comment was first seen, from the comment history
    comment_first_seen: dict[tuple[Any, str], dt.date] = field(default_factory=dict)
    _header_rows: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @cached_property
    def actions(self) -> list[Action]:
        """The actions as objects, made when first asked: validating works on :attr:`table` alone."""
        return [self.table.action(i) for i in range(len(self.table))]

    def set_value(self, i: int, name: str, value: Any) -> None:
        """Change the i-th action's cell of a field in the plan in memory (the Excel button's date stamps)."""
        column = self.table.columns[name]
        column.set(i, value)
        if "actions" in self.__dict__:
            self.actions[i].fields[name] = column.entry(i)

    def priority(self, number: int | None) -> Priority | None:
        return next((p for p in self.priorities if p.number == number), None)

    @cached_property
    def action_of_row(self) -> dict[int, int]:
        """0-based sheet row -> the index of the action it belongs to (its own row, or a row its text wraps onto),
        made when first asked: only findings about single cells (formulas, error values) need it."""
        table = self.table
        owners = {row: i for i, extra in table.extra_rows.items() for row in extra}
        owners.update((row, i) for i, row in enumerate(table.rows))
        return owners

    def label_of(self, row: int, column: int) -> str:
        """The header label over a cell: the nearest header row above it."""
        if self._header_rows is None:
            self._header_rows = [header.row for header in self.headers]  # in sheet order, as read
        index = bisect.bisect_right(self._header_rows, row) - 1
        return self.headers[index].labels.get(column, "") if index >= 0 else ""
