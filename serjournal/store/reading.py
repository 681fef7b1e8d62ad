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
from typing import Any, Protocol, cast

from serjournal.store.format import (
    APPLICATION_ID,
    ENCRYPTED,
    MIGRATION_NAMES,
    MIGRATION_SET,
    PLAIN,
    SQLITE_HEADER,
    busy_timeout_ms,
)


class TrackedConnection:
    """What every connection serjournal opens on a journal file does, plain
    (JournalConnection) or encrypted (store/cipher.py): it remembers, for the
    life of the process, which files have a connection open and through
    which SQLite library. Reading such a file with plain open()/close() (to
    check its header) would drop every POSIX lock SQLite holds on it for this
    process, and a second terminal could then checkpoint and delete the WAL
    under us (SQLite's "How To Corrupt" 2.2). refuse_unopenable skips its
    header check for a file that is already open through SQLite: it is known
    to be ours. Two SQLite libraries (the standard one and SQLCipher's) must
    never have the same file open at once in one process, for the same
    reason (2.2.1): connect_journal refuses that.
    """

    _file: tuple[int, int] | None = None
    library = PLAIN

    def track(self, path: Path, salt: bytes | None = None) -> None:
        self._file = _identity(path)
        if self._file is not None:
            count, _library, _salt = _OPEN.get(self._file, (0, self.library, salt))
            _OPEN[self._file] = (count + 1, self.library, salt)

    def close(self) -> None:
        self._forget()
        super().close()  # type: ignore[misc]  # the SQLite connection class mixed in after

    def __del__(self) -> None:
        self._forget()

    def _forget(self) -> None:
        file, self._file = getattr(self, "_file", None), None
        if file is not None and file in _OPEN:
            count, library, salt = _OPEN[file]
            if count > 1:
                _OPEN[file] = (count - 1, library, salt)
            else:
                del _OPEN[file]


class JournalConnection(TrackedConnection, sqlite3.Connection):
    """A connection to a plain journal, through Python's own sqlite3."""


# (device, inode) -> (connections open in this process, their library, the
# file's salt when it is encrypted)
_OPEN: dict[tuple[int, int], tuple[int, str, bytes | None]] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def connect_journal(
    path: Path, *, mode: str | None = None, library: str | None = None
) -> sqlite3.Connection:
    """A connection to the journal file at `path` (see TrackedConnection);
    `mode` "rw" opens an existing file without ever creating one.

    An encrypted journal (its first bytes are not SQLite's header) opens
    through SQLCipher with its key (store/cipher.py, serjournal/keys.py);
    nothing of the encrypted extra is imported for a plain one. `library`
    ENCRYPTED opens a plain file through SQLCipher too (encrypt needs its
    sqlcipher_export)."""
    for _attempt in range(5):
        before = _identity(path)
        connection = _connect_once(path, mode, library)
        if getattr(connection, "_file", None) == before:
            return connection
        connection.close()  # the file was replaced (encrypt, decrypt) as we opened it
    from serjournal import messages
    from serjournal.errors import JournalError

    raise JournalError(messages.JOURNAL_LOCKED.format(path=path))


def still_the_file(connection: object, path: Path) -> bool:
    """Whether `path` still names the file `connection` opened. `serjournal
    encrypt` and `decrypt` replace the journal file with another while they
    hold it locked: a command that opened it just before, and waited for the
    lock, must start again on the new file, never write to the old one
    (whose -wal or -journal file would then sit beside the new file)."""
    opened = getattr(connection, "_file", None)
    return opened is None or opened == _identity(path)


def _connect_once(path: Path, mode: str | None, library: str | None) -> sqlite3.Connection:
    salt: bytes | None
    target, uri = str(path), False
    if mode is not None:
        target, uri = f"{path.resolve().as_uri()}?mode={mode}", True
    identity = _identity(path)
    if identity in _OPEN:
        _count, open_library, salt = _OPEN[identity]
        if library is not None and library != open_library:
            raise RuntimeError(f"{path} is already open through the other SQLite library")
        library = open_library
    else:
        salt = encryption_salt(path)
        if salt is not None:
            library = ENCRYPTED
    if library == ENCRYPTED:
        from serjournal.store import cipher

        return cipher.connect_file(path, target, uri=uri, salt=salt)
    connection = sqlite3.connect(
        target,
        timeout=busy_timeout_ms() / 1000,
        isolation_level=None,  # transactions are begun explicitly (write_transaction)
        uri=uri,
        factory=JournalConnection,
    )
    cast(JournalConnection, connection).track(path)
    return connection


def encryption_salt(path: Path) -> bytes | None:
    """The salt an SQLCipher journal begins with (its first 16 bytes), or
    None for a plain, empty or missing one. Never reads a file this process
    has open through SQLite (see TrackedConnection)."""
    identity = _identity(path)
    if identity is None:
        return None
    if identity in _OPEN:
        return _OPEN[identity][2]
    try:
        found = _header_and_size(path)
    except OSError:
        return None
    return found[0] if found is not None and looks_encrypted(*found) else None


def _header_and_size(path: Path) -> tuple[bytes, int] | None:
    """The file's first bytes (as many as SQLite's header) and its size; None
    for a FIFO or device, which opening would hang (callers refuse it). The
    caller makes sure SQLite does not have the file open (TrackedConnection)."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        return None
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)), info.st_size


def looks_encrypted(header: bytes, size: int) -> bool:
    """SQLCipher keeps nothing readable: a random salt, then whole encrypted
    pages (a power of two of at least 512 bytes each). A text file or a
    truncated database does not look like that."""
    return (
        len(header) == len(SQLITE_HEADER)
        and header != SQLITE_HEADER
        and size >= 512
        and size % 512 == 0
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
    connection = open_if_current(path)
    if connection is not None:
        return connection
    # Not the common case: the full check, which explains foreign or newer files.
    from serjournal.store.connection import read_through_upgraded_copy

    return read_through_upgraded_copy(path)


def open_if_current(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the journal at `path` when it is ours and
    fully upgraded, with the standard library only; None when there is no
    journal, or it is a version behind, foreign or newer (the callers then
    take the slower way, which upgrades or explains). Damaged or not SQLite
    at all: JournalError."""
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
    if not still_the_file(connection, path):  # encrypted or decrypted while we waited
        connection.close()
        return open_if_current(path)
    if applied == list(MIGRATION_NAMES):
        return connection
    connection.close()
    return None


def refuse_unopenable(path: Path) -> None:
    """A folder, a FIFO or device (opening it would hang) or a file that is
    neither SQLite nor an encrypted journal (store/cipher.py): one clear
    line, before SQLite touches it."""
    from serjournal import messages
    from serjournal.errors import JournalError

    refuse_not_a_file(path)
    if _identity(path) in _OPEN:
        return  # already open through SQLite in this process: ours, and not to be touched
    try:
        found = _header_and_size(path)
    except OSError as error:
        raise JournalError(
            messages.JOURNAL_UNREADABLE.format(path=path, reason=error.strerror or error)
        ) from None
    if found is None:
        return
    header, size = found
    if header and header != SQLITE_HEADER and not looks_encrypted(header, size):
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
    connection = connect_journal(path)
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
