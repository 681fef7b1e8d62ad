"""`serjournal list` and `serjournal show`: looking back at saved check-ins."""

from __future__ import annotations

from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, open_journal_at


@app.command("list")
def list_checkins(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many to show.")] = 10,
    db: DbOption = None,
) -> None:
    """Recent check-ins, newest first, one line each."""
    from rich.console import Console

    from serjournal import messages
    from serjournal.render.listing import checkin_table
    from serjournal.store.checkins import recent_checkins

    _, store = open_journal_at(db)
    lines = recent_checkins(store, limit)
    console = Console(highlight=False)
    if not lines:
        console.print(messages.NO_CHECKINS)
        return
    console.print(checkin_table(lines))


@app.command()
def show(
    checkin_id: Annotated[
        str, typer.Argument(metavar="ID", help="The check-in id, or a unique start of it.")
    ],
    db: DbOption = None,
) -> None:
    """One check-in in full, every stage."""
    from rich.console import Console

    from serjournal.render.entry import render_checkin
    from serjournal.store.checkins import load_checkin, resolve_id

    _, store = open_journal_at(db, create=False)
    checkin = load_checkin(store, resolve_id(store, checkin_id))
    Console(highlight=False).print(render_checkin(checkin))
