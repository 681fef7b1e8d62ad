"""Time list filters and search on a large synthetic journal.

    python benchmarks/history.py [ENTRIES] [PATH]

Writes a throwaway journal (default 5000 entries, one a day, in a temporary
folder) and prints milliseconds per query, so slow SQL shows up before users do.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from serjournal import content
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.connection import open_journal
from serjournal.store.filters import ListFilter, filtered_checkins
from serjournal.store.search import search_answers
from serjournal.store.writes import save_checkin

WORDS = [
    *("walk", "rest", "meeting", "shoulders", "jaw", "tired", "family", "garden", "sea"),
    *("work", "sleep", "breath", "anxious", "calm", "light", "heavy", "morning", "evening"),
]


def fill(path: Path, entries: int) -> None:
    rng = random.Random(1)
    db = open_journal(path)
    db.execute("PRAGMA synchronous = OFF")  # a throwaway file: no need to wait for the disk
    start = datetime(2012, 1, 1, 20, tzinfo=UTC)
    for i in range(entries):
        checkin = CheckIn(
            mood=rng.randint(0, 10),
            energy=rng.randint(0, 10),
            distress=rng.randint(0, 10),
            sensations=[
                Sensation(rng.choice(content.REGIONS), rng.choice(content.QUALITIES), 5)
                for _ in range(2)
            ],
            emotions=[
                EmotionEntry(e.name, e.family, e.valence, e.energy, 5)
                for e in rng.sample(content.EMOTIONS, 2)
            ],
            answers={k: " ".join(rng.choices(WORDS, k=12)) for k in ("focus", "takeaway")},
            tags=rng.sample(["work", "rest", "weekend", "travel", "family"], 2),
        )
        checkin.set_time(start + timedelta(days=i))
        save_checkin(db, checkin)
    db.close()


def timed(label: str, query: Callable[[], list[object]], repeat: int = 5) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        rows = query()
    per_query = (time.perf_counter() - started) / repeat * 1000
    print(f"{per_query:8.1f} ms  {label} ({len(rows)} rows)")


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory(prefix="serjournal-bench-") as folder:
        path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(folder) / "journal.db"
        if not path.exists():
            fill(path, entries)
        run_queries(path)


def run_queries(path: Path) -> None:
    db = open_journal(path)
    many = ListFilter(regions=["chest"], families=["fear"], tags=["work"], min_distress=5)
    year = ListFilter(since=date(2020, 1, 1), until=date(2020, 12, 31))
    timed("list, newest 10", lambda: filtered_checkins(db, ListFilter(), 10))
    timed("list, region + family + tag + distress", lambda: filtered_checkins(db, many))
    timed("list, one year", lambda: filtered_checkins(db, year))
    timed("search two words, top 20", lambda: search_answers(db, "shoulders jaw"))
    timed("search a prefix, top 50", lambda: search_answers(db, "walk*", 50))
    db.close()


if __name__ == "__main__":
    main()
