"""answers.checkin_from_flags and drafts.keep_unsaved, called directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from serjournal import messages
from serjournal.answers import checkin_from_flags
from serjournal.errors import InputError
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.store import drafts

NO_FLAGS: dict = {"tags": [], "answers": {}}


def test_flags_become_a_checked_checkin_with_the_first_sensation_as_target() -> None:
    given = {
        "mood": "6",
        "distress": "3",
        "practice_seconds": "90",
        "sensations": ["jaw:tense:4", "chest:tight:6:3"],
        "emotions": ["anxious:5:chest"],
        "tags": ["work"],
        "answers": {"takeaway": "slow down", "focus": None},
    }
    checkin = checkin_from_flags(given, quick=False)
    assert (checkin.mode, checkin.mood, checkin.distress, checkin.practice_seconds) == (
        "full", 6, 3, 90,
    )  # fmt: skip
    assert [(s.region, s.is_target) for s in checkin.sensations] == [
        ("face and jaw", True),
        ("chest", False),
    ]
    assert checkin.answers == {"takeaway": "slow down"} and checkin.tags == ["work"]


def test_target_picks_the_named_region_and_quick_mode_has_none_by_default() -> None:
    two = {"sensations": ["jaw:tense:4", "chest:tight:6"], "tags": [], "answers": {}}
    aimed = checkin_from_flags(two, quick=False, target="chest")
    assert [s.is_target for s in aimed.sensations] == [False, True]
    quick = checkin_from_flags(two, quick=True)
    assert quick.mode == "quick" and not any(s.is_target for s in quick.sensations)


def test_quick_limits_and_bad_seconds_are_refused() -> None:
    four = {**NO_FLAGS, "emotions": ["peaceful:1", "safe:1", "tender:1", "curious:1"]}
    with pytest.raises(InputError, match="at most 3 emotions"):
        checkin_from_flags(four, quick=True)
    with pytest.raises(InputError, match="whole number of seconds"):
        checkin_from_flags({**NO_FLAGS, "practice_seconds": "²"}, quick=False)


def test_a_json_document_takes_only_tags_from_the_flags() -> None:
    document = {"mood": 7, "tags": ["home"]}
    checkin = checkin_from_flags(
        {**NO_FLAGS, "tags": ["evening", "home"]}, quick=False, document=document
    )
    assert checkin.mood == 7 and checkin.tags == ["home", "evening"]
    with pytest.raises(InputError):
        checkin_from_flags({**NO_FLAGS, "mood": "5"}, quick=False, document=document)


def test_at_records_an_earlier_moment_and_refuses_the_future() -> None:
    earlier = checkin_from_flags(NO_FLAGS, quick=False, at="2026-01-02T21:00+01:00")
    assert (earlier.local_date, earlier.utc_offset_minutes) == ("2026-01-02", 60)
    with pytest.raises(InputError, match="future"):
        checkin_from_flags(NO_FLAGS, quick=False, at="2999-01-01")


def test_keep_unsaved_keeps_each_checkin_as_its_own_draft(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.db")
    first, second = CheckIn(mood=1), CheckIn(mood=2)
    kept_first = drafts.keep_unsaved(journal, first.to_dict(), "save")
    kept_second = drafts.keep_unsaved(journal, second.to_dict(), "save")
    assert kept_first is not None and kept_second is not None and kept_first != kept_second
    # The same check-in again never replaces the draft already waiting for it.
    assert drafts.keep_unsaved(journal, {**first.to_dict(), "mood": 9}, "save") is None
    waiting = {d.checkin["id"]: d.checkin["mood"] for d in drafts.waiting_drafts(journal)}
    assert waiting == {first.id: 1, second.id: 2}
    assert kept_first.stat().st_mode & 0o777 == 0o600


def test_an_emotion_family_given_as_an_emotion_lists_its_words() -> None:
    with pytest.raises(InputError) as raised:
        checkin_from_flags({**NO_FLAGS, "emotions": ["disgust:4"]}, quick=False)
    assert str(raised.value) == (
        "'disgust' is a family of feelings; name one of its words: disgusted, repulsed, averse, "
        "contemptuous, appalled, disapproving, nauseated, loathing."
    )


def test_id_with_a_json_document_fills_it_in_or_must_match_it() -> None:
    """--id names the check-in a script is saving; with --from-json it gives a
    document without an id its id, and must agree with a document that has one."""
    wanted = "0a0a0a0a-3333-4000-8000-000000000003"
    other = "0a0a0a0a-4444-4000-8000-000000000004"
    without_id = checkin_from_flags({"id": wanted}, quick=False, document={"mood": 4})
    assert (without_id.id, without_id.mood) == (wanted, 4)
    same = checkin_from_flags(
        {"id": wanted.upper()}, quick=False, document={"id": wanted, "mood": 4}
    )
    assert same.id == wanted
    with pytest.raises(InputError) as refused:
        checkin_from_flags({"id": wanted}, quick=False, document={"id": other, "mood": 4})
    assert str(refused.value) == messages.ID_MISMATCH.format(given=wanted, document=other)
