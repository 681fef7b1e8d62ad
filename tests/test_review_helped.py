"""What helped: release per practice and region, tags against mood and distress,
worked out by hand on small journals, silent below their minimum samples."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from serjournal.review import helped
from serjournal.review.periods import Period
from tests.journal_builder import add

WINDOW = Period(date(2026, 9, 1), date(2026, 11, 22), "range")
SPAN = (WINDOW.start.isoformat(), WINDOW.end.isoformat())


def days_from(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def test_practice_eases_a_region_with_its_average_and_n(db) -> None:  # type: ignore[no-untyped-def]
    drops = [(6, 3), (7, 4), (5, 4)]  # breath on the chest: 3, 3, 1 -> 7/3
    for day, (before, after) in zip(days_from(date(2026, 10, 1), 3), drops, strict=True):
        add(db, day, practice="breath", sensations=[("chest", "tight", before, after, True)])
    for day in days_from(date(2026, 10, 10), 3):  # movement on the shoulders: +1 each
        add(db, day, practice="movement", sensations=[("shoulders", "tense", 4, 5, True)])
    for day in days_from(date(2026, 10, 20), 2):  # only two: below the minimum
        add(db, day, practice="hand", sensations=[("belly", "knotted", 8, 2, True)])
    add(db, "2026-10-25", practice="none", sensations=[("chest", "tight", 9, 1, True)])
    add(db, "2026-10-26", practice="breath", sensations=[("chest", "tight", 9, None, True)])
    add(db, "2026-10-27", practice="breath", sensations=[("chest", "tight", 9, 0)])  # no target
    found = helped.practice_regions(db.conn, SPAN)
    assert [(p.practice, p.region, p.n) for p in found] == [
        ("breath", "chest", 3),
        ("movement", "shoulders", 3),
    ]
    assert found[0].drop == pytest.approx(7 / 3)
    assert found[0].text == "Breath eased the chest by 2.3 on average (n=3)."
    assert found[1].drop == pytest.approx(-1.0)
    assert found[1].text == "After movement, the shoulders did not ease on average (+1.0, n=3)."


def test_tags_against_mood_and_distress_per_day(db) -> None:  # type: ignore[no-untyped-def]
    walk_days = days_from(date(2026, 10, 1), 5)
    for day in walk_days:  # walk days: distress 2, mood 7
        add(db, day, distress=2, mood=7, tags=["walk"])
    # A second check-in on the first walk day, untagged: the day is still a walk
    # day, its averages are (2 + 4) / 2 = 3 for distress and (7 + 5) / 2 = 6 for mood.
    add(db, walk_days[0], hour=20, distress=4, mood=5)
    for day in days_from(date(2026, 10, 10), 6):  # other days: distress 5, mood 4
        add(db, day, distress=5, mood=4)
    found = helped.tag_contrasts(db.conn, SPAN)
    assert len(found) == 1
    walk = found[0]
    assert (walk.tag, walk.days, walk.other_days) == ("walk", 5, 6)
    assert walk.distress == pytest.approx((3 + 2 * 4) / 5)
    assert walk.mood == pytest.approx((6 + 7 * 4) / 5)
    assert (walk.other_distress, walk.other_mood) == (5.0, 4.0)
    assert walk.text == (
        "On days tagged walk, distress averaged 2.2 against 5.0 on other days, "
        "and mood averaged 6.8 against 4.0 (n=5 vs 6)."
    )


def test_tags_below_the_minimum_and_report_marks_say_nothing(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 10, 1), 4):  # four days: one too few
        add(db, day, distress=1, tags=["swim"])
    for day in days_from(date(2026, 10, 5), 6):
        add(db, day, distress=6, tags=["private", "Share"])  # about reports, not the day
    assert helped.tag_contrasts(db.conn, SPAN) == []
    for day in days_from(date(2026, 10, 11), 4):  # now swim has 4, others 10: still four
        add(db, day, distress=6)
    assert helped.tag_contrasts(db.conn, SPAN) == []


def test_a_tag_on_nearly_every_day_has_too_few_others_to_compare(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 10, 1), 10):
        add(db, day, distress=6, tags=["work"])
    for day in days_from(date(2026, 10, 11), 4):
        add(db, day, distress=2)
    assert helped.tag_contrasts(db.conn, SPAN) == []
    add(db, "2026-10-20", distress=2)
    assert [t.tag for t in helped.tag_contrasts(db.conn, SPAN)] == ["work"]


def test_days_outside_the_window_are_not_counted(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 8, 1), 10):  # before the window
        add(db, day, tags=["walk"], practice="breath", sensations=[("chest", "tight", 6, 2, True)])
    for day in days_from(date(2026, 10, 1), 10):
        add(db, day)
    result = helped.what_helped(db.conn, WINDOW)
    assert result.window == WINDOW
    assert result.practice_regions == [] and result.tags == []


def test_a_tag_that_makes_no_difference_is_not_listed(db) -> None:  # type: ignore[no-untyped-def]
    for day in days_from(date(2026, 10, 1), 5):
        add(db, day, distress=3, mood=6, tags=["tea"])
    for day in days_from(date(2026, 10, 10), 5):
        add(db, day, distress=3, mood=6)
    add(db, "2026-10-20", distress=5, mood=6)  # others: 3.33 against 3.0, mood the same
    assert helped.tag_contrasts(db.conn, SPAN) == []
    add(db, "2026-10-21", distress=6, mood=6)  # others: (15 + 5 + 6) / 7 = 3.71
    assert [t.tag for t in helped.tag_contrasts(db.conn, SPAN)] == ["tea"]
