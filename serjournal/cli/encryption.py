"""`encrypt` and `decrypt`: the journal readable only with its passphrase, or
plain again. The work is in store/conversion.py; keys in serjournal/keys.py."""

from __future__ import annotations

from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of


@app.command()
def encrypt(
    ctx: typer.Context,
    keyring: Annotated[
        bool,
        typer.Option(
            "--keyring/--no-keyring",
            help="Keep the journal's key in the system keyring, when there is one.",
        ),
    ] = True,
    _db: DbOption = None,
) -> None:
    """Encrypt the journal (SQLCipher), with a passphrase asked twice, or read
    from the file named by SERJOURNAL_PASSPHRASE_FILE.

    Every command then works as before; the key comes from the system
    keyring when there is one, else the passphrase is asked once per command.
    A lost passphrase cannot be recovered.
    """
    from serjournal import keys, messages
    from serjournal.errors import JournalError
    from serjournal.store import cipher, conversion
    from serjournal.store.reading import encryption_salt, open_for_reading

    journal = journal_of(ctx)
    if not journal.exists():
        raise JournalError(messages.JOURNAL_MISSING.format(path=journal.path))
    cipher.require()  # the one-line "install the extra" error, before any question
    salt = encryption_salt(journal.path)
    if salt is not None:
        # Already encrypted: open it (asking the passphrase if need be), and
        # keep its key in the keyring if asked, so this account is not asked again.
        connection = open_for_reading(journal.path)
        if connection is not None:
            connection.close()
        key = keys.key_for(journal.path, salt)[0]
        if keyring and keys.remember_in_keyring(salt, key):
            typer.echo(messages.ENCRYPT_ALREADY_REMEMBERED.format(path=journal.path))
            return
        typer.echo(messages.ENCRYPT_ALREADY.format(path=journal.path))
        return
    # A journal that cannot be read (not SQLite, damaged, another program's) is
    # refused in one line before any passphrase is asked for.
    checked = open_for_reading(journal.path)
    if checked is not None:
        checked.close()
    passphrase, _source = keys.new_passphrase()
    converted = conversion.encrypt(journal, passphrase)
    del passphrase
    typer.echo(
        messages.ENCRYPTED_DONE.format(
            path=journal.path,
            checkins=messages.counted(converted.count, "check-in"),
            format=cipher.FORMAT,
        )
    )
    assert converted.salt is not None
    key = keys.key_for(journal.path, converted.salt)[0]
    if keyring and keys.remember_in_keyring(converted.salt, key):
        typer.echo(messages.ENCRYPTED_KEY_REMEMBERED)
    else:
        typer.echo(messages.ENCRYPTED_KEY_ASKED)
    typer.echo(messages.ENCRYPTED_OLD_COPIES)


@app.command()
def decrypt(ctx: typer.Context, _db: DbOption = None) -> None:
    """Turn an encrypted journal back into a plain SQLite file (it asks for
    the passphrase unless the keyring has the key)."""
    from serjournal import messages
    from serjournal.errors import JournalError
    from serjournal.store import conversion
    from serjournal.store.reading import encryption_salt, open_for_reading

    journal = journal_of(ctx)
    if not journal.exists():
        raise JournalError(messages.JOURNAL_MISSING.format(path=journal.path))
    if encryption_salt(journal.path) is None:
        # Not encrypted: a file that is no usable journal says so first.
        checked = open_for_reading(journal.path)
        if checked is not None:
            checked.close()
    converted = conversion.decrypt(journal)
    typer.echo(
        messages.DECRYPTED_DONE.format(
            path=journal.path, checkins=messages.counted(converted.count, "check-in")
        )
    )
