"""The report's sentences about the figures: only what the figures support, and the travel named."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from sip_excel.narrative import amber_sentence, travel_intro, travel_sentences
from sip_excel.reader import read_plan
from sip_excel.rollup import Rollup
from sip_excel.travel import compare

from .conftest import make_config, plan_grid

AS_OF = dt.date(2017, 8, 31)
D = dt.datetime


def totals(blue=0, red=0, amber=0, green=0, unrated=0) -> Rollup:
    total = blue + red + amber + green + unrated
    row = {"level": "total", "label": "Total", "Blue": blue, "Red": red, "Amber": amber, "Green": green,
           "Unrated": unrated, "Total": total, "% complete": 0, "Overdue": 0}
    return Rollup(pd.DataFrame([row]), AS_OF)


def test_amber_sentence_only_when_true():
    mostly_amber = totals(amber=6, green=2)
    assert amber_sentence(5, mostly_amber).startswith("Most actions are amber because")
    assert amber_sentence(2, mostly_amber) == ""  # most ambers are already overdue: not "not yet reached"
    assert amber_sentence(2, totals(amber=2, green=6)) == ""


def _travel(before: list[dict], after: list[dict], previous_as_of=dt.date(2017, 6, 30)):
    config = make_config()
    return compare(read_plan(plan_grid(*before), config), read_plan(plan_grid(*after), config), previous_as_of)


def test_travel_groups_do_not_overlap_and_name_their_actions():
    travel = _travel(
        [{"ref": "1.1", "rag": "Green"}, {"ref": "1.2", "rag": "Amber"}, {"ref": "1.3", "rag": "Green"},
         {"ref": "1.5", "rag": "Green", "end": D(2017, 6, 1)}, {"ref": "2.2", "rag": "Green", "action": "Two two"},
         {"ref": "1.4", "action": "Dropped action"}],
        [{"ref": "1.1", "rag": "Completed"}, {"ref": "1.2", "rag": "Blue"}, {"ref": "1.3", "rag": "Green"},
         {"ref": "1.5", "rag": "Amber", "end": D(2017, 9, 1)}, {"ref": "2.2", "rag": "Amber", "action": "Two two"},
         {"ref": "1.6", "action": "New action"}])
    assert travel_sentences(travel, lambda a: a.ref) == [
        "Two actions were completed: 1.1 and 1.2.",
        "Two actions moved from Green to Amber: 1.5 and 2.2.",
        "One end date slipped: 1.5 by three months.",
        "One action was added: 1.6.",
        "One action was removed: 1.4.",
    ]


def test_nothing_changed():
    travel = _travel([{"ref": "1.1"}], [{"ref": "1.1"}])
    assert travel_sentences(travel, lambda a: a.ref) == [
        "No action changed status, no end date slipped, and no action was added or removed."]


def test_travel_intro_names_the_previous_date_only_when_it_is_earlier():
    assert travel_intro(_travel([], []), AS_OF) == "Since the last report (30 June 2017):"
    assert travel_intro(_travel([], [], AS_OF), AS_OF) == "Since the previous version of the plan:"
    assert travel_intro(_travel([], [], None), AS_OF) == "Since the previous version of the plan:"
