"""`serjournal COMMAND` builds only COMMAND's click command (cli.only_the_command):
Typer otherwise turns all of them into click commands on every run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from serjournal.cli import app, command_named, only_the_command


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["list", "--limit", "7"], "list"),
        (["--db", "list", "show", "1"], "show"),  # --db's value is not the command
        (["--db=journal.db", "review"], "review"),
        (["--version"], None),
        (["--help"], None),
        ([], None),
        (["--db"], None),
        (["config", "show"], "config"),
    ],
)
def test_the_command_is_the_first_word_that_is_not_an_option(
    args: list[str], name: str | None
) -> None:
    assert command_named(args) == name


def _names(whole: typer.Typer) -> list[str]:
    group = typer.main.get_group(whole)
    return sorted(group.list_commands(typer.Context(group)))


def test_every_command_and_group_narrows_to_itself_alone() -> None:
    names = _names(app)
    assert {"checkin", "list", "import", "config", "trash", "remind"} <= set(names)
    for name in names:
        narrow = only_the_command(app, ["--db", "j.db", name, "--help"])
        assert narrow is not app, name
        assert _names(narrow) == [name]
    assert _names(app) == names  # the app itself is left whole


@pytest.mark.parametrize("args", [["lst"], [], ["--version"], ["--install-completion"]])
def test_anything_else_gets_the_whole_app(args: list[str]) -> None:
    assert only_the_command(app, args) is app


def test_shell_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_SERJOURNAL_COMPLETE", "complete_bash")
    assert only_the_command(app, ["list"]) is app


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "serjournal", *args], capture_output=True, text=True, timeout=60
    )


def test_the_real_program_runs_the_command_named(journal_path: Path) -> None:
    saved = _run("--db", str(journal_path), "checkin", "--mood", "6", "--note", "narrow")
    assert saved.returncode == 0, saved.stderr
    listed = _run("--db", str(journal_path), "list", "-n", "1")
    assert listed.returncode == 0 and "6" in listed.stdout
    shown = _run("config", "path")
    assert shown.returncode == 0 and shown.stdout.strip().endswith(".toml")


def test_a_misspelt_command_is_still_suggested_with_all_to_choose_from() -> None:
    done = _run("lst")
    assert done.returncode == 2
    assert "No such command 'lst'. Did you mean 'list'?" in done.stderr
