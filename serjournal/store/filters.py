"""Which check-ins `list` shows: the filters, turned into one SQL WHERE clause.

where_clause is pure (filters in, SQL and parameters out) so it is tested
without a journal; filtered_checkins runs it and reads only the matching rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from serjournal import messages
from serjournal.answers import checked_text, parse_rating
from serjournal.errors import InputError
from serjournal.store.checkins import CheckInLine
from serjournal.store.reading import Readable, sql_limit
from serjournal.timeutil import parse_day
from serjournal.vocabulary import Vocabulary, normalise


@dataclass
class ListFilter:
    since: date | None = None
    until: date | None = None
    regions: list[str] = field(default_factory=list)  # every one must appear
    emotions: list[str] = field(default_factory=list)  # names; every one must appear
    # Other stored names that mean one of those words (a synonym once saved as
    # a word of its own): an entry with any of them counts as that word.
    emotion_aliases: dict[str, list[str]] = field(default_factory=dict)
    families: list[str] = field(default_factory=list)  # emotion families
    tags: list[str] = field(default_factory=list)  # every one must be on the entry
    min_distress: int | None = None

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) not in (None, [], {}) for f in fields(self))


def where_clause(f: ListFilter) -> tuple[str, list[object]]:
    """SQL for `FROM checkins c WHERE ...` and its parameters, in order."""
    conditions: list[str] = []
    params: list[object] = []
    if f.since is not None:
        conditions.append("c.local_date >= ?")
        params.append(f.since.isoformat())
    if f.until is not None:
        conditions.append("c.local_date <= ?")
        params.append(f.until.isoformat())
    for region in f.regions:
        # A region counts when a sensation was there or an emotion was felt there.
        conditions.append(
            "(EXISTS (SELECT 1 FROM sensations s WHERE s.checkin_id = c.id AND s.region = ?)"
            " OR EXISTS (SELECT 1 FROM emotions e WHERE e.checkin_id = c.id AND e.region = ?))"
        )
        params += [region, region]
    for name in f.emotions:
        names = [name, *f.emotion_aliases.get(name, [])]
        marks = ", ".join("?" * len(names))
        conditions.append(
            f"EXISTS (SELECT 1 FROM emotions e WHERE e.checkin_id = c.id AND e.name IN ({marks}))"
        )
        params += names
    for family in f.families:
        conditions.append(
            "EXISTS (SELECT 1 FROM emotions e WHERE e.checkin_id = c.id AND e.family = ?)"
        )
        params.append(family)
    for tag in f.tags:
        conditions.append("EXISTS (SELECT 1 FROM tags t WHERE t.checkin_id = c.id AND t.tag = ?)")
        params.append(tag)
    if f.min_distress is not None:
        conditions.append("c.distress >= ?")
        params.append(f.min_distress)
    return (" AND ".join(conditions) or "1"), params


# Unit separator: joins names in SQL and cannot occur in a typed word.
_SEP = "\x1f"


def filtered_checkins(
    db: Readable, f: ListFilter, limit: int | None = None
) -> list[dict[str, Any]]:
    """Matching check-ins, newest first, as plain dicts (the `list --json`
    form) with their regions, emotions and tags as lists."""
    where, params = where_clause(f)
    rows = db.execute(
        f"""
        SELECT c.id, c.created_utc, c.local_date, c.utc_offset_minutes, c.mode,
               c.mood, c.energy, c.distress, c.edited_utc,
               (SELECT group_concat(region, '{_SEP}') FROM
                  (SELECT region FROM sensations WHERE checkin_id = c.id ORDER BY position)),
               (SELECT group_concat(name, '{_SEP}') FROM
                  (SELECT name FROM emotions WHERE checkin_id = c.id ORDER BY position)),
               (SELECT group_concat(tag, '{_SEP}') FROM
                  (SELECT tag FROM tags WHERE checkin_id = c.id ORDER BY rowid))
        FROM checkins c
        WHERE {where}
        ORDER BY c.created_utc DESC, c.id
        LIMIT ?
        """,
        [*params, sql_limit(limit)],
    ).fetchall()
    keys = [
        *("id", "created_utc", "local_date", "utc_offset_minutes", "mode"),
        *("mood", "energy", "distress", "edited_utc"),
    ]
    return [
        {
            **dict(zip(keys, r[:9], strict=True)),
            **{
                name: (value.split(_SEP) if value else [])
                for name, value in zip(("regions", "emotions", "tags"), r[9:], strict=True)
            },
        }
        for r in rows
    ]


def as_line(row: dict[str, Any]) -> CheckInLine:
    """A filtered row in the shape the `list` table renders."""
    plain: dict[str, Any] = {f.name: row.get(f.name) for f in fields(CheckInLine)}
    for name in ("regions", "emotions", "tags"):
        plain[name] = ", ".join(dict.fromkeys(row[name]))
    return CheckInLine(**plain)


def known_tags(db: Readable) -> list[str]:
    """Every tag in use, most used first: offered at the end of a check-in."""
    return [
        r[0] for r in db.execute("SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag")
    ]


def build_filter(
    db: Readable,
    vocabulary: Vocabulary,
    *,
    since: str | None = None,
    until: str | None = None,
    regions: list[str] | None = None,
    emotions: list[str] | None = None,
    tags: list[str] | None = None,
    min_distress: int | None = None,
) -> ListFilter:
    """Check the words typed for `list` and make a ListFilter. A word that is
    no longer in the vocabulary but is in the journal still matches."""
    # Typed words become SQL parameters: undecodable bytes get one clear line.
    for option, words in (("--region", regions), ("--emotion", emotions), ("--tag", tags)):
        for word in words or []:
            checked_text(option, word)
    f = ListFilter(
        since=parse_day(since) if since else None,
        until=parse_day(until) if until else None,
        tags=[t.strip() for t in tags or [] if t.strip()],
        min_distress=parse_rating("--min-distress", min_distress)
        if min_distress is not None
        else None,
    )
    if f.since and f.until and f.since > f.until:
        raise InputError(messages.LIST_SINCE_AFTER_UNTIL.format(since=f.since, until=f.until))
    for text in regions or []:
        cleaned = normalise(text)
        if cleaned not in vocabulary.regions:
            cleaned = vocabulary.region_aliases.get(cleaned, cleaned)
        if not _stored(db, "sensations", "region", cleaned):
            cleaned = vocabulary.region(text)
        f.regions.append(cleaned)
    for text in emotions or []:
        cleaned = normalise(text)
        if cleaned in vocabulary.families or _stored(db, "emotions", "family", cleaned):
            f.families.append(cleaned)
            continue
        known = vocabulary.find_emotion(text)  # a word, or a synonym of one ("glad")
        if known is not None:
            f.emotions.append(known.name)
        elif _stored(db, "emotions", "name", cleaned):
            f.emotions.append(cleaned)  # a word since removed from the config
        else:
            vocabulary.emotion(text)  # raises: a family, a vague word, or suggestions
    if f.emotions:
        f.emotion_aliases = _stored_aliases(db, vocabulary, f.emotions)
    return f


def _stored_aliases(db: Readable, vocabulary: Vocabulary, names: list[str]) -> dict[str, list[str]]:
    """For each wanted word, the names in the journal that are not words of
    the vocabulary but resolve to it (a config word "glad", now a synonym of
    happy): `list --emotion happy` finds those entries too."""
    aliases: dict[str, list[str]] = {}
    for (stored,) in db.execute("SELECT DISTINCT name FROM emotions"):
        if stored in vocabulary.emotions:
            continue
        known = vocabulary.find_emotion(stored)
        if known is not None and known.name in names:
            aliases.setdefault(known.name, []).append(stored)
    return aliases


def _stored(db: Readable, table: str, column: str, value: str) -> bool:
    sql = f"SELECT 1 FROM {table} WHERE {column} = ? LIMIT 1"
    return db.execute(sql, [value]).fetchone() is not None
