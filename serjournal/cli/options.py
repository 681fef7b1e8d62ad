"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from serjournal import paths

if TYPE_CHECKING:
    from sqlite_utils import Database

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        envvar=paths.DB_ENV,
        help="The journal file (default: in your user data folder). Env: SERJOURNAL_DB.",
        show_default=False,
    ),
]


def open_journal_at(option: Path | None, *, create: bool = True) -> tuple[Path, Database]:
    """The journal named by --db / $SERJOURNAL_DB / the default, opened."""
    from serjournal.store.connection import open_journal

    path = paths.journal_path(option)
    remember_journal(path)
    return path, open_journal(path, create=create)


# The journal the running command opened, so an SQLite error that a store
# function did not translate can still name the file (see app.FriendlyGroup).
# One command runs per process; FriendlyGroup resets it for in-process tests.
_opened: list[Path] = []


def remember_journal(path: Path | None) -> None:
    _opened[:] = [path] if path is not None else []


def journal_in_use() -> Path | None:
    return _opened[0] if _opened else None


# Days as people type them; each command reads them with timeutil.parse_day.
SinceOption = Annotated[
    str | None,
    typer.Option(metavar="DAY", help="First day: 2026-11-01, 'yesterday' or '2 weeks ago'."),
]
UntilOption = Annotated[
    str | None, typer.Option(metavar="DAY", help="Last day, included (default: today).")
]
