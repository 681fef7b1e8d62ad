"""Drafts are the safety net; they must not lose anything themselves."""

from __future__ import annotations

from pathlib import Path

from serjournal import paths
from serjournal.store import drafts


def test_unreadable_drafts_are_all_kept_aside(journal_path: Path) -> None:
    journal_path.parent.mkdir(parents=True)
    draft = paths.draft_path(journal_path)
    deep = "[" * 100_000 + "]" * 100_000
    for text in ("{torn", "[1, 2", '{"no": "stage"}', deep):
        draft.write_text(text, encoding="utf-8")
        assert drafts.load_draft(journal_path) is None
        assert not draft.exists()
    kept = sorted(p.read_text(encoding="utf-8") for p in journal_path.parent.glob("*.unreadable*"))
    assert kept == sorted(["{torn", "[1, 2", '{"no": "stage"}', deep])


def test_draft_round_trips_unicode_and_replaces_atomically(journal_path: Path) -> None:
    answers = {"mood": 4, "answers": {"focus": 'ünïcode 🌿 "quotes"\nline'}}
    drafts.save_draft(journal_path, answers, "body")
    drafts.save_draft(journal_path, {**answers, "mood": 5}, "emotions")
    loaded = drafts.load_draft(journal_path)
    assert loaded is not None and loaded.stage == "emotions"
    assert loaded.checkin == {**answers, "mood": 5}
    assert [p.name for p in journal_path.parent.iterdir()] == [paths.draft_path(journal_path).name]
