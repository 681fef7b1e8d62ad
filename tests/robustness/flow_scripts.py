"""Complete answer scripts for the guided flow (tests/scripted.py), and a
reference run that records where each stage's questions begin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from serjournal import content
from serjournal.flow.runner import run_checkin
from serjournal.flow.stages import FlowSettings
from serjournal.journal import Journal
from serjournal.models import CheckIn
from tests.scripted import ScriptedPrompter

FULL_SCRIPT: list[Any] = [
    # 1 arrive
    False,
    5,
    # 2 check in: mood, energy, distress, focus
    6,
    4,
    3,
    "a hard meeting tomorrow, ünïcode 🌿",
    # 3 body scan: two regions; shoulders asks for a side
    ["chest", "shoulders"],
    "tight",
    6,
    "left",
    "tense",
    4,
    # 4 emotions: family, words, intensity and place, memory
    ["fear", "calm"],
    ["anxious"],
    ["peaceful"],
    5,
    "chest",
    2,
    "(skip)",
    "school corridors",
    # 5 dialogue: which place, then speak / need / image
    "chest",
    "let me breathe",
    "room",
    "a grey stone",
    # 6 release: practice (a prefix of its label), target after, distress after
    "No practice",
    3,
    2,
    # 7 integrate: shift, takeaway, closing mood, known tags picked, new tags typed
    "the stone got lighter",
    "slow down",
    7,
    ["work"],
    "sleep, ünïcode",
]

QUICK_SCRIPT: list[Any] = [
    5,
    4,
    6,  # mood, energy, distress
    ["belly"],
    "knotted",
    5,  # one sensation
    ["worried", "hopeful"],
    6,
    "belly",
    3,
    "(skip)",  # two feelings
    "tired but ok",
    ["rest"],
    "",  # tags: one known picked, none typed
]


# Where each script's first kept answer is: stopping at or before it leaves
# nothing to resume (the full flow starts with a skip of the breathing offer).
FIRST_KEPT_ANSWER = {"full": 1, "quick": 0}

# The journal already has these tags, so the flow also asks which of them to pick.
KNOWN_TAGS = ["rest", "work"]


def settings() -> FlowSettings:
    return FlowSettings(known_tags=list(KNOWN_TAGS))


class RecordingPrompter(ScriptedPrompter):
    """Remembers at which answer each stage begins."""

    def __init__(self, answers: list[Any]) -> None:
        super().__init__(answers)
        self.stage_starts: list[tuple[str, int]] = []

    def stage(self, stage: content.Stage) -> None:
        super().stage(stage)
        self.stage_starts.append((stage.key, len(self.asked)))


def reference_run(db: Any, journal: Path, mode: str) -> tuple[CheckIn, list[tuple[str, int]]]:
    script = FULL_SCRIPT if mode == "full" else QUICK_SCRIPT
    prompter = RecordingPrompter(script)
    saved = run_checkin(prompter, db, Journal(journal), mode=mode, settings=settings())
    assert prompter.answers == [], "the script has answers the flow never asked for"
    return saved, prompter.stage_starts


def stage_of(index: int, starts: list[tuple[str, int]]) -> tuple[str, int]:
    """The stage asking answer number `index`, and where that stage begins."""
    return [(key, begin) for key, begin in starts if begin <= index][-1]


def comparable(checkin: CheckIn) -> dict[str, Any]:
    """What the user answered, without the id, clock and time spent."""
    data = checkin.to_dict()
    for key in ("id", "created_utc", "local_date", "utc_offset_minutes", "duration_seconds"):
        data.pop(key)
    return data
