"""The committee report: figures match the roll-up, lists match the plan, a real reader opens it."""
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
from sip_excel.report import DEFAULT_TEMPLATE
from sip_excel.rollup import rollup
from sip_excel.validate import validate

ROLLUP_HEADER = ["Priority", "Blue", "Red", "Amber", "Green", "Unrated", "Total", "% complete", "Overdue"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sip_excel.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("report")
    plan = folder / "plan.xlsx"
    shutil.copy(Path(__file__).parent.parent / "workbook" / "sip_2017_18.xlsx", plan)
    output = folder / "report.docx"
    result = run("report", str(plan), "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert f"Committee report written to {output}" in result.stdout
    return plan, output


@pytest.fixture(scope="module")
def figures(built):
    plan, _ = built
    loaded, config = load(plan)
    return loaded, rollup(loaded, validate(loaded, config))


def text_of(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def tables_with_header(document, header: list[str]):
    return [t for t in document.tables if [c.text for c in t.rows[0].cells] == header]


def test_header_table_holds_the_settings(built):
    header = Document(built[1]).tables[0]
    cells = [[c.text for c in row.cells] for row in header.rows]
    assert cells[0] == ["Committee(s):", "Dated:"]
    assert cells[1] == ["Safeguarding Sub Committee", "12 September 2017"]
    assert cells[2][0] == "Subject: Children & Families Service Improvement Plan - progress update"
    assert cells[4][0].startswith("Report author: Rachel Green, Service Manager")


@pytest.mark.parametrize(("flags", "author_cell", "signature"), [
    (["--author", "Rachel Green"], "Report author: Rachel Green, Service Manager, Children's Social Care and Early "
     "Help", ["Rachel Green", "Service Manager, Children's Social Care and Early Help", "T: 020 7332 3501",
              "E: rachel.green@cityoflondon.gov.uk"]),
    ([], "Report author: ", ["", "", "", ""]),  # no Settings sheet: no stray commas or "T:" labels
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
    assert [p.text for p in document.paragraphs[-4:]] == signature


def test_council_format_sections_in_order(built):
    text = text_of(Document(built[1]))
    order = ["Summary", "Recommendation(s)", "Members are asked to:", "Note the report.", "Main Report",
             "BRAG key", "Appendices", "Appendix 1 - Children & Families Service Improvement Plan",
             "T: 020 7332 3501", "E: rachel.green@cityoflondon.gov.uk"]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_figures_and_sentences_match_the_rollup(built, figures):
    _, result = figures
    text = text_of(Document(built[1]))
    total, blue = result.count("Total"), result.count("Blue")
    assert f"Of the {total} actions, {blue} are complete ({result.totals['% complete']}%)." in text
    open_actions = total - blue
    assert f"Of the {open_actions} actions still open, there are no red ratings, five at amber, 49 at green and " \
           "five without a rating." in text
    assert f"{result.count('Overdue')} actions are past their end date" in text
    assert "Most actions are amber" not in text  # they are not: most open actions are green


def test_rollup_table_matches(built, figures):
    _, result = figures
    (table,) = tables_with_header(Document(built[1]), ROLLUP_HEADER)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    expected = result.table[result.table["level"] != "section"]
    assert [r[0] for r in rows] == list(expected["label"])
    assert [r[1:7] for r in rows] == [[str(v) for v in rec] for rec in
                                      expected[["Blue", "Red", "Amber", "Green", "Unrated", "Total"]].values.tolist()]


def test_a_table_per_priority_with_coloured_labelled_status_cells(built, figures):
    plan, _ = figures
    tables = tables_with_header(Document(built[1]), ["Ref", "Action", "End", "Lead", "Status"])
    assert len(tables) == len(plan.priorities)
    for table, priority in zip(tables, plan.priorities):
        actions = [a for a in plan.actions if a.priority == priority.number]
        rows = table.rows[1:]
        assert [r.cells[0].text for r in rows] == [a.ref or "(no ref)" for a in actions]
        for row, action in zip(rows, actions):
            status_cell = row.cells[4]
            assert status_cell.text == (action.status or "Unrated")
            fill = status_cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
            assert fill == {"Blue": "9DC3E6", "Red": "F4B6B5", "Amber": "FFD966", "Green": "C5E0B3",
                            "Unrated": "E7E6E6"}[status_cell.text]


def test_lists_match_the_plan(built, figures):
    plan, result = figures
    document = Document(built[1])
    text = text_of(document)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    overdue = [a for a in plan.actions if a.is_overdue(result.as_of)]
    for action in overdue:
        assert any(b.startswith(f"P{action.priority} {action.ref} ") and "Due" in b for b in bullets)
    challenges = [a for a in plan.actions if a.status in ("Red", "Amber")]
    assert sum(f"({a.status})" in b for a in challenges for b in bullets if b.startswith(f"P{a.priority} {a.ref} ")) \
        == len(challenges)
    assert "P4 4.1 Staying Put" in text and "will be written by end July" in text  # a stale comment
    assert "Validation found 130 errors and 94 warnings" in text


def test_chart_and_appendix_are_present(built, figures):
    plan, _ = figures
    document = Document(built[1])
    assert len(document.inline_shapes) == 1
    appendix = tables_with_header(document, ["Ref", "Action", "Start", "End", "Lead", "Comments", "Status"])
    assert sum(len(t.rows) - 1 for t in appendix) == len(plan.actions) == 113


def test_libreoffice_opens_the_report(built, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: .ci/run installs libreoffice-writer-nogui"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(built[1])], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "report.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Main Report" in text and "Of the 113 actions" in text
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                               text=True).stdout)[1])
    assert pages > 3


def test_the_workbook_is_never_touched(built):
    plan, _ = built
    workbook = load_workbook(plan)
    assert workbook.sheetnames == ["SIP 2017-18", "Settings"]
    assert (Path(__file__).parent.parent / "workbook" / "sip_2017_18.xlsx").read_bytes() == plan.read_bytes()


def test_refuses_to_overwrite_without_force(built):
    plan, output = built
    refused = run("report", str(plan), "-o", str(output))
    assert refused.returncode == 2 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert run("report", str(plan), "-o", str(output), "--force").returncode == 0


def test_direction_of_travel_with_previous(built, tmp_path):
    plan, _ = built
    previous = tmp_path / "june.xlsx"
    workbook = load_workbook(plan)
    sheet = workbook["SIP 2017-18"]
    sheet["J21"] = "Green"  # 1.3 was Green in June, Completed now
    sheet["J22"] = "Amber"  # 1.4 likewise
    workbook["Settings"]["B14"] = None  # an as-of date of its own: none, so "the previous version"
    workbook.save(previous)
    output = tmp_path / "travel.docx"
    result = run("report", str(plan), "--previous", str(previous), "-o", str(output))
    assert result.returncode == 0, result.stderr
    text = text_of(Document(output))
    assert "Since the previous version of the plan, two actions have been completed and two actions changed " \
           "status." in text
    assert "P1 1.3 Develop post-case closure" in text
    rolled = run("rollup", str(plan), "--previous", str(previous))
    assert "two actions have been completed" in rolled.stdout


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
])
def test_broken_template_is_one_clear_line_and_nothing_is_written(built, tmp_path, extra, message):
    plan, _ = built
    output = tmp_path / "out.docx"
    result = run("report", str(plan), "--template", str(_template_with(tmp_path, extra)), "-o", str(output))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not output.exists() and not list(tmp_path.glob(".out-*"))


def test_a_template_that_is_not_a_docx(built, tmp_path):
    fake = tmp_path / "template.docx"
    fake.write_text("hello")
    result = run("report", str(built[0]), "--template", str(fake), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and "is not a Word .docx file" in result.stderr


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
    assert result.returncode == 0 and result.stderr == ""
    assert "The plan has no actions yet." in text_of(Document(output))
