"""The key of an encrypted journal: where it comes from, and where it never goes.

An encrypted journal's key comes, in this order, from what this command
already unlocked (the same file, or a backup of it: the key goes with the
file's salt), from the passphrase in $SERJOURNAL_PASSPHRASE_FILE (scripts),
from the operating system's keyring (through the `keyring` library, when a
real one is there), or from a passphrase asked once on the terminal.

The key is never written to disk by serjournal, never put in a message and
never taken as a command-line argument. The keyring holds the key derived
for one journal (tied to its salt), not the passphrase, which may be used
elsewhere too. A keyring backend that keeps secrets in a plain file
(priority below 1, such as keyrings.alt's) is not used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from serjournal import messages
from serjournal.errors import InputError, JournalError

PASSPHRASE_FILE_ENV = "SERJOURNAL_PASSPHRASE_FILE"
KEYRING_SERVICE = "serjournal"
MIN_PASSPHRASE_LENGTH = 8

# Where a key came from, for the one line that says it did not fit.
FROM_MEMORY = "memory"
FROM_FILE = "file"
FROM_KEYRING = "keyring"
FROM_TERMINAL = "terminal"

_UNLOCKED: dict[bytes, bytes] = {}  # salt -> key, for this process only


def _ask_on_terminal(prompt: str) -> str:
    """A passphrase typed on the terminal, not echoed."""
    import getpass

    if not sys.stdin.isatty():
        raise JournalError(messages.ENCRYPTED_NO_TERMINAL)
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


# How a passphrase is asked; tests replace it. Never called with a secret.
ask: Callable[[str], str] = _ask_on_terminal


def derive(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key derivation, done once per command instead of once per
    connection: PBKDF2-HMAC-SHA512, 256,000 rounds, over the file's salt."""
    import hashlib

    from serjournal.store.cipher import KDF_ITERATIONS, KEY_BYTES

    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )


def key_for(path: Path, salt: bytes) -> tuple[bytes, str]:
    """The key for the encrypted file at `path` (whose salt is `salt`), and
    where it came from."""
    if salt in _UNLOCKED:
        return _UNLOCKED[salt], FROM_MEMORY
    file = os.environ.get(PASSPHRASE_FILE_ENV)
    if file:
        key, source = derive(read_passphrase_file(Path(file)), salt), FROM_FILE
    elif (stored := from_keyring(salt)) is not None:
        key, source = stored, FROM_KEYRING
    else:
        passphrase = ask(messages.PASSPHRASE_PROMPT.format(path=path))
        if not passphrase:
            raise JournalError(messages.PASSPHRASE_EMPTY.format(path=path))
        key, source = derive(passphrase, salt), FROM_TERMINAL
    _UNLOCKED[salt] = key
    return key, source


def remember_unlocked(salt: bytes, key: bytes) -> None:
    """A key this command made or checked (encrypt), for its next connections."""
    _UNLOCKED[salt] = key


def forget(salt: bytes) -> None:
    _UNLOCKED.pop(salt, None)


def wrong_key_message(path: Path, source: str) -> str:
    if source == FROM_FILE:
        return messages.WRONG_KEY_FILE.format(path=path, env=PASSPHRASE_FILE_ENV)
    if source == FROM_KEYRING:
        return messages.WRONG_KEY_KEYRING.format(path=path)
    return messages.WRONG_PASSPHRASE.format(path=path)


def read_passphrase_file(file: Path) -> str:
    """The first line of the file named by $SERJOURNAL_PASSPHRASE_FILE."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise JournalError(
            messages.PASSPHRASE_FILE_UNREADABLE.format(
                env=PASSPHRASE_FILE_ENV, path=file, reason=reason
            )
        ) from None
    passphrase = text.splitlines()[0] if text.splitlines() else ""
    if not passphrase:
        raise JournalError(
            messages.PASSPHRASE_FILE_EMPTY.format(env=PASSPHRASE_FILE_ENV, path=file)
        )
    return passphrase


def new_passphrase() -> tuple[str, str]:
    """The passphrase a journal is to be encrypted with, and where it came
    from: the passphrase file, or typed twice on the terminal."""
    file = os.environ.get(PASSPHRASE_FILE_ENV)
    if file:
        passphrase, source = read_passphrase_file(Path(file)), FROM_FILE
    else:
        passphrase = ask(messages.PASSPHRASE_NEW)
        if passphrase and ask(messages.PASSPHRASE_AGAIN) != passphrase:
            raise InputError(messages.PASSPHRASES_DIFFER)
        source = FROM_TERMINAL
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise InputError(messages.PASSPHRASE_TOO_SHORT.format(length=MIN_PASSPHRASE_LENGTH))
    return passphrase, source


# --- The operating system's keyring ------------------------------------------------------


def _keyring_backend() -> object | None:
    """The keyring's backend when a real one is there, else None."""
    try:
        import keyring

        backend = keyring.get_keyring()
        priority = float(backend.priority)
    except Exception:  # not installed, or no usable backend: the passphrase it is
        return None
    return backend if priority >= 1 else None


def keyring_available() -> bool:
    return _keyring_backend() is not None


def _username(salt: bytes) -> str:
    return f"journal-{salt.hex()}"


def from_keyring(salt: bytes) -> bytes | None:
    backend = _keyring_backend()
    if backend is None:
        return None
    try:
        value = backend.get_password(KEYRING_SERVICE, _username(salt))  # type: ignore[attr-defined]
    except Exception:  # a locked or broken keyring: ask for the passphrase instead
        return None
    try:
        key = bytes.fromhex(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return key if key is not None and len(key) == 32 else None


def remember_in_keyring(salt: bytes, key: bytes) -> bool:
    """Keep the journal's key in the keyring; False when there is none to use."""
    backend = _keyring_backend()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, _username(salt), key.hex())  # type: ignore[attr-defined]
    except Exception:  # a keyring that refuses: the passphrase still works
        return False
    return True
