"""Shared builders for the transfer tests: journals, check-ins and exports."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.stream import iter_checkins
from serjournal.store.writes import import_checkins
from serjournal.transfer.export_csv import write_table
from serjournal.transfer.export_json import write_json


def make_checkin(number: int = 0, **overrides: object) -> CheckIn:
    checkin = CheckIn(
        mode="full",
        settledness=5,
        mood=6,
        energy=4,
        distress=3,
        distress_after=1,
        closing_mood=7,
        practice="breath",
        practice_seconds=60,
        duration_seconds=300,
        sensations=[
            Sensation("chest", "tight", 6, intensity_after=3, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[
            EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest"),
            # Today's coordinates: checkins.csv carries none, so its import
            # takes the vocabulary's (hopeful: pleasant, a little low energy).
            EmotionEntry("hopeful", "joy", "pleasant", "low", 3),
        ],
        answers={"focus": 'a hard day, "quoted", =1+1', "takeaway": "breathe 🌿\nslowly"},
        tags=["work", "evening; late"],
    )
    zone = timezone(timedelta(hours=-5))
    checkin.set_time(datetime(2026, 3, 1, 21, 30, tzinfo=zone) + timedelta(days=number))
    for key, value in overrides.items():
        setattr(checkin, key, value)
    return checkin


def all_dicts(db: Database) -> dict[str, dict[str, object]]:
    return {c.id: c.to_dict() for c in iter_checkins(db)}


def csv_text(db: Database, table: str = "checkins") -> str:
    out = io.StringIO(newline="")
    write_table(db, table, out)
    return out.getvalue()


def json_text(db: Database) -> str:
    out = io.StringIO()
    write_json(db, out)
    return out.getvalue()


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def fill(db: Database, count: int) -> list[CheckIn]:
    checkins = [make_checkin(i) for i in range(count)]
    import_checkins(db, checkins)
    return checkins


UTC_NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
