"""Work done in another process while this one reads: the same result whether or not it could be."""
from __future__ import annotations

import os
import threading

import pytest

from sip_excel import xlsx
from sip_excel.alongside import alongside

from .conftest import SAMPLE

RESULT = {(1, 2): "mmm-yy", (3, 4): "=SUM(A1:A2)"}


def test_the_result_comes_back_from_the_other_process():
    parent = os.getpid()
    possible = hasattr(os, "fork") and threading.active_count() == 1
    assert alongside(lambda: (os.getpid() != parent, RESULT))() == (possible, RESULT)


def test_work_that_fails_in_the_other_process_is_done_here():
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("the other process failed")
        return RESULT

    assert alongside(work)() == RESULT


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
