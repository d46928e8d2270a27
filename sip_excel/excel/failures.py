"""What a failed click leaves behind: a plain-English message box, and a log line a supporter can use."""
from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import platform
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import SipError

log = logging.getLogger(__name__)

TITLE = "sip-excel"
F = TypeVar("F", bound=Callable[..., Any])


def log_path(route: str | None = None) -> Path:
    """Where full tracebacks go: %LOCALAPPDATA%\\sip-excel\\sip-excel.log on Windows; in xlwings Lite, its file
    area (/data), where the user can download it (SIP_EXCEL_LOG overrides both)."""
    if os.environ.get("SIP_EXCEL_LOG"):
        return Path(os.environ["SIP_EXCEL_LOG"])
    if route == "lite" or (route is None and sys.platform == "emscripten"):
        return Path(os.environ.get("SIP_EXCEL_LITE_DATA", "/data")) / "sip-excel.log"
    base = os.environ.get("LOCALAPPDATA") or os.environ.get("XDG_STATE_HOME") or tempfile.gettempdir()
    return Path(base) / "sip-excel" / "sip-excel.log"


def alert(book: Any, message: str, mode: str = "info") -> None:
    try:
        book.app.alert(message, title=TITLE, buttons="ok", mode=mode)
    except Exception:  # no Excel to show it in: the log has it
        log.warning("%s", message)


def versions(route: str | None) -> str:
    """What ran, for whoever supports sip-excel: the versions of sip-excel, xlwings and Python, and the route."""
    from .. import __version__

    xlwings = sys.modules.get("xlwings")
    route = route or ("lite" if sys.platform == "emscripten" else "desktop")
    return (f"sip-excel {__version__}, xlwings {getattr(xlwings, '__version__', 'not loaded')}, "
            f"Python {platform.python_version()} ({sys.platform}), route {route}")


def button(function: F) -> F:
    """Wrap an entry point: find the calling book, and turn any failure into a plain-English message box."""

    @functools.wraps(function)
    def wrapper(book: Any = None, *args: Any, **kwargs: Any) -> Any:
        if book is None:
            import xlwings as xw

            book = xw.Book.caller()
        try:
            return function(book, *args, **kwargs)
        except Exception as error:
            route = kwargs.get("route")
            path = log_path(route)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n{dt.datetime.now():%Y-%m-%d %H:%M:%S} {function.__name__} {versions(route)}\n")
                    handle.write(traceback.format_exc())
            except OSError:
                pass
            if isinstance(error, SipError):
                message = f"{error}\n\nNothing in the plan was changed. Details: {path}"
            elif isinstance(error, ModuleNotFoundError):
                message = (f"This Python has no '{error.name}' package, which {function.__name__.replace('_', ' ')} "
                           "needs. Nothing in the plan was changed. In xlwings Lite, check that requirements.txt "
                           "names sip-excel (see the README); elsewhere, install sip-excel again with pip. "
                           f"Details: {path}")
            else:
                message = (f"Something went wrong ({type(error).__name__}: {error}). The plan's entries are "
                           "safe: the tool writes only its own sheets, highlights and notes (Clear marks removes "
                           "them) and, last of all, 'Comment updated' dates. Try again; if it happens again, "
                           f"send the file {path} to whoever supports sip-excel.")
            alert(book, message, mode="critical")
            return None

    return wrapper  # type: ignore[return-value]
