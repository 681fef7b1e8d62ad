"""`serjournal doctor`: is everything where it should be, private and whole?

Each check is a plain Check; the command only prints them. Doctor only
reads: it never creates a journal, upgrades one or changes a file (the
journal is opened with SQLite's mode=rw, which refuses to create one).
"""

from __future__ import annotations

import re
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from serjournal import messages
from serjournal.errors import JournalError
from serjournal.journal import BACKUP_FOLDER, Journal
from serjournal.store import migrations
from serjournal.store.format import APPLICATION_ID, SQLITE_HEADER
from serjournal.store.reading import connect_journal, looks_encrypted

# Backups are written to a `backups` folder beside the journal, one file per
# backup named like journal-20261120-213000.db (UTC), .db.age when encrypted
# to an age key.
BACKUP_NAME = re.compile(r"^.+-(?P<day>\d{8})-(?P<time>\d{6})\.db(\.age)?$")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks(journal: Journal, config: Path) -> list[Check]:
    checks = [check_journal_exists(journal.path)]
    if checks[0].ok and journal.exists():
        checks += check_permissions(journal.path)
        checks += check_contents(journal.path)
        checks.append(check_backups(journal.path))
    checks.append(check_drafts(journal))
    checks.append(check_config(config))
    return checks


def check_journal_exists(journal: Path) -> Check:
    if journal.is_dir():
        return Check(
            "journal",
            False,
            messages.DOCTOR_IS_DIRECTORY.format(path=journal),
            messages.DOCTOR_FIX_DB_OPTION,
        )
    if not journal.exists():  # a new install: the normal state, not a problem
        return Check("journal", True, messages.DOCTOR_NO_JOURNAL.format(path=journal))
    if not journal.is_file():  # a FIFO or a device: opening it would hang
        return Check(
            "journal",
            False,
            messages.DOCTOR_NOT_A_FILE.format(path=journal),
            messages.DOCTOR_FIX_DB_OPTION,
        )
    return Check("journal", True, str(journal))


def _loose(path: Path, mask: int) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & mask)


def _mode(path: Path) -> str:
    return f"{stat.S_IMODE(path.stat().st_mode):04o}"


def check_permissions(journal: Path) -> list[Check]:
    """The journal, its -wal/-shm files and its folder: the owner's only."""
    folder = journal.parent
    checks = []
    if _loose(folder, 0o077):
        checks.append(
            Check(
                "folder",
                False,
                messages.DOCTOR_OPEN_TO_OTHERS.format(path=folder, mode=_mode(folder)),
                f"chmod 700 {_quote(folder)}",
            )
        )
    else:
        checks.append(Check("folder", True, messages.DOCTOR_PRIVATE.format(mode=_mode(folder))))
    files = [journal] + [
        side for side in (Path(f"{journal}-wal"), Path(f"{journal}-shm")) if side.exists()
    ]
    loose = [f for f in files if _loose(f, 0o077)]
    if loose:
        names = ", ".join(f"{f.name} ({_mode(f)})" for f in loose)
        checks.append(
            Check(
                "permissions",
                False,
                messages.DOCTOR_FILES_OPEN.format(names=names),
                "chmod 600 " + " ".join(_quote(f) for f in loose),
            )
        )
    else:
        checks.append(
            Check("permissions", True, messages.DOCTOR_PRIVATE.format(mode=_mode(journal)))
        )
    return checks


def check_contents(journal: Path) -> list[Check]:
    """Format, schema version, integrity and size, read without writing."""
    try:
        with journal.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        return [
            Check(
                "format",
                False,
                messages.JOURNAL_UNREADABLE.format(path=journal, reason=error.strerror or error),
                messages.DOCTOR_FIX_PERMISSIONS,
            )
        ]
    encrypted = looks_encrypted(header, journal.stat().st_size)
    if header and header != SQLITE_HEADER and not encrypted:
        return [Check("format", False, messages.DOCTOR_NOT_SQLITE, messages.DOCTOR_FIX_BACKUP)]
    from serjournal.store.cipher import FORMAT

    detail = messages.DOCTOR_ENCRYPTED.format(format=FORMAT) if encrypted else messages.DOCTOR_PLAIN
    encryption = Check(messages.DOCTOR_ENCRYPTION, True, detail)
    try:
        conn = connect_journal(journal, mode="rw")
    except JournalError as error:  # an encrypted journal without its key
        return [encryption, Check("format", False, str(error).rstrip("."), messages.DOCTOR_FIX_KEY)]
    except sqlite3.Error as error:
        return [encryption, Check("format", False, str(error), messages.DOCTOR_FIX_BACKUP)]
    try:
        return [encryption, *_inspect(conn)]
    except sqlite3.OperationalError as error:
        if "locked" not in str(error).lower():
            raise
        # Busy is not damage: another program has the journal to itself.
        return [Check("journal", False, messages.DOCTOR_LOCKED, messages.DOCTOR_FIX_LOCKED)]
    except sqlite3.DatabaseError as error:
        return [
            Check(
                "integrity",
                False,
                messages.DOCTOR_DAMAGED.format(reason=error),
                messages.DOCTOR_FIX_BACKUP,
            )
        ]
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection) -> list[Check]:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables):
        return [Check("format", False, messages.DOCTOR_FOREIGN, messages.DOCTOR_FIX_DB_OPTION)]
    checks = [Check("format", True, messages.DOCTOR_FORMAT_OK)]
    known = migrations.known_names()
    applied = (
        [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'serjournal' "
                "ORDER BY rowid"
            )
        ]
        if "_sqlite_migrations" in tables
        else []
    )
    version, current = len(applied), migrations.schema_version()
    if set(applied) - set(known):
        checks.append(
            Check(
                "schema",
                False,
                messages.DOCTOR_SCHEMA_NEWER.format(version=version, current=current),
                messages.DOCTOR_FIX_UPGRADE,
            )
        )
    elif version < current:
        checks.append(
            Check(
                "schema",
                True,
                messages.DOCTOR_SCHEMA_OLDER.format(version=version, current=current),
            )
        )
    else:
        checks.append(Check("schema", True, messages.DOCTOR_SCHEMA_OK.format(version=version)))
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        # The first concrete finding is enough for one line.
        found = [x for p in problems for x in p.splitlines() if not x.startswith("***")]
        checks.append(
            Check(
                "integrity",
                False,
                messages.DOCTOR_DAMAGED.format(reason=(found or problems)[0]),
                messages.DOCTOR_FIX_BACKUP,
            )
        )
        return checks
    checks.append(Check("integrity", True, messages.DOCTOR_INTEGRITY_OK))
    count = 0
    if "checkins" in tables:
        count = conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
    checks.append(
        Check(
            "check-ins",
            True,
            messages.DOCTOR_COUNT.format(checkins=messages.counted(count, "check-in")),
        )
    )
    return checks


def latest_backup(journal: Path) -> tuple[Path, datetime] | None:
    folder = journal.parent / BACKUP_FOLDER
    if not folder.is_dir():
        return None
    found = []
    for candidate in folder.iterdir():
        match = BACKUP_NAME.match(candidate.name)
        if match and candidate.is_file():
            try:
                when = datetime.strptime(match["day"] + match["time"], "%Y%m%d%H%M%S")
            except ValueError:
                continue
            found.append((when.replace(tzinfo=UTC), candidate))
    if not found:
        return None
    when, newest = max(found)
    return newest, when


def check_backups(journal: Path) -> Check:
    latest = latest_backup(journal)
    if latest is None:
        return Check("backup", True, messages.DOCTOR_NO_BACKUP)
    path, when = latest
    detail = messages.DOCTOR_LAST_BACKUP.format(
        when=when.astimezone().strftime("%Y-%m-%d %H:%M"), path=path
    )
    if _loose(path, 0o077):
        return Check("backup", False, detail, f"chmod 600 {_quote(path)}")
    return Check("backup", True, detail)


def check_drafts(journal: Journal) -> Check:
    """Unfinished check-ins waiting, read without touching them."""
    found = [journal.legacy_draft] if journal.legacy_draft.exists() else []
    if journal.drafts_dir.is_dir():
        found += sorted(p for p in journal.drafts_dir.iterdir() if p.suffix == ".json")
    if not found:
        return Check("drafts", True, messages.DOCTOR_NO_DRAFT.format(path=journal.drafts_dir))
    detail = messages.DOCTOR_DRAFT_WAITING.format(count=len(found), path=journal.drafts_dir)
    loose = [p for p in found if _loose(p, 0o077)]
    if loose:
        return Check("drafts", False, detail, f"chmod 600 {_quote(loose[0])}")
    return Check("drafts", True, detail)


def check_config(config: Path) -> Check:
    if not config.exists():
        return Check("config", True, messages.DOCTOR_NO_CONFIG.format(path=config))
    if _loose(config, 0o022):  # others could change how the journal behaves
        return Check(
            "config",
            False,
            messages.DOCTOR_FILES_OPEN.format(names=f"{config} ({_mode(config)})"),
            f"chmod 600 {_quote(config)}",
        )
    if not config.is_file() and not config.is_dir():  # a FIFO: reading it would hang
        return Check(
            "config",
            False,
            messages.DOCTOR_NOT_A_FILE.format(path=config),
            messages.DOCTOR_FIX_CONFIG,
        )
    from serjournal.config_text import parse_toml, read_config_text

    try:
        parse_toml(read_config_text(config))
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        return Check(
            "config",
            False,
            messages.DOCTOR_CONFIG_BAD.format(path=config, reason=reason),
            messages.DOCTOR_FIX_CONFIG,
        )
    from serjournal.config import load_config

    problems = load_config(config).problems
    if problems:
        first = problems[0]
        where = f" (line {first.line})" if first.line else ""
        return Check(
            "config",
            False,
            messages.DOCTOR_CONFIG_IGNORED.format(
                path=config,
                settings=messages.counted(len(problems), "setting"),
                first=f"'{first.key}'{where}: {first.problem.rstrip('.')}",
            ),
            messages.DOCTOR_FIX_CONFIG,
        )
    return Check("config", True, str(config))


def _quote(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
