"""`serjournal edit ID`: change a saved check-in by flags or through its prompts."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.completion import (
    complete_emotion,
    complete_emotion_spec,
    complete_region,
    complete_sensation,
    complete_tag,
)
from serjournal.cli.options import DbOption, open_journal_at


@app.command()
def edit(
    checkin_id: Annotated[
        str, typer.Argument(metavar="ID", help="The check-in id, or a unique start of it.")
    ],
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="KEY=VALUE, repeatable: a rating (mood=6), an answer (takeaway=...), "
            "practice, practice_seconds, mode or target. An empty VALUE clears it.",
        ),
    ] = None,
    add_sensation: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SPEC",
            help="REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], repeatable.",
            autocompletion=complete_sensation,
        ),
    ] = None,
    remove_sensation: Annotated[
        list[str] | None,
        typer.Option(
            metavar="REGION",
            help="Remove the sensations in REGION.",
            autocompletion=complete_region,
        ),
    ] = None,
    add_emotion: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SPEC",
            help="NAME:INTENSITY[:REGION], repeatable.",
            autocompletion=complete_emotion_spec,
        ),
    ] = None,
    remove_emotion: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Remove an emotion.", autocompletion=complete_emotion),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag", "-t", metavar="TAG", help="Add a tag, repeatable.", autocompletion=complete_tag
        ),
    ] = None,
    untag: Annotated[
        list[str] | None,
        typer.Option(metavar="TAG", help="Remove a tag, repeatable.", autocompletion=complete_tag),
    ] = None,
    db: DbOption = None,
) -> None:
    """Change a saved check-in: with flags, or without them through the same
    prompts, pre-filled. The entry records when it was edited."""
    from serjournal import messages
    from serjournal.cli.config import active_config
    from serjournal.editing import FlagEdits, apply_flag_edits, edit_interactively
    from serjournal.errors import InputError
    from serjournal.store.checkins import load_checkin, resolve_id
    from serjournal.store.editing import update_checkin

    config = active_config()
    journal, store = open_journal_at(db, create=False)
    original = load_checkin(store, resolve_id(store, checkin_id))
    edits = FlagEdits(
        sets=set_ or [],
        remove_sensations=remove_sensation or [],
        add_sensations=add_sensation or [],
        remove_emotions=remove_emotion or [],
        add_emotions=add_emotion or [],
        untags=untag or [],
        tags=tag or [],
    )
    if edits.any:
        edited = apply_flag_edits(original, edits, config.vocabulary)
    else:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InputError(messages.EDIT_NO_TERMINAL)
        from serjournal.flow.prompter import TerminalPrompter
        from serjournal.store.filters import known_tags

        config.settings.known_tags = known_tags(store)
        try:
            result = edit_interactively(
                TerminalPrompter(), original, config.vocabulary, config.settings
            )
        except (KeyboardInterrupt, EOFError):
            result = None
        if result is None:
            typer.echo(messages.EDIT_CANCELLED)
            return
        edited = result
    if edited.to_dict() == original.to_dict():
        typer.echo(messages.EDIT_UNCHANGED.format(short_id=original.id[:8]))
        return
    saved = update_checkin(store, edited, journal)
    typer.echo(messages.EDIT_SAVED.format(short_id=saved.id[:8], date=saved.local_date))
