"""Running a guided check-in from start (or from a draft) to a saved entry.

After every stage the answers so far are written to the draft file, so
Ctrl-C, a closed terminal or even a killed process loses at most the stage
in progress. Only a finished check-in enters the journal, in one transaction.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serjournal import content, messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import Interrupted, JournalError, SerjournalError
from serjournal.flow import stages
from serjournal.flow.prompter import Prompter, TerminalClosed
from serjournal.models import RATING_FIELDS, CheckIn, parse_utc
from serjournal.paths import draft_path
from serjournal.store import drafts
from serjournal.store.checkins import load_checkin, save_checkin
from serjournal.vocabulary import Vocabulary, default_vocabulary

QUICK_STEP = "quick"
DONE = "save"


class AnswersNotKept(SerjournalError):
    """Stopped or not saved, and the draft could not be written either: the
    answers exist only in `unsaved` (the dictionary form), which the command
    prints for the user to keep."""

    def __init__(self, message: str, unsaved: dict[str, Any], exit_code: int) -> None:
        super().__init__(message)
        self.unsaved = unsaved
        self.exit_code = exit_code


@dataclass
class Plan:
    """Which steps a check-in runs, in order."""

    steps: list[str]

    def after(self, step: str) -> list[str]:
        """The steps still to run when `step` is the next one."""
        return self.steps[self.steps.index(step) :] if step in self.steps else []


def plan_for(mode: str, settings: stages.FlowSettings) -> Plan:
    if mode == "quick":
        return Plan([QUICK_STEP])
    return Plan([key for key in stages.STAGE_STEPS if key in settings.stages])


def describe_draft(draft: drafts.Draft) -> str:
    """'You have an unfinished check-in from Tue 24 Nov, 21:05 (stopped at 5/7
    Dialogue and imagery).' in the user's local time."""
    try:
        when = parse_utc(draft.saved_utc).astimezone().strftime("%a %d %b, %H:%M")
    except ValueError:
        when = draft.saved_utc
    stage = stages.STAGE_BY_KEY.get(draft.stage)
    if stage is not None:
        where = messages.STAGE_HEADING.format(number=stage.number, title=stage.title)
    elif draft.stage == QUICK_STEP:
        where = content.QUICK_STAGE.title
    elif draft.stage == DONE:
        where = messages.DRAFT_READY_TO_SAVE
    else:
        where = draft.stage
    return messages.DRAFT_FOUND.format(when=when, stage=where)


def run_checkin(
    prompter: Prompter,
    db: Any,
    journal: Path,
    *,
    mode: str = "full",
    draft: drafts.Draft | None = None,
    settings: stages.FlowSettings | None = None,
    vocabulary: Vocabulary | None = None,
    base: CheckIn | None = None,
) -> CheckIn:
    """Ask, keep a draft as we go, save. Returns the saved check-in.

    Raises Interrupted (draft kept) on Ctrl-C or a closed terminal, and
    JournalError (draft kept) when the journal cannot be written. When even
    the draft cannot be written, AnswersNotKept carries the answers.
    """
    settings = settings or stages.FlowSettings()
    vocabulary = vocabulary or default_vocabulary()
    if draft is not None:
        checkin = checkin_from_dict(draft.checkin, vocabulary)
        remaining = plan_for(checkin.mode, settings).after(draft.stage)
        if _already_saved(db, checkin.id):  # saved, then stopped before the draft went
            drafts.discard_draft(journal)
            prompter.say(messages.ALREADY_SAVED)
            return load_checkin(db, checkin.id)
    else:
        checkin = base or CheckIn(mode=mode)
        checkin.mode = mode
        remaining = plan_for(mode, settings).steps
    session = stages.Session(prompter, checkin, vocabulary, settings)
    # Support is offered once per check-in: a finished ratings step had its chance.
    session.support_offered = (
        draft is not None and _ratings_done(remaining) and _high(checkin.distress)
    )
    spent_before = checkin.duration_seconds or 0
    started = time.monotonic()
    draft_problem: str | None = None

    def keep_draft(next_step: str) -> None:
        nonlocal draft_problem
        checkin.duration_seconds = spent_before + int(round(time.monotonic() - started))
        try:
            drafts.save_draft(journal, checkin.to_dict(), next_step)
            draft_problem = None
        except OSError as error:  # the journal may still save; report only if it matters
            draft_problem = str(error.strerror or error)

    with _hangup_as_interrupt():
        for index, step in enumerate(remaining):
            try:
                _run_step(session, step)
            # OSError: writing to a terminal that has gone away (EIO).
            except (KeyboardInterrupt, EOFError, OSError):
                if draft is None and not has_answers(checkin):
                    drafts.discard_draft(journal)  # only skips so far: nothing to resume
                    raise Interrupted(messages.STOPPED_NOTHING_KEPT) from None
                keep_draft(step)
                if draft_problem is not None:
                    raise AnswersNotKept(
                        messages.DRAFT_ANSWERS_BELOW.format(reason=draft_problem),
                        checkin.to_dict(),
                        Interrupted.exit_code,
                    ) from None
                raise Interrupted(messages.DRAFT_KEPT) from None
            keep_draft(remaining[index + 1] if index + 1 < len(remaining) else DONE)

    try:
        save_checkin(db, checkin, journal)
    except JournalError as error:
        if draft_problem is not None:
            raise AnswersNotKept(
                f"{error} " + messages.DRAFT_ANSWERS_BELOW.format(reason=draft_problem),
                checkin.to_dict(),
                JournalError.exit_code,
            ) from None
        raise JournalError(
            f"{error} " + messages.DRAFT_KEPT_AFTER_ERROR.format(path=draft_path(journal))
        ) from None
    drafts.discard_draft(journal)
    return checkin


def has_answers(checkin: CheckIn) -> bool:
    """Whether the user has answered anything yet: a stop before the first
    answer keeps no draft, so no empty check-in is offered for resuming."""
    return bool(
        any(getattr(checkin, name) is not None for name in RATING_FIELDS)
        or checkin.practice
        or checkin.sensations
        or checkin.emotions
        or checkin.answers
    )


def _already_saved(db: Any, checkin_id: str) -> bool:
    return db.execute("SELECT 1 FROM checkins WHERE id = ?", [checkin_id]).fetchone() is not None


def _ratings_done(remaining: list[str]) -> bool:
    return "checkin" not in remaining and QUICK_STEP not in remaining


def _high(distress: int | None) -> bool:
    return distress is not None and distress >= content.HIGH_DISTRESS


def _run_step(session: stages.Session, step: str) -> None:
    if step == QUICK_STEP:
        session.prompter.stage(content.QUICK_STAGE)
        stages.quick(session)
        return
    session.prompter.stage(session.settings.stage(step))
    stages.STAGE_STEPS[step](session)


@contextmanager
def _hangup_as_interrupt() -> Iterator[None]:
    """A closed terminal (SIGHUP) stops the check-in like Ctrl-C: draft kept."""
    if not hasattr(signal, "SIGHUP"):
        yield
        return

    def hangup(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # once is enough
        raise TerminalClosed

    try:
        previous = signal.signal(signal.SIGHUP, hangup)
    except ValueError:  # not the main thread (e.g. some test runners)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)
