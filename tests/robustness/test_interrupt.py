"""Ctrl-C (and a closed terminal) at every question of the guided flow.

For each answer in the script in turn, the user stops there instead. Then:
the journal is exactly as before, the draft names the stage they were in
and holds nothing but what they answered, and resuming from the draft gives
the same check-in as never stopping, when the user presses Enter on every
question they had answered in the interrupted stage (the draft filled them
in) and answers the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from serjournal import messages
from serjournal.errors import Interrupted
from serjournal.flow.runner import run_checkin
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.store.checkins import count_checkins, load_checkin
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from tests.draft_helpers import newest_draft
from tests.robustness.flow_scripts import (
    FIRST_KEPT_ANSWER,
    FULL_SCRIPT,
    KNOWN_TAGS,
    SCRIPTS,
    comparable,
    reference_run,
    settings,
    stage_of,
)
from tests.scripted import HANGUP, INTERRUPT, KEEP, ScriptedPrompter

CASES = [
    (kind, index, stop)
    for kind, (_, script) in SCRIPTS.items()
    for index in range(len(script))
    for stop in ("ctrl-c", "hangup")
]


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    journal = tmp_path_factory.mktemp("reference") / "journal.db"
    db = open_journal(journal)
    runs = {kind: reference_run(db, journal, kind) for kind in SCRIPTS}
    db.close()
    return runs


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if not isinstance(v, list | dict)}


@pytest.mark.parametrize(("kind", "index", "stop"), CASES)
def test_stopping_at_any_question_keeps_journal_unchanged_and_draft_whole(
    journal_path: Path, references: dict[str, Any], kind: str, index: int, stop: str
) -> None:
    reference, starts = references[kind]
    mode, script = SCRIPTS[kind]
    db = open_journal(journal_path)
    earlier = CheckIn(mood=3, answers={"note": "an earlier day"}, tags=list(KNOWN_TAGS))
    save_checkin(db, earlier)
    journal_before = journal_path.read_bytes()

    prompter = ScriptedPrompter([*script[:index], INTERRUPT if stop == "ctrl-c" else HANGUP])
    with pytest.raises(Interrupted) as stopped:
        run_checkin(prompter, db, Journal(journal_path), mode=mode, settings=settings(kind))

    # The journal: unchanged, byte for byte and entry for entry.
    assert count_checkins(db) == 1
    assert load_checkin(db, earlier.id).to_dict() == earlier.to_dict()
    assert journal_path.read_bytes() == journal_before
    draft = newest_draft(journal_path)
    if index <= FIRST_KEPT_ANSWER[kind]:
        # Nothing answered yet (only skips): no empty draft to offer; start again.
        assert str(stopped.value) == messages.STOPPED_NOTHING_KEPT
        assert draft is None
        again = ScriptedPrompter(script)
        saved = run_checkin(again, db, Journal(journal_path), mode=mode, settings=settings(kind))
        assert again.answers == [] and comparable(saved) == comparable(reference)
        db.close()
        return
    # The draft: the stage they were in, and only what they answered.
    assert str(stopped.value) == messages.DRAFT_KEPT
    assert draft is not None
    stage, begins = stage_of(index, starts)
    assert draft.stage == stage
    answered = _scalars(comparable(reference))
    kept = _scalars({**draft.checkin, "id": None})
    for key, value in kept.items():
        if key in answered and value is not None:
            assert value == answered[key], key
    for key, text in draft.checkin["answers"].items():
        assert reference.answers[key] == text
    # Resuming: Enter keeps each answer already given in that stage.
    resumed = ScriptedPrompter([KEEP] * (index - begins) + script[index:])
    saved = run_checkin(
        resumed, db, Journal(journal_path), mode=mode, draft=draft, settings=settings(kind)
    )
    assert resumed.answers == []
    assert comparable(saved) == comparable(reference)
    assert count_checkins(db) == 2
    assert newest_draft(journal_path) is None
    db.close()


def test_every_stage_of_the_full_flow_is_covered(references: dict[str, Any]) -> None:
    _, starts = references["full"]
    assert [key for key, _ in starts] == [
        "arrive", "checkin", "body", "emotions", "dialogue", "release", "integrate"
    ]  # fmt: skip
    # The scripts end with the tag question, so stopping there is covered too.
    assert references["full"][0].tags == ["work", "sleep", "ünïcode"]
    assert references["quick"][0].tags == ["rest"]
    # The calm evening asks how yesterday went, and leaves out dialogue and release.
    calm, calm_starts = references["calm"]
    assert calm.answers["followup"] == "it went better than feared"
    assert [key for key, _ in calm_starts] == [
        "arrive", "checkin", "body", "emotions", "dialogue", "integrate"
    ]  # fmt: skip
    assert calm.practice is None and calm.distress_after is None


def test_ctrl_c_while_writing_the_checkin_rolls_back_and_keeps_the_draft(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C lands inside the save transaction, after the check-in row and
    before its sensations: nothing of it stays; the draft waits at 'save'."""
    from sqlite_utils.db import Table

    from serjournal.flow.runner import DONE

    db = open_journal(journal_path)

    original = Table.insert_all

    def interrupted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(Table, "insert_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_checkin(ScriptedPrompter(FULL_SCRIPT), db, Journal(journal_path), settings=settings())
    monkeypatch.setattr(Table, "insert_all", original)
    assert not db.conn.in_transaction
    for table in ("checkins", "sensations", "emotions", "answers", "tags"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == DONE
    saved = run_checkin(ScriptedPrompter([]), db, Journal(journal_path), draft=draft)
    assert count_checkins(db) == 1 and saved.answers["focus"] == FULL_SCRIPT[5]
