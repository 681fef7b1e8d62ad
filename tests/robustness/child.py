"""A separate process for the robustness tests: real processes, real locks.

Run as `python child.py MODE JOURNAL [ARGS]`. Modes:
  writer START COUNT   wait for the START file, then save COUNT check-ins through
                       the store API, printing "saved <id>" after each returns.
  reader START STOP    wait for START, then read (list, show) until STOP exists,
                       printing "reads <n>" at the end.
  opener START         wait for START, open the (fresh) journal, save one check-in.
  slow-create          create the journal with every SQL statement slowed
                       down, printing "created" once it is open and upgraded.
  slow-saver           save check-ins forever with short sleeps inside the
                       transaction, printing "begin <id>" before and "saved <id>"
                       after each save, so a SIGKILL can land mid-transaction.
Every check-in made here has exactly SENSATIONS sensations, EMOTIONS emotions,
ANSWERS answers and TAGS tags, so the parent can spot a partial one.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

SENSATIONS, EMOTIONS, ANSWERS, TAGS = 2, 1, 2, 2


def make_checkin(label: str):  # type: ignore[no-untyped-def]
    from serjournal.models import CheckIn, EmotionEntry, Sensation

    return CheckIn(
        mood=5,
        energy=4,
        distress=3,
        sensations=[
            Sensation("chest", "tight", 6, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest")],
        answers={"focus": f"written by {label}", "takeaway": "breathe 🌿"},
        tags=["stress", label],
    )


def wait_for(start: Path) -> None:
    print("ready", flush=True)
    while not start.exists():
        time.sleep(0.002)


def writer(journal: Path, start: Path, count: int, label: str) -> None:
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    wait_for(start)
    db = open_journal(journal)
    for n in range(count):
        checkin = make_checkin(f"{label}-{n}")
        save_checkin(db, checkin)
        print("saved", checkin.id, flush=True)


def reader(journal: Path, start: Path, stop: Path) -> None:
    from serjournal.store.checkins import count_checkins, load_checkin, recent_checkins
    from serjournal.store.connection import open_journal

    wait_for(start)
    while not journal.exists():
        time.sleep(0.002)
    db = open_journal(journal)
    reads = 0
    while True:  # at least once, even when the writers were quicker
        lines = recent_checkins(db, 5)
        if lines:
            load_checkin(db, lines[0].id)
        count_checkins(db)
        reads += 1
        if stop.exists():
            break
    print("reads", reads, flush=True)


def opener(journal: Path, start: Path) -> None:
    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    wait_for(start)
    db = open_journal(journal)
    checkin = make_checkin("opener")
    save_checkin(db, checkin)
    print("saved", checkin.id, flush=True)


def slow_saver(journal: Path) -> None:
    # Slow every insert down so the transaction is open long enough for the
    # parent's SIGKILL to land inside it. Patched before the store is used;
    # the program itself has no test hook.
    from sqlite_utils.db import Table

    for name in ("insert", "insert_all"):
        original = getattr(Table, name)

        def slowed(self, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            time.sleep(random.uniform(0, 0.004))
            result = _original(self, *args, **kwargs)
            time.sleep(random.uniform(0, 0.002))
            return result

        setattr(Table, name, slowed)

    from serjournal.store.connection import open_journal
    from serjournal.store.writes import save_checkin

    db = open_journal(journal)
    print("ready", flush=True)
    n = 0
    while True:
        checkin = make_checkin(f"slow-{n}")
        print("begin", checkin.id, flush=True)
        save_checkin(db, checkin)
        print("saved", checkin.id, flush=True)
        n += 1


def slow_create(journal: Path) -> None:
    # Every statement slowed, so a SIGKILL lands inside the first migration.
    from sqlite_utils.db import Database

    original = Database.execute

    def slowed(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.003)
        return original(self, *args, **kwargs)

    Database.execute = slowed  # type: ignore[method-assign]
    from serjournal.store.connection import open_journal

    print("ready", flush=True)
    open_journal(journal)
    print("created", flush=True)


def main(argv: list[str]) -> None:
    mode, journal = argv[0], Path(argv[1])
    if mode == "writer":
        writer(journal, Path(argv[2]), int(argv[3]), argv[4])
    elif mode == "reader":
        reader(journal, Path(argv[2]), Path(argv[3]))
    elif mode == "opener":
        opener(journal, Path(argv[2]))
    elif mode == "slow-create":
        slow_create(journal)
    elif mode == "slow-saver":
        slow_saver(journal)
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])
