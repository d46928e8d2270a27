"""SIP3xx: start and end dates."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..dates import PlanDate
from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan
from .base import ActionRule, Context

DATE_FIELDS = ("start", "end")
NAMES = {"start": "start date", "end": "end date"}
FAR = dt.timedelta(days=366)


def _dated_entries(action: Action) -> Iterator[tuple[str, Entry, PlanDate | None]]:
    for name in DATE_FIELDS:
        entry = action.entry(name)
        if entry is not None and not entry.is_blank:
            yield name, entry, getattr(action, name)


def _plausible(date: PlanDate | None) -> bool:
    return date is not None and date.plausible


class MissingDate(ActionRule):
    """SIP301: Start or end date missing."""

    code, severity = "SIP301", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        for name in DATE_FIELDS:
            entry = action.entry(name)
            if entry is not None and entry.is_blank:
                yield self.at(plan, entry, f"Action {action.label} has no {NAMES[name]}.", action=action,
                              suggestion=f"Enter the {NAMES[name]} as a date, e.g. Jun-17 or 30/06/2017.")


class UnrecognisedDate(ActionRule):
    """SIP302: Date not recognised, or implausible (such as 1, which Excel reads as 1900)."""

    code, severity = "SIP302", ERROR

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        for name, entry, date in _dated_entries(action):
            if date is None:
                yield self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' is not a date the tool recognises.",
                              action=action, suggestion="Enter it as a date, e.g. Jun-17 or 30/06/2017.")
            elif not _plausible(date):
                yield self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' reads as {date}, which cannot be "
                              "meant (Excel treats a bare number as a day counted from 1900).", action=action,
                              suggestion="Enter the real date, e.g. Jun-17 or 30/06/2017.")


class TextDate(ActionRule):
    """SIP303: Date typed as text, so Excel cannot sort or filter it."""

    code, severity = "SIP303", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        for name, entry, date in _dated_entries(action):
            if date is not None and date.source == "text" and _plausible(date):
                shown = date.value.strftime("%b-%y") if date.precision == "month" else date.value.strftime("%d/%m/%Y")
                yield self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' is text, which Excel cannot sort or "
                              f"filter; it reads as {date}.", action=action,
                              suggestion=f"Retype it as the date {shown}.")


class EndBeforeStart(ActionRule):
    """SIP304: End date before start date."""

    code, severity = "SIP304", ERROR

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        if _plausible(action.start) and _plausible(action.end) and action.end.last_day < action.start.value:
            yield self.at(plan, action.fields["end"], f"Action {action.label} ends ({action.end}) before it starts "
                          f"({action.start}).", action=action,
                          suggestion="Check both dates: often the year of the end date is wrong.")


class OutsidePlanPeriod(ActionRule):
    """SIP305: Date more than a year outside the plan period."""

    code, severity = "SIP305", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        config = context.config
        if not (config.plan_start and config.plan_end):
            return
        for name, entry, date in _dated_entries(action):
            if _plausible(date) and (date.last_day < config.plan_start - FAR or date.value > config.plan_end + FAR):
                yield self.at(plan, entry, f"The {NAMES[name]} {date} is more than a year outside the plan period "
                              f"({config.plan_start:%b %Y} to {config.plan_end:%b %Y}).", action=action,
                              suggestion="Check the year.")


class Overdue(ActionRule):
    """SIP306: Overdue: the end date has passed and the action is not complete."""

    code, severity = "SIP306", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Iterator[Finding]:
        if action.is_overdue(context.today):
            end = action.end
            meaning = f" (the whole of {end}, so due by {end.last_day:%d %b %Y})" if end.precision == "month" else ""
            yield self.at(plan, action.fields["end"], f"Action {action.label} was due {end}{meaning} and is not "
                          f"complete at {context.today:%d %b %Y}.", action=action,
                          suggestion="Mark it Blue if done, or agree a new end date and say why in Comments.")

