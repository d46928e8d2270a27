"""The roll-up: BRAG counts, completion, overdue, stale comments and open errors per priority and section."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from .config import STATUSES
from .fields import UNCOLOURED, UNRATED
from .findings import ERROR
from .formatters import other_sheets
from .model import Action, Plan, Priority
from .names import namer
from .travel import Travel
from .validate import Report

STALE_CODES = ("SIP602", "SIP603")
LABEL_WIDTH = 48
# Every status the roll-up may count, in order. Not started and On hold (a meaning with no BRAG colour) get
# columns of their own only when a plan uses them; Rollup.statuses says which a table has.
COUNT_COLUMNS = [*STATUSES, *UNCOLOURED.values(), UNRATED]
COLUMNS = ["level", "priority", "section", "label", *COUNT_COLUMNS, "Total", "% complete", "Overdue",
           "Stale comments", "Open errors"]


@dataclass
class Rollup:
    """One row per priority, one per section of a divided priority, and a totals row."""

    table: pd.DataFrame
    as_of: dt.date
    group_kind: str = "Priority"  # what the plan calls its groups: Priority, or its Theme/Workstream column's label

    @property
    def priorities(self) -> pd.DataFrame:
        return self.table[self.table["level"] == "priority"]

    @property
    def totals(self) -> pd.Series:
        return self.table[self.table["level"] == "total"].iloc[0]

    @property
    def statuses(self) -> list[str]:
        """The statuses this roll-up counts, in order (BRAG, then Not started / On hold where used, Unrated)."""
        return [name for name in COUNT_COLUMNS if name in self.table.columns]

    @property
    def open_statuses(self) -> list[str]:
        """The statuses of actions not complete."""
        return [name for name in self.statuses if name != "Blue"]

    def count(self, column: str) -> int:
        """A figure from the totals row, e.g. count('Blue') (0 for a status the plan does not use)."""
        return int(self.totals.get(column, 0))


def status_label(action: Action) -> str:
    """How the roll-up and the report name an action's status: 'Amber', 'On hold', 'Unrated'."""
    return action.status or UNCOLOURED.get(action.meaning, UNRATED)


def actions_frame(plan: Plan, report: Report) -> pd.DataFrame:
    """One row per action with what the roll-up counts."""
    stale = {(f.priority, f.sheet, f.row) for f in report.findings if f.code in STALE_CODES}
    errors = pd.Series([(f.priority, f.row) for f in report.findings if f.severity == ERROR], dtype=object)
    error_rows = errors.value_counts().to_dict() if len(errors) else {}
    rows = []
    for action in plan.actions:
        action_rows = [action.row + 1, *(r + 1 for r in action.extra_rows)]
        rows.append({
            "priority": action.priority, "section": action.section or "", "ref": action.ref,
            "status": status_label(action),
            "overdue": action.is_overdue(report.as_of),
            "stale": any((action.priority, plan.sheet, r) in stale for r in action_rows),
            "errors": sum(error_rows.get((action.priority, r), 0) for r in action_rows),
        })
    return pd.DataFrame(rows, columns=["priority", "section", "ref", "status", "overdue", "stale", "errors"])


def _summarise(frame: pd.DataFrame, count_columns: list[str] = COUNT_COLUMNS) -> dict[str, object]:
    counts = frame["status"].value_counts()
    total = len(frame)
    summary: dict[str, object] = {name: int(counts.get(name, 0)) for name in count_columns}
    summary.update({
        "Total": total,
        "% complete": round(100 * summary["Blue"] / total) if total else 0,
        "Overdue": int(frame["overdue"].sum()), "Stale comments": int(frame["stale"].sum()),
        "Open errors": int(frame["errors"].sum()),
    })
    return summary


def group_label(plan: Plan, priority: Priority) -> str:
    """'Priority 1' for a plan of "Priority N: ..." headings (the long aim is the heading's, not the table's);
    'Theme 1: Housing' for a plan grouped by a column, whose number alone would not say which theme it is."""
    if plan.grouping == "column" and priority.title:
        return f"{priority.name}: {priority.title}"
    return priority.name


def rollup(plan: Plan, report: Report) -> Rollup:
    """Count the plan per priority (and per section where a priority is divided), with a totals row."""
    frame = actions_frame(plan, report)
    used = set(frame["status"])
    counted = [*STATUSES, *(name for name in UNCOLOURED.values() if name in used), UNRATED]
    columns = [*COLUMNS[:4], *counted, *COLUMNS[4 + len(COUNT_COLUMNS):]]
    rows = []
    for priority in plan.priorities:
        in_priority = frame[frame["priority"] == priority.number]
        label = group_label(plan, priority)
        rows.append({"level": "priority", "priority": priority.number, "section": "", "label": label,
                     **_summarise(in_priority, counted)})
        for section in priority.sections:
            rows.append({"level": "section", "priority": priority.number, "section": section,
                         "label": f"{label} - {section}",
                         **_summarise(in_priority[in_priority["section"] == section], counted)})
    outside = frame[frame["priority"].isna()]
    if len(outside):
        label = "Outside any priority" if plan.priorities else "All actions"
        rows.append({"level": "priority", "priority": None, "section": "", "label": label,
                     **_summarise(outside, counted)})
    rows.append({"level": "total", "priority": None, "section": "", "label": "Total", **_summarise(frame, counted)})
    kind = plan.priorities[0].kind if plan.grouping == "column" and plan.priorities else "Priority"
    return Rollup(table=pd.DataFrame(rows, columns=columns), as_of=report.as_of, group_kind=kind)


TRAVEL_COLUMNS = {"completed": "Completed since", "status": "Status changes", "slipped": "End dates slipped",
                  "added": "Added", "removed": "Removed"}


def travel_columns(table: pd.DataFrame, travel: Travel, plan: Plan) -> pd.DataFrame:
    """The roll-up with the direction of travel per priority: the actions of each kind of change, named as the
    report names them (the totals row has them all)."""
    from .grid import as_text

    name = namer(plan)
    table = table.copy()
    for kind, column in TRAVEL_COLUMNS.items():
        table[column] = ""
    for record in travel.records():
        action = record["action_object"]
        shown = name(action) + (f" ({record['from']} to {record['to']})" if record["change"] in ("status", "slipped")
                                else "")
        rows = (table["level"] == "total") | ((table["level"] == "priority") & (table["priority"] == action.priority))
        column = TRAVEL_COLUMNS[record["change"]]
        table.loc[rows, column] = [as_text(f"{v}; {shown}" if v else shown) for v in table.loc[rows, column]]
    return table


def format_rollup(result: Rollup, name: str, travel: Travel | None = None, plan: Plan | None = None) -> str:
    """The roll-up as text, JSON or CSV; with a previous copy, its direction of travel too (the same groups the
    report names)."""
    table = result.table
    if name in ("json", "csv"):
        # pandas holds the priorities as floats (the totals row has none); a priority is a whole number: 1, not 1.0
        table = table.assign(priority=pd.Series([None if pd.isna(p) else int(p) for p in table["priority"]],
                                                index=table.index, dtype=object))
    if name == "json":
        records = table.astype(object).where(table.notna(), None).to_dict(orient="records")
        import json

        document: dict[str, object] = {"as_of": result.as_of.isoformat(), "rows": records}
        if travel is not None:
            document["travel"] = {
                "previous_as_of": travel.previous_as_of.isoformat() if travel.previous_as_of else None,
                "changes": [{k: v for k, v in r.items() if k != "action_object"} for r in travel.records()]}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if name == "csv":
        if travel is not None and plan is not None:
            table = travel_columns(table, travel, plan)
        return table.drop(columns=["level"]).to_csv(index=False)
    figures = list(table.columns[4:])
    widths = [max(len(name), 5) for name in figures]
    # Which sheet was rolled up, where the workbook holds other plan tables (or sheets it could not read).
    others = other_sheets(plan) if plan is not None else []
    lines = [f"Roll-up of {plan.sheet!r} at {result.as_of:%d %b %Y}" if others else
             f"Roll-up at {result.as_of:%d %b %Y}", *others, "",
             f"{'':<{LABEL_WIDTH}}  " + "  ".join(f"{name:>{w}}" for name, w in zip(figures, widths))]
    for record in table.to_dict(orient="records"):
        label = ("  " if record["level"] == "section" else "") + record["label"]
        if len(label) > LABEL_WIDTH:
            label = label[: LABEL_WIDTH - 3] + "..."
        lines.append(f"{label:<{LABEL_WIDTH}}  " + "  ".join(f"{record[n]:>{w}}" for n, w in zip(figures, widths)))
    if travel is not None and plan is not None:
        from .narrative import travel_intro, travel_sentences

        lines += ["", travel_intro(travel, result.as_of), *(f"  {s}" for s in travel_sentences(travel, namer(plan)))]
    return "\n".join(lines) + "\n"
