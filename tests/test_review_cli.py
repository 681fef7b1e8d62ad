"""`serjournal review` and `serjournal demo` from the command line."""

from __future__ import annotations

import json
import re
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from serjournal import messages
from serjournal.cli import app
from serjournal.demo import fill_journal
from serjournal.review.periods import iso_week
from serjournal.review.schema import REVIEW_SCHEMA
from serjournal.store.connection import open_journal
from tests.journal_builder import add

runner = CliRunner()
TODAY = date.today()
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def full_journal(journal_path: Path) -> Path:
    """Fourteen weeks of demo check-ins ending today."""
    db = open_journal(journal_path)
    fill_journal(db, weeks=14, end=TODAY, seed=3)
    db.close()
    return journal_path


def review(*args: str) -> Any:
    return runner.invoke(app, ["review", *args])


def as_json(journal: Path, *args: str) -> dict[str, Any]:
    result = review("--db", str(journal), "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- A small JSON Schema checker, enough for REVIEW_SCHEMA ----------------------------

TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "null": type(None),
    "boolean": bool,
}


def schema_errors(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    errors: list[str] = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[k]) and not (isinstance(value, bool) and k != "boolean")
            for k in kinds
        )
        if not ok:
            return [f"{where}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        if schema.get("additionalProperties") is False:
            errors += [f"{where}: unexpected {k}" for k in value if k not in schema["properties"]]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += schema_errors(value[key], sub, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 10**9):
            errors.append(f"{where}: {len(value)} items")
        for i, item in enumerate(value):
            errors += schema_errors(item, schema.get("items", {}), f"{where}[{i}]")
    return errors


def test_the_schema_checker_catches_wrong_shapes() -> None:
    assert schema_errors({"a": 1}, {"type": "object", "required": ["b"]}) == ["$: missing b"]
    strict = {"type": "object", "properties": {}, "additionalProperties": False}
    assert schema_errors({"x": 1}, strict)
    assert schema_errors(True, {"type": "integer"})
    assert schema_errors([1, "2"], {"type": "array", "items": {"type": "integer"}})


# --- Output ----------------------------------------------------------------------------------


def test_review_of_the_current_week(full_journal: Path) -> None:
    result = review("--db", str(full_journal))
    assert result.exit_code == 0, result.output
    week = iso_week(TODAY)
    year, number, _ = week.start.isocalendar()
    assert f"Your review of week {number}, {year}" in result.stdout
    assert week.span in result.stdout
    for heading in ("Mood, energy and distress", "Body map", "Emotions", "Consistency"):
        assert heading in result.stdout
    assert messages.REVIEW_DISCLAIMER in result.stdout


def test_json_follows_its_documented_shape(full_journal: Path) -> None:
    data = as_json(full_journal, "--week", "last")
    assert schema_errors(data, REVIEW_SCHEMA) == []
    week = iso_week(TODAY - timedelta(days=7))
    assert (data["period"]["start"], data["period"]["end"]) == (
        week.start.isoformat(),
        week.end.isoformat(),
    )
    assert data["previous_period"]["end"] == (week.start - timedelta(days=1)).isoformat()
    assert data["consistency"]["checkins"] == sum(p["checkins"] for p in data["series"])
    assert data["patterns"]["observations"], "fourteen weeks of demo data show patterns"


def test_json_of_an_empty_journal_has_the_same_shape() -> None:
    result = review("--json")  # $SERJOURNAL_DB points at a file that does not exist
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert schema_errors(data, REVIEW_SCHEMA) == []
    assert data["consistency"]["checkins"] == 0 and data["ratings"]["mood"]["average"] is None


@pytest.mark.parametrize(
    ("args", "start", "end"),
    [
        (["--week", "last"], iso_week(TODAY).start - timedelta(days=7), None),
        (["--week", "this"], iso_week(TODAY).start, None),
        (["--last", "10"], TODAY - timedelta(days=9), TODAY),
        (["--last", "1"], TODAY, TODAY),
        (["--since", "2 weeks ago"], TODAY - timedelta(days=14), TODAY),
        (
            ["--since", (TODAY - timedelta(days=40)).isoformat(), "--until", "yesterday"],
            TODAY - timedelta(days=40),
            TODAY - timedelta(days=1),
        ),
    ],
)
def test_every_period_option(full_journal: Path, args: list[str], start: date, end: Any) -> None:
    data = as_json(full_journal, *args)
    end = end or start + timedelta(days=6)
    assert (data["period"]["start"], data["period"]["end"]) == (start.isoformat(), end.isoformat())
    days = (end - start).days + 1
    assert data["previous_period"]["days"] == days
    assert sum(p["days"] for p in data["series"]) == days
    drawn = review("--db", str(full_journal), *args)
    expected = "Your review" if data["consistency"]["checkins"] else "No check-ins from"
    assert drawn.exit_code == 0 and expected in drawn.stdout


def test_iso_week_option(full_journal: Path) -> None:
    monday = iso_week(TODAY).start - timedelta(weeks=3)
    year, week, _ = monday.isocalendar()
    data = as_json(full_journal, "--week", f"{year}-W{week:02d}")
    assert data["period"]["start"] == monday.isoformat()
    assert data["period"]["kind"] == "week"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--week", "2026-W99"], "Could not read the week"),
        (["--week", "soon"], "Could not read the week"),
        (["--last", "0"], "--last takes a number of days"),
        (["--last", "abc"], "--last takes a number of days"),
        (["--last", "2.5"], "--last takes a number of days"),
        (["--since", "2026-11-10", "--until", "2026-11-01"], "is after --until"),
        (["--since", "the day I started"], "Could not read the time"),
        (["--until", "2026-13-45"], "Could not read the time"),
        (["--week", "last", "--last", "3"], "Choose one way"),
        (["--save", "review.pdf"], "--save writes .html or .svg"),
    ],
)
def test_bad_period_input_is_one_line_and_writes_nothing(
    journal_path: Path, args: list[str], fragment: str
) -> None:
    result = review("--db", str(journal_path), *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and fragment in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stdout == ""
    assert not journal_path.exists()  # nothing was created


def test_empty_journal_is_met_kindly(tmp_path: Path) -> None:
    result = review()
    assert result.exit_code == 0
    assert result.stdout.strip() == messages.REVIEW_EMPTY_JOURNAL
    assert "serjournal checkin" in result.stdout
    assert not (tmp_path / "env-journal" / "journal.db").exists()  # reading creates nothing


def test_empty_period_says_so_and_points_to_checkin(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(db, TODAY - timedelta(days=60))
    result = review("--db", str(journal_path))
    assert result.exit_code == 0
    assert "No check-ins from" in result.stdout and "serjournal checkin" in result.stdout
    assert "Body map" not in result.stdout


@pytest.mark.parametrize("suffix", [".html", ".svg"])
def test_save_writes_a_private_file(full_journal: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / "shared" / f"review{suffix}"
    result = review("--db", str(full_journal), "--save", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = target.read_text(encoding="utf-8")
    assert ("<svg" if suffix == ".svg" else "<html") in document
    assert "Body" in document and "Consistency" in document
    assert str(target) in result.stdout


def test_save_alongside_json_keeps_stdout_pure_json(full_journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    result = review("--db", str(full_journal), "--json", "--save", str(target))
    assert result.exit_code == 0
    assert schema_errors(json.loads(result.stdout), REVIEW_SCHEMA) == []
    assert str(target) in result.stderr and "<html" in target.read_text(encoding="utf-8")


def test_save_to_an_unwritable_place_is_one_line(full_journal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = review("--db", str(full_journal), "--save", str(blocker / "review.svg"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Could not write ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("columns", [60, 80])
def test_plain_output_fits_narrow_terminals(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for args in ([], ["--last", "90"]):
        result = review("--db", str(full_journal), *args)
        assert result.exit_code == 0
        assert not ANSI.search(result.stdout)  # NO_COLOR and a pipe: no escape codes
        widest = max(len(line) for line in result.stdout.splitlines())
        assert widest <= columns


def test_wide_terminals_still_get_eighty_columns(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = review("--db", str(full_journal), "--last", "30")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


# --- demo ----------------------------------------------------------------------------------------


def test_demo_fills_a_new_file_and_shows_its_review(tmp_path: Path) -> None:
    target = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(target), "--weeks", "3", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "Your review" in result.stdout and str(target) in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_demo_is_deterministic_for_a_seed(tmp_path: Path) -> None:
    outputs = []
    for name, seed in (("a", "11"), ("b", "11"), ("c", "12")):
        args = ["demo", "--db", str(tmp_path / f"{name}.db"), "--seed", seed, "--json"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert schema_errors(data, REVIEW_SCHEMA) == []
        outputs.append(data)
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_demo_without_db_leaves_nothing_behind(journal_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--weeks", "2"])
    assert result.exit_code == 0, result.output
    assert messages.DEMO_REMOVED in result.stdout
    assert not journal_path.exists()


def test_demo_refuses_a_journal_with_checkins(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(db, TODAY)
    result = runner.invoke(app, ["demo", "--db", str(journal_path)])
    assert result.exit_code == 2 and "already holds 1 check-in;" in result.stderr
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1


def test_demo_refuses_the_real_journal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = tmp_path / "real" / "journal.db"
    monkeypatch.setenv("SERJOURNAL_DB", str(real))
    result = runner.invoke(app, ["demo", "--db", str(real)])
    assert result.exit_code == 2 and "never writes to your journal" in result.stderr
    assert not real.exists()


@pytest.mark.parametrize("weeks", ["0", "521"])
def test_demo_weeks_out_of_range(weeks: str) -> None:
    result = runner.invoke(app, ["demo", "--weeks", weeks])
    assert result.exit_code == 2 and "--weeks takes" in result.stderr


# --- Issue 12: months, years, the drawn map, 'new', stdout problems -----------------------


def test_month_and_year_from_the_command_line(full_journal: Path) -> None:
    this_month = as_json(full_journal, "--month")
    assert this_month["period"]["kind"] == "month"
    assert this_month["period"]["start"] == TODAY.replace(day=1).isoformat()
    previous_end = TODAY.replace(day=1) - timedelta(days=1)
    assert this_month["previous_period"]["end"] == previous_end.isoformat()
    assert this_month["previous_period"]["start"] == previous_end.replace(day=1).isoformat()
    named = as_json(full_journal, "--month", previous_end.strftime("%Y-%m"))
    assert named["period"]["start"] == previous_end.replace(day=1).isoformat()
    assert named["year_view"] is None
    year = as_json(full_journal, "--year", str(TODAY.year))
    assert year["period"]["start"] == f"{TODAY.year}-01-01"
    assert year["previous_period"]["start"] == f"{TODAY.year - 1}-01-01"
    assert len(year["year_view"]) in (365, 366)
    assert schema_errors(year, REVIEW_SCHEMA) == []
    # The year view's days add up to the check-ins of the year.
    assert sum(d["checkins"] for d in year["year_view"]) == year["consistency"]["checkins"]


def test_year_view_is_drawn_and_coloured_by_the_chosen_scale(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = review("--db", str(full_journal), "--year", "--by", "distress")
    assert result.exit_code == 0, result.output
    assert "The year, day by day  coloured by distress" in result.stdout
    assert "1   5    10   15   20   25   30" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line[2:5] in ("Jan", "Dec")]
    assert [row[2:5] for row in rows] == ["Jan", "Dec"]
    plain = review("--db", str(full_journal), "--year", "--plain")
    assert "The year by month" in plain.stdout and "The year, day by day" not in plain.stdout


@pytest.mark.parametrize(
    ("args", "fragment", "code"),
    [
        (["--by", "distress"], "--by colours the year view; add --year", 2),
        (["--year", "--by", "sleep"], "--by takes one of mood, energy, distress", 2),
        (["2026-11"], "'2026-11' needs --month or --year before it", 2),
        (["--month", "--year"], "Choose one way", 2),
        (["--month", "2026-13"], "Could not read the month", 2),
        (["--week", "9999-W52"], "Reviews cover the years 1900 to 2999", 2),
        (["--year", "9999"], "Reviews cover the years 1900 to 2999", 2),
    ],
)
def test_bad_month_year_and_by_are_one_line(
    journal_path: Path, args: list[str], fragment: str, code: int
) -> None:
    result = review("--db", str(journal_path), *args)
    assert result.exit_code == code
    assert result.stderr.startswith("Error: ") and fragment in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not journal_path.exists()


def test_a_first_week_says_new_not_a_change(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    for offset in range(3):
        add(
            db,
            TODAY - timedelta(days=offset),
            sensations=[("chest", "tight", 5), ("neck", "tense", 3)],
            emotions=[("anxious", 4, "chest")],
            tags=["work"],
        )
    result = review("--db", str(journal_path), "--last", "7")
    assert result.exit_code == 0, result.output
    body = result.stdout.split("Body map")[1].split("Emotions")[0]
    emotions = result.stdout.split("Emotions")[1].split("Release")[0]
    tags = result.stdout.split("\nTags")[1].split("Takeaways")[0]
    for section in (body, emotions, tags):
        assert "new" in section and "+3" not in section and "↑" not in section
    assert "new" in result.stdout.split("Mood, energy")[1].split("Body map")[0]
    # Ten years back from today: nothing before, so nothing to compare with either.
    long = review("--db", str(journal_path), "--last", "3650")
    assert "+3 ↑" not in long.stdout and "+6 ↑" not in long.stdout


def test_a_change_is_shown_when_the_period_before_has_data(db, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    add(db, TODAY, sensations=[("chest", "tight", 5)])
    add(db, TODAY - timedelta(days=1), sensations=[("chest", "tight", 5)])
    add(db, TODAY - timedelta(days=9), sensations=[("neck", "tense", 3)])
    result = review("--db", str(journal_path), "--last", "7", "--plain")
    body = result.stdout.split("Body map")[1].split("Emotions")[0]
    assert "vs before" in body.splitlines()[1]  # the change column has its header
    chest = next(line for line in body.splitlines() if "chest" in line)
    assert chest.rstrip().endswith("+2 ↑")


def test_patterns_window_ends_today(full_journal: Path) -> None:
    result = review("--db", str(full_journal))  # this week, still under way
    heading = next(line for line in result.stdout.splitlines() if line.startswith("Patterns"))
    assert heading.endswith(f"{TODAY:%a %d %b %Y}")
    data = as_json(full_journal)
    assert data["patterns"]["window"]["end"] == TODAY.isoformat()
    assert data["helped"]["window"] == data["patterns"]["window"]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_drawn_body_map_at_each_width(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = review("--db", str(full_journal), "--last", "28")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= min(columns, 80)
    start = lines.index("Body map  where, how often and how strongly")
    figure = lines[start + 1 : lines.index("", start + 1)]
    assert "times" in figure[0] and "avg" in figure[0] and "change" in figure[0]
    head = next(line for line in figure if " head " in line)
    assert head.split()[0].strip("·░▒▓█") == ""  # the head row starts with figure cells
    assert any("right  left" in line for line in figure)
    assert any("least to most" in line for line in figure)
    data = as_json(full_journal, "--last", "28")
    for load in data["body"]:
        label = next(line for line in figure if f" {load['region']} " in line + " ")
        assert f"{load['times']}×" in label and f"{load['mean_intensity']:.1f}" in label


def test_narrow_terminals_and_plain_get_the_table(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "59")
    narrow = review("--db", str(full_journal), "--last", "28")
    assert "right  left" not in narrow.stdout and "how often" in narrow.stdout
    monkeypatch.setenv("COLUMNS", "80")
    plain = review("--db", str(full_journal), "--last", "28", "--plain")
    assert "right  left" not in plain.stdout and "how often" in plain.stdout
    assert not any(char in plain.stdout for char in "▁▂▃▄▅▆▇█░▒▓●")  # no drawn figures


@pytest.mark.parametrize("args", [[], ["--json"], ["--year"]])
def test_review_into_a_full_disk_is_one_line(full_journal: Path, args: list[str]) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        finished = subprocess.run(
            [sys.executable, "-m", "serjournal", "review", "--db", str(full_journal), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert finished.returncode == 2
    assert finished.stderr == ("Error: Could not write standard output: No space left on device.\n")


@pytest.mark.parametrize("suffix", [".html", ".svg"])
def test_saved_review_draws_the_body_map_and_loads_nothing(
    full_journal: Path, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"review{suffix}"
    result = review("--db", str(full_journal), "--last", "28", "--save", str(target))
    assert result.exit_code == 0, result.output
    document = target.read_text(encoding="utf-8")
    assert 'class="body-map"' in document and "<title>chest:" in document
    data = as_json(full_journal, "--last", "28")
    chest = next(r for r in data["body"] if r["region"] == "chest")
    assert f"chest: {chest['times']} times, average intensity" in document
    lowered = document.lower()
    for loader in ("https://", "http://cdn", "<script", "@import", "url(http", "<link"):
        assert loader not in lowered, loader  # Rich's own SVG template loads a web font
    if suffix == ".html":
        assert "default-src 'none'" in document and "<h2>What helped" in document


def test_saved_year_has_its_day_squares(full_journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "year.html"
    result = review("--db", str(full_journal), "--year", "--by", "energy", "--save", str(target))
    assert result.exit_code == 0, result.output
    document = target.read_text(encoding="utf-8")
    year_part = document.split('<section class="year">')[1].split("</section>")[0]
    assert year_part.count("<rect") == TODAY.timetuple().tm_yday
    assert (
        f"{TODAY:%a %d %b %Y}: energy" in year_part
        or f"{TODAY:%a %d %b %Y}: no check-in" in year_part
    )


def test_every_json_key_is_documented() -> None:
    """docs/review-json.md names every key the schema allows, at every level."""
    doc = (Path(__file__).resolve().parents[1] / "docs" / "review-json.md").read_text("utf-8")

    def keys(schema: dict[str, Any]) -> set[str]:
        found = set(schema.get("properties", {}))
        for sub in schema.get("properties", {}).values():
            found |= keys(sub)
        if isinstance(schema.get("items"), dict):
            found |= keys(schema["items"])
        return found

    missing = sorted(k for k in keys(REVIEW_SCHEMA) if k not in doc)
    assert missing == []


@pytest.mark.parametrize("args", [["demo", "--weeks", "2"], ["demo", "--weeks", "2", "--json"]])
def test_demo_into_a_full_disk_is_one_line(args: list[str]) -> None:
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        finished = subprocess.run(
            [sys.executable, "-m", "serjournal", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert finished.returncode == 2
    assert finished.stderr.endswith(
        "Error: Could not write standard output: No space left on device.\n"
    )
    assert "Traceback" not in finished.stderr


def test_long_sparklines_keep_their_change_at_sixty_columns(
    full_journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = review("--db", str(full_journal), "--last", "90")
    lines = result.stdout.splitlines()
    ratings = [line for line in lines if line.startswith(("  mood ", "  energy ", "  distress "))]
    assert len(ratings) == 3
    for line in ratings:
        assert len(line) <= 60 and "…" not in line
        assert line.endswith(("↑", "↓", "→", "new"))
    monkeypatch.setenv("COLUMNS", "80")  # room for the counts again
    wide = review("--db", str(full_journal), "--last", "90").stdout
    assert "vs before" in wide and re.search(r"\d\.\d \(\d+\)", wide)


@pytest.mark.parametrize("suffix", [".html", ".svg"])
def test_saving_an_empty_period_saves_the_kind_words(
    db,
    journal_path: Path,
    tmp_path: Path,
    suffix: str,  # type: ignore[no-untyped-def]
) -> None:
    add(db, TODAY - timedelta(days=60))
    target = tmp_path / f"empty{suffix}"
    result = review("--db", str(journal_path), "--save", str(target))
    assert result.exit_code == 0, result.output
    document = target.read_text(encoding="utf-8").replace("&#160;", " ")  # SVG text spaces
    assert "No check-ins from" in document and 'class="body-map"' not in document
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize("args", [[], ["--plain"], ["--year"], ["--last", "90", "--plain"]])
def test_no_line_ends_in_spaces(full_journal: Path, args: list[str]) -> None:
    result = review("--db", str(full_journal), *args)
    assert result.exit_code == 0
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []
