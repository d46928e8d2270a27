"""The report's sentences: correct English, and only what the figures support."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from sip_excel.narrative import amber_sentence, brag_sentence, completion_sentence, number, overdue_sentence
from sip_excel.rollup import Rollup

AS_OF = dt.date(2017, 8, 31)


def totals(blue=0, red=0, amber=0, green=0, unrated=0, overdue=0) -> Rollup:
    total = blue + red + amber + green + unrated
    row = {"level": "total", "label": "Total", "Blue": blue, "Red": red, "Amber": amber, "Green": green,
           "Unrated": unrated, "Total": total, "% complete": round(100 * blue / total) if total else 0,
           "Overdue": overdue}
    return Rollup(pd.DataFrame([row]), AS_OF)


@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(blue=51, amber=5, green=62), "Of the 67 actions still open, there are no red ratings, five at amber and "
                                        "the rest at green."),
    (dict(red=1, amber=2, green=3), "Of the six actions still open, there are one red rating, two at amber and the "
                                    "rest at green."),
    (dict(green=4), "Of the four actions still open, there are no red ratings, none at amber and four at green."),
    (dict(amber=2, green=3, unrated=1), "Of the six actions still open, there are no red ratings, two at amber, "
                                        "three at green and one without a rating."),
    (dict(blue=3), "Every action is complete."),
])
def test_brag_sentence(counts, sentence):
    assert brag_sentence(totals(**counts)) == sentence


@pytest.mark.parametrize(("counts", "sentence"), [
    (dict(blue=51, green=67), "Of the 118 actions, 51 are complete (43%)."),
    (dict(blue=1, green=1), "Of the 2 actions, one is complete (50%)."),
    (dict(), "The plan has no actions yet."),
])
def test_completion_sentence(counts, sentence):
    assert completion_sentence(totals(**counts)) == sentence


def test_amber_sentence_only_when_true():
    mostly_amber = totals(amber=6, green=2)
    assert amber_sentence(5, mostly_amber).startswith("Most actions are amber because")
    assert amber_sentence(2, mostly_amber) == ""  # most ambers are already overdue: not "not yet reached"
    assert amber_sentence(2, totals(amber=2, green=6)) == ""


def test_overdue_sentence():
    assert overdue_sentence(totals(green=3, overdue=1), AS_OF) == \
        "At 31 August 2017, one action is past its end date and not complete; it is listed below."
    assert overdue_sentence(totals(green=3), AS_OF) == "No action is past its end date at 31 August 2017."


def test_numbers_in_words_up_to_ten():
    assert [number(n) for n in (0, 1, 10, 11, 1234)] == ["no", "one", "ten", "11", "1,234"]
