"""Appendix 1: the plan itself, printed once, built in bulk as WordprocessingML and put into the saved package.

A 10,000-action plan is a hundred thousand cells. python-docx builds them one object at a time, a {%tr %}
loop renders them cell by cell through Jinja, and docxtpl's clean-up after rendering (and lxml moving a
parsed tree into the document) costs several seconds more; so the appendix is one XML string, put in place
of the {{ appendix }} field's paragraph in the saved document.xml: no parse at all. Plan text goes in as
escaped XML character data after the template has been filled, so it can never act as a template instruction.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

from ..model import Action, Plan
from ..fields import STATUS_COLOURS, UNRATED
from ..rollup import status_label
from .sentences import _CONTROL

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CELL_COLOURS = STATUS_COLOURS  # one set of status colours, shared with Excel's RAG column
HEADER_FILL = "D9E1F2"
# The plan's columns in the plan's order, with the heading each takes and its share of the page's width.
COLUMNS = (("aim", "Specific aim", 3.2), ("ref", "Ref", 1.2), ("action", "Action", 4.6), ("start", "Start", 1.5),
           ("end", "End", 1.5), ("measure", "Measure/outcome", 3.4), ("lead_officer", "Lead officer", 1.5),
           ("dlt_lead", "DLT lead", 1.3), ("comments", "Comments", 6.0), ("evidence", "Evidence", 2.0),
           ("comment_updated", "Comment updated", 1.7), ("rag", "Status", 1.6))
LANDSCAPE_WIDTH_TWIPS = 14900  # A4 landscape less 1.5 cm margins (26.7 cm), less the cells' padding
FONT_SIZE = 16  # half-points: 8 pt, as the plan's own print-out


def _text(value: str) -> str:
    """Escaped character data, line breaks kept as Word line breaks."""
    value = escape(_CONTROL.sub(" ", value))
    if "\n" not in value:
        return value.strip()
    lines = (line.strip() for line in value.splitlines())
    return '</w:t><w:br/><w:t xml:space="preserve">'.join(line for line in lines if line)


def _cell_open(width: int, fill: str | None = None, bold: bool = False) -> str:
    """A cell's XML up to its text (made once per column: a plan has a hundred thousand cells)."""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    weight = "<w:b/>" if bold else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr><w:p><w:pPr><w:spacing '
            f'w:before="0" w:after="0"/></w:pPr><w:r><w:rPr>{weight}<w:sz w:val="{FONT_SIZE}"/></w:rPr>'
            '<w:t xml:space="preserve">')


CELL_CLOSE = "</w:t></w:r></w:p></w:tc>"


def _heading(style_id: str, text: str) -> str:
    """A heading that keeps with its table, so it never ends a page."""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">'
            f'{_text(text)}</w:t></w:r></w:p>')


def cell_texts(action: Action, names: list[str]) -> list[str]:
    """The action's cells as the appendix prints them: texts in full, dates as 'Jun 2017', and a date the
    plan holds badly (the number 1, typed text) as the plan shows it."""
    texts = []
    for name in names:
        if name in ("start", "end"):
            date = action.date(name)  # 'Jun 2017' (the table is narrow), or as the plan shows a bad one
            texts.append(str(date) if date is not None and date.plausible else action.text(name))
        elif name == "rag":
            texts.append(status_label(action))
        else:
            entry = action.fields.get(name)
            texts.append(str(entry.value).strip() if entry is not None and isinstance(entry.value, str)
                         else action.text(name))
    return texts


def _table(actions: Iterable[Action], columns: list[tuple[str, str, float]], table_style: str) -> str:
    total = sum(share for _, _, share in columns)
    widths = [int(LANDSCAPE_WIDTH_TWIPS * share / total) for _, _, share in columns]
    names = [name for name, _, _ in columns]
    status_at = names.index("rag") if "rag" in names else -1
    opens = [_cell_open(width) for width in widths]
    status_opens = {status: _cell_open(widths[status_at], colour) for status, colour in CELL_COLOURS.items()} \
        if status_at >= 0 else {}
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{table_style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
             *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
             # the header row is marked as one: Word repeats it on each page and screen readers announce it
             '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>',
             *(_cell_open(w, HEADER_FILL, bold=True) + _text(heading) + CELL_CLOSE
               for w, (_, heading, _) in zip(widths, columns)), "</w:tr>"]
    append = parts.append
    for action in actions:
        texts = cell_texts(action, names)
        cells = [opening + _text(text) + CELL_CLOSE for opening, text in zip(opens, texts)]
        if status_at >= 0:
            status = texts[status_at]
            cells[status_at] = status_opens.get(status, status_opens[UNRATED]) + _text(status) + CELL_CLOSE
        append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(cells) + "</w:tr>")
    append("</w:tbl>")
    return "".join(parts)


def appendix_xml(plan: Plan, styles: dict[str, str], title: str, grouped: bool = True) -> str:
    """The plan grouped by priority (Heading 2) and section (Heading 3), one table each, every column the plan
    has, under the heading ``title``. ``styles`` maps 'Heading 1', 'Heading 2',
    'Heading 3' and 'Table Grid' to the template's style ids; a plan
    without priorities of its own (``grouped`` False) has no priority headings."""
    present = [c for c in COLUMNS if c[0] in plan.table.columns]
    by_group: dict[tuple[object, object], list[Action]] = {}
    for action in plan.actions:
        by_group.setdefault((action.priority, action.section), []).append(action)
    parts = [_heading(styles["Heading 1"], title)]
    titled = {p.number: p for p in plan.priorities}
    for (number, section), actions in by_group.items():
        priority = titled.get(number)
        if grouped and next(k for k in by_group if k[0] == number) == (number, section):  # its first group
            title = (f"{priority.name}: {priority.title}" if priority and priority.title.strip() else
                     priority.name if priority else "Outside any priority")
            parts.append(_heading(styles["Heading 2"], title))
        columns = present
        if section:
            parts.append(_heading(styles["Heading 3"], section))
            columns = [(n, "Recommendation" if n == "aim" else h, s) for n, h, s in present]
        parts.append(_table(actions, columns, styles["Table Grid"]))
    return "".join(parts)


def insert_appendix(package: bytes, token: str, xml: str) -> bytes:
    """The saved .docx with the paragraph holding ``token`` replaced by the appendix's XML; every other part
    copied as it is."""
    source = zipfile.ZipFile(io.BytesIO(package))
    document = source.read("word/document.xml").decode("utf-8")
    at = document.rfind(token)
    if at < 0:
        return package
    start = max(document.rfind("<w:p>", 0, at), document.rfind("<w:p ", 0, at))
    end = document.index("</w:p>", at) + len("</w:p>")
    document = f"{document[:start]}{xml}{document[end:]}"
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as output:
        for item in source.infolist():
            data = document.encode("utf-8") if item.filename == "word/document.xml" else source.read(item)
            output.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return target.getvalue()
