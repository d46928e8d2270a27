"""The report's context: one typed field per template placeholder, and the pure choosers that fill the lists."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from ..config import Config, ReportMeta
from ..model import Action, Plan
from ..names import has_priorities, namer
from ..narrative import amber_sentence, brag_sentence, completion_sentence, overdue_sentence, red_sentence, \
    status_phrase, status_sentence, travel_intro, travel_sentences
from ..rollup import COUNT_COLUMNS, STALE_CODES, Rollup, status_label
from ..rules.comments import PLACEHOLDERS, not_complete, said_of_past_month
from ..rules.people import INITIALS, judge_officers
from ..travel import Travel
from ..validate import Report
from .sentences import as_sentence, capital, clean, count, join, long_date, plan_date, verb, without_stop

MAX_ACHIEVEMENTS = 10
# Placeholders shown in the header when Settings does not say; the author fills them in Word.
MISSING = {"committee": "[Committee]", "meeting_date": "[Meeting date]", "report_of": "[Report of]",
           "author": "[Report author]"}
# "Update: As above." is still a placeholder once its "Update:" is set aside.
_UPDATE_PREFIX = re.compile(r"^\s*(?:update[sd]?|progress)\s*[:\-]\s*", re.I)
_POINTS_UP = re.compile(r"^\s*(?:update[sd]?\s*[:\-]\s*)?(?:as above|see above|same as above|ditto)\s*[.!]*\s*$",
                        re.I)


@dataclass
class ReportInputs:
    """Everything the report is made from."""

    plan: Plan
    config: Config
    validation: Report
    rollup: Rollup
    travel: Travel | None = None


@dataclass
class ReportContext:
    """The template's placeholders, one field each (the template may use any of them, and no other)."""

    committee: str
    meeting_date: str
    subject: str
    public: str
    report_of: str
    author: str
    author_role: str
    author_telephone: str
    author_email: str
    plan_name: str
    as_of: str
    summary: str
    main_paragraphs: list[str]
    by_priority: bool
    group_kind: str  # what the plan calls its groups ('Priority', 'Theme'), for the roll-up table
    rollup_rows: list[dict[str, Any]]
    achievements_intro: str
    achievements: list[str]
    achievements_more: str
    challenges: list[str]
    travel_intro: str
    travel: list[str]
    sections_heading: str
    sections_intro: str
    sections: list[dict[str, str]]
    overdue: list[str]
    overdue_none: str  # what to say when ``overdue`` is empty: that no action is, or that none can be shown
    stale: list[str]
    stale_none: str  # likewise for ``stale``
    appendix: str = ""  # where the plan goes: a token that the appendix replaces after rendering
    chart: Any = None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# ------------------------------------------------------------------ naming actions

def action_text(action: Action) -> str:
    """What the action is, for a sentence: its Action cell, or its measure or aim when that is empty."""
    for name in ("action", "measure", "aim"):
        text = clean(action.text(name))
        if text:
            return text
    return ""


def with_label(text: str, label: str) -> str:
    """'Publish the leaflet (1.5).': the whole text as a sentence, with the ref in brackets before the stop."""
    return f"{without_stop(text)} ({label})." if label else as_sentence(text)


# ------------------------------------------------------------------ choosers (pure)

def period_start(as_of: dt.date, months: int) -> dt.date:
    """The day before the reporting period starts: ``months`` back from the as-of date (31 May for 31 August)."""
    month = as_of.month - months
    year = as_of.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(as_of.day, calendar.monthrange(year, month)[1]))


def completed_in_period(plan: Plan, as_of: dt.date, months: int, travel: Travel | None) -> list[Action]:
    """With a previous copy, the actions completed since it; without, the complete actions whose end date falls
    within the reporting period."""
    if travel is not None:
        return list(travel.completed)
    start = period_start(as_of, months)
    return [a for a in plan.actions if a.is_complete and a.end is not None and a.end.plausible
            and start < a.end.last_day <= as_of]


def achievement_items(actions: list[Action], name: Callable[[Action], str]) -> tuple[list[str], str]:
    """The first ten as whole sentences (an action with no text at all is not an empty bullet), and 'And N more
    (Appendix 1).' for the rest, so that the list and the count above it agree."""
    items = [with_label(text, name(a)) for a in actions if (text := action_text(a))][:MAX_ACHIEVEMENTS]
    more = len(actions) - len(items)
    return items, f"And {count(more, 'more', 'more')} (Appendix 1)." if more else ""


def is_placeholder(comment: str) -> bool:
    """'As above', 'see above', 'To be added', 'Update: As above.': no progress of its own."""
    return bool(PLACEHOLDERS.match(comment) or PLACEHOLDERS.match(_UPDATE_PREFIX.sub("", comment)))


def latest_comment(plan: Plan, index: int) -> str:
    """The action's progress comment, with 'As above' replaced by the comment it points to: the nearest action
    above in the same priority and section with a real comment. Left empty when that is not clear (no such
    action, or a placeholder that points nowhere, such as 'To be added')."""
    actions = plan.actions
    comment = clean(actions[index].text("comments"))
    if not comment or not is_placeholder(comment):
        return comment
    here = actions[index]
    j = index
    while _POINTS_UP.match(comment) and j > 0:
        j -= 1
        above = actions[j]
        if (above.priority, above.section) != (here.priority, here.section):
            return ""
        comment = clean(above.text("comments"))
        if comment and not is_placeholder(comment):
            return comment
    return ""


def lead_names(action: Action, config: Config) -> str:
    """The lead officer as Members read it: names from the Settings Officers list, else initials, else a name or
    a role as written ('HR Team' is never cut to 'HR'); anything that is not an officer ('TOTAL') is left out."""
    names = []
    listed = {o.name.lower(): o.name for o in config.officers.values() if o.name}
    for part in re.split(r"\s*[/,&+;]\s*|\s+and\s+", clean(action.text("lead_officer"))):
        words = part.split()
        if part.lower() in listed:  # 'Rachel Green' written out for RG
            names.append(listed[part.lower()])
        elif not config.officers and words and judge_officers(part, frozenset()) is None and (
                not any(map(_initials, words)) or _a_named_role(words)):
            # Without an Officers list, people write full names or roles ('Jo Smith', 'Head of Service',
            # 'HR Team'), which are what Members should read, whole. Initials beside a word in capitals
            # ('IA TOTAL') or a note ('RG tbc', 'JS interim') are the initials.
            names.append(part)
            continue
        for token in words:
            officer = config.officers.get(token)
            if officer is not None:
                names.append(officer.name or token)
            elif _initials(token) and not config.officers:
                names.append(token)
    return join(list(dict.fromkeys(names)))


_JOINING = frozenset({"of", "and", "for", "the", "&"})


def _initials(word: str) -> bool:
    """Initials as SIP502 knows them ('RG', 'RdP'), of two letters or more: a lone letter names no one to Members."""
    return len(word) > 1 and INITIALS.match(word) is not None


def _a_named_role(words: list[str]) -> bool:
    """True for initials-like letters in a name or a role ('HR Team', 'Head of HR'): every other word capitalised
    or one that joins a name's words, and at least one capitalised."""
    named = [w for w in words if not _initials(w)]
    return any(w[:1].isupper() and w[1:].islower() for w in named) and all(
        (w[:1].isupper() and w[1:].islower()) or w.lower() in _JOINING for w in named)


def challenge_items(plan: Plan, name: Callable[[Action], str]) -> list[str]:
    """Every red and amber action, with its latest progress (placeholders resolved or left out)."""
    items = []
    for i, action in enumerate(plan.actions):
        if action.status not in ("Red", "Amber") or not (text := action_text(action)):
            continue
        sentence = f"{without_stop(text)} ({name(action)}, {action.status.lower()})."
        comment = latest_comment(plan, i)
        items.append(f"{sentence} Latest progress: {as_sentence(comment)}" if comment else sentence)
    return items


def overdue_items(plan: Plan, as_of: dt.date, config: Config, name: Callable[[Action], str]) -> list[str]:
    """'Improve the template (3.4): due April 2017, at green, led by Ian Ashby.'"""
    items = []
    for action in plan.actions:
        if not action.is_overdue(as_of) or not (text := action_text(action)):
            continue
        lead = lead_names(action, config)
        due = plan_date(action.end, action.text("end"))
        items.append(f"{without_stop(text)} ({name(action)}): due {due}, "
                     f"{status_phrase(status_label(action))}{f', led by {lead}' if lead else ''}.")
    return items


def overdue_none(plan: Plan) -> str:
    """What the report says when no action is overdue: that none is, or, where the plan has no End date column,
    that none can be shown (not that none is)."""
    if "end" not in plan.table.columns:
        return "The plan has no end dates, so no action can be shown as overdue."
    return "No action is overdue."


def stale_none(plan: Plan) -> str:
    """What the report says when no progress comment is out of date: that every open action's is current, or
    that some open actions have none (SIP601), or that the plan has no comments to judge."""
    table = plan.table
    column = table.columns.get("comments")
    if column is None:
        return "The plan has no progress comments, so none can be shown as out of date."
    missing = len(not_complete(table, column.blank))  # as SIP601 finds them
    if missing:
        return (f"No progress comment is out of date, but {count(missing, 'open action')} "
                f"{verb(missing, 'has', 'have')} none.")
    return "Every open action has a current progress comment."


def stale_items(plan: Plan, validation: Report, config: Config, name: Callable[[Action], str]) -> list[str]:
    """Open actions whose progress comment is out of date, each once, saying why in the Members' terms: what the
    comment says of a month now past (SIP603, worked out as the rule works it out; said even where the comment
    is also old, SIP602), else how long it has stood."""
    flagged: dict[int, set[str]] = {}  # row -> the stale codes found there
    for finding in validation.findings:
        if finding.code in STALE_CODES:
            flagged.setdefault(finding.row, set()).add(finding.code)
    months = max(1, round(config.staleness_days / 30.4))
    items = []
    for action in plan.actions:
        rows = [action.row + 1, *(r + 1 for r in action.extra_rows)]
        codes = set().union(*(flagged[r] for r in rows if r in flagged))
        if not codes or not (text := action_text(action)):
            continue
        said = said_of_past_month(action.text("comments"), validation.as_of) if "SIP603" in codes else None
        reason = (f'its latest comment says "{clean(said[0])}", and {said[1]:%B %Y} has passed' if said else
                  f"its progress comment has not been updated for over {count(months, 'month')}")
        items.append(f"{without_stop(text)} ({name(action)}): {reason}.")
    return items


def section_aim(aims: list[str]) -> str:
    """A section's recommendation: its first aim, with the aims of the actions right below it that carry on its
    words. A long recommendation is often typed down the aim column, one row per line ("... health histories
    for", then "all care leavers" beside the next action): a line that starts in lower case, under one that does
    not end a sentence, goes on from it. A merged aim, copied down to each action it covers, is one line; a
    row with no aim ends it."""
    start = next((k for k, aim in enumerate(aims) if aim), None)
    if start is None:
        return ""
    title = line = aims[start]
    for following in aims[start + 1:]:
        if following == line:
            continue  # the same merged cell, copied down
        if not following[:1].islower() or title.endswith((".", "!", "?", ":", ";", ")")):
            break
        title, line = f"{title} {following}", following
    return title


def section_paragraphs(plan: Plan, as_of: dt.date) -> list[dict[str, str]]:
    """One paragraph per section of a divided priority (Priority 5's Ofsted recommendations): its recommendation
    (or heading), its counts, and the latest progress written in it."""
    paragraphs = []
    for priority in plan.priorities:
        for section in priority.sections:
            indices = [i for i, a in enumerate(plan.actions)
                       if a.priority == priority.number and a.section == section]
            counts = Counter(status_label(plan.actions[i]) for i in indices)
            ordered = {s: counts[s] for s in (*COUNT_COLUMNS, *counts) if counts[s]}
            progress = next((c for i in reversed(indices) if (c := latest_comment(plan, i))), "")
            aim = section_aim([clean(plan.actions[i].text("aim")) for i in indices])
            # The section's recommendation (its first aim) names it best; else its heading without "Section 3:".
            title = aim or re.sub(r"^Section \d+:\s*", "", section).strip()
            paragraphs.append({
                "title": as_sentence(title),
                "text": " ".join(s for s in (status_sentence(ordered),
                                             f"Latest progress: {as_sentence(progress)}" if progress else "") if s),
            })
    return paragraphs


def sections_intro(plan: Plan) -> str:
    """'Priority 5 is divided into eight sections; the progress of each follows.'"""
    divided = [p for p in plan.priorities if p.sections]
    if not divided:
        return ""
    if len(divided) == 1:
        return f"{divided[0].name} is divided into {count(len(divided[0].sections), 'section')}; the progress of " \
               "each follows."
    return f"{capital(count(len(divided), 'priority', 'priorities'))} are divided into sections; the progress of " \
           "each section follows."


def sections_heading(plan: Plan) -> str:
    """'Priority 5: progress by section' (the Ofsted recommendations), or 'Progress by section'."""
    divided = [p for p in plan.priorities if p.sections]
    return f"{divided[0].name}: progress by section" if len(divided) == 1 else "Progress by section"


# ------------------------------------------------------------------ header and settings

def header_fields(meta: ReportMeta) -> dict[str, str]:
    """The header's fields from Settings, with a marked placeholder ('[Committee]') for each one missing."""
    defaults = ReportMeta()
    values = {
        "committee": "" if meta.committee == defaults.committee else meta.committee,
        "meeting_date": long_date(meta.meeting_date),
        "report_of": meta.report_of, "author": meta.report_author,
    }
    return {key: clean(value) or MISSING[key] for key, value in values.items()}


def missing_header_fields(meta: ReportMeta) -> list[str]:
    """The header placeholders the author must fill in ('[Committee]', ...)."""
    return [MISSING[key] for key, value in header_fields(meta).items() if value == MISSING[key]]


def plan_name(meta: ReportMeta, plan: Plan) -> str:
    """Settings' Plan name, else the Name in the plan's title block, else 'Service Improvement Plan'."""
    if meta.plan_name != ReportMeta().plan_name:
        return clean(meta.plan_name)
    return clean(plan.title.get("Name", "")) or clean(meta.plan_name)


def group_kind(plan: Plan) -> str:
    """What the plan calls its groups: 'Priority', or the label of the column it is grouped by ('Theme')."""
    return clean(plan.priorities[0].kind) if plan.priorities else "Priority"


def group_count(plan: Plan) -> str:
    """'five priorities', or in the plan's own word for its groups: 'two themes', 'three categories'."""
    kind = group_kind(plan).lower()
    plural = kind[:-1] + "ies" if re.search(r"[^aeiou]y$", kind) else kind + "s"
    return count(len(plan.priorities), kind, plural)


def rollup_rows(rollup: Rollup) -> list[dict[str, Any]]:
    return [{"label": r["label"], "blue": r["Blue"], "red": r["Red"], "amber": r["Amber"], "green": r["Green"],
             "unrated": r["Unrated"], "total": r["Total"], "complete": r["% complete"], "overdue": r["Overdue"]}
            for r in rollup.table[rollup.table["level"] != "section"].to_dict(orient="records")]


# ------------------------------------------------------------------ the whole context

def build_context(inputs: ReportInputs) -> ReportContext:
    """Every placeholder of the template, from the plan, the roll-up and the settings (the chart is added when
    rendering)."""
    plan, config, rollup, travel = inputs.plan, inputs.config, inputs.rollup, inputs.travel
    meta, as_of = config.report, rollup.as_of
    name_of_plan = plan_name(meta, plan)
    name = namer(plan)
    grouped = has_priorities(plan)
    amber_not_yet_due = sum(1 for a in plan.actions if a.status == "Amber" and not a.is_overdue(as_of))
    figures = f"{completion_sentence(rollup)} {brag_sentence(rollup)}".strip()
    groups = (f"under {group_count(plan)}" if grouped else "")
    main = [
        f"The {name_of_plan} sets out specific aims, with their actions and measures"
        f"{' ' + groups if groups else ''}. This report gives its progress at {long_date(as_of)}.",
        figures,
        " ".join(s for s in (amber_sentence(amber_not_yet_due, rollup),
                             overdue_sentence(rollup, as_of) if "end" in plan.table.columns else "") if s),
    ]
    completed = completed_in_period(plan, as_of, config.reporting_period_months, travel)
    achievements, more = achievement_items(completed, name)
    if travel is not None:
        intro = travel_intro(travel, as_of).rstrip(":")
        achievements_intro = f"{intro}, {count(len(completed), 'action')} {verb(len(completed), 'was', 'were')} " \
                             "completed" + (":" if achievements else ".")
    else:
        start = period_start(as_of, config.reporting_period_months) + dt.timedelta(days=1)
        achievements_intro = (f"Between {long_date(start)} and {long_date(as_of)}, "
                              f"{count(len(completed), 'action')} due in the period "
                              f"{verb(len(completed), 'was', 'were')} completed" + (":" if achievements else "."))
    header = header_fields(meta)
    sections = section_paragraphs(plan, as_of)
    return ReportContext(
        **header, subject=clean(meta.subject), public=clean(meta.public), author_role=clean(meta.author_role),
        author_telephone=clean(meta.author_telephone), author_email=clean(meta.author_email),
        plan_name=name_of_plan, as_of=long_date(as_of),
        summary=f"This report updates Members on the progress of the {name_of_plan}, appended, at "
                f"{long_date(as_of)}. {completion_sentence(rollup)} {red_sentence(rollup)}".strip(),
        main_paragraphs=[capital(p) for p in main if p],
        by_priority=grouped, group_kind=group_kind(plan), rollup_rows=rollup_rows(rollup),
        achievements_intro=capital(achievements_intro), achievements=achievements, achievements_more=more,
        challenges=challenge_items(plan, name),
        travel_intro=travel_intro(travel, as_of) if travel else "",
        travel=travel_sentences(travel, name) if travel else [],
        sections_heading=sections_heading(plan),
        sections_intro=sections_intro(plan),
        sections=sections,
        overdue=overdue_items(plan, as_of, config, name), overdue_none=overdue_none(plan),
        stale=stale_items(plan, inputs.validation, config, name), stale_none=stale_none(plan),
    )
