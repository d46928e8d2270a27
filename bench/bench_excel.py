"""Benchmark: what one Validate click costs, in Excel calls and in a cold Python process.

Run on demand:  python bench/bench_excel.py
Uses xlwings' remote engine (XLWINGS_LICENSE_KEY=noncommercial, public-sector non-commercial use), which
records each call the button makes to Excel.

1. Excel actions. Everything is grouped into a fixed number of bulk writes; on the desktop route the cell
   notes (which Excel adds one cell at a time) go in one call to the workbook's ApplyNotes macro; on the Lite
   route (no VBA) they go one by one.
2. A cold click. Without xlwings' UDF server, RunPython starts Python afresh on every click, and xlwings
   imports numpy, pandas and matplotlib (when installed, as they are with sip-excel) before any of our code.
   Measured in the same run, each the best of five, taking turns, as whole processes: Python starting
   (`python -c pass`), Python importing xlwings, and a whole Validate click (import xlwings, open the sample
   as the remote engine's Book, validate, write back) with the same book built in advance.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ.setdefault("SIP_EXCEL_LOG", os.devnull)

from excel_sim import actions, apply, open_book, workbook_payload  # noqa: E402

from sip_excel import excel  # noqa: E402

CLICK = ("import json, sys, xlwings as xw\n"
         "from sip_excel import excel\n"
         "book = xw.Book(json=json.load(open(sys.argv[1])))\n"
         "excel.validate(book, route='desktop')\n")


def excel_actions() -> None:
    for route in ("desktop", "lite"):
        payload = workbook_payload(ROOT / "workbook" / "sip_2017_18.xlsx")
        for label in ("first click", "second click"):
            book = open_book(payload)
            start = time.perf_counter()
            report = excel.validate(book, route=route)
            elapsed = time.perf_counter() - start
            recorded = actions(book)
            counts = Counter(a["func"] for a in recorded)
            notes = counts["addNote"] + counts["deleteNote"]
            print(f"{route}, {label}: {len(report.findings)} findings, {len(recorded)} Excel actions "
                  f"({counts['runMacro']} of them the ApplyNotes call, {notes} single-note actions), "
                  f"{elapsed:.2f} s in Python")
            payload = apply(payload, recorded)


def best_of(commands: dict[str, list[str]], runs: int = 5) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SIP_EXCEL_NO_OPEN": "1"}
    times: dict[str, float] = {name: float("inf") for name in commands}
    for _ in range(runs):
        for name, command in commands.items():  # taking turns, so a slow minute slows all alike
            start = time.perf_counter()
            subprocess.run(command, check=True, env=env, capture_output=True)
            times[name] = min(times[name], time.perf_counter() - start)
    return times


def cold_click() -> None:
    payload = workbook_payload(ROOT / "workbook" / "sip_2017_18.xlsx")
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / "book.json"
        book.write_text(json.dumps(payload), encoding="utf-8")
        python = sys.executable
        subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "sip_excel")], check=True)
        times = best_of({
            "Python starts (python -c pass)": [python, "-c", "pass"],
            "+ import xlwings (numpy, pandas, matplotlib)": [python, "-c", "import xlwings"],
            "+ a whole Validate click on the sample": [python, "-c", CLICK, str(book)],
        })
    base = times["Python starts (python -c pass)"]
    print("\ncold click, whole processes, best of 5:")
    for name, seconds in times.items():
        print(f"  {name:<48} {seconds:5.2f} s  ({seconds / base:4.1f} x python -c pass)")
    xlwings = times["+ import xlwings (numpy, pandas, matplotlib)"]
    click = times["+ a whole Validate click on the sample"]
    print(f"  of the click: Python {base:.2f} s, xlwings' imports {xlwings - base:.2f} s, "
          f"reading and validating the sample and writing back {click - xlwings:.2f} s")


if __name__ == "__main__":
    excel_actions()
    cold_click()
