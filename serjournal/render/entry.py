"""How one check-in looks: the full `show` view and the summary after saving.

Everything the user wrote goes in as rich.text.Text, never as markup, so a
'[' in a journal entry is shown as typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from serjournal import content, messages
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.render.console import make_console

if TYPE_CHECKING:
    from serjournal.store.streaks import Streaks

PROMPT_QUESTIONS = {
    **{p.key: p.question.replace(" (optional)", "") for s in content.STAGES for p in s.prompts},
    content.QUICK_NOTE.key: "Note",
    content.FOLLOWUP.key: messages.FOLLOWUP_LABEL,
}
PRACTISED = ("breath", "movement", "hand")
STAGE_TITLES = {s.key: s for s in content.STAGES}


def rating_text(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def sensation_text(s: Sensation) -> str:
    side = f" ({s.side})" if s.side else ""
    after = f" -> {s.intensity_after}" if s.intensity_after is not None else ""
    target = "  [target]" if s.is_target else ""
    return f"{s.region}{side}: {s.quality} {s.intensity}{after}{target}"


def emotion_text(e: EmotionEntry) -> str:
    where = f", felt in the {e.region}" if e.region else ""
    return f"{e.name} ({e.family}) {e.intensity}{where}"


def heading(checkin: CheckIn) -> str:
    when = checkin.local_time.strftime("%a %d %b %Y, %H:%M")
    return f"{when}  ·  {checkin.mode}  ·  {checkin.id[:8]}"


def ratings_line(pairs: list[tuple[str, int | None]]) -> Text | None:
    """'Mood 6/10   Energy 4/10' for the ratings that were given, else None."""
    given = [(label, value) for label, value in pairs if value is not None]
    if not given:
        return None
    line = Text()
    for index, (label, value) in enumerate(given):
        if index:
            line.append("   ")
        line.append(f"{label} ", style="bold")
        line.append(rating_text(value))
    return line


def change_text(before: int | None, after: int | None) -> str:
    if before is None:
        return rating_text(after)
    return f"{rating_text(before)} -> {rating_text(after)}"


def stage_sections(checkin: CheckIn) -> list[tuple[str, list[Text]]]:
    """(heading, lines) for each stage that holds anything, in the order lived."""
    shown: set[str] = set()

    def answers(*keys: str) -> list[Text]:
        lines = []
        for key in keys:
            if checkin.answers.get(key):
                shown.add(key)
                lines.append(Text(PROMPT_QUESTIONS.get(key, key), style="italic"))
                lines += [Text("  " + part) for part in checkin.answers[key].splitlines()]
        return lines

    def rated(*pairs: tuple[str, int | None]) -> list[Text]:
        line = ratings_line(list(pairs))
        return [line] if line is not None else []

    target = checkin.target
    release: list[Text] = []
    if checkin.practice:
        seconds = f", {checkin.practice_seconds} s" if checkin.practice_seconds else ""
        release.append(Text(f"Practice: {checkin.practice}{seconds}"))
    if target is not None and target.intensity_after is not None:
        release.append(
            Text(f"{target.region}: {change_text(target.intensity, target.intensity_after)}")
        )
    if checkin.distress_after is not None:
        release.append(Text(f"Distress: {change_text(checkin.distress, checkin.distress_after)}"))

    sections = [
        ("arrive", rated(("Settled", checkin.settledness)) + answers("followup")),
        (
            "checkin",
            rated(
                ("Mood", checkin.mood), ("Energy", checkin.energy), ("Distress", checkin.distress)
            )
            + answers("focus"),
        ),
        ("body", [Text(sensation_text(s)) for s in checkin.sensations]),
        ("emotions", [Text(emotion_text(e)) for e in checkin.emotions] + answers("memory")),
        (
            "dialogue",
            ([Text(f"Attention on: {target.region} ({target.quality})")] if target else [])
            + answers("speak", "need", "image"),
        ),
        ("release", release),
        (
            "integrate",
            answers("shift", "takeaway") + rated(("Closing mood", checkin.closing_mood)),
        ),
    ]
    result = [(_stage_heading(key, checkin.mode), lines) for key, lines in sections if lines]
    others = [key for key in checkin.answers if key not in shown]
    if others:
        result.append(("Notes", answers(*others)))
    if checkin.tags:
        result.append(("Tags", [Text(", ".join(checkin.tags))]))
    return result


def _stage_heading(key: str, mode: str) -> str:
    stage = STAGE_TITLES[key]
    if mode == "quick":  # quick mode has no seven stages to count
        return stage.title
    return messages.STAGE_HEADING.format(number=stage.number, title=stage.title)


def render_checkin(checkin: CheckIn) -> RenderableType:
    """Every stage of one entry, in the order they were lived."""
    parts: list[RenderableType] = []
    for index, (title, lines) in enumerate(stage_sections(checkin)):
        if index:
            parts.append(Text(""))
        parts.append(Text(title, style="sj.heading"))
        parts.extend(Text.assemble("  ", line) for line in lines)
    if not parts:
        parts.append(Text("(no answers)", style="sj.hint"))
    footer = []
    if checkin.duration_seconds:
        minutes, seconds = divmod(checkin.duration_seconds, 60)
        footer.append(f"took {minutes} min {seconds} s" if minutes else f"took {seconds} s")
    if checkin.edited_utc:
        footer.append(f"edited {checkin.edited_utc:%Y-%m-%d %H:%M} UTC")
    footer.append(f"id {checkin.id}")
    return Panel(
        Group(*parts),
        title=heading(checkin),
        subtitle="  ·  ".join(footer),
        title_align="left",
        subtitle_align="right",
        border_style="sj.rule",
    )


def saved_summary(checkin: CheckIn) -> Table:
    """A compact grid of what was just saved: ratings, body, feelings."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    line = ratings_line(
        [("mood", checkin.mood), ("energy", checkin.energy), ("distress", checkin.distress)]
    )
    if line is not None:
        if checkin.distress_after is not None:
            # "after the practice" only when there was one.
            after = (
                messages.SUMMARY_AFTER_PRACTICE
                if checkin.practice in PRACTISED
                else messages.SUMMARY_AFTER_RERATING
            )
            line.append(after.format(after=rating_text(checkin.distress_after)))
        grid.add_row("ratings", line)
    if checkin.sensations:
        grid.add_row("body", Text("; ".join(sensation_text(s) for s in checkin.sensations)))
    if checkin.emotions:
        grid.add_row(
            "feelings", Text(", ".join(f"{e.name} {e.intensity}" for e in checkin.emotions))
        )
    if checkin.tags:
        grid.add_row("tags", Text(", ".join(checkin.tags)))
    return grid


def print_saved_summary(
    checkin: CheckIn, streak: Streaks, context: str | None = None, console: Console | None = None
) -> None:
    """What was saved, the line of context from the user's own history
    (history_line.context_line), and a word on the streak (store/streaks.py,
    as of today). Prints what it is given: the render layer never queries."""
    console = console or make_console()
    console.print()
    console.print(
        Text(messages.SAVED.format(short_id=checkin.id[:8], date=checkin.local_date), style="bold")
    )
    console.print(saved_summary(checkin))
    if context is not None:
        console.print(Text(context, style="sj.hint"))
    if streak.current > 1:
        console.print(Text(messages.STREAK.format(days=streak.current), style="sj.hint"))
    elif streak.current == 1 and streak.checkins_on_day == 1 and streak.earlier_days:
        # Today's single check-in, after earlier ones with a gap between.
        console.print(Text(messages.STREAK_ONE, style="sj.hint"))


def one_line_summary(checkin: CheckIn) -> str:
    """'Tue 24 Nov 2026, 21:00 · mood 6/10 · chest, face and jaw · anxious ·
    "Breathe out longer than in."': enough to recognise an entry by."""
    parts = [checkin.local_time.strftime("%a %d %b %Y, %H:%M")]
    if checkin.mood is not None:
        parts.append(f"mood {rating_text(checkin.mood)}")
    if checkin.sensations:
        parts.append(", ".join(dict.fromkeys(s.region for s in checkin.sensations)))
    if checkin.emotions:
        parts.append(", ".join(e.name for e in checkin.emotions))
    words = next(
        (checkin.answers[k] for k in ("takeaway", "note", "focus") if k in checkin.answers), ""
    )
    if words:
        short = words if len(words) <= 50 else words[:49] + "…"
        parts.append(f'"{short}"')
    return "  ·  ".join(parts)
