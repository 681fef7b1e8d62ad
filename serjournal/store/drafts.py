"""The unfinished check-in, kept beside the journal and never inside it.

A draft is the check-in's dictionary form plus the stage it stopped at,
written atomically and 0600, so Ctrl-C, a closed terminal or a failed save
loses nothing and leaves no half-written entry in the journal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serjournal import paths
from serjournal.models import format_utc, utc_now


@dataclass
class Draft:
    checkin: dict[str, Any]
    stage: str  # key of the stage the user had reached (or "saving")
    saved_utc: str


def save_draft(journal: Path, checkin: dict[str, Any], stage: str) -> Path:
    target = paths.draft_path(journal)
    document = {"stage": stage, "saved_utc": format_utc(utc_now()), "checkin": checkin}
    paths.write_private_atomically(target, json.dumps(document, indent=2).encode("utf-8"))
    return target


def keep_unsaved(journal: Path, checkin: dict[str, Any], stage: str) -> bool:
    """Keep a check-in that could not be saved as the draft. False when a
    draft already waits (it is never overwritten) or cannot be written: the
    caller must then show the answers some other way."""
    if paths.draft_path(journal).exists():
        return False
    try:
        save_draft(journal, checkin, stage)
    except OSError:
        return False
    return True


def load_draft(journal: Path) -> Draft | None:
    """The draft, or None. An unreadable draft is kept aside, not deleted."""
    source = paths.draft_path(journal)
    if not source.exists():
        return None
    try:
        document = json.loads(source.read_text(encoding="utf-8"))
        return Draft(document["checkin"], document["stage"], document["saved_utc"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        source.replace(_free_name(source.with_name(source.name + ".unreadable")))
        return None


def _free_name(wanted: Path) -> Path:
    """A name not taken yet, so a second unreadable draft never replaces the first."""
    candidate, number = wanted, 1
    while candidate.exists():
        candidate = wanted.with_name(f"{wanted.name}.{number}")
        number += 1
    return candidate


def discard_draft(journal: Path) -> bool:
    source = paths.draft_path(journal)
    existed = source.exists()
    source.unlink(missing_ok=True)
    return existed
