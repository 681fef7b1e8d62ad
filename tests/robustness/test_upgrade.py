"""Every upgrade path: a journal made by each earlier schema version opens
with the current program, upgrades, and keeps all its data.

Fixtures are found automatically: every tests/fixtures/journal-vN.db with
its journal-vN.json (CheckIn.to_dict() of each entry, and from version 2
the trash, as made by tests/fixtures/make_fixture.py, whose docstring says
how). Before adding migration N+1, freeze journal-vN.db with that script;
test_every_earlier_version_has_a_fixture fails until you do.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from serjournal.models import parse_utc
from serjournal.store import migrations
from serjournal.store.checkins import count_checkins, load_checkin
from serjournal.store.connection import open_journal
from serjournal.store.search import search_answers
from serjournal.store.trash import list_trash
from serjournal.store.writes import restore_deleted

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


def load_expected(fixture: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The check-ins and the trash a fixture's JSON describes (version 1's
    file is a bare list of check-ins; later ones an object with both)."""
    document = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    if isinstance(document, list):
        return document, []
    return document["checkins"], document["trash"]


@pytest.mark.parametrize("fixture", JOURNALS, ids=lambda p: p.name)
def test_old_journal_upgrades_with_all_data_intact(tmp_path: Path, fixture: Path) -> None:
    expected, trashed = load_expected(fixture)
    assert expected, "a fixture with no check-ins proves nothing"
    if version_of(fixture) >= 2:
        assert trashed, "from version 2 a fixture keeps a check-in in the trash"
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

    # Answers written before the search index existed are found (m003 backfills).
    hits = search_answers(db, "Termin")
    assert [(h.checkin_id, h.prompt) for h in hits] == [(expected[0]["id"], "focus")]
    assert [h.checkin_id for h in search_answers(db, "cafe")] == [expected[1]["id"]]

    # What waited in the trash is listed and comes back whole, and searchable.
    for item in trashed:
        old = item["checkin"]
        soon = parse_utc(item["deleted_utc"]) + timedelta(days=1)  # within the 30 days
        assert [e.checkin_id for e in list_trash(db, now=soon)] == [old["id"]]
        back = restore_deleted(db, old["id"][:8], now=soon)
        assert back.to_dict() == old
        assert {k: v for k, v in load_checkin(db, old["id"]).to_dict().items() if k in old} == old
        assert [h.checkin_id for h in search_answers(db, old["answers"]["note"])] == [old["id"]]
    assert count_checkins(db) == len(expected) + len(trashed)
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


@pytest.mark.parametrize("fixture", JOURNALS, ids=lambda p: p.name)
def test_make_fixture_reproduces_the_committed_data(tmp_path: Path, fixture: Path) -> None:
    """The committed JSON is what make_fixture.py makes for that version, and
    its database holds the same rows, so the script documents every fixture
    truthfully (and can freeze the next one the same way)."""
    from tests.fixtures.make_fixture import build

    made_db, made_json = build(tmp_path, force=True, version=version_of(fixture))
    assert json.loads(made_json.read_text(encoding="utf-8")) == json.loads(
        fixture.with_suffix(".json").read_text(encoding="utf-8")
    )
    assert _rows(made_db) == _rows(fixture)


def _rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows but the migration log (which records when it ran)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if r[0] != "_sqlite_migrations" and not r[0].startswith("answers_fts")
        ]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    conn.close()
    return rows
