"""Work done in another process while this one reads: the same result whether or not it could be."""
from __future__ import annotations

import os
import time

import pytest

from sip_excel import xlsx
from sip_excel.alongside import Alongside, _single_threaded

from .conftest import SAMPLE

RESULT = {(1, 2): "mmm-yy", (3, 4): "=SUM(A1:A2)"}


def forks() -> bool:
    """Whether work can go to another process now (not while another thread runs)."""
    return hasattr(os, "fork") and _single_threaded()


def test_the_results_come_back_from_the_other_process_in_any_order():
    parent, forked = os.getpid(), forks()
    ahead = Alongside({"first": lambda: (os.getpid() != parent, RESULT), "second": lambda: os.getpid() != parent})
    try:
        assert ahead.result("second") is forked
        assert ahead.result("first") == (forked, RESULT)
    finally:
        ahead.close()


def test_a_piece_that_fails_in_the_other_process_is_done_here_and_the_rest_still_come_back():
    parent = os.getpid()

    def fails_there():
        if os.getpid() != parent:
            raise RuntimeError("the other process failed")
        return RESULT

    forked = forks()
    ahead = Alongside({"fails": fails_there, "after": lambda: os.getpid() != parent})
    try:
        assert ahead.result("fails") == RESULT
        assert ahead.result("after") is forked
    finally:
        ahead.close()


def test_a_piece_that_fails_here_too_raises_here():
    def fails():
        raise ValueError("damaged")

    ahead = Alongside({"fails": fails})
    try:
        with pytest.raises(ValueError, match="damaged"):
            ahead.result("fails")
    finally:
        ahead.close()


def test_a_result_that_cannot_travel_is_made_here():
    parent = os.getpid()
    ahead = Alongside({"object": lambda: (object(), os.getpid() == parent)})  # marshal cannot send an object()
    try:
        assert ahead.result("object")[1] is True
    finally:
        ahead.close()


def test_with_another_thread_running_the_work_is_done_here():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        parent = os.getpid()
        ahead = Alongside({"work": lambda: os.getpid() == parent})
        assert ahead.result("work") is True
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("how", ["no fork", "not worth it"])
def test_the_work_is_done_when_asked_where_it_is_not_forked(monkeypatch, how):
    if how == "no fork":
        monkeypatch.delattr(os, "fork", raising=False)
    done = []
    ahead = Alongside({"work": lambda: done.append("now") or RESULT}, worth_it=how != "not worth it")
    assert done == []
    assert ahead.result("work") == RESULT and done == ["now"]


@pytest.mark.parametrize("sheet", ["SIP 2017-18", "Settings"])
def test_a_sheet_scanned_alongside_reads_the_same(monkeypatch, sheet):
    with xlsx.WorkbookFile(SAMPLE) as workbook:
        here = workbook.grid(sheet)
    monkeypatch.setattr(xlsx, "ALONGSIDE_BYTES", 0)
    with xlsx.WorkbookFile(SAMPLE) as workbook:
        there = workbook.grid(sheet)
    assert here.number_formats and (here.number_formats, here.formulas, here.errors, here.rows) == (
        there.number_formats, there.formulas, there.errors, there.rows)


@pytest.mark.parametrize("alongside_bytes", [0, 1 << 60])
def test_a_damaged_sheet_is_one_clear_error_either_way(tmp_path, monkeypatch, alongside_bytes):
    from sip_excel.errors import WorkbookError

    from .test_bad_input import _damaged_sheet

    damaged = tmp_path / "damaged.xlsx"
    _damaged_sheet(damaged)
    monkeypatch.setattr(xlsx, "ALONGSIDE_BYTES", alongside_bytes)
    with pytest.raises(WorkbookError, match="is damaged and could not be read") as raised:
        with xlsx.WorkbookFile(damaged) as workbook:
            workbook.grid(workbook.sheet_names[0])
    assert "\n" not in str(raised.value)


# In a fresh interpreter (as the command line runs: no other thread, so the work really goes to another process).
FRESH = """\
import os, time
from sip_excel.alongside import Alongside
parent = os.getpid()
def there():
    return os.getpid() != parent
def fails_there():
    if there():
        raise RuntimeError("the other process failed")
    return "done here"
ahead = Alongside({"first": there, "fails": fails_there, "object": lambda: (object(), there()), "last": there,
                   "long": lambda: time.sleep(60)})
print(ahead.result("last"), ahead.result("first"), ahead.result("fails"), ahead.result("object")[1])
started = time.monotonic()
ahead.close()
print(time.monotonic() - started < 10)
try:
    os.waitpid(-1, os.WNOHANG)
except ChildProcessError:
    print("waited for")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="only where the platform can fork")
def test_a_fresh_process_hands_the_work_to_another():
    """The results come back in any order; a piece that fails there, or whose result cannot travel (an object),
    is done here; close() stops the work nobody asked for, at once, and waits for the other process's end."""
    import subprocess
    import sys

    ran = subprocess.run([sys.executable, "-c", FRESH], capture_output=True, text=True, timeout=60)
    assert ran.stdout.split("\n") == ["True True done here False", "True", "waited for", ""], ran.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="only where the platform can fork")
@pytest.mark.parametrize("stray", [None, "XFD1048576"], ids=["plan", "plan and a far cell"])
def test_a_plan_surveyed_and_scanned_in_another_process_validates_the_same(sample, tmp_path, capsys, stray):
    """The command line, in a fresh interpreter and made to survey and scan the sheets in another process even
    for the small sample, finds what a run that did all the work in one process finds, byte for byte."""
    import subprocess
    import sys

    from sip_excel.cli import main

    from .test_api import PLAN_SHEET, _cell
    from .xlsx_build import add_rows, edit_sheet

    if stray:
        edit_sheet(sample, add_rows(_cell(stray, "text")), part=PLAN_SHEET)
    command = ["validate", str(sample), "--as-of", "2017-08-31", "--format", "json"]
    # The survey is made slow, so that this process opens calamine's workbook while it waits (as for a big plan).
    code = ("import os, sys, time\nfrom sip_excel import cli, xlsx\nxlsx.ALONGSIDE_BYTES = 0\nforks = []\n"
            "fork = os.fork\nos.fork = lambda: forks.append(1) or fork()\nW = xlsx.WorkbookFile\n"
            "survey, meanwhile = W._far_sheets, W._open_calamine_meanwhile\n"
            "W._far_sheets = lambda self: time.sleep(0.5) or survey(self)\nopened = []\n"
            "W._open_calamine_meanwhile = lambda self: opened.append(1) or meanwhile(self)\n"
            "books = []\nopen_book = xlsx.open_book\nxlsx.open_book = lambda path: books.append(1) or open_book(path)\n"
            "code = cli.main(sys.argv[1:])\n"
            "print(f'forks {len(forks)} opened meanwhile {len(opened)} books {len(books)} exit {code}', "
            "file=sys.stderr)")
    ran = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, timeout=120)
    main(command)
    assert ran.stdout == capsys.readouterr().out
    assert ran.stderr.strip().splitlines()[-1] == "forks 1 opened meanwhile 1 books 1 exit 1"  # and not again


WAITING = """\
import time
from sip_excel.alongside import Alongside
ahead = Alongside({"slow": lambda: time.sleep(0.5) or "slow", "next": lambda: "next"})
print(ahead.would_wait(), ahead.result("slow"), ahead.would_wait(), ahead.result("next"))
print(Alongside({"here": lambda: 1}, worth_it=False).would_wait())
import os, resource
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # a pipe past descriptor 1023, as a long-lived host
if hard == resource.RLIM_INFINITY or hard > 1501:        # may have (select() would refuse it)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1502), hard))
    ahead = Alongside({"slow": lambda: time.sleep(0.5) or "slow"})
    os.dup2(ahead._pipe.fileno(), 1501)
    ahead._pipe = os.fdopen(1501, "rb")
    print(ahead.would_wait(), ahead.result("slow"))
else:
    print("no descriptor past 1023 here")
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="only where the platform can fork")
def test_whether_asking_now_would_wait():
    """True while the other process is at work and has sent nothing; False once results are taken, and where the
    work is done here (it never waits on another process)."""
    import subprocess
    import sys

    ran = subprocess.run([sys.executable, "-c", WAITING], capture_output=True, text=True, timeout=60)
    lines = ran.stdout.split("\n")
    assert lines[:2] == ["True slow False next", "False"], ran.stderr
    assert lines[2] in ("True slow", "no descriptor past 1023 here")  # the limit on open files may not allow one
