"""SIP5xx: lead officers and DLT leads."""
from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress

from ..findings import ERROR, WARNING
from ..model import Column, Memo, Table
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

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return f"Action {table.label(i)} has no lead officer.", "Enter the lead officer's initials."


# What a person's name or role may hold besides letters and spaces: "O'Brien", "J. Smith", "Head of Service
# (Children)", "Smith-Jones", an e-mail address. Digits and other marks cannot be a person.
NAME_MARKS = frozenset("/,&+;.'\u2019-()@_")


@lru_cache(maxsize=4096)  # the same initials recur on every page of a plan
def judge_officers(text: str, known: frozenset[str], names: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(message, suggestion) for a lead officer cell that names no one this plan knows; None if it is fine.

    With an Officers list in Settings (``known`` initials, ``names`` in lower case), each part must be
    initials from it, or the cell one of its names. Without one, people write initials, full names or
    roles, so only what cannot be a person is flagged: digits, or marks no name has. Look-alike letters
    are left to SIP503."""
    if foreign_letters(text):
        return None
    if not known:
        odd = sorted({ch for ch in text if not (ch.isalpha() or ch.isspace() or ch in NAME_MARKS)})
        if odd or not any(ch.isalpha() for ch in text):
            return (f"'{text}' cannot be a person: it holds {' '.join(odd) if odd else 'no letters'}.",
                    "Enter the officer's initials or name.")
        return None
    if text.lower() in names:
        return None
    people = officers_in(text)
    not_initials = [p for p in people if not INITIALS.match(p)]
    if not_initials:
        return (f"'{text}' is not an officer's initials ({', '.join(repr(p) for p in not_initials)}).",
                "Use initials from the Officers list in Settings, separated by '/'.")
    unknown = [p for p in people if known and p not in known]
    if unknown:
        return (f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the Officers list in Settings.",
                "Check the initials, or add the officer to Settings.")
    return None


class UnknownOfficer(FieldRule):
    """SIP502: Officer not in the Settings list, or not initials at all."""

    code, severity, fields, cells = "SIP502", WARNING, PEOPLE_FIELDS, FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        texts, known, names = column.texts, context.config.officer_initials, _names(context)
        verdicts = Memo(lambda text: judge_officers(text, known, names))
        return [i for i in shown if verdicts[texts[i]]]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return judge_officers(column.texts[i], context.config.officer_initials, _names(context))


def _names(context: Context) -> frozenset[str]:
    """The full names in the Officers list, in lower case: a plan may write 'Rachel Green' for RG."""
    return frozenset(officer.name.lower() for officer in context.config.officers.values() if officer.name)


class LookAlikeLetters(FieldRule):
    """SIP503: Look-alike letters from another alphabet (Cyrillic СР is not Latin CP)."""

    code, severity, fields, cells = "SIP503", ERROR, (*PEOPLE_FIELDS, "ref"), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        texts = column.texts
        not_ascii = compress(shown, map(operator.not_, map(str.isascii, map(texts.__getitem__, shown))))
        return [i for i in not_ascii if foreign_letters(texts[i])]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        text = column.texts[i]
        foreign = foreign_letters(text)
        latin = text.translate(LOOK_ALIKES)
        scripts = sorted({unicodedata.name(ch, "other").split()[0].title() for ch in foreign})
        return (f"'{text}' contains {' and '.join(scripts)} letters ({' '.join(foreign)}) that look like Latin "
                f"ones, so it will not match '{latin}' in filters or counts.", latin)
