"""Which days a review covers, and the period just before it to compare with.

Everything is in the user's local calendar: a check-in counts on its stored
local_date, so a week stays the same week after travelling across zones.
A week, a span of days or a range is compared with the period of the same
length just before it; a calendar month with the month before, a calendar
year with the year before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from serjournal import messages
from serjournal.errors import InputError

# Beyond this a "period" is the whole history; 100 years of days is plenty.
MAX_DAYS = 36_600
_WEEK = re.compile(r"^(?P<year>\d{4})-?w(?P<week>\d{1,2})$")
_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$")
_YEAR = re.compile(r"^(?P<year>\d{4})$")
_THIS = ("this", "current")
_LAST = ("last", "previous")


@dataclass(frozen=True)
class Period:
    """Days from start to end, both included."""

    start: date
    end: date
    kind: str  # "week", "month", "year", "days" or "range"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period to compare with: the calendar month or year before a
        month or a year; otherwise the same number of days, ending the day
        before this period starts."""
        end = self.start - timedelta(days=1)
        if self.kind == "month":
            return month_of(end)
        if self.kind == "year":
            return year_of(end)
        return Period(end - timedelta(days=self.days - 1), end, self.kind)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    @property
    def span(self) -> str:
        """'Mon 16 Nov - Sun 22 Nov 2026' (the first year too when they differ)."""
        first = "%a %d %b" if self.start.year == self.end.year else "%a %d %b %Y"
        return f"{self.start.strftime(first)} - {self.end:%a %d %b %Y}"

    @property
    def name(self) -> str:
        """What the period is called: 'week 47, 2026', 'November 2026', '2026',
        or its span for days and ranges."""
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"week {week}, {year}"
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "year":
            return str(self.start.year)
        return self.span

    @property
    def label(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"Week {week} of {year}: {self.span}"
        if self.kind in ("month", "year"):
            return f"{self.name}: {self.span}"
        return self.span


def iso_week(day: date) -> Period:
    """The Monday-to-Sunday ISO week that holds `day`."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6), "week")


def month_of(day: date) -> Period:
    """The calendar month that holds `day`."""
    first = day.replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    return Period(first, following - timedelta(days=1), "month")


def year_of(day: date) -> Period:
    """The calendar year that holds `day`."""
    return Period(date(day.year, 1, 1), date(day.year, 12, 31), "year")


def _year_in_range(year: int, text: str) -> None:
    """Weeks, months and years far from now are typos (9999-W52), and the
    date arithmetic around them would overflow."""
    from serjournal.timeutil import EARLIEST_YEAR, LATEST_YEAR

    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InputError(
            messages.PERIOD_YEAR_OUT_OF_RANGE.format(
                text=text.strip(), first=EARLIEST_YEAR, last=LATEST_YEAR
            )
        )


def parse_week(text: str, today: date) -> Period:
    """'2026-W47', '2026W47', 'last' (the week before this one) or 'this'."""
    cleaned = text.strip().lower()
    if cleaned in _THIS:
        return iso_week(today)
    if cleaned in _LAST:
        return iso_week(today - timedelta(days=7))
    match = _WEEK.match(cleaned)
    if not match:
        raise InputError(messages.BAD_WEEK.format(text=text))
    _year_in_range(int(match["year"]), text)
    try:
        monday = date.fromisocalendar(int(match["year"]), int(match["week"]), 1)
    except ValueError:  # week 0, week 54, or week 53 of a 52-week year
        raise InputError(messages.BAD_WEEK.format(text=text)) from None
    return iso_week(monday)


def parse_month(text: str | None, today: date) -> Period:
    """'2026-11', 'last' (the month before this one), or this month (None, 'this')."""
    cleaned = (text or "this").strip().lower()
    if cleaned in _THIS:
        return month_of(today)
    if cleaned in _LAST:
        return month_of(today.replace(day=1) - timedelta(days=1))
    match = _MONTH.match(cleaned)
    if not match or not 1 <= int(match["month"]) <= 12:
        raise InputError(messages.BAD_MONTH.format(text=text))
    _year_in_range(int(match["year"]), cleaned)
    return month_of(date(int(match["year"]), int(match["month"]), 1))


def parse_year(text: str | None, today: date) -> Period:
    """'2026', 'last' (the year before this one), or this year (None, 'this')."""
    cleaned = (text or "this").strip().lower()
    if cleaned in _THIS:
        return year_of(today)
    if cleaned in _LAST:
        return year_of(date(today.year - 1, 1, 1))
    match = _YEAR.match(cleaned)
    if not match:
        raise InputError(messages.BAD_YEAR.format(text=text))
    _year_in_range(int(match["year"]), cleaned)
    return year_of(date(int(match["year"]), 1, 1))


def parse_days(value: int | str) -> int:
    """The N of --last N: a whole number of days from 1 to MAX_DAYS."""
    text = str(value).strip()
    # isascii: str.isdigit() also accepts '²' and other digits int() refuses.
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_DAYS:
        raise InputError(messages.BAD_LAST.format(value=value, limit=MAX_DAYS))
    return int(text)


def resolve_period(
    now: datetime,
    *,
    week: str | None = None,
    month: str | None = None,
    year: str | None = None,
    last: int | str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Period:
    """The period the options describe; the current ISO week when none is given.
    `month` and `year` are None when not asked for, '' (or 'this') for the
    current one. `now` is the user's aware local time: 'this week' and
    '2 weeks ago' hang on it."""
    from serjournal.timeutil import parse_day

    today = now.date()
    chosen = [
        week is not None,
        month is not None,
        year is not None,
        last is not None,
        since is not None or until is not None,
    ]
    if sum(chosen) > 1:
        raise InputError(messages.PERIOD_CONFLICT)
    if week is not None:
        period = parse_week(week, today)
    elif month is not None:
        period = parse_month(month or None, today)
    elif year is not None:
        period = parse_year(year or None, today)
    elif last is not None:
        days = parse_days(last)
        period = Period(today - timedelta(days=days - 1), today, "days")
    elif since is not None or until is not None:
        end = parse_day(until, now) if until is not None else today
        start = parse_day(since, now) if since is not None else end - timedelta(days=6)
        if start > end:
            raise InputError(messages.SINCE_AFTER_UNTIL.format(since=start, until=end))
        if (end - start).days + 1 > MAX_DAYS:
            raise InputError(
                messages.PERIOD_TOO_LONG.format(days=(end - start).days + 1, limit=MAX_DAYS)
            )
        period = Period(start, end, "range")
    else:
        period = iso_week(today)
    if period.start > today:
        raise InputError(messages.PERIOD_IN_FUTURE.format(start=period.start))
    return period
