"""`serjournal report`: a printable page for a practitioner session."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from serjournal.cli.app import app
from serjournal.cli.options import DbOption, UntilOption, journal_of


@app.command()
def report(
    ctx: typer.Context,
    since: Annotated[
        str,
        typer.Option(
            metavar="DAY",
            help="First day: 2026-11-01, '4 weeks ago', or 'last-report' (the day after "
            "the last report ended).",
            show_default=False,
        ),
    ],
    until: UntilOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (0600), or - for the screen. Default: "
            "serjournal-report-FIRST-to-LAST.html here, never over an existing file.",
            show_default=False,
        ),
    ] = None,
    include_notes: Annotated[
        bool,
        typer.Option(
            "--include-notes",
            help="Include the written answers of the days listed (never from check-ins "
            "tagged 'private').",
        ),
    ] = False,
    _db: DbOption = None,
) -> None:
    """A calm, printable HTML page to bring to a practitioner session.

    The period's figures, the body map, emotions and where they were felt,
    release effects, the days with the highest distress and the takeaways.
    Written answers are left out unless --include-notes; a check-in tagged
    'share' always shows its own, one tagged 'private' is never quoted or
    listed (its ratings still count in the totals). Nothing is sent anywhere."""
    from serjournal.review.report import run_report

    run_report(
        journal_of(ctx), since=since, until=until, output=output, include_notes=include_notes
    )
