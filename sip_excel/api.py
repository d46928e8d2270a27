"""The library's front door: load a plan, validate it. The command line and the Excel buttons call these."""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from os import PathLike
from typing import TYPE_CHECKING, Any

from .config import SETTINGS_SHEET, TOOL_SHEETS, Config, config_from_settings
from .errors import PlanStructureError, SipError
from .grid import Grid
from .headers import labels_read
from .history import HISTORY_SHEET, History
from .model import Plan
from .reader import NoPlanTable, read_plan
from .validate import Report, validate

if TYPE_CHECKING:  # the Word libraries stay out of Validate's imports
    from .committee.render import PreparedReport
    from .xlsx import WorkbookFile

log = logging.getLogger(__name__)

# Sheets the tool writes itself; never mistaken for the plan.


def load(source: str | PathLike[str] | WorkbookFile | Mapping[str, Grid], *, sheet: str | None = None,
         **overrides: Any) -> tuple[Plan, Config]:
    """Read a plan and its settings from a workbook file (its path, or opened) or from grids (what the Excel
    buttons hand over).

    Settings come from the Settings sheet when there is one; ``overrides``
    (``as_of=...``, ``select=...``) replace them, as command-line flags do.
    """
    if isinstance(source, Mapping):
        names = list(source)
        return _load(names, source.__getitem__, sheet, overrides)
    from .xlsx import WorkbookFile

    if isinstance(source, WorkbookFile):  # opened by the caller, who closes it
        return _load_file(source, sheet, overrides)
    with WorkbookFile(source) as workbook:
        return _load_file(workbook, sheet, overrides)


def _load_file(workbook: WorkbookFile, sheet: str | None, overrides: dict[str, Any]) -> tuple[Plan, Config]:
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
        # A run of empty rows once (Grid.walk): History passes over empty rows, and a stray far cell leaves a million.
        rows = [row for _, row in grid_of(HISTORY_SHEET).walk()]
        plan.comment_first_seen = History(rows).first_seen_for(plan)
    return plan, config


def _find_plan(names: list[str], grid_of: Callable[[str], Grid], config: Config) -> Plan:
    """The plan sheet: the one named (case-blind), else the sheet whose plan table reads the most actions.

    A dashboard or a summary often comes first, so the first sheet that looks like a plan is not
    enough; the other sheets that hold a table are recorded on the plan, for the output to name.
    """
    if config.plan_sheet:
        chosen = _sheet_named(names, config.plan_sheet)
        try:
            return read_plan(grid_of(chosen), config)
        except NoPlanTable as error:
            raise _pointing_elsewhere(error, names, grid_of, config, chosen) from None
    plans: list[Plan] = []
    nearest: NoPlanTable | None = None
    unreadable: list[tuple[str, SipError]] = []
    for name in _plan_candidates(names):
        try:
            plans.append(read_plan(grid_of(name), config))
        except NoPlanTable as error:
            if nearest is None or error.score > nearest.score:
                nearest = error
        except SipError as error:  # a damaged sheet beside the plan (a chart sheet, say) need not stop the run
            log.info("sheet '%s' not read: %s", name, error)
            unreadable.append((name, error))
    if not plans and unreadable:
        raise unreadable[0][1]
    if plans:
        best = max(plans, key=lambda plan: len(plan.table))  # the first of equals
        best.other_sheets = [plan.sheet for plan in plans if plan is not best]
        best.unread_sheets = [name for name, _ in unreadable]
        return best
    if nearest is not None and nearest.score >= 2:
        raise nearest
    raise PlanStructureError("no plan table found: no sheet has a header row naming an Action and a Status "
                             f"column (such as {labels_read()}). Check you opened the plan, or add your labels "
                             "under Column aliases in Settings.", code="SIP101")


def _plan_candidates(names: list[str], besides: str | None = None) -> list[str]:
    """The sheets that may hold the plan: all but Settings, the sheets the tool writes, and ``besides``."""
    return [name for name in names if name != SETTINGS_SHEET and name not in TOOL_SHEETS and name != besides]


def _pointing_elsewhere(error: NoPlanTable, names: list[str], grid_of: Callable[[str], Grid], config: Config,
                        chosen: str) -> NoPlanTable:
    """The chosen sheet's error, naming the other sheets that do hold a plan table (a dashboard chosen by
    mistake, say); the error as it was where none does."""
    found = []
    for name in _plan_candidates(names, besides=chosen):
        try:
            found.append((name, len(read_plan(grid_of(name), config).table)))
        except SipError:
            continue
    if not found:
        return error
    listed = ", ".join(f"'{name}' ({count} action{'s' if count != 1 else ''})" for name, count in found)
    text = str(error).removeprefix(f"{error.code}: ")
    return NoPlanTable(f"{text} A plan table is on {listed}: choose that sheet instead (with --sheet, or Plan sheet "
                       "in Settings).", code=error.code or "SIP101", score=error.score)


def _sheet_named(names: list[str], wanted: str) -> str:
    """The sheet called ``wanted``, as written or else in any case."""
    if wanted in names:
        return wanted
    folded = [name for name in names if name.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise PlanStructureError(f"there is no sheet called '{wanted}'. Sheets in this workbook: "
                             f"{', '.join(names) or 'none'}.", code="SIP101")


def load_plan(source: str | PathLike[str] | Mapping[str, Grid], **kwargs: Any) -> Plan:
    """Just the plan (see :func:`load`)."""
    return load(source, **kwargs)[0]


def check(source: str | PathLike[str] | Mapping[str, Grid], **kwargs: Any) -> tuple[Plan, Config, Report]:
    """Load and validate in one call."""
    plan, config = load(source, **kwargs)
    return plan, config, validate(plan, config)


__all__ = ["load", "load_plan", "check", "validate", "Plan", "Config", "Report", "Grid"]


def prepare_report(plan: Plan, config: Config, *, previous: tuple[Plan, Config] | None = None,
                   template: Any = None) -> PreparedReport:
    """The committee report, rendered in memory: ``.document`` (the .docx bytes), ``.save(path)``, and
    ``.author_notes`` (what the author is told beside it). The command line and the Build report button call
    this; the Word libraries are imported only here, so Validate stays lean."""
    from .committee.render import inputs_for, prepare

    return prepare(inputs_for(plan, config, previous), template=template)
