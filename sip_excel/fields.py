"""What a plan's columns and status words mean: data only, the one place the reader, rules and outputs share."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One field of a plan table: its canonical name, the labels that name it, and what it holds."""

    name: str
    labels: tuple[str, ...]  # compared after normalising (case, punctuation, a trailing "(dd/mm/yy)")
    required: bool = False
    kind: str = "text"  # text, ref, date, people, status, group
    title: str = ""  # how messages name the column


# Labels seen in real trackers (issue 13) as well as the council's own plans. Order matters only for
# a label two fields share, which none does.
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("aim", ("specific aim", "aim", "aims", "recommendations", "recommendation", "objective",
                      "objectives"), title="Specific aim"),
    FieldSpec("ref", ("ref", "ref no", "ref no.", "reference", "ref number", "no", "no.", "action ref",
                      "action no", "action number", "id", "risk id", "issue id", "action id", "s no", "sno",
                      "sl no", "serial no", "#", "number", "item no"), kind="ref", title="Ref"),
    FieldSpec("action", ("action", "actions", "action required", "task", "tasks", "task description",
                         "description", "action decision", "action description", "activity", "activities",
                         "deliverable", "deliverables", "risk description", "issue description"),
              required=True, title="Action"),
    FieldSpec("start", ("start", "start date", "from", "date raised", "date opened", "raised"), kind="date",
              title="Start"),
    FieldSpec("end", ("end", "end date", "due", "due date", "target date", "deadline", "deadlines",
                      "completion date", "by when", "target", "target completion date", "due by",
                      "target end date"), kind="date", title="End date"),
    FieldSpec("measure", ("measure/outcome", "measure outcome", "measure", "measures", "outcome", "outcomes",
                          "measure of success", "success measure", "success criteria"), title="Measure/outcome"),
    FieldSpec("lead_officer", ("lead officer", "lead", "owner", "responsible officer", "responsible",
                               "assigned to", "assignee", "response person", "pic", "person in charge",
                               "action owner", "accountable", "who"), kind="people", title="Lead officer"),
    FieldSpec("dlt_lead", ("dlt lead", "dlt", "senior lead"), kind="people", title="DLT lead"),
    FieldSpec("comments", ("comments", "comment", "update", "updates", "progress", "progress update",
                           "latest update", "notes", "note", "remarks", "progress notes", "status update",
                           "commentary"), title="Comments"),
    FieldSpec("rag", ("rag status", "rag", "brag", "brag status", "status", "rag rating", "progress status",
                      "current status", "delivery confidence", "confidence", "rating"), required=True,
              kind="status", title="RAG status"),
    FieldSpec("comment_updated", ("comment updated", "comments updated", "last updated", "updated",
                                  "date updated"), kind="date", title="Comment updated"),
    FieldSpec("evidence", ("evidence", "evidence link"), title="Evidence"),
    # A column that groups the actions, as "Priority N" heading rows do in the council's plan.
    FieldSpec("group", ("priority", "theme", "workstream", "work stream", "category", "strand", "area",
                        "project", "phase"), kind="group", title="Priority"),
)
FIELD_SPECS: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}
REQUIRED_FIELDS = tuple(spec.name for spec in FIELDS if spec.required)

# What a status word means. The council's BRAG scale gives four of them a colour.
COMPLETE, ON_TRACK, AT_RISK, STUCK = "complete", "on track", "at risk", "stuck"
NOT_STARTED, ON_HOLD, UNKNOWN = "not started", "on hold", "unknown"
MEANINGS = (COMPLETE, ON_TRACK, AT_RISK, STUCK, NOT_STARTED, ON_HOLD, UNKNOWN)
BRAG = {COMPLETE: "Blue", ON_TRACK: "Green", AT_RISK: "Amber", STUCK: "Red"}  # meaning -> BRAG status
MEANING_OF_BRAG = {status: meaning for meaning, status in BRAG.items()}
STATUSES = ("Blue", "Red", "Amber", "Green")
# The words a user may give in Settings' BRAG spellings table for what a spelling means.
MEANING_WORDS = {**{s.lower(): MEANING_OF_BRAG[s] for s in STATUSES}, **{m: m for m in MEANINGS if m != UNKNOWN},
                 "completed": COMPLETE, "done": COMPLETE, "in progress": ON_TRACK}

# The BRAG spellings accepted as standard when Settings lists none.
DEFAULT_BRAG = {"blue": "Blue", "completed": "Blue", "complete": "Blue",
                "red": "Red", "amber": "Amber", "green": "Green"}

# Status words real trackers use, by meaning (compared case-blind, punctuation and emoji aside). A word here
# that is not a BRAG spelling is read by its meaning and flagged as non-standard (SIP403).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    COMPLETE: ("blue", "b", "complete", "completed", "done", "closed", "achieved", "finished", "delivered",
               "resolved", "implemented"),
    ON_TRACK: ("green", "g", "on track", "in progress", "ongoing", "on going", "open", "active", "underway",
               "under way", "started", "progressing", "amber green", "amber/green", "a g", "ag"),
    AT_RISK: ("amber", "a", "at risk", "escalated", "delayed", "behind", "slipping", "behind schedule",
              "some issues", "amber red", "amber/red", "a r", "ar", "minor issues", "issues"),
    STUCK: ("red", "r", "stuck", "blocked", "off track", "critical", "major issues", "not achieved"),
    NOT_STARTED: ("not started", "not yet started", "to do", "todo", "to be started", "planned", "not begun",
                  "pending", "new", "proposed"),
    ON_HOLD: ("on hold", "paused", "deferred", "suspended", "postponed", "parked", "hold"),
}
# Status emoji (and the coloured circles and squares Excel users paste in).
STATUS_EMOJI: dict[str, str] = {
    "\u2705": COMPLETE, "\u2714": COMPLETE, "\u2611": COMPLETE, "\U0001f535": COMPLETE, "\U0001f7e6": COMPLETE,
    "\U0001f7e2": ON_TRACK, "\U0001f7e9": ON_TRACK,
    "\U0001f7e0": AT_RISK, "\U0001f7e1": AT_RISK, "\U0001f7e7": AT_RISK, "\U0001f7e8": AT_RISK, "\u26a0": AT_RISK,
    "\U0001f534": STUCK, "\U0001f7e5": STUCK, "\u274c": STUCK, "\u26d4": STUCK, "\U0001f6d1": STUCK,
    "\u26aa": NOT_STARTED, "\u2b1c": NOT_STARTED,
    "\u23f8": ON_HOLD,
}
# Words that mean a status only when they are the whole cell: inside a longer text ("needs a push", "a new
# policy", "open to review") they are ordinary words.
WHOLE_CELL_ONLY = frozenset({word for words in STATUS_WORDS.values() for word in words if len(word) <= 2}
                            | {"open", "new", "active", "started", "planned", "pending", "proposed", "hold",
                               "issues", "behind", "met", "delivered", "implemented", "finished", "rating"})

# How the roll-up and the report name an action's status: its BRAG status, else its meaning where that has
# no BRAG colour, else Unrated.
UNCOLOURED = {NOT_STARTED: "Not started", ON_HOLD: "On hold"}
UNRATED = "Unrated"
# The fill colours of the statuses (hex RGB), for the RAG column in Excel and the cells of the report, and
# for the two meanings that have no BRAG colour.
MEANING_COLOURS = {NOT_STARTED: "FFFFFF", ON_HOLD: "D9D2E9"}
STATUS_COLOURS = {"Blue": "9DC3E6", "Red": "F4B6B5", "Amber": "FFD966", "Green": "C5E0B3", UNRATED: "E7E6E6",
                  **{UNCOLOURED[meaning]: colour for meaning, colour in MEANING_COLOURS.items()}}
