"""Rewriting a saved check-in after an edit, in one transaction."""

from __future__ import annotations

import copy
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from serjournal import messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import InputError
from serjournal.models import CheckIn, utc_now
from serjournal.store.checkins import CHECKIN_COLUMNS, insert_children, load_checkin
from serjournal.store.connection import journal_error, write_transaction
from serjournal.vocabulary import Vocabulary, default_vocabulary

CHILD_TABLES: tuple[str, ...] = ("sensations", "emotions", "answers", "tags")


def update_checkin(
    db: Database, checkin: CheckIn, path: Path | None = None, now: datetime | None = None
) -> CheckIn:
    """Validate the edited check-in, then replace the stored one with it and
    stamp edited_utc. The id and the moment it was lived stay as they were;
    the full-text index follows through its triggers."""
    stored = load_checkin(db, checkin.id)  # raises when it is not in the journal
    checked = checkin_from_dict(checkin.to_dict(), _with_words_of(stored, default_vocabulary()))
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
        raise journal_error(error, path or Path("journal")) from None
    return checked


def _with_words_of(stored: CheckIn, vocabulary: Vocabulary) -> Vocabulary:
    """The vocabulary plus the words the entry already uses: a region or
    quality since dropped from the config must not block editing its mood."""
    extended = copy.deepcopy(vocabulary)
    regions = [s.region for s in stored.sensations] + [e.region for e in stored.emotions]
    for region in regions:
        if region and region not in extended.regions:
            extended.regions.append(region)
    for quality in (s.quality for s in stored.sensations):
        if quality not in extended.qualities:
            extended.qualities.append(quality)
    return extended
