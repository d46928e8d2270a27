"""The committee report: a Word document rendered from a docxtpl template, checked before rendering."""
from __future__ import annotations

import datetime as dt
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Config
from .errors import TemplateError
from .files import write_atomically
from .model import Action, Plan
from .narrative import (amber_sentence, number, brag_sentence, completion_sentence, overdue_sentence, travel_sentence,
                        validation_sentence)
from .rollup import STALE_CODES, Rollup
from .sandbox import GuardedEnvironment, render as render_sandboxed
from .travel import Travel
from .validate import Report

log = logging.getLogger(__name__)

def _bundled_template() -> Path:
    """The template that ships with sip-excel (top-level templates/ in the source tree)."""
    from importlib.resources import files

    try:
        return Path(str(files("sip_excel.templates") / "committee_report.docx"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "templates" / "committee_report.docx"


DEFAULT_TEMPLATE = _bundled_template()
CELL_COLOURS = {"Blue": "9DC3E6", "Red": "F4B6B5", "Amber": "FFD966", "Green": "C5E0B3", "Unrated": "E7E6E6"}
LONG_TEXT = 400


@dataclass
class ReportInputs:
    """Everything the report is made from."""

    plan: Plan
    config: Config
    validation: Report
    rollup: Rollup
    travel: Travel | None = None


def _short(text: str, limit: int = LONG_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _item(action: Action, **extra: Any) -> dict[str, Any]:
    status = action.status or "Unrated"
    ref = action.ref or "(no ref)"
    return {
        "ref": ref, "label": f"P{action.priority} {ref}" if action.priority else ref,
        "action": _short(action.text("action"), 250),
        "start": str(action.start) if action.start and action.start.plausible else action.text("start"),
        "end": str(action.end) if action.end and action.end.plausible else action.text("end"),
        "lead": action.text("lead_officer"), "status": status, "colour": CELL_COLOURS[status],
        "comments": _short(action.text("comments")), "priority": action.priority, **extra,
    }


def report_context(inputs: ReportInputs) -> dict[str, Any]:
    """Every placeholder of the template, from the plan, the roll-up and the settings (chart added on render)."""
    plan, config, rollup, validation, travel = (inputs.plan, inputs.config, inputs.rollup, inputs.validation,
                                                inputs.travel)
    meta, today = config.report, rollup.as_of
    completed_now = travel.completed if travel else [a for a in plan.actions if a.is_complete]
    stale_reasons: dict[int, str] = {}
    for finding in validation.findings:
        if finding.code in STALE_CODES:
            stale_reasons.setdefault(finding.row, finding.message)
    amber_not_yet_due = sum(1 for a in plan.actions if a.status == "Amber" and not a.is_overdue(today))
    main = [
        f"The {meta.plan_name} sets out specific aims, with corresponding actions and measures, under "
        f"{number(len(plan.priorities))} priorities. This report gives progress at {today:%d %B %Y}.",
        f"{completion_sentence(rollup)} {brag_sentence(rollup)}",
        " ".join(s for s in (amber_sentence(amber_not_yet_due, rollup), overdue_sentence(rollup, today)) if s),
        travel_sentence(travel),
    ]
    rows = [{"label": r["label"], "blue": r["Blue"], "red": r["Red"], "amber": r["Amber"], "green": r["Green"],
             "unrated": r["Unrated"], "total": r["Total"], "complete": r["% complete"], "overdue": r["Overdue"]}
            for r in rollup.table[rollup.table["level"] != "section"].to_dict(orient="records")]
    return {
        "committee": meta.committee, "meeting_date": meta.meeting_date.strftime("%d %B %Y").lstrip("0")
        if meta.meeting_date else "", "subject": meta.subject, "public": meta.public,
        "report_of": meta.report_of, "author": meta.report_author, "author_role": meta.author_role,
        "author_telephone": meta.author_telephone, "author_email": meta.author_email,
        "plan_name": meta.plan_name, "as_of": f"{today:%d %B %Y}",
        "summary": f"This report updates Members on the {meta.plan_name}, appended, at {today:%d %B %Y}. "
                   f"{completion_sentence(rollup)} {brag_sentence(rollup)}",
        "main_paragraphs": [p for p in main if p],
        "rollup_rows": rows,
        "achievements_intro": (f"Completed since {travel.previous_as_of:%d %B %Y}:" if travel and
                               travel.previous_as_of else "Completed since the previous version of the plan:")
        if travel else "Actions completed:",
        "achievements": [_item(a) for a in completed_now],
        "challenges": [_item(a) for a in plan.actions if a.status in ("Red", "Amber")],
        "overdue": [_item(a) for a in plan.actions if a.is_overdue(today)],
        "stale": [_item(a, reason=stale_reasons[a.row + 1]) for a in plan.actions if a.row + 1 in stale_reasons],
        "validation_summary": validation_sentence(validation),
        "priorities": [{"name": p.name, "title": p.title,
                        "actions": [_item(a) for a in plan.actions if a.priority == p.number]}
                       for p in plan.priorities],
    }


def open_template(path: Path | None):
    """Load a template, refusing in one line anything that is not a usable .docx."""
    from docxtpl import DocxTemplate

    path = Path(path) if path else DEFAULT_TEMPLATE
    if not path.is_file():
        raise TemplateError(f"template {path} not found. Give an existing .docx with --template, or reinstall "
                            "sip-excel to restore templates/committee_report.docx.")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"template {path} is not a Word .docx file. Save it from Word as 'Word Document "
                            "(*.docx)'.")
    try:
        return DocxTemplate(str(path))
    except Exception as error:
        raise TemplateError(f"template {path} could not be opened as a Word document ({error}).") from None


def check_template(template, context: dict[str, Any], path: Path | None) -> None:
    """Name, before anything is rendered, every placeholder the template uses that the tool cannot fill."""
    from jinja2 import TemplateSyntaxError

    try:
        unknown = sorted(template.get_undeclared_template_variables(jinja_env=GuardedEnvironment(),
                                                                    context=context))
    except TemplateSyntaxError as error:
        raise TemplateError(f"template {path or DEFAULT_TEMPLATE} has a broken placeholder near "
                            f"'{error.source.splitlines()[error.lineno - 1][:60] if error.source else ''}': "
                            f"{error.message}. Check the braces {{{{ }}}} and {{% %}} in Word.") from None
    if unknown:
        known = ", ".join(sorted(context))
        raise TemplateError(f"template {path or DEFAULT_TEMPLATE} uses placeholder(s) the tool cannot fill: "
                            f"{', '.join('{{ ' + name + ' }}' for name in unknown)}. Known placeholders: {known}.")


def build_report(inputs: ReportInputs, output: Path, *, template: Path | None = None, force: bool = False,
                 protect: tuple[Path, ...] = ()) -> Path:
    """Check the template, render it, and write the document atomically."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    from .chart import brag_chart

    doc = open_template(template)
    context = report_context(inputs)
    context["chart"] = None
    check_template(doc, context, template)
    context["chart"] = InlineImage(doc, brag_chart(inputs.rollup), width=Mm(160))
    try:
        render_sandboxed(doc, context)
    except Exception as error:
        raise TemplateError(f"template {template or DEFAULT_TEMPLATE} could not be filled in ({error}). Check "
                            "the {%p for %} / {%tr for %} lines have their matching endfor.") from None
    return write_atomically(output, lambda target: doc.save(str(target)), force=force, protect=protect)


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
