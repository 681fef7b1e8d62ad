"""How a check-in is shown: `show` stage by stage, and the summary after saving."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from sqlite_utils import Database

from serjournal import messages
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.render.console import make_console
from serjournal.render.entry import print_saved_summary, render_checkin, stage_sections
from serjournal.store.streaks import streaks
from serjournal.store.writes import save_checkin


def full_checkin() -> CheckIn:
    return CheckIn(
        settledness=5,
        mood=6,
        energy=4,
        distress=7,
        distress_after=3,
        closing_mood=7,
        practice="hand",
        practice_seconds=90,
        duration_seconds=412,
        sensations=[
            Sensation("chest", "tight", 6, intensity_after=2, is_target=True),
            Sensation("shoulders", "tense", 4, side="left"),
        ],
        emotions=[EmotionEntry("anxious", "fear", "unpleasant", "high", 5, "chest")],
        answers={
            "takeaway": "one [bold]thing[/bold]",
            "focus": "the meeting",
            "speak": "slow down\nplease",
            "note": "also this",
        },
        tags=["work"],
    )


def as_text(renderable: object) -> str:
    out = io.StringIO()
    make_console(file=out, width=100, no_color=True, highlight=False).print(renderable)
    return out.getvalue()


def test_sections_follow_the_seven_stages_in_order() -> None:
    sections = stage_sections(full_checkin())
    titles = [title for title, _ in sections]
    assert titles == [
        "1/7  Arrive and settle",
        "2/7  Check in",
        "3/7  Body scan",
        "4/7  Sensations and emotions",
        "5/7  Dialogue and imagery",
        "6/7  Unwind and release",
        "7/7  Integrate and ground",
        "Notes",
        "Tags",
    ]
    by_title = {title: [line.plain for line in lines] for title, lines in sections}
    assert by_title["2/7  Check in"][0] == "Mood 6/10   Energy 4/10   Distress 7/10"
    assert by_title["6/7  Unwind and release"] == [
        "Practice: hand, 90 s",
        "chest: 6/10 -> 2/10",
        "Distress: 7/10 -> 3/10",
    ]
    assert by_title["5/7  Dialogue and imagery"][:3] == [
        "Attention on: chest (tight)",
        "If this area could speak, what would it say?",
        "  slow down",
    ]
    assert by_title["Notes"] == ["Note", "  also this"]


def test_empty_stages_are_left_out_and_quick_mode_has_no_numbers() -> None:
    quick = CheckIn(mode="quick", mood=3, answers={"note": "tired"})
    titles = [title for title, _ in stage_sections(quick)]
    assert titles == ["Check in", "Notes"]


def test_show_prints_user_text_as_typed_with_the_footer() -> None:
    checkin = full_checkin()
    text = as_text(render_checkin(checkin))
    assert "one [bold]thing[/bold]" in text
    assert "took 6 min 52 s" in text and checkin.id in text
    assert "shoulders (left): tense 4" in text and "chest: tight 6 -> 2  [target]" in text


def test_an_entry_with_no_answers_says_so() -> None:
    assert "(no answers)" in as_text(render_checkin(CheckIn()))


def save_on(db: Database, days_ago: int) -> CheckIn:
    checkin = CheckIn(mood=5)
    checkin.set_time(datetime.now().astimezone() - timedelta(days=days_ago))
    save_checkin(db, checkin)
    return checkin


def summary(db: Database, checkin: CheckIn) -> str:
    out = io.StringIO()
    streak = streaks(db, date.today())
    print_saved_summary(checkin, streak, None, make_console(file=out, width=100, no_color=True))
    return out.getvalue()


def test_summary_shows_what_was_saved(db: Database) -> None:
    checkin = full_checkin()
    save_checkin(db, checkin)
    text = summary(db, checkin)
    assert messages.SAVED.format(short_id=checkin.id[:8], date=checkin.local_date) in text
    assert "distress 7/10 -> 3/10 after the practice" in text
    assert "anxious 5" in text and "work" in text


@pytest.mark.parametrize(
    ("earlier_days", "expected"),
    [
        ([], None),  # the very first check-in: nothing to say about streaks
        ([1, 2], messages.STREAK.format(days=3)),
        ([4, 5], messages.STREAK_ONE),  # back after a gap
    ],
)
def test_summary_streak_line(db: Database, earlier_days: list[int], expected: str | None) -> None:
    for days in earlier_days:
        save_on(db, days)
    text = summary(db, save_on(db, 0))
    for line in (messages.STREAK.format(days=3), messages.STREAK_ONE):
        assert (line in text) == (line == expected)


def test_a_second_checkin_today_is_not_welcomed_back(db: Database) -> None:
    save_on(db, 3)
    save_on(db, 0)
    assert messages.STREAK_ONE not in summary(db, save_on(db, 0))


def test_the_render_layer_never_queries_the_journal() -> None:
    """Rendering turns figures into text; reading them is the store's and the
    review's job (the streak after saving comes from store.streaks)."""
    from pathlib import Path

    import serjournal.render

    folder = Path(serjournal.render.__file__).parent
    for module in folder.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert ".execute(" not in source, module.name
        assert "Readable" not in source and "sqlite3" not in source, module.name
