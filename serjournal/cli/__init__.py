"""The command line. Commands are thin: they parse options, call plain
functions elsewhere in the package and print. One module per topic."""

from __future__ import annotations

import copy
import os
import sys

import typer

from serjournal.cli import (  # noqa: F401  (importing a module registers its commands)
    browse,
    checkin,
    config,
    doctor,
    edit,
    encryption,
    remind,
    report,
    review,
    search,
    sync,
    today,
    transfer,
    trash,
)
from serjournal.cli.app import app

# Options of the root command that take a value: the word after them is not a command.
ROOT_OPTIONS_WITH_VALUE = ("--db",)


def main() -> None:
    only_the_command(app, sys.argv[1:])(prog_name="serjournal")


def only_the_command(whole: typer.Typer, args: list[str]) -> typer.Typer:
    """The app with just the command `args` names. Typer turns the signature
    of every registered command into a click command on each run, which was
    most of the time `list` or `review` spent in Python; one is enough to
    run it. Anything else (no command, an unknown or misspelt one, which
    needs the others to suggest from, or shell completion) gets the whole app."""
    name = command_named(args)
    if name is None or os.environ.get("_SERJOURNAL_COMPLETE"):
        return whole
    commands = [c for c in whole.registered_commands if _name_of_command(c) == name]
    groups = [g for g in whole.registered_groups if g.name == name]
    if not commands and not groups:
        return whole
    narrow = copy.copy(whole)
    narrow.registered_commands = commands
    narrow.registered_groups = groups
    return narrow


def command_named(args: list[str]) -> str | None:
    """The first word of `args` that is neither an option nor an option's value."""
    words = iter(args)
    for word in words:
        if word in ROOT_OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _name_of_command(info: typer.models.CommandInfo) -> str | None:
    if info.name:
        return info.name
    if info.callback is None:
        return None
    return typer.main.get_command_name(info.callback.__name__)


__all__ = ["app", "main"]
