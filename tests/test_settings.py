"""The Settings sheet's key/value rows: what an officer may type, and the one line they see when it is wrong."""
from __future__ import annotations

import datetime as dt

import pytest

from sip_excel.config import Config, config_from_settings
from sip_excel.errors import SettingsError
from sip_excel.grid import Grid


def settings(key: str, value: object) -> Grid:
    return Grid("Settings", [["Validation", None], [key, value]])


@pytest.mark.parametrize(("key", "value", "attribute", "expected"), [
    ("As of date", dt.datetime(2017, 8, 31), "as_of", dt.date(2017, 8, 31)),
    ("As of date", "31/08/2017", "as_of", dt.date(2017, 8, 31)),  # typed as text
    ("As of date", None, "as_of", None),  # empty means today
    ("Staleness window (days)", 92, "staleness_days", 92),
    ("Staleness window (days)", 60.0, "staleness_days", 60),
    ("Staleness window (days)", "45", "staleness_days", 45),
    ("Reporting period (months):", 1, "reporting_period_months", 1),
])
def test_a_setting_is_read(key, value, attribute, expected):
    assert getattr(config_from_settings(settings(key, value), Config()), attribute) == expected


@pytest.mark.parametrize(("key", "value", "message"), [
    ("As of date", "end of August", "Settings B2: 'end of August' is not a date. Type it as a date, e.g. 31/08/2017."),
    ("Staleness window (days)", "three months",
     "Settings B2: 'three months' is not a whole number of days from 1 to 36,500. Type a number, e.g. 92."),
    ("Staleness window (days)", -5.0,
     "Settings B2: '-5' is not a whole number of days from 1 to 36,500. Type a number, e.g. 92."),
    ("Staleness window (days)", 0, "Settings B2: '0' is not a whole number of days from 1 to 36,500."),
    # Past a century the period reaches before the calendar's start: refused here, not a crash in the report.
    ("Reporting period (months)", 30000, "Settings B2: '30000' is not a whole number of months from 1 to 1,200."),
    ("Staleness window (days)", 10**20, "Settings B2: '100000000000000000000' is not a whole number of days"),
    ("Reporting period (months)", 2.5, "Settings B2: '2.5' is not a whole number of months from 1 to 1,200. Type a "
                                       "number, e.g. 3."),
])
def test_a_bad_setting_is_refused_naming_its_cell(key, value, message):
    with pytest.raises(SettingsError) as caught:
        config_from_settings(settings(key, value), Config())
    assert str(caught.value).startswith(message)


def _tables(*rows: list[object]) -> Grid:
    return Grid("Settings", [list(row) for row in rows])


@pytest.mark.parametrize(("rows", "attribute", "expected"), [
    # a spelling may mean one of the BRAG statuses, or a meaning without a colour
    ([["BRAG spellings"], ["Spelling", "Status"], ["Signed off", "Blue"], ["Parked", "On hold"],
      ["Not begun", "not started"]], "status_words", {"parked": "on hold", "not begun": "not started"}),
    ([["BRAG spellings"], ["Spelling", "Status"], ["Signed off", "Complete"], ["Fine", "Green"]], "brag",
     {"signed off": "Blue", "fine": "Green"}),
])
def test_brag_spellings_may_mean_any_status(rows, attribute, expected):
    assert getattr(config_from_settings(_tables(*rows), Config()), attribute) == expected


@pytest.mark.parametrize("name", ["rag", "RAG status", "Status", "status:"])
def test_a_column_alias_row_names_its_field_by_name_or_by_a_label(name):
    config = config_from_settings(_tables(["Column aliases"], ["Field", "Labels"], [name, "Colour, Shade"]), Config())
    assert config.aliases["rag"][-2:] == ("colour", "shade")


@pytest.mark.parametrize(("table", "row", "attribute", "expected"), [
    ("Officers", ["RG", "Rita Green", "Head of Service"], "officers", ["RG"]),
    ("BRAG spellings", ["Signed off", "Blue"], "brag", {"signed off": "Blue"}),
    ("Column aliases", ["RAG status", "Colour"], "aliases", ("colour",)),
    ("Severities", ["SIP503", "info"], "severities", {"SIP503": "info"}),
])
@pytest.mark.parametrize("headings", [True, False], ids=["under its headings", "without them"])
def test_a_tables_first_row_is_read_whether_or_not_its_headings_are_typed(table, row, attribute, expected, headings):
    """The row under a table's name is its column headings only when it holds one of them: a first entry typed
    straight under the name (as the messages word a fix) is read, never silently taken for headings."""
    from sip_excel.settings import TABLES

    rows = [[table], *([list(dict(TABLES)[table])] if headings else []), row]
    found = getattr(config_from_settings(_tables(*rows), Config()), attribute)
    if attribute == "officers":
        assert list(found) == expected
    elif attribute == "aliases":
        assert found["rag"][-1:] == expected
    else:
        assert {key: found[key] for key in expected} == expected


def test_a_brag_spelling_of_no_known_meaning_is_refused():
    with pytest.raises(SettingsError, match="Settings B3: 'Purple' is not one of Blue, Red, Amber, Green, Not "
                                            "started or On hold"):
        config_from_settings(_tables(["BRAG spellings"], ["Spelling", "Status"], ["Grape", "Purple"]), Config())


def test_the_rows_set_up_writes_are_the_rows_the_reader_accepts():
    from sip_excel.settings import SETTINGS, starter_rows

    config = config_from_settings(Grid("Settings", starter_rows()), Config())
    assert (config.reporting_period_months, config.staleness_days, config.report.public) == (3, 92, "Public")
    assert {label.lower() for label, *_ in starter_rows() if label} >= {s.label.lower() for s in SETTINGS}
