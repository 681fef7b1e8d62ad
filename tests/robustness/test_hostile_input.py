"""Random and hostile input into every parser of user input: a valid result
or an InputError (one clear line), never another exception.

Parsers: answers.parse_sensation / parse_emotion / parse_rating /
checkin_from_dict (JSON-ish structures, as from --from-json and drafts),
timeutil.parse_moment / parse_day (--at, and periods), and the CLI flags
through CliRunner. A valid result must also survive the journal: it saves,
and reads back the same. Each test states the right outcome for every input
(accepted with this value, or refused with this message) and checks it.
TRIED counts the inputs; the robustness conftest prints the figures.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from serjournal import content, messages
from serjournal.answers import (
    MAX_JSON_DEPTH,
    MAX_SECONDS,
    checkin_from_dict,
    load_json_document,
    parse_emotion,
    parse_rating,
    parse_sensation,
)
from serjournal.cli import app
from serjournal.errors import InputError
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.review.periods import MAX_DAYS, Period
from serjournal.store.checkins import load_checkin
from serjournal.store.connection import open_journal
from serjournal.store.writes import save_checkin
from serjournal.textsafe import one_line
from serjournal.timeutil import parse_day, parse_moment
from serjournal.transfer.columns import CHECKINS
from serjournal.vocabulary import default_vocabulary

TRIED: Counter[str] = Counter()
FAST = settings(max_examples=300, deadline=None)
CLI = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

HOSTILE = [
    "", " ", ":", "::", ":::", "::::", "\x00", "\n", "\r\n", "\t", "\u202e", "\ufeff",
    "\udcff", "\ud800", "²", "١", "٣:٤", "１０", "-0", "--5", "+5", " 5 ", "5.0", "1e3",
    "99999999999999999999999", "-99999999999999999999", "NaN", "inf", "0x10",
    "chest:tight:6:3", "chest:tight:11", "chest:tight:-1", "chest/left/right:tight:3",
    "CHEST / Left : Tight : 6", "chest:tight:6:3:1", "anxious:5:chest", "anxious:10:nowhere",
    "=cmd|' /C calc'!A0", "'; DROP TABLE checkins; --", "%s%n%x", "{0}{1}", "[bold]x[/]",
    "9999 years ago", "9999 months ago", "0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59",
    "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2026-02-30", "2026-13-01",
    "yesterday 24:00", "yesterday 23:60", "today 7:30", "25:00", "now", "NOW ", "1 minute ago",
    "2026-11-20T21:00Z", "2026-11-20 21:00+05:30", "x" * 5000,
]  # fmt: skip

words = st.sampled_from(
    [*content.REGIONS, *content.QUALITIES, *content.SIDES, *(e.name for e in content.EMOTIONS)]
)
numbers = st.integers(-3, 14).map(str)
hostile = st.sampled_from(HOSTILE)
any_text = st.text(max_size=40)
part = st.one_of(words, numbers, hostile, any_text, st.text(string.ascii_letters, max_size=8))
specs = st.one_of(
    hostile,
    any_text,
    st.lists(part, min_size=1, max_size=5).map(":".join),
    st.tuples(words, words, numbers).map(lambda t: f"{t[0]}/{t[1]}:{t[2]}"),
)


def _valid_sensation(s: Sensation) -> None:
    assert s.region in content.REGIONS and s.quality in content.QUALITIES
    assert s.side in (None, *content.SIDES)
    assert 0 <= s.intensity <= 10
    assert s.intensity_after is None or 0 <= s.intensity_after <= 10


def _valid_emotion(e: EmotionEntry) -> None:
    assert e.name and e.valence in ("pleasant", "unpleasant") and e.energy in ("high", "low")
    assert 0 <= e.intensity <= 10 and e.region in (None, *content.REGIONS)


@FAST
@given(specs)
@example("shoulders/left:tense:5:3")
@example("chest:tight:²")
@example("chest:tight:٣:١")
def test_parse_sensation(spec: str) -> None:
    TRIED["--sensation"] += 1
    try:
        _valid_sensation(parse_sensation(spec))
    except InputError as error:
        assert "\n" not in str(error).strip() or "\n" in spec


def _refusal(call: Any, *args: Any) -> str | None:
    """The one-line message `call` refuses with, or None when it accepts."""
    try:
        call(*args)
    except InputError as error:
        return str(error)
    return None


@FAST
@given(specs)
@example("anxious:5:chest")
@example("Anxious : 10")
@example("fear:5")  # a family, not a word
@example("anxious:٣")
@example("anxious:²")
@example("anxious:5:chst")
@example("anxious:5:chest:extra")
def test_parse_emotion(spec: str) -> None:
    """NAME:INTENSITY[:REGION] is accepted exactly when each part is: the known
    emotion with that rating and region; otherwise refused with the message of
    the first wrong part."""
    TRIED["--emotion"] += 1
    vocabulary = default_vocabulary()
    parts = spec.split(":")
    if len(parts) not in (2, 3) or not all(p.strip() for p in parts):
        expected_refusal: str | None = messages.BAD_EMOTION_SPEC.format(spec=spec)
    else:
        expected_refusal = (
            _refusal(vocabulary.emotion, parts[0])
            or _refusal(parse_rating, f"intensity in '{spec}'", parts[1])
            or (_refusal(vocabulary.region, parts[2]) if len(parts) == 3 else None)
        )
    try:
        emotion = parse_emotion(spec)
    except InputError as error:
        assert expected_refusal is not None, f"{spec!r} was refused: {error}"
        assert str(error) == expected_refusal
        assert "\n" not in str(error) or "\n" in spec
        return
    assert expected_refusal is None, f"{spec!r} was accepted, should be: {expected_refusal}"
    known = vocabulary.emotion(parts[0])
    assert (emotion.name, emotion.family, emotion.valence, emotion.energy) == (
        known.name, known.family, known.valence, known.energy,
    )  # fmt: skip
    assert emotion.intensity == int(parts[1])
    assert emotion.region == (vocabulary.region(parts[2]) if len(parts) == 3 else None)
    _valid_emotion(emotion)


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-2, 12),
    st.floats(allow_nan=True), st.text(max_size=20), hostile,
)  # fmt: skip
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@FAST
@given(json_values)
@example("7")
@example("²")
@example("--5")
@example("9" * 5000)
@example(True)
@example(10.0)
def test_parse_rating(value: Any) -> None:
    TRIED["ratings"] += 1
    try:
        result = parse_rating("mood", value)
    except InputError:
        return
    assert isinstance(result, int) and not isinstance(result, bool) and 0 <= result <= 10


KEYS = list(CheckIn().to_dict())
sensation_items = st.one_of(
    specs,
    st.fixed_dictionaries(
        {"region": st.one_of(words, json_scalars), "quality": st.one_of(words, json_scalars)},
        optional={
            "intensity": json_scalars, "intensity_after": json_scalars,
            "side": st.one_of(words, json_scalars), "is_target": json_scalars,
        },
    ),
    json_values,
)  # fmt: skip
emotion_items = st.one_of(
    specs,
    st.fixed_dictionaries(
        {"name": st.one_of(words, json_scalars)},
        optional={
            "intensity": json_scalars, "region": st.one_of(words, json_scalars),
            "family": json_scalars, "valence": st.sampled_from(["pleasant", "x"]),
            "energy": st.sampled_from(["high", "low", 3]),
        },
    ),
    json_values,
)  # fmt: skip
documents = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {},
        optional={
            **{key: json_scalars for key in KEYS},
            "id": st.one_of(st.uuids().map(str), json_scalars),
            "created_utc": st.one_of(
                st.datetimes(timezones=st.just(UTC)).map(
                    lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
                ),
                hostile,
                json_scalars,
            ),
            "utc_offset_minutes": st.one_of(st.integers(-1100, 1100), json_scalars),
            "mode": st.sampled_from(["full", "quick", "FULL", ""]),
            "sensations": st.lists(sensation_items, max_size=3),
            "emotions": st.lists(emotion_items, max_size=3),
            "answers": st.one_of(
                st.dictionaries(st.sampled_from([*content.ANSWER_STAGE, "x"]), json_scalars),
                json_values,
            ),
            "tags": st.lists(json_scalars, max_size=3),
            "practice": st.one_of(st.sampled_from([*content.PRACTICES, "yoga"]), json_scalars),
        },
    ),
)


@pytest.fixture(scope="module")
def property_journal(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("hostile") / "journal.db"
    db = open_journal(path)
    yield path, db
    db.close()


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(documents)
@example({"duration_seconds": 2**70})
@example({"practice_seconds": 2**63})
@example({"emotions": [{"name": "", "family": "x", "valence": "pleasant", "energy": "low"}]})
def test_checkin_from_dict(property_journal: Any, data: Any) -> None:
    TRIED["--from-json documents"] += 1
    path, db = property_journal
    try:
        checkin = checkin_from_dict(data)
    except InputError:
        return
    for s in checkin.sensations:
        _valid_sensation(s)
    for e in checkin.emotions:
        _valid_emotion(e)
    # Valid means the journal takes it and gives it back unchanged.
    assert checkin_from_dict(checkin.to_dict()).to_dict() == checkin.to_dict()
    if db.execute("SELECT 1 FROM checkins WHERE id = ?", [checkin.id]).fetchone():
        return  # the same fixed id drawn twice: the duplicate rule is tested elsewhere
    save_checkin(db, checkin)
    assert load_checkin(db, checkin.id).to_dict() == checkin.to_dict()


@FAST
@given(st.one_of(any_text, hostile, json_values.map(json.dumps), st.integers(1, 200_000)))
@example(100_000)
@example(3)
@example(MAX_JSON_DEPTH)
@example(MAX_JSON_DEPTH + 1)
@example('{"mood": NaN}')
@example("{'mood': 6}")
@example('{"mood": 6,\n"energy": }')
def test_load_json_document(text: str | int) -> None:
    """--from-json FILE: what json.loads reads is accepted as that value; what
    it cannot is refused in one line naming the file, the line and the reason;
    JSON nested thousands deep is refused as too deep, never a RecursionError."""
    TRIED["--from-json text"] += 1
    if isinstance(text, int):
        text = "[" * text + "]" * text
    try:
        expected: Any = json.loads(text)
        expected_refusal = None
        if _nesting(expected) > MAX_JSON_DEPTH:  # valid JSON, but no check-in nests so deep
            expected_refusal = messages.JSON_TOO_DEEP.format(source="check-in.json")
    except json.JSONDecodeError as error:
        expected_refusal = messages.BAD_JSON.format(
            source="check-in.json", line=error.lineno, reason=error.msg
        )
    except RecursionError:
        expected_refusal = messages.JSON_TOO_DEEP.format(source="check-in.json")
    try:
        document = load_json_document(text, "check-in.json")
    except InputError as error:
        assert str(error) == expected_refusal
        return
    assert expected_refusal is None
    assert json.dumps(document) == json.dumps(expected)  # NaN != NaN; their JSON is equal


def _nesting(value: Any) -> int:
    """How many lists and objects deep `value` goes ([] is 1, a number 0)."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, depth = todo.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            todo.extend((child, depth + 1) for child in children)
    return deepest


def test_json_nested_far_too_deep_is_refused_as_such() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InputError) as refused:
        load_json_document(deep, "deep.json")
    assert str(refused.value) == messages.JSON_TOO_DEEP.format(source="deep.json")
    assert load_json_document("[[[]]]", "shallow.json") == [[[]]]


@pytest.fixture(scope="module")
def show_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One check-in with a known id, so every prefix of it is a right answer."""
    journal = tmp_path_factory.mktemp("show") / "show.db"
    db = open_journal(journal)
    save_checkin(db, CheckIn(id=SHOWN_ID, mood=3, answers={"note": "the shown one"}))
    db.close()
    return journal


SHOWN_ID = "5e1f0c2a-7b3d-4c9e-8a10-2f4b6d8e0a1c"
shown_prefixes = st.integers(1, len(SHOWN_ID)).map(lambda n: SHOWN_ID[:n])


@CLI
@given(
    st.one_of(
        specs,
        st.uuids().map(str),
        shown_prefixes,
        shown_prefixes.map(str.upper),
        shown_prefixes.map(lambda p: f"  {p} "),
    )
)
@example("\udcff")
@example("'; DROP TABLE checkins; --")
@example("5e1f")
@example("5E1F0C2A")
@example("5e1f%")
@example("-")
@example("-1")
@example("-2")
@example("-0")
@example(" LAST ")
@example("-1234567")
def test_cli_show_any_id(show_journal: Path, text: str) -> None:
    """`show TEXT` shows the one check-in when TEXT (trimmed, any case) starts
    its id; anything else is refused in one line: not an id, or no such id."""
    TRIED["show ID"] += 1
    # After "--" the text is the ID even when it starts with a dash.
    result = CliRunner().invoke(app, ["show", "--db", str(show_journal), "--", text])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    cleaned = text.strip().lower()
    # "last", "-1", "-2", ... count back from the newest (the journal holds one).
    counted = re.fullmatch(r"-([0-9]{1,6})", cleaned)
    back = 1 if cleaned == "last" else int(counted[1]) if counted and int(counted[1]) else None
    if back is not None and back > 1:
        assert result.exit_code == 2, (result.output, result.exception)
        expected = messages.NO_LAST.format(number=back, total=1)
        assert result.stderr == f"Error: {one_line(expected)}\n"
        return
    starts_id = set(cleaned) <= set("0123456789abcdef-") and SHOWN_ID.startswith(cleaned)
    if back == 1 or (cleaned and starts_id):
        assert result.exit_code == 0, (result.output, result.exception)
        assert "the shown one" in result.stdout and SHOWN_ID in result.stdout
        assert result.stderr == ""
        return
    assert result.exit_code == 2, (result.output, result.exception)
    assert result.stdout == ""
    if cleaned and set(cleaned) <= set("0123456789abcdef-"):
        expected = messages.NO_SUCH_CHECKIN.format(id=text)
    else:
        expected = messages.BAD_ID.format(id=text)
    assert result.stderr == f"Error: {one_line(expected)}\n"


NOW = datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=1)))
moments = st.one_of(
    hostile,
    any_text,
    st.tuples(
        st.integers(0, 99999),
        st.sampled_from(["minute", "hours", "day", "weeks", "month", "years"]),
    ).map(lambda t: f"{t[0]} {t[1]} ago"),
    st.tuples(st.sampled_from(["today", "yesterday", "Yesterday "]), numbers, numbers).map(
        lambda t: f"{t[0]} {t[1]}:{t[2]}"
    ),
    st.datetimes().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep=" ", timespec="minutes") + "+14:00"),
    st.dates().map(str),
)


@FAST
@given(moments, st.booleans())
def test_parse_moment_and_day(text: str, fixed_now: bool) -> None:
    TRIED["--at and dates"] += 1
    now = NOW if fixed_now else None
    try:
        moment = parse_moment(text, now)
        day = parse_day(text, now)
    except InputError:
        return
    assert moment.tzinfo is not None and isinstance(day, date)
    CheckIn().set_time(moment)  # a moment that parses can be recorded


def _flag_outcome(flag: str, spec: str) -> tuple[str | None, Any]:
    """What `checkin --mood 5 FLAG SPEC` must do: (None, what the saved check-in
    holds for that flag) when accepted, or (the refusal, None). Stated through
    the parsers that the tests above check on their own."""
    vocabulary = default_vocabulary()
    if flag in ("--sensation", "--emotion"):
        if not _encodes(spec):  # answers.checked_text, before the parser reads it
            return messages.TEXT_NOT_UTF8.format(field=flag.removeprefix("--") + "s"), None
        parse = parse_sensation if flag == "--sensation" else parse_emotion
        try:
            item = parse(spec)
        except InputError as error:
            return str(error), None
        if flag == "--sensation":
            item.is_target = True  # a full check-in aims its dialogue at the first
        return None, vars(item)
    if flag == "--target":
        refusal = _refusal(vocabulary.region, spec)
        if refusal is None and vocabulary.region(spec) != "chest":
            refusal = messages.TARGET_NOT_SCANNED.format(region=vocabulary.region(spec))
        return refusal, "chest"
    if flag == "--practice-seconds":
        digits = spec.strip()
        if not (digits.isascii() and digits.isdigit()):
            return messages.BAD_SECONDS.format(value=spec), None
        if int(digits) > MAX_SECONDS:
            return "practice_seconds", None  # named in the refusal
        return None, int(digits)
    if flag == "--at":
        try:
            moment = parse_moment(spec)
        except InputError as error:
            return str(error), None
        if moment > datetime.now(UTC):
            return messages.FUTURE_TIME.format(text=spec), None
        return None, moment.astimezone(UTC)
    # --focus and --tag: any text that is valid UTF-8; blank means none given.
    if not _encodes(spec):
        return messages.TEXT_NOT_UTF8.format(
            field=flag.removeprefix("--").replace("tag", "tags")
        ), None
    if flag == "--focus":
        return None, spec or None
    return None, [spec.strip()] if spec.strip() else []


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _saved(journal: Path, flag: str) -> Any:
    db = open_journal(journal)
    (checkin_id,) = [r[0] for r in db.execute("SELECT id FROM checkins")]
    saved = load_checkin(db, checkin_id)
    db.close()
    assert saved.mood == 5
    if flag == "--sensation":
        return vars(saved.sensations[0]) if len(saved.sensations) == 1 else saved.sensations
    if flag == "--emotion":
        return vars(saved.emotions[0]) if len(saved.emotions) == 1 else saved.emotions
    if flag == "--target":
        return saved.target.region if saved.target else None
    if flag == "--practice-seconds":
        return saved.practice_seconds
    if flag == "--at":
        return saved.created_utc
    if flag == "--focus":
        return saved.answers.get("focus")
    return saved.tags


@CLI
@given(
    specs,
    st.sampled_from(
        ["--sensation", "--emotion", "--at", "--target", "--focus", "--tag", "--practice-seconds"]
    ),
)
@example("\r", "--sensation")
@example("\udcff", "--sensation")
@example("\udcff", "--emotion")
@example("\udcff", "--focus")
@example("\udcff", "--tag")
@example("  a tag  ", "--tag")
@example("chest:tight:²", "--sensation")
@example("shoulders/left:tense:5:3", "--sensation")
@example("anxious:5:chest", "--emotion")
@example("Chest", "--target")
@example("feet", "--target")
@example("9999 years ago", "--at")
@example("0001-01-01T00:00+14:00", "--at")
@example("2026-01-02T21:00", "--at")
@example("99999999999999999999999", "--practice-seconds")
@example("604801", "--practice-seconds")
@example(" 90 ", "--practice-seconds")
@example("٣٠", "--practice-seconds")  # digits, but not the ASCII ones asked for
@example("²", "--practice-seconds")
def test_cli_flags_save_the_value_or_refuse_in_one_line(
    tmp_path: Path, spec: str, flag: str
) -> None:
    """Each flag's value is saved as its parser reads it, or the check-in is
    refused in one line with the parser's message and nothing is saved."""
    TRIED["CLI flags"] += 1
    journal = tmp_path / f"journal-{TRIED['CLI flags']}.db"
    args = ["checkin", "--db", str(journal), "--mood", "5", flag, spec]
    if flag == "--target":
        args += ["--sensation", "chest:tight:4"]
    refusal, value = _flag_outcome(flag, spec)
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if refusal is None:
        assert result.exit_code == 0, (spec, result.output, result.exception)
        saved = _saved(journal, flag)
        if flag == "--at":  # "5 minutes ago" was read twice, a moment apart
            assert abs(saved - value) < timedelta(minutes=1), (spec, saved, value)
        else:
            assert saved == value, (spec, saved, value)
        return
    assert result.exit_code == 2, (spec, refusal, result.output)
    assert not journal.exists()
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert one_line(refusal) in lines[0] or refusal in lines[0], (refusal, lines[0])


# --- Review periods -------------------------------------------------------------


def _expected_period(option: str, text: str, now: datetime) -> Period | str:
    """What resolve_period(now, option=text) must give: the period, or the
    message it refuses with. Stated from the options' help, rule by rule."""
    today = now.date()

    def week_of(day: date) -> Period:
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6), "week")

    if option == "week":
        cleaned = text.strip().lower()
        named = {"this": today, "current": today, "last": today - timedelta(days=7)}
        named["previous"] = named["last"]
        if cleaned in named:
            period = week_of(named[cleaned])
        else:
            match = re.fullmatch(r"(\d{4})-?w(\d{1,2})", cleaned)
            try:
                assert match is not None
                period = week_of(date.fromisocalendar(int(match[1]), int(match[2]), 1))
            except (AssertionError, ValueError):
                return messages.BAD_WEEK.format(text=text)
    elif option == "last":
        digits = text.strip()
        if not (digits.isascii() and digits.isdigit() and 1 <= int(digits) <= MAX_DAYS):
            return messages.BAD_LAST.format(value=text, limit=MAX_DAYS)
        period = Period(today - timedelta(days=int(digits) - 1), today, "days")
    else:
        try:
            day = parse_day(text, now)
        except InputError as error:
            return str(error)
        start, end = (day, today) if option == "since" else (day - timedelta(days=6), day)
        if start > end:
            return messages.SINCE_AFTER_UNTIL.format(since=start, until=end)
        if (end - start).days + 1 > MAX_DAYS:
            return messages.PERIOD_TOO_LONG.format(days=(end - start).days + 1, limit=MAX_DAYS)
        period = Period(start, end, "range")
    if period.start > today:
        return messages.PERIOD_IN_FUTURE.format(start=period.start)
    return period


@FAST
@given(text=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30),
                      st.sampled_from(["this", " Last ", "previous", "2026-w47", "2026W01", "3",
                                       "36600", "36601", "yesterday", "2 weeks ago"])),
       option=st.sampled_from(["week", "last", "since", "until"]))  # fmt: skip
@example("2026-W53", "week")  # 2026 has 52 ISO weeks
@example("2020-W53", "week")  # 2020 has 53
@example("2026-W49", "week")  # not begun on 25 November
@example("0", "last")
@example("²", "last")
@example("0001-01-01", "since")
@example("2026-11-26", "since")
@example("2026-12-02", "until")
def test_review_period_options(text: str, option: str) -> None:
    from serjournal.review.periods import resolve_period

    TRIED["review periods"] += 1
    now = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
    expected = _expected_period(option, text, now)
    try:
        period = resolve_period(now, **{option: text})
    except InputError as error:
        assert str(error) == expected, f"{option}={text!r} was refused: {error}"
        return
    assert period == expected, f"{option}={text!r}"
    assert period.start <= period.end <= now.date() + timedelta(days=6)


# --- Importing files -------------------------------------------------------------

OWN_HEADER = ",".join(CHECKINS)
DAYLIO_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note"
cells = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))


@st.composite
def import_texts(draw: Any) -> str:
    """A header we recognise (or none) over rows of random, often hostile cells."""
    header = draw(st.sampled_from([OWN_HEADER, DAYLIO_HEADER, "", "a,b"]))
    width = len(header.split(",")) if header else draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=3))
    body = "\r\n".join(",".join(json.dumps(c) if "," in c else c for c in row) for row in rows)
    return f"{header}\r\n{body}" if header else body


@CLI
@given(text=st.one_of(import_texts(), st.text(max_size=200)))
@example("")
@example(OWN_HEADER + "\r\n" + ",".join(["x"] * len(CHECKINS)))
@example(DAYLIO_HEADER + "\r\n2026-11-20,November 20,Friday,9:15 pm,rad,sport | friends,,hi")
def test_import_any_file(property_journal: Any, text: str) -> None:
    """An import adds valid rows, or refuses the whole file in one line and
    leaves the journal exactly as it was."""
    from serjournal.store.checkins import count_checkins
    from serjournal.transfer.importing import import_file

    TRIED["import files"] += 1
    path, db = property_journal
    source = path.with_name("import.csv")
    source.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = count_checkins(db)
    try:
        report = import_file(db, source)
    except InputError as error:
        assert "\n" not in str(error)
        assert count_checkins(db) == before
    else:
        assert count_checkins(db) == before + report.added
