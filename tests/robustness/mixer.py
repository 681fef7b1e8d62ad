"""A worker for the interleaving test: random journal commands, real CLI.

Run as `python mixer.py JOURNAL FOLDER START SEED OPS LABEL`. After the START
file appears it runs OPS commands chosen by SEED (checkin, edit --tag,
edit --add-emotion, delete, undo, trash restore, import, backup, restore)
through serjournal's own command line (typer's CliRunner, in this process,
so hundreds of commands stay quick), and prints one JSON line per command
that reported success: what the parent must find afterwards. A command that
fails cleanly (the entry it picked was deleted a moment ago, say) is
printed as {"op": "refused", ...} with its one-line error, which must not be
a traceback.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
import uuid
from pathlib import Path
from typing import Any

WEIGHTS = {
    "checkin": 30,
    "tag": 22,
    "emotion": 8,
    "delete": 10,
    "undo": 7,
    "trash-restore": 5,
    "import": 7,
    "backup": 6,
    "restore": 5,
    "sync": 6,
}
WORDS = ("peaceful", "proud", "lonely", "curious", "tender", "grateful", "worried")


def ids(journal: Path, sql: str) -> list[str]:
    """Read the way the program reads: through its read-only opening."""
    from serjournal.journal import Journal

    try:
        conn = Journal(journal).open_for_reading()
    except Exception:  # noqa: BLE001 - being created by another worker this instant
        return []
    if conn is None:
        return []
    try:
        return [r[0] for r in conn.execute(sql)]
    finally:
        conn.close()


def live_ids(journal: Path) -> list[str]:
    return ids(journal, "SELECT id FROM checkins")


def trashed_ids(journal: Path) -> list[str]:
    return ids(journal, "SELECT DISTINCT checkin_id FROM trash")


def main(argv: list[str]) -> None:
    journal, folder, start = Path(argv[0]), Path(argv[1]), Path(argv[2])
    seed, ops, label = int(argv[3]), int(argv[4]), argv[5]
    from typer.testing import CliRunner

    from serjournal.cli import app

    runner = CliRunner()
    rng = random.Random(seed)
    print("ready", flush=True)
    while not start.exists():
        time.sleep(0.002)

    def run(*args: str) -> Any:
        return runner.invoke(app, [*args, "--db", str(journal)])

    def report(record: dict[str, Any]) -> None:
        print(json.dumps(record), flush=True)

    weights = dict(WEIGHTS)
    if os.environ.get("MIXER_ONLY"):  # narrowing a failure down by hand
        weights = {k: v for k, v in WEIGHTS.items() if k in os.environ["MIXER_ONLY"].split(",")}
    for n in range(ops):
        op = rng.choices(list(weights), weights=list(weights.values()))[0]
        live = live_ids(journal)
        args: list[str]
        record: dict[str, Any] = {"op": op}
        if op == "checkin" or (op in ("tag", "emotion", "delete") and not live):
            checkin_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            args = ["checkin", "--mood", str(rng.randint(0, 10)), "--tag", "mixed"]
            args += ["--note", f"{label}-{n}", "--id", checkin_id]
            record = {"op": "checkin", "id": checkin_id}
        elif op == "tag":
            record["id"] = rng.choice(live)
            record["tag"] = f"{label}-t{n}"
            args = ["edit", record["id"], "--tag", record["tag"]]
        elif op == "emotion":
            record["id"] = rng.choice(live)
            args = ["edit", record["id"], "--add-emotion", f"{rng.choice(WORDS)}:4"]
        elif op == "delete":
            record["id"] = rng.choice(live)
            args = ["delete", record["id"], "--yes"]
        elif op == "undo":
            args = ["undo"]
        elif op == "trash-restore":
            trashed = trashed_ids(journal)
            if not trashed:
                continue
            record["id"] = rng.choice(trashed)
            args = ["trash", "restore", record["id"]]
        elif op == "import":
            ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2)]
            source = folder / f"import-{label}-{n}.json"
            checkins = [
                {"id": i, "mode": "quick", "mood": 4, "answers": {"note": f"imported {i}"}}
                for i in ids
            ]
            source.write_text(
                json.dumps({"format": "serjournal", "version": 1, "checkins": checkins})
            )
            record["ids"] = ids
            args = ["import", str(source)]
        elif op == "backup":
            record["file"] = str(folder / f"backup-{label}-{n}.db")
            args = ["backup", record["file"]]
        elif op == "sync":  # every worker is the same machine: syncs race each other
            (folder / "sync").mkdir(exist_ok=True)
            args = ["sync", str(folder / "sync")]
        else:  # restore one of the backups any worker has made
            made = sorted(folder.glob("backup-*.db"))
            if not made:
                continue
            record["file"] = str(rng.choice(made))
            args = ["restore", record["file"]]
        result = run(*args)
        if result.exit_code != 0:
            report(
                {"op": "refused", "args": args, "code": result.exit_code, "error": result.output}
            )
            continue
        if op in ("undo", "trash-restore"):
            match = re.search(r"check-in ([0-9a-f]{8})", result.output, re.IGNORECASE)
            record["short"] = match.group(1) if match else None
        report(record)


if __name__ == "__main__":
    main(sys.argv[1:])
