"""Every rule's passing and failing cases in one table, asserted as (row, column, code) tuples."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.grid import Grid
from sip_excel.reader import read_plan
from sip_excel.rules import all_rules
from sip_excel.validate import validate

from sip_excel.config import Config, Officer

from .conftest import AS_OF, HEADER, action_row, plan_grid, make_config

D = dt.datetime
R = 3  # the first action's row

# (code, actions (field overrides, one dict an action), expected (row, column label, code) tuples)
CASES: list[tuple[str, list[dict], list[tuple[int, str, str]]]] = [
    ("SIP107", [{}], []),
    ("SIP107", [{"action": ""}], [(R, "Action", "SIP107")]),
    ("SIP201", [{}], []),
    ("SIP201", [{"ref": ""}], [(R, "Ref", "SIP201")]),
    ("SIP201", [{"ref": "  "}], [(R, "Ref", "SIP201")]),
    ("SIP202", [{"ref": "1.1"}, {"ref": "1.2"}], []),
    ("SIP202", [{"ref": "1.1"}, {"ref": "1.1"}], [(R + 1, "Ref", "SIP202")]),
    ("SIP203", [{"ref": "1.2.3"}, {"ref": "A5.1"}, {"ref": "A7"}], []),
    ("SIP203", [{"ref": "Ref: 5.1"}], [(R, "Ref", "SIP203")]),
    ("SIP203", [{"ref": "/.1"}], [(R, "Ref", "SIP203")]),
    ("SIP204", [{"ref": "1.1"}], []),
    ("SIP204", [{"ref": 3}], []),
    ("SIP204", [{"ref": "1.9"}, {"ref": 1.1}], [(R + 1, "Ref", "SIP204")]),
    ("SIP205", [{"ref": "1.9"}, {"ref": "1.10"}, {"ref": "1.10.1"}, {"ref": "1.11"}], []),
    ("SIP205", [{"ref": "1.2"}, {"ref": "1.1"}], [(R + 1, "Ref", "SIP205")]),
    ("SIP301", [{}], []),
    ("SIP301", [{"start": None}], [(R, "Start", "SIP301")]),
    ("SIP301", [{"end": ""}], [(R, "End", "SIP301")]),
    ("SIP302", [{"end": "Jun-17"}], []),
    ("SIP302", [{"end": "ongoing"}], [(R, "End", "SIP302")]),
    ("SIP302", [{"end": 1}], [(R, "End", "SIP302")]),
    ("SIP302", [{"start": "e Sep-16"}], [(R, "Start", "SIP302")]),
    ("SIP303", [{}], []),
    ("SIP303", [{"start": "April 2017", "end": "31/10/2017"}], [(R, "Start", "SIP303"), (R, "End", "SIP303")]),
    ("SIP304", [{"start": D(2017, 4, 1), "end": D(2017, 4, 1)}], []),
    ("SIP304", [{"start": D(2017, 4, 1), "end": D(2017, 3, 1)}], [(R, "End", "SIP304")]),
    ("SIP305", [{"end": D(2018, 6, 1)}], []),
    ("SIP305", [{"end": D(2020, 6, 1)}], [(R, "End", "SIP305")]),
    ("SIP305", [{"start": D(2015, 1, 1)}], [(R, "Start", "SIP305")]),
    ("SIP306", [{"end": D(2017, 8, 1)}], []),  # Aug-17 runs to 31 August: not yet overdue
    ("SIP306", [{"end": D(2017, 7, 1), "rag": "Completed"}], []),
    ("SIP306", [{"end": D(2017, 7, 1), "rag": "Amber"}], [(R, "End", "SIP306")]),
    ("SIP306", [{"ref": f"1.{n}", "end": D(2017, 7, 1), "rag": word}  # words of other trackers meaning complete
                for n, word in enumerate(("Done", "Closed", "Complete", "Achieved", "\u2705 done"), start=1)], []),
    ("SIP306", [{"end": D(2017, 7, 1), "rag": "On hold"}], [(R, "End", "SIP306")]),
    ("SIP401", [{}], []),
    ("SIP401", [{"rag": ""}], [(R, "RAG status", "SIP401")]),
    ("SIP402", [{"rag": "Blue"}, {"ref": "1.2", "rag": "Complete"}], []),
    ("SIP402", [{"rag": "dieen"}], [(R, "RAG status", "SIP402")]),
    ("SIP402", [{"rag": "Going"}], [(R, "RAG status", "SIP402")]),
    ("SIP402", [{"rag": "On track"}, {"ref": "1.2", "rag": "On hold"}, {"ref": "1.3", "rag": "\u2705"}], []),
    ("SIP402", [{"rag": "Amber / Green / Red"}], [(R, "RAG status", "SIP402")]),  # no one meaning
    ("SIP403", [{"rag": "Green"}, {"ref": "1.2", "rag": "Completed"}], []),
    ("SIP403", [{"rag": "c Completed"}], [(R, "RAG status", "SIP403")]),
    ("SIP403", [{"rag": " green"}], [(R, "RAG status", "SIP403")]),
    ("SIP403", [{"rag": "On track"}, {"ref": "1.2", "rag": "Not started"}],
     [(R, "RAG status", "SIP403"), (R + 1, "RAG status", "SIP403")]),
    ("SIP404", [{"rag": "Green", "end": D(2017, 12, 1)}], []),
    ("SIP404", [{"rag": "Green", "end": D(2017, 6, 1)}], [(R, "RAG status", "SIP404")]),
    ("SIP501", [{}], []),
    ("SIP501", [{"lead_officer": ""}], [(R, "Lead officer", "SIP501")]),
    ("SIP502", [{"lead_officer": "JF/RG"}, {"ref": "1.2", "lead_officer": "IA, PD"}], []),
    ("SIP502", [{"lead_officer": "IA TOTAL"}], [(R, "Lead officer", "SIP502")]),
    ("SIP502", [{"lead_officer": "ZZ"}], [(R, "Lead officer", "SIP502")]),
    ("SIP502", [{"dlt_lead": "1 '"}], [(R, "DLT lead", "SIP502")]),
    ("SIP503", [{"dlt_lead": "CP"}], []),
    ("SIP503", [{"dlt_lead": "\u0421\u0420"}], [(R, "DLT lead", "SIP503")]),
    ("SIP503", [{"lead_officer": "J\u0397"}], [(R, "Lead officer", "SIP503")]),
    ("SIP601", [{}], []),
    ("SIP601", [{"comments": "", "rag": "Completed"}], []),
    ("SIP601", [{"comments": ""}], [(R, "Comments", "SIP601")]),
    ("SIP602", [{"comments": "Update August: progress made."}], []),
    ("SIP602", [{"comments": "Update April: progress made."}], [(R, "Comments", "SIP602")]),
    ("SIP603", [{"comments": "A new policy will be written by end October."}], []),
    ("SIP603", [{"comments": "Next review is due December."}], []),
    ("SIP603", [{"comments": "A new policy will be written by end July."}], [(R, "Comments", "SIP603")]),
    ("SIP603", [{"comments": "Paper to be presented in June 2017."}], [(R, "Comments", "SIP603")]),
    ("SIP604", [{"comments": "Minutes show the plan was shared above all."}], []),
    ("SIP604", [{"comments": "As above."}], [(R, "Comments", "SIP604")]),
    ("SIP604", [{"comments": "see above"}], [(R, "Comments", "SIP604")]),
    ("SIP604", [{"comments": "To be added."}], [(R, "Comments", "SIP604")]),
]


# Rules that need another layout than the council's: (code, header, rows under it, settings overrides,
# expected (row, column label, code) tuples). No Settings Officers list unless the case gives one.
LAYOUT_CASES: list[tuple[str, list[str], list[list], dict, list[tuple[int, str, str]]]] = [
    ("SIP108", ["Ref", "Action", "End date", "Owner", "Status", "Comments"],
     [["1", "Do", "Jun-17", "RG", "Green", "x"]], {}, []),
    ("SIP108", ["Task", "Status"], [["Do", "Green"]], {},
     [(1, "Task", "SIP108"), (1, "Task", "SIP108"), (1, "Task", "SIP108"), (1, "Task", "SIP108")]),
    ("SIP203", ["ID", "Task", "Status"], [["R-001", "a", "Open"], ["R-002", "b", "Open"], ["R-3", "c", "Open"]], {},
     []),
    ("SIP203", ["ID", "Task", "Status"], [["R-001", "a", "Open"], ["R-002", "b", "Open"], ["R_003", "c", "Open"]],
     {}, [(4, "ID", "SIP203")]),
    ("SIP203", ["ID", "Task", "Status"], [["7", "a", "Open"], ["I-3", "b", "Open"], ["x7!", "c", "Open"]], {},
     [(4, "ID", "SIP203")]),
    ("SIP502", ["Task", "Owner", "Status"], [["a", "Rachel Green", "Open"], ["b", "Head of Service (EH)", "Open"],
                                            ["c", "RG/JF", "Open"], ["d", "o'brien@x.gov.uk", "Open"]], {}, []),
    ("SIP502", ["Task", "Owner", "Status"], [["a", "1", "Open"], ["b", "RG #2", "Open"], ["c", "?", "Open"]], {},
     [(2, "Owner", "SIP502"), (3, "Owner", "SIP502"), (4, "Owner", "SIP502")]),
    ("SIP502", ["Task", "Owner", "Status"], [["a", "Rachel Green", "Open"], ["b", "Ann Other", "Open"]],
     {"officers": {"RG": Officer("RG", "Rachel Green")}}, [(3, "Owner", "SIP502")]),
    ("SIP103", ["Task", "Theme", "Status"], [["a", "Housing", "Open"], ["b", "", "Open"]], {},
     [(3, "Theme", "SIP103")]),
    ("SIP103", ["Task", "Status"], [["a", "Open"]], {}, []),  # no priorities at all: one group
    ("SIP105", ["Task", "Status", "Days left"], [["a", "Open", 3], ["b", "Open", 4]], {}, []),
    ("SIP109", ["Task", "Status"], [["Priority 12345678: fine", ""], ["a", "Open"]], {}, []),
    ("SIP109", ["Task", "Status"], [["Priority 1234567890: too long", ""], ["a", "Open"]], {},
     [(2, "Task", "SIP109")]),
]


@pytest.mark.parametrize(("code", "header", "rows", "settings", "expected"), LAYOUT_CASES,
                         ids=[f"{c[0]}-{'fails' if c[4] else 'passes'}-{i}" for i, c in enumerate(LAYOUT_CASES)])
def test_rule_on_another_layout(code, header, rows, settings, expected):
    grid = Grid("Plan", [header, *rows])
    if code == "SIP105":  # the helper column's formulas are not the plan's
        grid.formulas.update({(1, 2): "TODAY()-B2", (2, 2): "TODAY()-B3"})
    config = Config(as_of=AS_OF, select=(code,), **settings)
    report = validate(read_plan(grid, config), config)
    assert [(f.row, f.column, f.code) for f in report.findings] == expected


def flatten(code: str, actions: list[dict], grid: Grid | None = None) -> list[tuple[int, str, str]]:
    grid = grid or plan_grid(*[{"ref": f"1.{i + 1}", **a} for i, a in enumerate(actions)])
    config = make_config(select=(code,))
    report = validate(read_plan(grid, config), config)
    return [(f.row, f.column, f.code) for f in report.findings]


@pytest.mark.parametrize(("code", "actions", "expected"), CASES,
                         ids=[f"{c[0]}-{'fails' if c[2] else 'passes'}-{i}" for i, c in enumerate(CASES)])
def test_rule(code, actions, expected):
    # Refs default to 1.1, 1.2, ... unless the case sets them.
    assert flatten(code, actions) == expected


def test_every_rule_has_a_case_or_is_fatal():
    covered = {case[0] for case in CASES + LAYOUT_CASES} | {"SIP104", "SIP105", "SIP106", "SIP103", "SIP602"}
    assert {rule.code for rule in all_rules() if not rule.fatal} <= covered
    assert all(any(c[0] == code and c[-1] for c in CASES + LAYOUT_CASES)
               for code in covered - {"SIP104", "SIP105", "SIP106", "SIP103"})


def test_sip103_action_before_any_priority():
    grid = Grid("Plan", [list(HEADER), action_row(), ["Priority 1: Later"], action_row(ref="1.2")])
    assert flatten("SIP103", [], grid) == [(2, "Ref", "SIP103")]


def test_sip104_header_row_with_other_columns():
    moved = ["Specific aim", "Ref", "Action", "Start", "End", "Comments", "Lead officer", "DLT lead",
             "Measure/outcome", "RAG status"]
    grid = Grid("Plan", [["Priority 1: A"], list(HEADER), action_row(), ["Priority 2: B"], moved,
                         action_row(ref="2.1")])
    assert flatten("SIP104", [], grid) == [(5, "Specific aim", "SIP104")]


def test_sip105_and_sip106_formulas_and_errors_are_findings():
    grid = plan_grid({}, {"ref": "1.2"})
    grid.formulas[(3, 8)] = "A1&B1"
    grid.formulas[(2, 4)] = "1/0"
    grid.errors[(2, 4)] = "#DIV/0!"
    assert flatten("SIP105", [], grid) == [(4, "Comments", "SIP105")]
    assert flatten("SIP106", [], grid) == [(3, "End", "SIP106")]


@pytest.mark.parametrize(("position", "ref", "priority"), [
    ((2, 8), "1.1", 1),  # an action's own row: listed with its action and priority, not "outside any priority"
    ((3, 4), "1.2", 1),
])
def test_sip105_and_sip106_carry_the_ref_and_priority_of_their_action(position, ref, priority):
    grid = plan_grid({}, {"ref": "1.2"})
    grid.formulas[position] = "1/0"
    config = make_config(select=("SIP105",))
    findings = validate(read_plan(grid, config), config).findings
    assert [(f.code, f.ref, f.priority) for f in findings] == [("SIP105", ref, priority)]
    grid.errors[position] = "#DIV/0!"
    config = make_config(select=("SIP106",))
    findings = validate(read_plan(grid, config), config).findings
    assert [(f.code, f.ref, f.priority) for f in findings] == [("SIP106", ref, priority)]


def test_sip602_uses_the_comment_updated_column():
    header = [*HEADER, "Comment updated"]
    grid = Grid("Plan", [["Priority 1: A"], header, [*action_row(), dt.datetime(2017, 3, 1)],
                         [*action_row(ref="1.2"), dt.datetime(2017, 8, 1)]])
    assert flatten("SIP602", [], grid) == [(3, "Comments", "SIP602")]


def test_sip602_uses_comment_history():
    config = make_config(select=("SIP602",))
    plan = read_plan(plan_grid({"ref": "1.1"}, {"ref": "1.2"}), config)
    history = {(1, "1.1"): dt.date(2017, 1, 10), (1, "1.2"): dt.date(2017, 8, 10)}
    report = validate(plan, config, comment_first_seen=history)
    assert [(f.ref, f.code) for f in report.findings] == [("1.1", "SIP602")]


def test_numeric_ref_suggests_the_ref_that_was_typed():
    config = make_config(select=("SIP204",))
    report = validate(read_plan(plan_grid({"ref": "4.9"}, {"ref": 4.1}), config), config)
    assert [(f.cell, f.suggestion) for f in report.findings] == [("B4", "4.10")]
    assert "4.10 becomes 4.1" in report.findings[0].message


def test_numeric_refs_in_a_row_each_suggest_the_ref_after_the_one_above():
    """Each suggestion comes from the nearest well-formed ref above in the same priority (one pass, not a
    search back from every action)."""
    config = make_config(select=("SIP204",))
    plan = read_plan(plan_grid({"ref": 1.1}, {"ref": 1.2}, {"ref": "1.3"}, {"ref": 1.4}), config)
    report = validate(plan, config)
    assert [f.suggestion for f in report.findings] == ["Format the cell as Text and retype the ref.", "1.2", "1.4"]


def test_look_alike_suggests_the_latin_spelling():
    config = make_config(select=("SIP503",))
    report = validate(read_plan(plan_grid({"dlt_lead": "\u0421\u0420"}), config), config)
    assert report.findings[0].suggestion == "CP"
    assert "Cyrillic" in report.findings[0].message


def test_rules_all_have_a_description_and_unique_codes():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    for rule in rules:
        assert rule.description().startswith(f"{rule.code}: ")
        assert rule.severity in ("error", "warning", "info")


@pytest.mark.parametrize(("rag", "says"), [
    ("Green", "Action 1.1 is Green but was due Jun 2017."),
    (" green", "Action 1.1 is Green but was due Jun 2017."),
    ("In progress", "Action 1.1 is 'In progress' (read as Green) but was due Jun 2017."),  # the cell's own word
    ("G", "Action 1.1 is 'G' (read as Green) but was due Jun 2017."),
])
def test_sip404_names_the_status_as_the_cell_has_it(rag, says):
    config = make_config(select=("SIP404",))
    report = validate(read_plan(plan_grid({"rag": rag, "end": D(2017, 6, 1)}), config), config)
    assert [f.message for f in report.findings] == [says]


@pytest.mark.parametrize(("shown", "says"), [
    ("Leaflets printed.", "This cell holds the formula =A1&B1; the plan is read from its last calculated value."),
    ("", "This cell holds the formula =A1&B1; its calculated value is empty, or was never saved, so the cell "
         "reads as empty."),  # saved by a script, or with calculation set to manual
])
def test_sip105_says_whether_the_formula_has_a_calculated_value(shown, says):
    grid = plan_grid({"comments": shown})
    grid.formulas[(2, 8)] = "A1&B1"
    config = make_config(select=("SIP105",))
    assert [f.message for f in validate(read_plan(grid, config), config).findings] == [says]


@pytest.mark.parametrize(("written", "status", "suggestion"), [
    ("c Completed", "Blue", "Completed"),  # a BRAG spelling with something around it
    ("Amber/Green", "Green", "Green"),  # read as Green: the fix is Green, not the Amber it begins with
    ("Amber/Red", "Amber", "Amber"),
    ("A/G", "Green", "Green"),
    ("On track", "Green", "Green"),
])
def test_a_non_standard_status_is_told_to_become_the_status_it_is_read_as(written, status, suggestion):
    config = make_config(select=("SIP403",))
    report = validate(read_plan(plan_grid({"rag": written}), config), config)
    [finding] = report.findings
    assert f"read as {status}" in finding.message and finding.suggestion == suggestion


@pytest.mark.parametrize(("written", "spelling"), [("Not started", "Not started"), ("On hold", "On hold"),
                                                  ("on hold", "On hold"), ("Not started ", "Not started")])
def test_a_status_with_no_brag_colour_names_the_settings_row_that_makes_it_the_plans_own(written, spelling):
    """The suggestion is a rating, or the BRAG spellings row it names (and the cell written as that row spells
    it), which once done stops the warning."""
    from sip_excel.api import load

    config = make_config(select=("SIP403",))
    [finding] = validate(read_plan(plan_grid({"rag": written}), config), config).findings
    meaning = spelling.lower()
    retyped = "" if spelling == written else f", and write the cell '{spelling}'"
    assert finding.suggestion == (f"Choose Blue (complete), Red, Amber or Green. Or, if it is one of the plan's own "
                                  f"statuses, add a row '{spelling} | {meaning.capitalize()}' under BRAG spellings "
                                  f"in Settings{retyped}.")
    settings = Grid("Settings", [["BRAG spellings"], [spelling, meaning.capitalize()]])  # the row it names
    plan, config = load({"Plan": plan_grid({"rag": spelling}), "Settings": settings}, select=("SIP403",))
    assert validate(plan, config).findings == [] and plan.table.meanings == [meaning]
