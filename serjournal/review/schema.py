"""The documented shape of `serjournal review --json` (a JSON Schema).

docs/review-json.md explains each field in words; tests validate real output
against REVIEW_SCHEMA, so the two cannot drift apart silently. Every object
lists all its keys as required and allows no others: scripts can rely on them.
Averages and changes are numbers rounded to two decimals, or null when there
was nothing to average. "previous_*" fields describe the period of equal
length just before the reviewed one.
"""

from __future__ import annotations

from typing import Any

NUMBER_OR_NULL = {"type": ["number", "null"]}
COUNT = {"type": "integer", "minimum": 0}
DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _object(**properties: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _list(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


PERIOD = _object(
    start=DAY,
    end=DAY,
    days={"type": "integer", "minimum": 1},
    kind={"enum": ["week", "month", "year", "days", "range"]},
    label={"type": "string"},
)
RATING = _object(
    average=NUMBER_OR_NULL,
    count=COUNT,
    previous_average=NUMBER_OR_NULL,
    previous_count=COUNT,
    change=NUMBER_OR_NULL,
)
TALLY = _object(
    key={"type": "string"}, count=COUNT, mean_intensity=NUMBER_OR_NULL, previous_count=COUNT
)
QUADRANT = _object(
    key={"enum": ["pleasant/high", "pleasant/low", "unpleasant/high", "unpleasant/low"]},
    valence={"enum": ["pleasant", "unpleasant"]},
    energy={"enum": ["high", "low"]},
    count=COUNT,
    mean_intensity=NUMBER_OR_NULL,
    previous_count=COUNT,
)

REVIEW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "serjournal review",
    **_object(
        period=PERIOD,
        previous_period=PERIOD,
        as_of=DAY,
        ongoing={"type": "boolean"},
        ratings=_object(mood=RATING, energy=RATING, distress=RATING),
        series=_list(
            _object(
                start=DAY,
                days={"type": "integer", "minimum": 1},
                checkins=COUNT,
                mood=NUMBER_OR_NULL,
                energy=NUMBER_OR_NULL,
                distress=NUMBER_OR_NULL,
            )
        ),
        body=_list(
            _object(
                region={"type": "string"},
                times=COUNT,
                mean_intensity={"type": "number"},
                dominant_quality={"type": "string"},
                previous_times=COUNT,
                sides=_list(
                    _object(side={"type": "string"}, times=COUNT, mean_intensity={"type": "number"})
                ),
                emotions={**_list({"type": "string"}), "maxItems": 3},
            )
        ),
        emotions=_object(
            families=_list(TALLY),
            quadrants={**_list(QUADRANT), "minItems": 4, "maxItems": 4},
            top=_list(
                _object(
                    name={"type": "string"},
                    family={"type": "string"},
                    count=COUNT,
                    mean_intensity={"type": "number"},
                    regions=_list({"type": "string"}),
                )
            ),
        ),
        release=_list(
            _object(
                practice={"type": "string"},
                checkins=COUNT,
                target_drop=NUMBER_OR_NULL,
                target_n=COUNT,
                distress_drop=NUMBER_OR_NULL,
                distress_n=COUNT,
                previous_distress_drop=NUMBER_OR_NULL,
                previous_distress_n=COUNT,
            )
        ),
        consistency=_object(
            checkins=COUNT,
            previous_checkins=COUNT,
            days_with_checkins=COUNT,
            current_streak=COUNT,
            longest_streak=COUNT,
            calendar_start=DAY,
            calendar={**_list(COUNT), "minItems": 28, "maxItems": 28},
        ),
        tags=_list(_object(tag={"type": "string"}, count=COUNT, previous_count=COUNT)),
        previous_counts=_object(checkins=COUNT, sensations=COUNT, emotions=COUNT, tags=COUNT),
        takeaways=_list(_object(local_date=DAY, text={"type": "string"})),
        takeaways_total=COUNT,
        patterns=_object(
            window=PERIOD,
            observations=_list(
                _object(
                    kind={
                        "enum": [
                            "tension_on_high_distress",
                            "hardest_weekday",
                            "practice_eases_most",
                            "where_emotion_is_felt",
                        ]
                    },
                    text={"type": "string"},
                    numbers={"type": "object"},
                )
            ),
        ),
        helped=_object(
            window=PERIOD,
            practice_regions=_list(
                _object(
                    practice={"type": "string"},
                    region={"type": "string"},
                    drop={"type": "number"},
                    n={"type": "integer", "minimum": 1},
                    text={"type": "string"},
                )
            ),
            tags=_list(
                _object(
                    tag={"type": "string"},
                    days=COUNT,
                    other_days=COUNT,
                    distress=NUMBER_OR_NULL,
                    other_distress=NUMBER_OR_NULL,
                    mood=NUMBER_OR_NULL,
                    other_mood=NUMBER_OR_NULL,
                    text={"type": "string"},
                )
            ),
        ),
        # null, or one entry per day of a --year review
        year_view={
            **_list(
                _object(
                    day=DAY,
                    checkins=COUNT,
                    mood=NUMBER_OR_NULL,
                    energy=NUMBER_OR_NULL,
                    distress=NUMBER_OR_NULL,
                )
            ),
            "type": ["array", "null"],
        },
    ),
}
