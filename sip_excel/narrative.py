"""The report's sentences about the figures (completion, BRAG, overdue, sections, direction of travel),
each built from :mod:`sip_excel.committee.sentences` so that every count agrees with its noun and verb."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from .committee.sentences import capital, count, join, long_date, number, verb
from .rollup import Rollup
from .travel import Travel

# Every status the roll-up counts but Blue: a plan's own statuses ("On hold") included, whatever the model has.
# How a sentence names an action's status: "two are complete", "one is at amber".
STATUS_WORDS = {"Blue": "complete", "Red": "red", "Amber": "at amber", "Green": "at green",
                "Unrated": "without a rating"}


def status_phrase(status: str) -> str:
    """'at amber', 'without a rating'; a status of the plan's own as it is called ('on hold')."""
    return STATUS_WORDS.get(status, status.lower())

__all__ = ["number", "completion_sentence", "brag_sentence", "red_sentence", "amber_sentence", "overdue_sentence",
           "status_sentence", "travel_sentences", "travel_intro"]


def completion_sentence(rollup: Rollup) -> str:
    """'Of the 113 actions, 54 are complete (48%).', 'None of the 12 actions is complete yet.'"""
    total, blue = rollup.count("Total"), rollup.count("Blue")
    if total == 0:
        return "The plan has no actions yet."
    if total == 1:
        return "The plan's one action is complete." if blue else "The plan's one action is not complete yet."
    if blue == total:
        return "Both actions are complete." if total == 2 else f"All {number(total)} actions are complete."
    if blue == 0:
        return f"None of the {number(total)} actions is complete yet."
    return f"Of the {number(total)} actions, {number(blue)} {verb(blue, 'is', 'are')} complete " \
           f"({rollup.totals['% complete']}%)."


def brag_sentence(rollup: Rollup) -> str:
    """'Of the 59 actions still open, there are no red ratings, five at amber and the rest at green.'"""
    counts = {status: rollup.count(status) for status in rollup.open_statuses}
    red, amber, green = counts.get("Red", 0), counts.get("Amber", 0), counts.get("Green", 0)
    others = {status: n for status, n in counts.items() if status not in ("Red", "Amber", "Green") and n}
    open_actions = sum(counts.values())
    if rollup.count("Total") == 0:
        return ""
    if open_actions == 0:
        return "Every action is complete."
    if open_actions == 1:
        return f"The one action still open is {status_phrase(next(s for s, n in counts.items() if n))}."
    reds = count(red, "red rating")
    ambers = f"{number(amber, 'none')} at amber"
    if not others and green and (red or amber):
        greens = "the rest at green"
    else:
        greens = f"{number(green, 'none')} at green"
    rest = [f"{number(n)} {status_phrase(status)}" for status, n in others.items()]
    return f"Of the {number(open_actions)} actions still open, there {verb(red, 'is', 'are')} " \
           f"{join([reds, ambers, greens, *rest])}."


def red_sentence(rollup: Rollup) -> str:
    """'No action is rated red.', 'Two actions are rated red.' (nothing for a plan with no actions yet)."""
    red = rollup.count("Red")
    if rollup.count("Total") == 0:
        return ""
    return "No action is rated red." if red == 0 else f"{capital(count(red, 'action'))} {verb(red, 'is', 'are')} " \
                                                      "rated red."


def amber_sentence(amber_not_yet_due: int, rollup: Rollup) -> str:
    """Only when most open actions are amber and most of those are not yet due."""
    amber = rollup.count("Amber")
    open_actions = sum(rollup.count(s) for s in rollup.open_statuses)
    if amber * 2 > open_actions and amber_not_yet_due * 2 > amber:
        return "Most actions are amber because their planned completion dates have not yet been reached."
    return ""


def overdue_sentence(rollup: Rollup, as_of: dt.date) -> str:
    """'At 31 August 2017, 15 actions are past their end date and not complete.'"""
    overdue = rollup.count("Overdue")
    open_actions = sum(rollup.count(s) for s in rollup.open_statuses)
    if overdue == 0:
        return f"No action is past its end date at {long_date(as_of)}." if open_actions else ""
    if overdue == open_actions and overdue > 1:
        return f"At {long_date(as_of)}, all {number(overdue)} open actions are past their end date."
    return f"At {long_date(as_of)}, {count(overdue, 'action')} {verb(overdue, 'is', 'are')} past " \
           f"{verb(overdue, 'its', 'their')} end date and not complete."


def status_sentence(counts: Mapping[str, int], whose: str = "its") -> str:
    """A group's actions by status: 'Of its three actions, two are complete and one is at green.'"""
    total = sum(counts.values())
    if total == 0:
        return capital(f"{whose} actions are not written yet.")
    if total == 1:
        status = next(s for s, n in counts.items() if n)
        return capital(f"{whose} one action is {status_phrase(status)}.")
    if counts.get("Blue", 0) == total:
        return capital(f"{'both' if total == 2 else f'all {number(total)}'} of {whose} actions are complete.")
    parts = [f"{number(n)} {verb(n, 'is', 'are')} {status_phrase(status)}"
             for status, n in counts.items() if n]
    return f"Of {whose} {number(total)} actions, {join(parts)}."


def travel_intro(travel: Travel, as_of: dt.date) -> str:
    """'Since the last report (30 June 2017):', or the previous version when its date is unknown or not earlier."""
    if travel.previous_as_of and travel.previous_as_of < as_of:
        return f"Since the last report ({long_date(travel.previous_as_of)}):"
    return "Since the previous version of the plan:"


def travel_sentences(travel: Travel, name: Callable[[object], str]) -> list[str]:
    """One sentence per kind of change, naming its actions; the groups do not overlap (a completion is not
    also a status change). ``name`` says how an action is named ('1.5', or 'P5 1.1' where refs repeat)."""
    sentences = []
    if travel.completed:
        n = len(travel.completed)
        sentences.append(f"{capital(count(n, 'action'))} {verb(n, 'was', 'were')} completed: "
                         f"{join([name(a) for a in travel.completed])}.")
    moves: dict[tuple[str, str], list[str]] = {}
    for change in travel.moved:
        moves.setdefault((change.before, change.after), []).append(name(change.action))
    for (before, after), names in moves.items():
        sentences.append(f"{capital(count(len(names), 'action'))} moved from {before} to {after}: {join(names)}.")
    if travel.slipped:
        n = len(travel.slipped)
        sentences.append(f"{capital(count(n, 'end date'))} slipped: "
                         f"{join([f'{name(s.action)} by {s.description}' for s in travel.slipped])}.")
    for group, what in ((travel.added, "added"), (travel.removed, "removed")):
        if group:
            n = len(group)
            sentences.append(f"{capital(count(n, 'action'))} {verb(n, 'was', 'were')} {what}: "
                             f"{join([name(a) for a in group])}.")
    if not sentences:
        sentences.append("No action changed status, no end date slipped, and no action was added or removed.")
    return sentences
