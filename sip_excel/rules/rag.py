"""SIP4xx: BRAG status."""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable

from ..fields import UNKNOWN
from ..findings import ERROR, WARNING
from ..headers import plain
from ..model import Column, Memo, Table
from .base import BLANK, FILLED, ActionRule, Context, FieldRule

CHOOSE = "Choose Blue (complete), Red, Amber or Green."


@lru_cache(maxsize=1024)  # plans repeat their odd spellings
def _spelling(text: str, accepted: tuple[str, ...]) -> str:
    """The accepted spelling a RAG text contains: 'c Completed' -> 'Completed', ' green' -> 'Green'. Given the
    spellings of the status the text is read as, 'Amber/Green' (read as Green) gives Green, not its Amber."""
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in accepted:
            return word.capitalize()
    return ""


class MissingRag(FieldRule):
    """SIP401: RAG status missing."""

    code, severity, fields, cells = "SIP401", ERROR, ("rag",), BLANK

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return f"Action {table.label(i)} has no RAG status.", CHOOSE


class NotBrag(FieldRule):
    """SIP402: RAG status is not a BRAG value."""

    code, severity, fields, cells = "SIP402", ERROR, ("rag",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        meanings = table.meanings
        return [i for i in shown if meanings[i] == UNKNOWN]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return f"'{column.texts[i]}' is not a BRAG status.", CHOOSE


class NonStandardRag(FieldRule):
    """SIP403: RAG status spelt in a non-standard way."""

    code, severity, fields, cells = "SIP403", WARNING, ("rag",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        meanings, values, standard = table.meanings, column.values, context.config.standard_spellings
        non_standard = Memo(lambda written: type(written) is str and not _is_standard(written, standard))
        return [i for i in shown if meanings[i] != UNKNOWN and non_standard[values[i]]]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        written, status, meaning = column.values[i], table.statuses[i], table.meanings[i]
        spelling = _spelling(written, tuple(s for s, brag in context.config.brag.items() if brag == status))
        if spelling:  # a BRAG spelling with something around it: 'c Completed'
            return (f"'{written}' is read as {status}, but is not a standard spelling, so filters and counts in "
                    "Excel will miss it.", spelling)
        if status:  # a word of another scale: 'On track', 'Done', 'A/G', a green circle
            return (f"'{plain(written) or written}' means {meaning}, read as {status}, but is not a BRAG status, "
                    "so filters and counts in Excel will miss it.", status)
        shown = plain(written) or written.strip()
        spelling = shown[:1].upper() + shown[1:]  # a standard spelling starts with a capital, nothing around it
        retyped = "" if spelling == written else f", and write the cell '{spelling}'"
        return (f"'{shown}' means {meaning}, which has no BRAG colour; it is counted as {meaning}.",
                f"{CHOOSE} Or, if it is one of the plan's own statuses, add a row '{spelling} | "
                f"{meaning.capitalize()}' under BRAG spellings in Settings{retyped}.")


def _is_standard(written: str, standard: frozenset[str] | set[str]) -> bool:
    """True for an accepted spelling with nothing around it and a capital first letter ('Green', not ' green')."""
    return written[:1].isupper() and written == written.strip() and written.lower() in standard


class GreenButOverdue(ActionRule):
    """SIP404: Green although overdue: Green means no barriers to finishing on time."""

    code, severity, field = "SIP404", WARNING, "rag"

    def flagged(self, table: Table, context: Context) -> Iterable[int]:
        statuses = table.statuses
        return [i for i in table.overdue(context.today) if statuses[i] == "Green"]

    def explain(self, table: Table, i: int, context: Context) -> tuple[str, str]:
        written = " ".join(table.texts("rag")[i].split())
        # A tracker's own word ('In progress') is what the officer sees in the cell; Green is only its reading.
        status = "Green" if written.casefold() == "green" else f"'{written}' (read as Green)"
        return (f"Action {table.label(i)} is {status} but was due {table.ends[i]}.",
                "Amber (more work needed), or Blue if it is complete.")
