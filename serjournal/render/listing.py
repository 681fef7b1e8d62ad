"""The one-line-per-check-in table of `serjournal list`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from serjournal.render.entry import rating_text
from serjournal.store.checkins import CheckInLine


def local_clock(line: CheckInLine, with_weekday: bool = True) -> str:
    moment = datetime.fromisoformat(line.created_utc.replace("Z", "+00:00"))
    local = moment.astimezone(timezone(timedelta(minutes=line.utc_offset_minutes)))
    return local.strftime("%a %d %b %H:%M" if with_weekday else "%d %b %H:%M")


GAP = "  "
NARROW = 72  # below this many columns the time drops its weekday
MIN_WORDS = 10  # a words column narrower than this is left out, not cut to "sh…"


def checkin_table(lines: list[CheckInLine], long: bool = False) -> RenderableType:
    """`long`: every word, wrapping, with the mode. Otherwise one line per
    check-in at any width (see one_line_rows)."""
    return _long_table(lines) if long else _OneLineRows(lines)


class _OneLineRows:
    """Rendered at the console's width when printed."""

    def __init__(self, lines: list[CheckInLine]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from one_line_rows(self.lines, options.max_width)


def one_line_rows(lines: list[CheckInLine], width: int) -> list[Text]:
    """The header and one line per check-in, none longer than `width`: id,
    time and ratings keep their width; body, feelings and tags share what is
    left, end in '…' when they do not fit, and the last ones are left out
    when even that would leave them too narrow to read."""
    narrow = width < NARROW
    fixed = [("id", 8), ("when", 12 if narrow else 16), ("mood", 4), ("energy", 6)]
    fixed.append(("distress", 8))
    words = ["body", "feelings"] + (["tags"] if any(line.tags for line in lines) else [])
    room = width - sum(w for _, w in fixed) - len(GAP) * len(fixed)
    while len(words) > 1 and (room - len(GAP) * (len(words) - 1)) // len(words) < MIN_WORDS:
        words.pop()
    room = max(0, room - len(GAP) * (len(words) - 1))
    columns = [*fixed, *((name, _fit_share(room, len(words), i)) for i, name in enumerate(words))]
    header = Text(no_wrap=True)
    for name, cell in columns:
        header.append(_fit(name, cell).ljust(cell) + GAP, style="sj.heading")
    rows = [_strip(header)]
    for line in lines:
        values = {
            "id": line.id[:8],
            "when": local_clock(line, with_weekday=not narrow),
            "mood": _number(line.mood),
            "energy": _number(line.energy),
            "distress": _number(line.distress),
            "body": line.regions,
            "feelings": line.emotions,
            "tags": line.tags,
        }
        row = Text(no_wrap=True)
        for name, cell in columns:
            row.append(_fit(values[name], cell).ljust(cell) + GAP)
        rows.append(_strip(row))
    return rows


def _fit_share(room: int, parts: int, index: int) -> int:
    """Split `room` cells over `parts` columns, the first ones a cell wider."""
    return room // parts + (1 if index < room % parts else 0)


def _fit(text: str, cells: int) -> str:
    """`text` cut to `cells` terminal cells, ending in '…' when cut."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    return set_cell_size(text, cells - 1) + "…"


def _strip(text: Text) -> Text:
    text.rstrip()
    return text


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def _long_table(lines: list[CheckInLine]) -> Table:
    table = Table(box=None, header_style="sj.heading", pad_edge=False)
    columns = ["id", "when", "mode", "mood", "energy", "distress", "body", "feelings", "tags"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for line in lines:
        table.add_row(
            line.id[:8],
            local_clock(line),
            line.mode,
            rating_text(line.mood),
            rating_text(line.energy),
            rating_text(line.distress),
            line.regions,
            line.emotions,
            line.tags,
        )
    return table
