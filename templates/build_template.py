"""Build the Word template for the committee report: ``python templates/build_template.py``.

The template holds the words and the layout of the council's committee report
(seeds 000 to 003); the tool fills in the figures, the sentences made from them,
the chart and the lists.  Managers may restyle it in Word: change fonts,
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
    for row in grid.rows:
        for c, width in enumerate(widths):
            for paragraph in row.cells[c].paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def loop_paragraphs(document, loop: str, body: str, style: str, empty: str) -> None:
    document.add_paragraph(f"{{%p for {loop} %}}")
    document.add_paragraph(body, style=style)
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph(f"{{%p if not {loop.split(' in ')[1]} %}}")
    document.add_paragraph(empty)
    document.add_paragraph("{%p endif %}")


def build(target: Path = TARGET) -> Path:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        document.styles[name].font.name = "Arial"
        document.styles[name].font.color.rgb = RGBColor(0, 0, 0)

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
    document.add_paragraph(
        "The actions are rated BRAG: blue means fully completed, red fully stuck, amber more work needed or a "
        "resolvable issue in sight, and green in progress with no barriers to continuing.", style="List Number")

    document.add_heading("Progress by priority", level=2)
    table(document, ["Priority", "Blue", "Red", "Amber", "Green", "Unrated", "Total", "% complete", "Overdue"],
          ["{{ row.label }}", "{{ row.blue }}", "{{ row.red }}", "{{ row.amber }}", "{{ row.green }}",
           "{{ row.unrated }}", "{{ row.total }}", "{{ row.complete }}%", "{{ row.overdue }}"],
          [4.6, 1.3, 1.3, 1.5, 1.5, 1.7, 1.3, 2.1, 2.0], "row in rollup_rows")
    document.add_paragraph("{{ chart }}")

    document.add_heading("BRAG key", level=2)
    key = document.add_table(rows=len(BRAG_KEY), cols=2)
    key.style = "Table Grid"
    for r, (status, colour, meaning) in enumerate(BRAG_KEY):
        key.cell(r, 0).text, key.cell(r, 1).text = status, meaning
        shade(key.cell(r, 0), colour)
    fix_widths(key, [2.5, 14])

    document.add_heading("Notable progress and key achievements", level=2)
    document.add_paragraph("{{ achievements_intro }}")
    loop_paragraphs(document, "item in achievements", "{{ item.label }} {{ item.action }}", "List Bullet",
                    "No actions were completed in this period.")
    document.add_heading("Key challenges and areas for development", level=2)
    loop_paragraphs(document, "item in challenges",
                    "{{ item.label }} ({{ item.status }}) {{ item.action }} Update: {{ item.comments }}",
                    "List Bullet", "There are no red or amber actions.")
    document.add_heading("Overdue actions", level=2)
    loop_paragraphs(document, "item in overdue", "{{ item.label }} {{ item.action }} Due {{ item.end }}; "
                    "{{ item.status }}; lead {{ item.lead }}.", "List Bullet", "No action is overdue.")
    document.add_heading("Progress comments not updated", level=2)
    loop_paragraphs(document, "item in stale", "{{ item.label }} {{ item.action }} {{ item.reason }}", "List Bullet",
                    "Every open action has a current progress comment.")
    document.add_heading("Data quality", level=2)
    document.add_paragraph("{{ validation_summary }}")

    document.add_heading("Progress of each priority", level=2)
    document.add_paragraph("{%p for priority in priorities %}")
    document.add_heading("{{ priority.name }}: {{ priority.title }}", level=3)
    table(document, ["Ref", "Action", "End", "Lead", "Status"],
          ["{{ a.ref }}", "{{ a.action }}", "{{ a.end }}", "{{ a.lead }}", "{% cellbg a.colour %}{{ a.status }}"],
          [1.4, 9.5, 1.9, 1.8, 2.0], "a in priority.actions")
    document.add_paragraph("{%p endfor %}")

    document.add_heading("Appendices", level=1)
    document.add_paragraph("Appendix 1 - {{ plan_name }}")
    document.add_paragraph("{%p for priority in priorities %}")
    document.add_heading("{{ priority.name }}: {{ priority.title }}", level=3)
    table(document, ["Ref", "Action", "Start", "End", "Lead", "Comments", "Status"],
          ["{{ a.ref }}", "{{ a.action }}", "{{ a.start }}", "{{ a.end }}", "{{ a.lead }}", "{{ a.comments }}",
           "{% cellbg a.colour %}{{ a.status }}"], [1.2, 4.5, 1.6, 1.6, 1.4, 5.2, 1.7], "a in priority.actions")
    document.add_paragraph("{%p endfor %}")

    document.add_paragraph("")
    for line in ("{{ author }}", "{{ author_role }}", "{% if author_telephone %}T: {{ author_telephone }}{% endif %}",
                 "{% if author_email %}E: {{ author_email }}{% endif %}"):
        document.add_paragraph(line)
    document.save(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
