"""Three machines, one journal: random check-ins, edits, tags, deletions and
undos on each, logs exchanged in random orders by a simulated sync tool
that cuts files mid-line and makes conflict copies, syncs at random moments.

After every log has been delivered and every machine has synced, the three
journals must export identically, and hold exactly what an independent
oracle computes from what the users did (the newest change of each field
wins; a deletion stands until an undo newer than it): so no acknowledged
change is missing, and nothing appears that nobody did. Syncing again, any
number of times, changes nothing.

SERJOURNAL_STRESS=1 runs more seeds and longer histories.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

import pytest

from tests.sync_helpers import Clock, Machine, Oracle, Replicator, User, age_keys

STRESS = os.environ.get("SERJOURNAL_STRESS") == "1"
SEEDS = range(12) if STRESS else range(4)
STEPS = 400 if STRESS else 140


@pytest.mark.parametrize(
    ("seed", "sealed"), [(seed, False) for seed in SEEDS] + [(seed, True) for seed in SEEDS[:2]]
)
def test_three_machines_converge_and_lose_nothing(tmp_path: Path, seed: int, sealed: bool) -> None:
    """`sealed`: the logs travel encrypted to one age key that every machine holds."""
    rng = random.Random(seed)
    clock = Clock()
    oracle = Oracle()
    keys = age_keys(tmp_path) if sealed else None
    machines = [Machine(tmp_path, name, keys) for name in ("laptop", "desktop", "phone")]
    for machine in machines:
        machine.sync(clock.tick())  # each gets its id and an empty log
    users = [User(m, oracle, clock, rng) for m in machines]
    tool = Replicator(machines, rng)
    done: Counter[str] = Counter()
    for _ in range(STEPS):
        roll = rng.random()
        if roll < 0.6:
            done[rng.choice(users).act()] += 1
        elif roll < 0.75:
            report = rng.choice(machines).sync(clock.tick())
            assert report.problems == [] and report.not_sent is None
            done["sync"] += 1
        else:
            tool.deliver_some()
            done["delivery"] += 1

    for machine in machines:
        machine.sync(clock.tick())  # the last changes go into each log
    tool.deliver_everything()
    for machine in machines:
        report = machine.sync(clock.tick())
        assert report.problems == [] and report.not_sent is None

    exports = [m.export() for m in machines]
    assert exports[0] == exports[1] == exports[2]
    live, deleted = oracle.expected()
    assert machines[0].live() == live
    for machine in machines:
        trash = machine.newest_in_trash()
        assert {i: trash.get(i) for i in deleted} == deleted  # an undo would bring back all

    for machine in machines:  # idempotent: syncing again changes nothing
        report = machine.sync(clock.tick())
        assert (report.sent, report.received, report.checkins) == (0, 0, 0)
        assert machine.export() == exports[0]
    assert done["checkin"] and done["delete"] and done["undo"] and done["sync"]
    assert tool.cut > 0  # lines really were cut in half on the way
    if sealed:  # nothing of the entries travelled readable
        for machine in machines:
            for log in machine.folder.glob("serjournal-*.jsonl"):
                # Whole lines only: a conflict copy may stay cut mid-line, `{"seq":12,`.
                whole = log.read_text().split("\n")[1:-1]
                assert [json.loads(line)["seq"] for line in whole] == list(
                    range(1, len(whole) + 1)
                ), log.name
                assert all(set(json.loads(line)) == {"seq", "age"} for line in whole), log.name
    print(
        f"\nsync convergence seed {seed}{' (sealed)' if sealed else ''}: {dict(done)}, "
        f"{oracle.acknowledged} acknowledged "
        f"changes, {len(live)} live and {len(deleted)} deleted check-ins, {tool.cut} cut "
        f"deliveries, {tool.conflicts} conflict copies: identical on 3 machines, 0 lost"
    )
