"""What a rule is: a small class with a code, a default severity and a docstring that users read."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..config import Config
from ..findings import Finding
from ..grid import cell_name
from ..model import Action, Entry, Plan

REGISTRY: dict[str, type[Rule]] = {}


@dataclass(frozen=True)
class Context:
    """What rules may know besides the plan: settings, the as-of date and comment history."""

    config: Config
    today: dt.date
    # (priority, ref or action text) -> date the current comment was first seen
    comment_first_seen: dict[tuple[Any, str], dt.date] = field(default_factory=dict)


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
        return ()

    def at(self, plan: Plan, where: Action | Entry | tuple[int, int], message: str, *,
           action: Action | None = None, suggestion: str = "", value: Any = None) -> Finding:
        """A finding of this rule at an action's row, a cell entry, or a 0-based (row, column)."""
        if isinstance(where, Action):
            action = where
            row, column = where.row, min((e.column for e in where.fields.values()), default=0)
        elif isinstance(where, Entry):
            row, column = where.row, where.column
            value = where.value if value is None else value
        else:
            row, column = where
        # Positional: a plan with thousands of problems makes thousands of these.
        return Finding(self.code, self.severity, message, plan.sheet, cell_name(row, column), row + 1,
                       plan.label_of(row, column), action.ref if action else "",
                       action.priority if action else None, value, suggestion)


class ActionRule(Rule):
    """A rule that looks at one action at a time."""

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        check_action = self.check_action
        for action in plan.actions:
            yield from check_action(plan, action, context)

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterable[Finding]:
        raise NotImplementedError


class FieldRule(ActionRule):
    """A rule about one field of each action; ``field`` names it and ``check_entry`` judges it."""

    field: ClassVar[str] = ""

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        name, check_entry = self.field, self.check_entry
        for action in plan.actions:
            entry = action.fields.get(name)
            if entry is not None:
                yield from check_entry(plan, action, entry, context)

    def check_entry(self, plan: Plan, action: Action, entry: Entry, context: Context) -> Iterable[Finding]:
        raise NotImplementedError
