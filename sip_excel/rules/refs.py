"""SIP2xx: action references."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import compress

from ..findings import ERROR, WARNING, Finding
from ..model import Column, Memo, Plan, Table, ref_key, ref_scheme
from .base import BLANK, FILLED, Context, FieldRule, Rule


class MissingRef(FieldRule):
    """SIP201: Action has no ref."""

    code, severity, fields, cells = "SIP201", ERROR, ("ref",), BLANK

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        return ("This action has no ref, so it cannot be tracked from one report to the next.",
                "Give it the next free ref in its priority.")


class DuplicateRef(Rule):
    """SIP202: The same ref is used twice within a priority."""

    code, severity = "SIP202", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        table = plan.table
        if "ref" not in table.columns:
            return  # no Ref column: SIP108 says so once
        refs = [ref for ref in table.refs if ref]
        if len(set(refs)) == len(refs):
            return  # no ref is used twice anywhere: the usual case, settled in C
        keys = list(zip(table.priorities, table.refs))
        first_seen: dict[tuple[int | None, str], int] = {}
        cells = table.columns["ref"]
        for i, key in enumerate(keys):
            if not key[1]:
                continue
            if key in first_seen:
                other = cells.entry(first_seen[key])
                yield self.finding(plan, "ref", i, f"Ref {key[1]} is used twice in Priority {key[0]}: also at "
                                   f"{other.cell if other else '?'}.", "Give each action its own ref.")
            else:
                first_seen[key] = i


class MalformedRef(FieldRule):
    """SIP203: Ref does not follow the plan's own scheme (such as 1.2, A5.1 or R-001)."""

    code, severity, fields, cells = "SIP203", WARNING, ("ref",), FILLED

    def flagged(self, table: Table, column: Column, shown: list[int], context: Context) -> Iterable[int]:
        keys, texts = table.ref_keys, column.texts
        marks = {ch for ch in set("".join(map(texts.__getitem__, shown))) if not ch.isalnum()}
        if len(marks) < 2:  # every ref joined the same way, or not at all (the usual case): settled in C
            return [i for i in shown if keys[i] is None]
        scheme = _dominant_scheme(table, column, shown)
        schemes = Memo(ref_scheme)
        return [i for i in shown if keys[i] is None or scheme and schemes[texts[i]] not in ("", scheme)]

    def explain(self, table: Table, column: Column, i: int, context: Context) -> tuple[str, str]:
        text = column.texts[i]
        scheme = _dominant_scheme(table, column, column.filled)
        if table.ref_keys[i] is not None:
            mended = re.sub(r"[-_. ]", scheme, text) if len(scheme) == 1 else ""
            return (f"Ref '{text}' is joined by '{ref_scheme(text)}' where this plan's refs use '{scheme}'.",
                    mended or f"Join its parts with '{scheme}', as the others are.")
        cleaned = re.sub(r"[^A-Z0-9.]", "", text.upper()).strip(".")
        return (f"Ref '{text}' is not a ref: a few letters, then numbers joined by dots or dashes, such as 1.2, "
                "A5.1 or R-001.", cleaned if ref_key(cleaned) else "Use numbers separated by dots.")


def _dominant_scheme(table: Table, column: Column, shown: list[int]) -> str:
    """The marks most of the plan's refs are joined by ('' when most refs are single numbers)."""
    keys, texts = table.ref_keys, column.texts
    counts = Counter(map(ref_scheme, (texts[i] for i in shown if keys[i] is not None)))
    counts.pop("", None)  # a ref of one part fits any scheme
    return counts.most_common(1)[0][0] if counts else ""


class NumericRef(Rule):
    """SIP204: Ref stored as a number (Excel turns 4.10 into 4.1)."""

    code, severity = "SIP204", ERROR

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        table = plan.table
        column = table.columns.get("ref")
        if column is None or float not in set(map(type, column.values)):
            return  # refs typed as text, as they should be
        last_key: dict[int | None, tuple[str, tuple[int, ...]]] = {}  # priority -> the ref key seen last
        for i, (value, text, priority, key) in enumerate(zip(column.values, column.texts, table.priorities,
                                                             table.ref_keys)):
            if type(value) is float and "." in text:
                yield self.finding(plan, "ref", i, f"Ref {text} is stored as a number, and Excel drops trailing "
                                   f"zeros from numbers: 4.10 becomes 4.1. It may not be the ref that was typed.",
                                   _next_ref(last_key.get(priority)) or "Format the cell as Text and retype the ref.")
            if key:
                last_key[priority] = key


def _next_ref(key: tuple[str, tuple[int, ...]] | None) -> str:
    """The ref that follows ``key`` in sequence, e.g. 4.10 after 4.9; empty for a one-part ref or none."""
    if key is None or len(key[1]) < 2:
        return ""
    prefix, numbers = key
    return f"{prefix}{'.'.join(map(str, numbers[:-1]))}.{numbers[-1] + 1}"


class RefSequence(Rule):
    """SIP205: Refs out of sequence within a priority or section."""

    code, severity = "SIP205", WARNING

    def check(self, plan: Plan, context: Context) -> Iterator[Finding]:
        table = plan.table
        column = table.columns.get("ref")
        if column is None:
            return
        previous: dict[tuple[int | None, str | None, str], tuple[tuple[int, ...], int]] = {}
        keyed = compress(zip(range(len(table)), table.ref_keys, table.priorities, table.sections),
                         [type(value) is not float for value in column.values])  # numeric refs: SIP204
        for i, key, priority, section in keyed:
            if key is None:
                continue  # malformed refs have their own rule
            prefix, numbers = key
            group = (priority, section, prefix)
            before = previous.get(group)
            if before is not None and numbers <= before[0]:
                j = before[1]
                yield self.finding(plan, "ref", i, f"Ref {table.refs[i]} comes after {table.refs[j]} "
                                   f"({column.entry(j).cell}), out of order.",
                                   "Renumber, or move the row to its place.")
            previous[group] = (numbers, i)
