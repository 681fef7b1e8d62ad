"""What sync costs on a ten-year journal.

    python benchmarks/sync.py [--years 10] [--runs 7]

Builds the demo journal (the same the review and export benchmarks use),
then measures: saving a check-in with sync on and off (the store API, the
extra work every mutation does once a journal syncs); the first sync of the
whole history (its log written); a second machine's first sync (the whole
journal arriving from that log); and `serjournal sync` as a whole process,
with nothing new and with one new check-in on the other machine. Sizes of
the journal before and after, and of the log, are printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def build(path: Path, years: int) -> int:
    from serjournal.demo import fill_journal
    from serjournal.store.connection import open_journal

    db = open_journal(path)
    added = fill_journal(db, years=years, seed=7)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return added


def saves(path: Path, count: int) -> float:
    """Median seconds to save one check-in (a fresh one each time)."""
    from serjournal.models import CheckIn, EmotionEntry, Sensation
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    db = open_journal(path)
    times = []
    base = datetime.now(UTC) - timedelta(days=1)
    for n in range(count):
        checkin = CheckIn(
            mood=5,
            sensations=[Sensation("chest", "tight", 5, is_target=True)],
            emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 4)],
            answers={"focus": "a benchmark", "takeaway": "breathe"},
            tags=["bench"],
        )
        checkin.set_time(base + timedelta(seconds=n))
        began = time.perf_counter()
        save_checkin(db, checkin)
        times.append(time.perf_counter() - began)
    db.close()
    return statistics.median(times)


def whole_process(journal: Path, runs: int, *args: str) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "serjournal", *(args or ("sync",)), "--db", str(journal)],
            check=True,
            capture_output=True,
            env={**os.environ, "SERJOURNAL_CONFIG": "/nonexistent/config.toml"},
        )
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def timed(function, *args):  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    from serjournal.journal import Journal
    from serjournal.sync.run import sync

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        folder = root / "Sync"
        folder.mkdir()
        laptop = Journal(root / "laptop" / "journal.db")
        desktop = Journal(root / "desktop" / "journal.db")
        count = build(laptop.path, arguments.years)
        plain_size = laptop.path.stat().st_size
        print(f"{arguments.years} years: {count} check-ins, journal {plain_size / 1e6:.1f} MB")

        scratch = root / "scratch.db"
        build(scratch, 1)
        off = saves(scratch, 60)
        report, first = timed(sync, laptop, folder)
        log = next(folder.iterdir())
        print(f"first sync (whole history logged): {first:.2f} s, {report.sent} lines")
        on = saves(laptop.path, 60)
        print(f"saving a check-in: {off * 1000:.1f} ms sync off, {on * 1000:.1f} ms sync on")
        sync(laptop, folder)
        report, arrival = timed(sync, desktop, folder)
        print(f"a second machine's first sync: {arrival:.2f} s, {report.checkins} check-ins")
        db = laptop.open()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        synced_size = laptop.path.stat().st_size
        print(
            f"sizes: journal {plain_size / 1e6:.1f} MB -> {synced_size / 1e6:.1f} MB with sync's "
            f"registers and outbox; log {log.stat().st_size / 1e6:.1f} MB"
        )
        idle = whole_process(desktop.path, arguments.runs)
        listing = whole_process(desktop.path, arguments.runs, "list")
        print(
            f"`serjournal sync`, nothing new: {idle * 1000:.0f} ms, against `serjournal list` "
            f"{listing * 1000:.0f} ms (medians of {arguments.runs})"
        )
        times = []
        for _ in range(arguments.runs):
            saves(laptop.path, 1)
            sync(laptop, folder)
            times.append(whole_process(desktop.path, 1))
        print(f"`serjournal sync`, one new check-in: {statistics.median(times) * 1000:.0f} ms")
        equal = laptop.open_for_reading(), desktop.open_for_reading()
        assert equal[0] is not None and equal[1] is not None
        from serjournal.store.stream import iter_checkins

        same = [c.to_dict() for c in iter_checkins(equal[0])] == [
            c.to_dict() for c in iter_checkins(equal[1])
        ]
        print(f"both journals identical: {same}")


if __name__ == "__main__":
    main()
