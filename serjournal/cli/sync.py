"""`serjournal sync DIR` and `sync --status`: one journal on several machines."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, journal_of, open_reader

if TYPE_CHECKING:
    from serjournal.config import Config
    from serjournal.journal import Journal
    from serjournal.sync.run import SyncKeys, SyncReport


@app.command()
def sync(
    ctx: typer.Context,
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="A folder your sync tool replicates (remembered after the first time).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Show the machines seen and when each last wrote.")
    ] = False,
    _db: DbOption = None,
) -> None:
    """Sync this journal with your other machines through a shared folder.

    Each machine writes its own change log into DIR and reads the others';
    Syncthing, Dropbox, iCloud Drive or Nextcloud carry the logs between
    machines. The journal file itself never belongs in DIR.
    """
    from serjournal import messages
    from serjournal.errors import InputError

    journal = journal_of(ctx)
    if status:
        if folder is not None:
            raise InputError(messages.SYNC_STATUS_WITH_FOLDER)
        _show_status(journal)
        return
    from serjournal.cli.config import active_config
    from serjournal.sync.run import sync as run_sync

    report = run_sync(journal, folder, keys=keys_of(active_config()))
    _print_report(report)
    if report.not_sent:
        from serjournal.errors import SerjournalError

        raise SerjournalError(report.not_sent)
    if report.problems:
        raise typer.Exit(1)


def _print_report(report: SyncReport) -> None:
    from serjournal import messages
    from serjournal.textsafe import one_line

    for warning in report.warnings:
        typer.echo(one_line(warning), err=True)
    for note in report.notes:
        typer.echo(one_line(note))
    typer.echo(one_line(report.summary()))
    for problem in report.problems:
        typer.echo(f"Warning: {one_line(problem)}", err=True)
    if len(report.problems) > 1:
        count = messages.sync_count(len(report.problems), "log", "logs")
        typer.echo(messages.SYNC_PROBLEMS.format(count=count), err=True)


def keys_of(config: Config) -> SyncKeys:
    """The logs' age keys: the config's [backup] recipients and identity."""
    from serjournal.sync.run import SyncKeys

    return SyncKeys(config.backup_recipients, config.backup_identity)


def sync_after_save(journal: Journal, config: Config) -> None:
    """`sync = "after-checkin"`: a sync after the check-in was saved. The
    check-in is saved whatever happens here: problems are one warning line."""
    if config.sync != "after-checkin":
        return
    import contextlib

    from serjournal import messages
    from serjournal.errors import SerjournalError
    from serjournal.sync.run import remembered_folder
    from serjournal.sync.run import sync as run_sync
    from serjournal.textsafe import one_line

    with contextlib.suppress(OSError):  # the output may be closed: the save is what matters
        try:
            if remembered_folder(journal) is None:
                typer.echo(messages.SYNC_AFTER_CHECKIN_NO_FOLDER, err=True)
                return
            report = run_sync(journal, keys=keys_of(config))
        except SerjournalError as error:
            typer.echo(one_line(messages.SYNC_AFTER_CHECKIN_FAILED.format(reason=error)), err=True)
            return
        for warning in report.warnings:
            typer.echo(one_line(warning), err=True)
        problems = [report.not_sent] if report.not_sent else []
        for problem in problems + report.problems:
            typer.echo(
                one_line(messages.SYNC_AFTER_CHECKIN_FAILED.format(reason=problem)), err=True
            )
        typer.echo(one_line(report.summary()))


def _show_status(journal: Journal) -> None:
    from rich.table import Table

    from serjournal import messages
    from serjournal.cli.config import active_config
    from serjournal.render.console import make_console
    from serjournal.store.sync_state import sync_status
    from serjournal.sync.logfile import format_local
    from serjournal.textsafe import one_line

    status = sync_status(open_reader(journal))
    if status is None:
        typer.echo(messages.SYNC_STATUS_NEVER)
        return
    after = active_config().sync == "after-checkin"
    when = messages.SYNC_STATUS_AFTER_CHECKIN if after else ""
    typer.echo(one_line(messages.SYNC_STATUS_HEAD.format(folder=status.folder, when=when)))
    table = Table(box=None, header_style="bold cyan", pad_edge=False)
    for column in ("machine", "id", "last change", "changes"):
        table.add_column(column, overflow="fold")
    for seen in status.machines:
        label = seen.label
        if seen.machine == status.machine:
            label = messages.SYNC_STATUS_THIS.format(label=seen.label)
        last = format_local(seen.last_at) if seen.last_at else messages.SYNC_STATUS_NOT_YET
        table.add_row(label, seen.machine[:8], last, str(seen.changes))
    make_console().print(table)
    if status.waiting:
        typer.echo(messages.SYNC_STATUS_WAITING.format(count=status.waiting))
    else:
        typer.echo(messages.SYNC_STATUS_ALL_SENT)
    for problem in status.problems:
        if os.path.lexists(Path(status.folder) / problem.name):  # not one since removed
            typer.echo(one_line(messages.SYNC_STATUS_PROBLEM.format(problem=problem.problem)))
