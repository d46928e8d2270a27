"""Work done in another process while this one reads: the same result whether or not it could be."""
from __future__ import annotations

import os

import pytest

from sip_excel import xlsx
from sip_excel.alongside import _single_threaded, alongside

from .conftest import SAMPLE

RESULT = {(1, 2): "mmm-yy", (3, 4): "=SUM(A1:A2)"}


def test_the_result_comes_back_from_the_other_process():
    parent = os.getpid()
    possible = hasattr(os, "fork") and _single_threaded()
    assert alongside(lambda: (os.getpid() != parent, RESULT))() == (possible, RESULT)


def test_work_that_fails_in_the_other_process_is_done_here():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("the other process failed")
        return RESULT

    assert alongside(work)() == RESULT


def test_with_another_thread_running_the_work_is_done_here():
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        parent = os.getpid()
        assert alongside(lambda: os.getpid() == parent)() is True
    finally:
        stop.set()
        other.join()


def test_without_fork_the_work_is_done_when_asked(monkeypatch):
    monkeypatch.delattr(os, "fork", raising=False)
    done = []
    result = alongside(lambda: done.append("now") or RESULT)
    assert done == []
    assert result() == RESULT and done == ["now"]


@pytest.mark.parametrize("sheet", ["SIP 2017-18", "Settings"])
def test_a_sheet_scanned_alongside_reads_the_same(monkeypatch, sheet):
    with xlsx.WorkbookFile(SAMPLE) as workbook:
        here = workbook.grid(sheet)
    monkeypatch.setattr(xlsx, "ALONGSIDE_BYTES", 0)
    with xlsx.WorkbookFile(SAMPLE) as workbook:
        there = workbook.grid(sheet)
    assert here.number_formats and (here.number_formats, here.formulas, here.errors, here.rows) == (
        there.number_formats, there.formulas, there.errors, there.rows)


def test_a_result_no_longer_wanted_is_only_waited_for():
    result = alongside(lambda: RESULT)
    assert result(wanted=False) is None
    with pytest.raises(ChildProcessError):  # the other process has ended and been waited for
        os.waitpid(-1, os.WNOHANG)


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


@pytest.mark.skipif(not hasattr(os, "fork"), reason="only where the platform can fork")
def test_a_fresh_process_hands_the_work_to_another():
    """In a fresh interpreter (as the command line runs), the work really runs in the other process."""
    import subprocess
    import sys

    code = ("import os\nfrom sip_excel.alongside import alongside\nparent = os.getpid()\n"
            "print(alongside(lambda: os.getpid() != parent)())")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert ran.stdout.strip() == "True", ran.stderr
