"""SIGKILL in the middle of saving: nothing reported saved is lost, nothing
half-written is kept.

The child (child.py slow-saver) sleeps inside each save's transaction, so
most kills land while a check-in is being written. It prints "begin <id>"
before save_checkin and "saved <id>" after it returns.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.robustness.procs import integrity, partial_checkins, spawn_child

ROUNDS = 60 if os.environ.get("SERJOURNAL_STRESS") == "1" else 15


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_saving_loses_nothing_reported_and_keeps_no_partial(
    tmp_path: Path,
) -> None:
    journal = tmp_path / "journal.db"
    rng = random.Random(5)
    reported: set[str] = set()
    in_flight: set[str] = set()
    kills = 0
    for _ in range(ROUNDS):
        child = spawn_child("slow-saver", journal)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # Wait for the first save to begin (a busy machine starts slowly), then
        # kill at a random moment of the saves that follow.
        first = child.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.2))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        out = first + out
        assert child.returncode == -signal.SIGKILL
        assert "Traceback" not in err, err
        kills += 1
        lines = [line.split() for line in out.splitlines()]
        reported |= {ident for word, ident in lines if word == "saved"}
        if lines and lines[-1][0] == "begin":
            in_flight.add(lines[-1][1])  # killed between begin and saved

        # Every round, the journal must already be whole: the next process
        # opening it finds it consistent.
        assert integrity(journal) == "ok"
    with sqlite3.connect(journal) as conn:
        stored = {row[0] for row in conn.execute("SELECT id FROM checkins")}
    assert kills == ROUNDS
    assert reported <= stored, reported - stored  # nothing reported saved is lost
    assert partial_checkins(journal) == []  # and no half-written check-in
    # The kills really landed mid-save (most rounds); those check-ins are
    # either whole (checked above) or absent, never torn.
    assert len(in_flight) >= ROUNDS // 3
    print(f"\nkills survived: {kills}, mid-save: {len(in_flight)}, saved: {len(stored)}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_creating_a_journal_leaves_one_that_opens(tmp_path: Path) -> None:
    """Killed while the first migration runs: the next open finishes the job."""
    from serjournal.store import migrations
    from serjournal.store.connection import open_journal

    rng = random.Random(6)
    mid_creation = 0
    for round_ in range(ROUNDS // 3 + 1):
        journal = tmp_path / f"r{round_}" / "journal.db"
        child = spawn_child("slow-create", journal)
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.12))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        mid_creation += "created" not in out
        db = open_journal(journal)
        assert [m.name for m in migrations.migrations.applied(db)] == migrations.known_names()
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    assert mid_creation >= 1
    print(f"\ncreation kills: {round_ + 1}, mid-creation: {mid_creation}")
