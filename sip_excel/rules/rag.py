"""SIP4xx: BRAG status."""
from __future__ import annotations

import re

from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan
from .base import BLANK, FILLED, ActionRule, Context, FieldRule


def _spelling(text: str, context: Context) -> str:
    """The accepted spelling a RAG text contains: 'c Completed' -> 'Completed', ' green' -> 'Green'."""
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in context.config.brag:
            return word.capitalize()
    return ""


class MissingRag(FieldRule):
    """SIP401: RAG status missing."""

    code, severity, fields, cells = "SIP401", ERROR, ("rag",), BLANK

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding:
        return self.at(plan, entry, f"Action {action.label} has no RAG status.", action=action,
                       suggestion="Choose Blue (complete), Red, Amber or Green.")


class NotBrag(FieldRule):
    """SIP402: RAG status is not a BRAG value."""

    code, severity, fields, cells = "SIP402", ERROR, ("rag",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if action.status is not None:
            return None
        return self.at(plan, entry, f"'{entry.text}' is not a BRAG status.", action=action,
                       suggestion="Choose Blue (complete), Red, Amber or Green.")


class NonStandardRag(FieldRule):
    """SIP403: RAG status spelt in a non-standard way."""

    code, severity, fields, cells = "SIP403", WARNING, ("rag",), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        written = entry.value
        if action.status is None or not isinstance(written, str) or _is_standard(written, context):
            return None
        fix = _spelling(written, context) or action.status
        return self.at(plan, entry, f"'{written}' is read as {action.status}, but is not a standard spelling, so "
                       "filters and counts in Excel will miss it.", action=action, suggestion=fix)


def _is_standard(written: str, context: Context) -> bool:
    """True for an accepted spelling with nothing around it and a capital first letter ('Green', not ' green')."""
    return written.strip().lower() in context.config.standard_spellings and written == written.strip() \
        and written[:1].isupper()


class GreenButOverdue(ActionRule):
    """SIP404: Green although overdue: Green means no barriers to finishing on time."""

    code, severity = "SIP404", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Finding | None:
        if action.status == "Green" and action.is_overdue(context.today):
            return self.at(plan, action.fields["rag"], f"Action {action.label} is Green but was due {action.end}.",
                           action=action, suggestion="Amber (more work needed), or Blue if it is complete.")
        return None
