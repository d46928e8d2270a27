"""What the author is told beside the report (committee/notes.py): one plain line each, in agreement."""
from __future__ import annotations

import pytest

from sip_excel.committee.notes import missing_settings_note


@pytest.mark.parametrize(("missing", "note"), [
    (["[Report of]"], "Settings do not give the report's Report of: the header shows [Report of] to fill in (or add "
                      "it to the Settings sheet)."),
    (["[Committee]", "[Meeting date]"], "Settings do not give the report's Committee and Meeting date: the header "
                                        "shows [Committee] and [Meeting date] to fill in (or add them to the Settings "
                                        "sheet)."),
])
def test_missing_settings_are_named_in_agreement(missing, note):
    assert missing_settings_note(missing) == note
