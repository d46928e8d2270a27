"""Plan text made safe to write into Excel: never a formula, no control character, within a cell's limit."""
from __future__ import annotations

import re
from typing import Any

from ..grid import as_text

CELL_LIMIT = 32_767  # the most characters an Excel cell (or note) holds; a longer write fails
# C0 controls other than tab, line feed and carriage return, and DEL: Excel cannot store them in a cell
# (\x00 ends the text, others make the file unreadable), so they are shown as \x0b, as the terminal shows them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CLIPPED = " [...]"


def cell_text(value: Any) -> Any:
    """``value`` as Excel should receive it: text that stays text (as_text), control characters visible, and
    cut to what a cell holds, saying so."""
    if not isinstance(value, str):
        return value
    if CONTROL.search(value):
        value = CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
    # Excel takes a leading apostrophe as the mark that a cell is text, and hides it: a message that starts by
    # quoting the plan ("'In progress' means on track") would lose its first character. Doubled, one shows.
    value = "'" + value if value.startswith("'") else as_text(value)
    if len(value) > CELL_LIMIT:
        value = value[:CELL_LIMIT - len(CLIPPED)] + CLIPPED
    return value
