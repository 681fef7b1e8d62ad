"""What bare `serjournal` (and `serjournal status`) shows: today at a glance.

Read-only: whether you checked in today, the streak, whether an unfinished
check-in waits, and the commands to start. The facts are gathered by
today_facts (tested on its own); the words are in messages.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from serjournal import messages
from serjournal.journal import Journal
from serjournal.status import CHECKED_IN, DRAFT_WAITING, short_status


@dataclass
class TodayFacts:
    today: date
    checked_in: bool
    draft_waiting: bool
    streak: int  # days in a row, ending today or yesterday
    total: int  # check-ins in the journal


def today_facts(journal: Journal, today: date) -> TodayFacts:
    from serjournal.store.checkins import count_checkins
    from serjournal.store.streaks import streaks

    status = short_status(journal.path, today)
    streak = total = 0
    conn = journal.open_for_reading()
    if conn is not None:
        try:
            streak, total = streaks(conn, today).current, count_checkins(conn)
        finally:
            conn.close()
    return TodayFacts(today, status == CHECKED_IN, status == DRAFT_WAITING, streak, total)


def today_lines(facts: TodayFacts) -> list[str]:
    day = facts.today.strftime("%a %d %b")
    lines = [messages.APP_TAGLINE, ""]
    if facts.total == 0:
        lines.append(messages.TODAY_FIRST_TIME)
    elif facts.checked_in:
        lines.append(messages.TODAY_CHECKED_IN.format(day=day))
    else:
        lines.append(messages.TODAY_NOT_YET.format(day=day))
    if facts.streak > 1:
        lines.append(messages.plural(facts.streak, messages.TODAY_STREAK))
    if facts.draft_waiting:
        lines.append(messages.TODAY_DRAFT)
    lines += ["", *messages.TODAY_COMMANDS]
    return lines
