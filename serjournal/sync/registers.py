"""A check-in as registers: per-field last-writer-wins, with tombstones.

Each register holds one value and the stamp of the change that set it: when
(milliseconds, UTC) and on which machine. A change with a later stamp
replaces the value; equal times go to the larger machine id, and (only for
one machine's two values in the same millisecond) to the larger value, so
every machine picks the same winner whatever order the changes arrive in.

    created_utc ... edited_utc   one register per column of the checkins table
    sensations, emotions         each list whole (they are edited as a whole)
    answers.<key>                one per written answer; None once removed
    tags.<tag>                   the tag's place (0, 1, ...) while on; None once removed
    deleted                      True once deleted, False once brought back

An edit never touches `deleted`, so no edit (older or newer) brings a
deleted check-in back: only an undo, itself a change with its own stamp,
does, and then with every edit made meanwhile on any machine.

Pure functions on plain values: store/writes.py reads and writes the
registers (table sync_checkins, one row per check-in, see encode()), the log
reader checks them (check()).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from serjournal import content
from serjournal.models import RATING_FIELDS, CheckIn, EmotionEntry, Sensation, parse_utc

BASE: tuple[str, ...] = ("created_utc", "local_date", "utc_offset_minutes", "mode")
SCALARS: tuple[str, ...] = (
    *BASE,
    "duration_seconds",
    *RATING_FIELDS,
    "practice",
    "practice_seconds",
    "edited_utc",
)
LISTS: tuple[str, ...] = ("sensations", "emotions")
ANSWER = "answers."
TAG = "tags."
DELETED = "deleted"

SENSATION_KEYS = ("region", "quality", "intensity", "side", "intensity_after", "is_target")
EMOTION_KEYS = ("name", "family", "valence", "energy", "intensity", "region")


@dataclass(frozen=True, order=True)
class Stamp:
    at: int  # milliseconds since 1970-01-01 UTC
    machine: str


@dataclass(frozen=True)
class Register:
    value: Any
    stamp: Stamp

    def rank(self) -> tuple[int, str, str]:
        return (self.stamp.at, self.stamp.machine, canonical(self.value))


Registers = dict[str, Register]


def canonical(value: Any) -> str:
    """The one text form of a value: how registers are stored and compared."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def encode(current: Registers) -> str:
    """A check-in's registers as stored: each distinct stamp once (most
    check-ins have one to three), then each field's value and stamp number."""
    stamps = sorted({register.stamp for register in current.values()})
    number = {stamp: n for n, stamp in enumerate(stamps)}
    fields = {name: [r.value, number[r.stamp]] for name, r in sorted(current.items())}
    return canonical({"s": [[s.at, s.machine] for s in stamps], "f": fields})


def decode(text: str) -> Registers:
    data = json.loads(text)
    stamps = [Stamp(int(at), str(machine)) for at, machine in data["s"]]
    return {name: Register(value, stamps[n]) for name, (value, n) in data["f"].items()}


def wins(value: Any, stamp: Stamp, current: Register | None) -> bool:
    """Whether a change (value, stamp) replaces the register `current`."""
    return current is None or (stamp.at, stamp.machine, canonical(value)) > current.rank()


def described(current: Registers) -> bool:
    """Whether the registers hold a whole check-in (its save has arrived)."""
    return all(name in current for name in BASE)


# --- From the journal to changes ------------------------------------------------------


@dataclass
class State:
    """A check-in as the journal holds it now: its content (live, or the
    newest version in the trash; None when it is in neither) and whether it
    is live."""

    checkin: CheckIn | None
    live: bool


def content_registers(checkin: CheckIn) -> dict[str, Any]:
    """Every register a check-in's content sets (not `deleted`)."""
    data = checkin.to_dict()
    values: dict[str, Any] = {name: data[name] for name in (*SCALARS, *LISTS)}
    values.update({ANSWER + key: text for key, text in data["answers"].items()})
    values.update({TAG + tag: place for place, tag in enumerate(data["tags"])})
    return values


def changes(state: State, current: Registers, stamp: Stamp) -> dict[str, Any]:
    """The registers to set, at `stamp`, so that they describe `state`: only
    what differs (an edit carries the fields it changed), everything for a
    check-in never described before."""
    whole = described(current)
    if state.checkin is None and not whole:
        return {}  # nothing known of it here, and nothing to say
    out: dict[str, Any] = {}
    if state.checkin is not None:
        wanted = content_registers(state.checkin)
        for name in (*SCALARS, *LISTS):
            if not whole or value_of(current, name) != wanted[name]:
                out[name] = wanted[name]
        answers = {n for n in wanted if n.startswith(ANSWER)}
        answers |= {n for n in current if n.startswith(ANSWER)}
        for name in sorted(answers):
            if value_of(current, name) != wanted.get(name):
                out[name] = wanted.get(name)
        out.update(_tag_changes(state.checkin.tags, current, stamp))
    deleted = not state.live
    if deleted != bool(value_of(current, DELETED)):
        out[DELETED] = deleted
    return out


def _tag_changes(tags: list[str], current: Registers, stamp: Stamp) -> dict[str, Any]:
    """Tags added (at their place) and removed; when that would not give the
    journal's order on another machine (tags reordered in the edit menu),
    every tag is set again in its place."""
    on = {n[len(TAG) :]: r for n, r in current.items() if n.startswith(TAG) and r.value is not None}
    out: dict[str, Any] = {TAG + tag: None for tag in on if tag not in tags}
    kept = {tag: register for tag, register in on.items() if tag in tags}
    for place, tag in enumerate(tags):
        if tag not in on:
            out[TAG + tag] = place
            kept[tag] = Register(place, stamp)
    if tag_order(kept) != list(tags):
        out.update({TAG + tag: place for place, tag in enumerate(tags)})
    return out


def tag_order(on: dict[str, Register]) -> list[str]:
    """Tags in the order they were added: by stamp, then place, then name."""
    return sorted(on, key=lambda tag: (on[tag].stamp, on[tag].value, tag))


def value_of(current: Registers, name: str) -> Any:
    if name in current:
        return current[name].value
    return [] if name in LISTS else None


# --- From registers to a check-in -----------------------------------------------------------


@dataclass
class Description:
    """What the registers say of one check-in."""

    checkin: CheckIn
    deleted: bool
    deleted_at: int | None  # when it was deleted (ms), if it is


def describe(checkin_id: str, current: Registers) -> Description | None:
    """The check-in the registers describe, or None while its save has not arrived."""
    if not described(current):
        return None
    keys = [n[len(ANSWER) :] for n in current if n.startswith(ANSWER)]
    order = list(content.ANSWER_STAGE)
    keys.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
    answers = {k: current[ANSWER + k].value for k in keys if current[ANSWER + k].value is not None}
    on = {n[len(TAG) :]: r for n, r in current.items() if n.startswith(TAG) and r.value is not None}
    edited = value_of(current, "edited_utc")
    checkin = CheckIn(
        id=checkin_id,
        created_utc=parse_utc(current["created_utc"].value),
        local_date=current["local_date"].value,
        utc_offset_minutes=current["utc_offset_minutes"].value,
        mode=current["mode"].value,
        duration_seconds=value_of(current, "duration_seconds"),
        **{name: value_of(current, name) for name in RATING_FIELDS},
        practice=value_of(current, "practice"),
        practice_seconds=value_of(current, "practice_seconds"),
        sensations=[Sensation(**item) for item in value_of(current, "sensations")],
        emotions=[EmotionEntry(**item) for item in value_of(current, "emotions")],
        answers=answers,
        tags=tag_order(on),
        edited_utc=parse_utc(edited) if edited else None,
    )
    deleted = current.get(DELETED)
    is_deleted = bool(deleted is not None and deleted.value)
    return Description(checkin, is_deleted, deleted.stamp.at if deleted and is_deleted else None)


# --- Checking what another machine's log says ------------------------------------------------


def check_id(value: Any) -> str:
    """A check-in id as serjournal writes them: a lower-case UUID."""
    if not isinstance(value, str) or len(value) != 36:
        raise ValueError("the check-in id is not a UUID")
    try:
        if str(uuid.UUID(value)) != value:
            raise ValueError
    except ValueError:
        raise ValueError("the check-in id is not a UUID") from None
    return value


def check(name: str, value: Any) -> None:
    """ValueError (with the reason) unless `value` may be register `name`.

    As strict as the journal's own table constraints (ratings and
    intensities 0 to 10, a known mode, text where text goes) and no
    stricter: whatever one journal holds, its log must carry to the others."""
    if name in ("created_utc", "edited_utc"):
        if value is None and name == "edited_utc":
            return
        _require(isinstance(value, str) and _is_utc(value), name, "a UTC time")
    elif name == "local_date":
        _require(isinstance(value, str) and _is_date(value), name, "a date")
    elif name == "utc_offset_minutes":
        _require(_is_int(value, -(10**6), 10**6), name, "minutes from UTC")
    elif name == "mode":
        _require(value in ("full", "quick"), name, "full or quick")
    elif name in ("duration_seconds", "practice_seconds"):
        _require(value is None or _is_int(value, -(2**62), 2**62), name, "a number of seconds")
    elif name in RATING_FIELDS:
        _require(value is None or _is_int(value, 0, 10), name, "a rating from 0 to 10")
    elif name == "practice":
        _require(value is None or isinstance(value, str), name, "text")
    elif name == "sensations":
        _require(_is_list_of(value, SENSATION_KEYS, _good_sensation), name, "a list of sensations")
    elif name == "emotions":
        _require(_is_list_of(value, EMOTION_KEYS, _good_emotion), name, "a list of emotions")
    elif name.startswith(ANSWER):
        _require(value is None or isinstance(value, str), name, "text")
    elif name.startswith(TAG):
        _require(value is None or _is_int(value, 0, 2**31), name, "a tag's place")
    elif name == DELETED:
        _require(isinstance(value, bool), name, "true or false")
    else:
        raise ValueError(f"'{name}' is not a field serjournal knows")


def _require(ok: bool, name: str, kind: str) -> None:
    if not ok:
        raise ValueError(f"'{name}' should be {kind}")


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_utc(text: str) -> bool:
    try:
        parse_utc(text)
    except ValueError:
        return False
    return text.endswith("Z")


def _is_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def _is_list_of(value: Any, keys: tuple[str, ...], good: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and set(item) == set(keys) and good(item) for item in value
    )


def _text(value: Any, optional: bool = False) -> bool:
    return (optional and value is None) or isinstance(value, str)


def _good_sensation(item: dict[str, Any]) -> bool:
    return (
        _text(item["region"])
        and _text(item["quality"])
        and _is_int(item["intensity"], 0, 10)
        and _text(item["side"], optional=True)
        and (item["intensity_after"] is None or _is_int(item["intensity_after"], 0, 10))
        and isinstance(item["is_target"], bool)
    )


def _good_emotion(item: dict[str, Any]) -> bool:
    return (
        all(_text(item[key]) for key in ("name", "family", "valence", "energy"))
        and _is_int(item["intensity"], 0, 10)
        and _text(item["region"], optional=True)
    )
