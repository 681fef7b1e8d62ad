"""Reading many check-ins in chunks, for exports: memory stays flat however
long the history is, and each chunk costs five queries, not five per entry."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, cast

from serjournal.models import CheckIn
from serjournal.store.checkins import CHECKIN_COLUMNS, assemble_checkins
from serjournal.store.reading import Readable

CHUNK_SIZE = 500


@contextmanager
def read_snapshot(db: Readable) -> Iterator[Readable]:
    """One read transaction, so an export sees one consistent journal even
    while another terminal saves a check-in."""
    connection = cast(sqlite3.Connection, getattr(db, "conn", db))  # a sqlite-utils Database too
    started = not connection.in_transaction
    if started:
        db.execute("BEGIN")
    try:
        yield db
    finally:
        if started and connection.in_transaction:
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
    db: Readable, since: date | None = None, until: date | None = None, chunk: int = CHUNK_SIZE
) -> Iterator[CheckIn]:
    """Every check-in in the period, oldest first, read chunk by chunk."""
    where, params = day_filter(since, until)
    cursor = db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins{where} ORDER BY created_utc, id",
        params,
    )
    while rows := cursor.fetchmany(chunk):
        yield from assemble_checkins(
            db, [dict(zip(CHECKIN_COLUMNS, row, strict=True)) for row in rows]
        )
