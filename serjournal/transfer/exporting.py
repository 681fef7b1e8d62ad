"""`export`: choosing what to write and where (a file, a folder or the screen)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from serjournal import messages, paths
from serjournal.errors import InputError
from serjournal.store.reading import Readable
from serjournal.timeutil import parse_day
from serjournal.transfer import columns, files
from serjournal.transfer.export_csv import readme_text, write_table
from serjournal.transfer.export_json import write_json

if TYPE_CHECKING:
    from serjournal.journal import Journal


def parse_period(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    first = parse_day(since) if since else None
    last = parse_day(until) if until else None
    if first and last and first > last:
        raise InputError(messages.SINCE_AFTER_UNTIL.format(since=first, until=last))
    return first, last


def export_one(
    db: Readable,
    journal: Journal,
    name: str,
    output: Path | None,
    since: date | None = None,
    until: date | None = None,
    bom: bool = False,
) -> int:
    """One table as CSV, or ("json") every check-in as JSON, to `output` or stdout."""
    with files.output_target(output, journal, bom=bom) as out:
        if name == "json":
            return write_json(db, out, since, until)
        return write_table(db, name, out, since, until)


def export_all(
    db: Readable,
    journal: Journal,
    directory: Path,
    since: date | None = None,
    until: date | None = None,
    bom: bool = False,
) -> list[str]:
    """Every table as DIR/<table>.csv plus DIR/README.md; returns the file names."""
    if directory.exists() and not directory.is_dir():
        raise InputError(
            messages.CANNOT_WRITE.format(path=directory, reason="it is a file, not a folder")
        )
    written = []
    for table in columns.TABLES:
        with paths.private_output(directory / f"{table}.csv", journal=journal, bom=bom) as out:
            write_table(db, table, out, since, until)
        written.append(f"{table}.csv")
    with paths.private_output(directory / "README.md", journal=journal) as out:
        out.write(readme_text())
    return written
