"""Invented but believable check-ins, for `serjournal demo`, tests and benchmarks.

The generator is deterministic for a seed: the same seed, start and length
always give the same check-ins (ids included). Its people have a rhythm that
the review can find: harder Mondays, tense shoulders on hard days, emotions
felt in the places people commonly report them, and practices that help a
little, by different amounts.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from serjournal import content
from serjournal.models import CheckIn, EmotionEntry, Sensation

if TYPE_CHECKING:
    from sqlite_utils import Database

SECOND_CHECKIN_CHANCE = 0.35
SKIP_DAY_CHANCE = 0.06
QUICK_CHANCE = 0.3
CHUNK_CHECKINS = 2000  # check-ins per transaction when filling a journal

# Monday is 0. Added to the day's strain: Mondays are harder, weekends lighter.
WEEKDAY_STRAIN = (1.4, 0.6, 0.2, 0.3, -0.3, -1.0, -0.6)

# Where tension gathers on hard days, and where a calmer body notices things.
HARD_DAY_REGIONS = ("shoulders", "neck", "face and jaw", "chest", "belly", "upper back")
TENSION_QUALITIES = ("tight", "tense", "knotted", "pressure", "aching")
CALM_QUALITIES = ("warm", "soft", "open", "light", "tingling", "heavy", "cool", "buzzing")

# The everyday words the demo feels: each family's first few (its most common),
# so that words recur often enough for the review to find patterns.
DEMO_WORDS_PER_FAMILY = 4
DEMO_EMOTIONS = tuple(
    e
    for family in content.FAMILIES
    for e in [w for w in content.EMOTIONS if w.family == family][:DEMO_WORDS_PER_FAMILY]
)

# (practice, chance, typical drop in target intensity, typical drop in distress)
PRACTICES = (
    ("breath", 0.45, 2.5, 2.2),
    ("hand", 0.25, 1.8, 1.4),
    ("movement", 0.2, 2.0, 1.0),
    ("none", 0.1, 0.2, 0.2),
)

FOCUS_TEXTS = (
    "a long day of meetings",
    "the conversation I keep putting off",
    "sleep was short",
    "a slow morning, no plans",
    "deadline on Thursday",
    "seeing an old friend tonight",
    "my back after the run",
    "being kinder to myself today",
    "the news this morning",
    "nothing in particular",
)
TAKEAWAYS = (
    "Pause before answering.",
    "My shoulders rise when I rush; let them drop.",
    "A short walk helps more than another coffee.",
    "It is fine to say no.",
    "Breathe out longer than in.",
    "Notice the jaw at the desk.",
    "One thing at a time.",
    "Ask for help earlier.",
    "Rest is part of the work.",
    "The feeling passed faster than I expected.",
)
SPEAK_TEXTS = ("slow down", "I am carrying too much", "let me rest", "I am still here")
NEED_TEXTS = ("space", "warmth", "a longer exhale", "to be noticed", "movement")
IMAGE_TEXTS = ("a tight knot of rope", "grey fog", "a warm orange light", "a small stone")
SHIFT_TEXTS = ("a bit softer", "warmer in the chest", "not much, and that is fine", "lighter")
TAGS = ("work", "family", "sleep", "walk", "friends")
NOTES = ("ok day", "tired but fine", "busy", "felt good after lunch", "restless evening")


def generate_checkins(
    start: date, days: int, seed: int = 0, utc_offset_minutes: int = 60
) -> Iterator[CheckIn]:
    """Check-ins for `days` days from `start`: one or two most days, each with
    three sensations and three emotions, in time order."""
    rng = random.Random(seed)
    zone = timezone(timedelta(minutes=utc_offset_minutes))
    drift = 0.0
    for offset in range(days):
        day = start + timedelta(days=offset)
        drift = 0.8 * drift + rng.gauss(0, 0.8)  # slow ups and downs, days to weeks
        if rng.random() < SKIP_DAY_CHANCE:
            continue
        strain = WEEKDAY_STRAIN[day.weekday()] + drift
        moments = [(7, 0, 150)]  # morning: from 07:00 within 150 minutes
        if rng.random() < SECOND_CHECKIN_CHANCE:
            moments.append((20, 0, 150))
        for hour, minute, spread in moments:
            local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            local += timedelta(minutes=rng.randrange(spread))
            yield _checkin(rng, local, strain + rng.gauss(0, 1.0))


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _checkin(rng: random.Random, local: datetime, strain: float) -> CheckIn:
    quick = rng.random() < QUICK_CHANCE
    distress = _clamp(3 + 1.5 * strain)
    mood = _clamp(6.5 - 1.1 * strain + rng.gauss(0, 0.8))
    energy = _clamp(5.5 - 0.6 * strain + rng.gauss(0, 1.3))
    checkin = CheckIn(
        id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        created_utc=local.astimezone(UTC),
        local_date=local.date().isoformat(),
        utc_offset_minutes=int((local.utcoffset() or timedelta(0)).total_seconds() // 60),
        mode="quick" if quick else "full",
        duration_seconds=rng.randrange(40, 70) if quick else rng.randrange(300, 900),
        mood=mood,
        energy=energy,
        distress=distress,
        sensations=_sensations(rng, distress),
        emotions=_emotions(rng, distress),
    )
    # Tags come from their own generator, seeded by the id, so adding them did
    # not change the rest of any seed's journal.
    tag_rng = random.Random(checkin.id)
    checkin.tags = tag_rng.sample(TAGS, tag_rng.choice((0, 1, 1, 2)))
    if quick:
        checkin.answers = {"note": rng.choice(NOTES)}
        return checkin
    checkin.settledness = _clamp(7 - strain + rng.gauss(0, 1))
    _release(rng, checkin)
    checkin.closing_mood = _clamp(mood + rng.choice((0, 0, 1, 1, 2)))
    checkin.answers = {"focus": rng.choice(FOCUS_TEXTS)}
    if rng.random() < 0.6:
        checkin.answers["speak"] = rng.choice(SPEAK_TEXTS)
        checkin.answers["need"] = rng.choice(NEED_TEXTS)
    if rng.random() < 0.3:
        checkin.answers["image"] = rng.choice(IMAGE_TEXTS)
    checkin.answers["shift"] = rng.choice(SHIFT_TEXTS)
    if rng.random() < 0.8:
        checkin.answers["takeaway"] = rng.choice(TAKEAWAYS)
    return checkin


def _sensations(rng: random.Random, distress: int) -> list[Sensation]:
    hard = distress >= 6
    pool = list(HARD_DAY_REGIONS) if hard else list(content.REGIONS)
    regions = rng.sample(pool, 3)
    if hard and rng.random() < 0.7 and "shoulders" not in regions:
        regions[0] = "shoulders"  # the pattern a review can notice
    found = []
    for region in regions:
        tense = hard or rng.random() < 0.35
        quality = rng.choice(TENSION_QUALITIES if tense else CALM_QUALITIES)
        intensity = _clamp((distress + 2 if tense else 3) + rng.gauss(0, 1.5))
        side = rng.choice(content.SIDES) if region in content.BILATERAL_REGIONS else None
        found.append(Sensation(region, quality, intensity, side=side))
    found.sort(key=lambda s: -s.intensity)
    return found


def _emotions(rng: random.Random, distress: int) -> list[EmotionEntry]:
    chosen: dict[str, content.Emotion] = {}
    while len(chosen) < 3:
        unpleasant = rng.random() < 0.15 + distress / 12
        options = [e for e in DEMO_EMOTIONS if (e.valence == "unpleasant") == unpleasant]
        emotion = rng.choice(options)
        chosen.setdefault(emotion.name, emotion)
    entries = []
    for emotion in chosen.values():
        # Mostly where it is commonly felt (the published maps, after Nummenmaa
        # et al. 2014), sometimes anywhere.
        places = emotion.felt_in[:3] or content.REGIONS
        region = rng.choice(places) if rng.random() < 0.8 else rng.choice(content.REGIONS)
        intensity = _clamp(
            (distress if emotion.valence == "unpleasant" else 10 - distress) * 0.7
            + rng.gauss(1.5, 1.5)
        )
        entries.append(
            EmotionEntry(
                emotion.name, emotion.family, emotion.valence, emotion.energy, intensity, region
            )
        )
    return entries


def _release(rng: random.Random, checkin: CheckIn) -> None:
    roll, cumulative = rng.random(), 0.0
    chosen = PRACTICES[-1]
    for option in PRACTICES:
        cumulative += option[1]
        if roll < cumulative:
            chosen = option
            break
    practice, _, target_drop, distress_drop = chosen
    checkin.practice = practice
    checkin.practice_seconds = 0 if practice == "none" else rng.choice((60, 90, 120, 180, 300))
    target = checkin.sensations[0]
    target.is_target = True
    target.intensity_after = _clamp(target.intensity - max(0.0, rng.gauss(target_drop, 1.0)))
    assert checkin.distress is not None
    checkin.distress_after = _clamp(checkin.distress - max(0.0, rng.gauss(distress_drop, 1.0)))


# --- Writing many at once ---------------------------------------------------------------


def fill_journal(
    db: Database,
    *,
    years: int = 0,
    weeks: int = 0,
    end: date | None = None,
    seed: int = 0,
    utc_offset_minutes: int = 60,
) -> int:
    """Fill `db` with `years` years plus `weeks` weeks of check-ins ending on
    `end` (default today). Returns how many check-ins were written."""
    end = end or date.today()
    days = years * 365 + years // 4 + weeks * 7
    start = end - timedelta(days=days - 1)
    from serjournal.store.writes import bulk_insert

    return bulk_insert(db, generate_checkins(start, days, seed, utc_offset_minutes), CHUNK_CHECKINS)
