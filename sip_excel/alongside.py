"""Run a piece of work in another process while this one goes on: two cores for one big read.

python-calamine holds the interpreter lock while it parses a sheet, so a thread cannot
scan the sheet's XML meanwhile; a forked process can.  Where there is no ``fork``
(Windows) or threads are running (forking them is unsafe), the work is simply done
when its result is asked for, so callers never depend on this being possible.
"""
from __future__ import annotations

import marshal
import os
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def alongside(work: Callable[[], T], worth_it: bool = True) -> Callable[..., T | None]:
    """Start ``work`` now in a forked process; the function returned waits for its result.

    The result travels back through a pipe with :mod:`marshal`, so it must be made of
    plain values (dicts, tuples, strings, numbers). If the other process fails, the
    work is done here instead: the result is the same either way. Called with
    ``wanted=False`` (the caller has failed meanwhile), it only waits for the other
    process to end, and returns None. ``worth_it=False`` (work too small to pay for a
    process) does the work here when it is asked for.
    """
    if not worth_it or not hasattr(os, "fork") or not _single_threaded():
        return lambda wanted=True: work() if wanted else None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the other process: do the work, hand back the result, and leave without clean-up
        status = 1
        try:
            os.close(read_end)
            data = marshal.dumps(work())
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)

    def result(wanted: bool = True) -> T | None:
        try:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read() if wanted else b""
        finally:
            _, status = os.waitpid(pid, 0)
        if not wanted:
            return None
        if status != 0 or not data:
            return work()
        return marshal.loads(data)

    return result


def _single_threaded() -> bool:
    """True when this process runs one thread: forking one with more (numpy's, say) can leave the copy stuck."""
    if threading.active_count() > 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # Linux: the threads that libraries started, too
    except OSError:
        return True  # no /proc (macOS): Python's own threads are all that can be seen
