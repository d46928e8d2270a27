"""SIP4xx: BRAG status."""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan
from .base import ActionRule, Context, FieldRule


def _spelling(text: str, context: Context) -> str:
    """The accepted spelling a RAG text contains: 'c Completed' -> 'Completed', ' green' -> 'Green'."""
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in context.config.brag:
            return word.capitalize()
    return ""


class MissingRag(FieldRule):
    """SIP401: RAG status missing."""

    code, severity, field = "SIP401", ERROR, "rag"

    def check_entry(self, plan: Plan, action: Action, entry: Entry, context: Context) -> Iterator[Finding]:
        if entry.is_blank:
            yield self.at(plan, entry, f"Action {action.label} has no RAG status.", action=action,
                          suggestion="Choose Blue (complete), Red, Amber or Green.")


class NotBrag(FieldRule):
    """SIP402: RAG status is not a BRAG value."""

    code, severity, field = "SIP402", ERROR, "rag"

    def check_entry(self, plan: Plan, action: Action, entry: Entry, context: Context) -> Iterator[Finding]:
        if not entry.is_blank and action.status is None:
            yield self.at(plan, entry, f"'{entry.text}' is not a BRAG status.", action=action,
                          suggestion="Choose Blue (complete), Red, Amber or Green.")


class NonStandardRag(FieldRule):
    """SIP403: RAG status spelt in a non-standard way."""

    code, severity, field = "SIP403", WARNING, "rag"

    def check_entry(self, plan: Plan, action: Action, entry: Entry, context: Context) -> Iterator[Finding]:
        if action.status is None or not isinstance(entry.value, str):
            return
        written = entry.value
        if written.strip().lower() in context.config.standard_spellings and written == written.strip() and written[:1].isupper():
            return
        fix = _spelling(written, context) or action.status
        yield self.at(plan, entry, f"'{written}' is read as {action.status}, but is not a standard spelling, so "
                      "filters and counts in Excel will miss it.", action=action, suggestion=fix)


class GreenButOverdue(ActionRule):
    """SIP404: Green although overdue: Green means no barriers to finishing on time."""

    code, severity = "SIP404", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        if action.status == "Green" and action.is_overdue(context.today):
            yield self.at(plan, action.fields["rag"], f"Action {action.label} is Green but was due {action.end}.",
                          action=action, suggestion="Amber (more work needed), or Blue if it is complete.")
