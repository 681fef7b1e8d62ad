"""The review's figures, each one SQL aggregate over a range of local dates.

Nothing here loads check-ins into Python: every function asks SQLite for
grouped numbers (indexes on checkins.local_date and on every checkin_id keep
that quick on years of history) and returns the dataclasses of figures.py. The current
period and the one before it are usually read in the same query.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date, timedelta
from typing import Any, NamedTuple

from serjournal.review.figures import (
    CALENDAR_WEEKS,
    Consistency,
    DayPoint,
    NamedEmotion,
    PracticeEffect,
    PreviousCounts,
    Rating,
    RegionLoad,
    ReviewSummary,
    SeriesPoint,
    SideLoad,
    TagCount,
    Takeaway,
    Tally,
)
from serjournal.review.helped import what_helped
from serjournal.review.patterns import find_patterns, pattern_window
from serjournal.review.periods import Period, iso_week
from serjournal.store.streaks import streaks

SCALES: tuple[str, ...] = ("mood", "energy", "distress")
QUADRANTS: tuple[tuple[str, str], ...] = (
    ("pleasant", "high"),
    ("pleasant", "low"),
    ("unpleasant", "high"),
    ("unpleasant", "low"),
)
# More points than this and the daily series is grouped into equal buckets,
# so a sparkline of a year still fits on one line.
MAX_SERIES_POINTS = 31
TOP_EMOTIONS = 5
TAKEAWAY_LIMIT = 50
TOP_TAGS = 10
EMOTIONS_PER_REGION = 3


def _span(period: Period) -> tuple[str, str]:
    return period.start.isoformat(), period.end.isoformat()


# --- Ratings and their series -------------------------------------------------------


def ratings(conn: sqlite3.Connection, period: Period) -> list[Rating]:
    """Average mood, energy and distress here and in the period before, in one pass."""
    previous = period.previous()
    row_for: dict[int, tuple[Any, ...]] = {}
    for row in conn.execute(
        """
        SELECT local_date >= :start AS is_current,
               avg(mood), count(mood), avg(energy), count(energy),
               avg(distress), count(distress)
        FROM checkins
        WHERE local_date BETWEEN :previous_start AND :end
        GROUP BY is_current
        """,
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous_start": previous.start.isoformat(),
        },
    ):
        row_for[row[0]] = row[1:]
    empty = (None, 0) * len(SCALES)
    now, before = row_for.get(1, empty), row_for.get(0, empty)
    return [
        Rating(scale, now[2 * i], now[2 * i + 1], before[2 * i], before[2 * i + 1])
        for i, scale in enumerate(SCALES)
    ]


def series(conn: sqlite3.Connection, period: Period) -> list[SeriesPoint]:
    """Per-day averages, or per-bucket ones when the period is long (a year:
    one per calendar month). Every day or bucket of the period is present,
    empty ones with None."""
    if period.kind == "year":
        return _monthly_series(conn, period)
    bucket = max(1, math.ceil(period.days / MAX_SERIES_POINTS))
    found: dict[int, tuple[Any, ...]] = {
        row[0]: row[1:]
        for row in conn.execute(
            """
            SELECT CAST((julianday(local_date) - julianday(:start)) / :bucket AS INTEGER) AS slot,
                   count(*), avg(mood), avg(energy), avg(distress)
            FROM checkins
            WHERE local_date BETWEEN :start AND :end
            GROUP BY slot
            """,
            {"start": period.start.isoformat(), "end": period.end.isoformat(), "bucket": bucket},
        )
    }
    points = []
    for slot in range(math.ceil(period.days / bucket)):
        start = period.start + timedelta(days=slot * bucket)
        days = min(bucket, (period.end - start).days + 1)
        count, mood, energy, distress = found.get(slot, (0, None, None, None))
        points.append(SeriesPoint(start.isoformat(), days, count, mood, energy, distress))
    return points


def _monthly_series(conn: sqlite3.Connection, period: Period) -> list[SeriesPoint]:
    found: dict[str, tuple[Any, ...]] = {
        row[0]: row[1:]
        for row in conn.execute(
            """
            SELECT substr(local_date, 1, 7) AS month, count(*), avg(mood), avg(energy),
                   avg(distress)
            FROM checkins WHERE local_date BETWEEN ? AND ? GROUP BY month
            """,
            _span(period),
        )
    }
    points = []
    start = period.start
    while start <= period.end:
        following = (start.replace(day=1) + timedelta(days=31)).replace(day=1)
        end = min(period.end, following - timedelta(days=1))
        count, mood, energy, distress = found.get(f"{start:%Y-%m}", (0, None, None, None))
        points.append(
            SeriesPoint(start.isoformat(), (end - start).days + 1, count, mood, energy, distress)
        )
        start = following
    return points


# --- Body -----------------------------------------------------------------------------


def body_map(
    conn: sqlite3.Connection, period: Period, emotions: list[EmotionGroup] | None = None
) -> list[RegionLoad]:
    """Regions ranked by how often, then how strongly, they carried sensations,
    each with its most frequent quality (ties: the stronger, then by name),
    its sides where they were given, how often it was felt in the period
    before, and the emotions felt there (from `emotions`, or read here).

    One grouped query over this period and the one before; grouping by
    region, side and quality leaves a few hundred rows at most, summed here."""
    previous = period.previous()
    per: dict[str, dict[str, Any]] = {}
    before: dict[str, int] = {}
    for is_current, region, side, quality, n, total in conn.execute(
        """
        SELECT c.local_date >= :start AS is_current, s.region, s.side, s.quality,
               count(*), sum(s.intensity)
        FROM checkins c JOIN sensations s ON s.checkin_id = c.id
        WHERE c.local_date BETWEEN :previous_start AND :end
        GROUP BY is_current, s.region, s.side, s.quality
        """,
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous_start": previous.start.isoformat(),
        },
    ):
        if not is_current:
            before[region] = before.get(region, 0) + n
            continue
        entry = per.setdefault(region, {"n": 0, "total": 0, "qualities": {}, "sides": {}})
        entry["n"] += n
        entry["total"] += total
        quality_n, quality_total = entry["qualities"].get(quality, (0, 0))
        entry["qualities"][quality] = (quality_n + n, quality_total + total)
        if side:
            side_n, side_total = entry["sides"].get(side, (0, 0))
            entry["sides"][side] = (side_n + n, side_total + total)
    felt = region_emotions(emotion_groups(conn, period) if emotions is None else emotions)
    loads = []
    for region, entry in per.items():
        quality = min(entry["qualities"].items(), key=lambda q: (-q[1][0], -q[1][1], q[0]))[0]
        sides = [
            SideLoad(side, n, total / n)
            for side, (n, total) in sorted(entry["sides"].items(), key=lambda s: _side_key(s[0]))
        ]
        loads.append(
            RegionLoad(
                region,
                entry["n"],
                entry["total"] / entry["n"],
                quality,
                before.get(region, 0),
                sides,
                felt.get(region, []),
            )
        )
    loads.sort(key=lambda r: (-r.times, -r.mean_intensity, r.region))
    return loads


def _side_key(side: str) -> tuple[int, str]:
    return ({"left": 0, "right": 1, "both": 2}.get(side, 3), side)


# --- Emotions ---------------------------------------------------------------------------


class EmotionGroup(NamedTuple):
    """Emotions named in the period (or the one before) with the same word,
    labels and place: the one grouped read every emotion figure is made from."""

    current: bool
    name: str
    family: str
    valence: str
    energy: str
    region: str | None
    times: int
    total: int  # of the intensities


def emotion_groups(conn: sqlite3.Connection, period: Period) -> list[EmotionGroup]:
    """One grouped query over the period and the one before. The stored
    labels are used as they are, so words the vocabulary no longer knows
    (or knows with other labels) still count where they were written."""
    previous = period.previous()
    return [
        EmotionGroup(bool(row[0]), *row[1:])
        for row in conn.execute(
            """
            SELECT c.local_date >= :start AS is_current, e.name, e.family, e.valence, e.energy,
                   e.region, count(*), sum(e.intensity)
            FROM checkins c JOIN emotions e ON e.checkin_id = c.id
            WHERE c.local_date BETWEEN :previous_start AND :end
            GROUP BY is_current, e.name, e.family, e.valence, e.energy, e.region
            """,
            {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "previous_start": previous.start.isoformat(),
            },
        )
    ]


def _tallies(groups: list[EmotionGroup], key: Any) -> dict[str, Tally]:
    sums: dict[str, list[int]] = {}
    for group in groups:
        counts = sums.setdefault(key(group), [0, 0, 0])  # count, total, previous count
        if group.current:
            counts[0] += group.times
            counts[1] += group.total
        else:
            counts[2] += group.times
    return {
        name: Tally(name, n, total / n if n else None, before)
        for name, (n, total, before) in sums.items()
    }


def emotion_families(
    conn: sqlite3.Connection, period: Period, groups: list[EmotionGroup] | None = None
) -> list[Tally]:
    """Families felt in the period (or the one before), most frequent first."""
    groups = emotion_groups(conn, period) if groups is None else groups
    tallies = _tallies(groups, lambda g: g.family).values()
    return sorted(tallies, key=lambda t: (-t.count, -t.previous_count, t.key))


def emotion_quadrants(
    conn: sqlite3.Connection, period: Period, groups: list[EmotionGroup] | None = None
) -> list[Tally]:
    """All four mood-meter quadrants, keyed 'valence/energy', in a fixed order."""
    groups = emotion_groups(conn, period) if groups is None else groups
    tallies = _tallies(groups, lambda g: f"{g.valence}/{g.energy}")
    return [tallies.get(f"{v}/{e}", Tally(f"{v}/{e}", 0, None)) for v, e in QUADRANTS]


def top_emotions(
    conn: sqlite3.Connection,
    period: Period,
    limit: int = TOP_EMOTIONS,
    groups: list[EmotionGroup] | None = None,
) -> list[NamedEmotion]:
    """The most named emotions (then the strongest, then by name), each with
    its most usual family and the regions it was felt in, most often first."""
    groups = emotion_groups(conn, period) if groups is None else groups
    names: dict[str, list[int]] = {}
    families: dict[str, dict[str, int]] = {}
    places: dict[str, dict[str, int]] = {}
    for group in groups:
        if not group.current:
            continue
        counts = names.setdefault(group.name, [0, 0])
        counts[0] += group.times
        counts[1] += group.total
        by_family = families.setdefault(group.name, {})
        by_family[group.family] = by_family.get(group.family, 0) + group.times
        if group.region is not None:
            by_place = places.setdefault(group.name, {})
            by_place[group.region] = by_place.get(group.region, 0) + group.times
    ranked = sorted(
        names.items(), key=lambda item: (-item[1][0], -item[1][1] / item[1][0], item[0])
    )
    top = []
    for name, (n, total) in ranked[:limit]:
        family = min(families[name].items(), key=lambda f: (-f[1], f[0]))[0]
        regions = [r for r, _ in sorted(places.get(name, {}).items(), key=lambda p: (-p[1], p[0]))]
        top.append(NamedEmotion(name, family, n, total / n, regions))
    return top


def region_emotions(groups: list[EmotionGroup]) -> dict[str, list[str]]:
    """Per region, the emotions felt there in the period, most often first
    (then by name), at most EMOTIONS_PER_REGION."""
    counts: dict[str, dict[str, int]] = {}
    for group in groups:
        if group.current and group.region is not None:
            by_name = counts.setdefault(group.region, {})
            by_name[group.name] = by_name.get(group.name, 0) + group.times
    return {
        region: [n for n, _ in sorted(names.items(), key=lambda x: (-x[1], x[0]))][
            :EMOTIONS_PER_REGION
        ]
        for region, names in counts.items()
    }


# --- Release practices ----------------------------------------------------------------------


def release_effects(conn: sqlite3.Connection, period: Period) -> list[PracticeEffect]:
    """Average drop (before minus after) in the target sensation and in distress,
    per practice, with how many check-ins each average rests on."""
    previous = period.previous()
    query = """
        SELECT c.practice, c.local_date >= :start AS is_current, count(*),
               avg(t.intensity - t.intensity_after), count(t.intensity - t.intensity_after),
               avg(c.distress - c.distress_after), count(c.distress - c.distress_after)
        FROM checkins c
        LEFT JOIN sensations t ON t.checkin_id = c.id AND t.is_target = 1
        WHERE c.local_date BETWEEN :previous_start AND :end
          AND c.practice IS NOT NULL AND c.practice != 'none'
        GROUP BY c.practice, is_current
    """
    current: dict[str, PracticeEffect] = {}
    before: dict[str, tuple[float | None, int]] = {}
    for practice, is_current, n, target, target_n, distress, distress_n in conn.execute(
        query,
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous_start": previous.start.isoformat(),
        },
    ):
        if is_current:
            current[practice] = PracticeEffect(practice, n, target, target_n, distress, distress_n)
        else:
            before[practice] = (distress, distress_n)
    for effect in current.values():
        effect.previous_distress_drop, effect.previous_distress_n = before.get(
            effect.practice, (None, 0)
        )
    return sorted(current.values(), key=lambda e: (-e.checkins, e.practice))


# --- Consistency ------------------------------------------------------------------------------


def consistency(conn: sqlite3.Connection, period: Period, as_of: date) -> Consistency:
    previous = period.previous()
    counts = {
        row[0]: row[1:]
        for row in conn.execute(
            """
            SELECT local_date >= :start, count(*), count(DISTINCT local_date) FROM checkins
            WHERE local_date BETWEEN :previous_start AND :end GROUP BY 1
            """,
            {
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "previous_start": previous.start.isoformat(),
            },
        )
    }
    runs = streaks(conn, as_of)
    calendar_start = iso_week(as_of).start - timedelta(weeks=CALENDAR_WEEKS - 1)
    per_day = dict(
        conn.execute(
            "SELECT local_date, count(*) FROM checkins WHERE local_date BETWEEN ? AND ? "
            "GROUP BY local_date",
            (calendar_start.isoformat(), iso_week(as_of).end.isoformat()),
        ).fetchall()
    )
    calendar = [
        per_day.get((calendar_start + timedelta(days=i)).isoformat(), 0)
        for i in range(7 * CALENDAR_WEEKS)
    ]
    return Consistency(
        checkins=counts.get(1, (0, 0))[0],
        previous_checkins=counts.get(0, (0, 0))[0],
        days_with_checkins=counts.get(1, (0, 0))[1],
        current_streak=runs.current,
        longest_streak=runs.longest,
        calendar_start=calendar_start.isoformat(),
        calendar=calendar,
    )


# --- Tags ------------------------------------------------------------------------------------


def tags(conn: sqlite3.Connection, period: Period, limit: int = TOP_TAGS) -> list[TagCount]:
    """The tags of the period's check-ins, most used first, with their count before."""
    previous = period.previous()
    rows = conn.execute(
        """
        SELECT t.tag, sum(c.local_date >= :start) AS now, sum(c.local_date < :start)
        FROM tags t JOIN checkins c ON c.id = t.checkin_id
        WHERE c.local_date BETWEEN :previous_start AND :end
        GROUP BY t.tag
        HAVING now > 0
        ORDER BY now DESC, t.tag
        LIMIT :limit
        """,
        {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "previous_start": previous.start.isoformat(),
            "limit": limit,
        },
    ).fetchall()
    return [TagCount(*row) for row in rows]


# --- Takeaways ----------------------------------------------------------------------------------


def takeaways(
    conn: sqlite3.Connection, period: Period, limit: int = TAKEAWAY_LIMIT
) -> tuple[list[Takeaway], int]:
    """The takeaways written in the period, oldest first, and how many there are."""
    where = """
        FROM checkins c JOIN answers a ON a.checkin_id = c.id
        WHERE c.local_date BETWEEN ? AND ? AND a.prompt = 'takeaway' AND trim(a.text) != ''
    """
    total = conn.execute(f"SELECT count(*) {where}", _span(period)).fetchone()[0]
    rows = conn.execute(
        f"SELECT c.local_date, a.text {where} ORDER BY c.created_utc, c.id LIMIT ?",
        (*_span(period), limit),
    ).fetchall()
    return [Takeaway(*row) for row in rows], total


# --- The period before, and the year view -------------------------------------------------


def previous_counts(conn: sqlite3.Connection, period: Period) -> PreviousCounts:
    """How many check-ins, sensations, emotions and tags the period before holds."""
    row = conn.execute(
        """
        SELECT
          (SELECT count(*) FROM checkins WHERE local_date BETWEEN :start AND :end),
          (SELECT count(*) FROM checkins c JOIN sensations s ON s.checkin_id = c.id
           WHERE c.local_date BETWEEN :start AND :end),
          (SELECT count(*) FROM checkins c JOIN emotions e ON e.checkin_id = c.id
           WHERE c.local_date BETWEEN :start AND :end),
          (SELECT count(*) FROM checkins c JOIN tags t ON t.checkin_id = c.id
           WHERE c.local_date BETWEEN :start AND :end)
        """,
        dict(zip(("start", "end"), _span(period.previous()), strict=True)),
    ).fetchone()
    return PreviousCounts(*row)


def year_view(conn: sqlite3.Connection, period: Period) -> list[DayPoint]:
    """Every day of the period with its averages (None where nothing was written)."""
    found = {
        row[0]: row[1:]
        for row in conn.execute(
            """
            SELECT local_date, count(*), avg(mood), avg(energy), avg(distress)
            FROM checkins WHERE local_date BETWEEN ? AND ? GROUP BY local_date
            """,
            _span(period),
        )
    }
    return [
        DayPoint(day.isoformat(), *found.get(day.isoformat(), (0, None, None, None)))
        for day in period.dates()
    ]


# --- Everything together ---------------------------------------------------------------------


def has_checkins(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM checkins LIMIT 1").fetchone() is not None


def build_summary(conn: sqlite3.Connection, period: Period, today: date) -> ReviewSummary:
    """Every figure of the review of `period`, compared with the period before."""
    as_of = min(period.end, today)
    items, total = takeaways(conn, period)
    window = pattern_window(period, today)
    groups = emotion_groups(conn, period)
    return ReviewSummary(
        period=period,
        previous=period.previous(),
        as_of=as_of.isoformat(),
        ongoing=period.end >= today,
        ratings=ratings(conn, period),
        series=series(conn, period),
        body=body_map(conn, period, groups),
        families=emotion_families(conn, period, groups),
        quadrants=emotion_quadrants(conn, period, groups),
        top_emotions=top_emotions(conn, period, groups=groups),
        release=release_effects(conn, period),
        consistency=consistency(conn, period, as_of),
        tags=tags(conn, period),
        takeaways=items,
        takeaways_total=total,
        patterns=find_patterns(conn, window),
        pattern_window=window,
        previous_counts=previous_counts(conn, period),
        helped=what_helped(conn, window),
        year_view=year_view(conn, period) if period.kind == "year" else None,
    )
