"""Opening the journal to read it: quickly, and without ever writing to it.

Importing sqlite-utils alone costs more than a whole `serjournal --version`,
so a journal that is ours and fully upgraded is opened with the standard
library only. A journal a version behind is read through an upgraded copy in
memory (the upgrade itself happens on the next write); anything else (a
foreign file, a newer journal, a damaged one) is refused with the same
message a write would give. Looking (list, show, search, review, export,
backup, completion) never migrates, purges or changes the journal's mode.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import Any, Protocol

from serjournal.store.format import (
    APPLICATION_ID,
    MIGRATION_NAMES,
    MIGRATION_SET,
    SQLITE_HEADER,
    busy_timeout_ms,
)


class Readable(Protocol):
    """What every reading function needs: a plain sqlite3 connection or a
    sqlite-utils Database both have it."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


def sql_limit(limit: int | None) -> int:
    """A LIMIT parameter: -1 (no limit) for None, or for a count beyond
    SQLite's integers, which could not be bound (and means all anyway)."""
    return -1 if limit is None or limit > 2**63 - 1 else limit


def open_for_reading(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the journal at `path`, or None when there is none yet."""
    if not path.exists():
        return None
    refuse_unopenable(path)
    connection = _connect_read_only(path)
    try:
        applied = _applied_migrations(connection)
    except sqlite3.DatabaseError as error:
        connection.close()
        from serjournal.store.connection import journal_error

        raise journal_error(error, path) from None
    if applied == list(MIGRATION_NAMES):
        return connection
    # Not the common case: the full check, which explains foreign or newer files.
    connection.close()
    from serjournal.store.connection import read_through_upgraded_copy

    return read_through_upgraded_copy(path)


def refuse_unopenable(path: Path) -> None:
    """A folder, a FIFO or device (opening it would hang) or a file that is
    not SQLite: one clear line, before SQLite touches it."""
    from serjournal import messages
    from serjournal.errors import JournalError

    refuse_not_a_file(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise JournalError(
            messages.JOURNAL_UNREADABLE.format(path=path, reason=error.strerror or error)
        ) from None
    if header and header != SQLITE_HEADER:
        raise JournalError(messages.JOURNAL_NOT_SQLITE.format(path=path))


def refuse_not_a_file(path: Path) -> None:
    """A folder, a FIFO or a device where a journal file should be: one clear
    line. Restore, which rescues damaged journals, checks only this much."""
    from serjournal import messages
    from serjournal.errors import JournalError

    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise JournalError(
            messages.JOURNAL_UNREADABLE.format(path=path, reason=error.strerror or error)
        ) from None
    if stat.S_ISDIR(mode):
        raise JournalError(messages.JOURNAL_IS_DIRECTORY.format(path=path))
    if not stat.S_ISREG(mode):
        raise JournalError(messages.JOURNAL_NOT_A_FILE.format(path=path))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=busy_timeout_ms() / 1000, isolation_level=None)
    connection.execute("PRAGMA query_only = ON")  # belt and braces: this connection never writes
    return connection


def _applied_migrations(connection: sqlite3.Connection) -> list[str] | None:
    """The migrations recorded in an up-to-date journal of ours; None when it
    is not ours, or not up to date (the slow path decides what it is)."""
    connection.execute("BEGIN")  # one snapshot for both reads
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        try:
            rows = connection.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            ).fetchall()
        except sqlite3.OperationalError:  # no such table: not ours after all
            return None
        return [r[0] for r in rows]
    finally:
        connection.execute("COMMIT")
