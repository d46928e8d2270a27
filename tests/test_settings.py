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
     "Settings B2: 'three months' is not a whole number of days (1 or more). Type a number, e.g. 92."),
    ("Staleness window (days)", -5.0,
     "Settings B2: '-5' is not a whole number of days (1 or more). Type a number, e.g. 92."),
    ("Staleness window (days)", 0, "Settings B2: '0' is not a whole number of days (1 or more)."),
    ("Reporting period (months)", 2.5, "Settings B2: '2.5' is not a whole number of months (1 or more). Type a "
                                       "number, e.g. 3."),
])
def test_a_bad_setting_is_refused_naming_its_cell(key, value, message):
    with pytest.raises(SettingsError) as caught:
        config_from_settings(settings(key, value), Config())
    assert str(caught.value).startswith(message)
