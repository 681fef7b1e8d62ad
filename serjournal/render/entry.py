"""How one check-in looks: the full `show` view and the summary after saving."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from serjournal import content, messages
from serjournal.models import CheckIn, Sensation

if TYPE_CHECKING:
    from sqlite_utils import Database

PROMPT_QUESTIONS = {
    **{p.key: p.question.replace(" (optional)", "") for s in content.STAGES for p in s.prompts},
    content.QUICK_NOTE.key: "Note",
}


def rating_text(value: int | None) -> str:
    return "-" if value is None else f"{value}/10"


def sensation_text(s: Sensation) -> str:
    side = f" ({s.side})" if s.side else ""
    after = f" -> {s.intensity_after}" if s.intensity_after is not None else ""
    target = "  [target]" if s.is_target else ""
    return f"{s.region}{side}: {s.quality} {s.intensity}{after}{target}"


def heading(checkin: CheckIn) -> str:
    when = checkin.local_time.strftime("%a %d %b %Y, %H:%M")
    return f"{when}  ·  {checkin.mode}  ·  {checkin.id[:8]}"


def render_checkin(checkin: CheckIn) -> RenderableType:
    """Every stage of one entry, in the order they were lived."""
    parts: list[RenderableType] = []
    ratings = Table.grid(padding=(0, 2))
    for label, value in (
        ("Settled", checkin.settledness),
        ("Mood", checkin.mood),
        ("Energy", checkin.energy),
        ("Distress", checkin.distress),
        ("Distress after", checkin.distress_after),
        ("Closing mood", checkin.closing_mood),
    ):
        if value is not None:
            ratings.add_row(Text(label, style="bold"), rating_text(value))
    parts.append(ratings)
    parts += _section("Body", [sensation_text(s) for s in checkin.sensations])
    parts += _section(
        "Emotions",
        [
            f"{e.name} ({e.family}) {e.intensity}"
            + (f", felt in the {e.region}" if e.region else "")
            for e in checkin.emotions
        ],
    )
    if checkin.practice:
        seconds = f", {checkin.practice_seconds} s" if checkin.practice_seconds else ""
        parts += _section("Release practice", [f"{checkin.practice}{seconds}"])
    parts += _section(
        "In your words",
        [
            Text.assemble((PROMPT_QUESTIONS.get(key, key), "bold"), "\n    ", text)
            for key, text in checkin.answers.items()
        ],
    )
    if checkin.tags:
        parts += _section("Tags", [", ".join(checkin.tags)])
    footer = []
    if checkin.duration_seconds:
        footer.append(
            f"took {checkin.duration_seconds // 60} min {checkin.duration_seconds % 60} s"
        )
    if checkin.edited_utc:
        footer.append(f"edited {checkin.edited_utc:%Y-%m-%d %H:%M} UTC")
    footer.append(f"id {checkin.id}")
    return Panel(
        Group(*parts),
        title=heading(checkin),
        subtitle="  ·  ".join(footer),
        title_align="left",
        subtitle_align="right",
        border_style="cyan",
    )


def _section(title: str, lines: list[str] | list[Text]) -> list[RenderableType]:
    if not lines:
        return []
    return [
        Text(""),
        Text(title, style="bold cyan"),
        *(Text.assemble("  ", line) for line in lines),
    ]


def print_saved_summary(db: Database, checkin: CheckIn, console: Console | None = None) -> None:
    """A compact look at what was saved, and the streak, after a check-in."""
    from serjournal.store.checkins import current_streak

    console = console or Console(highlight=False, markup=False)
    console.print(messages.SAVED.format(short_id=checkin.id[:8], date=checkin.local_date))
    summary = [
        f"mood {rating_text(checkin.mood)}",
        f"energy {rating_text(checkin.energy)}",
        f"distress {rating_text(checkin.distress)}",
    ]
    if checkin.distress_after is not None:
        summary.append(f"after practice {rating_text(checkin.distress_after)}")
    console.print("  " + "  ·  ".join(summary))
    if checkin.sensations:
        console.print("  body: " + "; ".join(sensation_text(s) for s in checkin.sensations))
    if checkin.emotions:
        console.print(
            "  feelings: " + ", ".join(f"{e.name} {e.intensity}" for e in checkin.emotions)
        )
    streak = current_streak(db, date.today())
    if streak > 1:
        console.print(messages.STREAK.format(days=streak))
