from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serjournal.errors import InputError, JournalError
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store import migrations
from serjournal.store.checkins import (
    count_checkins,
    load_checkin,
    recent_checkins,
    resolve_id,
)
from serjournal.store.connection import open_journal
from serjournal.store.streaks import streaks
from serjournal.store.writes import save_checkin


def sample_checkin(**overrides: object) -> CheckIn:
    checkin = CheckIn(
        mood=6,
        energy=4,
        distress=3,
        distress_after=1,
        settledness=5,
        closing_mood=7,
        practice="breath",
        practice_seconds=60,
        duration_seconds=300,
        sensations=[
            Sensation("chest", "tight", 6, intensity_after=3, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest")],
        answers={"focus": 'a hard meeting, "quoted", = sign', "takeaway": "breathe 🌿"},
        tags=["work", "evening"],
    )
    for key, value in overrides.items():
        setattr(checkin, key, value)
    return checkin


def test_new_journal_is_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "journal.db"
    open_journal(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_saved_checkin_reads_back_field_for_field(db) -> None:  # type: ignore[no-untyped-def]
    original = sample_checkin()
    save_checkin(db, original)
    loaded = load_checkin(db, original.id)
    assert loaded.to_dict() == original.to_dict()
    assert loaded.target is not None and loaded.target.region == "chest"


def test_checkin_records_local_date_and_offset() -> None:
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    checkin = CheckIn()
    checkin.set_time(moment)
    assert checkin.local_date == "2026-03-01"
    assert checkin.utc_offset_minutes == -300
    assert checkin.created_utc == datetime(2026, 3, 2, 4, 30, tzinfo=UTC)
    assert checkin.local_time.hour == 23


def test_failed_save_leaves_nothing_half_written(db) -> None:  # type: ignore[no-untyped-def]
    broken = sample_checkin()
    broken.emotions.append(EmotionEntry("calm", "calm", "pleasant", "low", 99))  # CHECK fails
    with pytest.raises(JournalError):
        save_checkin(db, broken)
    assert count_checkins(db) == 0
    assert db.execute("select count(*) from sensations").fetchone()[0] == 0


def test_the_same_checkin_twice_is_saved_once_and_another_under_its_id_refused(db) -> None:  # type: ignore[no-untyped-def]
    checkin = sample_checkin()
    assert save_checkin(db, checkin) is True
    assert save_checkin(db, checkin) is False  # a retry: recognised, not saved twice
    other = sample_checkin()
    other.id, other.mood = checkin.id, (checkin.mood or 0) + 1 if (checkin.mood or 0) < 10 else 0
    with pytest.raises(InputError, match="A different check-in with id"):
        save_checkin(db, other)
    assert count_checkins(db) == 1


def test_resolve_id_by_prefix(db) -> None:  # type: ignore[no-untyped-def]
    first = sample_checkin(id="aaaa1111-0000-4000-8000-000000000000")
    second = sample_checkin(id="aaaa2222-0000-4000-8000-000000000000")
    save_checkin(db, first)
    save_checkin(db, second)
    assert resolve_id(db, "aaaa1") == first.id
    with pytest.raises(InputError, match="matches several"):
        resolve_id(db, "aaaa")
    with pytest.raises(InputError, match="No check-in"):
        resolve_id(db, "bbbb")
    with pytest.raises(InputError, match="not a check-in id"):
        resolve_id(db, "zz'; drop")


def test_recent_checkins_newest_first_with_limit(db) -> None:  # type: ignore[no-untyped-def]
    base = datetime(2026, 11, 20, 21, 0, tzinfo=UTC)
    for days in range(4):
        checkin = sample_checkin()
        checkin.set_time(base + timedelta(days=days))
        save_checkin(db, checkin)
    lines = recent_checkins(db, limit=3)
    assert [line.local_date for line in lines] == ["2026-11-23", "2026-11-22", "2026-11-21"]
    assert lines[0].regions == "chest, shoulders"
    assert lines[0].emotions == "anxious"


def test_streak_counts_consecutive_days_ending_today_or_yesterday(db) -> None:  # type: ignore[no-untyped-def]
    today = date(2026, 11, 25)
    for day in (today - timedelta(days=d) for d in (0, 1, 2, 3, 5)):
        checkin = sample_checkin()
        checkin.set_time(datetime(day.year, day.month, day.day, 20, tzinfo=UTC))
        save_checkin(db, checkin)
    assert streaks(db, today) == streaks(db, today)  # reading changes nothing
    found = streaks(db, today)
    assert (found.current, found.longest) == (4, 4)  # today and the three days before
    assert (found.checkins_on_day, found.earlier_days) == (1, True)
    # Tomorrow, before its check-in: the run still counts up to today.
    assert streaks(db, today + timedelta(days=1)).current == 4
    assert streaks(db, today + timedelta(days=2)).current == 0
    assert streaks(db, today - timedelta(days=4)).current == 1  # the 21st: only the 20th
    assert streaks(db, today - timedelta(days=6)).current == 0
    assert streaks(db, today - timedelta(days=6)).longest == 0  # nothing up to the 19th


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="is a directory"):
        open_journal(tmp_path)


def test_non_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("my precious notes")
    with pytest.raises(JournalError, match="not an SQLite file"):
        open_journal(path)
    assert path.read_text() == "my precious notes"


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table t (x)")
    with pytest.raises(JournalError, match="another program"):
        open_journal(path)


def test_journal_from_newer_schema_is_refused_untouched(journal_path: Path) -> None:
    open_journal(journal_path).close()
    with sqlite3.connect(journal_path) as conn:
        conn.execute(
            "insert into _sqlite_migrations (migration_set, name, applied_at) "
            "values ('serjournal', 'm999_from_the_future', '2030-01-01')"
        )
    before = journal_path.read_bytes()
    with pytest.raises(JournalError, match="newer serjournal"):
        open_journal(journal_path)
    assert journal_path.read_bytes() == before


def test_schema_version_counts_migrations(db) -> None:  # type: ignore[no-untyped-def]
    applied = [m.name for m in migrations.migrations.applied(db)]
    assert applied == migrations.known_names()
    assert migrations.schema_version() == len(applied) >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.unprivileged
def test_read_only_journal_reports_clearly(journal_path: Path) -> None:
    open_journal(journal_path).close()
    journal_path.chmod(0o400)
    db = open_journal(journal_path)
    with pytest.raises(JournalError, match="read-only"):
        save_checkin(db, sample_checkin())


@given(
    days=st.sets(st.integers(min_value=0, max_value=40), max_size=25),
    as_of=st.integers(min_value=-2, max_value=45),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_streaks_follow_the_one_rule(days: set[int], as_of: int) -> None:
    """Against a plain statement of the rule, on any set of days."""
    import sqlite3 as sql

    start = date(2026, 1, 1)
    conn = sql.connect(":memory:")
    conn.execute("CREATE TABLE checkins (local_date TEXT)")
    conn.executemany(
        "INSERT INTO checkins VALUES (?)",
        [((start + timedelta(days=d)).isoformat(),) for d in days for _ in range(1 + d % 2)],
    )
    found = streaks(conn, start + timedelta(days=as_of))
    upto = {d for d in days if d <= as_of}

    def run_ending(day: int) -> int:
        length = 0
        while day - length in upto:
            length += 1
        return length

    expected = run_ending(as_of) or run_ending(as_of - 1)
    assert found.current == expected
    assert found.longest == max((run_ending(d) for d in upto), default=0)
    assert found.checkins_on_day == (1 + as_of % 2 if as_of in upto else 0)
    assert found.earlier_days == any(d < as_of for d in upto)
