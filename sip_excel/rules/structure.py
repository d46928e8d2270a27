"""SIP1xx: the shape of the plan table."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from ..fields import FIELD_SPECS
from ..findings import ERROR, INFO, WARNING, Finding
from ..model import Column, Plan, Table
from .base import BLANK, ActionRule, Context, FieldRule, Rule


class NoPlanTable(Rule):
    """SIP101: No plan table found (no header row naming an Action and a Status column)."""

    code, severity, fatal = "SIP101", ERROR, True


class MissingColumn(Rule):
    """SIP102: A required column (Action, RAG status) is missing."""

    code, severity, fatal = "SIP102", ERROR, True


class OutsidePriority(ActionRule):
    """SIP103: Action row outside any priority."""

    code, severity, field = "SIP103", ERROR, "ref"

    def check(self, plan: Plan, context: Context) -> list[Finding]:
        if plan.grouping == "none":
            return []  # a plan without priorities is one group: no action is outside it
        if plan.grouping == "column":
            labels = plan.table.columns["group"].labels
            kinds = [(labels[i].strip().rstrip(":").strip() or "Priority", i) for i in self.flagged(plan.table, context)]
            return self.findings(plan, "group", [(i, f"Action {plan.table.label(i)} has no {kind}, so it cannot be "
                                                 f"counted in one.", f"Enter its {kind}.") for kind, i in kinds])
        return super().check(plan, context)

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        return [i for i, priority in enumerate(table.priorities) if priority is None]

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        return (f"Action {table.label(i)} is not under a 'Priority N: ...' heading row, so it cannot be counted "
                "in a priority.", "Move it under its priority, or add the priority heading above it.")


class HeaderDisagrees(Rule):
    """SIP104: A header row whose columns disagree with the first header row."""

    code, severity = "SIP104", WARNING

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        first = plan.headers[0]
        for header in plan.headers[1:]:
            moved = sorted(name for name, column in first.named.items() if header.named.get(name) != column)
            if moved:
                names = ", ".join(first.labels.get(first.named[name], name) for name in moved)
                yield self.at(plan, (header.row, 0), f"This header row does not have {names} where the first "
                              f"header row (row {first.row + 1}) has them; the first row's layout was assumed.",
                              suggestion="Copy the first header row here so every table has the same columns.")


class FormulaInCell(Rule):
    """SIP105: A plan cell holds a formula; its last calculated value was used."""

    code, severity = "SIP105", INFO

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        # Only the plan's own cells: a tracker's helper columns (=TODAY()-E5) and the blank template rows
        # numbered ahead (=A5+1) are not the plan.
        if not plan.grid.formulas:
            return
        columns = {c for header in plan.headers for c in header.columns.values()}
        table = plan.table
        rows = {*table.rows, *(r for extra in table.extra_rows.values() for r in extra)}
        for position, formula in _in_the_table(plan, plan.grid.formulas):
            if position[1] not in columns or position[0] not in rows:
                continue
            if position not in plan.grid.errors:  # an error value has its own rule
                # A file saved by a script, or by Excel with calculation set to manual, may hold no result.
                shown = plan.grid.value(*position)
                said = ("its calculated value is empty, or was never saved, so the cell reads as empty"
                        if shown is None or shown == "" else "the plan is read from its last calculated value")
                yield self.at(plan, position, f"This cell holds the formula ={formula}; {said}.",
                              value=f"={formula}", suggestion="Type the value itself if it should not change.")


class ErrorValue(Rule):
    """SIP106: A plan cell holds an Excel error value such as #REF! or #N/A."""

    code, severity = "SIP106", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        for position, error in _in_the_table(plan, plan.grid.errors):
            formula = plan.grid.formulas.get(position)
            source = f" from the formula ={formula}" if formula else ""
            yield self.at(plan, position, f"This cell shows the Excel error {error}{source}.", value=error,
                          suggestion="Fix the formula or type the value.")


def _in_the_table(plan: Plan, cells: Mapping[tuple[int, int], str]) -> list[tuple[tuple[int, int], str]]:
    """The cells below the plan's first header row, in sheet order, with what they hold."""
    start = plan.headers[0].row
    return [(position, content) for position, content in sorted(cells.items()) if position[0] > start]


# Field -> what is skipped without its column (only Action and RAG status are required).
SKIPPED = {
    "ref": "findings are named by row, and the ref checks (SIP2xx) were skipped",
    "end": "the end date checks, overdue included (SIP301-SIP306, SIP404), were skipped",
    "lead_officer": "the lead officer checks (SIP501, SIP502) were skipped",
    "comments": "the comment checks (SIP6xx) were skipped",
}


class SkippedChecks(Rule):
    """SIP108: A column the checks need is missing, so those checks were skipped."""

    code, severity = "SIP108", INFO

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        first = plan.headers[0]
        for name, skipped in SKIPPED.items():
            if name not in plan.table.columns:
                label = FIELD_SPECS[name].title
                article = "an" if label[0].lower() in "aeiou" else "a"
                yield self.at(plan, (first.row, 0), f"No {label} column: {skipped}.",
                              suggestion=f"Add {article} {label} column, or name yours under Column aliases in Settings.")


class UnreadPriorityNumber(Rule):
    """SIP109: A priority heading whose number is too long to be a priority."""

    code, severity = "SIP109", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        for row, column in plan.unread_headings:
            text = plan.grid.rows[row][column]
            digits = len(re.match(r"\s*priority\s*(\d*)", text, re.I)[1])
            yield self.at(plan, (row, column), f"This heading's priority number is {digits} digits long, so it was "
                          "not read as a priority; the actions below it belong to the priority above, if any.",
                          suggestion="Number the priority as the others are, e.g. Priority 6.")


class MissingAction(FieldRule):
    """SIP107: An action row with no action text."""

    code, severity, fields, cells = "SIP107", WARNING, ("action",), BLANK

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return f"Action {table.label(i)} has no description of what is to be done.", "Describe the action."
