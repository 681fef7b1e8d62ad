"""Patterns appear with enough data, carry their numbers, and stay silent below."""

from __future__ import annotations

from datetime import date, timedelta

from serjournal.review import patterns
from serjournal.review.periods import Period, iso_week
from tests.journal_builder import add

WINDOW = Period(date(2026, 9, 1), date(2026, 11, 22), "range")
SPAN = (WINDOW.start.isoformat(), WINDOW.end.isoformat())
FIRST_MONDAY = date(2026, 9, 7)


def days_from(start: date, count: int, step: int = 1) -> list[date]:
    return [start + timedelta(days=i * step) for i in range(count)]


def test_pattern_window_is_at_least_twelve_weeks() -> None:
    week = iso_week(date(2026, 11, 18))
    window = patterns.pattern_window(week, today=date(2026, 11, 30))
    assert window.end == week.end and window.days == 84
    long = Period(date(2026, 1, 1), date(2026, 11, 22), "range")
    assert patterns.pattern_window(long, today=date(2026, 11, 30)) == long


def test_pattern_window_ends_today_not_in_days_to_come() -> None:
    week = iso_week(date(2026, 11, 18))  # Mon 16 - Sun 22 Nov
    window = patterns.pattern_window(week, today=date(2026, 11, 18))  # on the Wednesday
    assert (window.end, window.days) == (date(2026, 11, 18), 84)
    assert window.start == date(2026, 8, 27)


def _hard_and_easy(db, hard: int, hard_with: int, easy: int, easy_with: int) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(days_from(date(2026, 9, 1), hard)):
        region = "shoulders" if i < hard_with else "feet"
        add(db, day, distress=8, sensations=[(region, "tight", 7)])
    for i, day in enumerate(days_from(date(2026, 10, 1), easy)):
        region = "shoulders" if i < easy_with else "chest"
        add(db, day, distress=2, sensations=[(region, "tense", 3)])


def test_tension_on_high_distress_days(db) -> None:  # type: ignore[no-untyped-def]
    _hard_and_easy(db, hard=5, hard_with=4, easy=5, easy_with=1)
    found = patterns.tension_on_hard_days(db.conn, SPAN)
    assert found is not None and found.numbers["region"] == "shoulders"
    assert found.numbers["high_distress_checkins"] == 5
    assert found.numbers["region_on_high_distress"] == 4
    assert (found.numbers["other_checkins"], found.numbers["region_on_other"]) == (5, 1)
    assert "4 (80%)" in found.text and "1 of 5" in found.text and "(20%)" in found.text


def test_tension_pattern_is_silent_below_its_minimum(db) -> None:  # type: ignore[no-untyped-def]
    _hard_and_easy(db, hard=4, hard_with=4, easy=5, easy_with=0)  # only 4 hard check-ins
    assert patterns.tension_on_hard_days(db.conn, SPAN) is None


def test_tension_pattern_is_silent_when_the_region_does_not_stand_out(db) -> None:  # type: ignore[no-untyped-def]
    _hard_and_easy(db, hard=5, hard_with=4, easy=5, easy_with=4)  # 80% on both
    assert patterns.tension_on_hard_days(db.conn, SPAN) is None


def test_hardest_weekday(db) -> None:  # type: ignore[no-untyped-def]
    for monday in days_from(FIRST_MONDAY, 3, step=7):
        add(db, monday, distress=8)
    for wednesday in days_from(FIRST_MONDAY + timedelta(days=2), 6, step=7):
        add(db, wednesday, distress=2)
    found = patterns.hardest_weekday(db.conn, SPAN)
    assert found is not None
    assert found.numbers["weekday"] == "Monday" and found.numbers["checkins"] == 3
    assert found.numbers["mean_distress"] == 8.0 and found.numbers["other_mean_distress"] == 2.0
    assert found.text.startswith("Distress was highest on Mondays: 8.0")


def test_hardest_weekday_needs_enough_ratings(db) -> None:  # type: ignore[no-untyped-def]
    for monday in days_from(FIRST_MONDAY, 2, step=7):  # two Mondays are too few
        add(db, monday, distress=9)
    for wednesday in days_from(FIRST_MONDAY + timedelta(days=2), 6, step=7):
        add(db, wednesday, distress=2)
    assert patterns.hardest_weekday(db.conn, SPAN) is None
    add(db, FIRST_MONDAY + timedelta(weeks=2), distress=2)  # a third: (9 + 9 + 2) / 3
    found = patterns.hardest_weekday(db.conn, SPAN)
    assert found is not None and round(found.numbers["mean_distress"], 2) == 6.67


def test_hardest_weekday_needs_a_clear_gap(db) -> None:  # type: ignore[no-untyped-def]
    for monday, distress in zip(days_from(FIRST_MONDAY, 3, step=7), (5, 5, 4), strict=True):
        add(db, monday, distress=distress)  # 4.67 on Mondays ...
    for wednesday in days_from(FIRST_MONDAY + timedelta(days=2), 6, step=7):
        add(db, wednesday, distress=4)  # ... against 4.0: under one point apart
    assert patterns.hardest_weekday(db.conn, SPAN) is None


def test_practice_that_eases_most(db) -> None:  # type: ignore[no-untyped-def]
    afters = (3, 4, 5, 4, 4)  # drops 3, 2, 1, 2, 2: 2.0 on average
    for day, after in zip(days_from(date(2026, 9, 1), 5), afters, strict=True):
        add(db, day, distress=6, distress_after=after, practice="breath")
    for day in days_from(date(2026, 10, 1), 5):
        add(db, day, distress=5, distress_after=4, practice="hand")  # drops 1
    found = patterns.practice_that_eases_most(db.conn, SPAN)
    assert found is not None and found.numbers["practice"] == "breath"
    assert (found.numbers["mean_distress_drop"], found.numbers["checkins"]) == (2.0, 5)
    hand = {"practice": "hand", "mean_distress_drop": 1.0, "checkins": 5}
    assert found.numbers["others"] == [hand]
    assert "2.0 points on average over 5 check-ins, against hand 1.0 (5)" in found.text


def test_practice_pattern_needs_five_checkins_and_a_real_drop(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 9, 1), 4):
        add(db, day, distress=8, distress_after=2, practice="breath")
    assert patterns.practice_that_eases_most(db.conn, SPAN) is None
    for day in days_from(date(2026, 10, 1), 5):
        add(db, day, distress=5, distress_after=5, practice="hand")  # no drop at all
    assert patterns.practice_that_eases_most(db.conn, SPAN) is None


def test_where_an_emotion_is_felt(db) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(days_from(date(2026, 9, 1), 5)):
        add(db, day, emotions=[("anxious", 5, "chest" if i < 4 else "belly")])
    found = patterns.where_emotion_is_felt(db.conn, SPAN)
    assert found is not None
    assert found.numbers == {"emotion": "anxious", "region": "chest", "times_there": 4,
                             "times_placed": 5}  # fmt: skip
    assert "4 of 5 times (80%)" in found.text


def test_where_an_emotion_is_felt_needs_five_placements(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 9, 1), 4):
        add(db, day, emotions=[("anxious", 5, "chest")])
    assert patterns.where_emotion_is_felt(db.conn, SPAN) is None


def test_a_few_checkins_give_no_patterns_at_all(db) -> None:  # type: ignore[no-untyped-def]
    # Nine strong, consistent check-ins: each pattern alone might speak, but
    # under ten check-ins in the window none does.
    for day in days_from(date(2026, 11, 14), 9):
        add(db, day, distress=9, distress_after=1, practice="breath",
            sensations=[("shoulders", "tight", 8)], emotions=[("anxious", 7, "chest")])  # fmt: skip
    assert patterns.find_patterns(db.conn, WINDOW) == []
    assert patterns.practice_that_eases_most(db.conn, SPAN) is not None


def test_checkins_outside_the_window_are_not_counted(db) -> None:  # type: ignore[no-untyped-def]
    for i, day in enumerate(days_from(date(2026, 6, 1), 5)):  # before the window
        add(db, day, emotions=[("anxious", 5, "chest" if i < 4 else "belly")])
    assert patterns.where_emotion_is_felt(db.conn, SPAN) is None


def test_distress_at_the_threshold_counts_as_high(db) -> None:  # type: ignore[no-untyped-def]
    """'High distress' is distress at or above the threshold: check-ins rated
    exactly at it are the hard ones; one point below, the others."""
    at, below = patterns.HARD_DAY_DISTRESS, patterns.HARD_DAY_DISTRESS - 1
    for i, day in enumerate(days_from(date(2026, 9, 1), 5)):
        add(db, day, distress=at, sensations=[("shoulders" if i < 4 else "feet", "tight", 6)])
    for i, day in enumerate(days_from(date(2026, 10, 1), 5)):
        add(db, day, distress=below, sensations=[("shoulders" if i < 1 else "chest", "tense", 3)])
    found = patterns.tension_on_hard_days(db.conn, SPAN)
    assert found is not None
    assert found.numbers == {
        "region": "shoulders",
        "high_distress_checkins": 5,
        "region_on_high_distress": 4,
        "other_checkins": 5,
        "region_on_other": 1,
    }


def test_a_region_felt_only_on_hard_days_counts_zero_on_the_others(db) -> None:  # type: ignore[no-untyped-def]
    """Exactly the minimum of three hard check-ins is enough, and a region
    never tense on other days shows 0 of them, not 1."""
    for i, day in enumerate(days_from(date(2026, 9, 1), 5)):
        add(db, day, distress=8, sensations=[("throat" if i < 3 else "feet", "knotted", 5)])
    for day in days_from(date(2026, 10, 1), 5):
        add(db, day, distress=2, sensations=[("chest", "tense", 3)])
    found = patterns.tension_on_hard_days(db.conn, SPAN)
    assert found is not None and found.numbers["region"] == "throat"
    assert (found.numbers["region_on_high_distress"], found.numbers["region_on_other"]) == (3, 0)
    assert "3 (60%)" in found.text and "0 of 5" in found.text
