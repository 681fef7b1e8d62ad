"""Options shared by several commands, declared once, and the journal a
command works on, resolved once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from serjournal.cli.completion import complete_checkin_id

if TYPE_CHECKING:
    import sqlite3

    from serjournal.journal import Journal


class JournalChoice:
    """What --db said, at the root (`serjournal --db F list`) or at the
    command (`serjournal list --db F`), turned into one Journal the first
    time a command asks for it. Lives in the Typer context's obj."""

    def __init__(self, root_option: Path | None = None) -> None:
        self.option = root_option
        self._journal: Journal | None = None

    def override(self, option: Path) -> None:
        self.option = option
        self._journal = None

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            from serjournal.journal import Journal

            self._journal = Journal.locate(self.option)
        return self._journal

    @property
    def resolved(self) -> Journal | None:
        """The journal, if a command has asked for it (for error messages)."""
        return self._journal


def journal_of(ctx: typer.Context) -> Journal:
    """The command's journal: made once, from --db, $SERJOURNAL_DB or the default."""
    return ctx.ensure_object(JournalChoice).journal


def open_reader(journal: Journal) -> sqlite3.Connection:
    """The journal, for reading only; a clear error when there is none yet.
    Reading never creates, upgrades or otherwise changes a journal."""
    from serjournal import messages
    from serjournal.errors import JournalError

    conn = journal.open_for_reading()
    if conn is None:
        raise JournalError(messages.JOURNAL_MISSING.format(path=journal.path))
    return conn


def has_terminal() -> bool:
    """Whether a person is there to answer prompts (tests replace this)."""
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()


def _command_db(ctx: typer.Context, _param: Any, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(JournalChoice).override(value)


DB_HELP = "The journal file (default: in your user data folder). Env: SERJOURNAL_DB."

# A command's own --db; the value goes to the context's JournalChoice, not to
# the command, so no command can derive the path a second way.
DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help=DB_HELP, show_default=False, callback=_command_db, expose_value=False
    ),
]


# A saved check-in, as show, edit and delete take it; Tab offers the newest.
IdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="The check-in id (a unique start of it), or last, -1, -2 ...",
        autocompletion=complete_checkin_id,
    ),
]
# One in the trash, as trash restore takes it.
TrashIdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="The check-in id, or a unique start of it.")
]

# Days as people type them; each command reads them with timeutil.parse_day.
SinceOption = Annotated[
    str | None,
    typer.Option(metavar="DAY", help="First day: 2026-11-01, 'yesterday' or '2 weeks ago'."),
]
UntilOption = Annotated[
    str | None, typer.Option(metavar="DAY", help="Last day, included (default: today).")
]
