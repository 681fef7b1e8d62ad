"""Random interleavings of different commands on one journal, by 4 processes.

Each worker (tests/robustness/mixer.py) runs a seeded random sequence of
checkin, edit --tag, edit --add-emotion, delete, undo, trash restore,
import, backup, restore and sync through the real command line. Afterwards
every write a command reported as done must be found: in the journal (live
or in its trash) or in one of the copies restore set aside. A tag that was
acknowledged must be on some version of its entry: that is "no edit lost".
And whatever raced with the syncs, the journal is exactly what its sync
registers say, and a last sync leaves a log that gives another machine the
same journal.

SERJOURNAL_STRESS=1 runs the long version. The figures of the last run are
printed (pytest -s shows them) for the README and the closing note.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.robustness.procs import SPAWNED, child_env

MIXER = Path(__file__).with_name("mixer.py")
STRESS = os.environ.get("SERJOURNAL_STRESS") == "1"
PROCESSES = 4
ROUNDS = 8 if STRESS else 2
OPS = 120 if STRESS else 30


def spawn(*args: str | Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, str(MIXER), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(SERJOURNAL_CONFIG="/nonexistent/serjournal.toml"),
    )
    SPAWNED.append(child)
    return child


class Snapshot:
    """One journal file's contents: live check-ins and trashed versions,
    each as its dictionary form."""

    def __init__(self, path: Path) -> None:
        self.versions: dict[str, list[dict[str, Any]]] = {}
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], path
            for checkin_id, tag in conn.execute("SELECT checkin_id, tag FROM tags"):
                self._version(checkin_id, "live").setdefault("tags", []).append(tag)
            for (checkin_id,) in conn.execute("SELECT id FROM checkins"):
                self._version(checkin_id, "live")
            for (record,) in conn.execute("SELECT record FROM trash"):
                data = json.loads(record)
                self.versions.setdefault(data["id"], []).append(data)

    def _version(self, checkin_id: str, kind: str) -> dict[str, Any]:
        versions = self.versions.setdefault(checkin_id, [])
        for version in versions:
            if version.get("kind") == kind:
                return version
        versions.append({"kind": kind, "tags": []})
        return versions[-1]


def missing(acks: list[dict[str, Any]], snapshots: list[Snapshot]) -> list[dict[str, Any]]:
    """The acknowledged writes no snapshot holds."""

    def has(checkin_id: str) -> bool:
        return any(checkin_id in s.versions for s in snapshots)

    def tagged(checkin_id: str, tag: str) -> bool:
        return any(
            tag in version.get("tags", [])
            for s in snapshots
            for version in s.versions.get(checkin_id, [])
        )

    def has_short(short: str | None) -> bool:
        return short is not None and any(k.startswith(short) for s in snapshots for k in s.versions)

    lost = []
    for ack in acks:
        op = ack["op"]
        found = {
            "checkin": lambda a: has(a["id"]),
            "tag": lambda a: tagged(a["id"], a["tag"]),
            "emotion": lambda a: has(a["id"]),
            "delete": lambda a: has(a["id"]),
            "undo": lambda a: has_short(a["short"]),
            "trash-restore": lambda a: has(a["id"]),
            "import": lambda a: all(has(i) for i in a["ids"]),
            "backup": lambda a: Path(a["file"]).exists() and bool(Snapshot(Path(a["file"]))),
            "restore": lambda a: True,  # its aside copy is among the snapshots
            "sync": lambda a: True,  # it writes no entry; checked whole at the end
        }[op](ack)
        if not found:
            lost.append(ack)
    return lost


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_random_interleavings_of_every_command_lose_nothing(tmp_path: Path, round_: int) -> None:
    journal = tmp_path / "journal.db"
    start = tmp_path / "start"
    workers = [
        spawn(journal, tmp_path, start, 1000 * round_ + n, OPS, f"p{n}") for n in range(PROCESSES)
    ]
    for worker in workers:
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "ready"
    start.touch()
    acks: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err
        assert "Traceback" not in err, err
        for line in out.splitlines():
            record = json.loads(line)
            (refused if record["op"] == "refused" else acks).append(record)
    for record in refused:  # a clean refusal (the entry was deleted a moment ago) is fine
        assert record["code"] in (2, 3) and "Traceback" not in record["error"], record
    snapshots = [Snapshot(journal)]
    snapshots += [Snapshot(p) for p in tmp_path.glob("journal-before-restore-*.db")]
    assert missing(acks, snapshots) == []
    counts = Counter(a["op"] for a in acks)
    if counts["sync"]:
        the_log_gives_the_same_journal(journal, tmp_path)
    writes = sum(n for op, n in counts.items() if op not in ("backup", "sync"))
    print(
        f"\ninterleaving {round_}: {PROCESSES} processes, {len(acks) + len(refused)} commands, "
        f"{writes} acknowledged writes ({dict(counts)}), {len(refused)} refused cleanly, 0 lost"
    )
    assert counts["checkin"] > 0 and counts["tag"] > 0  # the mix really happened


def the_log_gives_the_same_journal(journal: Path, folder: Path) -> None:
    """Every change reached the log: a new machine that reads it (after a
    last sync) holds the same check-ins, live and in the trash."""
    from serjournal.journal import Journal
    from serjournal.store.stream import iter_checkins
    from serjournal.sync.run import sync

    sync(Journal(journal), folder / "sync")
    other = Journal(folder / "other" / "journal.db")
    sync(other, folder / "sync")

    def contents(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
        conn = Journal(path).open_for_reading()
        assert conn is not None
        try:
            live = {c.id: c.to_dict() for c in iter_checkins(conn)}
            rows = conn.execute("SELECT checkin_id, record FROM trash ORDER BY deleted_utc, id")
            return live, {i: json.loads(r) for i, r in rows if i not in live}
        finally:
            conn.close()

    assert contents(other.path) == contents(journal)
