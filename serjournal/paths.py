"""Where serjournal keeps its files, and the one function that creates files.

Every file serjournal writes (exports, saved reviews, reports, backups,
drafts, restore's aside copy, the config template) is made by
private_output: readable by the owner only, written to a temporary name and
renamed into place, and never over the journal or any file that belongs to it,
however the path reaches it (symlinks and hard links included).
Nothing here touches the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from serjournal import messages
from serjournal.errors import InputError
from serjournal.locations import (  # noqa: F401  (the defaults, named here for callers too)
    APP_NAME,
    CONFIG_ENV,
    DB_ENV,
    JOURNAL_FILENAME,
    config_file,
    data_dir,
)

if TYPE_CHECKING:
    from serjournal.journal import Journal

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
BOM = "\ufeff"


def ensure_private_dir(directory: Path) -> None:
    """Create missing directories 0700. Existing ones chosen by the user are
    left as they are (a --db in /tmp must not chmod /tmp)."""
    missing = []
    current = directory
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            # Another process (a second terminal) made it a moment ago.
            if not path.is_dir():
                raise
            continue
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is masked by umask


def unused_name(wanted: Path) -> Path:
    """`wanted`, or name-2.ext, name-3.ext, ... : the first that does not exist."""
    candidate, number = wanted, 1
    while os.path.lexists(candidate):
        number += 1
        candidate = wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
    return candidate


# --- The one file maker ------------------------------------------------------------------


class Role(Enum):
    """Who is writing: drafts and backups may write in their own folders."""

    OUTPUT = "output"  # exports, saved reviews, reports, config template, aside copies
    DRAFT = "draft"
    BACKUP = "backup"


class OutputError(InputError):
    """A file could not be written (no space, no permission, not a folder)."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason or message


@contextmanager
def private_output(
    target: Path,
    *,
    journal: Journal,
    role: Role = Role.OUTPUT,
    overwrite: bool = True,
    binary: bool = False,
    bom: bool = False,
) -> Iterator[IO[Any]]:
    """A new file at `target`, 0600, that appears whole or not at all.

    Yields a handle on a temporary file beside `target` (its `.name` is that
    file's path, for writers such as SQLite that need one); on leaving, it is
    flushed, fsynced and renamed over `target`. Refused, before anything is
    written and again just before the rename, when `target` is the journal,
    one of its -wal/-shm/-journal files, a draft or a backup. With
    overwrite=False an existing file is never replaced, even by a race.
    """
    import tempfile

    target = Path(os.path.abspath(Path(target).expanduser()))
    refuse_journal_files(target, journal, role)
    if not overwrite and os.path.lexists(target):
        raise InputError(messages.OUTPUT_EXISTS.format(path=target))
    temporary: Path | None = None
    try:
        ensure_private_dir(target.parent)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        temporary = Path(name)
        os.close(fd)  # mkstemp made it 0600 whatever the umask; reopen by name below
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with open(temporary, mode, encoding=encoding, newline=None if binary else "") as handle:
            if bom and not binary:
                handle.write(BOM)
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE_MODE)
        refuse_journal_files(target, journal, role)  # a link may have appeared meanwhile
        if overwrite:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if the name was taken meanwhile
            os.unlink(temporary)
        temporary = None
        fsync_dir(target.parent)
    except FileExistsError:
        raise InputError(messages.OUTPUT_EXISTS.format(path=target)) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(
            messages.CANNOT_WRITE.format(path=target, reason=reason), reason
        ) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def refuse_journal_files(target: Path, journal: Journal, role: Role = Role.OUTPUT) -> None:
    """InputError when writing `target` could replace a file of the journal."""
    if os.path.isdir(target):
        raise InputError(messages.OUTPUT_IS_FOLDER.format(path=target))
    if journal.owns(target):
        itself = os.path.realpath(target) == str(journal.real_path)
        template = messages.OUTPUT_IS_JOURNAL if itself else messages.OUTPUT_IS_JOURNAL_FILE
        raise InputError(template.format(path=target, journal=journal.path))
    real = os.path.realpath(target)
    allowed = {Role.DRAFT: journal.drafts_dir, Role.BACKUP: journal.backups_dir}.get(role)
    for folder in journal.protected_dirs():
        if folder == allowed:
            continue
        inside = os.path.realpath(folder)
        if real == inside or real.startswith(inside + os.sep):
            raise InputError(messages.OUTPUT_IN_JOURNAL_FOLDER.format(path=target, folder=folder))


def fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (a power cut right after keeps the file)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the data itself is synced
    finally:
        os.close(fd)


def create_journal_file(path: Path) -> None:
    """The empty file a new journal starts as, 0600 from its first moment
    (SQLite would make it with the umask's permissions). An existing file,
    or a name taken a moment ago by another terminal, is left as it is."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)


class FileLock:
    """An advisory lock held through a small lock file (fcntl.flock), so one
    run can tell that another is still working on something. Released when
    the process ends, however it ends. Where flock does not exist (Windows),
    every lock is granted and nothing is ever reported held."""

    def __init__(self, path: Path, *, journal: Journal) -> None:
        self.path = path
        self.journal = journal
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process holds it."""
        refuse_journal_files(self.path, self.journal, Role.DRAFT)
        ensure_private_dir(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        if not _flock(fd, blocking=False):
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Remove the lock file while still holding it, then let go."""
        if self._fd is None:
            return
        self.path.unlink(missing_ok=True)
        os.close(self._fd)  # closing releases the flock
        self._fd = None

    @staticmethod
    def is_held(path: Path) -> bool:
        """Whether a live process holds the lock at `path` (never creates it)."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return False
        try:
            return not _flock(fd, blocking=False)
        finally:
            os.close(fd)


def _flock(fd: int, *, blocking: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True
