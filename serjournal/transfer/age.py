"""Files encrypted to age public keys (pyrage, the `encrypted` extra).

A machine that holds only public keys (age1...) can write backups and exports
that it cannot read itself: only the matching secret key (an age identity
file, as `age-keygen` writes) opens them. The public keys come from --to or
from the config's `[backup] recipients`. Everything is encrypted in memory:
the plain bytes never touch the disk.

For other modules: encrypt_for_recipients(data) encrypts bytes to the
configured recipients, encrypt_stream(source, target) a stream; sync seals
each line of its logs with the first and opens them with decrypt_bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from serjournal import messages
from serjournal.errors import InputError

if TYPE_CHECKING:
    from types import ModuleType

MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
SUFFIX = ".age"
RECIPIENT_PREFIX = "age1"
IDENTITY_PREFIX = "AGE-SECRET-KEY-1"


@functools.cache
def _pyrage() -> ModuleType:
    try:
        import pyrage
    except ImportError:
        raise InputError(messages.AGE_NEEDS_EXTRA) from None
    return cast("ModuleType", pyrage)


def is_age(header: bytes) -> bool:
    """Whether a file starting with `header` is age-encrypted (binary or armored)."""
    return header.startswith(MAGIC) or header.startswith(ARMOR)


def parse_recipients(values: Iterable[str], *, from_config: bool = False) -> list[object]:
    """age X25519 public keys, each checked; one line naming a bad one."""
    pyrage = _pyrage()
    parsed = []
    for value in values:
        text = value.strip()
        try:
            if not text.startswith(RECIPIENT_PREFIX):
                raise ValueError(text)
            parsed.append(pyrage.x25519.Recipient.from_str(text))
        except (ValueError, pyrage.RecipientError):
            template = (
                messages.AGE_BAD_RECIPIENT_CONFIG if from_config else messages.AGE_BAD_RECIPIENT
            )
            raise InputError(template.format(value=text[:80])) from None
    return parsed


def configured_recipients() -> list[str]:
    """The public keys in the config's `[backup] recipients` (maybe none)."""
    from serjournal.config import load_config

    return list(load_config().backup_recipients)


def encrypt_for_recipients(data: bytes, recipients: Sequence[str] | None = None) -> bytes:
    """`data` encrypted to `recipients` (age public keys), by default those of
    the config's `[backup] recipients`. InputError when there are none."""
    chosen = list(recipients) if recipients is not None else configured_recipients()
    parsed = parse_recipients(chosen, from_config=recipients is None)
    if not parsed:
        raise InputError(messages.AGE_BAD_RECIPIENT.format(value=""))
    return cast(bytes, _pyrage().encrypt(data, parsed))


def encrypt_stream(
    source: IO[bytes], target: IO[bytes], recipients: Sequence[str] | None = None
) -> None:
    """Like encrypt_for_recipients, from one binary stream to another."""
    chosen = list(recipients) if recipients is not None else configured_recipients()
    parsed = parse_recipients(chosen, from_config=recipients is None)
    if not parsed:
        raise InputError(messages.AGE_BAD_RECIPIENT.format(value=""))
    _pyrage().encrypt_io(source, target, parsed)


def read_identities(path: Path) -> list[object]:
    """The age secret keys in an identity file (comments and blank lines skipped)."""
    pyrage = _pyrage()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise InputError(
            messages.AGE_IDENTITY_UNREADABLE.format(path=path, reason=reason)
        ) from None
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if line.upper().startswith(IDENTITY_PREFIX):
            try:
                identities.append(pyrage.x25519.Identity.from_str(line))
            except (ValueError, pyrage.IdentityError):
                continue
    if not identities:
        raise InputError(messages.AGE_BAD_IDENTITY.format(path=path))
    return identities


def decrypt_bytes(data: bytes, identities: Sequence[object]) -> bytes | None:
    """The plain bytes of age-encrypted `data`, or None when none of the
    `identities` opens it or it is damaged (the caller says which file)."""
    pyrage = _pyrage()
    try:
        return cast(bytes, pyrage.decrypt(data, list(identities)))
    except (pyrage.DecryptError, ValueError):  # not age at all raises ValueError
        return None


def decrypt_file(source: Path, identity_file: Path) -> bytes:
    """The plain bytes of the age file `source`, in memory only."""
    pyrage = _pyrage()
    identities = read_identities(identity_file)
    data = source.read_bytes()
    try:
        return cast(bytes, pyrage.decrypt(data, identities))
    except pyrage.DecryptError as error:
        if "no matching keys" in str(error).lower():
            raise InputError(
                messages.AGE_WRONG_IDENTITY.format(path=source, identity=identity_file)
            ) from None
        raise InputError(messages.AGE_DAMAGED.format(path=source, reason=error)) from None
