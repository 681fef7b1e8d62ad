"""Reading what earlier practitioner reports covered (writes.record_report
notes each one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from serjournal.store.reading import Readable


@dataclass(frozen=True)
class ReportMade:
    made_utc: str
    first_day: date
    last_day: date


def last_report(db: Readable) -> ReportMade | None:
    """The report that reached furthest, the latest made among those; None
    when no report has been made yet."""
    row = db.execute(
        "SELECT made_utc, first_day, last_day FROM reports "
        "ORDER BY last_day DESC, made_utc DESC, id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    return ReportMade(row[0], date.fromisoformat(row[1]), date.fromisoformat(row[2]))
