"""The root Typer app. Command modules add themselves to it; see __init__.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from serjournal import __version__, messages
from serjournal.cli.click_api import NoArgsIsHelpError, UsageError
from serjournal.cli.options import DB_HELP, JournalChoice
from serjournal.errors import SerjournalError

# How `serjournal --help` lists the commands: the daily ritual first, then
# looking back, then looking after the data. Unlisted commands come last.
COMMAND_ORDER = (
    "checkin", "status", "list", "show", "search", "review", "report", "demo", "edit", "delete",
    "undo", "trash", "export", "import", "backup", "restore", "sync", "encrypt", "decrypt",
    "remind", "config", "doctor",
)  # fmt: skip


class FriendlyGroup(TyperGroup):
    """Turns every SerjournalError into one line on stderr and its exit code,
    so no command can leak a traceback for a problem the user can fix."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        known = [n for n in COMMAND_ORDER if n in names]
        return known + [n for n in names if n not in COMMAND_ORDER]

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:  # bad options given before the command name
            _usage_error_line(error)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            _usage_error_line(error)
        except SerjournalError as error:
            _error_line(str(error))
            raise typer.Exit(error.exit_code) from None
        except sqlite3.Error as error:  # a store function missed a translation
            from serjournal.cli.options import JournalChoice
            from serjournal.store.connection import journal_error

            choice = ctx.find_object(JournalChoice)
            journal = choice.resolved if choice is not None else None
            text = (
                str(journal_error(error, journal.path))
                if journal is not None
                else f"the journal could not be used: {error}"
            )
            _error_line(text)
            raise typer.Exit(3) from None


def _error_line(text: str) -> None:
    """One line on stderr. It may quote what a user or a file gave: sanitised."""
    from serjournal.textsafe import one_line

    typer.echo(f"Error: {one_line(text)}", err=True)


def _usage_error_line(error: UsageError) -> NoReturn:
    # Click prints usage + hint + error on three lines; one line is calmer.
    where = error.ctx.command_path if error.ctx else "serjournal"
    typer.echo(f"Error: {error.format_message()} (see '{where} --help')", err=True)
    raise typer.Exit(2) from None


app = typer.Typer(
    cls=FriendlyGroup,
    help=messages.APP_HELP,
    no_args_is_help=False,  # bare `serjournal` shows today at a glance (cli/today.py)
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"serjournal {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    db: Annotated[Path | None, typer.Option("--db", help=DB_HELP, show_default=False)] = None,
) -> None:
    # The one place a command's journal starts from; see cli/options.py.
    ctx.obj = JournalChoice(db)
    if ctx.invoked_subcommand is None:
        from serjournal.cli.today import show_today

        show_today(ctx)
