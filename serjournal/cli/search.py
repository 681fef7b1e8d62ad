"""`serjournal search TEXT`: find words in everything you have written."""

from __future__ import annotations

from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of, open_reader
from serjournal.cli.output import printing


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...", help="Words to find (all must appear); word* for prefixes."
        ),
    ],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many results.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    _db: DbOption = None,
) -> None:
    """Search every written answer, best matches first, matching words highlighted;
    entries tagged with TEXT follow."""
    from serjournal import messages
    from serjournal.render.console import make_console
    from serjournal.render.search import hits_as_json, render_hits
    from serjournal.store.search import search_answers, search_tags

    query = " ".join(text)
    store = open_reader(journal_of(ctx))
    hits = search_answers(store, query, limit)
    hits += search_tags(store, query, limit - len(hits))  # after what was written
    with printing():
        if as_json:
            typer.echo(hits_as_json(hits))
            return
        console = make_console()
        if not hits:
            console.print(messages.SEARCH_NOTHING.format(text=query), markup=False)
            return
        console.print(render_hits(hits))
