"""store/writes.edit_checkin: the guards that keep an edit from losing or
inventing anything. Each test states what must happen and reads the journal
back (these were mutation survivors: no test noticed them removed)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from serjournal import messages
from serjournal.errors import InputError
from serjournal.models import CheckIn, Sensation
from serjournal.store.checkins import load_checkin
from serjournal.store.writes import (
    EditConflict,
    bulk_insert,
    delete_checkin,
    edit_checkin,
    save_checkin,
)
from serjournal.vocabulary import default_vocabulary

THEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def saved(db: Database) -> CheckIn:
    checkin = CheckIn(mood=5, answers={"focus": "the meeting"}, tags=["work"])
    checkin.set_time(datetime(2026, 11, 20, 20, 0, tzinfo=UTC))
    save_checkin(db, checkin)
    return load_checkin(db, checkin.id)


Change = Callable[[CheckIn], CheckIn]


def set_mood(mood: int) -> Change:
    def change(checkin: CheckIn) -> CheckIn:
        checkin.mood = mood
        return checkin

    return change


def add_tag(tag: str) -> Change:
    def change(checkin: CheckIn) -> CheckIn:
        checkin.tags.append(tag)  # changes a list inside the check-in it is given
        return checkin

    return change


def edit(db: Database, checkin_id: str, change: object, **kwargs: object) -> object:
    return edit_checkin(
        db,
        checkin_id,
        change,
        vocabulary=default_vocabulary(),
        **kwargs,  # type: ignore[arg-type]
    )


def test_an_edit_saves_the_change_and_the_edit_time(db: Database) -> None:
    entry = saved(db)
    result = edit(db, entry.id, set_mood(2), now=LATER)
    assert result.changed is True and result.checkin.mood == 2
    stored = load_checkin(db, entry.id)
    assert (stored.mood, stored.edited_utc) == (2, LATER)
    assert (stored.answers, stored.tags) == ({"focus": "the meeting"}, ["work"])


def test_a_change_to_a_list_inside_the_entry_is_saved(db: Database) -> None:
    """The change gets its own copy: appending to its tags must not also change
    the stored version it is compared with, which would look like no change."""
    entry = saved(db)
    result = edit(db, entry.id, add_tag("evening"), now=LATER)
    assert result.changed is True
    assert load_checkin(db, entry.id).tags == ["work", "evening"]


def test_an_edit_that_changes_nothing_writes_nothing(db: Database) -> None:
    entry = saved(db)
    edit(db, entry.id, set_mood(3), now=THEN)  # edited once, at THEN
    result = edit(db, entry.id, set_mood(3), now=LATER)  # the same answers again
    assert result.changed is False
    assert result.checkin.to_dict() == load_checkin(db, entry.id).to_dict()
    assert load_checkin(db, entry.id).edited_utc == THEN  # not moved to LATER


def test_a_menu_edit_of_an_entry_changed_meanwhile_is_refused_and_writes_nothing(
    db: Database,
) -> None:
    """The menu read the entry minutes ago (`expected`); another terminal
    tagged it since: saving the menu's version would lose that tag."""
    read_by_menu = saved(db)
    edit(db, read_by_menu.id, add_tag("from-the-other-terminal"), now=THEN)
    with pytest.raises(EditConflict) as refused:
        edit(db, read_by_menu.id, set_mood(1), expected=read_by_menu, now=LATER)
    short = read_by_menu.id[:8]
    assert str(refused.value) == messages.EDIT_CONFLICT.format(short_id=short)
    now_stored = load_checkin(db, read_by_menu.id)
    assert refused.value.current is not None
    assert refused.value.current.to_dict() == now_stored.to_dict()  # what the user is shown
    assert now_stored.mood == 5 and now_stored.tags == ["work", "from-the-other-terminal"]
    assert now_stored.edited_utc == THEN


def test_a_menu_edit_of_an_unchanged_entry_is_saved(db: Database) -> None:
    read_by_menu = saved(db)
    result = edit(db, read_by_menu.id, set_mood(1), expected=read_by_menu, now=LATER)
    assert result.changed is True
    assert load_checkin(db, read_by_menu.id).mood == 1


def test_a_menu_edit_of_an_entry_deleted_meanwhile_says_so(db: Database) -> None:
    read_by_menu = saved(db)
    delete_checkin(db, read_by_menu.id)
    with pytest.raises(EditConflict) as refused:
        edit(db, read_by_menu.id, set_mood(1), expected=read_by_menu, now=LATER)
    assert str(refused.value) == messages.EDIT_GONE.format(short_id=read_by_menu.id[:8])
    assert refused.value.current is None
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0


def test_a_flag_edit_of_a_missing_entry_names_it(db: Database) -> None:
    missing = "0a0a0a0a-9999-4000-8000-000000000009"
    with pytest.raises(InputError) as refused:
        edit(db, missing, set_mood(1))
    assert not isinstance(refused.value, EditConflict)
    assert str(refused.value) == messages.NO_SUCH_CHECKIN.format(id=missing)


def test_an_entry_whose_words_left_the_vocabulary_can_still_be_edited(db: Database) -> None:
    """A quality and region the vocabulary no longer has (a config since
    changed) stay valid for the entry that holds them, and only for the edit:
    the vocabulary itself is not changed."""
    entry = saved(db)
    old_words = Sensation("wrists", "crackly", 4)
    db.execute(
        "INSERT INTO sensations (checkin_id, position, region, side, quality, intensity, "
        "intensity_after, is_target) VALUES (?, 0, ?, NULL, ?, ?, NULL, 0)",
        [entry.id, old_words.region, old_words.quality, old_words.intensity],
    )
    vocabulary = default_vocabulary()
    assert "crackly" not in vocabulary.qualities and "wrists" not in vocabulary.regions
    result = edit(db, entry.id, set_mood(2), now=LATER)
    assert result.changed is True
    stored = load_checkin(db, entry.id)
    assert stored.mood == 2
    assert [(s.region, s.quality, s.intensity) for s in stored.sensations] == [
        ("wrists", "crackly", 4)
    ]
    assert "crackly" not in vocabulary.qualities and "wrists" not in vocabulary.regions
    assert None not in vocabulary.qualities


def test_bulk_insert_counts_every_checkin_across_its_batches(db: Database) -> None:
    checkins = [CheckIn(mood=n % 11) for n in range(5)]
    assert bulk_insert(db, checkins, chunk=2) == 5  # batches of 2, 2 and 1
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 5
