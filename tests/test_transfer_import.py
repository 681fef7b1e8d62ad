"""Importing: bad files are refused whole with one clear line; Daylio exports
come in with the expected values."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from serjournal import messages
from serjournal.errors import InputError
from serjournal.store.checkins import count_checkins, load_checkin
from serjournal.store.connection import open_journal
from serjournal.transfer import import_daylio
from serjournal.transfer.importing import import_file
from tests.transfer_helpers import all_dicts, csv_text, fill, json_text, write


@pytest.fixture
def exported(tmp_path: Path) -> str:
    source = open_journal(tmp_path / "source.db")
    fill(source, 3)
    text = csv_text(source)
    source.close()
    return text


def _refused(db, path: Path, match: str) -> str:  # type: ignore[no-untyped-def]
    before = all_dicts(db)
    with pytest.raises(InputError, match=match) as caught:
        import_file(db, path)
    message = str(caught.value)
    assert "\n" not in message
    assert all_dicts(db) == before
    return message


def _edit_row(text: str, row: int, column: str, value: str) -> str:
    lines = text.split("\r\n")
    header = lines[0].split(",")
    # Row cells are simple in the first columns we edit (no quotes before them).
    cells = lines[row - 1].split(",")
    cells[header.index(column)] = value
    lines[row - 1] = ",".join(cells)
    return "\r\n".join(lines)


def test_out_of_range_values_reject_the_whole_file(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    fill(db, 1)  # something already there must stay as it is
    bad = _edit_row(_edit_row(exported, 2, "mood", "11"), 4, "energy", "x")
    message = _refused(db, write(tmp_path / "bad.csv", bad), "2 rows are invalid")
    assert "row 2: mood must be a whole number from 0 to 10, not '11'" in message
    assert "row 4: energy" in message
    assert message.endswith("nothing was imported.")
    assert count_checkins(db) == 1


def test_reasons_quoting_cells_stay_on_one_short_line(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    bad = _edit_row(exported, 2, "mood", '"two\nlines' + "x" * 500 + '"')
    message = _refused(db, write(tmp_path / "bad.csv", bad), "1 row is invalid")
    assert len(message) < 300


def test_bad_dates_are_rejected(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    bad = _edit_row(exported, 3, "created_utc", "2026-13-45T00:00:00Z")
    _refused(
        db, write(tmp_path / "bad.csv", bad), r"^1 row is invalid \(row 3: Could not read the time"
    )
    mismatch = _edit_row(exported, 2, "local_date", "2020-01-01")
    _refused(
        db, write(tmp_path / "bad2.csv", mismatch), "row 2: local_date 2020-01-01 does not match"
    )


def test_many_invalid_rows_show_three_reasons(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    lines = exported.split("\r\n")
    body = "\r\n".join([lines[0]] + ["x,y"] * 5) + "\r\n"
    message = _refused(db, write(tmp_path / "bad.csv", body), "5 rows are invalid")
    assert message.count("it has 2 cells") == 3 and "and 2 more" in message


def test_wrong_columns_empty_not_utf8_and_folders(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _refused(db, write(tmp_path / "w.csv", "name,value\r\na,1\r\n"), "neither a serjournal")
    _refused(db, write(tmp_path / "e.csv", "  \n"), "is empty")
    latin = tmp_path / "l.csv"
    latin.write_bytes("id,note\r\n1,caf\xe9\r\n".encode("latin-1"))
    _refused(db, latin, "not UTF-8")
    _refused(db, tmp_path, "is a folder")
    _refused(db, tmp_path / "missing.csv", "There is no file")
    _refused(db, write(tmp_path / "j.json", '{"checkins": [1, '), "Could not read JSON")
    _refused(db, write(tmp_path / "k.json", '{"checkins": 3}'), "not a serjournal export")
    _refused(db, write(tmp_path / "n.json", '{"version": 2, "checkins": []}'), "newer serjournal")


def test_tidy_tables_point_to_checkins_csv(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = open_journal(tmp_path / "s.db")
    fill(source, 1)
    _refused(db, write(tmp_path / "s.csv", csv_text(source, "sensations")), "import checkins.csv")


def test_json_rows_are_numbered_as_check_ins(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = open_journal(tmp_path / "s.db")
    fill(source, 2)
    text = json_text(source).replace('"mood": 6', '"mood": 60', 1)
    _refused(db, write(tmp_path / "s.json", text), r"^1 check-in is invalid \(check-in 1: mood")
    not_uuid = json_text(source).replace('"id": "', '"id": "x', 1)
    bad_id = re.search(r'"id": "(x[^"]+)"', not_uuid).group(1)  # type: ignore[union-attr]
    expected = messages.BAD_WHOLE_ID.format(id=bad_id).rstrip(".")
    message = _refused(db, write(tmp_path / "u.json", not_uuid), "check-in 1: ")
    assert message == messages.INVALID_ROWS.format(
        count=1, noun="check-in is", reasons=f"check-in 1: {expected}"
    )


def test_dry_run_counts_and_writes_nothing(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "e.csv", exported)
    report = import_file(db, path, dry_run=True)
    assert (report.added, report.skipped, report.rejected) == (3, 0, 0)
    assert count_checkins(db) == 0
    import_file(db, path)
    bad = write(tmp_path / "b.csv", _edit_row(exported, 2, "mood", "99"))
    report = import_file(db, bad, dry_run=True)
    assert (report.added, report.skipped, report.rejected) == (0, 2, 1)


def test_bom_and_reordered_columns_are_accepted(db, tmp_path, exported) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    rows = list(csv.reader(io.StringIO(exported, newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([list(reversed(r)) for r in rows])
    assert import_file(db, write(tmp_path / "r.csv", "\ufeff" + out.getvalue())).added == 3


DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note,scales\r\n"
    '2024-03-14,March 14,Thursday,8:52 pm,good,"friends | movies / tv","A title","Saw a film, '
    'then ""talked"".",\r\n'
    "2024-03-14,March 14,Thursday,07:05,awful,,,,\r\n"
    "2024-03-13,March 13,Wednesday,12:10 AM,ecstatic,work,,,sleep: 4\r\n"
)


def test_daylio_export_imports_to_expected_values(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "daylio_export.csv", DAYLIO)
    report = import_file(db, path)
    assert report.kind == "Daylio CSV" and report.added == 3
    assert report.custom_moods == {"ecstatic": 1}
    loaded = sorted(
        (load_checkin(db, r[0]) for r in db.execute("select id from checkins")),
        key=lambda c: c.created_utc,
    )
    evening = loaded[2]
    assert evening.local_time.replace(tzinfo=None) == datetime(2024, 3, 14, 20, 52)
    assert evening.mood == 7 and evening.mode == "quick"
    assert evening.tags == ["friends", "movies / tv"]
    assert evening.answers["note"] == 'A title\n\nSaw a film, then "talked".'
    morning = loaded[1]
    assert morning.local_time.hour == 7 and morning.mood == 1 and morning.answers == {}
    custom = loaded[0]
    assert custom.local_time.replace(tzinfo=None) == datetime(2024, 3, 13, 0, 10)
    assert custom.mood is None
    assert "Daylio mood: ecstatic" in custom.answers["note"]
    assert "Daylio scales: sleep: 4" in custom.answers["note"]
    local_offset = datetime(2024, 3, 14, 20, 52).astimezone().utcoffset()
    assert evening.utc_offset_minutes * 60 == local_offset.total_seconds()  # type: ignore[union-attr]
    again = import_file(db, path)
    assert (again.added, again.skipped) == (0, 3)


def test_daylio_custom_mood_can_be_mapped(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "d.csv", DAYLIO)
    report = import_file(db, path, mood_map=import_daylio.parse_mood_map(["Ecstatic=10"]))
    assert report.custom_moods == {}
    assert db.execute("select max(mood) from checkins").fetchone()[0] == 10


def test_daylio_bad_rows_are_reported(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = DAYLIO.replace("8:52 pm", "25:00").replace("2024-03-13", "13/03/2024")
    message = _refused(db, write(tmp_path / "d.csv", bad), "2 rows are invalid")
    assert "row 2: time '25:00'" in message and "row 4: full_date '13/03/2024'" in message


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("8:52 pm", 20, 52),
        ("12:05 am", 0, 5),
        ("12:30 PM", 12, 30),
        ("08:01 a.m.", 8, 1),
        ("23:59", 23, 59),
        ("0:00", 0, 0),
        ("9:15:30", 9, 15),
    ],
)
def test_daylio_clock_forms(text: str, hour: int, minute: int) -> None:
    clock = import_daylio.parse_clock(text)
    assert (clock.hour, clock.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["13:00 pm", "24:00", "7 pm", "", "7:5"])
def test_daylio_bad_clocks(text: str) -> None:
    with pytest.raises(InputError):
        import_daylio.parse_clock(text)


@pytest.mark.parametrize("spec", ["ecstatic", "=5", "x=11", "x=nine"])
def test_bad_mood_map(spec: str) -> None:
    with pytest.raises(InputError, match="--daylio-mood takes NAME=VALUE"):
        import_daylio.parse_mood_map([spec])


def test_daylio_times_use_the_local_zone_of_that_date(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import time

    previous = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        text = (
            "full_date,date,weekday,time,mood,activities,note_title,note\r\n"
            "2024-01-10,January 10,Wednesday,9:00 pm,meh,,,\r\n"
            "2024-07-10,July 10,Wednesday,21:00,meh,,,\r\n"
        )
        import_file(db, write(tmp_path / "d.csv", text))
        rows = db.execute(
            "select local_date, created_utc, utc_offset_minutes from checkins order by local_date"
        ).fetchall()
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()
    assert rows == [
        ("2024-01-10", "2024-01-11T02:00:00Z", -300),
        ("2024-07-10", "2024-07-11T01:00:00Z", -240),
    ]
