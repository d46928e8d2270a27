"""headers.py: which cell texts are labels, which rows are header rows, and what a status word means."""
from __future__ import annotations

import pytest

from sip_excel.config import Config
from sip_excel.headers import match_header, normalise_label, status_of

VOCABULARY = Config().vocabulary


@pytest.mark.parametrize(("label", "field"), [
    ("Action Ref", "ref"), ("Ref No", "ref"), ("ID", "ref"), ("Risk ID", "ref"), ("Issue ID", "ref"),
    ("S.No", "ref"), ("#", "ref"), ("No.", "ref"),
    ("Task", "action"), ("Task Description", "action"), ("Description", "action"), ("Action / Decision", "action"),
    ("Deadline(s)", "end"), ("Target Date", "end"), ("Due Date", "end"), ("Due date (dd/mm/yy)", "end"),
    ("Owner", "lead_officer"), ("Responsible", "lead_officer"), ("Assigned to", "lead_officer"),
    ("Response Person", "lead_officer"), ("PIC", "lead_officer"),
    ("Update", "comments"), ("Progress", "comments"), ("Notes", "comments"), ("Remarks", "comments"),
    ("Status", "rag"), ("Progress status", "rag"), ("RAG", "rag"), ("RAG Status:", "rag"), ("Rating (1-5)", "rag"),
    ("Priority", "group"), ("Theme", "group"), ("Workstream", "group"), ("Category", "group"),
    ("Measure/outcome:", "measure"), ("Specific aim", "aim"),
    ("Hello", ""), ("1.2", ""), ("Item", ""), ("Priority 1: Early help", ""),
])
def test_a_label_is_known_whatever_its_case_punctuation_or_bracketed_note(label, field):
    assert VOCABULARY.label_lookup()[label] == field


@pytest.mark.parametrize(("aliases", "text", "field"), [
    ({}, "Action 12 of priority 3", ""),  # content with a digit: no label has one, so it labels nothing
    ({}, "1.12", ""),
    ({}, "Rating (1-5)", "rag"),  # a digit only in a bracketed note is still looked at
    ({}, "Due date [dd/mm/yyyy]", "end"),
    ({"comments": ("Q1 update",)}, "Q1 Update", "comments"),  # an alias with a digit: texts with digits are judged
    ({"comments": ("Q1 update",)}, "Action 12", ""),
])
def test_a_text_with_a_digit_is_a_label_only_where_a_label_has_one(aliases, text, field):
    config = Config(aliases={**Config().aliases, **aliases})
    assert config.vocabulary.label_lookup()[text] == field


@pytest.mark.parametrize(("text", "normal"), [
    ("End date (dd/mm/yy):", "end date"), ("S.No", "s no"), ("#", "#"), ("Action / Decision", "action decision"),
    ("  RAG\u00a0 status ", "rag status"),
])
def test_labels_are_normalised(text, normal):
    assert normalise_label(text) == normal


@pytest.mark.parametrize(("row", "columns", "complete"), [
    (["Ref", "Task", "Owner", "Status"], {"ref": 0, "action": 1, "lead_officer": 2, "rag": 3}, True),
    (["Task", "Status"], {"action": 0, "rag": 1}, True),
    (["Ref", "Action", "Start", "End"], {"ref": 0, "action": 1, "start": 2, "end": 3}, False),
    (["Specific aim: Gain a clear understanding of the needs of the community.", "Ref:", "Action:", "RAG status"],
     {"aim": 0, "ref": 1, "action": 2, "rag": 3}, True),
])
def test_match_header(row, columns, complete):
    match = match_header(row, VOCABULARY.label_lookup())
    assert (match.columns, match.complete) == (columns, complete)


@pytest.mark.parametrize("row", [["1.1", "Do the thing", "RG", "Green"], ["Owner:", "Service Manager"], []])
def test_a_data_row_or_a_title_line_is_not_a_header(row):
    assert match_header(row, VOCABULARY.label_lookup()) is None


@pytest.mark.parametrize(("word", "meaning", "status"), [
    ("Blue", "complete", "Blue"), ("Completed", "complete", "Blue"), ("Done", "complete", "Blue"),
    ("Closed", "complete", "Blue"), ("Achieved", "complete", "Blue"), ("c Completed", "complete", "Blue"),
    ("\u2705", "complete", "Blue"), ("B", "complete", "Blue"),
    ("On track", "on track", "Green"), ("In progress", "on track", "Green"), ("Open", "on track", "Green"),
    ("G", "on track", "Green"), ("\U0001f7e2", "on track", "Green"), ("Amber/Green", "on track", "Green"),
    ("A/G", "on track", "Green"), (" green", "on track", "Green"),
    ("At risk", "at risk", "Amber"), ("Escalated", "at risk", "Amber"), ("A", "at risk", "Amber"),
    ("\U0001f7e0", "at risk", "Amber"), ("A/R", "at risk", "Amber"),
    ("Red", "stuck", "Red"), ("R", "stuck", "Red"), ("\U0001f534 Blocked!", "stuck", "Red"),
    ("Not started", "not started", None), ("NOT STARTED.", "not started", None),
    ("On hold", "on hold", None), ("\u23f8", "on hold", None),
    ("dieen", "unknown", None), ("Green but needs a push", "on track", "Green"), ("Red / Green", "unknown", None),
])
def test_a_status_word_means_one_thing(word, meaning, status):
    assert (VOCABULARY.meaning_of(word), status_of(word, Config())) == (meaning, status)


def test_settings_spellings_extend_the_status_words():
    config = Config(brag={"blue": "Blue", "signed off": "Blue"}, status_words={"parked for now": "on hold"})
    assert (config.vocabulary.meaning_of("Signed off"), config.vocabulary.meaning_of("Parked for now"),
            config.vocabulary.meaning_of("Done")) == ("complete", "on hold", "complete")
