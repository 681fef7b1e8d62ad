"""Reading a Daylio CSV export (full_date, date, weekday, time, mood,
activities, note_title, note, and in newer versions scales).

Each entry becomes a quick check-in: the five Daylio moods are placed on the
0-10 mood scale, activities become tags, the title and note become the note
answer. Daylio gives no time zone, so times are read in the local zone of
this computer on that date, with its daylight-saving rules (timeutil). Ids
are derived from the entry's content, so importing the same Daylio file
twice adds nothing the second time.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import UTC, date, datetime, time

from serjournal import messages
from serjournal.answers import checked_text, parse_rating
from serjournal.errors import InputError
from serjournal.models import CheckIn
from serjournal.timeutil import EARLIEST_YEAR, LATEST_YEAR, on_local_clock

REQUIRED_COLUMNS = frozenset({"full_date", "time", "mood", "activities", "note"})
KNOWN_COLUMNS = REQUIRED_COLUMNS | {"date", "weekday", "note_title", "scales"}

# Daylio's five moods, evenly spaced on serjournal's 0-10 scale.
DAYLIO_MOODS: dict[str, int] = {"rad": 9, "good": 7, "meh": 5, "bad": 3, "awful": 1}

ACTIVITY_SEPARATOR = "|"
_NAMESPACE = uuid.UUID("6f1c9e62-5b0e-4c55-9d0a-6a7c1d7f2b11")
_CLOCK = re.compile(
    r"^(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?:(?P<half>[ap])\.?\s*m\.?)?$",
    re.IGNORECASE,
)


def is_daylio_header(names: list[str]) -> bool:
    return set(names) >= REQUIRED_COLUMNS


class DaylioReader:
    """Turns rows into check-ins and remembers the moods it could not place."""

    def __init__(self, mood_map: dict[str, int] | None = None) -> None:
        self.moods = {**DAYLIO_MOODS, **{k.strip().lower(): v for k, v in (mood_map or {}).items()}}
        self.custom_moods: Counter[str] = Counter()

    def checkin_from_row(self, cells: dict[str, str]) -> CheckIn:
        day = _day(cells["full_date"])
        clock = parse_clock(cells["time"])
        checkin = CheckIn(mode="quick")
        checkin.set_time(_moment(day, clock, cells["full_date"]))
        mood_word = cells["mood"].strip()
        checkin.mood = self.moods.get(mood_word.lower())
        note_parts = [cells.get("note_title", "").strip(), cells["note"].strip()]
        if checkin.mood is None and mood_word:
            self.custom_moods[mood_word] += 1
            note_parts.append(messages.DAYLIO_MOOD_IN_NOTE.format(mood=mood_word))
        if cells.get("scales", "").strip():
            note_parts.append(messages.DAYLIO_SCALES_IN_NOTE.format(scales=cells["scales"].strip()))
        note = "\n\n".join(part for part in note_parts if part)
        if note:
            checkin.answers["note"] = checked_text("note", note)
        activities = (a.strip() for a in cells["activities"].split(ACTIVITY_SEPARATOR))
        checkin.tags = list(dict.fromkeys(checked_text("tags", a) for a in activities if a))
        checkin.id = str(
            uuid.uuid5(_NAMESPACE, "\x1f".join(cells.get(k, "") for k in sorted(cells)))
        )
        return checkin


def parse_mood_map(specs: list[str]) -> dict[str, int]:
    """--daylio-mood NAME=VALUE options as a mapping."""
    mapping = {}
    for spec in specs:
        name, sign, value = spec.partition("=")
        try:
            if not sign or not name.strip():
                raise InputError(spec)
            mapping[name.strip().lower()] = parse_rating("mood", value)
        except InputError:
            raise InputError(messages.BAD_MOOD_MAP.format(value=spec)) from None
    return mapping


def parse_clock(text: str) -> time:
    """20:52, 8:52 pm, 8:52 PM, 08:52 a.m. and 20:52:10 all work."""
    match = _CLOCK.match(text.strip())
    if not match:
        raise InputError(messages.DAYLIO_BAD_TIME.format(value=text))
    hour, minute = int(match["hour"]), int(match["minute"])
    if match["half"]:
        if not 1 <= hour <= 12:
            raise InputError(messages.DAYLIO_BAD_TIME.format(value=text))
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise InputError(messages.DAYLIO_BAD_TIME.format(value=text))
    return time(hour, minute)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(messages.DAYLIO_BAD_DATE.format(value=text)) from None


def _moment(day: date, clock: time, text: str) -> datetime:
    """The clock time on that day in this computer's zone, by the same rules
    as every typed time (timeutil.on_local_clock). Years a check-in cannot
    have (it could not be edited later) are refused."""
    try:
        moment = on_local_clock(day, clock)
        if EARLIEST_YEAR <= moment.astimezone(UTC).year <= LATEST_YEAR:
            return moment
    except (OverflowError, ValueError):
        pass
    raise InputError(
        messages.DAYLIO_DATE_OUT_OF_RANGE.format(
            value=text, earliest=EARLIEST_YEAR, latest=LATEST_YEAR
        )
    )
