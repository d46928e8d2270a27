"""Findings: immutable records of one problem at one cell, and how codes are selected."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


class Finding(NamedTuple):
    """One problem, located at a cell. No formatting logic lives here."""

    code: str
    severity: str
    message: str
    sheet: str
    cell: str
    row: int  # 1-based, as Excel shows it
    column: str  # the header label of the cell's column
    ref: str
    priority: int | None
    value: Any
    suggestion: str = ""

    def to_dict(self) -> dict[str, Any]:
        record = self._asdict()
        record["value"] = json_safe(self.value)
        return record


def json_safe(value: Any) -> Any:
    """A cell value as JSON can hold it: dates as ISO text, everything else unchanged or as text."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


class CodeSelection:
    """Which codes are reported: like flake8's DecisionEngine, the longest matching prefix wins.

    ``select`` empty means everything is selected; ``ignore`` then removes codes.
    When a code matches both lists, the longer (more specific) prefix decides.
    """

    def __init__(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> None:
        self.select = tuple(c.strip().upper() for c in select if c.strip())
        self.ignore = tuple(c.strip().upper() for c in ignore if c.strip())

    def __call__(self, code: str) -> bool:
        selected = max((len(p) for p in self.select if code.startswith(p)), default=0 if self.select else -1)
        ignored = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if self.select and selected == 0:
            return False
        return selected >= ignored or ignored < 0


def parse_codes(text: str | None) -> tuple[str, ...]:
    """'SIP3,SIP401' -> ('SIP3', 'SIP401')."""
    return tuple(part.strip().upper() for part in (text or "").split(",") if part.strip())
