"""Sync logs sealed to age public keys (issue 15 with issue 14's keys): the
folder holds nothing readable without the secret key, a machine without it
reads nothing and loses nothing, and saving never needs the encryption."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pyrage
import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.journal import Journal
from serjournal.models import CheckIn, Sensation
from serjournal.store.stream import iter_checkins
from serjournal.store.sync_state import sync_machine
from serjournal.store.writes import delete_checkin, save_checkin
from serjournal.sync import logfile
from serjournal.sync.run import SyncKeys, sync
from serjournal.transfer import age

SECRET = "a secret evening by the sea"


def _identity(folder: Path, name: str) -> tuple[Path, str]:
    secret = pyrage.x25519.Identity.generate()
    path = folder / f"{name}.txt"
    path.write_text(f"# public key: {secret.to_public()}\n{secret}\n")
    return path, str(secret.to_public())


@pytest.fixture
def keys(tmp_path: Path) -> SyncKeys:
    path, public = _identity(tmp_path, "key")
    return SyncKeys([public], path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    shared.mkdir()
    return shared


def _journal(tmp_path: Path, name: str) -> Journal:
    return Journal(tmp_path / name / "journal.db")


def _save(journal: Journal, **fields: object) -> CheckIn:
    checkin = CheckIn(**fields)  # type: ignore[arg-type]
    db = journal.open()
    try:
        save_checkin(db, checkin)
    finally:
        db.close()
    return checkin


def _live(journal: Journal) -> dict[str, dict[str, object]]:
    conn = journal.open_for_reading()
    if conn is None:
        return {}
    try:
        return {c.id: c.to_dict() for c in iter_checkins(conn)}
    finally:
        conn.close()


def _change_lines(log: Path) -> list[dict[str, object]]:
    lines = log.read_text().splitlines()
    assert json.loads(lines[0])[logfile.FORMAT_KEY] == logfile.FORMAT  # the header stays plain
    return [json.loads(line) for line in lines[1:]]


def _log_of(journal: Journal, folder: Path) -> Path:
    db = journal.open()
    try:
        machine = sync_machine(db)
    finally:
        db.close()
    assert machine is not None
    return folder / logfile.own_name(machine)


def test_the_folder_holds_nothing_readable_and_the_key_opens_it(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    first = _save(
        laptop,
        mood=6,
        answers={"takeaway": SECRET},
        sensations=[Sensation("chest", "tight", 6)],
        tags=["seaside"],
    )
    _save(laptop, mood=3)
    sent = sync(laptop, folder, keys=keys)
    assert sent.sent == 2
    log = _log_of(laptop, folder).read_bytes()
    for words in (SECRET, "seaside", "chest", "tight", first.id):
        assert words.encode() not in log
    changes = _change_lines(_log_of(laptop, folder))
    assert [sorted(c) for c in changes] == [["age", "seq"], ["age", "seq"]]
    assert [c["seq"] for c in changes] == [1, 2]  # the order is checked without the key

    received = sync(desktop, folder, keys=keys)
    assert received.problems == [] and received.received == 2
    assert _live(desktop) == _live(laptop)
    assert _live(desktop)[first.id]["answers"] == {"takeaway": SECRET}


def test_edits_and_deletions_travel_sealed(tmp_path: Path, folder: Path, keys: SyncKeys) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    kept, gone = _save(laptop, mood=6), _save(laptop, mood=2)
    sync(laptop, folder, keys=keys)
    sync(desktop, folder, keys=keys)
    db = laptop.open()
    try:
        delete_checkin(db, gone.id)
    finally:
        db.close()
    sync(laptop, folder, keys=keys)
    sync(desktop, folder, keys=keys)
    assert list(_live(desktop)) == [kept.id]
    assert all("age" in c for c in _change_lines(_log_of(laptop, folder)))


def test_without_the_secret_key_nothing_is_read_and_nothing_is_lost(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    _save(laptop, mood=6)
    sync(laptop, folder, keys=keys)
    writer_only = SyncKeys(keys.recipients, None)
    blind = sync(desktop, folder, keys=writer_only)
    assert len(blind.problems) == 1
    assert messages.SYNC_SEALED_NO_IDENTITY in blind.problems[0]
    assert _live(desktop) == {}
    later = sync(desktop, folder, keys=keys)  # the key arrives: everything is read
    assert later.problems == [] and later.received == 1
    assert _live(desktop) == _live(laptop)


def test_a_key_that_does_not_fit_is_said_and_reads_nothing(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    _save(laptop, mood=6)
    sync(laptop, folder, keys=keys)
    other, _public = _identity(tmp_path, "other")
    wrong = sync(desktop, folder, keys=SyncKeys((), other))
    assert len(wrong.problems) == 1
    assert messages.SYNC_SEALED_WRONG_IDENTITY in wrong.problems[0]
    assert _live(desktop) == {}


def test_syncing_again_changes_no_byte_already_in_the_folder(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop = _journal(tmp_path, "laptop")
    _save(laptop, mood=6)
    sync(laptop, folder, keys=keys)
    before = _log_of(laptop, folder).read_bytes()
    again = sync(laptop, folder, keys=keys)
    assert again.sent == 0 and _log_of(laptop, folder).read_bytes() == before
    _save(laptop, mood=4)
    sync(laptop, folder, keys=keys)
    assert _log_of(laptop, folder).read_bytes().startswith(before)  # only appended


def test_lines_sent_before_the_keys_were_set_stay_and_still_read(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    _save(laptop, mood=6)
    sync(laptop, folder)  # no keys yet
    _save(laptop, mood=4)
    sync(laptop, folder, keys=keys)
    changes = _change_lines(_log_of(laptop, folder))
    assert ["age" in c for c in changes] == [False, True]
    assert sync(desktop, folder, keys=keys).received == 2
    assert _live(desktop) == _live(laptop)


def test_saving_never_needs_the_encryption_library(
    tmp_path: Path, folder: Path, keys: SyncKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = _journal(tmp_path, "laptop")
    sync(laptop, folder, keys=keys)
    age._pyrage.cache_clear()
    monkeypatch.setitem(sys.modules, "pyrage", None)  # as if the extra were not installed
    saved = _save(laptop, mood=5)  # a check-in on a syncing journal: no encryption here
    assert saved.id in _live(laptop)
    monkeypatch.undo()
    age._pyrage.cache_clear()
    assert sync(laptop, folder, keys=keys).sent == 1
    assert all("age" in c for c in _change_lines(_log_of(laptop, folder)))


def test_the_command_takes_the_keys_from_the_config(
    tmp_path: Path, folder: Path, keys: SyncKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[backup]\nrecipients = ["{keys.recipients[0]}"]\nidentity = "{keys.identity}"\n'
    )
    monkeypatch.setenv("SERJOURNAL_CONFIG", str(config))
    runner = CliRunner()
    laptop = tmp_path / "laptop.db"
    saved = runner.invoke(app, ["checkin", "--db", str(laptop), "--mood", "6", "--note", SECRET])
    assert saved.exit_code == 0, saved.output
    done = runner.invoke(app, ["sync", "--db", str(laptop), str(folder)])
    assert done.exit_code == 0, done.output
    assert SECRET.encode() not in _log_of(Journal(laptop), folder).read_bytes()
    assert all("age" in c for c in _change_lines(_log_of(Journal(laptop), folder)))
    desktop = tmp_path / "desktop.db"
    received = runner.invoke(app, ["sync", "--db", str(desktop), str(folder)])
    assert received.exit_code == 0, received.output
    shown = runner.invoke(app, ["search", "--db", str(desktop), "secret"])
    assert SECRET in shown.stdout


def test_a_missing_key_file_is_one_line_before_anything_is_done(
    tmp_path: Path, folder: Path, keys: SyncKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nowhere.txt"
    config = tmp_path / "config.toml"
    config.write_text(f'[backup]\nidentity = "{missing}"\n')
    monkeypatch.setenv("SERJOURNAL_CONFIG", str(config))
    journal = tmp_path / "journal.db"
    result = CliRunner().invoke(app, ["sync", "--db", str(journal), str(folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and str(missing) in result.stderr
    assert result.stderr.count("\n") == 1
    assert list(folder.iterdir()) == [] and not journal.exists()


def test_a_sealed_line_whose_number_was_changed_is_refused(
    tmp_path: Path, folder: Path, keys: SyncKeys
) -> None:
    laptop, desktop = _journal(tmp_path, "laptop"), _journal(tmp_path, "desktop")
    _save(laptop, mood=6)
    _save(laptop, mood=2)
    sync(laptop, folder, keys=keys)
    log = _log_of(laptop, folder)
    lines = log.read_text().splitlines()
    first, second = json.loads(lines[1]), json.loads(lines[2])
    # Swap the sealed changes but keep the numbers in order: the outside no longer
    # matches the inside, which a reader must notice.
    lines[1] = json.dumps({"seq": 1, "age": second["age"]}, separators=(",", ":"))
    lines[2] = json.dumps({"seq": 2, "age": first["age"]}, separators=(",", ":"))
    copy = folder.parent / "copied"
    copy.mkdir()
    shutil.copy(log, copy / log.name)
    (copy / log.name).write_text("\n".join(lines) + "\n")
    report = sync(desktop, copy, keys=keys)
    assert len(report.problems) == 1 and "does not carry its number" in report.problems[0]
    assert _live(desktop) == {}
