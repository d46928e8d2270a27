"""The committee report's front: build it from the inputs to a file, and where it goes by default.

The work lives in :mod:`sip_excel.committee` (context, sentences, appendix, template, render); this module
keeps the names the command line and the Excel button have always used.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from .committee.appendix import CELL_COLOURS
from .committee.context import ReportInputs, build_context
from .committee.render import PreparedReport, prepare
from .committee.template import DEFAULT_TEMPLATE, check_template, open_template

log = logging.getLogger(__name__)

__all__ = ["ReportInputs", "PreparedReport", "prepare", "build_report", "report_context", "default_output",
           "unused_name", "DEFAULT_TEMPLATE", "CELL_COLOURS", "open_template", "check_template"]


def report_context(inputs: ReportInputs) -> dict[str, Any]:
    """Every placeholder of the template and its value (the chart is added when rendering)."""
    return build_context(inputs).as_dict()


def build_report(inputs: ReportInputs, output: Path, *, template: Path | None = None, force: bool = False,
                 protect: tuple[Path, ...] = ()) -> Path:
    """Render the report, then write it atomically."""
    return prepare(inputs, template=template).save(output, force=force, protect=protect)


def default_output(plan_path: Path, as_of: dt.date) -> Path:
    """'<plan> - committee report 2017-08-31.docx' next to the plan."""
    return plan_path.with_name(f"{plan_path.stem} - committee report {as_of.isoformat()}.docx")


def unused_name(path: Path) -> Path:
    """The path itself, or 'name (2).docx', 'name (3).docx', ... whichever does not exist yet."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate
