"""What makes a file a serjournal journal and how long to wait for it, in one
place and without imports, so the fast read path (reading.py) can check a
journal without loading sqlite-utils.

MIGRATION_NAMES must list migrations.py's functions in order; a test
(tests/test_store.py) fails the moment the two disagree.
"""

from __future__ import annotations

SQLITE_HEADER = b"SQLite format 3\x00"
# Which SQLite library a journal file is opened through: Python's own, or
# SQLCipher's for an encrypted journal (the `encrypted` extra, store/cipher.py).
PLAIN = "sqlite3"
ENCRYPTED = "sqlcipher"
# Marks a file as a serjournal journal ("SERJ" in ASCII), so we never treat
# some other program's SQLite file as ours.
APPLICATION_ID = 0x5345524A
MIGRATION_SET = "serjournal"
MIGRATION_NAMES: tuple[str, ...] = (
    "m001_create_journal",
    "m002_trash",
    "m003_answers_fts",
    "m004_trash_keeps_every_version",
    "m005_reports",
    "m006_sync",
)

# A second terminal saving at the same moment waits this long for the lock.
BUSY_TIMEOUT_MS = 15_000
# Overrides the wait, in milliseconds: tests use it so a locked journal is
# reported at once; a very slow network disk may want longer.
BUSY_TIMEOUT_ENV = "SERJOURNAL_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    """How long to wait for a lock, for every connection (reading or writing)."""
    import os

    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS
