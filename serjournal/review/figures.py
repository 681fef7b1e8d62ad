"""What a review holds: small records, and their --json form.

Records that are built whole are NamedTuples (a fifth of a dataclass's cost
to define, paid at every start of the program); those with a field named
`count` stay dataclasses, as a NamedTuple's count is tuple.count.

summary.py fills them from SQL; render/review.py draws them; to_dict gives the
JSON whose shape is REVIEW_SCHEMA in schema.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from serjournal.review.patterns import Observation
from serjournal.review.periods import Period

CALENDAR_WEEKS = 4  # the consistency calendar shows this many weeks


@dataclass
class Rating:
    """One 0-10 scale over the period, and over the period before."""

    scale: str
    average: float | None
    count: int
    previous_average: float | None
    previous_count: int

    @property
    def change(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return self.average - self.previous_average


class SeriesPoint(NamedTuple):
    """Averages over `days` days starting at `start` (one day, or a bucket)."""

    start: str
    days: int
    checkins: int
    mood: float | None
    energy: float | None
    distress: float | None


class SideLoad(NamedTuple):
    """The sensations of a region recorded on one side (left, right or both)."""

    side: str
    times: int
    mean_intensity: float


@dataclass
class RegionLoad:
    """How often and how strongly a body region carried sensations."""

    region: str
    times: int
    mean_intensity: float
    dominant_quality: str
    previous_times: int = 0
    sides: list[SideLoad] = field(default_factory=list)  # where a side was given
    emotions: list[str] = field(default_factory=list)  # felt here, most often first

    @property
    def load(self) -> float:
        """How often times how strongly: the sum of the intensities felt."""
        return self.times * self.mean_intensity


@dataclass
class Tally:
    """A count with its mean intensity, for an emotion family or quadrant."""

    key: str
    count: int
    mean_intensity: float | None
    previous_count: int = 0


@dataclass
class NamedEmotion:
    name: str
    family: str
    count: int
    mean_intensity: float
    regions: list[str] = field(default_factory=list)  # where it was felt, most often first


@dataclass
class PracticeEffect:
    """Before minus after, per practice: positive numbers mean it eased."""

    practice: str
    checkins: int
    target_drop: float | None
    target_n: int
    distress_drop: float | None
    distress_n: int
    previous_distress_drop: float | None = None
    previous_distress_n: int = 0


@dataclass
class Consistency:
    checkins: int
    previous_checkins: int
    days_with_checkins: int
    current_streak: int  # as of the period's last day (or today, if sooner)
    longest_streak: int  # in all the history up to the period's last day
    calendar_start: str  # a Monday; the calendar covers CALENDAR_WEEKS weeks
    calendar: list[int]  # check-ins per day from calendar_start


@dataclass
class TagCount:
    """How many check-ins carried a tag, here and in the period before."""

    tag: str
    count: int
    previous_count: int


class PreviousCounts(NamedTuple):
    """How much the period before holds of each kind of figure. Where one is
    zero there is nothing to compare with: the review says 'new', not '+3'."""

    checkins: int
    sensations: int
    emotions: int
    tags: int


class DayPoint(NamedTuple):
    """One day's averages, for the year view."""

    day: str
    checkins: int
    mood: float | None
    energy: float | None
    distress: float | None


class PracticeRegion(NamedTuple):
    """How much a practice eased the target sensation in one region:
    before minus after, averaged over n check-ins (positive means it eased)."""

    practice: str
    region: str
    drop: float
    n: int
    text: str = ""  # the observation in words


class TagContrast(NamedTuple):
    """Days carrying a tag against the other days with a check-in."""

    tag: str
    days: int
    other_days: int
    distress: float | None
    other_distress: float | None
    mood: float | None
    other_mood: float | None
    text: str = ""  # the observation in words


class Helped(NamedTuple):
    """What went with feeling better, over the pattern window: observations."""

    window: Period
    practice_regions: list[PracticeRegion]
    tags: list[TagContrast]


class Takeaway(NamedTuple):
    local_date: str
    text: str


@dataclass
class ReviewSummary:
    period: Period
    previous: Period
    as_of: str
    ongoing: bool  # the period runs to today or beyond: its last days are still to come
    ratings: list[Rating]
    series: list[SeriesPoint]
    body: list[RegionLoad]
    families: list[Tally]
    quadrants: list[Tally]
    top_emotions: list[NamedEmotion]
    release: list[PracticeEffect]
    consistency: Consistency
    tags: list[TagCount]
    takeaways: list[Takeaway]
    takeaways_total: int
    patterns: list[Observation]
    pattern_window: Period
    previous_counts: PreviousCounts
    helped: Helped
    year_view: list[DayPoint] | None = None  # every day of a --year review

    @property
    def is_empty(self) -> bool:
        return self.consistency.checkins == 0

    def rating(self, scale: str) -> Rating:
        return next(r for r in self.ratings if r.scale == scale)

    def to_dict(self) -> dict[str, Any]:
        """The --json form; its shape is REVIEW_SCHEMA in serjournal.review.schema."""
        return {
            "period": _period_dict(self.period),
            "previous_period": _period_dict(self.previous),
            "as_of": self.as_of,
            "ongoing": self.ongoing,
            "ratings": {
                r.scale: {
                    **{k: v for k, v in _plain(r).items() if k != "scale"},
                    "change": _plain(r.change),
                }
                for r in self.ratings
            },
            "series": _plain(self.series),
            "body": _plain(self.body),
            "emotions": {
                "families": _plain(self.families),
                "quadrants": [
                    {**_plain(t), "valence": t.key.split("/")[0], "energy": t.key.split("/")[1]}
                    for t in self.quadrants
                ],
                "top": _plain(self.top_emotions),
            },
            "release": _plain(self.release),
            "consistency": _plain(self.consistency),
            "tags": _plain(self.tags),
            "previous_counts": _plain(self.previous_counts),
            "takeaways": _plain(self.takeaways),
            "takeaways_total": self.takeaways_total,
            "patterns": {
                "window": _period_dict(self.pattern_window),
                "observations": _plain(self.patterns),
            },
            "helped": {
                "window": _period_dict(self.helped.window),
                "practice_regions": _plain(self.helped.practice_regions),
                "tags": _plain(self.helped.tags),
            },
            "year_view": None if self.year_view is None else _plain(self.year_view),
        }


def _period_dict(period: Period) -> dict[str, Any]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "days": period.days,
        "kind": period.kind,
        "label": period.label,
    }


def _plain(value: Any) -> Any:
    """Dataclasses, lists and dicts as plain JSON values, floats rounded to two
    decimals (plenty for 0-10 scales, and the JSON stays readable). One pass,
    without dataclasses.asdict's deep copies."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, (str, int)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    fields = getattr(value, "__dataclass_fields__", None) or getattr(value, "_fields", None)
    if fields is not None:
        return {name: _plain(getattr(value, name)) for name in fields}
    return value
