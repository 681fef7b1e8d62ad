"""The check-in record, and its one dictionary form.

The dictionary form (to_dict / from_dict) is the JSON given to
`checkin --from-json`, kept in drafts, and written by `export --format json`,
so one shape serves all three and round-trips without loss.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

RATING_FIELDS: tuple[str, ...] = (
    "settledness",
    "mood",
    "energy",
    "distress",
    "distress_after",
    "closing_mood",
)


@dataclass
class Sensation:
    region: str
    quality: str
    intensity: int
    side: str | None = None
    intensity_after: int | None = None
    is_target: bool = False


@dataclass
class EmotionEntry:
    name: str
    family: str
    valence: str
    energy: str
    intensity: int
    region: str | None = None


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class CheckIn:
    """One journal entry. Times: created_utc is aware UTC; local_date and
    utc_offset_minutes record the user's calendar day and zone at that moment,
    so weeks stay right when the user travels."""

    id: str = field(default_factory=new_id)
    created_utc: datetime = field(default_factory=utc_now)
    local_date: str = ""
    utc_offset_minutes: int = 0
    mode: str = "full"  # "full" or "quick"
    duration_seconds: int | None = None
    settledness: int | None = None
    mood: int | None = None
    energy: int | None = None
    distress: int | None = None
    distress_after: int | None = None
    closing_mood: int | None = None
    practice: str | None = None
    practice_seconds: int | None = None
    sensations: list[Sensation] = field(default_factory=list)
    emotions: list[EmotionEntry] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)  # prompt key -> text
    tags: list[str] = field(default_factory=list)
    edited_utc: datetime | None = None

    def __post_init__(self) -> None:
        if not self.local_date:
            self.set_time(self.created_utc.astimezone())

    def set_time(self, moment: datetime) -> None:
        """Record an aware local moment: its UTC instant, local date and offset."""
        offset = moment.utcoffset() or timedelta(0)
        self.created_utc = moment.astimezone(UTC).replace(microsecond=0)
        self.local_date = moment.date().isoformat()
        self.utc_offset_minutes = int(offset.total_seconds() // 60)

    @property
    def local_time(self) -> datetime:
        zone = timezone(timedelta(minutes=self.utc_offset_minutes))
        return self.created_utc.astimezone(zone)

    @property
    def target(self) -> Sensation | None:
        return next((s for s in self.sensations if s.is_target), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_utc": format_utc(self.created_utc),
            "local_date": self.local_date,
            "utc_offset_minutes": self.utc_offset_minutes,
            "mode": self.mode,
            "duration_seconds": self.duration_seconds,
            **{name: getattr(self, name) for name in RATING_FIELDS},
            "practice": self.practice,
            "practice_seconds": self.practice_seconds,
            "sensations": [vars(s).copy() for s in self.sensations],
            "emotions": [vars(e).copy() for e in self.emotions],
            "answers": dict(self.answers),
            "tags": list(self.tags),
            "edited_utc": format_utc(self.edited_utc) if self.edited_utc else None,
        }


def format_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> datetime:
    """Read a UTC timestamp as written by format_utc (or any ISO 8601 form)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
