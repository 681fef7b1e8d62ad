"""Reading serjournal's own exports back: the JSON export and checkins.csv.

Both go through answers.checkin_from_dict, so an imported check-in obeys
exactly the rules of `checkin --from-json` (an id must be a whole UUID).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from serjournal import messages
from serjournal.answers import checkin_from_dict, parse_sensation
from serjournal.errors import InputError
from serjournal.models import RATING_FIELDS, CheckIn
from serjournal.transfer import columns, csv_safety

Numbered = Iterator[tuple[int, CheckIn | str]]


def checkins_in_json(document: list[Any] | dict[str, Any]) -> Numbered:
    """Each check-in of a JSON export (numbered from 1), or the reason it is invalid.
    Accepts the export's envelope, a bare list, or one check-in object."""
    if isinstance(document, dict):
        document = document.get("checkins", [document])
    for number, item in enumerate(document, start=1):
        try:
            yield number, checkin_from_dict(item)
        except InputError as error:
            yield number, str(error)


def checkin_from_csv_row(cells: dict[str, str]) -> CheckIn:
    """One row of checkins.csv (column name -> cell) as a validated check-in."""
    cell = {name: csv_safety.restore(text) for name, text in cells.items()}
    data: dict[str, Any] = {
        "id": cell["id"],
        "created_utc": cell["created_utc"],
        "local_date": cell["local_date"],
        "utc_offset_minutes": whole_number("utc_offset_minutes", cell["utc_offset_minutes"]),
        "mode": cell["mode"],
        "duration_seconds": optional_whole_number("duration_seconds", cell["duration_seconds"]),
        **{name: cell[name] or None for name in RATING_FIELDS},
        "practice": cell["practice"] or None,
        "practice_seconds": optional_whole_number("practice_seconds", cell["practice_seconds"]),
        "sensations": [_sensation(spec) for spec in _items(cell["sensations"])],
        "emotions": _items(cell["emotions"]),
        "answers": {key: cell[key] for key in columns.TEXT_ANSWERS if cell.get(key)},
        "tags": split_tags(cell["tags"]),
        "edited_utc": cell["edited_utc"] or None,
    }
    return checkin_from_dict(data)


def whole_number(field: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(messages.NOT_WHOLE_NUMBER.format(field=field, value=text)) from None


def optional_whole_number(field: str, text: str) -> int | None:
    return whole_number(field, text) if text.strip() else None


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _sensation(spec: str) -> dict[str, Any]:
    is_target = spec.endswith(columns.TARGET_MARK.strip())
    if is_target:
        spec = spec[: -len(columns.TARGET_MARK.strip())].strip()
    return {**vars(parse_sensation(spec)), "is_target": is_target}


def split_tags(text: str) -> list[str]:
    """The reverse of export_csv.escape_tag joined by '; ': split on unescaped ';'."""
    tags: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == ";":
            tags.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    if text:
        tags.append("".join(current))
    return [tag.strip() for tag in tags if tag.strip()]
