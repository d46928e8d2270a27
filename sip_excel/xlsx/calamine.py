"""python-calamine, guarded: a sheet it refuses or panics over is a signal to read the XML instead, not a crash.

python-calamine refuses a whole sheet over one of Excel's newer error values (#SPILL!,
#CALC!, ...; a CalamineError) and panics on a date cell holding -1e20 (a Rust panic,
which reaches Python as a PanicException, not an Exception, after printing a backtrace).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import WorkbookError
from .package import one_line

Merged = list[tuple[tuple[int, int], tuple[int, int]]]


class CalamineCannot(Exception):
    """python-calamine could not read a sheet that may well be sound: read its XML instead."""


def open_book(path: Path) -> Any:
    import python_calamine  # imported here so that `sip-excel --help` stays instant

    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for damaged parts
        raise WorkbookError(f"{path} could not be read as a workbook ({one_line(error)}). "
                            "Open and repair it in Excel, or use an earlier saved copy.") from None


def sheet_values(book: Any, sheet: str) -> tuple[list[list[Any]], Merged]:
    """A sheet's rows from A1 and its merged ranges, as python-calamine reads them."""
    try:
        with _quiet_stderr():  # a panic prints a Rust backtrace; the reading that follows says enough
            calamine_sheet = book.get_sheet_by_name(sheet)
            rows = calamine_sheet.to_python(skip_empty_area=False)
            merged = [((top, left), (bottom, right))
                      for (top, left), (bottom, right) in (calamine_sheet.merged_cell_ranges or [])]
    except BaseException as error:
        if isinstance(error, Exception) or type(error).__name__ == "PanicException":
            raise CalamineCannot(one_line(error)) from None
        raise  # Ctrl-C and the like go on as they are
    if type(rows) is not list or set(map(type, rows)) - {list}:  # lists, to be written into (0.9 gives lists)
        rows = [row if type(row) is list else list(row) for row in rows]
    return rows, merged


@contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Send what native code writes to standard error (file 2) nowhere, for the length of the block."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, AttributeError, ValueError):
        yield
        return
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nowhere, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(nowhere)
