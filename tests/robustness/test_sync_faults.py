"""What replication tools (and people) do to the logs in a sync folder:
half-copied lines, conflict copies, files cut short or changed behind the
point already read, a log from a newer serjournal, hostile lines, links to
the journal, a read-only folder. Each is survived: reported, not trusted,
never a traceback, and the journal keeps only what it should."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.models import CheckIn
from serjournal.store.writes import save_checkin
from serjournal.sync.run import SyncKeys
from tests.sync_helpers import Machine, age_keys

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)


def writer_with_log(
    tmp_path: Path, count: int = 3, keys: SyncKeys | None = None
) -> tuple[Machine, list[CheckIn], bytes]:
    """A machine that saved `count` check-ins and wrote them into its log."""
    laptop = Machine(tmp_path, "laptop", keys)
    db = laptop.journal.open()
    entries = []
    for n in range(count):
        checkin = CheckIn(mode="quick", mood=n, answers={"note": f"entry {n}"})
        checkin.set_time(T0 + timedelta(minutes=n))
        save_checkin(db, checkin, now=T0 + timedelta(minutes=n))
        entries.append(checkin)
    db.close()
    laptop.sync()
    return laptop, entries, laptop.own_log().read_bytes()


def reader(tmp_path: Path) -> Machine:
    desktop = Machine(tmp_path, "desktop")
    desktop.sync()
    return desktop


def test_a_half_copied_last_line_waits_until_it_is_whole(tmp_path: Path) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    target = desktop.folder / laptop.own_log().name
    cut = data.rindex(b'"answers.note"')  # in the middle of the last line
    target.write_bytes(data[:cut])
    report = desktop.sync()
    assert report.problems == [] and report.received == 2
    assert sorted(desktop.live()) == sorted(e.id for e in entries[:2])
    target.write_bytes(data)  # the tool finishes copying
    report = desktop.sync()
    assert report.received == 1 and sorted(desktop.live()) == sorted(e.id for e in entries)


@pytest.mark.parametrize(
    "name",
    [
        "{stem} (conflicted copy 2026-11-24).jsonl",
        "{stem} (laptop's conflicted copy).jsonl",
        "{stem}.sync-conflict-20261124-101010-ABCDEFG.jsonl",
        "{stem} (1).jsonl",
    ],
)
def test_a_conflict_copy_is_read_like_any_log(tmp_path: Path, name: str) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    stem = laptop.own_log().name.removesuffix(".jsonl")
    (desktop.folder / name.format(stem=stem)).write_bytes(data)  # only the copy arrived
    report = desktop.sync()
    assert report.problems == [] and report.received == 3
    assert sorted(desktop.live()) == sorted(e.id for e in entries)
    (desktop.folder / laptop.own_log().name).write_bytes(data)  # then the original
    report = desktop.sync()
    assert report.problems == [] and report.checkins == 0  # the same changes: nothing new
    assert desktop.export() == laptop.export()


def test_a_log_that_shrinks_is_reported_and_not_trusted_until_whole(tmp_path: Path) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    target = desktop.folder / laptop.own_log().name
    target.write_bytes(data)
    desktop.sync()
    lines = data.splitlines(keepends=True)
    target.write_bytes(b"".join(lines[:2]))  # an older version comes back
    report = desktop.sync()
    assert report.problems == [messages.SYNC_LOG_SHRANK.format(file=target.name)]
    assert len(desktop.live()) == 3  # nothing undone for it
    status = run("sync", "--status", db=desktop)
    assert target.name in status.stdout and "shorter" in status.stdout
    target.write_bytes(data)  # whole again: read on, the problem forgotten
    assert desktop.sync().problems == []
    assert target.name not in run("sync", "--status", db=desktop).stdout


def test_a_log_changed_behind_the_point_read_is_reported_and_its_new_lines_ignored(
    tmp_path: Path,
) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    target = desktop.folder / laptop.own_log().name
    target.write_bytes(data)
    desktop.sync()
    changed = data.replace(b'"mood":2', b'"mood":9')  # someone edits a line already read
    assert changed != data
    extra = CheckIn(mode="quick", mood=5)
    db = laptop.journal.open()
    save_checkin(db, extra)
    db.close()
    laptop.sync()
    target.write_bytes(changed + laptop.own_log().read_bytes()[len(data) :])
    report = desktop.sync()
    assert report.problems == [messages.SYNC_LOG_CHANGED.format(file=target.name)]
    live = desktop.live()
    assert extra.id not in live and live[entries[2].id]["mood"] == 2


def test_a_log_from_a_newer_serjournal_is_refused_clearly_and_the_rest_still_syncs(
    tmp_path: Path,
) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    header = {"serjournal_sync": 2, "machine": "ab" * 8, "name": "future"}
    future = desktop.folder / f"serjournal-{'ab' * 8}.jsonl"
    line = {"seq": 1, "at": "2026-11-24T21:00:00.000Z", "op": "merged", "id": entries[0].id}
    future.write_text(json.dumps(header) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    (desktop.folder / laptop.own_log().name).write_bytes(data)
    result = run("sync", db=desktop)
    assert result.exit_code == 1
    warning = messages.SYNC_LOG_NEWER.format(file=future.name, version=2)
    assert result.stderr.strip() == f"Warning: {warning}"
    assert "3 changes received" in result.stdout  # the laptop's log was read all the same
    assert len(desktop.live()) == 3
    assert "Traceback" not in result.output


def test_a_reported_log_moved_out_of_the_folder_is_no_longer_listed(tmp_path: Path) -> None:
    desktop = reader(tmp_path)
    stray = desktop.folder / "serjournal-stray.jsonl"
    stray.write_text("not a log at all\n", encoding="utf-8")
    assert len(desktop.sync().problems) == 1
    assert stray.name in run("sync", "--status", db=desktop).stdout
    stray.rename(tmp_path / "kept-aside.jsonl")  # what the message suggests
    assert desktop.sync().problems == []
    assert stray.name not in run("sync", "--status", db=desktop).stdout


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"this is not json", "not JSON"),
        (b'{"seq": 4, "at": "2026-11-24T21:00:00.000Z", "op": "edited", "id": "ID", '
         b'"set": {"mood": 99}}', "'mood' should be a rating from 0 to 10"),
        (b'{"seq": 4, "at": "2026-11-24T21:00:00.000Z", "op": "edited", "id": "ID", '
         b'"set": {"owner": "me"}}', "'owner' is not a field serjournal knows"),
        (b'{"seq": 4, "at": "2026-11-24T21:00:00.000Z", "op": "edited", "id": "../../etc", '
         b'"set": {"mood": 1}}', "the check-in id is not a UUID"),
        (b'{"seq": 7, "at": "2026-11-24T21:00:00.000Z", "op": "edited", "id": "ID", '
         b'"set": {"mood": 1}}', "change 7 does not follow change 3"),
        (b'{"seq": 4, "at": "yesterday", "op": "edited", "id": "ID", "set": {"mood": 1}}',
         "'at' should be a UTC time with milliseconds"),
        (b"\xff\xfe garbage", "not UTF-8 text"),
    ],
)  # fmt: skip
def test_a_line_serjournal_did_not_write_stops_the_reading_there(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    hostile = line.replace(b"ID", entries[0].id.encode())
    after = (
        b'{"seq": 5, "at": "2026-11-24T21:00:00.000Z", "op": "deleted", "id": "%s", '
        % (entries[1].id.encode())
        + b'"set": {"deleted": true}}\n'
    )
    (desktop.folder / laptop.own_log().name).write_bytes(data + hostile + b"\n" + after)
    report = desktop.sync()
    assert len(report.problems) == 1
    assert reason in report.problems[0] and "change 4" in report.problems[0]
    live = desktop.live()
    assert len(live) == 3 and live[entries[0].id]["mood"] == 0  # what came before: applied
    assert desktop.sync().problems == report.problems  # and it stays reported


def test_a_link_to_the_journal_in_the_folder_is_never_read_or_written(tmp_path: Path) -> None:
    desktop = reader(tmp_path)
    before = desktop.journal.path.read_bytes()
    link = desktop.folder / "serjournal-0123456789abcdef.jsonl"
    link.symlink_to(desktop.journal.path)
    hard = desktop.folder / "serjournal-fedcba9876543210.jsonl"
    os.link(desktop.journal.path, hard)
    report = desktop.sync()
    assert sorted(report.problems) == sorted(
        [
            messages.SYNC_LOG_IS_JOURNAL.format(file=hard.name),
            messages.SYNC_LOG_IS_JOURNAL.format(file=link.name),
        ]
    )
    assert desktop.journal.path.read_bytes()[:100] == before[:100]
    # This machine's own log replaced by a link to the journal: refused, never appended to.
    own = desktop.own_log()
    for make_link in (own.symlink_to, own.hardlink_to):
        own.unlink()
        make_link(desktop.journal.path)
        db = desktop.journal.open()
        save_checkin(db, CheckIn(mood=3))
        db.close()
        size = os.path.getsize(desktop.journal.path)
        report = desktop.sync()
        assert report.not_sent is not None and "own database file" in report.not_sent
        assert os.path.getsize(desktop.journal.path) == size
        db = desktop.journal.open()
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()


def test_this_machines_log_cut_short_or_changed_is_made_whole_again(tmp_path: Path) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    own = laptop.own_log()
    own.write_bytes(data[: len(data) // 2])  # an old version restored by the sync tool
    db = laptop.journal.open()
    save_checkin(db, CheckIn(mood=1))
    db.close()
    assert laptop.sync().notes == []  # still a start of the log: completed, not rewritten
    whole = own.read_bytes()
    assert whole.startswith(data) and len(whole.splitlines()) == 5  # header, 3 + 1 changes
    own.write_bytes(whole.replace(b'"mood":1', b'"mood":', 1))  # damaged in the middle
    report = laptop.sync()
    assert report.notes == [messages.SYNC_LOG_REWRITTEN.format(file=own.name)]
    assert own.read_bytes() == whole
    assert laptop.sync().notes == []
    # A well-formed line this machine never wrote is another journal writing as it:
    # this one moves to a log of its own rather than fight over the file.
    last = whole.rindex(b'"mood":1')  # in the last line, where a change is noticed
    own.write_bytes(whole[:last] + b'"mood":6' + whole[last + 8 :])
    report = laptop.sync()
    assert report.notes == [messages.SYNC_TWIN.format(machine=laptop.machine_id)]
    assert laptop.own_log() != own and len(laptop.live()) == 4


@pytest.mark.parametrize("sealed", [False, True])
def test_a_kill_after_appending_but_before_recording_writes_no_line_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sealed: bool
) -> None:
    """Sealed, too: the lines are sealed and kept before the file is written,
    so the second sync finds the very bytes it meant to append."""
    from serjournal.store import writes

    laptop, _entries, data = writer_with_log(tmp_path, keys=age_keys(tmp_path) if sealed else None)
    db = laptop.journal.open()
    save_checkin(db, CheckIn(mood=1))
    db.close()
    real = writes._set_position

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the file is written; the journal never hears of it

    monkeypatch.setattr(writes, "_set_position", killed)
    with pytest.raises(KeyboardInterrupt):
        laptop.sync()
    monkeypatch.setattr(writes, "_set_position", real)
    assert len(laptop.own_log().read_bytes().splitlines()) == 5
    laptop.sync()
    lines = laptop.own_log().read_bytes().splitlines()
    assert len(lines) == 5 and [json.loads(x).get("seq") for x in lines[1:]] == [1, 2, 3, 4]
    assert all((b'"age":"' in line) is sealed for line in lines[1:])
    assert laptop.sync().notes == []  # no rewrite, no new machine id


# --- A read-only sync folder ---------------------------------------------------------------


def run(*args: str, db: Machine):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--db", str(db.journal.path)])


def test_a_read_only_folder_gives_one_clear_line_and_the_changes_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    (desktop.folder / laptop.own_log().name).write_bytes(data)
    db = desktop.journal.open()
    mine = CheckIn(mood=7)
    save_checkin(db, mine)
    db.close()
    own = desktop.own_log()
    before = own.read_bytes()
    real_open = os.open

    def read_only(path: object, flags: int, *args: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR) and str(path).startswith(str(desktop.folder)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    import tempfile

    monkeypatch.setattr(tempfile, "_mkstemp_inner", _refuse_in(desktop.folder))
    result = run("sync", db=desktop)
    assert result.exit_code == 1, result.output
    error = messages.SYNC_FOLDER_READ_ONLY.format(
        folder=desktop.folder, reason=os.strerror(errno.EROFS), count=1
    )
    assert result.stderr.splitlines() == [f"Error: {error}"]
    assert len(desktop.live()) == 4  # what the others wrote was read all the same
    assert own.read_bytes() == before
    assert "wait for the next sync" not in result.stdout
    monkeypatch.undo()
    assert "1 change sent" in run("sync", db=desktop).stdout  # writable again: sent
    assert own.read_bytes().startswith(before) and own.read_bytes() != before
    monkeypatch.setattr(os, "open", read_only)  # read-only again, with nothing to send:
    monkeypatch.setattr(tempfile, "_mkstemp_inner", _refuse_in(desktop.folder))
    quiet = run("sync", db=desktop)  # a machine that only reads a shared folder is fine
    assert quiet.exit_code == 0 and quiet.stderr == ""


def _refuse_in(folder: Path):  # type: ignore[no-untyped-def]
    import tempfile

    real = tempfile._mkstemp_inner  # type: ignore[attr-defined]

    def refuse(directory: str, *args: object, **kwargs: object) -> object:
        if str(directory).startswith(str(folder)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), directory)
        return real(directory, *args, **kwargs)

    return refuse


def _can_mount_read_only() -> bool:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_read_only(), reason="no user namespaces to mount in")
def test_a_real_read_only_mount_gives_the_same_one_line(tmp_path: Path) -> None:
    """The folder bind-mounted read-only in a private mount namespace (as a
    read-only network share would be), the real program run inside it."""
    laptop, _entries, data = writer_with_log(tmp_path)
    desktop = reader(tmp_path)
    (desktop.folder / laptop.own_log().name).write_bytes(data)
    db = desktop.journal.open()
    save_checkin(db, CheckIn(mood=7))
    db.close()
    folder, journal = str(desktop.folder), str(desktop.journal.path)
    script = (
        f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && "
        f"{sys.executable} -m serjournal sync --db {journal}"
    )
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: The sync folder {folder} cannot")
    assert "Read-only file system" in lines[0] and "(1) wait in the journal" in lines[0]
    assert "3 changes received" in result.stdout
