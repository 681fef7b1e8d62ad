"""Schema migrations, one small named function each, applied in order.

Rules: a migration may add tables, columns, indexes and triggers, and may
copy data; it never drops or rewrites user data. Append new migrations at
the end; never rename or edit an applied one. The schema version is the
number of migrations applied. tests/fixtures keeps a journal made by each
version so every upgrade path stays tested.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from serjournal.store.format import APPLICATION_ID, MIGRATION_SET

migrations = Migrations(MIGRATION_SET)
_names: list[str] = []  # in order, as registered: our own record, no private API


def migration(function: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration with sqlite-utils, and remember its name."""
    _names.append(function.__name__)
    migrations()(function)
    return function


@migration
def m001_create_journal(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run_script(
        db,
        """
        CREATE TABLE checkins (
            id TEXT PRIMARY KEY,
            created_utc TEXT NOT NULL,
            local_date TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('full', 'quick')),
            duration_seconds INTEGER,
            settledness INTEGER CHECK (settledness BETWEEN 0 AND 10),
            mood INTEGER CHECK (mood BETWEEN 0 AND 10),
            energy INTEGER CHECK (energy BETWEEN 0 AND 10),
            distress INTEGER CHECK (distress BETWEEN 0 AND 10),
            distress_after INTEGER CHECK (distress_after BETWEEN 0 AND 10),
            closing_mood INTEGER CHECK (closing_mood BETWEEN 0 AND 10),
            practice TEXT,
            practice_seconds INTEGER,
            edited_utc TEXT
        );
        CREATE INDEX idx_checkins_local_date ON checkins (local_date);
        CREATE INDEX idx_checkins_created_utc ON checkins (created_utc);

        CREATE TABLE sensations (
            id INTEGER PRIMARY KEY,
            checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            region TEXT NOT NULL,
            side TEXT,
            quality TEXT NOT NULL,
            intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
            intensity_after INTEGER CHECK (intensity_after BETWEEN 0 AND 10),
            is_target INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX idx_sensations_checkin ON sensations (checkin_id);

        CREATE TABLE emotions (
            id INTEGER PRIMARY KEY,
            checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            family TEXT NOT NULL,
            valence TEXT NOT NULL,
            energy TEXT NOT NULL,
            intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
            region TEXT
        );
        CREATE INDEX idx_emotions_checkin ON emotions (checkin_id);

        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            prompt TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (checkin_id, prompt)
        );

        CREATE TABLE tags (
            checkin_id TEXT NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (checkin_id, tag)
        );
        CREATE INDEX idx_tags_tag ON tags (tag);
        """,
    )


def _run_script(db: Database, script: str) -> None:
    # Statement by statement: sqlite3's executescript() would COMMIT the
    # migration's transaction part way.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def known_names() -> list[str]:
    return list(_names)


def schema_version() -> int:
    """The version this program writes: how many migrations it knows."""
    return len(known_names())


@migration
def m002_trash(db: Database) -> None:
    # A deleted check-in waits here, whole, as its JSON form, for `undo`.
    # Keeping it out of the checkins table means no other query must filter it.
    db.execute(
        """
        CREATE TABLE trash (
            checkin_id TEXT PRIMARY KEY,
            deleted_utc TEXT NOT NULL,
            record TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX idx_trash_deleted_utc ON trash (deleted_utc)")


@migration
def m003_answers_fts(db: Database) -> None:
    # Full-text index over written answers, kept in step by triggers so every
    # write path (save, edit, delete, restore, import) is covered without code.
    # Statements one by one: trigger bodies contain semicolons.
    for statement in (
        "CREATE VIRTUAL TABLE answers_fts USING fts5("
        "text, content='answers', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN "
        "INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text); END",
        "CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN "
        "INSERT INTO answers_fts (answers_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); END",
        "CREATE TRIGGER answers_fts_update AFTER UPDATE ON answers BEGIN "
        "INSERT INTO answers_fts (answers_fts, rowid, text) "
        "VALUES ('delete', old.id, old.text); "
        "INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text); END",
        # Backfill what earlier versions wrote.
        "INSERT INTO answers_fts (answers_fts) VALUES ('rebuild')",
    ):
        db.execute(statement)


@migration
def m004_trash_keeps_every_version(db: Database) -> None:
    # The trash was keyed by check-in id, so deleting an entry a second time
    # replaced the version deleted first. Every deletion now keeps its own row;
    # the rows move over unchanged, oldest first.
    db.execute("ALTER TABLE trash RENAME TO trash_m002")
    db.execute(
        """
        CREATE TABLE trash (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            checkin_id TEXT NOT NULL,
            deleted_utc TEXT NOT NULL,
            record TEXT NOT NULL
        )
        """
    )
    db.execute(
        "INSERT INTO trash (checkin_id, deleted_utc, record) "
        "SELECT checkin_id, deleted_utc, record FROM trash_m002 ORDER BY deleted_utc, rowid"
    )
    db.execute("DROP TABLE trash_m002")  # its rows are all in trash now, same transaction
    db.execute("CREATE INDEX idx_trash_deleted_utc ON trash (deleted_utc)")
    db.execute("CREATE INDEX idx_trash_checkin_id ON trash (checkin_id)")


@migration
def m005_reports(db: Database) -> None:
    # Each practitioner report made (`serjournal report`), so `--since
    # last-report` knows where the previous one ended. Days are local
    # calendar days, as in checkins.local_date; nothing of the report's
    # content is kept, only what it covered.
    db.execute(
        """
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            made_utc TEXT NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            with_notes INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX idx_reports_last_day ON reports (last_day)")


@migration
def m006_sync(db: Database) -> None:
    # Sync through a shared folder (serjournal/sync/). Only this machine's
    # bookkeeping: no user data moves. See store/sync_state.py for each table.
    _run_script(
        db,
        """
        CREATE TABLE sync_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE sync_log (
            seq INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            line TEXT NOT NULL
        );

        CREATE TABLE sync_checkins (
            checkin_id TEXT PRIMARY KEY,
            registers TEXT NOT NULL
        );

        CREATE TABLE sync_files (
            name TEXT PRIMARY KEY,
            machine TEXT NOT NULL,
            offset INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            tail TEXT NOT NULL,
            problem TEXT
        );

        CREATE TABLE sync_machines (
            machine TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            last_at INTEGER,
            changes INTEGER NOT NULL DEFAULT 0,
            read_utc TEXT
        )
        """,
    )
