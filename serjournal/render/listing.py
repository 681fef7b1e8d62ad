"""The one-line-per-check-in table of `serjournal list`."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rich.table import Table

from serjournal.render.entry import rating_text
from serjournal.store.checkins import CheckInLine


def local_clock(line: CheckInLine) -> str:
    moment = datetime.fromisoformat(line.created_utc.replace("Z", "+00:00"))
    local = moment.astimezone(timezone(timedelta(minutes=line.utc_offset_minutes)))
    return local.strftime("%a %d %b %H:%M")


def checkin_table(lines: list[CheckInLine]) -> Table:
    table = Table(box=None, header_style="sj.heading", pad_edge=False)
    with_tags = any(line.tags for line in lines)  # no empty column for the untagged
    columns = ["id", "when", "mood", "energy", "distress", "body", "feelings"]
    for column in columns + (["tags"] if with_tags else []):
        table.add_column(column, overflow="fold")
    for line in lines:
        table.add_row(
            line.id[:8],
            local_clock(line) + (" (quick)" if line.mode == "quick" else ""),
            rating_text(line.mood),
            rating_text(line.energy),
            rating_text(line.distress),
            line.regions,
            line.emotions,
            *([line.tags] if with_tags else []),
        )
    return table
