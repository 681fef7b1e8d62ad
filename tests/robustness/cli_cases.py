"""Every CLI command that opens a journal, as data, so the robustness tests
(bad journal files, no sockets, privacy) cover each one. When a command is
added that opens a journal, add a line here and all those tests include it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from serjournal.models import CheckIn, EmotionEntry, Sensation

# The id of the first check-in in every journal made by make_journal().
KNOWN_ID = "0a0a0a0a-1111-4000-8000-000000000001"


@dataclass(frozen=True)
class JournalCommand:
    name: str
    args: Callable[[Path], list[str]]
    writes: bool  # a writer is blocked by another writer's lock; a reader is not (WAL)
    keeps_answers: bool = False  # given check-in answers, kept (draft or JSON) if unsaved

    def __str__(self) -> str:
        return self.name


JOURNAL_COMMANDS: list[JournalCommand] = [
    JournalCommand(
        "checkin-flags",
        lambda db: [
            "checkin",
            "--db",
            str(db),
            "--mood",
            "6",
            "--energy",
            "4",
            "--distress",
            "3",
            "--sensation",
            "chest:tight:6:3",
            "--emotion",
            "anxious:5:chest",
            "--focus",
            "a calm evening, mostly",
            "--tag",
            "test",
        ],
        writes=True,
        keeps_answers=True,
    ),
    JournalCommand("list", lambda db: ["list", "--db", str(db)], writes=False),
    JournalCommand("show", lambda db: ["show", KNOWN_ID[:8], "--db", str(db)], writes=False),
    JournalCommand("review", lambda db: ["review", "--db", str(db)], writes=False),
    JournalCommand("review-json", lambda db: ["review", "--json", "--db", str(db)], writes=False),
    JournalCommand("search", lambda db: ["search", "evening", "--db", str(db)], writes=False),
    JournalCommand("export-csv", lambda db: ["export", "--db", str(db)], writes=False),
    JournalCommand(
        "export-json", lambda db: ["export", "--format", "json", "--db", str(db)], writes=False
    ),
    JournalCommand(
        "backup", lambda db: ["backup", str(db) + ".backup", "--db", str(db)], writes=False
    ),
    JournalCommand(
        "edit", lambda db: ["edit", KNOWN_ID[:8], "--set", "mood=5", "--db", str(db)], writes=True
    ),
    JournalCommand(
        "delete", lambda db: ["delete", KNOWN_ID[:8], "--yes", "--db", str(db)], writes=True
    ),
    JournalCommand("import", lambda db: ["import", import_file(db), "--db", str(db)], writes=True),
    # Notes itself in the journal, in the transaction that writes the page.
    JournalCommand(
        "report",
        lambda db: [
            "report",
            "--since",
            "2000-01-01",
            "-o",
            str(db) + ".report.html",
            "--db",
            str(db),
        ],
        writes=True,
    ),
    JournalCommand(
        "review-save",
        lambda db: ["review", "--last", "30", "--save", str(db) + ".review.html", "--db", str(db)],
        writes=False,
    ),
    JournalCommand("sync", lambda db: ["sync", sync_folder(db), "--db", str(db)], writes=True),
    JournalCommand("sync-status", lambda db: ["sync", "--status", "--db", str(db)], writes=False),
]


def sync_folder(journal: Path) -> str:
    """A sync folder beside the journal (never around it), made if missing."""
    folder = journal.with_name(journal.name + ".sync")
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder)


def import_file(journal: Path) -> str:
    """A small, valid serjournal JSON export beside the journal, to import."""
    from serjournal.transfer.export_json import FORMAT_VERSION

    path = journal.with_name(journal.name + ".import.json")
    checkins = [CheckIn(mood=4, answers={"note": "imported"}).to_dict()]
    document = {"format": "serjournal", "version": FORMAT_VERSION, "checkins": checkins}
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def sample_checkin(n: int) -> CheckIn:
    checkin = CheckIn(
        mood=n % 11,
        energy=(n * 3) % 11,
        distress=(n * 7) % 11,
        sensations=[Sensation("chest", "tight", 6, intensity_after=3, is_target=True)],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest")],
        answers={"focus": f"entry {n}: " + "a long evening, written slowly. " * 15},
        tags=["evening"],
    )
    if n == 0:
        checkin.id = KNOWN_ID
    return checkin


def make_journal(path: Path, count: int = 60) -> Path:
    """A real journal of many pages, checkpointed so the one file holds it all."""
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    db = open_journal(path)
    for n in range(count):
        save_checkin(db, sample_checkin(n))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def page_size(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
