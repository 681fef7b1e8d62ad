"""One line after saving, from the user's own history, with its numbers:
"chest, pressure: 3rd time in the last 7 days; after breath practice it
eased by 2.0 on average (n=5)." Only with enough data, never a diagnosis.
Reads through store/habits.py; the render layer only prints what it gets.
"""

from __future__ import annotations

from datetime import date

from serjournal import messages
from serjournal.models import CheckIn
from serjournal.store.reading import Readable

CONTEXT_MIN_TIMES = 3  # check-ins in the last 7 days with the same place and quality
CONTEXT_MIN_N = 3  # check-ins behind a practice's average
CONTEXT_MIN_DROP = 0.5  # an average easing smaller than this is not worth a line

ORDINAL_ENDINGS = {1: "st", 2: "nd", 3: "rd"}


def context_line(db: Readable, checkin: CheckIn) -> str | None:
    """At most one line from the user's own history about what was just saved,
    with its numbers: 'chest, pressure: 3rd time in the last 7 days; after
    breath practice it eased by 2.0 on average (n=5).' None without enough data."""
    from serjournal.store import habits

    day = date.fromisoformat(checkin.local_date)
    place = checkin.target or max(checkin.sensations, key=lambda s: s.intensity, default=None)
    if place is not None:
        facts = []
        times = habits.times_noticed(db, place.region, place.quality, day)
        if times >= CONTEXT_MIN_TIMES:
            facts.append(messages.CONTEXT_TIMES.format(ordinal=ordinal(times)))
        effects = [
            e
            for e in habits.practice_effects(db, place.region, day)
            if e.n >= CONTEXT_MIN_N and e.mean_drop >= CONTEXT_MIN_DROP
        ]
        if effects:
            best = effects[0]
            facts.append(
                messages.CONTEXT_EASED.format(practice=best.practice, drop=best.mean_drop, n=best.n)
            )
        if facts:
            subject = f"{place.region}, {place.quality}"
            return messages.CONTEXT_LINE.format(subject=subject, facts="; ".join(facts))
    strongest = max(checkin.emotions, key=lambda e: e.intensity, default=None)
    if strongest is not None:
        times = habits.times_felt(db, strongest.name, day)
        if times >= CONTEXT_MIN_TIMES:
            facts_text = messages.CONTEXT_TIMES.format(ordinal=ordinal(times))
            return messages.CONTEXT_LINE.format(subject=strongest.name, facts=facts_text)
    return None


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ORDINAL_ENDINGS.get(number % 10, 'th')}"
