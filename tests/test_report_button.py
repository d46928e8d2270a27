"""The Build report button: the author's notes (data quality, settings to check) in its one alert, never in
the document."""
from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from sip_excel import excel

from .excel_sim import actions, open_book, workbook_payload
from .conftest import SAMPLE


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    monkeypatch.setenv("SIP_EXCEL_LOG", str(tmp_path / "sip-excel.log"))
    monkeypatch.setenv("SIP_EXCEL_NO_OPEN", "1")
    monkeypatch.setattr(excel, "_now", lambda: dt.datetime(2017, 8, 31, 9, 30))


def test_the_alert_tells_the_author_what_the_report_leaves_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    payload = workbook_payload(SAMPLE)
    book = open_book(payload)
    written = excel.build_report(book)
    (alert,) = [a for a in actions(book) if a["func"] == "alert"]
    message = alert["args"][0]
    assert message.startswith(f"The committee report is ready:\n{written}\n\n")
    assert message.endswith("The plan has 130 errors and 94 warnings; 'sip-excel validate' (or Validate in Excel) "
                            "lists them by cell. They are not in the report.")
    text = "\n".join(p.text for p in Document(written).paragraphs)
    assert "errors" not in text and "validate" not in text.lower()
