"""The guided check-in, driven through ScriptedPrompter: no terminal involved."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from serjournal import content, messages
from serjournal.errors import Interrupted, JournalError
from serjournal.flow import runner, stages
from serjournal.flow.runner import AnswersNotKept, Plan, describe_draft, plan_for, run_checkin
from serjournal.journal import Journal
from serjournal.models import CheckIn
from serjournal.paths import OutputError
from serjournal.store import drafts
from serjournal.store.checkins import count_checkins, load_checkin
from tests.draft_helpers import draft_files, newest_draft, only_draft, plant_draft
from tests.scripted import GONE, HANGUP, INTERRUPT, KEEP, ScriptedPrompter

ALL_STAGES = [s.key for s in content.STAGES]

# One answer per question, in the order a full check-in asks them.
ARRIVE = [True, 5]  # guided breaths to land: yes; settledness
CHECK_IN = [6, 4, 3, "a hard meeting"]  # mood, energy, distress, focus
BODY = [
    ["chest", "shoulders"],
    "tight",
    6,  # chest: quality, intensity
    "left",
    "tense",
    4,  # shoulders: side, quality, intensity
]
EMOTIONS = [
    ["fear", "joy"],
    ["anxious"],
    ["hopeful"],
    5,
    "chest",  # anxious: intensity, where
    3,
    "(skip)",  # hopeful: intensity, no region
    "",  # memory: skipped
]
DIALOGUE = ["left shoulders", "slow down", "rest", "a grey stone"]
RELEASE = ["Timed breathing", 2, 1]  # practice, target after, distress after
INTEGRATE = ["it softened", "breathe first", 7, ""]  # ..., closing mood, no new tags
FULL = ARRIVE + CHECK_IN + BODY + EMOTIONS + DIALOGUE + RELEASE + INTEGRATE


def table_counts(db: Database) -> dict[str, int]:
    return {
        name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in ("checkins", "sensations", "emotions", "answers", "tags")
    }


def run(db: Database, journal: Path, answers: list[Any], **kwargs: Any) -> tuple[Any, Any]:
    prompter = ScriptedPrompter(answers)
    saved = run_checkin(prompter, db, Journal(journal), **kwargs)
    assert prompter.answers == [], "the flow asked fewer questions than scripted"
    return prompter, saved


def test_full_checkin_runs_seven_stages_and_saves_everything(
    db: Database, journal_path: Path
) -> None:
    prompter, saved = run(db, journal_path, FULL)

    assert prompter.stages == ALL_STAGES
    loaded = load_checkin(db, saved.id)
    assert loaded.to_dict() == saved.to_dict()
    assert loaded.mode == "full"
    assert (loaded.settledness, loaded.mood, loaded.energy, loaded.distress) == (5, 6, 4, 3)
    assert [(s.region, s.side, s.quality, s.intensity) for s in loaded.sensations] == [
        ("chest", None, "tight", 6),
        ("shoulders", "left", "tense", 4),
    ]
    assert loaded.target is not None and loaded.target.region == "shoulders"
    assert loaded.target.intensity_after == 2
    assert [(e.name, e.family, e.intensity, e.region) for e in loaded.emotions] == [
        ("anxious", "fear", 5, "chest"),
        ("hopeful", "joy", 3, None),
    ]
    assert loaded.answers == {
        "focus": "a hard meeting",
        "speak": "slow down",
        "need": "rest",
        "image": "a grey stone",
        "shift": "it softened",
        "takeaway": "breathe first",
    }
    assert (loaded.practice, loaded.distress_after, loaded.closing_mood) == ("breath", 1, 7)
    settings = stages.FlowSettings()
    assert prompter.breaths == [settings.arrival_breath, settings.breath]
    assert loaded.practice_seconds == int(settings.breath.total_seconds)
    assert loaded.duration_seconds is not None and loaded.duration_seconds >= 0
    assert draft_files(journal_path) == []
    assert content.GROUNDING_CUE in prompter.said
    assert messages.HIGH_DISTRESS_NOTE not in prompter.said


def test_emotions_are_chosen_by_family_then_by_word(db: Database, journal_path: Path) -> None:
    prompter, _ = run(db, journal_path, FULL)
    multi = [q for kind, q in prompter.asked if kind == "choose_many"]
    assert multi[1] == messages.ASK_FAMILIES
    (hints,) = prompter.hints
    assert hints["fear"] == "anxious, worried, overwhelmed, insecure, panicky"
    assert multi[2:4] == [
        messages.ASK_FEELING_WORDS.format(family="fear"),
        messages.ASK_FEELING_WORDS.format(family="joy"),
    ]


def test_skipping_every_optional_prompt_still_saves(db: Database, journal_path: Path) -> None:
    answers: list[Any] = [False, None]  # no breaths, settledness skipped
    answers += [None, None, None, ""]  # ratings and focus skipped
    answers += [[]]  # nothing in the body scan
    answers += [[], ""]  # no feelings, no memory
    answers += ["", "", ""]  # dialogue, with no place to choose
    answers += ["No practice", None]  # no practice; distress after skipped (no target to re-rate)
    answers += ["", "", None, ""]  # integrate, with no tags
    prompter, saved = run(db, journal_path, answers)

    loaded = load_checkin(db, saved.id)
    assert loaded.sensations == [] and loaded.emotions == [] and loaded.answers == {}
    assert loaded.mood is None and loaded.closing_mood is None and loaded.practice == "none"
    assert prompter.breaths == []
    assert messages.NO_TARGET in prompter.said
    assert not any(kind == "choose" and q == messages.ASK_TARGET for kind, q in prompter.asked)


def test_one_sensation_becomes_the_target_without_asking(db: Database, journal_path: Path) -> None:
    answers = ARRIVE + CHECK_IN + [["belly"], "knotted", 7] + [[], ""]
    answers += ["it is too much", "", ""] + ["Hand on", True, 4, 2] + INTEGRATE
    prompter, saved = run(db, journal_path, answers)
    assert saved.target is not None and saved.target.region == "belly"
    assert saved.target.intensity_after == 4
    assert messages.REST_ON_TARGET.format(target="belly (knotted)") in prompter.said
    assert saved.practice == "hand" and saved.practice_seconds is not None
    assert messages.PRACTICE_GUIDES["hand"].format(place="belly") in prompter.said


def test_movement_practice_waits_until_the_user_is_ready(db: Database, journal_path: Path) -> None:
    answers = ARRIVE + CHECK_IN + [[]] + [[], ""] + ["", "", ""]
    answers += ["Gentle movement", False, False, True, 2] + INTEGRATE
    prompter, saved = run(db, journal_path, answers)
    asked_ready = [q for _, q in prompter.asked if q == messages.ASK_DONE_PRACTISING]
    assert len(asked_ready) == 3
    guide = messages.PRACTICE_GUIDES["movement"].format(place=messages.PRACTICE_PLACE_DEFAULT)
    assert guide in prompter.said
    assert saved.practice == "movement"


QUICK = [
    6,
    4,
    3,  # ratings
    ["chest", "hands"],
    "tight",
    6,  # chest
    "warm",
    2,  # hands: no side question in quick mode
    ["anxious", "content"],
    5,
    "chest",  # anxious, felt in the chest
    4,
    "(skip)",  # content
    "long day",
    "",  # no new tags
]


def test_quick_mode_is_short_and_saves(db: Database, journal_path: Path) -> None:
    prompter, saved = run(db, journal_path, QUICK, mode="quick")

    assert prompter.stages == ["quick"]
    loaded = load_checkin(db, saved.id)
    assert loaded.mode == "quick"
    assert [(s.region, s.side, s.intensity) for s in loaded.sensations] == [
        ("chest", None, 6),
        ("hands", None, 2),
    ]
    assert [(e.name, e.region) for e in loaded.emotions] == [
        ("anxious", "chest"),
        ("content", None),
    ]
    assert loaded.answers == {"note": "long day"}
    assert len(prompter.asked) == len(QUICK)  # every question counted: nothing extra
    assert not any("side" in q for _, q in prompter.asked)
    assert prompter.limits == [content.QUICK_MAX_SENSATIONS, content.QUICK_MAX_EMOTIONS]
    (groups,) = prompter.groups
    assert list(groups) == list(content.FAMILIES)
    assert groups["calm"] == ["peaceful", "safe", "relaxed", "grounded"]


def test_quick_mode_offers_only_scanned_regions_for_feelings(
    db: Database, journal_path: Path
) -> None:
    # No sensations: a feeling's region is not asked at all.
    prompter, saved = run(db, journal_path, [5, 5, 5, [], ["relieved"], 3, "", ""], mode="quick")
    assert saved.emotions[0].region is None
    assert not any(kind == "choose" for kind, _ in prompter.asked)


def test_quick_mode_asks_again_when_more_than_three_are_picked(
    db: Database, journal_path: Path
) -> None:
    too_many = ["chest", "belly", "throat", "head"]
    answers = [5, 5, 5, too_many, ["head"], "heavy", 3]
    answers += [["peaceful", "anxious", "safe", "hurt"], [], "", ""]
    prompter, saved = run(db, journal_path, answers, mode="quick")
    assert prompter.said.count(messages.PICK_AT_MOST.format(limit=3)) == 2
    assert [s.region for s in saved.sensations] == ["head"] and saved.emotions == []


@pytest.mark.parametrize(
    "stop", [INTERRUPT, HANGUP, GONE], ids=["ctrl-c", "closed-terminal", "terminal-gone"]
)
def test_stopping_at_a_middle_stage_keeps_a_draft_and_leaves_the_journal_alone(
    db: Database, journal_path: Path, stop: object
) -> None:
    before = table_counts(db)
    prompter = ScriptedPrompter(ARRIVE + CHECK_IN + BODY + [["fear"], stop])
    with pytest.raises(Interrupted) as stopped:
        run_checkin(prompter, db, Journal(journal_path))

    assert str(stopped.value) == messages.DRAFT_KEPT
    assert stopped.value.exit_code == 130
    assert table_counts(db) == before == dict.fromkeys(before, 0)
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == "emotions"
    assert draft.checkin["mood"] == 6 and draft.checkin["answers"] == {"focus": "a hard meeting"}
    assert [s["region"] for s in draft.checkin["sensations"]] == ["chest", "shoulders"]
    assert draft.path.stat().st_mode & 0o777 == 0o600


def test_resume_continues_at_the_stopped_stage_and_saves_once(
    db: Database, journal_path: Path
) -> None:
    first = ScriptedPrompter(ARRIVE + CHECK_IN + BODY + [INTERRUPT])
    with pytest.raises(Interrupted):
        run_checkin(first, db, Journal(journal_path))
    draft = newest_draft(journal_path)
    assert draft is not None

    prompter, saved = run(db, journal_path, EMOTIONS + DIALOGUE + RELEASE + INTEGRATE, draft=draft)
    assert prompter.stages == ["emotions", "dialogue", "release", "integrate"]
    assert saved.id == draft.checkin["id"]
    loaded = load_checkin(db, saved.id)
    assert loaded.mood == 6 and loaded.answers["focus"] == "a hard meeting"
    assert [e.name for e in loaded.emotions] == ["anxious", "hopeful"]
    assert loaded.target is not None and loaded.target.intensity_after == 2
    assert count_checkins(db) == 1
    assert newest_draft(journal_path) is None


def test_resume_of_a_quick_checkin_reruns_quick_mode(db: Database, journal_path: Path) -> None:
    with pytest.raises(Interrupted):
        run_checkin(ScriptedPrompter([6, 4, INTERRUPT]), db, Journal(journal_path), mode="quick")
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == "quick"
    # Enter on mood and energy keeps what the draft holds; the rest is typed.
    prompter, saved = run(db, journal_path, [KEEP, KEEP, *QUICK[2:]], draft=draft)
    assert prompter.stages == ["quick"] and saved.mode == "quick"
    assert (saved.mood, saved.energy) == (6, 4)
    assert load_checkin(db, saved.id).to_dict() == saved.to_dict()


def test_a_draft_stopped_at_saving_saves_without_asking(db: Database, journal_path: Path) -> None:
    checkin = CheckIn(mood=4)
    plant_draft(journal_path, checkin.to_dict(), runner.DONE)
    draft = newest_draft(journal_path)
    prompter, saved = run(db, journal_path, [], draft=draft)
    assert prompter.stages == [] and load_checkin(db, checkin.id).mood == 4


def test_a_draft_already_in_the_journal_is_removed_not_saved_twice(
    db: Database, journal_path: Path
) -> None:
    _, saved = run(db, journal_path, QUICK, mode="quick")
    plant_draft(journal_path, saved.to_dict(), runner.DONE)  # as if killed after COMMIT
    prompter, again = run(db, journal_path, [], draft=newest_draft(journal_path))
    assert again.id == saved.id and count_checkins(db) == 1
    assert messages.ALREADY_SAVED in prompter.said
    assert draft_files(journal_path) == []


def test_journal_error_at_save_keeps_the_draft_for_later(
    db: Database, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_save(*args: Any) -> None:
        raise JournalError("The journal at x is read-only; check its permissions and try again.")

    monkeypatch.setattr(runner, "save_checkin", failing_save)
    with pytest.raises(JournalError) as failed:
        run_checkin(ScriptedPrompter(QUICK), db, Journal(journal_path), mode="quick")
    assert str(only_draft(journal_path).path) in str(failed.value)
    assert "\n" not in str(failed.value)
    assert count_checkins(db) == 0

    monkeypatch.undo()
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == runner.DONE
    _, saved = run(db, journal_path, [], draft=draft)
    assert load_checkin(db, saved.id).answers == {"note": "long day"}


def test_when_the_draft_cannot_be_written_the_answers_travel_with_the_error(
    db: Database, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: Any) -> None:
        raise OutputError("Could not write the draft: No space left on device.")

    monkeypatch.setattr(drafts.DraftKeeper, "keep", no_space)
    with pytest.raises(AnswersNotKept) as stopped:
        run_checkin(ScriptedPrompter(ARRIVE + [6, 4, INTERRUPT]), db, Journal(journal_path))
    assert "No space left on device" in str(stopped.value)
    assert stopped.value.exit_code == 130
    assert stopped.value.unsaved["settledness"] == 5 and stopped.value.unsaved["mood"] == 6
    json.dumps(stopped.value.unsaved)  # printable as it is


def test_a_draft_that_cannot_be_written_does_not_stop_a_good_save(
    db: Database, journal_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_space(*args: Any) -> None:
        raise OutputError("Could not write the draft: No space left on device.")

    monkeypatch.setattr(drafts.DraftKeeper, "keep", no_space)
    _, saved = run(db, journal_path, QUICK, mode="quick")
    assert count_checkins(db) == 1 and saved.mood == 6


# --- High distress ------------------------------------------------------------------


def test_high_distress_at_start_offers_support_once(db: Database, journal_path: Path) -> None:
    answers = ARRIVE + [3, 2, 9, True, "everything"] + BODY + EMOTIONS + DIALOGUE
    answers += ["Timed breathing", 5, 9] + INTEGRATE  # still 9 after: not offered a second time
    prompter, saved = run(db, journal_path, answers)
    assert prompter.said.count(messages.HIGH_DISTRESS_NOTE) == 1
    assert [q for _, q in prompter.asked].count(messages.ASK_GROUNDING) == 1
    grounding = stages.FlowSettings().arrival_breath
    assert prompter.breaths.count(grounding) == 2  # landing breaths, then grounding
    assert load_checkin(db, saved.id).distress == 9


def test_high_distress_only_at_the_end_is_offered_there(db: Database, journal_path: Path) -> None:
    answers = ARRIVE + CHECK_IN + BODY + EMOTIONS + DIALOGUE
    answers += ["No practice", 5, 8, False] + INTEGRATE  # declined: no exercise
    prompter, saved = run(db, journal_path, answers)
    assert prompter.said.count(messages.HIGH_DISTRESS_NOTE) == 1
    note_at = prompter.said.index(messages.HIGH_DISTRESS_NOTE)
    assert prompter.said.index(content.GROUNDING_CUE) > note_at  # only the closing cue
    assert prompter.breaths == [stages.FlowSettings().arrival_breath]
    assert saved.distress_after == 8 and count_checkins(db) == 1


def test_high_distress_in_quick_mode_never_blocks_saving(db: Database, journal_path: Path) -> None:
    prompter, saved = run(db, journal_path, [2, 2, 10, False, [], [], "", ""], mode="quick")
    assert messages.HIGH_DISTRESS_NOTE in prompter.said and count_checkins(db) == 1


def test_support_is_not_offered_again_after_resuming(db: Database, journal_path: Path) -> None:
    first = ScriptedPrompter(ARRIVE + [3, 2, 9, False, "", INTERRUPT])
    with pytest.raises(Interrupted):
        run_checkin(first, db, Journal(journal_path))
    assert first.said.count(messages.HIGH_DISTRESS_NOTE) == 1
    rest = BODY + EMOTIONS + DIALOGUE + ["No practice", 5, 9] + INTEGRATE
    prompter, _ = run(db, journal_path, rest, draft=newest_draft(journal_path))
    assert messages.HIGH_DISTRESS_NOTE not in prompter.said


def test_support_is_offered_again_if_the_ratings_are_asked_again(
    db: Database, journal_path: Path
) -> None:
    # Stopped during the grounding offer itself: the ratings step runs again.
    first = ScriptedPrompter(ARRIVE + [3, 2, 9, INTERRUPT])
    with pytest.raises(Interrupted):
        run_checkin(first, db, Journal(journal_path))
    # Enter on the three ratings keeps them; grounding declined; focus skipped.
    rest = [KEEP, KEEP, KEEP, False, ""] + BODY + EMOTIONS + DIALOGUE + RELEASE + INTEGRATE
    prompter, saved = run(db, journal_path, rest, draft=newest_draft(journal_path))
    assert prompter.said.count(messages.HIGH_DISTRESS_NOTE) == 1
    assert (saved.mood, saved.energy, saved.distress) == (3, 2, 9)


# --- Plans and drafts -------------------------------------------------------------------


def test_plans_follow_the_configured_stages() -> None:
    assert plan_for("quick", stages.FlowSettings()).steps == ["quick"]
    short = stages.FlowSettings(stages=["checkin", "body", "integrate"])
    assert plan_for("full", short).steps == ["checkin", "body", "integrate"]
    assert Plan(["a", "b", "c"]).after("b") == ["b", "c"]
    assert Plan(["a", "b"]).after(runner.DONE) == []


def test_configured_stages_are_the_only_ones_asked(db: Database, journal_path: Path) -> None:
    settings = stages.FlowSettings(stages=["checkin", "integrate"])
    prompter, saved = run(db, journal_path, CHECK_IN + INTEGRATE, settings=settings)
    assert prompter.stages == ["checkin", "integrate"]
    assert saved.answers["takeaway"] == "breathe first"


def test_a_found_draft_is_described_in_local_time_and_by_stage_title(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "XYZ-02:00")  # POSIX: two hours east of UTC
    time.tzset()
    try:
        text = describe_draft(drafts.Draft(Path("d.json"), {}, "dialogue", "2026-11-24T21:05:00Z"))
        assert text == messages.DRAFT_FOUND.format(
            when="Tue 24 Nov, 23:05", stage="5/7  Dialogue and imagery"
        )
        saving = describe_draft(
            drafts.Draft(Path("d.json"), {}, runner.DONE, "2026-11-24T21:05:00Z")
        )
        assert messages.DRAFT_READY_TO_SAVE in saving
        quick = describe_draft(drafts.Draft(Path("d.json"), {}, "quick", "2026-11-24T21:05:00Z"))
        assert content.QUICK_STAGE.title in quick
    finally:
        if original is None:
            monkeypatch.delenv("TZ")
        else:
            monkeypatch.setenv("TZ", original)
        time.tzset()


@pytest.mark.parametrize("mode", ["full", "quick"])
def test_stopping_before_any_answer_keeps_no_empty_draft(
    db: Database, journal_path: Path, mode: str
) -> None:
    with pytest.raises(Interrupted) as stopped:
        run_checkin(ScriptedPrompter([INTERRUPT]), db, Journal(journal_path), mode=mode)
    assert str(stopped.value) == messages.STOPPED_NOTHING_KEPT
    assert draft_files(journal_path) == [] and count_checkins(db) == 0


def test_stopping_after_only_skips_removes_the_stage_drafts(
    db: Database, journal_path: Path
) -> None:
    skips: list[Any] = [False, None, None, None, None, "", []]  # stages 1-3, all skipped
    with pytest.raises(Interrupted) as stopped:
        run_checkin(ScriptedPrompter([*skips, INTERRUPT]), db, Journal(journal_path))
    assert str(stopped.value) == messages.STOPPED_NOTHING_KEPT
    assert draft_files(journal_path) == []


# Where each stage's answers start in FULL: a resumed check-in asks its stopped stage again.
STAGE_STARTS = [0, len(ARRIVE), len(ARRIVE + CHECK_IN), len(ARRIVE + CHECK_IN + BODY)]
STAGE_STARTS += [STAGE_STARTS[-1] + len(EMOTIONS)]
STAGE_STARTS += [STAGE_STARTS[-1] + len(DIALOGUE), STAGE_STARTS[-1] + len(DIALOGUE + RELEASE)]


def _comparable(checkin: CheckIn) -> dict[str, Any]:
    data = checkin.to_dict()
    for key in ("id", "created_utc", "local_date", "utc_offset_minutes", "duration_seconds"):
        data.pop(key)
    return data


@pytest.mark.parametrize("stop", range(len(FULL)))
def test_resume_with_enter_on_every_answer_already_given_keeps_them(
    db: Database, journal_path: Path, stop: int
) -> None:
    """Stopped at any question, resumed, Enter pressed on every question that
    was answered before the stop: the saved check-in is the one typed in one go."""
    _, straight = run(db, journal_path.with_name("straight.db"), FULL)
    with pytest.raises(Interrupted):
        run_checkin(ScriptedPrompter([*FULL[:stop], INTERRUPT]), db, Journal(journal_path))
    stage_start = max(start for start in STAGE_STARTS if start <= stop)
    script = [KEEP] * (stop - stage_start) + FULL[stop:]
    _, resumed = run(db, journal_path, script, draft=newest_draft(journal_path))
    assert _comparable(resumed) == _comparable(straight)
    assert _comparable(load_checkin(db, resumed.id)) == _comparable(straight)
