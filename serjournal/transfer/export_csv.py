"""CSV exports: RFC 4180 (the csv module, CRLF line ends), UTF-8, a header row
of the stable names in columns.py, written row by row as the journal is read."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, Any

from serjournal import content
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.reading import Readable
from serjournal.store.stream import day_filter, iter_checkins, read_snapshot
from serjournal.transfer import columns, csv_safety


def write_table(
    db: Readable,
    table: str,
    out: IO[str],
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Write one table as CSV to `out` (opened with newline=""). Returns the row count."""
    names = list(columns.TABLES[table])
    with read_snapshot(db):
        rows = (
            _checkin_rows(db, since, until)
            if table == "checkins"
            else _item_rows(db, table, names, since, until)
        )
        return write_rows(out, names, rows)


def write_rows(out: IO[str], names: list[str], rows: Iterable[dict[str, Any]]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    count = 0
    for row in rows:
        writer.writerow([_cell(name, row.get(name)) for name in names])
        count += 1
    return count


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if name in columns.NUMERIC else csv_safety.neutralise(text)


def _checkin_rows(db: Readable, since: date | None, until: date | None) -> Iterator[dict[str, Any]]:
    for checkin in iter_checkins(db, since, until):
        yield checkin_row(checkin)


def checkin_row(checkin: CheckIn) -> dict[str, Any]:
    """One check-in as a flat row of the checkins table (before neutralising)."""
    row = checkin.to_dict()
    row["local_time"] = checkin.local_time.isoformat()
    row["sensations"] = columns.LIST_SEPARATOR.join(sensation_text(s) for s in checkin.sensations)
    row["emotions"] = columns.LIST_SEPARATOR.join(emotion_text(e) for e in checkin.emotions)
    row["tags"] = columns.LIST_SEPARATOR.join(escape_tag(t) for t in checkin.tags)
    row.update(checkin.answers)
    return row


def sensation_text(s: Sensation) -> str:
    """The same REGION[/SIDE]:QUALITY:INTENSITY[:AFTER] form `checkin -s`
    takes, with separators inside a word escaped (columns.escape)."""
    where = columns.escape(s.region) + ("/" + columns.escape(s.side) if s.side else "")
    text = f"{where}:{columns.escape(s.quality)}:{s.intensity}"
    if s.intensity_after is not None:
        text += f":{s.intensity_after}"
    return text + (columns.TARGET_MARK if s.is_target else "")


def emotion_text(e: EmotionEntry) -> str:
    """NAME:INTENSITY[:REGION]; a word not built in (or built in with other
    coordinates) adds FAMILY:VALENCE:ENERGY, so it re-imports under any config."""
    text = f"{columns.escape(e.name)}:{e.intensity}"
    region = columns.escape(e.region) if e.region else ""
    if _BUILT_IN.get(e.name) == (e.family, e.valence, e.energy):
        return text + (f":{region}" if region else "")
    coordinates = ":".join(columns.escape(c) for c in (e.family, e.valence, e.energy))
    return f"{text}:{region}:{coordinates}"


_BUILT_IN = {e.name: (e.family, e.valence, e.energy) for e in content.EMOTIONS}


def escape_tag(tag: str) -> str:
    return tag.replace("\\", "\\\\").replace(";", "\\;")


def _item_rows(
    db: Readable, table: str, names: list[str], since: date | None, until: date | None
) -> Iterator[dict[str, Any]]:
    where, params = day_filter(since, until, "c.local_date")
    own = [n for n in names if n not in ("checkin_id", "local_date", "created_utc")]
    cursor = db.execute(
        f"SELECT t.checkin_id, c.local_date, c.created_utc, {', '.join('t.' + n for n in own)} "
        f"FROM {table} t JOIN checkins c ON c.id = t.checkin_id{where} "
        "ORDER BY c.created_utc, c.id, t.position",
        params,
    )
    order = ["checkin_id", "local_date", "created_utc", *own]
    for row in cursor:
        yield dict(zip(order, row, strict=True))


def readme_text() -> str:
    """The README written beside `export --all`: every column, and the safety rule."""
    lines = [
        "# serjournal export",
        "",
        "CSV files: RFC 4180, UTF-8, comma separated, a header row. Times: local_date is the",
        "user's calendar day; created_utc is UTC; local_time carries the UTC offset.",
        "",
        "Spreadsheet safety: a text cell that begins with =, +, -, @, a tab, a carriage return",
        "or an apostrophe has one apostrophe (') added in front, so no spreadsheet runs it as a",
        "formula. `serjournal import` removes exactly that one apostrophe again, so nothing is",
        "changed by a round trip. Number columns are never changed.",
        "",
        "checkins.csv can be imported back (`serjournal import checkins.csv`); check-ins whose",
        "id is already in the journal are skipped. The other tables are for analysis.",
        "In checkins.csv an emotion that is not built in carries its family, valence and",
        "energy, so every check-in comes back exactly as recorded, under any config.",
    ]
    for table, described in columns.TABLES.items():
        lines += ["", f"## {table}.csv", ""]
        lines += [f"- `{name}`: {text}" for name, text in described.items()]
    return "\n".join(lines) + "\n"
