"""The year view: one mark a day, a row a month, like a year in pixels.

Each day's mark is a block whose height follows the day's average on the
chosen scale (so it reads without colour) and whose colour follows the same
value in five steps. A dot is a day without a check-in; a blank is a day
still to come or one the month does not have. --plain gives a table of
monthly averages instead, which a screen reader can say.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from serjournal.review.figures import DayPoint

SPARK = "▁▂▃▄▅▆▇█"
NO_ENTRY = "·"
STEPS = 5
# Five steps from the low end of a scale to its high end: the one theme's ramp
# (render/theme.py), readable on light and dark backgrounds. Colour is never
# the only carrier: the block's height says the same.
RAMP = ("sj.hint", "sj.level.1", "sj.level.2", "sj.level.3", "sj.level.4")
PALETTES: dict[str, tuple[str, ...]] = {"mood": RAMP, "energy": RAMP, "distress": RAMP}
HTML_PALETTES: dict[str, tuple[str, ...]] = {
    "mood": ("#8e7cc3", "#8fa8dc", "#9fc5e8", "#93c47d", "#4f9a48"),
    "energy": ("#b7b7b7", "#e6d59a", "#f1c232", "#f6a04d", "#e06c1f"),
    "distress": ("#b6d7a8", "#d9ead3", "#ffe599", "#f4b183", "#d5739d"),
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_HEADER = "1   5    10   15   20   25   30"


def step(value: float) -> int:
    """0 to STEPS-1 for a 0-10 value."""
    return min(STEPS - 1, max(0, int(value / 10 * STEPS)))


def mark(value: float | None) -> str:
    if value is None:
        return NO_ENTRY
    return SPARK[min(len(SPARK) - 1, int(value / 10 * len(SPARK)))]


def months(days: list[DayPoint]) -> dict[tuple[int, int], dict[int, DayPoint]]:
    """The days grouped by (year, month), keyed by day of the month."""
    grouped: dict[tuple[int, int], dict[int, DayPoint]] = {}
    for point in days:
        day = date.fromisoformat(point.day)
        grouped.setdefault((day.year, day.month), {})[day.day] = point
    return grouped


def year_grid(days: list[DayPoint], by: str, today: date) -> Text:
    """Twelve rows of up to 31 marks, the day numbers above them."""
    palette = PALETTES[by]
    rows = [Text(f"      {DAY_HEADER}", style="dim")]
    for (_, month), points in months(days).items():
        row = Text(f"  {MONTHS[month - 1]}", style="dim")
        row.append(" ")
        for number in range(1, 32):
            point = points.get(number)
            if point is None or date.fromisoformat(point.day) > today:
                row.append(" ")
                continue
            value = getattr(point, by)
            if value is None:
                row.append(NO_ENTRY, style="dim")
            else:
                row.append(mark(value), style=palette[step(value)])
        row.rstrip()  # days still to come, and days the month does not have
        rows.append(row)
    return Text("\n").join(rows)


def year_legend(by: str) -> Text:
    palette = PALETTES[by]
    text = Text("  ")
    for index, value in enumerate((0.0, 2.5, 5.0, 7.5, 10.0)):
        text.append(mark(value), style=palette[index])
    text.append(f" {by} 0 to 10, a day's average   ", style="dim")
    text.append(NO_ENTRY, style="dim")
    text.append(" no check-in", style="dim")
    return text


def month_averages(days: list[DayPoint]) -> list[tuple[str, int, list[float | None]]]:
    """(month name, days with a check-in, [mood, energy, distress] averages of
    the days) per month, for the plain table."""
    rows = []
    for (_, month), points in months(days).items():
        rated = [p for p in points.values() if p.checkins]
        averages: list[float | None] = []
        for scale in ("mood", "energy", "distress"):
            values = [v for v in (getattr(p, scale) for p in rated) if v is not None]
            averages.append(sum(values) / len(values) if values else None)
        rows.append((MONTHS[month - 1], len(rated), averages))
    return rows
