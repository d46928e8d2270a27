"""The library's front door: load a plan, validate it. The command line and the Excel buttons call these."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from os import PathLike
from typing import Any

from .config import SETTINGS_SHEET, Config, config_from_settings
from .errors import PlanStructureError
from .grid import Grid
from .history import HISTORY_SHEET, History
from .model import Plan
from .reader import HEADER_SCAN_ROWS, alias_lookup, header_columns, read_plan
from .validate import Report, validate

log = logging.getLogger(__name__)

# Sheets the tool writes itself; never mistaken for the plan.
TOOL_SHEETS = ("Validation", HISTORY_SHEET, "_sip_marks")


def load(source: str | PathLike[str] | Mapping[str, Grid], *, sheet: str | None = None,
         **overrides: Any) -> tuple[Plan, Config]:
    """Read a plan and its settings from a workbook file or from grids (what the Excel buttons hand over).

    Settings come from the Settings sheet when there is one; ``overrides``
    (``as_of=...``, ``select=...``) replace them, as command-line flags do.
    """
    if isinstance(source, Mapping):
        names = list(source)
        return _load(names, source.__getitem__, sheet, overrides)
    from .xlsx import WorkbookFile

    with WorkbookFile(source) as workbook:
        plan, config = _load(workbook.sheet_names, workbook.grid, sheet, overrides)
        plan.grid.warnings.extend(workbook.warnings_for(plan.sheet))
        return plan, config


def _load(names: list[str], grid_of: Callable[[str], Grid], sheet: str | None,
          overrides: dict[str, Any]) -> tuple[Plan, Config]:
    config = Config()
    if SETTINGS_SHEET in names:
        config = config_from_settings(grid_of(SETTINGS_SHEET), config)
    config = config.with_overrides(plan_sheet=sheet, **overrides)
    plan = _find_plan(names, grid_of, config)
    if HISTORY_SHEET in names:
        plan.comment_first_seen = History(grid_of(HISTORY_SHEET).rows).first_seen_for(plan)
    return plan, config


def _find_plan(names: list[str], grid_of: Callable[[str], Grid], config: Config) -> Plan:
    if config.plan_sheet:
        if config.plan_sheet not in names:
            raise PlanStructureError(f"there is no sheet called '{config.plan_sheet}'. Sheets in this workbook: "
                                     f"{', '.join(names) or 'none'}.", code="SIP101")
        return read_plan(grid_of(config.plan_sheet), config)
    lookup = alias_lookup(config)
    for name in names:
        if name == SETTINGS_SHEET or name in TOOL_SHEETS:
            continue
        grid = grid_of(name)
        if any(header_columns(row, config, lookup) for row in grid.rows[:HEADER_SCAN_ROWS]):
            return read_plan(grid, config)
    raise PlanStructureError("no plan table found: no sheet has a header row naming Ref, Action, End date and RAG "
                             "status. Check you opened the plan, or add your labels under Column aliases in "
                             "Settings.", code="SIP101")


def load_plan(source: str | PathLike[str] | Mapping[str, Grid], **kwargs: Any) -> Plan:
    """Just the plan (see :func:`load`)."""
    return load(source, **kwargs)[0]


def check(source: str | PathLike[str] | Mapping[str, Grid], **kwargs: Any) -> tuple[Plan, Config, Report]:
    """Load and validate in one call."""
    plan, config = load(source, **kwargs)
    return plan, config, validate(plan, config)


__all__ = ["load", "load_plan", "check", "validate", "Plan", "Config", "Report", "Grid"]
