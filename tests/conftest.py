from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

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
    monkeypatch.delenv("COLORFGBG", raising=False)
    set_vocabulary(None)
    set_theme(None)
    yield
    set_vocabulary(None)
    set_theme(None)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def db(journal_path: Path) -> Iterator[Database]:
    database = open_journal(journal_path)
    yield database
    database.close()
