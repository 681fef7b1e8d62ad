"""Usage mistakes (unknown commands or options, bad option values) are one line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from serjournal.cli import app


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["chekin"], "Did you mean 'checkin'?"),
        (["show"], "Missing argument 'ID'"),
        (["list", "--limit", "0"], "--limit"),
        (["checkin", "--mood", "abc"], "mood must be a whole number"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and expected in lines[0]
    assert "Traceback" not in result.output


def test_no_arguments_shows_help_with_the_disclaimer() -> None:
    result = CliRunner().invoke(app, [])
    assert "not therapy or medical advice" in result.output
    assert "checkin" in result.output


def test_help_lists_the_daily_checkin_first() -> None:
    listed = [
        line.split()[0]
        for line in CliRunner().invoke(app, ["--help"]).output.split("Commands:")[1].splitlines()
        if line.strip()
    ]
    assert listed[:3] == ["checkin", "status", "list"]
    assert {"review", "export", "import", "backup", "config"} <= set(listed)
