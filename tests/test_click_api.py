"""serjournal/cli/click_api.py is the only use of Typer's private copy of
Click. These tests fail loudly, naming what changed, when a Typer release
moves or changes the two classes it takes from there."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

import serjournal
from serjournal.cli import app
from serjournal.cli.click_api import NoArgsIsHelpError, UsageError


def test_usage_error_is_still_the_base_of_typers_public_bad_parameter() -> None:
    assert issubclass(typer.BadParameter, UsageError), (
        "typer.BadParameter no longer derives from typer._click.exceptions.UsageError: "
        "update serjournal/cli/click_api.py"
    )
    assert issubclass(NoArgsIsHelpError, UsageError)


def _plain_app() -> typer.Typer:
    plain = typer.Typer(no_args_is_help=True)

    @plain.command()
    def one(count: int = 1) -> None:
        typer.echo(count)

    @plain.command()
    def two() -> None:
        typer.echo("two")

    return plain


def test_typer_raises_usage_error_for_an_unknown_option() -> None:
    command = get_command(_plain_app())
    with pytest.raises(UsageError) as raised:
        command.main(["one", "--bogus"], prog_name="plain", standalone_mode=False)
    assert "No such option: --bogus" in raised.value.format_message()
    assert raised.value.ctx is not None  # FriendlyGroup names the command from it


def test_typer_raises_no_args_is_help_error_for_no_arguments() -> None:
    command = get_command(_plain_app())
    with pytest.raises(NoArgsIsHelpError):
        command.main([], prog_name="plain", standalone_mode=False)


def test_serjournal_turns_them_into_one_line_and_help() -> None:
    bogus = CliRunner().invoke(app, ["list", "--xyzzy"], prog_name="serjournal")
    assert bogus.exit_code == 2
    assert bogus.stderr == "Error: No such option: --xyzzy (see 'serjournal list --help')\n"
    # Bare `serjournal` shows today (cli/today.py); `config` alone still shows its help.
    empty = CliRunner().invoke(app, ["config"], prog_name="serjournal")
    assert empty.exit_code == 2  # Click's exit code for "no arguments: here is the help"
    assert empty.output.startswith("Usage: serjournal config [OPTIONS] COMMAND [ARGS]...")
    assert "show" in empty.output


def test_no_other_module_imports_typers_private_click() -> None:
    package = Path(serjournal.__file__).parent
    users = []
    for source in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and "_click" in (node.module or ""):
                users.append(str(source.relative_to(package)))
            if isinstance(node, ast.Import) and any("_click" in a.name for a in node.names):
                users.append(str(source.relative_to(package)))
    assert users == ["cli/click_api.py"], "import typer._click only in serjournal/cli/click_api.py"
