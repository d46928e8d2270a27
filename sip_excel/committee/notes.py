"""What the author is told beside the report and never inside it: data quality, and the settings to check."""
from __future__ import annotations

import datetime as dt

from ..dates import parse_date
from ..model import Plan
from .context import ReportInputs, missing_header_fields
from .sentences import count, join, long_date


def quality_line(inputs: ReportInputs) -> str:
    """One line with the counts: the plan's own problems are the officer's business, not the Members'."""
    counts = inputs.validation.by_severity
    if not inputs.validation.findings:
        return "The plan passed every validation check."
    return (f"The plan has {join([count(counts['error'], 'error'), count(counts['warning'], 'warning')])}; "
            "'sip-excel validate' (or Validate in Excel) lists them by cell. They are not in the report.")


def plan_period(inputs: ReportInputs) -> tuple[dt.date, dt.date, bool] | None:
    """The plan's period, and whether the plan gives it: Settings' Plan start and Plan end, else the title block's
    Duration ("April 2017 to March 2018"); else (False) the span of its actions' dates, from the earliest start to
    the latest end."""
    config = inputs.config
    if config.plan_start and config.plan_end:
        return config.plan_start, config.plan_end, True
    given = _duration(inputs.plan.title.get("Duration", ""))
    if given:
        return (*given, True)
    span = _dates_span(inputs.plan)
    return (*span, False) if span else None


def _duration(text: str) -> tuple[dt.date, dt.date] | None:
    start, _, end = text.partition(" to ")
    first, last = parse_date(start.strip()), parse_date(end.strip())
    if first is None or last is None or not (first.plausible and last.plausible):
        return None
    return first.value, last.last_day


def _dates_span(plan: Plan) -> tuple[dt.date, dt.date] | None:
    days = [d.value for d in plan.table.starts if d is not None and d.plausible]
    ends = [d.last_day for d in plan.table.ends if d is not None and d.plausible]
    if not ends:
        return None
    return min(days + ends), max(ends)


def missing_settings_note(missing: list[str]) -> str:
    """'Settings do not give the report's Report of: the header shows [Report of] to fill in (or add it to the
    Settings sheet).'"""
    return (f"Settings do not give the report's {join([m.strip('[]') for m in missing])}: the header shows "
            f"{join(missing)} to fill in (or add {'it' if len(missing) == 1 else 'them'} to the Settings sheet).")


def warnings(inputs: ReportInputs) -> list[str]:
    """The settings the author should check before sending the report, each in one line."""
    notes = []
    missing = missing_header_fields(inputs.config.report)
    if missing:
        notes.append(missing_settings_note(missing))
    as_of, period = inputs.rollup.as_of, plan_period(inputs)
    if period and not period[0] <= as_of <= period[1]:
        start, end, given = period
        source = "the as-of date given" if inputs.config.as_of else "today's date, as no as-of date is set"
        span = f"{long_date(start)} to {long_date(end)}"
        outside = f"the plan period ({span})" if given else f"its actions' dates ({span}; the plan gives no period " \
                                                             "of its own)"
        notes.append(f"The report is at {long_date(as_of)} ({source}), outside {outside}. Set the As of date in "
                     "Settings, or give --as-of.")
    if inputs.travel is not None and (note := previous_order_note(inputs.travel.previous_as_of, as_of, "report")):
        notes.append(note)
    return notes


def previous_order_note(previous_as_of: dt.date | None, as_of: dt.date, document: str) -> str | None:
    """The line for the author when the --previous copy is not earlier than this one (the same file given twice,
    or the two the wrong way round); None when it is earlier, or its date is unknown."""
    if previous_as_of is None or previous_as_of < as_of:
        return None
    return (f"The previous copy is at {long_date(previous_as_of)}, which is not earlier than this one "
            f"({long_date(as_of)}), so the {document} says \"since the previous version of the plan\". Check that "
            "--previous names the earlier copy.")
