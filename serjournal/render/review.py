"""The review as Rich renderables, laid out for an 80-column terminal.

Pure: these functions turn a ReviewSummary into renderables and never touch
the journal. Layout uses plain Text and borderless grids (they also read well
without colour, piped to a file, or on a 60-column terminal), and keeps to a
handful of them, because the review must appear as fast as `--version`.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
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
MAX_PLAIN_ROWS = 31  # --plain lists the days (or buckets) of periods up to this long
HELPED_ROWS = 3  # of each kind; --json has them all
QUADRANT_NAMES = {
    "pleasant/high": "pleasant, high energy",
    "pleasant/low": "pleasant, low energy",
    "unpleasant/high": "unpleasant, high energy",
    "unpleasant/low": "unpleasant, low energy",
}
# Named styles of the theme in force (render/theme.py), never colours.
HEADING = "sj.heading"
QUIET = "sj.hint"


def render_review(
    summary: ReviewSummary, *, plain: bool = False, by: str = "mood", body_figure: bool = True
) -> RenderableType:
    """The whole review; the caller checks summary.is_empty first. `plain`
    draws tables and numbers instead of figures (screen readers, --plain);
    `by` is the scale the year view is coloured by; `body_figure` False
    keeps the body map a table (the saved SVG draws its own figure)."""
    parts: list[RenderableType] = [_title(summary)]
    parts += _ratings(summary, plain)
    if summary.year_view is not None:
        parts += _year(summary, plain, by)
    parts += _body(summary, plain or not body_figure)
    parts += _emotions(summary, plain)
    parts += _release(summary)
    parts += _helped(summary)
    parts += _consistency(summary, plain)
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


def count_change(now: int, before: int, compared: bool = True) -> Text:
    """'+2 ↑', '-1 ↓' or 'same'; 'new' when the period before holds nothing of
    this kind to compare with (a first week, or --last 3650)."""
    if not compared:
        return Text("new", style=QUIET)
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


class _Rows:
    """Short, unwrapped cells in columns, two spaces apart, two in from the
    left: what a borderless Table.grid draws here, at a fraction of the cost
    (the review must appear as fast as --version). A line longer than the
    terminal is cut with an ellipsis rather than wrapped."""

    def __init__(
        self,
        rows: list[list[Text]],
        narrow: list[list[Text]] | None = None,
        right: frozenset[int] = frozenset(),
    ) -> None:
        self.rows = rows
        self.narrow = narrow  # shorter cells, for when the rows do not fit
        self.right = right  # columns aligned right (numbers)

    @staticmethod
    def _widths(rows: list[list[Text]]) -> list[int]:
        return [max(cell.cell_len for cell in column) for column in zip(*rows, strict=True)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows, widths = self.rows, self._widths(self.rows)
        if self.narrow and 2 + sum(widths) + 2 * (len(widths) - 1) > options.max_width:
            rows, widths = self.narrow, self._widths(self.narrow)
        for row in rows:
            line = Text("  ", no_wrap=True, overflow="ellipsis", end="")
            for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
                if index:
                    line.append("  ")
                room = " " * (width - cell.cell_len)
                if index in self.right:
                    line.append(room)
                line.append_text(cell)
                if index not in self.right and index < len(row) - 1:
                    line.append(room)
            line.rstrip()
            line.truncate(options.max_width, overflow="ellipsis")
            yield line
            yield Segment.line()


class _Bullets:
    """Sentences as a bulleted list, each wrapped under its own first word."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(10, options.max_width - 5)
        for text in self.texts:
            for index, line in enumerate(Text(text).wrap(console, width)):
                line.rstrip()
                yield Text("  •  " if index == 0 else "     ").append_text(line)


class _Indented:
    """Two spaces in, also for the lines a narrow terminal wraps; unlike
    rich.padding.Padding, no spaces are added at the ends of lines."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update_width(max(1, options.max_width - 2))
        for line in console.render_lines(self.inner, inner, pad=False):
            while line and not line[-1].text.strip() and not line[-1].control:
                line.pop()
            if line:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(), last.style, last.control)
            yield Segment("  ")
            yield from line
            yield Segment.line()


def _indented(renderable: RenderableType) -> _Indented:
    """Two spaces in, also for the lines a narrow terminal wraps."""
    return _Indented(renderable)


def _short_day(day: str) -> str:
    return f"{date.fromisoformat(day):%a %d %b}"


# --- Sections --------------------------------------------------------------------------------


def _title(summary: ReviewSummary) -> Text:
    period, before = summary.period, summary.previous
    title = Text("Your review", style="bold")
    if period.kind in ("week", "month", "year"):
        title.append(f" of {period.name}", style="bold")
    title.append(f"\n{period.span}")
    if period.kind in ("month", "year"):
        title.append(f"\nagainst {before.name}: {before.span}", style=QUIET)
    else:
        title.append(f"\nagainst the {before.days} days before: {before.span}", style=QUIET)
    return title


def _series_header(points: list[SeriesPoint], monthly: bool = False) -> str:
    if monthly:
        return " ".join(f"{date.fromisoformat(p.start):%b}"[0] for p in points)
    if len(points) <= 14 and all(p.days == 1 for p in points):
        return " ".join(f"{date.fromisoformat(p.start):%a}"[0] for p in points)
    return ""


def _sparkline(points: list[SeriesPoint], scale: str) -> str:
    marks = [spark(getattr(p, scale)) for p in points]
    return " ".join(marks) if len(points) <= 14 else "".join(marks)


def _ratings(summary: ReviewSummary, plain: bool = False) -> list[RenderableType]:
    if plain:
        return _ratings_plain(summary)
    points = summary.series
    bucket = points[0].days if points else 1
    monthly = summary.period.kind == "year"
    note = f"each mark is {bucket} days" if bucket > 1 else "per day, 0-10"
    if monthly:
        note = "each mark is a month, 0-10"
    header = _series_header(points, monthly)
    rows: list[list[Text]] = []
    narrow: list[list[Text]] = []
    for counted in (True, False):  # without the counts if the terminal is narrow
        table = [[Text(""), Text(header, style=QUIET), Text("average", style=QUIET),
                  Text("vs before" if counted else "change", style=QUIET)]]  # fmt: skip
        for rating in summary.ratings:
            table.append(
                [
                    Text(rating.scale, style=SCALE_STYLES[rating.scale]),
                    Text(_sparkline(points, rating.scale), style=SCALE_STYLES[rating.scale]),
                    _average(rating, counted),
                    change_text(rating.scale, rating.change),
                ]
            )
        (rows if counted else narrow).extend(table)
    return [_heading("Mood, energy and distress", note), _Rows(rows, narrow)]


def _ratings_plain(summary: ReviewSummary) -> list[RenderableType]:
    """Averages and changes, then a row per day (or month, or bucket of days)
    with its numbers: what a screen reader can say, line by line."""
    rows = [[Text(h, style=QUIET) for h in ("", "average", "vs before")]]
    for rating in summary.ratings:
        rows.append(
            [Text(rating.scale), _average(rating), change_text(rating.scale, rating.change)]
        )
    parts: list[RenderableType] = [_heading("Mood, energy and distress", "0-10"), _Rows(rows)]
    points = summary.series
    if not points or len(points) > MAX_PLAIN_ROWS:
        return parts
    monthly = summary.period.kind == "year"
    days = [[Text(h, style=QUIET) for h in ("", "check-ins", "mood", "energy", "distress")]]
    for point in points:
        start = date.fromisoformat(point.start)
        if monthly:
            name = f"{start:%B}"
        elif point.days == 1:
            name = f"{start:%a %d %b}"
        else:
            name = f"{start:%d %b} + {point.days - 1} days"
        values = (point.mood, point.energy, point.distress)
        days.append(
            [Text(name), Text(str(point.checkins))]
            + [Text("-" if v is None else f"{v:.1f}") for v in values]
        )
    parts.append(Text(""))
    parts.append(_Rows(days, right=frozenset({1, 2, 3, 4})))
    return parts


def _average(rating: Rating, counted: bool = True) -> Text:
    if rating.average is None:
        return Text("-", style=QUIET)
    if not counted:
        return Text(f"{rating.average:.1f}")
    return Text.assemble(f"{rating.average:.1f}", (f" ({rating.count})", QUIET))


def _body(summary: ReviewSummary, plain: bool = False) -> list[RenderableType]:
    if not summary.body:
        return [_heading("Body map"), Text(f"  {messages.REVIEW_NO_SENSATIONS}", style=QUIET)]
    heading = _heading("Body map", "where, how often and how strongly")
    return [heading, _BodySection(summary, plain)]


def body_changes(summary: ReviewSummary) -> dict[str, Text]:
    """Each region's change in how often it was felt, against the period before."""
    compared = summary.previous_counts.sensations > 0
    return {
        load.region: count_change(load.times, load.previous_times, compared)
        for load in summary.body
    }


class _BodySection:
    """The drawn figure where there is room for it, else (and with --plain)
    the table, which a screen reader reads row by row."""

    def __init__(self, summary: ReviewSummary, plain: bool) -> None:
        self.summary = summary
        self.plain = plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from serjournal.render.bodymap import MIN_WIDTH, BodyFigure, legend

        changes = body_changes(self.summary)
        if self.plain or options.max_width < MIN_WIDTH:
            yield from _body_table(self.summary, changes, bars=not self.plain)
            return
        yield BodyFigure(self.summary.body, changes)
        yield legend()


def _body_table(
    summary: ReviewSummary, changes: dict[str, Text], bars: bool = True
) -> list[RenderableType]:
    shown = summary.body if not bars else summary.body[:BODY_ROWS]
    most = max(r.times for r in shown)
    headers = ("", "how often", "intensity", "mostly", "vs before")
    rows = [[Text(h, style=QUIET) for h in headers]]
    for load in shown:
        style = heat_style(load.mean_intensity) if bars else ""
        if bars:
            often = Text.assemble((bar(load.times, most, 8).ljust(8), style), f" {load.times}")
        else:
            often = Text(str(load.times))
        rows.append(
            [
                Text(load.region, style=style),
                often,
                Text(f"{load.mean_intensity:.1f}", style=style),
                Text(load.dominant_quality),
                changes[load.region],
            ]
        )
    right = frozenset({2} if bars else {1, 2})
    parts: list[RenderableType] = [_Rows(rows, right=right)]
    more = len(summary.body) - len(shown)
    if more:
        parts.append(Text(f"  {messages.plural(more, messages.REVIEW_MORE_REGIONS)}", style=QUIET))
    return parts


def _year(summary: ReviewSummary, plain: bool, by: str) -> list[RenderableType]:
    from serjournal.render.yearview import month_averages, year_grid, year_legend

    days = summary.year_view or []
    if plain:
        rows = [[Text(h, style=QUIET) for h in ("", "days", "mood", "energy", "distress")]]
        for name, count, averages in month_averages(days):
            rows.append(
                [Text(name), Text(str(count))]
                + [Text("-" if v is None else f"{v:.1f}") for v in averages]
            )
        return [
            _heading("The year by month", "averages of the days with a check-in"),
            _Rows(rows, right=frozenset({1, 2, 3, 4})),
        ]
    as_of = date.fromisoformat(summary.as_of)
    return [
        _heading("The year, day by day", f"coloured by {by}"),
        year_grid(days, by, as_of),
        year_legend(by),
    ]


def _helped(summary: ReviewSummary) -> list[RenderableType]:
    from serjournal.review.helped import MIN_PRACTICE_REGION, MIN_TAG_DAYS

    helped = summary.helped
    heading = _heading("What helped", f"over {helped.window.span}")
    lines = [p.text for p in helped.practice_regions[:HELPED_ROWS]]
    lines += [t.text for t in helped.tags[:HELPED_ROWS]]
    if not lines:
        note = messages.HELPED_TOO_FEW.format(practices=MIN_PRACTICE_REGION, tags=MIN_TAG_DAYS)
        return [heading, _indented(Text(note, style=QUIET))]
    return [heading, _Bullets(lines)]


def _tally_line(tally: Tally, label: str, most: int, compared: bool) -> Text:
    line = Text(f"  {label:<24}")
    if most:  # no bar for --plain
        line.append(bar(tally.count, most, 10).ljust(10), style="sj.bar")
    line.append(f" {tally.count:>3}  ")
    line.append_text(count_change(tally.count, tally.previous_count, compared))
    return line


def _emotions(summary: ReviewSummary, plain: bool = False) -> list[RenderableType]:
    if not any(t.count for t in summary.quadrants):
        return [_heading("Emotions"), Text(f"  {messages.REVIEW_NO_EMOTIONS}", style=QUIET)]
    parts: list[RenderableType] = [_heading("Emotions", "by quadrant, family and name")]
    most = max(t.count for t in summary.quadrants)
    compared = summary.previous_counts.emotions > 0
    lines = [
        _tally_line(t, QUADRANT_NAMES.get(t.key, t.key), 0 if plain else most, compared)
        for t in summary.quadrants
    ]
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
    rows = [[Text(h, style=QUIET) for h in ("", "check-ins", "target area", "distress")]]
    for effect in summary.release:
        rows.append(
            [
                Text(effect.practice, style="bold"),
                Text(str(effect.checkins)),
                _drop(effect.target_drop, effect.target_n),
                _drop(effect.distress_drop, effect.distress_n),
            ]
        )
    return [
        _heading("Release practices", "average change from before to after (n)"),
        _Rows(rows),
    ]


def _drop(value: float | None, n: int) -> Text:
    if value is None:
        return Text("-", style=QUIET)
    style = "sj.easier" if value >= 0.05 else QUIET
    return Text.assemble((signed(-value), style), (f" ({n})", QUIET))


def _consistency(summary: ReviewSummary, plain: bool = False) -> list[RenderableType]:
    c = summary.consistency
    line = Text(
        messages.REVIEW_COUNT.format(
            checkins=messages.counted(c.checkins, "check-in"),
            days=c.days_with_checkins,
            period_days=summary.period.days,
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
    parts: list[RenderableType] = [_heading("Consistency"), _indented(line)]
    if not plain:  # the calendar is a picture of the same counts
        parts.append(_calendar(summary))
    return parts


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"


def _calendar(summary: ReviewSummary) -> Text:
    c = summary.consistency
    start = date.fromisoformat(c.calendar_start)
    as_of = date.fromisoformat(summary.as_of)
    rows = [Text("          M T W T F S S", style=QUIET)]
    for week in range(CALENDAR_WEEKS):
        monday = start + timedelta(weeks=week)
        text = Text(f"  {monday:%d %b}", style=QUIET)
        text.append("  ")
        rows.append(text)
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
            text.append(mark, style=style)
            if offset < 6:
                text.append(" ")
        text.rstrip()  # days still to come
    return Text("\n").join(rows)


def _tags(summary: ReviewSummary) -> list[RenderableType]:
    if not summary.tags:
        return []
    line = Text()
    for index, tag in enumerate(summary.tags):
        if index:
            line.append("   ")
        line.append(f"{tag.tag} {tag.count} ")
        line.append_text(
            count_change(tag.count, tag.previous_count, summary.previous_counts.tags > 0)
        )
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
    return [heading, _Bullets([observation.text for observation in summary.patterns])]
