"""Benchmark: how many Excel actions one Validate click records on the sample workbook.

Run on demand:  python bench/bench_excel.py
Uses xlwings' remote engine (XLWINGS_LICENSE_KEY=noncommercial, public-sector non-commercial use),
which records each call the button makes to Excel.  Everything is grouped into a fixed number of
bulk writes; the cell notes (which Excel adds one cell at a time) go in one call to the workbook's
ApplyNotes macro, which loops inside Excel.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("SIP_EXCEL_LOG", os.devnull)

from excel_sim import actions, apply, open_book, workbook_payload  # noqa: E402

from sip_excel import excel  # noqa: E402


def main() -> None:
    payload = workbook_payload(ROOT / "workbook" / "sip_2017_18.xlsx")
    for label in ("first click", "second click"):
        book = open_book(payload)
        start = time.perf_counter()
        report = excel.validate(book)
        elapsed = time.perf_counter() - start
        recorded = actions(book)
        counts = Counter(a["func"] for a in recorded)
        notes = counts["addNote"] + counts["deleteNote"]
        print(f"{label}: {len(report.findings)} findings, {len(recorded)} Excel actions "
              f"({counts['runMacro']} of them the ApplyNotes call, {notes} single-note actions), "
              f"{elapsed:.2f} s in Python")
        print("   ", dict(sorted(counts.items())))
        payload = apply(payload, recorded)


if __name__ == "__main__":
    main()
