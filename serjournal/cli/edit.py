"""`serjournal edit ID`: change a saved check-in by flags or through its prompts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from serjournal.cli import options
from serjournal.cli.app import app
from serjournal.cli.completion import (
    complete_emotion,
    complete_emotion_spec,
    complete_region,
    complete_sensation,
    complete_tag,
)
from serjournal.cli.options import DbOption, IdArgument, journal_of

if TYPE_CHECKING:
    from serjournal.config import Config
    from serjournal.journal import Journal


@app.command(context_settings={"ignore_unknown_options": True})  # `edit -2`
def edit(
    ctx: typer.Context,
    checkin_id: IdArgument,
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
    _db: DbOption = None,
) -> None:
    """Change a saved check-in: with flags, or without them through the same
    prompts, pre-filled. The entry records when it was edited."""
    from serjournal import messages
    from serjournal.cli.config import active_config
    from serjournal.editing import FlagEdits, apply_flag_edits
    from serjournal.store.checkins import resolve_id
    from serjournal.store.writes import edit_checkin

    config = active_config()
    journal = journal_of(ctx)
    store = journal.open(create=False)
    full_id = resolve_id(store, checkin_id)
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
        # The flags are applied to the entry as it is at the moment of writing.
        result = edit_checkin(
            store,
            full_id,
            lambda current: apply_flag_edits(current, edits, config.vocabulary),
            vocabulary=config.vocabulary,
        )
    else:
        result = _edit_in_menu(journal, store, full_id, config)
        if result is None:
            return
    if not result.changed:
        typer.echo(messages.EDIT_UNCHANGED.format(short_id=full_id[:8]))
        return
    typer.echo(messages.EDIT_SAVED.format(short_id=full_id[:8], date=result.checkin.local_date))
    _note_new_distress(result, config.settings.support_line)


def _note_new_distress(result: Any, personal: str | None) -> None:
    """An edit that records high distress (or a heavy close) it did not hold
    before gets the support note, as a new check-in would."""
    from serjournal import support

    before = support.reasons(result.before) if result.before is not None else set()
    added = support.reasons(result.checkin) - before
    if added:
        at_close = not support.reasons_at_start(result.checkin)
        for line in support.note_lines(at_close=at_close, personal=personal):
            typer.echo(line)


def _edit_in_menu(journal: Journal, store: Any, checkin_id: str, config: Config) -> Any:
    """The menu edit: minutes of answering, then saved only if nobody changed
    the entry meanwhile; otherwise the changes are kept as a draft."""
    from serjournal import messages
    from serjournal.editing import edit_interactively
    from serjournal.errors import InputError
    from serjournal.flow.prompter import TerminalPrompter
    from serjournal.store import drafts
    from serjournal.store.checkins import load_checkin
    from serjournal.store.filters import known_tags
    from serjournal.store.writes import EditConflict, edit_checkin

    if not options.has_terminal():
        raise InputError(messages.EDIT_NO_TERMINAL)
    original = load_checkin(store, checkin_id)
    config.settings.known_tags = known_tags(store)
    prompter = TerminalPrompter()
    try:
        start = _start_from_kept_changes(prompter, journal, original, config)
        edited = edit_interactively(prompter, start, config.vocabulary, config.settings)
    except (KeyboardInterrupt, EOFError):
        edited = None
    if edited is None:
        typer.echo(messages.EDIT_CANCELLED)
        return None
    try:
        result = edit_checkin(
            store,
            checkin_id,
            lambda _current: edited,
            vocabulary=config.vocabulary,
            expected=original,
        )
    except EditConflict as conflict:
        raise InputError(f"{conflict} {_keep_changes(journal, edited)}") from None
    drafts.draft_file(journal, checkin_id, drafts.EDIT).unlink(missing_ok=True)
    return result


def _start_from_kept_changes(prompter: Any, journal: Journal, original: Any, config: Config) -> Any:
    """Changes kept after an earlier conflict are offered as the starting point."""
    from serjournal import messages
    from serjournal.answers import checkin_from_dict
    from serjournal.errors import InputError
    from serjournal.flow.runner import local_time_of
    from serjournal.store import drafts

    path = drafts.draft_file(journal, original.id, drafts.EDIT)
    kept = drafts.read_draft(path) if path.exists() else None
    if kept is None:
        return original
    prompter.say(messages.EDIT_DRAFT_FOUND.format(when=local_time_of(kept.saved_utc)))
    if not prompter.confirm(messages.ASK_EDIT_DRAFT, default=True):
        return original
    try:
        start = checkin_from_dict(kept.checkin, config.vocabulary)
    except InputError:
        return original
    start.id, start.created_utc = original.id, original.created_utc
    start.local_date, start.utc_offset_minutes = original.local_date, original.utc_offset_minutes
    return start


def _keep_changes(journal: Journal, edited: Any) -> str:
    """The edited check-in as an edit draft; the sentence that says where."""
    import json

    from serjournal import messages
    from serjournal.paths import OutputError
    from serjournal.store import drafts

    keeper = drafts.DraftKeeper(journal, edited.id, drafts.EDIT)
    try:
        with keeper:
            keeper.keep(edited.to_dict(), "edit")
    except (OutputError, drafts.DraftInUse) as error:
        typer.echo(json.dumps(edited.to_dict(), ensure_ascii=False))
        return messages.EDIT_CHANGES_NOT_KEPT.format(reason=error)
    return messages.EDIT_CHANGES_KEPT.format(path=keeper.path, short_id=edited.id[:8])
