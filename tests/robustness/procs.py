"""Starting real processes for the robustness tests."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).with_name("child.py")
ROOT = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


# Every child started, so a failing test leaves none running (see conftest.py).
SPAWNED: list[subprocess.Popen[str]] = []


def spawn_child(*args: str | Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    SPAWNED.append(child)
    return child


def reap_children() -> None:
    while SPAWNED:
        child = SPAWNED.pop()
        if child.poll() is None:
            child.kill()
        with contextlib.suppress(ValueError):  # pipes already read and closed
            child.communicate(timeout=30)


def wait_ready(children: list[subprocess.Popen[str]]) -> None:
    """Each child prints 'ready' once imported and waiting at the barrier."""
    for child in children:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", (line, child.stderr.read() if child.stderr else "")


def run_cli(
    *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "serjournal", *map(str, args)],
        capture_output=True,
        text=True,
        env=env or child_env(),
        timeout=120,
    )


def table_counts(journal: Path) -> dict[str, int]:
    with sqlite3.connect(journal) as conn:
        return {
            name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("checkins", "sensations", "emotions", "answers", "tags")
        }


def partial_checkins(journal: Path) -> list[str]:
    """Check-ins whose children are missing or not of the full number, and
    children without a parent: what a torn transaction would leave."""
    from tests.robustness.child import ANSWERS, EMOTIONS, SENSATIONS, TAGS

    expected = {"sensations": SENSATIONS, "emotions": EMOTIONS, "answers": ANSWERS, "tags": TAGS}
    problems: list[str] = []
    with sqlite3.connect(journal) as conn:
        for table, count in expected.items():
            rows = conn.execute(
                f"SELECT c.id, (SELECT count(*) FROM {table} t WHERE t.checkin_id = c.id) AS n "
                f"FROM checkins c WHERE n != ?",
                [count],
            ).fetchall()
            problems += [f"{checkin_id}: {n} {table}" for checkin_id, n in rows]
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE checkin_id NOT IN (SELECT id FROM checkins)"
            ).fetchone()[0]
            if orphans:
                problems.append(f"{orphans} {table} without a check-in")
    return problems


def integrity(journal: Path) -> str:
    with sqlite3.connect(journal) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
