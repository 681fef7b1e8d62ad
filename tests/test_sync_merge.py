"""The merge rules of sync, machine against machine: concurrent edits by edit
time (ties by machine id), deletions as tombstones, undo travelling, a
machine offline for a year, restores and imports, a copied journal."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from serjournal.editing import FlagEdits, apply_flag_edits
from serjournal.models import CheckIn
from serjournal.store.checkins import load_checkin
from serjournal.store.writes import (
    delete_checkin,
    edit_checkin,
    import_checkins,
    restore_deleted,
    save_checkin,
)
from serjournal.sync import logfile, registers
from serjournal.sync.registers import Register, Stamp, State
from serjournal.transfer.backup import backup, restore
from serjournal.vocabulary import default_vocabulary
from tests.sync_helpers import Machine

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


def machine(tmp_path: Path, shared: Path, name: str) -> Machine:
    m = Machine(tmp_path, name)
    m.folder = shared  # one folder, replicated perfectly: the simplest sync tool
    return m


def save(m: Machine, when: datetime, **fields: object) -> CheckIn:
    checkin = CheckIn(mode="quick", **fields)  # type: ignore[arg-type]
    checkin.set_time(when)
    db = m.journal.open()
    try:
        save_checkin(db, checkin, now=when)
    finally:
        db.close()
    return checkin


def edit(m: Machine, checkin_id: str, when: datetime, **flags: list[str]) -> bool:
    vocabulary = default_vocabulary()
    db = m.journal.open()
    try:
        return edit_checkin(
            db,
            checkin_id,
            lambda c: apply_flag_edits(c, FlagEdits(**flags), vocabulary),
            vocabulary=vocabulary,
            now=when,
        ).changed
    finally:
        db.close()


def delete(m: Machine, checkin_id: str, when: datetime) -> None:
    db = m.journal.open()
    try:
        delete_checkin(db, checkin_id, now=when)
    finally:
        db.close()


def undo(m: Machine, when: datetime) -> CheckIn:
    db = m.journal.open()
    try:
        return restore_deleted(db, None, now=when)
    finally:
        db.close()


def both_sync(*machines: Machine, when: datetime | None = None) -> None:
    for _ in range(2):  # each writes, then each reads what the others wrote
        for m in machines:
            report = m.sync(when)
            assert report.problems == [] and report.not_sent is None


def test_concurrent_edits_of_one_field_go_to_the_newer_edit_whatever_the_order(
    tmp_path: Path, shared: Path
) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    entry = save(laptop, at(0), mood=3, energy=3)
    both_sync(laptop, desktop)
    # Neither has seen the other's edit: the desktop's is newer, the laptop syncs last.
    assert edit(desktop, entry.id, at(20), sets=["mood=8"])
    assert edit(laptop, entry.id, at(10), sets=["mood=1", "energy=6"])
    desktop.sync()
    laptop.sync()
    desktop.sync()
    for m in (laptop, desktop):
        data = m.live()[entry.id]
        assert (data["mood"], data["energy"]) == (8, 6)  # per field: newest mood, only energy
        assert data["edited_utc"] == at(20).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert laptop.export() == desktop.export()


def test_edits_at_the_same_moment_go_to_the_larger_machine_id(tmp_path: Path, shared: Path) -> None:
    one, two = machine(tmp_path, shared, "one"), machine(tmp_path, shared, "two")
    entry = save(one, at(0), mood=3)
    both_sync(one, two)
    assert edit(one, entry.id, at(30), sets=["mood=4"])
    assert edit(two, entry.id, at(30), sets=["mood=9"])
    both_sync(one, two)
    larger = max((one, two), key=lambda m: m.machine_id)
    expected = 9 if larger is two else 4
    assert one.live()[entry.id]["mood"] == two.live()[entry.id]["mood"] == expected


def test_a_deletion_is_not_undone_by_an_edit_and_an_undo_brings_back_every_edit(
    tmp_path: Path, shared: Path
) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    entry = save(laptop, at(0), mood=3, answers={"note": "first"})
    both_sync(laptop, desktop)
    delete(laptop, entry.id, at(10))
    edit(desktop, entry.id, at(5), sets=["mood=7"])  # older than the deletion
    edit(desktop, entry.id, at(15), sets=["note=later words"])  # newer, still no resurrection
    both_sync(laptop, desktop)
    assert entry.id not in laptop.live() and entry.id not in desktop.live()
    kept = [m.newest_in_trash()[entry.id] for m in (laptop, desktop)]
    assert kept[0] == kept[1]
    assert (kept[0]["mood"], kept[0]["answers"]["note"]) == (7, "later words")

    assert undo(desktop, at(20)).id == entry.id  # undo travels as a change of its own
    both_sync(laptop, desktop)
    for m in (laptop, desktop):
        back = m.live()[entry.id]
        assert (back["mood"], back["answers"]["note"]) == (7, "later words")
        assert entry.id not in m.newest_in_trash()


def test_an_undo_older_than_a_deletion_elsewhere_loses(tmp_path: Path, shared: Path) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    entry = save(laptop, at(0), mood=3)
    both_sync(laptop, desktop)
    delete(laptop, entry.id, at(10))
    undo(laptop, at(11))
    delete(desktop, entry.id, at(12))  # the desktop never saw the undo: its delete is newer
    both_sync(laptop, desktop)
    assert entry.id not in laptop.live() and entry.id not in desktop.live()


def test_a_machine_offline_for_a_year_catches_up_and_its_old_edits_lose(
    tmp_path: Path, shared: Path
) -> None:
    year = timedelta(days=365)
    start = datetime.now(UTC).replace(microsecond=0) - year - timedelta(days=2)
    home, away = machine(tmp_path, shared, "home"), machine(tmp_path, shared, "away")
    entries = [save(home, start + timedelta(minutes=n), mood=n, tags=["old"]) for n in range(6)]
    both_sync(home, away, when=start + timedelta(hours=1))
    # A year apart: the one at home goes on; the one away (no sync) edits as well.
    for month in range(12):
        when = start + timedelta(days=30 * month + 5)
        save(home, when, mood=month % 11, answers={"note": f"month {month}"})
        home.sync(when)
    edit(away, entries[0].id, start + timedelta(days=40), sets=["mood=1"])  # before home's edit
    edit(home, entries[0].id, start + timedelta(days=200), sets=["mood=9"])
    edit(away, entries[1].id, start + timedelta(days=300), sets=["energy=2"])  # only away
    delete(home, entries[2].id, start + timedelta(days=100))
    edit(away, entries[2].id, start + timedelta(days=50), sets=["mood=5"])  # older than it
    save(away, start + timedelta(days=360), mood=4, answers={"note": "from the cabin"})
    home.sync(start + timedelta(days=364))

    now = start + year + timedelta(days=1)
    both_sync(away, home, when=now)
    assert home.export() == away.export()
    live = away.live()
    assert len(live) == 6 - 1 + 12 + 1
    assert live[entries[0].id]["mood"] == 9  # the newer edit, whichever machine
    assert live[entries[1].id]["energy"] == 2  # a field only the away machine touched
    assert entries[2].id not in live  # the older edit does not bring it back
    assert any(c["answers"].get("note") == "from the cabin" for c in live.values())
    # Deleted 265 days before the away machine heard of it: past its 30 days in the trash.
    assert entries[2].id not in away.newest_in_trash()


def test_restoring_a_backup_travels_as_changes(tmp_path: Path, shared: Path) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    kept = save(laptop, at(0), mood=3)
    both_sync(laptop, desktop)
    source = laptop.journal.open_for_reading()
    assert source is not None
    copy, _count = backup(source, laptop.journal, tmp_path / "before.db")
    source.close()
    later = save(desktop, at(10), mood=6)
    edit(desktop, kept.id, at(11), sets=["mood=9"])
    both_sync(laptop, desktop)
    assert laptop.live()[kept.id]["mood"] == 9

    restore(copy, laptop.journal)  # back to the backup, on purpose
    both_sync(laptop, desktop)
    for m in (laptop, desktop):
        assert list(m.live()) == [kept.id] and m.live()[kept.id]["mood"] == 3
        assert later.id in m.newest_in_trash()  # removed by the restore: in every trash
    assert laptop.export() == desktop.export()


def test_an_import_never_undoes_newer_edits_made_elsewhere(tmp_path: Path, shared: Path) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    entry = save(laptop, at(0), mood=3)
    stale = load_checkin_from(laptop, entry.id)  # an export made now, imported later
    both_sync(laptop, desktop)
    edit(laptop, entry.id, at(30), sets=["mood=8"])
    laptop.sync()
    fresh = machine(tmp_path, shared, "fresh")
    db = fresh.journal.open()
    try:
        assert import_checkins(db, [stale]).added == 1
    finally:
        db.close()
    both_sync(fresh, laptop, desktop)
    for m in (laptop, desktop, fresh):
        assert m.live()[entry.id]["mood"] == 8


def load_checkin_from(m: Machine, checkin_id: str) -> CheckIn:
    db = m.journal.open()
    try:
        return load_checkin(db, checkin_id)
    finally:
        db.close()


def test_a_journal_with_a_history_logs_it_all_when_it_starts_syncing(
    tmp_path: Path, shared: Path
) -> None:
    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    entries = [save(laptop, at(n), mood=n, tags=["a", "b"]) for n in range(4)]
    edit(laptop, entries[1].id, at(10), sets=["mood=7"], untags=["a"])
    delete(laptop, entries[3].id, at(11))
    both_sync(laptop, desktop)
    assert desktop.live() == laptop.live()
    assert desktop.newest_in_trash()[entries[3].id] == laptop.newest_in_trash()[entries[3].id]
    lines = laptop.own_log().read_text(encoding="utf-8").splitlines()
    ops = [json.loads(line).get("op") for line in lines[1:]]
    assert ops == ["saved"] * 4 + ["deleted"]


def test_a_copied_journal_gets_its_own_log_and_both_go_on(tmp_path: Path, shared: Path) -> None:
    laptop = machine(tmp_path, shared, "laptop")
    entry = save(laptop, at(0), mood=3)
    laptop.sync()
    desktop = machine(tmp_path, shared, "desktop")
    shutil.copyfile(laptop.journal.path, desktop.journal.path)  # "I copied my journal over"
    report = desktop.sync()
    assert any("not where it first synced" in note for note in report.notes)
    assert desktop.machine_id != laptop.machine_id
    edit(desktop, entry.id, at(10), sets=["mood=5"])
    edit(laptop, entry.id, at(20), sets=["energy=2"])
    both_sync(laptop, desktop)
    for m in (laptop, desktop):
        data = m.live()[entry.id]
        assert (data["mood"], data["energy"]) == (5, 2)
    assert laptop.sync().notes == []  # the original keeps its id and its log


def test_two_journals_writing_as_one_machine_are_told_apart(
    tmp_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from serjournal.sync import run

    laptop = machine(tmp_path, shared, "laptop")
    entry = save(laptop, at(0), mood=3)
    laptop.sync()
    twin = machine(tmp_path, shared, "twin")
    shutil.copyfile(laptop.journal.path, twin.journal.path)
    # The same host, device and inode (a cloned virtual machine): nothing tells them apart...
    monkeypatch.setattr(run, "machine_home", lambda _journal: "clone")
    for m in (laptop, twin):
        db = m.journal.open()
        db.execute("UPDATE sync_state SET value = 'clone' WHERE key = 'home'")
        db.close()
    edit(twin, entry.id, at(10), sets=["mood=5"])
    twin.sync()  # writes into the laptop's log, as the laptop
    edit(laptop, entry.id, at(20), sets=["energy=2"])
    report = laptop.sync()  # ...until one finds lines it never wrote in its own log
    assert any("Another journal was writing as this machine" in n for n in report.notes)
    both_sync(laptop, twin)
    assert laptop.machine_id != twin.machine_id
    for m in (laptop, twin):
        data = m.live()[entry.id]
        assert (data["mood"], data["energy"]) == (5, 2)


# --- The registers themselves ------------------------------------------------------------


def test_a_change_carries_only_the_fields_it_changed() -> None:
    checkin = CheckIn(mood=3, energy=4, answers={"note": "x"}, tags=["a"])
    first = registers.changes(State(checkin, live=True), {}, Stamp(1, "m"))
    assert first["mood"] == 3 and first["tags.a"] == 0 and "deleted" not in first
    current = {name: Register(value, Stamp(1, "m")) for name, value in first.items()}
    checkin.mood = 5
    checkin.tags = ["a", "b"]
    del checkin.answers["note"]
    assert registers.changes(State(checkin, live=True), current, Stamp(2, "m")) == {
        "mood": 5,
        "answers.note": None,
        "tags.b": 1,
    }
    assert registers.changes(State(checkin, live=False), current, Stamp(2, "m"))["deleted"]


def test_reordered_tags_are_all_set_again_so_every_machine_shows_that_order() -> None:
    checkin = CheckIn(tags=["a", "b", "c"])
    values = registers.changes(State(checkin, live=True), {}, Stamp(1, "m"))
    current = {name: Register(value, Stamp(1, "m")) for name, value in values.items()}
    checkin.tags = ["c", "a", "b"]
    again = registers.changes(State(checkin, live=True), current, Stamp(2, "m"))
    assert again == {"tags.c": 0, "tags.a": 1, "tags.b": 2}
    current.update({name: Register(value, Stamp(2, "m")) for name, value in again.items()})
    described = registers.describe(checkin.id, current)
    assert described is not None and described.checkin.tags == ["c", "a", "b"]


def test_every_field_a_log_line_may_set_is_checked() -> None:
    good = {"mood": 3, "created_utc": "2026-11-24T21:00:00Z", "answers.note": "x", "tags.t": 2}
    for name, value in good.items():
        registers.check(name, value)
    for name, value in [
        ("mood", 11),
        ("mood", True),
        ("mood", "3"),
        ("created_utc", "yesterday"),
        ("local_date", "2026-13-01"),
        ("mode", "slow"),
        ("sensations", [{"region": "chest"}]),
        ("emotions", "anxious"),
        ("deleted", 1),
        ("tags.t", -1),
        ("secret", 1),
        ("answers.note", 3),
        ("sensations", [{**dict.fromkeys(registers.SENSATION_KEYS), "intensity": 11}]),
    ]:
        with pytest.raises(ValueError):
            registers.check(name, value)


def test_log_lines_round_trip_and_name_their_change() -> None:
    checkin_id = "00000000-0000-4000-8000-000000000000"
    line = logfile.encode_line(3, 1764018000123, "edited", checkin_id, {"mood": 4})
    assert json.loads(line)["at"] == "2025-11-24T21:00:00.123Z"
    assert logfile.parse_at("2025-11-24T21:00:00.123Z") == 1764018000123
    assert logfile.op_for({"tags.a": 0}, new=False) == "tagged"
    assert logfile.op_for({"mood": 1, "deleted": False}, new=False) == "restored"


def test_registers_are_stored_with_each_stamp_once_and_read_back_whole() -> None:
    current = {
        "mood": Register(3, Stamp(5, "aa")),
        "energy": Register(None, Stamp(5, "aa")),
        "sensations": Register([{"region": "chest"}], Stamp(9, "bb")),
        "tags.x": Register(0, Stamp(5, "aa")),
    }
    text = registers.encode(current)
    assert json.loads(text)["s"] == [[5, "aa"], [9, "bb"]]
    assert registers.decode(text) == current


def test_every_kind_of_check_in_travels_whole(tmp_path: Path, shared: Path) -> None:
    """The upgrade fixture's check-ins (every field, empty and missing ratings,
    sides, targets, unknown emotions, unicode, newlines, formula signs, a
    2000-character answer): what one journal holds, the log carries whole."""
    from serjournal.answers import checkin_from_dict
    from tests.fixtures.make_fixture import FIXTURE_CHECKINS, FIXTURE_TRASHED

    laptop, desktop = machine(tmp_path, shared, "laptop"), machine(tmp_path, shared, "desktop")
    laptop.sync()  # syncing already: the import itself is recorded, line by line
    db = laptop.journal.open()
    try:
        import_checkins(db, [checkin_from_dict(d) for d in [*FIXTURE_CHECKINS, FIXTURE_TRASHED]])
        delete_checkin(db, FIXTURE_TRASHED["id"])
    finally:
        db.close()
    both_sync(laptop, desktop)
    reading = logfile.parse_bytes(laptop.own_log().read_bytes())
    assert reading.problem is None and len(reading.changes) == len(FIXTURE_CHECKINS) + 2
    assert desktop.live() == laptop.live() and len(desktop.live()) == len(FIXTURE_CHECKINS)
    trashed = FIXTURE_TRASHED["id"]
    assert desktop.newest_in_trash()[trashed] == laptop.newest_in_trash()[trashed]
    assert desktop.export() == laptop.export()
