"""The terminal side of the flow that can be checked without a terminal:
the breath practice's timing and display, validators, headings, and the
prompts themselves, driven by keys through a pipe (prompt_toolkit's own
testing input)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from serjournal import content, messages
from serjournal.flow.practice import BreathView, Phase, breath_phases, guided_breath
from serjournal.flow.prompter import (
    TerminalClosed,
    TerminalPrompter,
    parse_ratings,
    validate_rating,
)
from serjournal.render.console import make_console


class FakeTime:
    """A clock that moves only when the practice sleeps."""

    def __init__(self, interrupt_after: int | None = None) -> None:
        self.now = 100.0
        self.sleeps = 0
        self.interrupt_after = interrupt_after

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert 0 < seconds <= 0.1 + 1e-9
        self.sleeps += 1
        if self.interrupt_after is not None and self.sleeps > self.interrupt_after:
            raise KeyboardInterrupt
        self.now += seconds


def quiet_console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=80, no_color=True, highlight=False), out


def test_breath_phases_follow_the_pattern_and_leave_out_empty_phases() -> None:
    phases = breath_phases(content.BreathPattern(inhale=4, hold=0, exhale=6, cycles=2))
    assert [(p.kind, p.seconds, p.breath) for p in phases] == [
        ("in", 4, 1),
        ("out", 6, 1),
        ("in", 4, 2),
        ("out", 6, 2),
    ]
    assert [p.instruction for p in phases[:2]] == [messages.BREATH_IN, messages.BREATH_OUT]


@pytest.mark.parametrize(
    ("kind", "fraction", "fill"),
    [("in", 0.25, 0.25), ("hold", 0.5, 1.0), ("out", 0.25, 0.75), ("out", 1.5, 0.0)],
)
def test_the_bar_fills_on_the_in_breath_and_empties_on_the_out_breath(
    kind: str, fraction: float, fill: float
) -> None:
    assert Phase(kind, 4, 1).fill(fraction) == pytest.approx(fill)


def terminal_console(width: int = 80) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = make_console(file=out, width=width, force_terminal=True, no_color=True)
    return console, out


def test_guided_breath_runs_the_whole_pattern_and_leaves_nothing_behind() -> None:
    console, out = terminal_console()
    fake = FakeTime()
    pattern = content.BreathPattern(inhale=1, hold=0.5, exhale=1, cycles=2)
    seconds = guided_breath(console, pattern, clock=fake.clock, sleep=fake.sleep)
    assert seconds == 5
    assert fake.now - 100 == pytest.approx(pattern.total_seconds)
    drawn = out.getvalue()
    for shown in (messages.BREATH_FOLLOW, "Breathe in", "Hold", "Breathe out", "breath 2 of 2"):
        assert shown in drawn
    assert messages.BREATH_ENDED_EARLY not in drawn
    # Transient: the last thing written erases the two lines (instruction and bar).
    ending = drawn.rsplit("breath 2 of 2", 1)[1]
    assert ending.count("\x1b[2K") == 2


def test_the_grounding_cue_replaces_the_instruction() -> None:
    console, out = terminal_console(width=120)
    fake = FakeTime()
    guided_breath(
        console,
        content.BreathPattern(inhale=1, hold=0, exhale=1, cycles=1),
        cue=content.GROUNDING_FEET,
        clock=fake.clock,
        sleep=fake.sleep,
    )
    assert messages.BREATH_CUE.format(cue=content.GROUNDING_FEET) in out.getvalue()
    assert messages.BREATH_FOLLOW not in out.getvalue()


@pytest.mark.parametrize("width", [30, 40, 60, 80, 200])
def test_the_breath_line_fits_every_width_and_counts_the_seconds(width: int) -> None:
    view = BreathView("")
    view.show(Phase("in", 4, 2), 2.5, 5)
    line = view.line(width)
    assert line.cell_len + len("^C") < width  # an echoed ^C at its end would not wrap
    assert "Breathe in" in line.plain
    assert " 3" in line.plain  # the third second of four
    if width >= 60:
        assert "breath 2 of 5" in line.plain


def test_hold_moves_a_mark_along_the_full_bar() -> None:
    view = BreathView("")
    marks = []
    for elapsed in (0.1, 1.0, 1.9):
        view.show(Phase("hold", 2, 1), elapsed, 5)
        plain = view.line(80).plain
        assert BreathView.EMPTY not in plain  # full while holding
        marks.append(plain.index(BreathView.MARK))
    assert marks == sorted(marks) and len(set(marks)) == 3
    view.show(Phase("out", 6, 1), 3.0, 5)
    half = view.line(80).plain
    assert half.count(BreathView.FILLED) == pytest.approx(half.count(BreathView.EMPTY), abs=1)


def test_ctrl_c_ends_the_practice_early_and_returns_the_time_practised() -> None:
    console, out = quiet_console()
    fake = FakeTime(interrupt_after=20)  # two seconds in
    seconds = guided_breath(console, content.BreathPattern(), clock=fake.clock, sleep=fake.sleep)
    assert seconds == 2
    assert messages.BREATH_ENDED_EARLY in out.getvalue()


@pytest.mark.parametrize(
    ("answer", "optional", "ok"),
    [
        ("7", True, True),
        (" 10 ", False, True),
        ("0", False, True),
        ("", True, True),
        ("", False, False),
        ("11", True, False),
        ("-1", True, False),
        ("six", True, False),
        ("5.5", False, False),
    ],
)
def test_ratings_typed_in_the_terminal_are_checked(answer: str, optional: bool, ok: bool) -> None:
    result = validate_rating(answer, optional)
    if ok:
        assert result is True
    else:
        assert result == (messages.RATING_HINT_OPTIONAL if optional else messages.RATING_HINT)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6 4 3", [6, 4, 3]),
        (" 10,0, 5 ", [10, 0, 5]),
        ("6 - 3", [6, None, 3]),
        ("", [None, None, None]),
        ("6 4", None),
        ("6 4 3 2", None),
        ("6 4 11", None),
        ("six 4 3", None),
        ("6 4 ³", None),
    ],
)
def test_three_ratings_typed_in_one_line(typed: str, expected: list[int | None] | None) -> None:
    parsed = parse_ratings(typed, 3)
    assert parsed == (expected if expected is not None else messages.RATINGS_HINT.format(count=3))


def test_stage_heading_and_guidance_are_shown_as_plain_text() -> None:
    console, out = quiet_console()
    prompter = TerminalPrompter(console)
    stage = content.Stage("x", 3, "Body [scan]", "Notice [bold]this[/bold], gently.")
    prompter.stage(stage)
    prompter.say("Rest your attention on the [red]chest[/red].")
    text = out.getvalue()
    assert messages.STAGE_HEADING.format(number=3, title="Body [scan]") in text
    assert "Notice [bold]this[/bold], gently." in text
    assert "the [red]chest[/red]." in text


def test_quick_stage_heading_has_no_number() -> None:
    console, out = quiet_console()
    TerminalPrompter(console).stage(content.QUICK_STAGE)
    assert content.QUICK_STAGE.title in out.getvalue() and "/7" not in out.getvalue()


def test_scale_anchors_are_shown_once_per_scale(monkeypatch: pytest.MonkeyPatch) -> None:
    from serjournal.flow import widgets

    asked: list[tuple[str, str]] = []

    def answer(question: widgets.Fragments, **kwargs: object) -> str:
        asked.append(("".join(f[1] for f in question), str(kwargs["hint"])))
        return "4"

    monkeypatch.setattr(widgets, "ask_text", answer)
    console, out = quiet_console()
    prompter = TerminalPrompter(console)
    intensity = content.SCALES["intensity"]
    assert prompter.rating(intensity, "(chest, tight)", optional=False) == 4
    assert prompter.rating(intensity, "(belly, warm)", optional=False) == 4
    assert prompter.rating(content.SCALES["mood"]) == 4
    anchors = messages.RATING_ANCHORS.format(low=intensity.low, high=intensity.high)
    assert out.getvalue().count(anchors.strip()) == 1
    assert "0 very low" in out.getvalue()
    assert asked == [
        (f"{intensity.question} (chest, tight)", messages.RATING_RANGE),
        (f"{intensity.question} (belly, warm)", messages.RATING_RANGE),
        (content.SCALES["mood"].question, messages.RATING_RANGE_OPTIONAL),
    ]


def test_a_closed_terminal_during_the_practice_stops_the_checkin() -> None:
    console, out = quiet_console()

    def hang_up(seconds: float) -> None:
        raise TerminalClosed

    with pytest.raises(TerminalClosed):
        guided_breath(console, content.BreathPattern(), sleep=hang_up)
    assert messages.BREATH_ENDED_EARLY not in out.getvalue()


def test_rating_validation_refuses_non_ascii_digits() -> None:
    from serjournal.flow.prompter import validate_rating

    assert validate_rating("²", optional=True) is not True
    assert validate_rating("٣", optional=False) is not True
    assert validate_rating("7", optional=False) is True
