"""SIP5xx: lead officers and DLT leads."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..findings import ERROR, WARNING, Finding
from ..model import Action, Entry, Plan
from .base import BLANK, FILLED, Context, FieldRule

PEOPLE_FIELDS = ("lead_officer", "dlt_lead")
INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]$|^[A-Z]{1,4}$")
SEPARATORS = re.compile(r"[/,&+;]|\s+and\s+|\s+")
# Letters from other alphabets that look like Latin capitals (Unicode confusables, the ones seen in plans).
LOOK_ALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O",
    "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "У": "Y", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c",
    "у": "y", "х": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
})


def foreign_letters(text: str) -> list[str]:
    """Letters in a text that are not Latin, e.g. the Cyrillic С in 'СР'."""
    if text.isascii():
        return []
    return [ch for ch in text if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")]


def officers_in(text: str) -> list[str]:
    """'JF/RG' -> ['JF', 'RG']."""
    return [part for part in SEPARATORS.split(text) if part]


class MissingLead(FieldRule):
    """SIP501: Lead officer missing."""

    code, severity, fields, cells = "SIP501", WARNING, ("lead_officer",), BLANK

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding:
        return self.at(plan, entry, f"Action {action.label} has no lead officer.", action=action,
                       suggestion="Enter the lead officer's initials.")


@lru_cache(maxsize=4096)  # the same initials recur on every page of a plan
def judge_officers(text: str, known: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(parts that are not initials, initials not among ``known``) of a lead officer cell; an empty
    ``known`` (no Officers list in Settings) accepts any initials."""
    people = officers_in(text)
    return (tuple(p for p in people if not INITIALS.match(p)),
            tuple(p for p in people if known and INITIALS.match(p) and p not in known))


class UnknownOfficer(FieldRule):
    """SIP502: Officer not in the Settings list, or not initials at all."""

    code, severity, fields, cells = "SIP502", WARNING, PEOPLE_FIELDS, FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        if foreign_letters(entry.text):
            return None  # look-alike letters have their own rule
        not_initials, unknown = judge_officers(entry.text, context.config.officer_initials)
        if not_initials:
            return self.at(plan, entry, f"'{entry.text}' is not an officer's initials "
                           f"({', '.join(repr(p) for p in not_initials)}).", action=action,
                           suggestion="Use initials from the Officers list in Settings, separated by '/'.")
        if unknown:
            return self.at(plan, entry, f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the "
                           "Officers list in Settings.", action=action,
                           suggestion="Check the initials, or add the officer to Settings.")
        return None


class LookAlikeLetters(FieldRule):
    """SIP503: Look-alike letters from another alphabet (Cyrillic СР is not Latin CP)."""

    code, severity, fields, cells = "SIP503", ERROR, (*PEOPLE_FIELDS, "ref"), FILLED

    def check_entry(self, plan: Plan, action: Action, name: str, entry: Entry, context: Context) -> Finding | None:
        foreign = foreign_letters(entry.text)
        if not foreign:
            return None
        latin = entry.text.translate(LOOK_ALIKES)
        scripts = sorted({unicodedata.name(ch, "other").split()[0].title() for ch in foreign})
        return self.at(plan, entry, f"'{entry.text}' contains {' and '.join(scripts)} letters "
                       f"({' '.join(foreign)}) that look like Latin ones, so it will not match '{latin}' "
                       "in filters or counts.", action=action, suggestion=latin)
