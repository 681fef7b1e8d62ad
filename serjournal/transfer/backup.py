"""Backups with SQLite's online backup API, and restores that check first.

A backup is a consistent copy even while another terminal writes (the API
copies a snapshot). A restore never deletes anything: the current journal is
kept aside under a timestamped name, and only a file that passes every check
(SQLite header, integrity check, serjournal's application id, a schema this
version knows) takes its place.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from serjournal import messages, paths
from serjournal.errors import InputError, JournalError
from serjournal.store import migrations
from serjournal.store.connection import SQLITE_HEADER, open_journal

BACKUP_FOLDER = "backups"
SIDE_FILES = ("-wal", "-shm")


def default_backup_path(journal: Path, now: datetime | None = None) -> Path:
    """<journal folder>/backups/<name>-YYYYMMDD-HHMMSS.db"""
    return journal.parent / BACKUP_FOLDER / f"{journal.stem}-{_stamp(now)}.db"


def backup(db: Database, journal: Path, target: Path | None = None) -> tuple[Path, int]:
    """Copy the open journal to `target` (default: timestamped), 0600.
    Returns the path and how many check-ins it holds."""
    if target is None:
        target = _unused(default_backup_path(journal))  # two backups in one second
    if target.exists():
        raise InputError(messages.BACKUP_EXISTS.format(path=target))
    if _same_file(target, journal):
        raise InputError(messages.BACKUP_EXISTS.format(path=target))
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        paths.ensure_private_dir(target.parent)
        temporary.unlink(missing_ok=True)
        paths.create_private_file(temporary)
        count = _copy(db.conn, temporary)
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as error:
        temporary.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or error
        raise JournalError(messages.BACKUP_FAILED.format(path=target, reason=reason)) from None
    return target, count


def _copy(source: sqlite3.Connection, target: Path, journal_mode: str = "DELETE") -> int:
    """Online backup into `target`, checked. Backups use DELETE mode so each is
    one self-contained file; a restored journal goes back to WAL."""
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
    aside: Path | None  # where the previous journal now is, if there was one


def restore(source: Path, journal: Path, now: datetime | None = None) -> Restored:
    """Replace the journal with the backup `source` after checking it.

    The current journal is first copied aside (online backup, so a terminal
    that has it open loses nothing), then overwritten in place by the backup
    API, which takes SQLite's locks like any writer. A journal too damaged to
    open is instead renamed aside with its -wal/-shm files. Nothing is deleted.
    """
    if journal.exists() and _same_file(source, journal):
        raise InputError(messages.RESTORE_IS_JOURNAL.format(path=source))
    verify_backup(source)
    live = _open_if_healthy(journal)
    try:
        if live is None:
            aside = _rename_aside(journal, now) if journal.exists() else None
            count = _restore_into_new_file(source, journal)
        else:
            aside = _copy_aside(live, journal, now)
            count = _restore_in_place(source, live)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or error
        raise JournalError(messages.RESTORE_FAILED.format(path=source, reason=reason)) from None
    finally:
        if live is not None:
            live.close()
    open_journal(journal).close()  # upgrades a backup made by an older version
    return Restored(count, aside)


def _open_if_healthy(journal: Path) -> Database | None:
    if not journal.exists():
        return None
    try:
        return open_journal(journal, create=False)
    except JournalError:
        return None


def _copy_aside(live: Database, journal: Path, now: datetime | None) -> Path:
    aside = _aside_path(journal, now)
    paths.create_private_file(aside)
    try:
        _copy(live.conn, aside)
    except BaseException:
        aside.unlink(missing_ok=True)  # only our own incomplete copy
        raise
    return aside


def _restore_in_place(source: Path, live: Database) -> int:
    reader = _open_read_only(source)
    try:
        reader.backup(live.conn)  # one transaction: all pages or none
    finally:
        reader.close()
    return int(live.execute("SELECT count(*) FROM checkins").fetchone()[0])


def _restore_into_new_file(source: Path, journal: Path) -> int:
    temporary = journal.with_name(f".{journal.name}.restore.{os.getpid()}.tmp")
    try:
        paths.ensure_private_dir(journal.parent)
        temporary.unlink(missing_ok=True)
        paths.create_private_file(temporary)
        reader = _open_read_only(source)
        try:
            count = _copy(reader, temporary, journal_mode="WAL")
        finally:
            reader.close()
        os.replace(temporary, journal)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


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
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if [r[0] for r in rows] != ["ok"]:
                raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=rows[0][0]))
            if conn.execute("PRAGMA application_id").fetchone()[0] != migrations.APPLICATION_ID:
                raise InputError(messages.RESTORE_FOREIGN.format(path=source))
            applied = {m.name for m in migrations.migrations.applied(Database(conn))}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise InputError(messages.RESTORE_DAMAGED.format(path=source, detail=error)) from None
    if applied - set(migrations.known_names()):
        raise InputError(messages.RESTORE_TOO_NEW.format(path=source))


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _aside_path(journal: Path, now: datetime | None) -> Path:
    return _unused(
        journal.with_name(f"{journal.stem}-before-restore-{_stamp(now)}{journal.suffix}")
    )


def _unused(path: Path) -> Path:
    """`path`, or path-2, path-3, ... if taken: nothing existing is overwritten."""
    candidate, counter = path, 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.stem}-{counter}{path.suffix}")
    return candidate


def _rename_aside(journal: Path, now: datetime | None) -> Path:
    aside = _aside_path(journal, now)
    os.replace(journal, aside)
    for suffix in SIDE_FILES:  # a WAL journal's recent writes live in its -wal file
        side = journal.with_name(journal.name + suffix)
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
