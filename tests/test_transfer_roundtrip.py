"""Export then import gives back every check-in field for field."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serjournal import content
from serjournal.answers import MAX_SECONDS, MAX_TEXT_CHARS
from serjournal.models import CheckIn, EmotionEntry, Sensation
from serjournal.store.checkins import count_checkins
from serjournal.store.connection import open_journal
from serjournal.store.writes import import_checkins
from serjournal.transfer import columns, csv_safety
from serjournal.transfer.export_csv import escape_tag, write_table
from serjournal.transfer.import_own import split_tags
from serjournal.transfer.importing import import_file
from serjournal.vocabulary import normalise
from tests.transfer_helpers import all_dicts, csv_text, fill, json_text, make_checkin, write

RISKY = ["", "=", "+", "-", "@", "\t", "\r", "'", "''", '"', ",", "\n", "'="]
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
texts = st.builds(
    lambda start, rest: start + rest, st.sampled_from(RISKY), st.text(characters, max_size=60)
).filter(bool)
tags = st.text(characters, min_size=1, max_size=20).map(str.strip).filter(bool)
ratings = st.none() | st.integers(0, 10)


# Words the journal can hold: the built-in ones, and any a config adds
# (normalised, and holding the list separators ; : / and \\ too).
own_words = (
    (
        st.text(st.sampled_from("ab ;:/\\-_'()é🌿"), min_size=1, max_size=12)
        | st.text(characters, min_size=1, max_size=12)
    )
    .map(normalise)
    .filter(lambda w: bool(w) and normalise(w) == w)
)
regions = st.sampled_from(content.REGIONS) | own_words
qualities = st.sampled_from(content.QUALITIES) | own_words


@st.composite
def emotion_words(draw: st.DrawFn) -> tuple[str, str, str, str]:
    """A built-in emotion as it is, one a config redefined, or a config's own."""
    word = draw(st.sampled_from(content.EMOTIONS))
    kind = draw(st.sampled_from(["built in", "redefined", "own"]))
    if kind == "built in":
        return word.name, word.family, word.valence, word.energy
    name = word.name if kind == "redefined" else draw(own_words)
    return (
        name,
        draw(own_words | st.sampled_from(content.FAMILIES)),
        draw(st.sampled_from(["pleasant", "unpleasant"])),
        draw(st.sampled_from(["high", "low"])),
    )


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    """Any check-in the journal can hold (see the README's "Your data")."""
    sensations = [
        Sensation(
            region=draw(regions),
            quality=draw(qualities),
            intensity=draw(st.integers(0, 10)),
            side=draw(st.none() | st.sampled_from(content.SIDES)),
            intensity_after=draw(ratings),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    if sensations:
        target = draw(st.none() | st.integers(0, len(sensations) - 1))
        if target is not None:
            sensations[target].is_target = True
    emotions = [
        EmotionEntry(*draw(emotion_words()), draw(st.integers(0, 10)), draw(st.none() | regions))
        for _ in range(draw(st.integers(0, 3)))
    ]
    checkin = CheckIn(
        mode=draw(st.sampled_from(["full", "quick"])),
        duration_seconds=draw(st.none() | st.integers(0, MAX_SECONDS)),
        practice=draw(st.none() | st.sampled_from(list(content.PRACTICES))),
        practice_seconds=draw(st.none() | st.integers(0, MAX_SECONDS)),
        sensations=sensations,
        emotions=emotions,
        answers=draw(st.dictionaries(st.sampled_from(list(content.ANSWER_STAGE)), texts)),
        tags=draw(st.lists(tags, max_size=4, unique=True)),
    )
    for name in ("settledness", "mood", "energy", "distress", "distress_after", "closing_mood"):
        setattr(checkin, name, draw(ratings))
    # Every offset and year a check-in can have.
    offset = timedelta(minutes=draw(st.integers(-18 * 60, 18 * 60)))
    moment = draw(st.datetimes(datetime(1900, 1, 2), datetime(2999, 12, 30)))
    checkin.set_time(moment.replace(tzinfo=timezone(offset)))
    if draw(st.booleans()):
        checkin.edited_utc = checkin.created_utc + timedelta(hours=1)
    return checkin


def _round_trip(originals: list[CheckIn], export: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = open_journal(Path(folder) / "a.db")
        target = open_journal(Path(folder) / "b.db")
        import_checkins(source, originals)
        text = csv_text(source) if export == "csv" else json_text(source)
        report = import_file(target, write(Path(folder) / f"export.{export}", text))
        assert report.added == len(originals)
        assert all_dicts(target) == all_dicts(source)
        assert {c.id for c in originals} == set(all_dicts(target))
        source.close()
        target.close()


slow = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@slow
@given(st.lists(checkins(), min_size=1, max_size=3, unique_by=lambda c: c.id))
def test_csv_round_trip_keeps_every_field(originals: list[CheckIn]) -> None:
    _round_trip(originals, "csv")


@slow
@given(st.lists(checkins(), min_size=1, max_size=3, unique_by=lambda c: c.id))
def test_json_round_trip_keeps_every_field(originals: list[CheckIn]) -> None:
    _round_trip(originals, "json")


def test_the_longest_answers_and_cells_round_trip_in_csv() -> None:
    # Answers at the length limit, and a tags cell longer than the csv
    # module's default 128 KiB cell limit.
    long = make_checkin(
        answers={"memory": '=a, "b"\n' * (MAX_TEXT_CHARS // 8), "note": "🌿" * MAX_TEXT_CHARS},
        tags=[f"{n} " + "x" * (MAX_TEXT_CHARS - 2) for n in range(8)],
    )
    _round_trip([long], "csv")
    _round_trip([long], "json")


@given(texts)
def test_neutralising_is_reversed_exactly(text: str) -> None:
    safe = csv_safety.neutralise(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_safety.restore(safe) == text


def test_neutralised_cells_in_the_export_file(db) -> None:  # type: ignore[no-untyped-def]
    import_checkins(db, [make_checkin(answers={"note": "=HYPERLINK(1)", "focus": "'x"})])
    text = csv_text(db)
    assert ",'=HYPERLINK(1)," in text
    assert "''x" in text
    assert ",-300," in text  # number columns are left as numbers


@given(st.lists(tags, max_size=5))
def test_tags_split_back_as_joined(values: list[str]) -> None:
    assert split_tags("; ".join(escape_tag(t) for t in values)) == values


def test_importing_the_same_export_twice_changes_nothing(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fill(db, 4)
    exported = write(tmp_path / "e.csv", csv_text(db))
    target = open_journal(tmp_path / "other.db")
    first = import_file(target, exported)
    before = all_dicts(target)
    second = import_file(target, exported)
    assert (first.added, first.skipped) == (4, 0)
    assert (second.added, second.skipped) == (0, 4)
    assert all_dicts(target) == before


def test_merging_two_machines_makes_no_duplicates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    laptop = open_journal(tmp_path / "laptop.db")
    phone = open_journal(tmp_path / "phone.db")
    shared = make_checkin(0)
    import_checkins(laptop, [shared, make_checkin(1)])
    import_checkins(phone, [shared, make_checkin(2)])
    import_file(laptop, write(tmp_path / "phone.json", json_text(phone)))
    assert count_checkins(laptop) == 3


def test_export_period_filters_on_local_date(db) -> None:  # type: ignore[no-untyped-def]
    fill(db, 5)  # local dates 2026-03-01 .. 2026-03-05
    out = io.StringIO(newline="")
    count = write_table(db, "checkins", out, date(2026, 3, 2), date(2026, 3, 3))
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert count == 2
    assert [r["local_date"] for r in rows] == ["2026-03-02", "2026-03-03"]


def test_tidy_tables_have_one_row_per_item(db) -> None:  # type: ignore[no-untyped-def]
    fill(db, 3)
    rows = list(csv.DictReader(io.StringIO(csv_text(db, "emotions"), newline="")))
    assert len(rows) == 6
    assert rows[0]["local_date"] == "2026-03-01" and rows[0]["name"] == "anxious"
    assert rows[1]["region"] == ""
    sensations = list(csv.DictReader(io.StringIO(csv_text(db, "sensations"), newline="")))
    assert [r["is_target"] for r in sensations[:2]] == ["1", "0"]


def test_csv_uses_crlf_and_local_and_utc_times(db) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)
    text = csv_text(db)
    assert text.count("\r\n") >= 2
    assert "2026-03-01T21:30:00-05:00" in text and "2026-03-02T02:30:00Z" in text


def test_json_export_is_valid_and_holds_to_dict(db) -> None:  # type: ignore[no-untyped-def]
    checkins = fill(db, 2)
    document = json.loads(json_text(db))
    assert document["format"] == "serjournal"
    assert [c["id"] for c in document["checkins"]] == [c.id for c in checkins]
    assert document["checkins"][0] == checkins[0].to_dict()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("table", ["checkins", "sensations", "emotions"])
def test_no_exported_text_cell_can_start_a_formula(db, table: str) -> None:  # type: ignore[no-untyped-def]
    """Every text column of every table, tags included, guards a cell that
    would start a formula with one apostrophe; number columns stay numbers."""
    risky = make_checkin(
        tags=["=SUM(A1)", "work"],
        answers={"focus": "+1", "takeaway": "@me", "note": "-2", "memory": "\tx", "need": "\r"},
        sensations=[Sensation("=chest", "+tight", 6, intensity_after=3, is_target=True)],
        emotions=[EmotionEntry("@anxious", "-fear", "unpleasant", "high", 5, "=chest")],
    )
    import_checkins(db, [risky])
    header, *body = list(csv.reader(io.StringIO(csv_text(db, table), newline="")))
    (row,) = body
    cells = dict(zip(header, row, strict=True))
    text_cells = {name: cell for name, cell in cells.items() if name not in columns.NUMERIC}
    assert [n for n, cell in text_cells.items() if cell.startswith(FORMULA_STARTS)] == []
    guarded = {name for name, cell in text_cells.items() if cell.startswith("'")}
    expected = {
        "checkins": {
            "tags",
            "focus",
            "takeaway",
            "note",
            "memory",
            "need",
            "sensations",
            "emotions",
        },
        "sensations": {"region", "quality"},
        "emotions": {"name", "family", "region"},
    }[table]
    assert guarded == expected
    if table == "checkins":
        assert cells["tags"] == "'=SUM(A1); work"
    # The emotions table's energy (high/low, checked on the way in) shares its
    # name with the energy rating, so it is left as it is, like the numbers.
    numbers = {n: c for n, c in cells.items() if n in columns.NUMERIC and c}
    if table == "emotions":
        assert numbers.pop("energy") == "high"
    assert all(c.lstrip("-").isdigit() for c in numbers.values()), numbers
