"""Render, then save (committee/render.py and appendix.py): the document exists as bytes before it has a path,
Appendix 1 goes where the template says, and plan text in it stays text."""
from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from sip_excel.api import load, prepare_report
from sip_excel.committee.appendix import W_NS, appendix_xml
from sip_excel.committee.template import DEFAULT_TEMPLATE
from sip_excel.errors import OutputError
from sip_excel.reader import read_plan

from .conftest import SAMPLE, make_config, plan_grid

STYLES = {"Heading 1": "Heading1", "Heading 2": "Heading2", "Heading 3": "Heading3", "Table Grid": "TableGrid"}


@pytest.fixture(scope="module")
def prepared():
    return prepare_report(*load(SAMPLE))


def test_the_document_is_bytes_before_it_has_a_path(prepared, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert zipfile.is_zipfile(io.BytesIO(prepared.document)) and list(tmp_path.iterdir()) == []
    target = tmp_path / "report.docx"
    assert prepared.save(target) == target and target.read_bytes() == prepared.document
    with pytest.raises(OutputError, match="already exists"):
        prepared.save(target)
    assert prepared.author_notes == [prepared.quality]  # the sample's settings need no warning


def test_the_appendix_is_a_landscape_section_after_a_portrait_body(prepared):
    document = Document(io.BytesIO(prepared.document))
    portrait, landscape = document.sections
    assert portrait.page_width < portrait.page_height
    assert landscape.page_width > landscape.page_height
    assert landscape.orientation == 1  # WD_ORIENT.LANDSCAPE


def test_a_template_without_the_appendix_field_gets_none(tmp_path):
    template = Document(DEFAULT_TEMPLATE)
    (field,) = [p for p in template.paragraphs if p.text == "{{ appendix }}"]
    field._p.getparent().remove(field._p)
    path = tmp_path / "no-appendix.docx"
    template.save(path)
    document = Document(io.BytesIO(prepare_report(*load(SAMPLE), template=path).document))
    assert len(document.sections) == 1 and document.sections[0].page_width < document.sections[0].page_height
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Specific aim"]


def test_plan_text_in_the_appendix_stays_text_and_any_status_is_labelled():
    plan = read_plan(plan_grid({"ref": "1.1", "action": "<b>Fish & chips</b> {{ committee }}\x07 now",
                                "comments": "Line one\nLine two"}, {"ref": "1.2"}), make_config())
    plan.actions[1].status = "On hold"  # a status another layout may bring
    xml = appendix_xml(plan, STYLES, "Appendix 1 - Plan")
    body = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'.encode())
    rows = body.findall(f".//{qn('w:tr')}")
    assert [t.text for t in rows[0].iter(qn("w:t"))][:3] == ["Specific aim", "Ref", "Action"]
    cells = rows[1].findall(qn("w:tc"))
    assert "".join(t.text for t in cells[2].iter(qn("w:t"))) == "<b>Fish & chips</b> {{ committee }}  now"
    assert [t.text for t in cells[8].iter(qn("w:t"))] == ["Line one", "Line two"]  # a line break kept
    status = rows[2].findall(qn("w:tc"))[-1]
    assert "".join(status.itertext()) == "On hold"
    # On hold has a colour of its own (the one Excel's RAG column gets), never a BRAG colour
    assert status.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill")) == "D9D2E9"


@pytest.mark.parametrize(("before", "carrier"), [
    ("paragraph", "E: someone@example.org"),  # the break rides on the body's last line: no empty page
    ("table", ""),  # after a table, a paragraph of its own, one point high
])
def test_the_section_break_before_the_appendix(before, carrier):
    from docx.text.paragraph import Paragraph

    from sip_excel.committee.render import _section_break

    document = Document(DEFAULT_TEMPLATE)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if before == "paragraph":
        document.add_paragraph("E: someone@example.org")
    else:
        document.add_table(rows=1, cols=1)
    field = document.add_paragraph("{{ appendix }}")._p
    _section_break(body, field)
    assert Paragraph(field.getprevious(), None).text == carrier
    assert field.getprevious().find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    portrait, landscape = document.sections
    assert portrait.page_width < portrait.page_height and landscape.page_width > landscape.page_height
