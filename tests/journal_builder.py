"""Small hand-built journals for review tests: one call per check-in."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from serjournal import content
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.writes import save_checkin

EMOTIONS = {e.name: e for e in content.EMOTIONS}


def add(
    db: Database,
    day: date | str,
    *,
    hour: int = 9,
    offset_minutes: int = 0,
    mood: int | None = 5,
    energy: int | None = 5,
    distress: int | None = 3,
    sensations: list[tuple[Any, ...]] = (),  # type: ignore[assignment]
    emotions: list[tuple[Any, ...]] = (),  # type: ignore[assignment]
    practice: str | None = None,
    distress_after: int | None = None,
    takeaway: str | None = None,
    tags: list[str] = (),  # type: ignore[assignment]
    answers: dict[str, str] | None = None,
) -> CheckIn:
    """A check-in at `hour` local time on `day`, in the zone `offset_minutes`.
    sensations: (region[/side], quality, intensity[, after, is_target]);
    emotions: (name, intensity[, region])."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    zone = timezone(timedelta(minutes=offset_minutes))
    checkin = CheckIn(mood=mood, energy=energy, distress=distress, tags=list(tags))
    checkin.set_time(datetime(day.year, day.month, day.day, hour, tzinfo=zone))
    for spec in sensations:
        place, quality, intensity, *rest = spec
        region, _, side = place.partition("/")
        after = rest[0] if rest else None
        target = rest[1] if len(rest) > 1 else False
        checkin.sensations.append(
            Sensation(
                region, quality, intensity, side or None, intensity_after=after, is_target=target
            )
        )
    for spec in emotions:
        name, intensity, *rest = spec
        e = EMOTIONS[name]
        checkin.emotions.append(
            EmotionEntry(name, e.family, e.valence, e.energy, intensity, rest[0] if rest else None)
        )
    checkin.practice = practice
    checkin.distress_after = distress_after
    checkin.answers.update(answers or {})
    if takeaway is not None:
        checkin.answers["takeaway"] = takeaway
    save_checkin(db, checkin)
    return checkin
