"""`import FILE`: recognise the format, check every row, then write all of
them in one transaction, or nothing when any row is invalid.

The file is read twice: once to validate and count, once to insert. That keeps
memory flat (no list of every check-in) and the rule simple: a file with any
invalid row changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from serjournal import messages
from serjournal.answers import load_json_document
from serjournal.errors import InputError
from serjournal.models import CheckIn
from serjournal.store.checkins import checkin_exists
from serjournal.store.trash import in_trash
from serjournal.store.writes import import_checkins
from serjournal.transfer import columns, files, import_daylio, import_own
from serjournal.transfer.export_json import FORMAT_VERSION

MAX_REASONS = 3
# Long answers must not trip the csv module's default 128 KiB cell limit.
CELL_LIMIT = 2**31 - 1

Entries = Callable[[], Iterator[tuple[int, CheckIn | str]]]


@dataclass
class ImportReport:
    kind: str
    added: int = 0
    skipped: int = 0  # already in the journal
    in_trash: int = 0  # deleted from the journal: an import does not bring them back
    problems: list[tuple[int, str]] = field(default_factory=list)
    unit: str = "row"
    custom_moods: dict[str, int] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return len(self.problems)

    def problem_line(self) -> str:
        """'3 rows are invalid (row 4: ...; row 9: ...); nothing was imported.'"""
        count = len(self.problems)
        shown = [
            f"{self.unit} {n}: {one_line(reason).rstrip('.')}"
            for n, reason in self.problems[:MAX_REASONS]
        ]
        if count > MAX_REASONS:
            shown.append(f"and {count - MAX_REASONS} more")
        noun = f"{self.unit} is" if count == 1 else f"{self.unit}s are"
        return messages.INVALID_ROWS.format(count=count, noun=noun, reasons="; ".join(shown))


def one_line(text: str, limit: int = 160) -> str:
    """A reason quoting a cell stays on one short line, whatever the cell held."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def import_file(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    mood_map: dict[str, int] | None = None,
) -> ImportReport:
    """Import `path` into `db`. Raises InputError (nothing written) when any
    row is invalid, unless dry_run, which only reports."""
    text = files.read_import_text(path)
    report, entries, daylio = _recognise(text, path, mood_map)
    seen: set[str] = set()
    for number, entry in entries():
        if isinstance(entry, str):
            report.problems.append((number, entry))
        elif entry.id in seen or checkin_exists(db, entry.id):
            report.skipped += 1
        elif in_trash(db, entry.id):
            report.in_trash += 1
        else:
            seen.add(entry.id)
            report.added += 1
    if daylio is not None:
        report.custom_moods = dict(daylio.custom_moods)
    if dry_run:
        return report
    if report.problems:
        raise InputError(report.problem_line())
    valid = (entry for _, entry in entries() if isinstance(entry, CheckIn))
    counts = import_checkins(db, valid)
    report.added, report.skipped, report.in_trash = (
        counts.added,
        counts.already_there,
        counts.in_trash,
    )
    return report


def _recognise(
    text: str, path: Path, mood_map: dict[str, int] | None
) -> tuple[ImportReport, Entries, import_daylio.DaylioReader | None]:
    if text.lstrip()[:1] in ("{", "["):
        return _json_source(text, path)
    header = _header(text, path)
    if _is_own_checkins_header(header):
        report = ImportReport("serjournal CSV")
        return report, lambda: _csv_entries(text, path, import_own.checkin_from_csv_row), None
    if import_daylio.is_daylio_header(header):
        reader = import_daylio.DaylioReader(mood_map)

        def daylio_entries() -> Iterator[tuple[int, CheckIn | str]]:
            reader.custom_moods.clear()
            return _csv_entries(text, path, reader.checkin_from_row)

        return ImportReport("Daylio CSV"), daylio_entries, reader
    for table in ("sensations", "emotions"):
        if set(header) == set(columns.TABLES[table]):
            raise InputError(messages.IMPORT_TIDY_TABLE.format(path=path, table=table))
    raise InputError(
        messages.IMPORT_UNKNOWN_COLUMNS.format(path=path, detail=_column_difference(header))
    )


def _is_own_checkins_header(header: list[str]) -> bool:
    """serjournal's checkins.csv: every column, in any order, or an older export
    without the columns added since (columns.ADDED_LATER)."""
    required = set(columns.CHECKINS) - set(columns.ADDED_LATER)
    return len(header) == len(set(header)) and required <= set(header) <= set(columns.CHECKINS)


def _json_source(
    text: str, path: Path
) -> tuple[ImportReport, Entries, import_daylio.DaylioReader | None]:
    document = load_json_document(text, path)  # bad or hostile JSON: one clear line
    if not isinstance(document, list | dict) or (
        isinstance(document, dict) and not isinstance(document.get("checkins", []), list)
    ):
        raise InputError(messages.IMPORT_JSON_SHAPE.format(path=path))
    version = document.get("version", 1) if isinstance(document, dict) else 1
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise InputError(messages.IMPORT_JSON_TOO_NEW.format(path=path, version=version))
    return (
        ImportReport("serjournal JSON", unit="check-in"),
        lambda: import_own.checkins_in_json(document),
        None,
    )


def _header(text: str, path: Path) -> list[str]:
    csv.field_size_limit(CELL_LIMIT)
    try:
        first = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:
        raise InputError(messages.IMPORT_BAD_CSV.format(path=path, reason=error)) from None
    return [name.strip() for name in first]


def _csv_entries(
    text: str, path: Path, convert: Callable[[dict[str, str]], CheckIn]
) -> Iterator[tuple[int, CheckIn | str]]:
    """Each data row (numbered like a spreadsheet: the header is row 1)."""
    csv.field_size_limit(CELL_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue  # blank lines, e.g. at the end of a hand-edited file
            if len(row) != len(header):
                yield number, messages.ROW_CELL_COUNT.format(count=len(row), expected=len(header))
                continue
            try:
                yield number, convert(dict(zip(header, row, strict=True)))
            except InputError as error:
                yield number, str(error)
    except csv.Error as error:
        raise InputError(messages.IMPORT_BAD_CSV.format(path=path, reason=error)) from None


def _column_difference(header: list[str]) -> str:
    missing = [name for name in columns.CHECKINS if name not in header]
    unknown = [name for name in header if name not in columns.CHECKINS]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else ""))
    if unknown:
        parts.append("unknown " + ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else ""))
    return one_line("; ".join(parts))
