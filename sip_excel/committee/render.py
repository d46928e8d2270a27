"""Render, then save: the document is made in memory (Excel Lite needs it before it has a path), then written."""
from __future__ import annotations

import copy
import io
import uuid
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import TemplateError
from ..files import write_atomically
from ..model import Plan
from .appendix import W_NS, appendix_xml, insert_appendix
from ..names import has_priorities
from .context import ReportContext, ReportInputs, build_context
from .notes import quality_line, warnings
from .template import DEFAULT_TEMPLATE, check_template, open_template

log = logging.getLogger(__name__)
LANGUAGE = "en-GB"
CHART_WIDTH_MM = 150
_W = f"{{{W_NS}}}"


@dataclass
class PreparedReport:
    """A rendered committee report, not yet written anywhere, and what its author is told beside it."""

    document: bytes
    inputs: ReportInputs
    quality: str  # one line with the validation counts, for the author only
    warnings: list[str] = field(default_factory=list)  # settings to check (also for the author only)

    @property
    def author_notes(self) -> list[str]:
        """Everything the author is told, for one alert on the Build report button."""
        return [*self.warnings, self.quality]

    def save(self, output: Path, *, force: bool = False, protect: tuple[Path, ...] = ()) -> Path:
        """Write the document atomically (never half a file, never over the plan)."""
        return write_atomically(Path(output), lambda target: Path(target).write_bytes(self.document), force=force,
                                protect=protect)


def inputs_for(plan: Plan, config: Config, previous: tuple[Plan, Config] | None = None) -> ReportInputs:
    """Validate, roll up and, with an earlier copy, compare: everything the report is made from."""
    from ..rollup import rollup
    from ..travel import compare
    from ..validate import validate

    validation = validate(plan, config)
    travel = compare(previous[0], plan, previous[1].as_of) if previous is not None else None
    return ReportInputs(plan, config, validation, rollup(plan, validation), travel)


def prepare(inputs: ReportInputs, *, template: Path | None = None) -> PreparedReport:
    """Check the template, fill it, add the appendix and the accessibility properties; return the bytes."""
    from docx.shared import Mm

    from ..chart import brag_chart, chart_description

    doc = open_template(template)
    context = build_context(inputs)
    check_template(doc, context.as_dict(), template)
    context.appendix = token = f"sip-excel-appendix-{uuid.uuid4().hex}"  # unguessable: plan text cannot hold it
    context.chart = DescribedImage(doc, brag_chart(inputs.rollup), width=Mm(CHART_WIDTH_MM),
                                   description=chart_description(inputs.rollup))
    fill(doc, context.as_dict(), template)
    has_appendix = finish(doc.docx, context, token)
    buffer = io.BytesIO()
    doc.save(buffer)
    document = buffer.getvalue()
    if has_appendix:
        plan = inputs.plan
        xml = appendix_xml(plan, style_ids(doc.docx), f"Appendix 1 - {context.plan_name}", has_priorities(plan))
        document = insert_appendix(document, token, xml)
    return PreparedReport(document, inputs, quality_line(inputs), warnings(inputs))


def fill(doc: Any, context: dict[str, Any], template: Path | None) -> None:
    """The one place docxtpl renders the template: in the sandbox, so a template can only fill in placeholders
    (a refusal is already one line naming the template, and is let through as it is)."""
    from ..sandbox import render

    name = f"template {template or DEFAULT_TEMPLATE}"
    try:
        render(doc, context, template_name=name)
    except TemplateError:
        raise
    except Exception as error:
        raise TemplateError(f"{name} could not be filled in ({error}). Check the {{%p for %}} / {{%tr for %}} "
                            "lines have their matching endfor.") from None


# ---------------------------------------------------------------- after rendering

def finish(document: Any, context: ReportContext, token: str) -> bool:
    """Set the title and language; where the template has the appendix's field, end the portrait body just
    before it and turn the last section (the appendix) landscape. False when there is no such field."""
    properties = document.core_properties
    properties.title = f"{context.subject} ({context.as_of})"
    properties.language = LANGUAGE
    properties.author = context.author if not context.author.startswith("[") else ""
    set_language(document)
    body = document.element.body
    field = next((t for t in body.iter(f"{_W}t") if token in (t.text or "")), None)
    if field is None:
        return False  # a manager took Appendix 1 out of the template: the report goes without it
    paragraph = next(p for p in field.iterancestors(f"{_W}p"))
    _section_break(body, paragraph)
    return True


def style_ids(document: Any) -> dict[str, str]:
    """The template's own ids of the styles the appendix uses (a restyled template may rename them)."""
    found = {}
    for name, fallback in (("Heading 1", "Heading1"), ("Heading 2", "Heading2"), ("Heading 3", "Heading3"),
                           ("Table Grid", "TableGrid")):
        try:
            found[name] = document.styles[name].style_id
        except KeyError:
            found[name] = fallback
    return found


def _section_break(body: Any, field: Any) -> None:
    """End the portrait body before the appendix's field, keeping its page set-up, and turn the last section
    (the appendix, as wide as the spreadsheet it comes from) landscape."""
    final = body.find(f"{_W}sectPr")
    if final is None:
        return
    portrait = copy.deepcopy(final)
    before = field.getprevious()
    if before is not None and before.tag == f"{_W}p" and before.find(f"{_W}pPr/{_W}sectPr") is None:
        before.get_or_add_pPr()._insert_sectPr(portrait)  # on the last line of the body: no empty page
    else:
        field.addprevious(_break_paragraph(portrait))
    size = final.find(f"{_W}pgSz")
    if size is not None:
        width, height = size.get(f"{_W}w"), size.get(f"{_W}h")
        if width and height and int(width) < int(height):
            size.set(f"{_W}w", height)
            size.set(f"{_W}h", width)
        size.set(f"{_W}orient", "landscape")
    margins = final.find(f"{_W}pgMar")
    if margins is not None:
        for side in ("left", "right", "top", "bottom"):
            margins.set(f"{_W}{side}", "850")  # 1.5 cm


def _break_paragraph(section: Any) -> Any:
    """A paragraph of its own for the section break (after a table, say), one point high."""
    from docx.oxml import parse_xml

    paragraph = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
                          'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    paragraph[0].append(section)
    return paragraph


def set_language(document: Any) -> None:
    """British English as the document's language, so screen readers and spelling use it."""
    from lxml import etree

    styles = document.styles.element
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = etree.SubElement(styles, f"{_W}docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(f"{_W}rPrDefault")
    if run_default is None:
        run_default = etree.SubElement(defaults, f"{_W}rPrDefault")
    run = run_default.find(f"{_W}rPr")
    if run is None:
        run = etree.SubElement(run_default, f"{_W}rPr")
    lang = run.find(f"{_W}lang")
    if lang is None:
        lang = etree.SubElement(run, f"{_W}lang")
    lang.set(f"{_W}val", LANGUAGE)
    lang.set(f"{_W}eastAsia", LANGUAGE)
    lang.set(f"{_W}bidi", "ar-SA")


class DescribedImage:
    """docxtpl's InlineImage with alternative text (Word's 'descr'), which screen readers read out."""

    def __init__(self, template: Any, image: Any, width: Any, description: str) -> None:
        self.template, self.image, self.width, self.description = template, image, width, description

    def _insert_image(self) -> str:
        inline = self.template.current_rendering_part.new_pic_inline(self.image, self.width, None)
        inline.docPr.set("descr", self.description)
        inline.docPr.set("title", "BRAG status chart")
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space=\"preserve\">" % inline.xml)

    __str__ = __html__ = _insert_image
