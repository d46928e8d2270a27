"""Run work in another process while this one goes on: two cores for one big read.

python-calamine holds the interpreter lock while it parses a sheet, so a thread cannot
scan the sheet's XML meanwhile; a forked process can.  Where there is no ``fork``
(Windows, Pyodide) or threads are running (forking them is unsafe), the work is simply
done when its result is asked for, so callers never depend on this being possible.
"""
from __future__ import annotations

import marshal
import os
import select
import threading
from collections.abc import Callable, Mapping
from typing import Any, BinaryIO

_LENGTH = 8  # bytes of the length before each result in the pipe


class Alongside:
    """Pieces of work started now, one after another, in one forked process; each result is asked for by name.

    The results travel back through a pipe with :mod:`marshal`, so they must be made of
    plain values (dicts, tuples, strings, numbers). A piece that fails in the other
    process (or is not reached, because that process ended) is done here when its result
    is asked for, so it fails here as it would have and the result is the same either way.
    ``worth_it=False`` (work too small to pay for a process) does each piece here when asked.
    :meth:`close` stops the other process if it is still at work nobody will ask for.
    """

    def __init__(self, works: Mapping[str, Callable[[], Any]], worth_it: bool = True) -> None:
        self._works = dict(works)
        self._arrived: dict[str, tuple[bool, Any]] = {}
        self._pid: int | None = None
        self._pipe: BinaryIO | None = None
        self._taken = False  # whether a result has been read from the pipe
        if worth_it and self._works and hasattr(os, "fork") and _single_threaded():
            self._start()

    def __contains__(self, name: str) -> bool:
        return name in self._works

    def would_wait(self) -> bool:
        """True when asking for a result now would keep this process waiting: the other process is at work and
        has sent nothing yet. Once a result is taken this says False (what the pipe's buffer holds cannot be
        told), as it does where no poll is to be had."""
        if self._pipe is None or self._taken or not hasattr(select, "poll"):
            return False
        poll = select.poll()  # not select(), which refuses a descriptor past 1023 (a long-lived host may have one)
        poll.register(self._pipe, select.POLLIN)
        return not poll.poll(0)

    def result(self, name: str) -> Any:
        """The named piece's result: from the other process once it has sent it, else done here."""
        while name not in self._arrived and self._receive():
            pass
        done, value = self._arrived.pop(name, (False, None))  # asked for twice, it is done here the second time
        return value if done else self._works[name]()

    def close(self) -> None:
        """Stop the other process, if it is still at work, and wait for its end."""
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)  # SIGKILL: the work is plain reading, nothing to clean up
            except ProcessLookupError:
                pass
            self._end()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the other process: do each piece, hand back its result, and leave without clean-up
            status = 1
            try:
                os.close(read_end)
                with os.fdopen(write_end, "wb") as pipe:
                    for name, work in self._works.items():
                        try:
                            data = marshal.dumps((name, True, work()))
                        except Exception:  # done again where it is asked for, to fail there as it would have
                            data = marshal.dumps((name, False, None))
                        pipe.write(len(data).to_bytes(_LENGTH, "little") + data)
                        pipe.flush()  # each result as soon as it is ready, not when the last one is
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, os.fdopen(read_end, "rb")

    def _receive(self) -> bool:
        """Take the next result from the pipe; False once the other process has nothing more to send."""
        if self._pipe is None:
            return False
        self._taken = True
        head = self._pipe.read(_LENGTH)
        data = self._pipe.read(int.from_bytes(head, "little")) if len(head) == _LENGTH else b""
        try:
            name, done, value = marshal.loads(data)
        except (EOFError, ValueError, TypeError):  # it ended (or was stopped) before sending all
            self._end()
            return False
        self._arrived[name] = (done, value)
        return True

    def _end(self) -> None:
        assert self._pipe is not None and self._pid is not None
        self._pipe.close()
        os.waitpid(self._pid, 0)
        self._pid = self._pipe = None


def _single_threaded() -> bool:
    """True when this process runs one thread: forking one with more (numpy's, say) can leave the copy stuck."""
    if threading.active_count() > 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # Linux: the threads that libraries started, too
    except OSError:
        return True  # no /proc (macOS): Python's own threads are all that can be seen
