"""Keyring backends for tests: the real keyring of whoever runs the tests is
never touched (conftest.py points every test and child process elsewhere).

FakeKeyring keeps its secrets in the JSON file named by
$SERJOURNAL_TEST_KEYRING, so child processes share it; PlaintextKeyring has
the low priority of a backend that stores secrets in a plain file, which
serjournal must refuse to use; BrokenKeyring fails like a locked keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked


def _store() -> Path:
    return Path(os.environ["SERJOURNAL_TEST_KEYRING"])


class FakeKeyring(KeyringBackend):
    priority = 5  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        if not _store().exists():
            return None
        return json.loads(_store().read_text()).get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = json.loads(_store().read_text()) if _store().exists() else {}
        data[f"{service}/{username}"] = password
        _store().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = json.loads(_store().read_text())
        del data[f"{service}/{username}"]
        _store().write_text(json.dumps(data))


class PlaintextKeyring(FakeKeyring):
    priority = 0.5  # type: ignore[assignment]


class BrokenKeyring(FakeKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the keyring is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("the keyring is locked")
