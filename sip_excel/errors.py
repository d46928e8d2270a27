"""Errors a user can act on: each carries one line saying what is wrong and what to do."""
from __future__ import annotations


class SipError(Exception):
    """A problem with the user's input, reported as one actionable line (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code

    def __str__(self) -> str:
        text = super().__str__()
        return f"{self.code}: {text}" if self.code else text


class WorkbookError(SipError):
    """The file cannot be read as an Excel workbook."""


class PlanStructureError(SipError):
    """The workbook has no usable plan table (SIP101, SIP102)."""


class SettingsError(SipError):
    """The Settings sheet or a command-line option holds something the tool does not understand."""


class TemplateError(SipError):
    """The Word template cannot be used as it is."""


class OutputError(SipError):
    """The output file cannot be written where asked."""
