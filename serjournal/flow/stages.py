"""The seven stages of the guided check-in, and quick mode.

Each stage is a small function that asks through a Prompter and fills in
the CheckIn. The texts come from content.py; nothing here is worded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from serjournal import content, messages
from serjournal.flow.prompter import SKIP, Prompter
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.vocabulary import Vocabulary


@dataclass
class FlowSettings:
    """What a user's config may change about the ritual."""

    stages: list[str] = field(default_factory=lambda: [s.key for s in content.STAGES])
    breath: content.BreathPattern = field(default_factory=content.BreathPattern)
    arrival_breath: content.BreathPattern = field(
        default_factory=lambda: content.BreathPattern(cycles=3)
    )
    # Stages whose texts the config rewords; new Stage objects, never mutated globals.
    stage_texts: dict[str, content.Stage] = field(default_factory=dict)
    # The user's tags so far, offered at the end of the check-in.
    known_tags: list[str] = field(default_factory=list)

    def stage(self, key: str) -> content.Stage:
        return self.stage_texts.get(key) or STAGE_BY_KEY[key]


@dataclass
class Session:
    """Everything a stage needs, passed as one thing."""

    prompter: Prompter
    checkin: CheckIn
    vocabulary: Vocabulary
    settings: FlowSettings = field(default_factory=FlowSettings)
    support_offered: bool = False


STAGE_BY_KEY = {s.key: s for s in content.STAGES}


def arrive(s: Session) -> None:
    if s.prompter.confirm(messages.ASK_ARRIVAL_BREATHS, default=False):
        s.prompter.breathe(s.settings.arrival_breath)
    s.checkin.settledness = s.prompter.rating(content.SCALES["settledness"])


def check_in(s: Session) -> None:
    ask_ratings(s)
    ask_prompts(s, "checkin")


def ask_ratings(s: Session) -> None:
    for name in ("mood", "energy", "distress"):
        setattr(s.checkin, name, s.prompter.rating(content.SCALES[name]))
    offer_support_if_distressed(s, s.checkin.distress)


def body_scan(s: Session, limit: int | None = None) -> None:
    question = messages.ASK_REGIONS_QUICK if limit else messages.ASK_REGIONS
    regions = _pick_up_to(s, question, s.vocabulary.regions, limit)
    s.checkin.sensations = []
    for region in regions:
        side = None
        # Quick mode leaves out the side: it has to stay under a minute.
        if region in content.BILATERAL_REGIONS and not limit:
            picked = s.prompter.choose(
                messages.ASK_SIDE.format(region=region), [*content.SIDES, SKIP]
            )
            side = None if picked == SKIP else picked
        quality = s.prompter.choose(
            messages.ASK_QUALITY.format(region=region), s.vocabulary.qualities
        )
        intensity = _required_rating(s, f"({region}, {quality})")
        s.checkin.sensations.append(
            Sensation(region=region, side=side, quality=quality, intensity=intensity)
        )


def emotions(s: Session) -> None:
    hints = {
        f: ", ".join(e.name for e in s.vocabulary.emotions_in(f)) for f in s.vocabulary.families
    }
    families = s.prompter.choose_many(messages.ASK_FAMILIES, s.vocabulary.families, hints=hints)
    names: list[str] = []
    for family in families:
        names += s.prompter.choose_many(
            messages.ASK_FEELING_WORDS.format(family=family),
            [e.name for e in s.vocabulary.emotions_in(family)],
        )
    _rate_emotions(s, names)
    ask_prompts(s, "emotions")


def _rate_emotions(s: Session, names: list[str], quick: bool = False) -> None:
    """Intensity and body region of each feeling. The regions just scanned come
    first; quick mode offers only those (and does not ask when there are none)."""
    scanned = list(dict.fromkeys(x.region for x in s.checkin.sensations))
    where = (scanned if quick else list(dict.fromkeys(scanned + s.vocabulary.regions))) + [SKIP]
    s.checkin.emotions = []
    for name in names:
        emotion = s.vocabulary.emotions[name]
        intensity = _required_rating(s, f"({name})")
        region = SKIP
        if len(where) > 1:
            region = s.prompter.choose(messages.ASK_FEELING_REGION.format(name=name), where)
        s.checkin.emotions.append(
            EmotionEntry(
                name=emotion.name,
                family=emotion.family,
                valence=emotion.valence,
                energy=emotion.energy,
                intensity=intensity,
                region=None if region == SKIP else region,
            )
        )


def dialogue(s: Session) -> None:
    sensations = s.checkin.sensations
    for x in sensations:
        x.is_target = False
    if sensations:
        labels = [_label(x) for x in sensations]
        chosen = labels[0] if len(labels) == 1 else s.prompter.choose(messages.ASK_TARGET, labels)
        sensations[labels.index(chosen)].is_target = True
        s.prompter.say(messages.REST_ON_TARGET.format(target=chosen))
    else:
        s.prompter.say(messages.NO_TARGET)
    ask_prompts(s, "dialogue")


def release(s: Session) -> None:
    by_text = {text: key for key, text in content.PRACTICES.items()}
    practice = by_text[s.prompter.choose(messages.ASK_PRACTICE, list(by_text))]
    s.checkin.practice = practice
    if practice == "breath":
        s.checkin.practice_seconds = s.prompter.breathe(s.settings.breath)
    elif practice != "none":
        started = time.monotonic()
        place = s.checkin.target.region if s.checkin.target else messages.PRACTICE_PLACE_DEFAULT
        guide = messages.PRACTICE_GUIDES.get(practice, content.PRACTICES[practice])
        s.prompter.say(guide.format(place=place))
        while not s.prompter.confirm(messages.ASK_DONE_PRACTISING, default=True):
            pass  # "not yet": the practice goes on
        s.checkin.practice_seconds = int(round(time.monotonic() - started))
    target = s.checkin.target
    if target is not None:
        target.intensity_after = s.prompter.rating(
            content.SCALES["intensity"], f"(now: {_label(target)})"
        )
    s.checkin.distress_after = s.prompter.rating(content.SCALES["distress"], "(now)")
    offer_support_if_distressed(s, s.checkin.distress_after)


def integrate(s: Session) -> None:
    ask_prompts(s, "integrate")
    s.prompter.say(content.GROUNDING_CUE)
    s.checkin.closing_mood = s.prompter.rating(content.SCALES["closing_mood"])
    ask_tags(s)


def quick(s: Session) -> None:
    """Quick mode: ratings, up to three sensations and emotions, one note."""
    ask_ratings(s)
    body_scan(s, limit=content.QUICK_MAX_SENSATIONS)
    limit = content.QUICK_MAX_EMOTIONS
    groups = {f: [e.name for e in s.vocabulary.emotions_in(f)] for f in s.vocabulary.families}
    while (
        len(names := s.prompter.choose_grouped(messages.ASK_FEELINGS_QUICK, groups, limit)) > limit
    ):
        s.prompter.say(messages.PICK_AT_MOST.format(limit=limit))
    _rate_emotions(s, names, quick=True)
    note = s.prompter.text(content.QUICK_NOTE.question)
    if note:
        s.checkin.answers[content.QUICK_NOTE.key] = note
    ask_tags(s)


STAGE_STEPS: dict[str, Callable[[Session], None]] = {
    "arrive": arrive,
    "checkin": check_in,
    "body": body_scan,
    "emotions": emotions,
    "dialogue": dialogue,
    "release": release,
    "integrate": integrate,
}


def ask_prompts(s: Session, stage_key: str) -> None:
    for prompt in s.settings.stage(stage_key).prompts:
        answer = s.prompter.text(prompt.question)
        if answer:
            s.checkin.answers[prompt.key] = answer


def ask_tags(s: Session) -> None:
    """Tags to find the entry again: the user's own, picked, plus new ones."""
    picked: list[str] = []
    if s.settings.known_tags:
        picked = s.prompter.choose_many(
            messages.TAGS_PICK, s.settings.known_tags, default=s.checkin.tags
        )
    typed = s.prompter.text(messages.TAGS_NEW)
    kept = [t for t in s.checkin.tags if t not in s.settings.known_tags]
    s.checkin.tags = list(dict.fromkeys([*kept, *picked, *split_tags(typed)]))


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def offer_support_if_distressed(s: Session, distress: int | None) -> None:
    """High distress: a grounding offer and a gentle note, once per check-in.
    It never blocks going on or saving."""
    if distress is None or distress < content.HIGH_DISTRESS or s.support_offered:
        return
    s.support_offered = True
    s.prompter.say(messages.HIGH_DISTRESS_NOTE)
    if s.prompter.confirm(messages.ASK_GROUNDING, default=True):
        s.prompter.say(content.GROUNDING_CUE)
        s.prompter.breathe(s.settings.arrival_breath)


def _pick_up_to(s: Session, question: str, choices: list[str], limit: int | None) -> list[str]:
    while True:
        picked = s.prompter.choose_many(question, choices, limit)
        if limit is None or len(picked) <= limit:
            return picked
        s.prompter.say(messages.PICK_AT_MOST.format(limit=limit))


def _required_rating(s: Session, subject: str) -> int:
    """Intensity is what makes a noted sensation or feeling comparable: asked
    until given."""
    while (
        value := s.prompter.rating(content.SCALES["intensity"], subject, optional=False)
    ) is None:
        pass
    return value


def _label(sensation: Sensation) -> str:
    side = f"{sensation.side} " if sensation.side and sensation.side != "both" else ""
    return f"{side}{sensation.region} ({sensation.quality})"
