"""`serjournal list` and `serjournal show`: looking back at saved check-ins."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.completion import complete_emotion, complete_region, complete_tag
from serjournal.cli.options import (
    DbOption,
    IdArgument,
    SinceOption,
    UntilOption,
    journal_of,
    open_reader,
)
from serjournal.cli.output import printing

if TYPE_CHECKING:
    import sqlite3


@app.command("list")
def list_checkins(
    ctx: typer.Context,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            help="How many to show (default: 10, or every match when filtering).",
            show_default=False,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    region: Annotated[
        list[str] | None,
        typer.Option(
            metavar="REGION",
            help="Only entries with a sensation or emotion in REGION; repeatable (all must match).",
            autocompletion=complete_region,
        ),
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="Only entries with this emotion, or any of a family (e.g. fear); repeatable.",
            autocompletion=complete_emotion,
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="Only entries with this tag; repeatable.",
            autocompletion=complete_tag,
        ),
    ] = None,
    min_distress: Annotated[
        int | None, typer.Option(metavar="0-10", help="Only entries with distress at least this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the entries as JSON.")] = False,
    long: Annotated[
        bool, typer.Option("--long", "-l", help="Show every region, feeling and tag, wrapping.")
    ] = False,
    _db: DbOption = None,
) -> None:
    """Check-ins, newest first, one line each; filters narrow them down."""
    import json

    from serjournal import messages
    from serjournal.cli.config import active_config
    from serjournal.render.console import make_console
    from serjournal.render.listing import checkin_table
    from serjournal.store.filters import as_line, build_filter, filtered_checkins

    vocabulary = active_config().vocabulary
    store = journal_of(ctx).open_for_reading() or _empty_journal()
    chosen = build_filter(
        store,
        vocabulary,
        since=since,
        until=until,
        regions=region,
        emotions=emotion,
        tags=tag,
        min_distress=min_distress,
    )
    rows = filtered_checkins(store, chosen, limit or (None if chosen.active else 10))
    with printing():
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        console = make_console()
        if not rows:
            console.print(messages.LIST_NO_MATCH if chosen.active else messages.NO_CHECKINS)
            return
        console.print(checkin_table([as_line(r) for r in rows], long=long))


def _empty_journal() -> sqlite3.Connection:
    """Looking creates nothing: without a journal, list from an empty one in
    memory. Imported only then: sqlite-utils costs a tenth of `list`."""
    from serjournal.store.connection import empty_journal

    return empty_journal().conn


# ignore_unknown_options: `show -2` names the second newest, not an option.
@app.command(context_settings={"ignore_unknown_options": True})
def show(
    ctx: typer.Context,
    checkin_id: IdArgument,
    _db: DbOption = None,
) -> None:
    """One check-in in full, every stage."""
    from serjournal.render.console import make_console
    from serjournal.render.entry import render_checkin
    from serjournal.store.checkins import load_checkin, resolve_id

    store = open_reader(journal_of(ctx))
    checkin = load_checkin(store, resolve_id(store, checkin_id))
    with printing():
        make_console().print(render_checkin(checkin))
