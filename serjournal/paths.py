"""Where serjournal keeps its files, and making them private to the owner.

Order of precedence for the journal: --db, then $SERJOURNAL_DB, then the
platform's user data directory. Nothing here touches the network.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "serjournal"
JOURNAL_FILENAME = "journal.db"
DB_ENV = "SERJOURNAL_DB"
CONFIG_ENV = "SERJOURNAL_CONFIG"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    from platformdirs import user_data_path  # imported here: only needed for defaults

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The TOML config: $SERJOURNAL_CONFIG, else the platform config directory."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def journal_path(option: str | os.PathLike[str] | None = None) -> Path:
    chosen = option or os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / JOURNAL_FILENAME


def draft_path(journal: Path) -> Path:
    """The unsaved check-in belongs to its journal, so it sits beside it."""
    return journal.with_name(journal.name + ".draft.json")


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


def create_private_file(path: Path) -> bool:
    """Create an empty file readable by the owner only; False if it existed."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    os.chmod(path, PRIVATE_FILE_MODE)
    return True


def write_private_atomically(path: Path, data: bytes) -> None:
    """Write a whole file, 0600, so a crash leaves the old or the new version,
    never a torn one: write a temporary file, fsync, then rename over."""
    ensure_private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, PRIVATE_FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
