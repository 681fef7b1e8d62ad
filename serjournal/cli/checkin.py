"""`serjournal checkin`: the guided flow, or the same answers given as flags or JSON."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from serjournal import messages
from serjournal.cli.app import app
from serjournal.cli.options import DbOption, open_journal_at


@app.command()
def checkin(
    quick: Annotated[
        bool,
        typer.Option(
            "--quick", "-q", help="Ratings, up to three sensations and emotions, one note."
        ),
    ] = False,
    settledness: Annotated[
        int | None, typer.Option(help="Stage 1: how settled and safe, 0-10.", show_default=False)
    ] = None,
    mood: Annotated[int | None, typer.Option(help="Mood 0-10.", show_default=False)] = None,
    energy: Annotated[int | None, typer.Option(help="Energy 0-10.", show_default=False)] = None,
    distress: Annotated[
        int | None,
        typer.Option(
            help="Distress 0-10 (0 completely calm, 10 the worst imaginable).", show_default=False
        ),
    ] = None,
    focus: Annotated[
        str | None, typer.Option(help="What is on your mind, or an intention.")
    ] = None,
    sensation: Annotated[
        list[str] | None,
        typer.Option(
            "--sensation",
            "-s",
            help="REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], repeatable. E.g. chest:tight:6:3",
        ),
    ] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion", "-e", help="NAME:INTENSITY[:REGION], repeatable. E.g. anxious:5:chest"
        ),
    ] = None,
    memory: Annotated[str | None, typer.Option(help="A memory or image that surfaced.")] = None,
    target: Annotated[
        str | None,
        typer.Option(help="Region of the sensation the dialogue is about (default: the first)."),
    ] = None,
    speak: Annotated[
        str | None, typer.Option(help="If this area could speak, what would it say?")
    ] = None,
    need: Annotated[str | None, typer.Option(help="What does it need?")] = None,
    image: Annotated[str | None, typer.Option(help="What image, colour or shape comes?")] = None,
    practice: Annotated[
        str | None, typer.Option(help="Release practice: breath, movement, hand or none.")
    ] = None,
    practice_seconds: Annotated[
        int | None, typer.Option(min=0, help="How long the practice lasted.", show_default=False)
    ] = None,
    distress_after: Annotated[
        int | None, typer.Option(help="Distress after the practice, 0-10.", show_default=False)
    ] = None,
    shift: Annotated[str | None, typer.Option(help="What shifted.")] = None,
    takeaway: Annotated[str | None, typer.Option(help="One takeaway to carry with you.")] = None,
    closing_mood: Annotated[
        int | None, typer.Option(help="Mood at the close, 0-10.", show_default=False)
    ] = None,
    note: Annotated[str | None, typer.Option(help="One line of note (quick mode).")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="A tag for this check-in, repeatable.")
    ] = None,
    at: Annotated[
        str | None, typer.Option(help="When it happened, if not now: 'yesterday 21:00' or ISO.")
    ] = None,
    from_json: Annotated[
        str | None,
        typer.Option(
            "--from-json", help="Read the whole check-in as JSON from FILE, or - for stdin."
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the unfinished check-in.")
    ] = False,
    discard_draft: Annotated[
        bool, typer.Option("--discard-draft", help="Remove the unfinished check-in.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Today's check-in: the seven guided stages, or --quick. Any answer can be a flag."""
    from serjournal import paths
    from serjournal.store import drafts

    journal = paths.journal_path(db)
    if discard_draft:
        typer.echo(
            messages.DRAFT_DISCARDED if drafts.discard_draft(journal) else messages.DRAFT_NONE
        )
        if not resume:
            return
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
        or any(v is not None and v != [] for k, v in given.items() if k != "answers")
        or any(texts.values())
    )
    if answered:
        _save_given(given, quick, from_json, target, at, db)
    else:
        _guided(quick, resume, at, db)


def _save_given(
    given: dict[str, Any],
    quick: bool,
    from_json: str | None,
    target: str | None,
    at: str | None,
    db: Path | None,
) -> None:
    from serjournal import answers

    if from_json is not None:
        data = answers.load_json_document(_read_source(from_json), from_json)
    else:
        data = {**given, "mode": "quick" if quick else "full"}
    checkin = answers.checkin_from_dict(data)
    if from_json is None:
        answers.check_quick_limits(checkin)
        answers.mark_target(checkin.sensations, target)
    if at is not None:
        answers.set_time_from_text(checkin, at)
    _save_and_report(db, checkin)


def _guided(quick: bool, resume: bool, at: str | None, db: Path | None) -> None:
    from serjournal.store import drafts

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise _input_error(messages.NO_ANSWERS_NO_TERMINAL)
    from serjournal.flow.prompter import TerminalPrompter
    from serjournal.flow.runner import run_checkin
    from serjournal.models import CheckIn

    journal, store = open_journal_at(db)
    prompter = TerminalPrompter()
    draft = drafts.load_draft(journal)
    if draft is not None and not resume:
        prompter.say(messages.DRAFT_FOUND.format(when=draft.saved_utc, stage=draft.stage))
        if not prompter.confirm("Resume it? (No discards it)", default=True):
            drafts.discard_draft(journal)
            draft = None
    elif draft is None and resume:
        prompter.say(messages.NOTHING_TO_RESUME)
    base = CheckIn(mode="quick" if quick else "full")
    if at is not None:
        from serjournal import answers

        answers.set_time_from_text(base, at)
    prompter.say(messages.WELCOME_QUICK if quick else messages.WELCOME)
    saved = run_checkin(prompter, store, journal, mode=base.mode, draft=draft, base=base)
    _report(store, saved)


def _save_and_report(db: Path | None, checkin: Any) -> None:
    from serjournal import paths
    from serjournal.errors import JournalError
    from serjournal.store.checkins import save_checkin

    journal = paths.journal_path(db)
    try:
        journal, store = open_journal_at(db)
        save_checkin(store, checkin, journal)
    except JournalError as error:
        # Damaged, locked, read-only, disk full: the answers typed are not lost.
        raise JournalError(f"{error} {_keep_answers(journal, checkin)}") from None
    _report(store, checkin)


def _keep_answers(journal: Path, checkin: Any) -> str:
    """Keep a check-in that could not be saved as the draft, or, when a draft
    already waits (never overwrite it) or cannot be written, print it as JSON."""
    import json

    from serjournal.flow.runner import DONE
    from serjournal.paths import draft_path
    from serjournal.store import drafts

    if not draft_path(journal).exists():
        try:
            drafts.save_draft(journal, checkin.to_dict(), DONE)
            return messages.DRAFT_KEPT_AFTER_ERROR.format(path=draft_path(journal))
        except OSError:
            pass
    typer.echo(json.dumps(checkin.to_dict(), ensure_ascii=False), err=True)
    return messages.ANSWERS_PRINTED_AS_JSON


def _report(store: Any, checkin: Any) -> None:
    from serjournal.render.entry import print_saved_summary

    print_saved_summary(store, checkin)


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
