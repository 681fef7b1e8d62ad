"""A full disk or a read-only journal while saving: one clear line, the
answers kept as a draft (or printed as JSON), nothing lost, retry works.

How the faults are made, without root tricks:
- disk full: `PRAGMA max_page_count` pinned to the journal's current size on
  the connection the program uses, so the next page SQLite needs fails with
  SQLITE_FULL, exactly as on a full disk;
- read-only: the program's connection is opened with the URI `mode=ro`
  (chmod 0400 does not stop root); the real chmod is tested too, by the
  `unprivileged` test that .ci/run runs as an unprivileged user.
Both replace serjournal.store.connection._connect, the one place the
program opens SQLite, with a wrapper around the real one.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from serjournal import messages
from serjournal.answers import checkin_from_dict
from serjournal.cli import app
from serjournal.errors import Interrupted, JournalError
from serjournal.flow.runner import DONE, AnswersNotKept, run_checkin
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.paths import OutputError
from serjournal.store import connection, drafts
from serjournal.store.checkins import count_checkins
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from tests.draft_helpers import draft_files, only_draft, plant_draft
from tests.robustness.flow_scripts import FULL_SCRIPT, comparable, settings
from tests.scripted import ScriptedPrompter

LONG_FOCUS = "a long evening, written slowly and with care. " * 200  # needs new pages


def disk_full(db: Database) -> None:
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def fault_connect(monkeypatch: pytest.MonkeyPatch, fault: str) -> Callable[[Path], Database]:
    real = connection._connect

    def faulty(path: Path) -> Database:
        if fault == "read-only":
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            return Database(conn, execute_plugins=False)
        db = real(path)
        disk_full(db)
        return db

    monkeypatch.setattr(connection, "_connect", faulty)
    return faulty


FAULTS = {"disk-full": messages.DISK_FULL, "read-only": messages.JOURNAL_READ_ONLY}
FLAGS = ["--mood", "6", "--energy", "4", "--sensation", "chest:tight:6", "--focus", LONG_FOCUS]


def _existing_journal(path: Path) -> CheckIn:
    db = open_journal(path)
    earlier = CheckIn(mood=3, answers={"note": "an earlier day"})
    save_checkin(db, earlier)
    db.close()
    return earlier


def _count(path: Path) -> int:
    db = open_journal(path)
    try:
        return count_checkins(db)
    finally:
        db.close()


@pytest.mark.parametrize("fault", list(FAULTS))
def test_store_reports_fault_writes_nothing_and_a_retry_saves(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    _existing_journal(journal_path)
    fault_connect(monkeypatch, fault)
    db = open_journal(journal_path)
    checkin = CheckIn(mood=5, answers={"focus": LONG_FOCUS})
    with pytest.raises(JournalError) as caught:
        save_checkin(db, checkin)
    assert str(caught.value) == FAULTS[fault].format(path=journal_path)
    assert count_checkins(db) == 1
    db.close()
    monkeypatch.undo()
    db = open_journal(journal_path)
    save_checkin(db, checkin)  # space freed / permission back: it saves
    assert count_checkins(db) == 2


@pytest.mark.parametrize("fault", list(FAULTS))
def test_flags_checkin_keeps_answers_as_draft_on_fault(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    _existing_journal(journal_path)
    fault_connect(monkeypatch, fault)
    result = CliRunner().invoke(app, ["checkin", "--db", str(journal_path), *FLAGS])
    assert result.exit_code == 3, (result.output, result.exception)
    monkeypatch.undo()
    draft = only_draft(journal_path)
    expected = (
        "Error: "
        + FAULTS[fault].format(path=journal_path)
        + " "
        + messages.DRAFT_KEPT_AFTER_ERROR.format(path=draft.path)
    )
    assert result.stderr.strip() == expected
    assert _count(journal_path) == 1
    assert draft.stage == DONE
    kept = checkin_from_dict(draft.checkin)
    assert (kept.mood, kept.energy, kept.answers["focus"]) == (6, 4, LONG_FOCUS)
    # Once fixed, resuming saves it: no question asked again, nothing lost.
    db = open_journal(journal_path)
    saved = run_checkin(ScriptedPrompter([]), db, Journal(journal_path), draft=draft)
    assert saved.id == kept.id and count_checkins(db) == 2
    assert draft_files(journal_path) == []


def test_flags_checkin_prints_json_when_no_draft_can_be_written(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk is so full the draft fails too: the answers go to stdout as
    JSON that --from-json accepts; the error stays one line on stderr."""
    _existing_journal(journal_path)
    fault_connect(monkeypatch, "disk-full")

    monkeypatch.setattr(drafts.DraftKeeper, "keep", _no_space)
    result = CliRunner().invoke(app, ["checkin", "--db", str(journal_path), *FLAGS])
    assert result.exit_code == 3
    expected = "Error: " + FAULTS["disk-full"].format(path=journal_path)
    assert result.stderr.strip() == f"{expected} {messages.ANSWERS_PRINTED_AS_JSON}"
    recovered = checkin_from_dict(json.loads(result.stdout))  # stdout: `> FILE` keeps it
    assert recovered.answers["focus"] == LONG_FOCUS and recovered.mood == 6


def test_flags_checkin_never_overwrites_a_waiting_draft(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _existing_journal(journal_path)
    waiting = plant_draft(journal_path, CheckIn(mood=1).to_dict(), "body")
    before = waiting.read_bytes()
    fault_connect(monkeypatch, "read-only")
    result = CliRunner().invoke(app, ["checkin", "--db", str(journal_path), *FLAGS])
    assert result.exit_code == 3
    assert waiting.read_bytes() == before  # the waiting draft is untouched ...
    monkeypatch.undo()
    moods = sorted(d.checkin["mood"] for d in drafts.waiting_drafts(Journal(journal_path)))
    assert moods == [1, 6]  # ... and the new answers wait beside it in their own


@pytest.mark.parametrize("opened", ["at the start", "on save"])
@pytest.mark.parametrize("fault", list(FAULTS))
def test_guided_flow_keeps_draft_when_saving_fails(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str, opened: str
) -> None:
    """The fault is there when the journal is opened for writing: at the
    start, or (as `serjournal checkin` does) only when the answers are saved."""
    _existing_journal(journal_path)
    fault_connect(monkeypatch, fault)
    journal = Journal(journal_path)
    store = open_journal(journal_path) if opened == "at the start" else journal.open_on_save()
    script = list(FULL_SCRIPT)
    script[5] = LONG_FOCUS
    with pytest.raises(JournalError) as caught:
        run_checkin(ScriptedPrompter(script), store, journal, settings=settings())
    monkeypatch.undo()
    draft = only_draft(journal_path)
    kept = messages.DRAFT_KEPT_AFTER_ERROR.format(path=draft.path)
    assert str(caught.value) == f"{FAULTS[fault].format(path=journal_path)} {kept}"
    assert draft.stage == DONE
    db = open_journal(journal_path)
    saved = run_checkin(ScriptedPrompter([]), db, Journal(journal_path), draft=draft)
    assert saved.answers["focus"] == LONG_FOCUS
    assert [x["region"] for x in comparable(saved)["sensations"]] == ["shoulders", "chest"]
    assert count_checkins(db) == 2


@pytest.mark.unprivileged
def test_chmod_read_only_journal_keeps_answers(journal_path: Path) -> None:
    _existing_journal(journal_path)
    journal_path.chmod(0o400)
    result = CliRunner().invoke(app, ["checkin", "--db", str(journal_path), *FLAGS])
    assert result.exit_code == 3
    assert "read-only" in result.stderr
    assert only_draft(journal_path).checkin["mood"] == 6


def _no_space(*args: Any, **kwargs: Any) -> None:
    reason = os.strerror(errno.ENOSPC)
    raise OutputError(messages.CANNOT_WRITE.format(path="the draft", reason=reason), reason)


def test_guided_flow_goes_on_when_drafts_cannot_be_written(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk makes every draft fail: the flow still finishes and saves
    (the journal has its own free pages)."""
    db = open_journal(journal_path)
    monkeypatch.setattr(drafts.DraftKeeper, "keep", _no_space)
    saved = run_checkin(
        ScriptedPrompter(FULL_SCRIPT), db, Journal(journal_path), settings=settings()
    )
    assert count_checkins(db) == 1 and saved.mood == 6


def test_guided_flow_gives_back_answers_when_neither_journal_nor_draft_can_be_written(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner raises AnswersNotKept carrying the answers; the command
    prints them (see the CLI test below)."""
    _existing_journal(journal_path)
    fault_connect(monkeypatch, "disk-full")
    monkeypatch.setattr(drafts.DraftKeeper, "keep", _no_space)
    db = open_journal(journal_path)
    script = list(FULL_SCRIPT)
    script[5] = LONG_FOCUS
    with pytest.raises(AnswersNotKept) as caught:
        run_checkin(ScriptedPrompter(script), db, Journal(journal_path), settings=settings())
    reason = messages.DRAFT_ANSWERS_BELOW.format(reason=os.strerror(errno.ENOSPC))
    assert str(caught.value) == f"{messages.DISK_FULL.format(path=journal_path)} {reason}"
    assert caught.value.exit_code == JournalError.exit_code
    assert checkin_from_dict(caught.value.unsaved).answers["focus"] == LONG_FOCUS
    db.close()
    monkeypatch.undo()
    assert _count(journal_path) == 1
    assert draft_files(journal_path) == []


def test_ctrl_c_gives_back_answers_when_the_draft_cannot_be_written(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.scripted import INTERRUPT

    db = open_journal(journal_path)
    monkeypatch.setattr(drafts.DraftKeeper, "keep", _no_space)
    with pytest.raises(AnswersNotKept) as caught:
        run_checkin(
            ScriptedPrompter([*FULL_SCRIPT[:6], INTERRUPT]),
            db,
            Journal(journal_path),
            settings=settings(),
        )
    assert str(caught.value) == messages.DRAFT_ANSWERS_BELOW.format(
        reason=os.strerror(errno.ENOSPC)
    )
    assert caught.value.exit_code == Interrupted.exit_code
    assert caught.value.unsaved["answers"]["focus"] == FULL_SCRIPT[5]
    assert count_checkins(db) == 0


def test_guided_command_prints_the_answers_as_json_on_stdout(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command: stdout is the JSON (--from-json takes it), stderr
    one line, exit 130 for a stop."""
    from serjournal.flow import prompter as prompter_module
    from tests.scripted import INTERRUPT

    open_journal(journal_path).close()
    scripted = ScriptedPrompter([*FULL_SCRIPT[:6], INTERRUPT])
    monkeypatch.setattr("serjournal.cli.options.has_terminal", lambda: True)
    monkeypatch.setattr(prompter_module, "TerminalPrompter", lambda: scripted)
    monkeypatch.setattr(drafts.DraftKeeper, "keep", _no_space)
    result = CliRunner().invoke(app, ["checkin", "--db", str(journal_path)])
    assert result.exit_code == Interrupted.exit_code, (result.output, result.exception)
    reason = messages.DRAFT_ANSWERS_BELOW.format(reason=os.strerror(errno.ENOSPC))
    assert result.stderr.strip() == f"Error: {reason}"
    recovered = checkin_from_dict(json.loads(result.stdout))
    assert recovered.answers["focus"] == FULL_SCRIPT[5] and recovered.mood == FULL_SCRIPT[2]
    assert _count(journal_path) == 0
