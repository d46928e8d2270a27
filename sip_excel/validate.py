"""Run the rules over a plan and summarise what they found."""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from .config import Config
from .errors import SettingsError
from .findings import ERROR, INFO, SEVERITY_ORDER, WARNING, CodeSelection, Finding
from .model import Plan
from .rules import Context, all_rules

log = logging.getLogger(__name__)


@dataclass
class Report:
    """The outcome of one validation: findings, their counts, the exit code and a one-line summary."""

    sheet: str
    as_of: dt.date
    actions: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def by_severity(self) -> Counter[str]:
        return Counter(map(attrgetter("severity"), self.findings))

    @property
    def by_code(self) -> Counter[str]:
        return Counter(map(attrgetter("code"), self.findings))

    @property
    def errors(self) -> int:
        return self.by_severity[ERROR]

    @property
    def return_code(self) -> int:
        """0 when there are no errors, 1 when there are."""
        return 1 if self.errors else 0

    def __str__(self) -> str:
        counts = self.by_severity
        if not self.findings:
            return f"{self.checked()} on '{self.sheet}' at {self.as_of:%d %b %Y}: no problems found."
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in (ERROR, WARNING, INFO) if counts[s]]
        return f"{self.checked()} on '{self.sheet}' at {self.as_of:%d %b %Y}: {', '.join(parts)}."

    def checked(self) -> str:
        """'113 actions checked', '1 action checked'."""
        return f"{self.actions} action{'' if self.actions == 1 else 's'} checked"

    def summary_record(self) -> dict[str, Any]:
        """Everything but the findings, as JSON holds it."""
        return {"sheet": self.sheet, "as_of": self.as_of.isoformat(), "actions": self.actions, "summary": str(self),
                "counts": {"by_severity": dict(self.by_severity), "by_code": dict(self.by_code)}}

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary_record(), "findings": [f.to_dict() for f in self.findings]}


def _check_severities(config: Config, rules: list[type]) -> None:
    """Refuse a Settings severity for a code that is not a check, or for one that stops the run."""
    codes = {rule.code: rule for rule in rules}
    for code in config.severities:
        if code not in codes:
            raise SettingsError(f"Settings, Severities: there is no check {code}. 'sip-excel rules' lists them.")
        if codes[code].fatal:
            raise SettingsError(f"Settings, Severities: {code} stops the check altogether, so its severity "
                                "cannot be changed. Remove that row.")


def _check_codes(config: Config, rules: list[type]) -> None:
    """Refuse a --select or --ignore code that matches no check: a typo must not read as 'no problems found'."""
    for flag, codes in (("--select", config.select), ("--ignore", config.ignore)):
        for code in codes:
            if not any(rule.code.startswith(code.strip().upper()) for rule in rules):
                raise SettingsError(f"{flag} {code}: no check has that code or starts with it. "
                                    "'sip-excel rules' lists the codes (e.g. SIP3 or SIP401).")


def _in_order(findings: list[Finding]) -> list[Finding]:
    """Findings by priority (those outside any last), row and cell, then severity and code.

    Sorted in stable passes with C-level keys rather than one Python key per finding: a
    plan of 50,000 actions can have as many findings.
    """
    findings = sorted(findings, key=attrgetter("code"))
    findings = [f for severity in SEVERITY_ORDER for f in findings if f.severity == severity]
    placed = [f for f in findings if f.priority is not None]
    placed.sort(key=attrgetter("priority", "row", "cell"))
    return placed + sorted((f for f in findings if f.priority is None), key=attrgetter("row", "cell"))


def validate(plan: Plan, config: Config | None = None,
             comment_first_seen: dict[tuple[Any, str], dt.date] | None = None) -> Report:
    """Check a plan against every selected rule (comment history: the argument, else the plan's own)."""
    config = config or Config()
    history = plan.comment_first_seen if comment_first_seen is None else comment_first_seen
    context = Context(config=config, today=config.today, comment_first_seen=history)
    selected = CodeSelection(config.select, config.ignore)
    rules = all_rules()
    _check_severities(config, rules)
    _check_codes(config, rules)
    findings: list[Finding] = []
    for rule in rules:
        if rule.fatal or not selected(rule.code):
            continue
        check = rule()
        check.severity = config.severities.get(rule.code, rule.severity)  # Settings may change the default
        findings.extend(check.check(plan, context))
    findings = _in_order(findings)
    log.debug("%d findings on %s", len(findings), plan.sheet)
    return Report(sheet=plan.sheet, as_of=context.today, actions=len(plan.table), findings=findings)
