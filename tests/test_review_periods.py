from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from serjournal.errors import InputError
from serjournal.review.periods import Period, iso_week, parse_week, resolve_period

# A Wednesday, at noon, in a fixed zone: every relative period hangs on it.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()


def test_iso_week_runs_monday_to_sunday() -> None:
    week = iso_week(date(2026, 11, 25))
    assert (week.start, week.end, week.days) == (date(2026, 11, 23), date(2026, 11, 29), 7)
    assert iso_week(date(2026, 11, 29)) == week  # Sunday belongs to the same week
    assert iso_week(date(2026, 11, 30)).start == date(2026, 11, 30)


@pytest.mark.parametrize("text", ["2026-W47", "2026w47", " 2026-w47 ", "2026W47"])
def test_parse_iso_week(text: str) -> None:
    week = parse_week(text, TODAY)
    assert (week.start, week.end) == (date(2026, 11, 16), date(2026, 11, 22))
    assert week.label.startswith("Week 47 of 2026")


def test_last_and_this_week_are_relative_to_today() -> None:
    assert parse_week("last", TODAY).start == date(2026, 11, 16)
    assert parse_week("this", TODAY).start == date(2026, 11, 23)


def test_week_53_exists_only_in_long_years() -> None:
    assert parse_week("2026-W53", TODAY).start == date(2026, 12, 28)  # 2026 has 53 weeks
    with pytest.raises(InputError, match="2025-W53"):
        parse_week("2025-W53", TODAY)


@pytest.mark.parametrize("text", ["2026-W00", "2026-W54", "W47", "47", "next", "2026-47", ""])
def test_bad_week_is_one_clear_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_week(text, TODAY)
    assert "\n" not in str(caught.value) and "2026-W47" in str(caught.value)


def test_previous_period_has_equal_length_and_ends_the_day_before() -> None:
    week = iso_week(date(2026, 11, 25))
    assert week.previous() == Period(date(2026, 11, 16), date(2026, 11, 22), "week")
    span = Period(date(2026, 3, 1), date(2026, 3, 10), "range")  # 10 days
    before = span.previous()
    assert (before.start, before.end, before.days) == (date(2026, 2, 19), date(2026, 2, 28), 10)


def test_default_is_the_current_week() -> None:
    assert resolve_period(NOW) == iso_week(TODAY)


def test_last_n_days_ends_today() -> None:
    period = resolve_period(NOW, last=10)
    assert (period.start, period.end, period.days) == (date(2026, 11, 16), TODAY, 10)
    assert resolve_period(NOW, last=1).days == 1
    assert resolve_period(NOW, last=" 14 ").days == 14  # as typed on the command line


@pytest.mark.parametrize("last", [0, -3, 10**6, "abc", "", "-2", "1e3"])
def test_last_out_of_range_is_refused(last: int | str) -> None:
    with pytest.raises(InputError, match="--last"):
        resolve_period(NOW, last=last)


def test_since_until_accepts_dates_and_relative_words() -> None:
    period = resolve_period(NOW, since="2026-11-01", until="2026-11-07")
    assert (period.start, period.end, period.days) == (date(2026, 11, 1), date(2026, 11, 7), 7)
    relative = resolve_period(NOW, since="2 weeks ago")
    assert (relative.start, relative.end) == (date(2026, 11, 11), TODAY)
    until_only = resolve_period(NOW, until="2026-11-10")
    assert (until_only.start, until_only.end) == (date(2026, 11, 4), date(2026, 11, 10))


def test_since_after_until_is_refused() -> None:
    with pytest.raises(InputError, match="after --until"):
        resolve_period(NOW, since="2026-11-10", until="2026-11-01")


def test_unreadable_day_is_refused() -> None:
    with pytest.raises(InputError, match="Could not read the time 'someday'"):
        resolve_period(NOW, since="someday")


def test_two_ways_of_giving_a_period_are_refused() -> None:
    with pytest.raises(InputError, match="Choose one way"):
        resolve_period(NOW, week="last", last=7)
    with pytest.raises(InputError, match="Choose one way"):
        resolve_period(NOW, last=7, since="2026-11-01")


def test_a_period_that_has_not_begun_is_refused() -> None:
    with pytest.raises(InputError, match="has not begun"):
        resolve_period(NOW, week="2026-W50")


def test_a_period_longer_than_a_century_is_refused() -> None:
    # Dates inside the years parse_moment accepts (1900-2999), a day too far apart.
    resolve_period(NOW, since="1900-01-02", until="2000-03-17")  # exactly 36600 days: fine
    with pytest.raises(InputError, match="at most 36600 days"):
        resolve_period(NOW, since="1900-01-01", until="2000-03-17")
    with pytest.raises(InputError, match="at most 36600 days"):
        resolve_period(NOW, since="1900-01-01")


def test_span_names_both_years_when_they_differ() -> None:
    week = iso_week(date(2026, 1, 1))
    assert week.span == "Mon 29 Dec 2025 - Sun 04 Jan 2026"
    assert iso_week(date(2026, 11, 18)).span == "Mon 16 Nov - Sun 22 Nov 2026"


# --- Months and years (issue 12) -------------------------------------------------------


def test_month_and_year_periods_and_what_they_are_compared_with() -> None:
    november = resolve_period(NOW, month="2026-11")
    assert (november.start, november.end, november.kind) == (
        date(2026, 11, 1),
        date(2026, 11, 30),
        "month",
    )
    assert november.previous() == Period(date(2026, 10, 1), date(2026, 10, 31), "month")
    march = resolve_period(NOW, month="2024-03")  # 31 days, against a leap February of 29
    assert (march.previous().start, march.previous().end) == (date(2024, 2, 1), date(2024, 2, 29))
    assert resolve_period(NOW, month="2026-01").previous().start == date(2025, 12, 1)
    year = resolve_period(NOW, year="2025")
    assert (year.start, year.end, year.days) == (date(2025, 1, 1), date(2025, 12, 31), 365)
    assert year.previous() == Period(date(2024, 1, 1), date(2024, 12, 31), "year")
    assert year.previous().days == 366
    assert (november.name, year.name) == ("November 2026", "2025")
    assert november.label == "November 2026: Sun 01 Nov - Mon 30 Nov 2026"


def test_month_and_year_default_to_the_current_one_and_know_last() -> None:
    assert resolve_period(NOW, month="").start == date(2026, 11, 1)
    assert resolve_period(NOW, month="last").start == date(2026, 10, 1)
    assert resolve_period(NOW, year="").start == date(2026, 1, 1)
    assert resolve_period(NOW, year="last").start == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"month": "2026-13"}, "Could not read the month '2026-13'"),
        ({"month": "november"}, "Could not read the month"),
        ({"year": "26"}, "Could not read the year '26'"),
        ({"month": "2027-01"}, "has not begun"),
        ({"year": "2027"}, "has not begun"),
        ({"year": "1899"}, "Reviews cover the years 1900 to 2999"),
        ({"month": "0001-01"}, "Reviews cover the years 1900 to 2999"),
        ({"week": "9999-W52"}, "Reviews cover the years 1900 to 2999; '9999-W52'"),
        ({"week": "0001-W01"}, "Reviews cover the years"),
        ({"month": "2026-11", "week": "last"}, "Choose one way"),
        ({"year": "", "last": 7}, "Choose one way"),
    ],
)
def test_bad_months_and_years_are_one_clear_line(kwargs: dict[str, str], fragment: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_period(NOW, **kwargs)  # type: ignore[arg-type]
    assert fragment in str(caught.value) and "\n" not in str(caught.value)
