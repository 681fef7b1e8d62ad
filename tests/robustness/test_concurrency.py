"""Many processes saving into one journal at the same moment.

Real processes (not threads) so SQLite's file locks are really contended.
A start file is the barrier: every writer is imported and waiting before
any begins, so the saves overlap. Figures: WRITERS x API_SAVES through the
store API, WRITERS x CLI_SAVES through `python -m serjournal checkin`.
Set SERJOURNAL_STRESS=1 for a longer run.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from tests.robustness.procs import (
    partial_checkins,
    run_cli,
    spawn_child,
    table_counts,
    wait_ready,
)

STRESS = os.environ.get("SERJOURNAL_STRESS") == "1"
WRITERS = 8
READERS = 2
API_SAVES = 200 if STRESS else 50
CLI_SAVES = 25 if STRESS else 4
OPEN_ROUNDS = 10 if STRESS else 6


def test_writers_through_the_store_api_each_save_exactly_once(tmp_path: Path) -> None:
    journal = tmp_path / "shared" / "journal.db"
    start = tmp_path / "start"
    stop = tmp_path / "stop"
    children = [spawn_child("writer", journal, start, API_SAVES, f"w{n}") for n in range(WRITERS)]
    # Readers list and show all along: WAL lets them read while others write.
    readers = [spawn_child("reader", journal, start, stop) for _ in range(READERS)]
    wait_ready(children + readers)
    start.touch()
    reported: list[str] = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        assert err == "", err  # no "database is locked", no traceback
        reported += [line.split()[1] for line in out.splitlines() if line.startswith("saved")]
    stop.touch()
    for child in readers:
        out, err = child.communicate(timeout=60)
        assert (child.returncode, err) == (0, ""), err
        assert int(out.split()[-1]) > 0
    assert len(reported) == WRITERS * API_SAVES
    assert len(set(reported)) == len(reported)
    with sqlite3.connect(journal) as conn:
        stored = [row[0] for row in conn.execute("SELECT id FROM checkins")]
    assert sorted(stored) == sorted(reported)  # each saved exactly once, none extra
    assert table_counts(journal)["sensations"] == 2 * len(reported)
    assert partial_checkins(journal) == []


def test_writers_through_the_cli_each_save_exactly_once(tmp_path: Path) -> None:
    journal = tmp_path / "cli" / "journal.db"
    barrier = threading.Barrier(WRITERS)
    failures: list[str] = []

    def write(n: int) -> None:
        barrier.wait()
        for k in range(CLI_SAVES):
            done = run_cli(
                "checkin",
                "--db",
                journal,
                "--mood",
                "5",
                "--energy",
                "4",
                "--sensation",
                "chest:tight:6",
                "--emotion",
                "peaceful:3",
                "--focus",
                f"writer {n} entry {k}",
            )
            if done.returncode != 0 or done.stderr:
                failures.append(f"{done.returncode}: {done.stderr}")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with sqlite3.connect(journal) as conn:
        focuses = [r[0] for r in conn.execute("SELECT text FROM answers WHERE prompt = 'focus'")]
    expected = [f"writer {n} entry {k}" for n in range(WRITERS) for k in range(CLI_SAVES)]
    assert sorted(focuses) == sorted(expected)
    assert table_counts(journal)["checkins"] == WRITERS * CLI_SAVES


def test_first_open_of_a_fresh_journal_by_many_processes(tmp_path: Path) -> None:
    """The migrations race: every process finds no journal (not even its
    folder) and creates and upgrades it at the same moment."""
    for round_ in range(OPEN_ROUNDS):
        journal = tmp_path / f"round{round_}" / "new" / "journal.db"
        start = tmp_path / f"start{round_}"
        children = [spawn_child("opener", journal, start) for _ in range(WRITERS)]
        wait_ready(children)
        start.touch()
        for child in children:
            out, err = child.communicate(timeout=120)
            assert (child.returncode, err) == (0, ""), err
            assert out.splitlines()[-1].startswith("saved")
        with sqlite3.connect(journal) as conn:
            applied = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        from serjournal.store.migrations import schema_version

        assert applied == schema_version()
        assert mode == "wal"
        assert table_counts(journal)["checkins"] == WRITERS
