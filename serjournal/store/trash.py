"""Reading the trash: deleted check-ins kept whole for 30 days, every
deleted version in its own row (migration m004), so a delete can be undone.

A deleted check-in leaves the checkins table (its rows cascade away) and its
JSON form goes into `trash`, in the same transaction (store/writes.py). Every
other query therefore sees only live entries without filtering anything.
Nothing here writes: expired entries are purged by the next write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from serjournal import messages
from serjournal.errors import InputError
from serjournal.models import (
    RATING_FIELDS,
    CheckIn,
    EmotionEntry,
    Sensation,
    format_utc,
    parse_utc,
    utc_now,
)
from serjournal.store.checkins import resolve_prefix
from serjournal.store.reading import Readable

KEEP_DAYS = 30


@dataclass
class TrashEntry:
    checkin_id: str
    deleted_utc: str
    local_date: str
    summary: str


def cutoff(now: datetime | None = None) -> str:
    """Deleted before this moment (UTC text) means expired."""
    return format_utc((now or utc_now()) - timedelta(days=KEEP_DAYS))


def list_trash(db: Readable, now: datetime | None = None) -> list[TrashEntry]:
    """What the trash holds and can still give back, newest deletion first."""
    rows = db.execute(
        """
        SELECT checkin_id, deleted_utc, json_extract(record, '$.local_date'),
               json_extract(record, '$.mood'), json_extract(record, '$.distress'),
               json_extract(record, '$.answers.takeaway'), json_extract(record, '$.answers.note')
        FROM trash WHERE deleted_utc >= ? ORDER BY deleted_utc DESC, id DESC
        """,
        [cutoff(now)],
    ).fetchall()
    return [TrashEntry(r[0], r[1], r[2] or "", _summary(r[3], r[4], r[5] or r[6])) for r in rows]


def in_trash(db: Readable, checkin_id: str) -> bool:
    return (
        db.execute("SELECT 1 FROM trash WHERE checkin_id = ?", [checkin_id]).fetchone() is not None
    )


def find_in_trash(db: Readable, checkin_id: str | None, since: str) -> tuple[int, str]:
    """(row id, record) of the newest deleted version of the check-in whose id
    starts with `checkin_id`, or of the newest deletion when it is None."""
    if checkin_id is None:
        row = db.execute(
            "SELECT id, record FROM trash WHERE deleted_utc >= ? ORDER BY deleted_utc DESC, id DESC"
            " LIMIT 1",
            [since],
        ).fetchone()
        if row is None:
            raise InputError(messages.TRASH_EMPTY)
        return int(row[0]), str(row[1])
    full_id = resolve_prefix(db, "trash", "checkin_id", checkin_id, messages.NOT_IN_TRASH)
    row = db.execute(
        "SELECT id, record FROM trash WHERE checkin_id = ? AND deleted_utc >= ? "
        "ORDER BY deleted_utc DESC, id DESC LIMIT 1",
        [full_id, since],
    ).fetchone()
    if row is None:
        raise InputError(messages.NOT_IN_TRASH.format(id=checkin_id))
    return int(row[0]), str(row[1])


def checkin_from_record(record: dict[str, Any]) -> CheckIn:
    """Rebuild a trashed check-in exactly as it was stored. No vocabulary
    check: words removed from the config since must not block a restore."""
    return CheckIn(
        id=record["id"],
        created_utc=parse_utc(record["created_utc"]),
        local_date=record["local_date"],
        utc_offset_minutes=record["utc_offset_minutes"],
        mode=record["mode"],
        duration_seconds=record.get("duration_seconds"),
        **{name: record.get(name) for name in RATING_FIELDS},
        practice=record.get("practice"),
        practice_seconds=record.get("practice_seconds"),
        sensations=[Sensation(**item) for item in record.get("sensations", [])],
        emotions=[EmotionEntry(**item) for item in record.get("emotions", [])],
        answers=dict(record.get("answers", {})),
        tags=list(record.get("tags", [])),
        edited_utc=parse_utc(record["edited_utc"]) if record.get("edited_utc") else None,
    )


def _summary(mood: int | None, distress: int | None, words: str | None) -> str:
    parts = []
    if mood is not None:
        parts.append(f"mood {mood}/10")
    if distress is not None:
        parts.append(f"distress {distress}/10")
    if words:
        parts.append(words if len(words) <= 40 else words[:39] + "…")
    return "  ·  ".join(parts)
