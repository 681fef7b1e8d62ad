"""`serjournal delete`, `undo` and `trash list|restore`: nothing is lost at once."""

from __future__ import annotations

from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of, open_reader

trash_app = typer.Typer(
    help="Check-ins deleted in the last 30 days, kept so they can come back.",
    no_args_is_help=True,
)
app.add_typer(trash_app, name="trash")

IdArgument = Annotated[
    str, typer.Argument(metavar="ID", help="The check-in id, or a unique start of it.")
]


@app.command()
def delete(
    ctx: typer.Context,
    checkin_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    _db: DbOption = None,
) -> None:
    """Move a check-in to the trash ('serjournal undo' brings it back for 30 days)."""
    from serjournal import messages
    from serjournal.store.checkins import load_checkin, resolve_id
    from serjournal.store.trash import KEEP_DAYS
    from serjournal.store.writes import delete_checkin

    store = journal_of(ctx).open(create=False)
    full_id = resolve_id(store, checkin_id)
    if not yes:
        checkin = load_checkin(store, full_id)
        question = messages.DELETE_CONFIRM.format(
            short_id=full_id[:8], date=checkin.local_date, days=KEEP_DAYS
        )
        try:
            confirmed = typer.confirm(question, default=False)
        except typer.Abort:  # Ctrl-C or no input: the safe answer is no
            confirmed = False
            typer.echo()
        if not confirmed:
            typer.echo(messages.DELETE_KEPT)
            raise typer.Exit(1)
    deleted = delete_checkin(store, full_id)
    typer.echo(
        messages.DELETED.format(short_id=deleted.id[:8], date=deleted.local_date, days=KEEP_DAYS)
    )


@app.command()
def undo(ctx: typer.Context, _db: DbOption = None) -> None:
    """Bring back the check-in deleted most recently."""
    _restore(ctx, None)


@trash_app.command("restore")
def trash_restore(ctx: typer.Context, checkin_id: IdArgument, _db: DbOption = None) -> None:
    """Bring back one check-in from the trash."""
    _restore(ctx, checkin_id)


@trash_app.command("list")
def trash_list(ctx: typer.Context, _db: DbOption = None) -> None:
    """What the trash holds, most recently deleted first."""
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
