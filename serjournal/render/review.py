"""The review as Rich renderables, laid out for an 80-column terminal.

Pure: these functions turn a ReviewSummary into renderables and never touch
the journal. Layout uses plain Text and borderless grids (they also read well
without colour, piped to a file, or on a 60-column terminal), and keeps to a
handful of them, because the review must appear as fast as `--version`.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from serjournal import messages
from serjournal.review.figures import (
    CALENDAR_WEEKS,
    Rating,
    ReviewSummary,
    SeriesPoint,
    Tally,
)

MAX_WIDTH = 80
SPARK = "▁▂▃▄▅▆▇█"
NO_DATA = "·"
SCALE_STYLES = {"mood": "sj.mood", "energy": "sj.energy", "distress": "sj.distress"}
# Which way a change counts as easing, for a gentle colour (never red).
EASIER_WHEN = {"mood": 1, "energy": 1, "distress": -1}
BODY_ROWS = 8
TAKEAWAY_ROWS = 7
QUADRANT_NAMES = {
    "pleasant/high": "pleasant, high energy",
    "pleasant/low": "pleasant, low energy",
    "unpleasant/high": "unpleasant, high energy",
    "unpleasant/low": "unpleasant, low energy",
}
# Named styles of the theme in force (render/theme.py), never colours.
HEADING = "sj.heading"
QUIET = "sj.hint"


def render_review(summary: ReviewSummary) -> RenderableType:
    """The whole review; the caller checks summary.is_empty first."""
    parts: list[RenderableType] = [_title(summary)]
    parts += _ratings(summary)
    parts += _body(summary)
    parts += _emotions(summary)
    parts += _release(summary)
    parts += _consistency(summary)
    parts += _tags(summary)
    parts += _takeaways(summary)
    parts += _patterns(summary)
    parts += [Text(""), Text(messages.REVIEW_DISCLAIMER, style=QUIET)]
    return Group(*parts)


def empty_message(summary: ReviewSummary | None) -> str:
    """Kind words for a period (or a journal) with nothing in it yet."""
    if summary is None:
        return messages.REVIEW_EMPTY_JOURNAL
    return messages.REVIEW_EMPTY_PERIOD.format(
        start=f"{summary.period.start:%a %d %b %Y}", end=f"{summary.period.end:%a %d %b %Y}"
    )


# --- Small pieces --------------------------------------------------------------------------


def spark(value: float | None) -> str:
    """One block character for a 0-10 value; a dot where there was no entry."""
    if value is None:
        return NO_DATA
    return SPARK[min(len(SPARK) - 1, int(value / 10 * len(SPARK)))]


def signed(value: float | None, digits: int = 1) -> str:
    if value is None:
        return ""
    shown = round(value, digits)
    if shown == 0:
        return "±0" if digits == 0 else f"±{0:.{digits}f}"
    return f"{shown:+.{digits}f}" if digits else f"{int(shown):+d}"


def arrow(change: float | None) -> str:
    if change is None:
        return ""
    if abs(change) < 0.05:
        return "→"
    return "↑" if change > 0 else "↓"


def change_text(scale: str, change: float | None) -> Text:
    """'+0.4 ↑', coloured green when it moved the easier way."""
    if change is None:
        return Text("new", style=QUIET)
    style = QUIET
    if abs(change) >= 0.05:
        style = "sj.easier" if change * EASIER_WHEN[scale] > 0 else "sj.harder"
    return Text(f"{signed(change)} {arrow(change)}", style=style)


def count_change(now: int, before: int) -> Text:
    diff = now - before
    if diff == 0:
        return Text("same", style=QUIET)
    return Text(f"{diff:+d} {arrow(diff)}", style=QUIET)


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar with eighth-block resolution."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else "")


def heat_style(intensity: float) -> str:
    if intensity >= 7:
        return "sj.heat.high"
    if intensity >= 4:
        return "sj.heat.mid"
    return "sj.heat.low"


def _heading(text: str, note: str = "") -> Text:
    heading = Text.assemble("\n", (text, HEADING))
    if note:
        heading.append(f"  {note}", style=QUIET)
    return heading


def _grid() -> Table:
    grid = Table.grid(padding=(0, 2), pad_edge=False)
    grid.add_column(no_wrap=True)
    return grid


def _indented(renderable: RenderableType) -> Padding:
    """Two spaces in, also for the lines a narrow terminal wraps."""
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def _short_day(day: str) -> str:
    return f"{date.fromisoformat(day):%a %d %b}"


# --- Sections --------------------------------------------------------------------------------


def _title(summary: ReviewSummary) -> Text:
    period, before = summary.period, summary.previous
    title = Text("Your review", style="bold")
    if period.kind == "week":
        year, week, _ = period.start.isocalendar()
        title.append(f" of week {week}, {year}", style="bold")
    title.append(f"\n{period.span}")
    title.append(f"\nagainst the {before.days} days before: {before.span}", style=QUIET)
    return title


def _series_header(points: list[SeriesPoint]) -> str:
    if len(points) <= 14 and all(p.days == 1 for p in points):
        return " ".join(f"{date.fromisoformat(p.start):%a}"[0] for p in points)
    return ""


def _sparkline(points: list[SeriesPoint], scale: str) -> str:
    marks = [spark(getattr(p, scale)) for p in points]
    return " ".join(marks) if len(points) <= 14 else "".join(marks)


def _ratings(summary: ReviewSummary) -> list[RenderableType]:
    points = summary.series
    bucket = points[0].days if points else 1
    note = f"each mark is {bucket} days" if bucket > 1 else "per day, 0-10"
    grid = _grid()
    for _ in range(3):
        grid.add_column(no_wrap=True)
    header = _series_header(points)
    grid.add_row(
        "", Text(header, style=QUIET), Text("average", style=QUIET), Text("vs before", style=QUIET)
    )
    for rating in summary.ratings:
        grid.add_row(
            Text(rating.scale, style=SCALE_STYLES[rating.scale]),
            Text(_sparkline(points, rating.scale), style=SCALE_STYLES[rating.scale]),
            _average(rating),
            change_text(rating.scale, rating.change),
        )
    return [_heading("Mood, energy and distress", note), _indented(grid)]


def _average(rating: Rating) -> Text:
    if rating.average is None:
        return Text("-", style=QUIET)
    return Text.assemble(f"{rating.average:.1f}", (f" ({rating.count})", QUIET))


def _body(summary: ReviewSummary) -> list[RenderableType]:
    if not summary.body:
        return [_heading("Body map"), Text(f"  {messages.REVIEW_NO_SENSATIONS}", style=QUIET)]
    shown = summary.body[:BODY_ROWS]
    most = max(r.times for r in shown)
    grid = _grid()
    grid.add_column(no_wrap=True, min_width=12)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_row(*(Text(h, style=QUIET) for h in ("", "how often", "intensity", "mostly", "")))
    for load in shown:
        style = heat_style(load.mean_intensity)
        grid.add_row(
            Text(load.region, style=style),
            Text.assemble((bar(load.times, most, 8), style), f" {load.times}"),
            Text(f"{load.mean_intensity:.1f}", style=style),
            load.dominant_quality,
            count_change(load.times, load.previous_times),
        )
    more = len(summary.body) - len(shown)
    parts: list[RenderableType] = [
        _heading("Body map", "where sensations were felt, how often and how strongly"),
        _indented(grid),
    ]
    if more:
        parts.append(Text(f"  {messages.REVIEW_MORE_REGIONS.format(count=more)}", style=QUIET))
    return parts


def _tally_line(tally: Tally, label: str, most: int) -> Text:
    line = Text(f"  {label:<24}")
    line.append(bar(tally.count, most, 10).ljust(10), style="sj.bar")
    line.append(f" {tally.count:>3}  ")
    line.append_text(count_change(tally.count, tally.previous_count))
    return line


def _emotions(summary: ReviewSummary) -> list[RenderableType]:
    if not any(t.count for t in summary.quadrants):
        return [_heading("Emotions"), Text(f"  {messages.REVIEW_NO_EMOTIONS}", style=QUIET)]
    parts: list[RenderableType] = [_heading("Emotions", "by quadrant, family and name")]
    most = max(t.count for t in summary.quadrants)
    lines = [_tally_line(t, QUADRANT_NAMES.get(t.key, t.key), most) for t in summary.quadrants]
    families = [t for t in summary.families if t.count]
    parts.append(Text("\n").join(lines))
    family_text = Text("families: ", style=QUIET)
    family_text.append(", ".join(f"{t.key} {t.count}" for t in families))
    named = []
    for emotion in summary.top_emotions:
        line = Text(emotion.name, style="bold")
        line.append(f" ({emotion.family}) ×{emotion.count}", style=QUIET)
        if emotion.regions:
            line.append(f", felt in {', '.join(emotion.regions[:3])}")
        named.append(line)
    parts.append(_indented(Text("\n").join([family_text, *named])))
    return parts


def _release(summary: ReviewSummary) -> list[RenderableType]:
    if not summary.release:
        return []
    grid = _grid()
    for _ in range(3):
        grid.add_column(no_wrap=True)
    grid.add_row(*(Text(h, style=QUIET) for h in ("", "check-ins", "target area", "distress")))
    for effect in summary.release:
        grid.add_row(
            Text(effect.practice, style="bold"),
            str(effect.checkins),
            _drop(effect.target_drop, effect.target_n),
            _drop(effect.distress_drop, effect.distress_n),
        )
    return [
        _heading("Release practices", "average change from before to after (n)"),
        _indented(grid),
    ]


def _drop(value: float | None, n: int) -> Text:
    if value is None:
        return Text("-", style=QUIET)
    style = "sj.easier" if value >= 0.05 else QUIET
    return Text.assemble((signed(-value), style), (f" ({n})", QUIET))


def _consistency(summary: ReviewSummary) -> list[RenderableType]:
    c = summary.consistency
    line = Text(
        messages.REVIEW_COUNT.format(
            checkins=c.checkins, days=c.days_with_checkins, period_days=summary.period.days
        )
    )
    line.append(
        messages.REVIEW_COUNT_BEFORE.format(
            checkins=c.previous_checkins, days=summary.previous.days
        ),
        style=QUIET,
    )
    as_of = date.fromisoformat(summary.as_of)
    when = "" if summary.ongoing else f" on {as_of:%a %d %b}"
    streak = messages.REVIEW_STREAK.format(
        when=when, current=_days(c.current_streak), longest=_days(c.longest_streak)
    )
    line.append("\n" + streak)
    return [_heading("Consistency"), _indented(line), _calendar(summary)]


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _calendar(summary: ReviewSummary) -> Text:
    c = summary.consistency
    start = date.fromisoformat(c.calendar_start)
    as_of = date.fromisoformat(summary.as_of)
    text = Text("          M T W T F S S", style=QUIET)
    for week in range(CALENDAR_WEEKS):
        monday = start + timedelta(weeks=week)
        text.append(f"\n  {monday:%d %b}  ", style=QUIET)
        for offset in range(7):
            day = monday + timedelta(days=offset)
            count = c.calendar[week * 7 + offset]
            in_period = summary.period.start <= day <= summary.period.end
            if day > as_of:
                mark, style = " ", ""
            elif count:
                mark, style = "●", "sj.day" if in_period else "sj.day.other"
            else:
                mark, style = NO_DATA, QUIET
            text.append(mark + " ", style=style)
    return text


def _tags(summary: ReviewSummary) -> list[RenderableType]:
    if not summary.tags:
        return []
    line = Text()
    for index, tag in enumerate(summary.tags):
        if index:
            line.append("   ")
        line.append(f"{tag.tag} {tag.count} ")
        line.append_text(count_change(tag.count, tag.previous_count))
    return [_heading("Tags", "how often each came up"), _indented(line)]


def _takeaways(summary: ReviewSummary) -> list[RenderableType]:
    if not summary.takeaways:
        return []
    lines = []
    for item in summary.takeaways[:TAKEAWAY_ROWS]:
        line = Text(f"  {_short_day(item.local_date)}  ", style=QUIET)
        line.append(item.text)
        lines.append(line)
    more = summary.takeaways_total - len(lines)
    if more > 0:
        lines.append(Text(f"  {messages.REVIEW_MORE_TAKEAWAYS.format(count=more)}", style=QUIET))
    return [_heading("Takeaways", "what you chose to carry"), Text("\n").join(lines)]


def _patterns(summary: ReviewSummary) -> list[RenderableType]:
    window = summary.pattern_window
    heading = _heading("Patterns", f"over {window.span}")
    if not summary.patterns:
        return [heading, _indented(Text(messages.REVIEW_PATTERNS_TOO_FEW, style=QUIET))]
    grid = _grid()
    grid.add_column()
    for observation in summary.patterns:
        grid.add_row("•", observation.text)
    return [heading, _indented(grid)]
