"""Text for a terminal: control and bidi characters from the plan are shown, never obeyed."""
from __future__ import annotations

import logging
import os
import sys

import pytest

from sip_excel.errors import OutputError
from sip_excel.terminal import VisibleFormatter, visible, write_out

CASES = [
    ("plain text, £ and é", "plain text, £ and é"),
    ("red \x1b[31malert\x1b[0m", "red \\x1b[31malert\\x1b[0m"),  # ESC: colours, clears, moves the cursor
    ("title \x1b]0;pwned\x07", "title \\x1b]0;pwned\\x07"),  # OSC sets the window title, BEL ends it
    ("NUL\x00 VT\x0b SUB\x1a DEL\x7f CSI\x9b", "NUL\\x00 VT\\x0b SUB\\x1a DEL\\x7f CSI\\x9b"),
    ("tab\there\r\nline", "tab\\there\\r\\nline"),  # a fake second line cannot be slipped in
    ("abc\u202edcba", "abc<U+202E>dcba"),  # right-to-left override makes text read backwards
    ("\u2066isolate\u2069 \u200fmark \u061c \u2028", "<U+2066>isolate<U+2069> <U+200F>mark <U+061C> <U+2028>"),
    ("Cyrillic СР stays", "Cyrillic СР stays"),
]


@pytest.mark.parametrize(("text", "shown"), CASES, ids=[repr(t) for t, _ in CASES])
def test_visible(text, shown):
    assert visible(text) == shown


def test_newlines_can_be_kept_for_text_already_laid_out():
    assert visible("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"


def test_a_log_line_is_one_visible_line():
    record = logging.LogRecord("sip_excel", logging.WARNING, __file__, 1, "sheet %r is hidden", ("\x1b[2J\nX",),
                               None)
    assert VisibleFormatter().format(record) == "sip-excel: warning: sheet '\\x1b[2J\\nX' is hidden"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_an_output_error(monkeypatch):
    with open("/dev/full", "w") as full:
        monkeypatch.setattr(sys, "stdout", full)
        with pytest.raises(OutputError, match="cannot write to the standard output: no space left"):
            write_out("x" * 100_000)


@pytest.mark.parametrize(("lines", "text"), [
    (["plain", "lines"], "plain\nlines"),
    (["a\x1b", "b"], "a\\x1b\nb"),
    (["one line\nslipped in", "b"], "one line\\nslipped in\nb"),  # found by counting the newlines
    ([], ""),
])
def test_visible_lines(lines, text):
    from sip_excel.terminal import visible_lines

    assert visible_lines(lines) == text
