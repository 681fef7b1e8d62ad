"""Backups with SQLite's online backup API, and restores that check first.

A backup is a consistent copy even while another terminal writes (the API
copies a snapshot), made through paths.private_output: 0600, whole or not at
all, never over an earlier backup or the journal. An encrypted journal's
backup is encrypted with the same key and salt (so its passphrase opens
it); a backup to age public keys (--to, or the config's recipients) holds
the journal as a plain SQLite file encrypted in memory to those keys, so a
machine can write backups it cannot read (transfer/age.py). A restore never deletes
anything: the backup is checked (SQLite header, integrity, serjournal's
application id, a schema this version knows), upgraded in memory, and then
store.writes.replace_contents swaps the journal's rows under one write lock,
keeping a copy of the journal as it was beside it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages, paths
from serjournal.errors import InputError, JournalError, JournalNotWritable
from serjournal.journal import Journal
from serjournal.store.format import APPLICATION_ID, ENCRYPTED, MIGRATION_NAMES, SQLITE_HEADER
from serjournal.store.reading import connect_journal, looks_encrypted

if TYPE_CHECKING:
    from serjournal.store.reading import Readable


def default_backup_path(journal: Journal, now: datetime | None = None) -> Path:
    """<journal folder>/backups/<name>-YYYYMMDD-HHMMSS.db"""
    return journal.backups_dir / f"{journal.path.stem}-{_stamp(now)}.db"


def backup(
    source: sqlite3.Connection,
    journal: Journal,
    target: Path | None = None,
    recipients: Sequence[str] = (),
) -> tuple[Path, int]:
    """Copy the journal (open for reading as `source`) to `target` (default:
    timestamped in the backups folder), 0600, never over an existing file;
    encrypted to the age `recipients` when there are any. Returns the path
    and how many check-ins it holds."""
    role = paths.Role.OUTPUT
    if recipients:
        from serjournal.transfer import age

        age.parse_recipients(recipients)  # a mistyped key is refused before any work
    if target is None:
        wanted = default_backup_path(journal)
        if recipients:
            wanted = wanted.with_name(wanted.name + age.SUFFIX)
        target = paths.unused_name(wanted)  # two backups in one second
        role = paths.Role.BACKUP
    try:
        if recipients:
            image, count = plain_image(source)
            sealed = age.encrypt_for_recipients(image, recipients)
            del image
            with paths.private_output(
                target, journal=journal, role=role, overwrite=False, binary=True
            ) as out:
                out.write(sealed)
        else:
            with paths.private_output(target, journal=journal, role=role, overwrite=False) as out:
                count = _copy(source, Path(out.name))
    except sqlite3.Error as error:
        raise JournalError(messages.BACKUP_FAILED.format(path=target, reason=error)) from None
    return target, count


def backup_image(source: sqlite3.Connection, recipients: Sequence[str] = ()) -> tuple[bytes, int]:
    """The backup as bytes, for `backup -` (standard output): a plain SQLite
    file, or sealed to the age `recipients`. An encrypted journal's backup
    must stay encrypted: without recipients it is refused, never written
    out plain. Returns the bytes and how many check-ins they hold."""
    if recipients:
        from serjournal.transfer import age

        age.parse_recipients(recipients)
    elif is_encrypted_connection(source):
        raise InputError(messages.BACKUP_STDOUT_ENCRYPTED)
    try:
        image, count = plain_image(source)
    except sqlite3.Error as error:
        raise JournalError(
            messages.BACKUP_FAILED.format(path="standard output", reason=error)
        ) from None
    if recipients:
        image = age.encrypt_for_recipients(image, recipients)
    return image, count


def plain_image(source: sqlite3.Connection) -> tuple[bytes, int]:
    """The journal open as `source`, as the bytes of a plain SQLite file made
    in memory (never on disk), and how many check-ins it holds."""
    if is_encrypted_connection(source):
        from serjournal.store.cipher import plain_copy

        memory = plain_copy(source)
    else:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        source.backup(memory)
    try:
        detail = memory.execute("PRAGMA quick_check").fetchone()[0]
        if detail != "ok":
            raise sqlite3.DatabaseError(detail)
        count = int(memory.execute("SELECT count(*) FROM checkins").fetchone()[0])
        return rollback_mode(memory.serialize()), count
    finally:
        memory.close()


def rollback_mode(image: bytes) -> bytes:
    """A database image whose header says WAL mode (a journal's does) marked
    as a plain rollback-journal file: SQLite can open it from memory, and
    whoever decrypts it gets one self-contained file."""
    if image[18:20] == b"\x02\x02":
        return image[:18] + b"\x01\x01" + image[20:]
    return image


def _copy(source: sqlite3.Connection, target: Path, journal_mode: str = "DELETE") -> int:
    """Online backup into the file `target`, checked. Backups use DELETE mode
    so each is one self-contained file. An encrypted journal's copy is
    encrypted with the same key and salt: nothing of it is ever plain on disk."""
    if is_encrypted_connection(source):
        from serjournal.store import cipher

        copy = cipher.connect(str(target))
        copy.execute(f"PRAGMA key = {cipher.key_literal(*cipher.key_and_salt(source))}")
    else:
        copy = sqlite3.connect(str(target), isolation_level=None)
    try:
        source.backup(copy)
        copy.execute(f"PRAGMA journal_mode = {journal_mode}")
        detail = copy.execute("PRAGMA quick_check").fetchone()[0]
        if detail != "ok":
            raise sqlite3.DatabaseError(detail)
        return int(copy.execute("SELECT count(*) FROM checkins").fetchone()[0])
    finally:
        copy.close()


@dataclass
class Restored:
    count: int
    aside: Path | None  # where a copy of the journal as it was is, if there was one


def restore(
    source: Path, journal: Journal, now: datetime | None = None, identity: Path | None = None
) -> Restored:
    """Replace the journal's contents with the backup `source` after checking it
    (an age-encrypted backup is decrypted in memory with the `identity` file).

    A journal too damaged to open is renamed aside with its -wal/-shm files
    and a new one made; otherwise a copy of it is kept aside, taken under the
    same write lock that the replacement holds to its end."""
    from serjournal.store.connection import open_journal
    from serjournal.store.reading import refuse_not_a_file
    from serjournal.store.writes import replace_contents

    if journal.exists() and _same_file(source, journal.path):
        raise InputError(messages.RESTORE_IS_JOURNAL.format(path=source))
    if journal.exists():
        # A damaged journal is renamed aside, but never a folder, pipe or device.
        refuse_not_a_file(journal.path)
    upgraded = _checked_and_upgraded(source, identity)
    aside: Path | None = None
    try:
        if journal.exists() and not _opens(journal):
            aside = _rename_aside(journal, now)
        live = open_journal(journal.path)
        had_entries = journal_has_rows(live)

        def keep_aside() -> None:
            nonlocal aside
            if had_entries:
                aside = _copy_aside(journal, now)

        try:
            count = replace_contents(live, upgraded, keep_aside)
        finally:
            live.close()
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or error
        raise JournalError(messages.RESTORE_FAILED.format(path=source, reason=reason)) from None
    finally:
        upgraded.close()
    return Restored(count, aside)


def is_encrypted_connection(connection: object) -> bool:
    return getattr(connection, "library", None) == ENCRYPTED


def journal_has_rows(db: Readable) -> bool:
    """Anything worth keeping a copy of: a check-in, or something in the trash."""
    return bool(
        db.execute(
            "SELECT EXISTS (SELECT 1 FROM checkins) OR EXISTS (SELECT 1 FROM trash)"
        ).fetchone()[0]
    )


def _checked_and_upgraded(source: Path, identity: Path | None = None) -> sqlite3.Connection:
    """The backup, checked, as an in-memory journal of this version's schema."""
    from sqlite_utils import Database

    from serjournal.store import migrations

    memory = open_backup(source, identity)
    try:
        migrations.migrations.apply(Database(memory, execute_plugins=False))
    except BaseException:
        memory.close()
        raise
    return memory


def open_backup(source: Path, identity: Path | None = None) -> sqlite3.Connection:
    """A checked backup, whatever its kind (plain, encrypted like a journal,
    or encrypted to an age key), as a plain database in memory."""
    kind = _backup_kind(source)
    if identity is not None and kind != "age":
        raise InputError(messages.AGE_IDENTITY_NOT_NEEDED.format(path=source))
    if kind == "age":
        if identity is None:
            raise InputError(messages.AGE_NEEDS_IDENTITY.format(path=source))
        from serjournal.transfer.age import decrypt_file

        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            memory.deserialize(rollback_mode(decrypt_file(source, identity)))
            _verify(memory, source)
        except sqlite3.DatabaseError as error:
            memory.close()
            raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=error)) from None
        except BaseException:
            memory.close()
            raise
        return memory
    if kind == "encrypted":
        from serjournal.store import cipher

        reader = cipher.open_encrypted_file(source)
        try:
            _verify(reader, source)
            return cipher.plain_copy(reader)
        except sqlite3.DatabaseError as error:
            raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=error)) from None
        finally:
            reader.close()
    verify_backup(source)
    memory = sqlite3.connect(":memory:", isolation_level=None)
    reader = _open_read_only(source)
    try:
        reader.backup(memory)
    finally:
        reader.close()
    return memory


def _backup_kind(source: Path) -> str:
    """ "plain" (or not SQLite at all: verify_backup says which), "encrypted"
    (SQLCipher, like an encrypted journal) or "age"."""
    from serjournal.transfer.age import is_age

    if source.is_dir():
        raise InputError(messages.RESTORE_IS_DIRECTORY.format(path=source))
    if not source.exists():
        raise InputError(messages.RESTORE_MISSING.format(path=source))
    try:
        size = source.stat().st_size
        with source.open("rb") as handle:
            header = handle.read(64)
    except OSError as error:
        raise InputError(
            messages.FILE_UNREADABLE.format(path=source, reason=error.strerror or error)
        ) from None
    if is_age(header):
        return "age"
    if looks_encrypted(header[: len(SQLITE_HEADER)], size):
        return "encrypted"
    return "plain"


def _opens(journal: Journal) -> bool:
    """Whether the journal opens; False only when it is damaged. Locked by
    another program (or read-only, or the disk full) is not damaged: that
    refusal is raised, so a journal someone else is using is never set aside."""
    from serjournal.store.connection import open_journal

    try:
        open_journal(journal.path, create=False).close()
    except JournalNotWritable:
        raise
    except JournalError:
        return False
    return True


def _copy_aside(journal: Journal, now: datetime | None) -> Path:
    """A copy of the journal as it is, by a second connection (a reader, which
    WAL lets read while the restore holds the write lock)."""
    target = _aside_path(journal, now)
    reader = connect_journal(journal.path)
    try:
        with paths.private_output(target, journal=journal, overwrite=False) as out:
            _copy(reader, Path(out.name))
    finally:
        reader.close()
    return target


def verify_backup(source: Path) -> None:
    """Refuse anything that is not an intact serjournal journal we can read."""
    if source.is_dir():
        raise InputError(messages.RESTORE_IS_DIRECTORY.format(path=source))
    if not source.exists():
        raise InputError(messages.RESTORE_MISSING.format(path=source))
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise InputError(messages.RESTORE_NOT_SQLITE.format(path=source))
    try:
        conn = _open_read_only(source)
        try:
            _verify(conn, source)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=error)) from None


def _verify(conn: sqlite3.Connection, source: Path) -> None:
    """Intact, ours, and of a schema this version knows."""
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    if [r[0] for r in rows] != ["ok"]:
        raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=rows[0][0]))
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise InputError(messages.RESTORE_FOREIGN.format(path=source))
    applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    if applied - set(MIGRATION_NAMES):
        raise InputError(messages.RESTORE_TOO_NEW.format(path=source))


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _aside_path(journal: Journal, now: datetime | None) -> Path:
    name = f"{journal.path.stem}-before-restore-{_stamp(now)}{journal.path.suffix}"
    return paths.unused_name(journal.path.with_name(name))


def _rename_aside(journal: Journal, now: datetime | None) -> Path:
    """A journal SQLite cannot open keeps its bytes: renamed, with its -wal and
    -shm (a WAL journal's recent writes live there), never deleted."""
    aside = _aside_path(journal, now)
    os.replace(journal.path, aside)
    for suffix in ("-wal", "-shm"):
        side = journal.path.with_name(journal.path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    return aside


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
