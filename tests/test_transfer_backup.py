"""Backups are consistent private copies; restore checks first and keeps the
current journal aside."""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from serjournal.errors import InputError
from serjournal.journal import Journal
from serjournal.store import migrations
from serjournal.store.checkins import CHECKIN_COLUMNS, count_checkins
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from serjournal.transfer.backup import backup, default_backup_path, restore, verify_backup
from tests.transfer_helpers import all_dicts, fill, make_checkin


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_while_another_connection_writes(db, journal_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 3)
    committed = all_dicts(db)
    other = open_journal(journal_path)
    other.execute("BEGIN IMMEDIATE")  # a second terminal mid-save holds the write lock
    row = make_checkin(9).to_dict()
    other.table("checkins").insert({k: row[k] for k in CHECKIN_COLUMNS})
    target, count = backup(db.conn, Journal(journal_path))
    other.execute("COMMIT")
    assert count == 3  # the committed state, not the half-done write
    assert target.parent == journal_path.parent / "backups"
    assert _mode(target) == 0o600 and _mode(target.parent) == 0o700
    # One self-contained file: rollback-journal mode in its header, no -wal beside it.
    # Read it read-only: open_journal would switch it to WAL, as for any journal.
    assert target.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(target.parent.iterdir()) == [target]
    copy = _read_only(target)
    assert all_dicts(copy) == committed
    copy.close()
    assert sorted(target.parent.iterdir()) == [target]


def test_checking_a_backup_and_restoring_from_it_leave_it_untouched(db, journal_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 2)
    target, _ = backup(db.conn, Journal(journal_path))
    before = target.read_bytes()
    verify_backup(target)
    restore(target, Journal(journal_path))
    assert target.read_bytes() == before
    assert sorted(target.parent.iterdir()) == [target]


def _read_only(path: Path) -> Database:
    return Database(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def test_default_backups_in_the_same_second_do_not_collide(db, journal_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)
    first, _ = backup(db.conn, Journal(journal_path))
    second, _ = backup(db.conn, Journal(journal_path))
    assert first != second and first.exists() and second.exists()


def test_backup_never_overwrites(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "mine.db"
    target.write_text("precious")
    with pytest.raises(InputError, match="already exists"):
        backup(db.conn, Journal(journal_path), target)
    assert target.read_text() == "precious"


def test_default_name_is_timestamped(journal_path) -> None:  # type: ignore[no-untyped-def]
    name = default_backup_path(Journal(journal_path), datetime(2026, 11, 25, 9, 5, 7)).name
    assert name == "journal-20261125-090507.db"


def test_restore_keeps_the_old_journal_aside(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 2)
    saved, _ = backup(db.conn, Journal(journal_path), tmp_path / "b.db")
    expected = all_dicts(db)
    save_checkin(db, make_checkin(7))
    db.close()
    result = restore(saved, Journal(journal_path), datetime(2026, 11, 25, 9, 0, 0))
    assert result.count == 2
    assert (
        result.aside is not None
        and result.aside.name == "journal-before-restore-20261125-090000.db"
    )
    assert count_checkins(open_journal(result.aside)) == 3  # nothing lost
    restored = open_journal(journal_path)
    assert all_dicts(restored) == expected
    assert _mode(journal_path) == 0o600
    assert restored.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    second = restore(saved, Journal(journal_path), datetime(2026, 11, 25, 9, 0, 0))
    assert second.aside is not None and second.aside != result.aside and result.aside.exists()


def test_restore_into_a_new_place(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)
    saved, _ = backup(db.conn, Journal(journal_path), tmp_path / "b.db")
    result = restore(saved, Journal(tmp_path / "new" / "journal.db"))
    assert result.aside is None and result.count == 1
    assert _mode(tmp_path / "new") == 0o700


def _refuse(source: Path, journal: Path, match: str) -> None:
    before = journal.read_bytes()
    with pytest.raises(InputError, match=match):
        restore(source, Journal(journal))
    assert journal.read_bytes() == before
    assert not list(journal.parent.glob("*before-restore*"))


def test_restore_refuses_what_is_not_a_journal(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    _refuse(text, journal_path, "not an SQLite file")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    _refuse(other, journal_path, "not a serjournal journal")
    _refuse(tmp_path / "missing.db", journal_path, "no backup")
    _refuse(tmp_path, journal_path, "is a folder")
    _refuse(journal_path, journal_path, "the journal itself")


def test_restore_refuses_damaged_and_newer_files(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 30)
    saved, _ = backup(db.conn, Journal(journal_path), tmp_path / "b.db")
    damaged = tmp_path / "damaged.db"
    data = bytearray(saved.read_bytes())
    data[4096 + 200 : 4096 * 3] = b"\xff" * (4096 * 2 - 200)  # overwrite page content
    damaged.write_bytes(bytes(data))
    _refuse(damaged, journal_path, "damaged")
    newer = tmp_path / "newer.db"
    backup(db.conn, Journal(journal_path), newer)
    conn = sqlite3.connect(newer)
    conn.execute(
        "insert into _sqlite_migrations (migration_set, name, applied_at) values (?, ?, ?)",
        [migrations.migrations.name, "m999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    _refuse(newer, journal_path, "newer serjournal")


def test_restore_while_another_terminal_has_the_journal_open(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 2)
    saved, _ = backup(db.conn, Journal(journal_path), tmp_path / "b.db")
    save_checkin(db, make_checkin(5))
    other = open_journal(journal_path)  # e.g. a guided check-in still in progress
    result = restore(saved, Journal(journal_path))
    save_checkin(other, make_checkin(9))  # its save lands in the restored journal
    assert count_checkins(open_journal(journal_path)) == 3
    assert result.aside is not None and count_checkins(open_journal(result.aside)) == 3


def test_restore_over_a_damaged_journal_keeps_its_bytes(db, journal_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)
    saved, _ = backup(db.conn, Journal(journal_path), tmp_path / "b.db")
    db.close()
    broken = tmp_path / "broken" / "journal.db"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database at all")
    result = restore(saved, Journal(broken))
    assert result.aside is not None and result.aside.read_bytes() == b"not a database at all"
    assert count_checkins(open_journal(broken)) == 1
