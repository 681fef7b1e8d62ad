from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import paths
from serjournal.cli import app
from serjournal.doctor import Check, latest_backup, run_checks
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.store.connection import open_journal
from serjournal.store.migrations import schema_version
from serjournal.store.writes import save_checkin
from tests.draft_helpers import plant_draft


def healthy_journal(path: Path, count: int = 3) -> Path:
    db = open_journal(path)
    for n in range(count):
        save_checkin(db, CheckIn(mood=n, answers={"note": f"day {n}"}))
    db.close()
    return path


def doctor(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["doctor", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout.strip().splitlines()


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {check.name: check for check in checks}


def line(lines: list[str], name: str) -> str:
    return next(x for x in lines if x.split()[1:2] == [name])


def test_healthy_journal_is_all_ok(journal_path: Path) -> None:
    healthy_journal(journal_path)
    code, lines = doctor("--db", str(journal_path))
    assert code == 0, lines
    assert all(x.startswith("ok ") for x in lines[:-1]), lines
    assert lines[-1] == "All is well."
    assert "3 check-ins saved" in line(lines, "check-ins")
    assert f"version {schema_version()}, current" in line(lines, "schema")
    assert str(journal_path) in line(lines, "journal")
    assert "no backup yet" in line(lines, "backup")
    assert "the defaults are used" in line(lines, "config")


def test_uses_the_journal_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    journal = healthy_journal(Journal.locate().path, count=2)  # SERJOURNAL_DB, see conftest
    code, lines = doctor()
    assert code == 0 and str(journal) in line(lines, "journal")
    assert "2 check-ins saved" in line(lines, "check-ins")


def test_a_new_install_without_a_journal_is_well_and_creates_nothing(tmp_path: Path) -> None:
    journal = tmp_path / "not" / "yet" / "journal.db"
    code, lines = doctor("--db", str(journal))
    assert code == 0, lines
    assert line(lines, "journal").startswith("ok   journal")
    assert "no journal yet" in line(lines, "journal") and "serjournal checkin" in line(
        lines, "journal"
    )
    assert not journal.exists() and not journal.parent.exists()


@pytest.mark.parametrize(
    ("make", "name", "words"),
    [
        (lambda p: p.write_text("notes"), "format", "not an SQLite file"),
        (lambda p: sqlite3.connect(p).execute("create table t (x)"), "format", "another program"),
    ],
)
def test_files_that_are_not_journals(tmp_path: Path, make, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    journal = tmp_path / "journal.db"
    make(journal)
    checks = by_name(run_checks(Journal(journal), tmp_path / "config.toml"))
    assert not checks[name].ok and words in checks[name].detail


def test_newer_schema_says_upgrade(journal_path: Path) -> None:
    healthy_journal(journal_path)
    with sqlite3.connect(journal_path) as conn:
        conn.execute(
            "insert into _sqlite_migrations (migration_set, name, applied_at) "
            "values ('serjournal', 'm999_future', '2030-01-01')"
        )
    conn.close()
    schema = by_name(run_checks(Journal(journal_path), journal_path.parent / "c.toml"))["schema"]
    assert not schema.ok and "upgrade serjournal" in schema.fix


def test_latest_backup_is_found_and_its_permissions_checked(journal_path: Path) -> None:
    healthy_journal(journal_path)
    folder = journal_path.parent / "backups"
    folder.mkdir()
    for name in ("journal-20261101-080000.db", "journal-20261120-213000.db", "notes.db",
                 "journal-20261399-000000.db"):  # fmt: skip
        (folder / name).write_bytes(b"x")
        (folder / name).chmod(0o600)
    found = latest_backup(journal_path)
    assert found is not None and found[0].name == "journal-20261120-213000.db"
    code, lines = doctor("--db", str(journal_path))
    assert code == 0 and "journal-20261120-213000.db" in line(lines, "backup")
    (folder / "journal-20261120-213000.db").chmod(0o644)
    code, lines = doctor("--db", str(journal_path))
    assert code == 1 and line(lines, "backup").endswith("chmod 600 " + str(found[0]))


def test_waiting_draft_and_bad_config_are_reported(journal_path: Path) -> None:
    healthy_journal(journal_path)
    plant_draft(journal_path, CheckIn(mood=4).to_dict(), "body")
    config = paths.config_file()
    config.parent.mkdir(parents=True)
    config.write_text("[vocabulary\nregions = ", encoding="utf-8")
    config.chmod(0o600)
    code, lines = doctor("--db", str(journal_path))
    assert code == 1
    assert line(lines, "drafts").startswith("ok") and "--resume" in line(lines, "drafts")
    assert line(lines, "config").startswith("fix  config") and "not valid TOML" in line(
        lines, "config"
    )
    config.write_text('[vocabulary]\nregions = ["tail"]\n', encoding="utf-8")
    assert doctor("--db", str(journal_path))[0] == 0


def test_settings_left_out_of_a_config_are_counted_and_the_first_named(
    journal_path: Path,
) -> None:
    healthy_journal(journal_path)
    config = paths.config_file()
    config.parent.mkdir(parents=True)
    config.write_text('theme = "dark"\ndefault_mode = "quik"\n[breath]\ncycles = 0\n')
    config.chmod(0o600)
    code, lines = doctor("--db", str(journal_path))
    assert code == 1
    found = line(lines, "config")
    assert found.startswith("fix  config") and "2 settings left at the default" in found
    assert "first: 'default_mode' (line 2): it should be one of: full, quick" in found


def test_locked_journal_is_reported_as_busy_not_damaged(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.robustness.test_bad_journals import held_lock

    healthy_journal(journal_path)
    monkeypatch.setenv("SERJOURNAL_BUSY_TIMEOUT_MS", "200")
    with held_lock(journal_path, "exclusive"):
        code, lines = doctor("--db", str(journal_path))
    assert code == 1
    locked = [x for x in lines if "another program" in x]
    assert locked and locked[0].startswith("fix  journal") and "damaged" not in "".join(lines)
    assert doctor("--db", str(journal_path))[0] == 0
