"""Build the Word template for the committee report: ``python templates/build_template.py``.

The template holds the words and the layout of the council's committee report
(seeds 000 to 003); the tool fills in the figures, the sentences made from them,
the chart and the lists, and puts the plan itself (Appendix 1, headed and on
landscape pages) in place of the paragraph holding {{ appendix }}.  Managers may restyle it in Word: change fonts,
colours, headings and wording freely, and keep the {{ placeholders }} and the
{%p ... %} / {%tr ... %} loop lines.  `sip-excel report` names any placeholder
it does not know.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

TARGET = Path(__file__).resolve().parent / "committee_report.docx"
BRAG_KEY = [
    ("Blue", "4F81BD", "Fully completed."),
    ("Red", "C0504D", "Fully stuck."),
    ("Amber", "F79646", "More work needed, or a resolvable issue in sight."),
    ("Green", "9BBB59", "In progress, with no barriers to continuing."),
]


def shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour)
    properties.append(fill)


def fix_widths(grid, widths: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour (the grid and every cell)."""
    grid.autofit = False
    for c, width in enumerate(widths):
        grid.columns[c].width = Cm(width)
        for cell in grid.columns[c].cells:
            cell.width = Cm(width)


def bold_row(row) -> None:
    for cell in row.cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def mark_header_row(grid) -> None:
    """The first row is the table's header: screen readers announce it and Word repeats it on each page."""
    for r, row in enumerate(grid.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))  # a row never splits across pages
        if r == 0:
            properties.append(OxmlElement("w:tblHeader"))


def keep_together(grid) -> None:
    """A short table on one page: each row's text keeps with the next row (Word moves it whole)."""
    for row in grid.rows[:-1]:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def table(document, header: list[str], cells: list[str], widths: list[float], loop: str) -> None:
    """A table with a header row and one templated row repeated by a {%tr %} loop."""
    grid = document.add_table(rows=4, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, text in enumerate(header):
        grid.cell(0, c).text = text
        shade(grid.cell(0, c), "D9E1F2")
    bold_row(grid.rows[0])
    grid.cell(1, 0).text = f"{{%tr for {loop} %}}"
    for c, text in enumerate(cells):
        grid.cell(2, c).text = text
    grid.cell(3, 0).text = "{%tr endfor %}"
    fix_widths(grid, widths)
    mark_header_row(grid)
    for row in grid.rows:
        for c, width in enumerate(widths):
            for paragraph in row.cells[c].paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def loop_paragraphs(document, loop: str, body: str, style: str, empty: str | None) -> None:
    """A paragraph repeated for each item, and (when ``empty`` is given) what to say when there are none."""
    document.add_paragraph(f"{{%p for {loop} %}}")
    document.add_paragraph(body, style=style)
    document.add_paragraph("{%p endfor %}")
    if empty is not None:
        document.add_paragraph(f"{{%p if not {loop.split(' in ')[1]} %}}")
        document.add_paragraph(empty)
        document.add_paragraph("{%p endif %}")


def set_language(document, language: str = "en-GB") -> None:
    """British English for the whole document (spelling, and screen readers' pronunciation)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def build(target: Path = TARGET) -> Path:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    style.paragraph_format.space_after = Pt(6)
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4, as UK councils print
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        heading = document.styles[name]
        heading.font.name = "Arial"
        heading.font.size = Pt(size)
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
        heading.paragraph_format.keep_with_next = True  # a heading never ends a page
    for name in ("List Bullet", "List Number"):
        document.styles[name].paragraph_format.space_after = Pt(4)
    document.core_properties.title = "Committee report"
    document.core_properties.language = "en-GB"
    set_language(document)

    header = document.add_table(rows=5, cols=2)
    header.style = "Table Grid"
    rows = [("Committee(s):", "Dated:"), ("{{ committee }}", "{{ meeting_date }}"),
            ("Subject: {{ subject }}", "{{ public }}"), ("Report of: {{ report_of }}", "For Information"),
            ("Report author: {{ author }}{% if author and author_role %}, {% endif %}{{ author_role }}", "")]
    for r, (left, right) in enumerate(rows):
        header.cell(r, 0).text, header.cell(r, 1).text = left, right
    fix_widths(header, [12, 4.6])
    bold_row(header.rows[0])

    document.add_heading("Summary", level=1)
    document.add_paragraph("{{ summary }}")
    document.add_heading("Recommendation(s)", level=1)
    document.add_paragraph("Members are asked to:")
    document.add_paragraph("Note the report.", style="List Bullet")

    document.add_heading("Main Report", level=1)
    document.add_paragraph("{%p for paragraph in main_paragraphs %}")
    document.add_paragraph("{{ paragraph }}", style="List Number")
    document.add_paragraph("{%p endfor %}")

    document.add_paragraph("{%p if by_priority %}")
    document.add_heading("Progress by {{ group_kind|lower }}", level=2)
    table(document, ["{{ group_kind }}", "Blue", "Red", "Amber", "Green", "Unrated", "Total", "% complete", "Overdue"],
          ["{{ row.label }}", "{{ row.blue }}", "{{ row.red }}", "{{ row.amber }}", "{{ row.green }}",
           "{{ row.unrated }}", "{{ row.total }}", "{{ row.complete }}%", "{{ row.overdue }}"],
          [3.6, 1.3, 1.2, 1.6, 1.5, 1.9, 1.4, 2.2, 1.9], "row in rollup_rows")
    document.add_paragraph("{{ chart }}")
    document.add_paragraph("{%p endif %}")

    document.add_heading("BRAG ratings", level=2)
    document.add_paragraph("Each action is rated BRAG:").paragraph_format.keep_with_next = True
    key = document.add_table(rows=len(BRAG_KEY) + 1, cols=2)
    key.style = "Table Grid"
    key.cell(0, 0).text, key.cell(0, 1).text = "Status", "Meaning"
    bold_row(key.rows[0])
    for r, (status, colour, meaning) in enumerate(BRAG_KEY, start=1):
        key.cell(r, 0).text, key.cell(r, 1).text = status, meaning
        shade(key.cell(r, 0), colour)
    fix_widths(key, [2.5, 14])
    mark_header_row(key)
    keep_together(key)

    document.add_heading("Key achievements", level=2)
    document.add_paragraph("{{ achievements_intro }}")
    loop_paragraphs(document, "item in achievements", "{{ item }}", "List Bullet", None)
    document.add_paragraph("{%p if achievements_more %}")
    document.add_paragraph("{{ achievements_more }}")
    document.add_paragraph("{%p endif %}")

    document.add_heading("Key challenges and areas for development", level=2)
    loop_paragraphs(document, "item in challenges", "{{ item }}", "List Bullet", "No action is rated red or amber.")

    document.add_paragraph("{%p if travel %}")
    document.add_heading("Direction of travel", level=2)
    document.add_paragraph("{{ travel_intro }}")
    loop_paragraphs(document, "item in travel", "{{ item }}", "List Bullet", None)
    document.add_paragraph("{%p endif %}")

    document.add_paragraph("{%p if sections %}")
    document.add_heading("{{ sections_heading }}", level=2)
    document.add_paragraph("{{ sections_intro }}")
    document.add_paragraph("{%p for section in sections %}")
    paragraph = document.add_paragraph(style="List Number 2")
    paragraph.add_run("{{ section.title }}").bold = True
    paragraph.add_run(" {{ section.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endif %}")

    document.add_heading("Overdue actions", level=2)
    loop_paragraphs(document, "item in overdue", "{{ item }}", "List Bullet", "{{ overdue_none }}")
    document.add_heading("Progress comments not updated", level=2)
    loop_paragraphs(document, "item in stale", "{{ item }}", "List Bullet", "{{ stale_none }}")

    document.add_heading("Appendices", level=1)
    document.add_paragraph("Appendix 1 - {{ plan_name }}")

    document.add_heading("Contact", level=1)
    name = document.add_paragraph()
    name.add_run("{{ author }}").bold = True
    name.paragraph_format.space_after = Pt(0)
    for line in ("{{ author_role }}", "{% if author_telephone %}T: {{ author_telephone }}{% endif %}",
                 "{% if author_email %}E: {{ author_email }}{% endif %}"):
        document.add_paragraph(line).paragraph_format.space_after = Pt(0)

    # The plan itself: its heading, and a table per priority and section, on landscape pages of their own.
    document.add_paragraph("{{ appendix }}")
    document.save(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
