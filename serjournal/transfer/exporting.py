"""`export`: choosing what to write and where (a file, a folder or the screen)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

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
    recipients: Sequence[str] = (),
) -> int:
    """One table as CSV, or ("json") every check-in as JSON, to `output` or
    stdout; encrypted to the age `recipients` when there are any."""
    if recipients:
        return _export_sealed(db, journal, name, output, since, until, bom, recipients)
    with files.output_target(output, journal, bom=bom) as out:
        return _write(db, name, out, since, until)


def _write(db: Readable, name: str, out: IO[str], since: date | None, until: date | None) -> int:
    if name == "json":
        return write_json(db, out, since, until)
    return write_table(db, name, out, since, until)


def _export_sealed(
    db: Readable,
    journal: Journal,
    name: str,
    output: Path | None,
    since: date | None,
    until: date | None,
    bom: bool,
    recipients: Sequence[str],
) -> int:
    """The export made in memory and encrypted there: no plain copy on disk."""
    from serjournal.transfer import age

    age.parse_recipients(recipients)
    to_stdout = output is None or str(output) == files.STDOUT
    if to_stdout and sys.stdout.isatty():
        raise InputError(messages.AGE_TO_TERMINAL)
    text = io.StringIO(newline="")
    if bom:
        text.write(paths.BOM)
    count = _write(db, name, text, since, until)
    sealed = age.encrypt_for_recipients(text.getvalue().encode("utf-8"), recipients)
    del text
    if to_stdout:
        sys.stdout.flush()
        sys.stdout.buffer.write(sealed)
        sys.stdout.buffer.flush()
    else:
        assert output is not None
        with paths.private_output(Path(output), journal=journal, binary=True) as out:
            out.write(sealed)
    return count


def export_all(
    db: Readable,
    journal: Journal,
    directory: Path,
    since: date | None = None,
    until: date | None = None,
    bom: bool = False,
    recipients: Sequence[str] = (),
) -> list[str]:
    """Every table as DIR/<table>.csv plus DIR/README.md; returns the file
    names. With age `recipients`, each table is DIR/<table>.csv.age, encrypted
    in memory (the README, which holds no entries, stays readable)."""
    if directory.exists() and not directory.is_dir():
        raise InputError(
            messages.CANNOT_WRITE.format(path=directory, reason="it is a file, not a folder")
        )
    written = []
    for table in columns.TABLES:
        if recipients:
            from serjournal.transfer.age import SUFFIX

            target = directory / f"{table}.csv{SUFFIX}"
            _export_sealed(db, journal, table, target, since, until, bom, recipients)
            written.append(target.name)
            continue
        with paths.private_output(directory / f"{table}.csv", journal=journal, bom=bom) as out:
            write_table(db, table, out, since, until)
        written.append(f"{table}.csv")
    with paths.private_output(directory / "README.md", journal=journal) as out:
        out.write(readme_text())
    return written
