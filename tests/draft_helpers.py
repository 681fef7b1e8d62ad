"""Reading and planting drafts in tests, the way the program keeps them:
one file per run in the journal's drafts folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from serjournal.journal import Journal
from serjournal.store import drafts


def draft_files(journal_path: Path) -> list[Path]:
    """Every check-in draft waiting beside the journal (none held by a run)."""
    return [d.path for d in drafts.waiting_drafts(Journal(journal_path))]


def only_draft(journal_path: Path) -> drafts.Draft:
    (draft,) = drafts.waiting_drafts(Journal(journal_path))
    return draft


def plant_draft(journal_path: Path, checkin: dict[str, Any], stage: str) -> Path:
    """A draft as a run stopped at `stage` would have left it."""
    keeper = drafts.DraftKeeper(Journal(journal_path), str(checkin.get("id") or "planted"))
    with keeper:
        keeper.keep(checkin, stage)
    return keeper.path


def newest_draft(journal_path: Path) -> drafts.Draft | None:
    waiting = drafts.waiting_drafts(Journal(journal_path))
    return waiting[0] if waiting else None
