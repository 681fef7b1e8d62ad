"""`serjournal report`: a calm, printable page to bring to a practitioner.

It holds the review's figures for the period (body map, emotions and where
they were felt, release effects, what helped, patterns), the days with the
highest distress, and the takeaways. What it quotes follows the sharing
marks (review/sharing.py): written answers are left out unless
--include-notes (or the check-in is tagged `share`), and nothing of a
check-in tagged `private` is quoted or listed. The file is written 0600 by
paths.private_output; nothing leaves the machine unless the user sends it.
Each report made is noted in the journal (store.writes.record_report), so
the next one can start where it ended: --since last-report. The page is
written inside the transaction that notes it, so a journal another program
holds stops the report before any file is written.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages
from serjournal.errors import InputError
from serjournal.review.figures import ReviewSummary, Takeaway
from serjournal.review.periods import Period
from serjournal.review.sharing import PRIVATE_TAG, SHARE_TAG, tagged_sql

if TYPE_CHECKING:
    from serjournal.journal import Journal
    from serjournal.models import CheckIn

LAST_REPORT = "last-report"
HARD_DAYS = 5  # the check-ins with the highest distress, listed one by one
REPORT_TAKEAWAYS = 20
NOTE_KEYS = ("focus", "memory", "speak", "need", "image", "shift", "note")


@dataclass
class ReportEntry:
    """One check-in listed in full: a day of high distress."""

    checkin: CheckIn
    notes: list[tuple[str, str]] = field(default_factory=list)  # (question, answer)
    notes_left_out: int = 0  # written answers not shown


@dataclass
class Report:
    summary: ReviewSummary
    made: datetime
    hard_days: list[ReportEntry]
    takeaways: list[Takeaway]
    include_notes: bool
    private_checkins: int  # in the period, tagged private
    shared_checkins: int  # in the period, tagged share


# --- The period -----------------------------------------------------------------------------


def report_period(
    conn: sqlite3.Connection | None, since: str, until: str | None, now: datetime
) -> tuple[Period, date | None]:
    """From --since (a day, or 'last-report': the day after the last report
    ended) to --until (default today); and, for last-report, the last day of
    the report it follows."""
    from serjournal.timeutil import parse_day

    today = now.date()
    end = parse_day(until, now) if until is not None else today
    if since.strip().lower() == LAST_REPORT:
        from serjournal.store.reports import last_report

        made = last_report(conn) if conn is not None else None
        if made is None:
            raise InputError(messages.REPORT_NO_LAST)
        follows = made.last_day
        start = made.last_day + timedelta(days=1)
        if start > end:
            raise InputError(
                messages.REPORT_LAST_COVERS.format(last=made.last_day.isoformat(), until=end)
            )
    else:
        follows = None
        start = parse_day(since, now)
    if start > end:
        raise InputError(messages.SINCE_AFTER_UNTIL.format(since=start, until=end))
    if start > today:
        raise InputError(messages.PERIOD_IN_FUTURE.format(start=start))
    from serjournal.review.periods import MAX_DAYS

    if (end - start).days + 1 > MAX_DAYS:
        raise InputError(
            messages.PERIOD_TOO_LONG.format(days=(end - start).days + 1, limit=MAX_DAYS)
        )
    return Period(start, end, "range"), follows


# --- What the report holds ------------------------------------------------------------------


def build_report(
    conn: sqlite3.Connection, period: Period, now: datetime, *, include_notes: bool
) -> Report:
    from serjournal.review.summary import build_summary

    summary = build_summary(conn, period, now.date())
    span = (period.start.isoformat(), period.end.isoformat())
    private = tagged_sql(PRIVATE_TAG)
    shared = tagged_sql(SHARE_TAG)
    private_n, shared_n = conn.execute(
        f"SELECT count(CASE WHEN {private} THEN 1 END), "
        f"count(CASE WHEN {shared} AND NOT {private} THEN 1 END) "
        "FROM checkins c WHERE c.local_date BETWEEN ? AND ?",
        span,
    ).fetchone()
    return Report(
        summary=summary,
        made=now,
        hard_days=hard_days(conn, span, include_notes),
        takeaways=shared_takeaways(conn, span),
        include_notes=include_notes,
        private_checkins=private_n,
        shared_checkins=shared_n,
    )


def hard_days(
    conn: sqlite3.Connection, span: tuple[str, str], include_notes: bool
) -> list[ReportEntry]:
    """The HARD_DAYS check-ins with the highest distress (latest first among
    equals), none tagged private, each with the notes it may show."""
    from serjournal.render.entry import PROMPT_QUESTIONS
    from serjournal.store.checkins import load_checkin

    rows = conn.execute(
        f"""
        SELECT c.id, {tagged_sql(SHARE_TAG)} FROM checkins c
        WHERE c.local_date BETWEEN ? AND ? AND c.distress IS NOT NULL
          AND NOT {tagged_sql(PRIVATE_TAG)}
        ORDER BY c.distress DESC, c.created_utc DESC, c.id LIMIT ?
        """,
        (*span, HARD_DAYS),
    ).fetchall()
    entries = []
    for checkin_id, is_shared in rows:
        checkin = load_checkin(conn, checkin_id)
        written = [
            (PROMPT_QUESTIONS.get(key, key), text)
            for key, text in checkin.answers.items()
            if key != "takeaway" and text.strip()
        ]
        if include_notes or is_shared:
            entries.append(ReportEntry(checkin, written))
        else:
            entries.append(ReportEntry(checkin, [], len(written)))
    return entries


def shared_takeaways(conn: sqlite3.Connection, span: tuple[str, str]) -> list[Takeaway]:
    """The period's takeaways, oldest first, none from a check-in tagged private."""
    rows = conn.execute(
        f"""
        SELECT c.local_date, a.text FROM checkins c JOIN answers a ON a.checkin_id = c.id
        WHERE c.local_date BETWEEN ? AND ? AND a.prompt = 'takeaway' AND trim(a.text) != ''
          AND NOT {tagged_sql(PRIVATE_TAG)}
        ORDER BY c.created_utc, c.id LIMIT ?
        """,
        (*span, REPORT_TAKEAWAYS),
    ).fetchall()
    return [Takeaway(*row) for row in rows]


# --- Running it ------------------------------------------------------------------------------


def default_name(period: Period) -> Path:
    return Path(f"serjournal-report-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.html")


def run_report(
    journal: Journal,
    *,
    since: str,
    until: str | None = None,
    output: Path | None = None,
    include_notes: bool = False,
    now: datetime | None = None,
) -> None:
    from serjournal.errors import JournalError
    from serjournal.render.report_html import report_page
    from serjournal.store.writes import record_report
    from serjournal.timeutil import local_now

    now = now or local_now()
    conn = journal.open_for_reading()
    if conn is None:
        raise JournalError(messages.JOURNAL_MISSING.format(path=journal.path))
    try:
        period, follows = report_period(conn, since, until, now)
        if not _has_checkins(conn, period):
            raise InputError(
                messages.REPORT_EMPTY.format(start=f"{period.start}", end=f"{period.end}")
            )
        report = build_report(conn, period, now, include_notes=include_notes)
    finally:
        conn.close()
    document = report_page(report)
    to_stdout = output is not None and str(output) == "-"
    target = None if to_stdout else output or _unused_default(period)
    db = journal.open(create=False)
    try:
        record_report(
            db,
            period.start,
            period.end,
            with_notes=include_notes,
            write=lambda: _write(document, target, journal),
            follows=follows,
        )
    finally:
        db.close()
    if target is not None:
        from serjournal.review.run import guarded_stdout

        with guarded_stdout(sys.stdout):
            print(messages.REPORT_SAVED.format(path=target))


def _unused_default(period: Period) -> Path:
    from serjournal.paths import unused_name

    return unused_name(default_name(period))


def _write(document: str, target: Path | None, journal: Journal) -> None:
    """The page to `target` (0600, through paths.private_output), or to
    standard output when there is no target."""
    if target is None:
        from serjournal.review.run import guarded_stdout

        with guarded_stdout(sys.stdout):
            sys.stdout.write(document)
        return
    from serjournal import paths

    with paths.private_output(target, journal=journal) as out:
        out.write(document)


def _has_checkins(conn: sqlite3.Connection, period: Period) -> bool:
    row = conn.execute(
        "SELECT 1 FROM checkins WHERE local_date BETWEEN ? AND ? LIMIT 1",
        (period.start.isoformat(), period.end.isoformat()),
    ).fetchone()
    return row is not None
