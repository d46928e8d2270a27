"""Settings: defaults, the workbook's Settings sheet, and command-line overrides, in one place."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .headers import Vocabulary

from .dates import PLAUSIBLE_YEARS, parse_date
from .errors import SettingsError
from .fields import BRAG, DEFAULT_BRAG, FIELDS, MEANING_WORDS, REQUIRED_FIELDS, STATUSES  # noqa: F401 (re-exported)
from .grid import Grid, cell_name, display_text
from .settings import EXTRA_LABELS, LAYOUT, SETTINGS, TABLES

log = logging.getLogger(__name__)

SETTINGS_SHEET = "Settings"
# The sheets the tool itself owns in a workbook (the Excel buttons write them; readers pass over them).
VALIDATION_SHEET, MARKS_SHEET, HISTORY_SHEET = "Validation", "_sip_marks", "_sip_history"
TOOL_SHEETS = (VALIDATION_SHEET, HISTORY_SHEET, MARKS_SHEET)

# Canonical field -> the header labels that name it (compared case-blind, punctuation aside); see fields.py.
DEFAULT_ALIASES: dict[str, tuple[str, ...]] = {spec.name: spec.labels for spec in FIELDS}


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
    brag: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BRAG))  # spelling -> Blue/Red/Amber/Green
    # Settings spellings for the meanings that have no BRAG colour (not started, on hold): spelling -> meaning
    status_words: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_ALIASES))
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)  # code -> error/warning/info, from Settings
    report: ReportMeta = field(default_factory=ReportMeta)

    @cached_property
    def standard_spellings(self) -> frozenset[str]:
        """The accepted BRAG spellings and the four status names, in lower case."""
        return frozenset(spelling.lower() for spelling in (*self.brag, *self.status_words, *STATUSES))

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The field labels and status words this run reads the plan with (built once)."""
        from .headers import Vocabulary

        return Vocabulary.from_config(self)

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
        for name in ("as_of", "plan_start", "plan_end"):
            value = overrides.get(name)
            if isinstance(value, dt.date) and (problem := date_out_of_range(value)):
                raise SettingsError(f"{name.replace('_', ' ')}: {problem}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


# Settings sheet key (normalised) -> (Config or ReportMeta attribute), from the one layout in settings.py.
_KEYS: dict[str, tuple[str, str]] = {
    **{" ".join(setting.label.lower().split()): (setting.target, setting.attribute) for setting in SETTINGS},
    **{label: ("config", attribute) for label, attribute in EXTRA_LABELS.items()},
}
_SECTIONS = {heading.lower() for heading, _ in LAYOUT}
_TABLES = {heading.lower(): {column.lower() for column in columns} for heading, columns in TABLES}
SEVERITIES = ("error", "warning", "info")
_DATE_ATTRS = {setting.attribute for setting in SETTINGS if setting.kind == "date"}
# Unit, an example, and the most that makes sense: a plan's dates are read between 2000 and 2100, so a period or
# window longer than a century reaches past the calendar's start (and 'year -483 is out of range').
_INT_ATTRS = {"reporting_period_months": ("months", 3, 1200), "staleness_days": ("days", 92, 36_500)}


def _norm(value: Any) -> str:
    return " ".join(str(value).strip().rstrip(":").lower().split()) if value is not None else ""




def date_out_of_range(date: dt.date) -> str | None:
    """Why a settings date cannot be used, or None: a plan is read between 2000 and 2100, as its dates are.

    Year 9999 or 0001 is a slip of the keyboard, and the date arithmetic (a year either side of the as-of
    date or the plan period) would run off the calendar.
    """
    first, last = PLAUSIBLE_YEARS
    if first <= date.year <= last:
        return None
    return (f"{date.day:02}/{date.month:02}/{date.year:04} is not in the years {first} to {last} that a plan's "
            "dates are read in. Check the year, e.g. 31/08/2017.")


def _field_named(text: str) -> str | None:
    """The field a Column aliases row is about: its name ('lead officer', 'rag') or one of its default labels
    ('Status', 'Owner'), so that the label a user sees in the error message works as written."""
    from .headers import normalise_label

    name = _norm(text).replace(" ", "_")
    if name in DEFAULT_ALIASES:
        return name
    label = normalise_label(text)
    return next((spec.name for spec in FIELDS if label in map(normalise_label, spec.labels)), None)


def _convert(attr: str, value: Any, where: str, date1904: bool = False) -> Any:
    if value in (None, ""):
        return None
    if attr in _DATE_ATTRS:
        date = parse_date(value, date1904=date1904)
        if date is None:
            raise SettingsError(f"Settings {where}: '{value}' is not a date. Type it as a date, e.g. 31/08/2017.")
        if problem := date_out_of_range(date.value):
            raise SettingsError(f"Settings {where}: {problem}")
        return date.value
    if attr in _INT_ATTRS:
        unit, example, most = _INT_ATTRS[attr]
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not number.is_integer() or not 1 <= number <= most:
            raise SettingsError(f"Settings {where}: '{display_text(value)}' is not a whole number of {unit} "
                                f"from 1 to {most:,}. Type a number, e.g. {example}.")
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
    status_words: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    severities: dict[str, str] = {}
    table: str | None = None
    header_seen = False
    for r, row in grid.walk():  # a run of empty rows once: a stray far cell leaves a million of them
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
                if _TABLES[table].intersection(map(_norm, cells)):
                    continue  # the table's column headings (Field | Labels), when they are typed
            if table == "officers":
                officers[cells[0]] = Officer(cells[0], cells[1], cells[2])
            elif table == "brag spellings":
                meaning = MEANING_WORDS.get(_norm(cells[1]))
                if meaning is None:
                    raise SettingsError(f"Settings {cell_name(r, 1)}: '{cells[1]}' is not one of "
                                        f"{', '.join(STATUSES)}, Not started or On hold. Use one of those words.")
                if meaning in BRAG:
                    brag[_norm(cells[0])] = BRAG[meaning]
                else:
                    status_words[_norm(cells[0])] = meaning
            elif table == "severities":
                code, severity = cells[0].strip().upper(), _norm(cells[1])
                if not re.fullmatch(r"SIP\d{3}", code):
                    raise SettingsError(f"Settings {cell_name(r, 0)}: '{cells[0]}' is not a check code such as "
                                        "SIP503. 'sip-excel rules' lists them.")
                if severity not in SEVERITIES:
                    raise SettingsError(f"Settings {cell_name(r, 1)}: '{cells[1]}' is not a severity. Use error, "
                                        "warning or info.")
                severities[code] = severity
            else:
                field_name = _field_named(cells[0])
                if field_name is None:
                    raise SettingsError(f"Settings {cell_name(r, 0)}: '{cells[0]}' is not a plan column. Use one "
                                        f"of: {', '.join(DEFAULT_ALIASES)} (or a label such as Status).")
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
        status_words={**base.status_words, **status_words},
        aliases=merged_aliases,
        severities={**base.severities, **severities},
        report=replace(base.report, **{k: v for k, v in report_values.items() if v is not None}),
    )
