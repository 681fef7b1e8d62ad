"""Full-text search over every written answer (SQLite FTS5, see m003)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from serjournal import messages
from serjournal.errors import InputError
from serjournal.store.reading import Readable, sql_limit

# Control characters mark the matched words in a snippet: they cannot occur in
# answers typed at a prompt, so user text is never mistaken for a marker.
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16

_WORD = re.compile(r"\w+\*?", re.UNICODE)


@dataclass
class SearchHit:
    checkin_id: str
    local_date: str
    created_utc: str
    utc_offset_minutes: int
    prompt: str
    snippet: str  # matched words wrapped in MARK_START ... MARK_END


def fts_query(text: str) -> str:
    """The user's words as a safe FTS5 query: every word must appear, each
    quoted so FTS syntax (AND, NEAR, quotes, colons) is taken literally; a
    trailing * keeps its meaning as "starts with"."""
    terms = []
    for word in _WORD.findall(text):
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if core:
            terms.append(f'"{core}"' + ("*" if prefix else ""))
    if not terms:
        raise InputError(messages.SEARCH_NO_WORDS.format(text=text))
    return " ".join(terms)


def search_answers(db: Readable, text: str, limit: int = 20) -> list[SearchHit]:
    """Best matches first (FTS5 bm25 rank), newest first among equals."""
    rows = db.execute(
        f"""
        SELECT c.id, c.local_date, c.created_utc, c.utc_offset_minutes, a.prompt,
               snippet(answers_fts, 0, '{MARK_START}', '{MARK_END}', '{ELLIPSIS}', ?)
        FROM answers_fts
        JOIN answers a ON a.id = answers_fts.rowid
        JOIN checkins c ON c.id = a.checkin_id
        WHERE answers_fts MATCH ?
        ORDER BY answers_fts.rank, c.created_utc DESC
        LIMIT ?
        """,
        [SNIPPET_TOKENS, fts_query(text), sql_limit(limit)],
    ).fetchall()
    return [SearchHit(*row) for row in rows]


def split_marked(snippet: str) -> list[tuple[str, bool]]:
    """[(text, is_match), ...] from a marked snippet, for rendering."""
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return parts


TAG_PROMPT = "tag"


def search_tags(db: Readable, text: str, limit: int = 20) -> list[SearchHit]:
    """Check-ins tagged with exactly the searched text (any case; a trailing *
    matches the start of a tag), newest first."""
    wanted = " ".join(text.lower().split())
    prefix = wanted.endswith("*")
    wanted = wanted.rstrip("*").strip()
    if not wanted:
        return []
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.execute(
        """
        SELECT c.id, c.local_date, c.created_utc, c.utc_offset_minutes, t.tag
        FROM tags t JOIN checkins c ON c.id = t.checkin_id
        WHERE lower(t.tag) = ? OR (? AND lower(t.tag) LIKE ? ESCAPE '\\')
        ORDER BY c.created_utc DESC, t.tag
        LIMIT ?
        """,
        [wanted, prefix, escaped + "%", sql_limit(limit)],
    ).fetchall()
    return [
        SearchHit(r[0], r[1], r[2], r[3], TAG_PROMPT, f"{MARK_START}{r[4]}{MARK_END}") for r in rows
    ]
