"""Direction of travel: what changed between an earlier copy of the plan and this one."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import Action, Plan


@dataclass(frozen=True)
class StatusChange:
    action: Action
    before: str
    after: str


@dataclass(frozen=True)
class Slip:
    action: Action
    before: dt.date
    after: dt.date

    @property
    def months(self) -> int:
        return (self.after.year - self.before.year) * 12 + self.after.month - self.before.month

    @property
    def days(self) -> int:
        return (self.after - self.before).days

    @property
    def description(self) -> str:
        """'three months' for month dates, '12 days' for shorter moves."""
        from .committee.sentences import count

        months = self.months
        return count(months, "month") if months >= 1 else count(self.days, "day")


@dataclass
class Travel:
    """Actions completed since, status changes, slipped end dates, and actions added or removed."""

    previous_as_of: dt.date | None
    completed: list[Action] = field(default_factory=list)
    changes: list[StatusChange] = field(default_factory=list)
    slipped: list[Slip] = field(default_factory=list)
    added: list[Action] = field(default_factory=list)
    removed: list[Action] = field(default_factory=list)
    matched: int = 0

    @property
    def moved(self) -> list[StatusChange]:
        """The status changes other than completions, so that no action is counted twice."""
        return [change for change in self.changes if change.after != "Blue"]

    def records(self) -> list[dict[str, object]]:
        """Each change as a flat record (kind, priority, ref, action text, from, to, and the Action itself),
        for JSON and CSV: the same groups, in the same order, as the report names."""
        def record(kind: str, action: Action, before: object = "", after: object = "") -> dict[str, object]:
            return {"change": kind, "priority": action.priority, "ref": action.ref, "action": action.text("action"),
                    "from": before, "to": after, "action_object": action}

        return [*(record("completed", a) for a in self.completed),
                *(record("status", c.action, c.before, c.after) for c in self.moved),
                *(record("slipped", s.action, s.before.isoformat(), s.after.isoformat()) for s in self.slipped),
                *(record("added", a) for a in self.added), *(record("removed", a) for a in self.removed)]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def match_actions(previous: Plan, current: Plan) -> tuple[list[tuple[Action, Action]], list[Action], list[Action]]:
    """Pair actions by priority and ref, then by action text where refs changed; the rest are added/removed."""
    by_ref: dict[tuple[int | None, str], list[Action]] = {}
    for old in previous.actions:
        if old.ref:
            by_ref.setdefault((old.priority, old.ref), []).append(old)
    pairs: list[tuple[Action, Action]] = []
    unmatched_now: list[Action] = []
    used: set[int] = set()
    for action in current.actions:
        # A ref used twice (a defect, but real) is told apart by the action's text.
        candidates = [a for a in by_ref.get((action.priority, action.ref), []) if id(a) not in used]
        same_text = [a for a in candidates if _words(a.text("action")) == _words(action.text("action"))]
        old = (same_text or candidates or [None])[0]
        if old is not None:
            pairs.append((old, action))
            used.add(id(old))
        else:
            unmatched_now.append(action)
    by_text = {_words(a.text("action")): a for a in previous.actions if id(a) not in used and a.text("action")}
    added = []
    for action in unmatched_now:
        old = by_text.pop(_words(action.text("action")), None) if action.text("action") else None
        if old is not None:
            pairs.append((old, action))
            used.add(id(old))
        else:
            added.append(action)
    removed = [a for a in previous.actions if id(a) not in used]
    return pairs, added, removed


def compare(previous: Plan, current: Plan, previous_as_of: dt.date | None = None) -> Travel:
    """What moved between two copies of a plan."""
    pairs, added, removed = match_actions(previous, current)
    travel = Travel(previous_as_of=previous_as_of, added=added, removed=removed, matched=len(pairs))
    for old, new in pairs:
        if new.is_complete and not old.is_complete:
            travel.completed.append(new)
        if (old.status or "Unrated") != (new.status or "Unrated"):
            travel.changes.append(StatusChange(new, old.status or "Unrated", new.status or "Unrated"))
        if old.end and new.end and new.end.last_day > old.end.last_day:
            travel.slipped.append(Slip(new, old.end.last_day, new.end.last_day))
    return travel
