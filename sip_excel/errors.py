"""Errors a user can act on: each carries one line saying what is wrong and what to do."""
from __future__ import annotations

import errno


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


def os_error_message(error: OSError, name: object = None) -> str:
    """What the operating system refused, in words a person can act on, naming the file (shortened if long)."""
    name = error.filename if error.filename is not None else name
    where = f" {_short(str(name))}" if name is not None else ""
    reason = error.strerror or type(error).__name__
    if error.errno == errno.ENAMETOOLONG:
        return f"the file name{where} is too long. Use a shorter file name, or a folder nearer the top of the drive."
    if error.errno in (errno.EACCES, errno.EPERM):
        return (f"permission denied for{where or ' a file'}. Ask for access, or use a copy in a folder of "
                "your own (if the file is open in Excel or Word, close it first).")
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"no space left to write{where}. Free some space on the drive, or write to another one."
    if error.errno == errno.EROFS:
        return f"{where.strip() or 'the drive'} is on a read-only drive. Write to another folder."
    if error.errno == errno.EISDIR:
        return f"{where.strip()} is a folder, not a file. Give a file name inside it."
    return f"{where.strip() + ': ' if where else ''}{reason}."


def _short(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else f"{name[:40]}...{name[-30:]}"
