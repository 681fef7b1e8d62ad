"""What the user's own history offers a new check-in: the words they choose
most, the places noticed last time, yesterday's intention and takeaway, and
the numbers behind one line of context after saving.

Read-only queries on indexed columns; nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from serjournal.store.reading import Readable

FREQUENT_DAYS = 60  # "chosen often" looks this far back
RECENT_DAYS = 7  # "the last 7 days" in the context line
EFFECT_DAYS = 84  # practice effects: the last twelve weeks, as the review's patterns
EASED_BY_PRACTICES = ("breath", "movement", "hand")


@dataclass
class Frequent:
    """How often each word was chosen in the last FREQUENT_DAYS days."""

    regions: dict[str, int] = field(default_factory=dict)
    qualities: dict[str, int] = field(default_factory=dict)
    emotions: dict[str, int] = field(default_factory=dict)
    tags: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LastTime:
    """The places noticed in the previous check-in, what each was like, and
    its day ('Tue 24 Nov')."""

    regions: list[str]
    day: str
    qualities: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Carried:
    """What yesterday's check-ins set out to carry into today."""

    focus: str | None = None
    takeaway: str | None = None


@dataclass(frozen=True)
class PracticeEffect:
    practice: str
    mean_drop: float
    n: int


def frequent_choices(db: Readable, today: date, days: int = FREQUENT_DAYS) -> Frequent:
    """Regions, qualities, emotions and tags by how often they were chosen in
    the `days` days up to `today` (one query)."""
    since = (today - timedelta(days=days - 1)).isoformat()
    until = today.isoformat()
    recent = "JOIN checkins c ON c.id = x.checkin_id WHERE c.local_date BETWEEN ? AND ?"
    rows = db.execute(
        f"""
        SELECT 'regions', x.region, count(*) FROM sensations x {recent} GROUP BY x.region
        UNION ALL
        SELECT 'qualities', x.quality, count(*) FROM sensations x {recent} GROUP BY x.quality
        UNION ALL
        SELECT 'emotions', x.name, count(*) FROM emotions x {recent} GROUP BY x.name
        UNION ALL
        SELECT 'tags', x.tag, count(*) FROM tags x {recent} GROUP BY x.tag
        """,
        [since, until] * 4,
    ).fetchall()
    frequent = Frequent()
    for kind, word, count in rows:
        getattr(frequent, kind)[word] = int(count)
    return frequent


def last_time(db: Readable, excluding: str = "") -> LastTime | None:
    """The regions of the most recent check-in (other than `excluding`), if it had any."""
    row = db.execute(
        "SELECT id, local_date FROM checkins WHERE id != ? ORDER BY created_utc DESC LIMIT 1",
        [excluding],
    ).fetchone()
    if row is None:
        return None
    places = db.execute(
        "SELECT region, quality FROM sensations WHERE checkin_id = ? ORDER BY position", [row[0]]
    ).fetchall()
    if not places:
        return None
    qualities: dict[str, str] = {}
    for region, quality in places:
        qualities.setdefault(region, quality)
    return LastTime(list(qualities), f"{date.fromisoformat(row[1]):%a %d %b}", qualities)


def carried_from_yesterday(db: Readable, today: date) -> Carried | None:
    """Yesterday's intention (focus) and takeaway, the latest of each; None
    when an earlier check-in today already said how it went."""
    answered = db.execute(
        """
        SELECT 1 FROM answers a JOIN checkins c ON c.id = a.checkin_id
        WHERE c.local_date = ? AND a.prompt = 'followup' LIMIT 1
        """,
        [today.isoformat()],
    ).fetchone()
    if answered is not None:
        return None
    yesterday = (today - timedelta(days=1)).isoformat()
    found: dict[str, str] = {}
    for prompt, text in db.execute(
        """
        SELECT a.prompt, a.text FROM answers a JOIN checkins c ON c.id = a.checkin_id
        WHERE c.local_date = ? AND a.prompt IN ('focus', 'takeaway') AND trim(a.text) != ''
        ORDER BY c.created_utc DESC
        """,
        [yesterday],
    ):
        found.setdefault(prompt, text)
    if not found:
        return None
    return Carried(focus=found.get("focus"), takeaway=found.get("takeaway"))


def times_noticed(db: Readable, region: str, quality: str, day: date) -> int:
    """Check-ins in the RECENT_DAYS days up to `day` with this region and quality."""
    since = (day - timedelta(days=RECENT_DAYS - 1)).isoformat()
    row = db.execute(
        """
        SELECT count(DISTINCT c.id) FROM checkins c JOIN sensations s ON s.checkin_id = c.id
        WHERE s.region = ? AND s.quality = ? AND c.local_date BETWEEN ? AND ?
        """,
        [region, quality, since, day.isoformat()],
    ).fetchone()
    return int(row[0])


def times_felt(db: Readable, emotion: str, day: date) -> int:
    """Check-ins in the RECENT_DAYS days up to `day` that named this emotion."""
    since = (day - timedelta(days=RECENT_DAYS - 1)).isoformat()
    row = db.execute(
        """
        SELECT count(DISTINCT c.id) FROM checkins c JOIN emotions e ON e.checkin_id = c.id
        WHERE e.name = ? AND c.local_date BETWEEN ? AND ?
        """,
        [emotion, since, day.isoformat()],
    ).fetchone()
    return int(row[0])


def practice_effects(db: Readable, region: str, day: date) -> list[PracticeEffect]:
    """For each practice, the average drop in a targeted region's intensity
    from before to after it, over the last EFFECT_DAYS days; largest first."""
    since = (day - timedelta(days=EFFECT_DAYS - 1)).isoformat()
    marks = ", ".join("?" for _ in EASED_BY_PRACTICES)
    rows = db.execute(
        f"""
        SELECT c.practice, avg(s.intensity - s.intensity_after), count(*)
        FROM checkins c JOIN sensations s ON s.checkin_id = c.id
        WHERE s.region = ? AND s.is_target = 1 AND s.intensity_after IS NOT NULL
          AND c.practice IN ({marks}) AND c.local_date BETWEEN ? AND ?
        GROUP BY c.practice
        """,
        [region, *EASED_BY_PRACTICES, since, day.isoformat()],
    ).fetchall()
    effects = [PracticeEffect(p, float(mean), int(n)) for p, mean, n in rows]
    return sorted(effects, key=lambda e: (-e.mean_drop, e.practice))
