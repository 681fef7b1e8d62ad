"""Encrypted journals (issue 14): encrypt, decrypt, the key's sources, and
every command on an encrypted journal exactly as on a plain one."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from serjournal import keys
from serjournal.cli import app
from serjournal.store import cipher
from serjournal.store.connection import open_journal
from serjournal.store.format import SQLITE_HEADER
from tests.fake_keyring import BrokenKeyring, FakeKeyring, PlaintextKeyring
from tests.transfer_helpers import fill

runner = CliRunner()
REAL_KEYRING_BACKEND = keys._keyring_backend  # before conftest puts every test without one
PASSPHRASE = "correct horse battery staple"
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A plain journal of five full check-ins, whose text is easy to look for."""
    path = tmp_path / "data" / "journal.db"
    db = open_journal(path)
    fill(db, 5)
    db.close()
    return path


@pytest.fixture
def passphrase_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    file = tmp_path / "passphrase"
    file.write_text(PASSPHRASE + "\n")
    file.chmod(0o600)
    monkeypatch.setenv(keys.PASSPHRASE_FILE_ENV, str(file))
    return file


def run_converting(*args: str | Path):  # type: ignore[no-untyped-def]
    """encrypt or decrypt in this process, as in a process of its own: the
    connections earlier commands here left for the collector are gone first
    (two SQLite libraries never have one file open in one process)."""
    gc.collect()
    return run(*args)


def encrypted(journal: Path) -> Path:
    result = run_converting("encrypt", "--db", journal)
    assert result.exit_code == 0, result.output
    keys._UNLOCKED.clear()  # the next command starts afresh, as a new process would
    return journal


def exports(journal: Path) -> dict[str, str]:
    """Every export the journal can give, as text."""
    texts = {}
    for name, args in {
        "checkins": ["--table", "checkins"],
        "sensations": ["--table", "sensations"],
        "emotions": ["--table", "emotions"],
        "json": ["--format", "json"],
    }.items():
        result = run("export", "--db", journal, *args)
        assert result.exit_code == 0, result.output
        # the moment of the export is the one thing that may differ
        texts[name] = re.sub(r'"exported_utc": "[^"]*"', '"exported_utc": ""', result.stdout)
    return texts


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- Round trips --------------------------------------------------------------------------


def test_plain_to_encrypted_to_plain_keeps_every_export_byte_identical(
    journal: Path, passphrase_file: Path
) -> None:
    before = exports(journal)
    encrypted(journal)
    assert journal.read_bytes()[:16] != SQLITE_HEADER
    assert exports(journal) == before
    keys._UNLOCKED.clear()
    result = run_converting("decrypt", "--db", journal)
    assert result.exit_code == 0, result.output
    assert "Decrypted" in result.stdout and "5 check-ins" in result.stdout
    assert journal.read_bytes()[:16] == SQLITE_HEADER
    with sqlite3.connect(journal) as plain:  # the standard library reads it again
        assert plain.execute("SELECT count(*) FROM checkins").fetchone()[0] == 5
    assert exports(journal) == before


def test_strings_shows_nothing_of_the_entries(journal: Path, passphrase_file: Path) -> None:
    words = [b"a hard day", b"breathe", b"anxious", b"chest", b"work", b"evening; late"]
    assert all(word in journal.read_bytes() for word in words[:3])  # plain: all there
    encrypted(journal)
    assert run("list", "--db", journal).exit_code == 0  # opened, so -wal/-shm may exist
    files = [journal, *journal.parent.glob(journal.name + "-*")]
    for file in files:
        data = file.read_bytes()
        for word in words:
            assert word not in data, (file, word)
    # Nor does any file left beside it: no plain copy was kept.
    leftovers = [p.name for p in journal.parent.iterdir() if p.name != "journal.db"]
    assert all(not name.endswith(".converting") for name in leftovers), leftovers


def test_every_command_works_on_an_encrypted_journal(journal: Path, passphrase_file: Path) -> None:
    encrypted(journal)
    listed = run("list", "--db", journal, "--json")
    assert listed.exit_code == 0, listed.output
    ids = [c["id"] for c in json.loads(listed.stdout)]
    assert len(ids) == 5
    assert "hard day" in run("show", "--db", journal, ids[0][:8]).stdout
    assert ids[0][:8] in run("search", "--db", journal, "breathe").stdout
    review = run(
        "review", "--db", journal, "--json", "--since", "2026-03-01", "--until", "2026-03-07"
    )
    assert review.exit_code == 0 and json.loads(review.stdout)["consistency"]["checkins"] == 5
    saved = run("checkin", "--db", journal, "--mood", "8", "--takeaway", "encrypted too")
    assert saved.exit_code == 0, saved.output
    assert run("edit", "--db", journal, ids[0][:8], "--set", "mood=1").exit_code == 0
    assert run("delete", "--db", journal, ids[1][:8], "--yes").exit_code == 0
    assert run("undo", "--db", journal).exit_code == 0
    keys._UNLOCKED.clear()
    after = json.loads(run("list", "--db", journal, "--json").stdout)
    assert len(after) == 6
    assert {c["id"]: c["mood"] for c in after}[ids[0]] == 1
    doctor = run("doctor", "--db", journal)
    assert "encrypted (SQLCipher 4)" in doctor.stdout and "6 check-ins saved" in doctor.stdout
    assert journal.read_bytes()[:16] != SQLITE_HEADER  # still encrypted after all that


def test_doctor_says_a_plain_journal_is_not_encrypted(journal: Path) -> None:
    result = run("doctor", "--db", journal)
    assert "not encrypted ('serjournal encrypt' encrypts it)" in result.stdout


# --- Wrong keys and foreign formats -----------------------------------------------------------


def test_a_wrong_passphrase_is_one_line_and_touches_nothing(
    journal: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(journal)
    monkeypatch.delenv(keys.PASSPHRASE_FILE_ENV)
    monkeypatch.setattr(keys, "ask", lambda prompt: "not the passphrase")
    before = digest(journal)
    line = (
        f"Error: That passphrase does not open the encrypted journal at {journal} (or the "
        "journal uses a newer SQLCipher format); nothing was changed."
    )
    for command in (["list"], ["review"], ["backup"], ["export"], ["decrypt"], ["doctor"]):
        result = run(*command, "--db", journal)
        assert result.exit_code in (1, 3), result.output
        if command != ["doctor"]:
            assert result.output.strip().splitlines() == [line], command
        assert "not the passphrase" not in result.output  # never the key in a message
    # A check-in keeps its answers (printed to copy) and says the same in one line.
    result = run("checkin", "--db", journal, "--mood", "3")
    assert result.exit_code == 3
    assert result.stderr.strip().startswith(line[:-1])
    assert json.loads(result.stdout)["mood"] == 3
    assert digest(journal) == before
    assert sorted(p.name for p in journal.parent.iterdir()) == ["journal.db"]


def test_a_wrong_passphrase_file_names_the_file_setting(
    journal: Path, passphrase_file: Path
) -> None:
    encrypted(journal)
    passphrase_file.write_text("wrong wrong wrong\n")
    result = run("list", "--db", journal)
    assert result.exit_code == 3
    assert "The passphrase in SERJOURNAL_PASSPHRASE_FILE does not open" in result.output
    assert "wrong wrong" not in result.output


def test_a_journal_in_a_newer_sqlcipher_format_is_refused_untouched(
    tmp_path: Path, journal: Path, passphrase_file: Path
) -> None:
    """Other cipher settings (as a future SQLCipher default would be) with the
    right passphrase: refused in one line, the file unchanged."""
    newer = tmp_path / "newer.db"
    source = cipher.connect(str(journal))
    source.execute(f"ATTACH DATABASE ? AS other KEY '{PASSPHRASE}'", [str(newer)])
    source.execute("PRAGMA other.cipher_page_size = 8192")
    source.execute("PRAGMA other.kdf_iter = 300000")
    source.execute("SELECT sqlcipher_export('other')")
    source.execute("DETACH DATABASE other")
    source.close()
    before = digest(newer)
    result = run("list", "--db", newer)
    assert result.exit_code == 3
    assert "newer SQLCipher format" in result.output and len(result.output.splitlines()) == 1
    assert run("checkin", "--db", newer, "--mood", "4").exit_code == 3
    assert digest(newer) == before


def test_an_encrypted_journal_without_a_terminal_or_file_says_how(
    journal: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(journal)
    monkeypatch.delenv(keys.PASSPHRASE_FILE_ENV)
    monkeypatch.setattr(keys, "ask", keys._ask_on_terminal)  # CliRunner's stdin is no terminal
    result = run("list", "--db", journal)
    assert result.exit_code == 3
    assert "set SERJOURNAL_PASSPHRASE_FILE" in result.output


def test_a_text_file_is_still_not_sqlite_and_not_called_encrypted(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("just some notes\n" * 100)
    result = run("list", "--db", text)
    assert result.exit_code == 3 and "not an SQLite file" in result.output


def test_without_the_extra_an_encrypted_journal_asks_for_it(
    journal: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(journal)
    cipher._dbapi.cache_clear()
    cipher._classes.cache_clear()
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    try:
        result = run("list", "--db", journal)
    finally:
        cipher._dbapi.cache_clear()
        cipher._classes.cache_clear()
    assert result.exit_code == 3
    assert "pip install 'serjournal[encrypted]'" in result.output


# --- Where the key comes from -------------------------------------------------------------


def test_encrypt_keeps_the_key_in_the_keyring_and_no_command_asks_again(
    journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(keys, "_keyring_backend", FakeKeyring)
    typed = iter([PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr(keys, "ask", lambda prompt: next(typed))
    result = run_converting("encrypt", "--db", journal)
    assert result.exit_code == 0, result.output
    assert "kept in your system keyring" in result.output
    stored = json.loads((tmp_path / "fake-keyring.json").read_text())
    assert len(stored) == 1
    ((name, value),) = stored.items()
    salt = journal.read_bytes()[:16]
    assert name == f"serjournal/journal-{salt.hex()}"
    assert PASSPHRASE not in value and bytes.fromhex(value) == keys.derive(PASSPHRASE, salt)
    keys._UNLOCKED.clear()
    monkeypatch.setattr(keys, "ask", lambda prompt: pytest.fail("asked despite the keyring"))
    assert len(json.loads(run("list", "--db", journal, "--json").stdout)) == 5


def test_a_missing_keyring_falls_back_to_one_passphrase_per_command(
    journal: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(journal)
    backup = _backup_of(journal)
    keys._UNLOCKED.clear()
    monkeypatch.delenv(keys.PASSPHRASE_FILE_ENV)
    monkeypatch.setattr(keys, "_keyring_backend", REAL_KEYRING_BACKEND)  # the fail backend
    asked: list[str] = []

    def typed(prompt: str) -> str:
        asked.append(prompt)
        return PASSPHRASE

    monkeypatch.setattr(keys, "ask", typed)
    # restore opens the backup, the journal, and a copy of it: one question
    result = run("restore", "--db", journal, backup)
    assert result.exit_code == 0, result.output
    assert "Restored 5 check-ins" in result.output
    assert len(asked) == 1 and str(journal) in asked[0] or str(backup) in asked[0]
    aside = next(journal.parent.glob("journal-before-restore-*.db"))
    assert aside.read_bytes()[:16] == journal.read_bytes()[:16]  # encrypted, same salt


def _backup_of(journal: Path) -> Path:
    result = run("backup", "--db", journal, journal.parent.parent / "b.db")
    assert result.exit_code == 0, result.output
    return journal.parent.parent / "b.db"


@pytest.mark.parametrize("backend", [BrokenKeyring, PlaintextKeyring])
def test_a_locked_or_plaintext_keyring_is_not_used(
    journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, backend: type
) -> None:
    """The real resolution: the keyring library with this backend."""
    import keyring

    monkeypatch.setattr(keys, "_keyring_backend", REAL_KEYRING_BACKEND)
    keyring.set_keyring(backend())
    try:
        typed = iter([PASSPHRASE, PASSPHRASE, PASSPHRASE])
        monkeypatch.setattr(keys, "ask", lambda prompt: next(typed))
        result = run_converting("encrypt", "--db", journal)
        assert result.exit_code == 0, result.output
        assert "each command asks for the passphrase" in result.output
        assert not (tmp_path / "fake-keyring.json").exists()
        keys._UNLOCKED.clear()
        assert run("list", "--db", journal).exit_code == 0  # asked, and it opened
    finally:
        keyring.set_keyring(keyring.backends.fail.Keyring())


def test_the_keyring_library_is_used_when_it_has_a_real_backend(
    journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import keyring

    monkeypatch.setattr(keys, "_keyring_backend", REAL_KEYRING_BACKEND)
    keyring.set_keyring(FakeKeyring())
    try:
        typed = iter([PASSPHRASE, PASSPHRASE])
        monkeypatch.setattr(keys, "ask", lambda prompt: next(typed))
        assert run_converting("encrypt", "--db", journal).exit_code == 0
        assert (tmp_path / "fake-keyring.json").exists()
    finally:
        keyring.set_keyring(keyring.backends.fail.Keyring())


def test_encrypt_refuses_passphrases_that_differ_or_are_short(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(journal)
    typed = iter(["first passphrase", "second passphrase"])
    monkeypatch.setattr(keys, "ask", lambda prompt: next(typed))
    result = run_converting("encrypt", "--db", journal)
    assert result.exit_code == 2 and "The two passphrases differ" in result.output
    typed = iter(["short", "short"])
    result = run_converting("encrypt", "--db", journal)
    assert result.exit_code == 2 and "at least 8 characters" in result.output
    assert digest(journal) == before


def test_encrypt_twice_and_decrypt_a_plain_journal_say_so(
    journal: Path, passphrase_file: Path
) -> None:
    result = run_converting("decrypt", "--db", journal)
    assert result.exit_code == 2 and "not encrypted" in result.output
    encrypted(journal)
    before = digest(journal)
    result = run_converting("encrypt", "--db", journal, "--no-keyring")
    assert result.exit_code == 0 and "already encrypted" in result.output
    assert digest(journal) == before


def test_no_passphrase_in_any_process_argument_or_file(
    journal: Path, passphrase_file: Path
) -> None:
    """encrypt takes no passphrase option; the journal's folder holds no key."""
    assert "--passphrase" not in run_converting("encrypt", "--help").output
    encrypted(journal)
    salt = journal.read_bytes()[:16]
    key = keys.derive(PASSPHRASE, salt)
    for file in journal.parent.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            assert PASSPHRASE.encode() not in data and key not in data
            assert key.hex().encode() not in data


# --- Start-up cost and concurrency -------------------------------------------------------


def test_a_plain_journal_imports_nothing_of_the_extra(journal: Path) -> None:
    code = (
        "import sys\n"
        "from serjournal.cli import main\n"
        f"sys.argv = ['serjournal', '--db', {str(journal)!r}, 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlcipher3', 'keyring', 'pyrage', 'serjournal.keys')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_encrypt_refuses_while_another_process_has_the_journal_open(
    journal: Path, passphrase_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERJOURNAL_BUSY_TIMEOUT_MS", "300")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(journal)!r})\n"
            "c.execute('SELECT count(*) FROM checkins').fetchall()\n"
            "print('holding', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        before = exports(journal)
        result = run_converting("encrypt", "--db", journal)
        assert result.exit_code == 3, result.output
        assert "is open in another serjournal" in result.output
        assert journal.read_bytes()[:16] == SQLITE_HEADER
        assert exports(journal) == before
    finally:
        holder.kill()
        holder.wait()
    assert not [p for p in journal.parent.iterdir() if p.name.endswith(".converting")]
