"""Benchmark: `sip-excel validate` against bare reads of the same file, each in a fresh process.

Run on demand:  python bench/bench_validate.py [SIZES...]   (needs pip install -e ".[build]" for XlsxWriter)
Prints wall time, the ratio to a bare python-calamine read and to an openpyxl
read-only read (both iterating every row), and each process's peak memory.
Goal: from 10,000 actions up, validate <= 3x the calamine read; < 300 MB at 50,000.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import build_plan  # noqa: E402

SIZES = [100, 1_000, 10_000, 50_000]
CALAMINE = ("import sys, python_calamine as c\nb = c.CalamineWorkbook.from_path(sys.argv[1])\n"
            "rows = b.get_sheet_by_name(b.sheet_names[0]).to_python()\nprint(len(rows))")
OPENPYXL = ("import sys, openpyxl\nb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
            "print(sum(1 for _ in b.worksheets[0].iter_rows(values_only=True)))")
REPEATS = 3


def measure(command: list[str]) -> tuple[float, float]:
    """Best wall time over REPEATS runs, and peak resident memory in MB."""
    best, peak = float("inf"), 0.0
    for _ in range(REPEATS):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{command} failed")
    return best, peak


def main(sizes: list[int]) -> None:
    print(f"{'actions':>8} {'validate s':>11} {'calamine s':>11} {'openpyxl s':>11} {'v/calamine':>11} "
          f"{'v/openpyxl':>11} {'validate MB':>12} {'calamine MB':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = build_plan(size, Path(folder) / f"plan-{size}.xlsx")
            validate, validate_mb = measure([sys.executable, "-m", "sip_excel.cli", "validate", str(path),
                                             "--as-of", "2017-08-31", "--format", "json"])
            calamine, calamine_mb = measure([sys.executable, "-c", CALAMINE, str(path)])
            openpyxl, _ = measure([sys.executable, "-c", OPENPYXL, str(path)])
            print(f"{size:>8} {validate:>11.3f} {calamine:>11.3f} {openpyxl:>11.3f} {validate / calamine:>11.2f} "
                  f"{validate / openpyxl:>11.2f} {validate_mb:>12.0f} {calamine_mb:>12.0f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or SIZES)
