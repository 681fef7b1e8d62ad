"""`serjournal sync`: write this machine's new changes into its log in the
folder, then read what is new in every other log there.

The folder is one the user already replicates (Syncthing, Dropbox, iCloud
Drive, Nextcloud, a git checkout); serjournal never talks to the network and
never puts the journal itself there, only the logs. Every step that changes
the journal is a function of store/writes.py, each one transaction:
start_sync, set_sync_folder, seal_own_lines, send_own_log, and apply_remote
per batch. With age keys (SyncKeys, from the config's [backup] table) the
lines leave sealed to the public keys and are opened with the secret key.
"""

from __future__ import annotations

import os
import platform
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages
from serjournal.errors import InputError
from serjournal.paths import OutputError
from serjournal.store import writes
from serjournal.store.sync_state import own_line, position_of, sync_machine, sync_state
from serjournal.sync import logfile

if TYPE_CHECKING:
    from sqlite_utils import Database

    from serjournal.journal import Journal

BATCH = 1000  # changes applied per transaction


@dataclass
class SyncKeys:
    """age keys for the logs: the public keys this machine's lines are sealed
    to, and the secret key file that opens the other machines' lines."""

    recipients: Sequence[str] = ()
    identity: Path | None = None


@dataclass
class _Keys:
    """SyncKeys made ready: checked once, before the journal is opened."""

    seal: Callable[[str], str] | None = None
    identities: Sequence[object] = ()


def _ready(keys: SyncKeys | None) -> _Keys:
    if keys is None:
        return _Keys()
    from serjournal.transfer import age

    ready = _Keys()
    if keys.recipients:
        recipients = list(keys.recipients)
        age.parse_recipients(recipients, from_config=True)  # a bad key: one line, nothing done
        ready.seal = lambda line: logfile.seal_line(line, recipients)
    if keys.identity is not None:
        ready.identities = age.read_identities(keys.identity)
    return ready


@dataclass
class SyncReport:
    folder: Path
    notes: list[str] = field(default_factory=list)  # said once: a start, a new id, a rewrite
    warnings: list[str] = field(default_factory=list)
    sent: int = 0
    received: int = 0
    checkins: int = 0
    machines: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)  # logs not read to the end
    not_sent: str | None = None  # the folder could not be written

    def summary(self) -> str:
        sent = messages.SYNC_NOTHING_SENT
        if self.sent:
            sent = messages.SYNC_SENT.format(
                count=messages.sync_count(self.sent, "change", "changes")
            )
        received = messages.SYNC_NOTHING_RECEIVED
        if self.received:
            received = messages.SYNC_RECEIVED.format(
                count=messages.sync_count(self.received, "change", "changes"),
                machines=messages.sync_count(len(self.machines), "other machine", "other machines"),
                checkins=messages.sync_count(self.checkins, "check-in", "check-ins"),
            )
        return messages.SYNC_DONE.format(folder=self.folder, sent=sent, received=received)


class _Twin(Exception):
    """A line in the folder claims this machine's id, and this machine did not write it."""

    def __init__(self, machine: str) -> None:
        super().__init__(machine)
        self.machine = machine


def sync(
    journal: Journal,
    folder: Path | None = None,
    now: datetime | None = None,
    keys: SyncKeys | None = None,
) -> SyncReport:
    """Sync the journal through `folder` (default: the one it synced through
    last). A missing or unusable folder, or unusable keys, are refused before
    the journal is opened, so a mistyped name creates nothing."""
    chosen = folder or remembered_folder(journal)
    if chosen is None:
        raise InputError(messages.SYNC_NO_FOLDER)
    chosen = Path(os.path.abspath(chosen.expanduser()))
    _check_folder(chosen)
    ready = _ready(keys)
    db = journal.open()
    try:
        return _sync(db, journal, chosen, now, ready)
    finally:
        db.close()


def _sync(
    db: Database, journal: Journal, folder: Path, now: datetime | None, keys: _Keys
) -> SyncReport:
    state = sync_state(db)
    remembered = state.get("folder")
    report = SyncReport(folder)
    if _inside(journal.real_path, folder) or _inside(journal.path, folder):
        report.warnings.append(
            messages.SYNC_JOURNAL_INSIDE.format(journal=journal.path, folder=folder)
        )
    if remembered and remembered != str(folder):
        writes.set_sync_folder(db, str(folder))
        report.notes.append(messages.SYNC_FOLDER_CHANGED.format(folder=folder, old=remembered))
    if "machine" not in state:
        machine = _start(db, journal, folder, None)
        report.notes.append(
            messages.SYNC_STARTED.format(folder=folder, label=machine_label(), machine=machine)
        )
    elif state.get("home") != machine_home(journal):
        machine = _start(db, journal, folder, state["machine"])
        report.notes.append(messages.SYNC_NEW_IDENTITY.format(machine=machine))
    _send(db, journal, folder, report, keys)
    try:
        _receive(db, journal, folder, report, now, keys)
    except _Twin as twin:
        machine = _start(db, journal, folder, twin.machine)
        report.notes.append(messages.SYNC_TWIN.format(machine=machine))
        _send(db, journal, folder, report, keys)
        _receive(db, journal, folder, report, now, keys)
    return report


def remembered_folder(journal: Journal) -> Path | None:
    """The folder the journal last synced through (read only), if any."""
    connection = journal.open_for_reading()
    if connection is None:
        return None
    try:
        folder = sync_state(connection).get("folder")
    finally:
        connection.close()
    return Path(folder) if folder else None


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise InputError(messages.SYNC_FOLDER_MISSING.format(folder=folder))
    if not folder.is_dir():
        raise InputError(messages.SYNC_FOLDER_NOT_DIR.format(folder=folder))
    try:
        os.listdir(folder)
    except OSError as error:
        raise InputError(
            messages.SYNC_FOLDER_UNREADABLE.format(folder=folder, reason=error.strerror or error)
        ) from None


def _inside(path: Path, folder: Path) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real.startswith(top.rstrip(os.sep) + os.sep)


# --- Who this machine is ---------------------------------------------------------------------


def machine_label() -> str:
    """The name other machines show for this one: its host name."""
    return (platform.node() or "machine").strip()[:64] or "machine"


def machine_home(journal: Journal) -> str:
    """Where this journal file lives: host, device and inode. A copy of the
    file on another computer (or beside it) has another home, and so gets
    its own machine id instead of writing into this one's log."""
    try:
        info = os.stat(journal.real_path)
    except OSError:
        return machine_label()
    return f"{machine_label()}:{info.st_dev}:{info.st_ino}"


def _start(db: Database, journal: Journal, folder: Path, replacing: str | None) -> str:
    """A new machine id for this journal, unless another process just gave
    it one (in place of `replacing`, the id this one saw): the id in force."""
    machine = secrets.token_hex(8)
    created = datetime.now().astimezone()
    return writes.start_sync(
        db,
        replacing=replacing,
        machine=machine,
        label=machine_label(),
        home=machine_home(journal),
        folder=str(folder),
        header=logfile.header_line(machine, machine_label(), created),
    )


# --- Writing this machine's log -----------------------------------------------------------------


def _send(db: Database, journal: Journal, folder: Path, report: SyncReport, keys: _Keys) -> None:
    def write(own: writes.OwnLog) -> logfile.Position:
        return _write_own(folder, journal, own, report, keys.identities)

    try:
        if keys.seal is not None:
            writes.seal_own_lines(db, keys.seal)
        try:
            report.sent += writes.send_own_log(db, write, keys.seal)
        except _Twin as twin:
            machine = _start(db, journal, folder, twin.machine)
            report.notes.append(messages.SYNC_TWIN.format(machine=machine))
            if keys.seal is not None:
                writes.seal_own_lines(db, keys.seal)
            report.sent += writes.send_own_log(db, write, keys.seal)
    except (OutputError, OSError, logfile.LogProblem) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        waiting = len(_waiting(db))
        report.not_sent = messages.SYNC_FOLDER_READ_ONLY.format(
            folder=folder, reason=reason, count=waiting
        )


def _waiting(db: Database) -> list[tuple[int, int, str]]:
    from serjournal.store.sync_state import own_lines

    machine = sync_machine(db)
    position = position_of(db, logfile.own_name(machine)) if machine else None
    return own_lines(db, position.seq if position else 0)


def _write_own(
    folder: Path,
    journal: Journal,
    own: writes.OwnLog,
    report: SyncReport,
    identities: Sequence[object] = (),
) -> logfile.Position:
    """Bring this machine's log file up to date; its new position."""
    path = folder / logfile.own_name(own.machine)
    if os.path.lexists(path) and journal.owns(path):  # opening it would drop SQLite's locks
        raise logfile.LogProblem(messages.SYNC_LOG_IS_JOURNAL.format(file=path.name))
    if not os.path.lexists(path):
        data = logfile.text_of(own.header, own.everything())
        logfile.create(path, journal, data, overwrite=False)
        return _end(own, path, len(data), len(own.everything()))
    position = own.position
    if position is not None:
        size, tail = logfile.size_and_tail(path, position.offset)
        if size >= position.offset and tail == position.tail:
            pending = logfile.text_of_lines(own.pending)
            extra = logfile.read_range(path, position.offset, size)
            if pending.startswith(extra):  # (extra: written by a sync killed before recording)
                if len(pending) > len(extra):
                    logfile.append(path, journal, pending[len(extra) :], expected_size=size)
                end = position.offset + len(pending)
                return _end(own, path, end, position.seq + len(own.pending))
    everything = own.everything()
    whole = logfile.text_of(own.header, everything)
    current = logfile.read_whole(path)
    if whole.startswith(current):
        if len(whole) > len(current):
            logfile.append(path, journal, whole[len(current) :], expected_size=len(current))
    else:
        if _foreign(current, own.machine, everything, identities):
            raise _Twin(own.machine)
        logfile.create(path, journal, whole, overwrite=True)
        report.notes.append(messages.SYNC_LOG_REWRITTEN.format(file=path.name))
    return _end(own, path, len(whole), len(everything))


def _end(own: writes.OwnLog, path: Path, offset: int, seq: int) -> logfile.Position:
    _size, tail = logfile.size_and_tail(path, offset)
    return logfile.Position(own.machine, offset, seq, tail)


def _foreign(data: bytes, machine: str, ours: list[str], identities: Sequence[object] = ()) -> bool:
    """Whether the file holds a well-formed change in this machine's name
    that this machine did not write (a copy of the journal writing as it)."""
    reading = logfile.parse_bytes(data, identities)
    if reading.position.machine != machine:
        return False
    return any(c.seq > len(ours) or ours[c.seq - 1] != c.line for c in reading.changes)


# --- Reading the other logs -----------------------------------------------------------------------


def _receive(
    db: Database,
    journal: Journal,
    folder: Path,
    report: SyncReport,
    now: datetime | None,
    keys: _Keys,
) -> None:
    machine = sync_machine(db)
    assert machine is not None
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        raise InputError(
            messages.SYNC_FOLDER_UNREADABLE.format(folder=folder, reason=error.strerror or error)
        ) from None
    for name in names:
        if not logfile.is_log_name(name) or name == logfile.own_name(machine):
            continue
        path = folder / name
        if _unchanged(db, path, name):
            continue
        while True:
            applied = writes.apply_remote(db, _reader(journal, path, name, keys.identities), now)
            report.received += applied.changes
            report.checkins += applied.checkins
            if applied.changes:
                report.machines.update(_machines_of(db, name))
            if applied.problem:
                report.problems.append(applied.problem)
            if not applied.more:
                break
    report.machines.discard(machine)


def _unchanged(db: Database, path: Path, name: str) -> bool:
    """Nothing new since the last read, and nothing wrong then: skip the file."""
    row = db.execute("SELECT offset, problem FROM sync_files WHERE name = ?", [name]).fetchone()
    if row is None or row[1] is not None:
        return False
    try:
        return os.lstat(path).st_size == int(row[0])
    except OSError:
        return False


def _machines_of(db: Database, name: str) -> set[str]:
    row = db.execute("SELECT machine FROM sync_files WHERE name = ?", [name]).fetchone()
    return {str(row[0])} if row and row[0] else set()


def _reader(
    journal: Journal, path: Path, name: str, identities: Sequence[object] = ()
) -> writes.ReadBatch:
    def read(db: Database) -> writes.RemoteBatch:
        if not os.path.lexists(path):
            return writes.RemoteBatch(name)  # gone since the folder was listed: nothing to do
        if journal.owns(path):
            return writes.RemoteBatch(name, problem=messages.SYNC_LOG_IS_JOURNAL.format(file=name))
        try:
            reading = logfile.read_new(path, position_of(db, name), BATCH, identities)
        except logfile.LogProblem as problem:
            return writes.RemoteBatch(name, problem=str(problem))
        except OSError as error:  # vanished or unreadable half way: next time, perhaps
            reason = error.strerror or error
            return writes.RemoteBatch(
                name, problem=messages.SYNC_LOG_UNREADABLE.format(file=name, reason=reason)
            )
        own = sync_machine(db)
        for change in reading.changes:
            if change.machine == own and own_line(db, change.seq) != change.line:
                raise _Twin(change.machine)
        return writes.RemoteBatch(
            name, reading.changes, reading.position, reading.label, reading.problem, reading.more
        )

    return read
