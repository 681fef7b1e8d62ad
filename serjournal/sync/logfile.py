"""The change logs in the sync folder: their names, their lines, and reading
what is new in one of them without trusting it.

Each machine writes one file, serjournal-<machine id>.jsonl, in JSON lines:

    {"serjournal_sync":1,"machine":"3f9a...","name":"laptop","created_utc":"..."}
    {"seq":1,"at":"2026-11-24T21:00:00.123Z","op":"saved","id":"f102...","set":{...}}
    {"seq":2,"at":"2026-11-25T08:02:41.007Z","op":"edited","id":"f102...","set":{"mood":6}}

The first line names the machine and the format; every other line is one
change: which check-in, when, and the registers it sets (sync/registers.py).
Replication tools copy these files around: a half-copied last line waits
until it is whole, a conflict copy (any name starting serjournal- and ending
.jsonl) is read like any log, and a file that shrank, changed before where we
stopped, or comes from a newer serjournal is reported and not read on.

encode_line/decode_line are the only places a change becomes text and back.
With age public keys in the config (`[backup] recipients`), a line is sealed
before it leaves for the folder: {"seq":2,"age":"<base64 of the age file>"},
the change itself readable only with the matching secret key (`[backup]
identity`). The number stays outside, so order is checked without the key.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from serjournal import messages, paths
from serjournal.sync import registers

if TYPE_CHECKING:
    from serjournal.journal import Journal

FORMAT = 1  # the log format this serjournal writes and reads
FORMAT_KEY = "serjournal_sync"
PREFIX = "serjournal-"
SUFFIX = ".jsonl"
OPS = ("saved", "edited", "tagged", "deleted", "restored")
TAIL = 256  # bytes before the read position that must not change
MAX_LINE = 4 * 1024 * 1024  # a longer line is not one serjournal wrote
READ_CHUNK = 2 * MAX_LINE + 1
SEALED = "age"  # a sealed line's key for the change encrypted to age keys
_MACHINE = re.compile(r"[0-9a-f]{16}")
_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


# --- Names ------------------------------------------------------------------------------


def own_name(machine: str) -> str:
    return f"{PREFIX}{machine}{SUFFIX}"


def is_log_name(name: str) -> bool:
    """serjournal-<id>.jsonl and the copies tools make of it:
    'serjournal-<id> (conflicted copy 2026-11-24).jsonl',
    'serjournal-<id>.sync-conflict-20261124-101010-ABCDEFG.jsonl', '... (1).jsonl'.
    Temporary files ('.serjournal-...tmp', '.syncthing...') are not logs."""
    return name.startswith(PREFIX) and name.endswith(SUFFIX)


def valid_machine(text: Any) -> bool:
    return isinstance(text, str) and _MACHINE.fullmatch(text) is not None


# --- Lines ---------------------------------------------------------------------------------


def format_at(at: int) -> str:
    moment = datetime.fromtimestamp(at / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at % 1000:03d}Z"


def parse_at(text: Any) -> int:
    if not isinstance(text, str) or not _AT.fullmatch(text):
        raise ValueError("'at' should be a UTC time with milliseconds")
    moment = datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
    at = int(moment.timestamp()) * 1000 + int(text[20:23])
    if not 0 < at < MAX_AT:
        raise ValueError("'at' is not a plausible time")
    return at


MAX_AT = int(datetime(9000, 1, 1, tzinfo=UTC).timestamp() * 1000)


def format_local(at: int) -> str:
    """A stamp as the user's own clock shows it: 'Wed 25 Nov 2026 16:43'."""
    return datetime.fromtimestamp(at / 1000, UTC).astimezone().strftime("%a %d %b %Y %H:%M")


def header_line(machine: str, name: str, created: datetime) -> str:
    record = {
        FORMAT_KEY: FORMAT,
        "machine": machine,
        "name": name,
        "created_utc": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def encode_line(seq: int, at: int, op: str, checkin_id: str, values: dict[str, Any]) -> str:
    """One change as one line of text (no newline). Encryption goes here."""
    record = {"seq": seq, "at": format_at(at), "op": op, "id": checkin_id, "set": values}
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def decode_line(text: str, identities: Sequence[object] = ()) -> dict[str, Any]:
    """A line's record, opened with `identities` when it is sealed; ValueError
    when it is not one, or cannot be opened."""
    record = json.loads(text)
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    if SEALED in record:
        return _unseal(record, identities)
    return record


def is_sealed(line: str) -> bool:
    """Whether one of this machine's lines is sealed already (its whole record
    is the number and the sealed change)."""
    record = json.loads(line)
    return isinstance(record, dict) and set(record) == {"seq", SEALED}


def seal_line(line: str, recipients: Sequence[str]) -> str:
    """One of this machine's lines, encrypted to the age `recipients`."""
    from serjournal.transfer import age

    seq = json.loads(line)["seq"]
    sealed = age.encrypt_for_recipients(line.encode("utf-8"), recipients)
    record = {"seq": seq, SEALED: base64.b64encode(sealed).decode("ascii")}
    return json.dumps(record, separators=(",", ":"))


def _unseal(record: dict[str, Any], identities: Sequence[object]) -> dict[str, Any]:
    from serjournal.transfer import age

    if not identities:
        raise ValueError(messages.SYNC_SEALED_NO_IDENTITY)
    try:
        sealed = base64.b64decode(str(record[SEALED]), validate=True)
    except ValueError:
        raise ValueError("its sealed change is not base64") from None
    plain = age.decrypt_bytes(sealed, identities)
    if plain is None:
        raise ValueError(messages.SYNC_SEALED_WRONG_IDENTITY)
    inner = json.loads(plain.decode("utf-8"))
    if not isinstance(inner, dict) or inner.get("seq") != record.get("seq"):
        raise ValueError("its sealed change does not carry its number")
    return inner


def op_for(values: dict[str, Any], new: bool) -> str:
    """How a change reads in the log: saved, edited, tagged, deleted, restored."""
    if values.get(registers.DELETED) is True:
        return "deleted"
    if values.get(registers.DELETED) is False:
        return "restored"
    if new:
        return "saved"
    if all(name.startswith(registers.TAG) for name in values):
        return "tagged"
    return "edited"


# --- Reading what is new in a log ----------------------------------------------------------


@dataclass
class Position:
    """How far a log file has been read: its bytes up to `offset` are
    applied, the last change there was number `seq`, and `tail` is the hash
    of the bytes just before `offset`, so a change behind us is noticed."""

    machine: str = ""
    offset: int = 0
    seq: int = 0
    tail: str = ""


@dataclass
class Change:
    machine: str
    seq: int
    at: int
    op: str
    checkin_id: str
    values: dict[str, Any]
    line: str  # the line as written, to compare with this machine's own


@dataclass
class Reading:
    changes: list[Change]
    position: Position
    label: str | None = None  # the machine's name, when the header was read now
    problem: str | None = None
    more: bool = False  # stopped at the limit: read again


class LogProblem(Exception):
    """A file in the sync folder that is not read (on): the message says why."""


def read_new(
    path: Path, position: Position | None, limit: int = 1000, identities: Sequence[object] = ()
) -> Reading:
    """The complete lines after `position` (at most `limit` changes), checked.

    A problem stops the reading there: what came before it is returned with
    the position just before the problem, and `problem` says what is wrong.
    """
    start = position or Position()
    with _open_log(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size < start.offset:
            raise LogProblem(messages.SYNC_LOG_SHRANK.format(file=path.name))
        if _tail(handle, start.offset) != start.tail:
            raise LogProblem(messages.SYNC_LOG_CHANGED.format(file=path.name))
        handle.seek(start.offset)
        data = handle.read(min(size - start.offset, READ_CHUNK))
        reading = _parse(path.name, data, start, limit, identities)
        if reading.position.offset != start.offset:
            reading.position.tail = _tail(handle, reading.position.offset)
        if reading.problem is None and not reading.more:
            waiting = len(data) - (reading.position.offset - start.offset)  # an unfinished line
            if waiting > MAX_LINE:
                reading.problem = messages.SYNC_LOG_BAD_LINE.format(
                    file=path.name, line=reading.position.seq + 1, reason="a line is far too long"
                )
            elif start.offset + len(data) < size:
                reading.more = True  # the chunk ended: the rest comes in the next batch
    return reading


def _parse(
    name: str, data: bytes, start: Position, limit: int, identities: Sequence[object] = ()
) -> Reading:
    position = Position(start.machine, start.offset, start.seq, start.tail)
    reading = Reading([], position)
    begin = 0
    while len(reading.changes) < limit:
        end = data.find(b"\n", begin)
        if end < 0:
            break  # nothing more, or a line still being copied: wait for it
        raw = data[begin:end]
        try:
            record = _record(raw, identities)
            if record is None:
                pass  # a blank line
            elif FORMAT_KEY in record:
                reading.label = _header(record, name, position)
            else:
                reading.changes.append(_change(record, raw, position))
        except _Newer as newer:
            reading.problem = messages.SYNC_LOG_NEWER.format(file=name, version=newer.version)
            break
        except ValueError as error:
            reading.problem = messages.SYNC_LOG_BAD_LINE.format(
                file=name, line=position.seq + 1, reason=str(error).rstrip(".")
            )
            break
        begin = end + 1
        position.offset = start.offset + begin
    reading.more = reading.problem is None and len(reading.changes) >= limit
    return reading


class _Newer(ValueError):
    def __init__(self, version: Any) -> None:
        super().__init__("newer")
        self.version = version


def _record(raw: bytes, identities: Sequence[object] = ()) -> dict[str, Any] | None:
    if len(raw) > MAX_LINE:
        raise ValueError("the line is far too long")
    if not raw.strip():
        return None
    try:
        return decode_line(raw.decode("utf-8"), identities)
    except UnicodeDecodeError:
        raise ValueError("the line is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg})") from None


def _header(record: dict[str, Any], name: str, position: Position) -> str:
    version = record[FORMAT_KEY]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("the format version is not a number")
    if version > FORMAT:
        raise _Newer(version)
    machine = record.get("machine")
    if not valid_machine(machine):
        raise ValueError("the machine id is missing or malformed")
    if position.machine and machine != position.machine:
        raise ValueError("it names a different machine than before")
    position.machine = str(machine)
    label = record.get("name")
    return label if isinstance(label, str) and label.strip() else position.machine[:8]


def _change(record: dict[str, Any], raw: bytes, position: Position) -> Change:
    if not position.machine:
        raise ValueError("the file does not start with a serjournal log header")
    seq = record.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq != position.seq + 1:
        raise ValueError(f"change {seq!r} does not follow change {position.seq}")
    at = parse_at(record.get("at"))
    op = record.get("op")
    if op not in OPS:
        raise ValueError(f"'{op}' is not a change serjournal knows")
    checkin_id = registers.check_id(record.get("id"))
    values = record.get("set")
    if not isinstance(values, dict) or not values:
        raise ValueError("the change sets nothing")
    for field, value in values.items():
        registers.check(field, value)
    position.seq = seq
    return Change(position.machine, seq, at, str(op), checkin_id, values, raw.decode("utf-8"))


class _open_log:
    """A log file opened to read, refused unless it is a plain file: never a
    link (it could point at the journal) and never a FIFO (opening hangs)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> Any:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise LogProblem(messages.SYNC_LOG_NOT_FILE.format(file=self.path.name)) from None
            raise LogProblem(
                messages.SYNC_LOG_UNREADABLE.format(
                    file=self.path.name, reason=error.strerror or error
                )
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise LogProblem(messages.SYNC_LOG_NOT_FILE.format(file=self.path.name))
        self.handle = os.fdopen(fd, "rb")
        return self.handle

    def __exit__(self, *_exc: object) -> None:
        self.handle.close()


def _tail(handle: Any, offset: int) -> str:
    """Hash of the (up to TAIL) bytes before `offset`; '' at the start."""
    if offset == 0:
        return ""
    start = max(0, offset - TAIL)
    handle.seek(start)
    return hashlib.sha256(handle.read(offset - start)).hexdigest()


def tail_of(data: bytes) -> str:
    """The tail hash of a position at the end of `data`."""
    return hashlib.sha256(data[-TAIL:]).hexdigest() if data else ""


# --- Writing this machine's own log -------------------------------------------------------


def text_of(header: str, lines: Iterable[str]) -> bytes:
    return text_of_lines([header, *lines])


def text_of_lines(lines: Iterable[str]) -> bytes:
    return "".join(f"{line}\n" for line in lines).encode("utf-8")


def parse_bytes(data: bytes, identities: Sequence[object] = ()) -> Reading:
    """Every well-formed line of a whole log, up to the first that is not."""
    return _parse("", data, Position(), len(data) + 1, identities)


def size_and_tail(path: Path, offset: int) -> tuple[int, str]:
    """The file's size, and the tail hash of a position at `offset` in it
    ('' when the file is shorter)."""
    with _open_log(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        return size, _tail(handle, offset) if offset <= size else ""


def read_range(path: Path, start: int, end: int) -> bytes:
    with _open_log(path) as handle:
        handle.seek(start)
        return bytes(handle.read(max(0, end - start)))


def create(path: Path, journal: Journal, data: bytes, *, overwrite: bool) -> None:
    """A log file made whole, 0600, through the one file maker (which refuses
    the journal's own files)."""
    with paths.private_output(path, journal=journal, overwrite=overwrite, binary=True) as out:
        out.write(data)


def read_whole(path: Path) -> bytes:
    with _open_log(path) as handle:
        return bytes(handle.read())


def append(path: Path, journal: Journal, data: bytes, expected_size: int) -> None:
    """Add `data` at the end of this machine's existing log.

    Appending is not making a file: O_APPEND without O_CREAT never creates
    one, O_NOFOLLOW refuses a link, and the journal's own files are refused
    as private_output would. The file must still be the size we know, or
    another writer got in between. Synced to disk before we say it is written.
    """
    paths.refuse_journal_files(path, journal)
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or journal.owns(path):
            raise LogProblem(messages.SYNC_LOG_NOT_FILE.format(file=path.name))
        if info.st_size != expected_size:
            raise OSError(errno.EAGAIN, "the file changed while it was being written")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
