"""The committee report end to end: the seeds' shape, figures that match the roll-up, the plan printed once,
clean sentences, the author told what Members are not, and a document a real reader opens."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from sip_excel.api import load
from sip_excel.committee.appendix import CELL_COLOURS
from sip_excel.committee.context import action_text, completed_in_period, with_label
from sip_excel.committee.sentences import number
from sip_excel.names import namer
from sip_excel.report import DEFAULT_TEMPLATE
from sip_excel.rollup import rollup
from sip_excel.validate import validate

ROLLUP_HEADER = ["Priority", "Blue", "Red", "Amber", "Green", "Unrated", "Total", "% complete", "Overdue"]
APPENDIX_HEADER = ["Specific aim", "Ref", "Action", "Start", "End", "Measure/outcome", "Lead officer", "DLT lead",
                   "Comments", "Status"]
PLAN_NAME = "Children & Families Service Improvement Plan"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sip_excel.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("report")
    plan = folder / "plan.xlsx"
    shutil.copy(Path(__file__).parent.parent / "workbook" / "sip_2017_18.xlsx", plan)
    output = folder / "report.docx"
    result = run("report", str(plan), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert f"Committee report written to {output}" in result.stdout
    return plan, output, result


@pytest.fixture(scope="module")
def figures(built):
    loaded, config = load(built[0])
    return loaded, rollup(loaded, validate(loaded, config))


@pytest.fixture(scope="module")
def pdf_pages(built, tmp_path_factory) -> list[str]:
    """The report as LibreOffice lays it out, page by page (an independent reader of the document)."""
    folder = tmp_path_factory.mktemp("pdf")
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: .ci/run installs libreoffice-writer-nogui"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
                    "--outdir", str(folder), str(built[1])], check=True, capture_output=True, timeout=240)
    pdf = folder / "report.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                               text=True).stdout)[1])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    split = text.split("\f")
    assert len([p for p in split if p.strip()]) == pages
    return split[:pages]


def text_of(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def body_text(document) -> str:
    """Everything before the appendix: what Members read."""
    paragraphs = [p.text for p in document.paragraphs]
    return "\n".join(paragraphs[: len(paragraphs) - 1 - paragraphs[::-1].index(f"Appendix 1 - {PLAN_NAME}")])


def tables_with_header(document, header: list[str]):
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == header]


def bullets(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("List")]


def squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ shape

def test_header_table_holds_the_settings(built):
    header = Document(built[1]).tables[0]
    cells = [[c.text for c in row.cells] for row in header.rows]
    assert cells[0] == ["Committee(s):", "Dated:"]
    assert cells[1] == ["Safeguarding Sub Committee", "12 September 2017"]
    assert cells[2][0] == "Subject: Children & Families Service Improvement Plan - progress update"
    assert cells[4][0].startswith("Report author: Rachel Green, Service Manager")


def test_seeds_shape_in_order_with_the_contact_block_before_the_appendix(built):
    document = Document(built[1])
    text = text_of(document)
    order = ["Summary", "Recommendation(s)", "Members are asked to:", "Note the report.", "Main Report",
             "BRAG ratings", "Key achievements", "Key challenges and areas for development", "Overdue actions",
             "Appendices", f"Appendix 1 - {PLAN_NAME}", "Contact", "Rachel Green", "T: 020 7332 3501",
             "E: rachel.green@cityoflondon.gov.uk", f"Appendix 1 - {PLAN_NAME}"]
    positions, start = [], 0
    for heading in order:
        start = text.index(heading, start)
        positions.append(start)
    assert positions == sorted(positions)
    body = document.element.body
    contact = next(p for p in document.paragraphs if p.text == "E: rachel.green@cityoflondon.gov.uk")._p
    first_plan_table = tables_with_header(document, APPENDIX_HEADER)[0]._tbl
    assert list(body).index(contact) < list(body).index(first_plan_table)


@pytest.mark.parametrize(("flags", "author_cell", "signature"), [
    (["--author", "Rachel Green"], "Report author: Rachel Green, Service Manager, Children's Social Care and Early "
     "Help", ["Rachel Green", "Service Manager, Children's Social Care and Early Help", "T: 020 7332 3501",
              "E: rachel.green@cityoflondon.gov.uk"]),
    ([], "Report author: [Report author]", ["[Report author]", "", "", ""]),  # no Settings: marked, no stray "T:"
])
def test_missing_author_details_leave_no_stray_punctuation(built, tmp_path, flags, author_cell, signature):
    plan = tmp_path / "plan.xlsx"
    book = load_workbook(built[0])
    if not flags:
        del book["Settings"]
    book.save(plan)
    output = tmp_path / "report.docx"
    assert run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31", *flags).returncode == 0
    document = Document(output)
    assert document.tables[0].rows[4].cells[0].text == author_cell
    texts = [p.text for p in document.paragraphs]
    contact = texts.index("Contact")
    assert texts[contact + 1: contact + 5] == signature


def test_no_settings_sheet_shows_marked_placeholders_and_tells_the_author(built, tmp_path):
    plan = tmp_path / "plan.xlsx"
    book = load_workbook(built[0])
    del book["Settings"]
    book.save(plan)
    output = tmp_path / "report.docx"
    result = run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31")
    assert result.returncode == 0
    header = [[c.text for c in row.cells] for row in Document(output).tables[0].rows]
    assert header[1] == ["[Committee]", "[Meeting date]"]
    assert header[3][0] == "Report of: [Report of]"
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith("sip-excel: warning: Settings do not give the report's Committee, Meeting date, "
                              "Report of and Report author: the header shows [Committee], [Meeting date], "
                              "[Report of] and [Report author] to fill in")
    assert "Settings do not" not in text_of(Document(output))
    assert f"Appendix 1 - {PLAN_NAME}" in text_of(Document(output))  # the name from the plan's title block


def test_without_settings_the_plan_period_is_the_title_blocks_duration(built, tmp_path):
    plan = tmp_path / "plan.xlsx"
    book = load_workbook(built[0])
    del book["Settings"]
    book.save(plan)
    result = run("report", str(plan), "-o", str(tmp_path / "report.docx"))  # no as-of date at all: today
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2 and warnings[1].startswith("sip-excel: warning: The report is at ")
    assert "(today's date, as no as-of date is set), outside the plan period (1 April 2017 to 31 March 2018)." \
        in warnings[1]


def test_the_body_fits_in_five_pages_and_libreoffice_opens_it(pdf_pages):
    appendix_page = max(i for i, page in enumerate(pdf_pages) if f"Appendix 1 - {PLAN_NAME}" in page
                        and "Specific aim" in page)
    assert 3 <= appendix_page <= 5  # pages before Appendix 1 begins
    assert "Main Report" in pdf_pages[0] and "Of the 113 actions" in pdf_pages[0]
    assert len(pdf_pages) > appendix_page + 5  # the whole plan follows


# ------------------------------------------------------------------ figures and sentences

def test_figures_and_sentences_match_the_rollup(built, figures):
    _, result = figures
    text = text_of(Document(built[1]))
    total, blue = result.count("Total"), result.count("Blue")
    assert f"Of the {total} actions, {blue} are complete ({result.totals['% complete']}%)." in text
    assert f"Of the {total - blue} actions still open, there are no red ratings, five at amber, 49 at green and " \
           "five without a rating." in text
    assert f"At 31 August 2017, {result.count('Overdue')} actions are past their end date and not complete." in text
    assert "Most actions are amber" not in text  # they are not: most open actions are green
    assert f"This report updates Members on the progress of the {PLAN_NAME}, appended, at 31 August 2017. Of the " \
           "113 actions, 54 are complete (48%). No action is rated red." in text
    assert "01 September" not in text and "31 Aug 2017" not in text  # one date style


def test_rollup_table_matches(built, figures):
    _, result = figures
    (table,) = tables_with_header(Document(built[1]), ROLLUP_HEADER)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    expected = result.table[result.table["level"] != "section"]
    assert [r[0] for r in rows] == list(expected["label"])
    assert [r[1:7] for r in rows] == [[str(v) for v in rec] for rec in
                                      expected[["Blue", "Red", "Amber", "Green", "Unrated", "Total"]].values.tolist()]


def test_every_bullet_is_a_whole_clean_sentence(built):
    items = bullets(Document(built[1]))
    assert len(items) > 20
    for item in items:
        assert item.strip() and item == squash(item), item
        assert item.endswith((".", "?", "!")), item  # a whole sentence, never cut
        assert "…" not in item and "(no ref)" not in item and not re.fullmatch(r"P?\d* ?[A-Z]?[\d.]+\.?", item)
        assert " ." not in item and "lead ." not in item and "TOTAL" not in item, item
        assert not re.search(r"[a-z] Due [A-Z]", item), item  # no run-on "...assessments Due Apr 2017"


def test_achievements_are_the_actions_completed_in_the_period_whole(built, figures):
    plan, result = figures
    document = Document(built[1])
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Key achievements")
    chosen = completed_in_period(plan, result.as_of, 3, None)
    assert texts[start + 1] == f"Between 1 June 2017 and 31 August 2017, {len(chosen)} actions due in the period " \
                               "were completed:"
    name = namer(plan)
    expected = [with_label(action_text(a), name(a)) for a in chosen if action_text(a)]
    assert texts[start + 2: start + 12] == expected[:10]
    assert texts[start + 12] == f"And {number(len(chosen) - 10)} more (Appendix 1)."  # counts agree
    assert "Develop post-case closure progress tracking tool to evidence impact of early help support (1.3)." \
        in texts


def test_challenges_quote_the_latest_progress_never_a_placeholder(built, figures):
    plan, _ = figures
    items = bullets(Document(built[1]))
    challenges = [i for i in items if re.search(r"\((?:P\d )?[\w.]+, (?:red|amber)\)", i)]
    assert len(challenges) == sum(a.status in ("Red", "Amber") for a in plan.actions) == 5
    assert not any(re.search(r"as above|see above", c, re.I) for c in challenges)
    # 3.2's "see above" is 3.1's comment; 2.5's "As above." points at an empty comment, so it is left out
    assert any(c.startswith("Research to the SIB and CEB") and c.endswith("Latest progress: Professor Bernard is "
                                                                         "two months behind.") for c in challenges)
    assert any(c.startswith("To discuss and share the work") and c.endswith("(2.5, amber).") for c in challenges)


def test_overdue_and_stale_lists_match_the_plan(built, figures):
    plan, result = figures
    items = bullets(Document(built[1]))
    name = namer(plan)
    for action in (a for a in plan.actions if a.is_overdue(result.as_of)):
        assert any(f"({name(action)}): due " in i for i in items), action.ref
    assert "Improve standalone risk assessment template & link to other subject specific risk assessments (P3 3.4)" \
           not in " ".join(items)  # 3.4's ref already says Priority 3
    assert any(i.startswith("Improve standalone risk assessment template") and
               i.endswith("(3.4): due April 2017, at green, led by IA.") for i in items)
    assert any("(4.1): its latest comment says \"will be written by end July\", and July 2017 has passed." in i
               for i in items)


def test_ofsted_sections_get_a_paragraph_each(built, figures):
    plan, _ = figures
    document = Document(built[1])
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Priority 5: progress by section")
    assert texts[start + 1] == "Priority 5 is divided into eight sections; the progress of each follows."
    paragraphs = texts[start + 2: start + 2 + len(plan.priorities[4].sections)]
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("Ofsted recommendation 1: Further improve the quality and consistency of written "
                                    "plans") and "Of its nine actions, seven are complete and two are at green." \
        in paragraphs[0]


def test_the_officers_business_stays_with_the_officer(built):
    _, output, result = built
    text = text_of(Document(output))
    assert "validat" not in text.lower() and "sip-excel" not in text
    assert "The plan has 130 errors and 94 warnings; 'sip-excel validate'" in result.stdout
    assert result.stderr == ""  # the sample's Settings are complete and its as-of date is in the plan period


# ------------------------------------------------------------------ the appendix

def test_the_plan_is_printed_once_in_full(built, figures):
    plan, _ = figures
    document = Document(built[1])
    appendix = tables_with_header(document, APPENDIX_HEADER)
    section_tables = tables_with_header(document, ["Recommendation", *APPENDIX_HEADER[1:]])
    rows = [row for table in [*appendix, *section_tables] for row in table.rows[1:]]
    assert len(rows) == len(plan.actions) == 113
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Ref"]  # no second copy of the plan
    for row, action in zip(rows, plan.actions):
        cells = [c.text for c in row.cells]
        assert squash(cells[2]) == squash(action.text("action")), action.ref  # in full, never cut
        assert squash(cells[5]) == squash(action.text("measure"))
        assert squash(cells[8]) == squash(action.text("comments"))
        status = row.cells[9]
        assert status.text == (action.status or "Unrated")
        assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == CELL_COLOURS[status.text]


def test_appendix_groups_by_priority_and_section_with_their_headings(built, figures):
    plan, _ = figures
    document = Document(built[1])
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Heading 2", "Heading 3")]
    after = headings[[h[1] for h in headings].index(f"Priority 1: {plan.priorities[0].title}"):]
    assert [h[1] for h in after if h[0] == "Heading 2"] == [f"{p.name}: {p.title}" for p in plan.priorities]
    assert [h[1] for h in after if h[0] == "Heading 3"] == plan.priorities[4].sections


def test_a_bad_date_appears_as_the_plan_shows_it(built):
    document = Document(built[1])
    rows = [[cell.text for cell in row.cells] for t in document.tables[3:] for row in t.rows[1:]]
    ends: dict[str, str] = {}
    for cells in rows:
        ends.setdefault(cells[1], cells[4])  # the first 1.5 is Priority 1's
    assert ends["2.12"] == "1" and ends["4.14"] == "1" and ends["1.5"] == "Dec 2017"
    assert not any("1900" in cells[3] + cells[4] for cells in rows)


def test_the_brag_key_stays_on_one_page(built):
    """The key's rows keep with the next (Word moves the table whole), and its lead-in keeps with it."""
    document = Document(built[1])
    (key,) = [table for table in document.tables if table.cell(0, 0).text == "Status"]
    assert all(paragraph.paragraph_format.keep_with_next for row in key.rows[:-1] for cell in row.cells
               for paragraph in cell.paragraphs)
    lead_in = next(p for p in document.paragraphs if p.text == "Each action is rated BRAG:")
    assert lead_in.paragraph_format.keep_with_next


# ------------------------------------------------------------------ accessible

def test_accessible(built, figures):
    plan, result = figures
    document = Document(built[1])
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # real headings, in order
    for table in document.tables[1:]:  # every data table's first row is marked as its header
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    (chart,) = document.inline_shapes
    description = chart._inline.docPr.get("descr")
    assert description.startswith("Bar chart of the actions' BRAG status by priority at 31 August 2017.")
    assert "Priority 5: 41 blue, 2 amber, 10 green and 1 unrated" in description
    assert document.core_properties.title == "Children & Families Service Improvement Plan - progress update " \
                                             "(31 August 2017)"
    assert document.core_properties.language == "en-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")) \
        .find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


# ------------------------------------------------------------------ the author's warnings, and refusals

def test_an_as_of_date_outside_the_plan_period_is_told_to_the_author(built, tmp_path):
    output = tmp_path / "late.docx"
    result = run("report", str(built[0]), "-o", str(output), "--as-of", "2026-11-29")
    assert result.returncode == 0
    (warning,) = result.stderr.strip().splitlines()
    assert warning == ("sip-excel: warning: The report is at 29 November 2026 (the as-of date given), outside "
                       "the plan period (1 April 2017 to 31 March 2018). Set the As of date in Settings, or give "
                       "--as-of.")
    assert "outside the plan period" not in text_of(Document(output))


def test_an_output_that_is_not_docx_is_refused(built, tmp_path):
    output = tmp_path / "report.pdf"
    result = run("report", str(built[0]), "-o", str(output))
    assert result.returncode == 2 and not output.exists()
    assert result.stderr.strip() == ("sip-excel: error: the report is a Word document, so its name must end in "
                                     ".docx (not 'report.pdf'). Try -o report.docx.")


def test_the_workbook_is_never_touched(built):
    plan = built[0]
    workbook = load_workbook(plan)
    assert workbook.sheetnames == ["SIP 2017-18", "Settings"]
    assert (Path(__file__).parent.parent / "workbook" / "sip_2017_18.xlsx").read_bytes() == plan.read_bytes()


def test_refuses_to_overwrite_without_force(built):
    plan, output, _ = built
    refused = run("report", str(plan), "-o", str(output))
    assert refused.returncode == 2 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert run("report", str(plan), "-o", str(output), "--force").returncode == 0


def _template_with(tmp_path: Path, text: str) -> Path:
    document = Document(DEFAULT_TEMPLATE)
    document.add_paragraph(text)
    path = tmp_path / "custom.docx"
    document.save(path)
    return path


@pytest.mark.parametrize(("extra", "message"), [
    ("{{ chair_name }}", "uses placeholder(s) the tool cannot fill: {{ chair_name }}."),
    ("{{ committee ", "has a broken placeholder"),
    ("{%p for x in main_paragraphs %}", "has a broken placeholder"),
    # the placeholder as the manager typed it, not Word's XML
    ("{{ committee ", "has a broken placeholder near '{{ committee'"),
    ("Chair: {{ committee | }} today", "has a broken placeholder near '{{ committee | }}': expected token"),
    ("{% if %}", "has a broken placeholder near '{% if %}'"),
])
def test_broken_template_is_one_clear_line_and_nothing_is_written(built, tmp_path, extra, message):
    output = tmp_path / "out.docx"
    result = run("report", str(built[0]), "--template", str(_template_with(tmp_path, extra)), "-o", str(output))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "<w:" not in result.stderr and ".." not in result.stderr
    assert not output.exists() and not list(tmp_path.glob(".out-*"))


def test_a_template_that_is_not_a_docx(built, tmp_path):
    fake = tmp_path / "template.docx"
    fake.write_text("hello")
    result = run("report", str(built[0]), "--template", str(fake), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "is not a Word .docx file" in result.stderr


def test_plan_text_is_never_a_template_instruction(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Priority 1: {{ committee }}"])
    book.active.append(["Ref", "Action", "Start", "End", "Lead officer", "Comments", "RAG status"])
    book.active.append(["1.1", "{% for x in y %}{{ author }}", None, "Jun 2017", "RG", "{{ 7*7 }}", "Amber"])
    plan = tmp_path / "plan.xlsx"
    book.save(plan)
    output = tmp_path / "report.docx"
    assert run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31").returncode == 0
    text = text_of(Document(output)) + " ".join(c.text for t in Document(output).tables for r in t.rows
                                               for c in r.cells)
    assert "{% for x in y %}{{ author }}" in text and "{{ 7*7 }}" in text and "49" not in text


def test_a_plan_with_no_actions_yet_gets_a_report_and_no_python_warnings(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Plan"
    book.active.append(["Priority 1: Newly agreed"])
    book.active.append(["Ref", "Action", "Start", "End", "Lead officer", "Comments", "RAG status"])
    plan = tmp_path / "plan.xlsx"
    book.save(plan)
    output = tmp_path / "report.docx"
    result = run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31")
    assert result.returncode == 0
    assert all(line.startswith("sip-excel: warning: ") for line in result.stderr.splitlines())  # ours, no Python's
    assert "The plan has no actions yet." in text_of(Document(output))


def test_a_plan_without_priorities_does_not_speak_of_them(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Ref", "Action", "Start", "End", "Lead officer", "Comments", "RAG status"])
    book.active.append(["1", "Write the strategy", None, "Jun 2017", "RG", "Drafted.", "Blue"])
    book.active.append(["2", "Train the staff", None, "Dec 2017", "RG", "Booked.", "Green"])
    plan = tmp_path / "plan.xlsx"
    book.save(plan)
    output = tmp_path / "report.docx"
    assert run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31").returncode == 0
    document = Document(output)
    assert "priorit" not in body_text_generic(document).lower()
    assert "Of the two actions, one is complete (50%)." in text_of(document)


def test_a_plan_grouped_by_a_theme_column_is_reported_by_theme(tmp_path):
    """Groups from a Theme column are themes in the report too: the table's heading and first column say so."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Theme", "Action", "Due date", "Owner", "Update", "Status"])
    book.active.append(["Early help", "Write the strategy", "Jun 2017", "RG", "Drafted.", "Done"])
    book.active.append(["Early help", "Train the staff", "Dec 2017", "RG", "Booked.", "On track"])
    book.active.append(["Workforce", "Recruit social workers", "Mar 2018", "JS", "Two in post.", "At risk"])
    plan = tmp_path / "plan.xlsx"
    book.save(plan)
    output = tmp_path / "report.docx"
    assert run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31").returncode == 0
    document = Document(output)
    body = body_text_generic(document)
    assert "Progress by theme" in body and "priorit" not in body.lower()
    [table] = tables_with_header(document, ["Theme", "Blue", "Red", "Amber", "Green", "Unrated", "Total",
                                            "% complete", "Overdue"])
    assert [row.cells[0].text for row in table.rows[1:]] == ["Theme 1: Early help", "Theme 2: Workforce", "Total"]


def test_a_tracker_without_end_dates_or_comments_is_not_said_to_be_up_to_date(tmp_path):
    """Without End date and Comments columns the report does not say that nothing is overdue or out of date:
    it says what the plan cannot show."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Task", "Owner", "Status"])
    book.active.append(["Agree the referral form", "JS", "Done"])
    book.active.append(["Publish the offer", "JS", "In progress"])
    plan = tmp_path / "tracker.xlsx"
    book.save(plan)
    output = tmp_path / "report.docx"
    assert run("report", str(plan), "-o", str(output), "--as-of", "2017-08-31").returncode == 0
    text = text_of(Document(output))
    assert "past its end date" not in text and "No action is overdue" not in text
    assert "current progress comment" not in text
    assert "The plan has no end dates, so no action can be shown as overdue." in text
    assert "The plan has no progress comments, so none can be shown as out of date." in text


def test_a_period_the_plan_does_not_give_is_not_called_the_plan_period(tmp_path):
    """Without Settings or a title block's Duration, the as-of date is checked against the actions' dates, and the
    author is told that is what they are."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Task", "Owner", "Due date", "Status"])
    book.active.append(["Agree the referral form", "JS", "Jun 2017", "Done"])
    book.active.append(["Publish the offer", "JS", "Dec 2017", "In progress"])
    plan = tmp_path / "tracker.xlsx"
    book.save(plan)
    result = run("report", str(plan), "-o", str(tmp_path / "report.docx"), "--as-of", "2019-01-31")
    assert result.returncode == 0
    assert ("The report is at 31 January 2019 (the as-of date given), outside its actions' dates (30 June 2017 to "
            "31 December 2017; the plan gives no period of its own).") in result.stderr


def body_text_generic(document) -> str:
    texts = [p.text for p in document.paragraphs]
    return "\n".join(texts[: texts.index("Contact")])


def test_a_template_path_that_does_not_exist_is_named(built, tmp_path):
    output = tmp_path / "out.docx"
    result = run("report", str(built[0]), "--template", str(tmp_path / "mine.docx"), "-o", str(output))
    assert result.returncode == 2 and not output.exists()
    assert result.stderr.strip() == f"sip-excel: error: template {tmp_path / 'mine.docx'} not found. Check the path " \
                                    "given with --template."
