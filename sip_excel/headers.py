"""Detection, apart from reading: which cells are column labels, which rows are header rows, what a status means.

A :class:`Vocabulary` holds the labels of every field and the status words with
their meanings, built once from the defaults in :mod:`sip_excel.fields` and the
Settings sheet.  The reader asks it; it knows nothing of rows or blocks.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count
from typing import TYPE_CHECKING, Any

from .errors import PlanStructureError
from .fields import (BRAG, FIELD_SPECS, MEANING_OF_BRAG, STATUS_EMOJI, STATUS_WORDS, UNKNOWN, WHOLE_CELL_ONLY)
from .grid import Grid, display_text

if TYPE_CHECKING:
    from .config import Config

MAX_LABEL = 40  # longer text is content, not a column label (except the aim column's "Specific aim: ...")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")  # "(dd/mm/yy)", "(1-5)", "[optional]"
_NOT_LABEL = re.compile(r"[^\w#]+")
_WORDS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def normalise_label(text: str) -> str:
    """'End date (dd/mm/yy):' -> 'end date'; 'S.No' -> 's no'; '#' stays '#': case, punctuation and a
    bracketed note aside, as people write the same label many ways."""
    text = _BRACKETED.sub(" ", text.lower())
    return " ".join(_NOT_LABEL.sub(" ", text).replace("_", " ").split())


class Labels(dict):
    """Cell text -> the field it labels ('' for none).

    Every row of a plan is tested as a possible header row, so each text is judged
    once and remembered (a repeat is one dictionary lookup); a text is normalised
    only when lower-casing alone does not settle it.
    """

    def __init__(self, labels: dict[str, str]) -> None:
        super().__init__()
        self.labels = labels  # normalised label -> field
        self.exact = {**labels}  # lower-cased label as usually written -> field
        # No label has a digit (unless Settings' aliases give one): then a text with a digit outside brackets,
        # as most short content has ("1.12", "Action 12"), labels nothing, and needs no more looking at.
        self.undigited = not any(map(_DIGIT.search, labels))

    def __missing__(self, text: Any) -> str:
        if type(text) is not str:
            self[text] = ""  # a number or date labels nothing
            return ""
        if len(text) > MAX_LABEL:
            return ""  # not remembered: long texts are the plan's content, and seldom repeat
        if self.undigited and _DIGIT.search(text) and "(" not in text and "[" not in text:
            self[text] = ""
            return ""
        lower = text.lower()
        name = self.exact.get(lower)
        if name is None:
            # Most short texts in a plan are content ("Action 12 of priority 3", "JF/RG"); one of plain words
            # and single spaces is its own normal form, so only the others need the regular expressions.
            plain = lower.replace(" ", "").isalnum() and "  " not in lower and lower == lower.strip()
            unlettered = lower.upper() == lower and "#" not in lower  # a ref, a number: every label has a letter
            name = "" if plain and lower.isascii() or unlettered else self.labels.get(normalise_label(text), "")
        self[text] = name
        return name


@dataclass(frozen=True)
class HeaderMatch:
    """What a row names, read as a header row: field -> column, and the labels it has but the vocabulary lacks."""

    row: int
    columns: dict[str, int]
    unknown: dict[int, str]  # column -> label of a short text that names no field

    @property
    def score(self) -> int:
        return len(self.columns)

    @property
    def complete(self) -> bool:
        """True for a row naming every required field (Action and Status): a plan table starts here."""
        return all(name in self.columns for name in REQUIRED)

    @property
    def repeats(self) -> bool:
        """True for a row that repeats a header row further down (a section's own header)."""
        return self.complete or (self.score >= 3 and ("ref" in self.columns or "action" in self.columns))

    def missing(self) -> list[str]:
        return [name for name in REQUIRED if name not in self.columns]


REQUIRED = tuple(name for name, spec in FIELD_SPECS.items() if spec.required)


def match_header(row: list[Any], labels: Labels, r: int = 0) -> HeaderMatch | None:
    """The row read as a header row, or None when it names fewer than two fields (a data row or a title)."""
    names = list(map(labels.__getitem__, row))  # in C, but for texts not seen before
    if len(names) - names.count("") < 2:
        return None
    columns: dict[str, int] = {}
    first = row[0]
    if type(first) is str and (len(first) > MAX_LABEL or not labels[first]):
        # The aim column's header often carries the aim itself: "Specific aim: Gain a clear ...".
        if labels[first.split(":", 1)[0]] == "aim":
            columns["aim"] = 0
    for c, name in enumerate(names):
        if name and name not in columns:
            columns[name] = c
    used = set(columns.values())
    # A label in a message is one line of printable text: a cell may hold line breaks or control characters.
    unknown = {c: label for c, value in enumerate(row)
               if not names[c] and type(value) is str and len(value) <= MAX_LABEL and c not in used
               and (label := " ".join(value.split())).isprintable() and any(map(str.isalpha, label))}
    return HeaderMatch(r, columns, unknown)


class NoPlanTable(PlanStructureError):
    """No header row names an Action and a Status column; ``score`` says how near the nearest came."""

    def __init__(self, message: str, code: str, score: int = 0) -> None:
        super().__init__(message, code=code)
        self.score = score


def find_header_rows(grid: Grid, config: Config) -> dict[int, HeaderMatch]:
    """The plan's header rows: the first that names an Action and a Status column as well as the best such
    row does (near-misses above it, such as a dashboard's, are not the plan), and every row below it that
    repeats a header row (the sections of Priority 5)."""
    labels = config.vocabulary.label_lookup()
    rows = grid.rows
    matches = [match for r in _naming_two(grid, labels) if (match := match_header(rows[r], labels, r))]
    complete = [match for match in matches if match.complete]
    if not complete:
        raise _no_table(grid, config, matches)
    best = max(match.score for match in complete)
    first = next(match for match in complete if match.score >= best - 1)
    return {match.row: match for match in matches if match.row >= first.row and match.repeats}


def _naming_two(grid: Grid, labels: Labels) -> list[int]:
    """The rows with at least two cells that label a field, in order: the only rows that can be header rows.

    Every cell of the sheet is judged, in one pass in C over all of them (a text not seen before is judged once,
    in Python); only the few rows it finds are then read as header rows, one by one."""
    if type(grid.rows) is list:
        index, rows = range(len(grid.rows)), grid.rows
    else:  # sparse rows: the rows that hold something, each run of empty rows once
        index, rows = tuple(zip(*grid.walk())) or ((), ())
    starts = list(accumulate(map(len, rows), initial=0))  # where each row's cells start among all of them
    labelled = compress(count(), map(labels.__getitem__, chain.from_iterable(rows)))
    named = Counter(bisect_right(starts, cell) - 1 for cell in labelled)
    return [index[row] for row, cells in sorted(named.items()) if cells >= 2]


def _no_table(grid: Grid, config: Config, matches: list[HeaderMatch]) -> NoPlanTable:
    """The error for a sheet without a plan table: it names the nearest header row, what it lacks, and the
    Settings alias that would fix it."""
    sheet = grid.sheet
    nearest = max(matches, key=lambda match: match.score, default=None)
    if nearest is None or nearest.score < 2:
        return NoPlanTable(f"no plan table found on sheet '{sheet}': no row names an Action and a Status "
                           f"column (such as {labels_read()}). If the plan's columns have other labels, add them "
                           "under Column aliases in Settings.", code="SIP101")
    missing = nearest.missing()
    cells = grid.rows[nearest.row]
    named = ", ".join(label if isinstance(cells[c], str) and (label := " ".join(cells[c].split())).isprintable()
                      and len(label) <= MAX_LABEL else FIELD_SPECS[name].title
                      for name, c in nearest.columns.items())
    fix = _alias_fix(grid, config, nearest, missing)
    where = f"header row {nearest.row + 1}" if nearest.score >= 3 else f"row {nearest.row + 1} ({named})"
    lacking = f"no {_labels(missing)} column"
    if nearest.score >= 3:
        return NoPlanTable(f"sheet '{sheet}', {where}: {lacking}. {fix}", code="SIP102", score=nearest.score)
    return NoPlanTable(f"no plan table found on sheet '{sheet}': the nearest is {where}, with {lacking}. {fix}",
                       code="SIP101", score=nearest.score)


def _alias_fix(grid: Grid, config: Config, nearest: HeaderMatch, missing: list[str]) -> str:
    """What to set in Settings: the column whose cells below look like the missing field's, if one does."""
    rows = grid.rows[nearest.row + 1:nearest.row + 51]
    guesses = []
    for name in missing:
        best, best_score = None, 0.0
        for c, label in nearest.unknown.items():
            cells = [display_text(row[c]) for row in rows if c < len(row) and display_text(row[c])]
            if not cells:
                continue
            if name == "rag":
                vocabulary = config.vocabulary
                score = sum(vocabulary.meaning_of(text) != UNKNOWN for text in cells) / len(cells)
            else:  # the action: the column of the longest texts
                score = min(1.0, sum(map(len, cells)) / len(cells) / 8)
            if score > best_score and score >= 0.5:
                best, best_score = label, score
        if best is not None:
            guesses.append(f"'{FIELD_SPECS[name].title} | {best}'")
    if guesses:
        return (f"If that column is there under another label, add a row {' and a row '.join(guesses)} under "
                "Column aliases in Settings.")
    return _how_to_add(missing)


# How a missing required column may be headed (labels the vocabulary reads without set-up), and what it holds.
HOW_HEADED = {"action": (("Action", "Task", "Description"), "what is to be done"),
              "rag": (("RAG status", "Status", "RAG"), "values such as Green, Amber, Red, Blue, Done or In progress")}


def labels_read() -> str:
    """The labels of the required columns read without set-up, for messages: 'Action, Task or Description, and
    RAG status, Status or RAG'."""
    return ", and ".join(_one_of(labels) for labels, _ in HOW_HEADED.values())


def _one_of(labels: tuple[str, ...]) -> str:
    return " or ".join(", ".join(labels).rsplit(", ", 1))


def _how_to_add(missing: list[str]) -> str:
    """How to give the plan its missing required columns: labels read without set-up, what each holds, and the
    Settings rows that name them where they are there under labels of the plan's own."""
    columns, rows = [], []
    for name in missing:
        title = FIELD_SPECS[name].title
        labels, holds = HOW_HEADED.get(name, ((title,), ""))
        columns.append(_one_of(tuple(f"'{label}'" for label in labels)) + (f" ({holds})" if holds else ""))
        rows.append(f"'{title} | <its label>'")
    one = len(missing) == 1
    return (f"Add {'a column' if one else 'columns'} headed {' and '.join(columns)}; or, if the plan has "
            f"{'it under a label' if one else 'them under labels'} of its own, add {'a row' if one else 'rows'} "
            f"{' and '.join(rows)} under Column aliases in Settings.")


def _labels(names: list[str]) -> str:
    return " or ".join(f"'{FIELD_SPECS[n].title if n in FIELD_SPECS else n}'" for n in names)


def _status_key(text: str) -> tuple[str, list[str]]:
    """The text in lower case with emoji and punctuation set aside, and the emoji it holds."""
    emoji = [ch for ch in text if ch in STATUS_EMOJI]
    words = " ".join(_WORDS.findall(text.lower()))
    return words, emoji


@dataclass(frozen=True)
class Vocabulary:
    """The words a plan is read with: field labels, and status words with their meanings."""

    labels: dict[str, str]  # normalised label -> field
    meanings: dict[str, str]  # status word (lower case, words only) -> meaning
    phrases: tuple[tuple[str, str], ...]  # (word or phrase, meaning) that may stand inside a longer text

    @classmethod
    def from_config(cls, config: Config) -> Vocabulary:
        labels: dict[str, str] = {}
        for name, aliases in config.aliases.items():
            for alias in aliases:
                labels.setdefault(normalise_label(alias), name)
        meanings = {word: meaning for meaning, words in STATUS_WORDS.items() for word in words}
        meanings = {" ".join(_WORDS.findall(word)) or word: meaning for word, meaning in meanings.items()}
        # The council's own spellings come last, so they win.
        for spelling, status in config.brag.items():
            meanings[" ".join(_WORDS.findall(spelling.lower())) or spelling.lower()] = MEANING_OF_BRAG[status]
        for spelling, meaning in config.status_words.items():
            meanings[" ".join(_WORDS.findall(spelling.lower())) or spelling.lower()] = meaning
        phrases = tuple(sorted(((w, m) for w, m in meanings.items() if w not in WHOLE_CELL_ONLY and w),
                               key=lambda item: -len(item[0])))
        return cls(labels, meanings, phrases)

    def label_lookup(self) -> Labels:
        """A fresh cache of cell text -> field for one reading."""
        return Labels(self.labels)

    def meaning_of(self, text: str) -> str:
        """What a status cell means, forgiving case, spacing, punctuation, emoji and stray characters."""
        words, emoji = _status_key(text)
        if words in self.meanings:
            return self.meanings[words]
        found = {STATUS_EMOJI[ch] for ch in emoji}
        if words:
            padded = f" {words} "
            for phrase, meaning in self.phrases:  # longest first, each taken out once found
                if f" {phrase} " in padded:
                    found.add(meaning)
                    padded = padded.replace(f" {phrase} ", "  ")
        return found.pop() if len(found) == 1 else UNKNOWN


def status_of(rag: str, config: Config) -> str | None:
    """The BRAG status a RAG cell means (Blue, Red, Amber or Green); None if it has no BRAG colour."""
    return BRAG.get(config.vocabulary.meaning_of(rag))


def plain(text: str) -> str:
    """A text without the emoji and symbols that status cells carry, for messages."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "S").strip()
