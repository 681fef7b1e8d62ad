"""Store side of history: migrations m002/m003, edit, trash, search, list filters."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from serjournal.errors import InputError
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store import migrations
from serjournal.store.checkins import checkin_row, child_rows, count_checkins, load_checkin
from serjournal.store.connection import _connect, open_journal
from serjournal.store.filters import (
    ListFilter,
    build_filter,
    filtered_checkins,
    known_tags,
    where_clause,
)
from serjournal.store.search import fts_query, search_answers, search_tags, split_marked
from serjournal.store.trash import KEEP_DAYS, list_trash
from serjournal.store.writes import delete_checkin, edit_checkin, restore_deleted, save_checkin
from serjournal.vocabulary import Vocabulary, default_vocabulary, set_vocabulary

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def entry(day: int = 20, **overrides: object) -> CheckIn:
    checkin = CheckIn(
        mood=6,
        energy=4,
        distress=3,
        sensations=[Sensation("chest", "tight", 6, is_target=True)],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "throat")],
        answers={"focus": "the meeting with Anna", "takeaway": "walk after lunch"},
        tags=["work"],
    )
    checkin.set_time(datetime(2026, 11, day, 20, 0, tzinfo=UTC))
    for key, value in overrides.items():
        setattr(checkin, key, value)
    return checkin


def update_checkin(db: Database, changed: CheckIn, now: datetime) -> CheckIn:
    """Save `changed` over the stored entry, the way the edit menu does."""
    result = edit_checkin(
        db, changed.id, lambda _current: changed, vocabulary=default_vocabulary(), now=now
    )
    return result.checkin


def fts_ids(db: Database, word: str) -> list[str]:
    return [hit.checkin_id for hit in search_answers(db, word)]


def index_rows(db: Database) -> int:
    """Rows the FTS index itself holds (its docsize shadow table)."""
    return int(db.execute("SELECT count(*) FROM answers_fts_docsize").fetchone()[0])


# --- migrations -----------------------------------------------------------------------


def test_upgrade_from_first_version_keeps_entries_and_backfills_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = _connect(path)
    migrations.migrations.apply(old, stop_before="m002_trash")
    assert "answers_fts" not in old.table_names()
    kept = entry()
    old.table("checkins").insert(checkin_row(kept))  # rows as version 1 wrote them
    for table, rows in child_rows(kept).items():
        old.table(table).insert_all(rows)
    old.close()

    db = open_journal(path)
    assert {"trash", "answers_fts"} <= set(db.table_names())
    assert load_checkin(db, kept.id).to_dict() == kept.to_dict()
    assert fts_ids(db, "meeting") == [kept.id]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO answers_fts (answers_fts) VALUES ('integrity-check')")


def test_schema_version_counts_the_new_migrations() -> None:
    names = migrations.known_names()
    assert names.index("m002_trash") < names.index("m003_answers_fts")
    assert migrations.schema_version() == len(names) >= 3


# --- edit -------------------------------------------------------------------------------


def test_update_rewrites_the_entry_and_stamps_the_edit(db: Database) -> None:
    original = entry()
    save_checkin(db, original)
    changed = load_checkin(db, original.id)
    changed.mood = 2
    changed.answers["takeaway"] = "rest the shoulders"
    changed.sensations.append(Sensation("shoulders", "tense", 4, side="left"))
    changed.tags = ["evening"]
    update_checkin(db, changed, now=NOW)

    loaded = load_checkin(db, original.id)
    assert loaded.mood == 2
    assert loaded.edited_utc == NOW
    assert loaded.created_utc == original.created_utc
    assert [s.region for s in loaded.sensations] == ["chest", "shoulders"]
    assert loaded.tags == ["evening"]
    assert count_checkins(db) == 1


def test_search_follows_an_edit(db: Database) -> None:
    original = entry()
    save_checkin(db, original)
    assert fts_ids(db, "walk") == [original.id]
    changed = load_checkin(db, original.id)
    changed.answers["takeaway"] = "rest the shoulders"
    update_checkin(db, changed, now=NOW)
    assert fts_ids(db, "walk") == []
    assert fts_ids(db, "shoulders") == [original.id]
    assert fts_ids(db, "meeting") == [original.id]  # the untouched answer is still found
    assert index_rows(db) == 2


def test_invalid_edit_writes_nothing(db: Database) -> None:
    original = entry()
    save_checkin(db, original)
    changed = load_checkin(db, original.id)
    changed.mood = 14
    with pytest.raises(InputError, match="mood must be"):
        update_checkin(db, changed, now=NOW)
    assert load_checkin(db, original.id).to_dict() == original.to_dict()


def test_words_dropped_from_the_config_do_not_block_an_edit(db: Database) -> None:
    vocabulary = Vocabulary()
    vocabulary.regions.append("wrists")
    set_vocabulary(vocabulary)
    original = entry(sensations=[Sensation("wrists", "aching", 3, is_target=True)])
    save_checkin(db, original)
    set_vocabulary(None)  # the config no longer lists "wrists"
    changed = load_checkin(db, original.id)
    changed.mood = 1
    update_checkin(db, changed, now=NOW)
    assert load_checkin(db, original.id).mood == 1
    changed.sensations.append(Sensation("elbows", "aching", 2))  # but new words must be known
    with pytest.raises(InputError, match="Unknown region 'elbows'"):
        update_checkin(db, changed, now=NOW)


def test_update_of_a_missing_entry_is_refused(db: Database) -> None:
    with pytest.raises(InputError, match="No check-in"):
        update_checkin(db, entry(), now=NOW)
    assert count_checkins(db) == 0


# --- trash ------------------------------------------------------------------------------


def test_delete_moves_the_whole_entry_to_the_trash(db: Database) -> None:
    gone = entry()
    save_checkin(db, gone)
    delete_checkin(db, gone.id, now=NOW)
    assert count_checkins(db) == 0
    for table in ("sensations", "emotions", "answers", "tags"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    row = db.execute("SELECT deleted_utc, record FROM trash").fetchone()
    assert row[0] == "2026-11-25T09:00:00Z"
    assert json.loads(row[1]) == gone.to_dict()
    assert fts_ids(db, "meeting") == []
    assert index_rows(db) == 0


def test_restore_brings_back_the_entry_exactly_and_its_search(db: Database) -> None:
    gone = entry(edited_utc=datetime(2026, 11, 21, 8, 0, tzinfo=UTC))
    save_checkin(db, gone)
    delete_checkin(db, gone.id, now=NOW)
    back = restore_deleted(db, gone.id[:6], now=NOW + timedelta(days=1))
    assert back.id == gone.id
    assert load_checkin(db, gone.id).to_dict() == gone.to_dict()
    assert fts_ids(db, "meeting") == [gone.id]
    assert list_trash(db, now=NOW) == []


def test_undo_restores_the_most_recently_deleted(db: Database) -> None:
    first, second = entry(20), entry(21)
    save_checkin(db, first)
    save_checkin(db, second)
    delete_checkin(db, second.id, now=NOW)
    delete_checkin(db, first.id, now=NOW + timedelta(minutes=5))
    assert restore_deleted(db, now=NOW + timedelta(minutes=6)).id == first.id
    assert restore_deleted(db, now=NOW + timedelta(minutes=7)).id == second.id
    with pytest.raises(InputError, match="trash is empty"):
        restore_deleted(db, now=NOW + timedelta(minutes=8))


def test_trash_forgets_after_thirty_days(db: Database) -> None:
    old, recent = entry(1), entry(2)
    save_checkin(db, old)
    save_checkin(db, recent)
    delete_checkin(db, old.id, now=NOW)
    delete_checkin(db, recent.id, now=NOW + timedelta(days=2))
    on_the_last_day = NOW + timedelta(days=KEEP_DAYS)
    assert [e.checkin_id for e in list_trash(db, now=on_the_last_day)] == [recent.id, old.id]
    a_second_later = on_the_last_day + timedelta(seconds=1)
    assert [e.checkin_id for e in list_trash(db, now=a_second_later)] == [recent.id]
    assert db.execute("SELECT count(*) FROM trash").fetchone()[0] == 2  # looking purged nothing
    with pytest.raises(InputError, match="No check-in in the trash"):
        restore_deleted(db, old.id, now=a_second_later)


def test_expired_entries_are_purged_by_the_next_delete(db: Database) -> None:
    old, other = entry(1), entry(2)
    save_checkin(db, old)
    save_checkin(db, other)
    delete_checkin(db, old.id, now=NOW)
    delete_checkin(db, other.id, now=NOW + timedelta(days=KEEP_DAYS + 1))
    ids = [r[0] for r in db.execute("SELECT checkin_id FROM trash")]
    assert ids == [other.id]


def test_trash_ids_bad_ambiguous_and_already_back(db: Database) -> None:
    a = entry(id="abcd1111-0000-4000-8000-000000000000")
    b = entry(id="abcd2222-0000-4000-8000-000000000000")
    save_checkin(db, a)
    save_checkin(db, b)
    delete_checkin(db, a.id, now=NOW)
    delete_checkin(db, b.id, now=NOW)
    with pytest.raises(InputError, match="matches several"):
        restore_deleted(db, "abcd", now=NOW)
    with pytest.raises(InputError, match="not a check-in id"):
        restore_deleted(db, "xyz", now=NOW)
    # The same entry came back another way (a restored backup that held it).
    db.table("checkins").insert(checkin_row(a))
    with pytest.raises(InputError, match="already in the journal"):
        restore_deleted(db, "abcd1", now=NOW)
    assert len(list_trash(db, now=NOW)) == 2


def test_trash_summary_is_short(db: Database) -> None:
    save_checkin(db, gone := entry(answers={"takeaway": "x" * 80}))
    delete_checkin(db, gone.id, now=NOW)
    (listed,) = list_trash(db, now=NOW)
    assert listed.local_date == "2026-11-20"
    assert listed.summary.startswith("mood 6/10  ·  distress 3/10  ·  xxx")
    assert len(listed.summary) < 80


# --- search -----------------------------------------------------------------------------


def test_fts_query_quotes_words_so_syntax_is_literal() -> None:
    assert fts_query('tight AND "chest"') == '"tight" "AND" "chest"'
    assert fts_query("walk*  NEAR(") == '"walk"* "NEAR"'
    with pytest.raises(InputError, match="no words"):
        fts_query(' "" * ( ')


def test_search_ranks_and_marks_matches(db: Database) -> None:
    once = entry(20, answers={"focus": "a long day with one mention of the jaw among many words"})
    often = entry(21, answers={"focus": "jaw jaw", "takeaway": "unclench the jaw"})
    save_checkin(db, once)
    save_checkin(db, often)
    hits = search_answers(db, "jaw")
    assert hits[0].checkin_id == often.id and hits[-1].checkin_id == once.id
    assert len(hits) == 3
    marked = [piece for piece, is_match in split_marked(hits[-1].snippet) if is_match]
    assert marked == ["jaw"]
    assert hits[-1].local_date == "2026-11-20"


def test_search_needs_every_word_and_stems(db: Database) -> None:
    save_checkin(db, first := entry(answers={"note": "walked by the sea, felt calmer"}))
    save_checkin(db, entry(21, answers={"note": "the sea was grey"}))
    assert fts_ids(db, "walking sea") == [first.id]
    assert len(fts_ids(db, "sea")) == 2
    assert fts_ids(db, "mountain") == []
    assert fts_ids(db, 'sea" OR "x') == []  # quotes cannot inject FTS syntax


def test_search_tags_matches_the_whole_tag_or_its_start(db: Database) -> None:
    save_checkin(db, first := entry(20, tags=["Long walk", "work"]))
    save_checkin(db, second := entry(21, tags=["workshop", "100%_done"]))
    assert [h.checkin_id for h in search_tags(db, "work")] == [first.id]
    assert [h.checkin_id for h in search_tags(db, "WORK*")] == [second.id, first.id]
    assert [h.checkin_id for h in search_tags(db, " long   walk ")] == [first.id]
    assert split_marked(search_tags(db, "long walk")[0].snippet) == [("Long walk", True)]
    assert search_tags(db, "100%*") == search_tags(db, "100%_done")
    assert search_tags(db, "1%") == [] and search_tags(db, "_*") == []
    assert search_tags(db, "*") == []
    assert search_tags(db, "work", limit=0) == []


# --- list filters -------------------------------------------------------------------------


def test_where_clause_without_filters_matches_everything() -> None:
    assert where_clause(ListFilter()) == ("1", [])
    assert not ListFilter().active


def test_where_clause_combines_filters_in_order() -> None:
    sql, params = where_clause(
        ListFilter(
            since=date(2026, 11, 1),
            until=date(2026, 11, 30),
            regions=["chest"],
            emotions=["anxious"],
            families=["fear"],
            tags=["work", "evening"],
            min_distress=5,
        )
    )
    assert sql.count(" AND ") >= 7
    assert params == [
        "2026-11-01", "2026-11-30", "chest", "chest", "anxious", "fear", "work", "evening", 5
    ]  # fmt: skip
    assert sql.count("?") == len(params)


def test_filtered_checkins_apply_each_filter(db: Database) -> None:
    calm = entry(
        18,
        distress=1,
        sensations=[Sensation("belly", "warm", 3)],
        emotions=[EmotionEntry("content", "joy", "pleasant", "high", 6)],
        tags=["weekend", "rest"],
    )
    tense = entry(20, distress=7)
    save_checkin(db, calm)
    save_checkin(db, tense)

    def ids(**kwargs: object) -> list[str]:
        return [row["id"] for row in filtered_checkins(db, ListFilter(**kwargs))]  # type: ignore[arg-type]

    assert ids() == [tense.id, calm.id]
    assert ids(since=date(2026, 11, 19)) == [tense.id]
    assert ids(until=date(2026, 11, 18)) == [calm.id]
    assert ids(regions=["belly"]) == [calm.id]
    assert ids(regions=["throat"]) == [tense.id]  # where an emotion was felt counts too
    assert ids(emotions=["content"]) == [calm.id]
    assert ids(families=["fear"]) == [tense.id]
    assert ids(tags=["weekend", "rest"]) == [calm.id]
    assert ids(tags=["weekend", "work"]) == []
    assert ids(min_distress=7) == [tense.id]
    row = filtered_checkins(db, ListFilter(tags=["rest"]))[0]
    assert row["tags"] == ["weekend", "rest"] and row["regions"] == ["belly"]
    assert [r["id"] for r in filtered_checkins(db, ListFilter(), limit=1)] == [tense.id]


def test_build_filter_checks_words_and_days(db: Database) -> None:
    vocabulary = Vocabulary()
    built = build_filter(
        db,
        vocabulary,
        since="2026-11-01",
        until="2026-11-30",
        regions=["Jaw"],
        emotions=["fear", "Anxious"],
        tags=[" work "],
        min_distress=4,
    )
    assert built.regions == ["face and jaw"]
    assert built.families == ["fear"] and built.emotions == ["anxious"]
    assert built.tags == ["work"] and built.min_distress == 4
    assert built.since == date(2026, 11, 1)
    with pytest.raises(InputError, match="Did you mean: chest"):
        build_filter(db, vocabulary, regions=["chst"])
    with pytest.raises(InputError, match="Unknown emotion"):
        build_filter(db, vocabulary, emotions=["blorp"])
    with pytest.raises(InputError, match="after --until"):
        build_filter(db, vocabulary, since="2026-11-30", until="2026-11-01")
    with pytest.raises(InputError, match="min-distress"):
        build_filter(db, vocabulary, min_distress=11)
    with pytest.raises(InputError, match="Could not read the time"):
        build_filter(db, vocabulary, since="last blue moon")


def test_build_filter_accepts_words_only_the_journal_knows(db: Database) -> None:
    save_checkin(db, entry(sensations=[Sensation("wrists", "aching", 3)]))
    assert build_filter(db, Vocabulary(), regions=["wrists"]).regions == ["wrists"]


def test_known_tags_most_used_first(db: Database) -> None:
    save_checkin(db, entry(20, tags=["rest", "work"]))
    save_checkin(db, entry(21, tags=["work"]))
    assert known_tags(db) == ["work", "rest"]
