"""Running a guided check-in from start (or from a draft) to a saved entry.

After every answer the check-in so far is written to this run's draft, so
Ctrl-C, a closed terminal or even a killed process loses at most the answer
being typed; resuming re-asks the step that was interrupted with every answer
already given filled in. Only a finished check-in enters the journal, in one
transaction.
"""

from __future__ import annotations

import inspect
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from serjournal import content, messages
from serjournal.answers import checkin_from_dict
from serjournal.errors import Interrupted, JournalError, SerjournalError
from serjournal.flow import stages
from serjournal.flow.prompter import Prompter, TerminalClosed, flat
from serjournal.flow.settings import STAGE_BY_KEY
from serjournal.journal import Journal, OpenOnSave, writer_of
from serjournal.models import RATING_FIELDS, CheckIn, parse_utc
from serjournal.paths import OutputError
from serjournal.store import drafts
from serjournal.store.checkins import load_checkin
from serjournal.vocabulary import Vocabulary, default_vocabulary

if TYPE_CHECKING:
    from sqlite_utils import Database

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


def local_time_of(utc_text: str) -> str:
    """'Tue 24 Nov, 21:05' in the user's local time, for a stored UTC moment."""
    try:
        return parse_utc(utc_text).astimezone().strftime("%a %d %b, %H:%M")
    except ValueError:
        return utc_text


def describe_draft(draft: drafts.Draft) -> str:
    """'You have an unfinished check-in from Tue 24 Nov, 21:05 (stopped at 5/7
    Dialogue and imagery).' in the user's local time."""
    when = local_time_of(draft.saved_utc)
    stage = STAGE_BY_KEY.get(draft.stage)
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
    db: Database | OpenOnSave,
    journal: Journal,
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
    else:
        checkin = base or CheckIn(mode=mode)
        checkin.mode = mode
        remaining = plan_for(mode, settings).steps
    try:
        keeper = drafts.DraftKeeper(journal, checkin.id).__enter__()
    except drafts.DraftInUse:
        raise Interrupted(messages.DRAFT_IN_USE) from None
    try:
        if draft is not None and _already_saved(db, checkin.id):
            # Saved, then stopped before the draft was removed.
            _forget(draft, keeper)
            prompter.say(messages.ALREADY_SAVED)
            return load_checkin(db, checkin.id)
        return _ask_and_save(
            prompter, db, journal, checkin, remaining, draft, keeper, settings, vocabulary
        )
    finally:
        keeper.__exit__(None, None, None)


def _ask_and_save(
    prompter: Prompter,
    db: Database | OpenOnSave,
    journal: Journal,
    checkin: CheckIn,
    remaining: list[str],
    draft: drafts.Draft | None,
    keeper: drafts.DraftKeeper,
    settings: stages.FlowSettings,
    vocabulary: Vocabulary,
) -> CheckIn:
    session = stages.Session(prompter, checkin, vocabulary, settings)
    # Support is offered once per check-in: a finished ratings step had its chance.
    session.support_offered = (
        draft is not None and _ratings_done(remaining) and _high(checkin.distress)
    )
    spent_before = checkin.duration_seconds or 0
    started = time.monotonic()
    draft_problem: str | None = None
    step_now = remaining[0] if remaining else DONE

    def keep_draft(step: str) -> None:
        nonlocal draft_problem
        checkin.duration_seconds = spent_before + int(round(time.monotonic() - started))
        try:
            keeper.keep(checkin.to_dict(), step, asking.in_step)
            draft_problem = None
        except OutputError as error:  # the journal may still save; report only if it matters
            draft_problem = error.reason
            return
        if draft is not None and draft.path != keeper.path:
            draft.path.unlink(missing_ok=True)  # a version 0.1 draft, now kept by this run

    kept: dict[str, Any] = {}

    def before_question() -> None:
        nonlocal kept
        if not (has_answers(checkin) or asking.answered() or draft is not None):
            return
        current = {**checkin.to_dict(), "in_step": dict(asking.in_step)}
        current.pop("duration_seconds")
        if current != kept:  # nothing new since the last write: no disk work
            keep_draft(step_now)
            kept = current

    asking = _KeepingPrompter(prompter, before_question, draft.in_step if draft else {})
    session.prompter = cast(Prompter, asking)
    with _hangup_as_interrupt():
        for index, step in enumerate(remaining):
            step_now = step
            try:
                _run_step(session, step)
            # OSError: writing to a terminal that has gone away (EIO).
            except (KeyboardInterrupt, EOFError, OSError):
                if draft is None and not has_answers(checkin) and not asking.answered():
                    keeper.discard()  # only skips so far: nothing to resume
                    raise Interrupted(messages.STOPPED_NOTHING_KEPT) from None
                keep_draft(step)
                if draft_problem is not None:
                    raise AnswersNotKept(
                        messages.DRAFT_ANSWERS_BELOW.format(reason=draft_problem),
                        checkin.to_dict(),
                        Interrupted.exit_code,
                    ) from None
                raise Interrupted(messages.DRAFT_KEPT) from None
            step_now = remaining[index + 1] if index + 1 < len(remaining) else DONE
            asking.step_done()
            if has_answers(checkin) or draft is not None:
                keep_draft(step_now)
            elif keeper.path.exists():
                keeper.discard()  # answers taken back: no draft of nothing

    from serjournal.store.writes import save_checkin  # here: not before the first question

    try:
        save_checkin(writer_of(db), checkin)
    except JournalError as error:
        if draft_problem is not None or not keeper.path.exists():
            keep_draft(DONE)
        if draft_problem is not None:
            raise AnswersNotKept(
                f"{error} " + messages.DRAFT_ANSWERS_BELOW.format(reason=draft_problem),
                checkin.to_dict(),
                JournalError.exit_code,
            ) from None
        raise JournalError(
            f"{error} " + messages.DRAFT_KEPT_AFTER_ERROR.format(path=keeper.path)
        ) from None
    _forget(draft, keeper)
    _close(prompter, session)
    return checkin


def _close(prompter: Prompter, session: stages.Session) -> None:
    """Saved: the support at the close, asked by the plain prompter (no draft
    is kept any more). A stop here ends nothing but the offer."""
    session.prompter = prompter
    with suppress(KeyboardInterrupt, EOFError, OSError):
        stages.support_at_close(session)


def _forget(draft: drafts.Draft | None, keeper: drafts.DraftKeeper) -> None:
    """The check-in is in the journal: its draft (only this run's) goes."""
    keeper.discard()
    if draft is not None:
        draft.path.unlink(missing_ok=True)


class _KeepingPrompter:
    """Passes every call to the real prompter. Before each question the
    runner writes the draft, so everything answered so far is on disk while
    the user thinks; every answer in the current step is remembered by its
    question, because some (a place picked before its quality is asked)
    have no home in the check-in until the step ends. Resuming replays the
    interrupted step's answers as the questions' defaults: Enter keeps them."""

    _QUESTIONS = frozenset({"rating", "ratings", "text", "choose", "choose_many", "confirm"})

    def __init__(
        self, inner: Prompter, before_question: Callable[[], None], replay: dict[str, Any]
    ) -> None:
        self._inner = inner
        self._before_question = before_question
        self._replay = dict(replay)
        self.in_step: dict[str, Any] = {}

    def answered(self) -> bool:
        """Whether anything in this step is worth keeping: a skip (empty) is
        not, and neither is a yes or no (to breathe, to ground)."""
        return any(
            value not in (None, "", []) and not isinstance(value, bool)
            for value in self.in_step.values()
        )

    def step_done(self) -> None:
        """The step's answers are all in the check-in now."""
        self.in_step = {}
        self._replay = {}

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._inner, name)
        if name not in self._QUESTIONS:
            return attribute
        signature = inspect.signature(getattr(Prompter, name))

        def ask(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(None, *args, **kwargs)
            key = _question_key(name, bound.arguments)
            if key in self._replay:
                replayed = _fitting(self._replay[key], bound.arguments)
                if replayed is not None:
                    bound.arguments["default"] = replayed
            self._before_question()
            answer = attribute(*bound.args[1:], **bound.kwargs)
            self.in_step[key] = answer
            return answer

        return ask


def _question_key(method: str, arguments: dict[str, Any]) -> str:
    """Which question this is: the same question asked again has the same key."""
    if method == "rating":
        return f"rating|{arguments['scale'].key}|{arguments.get('subject', '')}"
    if method == "ratings":
        return f"ratings|{','.join(scale.key for scale in arguments['scales'])}"
    return f"{method}|{arguments['question']}"


def _fitting(answer: Any, arguments: dict[str, Any]) -> Any:
    """A replayed answer, if it still fits the question's choices; else None."""
    choices = arguments.get("choices")
    if choices is not None:
        choices = flat(choices)
    if choices is None:
        return answer
    if isinstance(answer, list):
        return [a for a in answer if a in choices]
    return answer if answer in choices else None


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


def _already_saved(db: Database | OpenOnSave, checkin_id: str) -> bool:
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
    if step in session.skipped:
        return
    if step == "dialogue" and not stages.go_deeper(session):
        return  # left out, with release, in one line
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
