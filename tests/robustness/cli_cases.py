"""Every CLI command, found in the Typer app itself, with how to run it
against a journal file, so the robustness tests (bad journal files, locks, no
sockets) cover each one.

command_paths() walks serjournal.cli.app, sub-apps included (`trash list`,
`config show`). Each command that takes --db must be described in DESCRIBED
(one or more invocations, and what it does with a bad journal); each other
command in WITHOUT_JOURNAL, saying why it needs no journal test. A command
found in neither makes test_every_command_is_described fail, and every
bad-journal and no-socket test of it fail, with a message saying to add it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pytest

from serjournal.models import CheckIn, EmotionEntry, Sensation

# The id of the first check-in in every journal made by make_journal().
KNOWN_ID = "0a0a0a0a-1111-4000-8000-000000000001"
# A check-in every journal made by make_journal() holds in its trash.
TRASHED_ID = "0a0a0a0a-2222-4000-8000-000000000002"
DESCRIBE_HERE = "tests/robustness/cli_cases.py"


@dataclass(frozen=True)
class JournalCommand:
    """One invocation of a command against the journal file given to args()."""

    name: str
    args: Callable[[Path], list[str]]
    writes: bool  # a writer is blocked by another writer's lock; a reader is not (WAL)
    keeps_answers: bool = False  # given check-in answers, kept (draft or JSON) if unsaved
    # On a journal that is not usable: "refuses" in one line, file untouched;
    # "reports" the problem in its own report (doctor), exit 1, file untouched;
    # "replaces" it (restore), keeping the bad file aside byte for byte.
    on_bad: Literal["refuses", "reports", "replaces"] = "refuses"
    good_exit: int = 0  # its exit code on make_journal()'s good journal

    def __str__(self) -> str:
        return self.name


def _db(*args: str) -> Callable[[Path], list[str]]:
    """[*args, "--db", journal]; "{db}" in an argument becomes the journal's path."""
    return lambda db: [a.replace("{db}", str(db)) for a in args] + ["--db", str(db)]


CHECKIN_FLAGS = [
    "--mood", "6", "--energy", "4", "--distress", "3", "--sensation", "chest:tight:6:3",
    "--emotion", "anxious:5:chest", "--focus", "a calm evening, mostly", "--tag", "test",
]  # fmt: skip

DESCRIBED: dict[str, list[JournalCommand]] = {
    "checkin": [
        JournalCommand("checkin-flags", _db("checkin", *CHECKIN_FLAGS), True, keeps_answers=True)
    ],
    "list": [JournalCommand("list", _db("list"), writes=False)],
    "show": [JournalCommand("show", _db("show", KNOWN_ID[:8]), writes=False)],
    "search": [JournalCommand("search", _db("search", "evening"), writes=False)],
    "review": [
        JournalCommand("review", _db("review"), writes=False),
        JournalCommand("review-json", _db("review", "--json"), writes=False),
        JournalCommand(
            "review-save", _db("review", "--last", "30", "--save", "{db}.review.html"), False
        ),
    ],
    # Fills only a new or empty --db file: make_journal()'s is refused (exit 2).
    "demo": [JournalCommand("demo", _db("demo"), writes=False, good_exit=2)],
    "edit": [JournalCommand("edit", _db("edit", KNOWN_ID[:8], "--set", "mood=5"), writes=True)],
    "delete": [JournalCommand("delete", _db("delete", KNOWN_ID[:8], "--yes"), writes=True)],
    "undo": [JournalCommand("undo", _db("undo"), writes=True)],
    "trash list": [JournalCommand("trash-list", _db("trash", "list"), writes=False)],
    "trash restore": [
        JournalCommand("trash-restore", _db("trash", "restore", TRASHED_ID[:8]), writes=True)
    ],
    "export": [
        JournalCommand("export-csv", _db("export"), writes=False),
        JournalCommand("export-json", _db("export", "--format", "json"), writes=False),
        JournalCommand("export-all", _db("export", "--all", "{db}.tables"), writes=False),
    ],
    "import": [
        JournalCommand(
            "import", lambda db: ["import", import_file(db), "--db", str(db)], writes=True
        )
    ],
    "backup": [JournalCommand("backup", _db("backup", "{db}.backup"), writes=False)],
    "restore": [
        JournalCommand(
            "restore",
            lambda db: ["restore", backup_file(db), "--db", str(db)],
            writes=True,
            on_bad="replaces",
        )
    ],
    "doctor": [JournalCommand("doctor", _db("doctor"), writes=False, on_bad="reports")],
    # Notes itself in the journal, in the transaction that writes the page.
    "report": [
        JournalCommand(
            "report", _db("report", "--since", "2000-01-01", "-o", "{db}.report.html"), True
        )
    ],
    "sync": [
        JournalCommand("sync", lambda db: ["sync", sync_folder(db), "--db", str(db)], True),
        JournalCommand("sync-status", _db("sync", "--status"), writes=False),
    ],
    # (`status --short`, for a shell prompt, is never an error: a journal it cannot
    # read is "not yet today"; tests/test_today_and_remind.py covers it.)
    "status": [JournalCommand("status", _db("status"), writes=False)],
    # The journal is checked (read: a write lock elsewhere does not stop it), then a
    # passphrase is needed and there is no terminal: refused in one line, nothing changed.
    "encrypt": [JournalCommand("encrypt", _db("encrypt"), writes=False, good_exit=3)],
    # A journal that is not encrypted: read (a write lock elsewhere does not stop
    # it), then said in one line, nothing changed.
    "decrypt": [JournalCommand("decrypt", _db("decrypt"), writes=False, good_exit=2)],
}

# Commands in WITHOUT_JOURNAL that take --db only to name the journal elsewhere.
NAMES_THE_JOURNAL = {"remind install"}
WITHOUT_JOURNAL: dict[str, str] = {
    "remind install": (
        "writes a systemd timer or crontab line for the system, naming the journal; it opens "
        "none (tests/test_today_and_remind.py drives it with a fake system)"
    ),
    "remind status": "reads the system's timer or crontab; opens no journal",
    "remind uninstall": "removes the system's timer or crontab line; opens no journal",
    "config path": "prints where the config file is; opens no journal",
    "config show": "prints the config in force; opens no journal",
    "config edit": "opens the config file in $EDITOR; opens no journal",
}


def command_paths(app: Any = None) -> Iterator[tuple[str, bool]]:
    """("trash list", takes_db) for every command of the app, sub-apps included."""
    from typer.main import get_command

    if app is None:
        from serjournal.cli import app

    def walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, bool]]:
        subcommands = getattr(command, "commands", None)
        if subcommands is not None:  # a group: its commands, not itself
            for name, sub in subcommands.items():
                yield from walk(sub, (*path, name))
            return
        takes_db = any("--db" in getattr(p, "opts", ()) for p in command.params)
        yield " ".join(path), takes_db

    yield from walk(get_command(app), ())


def _undescribed(path: str) -> JournalCommand:
    def fail(db: Path) -> list[str]:
        pytest.fail(f"serjournal {path} is not described: add it to DESCRIBED in {DESCRIBE_HERE}")

    return JournalCommand(f"undescribed-{path.replace(' ', '-')}", fail, writes=True)


def journal_commands() -> list[JournalCommand]:
    """Every invocation of every command that takes --db, in the app's order."""
    return [
        invocation
        for path, takes_db in command_paths()
        if takes_db and path not in WITHOUT_JOURNAL
        for invocation in DESCRIBED.get(path) or [_undescribed(path)]
    ]


JOURNAL_COMMANDS: list[JournalCommand] = journal_commands()


def backup_file(journal: Path) -> str:
    """A small, good backup beside the journal, to restore (two check-ins)."""
    path = journal.with_name(journal.name + ".restore-me.db")
    if not path.exists():
        make_journal(path, count=2)
    return str(path)


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
    """A real journal of many pages, checkpointed so the one file holds it all:
    `count` check-ins, and TRASHED_ID in the trash."""
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import delete_checkin, save_checkin

    db = open_journal(path)
    for n in range(count):
        save_checkin(db, sample_checkin(n))
    trashed = sample_checkin(count)
    trashed.id = TRASHED_ID
    save_checkin(db, trashed)
    delete_checkin(db, TRASHED_ID)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def page_size(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA page_size").fetchone()[0])
