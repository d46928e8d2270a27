"""What a rule is: a small class with a code, a default severity and a docstring that users read."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from ..config import Config
from ..findings import Finding
from ..grid import cell_name, column_letter
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
        """A finding of this rule at a 0-based (row, column): a header row, say, or a cell of an action's row
        (a formula, an error value), which then carries that action's ref and priority, so it is listed with it."""
        row, column = where
        i = plan.action_of_row.get(row)
        ref, priority = ("", None) if i is None else (plan.table.refs[i], plan.table.priorities[i])
        return _new_tuple(Finding, (self.code, self.severity, message, plan.sheet, cell_name(row, column), row + 1,
                                    plan.label_of(row, column), ref, priority, value, suggestion))

    def finding(self, plan: Plan, name: str, i: int, message: str, suggestion: str = "") -> Finding:
        """A finding of this rule at the i-th action's cell of field ``name``."""
        return self.findings(plan, name, [(i, message, suggestion)])[0]

    def findings(self, plan: Plan, name: str, flagged: list[tuple[int, str, str]]) -> list[Finding]:
        """Findings of this rule at the cells of field ``name`` of the actions flagged, each given as
        (action index, message, suggestion): built in one comprehension, as a plan can have thousands."""
        if not flagged:
            return []
        table = plan.table
        column = table.columns.get(name)
        if column is None:
            column = _no_column(table, name)
        code, severity, sheet, refs, priorities = self.code, self.severity, plan.sheet, table.refs, table.priorities
        rows, columns, labels, values = column.rows, column.columns, column.labels, column.values
        return [_new_tuple(Finding, (code, severity, message, sheet, f"{column_letter(columns[i])}{rows[i] + 1}",
                                     rows[i] + 1, labels[i], refs[i], priorities[i], values[i], suggestion))
                if columns[i] >= 0 else _at_row(self, plan, i, message, suggestion)
                for i, message, suggestion in flagged]


def _at_row(rule: Rule, plan: Plan, i: int, message: str, suggestion: str) -> Finding:
    """A finding about the i-th action whose table lacks the rule's column: at the action's first cell."""
    table = plan.table
    row = table.rows[i]
    column = min((c.columns[i] for c in table.columns.values() if c.columns[i] >= 0), default=0)
    return _new_tuple(Finding, (rule.code, rule.severity, message, plan.sheet, cell_name(row, column), row + 1,
                                plan.label_of(row, column), table.refs[i], table.priorities[i], None, suggestion))


def _no_column(table: Table, name: str) -> Column:
    count = len(table)
    return Column(name, [None] * count, table.rows, [-1] * count, [""] * count)


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
            explain = self.explain
            findings += self.findings(plan, name, [(i, *explain(table, column, i, context))
                                                   for i in self.flagged(table, column, shown, context)])
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
        explain = self.explain
        return self.findings(plan, self.field, [(i, *explain(table, i, context)) for i in self.flagged(table, context)])

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        raise NotImplementedError

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        raise NotImplementedError
