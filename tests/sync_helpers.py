"""Simulated machines for the sync tests: each has its own journal and its
own replica of the shared folder; a Replicator plays the sync tool (copying
files between replicas, sometimes cut mid-line, sometimes as conflict
copies); an Oracle works out, from what each user did, what every journal
must end up holding.

Time is a shared fake clock, moved forward by every operation, so each
change has a known stamp (the program's clock then equals it exactly) and
the Oracle can apply "the newest change of a field wins" on its own.
"""

from __future__ import annotations

import io
import json
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from serjournal.editing import FlagEdits, apply_flag_edits
from serjournal.errors import InputError
from serjournal.journal import Journal
from serjournal.models import CheckIn, EmotionEntry, format_utc
from serjournal.store.checkins import load_checkin
from serjournal.store.stream import iter_checkins
from serjournal.store.sync_state import sync_machine
from serjournal.store.writes import delete_checkin, edit_checkin, restore_deleted, save_checkin
from serjournal.sync import logfile
from serjournal.sync.run import SyncKeys, SyncReport, sync
from serjournal.transfer.export_json import write_json
from serjournal.vocabulary import default_vocabulary

WORDS = ("calm", "work", "sleep", "friends", "rain", "walk", "family")
EMOTIONS = (
    EmotionEntry("grateful", "joy", "pleasant", "low", 4),
    EmotionEntry("worried", "fear", "unpleasant", "high", 6, "chest"),
    EmotionEntry("tender", "love", "pleasant", "low", 3, "hands"),
)


def age_keys(folder: Path) -> SyncKeys:
    """A fresh age key pair, its secret in a file: what sealed logs need."""
    import pyrage

    secret = pyrage.x25519.Identity.generate()
    path = folder / "age-key.txt"
    path.write_text(f"# public key: {secret.to_public()}\n{secret}\n")
    return SyncKeys([str(secret.to_public())], path)


class Clock:
    """The one clock every simulated machine reads: always moving forward."""

    def __init__(self, start: datetime | None = None) -> None:
        base = datetime.now(UTC) - timedelta(days=2)
        self.now = start or base.replace(microsecond=0)

    def tick(self, rng: random.Random | None = None, most_ms: int = 90_000) -> datetime:
        self.now += timedelta(milliseconds=(rng.randint(1, most_ms) if rng else 1))
        return self.now


class Machine:
    def __init__(self, root: Path, name: str, keys: SyncKeys | None = None) -> None:
        self.name = name
        self.keys = keys  # age keys sealing its log (tests/test_sync_encrypted.py)
        self.journal = Journal(root / name / "journal.db")
        self.folder = root / name / "sync"
        self.folder.mkdir(parents=True)

    @property
    def machine_id(self) -> str:
        db = self.journal.open()
        try:
            machine = sync_machine(db)
        finally:
            db.close()
        assert machine is not None
        return machine

    def sync(self, now: datetime | None = None) -> SyncReport:
        return sync(self.journal, self.folder, now, self.keys)

    def own_log(self) -> Path:
        return self.folder / logfile.own_name(self.machine_id)

    def export(self) -> str:
        """`export --format json`, without its export time."""
        db = self.journal.open_for_reading()
        assert db is not None
        out = io.StringIO()
        try:
            write_json(db, out)
        finally:
            db.close()
        head, _, rest = out.getvalue().partition('"checkins"')
        assert '"exported_utc"' in head
        return rest

    def live(self) -> dict[str, dict[str, Any]]:
        db = self.journal.open_for_reading()
        assert db is not None
        try:
            return {c.id: c.to_dict() for c in iter_checkins(db)}
        finally:
            db.close()

    def newest_in_trash(self) -> dict[str, dict[str, Any]]:
        db = self.journal.open_for_reading()
        assert db is not None
        try:
            rows = db.execute("SELECT checkin_id, record FROM trash ORDER BY deleted_utc, id")
            return {checkin_id: json.loads(record) for checkin_id, record in rows}
        finally:
            db.close()


@dataclass
class Fact:
    """One register as the Oracle sees it: set by a change at `at`."""

    value: Any
    at: datetime
    place: int = 0


@dataclass
class Oracle:
    """What each user did, field by field, and so what must survive."""

    facts: dict[str, dict[str, Fact]] = field(default_factory=dict)
    acknowledged: int = 0

    def note(self, checkin_id: str, at: datetime, values: dict[str, Any]) -> None:
        registers = self.facts.setdefault(checkin_id, {})
        for name, value in values.items():
            place = value if name.startswith("tags.") and value is not None else 0
            old = registers.get(name)
            assert old is None or old.at < at, "the fake clock gives every change its own time"
            registers[name] = Fact(value, at, place)
        self.acknowledged += 1

    def saved(self, checkin: CheckIn, at: datetime) -> None:
        data = checkin.to_dict()
        values = {k: v for k, v in data.items() if k not in ("id", "answers", "tags")}
        values.update({f"answers.{k}": v for k, v in data["answers"].items()})
        values.update({f"tags.{t}": i for i, t in enumerate(data["tags"])})
        self.note(checkin.id, at, values)

    def expected(self) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
        """(live check-ins, deleted ones) as their dictionary forms."""
        live, deleted = {}, {}
        for checkin_id, registers in self.facts.items():
            data: dict[str, Any] = {"id": checkin_id, "answers": {}, "tags": []}
            tags = []
            for name, fact in registers.items():
                if name.startswith("answers."):
                    if fact.value is not None:
                        data["answers"][name[len("answers.") :]] = fact.value
                elif name.startswith("tags."):
                    if fact.value is not None:
                        tags.append((fact.at, fact.place, name[len("tags.") :]))
                elif name != "deleted":
                    data[name] = fact.value
            data["tags"] = [tag for _, _, tag in sorted(tags)]
            gone = registers.get("deleted")
            (deleted if gone is not None and gone.value else live)[checkin_id] = data
        return live, deleted


class User:
    """Random things a person does on one machine, each noted in the Oracle
    only when the journal there really changed."""

    def __init__(self, machine: Machine, oracle: Oracle, clock: Clock, rng: random.Random):
        self.machine, self.oracle, self.clock, self.rng = machine, oracle, clock, rng

    def act(self) -> str:
        db = self.machine.journal.open()
        try:
            live = [r[0] for r in db.execute("SELECT id FROM checkins ORDER BY id")]
            choice = self.rng.choices(
                ["checkin", "edit", "tag", "untag", "emotion", "delete", "undo"],
                weights=[24, 22, 12, 8, 6, 12, 10],
            )[0]
            if choice != "checkin" and choice != "undo" and not live:
                choice = "checkin"
            getattr(self, "_" + choice)(db, live)
            return choice
        finally:
            db.close()

    def _checkin(self, db: Any, _live: list[str]) -> None:
        at = self.clock.tick(self.rng)
        checkin = CheckIn(
            id=str(_uuid(self.rng)),
            mode="quick",
            mood=self.rng.randint(0, 10),
            energy=self.rng.choice([None, self.rng.randint(0, 10)]),
            emotions=[self.rng.choice(EMOTIONS)] if self.rng.random() < 0.5 else [],
            answers={"note": f"{self.machine.name} at {at.isoformat()}"},
            tags=self.rng.sample(WORDS, self.rng.randint(0, 2)),
        )
        checkin.set_time(at)
        assert save_checkin(db, checkin, now=at)
        self.oracle.saved(load_checkin(db, checkin.id), at)

    def _edit(self, db: Any, live: list[str]) -> None:
        checkin_id = self.rng.choice(live)
        key = self.rng.choice(["mood", "energy", "distress", "note"])
        value = f"{self.machine.name} edit {self.rng.randint(0, 99)}" if key == "note" else None
        value = value or str(self.rng.randint(0, 10))
        self._flags(db, checkin_id, FlagEdits(sets=[f"{key}={value}"]))

    def _tag(self, db: Any, live: list[str]) -> None:
        self._flags(db, self.rng.choice(live), FlagEdits(tags=[self.rng.choice(WORDS)]))

    def _untag(self, db: Any, live: list[str]) -> None:
        checkin_id = self.rng.choice(live)
        tags = load_checkin(db, checkin_id).tags
        if tags:
            self._flags(db, checkin_id, FlagEdits(untags=[self.rng.choice(tags)]))

    def _emotion(self, db: Any, live: list[str]) -> None:
        emotion = self.rng.choice(EMOTIONS)
        spec = f"{emotion.name}:{self.rng.randint(0, 10)}"
        self._flags(db, self.rng.choice(live), FlagEdits(add_emotions=[spec]))

    def _flags(self, db: Any, checkin_id: str, edits: FlagEdits) -> None:
        before = load_checkin(db, checkin_id)
        at = self.clock.tick(self.rng)
        vocabulary = default_vocabulary()
        result = edit_checkin(
            db,
            checkin_id,
            lambda c: apply_flag_edits(c, edits, vocabulary),
            vocabulary=vocabulary,
            now=at,
        )
        if result.changed:
            self.oracle.note(checkin_id, at, _difference(before, result.checkin, at))

    def _delete(self, db: Any, live: list[str]) -> None:
        at = self.clock.tick(self.rng)
        deleted = delete_checkin(db, self.rng.choice(live), now=at)
        self.oracle.note(deleted.id, at, {"deleted": True})

    def _undo(self, db: Any, _live: list[str]) -> None:
        at = self.clock.tick(self.rng)
        try:
            back = restore_deleted(db, None, now=at)
        except InputError:
            return  # nothing in this machine's trash
        self.oracle.note(back.id, at, {"deleted": False})


def _difference(before: CheckIn, after: CheckIn, at: datetime) -> dict[str, Any]:
    """The fields an edit changed, as the user saw them on their machine."""
    old, new = before.to_dict(), after.to_dict()
    values: dict[str, Any] = {"edited_utc": format_utc(at)}
    for key in ("mood", "energy", "distress", "sensations", "emotions"):
        if old[key] != new[key]:
            values[key] = new[key]
    for key in set(old["answers"]) | set(new["answers"]):
        if old["answers"].get(key) != new["answers"].get(key):
            values[f"answers.{key}"] = new["answers"].get(key)
    for tag in old["tags"]:
        if tag not in new["tags"]:
            values[f"tags.{tag}"] = None
    for place, tag in enumerate(new["tags"]):
        if tag not in old["tags"]:
            values[f"tags.{tag}"] = place
    return values


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


CONFLICT_NAMES = (
    "{stem} (conflicted copy 2026-11-24).jsonl",
    "{stem}.sync-conflict-20261124-101010-ABCDEFG.jsonl",
    "{stem} (laptop's conflicted copy).jsonl",
)


class Replicator:
    """The sync tool: copies log files between the machines' folders, in
    random order, sometimes only part of a file (cut anywhere, even in the
    middle of a line), sometimes as a conflict copy. A file only ever
    grows at its destination, as with a real tool copying an append-only
    file; only a machine's own log is never written by the tool."""

    def __init__(self, machines: list[Machine], rng: random.Random) -> None:
        self.machines, self.rng = machines, rng
        self.cut = 0
        self.conflicts = 0

    def deliver_some(self) -> None:
        source, target = self.rng.sample(self.machines, 2)
        files = sorted(p for p in source.folder.iterdir() if logfile.is_log_name(p.name))
        if not files:
            return
        path = self.rng.choice(files)
        data = path.read_bytes()
        name = path.name
        if self.rng.random() < 0.12 and ".sync-conflict" not in name and "(" not in name:
            name = self.rng.choice(CONFLICT_NAMES).format(stem=path.name[: -len(".jsonl")])
            self.conflicts += 1
        destination = target.folder / name
        if destination.name == logfile.own_name(target.machine_id):
            return
        have = destination.stat().st_size if destination.exists() else 0
        if have >= len(data):
            return
        length = len(data)
        if self.rng.random() < 0.4:
            length = self.rng.randint(have, len(data))
            self.cut += length < len(data) and data[length - 1 : length] != b"\n"
        destination.write_bytes(data[:length])

    def deliver_everything(self) -> None:
        """Every file, whole, everywhere (the tool catching up at last)."""
        for _ in range(2):  # a file relayed through a third folder arrives too
            for source in self.machines:
                for path in sorted(source.folder.iterdir()):
                    if not logfile.is_log_name(path.name):
                        continue
                    for target in self.machines:
                        if target is source:
                            continue
                        destination = target.folder / path.name
                        if destination.name == logfile.own_name(target.machine_id):
                            continue
                        have = destination.stat().st_size if destination.exists() else 0
                        if have < path.stat().st_size:
                            shutil.copyfile(path, destination)
