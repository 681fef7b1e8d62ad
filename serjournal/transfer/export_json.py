"""The JSON export: every check-in in its full dictionary form
(models.CheckIn.to_dict), so nothing is lost. One check-in per line inside a
small envelope, written as the journal is read."""

from __future__ import annotations

import json
from datetime import date
from typing import IO

from serjournal.models import format_utc, utc_now
from serjournal.store.reading import Readable
from serjournal.store.stream import iter_checkins, read_snapshot

FORMAT_NAME = "serjournal"
FORMAT_VERSION = 1


def write_json(
    db: Readable, out: IO[str], since: date | None = None, until: date | None = None
) -> int:
    """Write {"format", "version", "exported_utc", "checkins": [...]}; returns the count."""
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_utc": format_utc(utc_now())}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "checkins": [')
    count = 0
    with read_snapshot(db):
        for checkin in iter_checkins(db, since, until):
            out.write(",\n" if count else "\n")
            out.write(json.dumps(checkin.to_dict(), ensure_ascii=False))
            count += 1
    out.write("\n]}\n")
    return count
