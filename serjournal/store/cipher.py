"""Encrypted journals: SQLCipher under the same store code.

Only imported for a journal that is encrypted (or being converted), so a
plain journal never loads the `encrypted` extra. The binding is sqlcipher3
(SQLCipher 4, with wheels for Linux, macOS and Windows that bundle the
library). Its connections behave like the standard library's, with two
differences this module hides from the rest of the store:

- its exceptions are its own classes, so EncryptedJournalConnection turns
  each into the standard sqlite3 class of the same name (result code kept):
  every `except sqlite3.Error` in store/ and sqlite-utils goes on working;
- SQLCipher refuses the online backup API between an encrypted and a plain
  database, so plain_copy() copies an encrypted journal into an in-memory
  standard-library database table by table.

The key is always given raw (`x'...'`), derived once per command from the
passphrase with SQLCipher 4's own derivation (serjournal/keys.py): the file
stays a standard SQLCipher 4 database that `sqlcipher` opens with
`PRAGMA key = 'passphrase'`, and opening a second connection costs no
second derivation.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from serjournal import messages
from serjournal.errors import JournalError
from serjournal.store.format import ENCRYPTED, busy_timeout_ms
from serjournal.store.reading import TrackedConnection

if TYPE_CHECKING:
    from types import ModuleType

SALT_BYTES = 16
KEY_BYTES = 32
# SQLCipher 4's defaults, which this module relies on: a passphrase is
# turned into the key by PBKDF2-HMAC-SHA512 over the file's salt.
KDF_ITERATIONS = 256_000
FORMAT = "SQLCipher 4"

F = TypeVar("F", bound=Callable[..., Any])


def require() -> None:
    """JournalError (install the extra) when SQLCipher is not there."""
    _dbapi()


def available() -> bool:
    try:
        _dbapi()
    except JournalError:
        return False
    return True


@functools.cache
def _dbapi() -> ModuleType:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise JournalError(messages.ENCRYPTED_NEEDS_EXTRA) from None
    quiet = dbapi2.connect(":memory:")
    try:
        # SQLCipher logs a failed key to stderr by default; our one line says it.
        quiet.execute("PRAGMA cipher_log_level = NONE")
    finally:
        quiet.close()
    return cast("ModuleType", dbapi2)


def translated(error: Exception) -> sqlite3.Error:
    """The standard library's exception of the same kind, result code kept."""
    kind = getattr(sqlite3, type(error).__name__, None)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    plain = kind(*error.args)
    plain.sqlite_errorcode = int(getattr(error, "sqlite_errorcode", 0) or 0)
    plain.sqlite_errorname = str(getattr(error, "sqlite_errorname", "") or "")
    return plain


def _translating(method: F) -> F:
    error_class = _dbapi().Error

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except error_class as error:
            raise translated(error) from None

    return cast(F, wrapper)


@functools.cache
def _classes() -> tuple[type, type]:
    dbapi = _dbapi()
    base_cursor, base_connection = dbapi.Cursor, dbapi.Connection
    wrap = _translating

    class EncryptedCursor(base_cursor):  # type: ignore[misc, valid-type]
        execute = wrap(base_cursor.execute)
        executemany = wrap(base_cursor.executemany)
        executescript = wrap(base_cursor.executescript)
        fetchone = wrap(base_cursor.fetchone)
        fetchmany = wrap(base_cursor.fetchmany)
        fetchall = wrap(base_cursor.fetchall)
        __next__ = wrap(base_cursor.__next__)

    class EncryptedJournalConnection(TrackedConnection, base_connection):  # type: ignore[misc, valid-type]
        """A connection through SQLCipher that raises the standard library's
        exceptions, so the store code is the same for both kinds of journal."""

        library = ENCRYPTED

        def cursor(self, factory: type = EncryptedCursor) -> Any:
            return base_connection.cursor(self, factory)

        execute = wrap(base_connection.execute)
        executemany = wrap(base_connection.executemany)
        executescript = wrap(base_connection.executescript)
        commit = wrap(base_connection.commit)
        rollback = wrap(base_connection.rollback)
        backup = wrap(base_connection.backup)

        def close(self) -> None:
            self._forget()
            wrap(base_connection.close)(self)

    return EncryptedJournalConnection, EncryptedCursor


def connect(target: str, *, uri: bool = False) -> sqlite3.Connection:
    """An SQLCipher connection (untracked: for files that are not a journal's
    own, such as a backup being written, or for memory)."""
    connection_class, _cursor = _classes()
    try:
        connection = _dbapi().connect(
            target,
            timeout=busy_timeout_ms() / 1000,
            isolation_level=None,
            uri=uri,
            factory=connection_class,
        )
    except _dbapi().Error as error:
        raise translated(error) from None
    return cast(sqlite3.Connection, connection)


def connect_file(path: Path, target: str, *, uri: bool, salt: bytes | None) -> sqlite3.Connection:
    """connect_journal's encrypted path: a tracked connection to the journal
    file at `path`, unlocked with its key when it is encrypted (`salt`)."""
    connection = connect(target, uri=uri)
    cast(TrackedConnection, connection).track(path, salt)
    if salt is None:
        return connection  # a plain journal opened through SQLCipher, to convert it
    from serjournal import keys

    key, source = keys.key_for(path, salt)
    try:
        unlock(connection, key, salt, path=path, source=source)
    except BaseException:
        connection.close()
        raise
    return connection


def unlock(
    connection: sqlite3.Connection, key: bytes, salt: bytes, *, path: Path, source: str
) -> None:
    """Give `connection` its key, and check it opens the file: a wrong key
    (or a format this SQLCipher does not know) is one line, nothing touched."""
    from serjournal import keys

    connection.execute(f"PRAGMA key = {key_literal(key)}")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection._serjournal_key = key  # type: ignore[attr-defined]  # for its backups
        connection._serjournal_salt = salt  # type: ignore[attr-defined]
    except sqlite3.DatabaseError as error:
        code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
        if code != sqlite3.SQLITE_NOTADB:
            raise
        keys.forget(salt)
        raise JournalError(keys.wrong_key_message(path, source)) from None


def key_and_salt(connection: sqlite3.Connection) -> tuple[bytes, bytes]:
    """The key and salt an encrypted journal connection was unlocked with."""
    return connection._serjournal_key, connection._serjournal_salt  # type: ignore[attr-defined]


def open_encrypted_file(path: Path) -> sqlite3.Connection:
    """An encrypted file that is not the journal (a backup), read-only, with
    its key: the journal's when it is a backup of it (same salt), else asked
    the usual way."""
    from serjournal import keys

    with path.open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    connection = connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        key, source = keys.key_for(path, salt)
        unlock(connection, key, salt, path=path, source=source)
    except BaseException:
        connection.close()
        raise
    return connection


def key_literal(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's raw key syntax: x'KEY' (the file's own salt), or
    x'KEYSALT' to make a new file with the given salt."""
    if len(key) != KEY_BYTES or (salt is not None and len(salt) != SALT_BYTES):
        raise ValueError("an SQLCipher raw key is 32 bytes, its salt 16")
    return f"\"x'{key.hex()}{salt.hex() if salt else ''}'\""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


# --- Copies ----------------------------------------------------------------------------


def export_into(
    connection: sqlite3.Connection, target: Path, key: bytes | None, salt: bytes | None
) -> None:
    """Write the whole database of `connection` (an SQLCipher connection) into
    the new file `target`, encrypted with `key` and `salt`, or plain when key
    is None: SQLCipher's sqlcipher_export, plus the two header numbers it
    does not copy. The target has no rollback journal: a file that is not
    finished is thrown away, never used."""
    literal = key_literal(key, salt) if key is not None else "''"
    connection.execute(f"ATTACH DATABASE ? AS converted KEY {literal}", [str(target)])
    try:
        connection.execute("PRAGMA converted.locking_mode = NORMAL")
        connection.execute("PRAGMA converted.journal_mode = OFF")
        connection.execute("PRAGMA converted.synchronous = FULL")
        connection.execute("SELECT sqlcipher_export('converted')")
        for number in ("application_id", "user_version"):
            value = int(connection.execute(f"PRAGMA main.{number}").fetchone()[0])
            connection.execute(f"PRAGMA converted.{number} = {value}")
    finally:
        connection.execute("DETACH DATABASE converted")


def encrypted_backup(source: sqlite3.Connection, target: Path, key: bytes, salt: bytes) -> None:
    """An online backup of the encrypted journal `source` into the new file
    `target`, with the same key and salt (so the passphrase opens it too).
    SQLCipher allows the backup API between databases keyed alike."""
    copy = connect(str(target))
    try:
        copy.execute(f"PRAGMA key = {key_literal(key, salt)}")
        source.backup(copy)
    finally:
        copy.close()


def plain_copy(source: sqlite3.Connection) -> sqlite3.Connection:
    """The database of `source` (an SQLCipher connection), copied into an
    in-memory database of the standard library, never touching the disk:
    tables and virtual tables first, then every row (full-text shadow tables
    included, so the index needs no rebuild), then indexes and triggers,
    and the header numbers. One read transaction: a consistent snapshot."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    source.execute("BEGIN")
    try:
        shadow = {row[1] for row in source.execute("PRAGMA main.table_list") if row[2] == "shadow"}
        schema = source.execute(
            "SELECT type, name, sql FROM main.sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
        ).fetchall()
        memory.execute("BEGIN")
        tables = []
        for kind, name, sql in schema:
            if kind != "table" or name.startswith("sqlite_") or name in shadow:
                continue
            memory.execute(sql)
            if not sql.upper().startswith("CREATE VIRTUAL TABLE"):
                tables.append(name)
        for kind, name, sql in schema:
            if kind == "table" and name in shadow:
                if not _exists(memory, name):
                    memory.execute(sql)
                memory.execute(f"DELETE FROM [{name}]")
                tables.append(name)
        if any(name == "sqlite_sequence" for _k, name, _s in schema):
            tables.append("sqlite_sequence")
        for name in tables:
            _copy_rows(source, memory, name)
        for kind, _name, sql in schema:
            if kind in ("index", "trigger", "view"):
                memory.execute(sql)
        for number in ("application_id", "user_version"):
            value = int(source.execute(f"PRAGMA main.{number}").fetchone()[0])
            memory.execute(f"PRAGMA {number} = {value}")
        memory.execute("COMMIT")
    finally:
        source.execute("COMMIT")
    return memory


def _exists(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone()
    return row is not None


def _copy_rows(source: sqlite3.Connection, target: sqlite3.Connection, table: str) -> None:
    columns = [r[1] for r in source.execute(f"PRAGMA main.table_info([{table}])")]
    if not columns:
        return
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" * len(columns))
    if table == "sqlite_sequence":
        target.execute("DELETE FROM sqlite_sequence")
    cursor = source.execute(f"SELECT {names} FROM main.[{table}]")
    while rows := cursor.fetchmany(500):
        target.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", rows)
