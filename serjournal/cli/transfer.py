"""`export`, `import`, `backup` and `restore`: the user's data, out and back in."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, SinceOption, UntilOption, journal_of, open_reader

if TYPE_CHECKING:
    from serjournal.journal import Journal

# Age public keys a backup or an export is encrypted to (transfer/age.py).
ToOption = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        metavar="AGE_PUBLIC_KEY",
        help="Encrypt to this age public key (age1...), repeatable; only its secret key reads it.",
    ),
]


class Table(StrEnum):
    checkins = "checkins"
    sensations = "sensations"
    emotions = "emotions"


class Format(StrEnum):
    csv = "csv"
    json = "json"


@app.command()
def export(
    ctx: typer.Context,
    table: Annotated[
        Table | None,
        typer.Option(help="Which table: checkins (one row each), sensations or emotions."),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="csv, or json for whole nested check-ins.")
    ] = Format.csv,
    all_dir: Annotated[
        Path | None,
        typer.Option(
            "--all", metavar="DIR", help="Write every table as CSV, with a README, into DIR."
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (0600) instead of the screen."),
    ] = None,
    bom: Annotated[
        bool,
        typer.Option("--bom", help="Start with a UTF-8 byte order mark (for some spreadsheets)."),
    ] = False,
    to: ToOption = None,
    _db: DbOption = None,
) -> None:
    """Export check-ins as CSV (spreadsheet-safe, re-importable) or JSON (complete).

    Text cells starting with = + - @ ' a tab or a carriage return get one
    apostrophe in front so spreadsheets never run them; import removes it.
    """
    from serjournal import messages
    from serjournal.errors import InputError
    from serjournal.transfer import exporting

    period = exporting.parse_period(since, until)
    journal = journal_of(ctx)
    if all_dir is not None:
        if output is not None or table is not None or format is Format.json:
            raise InputError(messages.ALL_WITH_OTHER_OPTIONS)
        if str(all_dir) == "-":  # standard output holds one file, not a folder of them
            raise InputError(messages.ALL_NOT_TO_STDOUT)
        written = exporting.export_all(
            open_reader(journal), journal, all_dir, *period, bom=bom, recipients=to or ()
        )
        typer.echo(messages.EXPORTED_ALL.format(files=", ".join(written), path=all_dir), err=True)
        return
    if format is Format.json and table is not None:
        raise InputError(messages.JSON_HAS_NO_TABLES)
    name = "json" if format is Format.json else (table or Table.checkins).value
    count = exporting.export_one(
        open_reader(journal), journal, name, output, *period, bom=bom, recipients=to or ()
    )
    if output is not None and str(output) != "-":
        noun = {"sensations": "sensation", "emotions": "emotion"}.get(name, "check-in")
        what = messages.counted(count, noun)
        typer.echo(messages.EXPORTED.format(what=what, path=output), err=True)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A serjournal export (JSON or checkins.csv) or a Daylio CSV."
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Only report what would be added, skipped and rejected."),
    ] = False,
    daylio_mood: Annotated[
        list[str] | None,
        typer.Option(
            "--daylio-mood",
            metavar="NAME=VALUE",
            help="Place a custom Daylio mood on the 0-10 scale, repeatable.",
        ),
    ] = None,
    _db: DbOption = None,
) -> None:
    """Import a serjournal export or a Daylio CSV; ids already there are skipped.

    A file with any invalid row is refused whole, and nothing is written.
    """
    from serjournal import messages
    from serjournal.cli.config import active_config
    from serjournal.errors import InputError
    from serjournal.store.connection import empty_journal
    from serjournal.transfer.import_daylio import parse_mood_map
    from serjournal.transfer.importing import import_file

    active_config()  # the user's own words, which checkins.csv rows may name
    mood_map = parse_mood_map(daylio_mood or [])
    journal = journal_of(ctx)
    if journal.owns(file):  # reading it would also drop SQLite's locks for this process
        raise InputError(messages.IMPORT_IS_JOURNAL.format(path=file))
    if dry_run and not journal.exists():
        # A dry run creates nothing: compare against an empty journal in memory.
        report = import_file(empty_journal(), file, dry_run=True, mood_map=mood_map)
    else:
        report = import_file(journal.open(), file, dry_run=dry_run, mood_map=mood_map)
    added = messages.counted(report.added, "check-in")
    if dry_run:
        typer.echo(
            messages.DRY_RUN_REPORT.format(
                added=added, skipped=report.skipped, rejected=report.rejected
            )
        )
    else:
        typer.echo(
            messages.IMPORTED.format(
                added=added, path=file, kind=report.kind, skipped=report.skipped
            )
        )
    if report.in_trash:
        typer.echo(messages.IMPORT_SKIPPED_IN_TRASH.format(count=report.in_trash))
    if report.custom_moods:
        names = ", ".join(f"'{name}'" for name in sorted(report.custom_moods))
        typer.echo(
            messages.DAYLIO_CUSTOM_MOODS.format(
                entries=messages.counted(sum(report.custom_moods.values()), "Daylio entry"),
                names=names,
            )
        )
    if report.problems:
        raise InputError(report.problem_line())


@app.command()
def backup(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="Where to write it (default: timestamped, in a backups folder by the journal; "
            "'-': standard output).",
        ),
    ] = None,
    to: ToOption = None,
    _db: DbOption = None,
) -> None:
    """A consistent copy of the journal, safe to take while it is in use.

    With --to (or `[backup] recipients` in the config) it is encrypted to
    those age public keys: this machine can write it but not read it.
    """
    from serjournal import messages
    from serjournal.transfer.age import configured_recipients
    from serjournal.transfer.backup import backup as make_backup

    journal = journal_of(ctx)
    recipients = to if to else configured_recipients()
    if file is not None and str(file) == "-":
        _backup_to_stdout(journal, recipients)
        return
    target, count = make_backup(open_reader(journal), journal, file, recipients)
    checkins = messages.counted(count, "check-in")
    if recipients:
        keys = messages.counted(len(recipients), "key")
        typer.echo(messages.AGE_BACKUP_DONE.format(checkins=checkins, path=target, keys=keys))
    else:
        typer.echo(messages.BACKUP_DONE.format(checkins=checkins, path=target))


def _backup_to_stdout(journal: Journal, recipients: Sequence[str]) -> None:
    """`backup -`: the backup's bytes to standard output, the note to stderr."""
    import sys

    from serjournal import messages
    from serjournal.errors import InputError
    from serjournal.transfer.backup import backup_image
    from serjournal.transfer.files import binary_standard_output

    if sys.stdout.isatty():
        raise InputError(messages.BACKUP_STDOUT_TERMINAL)
    image, count = backup_image(open_reader(journal), recipients)
    with binary_standard_output() as out:
        out.write(image)
    typer.echo(
        messages.BACKUP_STDOUT_DONE.format(checkins=messages.counted(count, "check-in")), err=True
    )


@app.command()
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The backup file to restore.")],
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            "-i",
            metavar="KEYFILE",
            help="The age secret key file that opens a backup encrypted with --to.",
        ),
    ] = None,
    _db: DbOption = None,
) -> None:
    """Replace the journal with a backup, after checking it. The current
    journal is kept beside it under a timestamped name."""
    from serjournal import messages
    from serjournal.transfer.backup import restore as restore_backup

    journal = journal_of(ctx)
    restored = restore_backup(file, journal, identity=identity)
    if restored.aside is None:
        typer.echo(
            messages.RESTORED_NEW.format(
                checkins=messages.counted(restored.count, "check-in"),
                source=file,
                journal=journal.path,
            )
        )
    else:
        typer.echo(
            messages.JOURNAL_RESTORED.format(
                checkins=messages.counted(restored.count, "check-in"),
                source=file,
                aside=restored.aside,
            )
        )
