"""Opening a journal file safely, to write to it.

Before SQLite touches a file we check it is ours: a directory, a FIFO,
another program's database or a file from a newer serjournal is refused with
a clear message and never modified. New journals are created 0600 in a 0700
folder, whatever path led to them; stray -wal/-shm files left by a journal
that is gone are moved aside first, so they cannot be replayed into it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from serjournal import messages, paths
from serjournal.errors import JournalError, JournalNotWritable
from serjournal.store import migrations
from serjournal.store.format import APPLICATION_ID, ENCRYPTED, busy_timeout_ms
from serjournal.store.reading import connect_journal, refuse_unopenable, still_the_file

COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


def open_journal(path: Path, *, create: bool = True) -> Database:
    """Open (and if needed create and upgrade) the journal at `path`."""
    created = _prepare_file(path, create)
    try:
        db = _connect(path)
        _check_owner_and_version(db, path)
        while not still_the_file(db.conn, path):  # encrypted or decrypted while we waited
            db.close()
            db = _connect(path)
            _check_owner_and_version(db, path)
        _upgrade(db)
    except sqlite3.DatabaseError as error:
        raise journal_error(error, path) from None
    if created:
        secure_journal_files(path)
    return db


def empty_journal() -> Database:
    """A new journal in memory: what reading commands look at when there is
    no journal file yet, so that looking never creates one."""
    db = Database(sqlite3.connect(":memory:", isolation_level=None), execute_plugins=False)
    migrations.migrations.apply(db)
    return db


def read_through_upgraded_copy(path: Path) -> sqlite3.Connection:
    """Reading a journal written by an older serjournal, without upgrading the
    file (reads never write): a copy in memory is upgraded and read instead.
    Foreign and newer files are refused as open_journal would."""
    try:
        source = connect_journal(path)
        source.execute("PRAGMA query_only = ON")
        try:
            _check_owner_and_version(Database(source, execute_plugins=False), path)
            if getattr(source, "library", None) == ENCRYPTED:
                from serjournal.store.cipher import plain_copy

                memory = plain_copy(source)  # SQLCipher backs up only to its own kind
            else:
                memory = sqlite3.connect(":memory:", isolation_level=None)
                source.backup(memory)
        finally:
            source.close()
        copy = Database(memory, execute_plugins=False)
        copy.execute("PRAGMA foreign_keys = ON")
        migrations.migrations.apply(copy)
    except sqlite3.DatabaseError as error:
        raise journal_error(error, path) from None
    return memory


def path_of(db: Database) -> Path:
    """The file an open journal connection writes to (for error messages)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else Path(":memory:")
    return Path("journal")


def _prepare_file(path: Path, create: bool) -> bool:
    """Check the file before SQLite opens it; True when it was created now."""
    if path.exists():
        refuse_unopenable(path)
        return path.stat().st_size == 0  # an empty file is a journal not yet made
    if path.is_dir():
        raise JournalError(messages.JOURNAL_IS_DIRECTORY.format(path=path))
    if not create:
        raise JournalError(messages.JOURNAL_MISSING.format(path=path))
    try:
        paths.ensure_private_dir(path.parent)
        set_aside_stray_companions(path)
        paths.create_journal_file(path)
    except OSError as error:
        raise JournalError(
            messages.JOURNAL_CANNOT_CREATE.format(path=path, reason=error.strerror or error)
        ) from None
    return True


def set_aside_stray_companions(path: Path, now: datetime | None = None) -> list[Path]:
    """-wal, -shm and -journal files beside a journal that does not exist are
    left from an older one: SQLite would replay them into the new file. They
    are renamed aside (never deleted) and the new names returned."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = []
    for suffix in COMPANION_SUFFIXES:
        stray = path.with_name(path.name + suffix)
        if os.path.lexists(stray) and not os.path.lexists(path):
            aside = paths.unused_name(stray.with_name(f"{stray.name}.stray-{stamp}"))
            os.replace(stray, aside)
            moved.append(aside)
    return moved


def secure_journal_files(path: Path) -> None:
    """The journal and its companions end 0600, whatever path led to them (a
    symlink to a new file, an empty file made under someone else's umask)."""
    real = Path(os.path.realpath(path))
    for candidate in (real, *(real.with_name(real.name + s) for s in COMPANION_SUFFIXES)):
        try:
            if os.stat(candidate).st_mode & 0o077:
                os.chmod(candidate, paths.PRIVATE_FILE_MODE)
        except OSError:
            continue


def _connect(path: Path) -> Database:
    timeout = busy_timeout_ms()
    # isolation_level=None (connect_journal's default): we open transactions
    # ourselves (write_transaction).
    conn = connect_journal(path)
    db = Database(conn, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {timeout}")
    db.execute("PRAGMA foreign_keys = ON")
    # FULL: a saved check-in survives a power cut, not only a crash.
    db.execute("PRAGMA synchronous = FULL")
    return db


def _check_owner_and_version(db: Database, path: Path) -> None:
    # One read transaction, so all three reads see the same moment: read one
    # by one, another process creating the journal in between made a fresh
    # journal look like "another program's database".
    db.execute("BEGIN")
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        has_tables = bool(db.table_names())
        applied = {m.name for m in migrations.migrations.applied(db)}
    finally:
        db.execute("COMMIT")
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and has_tables):
        raise JournalError(messages.JOURNAL_FOREIGN.format(path=path))
    unknown = applied - set(migrations.known_names())
    if unknown:
        raise JournalError(messages.JOURNAL_TOO_NEW.format(path=path))


def _upgrade(db: Database) -> None:
    if migrations.migrations.pending(db):
        with write_transaction(db):
            # Re-check under the write lock: another process may have upgraded.
            migrations.migrations.apply(db)
    # Checked on every open, not only after migrating: a process killed between
    # the two steps must not leave the journal out of WAL for good.
    _use_wal(db)


def _use_wal(db: Database) -> None:
    """WAL lets a review read while another terminal writes. Switching needs
    the file to itself and SQLite does not wait for that (no busy handler):
    when several processes open a new journal at once, retry until one of
    them has switched it, within the usual busy timeout."""
    deadline = time.monotonic() + busy_timeout_ms() / 1000
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return  # switched, or a file system without WAL: rollback mode works too
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


@contextmanager
def write_transaction(db: Database) -> Iterator[Database]:
    """BEGIN IMMEDIATE takes the write lock up front, so a busy journal makes
    us wait (busy timeout) instead of failing part way through."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def journal_error(error: sqlite3.Error, path: Path) -> JournalError:
    """The one-line error for a failed SQLite call on the journal at `path`.

    JournalNotWritable when the file is our journal but cannot be written just
    now (locked, read-only, disk full), so callers may keep answers beside it.
    Classified by SQLite's result code, not by the wording of its message.
    """
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # primary result code
    if code in _NOT_WRITABLE:
        return JournalNotWritable(_NOT_WRITABLE[code].format(path=path))
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return JournalError(messages.JOURNAL_CORRUPT.format(path=path))
    if code == sqlite3.SQLITE_CANTOPEN:
        return JournalError(messages.JOURNAL_UNREADABLE.format(path=path, reason=str(error)))
    return JournalError(messages.JOURNAL_ERROR.format(path=path, reason=str(error)))


_NOT_WRITABLE = {
    sqlite3.SQLITE_BUSY: messages.JOURNAL_LOCKED,
    sqlite3.SQLITE_LOCKED: messages.JOURNAL_LOCKED,
    sqlite3.SQLITE_READONLY: messages.JOURNAL_READ_ONLY,
    sqlite3.SQLITE_FULL: messages.DISK_FULL,
}
