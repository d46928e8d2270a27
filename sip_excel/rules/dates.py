"""SIP3xx: start and end dates."""
from __future__ import annotations

import datetime as dt

from ..dates import PlanDate, day_label
from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan
from .base import BLANK, FILLED, ActionRule, Context, FieldRule

DATE_FIELDS = ("start", "end")
NAMES = {"start": "start date", "end": "end date"}
FAR = dt.timedelta(days=366)


def _plausible(date: PlanDate | None) -> bool:
    return date is not None and date.plausible


class MissingDate(FieldRule):
    """SIP301: Start or end date missing."""

    code, severity, fields, cells = "SIP301", WARNING, DATE_FIELDS, BLANK

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding:
        return self.at(plan, entry, f"Action {action.label} has no {NAMES[name]}.", action=action,
                       suggestion=f"Enter the {NAMES[name]} as a date, e.g. Jun-17 or 30/06/2017.")


class UnrecognisedDate(FieldRule):
    """SIP302: Date not recognised, or implausible (such as 1, which Excel reads as 1900)."""

    code, severity, fields, cells = "SIP302", ERROR, DATE_FIELDS, FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        date = action.date(name)
        if date is None:
            return self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' is not a date the tool recognises.",
                           action=action, suggestion="Enter it as a date, e.g. Jun-17 or 30/06/2017.")
        if not date.plausible:
            return self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' reads as {date}, which cannot be "
                           "meant (Excel treats a bare number as a day counted from 1900).", action=action,
                           suggestion="Enter the real date, e.g. Jun-17 or 30/06/2017.")
        return None


class TextDate(FieldRule):
    """SIP303: Date typed as text, so Excel cannot sort or filter it."""

    code, severity, fields, cells = "SIP303", WARNING, DATE_FIELDS, FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        date = action.date(name)
        if date is None or date.source != "text" or not date.plausible:
            return None
        shown = date.value.strftime("%b-%y") if date.precision == "month" else date.value.strftime("%d/%m/%Y")
        return self.at(plan, entry, f"The {NAMES[name]} '{entry.text}' is text, which Excel cannot sort or "
                       f"filter; it reads as {date}.", action=action, suggestion=f"Retype it as the date {shown}.")


class EndBeforeStart(ActionRule):
    """SIP304: End date before start date."""

    code, severity = "SIP304", ERROR

    def check_action(self, plan: Plan, action: Action, context: Context) -> Finding | None:
        if _plausible(action.start) and _plausible(action.end) and action.end.last_day < action.start.value:
            return self.at(plan, action.fields["end"], f"Action {action.label} ends ({action.end}) before it "
                           f"starts ({action.start}).", action=action,
                           suggestion="Check both dates: often the year of the end date is wrong.")
        return None


class OutsidePlanPeriod(FieldRule):
    """SIP305: Date more than a year outside the plan period."""

    code, severity, fields, cells = "SIP305", WARNING, DATE_FIELDS, FILLED

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        config = context.config
        return super().check(plan, context) if config.plan_start and config.plan_end else []

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        config, date = context.config, action.date(name)
        if _plausible(date) and (date.last_day < config.plan_start - FAR or date.value > config.plan_end + FAR):
            return self.at(plan, entry, f"The {NAMES[name]} {date} is more than a year outside the plan period "
                           f"({config.plan_start:%b %Y} to {config.plan_end:%b %Y}).", action=action,
                           suggestion="Check the year.")
        return None


class Overdue(ActionRule):
    """SIP306: Overdue: the end date has passed and the action is not complete."""

    code, severity = "SIP306", WARNING

    def check_action(self, plan: Plan, action: Action, context: Context) -> Finding | None:
        if not action.is_overdue(context.today):
            return None
        end = action.end
        meaning = f" (the whole of {end}, so due by {day_label(end.last_day)})" if end.precision == "month" else ""
        return self.at(plan, action.fields["end"], f"Action {action.label} was due {end}{meaning} and is not "
                       f"complete at {context.as_of}.", action=action,
                       suggestion="Mark it Blue if done, or agree a new end date and say why in Comments.")
