"""Reading the times people type: "yesterday 21:00", "2 weeks ago", ISO 8601.

Everything returns aware datetimes in the user's local zone (or the zone the
text names), because a check-in remembers its local day and UTC offset.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from serjournal import messages
from serjournal.errors import InputError

_RELATIVE = re.compile(r"^(?P<count>\d{1,4})\s*(?P<unit>minute|hour|day|week|month|year)s?\s+ago$")
_DAY_WORDS = {"today": 0, "yesterday": 1}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def local_now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


# Typed times outside these years are typos; near year 1 or 9999 the date
# arithmetic that follows (time zones, week starts) would overflow.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


def parse_moment(text: str, now: datetime | None = None) -> datetime:
    """A point in time: "now", "yesterday 21:00", "today 7:30", "21:00",
    "3 days ago", "2026-11-20", "2026-11-20 21:00" or full ISO with offset."""
    try:
        moment = _parse_moment(text, now)
        if EARLIEST_YEAR <= moment.astimezone(UTC).year <= LATEST_YEAR:
            return moment
    except (OverflowError, ValueError):  # e.g. "9999 years ago"
        pass
    raise InputError(messages.BAD_TIME.format(text=text))


def _parse_moment(text: str, now: datetime | None) -> datetime:
    zone = now.tzinfo if now else None  # None: the system's zone, DST-aware
    now = now or local_now()
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise InputError(messages.BAD_TIME.format(text=text))
    if cleaned == "now":
        return now
    words = cleaned.split(" ")
    if words[0] in _DAY_WORDS and len(words) <= 2:
        day = now.date() - timedelta(days=_DAY_WORDS[words[0]])
        clock = _parse_clock(words[1], text) if len(words) == 2 else now.time()
        return _at(day, clock, zone)
    if len(words) == 1 and ":" in cleaned and "-" not in cleaned:
        return _at(now.date(), _parse_clock(cleaned, text), zone)
    match = _RELATIVE.match(cleaned)
    if match:
        count, unit = int(match["count"]), match["unit"]
        if unit in ("minute", "hour"):
            return now - timedelta(**{unit + "s": count})
        return now - timedelta(days=count * _UNIT_DAYS[unit])
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(messages.BAD_TIME.format(text=text)) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # naive means the user's local time
    return moment.replace(microsecond=0)


def parse_day(text: str, now: datetime | None = None) -> date:
    """A calendar day, in any form parse_moment understands."""
    return parse_moment(text, now).date()


def _parse_clock(text: str, original: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(messages.BAD_TIME.format(text=original))
    return time(int(match[1]), int(match[2]))


def _at(day: date, clock: time, zone: tzinfo | None) -> datetime:
    naive = datetime.combine(day, clock.replace(microsecond=0, tzinfo=None))
    # astimezone() on a naive time gives that day's own offset across DST changes.
    return naive.replace(tzinfo=zone) if zone else naive.astimezone()
