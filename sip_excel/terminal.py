"""Plan text made safe to print on a terminal: control and bidi characters are shown, never obeyed.

A cell can hold ESC sequences (which recolour, retitle or clear a terminal), BEL, NUL, a vertical tab
pasted from Word, or a right-to-left override (U+202E) that makes a line read backwards. Printed raw they
would act on the officer's terminal; here each is shown as an escape (``\\x1b``, ``\\n``) or a code point
(``<U+202E>``). JSON and CSV output keep the text exact: they are data, not a screen.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from typing import Any

from .errors import OutputError, os_error_message

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# C0 and C1 controls, DEL, the bidi embeddings, overrides, isolates and marks, and the Unicode line and
# paragraph separators (which some terminals and editors break lines on).
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNSAFE_BUT_NEWLINE = re.compile(f"[\x00-\x09\x0b-\x1f{_BEYOND_C0}]")
_NOT_C0 = bytes([*range(0x20, 0x7F), *range(0x80, 0x100), 0x0A])  # every byte but the C0 controls and DEL


def _shown(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    code = ord(character)
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """The text with every control and bidi character shown as an escape; newlines too unless kept."""
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE
    return pattern.sub(_shown, text) if pattern.search(text) else text


def visible_lines(lines: list[str]) -> str:
    """Lines joined by newlines, each made visible; a newline inside a line is shown, never obeyed.

    Most plans hold nothing to show, so that is checked first, at C speed (a regular expression over the
    fifty thousand findings of a big plan would cost an eighth of the whole run): the ASCII controls by
    deleting every other byte, the rest by searching only the lines that hold anything beyond ASCII.
    """
    text = "\n".join(lines)
    if text.count("\n") == len(lines) - 1 and not text.encode("utf-8", "surrogatepass").translate(None, _NOT_C0):
        if text.isascii() or not any(_UNSAFE.search(line) for line in lines if not line.isascii()):
            return text
    return "\n".join(map(visible, lines))


class VisibleFormatter(logging.Formatter):
    """A log line as 'sip-excel: warning: ...', one line, with the plan text it quotes shown safely."""

    def format(self, record: logging.LogRecord) -> str:
        line = f"sip-excel: {record.levelname.lower()}: {visible(record.getMessage())}"
        if record.exc_info:  # --debug only: a traceback is for whoever reports the bug
            line += "\n" + self.formatException(record.exc_info)
        return line


def write_out(text: str) -> None:
    """Print to stdout now, so that a full disk behind `> file` is one clear line, not an error at exit."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        stdout_to_devnull()
        raise OutputError(f"cannot write to the standard output: {os_error_message(error)}") from None


def stdout_to_devnull() -> None:
    """Point stdout at the null device, so that Python's last flush at exit has nowhere to fail."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test's capture, Excel): nothing to flush there
        pass


def say_warnings(plan: Any) -> None:
    """What reading the workbook found worth saying (it is open in Excel, ...), one line each on stderr, with
    any control character in a sheet or file name shown, not obeyed."""
    for line in plan.grid.warnings:
        print(f"sip-excel: warning: {visible(line)}", file=sys.stderr)
