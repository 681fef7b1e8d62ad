"""Plain-language observations drawn from the journal, with their numbers.

Each pattern is an observation about what was written ("on days when..."),
never an interpretation or a diagnosis. Each needs a minimum of data and
stays silent below it: a pattern on three entries is noise, not insight.
Patterns look at a window of at least PATTERN_WEEKS weeks ending with the
reviewed period, because one week rarely holds enough to say anything.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from serjournal import messages
from serjournal.review.periods import Period

PATTERN_WEEKS = 12
# A "hard" check-in, for patterns: distress at or above this. Not the same idea
# as content.HIGH_DISTRESS (8), the rating at which the check-in offers support.
HARD_DAY_DISTRESS = 7
TENSION_QUALITIES: tuple[str, ...] = ("tight", "tense", "knotted", "pressure")

# Minimums below which a pattern says nothing.
MIN_WINDOW_CHECKINS = 10  # below this, no pattern at all
MIN_HARD_CHECKINS = 5  # check-ins with high distress ...
MIN_OTHER_CHECKINS = 5  # ... and without, to compare with
MIN_REGION_HITS = 3
MIN_SHARE_GAP = 0.15  # the region must stand out on hard days by this much
MIN_WEEKDAY_RATINGS = 3
MIN_OTHER_RATINGS = 6
MIN_WEEKDAY_GAP = 1.0  # points of distress
MIN_PRACTICE_CHECKINS = 5
MIN_PRACTICE_DROP = 0.5
MIN_EMOTION_PLACES = 5
MIN_PLACE_SHARE = 0.5

WEEKDAYS = ("Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays")


@dataclass
class Observation:
    """A plain-language pattern and the numbers it rests on."""

    kind: str
    text: str
    numbers: dict[str, Any]


def pattern_window(period: Period, today: date) -> Period:
    """The reviewed period up to today (days still to come hold nothing),
    stretched back to PATTERN_WEEKS weeks if shorter."""
    end = min(period.end, today)
    start = min(period.start, end - timedelta(weeks=PATTERN_WEEKS) + timedelta(days=1))
    return Period(start, end, "range")


def find_patterns(conn: sqlite3.Connection, window: Period) -> list[Observation]:
    span = (window.start.isoformat(), window.end.isoformat())
    total = conn.execute(
        "SELECT count(*) FROM checkins WHERE local_date BETWEEN ? AND ?", span
    ).fetchone()[0]
    if total < MIN_WINDOW_CHECKINS:
        return []
    found = [
        tension_on_hard_days(conn, span),
        hardest_weekday(conn, span),
        practice_that_eases_most(conn, span),
        where_emotion_is_felt(conn, span),
    ]
    return [o for o in found if o is not None]


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def tension_on_hard_days(conn: sqlite3.Connection, span: tuple[str, str]) -> Observation | None:
    """The region most often tight or tense on high-distress check-ins, if it
    stands out against the other check-ins."""
    hard_n, other_n = conn.execute(
        """
        SELECT count(CASE WHEN distress >= ? THEN 1 END), count(CASE WHEN distress < ? THEN 1 END)
        FROM checkins WHERE local_date BETWEEN ? AND ? AND distress IS NOT NULL
        """,
        (HARD_DAY_DISTRESS, HARD_DAY_DISTRESS, *span),
    ).fetchone()
    if hard_n < MIN_HARD_CHECKINS or other_n < MIN_OTHER_CHECKINS:
        return None
    marks = ", ".join("?" * len(TENSION_QUALITIES))
    hits: dict[str, list[int]] = {}
    for region, is_hard, n in conn.execute(
        f"""
        SELECT s.region, c.distress >= ? AS is_hard, count(DISTINCT c.id)
        FROM checkins c JOIN sensations s ON s.checkin_id = c.id
        WHERE c.local_date BETWEEN ? AND ? AND c.distress IS NOT NULL
          AND s.quality IN ({marks})
        GROUP BY s.region, is_hard
        """,
        (HARD_DAY_DISTRESS, *span, *TENSION_QUALITIES),
    ):
        hits.setdefault(region, [0, 0])[0 if is_hard else 1] = n
    candidates = [
        (hard / hard_n, hard / hard_n - other / other_n, region, hard, other)
        for region, (hard, other) in hits.items()
        if hard >= MIN_REGION_HITS and hard / hard_n - other / other_n >= MIN_SHARE_GAP
    ]
    if not candidates:
        return None
    _, _, region, hard, other = max(candidates, key=lambda c: (c[0], c[1], c[2]))
    text = messages.PATTERN_TENSION.format(
        hard_n=hard_n,
        threshold=HARD_DAY_DISTRESS,
        region=region,
        hard=hard,
        hard_share=_percent(hard, hard_n),
        other=other,
        other_n=other_n,
        other_share=_percent(other, other_n),
    )
    numbers = {
        "region": region,
        "high_distress_checkins": hard_n,
        "region_on_high_distress": hard,
        "other_checkins": other_n,
        "region_on_other": other,
    }
    return Observation("tension_on_high_distress", text, numbers)


def hardest_weekday(conn: sqlite3.Connection, span: tuple[str, str]) -> Observation | None:
    """The weekday whose check-ins carried the most distress, if clearly so."""
    rows = conn.execute(
        """
        SELECT CAST(strftime('%w', local_date) AS INTEGER), sum(distress), count(distress)
        FROM checkins WHERE local_date BETWEEN ? AND ? AND distress IS NOT NULL
        GROUP BY 1
        """,
        span,
    ).fetchall()
    total_sum = sum(r[1] for r in rows)
    total_n = sum(r[2] for r in rows)
    best = None
    for weekday, day_sum, day_n in rows:
        other_n = total_n - day_n
        if day_n < MIN_WEEKDAY_RATINGS or other_n < MIN_OTHER_RATINGS:
            continue
        day_mean, other_mean = day_sum / day_n, (total_sum - day_sum) / other_n
        if day_mean - other_mean >= MIN_WEEKDAY_GAP and (
            best is None or day_mean - other_mean > best[1] - best[3]
        ):
            best = (weekday, day_mean, day_n, other_mean, other_n)
    if best is None:
        return None
    weekday, day_mean, day_n, other_mean, other_n = best
    text = messages.PATTERN_WEEKDAY.format(
        weekday=WEEKDAYS[weekday], mean=day_mean, n=day_n, other_mean=other_mean
    )
    numbers = {
        "weekday": WEEKDAYS[weekday][:-1],
        "mean_distress": day_mean,
        "checkins": day_n,
        "other_mean_distress": other_mean,
        "other_checkins": other_n,
    }
    return Observation("hardest_weekday", text, numbers)


def practice_that_eases_most(conn: sqlite3.Connection, span: tuple[str, str]) -> Observation | None:
    """The practice after which distress fell the most, on enough check-ins."""
    rows = conn.execute(
        """
        SELECT practice, avg(distress - distress_after) AS drop_, count(distress - distress_after)
        FROM checkins
        WHERE local_date BETWEEN ? AND ? AND practice IS NOT NULL AND practice != 'none'
        GROUP BY practice HAVING count(distress - distress_after) >= ?
        ORDER BY drop_ DESC, practice
        """,
        (*span, MIN_PRACTICE_CHECKINS),
    ).fetchall()
    if not rows or rows[0][1] < MIN_PRACTICE_DROP:
        return None
    practice, drop, n = rows[0]
    others = ""
    if len(rows) > 1:
        listed = ", ".join(f"{p} {d:.1f} ({k})" for p, d, k in rows[1:])
        others = messages.PATTERN_PRACTICE_OTHERS.format(others=listed)
    text = messages.PATTERN_PRACTICE.format(practice=practice, drop=drop, n=n, others=others)
    numbers = {
        "practice": practice,
        "mean_distress_drop": drop,
        "checkins": n,
        "others": [{"practice": p, "mean_distress_drop": d, "checkins": k} for p, d, k in rows[1:]],
    }
    return Observation("practice_eases_most", text, numbers)


def where_emotion_is_felt(conn: sqlite3.Connection, span: tuple[str, str]) -> Observation | None:
    """The emotion most consistently felt in one place, among those placed often."""
    row = conn.execute(
        """
        WITH placed AS (
            SELECT e.name, e.region, count(*) AS n
            FROM checkins c JOIN emotions e ON e.checkin_id = c.id
            WHERE c.local_date BETWEEN ? AND ? AND e.region IS NOT NULL
            GROUP BY e.name, e.region
        ),
        totals AS (SELECT name, sum(n) AS total FROM placed GROUP BY name HAVING total >= ?)
        SELECT p.name, p.region, p.n, t.total
        FROM placed p JOIN totals t ON t.name = p.name
        WHERE p.n * 1.0 / t.total >= ?
        ORDER BY p.n * 1.0 / t.total DESC, t.total DESC, p.name, p.region
        LIMIT 1
        """,
        (*span, MIN_EMOTION_PLACES, MIN_PLACE_SHARE),
    ).fetchone()
    if row is None:
        return None
    name, region, n, total = row
    text = messages.PATTERN_EMOTION_PLACE.format(
        emotion=name, region=region, n=n, total=total, share=_percent(n, total)
    )
    numbers = {"emotion": name, "region": region, "times_there": n, "times_placed": total}
    return Observation("where_emotion_is_felt", text, numbers)
