"""SIP2xx: action references."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan, ref_key
from .base import BLANK, FILLED, Context, FieldRule, Rule


class MissingRef(FieldRule):
    """SIP201: Action has no ref."""

    code, severity, fields, cells = "SIP201", ERROR, ("ref",), BLANK

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding:
        return self.at(plan, entry, "This action has no ref, so it cannot be tracked from one report to the next.",
                       action=action, suggestion="Give it the next free ref in its priority.")


class DuplicateRef(Rule):
    """SIP202: The same ref is used twice within a priority."""

    code, severity = "SIP202", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        first_seen: dict[tuple[int | None, str], Action] = {}
        for action in plan.actions:
            if not action.ref:
                continue
            key = (action.priority, action.ref)
            if key in first_seen:
                other = first_seen[key]
                yield self.at(plan, action.fields["ref"], f"Ref {action.ref} is used twice in Priority "
                              f"{action.priority}: also at {other.fields['ref'].cell}.", action=action,
                              suggestion="Give each action its own ref.")
            else:
                first_seen[key] = action


class MalformedRef(FieldRule):
    """SIP203: Ref is not of the form 1.2, 1.2.3 or A5.1."""

    code, severity, fields, cells = "SIP203", WARNING, ("ref",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if action.ref_key is not None:
            return None
        cleaned = re.sub(r"[^A-Z0-9.]", "", entry.text.upper()).strip(".")
        return self.at(plan, entry, f"Ref '{entry.text}' is not of the form 1.2, 1.2.3 or A5.1.", action=action,
                       suggestion=cleaned if ref_key(cleaned) else "Use numbers separated by dots.")


class NumericRef(Rule):
    """SIP204: Ref stored as a number (Excel turns 4.10 into 4.1)."""

    code, severity = "SIP204", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        last_key: dict[int | None, tuple[str, tuple[int, ...]]] = {}  # priority -> the ref key seen last
        for action in plan.actions:
            entry = action.fields.get("ref")
            if (entry is not None and isinstance(entry.value, (int, float)) and not isinstance(entry.value, bool)
                    and "." in entry.text):
                yield self.at(plan, entry, f"Ref {entry.text} is stored as a number, and Excel drops trailing "
                              f"zeros from numbers: 4.10 becomes 4.1. It may not be the ref that was typed.",
                              action=action, suggestion=_next_ref(last_key.get(action.priority))
                              or "Format the cell as Text and retype the ref.")
            key = action.ref_key
            if key:
                last_key[action.priority] = key


def _next_ref(key: tuple[str, tuple[int, ...]] | None) -> str:
    """The ref that follows ``key`` in sequence, e.g. 4.10 after 4.9; empty for a one-part ref or none."""
    if key is None or len(key[1]) < 2:
        return ""
    prefix, numbers = key
    return f"{prefix}{'.'.join(map(str, numbers[:-1]))}.{numbers[-1] + 1}"


class RefSequence(Rule):
    """SIP205: Refs out of sequence within a priority or section."""

    code, severity = "SIP205", WARNING

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        previous: dict[tuple[int | None, str | None, str], tuple[tuple[int, ...], Action]] = {}
        for action in plan.actions:
            key = action.ref_key
            if key is None or isinstance(action.fields["ref"].value, float):
                continue  # malformed and numeric refs have their own rules
            prefix, numbers = key
            group = (action.priority, action.section, prefix)
            if group in previous and numbers <= previous[group][0]:
                before = previous[group][1]
                yield self.at(plan, action.fields["ref"], f"Ref {action.ref} comes after {before.ref} "
                              f"({before.fields['ref'].cell}), out of order.", action=action,
                              suggestion="Renumber, or move the row to its place.")
            previous[group] = (numbers, action)
