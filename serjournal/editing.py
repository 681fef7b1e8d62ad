"""Changing a saved check-in: by flags (`--set mood=6`, `--add-sensation ...`)
or interactively through the check-in's own prompts, pre-filled.

Both work on a copy and return the edited CheckIn; store.writes.edit_checkin
applies them to the entry as stored at the moment of writing, validates and
writes it. Nothing here touches the journal.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from serjournal import content, messages
from serjournal.answers import (
    check_quick_limits,
    mark_target,
    optional_rating,
    parse_emotion,
    parse_practice,
    parse_sensation,
)
from serjournal.errors import InputError
from serjournal.flow import stages
from serjournal.flow.prompter import SKIP, Prompter
from serjournal.models import RATING_FIELDS, CheckIn
from serjournal.vocabulary import Vocabulary, default_vocabulary, normalise

ANSWER_KEYS: tuple[str, ...] = tuple(content.ANSWER_STAGE)
SETTABLE: tuple[str, ...] = (
    *RATING_FIELDS,
    *ANSWER_KEYS,
    "practice",
    "practice_seconds",
    "mode",
    "target",
)


@dataclass
class FlagEdits:
    """The edit flags as given on the command line, in the order applied."""

    sets: list[str] = field(default_factory=list)
    remove_sensations: list[str] = field(default_factory=list)
    add_sensations: list[str] = field(default_factory=list)
    remove_emotions: list[str] = field(default_factory=list)
    add_emotions: list[str] = field(default_factory=list)
    untags: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def apply_flag_edits(
    original: CheckIn, edits: FlagEdits, vocabulary: Vocabulary | None = None
) -> CheckIn:
    vocabulary = vocabulary or default_vocabulary()
    checkin = copy.deepcopy(original)
    # Removals first, so "--remove-sensation chest --add-sensation chest:warm:3" replaces.
    for region in edits.remove_sensations:
        wanted = _stored_or_known(region, [s.region for s in checkin.sensations], vocabulary.region)
        checkin.sensations = [s for s in checkin.sensations if s.region != wanted]
    for spec in edits.add_sensations:
        checkin.sensations.append(parse_sensation(spec, vocabulary))
    for name in edits.remove_emotions:
        wanted = _stored_or_known(
            name, [e.name for e in checkin.emotions], lambda t: vocabulary.emotion(t).name
        )
        checkin.emotions = [e for e in checkin.emotions if e.name != wanted]
    for spec in edits.add_emotions:
        checkin.emotions.append(parse_emotion(spec, vocabulary))
    target_given = False
    for assignment in edits.sets:
        key, value = split_assignment(assignment)
        if key == "target":
            target_given = True
        set_field(checkin, key, value, vocabulary)
    if not target_given and checkin.mode == "full" and checkin.target is None:
        # The dialogue is about one sensation; keep one marked when there are any.
        mark_target(checkin.sensations, None, vocabulary)
    if checkin.mode == "quick" and original.mode != "quick":
        check_quick_limits(checkin)  # becoming quick: its limits apply from now on
    for tag in edits.untags:
        if tag.strip() not in checkin.tags:
            raise InputError(messages.EDIT_NO_SUCH_TAG.format(tag=tag))
        checkin.tags.remove(tag.strip())
    checkin.tags = list(
        dict.fromkeys([*checkin.tags, *(t.strip() for t in edits.tags if t.strip())])
    )
    return checkin


def split_assignment(text: str) -> tuple[str, str]:
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise InputError(messages.EDIT_BAD_SET.format(text=text))
    key = normalise(key).replace(" ", "_")
    if key not in SETTABLE:
        close = difflib.get_close_matches(key, SETTABLE, n=3, cutoff=0.6)
        raise InputError(messages.unknown_word("field to --set", key, close or list(SETTABLE)))
    return key, value.strip()


def set_field(checkin: CheckIn, key: str, value: str, vocabulary: Vocabulary) -> None:
    """One `--set KEY=VALUE`; an empty value clears the field."""
    if key in RATING_FIELDS:
        setattr(checkin, key, optional_rating(key, value))
    elif key in ANSWER_KEYS:
        if value:
            checkin.answers[key] = value
        else:
            checkin.answers.pop(key, None)
    elif key == "practice":
        checkin.practice = parse_practice(value)
    elif key == "practice_seconds":
        if value and not (value.isascii() and value.isdigit()):
            raise InputError(messages.EDIT_BAD_SECONDS.format(value=value))
        checkin.practice_seconds = int(value) if value else None
    elif key == "mode":
        if value not in ("full", "quick"):
            raise InputError(messages.BAD_MODE.format(mode=value))
        checkin.mode = value
    elif key == "target":
        mark_target(checkin.sensations, value or None, vocabulary)


def _stored_or_known(text: str, stored: list[str], lookup: Callable[[str], str]) -> str:
    """The stored word the user means: as written, or via the vocabulary."""
    cleaned = normalise(text)
    if cleaned in stored:
        return cleaned
    wanted = lookup(text)  # raises, suggesting the closest words
    if wanted not in stored:
        raise InputError(messages.EDIT_NOT_ON_ENTRY.format(word=wanted))
    return wanted


# --- The interactive editor ---------------------------------------------------------


def edit_interactively(
    prompter: Prompter,
    original: CheckIn,
    vocabulary: Vocabulary | None = None,
    settings: stages.FlowSettings | None = None,
) -> CheckIn | None:
    """Pick a field, answer its prompt (pre-filled), repeat; None when the
    user leaves without saving."""
    vocabulary = vocabulary or default_vocabulary()
    settings = settings or stages.FlowSettings()
    checkin = copy.deepcopy(original)
    session = stages.Session(prompter, checkin, vocabulary, settings)
    while True:
        labels = field_labels(checkin, settings)
        chosen = prompter.choose(
            messages.EDIT_PICK_FIELD, [*labels, messages.EDIT_SAVE, messages.EDIT_CANCEL]
        )
        if chosen == messages.EDIT_SAVE:
            return checkin
        if chosen == messages.EDIT_CANCEL:
            return None
        _edit_one(session, labels[chosen])


def field_labels(checkin: CheckIn, settings: stages.FlowSettings) -> dict[str, str]:
    """Menu label -> field key, each label showing the current value."""
    labels: dict[str, str] = {}
    for name in RATING_FIELDS:
        value = getattr(checkin, name)
        labels[f"{name.replace('_', ' ')}: {'-' if value is None else f'{value}/10'}"] = name
    keys = ["note"] if checkin.mode == "quick" else [k for k in ANSWER_KEYS if k != "note"]
    keys += [k for k in checkin.answers if k not in keys]
    for key in keys:
        text = checkin.answers.get(key, "")
        shown = text if len(text) <= 40 else text[:39] + "…"
        labels[f"{key}: {shown or '-'}"] = key
    labels[f"practice: {checkin.practice or '-'}"] = "practice"
    labels[f"body: {', '.join(s.region for s in checkin.sensations) or '-'}"] = "sensations"
    labels[f"emotions: {', '.join(e.name for e in checkin.emotions) or '-'}"] = "emotions"
    labels[f"tags: {', '.join(checkin.tags) or '-'}"] = "tags"
    return labels


def _edit_one(s: stages.Session, key: str) -> None:
    checkin, prompter = s.checkin, s.prompter
    if key in RATING_FIELDS:
        scale = content.SCALES.get(key) or content.SCALES["distress"]
        subject = "after the practice" if key == "distress_after" else ""
        setattr(checkin, key, prompter.rating(scale, subject, default=getattr(checkin, key)))
    elif key in ANSWER_KEYS:
        answer = prompter.text(_question(key, s.settings), default=checkin.answers.get(key, ""))
        if answer:
            checkin.answers[key] = answer
        else:
            checkin.answers.pop(key, None)
    elif key == "practice":
        options = {f"{name}: {text}": name for name, text in content.PRACTICES.items()}
        current = next((o for o, name in options.items() if name == checkin.practice), SKIP)
        picked = prompter.choose(messages.EDIT_PICK_PRACTICE, [*options, SKIP], default=current)
        checkin.practice = options.get(picked)
        if checkin.practice in (None, "none"):
            checkin.practice_seconds = None
    elif key == "sensations":
        stages.body_scan(s)  # each place keeps its after-practice rating and target
        if checkin.mode == "full" and checkin.target is None:
            mark_target(checkin.sensations, None, s.vocabulary)
    elif key == "emotions":
        _edit_emotions(s)
    elif key == "tags":
        stages.ask_tags(s)


def _edit_emotions(s: stages.Session) -> None:
    """Pick the feelings (those on the entry start picked, typing filters
    them), then each one's intensity and where it was felt, starting from the
    saved answers."""
    before = [e.name for e in s.checkin.emotions]
    families = stages.emotion_groups(s)
    picked = s.prompter.choose_many(
        messages.EDIT_PICK_EMOTIONS,
        families,
        default=before,
        find=stages.find_emotions(s.vocabulary, families),
    )
    stages.rate_emotions(s, picked)


def _question(key: str, settings: stages.FlowSettings) -> str:
    # The quick note and the follow-up belong to no stage's own prompts.
    for prompt in (content.QUICK_NOTE, content.FOLLOWUP):
        if key == prompt.key:
            return prompt.question
    stage = settings.stage(content.ANSWER_STAGE[key])
    return next(p.question for p in stage.prompts if p.key == key)
