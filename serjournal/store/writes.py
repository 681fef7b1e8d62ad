"""Every change to the journal, and nothing else: the one writer.

Each public function here is one mutation: one BEGIN IMMEDIATE transaction
that reads what it changes inside that transaction and applies the change to
what it read, never to a copy read earlier (which would undo what another
terminal did in between). No other module writes to the journal; the rest
of the program reads, and asks these functions to write.

    save_checkin        a new check-in (a retry of the same save is recognised)
    import_checkins     many new check-ins at once, all or none
    bulk_insert         a brand-new demo or benchmark journal, in chunks
    edit_checkin        a change to a saved check-in (flags, or the edit menu)
    delete_checkin      into the trash, every deleted version kept
    restore_deleted     undo, trash restore
    replace_contents    restore from a backup, under one lock from start to end
    record_report       that a practitioner report covered these days

Sync (serjournal/sync/): once a journal syncs, every one of these also
records what it changed, in the same transaction (_record): the check-in's
registers and one line for this machine's log. These write the rest:

    start_sync          a machine id for this journal, and its whole state into its log
    set_sync_folder     another sync folder: every log there is read from the start
    send_own_log        this machine's new lines into its log file, and how far it is written
    apply_remote        another machine's changes, one batch of one log file at a time
"""

from __future__ import annotations

import copy
import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeAlias

from serjournal import messages
from serjournal.errors import InputError
from serjournal.models import CheckIn, format_utc, utc_now
from serjournal.store.checkins import (
    CHECKIN_COLUMNS,
    CHILD_TABLES,
    checkin_exists,
    checkin_row,
    child_rows,
    load_checkin,
    same_answers,
)
from serjournal.store.connection import journal_error, path_of, write_transaction
from serjournal.store.stream import iter_checkins
from serjournal.store.sync_state import (
    own_lines,
    position_of,
    registers_of,
    sync_machine,
    sync_state,
)
from serjournal.store.trash import KEEP_DAYS, checkin_from_record, cutoff, find_in_trash, in_trash
from serjournal.sync import logfile
from serjournal.sync.registers import (
    Register,
    Registers,
    Stamp,
    State,
    changes,
    decode,
    describe,
    described,
    encode,
    wins,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from serjournal.vocabulary import Vocabulary


@contextmanager
def _writing(db: Database) -> Iterator[Database]:
    """One write transaction; SQLite errors become one line naming the file."""
    try:
        with write_transaction(db):
            yield db
    except sqlite3.Error as error:
        raise journal_error(error, path_of(db)) from None


# --- New check-ins ----------------------------------------------------------------------


def save_checkin(db: Database, checkin: CheckIn, now: datetime | None = None) -> bool:
    """Write the whole check-in, or nothing. False when this same check-in is
    already there (a script retrying a save with its --id); a different entry
    with the id, live or in the trash, is refused."""
    with _writing(db):
        if checkin_exists(db, checkin.id):
            if same_answers(load_checkin(db, checkin.id), checkin):
                return False
            raise InputError(messages.DUPLICATE_ID.format(id=checkin.id))
        if in_trash(db, checkin.id):
            raise InputError(messages.ID_IN_TRASH.format(id=checkin.id))
        _insert(db, checkin)
        _record(db, [checkin.id], now)
    return True


@dataclass
class ImportCounts:
    added: int = 0
    already_there: int = 0  # same id in the journal
    in_trash: int = 0  # same id deleted: not brought back behind the user's back


def import_checkins(db: Database, checkins: Iterable[CheckIn]) -> ImportCounts:
    """Add every check-in whose id is new, in one transaction: all or none.

    For sync an imported check-in is a save dated by its own edit (or
    creation) time, not by the import: an old export brought in on one
    machine must not undo what another machine changed since."""
    counts = ImportCounts()
    with _writing(db):
        added = []
        for checkin in checkins:
            if checkin_exists(db, checkin.id):
                counts.already_there += 1
            elif in_trash(db, checkin.id):
                counts.in_trash += 1
            else:
                _insert(db, checkin)
                added.append(checkin.id)
                counts.added += 1
        _record(db, added, by_content=True)
    return counts


def bulk_insert(db: Database, checkins: Iterable[CheckIn], chunk: int = 500) -> int:
    """Invented check-ins into a new journal (demo, benchmarks), `chunk` per
    transaction so ten years need not sit in memory at once."""
    total = 0
    iterator = iter(checkins)
    while batch := list(islice(iterator, chunk)):
        with _writing(db):
            db.table("checkins").insert_all([checkin_row(c) for c in batch], batch_size=500)
            for table in CHILD_TABLES:
                rows = [row for c in batch for row in child_rows(c)[table]]
                db.table(table).insert_all(rows, batch_size=500)
            _record(db, [c.id for c in batch], by_content=True)
        total += len(batch)
    return total


def _insert(db: Database, checkin: CheckIn) -> None:
    db.table("checkins").insert(checkin_row(checkin))
    _insert_children(db, checkin)


def _insert_children(db: Database, checkin: CheckIn) -> None:
    for table, rows in child_rows(checkin).items():
        db.table(table).insert_all(rows)


def _insert_plain(db: Database, checkin: CheckIn, *, children_only: bool = False) -> None:
    """The same rows by plain INSERTs, for sync, which writes thousands when
    another machine's years arrive: sqlite-utils' insert_all looks the table
    up again on every call, and made that three times slower."""
    if not children_only:
        _insert_rows(db, "checkins", [checkin_row(checkin)])
    for table, rows in child_rows(checkin).items():
        _insert_rows(db, table, rows)


def _insert_rows(db: Database, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    db.conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [[row[column] for column in columns] for row in rows],
    )


# --- Editing ------------------------------------------------------------------------------


class EditConflict(InputError):
    """The entry changed (or was deleted) since the editor read it."""

    def __init__(self, message: str, current: CheckIn | None) -> None:
        super().__init__(message)
        self.current = current


@dataclass
class Edited:
    checkin: CheckIn
    changed: bool
    before: CheckIn | None = None  # the entry as it was just before this edit


def edit_checkin(
    db: Database,
    checkin_id: str,
    change: Callable[[CheckIn], CheckIn],
    *,
    vocabulary: Vocabulary,
    expected: CheckIn | None = None,
    now: datetime | None = None,
) -> Edited:
    """Apply `change` to the entry as it is now, inside the transaction.

    `change` gets a copy of the stored check-in and returns the edited one:
    flag edits add and remove on what is stored this instant, so twenty
    terminals tagging at once keep twenty tags. An edit made over minutes in
    the menu passes `expected`, the entry as it was read then: if it is not
    exactly that any more, EditConflict, and nothing is written.
    """
    from serjournal.answers import checkin_from_dict

    with _writing(db):
        if not checkin_exists(db, checkin_id):
            if expected is not None:
                raise EditConflict(messages.EDIT_GONE.format(short_id=checkin_id[:8]), None)
            raise InputError(messages.NO_SUCH_CHECKIN.format(id=checkin_id))
        current = load_checkin(db, checkin_id)
        if expected is not None and current.to_dict() != expected.to_dict():
            raise EditConflict(messages.EDIT_CONFLICT.format(short_id=checkin_id[:8]), current)
        edited = change(copy.deepcopy(current))
        checked = checkin_from_dict(
            edited.to_dict(),
            _with_words_of(current, vocabulary),
            # Answers saved before the length limit existed must not block an edit.
            stored_texts=frozenset([*current.answers.values(), *current.tags]),
        )
        checked.edited_utc = current.edited_utc
        if same_answers(checked, current):
            return Edited(current, changed=False)
        checked.edited_utc = now or utc_now()
        _replace_rows(db, checked, [c for c in CHECKIN_COLUMNS if c not in _FIXED])
        _record(db, [checkin_id], now)
    return Edited(checked, changed=True, before=current)


# What an edit never changes: which entry it is and the moment it was lived.
_FIXED = ("id", "created_utc", "local_date", "utc_offset_minutes")


def _replace_rows(
    db: Database, checkin: CheckIn, columns: Iterable[str], *, plain: bool = False
) -> None:
    """Rewrite a live check-in's row (these columns) and all its child rows."""
    row = checkin_row(checkin)
    names = list(columns)
    db.execute(
        f"UPDATE checkins SET {', '.join(f'{c} = ?' for c in names)} WHERE id = ?",
        [row[c] for c in names] + [checkin.id],
    )
    for table in CHILD_TABLES:
        db.execute(f"DELETE FROM {table} WHERE checkin_id = ?", [checkin.id])
    if plain:
        _insert_plain(db, checkin, children_only=True)
    else:
        _insert_children(db, checkin)


def _with_words_of(stored: CheckIn, vocabulary: Vocabulary) -> Vocabulary:
    """The vocabulary plus the words the entry already uses: a region or
    quality since dropped from the config must not block editing its mood."""
    extended = copy.deepcopy(vocabulary)
    regions = [s.region for s in stored.sensations] + [e.region for e in stored.emotions]
    for region in regions:
        if region and region not in extended.regions:
            extended.regions.append(region)
        if region:  # a stored word stays itself, even one an alias now maps elsewhere
            extended.region_aliases.pop(region, None)
    for quality in (s.quality for s in stored.sensations):
        if quality not in extended.qualities:
            extended.qualities.append(quality)
    return extended


# --- Deleting and bringing back --------------------------------------------------------------


def delete_checkin(db: Database, checkin_id: str, now: datetime | None = None) -> CheckIn:
    """Move the check-in to the trash, whole. Every deletion keeps its own
    row, so deleting an entry again never replaces the version deleted first."""
    moment = now or utc_now()
    with _writing(db):
        checkin = load_checkin(db, checkin_id)  # raises when it is not there (any more)
        db.execute(
            "INSERT INTO trash (checkin_id, deleted_utc, record) VALUES (?, ?, ?)",
            [checkin.id, format_utc(moment), json.dumps(checkin.to_dict(), ensure_ascii=False)],
        )
        db.execute("DELETE FROM checkins WHERE id = ?", [checkin.id])
        _purge_expired(db, moment)
        _record(db, [checkin.id], now)  # stamped to the millisecond when `now` is not given
    return checkin


def restore_deleted(
    db: Database, checkin_id: str | None = None, now: datetime | None = None
) -> CheckIn:
    """Bring back the newest deleted version of one check-in (by id or unique
    prefix), or the most recently deleted check-in when no id is given."""
    moment = now or utc_now()
    with _writing(db):
        _purge_expired(db, moment)
        row_id, record = find_in_trash(db, checkin_id, since=cutoff(moment))
        checkin = checkin_from_record(json.loads(record))
        if checkin_exists(db, checkin.id):
            raise InputError(messages.TRASH_ALREADY_BACK.format(id=checkin.id[:8]))
        _insert(db, checkin)
        db.execute("DELETE FROM trash WHERE id = ?", [row_id])
        _record(db, [checkin.id], now)
    return checkin


def _purge_expired(db: Database, now: datetime) -> int:
    """Forget what was deleted more than KEEP_DAYS ago. Only ever part of a
    write the user asked for: looking at the trash purges nothing."""
    return int(db.execute("DELETE FROM trash WHERE deleted_utc < ?", [cutoff(now)]).rowcount)


# --- Restoring a backup ------------------------------------------------------------------------


def replace_contents(
    db: Database, source: sqlite3.Connection, keep_aside: Callable[[], object]
) -> int:
    """Make the journal hold exactly what `source` (a checked backup, upgraded
    to this schema) holds. Returns how many check-ins it now has.

    The write lock is taken first and held to the end: `keep_aside` copies
    the journal as it is while no one can write, then the rows are replaced,
    and only then can the next writer go on. So every check-in a second
    terminal saves lands either in the aside copy or, after waiting, in the
    restored journal. Replacing rows (not the file) keeps SQLite's own
    locks meaningful for every process that has the journal open.

    For sync a restore is a change like any other, made now: the machine
    keeps its identity and its place in every log (the sync tables are not
    replaced), and every check-in the restore changed, brought back or
    removed is recorded, so the other machines follow (what it removed goes
    to their trash).
    """
    with _writing(db):
        keep_aside()
        before = {r[0] for r in db.execute("SELECT checkin_id FROM sync_checkins")}
        tables = _content_tables(db)
        for table in tables:
            db.execute(f"DELETE FROM [{table}]")
        for table in tables:  # parents first: checkins before the rows that point at it
            columns = [r[1] for r in db.execute(f"PRAGMA table_info([{table}])")]
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" * len(columns))
            cursor = source.execute(f"SELECT {names} FROM [{table}]")
            while rows := cursor.fetchmany(500):
                db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", rows)
        after = {
            r[0] for r in db.execute("SELECT id FROM checkins UNION SELECT checkin_id FROM trash")
        }
        _record(db, sorted(before | after))
        return int(db.execute("SELECT count(*) FROM checkins").fetchone()[0])


# --- Reports ---------------------------------------------------------------------------------


def record_report(
    db: Database,
    first_day: date,
    last_day: date,
    *,
    with_notes: bool,
    write: Callable[[], object],
    follows: date | None = None,
    now: datetime | None = None,
) -> None:
    """Note that a report covered first_day to last_day (for --since
    last-report), and call `write` (which writes the report out) inside the
    same transaction: the report is noted if and only if it was written.
    A journal another program holds fails here, before anything is written.
    `follows`: the last day of the last report this one was made to follow
    (--since last-report); if another report was made since, nothing is
    written and InputError says so."""
    with _writing(db):
        if follows is not None:
            row = db.execute("SELECT max(last_day) FROM reports").fetchone()
            if row[0] != follows.isoformat():
                raise InputError(messages.REPORT_MADE_MEANWHILE)
        write()
        db.execute(
            "INSERT INTO reports (made_utc, first_day, last_day, with_notes) VALUES (?, ?, ?, ?)",
            [
                format_utc(now or utc_now()),
                first_day.isoformat(),
                last_day.isoformat(),
                int(with_notes),
            ],
        )


def _content_tables(db: Database) -> list[str]:
    """The tables holding the user's data, checkins first. The full-text
    index follows its triggers; SQLite's and sqlite-utils' own tables stay,
    and so does sync's bookkeeping (this machine's, not the backup's)."""
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'answers_fts%' AND name != '_sqlite_migrations' "
            "AND name NOT LIKE 'sync\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    return ["checkins", *(n for n in names if n != "checkins")]


# --- Sync: every change recorded, the changes of other machines applied ------------------


def _record(
    db: Database, ids: Iterable[str], now: datetime | None = None, *, by_content: bool = False
) -> None:
    """Inside a mutation's transaction: when the journal syncs, note what the
    mutation changed in each check-in (its registers, one line of this
    machine's log), and leave the check-in exactly as its registers say.

    Changes are stamped with this machine's clock (never behind a stamp it
    has seen, so a change made after reading another machine's wins over
    it); `by_content` stamps a check-in by its own edit or creation time
    instead (imports)."""
    machine = sync_machine(db)
    if machine is None:
        return
    at = _next_stamp(db, now)
    for checkin_id in dict.fromkeys(ids):
        state = _journal_state(db, checkin_id)
        stamp_at = _content_at(state.checkin) if by_content and state.checkin else at
        registers = _note(db, checkin_id, state, Stamp(stamp_at, machine))
        _settle(db, checkin_id, current=registers, live_now=state.checkin if state.live else None)


def _note(
    db: Database, checkin_id: str, state: State, stamp: Stamp, current: Registers | None = None
) -> Registers:
    """Set the registers that differ from `state` and log the change;
    returns the registers as they are now."""
    current = registers_of(db, checkin_id) if current is None else current
    values = changes(state, current, stamp)
    if not values:
        return current
    new = not described(current)
    for name, value in values.items():
        if wins(value, stamp, current.get(name)):  # a content stamp may be older
            current[name] = Register(value, stamp)
    _store_registers(db, checkin_id, current)
    _log_line(db, stamp.at, logfile.op_for(values, new=new), checkin_id, values)
    return current


def _log_line(db: Database, at: int, op: str, checkin_id: str, values: dict[str, Any]) -> None:
    seq = int(db.execute("SELECT coalesce(max(seq), 0) + 1 FROM sync_log").fetchone()[0])
    line = logfile.encode_line(seq, at, op, checkin_id, values)
    db.execute("INSERT INTO sync_log (seq, at, line) VALUES (?, ?, ?)", [seq, at, line])


def _store_registers(db: Database, checkin_id: str, current: Registers) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sync_checkins (checkin_id, registers) VALUES (?, ?)",
        [checkin_id, encode(current)],
    )


def _next_stamp(db: Database, now: datetime | None) -> int:
    """This machine's clock: the wall clock in ms, but always after every
    stamp used or seen before (a hybrid logical clock)."""
    wall = _ms(now) if now is not None else time.time_ns() // 1_000_000
    row = db.execute("SELECT value FROM sync_state WHERE key = 'clock'").fetchone()
    at = max(wall, int(row[0]) + 1 if row else 0)
    _set_state(db, clock=str(at))
    return at


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(milliseconds=1)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _content_at(checkin: CheckIn) -> int:
    return _ms(checkin.edited_utc or checkin.created_utc)


def _set_state(db: Database, **values: str) -> None:
    marks = ", ".join(["(?, ?)"] * len(values))
    db.execute(
        f"INSERT OR REPLACE INTO sync_state (key, value) VALUES {marks}",
        [item for pair in values.items() for item in pair],
    )


def _journal_state(db: Database, checkin_id: str) -> State:
    if checkin_exists(db, checkin_id):
        return State(load_checkin(db, checkin_id), live=True)
    row = _newest_in_trash(db, checkin_id)
    return State(checkin_from_record(json.loads(row[1])) if row else None, live=False)


def _newest_in_trash(db: Database, checkin_id: str) -> tuple[int, str] | None:
    row = db.execute(
        "SELECT id, record FROM trash WHERE checkin_id = ? ORDER BY deleted_utc DESC, id DESC "
        "LIMIT 1",
        [checkin_id],
    ).fetchone()
    return (int(row[0]), str(row[1])) if row else None


def _settle(
    db: Database,
    checkin_id: str,
    now: datetime | None = None,
    current: Registers | None = None,
    live_now: CheckIn | None = None,
) -> bool:
    """Make the journal hold what the registers (`current`, or as stored)
    say of one check-in: live with exactly these answers, or in the trash.
    `live_now` is the check-in as the journal holds it, when the caller has
    just read it. True when the journal changed."""
    if current is None:
        current = registers_of(db, checkin_id)
    description = describe(checkin_id, current)
    if description is None:
        return False  # its save has not arrived yet
    wanted = description.checkin
    live = live_now is not None or checkin_exists(db, checkin_id)
    trashed = _newest_in_trash(db, checkin_id)
    if not description.deleted:
        if live:
            if _text(live_now or load_checkin(db, checkin_id)) == _text(wanted):
                return False
            _replace_rows(db, wanted, CHECKIN_COLUMNS[1:], plain=True)
            return True
        _insert_plain(db, wanted)
        if trashed:
            db.execute("DELETE FROM trash WHERE id = ?", [trashed[0]])
        return True
    record = json.dumps(wanted.to_dict(), ensure_ascii=False)
    assert description.deleted_at is not None
    deleted_utc = format_utc(_EPOCH + timedelta(milliseconds=description.deleted_at))
    recent = deleted_utc >= cutoff(now)  # deleted long ago elsewhere: past its days in the trash
    if live:
        if recent:
            _put_in_trash(db, checkin_id, deleted_utc, record)
        db.execute("DELETE FROM checkins WHERE id = ?", [checkin_id])
        return True
    if trashed is None:
        if recent:
            _put_in_trash(db, checkin_id, deleted_utc, record)
        return False
    if json.loads(trashed[1]) == wanted.to_dict():
        return False
    db.execute("UPDATE trash SET record = ? WHERE id = ?", [record, trashed[0]])
    return True


def _put_in_trash(db: Database, checkin_id: str, deleted_utc: str, record: str) -> None:
    db.execute(
        "INSERT INTO trash (checkin_id, deleted_utc, record) VALUES (?, ?, ?)",
        [checkin_id, deleted_utc, record],
    )


def _text(checkin: CheckIn) -> str:
    return json.dumps(checkin.to_dict(), ensure_ascii=False)


def start_sync(
    db: Database,
    *,
    replacing: str | None,
    machine: str,
    label: str,
    home: str,
    folder: str,
    header: str,
) -> str:
    """Give this journal its machine id and put its whole state in its log.

    The first time, every check-in is logged as saved (dated by its own
    edit or creation time, so an old copy never beats newer edits made
    elsewhere) and every one in the trash as deleted when it was. A journal
    that had an id (copied to another computer, or found writing into
    another's log) keeps its registers and logs again, under the new id,
    the changes it made itself; its old log becomes one more log to read.

    `replacing` is the id the caller saw (None: none yet); if another
    process changed it meanwhile, nothing is done. Returns the id in force."""
    with _writing(db):
        old = sync_machine(db)
        if old != replacing:
            return str(old)  # another terminal's sync did it a moment ago
        db.execute("DELETE FROM sync_log")
        _set_state(db, machine=machine, label=label, home=home, folder=folder, header=header)
        if old is None:
            _log_whole_journal(db, machine)
        else:
            _log_own_registers(db, old, machine)
        _seen(db, machine, label)
        if not db.execute("SELECT 1 FROM sync_state WHERE key = 'clock'").fetchone():
            _set_state(db, clock="0")
        return machine


def _log_whole_journal(db: Database, machine: str) -> None:
    for checkin in list(iter_checkins(db)):  # never synced before: no registers yet
        stamp = Stamp(_content_at(checkin), machine)
        registers = _note(db, checkin.id, State(checkin, live=True), stamp, current={})
        _settle(db, checkin.id, current=registers, live_now=checkin)
    trashed = db.execute(
        "SELECT checkin_id, max(deleted_utc) FROM trash WHERE checkin_id NOT IN "
        "(SELECT id FROM checkins) GROUP BY checkin_id ORDER BY 2, 1"
    ).fetchall()
    for checkin_id, deleted_utc in trashed:
        row = _newest_in_trash(db, checkin_id)
        assert row is not None
        checkin = checkin_from_record(json.loads(row[1]))
        stamp = Stamp(_content_at(checkin), machine)
        registers = _note(db, checkin_id, State(checkin, live=True), stamp, current={})
        deleted_at = _ms(datetime.fromisoformat(deleted_utc.replace("Z", "+00:00")))
        stamp = Stamp(deleted_at, machine)
        registers = _note(db, checkin_id, State(checkin, live=False), stamp, registers)
        _settle(db, checkin_id, current=registers)


def _log_own_registers(db: Database, old: str, new: str) -> None:
    groups: dict[tuple[int, str], dict[str, Any]] = {}
    rows = db.execute("SELECT checkin_id, registers FROM sync_checkins").fetchall()
    for checkin_id, text in rows:
        current = decode(text)
        mine = {name: r for name, r in current.items() if r.stamp.machine == old}
        if not mine:
            continue
        for name, register in mine.items():
            groups.setdefault((register.stamp.at, checkin_id), {})[name] = register.value
            current[name] = Register(register.value, Stamp(register.stamp.at, new))
        _store_registers(db, checkin_id, current)
    for (at, checkin_id), values in sorted(groups.items()):
        whole = all(name in values for name in ("created_utc", "local_date", "mode"))
        _log_line(db, at, logfile.op_for(values, new=whole), checkin_id, values)


def _seen(db: Database, machine: str, label: str) -> None:
    db.execute(
        "INSERT INTO sync_machines (machine, name) VALUES (?, ?) "
        "ON CONFLICT (machine) DO UPDATE SET name = excluded.name",
        [machine, label],
    )


def set_sync_folder(db: Database, folder: str) -> None:
    """Sync through another folder: its logs are read from their start
    (reading one again changes nothing) and this machine's log is written
    there whole."""
    with _writing(db):
        _set_state(db, folder=folder)
        db.execute("DELETE FROM sync_files")


@dataclass
class OwnLog:
    """What send_own_log hands to the code that writes the file."""

    machine: str
    header: str
    position: logfile.Position | None  # how far the file is written, as last recorded
    pending: list[str]  # the lines after it
    everything: Callable[[], list[str]]  # every line, to write the file again whole


def seal_own_lines(db: Database, seal: Callable[[str], str]) -> int:
    """Encrypt (with `seal`) this machine's lines that are not in its log file
    yet, in one transaction, before send_own_log writes them: a sealed line is
    kept as it is, so the file and the journal always hold the same bytes even
    if a sync is killed between writing the file and recording it."""
    with _writing(db):
        return _seal_pending(db, seal)


def _seal_pending(db: Database, seal: Callable[[str], str]) -> int:
    machine = sync_machine(db)
    if machine is None:
        return 0
    position = position_of(db, logfile.own_name(machine))
    sealed = 0
    for seq, _at, line in own_lines(db, position.seq if position else 0):
        if not logfile.is_sealed(line):
            db.execute("UPDATE sync_log SET line = ? WHERE seq = ?", [seal(line), seq])
            sealed += 1
    return sealed


def send_own_log(
    db: Database,
    send: Callable[[OwnLog], logfile.Position],
    seal: Callable[[str], str] | None = None,
) -> int:
    """Write this machine's new lines into its log file, under the write lock
    (so two syncs never write the same lines twice), and record how far it
    is written, in one transaction: `send` does the file work and returns the
    new position. With `seal`, lines saved since seal_own_lines are sealed
    first. Returns how many lines were new."""
    with _writing(db):
        if seal is not None:
            _seal_pending(db, seal)
        state = sync_state(db)
        machine = state["machine"]
        name = logfile.own_name(machine)
        position = position_of(db, name)
        pending = own_lines(db, position.seq if position else 0)
        own = OwnLog(
            machine,
            state["header"],
            position,
            [line for _, _, line in pending],
            lambda: [line for _, _, line in own_lines(db)],
        )
        written = send(own)
        _set_position(db, name, written, problem=None)
        if pending:
            db.execute(
                "UPDATE sync_machines SET last_at = max(coalesce(last_at, 0), ?), "
                "changes = changes + ? WHERE machine = ?",
                [max(at for _, at, _ in pending), len(pending), machine],
            )
        return len(pending)


def _set_position(db: Database, name: str, position: logfile.Position, problem: str | None) -> None:
    db.execute(
        "INSERT OR REPLACE INTO sync_files (name, machine, offset, seq, tail, problem) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [name, position.machine, position.offset, position.seq, position.tail, problem],
    )


@dataclass
class RemoteBatch:
    """Some new lines of one log file, read inside apply_remote's transaction."""

    name: str
    changes: list[logfile.Change] = field(default_factory=list)
    position: logfile.Position | None = None  # None: leave the file's record as it is
    label: str | None = None
    problem: str | None = None
    more: bool = False


ReadBatch: TypeAlias = Callable[["Database"], RemoteBatch]


@dataclass
class Applied:
    changes: int = 0  # changes of other machines that were new here (not read before)
    checkins: int = 0  # check-ins that changed here
    more: bool = False
    problem: str | None = None


def apply_remote(db: Database, read: ReadBatch, now: datetime | None = None) -> Applied:
    """Apply one batch of another machine's changes, in one transaction with
    the record of how far its file is read: a kill at any moment applies
    the batch and moves the position, or neither. `read` reads the file
    inside the transaction, so two syncs never apply one batch twice (it
    would be harmless, but the counts would be wrong)."""
    with _writing(db):
        batch = read(db)
        own = sync_machine(db)
        cache: dict[str, Registers] = {}
        dirty: set[str] = set()
        seen: dict[str, tuple[int, int]] = {}  # machine -> (new changes, newest stamp)
        news = 0
        for change in batch.changes:
            if change.machine == own:
                continue  # this machine's own line, in a copy of its log
            current = cache.setdefault(change.checkin_id, registers_of(db, change.checkin_id))
            stamp = Stamp(change.at, change.machine)
            new = False
            for name, value in change.values.items():
                if wins(value, stamp, current.get(name)):
                    current[name] = Register(value, stamp)
                    dirty.add(change.checkin_id)
                    new = True
            news += new
            count, newest = seen.get(change.machine, (0, 0))
            seen[change.machine] = (count + new, max(newest, change.at))
        for checkin_id in sorted(dirty):
            _store_registers(db, checkin_id, cache[checkin_id])
        changed = sum(_settle(db, i, now, cache[i]) for i in sorted(dirty))
        if seen:
            newest = max(at for _, at in seen.values())
            row = db.execute("SELECT value FROM sync_state WHERE key = 'clock'").fetchone()
            _set_state(db, clock=str(max(newest, int(row[0]) if row else 0)))
        read_utc = format_utc(now or utc_now())
        for machine, (count, newest) in seen.items():
            label = batch.label if batch.position and machine == batch.position.machine else None
            db.execute(
                "INSERT INTO sync_machines (machine, name, last_at, changes, read_utc) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (machine) DO UPDATE SET "
                "last_at = max(coalesce(last_at, 0), excluded.last_at), "
                "changes = changes + excluded.changes, read_utc = excluded.read_utc",
                [machine, label or machine[:8], newest, count, read_utc],
            )
        if batch.label and batch.position and batch.position.machine:
            _seen_label(db, batch.position.machine, batch.label)
        if batch.position is not None:
            _set_position(db, batch.name, batch.position, batch.problem)
        elif batch.problem is not None:
            db.execute(
                "UPDATE sync_files SET problem = ? WHERE name = ?", [batch.problem, batch.name]
            )
            db.execute(
                "INSERT OR IGNORE INTO sync_files (name, machine, offset, seq, tail, problem) "
                "VALUES (?, '', 0, 0, '', ?)",
                [batch.name, batch.problem],
            )
    return Applied(news, changed, batch.more, batch.problem)


def _seen_label(db: Database, machine: str, label: str) -> None:
    if machine == sync_machine(db):
        return
    db.execute(
        "INSERT INTO sync_machines (machine, name) VALUES (?, ?) "
        "ON CONFLICT (machine) DO UPDATE SET name = excluded.name",
        [machine, label],
    )


__all__ = [
    "KEEP_DAYS",
    "Applied",
    "EditConflict",
    "Edited",
    "ImportCounts",
    "OwnLog",
    "ReadBatch",
    "RemoteBatch",
    "apply_remote",
    "bulk_insert",
    "delete_checkin",
    "edit_checkin",
    "import_checkins",
    "record_report",
    "replace_contents",
    "restore_deleted",
    "save_checkin",
    "send_own_log",
    "set_sync_folder",
    "start_sync",
]
