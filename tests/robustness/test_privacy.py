"""Privacy: files the program creates are the owner's only, whatever the
umask, and nothing opens a network connection.

Permissions: the data folder 0700; the journal, its -wal/-shm files,
drafts, backups, exports and saved reviews 0600, under a permissive umask
(0o022) and an empty one (0o000).
Network: socket creation is made to fail, then full check-ins (flags, JSON,
the guided flow) and every command in cli_cases run in-process; any attempt to
open a socket fails the test.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import paths
from serjournal.cli import app
from serjournal.errors import Interrupted
from serjournal.flow.runner import run_checkin
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from tests.draft_helpers import only_draft, plant_draft
from tests.robustness.cli_cases import DESCRIBED, JOURNAL_COMMANDS, make_journal
from tests.robustness.flow_scripts import FULL_SCRIPT, settings
from tests.scripted import INTERRUPT, ScriptedPrompter


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def permissive_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def test_journal_folder_and_sqlite_side_files_are_private(
    tmp_path: Path, permissive_umask: int
) -> None:
    journal = tmp_path / "a" / "b" / "journal.db"
    checkin = DESCRIBED["checkin"][0].args(journal)
    result = CliRunner().invoke(app, checkin)
    assert result.exit_code == 0, result.output
    assert mode(journal) == 0o600
    assert mode(journal.parent) == 0o700 and mode(journal.parent.parent) == 0o700
    db = open_journal(journal)  # kept open: the -wal and -shm files exist now
    db.execute("INSERT INTO tags (checkin_id, tag) SELECT id, 'x' FROM checkins")
    side_files = [Path(f"{journal}-wal"), Path(f"{journal}-shm")]
    assert all(f.exists() for f in side_files)
    assert [mode(f) for f in side_files] == [0o600, 0o600]
    db.close()


def test_default_data_folder_is_private(
    monkeypatch: pytest.MonkeyPatch, permissive_umask: int
) -> None:
    monkeypatch.delenv(paths.DB_ENV)
    result = CliRunner().invoke(app, ["checkin", "--mood", "5"])
    assert result.exit_code == 0, result.output
    journal = Journal.locate().path
    assert journal.parent == paths.data_dir()
    assert mode(journal) == 0o600 and mode(journal.parent) == 0o700


def test_backups_exports_and_saved_reviews_are_private(
    tmp_path: Path, permissive_umask: int
) -> None:
    journal = make_journal(tmp_path / "data" / "journal.db", count=3)
    out = tmp_path / "out"
    for args in (
        ["backup", "--db", str(journal)],
        ["export", "-o", str(out / "new" / "checkins.csv"), "--db", str(journal)],
        ["export", "--format", "json", "-o", str(out / "all.json"), "--db", str(journal)],
        ["export", "--all", str(out / "tables"), "--db", str(journal)],
        ["review", "--save", str(out / "review.html"), "--db", str(journal)],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    (backup,) = (journal.parent / "backups").iterdir()
    created = [backup, *(p for p in out.rglob("*") if p.is_file())]
    assert len(created) >= 6  # the backup, two exports, the tables and their README, the review
    assert {str(p.relative_to(tmp_path)): mode(p) for p in created} == {
        str(p.relative_to(tmp_path)): 0o600 for p in created
    }
    folders = [journal.parent / "backups", out / "tables"]
    assert [mode(f) for f in folders] == [0o700, 0o700]


def test_drafts_are_private(journal_path: Path, permissive_umask: int) -> None:
    db = open_journal(journal_path)
    with pytest.raises(Interrupted):
        run_checkin(ScriptedPrompter([*FULL_SCRIPT[:4], INTERRUPT]), db, Journal(journal_path))
    draft = only_draft(journal_path)
    assert mode(draft.path) == 0o600 and mode(draft.path.parent) == 0o700
    plant_draft(journal_path, {**draft.checkin, "mood": 3}, "arrive")  # replacing it
    assert mode(draft.path) == 0o600
    assert [p.name for p in draft.path.parent.iterdir() if p.name.endswith(".tmp")] == []


# --- No network ---------------------------------------------------------------------------


class NetworkUsed(AssertionError):
    pass


def _refuse(*args: Any, **kwargs: Any) -> Any:
    raise NetworkUsed(f"a network call was attempted: {args!r}")


class _RefusingSocket:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _refuse(*args)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _RefusingSocket)
    for name in ("create_connection", "socketpair", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, _refuse)


def test_the_socket_guard_itself_works(no_network: None) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkUsed):
        socket.socket()


# Every command from the app (cli_cases), with the exit code it gives on a good
# journal, and a few more ways of running them.
NO_NETWORK_INVOCATIONS = [
    *[pytest.param(c.args, c.good_exit, id=c.name) for c in JOURNAL_COMMANDS],
    pytest.param(
        lambda db: ["checkin", "--db", str(db), "--from-json", str(db) + ".json"],
        0,
        id="checkin-json",
    ),
    pytest.param(
        lambda db: ["checkin", "--db", str(db), "--quick", "--mood", "4"], 0, id="checkin-quick"
    ),
    pytest.param(lambda db: ["demo", "--weeks", "2"], 0, id="demo-temporary-journal"),
    pytest.param(lambda db: ["config", "show"], 0, id="config-show"),
    pytest.param(lambda db: ["config", "path"], 0, id="config-path"),
]


@pytest.mark.parametrize(("args", "exit_code"), NO_NETWORK_INVOCATIONS)
def test_no_command_opens_a_socket(tmp_path: Path, args: Any, exit_code: int) -> None:
    journal = make_journal(tmp_path / "data" / "journal.db", count=3)
    Path(str(journal) + ".json").write_text(
        json.dumps({"mood": 6, "sensations": ["chest:tight:5"], "answers": {"note": "hi"}}),
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as guard:  # armed only while the command runs
        guard.setattr(socket, "socket", _RefusingSocket)
        for attr in ("create_connection", "socketpair", "getaddrinfo", "gethostbyname"):
            guard.setattr(socket, attr, _refuse)
        result = CliRunner().invoke(app, args(journal))
    assert not isinstance(result.exception, NetworkUsed), result.exception
    assert result.exit_code == exit_code, (result.output, result.exception)


def test_guided_checkin_opens_no_socket(journal_path: Path, no_network: None) -> None:
    db = open_journal(journal_path)
    saved = run_checkin(
        ScriptedPrompter(FULL_SCRIPT), db, Journal(journal_path), settings=settings()
    )
    assert saved.mood == 6


# --- The journal is private from its first moment, however it comes to be ----------------


def test_a_umask_that_takes_the_owners_write_bit_still_gives_a_usable_private_journal(
    tmp_path: Path,
) -> None:
    """Under umask 0277 a file is born 0400: the journal is set to 0600 right
    after it is made, or SQLite could not write the first check-in."""
    journal = tmp_path / "data" / "journal.db"
    previous = os.umask(0o277)
    try:
        db = open_journal(journal)
        save_checkin(db, CheckIn(mood=4))  # it can be written
        modes = {p.name: mode(p) for p in journal.parent.iterdir()}
        db.close()
    finally:
        os.umask(previous)
    assert modes == dict.fromkeys(["journal.db", "journal.db-wal", "journal.db-shm"], 0o600)
    assert mode(journal.parent) == 0o700


def test_a_journal_made_through_a_symlink_is_private(tmp_path: Path) -> None:
    """--db may name a link to a file not made yet; SQLite creates the target
    with the umask's 0644, and the journal's files are then set to 0600."""
    (tmp_path / "real").mkdir(mode=0o700)
    target = tmp_path / "real" / "journal.db"
    link = tmp_path / "link.db"
    link.symlink_to(target)
    previous = os.umask(0o022)
    try:
        db = open_journal(link)
        save_checkin(db, CheckIn(mood=4))
        db.close()
    finally:
        os.umask(previous)
    assert mode(target) == 0o600 and link.is_symlink()


def test_an_empty_file_given_as_the_journal_becomes_private(tmp_path: Path) -> None:
    """An empty file (made by `touch` under umask 022) is a journal not yet
    made: serjournal makes it and sets it to 0600."""
    journal = tmp_path / "journal.db"
    journal.touch(mode=0o644)
    journal.chmod(0o644)
    open_journal(journal).close()
    assert mode(journal) == 0o600
