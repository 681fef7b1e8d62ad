"""Bare `serjournal` and `serjournal status`: today at a glance."""

from __future__ import annotations

from typing import Annotated

import typer

from serjournal import messages
from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of


def show_today(ctx: typer.Context) -> None:
    from serjournal.timeutil import local_now
    from serjournal.today import today_facts, today_lines

    for line in today_lines(today_facts(journal_of(ctx), local_now().date())):
        typer.echo(line)


@app.command()
def status(
    ctx: typer.Context,
    short: Annotated[bool, typer.Option("--short", help=messages.STATUS_SHORT_HELP)] = False,
    _db: DbOption = None,
) -> None:
    """Whether you checked in today, your streak, and any unfinished check-in."""
    if short:
        from serjournal.status import print_short_status

        raise typer.Exit(print_short_status(journal_of(ctx).path))
    show_today(ctx)
