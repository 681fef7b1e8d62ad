"""encrypt and decrypt killed at random moments, and a save arriving while
they work (issue 14): there is always one complete journal in its place,
and a save that waited for the conversion lands in the converted journal."""

from __future__ import annotations

import csv
import gc
import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from serjournal import keys
from serjournal.store import cipher
from serjournal.store.connection import open_journal
from serjournal.store.format import SQLITE_HEADER
from tests.robustness.procs import SPAWNED, child_env
from tests.transfer_helpers import fill

PASSPHRASE = "a passphrase for the kill test"
ROUNDS = 40 if os.environ.get("SERJOURNAL_STRESS") == "1" else 12
CHECKINS = 600


def contents(journal: Path) -> tuple[str, int, str]:
    """(plain or encrypted, check-ins, integrity) of the journal in place,
    read the way SQLite's own tools would."""
    if journal.read_bytes()[:16] == SQLITE_HEADER:
        conn = sqlite3.connect(journal)
        kind = "plain"
    else:
        conn = cipher.connect(str(journal))
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        kind = "encrypted"
    try:
        count = conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
        return kind, count, conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def serjournal(*args: str | Path, env: dict[str, str]) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "serjournal", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    SPAWNED.append(child)
    return child


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    return child_env(SERJOURNAL_PASSPHRASE_FILE=str(secret))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_at_any_moment_of_encrypt_or_decrypt_leaves_one_complete_journal(
    tmp_path: Path, env: dict[str, str]
) -> None:
    journal = tmp_path / "journal.db"
    db = open_journal(journal)
    fill(db, CHECKINS)
    db.close()
    rng = random.Random(14)
    outcomes: dict[str, int] = {"converted": 0, "killed before": 0}
    whole = 0.0  # how long one conversion takes on this machine now
    for round_ in range(ROUNDS):
        kind_before = contents(journal)[0]
        command = "encrypt" if kind_before == "plain" else "decrypt"
        extra = ["--no-keyring"] if command == "encrypt" else []
        started = time.monotonic()
        child = serjournal(command, "--db", journal, *extra, env=env)
        if round_ == 0:  # the first runs to its end, to time the rest by
            assert child.wait(timeout=60) == 0
            whole = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0.4, 1.6) * whole)  # start-up, key, copy, check, rename
            child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=60)
        assert "Traceback" not in err, err
        kind, count, integrity = contents(journal)
        assert (count, integrity) == (CHECKINS, "ok"), (command, kind)
        outcomes["converted" if kind != kind_before else "killed before"] += 1
        # The next command finds it whole, whatever it is now.
        listed = subprocess.run(
            [sys.executable, "-m", "serjournal", "export", "--db", str(journal)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert listed.returncode == 0, listed.stderr
        assert len(list(csv.reader(io.StringIO(listed.stdout)))) == CHECKINS + 1  # + header
    # No plain copy of an encrypted journal is left beside it, only unfinished
    # temporary files, which the next conversion removes.
    others = [p.name for p in tmp_path.iterdir() if p.name not in ("journal.db", "passphrase")]
    assert all(name.endswith(".converting") or name.startswith("journal.db-") for name in others)
    print(f"\nconversions killed: {outcomes}")
    assert outcomes["converted"] >= 1 and outcomes["killed before"] >= 1


def test_a_save_waiting_for_encrypt_lands_in_the_encrypted_journal(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check-in in another terminal opens the plain journal and waits for the
    conversion's lock; when it gets it, the path names the encrypted file,
    and the check-in is saved there."""
    from serjournal.journal import Journal
    from serjournal.store import conversion

    journal = tmp_path / "journal.db"
    db = open_journal(journal)
    fill(db, 3)
    db.close()
    monkeypatch.setenv(keys.PASSPHRASE_FILE_ENV, env["SERJOURNAL_PASSPHRASE_FILE"])
    real_export = cipher.export_into
    saver: list[subprocess.Popen[str]] = []

    def export_while_a_save_waits(*args: object) -> None:
        saver.append(
            serjournal(
                "checkin",
                "--db",
                journal,
                "--mood",
                "7",
                "--takeaway",
                "saved while encrypting",
                env=env,
            )
        )
        time.sleep(2.0)  # it has opened the journal and waits for our lock
        real_export(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cipher, "export_into", export_while_a_save_waits)
    gc.collect()
    converted = conversion.encrypt(Journal(journal), PASSPHRASE)
    assert converted.count == 3
    out, err = saver[0].communicate(timeout=60)
    assert saver[0].returncode == 0, err
    assert "Saved check-in" in out
    kind, count, integrity = contents(journal)
    assert (kind, count, integrity) == ("encrypted", 4, "ok")
    assert not (tmp_path / "journal.db-wal").exists() or contents(journal)[1] == 4
