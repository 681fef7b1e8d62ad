"""`serjournal config path|show|edit`, and loading the config for other commands."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from serjournal.cli.app import app
from serjournal.cli.options import journal_of

if TYPE_CHECKING:
    from serjournal.config import Config

config_app = typer.Typer(
    help="Your config file: own words, prompts and ritual.", no_args_is_help=True
)
app.add_typer(config_app, name="config")


def active_config() -> Config:
    """Load the config, put its vocabulary in force, and warn (one line on
    stderr for each setting left out) when the file has mistakes."""
    from serjournal.config import load_config
    from serjournal.render.theme import set_theme
    from serjournal.vocabulary import set_vocabulary

    config = load_config()
    warn(config)
    set_vocabulary(config.vocabulary)
    set_theme(config.theme)
    return config


def warn(config: Config) -> None:
    for warning in config.warnings:
        typer.echo(f"Warning: {warning}", err=True)


@config_app.command("path")
def config_path() -> None:
    """Where the config file is (or would be). Env: SERJOURNAL_CONFIG."""
    from serjournal import paths

    typer.echo(str(paths.config_file()))


@config_app.command("show")
def config_show() -> None:
    """Check the config file and show the settings in force."""
    from serjournal import messages
    from serjournal.config import load_config
    from serjournal.render.config import render_config
    from serjournal.render.console import make_console

    config = load_config()
    console = make_console()
    assert config.path is not None
    if not config.path.exists():
        typer.echo(messages.CONFIG_NONE.format(path=config.path))
    elif config.warnings:
        warn(config)
    else:
        typer.echo(messages.CONFIG_OK.format(path=config.path))
    console.print(render_config(config))
    if config.warnings:
        raise typer.Exit(1)


@config_app.command("edit")
def config_edit(ctx: typer.Context) -> None:
    """Open the config in $VISUAL or $EDITOR, creating a commented template first."""
    from serjournal import messages, paths
    from serjournal.config import TEMPLATE, load_config
    from serjournal.errors import InputError

    path = paths.config_file()
    command = _editor_command(path)  # before anything is made: a bad $EDITOR changes nothing
    if not path.exists():
        with paths.private_output(path, journal=journal_of(ctx), overwrite=False) as out:
            out.write(TEMPLATE)
        typer.echo(messages.CONFIG_CREATED.format(path=path))
    try:
        subprocess.run(command, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise InputError(
            messages.CONFIG_EDITOR_FAILED.format(editor=command[0], reason=error)
        ) from None
    config = load_config(path)
    if config.warnings:
        warn(config)
        raise typer.Exit(1)
    typer.echo(messages.CONFIG_OK.format(path=path))


def _editor_command(path: Path) -> list[str]:
    """$VISUAL or $EDITOR as the shell would split it (it may carry options),
    then the file. One clear line when it cannot be read as a command."""
    from serjournal import messages
    from serjournal.errors import InputError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or _fallback_editor()
    try:
        words = shlex.split(editor)
    except ValueError as error:  # an unclosed quote: EDITOR="'x"
        raise InputError(
            messages.CONFIG_EDITOR_FAILED.format(editor=editor, reason=error)
        ) from None
    # Only spaces: the file itself must never be run as the command.
    return [*(words or [_fallback_editor()]), str(path)]


def _fallback_editor() -> str:
    return "notepad" if os.name == "nt" else "vi"
