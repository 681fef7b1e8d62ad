"""`serjournal status --short`: one word for a shell prompt or status bar.

It runs on every prompt, so it must cost almost nothing: only the standard
library is imported (no typer, Rich or sqlite-utils), the journal is read
with one indexed query, and nothing is ever written. entry.py calls it
before the command line proper is even loaded.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

CHECKED_IN, NOT_YET, DRAFT_WAITING = 0, 1, 2
WORDS = {CHECKED_IN: "checked in", NOT_YET: "not yet today", DRAFT_WAITING: "draft waiting"}


def short_status(journal: Path, today: date | None = None) -> int:
    """CHECKED_IN, else DRAFT_WAITING when an unfinished check-in waits, else NOT_YET."""
    today = today or date.today()
    if _checked_in(journal, today):
        return CHECKED_IN
    if _draft_waiting(journal):
        return DRAFT_WAITING
    return NOT_YET


def _checked_in(journal: Path, today: date) -> bool:
    if not journal.is_file():
        return False
    try:
        # mode=ro: a status line must never create, change or lock anything.
        with sqlite3.connect(f"{journal.resolve().as_uri()}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute(
                "SELECT 1 FROM checkins WHERE local_date = ? LIMIT 1", [today.isoformat()]
            ).fetchone()
    except sqlite3.Error:
        return False  # busy, damaged, not ours: `serjournal doctor` says more
    return row is not None


def _draft_waiting(journal: Path) -> bool:
    drafts = journal.with_name(journal.name + ".drafts")
    legacy = journal.with_name(journal.name + ".draft.json")
    if legacy.exists():
        return True
    try:
        return any(
            name.endswith(".json") and not name.startswith("edit-") for name in os.listdir(drafts)
        )
    except OSError:
        return False


def print_short_status(journal: Path) -> int:
    code = short_status(journal)
    print(WORDS[code])
    return code
