from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database

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
    set_vocabulary(None)
    yield
    set_vocabulary(None)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.db"


@pytest.fixture
def db(journal_path: Path) -> Iterator[Database]:
    database = open_journal(journal_path)
    yield database
    database.close()
