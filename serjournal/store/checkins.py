"""Reading check-ins, and the one description of the rows a check-in is
stored as (checkin_row, child_rows). Writing is store/writes.py's job."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from serjournal import content, messages
from serjournal.errors import InputError
from serjournal.models import RATING_FIELDS, CheckIn, EmotionEntry, Sensation, parse_utc
from serjournal.store.reading import Readable

CHECKIN_COLUMNS: tuple[str, ...] = (
    "id",
    "created_utc",
    "local_date",
    "utc_offset_minutes",
    "mode",
    "duration_seconds",
    *RATING_FIELDS,
    "practice",
    "practice_seconds",
    "edited_utc",
)


def checkin_exists(db: Readable, checkin_id: str) -> bool:
    return db.execute("SELECT 1 FROM checkins WHERE id = ?", [checkin_id]).fetchone() is not None


# When a check-in was made and how long it took differ between a first try and
# a retry of the same save; the answers do not.
_NOT_ANSWERS = ("created_utc", "local_date", "utc_offset_minutes", "duration_seconds", "edited_utc")


def same_answers(a: CheckIn, b: CheckIn) -> bool:
    """Whether two check-ins hold the same answers (whenever they were made)."""
    first, second = a.to_dict(), b.to_dict()
    return all(first[k] == second[k] for k in first if k not in _NOT_ANSWERS)


CHILD_TABLES: tuple[str, ...] = ("sensations", "emotions", "answers", "tags")


def checkin_row(checkin: CheckIn) -> dict[str, Any]:
    """The check-in's row in the checkins table."""
    data = checkin.to_dict()
    return {column: data[column] for column in CHECKIN_COLUMNS}


def child_rows(checkin: CheckIn) -> dict[str, list[dict[str, Any]]]:
    """The check-in's rows in each child table: the one place their shape is
    written down (saving, editing and the demo's bulk insert all use it)."""
    return {
        "sensations": [
            {"checkin_id": checkin.id, "position": i, **vars(s), "is_target": int(s.is_target)}
            for i, s in enumerate(checkin.sensations)
        ],
        "emotions": [
            {"checkin_id": checkin.id, "position": i, **vars(e)}
            for i, e in enumerate(checkin.emotions)
        ],
        "answers": [
            {
                "checkin_id": checkin.id,
                "stage": content.ANSWER_STAGE.get(key, "other"),
                "prompt": key,
                "text": text,
            }
            for key, text in checkin.answers.items()
        ],
        "tags": [{"checkin_id": checkin.id, "tag": tag} for tag in dict.fromkeys(checkin.tags)],
    }


def resolve_id(db: Readable, prefix: str) -> str:
    """The full id of the live check-in named by `prefix`: a unique start of
    its id, or `last` (the newest) and `-1`, `-2`, ... (counting back)."""
    text = prefix.strip().lower()
    back = 1 if text == "last" else _count_back(text)
    if back is None:
        return resolve_prefix(db, "checkins", "id", prefix, messages.NO_SUCH_CHECKIN)
    row = db.execute(
        "SELECT id FROM checkins ORDER BY created_utc DESC, id DESC LIMIT 1 OFFSET ?", [back - 1]
    ).fetchone()
    if row is None:
        total = db.execute("SELECT count(*) FROM checkins").fetchone()[0]
        raise InputError(messages.NO_LAST.format(number=back, total=total))
    return str(row[0])


def _count_back(text: str) -> int | None:
    """-3 -> 3; anything else -> None. Bounded: a typo is not a huge offset."""
    if text.startswith("-") and text[1:].isascii() and text[1:].isdigit() and len(text) <= 7:
        number = int(text[1:])
        return number if number >= 1 else None
    return None


def resolve_prefix(db: Readable, table: str, column: str, prefix: str, missing: str) -> str:
    """The one value of `table.column` starting with `prefix` (ids are typed
    short); InputError with `missing` when none, or naming them when several."""
    cleaned = prefix.strip().lower()
    if not cleaned or any(c not in "0123456789abcdef-" for c in cleaned):
        raise InputError(messages.BAD_ID.format(id=prefix))
    rows = db.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE {column} >= ? AND {column} < ? "
        f"ORDER BY {column} LIMIT 6",
        [cleaned, cleaned + "\uffff"],
    ).fetchall()
    if not rows:
        raise InputError(missing.format(id=prefix))
    if len(rows) > 1:
        raise InputError(
            messages.AMBIGUOUS_ID.format(id=prefix, matches=", ".join(r[0][:8] for r in rows[:5]))
        )
    return str(rows[0][0])


def load_checkin(db: Readable, checkin_id: str) -> CheckIn:
    row = db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins WHERE id = ?", [checkin_id]
    ).fetchone()
    if row is None:
        raise InputError(messages.NO_SUCH_CHECKIN.format(id=checkin_id))
    return assemble_checkins(db, [dict(zip(CHECKIN_COLUMNS, row, strict=True))])[0]


def assemble_checkins(db: Readable, rows: list[dict[str, Any]]) -> list[CheckIn]:
    """Whole check-ins from rows of the checkins table: one query per child
    table for all of them, not one per check-in (exports read 500 at a time)."""
    checkins = {row["id"]: _checkin_header(row) for row in rows}
    marks = ", ".join("?" * len(checkins))
    ids = list(checkins)
    for r in db.execute(
        "SELECT checkin_id, region, side, quality, intensity, intensity_after, is_target "
        f"FROM sensations WHERE checkin_id IN ({marks}) ORDER BY checkin_id, position",
        ids,
    ):
        checkins[r[0]].sensations.append(Sensation(r[1], r[3], r[4], r[2], r[5], bool(r[6])))
    for r in db.execute(
        "SELECT checkin_id, name, family, valence, energy, intensity, region "
        f"FROM emotions WHERE checkin_id IN ({marks}) ORDER BY checkin_id, position",
        ids,
    ):
        checkins[r[0]].emotions.append(EmotionEntry(*r[1:]))
    for r in db.execute(
        f"SELECT checkin_id, prompt, text FROM answers WHERE checkin_id IN ({marks}) ORDER BY id",
        ids,
    ):
        checkins[r[0]].answers[r[1]] = r[2]
    for r in db.execute(
        f"SELECT checkin_id, tag FROM tags WHERE checkin_id IN ({marks}) ORDER BY rowid", ids
    ):
        checkins[r[0]].tags.append(r[1])
    return list(checkins.values())


def _checkin_header(row: dict[str, Any]) -> CheckIn:
    checkin = CheckIn(
        id=row["id"],
        created_utc=parse_utc(row["created_utc"]),
        local_date=row["local_date"],
        utc_offset_minutes=row["utc_offset_minutes"],
        mode=row["mode"],
        duration_seconds=row["duration_seconds"],
        practice=row["practice"],
        practice_seconds=row["practice_seconds"],
        edited_utc=parse_utc(row["edited_utc"]) if row["edited_utc"] else None,
    )
    for name in RATING_FIELDS:
        setattr(checkin, name, row[name])
    return checkin


@dataclass
class CheckInLine:
    """What `list` shows of one check-in: enough for a line, cheap to read."""

    id: str
    created_utc: str
    local_date: str
    utc_offset_minutes: int
    mode: str
    mood: int | None
    energy: int | None
    distress: int | None
    regions: str
    emotions: str
    tags: str = ""


def recent_checkins(db: Readable, limit: int = 10) -> list[CheckInLine]:
    rows = db.execute(
        """
        SELECT c.id, c.created_utc, c.local_date, c.utc_offset_minutes, c.mode,
               c.mood, c.energy, c.distress,
               (SELECT group_concat(region, ', ') FROM
                  (SELECT region FROM sensations WHERE checkin_id = c.id ORDER BY position)),
               (SELECT group_concat(name, ', ') FROM
                  (SELECT name FROM emotions WHERE checkin_id = c.id ORDER BY position))
        FROM checkins c
        ORDER BY c.created_utc DESC, c.id
        LIMIT ?
        """,
        [limit],
    ).fetchall()
    names = [f.name for f in fields(CheckInLine)]
    return [
        CheckInLine(**dict(zip(names[:10], (*r[:8], r[8] or "", r[9] or ""), strict=True)))
        for r in rows
    ]


def count_checkins(db: Readable) -> int:
    return int(db.execute("SELECT count(*) FROM checkins").fetchone()[0])
