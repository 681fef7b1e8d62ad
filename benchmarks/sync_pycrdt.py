"""Would pycrdt (the Python binding of Yrs, the Rust Yjs) carry serjournal's sync?

    python -m venv /tmp/crdt && /tmp/crdt/bin/pip install pycrdt
    /tmp/crdt/bin/python benchmarks/sync_pycrdt.py

pycrdt is not a dependency of serjournal: this script measures what it would
cost on a ten-year journal (4,658 check-ins, each a nested map of its fields),
and shows how it resolves the three cases issue 15 fixes the outcome of:
concurrent edits of one field (the newer edit must win), an old deletion
against a newer edit, and an undo on one machine against an edit on another.
The README's "One journal on several machines" quotes its output.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from typing import Any

try:
    started = time.perf_counter()
    from pycrdt import Doc, Map
except ImportError:  # pragma: no cover - run by hand
    sys.exit("pycrdt is not installed here; see the docstring")
IMPORT_MS = (time.perf_counter() - started) * 1000
CHECKINS = 4658


def fake(rng: random.Random, n: int) -> dict[str, Any]:
    """One check-in's fields, the lists and answers as JSON text."""
    return {
        "created_utc": f"2016-01-01T00:00:{n:05d}Z",
        "local_date": "2016-01-01",
        "utc_offset_minutes": 60,
        "mode": rng.choice(["full", "quick"]),
        "duration_seconds": rng.randint(30, 900),
        **{k: rng.randint(0, 10) for k in ("settledness", "mood", "energy", "distress")},
        **{k: rng.randint(0, 10) for k in ("distress_after", "closing_mood")},
        "practice": "breath",
        "practice_seconds": 120,
        "sensations": json.dumps([{"region": "chest", "quality": "tight", "intensity": 6}]),
        "emotions": json.dumps([{"name": "anxious", "family": "fear", "intensity": 5}]),
        "answers": json.dumps({"focus": "a hard conversation", "takeaway": "Breathe out."}),
        "tags": json.dumps(["work"]),
    }


def load(state: bytes) -> Doc:
    doc: Doc = Doc()
    doc.get("checkins", type=Map)
    doc.apply_update(state)
    return doc


def size_and_speed() -> None:
    rng = random.Random(1)
    records = {f"{n:08d}-0000-4000-8000-000000000000": fake(rng, n) for n in range(CHECKINS)}
    as_json = sum(len(json.dumps({"id": k, **v})) + 1 for k, v in records.items())
    doc: Doc = Doc(client_id=1)
    root = doc.get("checkins", type=Map)
    began = time.perf_counter()
    for key, value in records.items():
        with doc.transaction():
            root[key] = Map(value)
    build = time.perf_counter() - began
    for key in records:  # three edits of each check-in over the years
        for name, value in (("mood", 5), ("tags", "[]"), ("answers", "{}")):
            with doc.transaction():
                root[key][name] = value
    state = doc.get_update()
    loads = []
    for _ in range(5):
        began = time.perf_counter()
        loaded = load(state)
        loads.append(time.perf_counter() - began)
    began = time.perf_counter()
    plain = loaded.get("checkins", type=Map).to_py()
    to_py = time.perf_counter() - began
    some = next(iter(plain.values()))
    print(f"import pycrdt (with anyio): {IMPORT_MS:.0f} ms")
    print(f"{CHECKINS} check-ins: {as_json / 1e6:.2f} MB as JSON lines, built in {build:.2f} s")
    print(f"after 3 edits each: document state {len(state) / 1e6:.2f} MB")
    load_ms = statistics.median(loads) * 1000
    print(f"loading that state: {load_ms:.0f} ms; to Python: {to_py * 1000:.0f} ms")
    print(f"a whole number comes back as {some['mood']!r} ({type(some['mood']).__name__})")


def semantics() -> None:
    base = Doc(client_id=5)
    with base.transaction():
        base.get("c", type=Map)["x"] = Map({"mood": 1})
    start = base.get_update()

    def machine(client: int, state: bytes = start) -> Doc:
        doc: Doc = Doc(client_id=client)
        doc.get("c", type=Map)
        doc.apply_update(state)
        return doc

    def merged(*docs: Doc) -> Any:
        result: Doc = Doc()
        result.get("c", type=Map)
        for doc in docs:
            result.apply_update(doc.get_update())
        return result.get("c", type=Map)

    laptop, desktop = machine(9), machine(2)
    with laptop.transaction():  # offline: edited a year ago
        laptop.get("c", type=Map)["x"]["mood"] = 3
    with desktop.transaction():  # edited today
        desktop.get("c", type=Map)["x"]["mood"] = 8
    print("concurrent edits, laptop a year ago = 3, desktop today = 8: mood", end=" ")
    print(merged(laptop, desktop)["x"]["mood"], "/", merged(desktop, laptop)["x"]["mood"])

    laptop, desktop = machine(9), machine(2)
    with laptop.transaction():  # deleted a year ago
        del laptop.get("c", type=Map)["x"]
    with desktop.transaction():  # edited today
        desktop.get("c", type=Map)["x"]["mood"] = 8
    print("deleted a year ago, edited today: present?", "x" in merged(laptop, desktop))
    undone = machine(9, laptop.get_update())
    with undone.transaction():  # the laptop undoes its deletion: the check-in put back
        undone.get("c", type=Map)["x"] = Map({"mood": 1})
    print("undo on the laptop, mood = 8 on the desktop: mood", merged(undone, desktop)["x"]["mood"])


if __name__ == "__main__":
    size_and_speed()
    semantics()
