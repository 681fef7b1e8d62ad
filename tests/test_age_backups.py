"""Backups and exports encrypted to age public keys (issue 14): written by a
machine that cannot read them, restored with the matching secret key."""

from __future__ import annotations

import gc
import io
import sqlite3
from pathlib import Path

import pyrage
import pytest
from typer.testing import CliRunner

from serjournal import keys
from serjournal.cli import app
from serjournal.store.connection import open_journal
from serjournal.transfer import age
from tests.transfer_helpers import fill

runner = CliRunner()


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "journal.db"
    db = open_journal(path)
    fill(db, 4)
    db.close()
    return path


@pytest.fixture
def identity(tmp_path: Path) -> tuple[Path, str]:
    """An age identity file as age-keygen writes it, and its public key."""
    secret = pyrage.x25519.Identity.generate()
    public = str(secret.to_public())
    path = tmp_path / "key.txt"
    path.write_text(f"# created: today\n# public key: {public}\n{secret}\n")
    return path, public


def test_a_backup_to_an_age_key_restores_with_its_identity(
    journal: Path, identity: tuple[Path, str]
) -> None:
    key_file, public = identity
    result = run("backup", "--db", journal, "--to", public)
    assert result.exit_code == 0, result.output
    assert "encrypted to 1 key (age)" in result.output
    (backup,) = (journal.parent / "backups").glob("journal-*.db.age")
    data = backup.read_bytes()
    assert data.startswith(age.MAGIC) and b"a hard day" not in data
    assert backup.stat().st_mode & 0o777 == 0o600
    # The secret key alone opens it, into a plain SQLite file.
    plain = pyrage.decrypt(data, age.read_identities(key_file))
    memory = sqlite3.connect(":memory:")
    memory.deserialize(plain)
    assert memory.execute("SELECT count(*) FROM checkins").fetchone()[0] == 4
    # Change the journal, then restore: back to the four.
    assert run("checkin", "--db", journal, "--mood", "2").exit_code == 0
    result = run("restore", "--db", journal, backup, "--identity", key_file)
    assert result.exit_code == 0, result.output
    assert "Restored 4 check-ins" in result.output
    db = open_journal(journal)
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 4
    assert (
        db.execute("SELECT count(*) FROM answers_fts WHERE answers_fts MATCH 'breathe'").fetchone()[
            0
        ]
        == 4
    )
    db.close()


def test_an_age_backup_needs_the_right_identity_and_changes_nothing_without(
    journal: Path, identity: tuple[Path, str], tmp_path: Path
) -> None:
    _key_file, public = identity
    backup = tmp_path / "b.age"
    assert run("backup", "--db", journal, backup, "--to", public).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text(str(pyrage.x25519.Identity.generate()) + "\n")
    before = journal.read_bytes()
    result = run("restore", "--db", journal, backup)
    assert result.exit_code == 2 and "--identity KEYFILE" in result.output
    result = run("restore", "--db", journal, backup, "--identity", other)
    assert result.exit_code == 2 and "encrypted to other age keys" in result.output
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n")
    result = run("restore", "--db", journal, backup, "--identity", empty)
    assert result.exit_code == 2 and "holds no age secret key" in result.output
    assert str(pyrage.x25519.Identity.generate())[:20] not in result.output
    assert journal.read_bytes() == before
    plain = tmp_path / "plain.db"
    assert run("backup", "--db", journal, plain).exit_code == 0
    result = run("restore", "--db", journal, plain, "--identity", other)
    assert result.exit_code == 2 and "leave out --identity" in result.output


def test_a_bad_recipient_is_refused_before_anything_is_written(
    journal: Path, tmp_path: Path
) -> None:
    for bad in ("age1notakey", "ssh-ed25519 AAAA", "hello"):
        result = run("backup", "--db", journal, tmp_path / "x.age", "--to", bad)
        assert result.exit_code == 2 and "is not an age public key" in result.output
    assert not (tmp_path / "x.age").exists()


def test_an_encrypted_backup_never_replaces_a_file_plain_or_not(
    journal: Path, identity: tuple[Path, str], tmp_path: Path
) -> None:
    _key, public = identity
    plain = tmp_path / "backup.db"
    assert run("backup", "--db", journal, plain).exit_code == 0
    before = plain.read_bytes()
    result = run("backup", "--db", journal, plain, "--to", public)
    assert result.exit_code == 2 and "already exists" in result.output
    assert plain.read_bytes() == before


def test_the_configs_recipients_encrypt_every_backup(
    journal: Path, identity: tuple[Path, str], tmp_path: Path
) -> None:
    key_file, public = identity
    second = pyrage.x25519.Identity.generate()
    config = Path(__import__("os").environ["SERJOURNAL_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[backup]\nrecipients = ["{public}", "{second.to_public()}"]\n')
    result = run("backup", "--db", journal)
    assert result.exit_code == 0 and "encrypted to 2 keys (age)" in result.output
    (backup,) = (journal.parent / "backups").glob("*.db.age")
    for secret in (age.read_identities(key_file), [second]):  # either key opens it
        assert pyrage.decrypt(backup.read_bytes(), secret)[:16] == b"SQLite format 3\x00"
    config.write_text('[backup]\nrecipients = ["not-a-key"]\n')
    assert "expected a list of age public keys" in run("config", "show").output


def test_export_to_an_age_key_is_the_plain_export_encrypted(
    journal: Path, identity: tuple[Path, str], tmp_path: Path
) -> None:
    key_file, public = identity
    plain = run("export", "--db", journal, "--format", "json").stdout
    target = tmp_path / "export.json.age"
    result = run("export", "--db", journal, "--format", "json", "-o", target, "--to", public)
    assert result.exit_code == 0, result.output
    opened = pyrage.decrypt(target.read_bytes(), age.read_identities(key_file)).decode()
    strip = __import__("re").compile(r'"exported_utc": "[^"]*"')
    assert strip.sub("", opened) == strip.sub("", plain)
    folder = tmp_path / "all"
    result = run("export", "--db", journal, "--all", folder, "--to", public)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["README.md", "checkins.csv.age", "emotions.csv.age", "sensations.csv.age"]
    table = tmp_path / "sensations.csv"
    assert run("export", "--db", journal, "--table", "sensations", "-o", table).exit_code == 0
    sealed = (folder / "sensations.csv.age").read_bytes()
    assert pyrage.decrypt(sealed, age.read_identities(key_file)) == table.read_bytes()


def test_encrypt_for_recipients_is_what_other_modules_call(
    identity: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, public = identity
    sealed = age.encrypt_for_recipients(b"change log", [public])
    assert pyrage.decrypt(sealed, age.read_identities(key_file)) == b"change log"
    config = Path(__import__("os").environ["SERJOURNAL_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[backup]\nrecipients = ["{public}"]\n')
    out = io.BytesIO()
    age.encrypt_stream(io.BytesIO(b"stream of changes"), out)  # the configured recipients
    assert pyrage.decrypt(out.getvalue(), age.read_identities(key_file)) == b"stream of changes"


def test_an_encrypted_journal_backs_up_encrypted_and_to_age_keys(
    journal: Path, identity: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file, public = identity
    secret = tmp_path / "passphrase"
    secret.write_text("a long enough passphrase\n")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_ENV, str(secret))
    gc.collect()
    assert run("encrypt", "--db", journal).exit_code == 0
    own = tmp_path / "own.db"
    assert run("backup", "--db", journal, own).exit_code == 0
    assert own.read_bytes()[:16] == journal.read_bytes()[:16]  # same salt: same passphrase
    assert b"a hard day" not in own.read_bytes()
    sealed = tmp_path / "sealed.age"
    assert run("backup", "--db", journal, sealed, "--to", public).exit_code == 0
    memory = sqlite3.connect(":memory:")
    memory.deserialize(pyrage.decrypt(sealed.read_bytes(), age.read_identities(key_file)))
    assert memory.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert memory.execute("SELECT count(*) FROM checkins").fetchone()[0] == 4
    hits = "SELECT count(*) FROM answers_fts WHERE answers_fts MATCH 'breathe'"
    assert memory.execute(hits).fetchone()[0] == 4  # the full-text index came along
    keys._UNLOCKED.clear()
    result = run("restore", "--db", journal, own)
    assert result.exit_code == 0 and "Restored 4 check-ins" in result.output


# --- `backup -`: standard output -----------------------------------------------------------


def test_a_backup_to_standard_output_restores_whole(journal: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["backup", "--db", str(journal), "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Backed up 4 check-ins to standard output.\n"
    assert not (Path.cwd() / "-").exists() and not (journal.parent / "backups").exists()
    image = result.stdout_bytes
    assert image.startswith(b"SQLite format 3\0")
    copy = tmp_path / "piped.db"
    copy.write_bytes(image)
    assert run("checkin", "--db", journal, "--mood", "2").exit_code == 0
    restored = run("restore", "--db", journal, copy)
    assert restored.exit_code == 0, restored.output
    assert "Restored 4 check-ins" in restored.output


def test_a_backup_to_standard_output_can_be_sealed_to_an_age_key(
    journal: Path, identity: tuple[Path, str]
) -> None:
    key_file, public = identity
    result = runner.invoke(app, ["backup", "--db", str(journal), "--to", public, "-"])
    assert result.exit_code == 0, result.output
    sealed = result.stdout_bytes
    assert sealed.startswith(age.MAGIC) and b"a hard day" not in sealed
    plain = pyrage.decrypt(sealed, age.read_identities(key_file))
    memory = sqlite3.connect(":memory:")
    memory.deserialize(plain)
    assert memory.execute("SELECT count(*) FROM checkins").fetchone()[0] == 4


def test_an_encrypted_journal_never_leaves_plain_through_standard_output(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from serjournal import messages

    secret = tmp_path / "passphrase"
    secret.write_text("a long enough passphrase\n")
    monkeypatch.setenv(keys.PASSPHRASE_FILE_ENV, str(secret))
    gc.collect()
    assert run("encrypt", "--db", journal, "--no-keyring").exit_code == 0
    keys._UNLOCKED.clear()
    result = runner.invoke(app, ["backup", "--db", str(journal), "-"])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {messages.BACKUP_STDOUT_ENCRYPTED}\n"
    assert result.stdout_bytes == b""


def test_a_backup_is_not_poured_onto_a_terminal(journal: Path) -> None:
    import sys

    import pexpect

    from serjournal import messages

    child = pexpect.spawn(
        sys.executable, ["-m", "serjournal", "backup", "--db", str(journal), "-"], timeout=60
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert child.before.decode().strip() == f"Error: {messages.BACKUP_STDOUT_TERMINAL}"
    assert not (journal.parent / "backups").exists()  # nothing written anywhere else either


def test_a_backup_cut_short_by_its_reader_is_not_called_a_backup(journal: Path) -> None:
    import subprocess
    import sys

    from serjournal import messages

    child = subprocess.Popen(
        [sys.executable, "-m", "serjournal", "backup", "--db", str(journal), "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before a byte is written
    error = child.stderr.read().decode()
    assert child.wait(timeout=60) == 2
    assert error == f"Error: {messages.STDOUT_CLOSED_EARLY}\n"
