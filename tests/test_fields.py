"""fields.py: the data every part of sip-excel reads the plan with is whole and consistent."""
from __future__ import annotations

from sip_excel.fields import (BRAG, FIELDS, MEANINGS, REQUIRED_FIELDS, STATUS_COLOURS, STATUS_EMOJI, STATUS_WORDS,
                              STATUSES, UNKNOWN)
from sip_excel.headers import normalise_label


def test_only_action_and_status_are_required():
    assert REQUIRED_FIELDS == ("action", "rag")


def test_no_label_names_two_fields():
    seen: dict[str, str] = {}
    for spec in FIELDS:
        for label in spec.labels:
            assert seen.setdefault(normalise_label(label), spec.name) == spec.name, label


def test_no_status_word_has_two_meanings_and_every_meaning_but_unknown_has_words():
    seen: dict[str, str] = {}
    for meaning, words in STATUS_WORDS.items():
        for word in words:
            assert seen.setdefault(word, meaning) == meaning, word
    assert set(STATUS_WORDS) == set(MEANINGS) - {UNKNOWN}
    assert set(STATUS_EMOJI.values()) <= set(MEANINGS)


def test_the_four_brag_statuses_have_a_meaning_and_a_colour():
    assert sorted(BRAG.values()) == sorted(STATUSES)
    assert set(STATUSES) <= set(STATUS_COLOURS)
