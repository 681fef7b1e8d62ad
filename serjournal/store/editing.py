"""Rewriting a saved check-in after an edit, in one transaction."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from serjournal import messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import InputError, JournalError
from serjournal.models import CheckIn, utc_now
from serjournal.store.checkins import CHECKIN_COLUMNS, insert_children
from serjournal.store.connection import describe_database_error, write_transaction

CHILD_TABLES: tuple[str, ...] = ("sensations", "emotions", "answers", "tags")


def update_checkin(
    db: Database, checkin: CheckIn, path: Path | None = None, now: datetime | None = None
) -> CheckIn:
    """Validate the edited check-in, then replace the stored one with it and
    stamp edited_utc. The id and the moment it was lived stay as they were;
    the full-text index follows through its triggers."""
    checked = checkin_from_dict(checkin.to_dict())
    checked.edited_utc = now or utc_now()
    row = checked.to_dict()
    changed = [c for c in CHECKIN_COLUMNS if c != "id"]
    try:
        with write_transaction(db):
            cursor = db.execute(
                f"UPDATE checkins SET {', '.join(f'{c} = ?' for c in changed)} WHERE id = ?",
                [row[c] for c in changed] + [checked.id],
            )
            if cursor.rowcount != 1:
                raise InputError(messages.NO_SUCH_CHECKIN.format(id=checked.id))
            for table in CHILD_TABLES:
                db.execute(f"DELETE FROM {table} WHERE checkin_id = ?", [checked.id])
            insert_children(db, checked)
    except sqlite3.Error as error:
        raise JournalError(describe_database_error(error, path or Path("journal"))) from None
    return checked
