"""Settings: defaults, the workbook's Settings sheet, and command-line overrides, in one place."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import Any

from .dates import parse_date
from .errors import SettingsError
from .grid import Grid, cell_name, display_text

log = logging.getLogger(__name__)

SETTINGS_SHEET = "Settings"
STATUSES = ("Blue", "Red", "Amber", "Green")

# Canonical field -> the header labels that name it (compared case-blind, without colons).
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {
    "aim": ("specific aim", "aim", "aims", "recommendations", "recommendation", "objective"),
    "ref": ("ref", "ref no", "ref no.", "reference", "ref number", "no", "no."),
    "action": ("action", "actions", "action required"),
    "start": ("start", "start date", "from"),
    "end": ("end", "end date", "due", "due date", "target date", "deadline", "completion date", "by when"),
    "measure": ("measure/outcome", "measure", "measures", "outcome", "outcomes", "measure of success"),
    "lead_officer": ("lead officer", "lead", "owner", "responsible officer"),
    "dlt_lead": ("dlt lead", "dlt", "senior lead"),
    "comments": ("comments", "comment", "update", "progress", "progress update", "latest update"),
    "rag": ("rag status", "rag", "brag", "brag status", "status", "rag rating"),
    "comment_updated": ("comment updated", "comments updated", "last updated", "updated"),
    "evidence": ("evidence", "evidence link"),
}
REQUIRED_FIELDS = ("ref", "action", "end", "rag")
DEFAULT_BRAG = {"blue": "Blue", "completed": "Blue", "complete": "Blue",
                "red": "Red", "amber": "Amber", "green": "Green"}


@dataclass(frozen=True)
class Officer:
    initials: str
    name: str = ""
    role: str = ""


@dataclass(frozen=True)
class ReportMeta:
    """What the committee report's header and contact block say."""

    committee: str = "Committee"
    meeting_date: dt.date | None = None
    subject: str = "Service Improvement Plan - progress update"
    public: str = "Public"
    report_of: str = ""
    report_author: str = ""
    author_role: str = ""
    author_telephone: str = ""
    author_email: str = ""
    plan_name: str = "Service Improvement Plan"


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know besides the plan itself."""

    as_of: dt.date | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    reporting_period_months: int = 3
    staleness_days: int = 92
    plan_sheet: str | None = None
    officers: dict[str, Officer] = field(default_factory=dict)
    brag: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BRAG))
    aliases: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)  # code -> error/warning/info, from Settings
    report: ReportMeta = field(default_factory=ReportMeta)

    @cached_property
    def standard_spellings(self) -> frozenset[str]:
        """The accepted BRAG spellings and the four status names, in lower case."""
        return frozenset(spelling.lower() for spelling in (*self.brag, *STATUSES))

    @cached_property
    def officer_initials(self) -> frozenset[str]:
        """The initials in the Officers list (empty when Settings has none)."""
        return frozenset(self.officers)

    @property
    def today(self) -> dt.date:
        """The date the plan is read at: the as-of date, or today when none is set."""
        return self.as_of or dt.date.today()

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given settings replaced; None means 'keep the workbook's value'."""
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


# Settings sheet key (normalised) -> (Config or ReportMeta attribute, converter).
_KEYS: dict[str, tuple[str, str]] = {
    "as of date": ("config", "as_of"),
    "as of": ("config", "as_of"),
    "plan start": ("config", "plan_start"),
    "plan end": ("config", "plan_end"),
    "reporting period (months)": ("config", "reporting_period_months"),
    "staleness window (days)": ("config", "staleness_days"),
    "plan sheet": ("config", "plan_sheet"),
    "committee": ("report", "committee"),
    "meeting date": ("report", "meeting_date"),
    "subject": ("report", "subject"),
    "public": ("report", "public"),
    "report of": ("report", "report_of"),
    "report author": ("report", "report_author"),
    "author role": ("report", "author_role"),
    "author telephone": ("report", "author_telephone"),
    "author email": ("report", "author_email"),
    "plan name": ("report", "plan_name"),
}
_SECTIONS = {"report", "validation"}
_TABLES = {"officers", "brag spellings", "column aliases", "severities"}
SEVERITIES = ("error", "warning", "info")
_DATE_ATTRS = {"as_of", "plan_start", "plan_end", "meeting_date"}
_INT_ATTRS = {"reporting_period_months": ("months", 3), "staleness_days": ("days", 92)}  # unit and an example


def _norm(value: Any) -> str:
    return " ".join(str(value).strip().rstrip(":").lower().split()) if value is not None else ""




def _convert(attr: str, value: Any, where: str, date1904: bool = False) -> Any:
    if value in (None, ""):
        return None
    if attr in _DATE_ATTRS:
        date = parse_date(value, date1904=date1904)
        if date is None:
            raise SettingsError(f"Settings {where}: '{value}' is not a date. Type it as a date, e.g. 31/08/2017.")
        return date.value
    if attr in _INT_ATTRS:
        unit, example = _INT_ATTRS[attr]
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not number.is_integer() or number < 1:
            raise SettingsError(f"Settings {where}: '{display_text(value)}' is not a whole number of {unit} "
                                f"(1 or more). Type a number, e.g. {example}.")
        return int(number)
    return display_text(value)


def config_from_settings(grid: Grid, base: Config | None = None) -> Config:
    """Read the Settings sheet: key/value rows, then the Officers, BRAG spellings, Column aliases and
    Severities tables.

    Unknown keys are refused, naming the cell, so that a misspelt setting is
    never silently ignored.
    """
    base = base or Config()
    config_values: dict[str, Any] = {}
    report_values: dict[str, Any] = {}
    officers: dict[str, Officer] = {}
    brag: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    severities: dict[str, str] = {}
    table: str | None = None
    header_seen = False
    for r, row in enumerate(grid.rows):
        cells = [display_text(v) for v in row[:4]] + [""] * 4
        key = _norm(cells[0])
        if not any(cells):
            table = None
            continue
        if key in _TABLES and not cells[1]:
            table, header_seen = key, False
            continue
        if table:
            if not header_seen:
                header_seen = True
                continue
            if table == "officers":
                officers[cells[0]] = Officer(cells[0], cells[1], cells[2])
            elif table == "brag spellings":
                status = cells[1].strip().title()
                if status not in STATUSES:
                    raise SettingsError(f"Settings {cell_name(r, 1)}: '{cells[1]}' is not one of "
                                        f"{', '.join(STATUSES)}. Use one of those words.")
                brag[_norm(cells[0])] = status
            elif table == "severities":
                code, severity = cells[0].strip().upper(), _norm(cells[1])
                if not re.fullmatch(r"SIP\d{3}", code):
                    raise SettingsError(f"Settings {cell_name(r, 0)}: '{cells[0]}' is not a check code such as "
                                        "SIP503. `sip-excel rules` lists them.")
                if severity not in SEVERITIES:
                    raise SettingsError(f"Settings {cell_name(r, 1)}: '{cells[1]}' is not a severity. Use error, "
                                        "warning or info.")
                severities[code] = severity
            else:
                field_name = _norm(cells[0]).replace(" ", "_")
                if field_name not in DEFAULT_ALIASES:
                    raise SettingsError(f"Settings {cell_name(r, 0)}: '{cells[0]}' is not a plan column. Use one "
                                        f"of: {', '.join(DEFAULT_ALIASES)}.")
                aliases[field_name] = [_norm(a) for a in cells[1].split(",") if a.strip()]
            continue
        if key in _SECTIONS and not cells[1]:
            continue
        if key not in _KEYS:
            raise SettingsError(f"Settings {cell_name(r, 0)}: unknown setting '{cells[0]}'. Check the spelling; "
                                f"known settings are: {', '.join(sorted(_KEYS))}.")
        target, attr = _KEYS[key]
        value = _convert(attr, row[1] if len(row) > 1 else None, cell_name(r, 1), grid.date1904)
        (config_values if target == "config" else report_values)[attr] = value
    merged_aliases = dict(base.aliases)
    for name, extra in aliases.items():
        merged_aliases[name] = tuple(dict.fromkeys((*base.aliases.get(name, ()), *extra)))
    return replace(
        base,
        **{k: v for k, v in config_values.items() if v is not None},
        officers=officers or base.officers,
        brag=brag or base.brag,
        aliases=merged_aliases,
        severities={**base.severities, **severities},
        report=replace(base.report, **{k: v for k, v in report_values.items() if v is not None}),
    )
