"""Writing output files safely: never over the input, never half-written, never over a file without leave."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import OutputError


def check_target(target: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> None:
    """Refuse, before any work is done, an output that would replace an input, replace a file without leave,
    or go into a folder that does not exist."""
    target = Path(target)
    for path in protect:
        if Path(path).exists() and target.exists() and os.path.samefile(path, target):
            raise OutputError(f"{target} is the input workbook; the tool never writes over it. "
                              "Choose another output file name.")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists. Choose another name, or add --force to replace it.")
    if not target.parent.is_dir():
        raise OutputError(f"the folder {target.parent} does not exist. Create it or choose another output path.")


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
        raise OutputError(f"{target} could not be saved ({_reason(error)}); nothing was written. "
                          "Check there is space on the drive, or choose another folder.") from None
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
