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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from serjournal import content, messages, support
from serjournal.flow.prompter import SKIP, Choices, Prompter
from serjournal.flow.settings import FlowSettings
from serjournal.flow.widgets import Find, find_words
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.textsafe import one_line
from serjournal.vocabulary import Vocabulary


@dataclass
class Session:
    """Everything a stage needs, passed as one thing."""

    prompter: Prompter
    checkin: CheckIn
    vocabulary: Vocabulary
    settings: FlowSettings = field(default_factory=FlowSettings)
    support_offered: bool = False
    # Steps the user chose to leave out along the way (dialogue and release).
    skipped: set[str] = field(default_factory=set)


FREQUENT_SHOWN = 6  # at most this many of the user's own words come first
_T = TypeVar("_T")


# --- 1 and 2: arrive, check in ---------------------------------------------------------


def arrive(s: Session) -> None:
    if s.prompter.confirm(messages.ASK_ARRIVAL_BREATHS, default=False):
        s.prompter.breathe(s.settings.arrival_breath)
    s.checkin.settledness = s.prompter.rating(
        content.SCALES["settledness"], default=s.checkin.settledness
    )
    ask_followup(s)


def ask_followup(s: Session) -> None:
    """Yesterday's intention or takeaway, and, optionally, how it went."""
    carried = s.settings.carried
    if carried is None:
        return
    if carried.focus:
        s.prompter.say(messages.CARRIED_FOCUS.format(text=one_line(carried.focus)))
    if carried.takeaway:
        s.prompter.say(messages.CARRIED_TAKEAWAY.format(text=one_line(carried.takeaway)))
    _ask_text(s, content.FOLLOWUP)


def check_in(s: Session) -> None:
    ask_ratings(s)
    ask_prompts(s, "checkin")


def ask_ratings(s: Session) -> None:
    for name in ("mood", "energy", "distress"):
        rating = s.prompter.rating(content.SCALES[name], default=getattr(s.checkin, name))
        setattr(s.checkin, name, rating)
    offer_support_if_distressed(s, s.checkin.distress)


def ask_ratings_in_one_line(s: Session) -> None:
    """Quick mode: mood, energy and distress typed as three numbers at once."""
    names = ("mood", "energy", "distress")
    before = [getattr(s.checkin, name) for name in names]
    values = s.prompter.ratings(
        [content.SCALES[name] for name in names],
        default=before if any(v is not None for v in before) else None,
    )
    for name, value in zip(names, values, strict=True):
        setattr(s.checkin, name, value)
    offer_support_if_distressed(s, s.checkin.distress)


# --- 3 and 4: body scan, sensations and emotions ------------------------------------------


def body_scan(s: Session, limit: int | None = None) -> None:
    question = messages.ASK_REGIONS_QUICK if limit else messages.ASK_REGIONS
    before = {x.region: x for x in s.checkin.sensations}
    usual = list(dict.fromkeys([*s.vocabulary.regions, *before]))  # words since removed too
    default = list(before)
    last = s.settings.last_time
    if not before and last is not None:
        default = [r for r in last.regions if r in usual][: limit or None]
        if default:  # one key (Enter) to note the same places again
            s.prompter.say(messages.SAME_PLACES.format(day=last.day, regions=", ".join(default)))
    picked = _pick_up_to(
        s, question, by_use(usual, s.settings.frequent.regions), limit, default=default
    )
    regions = kept_then_usual(picked, list(before), usual)
    # Places picked keep what they held until each is asked again, so a draft
    # written part way through the scan loses nothing.
    s.checkin.sensations = [before[r] for r in regions if r in before]
    for region in regions:
        old = before.get(region)
        side = old.side if old else None
        # Quick mode leaves out the side: it has to stay under a minute.
        if region in content.BILATERAL_REGIONS and not limit:
            picked_side = s.prompter.choose(
                messages.ASK_SIDE.format(region=region),
                [*content.SIDES, SKIP],
                default=(side or SKIP) if old else None,
            )
            side = None if picked_side == SKIP else picked_side
        qualities = list(dict.fromkeys([*s.vocabulary.qualities, *([old.quality] if old else [])]))
        # Enter keeps what it was like: in this check-in, else last time.
        was = old.quality if old else last.qualities.get(region) if last else None
        quality = s.prompter.choose(
            messages.ASK_QUALITY.format(region=region),
            by_use(qualities, s.settings.frequent.qualities),
            default=was if was in qualities else None,
        )
        intensity = _required_rating(s, f"({region}, {quality})", old.intensity if old else None)
        sensation = Sensation(region=region, side=side, quality=quality, intensity=intensity)
        if old is not None:  # what the release stage recorded stays with the place
            sensation.intensity_after, sensation.is_target = old.intensity_after, old.is_target
        _put(s.checkin.sensations, sensation, regions, lambda x: x.region)


def kept_then_usual(picked: list[str], kept: list[str], usual: list[str]) -> list[str]:
    """The order to ask about `picked`: those already on the entry in the
    order they have (so an edit of Enter after Enter changes nothing), then
    the new ones in the usual order (places from head to feet)."""
    old = [name for name in kept if name in picked]
    new = sorted((name for name in picked if name not in kept), key=usual.index)
    return [*old, *new]


def emotions(s: Session) -> None:
    _pick_emotions(s, None)
    ask_prompts(s, "emotions")


def _pick_emotions(s: Session, limit: int | None) -> None:
    """One list of feeling words under their families (the user's own first),
    filtered by typing a word or a family; then each one's intensity and place."""
    families = emotion_groups(s)
    usual = [name for names in families.values() for name in names]
    before = [e.name for e in s.checkin.emotions]
    picked = _pick_up_to(
        s,
        messages.ASK_FEELINGS,
        _with_yours_first(families, s.settings.frequent.emotions),
        limit,
        default=before,
        find=find_emotions(s.vocabulary, families),
    )
    rate_emotions(s, kept_then_usual(picked, before, usual), quick=limit is not None)


def find_emotions(vocabulary: Vocabulary, families: dict[str, list[str]]) -> Find:
    """What typing finds in the feelings list: the word an everyday form names
    ('stressed' -> tense, 'pissed off' -> angry), a word ('anx' -> anxious),
    or a family ('tired' -> drained, numb, flat); the vocabulary's own matcher
    first, then words the entry holds that the vocabulary no longer has."""
    family_of = {name: family for family, names in families.items() for name in names}

    def find(typed: str, values: Sequence[str]) -> list[str]:
        if not typed.strip():
            return list(values)  # as listed: the user's own first
        shown = set(values)
        matched = [v for v in vocabulary.match_emotions(typed) if v in shown]
        found = [v for v in find_words(typed, values) if v not in matched]
        by_family = find_words(typed, list(families))
        rest = [v for v in values if family_of.get(v) in by_family and v not in matched]
        return list(dict.fromkeys([*matched, *found, *rest]))

    return find


def emotion_groups(s: Session) -> dict[str, list[str]]:
    """Feeling words by family: the vocabulary's, plus any the check-in already
    holds that the vocabulary no longer has (a word since removed from the config)."""
    groups = {f: [e.name for e in s.vocabulary.emotions_in(f)] for f in s.vocabulary.families}
    for e in s.checkin.emotions:
        if e.name not in groups.get(e.family, []):
            groups.setdefault(e.family, []).append(e.name)
    return groups


def rate_emotions(s: Session, names: list[str], quick: bool = False) -> None:
    """Intensity and body region of each feeling. The regions just scanned come
    first, then the rest in the order the published body maps give for that
    feeling (Vocabulary.regions_for: an order, never a suggestion of what to
    feel); quick mode offers only the scanned ones (and does not ask when
    there are none)."""
    scanned = list(dict.fromkeys(x.region for x in s.checkin.sensations))
    before = {e.name: e for e in s.checkin.emotions}
    s.checkin.emotions = [before[n] for n in names if n in before]
    for name in names:
        old = before.get(name)
        coordinates = old or s.vocabulary.emotions[name]
        intensity = _required_rating(s, f"({name})", old.intensity if old else None)
        region = SKIP
        felt = [old.region] if old and old.region else []
        choices = scanned if quick else [*scanned, *s.vocabulary.regions_for(name)]
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


# --- 5 and 6: dialogue, release -----------------------------------------------------------


def go_deeper(s: Session) -> bool:
    """Before the dialogue: when the body scan found nothing and distress is
    low, dialogue and release are offered in one line (default: leave them
    out) instead of walked through. False: both are left out."""
    calm = s.checkin.distress is not None and s.checkin.distress <= content.LOW_DISTRESS
    if s.checkin.sensations or not calm:
        return True
    if s.prompter.confirm(messages.ASK_DIALOGUE_AND_RELEASE, default=False):
        return True
    s.skipped.update({"dialogue", "release"})
    return False


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
    else:
        s.checkin.practice_seconds = None
    target = s.checkin.target
    if target is not None:  # the re-rating reminds of the earlier value
        target.intensity_after = s.prompter.rating(
            content.SCALES["intensity"],
            messages.RERATE_PLACE.format(place=_plain_label(target), before=target.intensity),
            default=target.intensity_after,
        )
    s.checkin.distress_after = s.prompter.rating(
        content.SCALES["distress"],
        messages.RERATE_NOW.format(before=s.checkin.distress)
        if s.checkin.distress is not None
        else messages.RERATE_NOW_ONLY,
        default=s.checkin.distress_after,
    )


# --- 7: integrate, and quick mode -----------------------------------------------------------


def integrate(s: Session) -> None:
    ask_prompts(s, "integrate")
    s.prompter.say(content.GROUNDING_CUE)
    s.checkin.closing_mood = s.prompter.rating(
        content.SCALES["closing_mood"], default=s.checkin.closing_mood
    )
    ask_tags(s)


def quick(s: Session) -> None:
    """Quick mode: ratings, up to three sensations and emotions, one note."""
    ask_followup(s)
    ask_ratings_in_one_line(s)
    body_scan(s, limit=content.QUICK_MAX_SENSATIONS)
    _pick_emotions(s, content.QUICK_MAX_EMOTIONS)
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
    """Tags to find the entry again, typed in one line; the user's own
    (most used lately first) are shown and complete on Tab."""
    known = list(dict.fromkeys([*by_use_flat(s.settings.known_tags, s.settings.frequent.tags)]))
    if known:
        shown = known[: content.TAGS_SHOWN]
        more = len(known) - len(shown)
        s.prompter.say(
            messages.TAGS_YOURS.format(tags=", ".join(one_line(t) for t in shown))
            + (messages.TAGS_YOURS_MORE.format(count=more) if more else "")
        )
    typed = s.prompter.text(messages.TAGS_NEW, default=", ".join(s.checkin.tags), suggestions=known)
    s.checkin.tags = list(dict.fromkeys(split_tags(typed)))


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def offer_support_if_distressed(s: Session, distress: int | None) -> None:
    """High distress at the start: the support note and a grounding offer,
    once per check-in. It never blocks going on or saving."""
    if not support.high_distress(distress) or s.support_offered:
        return
    s.support_offered = True
    for line in support.note_lines(at_close=False, personal=s.settings.support_line):
        s.prompter.say(line)
    if s.prompter.confirm(messages.ASK_GROUNDING, default=True):
        ground(s)


def support_at_close(s: Session) -> bool:
    """After saving, before the summary: when the closing answers call for it
    (support.reasons_at_close), the note, the user's own line and a grounding
    offer. True when it was shown."""
    if not support.reasons_at_close(s.checkin):
        return False
    for line in support.note_lines(at_close=True, personal=s.settings.support_line):
        s.prompter.say(line)
    if s.prompter.confirm(messages.ASK_GROUNDING_CLOSE, default=True):
        ground(s)
    return True


def ground(s: Session) -> None:
    """Feet on the floor while following a few breaths; then, the bar gone,
    the senses: one thing at a time."""
    s.prompter.breathe(s.settings.arrival_breath, cue=content.GROUNDING_FEET)
    s.prompter.say(content.GROUNDING_SENSES)


def by_use(usual: list[str], counts: dict[str, int]) -> Choices:
    """The user's most chosen words first (under their own heading), then the
    rest in their usual order; the plain list when nothing was chosen lately."""
    yours = _most_used(usual, counts)
    if not yours:
        return usual
    return {
        messages.GROUP_YOURS: yours,
        messages.GROUP_OTHERS: [word for word in usual if word not in yours],
    }


def by_use_flat(usual: list[str], counts: dict[str, int]) -> list[str]:
    yours = _most_used(usual, counts, shown=len(usual))
    return [*yours, *(word for word in usual if word not in yours)]


def _most_used(usual: list[str], counts: dict[str, int], shown: int = FREQUENT_SHOWN) -> list[str]:
    used = [word for word in usual if counts.get(word)]
    return sorted(used, key=lambda word: (-counts[word], usual.index(word)))[:shown]


def _with_yours_first(groups: dict[str, list[str]], counts: dict[str, int]) -> Choices:
    """Family groups, with the user's most chosen words first under their own heading."""
    yours = _most_used([name for names in groups.values() for name in names], counts)
    if not yours:
        return groups
    rest = {family: [n for n in names if n not in yours] for family, names in groups.items()}
    return {messages.GROUP_YOURS: yours, **{f: names for f, names in rest.items() if names}}


def _pick_up_to(
    s: Session,
    question: str,
    choices: Choices,
    limit: int | None,
    default: list[str] | None = None,
    find: Find | None = None,
) -> list[str]:
    while True:
        picked = s.prompter.choose_many(question, choices, limit, default=default, find=find)
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


def _plain_label(sensation: Sensation) -> str:
    """'left shoulders, tense': the place without brackets, for a subject."""
    side = f"{sensation.side} " if sensation.side and sensation.side != "both" else ""
    return f"{side}{sensation.region}, {sensation.quality}"
