"""Reading serjournal's own exports back: the JSON export and checkins.csv.

Both go through answers.checkin_from_dict, so an imported check-in obeys
exactly the rules of `checkin --from-json` (an id must be a whole UUID), with
three rules of their own for entries that come from files:
- an entry that says nothing (no answer and no time, such as `{}`) is refused;
- an entry without an id gets one made from its content, so importing the
  same file twice adds it once;
- an entry that carries its id and time is a record: region and quality words
  the vocabulary does not know (another machine's config, a word since
  removed) are kept as written, as are an emotion's recorded coordinates.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from serjournal import content, messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import InputError
from serjournal.models import RATING_FIELDS, CheckIn
from serjournal.transfer import columns, csv_safety
from serjournal.vocabulary import normalise

Numbered = Iterator[tuple[int, CheckIn | str]]

# Ids made from an entry's content (not the one Daylio rows use).
_CONTENT_IDS = uuid.UUID("3b9d1f0e-4c1a-4d8e-9a57-2f6b8e0c7d41")


def checkins_in_json(document: list[Any] | dict[str, Any]) -> Numbered:
    """Each check-in of a JSON export (numbered from 1), or the reason it is invalid.
    Accepts the export's envelope, a bare list, or one check-in object."""
    if isinstance(document, dict):
        document = document.get("checkins", [document])
    for number, item in enumerate(document, start=1):
        try:
            yield number, imported_checkin(item, _canonical_json)
        except InputError as error:
            yield number, str(error)


def imported_checkin(
    data: Any, canonical: Callable[[dict[str, Any]], str] | None = None
) -> CheckIn:
    """One entry of an import file, checked, with the rules in this module's
    docstring. `canonical(data)` is the text its content id is made from."""
    if not isinstance(data, dict):
        return checkin_from_dict(data)  # refused, with the usual reason
    recorded = bool(data.get("id") and data.get("created_utc"))
    checkin = checkin_from_dict(data, recorded=recorded)
    if not data.get("created_utc") and not _says_something(checkin):
        raise InputError(messages.IMPORT_EMPTY_ENTRY)
    if not data.get("id"):
        checkin.id = str(uuid.uuid5(_CONTENT_IDS, (canonical or _canonical_json)(data)))
    return checkin


def _says_something(checkin: CheckIn) -> bool:
    return bool(
        any(getattr(checkin, name) is not None for name in RATING_FIELDS)
        or checkin.practice
        or checkin.practice_seconds is not None
        or checkin.duration_seconds is not None
        or checkin.sensations
        or checkin.emotions
        or checkin.answers
        or checkin.tags
    )


def _canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def checkin_from_csv_row(cells: dict[str, str]) -> CheckIn:
    """One row of checkins.csv (column name -> cell) as a validated check-in."""
    cell = {name: csv_safety.restore(text) for name, text in cells.items()}
    data: dict[str, Any] = {
        "id": cell["id"],
        "created_utc": cell["created_utc"],
        "local_date": cell["local_date"],
        "utc_offset_minutes": optional_whole_number(
            "utc_offset_minutes", cell["utc_offset_minutes"]
        ),
        "mode": cell["mode"],
        "duration_seconds": optional_whole_number("duration_seconds", cell["duration_seconds"]),
        **{name: cell[name] or None for name in RATING_FIELDS},
        "practice": cell["practice"] or None,
        "practice_seconds": optional_whole_number("practice_seconds", cell["practice_seconds"]),
        "sensations": [_sensation(spec) for spec in _items(cell["sensations"])],
        "emotions": [_emotion(spec) for spec in _items(cell["emotions"])],
        "answers": {key: cell[key] for key in columns.TEXT_ANSWERS if cell.get(key)},
        "tags": split_tags(cell["tags"]),
        "edited_utc": cell["edited_utc"] or None,
    }
    return imported_checkin(data, lambda _data: _canonical_row(cells))


def _canonical_row(cells: dict[str, str]) -> str:
    """A row's cells in a fixed order, whatever order the columns came in."""
    return "\x1f".join(f"{name}={cells[name]}" for name in sorted(cells) if name != "id")


def whole_number(field: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(messages.NOT_WHOLE_NUMBER.format(field=field, value=text)) from None


def optional_whole_number(field: str, text: str) -> int | None:
    return whole_number(field, text) if text.strip() else None


def _items(text: str) -> list[str]:
    return [part.strip() for part in columns.split_escaped(text, ";") if part.strip()]


def _sensation(spec: str) -> dict[str, Any]:
    """REGION[/SIDE]:QUALITY:INTENSITY[:AFTER][ (target)], words escaped."""
    is_target = spec.endswith(columns.TARGET_MARK.strip())
    if is_target:
        spec = spec[: -len(columns.TARGET_MARK.strip())].strip()
    parts = columns.split_escaped(spec, ":")
    where = columns.split_escaped(parts[0], "/")
    if len(parts) not in (3, 4) or len(where) > 2 or not all(p.strip() for p in parts + where):
        raise InputError(messages.BAD_SENSATION_SPEC.format(spec=columns.unescape(spec)))
    return {
        "region": columns.unescape(where[0]),
        "side": columns.unescape(where[1]) if len(where) == 2 else None,
        "quality": columns.unescape(parts[1]),
        "intensity": parts[2].strip(),
        "intensity_after": parts[3].strip() if len(parts) == 4 else None,
        "is_target": is_target,
    }


def _emotion(spec: str) -> dict[str, Any]:
    """NAME:INTENSITY[:REGION][:FAMILY:VALENCE:ENERGY], words escaped. A word
    given without coordinates is a built-in one, or one from the vocabulary."""
    parts = [columns.unescape(p).strip() for p in columns.split_escaped(spec, ":")]
    if len(parts) not in (2, 3, 6) or not parts[0] or not parts[1]:
        raise InputError(messages.BAD_EMOTION_SPEC.format(spec=columns.unescape(spec)))
    item: dict[str, Any] = {"name": parts[0], "intensity": parts[1]}
    if len(parts) >= 3 and parts[2]:
        item["region"] = parts[2]
    if len(parts) == 6:
        item.update(zip(("family", "valence", "energy"), parts[3:], strict=True))
    elif normalise(parts[0]) in _BUILT_IN:  # as exported: the built-in word, under any config
        item.update(_BUILT_IN[normalise(parts[0])])
    return item


_BUILT_IN = {
    e.name: {"family": e.family, "valence": e.valence, "energy": e.energy} for e in content.EMOTIONS
}


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
