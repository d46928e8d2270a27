"""`sip-excel rollup` and `sip-excel report`: argument handling around the library."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from .api import load
from .cli import say_warnings
from .files import check_target
from .report import ReportInputs, build_report, default_output
from .rollup import format_rollup, rollup
from .travel import compare
from .validate import validate


def _inputs(args: argparse.Namespace) -> ReportInputs:
    plan, config = load(args.path, sheet=args.sheet, as_of=args.as_of)
    say_warnings(plan)
    meta = config.report
    for flag, field in (("committee", "committee"), ("meeting_date", "meeting_date"), ("author", "report_author"),
                        ("report_of", "report_of")):
        value = getattr(args, flag, None)
        if value is not None:
            meta = replace(meta, **{field: value})
    config = replace(config, report=meta)
    validation = validate(plan, config)
    travel = None
    if args.previous is not None:
        previous, previous_config = load(args.previous, sheet=args.sheet)
        say_warnings(previous)
        travel = compare(previous, plan, previous_config.as_of)
    return ReportInputs(plan, config, validation, rollup(plan, validation), travel)


def rollup_command(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    sys.stdout.write(format_rollup(inputs.rollup, args.format))
    if inputs.travel is not None and args.format == "text":
        from .narrative import travel_sentence

        print(f"\n{travel_sentence(inputs.travel)}")
    return 0


def report_command(args: argparse.Namespace) -> int:
    protect = (args.path, *((args.previous,) if args.previous else ()))
    if args.output is not None:
        check_target(args.output, force=args.force, protect=protect)  # before the work, not after it
    inputs = _inputs(args)
    output = args.output or default_output(args.path, inputs.rollup.as_of)
    written = build_report(inputs, output, template=args.template, force=args.force, protect=protect)
    print(f"Committee report written to {written}")
    return 0
