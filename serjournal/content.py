"""Everything the check-in says and offers, as data.

The flow code reads stages, prompts, scales and vocabularies from here and
never hard-codes a text, so a config file (or a translator) can change the
ritual without touching logic. Defaults follow ../shared/DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Scales -----------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """A 0-10 rating with the anchors shown beside it in the prompt."""

    key: str
    question: str
    low: str
    high: str
    minimum: int = 0
    maximum: int = 10

    @property
    def name(self) -> str:
        """What it rates, in a word or two: 'mood', 'closing mood'."""
        return self.key.replace("_", " ")


SCALES: dict[str, Scale] = {
    s.key: s
    for s in (
        Scale(
            "settledness",
            "How settled and safe do you feel right now?",
            "not at all settled",
            "completely settled and safe",
        ),
        Scale("mood", "How is your mood?", "very low", "very good"),
        Scale("energy", "How is your energy?", "exhausted", "full of energy"),
        Scale(
            "distress",
            "How much distress do you feel?",
            "completely calm",
            "the worst distress imaginable",
        ),
        Scale("intensity", "How intense is it?", "barely there", "as strong as it gets"),
        Scale("closing_mood", "And your mood now, as you close?", "very low", "very good"),
    )
}


# --- Body regions and sensation qualities ------------------------------------

REGIONS: tuple[str, ...] = (
    "head",
    "face and jaw",
    "throat",
    "neck",
    "shoulders",
    "chest",
    "upper back",
    "arms",
    "hands",
    "belly",
    "lower back",
    "pelvis and hips",
    "legs",
    "feet",
    "whole body",
)

# Shorter names people type on the command line; each maps to a region above.
REGION_ALIASES: dict[str, str] = {
    "jaw": "face and jaw",
    "face": "face and jaw",
    "back": "upper back",
    "hips": "pelvis and hips",
    "pelvis": "pelvis and hips",
    "stomach": "belly",
    "gut": "belly",
    "body": "whole body",
}

SIDES: tuple[str, ...] = ("left", "right", "both")
# Regions where asking "which side?" makes sense.
BILATERAL_REGIONS: frozenset[str] = frozenset(
    {"shoulders", "arms", "hands", "legs", "feet", "pelvis and hips"}
)

QUALITIES: tuple[str, ...] = (
    "tight",
    "tense",
    "heavy",
    "light",
    "warm",
    "hot",
    "cool",
    "cold",
    "tingling",
    "buzzing",
    "numb",
    "aching",
    "sharp",
    "throbbing",
    "pressure",
    "fluttering",
    "knotted",
    "hollow",
    "restless",
    "trembling",
    "open",
    "soft",
)


# --- Emotions ------------------------------------------------------------------


@dataclass(frozen=True)
class Emotion:
    """A precise emotion word with the coordinates reviews group it by."""

    name: str
    family: str
    valence: str  # "pleasant" or "unpleasant"
    energy: str  # "high" or "low"


def _family(family: str, valence: str, energy: str, names: str) -> list[Emotion]:
    return [Emotion(n.strip(), family, valence, energy) for n in names.split(",")]


# Energy is per family: a reasonable default for mood-meter quadrants. A config
# file can add emotions with their own coordinates.
EMOTIONS: tuple[Emotion, ...] = tuple(
    _family("joy", "pleasant", "high", "content, grateful, hopeful, proud, playful, relieved")
    + _family("calm", "pleasant", "low", "peaceful, safe, relaxed, grounded")
    + _family("love", "pleasant", "low", "connected, tender, loved, compassionate")
    + _family("surprise", "pleasant", "high", "curious, startled, confused")
    + _family("fear", "unpleasant", "high", "anxious, worried, overwhelmed, insecure, panicky")
    + _family("anger", "unpleasant", "high", "frustrated, irritated, resentful, furious")
    + _family("sadness", "unpleasant", "low", "lonely, disappointed, grieving, hurt, hopeless")
    + _family("shame", "unpleasant", "low", "embarrassed, guilty, inadequate")
    + _family("disgust", "unpleasant", "high", "repulsed, averse")
    + _family("tired", "unpleasant", "low", "drained, numb, flat")
)

FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(e.family for e in EMOTIONS))


# --- Release practices ------------------------------------------------------------

PRACTICES: dict[str, str] = {
    "breath": "Timed breathing: in, hold, out, with a gentle count",
    "movement": "Gentle movement: let the area stretch, sway or shake a little",
    "hand": "Hand on the area: rest a warm hand there and breathe into it",
    "none": "No practice today",
}


@dataclass(frozen=True)
class BreathPattern:
    """Seconds for each phase of one breath; cycles is how many breaths."""

    inhale: float = 4
    hold: float = 2
    exhale: float = 6
    cycles: int = 5

    @property
    def total_seconds(self) -> float:
        return (self.inhale + self.hold + self.exhale) * self.cycles


# --- Stages and their prompts -------------------------------------------------------


@dataclass(frozen=True)
class Prompt:
    """A free-text question. Its key names the answer in storage and exports."""

    key: str
    question: str


@dataclass(frozen=True)
class Stage:
    key: str
    number: int
    title: str
    orientation: str
    prompts: tuple[Prompt, ...] = field(default_factory=tuple)


STAGES: tuple[Stage, ...] = (
    Stage(
        "arrive",
        1,
        "Arrive and settle",
        "Take a moment to land. Notice the chair, the floor, your breath.",
    ),
    Stage(
        "checkin",
        2,
        "Check in",
        "A quick read of how you are, without judging it.",
        (Prompt("focus", "What is on your mind today, or an intention? (optional)"),),
    ),
    Stage(
        "body",
        3,
        "Body scan",
        "Move your attention slowly from head to feet. Where is there tension, "
        "restriction or anything notable?",
    ),
    Stage(
        "emotions",
        4,
        "Sensations and emotions",
        "Notice what you feel, and where in the body you feel it.",
        (Prompt("memory", "Does a memory or image surface? (optional)"),),
    ),
    Stage(
        "dialogue",
        5,
        "Dialogue and imagery",
        "Turn towards the place that asks for attention most.",
        (
            Prompt("speak", "If this area could speak, what would it say?"),
            Prompt("need", "What does it need?"),
            Prompt("image", "What image, colour or shape comes?"),
        ),
    ),
    Stage(
        "release",
        6,
        "Unwind and release",
        "A short practice to let the area soften. Nothing has to happen.",
    ),
    Stage(
        "integrate",
        7,
        "Integrate and ground",
        "Gather what came up and bring it into your day.",
        (
            Prompt("shift", "What shifted, if anything?"),
            Prompt("takeaway", "One takeaway to carry with you?"),
        ),
    ),
)

QUICK_STAGE = Stage(
    "quick", 0, "Quick check-in", "A few ratings, what you notice, one line. Under a minute."
)

# Quick mode's single line of note belongs to no stage of the full flow.
QUICK_NOTE = Prompt("note", "One line about today (optional)")

# At arrival, when yesterday set an intention or a takeaway: how did it go?
FOLLOWUP = Prompt("followup", "How did it go? (optional)")

# Every free-text answer key, mapped to the stage it belongs to.
ANSWER_STAGE: dict[str, str] = {
    **{p.key: s.key for s in STAGES for p in s.prompts},
    QUICK_NOTE.key: "quick",
    FOLLOWUP.key: "arrive",
}

GROUNDING_CUE = (
    "Feel your feet on the floor. Name five things you can see, four you can hear, "
    "three you can touch, two you can smell and one you can taste."
)

# The grounding offered with the support note: first the feet and a few slow
# breaths (following the bar), then, once the bar is gone, the senses.
GROUNDING_FEET = "Feel your feet on the floor, and follow a few slow breaths."
GROUNDING_SENSES = (
    "Now, in your own time, name five things you can see, four you can hear, "
    "three you can touch, two you can smell and one you can taste."
)

QUICK_MAX_SENSATIONS = 3
QUICK_MAX_EMOTIONS = 3
TAGS_SHOWN = 8  # the user's own tags listed above the tag prompt

# Support (serjournal/support.py): distress at or above HIGH_DISTRESS, a
# closing mood at or below LOW_CLOSING_MOOD, or one of SUPPORT_EMOTIONS felt
# at STRONG_FEELING or more brings the grounding offer and the support note.
HIGH_DISTRESS = 8
LOW_CLOSING_MOOD = 2
STRONG_FEELING = 8
# Feelings of the hopeless or overwhelmed kind; names the vocabulary lacks never match.
SUPPORT_EMOTIONS: frozenset[str] = frozenset(
    {
        "hopeless",
        "overwhelmed",
        "panicky",
        "despairing",
        "desperate",
        "helpless",
        "worthless",
        "trapped",
        "devastated",
        "panicked",
        "terrified",
    }
)
# With nothing noted in the body and distress this low or lower, dialogue and
# release are offered in one line instead of walked through.
LOW_DISTRESS = 3
