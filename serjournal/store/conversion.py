"""`serjournal encrypt` and `decrypt`: the journal rewritten into a new file
that replaces it, with never a moment when it is not whole.

Encryption is a property of the whole file, so unlike every other change
(store/writes.py, which changes rows) this one replaces the file. In order:

1. The journal is opened through SQLCipher (the only library that can copy
   between a plain and an encrypted database) and taken for this process
   alone: out of WAL mode, which SQLite allows only when no other
   connection has the file open, and held with an exclusive lock
   (locking_mode EXCLUSIVE) until the end. Another terminal that has it
   open makes the conversion stop at once, untouched; one that opens it
   meanwhile waits for the lock, then finds that the path names a new file
   and starts again on that one (reading.still_the_file), so its save
   lands in the converted journal.
2. sqlcipher_export writes everything into a new file beside it, which is
   then checked on its own: SQLite's integrity check, the full-text
   index's, and the number of rows of every table, against the journal.
3. The new file is synced and renamed over the journal: a rename is atomic,
   so a kill at any moment leaves either the old journal, whole and in its
   place (and at most an unfinished temporary file, never used), or the new
   one. The old journal stays in its place until that rename.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages, paths
from serjournal.errors import InputError, JournalError
from serjournal.store.format import ENCRYPTED, busy_timeout_ms
from serjournal.store.reading import connect_journal, encryption_salt, still_the_file

if TYPE_CHECKING:
    from serjournal.journal import Journal


UNFINISHED = ".converting"  # the suffix of the new file while it is made


@dataclass
class Converted:
    count: int  # check-ins in the converted journal
    salt: bytes | None  # the new file's salt, when it is encrypted


def encrypt(journal: Journal, passphrase: str) -> Converted:
    """Replace the plain journal by an encrypted copy whose key is derived
    from `passphrase`, exactly as SQLCipher 4 derives it."""
    from serjournal import keys
    from serjournal.store import cipher

    if encryption_salt(journal.path) is not None:
        raise InputError(messages.ENCRYPT_ALREADY.format(path=journal.path))
    salt = cipher.new_salt()
    key = keys.derive(passphrase, salt)
    count = _convert(journal, key, salt)
    keys.remember_unlocked(salt, key)
    return Converted(count, salt)


def decrypt(journal: Journal) -> Converted:
    """Replace the encrypted journal by a plain copy."""
    if encryption_salt(journal.path) is None:
        raise InputError(messages.DECRYPT_ALREADY.format(path=journal.path))
    return Converted(_convert(journal, None, None), None)


def _convert(journal: Journal, key: bytes | None, salt: bytes | None) -> int:
    from serjournal.store.cipher import export_into
    from serjournal.store.connection import open_journal

    open_journal(journal.path, create=False).close()  # upgraded first, by the usual path
    real = journal.real_path
    lock = connect_journal(journal.path, library=ENCRYPTED)
    temporary: Path | None = None
    try:
        _take_alone(lock, journal.path)
        _remove_unfinished(real)
        before = _tally(lock, "main")
        temporary = _new_file_beside(real)
        export_into(lock, temporary, key, salt)
        after = _check_new_file(temporary, key)
        if after != before:
            raise JournalError(
                messages.CONVERT_CHECK_FAILED.format(detail=_difference(before, after))
            )
        _sync(temporary)
        # Our own leftovers beside the journal: the zeroed rollback journal that
        # leaving WAL mode made, and a stale -shm; nothing else has the file open.
        for suffix in ("-journal", "-shm"):
            real.with_name(real.name + suffix).unlink(missing_ok=True)
        os.replace(temporary, real)
        temporary = None
        paths.fsync_dir(real.parent)
    except sqlite3.Error as error:
        raise JournalError(
            messages.CONVERT_FAILED.format(path=journal.path, reason=error)
        ) from None
    except OSError as error:
        reason = error.strerror or error
        raise JournalError(
            messages.CONVERT_FAILED.format(path=journal.path, reason=reason)
        ) from None
    finally:
        lock.close()
        if temporary is not None:
            temporary.unlink(missing_ok=True)
    return before["checkins"]


def _take_alone(lock: sqlite3.Connection, path: Path) -> None:
    """Hold the journal for this connection alone until it closes. Leaving WAL
    mode needs every other connection gone, and SQLite does not wait for
    that: retry within the usual busy timeout, then give up untouched."""
    lock.execute("PRAGMA locking_mode = EXCLUSIVE")
    deadline = time.monotonic() + busy_timeout_ms() / 1000
    while True:
        try:
            lock.execute("PRAGMA journal_mode = DELETE").fetchone()
            lock.execute("BEGIN EXCLUSIVE")
            lock.execute("COMMIT")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() > deadline:
                raise JournalError(messages.CONVERT_IN_USE.format(path=path)) from None
            time.sleep(0.02)
    if not still_the_file(lock, path):  # converted by another terminal just now
        raise JournalError(messages.CONVERT_IN_USE.format(path=path))


def _tally(connection: sqlite3.Connection, schema: str) -> dict[str, int]:
    """Rows in every table, and the two header numbers: what a faithful copy
    has exactly as many of."""
    names = [
        r[0]
        for r in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]
    tally = {
        name: int(connection.execute(f"SELECT count(*) FROM {schema}.[{name}]").fetchone()[0])
        for name in names
    }
    for number in ("application_id", "user_version"):
        tally[f"PRAGMA {number}"] = int(
            connection.execute(f"PRAGMA {schema}.{number}").fetchone()[0]
        )
    tally.setdefault("checkins", 0)
    return tally


def _check_new_file(path: Path, key: bytes | None) -> dict[str, int]:
    """Open the new file on its own (with its key) and check it whole."""
    from serjournal.store import cipher

    check = cipher.connect(str(path))
    try:
        if key is not None:
            check.execute(f"PRAGMA key = {cipher.key_literal(key)}")
        problems = [r[0] for r in check.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise JournalError(messages.CONVERT_CHECK_FAILED.format(detail=problems[0]))
        for (table,) in check.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).fetchall():
            check.execute(f"INSERT INTO [{table}] ([{table}]) VALUES ('integrity-check')")
        return _tally(check, "main")
    finally:
        check.close()


def _difference(before: dict[str, int], after: dict[str, int]) -> str:
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            return f"{name}: {before.get(name)} rows, the copy {after.get(name)}"
    return "unknown"


def _remove_unfinished(real: Path) -> None:
    """Temporary files of conversions killed part way (never used: the journal
    stays in its place until a finished one is renamed over it). Only called
    with the journal held alone, so no other conversion is writing them."""
    for stale in real.parent.glob(f".{real.name}.*{UNFINISHED}"):
        stale.unlink(missing_ok=True)


def _new_file_beside(real: Path) -> Path:
    """An empty private file in the journal's folder (so the rename stays on
    one file system), named so no one mistakes it for a journal."""
    fd, name = tempfile.mkstemp(prefix=f".{real.name}.", suffix=UNFINISHED, dir=real.parent)
    os.close(fd)
    return Path(name)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
