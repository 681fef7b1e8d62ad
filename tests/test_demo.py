"""The demo generator: deterministic, realistic within the vocabulary, quick to insert."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from serjournal.answers import checkin_from_dict
from serjournal.demo import fill_journal, generate_checkins

START = date(2026, 1, 5)


def test_same_seed_same_checkins_other_seed_others() -> None:
    first = [c.to_dict() for c in generate_checkins(START, 30, seed=4)]
    again = [c.to_dict() for c in generate_checkins(START, 30, seed=4)]
    other = [c.to_dict() for c in generate_checkins(START, 30, seed=5)]
    assert first == again
    assert first != other


def test_checkins_are_valid_and_varied() -> None:
    checkins = list(generate_checkins(START, 120, seed=1))
    per_day = Counter(c.local_date for c in checkins)
    assert set(per_day.values()) <= {1, 2} and 2 in per_day.values()
    assert min(per_day) >= START.isoformat()
    assert max(per_day) <= (START + timedelta(days=119)).isoformat()
    assert len(per_day) >= 100  # a few quiet days, not many
    for checkin in checkins:
        assert len(checkin.sensations) == 3 and len(checkin.emotions) == 3
        assert len({s.region for s in checkin.sensations}) == 3
        # The same validation a check-in given as JSON goes through.
        assert checkin_from_dict(checkin.to_dict()).to_dict() == checkin.to_dict()
    assert len({c.mood for c in checkins}) >= 6
    assert {c.practice for c in checkins} >= {"breath", "hand", "movement", None}
    times = [c.created_utc for c in checkins]
    assert times == sorted(times)


def test_practices_lower_the_target_and_distress() -> None:
    for checkin in generate_checkins(START, 60, seed=2):
        if checkin.practice:
            target = checkin.target
            assert target is not None and target.intensity_after is not None
            assert target.intensity_after <= target.intensity
            assert checkin.distress_after is not None and checkin.distress is not None
            assert checkin.distress_after <= checkin.distress


def test_fill_journal_writes_every_row(db) -> None:  # type: ignore[no-untyped-def]
    end = date(2026, 3, 1)
    written = fill_journal(db, weeks=6, end=end, seed=9)
    expected = list(generate_checkins(end - timedelta(days=41), 42, seed=9))
    assert written == len(expected)
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == written
    assert db.execute("SELECT count(*) FROM sensations").fetchone()[0] == 3 * written
    assert db.execute("SELECT count(*) FROM emotions").fetchone()[0] == 3 * written
    assert db.execute("SELECT max(local_date) FROM checkins").fetchone()[0] <= end.isoformat()
    ids = {row[0] for row in db.execute("SELECT id FROM checkins")}
    assert ids == {c.id for c in expected}


def test_small_chunks_give_the_same_journal(db) -> None:  # type: ignore[no-untyped-def]
    from serjournal.store.writes import bulk_insert

    written = bulk_insert(db, generate_checkins(START, 20, seed=3), chunk=7)
    assert written == db.execute("SELECT count(*) FROM checkins").fetchone()[0]
    assert written > 14  # more than two chunks


def test_demo_check_ins_carry_tags_into_the_journal(db) -> None:  # type: ignore[no-untyped-def]
    from serjournal.store.writes import bulk_insert

    generated = list(generate_checkins(START, 30, seed=5))
    bulk_insert(db, generated)
    expected = sum(len(c.tags) for c in generated)
    assert expected > 0
    assert db.execute("SELECT count(*) FROM tags").fetchone()[0] == expected
