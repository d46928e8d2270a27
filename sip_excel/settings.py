"""The Settings sheet's layout, written once: what the reader accepts and what Set up writes come from here."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fields import DEFAULT_BRAG


@dataclass(frozen=True)
class Setting:
    """One key/value row of the Settings sheet."""

    label: str  # as Set up writes it; read case-blind, without a trailing colon
    target: str  # "config" or "report": which record holds it
    attribute: str
    kind: str = "text"  # text, date or whole number
    starter: Any = None  # what Set up writes in its value cell


# (section heading, its settings), in the order Set up writes them.
LAYOUT: tuple[tuple[str, tuple[Setting, ...]], ...] = (
    ("Report", (
        Setting("Committee", "report", "committee"),
        Setting("Meeting date", "report", "meeting_date", "date"),
        Setting("Subject", "report", "subject"),
        Setting("Public", "report", "public", starter="Public"),
        Setting("Report of", "report", "report_of"),
        Setting("Report author", "report", "report_author"),
        Setting("Author role", "report", "author_role"),
        Setting("Author telephone", "report", "author_telephone"),
        Setting("Author email", "report", "author_email"),
        Setting("Plan name", "report", "plan_name"),
    )),
    ("Validation", (
        Setting("As of date", "config", "as_of", "date"),
        Setting("Plan start", "config", "plan_start", "date"),
        Setting("Plan end", "config", "plan_end", "date"),
        Setting("Reporting period (months)", "config", "reporting_period_months", "whole number", 3),
        Setting("Staleness window (days)", "config", "staleness_days", "whole number", 92),
        Setting("Plan sheet", "config", "plan_sheet"),
    )),
)
SETTINGS: tuple[Setting, ...] = tuple(setting for _, settings in LAYOUT for setting in settings)
EXTRA_LABELS = {"as of": "as_of"}  # other spellings accepted for a setting: label (lower case) -> attribute

# The tables below the settings: (heading, column headings).
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Officers", ("Initials", "Name", "Role")),
    ("BRAG spellings", ("Spelling", "Status")),
    ("Column aliases", ("Field", "Labels")),
    ("Severities", ("Code", "Severity")),
)


def starter_rows(width: int = 3) -> list[list[Any]]:
    """The rows Set up writes into a new Settings sheet: every setting with its starter value, then the
    Officers, BRAG spellings (with the default spellings) and Severities tables."""
    def row(*cells: Any) -> list[Any]:
        return [*cells, *[None] * (width - len(cells))]

    rows: list[list[Any]] = []
    for heading, settings in LAYOUT:
        rows.append(row(heading))
        rows += [row(setting.label, setting.starter) for setting in settings]
        rows.append(row())
    for heading, columns in TABLES:
        if heading == "Column aliases":
            continue  # optional, and seldom needed: the README says how to add it
        rows += [row(heading), row(*columns)]
        if heading == "BRAG spellings":
            rows += [row(spelling.capitalize(), status) for spelling, status in DEFAULT_BRAG.items()]
        rows.append(row())
    return rows[:-1]
