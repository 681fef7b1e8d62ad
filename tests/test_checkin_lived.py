"""The daily check-in as lived (issue 10): the user's own history in the flow,
safety at the close on every path that records distress, the loop that
closes, the summary's words, colours and the config."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from serjournal import content, messages, support
from serjournal.cli import app
from serjournal.flow import stages
from serjournal.flow.runner import run_checkin
from serjournal.history_line import context_line, ordinal
from serjournal.journal import Journal
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.render import theme
from serjournal.render.console import make_console
from serjournal.render.entry import print_saved_summary, render_checkin
from serjournal.store import habits
from serjournal.store.checkins import load_checkin
from serjournal.store.streaks import streaks
from tests.journal_builder import add
from tests.scripted import KEEP, ScriptedPrompter

TODAY = date(2026, 11, 25)
runner = CliRunner()


def invoke(*args: str, stdin: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=stdin)


def as_text(renderable: object, width: int = 100) -> str:
    out = io.StringIO()
    make_console(file=out, width=width, no_color=True).print(renderable)
    return out.getvalue()


# --- The user's own history (store/habits.py) -------------------------------------------------


def test_frequent_choices_count_the_last_sixty_days_only(db: Database) -> None:
    for days_ago in (0, 10, 59):
        add(db, TODAY - timedelta(days=days_ago), sensations=[("chest", "tight", 5)],
            emotions=[("anxious", 4)], tags=["work"])  # fmt: skip
    add(db, TODAY - timedelta(days=3), sensations=[("belly", "knotted", 3)], tags=["walk"])
    add(db, TODAY - timedelta(days=60), sensations=[("head", "heavy", 5)], tags=["old"])
    frequent = habits.frequent_choices(db, TODAY)
    assert frequent.regions == {"chest": 3, "belly": 1}
    assert frequent.qualities == {"tight": 3, "knotted": 1}
    assert frequent.emotions == {"anxious": 3}
    assert frequent.tags == {"work": 3, "walk": 1}


def test_last_time_is_the_previous_checkin_with_what_each_place_was_like(db: Database) -> None:
    assert habits.last_time(db) is None
    add(db, "2026-11-23", sensations=[("throat", "tight", 2)])
    add(db, "2026-11-24", sensations=[("chest", "pressure", 5), ("belly", "knotted", 3)])
    last = habits.last_time(db)
    assert last == habits.LastTime(
        ["chest", "belly"], "Tue 24 Nov", {"chest": "pressure", "belly": "knotted"}
    )
    add(db, "2026-11-24", hour=20)  # the latest noticed nothing: nothing to pre-check
    assert habits.last_time(db) is None


def test_yesterdays_intention_and_takeaway_are_carried(db: Database) -> None:
    assert habits.carried_from_yesterday(db, TODAY) is None
    morning = CheckIn(answers={"focus": "say no to one thing"})
    morning.set_time(morning.created_utc.replace(year=2026, month=11, day=24, hour=8))
    from serjournal.store.writes import save_checkin

    save_checkin(db, morning)
    add(db, "2026-11-24", hour=21, takeaway="breathe out longer")
    add(db, "2026-11-23", hour=21, takeaway="not yesterday")
    carried = habits.carried_from_yesterday(db, TODAY)
    assert carried == habits.Carried(focus="say no to one thing", takeaway="breathe out longer")
    # Once today's first check-in has said how it went, a second one does not ask again.
    earlier_today = add(db, TODAY, hour=8)
    assert habits.carried_from_yesterday(db, TODAY) is not None  # it said nothing about it
    later = CheckIn(answers={"followup": "it went well"})
    later.set_time(earlier_today.local_time.replace(hour=12))
    save_checkin(db, later)
    assert habits.carried_from_yesterday(db, TODAY) is None


# --- In the flow ------------------------------------------------------------------------------


def flow(db: Database, journal: Path, answers: list[Any], **kwargs: Any) -> Any:
    prompter = ScriptedPrompter(answers)
    saved = run_checkin(prompter, db, Journal(journal), **kwargs)
    assert prompter.answers == [], "asked fewer questions than scripted"
    return prompter, saved


def test_the_users_own_words_come_first_under_their_own_heading(
    db: Database, journal_path: Path
) -> None:
    settings = stages.FlowSettings(
        frequent=habits.Frequent(
            regions={"belly": 4, "chest": 4, "feet": 1},
            qualities={"knotted": 2},
            emotions={"worried": 3, "tender": 1},
        )
    )
    answers = [[5, 5, 2], ["belly"], "knotted", 3, ["worried"], 4, "belly", "", ""]
    prompter, _ = flow(db, journal_path, answers, mode="quick", settings=settings)
    regions, quality, feelings = prompter.groups[0], prompter.groups[1], prompter.groups[2]
    assert regions[messages.GROUP_YOURS] == ["chest", "belly", "feet"]  # ties: head to feet
    assert regions[messages.GROUP_OTHERS][:2] == ["head", "face and jaw"]
    assert quality[messages.GROUP_YOURS] == ["knotted"]
    assert list(feelings)[:2] == [messages.GROUP_YOURS, "joy"]
    assert feelings[messages.GROUP_YOURS] == ["worried", "tender"]
    assert "worried" not in feelings["fear"]  # shown once


def test_last_times_places_are_picked_and_enter_keeps_them_and_their_qualities(
    db: Database, journal_path: Path
) -> None:
    last = habits.LastTime(["belly", "chest"], "Tue 24 Nov", {"chest": "tight", "belly": "knotted"})
    settings = stages.FlowSettings(last_time=last)
    answers = [[5, 5, 2], KEEP, KEEP, 4, KEEP, 3, [], "", ""]
    prompter, saved = flow(db, journal_path, answers, mode="quick", settings=settings)
    assert messages.SAME_PLACES.format(day="Tue 24 Nov", regions="belly, chest") in prompter.said
    assert prompter.defaults[0] == ["belly", "chest"]
    assert [(s.region, s.quality, s.intensity) for s in saved.sensations] == [
        ("chest", "tight", 4),
        ("belly", "knotted", 3),
    ]


def test_last_time_is_cut_to_the_quick_limit_and_unused_when_resuming_places(
    db: Database, journal_path: Path
) -> None:
    last = habits.LastTime(["head", "throat", "chest", "belly"], "Mon 23 Nov")
    prompter, _ = flow(
        db, journal_path, [[5, 5, 2], [], [], "", ""], mode="quick",
        settings=stages.FlowSettings(last_time=last),
    )  # fmt: skip
    assert prompter.defaults[0] == ["head", "throat", "chest"]
    # Editing (or resuming) a check-in that holds places: its own places, not last time's.
    session = stages.Session(
        ScriptedPrompter([KEEP, KEEP, KEEP]),
        CheckIn(sensations=[Sensation("feet", "cold", 2)]),
        default_vocabulary(),
        stages.FlowSettings(last_time=last),
    )
    stages.body_scan(session, limit=3)
    assert [s.region for s in session.checkin.sensations] == ["feet"]
    assert not session.prompter.said  # type: ignore[attr-defined]


@pytest.mark.parametrize("distress", [0, content.LOW_DISTRESS])
def test_calm_and_nothing_in_the_body_offers_dialogue_and_release_in_one_line(
    db: Database, journal_path: Path, distress: int
) -> None:
    answers = [False, None, 6, 6, distress, "", [], [], "", False, "", "", 7, ""]
    prompter, saved = flow(db, journal_path, answers)
    assert prompter.stages == ["arrive", "checkin", "body", "emotions", "integrate"]
    assert ("confirm", messages.ASK_DIALOGUE_AND_RELEASE) in prompter.asked
    assert saved.practice is None and saved.distress_after is None


@pytest.mark.parametrize(("distress", "body"), [(4, []), (None, []), (2, [["chest"], "tight", 3])])
def test_dialogue_and_release_are_walked_through_otherwise(
    db: Database, journal_path: Path, distress: int | None, body: list[Any]
) -> None:
    answers = [False, None, 6, 6, distress, "", *(body or [[]]), [], ""]
    answers += ["", "", ""] + ["No practice", *([1] if body else []), None] + ["", "", 7, ""]
    prompter, _ = flow(db, journal_path, answers)
    assert "dialogue" in prompter.stages and "release" in prompter.stages
    assert ("confirm", messages.ASK_DIALOGUE_AND_RELEASE) not in prompter.asked


def test_yesterdays_intention_is_shown_and_how_it_went_is_kept_and_shown(
    db: Database, journal_path: Path
) -> None:
    settings = stages.FlowSettings(
        carried=habits.Carried(focus="say no\x1b[2J to one thing", takeaway="breathe")
    )
    answers = [False, 5, "I said no twice", 6, 6, 2, "", [], [], "", False, "", "", 7, ""]
    prompter, saved = flow(db, journal_path, answers, settings=settings)
    assert prompter.said[:2] == [
        messages.CARRIED_FOCUS.format(text="say no␛[2J to one thing"),  # shown, never obeyed
        messages.CARRIED_TAKEAWAY.format(text="breathe"),
    ]
    assert ("text", content.FOLLOWUP.question) in prompter.asked
    stored = load_checkin(db, saved.id)
    assert stored.answers["followup"] == "I said no twice"
    shown = as_text(render_checkin(stored))
    arrive = shown.split("1/7  Arrive and settle")[1].split("2/7")[0]
    assert messages.FOLLOWUP_LABEL in arrive and "I said no twice" in arrive


def test_without_yesterdays_words_nothing_is_asked_and_enter_skips(
    db: Database, journal_path: Path
) -> None:
    quick = [[5, 5, 2], [], [], "", ""]
    prompter, _ = flow(db, journal_path, quick, mode="quick")
    assert ("text", content.FOLLOWUP.question) not in prompter.asked
    settings = stages.FlowSettings(carried=habits.Carried(takeaway="rest"))
    prompter, saved = flow(db, journal_path, ["", *quick], mode="quick", settings=settings)
    assert prompter.asked[0] == ("text", content.FOLLOWUP.question)  # first, one key to skip
    assert "followup" not in saved.answers


def test_the_rerating_reminds_of_the_earlier_values_without_nested_brackets(
    db: Database, journal_path: Path
) -> None:
    answers = [False, None, 6, 6, 5, "", ["chest"], "pressure", 6, [], ""]
    answers += ["", "", "", "No practice", 3, 2, "", "", 7, ""]
    prompter, _ = flow(db, journal_path, answers)
    assert ("rating", "intensity (chest, pressure, now; it was 6)") in prompter.asked
    assert ("rating", "distress (now; it was 5)") in prompter.asked


# --- The summary after saving -------------------------------------------------------------


def summary(db: Database, checkin: CheckIn) -> str:
    out = io.StringIO()
    print_saved_summary(
        checkin,
        streaks(db, date.today()),
        context_line(db, checkin),
        make_console(file=out, width=100, no_color=True),
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("practice", "words"),
    [("none", "-> 9/10 when rated again"), (None, "-> 9/10 when rated again"),
     ("breath", "-> 9/10 after the practice")],
)  # fmt: skip
def test_the_summary_says_after_the_practice_only_after_one(
    db: Database, practice: str | None, words: str
) -> None:
    checkin = add(db, TODAY, distress=9, practice=practice, distress_after=9)
    assert words in summary(db, checkin)


def test_one_line_of_context_with_its_numbers_when_there_is_enough(db: Database) -> None:
    for days_ago in (20, 15, 10, 6, 3):
        add(db, TODAY - timedelta(days=days_ago), practice="breath",
            sensations=[("chest", "pressure", 6, 4, True)])  # fmt: skip
    today = add(db, TODAY, sensations=[("chest", "pressure", 5)])
    line = context_line(db, today)
    assert line == messages.CONTEXT_LINE.format(
        subject="chest, pressure",
        facts="3rd time in the last 7 days; "
        + messages.CONTEXT_EASED.format(practice="breath", drop=2.0, n=5),
    )
    assert line is not None
    assert " ".join(line.split()) in " ".join(summary(db, today).split())  # printed after saving


def test_no_context_without_enough_data(db: Database) -> None:
    add(db, TODAY - timedelta(days=1), sensations=[("chest", "pressure", 6, 5, True)],
        practice="breath")  # fmt: skip
    today = add(db, TODAY, sensations=[("chest", "pressure", 5)], emotions=[("anxious", 4)])
    assert context_line(db, today) is None
    assert "time in the last 7 days" not in summary(db, today)


def test_context_falls_back_to_the_strongest_feeling(db: Database) -> None:
    for days_ago in (2, 1):
        add(db, TODAY - timedelta(days=days_ago), emotions=[("anxious", 4)])
    today = add(db, TODAY, emotions=[("content", 2), ("anxious", 6)])
    assert context_line(db, today) == "anxious: 3rd time in the last 7 days."


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th"
    ]  # fmt: skip


# --- Safety: every path that records high distress ------------------------------------------


def entry(**fields: Any) -> CheckIn:
    return CheckIn(**fields)


def test_support_reasons_at_start_and_at_close() -> None:
    hopeless = EmotionEntry("hopeless", "sadness", "unpleasant", "low", 9)
    assert support.reasons(entry(distress=8)) == {"distress"}
    assert support.reasons(entry(distress=7, distress_after=7, closing_mood=3)) == set()
    assert support.reasons_at_close(entry(distress_after=9)) == {"distress_after"}
    assert support.reasons_at_close(entry(closing_mood=2)) == {"closing_mood"}
    assert support.reasons_at_close(entry(emotions=[hopeless])) == {"emotion:hopeless"}
    strong = EmotionEntry("overwhelmed", "fear", "unpleasant", "high", content.STRONG_FEELING)
    assert support.reasons_at_close(entry(emotions=[strong])) == {"emotion:overwhelmed"}
    assert support.reasons(entry(distress_after=content.HIGH_DISTRESS)) == {"distress_after"}
    mild = EmotionEntry("hopeless", "sadness", "unpleasant", "low", 7)
    anxious = EmotionEntry("anxious", "fear", "unpleasant", "high", 10)
    assert support.reasons_at_close(entry(emotions=[mild, anxious])) == set()


def config_with_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('support_line = "Call Sam: 555 0134"\n')
    monkeypatch.setenv("SERJOURNAL_CONFIG", str(config))


PERSONAL = messages.SUPPORT_PERSONAL.format(line="Call Sam: 555 0134")


@pytest.mark.parametrize(
    ("flags", "note"),
    [
        (["--distress", "9"], messages.HIGH_DISTRESS_NOTE),
        (["--distress", "3", "--distress-after", "8"], messages.CLOSING_SUPPORT_NOTE),
        (["--closing-mood", "1"], messages.CLOSING_SUPPORT_NOTE),
        (["--emotion", "hopeless:9"], messages.CLOSING_SUPPORT_NOTE),
    ],
    ids=["start", "after", "closing-mood", "hopeless"],
)
def test_flags_that_record_high_distress_print_the_note_and_the_users_line(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    flags: list[str], note: str,
) -> None:  # fmt: skip
    config_with_line(tmp_path, monkeypatch)
    result = invoke("checkin", "--db", str(journal_path), *flags)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert note in lines and lines[lines.index(note) + 1] == PERSONAL
    assert sqlite3.connect(journal_path).execute("SELECT count(*) FROM checkins").fetchone() == (1,)


def test_json_that_records_a_heavy_close_prints_the_note(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_with_line(tmp_path, monkeypatch)
    document = json.dumps({"mood": 2, "distress_after": 9, "emotions": ["overwhelmed:8"]})
    result = invoke("checkin", "--from-json", "-", "--db", str(journal_path), stdin=document)
    assert result.exit_code == 0, result.output
    assert messages.CLOSING_SUPPORT_NOTE in result.stdout and PERSONAL in result.stdout
    calm = invoke("checkin", "--mood", "6", "--db", str(journal_path))
    assert messages.CLOSING_SUPPORT_NOTE not in calm.stdout


def test_an_edit_that_records_high_distress_prints_the_note_once(
    journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_with_line(tmp_path, monkeypatch)
    assert invoke("checkin", "--mood", "5", "--id", ID, "--db", str(journal_path)).exit_code == 0
    edited = invoke("edit", ID[:8], "--set", "distress_after=9", "--db", str(journal_path))
    assert edited.exit_code == 0, edited.output
    assert messages.CLOSING_SUPPORT_NOTE in edited.stdout and PERSONAL in edited.stdout
    # Already recorded: a later edit of something else says nothing more.
    again = invoke("edit", ID[:8], "--tag", "work", "--db", str(journal_path))
    assert messages.CLOSING_SUPPORT_NOTE not in again.stdout
    start = invoke("edit", ID[:8], "--set", "distress=10", "--db", str(journal_path))
    assert messages.HIGH_DISTRESS_NOTE in start.stdout


ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"


# --- Colours and the config ------------------------------------------------------------------


@pytest.fixture
def fresh_theme() -> Any:
    theme.set_theme(None)
    yield theme
    theme.set_theme(None)


def test_every_palette_names_every_style_and_plain_has_no_colour(fresh_theme: Any) -> None:
    from rich.style import Style

    for name, palette in theme.PALETTES.items():
        assert set(palette) == set(theme.STYLES), name
        for style in palette.values():
            Style.parse(style)  # each one is a valid style
    assert all(Style.parse(s).color is None for s in theme.PALETTES["plain"].values())


def contrast(style: str, background: str) -> float:
    """WCAG contrast of a style's colour against a background colour."""
    from rich.color import Color
    from rich.style import Style

    def luminance(color: Color) -> float:
        t = color.get_truecolor()
        channels = [v / 255 for v in (t.red, t.green, t.blue)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    color = Style.parse(style).color
    assert color is not None
    light, dark = sorted([luminance(color), luminance(Color.parse(background))], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("palette", "backgrounds"),
    [("both", ["#ffffff", "#000000"]), ("light", ["#ffffff"])],
)
def test_coloured_styles_read_on_the_backgrounds_they_are_for(
    palette: str, backgrounds: list[str]
) -> None:
    """3:1 at least (WCAG's floor for large text and interface parts): no
    yellow on white, no bright black on a dark theme. The sixteen ANSI colours
    of the dark palette are the terminal's own and are not measured."""
    from rich.style import Style

    for name, style in theme.PALETTES[palette].items():
        if Style.parse(style).color is None:
            continue
        for background in backgrounds:
            assert contrast(style, background) >= 3, (name, style, background)


def test_prompt_styles_follow_the_palette(fresh_theme: Any) -> None:
    assert theme.to_prompt_toolkit("bold dodger_blue2") == "bold fg:#005fff"
    assert theme.to_prompt_toolkit("magenta") == "fg:ansimagenta"
    assert theme.to_prompt_toolkit("dim") == "dim"
    assert theme.to_prompt_toolkit("none") == ""


@pytest.mark.parametrize(
    ("colorfgbg", "palette"), [("15;0", "dark"), ("0;15", "light"), ("", "both"), ("x", "both")]
)
def test_auto_reads_the_terminals_background_when_it_says(
    fresh_theme: Any, monkeypatch: pytest.MonkeyPatch, colorfgbg: str, palette: str
) -> None:
    monkeypatch.setenv("COLORFGBG", colorfgbg)
    assert theme.current() == palette


def test_the_configured_theme_and_support_line_are_read_and_checked(
    fresh_theme: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from serjournal.config import load_config, parse_config

    config = parse_config('theme = "light"\nsupport_line = "  Call Sam  "\n')
    assert config.theme == "light" and config.settings.support_line == "Call Sam"
    for bad, key in (
        ('theme = "neon"', "theme"),
        ("support_line = 5", "support_line"),
        (f'support_line = "{"x" * 300}"', "support_line"),
    ):
        path = tmp_path / f"{key}.toml"
        path.write_text(bad + "\n")
        (warning,) = load_config(path).warnings
        assert f"'{key}'" in warning
    # A command that loads no config still draws in the configured theme.
    path = tmp_path / "plain.toml"
    path.write_text('theme = "plain"\n')
    monkeypatch.setenv("SERJOURNAL_CONFIG", str(path))
    assert theme.current() == "plain" and make_console().no_color


# --- Exports keep the new answer ----------------------------------------------------------------


def test_an_export_from_before_the_followup_column_still_imports(
    db: Database, journal_path: Path, tmp_path: Path
) -> None:
    checkin = add(db, "2026-11-20", takeaway="rest")
    checkin.answers["followup"] = "it went well"
    from serjournal.store.writes import edit_checkin

    edit_checkin(db, checkin.id, lambda c: checkin, vocabulary=default_vocabulary())
    export = tmp_path / "checkins.csv"
    assert invoke("export", "--table", "checkins", "-o", str(export), "--db", str(journal_path)
                  ).exit_code == 0  # fmt: skip
    header = export.read_text().splitlines()[0].split(",")
    assert header[-1] == "followup"  # appended: earlier columns keep their places
    # The same file without the new column, as an older serjournal wrote it.
    old = tmp_path / "old.csv"
    import csv

    with export.open(newline="") as source, old.open("w", newline="") as target:
        writer = csv.writer(target)
        for row in csv.reader(source):
            writer.writerow(row[:-1])
    for source_file, followup in ((old, None), (export, "it went well")):
        other = tmp_path / f"other-{source_file.stem}.db"
        result = invoke("import", str(source_file), "--db", str(other))
        assert result.exit_code == 0, result.output
        answers = dict(sqlite3.connect(other).execute("SELECT prompt, text FROM answers"))
        assert answers.get("followup") == followup and answers["takeaway"] == "rest"


def default_vocabulary() -> Any:
    from serjournal.vocabulary import Vocabulary

    return Vocabulary()
