"""Search results: date, short id, which prompt, and the snippet with matches marked."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from rich.table import Table
from rich.text import Text

from serjournal import messages
from serjournal.render.entry import PROMPT_QUESTIONS
from serjournal.store.search import TAG_PROMPT, SearchHit, split_marked

MATCH_STYLE = "bold reverse"


def marked_text(snippet: str) -> Text:
    text = Text()
    for piece, is_match in split_marked(snippet):
        text.append(piece, style=MATCH_STYLE if is_match else "")
    return text


def render_hits(hits: list[SearchHit]) -> Table:
    table = Table(box=None, header_style="sj.heading", pad_edge=False, show_header=True)
    table.add_column("when", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("found", overflow="fold")
    for hit in hits:
        label = (
            messages.SEARCH_TAGGED
            if hit.prompt == TAG_PROMPT
            else PROMPT_QUESTIONS.get(hit.prompt, hit.prompt)
        )
        found = Text.assemble((label, "sj.hint"), "\n")
        found.append_text(marked_text(hit.snippet))
        table.add_row(_local(hit), hit.checkin_id[:8], found)
    return table


def hits_as_json(hits: list[SearchHit]) -> str:
    """Plain snippets, with the matched words listed separately."""
    return json.dumps(
        [
            {
                "id": hit.checkin_id,
                "local_date": hit.local_date,
                "created_utc": hit.created_utc,
                "prompt": hit.prompt,
                "snippet": "".join(piece for piece, _ in split_marked(hit.snippet)),
                "matches": [piece for piece, is_match in split_marked(hit.snippet) if is_match],
            }
            for hit in hits
        ],
        ensure_ascii=False,
        indent=2,
    )


def _local(hit: SearchHit) -> str:
    moment = datetime.fromisoformat(hit.created_utc.replace("Z", "+00:00"))
    zone = timezone(timedelta(minutes=hit.utc_offset_minutes))
    return moment.astimezone(zone).strftime("%a %d %b %Y")
