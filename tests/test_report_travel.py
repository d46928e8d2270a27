"""Direction of travel end to end: the report, `rollup --format json` and `csv` name the same actions as the
travel code computes, in groups that do not overlap."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from sip_excel.api import load
from sip_excel.names import namer
from sip_excel.narrative import travel_sentences
from sip_excel.travel import compare

from .conftest import SAMPLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sip_excel.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> tuple[Path, Path]:
    """The sample, and a June copy of it: 1.3 and 1.4 not yet complete, 1.5 still Green and due in October,
    and 4.14 written as another action (so 4.14 is added and the June one removed)."""
    folder = tmp_path_factory.mktemp("travel")
    current = folder / "plan.xlsx"
    current.write_bytes(SAMPLE.read_bytes())
    book = load_workbook(current)
    sheet = book["SIP 2017-18"]
    sheet["J21"], sheet["J22"] = "Green", "Amber"
    sheet["J23"], sheet["E23"] = "Green", dt.datetime(2017, 10, 1)
    sheet["B88"], sheet["C88"] = "4.99", "An action dropped since June"
    book["Settings"]["B14"] = dt.datetime(2017, 6, 30)
    previous = folder / "june.xlsx"
    book.save(previous)
    return current, previous


def test_the_report_names_what_the_travel_code_computes(copies, tmp_path):
    current, previous = copies
    output = tmp_path / "travel.docx"
    result = run("report", str(current), "--previous", str(previous), "-o", str(output))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    plan, _ = load(current)
    old, old_config = load(previous)
    travel = compare(old, plan, old_config.as_of)
    expected = travel_sentences(travel, namer(plan))
    assert expected == [
        "Two actions were completed: 1.3 and 1.4.",
        "One action moved from Green to Amber: 1.5.",
        "One end date slipped: 1.5 by two months.",
        "One action was added: 4.14.",
        "One action was removed: 4.99.",
    ]
    texts = [p.text for p in Document(output).paragraphs]
    start = texts.index("Direction of travel")
    assert texts[start + 1] == "Since the last report (30 June 2017):"
    assert texts[start + 2: start + 2 + len(expected)] == expected
    achievements = texts.index("Key achievements")
    assert texts[achievements + 1] == "Since the last report (30 June 2017), two actions were completed:"
    assert texts[achievements + 2].endswith("(1.3).") and texts[achievements + 3].endswith("(1.4).")


def test_rollup_json_and_csv_carry_the_same_lists(copies):
    current, previous = copies
    plan, _ = load(current)
    old, old_config = load(previous)
    travel = compare(old, plan, old_config.as_of)
    result = run("rollup", str(current), "--previous", str(previous), "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = json.loads(result.stdout)["travel"]["changes"]
    assert [(c["change"], c["priority"], c["ref"], c["from"], c["to"]) for c in changes] == [
        (r["change"], r["priority"], r["ref"], r["from"], r["to"]) for r in travel.records()]
    assert [(c["change"], c["ref"]) for c in changes] == [
        ("completed", "1.3"), ("completed", "1.4"), ("status", "1.5"), ("slipped", "1.5"), ("added", "4.14"),
        ("removed", "4.99")]
    rows = list(csv.DictReader(io.StringIO(run("rollup", str(current), "--previous", str(previous), "--format",
                                               "csv").stdout)))
    by_label = {row["label"]: row for row in rows}
    assert by_label["Priority 1"]["Completed since"] == "1.3; 1.4"
    assert by_label["Priority 1"]["Status changes"] == "1.5 (Green to Amber)"
    assert by_label["Priority 1"]["End dates slipped"] == "1.5 (2017-10-31 to 2017-12-31)"
    assert (by_label["Priority 4"]["Added"], by_label["Priority 4"]["Removed"]) == ("4.14", "4.99")
    assert by_label["Total"]["Completed since"] == "1.3; 1.4"
    text = run("rollup", str(current), "--previous", str(previous)).stdout
    assert "Since the last report (30 June 2017):\n  Two actions were completed: 1.3 and 1.4." in text


def test_a_previous_copy_that_is_not_earlier_is_told_to_the_author(copies, tmp_path):
    current, _ = copies
    output = tmp_path / "same.docx"
    result = run("report", str(current), "--previous", str(current), "-o", str(output))
    assert result.returncode == 0
    (warning,) = result.stderr.strip().splitlines()
    assert warning.startswith("sip-excel: warning: The previous copy is at 31 August 2017, which is not earlier "
                              "than this one (31 August 2017)")
    text = "\n".join(p.text for p in Document(output).paragraphs)
    assert "Since the previous version of the plan:" in text and "Since the last report (31 August 2017)" not in text


def test_the_roll_up_tells_the_author_of_a_previous_copy_that_is_not_earlier_too(copies):
    current, previous = copies
    result = run("rollup", str(current), "--previous", str(current))
    assert result.returncode == 0
    (warning,) = result.stderr.strip().splitlines()
    assert warning == ("sip-excel: warning: The previous copy is at 31 August 2017, which is not earlier than this "
                       "one (31 August 2017), so the roll-up says \"since the previous version of the plan\". Check "
                       "that --previous names the earlier copy.")
    assert "Since the previous version of the plan:" in result.stdout
    assert run("rollup", str(current), "--previous", str(previous)).stderr == ""  # the earlier copy: nothing to say
