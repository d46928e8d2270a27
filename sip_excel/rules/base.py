"""What a rule is: a small class with a code, a default severity and a docstring that users read."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from ..config import Config
from ..findings import Finding
from ..grid import cell_name
from ..model import Column, Plan, Table

_new_tuple = tuple.__new__

REGISTRY: dict[str, type[Rule]] = {}
ALL, BLANK, FILLED = "all", "blank", "filled"  # which cells a FieldRule is shown


@dataclass(frozen=True)
class Context:
    """What rules may know besides the plan: settings, the as-of date and comment history."""

    config: Config
    today: dt.date
    # (priority, ref or action text) -> date the current comment was first seen
    comment_first_seen: dict[tuple[Any, str], dt.date] = field(default_factory=dict)

    @cached_property
    def as_of(self) -> str:
        """The as-of date as messages show it, e.g. '31 Aug 2017'."""
        return f"{self.today:%d %b %Y}"


class Rule:
    """Base class: subclasses set ``code`` and ``severity`` and start their docstring with the message."""

    code: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    # Rules the reader applies itself, because without them there is no plan to check.
    fatal: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.code:
            return
        if not (cls.__doc__ or "").strip():
            raise TypeError(f"rule {cls.code} needs a docstring: its first line is what users read")
        if cls.code in REGISTRY:
            raise TypeError(f"rule code {cls.code} is used twice")
        REGISTRY[cls.code] = cls

    @classmethod
    def description(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]

    def check(self, plan: Plan, context: Context) -> Iterable[Finding]:
        """Every finding of this rule on the plan."""
        return ()

    def at(self, plan: Plan, where: tuple[int, int], message: str, *, suggestion: str = "",
           value: Any = None) -> Finding:
        """A finding of this rule at a 0-based (row, column) that belongs to no action (a header row, say)."""
        row, column = where
        return _new_tuple(Finding, (self.code, self.severity, message, plan.sheet, cell_name(row, column), row + 1,
                                    plan.label_of(row, column), "", None, value, suggestion))

    def finding(self, plan: Plan, name: str, i: int, message: str, suggestion: str = "") -> Finding:
        """A finding of this rule at the i-th action's cell of field ``name``."""
        table = plan.table
        column = table.columns.get(name)
        if column is None or column.columns[i] < 0:  # its table has no such column: point at the action's row
            row = table.rows[i]
            c = min((col.columns[i] for col in table.columns.values() if col.columns[i] >= 0), default=0)
            label, value = plan.label_of(row, c), None
        else:
            row, c, label, value = column.rows[i], column.columns[i], column.labels[i], column.values[i]
        # Built straight from a tuple: a plan with thousands of problems makes thousands of these.
        return _new_tuple(Finding, (self.code, self.severity, message, plan.sheet, cell_name(row, c), row + 1,
                                    label, table.refs[i], table.priorities[i], value, suggestion))


class FieldRule(Rule):
    """A rule about cells: each action's cell in each of ``fields``.

    ``cells`` says which of those cells it is shown (``BLANK``, ``FILLED`` or ``ALL``),
    so that a rule about missing values never looks at the thousands that are there.
    ``flagged`` picks, in one pass over the column, the actions whose cell it reports;
    ``explain`` gives the message and suggestion for one of them.
    """

    fields: ClassVar[tuple[str, ...]] = ()
    cells: ClassVar[str] = ALL

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        table, findings = plan.table, []
        for name in self.fields:
            column = table.columns.get(name)
            if column is None:
                continue
            shown = column.blank if self.cells == BLANK else column.filled if self.cells == FILLED else \
                [i for i, c in enumerate(column.columns) if c >= 0]
            findings += [self.finding(plan, name, i, *self.explain(table, column, i, context))
                         for i in self.flagged(table, column, shown, context)]
        return findings

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        """The actions, among those shown, whose cell this rule reports: all of them unless a rule says."""
        return shown

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        """(message, suggestion) for the i-th action's cell."""
        raise NotImplementedError


class ActionRule(Rule):
    """A rule about whole actions, reported at one field's cell: ``flagged`` picks them in one pass."""

    field: ClassVar[str] = ""

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        table = plan.table
        return [self.finding(plan, self.field, i, *self.explain(table, i, context))
                for i in self.flagged(table, context)]

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        raise NotImplementedError

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        raise NotImplementedError
