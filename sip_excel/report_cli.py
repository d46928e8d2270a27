"""`sip-excel rollup` and `sip-excel report`: argument handling around the library."""
from __future__ import annotations

import argparse
import zipfile
from dataclasses import replace
from pathlib import Path

from .api import load
from .errors import TemplateError
from .files import check_target
from .report import DEFAULT_TEMPLATE, ReportInputs, build_report, default_output
from .rollup import format_rollup, rollup
from .terminal import visible, write_out
from .travel import compare
from .validate import validate

_WORD_DOCUMENT = b"wordprocessingml.document.main+xml"  # the content type of a .docx's body
_NOT_A_TEMPLATE = {
    ".xlsx": "an Excel workbook", ".xlsm": "an Excel workbook", ".xls": "an Excel workbook",
    ".xlsb": "an Excel workbook", ".doc": "an old-style Word document", ".dotx": "a Word template file (.dotx)",
    ".dotm": "a macro-enabled Word template", ".pdf": "a PDF", ".odt": "an OpenDocument text file",
}


def _inputs(args: argparse.Namespace) -> ReportInputs:
    plan, config = load(args.path, sheet=args.sheet, as_of=args.as_of)
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
        travel = compare(previous, plan, previous_config.as_of)
    return ReportInputs(plan, config, validation, rollup(plan, validation), travel)


def rollup_command(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    text = format_rollup(inputs.rollup, args.format)
    if args.format == "csv":  # section titles come from the plan: none may start a formula in a spreadsheet
        from .formatters import csv_safe_text

        text = csv_safe_text(text)
    elif args.format == "text":  # for a terminal: the plan's titles with control characters shown, not obeyed
        text = visible(text, keep_newlines=True)
        if inputs.travel is not None:
            from .narrative import travel_sentence

            text += f"\n{visible(travel_sentence(inputs.travel))}\n"
    write_out(text)
    return 0


def report_command(args: argparse.Namespace) -> int:
    protect = tuple(path for path in (args.path, args.previous, args.template or DEFAULT_TEMPLATE) if path)
    if args.template is not None:
        check_template_file(args.template)
    if args.output is not None:
        check_target(args.output, force=args.force, protect=protect)  # before the work, not after it
    inputs = _inputs(args)
    output = args.output or default_output(args.path, inputs.rollup.as_of)
    written = build_report(inputs, output, template=args.template, force=args.force, protect=protect)
    write_out(f"Committee report written to {visible(str(written))}\n")
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
