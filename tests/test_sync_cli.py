"""`serjournal sync DIR`, `sync --status` and `sync = "after-checkin"`, as a
user meets them: what they print, what they write, and every way to get
them wrong."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.store.connection import open_journal
from serjournal.store.sync_state import sync_machine

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync" / "serjournal"
    path.mkdir(parents=True)
    return path


def journal(tmp_path: Path, name: str = "laptop") -> str:
    return str(tmp_path / name / "journal.db")


def checkin(db: str, *args: str) -> None:
    result = run("checkin", "--db", db, "--mood", "6", *args)
    assert result.exit_code == 0, result.output


def machine_of(db: str) -> str:
    store = open_journal(Path(db))
    try:
        machine = sync_machine(store)
    finally:
        store.close()
    assert machine is not None
    return machine


def test_the_first_sync_starts_a_private_log_and_remembers_the_folder(
    tmp_path: Path, folder: Path
) -> None:
    db = journal(tmp_path)
    checkin(db, "--note", "before sync existed", "--tag", "work")
    result = run("sync", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    machine = machine_of(db)
    assert f"now syncs through {folder}" in result.stdout and machine in result.stdout
    assert f"Synced through {folder}: 1 change sent; nothing new" in result.stdout
    log = folder / f"serjournal-{machine}.jsonl"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    header, line = (json.loads(x) for x in log.read_text(encoding="utf-8").splitlines())
    assert header["serjournal_sync"] == 1 and header["machine"] == machine
    assert line["op"] == "saved" and line["set"]["answers.note"] == "before sync existed"
    assert line["set"]["tags.work"] == 0
    assert os.listdir(folder) == [log.name]  # the journal never goes in the folder
    checkin(db, "--note", "after")
    again = run("sync", "--db", db)  # the folder is remembered
    assert again.exit_code == 0 and "1 change sent" in again.stdout
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3


def test_two_journals_meet_through_the_folder(tmp_path: Path, folder: Path) -> None:
    laptop, desktop = journal(tmp_path, "laptop"), journal(tmp_path, "desktop")
    checkin(laptop, "--note", "on the laptop")
    run("sync", str(folder), "--db", laptop)
    result = run("sync", str(folder), "--db", desktop)  # a new machine: its journal is made
    assert "1 change received from 1 other machine (1 check-in changed here)" in result.stdout
    listed = run("list", "--json", "--db", desktop)
    assert [c["mood"] for c in json.loads(listed.stdout)] == [6]


def test_sync_without_a_folder_the_first_time_says_how_and_creates_nothing(
    tmp_path: Path,
) -> None:
    db = journal(tmp_path)
    result = run("sync", "--db", db)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.SYNC_NO_FOLDER}\n"
    assert not Path(db).exists()


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_folder_that_is_not_there_is_one_line_and_creates_nothing(
    tmp_path: Path, kind: str
) -> None:
    db = journal(tmp_path)
    target = tmp_path / "Sycn"
    if kind == "file":
        target.write_text("not a folder")
    result = run("sync", str(target), "--db", db)
    assert result.exit_code == 2
    template = messages.SYNC_FOLDER_MISSING if kind == "missing" else messages.SYNC_FOLDER_NOT_DIR
    assert result.stderr == f"Error: {template.format(folder=target)}\n"
    assert not Path(db).exists() and (kind == "file" or not target.exists())


def test_a_journal_inside_the_sync_folder_is_warned_about(tmp_path: Path, folder: Path) -> None:
    db = str(folder / "journal.db")
    checkin(db)
    result = run("sync", str(folder), "--db", db)
    assert result.exit_code == 0
    warning = messages.SYNC_JOURNAL_INSIDE.format(journal=db, folder=folder)
    assert result.stderr.splitlines() == [warning]
    linked = tmp_path / "elsewhere.db"  # a link outside, to the journal inside, is caught too
    linked.symlink_to(db)
    assert "is inside the sync folder" in run("sync", "--db", str(linked)).stderr


def test_status_before_and_after_syncing(tmp_path: Path, folder: Path) -> None:
    laptop, desktop = journal(tmp_path, "laptop"), journal(tmp_path, "desktop")
    checkin(laptop)
    assert run("sync", "--status", "--db", laptop).stdout.strip() == messages.SYNC_STATUS_NEVER
    run("sync", str(folder), "--db", laptop)
    run("sync", str(folder), "--db", desktop)
    checkin(desktop)
    status = run("sync", "--status", "--db", desktop)
    assert status.exit_code == 0
    lines = status.stdout.splitlines()
    assert lines[0] == messages.SYNC_STATUS_HEAD.format(folder=folder, when="")
    assert lines[1].split() == ["machine", "id", "last", "change", "changes"]
    this, other = lines[2], lines[3]
    assert "(this machine)" in this and machine_of(desktop)[:8] in this
    assert machine_of(laptop)[:8] in other and other.split()[-1] == "1"
    assert messages.SYNC_STATUS_WAITING.format(count=1) in status.stdout
    run("sync", "--db", desktop)
    status = run("sync", "--status", "--db", desktop)
    assert messages.SYNC_STATUS_ALL_SENT in status.stdout


def test_status_only_reads(tmp_path: Path, folder: Path) -> None:
    db = journal(tmp_path)
    checkin(db)
    run("sync", str(folder), "--db", db)
    checkin(db)
    store = open_journal(Path(db))
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = Path(db).read_bytes()
    assert run("sync", "--status", "--db", db).exit_code == 0
    assert Path(db).read_bytes() == before
    assert len((folder / f"serjournal-{machine_of(db)}.jsonl").read_bytes().splitlines()) == 2


def test_status_with_a_folder_is_a_mistake(tmp_path: Path, folder: Path) -> None:
    result = run("sync", str(folder), "--status", "--db", journal(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.SYNC_STATUS_WITH_FOLDER}\n"


def test_status_without_a_journal_says_so(tmp_path: Path) -> None:
    result = run("sync", "--status", "--db", journal(tmp_path))
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_another_folder_is_read_from_the_start(tmp_path: Path, folder: Path) -> None:
    laptop, desktop = journal(tmp_path, "laptop"), journal(tmp_path, "desktop")
    checkin(laptop, "--note", "one")
    run("sync", str(folder), "--db", laptop)
    run("sync", str(folder), "--db", desktop)
    moved = tmp_path / "Dropbox" / "serjournal"
    moved.parent.mkdir()
    folder.rename(moved)
    result = run("sync", str(moved), "--db", desktop)
    assert messages.SYNC_FOLDER_CHANGED.format(folder=moved, old=folder) in result.stdout
    assert result.exit_code == 0 and "received" not in result.stdout  # nothing new in it
    assert run("sync", "--status", "--db", desktop).stdout.startswith(f"Syncing through {moved}")


def test_sync_after_each_checkin_when_the_config_asks(tmp_path: Path, folder: Path) -> None:
    config = Path(os.environ["SERJOURNAL_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('sync = "after-checkin"\n', encoding="utf-8")
    db = journal(tmp_path)
    result = run("checkin", "--db", db, "--mood", "5")  # no folder chosen yet: saved, a hint
    assert result.exit_code == 0 and "Saved check-in" in result.stdout
    assert result.stderr == messages.SYNC_AFTER_CHECKIN_NO_FOLDER + "\n"
    run("sync", str(folder), "--db", db)
    log = folder / f"serjournal-{machine_of(db)}.jsonl"
    result = run("checkin", "--db", db, "--mood", "7")
    assert result.exit_code == 0 and "1 change sent" in result.stdout
    assert json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["set"]["mood"] == 7
    assert ", after each check-in" in run("sync", "--status", "--db", db).stdout
    folder.rename(tmp_path / "gone")  # the sync fails: the check-in is saved all the same
    result = run("checkin", "--db", db, "--mood", "8")
    assert result.exit_code == 0 and "Saved check-in" in result.stdout
    reason = messages.SYNC_FOLDER_MISSING.format(folder=folder)
    assert result.stderr == messages.SYNC_AFTER_CHECKIN_FAILED.format(reason=reason) + "\n"
    assert len(json.loads(run("list", "--json", "--db", db).stdout)) == 3


def test_the_sync_setting_is_checked_like_every_other(tmp_path: Path) -> None:
    config = Path(os.environ["SERJOURNAL_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('sync = "always"\n', encoding="utf-8")
    result = run("config", "show")
    assert result.exit_code == 1
    assert "'sync'" in result.stderr and "manual, after-checkin" in result.stderr
    config.write_text('sync = "after-checkin"\n', encoding="utf-8")
    shown = run("config", "show").stdout
    assert any(line.split() == ["sync", "after-checkin"] for line in shown.splitlines())


def test_sync_is_listed_with_the_data_commands() -> None:
    listing = run("--help").stdout.split("Commands")[1]
    names = [line.split()[0] for line in listing.splitlines() if line.strip()[:1].isalpha()]
    assert names.index("restore") < names.index("sync") < names.index("config")
