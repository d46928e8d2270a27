"""The report's context (committee/context.py): the pure choosers behind each list, on small plans."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.committee.context import achievement_items, challenge_items, completed_in_period, group_count, \
    latest_comment, lead_names, overdue_items, period_start, section_aim, section_paragraphs
from sip_excel.config import Officer
from sip_excel.grid import Grid
from sip_excel.names import namer
from sip_excel.reader import read_plan

from .conftest import HEADER, action_row, make_config, plan_grid

D = dt.datetime
AS_OF = dt.date(2017, 8, 31)


def plan_of(*actions: dict, **config):
    return read_plan(plan_grid(*actions), make_config(**config))


@pytest.mark.parametrize(("comments", "index", "latest"), [
    (["Leaflets printed.", "As above."], 1, "Leaflets printed."),
    (["Leaflets printed.", "Update: As above."], 1, "Leaflets printed."),
    (["Leaflets printed.", "see above", "As above"], 2, "Leaflets printed."),  # a chain, still unambiguous
    (["", "As above."], 1, ""),  # points at nothing: left out
    (["As above."], 0, ""),  # nothing above it
    (["Leaflets printed.", "To be added."], 1, ""),  # a placeholder that points nowhere
    (["Leaflets printed.", "Complete; as above we said."], 1, "Complete; as above we said."),  # real text
])
def test_placeholder_comments_are_resolved_or_left_out(comments, index, latest):
    plan = plan_of(*({"ref": f"1.{i + 1}", "comments": c} for i, c in enumerate(comments)))
    assert latest_comment(plan, index) == latest


def test_as_above_never_reaches_into_another_priority():
    rows = [["Priority 1: One"], HEADER, action_row(ref="1.1", comments="Done in June."), ["Priority 2: Two"], HEADER,
            action_row(ref="2.1", comments="As above.")]
    plan = read_plan(Grid("Plan", rows), make_config())
    assert latest_comment(plan, 1) == ""


@pytest.mark.parametrize(("lead", "officers", "named"), [
    ("RG", {"RG": Officer("RG", "Rachel Green")}, "Rachel Green"),
    ("JF/RG", {"RG": Officer("RG", "Rachel Green"), "JF": Officer("JF")}, "JF and Rachel Green"),
    ("IA TOTAL", {"IA": Officer("IA", "Ian Ashby")}, "Ian Ashby"),
    ("", {"RG": Officer("RG", "Rachel Green")}, ""),
    ("RdP", {}, "RdP"),  # no Officers list: initials as written
    ("IA TOTAL", {}, "IA"),
    ("Jo Smith", {}, "Jo Smith"),  # no Officers list: a full name or a role is what Members read
    ("Head of Service", {}, "Head of Service"),
    ("Jo Smith / AB", {}, "Jo Smith and AB"),
    ("HR Team", {}, "HR Team"),  # a role beside initials-like letters is read whole, never cut to 'HR'
    ("Head of HR / JS", {}, "Head of HR and JS"),
    ("PD PD", {}, "PD"),
    ("RG tbc", {}, "RG"),  # a note beside initials is not a name
    ("JS interim", {}, "JS"),
    ("AB Lead", {}, "AB Lead"),
    ("Rachel Green", {"RG": Officer("RG", "Rachel Green")}, "Rachel Green"),  # the listed name written out
    ("Jo Smith", {"RG": Officer("RG", "Rachel Green")}, ""),  # with a list, only its officers are named
    ("12345", {}, ""),
])
def test_lead_names(lead, officers, named):
    plan = plan_of({"lead_officer": lead}, officers=officers)
    assert lead_names(plan.actions[0], make_config(officers=officers)) == named


def test_overdue_items_are_clean_sentences():
    plan = plan_of({"ref": "1.1", "action": "Improve risk assessments", "end": D(2017, 4, 1), "lead_officer": ""},
                   {"ref": "1.2", "action": "Train staff.", "end": D(2017, 6, 1), "rag": "Amber"})
    assert overdue_items(plan, AS_OF, make_config(), namer(plan)) == [
        "Improve risk assessments (1.1): due April 2017, at green.",  # no "lead ." for an empty lead
        "Train staff (1.2): due June 2017, at amber, led by RG.",
    ]


def test_challenges_are_red_and_amber_with_their_latest_progress():
    plan = plan_of({"ref": "1.1", "action": "Publish leaflets", "rag": "Amber", "comments": "Printing paused."},
                   {"ref": "1.2", "action": "Share the work", "rag": "Red", "comments": "As above."},
                   {"ref": "1.3", "action": "On track", "rag": "Green"})
    assert challenge_items(plan, namer(plan)) == [
        "Publish leaflets (1.1, amber). Latest progress: Printing paused.",
        "Share the work (1.2, red). Latest progress: Printing paused.",
    ]


def test_period_start_counts_months_back():
    assert period_start(AS_OF, 3) == dt.date(2017, 5, 31)
    assert period_start(dt.date(2017, 2, 28), 3) == dt.date(2016, 11, 28)
    assert period_start(dt.date(2017, 5, 31), 3) == dt.date(2017, 2, 28)


def test_achievements_are_the_actions_completed_in_the_period():
    plan = plan_of({"ref": "1.1", "rag": "Blue", "end": D(2017, 5, 1), "action": "Finished in May"},
                   {"ref": "1.2", "rag": "Blue", "end": D(2017, 6, 1), "action": "Finished in June"},
                   {"ref": "1.3", "rag": "Blue", "end": D(2017, 8, 1), "action": "Finished in August"},
                   {"ref": "1.4", "rag": "Green", "end": D(2017, 7, 1), "action": "Not finished"},
                   {"ref": "1.5", "rag": "Blue", "end": D(2017, 12, 1), "action": "Finished early"})
    chosen = completed_in_period(plan, AS_OF, 3, None)
    assert [a.ref for a in chosen] == ["1.2", "1.3"]
    assert [a.ref for a in completed_in_period(plan, AS_OF, 6, None)] == ["1.1", "1.2", "1.3"]


@pytest.mark.parametrize(("n", "shown", "more"), [
    (0, 0, ""), (1, 1, ""), (2, 2, ""), (10, 10, ""), (11, 10, "And one more (Appendix 1)."),
    (25, 10, "And 15 more (Appendix 1)."),
])
def test_achievements_stop_at_ten(n, shown, more):
    plan = plan_of(*({"ref": f"1.{i + 1}", "action": f"Action number {i + 1}", "rag": "Blue"} for i in range(n)))
    items, said = achievement_items(plan.actions, namer(plan))
    assert len(items) == shown and said == more
    assert items[:1] == (["Action number 1 (1.1)."] if n else [])


def test_an_action_with_no_text_is_not_an_empty_bullet():
    plan = plan_of({"ref": "1.1", "action": "", "measure": "", "aim": ""},
                   {"ref": "1.2", "action": "", "measure": "Fewer late plans", "aim": ""})
    items, _ = achievement_items(plan.actions, namer(plan))
    assert items == ["Fewer late plans (1.2)."]
    many = plan_of(*({"ref": f"1.{i + 1}", "action": "" if i == 0 else f"Action {i + 1}"} for i in range(12)))
    assert achievement_items(many.actions, namer(many))[1] == "And two more (Appendix 1)."  # 12 actions, 10 shown


def test_names_carry_the_priority_only_where_the_ref_does_not():
    rows = [["Priority 1: One"], HEADER, action_row(ref="1.5"), ["Priority 5: Ofsted"], HEADER,
            action_row(ref="1.1"), action_row(ref="A5.4"), action_row(ref="5.2"), action_row(ref="")]
    plan = read_plan(Grid("Plan", rows), make_config())
    name = namer(plan)
    assert [name(a) for a in plan.actions] == ["1.5", "P5 1.1", "P5 A5.4", "5.2", f"row {plan.actions[-1].row + 1}"]


@pytest.mark.parametrize(("rows", "names"), [
    # groups from a Workstream column: no 'P1', which the plan never shows; its name only where a ref repeats
    ([["Ref", "Action", "Workstream", "Status"], [1, "a", "PMO", "Green"], [2, "b", "Digital", "Green"]], ["1", "2"]),
    ([["Ref", "Action", "Workstream", "Status"], [1, "a", "PMO", "Green"], [1, "b", "Digital", "Green"]],
     ["1 in Workstream 1", "1 in Workstream 2"]),
])
def test_names_in_a_plan_grouped_by_a_column(rows, names):
    plan = read_plan(Grid("Plan", rows), make_config())
    name = namer(plan)
    assert [name(a) for a in plan.actions] == names


def test_a_section_paragraph_names_its_recommendation_counts_and_progress():
    rows = [["Priority 5: Ofsted"], [], ["Section one"], ["Recommendations:", *HEADER[1:]],
            action_row(aim="Improve written plans", ref="1.1", rag="Blue", comments="Template agreed."),
            action_row(aim="", ref="1.2", rag="Green", comments="Audit in October."),
            [], ["Section two"], ["Recommendations:", *HEADER[1:]], action_row(aim="", ref="2.1", rag="Blue")]
    plan = read_plan(Grid("Plan", rows), make_config())
    paragraph, second = section_paragraphs(plan, AS_OF)
    assert second["title"] == "Section two."  # no recommendation written: its heading
    assert paragraph == {"title": "Improve written plans.",
                         "text": "Of its two actions, one is complete and one is at green. "
                                 "Latest progress: Audit in October."}


@pytest.mark.parametrize(("aims", "title"), [
    (["Expedite the provision of health histories for", "all care leavers", ""],
     "Expedite the provision of health histories for all care leavers"),  # typed down the column, line by line
    (["5. Explore provision of placement options available for", "children looked after (pg. 16)", "Another"],
     "5. Explore provision of placement options available for children looked after (pg. 16)"),
    (["Improve written plans.", "including early help plans"], "Improve written plans."),  # a sentence ended
    (["Improve written plans", "Ensure assessments are prompt"], "Improve written plans"),  # a new aim
    (["", "", "Improve written plans"], "Improve written plans"),
    (["", ""], ""),
    (["ensure every child has a plan"] * 3, "ensure every child has a plan"),  # a merged aim, copied down
    (["Expedite the provision for", "Expedite the provision for", "all care leavers"],
     "Expedite the provision for all care leavers"),
    (["Ensure X happens", "", "consider Y"], "Ensure X happens"),  # a row with no aim ends it
])
def test_a_recommendation_typed_down_the_aim_column_is_read_whole(aims, title):
    assert section_aim(aims) == title


def test_not_started_and_on_hold_are_named_as_such_not_as_unrated():
    """Status words with a meaning but no BRAG colour (issue 13) reach the report's sentences by that meaning."""
    from sip_excel.api import load
    from sip_excel.narrative import brag_sentence
    from sip_excel.rollup import rollup
    from sip_excel.validate import validate

    rows = [["Task", "Owner", "Due date", "Status"],
            ["Agree the referral form", "JS", D(2017, 6, 1), "Done"],
            ["Publish the offer", "JS", D(2017, 7, 1), "Amber"],
            ["Set up the forum", "TJ", D(2017, 7, 15), "On hold"],
            ["Review the thresholds", "TJ", D(2017, 12, 1), "Not started"]]
    plan, config = load({"Tracker": Grid("Tracker", rows)}, as_of=AS_OF)
    rolled = rollup(plan, validate(plan, config))
    assert rolled.open_statuses == ["Red", "Amber", "Green", "Not started", "On hold", "Unrated"]
    assert brag_sentence(rolled) == ("Of the three actions still open, there are no red ratings, one at amber, "
                                     "none at green, one not started and one on hold.")
    assert overdue_items(plan, AS_OF, config, namer(plan)) == [
        "Publish the offer (row 3): due 1 July 2017, at amber, led by JS.",
        "Set up the forum (row 4): due 15 July 2017, on hold, led by TJ.",
    ]


@pytest.mark.parametrize(("header", "groups", "said"), [
    ("Theme", ["Housing", "Care"], "two themes"),
    ("Category", ["A", "B", "C"], "three categories"),
    ("Workstream", ["Data"], "one workstream"),
    ("Priority", [1, 2], "two priorities"),
])
def test_the_groups_are_counted_in_the_plans_own_word(header, groups, said):
    rows = [[header, "Action", "Status"], *([g, f"Action {i}", "Green"] for i, g in enumerate(groups))]
    assert group_count(read_plan(Grid("Plan", rows), make_config())) == said


def test_priority_headings_are_counted_as_priorities():
    rows = [["Priority 1: One"], HEADER, action_row(ref="1.1"), ["Priority 2: Two"], HEADER, action_row(ref="2.1")]
    assert group_count(read_plan(Grid("Plan", rows), make_config())) == "two priorities"


@pytest.mark.parametrize(("header", "rows", "overdue", "stale"), [
    (["Task", "Owner", "Due date", "Update", "Status"],
     [["Agree the form", "JS", D(2017, 6, 1), "Agreed in May.", "Done"],
      ["Publish it", "JS", D(2017, 12, 1), "Drafted.", "On track"]],
     "No action is overdue.", "Every open action has a current progress comment."),
    (["Task", "Owner", "Due date", "Update", "Status"],
     [["Agree the form", "JS", D(2017, 6, 1), "", "Done"], ["Publish it", "JS", D(2017, 12, 1), "", "On track"],
      ["Train staff", "TJ", D(2017, 12, 1), None, "Amber"]],
     "No action is overdue.", "No progress comment is out of date, but two open actions have none."),
    (["Task", "Owner", "Status"], [["Agree the form", "JS", "Done"], ["Publish it", "JS", "On track"]],
     "The plan has no end dates, so no action can be shown as overdue.",
     "The plan has no progress comments, so none can be shown as out of date."),
])
def test_what_the_report_says_of_an_empty_list_is_what_the_plan_can_show(header, rows, overdue, stale):
    """'No action is overdue' from a plan without end dates, or 'every open action has a current comment' from
    one without comments (or with open actions that have none), would tell Members what nobody knows."""
    from sip_excel.committee.context import overdue_none, stale_none

    plan = read_plan(Grid("Tracker", [header, *rows]), make_config())
    assert (overdue_none(plan), stale_none(plan)) == (overdue, stale)


def test_an_old_comment_that_names_a_past_month_is_said_by_that_month():
    """A comment both out of date (SIP602: headed April) and speaking of July as still to come (SIP603): the
    report says what it says of July, the more telling reason."""
    from sip_excel.committee.context import stale_items
    from sip_excel.validate import validate

    plan = plan_of({"ref": "1.1", "rag": "Green", "comments": "Update April 2017: will be done by end July."})
    config = make_config()
    report = validate(plan, config)
    assert {"SIP602", "SIP603"} <= {f.code for f in report.findings}
    [item] = stale_items(plan, report, config, namer(plan))
    assert item.endswith('(1.1): its latest comment says "will be done by end July", and July 2017 has passed.')
