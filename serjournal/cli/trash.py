"""`serjournal delete`, `undo` and `trash list|restore`: nothing is lost at once."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from serjournal.cli import options
from serjournal.cli.app import app
from serjournal.cli.options import DbOption, IdArgument, TrashIdArgument, journal_of, open_reader

trash_app = typer.Typer(
    help="Check-ins deleted in the last 30 days, kept so they can come back.",
    invoke_without_command=True,
)
app.add_typer(trash_app, name="trash")


@app.command(context_settings={"ignore_unknown_options": True})
def delete(
    ctx: typer.Context,
    checkin_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    _db: DbOption = None,
) -> None:
    """Move a check-in to the trash ('serjournal undo' brings it back for 30 days)."""
    from serjournal import messages
    from serjournal.errors import InputError
    from serjournal.store.checkins import load_checkin, resolve_id
    from serjournal.store.trash import KEEP_DAYS
    from serjournal.store.writes import delete_checkin

    store = journal_of(ctx).open(create=False)
    full_id = resolve_id(store, checkin_id)
    if not yes:
        if not options.has_terminal():
            raise InputError(messages.DELETE_NO_TERMINAL.format(short_id=full_id[:8]))
        if not _confirmed(load_checkin(store, full_id), KEEP_DAYS):
            typer.echo(messages.DELETE_KEPT)
            raise typer.Exit(1)
    deleted = delete_checkin(store, full_id)
    typer.echo(
        messages.DELETED.format(short_id=deleted.id[:8], date=deleted.local_date, days=KEEP_DAYS)
    )


def _confirmed(checkin: Any, days: int) -> bool:
    """Show what would go, and ask the way every other question is asked."""
    from serjournal import messages
    from serjournal.flow.prompter import TerminalPrompter
    from serjournal.render.entry import one_line_summary

    prompter = TerminalPrompter()
    prompter.say(one_line_summary(checkin))
    try:
        return prompter.confirm(messages.DELETE_CONFIRM.format(days=days), default=False)
    except (KeyboardInterrupt, EOFError):  # Ctrl-C or no input: the safe answer is no
        return False


@app.command()
def undo(ctx: typer.Context, _db: DbOption = None) -> None:
    """Bring back the check-in deleted most recently."""
    _restore(ctx, None)


@trash_app.command("restore")
def trash_restore(ctx: typer.Context, checkin_id: TrashIdArgument, _db: DbOption = None) -> None:
    """Bring back one check-in from the trash."""
    _restore(ctx, checkin_id)


@trash_app.callback()
def trash(ctx: typer.Context, _db: DbOption = None) -> None:
    """`serjournal trash` alone lists it."""
    if ctx.invoked_subcommand is None:
        _list_trash(ctx)


@trash_app.command("list")
def trash_list(ctx: typer.Context, _db: DbOption = None) -> None:
    """What the trash holds, most recently deleted first."""
    _list_trash(ctx)


def _list_trash(ctx: typer.Context) -> None:
    from rich.table import Table

    from serjournal import messages
    from serjournal.render.console import make_console
    from serjournal.store.trash import list_trash

    store = open_reader(journal_of(ctx))
    entries = list_trash(store)
    console = make_console()
    if not entries:
        console.print(messages.TRASH_EMPTY, markup=False)
        return
    table = Table(box=None, header_style="sj.heading", pad_edge=False)
    for column in ("id", "date", "deleted", "summary"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        deleted = entry.deleted_utc.replace("T", " ").removesuffix("Z")[:16] + " UTC"
        table.add_row(entry.checkin_id[:8], entry.local_date, deleted, entry.summary)
    console.print(table)


def _restore(ctx: typer.Context, checkin_id: str | None) -> None:
    from serjournal import messages
    from serjournal.store.writes import restore_deleted

    store = journal_of(ctx).open(create=False)
    restored = restore_deleted(store, checkin_id)
    typer.echo(messages.TRASH_RESTORED.format(short_id=restored.id[:8], date=restored.local_date))
