"""Sentences for the committee report, made from the roll-up's figures in plain English."""
from __future__ import annotations

import datetime as dt

from .rollup import Rollup
from .travel import Travel
from .validate import Report

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def number(n: int) -> str:
    """Numbers up to ten in words, as committee papers write them; larger ones in figures."""
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


def plural(n: int, singular: str, many: str | None = None) -> str:
    return f"{number(n)} {singular if n == 1 else (many or singular + 's')}"


def join(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = [p for p in parts if p]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1] if parts else ""


def completion_sentence(rollup: Rollup) -> str:
    total, blue = rollup.count("Total"), rollup.count("Blue")
    if total == 0:
        return "The plan has no actions yet."
    return f"Of the {total} actions, {blue if blue > 10 else number(blue)} {'is' if blue == 1 else 'are'} " \
           f"complete ({rollup.totals['% complete']}%)."


def brag_sentence(rollup: Rollup) -> str:
    """'Of the 62 actions still open, there are no red ratings, five at amber and the rest at green.'"""
    red, amber, green, unrated = (rollup.count(s) for s in ("Red", "Amber", "Green", "Unrated"))
    open_actions = red + amber + green + unrated
    if open_actions == 0:
        return "Every action is complete."
    reds = "no red ratings" if red == 0 else plural(red, "red rating")
    ambers = f"{number(amber) if amber else 'none'} at amber"
    if unrated == 0 and green > 0 and (red or amber):
        greens = "the rest at green"
    else:
        greens = f"{number(green) if green else 'none'} at green"
    unrated_part = f"{number(unrated)} without a rating" if unrated else ""
    subject = "action still open" if open_actions == 1 else "actions still open"
    return f"Of the {number(open_actions) if open_actions <= 10 else open_actions} {subject}, there " \
           f"{'is' if red == 1 and not (amber or green or unrated) else 'are'} {join([reds, ambers, greens, unrated_part])}."


def amber_sentence(amber_not_yet_due: int, rollup: Rollup) -> str:
    """Only when most open actions are amber and most of those are not yet due."""
    amber = rollup.count("Amber")
    open_actions = sum(rollup.count(s) for s in ("Red", "Amber", "Green", "Unrated"))
    if amber * 2 > open_actions and amber_not_yet_due * 2 > amber:
        return "Most actions are amber because their planned completion dates have not yet been reached."
    return ""


def overdue_sentence(rollup: Rollup, as_of: dt.date) -> str:
    overdue = rollup.count("Overdue")
    if overdue == 0:
        return f"No action is past its end date at {as_of:%d %B %Y}."
    verb = "is" if overdue == 1 else "are"
    return f"At {as_of:%d %B %Y}, {plural(overdue, 'action')} {verb} past {'its' if overdue == 1 else 'their'} " \
           f"end date and not complete; {'it is' if overdue == 1 else 'they are'} listed below."


def travel_sentence(travel: Travel | None) -> str:
    if travel is None:
        return ""
    since = f"Since the last report ({travel.previous_as_of:%d %B %Y})" if travel.previous_as_of else \
        "Since the previous version of the plan"
    parts = [
        f"{plural(len(travel.completed), 'action')} {'has' if len(travel.completed) == 1 else 'have'} been completed",
        f"{plural(len(travel.changes), 'action')} changed status" if travel.changes else "",
        f"{plural(len(travel.slipped), 'end date')} slipped" if travel.slipped else "",
        f"{plural(len(travel.added), 'action')} {'was' if len(travel.added) == 1 else 'were'} added"
        if travel.added else "",
        f"{plural(len(travel.removed), 'action')} {'was' if len(travel.removed) == 1 else 'were'} removed"
        if travel.removed else "",
    ]
    return f"{since}, {join(parts)}."


def validation_sentence(report: Report) -> str:
    counts = report.by_severity
    if not report.findings:
        return "The plan passed every validation check."
    return f"Validation found {join([plural(counts['error'], 'error'), plural(counts['warning'], 'warning')])} " \
           "in the plan; run Validate in Excel, or sip-excel validate, for the list by cell."
