"""The one sentence builder (committee/sentences.py) and every count sentence at 0, 1, 2, many and all."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sip_excel.committee.sentences import as_sentence, clean, count, join, long_date, month_year, number, \
    plan_date, verb, without_stop
from sip_excel.dates import PlanDate
from sip_excel.narrative import brag_sentence, completion_sentence, overdue_sentence, red_sentence, status_sentence
from sip_excel.rollup import Rollup

AS_OF = dt.date(2017, 8, 31)


def totals(blue=0, red=0, amber=0, green=0, unrated=0, overdue=0) -> Rollup:
    total = blue + red + amber + green + unrated
    row = {"level": "total", "label": "Total", "Blue": blue, "Red": red, "Amber": amber, "Green": green,
           "Unrated": unrated, "Total": total, "% complete": round(100 * blue / total) if total else 0,
           "Overdue": overdue}
    return Rollup(pd.DataFrame([row]), AS_OF)


@pytest.mark.parametrize(("n", "counted", "agreeing"), [
    (0, "no actions", "are"), (1, "one action", "is"), (2, "two actions", "are"), (9, "nine actions", "are"),
    (10, "10 actions", "are"), (1234, "1,234 actions", "are"),
])
def test_count_and_verb_agree(n, counted, agreeing):
    assert count(n, "action") == counted
    assert verb(n, "is", "are") == agreeing


def test_numbers_under_ten_in_words_as_the_seeds_write_them():
    assert [number(n) for n in (0, 1, 9, 10, 11, 1234)] == ["no", "one", "nine", "10", "11", "1,234"]
    assert number(0, "none") == "none"
    assert count(2, "priority", "priorities") == "two priorities"


@pytest.mark.parametrize(("parts", "joined"), [
    ([], ""), (["1.5"], "1.5"), (["1.5", "2.2"], "1.5 and 2.2"), (["1.5", "", "2.2", "3.1"], "1.5, 2.2 and 3.1"),
])
def test_join(parts, joined):
    assert join(parts) == joined


@pytest.mark.parametrize(("text", "sentence", "bare"), [
    ("update of practice standards", "Update of practice standards.", "Update of practice standards"),
    ("Set-up Virtual MASH.", "Set-up Virtual MASH.", "Set-up Virtual MASH"),
    ("Is it done?", "Is it done?", "Is it done?"),
    ("  risk\nassessments ;", "Risk assessments.", "Risk assessments"),
    ("Leadership , Management and Governance", "Leadership, Management and Governance.",
     "Leadership, Management and Governance"),
    ("bell\x07 rang", "Bell rang.", "Bell rang"),
    ("", "", ""),
])
def test_plan_text_as_a_sentence(text, sentence, bare):
    assert as_sentence(text) == sentence
    assert without_stop(text) == bare


def test_dates_in_one_style():
    assert long_date(dt.date(2017, 9, 1)) == "1 September 2017"  # never "01 September 2017"
    assert month_year(dt.date(2017, 6, 1)) == "June 2017"
    assert plan_date(PlanDate(dt.date(2017, 6, 1), "month", "date"), "2017-06-01") == "June 2017"
    assert plan_date(PlanDate(dt.date(2017, 9, 7), "day", "date"), "2017-09-07") == "7 September 2017"
    assert plan_date(PlanDate(dt.date(1900, 1, 1), "day", "serial"), "1") == "1"  # as the plan shows it
    assert plan_date(None, "lan-17") == "lan-17"
    assert clean("a\tb\r\nc") == "a b c"


# 0, 1, 2, many and all, for each sentence made from the figures.
@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(), "The plan has no actions yet."),
    (dict(green=12), "None of the 12 actions is complete yet."),
    (dict(blue=1), "The plan's one action is complete."),
    (dict(green=1), "The plan's one action is not complete yet."),
    (dict(blue=1, green=1), "Of the two actions, one is complete (50%)."),
    (dict(blue=2, green=5), "Of the seven actions, two are complete (29%)."),
    (dict(blue=51, green=67), "Of the 118 actions, 51 are complete (43%)."),
    (dict(blue=12), "All 12 actions are complete."),
    (dict(blue=2), "Both actions are complete."),
])
def test_completion_sentence(counts, sentence):
    assert completion_sentence(totals(**counts)) == sentence


@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(), ""),
    (dict(blue=3), "Every action is complete."),
    (dict(blue=3, amber=1), "The one action still open is at amber."),
    (dict(red=1), "The one action still open is red."),
    (dict(red=1, amber=2, green=3), "Of the six actions still open, there is one red rating, two at amber and the "
                                    "rest at green."),
    (dict(red=2, amber=2, green=3), "Of the seven actions still open, there are two red ratings, two at amber and "
                                    "the rest at green."),
    (dict(blue=51, amber=5, green=62), "Of the 67 actions still open, there are no red ratings, five at amber and "
                                        "the rest at green."),
    (dict(green=4), "Of the four actions still open, there are no red ratings, none at amber and four at green."),
    (dict(amber=2, green=3, unrated=1), "Of the six actions still open, there are no red ratings, two at amber, "
                                        "three at green and one without a rating."),
])
def test_brag_sentence(counts, sentence):
    assert brag_sentence(totals(**counts)) == sentence


@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(), ""),
    (dict(green=3), "No action is rated red."),
    (dict(red=1, green=3), "One action is rated red."),
    (dict(red=2, green=3), "Two actions are rated red."),
    (dict(red=12, green=3), "12 actions are rated red."),
    (dict(red=4), "Four actions are rated red."),
])
def test_red_sentence(counts, sentence):
    assert red_sentence(totals(**counts)) == sentence


@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(green=3), "No action is past its end date at 31 August 2017."),
    (dict(blue=2), ""),  # nothing open: nothing to be overdue
    (dict(green=3, overdue=1), "At 31 August 2017, one action is past its end date and not complete."),
    (dict(green=3, overdue=2), "At 31 August 2017, two actions are past their end date and not complete."),
    (dict(green=30, overdue=15), "At 31 August 2017, 15 actions are past their end date and not complete."),
    (dict(blue=1, green=3, overdue=3), "At 31 August 2017, all three open actions are past their end date."),
])
def test_overdue_sentence(counts, sentence):
    assert overdue_sentence(totals(**counts), AS_OF) == sentence


@pytest.mark.parametrize(("counts", "sentence"), [
    ({}, "Its actions are not written yet."),
    ({"Green": 1}, "Its one action is at green."),
    ({"Blue": 1}, "Its one action is complete."),
    ({"Blue": 2}, "Both of its actions are complete."),
    ({"Blue": 1, "Amber": 1}, "Of its two actions, one is complete and one is at amber."),
    ({"Blue": 7, "Green": 2}, "Of its nine actions, seven are complete and two are at green."),
    ({"Blue": 14, "Amber": 2, "Green": 6}, "Of its 22 actions, 14 are complete, two are at amber and six are at "
                                           "green."),
    ({"Blue": 6}, "All six of its actions are complete."),
])
def test_status_sentence(counts, sentence):
    assert status_sentence(counts) == sentence


def test_a_status_of_the_plans_own_is_counted_and_named():
    """Another layout may bring statuses such as 'On hold': the sentences count them, in their own words."""
    rolled = totals(blue=1, amber=2, green=2)
    rolled.table["On hold"] = 1
    rolled.table["Total"] += 1
    assert brag_sentence(rolled) == "Of the five actions still open, there are no red ratings, two at amber, two " \
                                    "at green and one on hold."
    assert status_sentence({"Blue": 1, "On hold": 2}) == "Of its three actions, one is complete and two are on hold."
