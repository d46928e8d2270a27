"""What a rule is: a small class with a code, a default severity and a docstring that users read."""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from ..config import Config
from ..findings import Finding
from ..grid import cell_name
from ..model import Action, Entry, Plan

_new_tuple = tuple.__new__

REGISTRY: dict[str, type[Rule]] = {}
ALL, BLANK, FILLED = "all", "blank", "filled"  # which cells a FieldRule judges
_WANTED = {ALL: lambda text: True, BLANK: operator.not_, FILLED: bool}  # keyed by the cell's text


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

    def at(self, plan: Plan, where: Action | Entry | tuple[int, int], message: str, *,
           action: Action | None = None, suggestion: str = "", value: Any = None) -> Finding:
        """A finding of this rule at a cell entry, an action's row, or a 0-based (row, column)."""
        if type(where) is Entry:  # by far the most common: tested first
            row, column, label = where.row, where.column, where.label
            value = where.value if value is None else value
        elif isinstance(where, Action):
            action = where
            row, column = where.row, min((e.column for e in where.fields.values()), default=0)
            label = plan.label_of(row, column)
        else:
            row, column = where
            label = plan.label_of(row, column)
        # Built straight from a tuple: a plan with thousands of problems makes thousands of these.
        return _new_tuple(Finding, (self.code, self.severity, message, plan.sheet, cell_name(row, column), row + 1,
                                    label, action.ref if action else "",
                                    action.priority if action else None, value, suggestion))


class ActionRule(Rule):
    """A rule that looks at one action at a time: ``check_action`` returns its finding, or None."""

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        check_action = self.check_action
        return [finding for action in plan.actions if (finding := check_action(plan, action, context)) is not None]

    def check_action(self, plan: Plan, action: Action, context: Context) -> Finding | None:
        raise NotImplementedError


class FieldRule(Rule):
    """A rule about cells: each action's cell in each of ``fields``.

    ``cells`` says which of those cells it judges (``BLANK``, ``FILLED`` or ``ALL``),
    so that a rule about missing values is never asked about the thousands that are
    there; ``check_entry`` returns its finding for one cell, or None.
    """

    fields: ClassVar[tuple[str, ...]] = ()
    cells: ClassVar[str] = ALL

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        check_entry, wanted = self.check_entry, _WANTED[self.cells]
        return [finding for name in self.fields for action in plan.actions
                if (entry := action.fields.get(name)) is not None and wanted(entry.text)
                and (finding := check_entry(plan, action, name, entry, context)) is not None]

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        raise NotImplementedError
