"""Complete answer scripts for the guided flow (tests/scripted.py), and a
reference run that records where each stage's questions begin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from serjournal import content, messages
from serjournal.flow.runner import run_checkin
from serjournal.flow.settings import FlowSettings
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.store.habits import Carried
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
    # 3 body scan: two regions, asked head to feet; shoulders asks for a side
    ["chest", "shoulders"],
    "left",
    "tense",
    4,
    "tight",
    6,
    # 4 emotions: one list; each word's intensity and place (calm before fear), memory
    ["anxious", "peaceful"],
    2,
    "(skip)",
    5,
    "chest",
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
    # 7 integrate: shift, takeaway, closing mood, tags (one known, two new)
    "the stone got lighter",
    "slow down",
    7,
    "work, sleep, ünïcode",
]

QUICK_SCRIPT: list[Any] = [
    [5, 4, 6],  # mood, energy, distress in one line
    ["belly"],
    "knotted",
    5,  # one sensation
    ["worried", "hopeful"],
    3,
    "(skip)",
    6,
    "belly",  # two feelings (joy before fear)
    "tired but ok",
    "rest",  # tags: one known
]

# A calm evening after a day with an intention: how it went is asked at
# arrival; nothing in the body and low distress, so dialogue and release
# are offered in one line, and declined.
CALM_SCRIPT: list[Any] = [
    False,
    6,
    "it went better than feared",  # how yesterday's intention went
    7,
    6,
    2,
    "",  # no focus today
    [],  # nothing in the body
    ["content"],
    6,
    "(skip)",
    "",
    False,  # dialogue and release: not today
    "",
    "rest well",
    8,
    "",
]

SCRIPTS: dict[str, tuple[str, list[Any]]] = {
    "full": ("full", FULL_SCRIPT),
    "quick": ("quick", QUICK_SCRIPT),
    "calm": ("full", CALM_SCRIPT),
}

# Where each script's first kept answer is: stopping at or before it leaves
# nothing to resume (the full flow starts with a skip of the breathing offer).
FIRST_KEPT_ANSWER = {"full": 1, "quick": 0, "calm": 1}

# The journal already has these tags, so the flow also shows them.
KNOWN_TAGS = ["rest", "work"]


def settings(kind: str = "full") -> FlowSettings:
    carried = Carried(focus="say no to one thing") if kind == "calm" else None
    return FlowSettings(known_tags=list(KNOWN_TAGS), carried=carried)


class RecordingPrompter(ScriptedPrompter):
    """Remembers at which answer each stage begins."""

    def __init__(self, answers: list[Any]) -> None:
        super().__init__(answers)
        self.stage_starts: list[tuple[str, int]] = []

    def stage(self, stage: content.Stage) -> None:
        super().stage(stage)
        self.stage_starts.append((stage.key, len(self.asked)))

    def confirm(self, question: str, default: bool = True) -> bool:
        if question == messages.ASK_DIALOGUE_AND_RELEASE:
            # Asked by the dialogue step before its heading (see stages.go_deeper).
            self.stage_starts.append(("dialogue", len(self.asked)))
        return super().confirm(question, default)


def reference_run(db: Any, journal: Path, kind: str) -> tuple[CheckIn, list[tuple[str, int]]]:
    mode, script = SCRIPTS[kind]
    prompter = RecordingPrompter(script)
    saved = run_checkin(prompter, db, Journal(journal), mode=mode, settings=settings(kind))
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
