"""`serjournal checkin`, `list`, `show`, --version and --help through typer's CliRunner.

Every bad input must give one line on stderr, a non-zero exit, no traceback,
and leave the journal exactly as it was (or not created at all).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import __version__, messages
from serjournal.answers import checkin_from_dict
from serjournal.cli import app
from serjournal.flow import prompter as prompter_module
from serjournal.paths import OutputError
from serjournal.store import drafts
from serjournal.store.connection import open_journal
from tests.draft_helpers import draft_files, only_draft, plant_draft
from tests.scripted import INTERRUPT, KEEP, ScriptedPrompter

runner = CliRunner()

FULL_FLAGS = [
    "--settledness", "5", "--mood", "6", "--energy", "4", "--distress", "3",
    "--focus", "a hard meeting",
    "--sensation", "chest:tight:6:3", "-s", "shoulders/left:tense:4",
    "--emotion", "anxious:5:chest", "-e", "relieved:2",
    "--memory", "school", "--target", "shoulders",
    "--speak", "slow down", "--need", "rest", "--image", "a grey stone",
    "--practice", "breath", "--practice-seconds", "60", "--distress-after", "1",
    "--shift", "softer", "--takeaway", "breathe first", "--closing-mood", "7",
    "--note", "extra", "--tag", "work", "-t", "evening",
]  # fmt: skip


def invoke(*args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin)


def rows(journal: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(journal) as conn:
        return conn.execute(sql, params).fetchall()


def only_checkin(journal: Path) -> dict[str, Any]:
    with sqlite3.connect(journal) as conn:
        conn.row_factory = sqlite3.Row
        (row,) = conn.execute("SELECT * FROM checkins").fetchall()
        return dict(row)


def assert_refused(result: Any, *expected: str) -> None:
    """One calm line on stderr, a non-zero exit, no traceback."""
    assert result.exit_code != 0, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for text in expected:
        assert text in lines[0], lines[0]


def assert_answers_printed(result: Any, **expected: Any) -> None:
    """stdout is exactly the check-in as JSON, which --from-json accepts."""
    printed = checkin_from_dict(json.loads(result.stdout))
    for field, value in expected.items():
        assert getattr(printed, field) == value, field


# --- Answers as flags ----------------------------------------------------------------


def test_every_flag_is_saved(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path), *FULL_FLAGS)
    assert result.exit_code == 0, result.output
    row = only_checkin(journal_path)
    assert row["mode"] == "full"
    assert [row[k] for k in ("settledness", "mood", "energy", "distress")] == [5, 6, 4, 3]
    assert [row[k] for k in ("distress_after", "closing_mood")] == [1, 7]
    assert (row["practice"], row["practice_seconds"]) == ("breath", 60)
    assert rows(
        journal_path,
        "SELECT region, side, quality, intensity, intensity_after, is_target "
        "FROM sensations ORDER BY position",
    ) == [("chest", None, "tight", 6, 3, 0), ("shoulders", "left", "tense", 4, None, 1)]
    assert rows(
        journal_path, "SELECT name, family, intensity, region FROM emotions ORDER BY position"
    ) == [("anxious", "fear", 5, "chest"), ("relieved", "joy", 2, None)]
    assert dict(rows(journal_path, "SELECT prompt, text FROM answers")) == {
        "focus": "a hard meeting",
        "memory": "school",
        "speak": "slow down",
        "need": "rest",
        "image": "a grey stone",
        "shift": "softer",
        "takeaway": "breathe first",
        "note": "extra",
    }
    assert rows(journal_path, "SELECT tag FROM tags ORDER BY rowid") == [("work",), ("evening",)]
    assert messages.SAVED.format(short_id=row["id"][:8], date=row["local_date"]) in result.stdout


def test_target_defaults_to_the_first_sensation(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path), "-s", "jaw:tense:5", "-s", "belly:warm:2")
    assert result.exit_code == 0, result.output
    assert rows(journal_path, "SELECT region, is_target FROM sensations ORDER BY position") == [
        ("face and jaw", 1),
        ("belly", 0),
    ]


def test_quick_flags_make_a_quick_checkin(journal_path: Path) -> None:
    result = invoke(
        "checkin", "--quick", "--db", str(journal_path),
        "--mood", "7", "-s", "chest:open:3", "-e", "grateful:6:chest", "--note", "good day",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert only_checkin(journal_path)["mode"] == "quick"
    assert rows(journal_path, "SELECT prompt, text FROM answers") == [("note", "good day")]


def test_quick_mode_limits_are_enforced(journal_path: Path) -> None:
    four = [
        arg
        for region in ("chest", "belly", "throat", "head")
        for arg in ("-s", f"{region}:tight:3")
    ]
    result = invoke("checkin", "--quick", "--db", str(journal_path), *four)
    assert_refused(result, messages.TOO_MANY_IN_QUICK.format(limit=3, kind="sensations", count=4))
    assert not journal_path.exists()
    emotions = [arg for name in ("peaceful", "safe", "hurt", "flat") for arg in ("-e", f"{name}:3")]
    result = invoke("checkin", "-q", "--db", str(journal_path), *emotions)
    assert_refused(result, "at most 3 emotions")
    assert not journal_path.exists()


def test_at_yesterday_evening_records_that_local_time(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path), "--mood", "5", "--at", "yesterday 21:00")
    assert result.exit_code == 0, result.output
    row = only_checkin(journal_path)
    yesterday = (datetime.now().astimezone() - timedelta(days=1)).date()
    assert row["local_date"] == yesterday.isoformat()
    created = datetime.fromisoformat(row["created_utc"].replace("Z", "+00:00"))
    local = created + timedelta(minutes=row["utc_offset_minutes"])
    assert (local.hour, local.minute) == (21, 0)


def test_at_iso_with_offset_keeps_the_offset(journal_path: Path) -> None:
    result = invoke(
        "checkin", "--db", str(journal_path), "--mood", "5", "--at", "2026-01-15T08:30:00+01:00"
    )
    assert result.exit_code == 0, result.output
    row = only_checkin(journal_path)
    assert (row["created_utc"], row["local_date"], row["utc_offset_minutes"]) == (
        "2026-01-15T07:30:00Z",
        "2026-01-15",
        60,
    )


@pytest.mark.parametrize("when", ["tomorrow", "2999-01-01T10:00", "next week-ish"])
def test_future_or_unreadable_at_is_refused(journal_path: Path, when: str) -> None:
    result = invoke("checkin", "--db", str(journal_path), "--mood", "5", "--at", when)
    assert_refused(result, when)
    assert not journal_path.exists()


def test_future_at_message(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path), "--mood", "5", "--at", "2999-01-01")
    assert_refused(result, messages.FUTURE_TIME.format(text="2999-01-01"))


# --- Answers as JSON ------------------------------------------------------------------


DOCUMENT = {
    "mode": "full",
    "mood": 4,
    "distress": 6,
    "sensations": [{"region": "throat", "quality": "tight", "intensity": 5, "is_target": True}],
    "emotions": ["worried:4:throat"],
    "answers": {"takeaway": "one thing at a time"},
    "tags": ["family"],
}


def test_from_json_file_with_extra_tags(tmp_path: Path, journal_path: Path) -> None:
    source = tmp_path / "checkin.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    result = invoke(
        "checkin", "--db", str(journal_path), "--from-json", str(source), "--tag", "sunday"
    )
    assert result.exit_code == 0, result.output
    row = only_checkin(journal_path)
    assert (row["mood"], row["distress"]) == (4, 6)
    assert rows(journal_path, "SELECT region, is_target FROM sensations") == [("throat", 1)]
    assert rows(journal_path, "SELECT name, region FROM emotions") == [("worried", "throat")]
    assert rows(journal_path, "SELECT tag FROM tags ORDER BY rowid") == [("family",), ("sunday",)]


def test_from_json_stdin(journal_path: Path) -> None:
    document = {**DOCUMENT, "mode": "quick", "answers": {"note": "from a script"}}
    result = invoke(
        "checkin", "--db", str(journal_path), "--from-json", "-", stdin=json.dumps(document)
    )
    assert result.exit_code == 0, result.output
    assert only_checkin(journal_path)["mode"] == "quick"
    assert rows(journal_path, "SELECT text FROM answers") == [("from a script",)]


def test_from_json_keeps_id_and_time_and_never_saves_it_twice(
    tmp_path: Path, journal_path: Path
) -> None:
    document = {
        **DOCUMENT,
        "id": "0b5d6f0e-7a3c-4c1e-9f57-1d2a3b4c5d6e",
        "created_utc": "2026-11-20T20:00:00Z",
        "utc_offset_minutes": -300,
    }
    source = tmp_path / "c.json"
    source.write_text(json.dumps(document))
    assert invoke("checkin", "--db", str(journal_path), "--from-json", str(source)).exit_code == 0
    row = only_checkin(journal_path)
    assert (row["id"], row["local_date"]) == (document["id"], "2026-11-20")
    # The same document again is a retry: recognised, not saved twice, not a failure.
    again = invoke("checkin", "--db", str(journal_path), "--from-json", str(source))
    assert again.exit_code == 0, again.output
    assert again.stdout.strip() == messages.ALREADY_IN_JOURNAL.format(short_id="0b5d6f0e")
    # A different check-in under the same id is refused.
    source.write_text(json.dumps({**document, "mood": 1}))
    assert_refused(
        invoke("checkin", "--db", str(journal_path), "--from-json", str(source)),
        "A different check-in with id",
    )
    assert rows(journal_path, "SELECT id, mood FROM checkins") == [(document["id"], row["mood"])]


def test_a_retried_save_with_its_id_is_saved_once(journal_path: Path) -> None:
    given = ["checkin", "--db", str(journal_path), "--mood", "5", "--note", "once"]
    checkin_id = "5f0c2a4e-1111-4c1e-9f57-1d2a3b4c5d6e"
    first = invoke(*given, "--id", checkin_id)
    retry = invoke(*given, "--id", checkin_id)
    assert first.exit_code == 0 and retry.exit_code == 0, retry.output
    assert "Saved check-in 5f0c2a4e" in first.stdout
    assert retry.stdout.strip() == messages.ALREADY_IN_JOURNAL.format(short_id="5f0c2a4e")
    assert rows(journal_path, "SELECT id FROM checkins") == [(checkin_id,)]


def test_an_id_without_answers_or_not_a_uuid_is_refused(journal_path: Path) -> None:
    assert_refused(invoke("checkin", "--db", str(journal_path), "--id", "abc"), "--id")
    refused = invoke("checkin", "--db", str(journal_path), "--mood", "5", "--id", "abc")
    assert_refused(refused, "is not a check-in id")
    assert not journal_path.exists()


# --- Bad input: one line, non-zero, nothing written -----------------------------------------

BAD_FLAGS = {
    "unknown region": (["-s", "chst:tight:5"], ["Unknown region 'chst'", "chest"]),
    "unknown quality": (["-s", "chest:tigt:5"], ["Unknown quality 'tigt'", "tight"]),
    "unknown emotion": (["-e", "anxous:5"], ["Unknown emotion 'anxous'", "anxious"]),
    "unknown emotion region": (["-e", "anxious:5:chset"], ["Unknown region 'chset'", "chest"]),
    "unknown side": (["-s", "shoulders/up:tight:5"], ["Unknown side 'up'"]),
    "intensity above 10": (["-s", "chest:tight:11"], ["0 to 10", "11"]),
    "intensity below 0": (["-s", "chest:tight:-1"], ["0 to 10", "-1"]),
    "intensity not a number": (["-s", "chest:tight:lots"], ["0 to 10", "lots"]),
    "emotion intensity not a number": (["-e", "anxious:much"], ["0 to 10", "much"]),
    "after-intensity above 10": (["-s", "chest:tight:5:12"], ["after-intensity", "12"]),
    "mood above 10": (["--mood", "11"], ["mood must be a whole number from 0 to 10"]),
    "mood not a number": (["--mood", "six"], ["mood", "six"]),
    "mood a fraction": (["--mood", "5.5"], ["mood", "5.5"]),
    "distress negative": (["--distress", "-2"], ["distress", "-2"]),
    "closing mood not a number": (["--closing-mood", "ok"], ["closing_mood", "ok"]),
    "sensation without parts": (["-s", "chest"], ["Could not read sensation 'chest'"]),
    "sensation missing intensity": (["-s", "chest:tight"], ["REGION[/SIDE]:QUALITY"]),
    "sensation too many parts": (["-s", "chest:tight:5:3:1"], ["Could not read sensation"]),
    "sensation empty parts": (["-s", "::5"], ["Could not read sensation"]),
    "emotion without intensity": (["-e", "anxious"], ["Could not read emotion 'anxious'"]),
    "emotion empty name": (["-e", ":5"], ["NAME:INTENSITY"]),
    "unknown practice": (["--practice", "yoga", "--mood", "3"], ["Unknown practice 'yoga'"]),
    "practice seconds not a number": (["--practice-seconds", "a minute"], ["a minute"]),
    "target not scanned": (["-s", "chest:tight:4", "--target", "belly"], ["--target belly"]),
    "target without sensations": (["--mood", "4", "--target", "belly"], ["--target"]),
}


@pytest.mark.parametrize("args, expected", BAD_FLAGS.values(), ids=BAD_FLAGS.keys())
def test_bad_flags_are_refused_before_anything_is_written(
    journal_path: Path, args: list[str], expected: list[str]
) -> None:
    result = invoke("checkin", "--db", str(journal_path), *args)
    assert_refused(result, *expected)
    assert not journal_path.parent.exists()


def test_bad_flags_leave_an_existing_journal_unchanged(journal_path: Path) -> None:
    assert invoke("checkin", "--db", str(journal_path), "--mood", "5").exit_code == 0
    before = rows(journal_path, "SELECT * FROM checkins")
    for args, _ in BAD_FLAGS.values():
        assert invoke("checkin", "--db", str(journal_path), *args).exit_code != 0
    assert rows(journal_path, "SELECT * FROM checkins") == before


BAD_JSON = {
    "malformed": ('{"mood": 5,', ["Could not read JSON", "line 1"]),
    "not an object": ("[1, 2]", [messages.JSON_NOT_OBJECT]),
    "unknown field": ('{"mod": 5}', ["Unknown field 'mod'"]),
    "rating out of range": ('{"mood": 15}', ["mood", "15"]),
    "rating as text": ('{"mood": "fine"}', ["mood", "fine"]),
    "unknown region": ('{"sensations": ["chst:tight:4"]}', ["Unknown region 'chst'"]),
    "sensation without quality": ('{"sensations": [{"region": "chest"}]}', ["sensations"]),
    "unknown emotion": ('{"emotions": [{"name": "anxous", "intensity": 3}]}', ["anxious"]),
    "answers not an object": ('{"answers": ["a"]}', ["answers"]),
    "bad mode": ('{"mode": "slow"}', ["mode"]),
    "empty": ("", ["Could not read JSON"]),
}


@pytest.mark.parametrize("text, expected", BAD_JSON.values(), ids=BAD_JSON.keys())
def test_bad_json_is_refused_from_a_file_and_from_stdin(
    tmp_path: Path, journal_path: Path, text: str, expected: list[str]
) -> None:
    source = tmp_path / "bad.json"
    source.write_text(text, encoding="utf-8")
    assert_refused(
        invoke("checkin", "--db", str(journal_path), "--from-json", str(source)), *expected
    )
    assert_refused(
        invoke("checkin", "--db", str(journal_path), "--from-json", "-", stdin=text), *expected
    )
    assert not journal_path.parent.exists()


def test_missing_or_undecodable_json_file(tmp_path: Path, journal_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    assert_refused(
        invoke("checkin", "--db", str(journal_path), "--from-json", str(missing)),
        f"Could not read {missing}",
    )
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert_refused(
        invoke("checkin", "--db", str(journal_path), "--from-json", str(binary)),
        f"Could not read {binary}",
    )
    assert not journal_path.parent.exists()


def test_json_with_an_id_that_is_not_whole_is_refused(journal_path: Path) -> None:
    """The same sentence as an import of the same document (messages.BAD_WHOLE_ID)."""
    document = json.dumps({"id": "1b4e28ba", "mood": 5})
    result = invoke("checkin", "--db", str(journal_path), "--from-json", "-", stdin=document)
    assert_refused(result)
    assert result.stderr.strip() == "Error: " + messages.BAD_WHOLE_ID.format(id="1b4e28ba")
    assert not journal_path.parent.exists()


def test_json_and_answer_flags_together_are_refused(tmp_path: Path, journal_path: Path) -> None:
    source = tmp_path / "c.json"
    source.write_text(json.dumps(DOCUMENT))
    result = invoke("checkin", "--db", str(journal_path), "--from-json", str(source), "--mood", "3")
    assert_refused(result, messages.JSON_AND_FLAGS)
    assert not journal_path.parent.exists()


def test_db_that_is_a_directory(tmp_path: Path) -> None:
    result = invoke("checkin", "--db", str(tmp_path), "--mood", "5")
    assert_refused(result, messages.JOURNAL_IS_DIRECTORY.format(path=tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_db_that_is_not_sqlite_is_left_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n")
    result = invoke("checkin", "--db", str(notes), "--mood", "5")
    assert_refused(result, "not an SQLite file", messages.ANSWERS_PRINTED_AS_JSON)
    assert notes.read_text() == "my precious notes\n"
    # No draft beside a file that is not ours: the answers went to stdout instead.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert_answers_printed(result, mood=5)


def test_db_under_a_regular_file_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    target = blocker / "sub" / "journal.db"
    result = invoke("checkin", "--db", str(target), "--mood", "5")
    assert_refused(
        result, "Could not create the journal", "Not a directory", messages.ANSWERS_PRINTED_AS_JSON
    )
    assert blocker.read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
    assert_answers_printed(result, mood=5)


@pytest.mark.unprivileged
def test_db_in_a_read_only_folder(tmp_path: Path) -> None:
    """No journal can be made there, nor a draft beside it: the answers are
    printed as JSON instead, and the folder stays empty."""
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        result = invoke("checkin", "--db", str(folder / "journal.db"), "--mood", "5")
        assert result.exit_code == 3
        assert_refused(
            result,
            messages.JOURNAL_CANNOT_CREATE.format(
                path=folder / "journal.db", reason="Permission denied"
            ),
            messages.ANSWERS_PRINTED_AS_JSON,
        )
        assert_answers_printed(result, mood=5)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.unprivileged
def test_read_only_journal_file(journal_path: Path) -> None:
    """Saving into a chmod 0400 journal fails in one line naming it; the
    answers wait in a draft, and the journal is unchanged."""
    open_journal(journal_path).close()
    journal_path.chmod(0o400)
    result = invoke("checkin", "--db", str(journal_path), "--mood", "5")
    assert result.exit_code == 3
    assert_refused(result, messages.JOURNAL_READ_ONLY.format(path=journal_path))
    assert only_draft(journal_path).checkin["mood"] == 5
    journal_path.chmod(0o600)
    assert rows(journal_path, "SELECT count(*) FROM checkins") == [(0,)]


@pytest.mark.unprivileged
def test_unreadable_journal_file(journal_path: Path) -> None:
    """A journal its owner cannot read (chmod 000) is refused before anything
    runs, in one line that names it; it is left as it was."""
    open_journal(journal_path).close()
    journal_path.chmod(0o000)
    try:
        result = invoke("checkin", "--db", str(journal_path), "--mood", "5")
        assert result.exit_code == 2  # refused while reading the options
        assert_refused(result, f"Path '{journal_path}' is not readable")
        assert draft_files(journal_path) == []
    finally:
        journal_path.chmod(0o600)
    assert rows(journal_path, "SELECT count(*) FROM checkins") == [(0,)]


def test_no_answers_and_no_terminal_says_how_to_give_them(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path))
    assert_refused(result, messages.NO_ANSWERS_NO_TERMINAL)
    assert not journal_path.parent.exists()


def test_high_distress_given_as_flags_prints_the_note(journal_path: Path) -> None:
    result = invoke("checkin", "--db", str(journal_path), "--distress", "9")
    assert result.exit_code == 0 and messages.HIGH_DISTRESS_NOTE in result.stdout
    calm = invoke("checkin", "--db", str(journal_path), "--distress", "3")
    assert messages.HIGH_DISTRESS_NOTE not in calm.stdout


# --- The guided path, with a scripted terminal ----------------------------------------------


@pytest.fixture
def scripted_terminal(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Pretend there is a terminal and answer its prompts from a script."""

    def install(answers: list[Any]) -> ScriptedPrompter:
        prompter = ScriptedPrompter(answers)
        monkeypatch.setattr("serjournal.cli.options.has_terminal", lambda: True)
        monkeypatch.setattr(prompter_module, "TerminalPrompter", lambda: prompter)
        return prompter

    return install


QUICK = [[6, 4, 3], ["chest"], "tight", 5, ["anxious"], 4, "chest", "a note", ""]  # no tags


def test_guided_quick_checkin_saves_and_shows_a_summary(
    scripted_terminal: Any, journal_path: Path
) -> None:
    prompter = scripted_terminal(QUICK)
    result = invoke("checkin", "--quick", "--db", str(journal_path))
    assert result.exit_code == 0, result.output
    assert messages.WELCOME not in prompter.said  # quick mode's own heading introduces it
    row = only_checkin(journal_path)
    assert (row["mode"], row["mood"]) == ("quick", 6)
    assert "chest: tight 5" in result.stdout


def test_guided_checkin_at_an_earlier_time(scripted_terminal: Any, journal_path: Path) -> None:
    scripted_terminal(QUICK)
    result = invoke("checkin", "-q", "--db", str(journal_path), "--at", "2026-02-03T20:15")
    assert result.exit_code == 0, result.output
    assert only_checkin(journal_path)["local_date"] == "2026-02-03"


def test_guided_bad_at_is_refused_before_the_journal_is_made(
    scripted_terminal: Any, journal_path: Path
) -> None:
    prompter = scripted_terminal(QUICK)
    assert_refused(invoke("checkin", "--db", str(journal_path), "--at", "soonish"), "soonish")
    assert not journal_path.exists() and prompter.asked == []


def test_ctrl_c_in_the_guided_flow_exits_130_with_a_calm_line(
    scripted_terminal: Any, journal_path: Path
) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    result = invoke("checkin", "-q", "--db", str(journal_path))
    assert result.exit_code == 130
    assert result.stderr.strip() == messages.DRAFT_KEPT
    assert "Traceback" not in result.output
    assert only_draft(journal_path).checkin["mood"] == 6
    assert rows(journal_path, "SELECT count(*) FROM checkins") == [(0,)]


def test_found_draft_is_offered_and_resumed_with_its_answers_kept(
    scripted_terminal: Any, journal_path: Path
) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    # Resume, then Enter on the ratings (kept from the draft), the rest typed.
    prompter = scripted_terminal([KEEP, KEEP, *QUICK[1:]])
    result = invoke("checkin", "--db", str(journal_path))
    assert result.exit_code == 0, result.output
    assert prompter.said[0].startswith("You have an unfinished check-in from ")
    assert "(stopped at Quick check-in)" in prompter.said[0]
    assert prompter.asked[0] == ("choose", messages.ASK_DRAFT_CHOICE)
    row = only_checkin(journal_path)
    assert (row["mode"], row["mood"], row["energy"]) == ("quick", 6, 4)  # the draft's answers
    assert draft_files(journal_path) == []


def test_a_single_key_never_discards_a_draft(scripted_terminal: Any, journal_path: Path) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    # "Discard it", then Enter on "are you sure" (whose default is no): kept.
    prompter = scripted_terminal([messages.DRAFT_CHOICE_DISCARD, KEEP, [2, 2, 2], [], [], "", ""])
    result = invoke("checkin", "-q", "--db", str(journal_path))
    assert result.exit_code == 0, result.output
    assert messages.DRAFT_KEPT_FOR_LATER in prompter.said
    assert only_draft(journal_path).checkin["mood"] == 6  # still there, untouched
    assert only_checkin(journal_path)["mood"] == 2  # and a new check-in was saved


def test_discarding_a_draft_takes_a_confirmed_choice(
    scripted_terminal: Any, journal_path: Path
) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    prompter = scripted_terminal([messages.DRAFT_CHOICE_DISCARD, True, [2, 2, 2], [], [], "", ""])
    result = invoke("checkin", "-q", "--db", str(journal_path))
    assert result.exit_code == 0, result.output
    assert messages.DRAFT_DISCARDED in prompter.said
    assert draft_files(journal_path) == []
    assert only_checkin(journal_path)["mood"] == 2


def test_keep_for_later_starts_a_new_checkin_and_keeps_the_draft(
    scripted_terminal: Any, journal_path: Path
) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    scripted_terminal([messages.DRAFT_CHOICE_LATER, [2, 2, 2], [], [], "", ""])
    assert invoke("checkin", "-q", "--db", str(journal_path)).exit_code == 0
    assert only_draft(journal_path).checkin["mood"] == 6
    assert only_checkin(journal_path)["mood"] == 2


def test_resume_flag_skips_the_question(scripted_terminal: Any, journal_path: Path) -> None:
    scripted_terminal([[6, 4, 3], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    prompter = scripted_terminal([KEEP, *QUICK[1:]])  # Enter keeps the three ratings
    assert invoke("checkin", "--resume", "--db", str(journal_path)).exit_code == 0
    assert not any(q == messages.ASK_DRAFT_CHOICE for _, q in prompter.asked)
    row = only_checkin(journal_path)
    assert (row["mode"], row["mood"], row["energy"], row["distress"]) == ("quick", 6, 4, 3)
    assert draft_files(journal_path) == []


def test_resume_without_a_draft_says_so_and_starts(
    scripted_terminal: Any, journal_path: Path
) -> None:
    prompter = scripted_terminal(QUICK)
    assert invoke("checkin", "-q", "--resume", "--db", str(journal_path)).exit_code == 0
    assert prompter.said[0] == messages.NOTHING_TO_RESUME


def test_ctrl_c_at_the_resume_question_keeps_the_draft(
    scripted_terminal: Any, journal_path: Path
) -> None:
    scripted_terminal([[6, 4, None], INTERRUPT])
    invoke("checkin", "-q", "--db", str(journal_path))
    kept = only_draft(journal_path).path.read_text()
    scripted_terminal([INTERRUPT])
    result = invoke("checkin", "--db", str(journal_path))
    assert result.exit_code == 130 and result.stderr.strip() == messages.STOPPED_NOTHING_KEPT
    assert only_draft(journal_path).path.read_text() == kept


def test_unwritable_draft_prints_the_answers_as_json(
    scripted_terminal: Any, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: Any) -> None:
        raise OutputError("Could not write the draft: No space left on device.")

    monkeypatch.setattr(drafts.DraftKeeper, "keep", no_space)
    scripted_terminal([[6, 4, None], INTERRUPT])
    result = invoke("checkin", "-q", "--db", str(journal_path))
    assert result.exit_code == 130
    assert json.loads(result.stdout)["mood"] == 6
    assert_refused(result, "No space left on device")


def test_discard_draft_flag(journal_path: Path) -> None:
    plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    result = invoke("checkin", "--discard-draft", "--db", str(journal_path))
    assert result.exit_code == 0 and messages.DRAFT_DISCARDED in result.stdout
    assert draft_files(journal_path) == []
    again = invoke("checkin", "--discard-draft", "--db", str(journal_path))
    assert again.exit_code == 0 and messages.DRAFT_NONE in again.stdout


@pytest.mark.parametrize("how", ["flags", "json"])
def test_discard_draft_with_answers_saves_the_answers(journal_path: Path, how: str) -> None:
    plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    if how == "flags":
        result = invoke(
            "checkin", "--discard-draft", "--mood", "5", "--note", "important",
            "--db", str(journal_path),
        )  # fmt: skip
    else:
        document = json.dumps({"mood": 5, "answers": {"note": "important"}})
        result = invoke(
            "checkin", "--discard-draft", "--from-json", "-", "--db", str(journal_path),
            stdin=document,
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert only_checkin(journal_path)["mood"] == 5
    assert rows(journal_path, "SELECT text FROM answers") == [("important",)]
    assert draft_files(journal_path) == []


def test_bad_answers_with_discard_draft_keep_the_draft(journal_path: Path) -> None:
    plant_draft(journal_path, {"mode": "quick", "mood": 3}, "quick")
    result = invoke("checkin", "--discard-draft", "--mood", "12", "--db", str(journal_path))
    assert_refused(result, "mood must be a whole number")
    assert only_draft(journal_path).checkin["mood"] == 3


# --- list, show, --version, --help -------------------------------------------------------


def save_quick(journal: Path, *extra: str) -> None:
    result = invoke("checkin", "-q", "--db", str(journal), *extra)
    assert result.exit_code == 0, result.output


def test_list_newest_first_with_limit(journal_path: Path) -> None:
    for day, mood in ((3, "3"), (2, "5"), (1, "8")):
        save_quick(journal_path, "--mood", mood, "--at", f"{day} days ago", "-s", "chest:tight:2")
    result = invoke("list", "--db", str(journal_path), "--limit", "2")
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    mood_column = rows[0].index("mood") + 3  # "when" is three words: Wed 25 Nov 21:00
    assert [row[mood_column] for row in rows[1:]] == ["8", "5"]
    refused = invoke("list", "--db", str(journal_path), "--limit", "0")
    assert refused.exit_code == 2 and "--limit" in refused.stderr  # click's usage error


def test_list_of_an_empty_journal_is_kind(journal_path: Path) -> None:
    result = invoke("list", "--db", str(journal_path))
    assert result.exit_code == 0 and messages.NO_CHECKINS in result.stdout


def test_show_by_unique_prefix_lays_out_every_stage(journal_path: Path) -> None:
    assert invoke("checkin", "--db", str(journal_path), *FULL_FLAGS).exit_code == 0
    checkin_id = only_checkin(journal_path)["id"]
    result = invoke("show", checkin_id[:5], "--db", str(journal_path))
    assert result.exit_code == 0, result.output
    text = result.stdout
    headings = [
        "1/7  Arrive",
        "2/7  Check in",
        "3/7  Body scan",
        "4/7  Sensations",
        "5/7  Dialogue",
    ]
    headings += ["6/7  Unwind", "7/7  Integrate"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    for expected in ("a grey stone", "Distress: 3/10 -> 1/10", "anxious (fear) 5", checkin_id):
        assert expected in text


def test_show_unknown_and_ambiguous_ids(journal_path: Path) -> None:
    for prefix in ("aaaa1111", "aaaa2222"):
        document = {"id": f"{prefix}-0000-4000-8000-000000000000", "mood": 5}
        assert (
            invoke(
                "checkin", "--db", str(journal_path), "--from-json", "-", stdin=json.dumps(document)
            ).exit_code
            == 0
        )
    assert_refused(invoke("show", "aaaa", "--db", str(journal_path)), "matches several")
    assert_refused(invoke("show", "bbbb", "--db", str(journal_path)), "No check-in")
    assert_refused(invoke("show", "not-an-id!", "--db", str(journal_path)), "not a check-in id")
    assert invoke("show", "aaaa2", "--db", str(journal_path)).exit_code == 0


def test_show_without_a_journal_does_not_create_one(journal_path: Path) -> None:
    assert_refused(invoke("show", "abcd", "--db", str(journal_path)), "There is no journal")
    assert not journal_path.exists()


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"serjournal {__version__}"


def test_help_says_this_is_not_therapy() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert messages.DISCLAIMER in " ".join(result.stdout.split())


def test_guided_with_a_bad_db_fails_before_the_first_question(
    scripted_terminal: Any, tmp_path: Path
) -> None:
    prompter = scripted_terminal(QUICK)
    assert_refused(invoke("checkin", "--db", str(tmp_path)), "is a directory")
    assert prompter.asked == [] and prompter.said == []


def test_at_applies_to_a_json_document_too(journal_path: Path) -> None:
    result = invoke(
        "checkin", "--db", str(journal_path), "--from-json", "-", "--at", "2026-03-04T19:45",
        stdin=json.dumps({"mood": 5}),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert only_checkin(journal_path)["local_date"] == "2026-03-04"


def test_target_with_json_is_refused(journal_path: Path) -> None:
    result = invoke(
        "checkin", "--db", str(journal_path), "--from-json", "-", "--target", "chest",
        stdin=json.dumps(DOCUMENT),
    )  # fmt: skip
    assert_refused(result, messages.JSON_AND_FLAGS)
    assert not journal_path.exists()


def test_quick_flags_mark_no_dialogue_target_unless_asked(tmp_path: Path) -> None:
    journal = tmp_path / "j.db"
    base = ["checkin", "--quick", "--db", str(journal), "--mood", "5"]
    assert invoke(*base, "--sensation", "chest:tight:4").exit_code == 0
    assert invoke(*base, "--sensation", "belly:warm:2", "--target", "belly").exit_code == 0
    with sqlite3.connect(journal) as conn:
        rows = conn.execute("SELECT region, is_target FROM sensations ORDER BY id").fetchall()
    assert rows == [("chest", 0), ("belly", 1)]


def test_resume_without_a_terminal_saves_the_draft_as_it_is(tmp_path: Path) -> None:
    from serjournal.models import CheckIn

    journal = tmp_path / "j.db"
    unfinished = CheckIn(mood=4, distress=6, answers={"focus": "a long day"})
    plant_draft(journal, unfinished.to_dict(), "body")
    result = invoke("checkin", "--resume", "--db", str(journal))
    assert result.exit_code == 0, result.output
    assert draft_files(journal) == []
    with sqlite3.connect(journal) as conn:
        row = conn.execute("SELECT id, mood, distress FROM checkins").fetchone()
        focus = conn.execute("SELECT text FROM answers WHERE prompt = 'focus'").fetchone()
    assert row == (unfinished.id, 4, 6) and focus == ("a long day",)


def test_resume_without_a_terminal_or_a_draft_is_one_line(tmp_path: Path) -> None:
    result = invoke("checkin", "--resume", "--db", str(tmp_path / "j.db"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: There is no unfinished check-in to resume."
