"""Issue 9, "Crashes and hangs": input that made a command fail with a
traceback, hang, or run out of memory now gets one clear line and a non-zero
exit, and nothing is written. Each test also checks what was (not) stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal.cli import app

runner = CliRunner()


def invoke(*args: str | Path, stdin: str | None = None, **kwargs: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=stdin, **kwargs)


def assert_one_line_error(result: Any, *expected: str) -> str:
    """A non-zero exit, no traceback, and one 'Error: ...' line on stderr."""
    assert result.exit_code not in (0, None), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


def count(journal: Path) -> int:
    if not journal.exists():
        return 0
    with sqlite3.connect(journal) as conn:
        return int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])


DAYLIO_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\r\n"


# --- Daylio dates a check-in cannot have --------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
def test_daylio_dates_outside_the_years_a_checkin_can_have_are_refused(
    journal_path: Path, tmp_path: Path, day: str
) -> None:
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        DAYLIO_HEADER + "2026-03-01,March 1,Sunday,10:00,good,,,fine\r\n"
        f"{day},x,x,23:00,good,,,far away\r\n",
        encoding="utf-8",
    )
    result = invoke("import", "--db", journal_path, daylio)
    assert_one_line_error(result, "row 3", day, "1900-2999")
    assert count(journal_path) == 0  # the whole file is refused, as for any invalid row
    dry = invoke("import", "--db", journal_path, "--dry-run", daylio)
    assert "1 rejected" in dry.stdout and "1 check-ins would be added" in dry.stdout


def test_daylio_dates_at_the_edges_of_the_years_import_and_stay_editable(
    journal_path: Path, tmp_path: Path, local_clock: Callable[..., None]
) -> None:
    local_clock("UTC")
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        DAYLIO_HEADER + "1900-01-01,x,x,00:00,good,,,first\r\n2999-12-31,x,x,23:59,good,,,last\r\n",
        encoding="utf-8",
    )
    assert invoke("import", "--db", journal_path, daylio).exit_code == 0
    with sqlite3.connect(journal_path) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM checkins ORDER BY created_utc")]
    for checkin_id in ids:
        edited = invoke("edit", checkin_id, "--db", journal_path, "--set", "mood=3")
        assert edited.exit_code == 0, edited.output
    with sqlite3.connect(journal_path) as conn:
        assert [r[0] for r in conn.execute("SELECT mood FROM checkins")] == [3, 3]
