"""Issue 9, "Crashes and hangs": input that made a command fail with a
traceback, hang, or run out of memory now gets one clear line and a non-zero
exit, and nothing is written. Each test also checks what was (not) stored."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import content
from serjournal.cli import app
from tests.robustness.cli_cases import (
    JOURNAL_COMMANDS,
    KNOWN_ID,
    JournalCommand,
    import_file,
    make_journal,
)
from tests.robustness.procs import SPAWNED, child_env, run_cli

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
    assert "1 rejected" in dry.stdout and "1 check-in would be added" in dry.stdout


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


# --- A lone surrogate in a name ---------------------------------------------------------

SURROGATE_ENTRY = (
    '{"mood": 5, "emotions": [{"name": "awe\\ud800", "family": "wonder",'
    ' "valence": "pleasant", "energy": "high", "intensity": 3}]}'
)


@pytest.mark.parametrize(
    "entry",
    [
        SURROGATE_ENTRY,
        SURROGATE_ENTRY.replace('"awe\\ud800"', '"awe"').replace('"wonder"', '"wo\\udcffnder"'),
        # A record (id and time): its region words are kept as written, but must be text.
        '{"id": "0a0a0a0a-1111-4000-8000-000000000009", "created_utc": "2026-11-20T08:00:00Z",'
        ' "sensations": [{"region": "ne\\ud800ck", "quality": "tight", "intensity": 3}]}',
        '{"mood": 5, "tags": ["ok", "\\udfff"]}',
    ],
)
def test_a_lone_surrogate_in_any_text_is_refused_by_checkin_and_import(
    journal_path: Path, tmp_path: Path, entry: str
) -> None:
    one = tmp_path / "one.json"
    one.write_text(entry, encoding="utf-8")
    assert "\\ud" in one.read_text() or "\\udf" in one.read_text()  # the escape, as JSON has it
    given = invoke("checkin", "--db", journal_path, "--from-json", one)
    assert_one_line_error(given, "not readable text")
    imported = invoke("import", "--db", journal_path, one)
    assert_one_line_error(imported, "1 check-in is invalid", "not readable text")
    dry = invoke("import", "--db", journal_path, "--dry-run", one)
    assert "0 check-ins would be added" in dry.stdout and "1 rejected" in dry.stdout
    assert count(journal_path) == 0


# --- JSON nested far too deep -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"checkins": [{"mood": 5, "tags": ' + "[" * 990 + "]" * 990 + "}]}",
        '{"checkins": [{"mood": 5, "answers": {"note": ' + '{"a": ' * 200 + "1" + "}" * 202 + "]}",
    ],
)
def test_json_nested_far_too_deep_is_one_line(
    journal_path: Path, tmp_path: Path, text: str
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(text, encoding="utf-8")
    assert_one_line_error(invoke("import", "--db", journal_path, deep), "nested far too deeply")
    dry = invoke("import", "--db", journal_path, "--dry-run", deep)
    assert_one_line_error(dry, "nested far too deeply")
    checkin = invoke("checkin", "--db", journal_path, "--from-json", deep)
    assert_one_line_error(checkin, "nested far too deeply")
    assert count(journal_path) == 0


def test_a_real_export_is_not_too_deep(journal_path: Path, tmp_path: Path) -> None:
    make_journal(journal_path, 3)
    exported = invoke("export", "--db", journal_path, "--format", "json", "-o", tmp_path / "e.json")
    assert exported.exit_code == 0, exported.output
    other = tmp_path / "other.db"
    assert invoke("import", "--db", other, tmp_path / "e.json").exit_code == 0
    assert count(other) == 3


# --- A config nested 2,000 deep (or that is not a file) ----------------------------------

DEEP_CONFIG = "default_mode = " + "[" * 2000 + "]" * 2000 + "\n"


def config_file() -> Path:
    path = Path(os.environ["SERJOURNAL_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_a_config_nested_far_too_deep_never_stops_a_checkin(journal_path: Path) -> None:
    config_file().write_text(DEEP_CONFIG, encoding="utf-8")
    saved = invoke("checkin", "--db", journal_path, "--mood", "4", "--note", "still saved")
    assert saved.exit_code == 0, saved.output
    assert "Traceback" not in saved.output
    assert saved.stderr.startswith("Warning: the config ") and "nested far too deeply" in (
        saved.stderr
    )
    assert "Using the defaults." in saved.stderr
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("SELECT mood FROM checkins").fetchall() == [(4,)]
    shown = invoke("config", "show")
    assert shown.exit_code == 1 and "nested far too deeply" in shown.stderr
    doctor = invoke("doctor", "--db", journal_path)
    assert doctor.exit_code == 1 and "fix  config" in doctor.stdout
    assert "nested far too deeply" in doctor.stdout


@pytest.mark.parametrize("command", JOURNAL_COMMANDS, ids=str)
def test_every_journal_command_works_under_a_config_nested_far_too_deep(
    command: JournalCommand, tmp_path: Path
) -> None:
    journal = make_journal(tmp_path / "journal.db", 3)
    config_file().write_text(DEEP_CONFIG, encoding="utf-8")
    result = invoke(*command.args(journal))
    # doctor's job is to report the config; the test above checks it says "fix  config".
    expected = 1 if command.name == "doctor" else command.good_exit
    assert result.exit_code == expected, result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_config_that_is_a_pipe_never_stops_a_checkin(journal_path: Path) -> None:
    os.mkfifo(config_file())
    saved = run_cli("checkin", "--db", journal_path, "--mood", "4", env=child_env())
    assert saved.returncode == 0, saved.stderr
    assert "not a regular file" in saved.stderr and "Using the defaults." in saved.stderr
    assert count(journal_path) == 1
    doctor = run_cli("doctor", "--db", journal_path, env=child_env())
    assert doctor.returncode == 1 and "fix  config" in doctor.stdout


# --- Breath phases of almost nothing ------------------------------------------------------


@pytest.mark.parametrize(
    "breath_text",
    [
        "inhale = 1e-300\n",
        "inhale = 1e-300\nhold = 0\nexhale = 0\nseconds = 60\n",
        "exhale = 0.001\nhold = 0\ninhale = 0\ncycles = 3\n",
    ],
)
def test_a_breath_phase_of_almost_no_time_is_refused(breath_text: str) -> None:
    from serjournal.config import load_config
    from serjournal.flow.practice import breath_phases

    config_file().write_text("[breath]\n" + breath_text, encoding="utf-8")
    config = load_config()
    warnings = " ".join(config.warnings)
    assert "'breath." in warnings and "from 0.5 to 30 seconds" in warnings
    breath, default = config.settings.breath, content.BreathPattern()
    # The refused phase keeps its default, the valid ones apply, and no phase
    # is a sliver of a second, so the practice has a sane length.
    tiny = breath_text.split(" =")[0]
    assert getattr(breath, tiny) == getattr(default, tiny)
    assert all(p == 0 or p >= 0.5 for p in (breath.inhale, breath.hold, breath.exhale))
    assert len(breath_phases(breath)) <= 3 * 100


def test_the_shortest_phases_allowed_make_a_practice_of_bounded_length() -> None:
    from serjournal.config import load_config

    config_file().write_text(
        "[breath]\ninhale = 0.5\nhold = 0\nexhale = 0\nseconds = 3600\n", encoding="utf-8"
    )
    config = load_config()
    assert config.warnings == []
    assert config.settings.breath.cycles == 7200  # an hour of half-second breaths, no more


# --- list: words that are not text, a limit beyond any integer ----------------------------


@pytest.mark.parametrize("option", ["--tag", "--emotion", "--region"])
def test_list_filters_given_undecodable_bytes_are_one_line(journal_path: Path, option: str) -> None:
    make_journal(journal_path, 3)
    result = subprocess.run(  # the byte itself, as a shell passes $'\xff'
        [sys.executable, "-m", "serjournal", "list", "--db", str(journal_path), option, b"\xff"],
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Error: The text for {option} holds bytes that are not readable text "
        "(another encoding?); type it again, or save the file as UTF-8."
    ]


def test_a_limit_beyond_any_integer_lists_everything(journal_path: Path) -> None:
    make_journal(journal_path, 12)
    listed = invoke("list", "--db", journal_path, "-n", "99999999999999999999", "--json")
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) == 12
    found = invoke("search", "evening", "--db", journal_path, "-n", "99999999999999999999")
    assert found.exit_code == 0, found.output
    searched = invoke(
        "search", "evening", "--db", journal_path, "-n", "99999999999999999999", "--json"
    )
    assert len({hit["id"] for hit in json.loads(searched.stdout)}) == 12


# --- $EDITOR that is not a command -------------------------------------------------------


def test_an_editor_with_an_unclosed_quote_is_one_line_and_makes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "'x")
    result = invoke("config", "edit")
    assert_one_line_error(result, "Could not run the editor", "No closing quotation")
    assert not Path(os.environ["SERJOURNAL_CONFIG"]).exists()


def test_an_editor_of_only_spaces_never_runs_the_config_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from serjournal.cli import config as config_commands

    ran: list[list[str]] = []

    def fake_run(command: list[str], check: bool) -> subprocess.CompletedProcess[str]:
        ran.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(config_commands.subprocess, "run", fake_run)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "   ")
    result = invoke("config", "edit")
    assert result.exit_code == 0, result.output
    path = os.environ["SERJOURNAL_CONFIG"]
    assert ran == [[config_commands._fallback_editor(), path]]


# --- Printing into a full disk ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["list"], ["list", "--json"], ["show", KNOWN_ID[:8]], ["search", "evening"]],
    ids=" ".join,
)
def test_printing_into_a_full_disk_is_one_line(journal_path: Path, args: list[str]) -> None:
    make_journal(journal_path, 3)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "serjournal", *args, "--db", str(journal_path)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Error: Could not write standard output: No space left on device."
    ]


# --- --db naming a FIFO ------------------------------------------------------------------


def _fifo_cases(journal: Path, tmp_path: Path) -> list[list[str | Path]]:
    source = make_journal(tmp_path / "source.db", 2)
    backup = tmp_path / "backup.db"
    assert run_cli("backup", backup, "--db", source).returncode == 0
    entry = tmp_path / "entry.json"
    entry.write_text('{"mood": 5}', encoding="utf-8")
    return [
        *(command.args(journal) for command in JOURNAL_COMMANDS),
        ["import", "--dry-run", import_file(journal), "--db", journal],
        ["checkin", "--from-json", entry, "--db", journal],
        ["export", "--all", tmp_path / "all", "--db", journal],
        ["review", "--save", tmp_path / "r.html", "--db", journal],
        ["trash", "list", "--db", journal],
        ["trash", "restore", KNOWN_ID[:8], "--db", journal],
        ["undo", "--db", journal],
        ["restore", backup, "--db", journal],
        ["demo", "--db", journal],
        ["doctor", "--db", journal],
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_every_command_refuses_a_journal_that_is_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "journal.db"
    os.mkfifo(fifo)
    runs = [(args, child_env()) for args in _fifo_cases(fifo, tmp_path)]
    runs.append((["list"], child_env(SERJOURNAL_DB=str(fifo))))  # the same through the env
    # All at once (two cores), each in its own process: a hang is a timeout
    # below and the children are killed (conftest), never a stuck suite.
    started = [
        (args, _start([sys.executable, "-m", "serjournal", *map(str, args)], env))
        for args, env in runs
    ]
    tab = _start(
        [sys.executable, "-m", "serjournal"],
        child_env(
            _SERJOURNAL_COMPLETE="complete_bash",
            COMP_WORDS=f"serjournal list --db {fifo} --tag ",
            COMP_CWORD="5",
        ),
    )
    for args, child in started:
        stdout, stderr = child.communicate(timeout=120)
        assert child.returncode != 0, (args, stdout)
        assert "Traceback" not in stderr, (args, stderr)
        said = stderr if args[0] != "doctor" else stdout
        assert "is not a regular file (a pipe or a device?)" in said, (args, said)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe: nothing moved or replaced
    suggestions, _ = tab.communicate(timeout=120)
    assert tab.returncode == 0 and suggestions.strip() == ""  # Tab offers nothing, at once


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    SPAWNED.append(child)  # killed at the end of the test if still running
    return child


# --- One answer of ten megabytes ------------------------------------------------------------

LIMIT = 20_000  # answers.MAX_TEXT_CHARS, as documented in the README
TOO_LONG = "words " * (LIMIT // 6) + "and more"  # just over the limit
assert len(TOO_LONG) > LIMIT


def test_the_documented_limit_is_the_one_in_force() -> None:
    from serjournal.answers import MAX_TEXT_CHARS

    assert MAX_TEXT_CHARS == LIMIT
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "20,000 characters" in readme


def test_a_ten_megabyte_answer_is_refused_wherever_answers_enter(
    journal_path: Path, tmp_path: Path
) -> None:
    make_journal(journal_path, 1)
    before = journal_path.read_bytes()
    huge = {"mood": 5, "answers": {"note": "x" * 10_000_000}}
    (tmp_path / "huge.json").write_text(json.dumps(huge), encoding="utf-8")
    given = invoke("checkin", "--db", journal_path, "--from-json", tmp_path / "huge.json")
    assert_one_line_error(given, "The text for note is 10,000,000 characters", "at most 20,000")
    imported = invoke("import", "--db", journal_path, tmp_path / "huge.json")
    assert_one_line_error(imported, "check-in 1: The text for note is 10,000,000 characters")

    flags = invoke("checkin", "--db", journal_path, "--mood", "5", "--takeaway", TOO_LONG)
    assert_one_line_error(flags, "The text for takeaway is", "at most 20,000")
    tagged = invoke("checkin", "--db", journal_path, "--mood", "5", "--tag", TOO_LONG)
    assert_one_line_error(tagged, "The text for tags is")
    edited = invoke("edit", KNOWN_ID[:8], "--db", journal_path, "--set", f"focus={TOO_LONG}")
    assert_one_line_error(edited, "The text for focus is")
    edit_tag = invoke("edit", KNOWN_ID[:8], "--db", journal_path, "--tag", TOO_LONG)
    assert_one_line_error(edit_tag, "The text for tags is")

    from serjournal.transfer import columns

    header = list(columns.CHECKINS)
    row = dict.fromkeys(header, "") | {
        "created_utc": "2026-11-21T08:00:00Z",
        "utc_offset_minutes": "0",
        "mode": "quick",
        "note": TOO_LONG,
    }
    spreadsheet = tmp_path / "long.csv"
    spreadsheet.write_text(
        ",".join(header) + "\r\n" + ",".join(row[name] for name in header) + "\r\n",
        encoding="utf-8",
    )
    from_csv = invoke("import", "--db", journal_path, spreadsheet)
    assert_one_line_error(from_csv, "row 2: The text for note is")
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        DAYLIO_HEADER + f"2026-03-01,x,x,10:00,good,,,{TOO_LONG}\r\n", encoding="utf-8"
    )
    from_daylio = invoke("import", "--db", journal_path, daylio)
    assert_one_line_error(from_daylio, "row 2: The text for note is")

    assert count(journal_path) == 1
    with sqlite3.connect(journal_path) as conn:
        (focus,) = conn.execute(
            "SELECT text FROM answers WHERE checkin_id = ? AND prompt = 'focus'", [KNOWN_ID]
        ).fetchone()
    assert focus.startswith("entry 0: ")  # the edit changed nothing
    assert before  # the journal file was there all along


def test_an_answer_at_the_limit_is_kept_whole(journal_path: Path, tmp_path: Path) -> None:
    longest = ("a line of writing, then another\n" * 1000)[:LIMIT]
    (tmp_path / "one.json").write_text(
        json.dumps({"mood": 5, "answers": {"memory": longest}}), encoding="utf-8"
    )
    saved = invoke("checkin", "--db", journal_path, "--from-json", tmp_path / "one.json")
    assert saved.exit_code == 0, saved.output
    exported = json.loads(invoke("export", "--db", journal_path, "--format", "json").stdout)
    assert exported["checkins"][0]["answers"]["memory"] == longest


def test_an_answer_saved_before_the_limit_does_not_block_editing(journal_path: Path) -> None:
    from serjournal.models import CheckIn
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    old = CheckIn(mood=4, answers={"note": "n" * 50_000}, tags=["t" * 30_000])
    db = open_journal(journal_path)
    save_checkin(db, old)  # as an older serjournal could
    db.close()
    mood = invoke("edit", old.id[:8], "--db", journal_path, "--set", "mood=6")
    assert mood.exit_code == 0, mood.output
    exported = json.loads(invoke("export", "--db", journal_path, "--format", "json").stdout)
    (back,) = exported["checkins"]
    assert (back["mood"], back["answers"]["note"], back["tags"]) == (6, "n" * 50_000, old.tags)
    longer = invoke("edit", old.id[:8], "--db", journal_path, "--set", "focus=" + "f" * 50_000)
    assert_one_line_error(longer, "The text for focus is 50,000 characters")


def test_an_edit_through_the_menu_with_a_too_long_answer_is_not_saved(db: Any) -> None:
    from serjournal.errors import InputError
    from serjournal.models import CheckIn
    from serjournal.store.checkins import load_checkin
    from serjournal.store.writes import edit_checkin, save_checkin
    from serjournal.vocabulary import default_vocabulary

    original = CheckIn(mood=4, answers={"note": "short"})
    save_checkin(db, original)

    def typed_at_length(current: CheckIn) -> CheckIn:
        current.answers["shift"] = TOO_LONG
        return current

    with pytest.raises(InputError, match="The text for shift is"):
        edit_checkin(
            db, original.id, typed_at_length, vocabulary=default_vocabulary(), expected=original
        )
    assert load_checkin(db, original.id).answers == {"note": "short"}


def test_the_interactive_text_prompt_refuses_an_answer_beyond_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from serjournal.flow import widgets
    from serjournal.flow.prompter import TerminalPrompter

    seen: dict[str, Any] = {}

    def fake_ask_text(question: Any, **options: Any) -> str:
        seen.update(options)
        return str(options.get("default", ""))

    monkeypatch.setattr(widgets, "ask_text", fake_ask_text)
    kept = "k" * 30_000  # an answer saved before the limit, offered again when editing
    assert TerminalPrompter().text("What shifted?", default=kept) == kept
    validate = seen["validate"]
    assert validate(kept) is True  # Enter keeps it
    assert validate("a short answer") is True
    assert validate("x" * LIMIT) is True
    hint = validate("x" * (LIMIT + 1))
    assert isinstance(hint, str) and "20,001 characters" in hint and "20,000" in hint
