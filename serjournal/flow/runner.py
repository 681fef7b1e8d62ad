"""Running a guided check-in from start (or from a draft) to a saved entry.

After every stage the answers so far are written to the draft file, so
Ctrl-C, a closed terminal or even a killed process loses at most the stage
in progress. Only a finished check-in enters the journal, in one transaction.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serjournal import content, messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import Interrupted, JournalError
from serjournal.flow import stages
from serjournal.flow.prompter import Prompter
from serjournal.models import CheckIn
from serjournal.paths import draft_path
from serjournal.store import drafts
from serjournal.store.checkins import save_checkin
from serjournal.vocabulary import Vocabulary, default_vocabulary

QUICK_STEP = "quick"
DONE = "save"


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
    JournalError (draft kept) when the journal cannot be written.
    """
    settings = settings or stages.FlowSettings()
    vocabulary = vocabulary or default_vocabulary()
    if draft is not None:
        checkin = checkin_from_dict(draft.checkin, vocabulary)
        remaining = plan_for(checkin.mode, settings).after(draft.stage)
    else:
        checkin = base or CheckIn(mode=mode)
        checkin.mode = mode
        remaining = plan_for(mode, settings).steps
    session = stages.Session(prompter, checkin, vocabulary, settings)
    spent_before = checkin.duration_seconds or 0
    started = time.monotonic()

    def keep_draft(next_step: str) -> bool:
        """False when the draft cannot be written (a full disk): the check-in
        goes on, and the answers are printed if they cannot be saved either."""
        checkin.duration_seconds = spent_before + int(round(time.monotonic() - started))
        try:
            drafts.save_draft(journal, checkin.to_dict(), next_step)
        except OSError:
            return False
        return True

    kept = draft is not None
    with _hangup_as_eof():
        for index, step in enumerate(remaining):
            try:
                _run_step(session, step)
            except (KeyboardInterrupt, EOFError):
                if keep_draft(step):
                    raise Interrupted(messages.DRAFT_KEPT) from None
                _print_answers(checkin)
                raise Interrupted(messages.STOPPED_ANSWERS_PRINTED) from None
            kept = keep_draft(remaining[index + 1] if index + 1 < len(remaining) else DONE)

    try:
        save_checkin(db, checkin, journal)
    except JournalError as error:
        if not kept:
            _print_answers(checkin)
            raise JournalError(f"{error} {messages.ANSWERS_PRINTED_AS_JSON}") from None
        raise JournalError(
            f"{error} " + messages.DRAFT_KEPT_AFTER_ERROR.format(path=draft_path(journal))
        ) from None
    drafts.discard_draft(journal)
    return checkin


def _print_answers(checkin: CheckIn) -> None:
    """The last resort when neither journal nor draft can be written: the
    answers as JSON on stderr (plain, so no markup can eat a bracket)."""
    print(messages.DRAFT_NOT_WRITTEN, file=sys.stderr)
    print(json.dumps(checkin.to_dict(), ensure_ascii=False), file=sys.stderr)


def _run_step(session: stages.Session, step: str) -> None:
    if step == QUICK_STEP:
        session.prompter.stage(content.QUICK_STAGE)
        stages.quick(session)
        return
    session.prompter.stage(stages.STAGE_BY_KEY[step])
    stages.STAGE_STEPS[step](session)


@contextmanager
def _hangup_as_eof() -> Iterator[None]:
    """A closed terminal (SIGHUP) becomes EOFError, so the draft is kept."""
    if not hasattr(signal, "SIGHUP"):
        yield
        return

    def hangup(signum: int, frame: Any) -> None:
        raise EOFError

    try:
        previous = signal.signal(signal.SIGHUP, hangup)
    except ValueError:  # not the main thread (e.g. some test runners)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGHUP, previous)
