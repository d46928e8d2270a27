"""Benchmark: `sip-excel validate` against bare reads of the same file, each in a fresh process.

Run on demand:  python bench/bench_validate.py [SIZES...]   (needs pip install -e ".[build]" for XlsxWriter)
A size may end in "+far" (10000+far): the same plan with one stray cell at XFD1048576.
Prints wall time of the command as typed (text output) and with --format json, the
ratios to a bare python-calamine read and to an openpyxl read-only read (both
iterating every row), and each process's peak memory. The ratios are of the best
times, and again ("paired") as the median of each run's ratio to the mean of the two
calamine reads run just before and after it, which a slow spell of the machine moves
less. Each command runs REPEATS times, the commands taking turns with a calamine read
between every two, and the best time is kept; sip_excel's bytecode
is compiled first, as an installed package has it.
Goal: from 10,000 actions up, validate <= 3x the calamine read; < 300 MB at 50,000.

    python bench/bench_validate.py --phases [SIZES...]
splits validate's time, in one process, into its phases (reading the values and
number formats, building the plan, running the rules, writing JSON) and prints
each against the bare calamine read of the same file: where the time goes.
"""
from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


SIZES = [100, 1_000, 10_000, 50_000]
# Each command runs this many times, the commands taking turns, and the best time is kept: this machine's speed
# varies by a third from one second to the next, and nine turns gave steadier ratios than five.
REPEATS = 9
# A plan with one stray cell far away (XFD1048576): the read must cost what the plan holds, not what the cells
# span. Given as a size with "+far" (10000+far); run by default for 10,000 actions.
FAR = ["10000+far"]
CALAMINE = ("import sys, python_calamine as c\nb = c.CalamineWorkbook.from_path(sys.argv[1])\n"
            "rows = b.get_sheet_by_name(b.sheet_names[0]).to_python()\nprint(len(rows))")
OPENPYXL = ("import sys, openpyxl\nb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
            "print(sum(1 for _ in b.worksheets[0].iter_rows(values_only=True)))")
BUILD = ("import sys\nfrom pathlib import Path\nsys.path.insert(0, %r)\n"
         "from synthetic import add_stray_cells, build_plan\n"
         "actions, _, far = sys.argv[1].partition('+')\npath = build_plan(int(actions), Path(sys.argv[2]))\n"
         "if far:\n    add_stray_cells(path)\n") % str(Path(__file__).resolve().parent)


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall time of one run in a fresh process, and its peak resident memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command} failed")
    return elapsed, usage.ru_maxrss / 1024


def check_runs(command: list[str]) -> None:
    """Stop unless the command validates the plan: exit 1 means "the plan has errors", but a Python that cannot
    import sip_excel exits 1 too, and was timed as a 0.05 s validate before this check."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode not in (0, 1) or " checked on " not in done.stdout or done.stderr.strip():
        raise SystemExit(f"{' '.join(command)} did not validate the plan (exit {done.returncode}):\n"
                         f"{done.stderr.strip()[-2000:]}")


def measure(commands: dict[str, list[str]]) -> dict[str, tuple[float, float, list[float]]]:
    """Best wall time over REPEATS runs of each command, its peak memory, and each run's time over the mean of
    the two calamine reads run just before and just after it. The calamine read runs between every two other
    commands, so each of them is flanked by two: a slow spell of the machine (this one's speed varies by a
    third from one second to the next) falls on the command and its neighbours alike."""
    baseline, others = "calamine", [name for name in commands if name != "calamine"]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    before: dict[str, list[int]] = {name: [] for name in others}  # which calamine read ran just before each run
    runs[baseline].append(run_once(commands[baseline]))
    for _ in range(REPEATS):
        for name in others:
            before[name].append(len(runs[baseline]) - 1)
            runs[name].append(run_once(commands[name]))
            runs[baseline].append(run_once(commands[baseline]))
    reads = [t for t, _ in runs[baseline]]
    ratios = {name: [t / ((reads[b] + reads[b + 1]) / 2) for (t, _), b in zip(runs[name], before[name])]
              for name in others}
    # The calamine read runs three times as often as each other command; its best is taken over as many runs
    # as theirs (those just before the first of them in each turn), or the best-of ratios would compare the
    # luckiest of 28 runs with the luckiest of nine.
    runs[baseline] = [runs[baseline][b] for b in before[others[0]]]
    return {name: (min(t for t, _ in found), max(m for _, m in found), ratios.get(name, []))
            for name, found in runs.items()}


def paired(times: dict[str, tuple[float, float, list[float]]], name: str) -> float:
    """The median, over the turns, of a command's time over the mean of the calamine reads just before and after
    it (see :func:`measure`)."""
    return statistics.median(times[name][2])


def main(sizes: list[int]) -> None:
    # An installed package has its bytecode compiled; an editable one with PYTHONDONTWRITEBYTECODE set would
    # compile sip_excel afresh in every run, which is not what a user's click costs.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "sip_excel", quiet=1)
    print(f"{'actions':>9} {'validate s':>11} {'--json s':>9} {'calamine s':>11} {'openpyxl s':>11} "
          f"{'v/calamine':>11} {'json/cal':>9} {'paired v':>9} {'paired j':>9} {'v/openpyxl':>11} "
          f"{'validate MB':>12} {'calamine MB':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = synthetic_plan(size, Path(folder))
            # The bare reads of a plan with a stray far cell read the same plan without it: calamine would ask
            # for a dense range of 17,000 million cells and abort.
            plain = synthetic_plan(str(size).partition("+")[0], Path(folder)) if "+" in str(size) else path
            command = [sys.executable, "-m", "sip_excel.cli", "validate", str(path), "--as-of", "2017-08-31"]
            check_runs(command)
            times = measure({
                "calamine": [sys.executable, "-c", CALAMINE, str(plain)],
                "validate": command,  # as typed: findings as text
                "json": [*command, "--format", "json"],
                "openpyxl": [sys.executable, "-c", OPENPYXL, str(plain)],
            })
            (validate, validate_mb, _), (as_json, json_mb, _) = times["validate"], times["json"]
            (calamine, calamine_mb, _), (openpyxl, _, _) = times["calamine"], times["openpyxl"]
            print(f"{str(size):>9} {validate:>11.3f} {as_json:>9.3f} {calamine:>11.3f} {openpyxl:>11.3f} "
                  f"{validate / calamine:>11.2f} {as_json / calamine:>9.2f} {paired(times, 'validate'):>9.2f} "
                  f"{paired(times, 'json'):>9.2f} {validate / openpyxl:>11.2f} "
                  f"{max(validate_mb, json_mb):>12.0f} {calamine_mb:>12.0f}", flush=True)


def phases(sizes: list[int]) -> None:
    """Best-of-REPEATS time of each phase of validate, in this process, against a bare calamine read."""
    import datetime as dt
    import gc

    import python_calamine

    from sip_excel.config import Config
    from sip_excel.formatters import format_json
    from sip_excel.reader import read_plan
    from sip_excel.validate import validate
    from sip_excel.xlsx import WorkbookFile

    gc.disable()  # as the command line runs
    config = Config().with_overrides(as_of=dt.date(2017, 8, 31))
    names = ("calamine", "read", "plan", "rules", "json")
    print(f"{'actions':>8} " + " ".join(f"{name + ' s':>10}" for name in names)
          + " " + " ".join(f"{name + '/cal':>10}" for name in names[1:]) + f" {'us/action':>10}")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = synthetic_plan(size, Path(folder))
            best = dict.fromkeys(names, float("inf"))
            plain = synthetic_plan(str(size).partition("+")[0], Path(folder)) if "+" in str(size) else path
            for _ in range(REPEATS):
                times = [time.perf_counter()]
                book = python_calamine.CalamineWorkbook.from_path(str(plain))
                book.get_sheet_by_name(book.sheet_names[0]).to_python()
                times.append(time.perf_counter())
                with WorkbookFile(path) as workbook:
                    grid = workbook.grid(workbook.sheet_names[0])
                times.append(time.perf_counter())
                plan = read_plan(grid, config)
                times.append(time.perf_counter())
                report = validate(plan, config)
                times.append(time.perf_counter())
                format_json(report, plan)
                times.append(time.perf_counter())
                for name, start, end in zip(names, times, times[1:]):
                    best[name] = min(best[name], end - start)
                del book, grid, plan, report
                gc.collect()
            calamine = best["calamine"]
            after_read = sum(best[name] for name in names[2:])
            print(f"{str(size):>8} " + " ".join(f"{best[name]:>10.3f}" for name in names) + " "
                  + " ".join(f"{best[name] / calamine:>10.2f}" for name in names[1:])
                  + f" {after_read / int(str(size).split('+')[0]) * 1e6:>10.1f}", flush=True)


def synthetic_plan(size: int | str, folder: Path) -> Path:
    """The synthetic plan of a size: a number of actions, or that number with "+far" for a stray far cell.

    Built in a process of its own: Linux counts a parent's peak memory at the moment it starts a command in
    that command's peak too, so a benchmark that had built a big plan itself would floor every figure at its
    own size (it did: 103 MB for a bare calamine read of 10,000 actions, which needs 36 MB)."""
    path = folder / f"plan-{size}.xlsx"
    if not path.exists():
        subprocess.run([sys.executable, "-c", BUILD, str(size), str(path)], check=True)
    return path


def sizes_given(arguments: list[str]) -> list[int | str]:
    """The sizes named on the command line (numbers of actions, or a number with "+far"), else the defaults."""
    sizes: list[int | str] = []
    for argument in arguments:
        actions, plus, far = argument.partition("+")
        if not actions.isdecimal() or int(actions) < 1 or (plus and far != "far"):
            raise SystemExit(f"bench_validate: '{argument}' is not a size: give a number of actions (10000), or one "
                             "with a stray far cell (10000+far). --help says more.")
        sizes.append(argument if plus else int(actions))
    return sizes or SIZES + FAR


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if {"-h", "--help"} & set(arguments):
        print(__doc__)
        raise SystemExit(0)
    run = phases if "--phases" in arguments else main
    run(sizes_given([a for a in arguments if a != "--phases"]))
