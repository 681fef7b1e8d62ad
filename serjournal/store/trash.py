"""The trash: deleted check-ins kept whole for 30 days, so a delete can be undone.

A deleted check-in leaves the checkins table (its rows cascade away) and its
JSON form goes into `trash`, in the same transaction. Every other query
therefore sees only live entries without filtering anything.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database

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
from serjournal.store.checkins import _insert, load_checkin
from serjournal.store.connection import journal_error, write_transaction

KEEP_DAYS = 30


@dataclass
class TrashEntry:
    checkin_id: str
    deleted_utc: str
    local_date: str
    summary: str


def move_to_trash(
    db: Database, checkin_id: str, path: Path | None = None, now: datetime | None = None
) -> CheckIn:
    """Delete a check-in, keeping its whole record in the trash."""
    now = now or utc_now()
    with _translated(path), write_transaction(db):
        checkin = load_checkin(db, checkin_id)
        db.execute(
            "INSERT OR REPLACE INTO trash (checkin_id, deleted_utc, record) VALUES (?, ?, ?)",
            [checkin.id, format_utc(now), json.dumps(checkin.to_dict(), ensure_ascii=False)],
        )
        db.execute("DELETE FROM checkins WHERE id = ?", [checkin.id])
        _purge(db, now)
    return checkin


def restore(
    db: Database,
    checkin_id: str | None = None,
    path: Path | None = None,
    now: datetime | None = None,
) -> CheckIn:
    """Bring back one trashed check-in (by id or unique prefix), or the most
    recently deleted when no id is given."""
    now = now or utc_now()
    with _translated(path), write_transaction(db):
        _purge(db, now)
        row = _find(db, checkin_id)
        checkin = checkin_from_record(json.loads(row[1]))
        if db.execute("SELECT 1 FROM checkins WHERE id = ?", [checkin.id]).fetchone():
            raise InputError(messages.TRASH_ALREADY_BACK.format(id=checkin.id[:8]))
        _insert(db, checkin)
        db.execute("DELETE FROM trash WHERE checkin_id = ?", [row[0]])
    return checkin


def list_trash(db: Database, now: datetime | None = None) -> list[TrashEntry]:
    """What the trash holds, newest deletion first (expired ones purged first)."""
    purge_expired(db, now)
    rows = db.execute(
        """
        SELECT checkin_id, deleted_utc, json_extract(record, '$.local_date'),
               json_extract(record, '$.mood'), json_extract(record, '$.distress'),
               json_extract(record, '$.answers.takeaway'), json_extract(record, '$.answers.note')
        FROM trash ORDER BY deleted_utc DESC, rowid DESC
        """
    ).fetchall()
    return [TrashEntry(r[0], r[1], r[2] or "", _summary(r[3], r[4], r[5] or r[6])) for r in rows]


def purge_expired(db: Database, now: datetime | None = None, path: Path | None = None) -> int:
    """Forget check-ins deleted more than KEEP_DAYS ago; returns how many."""
    with _translated(path), write_transaction(db):
        return _purge(db, now or utc_now())


def _purge(db: Database, now: datetime) -> int:
    cutoff = format_utc(now - timedelta(days=KEEP_DAYS))
    return db.execute("DELETE FROM trash WHERE deleted_utc < ?", [cutoff]).rowcount


def _find(db: Database, checkin_id: str | None) -> tuple[str, str]:
    if checkin_id is None:
        row = db.execute(
            "SELECT checkin_id, record FROM trash ORDER BY deleted_utc DESC, rowid DESC LIMIT 1"
        ).fetchone()
        if row is None:
            raise InputError(messages.TRASH_EMPTY)
        return row[0], row[1]
    cleaned = checkin_id.strip().lower()
    if not cleaned or any(c not in "0123456789abcdef-" for c in cleaned):
        raise InputError(messages.BAD_ID.format(id=checkin_id))
    rows = db.execute(
        "SELECT checkin_id, record FROM trash WHERE checkin_id >= ? AND checkin_id < ? LIMIT 6",
        [cleaned, cleaned + "\uffff"],
    ).fetchall()
    if not rows:
        raise InputError(messages.NOT_IN_TRASH.format(id=checkin_id))
    if len(rows) > 1:
        raise InputError(
            messages.AMBIGUOUS_ID.format(id=checkin_id, matches=", ".join(r[0][:8] for r in rows))
        )
    return rows[0][0], rows[0][1]


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


@contextmanager
def _translated(path: Path | None) -> Iterator[None]:
    """sqlite3 errors become one JournalError line naming the file."""
    try:
        yield
    except sqlite3.Error as error:
        raise journal_error(error, path or Path("journal")) from None
