"""Writing output files safely: never over the input, never half-written, never over a file without leave."""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError, os_error_message


def check_target(target: Path, *, force: bool = False, protect: Iterable[Path] = (),
                 example: str = "findings.xlsx") -> None:
    """Refuse, before any work is done, an output that would replace an input, replace a file without leave,
    replace anything but an ordinary file, or go into a folder that does not exist. ``example`` is the file name
    suggested inside a folder given as the output."""
    target = Path(target)
    try:
        status = _status(target)
        for path in protect:
            if status is not None and Path(path).exists() and os.path.samefile(path, target):
                raise OutputError(f"{target} is an input of this command (the plan, the previous plan or the "
                                  "template); the tool never writes over it. Choose another output file name.")
        if status is not None and stat.S_ISDIR(status.st_mode):
            raise OutputError(f"{target} is a folder. Give a file name inside it, e.g. {target / example}.")
        if status is not None and not stat.S_ISREG(status.st_mode):
            # os.replace would put the report where a device, a pipe or a socket was, even /dev/null
            raise OutputError(f"{target} is not an ordinary file (a device, pipe or socket); the tool writes only "
                              "ordinary files. Choose a file name.")
        if status is not None and not force:
            raise OutputError(f"{target} already exists. Choose another name, or add --force to replace it.")
        if not target.parent.is_dir():
            raise OutputError(f"the folder {target.parent} does not exist. Create it or choose another output "
                              "path.")
    except OSError as error:
        raise OutputError(f"cannot write the output: {os_error_message(error, target)}") from None


def _status(path: Path) -> os.stat_result | None:
    """What is at the path now (following links, as writing would), or None when nothing is."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def write_atomically(target: Path, write: Callable[[Path], None], *, force: bool = False,
                     protect: Iterable[Path] = ()) -> Path:
    """Write through a temporary file in the same folder, then move it into place in one step.

    A failure part-way leaves nothing behind; the inputs in ``protect`` are never overwritten.
    """
    target = Path(target)
    check_target(target, force=force, protect=protect)
    import tempfile  # only when a file is written; validate usually just prints

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot save in the folder {target.parent} ({_reason(error)}). "
                          "Choose a folder you can save to.") from None
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        write(temporary_path)
        # mkstemp makes the file readable by its owner only; a report is for colleagues too, so give it the
        # permissions any new file in that folder would get.
        os.chmod(temporary_path, 0o666 & ~_umask())
        os.replace(temporary_path, target)
    except PermissionError as error:
        temporary_path.unlink(missing_ok=True)
        raise OutputError(f"{target} could not be saved ({_reason(error)}): if it is open in Word or Excel, "
                          "close it and try again, or choose another name.") from None
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise OutputError(f"{target} could not be saved ({_reason(error)}); nothing was written. "
                              "Check there is space on the drive, or choose another folder.") from None
        raise OutputError(f"the output could not be saved: {os_error_message(error, target)}") from None
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise
    return target


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _umask() -> int:
    current = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(current)
    return current
