"""`sip-excel rollup` and `sip-excel report`: argument handling around the library."""
from __future__ import annotations

import argparse
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

from .api import load, prepare_report
from .committee.notes import previous_order_note
from .committee.sentences import clean
from .config import Config
from .errors import OutputError, TemplateError
from .files import check_target
from .model import Plan
from .report import DEFAULT_TEMPLATE, default_output
from .rollup import format_rollup, rollup
from .terminal import say_warnings, visible, write_out
from .travel import compare
from .validate import validate

_WORD_DOCUMENT = b"wordprocessingml.document.main+xml"  # the content type of a .docx's body
_NOT_A_TEMPLATE = {
    ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook", ".xls": "an Excel workbook",
    ".xlsb": "an Excel workbook", ".doc": "an old-style Word document", ".dotx": "a Word template file (.dotx)",
    ".dotm": "a macro-enabled Word template", ".pdf": "a PDF", ".odt": "an OpenDocument text file",
}


def _load(args: argparse.Namespace) -> tuple[Plan, Config, tuple[Plan, Config] | None]:
    plan, config = load(args.path, sheet=args.sheet, as_of=args.as_of)
    say_warnings(plan)
    meta = config.report
    for flag, field in (("committee", "committee"), ("meeting_date", "meeting_date"), ("author", "report_author"),
                        ("report_of", "report_of")):
        value = getattr(args, flag, None)
        if value is not None:
            meta = replace(meta, **{field: value})
    previous = load(args.previous, sheet=args.sheet) if args.previous is not None else None
    if previous is not None:
        say_warnings(previous[0])
    return plan, replace(config, report=meta), previous


def rollup_command(args: argparse.Namespace) -> int:
    plan, config, previous = _load(args)
    validation = validate(plan, config)
    travel = compare(previous[0], plan, previous[1].as_of) if previous is not None else None
    counted = rollup(plan, validation)
    if travel is not None and (note := previous_order_note(travel.previous_as_of, counted.as_of, "roll-up")):
        print(f"sip-excel: warning: {visible(note)}", file=sys.stderr)
    text = format_rollup(counted, args.format, travel, plan)
    if args.format == "csv":  # titles and actions come from the plan: none may start a formula in a spreadsheet
        from .formatters import csv_safe_text

        text = csv_safe_text(text)
    elif args.format == "text":  # for a terminal: the plan's text with control characters shown, not obeyed
        text = visible(text, keep_newlines=True)
    write_out(text)
    return 0


def check_output_name(output: Path) -> None:
    """The report is a Word document: an output named otherwise would open as nonsense, so it is refused."""
    if output.suffix.lower() != ".docx":
        raise OutputError(f"the report is a Word document, so its name must end in .docx (not '{output.name}'). "
                          f"Try -o {output.with_suffix('.docx').name}.")


def report_command(args: argparse.Namespace) -> int:
    protect = tuple(path for path in (args.path, args.previous, args.template or DEFAULT_TEMPLATE) if path)
    if args.template is not None:
        check_template_file(args.template)
    if args.output is not None:
        check_target(args.output, force=args.force, protect=protect,  # before the work, not after it
                     example="committee-report.docx")
        check_output_name(args.output)  # after: a folder or a device is better told as such
    plan, config, previous = _load(args)
    prepared = prepare_report(plan, config, previous=previous, template=args.template)
    output = args.output or default_output(args.path, prepared.inputs.rollup.as_of)
    written = prepared.save(output, force=args.force, protect=protect)
    write_out(f"Committee report written to {visible(str(written))}\n{visible(prepared.quality)}\n")
    for warning in prepared.warnings:
        print(f"sip-excel: warning: {visible(clean(warning))}", file=sys.stderr)
    return 0


def check_template_file(path: Path) -> None:
    """Refuse, before any work, a --template that is not a Word .docx: a workbook, a macro-enabled .docm, ..."""
    suffix = path.suffix.lower()
    if suffix == ".docm":
        raise TemplateError(f"template {path} is a macro-enabled Word document (.docm); the tool never uses "
                            "macros. In Word, save it as 'Word Document (*.docx)' and give that.")
    if suffix in _NOT_A_TEMPLATE:
        raise TemplateError(f"template {path} is {_NOT_A_TEMPLATE[suffix]}, not a Word .docx. Start from "
                            "templates/committee_report.docx, or save yours from Word as 'Word Document (*.docx)'.")
    try:
        with zipfile.ZipFile(path) as package:
            types = package.open("[Content_Types].xml").read(1 << 20)
    except (OSError, zipfile.BadZipFile, KeyError):
        return  # missing, unreadable or not a zip: the report's own check says which, in its words
    if _WORD_DOCUMENT not in types:
        kind = ("an Excel workbook" if b"spreadsheetml" in types else
                "a macro-enabled Word document" if b"macroEnabled" in types else "not a Word document")
        raise TemplateError(f"template {path} is {kind}, whatever its name says. Give a Word .docx, e.g. a copy of "
                            "templates/committee_report.docx.")
