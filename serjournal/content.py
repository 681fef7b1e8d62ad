"""Everything the check-in says and offers, as data.

The flow code reads stages, prompts, scales and vocabularies from here and
never hard-codes a text, so a config file (or a translator) can change the
ritual without touching logic. Defaults follow ../shared/DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from serjournal import emotion_words

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
    "mouth": "face and jaw",
    "eyes": "face and jaw",
    "forehead": "head",
    "temples": "head",
    "back": "upper back",
    "shoulder": "shoulders",
    "heart": "chest",
    "lungs": "chest",
    "arm": "arms",
    "hand": "hands",
    "fingers": "hands",
    "hips": "pelvis and hips",
    "hip": "pelvis and hips",
    "pelvis": "pelvis and hips",
    "stomach": "belly",
    "tummy": "belly",
    "gut": "belly",
    "abdomen": "belly",
    "leg": "legs",
    "knees": "legs",
    "foot": "feet",
    "body": "whole body",
    "everywhere": "whole body",
    "all over": "whole body",
}

SIDES: tuple[str, ...] = ("left", "right", "both")
# Regions where asking "which side?" makes sense.
BILATERAL_REGIONS: frozenset[str] = frozenset(
    {"shoulders", "arms", "hands", "legs", "feet", "pelvis and hips"}
)

# Sensation qualities in groups, so a long list reads (and filters) by kind.
# Every word of the first release is kept; burning, fizzy and stuck are new:
# qualities people often reach for and did not find.
QUALITY_GROUPS: dict[str, tuple[str, ...]] = {
    "temperature": ("warm", "hot", "burning", "cool", "cold"),
    "pressure and tension": ("tight", "tense", "knotted", "pressure", "heavy", "stuck"),
    "movement": (
        "tingling",
        "buzzing",
        "fizzy",
        "fluttering",
        "throbbing",
        "trembling",
        "restless",
    ),
    "texture": ("sharp", "aching", "soft"),
    # What is missing: feeling (numb), substance (hollow), weight (light), constriction (open).
    "absence": ("numb", "hollow", "light", "open"),
}

QUALITIES: tuple[str, ...] = tuple(q for group in QUALITY_GROUPS.values() for q in group)

# Everyday words for a quality; each maps to one quality above.
QUALITY_ALIASES: dict[str, str] = {
    "pins and needles": "tingling",
    "prickly": "tingling",
    "buzzy": "buzzing",
    "vibrating": "buzzing",
    "fizzing": "fizzy",
    "bubbly": "fizzy",
    "butterflies": "fluttering",
    "pulsing": "throbbing",
    "pounding": "throbbing",
    "shaky": "trembling",
    "shaking": "trembling",
    "jittery": "restless",
    "fidgety": "restless",
    "clenched": "tight",
    "tightness": "tight",
    "constricted": "tight",
    "knot": "knotted",
    "squeezed": "pressure",
    "weighed down": "heavy",
    "blocked": "stuck",
    "frozen": "stuck",
    "heat": "hot",
    "chilly": "cold",
    "freezing": "cold",
    "sore": "aching",
    "achy": "aching",
    "ache": "aching",
    "stabbing": "sharp",
    "empty": "hollow",
    "spacious": "open",
    "expansive": "open",
    "no feeling": "numb",
}


# --- Emotions ------------------------------------------------------------------
# The words, families, published numbers and everyday forms are data in
# emotion_words.py; this section turns them into Emotion records.

VALENCES: tuple[str, ...] = ("pleasant", "unpleasant")
ENERGIES: tuple[str, ...] = ("high", "low")


def rescale(mean: float) -> float:
    """A 1-9 rating mean (Warriner et al., 2013) on -1..1: 1 -> -1, 5 -> 0, 9 -> 1."""
    return round((mean - 5) / 4, 4)


def valence_label(score: float) -> str:
    """The mood meter's side for a valence score on -1..1 (0 counts as pleasant)."""
    return "pleasant" if score >= 0 else "unpleasant"


def energy_label(score: float) -> str:
    """The mood meter's height for an arousal score on -1..1 (0 counts as high)."""
    return "high" if score >= 0 else "low"


@dataclass(frozen=True)
class Emotion:
    """A precise emotion word with the coordinates reviews group it by.

    valence ("pleasant"/"unpleasant") and energy ("high"/"low") are the labels
    stored with each entry. A word with numbers (valence_score, arousal_score
    on -1..1) has its labels derived from them, and a disagreement is refused
    here, so a quadrant is always the word's own, never its family's.
    rated_as names the word of Warriner et al. (2013) whose published means
    the numbers are (another word when this one was placed by it); felt_in is
    where the emotion is often felt, used only to order a list of regions.
    """

    name: str
    family: str
    valence: str
    energy: str
    valence_score: float | None = None
    arousal_score: float | None = None
    rated_as: str | None = None
    felt_in: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.valence not in VALENCES or self.energy not in ENERGIES:
            raise ValueError(f"{self.name}: valence {self.valence!r}, energy {self.energy!r}")
        for score, label, derive in (
            (self.valence_score, self.valence, valence_label),
            (self.arousal_score, self.energy, energy_label),
        ):
            if score is not None and not (-1 <= score <= 1 and derive(score) == label):
                raise ValueError(f"{self.name}: {score} does not give {label!r}")

    @classmethod
    def scored(
        cls,
        name: str,
        family: str,
        valence_score: float,
        arousal_score: float,
        *,
        rated_as: str | None = None,
        felt_in: tuple[str, ...] = (),
    ) -> Emotion:
        """An emotion whose labels are derived from its numbers."""
        return cls(
            name,
            family,
            valence_label(valence_score),
            energy_label(arousal_score),
            valence_score,
            arousal_score,
            rated_as,
            felt_in,
        )

    @property
    def placed(self) -> bool:
        """The numbers are another word's: this one had no published rating."""
        return self.rated_as is not None and self.rated_as != self.name


def emotion_key(text: str) -> str:
    """How typed emotion words are compared: case, extra spaces, hyphens,
    underscores and apostrophes do not matter ("Pissed-off", "can't wait")."""
    cleaned = text.strip().lower().replace("_", " ").replace("-", " ")
    return " ".join(cleaned.replace("'", "").replace("\u2019", "").split())


def _build_emotions() -> tuple[tuple[Emotion, ...], dict[str, str]]:
    data = emotion_words
    emotions: list[Emotion] = []
    synonyms: dict[str, str] = {}
    for family, rows in data.WORDS.items():
        for name, rated_as, valence_mean, arousal_mean, forms in rows:
            body_map = data.WORD_MAPS.get(name) or data.FAMILY_MAPS.get(family)
            emotions.append(
                Emotion.scored(
                    name,
                    family,
                    rescale(valence_mean),
                    rescale(arousal_mean),
                    rated_as=rated_as,
                    felt_in=data.BODY_MAPS[body_map] if body_map else (),
                )
            )
            for form in forms.split(","):
                synonyms[emotion_key(form)] = name
    return tuple(emotions), synonyms


EMOTIONS, EMOTION_SYNONYMS = _build_emotions()
"""EMOTIONS: every word, family by family, the family's everyday head word first.
EMOTION_SYNONYMS: each everyday form (as emotion_key gives it) -> its one word."""

FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(e.family for e in EMOTIONS))

# Lead-ins dropped before looking a feeling up ("a bit anxious"), longest first.
EMOTION_LEAD_INS: tuple[str, ...] = tuple(
    sorted((emotion_key(lead) for lead in emotion_words.LEAD_INS), key=len, reverse=True)
)
# Vague words ("bad", "fine") and the precise words offered instead.
VAGUE_EMOTION_WORDS: dict[str, tuple[str, ...]] = {
    emotion_key(word): examples for word, examples in emotion_words.VAGUE.items()
}


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
