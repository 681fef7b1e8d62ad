"""What went with feeling better: release effects per practice and region,
and tags against mood and distress.

Like patterns.py these are observations over the pattern window (at least
twelve weeks ending with the reviewed period), each with the numbers it rests
on, and each silent below a minimum sample. They describe what was written;
they claim no cause.
"""

from __future__ import annotations

import sqlite3

from serjournal import messages
from serjournal.review.figures import Helped, PracticeRegion, TagContrast
from serjournal.review.periods import Period
from serjournal.review.sharing import MARK_TAGS

MIN_PRACTICE_REGION = 3  # check-ins with a practice, a target region and an after-rating
MIN_TAG_DAYS = 5  # days carrying the tag ...
MIN_OTHER_DAYS = 5  # ... and days without it, to compare with
MIN_TAG_GAP = 0.5  # points of distress or mood between them, else there is nothing to say
MAX_PRACTICE_REGIONS = 12
MAX_TAGS = 10


def what_helped(conn: sqlite3.Connection, window: Period) -> Helped:
    span = (window.start.isoformat(), window.end.isoformat())
    return Helped(window, practice_regions(conn, span), tag_contrasts(conn, span))


def practice_regions(conn: sqlite3.Connection, span: tuple[str, str]) -> list[PracticeRegion]:
    """The average drop of the target sensation per practice and region, most
    easing first, where it rests on at least MIN_PRACTICE_REGION check-ins."""
    rows = conn.execute(
        """
        SELECT c.practice, s.region, avg(s.intensity - s.intensity_after) AS drop_, count(*) AS n
        FROM checkins c JOIN sensations s ON s.checkin_id = c.id
        WHERE c.local_date BETWEEN ? AND ? AND s.is_target = 1
          AND s.intensity_after IS NOT NULL
          AND c.practice IS NOT NULL AND c.practice != 'none'
        GROUP BY c.practice, s.region HAVING n >= ?
        ORDER BY drop_ DESC, n DESC, c.practice, s.region
        LIMIT ?
        """,
        (*span, MIN_PRACTICE_REGION, MAX_PRACTICE_REGIONS),
    ).fetchall()
    found = [PracticeRegion(*row) for row in rows]
    return [item._replace(text=practice_sentence(item)) for item in found]


def practice_sentence(item: PracticeRegion) -> str:
    if item.drop >= 0.05:
        text = messages.HELPED_PRACTICE_EASED.format(
            practice=item.practice, region=item.region, drop=item.drop, n=item.n
        )
        return text[0].upper() + text[1:]
    return messages.HELPED_PRACTICE_NOT_EASED.format(
        practice=item.practice, region=item.region, change=-item.drop, n=item.n
    )


def tag_sentence(item: TagContrast) -> str:
    figures = []
    if item.distress is not None and item.other_distress is not None:
        figures.append(
            messages.HELPED_TAG_DISTRESS.format(now=item.distress, other=item.other_distress)
        )
    if item.mood is not None and item.other_mood is not None:
        figures.append(messages.HELPED_TAG_MOOD.format(now=item.mood, other=item.other_mood))
    return messages.HELPED_TAG.format(
        tag=item.tag,
        figures=", and ".join(figures) or "no ratings were given",
        days=item.days,
        other_days=item.other_days,
    )


def tag_contrasts(conn: sqlite3.Connection, span: tuple[str, str]) -> list[TagContrast]:
    """For each tag on at least MIN_TAG_DAYS days (and missing on at least
    MIN_OTHER_DAYS days with a check-in): the average distress and mood of
    its days against the other days, where either differs by MIN_TAG_GAP or
    more. A day's value is the average of its check-ins; a day counts as
    tagged when any of its check-ins carries the tag. The report marks
    (share, private) are not about the day: left out.
    Largest difference in distress first."""
    marks = {f"mark{i}": tag for i, tag in enumerate(MARK_TAGS)}
    rows = conn.execute(
        f"""
        WITH days AS (
            SELECT local_date AS d, avg(mood) AS mood, avg(distress) AS distress
            FROM checkins WHERE local_date BETWEEN :start AND :end GROUP BY local_date
        ),
        totals AS (
            SELECT count(*) AS n, total(distress) AS d_sum, count(distress) AS d_n,
                   total(mood) AS m_sum, count(mood) AS m_n
            FROM days
        ),
        tagged AS (
            SELECT DISTINCT t.tag, c.local_date AS d
            FROM tags t JOIN checkins c ON c.id = t.checkin_id
            WHERE c.local_date BETWEEN :start AND :end
              AND lower(t.tag) NOT IN ({", ".join(":" + name for name in marks)})
        )
        SELECT tagged.tag, count(*), total(days.distress), count(days.distress),
               total(days.mood), count(days.mood),
               totals.n, totals.d_sum, totals.d_n, totals.m_sum, totals.m_n
        FROM tagged JOIN days ON days.d = tagged.d CROSS JOIN totals
        GROUP BY tagged.tag
        HAVING count(*) >= :min_days AND totals.n - count(*) >= :min_other
        """,
        {
            "start": span[0],
            "end": span[1],
            "min_days": MIN_TAG_DAYS,
            "min_other": MIN_OTHER_DAYS,
            **marks,
        },
    ).fetchall()
    contrasts = []
    for tag, n, d_sum, d_n, m_sum, m_n, all_n, all_d_sum, all_d_n, all_m_sum, all_m_n in rows:
        contrasts.append(
            TagContrast(
                tag=tag,
                days=n,
                other_days=all_n - n,
                distress=_mean(d_sum, d_n),
                other_distress=_mean(all_d_sum - d_sum, all_d_n - d_n),
                mood=_mean(m_sum, m_n),
                other_mood=_mean(all_m_sum - m_sum, all_m_n - m_n),
            )
        )
    contrasts = [
        t
        for t in contrasts
        if max(_gap(t.distress, t.other_distress), _gap(t.mood, t.other_mood)) >= MIN_TAG_GAP
    ]
    contrasts.sort(key=lambda t: (-_gap(t.distress, t.other_distress), -t.days, t.tag))
    return [item._replace(text=tag_sentence(item)) for item in contrasts[:MAX_TAGS]]


def _mean(total: float, n: int) -> float | None:
    return total / n if n else None


def _gap(a: float | None, b: float | None) -> float:
    return abs(a - b) if a is not None and b is not None else -1.0
