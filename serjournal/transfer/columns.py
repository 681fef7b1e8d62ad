"""The CSV columns of each exported table: stable names, documented once.

Names never change once released; new columns are only appended. The
descriptions below are written into the README that `export --all` adds.
"""

from __future__ import annotations

from serjournal.models import RATING_FIELDS

# The free-text answers, one column each, in the order of the stages.
ANSWER_COLUMNS: tuple[str, ...] = (
    "focus",
    "memory",
    "speak",
    "need",
    "image",
    "shift",
    "takeaway",
    "note",
)

TARGET_MARK = " (target)"
LIST_SEPARATOR = "; "
# Inside the sensations and emotions cells, a word's own ';', ':', '/' or
# backslash has a backslash before it, so a config region "neck/throat" or a
# quality "tight; sore" comes back as itself (see escape and split_escaped).
ESCAPE = "\\"
SPECIAL = (ESCAPE, ";", ":", "/")

CHECKINS: dict[str, str] = {
    "id": "The check-in's stable UUID. Importing skips ids already in the journal.",
    "local_date": "The calendar day where the check-in was made, YYYY-MM-DD.",
    "local_time": "Local date and time with its UTC offset, ISO 8601 (derived; ignored on import).",
    "created_utc": "The moment in UTC, YYYY-MM-DDTHH:MM:SSZ.",
    "utc_offset_minutes": "The local zone's offset from UTC at that moment, in minutes.",
    "mode": "full (the seven stages) or quick.",
    "duration_seconds": "How long the check-in took.",
    **{
        name: f"{name.replace('_', ' ').capitalize()}, 0-10 (empty if skipped)."
        for name in RATING_FIELDS
    },
    "practice": "The release practice: breath, movement, hand or none.",
    "practice_seconds": "How long the practice lasted.",
    "sensations": (
        "Each sensation as REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], separated by '; '; "
        "' (target)' marks the one the dialogue was about. A ';', ':', '/' or '\\' inside "
        "a word has a '\\' before it."
    ),
    "emotions": (
        "Each emotion as NAME:INTENSITY[:REGION], separated by '; '. A word that is not "
        "built in (your own, or one whose family differs) adds its coordinates: "
        "NAME:INTENSITY:[REGION]:FAMILY:VALENCE:ENERGY. Words escaped as in sensations."
    ),
    "tags": "Tags separated by '; '; a ';' or '\\' inside a tag has a '\\' before it.",
    **{key: f"The '{key}' answer, as written." for key in ANSWER_COLUMNS},
    "edited_utc": "When the check-in was last edited, in UTC (empty if never).",
    "followup": "How yesterday's intention or takeaway went, as written.",
}
# Columns appended after the first release: an older export without them still imports.
ADDED_LATER: tuple[str, ...] = ("followup",)
# Every free-text answer in the table, wherever its column sits.
TEXT_ANSWERS: tuple[str, ...] = (*ANSWER_COLUMNS, *ADDED_LATER)

_PER_ITEM: dict[str, str] = {
    "checkin_id": "The id of the check-in this row belongs to (see checkins.csv).",
    "local_date": "The check-in's local calendar day, YYYY-MM-DD.",
    "created_utc": "The check-in's moment in UTC.",
    "position": "Order within the check-in, from 0.",
}

SENSATIONS: dict[str, str] = {
    **_PER_ITEM,
    "region": "Body region.",
    "side": "left, right or both (empty if not given).",
    "quality": "The quality of the sensation, e.g. tight.",
    "intensity": "Intensity 0-10.",
    "intensity_after": "Intensity after the release practice, 0-10 (empty if not rated).",
    "is_target": "1 for the sensation the dialogue was about, else 0.",
}

EMOTIONS: dict[str, str] = {
    **_PER_ITEM,
    "name": "The emotion word.",
    "family": "Its family, e.g. fear.",
    "valence": "pleasant or unpleasant.",
    "energy": "high or low.",
    "intensity": "Intensity 0-10.",
    "region": "Where in the body it was felt (empty if not given).",
}

TABLES: dict[str, dict[str, str]] = {
    "checkins": CHECKINS,
    "sensations": SENSATIONS,
    "emotions": EMOTIONS,
}

# Columns holding only numbers we wrote; every other cell is text and is
# neutralised (see csv_safety) so a spreadsheet never runs it.
NUMERIC: frozenset[str] = frozenset(
    {
        "utc_offset_minutes",
        "duration_seconds",
        *RATING_FIELDS,
        "practice_seconds",
        "position",
        "intensity",
        "intensity_after",
        "is_target",
    }
)


def escape(word: str) -> str:
    """A word inside a list cell, its separators made literal."""
    for char in SPECIAL:  # the escape character itself first
        word = word.replace(char, ESCAPE + char)
    return word


def split_escaped(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` that has no escape before it; the
    parts keep their escapes, so they can be split again (unescape last)."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current += [ESCAPE, char]
            escaped = False
        elif char == ESCAPE:
            escaped = True
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append(ESCAPE)
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    """The word as it was: each escaped character for itself."""
    out: list[str] = []
    escaped = False
    for char in text:
        if escaped or char != ESCAPE:
            out.append(char)
            escaped = False
        else:
            escaped = True
    if escaped:
        out.append(ESCAPE)
    return "".join(out)
