"""Journal files the program must refuse calmly: not SQLite, truncated,
corrupted, from a newer schema, another program's, or locked.

For every command that opens a journal (cli_cases.JOURNAL_COMMANDS): one
line on stderr naming the file and what to do, a non-zero exit, no
traceback, and the file's bytes exactly as before.
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

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.answers import checkin_from_dict
from serjournal.cli import app
from tests.robustness.cli_cases import JOURNAL_COMMANDS, JournalCommand, make_journal, page_size


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


@pytest.mark.parametrize("command", JOURNAL_COMMANDS, ids=str)
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_journal_file_is_refused_in_one_line_and_never_modified(
    tmp_path: Path, good_journal: bytes, kind: str, command: JournalCommand
) -> None:
    make_bad, template = BAD_FILES[kind]
    path = tmp_path / "journal.db"
    make_bad(path, good_journal)
    before = digest(path)
    result = CliRunner().invoke(app, command.args(path))
    assert result.exit_code == 3, (result.output, result.exception)
    assert_one_clear_line(result.stderr, path, template)
    assert digest(path) == before
    # No draft beside a file that is not a usable journal.
    assert not path.with_name(path.name + ".drafts").exists()
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


@pytest.mark.parametrize("command", JOURNAL_COMMANDS, ids=str)
@pytest.mark.parametrize("how", ["writer", "exclusive"])
def test_locked_journal(
    tmp_path: Path, good_journal: bytes, how: str, command: JournalCommand
) -> None:
    """A write lock (BEGIN EXCLUSIVE) blocks writers only: WAL lets `list`
    and `show` read on. An exclusive locking mode blocks everyone."""
    path = tmp_path / "journal.db"
    path.write_bytes(good_journal)
    before = digest(path)
    with held_lock(path, how):
        result = CliRunner().invoke(app, command.args(path))
    blocked = command.writes or how == "exclusive"
    if blocked:
        assert result.exit_code == 3, (result.output, result.exception)
        assert_one_clear_line(result.stderr, path, messages.JOURNAL_LOCKED)
    else:
        assert result.exit_code == 0, (result.output, result.exception)
        assert result.stderr == ""
    if command.keeps_answers:
        # Nothing was added; the answers wait in the draft for a retry.
        assert len(list(path.with_name(path.name + ".drafts").glob("*.json"))) == 1
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 60
        conn.close()
    else:
        assert digest(path) == before
