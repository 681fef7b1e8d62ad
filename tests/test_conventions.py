"""The conventions people expect (issue 13): show last / -N, one line per
entry in `list` at any width, `-` for standard output."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.render.listing import one_line_rows
from serjournal.store.checkins import CheckInLine
from serjournal.textsafe import for_terminal

runner = CliRunner()


def save(journal: Path, *args: str) -> str:
    result = runner.invoke(app, ["checkin", "--db", str(journal), *args])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["list", "--json", "--db", str(journal), "--limit", "1"])
    return str(json.loads(listed.stdout)[0]["id"])


@pytest.fixture
def three(journal_path: Path) -> list[str]:
    """Three check-ins, oldest first."""
    return [
        save(journal_path, "--mood", str(mood), "--at", f"{days} days ago")
        for mood, days in ((1, 3), (2, 2), (3, 1))
    ]


@pytest.mark.parametrize(("reference", "index"), [("last", 2), ("-1", 2), ("-2", 1), ("-3", 0)])
def test_show_last_and_counting_back(
    journal_path: Path, three: list[str], reference: str, index: int
) -> None:
    result = runner.invoke(app, ["show", reference, "--db", str(journal_path)])
    assert result.exit_code == 0, result.output
    assert three[index] in result.stdout  # the panel ends with the whole id
    assert all(other not in result.stdout for other in three if other != three[index])


def test_counting_back_too_far_or_not_a_number(journal_path: Path, three: list[str]) -> None:
    result = runner.invoke(app, ["show", "-4", "--db", str(journal_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: " + messages.NO_LAST.format(number=4, total=3)
    odd = runner.invoke(app, ["show", "-x", "--db", str(journal_path)])
    assert odd.exit_code == 2 and "not a check-in id" in odd.stderr


def test_edit_and_delete_take_last_too(journal_path: Path, three: list[str]) -> None:
    assert (
        runner.invoke(app, ["edit", "last", "--set", "mood=9", "--db", str(journal_path)]).exit_code
        == 0
    )
    shown = runner.invoke(app, ["list", "--json", "--db", str(journal_path)]).stdout
    moods = {row["id"]: row["mood"] for row in json.loads(shown)}
    assert moods == {three[0]: 1, three[1]: 2, three[2]: 9}
    assert runner.invoke(app, ["delete", "-2", "--yes", "--db", str(journal_path)]).exit_code == 0
    left = [
        row["id"]
        for row in json.loads(
            runner.invoke(app, ["list", "--json", "--db", str(journal_path)]).stdout
        )
    ]
    assert left == [three[2], three[0]]


def line(regions: str, emotions: str, tags: str = "", mood: int | None = 6) -> CheckInLine:
    return CheckInLine(
        id="0a0a0a0a-1111-4000-8000-000000000001",
        created_utc="2026-11-24T20:00:00Z",
        local_date="2026-11-24",
        utc_offset_minutes=60,
        mode="full",
        mood=mood,
        energy=4,
        distress=None,
        regions=regions,
        emotions=emotions,
        tags=tags,
    )


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_list_is_one_line_per_entry_at_any_width(width: int) -> None:
    from rich.cells import cell_len

    long_words = line(
        "chest, face and jaw, shoulders, upper back, belly",
        "anxious, hopeful, tender, overwhelmed",
        "work, late evening, 日本語のタグ",
    )
    rows = one_line_rows([long_words, line("chest", "calm")], width)
    assert len(rows) == 3  # the header and one line per entry
    for row in rows:
        assert "\n" not in row.plain
        if width >= 60:  # below the fixed columns' width a line can only be that long
            assert cell_len(row.plain) <= width, (width, row.plain)
    assert rows[1].plain.startswith("0a0a0a0a  ")
    assert "21:00" in rows[1].plain  # the local time
    assert "6     4       -" in rows[1].plain  # mood, energy, and the missing distress
    if width >= 120:
        assert "chest, face and jaw" in rows[1].plain
    if width < 80:
        assert "…" in rows[1].plain or "tags" not in rows[0].plain


def test_list_long_shows_every_word(journal_path: Path) -> None:
    save(journal_path, "--mood", "6", "-s", "chest:tight:5", "-s", "face and jaw:tense:4",
         "-e", "anxious:5", "--tag", "late evening")  # fmt: skip
    args = ["list", "--long", "--db", str(journal_path)]
    words = runner.invoke(app, args, env={"COLUMNS": "100"}).stdout.split()
    for word in ("chest,", "face", "and", "jaw", "anxious", "late", "evening", "full", "6/10"):
        assert word in words, word


@pytest.mark.parametrize(
    ("args", "starts"),
    [
        (["export", "-o", "-"], "id,"),
        (["export", "--format", "json", "-o", "-"], '{"format": "serjournal"'),
        (["export", "--table", "sensations", "-o", "-"], "checkin_id,"),
        (["review", "--save", "-"], "<!DOCTYPE html>"),
        (["report", "--since", f"{date.today() - timedelta(days=13)}", "-o", "-"], "<!DOCTYPE"),
    ],
)
def test_dash_is_standard_output_wherever_a_file_is_written(
    journal_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    starts: str,
) -> None:
    save(journal_path, "--mood", "6", "--sensation", "chest:tight:5")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--db", str(journal_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith(starts)
    assert not (tmp_path / "-").exists()
    assert "Wrote" not in result.stderr and "Saved" not in result.stdout  # no file was written


def test_review_page_and_json_cannot_share_standard_output(journal_path: Path) -> None:
    save(journal_path, "--mood", "6")
    result = runner.invoke(app, ["review", "--json", "--save", "-", "--db", str(journal_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.SAVE_STDOUT_WITH_JSON}\n"
    assert result.stdout == ""


def test_one_line_rows_sanitise_nothing_themselves_but_the_console_does() -> None:
    rows = one_line_rows([line("chest\x1b[2J", "calm")], 100)
    assert "\x1b[2J" in rows[1].plain  # the data is as stored ...
    assert "\x1b" not in for_terminal(rows[1].plain)  # ... and the sanitiser shows it safely


def test_a_folder_of_files_is_not_standard_output(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(journal_path, "--mood", "6")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = runner.invoke(app, ["export", "--all", "-", "--db", str(journal_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.ALL_NOT_TO_STDOUT}\n"
    assert list(here.iterdir()) == []
