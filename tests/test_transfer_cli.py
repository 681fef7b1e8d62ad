"""The export, import, backup and restore commands, option by option."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from typer.testing import CliRunner

from serjournal.cli import app
from serjournal.store.checkins import count_checkins
from serjournal.store.connection import open_journal
from tests.transfer_helpers import all_dicts, fill, write

runner = CliRunner()


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def _journal(tmp_path: Path, count: int = 3) -> str:
    path = tmp_path / "j.db"
    db = open_journal(path)
    fill(db, count)
    db.close()
    return str(path)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_defaults_to_checkins_csv_on_stdout(tmp_path: Path) -> None:
    result = _run("export", "--db", _journal(tmp_path))
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert len(rows) == 3 and rows[0]["mood"] == "6"
    assert rows[0]["sensations"] == "chest:tight:6:3 (target); shoulders/left:tense:4"
    assert rows[0]["tags"] == "work; evening\\; late"


def test_export_tables_json_and_period(tmp_path: Path) -> None:
    db = _journal(tmp_path)
    assert len(_rows(_run("export", "--table", "sensations", "--db", db).stdout)) == 6
    assert len(_rows(_run("export", "--table", "emotions", "--db", db).stdout)) == 6
    document = json.loads(_run("export", "--format", "json", "--db", db).stdout)
    assert len(document["checkins"]) == 3
    period = _run("export", "--since", "2026-03-02", "--until", "2026-03-02", "--db", db)
    assert [r["local_date"] for r in _rows(period.stdout)] == ["2026-03-02"]


def test_export_to_a_private_file_with_bom(tmp_path: Path) -> None:
    target = tmp_path / "out" / "e.csv"
    result = _run("export", "-o", str(target), "--bom", "--db", _journal(tmp_path))
    assert result.exit_code == 0
    assert "Wrote 3 check-ins" in result.stderr
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not list(target.parent.glob(".*tmp"))


def test_export_all_writes_private_folder(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    result = _run("export", "--all", str(folder), "--db", _journal(tmp_path))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["README.md", "checkins.csv", "emotions.csv", "sensations.csv"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    readme = (folder / "README.md").read_text()
    assert "`intensity_after`" in readme and "apostrophe" in readme


def test_export_refuses_bad_options(tmp_path: Path) -> None:
    db = _journal(tmp_path)
    for args, text in [
        (("--all", str(tmp_path / "d"), "-o", "x.csv"), "--all writes"),
        (("--format", "json", "--table", "emotions"), "leave out --table"),
        (("--since", "2026-03-05", "--until", "2026-03-01"), "is after --until"),
        (("--since", "someday"), "Could not read the time"),
    ]:
        result = _run("export", *args, "--db", db)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: ") and text in result.stderr
        assert result.stderr.count("\n") == 1
    folder = _run("export", "-o", str(tmp_path), "--db", db)
    assert folder.exit_code == 2 and "is a folder" in folder.stderr
    assert not list(tmp_path.glob(".*tmp"))
    a_file = _run("export", "--all", db, "--db", db)
    assert a_file.exit_code == 2 and "not a folder" in a_file.stderr
    missing = _run("export", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 3 and "no journal" in missing.stderr


def test_import_dry_run_then_for_real(tmp_path: Path) -> None:
    source = _journal(tmp_path)
    exported = write(tmp_path / "e.json", _run("export", "-f", "json", "--db", source).stdout)
    target = str(tmp_path / "new.db")
    dry = _run("import", str(exported), "--dry-run", "--db", target)
    assert dry.exit_code == 0 and "3 check-ins would be added, 0 skipped" in dry.stdout
    assert not Path(target).exists()  # a dry run creates nothing
    done = _run("import", str(exported), "--db", target)
    assert done.exit_code == 0 and "Imported 3 check-ins" in done.stdout
    again = _run("import", str(exported), "--db", target)
    assert "Imported 0 check-ins" in again.stdout and "already in the journal: 3" in again.stdout
    assert all_dicts(open_journal(Path(target))) == all_dicts(open_journal(Path(source)))


def test_import_bad_file_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db = _journal(tmp_path)
    bad = write(tmp_path / "b.csv", "full_date,time,mood,activities,note\r\nnope,7:00,good,,\r\n")
    for extra in ([], ["--dry-run"]):
        result = _run("import", str(bad), *extra, "--db", db)
        assert result.exit_code == 2
        assert result.stderr.strip().count("\n") == 0
        assert "1 row is invalid (row 2: full_date 'nope'" in result.stderr
    assert count_checkins(open_journal(Path(db))) == 3


def test_import_daylio_reports_custom_moods_and_maps_them(tmp_path: Path) -> None:
    daylio = write(
        tmp_path / "daylio.csv",
        "full_date,date,weekday,time,mood,activities,note_title,note\r\n"
        "2024-03-14,March 14,Thursday,8:52 pm,so-so,reading,,\r\n"
        "2024-03-15,March 15,Friday,21:00,rad,,,\r\n",
    )
    db = str(tmp_path / "d.db")
    dry = _run("import", str(daylio), "--dry-run", "--db", db)
    assert "'so-so'" in dry.stdout and "--daylio-mood" in dry.stdout
    done = _run("import", str(daylio), "--daylio-mood", "so-so=4", "--db", db)
    assert done.exit_code == 0 and "(Daylio CSV)" in done.stdout and "so-so" not in done.stdout
    moods = open_journal(Path(db)).execute("select mood from checkins order by mood")
    assert [r[0] for r in moods] == [4, 9]
    bad = _run("import", str(daylio), "--daylio-mood", "so-so", "--db", db)
    assert bad.exit_code == 2 and "NAME=VALUE" in bad.stderr


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    db = _journal(tmp_path, 2)
    made = _run("backup", "--db", db)
    assert made.exit_code == 0 and "Backed up 2 check-ins" in made.stdout
    chosen = tmp_path / "chosen.db"
    assert _run("backup", str(chosen), "--db", db).exit_code == 0
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o600
    assert _run("backup", str(chosen), "--db", db).exit_code == 2  # never overwrites
    restored = _run("restore", str(chosen), "--db", db)
    assert restored.exit_code == 0 and "previous journal is kept at" in restored.stdout
    refused = _run("restore", str(tmp_path / "chosen.db-nothing"), "--db", db)
    assert refused.exit_code == 2 and refused.stderr.startswith("Error: There is no backup")
    fresh = tmp_path / "fresh" / "j.db"
    into_new = _run("restore", str(chosen), "--db", str(fresh))
    assert into_new.exit_code == 0 and "into" in into_new.stdout
    assert count_checkins(open_journal(fresh)) == 2


def test_a_full_disk_on_standard_output_is_one_line(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno
    import sys
    import types

    import pytest

    from serjournal.errors import InputError
    from serjournal.transfer.files import standard_output

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, data) -> int:  # type: ignore[no-untyped-def, override]
            raise OSError(errno.ENOSPC, "No space left on device")

    fake = types.SimpleNamespace(buffer=io.BufferedWriter(Full()), flush=lambda: None)
    monkeypatch.setattr(sys, "stdout", fake)
    refused = pytest.raises(InputError, match="Could not write standard output: No space left")
    with refused, standard_output() as out:
        out.write("x" * 100_000)
