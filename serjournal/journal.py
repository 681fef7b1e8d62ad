"""The journal a command works on, located once.

The app callback (cli/app.py) makes one Journal from --db, $SERJOURNAL_DB or
the platform default and hands it to the command; no other code derives the
journal's location. Every file that belongs to the journal is named here, so
paths.private_output can refuse to write over any of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from serjournal import locations

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

# SQLite keeps a journal's recent writes and locks in files beside it.
COMPANION_SUFFIXES: tuple[str, ...] = ("-wal", "-shm", "-journal")
BACKUP_FOLDER = "backups"


class Journal:
    # A plain class, not a dataclass: `status --short` imports this module
    # before every shell prompt, and dataclasses costs more than the rest.
    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path  # absolute, as the user named it (a symlink stays a symlink)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Journal) and other.path == self.path

    def __hash__(self) -> int:
        return hash(self.path)

    def __repr__(self) -> str:
        return f"Journal({str(self.path)!r})"

    @classmethod
    def locate(cls, option: str | os.PathLike[str] | None = None) -> Journal:
        """--db, then $SERJOURNAL_DB, then the platform's user data folder."""
        chosen = option or os.environ.get(locations.DB_ENV)
        if chosen:
            path = Path(chosen).expanduser()
        else:
            path = locations.data_dir() / locations.JOURNAL_FILENAME
        return cls(Path(os.path.abspath(path)))

    # --- Files that belong to the journal -------------------------------------------

    @property
    def real_path(self) -> Path:
        """The file itself, symlinks followed: SQLite puts -wal and -shm beside it."""
        return Path(os.path.realpath(self.path))

    def companions(self) -> list[Path]:
        """-wal, -shm and -journal beside the named path and beside the real file."""
        bases = dict.fromkeys([self.path, self.real_path])
        return [
            base.with_name(base.name + suffix) for base in bases for suffix in COMPANION_SUFFIXES
        ]

    @property
    def drafts_dir(self) -> Path:
        """Unfinished check-ins, one file per run, never inside the journal."""
        return self.path.with_name(self.path.name + ".drafts")

    @property
    def legacy_draft(self) -> Path:
        """Where version 0.1 kept its single draft; still read, never written."""
        return self.path.with_name(self.path.name + ".draft.json")

    @property
    def backups_dir(self) -> Path:
        return self.path.parent / BACKUP_FOLDER

    def protected_files(self) -> list[Path]:
        """Files no export, review or report may ever replace."""
        return [self.path, self.real_path, *self.companions(), self.legacy_draft]

    def protected_dirs(self) -> list[Path]:
        """Folders only their own writers (drafts, backups) may write into."""
        return [self.drafts_dir, self.backups_dir]

    def owns(self, path: Path) -> bool:
        """Whether `path` is the journal or one of its own files, however it is
        reached (symlinks followed, hard links caught by device and inode)."""
        real = os.path.realpath(path)
        protected = self.protected_files()
        if real in {os.path.realpath(p) for p in protected}:
            return True
        try:
            mine = os.stat(path)
        except OSError:
            return False
        for other in protected:
            try:
                theirs = os.stat(other)
            except OSError:
                continue
            if (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino):
                return True
        return False

    def exists(self) -> bool:
        return self.path.exists()

    # --- Opening -----------------------------------------------------------------------

    def open(self, *, create: bool = True) -> Database:
        """For writing: created if needed (with create) and upgraded."""
        from serjournal.store.connection import open_journal

        return open_journal(self.path, create=create)

    def open_for_reading(self) -> sqlite3.Connection | None:
        """For reading only, or None when there is no journal yet. Never writes."""
        from serjournal.store.reading import open_for_reading

        return open_for_reading(self.path)

    def open_on_save(self) -> Database | OpenOnSave:
        """For a guided check-in: a journal that is ours and current is only
        read at first (history, drafts already saved) and opened for writing
        when the answers are saved, so the first question waits for neither
        sqlite-utils nor the migrations. A new, older or odd journal is opened
        for writing at once, as open() would: that creates, upgrades or
        explains before anything is asked."""
        from serjournal.store.reading import open_if_current

        reader = open_if_current(self.path)
        return self.open() if reader is None else OpenOnSave(self, reader)


class OpenOnSave:
    """See Journal.open_on_save. Reads go to the read-only connection; the
    first writer() call opens the journal for writing (upgrading it if
    another serjournal changed it meanwhile)."""

    def __init__(self, journal: Journal, reader: sqlite3.Connection) -> None:
        self._journal = journal
        self._reader = reader
        self._writer: Database | None = None

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self._reader.execute(sql, parameters)

    def writer(self) -> Database:
        if self._writer is None:
            self._writer = self._journal.open()
            self._reader.close()
            self._reader = self._writer.conn  # later reads see the file written to
        return self._writer


def writer_of(store: Database | OpenOnSave) -> Database:
    """The journal opened for writing, whichever open_on_save gave."""
    return store.writer() if isinstance(store, OpenOnSave) else store
