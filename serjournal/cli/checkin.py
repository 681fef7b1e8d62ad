"""`serjournal checkin`: the guided flow, or the same answers given as flags or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from serjournal import messages
from serjournal.cli import options
from serjournal.cli.app import app
from serjournal.cli.completion import complete_emotion_spec, complete_sensation, complete_tag
from serjournal.cli.options import DbOption, journal_of
from serjournal.errors import Interrupted

if TYPE_CHECKING:
    from serjournal.config import Config
    from serjournal.journal import Journal


@app.command()
def checkin(
    ctx: typer.Context,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick", "-q", help="Ratings, up to three sensations and emotions, one note."
        ),
    ] = False,
    full: Annotated[
        bool,
        typer.Option("--full", help="The full check-in, when your config makes quick the default."),
    ] = False,
    settledness: Annotated[
        str | None,
        typer.Option(
            metavar="0-10", help="Stage 1: how settled and safe, 0-10.", show_default=False
        ),
    ] = None,
    mood: Annotated[
        str | None, typer.Option(metavar="0-10", help="Mood 0-10.", show_default=False)
    ] = None,
    energy: Annotated[
        str | None, typer.Option(metavar="0-10", help="Energy 0-10.", show_default=False)
    ] = None,
    distress: Annotated[
        str | None,
        typer.Option(
            metavar="0-10",
            help="Distress 0-10 (0 completely calm, 10 the worst imaginable).",
            show_default=False,
        ),
    ] = None,
    focus: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What is on your mind, or an intention.")
    ] = None,
    sensation: Annotated[
        list[str] | None,
        typer.Option(
            "--sensation",
            "-s",
            metavar="SPEC",
            help="REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], repeatable. E.g. chest:tight:6:3",
            autocompletion=complete_sensation,
        ),
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            metavar="SPEC",
            help="NAME:INTENSITY[:REGION], repeatable. E.g. anxious:5:chest",
            autocompletion=complete_emotion_spec,
        ),
    ] = None,
    memory: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A memory or image that surfaced.")
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            metavar="REGION",
            help="Region of the sensation the dialogue is about (default: the first).",
        ),
    ] = None,
    speak: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="If this area could speak, what would it say?"),
    ] = None,
    need: Annotated[str | None, typer.Option(metavar="TEXT", help="What does it need?")] = None,
    image: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What image, colour or shape comes?")
    ] = None,
    practice: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Release practice: breath, movement, hand or none."),
    ] = None,
    practice_seconds: Annotated[
        str | None,
        typer.Option(metavar="SECONDS", help="How long the practice lasted.", show_default=False),
    ] = None,
    distress_after: Annotated[
        str | None,
        typer.Option(metavar="0-10", help="Distress after the practice, 0-10.", show_default=False),
    ] = None,
    shift: Annotated[str | None, typer.Option(metavar="TEXT", help="What shifted.")] = None,
    takeaway: Annotated[
        str | None, typer.Option(metavar="TEXT", help="One takeaway to carry with you.")
    ] = None,
    closing_mood: Annotated[
        str | None,
        typer.Option(metavar="0-10", help="Mood at the close, 0-10.", show_default=False),
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="One line of note (quick mode).")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option(
            "--tag",
            "-t",
            metavar="TAG",
            help="A tag for this check-in, repeatable.",
            autocompletion=complete_tag,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            metavar="WHEN", help="When it happened, if not now: 'yesterday 21:00' or ISO."
        ),
    ] = None,
    from_json: Annotated[
        str | None,
        typer.Option(
            "--from-json",
            metavar="FILE",
            help="Read the whole check-in as JSON from FILE, or - for stdin.",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the unfinished check-in.")
    ] = False,
    discard_draft: Annotated[
        bool,
        typer.Option(
            "--discard-draft",
            help="Remove the unfinished check-ins; answers given with it are saved.",
        ),
    ] = False,
    checkin_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="UUID",
            help="The new check-in's id, so a script that retries a save is recognised.",
        ),
    ] = None,
    _db: DbOption = None,
) -> None:
    """Today's check-in: the seven guided stages, or --quick. Any answer can be a flag."""
    from serjournal.cli.config import active_config

    config = active_config()
    quick = quick or (config.default_mode == "quick" and not full)
    journal = journal_of(ctx)
    texts = {
        "focus": focus,
        "memory": memory,
        "speak": speak,
        "need": need,
        "image": image,
        "shift": shift,
        "takeaway": takeaway,
        "note": note,
    }
    given: dict[str, Any] = {
        "id": checkin_id,
        "settledness": settledness,
        "mood": mood,
        "energy": energy,
        "distress": distress,
        "distress_after": distress_after,
        "closing_mood": closing_mood,
        "practice": practice,
        "practice_seconds": practice_seconds,
        "sensations": sensation or [],
        "emotions": emotion or [],
        "tags": tag or [],
        "answers": texts,
    }
    answered = (
        from_json is not None
        or any(v is not None and v != [] for k, v in given.items() if k not in ("answers", "id"))
        or any(texts.values())
    )
    if answered:
        # Checked first: bad answers must not cost the draft they were meant to replace.
        checkin = _given_checkin(given, quick, from_json, target, at)
        if discard_draft:
            _discard_drafts(journal)
        _save_and_report(journal, checkin, config.settings.support_line)
    elif discard_draft:
        _discard_drafts(journal)
        if not resume:
            return
        _guided(journal, quick, True, at, config)
    elif checkin_id is not None:
        raise _input_error(messages.ID_WITHOUT_ANSWERS)
    elif resume and not options.has_terminal():
        _save_draft_as_it_is(journal, config.settings.support_line)
    else:
        _guided(journal, quick, resume, at, config)
    from serjournal.cli.sync import sync_after_save

    sync_after_save(journal, config)  # only with sync = "after-checkin" in the config


def _discard_drafts(journal: Journal) -> None:
    """--discard-draft: the waiting unfinished check-ins go (never one that is
    open in another terminal: those are not waiting)."""
    from serjournal.store import drafts

    waiting = drafts.waiting_drafts(journal)
    for draft in waiting:
        draft.path.unlink(missing_ok=True)
    typer.echo(messages.DRAFT_DISCARDED if waiting else messages.DRAFT_NONE)


def _save_draft_as_it_is(journal: Journal, personal: str | None) -> None:
    """--resume with no terminal to ask in (a script, or after a failed save
    by flags): save the newest unfinished check-in with the answers it has."""
    from serjournal import answers
    from serjournal.store import drafts

    waiting = drafts.waiting_drafts(journal)
    if not waiting:
        raise _input_error(messages.NOTHING_TO_RESUME)
    checkin = answers.checkin_from_dict(waiting[0].checkin)
    _save_and_report(journal, checkin, personal)
    waiting[0].path.unlink(missing_ok=True)


def _given_checkin(
    given: dict[str, Any],
    quick: bool,
    from_json: str | None,
    target: str | None,
    at: str | None,
) -> Any:
    from serjournal import answers

    document = None
    if from_json is not None:
        document = answers.load_json_document(_read_source(from_json), from_json)
    return answers.checkin_from_flags(given, quick=quick, target=target, at=at, document=document)


def _guided(journal: Journal, quick: bool, resume: bool, at: str | None, config: Config) -> None:
    if not options.has_terminal():
        raise _input_error(messages.NO_ANSWERS_NO_TERMINAL)
    from serjournal.flow.runner import AnswersNotKept
    from serjournal.models import CheckIn

    base = CheckIn(mode="quick" if quick else "full")
    if at is not None:  # checked before the journal is opened: bad input writes nothing
        from serjournal import answers

        answers.set_time_from_text(base, at)
    store = journal.open_on_save()
    try:
        saved = _run_guided(base, resume, journal, store, config)
    except AnswersNotKept as error:
        import json

        typer.echo(json.dumps(error.unsaved, indent=2, ensure_ascii=False))
        _stop(f"Error: {error}", error.exit_code)
    except Interrupted as error:
        _stop(str(error), error.exit_code)
    from serjournal.journal import writer_of

    _report(writer_of(store), saved)


def _run_guided(base: Any, resume: bool, journal: Journal, store: Any, config: Config) -> Any:
    from serjournal.flow.prompter import TerminalPrompter
    from serjournal.flow.runner import run_checkin
    from serjournal.store import drafts

    prompter = TerminalPrompter()
    waiting = drafts.waiting_drafts(journal)
    try:
        draft = _choose_draft(prompter, waiting, resume)
        if draft is None and base.mode != "quick":  # quick mode's own heading says it
            prompter.say(messages.WELCOME)
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(messages.STOPPED_NOTHING_KEPT) from None
    _learn_from_history(store, config, draft.checkin if draft else base.to_dict())
    return run_checkin(
        prompter,
        store,
        journal,
        mode=base.mode,
        draft=draft,
        base=base,
        settings=config.settings,
        vocabulary=config.vocabulary,
    )


def _learn_from_history(store: Any, config: Config, checkin: dict[str, Any]) -> None:
    """What the journal offers this check-in: the user's tags and most chosen
    words, the places noticed last time, and yesterday's intention."""
    from datetime import date

    from serjournal.store import habits
    from serjournal.store.filters import known_tags

    try:
        day = date.fromisoformat(str(checkin.get("local_date")))
    except ValueError:
        day = date.today()
    settings = config.settings
    settings.known_tags = known_tags(store)
    settings.frequent = habits.frequent_choices(store, day)
    settings.last_time = habits.last_time(store, excluding=str(checkin.get("id", "")))
    settings.carried = habits.carried_from_yesterday(store, day)


def _choose_draft(prompter: Any, waiting: list[Any], resume: bool) -> Any:
    """The draft to continue, or None for a new check-in. Discarding answers
    is a deliberate choice: it is never the default and it is confirmed."""
    from serjournal.flow.runner import describe_draft

    if not waiting:
        if resume:
            prompter.say(messages.NOTHING_TO_RESUME)
        return None
    newest = waiting[0]
    if resume:
        return newest
    prompter.say(describe_draft(newest))
    if len(waiting) > 1:
        prompter.say(messages.plural(len(waiting) - 1, messages.DRAFTS_MORE))
    choice = prompter.choose(
        messages.ASK_DRAFT_CHOICE,
        [messages.DRAFT_CHOICE_RESUME, messages.DRAFT_CHOICE_LATER, messages.DRAFT_CHOICE_DISCARD],
        default=messages.DRAFT_CHOICE_RESUME,
    )
    if choice == messages.DRAFT_CHOICE_RESUME:
        return newest
    if choice == messages.DRAFT_CHOICE_DISCARD and prompter.confirm(
        messages.ASK_DISCARD_SURE, default=False
    ):
        newest.path.unlink(missing_ok=True)
        prompter.say(messages.DRAFT_DISCARDED)
        return None
    prompter.say(messages.DRAFT_KEPT_FOR_LATER)
    return None


def _stop(text: str, code: int) -> None:
    """A stopped check-in is not a failure to shout about: one calm line."""
    import contextlib

    # OSError: the terminal is gone (a closed window); the kept draft is what matters.
    with contextlib.suppress(OSError):
        typer.echo(text, err=True)
    raise typer.Exit(code)


def _save_and_report(journal: Journal, checkin: Any, personal: str | None = None) -> None:
    """Save a check-in given as flags, JSON or a draft, and report; `personal`
    is the user's own line shown with the support note."""
    from serjournal import support
    from serjournal.errors import JournalError, JournalNotWritable
    from serjournal.store.writes import save_checkin

    opened = False
    try:
        store = journal.open()
        opened = True
        saved = save_checkin(store, checkin)
    except JournalError as error:
        if opened or isinstance(error, JournalNotWritable):
            # Our journal, but locked, read-only or the disk full: a draft waits beside it.
            raise JournalError(f"{error} {_keep_answers(journal, checkin)}") from None
        # Not SQLite, another program's file, a folder, cannot be created, damaged:
        # not ours to put a draft beside, so the answers go to stdout instead.
        raise JournalError(f"{error} {_print_answers(checkin)}") from None
    # Saved: from here on, a failing output (a closed pipe, a full disk behind
    # stdout) must not turn into a failed command, or a retrying script saves twice.
    try:
        if not saved:
            typer.echo(messages.ALREADY_IN_JOURNAL.format(short_id=checkin.id[:8]))
            return
        _report(store, checkin)
        if support.reasons(checkin):  # no terminal to offer grounding in; the note belongs here
            at_close = not support.reasons_at_start(checkin)
            for line in support.note_lines(at_close=at_close, personal=personal):
                typer.echo(line)
    except OSError:
        _note_output_failed(checkin)


def _note_output_failed(checkin: Any) -> None:
    import contextlib
    import os

    with contextlib.suppress(OSError):
        sys.stderr.write(messages.SAVED_OUTPUT_FAILED.format(id=checkin.id) + "\n")
        sys.stderr.flush()
    # Quiet Python's own flush of the broken stdout at exit.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _keep_answers(journal: Journal, checkin: Any) -> str:
    """The draft if it can be kept, else the answers printed: never lost."""
    from serjournal.flow.runner import DONE
    from serjournal.store import drafts

    kept = drafts.keep_unsaved(journal, checkin.to_dict(), DONE)
    if kept is not None:
        return messages.DRAFT_KEPT_AFTER_ERROR.format(path=kept)
    return _print_answers(checkin)


def _print_answers(checkin: Any) -> str:
    """The answers as JSON on stdout, where `> FILE` captures them for
    --from-json; returns the sentence for the one-line error on stderr."""
    import json

    typer.echo(json.dumps(checkin.to_dict(), ensure_ascii=False))
    return messages.ANSWERS_PRINTED_AS_JSON


def _report(store: Any, checkin: Any) -> None:
    from datetime import date

    from serjournal.history_line import context_line
    from serjournal.render.entry import print_saved_summary
    from serjournal.store.streaks import streaks

    print_saved_summary(checkin, streaks(store, date.today()), context_line(store, checkin))


def _read_source(source: str) -> str:
    try:
        if source == "-":
            return sys.stdin.read()
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _input_error(
            messages.FILE_UNREADABLE.format(
                path=source, reason=getattr(error, "strerror", None) or error
            )
        ) from None


def _input_error(text: str) -> Exception:
    from serjournal.errors import InputError

    return InputError(text)
