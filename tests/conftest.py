from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from serjournal import keys
from serjournal.render.theme import set_theme
from serjournal.store.connection import open_journal
from serjournal.vocabulary import set_vocabulary


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test may touch the real journal or config of whoever runs it."""
    monkeypatch.setenv("SERJOURNAL_DB", str(tmp_path / "env-journal" / "journal.db"))
    monkeypatch.setenv("SERJOURNAL_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    # Never the real keyring, in this process or in any child: no keyring
    # unless a test installs tests/fake_keyring.py's; no passphrase file.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("SERJOURNAL_TEST_KEYRING", str(tmp_path / "fake-keyring.json"))
    monkeypatch.delenv("SERJOURNAL_PASSPHRASE_FILE", raising=False)
    monkeypatch.setattr(keys, "_keyring_backend", lambda: None)
    monkeypatch.setattr(keys, "ask", _no_terminal)
    keys._UNLOCKED.clear()
    monkeypatch.delenv("COLORFGBG", raising=False)
    set_vocabulary(None)
    set_theme(None)
    yield
    keys._UNLOCKED.clear()
    set_vocabulary(None)
    set_theme(None)


def _no_terminal(prompt: str) -> str:
    raise AssertionError(f"a test asked for a passphrase it did not script: {prompt}")


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def db(journal_path: Path) -> Iterator[Database]:
    database = open_journal(journal_path)
    yield database
    database.close()
