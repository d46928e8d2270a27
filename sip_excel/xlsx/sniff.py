"""Before a file is opened as a workbook: refuse, in one line, anything that is not one, and say what it is."""
from __future__ import annotations

import stat
from pathlib import Path

from ..errors import WorkbookError, os_error_message

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "Open it in Excel and use File > Save As > Excel Workbook (*.xlsx)."
LOCK_PREFIX = "~$"
# Excel's lock file ("owner file") is 165 bytes: the user's name, twice. Anything this small named ~$... is one.
_LOCK_FILE_BYTES = 4096


def sniff(path: Path) -> None:
    """Refuse, in one line, anything that is not a readable .xlsx/.xlsm workbook."""
    try:
        mode = path.stat().st_mode  # follows a symlink: a link to a workbook is read like the workbook
    except FileNotFoundError:
        raise WorkbookError(f"{path}: no such file. Check the path and try again.") from None
    except PermissionError:
        raise _permission_denied(path) from None
    except OSError as error:  # a name too long, a loop of links, ...: the words the command line uses too
        raise WorkbookError(os_error_message(error, path)) from None
    if stat.S_ISDIR(mode):
        raise WorkbookError(f"{path} is a folder, not a workbook. Give the path of the .xlsx file.")
    if not stat.S_ISREG(mode):
        # Opening a named pipe waits for a writer for ever; a device may never end.
        raise WorkbookError(f"{path} is {_special_kind(mode)}, not a saved file, so it was not read. "
                            "Give the path of the plan's .xlsx file.")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except PermissionError:
        raise _permission_denied(path) from None
    if path.name.startswith(LOCK_PREFIX) and path.stat().st_size <= _LOCK_FILE_BYTES and not head.startswith(b"PK"):
        raise WorkbookError(f"{path} is the lock file Excel keeps beside a workbook while it is open; it holds no "
                            f"plan. Give the workbook itself (its name ends in '{path.name[len(LOCK_PREFIX):]}').")
    if not head:
        raise WorkbookError(f"{path} is empty (0 bytes). Use a saved copy of the plan workbook.")
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
            raise WorkbookError(f"{path} is password-protected. Remove the password in Excel "
                                "(File > Info > Protect Workbook > Encrypt with Password) and save a copy.")
        raise WorkbookError(f"{path} is an old-style .xls workbook, which is not supported. {SAVE_AS}")
    if not head.startswith(b"PK"):
        kind = "a text or CSV file" if _looks_like_text(head) else "not an Excel workbook"
        raise WorkbookError(f"{path} is {kind}, whatever its name says. {SAVE_AS}")


def lock_file_beside(path: Path) -> Path | None:
    """Excel's lock file for this workbook, if there is one: the workbook is open in Excel right now.

    Excel names it ``~$`` and the workbook's name, dropping the name's first two characters when the
    name is long enough (``~$p_2017_18.xlsx`` for ``sip_2017_18.xlsx``); both spellings are looked for.
    """
    if path.name.startswith(LOCK_PREFIX):
        return None
    for name in (LOCK_PREFIX + path.name[2:], LOCK_PREFIX + path.name):
        candidate = path.with_name(name)
        try:
            if len(path.name) > 2 and candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def _permission_denied(path: Path) -> WorkbookError:
    return WorkbookError(f"{path} cannot be read: permission denied. Ask whoever manages it for read access, "
                         "or save a copy somewhere you can read.")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _looks_like_text(head: bytes) -> bool:
    return all(32 <= b < 127 or b in (9, 10, 13) for b in head) or head.startswith(b"\xef\xbb\xbf")


__all__ = ["sniff", "lock_file_beside", "OLE_MAGIC", "SAVE_AS"]
