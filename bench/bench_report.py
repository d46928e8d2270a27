"""Benchmark: `sip-excel report` against a bare baseline, each in a fresh process.

Run on demand:  python bench/bench_report.py
The baseline imports the same libraries (pandas, docxtpl, matplotlib), loads
the workbook with python-calamine and saves an empty Word document: the floor
that any report built with these libraries pays.  Prints the ratio.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_validate import measure, synthetic_plan  # noqa: E402

SAMPLE = HERE.parent / "workbook" / "sip_2017_18.xlsx"
BASELINE = (
    "import sys, pandas, docxtpl, matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot\n"
    "import python_calamine as c\nb = c.CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = [b.get_sheet_by_name(n).to_python() for n in b.sheet_names]\n"
    "from docx import Document\nDocument().save(sys.argv[2])\n"
)


def main() -> None:
    print(f"{'plan':>14} {'report s':>9} {'baseline s':>11} {'ratio':>6} {'report MB':>10}")
    with tempfile.TemporaryDirectory() as folder:
        plans = [("sample (113)", SAMPLE), ("10,000", synthetic_plan(10_000, Path(folder)))]
        for name, path in plans:
            out = Path(folder) / "report.docx"
            times = measure({
                "report": [sys.executable, "-m", "sip_excel.cli", "report", str(path), "-o", str(out), "--force",
                           "--as-of", "2017-08-31"],
                "baseline": [sys.executable, "-c", BASELINE, str(path), str(Path(folder) / "empty.docx")],
            })
            (report, report_mb), (baseline, _) = times["report"], times["baseline"]
            print(f"{name:>14} {report:>9.2f} {baseline:>11.2f} {report / baseline:>6.2f} {report_mb:>10.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
