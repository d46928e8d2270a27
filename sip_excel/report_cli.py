"""`sip-excel rollup` and `sip-excel report`: argument handling around the library."""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .api import load, prepare_report
from .committee.sentences import clean
from .config import Config
from .errors import OutputError
from .files import check_target
from .model import Plan
from .report import default_output
from .rollup import format_rollup, rollup
from .travel import compare
from .validate import validate


def _load(args: argparse.Namespace) -> tuple[Plan, Config, tuple[Plan, Config] | None]:
    plan, config = load(args.path, sheet=args.sheet, as_of=args.as_of)
    meta = config.report
    for flag, field in (("committee", "committee"), ("meeting_date", "meeting_date"), ("author", "report_author"),
                        ("report_of", "report_of")):
        value = getattr(args, flag, None)
        if value is not None:
            meta = replace(meta, **{field: value})
    previous = load(args.previous, sheet=args.sheet) if args.previous is not None else None
    return plan, replace(config, report=meta), previous


def rollup_command(args: argparse.Namespace) -> int:
    plan, config, previous = _load(args)
    validation = validate(plan, config)
    travel = compare(previous[0], plan, previous[1].as_of) if previous is not None else None
    sys.stdout.write(format_rollup(rollup(plan, validation), args.format, travel, plan))
    return 0


def check_output_name(output: Path) -> None:
    """The report is a Word document: an output named otherwise would open as nonsense, so it is refused."""
    if output.suffix.lower() != ".docx":
        raise OutputError(f"the report is a Word document, so its name must end in .docx (not '{output.name}'). "
                          f"Try -o {output.with_suffix('.docx').name}.")


def report_command(args: argparse.Namespace) -> int:
    protect = (args.path, *((args.previous,) if args.previous else ()))
    if args.output is not None:
        check_output_name(args.output)
        check_target(args.output, force=args.force, protect=protect)  # before the work, not after it
    plan, config, previous = _load(args)
    prepared = prepare_report(plan, config, previous=previous, template=args.template)
    output = args.output or default_output(args.path, prepared.inputs.rollup.as_of)
    written = prepared.save(output, force=args.force, protect=protect)
    print(f"Committee report written to {written}")
    print(prepared.quality)
    for warning in prepared.warnings:
        print(f"sip-excel: warning: {clean(warning)}", file=sys.stderr)
    return 0
