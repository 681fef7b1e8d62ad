"""Opening the journal to read it, quickly.

The review must start as fast as `serjournal --version`, and importing
sqlite-utils alone costs more than that whole command. So a journal that is
ours and fully upgraded is opened with the standard library only; anything
else (a foreign file, a pending upgrade, a newer journal) goes through
connection.open_journal, which upgrades it or explains the problem. The fast
path is only a shortcut: when in doubt it defers to the full check.
"""

from __future__ import annotations

import re
import sqlite3
from importlib.util import find_spec
from pathlib import Path

# Must equal migrations.APPLICATION_ID (a test checks); importing that module
# would import sqlite-utils.
APPLICATION_ID = 0x5345524A
SQLITE_HEADER = b"SQLite format 3\x00"
_MIGRATION_DEF = re.compile(r"^def (m\d+_\w+)\(", re.MULTILINE)


def known_migration_names() -> list[str]:
    """The migrations this program defines, read from migrations.py's source
    (every migration there is a function named m<number>_<what>)."""
    spec = find_spec("serjournal.store.migrations")
    if spec is None or spec.origin is None:
        return []
    try:
        source = Path(spec.origin).read_text(encoding="utf-8")
    except OSError:
        return []
    return _MIGRATION_DEF.findall(source)


def open_for_reading(path: Path) -> sqlite3.Connection | None:
    """A connection to the journal at `path`, or None when there is none yet."""
    if not path.exists():
        return None
    connection = _fast_open(path)
    if connection is not None:
        return connection
    from serjournal.store.connection import open_journal

    # Refuses foreign or newer files with a clear message; upgrades older ones.
    return open_journal(path, create=False).conn


def _fast_open(path: Path) -> sqlite3.Connection | None:
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return None
        connection = sqlite3.connect(str(path), timeout=15, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        ours = connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        applied = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'serjournal' "
                "ORDER BY rowid"
            )
        ]
    except sqlite3.Error:
        ours, applied = False, []
    if ours and applied and sorted(applied) == sorted(known_migration_names()):
        connection.execute("PRAGMA query_only = ON")  # the review never writes
        return connection
    connection.close()
    return None
