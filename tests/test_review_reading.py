"""The review's quick, read-only way into the journal, and when it steps aside."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from serjournal import messages
from serjournal.errors import JournalError
from serjournal.store import migrations, reading
from serjournal.store.connection import open_journal


def test_fast_path_knows_the_same_facts_as_the_migrations() -> None:
    from serjournal.store import format

    assert tuple(migrations.known_names()) == format.MIGRATION_NAMES


def test_no_journal_yet_reads_as_none(tmp_path: Path) -> None:
    assert reading.open_for_reading(tmp_path / "missing.db") is None
    assert not (tmp_path / "missing.db").exists()


def test_an_upgraded_journal_opens_read_only(journal_path: Path) -> None:
    open_journal(journal_path).close()
    conn = reading.open_for_reading(journal_path)
    assert conn is not None
    assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM checkins")
    conn.close()


def test_an_older_journal_is_read_through_an_upgraded_copy_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    import shutil

    old = tmp_path / "journal.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "journal-v3.db", old)
    before = old.read_bytes()
    conn = reading.open_for_reading(old)
    assert conn is not None
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert names == migrations.known_names()  # the copy is current ...
    assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] > 0
    conn.close()
    assert old.read_bytes() == before  # ... and the file untouched: reads never write
    assert not old.with_name("journal.db-wal").exists()


def test_a_newer_journal_is_refused_as_open_journal_would(journal_path: Path) -> None:
    open_journal(journal_path).close()
    raw = sqlite3.connect(journal_path)
    raw.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('serjournal', 'm999_from_the_future', '2030-01-01')"
    )
    raw.commit()
    raw.close()
    with pytest.raises(JournalError, match="newer serjournal"):
        reading.open_for_reading(journal_path)


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    raw = sqlite3.connect(foreign)
    raw.execute("CREATE TABLE notes (text TEXT)")
    raw.commit()
    raw.close()
    before = foreign.read_bytes()
    with pytest.raises(JournalError, match="another program"):
        reading.open_for_reading(foreign)
    assert foreign.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("dear diary")
    with pytest.raises(JournalError, match="not an SQLite file"):
        reading.open_for_reading(text)


def _run_fresh(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `serjournal ARGS` in a fresh process, as the installed script does,
    and list the modules it had imported when it exited. Its exit code is
    the program's own: nothing here catches SystemExit."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(*sorted(sys.modules), sep='\\n', file=sys.stderr))\n"
        "from serjournal.cli import main\n"
        f"sys.argv = ['serjournal', *{list(args)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return done, set(done.stderr.split())


@pytest.mark.parametrize("as_json", [True, False])
def test_review_stays_light_on_an_up_to_date_journal(journal_path: Path, as_json: bool) -> None:
    from datetime import date

    from tests.journal_builder import add

    db = open_journal(journal_path)
    add(db, date.today(), sensations=[("chest", "tight", 5)])
    db.close()
    args = ["review", "--db", str(journal_path)] + (["--json"] if as_json else [])
    done, modules = _run_fresh(*args)
    # The review really ran: it exited 0 and shows this week's one check-in.
    assert done.returncode == 0, done.stderr[-2000:]
    if as_json:
        summary = json.loads(done.stdout)
        assert summary["consistency"]["checkins"] == 1
        assert [(b["region"], b["times"]) for b in summary["body"]] == [("chest", 1)]
    else:
        assert done.stdout.startswith("Your review of week ")
        assert (
            messages.REVIEW_COUNT.format(checkins="1 check-in", days=1, period_days=7)
            in done.stdout
        )
        assert "chest" in done.stdout
    assert "sqlite_utils" not in modules  # the stdlib read path was taken
    assert ("rich.console" in modules) is not as_json  # JSON never draws


def test_the_light_path_check_sees_a_failing_review(tmp_path: Path) -> None:
    """The helper above reports a failed command as failed (it used to swallow
    SystemExit, so a review that stopped at once looked like a light one)."""
    notes = tmp_path / "notes.db"
    notes.write_text("dear diary")
    done, modules = _run_fresh("review", "--db", str(notes))
    assert done.returncode == 3
    assert done.stderr.startswith("Error: " + messages.JOURNAL_NOT_SQLITE.format(path=notes))
    assert done.stdout == "" and "serjournal.review.summary" in modules
