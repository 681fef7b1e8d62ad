"""`serjournal remind`: a reminder that knows you checked in."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from serjournal import messages
from serjournal.cli.app import app
from serjournal.cli.options import DbOption, JournalChoice, journal_of

remind_app = typer.Typer(help=messages.REMIND_HELP, invoke_without_command=True)
app.add_typer(remind_app, name="remind")


@remind_app.callback()
def remind(ctx: typer.Context, _db: DbOption = None) -> None:
    """Notify, only if there is no check-in today (what the timer runs)."""
    if ctx.invoked_subcommand is not None:
        return
    from serjournal.remind import notify
    from serjournal.status import CHECKED_IN, short_status

    if short_status(journal_of(ctx).path) == CHECKED_IN:
        typer.echo(messages.REMIND_NOTHING_TO_SAY)
        return
    if not notify(messages.REMIND_TITLE, messages.REMIND_BODY):
        typer.echo(messages.REMIND_NO_NOTIFIER)


@remind_app.command("install")
def remind_install(
    ctx: typer.Context,
    at: Annotated[str, typer.Option("--at", metavar="HH:MM", help="When, daily.")] = "21:00",
    _db: DbOption = None,
) -> None:
    """Remind me daily at --at, on days without a check-in (systemd timer, or crontab)."""
    from serjournal import remind

    hour, minute = remind.parse_time(at)
    choice = ctx.find_object(JournalChoice)
    option = choice.option if choice is not None else None
    explicit = str(journal_of(ctx).path) if (option or os.environ.get("SERJOURNAL_DB")) else None
    command = remind.reminder_command(remind.program_path(), explicit)
    typer.echo(remind.install(remind.default_system(), journal_of(ctx), hour, minute, command))


@remind_app.command("status")
def remind_status() -> None:
    """Whether a daily reminder is installed, and when."""
    from serjournal import remind

    when = remind.installed_at(remind.default_system())
    typer.echo(messages.REMIND_STATUS.format(when=when) if when else messages.REMIND_NONE)


@remind_app.command("uninstall")
def remind_uninstall() -> None:
    """Remove the daily reminder."""
    from serjournal import remind

    typer.echo(remind.uninstall(remind.default_system()))
