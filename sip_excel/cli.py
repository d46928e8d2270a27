"""The command line: `sip-excel validate|rollup|report|rules`, a thin layer over the library."""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any
from pathlib import Path
from typing import NoReturn

from . import __version__
from .errors import SipError, os_error_message
from .terminal import VisibleFormatter, say_warnings, stdout_to_devnull, visible, write_out
from .typed_dates import parse_typed_date

log = logging.getLogger(__name__)

DESCRIPTION = """\
Check, count and report on a Service Improvement Plan kept in Excel.

  sip-excel validate PLAN.xlsx            list every problem, cell by cell
  sip-excel rollup PLAN.xlsx              BRAG counts, completion and overdue per priority
  sip-excel report PLAN.xlsx -o OUT.docx  write the committee report in Word
  sip-excel rules                         list the checks and their codes

The workbook is only ever read. Settings (as-of date, officers, report
details) come from its Settings sheet; options given here override them.
Exit codes: 0 no errors, 1 the plan has errors, 2 the command could not run.
"""
SETTINGS_HELP = """\
the Settings sheet (optional), in the plan's workbook (| separates the cells):
  one setting a row: As of date | 31/08/2017, Staleness window (days) | 92, ...
  then tables, each a row with its name and the entries below it (a row of
  headings between is optional), a blank row after:
    Officers         RG | Rita Green | Head of Service
    BRAG spellings   Signed off | Blue
    Column aliases   RAG status | Colour    (a column under another label)
    Severities       SIP503 | warning
"""
EPILOG = """\
examples:
  sip-excel validate workbook/sip_2017_18.xlsx
  sip-excel validate plan.xlsx --as-of 31/08/2017 --output findings.xlsx
  sip-excel rollup plan.xlsx --previous plan-june.xlsx
  sip-excel report plan.xlsx -o committee-report.docx

'sip-excel COMMAND --help' shows each command's options and more examples.
"""


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake on the command line is one line (not the usage block), with where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"sip-excel: error: {visible(message)}. See '{self.prog} --help'.\n")


def _date(text: str) -> dt.date:
    try:
        return parse_typed_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PLAN.xlsx", help="the plan workbook (.xlsx or .xlsm); only read")
    parser.add_argument("--sheet", metavar="NAME",
                        help="the plan's sheet, in any case (default: the sheet whose plan table has the most actions)")
    parser.add_argument("--as-of", type=_date, metavar="DATE",
                        help="read the plan as at this date, 31/08/2017 or 2017-08-31 (default: Settings, else today)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sip-excel", description=DESCRIPTION, epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks (for reporting a bug)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("validate", help="check the plan and list every problem by cell",
                                description="Check dates, refs, BRAG statuses, officers and comments. Findings are "
                                "grouped by priority; each names its cell, e.g. E57.",
                                epilog="examples:\n  sip-excel validate workbook/sip_2017_18.xlsx\n"
                                "  sip-excel validate plan.xlsx --as-of 31/08/2017\n"
                                "  sip-excel validate plan.xlsx --select SIP3 --ignore SIP306  (dates, not overdue)\n"
                                "  sip-excel validate plan.xlsx --format json > findings.json\n"
                                "  sip-excel validate plan.xlsx --format csv > findings.csv\n"
                                "  sip-excel validate plan.xlsx -o findings.xlsx  (a new workbook of the findings)\n"
                                f"\n{SETTINGS_HELP}"
                                "\nexit codes: 0 no errors, 1 the plan has errors, 2 the command could not run.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(check)
    check.add_argument("--format", choices=("text", "json", "csv"), default="text",
                       help="what to print (default: text; json and csv keep the plan's text exactly)")
    check.add_argument("--select", metavar="CODES", help="only these codes or prefixes, e.g. SIP3,SIP401")
    check.add_argument("--ignore", metavar="CODES", help="leave out these codes or prefixes, e.g. SIP306")
    check.add_argument("-o", "--output", type=Path, metavar="FILE",
                       help="also write the findings to a new .xlsx, .csv or .json file")
    check.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    check.set_defaults(run=run_validate)

    rules = commands.add_parser("rules", help="list every check with its code, severity and description",
                                description="List every check: its code, default severity and what it looks for. "
                                "Codes are grouped by theme (SIP3xx: dates), so --select SIP3 means all date checks.")
    rules.set_defaults(run=run_rules)

    rollup = commands.add_parser("rollup", help="counts per priority and per BRAG status, completion, overdue",
                                 description="The plan's figures: per priority (and section), the actions at each "
                                 "BRAG status, % complete, overdue, stale comments and open errors, with a total.",
                                 epilog="examples:\n  sip-excel rollup workbook/sip_2017_18.xlsx\n"
                                 "  sip-excel rollup plan.xlsx --format csv > rollup.csv\n"
                                 "  sip-excel rollup plan.xlsx --previous plan-june.xlsx   (what changed since June)",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(rollup)
    rollup.add_argument("--format", choices=("text", "json", "csv"), default="text",
                        help="what to print (default: text, a table; csv opens in Excel)")
    rollup.add_argument("--previous", type=Path, metavar="OLD.xlsx",
                        help="an earlier copy of the plan, to show what changed since")
    rollup.set_defaults(run=run_rollup)

    report = commands.add_parser("report", help="write the committee report as a Word document",
                                 description="Write the committee report as a new Word document: figures per "
                                 "priority, a chart, achievements, challenges, overdue actions and the plan as "
                                 "Appendix 1. The plan is only read; the report's details come from its Settings sheet.",
                                 epilog="examples:\n  sip-excel report workbook/sip_2017_18.xlsx -o report.docx\n"
                                 "  sip-excel report plan.xlsx --previous plan-june.xlsx -o report.docx --force\n"
                                 "  sip-excel report plan.xlsx --template my-template.docx --meeting-date 14/09/2017\n"
                                 "\nThe template is filled in a sandbox: it cannot run commands or read files.",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(report)
    report.add_argument("-o", "--output", type=Path, metavar="OUT.docx",
                        help="where to write the report (default: next to the plan, dated)")
    report.add_argument("--template", type=Path, metavar="FILE.docx",
                        help="a Word template to use instead of the bundled one")
    report.add_argument("--previous", type=Path, metavar="OLD.xlsx",
                        help="an earlier copy of the plan, for the direction of travel")
    report.add_argument("--force", action="store_true", help="replace the output file if it exists")
    for flag, text in (("--committee", "committee name"), ("--meeting-date", "meeting date (31/08/2017 or 2017-08-31)"),
                       ("--author", "report author"), ("--report-of", "report of")):
        report.add_argument(flag, type=_date if flag == "--meeting-date" else str, help=f"override the {text}")
    report.set_defaults(run=run_report)
    return parser


# What a command built, kept until the process ends when it runs as the `sip-excel` command (see :func:`run`).
_KEPT: list[Any] | None = None


def run_validate(args: argparse.Namespace) -> int:
    from .files import check_target, write_atomically
    from .findings import parse_codes
    from .xlsx import WorkbookFile

    codes = {"select": parse_codes(args.select) or None, "ignore": parse_codes(args.ignore) or None}
    # The workbook is opened before the rest of the library is imported: a big plan's sheets are surveyed and
    # scanned in another process meanwhile (see WorkbookFile). It is only read.
    with WorkbookFile(args.path) as workbook:
        from .api import load
        from .formatters import FILE_WRITERS, FORMATTERS
        from .validate import validate

        if args.output is not None and args.output.suffix.lower() not in FILE_WRITERS and not args.output.is_dir():
            *others, last = FILE_WRITERS
            raise SipError(f"--output must end in {', '.join(others)} or {last}; got '{args.output.name}'. To print "
                           "the findings instead, leave out --output and add --format json or csv.")
        if args.output is not None:
            check_target(args.output, force=args.force, protect=[args.path])  # before the work, not after it
        plan, config = load(workbook, sheet=args.sheet, as_of=args.as_of, **codes)
    say_warnings(plan)
    report = validate(plan, config)
    if _KEPT is not None:
        _KEPT.append((plan, report))
    write_out(FORMATTERS[args.format](report, plan))
    if args.output is not None:
        writer = FILE_WRITERS[args.output.suffix.lower()]
        write_atomically(args.output, lambda target: writer(report, plan, target), force=args.force,
                         protect=[args.path])
        print(f"Findings written to {visible(str(args.output))}", file=sys.stderr)
    return report.return_code


def run_rules(args: argparse.Namespace) -> int:
    from .rules import all_rules

    write_out("".join(f"{rule.code}  {rule.severity:<8}{rule.description().split(': ', 1)[-1]}\n"
                      for rule in all_rules()))
    return 0


def run_rollup(args: argparse.Namespace) -> int:
    from .report_cli import rollup_command

    return rollup_command(args)


def run_report(args: argparse.Namespace) -> int:
    from .report_cli import report_command

    return report_command(args)


def main(argv: Sequence[str] | None = None) -> int:
    # A run is short and builds hundreds of thousands of small acyclic records; the cyclic
    # garbage collector would only re-scan them (about 12% of a large validate).
    gc.disable()
    parser = build_parser()
    args = parser.parse_args(argv)
    _log_visibly(args.debug)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except SipError as error:
        return _fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        print("sip-excel: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, and nothing to say it to
        stdout_to_devnull()
        return 141
    except OSError as error:  # a file the operating system refused: say which and why, not "unexpected"
        if args.debug:
            raise
        return _fail(f"{os_error_message(error)} Nothing was written.", 2)
    except Exception as error:  # the last resort: one line, never a traceback, unless --debug
        if args.debug:
            raise
        return _fail(f"unexpected {type(error).__name__}: {error}. Nothing was written. "
                     "Run again with --debug and report the output.", 2)


def _fail(message: str, exit_code: int) -> int:
    print(f"sip-excel: error: {visible(message)}", file=sys.stderr)
    return exit_code


def _log_visibly(debug: bool) -> None:
    """Warnings (from logging or the warnings module) as one 'sip-excel: warning: ...' line, plan text shown safely."""
    import warnings

    handler = logging.StreamHandler()
    handler.setFormatter(VisibleFormatter())
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
    if not debug:
        warnings.showwarning = lambda message, *rest, **kwargs: print(
            f"sip-excel: warning: {visible(str(message))}", file=sys.stderr)


def run() -> NoReturn:
    """The `sip-excel` command: :func:`main`, then the process ends without taking apart, object by object, the
    plan and findings it built (some 40 ms of 50,000 actions); everything it wrote is flushed first."""
    global _KEPT
    _KEPT = []
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader went away (`| head`) or the stream is closed
            code = code or 141
    os._exit(code)


if __name__ == "__main__":
    run()
