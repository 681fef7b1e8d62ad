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
from serjournal.store import drafts, writes
from serjournal.store.checkins import count_checkins, load_checkin
from tests.draft_helpers import draft_files, newest_draft, only_draft, plant_draft
from tests.scripted import GONE, HANGUP, INTERRUPT, KEEP, ScriptedPrompter

ALL_STAGES = [s.key for s in content.STAGES]

# One answer per question, in the order a full check-in asks them.
ARRIVE = [True, 5]  # guided breaths to land: yes; settledness
CHECK_IN = [6, 4, 3, "a hard meeting"]  # mood, energy, distress, focus
BODY = [
    ["chest", "shoulders"],  # asked from head to feet: shoulders, then chest
    "left",
    "tense",
    4,  # shoulders: side, quality, intensity
    "tight",
    6,  # chest: quality, intensity
]
EMOTIONS = [
    ["anxious", "hopeful"],  # one list; asked in the vocabulary's order: joy before fear
    3,
    "(skip)",  # hopeful: intensity, no region
    5,
    "chest",  # anxious: intensity, where
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
        ("shoulders", "left", "tense", 4),
        ("chest", None, "tight", 6),
    ]
    assert loaded.target is not None and loaded.target.region == "shoulders"
    assert loaded.target.intensity_after == 2
    assert [(e.name, e.family, e.intensity, e.region) for e in loaded.emotions] == [
        ("hopeful", "joy", 3, None),
        ("anxious", "fear", 5, "chest"),
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


def test_emotions_are_one_list_under_family_headings_found_by_word_or_family(
    db: Database, journal_path: Path
) -> None:
    prompter, _ = run(db, journal_path, FULL)
    multi = [q for kind, q in prompter.asked if kind == "choose_many"]
    assert multi == [messages.ASK_REGIONS, messages.ASK_FEELINGS]
    feelings = prompter.groups[
        [k for k, _ in prompter.asked if k.startswith("choose")].index("choose_many", 1)
    ]
    assert list(feelings) == list(content.FAMILIES)
    assert feelings["fear"][:4] == ["scared", "terrified", "anxious", "worried"]
    find = prompter.finds[prompter.groups.index(feelings)]
    assert find is not None
    names = [name for group in feelings.values() for name in group]
    assert find("anx", names)[0] == "anxious"
    tired = find("tired", names)  # a family finds its words, the word named first
    assert tired[:3] == ["tired", "exhausted", "drained"] and "numb" in tired
    assert find("hop", names)[:2] == ["hopeful", "hopeless"]
    # Everyday words find the word they mean (issue 11's synonyms).
    assert find("stressed", names)[0] == "tense"
    assert find("pissed off", names)[0] == "angry"
    assert find("", names) == names  # nothing typed: the list as it is


def test_skipping_every_optional_prompt_still_saves(db: Database, journal_path: Path) -> None:
    answers: list[Any] = [False, None]  # no breaths, settledness skipped
    answers += [None, None, None, ""]  # ratings and focus skipped
    answers += [[]]  # nothing in the body scan
    answers += [[], ""]  # no feelings, no memory
    answers += ["", "", ""]  # dialogue, with no place to choose (distress unknown: asked)
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
    answers = ARRIVE + CHECK_IN + [[]] + [[], ""]
    answers += [True]  # nothing in the body, distress low: go on to dialogue and release anyway
    answers += ["", "", ""] + ["Gentle movement", False, False, True, 2] + INTEGRATE
    prompter, saved = run(db, journal_path, answers)
    asked_ready = [q for _, q in prompter.asked if q == messages.ASK_DONE_PRACTISING]
    assert len(asked_ready) == 3
    guide = messages.PRACTICE_GUIDES["movement"].format(place=messages.PRACTICE_PLACE_DEFAULT)
    assert guide in prompter.said
    assert saved.practice == "movement"


QUICK = [
    [6, 4, 3],  # mood, energy, distress in one line
    ["chest", "hands"],
    "tight",
    6,  # chest
    "warm",
    2,  # hands: no side question in quick mode
    ["anxious", "content"],
    4,
    "(skip)",  # content (joy comes before fear)
    5,
    "chest",  # anxious, felt in the chest
    "long day",
    "",  # no tags
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
        ("content", None),
        ("anxious", "chest"),
    ]
    assert (loaded.mood, loaded.energy, loaded.distress) == (6, 4, 3)
    assert loaded.answers == {"note": "long day"}
    assert len(prompter.asked) == len(QUICK)  # every question counted: nothing extra
    assert prompter.asked[0] == ("ratings", "mood energy distress")
    assert not any("side" in q for _, q in prompter.asked)
    assert prompter.limits == [content.QUICK_MAX_SENSATIONS, content.QUICK_MAX_EMOTIONS]
    feelings = prompter.groups[
        [q for k, q in prompter.asked if k.startswith("choose")].index(messages.ASK_FEELINGS)
    ]
    assert list(feelings) == list(content.FAMILIES)
    assert feelings["calm"] == [
        *("calm", "peaceful", "relaxed", "safe", "comfortable"),
        *("grounded", "rested", "patient", "accepting"),
    ]


def test_quick_mode_offers_only_scanned_regions_for_feelings(
    db: Database, journal_path: Path
) -> None:
    # No sensations: a feeling's region is not asked at all.
    prompter, saved = run(db, journal_path, [[5, 5, 5], [], ["relieved"], 3, "", ""], mode="quick")
    assert saved.emotions[0].region is None
    assert not any(kind == "choose" for kind, _ in prompter.asked)


def test_quick_mode_asks_again_when_more_than_three_are_picked(
    db: Database, journal_path: Path
) -> None:
    too_many = ["chest", "belly", "throat", "head"]
    answers = [[5, 5, 5], too_many, ["head"], "heavy", 3]
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
    prompter = ScriptedPrompter(ARRIVE + CHECK_IN + BODY + [["anxious"], stop])
    with pytest.raises(Interrupted) as stopped:
        run_checkin(prompter, db, Journal(journal_path))

    assert str(stopped.value) == messages.DRAFT_KEPT
    assert stopped.value.exit_code == 130
    assert table_counts(db) == before == dict.fromkeys(before, 0)
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == "emotions"
    assert draft.checkin["mood"] == 6 and draft.checkin["answers"] == {"focus": "a hard meeting"}
    assert [s["region"] for s in draft.checkin["sensations"]] == ["shoulders", "chest"]
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
    assert [e.name for e in loaded.emotions] == ["hopeful", "anxious"]
    assert loaded.target is not None and loaded.target.intensity_after == 2
    assert count_checkins(db) == 1
    assert newest_draft(journal_path) is None


def test_resume_of_a_quick_checkin_reruns_quick_mode(db: Database, journal_path: Path) -> None:
    with pytest.raises(Interrupted):
        run_checkin(
            ScriptedPrompter([[6, 4, 3], INTERRUPT]), db, Journal(journal_path), mode="quick"
        )
    draft = newest_draft(journal_path)
    assert draft is not None and draft.stage == "quick"
    # Enter on the one-line ratings keeps what the draft holds; the rest is typed.
    prompter, saved = run(db, journal_path, [KEEP, *QUICK[1:]], draft=draft)
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

    monkeypatch.setattr(writes, "save_checkin", failing_save)  # the runner imports it to save
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


def test_high_distress_at_start_offers_support_with_the_users_own_line(
    db: Database, journal_path: Path
) -> None:
    settings = stages.FlowSettings(support_line="Call Sam: 555 0134")
    answers = ARRIVE + [3, 2, 9, True, "everything"] + BODY + EMOTIONS + DIALOGUE
    answers += RELEASE + INTEGRATE  # distress 1 after, closing mood 7: nothing at the close
    prompter, saved = run(db, journal_path, answers, settings=settings)
    personal = messages.SUPPORT_PERSONAL.format(line="Call Sam: 555 0134")
    note = prompter.said.index(messages.HIGH_DISTRESS_NOTE)
    assert prompter.said[note + 1] == personal
    # Grounding: the feet while following the bar; the senses only once the bar is gone.
    grounding = stages.FlowSettings().arrival_breath
    assert prompter.cues == ["", content.GROUNDING_FEET, ""]  # landing, grounding, release
    assert prompter.breaths[1] == grounding
    assert prompter.said[note + 2] == content.GROUNDING_SENSES
    assert messages.CLOSING_SUPPORT_NOTE not in prompter.said
    assert load_checkin(db, saved.id).distress == 9


class CountingPrompter(ScriptedPrompter):
    """Notes how many check-ins the journal holds when each question is asked."""

    def __init__(self, answers: list[Any], db: Database) -> None:
        super().__init__(answers)
        self.db = db
        self.saved_when_asked: dict[str, int] = {}

    def confirm(self, question: str, default: bool = True) -> bool:
        self.saved_when_asked[question] = count_checkins(self.db)
        return super().confirm(question, default)


@pytest.mark.parametrize(
    ("release", "closing", "feeling"),
    [
        (["No practice", 5, 9], 7, [3, "(skip)"]),  # distress after the practice: 9
        (["No practice", 5, 2], 1, [3, "(skip)"]),  # the closing mood: 1
        (["No practice", 5, 2], 7, [9, "(skip)"]),  # hopeless, felt at 9
    ],
    ids=["distress-after", "closing-mood", "hopeless"],
)
def test_a_heavy_close_ends_with_support_after_saving_and_before_the_summary(
    db: Database, journal_path: Path, release: list[Any], closing: int, feeling: list[Any]
) -> None:
    settings = stages.FlowSettings(support_line="My sister, 555 0199")
    emotions = [["hopeless"], *feeling, ""]
    integrate = ["", "", closing, ""]
    answers = ARRIVE + CHECK_IN + BODY + emotions + DIALOGUE + release + integrate + [True]
    prompter = CountingPrompter(answers, db)
    saved = run_checkin(prompter, db, Journal(journal_path), settings=settings)
    assert prompter.answers == []
    # The last things said: the note, the user's line, then the grounding offer taken.
    closing_note = prompter.said.index(messages.CLOSING_SUPPORT_NOTE)
    assert prompter.said[closing_note + 1] == messages.SUPPORT_PERSONAL.format(
        line="My sister, 555 0199"
    )
    assert prompter.asked[-1] == ("confirm", messages.ASK_GROUNDING_CLOSE)
    assert prompter.said[-1] == content.GROUNDING_SENSES
    assert prompter.cues[-1] == content.GROUNDING_FEET
    # Saved before the offer: nothing at the close can keep it from the journal.
    assert prompter.saved_when_asked[messages.ASK_GROUNDING_CLOSE] == 1
    assert load_checkin(db, saved.id).to_dict() == saved.to_dict()
    assert messages.HIGH_DISTRESS_NOTE not in prompter.said  # distress was 3 at the start


def test_a_calm_close_says_nothing_more(db: Database, journal_path: Path) -> None:
    emotions = [["hopeless"], 7, "(skip)", ""]  # hopeless, but not strongly: 7
    answers = ARRIVE + CHECK_IN + BODY + emotions + DIALOGUE + ["No practice", 5, 7]
    prompter, _ = run(db, journal_path, answers + ["", "", 3, ""])  # distress 7, mood 3
    assert messages.CLOSING_SUPPORT_NOTE not in prompter.said
    assert messages.ASK_GROUNDING_CLOSE not in [q for _, q in prompter.asked]


@pytest.mark.parametrize("stop", [INTERRUPT, HANGUP, GONE])
def test_stopping_at_the_closing_offer_keeps_the_saved_checkin(
    db: Database, journal_path: Path, stop: object
) -> None:
    answers = ARRIVE + CHECK_IN + BODY + EMOTIONS + DIALOGUE + ["No practice", 5, 9]
    prompter, saved = run(db, journal_path, answers + INTEGRATE + [stop])
    assert count_checkins(db) == 1 and load_checkin(db, saved.id).distress_after == 9
    assert draft_files(journal_path) == []
    assert messages.CLOSING_SUPPORT_NOTE in prompter.said


def test_high_distress_in_quick_mode_never_blocks_saving(db: Database, journal_path: Path) -> None:
    prompter, saved = run(db, journal_path, [[2, 2, 10], False, [], [], "", ""], mode="quick")
    assert messages.HIGH_DISTRESS_NOTE in prompter.said and count_checkins(db) == 1


def test_a_strong_hopeless_feeling_in_quick_mode_gets_support_at_the_close(
    db: Database, journal_path: Path
) -> None:
    answers = [[5, 5, 5], [], ["overwhelmed"], 9, "", "", False]
    prompter, saved = run(db, journal_path, answers, mode="quick")
    assert messages.CLOSING_SUPPORT_NOTE in prompter.said and count_checkins(db) == 1
    assert messages.HIGH_DISTRESS_NOTE not in prompter.said


def test_support_is_not_offered_again_after_resuming(db: Database, journal_path: Path) -> None:
    first = ScriptedPrompter(ARRIVE + [3, 2, 9, False, "", INTERRUPT])
    with pytest.raises(Interrupted):
        run_checkin(first, db, Journal(journal_path))
    assert first.said.count(messages.HIGH_DISTRESS_NOTE) == 1
    rest = BODY + EMOTIONS + DIALOGUE + ["No practice", 5, 9] + INTEGRATE + [False]
    prompter, _ = run(db, journal_path, rest, draft=newest_draft(journal_path))
    assert messages.HIGH_DISTRESS_NOTE not in prompter.said
    assert messages.CLOSING_SUPPORT_NOTE in prompter.said  # the close is another moment


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
