"""Every upgrade path: a journal made by each earlier schema version opens
with the current program, upgrades, and keeps all its data.

Fixtures are found automatically: every tests/fixtures/journal-vN.db with
its journal-vN.json (CheckIn.to_dict() of each entry, as made by
tests/fixtures/make_fixture.py). Before adding migration N+1, freeze
journal-vN.db with that script; test_every_earlier_version_has_a_fixture
fails until you do.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from serjournal.store import migrations
from serjournal.store.checkins import count_checkins, load_checkin
from serjournal.store.connection import open_journal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JOURNALS = sorted(FIXTURES.glob("journal-v*.db"))


def version_of(path: Path) -> int:
    match = re.fullmatch(r"journal-v(\d+)\.db", path.name)
    assert match, path
    return int(match[1])


def test_every_earlier_version_has_a_fixture() -> None:
    versions = {version_of(path) for path in JOURNALS}
    earlier = set(range(1, migrations.schema_version()))
    assert earlier <= versions, f"freeze a fixture for versions {earlier - versions}"
    assert 1 in versions


@pytest.mark.parametrize("fixture", JOURNALS, ids=lambda p: p.name)
def test_old_journal_upgrades_with_all_data_intact(tmp_path: Path, fixture: Path) -> None:
    expected = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    assert expected, "a fixture with no check-ins proves nothing"
    journal = tmp_path / "journal.db"
    shutil.copyfile(fixture, journal)
    with sqlite3.connect(journal) as conn:
        applied_before = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
    conn.close()
    assert applied_before == version_of(fixture)

    db = open_journal(journal)  # upgrades
    applied = [m.name for m in migrations.migrations.applied(db)]
    assert applied == migrations.known_names()
    assert len(applied) == migrations.schema_version()
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The fixture is stored in rollback-journal mode; opening puts it in WAL
    # even with no migration pending (as after a kill between the two steps).
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert count_checkins(db) == len(expected)
    for old in expected:
        now = load_checkin(db, old["id"]).to_dict()
        # A later schema may add fields; every field the old one had is unchanged.
        assert {key: now[key] for key in old} == old
    db.close()

    # Opening the upgraded journal again changes nothing more.
    again = open_journal(journal)
    assert [m.name for m in migrations.migrations.applied(again)] == applied
    again.close()


def test_fixture_is_never_modified_by_the_tests() -> None:
    for fixture in JOURNALS:
        with sqlite3.connect(f"file:{fixture}?mode=ro", uri=True) as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        conn.close()
        assert len(names) == version_of(fixture)


def test_make_fixture_reproduces_the_committed_data(tmp_path: Path) -> None:
    """The committed JSON is what make_fixture.py makes with this schema's
    version, so the script documents the fixture truthfully."""
    from tests.fixtures.make_fixture import build

    current = FIXTURES / f"journal-v{migrations.schema_version()}.json"
    if not current.exists():
        pytest.skip("no fixture for the current version yet")
    _, made = build(tmp_path, force=True)
    assert json.loads(made.read_text(encoding="utf-8")) == json.loads(
        current.read_text(encoding="utf-8")
    )
