from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

from serjournal import keys
from serjournal.render.theme import set_theme
from serjournal.store.connection import open_journal
from serjournal.vocabulary import set_vocabulary

# Set by .ci/unprivileged: this run is the one meant to exercise chmod, so a
# test that cannot must fail rather than skip.
MUST_RUN_UNPRIVILEGED = "SERJOURNAL_TESTS_MUST_RUN_UNPRIVILEGED"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`unprivileged` tests make files read-only with chmod, which stops every
    user but root. As root they skip, saying why; .ci/run runs them again as
    an unprivileged user (`pytest -m unprivileged`)."""
    if item.get_closest_marker("unprivileged") is None or os.geteuid() != 0:
        return
    reason = (
        "running as root, whom chmod does not stop: "
        "run `pytest -m unprivileged` as another user (.ci/run does)"
    )
    if os.environ.get(MUST_RUN_UNPRIVILEGED):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


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
    """What asking for a passphrase does with no terminal (tests have none):
    one clear error. A test that needs a passphrase scripts it."""
    from serjournal import messages
    from serjournal.errors import JournalError

    raise JournalError(messages.ENCRYPTED_NO_TERMINAL)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def db(journal_path: Path) -> Iterator[Database]:
    database = open_journal(journal_path)
    yield database
    database.close()
