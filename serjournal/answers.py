"""Turning answers given as flags or JSON into a checked CheckIn.

Every value is validated here, before anything is written, and every problem
becomes one InputError line that says what was wrong and what would be right.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serjournal import content, messages
from serjournal.errors import InputError
from serjournal.models import RATING_FIELDS, CheckIn, EmotionEntry, Sensation, parse_utc
from serjournal.timeutil import EARLIEST_YEAR, LATEST_YEAR
from serjournal.vocabulary import Vocabulary, default_vocabulary, normalise


def parse_rating(name: str, value: Any) -> int:
    """A 0-10 whole number. Accepts ints and digit strings, nothing else."""
    if isinstance(value, bool):
        raise InputError(messages.BAD_RATING.format(name=name, value=value))
    # \d is a decimal digit in any script ("٣" too) but not "²", which isdigit()
    # lets through and int() refuses; a few digits keep int() from the limits.
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,4}\s*", value):
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= 10:
        raise InputError(messages.BAD_RATING.format(name=name, value=value))
    return value


def optional_rating(name: str, value: Any) -> int | None:
    return None if value is None or value == "" else parse_rating(name, value)


def parse_sensation(spec: str, vocabulary: Vocabulary | None = None) -> Sensation:
    """REGION[/SIDE]:QUALITY:INTENSITY[:AFTER], e.g. "shoulders/left:tight:6:3"."""
    vocabulary = vocabulary or default_vocabulary()
    parts = spec.split(":")
    if len(parts) not in (3, 4) or not all(p.strip() for p in parts):
        raise InputError(messages.BAD_SENSATION_SPEC.format(spec=spec))
    region_text, _, side_text = parts[0].partition("/")
    return Sensation(
        region=vocabulary.region(region_text),
        side=vocabulary.side(side_text) if side_text.strip() else None,
        quality=vocabulary.quality(parts[1]),
        intensity=parse_rating(f"intensity in '{spec}'", parts[2]),
        intensity_after=parse_rating(f"after-intensity in '{spec}'", parts[3])
        if len(parts) == 4
        else None,
    )


def parse_emotion(spec: str, vocabulary: Vocabulary | None = None) -> EmotionEntry:
    """NAME:INTENSITY[:REGION], e.g. "anxious:5:chest"."""
    vocabulary = vocabulary or default_vocabulary()
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not all(p.strip() for p in parts):
        raise InputError(messages.BAD_EMOTION_SPEC.format(spec=spec))
    emotion = vocabulary.emotion(parts[0])
    return EmotionEntry(
        name=emotion.name,
        family=emotion.family,
        valence=emotion.valence,
        energy=emotion.energy,
        intensity=parse_rating(f"intensity in '{spec}'", parts[1]),
        region=vocabulary.region(parts[2]) if len(parts) == 3 else None,
    )


def mark_target(
    sensations: list[Sensation], region: str | None, vocabulary: Vocabulary | None = None
) -> None:
    """Make the sensation in `region` the dialogue target (the first by default)."""
    for s in sensations:
        s.is_target = False
    if not sensations:
        if region:
            raise InputError(messages.TARGET_WITHOUT_SENSATION)
        return
    if region is None:
        sensations[0].is_target = True
        return
    wanted = (vocabulary or default_vocabulary()).region(region)
    match = next((s for s in sensations if s.region == wanted), None)
    if match is None:
        raise InputError(messages.TARGET_NOT_SCANNED.format(region=wanted))
    match.is_target = True


def checkin_from_flags(
    given: dict[str, Any],
    *,
    quick: bool,
    target: str | None = None,
    at: str | None = None,
    document: Any = None,
) -> CheckIn:
    """The check-in that `checkin`'s flags describe, checked. `given` holds the
    flag values in the dictionary form's keys; `document` is a --from-json
    document, to which only --tag (and --at) may add."""
    if document is not None:
        flags = {k: v for k, v in given.items() if k not in ("tags", "answers", "id")}
        if (
            target
            or any(v not in (None, []) for v in flags.values())
            or any((given.get("answers") or {}).values())
        ):
            raise InputError(messages.JSON_AND_FLAGS)
        checkin = checkin_from_dict(document)
        extra = [t.strip() for t in given.get("tags") or [] if t.strip()]
        checkin.tags = list(dict.fromkeys([*checkin.tags, *extra]))
        if given.get("id"):
            wanted = _checkin_id(str(given["id"]))
            if isinstance(document, dict) and document.get("id") and checkin.id != wanted:
                raise InputError(messages.ID_MISMATCH.format(given=wanted, document=checkin.id))
            checkin.id = wanted
    else:
        seconds = parse_seconds(given.get("practice_seconds"))
        data = {**given, "mode": "quick" if quick else "full", "practice_seconds": seconds}
        checkin = checkin_from_dict(data)
        check_quick_limits(checkin)
        if checkin.mode == "full" or target:  # quick mode has no dialogue to aim at
            mark_target(checkin.sensations, target)
    if at is not None:
        set_time_from_text(checkin, at)
    return checkin


def parse_seconds(value: str | None) -> int | None:
    """--practice-seconds: whole seconds, typed as text."""
    if value is None:
        return None
    cleaned = value.strip()
    if not (cleaned.isascii() and cleaned.isdigit()):
        raise InputError(messages.BAD_SECONDS.format(value=value))
    return int(cleaned)


def check_quick_limits(checkin: CheckIn) -> None:
    if checkin.mode != "quick":
        return
    for kind, items, limit in (
        ("sensations", checkin.sensations, content.QUICK_MAX_SENSATIONS),
        ("emotions", checkin.emotions, content.QUICK_MAX_EMOTIONS),
    ):
        if len(items) > limit:
            raise InputError(
                messages.TOO_MANY_IN_QUICK.format(limit=limit, kind=kind, count=len(items))
            )


def set_time_from_text(checkin: CheckIn, text: str) -> None:
    """--at: record the check-in at an earlier moment (never a future one)."""
    from serjournal.timeutil import local_now, parse_moment

    moment = parse_moment(text)  # no `now`: keeps the system zone's DST rules
    if moment > local_now():
        raise InputError(messages.FUTURE_TIME.format(text=text))
    checkin.set_time(moment)


def parse_practice(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(messages.unknown_word("practice", value, list(content.PRACTICES)))
    key = value.strip().lower()
    if key not in content.PRACTICES:
        raise InputError(messages.unknown_word("practice", value, list(content.PRACTICES)))
    return key


def parse_answer_key(key: str) -> str:
    if key not in content.ANSWER_STAGE:
        raise InputError(messages.unknown_word("answer", key, list(content.ANSWER_STAGE)))
    return key


# --- JSON documents ------------------------------------------------------------------


# A JSON export nests five deep (envelope, list, check-in, sensations, one
# sensation); anything far deeper is not ours, and would exhaust the stack of
# whatever walks it later (a repr, a canonical dump for an id).
MAX_JSON_DEPTH = 32


def load_json_document(text: str, source: str | Path) -> Any:
    """--from-json and import: the JSON in `text`, or one clear line."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            messages.BAD_JSON.format(source=source, line=error.lineno, reason=error.msg)
        ) from None
    except RecursionError:  # "[[[[..." thousands deep: hostile, not a check-in
        raise InputError(messages.JSON_TOO_DEEP.format(source=source)) from None
    if _depth_over(document, MAX_JSON_DEPTH):
        raise InputError(messages.JSON_TOO_DEEP.format(source=source))
    return document


def _depth_over(document: Any, limit: int) -> bool:
    """Whether more than `limit` lists and objects nest inside each other
    ([] is one, [[]] two), found without recursion."""
    containers = [document] if isinstance(document, list | dict) else []
    for _ in range(limit):
        containers = [
            child
            for value in containers
            for child in (value.values() if isinstance(value, dict) else value)
            if isinstance(child, list | dict)
        ]
    return bool(containers)


@dataclass(frozen=True)
class _Rules:
    """How a dictionary is read: against which vocabulary; whether words the
    vocabulary lacks are kept (a record); which long texts were stored before
    the length limit existed (an edit must not be blocked by them)."""

    vocabulary: Vocabulary
    recorded: bool = False
    stored_texts: frozenset[str] = frozenset()

    def word(self, field: str, value: Any, lookup: Callable[[str], str]) -> str:
        text = checked_text(field, str(value))
        recorded = normalise(text) if self.recorded else ""
        # A record keeps its word (another machine's config, a word since
        # removed), even one an alias would now turn into another.
        return recorded or lookup(text)

    def text(self, field: str, value: Any) -> str:
        if isinstance(value, str) and value in self.stored_texts:
            return value
        return checked_text(field, value)


def checkin_from_dict(
    data: Any,
    vocabulary: Vocabulary | None = None,
    *,
    recorded: bool = False,
    stored_texts: frozenset[str] = frozenset(),
) -> CheckIn:
    """Validate a check-in in its dictionary form (see models.CheckIn.to_dict).

    Only "mode" and the answers themselves are needed; id and times are made
    when missing (a local_date without created_utc is refused: a day alone
    does not say when). Unknown keys are refused so a typo is not silently
    dropped. `recorded` (an imported entry that carries its id and time)
    keeps region and quality words the vocabulary does not know;
    `stored_texts` may exceed the length limit (they were saved before it).
    """
    rules = _Rules(vocabulary or default_vocabulary(), recorded, stored_texts)
    if not isinstance(data, dict):
        raise InputError(messages.JSON_NOT_OBJECT)
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise InputError(messages.unknown_word("field", sorted(unknown)[0], sorted(_KNOWN_KEYS)))
    checkin = CheckIn()
    if data.get("id"):
        checkin.id = _checkin_id(_text(data, "id"))
    if data.get("created_utc"):
        _set_recorded_time(checkin, data)
    elif data.get("local_date") or data.get("utc_offset_minutes") is not None:
        given = (
            f"local_date {data['local_date']}" if data.get("local_date") else "utc_offset_minutes"
        )
        raise InputError(messages.DATE_WITHOUT_TIME.format(given=given))
    mode = data.get("mode", "full")
    if mode not in ("full", "quick"):
        raise InputError(messages.BAD_MODE.format(mode=mode))
    checkin.mode = mode
    for name in RATING_FIELDS:
        setattr(checkin, name, optional_rating(name, data.get(name)))
    checkin.duration_seconds = _optional_count(data, "duration_seconds")
    checkin.practice = parse_practice(data.get("practice"))
    checkin.practice_seconds = _optional_count(data, "practice_seconds")
    checkin.sensations = [_sensation_from(item, rules) for item in _list(data, "sensations")]
    checkin.emotions = [_emotion_from(item, rules) for item in _list(data, "emotions")]
    if sum(s.is_target for s in checkin.sensations) > 1:
        raise InputError(messages.TWO_TARGETS)
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise InputError(messages.JSON_FIELD_TYPE.format(field="answers", kind="an object"))
    checkin.answers = {parse_answer_key(k): rules.text(k, v) for k, v in answers.items() if v}
    # Each tag once, as the journal stores them.
    checkin.tags = list(
        dict.fromkeys(rules.text("tags", t).strip() for t in _list(data, "tags") if str(t).strip())
    )
    if data.get("edited_utc"):
        checkin.edited_utc = _utc(data, "edited_utc")
    return checkin


_KNOWN_KEYS = set(CheckIn().to_dict())


def _set_recorded_time(checkin: CheckIn, data: dict[str, Any]) -> None:
    checkin.created_utc = _utc(data, "created_utc")
    offset = data.get("utc_offset_minutes")
    offset = 0 if offset is None else offset  # UTC unless said otherwise
    if isinstance(offset, bool) or not isinstance(offset, int) or abs(offset) > 18 * 60:
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field="utc_offset_minutes", kind="whole minutes between -1080 and 1080"
            )
        )
    checkin.utc_offset_minutes = offset
    checkin.local_date = checkin.local_time.date().isoformat()
    if data.get("local_date") and data["local_date"] != checkin.local_date:
        raise InputError(
            messages.DATE_MISMATCH.format(given=data["local_date"], computed=checkin.local_date)
        )


def _utc(data: dict[str, Any], key: str) -> Any:
    try:
        moment = parse_utc(_text(data, key))
    except (ValueError, OverflowError):
        moment = None
    if moment is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise InputError(messages.BAD_TIME.format(text=data[key]))
    return moment


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise InputError(messages.JSON_FIELD_TYPE.format(field=key, kind="text"))
    return checked_text(key, value)


def _checkin_id(text: str) -> str:
    """Ids are UUIDs, so `show` and merges can rely on them."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise InputError(messages.BAD_WHOLE_ID.format(id=text)) from None


# One answer (or tag, or word) holds at most this many characters: about
# 3,000 words, pages of writing. Far longer text is a mistake or hostile, and
# would make `show` and the review slow for everyone (see README, "Your data").
MAX_TEXT_CHARS = 20_000


def checked_text(field: str, value: Any) -> str:
    """Text given for `field` (flags, JSON, an import, an edit): readable text
    (no undecodable bytes, no lone surrogates) of at most MAX_TEXT_CHARS."""
    if not isinstance(value, str):
        raise InputError(messages.JSON_FIELD_TYPE.format(field=field, kind="text"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes from the terminal or a file
        raise InputError(messages.TEXT_NOT_UTF8.format(field=field)) from None
    if len(value) > MAX_TEXT_CHARS:
        raise InputError(
            messages.TEXT_TOO_LONG.format(field=field, length=len(value), limit=MAX_TEXT_CHARS)
        )
    return value


MAX_SECONDS = 7 * 24 * 60 * 60  # a week: longer than any check-in or practice


def _optional_count(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    # Bounded: a huge number is a typo, and would not fit an SQLite integer.
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SECONDS:
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field=key, kind=f"a whole number of seconds from 0 to {MAX_SECONDS}"
            )
        )
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InputError(messages.JSON_FIELD_TYPE.format(field=key, kind="a list"))
    return value


def _sensation_from(item: Any, rules: _Rules) -> Sensation:
    vocabulary = rules.vocabulary
    if isinstance(item, str):
        return parse_sensation(checked_text("sensations", item), vocabulary)
    if not isinstance(item, dict) or "region" not in item or "quality" not in item:
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field="sensations", kind="objects with region, quality and intensity"
            )
        )
    return Sensation(
        region=rules.word("region", item["region"], vocabulary.region),
        side=vocabulary.side(checked_text("side", str(item["side"]))) if item.get("side") else None,
        quality=rules.word("quality", item["quality"], vocabulary.quality),
        intensity=parse_rating("sensation intensity", item.get("intensity")),
        intensity_after=optional_rating("sensation intensity_after", item.get("intensity_after")),
        is_target=bool(item.get("is_target", False)),
    )


def _emotion_from(item: Any, rules: _Rules) -> EmotionEntry:
    """One emotion of a JSON document. A recorded entry (family, valence and
    energy all given, as every export writes them) is kept exactly as it was
    recorded, under its own name. Otherwise the name is looked up like a
    typed word: a synonym or everyday form is saved as its word ("glad" as
    happy), with that word's coordinates."""
    vocabulary = rules.vocabulary
    if isinstance(item, str):
        return parse_emotion(checked_text("emotions", item), vocabulary)
    if not isinstance(item, dict) or "name" not in item:
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field="emotions", kind="objects with name and intensity"
            )
        )
    name = normalise(checked_text("emotion name", str(item["name"])))
    if not name:
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field="emotions", kind="objects with name and intensity"
            )
        )
    known = vocabulary.emotions.get(name)
    if known is None and not all(item.get(k) for k in ("family", "valence", "energy")):
        known = vocabulary.emotion(name)  # raises, suggesting the closest names
    # A stored entry keeps the coordinates it was written with, even when the
    # user's vocabulary has since changed, so exports re-import unchanged.
    coordinates = {
        k: checked_text(f"emotion {k}", str(item.get(k) or getattr(known, k)))
        for k in ("family", "valence", "energy")
    }
    coordinates["family"] = normalise(coordinates["family"])  # as the config writes them
    if not coordinates["family"]:
        raise InputError(messages.JSON_FIELD_TYPE.format(field="emotions", kind="with a family"))
    if coordinates["valence"] not in ("pleasant", "unpleasant") or coordinates["energy"] not in (
        "high",
        "low",
    ):
        raise InputError(
            messages.JSON_FIELD_TYPE.format(
                field="emotions", kind="valence pleasant/unpleasant and energy high/low"
            )
        )
    return EmotionEntry(
        name=known.name if known else name,
        **coordinates,
        intensity=parse_rating("emotion intensity", item.get("intensity")),
        region=rules.word("region", item["region"], vocabulary.region)
        if item.get("region")
        else None,
    )
