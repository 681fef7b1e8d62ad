"""`serjournal report`: what the page holds, what it leaves out, where it goes,
and how --since last-report follows the reports made before."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.store import migrations
from serjournal.store.connection import open_journal
from tests.journal_builder import add

runner = CliRunner()
TODAY = date.today()
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def report(*args: str) -> Any:
    return runner.invoke(app, ["report", *args])


def day(offset: int) -> date:
    return TODAY - timedelta(days=offset)


@pytest.fixture
def journal(db, journal_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A fortnight: an ordinary day, a hard one with notes, a shared one and a private one."""
    add(db, day(12), distress=2, mood=7, sensations=[("shoulders/left", "tense", 4)])
    add(
        db,
        day(10),
        distress=8,
        mood=3,
        distress_after=5,
        practice="breath",
        sensations=[("chest", "tight", 7, 4, True)],
        emotions=[("anxious", 6, "chest")],
        answers={"focus": "the <b>meeting</b> with my sister", "speak": "slow down"},
        takeaway="Breathe out longer than in.",
    )
    add(
        db,
        day(6),
        distress=7,
        mood=4,
        answers={"memory": "the old house in winter"},
        takeaway="Ask for help earlier.",
        tags=["share"],
    )
    add(
        db,
        day(3),
        distress=9,
        mood=2,
        answers={"focus": "something only for me"},
        takeaway="A secret takeaway.",
        tags=["Private", "work"],
    )
    return journal_path


def made(path: Path, *args: str, notes: bool = False) -> tuple[Any, str]:
    target = path.parent / "session.html"
    extra = ["--include-notes"] if notes else []
    result = report(
        "--db", str(path), "--since", day(13).isoformat(), "-o", str(target), *args, *extra
    )
    assert result.exit_code == 0, result.output
    return result, target.read_text(encoding="utf-8")


def reports_in(path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT first_day, last_day, with_notes FROM reports ORDER BY id"
        ).fetchall()
    conn.close()
    return rows


def test_report_is_a_private_self_contained_page(journal: Path) -> None:
    result, page = made(journal)
    target = journal.parent / "session.html"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert messages.REPORT_SAVED.format(path=target) in result.stdout
    for heading in (
        "The period at a glance",
        "Body map",
        "Emotions and where they were felt",
        "Release practices",
        "Days with the highest distress",
        "Takeaways",
    ):
        assert f"<h2>{heading}" in page
    assert 'class="body-map"' in page and "<title>chest: 1 times" in page
    lowered = page.lower()
    for loader in ("<script", "src=", "href=", "url(", "@import", "<link", "<iframe"):
        assert loader not in lowered, loader
    assert "default-src 'none'" in page  # the browser is told to load nothing too
    assert messages.DISCLAIMER in page


def test_notes_are_left_out_unless_asked_and_shared_ones_shown(journal: Path) -> None:
    _, page = made(journal)
    assert "meeting" not in page and "slow down" not in page
    assert "2 written answers left out" in page
    assert "the old house in winter" in page  # tagged share: its notes are shown
    assert messages.REPORT_NOTES_LEFT_OUT in page
    assert "Breathe out longer than in." in page and "Ask for help earlier." in page
    _, with_notes = made(journal, notes=True)
    assert "the &lt;b&gt;meeting&lt;/b&gt; with my sister" in with_notes  # escaped, not markup
    assert "slow down" in with_notes and messages.REPORT_NOTES_INCLUDED in with_notes
    assert reports_in(journal)[-1][2] == 1


@pytest.mark.parametrize("notes", [False, True])
def test_a_private_checkin_is_never_quoted_or_listed(journal: Path, notes: bool) -> None:
    _, page = made(journal, notes=notes)
    assert "something only for me" not in page and "A secret takeaway." not in page
    hard_days = page.split("Days with the highest distress")[1].split("<h2>")[0]
    assert f"{day(3):%a %d %b %Y}" not in hard_days  # its distress 9 was the highest
    assert f"{day(10):%a %d %b %Y}" in hard_days
    assert messages.plural(1, messages.REPORT_PRIVATE) in page
    # Its ratings still count: the average distress is (2 + 8 + 7 + 9) / 4.
    glance = page.split("The period at a glance")[1].split("</table>")[0]
    assert '<td>distress</td><td class="num">6.5</td>' in glance


def test_default_name_never_overwrites(journal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(journal.parent)
    first = report("--db", str(journal), "--since", day(13).isoformat())
    second = report("--db", str(journal), "--since", day(13).isoformat())
    assert first.exit_code == 0 and second.exit_code == 0
    name = f"serjournal-report-{day(13):%Y-%m-%d}-to-{TODAY:%Y-%m-%d}"
    assert (journal.parent / f"{name}.html").exists()
    assert (journal.parent / f"{name}-2.html").exists()
    assert len(reports_in(journal)) == 2


def test_report_to_standard_output(journal: Path) -> None:
    result = report("--db", str(journal), "--since", day(13).isoformat(), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")
    assert reports_in(journal) == [(day(13).isoformat(), TODAY.isoformat(), 0)]


def test_since_last_report_starts_the_day_after(journal: Path) -> None:
    missing = report("--db", str(journal), "--since", "last-report", "-o", "-")
    assert missing.exit_code == 2 and missing.stderr == f"Error: {messages.REPORT_NO_LAST}\n"
    first = report(
        "--db", str(journal), "--since", day(13).isoformat(), "--until", day(5).isoformat(),
        "-o", "-",
    )  # fmt: skip
    assert first.exit_code == 0
    second = report("--db", str(journal), "--since", "last-report", "-o", "-")
    assert second.exit_code == 0
    assert f"{day(4):%a %d %b}" in second.stdout  # starts the day after the first ended
    assert reports_in(journal) == [
        (day(13).isoformat(), day(5).isoformat(), 0),
        (day(4).isoformat(), TODAY.isoformat(), 0),
    ]
    third = report("--db", str(journal), "--since", "last-report", "-o", "-")
    assert third.exit_code == 2 and "already covers up to" in third.stderr
    assert len(reports_in(journal)) == 2


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--since", "someday"], "Could not read the time 'someday'"),
        (["--since", "2026-11-10", "--until", "2026-11-01"], "is after --until"),
        (["--since", "1000 years ago"], "Could not read the time"),
        (["--since", (TODAY + timedelta(days=3)).isoformat()], "is after --until"),
        (["--since", day(400).isoformat(), "--until", day(300).isoformat()], "No check-ins"),
        ([], "Missing option '--since'"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    journal: Path, args: list[str], fragment: str
) -> None:
    target = journal.parent / "session.html"
    result = report("--db", str(journal), *args, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and fragment in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not target.exists() and reports_in(journal) == []


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_report_never_writes_over_the_journal(journal: Path, suffix: str) -> None:
    before = journal.read_bytes() if not suffix else None
    result = report(
        "--db", str(journal), "--since", day(13).isoformat(), "-o", str(journal) + suffix
    )
    assert result.exit_code == 2 and "journal" in result.stderr
    assert reports_in(journal) == []  # not noted: nothing was written
    if before is not None:
        with sqlite3.connect(journal) as conn:  # still the journal, whole
            assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 4
        conn.close()


def test_no_journal_is_one_line(journal_path: Path) -> None:
    result = report("--db", str(journal_path), "--since", "2026-01-01")
    assert result.exit_code == 3
    assert result.stderr == f"Error: {messages.JOURNAL_MISSING.format(path=journal_path)}\n"
    assert not journal_path.exists()


def test_a_journal_held_by_another_program_stops_the_report_before_any_file(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERJOURNAL_BUSY_TIMEOUT_MS", "100")
    target = journal.parent / "session.html"
    holder = sqlite3.connect(journal, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = report("--db", str(journal), "--since", day(13).isoformat(), "-o", str(target))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3
    assert result.stderr == f"Error: {messages.JOURNAL_LOCKED.format(path=journal)}\n"
    assert not target.exists() and reports_in(journal) == []


def test_report_into_a_full_disk_is_one_line_and_not_noted(journal: Path) -> None:
    with open("/dev/full", "w") as full:
        finished = subprocess.run(
            [sys.executable, "-m", "serjournal", "report", "--db", str(journal),
             "--since", day(13).isoformat(), "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert finished.returncode == 2
    assert finished.stderr == "Error: Could not write standard output: No space left on device.\n"
    assert reports_in(journal) == []


def test_text_from_the_journal_is_escaped(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(
        db,
        day(1),
        distress=6,
        takeaway='<script>alert("x")</script> & <img src=x>',
        tags=["<b>tag</b>"],
        answers={"focus": "</blockquote><script>1</script>"},
        emotions=[("anxious", 4, "chest")],
    )
    result, page = made(journal_path, notes=True)
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x&gt;" in page


def test_a_schema_4_journal_is_upgraded_and_reported(tmp_path: Path) -> None:
    journal = tmp_path / "journal.db"
    shutil.copyfile(FIXTURES / "journal-v4.db", journal)
    target = tmp_path / "old.html"
    result = report(
        "--db", str(journal), "--since", "2026-11-01", "--until", "2026-11-30", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    assert "Notes for a session" in target.read_text(encoding="utf-8")
    db = open_journal(journal)
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations")]
    assert "m005_reports" in applied and applied[-1] == migrations.known_names()[-1]
    db.close()
    assert reports_in(journal) == [("2026-11-01", "2026-11-30", 0)]


def test_saved_message_into_a_full_stdout_is_one_line(journal: Path) -> None:
    target = journal.parent / "session.html"
    with open("/dev/full", "w") as full:
        finished = subprocess.run(
            [sys.executable, "-m", "serjournal", "report", "--db", str(journal),
             "--since", day(13).isoformat(), "-o", str(target)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert finished.returncode == 2 and "Traceback" not in finished.stderr
    assert finished.stderr == "Error: Could not write standard output: No space left on device.\n"
    assert target.exists() and len(reports_in(journal)) == 1  # made and noted before the message


def test_a_report_made_meanwhile_stops_last_report_before_any_file(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two terminals asking for --since last-report at once: the second to
    write finds the first's note inside its own transaction and writes nothing."""
    from serjournal.render import report_html
    from serjournal.store.writes import record_report

    first = report(
        "--db", str(journal), "--since", day(13).isoformat(), "--until", day(8).isoformat(),
        "-o", "-",
    )  # fmt: skip
    assert first.exit_code == 0
    real_page = report_html.report_page

    def page_while_another_report_is_made(made: Any) -> str:
        other = open_journal(journal)
        record_report(other, day(7), day(2), with_notes=False, write=lambda: None)
        other.close()
        return real_page(made)

    monkeypatch.setattr(report_html, "report_page", page_while_another_report_is_made)
    target = journal.parent / "second.html"
    result = report("--db", str(journal), "--since", "last-report", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.REPORT_MADE_MEANWHILE}\n"
    assert not target.exists()
    assert [r[:2] for r in reports_in(journal)] == [
        (day(13).isoformat(), day(8).isoformat()),
        (day(7).isoformat(), day(2).isoformat()),
    ]
