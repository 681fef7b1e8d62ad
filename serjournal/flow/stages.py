"""The seven stages of the guided check-in, and quick mode.

Each stage is a small function that asks through a Prompter and fills in
the CheckIn. The texts come from content.py; nothing here is worded.

Every question starts from what the check-in already holds (regions checked,
qualities, intensities, where felt, texts), so when a stage is asked again
(resuming a draft, editing a saved entry) pressing Enter keeps each answer.
Answers given in a stage that the check-in cannot hold yet (a place picked
before its quality) are replayed as defaults by the runner (runner.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

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
_T = TypeVar("_T")


def arrive(s: Session) -> None:
    if s.prompter.confirm(messages.ASK_ARRIVAL_BREATHS, default=False):
        s.prompter.breathe(s.settings.arrival_breath)
    s.checkin.settledness = s.prompter.rating(
        content.SCALES["settledness"], default=s.checkin.settledness
    )


def check_in(s: Session) -> None:
    ask_ratings(s)
    ask_prompts(s, "checkin")


def ask_ratings(s: Session) -> None:
    for name in ("mood", "energy", "distress"):
        rating = s.prompter.rating(content.SCALES[name], default=getattr(s.checkin, name))
        setattr(s.checkin, name, rating)
    offer_support_if_distressed(s, s.checkin.distress)


def body_scan(s: Session, limit: int | None = None) -> None:
    question = messages.ASK_REGIONS_QUICK if limit else messages.ASK_REGIONS
    before = {x.region: x for x in s.checkin.sensations}
    choices = list(dict.fromkeys([*s.vocabulary.regions, *before]))  # words since removed too
    regions = _pick_up_to(s, question, choices, limit, default=list(before))
    # Places picked keep what they held until each is asked again, so a draft
    # written part way through the scan loses nothing.
    s.checkin.sensations = [before[r] for r in regions if r in before]
    for region in regions:
        old = before.get(region)
        side = old.side if old else None
        # Quick mode leaves out the side: it has to stay under a minute.
        if region in content.BILATERAL_REGIONS and not limit:
            picked = s.prompter.choose(
                messages.ASK_SIDE.format(region=region),
                [*content.SIDES, SKIP],
                default=(side or SKIP) if old else None,
            )
            side = None if picked == SKIP else picked
        qualities = list(dict.fromkeys([*s.vocabulary.qualities, *([old.quality] if old else [])]))
        quality = s.prompter.choose(
            messages.ASK_QUALITY.format(region=region),
            qualities,
            default=old.quality if old else None,
        )
        intensity = _required_rating(s, f"({region}, {quality})", old.intensity if old else None)
        sensation = Sensation(region=region, side=side, quality=quality, intensity=intensity)
        if old is not None:  # what the release stage recorded stays with the place
            sensation.intensity_after, sensation.is_target = old.intensity_after, old.is_target
        _put(s.checkin.sensations, sensation, regions, lambda x: x.region)


def emotions(s: Session) -> None:
    groups = _emotion_groups(s)
    hints = {family: ", ".join(names) for family, names in groups.items()}
    before = [e.name for e in s.checkin.emotions]
    families = s.prompter.choose_many(
        messages.ASK_FAMILIES,
        list(groups),
        hints=hints,
        default=[f for f, names in groups.items() if set(names) & set(before)],
    )
    names: list[str] = []
    for family in families:
        names += s.prompter.choose_many(
            messages.ASK_FEELING_WORDS.format(family=family),
            groups[family],
            default=[n for n in groups[family] if n in before],
        )
    rate_emotions(s, names)
    ask_prompts(s, "emotions")


def _emotion_groups(s: Session) -> dict[str, list[str]]:
    """Feeling words by family: the vocabulary's, plus any the check-in already
    holds that the vocabulary no longer has (a word since removed from the config)."""
    groups = {f: [e.name for e in s.vocabulary.emotions_in(f)] for f in s.vocabulary.families}
    for e in s.checkin.emotions:
        if e.name not in groups.get(e.family, []):
            groups.setdefault(e.family, []).append(e.name)
    return groups


def rate_emotions(s: Session, names: list[str], quick: bool = False) -> None:
    """Intensity and body region of each feeling. The regions just scanned come
    first; quick mode offers only those (and does not ask when there are none)."""
    scanned = list(dict.fromkeys(x.region for x in s.checkin.sensations))
    before = {e.name: e for e in s.checkin.emotions}
    s.checkin.emotions = [before[n] for n in names if n in before]
    for name in names:
        old = before.get(name)
        coordinates = old or s.vocabulary.emotions[name]
        intensity = _required_rating(s, f"({name})", old.intensity if old else None)
        region = SKIP
        felt = [old.region] if old and old.region else []
        choices = scanned if quick else [*scanned, *s.vocabulary.regions]
        where = [*dict.fromkeys([*choices, *felt]), SKIP]
        if len(where) > 1:
            region = s.prompter.choose(
                messages.ASK_FEELING_REGION.format(name=name),
                where,
                default=(old.region or SKIP) if old else None,
            )
        entry = EmotionEntry(
            name=name,
            family=coordinates.family,
            valence=coordinates.valence,
            energy=coordinates.energy,
            intensity=intensity,
            region=None if region == SKIP else region,
        )
        _put(s.checkin.emotions, entry, names, lambda e: e.name)


def dialogue(s: Session) -> None:
    sensations = s.checkin.sensations
    before = s.checkin.target
    if sensations:
        labels = [_label(x) for x in sensations]
        chosen = (
            labels[0]
            if len(labels) == 1
            else s.prompter.choose(
                messages.ASK_TARGET, labels, default=_label(before) if before else None
            )
        )
        for x in sensations:
            x.is_target = False
        sensations[labels.index(chosen)].is_target = True
        s.prompter.say(messages.REST_ON_TARGET.format(target=chosen))
    else:
        s.prompter.say(messages.NO_TARGET)
    ask_prompts(s, "dialogue")


def release(s: Session) -> None:
    by_text = {text: key for key, text in content.PRACTICES.items()}
    earlier = content.PRACTICES.get(s.checkin.practice or "")
    practice = by_text[s.prompter.choose(messages.ASK_PRACTICE, list(by_text), default=earlier)]
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
            content.SCALES["intensity"],
            f"(now: {_label(target)})",
            default=target.intensity_after,
        )
    s.checkin.distress_after = s.prompter.rating(
        content.SCALES["distress"], "(now)", default=s.checkin.distress_after
    )
    offer_support_if_distressed(s, s.checkin.distress_after)


def integrate(s: Session) -> None:
    ask_prompts(s, "integrate")
    s.prompter.say(content.GROUNDING_CUE)
    s.checkin.closing_mood = s.prompter.rating(
        content.SCALES["closing_mood"], default=s.checkin.closing_mood
    )
    ask_tags(s)


def quick(s: Session) -> None:
    """Quick mode: ratings, up to three sensations and emotions, one note."""
    ask_ratings(s)
    body_scan(s, limit=content.QUICK_MAX_SENSATIONS)
    limit = content.QUICK_MAX_EMOTIONS
    groups = _emotion_groups(s)
    before = [e.name for e in s.checkin.emotions]
    while (
        len(
            names := s.prompter.choose_grouped(
                messages.ASK_FEELINGS_QUICK, groups, limit, default=before
            )
        )
        > limit
    ):
        s.prompter.say(messages.PICK_AT_MOST.format(limit=limit))
    rate_emotions(s, names, quick=True)
    _ask_text(s, content.QUICK_NOTE)
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
        _ask_text(s, prompt)


def _ask_text(s: Session, prompt: content.Prompt) -> None:
    """A free-text answer, starting from the one already given; emptied, it goes."""
    answer = s.prompter.text(prompt.question, default=s.checkin.answers.get(prompt.key, ""))
    if answer:
        s.checkin.answers[prompt.key] = answer
    else:
        s.checkin.answers.pop(prompt.key, None)


def ask_tags(s: Session) -> None:
    """Tags to find the entry again: the user's own, picked, plus new ones."""
    known = s.settings.known_tags
    picked: list[str] = []
    if known:
        picked = s.prompter.choose_many(
            messages.TAGS_PICK, known, default=[t for t in s.checkin.tags if t in known]
        )
    others = [t for t in s.checkin.tags if t not in known]
    typed = s.prompter.text(messages.TAGS_NEW, default=", ".join(others))
    s.checkin.tags = list(dict.fromkeys([*picked, *split_tags(typed)]))


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


def _pick_up_to(
    s: Session,
    question: str,
    choices: list[str],
    limit: int | None,
    default: list[str] | None = None,
) -> list[str]:
    while True:
        picked = s.prompter.choose_many(question, choices, limit, default=default)
        if limit is None or len(picked) <= limit:
            return picked
        s.prompter.say(messages.PICK_AT_MOST.format(limit=limit))


def _required_rating(s: Session, subject: str, default: int | None = None) -> int:
    """Intensity is what makes a noted sensation or feeling comparable: asked
    until given."""
    while (
        value := s.prompter.rating(
            content.SCALES["intensity"], subject, optional=False, default=default
        )
    ) is None:
        pass
    return value


def _put(items: list[_T], item: _T, order: list[str], key: Callable[[_T], str]) -> None:
    """Replace the entry with `item`'s key, or add it, keeping `order`."""
    kept = [x for x in items if key(x) != key(item)] + [item]
    items[:] = sorted(kept, key=lambda x: order.index(key(x)))


def _label(sensation: Sensation) -> str:
    side = f"{sensation.side} " if sensation.side and sensation.side != "both" else ""
    return f"{side}{sensation.region} ({sensation.quality})"
