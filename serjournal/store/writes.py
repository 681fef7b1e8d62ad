"""Every change to the journal, and nothing else: the one writer.

Each public function here is one mutation: one BEGIN IMMEDIATE transaction
that reads what it changes inside that transaction and applies the change to
what it read, never to a copy read earlier (which would undo what another
terminal did in between). No other module writes to the journal; the rest
of the program reads, and asks these functions to write.

    save_checkin        a new check-in (a retry of the same save is recognised)
    import_checkins     many new check-ins at once, all or none
    bulk_insert         a brand-new demo or benchmark journal, in chunks
    edit_checkin        a change to a saved check-in (flags, or the edit menu)
    delete_checkin      into the trash, every deleted version kept
    restore_deleted     undo, trash restore
    replace_contents    restore from a backup, under one lock from start to end
    record_report       that a practitioner report covered these days
"""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import TYPE_CHECKING

from serjournal import messages
from serjournal.errors import InputError
from serjournal.models import CheckIn, format_utc, utc_now
from serjournal.store.checkins import (
    CHECKIN_COLUMNS,
    CHILD_TABLES,
    checkin_exists,
    checkin_row,
    child_rows,
    load_checkin,
    same_answers,
)
from serjournal.store.connection import journal_error, path_of, write_transaction
from serjournal.store.trash import KEEP_DAYS, checkin_from_record, cutoff, find_in_trash, in_trash

if TYPE_CHECKING:
    from sqlite_utils import Database

    from serjournal.vocabulary import Vocabulary


@contextmanager
def _writing(db: Database) -> Iterator[Database]:
    """One write transaction; SQLite errors become one line naming the file."""
    try:
        with write_transaction(db):
            yield db
    except sqlite3.Error as error:
        raise journal_error(error, path_of(db)) from None


# --- New check-ins ----------------------------------------------------------------------


def save_checkin(db: Database, checkin: CheckIn) -> bool:
    """Write the whole check-in, or nothing. False when this same check-in is
    already there (a script retrying a save with its --id); a different entry
    with the id, live or in the trash, is refused."""
    with _writing(db):
        if checkin_exists(db, checkin.id):
            if same_answers(load_checkin(db, checkin.id), checkin):
                return False
            raise InputError(messages.DUPLICATE_ID.format(id=checkin.id))
        if in_trash(db, checkin.id):
            raise InputError(messages.ID_IN_TRASH.format(id=checkin.id))
        _insert(db, checkin)
    return True


@dataclass
class ImportCounts:
    added: int = 0
    already_there: int = 0  # same id in the journal
    in_trash: int = 0  # same id deleted: not brought back behind the user's back


def import_checkins(db: Database, checkins: Iterable[CheckIn]) -> ImportCounts:
    """Add every check-in whose id is new, in one transaction: all or none."""
    counts = ImportCounts()
    with _writing(db):
        for checkin in checkins:
            if checkin_exists(db, checkin.id):
                counts.already_there += 1
            elif in_trash(db, checkin.id):
                counts.in_trash += 1
            else:
                _insert(db, checkin)
                counts.added += 1
    return counts


def bulk_insert(db: Database, checkins: Iterable[CheckIn], chunk: int = 500) -> int:
    """Invented check-ins into a new journal (demo, benchmarks), `chunk` per
    transaction so ten years need not sit in memory at once."""
    total = 0
    iterator = iter(checkins)
    while batch := list(islice(iterator, chunk)):
        with _writing(db):
            db.table("checkins").insert_all([checkin_row(c) for c in batch], batch_size=500)
            for table in CHILD_TABLES:
                rows = [row for c in batch for row in child_rows(c)[table]]
                db.table(table).insert_all(rows, batch_size=500)
        total += len(batch)
    return total


def _insert(db: Database, checkin: CheckIn) -> None:
    db.table("checkins").insert(checkin_row(checkin))
    _insert_children(db, checkin)


def _insert_children(db: Database, checkin: CheckIn) -> None:
    for table, rows in child_rows(checkin).items():
        db.table(table).insert_all(rows)


# --- Editing ------------------------------------------------------------------------------


class EditConflict(InputError):
    """The entry changed (or was deleted) since the editor read it."""

    def __init__(self, message: str, current: CheckIn | None) -> None:
        super().__init__(message)
        self.current = current


@dataclass
class Edited:
    checkin: CheckIn
    changed: bool
    before: CheckIn | None = None  # the entry as it was just before this edit


def edit_checkin(
    db: Database,
    checkin_id: str,
    change: Callable[[CheckIn], CheckIn],
    *,
    vocabulary: Vocabulary,
    expected: CheckIn | None = None,
    now: datetime | None = None,
) -> Edited:
    """Apply `change` to the entry as it is now, inside the transaction.

    `change` gets a copy of the stored check-in and returns the edited one:
    flag edits add and remove on what is stored this instant, so twenty
    terminals tagging at once keep twenty tags. An edit made over minutes in
    the menu passes `expected`, the entry as it was read then: if it is not
    exactly that any more, EditConflict, and nothing is written.
    """
    from serjournal.answers import checkin_from_dict

    with _writing(db):
        if not checkin_exists(db, checkin_id):
            if expected is not None:
                raise EditConflict(messages.EDIT_GONE.format(short_id=checkin_id[:8]), None)
            raise InputError(messages.NO_SUCH_CHECKIN.format(id=checkin_id))
        current = load_checkin(db, checkin_id)
        if expected is not None and current.to_dict() != expected.to_dict():
            raise EditConflict(messages.EDIT_CONFLICT.format(short_id=checkin_id[:8]), current)
        edited = change(copy.deepcopy(current))
        checked = checkin_from_dict(
            edited.to_dict(),
            _with_words_of(current, vocabulary),
            # Answers saved before the length limit existed must not block an edit.
            stored_texts=frozenset([*current.answers.values(), *current.tags]),
        )
        checked.edited_utc = current.edited_utc
        if same_answers(checked, current):
            return Edited(current, changed=False)
        checked.edited_utc = now or utc_now()
        row = checkin_row(checked)
        columns = [c for c in CHECKIN_COLUMNS if c not in _FIXED]
        db.execute(
            f"UPDATE checkins SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
            [row[c] for c in columns] + [checkin_id],
        )
        for table in CHILD_TABLES:
            db.execute(f"DELETE FROM {table} WHERE checkin_id = ?", [checkin_id])
        _insert_children(db, checked)
    return Edited(checked, changed=True, before=current)


# What an edit never changes: which entry it is and the moment it was lived.
_FIXED = ("id", "created_utc", "local_date", "utc_offset_minutes")


def _with_words_of(stored: CheckIn, vocabulary: Vocabulary) -> Vocabulary:
    """The vocabulary plus the words the entry already uses: a region or
    quality since dropped from the config must not block editing its mood."""
    extended = copy.deepcopy(vocabulary)
    regions = [s.region for s in stored.sensations] + [e.region for e in stored.emotions]
    for region in regions:
        if region and region not in extended.regions:
            extended.regions.append(region)
        if region:  # a stored word stays itself, even one an alias now maps elsewhere
            extended.region_aliases.pop(region, None)
    for quality in (s.quality for s in stored.sensations):
        if quality not in extended.qualities:
            extended.qualities.append(quality)
    return extended


# --- Deleting and bringing back --------------------------------------------------------------


def delete_checkin(db: Database, checkin_id: str, now: datetime | None = None) -> CheckIn:
    """Move the check-in to the trash, whole. Every deletion keeps its own
    row, so deleting an entry again never replaces the version deleted first."""
    now = now or utc_now()
    with _writing(db):
        checkin = load_checkin(db, checkin_id)  # raises when it is not there (any more)
        db.execute(
            "INSERT INTO trash (checkin_id, deleted_utc, record) VALUES (?, ?, ?)",
            [checkin.id, format_utc(now), json.dumps(checkin.to_dict(), ensure_ascii=False)],
        )
        db.execute("DELETE FROM checkins WHERE id = ?", [checkin.id])
        _purge_expired(db, now)
    return checkin


def restore_deleted(
    db: Database, checkin_id: str | None = None, now: datetime | None = None
) -> CheckIn:
    """Bring back the newest deleted version of one check-in (by id or unique
    prefix), or the most recently deleted check-in when no id is given."""
    now = now or utc_now()
    with _writing(db):
        _purge_expired(db, now)
        row_id, record = find_in_trash(db, checkin_id, since=cutoff(now))
        checkin = checkin_from_record(json.loads(record))
        if checkin_exists(db, checkin.id):
            raise InputError(messages.TRASH_ALREADY_BACK.format(id=checkin.id[:8]))
        _insert(db, checkin)
        db.execute("DELETE FROM trash WHERE id = ?", [row_id])
    return checkin


def _purge_expired(db: Database, now: datetime) -> int:
    """Forget what was deleted more than KEEP_DAYS ago. Only ever part of a
    write the user asked for: looking at the trash purges nothing."""
    return int(db.execute("DELETE FROM trash WHERE deleted_utc < ?", [cutoff(now)]).rowcount)


# --- Restoring a backup ------------------------------------------------------------------------


def replace_contents(
    db: Database, source: sqlite3.Connection, keep_aside: Callable[[], object]
) -> int:
    """Make the journal hold exactly what `source` (a checked backup, upgraded
    to this schema) holds. Returns how many check-ins it now has.

    The write lock is taken first and held to the end: `keep_aside` copies
    the journal as it is while no one can write, then the rows are replaced,
    and only then can the next writer go on. So every check-in a second
    terminal saves lands either in the aside copy or, after waiting, in the
    restored journal. Replacing rows (not the file) keeps SQLite's own
    locks meaningful for every process that has the journal open.
    """
    with _writing(db):
        keep_aside()
        tables = _content_tables(db)
        for table in tables:
            db.execute(f"DELETE FROM [{table}]")
        for table in tables:  # parents first: checkins before the rows that point at it
            columns = [r[1] for r in db.execute(f"PRAGMA table_info([{table}])")]
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" * len(columns))
            cursor = source.execute(f"SELECT {names} FROM [{table}]")
            while rows := cursor.fetchmany(500):
                db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", rows)
        return int(db.execute("SELECT count(*) FROM checkins").fetchone()[0])


# --- Reports ---------------------------------------------------------------------------------


def record_report(
    db: Database,
    first_day: date,
    last_day: date,
    *,
    with_notes: bool,
    write: Callable[[], object],
    follows: date | None = None,
    now: datetime | None = None,
) -> None:
    """Note that a report covered first_day to last_day (for --since
    last-report), and call `write` (which writes the report out) inside the
    same transaction: the report is noted if and only if it was written.
    A journal another program holds fails here, before anything is written.
    `follows`: the last day of the last report this one was made to follow
    (--since last-report); if another report was made since, nothing is
    written and InputError says so."""
    with _writing(db):
        if follows is not None:
            row = db.execute("SELECT max(last_day) FROM reports").fetchone()
            if row[0] != follows.isoformat():
                raise InputError(messages.REPORT_MADE_MEANWHILE)
        write()
        db.execute(
            "INSERT INTO reports (made_utc, first_day, last_day, with_notes) VALUES (?, ?, ?, ?)",
            [
                format_utc(now or utc_now()),
                first_day.isoformat(),
                last_day.isoformat(),
                int(with_notes),
            ],
        )


def _content_tables(db: Database) -> list[str]:
    """The tables holding the user's data, checkins first. The full-text
    index follows its triggers; SQLite's and sqlite-utils' own tables stay."""
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'answers_fts%' AND name != '_sqlite_migrations' ORDER BY name"
        )
    ]
    return ["checkins", *(n for n in names if n != "checkins")]


__all__ = [
    "KEEP_DAYS",
    "EditConflict",
    "Edited",
    "ImportCounts",
    "bulk_insert",
    "delete_checkin",
    "edit_checkin",
    "import_checkins",
    "record_report",
    "replace_contents",
    "restore_deleted",
    "save_checkin",
]
