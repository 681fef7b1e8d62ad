"""Reading what sync keeps in the journal (migration m006_sync). Writing it
is store/writes.py's job, like every other write.

    sync_state     key -> value: `machine` (this journal's id in the sync
                   folder; no row: sync was never set up), `label` (its name
                   in logs, the host name), `home` (where the journal file was
                   when it got the id: a copy elsewhere takes a new id),
                   `folder`, `header` (its log's first line), `clock` (the
                   newest stamp used or seen, in ms)
    sync_log       this machine's changes, each as its line in the log: the
                   outbox, kept whole so the log can always be written again
    sync_checkins  each check-in's registers: every field's value and the
                   stamp that set it (sync/registers.py, encode())
    sync_files     how far each log in the folder has been read, or written
                   for this machine's own, and the problem that stopped it
    sync_machines  every machine seen: its name, newest change, changes read
"""

from __future__ import annotations

from dataclasses import dataclass

from serjournal.store.reading import Readable
from serjournal.sync.logfile import Position
from serjournal.sync.registers import Registers, decode


def sync_state(db: Readable) -> dict[str, str]:
    return {str(k): str(v) for k, v in db.execute("SELECT key, value FROM sync_state")}


def sync_machine(db: Readable) -> str | None:
    """This journal's machine id, or None when it has never synced."""
    row = db.execute("SELECT value FROM sync_state WHERE key = 'machine'").fetchone()
    return str(row[0]) if row else None


def registers_of(db: Readable, checkin_id: str) -> Registers:
    row = db.execute(
        "SELECT registers FROM sync_checkins WHERE checkin_id = ?", [checkin_id]
    ).fetchone()
    return decode(row[0]) if row else {}


def position_of(db: Readable, name: str) -> Position | None:
    row = db.execute(
        "SELECT machine, offset, seq, tail FROM sync_files WHERE name = ?", [name]
    ).fetchone()
    return Position(str(row[0]), int(row[1]), int(row[2]), str(row[3])) if row else None


def own_lines(db: Readable, after: int = 0) -> list[tuple[int, int, str]]:
    """(seq, at, line) of this machine's changes after number `after`."""
    return [
        (int(seq), int(at), str(line))
        for seq, at, line in db.execute(
            "SELECT seq, at, line FROM sync_log WHERE seq > ? ORDER BY seq", [after]
        )
    ]


def own_line(db: Readable, seq: int) -> str | None:
    row = db.execute("SELECT line FROM sync_log WHERE seq = ?", [seq]).fetchone()
    return str(row[0]) if row else None


@dataclass
class MachineSeen:
    machine: str
    label: str
    last_at: int | None  # its newest change, ms
    changes: int  # changes read from its logs (for this machine: written)
    read_utc: str | None  # when something new was last read from it


@dataclass
class FileProblem:
    name: str
    problem: str


@dataclass
class SyncStatus:
    machine: str
    label: str
    folder: str
    waiting: int  # this machine's changes not yet written to its log
    machines: list[MachineSeen]
    problems: list[FileProblem]


def sync_status(db: Readable) -> SyncStatus | None:
    """What `sync --status` shows; None when this journal has never synced."""
    state = sync_state(db)
    if "machine" not in state:
        return None
    from serjournal.sync.logfile import own_name

    written = position_of(db, own_name(state["machine"]))
    waiting = db.execute(
        "SELECT count(*) FROM sync_log WHERE seq > ?", [written.seq if written else 0]
    ).fetchone()[0]
    machines = [
        MachineSeen(str(r[0]), str(r[1]), r[2], int(r[3]), r[4])
        for r in db.execute(
            "SELECT machine, name, last_at, changes, read_utc FROM sync_machines "
            "ORDER BY machine != ?, last_at DESC, machine",
            [state["machine"]],
        )
    ]
    problems = [
        FileProblem(str(r[0]), str(r[1]))
        for r in db.execute(
            "SELECT name, problem FROM sync_files WHERE problem IS NOT NULL ORDER BY name"
        )
    ]
    return SyncStatus(
        state["machine"], state.get("label", ""), state.get("folder", ""), int(waiting),
        machines, problems,
    )  # fmt: skip
