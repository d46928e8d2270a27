"""How the report and the roll-up name an action: by its ref, with its priority where the ref does not say it."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .model import Action, Plan


def namer(plan: Plan) -> Callable[[Action], str]:
    """How the report names an action: its ref where the ref itself says its priority ('1.5' in Priority 1),
    else with its priority ('P5 1.1', 'P5 A5.4': Priority 5's refs restart), and its row when it has no ref."""
    grouped = has_priorities(plan)
    # A plan grouped by a column (Workstream, Theme) numbers its groups itself, so 'P1' would name nothing the
    # reader can see: its refs are named alone, and with their group's name only where a ref is used twice.
    by_column = plan.grouping == "column"
    uses = Counter(plan.table.refs) if by_column else Counter()

    def name(action: Action) -> str:
        ref, number = action.ref, action.priority
        if not ref:
            return f"row {action.row + 1}"
        if by_column:
            group = plan.priority(number)
            return f"{ref} in {group.name}" if uses[ref] > 1 and group is not None else ref
        if grouped and number is not None and ref.split(".")[0] != str(number):
            return f"P{number} {ref}"
        return ref

    return name


def has_priorities(plan: Plan) -> bool:
    """False for a plan with no priorities of its own: one group with no title (the reader's single group)."""
    return not (len(plan.priorities) <= 1 and not any(p.title.strip() for p in plan.priorities))
