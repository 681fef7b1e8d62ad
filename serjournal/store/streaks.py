"""The one streak rule, for the review and for the summary after saving.

A streak is a run of consecutive local days with at least one check-in. The
current run ends on the day asked about or the day before it: that day's
check-in may simply not have happened yet. Kept apart from checkins.py so the
review imports it without the check-in model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from serjournal.store.reading import Readable


@dataclass(frozen=True)
class Streaks:
    """Runs of consecutive local days with a check-in, as of one day."""

    current: int
    longest: int  # the longest run in all the history up to the day asked about
    checkins_on_day: int  # check-ins on the day asked about itself
    earlier_days: int  # days with a check-in before it


def streaks(db: Readable, as_of: date) -> Streaks:
    """The streaks as of `as_of`, gaps and islands in SQL: one pass over the
    distinct days (an index scan), a few milliseconds on ten years."""
    row = db.execute(
        """
        WITH days AS (SELECT DISTINCT local_date AS d FROM checkins WHERE local_date <= :as_of),
        islands AS (SELECT d, julianday(d) - row_number() OVER (ORDER BY d) AS island FROM days)
        SELECT count(*), max(d), max(count(*)) OVER (), sum(count(*)) OVER () FROM islands
        GROUP BY island ORDER BY max(d) DESC LIMIT 1
        """,
        {"as_of": as_of.isoformat()},
    ).fetchone()
    if row is None:
        return Streaks(0, 0, 0, 0)
    latest_run, latest_day, longest, all_days = row
    on_day = 0
    if latest_day == as_of.isoformat():
        on_day = db.execute(
            "SELECT count(*) FROM checkins WHERE local_date = ?", [latest_day]
        ).fetchone()[0]
    ends_in_time = date.fromisoformat(latest_day) >= as_of - timedelta(days=1)
    return Streaks(
        current=latest_run if ends_in_time else 0,
        longest=longest,
        checkins_on_day=on_day,
        earlier_days=all_days - (1 if on_day else 0),
    )
