"""Reading many check-ins in chunks, for exports: memory stays flat however
long the history is, and each chunk costs five queries, not five per entry."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlite_utils import Database

from serjournal.models import RATING_FIELDS, CheckIn, EmotionEntry, Sensation, parse_utc
from serjournal.store.checkins import CHECKIN_COLUMNS

CHUNK_SIZE = 500


@contextmanager
def read_snapshot(db: Database) -> Iterator[Database]:
    """One read transaction, so an export sees one consistent journal even
    while another terminal saves a check-in."""
    started = not db.conn.in_transaction
    if started:
        db.execute("BEGIN")
    try:
        yield db
    finally:
        if started and db.conn.in_transaction:
            db.execute("COMMIT")


def day_filter(
    since: date | None, until: date | None, column: str = "local_date"
) -> tuple[str, list[Any]]:
    """A WHERE clause (possibly empty) on the local date, and its parameters."""
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{column} <= ?")
        params.append(until.isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def iter_checkins(
    db: Database, since: date | None = None, until: date | None = None, chunk: int = CHUNK_SIZE
) -> Iterator[CheckIn]:
    """Every check-in in the period, oldest first, read chunk by chunk."""
    where, params = day_filter(since, until)
    cursor = db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins{where} ORDER BY created_utc, id",
        params,
    )
    while rows := cursor.fetchmany(chunk):
        yield from _assemble(db, [dict(zip(CHECKIN_COLUMNS, row, strict=True)) for row in rows])


def _assemble(db: Database, rows: list[dict[str, Any]]) -> list[CheckIn]:
    checkins = {row["id"]: _checkin(row) for row in rows}
    marks = ", ".join("?" * len(checkins))
    ids = list(checkins)
    for r in db.execute(
        "SELECT checkin_id, region, side, quality, intensity, intensity_after, is_target "
        f"FROM sensations WHERE checkin_id IN ({marks}) ORDER BY checkin_id, position",
        ids,
    ):
        checkins[r[0]].sensations.append(Sensation(r[1], r[3], r[4], r[2], r[5], bool(r[6])))
    for r in db.execute(
        "SELECT checkin_id, name, family, valence, energy, intensity, region "
        f"FROM emotions WHERE checkin_id IN ({marks}) ORDER BY checkin_id, position",
        ids,
    ):
        checkins[r[0]].emotions.append(EmotionEntry(*r[1:]))
    for r in db.execute(
        f"SELECT checkin_id, prompt, text FROM answers WHERE checkin_id IN ({marks}) ORDER BY id",
        ids,
    ):
        checkins[r[0]].answers[r[1]] = r[2]
    for r in db.execute(
        f"SELECT checkin_id, tag FROM tags WHERE checkin_id IN ({marks}) ORDER BY rowid", ids
    ):
        checkins[r[0]].tags.append(r[1])
    return list(checkins.values())


def _checkin(row: dict[str, Any]) -> CheckIn:
    checkin = CheckIn(
        id=row["id"],
        created_utc=parse_utc(row["created_utc"]),
        local_date=row["local_date"],
        utc_offset_minutes=row["utc_offset_minutes"],
        mode=row["mode"],
        duration_seconds=row["duration_seconds"],
        practice=row["practice"],
        practice_seconds=row["practice_seconds"],
        edited_utc=parse_utc(row["edited_utc"]) if row["edited_utc"] else None,
    )
    for name in RATING_FIELDS:
        setattr(checkin, name, row[name])
    return checkin
