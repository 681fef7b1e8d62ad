"""Reading the times people type: "yesterday 21:00", "2 weeks ago", ISO 8601.

Everything returns aware datetimes in the user's local zone (or the zone the
text names), because a check-in remembers its local day and UTC offset.

The local zone is the IANA zone the system names ($TZ, else /etc/localtime),
with its full history of daylight-saving changes (zoneinfo), so a time typed
for any date gets the offset in force on that date. A clock time is turned
into a moment by one function, on_local_clock, with the standard rules:
- a time that does not exist (the hour skipped when clocks go forward) moves
  forward by the length of the gap: 02:30 on a spring-forward night in New
  York is 03:30;
- a time that exists twice (the hour repeated when clocks go back) is the
  first of the two;
- the local date is always the day that was typed.
"N minutes/hours ago" is elapsed time on the real timeline; "N days/weeks/
months/years ago" is the same clock time that many calendar days back (a
month is 30 days, a year 365), so it lands on the day the user means.
"""

from __future__ import annotations

import os
import re
import time as _time
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from serjournal import messages
from serjournal.errors import InputError

_RELATIVE = re.compile(r"^(?P<count>\d{1,4})\s*(?P<unit>minute|hour|day|week|month|year)s?\s+ago$")
_DAY_WORDS = {"today": 0, "yesterday": 1}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# Typed times outside these years are typos; near year 1 or 9999 the date
# arithmetic that follows (time zones, week starts) would overflow. A stored
# check-in must fall inside them too, or it could not be edited later.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999


# --- The local zone ------------------------------------------------------------------


def local_zone() -> tzinfo:
    """The user's time zone, with its daylight-saving rules."""
    return _zone_named_by(os.environ.get("TZ"))


@lru_cache(maxsize=8)
def _zone_named_by(tz_variable: str | None) -> tzinfo:
    """An IANA zone from $TZ (a name such as Europe/Berlin, or a file) or from
    /etc/localtime; the C library's own rules when there is none (a POSIX
    rule such as TZ="CET-1CEST,M3.5.0,M10.5.0/3", or Windows)."""
    from zoneinfo import ZoneInfo

    try:
        if tz_variable is None:
            with open("/etc/localtime", "rb") as handle:
                return ZoneInfo.from_file(handle, key="localtime")
        name = tz_variable.removeprefix(":")
        if not name:
            return UTC  # what the C library makes of TZ=""
        if os.path.isabs(name):
            with open(name, "rb") as handle:
                return ZoneInfo.from_file(handle, key=name)
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):  # not an IANA name or file: a POSIX rule
        return SystemZone()


class SystemZone(tzinfo):
    """Local time as the C library computes it, for systems that name no IANA
    zone. Follows PEP 495 like zoneinfo: around a change of offset, fold=0
    takes the offset in force before it and fold=1 the one after."""

    def utcoffset(self, moment: datetime | None) -> timedelta:
        if moment is None:
            return _offset_at(_time.time())
        stamp = _as_utc_stamp(moment)
        before, after = _offset_at(stamp - 86400), _offset_at(stamp + 86400)
        valid = [o for o in dict.fromkeys((before, after)) if _offset_at(stamp - _s(o)) == o]
        if len(valid) == 1:
            return valid[0]
        # Both (the repeated hour) or neither (the skipped hour): fold decides.
        return after if moment.fold else before

    def dst(self, moment: datetime | None) -> timedelta | None:
        return None

    def tzname(self, moment: datetime | None) -> str | None:
        if moment is None:
            stamp = _time.time()
        else:
            stamp = _as_utc_stamp(moment) - _s(self.utcoffset(moment))
        try:
            return _time.localtime(stamp).tm_zone
        except (OverflowError, OSError, ValueError):
            return None

    def fromutc(self, moment: datetime) -> datetime:
        offset = _offset_at(_as_utc_stamp(moment))
        local = moment + offset
        if local.replace(fold=0).utcoffset() != offset:
            local = local.replace(fold=1)  # the second time this clock time came round
        return local

    def __repr__(self) -> str:
        return "SystemZone()"


_EPOCH = datetime(1970, 1, 1)


def _as_utc_stamp(moment: datetime) -> float:
    """The wall-clock fields of `moment` read as if they were UTC, in seconds."""
    return (moment.replace(tzinfo=None) - _EPOCH).total_seconds()


def _s(offset: timedelta) -> float:
    return offset.total_seconds()


def _offset_at(stamp: float) -> timedelta:
    try:
        return timedelta(seconds=_time.localtime(stamp).tm_gmtoff)
    except (OverflowError, OSError, ValueError):  # beyond what the platform can say
        return timedelta(seconds=-_time.timezone)


def local_now() -> datetime:
    return datetime.now(local_zone()).replace(microsecond=0)


def on_local_clock(day: date, clock: time, zone: tzinfo | None = None) -> datetime:
    """The moment a clock in `zone` (the user's by default) showed `clock` on
    `day`, by the rules in this module's docstring. ValueError for a day the
    zone's calendar skipped altogether (Samoa's 30 December 2011) or a year
    outside EARLIEST_YEAR..LATEST_YEAR."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(f"year {day.year} is out of range")
    zone = zone or local_zone()
    wall = datetime.combine(day, clock.replace(tzinfo=None, fold=0), tzinfo=zone)
    moment = wall.astimezone(UTC).astimezone(zone)  # a skipped time moves forward
    if moment.date() == day:
        return moment
    # Moving forward left the day (a gap across midnight): go back instead.
    moment = wall.replace(fold=1).astimezone(UTC).astimezone(zone)
    if moment.date() == day:
        return moment
    raise ValueError(f"{day} does not exist on the local calendar")


# --- Reading what people type -----------------------------------------------------------


def parse_moment(text: str, now: datetime | None = None) -> datetime:
    """A point in time: "now", "yesterday 21:00", "today 7:30", "21:00",
    "3 days ago", "2026-11-20", "2026-11-20 21:00" or full ISO with offset.
    `now` (aware) fixes the present and its zone; by default the system's."""
    try:
        moment = _parse_moment(text, now)
        if EARLIEST_YEAR <= moment.astimezone(UTC).year <= LATEST_YEAR:
            return moment
    except (OverflowError, ValueError):  # e.g. "9999 years ago"
        pass
    raise InputError(messages.BAD_TIME.format(text=text))


def _parse_moment(text: str, now: datetime | None) -> datetime:
    zone = (now.tzinfo if now is not None else None) or local_zone()
    now = now or local_now()
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise InputError(messages.BAD_TIME.format(text=text))
    if cleaned in ("now", "today"):
        return now
    words = cleaned.split(" ")
    if words[0] in _DAY_WORDS and len(words) <= 2:
        day = now.date() - timedelta(days=_DAY_WORDS[words[0]])
        clock = _parse_clock(words[1], text) if len(words) == 2 else now.time()
        return on_local_clock(day, clock, zone)
    if len(words) == 1 and ":" in cleaned and "-" not in cleaned:
        return on_local_clock(now.date(), _parse_clock(cleaned, text), zone)
    match = _RELATIVE.match(cleaned)
    if match:
        count, unit = int(match["count"]), match["unit"]
        if unit in ("minute", "hour"):  # elapsed time, whatever the clocks did meanwhile
            elapsed = timedelta(**{unit + "s": count})
            return (now.astimezone(UTC) - elapsed).astimezone(zone)
        day = now.date() - timedelta(days=count * _UNIT_DAYS[unit])
        return on_local_clock(day, now.time(), zone)
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(messages.BAD_TIME.format(text=text)) from None
    if moment.tzinfo is None:  # naive means the user's local time
        moment = on_local_clock(moment.date(), moment.time(), zone)
    return moment.replace(microsecond=0)


def parse_day(text: str, now: datetime | None = None) -> date:
    """A calendar day, in any form parse_moment understands. A date typed as
    YYYY-MM-DD is that day, whatever the clocks did on it."""
    cleaned = text.strip()
    if _ISO_DAY.fullmatch(cleaned):
        try:
            day = date.fromisoformat(cleaned)
        except ValueError:
            day = None
        if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise InputError(messages.BAD_TIME.format(text=text))
        return day
    return parse_moment(text, now).date()


def _parse_clock(text: str, original: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(messages.BAD_TIME.format(text=original))
    return time(int(match[1]), int(match[2]))
