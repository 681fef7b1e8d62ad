"""Issue 9, "Wrong results": answers the program accepted and then stored or
read as something else. Each test states the right result and reads it back
from the journal (or the command's own JSON)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from serjournal import timeutil
from serjournal.cli import app
from serjournal.errors import InputError

runner = CliRunner()


def invoke(*args: str | Path, stdin: str | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def stored(journal: Path, columns: str = "local_date, created_utc, utc_offset_minutes") -> list:
    with sqlite3.connect(journal) as conn:
        return conn.execute(f"SELECT {columns} FROM checkins ORDER BY created_utc").fetchall()


# --- Daylight saving --------------------------------------------------------------------


def test_a_time_in_the_spring_gap_moves_forward(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    # New York, 8 March 2026: clocks go from 02:00 EST straight to 03:00 EDT.
    local_clock("America/New_York")
    result = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", "2026-03-08 02:30")
    assert result.exit_code == 0, result.output
    assert "for 2026-03-08" in result.stdout
    # 02:30 does not exist: it is 03:30 EDT, not 01:30 EST (an hour earlier).
    assert stored(journal_path) == [("2026-03-08", "2026-03-08T07:30:00Z", -240)]


def test_a_time_that_happens_twice_is_the_first_of_the_two(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    # New York, 1 November 2026: 01:30 happens at -04:00 and again at -05:00.
    local_clock("America/New_York")
    result = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", "2026-11-01 01:30")
    assert result.exit_code == 0, result.output
    assert stored(journal_path) == [("2026-11-01", "2026-11-01T05:30:00Z", -240)]


def test_a_date_whose_midnight_was_skipped_is_saved_for_that_date(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    # Santiago, 6 September 2026: clocks go from 00:00 to 01:00, so midnight never comes.
    local_clock("America/Santiago")
    result = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", "2026-09-06")
    assert result.exit_code == 0, result.output
    assert "for 2026-09-06" in result.stdout
    assert stored(journal_path) == [("2026-09-06", "2026-09-06T04:00:00Z", -180)]


def test_list_and_review_since_a_skipped_midnight_start_on_that_day(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    local_clock("America/Santiago")
    for moment in ("2026-09-05 22:00", "2026-09-06 10:00"):
        saved = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", moment)
        assert saved.exit_code == 0, saved.output
    listed = invoke("list", "--db", journal_path, "--since", "2026-09-06", "--json")
    assert listed.exit_code == 0, listed.output
    assert [row["local_date"] for row in json.loads(listed.stdout)] == ["2026-09-06"]
    exported = invoke("export", "--db", journal_path, "--since", "2026-09-06")
    assert [line.split(",")[1] for line in exported.stdout.splitlines()[1:]] == ["2026-09-06"]
    review = invoke(
        "review", "--db", journal_path, "--since", "2026-09-06", "--until", "2026-09-12", "--json"
    )
    assert review.exit_code == 0, review.output
    summary = json.loads(review.stdout)
    assert summary["period"]["start"] == "2026-09-06"
    assert summary["consistency"]["checkins"] == 1


def test_hours_ago_are_counted_on_the_real_timeline_across_the_spring_change(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    # Berlin, 5 April 2026 00:30 CEST. 192 hours earlier, before the change of
    # 29 March, clocks showed 27 March 23:30 CET: the 27th, not the 28th.
    local_clock("Europe/Berlin", datetime(2026, 4, 5, 0, 30))
    result = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", "192 hours ago")
    assert result.exit_code == 0, result.output
    assert stored(journal_path) == [("2026-03-27", "2026-03-27T22:30:00Z", 60)]


def test_days_ago_keep_the_clock_time_and_take_that_days_offset(
    local_clock: Callable[..., None], journal_path: Path
) -> None:
    # 3 days before Monday 30 March 00:30 CEST is Friday 27 March, 00:30 CET.
    local_clock("Europe/Berlin", datetime(2026, 3, 30, 0, 30))
    result = invoke("checkin", "--db", journal_path, "--mood", "5", "--at", "3 days ago")
    assert result.exit_code == 0, result.output
    assert stored(journal_path) == [("2026-03-27", "2026-03-26T23:30:00Z", 60)]


@pytest.mark.parametrize(
    ("zone", "typed", "expected_utc", "offset"),
    [
        ("America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z", -240),
        ("America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z", -240),
        ("America/Santiago", "2026-09-06 00:00", "2026-09-06T04:00:00Z", -180),
        ("Europe/Berlin", "2026-03-29 02:30", "2026-03-29T01:30:00Z", 120),
        ("Europe/Berlin", "2026-10-25 02:30", "2026-10-25T00:30:00Z", 120),
        # A POSIX rule instead of an IANA name: the C library's rules, same answers.
        ("EST5EDT,M3.2.0,M11.1.0", "2026-03-08 02:30", "2026-03-08T07:30:00Z", -240),
        ("EST5EDT,M3.2.0,M11.1.0", "2026-11-01 01:30", "2026-11-01T05:30:00Z", -240),
    ],
)
def test_typed_times_follow_the_standard_rules_in_every_zone(
    local_clock: Callable[..., None], zone: str, typed: str, expected_utc: str, offset: int
) -> None:
    local_clock(zone)
    moment = timeutil.parse_moment(typed)
    assert moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") == expected_utc
    assert moment.utcoffset().total_seconds() // 60 == offset  # type: ignore[union-attr]
    assert moment.date().isoformat() == typed[:10]
    assert timeutil.parse_day(typed[:10]) == date.fromisoformat(typed[:10])


def test_a_day_missing_from_the_local_calendar_is_refused_not_moved() -> None:
    # Samoa skipped 30 December 2011 altogether.
    with pytest.raises(ValueError):
        timeutil.on_local_clock(date(2011, 12, 30), clock(12, 0), ZoneInfo("Pacific/Apia"))
    after = timeutil.on_local_clock(date(2011, 12, 31), clock(12, 0), ZoneInfo("Pacific/Apia"))
    assert after.utcoffset() == timedelta(hours=14)


def test_daylio_times_follow_the_same_rules(
    local_clock: Callable[..., None], journal_path: Path, tmp_path: Path
) -> None:
    local_clock("America/New_York")
    daylio = tmp_path / "daylio.csv"
    daylio.write_text(
        "full_date,date,weekday,time,mood,activities,note_title,note\r\n"
        "2026-03-08,March 8,Sunday,2:30 am,good,,,\r\n"
        "2026-11-01,November 1,Sunday,01:30,good,,,\r\n",
        encoding="utf-8",
    )
    result = invoke("import", "--db", journal_path, daylio)
    assert result.exit_code == 0, result.output
    assert stored(journal_path) == [
        ("2026-03-08", "2026-03-08T07:30:00Z", -240),
        ("2026-11-01", "2026-11-01T05:30:00Z", -240),
    ]


def test_parse_moment_refuses_what_it_cannot_place() -> None:
    apia_now = datetime(2012, 1, 5, tzinfo=ZoneInfo("Pacific/Apia"))
    with pytest.raises(InputError):
        timeutil.parse_moment("2011-12-30 12:00", apia_now)


# --- Import: ids, empty entries, a day without a time -------------------------------------


def test_an_entry_without_an_id_is_imported_once_however_often_the_file_is(
    journal_path: Path, tmp_path: Path
) -> None:
    document = tmp_path / "mine.json"
    document.write_text(
        json.dumps(
            [
                {"created_utc": "2026-11-20T08:00:00Z", "mood": 6, "tags": ["morning"]},
                {"mood": 4, "answers": {"note": "written by hand, no time"}},
            ]
        ),
        encoding="utf-8",
    )
    spreadsheet = tmp_path / "mine.csv"
    from serjournal.transfer import columns

    header = list(columns.CHECKINS)
    row = dict.fromkeys(header, "") | {
        "created_utc": "2026-11-21T08:00:00Z",
        "utc_offset_minutes": "60",
        "mode": "quick",
        "mood": "7",
    }
    spreadsheet.write_text(
        ",".join(header) + "\r\n" + ",".join(row[name] for name in header) + "\r\n",
        encoding="utf-8",
    )
    for _ in range(3):
        for source in (document, spreadsheet):
            result = invoke("import", "--db", journal_path, source)
            assert result.exit_code == 0, result.output
    assert stored(journal_path, "mood") == [(6,), (7,), (4,)]
    again = invoke("import", "--db", journal_path, document)
    assert "Imported 0 check-ins" in again.stdout and "already in the journal: 2" in again.stdout


@pytest.mark.parametrize(
    "text", ["{}", "[{}, {}]", '{"checkins": [{}]}', '[{"mode": "quick", "tags": []}]']
)
def test_empty_entries_are_refused_not_imported_as_blank_checkins(
    journal_path: Path, tmp_path: Path, text: str
) -> None:
    source = tmp_path / "empty.json"
    source.write_text(text, encoding="utf-8")
    result = invoke("import", "--db", journal_path, source)
    assert result.exit_code == 2
    assert "check-in 1: it is empty (no answers and no time)" in result.stderr
    assert not journal_path.exists() or stored(journal_path) == []
    dry = invoke("import", "--db", journal_path, "--dry-run", source)
    assert "0 check-ins would be added" in dry.stdout


def test_a_blank_checkin_that_was_saved_still_round_trips(
    journal_path: Path, tmp_path: Path
) -> None:
    # A check-in with only its time (everything skipped) is a record, not empty.
    saved = {"created_utc": "2026-11-20T08:00:00Z", "utc_offset_minutes": 60}
    (tmp_path / "blank.json").write_text(json.dumps([saved]), encoding="utf-8")
    assert invoke("import", "--db", journal_path, tmp_path / "blank.json").exit_code == 0
    other = tmp_path / "other.db"
    exported = invoke("export", "--db", journal_path, "-o", tmp_path / "e.csv")
    assert exported.exit_code == 0, exported.output
    assert invoke("import", "--db", other, tmp_path / "e.csv").exit_code == 0
    assert stored(other, "id, local_date, created_utc, mood") == stored(
        journal_path, "id, local_date, created_utc, mood"
    )


def test_a_local_date_without_a_time_is_refused(journal_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "day.json"
    source.write_text('[{"local_date": "2026-11-20", "mood": 5}]', encoding="utf-8")
    result = invoke("import", "--db", journal_path, source)
    assert result.exit_code == 2
    assert "local_date 2026-11-20 is given without created_utc" in result.stderr
    assert not journal_path.exists() or stored(journal_path) == []
    one = tmp_path / "one.json"
    one.write_text('{"local_date": "2026-11-20", "mood": 5}', encoding="utf-8")
    given = invoke("checkin", "--db", journal_path, "--from-json", one)
    assert given.exit_code == 2 and "without created_utc" in given.stderr
    one.write_text('{"utc_offset_minutes": 60, "mood": 5}', encoding="utf-8")
    offset = invoke("checkin", "--db", journal_path, "--from-json", one)
    assert offset.exit_code == 2
    assert "utc_offset_minutes is given without created_utc" in offset.stderr
    assert not journal_path.exists() or stored(journal_path) == []


# --- CSV round trip ---------------------------------------------------------------------

OWN_WORDS = """
[vocabulary]
regions = ["neck/throat"]
qualities = ["tight; sore", "pins: needles"]
[emotions.wistful]
family = "sadness"
"""


def _all_checkins(journal: Path) -> list[dict[str, Any]]:
    result = invoke("export", "--db", journal, "--format", "json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["checkins"])


def test_a_csv_export_comes_back_whole_after_its_words_left_the_config(
    journal_path: Path, tmp_path: Path
) -> None:
    config = Path(os.environ["SERJOURNAL_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(OWN_WORDS, encoding="utf-8")
    entry = {
        "mood": 5,
        "sensations": [
            {"region": "neck/throat", "side": "left", "quality": "tight; sore", "intensity": 6},
            {"region": "chest", "quality": "pins: needles", "intensity": 3, "intensity_after": 1},
        ],
        "emotions": [
            {"name": "wistful", "intensity": 4, "region": "neck/throat"},
            # Not in any vocabulary: it came from JSON with its coordinates.
            {"name": "awe", "family": "wonder", "valence": "pleasant", "energy": "high",
             "intensity": 7},
            {"name": "anxious", "intensity": 2},
        ],
        "tags": ["a; b", "back\\slash"],
    }  # fmt: skip
    (tmp_path / "entry.json").write_text(json.dumps(entry), encoding="utf-8")
    saved = invoke("checkin", "--db", journal_path, "--from-json", tmp_path / "entry.json")
    assert saved.exit_code == 0, saved.output
    config.unlink()  # the words leave the config; the entry keeps them

    exported = invoke("export", "--db", journal_path, "-o", tmp_path / "checkins.csv")
    assert exported.exit_code == 0, exported.output
    other = tmp_path / "other.db"
    imported = invoke("import", "--db", other, tmp_path / "checkins.csv")
    assert imported.exit_code == 0, imported.output
    (back,) = _all_checkins(other)
    assert back == _all_checkins(journal_path)[0]
    assert [(s["region"], s["side"], s["quality"]) for s in back["sensations"]] == [
        ("neck/throat", "left", "tight; sore"),
        ("chest", None, "pins: needles"),
    ]
    assert [(e["name"], e["family"], e["region"]) for e in back["emotions"]] == [
        ("wistful", "sadness", "neck/throat"),
        ("awe", "wonder", None),
        ("anxious", "fear", None),
    ]


def test_one_unknown_emotion_no_longer_fails_the_whole_csv_import(
    journal_path: Path, tmp_path: Path
) -> None:
    entries = [{"created_utc": f"2026-11-{day:02d}T08:00:00Z", "mood": 5} for day in (1, 2, 3)]
    entries[1]["emotions"] = [
        {"name": "saudade", "family": "longing", "valence": "unpleasant", "energy": "low",
         "intensity": 6}
    ]  # fmt: skip
    (tmp_path / "in.json").write_text(json.dumps(entries), encoding="utf-8")
    assert invoke("import", "--db", journal_path, tmp_path / "in.json").exit_code == 0
    assert invoke("export", "--db", journal_path, "-o", tmp_path / "out.csv").exit_code == 0
    other = tmp_path / "other.db"
    result = invoke("import", "--db", other, tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert "Imported 3 check-ins" in result.stdout
    assert _all_checkins(other) == _all_checkins(journal_path)


def test_a_recorded_word_stays_itself_through_import_and_edit(
    journal_path: Path, tmp_path: Path
) -> None:
    # "jaw" is an alias of "face and jaw" today; a record that says "jaw" keeps it.
    record = {
        "id": "0a0a0a0a-1111-4000-8000-00000000000a",
        "created_utc": "2026-11-20T08:00:00Z",
        "mood": 4,
        "sensations": [{"region": "jaw", "quality": "clenched", "intensity": 5}],
    }
    (tmp_path / "r.json").write_text(json.dumps([record]), encoding="utf-8")
    assert invoke("import", "--db", journal_path, tmp_path / "r.json").exit_code == 0
    edited = invoke("edit", record["id"], "--db", journal_path, "--set", "mood=6")
    assert edited.exit_code == 0, edited.output
    (back,) = _all_checkins(journal_path)
    assert back["mood"] == 6
    assert [(s["region"], s["quality"]) for s in back["sensations"]] == [("jaw", "clenched")]
    # Without its id and time it is a new entry, checked like one: a typo is caught,
    # and a word the vocabulary knows by another name is saved as that name.
    del record["id"], record["created_utc"]
    record["sensations"] = [{"region": "jaw", "quality": "sproingy", "intensity": 5}]
    (tmp_path / "new.json").write_text(json.dumps([record]), encoding="utf-8")
    fresh = invoke("import", "--db", journal_path, tmp_path / "new.json")
    assert fresh.exit_code == 2 and "Unknown quality 'sproingy'" in fresh.stderr
