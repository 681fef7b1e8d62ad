"""Editing a check-in by flags and through its prompts; the tag step of the flow."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from serjournal import content, messages
from serjournal.editing import (
    FlagEdits,
    apply_flag_edits,
    edit_interactively,
    field_labels,
    split_assignment,
)
from serjournal.errors import InputError
from serjournal.flow.runner import run_checkin
from serjournal.flow.settings import FlowSettings
from serjournal.journal import Journal
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.checkins import load_checkin
from serjournal.vocabulary import Vocabulary
from tests.scripted import KEEP, ScriptedPrompter


def entry() -> CheckIn:
    checkin = CheckIn(
        mood=6,
        distress=5,
        practice="breath",
        practice_seconds=60,
        sensations=[
            Sensation("chest", "tight", 6, intensity_after=3, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest")],
        answers={"focus": "the meeting", "takeaway": "walk after lunch"},
        tags=["work"],
    )
    checkin.set_time(datetime(2026, 11, 20, 20, 0, tzinfo=UTC))
    return checkin


def test_set_changes_ratings_answers_and_practice() -> None:
    original = entry()
    edited = apply_flag_edits(
        original,
        FlagEdits(
            sets=[
                "mood=3",
                "takeaway= rest the shoulders ",
                "focus=",
                "practice=hand",
                "practice_seconds=90",
                "closing_mood=7",
                "distress=",
            ]
        ),
    )
    assert (edited.mood, edited.closing_mood, edited.distress) == (3, 7, None)
    assert edited.answers == {"takeaway": "rest the shoulders"}
    assert (edited.practice, edited.practice_seconds) == ("hand", 90)
    assert original.mood == 6 and "focus" in original.answers  # the original is a copy's source


def test_sensations_and_emotions_added_and_removed() -> None:
    edited = apply_flag_edits(
        entry(),
        FlagEdits(
            remove_sensations=["chest"],
            add_sensations=["jaw:tight:5"],
            remove_emotions=["Anxious"],
            add_emotions=["grateful:4:belly"],
        ),
    )
    assert [(s.region, s.quality) for s in edited.sensations] == [
        ("shoulders", "tense"),
        ("face and jaw", "tight"),
    ]
    # The dialogue target went with the chest; one sensation is marked again.
    assert edited.target is not None and edited.target.region == "shoulders"
    assert [(e.name, e.region) for e in edited.emotions] == [("grateful", "belly")]


def test_target_and_tags() -> None:
    edited = apply_flag_edits(
        entry(), FlagEdits(sets=["target=shoulders"], tags=["evening", "work"], untags=["work"])
    )
    assert edited.target is not None and edited.target.region == "shoulders"
    assert edited.tags == ["evening", "work"]  # removed first, then added back in order


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (FlagEdits(sets=["mood"]), "use KEY=VALUE"),
        (FlagEdits(sets=["=5"]), "use KEY=VALUE"),
        (FlagEdits(sets=["moood=5"]), "Did you mean: mood"),
        (FlagEdits(sets=["id=abc"]), "Unknown field to --set 'id'"),
        (FlagEdits(sets=["mood=eleven"]), "mood must be a whole number"),
        (FlagEdits(sets=["mood=11"]), "mood must be a whole number"),
        (FlagEdits(sets=["practice=yoga"]), "Unknown practice"),
        (FlagEdits(sets=["practice_seconds=-3"]), "whole number of seconds"),
        (FlagEdits(sets=["mode=slow"]), "mode must be"),
        (FlagEdits(sets=["target=feet"]), "not among the sensations"),
        (FlagEdits(remove_sensations=["feet"]), "no 'feet' to remove"),
        (FlagEdits(remove_sensations=["fete"]), "Unknown region"),
        (FlagEdits(remove_emotions=["blorp"]), "Unknown emotion"),
        (FlagEdits(remove_emotions=["joyful"]), "no 'happy' to remove"),  # a synonym of happy
        (FlagEdits(remove_emotions=["fear"]), "is a family of feelings"),
        (FlagEdits(add_sensations=["chest:tight"]), "Could not read sensation"),
        (FlagEdits(add_emotions=["hapy:5"]), "Unknown emotion 'hapy'. Did you mean: happy?"),
        (FlagEdits(untags=["holiday"]), "no tag 'holiday'"),
        (
            FlagEdits(sets=["mode=quick"], add_sensations=["belly:warm:2", "feet:cold:3"]),
            "Quick mode takes at most 3 sensations; 4 were given",
        ),
    ],
)
def test_bad_edits_are_one_clear_error(edits: FlagEdits, message: str) -> None:
    with pytest.raises(InputError, match=message):
        apply_flag_edits(entry(), edits)


def test_split_assignment_normalises_the_key() -> None:
    assert split_assignment("Closing-Mood = 4") == ("closing_mood", "4")
    assert split_assignment("takeaway=a = b") == ("takeaway", "a = b")


def test_flag_edits_use_the_given_vocabulary() -> None:
    vocabulary = Vocabulary()
    vocabulary.regions.append("wrists")
    edited = apply_flag_edits(entry(), FlagEdits(add_sensations=["wrists:aching:3"]), vocabulary)
    assert edited.sensations[-1].region == "wrists"


# --- interactive ------------------------------------------------------------------------


def label_for(checkin: CheckIn, key: str) -> str:
    return next(label for label, k in field_labels(checkin, FlowSettings()).items() if k == key)


def test_interactive_edit_prefills_and_saves() -> None:
    original = entry()
    prompter = ScriptedPrompter(
        [
            label_for(original, "mood"),
            4,
            label_for(original, "takeaway"),
            KEEP,  # Enter on the pre-filled answer keeps it
            label_for(original, "focus"),
            "",  # emptied: the answer goes
            "(save",
        ]
    )
    edited = edit_interactively(prompter, original)
    assert edited is not None
    assert edited.mood == 4
    assert edited.answers == {"takeaway": "walk after lunch"}
    assert ("text", "One takeaway to carry with you?") in prompter.asked


class PressEnter(ScriptedPrompter):
    """Answers the edit menu from the script and presses Enter (KEEP) at
    every other question: what a user does to look at a field and keep it."""

    def _next(self, kind: str, question: str) -> Any:
        if question == messages.EDIT_PICK_FIELD:
            return super()._next(kind, question)
        self.asked.append((kind, question))
        return KEEP


def full_entry() -> CheckIn:
    """Every field filled, none of them with the first choice of its prompt, so
    a prompt that forgets its default would change what Enter keeps."""
    checkin = entry()
    checkin.sensations.reverse()  # head to feet, as the body scan lists them
    checkin.settledness, checkin.energy, checkin.distress_after = 4, 3, 2
    checkin.closing_mood = 7
    checkin.practice = "hand"
    checkin.emotions = [
        EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "throat"),
        EmotionEntry("hopeful", "joy", "pleasant", "high", 3, None),
    ]
    checkin.answers = {key: f"the {key} answer" for key in content.ANSWER_STAGE if key != "note"}
    return checkin


@pytest.mark.parametrize(
    "key", list(dict.fromkeys(field_labels(full_entry(), FlowSettings()).values()))
)
def test_enter_through_a_field_keeps_every_saved_answer(key: str) -> None:
    original = full_entry()
    settings = FlowSettings(known_tags=["work", "rest"])
    label = next(lab for lab, k in field_labels(original, settings).items() if k == key)
    prompter = PressEnter([label, messages.EDIT_SAVE])
    edited = edit_interactively(prompter, original, settings=settings)
    assert len(prompter.asked) > 2  # the field's own questions were asked
    assert edited is not None
    assert edited.to_dict() == original.to_dict()


def test_interactive_edit_can_leave_without_saving() -> None:
    original = entry()
    prompter = ScriptedPrompter([label_for(original, "mood"), 1, "(leave"])
    assert edit_interactively(prompter, original) is None
    assert original.mood == 6


def test_interactive_edit_of_body_keeps_target_and_after_intensity() -> None:
    original = entry()
    prompter = ScriptedPrompter(
        [
            label_for(original, "sensations"),
            ["chest", "belly"],
            "warm",  # chest quality
            7,
            "heavy",  # belly
            2,
            "(save",
        ]
    )
    edited = edit_interactively(prompter, original)
    assert edited is not None
    assert [(s.region, s.quality, s.intensity) for s in edited.sensations] == [
        ("chest", "warm", 7),
        ("belly", "heavy", 2),
    ]
    assert edited.target is not None and edited.target.region == "chest"
    assert edited.sensations[0].intensity_after == 3


def test_interactive_edit_of_emotions_prefills_intensity() -> None:
    original = entry()
    prompter = ScriptedPrompter(
        [
            label_for(original, "emotions"),
            KEEP,  # the same feelings stay picked
            KEEP,  # anxious: intensity unchanged
            "throat",
            "(save",
        ]
    )
    edited = edit_interactively(prompter, original)
    assert edited is not None
    assert [(e.name, e.intensity, e.region) for e in edited.emotions] == [("anxious", 5, "throat")]


def test_interactive_edit_of_practice() -> None:
    original = entry()
    prompter = ScriptedPrompter(
        [label_for(original, "practice"), "movement", label_for(original, "mood"), KEEP, "(save"]
    )
    edited = edit_interactively(prompter, original)
    assert edited is not None
    assert (edited.practice, edited.practice_seconds, edited.mood) == ("movement", 60, 6)
    cleared = edit_interactively(
        ScriptedPrompter([label_for(original, "practice"), "(skip)", "(save"]), original
    )
    assert cleared is not None and (cleared.practice, cleared.practice_seconds) == (None, None)


def test_interactive_edit_of_tags_offers_known_ones() -> None:
    original = entry()
    settings = FlowSettings(known_tags=["work", "rest"])
    prompter = ScriptedPrompter([label_for(original, "tags"), "rest, travel, rest", "(save"])
    edited = edit_interactively(prompter, original, settings=settings)
    assert edited is not None and edited.tags == ["rest", "travel"]
    assert prompter.said[-1] == messages.TAGS_YOURS.format(tags="work, rest")
    assert prompter.suggestions[-1] == ["work", "rest"]  # Tab completes them


# --- the tag step at the end of a check-in -------------------------------------------------


def test_quick_checkin_ends_with_the_tag_step(db: Database, journal_path: Path) -> None:
    prompter = ScriptedPrompter([[5, 4, 3], [], [], "a quiet day", "work, garden, work"])
    settings = FlowSettings(known_tags=["work", "rest"])
    saved = run_checkin(prompter, db, Journal(journal_path), mode="quick", settings=settings)
    assert load_checkin(db, saved.id).tags == ["work", "garden"]
    assert prompter.asked[-1] == ("text", messages.TAGS_NEW)


def test_without_known_tags_only_new_ones_are_asked(db: Database, journal_path: Path) -> None:
    prompter = ScriptedPrompter([[5, 4, 3], [], [], "", ""])
    saved = run_checkin(prompter, db, Journal(journal_path), mode="quick")
    assert load_checkin(db, saved.id).tags == []
    assert not any(said.startswith("Your tags") for said in prompter.said)
    assert prompter.suggestions[-1] == []


def test_reworded_stages_are_asked_in_the_flow(db: Database, journal_path: Path) -> None:
    from serjournal.config import parse_config

    config = parse_config(
        'run_stages = ["integrate"]\n[prompts.integrate]\ntitle = "Closing"\n'
        'takeaway = "What will you carry?"\n'
    )
    prompter = ScriptedPrompter(["it eased", "patience", 7, ""])
    saved = run_checkin(prompter, db, Journal(journal_path), settings=config.settings)
    assert ("text", "What will you carry?") in prompter.asked
    assert load_checkin(db, saved.id).answers["takeaway"] == "patience"
