"""Journal files the program must refuse calmly: not SQLite, truncated,
corrupted, from a newer schema, another program's, or locked.

For every command that takes --db (cli_cases.JOURNAL_COMMANDS, found in the
app itself): one line on stderr naming the file and what to do, a non-zero
exit, no traceback, and the file's bytes exactly as before. Two commands are
meant to work on a bad journal: doctor reports it (exit 1), and restore
replaces it with the backup, keeping the bad file aside byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.answers import checkin_from_dict
from serjournal.cli import app
from tests.robustness.cli_cases import (
    DESCRIBE_HERE,
    DESCRIBED,
    JOURNAL_COMMANDS,
    NAMES_THE_JOURNAL,
    WITHOUT_JOURNAL,
    JournalCommand,
    command_paths,
    make_journal,
    page_size,
)


def _not_sqlite(path: Path, good: bytes) -> None:
    path.write_text("Dear diary, these are my notes, not a database.\n" * 50)


def _truncated(path: Path, good: bytes) -> None:
    path.write_bytes(good[: len(good) // 2])


def _corrupted(path: Path, good: bytes) -> None:
    size = page_size_of(good)
    pages = len(good) // size
    damaged = bytearray(good)
    rng = random.Random(7)
    for page in range(pages // 3, 2 * pages // 3):  # the middle third
        damaged[page * size : (page + 1) * size] = rng.randbytes(size)
    path.write_bytes(bytes(damaged))


def _newer_schema(path: Path, good: bytes) -> None:
    path.write_bytes(good)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('serjournal', 'm999_from_the_future', '2030-01-01')"
        )
    conn.close()


def _foreign(path: Path, good: bytes) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()


def page_size_of(data: bytes) -> int:
    size = int.from_bytes(data[16:18], "big")
    return 65536 if size == 1 else size


def _cut_at(size: int) -> Callable[[Path, bytes], None]:
    def cut(path: Path, good: bytes) -> None:
        path.write_bytes(good[: size if size > 0 else len(good) + size])

    return cut


def _header_then_garbage(path: Path, good: bytes) -> None:
    path.write_bytes(good[:16] + random.Random(3).randbytes(len(good) - 16))


BAD_FILES: dict[str, tuple[Callable[[Path, bytes], None], str]] = {
    "not-sqlite": (_not_sqlite, messages.JOURNAL_NOT_SQLITE),
    "truncated": (_truncated, messages.JOURNAL_CORRUPT),
    "cut-in-header": (_cut_at(50), messages.JOURNAL_CORRUPT),
    "only-first-page": (_cut_at(4096), messages.JOURNAL_CORRUPT),
    "last-page-missing": (_cut_at(-4096), messages.JOURNAL_CORRUPT),
    "header-then-garbage": (_header_then_garbage, messages.JOURNAL_CORRUPT),
    "corrupted": (_corrupted, messages.JOURNAL_CORRUPT),
    "newer-schema": (_newer_schema, messages.JOURNAL_TOO_NEW),
    "other-program": (_foreign, messages.JOURNAL_FOREIGN),
}


@pytest.fixture(scope="module")
def good_journal(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = make_journal(tmp_path_factory.mktemp("good") / "journal.db")
    assert page_size(path) > 0
    return path.read_bytes()


@pytest.fixture(autouse=True)
def short_busy_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERJOURNAL_BUSY_TIMEOUT_MS", "200")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_one_clear_line(stderr: str, path: Path, template: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    expected = "Error: " + template.format(path=path)
    assert lines[0].startswith(expected), (lines[0], expected)


# The doctor's check that names each kind of bad file.
DOCTOR_FINDS = {
    "not-sqlite": "format",
    "other-program": "format",
    "newer-schema": "schema",
    **dict.fromkeys(
        ["truncated", "cut-in-header", "only-first-page", "last-page-missing",
         "header-then-garbage", "corrupted"],
        "integrity",
    ),
}  # fmt: skip


def test_every_command_is_described() -> None:
    """A command added to the app must be described in cli_cases, so the
    bad-journal, lock and no-socket tests run it."""
    found = dict(command_paths())
    undescribed = sorted(set(found) - set(DESCRIBED) - set(WITHOUT_JOURNAL))
    assert undescribed == [], (
        f"not described: {undescribed}; add each to DESCRIBED (if it takes --db) "
        f"or WITHOUT_JOURNAL in {DESCRIBE_HERE}"
    )
    assert sorted(set(DESCRIBED) | set(WITHOUT_JOURNAL)) == sorted(found), "no such command"
    takes_db = [p for p in WITHOUT_JOURNAL if found[p] and p not in NAMES_THE_JOURNAL]
    assert takes_db == [], "takes --db: describe it in DESCRIBED"
    assert [p for p in DESCRIBED if not found[p]] == [], "takes no --db: move to WITHOUT_JOURNAL"
    assert {"undo", "trash list", "trash restore", "restore", "demo", "doctor"} <= set(DESCRIBED)
    assert "export-all" in {str(c) for c in JOURNAL_COMMANDS}


def test_a_new_command_fails_until_described(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a developer sees after adding `serjournal tidy --db F` and nothing else."""
    import typer

    from tests.robustness import cli_cases

    extra = typer.Typer()

    @extra.command()
    def tidy(db: Path | None = typer.Option(None, "--db")) -> None:  # noqa: B008
        """Stands for any new command that opens a journal."""

    @extra.command()
    def other() -> None:
        """A second command, so Typer keeps both as a group."""

    monkeypatch.setattr(cli_cases, "command_paths", lambda app=None: command_paths(extra))
    (tidy_case,) = [c for c in cli_cases.journal_commands() if "tidy" in c.name]
    with pytest.raises(pytest.fail.Exception, match="serjournal tidy is not described: add it"):
        tidy_case.args(Path("journal.db"))


@pytest.mark.parametrize("command", JOURNAL_COMMANDS, ids=str)
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_journal_file_is_refused_in_one_line_and_never_modified(
    tmp_path: Path, good_journal: bytes, kind: str, command: JournalCommand
) -> None:
    make_bad, template = BAD_FILES[kind]
    path = tmp_path / "journal.db"
    make_bad(path, good_journal)
    path.chmod(0o600)
    bad_bytes = path.read_bytes()
    before = digest(path)
    result = CliRunner().invoke(app, command.args(path))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if command.on_bad == "replaces":  # restore: the way back from a bad journal
        assert result.exit_code == 0, (result.output, result.exception)
        (aside,) = [p for p in tmp_path.glob("journal-before-restore-*.db")]
        assert aside.read_bytes() == bad_bytes
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
        conn.close()
        assert result.stdout.startswith("Restored 2 check-ins from ")
        assert str(aside) in result.stdout
        return
    assert digest(path) == before
    # No draft beside a file that is not a usable journal.
    assert not path.with_name(path.name + ".drafts").exists()
    if command.on_bad == "reports":  # doctor: the finding in its report
        assert result.exit_code == 1, (result.output, result.exception)
        assert result.stderr == ""
        fixes = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("fix")]
        assert DOCTOR_FINDS[kind] in fixes, result.stdout
        return
    assert result.exit_code == 3, (result.output, result.exception)
    assert_one_clear_line(result.stderr, path, template)
    if command.keeps_answers:  # the answers given are printed, not lost
        assert result.stderr.strip().endswith(messages.ANSWERS_PRINTED_AS_JSON)
        printed = checkin_from_dict(json.loads(result.stdout))
        assert (printed.mood, printed.answers["focus"]) == (6, "a calm evening, mostly")
    else:
        assert result.stdout == ""


def test_corrupt_journal_message_says_what_to_do() -> None:
    assert "backup" in messages.JOURNAL_CORRUPT
    assert "untouched" in messages.JOURNAL_CORRUPT


LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    # Like a program that opens the file for itself alone: nobody may read.
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("SELECT count(*) FROM checkins").fetchone()
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


@contextmanager
def held_lock(path: Path, how: str) -> Iterator[None]:
    """Another program holding the journal, in a separate process."""
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert locker.stdout is not None and locker.stdin is not None
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield
    finally:
        locker.stdin.write("done\n")
        locker.stdin.flush()
        locker.wait(timeout=30)


def _lock_cases() -> list[Any]:
    return [
        pytest.param(command, how, id=f"{how}-{command}")
        for command in JOURNAL_COMMANDS
        for how in ("writer", "exclusive")
    ]


@pytest.mark.parametrize(("command", "how"), _lock_cases())
def test_locked_journal(
    tmp_path: Path, good_journal: bytes, how: str, command: JournalCommand
) -> None:
    """A write lock (BEGIN EXCLUSIVE) blocks writers only: WAL lets readers
    read on, and they do exactly what they do unlocked. An exclusive locking
    mode blocks everyone; the doctor reports it as its finding."""
    path = tmp_path / "journal.db"
    path.write_bytes(good_journal)
    path.chmod(0o600)
    before = digest(path)
    with held_lock(path, how):
        result = CliRunner().invoke(app, command.args(path))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    blocked = command.writes or how == "exclusive"
    if blocked and command.on_bad == "reports":
        assert result.exit_code == 1, (result.output, result.exception)
        assert any(
            line.startswith("fix  journal") and "in use by another program" in line
            for line in result.stdout.splitlines()
        ), result.stdout
    elif blocked:
        assert result.exit_code == 3, (result.output, result.exception)
        assert_one_clear_line(result.stderr, path, messages.JOURNAL_LOCKED)
    else:
        assert result.exit_code == command.good_exit, (result.output, result.exception)
        if command.good_exit == 0:
            assert "Error" not in result.stderr
    if command.keeps_answers:
        # Nothing was added; the answers wait in the draft for a retry.
        assert len(list(path.with_name(path.name + ".drafts").glob("*.json"))) == 1
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 60
        conn.close()
    else:
        assert digest(path) == before
