"""The guided check-in reads the journal at first and opens it for writing
only when the answers are saved (Journal.open_on_save): its first question
must not wait for sqlite-utils or the migrations, and nothing about saving
may change."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from serjournal.flow.runner import run_checkin
from serjournal.journal import Journal, OpenOnSave, writer_of
from serjournal.models import CheckIn
from serjournal.store import migrations
from serjournal.store.checkins import count_checkins
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from tests.scripted import ScriptedPrompter
from tests.test_flow import QUICK


def _current_journal(path: Path, checkins: int = 1) -> None:
    db = open_journal(path)
    for n in range(checkins):
        save_checkin(db, CheckIn(mood=n))
    db.close()


def test_a_current_journal_is_only_read_until_the_save(journal_path: Path) -> None:
    _current_journal(journal_path)
    store = Journal(journal_path).open_on_save()
    assert isinstance(store, OpenOnSave)
    assert store.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    # Read-only until then: a write through the reader is refused by SQLite.
    with pytest.raises(Exception, match="readonly|read-only"):
        store.execute("DELETE FROM checkins")
    writer = writer_of(store)
    assert isinstance(writer, Database)
    assert writer_of(store) is writer  # opened once
    save_checkin(writer, CheckIn(mood=9))
    # Reads after the writer opened see what it wrote.
    assert store.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2


def test_no_journal_yet_is_created_before_anything_is_asked(journal_path: Path) -> None:
    store = Journal(journal_path).open_on_save()
    assert isinstance(store, Database)
    assert journal_path.exists()


def test_an_older_journal_is_upgraded_before_anything_is_asked(tmp_path: Path) -> None:
    old = tmp_path / "journal.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "journal-v3.db", old)
    store = Journal(old).open_on_save()
    assert isinstance(store, Database)
    names = [r[0] for r in store.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert names == migrations.known_names()


def test_a_quick_checkin_saves_through_a_journal_opened_on_save(journal_path: Path) -> None:
    _current_journal(journal_path, checkins=2)
    journal = Journal(journal_path)
    store = journal.open_on_save()
    saved = run_checkin(ScriptedPrompter(list(QUICK)), store, journal, mode="quick")
    db = open_journal(journal_path)
    assert count_checkins(db) == 3
    assert db.execute("SELECT mood FROM checkins WHERE id = ?", [saved.id]).fetchone()[0] == 6


PROBE = """
import json, sys
from pathlib import Path
from serjournal.flow.runner import run_checkin
from serjournal.journal import Journal
from tests.scripted import ScriptedPrompter

class Watching(ScriptedPrompter):
    seen = []
    def _next(self, kind, question):
        self.seen.append("sqlite_utils" in sys.modules)
        return super()._next(kind, question)

journal = Journal(Path(sys.argv[1]))
prompter = Watching(json.loads(sys.argv[2]))
run_checkin(prompter, journal.open_on_save(), journal, mode="quick")
print(prompter.seen[0], prompter.seen[-1], "sqlite_utils" in sys.modules)
"""


def test_the_first_question_comes_before_sqlite_utils_is_loaded(journal_path: Path) -> None:
    _current_journal(journal_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(journal_path), json.dumps(QUICK)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # Not loaded at the first question nor the last; loaded to save.
    assert done.stdout.split() == ["False", "False", "True"]
    db = open_journal(journal_path)
    assert count_checkins(db) == 2


def test_an_encrypted_journal_is_read_then_written_with_one_passphrase(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from typer.testing import CliRunner

    from serjournal import keys
    from serjournal.cli import app

    _current_journal(journal_path)
    secret = tmp_path / "passphrase"
    secret.write_text("a long enough passphrase\n")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_ENV, str(secret))
    gc.collect()
    encrypted = CliRunner().invoke(app, ["encrypt", "--db", str(journal_path), "--no-keyring"])
    assert encrypted.exit_code == 0, encrypted.output
    keys._UNLOCKED.clear()
    asked: list[str] = []
    monkeypatch.delenv(keys.PASSPHRASE_FILE_ENV)  # no file, no keyring: asked on the terminal
    monkeypatch.setattr(
        keys, "ask", lambda prompt: asked.append(prompt) or secret.read_text().strip()
    )
    journal = Journal(journal_path)
    store = journal.open_on_save()
    assert isinstance(store, OpenOnSave)
    saved = run_checkin(ScriptedPrompter(list(QUICK)), store, journal, mode="quick")
    assert len(asked) == 1  # asked once, for the reader; the writer reuses the key
    reader = journal.open_for_reading()
    assert reader is not None
    assert reader.execute("SELECT count(*) FROM checkins").fetchone()[0] == 2
    assert reader.execute("SELECT mood FROM checkins WHERE id = ?", [saved.id]).fetchone()[0] == 6
    reader.close()
    assert not journal_path.read_bytes().startswith(b"SQLite format 3")  # still encrypted
