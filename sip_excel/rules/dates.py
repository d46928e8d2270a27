"""SIP3xx: start and end dates."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..dates import PlanDate, day_label
from ..findings import ERROR, WARNING
from ..model import Column, Table
from .base import BLANK, FILLED, ActionRule, Context, FieldRule

DATE_FIELDS = ("start", "end")
NAMES = {"start": "start date", "end": "end date"}
FAR = dt.timedelta(days=366)


def dates_of(table: Table, column: Column) -> list[PlanDate | None]:
    """What each action's start or end cell means as a date."""
    return table.starts if column.name == "start" else table.ends


class MissingDate(FieldRule):
    """SIP301: Start or end date missing."""

    code, severity, fields, cells = "SIP301", WARNING, DATE_FIELDS, BLANK

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        name = NAMES[column.name]
        return f"Action {table.label(i)} has no {name}.", f"Enter the {name} as a date, e.g. Jun-17 or 30/06/2017."


class UnrecognisedDate(FieldRule):
    """SIP302: Date not recognised, or implausible (such as 1, which Excel reads as 1900)."""

    code, severity, fields, cells = "SIP302", ERROR, DATE_FIELDS, FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        dates = dates_of(table, column)
        return [i for i in shown if (date := dates[i]) is None or not date.plausible]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        date, name, text = dates_of(table, column)[i], NAMES[column.name], column.text(i)
        if date is None:
            return (f"The {name} '{text}' is not a date the tool recognises.",
                    "Enter it as a date, e.g. Jun-17 or 30/06/2017.")
        return (f"The {name} '{text}' reads as {date}, which cannot be meant (Excel treats a bare number as a day "
                "counted from 1900).", "Enter the real date, e.g. Jun-17 or 30/06/2017.")


class TextDate(FieldRule):
    """SIP303: Date typed as text, so Excel cannot sort or filter it."""

    code, severity, fields, cells = "SIP303", WARNING, DATE_FIELDS, FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        dates = dates_of(table, column)
        return [i for i in shown if (date := dates[i]) is not None and date.source == "text" and date.plausible]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        date = dates_of(table, column)[i]
        shown = date.value.strftime("%b-%y") if date.precision == "month" else date.value.strftime("%d/%m/%Y")
        return (f"The {NAMES[column.name]} '{column.text(i)}' is text, which Excel cannot sort or filter; it "
                f"reads as {date}.", f"Retype it as the date {shown}.")


class EndBeforeStart(ActionRule):
    """SIP304: End date before start date."""

    code, severity, field = "SIP304", ERROR, "end"

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        return [i for i, (start, end) in enumerate(zip(table.starts, table.ends))
                if start is not None and end is not None and end.last_day < start.value
                and start.plausible and end.plausible]

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        return (f"Action {table.label(i)} ends ({table.ends[i]}) before it starts ({table.starts[i]}).",
                "Check both dates: often the year of the end date is wrong.")


class OutsidePlanPeriod(FieldRule):
    """SIP305: Date more than a year outside the plan period."""

    code, severity, fields, cells = "SIP305", WARNING, DATE_FIELDS, FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        config = context.config
        if not (config.plan_start and config.plan_end):
            return []
        earliest, latest, dates = config.plan_start - FAR, config.plan_end + FAR, dates_of(table, column)
        return [i for i in shown if (date := dates[i]) is not None and date.plausible
                and (date.last_day < earliest or date.value > latest)]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        config = context.config
        return (f"The {NAMES[column.name]} {dates_of(table, column)[i]} is more than a year outside the plan "
                f"period ({config.plan_start:%b %Y} to {config.plan_end:%b %Y}).", "Check the year.")


class Overdue(ActionRule):
    """SIP306: Overdue: the end date has passed and the action is not complete."""

    code, severity, field = "SIP306", WARNING, "end"

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        return table.overdue(context.today)

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        end = table.ends[i]
        meaning = f" (the whole of {end}, so due by {day_label(end.last_day)})" if end.precision == "month" else ""
        return (f"Action {table.label(i)} was due {end}{meaning} and is not complete at {context.as_of}.",
                "Mark it Blue if done, or agree a new end date and say why in Comments.")
