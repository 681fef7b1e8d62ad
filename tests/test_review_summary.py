"""The review's figures on small journals whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from serjournal.review import summary
from serjournal.review.periods import Period, iso_week
from serjournal.store.streaks import streaks
from tests.journal_builder import add

WEEK = iso_week(date(2026, 11, 18))  # Mon 16 - Sun 22 Nov 2026
BEFORE = "2026-11-10"  # in the week before


def test_ratings_average_and_change_against_the_previous_week(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", mood=4, energy=6, distress=7)
    add(db, "2026-11-17", mood=6, energy=None, distress=5)
    add(db, "2026-11-22", mood=8, energy=2, distress=0)
    add(db, BEFORE, mood=5, energy=5, distress=2)
    add(db, "2026-11-15", mood=5, energy=7, distress=4)  # Sunday before: previous week
    add(db, "2026-11-23", mood=0, energy=0, distress=10)  # Monday after: in neither
    ratings = {r.scale: r for r in summary.ratings(db.conn, WEEK)}
    mood, energy, distress = ratings["mood"], ratings["energy"], ratings["distress"]
    assert (mood.average, mood.count, mood.previous_average) == (6.0, 3, 5.0)
    assert mood.change == pytest.approx(1.0)
    assert (energy.average, energy.count) == (4.0, 2)  # (6 + 2) / 2; the blank is not a 0
    assert energy.change == pytest.approx(4.0 - 6.0)
    assert distress.average == pytest.approx(4.0) and distress.previous_average == 3.0
    assert distress.change == pytest.approx(1.0)


def test_no_change_without_a_previous_period(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-18", mood=7)
    mood = summary.ratings(db.conn, WEEK)[0]
    assert (mood.average, mood.previous_average, mood.previous_count) == (7.0, None, 0)
    assert mood.change is None


def test_series_has_every_day_and_averages_two_checkins(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", hour=8, mood=4, distress=6)
    add(db, "2026-11-16", hour=21, mood=7, distress=2)
    add(db, "2026-11-19", mood=9, distress=1)
    points = summary.series(db.conn, WEEK)
    assert [p.start for p in points] == [d.isoformat() for d in WEEK.dates()]
    assert (points[0].checkins, points[0].mood, points[0].distress) == (2, 5.5, 4.0)
    assert (points[1].checkins, points[1].mood) == (0, None)
    assert points[3].mood == 9.0


def test_long_periods_are_grouped_into_equal_buckets(db) -> None:  # type: ignore[no-untyped-def]
    period = Period(date(2026, 9, 1), date(2026, 11, 1), "range")  # 62 days
    add(db, "2026-09-01", mood=2)
    add(db, "2026-09-02", mood=6)  # same two-day bucket as 1 Sep
    add(db, "2026-11-01", mood=9)  # the last bucket holds one day
    points = summary.series(db.conn, period)
    assert len(points) == 31 and all(p.days == 2 for p in points)
    assert (points[0].checkins, points[0].mood) == (2, 4.0)
    assert points[-1].start == "2026-10-31" and points[-1].mood == 9.0


def test_body_map_ranks_by_frequency_then_strength(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", sensations=[("shoulders", "tight", 6), ("chest", "warm", 2)])
    add(db, "2026-11-17", sensations=[("shoulders", "tense", 4), ("chest", "tight", 8)])
    add(db, "2026-11-18", sensations=[("shoulders", "tight", 2), ("belly", "knotted", 9)])
    add(db, BEFORE, sensations=[("chest", "tight", 5), ("chest", "heavy", 5)])
    body = summary.body_map(db.conn, WEEK)
    assert [r.region for r in body] == ["shoulders", "chest", "belly"]
    shoulders, chest, belly = body
    assert (shoulders.times, shoulders.mean_intensity) == (3, pytest.approx(4.0))
    assert shoulders.dominant_quality == "tight"  # twice, against tense once
    assert chest.mean_intensity == pytest.approx(5.0)
    assert chest.dominant_quality == "tight"  # a tie (1 each): the stronger wins
    assert (chest.previous_times, shoulders.previous_times) == (2, 0)
    assert belly.times == 1


def test_emotions_by_family_quadrant_and_name(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", emotions=[("anxious", 6, "chest"), ("content", 4, "chest")])
    add(db, "2026-11-17", emotions=[("anxious", 4, "belly"), ("lonely", 5, "throat")])
    add(db, "2026-11-18", emotions=[("anxious", 8, "chest"), ("worried", 2)])
    add(db, BEFORE, emotions=[("peaceful", 7), ("anxious", 3)])
    families = {t.key: t for t in summary.emotion_families(db.conn, WEEK)}
    assert (families["fear"].count, families["fear"].previous_count) == (4, 1)
    assert families["fear"].mean_intensity == pytest.approx((6 + 4 + 8 + 2) / 4)
    assert (families["calm"].count, families["calm"].previous_count) == (0, 1)
    assert list(families)[0] == "fear"
    quadrants = {t.key: t.count for t in summary.emotion_quadrants(db.conn, WEEK)}
    # Each word's own quadrant (issue 11): content is pleasant and low energy.
    assert quadrants == {
        "pleasant/high": 0,
        "pleasant/low": 1,
        "unpleasant/high": 4,
        "unpleasant/low": 1,
    }
    top = summary.top_emotions(db.conn, WEEK)
    assert top[0].name == "anxious" and top[0].count == 3
    assert top[0].mean_intensity == pytest.approx(6.0)
    assert top[0].regions == ["chest", "belly"]  # chest twice, belly once
    worried = next(e for e in top if e.name == "worried")
    assert worried.regions == []


def test_release_effect_per_practice_with_its_counts(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", distress=6, distress_after=2, practice="breath",
        sensations=[("chest", "tight", 6, 3, True), ("neck", "tense", 5)])  # fmt: skip
    add(db, "2026-11-17", distress=4, distress_after=3, practice="breath",
        sensations=[("belly", "knotted", 5, 4, True)])  # fmt: skip
    add(db, "2026-11-18", distress=5, distress_after=None, practice="breath",
        sensations=[("throat", "tight", 7, 7, True)])  # fmt: skip
    add(db, "2026-11-19", distress=7, distress_after=6, practice="movement")
    add(db, "2026-11-20", distress=7, distress_after=7, practice="none")
    add(db, BEFORE, distress=8, distress_after=4, practice="breath")
    effects = {e.practice: e for e in summary.release_effects(db.conn, WEEK)}
    assert set(effects) == {"breath", "movement"}  # 'none' is no practice
    breath = effects["breath"]
    assert breath.checkins == 3
    assert (breath.target_drop, breath.target_n) == (pytest.approx((3 + 1 + 0) / 3), 3)
    assert (breath.distress_drop, breath.distress_n) == (pytest.approx((4 + 1) / 2), 2)
    assert (breath.previous_distress_drop, breath.previous_distress_n) == (4.0, 1)
    movement = effects["movement"]
    assert (movement.target_drop, movement.target_n, movement.distress_drop) == (None, 0, 1.0)


def runs(db, as_of: date) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    found = streaks(db, as_of)
    return found.current, found.longest


def test_streak_runs_across_a_week_boundary(db) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):  # an older run of three
        add(db, day)
    for day in ("2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24"):  # Sat to Tue
        add(db, day)
    assert runs(db, date(2026, 11, 24)) == (4, 4)
    # Wednesday without a check-in yet: the run still counts up to yesterday.
    assert runs(db, date(2026, 11, 25)) == (4, 4)
    assert runs(db, date(2026, 11, 26)) == (0, 4)
    # Looking back from the end of week 47 (Sunday 22): the run so far is two days.
    assert runs(db, date(2026, 11, 22)) == (2, 3)


def test_streak_counts_local_days_across_a_time_zone_change(db) -> None:  # type: ignore[no-untyped-def]
    # 23:00 in New York on the 20th is already the 21st in UTC; the next
    # check-in, in Tokyo at 08:00 on the 21st, is still the 20th in UTC.
    add(db, "2026-11-20", hour=23, offset_minutes=-300)
    add(db, "2026-11-21", hour=8, offset_minutes=540)
    add(db, "2026-11-22", hour=1, offset_minutes=540)  # the 21st in UTC
    utc_days = {row[0][:10] for row in db.execute("SELECT created_utc FROM checkins").fetchall()}
    assert utc_days == {"2026-11-20", "2026-11-21"}  # by UTC it would be two days
    assert runs(db, date(2026, 11, 22)) == (3, 3)
    counts = summary.consistency(db.conn, WEEK, date(2026, 11, 22))
    assert (counts.checkins, counts.days_with_checkins) == (3, 3)


def test_consistency_counts_and_calendar(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", hour=8)
    add(db, "2026-11-16", hour=20)
    add(db, "2026-11-18")
    add(db, BEFORE)
    add(db, "2026-10-26")  # the Monday three weeks before: first calendar day
    c = summary.consistency(db.conn, WEEK, date(2026, 11, 22))
    assert (c.checkins, c.previous_checkins, c.days_with_checkins) == (3, 1, 2)
    assert c.calendar_start == "2026-10-26" and len(c.calendar) == 28
    assert c.calendar[0] == 1 and c.calendar[21] == 2 and c.calendar[23] == 1
    assert sum(c.calendar) == 5
    assert (c.current_streak, c.longest_streak) == (0, 1)


def test_takeaways_in_order_without_blanks(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-18", hour=20, takeaway="Second")
    add(db, "2026-11-18", hour=7, takeaway="First")
    add(db, "2026-11-19", takeaway="   ")
    add(db, BEFORE, takeaway="Not this week")
    items, total = summary.takeaways(db.conn, WEEK)
    assert [t.text for t in items] == ["First", "Second"] and total == 2
    items, total = summary.takeaways(db.conn, WEEK, limit=1)
    assert len(items) == 1 and total == 2


def test_empty_journal_summary(db) -> None:  # type: ignore[no-untyped-def]
    assert not summary.has_checkins(db.conn)
    result = summary.build_summary(db.conn, WEEK, date(2026, 11, 25))
    assert result.is_empty
    assert result.rating("mood").average is None
    assert [t.count for t in result.quadrants] == [0, 0, 0, 0]
    assert result.body == [] and result.patterns == [] and result.takeaways == []


def test_as_of_is_today_while_the_period_runs(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-24")
    result = summary.build_summary(db.conn, iso_week(date(2026, 11, 24)), date(2026, 11, 25))
    assert result.as_of == "2026-11-25" and result.ongoing
    past = summary.build_summary(db.conn, WEEK, date(2026, 11, 25))
    assert past.as_of == "2026-11-22" and not past.ongoing
    assert result.consistency.current_streak == 1


def test_tags_counted_here_and_in_the_week_before(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", tags=["work", "sleep"])
    add(db, "2026-11-18", tags=["work"])
    add(db, "2026-11-22", tags=["family"])
    add(db, BEFORE, tags=["work", "walk"])  # the week before: counts only as before
    add(db, "2026-11-23", tags=["sleep"])  # the Monday after: in neither
    counted = [(t.tag, t.count, t.previous_count) for t in summary.tags(db.conn, WEEK)]
    # Most used first, then by name; 'walk' appears only before, so it is not listed.
    assert counted == [("work", 2, 1), ("family", 1, 0), ("sleep", 1, 0)]


# --- Issue 12: sides and emotions per region, the period before, the year ------------------


def test_body_map_keeps_sides_and_the_emotions_felt_in_each_region(db) -> None:  # type: ignore[no-untyped-def]
    add(
        db,
        "2026-11-16",
        sensations=[("shoulders/left", "tight", 6), ("chest", "warm", 2)],
        emotions=[("anxious", 5, "chest"), ("tender", 3, "chest"), ("lonely", 4, "throat")],
    )
    add(
        db,
        "2026-11-17",
        sensations=[("shoulders/left", "tense", 4), ("shoulders/right", "tight", 2)],
        emotions=[("anxious", 6, "chest"), ("worried", 2, "chest"), ("curious", 2, "chest")],
    )
    add(db, "2026-11-18", sensations=[("shoulders/both", "tight", 3), ("shoulders", "heavy", 1)])
    body = {r.region: r for r in summary.body_map(db.conn, WEEK)}
    shoulders = body["shoulders"]
    assert (shoulders.times, shoulders.mean_intensity) == (5, pytest.approx(16 / 5))
    sides = {s.side: (s.times, s.mean_intensity) for s in shoulders.sides}
    assert sides == {"left": (2, 5.0), "right": (1, 2.0), "both": (1, 3.0)}  # one had no side
    assert [s.side for s in shoulders.sides] == ["left", "right", "both"]
    assert shoulders.load == pytest.approx(16)
    # anxious twice, then the others once each by name: at most three are kept.
    assert body["chest"].emotions == ["anxious", "curious", "tender"]
    assert shoulders.emotions == []  # an emotion placed where no sensation was is not added


def test_previous_counts_say_what_the_period_before_holds(db) -> None:  # type: ignore[no-untyped-def]
    add(db, "2026-11-16", sensations=[("chest", "tight", 5)], emotions=[("anxious", 4)])
    empty = summary.previous_counts(db.conn, WEEK)
    assert (empty.checkins, empty.sensations, empty.emotions, empty.tags) == (0, 0, 0, 0)
    add(db, BEFORE, sensations=[("chest", "tight", 5), ("neck", "tense", 2)], tags=["work"])
    add(db, "2026-11-15", emotions=[("content", 3)])
    counts = summary.previous_counts(db.conn, WEEK)
    assert (counts.checkins, counts.sensations, counts.emotions, counts.tags) == (2, 2, 1, 1)


def test_year_view_has_every_day_and_a_monthly_series(db) -> None:  # type: ignore[no-untyped-def]
    year = Period(date(2024, 1, 1), date(2024, 12, 31), "year")
    add(db, "2024-02-29", mood=2, distress=8)
    add(db, "2024-02-29", hour=20, mood=4, distress=6)
    add(db, "2024-12-31", mood=9, energy=7)
    add(db, "2025-01-01", mood=0)  # the next year: in neither
    days = summary.year_view(db.conn, year)
    assert len(days) == 366 and days[0].day == "2024-01-01" and days[-1].day == "2024-12-31"
    leap = days[59]
    assert (leap.day, leap.checkins, leap.mood, leap.distress) == ("2024-02-29", 2, 3.0, 7.0)
    assert (days[0].checkins, days[0].mood) == (0, None)
    points = summary.series(db.conn, year)
    assert [p.start[5:7] for p in points] == [f"{m:02d}" for m in range(1, 13)]
    assert [p.days for p in points][:3] == [31, 29, 31]
    assert (points[1].checkins, points[1].mood) == (2, 3.0)
    assert points[11].mood == 9.0
    built = summary.build_summary(db.conn, year, date(2026, 11, 25))
    assert built.year_view is not None and len(built.year_view) == 366
    assert summary.build_summary(db.conn, WEEK, date(2026, 11, 25)).year_view is None
