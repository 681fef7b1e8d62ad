"""Drafts are the safety net; they must not lose anything themselves."""

from __future__ import annotations

from pathlib import Path

from serjournal.journal import Journal
from serjournal.store import drafts


def test_unreadable_drafts_are_all_kept_aside(journal_path: Path) -> None:
    journal = Journal(journal_path)
    journal.drafts_dir.mkdir(parents=True)
    deep = "[" * 100_000 + "]" * 100_000
    texts = ["{torn", "[1, 2", '{"no": "stage"}', deep]
    for number, text in enumerate(texts):
        draft = journal.drafts_dir / f"0000000{number}-aaaa-4aaa-8aaa-000000000000.json"
        draft.write_text(text, encoding="utf-8")
        assert drafts.waiting_drafts(journal) == []
        assert not draft.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in journal.drafts_dir.glob("*.unreadable*"))
    assert kept == sorted(texts)


def test_draft_round_trips_unicode_and_replaces_atomically(journal_path: Path) -> None:
    journal = Journal(journal_path)
    answers = {"id": "5f0c2a4e-1111-4c1e-9f57-1d2a3b4c5d6e", "mood": 4}
    answers["answers"] = {"focus": 'ünïcode 🌿 "quotes"\nline'}
    with drafts.DraftKeeper(journal, answers["id"]) as keeper:
        keeper.keep(answers, "body")
        keeper.keep({**answers, "mood": 5}, "emotions")
        # While its run holds it, no other run is offered the draft.
        assert drafts.waiting_drafts(journal) == []
    (loaded,) = drafts.waiting_drafts(journal)
    assert loaded.stage == "emotions"
    assert loaded.checkin == {**answers, "mood": 5}
    assert [p.name for p in journal.drafts_dir.iterdir()] == [keeper.path.name]


def test_a_run_cannot_take_a_draft_another_run_holds(journal_path: Path) -> None:
    journal = Journal(journal_path)
    with drafts.DraftKeeper(journal, "5f0c2a4e-1111-4c1e-9f57-1d2a3b4c5d6e") as keeper:
        keeper.keep({"mood": 1}, "body")
        try:
            with drafts.DraftKeeper(journal, "5f0c2a4e-1111-4c1e-9f57-1d2a3b4c5d6e"):
                raise AssertionError("a second keeper got the same draft")
        except drafts.DraftInUse:
            pass
    assert keeper.path.exists()


def test_a_draft_from_version_0_1_is_still_offered(journal_path: Path) -> None:
    journal = Journal(journal_path)
    journal_path.parent.mkdir(parents=True)
    journal.legacy_draft.write_text(
        '{"stage": "body", "saved_utc": "2026-11-20T20:00:00Z", "checkin": {"mood": 3}}',
        encoding="utf-8",
    )
    (draft,) = drafts.waiting_drafts(journal)
    assert draft.path == journal.legacy_draft and draft.checkin == {"mood": 3}
